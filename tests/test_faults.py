"""Fault injection: no input, damaged archive, dying worker or signal loses or shortens a run.

Every case builds its inputs in a temporary folder and checks the record count, the
names, the error types and the exit code: exactly one record per input, in input
order, and a summary that counts the same records.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import pathlib
import random
import shutil
import signal
import subprocess
import sys
import sysconfig
import textwrap
import time

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import qizhi_parser
from qizhi_parser import Article
from qizhi_parser.batch import Entry, Input, Skipped, map_inputs, parse_input, parse_many
from qizhi_parser.cli import run
from qizhi_parser.errors import ArchiveError, InputTimeoutError, ReadError, WorkerDiedError

from ._processes import alive, children
from .conftest import FIXTURES, SEED

#: Slow: run by default, left out with ``pytest -m 'not slow'`` (the rule tests then take seconds).
pytestmark = pytest.mark.slow

GBK = FIXTURES / "qizhiwang-2020-gbk.html"
SITE = "http://www.qizhiwang.org.cn/n1/2020/0217/c431577-"


def warc_bytes(records: list[tuple[str, str, bytes, str]], *, gz: bool = True, revisit: bool = False) -> bytes:
    """A WARC archive of (uri, status line, body, content type) responses."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for uri, status, body, ctype in records:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
        writer.write_record(record)
        record.raw_stream.close()
    if revisit:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_revisit_record(f"{SITE}1.html", digest="sha1:AAAA", refers_to_uri=f"{SITE}0.html",
                                              refers_to_date="2020-02-17T00:00:00Z", http_headers=headers)
        writer.write_record(record)
    return buffer.getvalue()


def ten_pages() -> bytes:
    return warc_bytes([(f"{SITE}{i}.html", "200 OK", GBK.read_bytes(), "text/html; charset=gb2312") for i in range(10)])


def records_of(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, object]], str]:
    code = run(args)  # stderr is no terminal here: no progress bar, the summary alone
    out, err = capsys.readouterr()
    return code, records_of(out), err


def kinds(records: list[dict[str, object]]) -> list[str]:
    return [next(k for k in r if k in ("article", "error", "skipped")) for r in records]


# ------------------------------------------------------------------ damaged archives


def test_a_garbage_warc_among_other_inputs(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(16):
        shutil.copy(GBK, tmp_path / f"page-{i:02}.html")
    (tmp_path / "zz-garbage.warc").write_bytes(b"hello")
    code, records, err = cli([str(tmp_path), "-w", "2"], capsys)
    assert code == 1
    assert len(records) == 17
    assert kinds(records) == ["article"] * 16 + ["error"]
    assert records[-1]["input"] == f"{tmp_path / 'zz-garbage.warc'}@0"
    assert records[-1]["error"]["type"] == "ArchiveError"  # type: ignore[index]
    assert "17 inputs, 16 parsed" in err


def test_flipped_bytes_keep_the_records_before_the_damage(tmp_path: pathlib.Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    data = bytearray(ten_pages())
    rnd = random.Random(20)
    for _ in range(20):
        data[rnd.randrange(len(data) // 2, len(data))] ^= 0xFF
    archive = tmp_path / "flipped.warc.gz"
    archive.write_bytes(bytes(data))
    code, records, _ = cli([str(archive)], capsys)
    assert code == 1
    assert kinds(records)[-1] == "error"
    assert set(kinds(records)[:-1]) <= {"article", "error"}
    assert records[-1]["error"]["type"] == "ArchiveError"  # type: ignore[index]
    assert str(records[-1]["input"]).startswith(f"{archive}@")


def test_a_truncated_archive_says_where_it_stopped(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = ten_pages()
    members = []
    records = ArchiveIterator(io.BytesIO(data))
    for record in records:
        record.content_stream().read()
        members.append(records.get_record_offset())
    assert len(members) == 10
    archive = tmp_path / "half.warc.gz"
    archive.write_bytes(data[: members[5] + 100])  # five whole records, the sixth cut short
    code, records, _ = cli([str(archive)], capsys)
    assert code == 1
    assert kinds(records) == ["article"] * 5 + ["error"]
    assert records[-1]["error"]["type"] == "ArchiveError"  # type: ignore[index]
    assert "reading stopped at byte" in records[-1]["error"]["message"]  # type: ignore[index]


@pytest.mark.parametrize(
    "data",
    [b"", warc_bytes([("http://x.cn/a.png", "200 OK", b"\x89PNG....", "image/png")])],
    ids=["empty", "no-html"],
)
def test_an_archive_without_html_gets_one_record(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
                                                 data: bytes) -> None:
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(data)
    code, records, _ = cli([str(archive)], capsys)
    assert code == 0
    assert records == [{"input": str(archive), "url": None, "warc_record_id": None, "warc_date": None,
                        "parser_version": qizhi_parser.__version__,
                        "skipped": {"reason": "no HTML response in the archive"}}]


def test_redirects_errors_and_revisits_are_skipped(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(warc_bytes([
        (f"{SITE}1.html", "200 OK", GBK.read_bytes(), "text/html; charset=gb2312"),
        (f"{SITE}2.html", "301 Moved Permanently", b"<html>moved</html>", "text/html"),
        (f"{SITE}3.html", "404 Not Found", b"<html>404</html>", "text/html"),
    ], revisit=True))
    code, records, err = cli([str(archive)], capsys)
    assert code == 0  # a crawl's redirects are not failures
    assert kinds(records) == ["article", "skipped", "skipped", "skipped"]
    assert [r["skipped"].get("status") for r in records[1:]] == [301, 404, 200]  # type: ignore[union-attr]
    assert "revisit" in records[3]["skipped"]["reason"]  # type: ignore[index]
    assert "4 inputs, 1 parsed" in err
    assert "3 skipped, 0 failed" in err


def test_a_warc_on_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ten_pages())))
    code, records, _ = cli(["-", "-f", "jsonl"], capsys)
    assert code == 0
    assert len(records) == 10
    assert all(str(r["input"]).startswith("-@") for r in records)


def test_a_huge_response_is_read_only_to_the_limit(tmp_path: pathlib.Path) -> None:
    """A 300 MB body in a 0.3 MB archive: the record fails, peak memory stays near the limit."""
    archive = tmp_path / "bomb.warc.gz"
    archive.write_bytes(warc_bytes([(f"{SITE}1.html", "200 OK", b"<p>" + b"a" * 300_000_000, "text/html")]))
    code = textwrap.dedent(f"""
        import json, resource, sys
        from qizhi_parser.batch import parse_many
        results = [(item.name, type(r).__name__) for item, r in parse_many([{str(archive)!r}], workers=1)]
        status = open("/proc/self/status").read()  # VmHWM: this process's own peak (ru_maxrss spans the fork)
        peak = int(status.split("VmHWM:")[1].split()[0])
        print(json.dumps([results, peak]))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300)
    results, peak_kb = json.loads(out.stdout)
    assert [r[1] for r in results] == ["InputTooLargeError"]
    assert peak_kb < 250_000  # 20 MiB read at most, not 300 MB


# ------------------------------------------------------------------ special files, names


def test_fifo_and_device_are_refused_without_blocking(tmp_path: pathlib.Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(GBK, tmp_path / "a.html")
    os.mkfifo(tmp_path / "b.html")
    os.symlink("/dev/zero", tmp_path / "c.html")
    code, records, _ = cli([str(tmp_path)], capsys)
    assert code == 1
    assert kinds(records) == ["article", "error", "error"]
    assert [r["error"]["type"] for r in records[1:]] == ["ReadError", "ReadError"]  # type: ignore[index]
    assert "FIFO" in records[1]["error"]["message"]  # type: ignore[index]
    assert "device" in records[2]["error"]["message"]  # type: ignore[index]


def test_a_gbk_file_name_is_kept(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = os.fsencode(tmp_path) + b"/\xb2\xe2\xca\xd4.html"  # 测试.html in GBK
    with open(raw, "wb") as handle:
        handle.write(GBK.read_bytes())
    shutil.copy(GBK, tmp_path / "z.html")
    code, records, _ = cli([str(tmp_path)], capsys)
    assert code == 0
    assert len(records) == 2
    assert raw in [os.fsencode(str(r["input"])) for r in records]
    out = tmp_path.parent / f"{tmp_path.name}.csv"
    assert run([str(tmp_path), "-f", "csv", "-o", str(out), "-q"]) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert any(row[0].endswith("/\\xb2\\xe2\\xca\\xd4.html") for row in rows[1:])


# ------------------------------------------------------------------ workers


def die_on_kill(item: Input) -> str:
    """A task that kills its own worker (as the OOM killer would) on one input."""
    if item.name.endswith("kill.html"):
        os.kill(os.getpid(), signal.SIGKILL)
    return "ok:" + item.name


def test_a_killed_worker_costs_only_its_input(tmp_path: pathlib.Path) -> None:
    names = [str(tmp_path / f"{i:03}.html") for i in range(40)]
    names[17] = str(tmp_path / "kill.html")
    for name in names:
        pathlib.Path(name).write_bytes(b"x")
    results = list(map_inputs(names, die_on_kill, workers=2, on_died=lambda item, exc: f"died:{type(exc).__name__}"))
    assert [item.name for item, _ in results] == names
    assert [r for _, r in results if not r.startswith("ok:")] == ["died:WorkerDiedError"]
    assert results[17][1] == "died:WorkerDiedError"


def sleep_on_stuck(item: Input) -> str:
    """A task that never ends on one input (as a pathological page could)."""
    if item.name.endswith("stuck.html"):
        time.sleep(60)
    return "ok:" + item.name


@pytest.mark.parametrize("workers", [1, 2])
def test_a_stuck_input_ends_at_the_time_limit(tmp_path: pathlib.Path, workers: int) -> None:
    """The time limit is the pool's: the worker is stopped and replaced, the input gets an
    InputTimeoutError, every other input its result, in order."""
    names = [str(tmp_path / f"{i:02}.html") for i in range(8)]
    names[3] = str(tmp_path / "stuck.html")
    for name in names:
        pathlib.Path(name).write_bytes(b"x")
    start = time.monotonic()
    results = list(map_inputs(names, sleep_on_stuck, workers=workers, timeout=0.5))
    assert time.monotonic() - start < 30
    assert [item.name for item, _ in results] == names
    assert isinstance(results[3][1], InputTimeoutError)
    assert "took longer than 0.5 s" in str(results[3][1])
    assert [r for i, (_, r) in enumerate(results) if i != 3] == [f"ok:{n}" for i, n in enumerate(names) if i != 3]
    assert isinstance(parse_input(Input(name="seed", path=str(SEED)), timeout=5), Article)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_parse_many_under_each_start_method(tmp_path: pathlib.Path, method: str) -> None:
    script = tmp_path / "run.py"
    script.write_text(textwrap.dedent(f"""
        from qizhi_parser import Article
        from qizhi_parser.batch import parse_many

        if __name__ == "__main__":
            inputs = [{str(GBK)!r}, {str(SEED)!r}, {str(FIXTURES / "people-2024-big5.html")!r}]
            for item, result in parse_many(inputs, workers=2, start_method={method!r}):
                print(item.name.rsplit("/", 1)[-1], type(result).__name__)
    """), encoding="utf-8")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split() == ["qizhiwang-2020-gbk.html", "Article", "000_ed244d5cd920c850.txt", "Article",
                                  "people-2024-big5.html", "Article"]


def test_sigterm_ends_the_cli_and_its_workers(tmp_path: pathlib.Path) -> None:
    for i in range(300):
        shutil.copy(FIXTURES / "qizhiwang-2020-gbk.html", tmp_path / f"{i:04}.html")
    out = tmp_path.parent / f"{tmp_path.name}-out.jsonl"
    script = shutil.which("qizhi-parse") or str(pathlib.Path(sysconfig.get_path("scripts")) / "qizhi-parse")
    process = subprocess.Popen([script, str(tmp_path), "-w", "2", "-q", "-o", str(out)], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < 50_000):
        time.sleep(0.05)
    workers = children(process.pid)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 128 + signal.SIGTERM
    lines = out.read_text(encoding="utf-8").splitlines()
    assert 0 < len(lines) < 300
    assert all("article" in json.loads(line) for line in lines)  # whole records only
    time.sleep(0.5)
    assert [pid for pid in workers if alive(pid)] == []  # no orphan workers


# ------------------------------------------------------------------ the command line


def test_url_with_a_folder_or_archive_is_a_usage_error(tmp_path: pathlib.Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.warc.gz").write_bytes(ten_pages())
    assert run([str(tmp_path), "--url", "http://x.cn/a.html"]) == 2
    assert run([str(tmp_path / "a.warc.gz"), "--url", "http://x.cn/a.html"]) == 2
    assert "--url goes with a single page" in capsys.readouterr().err


@pytest.mark.parametrize("target", ["folder", "missing/out.jsonl"])
def test_an_unusable_output_is_a_usage_error(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
                                             target: str) -> None:
    (tmp_path / "folder").mkdir()
    assert run([str(SEED), "-o", str(tmp_path / target)]) == 2
    assert "--output" in capsys.readouterr().err


def test_the_output_file_is_never_an_input(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(GBK, tmp_path / "a.html")
    out = tmp_path / "out.txt"
    assert run([str(tmp_path), "-f", "jsonl", "-o", str(out), "-q"]) == 0
    assert run([str(tmp_path), "-f", "jsonl", "-o", str(out), "-q"]) == 0  # out.txt matches *.txt
    assert [r["input"] for r in records_of(out.read_text(encoding="utf-8"))] == [str(tmp_path / "a.html")]


def test_no_matching_inputs_is_a_usage_error(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    assert run([str(tmp_path)]) == 2
    assert "no inputs matched" in capsys.readouterr().err


def test_glob_matches_the_relative_path(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(GBK, tmp_path / "a" / "b" / "x.html")
    shutil.copy(GBK, tmp_path / "top.html")
    code, records, _ = cli([str(tmp_path), "--glob", "a/**/*.html"], capsys)
    assert code == 0
    assert [r["input"] for r in records] == [str(tmp_path / "a" / "b" / "x.html")]


def test_default_globs_take_txt_gz(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    with gzip.open(tmp_path / "seed.txt.gz", "wb") as handle:
        handle.write(SEED.read_bytes())
    code, records, _ = cli([str(tmp_path), "-f", "jsonl"], capsys)
    assert code == 0
    assert kinds(records) == ["article"]


def test_absurd_workers_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([str(SEED), "-w", "100000"]) == 2
    assert "--workers must be between 1 and" in capsys.readouterr().err


def test_gzip_output(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "x.jsonl.gz"
    assert run([str(SEED), str(GBK), "-o", str(out), "-q"]) == 0
    assert kinds(records_of(gzip.decompress(out.read_bytes()).decode("utf-8"))) == ["article", "article"]


def test_resume_continues_an_interrupted_output(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(6):
        shutil.copy(GBK, tmp_path / f"{i}.html")
    out = tmp_path.parent / f"{tmp_path.name}.jsonl"
    assert run([str(tmp_path), "-o", str(out), "-q"]) == 0
    full = out.read_text(encoding="utf-8").splitlines()
    out.write_text("\n".join(full[:3]) + "\n" + full[3][:40], encoding="utf-8")  # cut mid-record
    assert run([str(tmp_path), "-o", str(out), "--resume"]) == 0
    assert "3 inputs, 3 parsed" in capsys.readouterr().err
    assert [json.loads(line)["input"] for line in out.read_text(encoding="utf-8").splitlines()] == [
        str(tmp_path / f"{i}.html") for i in range(6)
    ]


def test_parse_many_names_every_input(tmp_path: pathlib.Path) -> None:
    (tmp_path / "bad.warc").write_bytes(b"hello")
    missing = str(tmp_path / "missing.html")
    results = list(parse_many([str(SEED), str(tmp_path / "bad.warc"), missing], workers=2))
    assert [item.name for item, _ in results] == [str(SEED), f"{tmp_path / 'bad.warc'}@0", missing]
    assert isinstance(results[0][1], Article)
    assert isinstance(results[1][0], Entry)
    assert isinstance(results[1][1], ArchiveError)
    assert isinstance(results[2][1], ReadError)
    assert not isinstance(results[2][1], (WorkerDiedError, Skipped))


def test_records_hold_no_raw_line_breaks() -> None:
    from qizhi_parser.batch import json_record
    from qizhi_parser.errors import ArchiveError as Damaged

    line = json_record("a\u2028b", Damaged("bytes \x85 \u2029 x"))
    assert line.count("\n") == 1
    assert len(line.splitlines()) == 1  # splitlines also splits at U+0085, U+2028, U+2029
    error = {"type": "ArchiveError", "message": "bytes \x85 \u2029 x"}
    assert json.loads(line) == {"input": "a\u2028b", "url": None, "warc_record_id": None, "warc_date": None,
                                "parser_version": qizhi_parser.__version__, "error": error}


def test_stdin_over_the_limit_is_that_input_s_error(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"<p>" + b"x" * 5000)))
    code, records, _ = cli(["-", str(SEED), "-f", "jsonl", "--max-bytes", "1000"], capsys)
    assert code == 1
    assert [r["input"] for r in records] == ["-", str(SEED)]
    assert records[0]["error"]["type"] == "InputTooLargeError"  # type: ignore[index]


@pytest.mark.parametrize(
    "page",
    ["<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL was not found "
     "on this server.</p></body></html>",
     "<html><head><title>人民网</title></head><body><h1>抱歉，您访问的页面不存在</h1><p>可能已被删除。</p></body></html>"],
    ids=["apache-404", "chinese"],
)
def test_error_pages_are_not_articles(page: str) -> None:
    from qizhi_parser import NotAnArticleError, parse

    with pytest.raises(NotAnArticleError, match="error page"):
        parse(page)
