"""Body: choose the article's blocks, then sort them into headings, paragraphs,
images, credits and the lines that are not text (edition, pager, promos)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..models import CreditRole, Edition, Image, Paragraph, Section
from ..page import Block, Page
from ..vocab import (
    CAPTION,
    CHROME,
    CREDIT_LABELS,
    DATELINE_TITLE,
    DECOR_IMAGE,
    EDITION,
    END_MARK,
    FOOTER_MARKS,
    LEAD_END,
    MAX_WIDGET_LINE,
    NAME_SPLIT,
    ORIGINAL_HEADLINE,
    PAGER,
    PAGER_NUMBER,
    PHOTO_CREDIT,
    PROMO,
    SPECIAL_FIRST,
    STOP,
    WIDGET,
)
from ._text import ends_open, is_prose, squash, strip_indent
from .credits import EDITOR_CHAIN, RawCredit, closing_credit, dateline_credit, parse_credit_run
from .urls import Links

__all__ = ["Body", "extract", "select"]

#: Longest bold paragraph that is a heading (HTML).
MAX_BOLD_HEADING = 60
#: Longest unpunctuated line that is a heading (text).
MAX_TEXT_HEADING = 40
#: Longest lead-in sentence when it must be told from the text alone.
MAX_TEXT_LEAD = 24
MAX_CAPTION = 80
#: Most images kept for one article (a real one has a few dozen at most).
MAX_IMAGES = 200


@dataclass(slots=True)
class Body:
    sections: list[Section] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    credits: list[tuple[int, RawCredit]] = field(default_factory=list)
    empty_credits: list[tuple[int, str]] = field(default_factory=list)
    edition: Edition | None = None
    original_headline: str | None = None
    original_rule: str | None = None
    dateline: str | None = None
    pager_numbers: list[int] = field(default_factory=list)
    pager_links: list[tuple[int, str]] = field(default_factory=list)
    rule: str = ""
    images_dropped: int = 0
    """Images past MAX_IMAGES, not kept."""


def _editor_line(block: Block) -> bool:
    credits = parse_credit_run(block.text)
    return credits is not None and bool(credits) and all(c.role in EDITOR_CHAIN for c in credits)


def _desk_credit(block: Block) -> bool:
    """A credit line naming someone of the editing desk among others (作者：… 编辑：…):
    after the text it closes the body as an editor line does."""
    if len(block.text) > 120:
        return False
    credits = parse_credit_run(block.text)
    return credits is not None and any(c.role in EDITOR_CHAIN and c.names for c in credits)


def select(page: Page, after: int, until: int | None = None) -> tuple[list[Block], str]:
    """The template's body container if there is one, else the blocks after the
    header up to the first block that follows an article (credits, related news).
    ``until`` is where a second article starts, if the input holds two."""
    window = page.blocks[:until] if until is not None else page.blocks
    zoned = [b for b in window if b.zone == "body"]
    if any(strip_indent(b.text) for b in zoned):
        return zoned, "html:body" if page.format == "html" else "text:body"
    chosen: list[Block] = []
    prose = False
    for block in window[after:]:
        text = block.text
        editor_line = block.zone == "credits" or _editor_line(block) or (prose and _desk_credit(block))
        if editor_line or STOP.match(text):
            if editor_line:
                chosen.append(block)
            break
        if len(text) < 200 and any(mark in text for mark in FOOTER_MARKS):
            break
        if block.hidden and block.zone != "original_headline":
            continue
        navigation = (block.listed and not is_prose(text)) or (block.linked and not block.images)
        if navigation and not PAGER.match(text):  # a text dump marks list items by their bullets
            continue
        chosen.append(block)
        prose = prose or is_prose(text)
    rule = "text:after-header" if page.format == "text" else "html:after-header"
    return chosen, rule


_NOT_IN_LEAD = frozenset("“”\"「」:：（(")


def _lead(block: Block, text: str, fmt: str) -> str | None:
    if fmt == "html":
        prefix = strip_indent(block.bold_prefix)
        if prefix and prefix[-1] in LEAD_END and text.startswith(prefix) and len(prefix) < len(text):
            return prefix.rstrip("".join(LEAD_END)) or None
        return None
    for i, char in enumerate(text[: MAX_TEXT_LEAD + 1]):
        if char in "。！？!?":
            head = text[:i]
            if i >= 2 and i + 1 < len(text) and _NOT_IN_LEAD.isdisjoint(head):
                return head
            return None
    return None


def _edition(text: str) -> Edition | None:
    match = EDITION.match(text)
    if not match:
        return None
    try:
        date = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None
    return Edition(paper=squash(match["paper"]), date=date, page=match["page"])


def _pager(body: Body, block: Block, links: Links) -> None:
    for m in PAGER_NUMBER.finditer(block.text):
        body.pager_numbers.append(int(m.group(1) or m.group(2)))
    for link in block.links:
        number = PAGER_NUMBER.search(link.text)
        if number:
            href = links(link.href)
            if href is not None:
                body.pager_links.append((int(number.group(1) or number.group(2)), href))


#: No special line (credit, edition, pager, promo, caption …) is longer than this.
_LONGEST_SPECIAL = 200
_PROMO_ENDS = (">>", "&gt;&gt;", ">> ")


#: Roles of a label printed alone on a line as a byline, its names given elsewhere.
_BYLINE_ROLES = frozenset({CreditRole.REPORTER, CreditRole.CORRESPONDENT, CreditRole.AUTHOR})
#: Fewest trailing linked lines of a block that are a list of related titles, not text.
_MIN_LINKED_TAIL = 2


def _without_linked_tail(block: Block, text: str) -> str:
    """The block's text without trailing lines that are each a whole link (related titles
    set after the last paragraph inside the same element, one per <br>)."""
    if len(block.lines) <= _MIN_LINKED_TAIL or not block.links:
        return text
    linked = {link.text for link in block.links}
    cut = len(block.lines)
    while cut > 0 and block.lines[cut - 1] in linked:
        cut -= 1
    if len(block.lines) - cut < _MIN_LINKED_TAIL or cut == 0:
        return text
    return strip_indent(" ".join(block.lines[:cut]))


def _add_text_item(items: list[tuple[str, str, Block, str | None]], block: Block, text: str, html: bool,
                   fmt: str) -> None:
    if html:
        heading = (block.bold and len(text) <= MAX_BOLD_HEADING) or block.heading_level in (2, 3, 4, 5, 6)
    else:
        heading = len(text) <= MAX_TEXT_HEADING and ends_open(text)
    lead = None if heading else _lead(block, text, fmt)
    items.append(("heading" if heading else "para", text, block, lead))


def extract(page: Page, blocks: list[Block], rule: str, links: Links) -> Body:
    body = Body(rule=rule)
    html = page.format == "html"
    # pass 1: sort blocks; headings are only candidates until pass 2
    items: list[tuple[str, str, Block, str | None]] = []  # (kind, text, block, lead)
    last_was_image = False
    for block in blocks:
        text = strip_indent(block.text)
        if html and block.links and len(block.lines) > _MIN_LINKED_TAIL:
            text = _without_linked_tail(block, text)
        if block.hidden or block.zone == "original_headline":
            found = ORIGINAL_HEADLINE.match(text)
            if found and body.original_headline is None:
                body.original_headline = squash(found["title"]) or None
                body.original_rule = "html:hidden-original-headline"
            continue
        if block.zone == "chrome":
            continue
        for src, alt in block.images:
            if DECOR_IMAGE.search(src):
                continue
            if len(body.images) >= MAX_IMAGES:
                body.images_dropped += 1
                continue
            body.images.append(Image(src=links(src), alt=squash(alt or "") or None))
        if not text:
            last_was_image = bool(block.images) or last_was_image
            continue
        was_image, last_was_image = last_was_image, False
        if len(text) > _LONGEST_SPECIAL and not text.endswith(_PROMO_ENDS):
            # an ordinary paragraph: none of the short special lines below
            _add_text_item(items, block, text, html, page.format)
            continue
        special = text[0] in SPECIAL_FIRST or text.endswith(_PROMO_ENDS) or block.zone == "pagination"
        found = ORIGINAL_HEADLINE.match(text) if special else None
        if found:
            if body.original_headline is None:
                body.original_headline = squash(found["title"]) or None
                body.original_rule = f"{page.format}:original-headline-line"
            continue
        edition = _edition(text) if special else None
        if edition:
            body.edition = body.edition or edition
            continue
        if special:
            if block.zone == "pagination" or PAGER.match(text):
                _pager(body, block, links)
                continue
            if END_MARK.match(text) or STOP.match(text):
                continue
            if CHROME.match(text) and parse_credit_run(text) is None:  # 【纠错】 责任编辑：… is a credit
                continue
            if PROMO.match(text) and (block.linked or not items):
                continue
        if len(text) <= MAX_WIDGET_LINE and WIDGET.match(text):
            continue
        if CREDIT_LABELS.get(text) in _BYLINE_ROLES:  # a bare byline (新华社记者): the names close the text
            continue
        credits = parse_credit_run(text)
        if credits is not None:
            for credit in credits:
                if credit.names:
                    body.credits.append((block.index, credit))
                else:
                    body.empty_credits.append((block.index, credit.label))
            continue
        photo = PHOTO_CREDIT.match(text) if len(text) <= MAX_CAPTION and text[-1] in ")）" else None
        if photo:
            names = tuple(n for n in NAME_SPLIT.split(photo["names"].replace(" ", "、")) if n)
            body.credits.append((block.index, RawCredit(CreditRole.PHOTOGRAPHER, "摄", names)))
            continue
        if was_image and body.images and html and block.center and not block.bold and len(text) <= MAX_CAPTION:
            body.images[-1] = body.images[-1].model_copy(update={"caption": text})
            continue
        if not html and len(text) <= MAX_CAPTION and CAPTION.search(text):
            body.images.append(Image(src=None, caption=text))
            continue
        if not items and body.dateline is None:
            xinhua = DATELINE_TITLE.match(text)
            if xinhua:
                body.dateline = xinhua["dateline"]
                continue
        _add_text_item(items, block, text, html, page.format)

    # pager controls outside the body container
    inside = {b.index for b in blocks}
    for block in page.blocks:
        if block.zone == "pagination" and block.index not in inside:
            _pager(body, block, links)

    # pass 2: a text heading must be followed by a paragraph (after other headings)
    if not html:
        last_para = max((i for i, item in enumerate(items) if item[0] == "para"), default=-1)
        for i in range(last_para + 1, len(items)):
            _kind, text, block, _ = items[i]
            items[i] = ("para", text, block, _lead(block, text, page.format))

    # datelines and bracketed credits at the edges of the text
    paras = [i for i, item in enumerate(items) if item[0] == "para"]
    if paras and body.dateline is None:
        first = items[paras[0]]
        found_dateline = dateline_credit(first[1])
        if found_dateline:
            body.dateline, credits = found_dateline
            body.credits.extend((first[2].index, c) for c in credits)
    if paras:
        last = items[paras[-1]]
        closing = closing_credit(last[1])
        if closing:
            body.credits.extend((last[2].index, c) for c in closing if c.names)

    # sections
    title: str | None = None
    paragraphs: list[Paragraph] = []
    for kind, text, _block, lead in items:
        if kind == "heading":
            if paragraphs or title is not None:
                body.sections.append(Section(heading=title, paragraphs=paragraphs))
            title, paragraphs = text, []
        else:
            paragraphs.append(Paragraph(text=text, lead=lead))
    if paragraphs or title is not None:
        body.sections.append(Section(heading=title, paragraphs=paragraphs))
    body.credits.sort(key=lambda ic: ic[0])
    return body
