"""The body: the template's body container, else the blocks after the header up to the first
block that follows an article (an editor line, related news, the footer); and where a second
article starts when an input holds two."""

from __future__ import annotations

from ..page import Block, Page
from ..settings import RULES, Rules
from ..text.credits import EDITOR_CHAIN, parse_credit_run
from ..text.shapes import is_prose
from ..text.sources import is_source_line
from ..text.spaces import strip_indent
from ..vocab import FOOTER, PAGER, STOP, Zone
from .regions import Region
from .time import find_printed
from .title import from_markup, from_text

__all__ = ["find_second_article", "select_body"]

#: Zones read in loops: module constants (an Enum member lookup costs three times a global's).
_BODY = Zone.BODY
_CREDITS = Zone.CREDITS
_ORIGINAL_HEADLINE = Zone.ORIGINAL_HEADLINE


def _editor_line(block: Block) -> bool:
    credits = parse_credit_run(block.text)
    return credits is not None and bool(credits) and all(c.role in EDITOR_CHAIN for c in credits)


def _desk_credit(block: Block, rules: Rules) -> bool:
    """A credit line naming someone of the editing desk among others (作者：… 编辑：…):
    after the text it closes the body as an editor line does."""
    if len(block.text) > rules.max_desk_credit_line:
        return False
    credits = parse_credit_run(block.text)
    return credits is not None and any(c.role in EDITOR_CHAIN and c.names for c in credits)


def _source_line(block: Block, rules: Rules) -> bool:
    """信息来源：内蒙古日报 on a line of its own."""
    return len(block.text) <= rules.max_source_line and is_source_line(block.text)


def _ends_body(block: Block, prose: bool, rules: Rules) -> bool:
    """A closing line after the text (kept as the body's last): an editor line, a credit
    line naming the desk, a labelled source."""
    return (block.zone == _CREDITS or _editor_line(block)
            or (prose and (_desk_credit(block, rules) or _source_line(block, rules))))


def _closing(window: list[Block], after: int, prose: bool, rules: Rules) -> list[Block]:
    """The closing lines right after the one that ended the body: 【责任编辑：…】 after
    （编辑：…）, a 来源 after the editor (empty blocks between them skipped)."""
    found: list[Block] = []
    for block in window[after : after + 2 * rules.closing_lines]:
        if not block.text.strip():
            continue
        if len(found) >= rules.closing_lines or block.hidden or not _ends_body(block, prose, rules):
            break
        found.append(block)
    return found


def _footer(text: str, rules: Rules) -> bool:
    return len(text) < rules.max_footer_line and FOOTER.search(text) is not None


def _navigation(block: Block, rules: Rules) -> bool:
    """A list of links or a linked line (not an image): navigation, not text. A text
    dump marks list items by their bullets; a pager is kept for the pagination."""
    listed = (block.listed and not is_prose(block.text, rules.min_prose)) or (block.linked and not block.images)
    return listed and not PAGER.match(block.text)


def select_body(page: Page, after: int, until: int | None = None,
                rules: Rules = RULES) -> tuple[list[Block], str, list[Block]]:
    """The template's body container if there is one, else the blocks after the
    header up to the first block that follows an article (credits, related news), with
    the lines of navigation skipped among them (the gaps of the article column).
    ``until`` is where a second article starts, if the input holds two."""
    window = page.blocks[:until] if until is not None else page.blocks
    zoned = [b for b in window if b.zone == _BODY]
    if any(strip_indent(b.text) for b in zoned):
        return zoned, f"{page.format}:body", []
    gaps: list[Block] = []
    chosen: list[Block] = []
    prose = False
    for offset, block in enumerate(window[after:], after):
        if _ends_body(block, prose, rules):
            chosen.append(block)
            chosen += _closing(window, offset + 1, prose, rules)
            break
        if STOP.match(block.text) or _footer(block.text, rules):
            break
        if block.hidden and block.zone != _ORIGINAL_HEADLINE:
            continue
        if _navigation(block, rules):
            gaps.append(block)
            continue
        chosen.append(block)
        prose = prose or is_prose(block.text, rules.min_prose)
    return chosen, f"{page.format}:after-header", gaps


def _later_title(page: Page, anchor: int, pos: int, first: int, rules: Rules) -> Region | None:
    """The title above the time line at ``anchor``: its headline element when that comes at
    or after ``first``, else the title block laid out between ``pos`` and the time line."""
    title = from_markup(page, anchor, rules) if page.format == "html" else None
    if title is None or title.index < first:
        title = from_text(page, anchor, start=pos, rules=rules)
    return title if title is not None and title.lines else None


def find_second_article(page: Page, start: int, title_index: int | None, rules: Rules = RULES) -> Region | None:
    """The first block of a second article in the same input (two pages concatenated):
    a headline, then a time line, then paragraphs, all after the first article's header."""
    pos = start
    for _ in range(rules.second_article_tries):
        printed = find_printed(page.blocks[pos:], page.format, rules)
        if printed is None or printed.index < pos:
            return None
        anchor = printed.index
        title = _later_title(page, anchor, pos, max(start, title_index + 1 if title_index is not None else 0), rules)
        following = page.blocks[anchor + 1 : anchor + 1 + rules.second_article_prose]
        prose = sum(1 for b in following
                    if len(b.text) >= rules.min_sentence and b.text.rstrip("”」』）)").endswith("。"))
        if title is not None and title.index >= start and prose >= 2:
            return Region(title.index, "second-article", page.blocks[title.index].text)
        pos = anchor + 1
    return None
