"""One file as a cluster task: its records as the command line writes them.

:func:`file_lines` is what a Dask or Spark task runs for one file — a WARC archive (every
response record), a tar archive or a page — with the command line's bounds: ``max_bytes``
a record, ``timeout`` a record (the record is parsed in a child process that is killed when
it runs over, as the command line's pool does), and one record a line for every input,
failed and skipped ones included. Lines are yielded as they are made, so a task's memory is
one record's, whatever the archive's size. Everything here is a plain function of its
arguments: picklable, no global state.
"""

from __future__ import annotations

import dataclasses
import functools
import glob
import json
import multiprocessing
import os
import tempfile
from collections.abc import Iterable, Iterator

from ..convert import Script
from ..errors import QizhiParserError
from ..options import Options
from ..settings import PAGES_PER_TASK
from .inputs import DEFAULT_GLOBS, file_items, is_archive_name, matches
from .items import Entry, Input, Skipped
from .parsing import parse_input
from .pool import map_inputs
from .reading import HEAD, kind_of
from .records import json_record, json_string

__all__ = ["data_lines", "file_lines", "list_files", "options", "partitions"]


def _line(item: Input, *, options: Options, fields: frozenset[str] | None) -> str:
    return json_record(item, parse_input(item, options=options), fields)


def _failed(item: Input, error: QizhiParserError, *, fields: frozenset[str] | None) -> str:
    return json_record(item, error, fields)


def _entry(entry: Entry, *, fields: frozenset[str] | None) -> str:
    return json_record(entry, entry.outcome, fields)


def options(strict: bool, script: Script | None, timeout: float | None, max_bytes: int | None) -> Options:
    """The options of a cluster recipe's keywords (a ``timeout`` of 0 or None: no limit)."""
    return Options.of(strict=strict, script=script, timeout=timeout or None, max_bytes=max_bytes)


def file_lines(path: str, *, options: Options, fields: frozenset[str] | None = None,
               isolate: bool = True) -> Iterator[str]:
    """The JSON Lines records (newline included) of one file's inputs, in order. With
    ``isolate`` and a ``timeout``, each input is parsed in a child process that is replaced
    when it runs over (InputTimeoutError) or dies (WorkerDiedError); else in this process, the
    time limit kept by SIGALRM where that works (the main thread of a POSIX process)."""
    # a daemonic process (a Dask worker's, some Spark deployments') may not start children: there the
    # time limit is the in-process one (SIGALRM, in the main thread), as parse_input keeps it
    isolate = isolate and bool(options.timeout) and not multiprocessing.current_process().daemon
    task = functools.partial(_line, options=dataclasses.replace(options, timeout=None) if isolate else options,
                             fields=fields)
    failed = functools.partial(_failed, fields=fields)
    results = map_inputs(
        file_items(path, options.max_bytes), task, workers=1,
        timeout=options.timeout if isolate else None, max_bytes=options.max_bytes,
        on_entry=functools.partial(_entry, fields=fields), on_died=failed, on_timeout=failed, on_error=failed,
    )
    try:
        for _item, line in results:
            yield line
    finally:
        results.close()


def data_lines(name: str, data: bytes, *, options: Options, fields: frozenset[str] | None = None) -> Iterator[str]:
    """The records of bytes already read (Spark's ``binaryFiles``), told by their content as a
    file is: a page, an archive (spooled to a temporary file and read record by record), or a
    file that is no page (skipped)."""
    kind, what = kind_of(data[:HEAD])
    if kind in ("warc", "tar"):
        with tempfile.TemporaryDirectory() as folder:
            spool = os.path.join(folder, os.path.basename(name) or "archive")
            with open(spool, "wb") as handle:
                handle.write(data)
            for line in file_lines(spool, options=options, fields=fields):
                yield _renamed(line, spool, name)
        return
    if kind == "binary":
        yield json_record(Entry(name, Skipped(f"not a page: {what}")), Skipped(f"not a page: {what}"), fields)
        return
    item = Input(name=name, data=data)
    yield json_record(item, parse_input(item, options=options), fields)


def _renamed(line: str, spool: str, name: str) -> str:
    """A record of a spooled archive, named as the archive was given (``name@offset``)."""
    given = json.loads(line)["input"]
    return '{"input":' + json_string(name + given[len(spool) :]) + line[line.index(',"url":') :]


def list_files(paths: Iterable[str], globs: Iterable[str] = DEFAULT_GLOBS) -> list[str]:
    """Files of paths as the command line takes them: a file as it is, a folder's files that
    match ``globs`` (recursively, in a stable order), and a pattern's matches
    (``crawl/**/*.html``) when no file has that name."""
    patterns = tuple(globs)
    found: list[str] = []
    for path in paths:
        if not os.path.exists(path) and any(c in path for c in "*?["):
            found.extend(sorted(glob.glob(path, recursive=True)))
        elif not os.path.isdir(path):
            found.append(path)
        else:
            for root, dirs, files in os.walk(path):
                dirs.sort()
                found.extend(os.path.join(root, name) for name in sorted(files)
                             if matches(os.path.relpath(os.path.join(root, name), path), name, patterns))
    return found


def partitions(files: list[str], count: int | None = None, pages: int = PAGES_PER_TASK) -> list[list[str]]:
    """Files grouped into tasks: each archive a task of its own, pages ``pages`` a task; or
    ``count`` tasks of about the same number of files when it is given."""
    if count:
        size = max(1, -(-len(files) // count))
        return [files[i : i + size] for i in range(0, len(files), size)]
    archives = [[path] for path in files if is_archive_name(path)]
    rest = [path for path in files if not is_archive_name(path)]
    return archives + [rest[i : i + pages] for i in range(0, len(rest), pages)]
