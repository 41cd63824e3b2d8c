"""The vocabulary of Chinese news pages: labels and patterns.

The labels pages print (来源, 责任编辑 …) live here as data, in simplified and traditional
forms, so the rules stay generic; template marks are records in ``qizhi_parser/sites/``
(:mod:`qizhi_parser.templates`). Patterns are compiled once, at import, in VERBOSE
form; each is written without nested quantifiers over the same characters so that
matching stays linear in the input (see ``tests/test_robustness.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

import regex

from .models import CreditRole

# --------------------------------------------------------------------------- labels

#: Credit labels → role. Longest labels are tried first, so 责任编辑 wins over 编辑.
CREDIT_LABELS: dict[str, CreditRole] = {
    # editor chain
    "编辑": CreditRole.EDITOR,
    "編輯": CreditRole.EDITOR,
    "本文编辑": CreditRole.EDITOR,
    "本文編輯": CreditRole.EDITOR,
    "网络编辑": CreditRole.EDITOR,
    "網絡編輯": CreditRole.EDITOR,
    "责编": CreditRole.RESPONSIBLE_EDITOR,
    "責編": CreditRole.RESPONSIBLE_EDITOR,
    "责任编辑": CreditRole.RESPONSIBLE_EDITOR,
    "責任編輯": CreditRole.RESPONSIBLE_EDITOR,
    "送签": CreditRole.SUBMITTER,
    "送簽": CreditRole.SUBMITTER,
    "签发": CreditRole.APPROVER,
    "簽發": CreditRole.APPROVER,
    "审核": CreditRole.REVIEWER,
    "審核": CreditRole.REVIEWER,
    "审校": CreditRole.REVIEWER,
    "審校": CreditRole.REVIEWER,
    "审稿": CreditRole.REVIEWER,
    "審稿": CreditRole.REVIEWER,
    "校对": CreditRole.PROOFREADER,
    "校對": CreditRole.PROOFREADER,
    # authors and reporters
    "作者": CreditRole.AUTHOR,
    "文": CreditRole.AUTHOR,
    "记者": CreditRole.REPORTER,
    "記者": CreditRole.REPORTER,
    "本报记者": CreditRole.REPORTER,
    "本報記者": CreditRole.REPORTER,
    "本网记者": CreditRole.REPORTER,
    "本網記者": CreditRole.REPORTER,
    "人民网记者": CreditRole.REPORTER,
    "人民網記者": CreditRole.REPORTER,
    "人民日报记者": CreditRole.REPORTER,
    "人民日報記者": CreditRole.REPORTER,
    "新华社记者": CreditRole.REPORTER,
    "新華社記者": CreditRole.REPORTER,
    "本报特约记者": CreditRole.REPORTER,
    "本報特約記者": CreditRole.REPORTER,
    "实习记者": CreditRole.REPORTER,
    "實習記者": CreditRole.REPORTER,
    "本报实习生": CreditRole.REPORTER,
    "本報實習生": CreditRole.REPORTER,
    "实习生": CreditRole.REPORTER,
    "實習生": CreditRole.REPORTER,
    "通讯员": CreditRole.CORRESPONDENT,
    "通訊員": CreditRole.CORRESPONDENT,
    "本报通讯员": CreditRole.CORRESPONDENT,
    "本報通訊員": CreditRole.CORRESPONDENT,
    "摄影": CreditRole.PHOTOGRAPHER,
    "攝影": CreditRole.PHOTOGRAPHER,
    "图": CreditRole.PHOTOGRAPHER,
    "圖": CreditRole.PHOTOGRAPHER,
    "翻译": CreditRole.TRANSLATOR,
    "翻譯": CreditRole.TRANSLATOR,
    "编译": CreditRole.TRANSLATOR,
    "編譯": CreditRole.TRANSLATOR,
    # the three-level review chain (levels in REVIEW_LEVELS)
    "初审": CreditRole.REVIEWER,
    "初審": CreditRole.REVIEWER,
    "复审": CreditRole.REVIEWER,
    "複審": CreditRole.REVIEWER,
    "復審": CreditRole.REVIEWER,
    "终审": CreditRole.REVIEWER,
    "終審": CreditRole.REVIEWER,
    "一审": CreditRole.REVIEWER,
    "一審": CreditRole.REVIEWER,
    "二审": CreditRole.REVIEWER,
    "二審": CreditRole.REVIEWER,
    "三审": CreditRole.REVIEWER,
    "三審": CreditRole.REVIEWER,
    "责任校对": CreditRole.PROOFREADER,
    "責任校對": CreditRole.PROOFREADER,
    # production roles
    "监制": CreditRole.SUPERVISOR,
    "監製": CreditRole.SUPERVISOR,
    "策划": CreditRole.PLANNER,
    "策劃": CreditRole.PLANNER,
    "统筹": CreditRole.COORDINATOR,
    "統籌": CreditRole.COORDINATOR,
    "制图": CreditRole.OTHER,
    "製圖": CreditRole.OTHER,
}

#: Review-chain labels → the reviewer's level (1 first reading … 3 final sign-off).
REVIEW_LEVELS: dict[str, int] = {
    "初审": 1, "初審": 1, "一审": 1, "一審": 1,
    "复审": 2, "複審": 2, "復審": 2, "二审": 2, "二審": 2,
    "终审": 3, "終審": 3, "三审": 3, "三審": 3,
}

#: Labels whose every name is an intern.
INTERN_LABELS = frozenset({"实习记者", "實習記者", "本报实习生", "本報實習生", "实习生", "實習生"})

#: Sources of the publishing family: a source starting with one of these is not a reprint.
OWN_SOURCES = ("人民网", "人民網", "人民日报", "人民日報", "旗帜网", "旗幟網", "人民论坛", "人民論壇")
#: A source that is the publishing site itself, whichever it is (本网, 本网综合, 本报, 本站 …).
SELF_SOURCES = ("本网", "本網", "本报", "本報", "本站", "本台", "本刊")

#: Site names that are never a headline.
SITE_NAMES = frozenset({"人民网", "人民網", "旗帜网", "旗幟網", "人民日报", "人民日報"})

# ------------------------------------------------------------------ template marks


class Zone(str, Enum):
    """A named region of an article page, as a template's marks name it. A block inherits
    the zone of its nearest marked ancestor (see :mod:`qizhi_parser.page`)."""

    BREADCRUMB = "breadcrumb"
    TITLE = "title"
    """The title group: pre-title, headline, subtitle."""
    PRETITLE = "pretitle"
    """The 引题 above the headline."""
    SUBTITLE = "subtitle"
    """The 副题 below the headline."""
    INFO = "info"
    """The time and source line(s)."""
    BYLINE = "byline"
    BODY = "body"
    CREDITS = "credits"
    """The editor line(s) after the text."""
    PAGINATION = "pagination"
    ORIGINAL_HEADLINE = "original_headline"
    CHROME = "chrome"
    """Page tools, QR codes, share boxes: never article text."""

    def __str__(self) -> str:
        return self.value


#: Zones that may hold the title block (pretitle / headline / subtitle).
PRETITLE_CLASSES = frozenset({"pre", "#PreTitle"})  # People's Daily h3.pre; Founder e-papers' p#PreTitle
SUBTITLE_CLASSES = frozenset({"sub", "#SubTitle"})

# ----------------------------------------------------------------------- patterns

_LONG_LABELS = "|".join(
    sorted((regex.escape(k) for k in CREDIT_LABELS if len(k) > 1 and k not in REVIEW_LEVELS), key=len, reverse=True)
)
_REVIEW_LABELS = "|".join(regex.escape(k) for k in REVIEW_LEVELS)
_SHORT_LABELS = "|".join(regex.escape(k) for k in CREDIT_LABELS if len(k) == 1)

#: A label inside a credit run. Long labels may run straight into the name
#: (记者叶婉); review-chain labels need a separator (一审法院 is a court, not a credit);
#: one-character labels (文, 图) need a separator and a word start.
#: An outlet named before a credit label: 松花江网 (编辑), 光明日报 (记者), 新华社 (记者).
#: The last character of such an outlet's name.
OUTLET_ENDINGS = "网網报報社台闻聞"
_OUTLET = rf"\p{{Han}}{{1,8}}?[{OUTLET_ENDINGS}]"
CREDIT_LABEL = regex.compile(
    rf"""
    (?:(?<!\p{{Han}})(?P<outlet>{_OUTLET}))?(?P<label>{_LONG_LABELS})(?:\s*[:：/／︱｜]\s*|\s+|(?=\p{{Han}}))
    |(?P<review>{_REVIEW_LABELS})(?:\s*[:：/／︱｜]\s*|\s+)
    |(?<!\p{{Han}})(?P<short>{_SHORT_LABELS})\s*[:：/／︱｜]\s*
    """,
    regex.VERBOSE,
)

#: A credit run that opens with an outlet before its label (松花江网编辑 孙桂芳).
OUTLET_LABEL = regex.compile(rf"^{_OUTLET}(?:{_LONG_LABELS})")

#: Labels of an info line that are not credits: they end a credit's names there.
INFO_LABELS = (
    "来源", "來源", "稿件来源", "稿件來源", "稿源", "出处", "出處", "发布", "發布", "發佈", "发布时间", "發布時間",
    "發佈時間", "发稿时间", "發稿時間", "时间", "時間", "日期", "浏览", "瀏覽", "阅读", "閱讀", "点击", "點擊",
    "字号", "字號", "字体", "字體",
)
#: A labelled item of an info line (来源：… 作者：… 责任编辑：… 发布：…): the label and its colon.
INFO_ITEM = regex.compile(
    rf"""(?<![\p{{Han}}])(?P<label>{"|".join(sorted({regex.escape(k) for k in (*CREDIT_LABELS, *INFO_LABELS)},
                                                key=len, reverse=True))})\s*[:：]\s*""",
    regex.VERBOSE,
)

#: Separators between names in a credit: 、，,；;/| (the parts are stripped; runs of spaces
#: are split apart later). No ``\s*`` around it: searched over a run of spaces, that is quadratic.
NAME_SPLIT = regex.compile(r"[、，,；;／/|]")

#: An intern mark after a name: 郜碧澄(实习) / （实习生）.
INTERN_MARK = regex.compile(r"[(（]\s*(?:实习|實習)生?\s*[)）]")
#: A portal's staff id after an editor's name: 王晓_NBJ11279.
STAFF_ID = regex.compile(r"_[A-Za-z]{1,8}\d{2,10}$")
#: A note in brackets after a name: its holder's post (王明（示例大学教授）), not part of the name.
NAME_NOTE = regex.compile(r"[(（][^（()）]{1,40}[)）]$")

#: Leading bullets of a byline paragraph: □ 本报记者 葛灵丹.
BULLETS = regex.compile(r"^[□■◎●○▲△◆◇★☆◼◻▪▫\s]+")

#: A date and time as printed: 2020年02月17日16:01, 2024-05-10 06:58:03, 2020年2月17日 16:01.
DATETIME = regex.compile(
    r"""
    (?<!\d)
    (?P<year>(?:19|20)\d\d)\s*(?:年|-|/|\.)\s*
    (?P<month>\d{1,2})\s*(?:月|-|/|\.)\s*
    (?P<day>\d{1,2})(?!\d)\s*日?
    (?:[\s\xa0\u3000]{0,8}
       (?:(?:星期|周|週|礼拜|禮拜)[一二三四五六日天][\s\xa0\u3000]{0,8})?     # 星期五 15:20
       (?P<period>上午|下午|中午|晚上|凌晨|早上|清晨|傍晚|夜间|夜間|晚间|晚間)?\s*   # 下午3:30
       (?P<hour>\d{1,2})\s*[:：時时]\s*(?P<minute>\d{2})
       (?:\s*[:：分]\s*(?P<second>\d{2}))?
       (?!\d)
    )?
    """,
    regex.VERBOSE,
)

#: Anything shaped as a printed date, plausible or not (9999年99月99日99:99): marks an info line.
LOOSE_DATE = regex.compile(
    r"(?<!\d)\d{2,4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}(?!\d)\s*日?(?:\s{0,4}\d{1,2}[:：]\d{1,2})?"
)

#: 来源 followed by the source name, up to a date, a bar, a closing bracket, a wide gap or the end.
SOURCE = regex.compile(
    r"""
    (?:来源|來源|稿源|出处|出處)(?:于|於)?\s*[:：]\s*
    (?P<name>[^|｜\s\d:：)）】\]][^|｜:：\n)）】\]]{0,40}?)
    (?=\s*(?:(?:19|20)\d\d\s*[年\-/.]|[|｜)）】\]]|\s{2}|\xa0|\u3000|作者|编辑|編輯|责编|責編|时间|時間|发布|發布|日期
              |浏览|瀏覽|点击|點擊|$))
    """,
    regex.VERBOSE,
)

#: The words a source line starts with (after an opening bracket): the special-rule gate's.
SOURCE_WORDS = ("信息来源", "稿件来源", "文章来源", "新闻来源", "新聞來源", "本文来源", "来源", "來源", "稿源")
#: A line that is only a labelled source: 信息来源：内蒙古日报, （来源：新华社）, 稿件来源：本网.
SOURCE_LINE = regex.compile(
    r"^[\s\u3000]*+[（(【\[]?\s*+(?:信息|稿件|文章|新闻|新聞|本文)?(?:来源|來源|稿源)(?:于|於)?\s*[:：]"
)
#: A source meta value: 来源：人民网-文化频道 原创稿.
SOURCE_META = regex.compile(r"^\s*(?:来源|來源)\s*[:：]\s*(?P<name>\S+)")

#: Breadcrumb separators.
CRUMB_SEP = regex.compile(r"(?:>>|&gt;&gt;|»|›|>|＞＞|＞|→)")

#: A breadcrumb line in text: at least two parts joined by >> or >. A part cannot hold a
#: separator character, so there is one way to split a line and matching stays linear
#: (spaces around the separators belong to the parts and are trimmed later).
#: The label of a path line in its printed forms: 当前位置：, 您的位置：, 您的当前位置：, 您所在的位置,
#: 您现在的位置是：, 所在位置 … (the colon may be left out when a space follows).
_CRUMB_LABEL = r"""(?:您|你)?(?:的)?(?:当前|當前|现在|現在|目前)?(?:所在)?(?:的)?(?:位置|所在位置)(?:是)?"""
CRUMB_LINE = regex.compile(
    rf"""
    ^(?:{_CRUMB_LABEL}\s*[:：]\s*)?
    (?P<path>[^>＞»→\n]{{1,40}}(?:(?:>>|＞＞|>|＞|»|→)[^>＞»→\n]{{1,60}}){{1,8}})$
    """,
    regex.VERBOSE,
)
CRUMB_PREFIX = regex.compile(rf"^{_CRUMB_LABEL}(?:\s*[:：]\s*|[\s\xa0\u3000]+(?=\S))")
#: Separators a path line may use once a 当前位置 label says it is one (｜ and | also
#: split headlines: 新华视界｜河北遵化, so they count only after the label).
CRUMB_SEP_LABELLED = regex.compile(r"(?:>>|&gt;&gt;|»|›|>|＞＞|＞|→|｜|\||/|／)")
#: The last step of a path that ends at the article: 新华网 正文, 首页 > 要闻 > 正文.
CRUMB_ARTICLE_STEP = "正文"
#: A path of words ending in 正文 (新华网 正文, 要闻 正文): steps split at spaces.
CRUMB_TEXT_END = regex.compile(r"^(?P<path>[^\s。，,：:]{1,20}(?:\s[^\s。，,：:]{1,20}){0,6})\s正文$")

#: The print edition line: 《 人民日报 》（ 2024年05月10日   04 版）. Whitespace runs are
#: possessive (``\s*+``) and the paper starts with a non-space, so a 《 followed by a long
#: run of spaces fails in linear time (it took a day per megabyte before).
EDITION = regex.compile(
    r"""
    ^\s*+《\s*+(?P<paper>[^》\s][^》]{1,19}?)\s*+》\s*+[(（]\s*+
    (?P<year>\d{4})\s*+年\s*+(?P<month>\d{1,2})\s*+月\s*+(?P<day>\d{1,2})\s*+日
    [\s\xa0\u3000]*+(?:第\s*+)?(?P<page>\d{1,3})\s*+版\s*+[)）]\s*+$
    """,
    regex.VERBOSE,
)

#: A dateline opening the first paragraph with no credit, set apart from the text by a space:
#: 新华社酒泉4月16日电　…, 中新网上海5月10日电 …, 本报讯 …. It prints its month and day before 电
#: (今年4月16日电力公司… runs on, never a space after 电), or is the paper's own 讯.
AGENCY_DATELINE = regex.compile(
    rf"""
    ^[\s\u3000]*+
    (?P<dateline>[^\s（()）。，,：:\d]{{0,16}}?\d{{1,2}}月\d{{1,2}}日(?:电|電)|(?:{"|".join(SELF_SOURCES)})(?:讯|訊))
    (?=[\s\u3000])
    """,
    regex.VERBOSE,
)

#: A dateline opening the first paragraph, with a credit in brackets:
#: 本报讯（记者叶婉）, 人民网北京5月9日电 （记者栗翘楚）, 新华社北京5月9日电（记者张三）.
DATELINE_CREDIT = regex.compile(
    r"""
    ^[\s\u3000]*
    (?P<dateline>[^\s（()）。，,]{1,24}?(?:讯|訊|电|電))
    [\s\u3000]*[(（](?P<credit>[^（()）\n]{2,60})[)）]
    """,
    regex.VERBOSE,
)

#: A Xinhua dateline with a 题： repeat of the headline: 新华社北京5月9日电　题：…
DATELINE_TITLE = regex.compile(
    r"^[\s\u3000]*(?P<dateline>[^\s（()）。，,]{1,24}?(?:电|電))[\s\u3000]*(?:题|題)\s*[:：]\s*(?P<title>.+)$"
)

#: A credit in brackets closing the last paragraph: …。（记者宋晨、田中全）
CLOSING_CREDIT = regex.compile(r"[(（](?P<credit>[^（()）\n]{2,60})[)）][\s\u3000]*$")

#: 原标题：…
ORIGINAL_HEADLINE = regex.compile(r"^[\s\u3000]*(?:原标题|原標題|原題|原题)\s*[:：]\s*(?P<title>.+)$")

#: Separators of the parts of <title> and og:title: 标题--文化--人民网, 标题_人民网.
TITLE_SEPARATOR = regex.compile(r"(?:--|——|_|\||｜|\s[-–—]\s)")
#: The last character of an outlet's name: 中国新闻网, 内蒙古日报, 新华社, 央视电视台.
OUTLET_END = regex.compile(r"(?:网|網|报|報|社|台|刊)$")
#: A person's name as bylines print it without a label: two or three Han characters, not
#: ending as an edition, a channel or an office does (人民日报 海外版, 新华社 客户端).
PERSON_NAME = regex.compile(r"\p{Han}{2,3}(?<![版报報网網社台刊端号號道站部厅廳局委办辦会會院处處室心组組])")
#: The word a site's name ends in: 松花江网, 山西省人民政府网站, 中国政府门户网站, 新华社.
SITE_WORD = regex.compile(
    r"(?:网|網|网站|網站|门户|門戶|政府|日报|日報|晚报|晚報|报社|報社|电视台|電視台|广播电台|新闻|新聞"
    r"|数字报|數字報|电子报|電子報|电子版|電子版)$"
)
#: A title part naming the site (人民网, 手机人民网, 旗帜网 …): dropped with the parts after it.
SITE_PART = regex.compile(r"人民网|人民網|旗帜网|旗幟網|人民日报|人民日報|people\.c", regex.IGNORECASE)

#: Lines of site chrome in text dumps and templates: never article text.
#: The page tools printed around the text (print, close, correct, share, keep, report): on a
#: line of their own they are chrome and widgets, before a credit they are skipped.
TOOL_WORDS = (
    "我要纠错", "我要糾錯", "纠错", "糾錯", "打印", "关闭", "關閉", "分享", "分享到", "收藏", "举报", "舉報",
)

CHROME_WORDS = (
    *TOOL_WORDS,
    "投稿邮箱", "投稿郵箱", "站内搜索", "站內搜索", "文字缩放", "文字縮放", "小字号", "小字號", "大字号", "大字號",
    "字号", "字號", "分享让更多人看到", "分享讓更多人看到", "返回顶部", "返回頂部",
    "微信扫一扫", "微信掃一掃", "扫一扫", "掃一掃",
    "关注公众号", "關注公眾號", "手机看新闻", "手機看新聞", "【纠错】", "【糾錯】",
    # hot-word and tag lines under the text: 热词：两会 留学
    "热词", "熱詞", "关键词", "關鍵詞", "标签", "標籤",
)
APP_WORDS = ("打开", "打開", "下载", "下載")
#: Page tools printed as a row under the text, each word alone or with what it acts on, often in
#: brackets: 【打印本页】【关闭窗口】, [打印] [关闭], 打印此页 | 关闭窗口.
PAGE_TOOL_WORDS = (*TOOL_WORDS, "加入收藏", "推荐", "推薦", "返回顶部", "返回頂部", "返回")
_PAGE_TOOL = (rf"(?:{'|'.join(regex.escape(w) for w in sorted(PAGE_TOOL_WORDS, key=len, reverse=True))})"
              r"(?:本页|本頁|此页|此頁|本文|文章|窗口|网页|網頁|页面|頁面|给好友|給好友)?")
CHROME = regex.compile(
    rf"""
    ^[\s\u3000]*(?:{"|".join(regex.escape(w) for w in CHROME_WORDS)})(?:[\s:：].*)?$
    |^[\s\u3000]*+(?:[【\[(（]?+\s*+{_PAGE_TOOL}\s*+[】\])）]?+[\s\u3000|｜/·]*+){{1,8}}$    # 【打印本页】【关闭窗口】
    |^[\s\u3000]*(?:{"|".join(APP_WORDS)}).{{0,12}}(?:客户端|客戶端|APP|App)[\s\u3000]*$
    |^[\s\u3000]*(?:扫一扫|掃一掃|扫描二维码|掃描二維碼|用手机扫|用手機掃).{{0,16}}$    # 扫一扫在手机打开当前页
    """,
    regex.VERBOSE,
)

#: Share, follow, font-size and counter widgets printed around the text: a line made
#: only of these (微信 微博 Qzone, 分享至手机, 链接已复制, 字体：小大, +1) is never article text.
WIDGET_WORDS = (
    *TOOL_WORDS,
    "微信", "微博", "新浪微博", "腾讯微博", "騰訊微博", "QQ空间", "QQ空間", "QQ好友", "QQ", "Qzone", "QZone",
    "朋友圈", "豆瓣", "人人网", "人人網", "评论", "評論", "图集", "圖集", "分享至", "分享至手机",
    "分享至手機", "链接已复制", "鏈接已復制", "複製鏈接", "复制链接", "点赞", "點讚", "点击", "手机看", "手機看",
    "二维码", "二維碼", "扫码", "掃碼", "【纠错】", "【糾錯】", "纠错/举报", "语音播报", "語音播報", "听新闻",
    "聽新聞", "播放", "视频", "視頻", "大", "中", "小", "A+", "A-",
    "阅读剩余全文", "閱讀剩餘全文", "展开全文", "展開全文", "返回顶部", "返回頂部", "下一篇", "上一篇",
    "字号减小", "字号增大", "字號減小", "字號增大", "字体放大", "字体缩小", "字體放大", "字體縮小",
    "放大", "缩小", "縮小",
    # a video player's placeholder: 视频加载中...
    "加载中", "加載中", "正在加载", "正在加載", "请稍候", "請稍候",
    "您的浏览器不支持视频播放", "您的瀏覽器不支持視頻播放",
    "...", "……", "…",
    "X", "×", "✕",  # a close button
)
_WIDGET_TOKEN = rf"""
    (?:{"|".join(regex.escape(w) for w in sorted(WIDGET_WORDS, key=len, reverse=True))}
      |关注[^\s|｜/／·]{{1,8}}?(?:网|網|号|號|微博|微信|客户端|客戶端|APP|App)   # 关注新华网
      |[+＋]\d{{1,5}}                                                          # a like counter
      |\d{{1,6}}(?=[\s\u3000|｜/／·]|$)                                          # a bare count
      |[【\[]?字[体體号號]\s*[:：]?\s*(?:[大中小][\s\u3000]*){{1,3}}[】\]]?       # 字体：小大, 【字体：大　中　小】
      |[(（]\d{{1,6}}[)）]
    )"""
#: The first characters a widget line can start with (after spaces): a word's, 关 (关注…), a counter's,
#: a font control's; and any digit (``\d`` is every decimal digit, full-width ones too).
WIDGET_FIRST = frozenset({w[0] for w in WIDGET_WORDS} | set("关+＋【[字(（"))
WIDGET = regex.compile(
    rf"^[\s\u3000]*{_WIDGET_TOKEN}(?:[\s\u3000|｜/／·]*{_WIDGET_TOKEN}){{0,15}}[\s\u3000]*$",
    regex.VERBOSE,
)
#: An e-paper's page label: 第01版：要闻, 第A03版, 05版：评论.
PAGE_LABEL = regex.compile(r"^[\s\u3000]*+第?[A-Za-z]?\d{1,3}版(?:[\s\u3000]*+[:：][\s\u3000]*+\S{1,12})?[\s\u3000]*+$")
#: A time printed without its year (12-05 21:08, 12月5日 21:08:30): a mobile page's info line, which
#: gives no time (the year cannot be told) but is no text either.
YEARLESS_STAMP = regex.compile(
    r"^[\s\u3000]*+(?:\d{1,2}[-/.]\d{1,2}|\d{1,2}月\d{1,2}日)[\s\u3000]*+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?!\d)"
)
#: Marks of the site footer (copyright, licence numbers, report lines): the body ends there.
FOOTER_MARKS = (
    "版权所有", "版權所有", "Copyright", "copyright", "COPYRIGHT", "互联网新闻信息服务许可证",
    "互聯網新聞信息服務許可證", "ICP备", "ICP備", "ICP证", "ICP證", "违法和不良信息举报", "違法和不良信息舉報",
    "纠错/举报",
    # government and party sites: who runs the site
    "主办单位", "主辦單位", "承办单位", "承辦單位", "运行维护单位", "運行維護單位", "网站标识码", "網站標識碼",
    "技术支持：", "技術支持：", "国内统一刊号", "國內統一刊號", "邮发代号", "郵發代號",
)
#: Any of them, in one search (one pass over a line instead of one a mark); the standard
#: library's engine, three times faster than ``regex`` on an alternation of plain words.
FOOTER = re.compile("|".join(re.escape(mark) for mark in FOOTER_MARKS))

#: A byline of names alone after a bullet: ■王永文 (names of two or three characters,
#: so a bulleted short heading is not taken for one).
BULLET_BYLINE = regex.compile(r"^[■□●◆]\s*(?P<names>\p{Han}{2,3}(?:[\s、，,]+\p{Han}{2,3}){0,3})\s*$")

#: Widget words printed on the same line before a credit: 【纠错】 责任编辑： 焦鹏.
_TOOLS = "|".join(regex.escape(w) for w in sorted(TOOL_WORDS, key=len, reverse=True))
CREDIT_LEAD_WIDGETS = regex.compile(rf"^(?:[【\[]?(?:{_TOOLS})[】\]]?[\s\u3000]*)+")
#: First characters of a line that may open with tool words.
CREDIT_LEAD_FIRST = frozenset("【[" + "".join(w[0] for w in TOOL_WORDS))

#: Headings of blocks after the article: the body ends where one starts.
STOP_WORDS = (
    "相关新闻", "相關新聞", "推荐阅读", "推薦閱讀", "热点推荐", "熱點推薦", "热门排行", "熱門排行",
    "精彩图集", "精彩圖集",
    "延伸阅读", "延伸閱讀", "相关阅读", "相關閱讀", "相关专题", "相關專題", "热门点击排行榜", "熱門點擊排行榜",
    "客户端下载", "客戶端下載", "人民日报客户端下载", "精彩推荐", "精彩推薦", "视频新闻", "視頻新聞",
    "网友评论", "網友評論", "相关链接", "相關鏈接", "更多精彩", "热点排行", "熱點排行",
    "相关稿件", "相關稿件", "相关文章", "相關文章", "相关报道", "相關報道", "猜你喜欢", "猜你喜歡", "热门文章",
    "熱門文章", "热点新闻", "熱點新聞", "最新文章", "往期回顾", "往期回顧", "文档附件", "文檔附件",
)
STOP = regex.compile(rf"^[\s\u3000]*(?:{'|'.join(STOP_WORDS)})[\s:：]*$")

#: Promo links at the top of a body: 点击进入“文艺星青年”>>.
PROMO_WORDS = ("点击进入", "點擊進入", "点击查看", "點擊查看", "更多精彩", "点击观看", "點擊觀看")
PROMO_LEAD = regex.compile(rf"^[\s\u3000]*(?:{'|'.join(PROMO_WORDS)})")
#: …and lines ending so (更多精彩 >>) — a suffix test, not a pattern: ``.*>>\s*$`` backtracks
#: over the whole line at every call, 5 µs on an ordinary paragraph.
PROMO_ENDS = (">>", "&gt;&gt;")

#: Pagination controls: 【1】【2】…, 上一页 / 下一页.
#: A bare number must not be followed by a digit, so a run of digits splits one way only
#: (``\d{1,3}`` repeated freely would split "1111…1x" exponentially many ways).
#: Page links rendered without spaces between them (1234下一页) read as one ascending run.
_PAGE_RUN = "|".join("123456789"[:n] for n in range(9, 1, -1))
_PAGER_ITEM = (
    rf"(?:【\d{{1,3}}】|\[\d{{1,3}}\]|上一页|上一頁|下一页|下一頁|首页|首頁|尾页|尾頁|(?:{_PAGE_RUN})(?!\d)|\d{{1,3}}(?!\d))"
)
PAGER = regex.compile(rf"^[\s\u3000]*{_PAGER_ITEM}(?:[\s\u3000]*{_PAGER_ITEM}){{0,59}}[\s\u3000]*$")
PAGER_NUMBER = regex.compile(r"【(\d{1,3})】|\[(\d{1,3})\]")

#: A photo caption: 图为…, …摄 / （…摄）.
CAPTION = regex.compile(r"^[\s\u3000]*(?:图为|圖為|图片为|圖片為)|(?:摄|攝|摄影|攝影)[)）]?[\s\u3000]*$")

#: A photo credit on a line of its own: 新华社发（刘满仓摄）, （记者 张三 摄）.
PHOTO_CREDIT = regex.compile(
    r"""^[\s\u3000]*(?:[^\s（()）]{1,12}?(?:发|發)\s*)?[（(]\s*(?:(?:记者|記者|通讯员|通訊員)\s*)?
    (?P<names>\p{Han}{2,4}(?:[、，,\s]\p{Han}{2,4}){0,3})\s*(?:摄|攝)\s*[)）][\s\u3000]*$""",
    regex.VERBOSE,
)

#: Lines that close the text: (完), 【完】.
END_MARK = regex.compile(r"^[\s\u3000]*[(（【\[]\s*(?:完|終|终)\s*[)）】\]][\s\u3000]*$")

#: Sentence-final punctuation: a line ending in one of these is not a heading.
CLOSING = frozenset("。．.！!？?…；;，,、")
#: Quote and bracket closers stripped before looking at the last character.
CLOSERS = "”\"’'」』）)》〉】]"
#: Characters that end the lead-in sentence of a paragraph.
LEAD_END = frozenset("。．！!？?：:")

#: People's Daily CMS article URLs: /n1/2024/0510/c1004-40232587-2.html.
ARTICLE_URL = regex.compile(
    r"""
    ^(?:https?:)?//(?P<site>[^/\s?#]+)
    (?:/(?P<kind>n\d?))?
    /(?P<year>\d{4})/(?P<month>\d\d)(?P<day>\d\d)
    /(?P<channel>c\d{1,12})-(?P<content>\d{1,20})(?:-(?P<page>\d{1,6}))?\.html?
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
ANY_URL_HOST = regex.compile(r"^(?:https?:)?//(?P<site>[^/\s?#:]+)", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class UrlShape:
    """How one family of sites writes an article's date and id into its URL path."""

    name: str
    pattern: regex.Pattern[str]
    """Searched in the URL's path (anchored at its end): groups year, month, day, content and,
    optionally, page."""
    numbered_from: int = 0
    """What is added to a page suffix to make the page number: 0 where the suffix is the page's
    own number (Xinhua ``_2`` is the second page), 1 for TRS (``_1`` is the second page). A URL
    with no suffix is the first page."""


_EXT = r"\.s?html?$"
#: The URL shapes of the state-media and government sites beyond the People's Daily CMS
#: (whose shape is :data:`ARTICLE_URL`), tried in order.
URL_SHAPES: tuple[UrlShape, ...] = (
    # Xinhua, Guangming, China.com.cn, gov.cn: /2019-12/10/c_1125327450.htm, /2024-05/13/content_37319243.htm
    UrlShape("dated-content", regex.compile(
        r"/(?P<year>\d{4})-(?P<month>\d\d)/(?P<day>\d\d)/(?:c|content)_(?P<content>\d{1,20})"
        rf"(?:_(?P<page>\d{{1,4}}))?{_EXT}", regex.IGNORECASE)),
    # news.cn since 2022: /20240515/d59c39d4160a4fe4b3084c3e4abfb450/c.html
    UrlShape("newscn", regex.compile(
        r"/(?P<year>\d{4})(?P<month>\d\d)(?P<day>\d\d)/(?P<content>[0-9a-f]{32})/c(?:_(?P<page>\d{1,4}))?\.html?$")),
    # TRS (China Youth, CNR, provincial governments): /201909/t20190918_693227.shtml, _1 the second page
    UrlShape("trs", regex.compile(
        r"/t(?P<year>\d{4})(?P<month>\d\d)(?P<day>\d\d)_(?P<content>\d{1,20})"
        rf"(?:_(?P<page>\d{{1,4}}))?{_EXT}", regex.IGNORECASE), numbered_from=1),
    # Chinanews: /gn/2012/07-10/4023004.shtml
    UrlShape("chinanews", regex.compile(
        rf"/(?P<year>\d{{4}})/(?P<month>\d\d)-(?P<day>\d\d)/(?P<content>\d{{1,20}})(?:_(?P<page>\d{{1,4}}))?{_EXT}")),
    # e-papers and China Daily: /xzrb/202202/13/content_128707.html, /a/202311/17/WS65571297a310d5acd876f404.html
    UrlShape("month-day", regex.compile(
        r"/(?P<year>\d{4})(?P<month>\d\d)/(?P<day>\d\d)/(?:content_)?(?P<content>[A-Za-z0-9]{1,40})"
        rf"(?:_(?P<page>\d{{1,4}}))?{_EXT}", regex.IGNORECASE)),
)

#: Page URLs hidden in share scripts: shareToWX('http://…'), js.js?url=http%3A%2F%2F…
_SHARE_CALL = r"""shareTo\w{1,12}\(\s*['"](?P<url>https?://[^'"\s]{8,300})['"]"""
_SHARE_QUERY = r"""[?&]url=(?P<quoted>https?%3A%2F%2F[^"'&\s]{8,300})"""
SHARE_URL = regex.compile(f"{_SHARE_CALL}|{_SHARE_QUERY}")
#: Each half alone: a text holding only one of the literals ``shareTo`` and ``url=`` is
#: scanned ten times faster by the half that can match (one literal to look for).
SHARE_CALL = regex.compile(_SHARE_CALL)
SHARE_QUERY = regex.compile(_SHARE_QUERY)

#: One tag of an HTML document (opening, closing or a declaration), for measuring how
#: much of an input is markup. Attribute text is bounded and holds no ``<``/``>``.
HTML_TAG = regex.compile(
    r"<(?:!doctype\s|/?(?:html|head|body|meta|title|div|p|table|tbody|tr|td|th|span|h[1-6]|br|hr|script|style"
    r"|a|img|ul|ol|li|dl|dt|dd|link|section|article|header|footer|nav|form|input|iframe|font|b|strong|em|i|center)"
    r"(?=[\s/>]))[^<>]{0,2000}>",
    regex.IGNORECASE,
)

#: The tags only a whole document has: an input holding one is a page, not a quoted snippet.
DOCUMENT_TAG = regex.compile(r"<(?:!doctype\s|html[\s>]|head[\s>]|body[\s>])", regex.IGNORECASE)

#: A server's error page, by its title or its only text: 404 Not Found, 页面不存在 ….
ERROR_PAGE = regex.compile(
    r"""^[\s\u3000]*(?:(?:HTTP\s*)?(?:40[0-9]|41[0-9]|50[0-9])\b.{0,40}$
    |.{0,20}(?:Not\s+Found|Forbidden|Internal\s+Server\s+Error|Bad\s+Gateway|Service\s+Unavailable)\b.{0,20}$
    |.{0,20}(?:页面不存在|頁面不存在|您访问的页面不存在|您訪問的頁面不存在|页面未找到|頁面未找到|页面找不到|找不到页面
       |该页面不存在|該頁面不存在|页面已删除|頁面已刪除|文章不存在|稿件不存在|内容不存在|内容已删除|访问的页面出错
       |错误页面|錯誤頁面|出错啦|出错了).{0,20}$)""",
    regex.VERBOSE | regex.IGNORECASE,
)

#: Magic numbers of binary formats that are never a page.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x7fELF", "an ELF executable"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
)

#: Images that decorate rather than illustrate: pager arrows, icons, logos, QR codes.
DECOR_IMAGE = regex.compile(
    r"next_page|prev_page|pre_page|/icon|icon\d|logo|share|qrcode|code_wx|erweima", regex.IGNORECASE
)
