"""The orchestrator: decode → one Page of blocks → the layout → one extractor per field → validate.

Each step is a named function so that a test can target it; :func:`parse` reads
as the fallback chain it is.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import pydantic

from .convert import convert_article
from .decode import check_charset, decode, without_nul
from .errors import InputTooLargeError, MissingFieldError, NotAnArticleError, QizhiParserError
from .fields import (
    extract_breadcrumb,
    extract_credits,
    extract_dateline,
    extract_edition,
    extract_headline,
    extract_images,
    extract_original_headline,
    extract_pagination,
    extract_pretitle,
    extract_published_at,
    extract_sections,
    extract_source,
    extract_subtitle,
    extract_url,
    extract_url_info,
)
from .fields.headline import TITLE_TAG_RULES
from .found import Found, guarded, issue
from .layout import Layout, segment
from .markup import page_from_html, parse_tree
from .models import (
    Article,
    Credit,
    Crumb,
    Edition,
    Image,
    Issue,
    IssueCode,
    Pagination,
    Paragraph,
    Section,
    Source,
    UrlInfo,
)
from .options import Options, OptionsKeywords, resolve
from .page import Page, page_from_text
from .reading import read_file
from .settings import (
    DEFAULT_MAX_BYTES,
    MANY_TAGS,
    MARKUP_LINE_SHARE,
    MARKUP_SHARE,
    MAX_BLOCKS,
    MAX_DEPTH,
    MAX_ERROR_LINE,
    MAX_ERROR_PARAGRAPHS,
    MAX_LINES,
    MAX_URL_ARGUMENT,
    MIN_TAGS,
    SNIFF_SPAN,
)
from .text.script import detect_script
from .text.times import Stamp
from .vocab import DOCUMENT_TAG, ERROR_PAGE, HTML_TAG

if sys.version_info >= (3, 11):  # pragma: no cover - the version CI runs
    from typing import Unpack
else:  # pragma: no cover
    from typing_extensions import Unpack

__all__ = ["DEFAULT_MAX_BYTES", "Fields", "parse", "parse_file", "parse_html", "parse_pages", "parse_text"]

log = logging.getLogger(__name__)

#: Required fields in strict mode.
REQUIRED = ("headline", "published_at", "source", "body")

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Input:
    """What decoding the input found: its encoding, how it was found, its problems."""

    encoding: str | None = None
    rule: str | None = None
    issues: tuple[Issue, ...] = ()


def _check_arguments(data: object, url: object, charset: object) -> None:
    """TypeError for a wrong type, ValueError for a wrong value, before any work."""
    if not isinstance(data, (bytes, str)):
        raise TypeError(f"parse() takes bytes or str, not {type(data).__name__}")
    if url is not None and not isinstance(url, str):
        raise TypeError(f"url must be a str or None, not {type(url).__name__}")
    if isinstance(url, str) and len(url) > MAX_URL_ARGUMENT:
        raise ValueError(f"url of {len(url):,} characters is over the limit of {MAX_URL_ARGUMENT:,}")
    check_charset(charset)


def _check_size(data: bytes | str, max_bytes: int | None) -> None:
    if max_bytes is not None and len(data) > max_bytes:
        raise InputTooLargeError(len(data), max_bytes)


def looks_like_html(text: str) -> bool:
    """True when the text is markup rather than a plain-text dump. Weighs how much of
    the input is markup, not whether a tag appears: a dump quoting an advertising
    snippet (``<SCRIPT LANGUAGE=…>``) is text however long the snippet's one line is, a
    page behind a long text preamble is HTML.

    An input that opens with a tag is HTML by one known tag. Else it is HTML with many
    tags, or with a document's own tags (``<html>``, ``<body>``), or when markup is both a
    share of its characters and a share of its lines: one line of markup in a page of
    text lines is a quoted snippet, whatever its length.

    >>> looks_like_html("<html><body><p>x</p></body></html>"), looks_like_html("旗幟網 >> 本網專題")
    (True, False)
    >>> looks_like_html("标题\\n\\n" + "正文。" * 2000 + "\\n<SCRIPT LANGUAGE='JavaScript1.1' SRC='x.js'></SCRIPT>\\n")
    False
    """
    head = text[:SNIFF_SPAN]
    if "<" not in head:
        return False
    starts = head.lstrip("\ufeff \t\r\n")[:1] == "<"
    if starts:  # a document that opens with a tag: one known tag is enough
        return HTML_TAG.search(head) is not None
    tags = 0
    markup = 0
    tagged_lines: set[int] = set()
    line, seen = 0, 0
    for match in HTML_TAG.finditer(head):
        tags += 1
        markup += match.end() - match.start()
        if tags >= MANY_TAGS or DOCUMENT_TAG.match(match.group()):
            return True
        line += head.count("\n", seen, match.start())
        seen = match.start()
        tagged_lines.add(line)
    if tags < MIN_TAGS or markup < MARKUP_SHARE * len(head.strip()):
        return False
    lines = sum(1 for line in head.splitlines() if line.strip())
    return len(tagged_lines) >= MARKUP_LINE_SHARE * lines


def parse(
    data: bytes | str,
    *,
    url: str | None = None,
    charset: str | None = None,
    options: Options | None = None,
    **keywords: Unpack[OptionsKeywords],
) -> Article:
    """Parse an article page given as HTML or a plain-text dump, bytes or str.

    ``url`` is the page's address (it resolves links and gives the URL facts);
    ``charset`` is the transport-level (HTTP header) charset of ``bytes`` input.
    The options (:class:`~qizhi_parser.options.Options`, or the same as keywords):
    ``strict=True`` raises :class:`MissingFieldError` when headline, publication
    time, source or body is missing (otherwise they are listed in ``issues``);
    ``max_bytes`` limits the input size (bytes, or characters for str; default 20 MiB,
    None: no limit); ``script`` (``"Hans"`` or ``"Hant"``) converts every text field to
    simplified or traditional script (needs the ``opencc`` extra; see
    :func:`qizhi_parser.convert_article`); ``templates`` adds a user's template file
    (:mod:`qizhi_parser.templates`).

    Raises only :class:`QizhiParserError` subclasses about the input, TypeError for a wrong
    argument type, ValueError for a wrong argument value (an unknown ``script``, a ``url``
    over 8,192 characters), :class:`MissingExtraError` when ``script`` is given without
    OpenCC installed and :class:`~qizhi_parser.templates.TemplateError` for a template file
    that is not valid.
    """
    return _parse(data, None, url, charset, resolve(options, keywords, "parse"))


def parse_html(data: bytes | str, *, url: str | None = None, charset: str | None = None,
               options: Options | None = None, **keywords: Unpack[OptionsKeywords]) -> Article:
    """Like :func:`parse`, for input known to be HTML (no sniffing)."""
    return _parse(data, "html", url, charset, resolve(options, keywords, "parse_html"))


def parse_text(data: bytes | str, *, url: str | None = None, charset: str | None = None,
               options: Options | None = None, **keywords: Unpack[OptionsKeywords]) -> Article:
    """Like :func:`parse`, for input known to be a plain-text dump (no sniffing)."""
    return _parse(data, "text", url, charset, resolve(options, keywords, "parse_text"))


def parse_file(path: str | os.PathLike[str], *, url: str | None = None, charset: str | None = None,
               options: Options | None = None, **keywords: Unpack[OptionsKeywords]) -> Article:
    """Read one saved page (bytes, any encoding) and parse it; ``charset`` is the transport
    charset the page was served with, if known.

    A file that cannot be read raises the usual :class:`OSError` (FileNotFoundError …);
    everything about its content raises a :class:`QizhiParserError`, as :func:`parse` does.
    The file is read up to ``max_bytes`` and no further (/dev/zero cannot make it
    read forever).
    """
    opts = resolve(options, keywords, "parse_file")
    _check_arguments(b"", url, charset)
    return _parse(read_file(path, opts.max_bytes), None, url, charset, opts)


@dataclass(slots=True)
class Reading:
    """One input as the stages read it: the page of blocks, its regions, every field, what
    decoding found, and why it is no article (None when it is one). :func:`parse` makes the
    Article of it; :func:`qizhi_parser.explain.explain` shows it block by block."""

    page: Page
    layout: Layout
    fields: Fields
    decoded: _Input
    refusal: str | None


def read_input(data: bytes | str, fmt: str | None, url: str | None, charset: str | None,
               options: Options) -> Reading:
    """Decode the input and read it (``fmt`` None: HTML or text by its content)."""
    _check_arguments(data, url, charset)
    _check_size(data, options.max_bytes)
    return _read_checked(data, fmt, url, charset, options)


def _read_checked(data: bytes | str, fmt: str | None, url: str | None, charset: str | None,
                  options: Options) -> Reading:
    text, decoded = _decode(data, charset)
    if fmt is None:
        fmt = "html" if looks_like_html(text) else "text"
    if fmt == "html":
        return _read_html_text(text, url, decoded, options)
    page = page_from_text(text)
    page.url = url
    layout, fields = _read(page)
    return Reading(page, layout, fields, decoded, _refusal(page, fields))


def _parse(data: bytes | str, fmt: str | None, url: str | None, charset: str | None, options: Options) -> Article:
    _check_arguments(data, url, charset)
    _check_size(data, options.max_bytes)
    try:
        reading = _read_checked(data, fmt, url, charset, options)
        if reading.refusal is not None:
            raise NotAnArticleError(reading.refusal)
        article = _article(reading.page, reading.layout, reading.fields, reading.decoded)
    except QizhiParserError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise QizhiParserError(f"input too deeply nested or too large to parse: {type(exc).__name__}") from exc
    except Exception as exc:  # never let a library exception escape bare
        log.debug("unexpected error while parsing", exc_info=True)
        raise QizhiParserError(f"internal error while parsing ({type(exc).__name__}: {exc})") from exc
    if options.strict:
        _enforce(article)
    if options.script is not None:
        article = convert_article(article, options.script)
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


def _read_html_text(text: str, url: str | None, decoded: _Input, options: Options) -> Reading:
    """HTML: the matched template's containers first (fast), the whole page when they do not
    give every required field. Both are read by the same rules; the fast path skips
    work, and its result stands only when the whole page could not do better."""
    problems: list[tuple[IssueCode, str]] = []
    tree = parse_tree(text, problems)
    if problems:
        decoded = _Input(decoded.encoding, decoded.rule, (*decoded.issues, *(
            issue("input", code, message) for code, message in problems)))
    templates = options.templates
    page = page_from_html(text, find_urls=url is None, tree=tree, templates=templates)
    page.url = url
    fast: tuple[Page, Layout, Fields] | None = None
    if page.partial:
        layout, fields = _read(page)
        if _refusal(page, fields) is None:
            if not _missing(fields):
                return Reading(page, layout, fields, decoded, None)
            fast = (page, layout, fields)
        page = page_from_html(text, fast=False, find_urls=url is None, tree=tree, templates=templates)
        page.url = url
    layout, fields = _read(page)
    reason = _refusal(page, fields)
    if fast is not None and (reason is not None or _fast_stands(fast[2], fields)):
        return Reading(*fast, decoded, None)
    return Reading(page, layout, fields, decoded, reason)


def _fast_stands(fast: Fields, whole: Fields) -> bool:
    """Whether the fast read stands against the whole page's: it lacks no more required fields,
    and on a tie its headline is not one taken from the page title where the whole page found it
    in the markup (with its 引题 and 副题)."""
    lacking_fast, lacking_whole = _missing(fast), _missing(whole)
    if lacking_fast != lacking_whole:
        return lacking_fast < lacking_whole
    return not (fast.headline.rule in TITLE_TAG_RULES and whole.headline.value
                and whole.headline.rule not in TITLE_TAG_RULES)


# ------------------------------------------------------------------ the field table


@dataclass(slots=True)
class Fields:
    """Every field as its extractor read it: the typed table from the extractors to the
    Article (mypy checks each value's type on the way). Issues and provenance are listed
    in this order, after the input's."""

    url: Found[str | None]
    url_info: Found[UrlInfo | None]
    headline: Found[list[str]]
    pretitle: Found[str | None]
    subtitle: Found[str | None]
    breadcrumb: Found[list[Crumb]]
    source: Found[Source | None]
    published_at: Found[Stamp | None]
    sections: Found[list[Section]]
    original_headline: Found[str | None]
    edition: Found[Edition | None]
    dateline: Found[str | None]
    images: Found[list[Image]]
    credits: Found[list[Credit]]
    pagination: Found[Pagination | None]

    def items(self) -> list[tuple[str, Found[Any]]]:
        """(name, found) of every field, in order."""
        return [(name, getattr(self, name)) for name in _FIELD_NAMES]


#: The names of the fields, in order (``dataclasses.fields`` is slow to ask once a parse).
_FIELD_NAMES = tuple(f.name for f in dataclasses.fields(Fields))


#: What guarded() gives back for a failed extractor (replaced by the field's default).
_FAILED: Found[Any] = Found(None)


def _run(name: str, extractor: Callable[[Page, Layout], Found[T]], default: T, page: Page,
         layout: Layout) -> Found[T]:
    """One field's extractor; a failure costs that field only (:func:`qizhi_parser.found.guarded`)."""
    found, problem = guarded(name, _FAILED, extractor, page, layout)
    return found if problem is None else Found(default, issues=(problem,))


def read_fields(page: Page, layout: Layout) -> Fields:
    """Every field read from the page's regions."""
    return Fields(
        url=_run("url", extract_url, None, page, layout),
        url_info=_run("url_info", extract_url_info, None, page, layout),
        headline=_run("headline", extract_headline, [], page, layout),
        pretitle=_run("pretitle", extract_pretitle, None, page, layout),
        subtitle=_run("subtitle", extract_subtitle, None, page, layout),
        breadcrumb=_run("breadcrumb", extract_breadcrumb, [], page, layout),
        source=_run("source", extract_source, None, page, layout),
        published_at=_run("published_at", extract_published_at, None, page, layout),
        sections=_run("sections", extract_sections, [], page, layout),
        original_headline=_run("original_headline", extract_original_headline, None, page, layout),
        edition=_run("edition", extract_edition, None, page, layout),
        dateline=_run("dateline", extract_dateline, None, page, layout),
        images=_run("images", extract_images, [], page, layout),
        credits=_run("credits", extract_credits, [], page, layout),
        pagination=_run("pagination", extract_pagination, None, page, layout),
    )


def _paragraphs(fields: Fields) -> list[Paragraph]:
    return [p for section in fields.sections.value for p in section.paragraphs]


def lacking(headline: object, published_at: object, source: object, paragraphs: object) -> list[str]:
    """The required fields (:data:`REQUIRED`) among these values that are missing: the one
    check behind ``strict=True`` and the choice between the fast and the whole-page read.

    >>> lacking("标题", None, None, ["正文"])
    ['published_at', 'source']
    """
    present = (bool(headline), published_at is not None, source is not None, bool(paragraphs))
    return [name for name, there in zip(REQUIRED, present, strict=True) if not there]


def _missing(fields: Fields) -> int:
    """How many of the required fields are missing."""
    return len(lacking(fields.headline.value, fields.published_at.value, fields.source.value, _paragraphs(fields)))


def _refusal(page: Page, fields: Fields) -> str | None:
    """Why the page is no article, or None. A server's error page (404 Not Found,
    页面不存在) is none even when its text makes a headline and a paragraph: a short page
    whose title or headline says so, with no publication time. Nor is a page with
    neither body nor both headline and time."""
    headline = " ".join(fields.headline.value)
    paragraphs = _paragraphs(fields)
    published = fields.published_at.value
    if published is None and len(paragraphs) <= MAX_ERROR_PARAGRAPHS:
        for text in (page.title, headline, *(p.text for p in paragraphs[:2])):
            if text and len(text) <= MAX_ERROR_LINE and ERROR_PAGE.match(text):
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
    if page.too_deep:
        issues.append(issue("input", "input-truncated", f"elements nested deeper than {MAX_DEPTH} levels "
                            "were not read"))
    return issues


def _issues(page: Page, layout: Layout, items: list[tuple[str, Found[Any]]]) -> list[Issue]:
    """The page's, the layout's and every field's issues, field by field in table order;
    the links dropped anywhere make one ``unsafe-url`` issue of the ``url`` field."""
    issues = _page_issues(page)
    issues.extend(i for i in layout.issues if i.field not in _FIELD_NAMES)
    dropped = [why for _, found in items for why in found.dropped_links]
    for name, found in items:
        if layout.issues:
            issues.extend(i for i in layout.issues if i.field == name)
        issues.extend(found.issues)
        if name == "url" and dropped:
            kinds = sorted(set(dropped))
            issues.append(issue("url", "unsafe-url",
                                f"{len(dropped)} link(s) dropped: " + "; ".join(kinds[:5])))
    return issues


def _provenance(encoding_rule: str | None, layout: Layout, items: list[tuple[str, Found[Any]]]) -> dict[str, str]:
    provenance = {"encoding": encoding_rule} if encoding_rule else {}
    provenance["template"] = layout.template
    provenance.update((name, found.rule) for name, found in items if found.rule is not None)
    return provenance


def _read(page: Page) -> tuple[Layout, Fields]:
    layout = segment(page)
    return layout, read_fields(page, layout)


#: Article fields that hold a field of the table under another name.
_ARTICLE_TO_FIELD = {"headline_lines": "headline", "published_raw": "published_at",
                     "published_precision": "published_at"}


def _article(page: Page, layout: Layout, fields: Fields, decoded: _Input) -> Article:
    """The Article of the fields: every value, its issues and its provenance. A value the
    model refuses costs its field (``extract-failed``), never the article."""
    for _ in range(len(_FIELD_NAMES) + 1):
        try:
            return _assemble(page, layout, fields, decoded)
        except pydantic.ValidationError as exc:
            fields = _without_failed(fields, exc)
    raise QizhiParserError("extracted values failed validation")  # pragma: no cover - each round drops a field


def _without_failed(fields: Fields, exc: pydantic.ValidationError) -> Fields:
    """The fields with the ones the model refused emptied, each with an ``extract-failed`` issue;
    QizhiParserError when what failed is no field of the table."""
    failed: dict[str, str] = {}
    for error in exc.errors():
        top = str(error["loc"][0]) if error["loc"] else ""
        name = _ARTICLE_TO_FIELD.get(top, top)
        if not hasattr(fields, name):
            raise QizhiParserError(f"extracted values failed validation: {error['msg']}") from exc
        failed.setdefault(name, error["msg"])
    changes: dict[str, Found[Any]] = {}
    for name, message in failed.items():
        value = getattr(fields, name).value
        empty: Any = [] if isinstance(value, list) else None
        problem = issue(name, "extract-failed", f"{name} could not be read ({message})"[:300])
        changes[name] = Found(empty, issues=(problem,))
    return dataclasses.replace(fields, **changes)


def _assemble(page: Page, layout: Layout, fields: Fields, decoded: _Input) -> Article:
    stamp = fields.published_at.value
    headline_lines = fields.headline.value
    headline = " ".join(headline_lines) or None
    paragraphs = _paragraphs(fields)
    printed_script = detect_script(headline or "", *(p.text for p in paragraphs[:20]))
    items = fields.items()
    return Article(
        url=fields.url.value,
        url_info=fields.url_info.value,
        input_format="html" if page.format == "html" else "text",
        encoding=decoded.encoding,
        script=printed_script,
        printed_script=printed_script,
        headline=headline,
        headline_lines=headline_lines,
        pretitle=fields.pretitle.value,
        subtitle=fields.subtitle.value,
        original_headline=fields.original_headline.value,
        published_at=stamp.at if stamp else None,
        published_raw=fields.published_at.raw if stamp else None,
        published_precision=stamp.precision if stamp else None,
        source=fields.source.value,
        edition=fields.edition.value,
        dateline=fields.dateline.value,
        breadcrumb=fields.breadcrumb.value,
        sections=fields.sections.value,
        credits=fields.credits.value,
        images=fields.images.value,
        pagination=fields.pagination.value,
        issues=[*decoded.issues, *_issues(page, layout, items)],
        provenance=_provenance(decoded.rule, layout, items),
    )


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
                options: Options | None = None, **keywords: Unpack[OptionsKeywords]) -> Article:
    """Join the pages of one multi-page article into one Article.

    Pages may be given in any order (they are sorted by their page number) as
    bytes, str or already parsed Articles. Sections are concatenated — a page
    that starts mid-section continues the previous page's last section — while
    metadata and credits are taken once. Pages that disagree on headline or
    publication time add an issue. ``url`` is given to :func:`parse` for pages given as bytes
    or str, with the options (``script`` converts every page, Articles included).
    """
    opts = resolve(options, keywords, "parse_pages")
    articles = [p if isinstance(p, Article) else parse(p, url=url, options=opts) for p in pages]
    if opts.script is not None:
        articles = [convert_article(a, opts.script) for a in articles]
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
