"""A plain-text dump of an HTML page, as a browser's "select all, copy" gives it.

Independent of the parser's own block builder on purpose: each block element's
visible text on its own line, blank lines between elements, ``<br>`` a line break;
scripts, styles and elements hidden with display:none left out.
"""

from __future__ import annotations

import re

from lxml import etree, html

from qizhi_parser.decode import decode

_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr",
    "td", "th", "center", "section", "article", "header", "footer", "form", "blockquote", "body",
}
_SKIP = {"script", "style", "noscript", "head", "title", "select", "textarea", "button", "iframe"}


def _hidden(el: etree._Element) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style


def html_to_text(data: bytes) -> str:
    text = decode(data).text
    root = html.document_fromstring(text.encode("utf-8"), parser=html.HTMLParser(encoding="utf-8"))
    out: list[str] = []
    line: list[str] = []

    def newline(blank: bool) -> None:
        text = re.sub(r"[ \t\r\n]+", " ", "".join(line)).strip(" ")
        line.clear()
        if text:
            out.append(text)
        if blank and out and out[-1] != "":
            out.append("")

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or (tag and _hidden(el)):
            if el.tail:
                line.append(el.tail)
            return
        if tag in _BLOCK:
            newline(True)
        if tag == "br":
            newline(False)
        if el.text and tag:
            line.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCK:
            newline(True)
        if el.tail:
            line.append(el.tail)

    walk(root)
    newline(True)
    return "\n".join(out)
