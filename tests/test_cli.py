"""The batch command and the library functions behind it."""

from __future__ import annotations

import csv
import gzip
import io
import json
import pathlib
import pickle
import random
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import qizhi_parser
from qizhi_parser import Article, InputTooLargeError, MissingFieldError, QizhiParserError
from qizhi_parser.batch import Input, Skipped, iter_warc, parse_many
from qizhi_parser.cli import CSV_COLUMNS, run
from qizhi_parser.errors import ArchiveError

from .conftest import FIXTURES, SEED

#: Slow: run by default, left out with ``pytest -m 'not slow'`` (the rule tests then take seconds).
pytestmark = pytest.mark.slow

GBK = FIXTURES / "qizhiwang-2020-gbk.html"
BIG5 = FIXTURES / "qizhiwang-2020-big5.html"


def lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def folder(tmp_path: pathlib.Path) -> pathlib.Path:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b").mkdir()
    shutil.copy(GBK, tmp_path / "a" / "1-gbk.html")
    shutil.copy(BIG5, tmp_path / "a" / "b" / "2-big5.html")
    shutil.copy(SEED, tmp_path / "3-seed.txt")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    (tmp_path / "a" / "4-broken.html").write_bytes(b"\x89PNG\r\n\x1a\nnot a page")
    return tmp_path


def make_warc(path: pathlib.Path) -> None:
    """Two HTML responses, one image response, then a broken record."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        site = "http://www.qizhiwang.org.cn/n1/2020/0217/c431577-"
        for uri, body, ctype in [
            (f"{site}31589256.html", GBK.read_bytes(), "text/html; charset=gb2312"),
            ("http://example.org/logo.png", b"\x89PNG\r\n\x1a\n....", "image/png"),
            (f"{site}31589257.html", BIG5.read_bytes(), "text/html; charset=big5"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)
            record.raw_stream.close()  # warcio spools the digested payload to a temp file
        handle.write(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n<html>cut short")


# ------------------------------------------------------------------ command line

#: Bytes that are text in no encoding (a DecodeError).
NOISE = random.Random(1).randbytes(3000)


def test_single_file_prints_the_article(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([str(SEED)]) == 0
    out, err = capsys.readouterr()
    article = Article.model_validate_json(out)
    assert article.headline.startswith("全國人大機關")
    assert "1 inputs, 1 parsed" in err


def test_folder_recursive_in_stable_order(folder: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run([str(folder), "-q", "-w", "1"]) == 0  # the PNG named .html is told by its content: skipped
    records = lines(capsys.readouterr().out)
    names = [pathlib.Path(str(r["input"])).name for r in records]
    assert names == ["3-seed.txt", "1-gbk.html", "4-broken.html", "2-big5.html"]
    skipped = [r for r in records if "skipped" in r]
    assert [r["skipped"] for r in skipped] == [{"reason": "not a page: a PNG file (image/png)"}]


def test_glob_filters_folders(folder: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run([str(folder), "--glob", "*-gbk.html", "--glob", "*.txt", "-q"]) == 0
    names = [pathlib.Path(str(r["input"])).name for r in lines(capsys.readouterr().out)]
    assert names == ["3-seed.txt", "1-gbk.html"]


def test_workers_keep_input_order(folder: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    run([str(folder), "-q", "-w", "1"])
    serial = capsys.readouterr().out
    run([str(folder), "-q", "-w", "2"])
    assert capsys.readouterr().out == serial


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GBK.read_bytes())))
    assert run(["-", "-q"]) == 0
    assert json.loads(capsys.readouterr().out)["encoding"] == "gb18030"


def test_gzip_file(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    packed = tmp_path / "page.html.gz"
    packed.write_bytes(gzip.compress(GBK.read_bytes()))
    assert run([str(packed), "-q"]) == 0
    assert json.loads(capsys.readouterr().out)["source"]["name"] == "旗帜网"


def test_warc(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "crawl.warc.gz"
    make_warc(archive)
    assert run([str(archive), "-q", "-w", "2"]) == 1
    records = lines(capsys.readouterr().out)
    assert len(records) == 3  # two HTML responses and the broken record; the PNG is skipped
    first, second, broken = records
    assert str(first["input"]).startswith(f"{archive}@")
    assert first["article"]["url"] == "http://www.qizhiwang.org.cn/n1/2020/0217/c431577-31589256.html"  # type: ignore[index]
    assert first["article"]["provenance"]["url"] == "argument"  # type: ignore[index]
    assert second["article"]["script"] == "Hant"  # type: ignore[index]
    assert second["article"]["encoding"] == "big5hkscs"  # type: ignore[index]
    assert broken["error"]["type"] == "ArchiveError"  # type: ignore[index]
    assert "reading stopped at byte" in broken["error"]["message"]  # type: ignore[index]
    assert str(broken["input"]).startswith(f"{archive}@")


def test_iter_warc(tmp_path: pathlib.Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    make_warc(archive)
    got = []
    records = iter_warc(archive)
    for _ in range(2):
        uri, headers, body = next(records)
        got.append((uri, headers["content-type"], len(body)))
    with pytest.raises(ArchiveError, match="reading stopped"):
        next(records)
    assert [g[0] for g in got] == [
        "http://www.qizhiwang.org.cn/n1/2020/0217/c431577-31589256.html",
        "http://www.qizhiwang.org.cn/n1/2020/0217/c431577-31589257.html",
    ]
    assert got[0][1] == "text/html; charset=gb2312"  # the response's own HTTP header


def test_csv(folder: pathlib.Path, tmp_path: pathlib.Path) -> None:
    out = tmp_path / "out.csv"
    assert run([str(folder), "-f", "csv", "-o", str(out), "-q"]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == CSV_COLUMNS
    seed = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    assert seed["breadcrumb"] == "旗幟網 > 本網專題 > 守初心 抗疫情 中央和國家機關在行動 > 黨委(黨組)之聲"
    assert seed["credits"] == "editor:編輯:馮愛齡; submitter:送簽:馮愛齡; approver:簽發:徐雅維"
    assert seed["paragraphs"] == "10"
    assert seed["published_at"] == "2020-02-17T16:01:00+08:00"
    broken = dict(zip(CSV_COLUMNS, rows[3], strict=True))
    assert broken["skipped"] == "not a page: a PNG file (image/png)"


def test_json_needs_one_file(folder: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run([str(folder), "-f", "json"]) == 2
    assert "--format json takes one page" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [[], ["/no/such/file.html"], ["-w", "0", "x"], ["--format", "xml", "x"], ["a", "b", "--url", "http://x"]],
)
def test_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(argv) == 2


def test_fail_fast(folder: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "a" / "0-bad.html").write_bytes(NOISE)  # no text in any encoding
    assert run([str(folder), "--fail-fast", "-q", "-w", "1"]) == 1
    records = lines(capsys.readouterr().out)
    assert "error" in records[-1]
    assert records[-1]["error"]["type"] == "DecodeError"  # type: ignore[index]
    assert len(records) == 2


def test_strict_passes_through(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "p.html"
    page.write_text("<html><body><h1>标题</h1><div class='rm_txt_con'><p>正文。</p></div></body></html>", "utf-8")
    assert run([str(page), "-q"]) == 0
    capsys.readouterr()
    assert run([str(page), "-q", "--strict"]) == 1
    assert json.loads(capsys.readouterr().out)["error"]["type"] == "MissingFieldError"


def test_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "qizhi-parse batch record"
    kinds = {name for ref in schema["anyOf"] for name in schema["$defs"][ref["$ref"].split("/")[-1]]["properties"]}
    assert kinds == {"input", "url", "warc_record_id", "warc_date", "parser_version", "article", "error", "skipped"}
    assert schema["$defs"]["Article"]["properties"]["published_at"]["description"].startswith("Publication time")
    assert "text" in schema["$defs"]["Article"]["properties"]  # written, so in the schema of what is written


def test_every_field_of_the_schema_is_described(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    bare = [f"{name}.{field}" for name, definition in schema["$defs"].items()
            for field, spec in definition.get("properties", {}).items() if "description" not in spec]
    assert bare == []


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"]) == 0
    assert qizhi_parser.__version__ in capsys.readouterr().out


def test_installed_console_script() -> None:
    script = shutil.which("qizhi-parse") or str(pathlib.Path(sysconfig.get_path("scripts")) / "qizhi-parse")
    result = subprocess.run([script, str(SEED)], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["source"]["name"] == "旗幟網"
    assert b"1 inputs, 1 parsed" in result.stderr


# ------------------------------------------------------------------ library


def test_parse_many_streams_in_order(folder: pathlib.Path) -> None:
    paths = [folder / "3-seed.txt", folder / "a" / "4-broken.html", folder / "a" / "1-gbk.html"]
    results = list(parse_many(paths, workers=2))
    assert [pathlib.Path(i.name).name for i, _ in results] == [p.name for p in paths]
    assert isinstance(results[0][1], Article)
    assert isinstance(results[1][1], Skipped)  # a PNG, by its content
    assert isinstance(results[2][1], Article)


def test_parse_many_reports_unreadable_files(tmp_path: pathlib.Path) -> None:
    [(_item, result)] = list(parse_many([tmp_path / "missing.html"], workers=1))
    assert isinstance(result, QizhiParserError)
    assert "cannot read" in str(result)


@pytest.mark.parametrize(
    "error",
    [InputTooLargeError(10, 5), MissingFieldError(["source"], ["source: not found"]),
     qizhi_parser.DecodeError("bad", offset=3), qizhi_parser.NotAnArticleError("none")],
    ids=lambda e: type(e).__name__,
)
def test_errors_pickle(error: QizhiParserError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)


def test_article_pickles() -> None:
    article = qizhi_parser.parse(GBK.read_bytes())
    assert pickle.loads(pickle.dumps(article)) == article


# ------------------------------------------------------------------ dask


def test_dask_recipe_on_the_local_scheduler(folder: pathlib.Path, tmp_path: pathlib.Path) -> None:
    pytest.importorskip("dask.bag", reason="the dask extra is not installed")
    from qizhi_parser.dask_recipe import files_to_jsonl, warc_bag

    out = tmp_path / "out"
    written = files_to_jsonl([str(folder / "**" / "*.html"), str(folder / "*.txt")], str(out), npartitions=2,
                             scheduler="processes", num_workers=2)
    assert len(written) == 2
    texts = [pathlib.Path(name).read_text("utf-8") for name in sorted(written)]
    records = [json.loads(line) for text in texts for line in text.splitlines()]
    assert len(records) == 4
    by_name = {pathlib.Path(r["input"]).name: r for r in records}
    assert by_name["1-gbk.html"]["article"]["headline"].startswith("全国人大机关")
    assert by_name["4-broken.html"]["skipped"]["reason"] == "not a page: a PNG file (image/png)"  # as the CLI says

    archive = tmp_path / "crawl.warc.gz"
    make_warc(archive)
    warc_records = warc_bag([str(archive)]).compute(scheduler="processes", num_workers=2)
    assert [("article" in r) for r in warc_records] == [True, True, False]


# ------------------------------------------------------------------ spark


def test_spark_recipe_in_local_mode(folder: pathlib.Path, spark_context: Any) -> None:
    from qizhi_parser.spark_recipe import parse_partition

    rows = spark_context.binaryFiles(str(folder / "a" / "*.html")).mapPartitions(parse_partition).collect()
    records = {pathlib.Path(r["input"]).name: r for r in map(json.loads, rows)}
    assert set(records) == {"1-gbk.html", "4-broken.html"}
    assert records["1-gbk.html"]["article"]["published_at"] == "2020-02-17T16:01:00+08:00"
    assert records["4-broken.html"]["skipped"]["reason"] == "not a page: a PNG file (image/png)"


def test_progress_bar_on_a_terminal(folder: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    (folder / "a" / "0-bad.html").write_bytes(NOISE)  # no text in any encoding
    assert run([str(folder), "-w", "1"]) == 1
    err = capsys.readouterr().err
    assert "5/5" in err  # tqdm's counter, with the total known
    assert "[00:00<00:00" in err  # and its ETA
    assert "failed=1" in err
    assert "5 inputs, 3 parsed (0 with issues), 0 not articles, 1 skipped, 1 failed" in err


def test_quiet_hides_the_bar_and_the_summary(folder: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    run([str(folder), "-w", "1", "-q"])
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)  # no terminal: no bar, the summary alone
    run([str(folder), "-w", "1"])
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("qizhi-parse: 4 inputs")


def test_parse_many_is_lazy_and_bounded() -> None:
    """An endless input stream: results still come, and only a bounded number of
    inputs has been taken when they do (memory does not grow with the input count)."""
    import itertools

    taken = 0

    def endless() -> Iterator[Input]:
        nonlocal taken
        for i in itertools.count():
            taken += 1
            yield Input(name=f"copy-{i}", data=GBK.read_bytes())

    results = parse_many(endless(), workers=2)
    first = [next(results) for _ in range(5)]
    assert [i.name for i, _ in first if isinstance(i, Input)] == [f"copy-{n}" for n in range(5)]
    assert all(isinstance(r, Article) for _, r in first)
    assert taken <= 5 + 4 * 2 + 1
    results.close()
