"""Reading one input of a batch: what a file is by its content, and its page bytes within the limit.

An input is judged by its bytes, not its name: a gzip, bzip2 or xz body saved as ``.html`` is
decompressed, a WARC archive or a tar archive is expanded whatever it is called, and a file of
another kind (an image, a PDF, zstd data) is named for what it is. The only module that uses
``filetype`` (a maintained table of some eighty formats' magic numbers; checked once a file,
beside its read, where its cost does not count).
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import stat
import zlib
from collections.abc import Callable
from typing import IO, Any, Literal

import filetype

from ..errors import InputTooLargeError, ReadError
from ..reading import read_bounded
from ..settings import SNIFF_HEAD
from .names import display_name

__all__ = ["Kind", "inflate", "kind_of", "read_page", "special"]

Kind = Literal["page", "warc", "tar", "compressed", "binary"]

#: How much of a file is looked at to tell what it is.
HEAD = SNIFF_HEAD

#: Compressions read transparently (a saved page that was never decompressed).
_OPENERS: dict[str, Callable[..., Any]] = {
    "application/gzip": gzip.open, "application/x-bzip2": bz2.open, "application/x-xz": lzma.open,
}


def special(path: str) -> str | None:
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


def _inflated_head(head: bytes) -> bytes:
    """The first bytes of a gzip stream, decompressed (as far as ``head`` goes)."""
    try:
        return zlib.decompressobj(31).decompress(head, HEAD)
    except zlib.error:
        return b""


def kind_of(head: bytes) -> tuple[Kind, str]:
    """What a file is by its first bytes, and how to call it.

    >>> kind_of(b"<html>")[0], kind_of(b"WARC/1.0\\r\\n")[0], kind_of(b"\\x89PNG\\r\\n\\x1a\\n" + bytes(30))
    ('page', 'warc', ('binary', 'a PNG file (image/png)'))
    """
    if head.startswith(b"WARC/"):
        return "warc", "a WARC archive"
    guess = filetype.guess(head) if head else None
    if guess is None:
        return "page", "a page"
    if guess.mime == "application/gzip":
        inner = _inflated_head(head)
        if inner.startswith(b"WARC/"):
            return "warc", "a gzip-compressed WARC archive"
        if inner[257:262] == b"ustar":  # a tar header's magic
            return "tar", "a gzip-compressed tar archive"
    if guess.mime == "application/x-tar":
        return "tar", "a tar archive"
    if guess.mime in _OPENERS:
        return "compressed", f"{guess.extension}-compressed data"
    if guess.mime == "application/zstd":
        return "binary", "zstd-compressed data (decompress it first: zstd -d)"
    return "binary", f"a {guess.extension.upper()} file ({guess.mime})"


def read_head(path: str) -> bytes:
    """The first bytes of a regular file (OSError when it cannot be read)."""
    with open(path, "rb") as handle:
        return handle.read(HEAD)


def read_page(path: str, name: str, max_bytes: int | None) -> bytes:
    """The page bytes of a file, decompressed when it is gzip, bzip2 or xz data, read no further
    than ``max_bytes`` (of the page); ReadError when it cannot be read, InputTooLargeError past
    the limit."""
    shown = display_name(name)
    what = special(path)
    if what is not None:
        raise ReadError(f"cannot read {shown}: it is {what}, not a regular file")
    try:
        with open(path, "rb") as raw:
            head = raw.read(HEAD)
            guess = filetype.guess(head) if head else None
            raw.seek(0)
            opener = _OPENERS.get(guess.mime) if guess is not None else None
            if opener is None:
                return _bounded(raw, max_bytes, path)
            with opener(raw, "rb") as inflated:
                return _bounded(inflated, max_bytes, None)
    except InputTooLargeError:
        raise
    except (OSError, EOFError, zlib.error, lzma.LZMAError) as exc:
        message = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise ReadError(f"cannot read {shown}: {message}") from None


def inflate(data: bytes, name: str, max_bytes: int | None) -> bytes:
    """Page bytes already read (stdin, a tar member): decompressed when they are gzip, bzip2 or
    xz data, within the limit; as they are otherwise."""
    guess = filetype.guess(data[:HEAD]) if data[:1] in _COMPRESSED_FIRST else None  # a page is not sniffed
    opener = _OPENERS.get(guess.mime) if guess is not None else None
    if opener is None:
        return data
    try:
        with opener(io.BytesIO(data), "rb") as inflated:
            return read_bounded(inflated, max_bytes)
    except (OSError, EOFError, zlib.error, lzma.LZMAError) as exc:
        raise ReadError(f"cannot read {display_name(name)}: {exc or type(exc).__name__}") from None


#: The first bytes of gzip, bzip2 and xz data (the rest of a page is not sniffed).
_COMPRESSED_FIRST = (b"\x1f", b"B", b"\xfd")


def _bounded(stream: IO[bytes], max_bytes: int | None, path: str | None) -> bytes:
    try:
        return read_bounded(stream, max_bytes)
    except InputTooLargeError as exc:
        size = os.stat(path).st_size if path is not None else exc.size
        raise InputTooLargeError(max(size, exc.size), exc.limit) from None
