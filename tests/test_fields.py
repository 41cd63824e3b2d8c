"""Field rules on small pages written for the case: fallbacks, cross-checks, strict mode."""

from __future__ import annotations

import datetime as dt

import pytest

import qizhi_parser
from qizhi_parser import CreditRole, MissingFieldError, NotAnArticleError

from .conftest import FIXTURES

BODY = "<p>　　第一段正文，讲述了一件事情的来龙去脉。</p><p>　　第二段正文，补充了更多的细节和背景。</p>"


def page(head: str = "", top: str = "", body: str = BODY, tail: str = "") -> str:
    return (
        f"<html><head><meta charset='utf-8'>{head}</head><body>{top}"
        f"<div class='rm_txt_con'>{body}</div>{tail}</body></html>"
    )


def codes(article: qizhi_parser.Article) -> list[str]:
    return [i.code for i in article.issues]


def test_headline_falls_back_to_title_tag_with_issue() -> None:
    html = page(
        head="<title>一条新闻的标题--旗帜网</title>",
        top="<div class='box01'>2024年05月10日06:58 来源：旗帜网</div>",
    )
    article = qizhi_parser.parse(html)
    assert article.headline == "一条新闻的标题"
    assert article.provenance["headline"] == "html:title"
    assert "headline-from-title" in codes(article)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网 ", "女儿出嫁，郑板桥画了几笔兰花当嫁妆"),
        ("标题甲_人民网", "标题甲"),
        ("标题乙--旗帜网", "标题乙"),
        ("没有后缀的标题", "没有后缀的标题"),
    ],
)
def test_title_suffixes(title: str, expected: str) -> None:
    article = qizhi_parser.parse(page(head=f"<title>{title}</title>"))
    assert article.headline == expected


def test_meta_date_when_no_time_is_printed() -> None:
    html = page(head="<meta name='publishdate' content='2024-05-10'>", top="<h1>标题</h1><div>来源：人民网</div>")
    article = qizhi_parser.parse(html)
    assert article.published_at == dt.datetime(2024, 5, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert article.published_precision == "day"
    assert article.provenance["published_at"] == "meta:publishdate"
    assert "time-unknown" in codes(article)


def test_printed_time_wins_over_meta_and_url_with_issues() -> None:
    html = page(
        head="<meta name='publishdate' content='2024-05-09'>",
        top="<h1>标题</h1><div class='col-1-1'>2024年05月10日06:58 | 来源：人民网</div>",
    )
    article = qizhi_parser.parse(html, url="http://finance.people.com.cn/n1/2024/0508/c1004-40232587.html")
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2024-05-10T06:58:00+08:00"
    assert {"meta-date-mismatch", "url-date-mismatch"} <= set(codes(article))


@pytest.mark.parametrize("printed", ["1985年05月10日06:58", "2099年05月10日06:58", "2024年13月40日06:58"])
def test_implausible_dates_are_rejected(printed: str) -> None:
    article = qizhi_parser.parse(page(top=f"<h1>标题</h1><div class='box01'>{printed} 来源：人民网</div>"))
    assert article.published_at is None
    assert "missing" in codes(article) or "implausible-date" in codes(article)


def test_source_from_meta_is_a_fallback_with_issue() -> None:
    html = page(head="<meta name='source' content='来源：人民日报'>", top="<h1>标题</h1><div>2024年05月10日06:58</div>")
    article = qizhi_parser.parse(html)
    assert article.source is not None
    assert article.source.name == "人民日报"
    assert article.provenance["source"] == "meta:source"
    assert "source-from-meta" in codes(article)


def test_numeric_staff_ids_are_never_names() -> None:
    html = page(head="<meta name='author' content='104363'><meta name='editor' content='1610'>", top="<h1>标题</h1>")
    article = qizhi_parser.parse(html)
    assert article.credits == []


def test_credit_label_without_names_is_an_issue() -> None:
    article = qizhi_parser.parse(page(top="<h1>标题</h1>", tail="<div class='edit'>(编辑：)</div>"))
    assert article.credits == []
    assert "credit-no-names" in codes(article)


def test_visible_original_headline_line_is_not_a_paragraph() -> None:
    body = "<p>原标题：旧的标题</p>" + BODY
    article = qizhi_parser.parse(page(top="<h1>新的标题</h1>", body=body))
    assert article.original_headline == "旧的标题"
    assert all("原标题" not in p.text for p in article.paragraphs)


def test_closing_reporter_bracket_stays_in_text() -> None:
    body = "<p>　　这是唯一的一段正文，说完了。（记者宋晨、田中全）</p>"
    article = qizhi_parser.parse(page(top="<h1>标题</h1>", body=body))
    assert article.paragraphs[-1].text.endswith("（记者宋晨、田中全）")
    assert [(c.role, c.names) for c in article.credits] == [(CreditRole.REPORTER, ["宋晨", "田中全"])]


def test_hidden_elements_are_not_body() -> None:
    body = BODY + "<p style='display:none'>隐藏的段落不应出现。</p>"
    article = qizhi_parser.parse(page(top="<h1>标题</h1>", body=body))
    assert all("隐藏" not in p.text for p in article.paragraphs)
    assert len(article.paragraphs) == 2


def test_strict_mode_names_every_missing_field() -> None:
    with pytest.raises(MissingFieldError) as info:
        qizhi_parser.parse(page(top="<h1>标题</h1>"), strict=True)
    assert info.value.fields == ["published_at", "source"]
    lenient = qizhi_parser.parse(page(top="<h1>标题</h1>"))
    assert {"published_at", "source"} <= {i.field for i in lenient.issues}


def test_strict_mode_passes_a_complete_page() -> None:
    article = qizhi_parser.parse((FIXTURES / "qizhiwang-2020-gbk.html").read_bytes(), strict=True)
    assert article.headline


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\t ",
        "<html><head><title>404 Not Found</title></head><body><h2>Not Found</h2></body></html>",
        "<html><head><title>要闻--人民网</title></head><body><ul>"
        + "".join(f"<li><a href='/n1/2024/0510/c1-{i}.html'>新闻标题{i}</a> 2024-05-10</li>" for i in range(30))
        + "</ul></body></html>",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"%PDF-1.7\n",
    ],
    ids=["empty", "whitespace", "error-page", "list-page", "png", "pdf"],
)
def test_not_an_article(data: bytes | str) -> None:
    with pytest.raises(NotAnArticleError):
        qizhi_parser.parse(data)


def test_parse_pages_joins_in_page_order() -> None:
    def part(n: int, paras: list[str]) -> str:
        pager = "".join(f"<a href='/n1/2024/0510/c1004-1-{k}.html'>【{k}】</a>" for k in (1, 2))
        body = "".join(f"<p>　　{t}</p>" for t in paras) + f"<div class='zdfy'>{pager}</div>"
        return page(
            top="<h1>长文标题</h1><div class='box01'>2024年05月10日06:58 来源：人民网</div>",
            body=body,
            tail="<div class='edit'>(责编：张三)</div>",
        )

    base = "http://x.people.com.cn/n1/2024/0510/c1004-1"
    one = qizhi_parser.parse(part(1, ["第一页第一段。", "第一页第二段。"]), url=f"{base}-1.html")
    two = qizhi_parser.parse(part(2, ["第二页第一段。"]), url=f"{base}-2.html")
    assert one.pagination is not None
    assert (one.pagination.current, one.pagination.total) == (1, 2)
    joined = qizhi_parser.parse_pages([two, one])
    assert [p.text for p in joined.paragraphs] == ["第一页第一段。", "第一页第二段。", "第二页第一段。"]
    assert [c.names for c in joined.credits] == [["张三"]]
    assert "pages-disagree" not in codes(joined)


def test_parse_pages_reports_disagreeing_pages() -> None:
    def part(title: str, when: str, n: int) -> str:
        pager = "".join(f"<a href='/n1/2024/0510/c1004-2-{k}.html'>【{k}】</a>" for k in (1, 2, 3))
        return page(
            top=f"<h1>{title}</h1><div class='box01'>{when} 来源：人民网</div>",
            body=f"<p>　　第{n}页的正文段落。</p><div class='zdfy'>{pager}</div>",
        )

    base = "http://x.people.com.cn/n1/2024/0510/c1004-2"
    one = qizhi_parser.parse(part("标题", "2024年05月10日06:58", 1), url=f"{base}.html")
    two = qizhi_parser.parse(part("另一个标题", "2024年05月11日07:00", 2), url=f"{base}-2.html")
    joined = qizhi_parser.parse_pages([one, two])
    assert joined.headline == "标题"
    assert [(i.field, i.code) for i in joined.issues if i.code.startswith("pages")] == [
        ("headline", "pages-disagree"),
        ("published_at", "pages-disagree"),
        ("pagination", "pages-missing"),
    ]
    assert joined.pagination is not None
    assert joined.pagination.total == 3
