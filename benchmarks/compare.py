"""Is this tree slower than a revision? Parse speed of the working tree against a git revision.

    python benchmarks/compare.py 18ae41a                  # interleaved timings, 400 rounds
    python benchmarks/compare.py 18ae41a --instructions   # and instruction counts (valgrind)

This machine's speed moves by half between runs, so two runs of ``benchmarks/run.py`` cannot
tell a few per cent apart. Here both versions are loaded in one process (the revision's
``qizhi_parser`` from ``git archive``, the working tree's copied beside it, under other
names) and each page is parsed by one and then the other, alternating which goes first: the
machine's drift falls on both alike. ``--instructions`` also counts the instructions of a
parse under callgrind (``valgrind``, repeatable to about 0.5 %: the interpreter's start and
the garbage collector are left out). Pages: the People's Daily family's fixtures and, when
present, ``../shared/corpus/pages``; or the ones named with ``--pages``.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import io
import pathlib
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from types import ModuleType

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus" / "pages"
#: The fixtures of the People's Daily CMS family (the template pages, and 旗帜网, regional and
#: mobile pages that no template matches).
FAMILY = ("people-2012-old.html", "people-2024-big5.html", "people-2024-gbk.html", "xinhua-reprint-2024.html",
          "qizhiwang-2020-gbk.html", "qizhiwang-2020-big5.html", "qizhiwang-2020-utf8-gb2312.html",
          "regional-n2-2024.html", "mobile-2024.html")

#: What a counting run executes: parse each page twice (caches warm), then K times more with
#: the garbage collector off; the difference of two K is what K parses cost.
_COUNT = """
import gc, importlib, pathlib, sys
sys.path.insert(0, sys.argv[1])
mod = importlib.import_module(sys.argv[2])
k = int(sys.argv[3])
data = [pathlib.Path(p).read_bytes() for p in sys.argv[4:]]
for _ in range(2):
    for d in data:
        mod.parse(d)
gc.collect()
gc.disable()
for _ in range(k):
    for d in data:
        mod.parse(d)
"""


def default_pages() -> list[pathlib.Path]:
    pages = [FIXTURES / name for name in FAMILY]
    if CORPUS.is_dir():
        pages += sorted(CORPUS.glob("*.html"))
    return pages


def _export(revision: str, into: pathlib.Path) -> None:
    """The revision's ``qizhi_parser`` package, unpacked as the folder ``into``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", revision, "qizhi_parser"],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into.parent / "_unpacked", filter="data")
    shutil.move(str(into.parent / "_unpacked" / "qizhi_parser"), into)


def _load(folder: pathlib.Path, revision: str) -> tuple[ModuleType, ModuleType]:
    _export(revision, folder / "qz_base")
    shutil.copytree(ROOT / "qizhi_parser", folder / "qz_head", ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(folder))
    return importlib.import_module("qz_base"), importlib.import_module("qz_head")


def interleaved(base: ModuleType, head: ModuleType, pages: list[pathlib.Path],
                rounds: int) -> dict[str, tuple[float, float]]:
    """Median seconds a parse of each page, (base, head), the two alternating call by call."""
    data = [(page.name, page.read_bytes()) for page in pages]
    for _, raw in data:
        for _ in range(3):
            base.parse(raw)
            head.parse(raw)
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name, _ in data}
    clock = time.perf_counter
    gc.disable()
    try:
        for turn in range(rounds):
            for name, raw in data:
                first, second = (head, base) if turn % 2 else (base, head)
                start = clock()
                first.parse(raw)
                middle = clock()
                second.parse(raw)
                end = clock()
                base_t, head_t = (end - middle, middle - start) if turn % 2 else (middle - start, end - middle)
                times[name][0].append(base_t)
                times[name][1].append(head_t)
            if turn % 50 == 49:
                gc.collect()
    finally:
        gc.enable()
    return {name: (statistics.median(b), statistics.median(h)) for name, (b, h) in times.items()}


def _instructions(folder: pathlib.Path, module: str, k: int, page: pathlib.Path) -> int:
    """Instructions one parse of ``page`` takes in ``module`` (K parses less none, over K)."""
    valgrind = shutil.which("valgrind") or "valgrind"

    def count(times: int) -> int:
        run = subprocess.run([valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c",
                              _COUNT, str(folder), module, str(times), str(page)],
                             capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": "0", "PATH": ""})
        line = next(x for x in run.stderr.splitlines() if "Collected" in x)
        return int(line.split()[-1])
    return (count(k) - count(0)) // k


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("revision", help="the git revision to compare the working tree with")
    parser.add_argument("--rounds", type=int, default=400, help="timed parses of each page by each version")
    parser.add_argument("--instructions", action="store_true", help="also count instructions under callgrind")
    parser.add_argument("--pages", nargs="*", type=pathlib.Path, help="the pages (default: the family's)")
    args = parser.parse_args()
    pages = args.pages or default_pages()
    if args.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind (apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        base, head = _load(folder, args.revision)
        timed = interleaved(base, head, pages, args.rounds)
        print(f"| page | {args.revision} µs | tree µs | tree ÷ {args.revision} |"
              + (" instructions ÷ |" if args.instructions else ""))
        print("|---|---:|---:|---:|" + ("---:|" if args.instructions else ""))
        ratios: list[float] = []
        counted: list[float] = []
        for page in pages:
            b, h = timed[page.name]
            ratios.append(h / b)
            row = f"| {page.name} | {b * 1e6:.0f} | {h * 1e6:.0f} | {h / b:.3f} |"
            if args.instructions:
                counted.append(_instructions(folder, "qz_head", 5, page) / _instructions(folder, "qz_base", 5, page))
                row += f" {counted[-1]:.3f} |"
            print(row)
        print(f"\ntime: median ratio {statistics.median(ratios):.3f}, worst {max(ratios):.3f} ({len(pages)} pages, "
              f"{args.rounds} rounds)")
        if counted:
            print(f"instructions: median ratio {statistics.median(counted):.3f}, worst {max(counted):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
