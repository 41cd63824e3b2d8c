"""The layout stage: segment() names a page's regions; classify() names each body line's
kind, one rule a kind, driven here by a table of cases; every field extractor returns a
Found; and the fast path (template containers only) never changes a result."""

from __future__ import annotations

import dataclasses
import pathlib
import typing
from collections import Counter

import pytest

import qizhi_parser
import qizhi_parser.fields
from qizhi_parser import core
from qizhi_parser.decode import decode
from qizhi_parser.found import Found
from qizhi_parser.layout import Context, Layout, LineKind, classify, read_lines, segment, settle
from qizhi_parser.markup import page_from_html
from qizhi_parser.page import Block, Link, Page, page_from_text
from qizhi_parser.vocab import Zone

from .conftest import FIXTURES

# ------------------------------------------------------------------ classify: a case table

HTML = Context(html=True, first=False)
TEXT = Context(html=False, first=False)
FIRST_HTML = Context(html=True, first=True)
FIRST_TEXT = Context(html=False, first=True)
UNDER_IMAGE = Context(html=True, first=False, after_image=True)

# (text, block hints, context, kind)
CASES: list[tuple[str, dict[str, typing.Any], Context, LineKind]] = [
    ("今天上午，全国人大常委会在北京召开会议，审议有关法律草案。", {}, HTML, LineKind.PARAGRAPH),
    ("今天上午，会议审议有关法律草案。", {}, TEXT, LineKind.PARAGRAPH),
    ("一、坚持稳中求进", {"bold": True}, HTML, LineKind.HEADING),
    ("坚持稳中求进工作总基调", {"heading_level": 3}, HTML, LineKind.HEADING),
    ("坚持稳中求进工作总基调", {}, TEXT, LineKind.HEADING),
    ("坚持稳中求进工作总基调", {}, HTML, LineKind.PARAGRAPH),  # HTML headings need markup
    ("（责任编辑：王乐文）", {}, HTML, LineKind.CREDIT),
    ("( 編輯:馮愛齡  送簽:馮愛齡 )", {}, TEXT, LineKind.CREDIT),
    ("【纠错】 责任编辑：孙泽", {}, HTML, LineKind.CREDIT),  # a page tool before a credit line
    ("本报记者  王乐文  方  敏", {}, HTML, LineKind.CREDIT),
    ("新华社记者", {}, HTML, LineKind.BYLINE),  # the names close the text
    ("（记者 李贺 摄）", {}, HTML, LineKind.PHOTO_CREDIT),
    ("《人民日报》（2024年03月12日 第 05 版）", {}, HTML, LineKind.EDITION),
    ("《人民日报》（2024年02月30日 第 05 版）", {}, HTML, LineKind.PARAGRAPH),  # no such date: no edition
    ("原标题：春季招聘会搭建求职桥梁", {}, HTML, LineKind.ORIGINAL_HEADLINE),
    ("（完）", {}, HTML, LineKind.END),
    ("相关新闻", {}, HTML, LineKind.END),
    ("春季招聘会今日开幕 求职者可现场咨询 高校毕业生专场招聘会", {"linked": True, "links": (
        Link("春季招聘会今日开幕", "/a.html"), Link("求职者可现场咨询", "/b.html"),
        Link("高校毕业生专场招聘会", "/c.html"))}, HTML, LineKind.RELATED),  # after the text, all links
    ("春季招聘会今日开幕", {"linked": True, "links": (Link("春季招聘会今日开幕", "/a.html"),)}, HTML,
     LineKind.PARAGRAPH),  # one link: a linked paragraph
    ("【纠错】", {}, HTML, LineKind.CHROME),
    ("点击进入专题", {"linked": True}, HTML, LineKind.PROMO),
    ("点击进入专题", {}, FIRST_HTML, LineKind.PROMO),
    ("微信 微博 QQ空间", {}, HTML, LineKind.WIDGET),
    ("【1】【2】【3】", {}, HTML, LineKind.PAGER),
    ("下一页", {"zone": Zone.PAGINATION}, HTML, LineKind.PAGER),
    ("招聘会现场，求职者在咨询岗位信息。", {"center": True}, UNDER_IMAGE, LineKind.CAPTION),
    ("招聘会现场，求职者在咨询岗位信息。", {"center": True}, HTML, LineKind.PARAGRAPH),  # no image above
    ("招聘会现场", {"center": True, "bold": True}, UNDER_IMAGE, LineKind.HEADING),  # bold: a heading
    ("图为招聘会现场。（刘通摄）", {"center": True, "bold": True}, UNDER_IMAGE, LineKind.CAPTION),  # caption-shaped
    ("信息来源： 内蒙古日报", {}, HTML, LineKind.SOURCE),
    ("（来源：新华社）", {}, TEXT, LineKind.SOURCE),
    ("来源：", {}, HTML, LineKind.PARAGRAPH),  # a label without a name
    ("图为招聘会现场。", {}, TEXT, LineKind.LONE_CAPTION),
    ("新华社北京3月12日电 题：招聘会搭建求职桥梁", {}, FIRST_TEXT, LineKind.DATELINE),
    ("新华社北京3月12日电 题：招聘会搭建求职桥梁", {}, TEXT, LineKind.HEADING),  # only before the text
    ("原标题：春季招聘会", {"hidden": True}, HTML, LineKind.HIDDEN),
    ("原标题：春季招聘会", {"zone": Zone.ORIGINAL_HEADLINE}, HTML, LineKind.HIDDEN),
    ("扫码下载客户端", {"zone": Zone.CHROME}, HTML, LineKind.CHROME),
    ("12-05 21:08 示例晚报", {}, FIRST_HTML, LineKind.STAMP),  # a mobile page's info line, no year
    ("12-05 21:08，记者在夜市看到，摊位前人头攒动。", {}, FIRST_HTML, LineKind.PARAGRAPH),  # a sentence
    ("12-05 21:08 示例晚报", {}, HTML, LineKind.PARAGRAPH),  # under the text: not the header's
    ("视频加载中...", {}, HTML, LineKind.WIDGET),  # a video player's placeholder
    ("", {"images": (("/pic/a.jpg", None),)}, HTML, LineKind.IMAGE),
    ("", {}, HTML, LineKind.EMPTY),
    ("更多精彩 " + "内容" * 120 + ">>", {"linked": True}, HTML, LineKind.PROMO),  # long, but ends in >>
    ("内容" * 120 + ">>", {}, HTML, LineKind.PARAGRAPH),  # long, ends in >>, unlinked, after the text
    ("（责任编辑：王乐文）" + "正文" * 100, {}, HTML, LineKind.PARAGRAPH),  # long: never a special line
]


@pytest.mark.parametrize(("text", "hints", "ctx", "kind"), CASES, ids=[f"{c[3].value}:{c[0][:12]}" for c in CASES])
def test_classify(text: str, hints: dict[str, typing.Any], ctx: Context, kind: LineKind) -> None:
    block = Block(text=text, lines=(text,) if text else (), index=0, **hints)
    assert classify(block, text, ctx) == kind


#: Lines each special rule takes (one or more a rule), from which lines it must not take are made.
_SPECIAL_SAMPLES = (
    "原标题：春季招聘会搭建求职桥梁",
    "《人民日报》（2024年03月12日 第 05 版）",
    "【1】【2】【3】",
    "下一页",
    "1234下一页",
    "（完）",
    "相关新闻",
    "【纠错】",
    "打印 关闭",
    "下载客户端",
    "扫一扫在手机打开当前页",
    "点击进入专题",
    "信息来源： 内蒙古日报",
    "（来源：新华社）",
    "新闻来源：本网",
    "稿源：人民日报",
)


def test_a_special_rule_takes_only_lines_of_its_first_characters() -> None:
    """classify() tries a line only on the special rules that declare its first character: a rule
    must take no line that starts otherwise. Every sample line, behind each first character the
    rules declare, is offered to each rule whose characters do not include it."""
    from qizhi_parser.layout.kinds import SPECIAL_FIRST, SPECIAL_RULES

    taken = {rule.__name__: 0 for rule, _ in SPECIAL_RULES}
    for sample in _SPECIAL_SAMPLES:
        for rule, first in SPECIAL_RULES:
            kind = rule(Block(sample, (sample,), 0), sample, FIRST_HTML)
            taken[rule.__name__] += kind is not None
            assert kind is None or sample[0] in first, (rule.__name__, sample)
            for lead in sorted(SPECIAL_FIRST - set(first)):
                for text in (lead + sample, lead + sample[1:]):
                    assert rule(Block(text, (text,), 0), text, FIRST_HTML) is None, (rule.__name__, text)
    assert all(taken.values()), taken  # every rule took a sample: the offers were real ones


def test_every_kind_has_a_case() -> None:
    assert {case[3] for case in CASES} == set(LineKind)


def test_read_lines_keeps_the_context() -> None:
    def block(i: int, text: str, **hints: typing.Any) -> Block:
        return Block(text=text, lines=(text,) if text else (), index=i, **hints)

    blocks = [
        block(0, "点击进入专题"),  # a promo before the text
        block(1, "", images=(("/pic/a.jpg", "图"),)),
        block(2, "招聘会现场。", center=True),  # under the image: its caption
        block(3, "今天上午，招聘会在北京举行，数百家企业参加。"),
        block(4, "点击进入专题"),  # after the text and unlinked: a line of text
    ]
    kinds = [line.kind for line in read_lines(blocks, html=True)]
    assert kinds == [LineKind.PROMO, LineKind.IMAGE, LineKind.CAPTION, LineKind.PARAGRAPH, LineKind.PARAGRAPH]


def test_settle_makes_trailing_text_headings_paragraphs() -> None:
    blocks = [Block(text=t, lines=(t,), index=i) for i, t in enumerate(["小标题", "正文一段。", "末尾一行"])]
    lines = settle(read_lines(blocks, html=False), html=False)
    assert [line.kind for line in lines] == [LineKind.HEADING, LineKind.PARAGRAPH, LineKind.PARAGRAPH]


def test_related_titles_after_the_text_are_not_the_paragraph() -> None:
    lines = ("最后一段正文。", "相关标题甲", "相关标题乙")
    block = Block(text=" ".join(lines), lines=lines, index=0,
                  links=(Link("相关标题甲", "/a.html"), Link("相关标题乙", "/b.html")))
    assert [line.text for line in read_lines([block], html=True)] == ["最后一段正文。"]


# ------------------------------------------------------------------ segment: the regions of real pages


def _page(name: str, *, fast: bool = True) -> Page:
    text = decode((FIXTURES / name).read_bytes()).text
    return page_from_html(text, fast=fast) if name.endswith(".html") else page_from_text(text)


def _text(page: Page, index: int | None) -> str | None:
    return None if index is None else page.blocks[index].text


def test_segment_a_template_page() -> None:
    page = _page("people-2024-gbk.html")
    layout = segment(page)
    assert page.partial
    assert layout.template == "people-2024"
    assert layout.time is not None
    assert layout.time.rule == "html:info"
    assert _text(page, layout.time.index) == "2024年03月12日07:45 | 来源：人民网－人民日报"
    assert layout.source is not None
    assert layout.source.index == layout.time.index
    assert layout.source.name == "人民网－人民日报"
    assert layout.title is not None
    assert layout.title.lines == ("春季招聘会为高校毕业生搭建求职桥梁（经济新方位）",)
    assert layout.path is not None
    assert _text(page, layout.path.index) == "人民网>>社会·法治"
    assert layout.path.rule == "html:breadcrumb"
    assert layout.path.steps == ("人民网", "社会·法治")
    assert layout.body_rule == "html:body"
    assert layout.second_article is None
    kinds = Counter(line.kind for line in layout.lines)
    assert kinds[LineKind.PARAGRAPH] == 6
    assert kinds[LineKind.HEADING] == 2
    assert kinds[LineKind.EDITION] == 1
    assert kinds[LineKind.CAPTION] == 1
    assert layout.time.index in layout.info
    assert [line.kind for line in layout.trailer] == [LineKind.EDITION]  # after the text: the edition line


@pytest.mark.parametrize("name", ["qizhiwang-2020-gbk.html", "000_ed244d5cd920c850.txt"])
def test_segment_finds_the_same_regions_in_html_and_text(name: str) -> None:
    page = _page(name)
    layout = segment(page)
    fmt = page.format
    assert layout.template == "generic"
    assert layout.time is not None
    assert layout.time.rule == f"{fmt}:time-source-line"
    assert layout.source is not None
    assert layout.source.index == layout.time.index
    assert layout.title is not None
    assert layout.title.rule in ("html:h1", "text:title-block")
    assert len(layout.title.lines) == 2
    assert layout.path is not None
    assert layout.path.rule == f"{fmt}:path-line"
    assert layout.body_rule == f"{fmt}:after-header"
    kinds = Counter(line.kind for line in layout.lines)
    assert (kinds[LineKind.PARAGRAPH], kinds[LineKind.HEADING], kinds[LineKind.CREDIT]) == (10, 3, 1)
    assert [line.kind for line in layout.trailer] == [LineKind.CREDIT]  # ( 编辑:… 送签:… 签发:… )


def test_a_second_article_is_a_region() -> None:
    one = (FIXTURES / "qizhiwang-2020-simplified.txt").read_text(encoding="utf-8")
    page = page_from_text(one + "\n\n" + one)
    layout = segment(page)
    assert layout.second_article is not None
    assert all(line.block.index < layout.second_article.index for line in layout.lines)
    assert layout.second_article.rule == "second-article"
    assert [i.code for i in layout.issues] == ["multiple-articles"]


# ------------------------------------------------------------------ the contract of the field extractors


FIELD_NAMES = [f.name for f in dataclasses.fields(core.Fields)]


def test_the_field_table_covers_the_article() -> None:
    derived = {"input_format", "encoding", "script", "printed_script", "headline_lines", "published_raw",
               "published_precision", "issues", "provenance"}
    assert set(qizhi_parser.Article.model_fields) - derived == set(FIELD_NAMES)


def test_every_field_has_its_extractor_in_fields() -> None:
    """``fields/`` holds one ``extract_<field>`` per field of the table, and nothing else public."""
    assert sorted(qizhi_parser.fields.__all__) == sorted(f"extract_{name}" for name in FIELD_NAMES)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".html", ".txt")))
def test_every_extractor_returns_a_found(name: str) -> None:
    page = _page(name)
    layout = segment(page)
    assert isinstance(layout, Layout)
    table = core.read_fields(page, layout)
    for field in FIELD_NAMES:
        found = getattr(qizhi_parser.fields, f"extract_{field}")(page, layout)
        assert isinstance(found, Found), field
        assert found == getattr(table, field), field
        assert found.rule is None or isinstance(found.rule, str)
        assert all(i.field in (field, "input", "url") for i in found.issues), field


def _fixture_and_corpus_pages() -> list[pathlib.Path]:
    from .conftest import CORPUS

    pages = sorted(p for p in FIXTURES.iterdir() if p.suffix == ".html")
    if CORPUS.exists():
        pages += sorted(CORPUS.rglob("*.html")) + sorted((CORPUS.parent / "other-sites").rglob("*.html"))
    return pages


@pytest.mark.parametrize("path", _fixture_and_corpus_pages(), ids=lambda p: p.name)
def test_the_fast_path_never_changes_a_result(path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading only the template's containers skips work; the Article is the one the whole
    page gives (block places in messages are lines of the HTML, the same on both walks)."""
    data = path.read_bytes()
    fast = qizhi_parser.parse(data)
    import qizhi_parser.markup as markup_module

    whole_page = markup_module.page_from_html

    def whole(text: str, **kwargs: typing.Any) -> Page:
        return whole_page(text, **{**kwargs, "fast": False})

    monkeypatch.setattr(core, "page_from_html", whole)
    slow = qizhi_parser.parse(data)
    assert fast.model_dump(exclude={"provenance"}) == slow.model_dump(exclude={"provenance"})


def test_the_first_character_gates_agree_with_their_patterns() -> None:
    """widget_line, chrome_line and is_path_line try their patterns only on lines that start (or
    hold) as a match must: on every word of the lists, alone, repeated and labelled, the gated
    answer is the pattern's."""
    from qizhi_parser.layout.kinds import chrome_line, widget_line
    from qizhi_parser.text.paths import is_path_line
    from qizhi_parser.text.spaces import squash
    from qizhi_parser.vocab import (
        APP_WORDS,
        CHROME,
        CHROME_WORDS,
        CRUMB_LINE,
        CRUMB_PREFIX,
        CRUMB_TEXT_END,
        PAGE_TOOL_WORDS,
        WIDGET,
        WIDGET_WORDS,
    )

    words = (*WIDGET_WORDS, *CHROME_WORDS, *PAGE_TOOL_WORDS, *APP_WORDS)
    lines = [f for w in words for f in (w, f"{w} {w}", f"【{w}】", f"{w}：示例", f"　{w}")]
    lines += ["关注示例网", "+1", "１２３", "(12)", "字体：大 中 小", "下载示例客户端", "扫一扫在手机打开当前页",
              "用手机扫码阅读"]
    assert sum(bool(WIDGET.match(t)) for t in lines) > 100
    assert sum(bool(CHROME.match(t)) for t in lines) > 100
    for text in lines:
        assert widget_line(text) == bool(WIDGET.match(text)), text
        assert chrome_line(text) == bool(CHROME.match(text)), text
    paths = ["人民网 >> 文化", "首页＞新闻", "首页 » 要闻", "首页 → 新闻中心", "当前位置：首页",
             "您现在的位置是 首页 要闻", "新华网 正文", "今天天气很好。", "首页 | 要闻"]
    for text in paths:
        line = squash(text)
        shaped = CRUMB_LINE.match(line) or CRUMB_PREFIX.match(line) or CRUMB_TEXT_END.match(line)
        assert is_path_line(text) == bool(shaped), text
