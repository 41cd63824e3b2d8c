"""Print the per-field exact-match rate of the parser over folders of pages.

    python scripts/field_report.py PAGES_DIR EXPECTED_DIR [PAGES_DIR EXPECTED_DIR ...]

A page ``X`` is scored against ``EXPECTED_DIR/X.json`` (a full golden Article dump,
or a facts file with an ``expect`` mapping); pages without one are skipped. With no
arguments it scores the bundled fixtures and, when present, ../shared/corpus/pages.
"""

from __future__ import annotations

import pathlib
import sys

from qizhi_parser.evaluate import field_report

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    if not argv:
        argv = [str(ROOT / "fixtures"), str(ROOT / "fixtures" / "expected")]
        corpus = ROOT.parent / "shared" / "corpus" / "pages"
        if corpus.is_dir():
            argv += [str(corpus), str(ROOT / "tests" / "corpus_expected")]
    if len(argv) % 2:
        print(__doc__, file=sys.stderr)
        return 2
    pairs = []
    for pages, expected in zip(argv[::2], argv[1::2], strict=True):
        for page in sorted(pathlib.Path(pages).iterdir()):
            target = pathlib.Path(expected) / (page.name + ".json")
            if page.is_file() and target.exists():
                pairs.append((page, target))
    tally, failures = field_report(pairs)
    print(f"{len(pairs)} pages\n")
    print("| field | exact | pages | rate |")
    print("|---|---:|---:|---:|")
    for key in sorted(tally):
        good, total = tally[key]
        print(f"| {key} | {good} | {total} | {good / total:.0%} |")
    if failures:
        print("\nnot exact:")
        for failure in failures:
            print(f"- {failure}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
