"""Property-based tests: whatever the input, only QizhiParserError escapes, and the
output is a pure function of the input (same input → identical JSON)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qizhi_parser
from qizhi_parser import QizhiParserError

from .conftest import FIXTURES

FIXTURE_BYTES = [p.read_bytes() for p in sorted(FIXTURES.iterdir()) if p.suffix in (".html", ".txt")]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# fragments that steer random input towards the parser's patterns
FRAGMENTS = [
    "来源：", "來源:", "编辑：", "責編:", "送签：", "签发：", "本报记者 ", "（记者", "）", "2020年02月17日16:01",
    "2024-05-10 06:58", ">>", "&gt;&gt;", "<p>", "</p>", "<h1>", "</h1>", "<strong>", "</strong>", "<br>",
    "<div class='rm_txt_con'>", "<div class='box01'>", "<div class='edit'>", "</div>",
    "《 人民日报 》（ 2024年05月10日 04 版）", "原标题：", "本报讯（记者叶婉）", "□", "\u3000\u3000", "\xa0",
    "。", "，", "\n", "\n\n", "【1】【2】", "<script>", "</script>",
]


def outcome(data: bytes | str) -> str:
    try:
        return qizhi_parser.parse(data).model_dump_json()
    except QizhiParserError as exc:
        return f"{type(exc).__name__}: {exc}"


@SETTINGS
@given(st.binary(max_size=4000))
def test_random_bytes(data: bytes) -> None:
    assert outcome(data) == outcome(data)


@SETTINGS
@given(st.text(max_size=2000))
def test_random_text(data: str) -> None:
    assert outcome(data) == outcome(data)


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=80))
def test_pattern_soup(parts: list[str]) -> None:
    data = "".join(parts)
    assert outcome(data) == outcome(data)


@SETTINGS
@given(
    st.sampled_from(FIXTURE_BYTES),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255), st.sampled_from(["flip", "cut", "dup", "drop"])),
             min_size=1, max_size=8),
)
def test_mutated_fixtures(data: bytes, edits: list[tuple[float, int, str]]) -> None:
    buffer = bytearray(data)
    for where, value, kind in edits:
        if not buffer:
            break
        at = min(int(where * len(buffer)), len(buffer) - 1)
        if kind == "flip":
            buffer[at] = value
        elif kind == "cut":
            del buffer[at:]
        elif kind == "dup":
            buffer[at:at] = buffer[at : at + 64]
        else:
            del buffer[at : at + value]
    mutated = bytes(buffer)
    assert outcome(mutated) == outcome(mutated)


@pytest.mark.parametrize("data", FIXTURE_BYTES[:2])
def test_parse_is_pure(data: bytes) -> None:
    first = qizhi_parser.parse(data)
    for _ in range(3):
        assert qizhi_parser.parse(data) == first


def test_threads_give_the_same_results() -> None:
    from concurrent.futures import ThreadPoolExecutor

    serial = [outcome(d) for d in FIXTURE_BYTES]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(outcome, FIXTURE_BYTES * 3))
    assert threaded == serial * 3
