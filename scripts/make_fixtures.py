"""Write the seed-family fixtures: the seed article as the CMS publishes it.

The seed (fixtures/000_ed244d5cd920c850.txt) is a traditional-script text dump of
one 旗帜网 article. This script lays the same article out in the site's HTML
template, in the encodings real crawls bring, plus a simplified text dump:

- qizhiwang-2020-gbk.html          GBK bytes declaring GB2312, simplified, full-width punctuation
- qizhiwang-2020-big5.html         BIG5 bytes declaring big5, traditional, full-width punctuation
- qizhiwang-2020-utf8-gb2312.html  UTF-8 bytes that still declare GB2312, simplified
- qizhiwang-2020-simplified.txt    a simplified plain-text dump, full-width punctuation

Development only: needs ``pip install opencc-python-reimplemented`` for the
traditional → simplified conversion. The output is committed; rerun only to change it.
"""

from __future__ import annotations

import html
import pathlib

from opencc import OpenCC  # type: ignore[import-not-found]

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "000_ed244d5cd920c850.txt"

FULL_WIDTH = str.maketrans({",": "，", ":": "：", "(": "（", ")": "）", "!": "！", ";": "；"})

LEADS_T = [
    "常委會黨組高度重視。",
    "壓實主體責任。",
    "充分發揮作用。",
    "勇於擔當作為。",
    "全力服務保障。",
    "早提示勤提醒,切實增強防控意識。",
    "嚴細節抓落實,確保防控措施全覆蓋無死角。",
    "大力宣傳引導,營造堅定必勝信心的濃厚氛圍。",
]


def seed_parts() -> tuple[list[str], list[str], list[tuple[str, str]], str]:
    """(crumbs, headline lines, body items (kind, text), credit line) of the seed."""
    lines = [ln for ln in SEED.read_text(encoding="utf-8").splitlines() if ln.strip()]
    crumbs = [c.strip() for c in lines[2].split(">>")]
    headline = lines[3:5]
    body: list[tuple[str, str]] = []
    for line in lines[7:-1]:
        kind = "heading" if not line.endswith(("。", "!")) else "para"
        body.append((kind, line))
    return crumbs, headline, body, lines[-1]


def convert(text: str, simplified: bool) -> str:
    text = text.translate(FULL_WIDTH)
    if simplified:
        text = OpenCC("t2s").convert(text).replace("﹔", "；")
    return text


def page_html(simplified: bool, charset: str) -> str:
    crumbs, headline, body, _credit = seed_parts()
    c = lambda t: convert(t, simplified)  # noqa: E731
    site = c("旗幟網")
    crumb_links = [
        ("http://www.qizhiwang.org.cn/", crumbs[0]),
        ("http://www.qizhiwang.org.cn/GB/422355/index.html", crumbs[1]),
        ("http://www.qizhiwang.org.cn/GB/422355/431574/index.html", crumbs[2]),
        ("http://www.qizhiwang.org.cn/GB/422355/431574/431577/index.html", crumbs[3]),
    ]
    path = "&gt;&gt;".join(f'<a href="{u}" class="clink">{html.escape(c(t))}</a>' for u, t in crumb_links)
    paras = []
    leads = [c(lead) for lead in LEADS_T]
    for kind, text in body:
        text = c(text)
        if kind == "heading":
            paras.append(f"<p><strong>\u3000\u3000{html.escape(text)}</strong></p>")
            continue
        lead = next((lead for lead in leads if text.startswith(lead)), None)
        if lead:
            rest = text[len(lead):]
            paras.append(f"<p>\u3000\u3000<strong>{html.escape(lead)}</strong>{html.escape(rest)}</p>")
        else:
            paras.append(f"<p>\u3000\u3000{html.escape(text)}</p>")
    credit = c("( 編輯:馮愛齡   送簽:馮愛齡   簽發:徐雅維 )").replace(" ", "&nbsp;")
    hl = "<br/>".join(html.escape(c(line)) for line in headline)
    title = c("".join(headline)) + "--" + site
    related = [
        ("中央和國家機關各部門黨組織持續做好疫情防控工作", "2020年02月16日15:30"),
        ("國家機關工委印發通知部署疫情防控工作", "2020年02月15日10:12"),
        ("在疫情防控一線踐行初心使命", "2020年02月14日09:05"),
    ]
    related_html = "".join(
        f'<li><a href="http://www.qizhiwang.org.cn/n1/2020/0216/c431577-3158{i}.html" target="_blank">'
        f"{html.escape(c(t))}</a><span>{d}</span></li>"
        for i, (t, d) in enumerate(related)
    )
    hot = "".join(
        f'<li><a href="http://www.qizhiwang.org.cn/n1/2020/0217/c4319{i}-3159{i}.html">{html.escape(c(t))}</a></li>'
        for i, t in enumerate(["機關黨建工作要點", "模範機關創建在行動", "青年理論學習小組風采", "黨建知識問答"])
    )
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="content-type" content="text/html;charset={charset}"/>
<title>{html.escape(title)}</title>
<meta name="keywords" content=""/>
<meta name="description" content="{html.escape(c(body[0][1])[:60])}"/>
<meta name="copyright" content="{site}{c("版權所有")}"/>
<meta name="catalogs" content="431577"/>
<meta name="contentid" content="31589256"/>
<meta name="publishdate" content="2020-02-17"/>
<meta name="author" content="104363"/>
<meta name="editor" content="1610"/>
<meta name="source" content="{c("來源:旗幟網")}"/>
<link rel="stylesheet" href="http://www.qizhiwang.org.cn/img/2019qzw/page.css" type="text/css"/>
<script type="text/javascript">
// {c("來源:新華網 2019年01月01日00:00 編輯:測試")}
var qz_page = {{"contentid": "31589256", "source": "{c("來源:新華網")}"}};
</script>
<style type="text/css">.qz_title h1{{font-size:28px}} /* {c("編輯:樣式")} */</style>
</head>
<body>
<!-- {c("來源:注釋裡的來源 2018年01月01日08:00")} -->
<div class="qz_top clearfix"><div class="w1200"><span class="fl">{c("投稿郵箱")}：qizhixmt@126.com</span>
<div class="fr"><form action="http://search.people.com.cn/" method="post">{c("站內搜索")}：<input type="text" name="keyword"/><input type="submit" value="{c("搜索")}"/></form></div></div></div>
<div class="qz_logo w1200"><a href="http://www.qizhiwang.org.cn/"><img src="/img/2019qzw/images/logo.png" alt="{site}"/></a></div>
<div class="qz_nav w1200"><ul>
<li><a href="http://www.qizhiwang.org.cn/">{c("首頁")}</a></li><li><a href="http://www.qizhiwang.org.cn/GB/422351/index.html">{c("要聞")}</a></li>
<li><a href="http://www.qizhiwang.org.cn/GB/422352/index.html">{c("理論")}</a></li><li><a href="http://www.qizhiwang.org.cn/GB/422355/index.html">{c("本網專題")}</a></li>
</ul></div>
<div class="w1200 qz_path">{path}</div>
<div class="w1200 qz_main clearfix">
  <div class="fl qz_left">
    <div class="qz_title">
      <h1>{hl}</h1>
      <div class="qz_info clearfix">
        <div class="fl">{c("來源")}：<a href="http://www.qizhiwang.org.cn/" target="_blank">{site}</a>2020年02月17日16:01</div>
        <div class="fr">{c("文字縮放")}：<a href="javascript:doZoom(16)">{c("大")}</a> <a href="javascript:doZoom(14)">{c("中")}</a> <a href="javascript:doZoom(12)">{c("小")}</a></div>
      </div>
    </div>
    <div class="qz_zw clearfix" id="qz_zw">
{chr(10).join(paras)}
      <div class="qz_edit">{credit}</div>
    </div>
    <div class="qz_share"><span>{c("分享到")}：</span><a href="javascript:void(0)" class="wx"></a><a href="javascript:void(0)" class="wb"></a></div>
    <div class="qz_xgxw"><h3>{c("相關新聞")}</h3><ul>{related_html}</ul></div>
  </div>
  <div class="fr qz_right">
    <div class="qz_rdtj"><h3>{c("熱點推薦")}</h3><ul>{hot}</ul></div>
    <div class="qz_ewm"><img src="/img/2019qzw/images/qrcode.png" alt=""/><p>{c("掃一掃 關注旗幟網微信")}</p></div>
  </div>
</div>
<div class="qz_foot w1200">
  <p>{c("主辦：中共中央和國家機關工作委員會")}</p>
  <p>{site}{c("版權所有，未經書面授權禁止使用")}</p>
  <p>Copyright &copy; 2019-2020 by www.qizhiwang.org.cn. all rights reserved</p>
</div>
<script type="text/javascript" src="http://www.qizhiwang.org.cn/img/2019qzw/js/share.js"></script>
<script type="text/javascript">shareToWX('http://www.qizhiwang.org.cn/n1/2020/0217/c431577-31589256.html');</script>
<img src="http://counter.people.cn:8000/c.gif?id=31589256" width="0" height="0" style="display:none;"/>
</body>
</html>
"""


def text_dump(simplified: bool) -> str:
    """The seed's layout, in the given script, with full-width punctuation."""
    raw = SEED.read_text(encoding="utf-8")
    out = []
    for line in raw.split("\n"):
        out.append(convert(line, simplified))
    return "\n".join(out)


def main() -> None:
    gbk = page_html(simplified=True, charset="GB2312")
    (FIXTURES / "qizhiwang-2020-gbk.html").write_bytes(gbk.encode("gbk"))
    big5 = page_html(simplified=False, charset="big5")
    (FIXTURES / "qizhiwang-2020-big5.html").write_bytes(big5.encode("big5"))
    (FIXTURES / "qizhiwang-2020-utf8-gb2312.html").write_bytes(gbk.encode("utf-8"))
    (FIXTURES / "qizhiwang-2020-simplified.txt").write_bytes(text_dump(simplified=True).encode("utf-8"))




# --------------------------------------------------------------------------------------
# Other templates of the CMS, with this project's own text (issue: real pages)

ARTICLE_A = {
    "pretitle": "多措并举稳就业",
    "headline": "春季招聘会为高校毕业生搭建求职桥梁（经济新方位）",
    "subtitle": "——记一座城市人社部门的就业服务",
    "byline": "本报记者  李明远  何  静",
    "time": "2024年03月12日07:45",
    "source": "人民网－人民日报",
    "source_url": "http://paper.people.com.cn/rmrb/html/2024-03/12/nw.D110000renmrb_20240312_3-05.htm",
    "paras": [
        ("p", "3月9日一早，市体育中心的展馆里已经排起长队。300多家用人单位带来5000多个岗位，吸引了不少应届毕业生前来应聘。"),
        ("h", "岗位对口，求职更有底气"),
        ("p", "“专业对口的岗位比去年多了。”刚投完简历的小周说，她学的是机械设计，一上午就收到两家企业的面试邀请。"),
        ("img", "/NMediaFile/2024/0312/MAIN202403120745000123456789012.jpg|招聘会现场|图为招聘会现场。本报记者 何静摄"),
        ("p", "市人社局有关负责人介绍，今年招聘会按行业分设展区，并在现场设置政策咨询台，帮助毕业生了解就业补贴申领流程。"),
        ("h", "服务前移，帮扶更加精准"),
        ("p", "<strong>摸清底数。</strong>人社部门提前对接辖区高校，建立未就业毕业生台账，做到一人一档、动态更新。"),
        ("p", "<strong>送岗上门。</strong>针对家庭困难毕业生，工作人员逐一电话联系，推送岗位信息，并提供一对一就业指导。"),
        ("p", "截至目前，全市已举办各类招聘活动40余场，累计提供岗位2万多个。（记者宋晨、田中全）"),
    ],
    "edition": "《 人民日报 》（ 2024年03月12日   05 版）",
    "editors": "(责编：郜碧澄(实习)、杨光宇)",
    "url": "http://society.people.com.cn/n1/2024/0312/c1008-40193456.html",
}


def people_2024(a: dict[str, object], charset: str, convert_fn: object = None) -> str:
    c = convert_fn if callable(convert_fn) else (lambda t: t)
    paras = []
    for kind, text in a["paras"]:  # type: ignore[attr-defined]
        if kind == "h":
            paras.append(f"<p><strong>\u3000\u3000{c(text)}</strong></p>")
        elif kind == "img":
            src, alt, caption = text.split("|")
            paras.append(f'<p style="text-align: center;"><img src="{src}" alt="{c(alt)}" width="600" height="400"/></p>')
            paras.append(f'<p style="text-align: center;">{c(caption)}</p>')
        else:
            paras.append(f"<p>\u3000\u3000{c(text)}</p>")
    body = "\n".join(paras)
    return f"""<head>
<meta http-equiv="content-type" content="text/html;charset={charset}">
<title>{c(a["headline"])}--{c("社会")}--{c("人民网")} </title>
<meta property="og:url" content="{a["url"]}">
<meta name="catalogs" content="1008">
<meta name="contentid" content="40193456">
<meta name="publishdate" content="2024-03-12">
<meta name="author" content="105464">
<meta name="editor" content="">
<meta name="source" content="{c("来源：人民日报")}">
<script>var pageData = {{source: "{c("来源：新华网")}", editor: "{c("编辑：无名")}"}};</script>
</head>
<body>
<div class="main">
  <div class="header cf"><div class="layout"><h1 class="cf"><img src="/img/2020peopleindex/img/logo_red.png" alt=""></h1></div></div>
  <div class="rm_nav cf"><div class="layout"><a href="http://www.people.com.cn/">{c("首页")}</a><a href="http://society.people.com.cn/">{c("社会")}</a><a href="http://finance.people.com.cn/">{c("经济")}</a></div></div>
  <div class="layout route cf" id="rwb_navpath"><a href="http://www.people.com.cn/" class="clink">{c("人民网")}</a>&gt;&gt;<a href="http://society.people.com.cn/" class="clink">{c("社会·法治")}</a></div>
  <div class="layout rm_txt cf">
    <div class="col col-1 fl">
      <h3 class="pre">{c(a["pretitle"])}</h3>
      <h1>{c(a["headline"])}</h1>
      <h4 class="sub">{c(a["subtitle"])}</h4>
      <div class="author cf">{c(a["byline"])}</div>
      <div class="channel cf">
        <div class="col-1-1 fl">{a["time"]} | {c("来源")}：<a href="{a["source_url"]}" target="_blank">{c(a["source"])}</a></div>
        <div class="col-1-2 fr"><span class="rm_type"><i>{c("小字号")}</i></span></div>
      </div>
      <div class="rm_txt_con cf">
        <div class="otitle" style="display: none;"></div>
        <div class="box_pic"></div>
{body}
<p><span id="paper_num">\u3000\u3000{c(a["edition"])}</span></p>
        <div class="edit cf">{c(a["editors"])}</div>
        <div class="tjewm cf"><span><img src="/NMediaFile/2022/0801/qrcode.jpg" alt="">{c("关注公众号：人民网社会")}</span></div>
        <p class="paper_num"><em class="section-common-share-wrap">{c("分享让更多人看到")}</em></p>
      </div>
      <div class="rm_relevant rm_recommend cf"><h5><span></span>{c("推荐阅读")}</h5>
        <dl class="cf"><dt><a href="/n1/2024/0311/c1008-40193000.html">{c("多地出台措施促进青年就业")}</a></dt><dd>{c("人民网北京3月11日电 （记者王小明）记者从有关部门获悉……")}</dd></dl>
      </div>
    </div>
    <div class="col col-2 fr"><div class="rm_ranking cf"><h3>{c("热门排行")}</h3><ul><li><a href="/n1/2024/0311/c1008-1.html">{c("一条热门新闻")}</a></li></ul></div></div>
  </div>
  <div class="footer"><p>{c("人民网股份有限公司版权所有，未经书面授权禁止使用")}</p></div>
</div>
</body>
"""


REGIONAL = """<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>黄河滩区的麦田里来了“新农人”</title>
<meta name="catalogs" content="L_351638" />
<meta name="contentid" content="L_40806123" />
<meta name="publishdate" content="2024-04-11" />
<meta name="author" content="L_106100" />
<meta name="source" content="来源：人民网-河南频道" />
</head>
<body>
<div class="top_bar"><a href="http://henan.people.com.cn/">人民网河南频道</a> <a href="http://www.people.com.cn/">人民网首页</a></div>
<div class="route">当前位置：<a href="http://www.people.com.cn/">人民网</a>&gt;&gt;<a href="http://henan.people.com.cn/">河南频道</a>&gt;&gt;<a href="http://henan.people.com.cn/GB/356896/index.html">本网原创</a></div>
<div class="article">
  <h1>黄河滩区的麦田里来了“新农人”</h1>
  <div class="infos"><span class="time">2024年04月11日09:12</span>&nbsp;&nbsp;<span class="from">来源：<a href="http://henan.people.com.cn/">人民网-河南频道</a></span></div>
  <div class="otitle" style="display:none">原标题：滩区麦田 “新农人”忙春管</div>
  <div class="article_text">
    <p>　　清明刚过，黄河滩区的万亩麦田一片葱绿。几台植保无人机在田间来回飞行，喷洒叶面肥，田埂上的年轻人盯着手机屏幕调整航线。</p>
    <p>　　“以前打药要十来个人忙三四天，现在两台无人机一天就能干完。”种粮大户赵建国说，合作社今年流转了两千多亩地，年轻人回来后，种地的方式变了样。</p>
    <p>　　近年来，当地通过技能培训、创业补贴等方式吸引大学生返乡务农，目前已有120多名“新农人”在滩区扎根。</p>
    <p>　　□ 本报记者 孙立新</p>
  </div>
  <div class="editor">(责编：王一鸣、赵晓)</div>
</div>
<div class="related"><h3>相关新闻</h3><ul><li><a href="http://henan.people.com.cn/n2/2024/0410/c351638-40805000.html">春耕时节农机忙</a> 2024-04-10 10:20</li></ul></div>
<div class="footer">人民网版权所有，未经书面授权禁止使用</div>
</body>
</html>
"""

XINHUA = """<head>
<meta http-equiv="content-type" content="text/html;charset=GB2312">
<title>我国科研团队在新型储能材料研究中取得进展--科技--人民网 </title>
<meta name="catalogs" content="1057">
<meta name="contentid" content="40210777">
<meta name="publishdate" content="2024-04-02">
<meta name="source" content="来源：新华网">
</head>
<body>
<div class="layout route cf" id="rwb_navpath"><a href="http://www.people.com.cn/" class="clink">人民网</a>&gt;&gt;<a href="http://scitech.people.com.cn/" class="clink">科技</a></div>
<div class="layout rm_txt cf"><div class="col col-1 fl">
  <h3 class="pre"></h3>
  <h1>我国科研团队在新型储能材料研究中取得进展</h1>
  <h4 class="sub"></h4>
  <div class="author cf"></div>
  <div class="channel cf"><div class="col-1-1 fl">2024年04月02日16:20 | 来源：<a href="http://www.news.cn/" target="_blank">新华网</a></div></div>
  <div class="rm_txt_con cf">
    <p>　　新华社北京4月2日电　<strong>题：我国科研团队在新型储能材料研究中取得进展</strong></p>
    <p>　　新华社记者　陈佳宁　刘　洋</p>
    <p>　　记者2日从中国科学院获悉，我国科研团队研制出一种新型固态电解质材料，可在较宽温度范围内保持稳定的离子传导性能。</p>
    <p>　　研究人员介绍，这种材料制备工艺简单、成本较低，有望应用于下一代储能电池。相关成果已在国际学术期刊发表。</p>
    <div class="edit cf">(责编：杨虞波罗、初梓瑞)</div>
  </div>
</div></div>
</body>
"""

OLD_2012 = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="content-type" content="text/html;charset=GB2312"/>
<title>社区食堂办到老人家门口--社会--人民网</title>
<meta name="publishdate" content="2012-03-05"/>
<meta name="contentid" content="17299876"/>
</head>
<body>
<div id="p_navigator"><a href="http://www.people.com.cn/">人民网</a>&gt;&gt;<a href="http://society.people.com.cn/">社会</a>&gt;&gt;<a href="http://society.people.com.cn/GB/86800/index.html">民生</a></div>
<div class="clear"></div>
<div id="p_left">
  <h1 id="p_title">社区食堂办到老人家门口</h1>
  <div id="p_publishtime">2012年03月05日08:31</div>
  <div id="p_origin">来源：<a href="http://www.people.com.cn/">人民网－人民日报</a></div>
  <div id="p_content">
    <p>　　中午11点，东城区一家社区食堂里飘出饭菜香。几位老人端着餐盘找位置坐下，一荤两素一汤，只要十来块钱。</p>
    <p>　　“离家近，口味也清淡，比自己做省事多了。”78岁的刘大爷说，他几乎每天都来。</p>
    <p>　　街道负责人介绍，食堂由社区提供场地、餐饮企业运营，对80岁以上老人给予就餐补贴。</p>
  </div>
  <div id="p_editor">(责任编辑：张文静)</div>
</div>
</body>
</html>
"""

MOBILE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1.0">
<title>夜市经济点亮城市烟火气_手机人民网</title>
<link rel="canonical" href="http://finance.people.com.cn/n1/2024/0509/c1004-40231234.html">
</head>
<body>
<header class="m-top"><a href="http://m.people.cn/"><img src="/img/m/logo.png" alt="手机人民网"></a><span>打开人民日报客户端</span></header>
<section class="m-article">
  <h1 class="m-title">夜市经济点亮城市烟火气</h1>
  <div class="m-meta"><span>2024-05-09 21:15</span> <span>来源：人民网-财经频道</span></div>
  <div class="m-content">
    <p>入夜，老城区的步行街灯火通明，小吃摊、文创摊前人头攒动。</p>
    <p>“周末晚上的营业额能占一周的一半。”经营烤串摊的王女士说，街区统一规划摊位后，环境干净了，客人也多了。</p>
    <p>当地商务部门表示，将继续完善夜间公共交通和停车配套，延长夜间消费时段。</p>
  </div>
  <p class="m-editor">(责编：李婷、王震)</p>
</section>
<section class="m-more"><h3>相关新闻</h3><ul><li><a href="http://m.people.cn/n4/2024/0508/c1-1.html">多地夜经济持续升温</a></li></ul></section>
<footer>人民网版权所有</footer>
</body>
</html>
"""


def more_fixtures() -> None:
    s2t = OpenCC("s2tw").convert
    gbk = people_2024(ARTICLE_A, "GB2312")
    (FIXTURES / "people-2024-gbk.html").write_bytes(gbk.encode("gbk"))
    big5 = people_2024(ARTICLE_A, "big5", s2t)
    (FIXTURES / "people-2024-big5.html").write_bytes(big5.encode("big5hkscs"))
    (FIXTURES / "regional-n2-2024.html").write_bytes(REGIONAL.encode("gbk"))
    (FIXTURES / "regional-n2-2024.html.url").write_text(
        "http://henan.people.com.cn/n2/2024/0411/c351638-40806123.html\n", encoding="utf-8"
    )
    (FIXTURES / "xinhua-reprint-2024.html").write_bytes(XINHUA.encode("utf-8"))
    (FIXTURES / "xinhua-reprint-2024.html.url").write_text(
        "http://scitech.people.com.cn/n1/2024/0402/c1057-40210777.html\n", encoding="utf-8"
    )
    (FIXTURES / "people-2012-old.html").write_bytes(OLD_2012.encode("gb2312"))
    (FIXTURES / "people-2012-old.html.url").write_text(
        "http://society.people.com.cn/GB/17299876.html\n", encoding="utf-8"
    )
    (FIXTURES / "mobile-2024.html").write_bytes(MOBILE.encode("utf-8"))


if __name__ == "__main__":
    main()
    more_fixtures()
