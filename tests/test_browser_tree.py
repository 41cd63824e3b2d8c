"""The Page is built from the tree a browser builds (HTML5, lexbor), within the work budget (issue 21)."""

from __future__ import annotations

import html
import pathlib
import random
import re
import zlib

import pytest
from lxml import html as lxml_html

import qizhi_parser
from qizhi_parser import Article
from qizhi_parser.decode import decode
from qizhi_parser.markup import page_from_html
from qizhi_parser.settings import MAX_DEPTH

from ._textdump import html_to_text
from .conftest import CORPUS, FIXTURES

PAGES = sorted(p for p in FIXTURES.iterdir() if p.suffix == ".html")
if CORPUS.is_dir():
    PAGES += sorted(CORPUS.iterdir())
    for folder in ("other-sites", "new-sites"):
        PAGES += sorted((CORPUS.parent / folder / "pages").iterdir())

SIMPLE = ("<html><head><title>一条新闻的标题</title></head><body>{}</body></html>")
ARTICLE = ("<h1>一条新闻的标题</h1><div>2024年05月10日08:00 来源：人民网</div>"
           "<p>第一段正文，讲述了一件事情。</p><p>第二段正文，讲完了这件事情。</p>")


# ------------------------------------------------------------------ as a browser builds it


def test_content_after_a_stray_html_end_is_read() -> None:
    """An included header that ends the document, then the whole article: libxml2 dropped the
    article; a browser moves it into the body."""
    page = "<html><body><div>网站头部</div></body></html>" + ARTICLE
    article = qizhi_parser.parse(page)
    assert article.headline == "一条新闻的标题"
    assert [p.text for p in article.paragraphs] == ["第一段正文，讲述了一件事情。", "第二段正文，讲完了这件事情。"]


def test_an_unclosed_svg_does_not_swallow_the_text() -> None:
    page = SIMPLE.format("<h1>一条新闻的标题</h1><svg width='10'><circle r='1'/>"
                         "<div>2024年05月10日08:00 来源：人民网</div><p>第一段正文，讲述了一件事情。</p>")
    article = qizhi_parser.parse(page)
    assert article.source is not None
    assert [p.text for p in article.paragraphs] == ["第一段正文，讲述了一件事情。"]


def test_a_second_body_tag_merges_its_attributes() -> None:
    page = "<html><body><h1>标题</h1><body class='show_text'><div>2024年05月10日08:00 来源：人民网</div>" \
           "<p>第一段正文，讲述了一件事情。</p></body></html>"
    blocks = page_from_html(page).blocks
    assert blocks[0].text == "标题"


def test_nested_links_come_out_as_a_browser_shows_them() -> None:
    """A link inside a link is closed where the second starts (HTML5): two links, each its text."""
    page = SIMPLE.format("<p><a href='/a.html'>甲<a href='/b.html'>乙</a>丙</a></p>")
    [block] = page_from_html(page).blocks
    assert [(link.text, link.href) for link in block.links] == [("甲", "/a.html"), ("乙", "/b.html")]


def test_nesting_deeper_than_the_bound_is_not_read() -> None:
    page = SIMPLE.format(ARTICLE + "<div>" * (MAX_DEPTH + 50) + "<p>很深的一段话。</p>" + "</div>" * (MAX_DEPTH + 50))
    article = qizhi_parser.parse(page)
    assert "很深的一段话。" not in article.text
    assert article.headline == "一条新闻的标题"
    assert any(i.code == "input-truncated" and "deeper than 256" in i.message for i in article.issues)


def test_a_text_run_over_the_bound_refuses_the_page() -> None:
    with pytest.raises(qizhi_parser.QizhiParserError, match="a text run of over 10,000,000 bytes"):
        qizhi_parser.parse(SIMPLE.format("<p>" + "很长的一段没有换行的正文，" * 300_000 + "</p>"))
    qizhi_parser.parse(SIMPLE.format(ARTICLE + "<p>" + "很长的正文，" * 100_000 + "</p>"))  # 1.8 MB: read


def test_messages_say_which_line_of_the_html_prints_the_block() -> None:
    page = "<html><body>\n<h1>标题</h1>\n<div>2024年05月10日08:00 来源：人民网</div>\n<p>正文第一段，讲述。</p>\n" \
           "<p>（编辑：）</p>\n</body></html>"
    article = qizhi_parser.parse(page)
    [message] = [i.message for i in article.issues if i.code == "credit-no-names"]
    assert message == "credit label '编辑' (line 5 of the HTML) has no names"


# ------------------------------------------------------------------ stray end tags lose no field


def _present(article: Article) -> dict[str, bool]:
    return {
        "headline": article.headline is not None,
        "published_at": article.published_at is not None,
        "source": article.source is not None,
        "breadcrumb": bool(article.breadcrumb),
        "body": bool(article.paragraphs),
        "credits": bool(article.credits),
    }


def _points(text: str, count: int, seed: int) -> list[int]:
    """``count`` places in the body where a tag starts, chosen by a seeded random draw."""
    body = max(0, text.find("<body"))
    starts = [m.start() for m in re.finditer("<[A-Za-z/]", text) if m.start() > body]
    rng = random.Random(seed)
    return sorted(rng.sample(starts, min(count, len(starts))))


@pytest.mark.slow
@pytest.mark.parametrize("token", ["</html>", "</body>", "<svg>"])
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name[:24])
def test_stray_end_tags_and_an_unclosed_svg_lose_no_field(path: pathlib.Path, token: str) -> None:
    """At 20 points of each real page (and fixture): every field the page gives, it still gives."""
    text = decode(path.read_bytes()).text
    try:
        clean = _present(qizhi_parser.parse(text))
    except qizhi_parser.NotAnArticleError:
        pytest.skip("no article in the page")
    lost = []
    for point in _points(text, 20, zlib.crc32(path.name.encode())):
        mutated = _present(qizhi_parser.parse(text[:point] + token + text[point:]))
        lost += [f"{name} at {point}" for name, there in clean.items() if there and not mutated[name]]
    assert lost == []


# ------------------------------------------------------------------ the reference tree (lxml)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name[:24])
def test_every_paragraph_is_text_the_reference_tree_shows(path: pathlib.Path) -> None:
    """lxml, kept as the reference builder: each paragraph the HTML5 walk reads is visible text
    of the same page in libxml2's tree too: in the text a browser's copy gives (tests/_textdump), or
    in the whole tree's text (where the two parsers cut blocks differently), or printed after a stray
    ``</body>``/``</html>``, where libxml2 stops reading and a browser does not."""
    data = path.read_bytes()
    try:
        article = qizhi_parser.parse(data)
    except qizhi_parser.NotAnArticleError:
        pytest.skip("no article in the page")
    reference = re.sub(r"\s+", "", html_to_text(data))
    whole = re.sub(r"\s+", "", lxml_html.document_fromstring(decode(data).text.encode("utf-8"),
                                                              parser=lxml_html.HTMLParser(encoding="utf-8"))
                   .text_content())
    source = decode(data).text
    stray = min((i for i in (source.find("</html>"), source.find("</body>")) if i >= 0), default=len(source))
    after = re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]*>", "", source[stray:])))  # libxml2 drops it
    for paragraph in article.paragraphs:
        text = re.sub(r"\s+", "", paragraph.text)
        assert text in reference or text in whole or text in after, text[:40]
