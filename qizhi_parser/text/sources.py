"""Sources: the name a line prints after 来源, and whether it is a reprint."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ..settings import SITE_NAME_LENGTH
from ..vocab import OUTLET_END, OWN_SOURCES, PERSON_NAME, SELF_SOURCES, SOURCE, SOURCE_LINE, SOURCE_META
from .spaces import squash

__all__ = ["find_source", "is_reprint", "is_source_line", "printed_source", "source_from_meta"]


def is_reprint(name: str) -> bool:
    """False for the publishing family (人民网, 人民日报, 旗帜网 and their channels) and for the
    site naming itself (本网, 本报, 本站, 本台, 本刊: "this site", whichever it is).

    >>> is_reprint("人民网－人民日报"), is_reprint("旗幟網"), is_reprint("北京青年报"), is_reprint("新华网")
    (False, False, True, True)
    >>> is_reprint("本网"), is_reprint("本网综合"), is_reprint("本溪日报")
    (False, False, True)
    """
    return not squash(name).replace(" ", "").startswith((*OWN_SOURCES, *SELF_SOURCES))


def find_source(text: str) -> regex.Match[str] | None:
    """The first :data:`~qizhi_parser.vocab.SOURCE` label and name in ``text``; at once None for a
    line with neither 源 nor 出, one of which every label it reads holds (来源, 稿源, 出处).

    >>> find_source("2024年05月10日 来源：人民网")["name"], find_source("2024年05月10日 人民网")
    ('人民网', None)
    """
    if "源" not in text and "出" not in text:
        return None
    return SOURCE.search(text)


def printed_source(text: str, links: Sequence[str] = (), linked: bool = False) -> str | None:
    """The source a line prints after 来源, if it prints one. ``links`` are the texts of the
    line's links (``linked``: the line has links at all).

    When the source is a link followed by more words on the line (来源：<a>人民日报海外版</a>
    <a>中国青年网</a>, the site's own name), the link's text is the source; without links
    (a text dump), a last word that is a site's name (…网) after a first one is cut.

    >>> printed_source("2024年05月10日 来源：人民日报海外版 中国青年网"), printed_source("来源：人民网 强国论坛")
    ('人民日报海外版', '人民网 强国论坛')
    >>> printed_source("来源：人民日报海外版 中国青年网", ["人民日报海外版", "中国青年网"], linked=True)
    '人民日报海外版'

    An outlet's name followed by a two- or three-character name is the outlet and its
    unlabelled author: ``来源：中国新闻网 王帆`` → ``中国新闻网``.
    """
    match = find_source(text)
    if not match:
        return None
    name = squash(match.group("name"))
    for link in links:
        link = squash(link)
        if link and name.startswith(link + " "):
            return link
    if not linked and " " in name:
        first, _, last = name.rpartition(" ")
        shortest, longest = SITE_NAME_LENGTH
        site = shortest <= len(last) <= longest and last.endswith(("网", "網"))
        if len(first) >= 2 and site and not first.endswith(("网", "網")):
            return first
        if OUTLET_END.search(first) and PERSON_NAME.fullmatch(last):  # 中国新闻网 王帆: the author, unlabelled
            return first
    return name or None


def is_source_line(text: str) -> bool:
    """A line that is only a labelled source: 信息来源：内蒙古日报, （来源：新华社）.

    >>> is_source_line("信息来源： 内蒙古日报"), is_source_line("来源："), is_source_line("他说来源：很多")
    (True, False, False)
    """
    return SOURCE_LINE.match(text) is not None and printed_source(text) is not None


def source_from_meta(raw: str | None) -> str | None:
    """The name in ``<meta name="source" content="来源：人民日报">``.

    >>> source_from_meta("来源：人民网-文化频道 原创稿"), source_from_meta("")
    ('人民网-文化频道', None)
    """
    if not raw:
        return None
    match = SOURCE_META.match(raw)
    name = match.group("name") if match else raw.strip()
    return name or None
