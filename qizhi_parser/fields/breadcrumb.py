"""Breadcrumb: the path line 人民网 >> 经济·科技, with each step's link."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..found import Found
from ..models import Crumb
from ..page import Block, Page
from ..vocab import CRUMB_ARTICLE_STEP, CRUMB_LINE, CRUMB_PREFIX, CRUMB_SEP, CRUMB_SEP_LABELLED, CRUMB_TEXT_END, Zone
from ._text import squash
from .urls import Links

if TYPE_CHECKING:
    from ..layout import Layout

__all__ = ["extract_breadcrumb", "is_path_line", "locate"]

#: Zones read in loops: module constants (an Enum member lookup costs three times a global's).
_BREADCRUMB = Zone.BREADCRUMB

MAX_CRUMB = 40


def _parts(text: str, single: bool = False) -> list[str] | None:
    """The steps of a path line, or None when the line is not one.

    >>> _parts("当前位置： 首页｜新华社记者看东北｜人物专访"), _parts("新华网 正文"), _parts("首页 > 科技 > 正文")
    (['首页', '新华社记者看东北', '人物专访'], ['新华网'], ['首页', '科技'])
    """
    parts, marked = _split(squash(text))
    parts = [p for p in parts if p]
    if parts and parts[-1] == CRUMB_ARTICLE_STEP:
        parts.pop()
    if not parts or any(len(p) > MAX_CRUMB or "。" in p for p in parts):
        return None
    return parts if len(parts) >= 2 or single or marked else None


def _split(text: str) -> tuple[list[str], bool]:
    """The parts of a line cut at its path separators, and whether the line says it is a
    path (a 当前位置 label, a closing 正文), so that one part is enough."""
    labelled = CRUMB_PREFIX.match(text)
    if labelled:
        return [squash(p) for p in CRUMB_SEP_LABELLED.split(text[labelled.end() :])], True
    ending = CRUMB_TEXT_END.match(text)
    if ending and not CRUMB_SEP.search(text):
        return ending["path"].split(" "), True
    return [squash(p) for p in CRUMB_SEP.split(text)], ending is not None


def _steps(block: Block) -> list[str] | None:
    # a path element of the template may hold one step (人民网); a line found by its shape needs two
    single = block.zone == _BREADCRUMB and len(block.text) <= MAX_CRUMB and bool(block.links)
    return _parts(block.text, single)


def is_path_line(text: str) -> bool:
    """A line shaped as a breadcrumb: 人民网 >> 文化, 当前位置：首页｜专访, 新华网 正文."""
    text = squash(text)
    return bool(CRUMB_LINE.match(text) or CRUMB_PREFIX.match(text) or CRUMB_TEXT_END.match(text))


def locate(page: Page, before: int | None) -> tuple[int, str, list[str]] | None:
    """The path line: the template's path element, else the last path-shaped line above
    ``before`` (a 当前位置 label makes a line a path even in a table cell); its block,
    rule and steps."""
    blocks = page.blocks
    for block in blocks:
        if block.zone == _BREADCRUMB and not block.hidden and (steps := _steps(block)):
            return block.index, "html:breadcrumb", steps
    limit = before if before is not None else min(len(blocks), 60)
    found = None
    for block in blocks[:limit]:
        if block.hidden or not is_path_line(block.text):
            continue
        if block.listed and not CRUMB_PREFIX.match(block.text):
            continue
        if steps := _steps(block):
            found = (block.index, f"{page.format}:path-line", steps)
    return found


def extract_breadcrumb(page: Page, layout: Layout) -> Found[list[Crumb]]:
    """The steps of the path line, each with its link."""
    if layout.breadcrumb is None:
        return Found([])
    block = page.blocks[layout.breadcrumb]
    resolve = Links(layout.base)
    links = {squash(link.text): link.href for link in block.links}
    crumbs = [Crumb(text=part, url=resolve(links.get(part))) for part in layout.breadcrumb_steps]
    return Found(crumbs, raw=block.text, rule=layout.breadcrumb_rule, block=block.index,
                 dropped_links=tuple(resolve.dropped))
