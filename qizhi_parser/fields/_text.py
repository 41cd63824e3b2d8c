"""Small text helpers shared by the field extractors."""

from __future__ import annotations

import regex

from ..vocab import CLOSERS, CLOSING

_INDENT = " \t\r\n\f\v\xa0\u3000\ufeff"
_ANY_WS = regex.compile(r"[\s\u3000\xa0]+")


def strip_indent(text: str) -> str:
    """Remove leading indentation (　　, NBSP) and trailing spaces.

    >>> strip_indent("\\u3000\\u3000面对疫情。 ")
    '面对疫情。'
    """
    return text.strip(_INDENT)


def squash(text: str) -> str:
    """Collapse every run of whitespace (NBSP and 　 included) to one space.

    >>> squash(" 守初心\\xa0 抗疫情 ")
    '守初心 抗疫情'
    """
    return _ANY_WS.sub(" ", text).strip()


def ends_open(text: str) -> bool:
    """True when a line does not end a sentence (a heading's shape).

    >>> ends_open("強化責任擔當,把疫情防控作為當前最重要的工作"), ends_open("他说。”"), ends_open("《诫子诗》")
    (True, False, True)
    """
    stripped = text.rstrip(_INDENT)
    core = stripped.rstrip(CLOSERS)
    if not core:
        return False
    if core != stripped and core[-1] in CLOSING:
        return False
    return core[-1] not in CLOSING


#: Shortest block that reads as a sentence of prose.
MIN_PROSE = 16
_SENTENCE_END = frozenset("。！？!?")


def is_prose(text: str) -> bool:
    """A block of running text: long enough, with a sentence end in it (table layouts
    put article paragraphs in cells, where list items of links never read so).

    >>> is_prose("一个约定，信守15年，感人至深；一段真情，延续15年，催人泪下。"), is_prose("河北：快乐备考")
    (True, False)
    """
    return len(text) >= MIN_PROSE and not _SENTENCE_END.isdisjoint(text)
