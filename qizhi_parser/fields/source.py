"""Source: the name printed after 来源, its link, and whether it is a reprint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..found import Found, issue
from ..models import Issue, Source
from ..page import Block, Page
from ..vocab import OWN_SOURCES, SOURCE, SOURCE_META, Zone
from ._text import squash
from .urls import Links

if TYPE_CHECKING:
    from ..layout import Layout

__all__ = ["extract_source", "from_meta", "is_reprint", "locate"]

#: Zones read in loops: module constants (an Enum member lookup costs three times a global's).
_INFO = Zone.INFO


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


def _name(block: Block) -> str | None:
    """The source a line prints after 来源, if it prints one."""
    if block.hidden or len(block.text) > 200:
        return None
    match = SOURCE.search(block.text)
    return _linked_name(squash(match.group("name")), block) or None if match else None


def locate(blocks: list[Block], near: int | None) -> int | None:
    """The 来源 line: the time line or a line next to it (older templates split them),
    nearest first; else the template's info lines."""
    order: list[Block] = []
    if near is not None:
        order = sorted(blocks[max(0, near - 2) : near + 3], key=lambda b: abs(b.index - near))
    near_indices = {b.index for b in order}
    order += [b for b in blocks if b.zone == _INFO and b.index not in near_indices]
    for block in order:
        if _name(block):
            return block.index
    return None


def extract_source(page: Page, layout: Layout) -> Found[Source | None]:
    """The printed 来源 (cross-checked with the source meta), else the meta's."""
    meta_source = from_meta(page.meta)
    if layout.source is not None:
        block = page.blocks[layout.source]
        name = _name(block) or ""
        resolve = Links(layout.base)
        source = _make(name, block, resolve)
        rule = "html:info" if block.zone == _INFO else f"{page.format}:source-label"
        problems: tuple[Issue, ...] = ()
        if meta_source and meta_source not in source.name and source.name not in meta_source:
            problems = (issue("source", "source-meta-mismatch",
                              f"printed source {source.name!r} differs from the source meta {meta_source!r}"),)
        return Found(source, raw=block.text, rule=rule, block=block.index, issues=problems,
                     dropped_links=tuple(resolve.dropped))
    if meta_source:
        return Found(Source(name=meta_source, is_reprint=is_reprint(meta_source)), raw=page.meta.get("source"),
                     rule="meta:source",
                     issues=(issue("source", "source-from-meta", "no source printed; taken from the source meta"),))
    return Found(None, issues=(issue("source", "missing", "no source found"),))


def from_meta(meta: dict[str, str]) -> str | None:
    """The name in ``<meta name="source" content="来源：人民日报">``."""
    raw = meta.get("source")
    if not raw:
        return None
    match = SOURCE_META.match(raw)
    name = match.group("name") if match else raw.strip()
    return name or None
