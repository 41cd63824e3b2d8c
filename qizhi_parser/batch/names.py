"""How an input's name is shown: safe to print to a terminal and to write to a file."""

from __future__ import annotations

__all__ = ["display_name"]

#: Characters a terminal or a line-splitting reader would act on: C0 and C1 controls, DEL,
#: bidi embeddings, overrides, isolates and marks, and the Unicode line separators.
_UNSAFE_IN_NAMES = frozenset(
    [*map(chr, range(0x20)), *map(chr, range(0x7F, 0xA0)), "\u061c", "\u200e", "\u200f",
     *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)), "\u2028", "\u2029"]
)


def display_name(name: str) -> str:
    """A name as text safe to print and to write: surrogate-escaped bytes of a non-UTF-8 file
    name as ``\\xNN``, and control, bidi and line-separator characters as ``\\x1b``, ``\\u202e``
    (a name never moves the terminal's cursor or reverses the text after it).

    >>> display_name("a\\x1b[31mb\\u202ec.html")
    'a\\\\x1b[31mb\\\\u202ec.html'
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if not _UNSAFE_IN_NAMES.isdisjoint(name):
        name = "".join(c.encode("unicode_escape").decode("ascii") if c in _UNSAFE_IN_NAMES else c for c in name)
    return name
