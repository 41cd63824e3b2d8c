"""The typed records qizhi-parser returns.

All models are pydantic v2, frozen, and forbid unknown fields, so a record that
round-trips through JSON (``Article.model_validate_json(a.model_dump_json())``)
compares equal to the original. Raw values are kept beside normalised ones
(``published_raw`` beside ``published_at``, a credit's printed ``label`` beside
its ``role``).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, computed_field, field_validator, model_validator

__all__ = [
    "ISSUE_CODES",
    "Article",
    "Credit",
    "CreditRole",
    "Crumb",
    "Edition",
    "Image",
    "Issue",
    "IssueCode",
    "Pagination",
    "Paragraph",
    "Section",
    "Source",
    "UrlInfo",
]

from .settings import MAX_HEADLINE, MAX_NAME

CHINA_TZ = dt.timezone(dt.timedelta(hours=8), name="UTC+08:00")
#: The earliest plausible publication time.
EARLIEST = dt.datetime(1990, 1, 1, tzinfo=CHINA_TZ)


class _Model(BaseModel):
    # attribute docstrings become the fields' descriptions in the JSON Schema
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class CreditRole(str, enum.Enum):
    """Normalised role of a person credited on the page."""

    EDITOR = "editor"
    """编辑 / 編輯"""
    RESPONSIBLE_EDITOR = "responsible_editor"
    """责编, 责任编辑 / 責編, 責任編輯"""
    SUBMITTER = "submitter"
    """送签 / 送簽: the editor who submitted the piece for sign-off"""
    APPROVER = "approver"
    """签发 / 簽發: the editor who signed it off"""
    REVIEWER = "reviewer"
    """审核, 审校, 审稿, and the three-level review chain 初审 / 复审 / 终审 and 一审 / 二审 / 三审
    (``Credit.level`` 1, 2, 3)"""
    PROOFREADER = "proofreader"
    """校对 / 校對"""
    AUTHOR = "author"
    """作者, 文"""
    REPORTER = "reporter"
    """记者 / 記者 and bylines such as 本报记者"""
    CORRESPONDENT = "correspondent"
    """通讯员 / 通訊員"""
    PHOTOGRAPHER = "photographer"
    """摄影, 图 / 攝影, 圖"""
    TRANSLATOR = "translator"
    """翻译, 编译 / 翻譯, 編譯"""
    SUPERVISOR = "supervisor"
    """监制 / 監製: the producer who oversees a piece"""
    COORDINATOR = "coordinator"
    """统筹 / 統籌"""
    PLANNER = "planner"
    """策划 / 策劃"""
    OTHER = "other"
    """any other credited role (制图 …)"""


#: Every issue code, with what it means. The one registry: ``Issue.code`` is typed by it
#: and the README's table of codes is tested against it.
ISSUE_CODES: dict[str, str] = {
    # the input
    "charset-mismatch": "the declared charset does not read the bytes, or is not a web encoding label",
    "mixed-encodings": "some lines are UTF-8 and others a legacy encoding; each line was read in its own",
    "undecodable-bytes": "bytes no encoding reads were replaced by U+FFFD",
    "nul-removed": "NUL characters were removed",
    "controls-removed": "control, bidi-override or lone surrogate characters were removed",
    "input-truncated": "the input exceeds a work bound (blocks, elements, attributes, nesting); the rest was not read",
    # fields
    "missing": "the field was not found",
    "extract-failed": "a value could not be read; the field was left out and the rest of the article kept",
    "headline-from-title": "no headline element; the headline was taken from <title> or og:title",
    "implausible-headline": "a title block too long to be a headline was rejected",
    "time-unknown": "only a date is printed; the time of day is unknown",
    "implausible-date": "the printed time is not a plausible publication time",
    "meta-date-mismatch": "the printed date differs from the publishdate meta (the printed one wins)",
    "url-date-mismatch": "the publication date differs from the URL's date",
    "source-from-meta": "no source printed; taken from the source meta",
    "source-meta-mismatch": "the printed source differs from the source meta",
    "credit-no-names": "a credit label with no names after it",
    "byline-unrecognised": "a byline element names no known role",
    "multiple-articles": "the input holds a second article; only the first is returned",
    "content-id-mismatch": "the URL's content id differs from the contentid meta",
    "unsafe-url": "a URL that is not http(s), too long or unreadable was dropped",
    # parse_pages
    "pages-disagree": "pages of one article disagree on headline or time",
    "pages-missing": "fewer pages were given than the article has",
}

IssueCode = Literal[
    "charset-mismatch", "mixed-encodings", "undecodable-bytes", "nul-removed", "controls-removed",
    "input-truncated", "missing", "extract-failed", "headline-from-title", "implausible-headline",
    "time-unknown", "implausible-date", "meta-date-mismatch", "url-date-mismatch", "source-from-meta",
    "source-meta-mismatch", "credit-no-names", "byline-unrecognised", "multiple-articles",
    "content-id-mismatch", "unsafe-url", "pages-disagree", "pages-missing",
]


class Issue(_Model):
    """A non-fatal problem met while parsing."""

    field: str
    """The Article field concerned (``published_at``, ``credits`` …) or ``input``."""
    code: IssueCode
    """A stable, machine-readable code such as ``time-unknown`` (all of them: ``ISSUE_CODES``)."""
    message: str
    """A human-readable explanation, naming where the problem is."""


class Source(_Model):
    """Where the article comes from, as printed after 来源."""

    name: str
    """The name as printed (``人民网－人民日报``), whitespace trimmed."""
    url: str | None = None
    """The link on the name, resolved against the page URL, if any."""
    is_reprint: bool = False
    """True when the source is not of the publishing family (人民网 / 人民日报 / 旗帜网)."""


class Crumb(_Model):
    """One step of the breadcrumb path."""

    text: str
    """The step as printed (``首页``, ``要闻``)."""
    url: str | None = None
    """The step's link, resolved against the page URL; None for a step without one."""


class Paragraph(_Model):
    """One body paragraph."""

    text: str
    """The whole paragraph as printed, lead-in included, indent stripped."""
    lead: str | None = None
    """The lead-in sentence (bold on the page) without its closing 。, if any."""


class Section(_Model):
    """A run of paragraphs under one heading."""

    heading: str | None = None
    """The section heading; None for the text before the first heading."""
    paragraphs: list[Paragraph] = Field(default_factory=list)
    """The section's paragraphs, in order."""


class Credit(_Model):
    """A credited role with its people, in page order."""

    role: CreditRole
    """The normalised role (``editor``, ``responsible_editor``, ``reporter`` …; all of them: ``CreditRole``)."""
    label: str
    """The label as printed (``編輯``, ``责编``, ``本报记者``)."""
    names: list[str]
    """Clean names: padding removed (``方  敏`` → ``方敏``), (实习) removed."""
    interns: list[str] = Field(default_factory=list)
    """The names marked (实习) / 实习生 on the page."""
    level: int | None = Field(default=None, ge=1, le=3)
    """A reviewer's level in the three-level review chain: 1 for 初审 / 一审, 2 for 复审 / 二审,
    3 for 终审 / 三审; None for any other credit."""

    @field_validator("names")
    @classmethod
    def _names_are_names(cls, names: list[str]) -> list[str]:
        for name in names:
            if not name or len(name) > MAX_NAME or name.isdigit():
                raise ValueError(f"implausible name {name!r}")
        return names


class Edition(_Model):
    """The print edition line: 《 人民日报 》（ 2024年05月10日   04 版）."""

    paper: str
    """The paper's name (``人民日报``)."""
    date: dt.date
    """The edition's date."""
    page: str
    """The page as printed, zero padding kept (``04``)."""


class Image(_Model):
    """An image inside the article body."""

    src: str | None
    """Resolved against the page URL when one is known; None when only the caption
    survives (a plain-text dump has captions but no images)."""
    alt: str | None = None
    """The image's alt text, if it has one."""
    caption: str | None = None
    """The caption printed with it (the line under it, 图为…), if any."""


class Pagination(_Model):
    """Where this page stands in a multi-page article."""

    current: int
    """This page's number, from 1."""
    total: int
    """How many pages the article has."""
    other_urls: list[str] = Field(default_factory=list)
    """The other pages' URLs, in page order (resolved when a page URL is known)."""


class UrlInfo(_Model):
    """Facts read from an article URL: the People's Daily CMS's, and the shapes other state-media
    and government sites use (``qizhi_parser.vocab.URL_SHAPES``); None where the URL has none."""

    site: str
    """The host, e.g. ``finance.people.com.cn``."""
    kind: str | None = None
    """``n1`` (national channels) or ``n2`` (regional sites), if the URL has it."""
    date: dt.date | None = None
    """The date the URL's path holds (``/2024/0510/``, ``/2019-12/10/``, ``t20190918_``)."""
    channel_id: str | None = None
    """``c1004`` in ``/n1/2024/0510/c1004-40232587.html``."""
    content_id: str | None = None
    """``40232587`` in the same URL; ``1125327450`` in Xinhua's ``c_1125327450.htm``, ``693227`` in
    ``t20190918_693227.shtml``."""
    page: int | None = None
    """The page number of a multi-page article (``-2.html`` → 2); 1 otherwise."""


class Article(_Model):
    """A parsed article page."""

    url: str | None = None
    """The page URL: the one given, else og:url, canonical link or share scripts."""
    url_info: UrlInfo | None = None
    """Facts the page URL encodes (site, date, content id, page); None without a URL."""
    input_format: Literal["html", "text"]
    """How the input was read: as HTML, or as a plain-text dump of a page."""
    encoding: str | None = None
    """The codec the bytes were read with; None when a str was given."""
    script: Literal["Hans", "Hant"] | None
    """Simplified (Hans) or traditional (Hant) Chinese: the script the text fields are in; None
    when the headline and text hold no Chinese character (an English page)."""
    printed_script: Literal["Hans", "Hant"] | None = None
    """The script the page was printed in; differs from ``script`` after a conversion
    (``parse(..., script=...)``, :func:`qizhi_parser.convert_article`). None in records
    written before this field existed, where it equals ``script``."""

    headline: str | None = None
    """The headline's lines joined by one space; None when none was found (like every
    other missing field, with a ``missing`` issue)."""
    headline_lines: list[str] = Field(default_factory=list)
    """The headline as printed on its lines (split at ``<br>``); empty when there is none."""
    pretitle: str | None = None
    """引题, the line above the headline."""
    subtitle: str | None = None
    """副题, the line below the headline."""
    original_headline: str | None = None
    """原标题 of a reprint, if the page states it."""

    published_at: AwareDatetime | None = None
    """Publication time in China time (UTC+08:00)."""
    published_raw: str | None = None
    """The publication time exactly as printed."""
    published_precision: Literal["day", "minute", "second"] | None = None
    """How much of ``published_at`` the page states: ``day`` means the time is unknown."""

    source: Source | None = None
    """The printed 来源 (else the source meta's); None when the page names none."""
    edition: Edition | None = None
    """The print edition line (《人民日报》（2024年05月10日 04 版）) of a paper's article."""
    dateline: str | None = None
    """The dateline opening the body (``本报讯``, ``新华社北京5月9日电``)."""
    breadcrumb: list[Crumb] = Field(default_factory=list)
    """The path line's steps (首页 > 要闻 > …), in order."""
    sections: list[Section] = Field(default_factory=list)
    """The body: runs of paragraphs, each under its heading."""
    credits: list[Credit] = Field(default_factory=list)
    """The credit chain (记者, 编辑, 责编, 审核 …) in page order, roles normalised."""
    images: list[Image] = Field(default_factory=list)
    """The body's content images (not icons or share buttons), with their captions."""
    pagination: Pagination | None = None
    """Where this page stands in a multi-page article; None for a one-page article."""

    issues: list[Issue] = Field(default_factory=list)
    """Non-fatal problems met while parsing, each under the field it concerns (codes: ``ISSUE_CODES``)."""
    provenance: dict[str, str] = Field(default_factory=dict)
    """Field name → the rule that produced it (``html:h1``, ``text:time-source-line`` …)."""

    @field_validator("headline")
    @classmethod
    def _headline_length(cls, value: str | None) -> str | None:
        if value is not None and len(value) > MAX_HEADLINE:
            raise ValueError(f"headline of {len(value)} characters is not a headline")
        return value

    @field_validator("published_at")
    @classmethod
    def _published_in_china_time(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is None:
            return None
        value = value.astimezone(CHINA_TZ)
        if value < EARLIEST:
            raise ValueError(f"publication time {value.isoformat()} is before 1990")
        return value

    @property
    def headings(self) -> list[str]:
        """The section headings, in order."""
        return [s.heading for s in self.sections if s.heading is not None]

    @property
    def paragraphs(self) -> list[Paragraph]:
        """All body paragraphs, in order, across sections."""
        return [p for s in self.sections for p in s.paragraphs]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        """The body text: the paragraphs separated by newlines (headings left out). Written in the
        JSON (records, ``model_dump``), and ignored when an Article is read back from it."""
        return "\n".join(p.text for p in self.paragraphs)

    @model_validator(mode="before")
    @classmethod
    def _text_is_derived(cls, data: Any) -> Any:
        """A dump holds the computed ``text``: read back, it is derived again, never taken."""
        if isinstance(data, dict) and "text" in data:
            return {key: value for key, value in data.items() if key != "text"}
        return data
