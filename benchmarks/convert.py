"""What simplified ⇄ traditional conversion costs beside the parse of the same page.

    pip install '.[opencc]' && python benchmarks/convert.py [--repeat 7] [--write]

For every HTML fixture and text dump, and every page of ../shared/corpus (both
folders) when present: the median time of ``parse(data)``, of converting the parsed
Article to the other script, and of converting an Article already in the target
script (the idempotent case), over interleaved rounds. Prints a Markdown table; with
``--write`` also writes it to benchmarks/CONVERT.md. The target the issue set: the
conversion adds at most 10 % to the parse of a real page.
"""

from __future__ import annotations

import argparse
import pathlib
import platform
import statistics
import sys
import time
from collections.abc import Callable

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import qizhi_parser  # noqa: E402
from qizhi_parser import Article, Script, convert_article  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def _pages() -> list[pathlib.Path]:
    pages = sorted((ROOT / "fixtures").glob("*.html")) + sorted((ROOT / "fixtures").glob("*.txt"))
    for folder in (CORPUS / "pages", CORPUS / "other-sites" / "pages"):
        if folder.is_dir():
            pages += sorted(folder.glob("*.html"))
    return pages


def _time(call: Callable[[], object], loops: int) -> float:
    start = time.perf_counter()
    for _ in range(loops):
        call()
    return (time.perf_counter() - start) / loops


def measure(path: pathlib.Path, repeat: int) -> tuple[str, int, float, float, float, int]:
    data = path.read_bytes()
    article = qizhi_parser.parse(data)
    other: Script = "Hant" if article.script == "Hans" else "Hans"
    converted = convert_article(article, other)  # warms the converter
    loops = max(1, int(0.05 / max(_time(lambda: qizhi_parser.parse(data), 1), 1e-6)))
    parse_t, convert_t, same_t = [], [], []
    for _ in range(repeat):  # interleaved, so a change in machine speed hits all three alike
        parse_t.append(_time(lambda: qizhi_parser.parse(data), loops))
        convert_t.append(_time(lambda: convert_article(article, other), loops))
        same_t.append(_time(lambda: convert_article(converted, other), loops))
    chars = sum(len(p.text) for p in article.paragraphs) + len(article.headline or "")
    return (
        f"{path.parent.name}/{path.name}"[:48],
        chars,
        statistics.median(parse_t) * 1e3,
        statistics.median(convert_t) * 1e3,
        statistics.median(same_t) * 1e6,
        _script_changed(converted, article),
    )


def _script_changed(converted: Article, article: Article) -> int:
    return sum(a.text != b.text for a, b in zip(converted.paragraphs, article.paragraphs, strict=True))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--write", action="store_true", help="also write benchmarks/CONVERT.md")
    args = parser.parse_args(argv)
    rows = [measure(p, args.repeat) for p in _pages()]
    lines = [
        f"Python {platform.python_version()} on {platform.machine()}, median of {args.repeat} interleaved rounds.",
        "",
        "| page | text chars | parse ms | convert ms | convert / parse | already in script µs |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, chars, parse_ms, convert_ms, same_us, _changed in rows:
        lines.append(f"| {name} | {chars:,} | {parse_ms:.2f} | {convert_ms:.3f} | {convert_ms / parse_ms:.1%} | "
                     f"{same_us:.1f} |")
    ratios = sorted(r[3] / r[2] for r in rows)
    real = [r[3] / r[2] for r in rows if not r[0].startswith("fixtures/")]
    lines += ["", f"convert / parse: median {statistics.median(ratios):.1%}, max {max(ratios):.1%} over "
              f"{len(rows)} pages" + (f"; real pages max {max(real):.1%}" if real else "")]
    text = "\n".join(lines)
    print(text)
    if args.write:
        (ROOT / "benchmarks" / "CONVERT.md").write_text(
            "# Conversion cost\n\n`python benchmarks/convert.py --write`\n\n" + text + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
