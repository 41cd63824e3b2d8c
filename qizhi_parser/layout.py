"""The layout stage: where each part of an article sits on its page.

:func:`segment` reads a :class:`~qizhi_parser.page.Page` once and names its regions —
the info line that prints the time, the title group above it, the path line, the
source line, the header between title and info line, the body and the kind of each
of its lines, the pager, and where a second article starts — with the template that
matched. The field extractors (``extract_<field>(page, layout)``) then read values
from those regions only; no extractor searches the page on its own.

Every article page is laid out around one line: the info line that prints the
publication time (and often the 来源). The title group sits just above it, the
path line above the title, the body below. The template's marks (``vocab.TEMPLATES``)
name regions outright where a page has them; the shapes of lines find them where it
does not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from .fields import body as body_field
from .fields import breadcrumb as crumb_field
from .fields import dates as date_field
from .fields import headline as title_field
from .fields import source as source_field
from .fields.lines import TEXT_KINDS, Line, LineKind, read_lines, settle
from .fields.urls import pick_url
from .found import guarded, issue
from .models import MAX_HEADLINE, Issue
from .page import Block, Page
from .vocab import Zone, match_template

__all__ = ["Layout", "locate_title", "segment"]

#: Zones read in loops: module constants (an Enum member lookup costs three times a global's).
_PAGINATION = Zone.PAGINATION
_PARAGRAPH = LineKind.PARAGRAPH
_INFO = Zone.INFO

T = TypeVar("T")

#: How many blocks below the headline a header credit may sit when no time line is found.
_HEADER_BELOW_TITLE = 3
#: How many blocks above the time line a header credit may sit when no title is found.
_HEADER_ABOVE_TIME = 6
#: How many later time lines are examined when looking for a second article.
_SECOND_ARTICLE_TRIES = 20
#: Lines read after a second article's time line to see that prose follows it.
_SECOND_ARTICLE_PROSE = 7


@dataclass(slots=True)  # read-only by convention: one a parse, and frozen would triple its cost
class Layout:
    """The named regions of one page (block indices into ``page.blocks``)."""

    template: str
    """The template that matched (``vocab.TEMPLATES``), ``generic`` when none did."""
    url: str | None
    """The page's address: the ``url`` argument, else og:url, canonical or a share script's."""
    url_rule: str | None
    base: str | None
    """What the page's links resolve against: ``<base href>``, else ``url``."""
    time: date_field.PrintedTime | None
    """The info line that prints the publication time, and what it prints."""
    title: title_field.Title | None
    """The title group: pre-title, headline, subtitle."""
    breadcrumb: int | None
    breadcrumb_rule: str | None
    breadcrumb_steps: list[str]
    """The path line's steps as printed (their links are the extractor's to resolve)."""
    source: int | None
    """The line that prints 来源."""
    info: tuple[int, ...]
    """The info lines: the time line, the source line and the template's info containers."""
    header: range
    """Blocks between the title and the time line (a byline may sit there)."""
    body_rule: str
    lines: tuple[Line, ...]
    """The body's blocks, each with its kind (:mod:`qizhi_parser.fields.lines`)."""
    kinds: frozenset[LineKind]
    """The kinds of line the body holds (an extractor whose kinds are absent has nothing to read)."""
    paragraphs: tuple[Line, ...]
    """The body's paragraph lines, in order."""
    pagers: tuple[Block, ...]
    """Pager controls outside the body."""
    second_article: int | None
    """Where a second article starts (two pages concatenated), if one does."""
    issues: tuple[Issue, ...]
    """Problems met finding the regions, each under the field it costs."""

    def of(self, *kinds: LineKind) -> list[Line]:
        """The body's lines of these kinds, in order (at once ``[]`` when it holds none)."""
        if self.kinds.isdisjoint(kinds):
            return []
        return [line for line in self.lines if line.kind in kinds]

    @property
    def trailer(self) -> tuple[Line, ...]:
        """The body's lines after its text: credits, the edition line, widgets, the pager."""
        last = max([i for i, line in enumerate(self.lines) if line.kind in TEXT_KINDS], default=-1)
        return self.lines[last + 1 :]


def _guarded(issues: list[Issue], field_name: str, default: T, step: Callable[..., T], *args: Any) -> T:
    """Run one locator (:func:`qizhi_parser.found.guarded`); its failure goes to ``issues``."""
    value, problem = guarded(field_name, default, step, *args)
    if problem is not None:
        issues.append(problem)
    return value


def locate_title(page: Page, anchor: int | None) -> tuple[title_field.Title | None, Issue | None]:
    """The title group: the markup's headline element, else the title block laid out above
    the time line, else the block that repeats the page title. A block too long to be a
    headline is none (and says so)."""
    title = title_field.from_markup(page, anchor) if page.format == "html" else None
    if title is None:
        title = title_field.from_text(page, anchor)
    if title is None and page.format == "html":
        title = title_field.from_title_match(page, anchor)
    if title is not None and len(" ".join(title.lines)) > MAX_HEADLINE:
        size = len(" ".join(title.lines))
        return None, issue("headline", "implausible-headline", f"a {size}-character title block is not a headline")
    return (title, None) if title is not None and title.lines else (None, None)


def _later_title(page: Page, anchor: int, pos: int, first: int) -> title_field.Title | None:
    """The title above the time line at ``anchor``: its headline element when that comes at
    or after ``first``, else the title block laid out between ``pos`` and the time line."""
    title = title_field.from_markup(page, anchor) if page.format == "html" else None
    if title is None or title.index < first:
        title = title_field.from_text(page, anchor, start=pos)
    return title


def _second_article(page: Page, start: int, title_index: int | None) -> int | None:
    """The first block of a second article in the same input (two pages concatenated):
    a headline, then a time line, then paragraphs, all after the first article's header."""
    pos = start
    for _ in range(_SECOND_ARTICLE_TRIES):
        printed = date_field.find_printed(page.blocks[pos:], page.format)
        if printed is None or printed.index < pos:
            return None
        anchor = printed.index
        title = _later_title(page, anchor, pos, max(start, title_index + 1 if title_index is not None else 0))
        following = page.blocks[anchor + 1 : anchor + 1 + _SECOND_ARTICLE_PROSE]
        prose = sum(1 for b in following if len(b.text) >= 10 and b.text.rstrip("”」』）)").endswith("。"))
        if title is not None and title.lines and title.index >= start and prose >= 2:
            return title.index
        pos = anchor + 1
    return None


def _header(title_index: int | None, anchor: int | None) -> range:
    end = anchor if anchor is not None else (title_index + _HEADER_BELOW_TITLE if title_index is not None else 0)
    start = title_index if title_index is not None else max(0, end - _HEADER_ABOVE_TIME)
    return range(start + 1, max(start + 1, end))


def _info(page: Page, anchor: int | None, source: int | None) -> tuple[int, ...]:
    found = {b.index for b in page.blocks if b.zone == _INFO}
    found.update(i for i in (anchor, source) if i is not None)
    return tuple(sorted(found))


def _body_lines(page: Page, blocks: list[Block]) -> tuple[Line, ...]:
    html = page.format == "html"
    return tuple(settle(read_lines(blocks, html), html))


_NO_CRUMB: tuple[int | None, str | None, list[str]] = (None, None, [])


def _header_regions(page: Page, issues: list[Issue]) -> tuple[
        date_field.PrintedTime | None, title_field.Title | None, tuple[int | None, str | None, list[str]], int | None]:
    """The time line, the title group above it, the path line above that, and the source line."""
    time = _guarded(issues, "published_at", None, date_field.find_printed, page.blocks, page.format)
    anchor = time.index if time else None
    no_title: tuple[title_field.Title | None, Issue | None] = (None, None)
    title, implausible = _guarded(issues, "headline", no_title, locate_title, page, anchor)
    if implausible is not None:
        issues.append(implausible)
    above = title.index if title is not None else anchor
    crumb = _guarded(issues, "breadcrumb", None, crumb_field.locate, page, above)
    source = _guarded(issues, "source", None, source_field.locate, page.blocks, anchor)
    return time, title, crumb or _NO_CRUMB, source


def segment(page: Page) -> Layout:
    """Name the regions of ``page``: the same rules whether the page holds the template's
    containers only or the whole page."""
    template = match_template(page.marks)
    url, url_rule, base, issues = pick_url(page)
    time, title, crumb, source = _header_regions(page, issues)
    anchor = time.index if time else None
    title_index = title.index if title else None
    start = max([i for i in (anchor, title_index, source) if i is not None], default=-1) + 1
    second = _second_article(page, start, title_index)
    blocks, body_rule = body_field.select(page, start, second)
    if second is not None:
        issues.append(issue("sections", "multiple-articles",
                            f"a second article starts at {page.where(second)} "
                            f"({page.blocks[second].text[:40]!r}); only the first is returned"))
    no_lines: tuple[Line, ...] = ()
    lines = _guarded(issues, "sections", no_lines, _body_lines, page, blocks)
    inside = {b.index for b in blocks}
    return Layout(
        template=template.name if template is not None else "generic",
        url=url,
        url_rule=url_rule,
        base=base,
        time=time,
        title=title,
        breadcrumb=crumb[0],
        breadcrumb_rule=crumb[1],
        breadcrumb_steps=crumb[2],
        source=source,
        info=_info(page, anchor, source),
        header=_header(title_index, anchor),
        body_rule=body_rule,
        lines=lines,
        kinds=frozenset([line.kind for line in lines]),
        paragraphs=tuple([line for line in lines if line.kind == _PARAGRAPH]),
        pagers=tuple([b for b in page.blocks if b.zone == _PAGINATION and b.index not in inside]),
        second_article=second,
        issues=tuple(issues),
    )
