"""Headline, pre-title (引题) and subtitle (副题), read from the title group."""

from __future__ import annotations

from ..found import Found, issue
from ..layout import Layout
from ..page import Page
from ..text.titles import title_text

__all__ = ["TITLE_TAG_RULES", "extract_headline", "extract_pretitle", "extract_subtitle"]

#: The rules of a headline taken from the page title (og:title, <title>), not from the markup.
_OG_TITLE, _TITLE_TAG = "meta:og:title", "html:title"
TITLE_TAG_RULES = frozenset({_OG_TITLE, _TITLE_TAG})


def _from_title_tag(page: Page, channels: tuple[str, ...]) -> tuple[str, str] | None:
    """og:title or <title>, site suffix (and channel parts named by the path) removed: (headline, rule)."""
    for raw, rule in ((page.meta.get("og:title"), _OG_TITLE), (page.title, _TITLE_TAG)):
        text = title_text(raw, channels)
        if text is not None:
            return text, rule
    return None


def extract_headline(page: Page, layout: Layout) -> Found[list[str]]:
    """The headline's lines from the title group, else from og:title or <title>."""
    title = layout.title
    if title is not None:
        return Found(list(title.lines), raw=title.raw, rule=title.rule, block=title.index)
    fallback = _from_title_tag(page, layout.path.steps if layout.path else ()) if page.format == "html" else None
    if fallback is not None:
        text, rule = fallback
        return Found([text], raw=text, rule=rule,
                     issues=(issue("headline", "headline-from-title", f"no headline element; taken from {rule}"),))
    return Found([], issues=(issue("headline", "missing", "no headline found"),))


def extract_pretitle(page: Page, layout: Layout) -> Found[str | None]:
    """The 引题 above the headline."""
    title = layout.title
    if title is None or not title.pretitle:
        return Found(None)
    return Found(title.pretitle, raw=title.pretitle, rule=f"{title.rule}:above")


def extract_subtitle(page: Page, layout: Layout) -> Found[str | None]:
    """The 副题 below the headline."""
    title = layout.title
    if title is None or not title.subtitle:
        return Found(None)
    return Found(title.subtitle, raw=title.subtitle, rule=f"{title.rule}:below")
