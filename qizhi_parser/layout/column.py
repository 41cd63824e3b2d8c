"""The article column: where a page no template names reads as an article.

A body found by position (the blocks after the header) runs on into whatever the page
sets after the text — a sidebar's channel names, a footer's link lists, a share box —
and may open with a widget's label. Scored line by line (running text counts for its
length, a line of navigation or a short unpunctuated label against), the article is the
densest run (Kadane's maximum-sum run); only what lies beyond a line of navigation or
page tools outside that run is dropped, so a notice's signature and date right under
the text stay, and the credits, edition and source lines next to the run are kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..page import Block
from ..settings import RULES, Rules
from ..text.shapes import is_prose
from .kinds import Line, LineKind

__all__ = ["Dropped", "trim_column"]

#: Kinds that are page furniture, not article text: a gap in the column as navigation is.
_GAP_KINDS = frozenset({LineKind.CHROME, LineKind.WIDGET, LineKind.PROMO})
#: Closing lines kept wherever they sit below the text: the body ends at them.
_CLOSING_KINDS = frozenset({LineKind.CREDIT, LineKind.SOURCE, LineKind.EDITION})
#: Punctuation that shows a line is written text, not a label or a menu entry.
_PUNCTUATION = frozenset("。，、；：！？,;:!?“”「」（）()《》…—")


@dataclass(frozen=True, slots=True)
class Dropped:
    """A block the body left out, and why."""

    index: int
    reason: str


def _label(line: Line, rules: Rules) -> bool:
    """A short line with no punctuation that is neither a heading nor a line of a known kind:
    a menu entry, a widget's label (官方微信平台, 要闻)."""
    block = line.block
    plain = line.kind == LineKind.PARAGRAPH or (line.kind == LineKind.HEADING and not block.bold
                                                 and not block.heading_level)  # a text dump's heading by shape
    return plain and len(line.text) <= rules.max_label_line and _PUNCTUATION.isdisjoint(line.text)


def _score(item: Line | Block, rules: Rules) -> int:
    if isinstance(item, Block):  # a line of navigation the body skipped
        return -max(len(item.text), rules.min_gap_weight)
    if item.kind in _GAP_KINDS:
        return -rules.min_gap_weight
    if item.kind == LineKind.PARAGRAPH:
        if is_prose(item.text, rules.min_prose):
            return len(item.text)
        if _label(item, rules):
            return -max(len(item.text), rules.min_gap_weight)
    return 0


def _densest(scores: list[int]) -> tuple[int, int] | None:
    """The run of ``scores`` with the largest positive sum (first and last positions)."""
    best, best_run = 0, None
    total, start = 0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = score, i
        else:
            total += score
        if total > best:
            best, best_run = total, (start, i)
    return best_run


def _is_gap(item: Line | Block) -> bool:
    return isinstance(item, Block) or item.kind in _GAP_KINDS


def trim_column(lines: Iterable[Line], gaps: Iterable[Block], rules: Rules = RULES) -> tuple[list[Line], list[Dropped]]:
    """The body's lines inside the article column, and the lines left out with the reason.

    ``gaps`` are the blocks of navigation the body skipped between its lines. Before the
    run, what lies up to the last gap (and the labels right after it) is dropped; after
    the run, what lies from the first gap on is dropped when it scores below nothing.
    """
    lines = list(lines)
    gaps = list(gaps)
    if not gaps and _GAP_KINDS.isdisjoint([line.kind for line in lines]):
        return lines, []  # nothing to cut at: the column is the whole body
    items: list[Line | Block] = sorted([*lines, *gaps], key=_index)
    kept = [item for item in items if isinstance(item, Line)]
    scores = [_score(item, rules) for item in items]
    run = _densest(scores)
    if run is None:
        return kept, []
    first, last = run
    cut_before = _lead_cut(items, scores, first, rules)
    cut_after = _tail_cut(items, scores, last)
    dropped: list[Dropped] = []
    result: list[Line] = []
    for position, item in enumerate(items):
        if not isinstance(item, Line):
            continue
        if position < cut_before:
            dropped.append(Dropped(item.block.index, "before the article column (navigation above the text)"))
        elif position >= cut_after and item.kind not in _CLOSING_KINDS:
            dropped.append(Dropped(item.block.index, "after the article column (navigation below the text)"))
        else:
            result.append(item)
    return result, dropped


def _index(item: Line | Block) -> int:
    return item.block.index if isinstance(item, Line) else item.index


def _lead_cut(items: list[Line | Block], scores: list[int], first: int, rules: Rules) -> int:
    """The position the column starts at: after the last gap above the run and the
    menu labels right under it (nothing is cut when running text lies above the gap)."""
    last_gap = next((i for i in range(first - 1, -1, -1) if _is_gap(items[i])), None)
    if last_gap is None or any(score > 0 for score in scores[:last_gap]):
        return 0  # never text: running text above the gap keeps all that is above the run
    cut = last_gap + 1
    while cut < first and isinstance(item := items[cut], Line) and _label(item, rules):
        cut += 1
    return cut


def _tail_cut(items: list[Line | Block], scores: list[int], last: int) -> int:
    """The position the column ends before: the first gap below the run, when what
    follows from it scores below nothing (more navigation than text)."""
    gap = next((i for i in range(last + 1, len(items)) if _is_gap(items[i])), None)
    if gap is None or sum(scores[gap:]) >= 0:
        return len(items)
    return gap
