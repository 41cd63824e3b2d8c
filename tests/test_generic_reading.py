"""The generic reading: a page no template matches, read by its content.

Each rule is driven by small pages written here in the shapes real sites use (a logo
``<h1>``, a path set one step a cell, share-widget labels above the text, a sidebar of
channel names under it, a source printed only at the foot); the authored fixtures
``gov-portal-2023.html`` and ``city-news-2022.html`` hold them all at once, and the
shared corpus's ``new-sites`` prove them on real pages (tests/test_other_sites.py).
"""

from __future__ import annotations

import pytest

import qizhi_parser
from qizhi_parser.layout import LineKind, segment
from qizhi_parser.layout.column import trim_column
from qizhi_parser.layout.kinds import Line
from qizhi_parser.markup import page_from_html
from qizhi_parser.page import Block
from qizhi_parser.text.paths import path_steps
from qizhi_parser.text.sources import printed_source
from qizhi_parser.text.titles import is_site_name, matches_title

from .conftest import FIXTURES

PROSE = "今年以来，全市新建改建校园冰场四十二块，冰雪运动进入体育课堂，参加学生超过三万人次。"


def _page(body: str, title: str = "") -> str:
    return f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>"


# ------------------------------------------------------------------ headline by the page title


@pytest.mark.parametrize(("heading", "title", "expected"), [
    ("冰雪运动进校园", "冰雪运动进校园_江城新闻网", True),
    ("冰雪运动进校园 课间操变身滑冰课", "冰雪运动进校园 课间操变身滑冰课 江城新闻网", True),  # suffix after a space
    ("江城新闻网", "冰雪运动进校园 课间操变身滑冰课 江城新闻网", False),  # the logo's name
    ("全县茶园面积突破四十万亩", "青川县春茶开采节开幕 - 示例省人民政府网站", False),  # the subtitle
    ("青川县春茶开采节在七佛乡开幕暨茶叶品鉴会", "青川县春茶开采节在七佛乡开幕", True),  # a title cut short
    ("要闻", "要闻动态中的一条很长的新闻标题", False),  # a short word found in a long title
])
def test_a_heading_matches_the_title_by_its_longest_shared_run(heading: str, title: str, expected: bool) -> None:
    assert matches_title(heading, title) is expected


@pytest.mark.parametrize(("heading", "title", "expected"), [
    ("示例省人民政府网站", "青川县春茶开采节在七佛乡开幕 - 示例省人民政府网站", True),
    ("江城新闻网", "冰雪运动进校园 江城新闻网", True),
    ("人民网", None, True),  # a known site name needs no title
    ("江城新闻网", "江城新闻网", False),  # the whole title: a home page's, not a site suffix
    ("冰雪运动进校园", "冰雪运动进校园 江城新闻网", False),  # not a site's word at the end
    ("青川县新闻网", "冰雪运动进校园 江城新闻网", False),  # not the title's tail
])
def test_a_site_name_is_the_titles_tail_ending_in_a_site_word(heading: str, title: str | None, expected: bool) -> None:
    assert is_site_name(heading, title) is expected


def test_a_logo_h1_loses_to_the_heading_the_title_names() -> None:
    html = _page("<h1><a href='/'>江城新闻网</a></h1><ul><li><a href='/a'>新闻</a></li></ul>"
                 "<h2>冰雪运动进校园</h2><h3>课间操变身滑冰课</h3><div>2022-01-20 14:32</div>"
                 f"<p>{PROSE}</p>", "冰雪运动进校园 - 江城新闻网")
    article = qizhi_parser.parse(html)
    assert (article.headline, article.subtitle) == ("冰雪运动进校园", "课间操变身滑冰课")


def test_the_h1_stays_when_the_title_names_no_other_heading() -> None:
    """A page title that is the site's name alone (the same on every page) decides nothing."""
    html = _page("<h1>冰雪运动进校园</h1><h2>课间操变身滑冰课</h2><div>2022-01-20 14:32</div>"
                 f"<p>{PROSE}</p>", "江城新闻网")
    assert qizhi_parser.parse(html).headline == "冰雪运动进校园"


def test_the_title_check_overrules_an_h1_the_title_does_not_name() -> None:
    html = _page("<h1>专题报道</h1><div class='t'><b>冰雪运动进校园</b></div><div>2022-01-20 14:32</div>"
                 f"<p>{PROSE}</p>", "冰雪运动进校园_江城新闻网")
    article = qizhi_parser.parse(html)
    assert article.headline == "冰雪运动进校园"
    assert article.provenance["headline"] == "html:title-match"


# ------------------------------------------------------------------ path lines


@pytest.mark.parametrize(("line", "steps"), [
    ("您所在的位置 首页 专题频道 地方专题", ["首页", "专题频道", "地方专题"]),  # a label, then spaces
    ("您的当前位置：新闻中心 > 武汉", ["新闻中心", "武汉"]),  # the label is no step
    ("当前位置：首页/要闻动态/今日关注", ["首页", "要闻动态", "今日关注"]),
    ("首页 → 新闻 → 本地", ["首页", "新闻", "本地"]),
    ("首页 专题频道 地方专题", None),  # no label, no separator: not a path
])
def test_path_lines_in_their_printed_forms(line: str, steps: list[str] | None) -> None:
    assert path_steps(line) == steps


def test_a_path_set_one_step_a_cell_is_read_across_the_cells() -> None:
    html = _page("<table><tr><td class='breadcrumb'>当前位置：</td><td class='breadcrumb'><a href='/'>首页</a></td>"
                 "<td class='breadcrumb'>&gt;<a href='/fg/'>发展改革</a></td>"
                 "<td class='breadcrumb'>&gt;<a href='/fg/tz/'>投资运行</a></td></tr></table>"
                 f"<h1>冰雪运动进校园</h1><div>2022-01-20 14:32</div><p>{PROSE}</p>")
    article = qizhi_parser.parse(html, url="http://www.site.example/fg/tz/1.html")
    assert [(c.text, c.url) for c in article.breadcrumb] == [
        ("首页", "http://www.site.example/"), ("发展改革", "http://www.site.example/fg/"),
        ("投资运行", "http://www.site.example/fg/tz/")]


# ------------------------------------------------------------------ sources


@pytest.mark.parametrize(("line", "name"), [
    ("2023-06-15 08:10 来源：中国新闻网 王帆", "中国新闻网"),  # an unlabelled author after the outlet
    ("来源：人民日报 海外版", "人民日报 海外版"),  # an edition is no author
    ("来源：新华社 客户端", "新华社 客户端"),
    ("（来源：新华社）", "新华社"),  # the closing bracket is not the name's
    ("【来源：光明网】", "光明网"),
    ("信息来源： 内蒙古日报", "内蒙古日报"),
    ("来源于：东区办事处", "东区办事处"),  # 来源于, a district site's label
    ("版权声明 来源：当代商报 时间：2019-09-23 14:34:05 作者：", "当代商报"),  # the next label ends it
    ("来源：新华网 发布时间：2024-05-10", "新华网"),
    ("来源：人民网 浏览次数：100", "人民网"),
])
def test_the_printed_source_stops_at_names_and_brackets(line: str, name: str) -> None:
    assert printed_source(line) == name


def test_a_source_printed_after_the_text_is_the_source_and_ends_the_body() -> None:
    text = "".join(f"<p>{PROSE}</p>" for _ in range(3))
    html = _page(f"<h1>冰雪运动进校园</h1><div>2022-01-20 14:32</div>{text}<p>信息来源：江城日报</p>"
                 "<p>轮播图预览:</p>")
    article = qizhi_parser.parse(html)
    assert article.source is not None
    assert article.source.name == "江城日报"
    assert article.provenance["source"] == "html:source-after-text"
    assert [p.text for p in article.paragraphs] == [PROSE] * 3


# ------------------------------------------------------------------ credits after the editor line


def test_closing_credits_after_the_editor_line_are_all_read() -> None:
    html = _page(f"<h1>冰雪运动进校园</h1><div>2022-01-20 14:32</div><p>{PROSE}</p><p>（编辑：孙立平 周敏）</p>"
                 "<div></div><div>【责任编辑：孙立平】</div><div><a href='/z'>专题</a></div><div>最热新闻</div>")
    credits = [(c.role.value, c.names) for c in qizhi_parser.parse(html).credits]
    assert credits == [("editor", ["孙立平", "周敏"]), ("responsible_editor", ["孙立平"])]


def test_a_bracketed_editor_note_with_the_sites_name_is_a_credit() -> None:
    credits = qizhi_parser.parse_credits("（江城新闻网编辑 孙立平）")
    assert [(c.role.value, c.label, c.names) for c in credits] == [("editor", "江城新闻网编辑", ["孙立平"])]


# ------------------------------------------------------------------ the article column


def _line(index: int, text: str, kind: LineKind = LineKind.PARAGRAPH) -> Line:
    return Line(Block(text, (text,), index), text, kind)


def _nav(index: int, text: str) -> Block:
    return Block(text, (text,), index, linked=True)


def test_the_column_drops_a_sidebar_after_a_line_of_navigation() -> None:
    lines = [_line(0, PROSE), _line(1, PROSE), _line(3, "省政府"), _line(5, "要闻")]
    gaps = [_nav(2, "扫一扫在手机打开当前页面"), _nav(4, "领导动态"), _nav(6, "山西要闻")]
    kept, dropped = trim_column(lines, gaps)
    assert [line.block.index for line in kept] == [0, 1]
    assert [d.index for d in dropped] == [3, 5]
    assert all("after the article column" in d.reason for d in dropped)


def test_the_column_keeps_a_signature_right_under_the_text() -> None:
    """A notice's issuer and date have no punctuation but touch the text: no gap between."""
    lines = [_line(0, PROSE), _line(1, "示例省人民政府办公厅"), _line(2, "2023年4月8日"), _line(4, "要闻")]
    kept, _ = trim_column(lines, [_nav(3, "打印 关闭")])
    assert [line.block.index for line in kept] == [0, 1, 2]


def test_the_column_keeps_closing_lines_beyond_a_gap() -> None:
    lines = [_line(0, PROSE), _line(2, "要闻"), _line(3, "【责任编辑：孙立平】", LineKind.CREDIT)]
    kept, _ = trim_column(lines, [_nav(1, "打印 关闭 收藏")])
    assert [line.block.index for line in kept] == [0, 3]


def test_the_column_drops_a_widgets_labels_above_the_text() -> None:
    lines = [_line(2, "官方微信平台"), _line(3, "本报记者 赵晓峰", LineKind.CREDIT), _line(4, PROSE)]
    kept, dropped = trim_column(lines, [_nav(0, "微博"), _nav(1, "空间")])
    assert [line.block.index for line in kept] == [3, 4]
    assert [d.index for d in dropped] == [2]


def test_the_column_never_drops_running_text_above_a_gap() -> None:
    lines = [_line(0, PROSE), _line(2, PROSE * 3)]
    kept, dropped = trim_column(lines, [_nav(1, "相关链接一 相关链接二 相关链接三 相关链接四")])
    assert [line.block.index for line in kept] == [0, 2]
    assert dropped == []


def test_a_body_in_a_template_container_is_not_trimmed() -> None:
    """The column is for bodies found by position; a template's body container is exact."""
    html = _page(f"<h1>冰雪运动进校园</h1><div>2022-01-20 14:32</div><div class='show_text'><p>{PROSE}</p>"
                 "<p>要闻</p></div>")
    layout = segment(page_from_html(html))
    assert layout.body_rule == "html:body"
    assert [line.text for line in layout.lines] == [PROSE, "要闻"]
    assert layout.dropped == ()


def test_a_bold_caption_under_a_photo_is_its_caption() -> None:
    html = _page(f"<h1>冰雪运动进校园</h1><div>2022-01-20 14:32</div>"
                 "<div style='text-align:center'><img src='/p/1.jpg'></div>"
                 "<div style='text-align:center'><b>图为学生在校园冰场上课间滑冰。（赵晓峰摄）</b></div>"
                 f"<p>{PROSE}</p>")
    article = qizhi_parser.parse(html, url="http://www.site.example/a/1.html")
    assert article.headings == []
    assert [(i.src, i.caption) for i in article.images] == [
        ("http://www.site.example/p/1.jpg", "图为学生在校园冰场上课间滑冰。（赵晓峰摄）")]


# ------------------------------------------------------------------ the authored pages, whole


@pytest.mark.parametrize(("name", "facts"), [
    ("gov-portal-2023.html", {
        "headline": "青川县春茶开采节在七佛乡开幕", "subtitle": "全县茶园面积突破四十万亩",
        "breadcrumb": ["首页", "要闻", "市县动态"], "source": "示例日报", "headings": [],
        "last": "推动茶旅融合发展。（王建）", "paragraphs": 4,
    }),
    ("city-news-2022.html", {
        "headline": "冰雪运动进校园 课间操变身滑冰课", "subtitle": None,
        "breadcrumb": ["首页", "专题频道", "地方专题", "冰雪运动2022"], "source": "江城日报", "headings": [],
        "last": "到学校担任校外辅导员。", "paragraphs": 3,
    }),
])
def test_the_authored_generic_pages(name: str, facts: dict[str, object]) -> None:
    article = qizhi_parser.parse((FIXTURES / name).read_bytes())
    assert article.provenance["template"] == "generic"
    got = {
        "headline": article.headline, "subtitle": article.subtitle,
        "breadcrumb": [c.text for c in article.breadcrumb], "source": article.source and article.source.name,
        "headings": article.headings, "last": article.paragraphs[-1].text[-len(str(facts["last"])):],
        "paragraphs": len(article.paragraphs),
    }
    for key, value in facts.items():
        assert got[key] == value, key


def test_a_line_of_related_titles_after_the_text_is_dropped() -> None:
    """An old /GB/ page sets the titles of related articles after the text as bold links
    separated only by spaces, in the text's own element: split from the text, and dropped."""
    html = _page(
        "<table><tr><td id='p_title'><b>冰雪运动进校园</b></td></tr><tr><td>2008年01月20日14:32 来源：人民网</td></tr>"
        f"<tr><td id='p_content'><p>{PROSE}</p><p>{PROSE}</p>"
        "<p><a href='/GB/1.html'><b>全市冰雪季活动启动</b></a>&nbsp;&nbsp;"
        "<a href='/GB/2.html'><b>北山冰雪乐园开园</b></a>&nbsp;&nbsp;"
        "<a href='/GB/3.html'><b>校园冰场今冬扩容</b></a></p></td></tr></table>",
        "冰雪运动进校园")
    article = qizhi_parser.parse(html)
    assert article.provenance["sections"] == "html:body"  # the template's body container: no column trimming
    assert [p.text for p in article.paragraphs] == [PROSE, PROSE]
    assert article.headings == []


# ------------------------------------------------------------------ URL shapes of other sites


@pytest.mark.parametrize(("url", "date", "content_id", "page"), [
    ("http://www.xinhuanet.com/world/2019-12/10/c_1125327450.htm", "2019-12-10", "1125327450", 1),
    ("http://news.xinhuanet.com/newscenter/2008-05/12/content_8153039_2.htm", "2008-05-12", "8153039", 2),
    ("http://www.he.news.cn/20240515/d59c39d4160a4fe4b3084c3e4abfb450/c.html", "2024-05-15",
     "d59c39d4160a4fe4b3084c3e4abfb450", 1),
    ("https://politics.gmw.cn/2024-05/13/content_37319243.htm", "2024-05-13", "37319243", 1),
    ("http://news.china.com.cn/2024-05/13/content_117184963.shtml", "2024-05-13", "117184963", 1),
    ("http://edu.youth.cn/jyzx/201703/t20170310_9260562.htm", "2017-03-10", "9260562", 1),
    # TRS numbers the second page _1
    ("http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_693227_1.shtml", "2019-09-18", "693227", 2),
    ("http://www.gov.cn/zhengce/content/2019-11/26/content_5455844.htm", "2019-11-26", "5455844", 1),
    ("http://www.chinanews.com/gn/2012/07-10/4023004.shtml", "2012-07-10", "4023004", 1),
    ("https://china.chinadaily.com.cn/a/202311/17/WS65571297a310d5acd876f404.html", "2023-11-17",
     "WS65571297a310d5acd876f404", 1),
    ("http://epaper.chinatibetnews.com/xzrb/202202/13/content_128707.html?from=x#top", "2022-02-13", "128707", 1),
    ("http://www.xinhuanet.com/world/2019-13/40/c_1125327450.htm", None, "1125327450", 1),  # no such date
    ("https://news.southcn.com/node_742c1a40f1/ae7e7ec561.shtml", None, None, None),  # no shape: the site only
])
def test_url_info_reads_the_other_sites_url_shapes(url: str, date: str | None, content_id: str | None,
                                                   page: int | None) -> None:
    info = qizhi_parser.url_info(url)
    assert info is not None
    assert (str(info.date) if info.date else None, info.content_id, info.page) == (date, content_id, page)
    assert info.kind is None  # n1/n2 belong to the People's Daily shape


def test_a_title_under_the_date_line_is_read_below_it() -> None:
    """An e-paper page prints the paper's date (and time) above the headline: the runs above
    the date are the paper's menu, not about the text; the ones under it are."""
    dump = (
        "往期数字报刊\n\n《江城日报》 《江城晚报》\n\n2022年02月13日 06:00\n\n"
        "冰雪运动进校园\n\n课间操变身滑冰课\n\n" + "\n\n".join([PROSE.replace("今年以来", "冰雪运动进校园以来")] * 3)
        + "\n"
    )
    article = qizhi_parser.parse_text(dump)
    assert (article.headline, article.subtitle) == ("冰雪运动进校园", "课间操变身滑冰课")
    assert article.provenance["headline"] == "text:title-below-date"
    assert article.paragraphs[0].text.startswith("冰雪运动进校园以来")
    assert article.headings == []


def test_a_page_that_prints_its_time_under_the_text() -> None:
    """A district site's table layout: the headline in a cell, 来源于 under it, the text, and
    发布日期 with the editor at the foot. The <title> adds the channel after a space."""
    text = "".join(f"<p>{PROSE}</p>" for _ in range(5))
    html = _page(
        "<table><tr><td>现在位置： <a href='/'>首页</a> &gt;&gt; <a href='/dq/'>东区新闻</a> &gt;&gt; 正文</td></tr>"
        "<tr><td><div align='center'><b>冰雪运动进校园 课间操变身滑冰课</b><br><font>来源于：东区办事处</font>"
        "</div></td></tr>"
        f"<tr><td>{text}</td></tr><tr><td>发布日期：2019-03-06 责任编辑：龙慧</td></tr>"
        "<tr><td>【<a href='javascript:print()'>打印本页</a>】【<a href='javascript:close()'>关闭窗口</a>】</td></tr>"
        "</table>", "冰雪运动进校园 课间操变身滑冰课 东区办事处_江城网")
    article = qizhi_parser.parse(html)
    assert article.headline == "冰雪运动进校园 课间操变身滑冰课"
    assert article.source is not None
    assert article.source.name == "东区办事处"
    assert [p.text for p in article.paragraphs] == [PROSE] * 5
    assert article.published_at is not None
    assert (article.published_at.date().isoformat(), article.published_precision) == ("2019-03-06", "day")
    assert [(c.role.value, c.names) for c in article.credits] == [("responsible_editor", ["龙慧"])]
    assert [c.text for c in article.breadcrumb] == ["首页", "东区新闻"]


def test_a_headline_above_an_article_info_line_stays_however_abstract() -> None:
    """Only a bare date line (an e-paper's page head) sends the title search below it: under an
    info line that names its source, a first section heading is no headline."""
    dump = ("春天来了\n\n2024年05月10日08:00 来源：人民网\n\n一、校园冰场今冬扩容\n\n"
            + "\n\n".join([PROSE] * 3) + "\n")
    article = qizhi_parser.parse_text(dump)
    assert article.headline == "春天来了"
    assert article.headings == ["一、校园冰场今冬扩容"]
