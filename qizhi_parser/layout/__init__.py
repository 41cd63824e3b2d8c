"""Finding a page's regions: every search of the :class:`~qizhi_parser.page.Page` happens here.

:func:`segment` returns a :class:`Layout` whose regions share one shape (:class:`Region`);
:func:`classify` gives each body line its :class:`LineKind`. The field extractors
(:mod:`qizhi_parser.fields`) read values from the regions only.
"""

from __future__ import annotations

from .kinds import Context, Line, LineKind, classify, read_lines, settle
from .regions import Layout, PathRegion, Region, SourceRegion, TimeRegion, TitleRegion
from .stage import segment

__all__ = [
    "Context",
    "Layout",
    "Line",
    "LineKind",
    "PathRegion",
    "Region",
    "SourceRegion",
    "TimeRegion",
    "TitleRegion",
    "classify",
    "read_lines",
    "segment",
    "settle",
]
