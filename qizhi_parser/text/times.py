"""Printed times: read a date and time as a page prints it, judge whether it is plausible.

The only module that uses dateutil (for the ISO dates of meta tags).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, NamedTuple

import regex
from dateutil import parser as dateparser

from ..models import CHINA_TZ, EARLIEST
from ..vocab import DATETIME

__all__ = ["Precision", "Stamp", "find_datetime", "from_meta", "plausible", "read_match", "read_time"]

Precision = Literal["day", "minute", "second"]


class Stamp(NamedTuple):
    """A publication time and how precise the page prints it."""

    at: dt.datetime
    precision: Precision


def find_datetime(text: str) -> regex.Match[str] | None:
    """The first :data:`~qizhi_parser.vocab.DATETIME` in ``text``; at once None for a line with no
    ``19`` or ``20``, with which every year it reads starts (a substring test in C, where the
    pattern's engine would try every position of the line).

    >>> find_datetime("2024年05月10日06:58 来源：人民网")["hour"], find_datetime("来源：人民网")
    ('06', None)
    """
    if "20" not in text and "19" not in text:
        return None
    return DATETIME.search(text)


#: Parts of the day a 12-hour clock is printed with: the morning's hours stand, the afternoon's
#: and evening's from 1 to 11 are 13 to 23.
_MORNING = frozenset({"上午", "早上", "清晨", "凌晨"})
_EVENING = frozenset({"下午", "傍晚", "晚上", "夜间", "夜間", "晚间", "晚間"})


def _hour(hour: int, period: str | None) -> int | None:
    """The 24-hour hour of a printed hour and its part of the day; None when the two do not tell
    it (晚上12点, 上午15点): the date is read and the time of day left unknown.

    >>> [_hour(3, "下午"), _hour(10, "上午"), _hour(12, "下午"), _hour(12, "凌晨"), _hour(1, "中午"), _hour(12, "晚上")]
    [15, 10, 12, 0, 13, None]
    """
    if period is None:
        return hour
    if period in _MORNING:
        if hour < 12:
            return hour
        return 0 if hour == 12 and period == "凌晨" else None
    if period == "中午":
        if 11 <= hour <= 14:
            return hour
        return hour + 12 if hour in (1, 2) else None
    if 1 <= hour <= 11:  # afternoon and evening
        return hour + 12
    if hour == 12:
        return 12 if period == "下午" else None
    return hour  # 下午15:30: printed on the 24-hour clock already


def read_match(match: regex.Match[str]) -> tuple[dt.datetime | None, Precision]:
    """The time a :data:`~qizhi_parser.vocab.DATETIME` match prints (None when it is no real date);
    a 12-hour time with its part of the day (下午3:30) read as 15:30.

    >>> from qizhi_parser.vocab import DATETIME
    >>> printed = ("2023年5月12日 下午3:30", "2023年5月12日 星期五 15:20")
    >>> [read_match(DATETIME.search(t))[0].strftime("%H:%M") for t in printed]
    ['15:30', '15:20']
    """
    try:
        year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
        hour = _hour(int(match["hour"]), match["period"]) if match["hour"] is not None else None
        if hour is None:
            return dt.datetime(year, month, day, tzinfo=CHINA_TZ), "day"
        second = int(match["second"]) if match["second"] else 0
        value = dt.datetime(year, month, day, hour, int(match["minute"]), second, tzinfo=CHINA_TZ)
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


#: Meta names that carry the publication time, most specific first.
META_TIME_KEYS = ("article:published_time", "publishdate", "pubdate", "publishtime", "date")


def from_meta(meta: dict[str, str]) -> tuple[dt.datetime, Precision, str, str] | None:
    """(value, precision, raw, rule) from publishdate / article:published_time metas."""
    for key in META_TIME_KEYS:
        raw = meta.get(key)
        if not raw:
            continue
        try:
            value = dateparser.isoparse(raw.strip())
        except (ValueError, OverflowError):
            match = DATETIME.search(raw)
            if not match:
                continue
            parsed, precision = read_match(match)
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


#: Full-width digits and separators as some pages print them: ２０２４年５月１０日　０６：５８.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９：－／．　", "0123456789:-/.\u3000")
#: An ISO 8601 time: 2024-05-10T06:58:03+08:00, 2024-05-10T06:58Z, 2024-05-10 06:58:03.5+00:00.
_ISO = regex.compile(
    r"(?<!\d)(?P<date>\d{4}-\d\d-\d\d)[T ](?P<time>\d\d:\d\d(?P<seconds>:\d\d(?:[.,]\d{1,9})?)?)"
    r"(?P<zone>Z|[+-]\d\d:?\d\d)?(?![\d:])",
    regex.IGNORECASE,
)


def _iso(match: regex.Match[str]) -> tuple[dt.datetime, Precision] | None:
    zone = match["zone"] or ""
    if zone.upper() == "Z":
        zone = "+00:00"
    elif zone and ":" not in zone:
        zone = f"{zone[:3]}:{zone[3:]}"
    clock, _, fraction = match["time"].replace(",", ".").partition(".")
    if fraction:  # Python 3.10 reads three or six digits only
        clock = f"{clock}.{fraction[:6].ljust(6, '0')}"
    try:
        value = dt.datetime.fromisoformat(f"{match['date']}T{clock}{zone}")
        value = value.replace(tzinfo=CHINA_TZ) if value.tzinfo is None else value.astimezone(CHINA_TZ)
    except (ValueError, OverflowError):
        return None
    return value, "second" if match["seconds"] else "minute"


def read_time(text: str) -> tuple[dt.datetime, Precision] | None:
    """The first printed time in ``text`` as an aware datetime (China time) and how
    precise it is (``day``, ``minute``, ``second``); None when there is none or it is no
    real date. Reads 2020年02月17日16:01, 2024-05-10 08:15:32, 2019年6月15日, full-width
    digits (２０２４年５月１０日　０６：５８) and ISO 8601 times with their offset
    (2024-05-09T22:58:03Z is 06:58:03 China time; no offset means China time).

    >>> at, precision = read_time("2020年02月17日16:01  来源：旗帜网")
    >>> at.isoformat(), precision
    ('2020-02-17T16:01:00+08:00', 'minute')
    >>> read_time("2019年6月15日")[1], read_time("2023年2月30日"), read_time("无日期")
    ('day', None, None)
    >>> times = ("2024-05-09T22:58:03Z", "2024-05-10T06:58+08:00", "２０２４年５月１０日　０６：５８")
    >>> [read_time(t)[0].isoformat() for t in times]
    ['2024-05-10T06:58:03+08:00', '2024-05-10T06:58:00+08:00', '2024-05-10T06:58:00+08:00']
    """
    text = text.translate(_FULL_WIDTH)
    iso = _ISO.search(text)
    match = DATETIME.search(text)
    if iso is not None and (match is None or iso.start() <= match.start()):
        return _iso(iso)
    if match is None:
        return None
    value, precision = read_match(match)
    return (value, precision) if value is not None else None
