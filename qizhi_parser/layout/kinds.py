"""What each line of an article's body is: one small rule a kind, tried in order.

:func:`classify` names a block's kind from its text and the hints of its markup;
:func:`read_lines` walks the body's blocks in order, keeping the little context the
rules need (the first text line, an image just above). The field extractors then
read the lines of their kinds: paragraphs and headings make the sections, credit
lines the credits, an edition line the edition, and so on.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

from ..models import CreditRole
from ..page import Block
from ..settings import RULES, Rules
from ..text.credits import parse_credit_run
from ..text.edition import edition_match
from ..text.shapes import ends_open, is_prose
from ..text.sources import is_source_line
from ..text.spaces import strip_indent
from ..vocab import (
    APP_WORDS,
    CAPTION,
    CHROME,
    CHROME_WORDS,
    CREDIT_LABELS,
    DATELINE_TITLE,
    DECOR_IMAGE,
    END_MARK,
    ORIGINAL_HEADLINE,
    PAGE_TOOL_WORDS,
    PAGER,
    PHOTO_CREDIT,
    PROMO_ENDS,
    PROMO_LEAD,
    PROMO_WORDS,
    SOURCE_WORDS,
    STOP,
    STOP_WORDS,
    WIDGET,
    WIDGET_FIRST,
    YEARLESS_STAMP,
    Zone,
)

__all__ = [
    "SPECIAL_RULES", "TEXT_KINDS", "Context", "Line", "LineKind", "classify", "contexts", "kept_images", "line_text",
    "read_lines", "settle",
]

#: Zones read in loops: module constants (an Enum member lookup costs three times a global's).
_CHROME = Zone.CHROME
_ORIGINAL_HEADLINE = Zone.ORIGINAL_HEADLINE
_PAGINATION = Zone.PAGINATION
_UNSHOWN_ZONES = frozenset({Zone.ORIGINAL_HEADLINE, Zone.CHROME})

#: Roles of a label printed alone on a line as a byline, its names given elsewhere.
BYLINE_ROLES = frozenset({CreditRole.REPORTER, CreditRole.CORRESPONDENT, CreditRole.AUTHOR})


class LineKind(str, Enum):
    """The kinds of line an article's body holds."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    """A section heading (a text heading is only a candidate until :func:`settle`)."""
    DATELINE = "dateline"
    """新华社北京5月10日电 set on a line of its own before the text."""
    CREDIT = "credit"
    """A labelled credit line: （责任编辑：…）, 记者 … 摄."""
    SOURCE = "source"
    """信息来源：内蒙古日报 printed on a line of its own (at the foot of the text on many sites)."""
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
    RELATED = "related"
    """A line of other articles' titles, each a link (set after the text, with no label)."""
    CHROME = "chrome"
    """Page tools: 【纠错】 打印 关闭, QR codes, share boxes."""
    PROMO = "promo"
    """点击进入 …, 更多精彩 >>."""
    WIDGET = "widget"
    """A line only of share-widget words (微信 微博 QQ空间), or a lone character (a close button's X)."""
    STAMP = "stamp"
    """A time printed without its year above the text (12-05 21:08 示例晚报): an info line no time
    can be read from, never text."""
    IMAGE = "image"
    """Images with no text."""
    HIDDEN = "hidden"
    """Not shown (a hidden original headline among them)."""
    EMPTY = "empty"


@dataclass(frozen=True, slots=True)  # eight instances a page (see contexts)
class Context:
    """What a rule may know of the page and of the lines above."""

    html: bool
    first: bool = True
    """No paragraph or heading above."""
    after_image: bool = False
    """An image with no text is right above (and some image is kept)."""
    rules: Rules = RULES
    """The thresholds of the rules on this page."""


@dataclass(slots=True)  # one a body block: not frozen, which would cost three times as much to build
class Line:
    """One block of the body, its text as the body reads it, and its kind (read-only by convention)."""

    block: Block
    text: str
    kind: LineKind


def line_text(block: Block, html: bool, min_tail: int = RULES.min_linked_tail) -> str:
    """The block's text without indent, and without a trailing list of related titles
    (lines that are each a whole link, set after the last paragraph in one element)."""
    text = strip_indent(block.text)
    if not html or len(block.lines) <= min_tail or not block.links:
        return text
    linked = {link.text for link in block.links}
    cut = len(block.lines)
    while cut > 0 and block.lines[cut - 1] in linked:
        cut -= 1
    if len(block.lines) - cut < min_tail or cut == 0:
        return text
    return strip_indent(" ".join(block.lines[:cut]))


# --------------------------------------------------------------------------- rules
# Each rule: (block, text, context) → the kind, or None to let the next rule decide.
# The special rules read only short lines that start with one of the characters each
# declares beside it (【 （ 《 …), or are marked as a pager, or end in >>.

Rule = Callable[[Block, str, Context], "LineKind | None"]


def _original_headline(block: Block, text: str, ctx: Context) -> LineKind | None:
    return LineKind.ORIGINAL_HEADLINE if ORIGINAL_HEADLINE.match(text) else None


def _edition(block: Block, text: str, ctx: Context) -> LineKind | None:
    return LineKind.EDITION if edition_match(text) is not None else None


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


def _source(block: Block, text: str, ctx: Context) -> LineKind | None:
    return LineKind.SOURCE if is_source_line(text) else None


def _firsts(*words: Iterable[str]) -> str:
    """The first characters of words."""
    return "".join(sorted({w[0] for group in words for w in group}))


#: The special rules, in order, each with the first characters of the lines it can take:
#: a line that starts with none of them is tried by none (the gate is derived from this table).
SPECIAL_RULES: tuple[tuple[Rule, str], ...] = (
    (_original_headline, "原"),  # 原标题：…
    (_edition, "《"),  # 《人民日报》（…版）
    (_pager, "【[上下首尾0123456789"),  # 【1】【2】, 上一页, 1234下一页 (and any line of a pager zone)
    (_end, "(（【[" + _firsts(STOP_WORDS)),  # （完）, 相关新闻
    (_chrome, "【[(（用" + _firsts(CHROME_WORDS, APP_WORDS, PAGE_TOOL_WORDS)),  # 打印 关闭, 【打印本页】, 用手机扫
    (_promo, _firsts(PROMO_WORDS)),  # 点击进入… (and any line ending in >>)
    (_source, "（(【[" + _firsts(SOURCE_WORDS)),  # 信息来源：…, （来源：…）
)
#: The first characters of every special line.
SPECIAL_FIRST = frozenset("".join(first for _, first in SPECIAL_RULES))
#: The first characters of a chrome line (the chrome rule's).
_CHROME_FIRST = frozenset(next(first for rule, first in SPECIAL_RULES if rule is _chrome))
#: The special rules a line may be taken by, by its first character, in table order: a line
#: that starts 新华社… is tried by the source rule alone, not by all seven.
_SPECIAL_BY_FIRST: dict[str, tuple[Rule, ...]] = {
    c: tuple(rule for rule, first in SPECIAL_RULES if c in first) for c in sorted(SPECIAL_FIRST)
}
#: Every special rule: for a line of a pager zone, or one ending in ``>>``, which any may take.
_EVERY_SPECIAL = tuple(rule for rule, _ in SPECIAL_RULES)
_NO_RULES: tuple[Rule, ...] = ()


def widget_line(text: str) -> bool:
    """A line only of widget words (WIDGET), tried only when it starts as one can (WIDGET_FIRST)."""
    first = text[:1]
    return (first in WIDGET_FIRST or first.isdecimal() or first.isspace()) and WIDGET.match(text) is not None


def chrome_line(text: str) -> bool:
    """A line of page chrome (CHROME), tried only when it starts as the chrome rule declares."""
    first = text[:1]
    return (first in _CHROME_FIRST or first.isspace()) and CHROME.match(text) is not None


def _widget(block: Block, text: str, ctx: Context) -> LineKind | None:
    # a lone character is a widget's too: a close button, a calendar's 日 set one character a line
    lone = len(text) == 1 and not text.isdigit()
    return LineKind.WIDGET if lone or (len(text) <= ctx.rules.max_widget_line and widget_line(text)) else None


def _stamp(block: Block, text: str, ctx: Context) -> LineKind | None:
    # above the text only: a time in a paragraph's first words (12-05 21:08，记者…) is a sentence
    if ctx.first and text[0].isdigit() and YEARLESS_STAMP.match(text) and not is_prose(text, ctx.rules.min_prose):
        return LineKind.STAMP
    return None


def _byline(block: Block, text: str, ctx: Context) -> LineKind | None:
    return LineKind.BYLINE if CREDIT_LABELS.get(text) in BYLINE_ROLES else None


def _credit(block: Block, text: str, ctx: Context) -> LineKind | None:
    return LineKind.CREDIT if parse_credit_run(text) is not None else None


def _photo_credit(block: Block, text: str, ctx: Context) -> LineKind | None:
    if len(text) <= ctx.rules.max_caption and text[-1] in ")）" and PHOTO_CREDIT.match(text):
        return LineKind.PHOTO_CREDIT
    return None


def _caption(block: Block, text: str, ctx: Context) -> LineKind | None:
    """A centred line right under an image; a bold one only when it reads as a caption (图为…, …摄）)."""
    if ctx.html and ctx.after_image and block.center and len(text) <= ctx.rules.max_caption:
        return LineKind.CAPTION if not block.bold or CAPTION.search(text) else None
    return None


def _lone_caption(block: Block, text: str, ctx: Context) -> LineKind | None:
    caption = not ctx.html and len(text) <= ctx.rules.max_caption and CAPTION.search(text)
    return LineKind.LONE_CAPTION if caption else None


def _dateline(block: Block, text: str, ctx: Context) -> LineKind | None:
    return LineKind.DATELINE if ctx.first and DATELINE_TITLE.match(text) else None


SHORT_RULES: tuple[Rule, ...] = (_widget, _stamp, _byline, _credit, _photo_credit, _caption, _lone_caption, _dateline)


@functools.lru_cache(maxsize=64)  # one entry a set of rules: the defaults and each template's
def contexts(rules: Rules) -> dict[tuple[bool, bool, bool], Context]:
    """The contexts of pages read with ``rules``, by (html, first, after_image) (read-only)."""
    return {
        (html, first, after_image): Context(html, first, after_image, rules)
        for html in (False, True) for first in (False, True) for after_image in (False, True)
    }


def _text_kind(block: Block, text: str, ctx: Context) -> LineKind:
    """A heading or a paragraph: a short bold line or an <h2>–<h6> (HTML); a short line
    that ends without closing punctuation (text)."""
    if ctx.html:
        heading = (block.bold and len(text) <= ctx.rules.max_bold_heading) or block.heading_level in (2, 3, 4, 5, 6)
    else:
        heading = len(text) <= ctx.rules.max_text_heading and ends_open(text)
    return LineKind.HEADING if heading else LineKind.PARAGRAPH


def _by_markup(block: Block, text: str, ctx: Context) -> LineKind | None:
    """The kinds the markup tells whatever the text: hidden, page tools, no text, a line of
    other articles' titles (all links, after the text)."""
    if block.hidden or block.zone == _ORIGINAL_HEADLINE:
        return LineKind.HIDDEN
    if block.zone == _CHROME:
        return LineKind.CHROME
    if not text:
        return LineKind.IMAGE if block.images else LineKind.EMPTY
    if (block.linked and not ctx.first and ctx.html and len(block.links) >= ctx.rules.min_related_links
            and _pager(block, text, ctx) is None):
        return LineKind.RELATED  # titles of other articles, all links: never the text
    return None


def classify(block: Block, text: str, ctx: Context) -> LineKind:
    """The kind of one body line; ``text`` is the block's text as the body reads it
    (:func:`line_text`).

    >>> ctx = Context(html=False)
    >>> [classify(Block(t, (t,), 0), t, ctx).value for t in ("（责任编辑：张三）", "（完）", "今天天气很好。")]
    ['credit', 'end', 'paragraph']
    """
    kind = _by_markup(block, text, ctx)
    if kind is not None:
        return kind
    if len(text) > ctx.rules.longest_special and not text.endswith(PROMO_ENDS):
        return _text_kind(block, text, ctx)  # an ordinary paragraph: none of the short lines below
    if text.endswith(PROMO_ENDS) or block.zone == _PAGINATION:
        special = _EVERY_SPECIAL
    else:
        special = _SPECIAL_BY_FIRST.get(text[0], _NO_RULES)
    for rule in special:
        kind = rule(block, text, ctx)
        if kind is not None:
            return kind
    for rule in SHORT_RULES:
        kind = rule(block, text, ctx)
        if kind is not None:
            return kind
    return _text_kind(block, text, ctx)


def kept_images(block: Block) -> list[tuple[str, str | None]]:
    """The block's images that are content (not spacers, icons or buttons)."""
    if not block.images:
        return []
    return [(src, alt) for src, alt in block.images if not DECOR_IMAGE.search(src)]


#: The kinds that are the article's text.
TEXT_KINDS = frozenset({LineKind.PARAGRAPH, LineKind.HEADING})


def read_lines(blocks: Iterable[Block], html: bool, rules: Rules = RULES) -> list[Line]:
    """Classify the body's blocks in order (headings still candidates: see :func:`settle`)."""
    lines: list[Line] = []
    first = True
    image_above = False
    any_image = False
    table = contexts(rules)
    for block in blocks:
        text = line_text(block, html, rules.min_linked_tail)
        shown = not (block.hidden or block.zone in _UNSHOWN_ZONES)
        if block.images and shown and not any_image:  # this block's own images count
            any_image = bool(kept_images(block))
        kind = classify(block, text, table[html, first, image_above and any_image])
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
