"""Text dumps of real pages read as well as the HTML they came from.

Every page of ../shared/corpus (both folders; skipped when absent) is rendered to
plain text by two independent renderers — ``tests/_textdump.py`` (a browser's copy:
hidden elements left out, a blank line between blocks) and inscriptis
(``tests/_textdump2.py``: hidden elements kept, list bullets, table cells side by
side, blocks often on consecutive lines) — and each fact is compared with the
HTML's, one test case per (renderer, page, fact).

What cannot survive a dump is said here, not hidden: a dump has no bold and no
links, so a line that is a heading in the HTML only by being bold, and a line that
is navigation only by being a link (tag lists, related titles), may read as a
paragraph in the dump. The first and last paragraph are compared after setting
such lines aside.
"""

from __future__ import annotations

import pathlib
from collections.abc import Callable
from typing import Any

import pytest

import qizhi_parser
from qizhi_parser import Article
from qizhi_parser.decode import decode
from qizhi_parser.evaluate import VIEWS
from qizhi_parser.markup import page_from_html

from ._textdump import html_to_text
from .conftest import ROOT

inscriptis = pytest.importorskip("inscriptis", reason="the second renderer (inscriptis) is a test dependency")
from ._textdump2 import render as inscriptis_text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
PAGES = sorted((CORPUS / "pages").glob("*.html")) + sorted((CORPUS / "other-sites" / "pages").glob("*.html"))
RENDERERS: dict[str, Callable[[bytes], str]] = {"browser-copy": html_to_text, "inscriptis": inscriptis_text}
FACTS = ("headline", "published_at", "source", "editorial", "first_paragraph", "last_paragraph")

_cache: dict[tuple[str, str], Article] = {}


def _html(page: pathlib.Path) -> Article:
    key = ("html", page.name)
    if key not in _cache:
        _cache[key] = qizhi_parser.parse(page.read_bytes())
    return _cache[key]


def _dump(page: pathlib.Path, renderer: str) -> Article:
    key = (renderer, page.name)
    if key not in _cache:
        _cache[key] = qizhi_parser.parse_text(RENDERERS[renderer](page.read_bytes()))
    return _cache[key]


def _markup_only(page: pathlib.Path) -> set[str]:
    """Lines the HTML tells apart by markup alone: headings and bold lines, linked lines."""
    blocks = page_from_html(decode(page.read_bytes()).text, fast=False).blocks
    marked = {b.text for b in blocks if b.bold or b.linked or b.heading_level}
    return {" ".join(t.split()) for t in marked | set(_html(page).headings)}


def _paragraphs(article: Article, page: pathlib.Path, from_dump: bool) -> list[str]:
    texts = [" ".join(p.text.split()) for p in article.paragraphs]
    if from_dump:
        aside = _markup_only(page)
        texts = [t for t in texts if t not in aside]
    return texts


def _fact(article: Article, page: pathlib.Path, fact: str, from_dump: bool) -> Any:
    if fact == "first_paragraph":
        texts = _paragraphs(article, page, from_dump)
        return texts[0][:12] if texts else None
    if fact == "last_paragraph":
        texts = _paragraphs(article, page, from_dump)
        return texts[-1][-12:] if texts else None
    return VIEWS[fact](article)


CASES = [(r, p, f) for r in RENDERERS for p in PAGES for f in FACTS]


@pytest.mark.parametrize(("renderer", "page", "fact"), CASES, ids=[f"{r}-{p.name[:3]}-{f}" for r, p, f in CASES])
def test_dump_gives_the_html_facts(renderer: str, page: pathlib.Path, fact: str) -> None:
    assert _fact(_dump(page, renderer), page, fact, True) == _fact(_html(page), page, fact, False)


def test_corpus_is_present_or_skipped() -> None:
    if not PAGES:
        pytest.skip(f"shared corpus not present at {CORPUS}")
    assert len(PAGES) >= 13


# ------------------------------------------------------------ HTML or text


_PARAGRAPH = "　　这是一段正文，讲述了一件事情的来龙去脉，也补充了更多的细节和背景。\n\n"
DUMP_QUOTING_MARKUP = (
    "纪检监察\n\n“计件反腐”是指标思维下的政绩阴谋\n\n2009年11月09日00:00 来源： 人民网-《人民日报》\n\n"
    + _PARAGRAPH * 12
    + "（责任编辑：刘则华）\n\n"
    + "相关专题\n\n" * 20
    + '<SCRIPT LANGUAGE="JavaScript1.1" SRC="http://ad.example.cn/adjs?s=1"></SCRIPT>\n\n'
    + "人民网版权所有\n"
)
HTML_WITH_PREAMBLE = (
    "保存时间：2024-05-10 抓取工具 v1.2\n" * 60
    + "<html><head><title>标题</title></head><body><div><h1>一条新闻的标题</h1>"
    + "<div>2024年05月10日06:58 来源：人民网</div>"
    + "".join(f"<p>{_PARAGRAPH.strip()}</p>" for _ in range(8))
    + "</div></body></html>"
)


def test_a_dump_quoting_markup_is_text() -> None:
    article = qizhi_parser.parse(DUMP_QUOTING_MARKUP)
    assert article.input_format == "text"
    assert article.headline == "“计件反腐”是指标思维下的政绩阴谋"
    assert article.pretitle == "纪检监察"
    assert article.source is not None
    assert article.source.name == "人民网-《人民日报》"
    assert [(c.role.value, c.names) for c in article.credits] == [("responsible_editor", ["刘则华"])]


_AD_QUERY = "&".join(f"k{i}=v{i}" for i in range(40))
SHORT_DUMP_QUOTING_AN_AD = (
    "理论\n\n一条理论文章的标题\n\n2009年11月09日08:30 来源： 人民网\n\n"
    + _PARAGRAPH * 4
    + "（责任编辑：刘则华）\n\n"
    + f'<SCRIPT LANGUAGE="JavaScript1.1" SRC="http://ad.example.cn/adjs?{_AD_QUERY}"></SCRIPT>'
    + f'<NOSCRIPT><A HREF="http://ad.example.cn/click?{_AD_QUERY}" TARGET="_blank">'
    + f'<IMG SRC="http://ad.example.cn/adv?{_AD_QUERY}" WIDTH=468 HEIGHT=60 BORDER=0></A></NOSCRIPT>\n\n'
    + "人民网版权所有\n"
)


def test_a_short_dump_quoting_one_long_line_of_markup_is_text() -> None:
    """The markup outweighs this short dump in characters; it is one line of many."""
    assert len(SHORT_DUMP_QUOTING_AN_AD) < 2500
    article = qizhi_parser.parse(SHORT_DUMP_QUOTING_AN_AD)
    assert article.input_format == "text"
    assert article.headline == "一条理论文章的标题"
    assert len(article.paragraphs) == 4


def test_html_behind_a_long_text_preamble_is_html() -> None:
    article = qizhi_parser.parse(HTML_WITH_PREAMBLE)
    assert article.input_format == "html"
    assert article.headline == "一条新闻的标题"
    assert len(article.paragraphs) == 8


# --------------------------------------------------------- dump layouts


def test_the_line_before_the_headline_is_not_glued_to_it() -> None:
    dump = (
        "新华网 正文\n武汉的声音：有英勇的你，才有英雄的城！\n2020-02-19 20:29:58 来源： 半月谈\n"
        + _PARAGRAPH * 3
    )
    article = qizhi_parser.parse_text(dump)
    assert article.headline == "武汉的声音：有英勇的你，才有英雄的城！"
    assert article.pretitle is None
    assert [c.text for c in article.breadcrumb] == ["新华网"]


@pytest.mark.parametrize("credit_line", ["【纠错】 责任编辑： 焦鹏", "【纠错】 【责任编辑:王頔】"])
def test_the_credit_after_a_correction_widget_ends_the_body(credit_line: str) -> None:
    dump = (
        "一条新闻的标题\n\n2020-02-19 20:29:58 来源： 新华网\n\n" + _PARAGRAPH * 3 + credit_line
        + "\n\n新华社简介 公司官网 联系我们 广告服务 技术服务中心\n"
    )
    article = qizhi_parser.parse_text(dump)
    assert article.paragraphs[-1].text.endswith("背景。")
    assert len(article.credits) == 1
    assert article.credits[0].role.value == "responsible_editor"
    assert article.credits[0].names in (["焦鹏"], ["王頔"])


def test_table_cells_side_by_side_are_separate_blocks() -> None:
    dump = (
        "当前位置： 首页｜人物专访\n"
        "农机专家：搭建现代化信息平台" + " " * 40 + "\n"
        "工作动态\n"
        "www.site.cn" + " " * 30 + "2005年08月16日 来源：新华网\n"
        "　　农机专家搭建现代化信息平台，为农民提供农机信息服务，受到欢迎。" + " " * 20 + "* 辽宁沿海七城签协议\n"
        "　　信息平台汇集了各地农机信息，帮助农民及时了解现代化农机和市场动态。\n"
    )
    article = qizhi_parser.parse_text(dump)
    assert article.headline == "农机专家：搭建现代化信息平台"
    assert article.source is not None
    assert article.source.name == "新华网"
    assert [p.text[:4] for p in article.paragraphs] == ["农机专家", "信息平台"]
