"""The explain view (qizhi_parser.explain, qizhi-parse --explain), read back by parsing its HTML."""

from __future__ import annotations

import pathlib

import lxml.html
import pytest

import qizhi_parser
import qizhi_parser.markup
from qizhi_parser import InputTooLargeError
from qizhi_parser.cli import run

from .conftest import FIXTURES

GOV = FIXTURES / "gov-portal-2023.html"


def _rows(page: str) -> dict[int, dict[str, str]]:
    """Block index → the cells of its row, by column name."""
    tree = lxml.html.fromstring(page)
    tables = tree.xpath("//h2[.='Blocks']/following-sibling::table[1]")
    assert len(tables) == 1
    header = [th.text_content() for th in tables[0].xpath("./tr[1]/th")]
    rows = {}
    for tr in tables[0].xpath("./tr[position() > 1]"):
        cells = dict(zip(header, (td.text_content() for td in tr.xpath("./td")), strict=True))
        cells["class"] = tr.get("class")
        rows[int(cells["#"])] = cells
    return rows


def _by_text(rows: dict[int, dict[str, str]], text: str) -> dict[str, str]:
    found = [row for row in rows.values() if row["text"] == text]
    assert len(found) == 1, text
    return found[0]


def test_every_block_has_its_row_with_region_kind_field_and_rule() -> None:
    page = qizhi_parser.explain(GOV.read_bytes())
    rows = _rows(page)
    article = qizhi_parser.parse(GOV.read_bytes())
    assert len(rows) == len(qizhi_parser.markup.page_from_html(GOV.read_text(encoding="utf-8"), fast=False).blocks)
    headline = _by_text(rows, article.headline or "")
    assert headline["region"] == "title"
    assert "headline html:title-match" in headline["fed"]
    time_line = _by_text(rows, "时间：2023-04-08 10:15 来源： 示例日报")
    assert "time line" in time_line["region"]
    assert "published_at html:time-source-line" in time_line["fed"]
    assert "source html:source-label" in time_line["fed"]
    first = _by_text(rows, article.paragraphs[0].text)
    assert (first["class"], first["line kind"]) == ("body", "paragraph")
    assert "sections html:after-header" in first["fed"]
    caption = next(row for row in rows.values() if row["text"].startswith("图为采茶工人"))
    assert caption["line kind"] == "caption"


def test_the_blocks_left_out_say_why() -> None:
    rows = _rows(qizhi_parser.explain(GOV.read_bytes()))
    sidebar = [row for row in rows.values() if row["text"] == "要闻" and row["class"] == "dropped"]
    assert sidebar
    assert "after the article column" in sidebar[0]["left out because"]
    menu = _by_text(rows, "领导之窗")
    assert menu["class"] == "dropped"
    assert "navigation" in menu["left out because"]


def test_the_view_is_standalone_and_inert() -> None:
    """No script, nothing fetched, and the page's own text escaped (a hostile page stays text)."""
    hostile = ("<html><head><title>标题</title></head><body><h1>标题&lt;script&gt;alert(1)&lt;/script&gt;</h1>"
               "<div>2024-05-10 08:00 来源：人民网</div><p>正文&lt;img src=x onerror=alert(1)&gt;写在这里。</p>"
               "</body></html>")
    page = qizhi_parser.explain(hostile)
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//script") == []
    assert tree.xpath("//img | //iframe | //link | //object | //embed") == []
    assert list(tree.xpath("//*[@src or @href or @onerror]")) == []
    assert "<script>alert(1)</script>" in tree.text_content()


def test_a_page_that_is_no_article_is_explained_with_the_reason() -> None:
    page = qizhi_parser.explain("<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1>"
                                "</body></html>")
    tree = lxml.html.fromstring(page)
    facts = {th.text_content(): th.getnext().text_content() for th in tree.xpath("//table[1]/tr/th")}
    assert "not an article" in facts
    assert tree.xpath("//h2[.='Fields']") == []


def test_explain_takes_the_parse_arguments() -> None:
    with pytest.raises(InputTooLargeError):
        qizhi_parser.explain(GOV.read_bytes(), max_bytes=100)
    with pytest.raises(TypeError):
        qizhi_parser.explain(GOV.read_bytes(), no_such_option=True)  # type: ignore[call-arg]
    with_url = qizhi_parser.explain(GOV.read_bytes(), url="http://www.gov.example/yw/1.html")
    assert "http://www.gov.example/" in lxml.html.fromstring(with_url).text_content()


@pytest.mark.slow
def test_the_command_line_writes_the_view(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "page.explain.html"
    assert run(["--explain", str(GOV), "-o", str(target)]) == 0
    assert _rows(target.read_text(encoding="utf-8"))
    assert run(["--explain", str(GOV), str(GOV)]) == 2  # one page only
    assert "--explain takes one page" in capsys.readouterr().err
    assert run(["--explain", str(tmp_path)]) == 2  # a folder
    assert run(["--explain", str(GOV), "--max-bytes", "100"]) == 1
    assert "raise --max-bytes" in capsys.readouterr().err
