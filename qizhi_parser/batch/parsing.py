"""Parsing the inputs of a batch: one input (:func:`parse_input`), many in parallel (:func:`parse_many`)."""

from __future__ import annotations

import dataclasses
import functools
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..core import parse
from ..decode import normalize_charset
from ..errors import InputTimeoutError, QizhiParserError
from ..found import issue
from ..options import Options, RunKeywords, resolve
from ..settings import MAX_URL_ARGUMENT
from .items import Entry, Input, Item, Result
from .pool import map_inputs, unexpected
from .reading import inflate, read_page

if sys.version_info >= (3, 11):  # pragma: no cover - the version CI runs
    from typing import Unpack
else:  # pragma: no cover
    from typing_extensions import Unpack

__all__ = ["parse_input", "parse_many"]


class _Alarm(BaseException):
    """The clock of an in-process time limit: a BaseException, so that no ``except Exception``
    of the parser (its per-field guards) can take it for a failed field."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise _Alarm


def _timed(seconds: float | None, call: Callable[[], Result]) -> Result:
    """Run ``call`` in this process, ended after ``seconds`` by SIGALRM where that is possible
    (the main thread of a process on a POSIX system); elsewhere without a limit. A batch runs
    its time limits in the pool instead (:func:`~.pool.map_inputs`), where the worker is killed."""
    usable = (seconds is not None and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        return call()
    assert seconds is not None
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return call()
    except _Alarm:
        return InputTimeoutError(f"parsing took longer than {seconds:g} s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _page(item: Input, max_bytes: int | None) -> bytes:
    if item.data is not None:
        return inflate(item.data, item.name, max_bytes)
    assert item.path is not None
    return read_page(item.path, item.name, max_bytes)


def _usable_url(url: str | None) -> tuple[str | None, str | None]:
    """The input's URL as parse takes it, or None and why it was not used (a WARC target URI
    over the limit costs the URL, never the input)."""
    if url is not None and len(url) > MAX_URL_ARGUMENT:
        return None, f"the input's URL ({len(url):,} characters, over {MAX_URL_ARGUMENT:,}) was not used"
    return url, None


def parse_input(item: Input, *, options: Options | None = None, **keywords: Unpack[RunKeywords]) -> Result:
    """Parse one input; every failure comes back as its error (a QizhiParserError), never raised.
    The options (:class:`~qizhi_parser.options.Options`, or the same as keywords) are those of
    :func:`~qizhi_parser.parse`, and ``timeout``, which ends an input that takes longer
    (InputTimeoutError; in this process by SIGALRM, so on POSIX in the main thread only —
    :func:`parse_many` ends it in its worker instead)."""
    opts = resolve(options, keywords, "parse_input", batch=True)

    def run() -> Result:
        # a transport charset that is no web encoding label is ignored, as a browser does
        charset = item.charset if normalize_charset(item.charset) else None
        url, unused = _usable_url(item.url)
        article = parse(_page(item, opts.max_bytes), url=url, charset=charset, options=opts)
        if unused is not None:
            article = article.model_copy(update={"issues": [*article.issues, issue("url", "unsafe-url", unused)]})
        return article

    try:
        return _timed(opts.timeout, run)
    except QizhiParserError as exc:
        return exc
    except Exception as exc:  # whatever one input raises is that input's error, never the run's end
        return unexpected(item, exc)


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

    ``inputs`` are :class:`Input` records or paths (a path to a WARC or tar archive gives
    one input per record or member). ``workers`` processes parse in parallel (default: the
    CPUs this process may use). At most ``4 × workers`` inputs are in flight, so memory does not
    grow with the number of inputs. The options are those of :func:`parse_input`, checked here,
    before any input is read (an unknown ``script`` raises ValueError, a missing OpenCC
    MissingExtraError, a bad template file TemplateError); ``timeout`` (default 60 s) ends an
    input by stopping its worker, which is replaced: an InputTimeoutError for that input only.
    ``start_method`` picks the multiprocessing start method (``fork``, ``spawn``,
    ``forkserver``; default: the platform's). Under ``spawn`` and ``forkserver`` the calling
    script must guard its entry point with ``if __name__ == "__main__":``.
    """
    opts = resolve(options, keywords, "parse_many", batch=True)
    task = functools.partial(parse_input, options=dataclasses.replace(opts, timeout=None))
    return map_inputs(inputs, task, workers=workers, timeout=opts.timeout, max_bytes=opts.max_bytes,
                      start_method=start_method)

