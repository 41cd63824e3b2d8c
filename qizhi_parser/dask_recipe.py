"""Scale out on Dask: parse files or WARC records with ``dask.bag``.

Install with ``pip install 'qizhi-parser[dask]'``. Everything the workers run is
a plain, picklable function of its input (no global state), so the same code
runs on the local scheduler and on a distributed cluster::

    from qizhi_parser.dask_recipe import files_to_jsonl

    if __name__ == "__main__":  # needed by the process scheduler's spawn start method
        files_to_jsonl(["crawl/2024-05/*.html"], "out/", npartitions=64)

Each output line is the record the command line writes: ``{"input": …, "article": {…}}``,
``{"input": …, "error": {…}}`` or ``{"input": …, "skipped": {…}}``, one per input;
every part file ends with a newline, so ``cat out/part-*.jsonl`` is valid JSON Lines.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable
from typing import Any

from .batch import Entry, Input, parse_input
from .batch import record as batch_record
from .batch.warc import warc_file_items
from .convert import Script, check_script
from .settings import DEFAULT_TIMEOUT

__all__ = ["files_bag", "files_to_jsonl", "record", "warc_bag"]


def record(item: Input | Entry, *, strict: bool = False, script: Script | None = None,
           timeout: float | None = DEFAULT_TIMEOUT) -> dict[str, Any]:
    """Parse one input into the record the CLI writes (never raises); ``script``
    (``Hans``/``Hant``) converts the Article."""
    if isinstance(item, Entry):
        return batch_record(item.name, item.outcome)
    return batch_record(item.name, parse_input(item, strict=strict, script=script, timeout=timeout or None))


def _paths(patterns: Iterable[str]) -> list[str]:
    found: list[str] = []
    for pattern in patterns:
        found.extend(sorted(glob.glob(pattern, recursive=True)) if any(c in pattern for c in "*?[") else [pattern])
    return found


def files_bag(patterns: Iterable[str], *, npartitions: int | None = None, strict: bool = False,
              script: Script | None = None) -> Any:
    """A ``dask.bag`` of records, one per file matching ``patterns`` (files are read by the workers)."""
    import dask.bag as db

    script = check_script(script)
    paths = _paths(patterns)
    bag = db.from_sequence([Input(name=p, path=p) for p in paths], npartitions=npartitions or max(1, len(paths) // 100))
    return bag.map(record, strict=strict, script=script)


def warc_bag(archives: Iterable[str], *, strict: bool = False, script: Script | None = None) -> Any:
    """A ``dask.bag`` of records, one per record of the WARC archives (one partition each)."""
    import dask.bag as db

    script = check_script(script)
    paths = _paths(archives)
    bag = db.from_sequence(paths, npartitions=max(1, len(paths)))
    return bag.map(_warc_records, strict=strict, script=script).flatten()


def _warc_records(path: str, *, strict: bool = False, script: Script | None = None) -> list[dict[str, Any]]:
    return [record(item, strict=strict, script=script) for item in warc_file_items(path)]


def files_to_jsonl(patterns: Iterable[str], out_dir: str, *, npartitions: int | None = None,
                   strict: bool = False, script: Script | None = None, **compute: Any) -> list[str]:
    """Parse the files and write JSON Lines, one file per partition, each ending with a
    newline; returns their names."""
    os.makedirs(out_dir, exist_ok=True)
    bag = files_bag(patterns, npartitions=npartitions, strict=strict, script=script)
    target = os.path.join(out_dir, "part-*.jsonl")
    lines = bag.map(lambda r: json.dumps(r, ensure_ascii=True))
    written: list[str] = lines.to_textfiles(target, last_endline=True, **compute)
    return written
