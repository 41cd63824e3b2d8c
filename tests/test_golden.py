"""Golden files: every fixture beside its expected JSON, compared field by field.

Regenerate with ``pytest tests/test_golden.py --regen-golden`` and review the diff.
"""

from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest

import qizhi_parser

from .conftest import EXPECTED, FIXTURES

INPUTS = sorted(p for p in FIXTURES.iterdir() if p.is_file() and p.suffix in (".html", ".htm", ".txt"))
FIELDS = list(qizhi_parser.Article.model_fields)


def _expected_path(fixture: pathlib.Path) -> pathlib.Path:
    return EXPECTED / (fixture.name + ".json")


def _url(fixture: pathlib.Path) -> str | None:
    """A fixture may name its URL in a sidecar ``<name>.url`` file (as a crawler records it)."""
    sidecar = fixture.with_name(fixture.name + ".url")
    return sidecar.read_text(encoding="utf-8").strip() if sidecar.exists() else None


_cache: dict[pathlib.Path, dict[str, Any]] = {}


def _actual(fixture: pathlib.Path) -> dict[str, Any]:
    if fixture not in _cache:
        article = qizhi_parser.parse(fixture.read_bytes(), url=_url(fixture))
        _cache[fixture] = article.model_dump(mode="json")
    return _cache[fixture]


def test_every_fixture_has_expected_json(request: pytest.FixtureRequest) -> None:
    if request.config.getoption("--regen-golden"):
        EXPECTED.mkdir(exist_ok=True)
        for fixture in INPUTS:
            text = json.dumps(_actual(fixture), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            _expected_path(fixture).write_text(text, encoding="utf-8")
    missing = [f.name for f in INPUTS if not _expected_path(f).exists()]
    assert not missing, f"fixtures without expected JSON: {missing}"
    orphans = {p.name.removesuffix(".json") for p in EXPECTED.glob("*.json")} - {f.name for f in INPUTS}
    assert not orphans, f"expected JSON without a fixture: {sorted(orphans)}"
    assert len(INPUTS) >= 5


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("fixture", INPUTS, ids=[p.name for p in INPUTS])
def test_golden_field(fixture: pathlib.Path, field: str) -> None:
    path = _expected_path(fixture)
    if not path.exists():
        pytest.fail(f"no expected JSON for {fixture.name}")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert _actual(fixture)[field] == expected[field]
