"""The page's address: the ``url`` argument, else og:url, canonical or a share script's."""

from __future__ import annotations

from ..found import issue
from ..models import Issue
from ..page import Page
from ..text.urls import safe_url, url_info

__all__ = ["pick_url"]


def pick_url(page: Page) -> tuple[str | None, str | None, str | None, list[Issue]]:
    """The page URL — the ``url`` argument, else og:url, canonical or a share script's;
    always absolute http(s) or None — with its rule, the base the page's links resolve
    against (``<base href>``, itself resolved against the URL; else the URL) and the
    problems met."""
    url: str | None = None
    rule: str | None = None
    problems: list[Issue] = []
    if page.url:
        url, why = safe_url(page.url)
        if url is not None:
            rule = "argument"
        else:
            problems.append(issue("url", "unsafe-url", f"the url argument was not used: {why}"))
    if url is None:
        for candidate, candidate_rule in page.url_candidates:
            safe, _ = safe_url(candidate)
            if safe is not None and url_info(safe) is not None:
                url, rule = safe, candidate_rule
                break
    base = url
    if page.meta.get("base"):
        declared, _ = safe_url(page.meta["base"], url)
        base = declared or base
    return url, rule, base, problems
