"""Publication time: the printed time, judged against the meta date and the URL's date."""

from __future__ import annotations

import datetime as dt

from ..found import Found, issue
from ..layout import Layout, LineKind
from ..models import Issue
from ..page import Page
from ..text.times import Precision, Stamp, from_meta, plausible
from ..text.urls import url_info
from ..vocab import YEARLESS_STAMP

__all__ = ["extract_published_at"]


def extract_published_at(page: Page, layout: Layout) -> Found[Stamp | None]:
    """The printed time, cross-checked with the publishdate meta and the URL's date;
    else the meta date, with the time of day marked unknown."""
    printed = layout.time
    meta_time = from_meta(page.meta)
    problems: list[Issue] = []
    found: Found[Stamp | None]
    if printed is not None and printed.value is not None and plausible(printed.value):
        stamp = Stamp(printed.value, printed.precision)
        if stamp.precision == "day":
            problems.append(issue("published_at", "time-unknown",
                                  f"the page prints a date without a time ({printed.raw!r})"))
        if meta_time and meta_time[0].date() != stamp.at.date():
            problems.append(issue("published_at", "meta-date-mismatch",
                                  f"printed date {stamp.at.date()} differs from {meta_time[3]} {meta_time[2]!r}"))
        found = Found(stamp, raw=printed.raw, rule=printed.rule, block=printed.index)
    else:
        if printed is not None:
            problems.append(issue("published_at", "implausible-date",
                                  f"printed time {printed.raw!r} is not a plausible date"))
        found = _from_meta_time(meta_time, problems, _yearless(page, layout))
    _check_url_date(found.value, layout, problems)
    return Found(found.value, raw=found.raw, rule=found.rule, block=found.block, issues=tuple(problems))


def _yearless(page: Page, layout: Layout) -> str | None:
    """A time the page prints without its year (12-05 21:08) above the text, if it prints one: a
    body line of that kind, or a line the article column left out above the text."""
    stamps = layout.of(LineKind.STAMP)
    if stamps:
        return stamps[0].text
    first = layout.lines[0].block.index if layout.lines else len(page.blocks)
    texts = (page.blocks[d.index].text for d in layout.dropped if d.index < first)
    return next((text for text in texts if YEARLESS_STAMP.match(text)), None)


def _from_meta_time(meta_time: tuple[dt.datetime, Precision, str, str] | None,
                    problems: list[Issue], yearless: str | None = None) -> Found[Stamp | None]:
    if meta_time and plausible(meta_time[0]):
        value, precision, raw, rule = meta_time
        if precision == "day":
            problems.append(issue("published_at", "time-unknown",
                                  f"no time printed; date from {rule}, time of day unknown"))
        return Found(Stamp(value, precision), raw=raw, rule=rule)
    why = f"the page prints its time without the year ({yearless!r})" if yearless else "no publication time found"
    problems.append(issue("published_at", "missing", why))
    return Found(None)


def _check_url_date(stamp: Stamp | None, layout: Layout, problems: list[Issue]) -> None:
    info = url_info(layout.url) if layout.url else None
    if stamp is not None and info is not None and info.date is not None and info.date != stamp.at.date():
        problems.append(issue("published_at", "url-date-mismatch",
                              f"publication date {stamp.at.date()} differs from the URL's date {info.date}"))
