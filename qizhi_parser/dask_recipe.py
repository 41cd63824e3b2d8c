"""Scale out on Dask: WARC archives, folders and page files with ``dask.bag``, one file a task.

Install with ``pip install 'qizhi-parser[dask]'``. Every task is a plain, picklable function
of its file (no global state), so the same code runs on the local scheduler and on a
distributed cluster::

    from qizhi_parser.dask_recipe import to_jsonl

    if __name__ == "__main__":  # needed by the process scheduler's spawn start method
        to_jsonl(["crawl/2024-05/"], "out/")          # folders, .warc.gz files, pages

Each line is the record the command line writes for the same input, byte for byte (one
writer, :func:`qizhi_parser.batch.json_record`): ``{"input", "url", "warc_record_id",
"warc_date", "parser_version", "article" | "error" | "skipped"}``, Chinese text as UTF-8, one
record for every input, failed and skipped ones included. The command line's bounds hold
in every task: ``max_bytes`` a record, ``timeout`` a record (parsed in a child process that is
killed when it runs over; in a daemonic worker, by SIGALRM where that works). Records are
streamed: a task holds one record at a time, whatever the archive's size. Every part file
ends with a newline, so ``cat out/part-*.jsonl`` is valid JSON Lines.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterable, Iterator
from typing import Any

from .batch import Entry, Input, parse_input
from .batch import record as batch_record
from .batch.cluster import file_lines, list_files, partitions
from .batch.cluster import options as cluster_options
from .batch.records import check_fields
from .convert import Script
from .options import Options
from .settings import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT

__all__ = ["files_bag", "lines_bag", "record", "to_jsonl", "warc_bag"]


def record(item: Input | Entry, *, strict: bool = False, script: Script | None = None,
           timeout: float | None = DEFAULT_TIMEOUT) -> dict[str, Any]:
    """Parse one input into the record the CLI writes, as a dict (never raises); ``script``
    (``Hans``/``Hant``) converts the Article."""
    if isinstance(item, Entry):
        return batch_record(item, item.outcome)
    return batch_record(item, parse_input(item, strict=strict, script=script, timeout=timeout or None))


def _file_partition(groups: Iterable[list[str]], *, options: Options,
                    fields: frozenset[str] | None) -> Iterator[str]:
    for paths in groups:
        for path in paths:
            for line in file_lines(path, options=options, fields=fields):
                yield line.rstrip("\n")


def lines_bag(paths: Iterable[str], *, npartitions: int | None = None, strict: bool = False,
              script: Script | None = None, timeout: float | None = DEFAULT_TIMEOUT,
              max_bytes: int | None = DEFAULT_MAX_BYTES, fields: Iterable[str] | None = None) -> Any:
    """A ``dask.bag`` of JSON Lines records (strings without the newline): every record of
    every WARC archive, tar archive and page among ``paths`` (folders walked, patterns such
    as ``crawl/**/*.html`` expanded). Each archive is a partition of its own and pages go 100
    a partition, unless ``npartitions`` is given."""
    import dask.bag as db

    options = cluster_options(strict, script, timeout, max_bytes)
    groups = partitions(list_files(paths), npartitions)
    partition = functools.partial(_file_partition, options=options, fields=check_fields(fields))
    return db.from_sequence(groups, npartitions=max(1, len(groups))).map_partitions(partition)


def warc_bag(archives: Iterable[str], *, strict: bool = False, script: Script | None = None,
             timeout: float | None = DEFAULT_TIMEOUT, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Any:
    """A ``dask.bag`` of records as dicts, one per input of the archives (one partition a file)."""
    return lines_bag(archives, strict=strict, script=script, timeout=timeout, max_bytes=max_bytes).map(json.loads)


def files_bag(patterns: Iterable[str], *, npartitions: int | None = None, strict: bool = False,
              script: Script | None = None) -> Any:
    """A ``dask.bag`` of records as dicts, one per input of the files (folders walked); kept
    for the recipes of 0.1 — :func:`lines_bag` gives the lines."""
    return lines_bag(patterns, npartitions=npartitions, strict=strict, script=script).map(json.loads)


def to_jsonl(paths: Iterable[str], out_dir: str, *, npartitions: int | None = None, strict: bool = False,
             script: Script | None = None, timeout: float | None = DEFAULT_TIMEOUT,
             max_bytes: int | None = DEFAULT_MAX_BYTES, fields: Iterable[str] | None = None,
             **compute: Any) -> list[str]:
    """Parse files, folders and archives and write JSON Lines, one part file a partition, each
    ending with a newline; returns the part files' names."""
    os.makedirs(out_dir, exist_ok=True)
    bag = lines_bag(paths, npartitions=npartitions, strict=strict, script=script, timeout=timeout,
                    max_bytes=max_bytes, fields=fields)
    written: list[str] = bag.to_textfiles(os.path.join(out_dir, "part-*.jsonl"), last_endline=True, **compute)
    return written


#: The name of 0.1, kept: page files (and now archives) to JSON Lines.
files_to_jsonl = to_jsonl
