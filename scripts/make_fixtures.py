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


if __name__ == "__main__":
    main()
