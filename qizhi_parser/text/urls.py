"""URLs: every link an Article holds made safe, and the facts an article URL encodes."""

from __future__ import annotations

import datetime as dt
import functools
import re
import urllib.parse

from ..models import UrlInfo
from ..settings import MAX_DROPPED_LINKS, MAX_URL
from ..vocab import ANY_URL_HOST, ARTICLE_URL

__all__ = ["Links", "safe_url", "url_info"]

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
        if why is not None and len(self.dropped) < MAX_DROPPED_LINKS:
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
