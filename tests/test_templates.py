"""Templates as data: the bundled records, a user's own file, what a template does, bad files."""

from __future__ import annotations

import json
import pathlib
import pickle
import sys

import pytest

import qizhi_parser
from qizhi_parser import TemplateError, TemplateSet, load_templates
from qizhi_parser.cli import run
from qizhi_parser.decode import decode
from qizhi_parser.markup import page_from_html
from qizhi_parser.settings import RULES
from qizhi_parser.templates import BUNDLED, template_set
from qizhi_parser.vocab import Zone

from .conftest import FIXTURES, ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SITE = FIXTURES / "sites"
PAGE = SITE / "example-news-2024.html"
TEMPLATE = SITE / "example-news.toml"


# ------------------------------------------------------------------ the bundled records


def test_the_bundled_templates_are_the_site_files() -> None:
    """The bundled templates load the same way a user's file does: from qizhi_parser/sites/*.toml."""
    files = sorted((ROOT / "qizhi_parser" / "sites").glob("*.toml"))
    loaded = [t for path in files for t in load_templates(path).templates]
    assert [t.name for t in BUNDLED.templates] == [t.name for t in loaded]
    assert [t.name for t in BUNDLED.templates] == ["people-2024", "people-2019", "people-channel", "people-2012",
                                                  "people-epaper"]
    assert all(t.origin == "bundled" and t.family == "people" for t in BUNDLED.templates)
    assert BUNDLED.generic["share"] == Zone.CHROME


def test_every_bundled_signature_is_among_its_marks() -> None:
    for template in BUNDLED.templates:
        assert template.signature <= set(template.marks), template.name


@pytest.mark.parametrize(("name", "template"), [("003-finance", "people-2024"), ("002-culture", "people-2019"),
                                                ("004-health", "people-channel")])
def test_a_template_decides_the_fast_path(name: str, template: str) -> None:
    from .conftest import corpus_page

    page = page_from_html(decode(corpus_page(name).read_bytes()).text)
    assert page.template is not None
    assert page.template.name == template
    assert page.partial  # only its containers were walked


def test_no_template_no_fast_path() -> None:
    page = page_from_html(decode((FIXTURES / "qizhiwang-2020-gbk.html").read_bytes()).text)
    assert page.template is None
    assert not page.partial


# ------------------------------------------------------------------ a template's marks are its own

BARE = ("<html><head><title>一条新闻的标题</title></head><body><h1>一条新闻的标题</h1>"
        "<div class='{info}'>2024年05月10日08:00 来源：人民网</div>"
        "<div class='{body}'><p>第一段正文，讲述了一件事情。</p><p>第二段正文，讲完了。</p></div></body></html>")


def test_a_templates_marks_name_zones_on_its_own_pages_only() -> None:
    """rm_txt_con is people-2024's body: on a page of that template (col-1-1 beside it) it is
    the body container; on a page that has it alone, nothing."""
    own = qizhi_parser.parse(BARE.format(info="col-1-1", body="rm_txt_con"))
    assert own.provenance["template"] == "people-2024"
    assert own.provenance["sections"] == "html:body"
    stranger = qizhi_parser.parse(BARE.format(info="meta", body="rm_txt_con"))
    assert stranger.provenance["template"] == "generic"
    assert stranger.provenance["sections"] == "html:after-header"
    assert [p.text for p in stranger.paragraphs] == [p.text for p in own.paragraphs]


def test_generic_marks_apply_on_every_page() -> None:
    page = page_from_html("<html><body><div class='share'>微信 微博</div><p>正文。</p></body></html>")
    assert page.blocks[0].zone == Zone.CHROME


# ------------------------------------------------------------------ a user's own site


def _parse(templates: object = None) -> qizhi_parser.Article:
    return qizhi_parser.parse(PAGE.read_bytes(), templates=templates)  # type: ignore[arg-type]


def test_a_user_template_names_its_regions() -> None:
    article = _parse(TEMPLATE)
    assert article.provenance["template"] == "example-news-2024"
    assert article.headline == "社区图书馆延长开放时间"
    assert article.pretitle == "方便市民下班后阅读"  # a <p> the template marks as the 引题
    assert article.subtitle == "夜间阅览座位增至一百二十个"
    assert [c.text for c in article.breadcrumb] == ["首页", "城市", "民生"]
    assert article.provenance["breadcrumb"] == "html:breadcrumb"
    assert article.provenance["sections"] == "html:body"
    assert article.source is not None
    assert article.source.name == "示例城市日报"
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2024-03-08T09:30:00+08:00"
    assert [(c.role.value, c.names) for c in article.credits] == [
        ("reporter", ["林晓"]), ("correspondent", ["周安"]), ("responsible_editor", ["吴静"])]
    assert article.issues == []


def test_a_user_templates_settings_change_a_rule() -> None:
    """The site sets its section headings as bold lines of 64 characters: over the default
    threshold a bold paragraph, under the template's 80 a heading."""
    with_template, without = _parse(TEMPLATE), _parse()
    assert with_template.headings == [with_template.headings[0]]
    assert len(with_template.headings[0]) == 64
    assert without.headings == []
    assert len(without.paragraphs) == len(with_template.paragraphs) + 1


def test_without_the_file_the_page_is_read_by_the_generic_rules() -> None:
    article = _parse()
    assert article.provenance["template"] == "generic"
    assert article.pretitle is None  # nothing says the <p> above the <h1> is a 引题
    assert article.headline == "社区图书馆延长开放时间"


def test_a_json_template_file_reads_as_the_toml(tmp_path: pathlib.Path) -> None:
    data = tomllib.loads(TEMPLATE.read_text(encoding="utf-8"))
    as_json = tmp_path / "example-news.json"
    as_json.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert _parse(as_json) == _parse(TEMPLATE)


def test_a_user_template_replaces_a_bundled_one_of_its_name(tmp_path: pathlib.Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text('[[templates]]\nname = "people-2024"\nsignature = ["my-body"]\n'
                    '[templates.marks]\nmy-body = "body"\n', encoding="utf-8")
    templates = template_set(mine)
    assert [t.name for t in templates.templates].count("people-2024") == 1
    assert templates.templates[0].origin == str(mine)
    assert templates.match(frozenset({"col-1-1", "rm_txt_con"})) is None  # the bundled record is gone


def test_several_files_the_first_tried_first(tmp_path: pathlib.Path) -> None:
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    for path, name in ((first, "a"), (second, "b")):
        path.write_text(f'[[templates]]\nname = "{name}"\nsignature = ["x"]\n[templates.marks]\nx = "body"\n',
                        encoding="utf-8")
    assert [t.name for t in template_set([first, second]).templates][:2] == ["a", "b"]


def test_a_file_is_read_once_while_unchanged(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text('[[templates]]\nname = "t"\nsignature = ["x"]\n[templates.marks]\nx = "body"\n', encoding="utf-8")
    assert template_set(path) is template_set(str(path))
    path.write_text('[[templates]]\nname = "t2"\nsignature = ["xy"]\n[templates.marks]\nxy = "body"\n',
                    encoding="utf-8")
    assert template_set(path).templates[0].name == "t2"


def test_template_sets_pickle_for_worker_processes() -> None:
    templates = template_set(TEMPLATE)
    copy = pickle.loads(pickle.dumps(templates))
    assert isinstance(copy, TemplateSet)
    assert [t.name for t in copy.templates] == [t.name for t in templates.templates]
    assert qizhi_parser.parse(PAGE.read_bytes(), templates=copy) == _parse(TEMPLATE)
    options = qizhi_parser.Options.of(templates=TEMPLATE)
    assert pickle.loads(pickle.dumps(options)).templates.templates[0].name == "example-news-2024"


def test_the_command_line_takes_templates(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([str(PAGE), "--templates", str(TEMPLATE), "-q"]) == 0
    article = json.loads(capsys.readouterr().out)
    assert article["provenance"]["template"] == "example-news-2024"
    assert article["pretitle"] == "方便市民下班后阅读"


def test_the_command_line_refuses_a_bad_template_file(tmp_path: pathlib.Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[templates]]\nname = "x"\nsignature = ["a"]\n[templates.marks]\na = "bodyy"\n', encoding="utf-8")
    assert run([str(PAGE), "--templates", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "--templates" in err
    assert "unknown zone 'bodyy'" in err


# ------------------------------------------------------------------ bad files, clear errors

T = '[[templates]]\nname = "x"\nsignature = ["a"]\n'
BAD_FILES = [
    ("not-toml", "[[templates]\nname = ", "is not valid TOML"),
    ("not-a-table", '"just a string"', "is not valid TOML"),
    ("unknown-top-key", 'tempaltes = []\n', "unknown key(s) tempaltes"),
    ("unknown-template-key", T + 'sigature = ["a"]\n[templates.marks]\na = "body"\n', "unknown key(s) sigature"),
    ("no-name", '[[templates]]\nsignature = ["a"]\n[templates.marks]\na = "body"\n', "needs a name"),
    ("no-signature", '[[templates]]\nname = "x"\n[templates.marks]\na = "body"\n', "needs a signature"),
    ("unknown-zone", T + '[templates.marks]\na = "bodyy"\n', "unknown zone 'bodyy'"),
    ("signature-not-marked", T + '[templates.marks]\nb = "body"\n', "signature mark(s) a are not among its marks"),
    ("mark-with-space", T + '[templates.marks]\na = "body"\n"b c" = "info"\n', "holds a space"),
    ("unknown-setting", T + '[templates.marks]\na = "body"\n[templates.settings]\nmax_bold = 3\n',
     "unknown rule setting 'max_bold'"),
    ("setting-type", T + '[templates.marks]\na = "body"\n[templates.settings]\nmax_bold_heading = "80"\n',
     "must be an integer"),
    ("negative-setting", T + '[templates.marks]\na = "body"\n[templates.settings]\ntitle_reach = -1\n',
     "must not be negative"),
    ("twice", T + '[templates.marks]\na = "body"\n' + T + '[templates.marks]\na = "body"\n', "given twice"),
    ("empty", "", "holds no templates and no generic marks"),
]


@pytest.mark.parametrize(("content", "message"), [(c, m) for _, c, m in BAD_FILES], ids=[n for n, _, _ in BAD_FILES])
def test_a_bad_template_file_is_a_clear_error(tmp_path: pathlib.Path, content: str, message: str) -> None:
    path = tmp_path / "sites.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TemplateError) as raised:
        qizhi_parser.parse(PAGE.read_bytes(), templates=path)
    assert message in str(raised.value)
    assert str(path) in str(raised.value)


def test_bad_json_is_a_clear_error(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "sites.json"
    path.write_text('{"templates": [', encoding="utf-8")
    with pytest.raises(TemplateError, match="is not valid JSON"):
        load_templates(path)


def test_a_missing_or_unreadable_file_is_a_clear_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(TemplateError, match="cannot be read"):
        qizhi_parser.parse(PAGE.read_bytes(), templates=tmp_path / "nope.toml")
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(TemplateError, match="is not UTF-8"):
        load_templates(binary)


def test_a_wrong_argument_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="templates must be"):
        qizhi_parser.parse(PAGE.read_bytes(), templates=42)  # type: ignore[arg-type]


def test_rules_replace_checks_its_settings() -> None:
    assert RULES.replace(max_bold_heading=80).max_bold_heading == 80
    assert RULES.replace(related_share=0.5).related_share == 0.5
    with pytest.raises(TypeError, match="unknown rule setting"):
        RULES.replace(nope=1)
    with pytest.raises(TypeError, match="must be an integer"):
        RULES.replace(title_reach=2.5)
    with pytest.raises(TypeError, match="must be a number"):
        RULES.replace(related_share="x")
