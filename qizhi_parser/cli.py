"""The ``qizhi-parse`` command: parse saved pages and print them as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import __version__
from .core import parse
from .errors import QizhiParserError
from .models import Article

__all__ = ["build_parser", "main", "run"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qizhi-parse",
        description="Parse People's Daily CMS article pages (旗帜网, people.com.cn) into JSON records.",
    )
    parser.add_argument("inputs", nargs="*", help="saved pages (HTML or text, any encoding); - for stdin")
    parser.add_argument("--url", help="the page's URL (single input only)")
    parser.add_argument("--strict", action="store_true", help="fail when headline, time, source or body is missing")
    parser.add_argument("--schema", action="store_true", help="print the Article JSON Schema and exit")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code (0 ok, 1 some inputs failed, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.schema:
        print(json.dumps(Article.model_json_schema(), ensure_ascii=False, indent=2))
        return 0
    if not args.inputs:
        parser.print_usage(sys.stderr)
        print("qizhi-parse: error: give at least one input", file=sys.stderr)
        return 2
    failed = 0
    for name in args.inputs:
        try:
            if name == "-":
                data = sys.stdin.buffer.read()
            else:
                with open(name, "rb") as handle:
                    data = handle.read()
            article = parse(data, url=args.url, strict=args.strict)
            print(article.model_dump_json(indent=2))
        except (OSError, QizhiParserError) as exc:
            failed += 1
            print(json.dumps({"input": name, "error": {"type": type(exc).__name__, "message": str(exc)}},
                             ensure_ascii=False))
    return 1 if failed else 0


def main() -> None:
    sys.exit(run())
