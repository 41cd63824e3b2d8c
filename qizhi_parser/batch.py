"""Many pages: files, folders, stdin, gzip and WARC archives, parsed in parallel.

:func:`parse_many` streams ``(item, result)`` pairs in input order, exactly one per
input, with a bounded number of inputs in flight, so memory stays flat however many
inputs there are. ``result`` is an :class:`~qizhi_parser.Article`, a
:class:`~qizhi_parser.QizhiParserError` (the input failed; its type says why) or a
:class:`Skipped` (the input is deliberately not parsed: a redirect or an error
response in a WARC, a revisit record, an archive without HTML responses).

Nothing a single input does can stop or shorten a run: unreadable and special files
(FIFOs, devices, sockets) are refused without blocking; every read is bounded by
``max_bytes``; a damaged archive keeps the records read before the damage and adds
one :class:`ArchiveError` naming the offset; a worker that dies (killed, out of
memory) costs the input it held a :class:`WorkerDiedError` and the pool is rebuilt;
an input that runs past ``timeout`` gets an :class:`InputTimeoutError`.

Everything here is picklable and free of global state, so the same functions run
inside Dask or Spark workers, under any multiprocessing start method.
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import fnmatch
import functools
import gzip
import io
import json
import multiprocessing
import os
import pathlib
import signal
import stat
import sys
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

from .core import parse
from .decode import normalize_charset
from .errors import (
    ArchiveError,
    InputTimeoutError,
    InputTooLargeError,
    QizhiParserError,
    ReadError,
    WorkerDiedError,
)
from .models import Article
from .options import Options, RunKeywords, resolve
from .reading import read_bounded, read_file
from .settings import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, READ_CHUNK

if sys.version_info >= (3, 11):  # pragma: no cover - the version CI runs
    from typing import Unpack
else:  # pragma: no cover
    from typing_extensions import Unpack

__all__ = [
    "DEFAULT_GLOBS",
    "DEFAULT_TIMEOUT",
    "Entry",
    "Input",
    "Skipped",
    "available_cpus",
    "display_name",
    "expand",
    "iter_warc",
    "json_record",
    "map_inputs",
    "parse_input",
    "parse_many",
    "read_bounded",
    "record",
]

#: Files a directory contributes when no --glob is given.
DEFAULT_GLOBS = ("*.html", "*.htm", "*.shtml", "*.txt", "*.html.gz", "*.htm.gz", "*.txt.gz", "*.warc", "*.warc.gz")


@dataclass(frozen=True, slots=True)
class Input:
    """One page to parse: a file to read, or bytes already read (stdin, a WARC record).

    ``name`` says where it came from: a path (non-UTF-8 bytes surrogate-escaped, as
    :func:`os.fsdecode` gives them), ``-`` for stdin, or ``archive.warc.gz@1234`` for
    the WARC record at byte offset 1234.
    """

    name: str
    path: str | None = None
    data: bytes | None = None
    url: str | None = None
    charset: str | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input deliberately not parsed, and why."""

    reason: str
    status: int | None = None
    """The HTTP status of a skipped WARC response, if it has one."""


@dataclass(frozen=True, slots=True)
class Entry:
    """An input whose outcome is known before any parsing: a failure to read or expand
    it (an unreadable file, a damaged archive), or a skip."""

    name: str
    outcome: QizhiParserError | Skipped


Item = Input | Entry
Result = Article | QizhiParserError | Skipped


def available_cpus() -> int:
    """The CPUs this process may use (its affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# ------------------------------------------------------------------ reading, bounded


def _special(path: str) -> str | None:
    """What a path is when it is not a regular file (FIFOs block on open, devices never end)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _read(item: Input, max_bytes: int | None) -> bytes:
    if item.data is not None:
        if max_bytes is not None and len(item.data) > max_bytes:
            raise InputTooLargeError(len(item.data), max_bytes)
        return item.data
    assert item.path is not None
    special = _special(item.path)
    if special is not None:
        raise ReadError(f"cannot read {item.name}: it is {special}, not a regular file")
    try:
        if item.path.endswith(".gz"):
            with gzip.open(item.path, "rb") as handle:
                return read_bounded(handle, max_bytes)
        return read_file(item.path, max_bytes)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        message = getattr(exc, "strerror", None) or str(exc)
        raise ReadError(f"cannot read {item.name}: {message}") from None


# ------------------------------------------------------------------ WARC


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


def _is_html(content_type: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    return kind in ("text/html", "application/xhtml+xml", "text/plain") or not kind


def _gzip_damage(handle: Any) -> int | None:
    """The byte offset of the first gzip member that does not decompress whole (a bad CRC,
    corrupt deflate data, a member cut short), or None for an intact stream. warcio reads
    past such a member as raw bytes and ends early without an error, so a damaged
    archive would silently lose records; this pass, one streaming read with bounded
    memory, finds where the damage starts."""
    import zlib

    handle.seek(0)
    member_start = 0
    consumed = 0
    decompressor = zlib.decompressobj(31)
    try:
        while True:
            chunk = handle.read(READ_CHUNK)
            if not chunk:
                break
            data = chunk
            while data:
                decompressor.decompress(data, READ_CHUNK)
                while decompressor.unconsumed_tail:
                    decompressor.decompress(decompressor.unconsumed_tail, READ_CHUNK)
                if decompressor.eof:
                    rest = decompressor.unused_data
                    consumed += len(data) - len(rest)
                    member_start = consumed
                    decompressor = zlib.decompressobj(31)
                    data = rest if rest.strip(b"\x00") else b""
                    if not data:
                        consumed += len(rest)
                else:
                    consumed += len(data)
                    data = b""
    except zlib.error:
        return member_start
    finally:
        handle.seek(0)
    return None if consumed == member_start else member_start


_GZIP_DAMAGE = "a damaged gzip member (bad checksum, corrupt or cut-short data)"


def _next_record(records: Any) -> tuple[Any, str | None]:
    """The next record (None at the end), or None and why the archive cannot be read on."""
    try:
        return next(records), None
    except StopIteration:
        return None, None
    except Exception as exc:  # ArchiveLoadFailed, zlib errors, warcio's AttributeErrors on garbage
        return None, _why(exc)


def _record_body(record: Any, kind: str, status: int | None,
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
    except Exception as exc:  # a truncated or corrupt payload
        return None, ArchiveError(f"unreadable record body: {_why(exc)}")


def _unread_tail(records: Any, end: int, size: int | None) -> tuple[int, str | None]:
    """Where the last whole record ends, and why the bytes after it were not read, if any are left."""
    if size is None:
        return end, None
    with contextlib.suppress(Exception):  # warcio has no member info for some streams
        end = max(end, records.get_record_offset() + records.get_record_length())
    if end < size:
        return end, f"{size - end:,} bytes after the last whole record cannot be read (a truncated archive?)"
    return end, None


def _warc_items(name: str, handle: Any, size: int | None, max_bytes: int | None) -> Iterator[Item]:
    """Items of the response records of an open WARC stream: an Input for each 2xx HTML
    response, an Entry for each skipped one, and one ArchiveError Entry where the archive
    breaks (after the records read before it), or one Skipped Entry when there is no HTML."""
    from warcio.archiveiterator import ArchiveIterator

    head = handle.read(2)
    handle.seek(0)
    damage = _gzip_damage(handle) if head == b"\x1f\x8b" else None
    records = ArchiveIterator(handle)
    end = 0  # where the last whole record ended
    html = 0
    while True:
        record, broken = _next_record(records)
        if record is None:
            break
        kind, status, content_type = _response(record)
        if kind == "other":
            continue  # requests, metadata, images, scripts: not pages, not inputs
        html += 1 if kind == "page" else 0
        body, failure = _record_body(record, kind, status, max_bytes)
        try:  # only after the body is read: warcio knows a record's offset once it has read it
            offset = records.get_record_offset()
        except Exception:  # no member info for some damaged streams
            offset = end
        if damage is not None and offset >= damage:
            end, broken = damage, _GZIP_DAMAGE
            break
        with contextlib.suppress(Exception):
            end = offset + records.get_record_length()
        where = f"{name}@{offset}"
        if failure is not None:
            yield Entry(where, failure)
            continue
        uri = record.rec_headers.get_header("WARC-Target-URI")
        yield Input(name=where, data=body, url=uri, charset=_charset(content_type))
    if broken is None and damage is not None:
        end, broken = damage, _GZIP_DAMAGE
    if broken is None:
        end, broken = _unread_tail(records, end, size)
    if broken is not None:
        yield Entry(f"{name}@{end}", ArchiveError(f"{name}: reading stopped at byte {end}: {broken}"))
    elif html == 0:
        yield Entry(name, Skipped("no HTML response in the archive"))


def _warc_inputs(path: str, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    special = _special(path)
    if special is not None:
        yield Entry(path, ReadError(f"cannot read {path}: it is {special}, not a regular file"))
        return
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed in finally, the generator may stop early
        size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        yield Entry(path, ReadError(f"cannot read {path}: {exc.strerror or exc}"))
        return
    try:
        yield from _warc_items(path, handle, size, max_bytes)
    finally:
        handle.close()


def iter_warc(path: str | os.PathLike[str]) -> Iterator[tuple[str, dict[str, str], bytes]]:
    """(target URI, HTTP response headers with lower-case names, body) of each 2xx HTML
    response in a WARC file.

    Raises :class:`ArchiveError` where the archive is damaged (after yielding the
    records before the damage) and :class:`ReadError` when it cannot be opened.
    """
    from warcio.archiveiterator import ArchiveIterator

    name = os.fspath(path)
    try:
        handle = open(name, "rb")  # noqa: SIM115 - closed in finally, the generator may stop early
    except OSError as exc:
        raise ReadError(f"cannot read {name}: {exc.strerror or exc}") from None
    try:
        records = ArchiveIterator(handle)
        while True:
            try:
                record = next(records)
                if _response(record)[0] != "page":
                    continue
                headers = {key.lower(): value for key, value in record.http_headers.headers}
                body = record.content_stream().read()
            except StopIteration:
                return
            except Exception as exc:  # warcio's ArchiveLoadFailed, zlib errors, AttributeErrors on garbage
                raise ArchiveError(f"{name}: reading stopped near byte {handle.tell()}: {_why(exc)}") from None
            yield record.rec_headers.get_header("WARC-Target-URI") or "", headers, body
    finally:
        handle.close()


def _looks_like_warc(data: bytes) -> bool:
    """A WARC archive, plain or gzip-compressed (what stdin may bring)."""
    if data.startswith(b"\x1f\x8b"):
        try:
            return gzip.GzipFile(fileobj=io.BytesIO(data)).read(5) == b"WARC/"
        except (OSError, EOFError):
            return False
    return data.startswith(b"WARC/")


# ------------------------------------------------------------------ expansion


def _matches(relative: str, name: str, patterns: tuple[str, ...]) -> bool:
    """A glob matches the file name, or the path relative to the folder (``**/*.html``)."""
    for pattern in patterns:
        if fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(relative, pattern):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatch(relative, pattern[3:]):
            return True
    return False


def expand(
    paths: Iterable[str],
    *,
    globs: Iterable[str] = DEFAULT_GLOBS,
    stdin: bytes | None = None,
    exclude: Iterable[str] = (),
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Iterator[Item]:
    """Items of paths as the command line gives them, lazily and in a stable order:
    files as they are, directories recursively (files matching ``globs`` by name or
    by path relative to the folder), WARC archives as their records, ``-`` as
    ``stdin`` (a WARC on stdin is read as one). ``exclude`` names files never read
    (the output file)."""
    patterns = tuple(globs)
    skip = {os.path.realpath(p) for p in exclude}
    for raw in paths:
        if raw == "-":
            data = stdin or b""
            if _looks_like_warc(data):
                yield from _warc_items("-", io.BytesIO(data), len(data), max_bytes)
            else:
                yield Input(name="-", data=data)
            continue
        path = pathlib.Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    full = os.path.join(root, name)
                    relative = os.path.relpath(full, path)
                    if _matches(relative, name, patterns) and os.path.realpath(full) not in skip:
                        yield from _file_items(full, max_bytes)
        elif os.path.realpath(raw) not in skip:
            yield from _file_items(str(path), max_bytes)


def _file_items(path: str, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    if path.endswith((".warc", ".warc.gz")):
        yield from _warc_inputs(path, max_bytes)
    else:
        yield Input(name=path, path=path)


# ------------------------------------------------------------------ parsing one input


class _AlarmError(Exception):
    pass


def _on_alarm(signum: int, frame: Any) -> None:
    raise _AlarmError


def _with_timeout(seconds: float | None, call: Callable[[], Result]) -> Result:
    """Run ``call``, ended after ``seconds`` by SIGALRM where that is possible (the main
    thread of a process on a POSIX system); elsewhere without a limit."""
    usable = (seconds is not None and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        return call()
    assert seconds is not None
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return call()
    except _AlarmError:
        return InputTimeoutError(f"parsing took longer than {seconds:g} s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def parse_input(item: Input, *, options: Options | None = None, **keywords: Unpack[RunKeywords]) -> Result:
    """Parse one input; every failure comes back as a QizhiParserError, never raised.
    The options (:class:`~qizhi_parser.options.Options`, or the same as keywords) are those of
    :func:`~qizhi_parser.parse`, and ``timeout``, which ends an input that takes longer
    (InputTimeoutError)."""
    opts = resolve(options, keywords, "parse_input", batch=True)

    def run() -> Result:
        try:
            # a transport charset that is no web encoding label is ignored, as a browser does
            charset = item.charset if normalize_charset(item.charset) else None
            return parse(_read(item, opts.max_bytes), url=item.url, charset=charset, options=opts)
        except QizhiParserError as exc:
            return exc

    return _with_timeout(opts.timeout, run)


def parse_many(
    inputs: Iterable[Input | Entry | str | os.PathLike[str]],
    *,
    workers: int | None = None,
    start_method: str | None = None,
    options: Options | None = None,
    **keywords: Unpack[RunKeywords],
) -> Iterator[tuple[Item, Result]]:
    """Parse many inputs, yielding ``(item, Article | QizhiParserError | Skipped)`` in
    input order, exactly one pair per input.

    ``inputs`` are :class:`Input` records or paths (a path to a WARC archive gives
    one input per record). ``workers`` processes parse in parallel (default: the CPUs
    this process may use; 1 parses in this process). At most ``4 × workers`` inputs
    are in flight, so memory does not grow with the number of inputs. The options are
    those of :func:`parse_input` (``timeout`` defaults to 60 s), checked here, before any
    input is read: an unknown ``script`` raises ValueError, a missing OpenCC
    MissingExtraError, a bad template file TemplateError.
    ``start_method`` picks the multiprocessing start method (``fork``, ``spawn``,
    ``forkserver``; default: the platform's). Under ``spawn`` and ``forkserver`` the
    calling script must guard its entry point with ``if __name__ == "__main__":``.
    """
    opts = resolve(options, keywords, "parse_many", batch=True)
    task = functools.partial(parse_input, options=opts)
    return map_inputs(inputs, task, workers=workers, max_bytes=opts.max_bytes, start_method=start_method)


T = TypeVar("T")


def _items(inputs: Iterable[Input | Entry | str | os.PathLike[str]], max_bytes: int | None) -> Iterator[Item]:
    for entry in inputs:
        if isinstance(entry, (Input, Entry)):
            yield entry
        else:
            yield from _file_items(os.fspath(entry), max_bytes)


def map_inputs(
    inputs: Iterable[Input | Entry | str | os.PathLike[str]],
    task: Callable[[Input], T],
    *,
    on_entry: Callable[[Entry], T] | None = None,
    on_died: Callable[[Input, QizhiParserError], T] | None = None,
    workers: int | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    start_method: str | None = None,
) -> Generator[tuple[Item, T], None, None]:
    """Run a picklable ``task`` over inputs in worker processes, yielding one result a
    input, in input order, with a bounded window. Entries (failures and skips known
    before parsing) become ``on_entry(entry)`` (default: their outcome). A worker that
    dies costs the inputs it held a WorkerDiedError (``on_died``), and the pool is
    rebuilt: the other inputs in flight are run again one at a time, so the input that
    killed it is told apart."""
    workers = workers or available_cpus()
    entry_result: Callable[[Entry], T] = on_entry or (lambda e: e.outcome)  # type: ignore[assignment,return-value]
    died_result: Callable[[Input, QizhiParserError], T] = on_died or (lambda i, e: e)  # type: ignore[assignment,return-value]
    items = _items(inputs, max_bytes)
    if workers <= 1:
        for item in items:
            yield item, (entry_result(item) if isinstance(item, Entry) else task(item))
        return
    context = multiprocessing.get_context(start_method) if start_method else None
    pool = _pool(workers, context)
    window: collections.deque[tuple[Item, concurrent.futures.Future[T] | None]] = collections.deque()
    try:
        for item in items:
            future = None if isinstance(item, Entry) else _submit(pool, task, item)
            window.append((item, future))
            while len(window) >= 4 * workers or (window and window[0][1] is None):
                pool, pair = _settle(window.popleft(), pool, window, task, entry_result, died_result, workers,
                                     context)
                yield pair
        while window:
            pool, pair = _settle(window.popleft(), pool, window, task, entry_result, died_result, workers, context)
            yield pair
    finally:
        _stop(pool)


def _submit(pool: concurrent.futures.ProcessPoolExecutor, task: Callable[[Input], T],
            item: Input) -> concurrent.futures.Future[T]:
    """Submit, or, when a worker has just died and the pool refuses work, a future that
    says so (the input is then run again alone, see :func:`_settle`)."""
    try:
        return pool.submit(task, item)
    except BrokenProcessPool as exc:
        failed: concurrent.futures.Future[T] = concurrent.futures.Future()
        failed.set_exception(exc)
        return failed


def _worker_init() -> None:
    """Workers leave Ctrl-C and termination to the parent, which stops them itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def _pool(workers: int, context: Any) -> concurrent.futures.ProcessPoolExecutor:
    return concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init)


def _stop(pool: concurrent.futures.ProcessPoolExecutor) -> None:
    """Shut the pool down without waiting for a stuck worker: its processes are ended."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # None once shut down
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()


def _settle(
    pair: tuple[Item, concurrent.futures.Future[T] | None],
    pool: concurrent.futures.ProcessPoolExecutor,
    window: collections.deque[tuple[Item, concurrent.futures.Future[T] | None]],
    task: Callable[[Input], T],
    entry_result: Callable[[Entry], T],
    died_result: Callable[[Input, QizhiParserError], T],
    workers: int,
    context: Any,
) -> tuple[concurrent.futures.ProcessPoolExecutor, tuple[Item, T]]:
    item, future = pair
    if isinstance(item, Entry) or future is None:
        assert isinstance(item, Entry)
        return pool, (item, entry_result(item))
    try:
        return pool, (item, future.result())
    except BrokenProcessPool:
        pass
    # A worker died: every future of this pool is lost. Run this input and the others in
    # flight again, each alone in a fresh one-worker pool, so the input that kills its
    # worker is the only one that pays for it; then go on with a new pool.
    _stop(pool)
    result = _alone(item, task, died_result, context)
    rerun: list[tuple[Item, concurrent.futures.Future[T] | None]] = []
    fresh = _pool(workers, context)
    for other, other_future in window:
        if isinstance(other, Entry) or other_future is None:
            rerun.append((other, None))
            continue
        if other_future.done() and not other_future.cancelled() and other_future.exception() is None:
            rerun.append((other, other_future))
            continue
        solo = _alone(other, task, died_result, context)
        done: concurrent.futures.Future[T] = concurrent.futures.Future()
        done.set_result(solo)
        rerun.append((other, done))
    window.clear()
    window.extend(rerun)
    return fresh, (item, result)


def _alone(item: Input, task: Callable[[Input], T], died_result: Callable[[Input, QizhiParserError], T],
           context: Any) -> T:
    pool = _pool(1, context)
    try:
        return pool.submit(task, item).result()
    except BrokenProcessPool:
        return died_result(item, WorkerDiedError(f"the worker parsing {item.name} died (killed, or out of memory)"))
    finally:
        _stop(pool)


# ------------------------------------------------------------------ records


def display_name(name: str) -> str:
    """A name as text that encodes: surrogate-escaped bytes of a non-UTF-8 file name
    shown as ``\\xNN``."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


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


def _why(exc: BaseException) -> str:
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
