"""One ``Page`` of blocks for both inputs: HTML pages (built in :mod:`qizhi_parser.markup`)
and plain-text dumps (built here).

An HTML page and a plain-text dump become the same thing: a list of
:class:`Block` in reading order, each a piece of visible text with hints (tag,
bold, centred, hidden, links, images, the template zone it sits in). Every field
extractor reads blocks, so one extractor serves both inputs; HTML adds hints,
text-only input relies on the text patterns alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from .settings import MAX_BLOCKS, MAX_LINES, WHERE_PROBE
from .templates import Template
from .text.spaces import nth_index, scrub_count, strip
from .vocab import Zone

__all__ = ["Block", "Link", "Page", "page_from_text"]

#: Zones read in loops: module constants (an Enum member lookup costs three times a global's).

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
    """Text input: the 1-based line number. HTML: None (the tree a browser builds has no source
    positions; :meth:`Page.where` finds the line when a message needs it)."""


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
    too_deep: bool = False
    """Elements nested deeper than MAX_DEPTH were not read."""
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
    source: str = ""
    """The HTML the blocks were read from (for :meth:`where`)."""

    def where(self, index: int) -> str:
        """Where block ``index`` is, for messages: its line in a text dump or in the HTML
        (the same whether the template's containers or the whole page were read).

        >>> page = Page([Block("责编：王震", ("责编：王震",), 0)], "html", source="<p>a</p>\\n<p>责编：王震</p>")
        >>> page.where(0)
        'line 2 of the HTML'
        """
        block = self.blocks[index]
        if block.line is not None:
            return f"line {block.line}"
        line = _source_line(self.source, block.text) if self.format == "html" else None
        return f"line {line} of the HTML" if line is not None else f"text block {index + 1} of the page"


_PROBE_RUN = regex.compile(r"[^\s<>&\"']{2,}")


def _source_line(source: str, text: str) -> int | None:
    """The line of the HTML where a block's text is printed: its longest run of characters that
    markup does not escape, looked for in the body (found only when a message needs it)."""
    runs = sorted(_PROBE_RUN.findall(text), key=len, reverse=True)
    if not runs or not source:
        return None
    probe = runs[0][:WHERE_PROBE]
    start = source.find("<body")
    at = source.find(probe, max(start, 0))
    if at < 0:
        at = source.find(probe)
    return source.count("\n", 0, at) + 1 if at >= 0 else None


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
        cut = nth_index(text, "\n", MAX_LINES)
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


