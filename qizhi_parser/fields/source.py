"""Source: the name printed after 来源, its link, and whether it is a reprint."""

from __future__ import annotations

from ..found import Found, issue
from ..layout import Layout
from ..models import Issue, Source
from ..page import Page
from ..text.sources import is_reprint, source_from_meta
from ..text.spaces import squash
from ..text.urls import Links

__all__ = ["extract_source"]


def extract_source(page: Page, layout: Layout) -> Found[Source | None]:
    """The printed 来源 (cross-checked with the source meta), else the meta's."""
    meta_source = source_from_meta(page.meta.get("source"))
    region = layout.source
    if region is not None:
        block = page.blocks[region.index]
        resolve = Links(layout.base)
        url = next((resolve(link.href) for link in block.links if squash(link.text) == region.name), None)
        source = Source(name=region.name, url=url, is_reprint=is_reprint(region.name))
        problems: tuple[Issue, ...] = ()
        if meta_source and meta_source not in source.name and source.name not in meta_source:
            problems = (issue("source", "source-meta-mismatch",
                              f"printed source {source.name!r} differs from the source meta {meta_source!r}"),)
        return Found(source, raw=region.raw, rule=region.rule, block=region.index, issues=problems,
                     dropped_links=tuple(resolve.dropped))
    if meta_source:
        return Found(Source(name=meta_source, is_reprint=is_reprint(meta_source)), raw=page.meta.get("source"),
                     rule="meta:source",
                     issues=(issue("source", "source-from-meta", "no source printed; taken from the source meta"),))
    return Found(None, issues=(issue("source", "missing", "no source found"),))
