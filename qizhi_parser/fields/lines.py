"""What each line of an article's body is: one small rule a kind, tried in order.

:func:`classify` names a block's kind from its text and the hints of its markup;
:func:`read_lines` walks the body's blocks in order, keeping the little context the
rules need (the first text line, an image just above). The field extractors then
read the lines of their kinds: paragraphs and headings make the sections, credit
lines the credits, an edition line the edition, and so on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

import regex

from ..models import CreditRole, Edition
from ..page import Block
from ..vocab import (
    CAPTION,
    CHROME,
    CREDIT_LABELS,
    DATELINE_TITLE,
    DECOR_IMAGE,
    EDITION,
    END_MARK,
    MAX_WIDGET_LINE,
    ORIGINAL_HEADLINE,
    PAGER,
    PHOTO_CREDIT,
    PROMO_ENDS,
    PROMO_LEAD,
    SPECIAL_FIRST,
    STOP,
    WIDGET,
    Zone,
)
from ._text import ends_open, squash, strip_indent
from .credits import parse_credit_run

__all__ = [
    "TEXT_KINDS", "Context", "Line", "LineKind", "classify", "kept_images", "line_text", "read_edition", "read_lines",
    "settle",
]

#: Zones read in loops: module constants (an Enum member lookup costs three times a global's).
_CHROME = Zone.CHROME
_ORIGINAL_HEADLINE = Zone.ORIGINAL_HEADLINE
_PAGINATION = Zone.PAGINATION
_UNSHOWN_ZONES = frozenset({Zone.ORIGINAL_HEADLINE, Zone.CHROME})

#: Longest bold paragraph that is a heading (HTML).
MAX_BOLD_HEADING = 60
#: Longest unpunctuated line that is a heading (text).
MAX_TEXT_HEADING = 40
MAX_CAPTION = 80
#: No special line (credit, edition, pager, promo, caption …) is longer than this.
LONGEST_SPECIAL = 200
#: Roles of a label printed alone on a line as a byline, its names given elsewhere.
BYLINE_ROLES = frozenset({CreditRole.REPORTER, CreditRole.CORRESPONDENT, CreditRole.AUTHOR})
#: Fewest trailing linked lines of a block that are a list of related titles, not text.
MIN_LINKED_TAIL = 2


class LineKind(str, Enum):
    """The kinds of line an article's body holds."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    """A section heading (a text heading is only a candidate until :func:`settle`)."""
    DATELINE = "dateline"
    """新华社北京5月10日电 set on a line of its own before the text."""
    CREDIT = "credit"
    """A labelled credit line: （责任编辑：…）, 记者 … 摄."""
    PHOTO_CREDIT = "photo-credit"
    """（新华社记者 某某 摄）."""
    BYLINE = "byline"
    """A role label alone (新华社记者): its names close the text."""
    EDITION = "edition"
    """《人民日报》（2024年05月10日 第 05 版）."""
    ORIGINAL_HEADLINE = "original-headline"
    """原标题：…."""
    CAPTION = "caption"
    """A centred line right under an image: the image's caption."""
    LONE_CAPTION = "lone-caption"
    """图为… in a text dump: a caption whose image the dump lost."""
    PAGER = "pager"
    """【1】【2】 下一页."""
    END = "end"
    """（完）, 相关新闻: where the text ends."""
    CHROME = "chrome"
    """Page tools: 【纠错】 打印 关闭, QR codes, share boxes."""
    PROMO = "promo"
    """点击进入 …, 更多精彩 >>."""
    WIDGET = "widget"
    """A line only of share-widget words (微信 微博 QQ空间)."""
    IMAGE = "image"
    """Images with no text."""
    HIDDEN = "hidden"
    """Not shown (a hidden original headline among them)."""
    EMPTY = "empty"


@dataclass(frozen=True, slots=True)  # a few instances, made once (see _context)
class Context:
    """What a rule may know of the lines above."""

    html: bool
    first: bool = True
    """No paragraph or heading above."""
    after_image: bool = False
    """An image with no text is right above (and some image is kept)."""


@dataclass(slots=True)  # one a body block: not frozen, which would cost three times as much to build
class Line:
    """One block of the body, its text as the body reads it, and its kind (read-only by convention)."""

    block: Block
    text: str
    kind: LineKind


def line_text(block: Block, html: bool) -> str:
    """The block's text without indent, and without a trailing list of related titles
    (lines that are each a whole link, set after the last paragraph in one element)."""
    text = strip_indent(block.text)
    if not html or len(block.lines) <= MIN_LINKED_TAIL or not block.links:
        return text
    linked = {link.text for link in block.links}
    cut = len(block.lines)
    while cut > 0 and block.lines[cut - 1] in linked:
        cut -= 1
    if len(block.lines) - cut < MIN_LINKED_TAIL or cut == 0:
        return text
    return strip_indent(" ".join(block.lines[:cut]))


# --------------------------------------------------------------------------- rules
# Each rule: (block, text, context) → the kind, or None to let the next rule decide.
# The first group reads only short lines that start with a special character
# (【 （ 《 …) or are marked as a pager or end in >>.

Rule = Callable[[Block, str, Context], "LineKind | None"]


def _original_headline(block: Block, text: str, ctx: Context) -> LineKind | None:
    return LineKind.ORIGINAL_HEADLINE if ORIGINAL_HEADLINE.match(text) else None


def _edition_date(text: str) -> tuple[regex.Match[str], dt.date] | None:
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
    found = _edition_date(text)
    if found is None:
        return None
    match, date = found
    return Edition(paper=squash(match["paper"]), date=date, page=match["page"])


def _edition(block: Block, text: str, ctx: Context) -> LineKind | None:
    return LineKind.EDITION if _edition_date(text) is not None else None


def _pager(block: Block, text: str, ctx: Context) -> LineKind | None:
    return LineKind.PAGER if block.zone == _PAGINATION or PAGER.match(text) else None


def _end(block: Block, text: str, ctx: Context) -> LineKind | None:
    return LineKind.END if END_MARK.match(text) or STOP.match(text) else None


def _chrome(block: Block, text: str, ctx: Context) -> LineKind | None:
    # 【纠错】 责任编辑：… is a credit line that starts with a page tool
    return LineKind.CHROME if CHROME.match(text) and parse_credit_run(text) is None else None


def _promo(block: Block, text: str, ctx: Context) -> LineKind | None:
    promo = PROMO_LEAD.match(text) is not None or text.rstrip().endswith(PROMO_ENDS)
    return LineKind.PROMO if promo and (block.linked or ctx.first) else None


SPECIAL_RULES: tuple[Rule, ...] = (_original_headline, _edition, _pager, _end, _chrome, _promo)


def _widget(block: Block, text: str, ctx: Context) -> LineKind | None:
    return LineKind.WIDGET if len(text) <= MAX_WIDGET_LINE and WIDGET.match(text) else None


def _byline(block: Block, text: str, ctx: Context) -> LineKind | None:
    return LineKind.BYLINE if CREDIT_LABELS.get(text) in BYLINE_ROLES else None


def _credit(block: Block, text: str, ctx: Context) -> LineKind | None:
    return LineKind.CREDIT if parse_credit_run(text) is not None else None


def _photo_credit(block: Block, text: str, ctx: Context) -> LineKind | None:
    if len(text) <= MAX_CAPTION and text[-1] in ")）" and PHOTO_CREDIT.match(text):
        return LineKind.PHOTO_CREDIT
    return None


def _caption(block: Block, text: str, ctx: Context) -> LineKind | None:
    if ctx.html and ctx.after_image and block.center and not block.bold and len(text) <= MAX_CAPTION:
        return LineKind.CAPTION
    return None


def _lone_caption(block: Block, text: str, ctx: Context) -> LineKind | None:
    return LineKind.LONE_CAPTION if not ctx.html and len(text) <= MAX_CAPTION and CAPTION.search(text) else None


def _dateline(block: Block, text: str, ctx: Context) -> LineKind | None:
    return LineKind.DATELINE if ctx.first and DATELINE_TITLE.match(text) else None


SHORT_RULES: tuple[Rule, ...] = (_widget, _byline, _credit, _photo_credit, _caption, _lone_caption, _dateline)
_CONTEXTS = {
    (html, first, after_image): Context(html, first, after_image)
    for html in (False, True) for first in (False, True) for after_image in (False, True)
}


def _text_kind(block: Block, text: str, html: bool) -> LineKind:
    """A heading or a paragraph: a short bold line or an <h2>–<h6> (HTML); a short line
    that ends without closing punctuation (text)."""
    if html:
        heading = (block.bold and len(text) <= MAX_BOLD_HEADING) or block.heading_level in (2, 3, 4, 5, 6)
    else:
        heading = len(text) <= MAX_TEXT_HEADING and ends_open(text)
    return LineKind.HEADING if heading else LineKind.PARAGRAPH


def classify(block: Block, text: str, ctx: Context) -> LineKind:
    """The kind of one body line; ``text`` is the block's text as the body reads it
    (:func:`line_text`).

    >>> ctx = Context(html=False)
    >>> [classify(Block(t, (t,), 0), t, ctx).value for t in ("（责任编辑：张三）", "（完）", "今天天气很好。")]
    ['credit', 'end', 'paragraph']
    """
    if block.hidden or block.zone == _ORIGINAL_HEADLINE:
        return LineKind.HIDDEN
    if block.zone == _CHROME:
        return LineKind.CHROME
    if not text:
        return LineKind.IMAGE if block.images else LineKind.EMPTY
    if len(text) > LONGEST_SPECIAL and not text.endswith(PROMO_ENDS):
        return _text_kind(block, text, ctx.html)  # an ordinary paragraph: none of the short lines below
    if text[0] in SPECIAL_FIRST or text.endswith(PROMO_ENDS) or block.zone == _PAGINATION:
        for rule in SPECIAL_RULES:
            kind = rule(block, text, ctx)
            if kind is not None:
                return kind
    for rule in SHORT_RULES:
        kind = rule(block, text, ctx)
        if kind is not None:
            return kind
    return _text_kind(block, text, ctx.html)


def kept_images(block: Block) -> list[tuple[str, str | None]]:
    """The block's images that are content (not spacers, icons or buttons)."""
    if not block.images:
        return []
    return [(src, alt) for src, alt in block.images if not DECOR_IMAGE.search(src)]


#: The kinds that are the article's text.
TEXT_KINDS = frozenset({LineKind.PARAGRAPH, LineKind.HEADING})


def read_lines(blocks: Iterable[Block], html: bool) -> list[Line]:
    """Classify the body's blocks in order (headings still candidates: see :func:`settle`)."""
    lines: list[Line] = []
    first = True
    image_above = False
    any_image = False
    for block in blocks:
        text = line_text(block, html)
        shown = not (block.hidden or block.zone in _UNSHOWN_ZONES)
        if block.images and shown and not any_image:  # this block's own images count
            any_image = bool(kept_images(block))
        kind = classify(block, text, _CONTEXTS[html, first, image_above and any_image])
        lines.append(Line(block, text, kind))
        if not shown:
            continue
        if not text:
            image_above = image_above or bool(block.images)
            continue
        image_above = False
        if kind in TEXT_KINDS:
            first = False
    return lines


def settle(lines: list[Line], html: bool) -> list[Line]:
    """A text heading must be followed by a paragraph (after other headings): the
    headings after the last paragraph of a text dump are paragraphs."""
    if html:
        return lines
    last = max((i for i, line in enumerate(lines) if line.kind == LineKind.PARAGRAPH), default=-1)
    return [
        Line(line.block, line.text, LineKind.PARAGRAPH) if i > last and line.kind == LineKind.HEADING else line
        for i, line in enumerate(lines)
    ]
