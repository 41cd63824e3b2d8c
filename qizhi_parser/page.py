"""One ``Page`` of blocks for both inputs. The only module that touches lxml.

An HTML page and a plain-text dump become the same thing: a list of
:class:`Block` in reading order, each a piece of visible text with hints (tag,
bold, centred, hidden, links, images, the template zone it sits in). Every field
extractor reads blocks, so one extractor serves both inputs; HTML adds hints,
text-only input relies on the text patterns alone.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field

import regex
from lxml import etree, html

from .errors import NotAnArticleError, QizhiParserError
from .vocab import CLASS_ZONES, ID_ZONES, SHARE_URL

__all__ = ["Block", "Link", "Page", "page_from_html", "page_from_text"]

_WS = regex.compile(r"[ \t\n\r\f\v]+")

#: Most blocks read from one page. A real article page has a few hundred; past this
#: the rest of the page is not read and the Article says so (issue ``input-truncated``),
#: which bounds the work any input can cause.
MAX_BLOCKS = 20_000

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
BOLD_TAGS = frozenset({"strong", "b"})
_LIST_TAGS = frozenset({"li", "dt", "dd", "td", "th"})

_PARSER = html.HTMLParser(
    encoding="utf-8",
    no_network=True,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
    recover=True,
    default_doctype=False,
)


@dataclass(frozen=True, slots=True)
class Link:
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
    zone: str | None = None
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
    """Text input: the 1-based line number."""


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


# ------------------------------------------------------------------------- text


def page_from_text(text: str) -> Page:
    """Split a plain-text dump into line blocks grouped by blank lines."""
    blocks: list[Block] = []
    group = 0
    truncated = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if len(blocks) >= MAX_BLOCKS:
            truncated = True
            break
        line = raw.strip(" \t\r\f\v\xa0\u3000\ufeff")
        if not line:
            group += 1
            continue
        blocks.append(Block(text=line, lines=(line,), index=len(blocks), group=group, line=number))
    return Page(blocks=blocks, format="text", truncated=truncated)


# ------------------------------------------------------------------------- html


def _zone_of(el: etree._Element) -> str | None:
    ident = el.get("id")
    if ident and ident in ID_ZONES:
        return ID_ZONES[ident]
    cls = el.get("class")
    if cls:
        for token in cls.split():
            zone = CLASS_ZONES.get(token)
            if zone is not None:
                return zone
    return None


def _marks(el: etree._Element) -> frozenset[str]:
    cls = el.get("class") or ""
    ident = el.get("id")
    tokens = cls.split()
    if ident:
        tokens.append("#" + ident)
    return frozenset(tokens)


def _style_flags(el: etree._Element) -> tuple[bool, bool, bool]:
    """(hidden, bold, centred) from the element's attributes."""
    style = el.get("style")
    hidden = el.get("hidden") is not None
    bold = centred = False
    if style:
        compact = style.replace(" ", "").lower()
        hidden = hidden or "display:none" in compact or "visibility:hidden" in compact
        bold = "font-weight:bold" in compact or "font-weight:700" in compact
        centred = "text-align:center" in compact
    if el.get("align", "").lower() == "center":
        centred = True
    return hidden, bold, centred


class _Builder:
    """Turns an lxml tree into blocks with one iterative walk (no recursion)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        # the open inline run
        self.parts: list[str] = []
        self.bold_parts: list[bool] = []
        self.link_parts: list[bool] = []
        self.lines: list[list[str]] = [[]]
        self.links: list[Link] = []
        self.images: list[tuple[str, str | None]] = []
        self.inline_zone: str | None = None
        self.truncated = False

    def add_text(self, text: str | None, bold: bool, linked: bool) -> None:
        if text:
            self.parts.append(text)
            self.bold_parts.append(bold)
            self.link_parts.append(linked)
            self.lines[-1].append(text)

    def flush(self, el: etree._Element, zone: str | None, hidden: bool, centred: bool, listed: bool) -> None:
        if not self.parts and not self.images:
            return
        raw = "".join(self.parts)
        text = _WS.sub(" ", raw).strip()
        images = tuple(self.images)
        if text or images:
            runs = zip(self.parts, self.bold_parts, self.link_parts, strict=True)
            visible = [(p, b, lk) for p, b, lk in runs if p.strip()]
            bold = bool(visible) and all(b for _, b, _ in visible)
            linked = bool(visible) and all(lk for _, _, lk in visible)
            prefix: list[str] = []
            for part, is_bold, _ in visible:
                if not is_bold:
                    break
                prefix.append(part)
            lines = tuple(t for t in (_WS.sub(" ", "".join(ln)).strip() for ln in self.lines) if t)
            tag = el.tag if isinstance(el.tag, str) else "div"
            level = int(tag[1]) if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit() else None
            self.blocks.append(
                Block(
                    text=text,
                    lines=lines or ((text,) if text else ()),
                    index=len(self.blocks),
                    tag=tag,
                    zone=zone or self.inline_zone,
                    marks=_marks(el),
                    bold=bold,
                    bold_prefix=_WS.sub(" ", "".join(prefix)).strip() if prefix and not bold else "",
                    center=centred,
                    hidden=hidden,
                    linked=linked,
                    listed=listed,
                    heading_level=level,
                    links=tuple(self.links),
                    images=images,
                )
            )
        self.parts, self.bold_parts, self.link_parts = [], [], []
        self.lines = [[]]
        self.links, self.images = [], []
        self.inline_zone = None

    def walk(self, root: etree._Element) -> None:
        # one frame per open element:
        # (zone, hidden, bold, centred, linked, listed, block element, block hidden)
        stack: list[tuple[str | None, bool, bool, bool, bool, bool, etree._Element, bool]] = [
            (None, False, False, False, False, False, root, False)
        ]
        link_start: list[int] = []
        for event, el in etree.iterwalk(root, events=("start", "end")):
            if len(self.blocks) >= MAX_BLOCKS:
                self.truncated = True
                return
            tag = el.tag
            if not isinstance(tag, str):
                continue
            zone, hidden, bold, centred, linked, listed, block_el, block_hidden = stack[-1]
            if event == "start":
                own_hidden, own_bold, own_centred = _style_flags(el)
                own_zone = _zone_of(el)
                is_block = tag in BLOCK_TAGS
                new = (
                    own_zone or zone,
                    hidden or own_hidden,
                    bold or own_bold or tag in BOLD_TAGS,
                    (centred or own_centred or tag == "center") if is_block else centred,
                    linked or (tag == "a" and el.get("href") is not None),
                    listed or tag in _LIST_TAGS,
                    el if is_block else block_el,
                    (hidden or own_hidden) if is_block else block_hidden,
                )
                if is_block:
                    self.flush(block_el, zone, hidden, centred, listed)
                elif tag == "br":
                    self.lines.append([])
                    self.parts.append("\n")
                    self.bold_parts.append(bold)
                    self.link_parts.append(linked)
                elif tag == "img":
                    src = el.get("src")
                    if src:
                        self.images.append((src, el.get("alt")))
                elif tag == "a":
                    link_start.append(len(self.parts))
                if not is_block and own_zone is not None and self.inline_zone is None:
                    self.inline_zone = own_zone
                stack.append(new)
                if not new[1] or new[7]:  # text hidden inside a visible block is dropped
                    self.add_text(el.text, new[2], new[4])
            else:
                stack.pop()
                parent = stack[-1]
                if tag in BLOCK_TAGS:
                    self.flush(el, zone, hidden, centred, listed)
                elif tag == "a" and link_start:
                    start = link_start.pop()
                    href = el.get("href")
                    label = _WS.sub(" ", "".join(self.parts[start:])).strip()
                    if href and label:
                        self.links.append(Link(label, href))
                if not parent[1] or parent[7]:
                    self.add_text(el.tail, parent[2], parent[4])
        self.flush(root, None, False, False, False)


def _meta(root: etree._Element) -> tuple[dict[str, str], str | None]:
    meta: dict[str, str] = {}
    for el in root.iter("meta"):
        key = el.get("name") or el.get("property") or el.get("itemprop")
        value = el.get("content")
        if key and value is not None:
            meta.setdefault(key.strip().lower(), value.strip())
    title = None
    for el in root.iter("title"):
        title = _WS.sub(" ", el.text_content()).strip() or None
        break
    return meta, title


def _url_candidates(root: etree._Element, meta: dict[str, str], text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if meta.get("og:url"):
        found.append((meta["og:url"], "meta:og:url"))
    for el in root.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            found.append((el.get("href", ""), "html:canonical"))
    # share scripts are removed with the scripts; read them from the source text
    for match in SHARE_URL.finditer(text[:2_000_000]):
        url = match.group("url") or urllib.parse.unquote(match.group("quoted") or "")
        found.append((url, "script:share-url"))
        if len(found) > 8:
            break
    return found


def page_from_html(text: str) -> Page:
    """Parse HTML text into blocks. Never fetches anything; entities are not resolved."""
    data = text.encode("utf-8", errors="replace")
    try:
        root = html.document_fromstring(data, parser=_PARSER)
    except etree.ParserError as exc:
        raise NotAnArticleError(f"no HTML document in the input: {exc}") from None
    except (etree.LxmlError, ValueError) as exc:  # pragma: no cover - lxml internals
        raise QizhiParserError(f"HTML could not be parsed: {exc}") from None
    meta, title = _meta(root)
    urls = _url_candidates(root, meta, text)
    head = root.find("head")
    if head is not None:
        root.remove(head)
    etree.strip_elements(root, *SKIP_TAGS, with_tail=False)
    builder = _Builder()
    builder.walk(root)
    return Page(
        blocks=builder.blocks, format="html", meta=meta, title=title, url_candidates=urls, truncated=builder.truncated
    )
