"""Reading input bytes within a limit: the one place a file or stream is read whole."""

from __future__ import annotations

import os
from typing import Any

from .errors import InputTooLargeError
from .settings import READ_CHUNK

__all__ = ["read_bounded", "read_file"]



def read_bounded(stream: Any, max_bytes: int | None) -> bytes:
    """Up to ``max_bytes + 1`` bytes of a binary stream, never more (so a 3 GiB body or
    /dev/zero costs at most the limit). Raises InputTooLargeError past the limit."""
    if max_bytes is None:
        data: bytes = stream.read()
        return data
    parts: list[bytes] = []
    size = 0
    while size <= max_bytes:
        chunk = stream.read(min(READ_CHUNK, max_bytes + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    if size > max_bytes:
        raise InputTooLargeError(size, max_bytes)
    return b"".join(parts)


def read_file(path: str | os.PathLike[str], max_bytes: int | None) -> bytes:
    """A file's bytes, read no further than ``max_bytes + 1``; InputTooLargeError (with the
    file's size when it has one) past the limit, OSError when it cannot be read."""
    with open(path, "rb") as handle:
        try:
            return read_bounded(handle, max_bytes)
        except InputTooLargeError as exc:
            size = os.fstat(handle.fileno()).st_size
            raise InputTooLargeError(max(size, exc.size), exc.limit) from None
