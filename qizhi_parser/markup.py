"""HTML → the blocks of a :class:`~qizhi_parser.page.Page`, from the tree a browser builds.

The only module that uses selectolax: lexbor, a maintained HTML5 parser in C, builds the tree
by the HTML5 algorithm, as browsers do, so the page reads as it is shown — content after a
stray ``</body></html>`` (an included header that ends the document, then the article) is in
the body, an unclosed ``<svg>`` does not swallow the text after it, nested links and a second
``<body>`` come out as a browser shows them — and about twice as fast as libxml2 builds its own.

The walk visits the tree in document order (lexbor's own traversal, in C) and keeps a stack of
the open elements; an element ends when the next node is no longer inside it. Each block is a
run of visible text with the hints its markup gives (tag, zone, bold, centred, hidden, links,
images). The work budget holds: the markup is cut to MAX_TAGS tags and bounded attributes
before the parser sees it (:func:`bound_markup`), elements deeper than MAX_DEPTH are not read,
a text run over MAX_TEXT_RUN refuses the page, at most MAX_BLOCKS blocks are read.
"""

from __future__ import annotations

import itertools
import re
import urllib.parse
from collections.abc import Iterator
from typing import Any

import regex
from selectolax.lexbor import LexborHTMLParser, LexborNode

from .errors import NotAnArticleError, QizhiParserError
from .models import IssueCode
from .page import Block, Link, Page
from .settings import (
    LONG_TAG,
    MAX_ATTRIBUTE_VALUE,
    MAX_ATTRIBUTES,
    MAX_BLOCKS,
    MAX_DEPTH,
    MAX_H1_ROOTS,
    MAX_PER_BLOCK,
    MAX_SHARE_SCAN,
    MAX_SHARE_URLS,
    MAX_TAGS,
    MAX_TEXT_RUN,
    SCAN_CHUNK,
)
from .templates import BUNDLED, MarkTable, Template, TemplateSet
from .text.spaces import UNSAFE, collapse, nth_index, scrub
from .vocab import SHARE_CALL, SHARE_QUERY, SHARE_URL, Zone

__all__ = ["BLOCK_TAGS", "SKIP_TAGS", "Tree", "bound_markup", "page_from_html", "parse_tree"]

#: Zones read in loops: module constants (an Enum member lookup costs three times a global's).
_BODY = Zone.BODY
_TITLE = Zone.TITLE
_NO_MARKS: frozenset[str] = frozenset()

#: Elements whose start and end break the flow of text into blocks.
BLOCK_TAGS = frozenset(
    (
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "table", "tbody", "thead", "tfoot", "tr", "td", "th", "center", "section", "article",
        "header", "footer", "aside", "nav", "main", "form", "blockquote", "pre", "address",
        "figure", "figcaption", "fieldset", "hr", "body", "html",
    )
)
#: Elements that are never visible text. An ``svg`` or ``math`` element is not among them: an unclosed
#: one holds the page's text after it (``<a>`` and text do not leave SVG content), while its own
#: graphics hold none (paths, definitions; titles and descriptions are tooltips) and are skipped.
SKIP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed",
             "select", "option", "textarea", "button", "canvas", "map", "audio", "video", "head", "title",
             # SVG's graphics and definitions (lexbor gives SVG's camel-case names as written)
             "desc", "defs", "metadata", "symbol", "clipPath", "clippath", "mask", "pattern", "linearGradient",
             "lineargradient", "radialGradient", "radialgradient", "filter", "marker", "path", "foreignObject",
             "foreignobject")
_SKIP_SET = frozenset(SKIP_TAGS)
BOLD_TAGS = frozenset({"strong", "b"})
_LIST_TAGS = frozenset({"li", "dt", "dd", "td", "th"})
_MARKING_INLINE = BOLD_TAGS | _LIST_TAGS
#: Elements that may be a template container (or the headline).
_CONTAINER_TAGS = frozenset(("div", "span", "p", "h1", "h2", "section", "article", "main", "td", "center", "font"))
_CONTAINER_ZONES = frozenset(
    {"breadcrumb", "title", "pretitle", "subtitle", "info", "body", "credits", "pagination", "original_headline",
     "byline"}
)


class Tree:
    """The HTML5 tree of one page (lexbor's), within the work budget."""

    def __init__(self, parser: LexborHTMLParser) -> None:
        self.parser = parser

    @property
    def body(self) -> LexborNode | None:
        return self.parser.body

    @property
    def root(self) -> LexborNode | None:
        return self.parser.root


# ------------------------------------------------------------------ hints of the markup

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
# (zone, hidden, bold, centred, linked, listed, block tag, block hidden, block marks)
_Frame = tuple[Zone | None, bool, bool, bool, bool, bool, str, bool, frozenset[str]]
# one entry per open element: (its node's id, its tag, the frame of its content, where its link's text
# starts (-1: no link), whether it acts at its end (a block, a link), skipped (never text: scripts,
# styles, elements past MAX_DEPTH))
_Open = tuple[int, str, _Frame, int, bool, bool]


def _node_ids() -> tuple[int, frozenset[int]]:
    """lexbor's tag ids of a text node, and of the nodes that are neither text nor element
    (comments, the doctype), read from lexbor itself."""
    sample = LexborHTMLParser("<!DOCTYPE html><html><body><!--c-->x</body></html>")
    nodes = list(sample.root.traverse(include_text=True)) if sample.root is not None else []
    text = next(n.tag_id for n in nodes if n.is_text_node)
    others = frozenset(n.tag_id for n in nodes if not n.is_text_node and not n.is_element_node)
    return text, others | frozenset(n.tag_id for n in [sample.root.parent] if n is not None)  # type: ignore[union-attr]


_TEXT_NODE, _OTHER_NODES = _node_ids()


class _Builder:
    """Turns a lexbor tree into blocks with iterative walks (no recursion)."""

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
        self.hrefs: list[str | None] = []
        """The hrefs of the links open now (HTML5 closes an open link where a new one starts)."""
        self.images: list[tuple[str, str | None]] = []
        self.inline_zone: Zone | None = None
        self.truncated = False
        self.too_deep = False
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
            tag = frame[6]
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
                    None,  # line: the HTML tree has no source positions (Page.where finds them)
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

    def walk(self, root: LexborNode, top: _Frame) -> None:
        """Walk the subtree of ``root`` (its context ``top``) in document order."""
        marked = self.table.marked
        blocks = self.blocks
        end = self._end
        stack: list[_Open] = []
        for node in root.traverse(include_text=True):
            parent = node.parent
            if stack and parent is not None:
                pid = parent.mem_id
                while stack and stack[-1][0] != pid:  # the elements this node is not inside have ended
                    entry = stack.pop()
                    if entry[4]:
                        end(entry)
            tid = node.tag_id
            frame = stack[-1][2] if stack else top
            skipping = bool(stack) and stack[-1][5]
            if tid == _TEXT_NODE:
                if skipping:
                    continue
                text = node.text_content
                if not text or (frame[1] and not frame[7]):  # text hidden inside a visible block is dropped
                    continue
                if len(text) > MAX_TEXT_RUN // 4 and len(text.encode("utf-8", "surrogatepass")) > MAX_TEXT_RUN:
                    raise QizhiParserError(f"a text run of over {MAX_TEXT_RUN:,} bytes: the page cannot be read "
                                           "safely")
                self.parts.append(text)
                if frame[2]:
                    self.any_bold = True
                if not text.isspace():
                    self.has_text = True
                    if not frame[4]:
                        self.unlinked = True
                    if self.lead_open:
                        if frame[2]:
                            self.lead.append(text)
                        else:
                            self.lead_open = False
                continue
            if tid in _OTHER_NODES or tid == 0:
                continue  # comments, the doctype (id 0: lexbor's undefined), processing instructions
            tag = node.tag or ""
            if skipping or tag in _SKIP_SET or len(stack) >= MAX_DEPTH:
                if len(stack) >= MAX_DEPTH and not skipping:
                    self.too_deep = True
                stack.append((node.mem_id, tag, frame, -1, False, True))  # scripts, styles …: never text
                continue
            if len(blocks) >= MAX_BLOCKS:
                self.truncated = True
                return
            # the element starts: its frame (what it sets for its content), and what it does to the run
            zone, hidden, bold, centred, linked, listed, block_tag, block_hidden, marks = frame
            is_block = tag in BLOCK_TAGS
            attributes = node.attributes
            if attributes:
                get = attributes.get
                ident = get("id")
                cls = get("class")
                if "style" in attributes or "align" in attributes:
                    own_hidden, own_bold, own_centred = _style_flags(get("style"), get("align"))
                else:
                    own_hidden = own_bold = own_centred = False
                if "hidden" in attributes:
                    own_hidden = True
                if ident or cls:
                    own_zone, own_marks = marked(ident, cls)
                    if not is_block:
                        own_marks = marks
                else:
                    own_zone, own_marks = None, _NO_MARKS if is_block else marks
                is_link = tag == "a" and "href" in attributes
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
                    tag,
                    hidden or own_hidden,
                    own_marks,
                )
                if self.parts or self.images:
                    self.flush(frame)
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
                    block_tag,
                    block_hidden,
                    marks,
                )
            link_start = -1
            if tag == "br":
                self.parts.append("\x00")
                self.broken = True
            elif tag == "img":
                src = attributes.get("src") if attributes else None
                if src and len(self.images) < MAX_PER_BLOCK:
                    self.images.append((src, attributes.get("alt")))
            elif tag == "a":
                link_start = len(self.parts)
                self.hrefs.append(attributes.get("href") if attributes else None)
            if not is_block and own_zone is not None and self.inline_zone is None:
                self.inline_zone = own_zone
            stack.append((node.mem_id, tag, new, link_start, is_block or link_start >= 0, False))
        while stack:
            entry = stack.pop()
            if entry[4]:
                end(entry)
        self.flush(top)

    def _end(self, entry: _Open) -> None:
        """An element that acts at its end ends: a block element ends its run of text; a link
        takes the text since its start."""
        if entry[1] in BLOCK_TAGS:
            if self.parts or self.images:
                self.flush(entry[2])
        elif entry[3] >= 0:  # the end of a link: its label is the text since its start
            label = scrub(collapse("".join(self.parts[entry[3] :]).replace("\x00", " ")))
            href = self.hrefs.pop() if self.hrefs else None
            if href and label and len(self.links) < MAX_PER_BLOCK:
                self.links.append(Link(label, href))



#: What an element sets for its content, from it and its ancestors (for subtree walks):
#: (zone, hidden, bold, centred, linked, listed).
_Context = tuple[Zone | None, bool, bool, bool, bool, bool]
_TOP: _Context = (None, False, False, False, False, False)


def _own_context(node: LexborNode, above: _Context, table: MarkTable) -> _Context:
    """The context of an element's content: the one above it, and what the element itself
    sets (the nearest zone wins; hidden, bold, centred, linked and listed are inherited)."""
    zone, hidden, bold, centred, linked, listed = above
    tag = node.tag
    attributes = node.attributes
    if attributes:
        a_hidden, a_bold, a_centred = _style_flags(attributes.get("style"), attributes.get("align"))
        hidden = hidden or a_hidden or "hidden" in attributes
        bold = bold or a_bold
        centred = centred or a_centred
        zone = table.zone_of(attributes.get("id"), attributes.get("class")) or zone
        linked = linked or (tag == "a" and "href" in attributes)
    return (zone, hidden, bold or tag in BOLD_TAGS, centred or tag == "center", linked, listed or tag in _LIST_TAGS)


def _frames_for(roots: list[LexborNode], table: MarkTable) -> list[_Frame]:
    """The inherited context of each root, read from its ancestors; the roots of a page share
    most of theirs, and each ancestor is read once."""
    known: dict[int, _Context] = {}
    frames: list[_Frame] = []
    for node in roots:
        chain: list[LexborNode] = []
        anc = node.parent
        while anc is not None and anc.is_element_node and anc.mem_id not in known:
            chain.append(anc)
            anc = anc.parent
        context = known[anc.mem_id] if anc is not None and anc.is_element_node else _TOP
        for element in reversed(chain):  # from the topmost down
            context = _own_context(element, context, table)
            known[element.mem_id] = context
        zone, hidden, bold, centred, linked, listed = context
        frames.append((zone, hidden, bold, centred, linked, listed, node.tag or "", hidden, _NO_MARKS))
    return frames


# ------------------------------------------------------------------ the fast path

_Candidate = tuple[LexborNode, str | None, str | None]


def _has_text(node: LexborNode) -> bool:
    return bool(node.text(deep=True).strip())


def _candidates(body: LexborNode, every: MarkTable, seen: set[str]) -> list[_Candidate]:
    """The elements any template's marks name, as (element, id, class), and the elements of
    the headline groups, as (element, None, None), in document order. lexbor's selector
    engine picks the elements with a class or an id, and the <h1>s, in C (a page has a few
    hundred of these among a few thousand elements)."""
    found: list[_Candidate] = []
    h1s = 0
    for node in body.css("[class], [id], h1"):
        tag = node.tag
        if tag not in _CONTAINER_TAGS:
            continue
        attributes = node.attributes
        ident, cls = attributes.get("id"), attributes.get("class")
        if tag == "h1":
            h1s += 1
            every.seen_marks(ident, cls, seen)
            found.extend((x, None, None) for x in _headline_group(node, h1s))
        elif every.zone_of(ident, cls) is not None:
            every.seen_marks(ident, cls, seen)
            found.append((node, ident, cls))
    return found


def _element_sibling(node: LexborNode | None, forward: bool) -> LexborNode | None:
    while node is not None and not node.is_element_node:
        node = node.next if forward else node.prev
    return node


def _headline_group(node: LexborNode, count: int) -> list[LexborNode]:
    """The ``count``-th <h1> of the page with the elements beside it (引题 above, 副题 below),
    unless it has no text (a logo) or is past the few a page has."""
    if count > MAX_H1_ROOTS or not _has_text(node):
        return []
    before, after = _element_sibling(node.prev, False), _element_sibling(node.next, True)
    return [x for x in (before, node, after) if x is not None]


def _outermost(roots: list[LexborNode]) -> list[LexborNode]:
    """The roots that are inside no other root, once each, in order."""
    chosen = {node.mem_id for node in roots}
    kept: list[LexborNode] = []
    taken: set[int] = set()
    for node in roots:
        if node.mem_id in taken:
            continue
        taken.add(node.mem_id)
        anc = node.parent
        while anc is not None and anc.mem_id not in chosen:
            anc = anc.parent
        if anc is None:
            kept.append(node)
    return kept


def _fast_roots(tree: Tree, templates: TemplateSet,
                seen: set[str]) -> tuple[list[LexborNode] | None, Template | None]:
    """The template that matches the page, and the containers its marks (and the generic
    marks) name, to walk instead of the whole page, in document order: None when no template
    matches (or its body container is empty), then the whole page is walked. The template
    marks met are added to ``seen``."""
    body = tree.body
    if body is None:
        return None, None
    found = _candidates(body, templates.every, seen)
    template = templates.match(seen)
    if template is None:
        return None, None
    own = templates.table(template)
    roots: list[LexborNode] = []
    body_text = False
    for node, ident, cls in found:
        zone = own.zone_of(ident, cls) if ident is not None or cls is not None else _TITLE
        if zone in _CONTAINER_ZONES:
            roots.append(node)
            if zone == _BODY and not body_text:
                body_text = _has_text(node)  # an empty body container is no template's body
    return (_outermost(roots) if body_text else None), template


# ------------------------------------------------------------------ the head: meta, title, scripts


def _meta(tree: Tree) -> tuple[dict[str, str], str | None]:
    """The metas (name, property or itemprop → content), canonical link and base, and the page
    title: one walk over the head's few dozen elements. A page whose title or metas the HTML5
    tree has in its body (an archive's scripts before them) is searched whole for them, as a
    browser's ``document.title`` would."""
    meta: dict[str, str] = {}
    parser = tree.parser
    head = parser.head
    title = _read_head(head.traverse(include_text=False) if head is not None else (), meta)
    if not meta:
        title = _read_head(parser.css("meta, link, base"), meta) or title
    if title is None:
        node = parser.css_first("title")
        title = collapse(scrub(node.text(deep=True))) or None if node is not None else None
    return meta, title


def _read_head(nodes: Any, meta: dict[str, str]) -> str | None:
    """Read metas, the canonical link and the base among ``nodes`` into ``meta``; the first title."""
    title: str | None = None
    for node in nodes:
        tag = node.tag
        if tag == "title":
            title = title if title is not None else (collapse(scrub(node.text(deep=True))) or None)
        elif tag in _HEAD_TAGS:
            _read_meta(tag, node.attributes, meta)
    return title


def _read_meta(tag: str, attributes: dict[str, str | None], meta: dict[str, str]) -> None:
    """One meta (name, property or itemprop → content), the canonical link or the base."""
    if tag == "base":
        if attributes.get("href"):
            meta.setdefault("base", (attributes.get("href") or "").strip())
    elif tag == "link":
        if (attributes.get("rel") or "").lower() == "canonical" and attributes.get("href"):
            meta.setdefault("canonical", (attributes.get("href") or "").strip())
    else:
        key = attributes.get("name") or attributes.get("property") or attributes.get("itemprop")
        value = attributes.get("content")
        if key and value is not None:
            meta.setdefault(key.strip().lower(), scrub(value.strip()))


_HEAD_TAGS = frozenset({"meta", "link", "base", "title"})


def _script_text(tree: Tree) -> str:
    """The scripts' code and src attributes (share scripts carry the page URL)."""
    parts = []
    for node in tree.parser.css("script"):
        src = node.attributes.get("src")
        if src:
            parts.append(src)
        code = node.text(deep=True)
        if code:
            parts.append(code)
    return "\n".join(parts)


def _share_matches(source: str) -> Iterator[regex.Match[str]]:
    """SHARE_URL's matches in ``source``, in order."""
    call, query = "shareTo" in source, "url=" in source
    if call and query:
        return SHARE_URL.finditer(source)
    if call or query:
        return (SHARE_CALL if call else SHARE_QUERY).finditer(source)
    return iter(())


def _url_candidates(meta: dict[str, str], tree: Tree, text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if meta.get("og:url"):
        found.append((meta["og:url"], "meta:og:url"))
    if meta.get("canonical"):
        found.append((meta["canonical"], "html:canonical"))
    if found:
        return found
    # share scripts, then share buttons (onclick="shareToWX('http://…')") anywhere in the page
    sources = [_script_text(tree)]
    if "shareTo" in text:
        sources.append(text[:MAX_SHARE_SCAN])
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


# ------------------------------------------------------------------ the markup, bounded


_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


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


def _long_tags(text: str, whole: list[str] | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of the start tags of LONG_TAG characters or more (only those can hold too many
    attributes, or a value too long).

    Split at ``<`` in C, a chunk at a time; the segments that long are picked out in C too (most
    pages have a few: long paragraphs, scripts), and only those whose first ``>`` comes late are
    a long tag. Cheaper than scanning every tag with a pattern (which the page needs only when
    it has a long tag), and exact about which segment is one. ``whole`` is the text split at
    ``<`` already, for a text of one chunk.

    >>> list(_long_tags("<p>" + "x" * 5000 + "</p>")), list(_long_tags("<a title='" + "x" * 5000 + "'>"))
    ([], [(0, 5012)])
    """
    longer = LONG_TAG.__lt__
    for start in range(0, len(text), SCAN_CHUNK):
        # the overlap holds a tag that starts in this chunk whole (or enough of it to judge it);
        # the chunk's first segment is text before a tag, or a tag the chunk before has seen
        if whole is not None and len(text) <= SCAN_CHUNK:
            segments = whole
        else:
            segments = text[start : start + SCAN_CHUNK + MAX_ATTRIBUTE_VALUE + LONG_TAG].split("<")
        lengths = list(map(len, segments))
        if max(lengths) <= LONG_TAG:
            continue  # the usual page: decided in C
        first = segments[0]
        offset = None
        for segment in itertools.compress(segments, map(longer, lengths)):
            if segment is first or not segment[:1].isalpha() or segment.find(">", 0, LONG_TAG) >= 0:
                continue
            if offset is None:  # where each segment starts: only once a tag is long (rare)
                offset = dict(zip(map(id, segments), itertools.accumulate(  # one value more: strict=False
                    (len(x) + 1 for x in segments), initial=start - 1), strict=False))
            at = offset[id(segment)]
            if at < start + SCAN_CHUNK:  # a tag of the next chunk is that chunk's
                end = text.find(">", at)  # in the whole text: a tag may run past the chunk
                yield at, len(text) if end < 0 else end + 1


def bound_markup(text: str, problems: list[tuple[IssueCode, str]] | None = None) -> str:
    """The HTML cut to what the work budget reads: at most MAX_TAGS tags, at most
    MAX_ATTRIBUTES attributes an element, no attribute value over MAX_ATTRIBUTE_VALUE.
    What was cut is reported in ``problems`` as ``input-truncated``.

    A page of one scan chunk is split at ``<`` once: its pieces count the tags and find the long
    ones (a count and a split of the same text cost half as much again)."""
    whole = text.split("<") if LONG_TAG < len(text) <= SCAN_CHUNK else None
    if (len(whole) - 1 if whole is not None else text.count("<")) > MAX_TAGS:
        cut = nth_index(text, "<", MAX_TAGS + 1)
        if cut is not None:
            if problems is not None:
                problems.append(("input-truncated", f"the page has more than {MAX_TAGS:,} tags; the markup after "
                                                    f"character {cut:,} was not read"))
            text = text[:cut]
            whole = None
    if len(text) <= LONG_TAG:
        return text
    pieces: list[str] = []
    last = 0
    dropped = 0
    for begin, end in _long_tags(text, whole):
        if begin < last:
            continue
        tag, lost = _shrink_tag(text[begin:end])
        if lost:
            pieces.append(text[last:begin])
            pieces.append(tag)
            last = end
            dropped += lost
    if not dropped:
        return text
    pieces.append(text[last:])
    if problems is not None:
        problems.append(("input-truncated", f"{dropped:,} attributes over the limits ({MAX_ATTRIBUTES} an element, "
                                            f"{MAX_ATTRIBUTE_VALUE:,} characters a value) were not read"))
    return "".join(pieces)


def parse_tree(text: str, problems: list[tuple[IssueCode, str]] | None = None) -> Tree:
    """The HTML5 tree of an HTML text, within the work budget (:func:`bound_markup`). Never
    fetches anything: the parser reads no DTD, resolves no entity but HTML's own, loads nothing."""
    text = bound_markup(text, problems)
    try:
        parser = LexborHTMLParser(text)
    except (ValueError, RuntimeError, MemoryError) as exc:  # pragma: no cover - lexbor refuses little
        raise QizhiParserError(f"HTML could not be parsed: {exc}") from None
    if parser.root is None:
        raise NotAnArticleError("no HTML document in the input")
    return Tree(parser)


def page_from_html(text: str, *, fast: bool = True, find_urls: bool = True, tree: Tree | None = None,
                   templates: TemplateSet = BUNDLED) -> Page:
    """The Page of an HTML text. With ``fast``, only the containers of the template that matches
    the page are read (``Page.partial``); otherwise, or when none matches, the whole page."""
    problems: list[tuple[IssueCode, str]] = []
    if tree is None:
        tree = parse_tree(text, problems)
    meta, title = _meta(tree)
    seen: set[str] = set()
    found, template = _fast_roots(tree, templates, seen)
    table = templates.table(template)
    builder = _Builder(table)
    roots = found if fast else None
    if roots is not None:
        for node, frame in zip(roots, _frames_for(roots, table), strict=True):
            builder.walk(node, frame)
    else:
        top = tree.body or tree.root
        assert top is not None
        builder.walk(top, (None, False, False, False, False, False, top.tag or "", False, _NO_MARKS))
    return Page(
        blocks=builder.blocks,
        format="html",
        meta=meta,
        title=title,
        url_candidates=_url_candidates(meta, tree, text) if find_urls else [],
        truncated=builder.truncated,
        too_deep=builder.too_deep,
        partial=roots is not None,
        marks=frozenset(seen),
        template=template,
        cleaned=builder.cleaned,
        source=text,
    )
