"""The page URL and the facts the People's Daily CMS encodes in it."""

from __future__ import annotations

import datetime as dt

from ..models import UrlInfo
from ..vocab import ANY_URL_HOST, ARTICLE_URL

__all__ = ["url_info"]


def url_info(url: str) -> UrlInfo | None:
    """Site, channel, content id, date and page number of an article URL.

    >>> i = url_info("http://finance.people.com.cn/n1/2024/0510/c1004-40232587.html")
    >>> (i.site, i.kind, str(i.date), i.channel_id, i.content_id, i.page)
    ('finance.people.com.cn', 'n1', '2024-05-10', 'c1004', '40232587', 1)
    >>> url_info("http://culture.people.com.cn/n1/2019/0615/c1013-31153719-2.html").page
    2
    """
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
