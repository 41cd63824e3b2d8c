"""Breadcrumb: the path line 人民网 >> 经济·科技, with each step's link."""

from __future__ import annotations

import urllib.parse

from ..models import Crumb
from ..page import Block
from ..vocab import CRUMB_LINE, CRUMB_PREFIX, CRUMB_SEP
from ._text import squash

__all__ = ["extract"]

MAX_CRUMB = 40


def _crumbs(block: Block, base: str | None) -> list[Crumb] | None:
    text = CRUMB_PREFIX.sub("", squash(block.text))
    parts = [squash(p) for p in CRUMB_SEP.split(text)]
    parts = [p for p in parts if p]
    if len(parts) < 2 or any(len(p) > MAX_CRUMB or "。" in p for p in parts):
        return None
    links = {squash(link.text): link.href for link in block.links}
    crumbs = []
    for part in parts:
        href = links.get(part)
        if href and not href.lower().startswith("javascript"):
            href = urllib.parse.urljoin(base, href) if base else href
        else:
            href = None
        crumbs.append(Crumb(text=part, url=href))
    return crumbs


def extract(blocks: list[Block], before: int | None, base: str | None) -> tuple[list[Crumb], int, str] | None:
    """The template's path element, else the last path-shaped line above ``before``."""
    for block in blocks:
        if block.zone == "breadcrumb" and not block.hidden:
            crumbs = _crumbs(block, base)
            if crumbs:
                return crumbs, block.index, "html:breadcrumb"
    limit = before if before is not None else min(len(blocks), 60)
    found = None
    for block in blocks[:limit]:
        if block.hidden or block.listed or not CRUMB_LINE.match(squash(block.text)):
            continue
        crumbs = _crumbs(block, base)
        if crumbs:
            found = (crumbs, block.index, "text:path-line")
    return found
