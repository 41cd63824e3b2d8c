"""The HTML pages and the text dumps of one article parse to the same fields."""

from __future__ import annotations

import pytest

import qizhi_parser

from ._compare import fields
from .conftest import FIXTURES, SEED

PAIRS = [
    # (html page, text dump, fold punctuation to ASCII)
    ("qizhiwang-2020-gbk.html", "qizhiwang-2020-simplified.txt", False),
    ("qizhiwang-2020-utf8-gb2312.html", "qizhiwang-2020-simplified.txt", False),
    ("qizhiwang-2020-big5.html", SEED.name, True),
]


@pytest.mark.parametrize(("page", "dump", "fold"), PAIRS)
def test_html_and_text_agree(page: str, dump: str, fold: bool) -> None:
    html = qizhi_parser.parse((FIXTURES / page).read_bytes())
    text = qizhi_parser.parse((FIXTURES / dump).read_bytes())
    assert html.input_format == "html"
    assert text.input_format == "text"
    got, want = fields(html, ascii_punct=fold), fields(text, ascii_punct=fold)
    for key in want:
        assert got[key] == want[key], key


def test_encodings_agree() -> None:
    gbk = qizhi_parser.parse((FIXTURES / "qizhiwang-2020-gbk.html").read_bytes())
    utf8 = qizhi_parser.parse((FIXTURES / "qizhiwang-2020-utf8-gb2312.html").read_bytes())
    assert gbk.encoding == "gb18030"
    assert utf8.encoding == "utf-8"
    assert fields(gbk) == fields(utf8)
    assert [i.code for i in utf8.issues] == ["charset-mismatch"]
    assert gbk.issues == []


def test_big5_is_traditional() -> None:
    big5 = qizhi_parser.parse((FIXTURES / "qizhiwang-2020-big5.html").read_bytes())
    assert big5.encoding == "big5hkscs"
    assert big5.script == "Hant"
    assert big5.headline == "全國人大機關貫徹落實習近平總書記重要指示精神 堅決打贏疫情防控阻擊戰"
