"""Generic rules for pages of sites without a template record, proved by case tables.

Each row is named after the page where the case was met; the HTML snippets are
written for the test (the real pages stay in ../shared/corpus).
"""

from __future__ import annotations

import pytest

import qizhi_parser
from qizhi_parser.settings import RULES
from qizhi_parser.text.credits import info_line_credits
from qizhi_parser.text.paths import path_steps
from qizhi_parser.vocab import WIDGET

TRADITIONAL_PROSE = "<p>　　第一段正文，講述了一件事情的來龍去脈。</p><p>　　第二段正文，補充了更多細節。</p>"
PROSE = "　　第一段正文，讲述了一件事情的来龙去脉。" + "<p>　　第二段正文，补充了更多的细节和背景。</p>"

WIDGET_LINES = [
    ("xinhua-2019-follow", "关注新华网", True),
    ("xinhua-2019-share", "微信", True),
    ("xinhua-2019-counter", "+1", True),
    ("xinhua-2024-share", "分享至手机", True),
    ("china.com.cn-copy", "链接已复制", True),
    ("china.com.cn-font", "字体：小大", True),
    ("pla-share", "手机看 分享到", True),
    ("gmw-fold", "阅读剩余全文", True),
    ("heading-with-follow", "关注民生", False),
    ("photo-credit", "新华社发（刘满仓摄）", False),
    ("heading", "出国前后关注点大不同", False),
    ("sentence", "微信支付已经覆盖全国。", False),
]


@pytest.mark.parametrize(("line", "widget"), [r[1:] for r in WIDGET_LINES], ids=[r[0] for r in WIDGET_LINES])
def test_widget_lines(line: str, widget: bool) -> None:
    assert (len(line) <= RULES.max_widget_line and bool(WIDGET.match(line))) is widget


PATHS = [
    ("chinaneast-2005-bars", "当前位置： 首页｜新华社记者看东北｜人物专访", ["首页", "新华社记者看东北", "人物专访"]),
    ("xinhua-2019-text-end", "新华网 正文", ["新华网"]),
    ("pla-2026-text-end", "要闻 正文", ["要闻"]),
    ("gmw-2017-article-step", "首页 > 科技频道 > 探索者 > 正文", ["首页", "科技频道", "探索者"]),
    ("people", "人民网 >> 经济·科技", ["人民网", "经济·科技"]),
    ("county-media-spaced-slashes", "首页 / 本地新闻 / 正文", ["首页", "本地新闻"]),
    ("spaced-bars-text-end", "首页 | 要闻 | 正文", ["首页", "要闻"]),
    ("headline-with-bar", "新华视界｜河北遵化：数字农机服务助力农业生产", None),
    ("one-word", "正文", None),
]


@pytest.mark.parametrize(("line", "parts"), [r[1:] for r in PATHS], ids=[r[0] for r in PATHS])
def test_path_lines(line: str, parts: list[str] | None) -> None:
    assert path_steps(line) == parts


INFO_LINES = [
    ("pla-2026", "来源：中国军网-解放军报 作者：王永文 责任编辑：孙泽 发布：2026-05-10 06:30:46",
     [("author", ("王永文",)), ("responsible_editor", ("孙泽",))]),
    ("gmw-2017-hidden-copy", "2017-03-10 09:58:03来源：网易科学人作者：责任编辑：肖春芳",
     [("responsible_editor", ("肖春芳",))]),
    ("people-2024", "2024年05月10日06:58 | 来源：人民网－人民日报", []),
    ("label-among-names", "2024-04-16 10:12:33　来源：新华网　作者：记者 张三", [("author", ("张三",))]),
    ("outlet-label-among-names", "2023-09-05 07:30 来源：本网 作者：本网记者 赵六 编辑：钱七",
     [("author", ("赵六",)), ("editor", ("钱七",))]),
    ("agency-label-among-names", "来源：新华社 作者：新华社记者 李四、王五", [("author", ("李四", "王五"))]),
    ("names-with-their-posts", "来源：示例日报 作者：王明（示例大学教授）、李华（示例研究院研究员）",
     [("author", ("王明", "李华"))]),
    ("sentence", "记者从会上获悉，编辑部将于明日发布新规。", []),
]


@pytest.mark.parametrize(("line", "credits"), [r[1:] for r in INFO_LINES], ids=[r[0] for r in INFO_LINES])
def test_info_line_credits(line: str, credits: list[tuple[str, tuple[str, ...]]]) -> None:
    assert [(c.role.value, c.names) for c in info_line_credits(line)] == credits


def test_zero_size_seo_copy_is_hidden() -> None:
    html = (
        "<html><body><h1>一条新闻的标题</h1><div>2017-03-10 09:58 来源：网易科学人</div>"
        "<div style='height:0px; line-height:0px; font-size:0; overflow:hidden;'>2017-03-10 09:58:03 来源：网易</div>"
        f"<div><p>{PROSE}</div></body></html>"
    )
    article = qizhi_parser.parse(html)
    assert article.paragraphs[0].text.startswith("第一段正文")
    assert article.published_precision == "minute"


def test_table_layout_info_line_and_paragraphs_in_cells() -> None:
    """A 2012 table layout: the time line and the paragraphs sit in table cells."""
    html = (
        "<html><head><title>话剧巡演结束_新华网河北频道</title></head><body><table>"
        "<tr><td><b>话剧巡演结束</b></td></tr>"
        "<tr><td>新华网河北频道 ( 2012-06-04 09:20:26 ) 稿件来源： 河北日报</td></tr>"
        f"<tr><td><p>{PROSE}</td></tr>"
        "<tr><td class='x'>编辑： 王华军</td></tr></table></body></html>"
    )
    article = qizhi_parser.parse(html)
    assert article.headline == "话剧巡演结束"
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2012-06-04T09:20:26+08:00"
    assert article.published_precision == "second"
    assert article.source is not None
    assert article.source.name == "河北日报"
    assert [p.text[:5] for p in article.paragraphs] == ["第一段正文", "第二段正文"]
    assert [(c.role.value, c.names) for c in article.credits] == [("editor", ["王华军"])]


def test_headline_found_by_the_page_title_in_a_cell() -> None:
    html = (
        "<html><head><title>农机专家：搭建信息平台_振兴东北</title></head><body><table>"
        "<tr><td>当前位置： 首页｜人物专访</td></tr>"
        "<tr><td><div>农机专家：搭建信息平台</div></td></tr>"
        "<tr><td><div>2005年08月16日　来源：新华网</div></td></tr>"
        f"<tr><td><p>{PROSE}</td></tr></table></body></html>"
    )
    article = qizhi_parser.parse(html)
    assert article.headline == "农机专家：搭建信息平台"
    assert article.provenance["headline"] == "html:title-tag-match"
    assert [c.text for c in article.breadcrumb] == ["首页", "人物专访"]


def test_linked_source_name_before_the_site_name() -> None:
    html = (
        "<html><body><h1>海外留学生看两会</h1><div>发稿时间：2017-03-10 08:42:00 来源：<a href='http://x.cn/'>"
        "人民日报海外版</a> <a href='http://www.youth.cn'>中国青年网</a></div>"
        f"<div><p>{PROSE}</div></body></html>"
    )
    article = qizhi_parser.parse(html)
    assert article.source is not None
    assert article.source.name == "人民日报海外版"
    assert article.source.url == "http://x.cn/"


REVIEW_CHAIN = [
    ("levels-by-stage", "初审：张三 复审：李四 终审：王五",
     [("reviewer", "初审", ["张三"], 1), ("reviewer", "复审", ["李四"], 2), ("reviewer", "终审", ["王五"], 3)]),
    ("levels-by-number", "一审：张三  二审：李四  三审：王五",
     [("reviewer", "一审", ["张三"], 1), ("reviewer", "二审", ["李四"], 2), ("reviewer", "三审", ["王五"], 3)]),
    ("traditional", "初審：張三 終審：王五", [("reviewer", "初審", ["張三"], 1), ("reviewer", "終審", ["王五"], 3)]),
    ("production", "监制：张三 统筹：李四 策划：王五",
     [("supervisor", "监制", ["张三"], None), ("coordinator", "统筹", ["李四"], None),
      ("planner", "策划", ["王五"], None)]),
    ("bracketed-trailer", "（责任编辑：张三 一审：李四）",
     [("responsible_editor", "责任编辑", ["张三"], None), ("reviewer", "一审", ["李四"], 1)]),
]


@pytest.mark.parametrize(("line", "credits"), [r[1:] for r in REVIEW_CHAIN], ids=[r[0] for r in REVIEW_CHAIN])
def test_review_chain_credits(line: str, credits: list[tuple[str, str, list[str], int | None]]) -> None:
    article = qizhi_parser.parse(
        f"<html><body><h1>一条新闻的标题</h1><div>2024-05-13 08:49 来源：新华网</div><div><p>{PROSE}</div>"
        f"<div>{line}</div></body></html>"
    )
    assert [(c.role.value, c.label, c.names, c.level) for c in article.credits] == credits


def test_a_review_label_running_into_a_word_is_not_a_credit() -> None:
    article = qizhi_parser.parse(
        "<html><body><h1>一条新闻的标题</h1><div>2024-05-13 08:49 来源：新华网</div>"
        f"<div><p>{PROSE}<p>　　法院驳回上诉，维持原判。（一审法院）</p></div></body></html>"
    )
    assert article.credits == []


def test_hot_word_line_is_not_text() -> None:
    article = qizhi_parser.parse(
        "<html><body><h1>一条新闻的标题</h1><div>2024-05-13 08:49 来源：新华网</div>"
        f"<div><p>{PROSE}<p>热词：两会 留学</p></div></body></html>"
    )
    assert [p.text[:5] for p in article.paragraphs] == ["第一段正文", "第二段正文"]


PHOTO_CREDITS = [
    ("xinhua-2024", "新华社发（刘满仓摄）", ["刘满仓"]),
    ("reporter", "（记者 张三 摄）", ["张三"]),
    ("two", "(王五、赵六摄)", ["王五", "赵六"]),
]


@pytest.mark.parametrize(("line", "names"), [r[1:] for r in PHOTO_CREDITS], ids=[r[0] for r in PHOTO_CREDITS])
def test_photo_credit_lines(line: str, names: list[str]) -> None:
    for page in (
        f"<html><body><h1>一条新闻的标题</h1><div>2024-05-13 08:49 来源：新华网</div><div><p>{PROSE}<p>{line}</p>"
        "</div></body></html>",
        f"一条新闻的标题\n\n2024-05-13 08:49 来源：新华网\n\n{PROSE.replace('<p>', chr(10))}\n\n{line}\n",
    ):
        article = qizhi_parser.parse(page)
        assert [(c.role.value, c.label, c.names) for c in article.credits] == [("photographer", "摄", names)]
        assert article.paragraphs[-1].text.startswith("第二段正文")


def test_page_links_run_together_are_a_pager() -> None:
    article = qizhi_parser.parse(
        "<html><body><h1>一条新闻的标题</h1><div>2024-05-13 08:49 来源：新华网</div>"
        f"<div><p>{PROSE}<center><a href='2'>1</a><a href='3'>2</a><a href='4'>3</a><a href='5'>4</a>"
        "<a href='2'>下一页</a></center></div></body></html>"
    )
    assert article.paragraphs[-1].text.startswith("第二段正文")


def test_bulleted_byline() -> None:
    article = qizhi_parser.parse(
        "<html><body><h2>八一锐评丨既问计于兵</h2><p>来源：中国军网-解放军报 作者：王永文 责任编辑：孙泽 "
        f"发布：2026-05-10 06:30:46</p><div><p>■王永文</p><p>{PROSE}</div></body></html>"
    )
    assert [(c.role.value, c.label, c.names) for c in article.credits] == [
        ("author", "作者", ["王永文"]), ("responsible_editor", "责任编辑", ["孙泽"]), ("author", "■", ["王永文"]),
    ]
    assert article.paragraphs[0].text.startswith("第一段正文")


def test_a_bare_byline_is_not_a_paragraph() -> None:
    article = qizhi_parser.parse(
        "<html><body><h1>一条新闻的标题</h1><div>2024-05-13 08:49 来源：新华网</div>"
        f"<div><p>新华社记者</p><p>{PROSE}<p>　　第三段正文，结尾。（记者张三、李四）</p></div></body></html>"
    )
    assert article.paragraphs[0].text.startswith("第一段正文")
    assert [(c.role.value, c.names) for c in article.credits] == [("reporter", ["张三", "李四"])]


def test_related_titles_after_the_last_paragraph_are_not_text() -> None:
    titles = "".join(f"<br><a href='/GB/{i}.html'><b>相关文章标题第{i}篇</b></a>" for i in range(8))
    article = qizhi_parser.parse(
        "<html><body><h1>一条新闻的标题</h1><div>2009年11月09日00:00 来源：人民网</div>"
        f"<div><p>　　第一段正文，讲述了一件事情的来龙去脉。</p><p>　　最后一段正文，到此结束。{titles}</p></div>"
        "</body></html>"
    )
    assert article.paragraphs[-1].text == "最后一段正文，到此结束。"


def test_a_one_step_path_element() -> None:
    article = qizhi_parser.parse(
        "<html><body><div class='path'><a href='http://www.people.com.cn/'>人民网</a></div>"
        "<h1>一条新闻的标题</h1><div class='col-1-1'>2024年05月10日06:58 来源：人民网</div>"
        f"<div class='rm_txt_con'>{PROSE}</div></body></html>",
        url="http://www.people.com.cn/n1/2024/0510/c1004-40232587.html",
    )
    assert [(c.text, c.url) for c in article.breadcrumb] == [("人民网", "http://www.people.com.cn/")]


def test_the_fast_path_keeps_a_path_line_outside_the_template_containers() -> None:
    html = (
        "<html><body><div class='path w1200'><a href='http://www.qizhiwang.org.cn/'>旗帜网</a>&gt;&gt;"
        "<a href='http://www.qizhiwang.org.cn/GB/index.html'>本网专题</a></div>"
        "<div class='text_title'><h1>一条新闻的标题</h1></div><div class='box01'>2020年02月17日16:01 来源：旗帜网</div>"
        f"<div class='box_con'>{PROSE}</div></body></html>"
    )
    traditional = (html.replace("旗帜网", "旗幟網").replace("本网专题", "本網專題")
                   .replace("一条新闻的标题", "一條新聞的標題").replace("来源", "來源")
                   .replace(PROSE, TRADITIONAL_PROSE))
    for data in (html, html.encode("gbk"), traditional.encode("big5")):
        article = qizhi_parser.parse(data)
        assert [c.text for c in article.breadcrumb] in (["旗帜网", "本网专题"], ["旗幟網", "本網專題"])


TOOL_ROWS = [
    ("gov-trs-bracketed", "【打印本页】【关闭窗口】", True),
    ("square-brackets", "[打印] [关闭]", True),
    ("bars", "打印此页 | 关闭窗口", True),
    ("three-tools", "【收藏】【打印】【关闭】", True),
    ("back-to-top", "【返回顶部】", True),
    ("heading-back-home", "返回故乡的路", False),
    ("recommend-sentence", "今天我们推荐三本书。", False),
]


@pytest.mark.parametrize(("line", "tools"), [r[1:] for r in TOOL_ROWS], ids=[r[0] for r in TOOL_ROWS])
def test_a_row_of_page_tools_under_the_text_is_no_paragraph(line: str, tools: bool) -> None:
    """A government page sets 【打印本页】【关闭窗口】 right under the text, inside the article's box:
    the tools are page chrome, never the last paragraph; a heading or sentence of the same words stays."""
    html = (f"<html><head><title>示例市召开植树造林推进会</title></head><body><h1>示例市召开植树造林推进会</h1>"
            f"<div>发布时间：2023-03-10 09:30 来源：市林业局</div><div>{PROSE}"
            f"<p><b>{line}</b></p><p>　　第三段正文，说明了下一步的工作安排。</p><p>{line}</p></div></body></html>")
    texts = [p.text for p in qizhi_parser.parse(html).paragraphs]
    assert (line in texts) is not tools, texts
    assert texts[-1] == (line if not tools else "第三段正文，说明了下一步的工作安排。")


LOGO_ABOVE_TITLE = [
    ("traditional-div-title", "示例新聞網", "社區圖書館延長開放時間", "--",
     "發佈時間：2023年11月02日 14:20　來源：示例新聞網"),
    ("simplified-div-title", "示例新闻网", "社区图书馆延长开放时间", "_",
     "发布时间：2023年11月02日 14:20　来源：示例新闻网"),
]


@pytest.mark.parametrize(("site", "headline", "separator", "info"), [r[1:] for r in LOGO_ABOVE_TITLE],
                         ids=[r[0] for r in LOGO_ABOVE_TITLE])
def test_the_logo_heading_above_a_title_block_is_no_pretitle(site: str, headline: str, separator: str,
                                                             info: str) -> None:
    """A site's <h1> logo set above a headline printed in a <div>: the page title names it the
    site (after its separator), so it is neither the headline nor its 引题."""
    html = (f"<html><head><title>{headline}{separator}{site}</title></head><body><h1 id='logo'>{site}</h1>"
            f"<div class='main'><div class='newstitle'>{headline}</div><div>{info}</div>"
            f"<div>{TRADITIONAL_PROSE}</div></div></body></html>")
    article = qizhi_parser.parse(html)
    assert (article.headline, article.pretitle) == (headline, None)
    # a real 引题 in the same place is kept
    kept = qizhi_parser.parse(html.replace(f"<h1 id='logo'>{site}</h1>", "<h3>示例城市公共文化服务</h3>"))
    assert (kept.headline, kept.pretitle) == (headline, "示例城市公共文化服务")


def test_paragraphs_set_apart_by_br_in_one_cell_are_paragraphs() -> None:
    """An old government page prints its text in one table cell, each paragraph indented and
    set apart by <br>: each sentence-ending line closes a paragraph; a line that runs on (a
    colon) stays with the next."""
    cell = ("　　3月4日，示例县召开春耕生产现场会，实地观摩农机作业和育苗基地建设。<br>"
            "　　会议要求：<br>各乡镇要抓住有利时机，全力做好春耕备耕各项工作。<br>"
            "　　会议强调，要确保粮食生产稳定，“把饭碗牢牢端在自己手中。”")
    html = ("<html><head><title>示例县召开春耕生产现场会</title></head><body><table><tr><td><b>示例县召开春耕生产现场会"
            "</b></td></tr><tr><td>[ 2022-03-05 ]　来源：县农业农村局</td></tr>"
            f"<tr><td>{cell}</td></tr></table></body></html>")
    assert [p.text for p in qizhi_parser.parse(html).paragraphs] == [
        "3月4日，示例县召开春耕生产现场会，实地观摩农机作业和育苗基地建设。",
        "会议要求： 各乡镇要抓住有利时机，全力做好春耕备耕各项工作。",
        "会议强调，要确保粮食生产稳定，“把饭碗牢牢端在自己手中。”",
    ]


DATELINES = [
    ("agency-no-credit", "新华社酒泉4月16日电　4月16日9时许，我国成功发射一颗卫星。", "新华社酒泉4月16日电"),
    ("agency-credit", "新华社北京5月9日电（记者张三）5月9日，会议在北京召开。", "新华社北京5月9日电"),
    ("own-paper", "本报讯 近日，我市召开会议，部署下一阶段的重点工作任务。", "本报讯"),
    ("power-company", "今年4月16日电力公司检修线路，部分居民用电受到短暂影响。", None),
    ("phone-call", "记者4月16日电话采访了当事人，了解事情的来龙去脉。", None),
]


@pytest.mark.parametrize(("first", "dateline"), [r[1:] for r in DATELINES], ids=[r[0] for r in DATELINES])
def test_a_dateline_opening_the_text(first: str, dateline: str | None) -> None:
    html = ("<html><head><title>示例新闻标题</title></head><body><h1>示例新闻标题</h1>"
            f"<div>2024-04-16 10:12 来源：新华网</div><div><p>{first}</p><p>第二段正文，补充了更多的细节。</p></div>"
            "</body></html>")
    assert qizhi_parser.parse(html).dateline == dateline


def test_a_time_without_its_year_is_no_time_and_no_text() -> None:
    """A mobile page prints 12-05 21:08 and its source under the headline, with no year: no time
    can be read (a guessed year would be a wrong value), the issue says why, and the line is no
    paragraph; nor is a video player's placeholder."""
    html = ("<html><head><title>夜市经济激活消费新活力</title></head><body><article><h1>夜市经济激活消费新活力</h1>"
            "<div><span>12-05 21:08</span><span>示例晚报</span></div><div>视频加载中...</div>"
            f"<section>{PROSE}</section></article></body></html>")
    article = qizhi_parser.parse(html)
    assert article.published_at is None
    assert [p.text for p in article.paragraphs] == ["第一段正文，讲述了一件事情的来龙去脉。",
                                                     "第二段正文，补充了更多的细节和背景。"]
    assert any(i.field == "published_at" and "without the year" in i.message for i in article.issues)


CLOCKS = [
    ("afternoon", "2023年05月12日 下午3:30　来源：示例网", "2023-05-12T15:30:00+08:00", "minute"),
    ("evening", "2023-05-12 晚上8:05 来源：示例网", "2023-05-12T20:05:00+08:00", "minute"),
    ("weekday-between", "2023年5月12日 星期五 15:20 来源：示例网", "2023-05-12T15:20:00+08:00", "minute"),
    ("midnight-ambiguous", "2023-05-12 晚上12:05 来源：示例网", "2023-05-12T00:00:00+08:00", "day"),
    ("contradiction", "2023-05-12 上午15:00 来源：示例网", "2023-05-12T00:00:00+08:00", "day"),
]


@pytest.mark.parametrize(("info", "at", "precision"), [r[1:] for r in CLOCKS], ids=[r[0] for r in CLOCKS])
def test_a_twelve_hour_time_and_a_weekday_in_the_info_line(info: str, at: str, precision: str) -> None:
    """下午3:30 is 15:30; a weekday between date and time is passed over; an hour its part of the
    day does not tell (晚上12点, 上午15点) leaves the time of day unknown, never guessed."""
    html = ("<html><head><title>示例标题</title></head><body><h1>示例标题</h1>"
            f"<div>{info}</div><div>{PROSE}</div></body></html>")
    article = qizhi_parser.parse(html)
    assert (article.published_at.isoformat() if article.published_at else None, article.published_precision) == (
        at, precision)


DUMP_ABOVE_HEADLINE = [
    ("logo-line", "示例新闻网\n\n社区图书馆延长开放时间\n\n", "社区图书馆延长开放时间"),
    ("sidebar-titles", "热点新闻\n\n示例市启动防汛四级应急响应\n\n多条公交线路临时调整\n\n"
     "示例市发布暴雨橙色预警\n\n", "示例市发布暴雨橙色预警"),
]


@pytest.mark.parametrize(("top", "headline"), [r[1:] for r in DUMP_ABOVE_HEADLINE],
                         ids=[r[0] for r in DUMP_ABOVE_HEADLINE])
def test_a_text_dump_takes_no_site_name_or_sidebar_title_for_the_pretitle(top: str, headline: str) -> None:
    """A dump keeps neither the page title nor the lists: the logo's line (示例新闻网) and a list of
    other articles' titles above the headline are no 引题 (a gap at worst, never a wrong value)."""
    dump = (f"{top}发布时间：2024-07-08 17:45　来源：示例日报\n\n"
            "　　第一段正文，讲述了一件事情的来龙去脉。\n\n　　第二段正文，补充了更多的细节。\n")
    article = qizhi_parser.parse(dump)
    assert (article.headline, article.pretitle) == (headline, None)
    kept = qizhi_parser.parse(f"坚持稳中求进 推动高质量发展\n\n{headline}\n\n" + dump[len(top):])
    assert (kept.headline, kept.pretitle) == (headline, "坚持稳中求进 推动高质量发展")  # a lone run above is a 引题


LINKED_OUTLETS = [
    ("sina-date-source", "<span>2023年10月08日 14:32</span><a href='http://example.cn/'>示例晚报</a>", "示例晚报"),
    ("ifeng-linked-site", "<span>2023年08月22日 07:30</span> <span><a href='http://example.cn/'>中国新闻网</a></span>",
     "中国新闻网"),
    ("linked-category", "<span>2023年10月08日 14:32</span> <a href='http://example.cn/gn/'>国内</a>", None),
    ("two-links", "<span>2023年10月08日 14:32</span> <a href='/a'>示例晚报</a> <a href='/b'>示例网</a>", None),
]


@pytest.mark.parametrize(("info", "source"), [r[1:] for r in LINKED_OUTLETS], ids=[r[0] for r in LINKED_OUTLETS])
def test_the_one_linked_outlet_on_the_time_line_is_the_source(info: str, source: str | None) -> None:
    """Portals print the source as a link beside the time, with no 来源 label: the time line's one
    link is the source when it names an outlet (…报, …网); a category link, or two links, tell none."""
    html = ("<html><head><title>示例标题</title></head><body><h1>示例标题</h1>"
            f"<div class='date-source'>{info}</div><div>{PROSE}</div></body></html>")
    found = qizhi_parser.parse(html).source
    assert (found.name if found else None) == source


def test_a_portal_foot_names_the_author_and_the_editor_with_a_staff_id() -> None:
    """本文来源：示例日报　作者：陈小红 closing the text names its author; 责任编辑：王晓_NBJ11279 is 王晓
    (the portal's staff id is no part of the name)."""
    html = ("<html><head><title>示例标题</title></head><body><h1>示例标题</h1>"
            "<div>2023-11-20 09:15:42　来源: <a href='http://example.cn/'>示例日报</a></div>"
            f"<div>{PROSE}<div>本文来源：示例日报　作者：陈小红</div></div>"
            "<div>责任编辑：王晓_NBJ11279</div></body></html>")
    credits = [(c.role.value, c.names) for c in qizhi_parser.parse(html).credits]
    assert credits == [("author", ["陈小红"]), ("responsible_editor", ["王晓"])]


EPAPER = ("<html><head><title>示例日报数字报-乡村振兴绘新景</title></head><body>"
          "<div>2023年05月12日 星期五 <a href='/'>往期回顾</a> <a href='/pdf'>PDF版</a></div><div>第01版：要闻</div>"
          "<p>产业兴旺 生态宜居</p><h2>乡村振兴绘新景</h2><p>——示例县推进和美乡村建设纪实</p><p>本报记者　郑红</p>"
          "<div><p>　　初夏时节，走进示例县青山村，白墙黛瓦的民居错落有致，村道干净整洁。</p>"
          "<p>　　近年来，示例县坚持产业与生态并重，培育特色农业，带动村民增收致富。</p></div></body></html>")


def test_an_epaper_page_names_its_paper_first_and_prints_no_time_line() -> None:
    """An e-paper's title names the paper first (示例日报数字报-标题) and its page prints a bare date,
    the paper's page (第01版：要闻) and the title group above the text, with no time line: the
    headline is never the paper's name, the date bar or the page label, in the HTML or its dump."""
    from tests._textdump import html_to_text

    assert qizhi_parser.parse(EPAPER).headline == "乡村振兴绘新景"
    dump = qizhi_parser.parse(html_to_text(EPAPER.encode("utf-8")))
    assert (dump.pretitle, dump.headline, dump.subtitle) == (
        "产业兴旺 生态宜居", "乡村振兴绘新景", "——示例县推进和美乡村建设纪实")


def test_a_byline_of_an_outlet_named_news_is_a_credit_not_a_title() -> None:
    """澎湃新闻记者 孙浩然 under the headline is a reporter's credit (an outlet ending in 新闻), never
    the title, in the HTML or in its text dump."""
    from tests._textdump import html_to_text

    html = ("<html><head><title>示例市老城区更新项目启动</title></head><body><h1>示例市老城区更新项目启动</h1>"
            "<div><p>澎湃新闻记者 孙浩然</p><p>2023-09-14 16:20 来源：澎湃新闻</p></div>"
            f"<div>{PROSE}</div></body></html>")
    for article in (qizhi_parser.parse(html), qizhi_parser.parse(html_to_text(html.encode("utf-8")))):
        assert article.headline == "示例市老城区更新项目启动"
        assert [(c.role.value, c.names) for c in article.credits] == [("reporter", ["孙浩然"])]


def test_a_dump_with_a_time_without_its_year_reads_the_headline_above_it() -> None:
    dump = ("示例手机网\n\n夜市经济激活消费新活力\n\n12-05 21:08示例晚报\n\n"
            "　　第一段正文，讲述了一件事情的来龙去脉。\n\n　　第二段正文，补充了更多的细节。\n")
    article = qizhi_parser.parse(dump)
    assert (article.headline, article.published_at) == ("夜市经济激活消费新活力", None)


def test_a_marked_pretitle_and_subtitle_are_read_whatever_the_element() -> None:
    """Founder e-papers mark the title group p#PreTitle, h2#Title, p#SubTitle: the marked <p>s
    beside the headline are its 引题 and 副题; and the whole page's headline read from the markup
    wins over the template containers' one taken from <title> when both lack the same fields."""
    article = qizhi_parser.parse(EPAPER.replace("<p>产业兴旺", "<p id='PreTitle'>产业兴旺").replace(
        "<p>——示例县", "<p id='SubTitle'>——示例县").replace("<div><p>　　初夏", "<div id='ozoom'><p>　　初夏"))
    assert (article.pretitle, article.headline, article.subtitle) == (
        "产业兴旺 生态宜居", "乡村振兴绘新景", "——示例县推进和美乡村建设纪实")
    assert article.provenance["template"] == "people-epaper"
