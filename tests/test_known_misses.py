"""Known misses on real pages (tests/known_misses.toml), each a strict xfail with its reason.

A row that starts to pass fails the run (strict), so a fix is noticed and its row removed;
the reasons are the limits README's "Limits" section describes.
"""

from __future__ import annotations

import pathlib
import sys
from typing import Any

import pytest

import qizhi_parser
from qizhi_parser.evaluate import VIEWS

from ._textdump import html_to_text
from .conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CORPUS = ROOT.parent / "shared" / "corpus"
MANIFEST = ROOT / "tests" / "known_misses.toml"
ROWS: list[dict[str, Any]] = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))["miss"]


def test_every_row_is_complete() -> None:
    for row in ROWS:
        assert set(row) == {"page", "variant", "view", "expected", "reason"}, row
        assert row["variant"] in ("html", "dump")
        assert row["view"] in VIEWS
        assert len(row["reason"]) > 40  # a reason, not a label


def _cases() -> list[Any]:
    return [pytest.param(row, id=f"{pathlib.Path(row['page']).name[:3]}-{row['variant']}-{row['view']}",
                         marks=pytest.mark.xfail(strict=True, reason=" ".join(row["reason"].split())))
            for row in ROWS]


@pytest.mark.parametrize("row", _cases())
def test_known_miss(row: dict[str, Any]) -> None:
    page = CORPUS / row["page"]
    if not page.is_file():
        pytest.xfail(f"shared corpus page not present: {page}")  # strict xfail: a skip would pass silently
    data = page.read_bytes()
    article = qizhi_parser.parse(data) if row["variant"] == "html" else qizhi_parser.parse_text(html_to_text(data))
    assert VIEWS[row["view"]](article) == row["expected"]
