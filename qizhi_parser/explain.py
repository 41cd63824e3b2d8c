"""The explain view: why a page parsed as it did, block by block.

:func:`explain` reads an input as :func:`qizhi_parser.parse` does and returns a standalone
HTML page (no scripts, no styles or images fetched, nothing from the network) that lists
the page's blocks in order, each with the region the layout stage put it in, its line
kind, the field it fed and the rule that took it, and — for the blocks the body left out —
why. It is how a user sees in a minute why a new site misparsed::

    qizhi-parse --explain page.html -o page.explain.html

Built with the standard library's ``html.escape``: every text of the page is escaped, so
the view of a hostile page is as inert as any other.
"""

from __future__ import annotations

import html
import sys
from collections.abc import Iterable
from typing import Any

from .core import Reading, _article, read_input
from .errors import QizhiParserError
from .layout import Layout, LineKind
from .models import Article
from .options import Options, OptionsKeywords, resolve
from .page import Block
from .settings import MAX_EXPLAINED_TEXT

if sys.version_info >= (3, 11):  # pragma: no cover - the version CI runs
    from typing import Unpack
else:  # pragma: no cover
    from typing_extensions import Unpack

__all__ = ["explain"]

#: The field a body line of each kind feeds.
_KIND_FIELD: dict[LineKind, str] = {
    LineKind.PARAGRAPH: "sections",
    LineKind.HEADING: "sections",
    LineKind.CREDIT: "credits",
    LineKind.PHOTO_CREDIT: "credits",
    LineKind.BYLINE: "credits",
    LineKind.EDITION: "edition",
    LineKind.DATELINE: "dateline",
    LineKind.ORIGINAL_HEADLINE: "original_headline",
    LineKind.CAPTION: "images",
    LineKind.LONE_CAPTION: "images",
    LineKind.IMAGE: "images",
    LineKind.PAGER: "pagination",
    LineKind.SOURCE: "source",
}

_STYLE = """
body{font:14px/1.5 sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top;text-align:left}
th{background:#eee}
tr.body td{background:#f3fbf3}
tr.header td{background:#eef4ff}
tr.dropped td{background:#fff0f0;color:#777}
tr.outside td{color:#999}
code{font-size:12px}
"""


def _escape(value: object) -> str:
    return html.escape(str(value), quote=True)


def _short(text: str) -> str:
    if len(text) <= MAX_EXPLAINED_TEXT:
        return _escape(text)
    return f"{_escape(text[:MAX_EXPLAINED_TEXT])}… <em>({len(text) - MAX_EXPLAINED_TEXT:,} more characters)</em>"


def _regions(layout: Layout) -> dict[int, list[str]]:
    """Block index → the regions of the layout it belongs to."""
    marks: dict[int, list[str]] = {}

    def add(index: int | None, name: str) -> None:
        if index is not None:
            marks.setdefault(index, []).append(name)

    if layout.title is not None:
        add(layout.title.index, "title")
        if layout.title.last is not None and layout.title.last != layout.title.index:
            add(layout.title.last, "title (end)")
    if layout.time is not None:
        add(layout.time.index, "time line")
    if layout.path is not None:
        for index in layout.path.parts or (layout.path.index,):
            add(index, "path")
    if layout.source is not None:
        add(layout.source.index, "source line")
    for index in layout.info:
        add(index, "info")
    for index in layout.header:
        add(index, "header")
    for pager in layout.pagers:
        add(pager.index, "pager")
    if layout.second_article is not None:
        add(layout.second_article.index, "second article starts")
    return marks


def _fed(reading: Reading) -> dict[int, list[tuple[str, str | None]]]:
    """Block index → (field, rule) of every field read from that block."""
    fed: dict[int, list[tuple[str, str | None]]] = {}
    for name, found in reading.fields.items():
        if found.block is not None:
            fed.setdefault(found.block, []).append((name, found.rule))
    rules = {name: found.rule for name, found in reading.fields.items()}
    for line in reading.layout.lines:
        field = _KIND_FIELD.get(line.kind)
        if field is not None and (field, rules.get(field)) not in fed.get(line.block.index, []):
            fed.setdefault(line.block.index, []).append((field, rules.get(field)))
    return fed


def _flags(block: Block) -> str:
    names = (("bold", block.bold), ("centred", block.center), ("hidden", block.hidden), ("all links", block.linked),
             ("list item/cell", block.listed))
    return ", ".join(name for name, on in names if on)


def _rows(reading: Reading) -> Iterable[str]:
    layout = reading.layout
    regions = _regions(layout)
    kinds = {line.block.index: line.kind.value for line in layout.lines}
    dropped = {d.index: d.reason for d in layout.dropped}
    fed = _fed(reading)
    for block in reading.page.blocks:
        index = block.index
        in_body = index in kinds
        why = dropped.get(index) or ("hidden" if block.hidden else "")
        row_class = ("dropped" if index in dropped else "body" if in_body
                     else "header" if index in regions else "outside")
        fields = "<br>".join(f"{_escape(name)} <code>{_escape(rule or '')}</code>" for name, rule in fed.get(index, []))
        yield (
            f'<tr class="{row_class}" id="b{index}"><td>{index}</td><td>{_escape(block.tag)}</td>'
            f"<td>{_escape(block.zone.value if block.zone else '')}</td><td>{_escape(_flags(block))}</td>"
            f"<td>{_escape(', '.join(regions.get(index, [])) or ('body' if in_body else ''))}</td>"
            f"<td>{_escape(kinds.get(index, ''))}</td><td>{fields}</td><td>{_escape(why)}</td>"
            f"<td>{_short(block.text)}</td></tr>"
        )


def _summary(reading: Reading, article: Article | None, error: str | None) -> str:
    layout = reading.layout
    facts = [
        ("input", f"{reading.page.format}; encoding {reading.decoded.encoding or 'given as text'}"),
        ("template", layout.template),
        ("body", f"{layout.body_rule}: {len(layout.lines)} lines, {len(layout.dropped)} left out of the column"),
    ]
    if reading.refusal is not None:
        facts.append(("not an article", reading.refusal))
    if error is not None:
        facts.append(("error", error))
    rows = "".join(f"<tr><th>{_escape(k)}</th><td>{_escape(v)}</td></tr>" for k, v in facts)
    fields = ""
    if article is not None:
        dumped = article.model_dump(mode="json")
        provenance = article.provenance
        lines = []
        for name in ("headline", "pretitle", "subtitle", "published_at", "source", "breadcrumb", "credits",
                     "edition", "dateline", "original_headline", "url", "pagination"):
            value = dumped.get(name)
            lines.append(f"<tr><th>{_escape(name)}</th><td>{_short(_plain(value))}</td>"
                         f"<td><code>{_escape(provenance.get(name, ''))}</code></td></tr>")
        paragraphs = len(article.paragraphs)
        lines.append(f"<tr><th>sections</th><td>{len(article.sections)} sections, {paragraphs} paragraphs</td>"
                     f"<td><code>{_escape(provenance.get('sections', ''))}</code></td></tr>")
        issues = "".join(f"<li><code>{_escape(i.field)}</code> {_escape(i.code)}: {_escape(i.message)}</li>"
                         for i in article.issues)
        fields = (f"<h2>Fields</h2><table><tr><th>field</th><th>value</th><th>rule</th></tr>{''.join(lines)}</table>"
                  f"<h2>Issues</h2><ul>{issues or '<li>none</li>'}</ul>")
    return f"<table>{rows}</table>{fields}"


def _plain(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return " › ".join(_plain(v) for v in value) if value else "—"
    if isinstance(value, dict):
        shown = value.get("text") or value.get("name")
        if shown is not None and "names" not in value:
            return str(shown)
        if "names" in value:
            return f"{value.get('label')}: {' '.join(value['names'])}"
        return ", ".join(f"{k}={v}" for k, v in value.items() if v not in (None, [], ""))
    return str(value)


def explain(data: bytes | str, *, url: str | None = None, charset: str | None = None,
            options: Options | None = None, **keywords: Unpack[OptionsKeywords]) -> str:
    """A standalone HTML page showing how ``data`` was read: every block in order with its
    region, line kind, the field it fed and the rule that took it, and why a block the body
    left out was left out; the fields, their rules and the issues above. Takes the
    arguments of :func:`~qizhi_parser.parse` and raises as it does for a wrong argument or
    an input over the size limit; a page that is no article is explained too (the reason
    is shown).

    >>> page = explain("<html><head><title>标题</title></head><body><h1>标题</h1><p>正文。</p></body></html>")
    >>> page.startswith("<!DOCTYPE html>") and "<script" not in page
    True
    """
    resolved = resolve(options, keywords, "explain")
    reading = read_input(data, None, url, charset, resolved)
    article: Article | None = None
    error: str | None = None
    if reading.refusal is None:
        try:
            article = _article(reading.page, reading.layout, reading.fields, reading.decoded)
        except QizhiParserError as exc:  # pragma: no cover - assembling drops a failing field instead
            error = str(exc)
    title = article.headline if article is not None and article.headline else "(no headline)"
    header = ("<tr><th>#</th><th>tag</th><th>zone</th><th>markup</th><th>region</th><th>line kind</th>"
              "<th>fed</th><th>left out because</th><th>text</th></tr>")
    return (
        "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
        f"<title>explain: {_escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>How qizhi-parser read this page</h1>{_summary(reading, article, error)}"
        f"<h2>Blocks</h2><table>{header}{''.join(_rows(reading))}</table></body></html>\n"
    )
