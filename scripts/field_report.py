"""Print the per-field and per-site exact-match rate of the parser over folders of pages.

    python scripts/field_report.py PAGES_DIR EXPECTED_DIR [PAGES_DIR EXPECTED_DIR ...]

A page ``X`` is scored against ``EXPECTED_DIR/X.json`` (a full golden Article dump,
a facts file with an ``expect`` mapping, or a bare mapping of facts); pages without
one are skipped. With no arguments it scores the bundled fixtures and, when present,
../shared/corpus/pages and ../shared/corpus/other-sites. A page's site is the host in
its file name (``501-www.xinhuanet.com-….html``), else ``fixtures``.
"""

from __future__ import annotations

import pathlib
import re
import sys

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
    if (corpus / "other-sites").is_dir():
        argv += [str(corpus / "other-sites" / "pages"), str(corpus / "other-sites" / "expected")]
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
    per_page: dict[str, tuple[int, int]] = {}
    tally, failures = field_report(pairs, per_page)
    print(f"{len(pairs)} pages\n")
    print("| field | exact | pages | rate |")
    print("|---|---:|---:|---:|")
    for key in sorted(tally):
        good, total = tally[key]
        print(f"| {key} | {good} | {total} | {good / total:.0%} |")
    sites: dict[str, list[int]] = {}
    for name, (good, total) in per_page.items():
        row = sites.setdefault(site_of(name), [0, 0, 0])
        row[0] += 1
        row[1] += good
        row[2] += total
    print("\n| site | pages | facts exact | facts | rate |")
    print("|---|---:|---:|---:|---:|")
    for site in sorted(sites):
        count, good, total = sites[site]
        print(f"| {site} | {count} | {good} | {total} | {good / total:.0%} |")
    if failures:
        print("\nnot exact:")
        for failure in failures:
            print(f"- {failure}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
