"""What a batch is made of: an :class:`Input` to parse, an :class:`Entry` whose outcome is known
before any parsing, and the result each ends with."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import QizhiParserError
from ..models import Article

__all__ = ["Entry", "Input", "Item", "Result", "Skipped"]


@dataclass(frozen=True, slots=True)
class Input:
    """One page to parse: a file to read, or bytes already read (stdin, a WARC record, a tar member).

    ``name`` says where it came from: a path (non-UTF-8 bytes surrogate-escaped, as
    :func:`os.fsdecode` gives them), ``-`` for stdin, ``archive.warc.gz@1234`` for the WARC
    record at byte offset 1234, or ``pages.tar.gz:dir/page.html`` for a tar member.
    """

    name: str
    path: str | None = None
    data: bytes | None = None
    url: str | None = None
    """The page's address: a WARC record's target URI, a ``.url`` side file's, a manifest's (``--urls``)."""
    charset: str | None = None
    record_id: str | None = None
    """The WARC-Record-ID of the record it was read from."""
    captured: str | None = None
    """The WARC-Date of that record: when the page was captured."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input deliberately not parsed, and why."""

    reason: str
    status: int | None = None
    """The HTTP status of a skipped WARC response, if it has one."""


@dataclass(frozen=True, slots=True)
class Entry:
    """An input whose outcome is known before any parsing: a failure to read or expand
    it (an unreadable folder, a damaged archive), or a skip."""

    name: str
    outcome: QizhiParserError | Skipped
    url: str | None = None
    record_id: str | None = None
    captured: str | None = None


Item = Input | Entry
Result = Article | QizhiParserError | Skipped
