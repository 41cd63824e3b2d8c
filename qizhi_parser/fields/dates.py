"""Publication time: find the printed time, read it, judge it against meta and URL.

The only module that uses dateutil. Candidates are found here; plausibility
(a window from 1990 to tomorrow) is judged by :func:`plausible`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

import regex
from dateutil import parser as dateparser

from ..found import Found, issue
from ..models import CHINA_TZ, EARLIEST, Issue
from ..page import Block, Page
from ..vocab import DATETIME, LOOSE_DATE, SOURCE, Zone
from .urls import url_info

if TYPE_CHECKING:
    from ..layout import Layout

__all__ = ["PrintedTime", "Stamp", "extract_published_at", "find_printed", "from_meta", "plausible", "read_time"]

#: Zones read in loops: module constants (an Enum member lookup costs three times a global's).
_INFO = Zone.INFO
_NO_INFO_ZONES = frozenset({Zone.BODY, Zone.CHROME, Zone.CREDITS})

_TIME_LABEL = regex.compile(r"(?:发布时间|發佈時間|發布時間|时间|時間|日期)\s*[:：]")
#: Longest block that can be a time/source line rather than a paragraph.
MAX_INFO_LINE = 160

Precision = Literal["day", "minute", "second"]


@dataclass(frozen=True, slots=True)
class PrintedTime:
    index: int
    """The block that prints it."""
    value: dt.datetime | None
    raw: str
    precision: Precision
    rule: str


def _read(match: regex.Match[str]) -> tuple[dt.datetime | None, Precision]:
    try:
        year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
        if match["hour"] is None:
            return dt.datetime(year, month, day, tzinfo=CHINA_TZ), "day"
        second = int(match["second"]) if match["second"] else 0
        value = dt.datetime(year, month, day, int(match["hour"]), int(match["minute"]), second, tzinfo=CHINA_TZ)
        return value, "second" if match["second"] else "minute"
    except ValueError:
        return None, "day"


def plausible(value: dt.datetime, now: dt.datetime | None = None) -> bool:
    """A publication time between 1990 and tomorrow (China time).

    >>> plausible(dt.datetime(2020, 2, 17, 16, 1, tzinfo=CHINA_TZ))
    True
    >>> plausible(dt.datetime(1989, 12, 31, tzinfo=CHINA_TZ))
    False
    """
    now = now or dt.datetime.now(CHINA_TZ)
    return EARLIEST <= value <= now + dt.timedelta(days=1)


def _is_info_line(block: Block) -> bool:
    """A visible short line; in a list item or table cell only when a label
    (来源, 发布时间 …) says it is the article's own info line: table layouts
    put it in a cell, lists of related news print bare dates."""
    if block.hidden or len(block.text) > MAX_INFO_LINE:
        return False
    return not block.listed or bool(SOURCE.search(block.text) or _TIME_LABEL.search(block.text))


def find_printed(blocks: list[Block], fmt: str) -> PrintedTime | None:
    """The time printed in the article header: the first of the template's info line
    and the first short line with a date and a time or a 来源 label."""
    zoned = _from_info_zone(blocks)
    plain = _from_lines(blocks, None if zoned is None else zoned.index, fmt)
    return plain if plain is not None else zoned


def _from_info_zone(blocks: list[Block]) -> PrintedTime | None:
    for block in blocks:
        if block.zone == _INFO and _is_info_line(block):
            match = DATETIME.search(block.text)
            if match:
                value, precision = _read(match)
                return PrintedTime(block.index, value, match.group(0).strip(), precision, "html:info")
    return None


def _from_lines(blocks: list[Block], before: int | None, fmt: str) -> PrintedTime | None:
    for block in blocks:
        if before is not None and block.index >= before:
            return None
        if not _is_info_line(block) or block.zone in _NO_INFO_ZONES:
            continue
        match = DATETIME.search(block.text)
        if not match:
            loose = LOOSE_DATE.search(block.text) if SOURCE.search(block.text) else None
            if loose:  # 9999年99月99日99:99 来源：…: the info line, with a date that cannot be one
                rule = f"{fmt}:time-source-line"
                return PrintedTime(block.index, None, loose.group(0).strip(), "day", rule)
            continue
        timed = match["hour"] is not None
        labelled = bool(SOURCE.search(block.text) or _TIME_LABEL.search(block.text))
        if not (timed or labelled):
            continue
        if not timed and len(block.text) > 60:
            continue
        value, precision = _read(match)
        kind = "time-source-line" if SOURCE.search(block.text) else "time-line"
        rule = f"{fmt}:{kind}"
        return PrintedTime(block.index, value, match.group(0).strip(), precision, rule)
    return None


def from_meta(meta: dict[str, str]) -> tuple[dt.datetime, Precision, str, str] | None:
    """(value, precision, raw, rule) from publishdate / article:published_time metas."""
    for key in ("article:published_time", "publishdate", "pubdate", "publishtime", "date"):
        raw = meta.get(key)
        if not raw:
            continue
        try:
            value = dateparser.isoparse(raw.strip())
        except (ValueError, OverflowError):
            match = DATETIME.search(raw)
            if not match:
                continue
            parsed, precision = _read(match)
            if parsed is None:
                continue
            return parsed, precision, raw, f"meta:{key}"
        has_time = "T" in raw or ":" in raw
        if value.tzinfo is None:
            value = value.replace(tzinfo=CHINA_TZ)
        try:
            value = value.astimezone(CHINA_TZ)
        except OverflowError:  # 9999-12-31T23:59:59-14:00 is past the last representable instant
            continue
        return value, ("minute" if has_time else "day"), raw, f"meta:{key}"
    return None


def read_time(text: str) -> tuple[dt.datetime, Precision] | None:
    """The first printed time in ``text`` as an aware datetime (China time) and how
    precise it is (``day``, ``minute``, ``second``); None when there is none or it is no
    real date. Reads 2020年02月17日16:01, 2024-05-10 08:15:32, 2019年6月15日 and their
    full-width forms.

    >>> at, precision = read_time("2020年02月17日16:01  来源：旗帜网")
    >>> at.isoformat(), precision
    ('2020-02-17T16:01:00+08:00', 'minute')
    >>> read_time("2019年6月15日")[1], read_time("2023年2月30日"), read_time("无日期")
    ('day', None, None)
    """
    match = DATETIME.search(text)
    if match is None:
        return None
    value, precision = _read(match)
    return (value, precision) if value is not None else None


class Stamp(NamedTuple):
    """A publication time and how precise the page prints it."""

    at: dt.datetime
    precision: Precision


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
        found = _from_meta_time(meta_time, problems)
    _check_url_date(found.value, layout, problems)
    return Found(found.value, raw=found.raw, rule=found.rule, block=found.block, issues=tuple(problems))


def _from_meta_time(meta_time: tuple[dt.datetime, Precision, str, str] | None,
                    problems: list[Issue]) -> Found[Stamp | None]:
    if meta_time and plausible(meta_time[0]):
        value, precision, raw, rule = meta_time
        if precision == "day":
            problems.append(issue("published_at", "time-unknown",
                                  f"no time printed; date from {rule}, time of day unknown"))
        return Found(Stamp(value, precision), raw=raw, rule=rule)
    problems.append(issue("published_at", "missing", "no publication time found"))
    return Found(None)


def _check_url_date(stamp: Stamp | None, layout: Layout, problems: list[Issue]) -> None:
    info = url_info(layout.url) if layout.url else None
    if stamp is not None and info is not None and info.date is not None and info.date != stamp.at.date():
        problems.append(issue("published_at", "url-date-mismatch",
                              f"publication date {stamp.at.date()} differs from the URL's date {info.date}"))
