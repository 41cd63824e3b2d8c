"""The page's URL and the facts it encodes."""

from __future__ import annotations

import re

from ..found import Found, issue
from ..layout import Layout
from ..models import UrlInfo
from ..page import Page
from ..text.urls import url_info

__all__ = ["extract_url", "extract_url_info"]


def extract_url(page: Page, layout: Layout) -> Found[str | None]:
    """The page's address (found by the layout stage)."""
    return Found(layout.url, raw=page.url, rule=layout.url_rule)


_CONTENT_ID = re.compile(r"^[A-Za-z]?_?(\d+)$")


def extract_url_info(page: Page, layout: Layout) -> Found[UrlInfo | None]:
    """The facts the page URL encodes, checked against the page's contentid meta."""
    info = url_info(layout.url) if layout.url else None
    content_id = page.meta.get("contentid")
    if info is None or not info.content_id or not content_id:
        return Found(info)
    match = _CONTENT_ID.match(content_id)
    if match and match.group(1) != info.content_id:
        return Found(info, issues=(issue("url", "content-id-mismatch",
                                         f"URL content id {info.content_id} differs from the contentid meta "
                                         f"{content_id!r}"),))
    return Found(info)
