"""qizhi-parser: People's Daily CMS article pages (旗帜网, people.com.cn) → typed records.

>>> import qizhi_parser
>>> article = qizhi_parser.parse_file("fixtures/000_ed244d5cd920c850.txt")  # doctest: +SKIP
"""

from __future__ import annotations

import logging

from .convert import SCRIPTS, Script, convert_article
from .core import DEFAULT_MAX_BYTES, parse, parse_file, parse_html, parse_pages, parse_text
from .errors import (
    DecodeError,
    InputTooLargeError,
    MissingExtraError,
    MissingFieldError,
    NotAnArticleError,
    QizhiParserError,
)
from .fields.credits import parse_credits
from .fields.dates import read_time
from .fields.urls import url_info
from .models import (
    Article,
    Credit,
    CreditRole,
    Crumb,
    Edition,
    Image,
    Issue,
    Pagination,
    Paragraph,
    Section,
    Source,
    UrlInfo,
)

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SCRIPTS",
    "Article",
    "Credit",
    "CreditRole",
    "Crumb",
    "DecodeError",
    "Edition",
    "Image",
    "InputTooLargeError",
    "Issue",
    "MissingExtraError",
    "MissingFieldError",
    "NotAnArticleError",
    "Pagination",
    "Paragraph",
    "QizhiParserError",
    "Script",
    "Section",
    "Source",
    "UrlInfo",
    "__version__",
    "convert_article",
    "parse",
    "parse_credits",
    "parse_file",
    "parse_html",
    "parse_pages",
    "parse_text",
    "read_time",
    "url_info",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
