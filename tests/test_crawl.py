"""A crawl run at scale never loses, invents or shortens a record (issue 19).

Each test is one fault a data team meets, run as they would run it: the command line over
archives and folders, time limits, full disks, killed processes, two jobs on one output.
Every test checks records out against inputs in.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import pathlib
import random
import resource
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import time
import zlib

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import qizhi_parser
from qizhi_parser import Article, DecodeError
from qizhi_parser.batch import Entry, Input, iter_warc, map_inputs, parse_many
from qizhi_parser.cli import run
from qizhi_parser.errors import ArchiveError, InputTimeoutError, QizhiParserError

from ._processes import alive, children
from .conftest import FIXTURES, SEED

pytestmark = pytest.mark.slow

GBK = FIXTURES / "qizhiwang-2020-gbk.html"
BIG5 = FIXTURES / "qizhiwang-2020-big5.html"
UTF8 = FIXTURES / "qizhiwang-2020-utf8-gb2312.html"
SITE = "http://www.qizhiwang.org.cn/n1/2020/0217/c431577-"
SCRIPT = shutil.which("qizhi-parse") or str(pathlib.Path(sysconfig.get_path("scripts")) / "qizhi-parse")


def warc(records: list[tuple[str, bytes, str]], *, gz: bool = True) -> bytes:
    """A WARC archive of 200 responses (uri, body, content type)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for uri, body, ctype in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
        writer.write_record(record)
        record.raw_stream.close()
    return buffer.getvalue()


def pages(n: int, *, gz: bool = True) -> bytes:
    return warc([(f"{SITE}{i}.html", UTF8.read_bytes(), "text/html; charset=utf-8") for i in range(n)], gz=gz)


def records_of(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def kinds(records: list[dict[str, object]]) -> list[str]:
    return [next(k for k in r if k in ("article", "error", "skipped")) for r in records]


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, object]], str]:
    code = run(args)
    out, err = capsys.readouterr()
    return code, records_of(out), err


def slow_page() -> bytes:
    """A page near the work budget (5 MB of paragraphs): about 0.3 s to parse here, 60 times a
    fixture page, the slowest kind of page the bounds allow."""
    unit = "<p>　　这是一个用来测试的句子，它会重复很多次。</p>".encode()
    head = "<html><head><title>标题</title></head><body><h1>标题</h1><div>2024年05月10日08:00 来源：人民网</div>"
    return head.encode() + unit * (5_000_000 // len(unit)) + b"</body></html>"


def wait_dead(pids: list[int], seconds: float = 5.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and [p for p in pids if alive(p)]:
        time.sleep(0.05)
    return [p for p in pids if alive(p)]


# ------------------------------------------------------------------ 1. time limits


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_timeout_costs_exactly_its_input(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
                                           workers: str) -> None:
    """Six pages that take 0.3 s, among 40 fixture pages that take 1-4 ms, with --timeout 0.05: six
    InputTimeoutError records, and every other record the very Article of a plain parse
    (no field lost to the clock); the run goes to its end."""
    fixtures = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".html", ".txt"))
    slow = slow_page()
    names = []
    for i in range(46):
        path = tmp_path / f"{i:03}.html"
        if i % 8 == 3:
            path.write_bytes(slow)
        else:
            shutil.copy(fixtures[i % len(fixtures)], path)
        names.append(path)
    code, records, err = cli([str(tmp_path), "-w", workers, "--timeout", "0.05"], capsys)
    assert code == 1
    assert [r["input"] for r in records] == [str(n) for n in names]
    timed_out = [r for r in records if "error" in r]
    assert [r["error"]["type"] for r in timed_out] == ["InputTimeoutError"] * 6  # type: ignore[index]
    assert {r["input"] for r in timed_out} == {str(n) for i, n in enumerate(names) if i % 8 == 3}
    for record, path in zip(records, names, strict=True):
        if "article" in record:
            assert record["article"] == qizhi_parser.parse(path.read_bytes()).model_dump(mode="json"), path.name
    assert "46 inputs, 40 parsed" in err


def raise_on_bad(item: Input) -> str:
    if item.name.endswith("bad.html"):
        raise KeyError("an exception nobody expected")
    return "ok"


@pytest.mark.parametrize("workers", [1, 2])
def test_an_exception_a_task_raises_is_its_input_s_error(tmp_path: pathlib.Path, workers: int) -> None:
    names = [str(tmp_path / n) for n in ("a.html", "bad.html", "c.html")]
    for name in names:
        pathlib.Path(name).write_bytes(b"x")
    results = list(map_inputs(names, raise_on_bad, workers=workers))
    assert [item.name for item, _ in results] == names
    assert results[0][1] == results[2][1] == "ok"
    assert isinstance(results[1][1], QizhiParserError)
    assert "unexpected KeyError" in str(results[1][1])


# ------------------------------------------------------------------ 2. one input's exception


def test_a_warc_target_uri_over_the_limit_costs_the_url(tmp_path: pathlib.Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    long_uri = "http://www.qizhiwang.org.cn/" + "a" * 9000
    archive = tmp_path / "long.warc.gz"
    archive.write_bytes(warc([(f"{SITE}1.html", UTF8.read_bytes(), "text/html"),
                              (long_uri, UTF8.read_bytes(), "text/html"),
                              (f"{SITE}3.html", UTF8.read_bytes(), "text/html")]))
    code, records, err = cli([str(archive)], capsys)
    assert code == 0
    assert kinds(records) == ["article"] * 3
    issues = records[1]["article"]["issues"]  # type: ignore[index]
    assert {"field": "url", "code": "unsafe-url",
            "message": "the input's URL (9,028 characters, over 8,192) was not used"} in issues
    assert "3 inputs, 3 parsed" in err
    assert [type(r).__name__ for _, r in parse_many([archive], workers=1)] == ["Article"] * 3


# ------------------------------------------------------------------ 3, 6. WARC framings


def test_a_valid_uncompressed_warc_is_no_error(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(pages(10, gz=False))
    code, records, _ = cli([str(archive)], capsys)
    assert (code, kinds(records)) == (0, ["article"] * 10)


def test_a_truncated_uncompressed_warc_is_an_error_never_a_short_page(tmp_path: pathlib.Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    data = pages(10, gz=False)
    archive = tmp_path / "cut.warc"
    archive.write_bytes(data[:-3000])  # the tenth record loses its last 3,000 bytes
    code, records, _ = cli([str(archive)], capsys)
    assert code == 1
    assert kinds(records) == ["article"] * 9 + ["error"]
    error = records[-1]["error"]
    assert error["type"] == "ArchiveError"  # type: ignore[index]
    assert "is cut short" in error["message"]  # type: ignore[index]
    assert records[-1]["input"] == f"{archive}@{len(data) // 10 * 9}"
    with pytest.raises(ArchiveError, match="cut short"):
        list(iter_warc(archive))
    assert len([1 for _ in zip(range(9), iter_warc(archive), strict=False)]) == 9


def test_the_dask_recipe_says_a_record_is_cut_short(tmp_path: pathlib.Path) -> None:
    pytest.importorskip("dask.bag")
    from qizhi_parser.dask_recipe import warc_bag

    archive = tmp_path / "cut.warc"
    archive.write_bytes(pages(10, gz=False)[:-3000])
    records = warc_bag([str(archive)]).compute(scheduler="sync")
    assert kinds(records) == ["article"] * 9 + ["error"]


@pytest.mark.parametrize("framing", ["one-gzip-stream", "zcat-on-stdin", "plain-on-stdin"])
def test_every_warc_framing_reads_every_record(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str], framing: str) -> None:
    plain = pages(10, gz=False)
    if framing == "one-gzip-stream":
        archive = tmp_path / "crawl.warc.gz"
        archive.write_bytes(gzip.compress(plain))
        code, records, _ = cli([str(archive)], capsys)
    else:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(plain)))
        code, records, _ = cli(["-"], capsys)  # no -f: a WARC on stdin gives JSON Lines
    assert (code, kinds(records)) == (0, ["article"] * 10)
    offsets = [int(str(r["input"]).rsplit("@", 1)[1]) for r in records]
    assert offsets == sorted(offsets)
    assert offsets[0] == 0
    assert all(offset >= 0 for offset in offsets)


def test_a_warc_on_stdin_is_limited_a_record_at_a_time(monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """A 30-record archive of 450 KB on stdin with --max-bytes 100000: every record is read (the
    limit is per record); one record over the limit says which flag raises it."""
    big = b"<html><body><h1>x</h1>" + b"<p>a</p>" * 20000 + b"</body></html>"
    archive = warc([*[(f"{SITE}{i}.html", UTF8.read_bytes(), "text/html") for i in range(30)],
                    (f"{SITE}big.html", big, "text/html")], gz=False)
    assert len(archive) > 400_000
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(archive)))
    code, records, _ = cli(["-", "--max-bytes", "100000"], capsys)
    assert code == 1
    assert kinds(records) == ["article"] * 30 + ["error"]
    assert records[-1]["error"]["type"] == "InputTooLargeError"  # type: ignore[index]
    assert "raise --max-bytes to accept it" in records[-1]["error"]["message"]  # type: ignore[index]


# ------------------------------------------------------------------ 4. resume re-tries what can change


def test_resume_parses_the_record_that_was_cut_once_the_archive_has_grown(tmp_path: pathlib.Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    data = pages(10, gz=False)
    archive = tmp_path / "growing.warc"
    out = tmp_path / "out.jsonl"
    archive.write_bytes(data[:-3000])
    assert run([str(archive), "-o", str(out), "-q"]) == 1
    assert kinds(records_of(out.read_text(encoding="utf-8"))) == ["article"] * 9 + ["error"]
    archive.write_bytes(data)  # the crawler finished writing it
    assert run([str(archive), "-o", str(out), "--resume", "-q"]) == 0
    records = records_of(out.read_text(encoding="utf-8"))
    assert kinds(records) == ["article"] * 10
    assert len({r["input"] for r in records}) == 10  # the error record was replaced, not kept beside


# ------------------------------------------------------------------ 5. two jobs, one output


def test_a_second_job_on_the_same_output_is_refused(tmp_path: pathlib.Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(6):
        (folder / f"slow-{i}.html").write_bytes(slow_page())
    out = tmp_path / "same.jsonl"
    first = subprocess.Popen([SCRIPT, str(folder), "-o", str(out), "-w", "1", "-q"], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not out.exists():
        time.sleep(0.05)
    time.sleep(0.3)
    for args in ([str(SEED), "-o", str(out)], [str(SEED), "-o", str(out), "--resume"]):
        second = subprocess.run([SCRIPT, *args], capture_output=True, timeout=60)
        assert second.returncode == 3, second.stderr
        assert b"locked" in second.stderr
    assert first.wait(timeout=120) == 0
    records = records_of(out.read_text(encoding="utf-8"))
    assert kinds(records) == ["article"] * 6  # the first job's records, whole and all there


# ------------------------------------------------------------------ 8. charsets that cannot fail


@pytest.mark.parametrize("declared", ["ISO-8859-1", "koi8-r", "windows-1251", "windows-1252"])
def test_a_single_byte_charset_on_chinese_bytes_is_not_believed(declared: str) -> None:
    article = qizhi_parser.parse(GBK.read_bytes(), charset=declared)
    assert article.headline == "全国人大机关贯彻落实习近平总书记重要指示精神 坚决打赢疫情防控阻击战"
    assert article.encoding == "gb18030"
    assert any(i.code == "charset-mismatch" and declared in i.message for i in article.issues)


def test_gb2312_declared_on_big5_bytes() -> None:
    article = qizhi_parser.parse(BIG5.read_bytes(), charset="gb2312")
    assert article.encoding == "big5hkscs"
    assert article.headline is not None
    assert article.headline.startswith("全國人大機關")


@pytest.mark.parametrize("page", [GBK, BIG5], ids=["gbk", "big5"])
def test_a_utf8_bom_on_legacy_bytes_is_ignored(page: pathlib.Path) -> None:
    article = qizhi_parser.parse(codecs.BOM_UTF8 + page.read_bytes())
    assert article.headline is not None
    assert article.headline.startswith(("全国人大机关", "全國人大機關"))
    assert any(i.code == "charset-mismatch" and "byte-order mark" in i.message for i in article.issues)


def test_a_utf16_bom_on_junk_is_no_article() -> None:
    with pytest.raises(DecodeError):
        qizhi_parser.parse(codecs.BOM_UTF16_LE + bytes(range(256)) * 20)
    real = codecs.BOM_UTF16_LE + UTF8.read_bytes().decode("utf-8").encode("utf-16-le")
    assert qizhi_parser.parse(real).headline is not None


def test_a_warc_charset_of_iso_8859_1_on_gbk(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    """ISO-8859-1 is the charset many servers send by default: in a WARC it must not make mojibake."""
    archive = tmp_path / "latin1.warc.gz"
    archive.write_bytes(warc([(f"{SITE}1.html", GBK.read_bytes(), "text/html; charset=ISO-8859-1")]))
    code, records, _ = cli([str(archive)], capsys)
    assert code == 0
    assert records[0]["article"]["headline"].startswith("全国人大机关")  # type: ignore[index]


# ------------------------------------------------------------------ 9. no orphans


def test_killing_the_main_process_ends_its_workers(tmp_path: pathlib.Path) -> None:
    for i in range(400):
        shutil.copy(GBK, tmp_path / f"{i:04}.html")
    process = subprocess.Popen([SCRIPT, str(tmp_path), "-w", "2", "-q"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    process.stdout.readline()  # it runs
    workers = children(process.pid)
    assert workers
    process.kill()
    process.wait(timeout=10)
    assert wait_dead(workers) == []
    start = time.monotonic()
    process.stdout.read()  # the pipe reaches its end: no worker holds it open
    assert time.monotonic() - start < 5
    process.stdout.close()


# ------------------------------------------------------------------ 10, 11. disk full, kill -9 with .gz


def test_a_full_disk_stops_the_run_with_its_own_code(capsys: pytest.CaptureFixture[str]) -> None:
    code = run([str(SEED), str(GBK), "-o", "/dev/full", "-f", "jsonl"])
    assert code == 3
    assert "No space left on device" in capsys.readouterr().err


def _limited(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.parametrize(("name", "limit"), [("out.csv", 20_000), ("out.jsonl", 60_000), ("out.jsonl.gz", 60_000)])
def test_a_file_size_limit_leaves_the_output_whole(tmp_path: pathlib.Path, name: str, limit: int) -> None:
    """ulimit -f: the write that does not fit is cut back; the output holds whole records and
    readers take it as it is; the exit code is 3."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(40):
        shutil.copy(GBK, folder / f"{i:02}.html")
    out = tmp_path / name
    result = subprocess.run([SCRIPT, str(folder), "-o", str(out), "-w", "1"], capture_output=True, timeout=120,
                            preexec_fn=lambda: _limited(limit))
    assert result.returncode == 3, result.stderr
    assert b"File too large" in result.stderr
    data = out.read_bytes()
    assert 0 < len(data) <= limit
    if name.endswith(".gz"):
        data = gzip.decompress(data)  # every member whole: the standard reader takes it
    text = data.decode("utf-8-sig")
    if name.endswith(".csv"):
        rows = list(csv.reader(io.StringIO(text)))
        assert all(len(row) == len(rows[0]) for row in rows)
        assert len(rows) > 1
    else:
        assert text.endswith("\n")
        assert kinds(records_of(text))


def _torn_members(path: pathlib.Path) -> list[bytes]:
    """The whole gzip members of a file (a member cut short ends the list)."""
    data = path.read_bytes()
    found = []
    while data:
        decompressor = zlib.decompressobj(31)
        try:
            text = decompressor.decompress(data)
        except zlib.error:
            break
        if not decompressor.eof:
            break
        found.append(text)
        data = decompressor.unused_data
    return found


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz"])
def test_random_kills_then_resume_lose_and_repeat_nothing(tmp_path: pathlib.Path, name: str) -> None:
    """Five kill -9 of the main process at random moments, each followed by --resume, then a
    last --resume to the end: every input recorded exactly once, no orphan worker left."""
    folder = tmp_path / "pages"
    folder.mkdir()
    fixtures = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".html", ".txt"))
    for i in range(150):
        shutil.copy(fixtures[i % len(fixtures)], folder / f"{i:03}{fixtures[i % len(fixtures)].suffix}")
    out = tmp_path / name
    rng = random.Random(19)
    base = [SCRIPT, str(folder), "-o", str(out), "-w", "2", "-q"]
    for round_ in range(5):
        process = subprocess.Popen([*base, *(["--resume"] if round_ else [])], stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.4, 1.2))
        workers = children(process.pid)
        process.kill()
        process.wait(timeout=10)
        assert wait_dead(workers) == [], f"orphan workers after kill {round_ + 1}"
        if name.endswith(".gz"):  # what was written before the kill decompresses, member by member
            assert all(member.endswith(b"\n") for member in _torn_members(out))
    assert subprocess.run([*base, "--resume"], timeout=300).returncode == 0
    data = gzip.decompress(out.read_bytes()) if name.endswith(".gz") else out.read_bytes()
    names = [r["input"] for r in records_of(data.decode("utf-8"))]
    assert sorted(names) == sorted(str(p) for p in folder.iterdir())
    assert len(names) == len(set(names)) == 150


# ------------------------------------------------------------------ 12, 13. what --resume and stdin refuse


def test_resume_refuses_a_file_that_is_not_its_output(tmp_path: pathlib.Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "notes.jsonl"
    out.write_text('{"name": "my own notes"}\n{"name": "more"}\n', encoding="utf-8")
    before = out.read_bytes()
    assert run([str(SEED), "-o", str(out), "--resume"]) == 3
    assert "not a qizhi-parse JSON Lines output" in capsys.readouterr().err
    assert out.read_bytes() == before
    torn = tmp_path / "torn.jsonl"
    torn.write_text("some text without a newline", encoding="utf-8")
    assert run([str(SEED), "-o", str(torn), "--resume"]) == 3
    assert torn.read_text(encoding="utf-8") == "some text without a newline"


def test_resume_onto_a_fifo_is_refused_at_once(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "out.jsonl"
    os.mkfifo(fifo)
    assert run([str(SEED), "-o", str(fifo), "--resume"]) == 3
    assert "regular --output file" in capsys.readouterr().err


def test_an_unwritable_output_is_a_clear_stop(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.jsonl"
    real_open = os.open

    def refused(path: str, *args: object) -> int:
        if str(path) == str(out):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refused)
    assert run([str(SEED), "-o", str(out)]) == 3
    assert "cannot write --output" in capsys.readouterr().err


def test_an_unreadable_subfolder_is_a_record(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(GBK, tmp_path / "a" / "1.html")
    shutil.copy(GBK, tmp_path / "b" / "2.html")
    real_scandir = os.scandir

    def scandir(path: object) -> object:  # as root chmod 000 cannot be shown; the walk's error is the same
        if str(path).endswith("/b"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    code, records, _ = cli([str(tmp_path)], capsys)
    assert code == 1
    assert kinds(records) == ["article", "error"]
    assert records[1]["input"] == str(tmp_path / "b")
    assert records[1]["error"]["type"] == "ReadError"  # type: ignore[index]
    assert "cannot read the folder" in records[1]["error"]["message"]  # type: ignore[index]


def test_a_closed_stdin_is_its_input_s_error() -> None:
    result = subprocess.run(f"{SCRIPT} - <&-", shell=True, capture_output=True, timeout=60)
    assert result.returncode == 1
    [record] = records_of(result.stdout.decode("utf-8"))
    assert record["input"] == "-"
    assert record["error"]["type"] == "ReadError"  # type: ignore[index]


# ------------------------------------------------------------------ 14. a broken pipe


def test_a_reader_that_goes_away_ends_the_run_as_unix_tools_do(tmp_path: pathlib.Path) -> None:
    for i in range(2000):
        (tmp_path / f"{i:04}.txt").write_bytes(SEED.read_bytes())
    result = subprocess.run(f"set -o pipefail; {SCRIPT} {tmp_path} -w 2 | head -1 > /dev/null",
                            shell=True, executable="/bin/bash", capture_output=True, timeout=120)
    assert result.returncode == 141
    assert b"2000 inputs" not in result.stderr
    assert b"the reader of the output went away" in result.stderr


# ------------------------------------------------------------------ 15. inputs by content


def test_inputs_are_told_by_content_not_name(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a-gzip-body.html").write_bytes(gzip.compress(GBK.read_bytes()))
    with tarfile.open(tmp_path / "b-pages.tar.gz", "w:gz") as archive:
        archive.add(GBK, arcname="site/one.html")
        archive.add(SEED, arcname="site/two.txt")
        archive.add(FIXTURES / "people-2024-gbk.html", arcname="site/logo.png")  # not taken by the globs
    (tmp_path / "c-page.zst").write_bytes(b"\x28\xb5\x2f\xfd" + bytes(60))
    shutil.copy(GBK, tmp_path / "d-UPPER.HTML")
    shutil.copy(GBK, tmp_path / "e-page.jhtml")
    shutil.copy(GBK, tmp_path / "f-no-extension")
    code, records, _ = cli([str(tmp_path), "--glob", "*.html", "--glob", "*.tar.gz", "--glob", "*.zst",
                            "--glob", "*.jhtml"], capsys)
    assert code == 0  # a zstd file is skipped, not failed
    assert [str(r["input"]).removeprefix(str(tmp_path) + "/") for r in records] == [
        "a-gzip-body.html", "b-pages.tar.gz:site/one.html", "b-pages.tar.gz:site/two.txt", "c-page.zst",
        "d-UPPER.HTML", "e-page.jhtml"]
    assert kinds(records) == ["article", "article", "article", "skipped", "article", "article"]
    assert "zstd" in records[3]["skipped"]["reason"]  # type: ignore[index]
    code, records, _ = cli([str(tmp_path)], capsys)  # the default globs
    assert code == 0
    names = [str(r["input"]).removeprefix(str(tmp_path) + "/") for r in records]
    assert {"d-UPPER.HTML", "e-page.jhtml", "f-no-extension", "a-gzip-body.html"} <= set(names)
    assert "c-page.zst" not in names


# ------------------------------------------------------------------ 16. values that leak controls


def test_urls_are_percent_encoded_as_browsers_do() -> None:
    page = ("<html><head><title>标题</title></head><body><h1>标题</h1><div>2024年05月10日08:00 来源：人民网</div>"
            "<p>正文第一段，讲述。</p><p><img src='/img/a b\u202e.jpg'></p><p>正文第二段，讲完。</p></body></html>")
    article = qizhi_parser.parse(page, url="http://www.people.com.cn/n1/2024/0510/c1004-1.html?x=a\x00b c")
    assert article.url == "http://www.people.com.cn/n1/2024/0510/c1004-1.html?x=a%00b%20c"
    assert [i.src for i in article.images] == ["http://www.people.com.cn/img/a%20b%E2%80%AE.jpg"]


def test_names_never_reach_the_terminal_raw(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    evil = tmp_path / "a\x1b[31mred\u202eevil.html"
    evil.write_bytes(b"")  # an empty page: a NotAnArticleError naming it
    os.mkfifo(tmp_path / "fifo\x1b]0;title\x07.html")
    code, _records, err = cli([str(tmp_path), "-f", "csv", "-o", str(tmp_path.parent / f"{tmp_path.name}.csv")],
                              capsys)
    assert code == 1  # the FIFO is a ReadError; the empty page is not an article
    assert "\x1b" not in err
    assert "\u202e" not in err
    text = (tmp_path.parent / f"{tmp_path.name}.csv").read_text(encoding="utf-8-sig")
    assert "\x1b" not in text
    assert "\u202e" not in text
    assert "\\x1b[31mred\\u202eevil.html" in text


def test_csv_cells_are_safe_for_spreadsheets(tmp_path: pathlib.Path) -> None:
    page = tmp_path / "formula.html"
    page.write_text("<html><head><title>=HYPERLINK(\"http://x\",\"y\")</title></head><body>"
                    "<h1>=HYPERLINK(\"http://x\",\"y\")</h1><div>2024年05月10日08:00 来源：-人民网</div>"
                    "<p>正文第一段，讲述。</p><p>正文第二段，讲完。</p></body></html>", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert run([str(page), "-o", str(out), "-q"]) == 0  # the format follows the .csv ending
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["headline"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert rows[0]["source"] == "'-人民网"


def test_output_to_stdout_by_dash(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run([str(SEED), "-o", "-", "-q"]) == 0
    assert Article.model_validate_json(capsys.readouterr().out).headline is not None
    assert not pathlib.Path("-").exists()


def test_entries_are_named_and_every_input_has_a_record(tmp_path: pathlib.Path) -> None:
    (tmp_path / "bad.warc").write_bytes(b"hello")
    results = list(parse_many([str(SEED), str(tmp_path / "bad.warc")], workers=2, timeout=30))
    assert isinstance(results[0][1], Article)
    assert isinstance(results[1][0], Entry)
    assert isinstance(results[1][1], ArchiveError)
    assert not isinstance(results[1][1], InputTimeoutError)
