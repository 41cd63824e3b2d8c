"""Print the per-field and per-site exact-match rate of the parser over folders of pages.

    python scripts/field_report.py PAGES_DIR EXPECTED_DIR [PAGES_DIR EXPECTED_DIR ...]

A page ``X`` is scored against ``EXPECTED_DIR/X.json`` (a full golden Article dump,
a facts file with an ``expect`` mapping, or a bare mapping of facts); pages without
one are skipped. With no arguments it scores the bundled fixtures and, when present,
../shared/corpus/pages, ../shared/corpus/other-sites and ../shared/corpus/new-sites. A
page's site is the host in its file name (``501-www.xinhuanet.com-….html``), else
``fixtures``.

A fact that is not exact is *missing* when the parser gave nothing for it (None, an
empty list) and *wrong* when it gave another value: a wrong value poisons a dataset, a
missing one is recoverable, so the tables count them apart.
"""

from __future__ import annotations

import pathlib
import re
import sys
from collections import Counter

from qizhi_parser.evaluate import field_report

ROOT = pathlib.Path(__file__).resolve().parent.parent
_HOST = re.compile(r"(?:^|-)((?:[a-z0-9]+\.)+(?:cn|com|org|net))(?:-|\.)")


def site_of(name: str) -> str:
    """The host named in a page's file name, or ``fixtures``.

    >>> site_of("501-www.xinhuanet.com-c_1125327450.html"), site_of("people-2024-gbk.html")
    ('www.xinhuanet.com', 'fixtures')
    """
    match = _HOST.search(name)
    return match.group(1) if match else "fixtures"


def default_folders() -> list[str]:
    argv = [str(ROOT / "fixtures"), str(ROOT / "fixtures" / "expected")]
    corpus = ROOT.parent / "shared" / "corpus"
    if (corpus / "pages").is_dir():
        argv += [str(corpus / "pages"), str(ROOT / "tests" / "corpus_expected")]
    for folder in ("other-sites", "new-sites"):
        if (corpus / folder).is_dir():
            argv += [str(corpus / folder / "pages"), str(corpus / folder / "expected")]
    return argv


def main(argv: list[str]) -> int:
    argv = argv or default_folders()
    if len(argv) % 2:
        print(__doc__, file=sys.stderr)
        return 2
    pairs = []
    for pages, expected in zip(argv[::2], argv[1::2], strict=True):
        for page in sorted(pathlib.Path(pages).iterdir()):
            target = pathlib.Path(expected) / (page.name + ".json")
            if page.is_file() and target.exists():
                pairs.append((page, target))
    report = field_report(pairs)
    print(f"{len(pairs)} pages\n")
    print("| field | exact | facts | rate | wrong values |")
    print("|---|---:|---:|---:|---:|")
    for key in sorted(report.fields):
        counts = report.fields[key]
        total = counts.total()
        print(f"| {key} | {counts['exact']} | {total} | {counts['exact'] / total:.0%} | {counts['wrong']} |")
    sites: dict[str, Counter[str]] = {}
    pages: Counter[str] = Counter()
    for name, counts in report.pages.items():
        sites.setdefault(site_of(name), Counter()).update(counts)
        pages[site_of(name)] += 1
    print("\n| site | pages | facts exact | facts | rate | wrong values |")
    print("|---|---:|---:|---:|---:|---:|")
    for site in sorted(sites):
        counts = sites[site]
        total = counts.total()
        print(f"| {site} | {pages[site]} | {counts['exact']} | {total} | {counts['exact'] / total:.0%} "
              f"| {counts['wrong']} |")
    if report.failures:
        print("\nnot exact:")
        for failure in report.failures:
            print(f"- {failure}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
