"""The print edition line: 《人民日报》（2024年05月10日 第 05 版）."""

from __future__ import annotations

import datetime as dt

import regex

from ..models import Edition
from ..vocab import EDITION
from .spaces import squash

__all__ = ["edition_match", "read_edition"]


def edition_match(text: str) -> tuple[regex.Match[str], dt.date] | None:
    """The edition line's match and its date, or None when the line is none (or its date is no date)."""
    match = EDITION.match(text)
    if not match:
        return None
    try:
        return match, dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def read_edition(text: str) -> Edition | None:
    """The paper, date and page of an edition line, None when it is not one (or its date is none).

    >>> read_edition("《人民日报》（2024年05月10日 第 05 版）").page
    '05'
    """
    found = edition_match(text)
    if found is None:
        return None
    match, date = found
    return Edition(paper=squash(match["paper"]), date=date, page=match["page"])
