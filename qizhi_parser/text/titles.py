"""Page titles: the ``<title>`` and og:title a page gives, cut before the site's name."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from difflib import SequenceMatcher

import regex

from ..settings import MAX_HEADLINE, MAX_TITLE_TAG, RULES
from ..vocab import SITE_NAMES, SITE_PART, SITE_WORD, TITLE_SEPARATOR
from .spaces import squash

__all__ = ["is_site_name", "matches_title", "shared_run", "strip_site_suffix", "title_prefixes", "title_text",
           "within_title"]


def _names_site(part: str, max_site: int) -> bool:
    """A title part that names a site: one of the publishing family's names, or a short
    name ending in a site's word (江城新闻网, 示例省人民政府网站)."""
    return bool(SITE_PART.search(part)) or (0 < len(part) <= max_site and bool(SITE_WORD.search(part)))


def _channel(part: str, channels: Sequence[str], max_channel: int) -> bool:
    """A title part between headline and site that names a channel: short, or made only of
    the page's path steps (2007年第23号国务院公报 under 国务院公报 > 2007年第23号)."""
    part = part.strip()
    if len(part) <= max_channel:
        return True
    for step in sorted(channels, key=len, reverse=True):
        if step:
            part = part.replace(step, "")
    return not part.strip(" -_·|")


#: A title's first part set off by a bare hyphen (示例日报数字报-标题): cut when it names a site.
_SITE_LEAD = regex.compile(r"^\s*(?P<site>[^\s\-]{2,16})-(?=\S)")


def strip_site_suffix(title: str, max_channel: int = RULES.max_channel_part, max_site: int = RULES.max_site_name,
                      channels: Sequence[str] = ()) -> str:
    """Cut a page title before its site part (and the channel parts before that: short
    ones, and those made of the page's path steps ``channels``).

    >>> strip_site_suffix("标题甲--文化--人民网"), strip_site_suffix("标题乙_手机人民网"), strip_site_suffix("标题丙")
    ('标题甲', '标题乙', '标题丙')
    >>> strip_site_suffix("一个很长的标题里有破折号--后半句话也很长很长--旗帜网")
    '一个很长的标题里有破折号--后半句话也很长很长'
    >>> strip_site_suffix("冰雪运动进校园 - 江城新闻网"), strip_site_suffix("标题丁_要闻_中国政府网")
    ('冰雪运动进校园', '标题丁')
    >>> strip_site_suffix("某决议__2007年第23号国务院公报_中国政府网", channels=["国务院公报", "2007年第23号"])
    '某决议'

    An e-paper may name itself first (示例日报数字报-标题): a site part before the headline is cut too.

    >>> strip_site_suffix("示例日报数字报-乡村振兴绘新景"), strip_site_suffix("示例晚报电子版_标题戊_示例网")
    ('乡村振兴绘新景', '标题戊')
    """
    cuts = [(m.start(), m.end()) for m in TITLE_SEPARATOR.finditer(title)]
    bounds = [0, *(end for _, end in cuts)]
    ends = [start for start, _ in cuts] + [len(title)]
    parts = [title[b:e] for b, e in zip(bounds, ends, strict=True)]
    if len(parts) > 1 and _names_site(parts[0].strip(), max_site) and title[bounds[1] :].strip():
        return strip_site_suffix(title[bounds[1] :], max_channel, max_site, channels)
    lead = _SITE_LEAD.match(title)  # 示例日报数字报-标题: a bare hyphen after the site's name
    if lead is not None and _names_site(lead["site"], max_site):
        return strip_site_suffix(title[lead.end() :], max_channel, max_site, channels)
    site = next((i for i in range(1, len(parts)) if _names_site(parts[i].strip(), max_site)), None)
    if site is None:
        return title.strip()
    keep = site
    while keep > 1 and _channel(parts[keep - 1], channels, max_channel):
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


def title_text(raw: str | None, channels: Sequence[str] = ()) -> str | None:
    """A page title as a headline: its site suffix removed; None when it is a site's name,
    empty or too long.

    >>> title_text("女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网 "), title_text("人民网")
    ('女儿出嫁，郑板桥画了几笔兰花当嫁妆', None)
    """
    if not raw or len(raw) > MAX_TITLE_TAG:
        return None
    text = strip_site_suffix(squash(raw), channels=channels)
    return text if text and text not in SITE_NAMES and len(text) <= MAX_HEADLINE else None


def _common_run(a: str, b: str) -> int:
    """The length of the longest run of characters ``a`` and ``b`` share."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.find_longest_match(0, len(a), 0, len(b)).size


@functools.lru_cache(maxsize=64)  # one title a page, asked about several headings
def _title_head(title: str) -> str:
    return strip_site_suffix(squash(title)).replace(" ", "")


def shared_run(text: str, title: str) -> tuple[str, str, int]:
    """Heading and title (its site part cut) without spaces — a headline's lines are joined by
    one, a title prints them run together — and the longest run they share."""
    head = squash(text).replace(" ", "")
    wanted = _title_head(title)
    common = min(len(head), len(wanted)) if head in wanted or wanted in head else _common_run(head, wanted)
    return head, wanted, common


def matches_title(text: str, title: str | None, share: float = RULES.title_match_share) -> bool:
    """Whether a heading's ``text`` is the headline the page ``title`` names: the longest run
    they share covers ``share`` of the shorter of the two (the title without its site part)
    and half of the longer. A logo's site name at the title's end covers too little of it.

    >>> title = "土豆不“土” 土豆无“土” 松花江网"
    >>> matches_title("土豆不“土” 土豆无“土”", title), matches_title("松花江网", title)
    (True, False)
    >>> matches_title("山西品牌丝路行（南美站）正式启动", "山西品牌丝路行（南美站）正式启动 - 山西省人民政府网站")
    True
    """
    if not title or not text.strip():
        return False
    head, wanted, common = shared_run(text, title)
    short, long_ = sorted((len(head), len(wanted)))
    return common >= share * short and 2 * common >= long_


def within_title(text: str, title: str | None, share: float = RULES.title_match_share) -> bool:
    """Whether the page ``title`` holds ``share`` of a heading's ``text`` in one run: the
    headline of a title that also prints the subtitle (标题 副题_站名) is within it.

    >>> within_title("社区图书馆延长开放时间", "社区图书馆延长开放时间 夜间阅览座位增至一百二十个_示例网")
    True
    """
    if not title or not text.strip():
        return False
    head, _, common = shared_run(text, title)
    return common >= share * len(head)


def is_site_name(text: str, title: str | None, longest: int = RULES.max_site_name) -> bool:
    """Whether ``text`` (a heading) names the site rather than an article: a known site name,
    or a short name ending in a site's word (…网, …网站, …政府) that is the tail of the
    page title after a separator or a space (标题 - 山西省人民政府网站, 标题 松花江网).

    >>> title = "土豆不“土” 土豆无“土” 松花江网"
    >>> is_site_name("松花江网", title), is_site_name("土豆无“土”", title)
    (True, False)
    """
    name = squash(text)
    if name in SITE_NAMES:
        return True
    if not title or len(name) > longest or not SITE_WORD.search(name):
        return False
    full = squash(title)
    if not full.endswith(name) or len(full) == len(name):
        return False
    before = full[: -len(name)]
    return before.endswith(" ") or bool(TITLE_SEPARATOR.search(before[-3:]))
