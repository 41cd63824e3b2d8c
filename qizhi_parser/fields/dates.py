"""Publication time: find the printed time, read it, judge it against meta and URL.

The only module that uses dateutil. Candidates are found here; plausibility
(a window from 1990 to tomorrow) is judged by :func:`plausible`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import regex
from dateutil import parser as dateparser

from ..models import CHINA_TZ, EARLIEST
from ..page import Block
from ..vocab import DATETIME, LOOSE_DATE, SOURCE

__all__ = ["PrintedTime", "find_printed", "from_meta", "plausible"]

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


def _format(block: Block) -> str:
    """``text`` for a line of a text dump, ``html`` for a block of a page."""
    return "text" if block.line is not None else "html"


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
    plain = _from_lines(blocks, None if zoned is None else zoned.index)
    return plain if plain is not None else zoned


def _from_info_zone(blocks: list[Block]) -> PrintedTime | None:
    for block in blocks:
        if block.zone == "info" and _is_info_line(block):
            match = DATETIME.search(block.text)
            if match:
                value, precision = _read(match)
                return PrintedTime(block.index, value, match.group(0).strip(), precision, "html:info")
    return None


def _from_lines(blocks: list[Block], before: int | None) -> PrintedTime | None:
    for block in blocks:
        if before is not None and block.index >= before:
            return None
        if not _is_info_line(block) or block.zone in ("body", "chrome", "credits"):
            continue
        match = DATETIME.search(block.text)
        if not match:
            loose = LOOSE_DATE.search(block.text) if SOURCE.search(block.text) else None
            if loose:  # 9999年99月99日99:99 来源：…: the info line, with a date that cannot be one
                rule = f"{_format(block)}:time-source-line"
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
        rule = f"{_format(block)}:{kind}"
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
