"""Simplified ⇄ traditional conversion of parsed Articles (OpenCC, the ``opencc`` extra)."""

from __future__ import annotations

import json
import sys
import threading

import pytest

import qizhi_parser
from qizhi_parser import Article, CreditRole, MissingExtraError, convert_article
from qizhi_parser.convert import convert_text

from ._compare import ASCII_PUNCT, fields
from .conftest import FIXTURES, SEED

pytest.importorskip("opencc", reason="the opencc extra is not installed")

SIMPLIFIED_DUMP = FIXTURES / "qizhiwang-2020-simplified.txt"
#: The reader-facing fields the issue asks to match across the two scripts.
COMPARED = ("headline", "headline_lines", "breadcrumb", "headings", "leads", "paragraphs", "credits")


def _seed_pair() -> tuple[dict[str, object], dict[str, object]]:
    converted = qizhi_parser.parse_file(SEED, script="Hans")
    printed = qizhi_parser.parse_file(SIMPLIFIED_DUMP)
    # the two dumps print some punctuation differently (ASCII , : ( ) in the seed)
    return fields(converted, ascii_punct=True), fields(printed, ascii_punct=True)


@pytest.mark.parametrize("key", COMPARED)
def test_seed_in_simplified_is_the_simplified_dump(key: str) -> None:
    converted, printed = _seed_pair()
    assert converted[key] == printed[key]


def test_seed_credits_keep_their_roles_in_simplified() -> None:
    article = qizhi_parser.parse_file(SEED, script="Hans")
    assert [(c.role, c.label, c.names) for c in article.credits] == [
        (CreditRole.EDITOR, "编辑", ["冯爱龄"]),
        (CreditRole.SUBMITTER, "送签", ["冯爱龄"]),
        (CreditRole.APPROVER, "签发", ["徐雅维"]),
    ]
    assert [c.text for c in article.breadcrumb][-1] == "党委(党组)之声"


def test_script_fields_and_provenance() -> None:
    article = qizhi_parser.parse_file(SEED, script="Hans")
    assert (article.script, article.printed_script) == ("Hans", "Hant")
    assert article.provenance["script"] == "opencc:t2s"
    assert article.published_raw == qizhi_parser.parse_file(SEED).published_raw  # evidence is not converted
    plain = qizhi_parser.parse_file(SEED)
    assert (plain.script, plain.printed_script) == ("Hant", "Hant")
    assert "script" not in plain.provenance


def _same_but_variants(converted: str, printed: str) -> bool:
    """Equal, or differing only where the page kept another variant of the same word (the
    mirrors convert character by character and keep 后, 干, 了解 … where OpenCC writes 後,
    幹, 瞭解 by the phrase): at every differing place both read the same in simplified
    script, and such places are at most 5 % of the text. Punctuation the two print
    differently (；/﹔, ，/,) is folded first."""
    converted, printed = converted.translate(ASCII_PUNCT), printed.translate(ASCII_PUNCT)
    if len(converted) != len(printed):
        return False
    differing = [i for i, (a, b) in enumerate(zip(converted, printed, strict=True)) if a != b]
    if not differing:
        return True
    back, printed_back = convert_text(converted, "Hans"), convert_text(printed, "Hans")
    if len(back) != len(converted) or len(printed_back) != len(printed):
        return False
    return len(differing) <= len(converted) // 20 + 1 and all(back[i] == printed_back[i] for i in differing)


BIG5_PAIRS = [
    ("qizhiwang-2020-gbk.html", "qizhiwang-2020-big5.html"),
    ("people-2024-gbk.html", "people-2024-big5.html"),
]


@pytest.mark.parametrize(("simplified", "traditional"), BIG5_PAIRS, ids=[p[1] for p in BIG5_PAIRS])
@pytest.mark.parametrize("key", ["headline", "breadcrumb", "headings", "leads", "paragraphs", "credit names"])
def test_simplified_page_in_traditional_is_its_big5_rendition(simplified: str, traditional: str, key: str) -> None:
    converted = qizhi_parser.parse_file(FIXTURES / simplified, script="Hant")
    printed = qizhi_parser.parse_file(FIXTURES / traditional)
    assert converted.script == printed.script == "Hant"

    def texts(a: Article) -> list[str]:
        views = {
            "headline": [a.headline],
            "breadcrumb": [c.text for c in a.breadcrumb],
            "headings": a.headings,
            "leads": [p.lead or "" for p in a.paragraphs],
            "paragraphs": [p.text for p in a.paragraphs],
            "credit names": [n for c in a.credits for n in c.names],
        }
        return views[key]

    got, want = texts(converted), texts(printed)
    assert len(got) == len(want)
    assert all(_same_but_variants(g, w) for g, w in zip(got, want, strict=True)), (got, want)


def test_credit_names_join_across_scripts() -> None:
    traditional = qizhi_parser.parse_file(FIXTURES / "qizhiwang-2020-big5.html", script="Hans")
    simplified = qizhi_parser.parse_file(FIXTURES / "qizhiwang-2020-gbk.html")
    assert {n for c in traditional.credits for n in c.names} == {n for c in simplified.credits for n in c.names}


def test_conversion_is_idempotent_and_free_when_already_in_script() -> None:
    article = qizhi_parser.parse_file(FIXTURES / "qizhiwang-2020-gbk.html")
    assert convert_article(article, "Hans") is article
    twice = convert_article(convert_article(article, "Hant"), "Hant")
    assert twice == convert_article(article, "Hant")


def test_round_trip_keeps_phrases_and_json() -> None:
    assert convert_text(convert_text("乾隆年间的干部", "Hant"), "Hans") == "乾隆年间的干部"
    article = qizhi_parser.parse_file(SEED, script="Hans")
    assert Article.model_validate_json(article.model_dump_json()) == article


def test_urls_and_raw_values_are_not_converted() -> None:
    article = qizhi_parser.parse_file(FIXTURES / "people-2024-big5.html")
    converted = convert_article(article, "Hans")
    assert [c.url for c in converted.breadcrumb] == [c.url for c in article.breadcrumb]
    assert converted.url == article.url
    assert converted.published_raw == article.published_raw
    assert converted.issues == article.issues


def test_parse_pages_and_text_parsers_take_script() -> None:
    assert qizhi_parser.parse_text(SEED.read_text(encoding="utf-8"), script="Hans").script == "Hans"
    assert qizhi_parser.parse_html((FIXTURES / "qizhiwang-2020-gbk.html").read_bytes(), script="Hant").script == "Hant"
    joined = qizhi_parser.parse_pages([SEED.read_bytes()], script="Hans")
    assert joined.headline.startswith("全国人大机关")


def test_unknown_script_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="Hans"):
        qizhi_parser.parse_file(SEED, script="zh-TW")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Hans"):
        convert_article(qizhi_parser.parse_file(SEED), "latin")  # type: ignore[arg-type]


def test_missing_opencc_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    article = qizhi_parser.parse_file(SEED)

    def run() -> None:
        try:
            convert_article(article, "Hans")
        except MissingExtraError as exc:
            errors.append(exc)

    errors: list[MissingExtraError] = []
    monkeypatch.setitem(sys.modules, "opencc", None)  # import opencc now raises ImportError
    thread = threading.Thread(target=run)  # a fresh thread: no converter cached yet
    thread.start()
    thread.join()
    assert len(errors) == 1
    assert errors[0].extra == "opencc"
    assert "pip install 'qizhi-parser[opencc]'" in str(errors[0])


# ------------------------------------------------------------------ batch side


def test_cli_script_option(capsys: pytest.CaptureFixture[str]) -> None:
    from qizhi_parser.cli import run

    assert run([str(SEED), "--script", "hans"]) == 0
    article = json.loads(capsys.readouterr().out)
    assert article["headline"].startswith("全国人大机关")
    assert (article["script"], article["printed_script"]) == ("Hans", "Hant")
    assert run([str(FIXTURES / "qizhiwang-2020-gbk.html"), "--script", "HANT"]) == 0
    assert json.loads(capsys.readouterr().out)["headline"].startswith("全國人大機關")


def test_cli_script_without_opencc_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from qizhi_parser import convert
    from qizhi_parser.cli import run

    monkeypatch.setitem(sys.modules, "opencc", None)
    monkeypatch.setattr(convert._LOCAL, "converters", {}, raising=False)
    assert run([str(SEED), "--script", "hans"]) == 2
    assert "pip install 'qizhi-parser[opencc]'" in capsys.readouterr().err


def test_parse_many_converts_in_workers() -> None:
    from qizhi_parser.batch import parse_many

    results = list(parse_many([str(SEED), str(FIXTURES / "qizhiwang-2020-big5.html")], workers=2, script="Hans"))
    assert [r.script for _, r in results if isinstance(r, Article)] == ["Hans", "Hans"]
    with pytest.raises(ValueError, match="Hans"):
        list(parse_many([str(SEED)], script="Latin"))  # type: ignore[arg-type]


def test_recipes_convert() -> None:
    from qizhi_parser.batch import Input
    from qizhi_parser.dask_recipe import record
    from qizhi_parser.spark_recipe import parse_partition

    dask_record = record(Input(name=str(SEED), path=str(SEED)), script="Hans")
    assert dask_record["article"]["credits"][0]["label"] == "编辑"
    (line,) = parse_partition([("seed.txt", SEED.read_bytes())], script="Hans")
    assert json.loads(line)["article"]["credits"][0]["names"] == ["冯爱龄"]
