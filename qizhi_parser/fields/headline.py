"""Headline, pre-title (引题) and subtitle (副题)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from ..found import Found, issue
from ..models import MAX_HEADLINE
from ..page import Block, Page
from ..vocab import (
    CHROME,
    CRUMB_LINE,
    CRUMB_PREFIX,
    CRUMB_TEXT_END,
    MAX_CHANNEL_PART,
    MAX_WIDGET_LINE,
    PRETITLE_CLASSES,
    SITE_NAMES,
    SITE_PART,
    SUBTITLE_CLASSES,
    TITLE_SEPARATOR,
    WIDGET,
    Zone,
)
from ._text import squash
from .credits import parse_credit_run

if TYPE_CHECKING:
    from ..layout import Layout

__all__ = ["Title", "extract_headline", "extract_pretitle", "extract_subtitle", "from_markup", "from_text",
           "from_title_match", "from_title_tag"]

#: Zones read in loops: module constants (an Enum member lookup costs three times a global's).
_BREADCRUMB = Zone.BREADCRUMB
_TITLE = Zone.TITLE
_NO_TITLE_ZONES = frozenset({Zone.BODY, Zone.CREDITS, Zone.CHROME})

_HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
#: A bare web address (www.chinaneast.gov.cn, http://…): a site's line, never a title.
_ADDRESS = regex.compile(r"^(?:https?://)?(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,6}(?:[/:?#]\S*)?$")
#: How many blocks above the time line the title block may start.
TITLE_REACH = 8
MAX_TITLE_LINE = 120
#: Longer <title> / og:title values are not titles (and are not searched).
MAX_TITLE_TAG = 400


@dataclass(frozen=True, slots=True)
class Title:
    lines: list[str]
    pretitle: str | None
    subtitle: str | None
    rule: str
    index: int
    """The headline block (its first block, for text)."""


def _lines(block: Block) -> list[str]:
    return [squash(line) for line in block.lines if squash(line)]


def _is_headline_candidate(block: Block) -> bool:
    text = squash(block.text)
    return bool(text) and not block.hidden and text not in SITE_NAMES and len(text) <= 200


def _beside(block: Block, head: Block, classes: frozenset[str]) -> bool:
    """A heading element next to the headline: 引题 above it, 副题 below it."""
    if block.hidden or not block.tag.startswith("h") or len(block.text) > MAX_TITLE_LINE:
        return False
    return bool(block.marks & classes) or (block.tag in _HEADING_TAGS and block.zone == head.zone)


def _heads(page: Page) -> tuple[list[Block], str]:
    """The headline elements: the <h1>s, else the <h2>s of a title container."""
    h1s = [b for b in page.blocks if b.tag == "h1" and _is_headline_candidate(b)]
    if h1s:
        return h1s, "html:h1"
    return [b for b in page.blocks if b.tag == "h2" and b.zone == _TITLE and _is_headline_candidate(b)], \
        "html:title-h2"


def _neighbour(blocks: list[Block], index: int, head: Block, classes: frozenset[str]) -> str | None:
    """The text of the heading at ``index`` when it sits beside the headline (引题, 副题)."""
    if 0 <= index < len(blocks) and _beside(blocks[index], head, classes):
        return squash(blocks[index].text) or None
    return None


def from_markup(page: Page, anchor: int | None) -> Title | None:
    """The article's <h1> (never a logo <h1>), or the <h2> of a channel title block: the
    last above the time line when there is one, else the first."""
    heads, rule = _heads(page)
    if not heads:
        return None
    before = [b for b in heads if anchor is not None and b.index < anchor]
    head = before[-1] if before else heads[0]
    pretitle = _neighbour(page.blocks, head.index - 1, head, PRETITLE_CLASSES)
    subtitle = _neighbour(page.blocks, head.index + 1, head, SUBTITLE_CLASSES)
    return Title(_lines(head), pretitle, subtitle, rule, head.index)


def _is_crumb(block: Block) -> bool:
    return block.zone == _BREADCRUMB or bool(
        (CRUMB_LINE.match(block.text) and (">" in block.text or "＞" in block.text))
        or CRUMB_PREFIX.match(block.text)
        or CRUMB_TEXT_END.match(squash(block.text))
    )


def _skippable(block: Block) -> bool:
    return (
        block.hidden
        or block.zone in _NO_TITLE_ZONES
        or block.text.endswith("。")  # a sentence, not a title
        or bool(CHROME.match(block.text))
        or (len(block.text) <= MAX_WIDGET_LINE and bool(WIDGET.match(block.text)))
        or parse_credit_run(block.text) is not None
        or bool(_ADDRESS.match(block.text))
    )


def from_text(page: Page, anchor: int | None, start: int = 0) -> Title | None:
    """The title block as laid out in text: the runs of lines just above the time line.

    Each blank-line-separated run is one element of the page (each block, for
    HTML). Of the runs between the breadcrumb and the time line, the last that
    does not start with a dash is the headline (its lines are the headline's
    lines), the run before it is the pre-title and a run after it starting with
    —— is the subtitle. Without a time line, the first run after the breadcrumb
    is the headline.
    """
    blocks = page.blocks
    if anchor is not None:
        region = blocks[max(start, anchor - TITLE_REACH) : anchor]
    else:
        region = blocks[start : start + 3 * TITLE_REACH]
    groups = _runs(region, page.format, stop_at_second=anchor is None)
    if not groups:
        return None
    subtitle = None
    if len(groups) > 1 and groups[-1][0].text.startswith(("—", "－－", "--")):
        subtitle = squash(" ".join(b.text for b in groups.pop())) or None
    if len(groups) > 1 and anchor is not None:
        _drop_unrelated_tail(groups, blocks[anchor : anchor + _RELATED_REACH])
    head = groups[-1]
    pretitle = squash(" ".join(b.text for b in groups[-2])) or None if len(groups) > 1 else None
    lines = [line for b in head for line in _lines(b)]
    return Title(lines, pretitle, subtitle, f"{page.format}:title-block", head[0].index)


def _runs(region: list[Block], fmt: str, *, stop_at_second: bool) -> list[list[Block]]:
    """The runs of title-like lines in ``region`` after its last path line (one run a
    blank-line-separated group in text, a block in HTML). A list, link or long line
    ends the runs before it; with ``stop_at_second``, the first run is all that is wanted."""
    groups: list[list[Block]] = []
    last_key: int | None = None
    for block in region:
        if _is_crumb(block):
            groups, last_key = [], None
            continue
        if _skippable(block):
            continue
        if block.linked or block.listed or len(block.text) > MAX_TITLE_LINE:
            if stop_at_second and groups:
                break
            groups, last_key = [], None
            continue
        key = block.group if fmt == "text" else block.index
        if groups and key == last_key:
            groups[-1].append(block)
        elif stop_at_second and groups:
            break
        else:
            groups.append([block])
        last_key = key
    return groups


#: How many blocks after the time line are read to judge what a title is about.
_RELATED_REACH = 30
#: A title shares at least this share of its character pairs with the text below it.
_RELATED = 0.3
#: Navigation cells set beside the title are short, and share less than half as much.
_SHORT_CELL = 8


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1) if not text[i : i + 2].isspace()}


def _drop_unrelated_tail(groups: list[list[Block]], below: list[Block]) -> None:
    """Drop the trailing title candidates that are short and share less than half as many
    character pairs with the text below the time line as an earlier, longer one that is
    about that text: in a table layout rendered as text, navigation cells (工作动态) sit
    between title and time line."""
    text = _pairs("".join(b.text for b in below))
    if not text:
        return
    joined = ["".join(b.text for b in g) for g in groups]

    shared = [len(_pairs(w) & text) for w in joined]
    best = max(range(len(groups)), key=lambda i: shared[i])
    if shared[best] < _RELATED * max(1, len(_pairs(joined[best]))):
        return
    tail = range(best + 1, len(groups))
    if tail and all(len(joined[i]) <= _SHORT_CELL < len(joined[best]) and shared[i] < shared[best] / 2 for i in tail):
        del groups[best + 1 :]


def _title_prefixes(page: Page) -> list[str]:
    """The page title and each of its leading parts (cut at 标题_站名 separators), longest first."""
    found: list[str] = []
    for raw in (page.meta.get("og:title"), page.title):
        if not raw or len(raw) > MAX_TITLE_TAG:
            continue
        text = squash(raw)
        found.append(text)
        found.extend(text[: m.start()].strip() for m in TITLE_SEPARATOR.finditer(text))
    return sorted({p for p in found if p and p not in SITE_NAMES}, key=len, reverse=True)


def from_title_match(page: Page, anchor: int | None) -> Title | None:
    """The visible block whose text is the page title, or the title's leading part
    (``标题_振兴东北`` → ``标题``): the headline of a page whose markup and layout
    name none (table layouts set it in a cell, where titles are not looked for)."""
    prefixes = _title_prefixes(page)
    if not prefixes:
        return None
    wanted = set(prefixes)
    end = anchor if anchor is not None else len(page.blocks)
    matches = [b for b in page.blocks[:end] if not b.hidden and squash(b.text) in wanted and b.tag != "body"]
    if not matches:
        return None
    head = matches[-1] if anchor is not None else matches[0]
    return Title([squash(head.text)], None, None, "html:title-tag-match", head.index)


def from_title_tag(page: Page) -> tuple[str, str] | None:
    """og:title or <title>, site suffix removed: (headline, rule).

    >>> from types import SimpleNamespace as NS
    >>> from_title_tag(NS(meta={}, title="女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网 "))
    ('女儿出嫁，郑板桥画了几笔兰花当嫁妆', 'html:title')
    """
    for raw, rule in ((page.meta.get("og:title"), "meta:og:title"), (page.title, "html:title")):
        if raw and len(raw) <= MAX_TITLE_TAG:
            text = strip_site_suffix(squash(raw))
            if text and text not in SITE_NAMES and len(text) <= MAX_HEADLINE:
                return text, rule
    return None


def strip_site_suffix(title: str) -> str:
    """Cut a page title before its site part (and a short channel part before that).

    >>> strip_site_suffix("标题甲--文化--人民网"), strip_site_suffix("标题乙_手机人民网"), strip_site_suffix("标题丙")
    ('标题甲', '标题乙', '标题丙')
    >>> strip_site_suffix("一个很长的标题里有破折号--后半句话也很长很长--旗帜网")
    '一个很长的标题里有破折号--后半句话也很长很长'
    """
    cuts = [(m.start(), m.end()) for m in TITLE_SEPARATOR.finditer(title)]
    bounds = [0, *(end for _, end in cuts)]
    ends = [start for start, _ in cuts] + [len(title)]
    parts = [title[b:e] for b, e in zip(bounds, ends, strict=True)]
    site = next((i for i in range(1, len(parts)) if SITE_PART.search(parts[i])), None)
    if site is None:
        return title.strip()
    keep = site
    if keep > 1 and len(parts[keep - 1].strip()) <= MAX_CHANNEL_PART:
        keep -= 1
    return title[: ends[keep - 1]].strip()


def extract_headline(page: Page, layout: Layout) -> Found[list[str]]:
    """The headline's lines from the title group, else from og:title or <title>."""
    title = layout.title
    if title is not None:
        return Found(list(title.lines), raw=" ".join(title.lines), rule=title.rule, block=title.index)
    fallback = from_title_tag(page) if page.format == "html" else None
    if fallback is not None:
        text, rule = fallback
        return Found([text], raw=text, rule=rule,
                     issues=(issue("headline", "headline-from-title", f"no headline element; taken from {rule}"),))
    return Found([], issues=(issue("headline", "missing", "no headline found"),))


def extract_pretitle(page: Page, layout: Layout) -> Found[str | None]:
    """The 引题 above the headline."""
    title = layout.title
    if title is None or not title.pretitle:
        return Found(None)
    return Found(title.pretitle, raw=title.pretitle, rule=f"{title.rule}:above")


def extract_subtitle(page: Page, layout: Layout) -> Found[str | None]:
    """The 副题 below the headline."""
    title = layout.title
    if title is None or not title.subtitle:
        return Found(None)
    return Found(title.subtitle, raw=title.subtitle, rule=f"{title.rule}:below")
