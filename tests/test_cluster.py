"""Dask and Spark over WARC archives give the command line's records, byte for byte.

Two archives written here hold every kind of record a crawl meets: articles, a page that is no
article, a 404, a revisit, an image (not an input), a page that runs past the time limit, and a
record cut short at the end of the second archive. The command line, a Dask bag (local
scheduler) and Spark (local mode; skipped without PySpark and a Java runtime) read them; their
lines must be the same bytes, in the same order.
"""

from __future__ import annotations

import io
import json
import pathlib
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from qizhi_parser.cli import run

from .conftest import FIXTURES
from .test_crawl import slow_page

pytestmark = pytest.mark.slow

SITE = "http://www.qizhiwang.org.cn/n1/2020/0217/c431577-"
TIMEOUT = "0.05"


def _archive(path: pathlib.Path, records: list[tuple[str, str, bytes, str]], cut: int = 0) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for kind, uri, body, status in records:
        headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        if kind == "image":
            headers = StatusAndHeaders(status, [("Content-Type", "image/png")], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "revisit" if kind == "revisit" else "response",
                                           payload=io.BytesIO(body), http_headers=headers)
        writer.write_record(record)
        record.raw_stream.close()
    data = buffer.getvalue()
    path.write_bytes(data[: len(data) - cut] if cut else data)


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("warcs")
    utf8 = (FIXTURES / "qizhiwang-2020-utf8-gb2312.html").read_bytes()
    first, second = folder / "a.warc.gz", folder / "b.warc.gz"
    _archive(first, [
        ("page", f"{SITE}1.html", utf8, "200 OK"),
        ("image", "http://www.qizhiwang.org.cn/logo.png", b"\x89PNG\r\n\x1a\n", "200 OK"),
        ("page", f"{SITE}2.html", b"<html><body><p>no article here</p></body></html>", "200 OK"),
        ("page", f"{SITE}3.html", b"gone", "404 Not Found"),
        ("page", f"{SITE}4.html", slow_page(), "200 OK"),
    ])
    _archive(second, [
        ("page", f"{SITE}5.html", (FIXTURES / "people-2024-gbk.html").read_bytes(), "200 OK"),
        ("page", f"{SITE}6.html", utf8, "200 OK"),
    ], cut=2000)
    return [str(first), str(second)]


@pytest.fixture(scope="module")
def cli_lines(archives: list[str], tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("cli") / "out.jsonl"
    assert run([*archives, "-o", str(out), "-q", "-w", "2", "--timeout", TIMEOUT]) == 1  # some inputs fail
    return out.read_text(encoding="utf-8").splitlines()


def test_the_archives_hold_every_kind_of_record(cli_lines: list[str]) -> None:
    records = [json.loads(line) for line in cli_lines]
    outcomes = [next(k for k in ("article", "error", "skipped") if k in r) for r in records]
    assert outcomes == ["article", "error", "skipped", "error", "article", "error"]
    assert [r["error"]["type"] for r in records if "error" in r] == [
        "NotAnArticleError", "InputTimeoutError", "ArchiveError"]
    assert all(r["warc_record_id"].startswith("<urn:uuid:") for r in records[:4])  # failed and skipped too
    assert all(r["url"] == f"{SITE}{n}.html" for r, n in zip(records[:5], (1, 2, 3, 4, 5), strict=True))
    assert all(r["warc_date"] for r in records[:5])
    assert "中" in cli_lines[0]  # Chinese as UTF-8, not escaped


def test_dask_gives_the_command_lines_bytes(archives: list[str], cli_lines: list[str]) -> None:
    pytest.importorskip("dask.bag", reason="the dask extra is not installed")
    from qizhi_parser.dask_recipe import lines_bag

    lines = lines_bag(archives, timeout=float(TIMEOUT)).compute(scheduler="sync")
    assert lines == cli_lines


def test_dask_writes_part_files_of_the_same_records(archives: list[str], cli_lines: list[str],
                                                    tmp_path: pathlib.Path) -> None:
    pytest.importorskip("dask.bag", reason="the dask extra is not installed")
    from qizhi_parser.dask_recipe import to_jsonl

    written = to_jsonl([str(pathlib.Path(archives[0]).parent)], str(tmp_path / "out"), timeout=float(TIMEOUT),
                       scheduler="threads")
    assert len(written) == 2  # a part file an archive: the folder was walked
    text = "".join(pathlib.Path(name).read_text(encoding="utf-8") for name in sorted(written))
    assert text.splitlines() == cli_lines


def test_spark_gives_the_command_lines_bytes(archives: list[str], cli_lines: list[str], spark_context: Any) -> None:
    import functools

    from qizhi_parser.spark_recipe import file_partition

    task = functools.partial(file_partition, timeout=float(TIMEOUT))
    lines = spark_context.parallelize(archives, len(archives)).mapPartitions(task).collect()
    assert lines == cli_lines
