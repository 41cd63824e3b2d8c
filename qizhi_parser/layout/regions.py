"""The regions of a page, in one shape: :class:`Region` (where, by which rule, as printed),
with small subclasses for the regions that carry a reading; and :class:`Layout`, all of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..models import Issue
from ..settings import Rules
from ..text.times import Precision
from .column import Dropped
from .kinds import TEXT_KINDS, Line, LineKind

__all__ = ["Layout", "PathRegion", "Region", "SourceRegion", "TimeRegion", "TitleRegion"]


@dataclass(frozen=True, slots=True)
class Region:
    """One region of a page: the block it starts at, the rule that found it, its text as printed."""

    index: int
    """The block (``page.blocks[index]``)."""
    rule: str
    """Which rule found it (``html:info``, ``text:time-source-line`` …): its field's provenance."""
    raw: str
    """Its text as printed."""


@dataclass(frozen=True, slots=True)
class TimeRegion(Region):
    """The info line that prints the publication time; ``raw`` is the time as printed."""

    value: dt.datetime | None
    """What it prints; None when the printed date is no date (9999年99月99日)."""
    precision: Precision


@dataclass(frozen=True, slots=True)
class TitleRegion(Region):
    """The title group: the headline block (``index``), with the pre-title above and subtitle below."""

    lines: tuple[str, ...]
    """The headline's lines (split at ``<br>``, or the lines of a text run)."""
    pretitle: str | None
    subtitle: str | None
    last: int | None = None
    """The group's last block when it ends below the time line (an e-paper prints the date above
    the headline): the body starts after it."""


@dataclass(frozen=True, slots=True)
class PathRegion(Region):
    """The path line (breadcrumb)."""

    steps: tuple[str, ...]
    """Its steps as printed (their links are the extractor's to resolve)."""
    parts: tuple[int, ...] = ()
    """The blocks it is printed across when a template sets each step apart (a cell, an item), first ``index``."""


@dataclass(frozen=True, slots=True)
class SourceRegion(Region):
    """The line that prints 来源; ``raw`` is the whole line."""

    name: str
    """The source it names, as read once here."""


@dataclass(slots=True)  # read-only by convention: one a parse, and frozen would triple its cost
class Layout:
    """The named regions of one page (block indices into ``page.blocks``)."""

    template: str
    """The template that matched (:mod:`qizhi_parser.templates`), ``generic`` when none did."""
    rules: Rules
    """The rule thresholds the page was read with (the template's settings, else the defaults)."""
    url: str | None
    """The page's address: the ``url`` argument, else og:url, canonical or a share script's."""
    url_rule: str | None
    base: str | None
    """What the page's links resolve against: ``<base href>``, else ``url``."""
    time: TimeRegion | None
    title: TitleRegion | None
    path: PathRegion | None
    source: SourceRegion | None
    info: tuple[int, ...]
    """The info lines: the time line, the source line and the template's info containers."""
    header: range
    """Blocks between the title and the time line (a byline may sit there)."""
    body_rule: str
    lines: tuple[Line, ...]
    """The body's blocks, each with its kind (:mod:`qizhi_parser.layout.kinds`)."""
    dropped: tuple[Dropped, ...]
    """Blocks the body found by position left out of the article column, each with why."""
    kinds: frozenset[LineKind]
    """The kinds of line the body holds (an extractor whose kinds are absent has nothing to read)."""
    paragraphs: tuple[Line, ...]
    """The body's paragraph lines, in order."""
    pagers: tuple[Region, ...]
    """Pager controls outside the body."""
    second_article: Region | None
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

