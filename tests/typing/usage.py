"""Type-checked with mypy --strict: how downstream code uses the public API."""

from __future__ import annotations

import datetime as dt

import qizhi_parser
from qizhi_parser import Article, CreditRole, QizhiParserError


def headline_and_time(data: bytes) -> tuple[str | None, dt.datetime | None]:
    try:
        article: Article = qizhi_parser.parse(data, url="http://www.qizhiwang.org.cn/n1/2020/0217/c1-1.html")
    except QizhiParserError as exc:
        return str(exc), None
    editors: list[str] = [n for c in article.credits if c.role is CreditRole.EDITOR for n in c.names]
    del editors
    return article.headline, article.published_at
