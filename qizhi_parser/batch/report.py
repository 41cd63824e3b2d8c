"""A run's report: per site (and per matched template), how many pages, how often each
field was found, the issue codes and error types by count (``--report FILE``).

Workers send the parent one small :data:`Facts` tuple a record (not the Article), so a
report costs the run nothing it can measure. The team that loads the records sees on day
one that a site's source is missing on 40 % of its pages.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..errors import NotAnArticleError, QizhiParserError
from ..models import Article
from ..text.urls import url_info
from .items import Entry, Input, Result, Skipped

__all__ = ["REPORTED_FIELDS", "Facts", "RunReport", "facts_of"]

#: The fields a report counts as found or not, in its column order.
REPORTED_FIELDS = ("headline", "published_at", "source", "breadcrumb", "credits", "text", "pretitle", "subtitle",
                   "edition", "images")

#: (site, template, fields found, issue codes, outcome): what a report needs of one record.
#: ``outcome`` is ``article``, ``not-article``, ``skipped`` or the error's type name.
Facts = tuple[str, str, tuple[str, ...], tuple[str, ...], str]


def _site(*urls: str | None) -> str:
    for url in urls:
        info = url_info(url) if url else None
        if info is not None:
            return info.site
    return "(no URL)"


def facts_of(item: Input | Entry | str, result: Result) -> Facts:
    """The report's facts of one record."""
    url = None if isinstance(item, str) else item.url
    if isinstance(result, Article):
        found = tuple(name for name in REPORTED_FIELDS if getattr(result, name))
        issues = tuple(f"{i.field}:{i.code}" for i in result.issues)
        return _site(url, result.url), result.provenance.get("template", "generic"), found, issues, "article"
    if isinstance(result, Skipped):
        outcome = "skipped"
    elif isinstance(result, NotAnArticleError):
        outcome = "not-article"
    else:
        outcome = type(result).__name__ if isinstance(result, QizhiParserError) else "error"
    return _site(url), "-", (), (), outcome


@dataclass
class _Site:
    records: int = 0
    articles: int = 0
    templates: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    issues: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        share = {name: round(self.found[name] / self.articles, 4) if self.articles else None
                 for name in REPORTED_FIELDS}
        return {
            "records": self.records,
            "articles": self.articles,
            "not_articles": self.outcomes["not-article"],
            "skipped": self.outcomes["skipped"],
            "errors": {k: v for k, v in sorted(self.outcomes.items()) if k not in ("article", "not-article",
                                                                                   "skipped")},
            "templates": dict(self.templates.most_common()),
            "found": {name: self.found[name] for name in REPORTED_FIELDS},
            "found_share": share,
            "issues": dict(self.issues.most_common()),
        }


@dataclass
class RunReport:
    """Counts of a run, per site."""

    sites: dict[str, _Site] = field(default_factory=dict)

    def add(self, facts: Facts) -> None:
        site, template, found, issues, outcome = facts
        entry = self.sites.setdefault(site, _Site())
        entry.records += 1
        entry.outcomes[outcome] += 1
        if outcome == "article":
            entry.articles += 1
            entry.templates[template] += 1
            entry.found.update(found)
            entry.issues.update(issues)

    def as_dict(self) -> dict[str, Any]:
        return {
            "fields": list(REPORTED_FIELDS),
            "sites": {site: self.sites[site].as_dict() for site in sorted(self.sites)},
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"

    def summary(self, limit: int = 20) -> list[str]:
        """Readable lines: a site a line (the ones with most records first), the share of its
        articles each main field was found on, and its most frequent issue."""
        lines = []
        ranked = sorted(self.sites.items(), key=lambda kv: (-kv[1].records, kv[0]))
        for site, entry in ranked[:limit]:
            if entry.articles:
                shares = " ".join(f"{name} {entry.found[name] / entry.articles:.0%}"
                                  for name in ("headline", "published_at", "source", "text"))
                top = entry.issues.most_common(1)
                worst = f"; most frequent issue {top[0][0]} ({top[0][1]})" if top else ""
            else:
                shares, worst = "no article", ""
            lines.append(f"  {site}: {entry.records} records, {entry.articles} articles: {shares}{worst}")
        if len(ranked) > limit:
            lines.append(f"  … and {len(ranked) - limit} more sites (in the report file)")
        return lines
