"""One ``Page`` of blocks for both inputs. The only module that touches lxml.

An HTML page and a plain-text dump become the same thing: a list of
:class:`Block` in reading order, each a piece of visible text with hints (tag,
bold, centred, hidden, links, images, the template zone it sits in). Every field
extractor reads blocks, so one extractor serves both inputs; HTML adds hints,
text-only input relies on the text patterns alone.
"""

from __future__ import annotations

import re
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

import regex
from lxml import etree

from .errors import NotAnArticleError, QizhiParserError
from .models import IssueCode
from .settings import (
    LONG_TAG,
    MAX_ATTRIBUTE_VALUE,
    MAX_ATTRIBUTES,
    MAX_BLOCKS,
    MAX_DEPTH,
    MAX_H1_ROOTS,
    MAX_LINES,
    MAX_PER_BLOCK,
    MAX_SHARE_URLS,
    MAX_TAGS,
    SCAN_CHUNK,
)
from .templates import BUNDLED, MarkTable, Template, TemplateSet
from .text.spaces import UNSAFE, collapse, scrub, scrub_count, strip
from .vocab import SHARE_CALL, SHARE_QUERY, SHARE_URL, Zone

__all__ = ["Block", "Link", "Page", "page_from_html", "page_from_text", "parse_tree"]

#: Zones read in loops: module constants (an Enum member lookup costs three times a global's).
_BODY = Zone.BODY
_NO_MARKS: frozenset[str] = frozenset()
_TITLE = Zone.TITLE

#: Elements whose start and end break the flow of text into blocks.
BLOCK_TAGS = frozenset(
    (
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "table", "tbody", "thead", "tfoot", "tr", "td", "th", "center", "section", "article",
        "header", "footer", "aside", "nav", "main", "form", "blockquote", "pre", "address",
        "figure", "figcaption", "fieldset", "hr", "body", "html",
    )
)
#: Elements that are never visible text.
SKIP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed",
             "select", "option", "textarea", "button", "svg", "canvas", "map", "audio", "video")
_SKIP_SET = frozenset(SKIP_TAGS)
BOLD_TAGS = frozenset({"strong", "b"})
_LIST_TAGS = frozenset({"li", "dt", "dd", "td", "th"})
_MARKING_INLINE = BOLD_TAGS | _LIST_TAGS

_LOCAL = threading.local()


def _parser() -> etree.HTMLParser:
    """This thread's HTML parser: never shared across threads (Dask's threaded
    scheduler, web servers), so parses neither serialise nor mix error logs."""
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = _LOCAL.parser = etree.HTMLParser(
            encoding="utf-8",
            no_network=True,
            huge_tree=False,  # libxml2's limits stay on: no text node over 10 MB, no deeper than MAX_DEPTH
            remove_comments=True,
            remove_pis=True,
            recover=True,
            default_doctype=False,
            collect_ids=False,  # no lookups by id: libxml2 need not hash every id attribute
        )
    return parser


class Link(NamedTuple):
    """A link in a block: its visible text and its href as written (resolved later).
    A named tuple: one is made for every link of a page, and a frozen dataclass costs
    three times as much to make."""

    text: str
    href: str


@dataclass(slots=True)
class Block:
    """A piece of visible text with the hints its markup gives."""

    text: str
    """Visible text, ASCII whitespace collapsed, stripped."""
    lines: tuple[str, ...]
    """The text split at ``<br>`` (HTML) or the single line (text)."""
    index: int
    tag: str = "line"
    zone: Zone | None = None
    marks: frozenset[str] = frozenset()
    """The block element's own classes and id."""
    bold: bool = False
    """All visible text is bold."""
    bold_prefix: str = ""
    """Bold text at the start of the block (the lead-in), if any."""
    center: bool = False
    hidden: bool = False
    linked: bool = False
    """All visible text is inside links."""
    listed: bool = False
    """The block is a list item or table cell."""
    heading_level: int | None = None
    links: tuple[Link, ...] = ()
    images: tuple[tuple[str, str | None], ...] = ()
    group: int = 0
    """Text input: blocks of one blank-line-separated run share a group."""
    line: int | None = None
    """Text input: the 1-based line number. HTML: the line of the markup where the
    block's element starts (the same on the fast and the whole-page walk)."""


@dataclass(slots=True)
class Page:
    blocks: list[Block]
    format: str
    meta: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    url_candidates: list[tuple[str, str]] = field(default_factory=list)
    """(url, rule) pairs found in the page: og:url, canonical, share scripts."""
    truncated: bool = False
    """More than MAX_BLOCKS blocks: the rest of the page was not read."""
    partial: bool = False
    """Only the containers of a recognised template were read."""
    marks: frozenset[str] = frozenset()
    """The template marks (``#id``, class) found on the page's containers."""
    template: Template | None = None
    """The template whose signature is on the page, if one is."""
    cleaned: int = 0
    """Control, bidi and lone surrogate characters removed from the text."""
    url: str | None = None
    """The page's address as the caller gave it (``parse(url=…)``), unchecked."""

    def where(self, index: int) -> str:
        """Where block ``index`` is, for messages: its line in a text dump or in the HTML
        (the same whether the template's containers or the whole page were read)."""
        block = self.blocks[index]
        if block.line is None:
            return f"text block {index + 1} of the page"
        return f"line {block.line}" if self.format == "text" else f"line {block.line} of the HTML"


# ------------------------------------------------------------------------- text


#: A run of spaces this long inside a line of a text dump separates two table cells
#: that a text renderer set side by side (``www.site.cn      2005年08月16日 来源：新华网``).
_CELL_GAP = regex.compile(r"[ \t]{4,}")
#: Characters that join the parts of one line across a wide gap.
_JOINERS = frozenset(">»›→＞|｜")
#: A line of a text dump that is a markup declaration or comment: <!DOCTYPE html>,
#: <!ENTITY a "…">, <?xml version="1.0"?>, <!-- … -->, ]>.
_DECLARATION = regex.compile(r"^<(?:![A-Za-z\[-]|\?xml)[^\n]{0,4000}$|^\]\s*>$")
#: List bullets a text renderer puts before list items.
_LIST_BULLET = regex.compile(r"^(?:[*•·]|-(?!-))[ \t]+")


def _cells(raw: str, line: str) -> tuple[list[str], bool]:
    """The cells of one line of a dump, and whether it is a table row set out with spaces
    (``www.site.cn      2005年08月16日 来源：新华网``). Spaces around a path separator
    (首页    >    要闻) keep the line whole."""
    row = ("    " in raw or "\t" in raw) and bool(_CELL_GAP.search(raw.strip("\r\n")))
    if not row:
        return [line], False
    cells = _CELL_GAP.split(line)
    if any(c[:1] in _JOINERS or c[-1:] in _JOINERS for c in cells[1:]) or cells[0][-1:] in _JOINERS:
        return [line], True
    return cells, True


def _unbullet(cell: str) -> tuple[str, bool]:
    """A list item's text without its bullet, and whether it had one."""
    if cell[:1] in "*•·-" and (bullet := _LIST_BULLET.match(cell)):
        return cell[bullet.end() :], True
    return cell, False




def page_from_text(text: str) -> Page:
    """Split a plain-text dump into line blocks grouped by blank lines. Cells set
    side by side on one line become blocks of their own; a bulleted line is a list
    item (``listed``), its bullet removed."""
    blocks: list[Block] = []
    group = 0
    truncated = False
    if text.count("\n") > MAX_LINES:  # counted in C; 20 M blank lines are not split into a list
        cut = _nth(text, "\n", MAX_LINES)
        text, truncated = (text[:cut], True) if cut is not None else (text, False)
    text, cleaned = scrub_count(text)
    for number, raw in enumerate(text.splitlines(), start=1):
        if len(blocks) >= MAX_BLOCKS:
            truncated = True
            break
        line = strip(raw)
        if not line or (line[0] == "<" and _DECLARATION.match(line)):
            group += 1  # a markup declaration (<!DOCTYPE …>, <!ENTITY …>, <?xml …?>) is never text
            continue
        cells, row = _cells(raw, line)
        group += int(row)  # a table row: its own element, whatever the blank lines say
        for i, cell in enumerate(cells):
            group += int(i > 0)  # a cell beside another is an element of its own
            cell, listed = _unbullet(strip(cell))
            if cell:
                blocks.append(Block(text=cell, lines=(cell,), index=len(blocks), listed=listed, group=group,
                                    line=number))
        group += int(row)
    return Page(blocks=blocks, format="text", truncated=truncated, cleaned=cleaned)


# ------------------------------------------------------------------------- html


_ZERO_SIZE = regex.compile(r"(?:^|;)(font-size|height|width|max-height):0(?:px|em|rem|pt|%)?(?=;|$|!)")


def _zero_box(compact: str) -> bool:
    """Text set in a zero-size font, or in a zero-height/-width box that clips its
    overflow: hidden SEO copies (``height:0px;overflow:hidden;font-size:0``).

    >>> _zero_box("height:0px;line-height:0px;font-size:0;overflow:hidden;"), _zero_box("height:0;")
    (True, False)
    """
    if "0" not in compact:
        return False
    zero = {m.group(1) for m in _ZERO_SIZE.finditer(compact)}
    return "font-size" in zero or (bool(zero) and "overflow:hidden" in compact)


def _style_flags(style: str | None, align: str | None) -> tuple[bool, bool, bool]:
    """(hidden, bold, centred) from the element's style and align attributes."""
    hidden = bold = centred = False
    if style:
        compact = style.replace(" ", "").lower()
        hidden = "display:none" in compact or "visibility:hidden" in compact or _zero_box(compact)
        bold = "font-weight:bold" in compact or "font-weight:700" in compact
        centred = "text-align:center" in compact
    if align and align.lower() == "center":
        centred = True
    return hidden, bold, centred


# one frame per open element:
# (zone, hidden, bold, centred, linked, listed, block element, block hidden, block marks)
_Frame = tuple[Zone | None, bool, bool, bool, bool, bool, etree._Element, bool, frozenset[str]]


class _Builder:
    """Turns an lxml tree into blocks with iterative walks (no recursion)."""

    def __init__(self, table: MarkTable) -> None:
        self.table = table
        self.blocks: list[Block] = []
        # the open inline run: its text parts and what is known of the visible ones
        self.parts: list[str] = []
        self.any_bold = False
        self.broken = False
        self.has_text = False
        """Some part is visible (not only whitespace)."""
        self.unlinked = False
        """Some visible part is outside any link."""
        self.lead: list[str] = []
        """The visible bold parts before the first visible plain one."""
        self.lead_open = True
        """No visible plain part yet."""
        self.links: list[Link] = []
        self.images: list[tuple[str, str | None]] = []
        self.inline_zone: Zone | None = None
        self.truncated = False
        self.cleaned = 0
        """Unsafe characters removed from the text (see ``UNSAFE``)."""

    def flush(self, frame: _Frame) -> None:
        """End the open run of inline text: a block, unless it shows nothing. Part of the
        walk (the hot path): kept whole, as the walk is."""
        if not self.has_text and not self.images:
            if self.parts:  # a run of layout whitespace: only what such a run sets is reset
                self.parts = []
                self.any_bold = self.broken = False
                self.inline_zone = None
            return
        raw = "".join(self.parts)
        text = collapse(raw)
        images = tuple(self.images)
        if text or images:
            el = frame[6]
            tag = el.tag if isinstance(el.tag, str) else "div"
            bold = False
            prefix = ""
            if self.any_bold:
                bold = self.has_text and self.lead_open
                if not bold:
                    prefix = collapse("".join(self.lead))
            if self.broken:
                lines = tuple(t for t in map(collapse, raw.split("\x00")) if t)
                text = collapse(raw.replace("\x00", " "))
            else:
                lines = (text,) if text else ()
            if UNSAFE.search(text):  # controls, bidi overrides, surrogates from entities (&#1; &#x202E;)
                text, removed = UNSAFE.subn("", text)
                self.cleaned += removed
                lines = tuple(t for t in (UNSAFE.sub("", line).strip() for line in lines) if t)
                prefix = UNSAFE.sub("", prefix)
                text = text.strip()
            level = int(tag[1]) if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit() else None
            # positional: the hot path (keywords cost 2.7 µs a block against 0.9 µs)
            self.blocks.append(
                Block(
                    text, lines, len(self.blocks), tag,
                    frame[0] or self.inline_zone,  # zone
                    frame[8],  # marks
                    bold, prefix,
                    frame[3],  # center
                    frame[1],  # hidden
                    bool(text) and not self.unlinked,  # linked
                    frame[5],  # listed
                    level, tuple(self.links), images,
                    0,  # group (text input only)
                    el.sourceline,  # line
                )
            )
        # the run made a block: everything is reset (inline, not a method: once a block)
        self.parts = []
        self.any_bold = self.broken = False
        self.inline_zone = None
        self.has_text = self.unlinked = False
        self.lead = []
        self.lead_open = True
        self.links = []
        self.images = []

    def walk(self, root: etree._Element, top: _Frame) -> None:
        stack: list[_Frame] = [top]
        link_start: list[int] = []
        marked = self.table.marked
        blocks = self.blocks
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, el in walker:
            tag = el.tag
            if not isinstance(tag, str):
                continue
            frame = stack[-1]
            if event == "start":
                if tag in _SKIP_SET:  # scripts, styles …: never text; their tail is
                    walker.skip_subtree()
                    stack.append(frame)
                    continue
                if len(blocks) >= MAX_BLOCKS:
                    self.truncated = True
                    return
                zone, hidden, bold, centred, linked, listed, block_el, block_hidden, marks = frame
                is_block = tag in BLOCK_TAGS
                keys = el.keys()  # attribute names: one call, and an empty list for most elements
                if keys:
                    get = el.get
                    ident = get("id") if "id" in keys else None
                    cls = get("class") if "class" in keys else None
                    if "style" in keys or "align" in keys:
                        own_hidden, own_bold, own_centred = _style_flags(get("style"), get("align"))
                    else:
                        own_hidden = own_bold = own_centred = False
                    if "hidden" in keys:
                        own_hidden = True
                    if ident or cls:
                        own_zone, own_marks = marked(ident, cls)
                        if not is_block:
                            own_marks = marks
                    else:
                        own_zone, own_marks = None, _NO_MARKS if is_block else marks
                    is_link = tag == "a" and "href" in keys
                else:
                    own_hidden = own_bold = own_centred = is_link = False
                    own_zone = None
                    own_marks = _NO_MARKS if is_block else marks
                if is_block:
                    new: _Frame = (
                        own_zone or zone,
                        hidden or own_hidden,
                        bold or own_bold or tag in BOLD_TAGS,
                        centred or own_centred or tag == "center",
                        linked,
                        listed or tag in _LIST_TAGS,
                        el,
                        hidden or own_hidden,
                        own_marks,
                    )
                elif own_zone is None and not (own_hidden or own_bold or is_link or tag in _MARKING_INLINE):
                    new = frame  # an inline element that changes nothing
                else:
                    new = (
                        own_zone or zone,
                        hidden or own_hidden,
                        bold or own_bold or tag in BOLD_TAGS,
                        centred,
                        linked or is_link,
                        listed or tag in _LIST_TAGS,
                        block_el,
                        block_hidden,
                        marks,
                    )
                if is_block:
                    if self.parts or self.images:
                        self.flush(frame)
                elif tag == "br":
                    self.parts.append("\x00")
                    self.broken = True
                elif tag == "img":
                    src = el.get("src")
                    if src and len(self.images) < MAX_PER_BLOCK:
                        self.images.append((src, el.get("alt")))
                elif tag == "a":
                    link_start.append(len(self.parts))
                if not is_block and own_zone is not None and self.inline_zone is None:
                    self.inline_zone = own_zone
                stack.append(new)
                text = el.text if not new[1] or new[7] else None  # text hidden inside a visible block is dropped
                text_frame = new
            else:
                stack.pop()
                text_frame = stack[-1]
                if tag in BLOCK_TAGS:
                    if self.parts or self.images:
                        self.flush(frame)
                elif tag == "a" and link_start:
                    start = link_start.pop()
                    href = el.get("href")
                    label = scrub(collapse("".join(self.parts[start:]).replace("\x00", " ")))
                    if href and label and len(self.links) < MAX_PER_BLOCK:
                        self.links.append(Link(label, href))
                text = el.tail if not text_frame[1] or text_frame[7] else None
            # the element's text (start) or its tail (end), added here once (inline: once an element)
            if text:
                self.parts.append(text)
                if text_frame[2]:
                    self.any_bold = True
                if not text.isspace():
                    self.has_text = True
                    if not text_frame[4]:
                        self.unlinked = True
                    if self.lead_open:
                        if text_frame[2]:
                            self.lead.append(text)
                        else:
                            self.lead_open = False
        self.flush(stack[0])


def _frame_for(el: etree._Element, table: MarkTable) -> _Frame:
    """The inherited context of an element, read from its ancestors (for subtree walks)."""
    zone: Zone | None = None
    hidden = bold = centred = linked = listed = False
    for anc in el.iterancestors():
        tag = anc.tag
        if not isinstance(tag, str):
            continue
        if anc.attrib:
            a_hidden, a_bold, a_centred = _style_flags(anc.get("style"), anc.get("align"))
            hidden = hidden or a_hidden or anc.get("hidden") is not None
            bold = bold or a_bold
            centred = centred or a_centred
            if zone is None:
                zone = table.zone_of(anc.get("id"), anc.get("class"))
        bold = bold or tag in BOLD_TAGS
        centred = centred or tag == "center"
        linked = linked or (tag == "a" and anc.get("href") is not None)
        listed = listed or tag in _LIST_TAGS
    return (zone, hidden, bold, centred, linked, listed, el, hidden, _NO_MARKS)


_CONTAINER_ZONES = frozenset(
    {"breadcrumb", "title", "pretitle", "subtitle", "info", "body", "credits", "pagination", "original_headline",
     "byline"}
)


#: Elements that may be a template container (or the headline).
_CONTAINER_TAGS = ("div", "span", "p", "h1", "h2", "section", "article", "main", "td", "center", "font")


def _has_text(el: etree._Element) -> bool:
    return bool("".join(el.itertext()).strip())


def _fast_roots(root: etree._Element, templates: TemplateSet,
                seen: set[str]) -> tuple[list[etree._Element] | None, Template | None]:
    """The template that matches the page, and the containers its marks (and the generic
    marks) name, to walk instead of the whole page, in document order: None when no template
    matches (or its body container is empty), then the whole page is walked. One pass over
    the elements; a Python loop beats XPath here. The template marks met are added to ``seen``."""
    body = root.find("body")
    if body is None:
        return None, None
    found = _candidates(body, templates.every, seen)
    template = templates.match(seen)
    if template is None:
        return None, None
    own = templates.table(template)
    roots: list[etree._Element] = []
    body_text = False
    for el, ident, cls in found:
        zone = own.zone_of(ident, cls) if ident is not None or cls is not None else _TITLE
        if zone in _CONTAINER_ZONES:
            roots.append(el)
            if zone == _BODY and not body_text:
                body_text = _has_text(el)  # an empty body container is no template's body
    return (_outermost(roots) if body_text else None), template


_Candidate = tuple[etree._Element, str | None, str | None]


def _candidates(body: etree._Element, every: MarkTable, seen: set[str]) -> list[_Candidate]:
    """The elements any template's marks name, as (element, id, class), and the elements of
    the headline groups, as (element, None, None), in document order."""
    found: list[_Candidate] = []
    h1s = 0
    for el in body.iter(*_CONTAINER_TAGS):  # filtered in C: no proxies for <a>, <li>, <img> …
        keys = el.keys()  # attribute names: one call, and an empty list for most elements
        if el.tag == "h1":
            h1s += 1
            every.seen_marks(el.get("id"), el.get("class"), seen)
            found.extend((x, None, None) for x in _headline_group(el, h1s))
            continue
        if not keys:
            continue
        ident = el.get("id") if "id" in keys else None
        cls = el.get("class") if "class" in keys else None
        if every.zone_of(ident, cls) is not None:
            every.seen_marks(ident, cls, seen)
            found.append((el, ident, cls))
    return found


def _headline_group(el: etree._Element, count: int) -> list[etree._Element]:
    """The ``count``-th <h1> of the page with the elements beside it (引题 above, 副题 below),
    unless it has no text (a logo) or is past the few a page has."""
    if count > MAX_H1_ROOTS or not _has_text(el):
        return []
    return [x for x in (el.getprevious(), el, el.getnext()) if x is not None and isinstance(x.tag, str)]


def _outermost(roots: list[etree._Element]) -> list[etree._Element]:
    """The roots that are inside no other root, once each, in order."""
    chosen = set(roots)
    return [el for el in dict.fromkeys(roots) if not any(anc in chosen for anc in el.iterancestors())]


def _meta(root: etree._Element) -> tuple[dict[str, str], str | None]:
    meta: dict[str, str] = {}
    head = root.find("head")
    scope = head if head is not None else root
    for el in scope.iter("meta", "link", "base"):
        if el.tag == "base":
            if el.get("href"):
                meta.setdefault("base", el.get("href", "").strip())
            continue
        if el.tag == "link":
            if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
                meta.setdefault("canonical", el.get("href", "").strip())
            continue
        key = el.get("name") or el.get("property") or el.get("itemprop")
        value = el.get("content")
        if key and value is not None:
            meta.setdefault(key.strip().lower(), scrub(value.strip()))
    title = None
    for el in scope.iter("title"):
        title = collapse(scrub("".join(el.itertext()))) or None
        break
    return meta, title


def _script_text(root: etree._Element) -> str:
    """The scripts' code and src attributes (share scripts carry the page URL)."""
    parts = []
    for el in root.iter("script"):
        if el.get("src"):
            parts.append(el.get("src", ""))
        if el.text:
            parts.append(el.text)
    return "\n".join(parts)


def _share_matches(source: str) -> Iterator[regex.Match[str]]:
    """SHARE_URL's matches in ``source``, in order."""
    call, query = "shareTo" in source, "url=" in source
    if call and query:
        return SHARE_URL.finditer(source)
    if call or query:
        return (SHARE_CALL if call else SHARE_QUERY).finditer(source)
    return iter(())


def _url_candidates(meta: dict[str, str], root: etree._Element, text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if meta.get("og:url"):
        found.append((meta["og:url"], "meta:og:url"))
    if meta.get("canonical"):
        found.append((meta["canonical"], "html:canonical"))
    if found:
        return found
    # share scripts, then share buttons (onclick="shareToWX('http://…')") anywhere in the page
    sources = [_script_text(root)]
    if "shareTo" in text:
        sources.append(text[:2_000_000])
    for source in sources:
        for match in _share_matches(source):
            groups = match.groupdict()
            url = groups.get("url") or urllib.parse.unquote(groups.get("quoted") or "")
            found.append((url, "script:share-url"))
            if len(found) > MAX_SHARE_URLS:
                break
        if found:
            break
    return found


#: A tag of LONG_TAG characters or more (it may hold too many attributes or too long a value).
_LONG_TAG = re.compile(r"<[A-Za-z][^<>]{" + str(LONG_TAG) + ",}>")


def _may_have_long_tag(text: str) -> bool:
    """False when no run of text between two ``<`` is long enough to hold a tag of
    LONG_TAG characters. Split in C, a chunk at a time, before _LONG_TAG scans the
    attributes of every tag (which it does only when this says True): bound_markup took
    388 µs on a 36 kB page before, 226 µs after.

    >>> _may_have_long_tag("<p>x</p>" * 1000), _may_have_long_tag("<a title='" + "x" * 5000 + "'>")
    (False, True)
    """
    if len(text) <= LONG_TAG:
        return False
    for start in range(0, len(text), SCAN_CHUNK):
        # the overlap sees a tag that starts in this chunk whole, or far enough to know it is long;
        # a page shorter than a chunk is not copied (a slice of the whole string is the string)
        chunk = text[start : start + SCAN_CHUNK + LONG_TAG + 2]
        if max(map(len, chunk.split("<"))) > LONG_TAG:
            return True
    return False
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def _nth(text: str, char: str, n: int) -> int | None:
    """The index of the ``n``-th ``char`` in ``text`` (counted in C, chunk by chunk), or None."""
    seen = 0
    step = 1 << 16
    for start in range(0, len(text), step):
        chunk = text[start : start + step]
        here = chunk.count(char)
        if seen + here >= n:
            pos = start - 1
            for _ in range(n - seen):
                pos = text.index(char, pos + 1)
            return pos
        seen += here
    return None


def _shrink_tag(tag: str) -> tuple[str, int]:
    """The tag with at most MAX_ATTRIBUTES attributes, none longer than MAX_ATTRIBUTE_VALUE;
    and how many attributes or values were dropped."""
    name_end = 1
    while name_end < len(tag) and not tag[name_end].isspace() and tag[name_end] not in "/>":
        name_end += 1
    kept: list[str] = []
    dropped = 0
    for match in _ATTRIBUTE.finditer(tag, name_end, len(tag) - 1):
        if len(kept) >= MAX_ATTRIBUTES:  # the rest are not read (counted by their = signs, in C)
            dropped += max(1, tag.count("=", match.start()))
            break
        value = match.group(2)
        if value is not None and len(value) > MAX_ATTRIBUTE_VALUE:
            dropped += 1
            continue
        kept.append(" " + match.group(0))
    if not dropped:
        return tag, 0
    return tag[:name_end] + "".join(kept) + ">", dropped


def bound_markup(text: str, problems: list[tuple[IssueCode, str]] | None = None) -> str:
    """The HTML cut to what the work budget reads: at most MAX_TAGS tags, at most
    MAX_ATTRIBUTES attributes an element, no attribute value over MAX_ATTRIBUTE_VALUE.
    What was cut is reported in ``problems`` as ``input-truncated``."""
    if text.count("<") > MAX_TAGS:
        cut = _nth(text, "<", MAX_TAGS + 1)
        if cut is not None:
            if problems is not None:
                problems.append(("input-truncated", f"the page has more than {MAX_TAGS:,} tags; the markup after "
                                                    f"character {cut:,} was not read"))
            text = text[:cut]
    if not _may_have_long_tag(text) or _LONG_TAG.search(text) is None:
        return text
    pieces: list[str] = []
    last = 0
    dropped = 0
    for match in _LONG_TAG.finditer(text):
        tag, lost = _shrink_tag(match.group(0))
        if lost:
            pieces.append(text[last : match.start()])
            pieces.append(tag)
            last = match.end()
            dropped += lost
    if not dropped:
        return text
    pieces.append(text[last:])
    if problems is not None:
        problems.append(("input-truncated", f"{dropped:,} attributes over the limits ({MAX_ATTRIBUTES} an element, "
                                            f"{MAX_ATTRIBUTE_VALUE:,} characters a value) were not read"))
    return "".join(pieces)


def parse_tree(text: str, problems: list[tuple[IssueCode, str]] | None = None) -> etree._Element:
    """The lxml tree of an HTML text, within the work budget (:func:`bound_markup`).
    Never fetches anything: the HTML parser reads no DTD and resolves no external
    entity; network access is off, huge_tree off."""
    text = bound_markup(text, problems)
    data = text.encode("utf-8", errors="replace")
    parser = _parser()
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.ParserError as exc:  # pragma: no cover - recover=True rarely raises
        raise NotAnArticleError(f"no HTML document in the input: {exc}") from None
    except (etree.LxmlError, ValueError) as exc:  # pragma: no cover - lxml internals
        raise QizhiParserError(f"HTML could not be parsed: {exc}") from None
    for entry in parser.error_log:
        if entry.type_name != "ERR_RESOURCE_LIMIT":
            continue
        if "depth" in entry.message.lower():
            # elements nested deeper than MAX_DEPTH: the parser keeps what is above that depth
            if problems is not None:
                problems.append(("input-truncated", f"elements nested deeper than {MAX_DEPTH} levels (from line "
                                                    f"{entry.line}) were not read"))
            continue
        raise QizhiParserError(
            f"the HTML exceeds the parser's safety limits at line {entry.line} ({entry.message.strip()}): "
            "a text run over 10 MB; the page cannot be read safely"
        )
    if root is None:
        raise NotAnArticleError("no HTML document in the input")
    return root


def page_from_html(text: str, *, fast: bool = True, find_urls: bool = True,
                   root: etree._Element | None = None, templates: TemplateSet = BUNDLED) -> Page:
    """Blocks of an HTML page. With ``fast``, only the containers of the template that
    matches the page are read (``Page.partial``); otherwise, or when none matches, the
    whole page."""
    if root is None:
        root = parse_tree(text)
    meta, title = _meta(root)
    urls = _url_candidates(meta, root, text) if find_urls else []
    seen: set[str] = set()
    found, template = _fast_roots(root, templates, seen)
    table = templates.table(template)
    builder = _Builder(table)
    roots = found if fast else None
    if roots is not None:
        for el in roots:
            builder.walk(el, _frame_for(el, table))
    else:
        body = root.find("body")
        top = body if body is not None else root
        builder.walk(top, (None, False, False, False, False, False, top, False, _NO_MARKS))
    return Page(
        blocks=builder.blocks,
        format="html",
        meta=meta,
        title=title,
        url_candidates=urls,
        truncated=builder.truncated,
        partial=roots is not None,
        marks=frozenset(seen),
        template=template,
        cleaned=builder.cleaned,
    )
