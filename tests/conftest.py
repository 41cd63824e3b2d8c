"""Shared paths and options. Real pages are read from ../shared/corpus and never copied."""

from __future__ import annotations

import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
EXPECTED = FIXTURES / "expected"
SEED = FIXTURES / "000_ed244d5cd920c850.txt"
CORPUS = ROOT.parent / "shared" / "corpus" / "pages"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        default=False,
        help="rewrite fixtures/expected/*.json from the current parser (review the diff!)",
    )


def corpus_page(name: str) -> pathlib.Path:
    """A page of the shared corpus, or skip the test when the corpus is absent."""
    matches = sorted(CORPUS.glob(f"{name}*")) if CORPUS.is_dir() else []
    if not matches:
        pytest.skip(f"shared corpus page {name} not present at {CORPUS}")
    return matches[0]
