"""The public surface: exports, schema, round trips, error types."""

from __future__ import annotations

import json
import pathlib

import pytest

import qizhi_parser
from qizhi_parser import Article, CreditRole, NotAnArticleError, QizhiParserError
from qizhi_parser.cli import run

from .conftest import FIXTURES, SEED

EXPORTED = [
    "DEFAULT_MAX_BYTES",
    "SCRIPTS",
    "Article",
    "Credit",
    "CreditRole",
    "Crumb",
    "DecodeError",
    "Edition",
    "Image",
    "InputTooLargeError",
    "Issue",
    "MissingExtraError",
    "MissingFieldError",
    "NotAnArticleError",
    "Options",
    "Pagination",
    "Paragraph",
    "QizhiParserError",
    "Script",
    "Section",
    "Source",
    "TemplateError",
    "TemplateSet",
    "UrlInfo",
    "__version__",
    "convert_article",
    "explain",
    "load_templates",
    "parse",
    "parse_credits",
    "parse_file",
    "parse_html",
    "parse_pages",
    "parse_text",
    "read_time",
    "url_info",
]


def test_all_is_pinned_and_sorted() -> None:
    assert qizhi_parser.__all__ == EXPORTED
    # isort style: CONSTANTS, then Classes, then functions
    assert sorted(EXPORTED, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n)) == EXPORTED
    for name in qizhi_parser.__all__:
        assert hasattr(qizhi_parser, name), name


def test_json_schema() -> None:
    schema = Article.model_json_schema()
    assert schema["title"] == "Article"
    assert {"headline", "published_at", "credits", "sections"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False
    json.dumps(schema)


def test_credit_roles() -> None:
    assert [r.value for r in CreditRole] == [
        "editor", "responsible_editor", "submitter", "approver", "reviewer", "proofreader",
        "author", "reporter", "correspondent", "photographer", "translator", "supervisor", "coordinator",
        "planner", "other",
    ]


def test_models_are_frozen_and_closed() -> None:
    article = qizhi_parser.parse(SEED.read_bytes())
    with pytest.raises(Exception, match="frozen"):
        article.headline = "x"  # type: ignore[misc]
    data = json.loads(article.model_dump_json())
    data["unexpected"] = 1
    with pytest.raises(Exception, match="Extra inputs are not permitted"):
        Article.model_validate(data)


def test_errors_are_value_errors() -> None:
    assert issubclass(QizhiParserError, ValueError)
    with pytest.raises(NotAnArticleError):
        qizhi_parser.parse(b"")


def test_parse_rejects_wrong_type() -> None:
    with pytest.raises(TypeError, match="bytes or str"):
        qizhi_parser.parse(123)  # type: ignore[arg-type]


def test_cli_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([str(SEED)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["headline"].startswith("全國人大機關")
    assert out["published_at"] == "2020-02-17T16:01:00+08:00"


def test_cli_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "qizhi-parse batch record"


def test_cli_missing_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["/nonexistent/page.html"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_cli_usage() -> None:
    assert run([]) == 2


def test_parse_file_takes_a_charset_and_reads_no_more_than_the_limit(tmp_path: pathlib.Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes((FIXTURES / "qizhiwang-2020-gbk.html").read_bytes())
    assert qizhi_parser.parse_file(page, charset="gbk").encoding == "gb18030"
    with pytest.raises(qizhi_parser.InputTooLargeError):
        qizhi_parser.parse_file(page, max_bytes=100)


def test_the_pure_helpers() -> None:
    """The credit-line parser, the printed-time reader and the URL reader work on their own."""
    credits = qizhi_parser.parse_credits("（责任编辑：王乐文 审核：方敏）")
    assert [(c.role, c.names) for c in credits] == [(CreditRole.RESPONSIBLE_EDITOR, ["王乐文"]),
                                                   (CreditRole.REVIEWER, ["方敏"])]
    assert qizhi_parser.parse_credits("作者：") == []
    found = qizhi_parser.read_time("2024年03月12日07:45 | 来源：人民网－人民日报")
    assert found is not None
    assert (found[0].isoformat(), found[1]) == ("2024-03-12T07:45:00+08:00", "minute")
    assert qizhi_parser.read_time("2024-03-12 07:45:09")[1] == "second"  # type: ignore[index]
    assert qizhi_parser.read_time("第 05 版") is None
    info = qizhi_parser.url_info("http://society.people.com.cn/n1/2024/0312/c1008-40193831-2.html")
    assert info is not None
    assert (info.site, info.channel_id, info.content_id, info.page) == ("society.people.com.cn", "c1008", "40193831", 2)
