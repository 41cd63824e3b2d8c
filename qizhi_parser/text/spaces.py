"""Spaces and unsafe characters: the one definition of whitespace the package uses.

Two sets, because pages use two: HTML collapses runs of ASCII whitespace in its text
(:data:`HTML_SPACE`, what a browser shows as one space), while the text itself prints
no-break spaces, the ideographic space of a full-width indent (　　) and stray byte-order
marks (:data:`SPACE`, every space a value is trimmed of).
"""

from __future__ import annotations

import re

from ..settings import READ_CHUNK

__all__ = [
    "HTML_SPACE",
    "SPACE",
    "collapse",
    "nth_index",
    "scrub",
    "scrub_count",
    "squash",
    "strip",
    "strip_indent",
]

#: The whitespace HTML collapses: a run of it is one space in a block's text.
HTML_SPACE = " \t\n\r\f\v"
#: Every space a page prints: Unicode's spaces (HTML's, the no-break space, the ideographic space
#: of a full-width indent …) and a stray byte-order mark. Values are trimmed of these.
SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_HTML_RUN = re.compile(f"[{HTML_SPACE}]+")
#: Any run of :data:`SPACE` (``\s`` of the standard engine is Unicode's spaces).
_ANY_RUN = re.compile(r"[\s\ufeff]+")


def strip(text: str) -> str:
    """``text`` without :data:`SPACE` at its edges (``str.strip()``, twice as fast as naming the
    characters, strips them all but the BOM).

    >>> strip("\ufeff\u3000 正文\xa0")
    '正文'
    """
    return text.strip(SPACE) if "\ufeff" in text else text.strip()


def collapse(text: str) -> str:
    """HTML whitespace runs to one space, the edges stripped of every space (the regex only when
    there is a run to collapse).

    >>> collapse(" 守初心\\n  抗疫情 ")
    '守初心 抗疫情'
    """
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text or "\v" in text:
        text = _HTML_RUN.sub(" ", text)
    return text.strip(SPACE) if "\ufeff" in text else text.strip()  # strip(), inlined: once a block


def strip_indent(text: str) -> str:
    """Remove leading indentation (　　, NBSP) and trailing spaces.

    >>> strip_indent("\\u3000\\u3000面对疫情。 ")
    '面对疫情。'
    """
    return strip(text)


def squash(text: str) -> str:
    """Collapse every run of spaces (NBSP and 　 included) to one space, stripped.

    >>> squash(" 守初心\\xa0 抗疫情 ")
    '守初心 抗疫情'

    Every space but the ASCII one is unprintable (``str.isprintable``, one pass in C): a
    printable text without two spaces in a row has nothing to collapse, only its edges to trim.
    """
    if "  " not in text and text.isprintable():
        return text.strip(" ")
    return _ANY_RUN.sub(" ", text).strip(" ")


#: Characters no field may hold: C0 controls but tab and line breaks, DEL and C1 controls,
#: bidi embeddings, overrides, isolates and marks, and lone surrogates. The standard re
#: engine: it scans a character class several times faster than ``regex``.
UNSAFE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: Vertical tab and form feed: whitespace, read as a space.
_SPACE_CONTROLS = str.maketrans({"\x0b": " ", "\x0c": " "})


def scrub(text: str) -> str:
    """``text`` without the characters no field may hold (controls, bidi, lone surrogates).

    >>> scrub("a\x01b\u202ec\x1b[31m"), scrub("正文")
    ('abc[31m', '正文')
    """
    return UNSAFE.sub("", text) if UNSAFE.search(text) else text


def scrub_count(text: str) -> tuple[str, int]:
    """``scrub`` and how many characters it removed (vertical tab and form feed become spaces)."""
    if "\x0b" in text or "\x0c" in text:
        text = text.translate(_SPACE_CONTROLS)
    if not UNSAFE.search(text):
        return text, 0
    return UNSAFE.subn("", text)


def nth_index(text: str, char: str, n: int) -> int | None:
    """The index of the ``n``-th ``char`` in ``text`` (counted in C, chunk by chunk), or None."""
    seen = 0
    step = READ_CHUNK
    for start in range(0, len(text), step):
        chunk = text[start : start + step]
        here = chunk.count(char)
        if seen + here >= n:
            pos = start - 1
            for _ in range(n - seen):
                pos = text.index(char, pos + 1)
            return pos
        seen += here
    return None
