"""Exceptions raised by qizhi-parser.

Every error the library raises derives from :class:`QizhiParserError`, which is a
:class:`ValueError`, so ``except ValueError`` keeps working for callers that do not
care about the details. No lxml, regex, codec or pydantic exception escapes
:func:`qizhi_parser.parse`; they are wrapped in one of these.

::

    ValueError
     └── QizhiParserError            base of everything below
          ├── DecodeError            bytes no plausible encoding reads as text
          ├── NotAnArticleError      no headline and no body: list, error, empty or binary input
          ├── InputTooLargeError     input over the size limit (checked before any work)
          ├── MissingFieldError      strict mode: a required field is absent
          └── BatchError             an input of a batch failed for a reason outside its content
               ├── ReadError         the input could not be read (missing, a FIFO, device or socket, bad gzip)
               ├── ArchiveError      a WARC archive is damaged: reading stopped at a byte offset
               ├── WorkerDiedError   the worker process parsing the input died (killed, out of memory)
               └── InputTimeoutError the input took longer than the time limit

    ImportError
     └── MissingExtraError           a feature needs an optional dependency (an extra) not installed
"""

from __future__ import annotations

__all__ = [
    "ArchiveError",
    "BatchError",
    "DecodeError",
    "InputTimeoutError",
    "InputTooLargeError",
    "MissingExtraError",
    "MissingFieldError",
    "NotAnArticleError",
    "QizhiParserError",
    "ReadError",
    "WorkerDiedError",
]


class QizhiParserError(ValueError):
    """Base class of every error raised by qizhi-parser."""


class DecodeError(QizhiParserError):
    """The bytes are not text in any plausible encoding.

    ``offset`` is the byte offset of the first undecodable byte, when known.
    """

    def __init__(self, message: str, *, offset: int | None = None) -> None:
        super().__init__(message)
        self.offset = offset


class NotAnArticleError(QizhiParserError):
    """The input holds no article: neither a headline nor a body was found."""


class InputTooLargeError(QizhiParserError):
    """The input is larger than the configured ``max_bytes`` limit."""

    def __init__(self, size: int, limit: int, hint: str = "raise max_bytes= to accept it") -> None:
        super().__init__(f"input is {size:,} bytes, over the limit of {limit:,} bytes ({hint})")
        self.size = size
        self.limit = limit
        self.hint = hint

    def __reduce__(self) -> tuple[type[InputTooLargeError], tuple[int, int, str]]:
        return (type(self), (self.size, self.limit, self.hint))


class MissingFieldError(QizhiParserError):
    """Strict mode: a required field could not be extracted.

    ``fields`` names every missing field, not only the first.
    """

    def __init__(self, fields: list[str], details: list[str]) -> None:
        joined = "; ".join(details) if details else ", ".join(fields)
        super().__init__(f"missing required field(s) {', '.join(fields)}: {joined}")
        self.fields = fields
        self.details = details

    def __reduce__(self) -> tuple[type[MissingFieldError], tuple[list[str], list[str]]]:
        return (type(self), (self.fields, self.details))


class MissingExtraError(ImportError):
    """A feature needs an optional dependency that is not installed.

    ``extra`` names the extra that installs it: ``pip install 'qizhi-parser[EXTRA]'``.
    """

    def __init__(self, extra: str, feature: str) -> None:
        super().__init__(f"{feature} needs the optional dependency {extra!r}: pip install 'qizhi-parser[{extra}]'")
        self.extra = extra
        self.feature = feature

    def __reduce__(self) -> tuple[type[MissingExtraError], tuple[str, str]]:
        return (type(self), (self.extra, self.feature))


class BatchError(QizhiParserError):
    """An input of a batch failed for a reason outside its content."""


class ReadError(BatchError):
    """The input could not be read: missing, unreadable, a FIFO, device or socket, bad gzip."""


class ArchiveError(BatchError):
    """A WARC archive is damaged; the records before the damage were read."""


class WorkerDiedError(BatchError):
    """The worker process parsing the input died (killed, out of memory)."""


class InputTimeoutError(BatchError):
    """Parsing the input took longer than the time limit."""
