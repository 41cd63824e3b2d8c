"""Simplified or traditional script, told apart with the codecs alone.

A character that GB2312 can encode but BIG5 cannot is simplified (国, 网); one that
BIG5 can encode but GB2312 cannot is traditional (國, 網). Characters common to
both (的, 人) say nothing.
"""

from __future__ import annotations

import functools
from typing import Literal

__all__ = ["detect_script"]


@functools.lru_cache(maxsize=65536)
def _lean(char: str) -> int:
    """+1 for a traditional-only character, -1 for a simplified-only one, else 0."""
    if not "\u4e00" <= char <= "\u9fff":
        return 0
    try:
        char.encode("gb2312")
        in_gb = True
    except UnicodeEncodeError:
        in_gb = False
    try:
        char.encode("big5")
        in_big5 = True
    except UnicodeEncodeError:
        in_big5 = False
    if in_big5 and not in_gb:
        return 1
    if in_gb and not in_big5:
        return -1
    return 0


def detect_script(*texts: str, sample: int = 600) -> Literal["Hans", "Hant"]:
    """``Hant`` when traditional-only characters outnumber simplified-only ones.

    >>> detect_script("全國人大機關"), detect_script("全国人大机关"), detect_script("")
    ('Hant', 'Hans', 'Hans')
    """
    score = 0
    budget = sample
    for text in texts:
        chunk = text[:budget]
        score += sum(map(_lean, chunk))
        budget -= len(chunk)
        if budget <= 0:
            break
    return "Hant" if score > 0 else "Hans"
