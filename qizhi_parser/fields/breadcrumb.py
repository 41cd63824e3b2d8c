"""Breadcrumb: the steps of the path line 人民网 >> 经济·科技, each with its link."""

from __future__ import annotations

from ..found import Found
from ..layout import Layout
from ..models import Crumb
from ..page import Page
from ..text.spaces import squash
from ..text.urls import Links

__all__ = ["extract_breadcrumb"]


def extract_breadcrumb(page: Page, layout: Layout) -> Found[list[Crumb]]:
    """The steps of the path line, each with its link."""
    path = layout.path
    if path is None:
        return Found([])
    resolve = Links(layout.base)
    links = {squash(link.text): link.href
             for index in (path.parts or (path.index,)) for link in page.blocks[index].links}
    crumbs = [Crumb(text=step, url=resolve(links.get(step))) for step in path.steps]
    return Found(crumbs, raw=path.raw, rule=path.rule, block=path.index, dropped_links=tuple(resolve.dropped))
