"""The shape of a line of text: does it end a sentence, is it prose."""

from __future__ import annotations

from ..settings import RULES
from ..vocab import CLOSERS, CLOSING
from .spaces import SPACE

__all__ = ["ends_open", "is_prose"]


def ends_open(text: str) -> bool:
    """True when a line does not end a sentence (a heading's shape).

    >>> ends_open("強化責任擔當,把疫情防控作為當前最重要的工作"), ends_open("他说。”"), ends_open("《诫子诗》")
    (True, False, True)
    """
    stripped = text.rstrip(SPACE)
    core = stripped.rstrip(CLOSERS)
    if not core:
        return False
    if core != stripped and core[-1] in CLOSING:
        return False
    return core[-1] not in CLOSING


def is_prose(text: str, min_length: int = RULES.min_prose) -> bool:
    """A block of running text: long enough, with a sentence end (。！？!?) in it (table layouts
    put article paragraphs in cells, where list items of links never read so).

    Five substring searches in C: a set's ``isdisjoint`` would walk the text a character at a
    time, making a string of each (1.2 µs on a paragraph whose first full stop comes late).

    >>> is_prose("一个约定，信守15年，感人至深；一段真情，延续15年，催人泪下。"), is_prose("河北：快乐备考")
    (True, False)
    """
    return len(text) >= min_length and ("。" in text or "！" in text or "？" in text or "!" in text or "?" in text)
