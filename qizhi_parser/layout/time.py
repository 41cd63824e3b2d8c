"""The info line that prints the publication time: the template's info zone, else the first
short line with a date and a time, or a date and a label (来源, 发布时间)."""

from __future__ import annotations

import regex

from ..page import Block
from ..settings import RULES, Rules
from ..text.sources import find_source
from ..text.times import find_datetime, read_match
from ..vocab import LOOSE_DATE, Zone
from .regions import TimeRegion

__all__ = ["find_printed", "is_info_line"]

#: Zones read in loops: module constants (an Enum member lookup costs three times a global's).
_INFO = Zone.INFO
_NO_INFO_ZONES = frozenset({Zone.BODY, Zone.CHROME, Zone.CREDITS})

_TIME_LABEL = regex.compile(r"(?:发布时间|發佈時間|發布時間|时间|時間|日期)\s*[:：]")


def is_info_line(block: Block, rules: Rules = RULES) -> bool:
    """A visible short line; in a list item or table cell only when a label
    (来源, 发布时间 …) says it is the article's own info line: table layouts
    put it in a cell, lists of related news print bare dates."""
    if block.hidden or len(block.text) > rules.max_info_line:
        return False
    return not block.listed or bool(find_source(block.text) or _TIME_LABEL.search(block.text))


def find_printed(blocks: list[Block], fmt: str, rules: Rules = RULES) -> TimeRegion | None:
    """The time printed in the article header: the first of the template's info line
    and the first short line with a date and a time or a 来源 label."""
    zoned = _from_info_zone(blocks, rules)
    plain = _from_lines(blocks, None if zoned is None else zoned.index, fmt, rules)
    return plain if plain is not None else zoned


def _from_info_zone(blocks: list[Block], rules: Rules) -> TimeRegion | None:
    for block in blocks:
        if block.zone == _INFO and is_info_line(block, rules):
            match = find_datetime(block.text)
            if match:
                value, precision = read_match(match)
                return TimeRegion(block.index, "html:info", match.group(0).strip(), value, precision)
    return None


def _from_lines(blocks: list[Block], before: int | None, fmt: str, rules: Rules) -> TimeRegion | None:
    for block in blocks:
        if before is not None and block.index >= before:
            return None
        text = block.text
        if "20" not in text and "19" not in text and "源" not in text and "出" not in text:
            continue  # no year and no source label (find_datetime, find_source): no info line
        if not is_info_line(block, rules) or block.zone in _NO_INFO_ZONES:
            continue
        found = _time_line(block, fmt, rules)
        if found is not None:
            return found
    return None


def _time_line(block: Block, fmt: str, rules: Rules) -> TimeRegion | None:
    """The time an info-line candidate prints, when it is the time line: a date and a time, or a
    date with a label (来源, 发布时间) on a short line; or a 来源 line whose date cannot be one."""
    text = block.text
    match = find_datetime(text)
    if not match:
        loose = LOOSE_DATE.search(text) if find_source(text) else None
        if loose:  # 9999年99月99日99:99 来源：…: the info line, with a date that cannot be one
            return TimeRegion(block.index, f"{fmt}:time-source-line", loose.group(0).strip(), None, "day")
        return None
    timed = match["hour"] is not None
    source = find_source(text) is not None
    if not (timed or source or _TIME_LABEL.search(text)):
        return None
    if not timed and len(text) > rules.max_untimed_info_line:
        return None
    value, precision = read_match(match)
    kind = "time-source-line" if source else "time-line"
    return TimeRegion(block.index, f"{fmt}:{kind}", match.group(0).strip(), value, precision)
