"""The layout stage: where each part of an article sits on its page.

:func:`segment` reads a :class:`~qizhi_parser.page.Page` once and names its regions —
the info line that prints the time, the title group above it, the path line, the
source line, the header between title and info line, the body and the kind of each
of its lines, the pager, and where a second article starts — with the template that
matched. The field extractors (``extract_<field>(page, layout)``) then read values
from those regions only; no extractor searches the page on its own.

Every article page is laid out around one line: the info line that prints the
publication time (and often the 来源). The title group sits just above it, the
path line above the title, the body below. The template's marks
(:mod:`qizhi_parser.templates`) name regions outright where a page has them; the
shapes of lines find them where it does not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ..found import guarded, issue
from ..models import Issue
from ..page import Block, Page
from ..settings import RULES, Rules
from ..text.shapes import is_prose
from ..vocab import Zone
from .body import find_second_article, select_body
from .column import Dropped, trim_column
from .kinds import Line, LineKind, read_lines, settle
from .path import locate_path
from .regions import Layout, PathRegion, Region, SourceRegion, TimeRegion, TitleRegion
from .source import locate_source, source_of
from .time import find_printed
from .title import locate_title
from .url import pick_url

__all__ = ["segment"]

#: Zones read in loops: module constants (an Enum member lookup costs three times a global's).
_PARAGRAPH = LineKind.PARAGRAPH
_SOURCE = LineKind.SOURCE
_INFO = Zone.INFO
_PAGINATION = Zone.PAGINATION

T = TypeVar("T")


def _guarded(issues: list[Issue], field_name: str, default: T, step: Callable[..., T], *args: Any) -> T:
    """Run one locator (:func:`qizhi_parser.found.guarded`); its failure goes to ``issues``."""
    value, problem = guarded(field_name, default, step, *args)
    if problem is not None:
        issues.append(problem)
    return value


def _header(title_index: int | None, anchor: int | None, rules: Rules) -> range:
    end = anchor if anchor is not None else (title_index + rules.header_below_title if title_index is not None else 0)
    start = title_index if title_index is not None else max(0, end - rules.header_above_time)
    return range(start + 1, max(start + 1, end))


def _info(page: Page, anchor: int | None, source: int | None) -> tuple[int, ...]:
    found = {b.index for b in page.blocks if b.zone == _INFO}
    found.update(i for i in (anchor, source) if i is not None)
    return tuple(sorted(found))


def _body_lines(page: Page, blocks: list[Block], rules: Rules) -> tuple[Line, ...]:
    html = page.format == "html"
    return tuple(settle(read_lines(blocks, html, rules), html))


def _column(lines: tuple[Line, ...], gaps: list[Block], rules: Rules) -> tuple[tuple[Line, ...], tuple[Dropped, ...]]:
    """The body's lines inside the article column (a body found by position only)."""
    kept, dropped = trim_column(lines, gaps, rules)
    return tuple(kept), tuple(dropped)


def _header_regions(page: Page, rules: Rules, issues: list[Issue]) -> tuple[
        TimeRegion | None, TitleRegion | None, PathRegion | None, SourceRegion | None]:
    """The time line, the title group above it, the path line above that, and the source line."""
    time = _guarded(issues, "published_at", None, find_printed, page.blocks, page.format, rules)
    anchor = time.index if time else None
    no_title: tuple[TitleRegion | None, Issue | None] = (None, None)
    title, implausible = _guarded(issues, "headline", no_title, locate_title, page, anchor, rules)
    if implausible is not None:
        issues.append(implausible)
    above = title.index if title is not None else anchor
    path = _guarded(issues, "breadcrumb", None, locate_path, page, above, rules)
    source = _guarded(issues, "source", None, locate_source, page.blocks, anchor, page.format, rules,
                      title.index if title is not None else None)
    return time, title, path, source


def segment(page: Page) -> Layout:
    """Name the regions of ``page``: the same rules whether the page holds the template's
    containers only or the whole page; the thresholds are the matched template's."""
    template = page.template
    rules = template.rules if template is not None else RULES
    url, url_rule, base, issues = pick_url(page)
    time, title, path, source = _header_regions(page, rules, issues)
    anchor = time.index if time else None
    title_index = title.index if title else None
    source_index = source.index if source else None
    title_end = title.last if title is not None and title.last is not None else title_index
    start, until = _span(page, anchor, title_end, source_index, rules)
    second, blocks, body_rule, lines, dropped = _body(page, start, until, title_index, rules, issues)
    if source is None:
        source = _source_after_text(page, lines, rules)
    inside = {b.index for b in blocks}
    return Layout(
        template=template.name if template is not None else "generic",
        rules=rules,
        url=url,
        url_rule=url_rule,
        base=base,
        time=time,
        title=title,
        path=path,
        source=source,
        info=_info(page, anchor, source_index),
        header=_header(title_index, anchor, rules),
        body_rule=body_rule,
        lines=lines,
        dropped=dropped,
        kinds=frozenset([line.kind for line in lines]),
        paragraphs=tuple([line for line in lines if line.kind == _PARAGRAPH]),
        pagers=_pagers(page, inside),
        second_article=second,
        issues=tuple(issues),
    )


def _span(page: Page, anchor: int | None, title_end: int | None, source: int | None,
          rules: Rules) -> tuple[int, int | None]:
    """Where the body starts, and the block it ends before (None: the page's end). It starts
    after the header (the title, the time line, the source line); on a page that prints its
    time line under the text (发布日期：… at the foot), after the title, ending at the time line."""
    header = [i for i in (anchor, title_end, source) if i is not None]
    if anchor is None or title_end is None or anchor <= title_end:
        return max(header, default=-1) + 1, None
    between = page.blocks[title_end + 1 : anchor]
    prose = [b for b in between if not b.hidden and is_prose(b.text, rules.min_prose)]
    if len(prose) < rules.min_text_above_time or sum(len(b.text) for b in prose) < rules.min_text_chars_above_time:
        return max(header, default=-1) + 1, None
    above = [i for i in (title_end, source) if i is not None and i < anchor]
    return max(above) + 1, anchor


def _body(page: Page, start: int, until: int | None, title_index: int | None, rules: Rules,
          issues: list[Issue]) -> tuple[Region | None, list[Block], str, tuple[Line, ...], tuple[Dropped, ...]]:
    """Where a second article starts, the body's blocks (and the rule that chose them), its
    lines with their kinds and, for a body found by position, the lines left out of the column."""
    second = find_second_article(page, start, title_index, rules)
    end = min(i for i in (second.index if second else None, until, len(page.blocks)) if i is not None)
    blocks, body_rule, gaps = select_body(page, start, end, rules)
    if second is not None:
        issues.append(issue("sections", "multiple-articles",
                            f"a second article starts at {page.where(second.index)} "
                            f"({second.raw[:40]!r}); only the first is returned"))
    no_lines: tuple[Line, ...] = ()
    lines = _guarded(issues, "sections", no_lines, _body_lines, page, blocks, rules)
    if body_rule.endswith(":body") or not lines:  # a template's body container is the column
        return second, blocks, body_rule, lines, ()
    untrimmed: tuple[tuple[Line, ...], tuple[Dropped, ...]] = (lines, ())
    lines, dropped = _guarded(issues, "sections", untrimmed, _column, lines, gaps, rules)
    skipped = tuple(Dropped(b.index, "navigation among the body's lines (a list item or a line of links)")
                    for b in gaps)
    return second, blocks, body_rule, lines, tuple(sorted((*dropped, *skipped), key=lambda d: d.index))


def _source_after_text(page: Page, lines: tuple[Line, ...], rules: Rules) -> SourceRegion | None:
    """A labelled source printed on its own line in the body (信息来源：… at the foot of the text)."""
    for line in lines:
        if line.kind == _SOURCE:
            name = source_of(line.block, rules)
            if name:
                return SourceRegion(line.block.index, f"{page.format}:source-after-text", line.block.text, name)
    return None


def _pagers(page: Page, inside: set[int]) -> tuple[Region, ...]:
    """Pager controls outside the body (the template's pagination zone)."""
    return tuple(Region(b.index, "html:pagination", b.text) for b in page.blocks
                 if b.zone == _PAGINATION and b.index not in inside)
