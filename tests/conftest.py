"""Shared paths and options. Real pages are read from ../shared/corpus and never copied."""

from __future__ import annotations

import pathlib
import shutil
import sys
from collections.abc import Iterator
from typing import Any

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


@pytest.fixture
def spark_context(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A local Spark context (two cores, no UI, bound to localhost), stopped after the test;
    the test is skipped without PySpark (CI installs it) or a Java runtime."""
    pytest.importorskip("pyspark", reason="PySpark is installed by CI only (pip install pyspark)")
    if shutil.which("java") is None:
        pytest.skip("PySpark needs a Java runtime")
    from pyspark.sql import SparkSession

    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    try:
        yield spark.sparkContext
    finally:
        spark.stop()
