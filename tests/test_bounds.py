"""Bounded work and clean values for every input (each case met while probing the library).

Outcomes only: how long these take is shown by ``benchmarks/scaling.py``, never timed here.
"""

from __future__ import annotations

import re
import typing

import pytest

import qizhi_parser
from qizhi_parser import DecodeError, QizhiParserError
from qizhi_parser.models import ISSUE_CODES, IssueCode
from qizhi_parser.templates import BUNDLED

from .conftest import ROOT

HEAD = "<html><body><h1>一条新闻的标题</h1><div>2024年05月10日06:58 来源：人民网</div>"
PROSE = "<p>　　第一段正文，讲述了一件事情的来龙去脉。</p><p>　　第二段正文，补充了更多的细节和背景。</p>"
URL = "http://www.people.com.cn/n1/2024/0510/c1004-40232587.html"


def codes(article: qizhi_parser.Article) -> list[str]:
    return [i.code for i in article.issues]


# ------------------------------------------------------------------ the work budget

BUDGET_CASES = [
    ("edition-spaces", HEAD + "<p>《" + "&#xa0;" * 20_000 + "&gt;&gt;</p>" + PROSE, None),
    ("edition-ideographic-spaces", HEAD + "<p>《" + "\u3000" * 48_000 + "</p>" + PROSE, None),
    ("attributes-80k", HEAD + "<p " + " ".join(f"a{i}=x" for i in range(80_000)) + ">正文。</p>" + PROSE,
     "input-truncated"),
    ("unclosed-p-10mb", HEAD + "<p>正文第一段，讲述。" * 700_000, "input-truncated"),
    ("images-600k", HEAD + "<p>正文第一段，讲述。" + "<img src='/a.jpg'>" * 600_000 + "</p>", "input-truncated"),
    ("sibling-h1-600k", "<h1>标题</h1>" * 600_000, "input-truncated"),
    ("br-2.5m", HEAD + "<p>正文" + "<br>" * 2_500_000 + "</p>" + PROSE, "input-truncated"),
    ("data-uri-11mb", HEAD + "<p>正文。<img src='data:image/png;base64," + "A" * 11_000_000 + "'></p>" + PROSE,
     "input-truncated"),
]


@pytest.mark.parametrize(("html", "code"), [c[1:] for c in BUDGET_CASES], ids=[c[0] for c in BUDGET_CASES])
def test_work_budget(html: str, code: str | None) -> None:
    try:
        article = qizhi_parser.parse(html, url=URL, max_bytes=None)
    except QizhiParserError:
        return  # a typed refusal is an outcome too; what matters is that it came (and quickly: see scaling.py)
    assert len(article.images) <= 200
    assert len(article.paragraphs) <= 20_000
    if code is not None:
        assert code in codes(article)


def test_twenty_million_newlines_in_a_dump() -> None:
    dump = "标题\n\n2024年05月10日06:58 来源：人民网\n\n正文第一段，讲述。" + "\n" * 20_000_000
    article = qizhi_parser.parse_text(dump, max_bytes=None)
    assert article.headline == "标题"
    assert "input-truncated" in codes(article)


def test_the_zone_cache_holds_no_huge_keys() -> None:
    before = BUNDLED.cache_size()
    for i in range(5):
        qizhi_parser.parse(HEAD + f"<div class='{'x' * 100_000}{i}'>" + PROSE + "</div></body></html>")
    assert BUNDLED.cache_size() <= before + 2


# ------------------------------------------------------------------ one bad value costs one field


@pytest.mark.parametrize(
    "link",
    ["http://www.xinhuanet.com：80/", "http://[www.xinhuanet.com/", "http://www.people.com.cn:99999/"],
    ids=["full-width-colon", "unbalanced-bracket", "bad-port"],
)
def test_an_unreadable_link_costs_only_that_link(link: str) -> None:
    html = HEAD.replace("来源：人民网", f"来源：<a href='{link}'>新华网</a>") + PROSE + "</body></html>"
    article = qizhi_parser.parse(html, url=URL)
    assert article.source is not None
    assert article.source.name == "新华网"
    assert article.source.url is None
    assert "unsafe-url" in codes(article)
    assert len(article.paragraphs) == 2


def test_an_out_of_range_meta_date_costs_nothing_else() -> None:
    html = ("<html><head><meta name='publishdate' content='9999-12-31T23:59:59-14:00'></head><body>"
            "<h1>标题</h1><div>来源：人民网</div>" + PROSE + "</body></html>")
    article = qizhi_parser.parse(html)
    assert article.headline == "标题"
    assert article.published_at is None
    assert [p.text[:5] for p in article.paragraphs][-2:] == ["第一段正文", "第二段正文"]
    assert "extract-failed" not in codes(article)


def test_a_huge_page_number_in_the_url() -> None:
    url = "http://www.people.com.cn/n1/2024/0510/c1004-40232587-" + "9" * 5000 + ".html"
    article = qizhi_parser.parse(HEAD + PROSE + "</body></html>", url=url)
    assert "unsafe-url" in codes(article)  # over 2048 characters: not kept
    assert article.url is None
    assert len(article.paragraphs) == 2


def _broken(*args: object) -> None:
    raise ValueError("boom")


@pytest.mark.parametrize("stage", ["layout", "extractor"])
def test_strict_raises_when_a_field_failed(monkeypatch: pytest.MonkeyPatch, stage: str) -> None:
    from qizhi_parser import core
    from qizhi_parser.layout import stage as layout_stage

    if stage == "layout":  # finding the path line fails
        monkeypatch.setattr(layout_stage, "locate_path", _broken)
    else:  # reading it fails
        monkeypatch.setattr(core, "extract_breadcrumb", _broken)
    article = qizhi_parser.parse(HEAD + PROSE + "</body></html>")
    failed = [(i.field, i.code) for i in article.issues if i.code == "extract-failed"]
    assert failed == [("breadcrumb", "extract-failed")]
    assert article.headline == "一条新闻的标题"
    with pytest.raises(QizhiParserError, match="breadcrumb could not be read"):
        qizhi_parser.parse(HEAD + PROSE + "</body></html>", strict=True)


# ------------------------------------------------------------------ safe URLs

UNSAFE_HREFS = [" javascript:alert(1)", "java\tscript:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PGI+",
                "JAVASCRIPT:alert(1)", "http://" + "a" * 3000 + ".cn/"]


@pytest.mark.parametrize("href", UNSAFE_HREFS, ids=["space", "tab", "vbscript", "data", "upper", "too-long"])
def test_unsafe_urls_are_dropped_everywhere(href: str) -> None:
    html = (
        "<html><body><div id='rwb_navpath'><a href='" + href + "'>人民网</a> &gt;&gt; <a href='" + href + "'>文化</a>"
        "</div><h1>标题</h1><div class='box01'>2024年05月10日06:58 来源：<a href='" + href + "'>人民网</a></div>"
        "<div class='rm_txt_con'>" + PROSE + "<p><img src='" + href + "'></p></div>"
        "<div class='zdfy'><a href='" + href + "'>【1】</a><a href='" + href + "'>【2】</a></div></body></html>"
    )
    article = qizhi_parser.parse(html, url=URL)
    urls = [c.url for c in article.breadcrumb] + [article.source.url if article.source else None]
    urls += [i.src for i in article.images] + (article.pagination.other_urls if article.pagination else [])
    assert all(u is None for u in urls), urls
    assert "unsafe-url" in codes(article)


def test_base_href_resolves_links() -> None:
    html = ("<html><head><base href='http://www.qizhiwang.org.cn/n1/'></head><body><h1>标题</h1>"
            "<div>2024年05月10日06:58 来源：<a href='src.html'>旗帜网</a></div>" + PROSE + "</body></html>")
    article = qizhi_parser.parse(html, url=URL)
    assert article.source is not None
    assert article.source.url == "http://www.qizhiwang.org.cn/n1/src.html"


def test_every_url_is_absolute_http() -> None:
    for path in sorted((ROOT / "fixtures").glob("*.html")):
        article = qizhi_parser.parse(path.read_bytes())
        urls = [article.url, article.source.url if article.source else None]
        urls += [c.url for c in article.breadcrumb] + [i.src for i in article.images]
        urls += article.pagination.other_urls if article.pagination else []
        assert all(u is None or re.match(r"^https?://[^\s]+$", u) for u in urls), (path.name, urls)


# ------------------------------------------------------------------ clean text

DIRTY = "正文&#1;第一段&#x1b;[31m，讲&#x202E;述&#x2066;了一件事&#x7f;情&#x85;。"


def test_controls_and_bidi_are_removed_on_the_html_path() -> None:
    article = qizhi_parser.parse(HEAD.replace("标题", "标&#x202E;题") + f"<p>{DIRTY}</p>" + PROSE + "</body></html>")
    text = article.model_dump_json()
    assert not re.search(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", article.headline + article.text)
    assert "controls-removed" in codes(article)
    assert text


def test_controls_and_surrogates_are_removed_on_the_text_path() -> None:
    dump = "标\ud800题\n\n2024年05月10日06:58 来源：人民网\n\n正文\x01第一段\u202e，讲述\x1b[31m了一件事情。\n"
    article = qizhi_parser.parse(dump)
    assert article.headline == "标题"
    assert article.paragraphs[0].text == "正文第一段，讲述[31m了一件事情。"
    assert "controls-removed" in codes(article)
    article.model_dump_json()  # never fails on a returned Article


# ------------------------------------------------------------------ web encodings, arguments


@pytest.mark.parametrize("label", ["unicode_escape", "raw_unicode_escape", "utf-7", "punycode", "cp037"])
def test_only_web_encoding_labels_are_honoured(label: str) -> None:
    page = f"<html><head><meta charset='{label}'></head><body><h1>标题</h1>".encode() + PROSE.encode("gbk")
    article = qizhi_parser.parse(page)
    assert article.encoding == "gb18030"
    assert "charset-mismatch" in codes(article)
    with pytest.raises(ValueError, match="web encoding"):
        qizhi_parser.parse(page, charset=label)


def test_bom_and_garbage_is_refused_like_garbage() -> None:
    import random

    garbage = random.Random(7).randbytes(200_000)
    with pytest.raises(DecodeError):
        qizhi_parser.parse(b"\xef\xbb\xbf" + garbage)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [({"charset": 123}, TypeError), ({"url": 123}, TypeError), ({"max_bytes": "10"}, TypeError),
     ({"max_bytes": True}, TypeError), ({"url": "http://x.cn/" + "a" * 10_000}, ValueError),
     ({"charset": "x" * 100}, ValueError)],
    ids=["charset-int", "url-int", "max-bytes-str", "max-bytes-bool", "url-long", "charset-long"],
)
def test_wrong_arguments(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        qizhi_parser.parse(HEAD + PROSE, **kwargs)  # type: ignore[arg-type]


# ------------------------------------------------------------------ text dumps


def test_an_impossible_date_line_never_joins_the_headline() -> None:
    article = qizhi_parser.parse_text("标题\n9999年99月99日99:99 来源：人民网\n\n正文第一段，讲述了一件事情。\n")
    assert article.headline == "标题"
    assert article.source is not None
    assert article.source.name == "人民网"
    assert "implausible-date" in codes(article)


@pytest.mark.parametrize("line", ["<!DOCTYPE html>", '<!DOCTYPE html [<!ENTITY a "aaaa">]>', '<?xml version="1.0"?>'])
def test_declarations_are_never_field_text(line: str) -> None:
    article = qizhi_parser.parse_text(f"{line}\n标题\n\n2024年05月10日06:58 来源：人民网\n\n正文第一段，讲述。\n")
    assert article.headline == "标题"


# ------------------------------------------------------------------ the issue-code registry


def test_issue_codes_are_one_registry() -> None:
    assert set(typing.get_args(IssueCode)) == set(ISSUE_CODES)


def test_the_docs_list_every_issue_code_and_no_other() -> None:
    fields = (ROOT / "docs" / "fields.md").read_text(encoding="utf-8")
    section = fields[fields.index("| issue code |"):].split("\n\n")[0]
    table = set(re.findall(r"^\| `([a-z-]+)` \| ", section, re.M))
    assert table == set(ISSUE_CODES)
