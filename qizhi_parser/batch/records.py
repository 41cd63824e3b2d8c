"""The batch record of one input, as JSON Lines: ``{input, article}``, ``{input, error}`` or
``{input, skipped}``; and how an input's name is shown safely."""

from __future__ import annotations

import json
from typing import Any

from ..models import Article
from .items import Result, Skipped
from .names import display_name

__all__ = ["display_name", "json_record", "record", "why"]


def record(name: str, result: Result) -> dict[str, Any]:
    """The batch record of one input: ``{input, article}``, ``{input, error}`` or ``{input, skipped}``."""
    if isinstance(result, Article):
        return {"input": name, "article": result.model_dump(mode="json")}
    if isinstance(result, Skipped):
        skipped: dict[str, Any] = {"reason": result.reason}
        if result.status is not None:
            skipped["status"] = result.status
        return {"input": name, "skipped": skipped}
    return {"input": name, "error": {"type": type(result).__name__, "message": str(result)}}


#: Characters JSON leaves raw in strings that line-splitting readers take for line ends.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def why(exc: BaseException) -> str:
    """An exception of a third-party reader as one printable line of at most 200
    characters (warcio quotes the raw bytes it could not read)."""
    text = f"{type(exc).__name__}: {exc}"
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= 200 else text[:199] + "…"


def json_record(name: str, result: Result) -> str:
    """One JSON Lines record, newline included. A name holding surrogate-escaped bytes
    (a GBK file name) is written with JSON escapes, so the line is valid UTF-8 JSON and
    ``os.fsencode(json.loads(line)["input"])`` gives the name's bytes back."""
    line = json.dumps(record(name, result), ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record(name, result), ensure_ascii=True)
    return line.translate(_LINE_BREAKS) + "\n"
