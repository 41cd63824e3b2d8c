"""Source: the name printed after 来源, its link, and whether it is a reprint."""

from __future__ import annotations

from ..models import Source
from ..page import Block
from ..vocab import OWN_SOURCES, SOURCE, SOURCE_META
from ._text import squash
from .urls import Links

__all__ = ["from_blocks", "from_meta", "is_reprint"]


def is_reprint(name: str) -> bool:
    """False for the publishing family (人民网, 人民日报, 旗帜网 and their channels).

    >>> is_reprint("人民网－人民日报"), is_reprint("旗幟網"), is_reprint("北京青年报"), is_reprint("新华网")
    (False, False, True, True)
    """
    return not squash(name).replace(" ", "").startswith(OWN_SOURCES)


def _make(name: str, block: Block | None, links: Links) -> Source:
    url = None
    if block is not None:
        for link in block.links:
            if squash(link.text) == name:
                url = links(link.href)
                break
    return Source(name=name, url=url, is_reprint=is_reprint(name))


def _linked_name(name: str, block: Block) -> str:
    """When the source is a link followed by more words on the line (来源：<a>人民日报海外版</a>
    <a>中国青年网</a>, the site's own name), the link's text is the source; without links
    (a text dump), a last word that is a site's name (…网) after a first one is cut.

    >>> from qizhi_parser.page import Block
    >>> _linked_name("人民日报海外版 中国青年网", Block("", (), 0)), _linked_name("人民网 强国论坛", Block("", (), 0))
    ('人民日报海外版', '人民网 强国论坛')
    """
    for link in block.links:
        text = squash(link.text)
        if text and name.startswith(text + " "):
            return text
    if not block.links and " " in name:
        first, _, last = name.rpartition(" ")
        if len(first) >= 2 and 3 <= len(last) <= 8 and last.endswith(("网", "網")) and not first.endswith(("网", "網")):
            return first
    return name


def from_blocks(blocks: list[Block], near: int | None, links: Links) -> tuple[Source, int] | None:
    """The 来源 on the time line or on a line next to it (older templates split them)."""
    order: list[Block] = []
    if near is not None:
        order = list(blocks[max(0, near - 2) : near + 3])
        order.sort(key=lambda b: abs(b.index - near))
    order += [b for b in blocks if b.zone == "info" and b not in order]
    for block in order:
        if block.hidden or len(block.text) > 200:
            continue
        match = SOURCE.search(block.text)
        if match:
            name = _linked_name(squash(match.group("name")), block)
            if name:
                return _make(name, block, links), block.index
    return None


def from_meta(meta: dict[str, str]) -> str | None:
    """The name in ``<meta name="source" content="来源：人民日报">``."""
    raw = meta.get("source")
    if not raw:
        return None
    match = SOURCE_META.match(raw)
    name = match.group("name") if match else raw.strip()
    return name or None
