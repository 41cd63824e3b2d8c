"""Running a task over many inputs in worker processes: one result an input, in input order.

The pool is pebble's ``ProcessPool`` (a maintained pool that kills and replaces a worker whose
task runs past its time limit, and tells which task a dead worker held — what a hand-written
pool over ``concurrent.futures`` got only by re-running every input in flight one at a time).
Around it:

- a bounded window: at most ``4 × workers`` inputs are in flight, so memory does not grow with
  the number of inputs (an endless stream works);
- every outcome is that input's result: a time-out (``on_timeout``), a dead worker
  (``on_died``), an exception the task raised (``on_error``), never the run's end;
- workers leave Ctrl-C and termination to the parent, write nothing to its stdout (a reader
  of the output never waits on a worker), and end when the parent ends, even when it is
  killed outright (they watch for it).
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import Any, TypeVar

from ..errors import InputTimeoutError, QizhiParserError, WorkerDiedError
from ..settings import DEFAULT_MAX_BYTES, MAX_UNEXPECTED_MESSAGE, PARENT_WATCH, STOP_GRACE
from .inputs import file_items
from .items import Entry, Input, Item
from .names import display_name

__all__ = ["available_cpus", "map_inputs", "unexpected"]

T = TypeVar("T")



def available_cpus() -> int:
    """The CPUs this process may use (its affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def unexpected(item: Input, exc: BaseException) -> QizhiParserError:
    """An exception a task should not have raised, as the input's error."""
    message = f"unexpected {type(exc).__name__} while parsing {display_name(item.name)}: {exc}"
    return QizhiParserError(message[:MAX_UNEXPECTED_MESSAGE])


def _watch_parent(parent: int) -> None:
    """End this worker when its parent is gone (killed with SIGKILL, it could not stop us)."""
    while True:
        time.sleep(PARENT_WATCH)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except OSError:  # alive, owned by someone else: impossible for our parent; keep watching
            pass
        if os.getppid() == 1:  # reparented to init: the parent (or the forkserver) is gone
            os._exit(1)


def _worker_init(parent: int) -> None:
    """Workers leave Ctrl-C and termination to the parent, which stops them itself; they write
    nothing to its stdout (a downstream reader must not wait on them); they end with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:  # pragma: no cover - /dev/null always opens
        pass
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the worker's for its whole life
    threading.Thread(target=_watch_parent, args=(parent,), name="qizhi-parent-watch", daemon=True).start()


def _items(inputs: Iterable[Input | Entry | str | os.PathLike[str]], max_bytes: int | None) -> Iterator[Item]:
    for entry in inputs:
        if isinstance(entry, (Input, Entry)):
            yield entry
        else:
            yield from file_items(os.fspath(entry), max_bytes)


def map_inputs(
    inputs: Iterable[Input | Entry | str | os.PathLike[str]],
    task: Callable[[Input], T],
    *,
    on_entry: Callable[[Entry], T] | None = None,
    on_died: Callable[[Input, QizhiParserError], T] | None = None,
    on_timeout: Callable[[Input, QizhiParserError], T] | None = None,
    on_error: Callable[[Input, QizhiParserError], T] | None = None,
    workers: int | None = None,
    timeout: float | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    start_method: str | None = None,
) -> Generator[tuple[Item, T], None, None]:
    """Run a picklable ``task`` over inputs in worker processes, yielding one result an input,
    in input order, with a bounded window. Entries (failures and skips known before parsing)
    become ``on_entry(entry)`` (default: their outcome). An input whose task runs past
    ``timeout`` seconds has its worker killed and replaced and becomes
    ``on_timeout(item, InputTimeoutError)``; one whose worker dies (killed, out of memory)
    ``on_died(item, WorkerDiedError)``; one whose task raises ``on_error(item, error)``. The
    defaults give the error itself. With one worker and no timeout the task runs in this process.
    """
    workers = workers or available_cpus()
    outcome = _Outcomes(on_entry, on_died, on_timeout, on_error, timeout)
    items = _items(inputs, max_bytes)
    if workers <= 1 and not timeout:
        for item in items:
            yield item, (outcome.entry(item) if isinstance(item, Entry) else _inline(task, item, outcome.failed))
        return
    from pebble import ProcessPool

    context = multiprocessing.get_context(start_method) if start_method else multiprocessing.get_context()
    pool = ProcessPool(max_workers=workers, initializer=_worker_init, initargs=(os.getpid(),), context=context)
    window: collections.deque[tuple[Item, Any]] = collections.deque()
    try:
        for item in items:
            future = None if isinstance(item, Entry) else pool.schedule(task, (item,), timeout=timeout)
            window.append((item, future))
            while len(window) >= 4 * workers or (window and window[0][1] is None):
                yield outcome.settle(*window.popleft())
        while window:
            yield outcome.settle(*window.popleft())
    finally:
        _stop(pool)


_OnError = Callable[[Input, QizhiParserError], Any]


class _Outcomes:
    """What each way an input can end becomes (the callbacks of :func:`map_inputs`)."""

    def __init__(self, on_entry: Callable[[Entry], Any] | None, on_died: _OnError | None,
                 on_timeout: _OnError | None, on_error: _OnError | None, timeout: float | None) -> None:
        self.entry: Callable[[Entry], Any] = on_entry or (lambda e: e.outcome)
        self.died: Callable[[Input, QizhiParserError], Any] = on_died or (lambda i, e: e)
        self.timed_out: Callable[[Input, QizhiParserError], Any] = on_timeout or (lambda i, e: e)
        self.failed: Callable[[Input, QizhiParserError], Any] = on_error or (lambda i, e: e)
        self.timeout = timeout

    def settle(self, item: Item, future: Any) -> tuple[Item, Any]:
        """The result of the oldest input in flight, waiting for it."""
        from pebble import ProcessExpired

        if isinstance(item, Entry):
            return item, self.entry(item)
        try:
            return item, future.result()
        except concurrent.futures.TimeoutError:
            return item, self.timed_out(item, InputTimeoutError(
                f"parsing {display_name(item.name)} took longer than {self.timeout:g} s; its worker was stopped"))
        except ProcessExpired as exc:
            return item, self.died(item, WorkerDiedError(
                f"the worker parsing {display_name(item.name)} died (exit code {exc.exitcode}: killed, or out of "
                "memory)"))
        except Exception as exc:  # the task raised: that input's error, never the run's end
            return item, self.failed(item, unexpected(item, exc))


def _inline(task: Callable[[Input], T], item: Input, failed: Callable[[Input, QizhiParserError], T]) -> T:
    try:
        return task(item)
    except Exception as exc:  # the task raised: that input's error, never the run's end
        return failed(item, unexpected(item, exc))


def _stop(pool: Any) -> None:
    """Stop the pool without waiting for a stuck worker: its processes are ended."""
    pool.stop()
    with contextlib.suppress(Exception):  # pebble raises when join times out on a stuck worker
        pool.join(timeout=STOP_GRACE)
