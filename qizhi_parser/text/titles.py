"""Page titles: the ``<title>`` and og:title a page gives, cut before the site's name."""

from __future__ import annotations

from ..settings import MAX_HEADLINE, MAX_TITLE_TAG, RULES
from ..vocab import SITE_NAMES, SITE_PART, TITLE_SEPARATOR
from .spaces import squash

__all__ = ["strip_site_suffix", "title_prefixes", "title_text"]


def strip_site_suffix(title: str, max_channel: int = RULES.max_channel_part) -> str:
    """Cut a page title before its site part (and a short channel part before that).

    >>> strip_site_suffix("标题甲--文化--人民网"), strip_site_suffix("标题乙_手机人民网"), strip_site_suffix("标题丙")
    ('标题甲', '标题乙', '标题丙')
    >>> strip_site_suffix("一个很长的标题里有破折号--后半句话也很长很长--旗帜网")
    '一个很长的标题里有破折号--后半句话也很长很长'
    """
    cuts = [(m.start(), m.end()) for m in TITLE_SEPARATOR.finditer(title)]
    bounds = [0, *(end for _, end in cuts)]
    ends = [start for start, _ in cuts] + [len(title)]
    parts = [title[b:e] for b, e in zip(bounds, ends, strict=True)]
    site = next((i for i in range(1, len(parts)) if SITE_PART.search(parts[i])), None)
    if site is None:
        return title.strip()
    keep = site
    if keep > 1 and len(parts[keep - 1].strip()) <= max_channel:
        keep -= 1
    return title[: ends[keep - 1]].strip()


def title_prefixes(*titles: str | None) -> list[str]:
    """Each title and each of its leading parts (cut at 标题_站名 separators), longest first,
    site names left out.

    >>> title_prefixes("标题甲_振兴东北_中国政府网")
    ['标题甲_振兴东北_中国政府网', '标题甲_振兴东北', '标题甲']
    """
    found: list[str] = []
    for raw in titles:
        if not raw or len(raw) > MAX_TITLE_TAG:
            continue
        text = squash(raw)
        found.append(text)
        found.extend(text[: m.start()].strip() for m in TITLE_SEPARATOR.finditer(text))
    return sorted({p for p in found if p and p not in SITE_NAMES}, key=len, reverse=True)


def title_text(raw: str | None) -> str | None:
    """A page title as a headline: its site suffix removed; None when it is a site's name,
    empty or too long.

    >>> title_text("女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网 "), title_text("人民网")
    ('女儿出嫁，郑板桥画了几笔兰花当嫁妆', None)
    """
    if not raw or len(raw) > MAX_TITLE_TAG:
        return None
    text = strip_site_suffix(squash(raw))
    return text if text and text not in SITE_NAMES and len(text) <= MAX_HEADLINE else None
