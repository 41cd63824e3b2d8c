"""The blocks an HTML page becomes, and the hints each carries.

Every field extractor reads these hints, so they are pinned here on small pages
in the templates' own markup, one hint per test.
"""

from __future__ import annotations

import pytest

from qizhi_parser.markup import page_from_html
from qizhi_parser.page import Block, Link


def blocks(body: str, head: str = "") -> list[Block]:
    return page_from_html(f"<html><head>{head}</head><body>{body}</body></html>", fast=False).blocks


def one(body: str) -> Block:
    found = blocks(body)
    assert len(found) == 1, [b.text for b in found]
    return found[0]


def test_text_is_collapsed_and_split_at_br() -> None:
    block = one("<p>\n  记者　王乐文<br/>方  敏\t送签<br><br></p>")
    assert block.text == "记者　王乐文 方 敏 送签"
    assert block.lines == ("记者　王乐文", "方 敏 送签")
    assert block.tag == "p"


def test_all_bold() -> None:
    block = one("<p><strong>一、强化责任担当</strong> \n <b>把疫情防控作为当前最重要的工作</b></p>")
    assert block.bold
    assert block.bold_prefix == ""


def test_bold_lead_in() -> None:
    block = one("<p><strong>常委会党组</strong> <strong>高度重视。</strong>疫情就是命令，防控就是责任。</p>")
    assert not block.bold
    assert block.bold_prefix == "常委会党组高度重视。"


def test_bold_from_style_and_centred() -> None:
    block = one('<p style="TEXT-ALIGN: center"><span style="font-weight: bold">守初心</span></p>')
    assert block.bold
    assert block.center


def test_plain_text_is_neither_bold_nor_linked() -> None:
    block = one("<p>面对新型冠状病毒感染的肺炎疫情的严峻考验。</p>")
    assert (block.bold, block.bold_prefix, block.linked, block.listed, block.hidden) == (False, "", False, False, False)


def test_all_linked_and_the_links() -> None:
    block = one('<div><a href="http://www.people.com.cn/">人民网</a> &gt;&gt; <a href="/GB/1.html">文化</a></div>')
    assert block.text == "人民网 >> 文化"
    assert not block.linked  # the ">>" between the links is plain text
    assert block.links == (Link("人民网", "http://www.people.com.cn/"), Link("文化", "/GB/1.html"))
    nav = one('<div><a href="/a.html">要闻</a> <a href="/b.html">理论</a></div>')
    assert nav.linked
    assert [link.text for link in nav.links] == ["要闻", "理论"]


def test_an_anchor_without_href_is_not_a_link() -> None:
    block = one('<p><a name="top">旗帜网</a></p>')
    assert not block.linked
    assert block.links == ()


def test_list_items_and_cells_are_listed() -> None:
    found = blocks("<ul><li>党建知识问答</li></ul><table><tr><td>机关党建工作要点</td></tr></table><p>正文</p>")
    assert [(b.text, b.tag, b.listed) for b in found] == [
        ("党建知识问答", "li", True),
        ("机关党建工作要点", "td", True),
        ("正文", "p", False),
    ]


def test_hidden_blocks_and_hidden_text() -> None:
    found = blocks(
        '<div style="display:none"><p>原标题：抗疫情</p></div>'
        '<p>可见<span style="display: none">隐藏</span>文字</p>'
        "<p hidden>也隐藏</p>"
    )
    assert [(b.text, b.hidden) for b in found] == [("原标题：抗疫情", True), ("可见文字", False), ("也隐藏", True)]


def test_zone_from_class_and_id_inherited_and_marks() -> None:
    page = (
        '<div class="col-1-1">2024年05月10日06:58</div>'  # with rm_txt_con: the people-2024 signature
        '<div class="rm_txt_con cf"><p>正文一段。</p></div>'
        '<div id="rwb_navpath"><span>人民网&gt;&gt;财经</span></div>'
        '<p>前文<span class="author">本报记者 叶婉</span></p>'
    )
    assert [(b.text, b.zone) for b in blocks(page)] == [
        ("2024年05月10日06:58", "info"),
        ("正文一段。", "body"),
        ("人民网>>财经", "breadcrumb"),
        ("前文本报记者 叶婉", "byline"),  # an inline element's zone marks its block
    ]
    # without the signature, people-2024's own marks name nothing; the generic ones still do
    stranger = blocks(page.replace("col-1-1", "meta"))
    assert [(b.text, b.zone) for b in stranger] == [
        ("2024年05月10日06:58", None), ("正文一段。", None), ("人民网>>财经", None), ("前文本报记者 叶婉", "byline")]
    marked = blocks('<div class="edit cf" id="p_editor">（责编：王震）</div>')[0]
    assert marked.marks == frozenset({"edit", "cf", "#p_editor"})
    assert marked.zone == "credits"  # edit: a generic mark


def test_headings_and_images() -> None:
    found = blocks('<h1>标题</h1><h3 class="pre">引题</h3><p><img src="/a.jpg" alt="图片"></p>')
    assert [(b.text, b.heading_level) for b in found] == [("标题", 1), ("引题", 3), ("", None)]
    assert found[2].images == (("/a.jpg", "图片"),)


def test_scripts_and_styles_are_not_text_but_their_tails_are() -> None:
    block = one("<p>前<script>var x = '不是正文';</script>后<style>p{}</style>完</p>")
    assert block.text == "前后完"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<script>shareToWX("http://www.people.com.cn/n1/2024/0510/c1004-40232587.html")</script>',
         [("http://www.people.com.cn/n1/2024/0510/c1004-40232587.html", "script:share-url")]),
        ('<script src="/share.js?url=http%3A%2F%2Ffinance.people.com.cn%2Fn1%2F2024%2F0510%2Fc1004-40232587.html">'
         "</script>",
         [("http://finance.people.com.cn/n1/2024/0510/c1004-40232587.html", "script:share-url")]),
        # both forms: in the order they appear
        ('<script src="/s.js?url=http%3A%2F%2Fa.people.com.cn%2Fn1%2F2024%2F0101%2Fc1-1.html"></script>'
         "<script>shareToWB('http://b.people.com.cn/n1/2024/0101/c1-2.html')</script>",
         [("http://a.people.com.cn/n1/2024/0101/c1-1.html", "script:share-url"),
          ("http://b.people.com.cn/n1/2024/0101/c1-2.html", "script:share-url")]),
        ("<script>var shared = 1;</script>", []),
    ],
)
def test_share_script_urls(markup: str, expected: list[tuple[str, str]]) -> None:
    page = page_from_html(f"<html><head>{markup}</head><body><p>正文</p></body></html>")
    assert page.url_candidates == expected


def test_canonical_link_wins_over_scripts() -> None:
    head = ('<link rel="canonical" href="http://www.qizhiwang.org.cn/n1/2020/0217/c1-1.html">'
            "<script>shareToWX('http://other.people.com.cn/n1/2020/0217/c1-2.html')</script>")
    page = page_from_html(f"<html><head>{head}</head><body><p>正文</p></body></html>")
    assert page.url_candidates == [("http://www.qizhiwang.org.cn/n1/2020/0217/c1-1.html", "html:canonical")]
