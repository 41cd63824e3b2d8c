"""The orchestrator: decode → one Page of blocks → one extractor per field → validate.

Each step is a named function so that a test can target it; :func:`parse` reads
as the fallback chain it is.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pydantic

from .convert import Script, convert_article, script_value
from .decode import check_charset, decode, without_nul
from .errors import InputTooLargeError, MissingFieldError, NotAnArticleError, QizhiParserError
from .fields.body import (
    extract_dateline,
    extract_edition,
    extract_images,
    extract_original_headline,
    extract_pagination,
    extract_sections,
)
from .fields.breadcrumb import extract_breadcrumb
from .fields.chain import extract_credits
from .fields.dates import extract_published_at
from .fields.headline import extract_headline, extract_pretitle, extract_subtitle
from .fields.script import detect_script
from .fields.source import extract_source
from .fields.urls import extract_url, extract_url_info
from .found import Found, guarded, issue
from .layout import Layout, segment
from .models import Article, Issue, IssueCode, Pagination, Paragraph, Section
from .page import MAX_BLOCKS, MAX_LINES, Page, page_from_html, page_from_text, parse_tree
from .reading import read_file
from .vocab import ERROR_PAGE, HTML_TAG

__all__ = ["DEFAULT_MAX_BYTES", "parse", "parse_file", "parse_html", "parse_pages", "parse_text"]

log = logging.getLogger(__name__)

#: Inputs larger than this are refused before any work (bytes, or characters for str).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: Required fields in strict mode.
REQUIRED = ("headline", "published_at", "source", "body")


@dataclass(frozen=True, slots=True)
class _Input:
    """What decoding the input found: its encoding, how it was found, its problems."""

    encoding: str | None = None
    rule: str | None = None
    issues: tuple[Issue, ...] = ()


#: Longest ``url=`` accepted (browsers and servers refuse far shorter ones).
MAX_URL_ARGUMENT = 8192


def _check_arguments(data: object, url: object, charset: object, max_bytes: object, script: object) -> None:
    """TypeError for a wrong type, ValueError for a wrong value, before any work."""
    if not isinstance(data, (bytes, str)):
        raise TypeError(f"parse() takes bytes or str, not {type(data).__name__}")
    if url is not None and not isinstance(url, str):
        raise TypeError(f"url must be a str or None, not {type(url).__name__}")
    if isinstance(url, str) and len(url) > MAX_URL_ARGUMENT:
        raise ValueError(f"url of {len(url):,} characters is over the limit of {MAX_URL_ARGUMENT:,}")
    if max_bytes is not None and (not isinstance(max_bytes, int) or isinstance(max_bytes, bool)):
        raise TypeError(f"max_bytes must be an int or None, not {type(max_bytes).__name__}")
    check_charset(charset)
    if script is not None:
        script_value(script)


def _check_size(data: bytes | str, max_bytes: int | None) -> None:
    if max_bytes is not None and len(data) > max_bytes:
        raise InputTooLargeError(len(data), max_bytes)


#: How much of an input is read to tell HTML from text.
_SNIFF_SPAN = 262_144
#: Markup must make up this share of the input (tags' characters) to be HTML…
_MARKUP_SHARE = 0.05
#: …or be this many tags: a text dump quoting a snippet of markup has a few.
_MANY_TAGS = 40


def looks_like_html(text: str) -> bool:
    """True when the text is markup rather than a plain-text dump. Weighs how much of
    the input is markup, not whether a tag appears: a dump quoting an advertising
    snippet (``<SCRIPT LANGUAGE=…>``) in its footer is text, a page behind a long text
    preamble is HTML.

    >>> looks_like_html("<html><body><p>x</p></body></html>"), looks_like_html("旗幟網 >> 本網專題")
    (True, False)
    >>> looks_like_html("标题\\n\\n" + "正文。" * 2000 + "\\n<SCRIPT LANGUAGE='JavaScript1.1' SRC='x.js'></SCRIPT>\\n")
    False
    """
    head = text[:_SNIFF_SPAN]
    if "<" not in head:
        return False
    starts = head.lstrip("\ufeff \t\r\n")[:1] == "<"
    if starts:  # a document that opens with a tag: one known tag is enough
        return HTML_TAG.search(head) is not None
    tags = 0
    markup = 0
    for match in HTML_TAG.finditer(head):
        tags += 1
        markup += match.end() - match.start()
        if tags >= _MANY_TAGS:
            return True
    return tags >= 3 and markup >= _MARKUP_SHARE * len(head.strip())


def parse(
    data: bytes | str,
    *,
    url: str | None = None,
    strict: bool = False,
    charset: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    script: Script | None = None,
) -> Article:
    """Parse an article page given as HTML or a plain-text dump, bytes or str.

    ``url`` is the page's address (it resolves links and gives the URL facts);
    ``charset`` is the transport-level (HTTP header) charset of ``bytes`` input.
    ``strict=True`` raises :class:`MissingFieldError` when headline, publication
    time, source or body is missing; otherwise they are listed in ``issues``.
    ``max_bytes`` limits the input size (bytes, or characters for str; None: no limit).
    ``script`` (``"Hans"`` or ``"Hant"``) converts every text field to simplified or
    traditional script (needs the ``opencc`` extra; see :func:`qizhi_parser.convert_article`).

    Raises only :class:`QizhiParserError` subclasses, TypeError for a wrong argument type,
    ValueError for an unknown ``script`` and :class:`MissingExtraError` when ``script`` is
    given without OpenCC installed.
    """
    return _parse(data, None, url=url, strict=strict, charset=charset, max_bytes=max_bytes, script=script)


def parse_html(
    data: bytes | str,
    *,
    url: str | None = None,
    strict: bool = False,
    charset: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    script: Script | None = None,
) -> Article:
    """Like :func:`parse`, for input known to be HTML (no sniffing)."""
    return _parse(data, "html", url=url, strict=strict, charset=charset, max_bytes=max_bytes, script=script)


def parse_text(
    data: bytes | str,
    *,
    url: str | None = None,
    strict: bool = False,
    charset: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    script: Script | None = None,
) -> Article:
    """Like :func:`parse`, for input known to be a plain-text dump (no sniffing)."""
    return _parse(data, "text", url=url, strict=strict, charset=charset, max_bytes=max_bytes, script=script)


def _parse(
    data: bytes | str,
    fmt: str | None,
    *,
    url: str | None,
    strict: bool,
    charset: str | None,
    max_bytes: int | None,
    script: Script | None = None,
) -> Article:
    _check_arguments(data, url, charset, max_bytes, script)
    _check_size(data, max_bytes)
    try:
        text, decoded = _decode(data, charset)
        if fmt is None:
            fmt = "html" if looks_like_html(text) else "text"
        article = _parse_html_text(text, url, decoded) if fmt == "html" else _parse_text_dump(text, url, decoded)
    except QizhiParserError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise QizhiParserError(f"input too deeply nested or too large to parse: {type(exc).__name__}") from exc
    except Exception as exc:  # never let a library exception escape bare
        log.debug("unexpected error while parsing", exc_info=True)
        raise QizhiParserError(f"internal error while parsing ({type(exc).__name__}: {exc})") from exc
    if strict:
        _enforce(article)
    if script is not None:
        article = convert_article(article, script)
    return article


def _decode(data: bytes | str, charset: str | None) -> tuple[str, _Input]:
    """The input as text, and what decoding it found."""
    if isinstance(data, bytes):
        decoded = decode(data, declared=charset)
        issues = tuple(issue("input", code, problem) for code, problem in decoded.problems)
        return decoded.text, _Input(decoded.encoding, f"decode:{decoded.method}", issues)
    text, removed = without_nul(data)
    if not removed:
        return text, _Input()
    return text, _Input(issues=(issue("input", "nul-removed", f"{removed} NUL characters removed"),))


def _parse_text_dump(text: str, url: str | None, decoded: _Input) -> Article:
    page = page_from_text(text)
    page.url = url
    layout, founds = _read(page)
    reason = _refusal(page, founds)
    if reason is not None:
        raise NotAnArticleError(reason)
    return _article(page, layout, founds, decoded)


def _parse_html_text(text: str, url: str | None, decoded: _Input) -> Article:
    """HTML: the template's containers first (fast), the whole page when they do not
    give every required field. Both are read by the same rules; the fast path skips
    work, and its result stands only when the whole page could not do better."""
    problems: list[tuple[IssueCode, str]] = []
    root = parse_tree(text, problems)
    if problems:
        decoded = _Input(decoded.encoding, decoded.rule, (*decoded.issues, *(
            issue("input", code, message) for code, message in problems)))
    page = page_from_html(text, find_urls=url is None, root=root)
    page.url = url
    fast: tuple[Page, Layout, Founds] | None = None
    if page.partial:
        layout, founds = _read(page)
        if _refusal(page, founds) is None:
            if not _missing(founds):
                return _article(page, layout, founds, decoded)
            fast = (page, layout, founds)
        page = page_from_html(text, fast=False, find_urls=url is None, root=root)
        page.url = url
    layout, founds = _read(page)
    reason = _refusal(page, founds)
    if fast is not None and (reason is not None or _missing(fast[2]) <= _missing(founds)):
        return _article(*fast, decoded)
    if reason is not None:
        raise NotAnArticleError(reason)
    return _article(page, layout, founds, decoded)


def parse_file(path: str | os.PathLike[str], *, url: str | None = None, strict: bool = False,
               charset: str | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES,
               script: Script | None = None) -> Article:
    """Read one saved page (bytes, any encoding) and parse it; ``charset`` is the transport
    charset the page was served with, if known.

    A file that cannot be read raises the usual :class:`OSError` (FileNotFoundError …);
    everything about its content raises a :class:`QizhiParserError`, as :func:`parse` does.
    The file is read up to ``max_bytes`` and no further (/dev/zero cannot make it
    read forever).
    """
    data = read_file(path, max_bytes)
    return parse(data, url=url, strict=strict, charset=charset, max_bytes=max_bytes, script=script)


# ------------------------------------------------------------------ assembling

Extractor = Callable[[Page, Layout], Found[Any]]

#: Every field: its name (in ``provenance`` and ``issues``), its extractor and its value
#: when the extractor fails. Issues are listed in this order, after the input's.
FIELDS: tuple[tuple[str, Extractor, Callable[[], Any]], ...] = (
    ("url", extract_url, lambda: None),
    ("url_info", extract_url_info, lambda: None),
    ("headline", extract_headline, list),
    ("pretitle", extract_pretitle, lambda: None),
    ("subtitle", extract_subtitle, lambda: None),
    ("breadcrumb", extract_breadcrumb, list),
    ("source", extract_source, lambda: None),
    ("published_at", extract_published_at, lambda: None),
    ("sections", extract_sections, list),
    ("original_headline", extract_original_headline, lambda: None),
    ("edition", extract_edition, lambda: None),
    ("dateline", extract_dateline, lambda: None),
    ("images", extract_images, list),
    ("credits", extract_credits, list),
    ("pagination", extract_pagination, lambda: None),
)

Founds = dict[str, Found[Any]]


def _run(name: str, extractor: Extractor, default: Callable[[], Any], page: Page, layout: Layout) -> Found[Any]:
    """One field's extractor; a failure costs that field only (:func:`qizhi_parser.found.guarded`)."""
    found, problem = guarded(name, _FAILED, extractor, page, layout)
    return found if problem is None else Found(default(), issues=(problem,))


_FAILED: Found[Any] = Found(None)
"""What guarded() gives back for a failed extractor (replaced by the field's default)."""


def extract_all(page: Page, layout: Layout) -> Founds:
    """Every field of :data:`FIELDS` read from the page's regions."""
    return {name: _run(name, extractor, default, page, layout) for name, extractor, default in FIELDS}


def _paragraphs(founds: Founds) -> list[Paragraph]:
    return [p for section in founds["sections"].value for p in section.paragraphs]


def lacking(headline: object, published_at: object, source: object, paragraphs: object) -> list[str]:
    """The required fields (:data:`REQUIRED`) among these values that are missing: the one
    check behind ``strict=True`` and the choice between the fast and the whole-page read.

    >>> lacking("标题", None, None, ["正文"])
    ['published_at', 'source']
    """
    present = (bool(headline), published_at is not None, source is not None, bool(paragraphs))
    return [name for name, there in zip(REQUIRED, present, strict=True) if not there]


def _missing(founds: Founds) -> int:
    """How many of the required fields the founds lack."""
    return len(lacking(founds["headline"].value, founds["published_at"].value, founds["source"].value,
                       _paragraphs(founds)))


def _refusal(page: Page, founds: Founds) -> str | None:
    """Why the page is no article, or None. A server's error page (404 Not Found,
    页面不存在) is none even when its text makes a headline and a paragraph: a short page
    whose title or headline says so, with no publication time. Nor is a page with
    neither body nor both headline and time."""
    headline = " ".join(founds["headline"].value)
    paragraphs = _paragraphs(founds)
    published = founds["published_at"].value
    if published is None and len(paragraphs) <= 3:
        for text in (page.title, headline, *(p.text for p in paragraphs[:2])):
            if text and len(text) <= 80 and ERROR_PAGE.match(text):
                return f"an error page, not an article: {text[:60]!r}"
    if not paragraphs and (not headline or published is None):
        found = f"only a title ({headline!r}), " if headline else "no headline, "
        return f"no article found: {found}no body and no publication time"
    return None


def _page_issues(page: Page) -> list[Issue]:
    issues: list[Issue] = []
    if page.cleaned:
        issues.append(issue("input", "controls-removed", f"{page.cleaned} control, bidi-override "
                            "or lone surrogate characters removed from the text"))
    if page.truncated:
        issues.append(issue("input", "input-truncated", f"the page has more than {MAX_BLOCKS:,} "
                            f"text blocks or {MAX_LINES:,} lines; the rest was not read"))
    return issues


def _issues(page: Page, layout: Layout, founds: Founds) -> list[Issue]:
    """The page's, the layout's and every field's issues, field by field in FIELDS order;
    the links dropped anywhere make one ``unsafe-url`` issue of the ``url`` field."""
    issues = _page_issues(page)
    issues.extend(i for i in layout.issues if i.field not in founds)
    dropped = [why for found in founds.values() for why in found.dropped_links]
    for name, found in founds.items():
        if layout.issues:
            issues.extend(i for i in layout.issues if i.field == name)
        issues.extend(found.issues)
        if name == "url" and dropped:
            kinds = sorted(set(dropped))
            issues.append(issue("url", "unsafe-url",
                                f"{len(dropped)} link(s) dropped: " + "; ".join(kinds[:5])))
    return issues


def _provenance(encoding_rule: str | None, layout: Layout, founds: Founds) -> dict[str, str]:
    provenance = {"encoding": encoding_rule} if encoding_rule else {}
    provenance["template"] = layout.template
    provenance.update((name, found.rule) for name, found in founds.items() if found.rule is not None)
    return provenance


def _read(page: Page) -> tuple[Layout, Founds]:
    layout = segment(page)
    return layout, extract_all(page, layout)


def _article(page: Page, layout: Layout, founds: Founds, decoded: _Input) -> Article:
    """The Article of the founds: every value, its issues and its provenance."""
    value = {name: found.value for name, found in founds.items()}
    stamp = value["published_at"]
    headline_lines: list[str] = value["headline"]
    headline = " ".join(headline_lines) or None
    paragraphs = _paragraphs(founds)
    printed_script = detect_script(headline or "", *(p.text for p in paragraphs[:20]))
    try:
        return Article(
            url=value["url"],
            url_info=value["url_info"],
            input_format="html" if page.format == "html" else "text",
            encoding=decoded.encoding,
            script=printed_script,
            printed_script=printed_script,
            headline=headline,
            headline_lines=headline_lines,
            pretitle=value["pretitle"],
            subtitle=value["subtitle"],
            original_headline=value["original_headline"],
            published_at=stamp.at if stamp else None,
            published_raw=founds["published_at"].raw if stamp else None,
            published_precision=stamp.precision if stamp else None,
            source=value["source"],
            edition=value["edition"],
            dateline=value["dateline"],
            breadcrumb=value["breadcrumb"],
            sections=value["sections"],
            credits=value["credits"],
            images=value["images"],
            pagination=value["pagination"],
            issues=[*decoded.issues, *_issues(page, layout, founds)],
            provenance=_provenance(decoded.rule, layout, founds),
        )
    except pydantic.ValidationError as exc:
        raise QizhiParserError(f"extracted values failed validation: {exc.errors()[0]['msg']}") from exc


def _enforce(article: Article) -> None:
    missing = lacking(article.headline, article.published_at, article.source, article.paragraphs)
    details: list[str] = []
    for name in missing:
        related = [i.message for i in article.issues if i.field in (name, "sections" if name == "body" else name)]
        details.append(f"{name}: {related[0] if related else 'not found'}")
    if missing:
        raise MissingFieldError(missing, details)
    failed = [i for i in article.issues if i.code == "extract-failed"]
    if failed:
        raise QizhiParserError(f"strict: {failed[0].message}")


# ------------------------------------------------------------------ multi-page


def _page_number(article: Article) -> int:
    if article.pagination is not None:
        return article.pagination.current
    return article.url_info.page or 1 if article.url_info is not None else 1


def _disagreements(first: Article, page: Article) -> list[Issue]:
    """``pages-disagree`` issues for a later page whose headline or time differs from the first's."""
    n = _page_number(page)
    found: list[Issue] = []
    if page.headline != first.headline:
        found.append(issue("headline", "pages-disagree",
                           f"page {n} headline {page.headline!r} differs from page 1"))
    if page.published_at != first.published_at:
        found.append(issue("published_at", "pages-disagree",
                           f"page {n} time {page.published_at} differs from page 1"))
    return found


def _continue_sections(sections: list[Section], more: list[Section]) -> None:
    """Add a later page's sections; one that starts without a heading continues the last."""
    if more and sections and more[0].heading is None:
        cont = more.pop(0)
        sections[-1] = sections[-1].model_copy(update={"paragraphs": [*sections[-1].paragraphs, *cont.paragraphs]})
    sections.extend(more)


def parse_pages(pages: Iterable[bytes | str | Article], *, url: str | None = None,
                script: Script | None = None) -> Article:
    """Join the pages of one multi-page article into one Article.

    Pages may be given in any order (they are sorted by their page number) as
    bytes, str or already parsed Articles. Sections are concatenated — a page
    that starts mid-section continues the previous page's last section — while
    metadata and credits are taken once. Pages that disagree on headline or
    publication time add an issue. ``url`` is given to :func:`parse` for pages given as bytes
    or str; ``script`` converts every page as :func:`parse` does.
    """
    articles = [p if isinstance(p, Article) else parse(p, url=url) for p in pages]
    if script is not None:
        articles = [convert_article(a, script) for a in articles]
    if not articles:
        raise NotAnArticleError("parse_pages() needs at least one page")
    ordered = [a for _, a in sorted(enumerate(articles), key=lambda ia: (_page_number(ia[1]), ia[0]))]
    first = ordered[0]
    issues = list(first.issues)
    sections = list(first.sections)
    images = list(first.images)
    credits = list(first.credits)
    for page in ordered[1:]:
        issues.extend(_disagreements(first, page))
        _continue_sections(sections, list(page.sections))
        images.extend(page.images)
        credits.extend(c for c in page.credits if c not in credits)
    total = max((a.pagination.total for a in articles if a.pagination), default=len(articles))
    if len(articles) < total:
        issues.append(issue("pagination", "pages-missing",
                            f"{len(articles)} of {total} pages given"))
    return first.model_copy(
        update={
            "url": url or first.url,
            "sections": sections,
            "images": images,
            "credits": credits,
            "issues": issues,
            "pagination": Pagination(current=1, total=total, other_urls=[]),
        }
    )
