"""qizhi-parser: People's Daily CMS article pages (旗帜网, people.com.cn) → typed records.

>>> import qizhi_parser
>>> article = qizhi_parser.parse_file("fixtures/000_ed244d5cd920c850.txt")  # doctest: +SKIP
"""

from __future__ import annotations

import logging

from .convert import SCRIPTS, Script, convert_article
from .core import parse, parse_file, parse_html, parse_pages, parse_text
from .errors import (
    DecodeError,
    InputTooLargeError,
    MissingExtraError,
    MissingFieldError,
    NotAnArticleError,
    QizhiParserError,
)
from .explain import explain
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
from .options import Options
from .settings import DEFAULT_MAX_BYTES
from .templates import TemplateError, TemplateSet, load_templates
from .text import parse_credits, read_time, url_info
from .version import __version__

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
    "Options",
    "Pagination",
    "Paragraph",
    "QizhiParserError",
    "Script",
    "Section",
    "Source",
    "TemplateError",
    "TemplateSet",
    "UrlInfo",
    "__version__",
    "convert_article",
    "explain",
    "load_templates",
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
