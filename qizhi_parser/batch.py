"""Many pages: files, folders, stdin, gzip and WARC archives, parsed in parallel.

:func:`parse_many` streams ``(input, Article | QizhiParserError)`` in input order
with a bounded number of inputs in flight, so memory stays flat however many
inputs there are. :func:`iter_warc` reads the HTML responses of a WARC archive
(with warcio). Everything here is picklable and free of global state, so the same
functions run inside Dask or Spark workers.
"""

from __future__ import annotations

import collections
import concurrent.futures
import fnmatch
import functools
import gzip
import os
import pathlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from .convert import Script, check_script
from .core import DEFAULT_MAX_BYTES, parse
from .decode import normalize_charset
from .errors import QizhiParserError
from .models import Article

__all__ = ["DEFAULT_GLOBS", "Input", "expand", "iter_warc", "map_inputs", "parse_input", "parse_many"]

#: Files a directory contributes when no --glob is given.
DEFAULT_GLOBS = ("*.html", "*.htm", "*.shtml", "*.txt", "*.html.gz", "*.htm.gz", "*.warc", "*.warc.gz")

Result = Article | QizhiParserError


@dataclass(frozen=True, slots=True)
class Input:
    """One page to parse: a file to read, or bytes already read (stdin, a WARC record).

    ``name`` says where it came from: a path, ``-`` for stdin, or
    ``archive.warc.gz@1234`` for the WARC record at byte offset 1234.
    """

    name: str
    path: str | None = None
    data: bytes | None = None
    url: str | None = None
    charset: str | None = None


def _is_warc(path: str) -> bool:
    return path.endswith((".warc", ".warc.gz"))


def iter_warc(path: str | os.PathLike[str]) -> Iterator[tuple[str, dict[str, str], bytes]]:
    """(target URI, HTTP headers, body) of each HTML response record in a WARC file.

    Raises :class:`QizhiParserError` when the archive is unreadable (a broken
    record ends the iteration with that error).
    """
    for item in _warc_inputs(str(path)):
        if isinstance(item, QizhiParserError):
            raise item
        headers = {"content-type": item.charset or ""}
        yield item.url or "", headers, item.data or b""


def _warc_inputs(path: str) -> Iterator[Input | QizhiParserError]:
    """Inputs of the HTML response records, or an error where the archive breaks."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed in finally, the generator may stop early
    except OSError as exc:
        yield QizhiParserError(f"cannot read {path}: {exc.strerror or exc}")
        return
    try:
        records = ArchiveIterator(handle)
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except (ArchiveLoadFailed, Exception) as exc:  # warcio raises AttributeError on some garbage
                where = records.get_record_offset() if hasattr(records, "get_record_offset") else "?"
                yield QizhiParserError(f"{path}: broken WARC record near byte {where}: {exc}")
                return
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower() and "text/plain" not in content_type.lower():
                continue
            try:
                body = record.content_stream().read()
            except Exception as exc:  # a truncated or corrupt payload
                yield QizhiParserError(f"{path}@{records.get_record_offset()}: unreadable record body: {exc}")
                continue
            offset = records.get_record_offset()  # only after the body is read: it reads to the end
            charset = None
            for param in content_type.split(";")[1:]:
                key, _, value = param.strip().partition("=")
                if key.lower() == "charset" and value:
                    charset = value.strip("\"' ")
            uri = record.rec_headers.get_header("WARC-Target-URI")
            yield Input(name=f"{path}@{offset}", data=body, url=uri, charset=charset)
    finally:
        handle.close()


def expand(
    paths: Iterable[str], *, globs: Iterable[str] = DEFAULT_GLOBS, stdin: bytes | None = None
) -> Iterator[Input | QizhiParserError]:
    """Inputs of paths as the command line gives them, lazily and in a stable order:
    files as they are, directories recursively (files matching ``globs``), WARC
    archives as their HTML records, ``-`` as ``stdin``."""
    patterns = tuple(globs)
    for raw in paths:
        if raw == "-":
            yield Input(name="-", data=stdin or b"")
            continue
        path = pathlib.Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if any(fnmatch.fnmatch(name, p) for p in patterns):
                        yield from _file_inputs(os.path.join(root, name))
        else:
            yield from _file_inputs(str(path))


def _file_inputs(path: str) -> Iterator[Input | QizhiParserError]:
    if _is_warc(path):
        yield from _warc_inputs(path)
    else:
        yield Input(name=path, path=path)


def _read(item: Input, max_bytes: int | None) -> bytes:
    if item.data is not None:
        return item.data
    assert item.path is not None
    try:
        if max_bytes is not None and os.path.getsize(item.path) > max_bytes and not item.path.endswith(".gz"):
            from .errors import InputTooLargeError

            raise InputTooLargeError(os.path.getsize(item.path), max_bytes)
        if item.path.endswith(".gz"):
            with gzip.open(item.path, "rb") as handle:
                limit = None if max_bytes is None else max_bytes + 1
                return handle.read(limit) if limit is not None else handle.read()
        with open(item.path, "rb") as handle:
            return handle.read()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        message = getattr(exc, "strerror", None) or str(exc)
        raise QizhiParserError(f"cannot read {item.path}: {message}") from None


def parse_input(item: Input, *, strict: bool = False, max_bytes: int | None = DEFAULT_MAX_BYTES,
                script: Script | None = None) -> Result:
    """Parse one input; every failure comes back as a QizhiParserError, never raised.
    ``script`` converts the Article (check it first with :func:`check_script`)."""
    try:
        # a transport charset that is no web encoding label is ignored, as a browser does
        charset = item.charset if normalize_charset(item.charset) else None
        return parse(_read(item, max_bytes), url=item.url, strict=strict, charset=charset,
                     max_bytes=max_bytes, script=script)
    except QizhiParserError as exc:
        return exc


def parse_many(
    inputs: Iterable[Input | QizhiParserError | str | os.PathLike[str]],
    *,
    workers: int | None = None,
    strict: bool = False,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    script: Script | None = None,
) -> Iterator[tuple[Input | QizhiParserError, Result]]:
    """Parse many inputs, yielding ``(input, Article or QizhiParserError)`` in input order.

    ``inputs`` are :class:`Input` records or paths (a path to a WARC archive gives
    one input per HTML record). ``workers`` processes parse in parallel (default:
    the number of cores; 1 parses in this process). At most ``4 × workers`` inputs
    are in flight, so memory does not grow with the number of inputs. ``script``
    (``Hans``/``Hant``) converts every Article; an unknown value raises ValueError and a
    missing OpenCC raises MissingExtraError here, before any input is read.
    """
    script = check_script(script)
    task = functools.partial(parse_input, strict=strict, max_bytes=max_bytes, script=script)
    return map_inputs(inputs, task, on_error=lambda exc: exc, workers=workers)


T = TypeVar("T")


def map_inputs(
    inputs: Iterable[Input | QizhiParserError | str | os.PathLike[str]],
    task: Callable[[Input], T],
    *,
    on_error: Callable[[QizhiParserError], T],
    workers: int | None = None,
) -> Iterator[tuple[Input | QizhiParserError, T]]:
    """Run a picklable ``task`` over inputs in worker processes, yielding results in
    input order with a bounded window; inputs that are already errors (a broken WARC
    record) and workers that die become ``on_error(...)``."""
    workers = workers or os.cpu_count() or 1

    def items() -> Iterator[Input | QizhiParserError]:
        for entry in inputs:
            if isinstance(entry, (Input, QizhiParserError)):
                yield entry
            else:
                yield from _file_inputs(os.fspath(entry))

    if workers <= 1:
        for item in items():
            yield item, (on_error(item) if isinstance(item, QizhiParserError) else task(item))
        return
    window: collections.deque[tuple[Input | QizhiParserError, concurrent.futures.Future[T] | None]]
    window = collections.deque()

    def done(pair: tuple[Input | QizhiParserError, concurrent.futures.Future[T] | None]) -> tuple[
        Input | QizhiParserError, T
    ]:
        item, future = pair
        if future is None:
            assert isinstance(item, QizhiParserError)
            return item, on_error(item)
        try:
            return item, future.result()
        except Exception as exc:  # a worker died (killed, out of memory)
            return item, on_error(QizhiParserError(f"worker failed: {type(exc).__name__}: {exc}"))

    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        for item in items():
            future = None if isinstance(item, QizhiParserError) else pool.submit(task, item)
            window.append((item, future))
            if len(window) >= 4 * workers:
                yield done(window.popleft())
        while window:
            yield done(window.popleft())
