"""Reading values: one ``extract_<field>(page, layout) -> Found[T]`` per field, from the
regions the layout stage named (:mod:`qizhi_parser.layout`); none searches the page."""

from __future__ import annotations

from .body import (
    extract_dateline,
    extract_edition,
    extract_images,
    extract_original_headline,
    extract_pagination,
    extract_sections,
)
from .breadcrumb import extract_breadcrumb
from .credits import extract_credits
from .headline import extract_headline, extract_pretitle, extract_subtitle
from .published import extract_published_at
from .source import extract_source
from .urls import extract_url, extract_url_info

__all__ = [
    "extract_breadcrumb",
    "extract_credits",
    "extract_dateline",
    "extract_edition",
    "extract_headline",
    "extract_images",
    "extract_original_headline",
    "extract_pagination",
    "extract_pretitle",
    "extract_published_at",
    "extract_sections",
    "extract_source",
    "extract_subtitle",
    "extract_url",
    "extract_url_info",
]
