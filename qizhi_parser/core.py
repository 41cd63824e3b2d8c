"""The orchestrator: decode → one Page of blocks → one extractor per field → validate.

Each step is a named function so that a test can target it; :func:`parse` reads
as the fallback chain it is.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pydantic
import regex

from .convert import Script, convert_article, script_value
from .decode import check_charset, decode
from .errors import InputTooLargeError, MissingFieldError, NotAnArticleError, QizhiParserError
from .fields import body as body_field
from .fields import breadcrumb as crumb_field
from .fields import dates as date_field
from .fields import headline as title_field
from .fields import source as source_field
from .fields._text import squash
from .fields.credits import RawCredit, info_line_credits, parse_credit_run
from .fields.script import detect_script
from .fields.urls import Links, safe_url, url_info
from .models import MAX_HEADLINE, Article, Credit, Issue, IssueCode, Pagination, Paragraph, Source, UrlInfo
from .page import MAX_BLOCKS, MAX_LINES, Block, Page, page_from_html, page_from_text, parse_tree
from .vocab import ERROR_PAGE, HTML_TAG, match_template

__all__ = ["DEFAULT_MAX_BYTES", "parse", "parse_file", "parse_html", "parse_pages", "parse_text"]

log = logging.getLogger(__name__)

#: Inputs larger than this are refused before any work (bytes, or characters for str).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_CONTENT_ID = regex.compile(r"^[A-Za-z]?_?(\d+)$")
#: Required fields in strict mode.
REQUIRED = ("headline", "published_at", "source", "body")


@dataclass(slots=True)
class _Notes:
    """Issues and provenance gathered while one page is parsed."""

    issues: list[Issue] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)

    def issue(self, field_name: str, code: IssueCode, message: str) -> None:
        self.issues.append(Issue(field=field_name, code=code, message=message))

    def fork(self) -> _Notes:
        return _Notes(list(self.issues), dict(self.provenance))


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
    notes = _Notes()
    encoding = None
    try:
        if isinstance(data, bytes):
            decoded = decode(data, declared=charset)
            text, encoding = decoded.text, decoded.encoding
            notes.provenance["encoding"] = f"decode:{decoded.method}"
            for code, problem in decoded.problems:
                notes.issue("input", code, problem)
        else:
            text = data.replace("\x00", "")
            if len(text) != len(data):
                notes.issue("input", "nul-removed", f"{len(data) - len(text)} NUL characters removed")
        if fmt is None:
            fmt = "html" if looks_like_html(text) else "text"
        if fmt == "html":
            article = _parse_html_text(text, url=url, encoding=encoding, notes=notes)
        else:
            article = _assemble(page_from_text(text), url=url, encoding=encoding, notes=notes)
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


def _missing(article: Article) -> int:
    """How many of the required fields an article lacks."""
    return sum((not article.headline, article.published_at is None, article.source is None, not article.paragraphs))


def _parse_html_text(text: str, *, url: str | None, encoding: str | None, notes: _Notes) -> Article:
    """The fallback chain for HTML: the template's containers first (fast), the
    whole page when the template does not give every required field."""
    problems: list[tuple[IssueCode, str]] = []
    root = parse_tree(text, problems)
    for code, message in problems:
        notes.issue("input", code, message)
    page = page_from_html(text, find_urls=url is None, root=root)
    article: Article | None = None
    if page.partial:
        try:
            article = _assemble(page, url=url, encoding=encoding, notes=notes.fork())
        except NotAnArticleError:
            article = None
        if article is not None and not _missing(article):
            return article
        page = page_from_html(text, fast=False, find_urls=url is None, root=root)
    try:
        whole = _assemble(page, url=url, encoding=encoding, notes=notes.fork())
    except NotAnArticleError:
        if article is None:
            raise
        return article
    if article is not None and _missing(article) <= _missing(whole):
        return article
    return whole


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
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1) if max_bytes is not None else handle.read()
    if max_bytes is not None and len(data) > max_bytes:
        raise InputTooLargeError(os.path.getsize(path) or len(data), max_bytes)
    return parse(data, url=url, strict=strict, charset=charset, max_bytes=max_bytes, script=script)


# ------------------------------------------------------------------ assembling


def _where(block: Block) -> str:
    """Where a block is, for messages: its line in a text dump, its place in a page."""
    return f"line {block.line}" if block.line is not None else f"text block {block.index + 1} of the page"


def _pick_url(page: Page, url: str | None, notes: _Notes) -> str | None:
    """The page URL: the argument, else og:url, canonical or a share script's; always
    absolute http(s) or None."""
    if url:
        safe, why = safe_url(url)
        if safe is not None:
            notes.provenance["url"] = "argument"
            return safe
        notes.issue("url", "unsafe-url", f"the url argument was not used: {why}")
    for candidate, rule in page.url_candidates:
        safe, _ = safe_url(candidate)
        if safe is not None and url_info(safe) is not None:
            notes.provenance["url"] = rule
            return safe
    return None


def _links(page: Page, url: str | None) -> Links:
    """The resolver of the page's links: against ``<base href>`` (itself resolved against
    the page URL) when the page has one, else the page URL."""
    base = url
    if page.meta.get("base"):
        declared, _ = safe_url(page.meta["base"], url)
        base = declared or base
    return Links(base)


def _credits(page: Page, body: body_field.Body, title_index: int | None, anchor: int | None,
             notes: _Notes) -> list[Credit]:
    found: list[tuple[int, RawCredit]] = list(body.credits)
    seen = {index for index, _ in found}
    header_end = anchor if anchor is not None else (title_index + 3 if title_index is not None else 0)
    header_start = title_index if title_index is not None else max(0, header_end - 6)
    for block in page.blocks:
        if block.index in seen or block.hidden:
            continue
        in_header = header_start < block.index < header_end
        if block.zone not in ("byline", "credits", "info") and not in_header and block.index != anchor:
            continue
        raw = parse_credit_run(block.text)
        if raw is None and (block.index == anchor or block.zone == "info"):
            raw = info_line_credits(block.text) or None
        if raw is None:
            if block.zone == "byline" and squash(block.text):
                notes.issue("credits", "byline-unrecognised",
                            f"byline {squash(block.text)!r} ({_where(block)}) names no known role")
            continue
        for credit in raw:
            if credit.names:
                found.append((block.index, credit))
            else:
                notes.issue("credits", "credit-no-names",
                            f"credit label {credit.label!r} ({_where(block)}) has no names")
        seen.add(block.index)
    for index, label in body.empty_credits:
        notes.issue("credits", "credit-no-names", f"credit label {label!r} ({_where(page.blocks[index])}) has no names")
    found.sort(key=lambda ic: ic[0])
    return [Credit(role=c.role, label=c.label, names=list(c.names), interns=list(c.interns), level=c.level)
            for _, c in found]


def _pagination(body: body_field.Body, url: str | None, page_no: int | None) -> Pagination | None:
    numbers = set(body.pager_numbers) | {n for n, _ in body.pager_links}
    if len(numbers) < 2:
        return None
    current = page_no or 1
    links = dict(sorted(body.pager_links))
    if url is not None:
        for number, href in links.items():
            if href.split("#")[0] == url.split("#")[0]:
                current = number
    others = [href for number, href in links.items() if number != current]
    return Pagination(current=current, total=max(numbers), other_urls=others)


#: How many later time lines are examined when looking for a second article.
_SECOND_ARTICLE_TRIES = 20


def _second_article(page: Page, start: int, title_index: int | None) -> int | None:
    """The first block of a second article in the same input (two pages concatenated):
    a headline, then a time line, then paragraphs, all after the first article's header."""
    pos = start
    for _ in range(_SECOND_ARTICLE_TRIES):
        printed = date_field.find_printed(page.blocks[pos:], page.format)
        if printed is None or printed.index < pos:
            return None
        anchor = printed.index
        title = title_field.from_markup(page, anchor) if page.format == "html" else None
        if title is None or title.index <= (title_index if title_index is not None else -1) or title.index < start:
            title = title_field.from_text(page, anchor, start=pos)
        following = page.blocks[anchor + 1 : anchor + 8]
        prose = sum(1 for b in following if len(b.text) >= 10 and b.text.rstrip("”」』）)").endswith("。"))
        if title is not None and title.lines and title.index >= start and prose >= 2:
            return title.index
        pos = anchor + 1
    return None


def _headline(page: Page, anchor: int | None, notes: _Notes) -> tuple[title_field.Title | None, list[str]]:
    """The title block (markup, then text layout), else the <title> tag; and the headline lines."""
    prov = notes.provenance
    title = title_field.from_markup(page, anchor) if page.format == "html" else None
    if title is None:
        title = title_field.from_text(page, anchor)
    if title is None and page.format == "html":
        title = title_field.from_title_match(page, anchor)
    if title is not None and len(" ".join(title.lines)) > MAX_HEADLINE:
        notes.issue("headline", "implausible-headline",
                    f"a {len(' '.join(title.lines))}-character title block is not a headline")
        title = None
    if title is not None and title.lines:
        prov["headline"] = title.rule
        if title.pretitle:
            prov["pretitle"] = f"{title.rule}:above"
        if title.subtitle:
            prov["subtitle"] = f"{title.rule}:below"
        return title, title.lines
    if page.format == "html" and (fallback := title_field.from_title_tag(page)):
        prov["headline"] = fallback[1]
        notes.issue("headline", "headline-from-title", f"no headline element; taken from {fallback[1]}")
        return None, [fallback[0]]
    notes.issue("headline", "missing", "no headline found")
    return None, []


def _source(page: Page, anchor: int | None, links: Links, notes: _Notes) -> tuple[Source | None, int | None]:
    """The printed 来源 (cross-checked with the source meta), else the meta; and its block."""
    found = source_field.from_blocks(page.blocks, anchor, links)
    meta_source = source_field.from_meta(page.meta)
    if found:
        source, index = found
        notes.provenance["source"] = "html:info" if page.blocks[index].zone == "info" else f"{page.format}:source-label"
        if meta_source and meta_source not in source.name and source.name not in meta_source:
            notes.issue("source", "source-meta-mismatch",
                        f"printed source {source.name!r} differs from the source meta {meta_source!r}")
        return source, index
    if meta_source:
        notes.provenance["source"] = "meta:source"
        notes.issue("source", "source-from-meta", "no source printed; taken from the source meta")
        return Source(name=meta_source, is_reprint=source_field.is_reprint(meta_source)), None
    notes.issue("source", "missing", "no source found")
    return None, None


def _published(
    page: Page, printed: date_field.PrintedTime | None, info: UrlInfo | None, notes: _Notes
) -> tuple[dt.datetime | None, str | None, date_field.Precision | None]:
    """The printed time, cross-checked with the publishdate meta and the URL's date;
    else the meta date, with the time of day marked unknown."""
    prov = notes.provenance
    published_at: dt.datetime | None = None
    raw: str | None = None
    precision: date_field.Precision | None = None
    meta_time = date_field.from_meta(page.meta)
    if printed is not None and printed.value is not None and date_field.plausible(printed.value):
        published_at, raw, precision = printed.value, printed.raw, printed.precision
        prov["published_at"] = printed.rule
        if precision == "day":
            notes.issue("published_at", "time-unknown", f"the page prints a date without a time ({printed.raw!r})")
        if meta_time and meta_time[0].date() != published_at.date():
            notes.issue("published_at", "meta-date-mismatch",
                        f"printed date {published_at.date()} differs from {meta_time[3]} {meta_time[2]!r}")
    else:
        if printed is not None:
            notes.issue("published_at", "implausible-date", f"printed time {printed.raw!r} is not a plausible date")
        if meta_time and date_field.plausible(meta_time[0]):
            published_at, precision, raw = meta_time[0], meta_time[1], meta_time[2]
            prov["published_at"] = meta_time[3]
            if precision == "day":
                notes.issue("published_at", "time-unknown",
                            f"no time printed; date from {meta_time[3]}, time of day unknown")
        else:
            notes.issue("published_at", "missing", "no publication time found")
    if published_at is not None and info is not None and info.date is not None and info.date != published_at.date():
        notes.issue("published_at", "url-date-mismatch",
                    f"publication date {published_at.date()} differs from the URL's date {info.date}")
    return published_at, raw, precision


T = TypeVar("T")


def _guard(notes: _Notes, field_name: str, default: T, step: Callable[..., T], *args: Any) -> T:
    """Run one field's step; when it fails on a value, the field gets ``default`` and an
    ``extract-failed`` issue, and the rest of the article is kept (``strict=True`` then
    raises). Errors of the library itself and exhausted resources still propagate."""
    try:
        return step(*args)
    except (QizhiParserError, MemoryError, RecursionError):
        raise
    except Exception as exc:  # one bad value costs that field, never the article
        log.debug("field %s failed", field_name, exc_info=True)
        notes.issue(field_name, "extract-failed", f"{field_name} could not be read ({type(exc).__name__}: {exc})"[:300])
        return default


def _refuse_error_page(page: Page, headline: str, paragraphs: list[Paragraph],
                       published_at: dt.datetime | None) -> None:
    """A server's error page (404 Not Found, 页面不存在) is not an article, even when its
    text makes a headline and a paragraph: a short page whose title or headline says so,
    with no publication time."""
    if published_at is not None or len(paragraphs) > 3:
        return
    for text in (page.title, headline, *(p.text for p in paragraphs[:2])):
        if text and len(text) <= 80 and ERROR_PAGE.match(text):
            raise NotAnArticleError(f"an error page, not an article: {text[:60]!r}")


def _assemble(page: Page, *, url: str | None, encoding: str | None, notes: _Notes) -> Article:
    prov = notes.provenance
    if page.cleaned:
        notes.issue("input", "controls-removed",
                    f"{page.cleaned} control, bidi-override or lone surrogate characters removed from the text")
    if page.truncated:
        notes.issue("input", "input-truncated",
                    f"the page has more than {MAX_BLOCKS:,} text blocks or {MAX_LINES:,} lines; the rest was not read")
    template = match_template(page.marks)
    prov["template"] = template.name if template is not None else "generic"
    url = _guard(notes, "url", None, _pick_url, page, url, notes)
    info = _guard(notes, "url_info", None, url_info, url) if url else None
    links = _links(page, url)

    printed = _guard(notes, "published_at", None, date_field.find_printed, page.blocks, page.format)
    anchor = printed.index if printed else None

    no_title: tuple[title_field.Title | None, list[str]] = (None, [])
    title, headline_lines = _guard(notes, "headline", no_title, _headline, page, anchor, notes)
    headline = " ".join(headline_lines)
    title_index = title.index if title is not None else None

    crumbs = _guard(notes, "breadcrumb", None, crumb_field.extract, page.blocks,
                    title_index if title_index is not None else anchor, links)
    breadcrumb = crumbs[0] if crumbs else []
    if crumbs:
        prov["breadcrumb"] = crumbs[2]

    no_source: tuple[Source | None, int | None] = (None, None)
    source, source_index = _guard(notes, "source", no_source, _source, page, anchor, links, notes)
    no_time: tuple[dt.datetime | None, str | None, date_field.Precision | None] = (None, None, None)
    published_at, published_raw, precision = _guard(notes, "published_at", no_time, _published, page, printed,
                                                    info, notes)

    # body
    after = max(i for i in (anchor, title_index, source_index, -1) if i is not None) + 1
    second = _second_article(page, after, title_index)
    blocks, rule = body_field.select(page, after, second)
    if second is not None:
        notes.issue("sections", "multiple-articles",
                    f"a second article starts at {_where(page.blocks[second])} ({page.blocks[second].text[:40]!r}); "
                    "only the first is returned")
    body = _guard(notes, "sections", body_field.Body(rule=rule), body_field.extract, page, blocks, rule, links)
    prov["sections"] = body.rule
    if body.original_rule:
        prov["original_headline"] = body.original_rule
    if not any(s.paragraphs for s in body.sections):
        notes.issue("sections", "missing", "no body paragraphs found")

    if body.images_dropped:
        notes.issue("input", "input-truncated",
                    f"{len(body.images) + body.images_dropped:,} images in the body; only the first "
                    f"{len(body.images):,} were kept")
    if links.dropped:
        kinds = sorted(set(links.dropped))
        notes.issue("url", "unsafe-url", f"{len(links.dropped)} link(s) dropped: " + "; ".join(kinds[:5]))
    no_credits: list[Credit] = []
    credits = _guard(notes, "credits", no_credits, _credits, page, body, title_index, anchor, notes)
    if credits:
        prov["credits"] = "blocks:credit-labels"

    # url facts cross-check
    content_id = page.meta.get("contentid")
    if info is not None and info.content_id and content_id:
        m = _CONTENT_ID.match(content_id)
        if m and m.group(1) != info.content_id:
            notes.issue("url", "content-id-mismatch",
                        f"URL content id {info.content_id} differs from the contentid meta {content_id!r}")

    paragraphs = [p for s in body.sections for p in s.paragraphs]
    _refuse_error_page(page, headline, paragraphs, published_at)
    if not paragraphs and (not headline or published_at is None):
        found = f"only a title ({headline!r}), " if headline else "no headline, "
        raise NotAnArticleError(f"no article found: {found}no body and no publication time")

    sample = [headline, *(p.text for p in paragraphs[:20])]
    printed_script = detect_script(*sample)
    try:
        return Article(
            url=url,
            url_info=info,
            input_format="html" if page.format == "html" else "text",
            encoding=encoding,
            script=printed_script,
            printed_script=printed_script,
            headline=headline,
            headline_lines=headline_lines,
            pretitle=title.pretitle if title is not None else None,
            subtitle=title.subtitle if title is not None else None,
            original_headline=body.original_headline,
            published_at=published_at,
            published_raw=published_raw,
            published_precision=precision,
            source=source,
            edition=body.edition,
            dateline=body.dateline,
            breadcrumb=breadcrumb,
            sections=body.sections,
            credits=credits,
            images=body.images,
            pagination=_guard(notes, "pagination", None, _pagination, body, url, info.page if info else None),
            issues=notes.issues,
            provenance=prov,
        )
    except pydantic.ValidationError as exc:
        raise QizhiParserError(f"extracted values failed validation: {exc.errors()[0]['msg']}") from exc


def _enforce(article: Article) -> None:
    missing: list[str] = []
    details: list[str] = []
    checks = {
        "headline": bool(article.headline),
        "published_at": article.published_at is not None,
        "source": article.source is not None,
        "body": bool(article.paragraphs),
    }
    for name in REQUIRED:
        if not checks[name]:
            missing.append(name)
            related = [i.message for i in article.issues if i.field in (name, "sections" if name == "body" else name)]
            details.append(f"{name}: {related[0] if related else 'not found'}")
    if missing:
        raise MissingFieldError(missing, details)
    failed = [i for i in article.issues if i.code == "extract-failed"]
    if failed:
        raise QizhiParserError(f"strict: {failed[0].message}")


# ------------------------------------------------------------------ multi-page


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

    def number(a: Article) -> int:
        if a.pagination is not None:
            return a.pagination.current
        return a.url_info.page or 1 if a.url_info is not None else 1

    ordered = sorted(enumerate(articles), key=lambda ia: (number(ia[1]), ia[0]))
    first = ordered[0][1]
    issues = list(first.issues)
    sections = list(first.sections)
    images = list(first.images)
    credits = list(first.credits)
    for _, page in ordered[1:]:
        n = number(page)
        if page.headline != first.headline:
            issues.append(Issue(field="headline", code="pages-disagree",
                                message=f"page {n} headline {page.headline!r} differs from page 1"))
        if page.published_at != first.published_at:
            issues.append(Issue(field="published_at", code="pages-disagree",
                                message=f"page {n} time {page.published_at} differs from page 1"))
        more = list(page.sections)
        if more and sections and more[0].heading is None:
            last = sections[-1]
            cont = more.pop(0)
            sections[-1] = last.model_copy(update={"paragraphs": [*last.paragraphs, *cont.paragraphs]})
        sections.extend(more)
        images.extend(page.images)
        for credit in page.credits:
            if credit not in credits:
                credits.append(credit)
    total = max((a.pagination.total for a in articles if a.pagination), default=len(articles))
    if len(articles) < total:
        issues.append(Issue(field="pagination", code="pages-missing",
                            message=f"{len(articles)} of {total} pages given"))
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
