"""The credit chain: who wrote, photographed, edited and signed off an article.

Credits are printed in four places, read here in page order: credit lines in the
body (（责任编辑：…）, 记者 … 摄), a dateline's bracket opening the first paragraph
(本报讯（记者叶婉）), a bracket closing the last one (…。（记者宋晨）), and the
header — the byline between title and time line, the template's byline and credit
containers, and labelled items of the info line (作者：… 责任编辑：…).
"""

from __future__ import annotations

from ..found import Found, issue
from ..layout import Layout, LineKind
from ..models import Credit, CreditRole, Issue
from ..page import Block, Page
from ..text.credits import RawCredit, closing_credit, dateline_credit, info_line_credits, parse_credit_run
from ..text.spaces import squash
from ..vocab import NAME_SPLIT, PHOTO_CREDIT, Zone

__all__ = ["extract_credits"]

#: Zones read in loops: module constants (an Enum member lookup costs three times a global's).
_BYLINE = Zone.BYLINE

_HEADER_ZONES = frozenset({Zone.BYLINE, Zone.CREDITS, Zone.INFO})


def _photo_credit(text: str) -> RawCredit | None:
    photo = PHOTO_CREDIT.match(text)
    if photo is None:
        return None
    names = tuple(n for n in NAME_SPLIT.split(photo["names"].replace(" ", "、")) if n)
    return RawCredit(CreditRole.PHOTOGRAPHER, "摄", names)


def _line_credits(layout: Layout) -> tuple[list[tuple[int, RawCredit]], list[tuple[int, str]]]:
    """The credits of the body's credit lines, and the labels printed without names; a source line
    names its author too (本文来源：示例日报　作者：陈小红)."""
    found: list[tuple[int, RawCredit]] = []
    empty: list[tuple[int, str]] = []
    for line in layout.of(LineKind.CREDIT, LineKind.PHOTO_CREDIT, LineKind.SOURCE):
        index = line.block.index
        if line.kind == LineKind.SOURCE:
            found.extend((index, credit) for credit in info_line_credits(line.text) if credit.names)
        elif line.kind == LineKind.CREDIT:
            for credit in parse_credit_run(line.text) or ():
                if credit.names:
                    found.append((index, credit))
                else:
                    empty.append((index, credit.label))
        elif line.kind == LineKind.PHOTO_CREDIT and (photo := _photo_credit(line.text)) is not None:
            found.append((index, photo))
    return found, empty


def _edge_credits(layout: Layout) -> list[tuple[int, RawCredit]]:
    """The brackets at the edges of the text: a dateline's opening the first paragraph
    (unless a dateline line stands above it), one closing the last."""
    paragraphs = layout.paragraphs
    if not paragraphs:
        return []
    found: list[tuple[int, RawCredit]] = []
    if LineKind.DATELINE not in layout.kinds and (opening := dateline_credit(paragraphs[0].text)) is not None:
        found.extend((paragraphs[0].block.index, c) for c in opening[1])
    if (closing := closing_credit(paragraphs[-1].text)) is not None:
        found.extend((paragraphs[-1].block.index, c) for c in closing if c.names)
    return found


def _body_credits(page: Page, layout: Layout, problems: list[Issue]) -> list[tuple[int, RawCredit]]:
    """The credit lines of the body, then the brackets at the edges of its text."""
    found, empty = _line_credits(layout)
    found.extend(_edge_credits(layout))
    found.sort(key=lambda ic: ic[0])
    problems.extend(issue("credits", "credit-no-names", f"credit label {label!r} ({page.where(i)}) has no names")
                    for i, label in empty)
    return found


def _header_blocks(page: Page, layout: Layout, seen: set[int]) -> list[Block]:
    """The visible blocks of the header not read yet: the template's byline, credit and
    info containers, the lines between title and time line, and the time line itself."""
    anchor = layout.time.index if layout.time else -1
    header = layout.header
    return [b for b in page.blocks
            if (b.zone in _HEADER_ZONES or b.index in header or b.index == anchor)
            and not b.hidden and b.index not in seen]


def _block_credits(block: Block, layout: Layout) -> tuple[RawCredit, ...] | None:
    """A header block read as a credit run, or as an info line's labelled items."""
    raw = parse_credit_run(block.text)
    if raw is None and block.index in layout.info:
        raw = info_line_credits(block.text) or None
    return raw


def _header_credits(page: Page, layout: Layout, seen: set[int], problems: list[Issue]) -> list[tuple[int, RawCredit]]:
    """Credits in the header, the template's byline and credit containers and the info line."""
    found: list[tuple[int, RawCredit]] = []
    for block in _header_blocks(page, layout, seen):
        raw = _block_credits(block, layout)
        if raw is None:
            if block.zone == _BYLINE and squash(block.text):
                problems.append(issue("credits", "byline-unrecognised",
                                      f"byline {squash(block.text)!r} ({page.where(block.index)}) names no known role"))
            continue
        for credit in raw:
            if credit.names:
                found.append((block.index, credit))
            else:
                problems.append(issue("credits", "credit-no-names",
                                      f"credit label {credit.label!r} ({page.where(block.index)}) has no names"))
        seen.add(block.index)
    return found


def extract_credits(page: Page, layout: Layout) -> Found[list[Credit]]:
    """Every credit of the article, in page order, each role normalised."""
    body_problems: list[Issue] = []
    header_problems: list[Issue] = []
    body = _body_credits(page, layout, body_problems)
    header = _header_credits(page, layout, {index for index, _ in body}, header_problems)
    found = sorted(body + header, key=lambda ic: ic[0])
    credits = [c.credit() for _, c in found]
    return Found(credits, rule="blocks:credit-labels" if credits else None,
                 issues=(*header_problems, *body_problems))
