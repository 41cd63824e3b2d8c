"""Bad input: each case gets a correct Article, an Article with the right issues, or
the right typed error — asserted, not merely "did not crash"."""

from __future__ import annotations

import gzip
import io
import random
import socket
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

import qizhi_parser
from qizhi_parser import (
    Article,
    DecodeError,
    InputTooLargeError,
    NotAnArticleError,
    QizhiParserError,
)

from .conftest import FIXTURES, SEED

GBK_PAGE = FIXTURES / "qizhiwang-2020-gbk.html"
HTML_FIXTURES = sorted(FIXTURES.glob("*.html"))
ALL_FIXTURES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".html", ".txt"))
HEADLINE_S = "全国人大机关贯彻落实习近平总书记重要指示精神 坚决打赢疫情防控阻击战"


@dataclass(frozen=True)
class Err:
    """Marks a case whose right answer is this error type."""

    kind: type[QizhiParserError]


def codes(article: Article) -> set[str]:
    return {i.code for i in article.issues}


def run_case(data: bytes | str, expect: Err | Callable[[Article], Any]) -> None:
    if isinstance(expect, Err):
        with pytest.raises(expect.kind):
            qizhi_parser.parse(data)
        return
    expect(qizhi_parser.parse(data))


def _gbk_page() -> str:
    return GBK_PAGE.read_bytes().decode("gbk")


def _is_seed_gbk(article: Article) -> None:
    assert article.headline == HEADLINE_S
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2020-02-17T16:01:00+08:00"
    assert len(article.paragraphs) == 10


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("page.html", "<html></html>")
    return buffer.getvalue()


def _nul_seed(article: Article) -> None:
    assert article.headline.startswith("全國人大機關")
    assert "nul-removed" in codes(article)


def _mixed(article: Article) -> None:
    assert article.headline == "标题在这里"
    assert article.paragraphs[0].text == "正文是GBK编码的内容，读出来必须正确。"
    assert "mixed-encodings" in codes(article)


def _lying_utf8(article: Article) -> None:
    _is_seed_gbk(article)
    assert article.encoding == "gb18030"
    assert "charset-mismatch" in codes(article)


def _entities(article: Article) -> None:
    text = article.paragraphs[0].text
    assert text.startswith("实体")
    assert "&bogus;" in text


def _xxe(article: Article) -> None:
    assert "root:" not in article.text
    assert article.text.count("lol") < 100
    assert article.headline == "实体攻击"


def _script_traps(article: Article) -> None:
    _is_seed_gbk(article)
    assert article.source is not None
    assert article.source.name == "旗帜网"
    assert all(c.names != ["测试"] for c in article.credits)


def _two_articles(article: Article) -> None:
    _is_seed_gbk(article)
    assert "multiple-articles" in codes(article)
    assert all("第二篇" not in p.text for p in article.paragraphs)


def _labels_only(article: Article) -> None:
    assert {(i.field, i.code) for i in article.issues} >= {
        ("headline", "missing"),
        ("published_at", "missing"),
        ("source", "missing"),
    }


def _many_paragraphs(article: Article) -> None:
    assert article.headline == "标题"
    assert len(article.paragraphs) > 10_000
    assert "input-truncated" in codes(article)


def _no_newline(article: Article) -> None:
    assert article.headline == "标题"
    assert article.paragraphs


def _pager_digits(article: Article) -> None:
    assert article.paragraphs[0].text.startswith("1111")


def _crumb_spaces(article: Article) -> None:
    assert article.headline == "标题"
    assert [c.text for c in article.breadcrumb][:2] == ["a", "b"]


def _title_fallback(article: Article) -> None:
    # a 320-character <title> is no headline: none is invented
    assert article.headline is None  # missing, like every other field
    assert ("headline", "missing") in {(i.field, i.code) for i in article.issues}


SECOND = (
    "<h1>第二篇文章的标题</h1><div class='box01'>2020年02月18日09:00 来源：旗帜网</div>"
    "<div class='rm_txt_con'><p>　　第二篇文章的第一段正文在这里出现。</p><p>　　第二篇文章的第二段正文也在这里。</p></div>"
)

XXE = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
  <!ENTITY web SYSTEM "http://192.0.2.1/x">
]>
<html><body><h1>实体攻击</h1><div class="box01">2024年05月10日06:58 来源：人民网</div>
<div class="rm_txt_con"><p>　　&lol3; &xxe; &web; 正文。</p></div></body></html>"""

MIXED = (
    "<html><head><meta charset=gb2312></head><body>\n<h1>标题在这里</h1>\n"
    "<div class='box01'>2024年05月10日06:58 来源：人民网</div>\n"
).encode() + "<div class='rm_txt_con'><p>　　正文是GBK编码的内容，读出来必须正确。</p></div>\n</body></html>".encode("gbk")

SIMPLE = "<html><body><h1>标题</h1><div class='box01'>2024年05月10日06:58 来源：人民网</div><div class='rm_txt_con'>{}</div></body></html>"

rng = random.Random(20200217)

CASES: list[tuple[str, Callable[[], bytes | str], Err | Callable[[Article], Any]]] = [
    ("empty-bytes", lambda: b"", Err(NotAnArticleError)),
    ("empty-str", lambda: "", Err(NotAnArticleError)),
    ("whitespace", lambda: b" \r\n\t\xe3\x80\x80 ", Err(NotAnArticleError)),
    ("random-bytes", lambda: bytes(rng.randrange(256) for _ in range(4096)), Err(DecodeError)),
    ("png", lambda: b"\x89PNG\r\n\x1a\n" + bytes(100), Err(NotAnArticleError)),
    ("pdf", lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", Err(NotAnArticleError)),
    ("gzip", lambda: gzip.compress(GBK_PAGE.read_bytes()), Err(NotAnArticleError)),
    ("zip", _zip, Err(NotAnArticleError)),
    ("nul-bytes", lambda: SEED.read_bytes().replace(b"\n", b"\x00\n", 5), _nul_seed),
    ("only-nul", lambda: b"\x00" * 1000, Err(NotAnArticleError)),
    ("lying-charset-utf8", lambda: GBK_PAGE.read_bytes().replace(b"charset=GB2312", b"charset=utf-8"), _lying_utf8),
    ("lying-charset-big5", lambda: GBK_PAGE.read_bytes().replace(b"charset=GB2312", b"charset=big5"), _is_seed_gbk),
    ("unknown-charset", lambda: GBK_PAGE.read_bytes().replace(b"charset=GB2312", b"charset=x-nonsense"), _is_seed_gbk),
    ("mixed-encodings", lambda: MIXED, _mixed),
    ("malformed-entities", lambda: SIMPLE.format("<p>实体&#xFFFFFFFF;&#0;&bogus;&amp&#x110000;&#55296;正文。</p>"), _entities),
    ("xml-dtd-entities", lambda: XXE, _xxe),
    ("script-style-comment-traps", lambda: GBK_PAGE.read_bytes(), _script_traps),
    ("only-script-article", lambda: "<html><head><script>var s='来源：新华网 2024年05月10日06:58 编辑：张三';</script>"
     "</head><body><!-- 来源：人民网 2024年05月10日06:58 --><style>p{}/* 编辑：李四 */</style></body></html>",
     Err(NotAnArticleError)),
    ("two-articles", lambda: _gbk_page().replace("</body>", SECOND + "</body>"), _two_articles),
    ("list-page", lambda: "<html><head><title>要闻--人民网</title></head><body><ul>"
     + "".join(f"<li><a href='/n1/2024/0510/c1-{i}.html'>新闻{i}</a> 2024年05月10日06:{i:02d}</li>" for i in range(50))
     + "</ul></body></html>", Err(NotAnArticleError)),
    ("nested-divs-100k", lambda: "<div>" * 100_000 + "x" + "</div>" * 100_000, Err(NotAnArticleError)),
    ("source-labels-1mb", lambda: "来源：" * 350_000, _labels_only),
    ("credit-labels-1mb-one-line", lambda: "编辑：张三　" * 170_000, _labels_only),
    ("credit-labels-1mb-lines", lambda: "编辑：张三\n" * 110_000, Err(NotAnArticleError)),
    ("paragraphs-200k", lambda: SIMPLE.format("<p>　　一句正文。</p>" * 200_000), _many_paragraphs),
    ("text-run-over-10mb", lambda: SIMPLE.format("<p>" + "很长的一段没有换行的正文，" * 300_000 + "</p>"), Err(QizhiParserError)),
    ("10mb-no-newline", lambda: SIMPLE.format("<p>　　" + "很长的一段没有换行的正文，" * 240_000 + "。</p>"), _no_newline),
    ("unbalanced-close-tags", lambda: _gbk_page().replace("</div>", ""), _is_seed_gbk),
    ("unclosed-paragraphs", lambda: _gbk_page().replace("</p>", ""), _is_seed_gbk),
    ("duplicated-open-tags", lambda: _gbk_page().replace("<div", "<div><div"), _is_seed_gbk),
    # regressions: patterns the fuzzer (or review) found to backtrack exponentially
    ("fuzz-pager-digit-run", lambda: SIMPLE.format("<p>" + "1" * 5000 + "x</p>"), _pager_digits),
    ("crumb-many-spaces", lambda: "a" + ("          >          b" * 6) + "\n\n标题\n\n来源：人民网2024年05月10日06:58\n\n正文第一段。", _crumb_spaces),
    ("original-headline-spaces", lambda: SIMPLE.format("<div class='otitle' style='display:none'>原标题：a" + " " * 100_000 + "b</div><p>　　正文。</p>"), _no_newline),
    ("title-separators", lambda: "<html><head><title>" + "标 - 题 _ " * 40 + "</title></head><body><div class='rm_txt_con'><p>　　正文。</p></div></body></html>", _title_fallback),
    ("lone-surrogate-str", lambda: _gbk_page().replace("投稿", "\ud800投稿"), _is_seed_gbk),
]


@pytest.mark.parametrize(("make", "expect"), [(m, e) for _, m, e in CASES], ids=[c[0] for c in CASES])
def test_bad_input(make: Callable[[], bytes | str], expect: Err | Callable[[Article], Any]) -> None:
    run_case(make(), expect)


# ----------------------------------------------------------------- truncation


def _truncations() -> Iterator[tuple[str, int]]:
    for fixture in ALL_FIXTURES:
        size = fixture.stat().st_size
        offsets = sorted({0, 1, 2, 3, 17, 101, size // 7, size // 3, size // 2, size - 3, size - 2, size - 1}
                         | {size * k // 20 + 1 for k in range(20)})
        for offset in offsets:
            if 0 <= offset < size:
                yield fixture.name, offset


@pytest.mark.parametrize(("name", "offset"), list(_truncations()))
def test_truncated_fixture(name: str, offset: int) -> None:
    data = (FIXTURES / name).read_bytes()
    full = qizhi_parser.parse(data)
    try:
        article = qizhi_parser.parse(data[:offset])
    except (NotAnArticleError, DecodeError):
        assert offset < len(data) * 0.9, "a page cut near its end must still parse"
        return
    if offset >= len(data) * 0.95:
        assert article.headline == full.headline
        assert article.published_at == full.published_at
        assert article.credits or not full.credits or offset < len(data)


# ------------------------------------------------------------------ mutations


@pytest.mark.parametrize("fixture", HTML_FIXTURES, ids=[p.name for p in HTML_FIXTURES])
@pytest.mark.parametrize("mutation", ["strip-p", "strip-div", "double-p", "drop-closing-h1", "strip-strong"])
def test_tag_mutations_keep_the_header(fixture: Any, mutation: str) -> None:
    data = fixture.read_bytes()
    full = qizhi_parser.parse(data)
    edits = {
        "strip-p": [(b"<p>", b""), (b"</p>", b"")],
        "strip-div": [(b"</div>", b"")],
        "double-p": [(b"<p>", b"<p><p>")],
        "drop-closing-h1": [(b"</h1>", b"")],
        "strip-strong": [(b"<strong>", b""), (b"</strong>", b"")],
    }[mutation]
    for old, new in edits:
        data = data.replace(old, new)
    article = qizhi_parser.parse(data)
    assert article.published_at == full.published_at
    assert article.source == full.source
    if mutation in ("strip-div", "double-p", "strip-strong"):
        assert article.headline == full.headline
        # without </div> a hidden element can swallow the rest of the page, as in a
        # browser: then the body is reported missing rather than invented
        assert article.paragraphs or ("sections", "missing") in {(i.field, i.code) for i in article.issues}


# -------------------------------------------------------------- size and network


def test_size_limit_is_checked_before_any_work() -> None:
    with pytest.raises(InputTooLargeError) as info:
        qizhi_parser.parse(b"x" * 101, max_bytes=100)
    assert info.value.size == 101
    assert "max_bytes" in str(info.value)
    assert qizhi_parser.parse(SEED.read_bytes(), max_bytes=None).headline


def test_default_size_limit() -> None:
    assert qizhi_parser.DEFAULT_MAX_BYTES == 20 * 1024 * 1024
    with pytest.raises(InputTooLargeError):
        qizhi_parser.parse(b" " * (qizhi_parser.DEFAULT_MAX_BYTES + 1))


_EVENTS: list[tuple[str, tuple[Any, ...]]] = []
_WATCHING = False


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _WATCHING and (event == "open" or event.startswith(("socket.", "urllib", "http."))):
        _EVENTS.append((event, args))


sys.addaudithook(_audit)


def test_parsing_opens_no_socket_and_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    global _WATCHING
    inputs = [p.read_bytes() for p in ALL_FIXTURES] + [XXE.encode()]

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsing tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    _EVENTS.clear()
    _WATCHING = True
    try:
        for data in inputs:
            qizhi_parser.parse(data)
    finally:
        _WATCHING = False
    assert _EVENTS == []
