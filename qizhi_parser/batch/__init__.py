"""Many pages: files, folders, stdin, gzip, tar and WARC archives, parsed in parallel.

:func:`parse_many` streams ``(item, result)`` pairs in input order, exactly one per
input, with a bounded number of inputs in flight, so memory stays flat however many
inputs there are. ``result`` is an :class:`~qizhi_parser.Article`, a
:class:`~qizhi_parser.QizhiParserError` (the input failed; its type says why) or a
:class:`Skipped` (the input is deliberately not parsed: a redirect or an error
response in a WARC, a revisit record, an archive without HTML responses, a file that is
no page).

Nothing a single input does can stop or shorten a run: unreadable and special files
(FIFOs, devices, sockets) and unreadable folders are refused without blocking; every read is
bounded by ``max_bytes``; a damaged archive keeps the records read before the damage and adds
one :class:`ArchiveError` naming the offset, and a record cut short is an ArchiveError, never a
shorter page; a worker that dies (killed, out of memory) costs the input it held a
:class:`WorkerDiedError`; an input that runs past ``timeout`` has its worker stopped and gets
an :class:`InputTimeoutError`; whatever else one input raises is that input's error.

Everything here is picklable and free of global state, so the same functions run
inside Dask or Spark workers, under any multiprocessing start method.

The concerns, a module each: :mod:`.inputs` (what the inputs are), :mod:`.reading` (an input's
bytes, by content), :mod:`.warc` (archives), :mod:`.pool` (the worker processes),
:mod:`.parsing` (parsing them), :mod:`.records` (the record of each).
"""

from __future__ import annotations

from ..reading import read_bounded
from ..settings import DEFAULT_TIMEOUT
from .inputs import DEFAULT_GLOBS, expand, matches
from .items import Entry, Input, Item, Result, Skipped
from .names import display_name
from .parsing import parse_input, parse_many
from .pool import available_cpus, map_inputs
from .records import json_record, record
from .warc import iter_warc

__all__ = [
    "DEFAULT_GLOBS",
    "DEFAULT_TIMEOUT",
    "Entry",
    "Input",
    "Item",
    "Result",
    "Skipped",
    "available_cpus",
    "display_name",
    "expand",
    "iter_warc",
    "json_record",
    "map_inputs",
    "matches",
    "parse_input",
    "parse_many",
    "read_bounded",
    "record",
]
