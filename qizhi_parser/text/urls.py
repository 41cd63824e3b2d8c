"""URLs: every link an Article holds made safe, and the facts an article URL encodes.

The only module that uses ``ada-url`` (Ada, the WHATWG URL parser Node.js uses, in C++): links
are resolved and serialised exactly as a browser's ``href`` gives them, three times faster than
``urllib.parse``, which follows an older RFC and leaves controls and spaces in a URL.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

import regex
from ada_url import join_url

from ..models import UrlInfo
from ..settings import MAX_DROPPED_LINKS, MAX_URL
from ..vocab import ANY_URL_HOST, ARTICLE_URL, URL_SHAPES

__all__ = ["Links", "safe_url", "url_info"]

#: What browsers strip from a URL before reading it: leading and trailing C0 controls and spaces
#: (the parser strips them too, and every tab and line break inside; stripped here first so an
#: empty URL is told apart).
_EDGES = "".join(map(chr, range(0x21)))
#: What an absolute URL is joined onto to be serialised (Ada's fast path; never part of the result).
_ANY_BASE = "http://base.invalid/"
#: A URL that names its scheme (``http:``, ``javascript:``).
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def safe_url(raw: str, base: str | None = None) -> tuple[str | None, str | None]:
    r"""``(url, None)`` with ``url`` absolute ``http``/``https``, resolved against ``base`` and
    serialised as the WHATWG URL Standard says (what a browser's ``href`` gives: controls,
    spaces and other characters percent-encoded, the host lower-cased and IDNA-encoded); or
    ``(None, why)`` for anything else (``javascript:``, ``data:``, too long, unreadable,
    relative without a base).

    >>> safe_url(" /n1/a b.html ", "http://www.people.com.cn/x/")[0]
    'http://www.people.com.cn/n1/a%20b.html'
    >>> safe_url("http://x.cn/a\x00b\u202e.html")[0], safe_url("http://新华网.cn/两会")[0]
    ('http://x.cn/a%00b%E2%80%AE.html', 'http://xn--xkrr14bows.cn/%E4%B8%A4%E4%BC%9A')
    >>> safe_url(" java\tscript:alert(1)")[1], safe_url("data:text/html;base64,PGI+")[1]
    ("scheme 'javascript' is not http(s)", "scheme 'data' is not http(s)")
    >>> safe_url("http://www.xinhuanet.com：80/")[1], safe_url("/a.html")[1]
    ('unreadable URL', 'a relative URL and no page URL to resolve it against')
    """
    url = raw.strip(_EDGES)
    if "\t" in url or "\n" in url or "\r" in url:  # removed by the standard before anything is read
        url = url.replace("\t", "").replace("\n", "").replace("\r", "")
    if not url:
        return None, "empty URL"
    if len(url) > MAX_URL:
        return None, f"a URL of {len(url):,} characters (over {MAX_URL:,})"
    if not base and not _SCHEME.match(url):
        return None, "a relative URL and no page URL to resolve it against"
    try:  # one call into Ada (an absolute URL joined onto any base is itself, serialised)
        href: str = join_url(base or _ANY_BASE, url)
    except ValueError:
        return None, "unreadable URL"
    if not href.startswith(("http://", "https://")):
        return None, f"scheme {href.split(':', 1)[0]!r} is not http(s)"
    if href.startswith(("http:///", "https:///")):  # pragma: no cover - Ada gives http(s) URLs a host
        return None, "a URL without a readable host"
    if len(href) > MAX_URL:
        return None, f"a URL of {len(href):,} characters (over {MAX_URL:,})"
    return href, None


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
    """Site, channel, content id, date and page number of an article URL: the People's
    Daily CMS's shape, and the shapes of Xinhua, news.cn, Guangming, China Youth, CNR,
    Chinanews, China Daily, e-papers and government sites (:data:`~qizhi_parser.vocab.URL_SHAPES`).

    >>> i = url_info("http://finance.people.com.cn/n1/2024/0510/c1004-40232587.html")
    >>> (i.site, i.kind, str(i.date), i.channel_id, i.content_id, i.page)
    ('finance.people.com.cn', 'n1', '2024-05-10', 'c1004', '40232587', 1)
    >>> url_info("http://culture.people.com.cn/n1/2019/0615/c1013-31153719-2.html").page
    2
    >>> i = url_info("http://www.xinhuanet.com/world/2019-12/10/c_1125327450.htm")
    >>> (i.site, str(i.date), i.content_id, i.page)
    ('www.xinhuanet.com', '2019-12-10', '1125327450', 1)
    >>> i = url_info("http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_693227_1.shtml")
    >>> (str(i.date), i.content_id, i.page)
    ('2019-09-18', '693227', 2)
    """
    return _url_info(url) if len(url) <= MAX_URL else None


def _date(match: regex.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


@functools.lru_cache(maxsize=256)  # a page's URL is read by several fields; UrlInfo is frozen
def _url_info(url: str) -> UrlInfo | None:
    url = url.strip()
    match = ARTICLE_URL.match(url)
    if match is not None:
        return UrlInfo(
            site=match["site"].lower(),
            kind=match["kind"],
            date=_date(match),
            channel_id=match["channel"],
            content_id=match["content"],
            page=int(match["page"]) if match["page"] else 1,
        )
    host = ANY_URL_HOST.match(url)
    if host is None:
        return None
    path = url[host.end() :].split("?", 1)[0].split("#", 1)[0]
    for shape in URL_SHAPES:
        found = shape.pattern.search(path)
        if found is not None:
            page = int(found["page"]) + shape.numbered_from if found["page"] else 1
            return UrlInfo(site=host["site"].lower(), date=_date(found), content_id=found["content"], page=page)
    return UrlInfo(site=host["site"].lower())
