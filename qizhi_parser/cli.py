"""The ``qizhi-parse`` command: saved pages, folders, stdin and WARC archives to
JSON, JSON Lines or CSV, in parallel, with progress.

Testable without a subprocess: :func:`build_parser`, :func:`run` (returns the exit
code), and a tiny :func:`main`. Exit codes: 0 every input parsed, 1 some failed,
2 usage error.
"""

from __future__ import annotations

import argparse
import csv
import functools
import io
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from typing import IO, Any

from . import __version__
from .batch import DEFAULT_GLOBS, Input, expand, map_inputs, parse_input
from .convert import Script, check_script
from .core import DEFAULT_MAX_BYTES
from .errors import MissingExtraError, QizhiParserError
from .models import Article

__all__ = ["CSV_COLUMNS", "build_parser", "main", "run"]

CSV_COLUMNS = [
    "input", "url", "headline", "published_at", "source", "breadcrumb", "headings", "credits",
    "paragraphs", "issues", "error_type", "error_message",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qizhi-parse",
        description="Parse People's Daily CMS article pages (旗帜网, people.com.cn) into JSON records.",
        epilog="Exit codes: 0 all inputs parsed, 1 some failed, 2 usage error.",
    )
    parser.add_argument("inputs", nargs="*",
                        help="files, folders (recursive), .gz files, .warc/.warc.gz archives; - reads stdin")
    parser.add_argument("-f", "--format", choices=["json", "jsonl", "csv"],
                        help="json: one object (single input, the default then); jsonl: one record a line "
                             "(the default for several inputs); csv: flat columns")
    parser.add_argument("-o", "--output", help="write here instead of stdout")
    parser.add_argument("--glob", action="append", metavar="PATTERN",
                        help=f"file name pattern for folders (repeatable; default: {' '.join(DEFAULT_GLOBS)})")
    parser.add_argument("--url", help="the page's URL (single input only)")
    parser.add_argument("-w", "--workers", type=int, default=os.cpu_count() or 1,
                        help="parallel worker processes (default: the number of cores)")
    parser.add_argument("--strict", action="store_true",
                        help="fail an input when headline, time, source or body is missing")
    parser.add_argument("--script", choices=["hans", "hant"], type=str.lower,
                        help="convert every text field to simplified (hans) or traditional (hant) script; "
                             "needs the opencc extra: pip install 'qizhi-parser[opencc]'")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                        help=f"refuse larger inputs (default {DEFAULT_MAX_BYTES})")
    parser.add_argument("--fail-fast", action="store_true", help="stop at the first input that fails")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--schema", action="store_true", help="print the Article JSON Schema and exit")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _error(exc: QizhiParserError) -> dict[str, str]:
    return {"type": type(exc).__name__, "message": str(exc)}


def _csv_row(name: str, result: Article | QizhiParserError) -> list[Any]:
    if isinstance(result, QizhiParserError):
        return [name, "", "", "", "", "", "", "", "", "", type(result).__name__, str(result)]
    a = result
    credits = "; ".join(f"{c.role.value}:{c.label}:{'、'.join(c.names)}" for c in a.credits)
    return [
        name, a.url or "", a.headline, a.published_at.isoformat() if a.published_at else "",
        a.source.name if a.source else "", " > ".join(c.text for c in a.breadcrumb), " | ".join(a.headings),
        credits, len(a.paragraphs), len(a.issues), "", "",
    ]


def _render(item: Input, *, fmt: str, strict: bool, max_bytes: int | None,
            script: Script | None = None) -> tuple[str, str]:
    """Parse and format one input in the worker: (status, output text), status being
    ``ok``, ``issues`` or ``failed``. Formatting in the worker spares the parent
    unpickling Articles only to serialise them again."""
    result = parse_input(item, strict=strict, max_bytes=max_bytes, script=script)
    return _format(item.name, result, fmt)


def _format(name: str, result: Article | QizhiParserError, fmt: str) -> tuple[str, str]:
    status = "failed" if isinstance(result, QizhiParserError) else ("issues" if result.issues else "ok")
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerow(_csv_row(name, result))
        return status, buffer.getvalue()
    if isinstance(result, QizhiParserError):
        return status, json.dumps({"input": name, "error": _error(result)}, ensure_ascii=False) + "\n"
    if fmt == "json":
        return status, result.model_dump_json(indent=2) + "\n"
    return status, json.dumps({"input": name, "article": result.model_dump(mode="json")}, ensure_ascii=False) + "\n"


class _Progress:
    """Counts, a tqdm bar when stderr is a terminal, and the closing summary line."""

    def __init__(self, quiet: bool) -> None:
        self.done = self.failed = self.with_issues = 0
        self.start = time.perf_counter()
        self.bar: Any = None
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(unit="doc", file=sys.stderr, dynamic_ncols=True)

    def update(self, status: str) -> None:
        self.done += 1
        if status == "failed":
            self.failed += 1
        elif status == "issues":
            self.with_issues += 1
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix(failed=self.failed, issues=self.with_issues, refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        took = time.perf_counter() - self.start
        rate = self.done / took if took > 0 else 0.0
        print(
            f"qizhi-parse: {self.done} inputs, {self.done - self.failed} parsed "
            f"({self.with_issues} with issues), {self.failed} failed, in {took:.2f} s ({rate:.1f} docs/s)",
            file=sys.stderr,
        )


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv``; return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help/--version exit 0, bad usage 2
        return int(exc.code or 0)
    if args.schema:
        print(json.dumps(Article.model_json_schema(), ensure_ascii=False, indent=2))
        return 0
    usage = _check_usage(args)
    if usage:
        parser.print_usage(sys.stderr)
        print(f"qizhi-parse: error: {usage}", file=sys.stderr)
        return 2
    single = len(args.inputs) == 1 and (args.inputs[0] == "-" or os.path.isfile(args.inputs[0])) and not (
        args.inputs[0].endswith((".warc", ".warc.gz")))
    fmt = args.format or ("json" if single else "jsonl")
    if fmt == "json" and not single:
        parser.print_usage(sys.stderr)
        print("qizhi-parse: error: --format json takes one file; use jsonl or csv for several", file=sys.stderr)
        return 2
    try:
        script = check_script(args.script)
    except MissingExtraError as exc:
        print(f"qizhi-parse: error: --script: {exc}", file=sys.stderr)
        return 2
    stdin = sys.stdin.buffer.read() if "-" in args.inputs else None
    inputs: Iterator[Input | QizhiParserError] = expand(args.inputs, globs=args.glob or DEFAULT_GLOBS, stdin=stdin)
    if args.url:
        inputs = (Input(i.name, i.path, i.data, args.url, i.charset) if isinstance(i, Input) else i for i in inputs)
    out: IO[str]
    if args.output:
        out = open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    else:
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True) \
            if hasattr(sys.stdout, "buffer") else sys.stdout
    progress = _Progress(args.quiet)
    if fmt == "csv":
        csv.writer(out).writerow(CSV_COLUMNS)
    task = functools.partial(_render, fmt=fmt, strict=args.strict, max_bytes=args.max_bytes, script=script)
    try:
        for _item, (status, text) in map_inputs(inputs, task, workers=args.workers,
                                                on_error=lambda exc: _format("?", exc, fmt)):
            progress.update(status)
            out.write(text)
            if args.fail_fast and status == "failed":
                break
    finally:
        out.flush()
        if args.output:
            out.close()
        elif isinstance(out, io.TextIOWrapper) and out is not sys.stdout:
            out.detach()  # leave sys.stdout's buffer open
        progress.close()
    return 1 if progress.failed else 0


def _check_usage(args: argparse.Namespace) -> str | None:
    if not args.inputs:
        return "give at least one input (a file, a folder, an archive, or - for stdin)"
    if args.workers < 1:
        return "--workers must be at least 1"
    if args.url and len(args.inputs) != 1:
        return "--url goes with a single input"
    if args.inputs.count("-") > 1:
        return "stdin (-) can be given once"
    missing = [p for p in args.inputs if p != "-" and not os.path.exists(p)]
    if missing:
        return f"no such file or folder: {', '.join(missing)}"
    return None


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
