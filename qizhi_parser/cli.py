"""The ``qizhi-parse`` command: saved pages, folders, stdin, tar and WARC archives to JSON,
JSON Lines or CSV, in parallel, with progress.

Testable without a subprocess: :func:`build_parser`, :func:`run` (returns the exit
code), and a tiny :func:`main`. Exit codes (:data:`EXIT_CODES`):

====  ==========================================================================
0     every input parsed, was skipped, or was not an article (a list page, a 404 page)
1     some inputs failed (a decode error, a damaged archive, a time-out …)
2     usage error (nothing was read)
3     the run could not go on: the output is locked by another run, the disk is full,
      the output is unwritable or not this tool's (``--resume``)
128+N ended by signal N: 130 Ctrl-C, 143 SIGTERM, 141 the reader of the output went away
====  ==========================================================================

Exactly one record per input, in input order: ``{"input": …, "article": {…}}``,
``{"input": …, "error": {"type": …, "message": …}}`` or ``{"input": …, "skipped":
{"reason": …, "status": …}}``; the closing summary counts the same records.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import dataclasses
import functools
import io
import itertools
import json
import logging
import os
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from typing import IO, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from .batch import (
    DEFAULT_GLOBS,
    DEFAULT_TIMEOUT,
    Input,
    Item,
    Result,
    Skipped,
    available_cpus,
    display_name,
    expand,
    json_record,
    map_inputs,
    matches,
    parse_input,
    tables,
)
from .batch.inputs import is_archive_name, read_url_manifest
from .batch.output import Output, OutputError
from .batch.reading import HEAD, kind_of
from .batch.records import check_fields, item_facts
from .batch.report import Facts, RunReport, facts_of
from .errors import InputTooLargeError, MissingExtraError, NotAnArticleError, QizhiParserError
from .explain import explain
from .models import Article
from .options import Options
from .reading import read_bounded, read_file
from .settings import DEFAULT_MAX_BYTES, MAX_WORKERS_PER_CPU
from .templates import TemplateError
from .version import __version__

__all__ = ["CSV_COLUMNS", "EXIT_CODES", "batch_record_schema", "build_parser", "main", "run"]

#: The columns of a CSV run without --fields (``batch.tables``).
CSV_COLUMNS = list(tables.CSV_COLUMNS)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_STOPPED = 0, 1, 2, 3
#: Exit code → what it means.
EXIT_CODES = {
    EXIT_OK: "every input parsed, was skipped, or was not an article",
    EXIT_FAILED: "some inputs failed",
    EXIT_USAGE: "usage error: nothing was read",
    EXIT_STOPPED: "the run could not go on: output locked by another run, disk full, unwritable or not this tool's",
    128 + signal.SIGPIPE: "the reader of the output went away (SIGPIPE)",
    128 + signal.SIGINT: "interrupted (Ctrl-C)",
    128 + signal.SIGTERM: "terminated (SIGTERM)",
}

Status = Literal["ok", "issues", "not-article", "failed", "skipped"]

log = logging.getLogger("qizhi_parser")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qizhi-parse",
        description="Parse Chinese state-media article pages (旗帜网, people.com.cn, Xinhua, Guangming …) "
                    "into JSON records.",
        epilog="Exit codes: 0 every input parsed, skipped or not an article; 1 some inputs failed; 2 usage error; "
               "3 the run could not go on (output locked, disk full, unwritable); 128+N ended by signal N "
               "(141: the reader of the output went away).",
    )
    parser.add_argument("inputs", nargs="*",
                        help="files, folders (recursive), .gz files, tar and .warc/.warc.gz archives; - reads stdin "
                             "(a page, or a WARC archive)")
    parser.add_argument("-f", "--format", choices=["json", "jsonl", "csv", "parquet"],
                        help="json: one object (a single page; the default then); jsonl: one record a line "
                             "(the default for several inputs, and for an -o ending .jsonl); csv: flat columns, "
                             "UTF-8 with a BOM (the default for an -o ending .csv); parquet: a typed table "
                             "(the default for an -o ending .parquet; needs the parquet extra)")
    parser.add_argument("-o", "--output", help="write here instead of stdout (- is stdout; .gz: gzip-compressed)")
    parser.add_argument("--resume", action="store_true",
                        help="continue an interrupted JSON Lines --output (plain or .gz): inputs already recorded "
                             "there are skipped, failures that can change on another try are parsed again")
    parser.add_argument("--glob", action="append", metavar="PATTERN",
                        help="file name pattern for folders, matched without regard to case against the name or the "
                             "path relative to the folder ('**/*.html'); repeatable; default: "
                             f"{' '.join(DEFAULT_GLOBS)} and files with no extension")
    parser.add_argument("--url", help="the page's URL (a single page only)")
    parser.add_argument("--urls", metavar="FILE",
                        help="a manifest of page URLs: one 'path<TAB>url' line a page (paths relative to the "
                             "manifest's folder); else a page's URL is read from its side file PAGE.url")
    parser.add_argument("--fields", metavar="NAMES", type=lambda v: list(v.split(",")),
                        help="keep only these article fields, comma-separated (e.g. headline,published_at,"
                             "source,text); JSON Lines, CSV and Parquet")
    parser.add_argument("--report", metavar="FILE",
                        help="write a JSON report of the run per site and template (pages, how often each "
                             "field was found, issue codes and error types by count) and print its summary")
    parser.add_argument("-w", "--workers", type=int, default=available_cpus(),
                        help="parallel worker processes (default: the CPUs this process may use)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help=f"seconds one input may take; its worker is then stopped and replaced "
                             f"(default {DEFAULT_TIMEOUT:g}; 0: no limit)")
    parser.add_argument("--strict", action="store_true",
                        help="fail an input when headline, time, source or body is missing")
    parser.add_argument("--script", choices=["hans", "hant"], type=str.lower,
                        help="convert every text field to simplified (hans) or traditional (hant) script; "
                             "needs the opencc extra: pip install 'qizhi-parser[opencc]'")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                        help=f"refuse larger inputs (a page, a WARC record, a tar member; default {DEFAULT_MAX_BYTES})")
    parser.add_argument("--templates", action="append", metavar="FILE",
                        help="a TOML or JSON file of your own site templates, tried before the bundled ones; "
                             "repeatable (see qizhi_parser.templates)")
    parser.add_argument("--fail-fast", action="store_true", help="stop at the first input that fails")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no closing summary")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="log what the parser does on stderr (-v: info, -vv: debug)")
    parser.add_argument("--log-level", choices=["debug", "info", "warning", "error"],
                        help="the level of the parser's log on stderr (default: warning)")
    parser.add_argument("--explain", action="store_true",
                        help="write a standalone HTML page showing how one page was read, block by block "
                             "(its regions, line kinds, the field each fed and the rule that took it) to -o "
                             "or stdout")
    parser.add_argument("--schema", action="store_true",
                        help="print the JSON Schema of a batch record ({input, url, warc_record_id, warc_date, "
                             "parser_version} and one of article, error, skipped) and exit")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


# ------------------------------------------------------------------ the batch record


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    input: str
    """Where the input came from: a path (non-UTF-8 bytes as JSON escapes of surrogates), ``-`` for
    stdin, ``archive.warc.gz@OFFSET`` for a WARC record, ``archive.tar.gz:member`` for a tar member."""
    url: str | None = None
    """The input's address as the run knew it: a WARC record's target URI, a ``.url`` side file's or a
    ``--urls`` manifest's, ``--url``'s; null when none (the article's own ``url`` may still be read
    from the page)."""
    warc_record_id: str | None = None
    """The WARC-Record-ID of the record the input was read from; null for other inputs."""
    warc_date: str | None = None
    """The WARC-Date of that record (when the page was captured), as the archive writes it."""
    parser_version: str | None = None
    """The qizhi-parser version that wrote the record (absent in records of versions before 0.2.0)."""


class ArticleRecord(_Record):
    """An input that parsed."""

    article: Article
    """The parsed article."""


class ErrorBody(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    type: str
    """The error class: NotAnArticleError, DecodeError, InputTooLargeError, MissingFieldError, ReadError,
    ArchiveError, WorkerDiedError, InputTimeoutError …"""
    message: str
    """What went wrong, naming the input and where."""


class ErrorRecord(_Record):
    """An input that failed."""

    error: ErrorBody
    """Why it failed."""


class SkippedBody(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    reason: str
    """Why the input was not parsed."""
    status: int | None = Field(default=None)
    """The HTTP status of a skipped WARC response."""


class SkippedRecord(_Record):
    """An input deliberately not parsed: a redirect or error response, a revisit record, an archive
    without HTML responses, a file that is no page."""

    skipped: SkippedBody
    """Why it was not parsed."""


def batch_record_schema() -> dict[str, Any]:
    """The JSON Schema of one record the command writes."""
    adapter: TypeAdapter[ArticleRecord | ErrorRecord | SkippedRecord] = TypeAdapter(
        ArticleRecord | ErrorRecord | SkippedRecord
    )
    schema = adapter.json_schema(mode="serialization")  # what is written: the computed ``text`` included
    schema["title"] = "qizhi-parse batch record"
    return schema


# ------------------------------------------------------------------ formatting

#: First characters that make a spreadsheet read a cell as a formula (CSV injection).
_FORMULA_FIRST = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: a text starting like a formula gets a ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_FIRST):
        return "'" + value
    return value


def _status(result: Result) -> Status:
    if isinstance(result, Skipped):
        return "skipped"
    if isinstance(result, NotAnArticleError):
        return "not-article"
    if isinstance(result, QizhiParserError):
        return "failed"
    return "issues" if result.issues else "ok"


def _cli_error(result: Result) -> Result:
    """An error as the command line words it: its hints name the flags, not the keywords."""
    if isinstance(result, InputTooLargeError):
        return InputTooLargeError(result.size, result.limit, hint="raise --max-bytes to accept it")
    return result


@dataclasses.dataclass(frozen=True)
class _Shape:
    """How the run writes records: the format, the article fields kept (None: all) and the CSV columns."""

    fmt: str
    fields: frozenset[str] | None = None
    columns: tuple[str, ...] = tables.CSV_COLUMNS


def _format(item: Item, result: Result, shape: _Shape) -> tuple[Status, str, Facts]:
    """A record as the run writes it, its status and the report's facts of it."""
    result = _cli_error(result)
    facts = facts_of(item, result)
    if shape.fmt == "csv":
        buffer = io.StringIO()
        name, url, record_id, captured = item_facts(item)
        row = tables.csv_values((display_name(name), url, record_id, captured), result, shape.columns)
        csv.writer(buffer).writerow([_cell(value) for value in row])
        return _status(result), buffer.getvalue(), facts
    if shape.fmt == "json" and isinstance(result, Article):
        include = set(shape.fields) if shape.fields else None
        return _status(result), result.model_dump_json(indent=2, include=include) + "\n", facts
    return _status(result), json_record(item, result, shape.fields), facts


def _render(item: Input, *, shape: _Shape, options: Options) -> tuple[Status, str, Facts]:
    """Parse and format one input in the worker. Formatting in the worker spares the
    parent unpickling Articles only to serialise them again."""
    return _format(item, parse_input(item, options=options), shape)


# ------------------------------------------------------------------ progress


class _Progress:
    """Counts, a tqdm bar (total and ETA when the number of inputs is known), and the
    closing summary line."""

    def __init__(self, bar: bool, summary: bool, total: int | None) -> None:
        self.counts: dict[Status, int] = {"ok": 0, "issues": 0, "not-article": 0, "failed": 0, "skipped": 0}
        self.start = time.perf_counter()
        self.summary = summary
        self.bar: Any = None
        if bar:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True)

    @property
    def failed(self) -> int:
        return self.counts["failed"]

    @property
    def records(self) -> int:
        return sum(self.counts.values())

    def update(self, status: Status) -> None:
        self.counts[status] += 1
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix(failed=self.counts["failed"], issues=self.counts["issues"], refresh=False)

    def close(self, resumed: int = 0, ending: str = "") -> None:
        if self.bar is not None:
            self.bar.close()
        if not self.summary:
            return
        took = time.perf_counter() - self.start
        rate = self.records / took if took > 0 else 0.0
        c = self.counts
        more = f"; {resumed} already in the output (--resume)" if resumed else ""
        print(
            f"qizhi-parse: {self.records} inputs, {c['ok'] + c['issues']} parsed ({c['issues']} with issues), "
            f"{c['not-article']} not articles, {c['skipped']} skipped, {c['failed']} failed, in {took:.2f} s "
            f"({rate:.1f} docs/s){more}{ending}",
            file=sys.stderr,
        )


# ------------------------------------------------------------------ signals


class _StoppedError(BaseException):
    """A signal that ends the run: a BaseException, so that no ``except Exception`` on the way
    (the pool's, an input's) takes it for one input's failure."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_stopped(signum: int, frame: Any) -> None:
    raise _StoppedError(signum)


def _handle_signals() -> dict[int, Any]:
    """SIGTERM and SIGHUP end the run as Ctrl-C does: the pool is stopped, the output
    is flushed up to the last whole record, the exit code is 128 + the signal."""
    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None:
            with contextlib.suppress(ValueError):  # not the main thread: signals stay as they are
                previous[signum] = signal.signal(signum, _raise_stopped)
    return previous


# ------------------------------------------------------------------ stdin


class _Stdin(io.RawIOBase):
    """Stdin with its first bytes already read (to tell a WARC archive from a page)."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        super().__init__()
        self.head = head
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.head:
            count = min(len(buffer), len(self.head))
            buffer[:count] = self.head[:count]
            self.head = self.head[count:]
            return count
        data = self.rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _open_stdin(wanted: bool) -> tuple[IO[bytes] | None, bool]:
    """Stdin (None when it is closed) and whether it holds a WARC archive."""
    if not wanted:
        return None, False
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return None, False
    try:
        head = stream.read(HEAD)
    except (OSError, ValueError):  # closed or unreadable: its own error record
        return None, False
    return io.BufferedReader(_Stdin(head, stream)), kind_of(head)[0] == "warc"


# ------------------------------------------------------------------ run


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv``; return the exit code (:data:`EXIT_CODES`)."""
    started = time.perf_counter()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help/--version exit 0, bad usage 2
        return int(exc.code or 0)
    if args.schema:
        print(json.dumps(batch_record_schema(), ensure_ascii=False, indent=2))
        return EXIT_OK
    _configure_logging(args)
    if args.explain:
        return _explain(args, parser)
    stdin, stdin_warc = _open_stdin("-" in args.inputs)
    settings = _check_usage(args, stdin_warc)
    if isinstance(settings, str):
        return _usage(parser, settings)
    shape, options = settings
    try:
        out: Output | tables.ParquetOutput = (tables.ParquetOutput(args.output, shape.fields)
                                              if shape.fmt == "parquet" else Output(args.output, resume=args.resume))
    except OutputError as exc:
        print(f"qizhi-parse: {exc}", file=sys.stderr)
        return EXIT_STOPPED
    except MissingExtraError as exc:
        return _usage(parser, f"--format parquet: {exc}")
    try:
        return _run(args, shape, options, out, stdin, started, parser)
    finally:
        try:
            out.close()
        except OutputError as exc:  # a Parquet footer that could not be written
            print(f"qizhi-parse: {exc}", file=sys.stderr)


def _explain(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """``--explain``: one page (a file or ``-``) in, its explain view (HTML) out."""
    if len(args.inputs) != 1 or (args.inputs[0] != "-" and (not os.path.isfile(args.inputs[0])
                                                             or is_archive_name(args.inputs[0]))):
        return _usage(parser, "--explain takes one page: a file or - for stdin (not a folder or an archive)")
    options = _options(args)
    if isinstance(options, str):
        return _usage(parser, options)
    name = args.inputs[0]
    try:
        data = read_bounded(sys.stdin.buffer, options.max_bytes) if name == "-" else read_file(name, options.max_bytes)
        page = explain(data, url=args.url, options=options)
    except OSError as exc:
        print(f"qizhi-parse: {display_name(name)}: cannot be read ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_FAILED
    except QizhiParserError as exc:
        print(f"qizhi-parse: {display_name(name)}: {type(exc).__name__}: {_cli_error(exc)}", file=sys.stderr)
        return EXIT_FAILED
    try:
        out = Output(args.output)
    except OutputError as exc:
        print(f"qizhi-parse: {exc}", file=sys.stderr)
        return EXIT_STOPPED
    try:
        out.write(page)
    except OutputError as exc:
        print(f"qizhi-parse: {exc}", file=sys.stderr)
        return EXIT_STOPPED
    finally:
        out.close()
    return EXIT_OK


def _run(args: argparse.Namespace, shape: _Shape, options: Options, out: Output | tables.ParquetOutput,
         stdin: IO[bytes] | None, started: float, parser: argparse.ArgumentParser) -> int:
    urls = _manifest(args)
    if isinstance(urls, str):
        return _usage(parser, urls)
    inputs = _inputs(args, stdin, out.done, urls)
    if inputs is None:
        return _usage(parser, "no inputs matched (check the folder and --glob)")
    progress = _progress(args, started)
    if shape.fmt == "csv" and not args.resume:
        buffer = io.StringIO()
        csv.writer(buffer).writerow(shape.columns)
        out.write("\ufeff" + buffer.getvalue())  # UTF-8 with a BOM: Excel reads it as UTF-8
    task = functools.partial(_render, shape=shape, options=_worker_options(options))
    previous = _handle_signals()
    results = map_inputs(
        inputs, task, workers=args.workers, timeout=options.timeout, max_bytes=options.max_bytes,
        on_entry=lambda e: _format(e, e.outcome, shape),
        on_died=lambda i, e: _format(i, e, shape),
        on_timeout=lambda i, e: _format(i, e, shape),
        on_error=lambda i, e: _format(i, e, shape),
    )
    report = RunReport()
    ending = ""
    try:
        code = _write_records(results, out, progress, report, fail_fast=args.fail_fast)
    except BrokenPipeError:  # the reader went away (| head): stop as Unix tools do
        _quiet_stdout()
        code, ending = 128 + signal.SIGPIPE, "; stopped: the reader of the output went away"
    except OutputError as exc:
        code, ending = EXIT_STOPPED, f"; stopped: {exc}"
    finally:
        results.close()  # stops the pool and its workers
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    progress.close(len(out.done), ending)
    if args.report:
        _write_report(args, report)
    if code:
        return code
    return EXIT_FAILED if progress.failed else EXIT_OK


def _manifest(args: argparse.Namespace) -> dict[str, str] | str | None:
    """The ``--urls`` manifest (None without one), or what is wrong with it."""
    if not args.urls:
        return None
    try:
        return read_url_manifest(args.urls)
    except OSError as exc:
        return f"--urls {display_name(args.urls)}: cannot be read ({exc.strerror or exc})"
    except ValueError as exc:
        return f"--urls {display_name(args.urls)}: {exc}"


def _write_report(args: argparse.Namespace, report: RunReport) -> None:
    """The report file (written whole, then renamed into place) and, unless -q, its summary."""
    target = args.report
    try:
        with open(target + ".partial", "w", encoding="utf-8") as handle:
            handle.write(report.to_json())
        os.replace(target + ".partial", target)
    except OSError as exc:
        print(f"qizhi-parse: --report {display_name(target)}: cannot be written ({exc.strerror or exc})",
              file=sys.stderr)
        return
    if not args.quiet:
        print(f"qizhi-parse: report per site in {display_name(target)}:", file=sys.stderr)
        for line in report.summary():
            print(line, file=sys.stderr)


def _worker_options(options: Options) -> Options:
    """The options a worker parses with: the pool keeps the time (it stops the worker)."""
    return dataclasses.replace(options, timeout=None)


def _quiet_stdout() -> None:
    """After a broken pipe: nothing more goes to the closed stdout (not even at exit)."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _configure_logging(args: argparse.Namespace) -> None:
    """The library logs and never configures logging; the command line shows it on stderr."""
    level = args.log_level or ("debug" if args.verbose >= 2 else "info" if args.verbose else None)
    if level is None:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("qizhi-parse: %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(level.upper())


def _progress(args: argparse.Namespace, started: float) -> _Progress:
    """The progress bar on stderr: shown on a terminal, unless records go to the same one."""
    to_terminal = args.output in (None, "-") and sys.stdout.isatty()
    bar = not args.quiet and sys.stderr.isatty() and not to_terminal  # the bar never shares a line with records
    progress = _Progress(bar, not args.quiet, _count(args.inputs, args.glob or DEFAULT_GLOBS) if bar else None)
    progress.start = started  # the summary's time includes reading the first input's archive
    return progress


def _usage(parser: argparse.ArgumentParser, message: str) -> int:
    """A usage error: the usage line and the message on stderr, exit code 2."""
    parser.print_usage(sys.stderr)
    print(f"qizhi-parse: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _write_records(results: Iterator[tuple[Item, tuple[Status, str, Facts]]], out: Output | tables.ParquetOutput,
                   progress: _Progress, report: RunReport, *, fail_fast: bool) -> int:
    """Write each record as it comes; 0, or 128 + the signal that stopped the run."""
    try:
        for _item, (status, text, facts) in results:
            out.write(text)
            progress.update(status)
            report.add(facts)
            if fail_fast and status == "failed":
                break
    except _StoppedError as stop:
        return 128 + stop.signum
    except KeyboardInterrupt:
        return 128 + signal.SIGINT
    return 0


def _inputs(args: argparse.Namespace, stdin: IO[bytes] | None, done: set[str],
            urls: dict[str, str] | None) -> Iterator[Item] | None:
    """The inputs to parse, less those a resumed output records; None when nothing matched."""
    items = expand(args.inputs, globs=args.glob or DEFAULT_GLOBS, stdin=stdin,
                   exclude=[args.output] if args.output not in (None, "-") else [], max_bytes=args.max_bytes,
                   urls=urls)
    first = next(items, None)
    if first is None:
        return None
    inputs = _chain(first, items, done)
    if args.url:
        inputs = (dataclasses.replace(i, url=args.url) if isinstance(i, Input) else i for i in inputs)
    return inputs


def _chain(first: Item, rest: Iterator[Item], done: set[str]) -> Iterator[Item]:
    """All items, less those a resumed output already records."""
    return (item for item in itertools.chain((first,), rest) if item.name not in done)


#: Output file endings → the format they mean.
_FORMATS = ((".parquet", "parquet"), (".csv", "csv"), (".csv.gz", "csv"), (".jsonl", "jsonl"), (".jsonl.gz", "jsonl"),
            (".ndjson", "jsonl"), (".ndjson.gz", "jsonl"), (".json", "json"))


def _format_of(args: argparse.Namespace, single: bool) -> str:
    if args.format:
        return str(args.format)
    for ending, fmt in _FORMATS:
        if args.output and args.output.lower().endswith(ending):
            return "jsonl" if fmt == "json" and not single else fmt
    return "json" if single else "jsonl"


def _check_usage(args: argparse.Namespace, stdin_warc: bool) -> tuple[_Shape, Options] | str:
    """The output format and the options the arguments ask for, or what is wrong with them."""
    problem = _check_inputs(args) or _check_output(args)
    if problem:
        return problem
    single = len(args.inputs) == 1 and (
        (args.inputs[0] == "-" and not stdin_warc)
        or (args.inputs[0] != "-" and os.path.isfile(args.inputs[0]) and not is_archive_name(args.inputs[0])))
    fmt = _format_of(args, single)
    problem = _check_format(args, fmt, single)
    if problem:
        return problem
    try:
        fields = check_fields(args.fields)
    except ValueError as exc:
        return f"--fields: {exc}"
    options = _options(args)
    if isinstance(options, str):
        return options
    return _Shape(fmt, fields, tables.csv_columns(fields)), options


def _check_format(args: argparse.Namespace, fmt: str, single: bool) -> str | None:
    """What is wrong with the output format for these inputs and this output, if anything."""
    if fmt == "json" and not single:
        return "--format json takes one page; use jsonl, csv or parquet for several (or for an archive)"
    if args.resume and (fmt != "jsonl" or args.output in (None, "-")):
        return "--resume continues a JSON Lines --output file (plain or .gz)"
    if fmt == "parquet" and (args.output in (None, "-") or args.output.endswith(".gz")):
        return "--format parquet writes a file: give -o NAME.parquet (not stdout, not .gz)"
    return None


def _options(args: argparse.Namespace) -> Options | str:
    """The options the arguments ask for, or what is wrong with them."""
    try:
        return Options.of(strict=args.strict, max_bytes=args.max_bytes, script=args.script,
                          templates=args.templates, timeout=args.timeout or None)
    except MissingExtraError as exc:
        return f"--script: {exc}"
    except TemplateError as exc:
        return f"--templates: {exc}"
    except ValueError as exc:  # a negative --max-bytes
        return f"--max-bytes: {exc}"


def _check_numbers(args: argparse.Namespace) -> str | None:
    if args.workers < 1 or args.workers > MAX_WORKERS_PER_CPU * available_cpus():
        return f"--workers must be between 1 and {MAX_WORKERS_PER_CPU * available_cpus()}"
    if args.timeout < 0 or args.timeout != args.timeout:
        return "--timeout must be 0 (no limit) or more"
    return None


def _check_inputs(args: argparse.Namespace) -> str | None:
    if not args.inputs:
        return "give at least one input (a file, a folder, an archive, or - for stdin)"
    problem = _check_numbers(args)
    if problem:
        return problem
    if args.inputs.count("-") > 1:
        return "stdin (-) can be given once"
    missing = [p for p in args.inputs if p != "-" and not os.path.lexists(p)]
    if missing:
        return f"no such file or folder: {', '.join(display_name(p) for p in missing)}"
    if args.url and (len(args.inputs) != 1 or os.path.isdir(args.inputs[0]) or is_archive_name(args.inputs[0])):
        return "--url goes with a single page (not several inputs, a folder or an archive)"
    return None


def _check_output(args: argparse.Namespace) -> str | None:
    if args.output in (None, "-"):
        return None
    target = os.path.abspath(args.output)
    if os.path.isdir(target):
        return f"--output {display_name(args.output)} is a folder; give a file name"
    if not os.path.isdir(os.path.dirname(target)):
        return f"--output {display_name(args.output)}: the folder {display_name(os.path.dirname(target))} " \
               "does not exist"
    return None


def _count(paths: Sequence[str], globs: Sequence[str]) -> int | None:
    """How many inputs there are, when that is known without reading anything (not with
    stdin or archives, whose records are counted only as they are read)."""
    if "-" in paths:
        return None
    total = 0
    for raw in paths:
        if not os.path.isdir(raw):
            if is_archive_name(raw):
                return None
            total += 1
            continue
        for root, _dirs, files in os.walk(raw):
            for name in files:
                if matches(os.path.relpath(os.path.join(root, name), raw), name, tuple(globs)):
                    if is_archive_name(name):
                        return None
                    total += 1
    return total


def main() -> None:
    try:
        code = run()
    except BrokenPipeError:  # the reader went away before the records (| head on --help)
        _quiet_stdout()
        code = 128 + signal.SIGPIPE
    except KeyboardInterrupt:
        code = 128 + signal.SIGINT
    sys.exit(code)
