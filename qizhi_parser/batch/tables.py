"""Records as table rows: the CSV columns, and the Parquet schema and writer.

The Parquet writer is the only code that uses ``pyarrow`` (the ``parquet`` extra), imported
when a run asks for Parquet. Its schema is fixed and documented (:data:`PARQUET_COLUMNS`):
the record's own columns, then one or a few columns an article field (``source`` gives
``source_name``, ``source_url``, ``source_is_reprint``); ``fields`` keeps the article columns
of the fields asked for. Lists and structs stay typed (a breadcrumb is ``list<string>``, the
credits ``list<struct<…>>``), so a warehouse reads them without parsing JSON.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Callable
from typing import Any

from ..errors import MissingExtraError, QizhiParserError
from ..models import Article
from .items import Result, Skipped
from .names import display_name
from .output import OutputError, lock_exclusive

__all__ = ["CSV_COLUMNS", "PARQUET_COLUMNS", "ParquetOutput", "csv_columns", "csv_values"]

#: The columns of a record's own facts, first in every table.
RECORD_COLUMNS = ("input", "url", "warc_record_id", "warc_date")
#: The article columns of a CSV run without ``--fields``.
DEFAULT_CSV_FIELDS = ("headline", "published_at", "source", "breadcrumb", "headings", "credits", "paragraphs",
                      "text", "issues")
#: The columns after the article's: what went wrong or why the input was skipped.
OUTCOME_COLUMNS = ("error_type", "error_message", "skipped")
#: The columns of a CSV run without ``--fields``.
CSV_COLUMNS = (*RECORD_COLUMNS, *DEFAULT_CSV_FIELDS, *OUTCOME_COLUMNS)


def csv_columns(fields: frozenset[str] | None) -> tuple[str, ...]:
    """The CSV header: the record's facts, the article fields (``fields``, in the Article's
    order, else the default ones), the outcome."""
    if fields is None:
        return CSV_COLUMNS
    ordered = [name for name in (*Article.model_fields, *Article.model_computed_fields) if name in fields]
    return (*RECORD_COLUMNS, *ordered, *OUTCOME_COLUMNS)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


#: How an article field is written in one CSV cell, where plain text is clearer than JSON.
_CELLS: dict[str, Callable[[Article], object]] = {
    "published_at": lambda a: a.published_at.isoformat() if a.published_at else "",
    "source": lambda a: a.source.name if a.source else "",
    "breadcrumb": lambda a: " > ".join(c.text for c in a.breadcrumb),
    "headings": lambda a: " | ".join(a.headings),
    "credits": lambda a: "; ".join(f"{c.role.value}:{c.label}:{'、'.join(c.names)}" for c in a.credits),
    "paragraphs": lambda a: len(a.paragraphs),
    "issues": lambda a: len(a.issues),
    "headline_lines": lambda a: " | ".join(a.headline_lines),
}


def _cell(article: Article, name: str) -> object:
    special = _CELLS.get(name)
    if special is not None:
        return special(article)
    value = getattr(article, name)
    if value is None:
        return ""
    if isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return _json([v.model_dump(mode="json") if hasattr(v, "model_dump") else v for v in value])
    if hasattr(value, "model_dump"):
        return _json(value.model_dump(mode="json"))
    return _json(value)


def csv_values(facts: tuple[str, str | None, str | None, str | None], result: Result,
               columns: tuple[str, ...]) -> list[object]:
    """One CSV row of a record (cells not yet made spreadsheet-safe)."""
    name, url, record_id, captured = facts
    row: dict[str, object] = {"input": name, "url": url or "", "warc_record_id": record_id or "",
                              "warc_date": captured or ""}
    if isinstance(result, Skipped):
        row["skipped"] = result.reason
    elif isinstance(result, QizhiParserError):
        row["error_type"], row["error_message"] = type(result).__name__, str(result)
    else:
        for column in columns[len(RECORD_COLUMNS) : -len(OUTCOME_COLUMNS)]:
            row[column] = _cell(result, column)
    return [row.get(column, "") for column in columns]


# ------------------------------------------------------------------ Parquet

#: Parquet column → (Arrow type name, the article field it comes from, how to read it from the
#: record's JSON). The record's own columns have no field. The types, by name:
#: ``string``, ``bool``, ``int32``, ``date``, ``timestamp`` (µs, UTC+08:00), ``strings``
#: (list<string>), ``credits`` (list<struct<role, label, names list<string>, interns
#: list<string>, level int8>>), ``images`` (list<struct<src, alt, caption>>), ``issues``
#: (list<struct<field, code, message>>), ``sections`` (list<struct<heading, paragraphs
#: list<string>>>), ``pairs`` (map<string, string>).
PARQUET_COLUMNS: dict[str, tuple[str, str | None]] = {
    "input": ("string", None),
    "url": ("string", None),
    "warc_record_id": ("string", None),
    "warc_date": ("string", None),
    "parser_version": ("string", None),
    "outcome": ("string", None),  # article, error or skipped
    "error_type": ("string", None),
    "error_message": ("string", None),
    "skipped_reason": ("string", None),
    "skipped_status": ("int32", None),
    "article_url": ("string", "url"),
    "site": ("string", "url_info"),
    "url_date": ("date", "url_info"),
    "content_id": ("string", "url_info"),
    "input_format": ("string", "input_format"),
    "encoding": ("string", "encoding"),
    "script": ("string", "script"),
    "printed_script": ("string", "printed_script"),
    "headline": ("string", "headline"),
    "headline_lines": ("strings", "headline_lines"),
    "pretitle": ("string", "pretitle"),
    "subtitle": ("string", "subtitle"),
    "original_headline": ("string", "original_headline"),
    "published_at": ("timestamp", "published_at"),
    "published_raw": ("string", "published_raw"),
    "published_precision": ("string", "published_precision"),
    "source_name": ("string", "source"),
    "source_url": ("string", "source"),
    "source_is_reprint": ("bool", "source"),
    "edition_paper": ("string", "edition"),
    "edition_date": ("date", "edition"),
    "edition_page": ("string", "edition"),
    "dateline": ("string", "dateline"),
    "breadcrumb": ("strings", "breadcrumb"),
    "sections": ("sections", "sections"),
    "text": ("string", "text"),
    "credits": ("credits", "credits"),
    "images": ("images", "images"),
    "page": ("int32", "pagination"),
    "pages": ("int32", "pagination"),
    "issues": ("issues", "issues"),
    "provenance": ("pairs", "provenance"),
}


def _arrow_type(pa: Any, name: str) -> Any:
    strings = pa.list_(pa.string())
    return {
        "string": pa.string(), "bool": pa.bool_(), "int32": pa.int32(), "date": pa.date32(),
        "timestamp": pa.timestamp("us", tz="+08:00"), "strings": strings,
        "credits": pa.list_(pa.struct([("role", pa.string()), ("label", pa.string()), ("names", strings),
                                       ("interns", strings), ("level", pa.int8())])),
        "images": pa.list_(pa.struct([("src", pa.string()), ("alt", pa.string()), ("caption", pa.string())])),
        "issues": pa.list_(pa.struct([("field", pa.string()), ("code", pa.string()), ("message", pa.string())])),
        "sections": pa.list_(pa.struct([("heading", pa.string()), ("paragraphs", strings)])),
        "pairs": pa.map_(pa.string(), pa.string()),
    }[name]


def _article_row(article: dict[str, Any]) -> dict[str, Any]:
    info = article.get("url_info") or {}
    source = article.get("source") or {}
    edition = article.get("edition") or {}
    pagination = article.get("pagination") or {}
    published = article.get("published_at")
    return {
        "article_url": article.get("url"), "site": info.get("site"),
        "url_date": dt.date.fromisoformat(info["date"]) if info.get("date") else None,
        "content_id": info.get("content_id"), "input_format": article.get("input_format"),
        "encoding": article.get("encoding"), "script": article.get("script"),
        "printed_script": article.get("printed_script"), "headline": article.get("headline"),
        "headline_lines": article.get("headline_lines"), "pretitle": article.get("pretitle"),
        "subtitle": article.get("subtitle"), "original_headline": article.get("original_headline"),
        "published_at": dt.datetime.fromisoformat(published) if published else None,
        "published_raw": article.get("published_raw"), "published_precision": article.get("published_precision"),
        "source_name": source.get("name"), "source_url": source.get("url"),
        "source_is_reprint": source.get("is_reprint"), "edition_paper": edition.get("paper"),
        "edition_date": dt.date.fromisoformat(edition["date"]) if edition.get("date") else None,
        "edition_page": edition.get("page"), "dateline": article.get("dateline"),
        "breadcrumb": [c["text"] for c in article["breadcrumb"]] if "breadcrumb" in article else None,
        "sections": [{"heading": s["heading"], "paragraphs": [p["text"] for p in s["paragraphs"]]}
                     for s in article["sections"]] if "sections" in article else None,
        "text": article.get("text"), "credits": article.get("credits"), "images": article.get("images"),
        "page": pagination.get("current"), "pages": pagination.get("total"), "issues": article.get("issues"),
        "provenance": list(article["provenance"].items()) if "provenance" in article else None,
    }


def parquet_row(line: str) -> dict[str, Any]:
    """The Parquet row of one JSON Lines record."""
    record = json.loads(line)
    row: dict[str, Any] = {key: record.get(key) for key in ("input", "url", "warc_record_id", "warc_date",
                                                             "parser_version")}
    if "article" in record:
        row["outcome"] = "article"
        row.update(_article_row(record["article"]))
    elif "skipped" in record:
        row["outcome"] = "skipped"
        row["skipped_reason"] = record["skipped"].get("reason")
        row["skipped_status"] = record["skipped"].get("status")
    else:
        row["outcome"] = "error"
        row["error_type"] = record["error"]["type"]
        row["error_message"] = record["error"]["message"]
    return row


class ParquetOutput:
    """A run's Parquet file: written as ``NAME.partial`` (locked, as a JSON Lines output is)
    and renamed to ``NAME`` when the run ends, so a file under the asked name is always whole;
    a run killed outright leaves only the ``.partial``."""

    #: Rows a row group holds (the writer's memory is about this many records).
    ROWS = 2048

    def __init__(self, path: str, fields: frozenset[str] | None = None) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise MissingExtraError("parquet", "writing Parquet") from exc
        self.path = path
        self.shown = display_name(path)
        self.partial = path + ".partial"
        self.done: set[str] = set()
        self.columns = [name for name, (_, source) in PARQUET_COLUMNS.items()
                        if source is None or fields is None or source in fields]
        self.schema = pa.schema([(name, _arrow_type(pa, PARQUET_COLUMNS[name][0])) for name in self.columns])
        self._pa = pa
        self.rows: list[dict[str, Any]] = []
        try:
            fd = os.open(self.partial, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise OutputError(f"--output {self.shown}: cannot write {display_name(self.partial)}: "
                              f"{exc.strerror or exc}") from None
        try:
            lock_exclusive(fd, self.shown)
            os.ftruncate(fd, 0)
        except BaseException:
            os.close(fd)
            raise
        self.handle = os.fdopen(fd, "wb")
        self.writer = pq.ParquetWriter(self.handle, self.schema)
        self.closed = False

    def write(self, text: str) -> None:
        self.rows.append(parquet_row(text))
        if len(self.rows) >= self.ROWS:
            self._flush()

    def _flush(self) -> None:
        if not self.rows:
            return
        table = self._pa.Table.from_pylist([{k: row.get(k) for k in self.columns} for row in self.rows],
                                           schema=self.schema)
        self.rows = []
        try:
            self.writer.write_table(table)
        except OSError as exc:
            raise OutputError(f"cannot write {display_name(self.partial)}: {exc.strerror or exc}") from None

    def close(self) -> None:
        """Write what is left and the footer, then give the file its name."""
        if self.closed:
            return
        self.closed = True
        try:
            self._flush()
            self.writer.close()
            self.handle.flush()
            os.fsync(self.handle.fileno())
            os.replace(self.partial, self.path)
        except OSError as exc:
            raise OutputError(f"cannot finish {display_name(self.partial)}: {exc.strerror or exc}; the records "
                              "written so far are in it, without the Parquet footer") from None
        finally:
            with contextlib.suppress(OSError):
                self.handle.close()
