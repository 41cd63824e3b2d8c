"""Per-field exact-match scoring of parsed pages against expected values.

Two kinds of expected file are understood:

- a full golden file (``fixtures/expected/<page>.json``): an Article dump; every
  top-level field is compared;
- a facts file (``tests/corpus_expected/<page>.json``): ``{"url": …, "expect": {…}}``
  with keys from :data:`VIEWS`, for pages whose text may not be copied; or a bare
  mapping of such keys (``../shared/corpus/other-sites/expected/<page>.json``).
"""

from __future__ import annotations

import json
import pathlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .core import parse
from .errors import QizhiParserError
from .models import Article
from .text.credits import EDITOR_CHAIN

__all__ = ["EDITORIAL_ROLES", "VIEWS", "Report", "compare", "field_report", "judge", "load_expected"]

#: The roles of the editing desk (the ``editorial`` view): the credits module's editor chain.
EDITORIAL_ROLES = EDITOR_CHAIN


def _credits(a: Article) -> list[list[Any]]:
    return [[c.role.value, c.names] for c in a.credits]


def _editorial(a: Article) -> list[list[Any]]:
    return [[c.role.value, c.names] for c in a.credits if c.role in EDITORIAL_ROLES]


def _one_space(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def _minute(a: Article) -> str | None:
    return a.published_at.strftime("%Y-%m-%dT%H:%M%z").replace("+0800", "+08:00") if a.published_at else None


#: Named views of an Article that expected facts may pin.
VIEWS: dict[str, Callable[[Article], Any]] = {
    "headline": lambda a: a.headline,
    "pretitle": lambda a: a.pretitle,
    "subtitle": lambda a: a.subtitle,
    "published_at": lambda a: a.published_at.isoformat() if a.published_at else None,
    "source.name": lambda a: a.source.name if a.source else None,
    "source.is_reprint": lambda a: a.source.is_reprint if a.source else None,
    "breadcrumb": lambda a: [c.text for c in a.breadcrumb],
    "credits": _credits,
    "headings": lambda a: a.headings,
    "paragraph_count": lambda a: len(a.paragraphs),
    "first_paragraph_prefix": lambda a: a.paragraphs[0].text[:10] if a.paragraphs else None,
    "edition": lambda a: a.edition.model_dump(mode="json") if a.edition else None,
    "pagination": lambda a: [a.pagination.current, a.pagination.total] if a.pagination else None,
    "original_headline": lambda a: a.original_headline,
    "dateline": lambda a: a.dateline,
    # the facts of ../shared/corpus/other-sites/expected (whitespace runs as one space)
    "source": lambda a: _one_space(a.source.name) if a.source else None,
    "published_minute": _minute,
    "first_paragraph_starts": lambda a: (_one_space(a.paragraphs[0].text) or "")[:12] if a.paragraphs else None,
    "last_paragraph_ends": lambda a: (_one_space(a.paragraphs[-1].text) or "")[-12:] if a.paragraphs else None,
    "editorial": _editorial,
}


def load_expected(path: pathlib.Path) -> tuple[str | None, dict[str, Any], bool]:
    """(url to parse with, expected values, is_facts_file).

    A golden dump's own ``url`` field is an expected value (it may come from
    og:url), not an argument: such pages name their URL in a ``.url`` sidecar.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    if "expect" in data:
        return data.get("url"), data["expect"], True
    if "input_format" not in data:  # a bare mapping of facts (../shared/corpus/other-sites/expected)
        return None, data, True
    return None, data, False


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def judge(article: Article, expected: dict[str, Any], facts: bool) -> dict[str, str]:
    """Field → ``exact``, ``missing`` (the parser gave nothing: None, empty) or ``wrong``
    (it gave a value that is not the expected one — the worse failure)."""
    if facts:
        got = {key: VIEWS[key](article) for key in expected}
    else:
        dumped = article.model_dump(mode="json")
        got = {key: dumped.get(key) for key in expected}
    return {key: "exact" if got[key] == value else "missing" if _empty(got[key]) and not _empty(value) else "wrong"
            for key, value in expected.items()}


def compare(article: Article, expected: dict[str, Any], facts: bool) -> dict[str, bool]:
    """Field → exact match."""
    return {key: verdict == "exact" for key, verdict in judge(article, expected, facts).items()}


@dataclass
class Report:
    """What :func:`field_report` counted: per field and per page, exact and wrong facts."""

    fields: dict[str, Counter[str]] = field(default_factory=dict)
    """Field → verdict counts (``exact``, ``missing``, ``wrong``)."""
    pages: dict[str, Counter[str]] = field(default_factory=dict)
    """Page file name → verdict counts."""
    failures: list[str] = field(default_factory=list)
    """``page: field (verdict)`` for every fact not exact, and the pages that failed to parse."""


def field_report(pairs: Iterable[tuple[pathlib.Path, pathlib.Path]]) -> Report:
    """Score (page, expected file) pairs fact by fact."""
    report = Report()
    for page, expected_path in pairs:
        url, expected, facts = load_expected(expected_path)
        sidecar = page.with_name(page.name + ".url")
        if url is None and sidecar.exists():
            url = sidecar.read_text(encoding="utf-8").strip()
        try:
            article = parse(page.read_bytes(), url=url)
        except QizhiParserError as exc:
            verdicts = dict.fromkeys(expected, "missing")
            report.failures.append(f"{page.name}: {type(exc).__name__}: {exc}")
        else:
            verdicts = judge(article, expected, facts)
        counts = report.pages.setdefault(page.name, Counter())
        for key, verdict in verdicts.items():
            counts[verdict] += 1
            report.fields.setdefault(key, Counter())[verdict] += 1
            if verdict != "exact":
                report.failures.append(f"{page.name}: {key} ({verdict})")
    return report
