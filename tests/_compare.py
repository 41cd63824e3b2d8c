"""What "the same fields" means when one article is read from two inputs."""

from __future__ import annotations

from typing import Any

from qizhi_parser import Article

#: Full-width punctuation → the ASCII a text dump may turn it into.
ASCII_PUNCT = str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")", "！": "!", "；": ";", "﹔": ";"})


def fields(article: Article, *, leads: bool = True, ascii_punct: bool = False) -> dict[str, Any]:
    """The reader-facing fields of an article, optionally with punctuation folded to ASCII."""

    def t(text: str | None) -> str | None:
        return text.translate(ASCII_PUNCT) if (text is not None and ascii_punct) else text

    return {
        "headline": t(article.headline),
        "headline_lines": [t(x) for x in article.headline_lines],
        "pretitle": t(article.pretitle),
        "subtitle": t(article.subtitle),
        "published_at": article.published_at,
        "source": (t(article.source.name), article.source.is_reprint) if article.source else None,
        "breadcrumb": [t(c.text) for c in article.breadcrumb],
        "headings": [t(h) for h in article.headings],
        "paragraphs": [t(p.text) for p in article.paragraphs],
        "leads": [t(p.lead) for p in article.paragraphs] if leads else None,
        "credits": [(c.role, t(c.label), c.names, c.interns) for c in article.credits],
        "edition": article.edition,
        "original_headline": t(article.original_headline),
        "script": article.script,
    }
