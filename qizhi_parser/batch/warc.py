"""WARC archives: the response records of an archive as batch items, in every framing.

Plain ``.warc``, ``.warc.gz`` with a gzip member a record (the standard), and ``.warc.gz``
compressed as one stream (``gzip file.warc``) or as members of several records are all read;
an archive on stdin is read from a temporary copy. What the bytes cannot give is said, never
passed over:

- a record cut short (a truncated archive) is an :class:`ArchiveError` item, never a shorter page;
- a damaged gzip member ends the archive with an ArchiveError at its offset, after the records
  read before it (warcio would read on past it as raw bytes and stop early without a word);
- bytes after the last whole record that are not the record separator are an ArchiveError.

Each 2xx HTML response is an :class:`~.inputs.Input` named ``archive@offset`` (the offset of the
record in the file; of the decompressed stream when the file is not compressed a record a gzip
member), with the record's target URI and HTTP charset. Other responses and revisit records are
skipped items; requests, metadata and non-HTML responses are not inputs.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from ..errors import ArchiveError, InputTooLargeError, QizhiParserError, ReadError
from ..reading import read_bounded
from ..settings import DEFAULT_MAX_BYTES, MAX_RECORD_SEPARATOR, READ_CHUNK
from .items import Entry, Input, Item, Skipped
from .names import display_name
from .reading import special
from .records import why

__all__ = ["iter_warc", "warc_file_items"]



def _http_status(record: Any) -> int | None:
    try:
        return int(record.http_headers.get_statuscode())
    except (AttributeError, TypeError, ValueError):
        return None


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def _is_html(content_type: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    return kind in ("text/html", "application/xhtml+xml", "text/plain") or not kind


def _response(record: Any) -> tuple[str, int | None, str]:
    """What a WARC record is to a batch: ``page`` (a 2xx HTML response, parsed), ``skip``
    (a response of another status, or a revisit), or ``other`` (requests, metadata, images,
    scripts: not inputs); with its HTTP status and Content-Type."""
    if record.rec_type not in ("response", "revisit") or record.http_headers is None:
        return "other", None, ""
    content_type = record.http_headers.get_header("Content-Type") or ""
    status = _http_status(record)
    if record.rec_type == "revisit" or (status is not None and not 200 <= status < 300):
        return "skip", status, content_type
    return ("page" if _is_html(content_type) else "other"), status, content_type


# ------------------------------------------------------------------ the gzip framing


@dataclass(frozen=True, slots=True)
class _Scan:
    """What one streaming pass over a gzip file found."""

    damage: int | None
    """The offset of the first member that does not decompress whole, if one does not."""
    members: int
    """Whole members read."""
    shared: bool
    """Some member holds more than one record (the file is not compressed a record a member)."""


#: Where one record ends and the next starts inside decompressed data.
_BOUNDARY = b"\r\n\r\nWARC/1."


class _Boundaries:
    """Looks for a record boundary inside the members' decompressed data, across chunks."""

    def __init__(self) -> None:
        self.tail = b""
        self.found = False

    def feed(self, data: bytes) -> None:
        if not self.found and data:
            window = self.tail + data
            self.found = _BOUNDARY in window
            self.tail = window[-len(_BOUNDARY) :]

    def next_member(self) -> None:
        self.tail = b""


def _scan_gzip(handle: IO[bytes]) -> _Scan:
    """One streaming pass with bounded memory over a gzip file: where a member is damaged (a
    bad CRC, corrupt deflate data, a member cut short), how many members it has, and whether
    a member holds several records."""
    handle.seek(0)
    member_start = consumed = members = 0
    decompressor = zlib.decompressobj(31)
    boundaries = _Boundaries()
    try:
        while chunk := handle.read(READ_CHUNK):
            data = chunk
            while data:
                boundaries.feed(decompressor.decompress(data, READ_CHUNK))
                while decompressor.unconsumed_tail:
                    boundaries.feed(decompressor.decompress(decompressor.unconsumed_tail, READ_CHUNK))
                if decompressor.eof:
                    boundaries.next_member()
                    rest = decompressor.unused_data
                    consumed += len(data) - len(rest)
                    member_start = consumed
                    members += 1
                    decompressor = zlib.decompressobj(31)
                    data = rest if rest.strip(b"\x00") else b""
                    if not data:
                        consumed += len(rest)
                else:
                    consumed += len(data)
                    data = b""
    except zlib.error:
        return _Scan(member_start, members, boundaries.found)
    finally:
        handle.seek(0)
    return _Scan(None if consumed == member_start else member_start, members, boundaries.found)


_GZIP_DAMAGE = "a damaged gzip member (bad checksum, corrupt or cut-short data)"


# ------------------------------------------------------------------ records


def _next_record(records: Any) -> tuple[Any, str | None]:
    """The next record (None at the end), or None and why the archive cannot be read on."""
    try:
        return next(records), None
    except StopIteration:
        return None, None
    except Exception as exc:  # ArchiveLoadFailed, zlib errors, EOFError, warcio's AttributeErrors on garbage
        return None, why(exc)


def _cut_short(record: Any) -> int | None:
    """How many bytes of the record the archive lacks (it ends inside the record), or None
    when the record is whole. Reads what is left of it (bounded by its length)."""
    raw = record.raw_stream
    with contextlib.suppress(Exception):
        while raw.read(READ_CHUNK):
            pass
    missing = getattr(raw, "limit", 0)
    return missing if isinstance(missing, int) and missing > 0 else None


def _body(record: Any, kind: str, status: int | None,
          max_bytes: int | None) -> tuple[bytes | None, QizhiParserError | Skipped | None]:
    """A response record's page bytes, or why it gives none."""
    if kind == "skip":
        revisit = record.rec_type == "revisit"
        return None, Skipped("a revisit record (the page is stored elsewhere)" if revisit else f"HTTP status {status}",
                             status)
    try:
        return read_bounded(record.content_stream(), max_bytes), None
    except InputTooLargeError as exc:
        return None, exc
    except Exception as exc:  # a corrupt payload (chunked or content-encoding errors)
        return None, ArchiveError(f"unreadable record body: {why(exc)}")


def _tail_problem(handle: IO[bytes], end: int, size: int | None) -> str | None:
    """Why the bytes after the last whole record (at ``end``) were not read, if any are left
    that are not the record separator."""
    if size is None or end >= size:
        return None
    if size - end <= MAX_RECORD_SEPARATOR:
        with contextlib.suppress(OSError):
            handle.seek(end)
            if not handle.read(MAX_RECORD_SEPARATOR).strip(b"\r\n \t\x00"):
                return None
    return f"{size - end:,} bytes after the last whole record cannot be read (a truncated archive?)"


@dataclass(frozen=True, slots=True)
class _Read:
    """One response or revisit record as read: where it is, its facts, its body or why it has none."""

    offset: int
    uri: str | None
    record_id: str | None
    date: str | None
    charset: str | None
    headers: dict[str, str]
    body: bytes | None
    failure: QizhiParserError | Skipped | None
    page: bool


@dataclass(frozen=True, slots=True)
class _Stop:
    """The end of an archive: an ArchiveError where it cannot be read on, or a Skipped when it
    holds no HTML response."""

    offset: int
    outcome: ArchiveError | Skipped


def _read_one(name: str, record: Any, kind: str, content_type: str, offset: int, missing: int | None,
              body: bytes | None, failure: QizhiParserError | Skipped | None) -> _Read:
    if missing is not None:
        failure = ArchiveError(f"{display_name(name)}: the record at byte {offset} is cut short: the archive "
                               f"ends {missing:,} bytes before the record does (a truncated archive?)")
    headers = record.rec_headers
    http = {key.lower(): value for key, value in record.http_headers.headers} if record.http_headers else {}
    return _Read(offset, headers.get_header("WARC-Target-URI"), headers.get_header("WARC-Record-ID"),
                 headers.get_header("WARC-Date"), _charset(content_type), http, body, failure, kind == "page")


def _read_records(name: str, stream: IO[bytes], size: int | None, max_bytes: int | None,
                  damage: int | None) -> Iterator[_Read | _Stop]:
    """The response and revisit records of one archive stream, as read; then a _Stop when the
    archive cannot be read on or holds no HTML response."""
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(stream)
    end = 0  # where the last whole record ended
    pages = 0
    broken: str | None = None
    while True:
        record, broken = _next_record(records)
        if record is None:
            break
        kind, status, content_type = _response(record)
        if kind == "other":
            continue  # requests, metadata, images, scripts: not pages, not inputs
        pages += kind == "page"
        body, failure = _body(record, kind, status, max_bytes)
        missing = _cut_short(record)
        try:  # only after the record is read: warcio knows a record's offset once it has read it
            offset = records.get_record_offset()
        except Exception:  # no member info for some damaged streams
            offset = end
        if damage is not None and offset >= damage:
            end, broken = damage, _GZIP_DAMAGE
            break
        with contextlib.suppress(Exception):
            end = offset + records.get_record_length()
        yield _read_one(name, record, kind, content_type, offset, missing, body, failure)
    if broken is None and damage is not None:
        end, broken = damage, _GZIP_DAMAGE
    if broken is None:
        broken = _tail_problem(stream, end, size)
    if broken is not None:
        yield _Stop(end, ArchiveError(f"{display_name(name)}: reading stopped at byte {end}: {broken}"))
    elif pages == 0:
        yield _Stop(-1, Skipped("no HTML response in the archive"))


def _items(name: str, reads: Iterator[_Read | _Stop]) -> Iterator[Item]:
    """Batch items of the records read: an Input for each page, an Entry for the rest."""
    for read in reads:
        if isinstance(read, _Stop):
            yield Entry(f"{name}@{read.offset}" if read.offset >= 0 else name, read.outcome)
        elif read.failure is not None:
            yield Entry(f"{name}@{read.offset}", read.failure, read.uri, read.record_id, read.date)
        else:
            yield Input(name=f"{name}@{read.offset}", data=read.body, url=read.uri, charset=read.charset,
                        record_id=read.record_id, captured=read.date)


# ------------------------------------------------------------------ files


def warc_file_items(path: str, max_bytes: int | None = DEFAULT_MAX_BYTES,
                    handle: IO[bytes] | None = None) -> Iterator[Item]:
    """Items of the response records of a WARC file (``handle``: an open copy of it, for stdin)."""
    try:
        yield from _items(path, _reads(path, max_bytes, handle))
    except ReadError as exc:
        yield Entry(path, exc)


def _reads(path: str, max_bytes: int | None, handle: IO[bytes] | None) -> Iterator[_Read | _Stop]:
    if handle is not None:
        yield from _archive_reads(path, handle, max_bytes)
        return
    what = special(path)
    if what is not None:
        raise ReadError(f"cannot read {display_name(path)}: it is {what}, not a regular file")
    try:
        opened = open(path, "rb")  # noqa: SIM115 - closed in finally, the generator may stop early
    except OSError as exc:
        raise ReadError(f"cannot read {display_name(path)}: {exc.strerror or exc}") from None
    try:
        yield from _archive_reads(path, opened, max_bytes)
    finally:
        opened.close()


def _archive_reads(name: str, handle: IO[bytes], max_bytes: int | None) -> Iterator[_Read | _Stop]:
    handle.seek(0)
    size = os.fstat(handle.fileno()).st_size
    head = handle.read(2)
    handle.seek(0)
    if head != b"\x1f\x8b":
        yield from _read_records(name, handle, size, max_bytes, None)
        return
    scan = _scan_gzip(handle)
    if scan.shared or (scan.members <= 1 and not scan.damage):
        # one gzip stream (gzip file.warc), or members of several records: read decompressed,
        # offsets then in the decompressed stream
        with gzip.GzipFile(fileobj=handle, mode="rb") as inflated:
            yield from _read_records(name, inflated, None, max_bytes, None)  # type: ignore[arg-type]
        return
    yield from _read_records(name, handle, size, max_bytes, scan.damage)


def iter_warc(path: str | os.PathLike[str]) -> Iterator[tuple[str, dict[str, str], bytes]]:
    """(target URI, HTTP response headers with lower-case names, body) of each 2xx HTML
    response in a WARC file, in any framing the batch reads.

    Raises :class:`ArchiveError` where the archive is damaged or a record is cut short (after
    yielding the records before it) and :class:`ReadError` when it cannot be opened.
    """
    for read in _reads(os.fspath(path), None, None):
        if isinstance(read, _Stop):
            if isinstance(read.outcome, ArchiveError):
                raise read.outcome
        elif read.page:
            if isinstance(read.failure, QizhiParserError):
                raise read.failure
            if read.body is not None:
                yield read.uri or "", read.headers, read.body
