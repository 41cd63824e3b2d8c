"""The ``qizhi-parse`` command: saved pages, folders, stdin and WARC archives to
JSON, JSON Lines or CSV, in parallel, with progress.

Testable without a subprocess: :func:`build_parser`, :func:`run` (returns the exit
code), and a tiny :func:`main`. Exit codes: 0 every input parsed or skipped, 1 some
failed, 2 usage error, 128 + N when ended by signal N (130 for Ctrl-C).

Exactly one record per input, in input order: ``{"input": …, "article": {…}}``,
``{"input": …, "error": {"type": …, "message": …}}`` or ``{"input": …, "skipped":
{"reason": …, "status": …}}``; the closing summary counts the same records.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import functools
import gzip
import io
import itertools
import json
import os
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from typing import IO, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from . import __version__
from .batch import (
    DEFAULT_GLOBS,
    DEFAULT_TIMEOUT,
    Entry,
    Input,
    Item,
    Result,
    Skipped,
    _matches,
    available_cpus,
    display_name,
    expand,
    json_record,
    map_inputs,
    parse_input,
    read_bounded,
)
from .errors import MissingExtraError, QizhiParserError
from .models import Article
from .options import Options
from .settings import DEFAULT_MAX_BYTES, MAX_WORKERS_PER_CPU
from .templates import TemplateError

__all__ = ["CSV_COLUMNS", "batch_record_schema", "build_parser", "main", "run"]

CSV_COLUMNS = [
    "input", "url", "headline", "published_at", "source", "breadcrumb", "headings", "credits",
    "paragraphs", "issues", "error_type", "error_message", "skipped",
]

Status = Literal["ok", "issues", "failed", "skipped"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qizhi-parse",
        description="Parse Chinese state-media article pages (旗帜网, people.com.cn, Xinhua, Guangming …) "
                    "into JSON records.",
        epilog="Exit codes: 0 all inputs parsed or skipped, 1 some failed, 2 usage error, 128+N ended by signal N.",
    )
    parser.add_argument("inputs", nargs="*",
                        help="files, folders (recursive), .gz files, .warc/.warc.gz archives; - reads stdin")
    parser.add_argument("-f", "--format", choices=["json", "jsonl", "csv"],
                        help="json: one object (single input, the default then); jsonl: one record a line "
                             "(the default for several inputs); csv: flat columns, UTF-8 with a BOM")
    parser.add_argument("-o", "--output", help="write here instead of stdout (.gz: gzip-compressed)")
    parser.add_argument("--resume", action="store_true",
                        help="continue an interrupted JSON Lines --output: inputs already recorded there are skipped")
    parser.add_argument("--glob", action="append", metavar="PATTERN",
                        help="file name pattern for folders, matched against the name or the path relative to the "
                             f"folder ('**/*.html'); repeatable; default: {' '.join(DEFAULT_GLOBS)}")
    parser.add_argument("--url", help="the page's URL (a single page only)")
    parser.add_argument("-w", "--workers", type=int, default=available_cpus(),
                        help="parallel worker processes (default: the CPUs this process may use)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help=f"seconds one input may take (default {DEFAULT_TIMEOUT:g}; 0: no limit)")
    parser.add_argument("--strict", action="store_true",
                        help="fail an input when headline, time, source or body is missing")
    parser.add_argument("--script", choices=["hans", "hant"], type=str.lower,
                        help="convert every text field to simplified (hans) or traditional (hant) script; "
                             "needs the opencc extra: pip install 'qizhi-parser[opencc]'")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                        help=f"refuse larger inputs (default {DEFAULT_MAX_BYTES})")
    parser.add_argument("--templates", action="append", metavar="FILE",
                        help="a TOML or JSON file of your own site templates, tried before the bundled ones; "
                             "repeatable (see qizhi_parser.templates)")
    parser.add_argument("--fail-fast", action="store_true", help="stop at the first input that fails")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--schema", action="store_true",
                        help="print the JSON Schema of a batch record ({input, article} | {input, error} | "
                             "{input, skipped}) and exit")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


# ------------------------------------------------------------------ the batch record


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    input: str
    """Where the input came from: a path (non-UTF-8 bytes as JSON escapes of surrogates), ``-`` for
    stdin, or ``archive.warc.gz@OFFSET`` for a WARC record."""


class ArticleRecord(_Record):
    """An input that parsed."""

    article: Article


class ErrorBody(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    type: str
    """The error class: NotAnArticleError, DecodeError, InputTooLargeError, MissingFieldError, ReadError,
    ArchiveError, WorkerDiedError, InputTimeoutError …"""
    message: str


class ErrorRecord(_Record):
    """An input that failed."""

    error: ErrorBody


class SkippedBody(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    reason: str
    status: int | None = Field(default=None)
    """The HTTP status of a skipped WARC response."""


class SkippedRecord(_Record):
    """An input deliberately not parsed: a redirect or error response, a revisit record, an archive
    without HTML responses."""

    skipped: SkippedBody


def batch_record_schema() -> dict[str, Any]:
    """The JSON Schema of one record the command writes."""
    adapter: TypeAdapter[ArticleRecord | ErrorRecord | SkippedRecord] = TypeAdapter(
        ArticleRecord | ErrorRecord | SkippedRecord
    )
    schema = adapter.json_schema()
    schema["title"] = "qizhi-parse batch record"
    return schema


# ------------------------------------------------------------------ formatting


def _csv_row(name: str, result: Result) -> list[Any]:
    name = display_name(name)
    if isinstance(result, Skipped):
        return [name, "", "", "", "", "", "", "", "", "", "", "", result.reason]
    if isinstance(result, QizhiParserError):
        return [name, "", "", "", "", "", "", "", "", "", type(result).__name__, str(result), ""]
    a = result
    credits = "; ".join(f"{c.role.value}:{c.label}:{'、'.join(c.names)}" for c in a.credits)
    return [
        name, a.url or "", a.headline or "", a.published_at.isoformat() if a.published_at else "",
        a.source.name if a.source else "", " > ".join(c.text for c in a.breadcrumb), " | ".join(a.headings),
        credits, len(a.paragraphs), len(a.issues), "", "", "",
    ]


def _status(result: Result) -> Status:
    if isinstance(result, Skipped):
        return "skipped"
    if isinstance(result, QizhiParserError):
        return "failed"
    return "issues" if result.issues else "ok"


def _format(name: str, result: Result, fmt: str) -> tuple[Status, str]:
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerow(_csv_row(name, result))
        return _status(result), buffer.getvalue()
    if fmt == "json" and isinstance(result, Article):
        return _status(result), result.model_dump_json(indent=2) + "\n"
    return _status(result), json_record(name, result)


def _render(item: Input, *, fmt: str, options: Options) -> tuple[Status, str]:
    """Parse and format one input in the worker. Formatting in the worker spares the
    parent unpickling Articles only to serialise them again."""
    return _format(item.name, parse_input(item, options=options), fmt)


# ------------------------------------------------------------------ progress


class _Progress:
    """Counts, a tqdm bar (total and ETA when the number of inputs is known), and the
    closing summary line."""

    def __init__(self, show: bool, total: int | None) -> None:
        self.counts = {"ok": 0, "issues": 0, "failed": 0, "skipped": 0}
        self.start = time.perf_counter()
        self.bar: Any = None
        if show:
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

    def close(self, resumed: int = 0) -> None:
        if self.bar is not None:
            self.bar.close()
        took = time.perf_counter() - self.start
        rate = self.records / took if took > 0 else 0.0
        c = self.counts
        more = f"; {resumed} already in the output (--resume)" if resumed else ""
        print(
            f"qizhi-parse: {self.records} inputs, {c['ok'] + c['issues']} parsed ({c['issues']} with issues), "
            f"{c['skipped']} skipped, {c['failed']} failed, in {took:.2f} s ({rate:.1f} docs/s){more}",
            file=sys.stderr,
        )


# ------------------------------------------------------------------ signals


class _StoppedError(Exception):
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


# ------------------------------------------------------------------ run


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv``; return the exit code."""
    started = time.perf_counter()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help/--version exit 0, bad usage 2
        return int(exc.code or 0)
    if args.schema:
        print(json.dumps(batch_record_schema(), ensure_ascii=False, indent=2))
        return 0
    settings = _check_usage(args)
    if isinstance(settings, str):
        return _usage(parser, settings)
    fmt, options = settings
    done = _recorded(args.output) if args.resume else set()
    inputs = _inputs(args, done)
    if inputs is None:
        return _usage(parser, "no inputs matched (check the folder and --glob)")
    try:
        out = _open_output(args.output, fmt, append=args.resume)
    except OSError as exc:
        return _usage(parser, f"cannot write --output {args.output}: {exc.strerror or exc}")
    progress = _progress(args, started)
    if fmt == "csv" and not args.resume:
        csv.writer(out).writerow(CSV_COLUMNS)
    task = functools.partial(_render, fmt=fmt, options=options)
    previous = _handle_signals()
    results = map_inputs(
        inputs, task, workers=args.workers, max_bytes=args.max_bytes,
        on_entry=lambda e: _format(e.name, e.outcome, fmt),
        on_died=lambda i, e: _format(i.name, e, fmt),
    )
    try:
        code = _write_records(results, out, progress, fail_fast=args.fail_fast)
    finally:
        results.close()  # stops the pool and its workers
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _close_output(out, args.output)
        progress.close(len(done))
    if code:
        return code
    return 1 if progress.failed else 0


def _progress(args: argparse.Namespace, started: float) -> _Progress:
    """The progress bar on stderr: shown on a terminal, unless records go to the same one."""
    to_terminal = not args.output and sys.stdout.isatty()
    show = not args.quiet and sys.stderr.isatty() and not to_terminal  # the bar never shares a line with records
    progress = _Progress(show, _count(args.inputs, args.glob or DEFAULT_GLOBS) if show else None)
    progress.start = started  # the summary's time includes reading the first input's archive
    return progress


def _usage(parser: argparse.ArgumentParser, message: str) -> int:
    """A usage error: the usage line and the message on stderr, exit code 2."""
    parser.print_usage(sys.stderr)
    print(f"qizhi-parse: error: {message}", file=sys.stderr)
    return 2


def _write_records(results: Iterator[tuple[Item, tuple[Status, str]]], out: IO[str], progress: _Progress, *,
                   fail_fast: bool) -> int:
    """Write each record as it comes; 0, or 128 + the signal that stopped the run."""
    try:
        for _item, (status, text) in results:
            out.write(text)
            out.flush()
            progress.update(status)
            if fail_fast and status == "failed":
                break
    except _StoppedError as stop:
        return 128 + stop.signum
    except KeyboardInterrupt:
        return 128 + signal.SIGINT
    return 0


def _inputs(args: argparse.Namespace, done: set[str]) -> Iterator[Item] | None:
    """The inputs to parse (stdin read once, within --max-bytes), less those a resumed
    output records; None when nothing matched."""
    stdin: bytes | None = None
    stdin_error: QizhiParserError | None = None
    if "-" in args.inputs:
        try:
            stdin = read_bounded(sys.stdin.buffer, args.max_bytes)
        except QizhiParserError as exc:  # over --max-bytes: read no further, record it as stdin's error
            stdin_error = exc
    items = expand(args.inputs, globs=args.glob or DEFAULT_GLOBS, stdin=stdin,
                   exclude=[args.output] if args.output else [], max_bytes=args.max_bytes)
    if stdin_error is not None:
        error = stdin_error
        items = (Entry("-", error) if item.name == "-" else item for item in items)
    first = next(items, None)
    if first is None:
        return None
    inputs = _chain(first, items, done)
    if args.url:
        inputs = (Input(i.name, i.path, i.data, args.url, i.charset) if isinstance(i, Input) else i for i in inputs)
    return inputs


def _chain(first: Item, rest: Iterator[Item], done: set[str]) -> Iterator[Item]:
    """All items, less those a resumed output already records."""
    return (item for item in itertools.chain((first,), rest) if item.name not in done)


def _check_usage(args: argparse.Namespace) -> tuple[str, Options] | str:
    """The output format and the options the arguments ask for, or what is wrong with them."""
    problem = _check_inputs(args) or _check_output(args)
    if problem:
        return problem
    single = len(args.inputs) == 1 and (args.inputs[0] == "-" or os.path.isfile(args.inputs[0])) and not (
        _is_archive(args.inputs[0]))
    fmt = args.format or ("json" if single else "jsonl")
    if fmt == "json" and not single:
        return "--format json takes one file; use jsonl or csv for several"
    if args.resume and (fmt != "jsonl" or not args.output or args.output.endswith(".gz")):
        return "--resume continues a plain JSON Lines --output file"
    options = _options(args)
    return options if isinstance(options, str) else (fmt, options)


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


def _is_archive(path: str) -> bool:
    return path.endswith((".warc", ".warc.gz"))


def _check_inputs(args: argparse.Namespace) -> str | None:
    if not args.inputs:
        return "give at least one input (a file, a folder, an archive, or - for stdin)"
    if args.workers < 1 or args.workers > MAX_WORKERS_PER_CPU * available_cpus():
        return f"--workers must be between 1 and {MAX_WORKERS_PER_CPU * available_cpus()}"
    if args.timeout < 0:
        return "--timeout must be 0 (no limit) or more"
    if args.inputs.count("-") > 1:
        return "stdin (-) can be given once"
    missing = [p for p in args.inputs if p != "-" and not os.path.lexists(p)]
    if missing:
        return f"no such file or folder: {', '.join(display_name(p) for p in missing)}"
    if args.url and (len(args.inputs) != 1 or os.path.isdir(args.inputs[0]) or _is_archive(args.inputs[0])):
        return "--url goes with a single page (not several inputs, a folder or an archive)"
    return None


def _check_output(args: argparse.Namespace) -> str | None:
    if not args.output:
        return None
    target = os.path.abspath(args.output)
    if os.path.isdir(target):
        return f"--output {args.output} is a folder; give a file name"
    if not os.path.isdir(os.path.dirname(target)):
        return f"--output {args.output}: the folder {os.path.dirname(target)} does not exist"
    return None


def _recorded(path: str) -> set[str]:
    """The inputs already recorded in a JSON Lines file; a partial last line (the run was
    cut mid-write) is removed so the file stays valid."""
    names: set[str] = set()
    if not os.path.exists(path):
        return names
    keep = 0
    with open(path, "rb") as handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                break
            try:
                names.add(json.loads(raw)["input"])
            except (ValueError, KeyError, TypeError):
                break
            keep += len(raw)
    with open(path, "r+b") as handle:
        handle.truncate(keep)
    return names


def _count(paths: Sequence[str], globs: Sequence[str]) -> int | None:
    """How many inputs there are, when that is known without reading anything (not with
    stdin or WARC archives, whose records are counted only as they are read)."""
    if "-" in paths:
        return None
    total = 0
    for raw in paths:
        if not os.path.isdir(raw):
            if raw.endswith((".warc", ".warc.gz")):
                return None
            total += 1
            continue
        for root, _dirs, files in os.walk(raw):
            for name in files:
                if _matches(os.path.relpath(os.path.join(root, name), raw), name, tuple(globs)):
                    if name.endswith((".warc", ".warc.gz")):
                        return None
                    total += 1
    return total


def _open_output(path: str | None, fmt: str, append: bool) -> IO[str]:
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    if path is None:
        if hasattr(sys.stdout, "buffer"):
            return io.TextIOWrapper(sys.stdout.buffer, encoding=encoding, newline="", write_through=True)
        return sys.stdout
    if path.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "wb"), encoding=encoding, newline="")
    return open(path, "a" if append else "w", encoding=encoding, newline="")


def _close_output(out: IO[str], path: str | None) -> None:
    try:
        out.flush()
    finally:
        if path is not None:
            out.close()
        elif isinstance(out, io.TextIOWrapper) and out is not sys.stdout:
            out.detach()  # leave sys.stdout's buffer open


def main() -> None:
    try:
        code = run()
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 0
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)
