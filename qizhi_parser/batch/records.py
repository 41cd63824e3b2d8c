"""The batch record of one input, as JSON Lines; the one writer the command line, Dask and
Spark share, so the same input gives the same bytes whichever runs it.

A record is one JSON object a line::

    {"input": …, "url": …, "warc_record_id": …, "warc_date": …, "parser_version": …,
     "article": {…} | "error": {"type", "message"} | "skipped": {"reason", "status"?}}

``url`` is the input's address as the run knew it (a WARC record's target URI, a ``.url``
side file's, a ``--urls`` manifest's; null when none), ``warc_record_id`` and ``warc_date``
the WARC-Record-ID and WARC-Date of the record it came from (null for other inputs): every
record carries them, failed and skipped ones too. The article is pydantic's own JSON
(``model_dump_json``, about twenty times faster than ``json.dumps`` of a dump), with the
flat ``text`` of the body; ``fields`` keeps only some of its fields.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..models import Article
from ..version import __version__
from .items import Entry, Input, Result, Skipped

__all__ = ["ARTICLE_FIELDS", "check_fields", "item_facts", "json_record", "json_string", "record", "why"]

#: The fields of an Article a record can hold (``fields=``, ``--fields``): its model fields
#: and the computed ``text``.
ARTICLE_FIELDS = (*Article.model_fields, *Article.model_computed_fields)

#: Characters JSON leaves raw in strings that line-splitting readers take for line ends.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def why(exc: BaseException) -> str:
    """An exception of a third-party reader as one printable line of at most 200
    characters (warcio quotes the raw bytes it could not read)."""
    text = f"{type(exc).__name__}: {exc}"
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= 200 else text[:199] + "…"


def check_fields(fields: Iterable[str] | None) -> frozenset[str] | None:
    """``fields`` as the set a record keeps, or ValueError naming one an Article has not."""
    if fields is None:
        return None
    wanted = frozenset(f.strip() for f in fields if f.strip())
    unknown = sorted(wanted - set(ARTICLE_FIELDS))
    if unknown:
        raise ValueError(f"no such article field: {', '.join(unknown)} (fields: {', '.join(ARTICLE_FIELDS)})")
    if not wanted:
        raise ValueError("give at least one article field")
    return wanted


def json_string(value: str | None) -> str:
    """A JSON string (null for None). A name holding surrogate-escaped bytes (a GBK file name)
    is written with JSON escapes, so the line is valid UTF-8 JSON and ``os.fsencode`` of the
    value read back gives the bytes."""
    if value is None:
        return "null"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, ensure_ascii=True)
    return json.dumps(value, ensure_ascii=False)


def item_facts(item: Input | Entry | str) -> tuple[str, str | None, str | None, str | None]:
    """An input's name, URL, WARC record ID and capture date (a bare name has only the name)."""
    if isinstance(item, str):
        return item, None, None, None
    return item.name, item.url, item.record_id, item.captured


def _body(result: Result, fields: frozenset[str] | None) -> str:
    if isinstance(result, Article):
        return '"article":' + (result.model_dump_json(include=set(fields)) if fields else result.model_dump_json())
    if isinstance(result, Skipped):
        skipped: dict[str, Any] = {"reason": result.reason}
        if result.status is not None:
            skipped["status"] = result.status
        return '"skipped":' + json.dumps(skipped, ensure_ascii=False)
    return '"error":' + json.dumps({"type": type(result).__name__, "message": str(result)}, ensure_ascii=False)


def json_record(item: Input | Entry | str, result: Result, fields: frozenset[str] | None = None) -> str:
    """One JSON Lines record of an input (an :class:`Input`, an :class:`Entry`, or only its
    name), newline included; ``fields`` keeps only those article fields (:func:`check_fields`)."""
    name, url, record_id, captured = item_facts(item)
    line = (f'{{"input":{json_string(name)},"url":{json_string(url)},"warc_record_id":{json_string(record_id)},'
            f'"warc_date":{json_string(captured)},"parser_version":"{__version__}",{_body(result, fields)}}}')
    return line.translate(_LINE_BREAKS) + "\n"


def record(item: Input | Entry | str, result: Result, fields: frozenset[str] | None = None) -> dict[str, Any]:
    """The batch record of one input as a dict: :func:`json_record` read back."""
    parsed: dict[str, Any] = json.loads(json_record(item, result, fields))
    return parsed
