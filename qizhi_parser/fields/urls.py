"""URLs: every link an Article holds made safe, and the facts an article URL encodes."""

from __future__ import annotations

import datetime as dt
import functools
import re
import urllib.parse
from typing import TYPE_CHECKING

from ..found import Found, issue
from ..models import Issue, UrlInfo
from ..page import Page
from ..vocab import ANY_URL_HOST, ARTICLE_URL

if TYPE_CHECKING:
    from ..layout import Layout

__all__ = ["MAX_URL", "Links", "extract_url", "extract_url_info", "pick_url", "safe_url", "url_info"]

#: Longest URL an Article holds; longer ones (10 MB data: URIs) are dropped.
MAX_URL = 2048
#: What browsers strip from a URL before reading it: leading and trailing C0 controls and
#: spaces, and every tab and line break inside it.
_EDGES = "".join(map(chr, range(0x21)))
_INSIDE = re.compile(r"[\t\n\r]")
#: Characters no host name holds (controls, spaces, a full-width colon or full stop).
_BAD_HOST = re.compile("[\x00-\x20\uff1a\u3002]")


def safe_url(raw: str, base: str | None = None) -> tuple[str | None, str | None]:
    r"""``(url, None)`` with ``url`` absolute ``http``/``https``, resolved against ``base``;
    or ``(None, why)`` for anything else (``javascript:``, ``data:``, too long, unreadable,
    relative without a base).

    >>> safe_url(" /n1/a.html ", "http://www.people.com.cn/x/")[0]
    'http://www.people.com.cn/n1/a.html'
    >>> safe_url(" java\tscript:alert(1)")[1], safe_url("data:text/html;base64,PGI+")[1]
    ("scheme 'javascript' is not http(s)", "scheme 'data' is not http(s)")
    >>> safe_url("http://www.xinhuanet.com：80/")[1][:15], safe_url("http://[::1/")[1]
    ('unreadable URL ', 'unreadable URL (Invalid IPv6 URL)')
    """
    url = raw.strip(_EDGES)
    if "\t" in url or "\n" in url or "\r" in url:
        url = _INSIDE.sub("", url)
    if not url:
        return None, "empty URL"
    if len(url) > MAX_URL:
        return None, f"a URL of {len(url):,} characters (over {MAX_URL:,})"
    try:
        if base and (not url.startswith(("http://", "https://")) or "/." in url):  # absolute: nothing to join
            url = urllib.parse.urljoin(base, url)
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname  # reads the host: an unbalanced [ or a bad port raises here
        _ = parts.port
    except ValueError as exc:
        return None, f"unreadable URL ({exc})"
    if not parts.scheme:
        return None, "a relative URL and no page URL to resolve it against"
    if parts.scheme.lower() not in ("http", "https"):
        return None, f"scheme {parts.scheme.lower()!r} is not http(s)"
    if not host or _BAD_HOST.search(host):
        return None, "a URL without a readable host"
    if len(url) > MAX_URL:
        return None, f"a URL of {len(url):,} characters (over {MAX_URL:,})"
    return url, None


class Links:
    """Resolves the links of one page against its base (``<base href>``, else the page URL)
    and remembers what it dropped, for one ``unsafe-url`` issue."""

    def __init__(self, base: str | None) -> None:
        self.base = base
        self.dropped: list[str] = []

    def __call__(self, raw: str | None) -> str | None:
        if raw is None:
            return None
        url, why = safe_url(raw, self.base)
        if why is not None and len(self.dropped) < 1000:
            self.dropped.append(why)
        return url


def url_info(url: str) -> UrlInfo | None:
    """Site, channel, content id, date and page number of an article URL.

    >>> i = url_info("http://finance.people.com.cn/n1/2024/0510/c1004-40232587.html")
    >>> (i.site, i.kind, str(i.date), i.channel_id, i.content_id, i.page)
    ('finance.people.com.cn', 'n1', '2024-05-10', 'c1004', '40232587', 1)
    >>> url_info("http://culture.people.com.cn/n1/2019/0615/c1013-31153719-2.html").page
    2
    """
    return _url_info(url) if len(url) <= MAX_URL else None


@functools.lru_cache(maxsize=256)  # a page's URL is read by several fields; UrlInfo is frozen
def _url_info(url: str) -> UrlInfo | None:
    match = ARTICLE_URL.match(url.strip())
    if match is None:
        host = ANY_URL_HOST.match(url.strip())
        return UrlInfo(site=host["site"].lower()) if host else None
    try:
        date: dt.date | None = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        date = None
    return UrlInfo(
        site=match["site"].lower(),
        kind=match["kind"],
        date=date,
        channel_id=match["channel"],
        content_id=match["content"],
        page=int(match["page"]) if match["page"] else 1,
    )


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


def extract_url(page: Page, layout: Layout) -> Found[str | None]:
    """The page's address (found by :func:`pick_url` when the layout was read)."""
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
