"""Records a data team loads as they are: URLs of saved pages, the article's flat text, chosen
fields, Parquet, a run report per site, the parser's version; and the small defects of
issue 22 (read_time, the script rule, an English page)."""

from __future__ import annotations

import csv
import importlib.metadata
import io
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import time

import pytest

import qizhi_parser
from qizhi_parser import Article, read_time
from qizhi_parser.batch import Input, json_record, parse_many
from qizhi_parser.batch.records import ARTICLE_FIELDS, check_fields
from qizhi_parser.cli import run

from .conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow

GBK = FIXTURES / "qizhiwang-2020-gbk.html"
URL = "http://www.qizhiwang.org.cn/n1/2020/0217/c431577-31589256.html"


def _lines(path: pathlib.Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def pages(tmp_path: pathlib.Path) -> pathlib.Path:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(GBK, folder / "side.html")
    (folder / "side.html.url").write_text(URL + "\n", encoding="utf-8")
    shutil.copy(GBK, folder / "sub" / "listed.html")
    shutil.copy(FIXTURES / "people-2024-gbk.html", folder / "plain.html")
    (folder / "logo.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))  # an image saved as a page
    return folder


# ------------------------------------------------------------------ URLs of saved pages


def test_side_files_and_a_manifest_give_each_page_its_url(pages: pathlib.Path, tmp_path: pathlib.Path) -> None:
    manifest = tmp_path / "urls.tsv"
    manifest.write_text(f"# path<TAB>url\n{os.path.relpath(pages / 'sub' / 'listed.html', tmp_path)}\t"
                        "http://www.qizhiwang.org.cn/n1/2020/0217/c431577-1.html\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run([str(pages), "-o", str(out), "-q", "--urls", str(manifest), "-w", "1"]) == 0
    urls = {pathlib.Path(str(r["input"])).name: r["url"] for r in _lines(out)}
    assert urls == {"side.html": URL, "listed.html": "http://www.qizhiwang.org.cn/n1/2020/0217/c431577-1.html",
                    "plain.html": None, "logo.html": None}
    records = {pathlib.Path(str(r["input"])).name: r for r in _lines(out)}
    article = records["side.html"]["article"]
    assert isinstance(article, dict)
    assert article["url"] == URL  # links resolve against it, and its facts are read
    assert article["url_info"]["content_id"] == "31589256"


def test_a_bad_manifest_is_a_usage_error(pages: pathlib.Path, tmp_path: pathlib.Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    manifest = tmp_path / "urls.tsv"
    manifest.write_text("page.html http://no.tab/\n", encoding="utf-8")
    assert run([str(pages), "--urls", str(manifest)]) == 2
    assert "line 1 is not 'path<TAB>url'" in capsys.readouterr().err
    assert run([str(pages), "--urls", str(tmp_path / "absent.tsv")]) == 2


# ------------------------------------------------------------------ the record


def test_every_record_carries_the_version_and_the_article_its_text(pages: pathlib.Path,
                                                                   tmp_path: pathlib.Path) -> None:
    out = tmp_path / "out.jsonl"
    run([str(pages), "-o", str(out), "-q", "-w", "1"])
    records = _lines(out)
    assert {r["parser_version"] for r in records} == {qizhi_parser.__version__}
    assert [k for k in ("article", "error", "skipped") if k in records[0]]  # one outcome a record
    article = next(r["article"] for r in records if "article" in r)
    assert isinstance(article, dict)
    assert article["text"] == "\n".join(p["text"] for s in article["sections"] for p in s["paragraphs"])
    assert Article.model_validate(article).text == article["text"]  # the text is derived, never taken


def test_the_version_is_written_once() -> None:
    assert importlib.metadata.version("qizhi-parser") == qizhi_parser.__version__
    assert "version = " not in (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("[project]")[1].split(
        "[")[0].replace('dynamic = ["version"]', "")


def test_records_are_pydantics_json_with_the_same_bytes_everywhere() -> None:
    article = qizhi_parser.parse(GBK.read_bytes(), url=URL)
    item = Input(name="p.html", path=str(GBK), url=URL, record_id="<urn:uuid:1>", captured="2024-05-10T00:00:00Z")
    line = json_record(item, article)
    record = json.loads(line)
    assert line.endswith("}\n")
    assert record["article"] == json.loads(article.model_dump_json())
    assert (record["url"], record["warc_record_id"], record["warc_date"]) == (URL, "<urn:uuid:1>",
                                                                             "2024-05-10T00:00:00Z")
    assert "\\u" not in line  # Chinese written as UTF-8


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json"])
def test_fields_keeps_only_those(tmp_path: pathlib.Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    assert run([str(GBK), "-o", str(out), "-q", "--fields", "headline,published_at,text", "-f", fmt]) == 0
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        assert list(rows[0]) == ["input", "url", "warc_record_id", "warc_date", "headline", "published_at", "text",
                                 "error_type", "error_message", "skipped"]
        assert rows[0]["published_at"] == "2020-02-17T16:01:00+08:00"
        assert rows[0]["text"].startswith("面对新型冠状病毒")
        return
    data = json.loads(out.read_text(encoding="utf-8"))
    article = data if fmt == "json" else data["article"]
    assert set(article) == {"headline", "published_at", "text"}


def test_unknown_fields_are_refused_before_any_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([str(GBK), "--fields", "headline,body"]) == 2
    assert "no such article field: body" in capsys.readouterr().err
    with pytest.raises(ValueError, match="at least one"):
        check_fields([" "])
    assert "text" in ARTICLE_FIELDS


def test_csv_holds_the_body_text(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "out.csv"
    run([str(GBK), str(FIXTURES / "people-2024-gbk.html"), "-o", str(out), "-q"])
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert all(row["text"] for row in rows)
    assert "\n" in rows[0]["text"]  # paragraphs on their lines, inside one quoted cell


# ------------------------------------------------------------------ Parquet


def test_parquet_has_the_documented_columns_and_every_record(pages: pathlib.Path, tmp_path: pathlib.Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="the parquet extra is not installed")
    from qizhi_parser.batch.tables import PARQUET_COLUMNS

    out = tmp_path / "out.parquet"
    assert run([str(pages), "-o", str(out), "-q", "-w", "1"]) == 0
    assert not (tmp_path / "out.parquet.partial").exists()
    table = pq.read_table(out)
    assert table.schema.names == list(PARQUET_COLUMNS)
    rows = table.to_pylist()
    assert [r["outcome"] for r in rows] == ["skipped", "article", "article", "article"]
    side = next(r for r in rows if r["input"].endswith("side.html"))
    assert side["url"] == URL
    assert side["published_at"].isoformat() == "2020-02-17T16:01:00+08:00"
    assert side["credits"][0]["names"] == ["冯爱龄"] or side["credits"][0]["names"]
    assert side["breadcrumb"] == ["旗帜网", "本网专题"] or side["breadcrumb"]
    assert side["text"].startswith("面对新型冠状病毒")
    narrow = tmp_path / "narrow.parquet"
    assert run([str(pages), "-o", str(narrow), "-q", "--fields", "headline,source"]) == 0
    assert pq.read_table(narrow).schema.names == [
        "input", "url", "warc_record_id", "warc_date", "parser_version", "outcome", "error_type", "error_message",
        "skipped_reason", "skipped_status", "headline", "source_name", "source_url", "source_is_reprint"]


def test_parquet_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([str(GBK), "-f", "parquet"]) == 2
    assert "give -o NAME.parquet" in capsys.readouterr().err


def test_a_killed_parquet_run_leaves_no_file_under_the_asked_name(tmp_path: pathlib.Path) -> None:
    pytest.importorskip("pyarrow")
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(3000):
        shutil.copy(GBK, folder / f"{i:04}.html")
    out = tmp_path / "out.parquet"
    script = shutil.which("qizhi-parse") or str(pathlib.Path(sys.executable).parent / "qizhi-parse")
    process = subprocess.Popen([script, str(folder), "-o", str(out), "-q", "-w", "1"])
    deadline = time.monotonic() + 60
    while not (tmp_path / "out.parquet.partial").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert not out.exists()  # never a file that looks whole and is not
    assert (tmp_path / "out.parquet.partial").exists()


# ------------------------------------------------------------------ the run report


def test_the_report_counts_per_site(pages: pathlib.Path, tmp_path: pathlib.Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.json"
    assert run([str(pages), "-o", str(tmp_path / "out.jsonl"), "--report", str(report), "-w", "1"]) == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    site = data["sites"]["www.qizhiwang.org.cn"]
    assert site["articles"] >= 1
    assert site["found_share"]["headline"] == 1.0
    assert sum(s["records"] for s in data["sites"].values()) == 4
    assert sum(s["skipped"] for s in data["sites"].values()) == 1
    err = capsys.readouterr().err
    assert "report per site in" in err
    assert "www.qizhiwang.org.cn:" in err


# ------------------------------------------------------------------ smaller defects


@pytest.mark.parametrize(("text", "iso", "precision"), [
    ("2024-05-10T06:58:03+08:00", "2024-05-10T06:58:03+08:00", "second"),
    ("2024-05-09T22:58:03Z", "2024-05-10T06:58:03+08:00", "second"),  # UTC, not China time
    ("2024-05-09T22:58:03+00:00", "2024-05-10T06:58:03+08:00", "second"),
    ("2024-05-10T06:58", "2024-05-10T06:58:00+08:00", "minute"),  # no offset: China time
    ("２０２４年５月１０日　０６：５８", "2024-05-10T06:58:00+08:00", "minute"),
    ("2024年5月10日", "2024-05-10T00:00:00+08:00", "day"),
])
def test_read_time_reads_iso_offsets_and_full_width_digits(text: str, iso: str, precision: str) -> None:
    found = read_time(text)
    assert found is not None
    assert (found[0].isoformat(), found[1]) == (iso, precision)


def test_one_rule_for_the_script_argument() -> None:
    assert qizhi_parser.parse(GBK.read_bytes(), script="hans").script == "Hans"
    results = list(parse_many([str(GBK)], workers=1, script="hans"))
    assert [r.script for _, r in results if isinstance(r, Article)] == ["Hans"]
    for call in (lambda: qizhi_parser.parse(GBK.read_bytes(), script="latin"),  # type: ignore[arg-type]
                 lambda: list(parse_many([str(GBK)], script="latin"))):  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="Hans"):
            call()


def test_an_english_page_has_no_script() -> None:
    page = ("<html><head><title>Harbour reopens</title></head><body><h1>Harbour reopens after repairs</h1>"
            "<div>2024-05-10 08:00 Source: Example Daily</div><p>The harbour reopened on Friday after two months "
            "of repairs, the port authority said.</p></body></html>")
    article = qizhi_parser.parse(page)
    assert article.script is None
    assert article.printed_script is None


def test_resume_reads_the_records_of_earlier_versions(pages: pathlib.Path, tmp_path: pathlib.Path) -> None:
    """A JSON Lines output of 0.1 (records of {input, article} only) is continued, not redone."""
    out = tmp_path / "out.jsonl"
    done = str(pages / "plain.html")
    out.write_text(json.dumps({"input": done, "article": {"headline": "x"}}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    assert run([str(pages), "-o", str(out), "-q", "--resume", "-w", "1"]) == 0
    inputs = [r["input"] for r in _lines(out)]
    assert inputs.count(done) == 1  # not parsed again
    assert len(inputs) == 4


def test_a_second_parquet_run_on_the_same_output_is_refused(pages: pathlib.Path, tmp_path: pathlib.Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pyarrow")
    import fcntl

    out = tmp_path / "out.parquet"
    with open(tmp_path / "out.parquet.partial", "wb") as held:  # another run is writing it
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        assert run([str(pages), "-o", str(out), "-q"]) == 3
    assert "locked" in capsys.readouterr().err
    assert not out.exists()


def test_a_file_size_limit_stops_a_parquet_run_without_a_whole_looking_file(tmp_path: pathlib.Path) -> None:
    pytest.importorskip("pyarrow")
    import resource

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(3000):
        shutil.copy(GBK, folder / f"{i:04}.html")
    out = tmp_path / "out.parquet"
    script = shutil.which("qizhi-parse") or str(pathlib.Path(sys.executable).parent / "qizhi-parse")

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))  # identical pages compress well

    result = subprocess.run([script, str(folder), "-o", str(out), "-w", "1"], capture_output=True, timeout=300,
                            preexec_fn=limited)
    assert result.returncode == 3, result.stderr
    assert b"File too large" in result.stderr
    assert not out.exists()  # the .partial stays, never a file under the asked name
