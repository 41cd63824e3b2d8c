"""The line that prints 来源: the time line or a line next to it, else the template's info lines."""

from __future__ import annotations

from ..page import Block
from ..settings import RULES, Rules
from ..text.sources import printed_source
from ..text.spaces import squash
from ..vocab import OUTLET_END, SITE_WORD, Zone
from .regions import SourceRegion

__all__ = ["locate_source", "source_of"]

#: Zones read in loops: module constants (an Enum member lookup costs three times a global's).
_INFO = Zone.INFO


def _names_outlet(name: str) -> bool:
    """An outlet's name by its last word: …网, …报, …社, …台, …刊, …新闻, …日报."""
    return bool(OUTLET_END.search(name) or SITE_WORD.search(name))


def source_of(block: Block, rules: Rules = RULES) -> str | None:
    """The source a block prints after 来源, if it prints one (the link's text when the name is linked)."""
    if block.hidden or len(block.text) > rules.max_source_line:
        return None
    return printed_source(block.text, [link.text for link in block.links], linked=bool(block.links))


def locate_source(blocks: list[Block], near: int | None, fmt: str, rules: Rules = RULES,
                  title: int | None = None) -> SourceRegion | None:
    """The 来源 line: the time line or a line next to it (older templates split them),
    nearest first; else the template's info lines; else a line next to the title (a page
    that prints its time under the text prints its source under the headline)."""
    for block in _candidates(blocks, near, rules, title):
        name = source_of(block, rules)
        if name:
            rule = "html:info" if block.zone == _INFO else f"{fmt}:source-label"
            return SourceRegion(block.index, rule, block.text, name)
    if fmt == "html" and near is not None:
        return _linked_outlet(blocks[near], rules)
    return None


def _candidates(blocks: list[Block], near: int | None, rules: Rules, title: int | None) -> list[Block]:
    """The blocks that may print the 来源, in the order they are tried."""
    order: list[Block] = []
    reach = rules.source_near
    if near is not None:
        order = sorted(blocks[max(0, near - reach) : near + reach + 1], key=lambda b: abs(b.index - near))
    seen = {b.index for b in order}
    order += [b for b in blocks if b.zone == _INFO and b.index not in seen]
    if title is not None and (near is None or near > title + reach):
        order += [b for b in blocks[title : title + reach + 1] if b.index not in seen]
    return order


def _linked_outlet(block: Block, rules: Rules) -> SourceRegion | None:
    """The time line's one link, when it names an outlet (示例晚报, 中国新闻网) and no 来源 label is
    printed: portals set the source so, a link beside the time (2023年10月08日 14:32 示例晚报)."""
    if len(block.links) != 1 or len(block.text) > rules.max_source_line:
        return None
    name = squash(block.links[0].text)
    if not 2 <= len(name) <= rules.max_site_name or " " in name or not _names_outlet(name):
        return None
    return SourceRegion(block.index, "html:linked-outlet-on-time-line", block.text, name)
