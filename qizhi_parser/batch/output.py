"""Writing a run's records so that none is lost, torn or written twice.

- **Locked**: an output file is locked (``flock``) before anything in it is touched; a second run
  on the same file gets :class:`OutputError` at once, and the first run's records stay whole.
- **Whole records**: each record is written with one loop of ``os.write``; when a write fails
  (disk full, file too large), the file is cut back to the end of the last whole record and the
  run stops with :class:`OutputError`. A CSV row or a JSON line is never left half written.
- **Compressed output that survives a kill**: ``.gz`` output is written a gzip member a record,
  so everything written before a ``kill -9`` decompresses (a reader stops at the torn member),
  and ``--resume`` cuts the torn member off.
- **Resume**: the records already in the output are read back (JSON Lines, plain or ``.gz``); a
  torn last record is cut off; a file that is not this tool's output is refused; records of
  failures that can change on another try (a truncated archive, a time-out, a read error, a dead
  worker) are taken out, so their inputs are parsed again and written once.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import stat
import sys
import tempfile
import zlib
from collections.abc import Iterator
from typing import IO

from ..errors import QizhiParserError
from ..settings import READ_CHUNK
from .names import display_name

__all__ = ["RETRIED", "Output", "OutputError", "lock_exclusive"]

#: Error types whose cause can change between runs: their inputs are parsed again on --resume.
RETRIED = frozenset({"ArchiveError", "InputTimeoutError", "ReadError", "WorkerDiedError"})


class OutputError(QizhiParserError):
    """The output cannot be written (locked by another run, disk full, unwritable, not this
    tool's output): the run cannot go on."""


def lock_exclusive(fd: int, shown: str) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, said in the README
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise OutputError(f"--output {shown} is being written by another run (it is locked); "
                          "give each run its own output file") from None
    except OSError:  # a file system without locks (some network mounts): written unlocked
        pass


class Output:
    """One run's output: a file (locked, records whole, optionally gzip) or stdout."""

    def __init__(self, path: str | None, *, resume: bool = False) -> None:
        self.path = path if path not in (None, "-") else None
        self.shown = display_name(path) if path else "stdout"
        self.gz = bool(self.path and self.path.endswith(".gz"))
        self.fd = -1
        self.good = 0
        """Where the last whole record ends (a failed write is cut back to it)."""
        self.done: set[str] = set()
        """The inputs the output already records (``resume``)."""
        self.written = 0
        if self.path is not None:
            self._open(self.path, resume)

    def _open(self, path: str, resume: bool) -> None:
        if resume:
            _check_resumable(path, self.shown)
        try:
            self.fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)  # not truncated before the lock is held
        except OSError as exc:
            raise OutputError(f"cannot write --output {self.shown}: {exc.strerror or exc}") from None
        try:
            lock_exclusive(self.fd, self.shown)
            if stat.S_ISREG(os.fstat(self.fd).st_mode):
                self.good = _resume(self.fd, self.shown, self.gz, self.done) if resume else self._truncate(0)
        except BaseException:
            os.close(self.fd)
            raise

    def _truncate(self, size: int) -> int:
        try:
            os.ftruncate(self.fd, size)
            os.lseek(self.fd, size, os.SEEK_SET)
        except OSError as exc:
            raise OutputError(f"cannot write --output {self.shown}: {exc.strerror or exc}") from None
        return size

    def write(self, text: str) -> None:
        """Write one record whole, or cut the file back and raise OutputError (BrokenPipeError on
        stdout when its reader went away)."""
        data = text.encode("utf-8", "surrogateescape")
        if self.gz:
            data = gzip.compress(data, mtime=0)
        try:
            if self.path is None:
                _to_stdout(data)
            else:
                view = memoryview(data)
                while view:
                    view = view[os.write(self.fd, view) :]
        except BrokenPipeError:
            raise
        except OSError as exc:
            if self.path is not None:
                with contextlib.suppress(OSError):
                    os.ftruncate(self.fd, self.good)
            raise OutputError(f"cannot write --output {self.shown}: {exc.strerror or exc}; it holds the "
                              f"{self.written:,} records written before") from None
        self.good += len(data)
        self.written += 1

    def close(self) -> None:
        if self.path is None:
            return
        with contextlib.suppress(OSError):
            os.fsync(self.fd)
        os.close(self.fd)


def _to_stdout(data: bytes) -> None:
    """Records on stdout go through ``sys.stdout`` (a program that replaced it gets them), flushed
    at once: a reader sees each record as it is written."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is not None:
        stream.write(data)
        stream.flush()
    else:
        sys.stdout.write(data.decode("utf-8", "surrogateescape"))
        sys.stdout.flush()


# ------------------------------------------------------------------ resume


def _check_resumable(path: str, shown: str) -> None:
    """Refuse what cannot be resumed without reading forever or failing half-way."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"--resume: cannot read --output {shown}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):
        raise OutputError(f"--resume needs a regular --output file; {shown} is not one")
    if not os.access(path, os.R_OK | os.W_OK):
        raise OutputError(f"--resume: --output {shown} is not readable and writable")


def _lines(fd: int, gz: bool) -> Iterator[tuple[bytes, int]]:
    """The lines of an output read back, each with the offset just after it in the file; a
    torn last line (or gzip member) ends the lines."""
    os.lseek(fd, 0, os.SEEK_SET)
    with os.fdopen(os.dup(fd), "rb") as handle:
        yield from (_gzip_lines(handle) if gz else _plain_lines(handle))


def _plain_lines(handle: IO[bytes]) -> Iterator[tuple[bytes, int]]:
    offset = 0
    for line in handle:
        if not line.endswith(b"\n"):
            return
        offset += len(line)
        yield line, offset


def _gzip_lines(handle: IO[bytes]) -> Iterator[tuple[bytes, int]]:
    """The lines of a gzip file written a member a record, with the end of each member."""
    offset = 0
    pending = b""
    decompressor = zlib.decompressobj(31)
    buffered = b""
    while True:
        chunk = handle.read(READ_CHUNK)
        if not chunk:
            return
        data = chunk
        while data:
            try:
                pending += decompressor.decompress(data)
            except zlib.error:
                return
            if not decompressor.eof:
                offset += len(data)
                data = b""
                continue
            rest = decompressor.unused_data
            offset += len(data) - len(rest)
            buffered += pending
            pending = b""
            if buffered.endswith(b"\n"):
                for line in buffered.splitlines(keepends=True)[:-1]:
                    yield line, -1
                yield buffered.splitlines(keepends=True)[-1], offset
                buffered = b""
            decompressor = zlib.decompressobj(31)
            data = rest


def _record_of(line: bytes) -> dict[str, object] | None:
    try:
        found = json.loads(line)
    except ValueError:
        return None
    if not isinstance(found, dict) or not isinstance(found.get("input"), str):
        return None
    return found if {"article", "error", "skipped"} & set(found) else None


def _retried(found: dict[str, object]) -> bool:
    error = found.get("error")
    return isinstance(error, dict) and error.get("type") in RETRIED


def _resume(fd: int, shown: str, gz: bool, done: set[str]) -> int:
    """Read the output back: the inputs it records go to ``done``; a torn last record is cut
    off and the records of retried failures are taken out. Returns where the output now ends."""
    keep_end = 0
    retried = 0
    for count, (line, end) in enumerate(_lines(fd, gz)):
        found = _record_of(line)
        if found is None:
            if count == 0:
                raise OutputError(f"--resume: --output {shown} is not a qizhi-parse JSON Lines output "
                                  "(its first line is no record); refusing to write into it")
            raise OutputError(f"--resume: line {count + 1} of --output {shown} is no qizhi-parse record; "
                              "refusing to write into it")
        if _retried(found):
            retried += 1
        else:
            done.add(str(found["input"]))
        if end >= 0:
            keep_end = end
    _check_torn_tail(fd, keep_end, shown, gz)
    if retried:
        return _rewrite_without_retried(fd, shown, gz)
    os.ftruncate(fd, keep_end)
    os.lseek(fd, keep_end, os.SEEK_SET)
    return keep_end


#: How every record this tool writes begins.
_RECORD_START = b'{"input"'


def _check_torn_tail(fd: int, end: int, shown: str, gz: bool) -> None:
    """The bytes after the last whole record must be the start of a record cut short by a
    kill; anything else means the file is not this tool's output, and it is refused."""
    size = os.fstat(fd).st_size
    if end >= size:
        return
    os.lseek(fd, end, os.SEEK_SET)
    tail = os.read(fd, READ_CHUNK)
    if gz:
        try:
            tail = zlib.decompressobj(31).decompress(tail, len(_RECORD_START))
        except zlib.error:
            tail = b""
    if not (_RECORD_START.startswith(tail[: len(_RECORD_START)]) and tail):
        raise OutputError(f"--resume: --output {shown} ends with {size - end:,} bytes that are no qizhi-parse "
                          "record; refusing to write into it")


def _rewrite_without_retried(fd: int, shown: str, gz: bool) -> int:
    """Write the output again without the records of retried failures (in place: the lock is on
    this file), through a temporary copy of what is kept."""
    with tempfile.TemporaryFile() as kept:
        for line, _end in _lines(fd, gz):
            found = _record_of(line)
            if found is not None and not _retried(found):
                kept.write(gzip.compress(line, mtime=0) if gz else line)
        size = kept.tell()
        kept.seek(0)
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            while chunk := kept.read(READ_CHUNK):
                view = memoryview(chunk)
                while view:
                    view = view[os.write(fd, view) :]
        except OSError as exc:
            raise OutputError(f"--resume: cannot write --output {shown}: {exc.strerror or exc}") from None
    return size

