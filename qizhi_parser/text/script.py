"""Simplified or traditional script, told apart with the codecs alone.

A character that GB2312 can encode but BIG5 cannot is simplified (国, 网); one that
BIG5 can encode but GB2312 cannot is traditional (國, 網). Characters common to
both (的, 人) say nothing.
"""

from __future__ import annotations

from typing import Literal

import regex

__all__ = ["detect_script"]

#: A Chinese character (of any script).
_HAN = regex.compile(r"\p{Han}")


def _lean(chunk: str) -> int:
    """Traditional-only minus simplified-only characters, counted by the codecs in C:
    a character GB2312 cannot encode leans traditional, one BIG5 cannot encode leans
    simplified; characters neither can encode count on both sides and cancel out."""
    plain = chunk.count("?")
    not_gb = chunk.encode("gb2312", errors="replace").count(b"?") - plain
    not_big5 = chunk.encode("big5", errors="replace").count(b"?") - plain
    return not_gb - not_big5


def detect_script(*texts: str, sample: int = 1500) -> Literal["Hans", "Hant"] | None:
    """``Hant`` when traditional-only characters outnumber simplified-only ones, else
    ``Hans``; None when the text holds no Chinese character at all (an English page).

    >>> detect_script("全國人大機關"), detect_script("全国人大机关"), detect_script("Hello world"), detect_script("")
    ('Hant', 'Hans', None, None)
    """
    joined = "".join(texts)[:sample]
    if not _HAN.search(joined):
        return None
    return "Hant" if _lean(joined) > 0 else "Hans"
