"""The path line (breadcrumb): the template's path element, else a path-shaped line above the title."""

from __future__ import annotations

from ..page import Block, Page
from ..settings import RULES, Rules
from ..text.paths import is_path_line, path_steps
from ..vocab import CRUMB_PREFIX, Zone
from .regions import PathRegion

__all__ = ["locate_path"]

#: Zones read in loops: module constants (an Enum member lookup costs three times a global's).
_BREADCRUMB = Zone.BREADCRUMB


def _steps(block: Block, rules: Rules) -> list[str] | None:
    # a path element of the template may hold one step (人民网); a line found by its shape needs two
    single = block.zone == _BREADCRUMB and len(block.text) <= rules.max_crumb_step and bool(block.links)
    return path_steps(block.text, single, rules.max_crumb_step)


def locate_path(page: Page, before: int | None, rules: Rules = RULES) -> PathRegion | None:
    """The path line: the template's path element, else the last path-shaped line above
    ``before`` (a 当前位置 label makes a line a path even in a table cell)."""
    blocks = page.blocks
    for block in blocks:
        if block.zone == _BREADCRUMB and not block.hidden and (steps := _steps(block, rules)):
            return PathRegion(block.index, "html:breadcrumb", block.text, tuple(steps))
    limit = before if before is not None else min(len(blocks), rules.path_search)
    found = None
    for block in blocks[:limit]:
        if block.hidden or not is_path_line(block.text):
            continue
        if block.listed and not CRUMB_PREFIX.match(block.text):
            continue
        if steps := _steps(block, rules):
            found = PathRegion(block.index, f"{page.format}:path-line", block.text, tuple(steps))
    return found
