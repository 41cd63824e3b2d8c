"""The path line (breadcrumb): the template's path element, else a path-shaped line above the title."""

from __future__ import annotations

from ..page import Block, Page
from ..settings import RULES, Rules
from ..text.paths import is_path_line, path_steps
from ..text.spaces import squash
from ..vocab import CRUMB_PREFIX, Zone
from .regions import PathRegion

__all__ = ["locate_path"]

#: Zones read in loops: module constants (an Enum member lookup costs three times a global's).
_BREADCRUMB = Zone.BREADCRUMB


def _steps(block: Block, rules: Rules) -> list[str] | None:
    # a path element of the template may hold one step (人民网); a line found by its shape needs two
    single = block.zone == _BREADCRUMB and len(block.text) <= rules.max_crumb_step and bool(block.links)
    return path_steps(block.text, single, rules.max_crumb_step)


def _zone_run(blocks: list[Block], first: Block) -> list[Block]:
    """The path element's blocks from ``first`` on: a template may set each step in a cell or
    an item of its own (首页 | > 要闻 | > 山西要闻); empty blocks between them are skipped."""
    run = [first]
    for block in blocks[first.index + 1 :]:
        if block.zone != _BREADCRUMB or block.hidden:
            if block.text.strip():
                break
            continue
        if block.text.strip():
            run.append(block)
    return run


#: The characters a step set in a block of its own starts with: > 要闻.
_STEP_LEADS = (">", "＞", "»", "›", "→")
#: Separator characters (and spaces) at either end of one block of a path set across blocks.
_EDGE_SEPARATORS = "".join(_STEP_LEADS) + " \u3000\xa0"


def _joined(run: list[Block]) -> str:
    """The steps of a path set across blocks, joined by one separator (each block's own
    leading or trailing separator dropped)."""
    texts = [squash(b.text).strip(_EDGE_SEPARATORS) for b in run]
    return " > ".join(t for t in texts if t)


def _from_zone(page: Page, rules: Rules) -> PathRegion | None:
    """The template's path element: a block that holds the path, or the run of blocks that
    hold one step each."""
    for block in page.blocks:
        if block.zone != _BREADCRUMB or block.hidden or not block.text.strip():
            continue
        steps = _steps(block, rules)
        if steps and len(steps) > 1:
            return PathRegion(block.index, "html:breadcrumb", block.text, tuple(steps))
        run = _zone_run(page.blocks, block)
        text = _joined(run)
        across = path_steps(text, True, rules.max_crumb_step) if len(run) > 1 else None
        if across:
            return PathRegion(block.index, "html:breadcrumb", text, tuple(across), tuple(b.index for b in run))
        if steps:
            return PathRegion(block.index, "html:breadcrumb", block.text, tuple(steps))
    return None


def locate_path(page: Page, before: int | None, rules: Rules = RULES) -> PathRegion | None:
    """The path line: the template's path element (one block, or one a step), else the last
    path-shaped line above ``before`` (a 当前位置 label makes a line a path even in a table cell)."""
    blocks = page.blocks
    zoned = _from_zone(page, rules)
    if zoned is not None:
        return zoned
    limit = before if before is not None else min(len(blocks), rules.path_search)
    found = None
    for block in blocks[:limit]:
        if block.hidden or not is_path_line(block.text):
            continue
        if block.listed and not CRUMB_PREFIX.match(block.text):
            continue
        if steps := _steps(block, rules):
            found = PathRegion(block.index, f"{page.format}:path-line", block.text, tuple(steps))
    across = _last_separator_run(blocks[:limit], page.format, rules)
    if across is not None and (found is None or across.index > found.index):
        return across
    return found


def _last_separator_run(blocks: list[Block], fmt: str, rules: Rules) -> PathRegion | None:
    """The last path printed one step a block with no template mark: a step, then blocks
    of the same element that each start with a separator (首页 | > 要闻 | > 市县动态); two
    steps at least, so the last item of a menu above a lone ``> 正文`` is none."""
    found = None
    i = 1
    while i < len(blocks):
        if not blocks[i].text.startswith(_STEP_LEADS):  # blocks are stripped: the first character tells
            i += 1
            continue
        first = blocks[i - 1]
        run = [first]
        while (i < len(blocks) and blocks[i].text.startswith(_STEP_LEADS) and not blocks[i].hidden
               and blocks[i].tag == first.tag):  # one step an element of one kind (a <li> each, a cell each)
            run.append(blocks[i])
            i += 1
        if len(run) > 1 and not first.hidden and first.text and not first.text.startswith(_STEP_LEADS):
            text = _joined(run)
            steps = path_steps(text, False, rules.max_crumb_step)
            if steps and len(steps) > 1:
                found = PathRegion(first.index, f"{fmt}:path-steps", text, tuple(steps), tuple(b.index for b in run))
        i += 1
    return found
