"""Real pages of sites no template was written for (skipped when the shared corpus is absent):
other state media (../shared/corpus/other-sites) and party papers, e-papers and government
sites (../shared/corpus/new-sites), read by the generic rules alone.

Each fact in ``<folder>/expected/<page>.json`` is its own test case, so one wrong field
never hides another. The pages and their facts are never copied into the repository.
"""

from __future__ import annotations

import pathlib

import pytest

import qizhi_parser
from qizhi_parser import Article
from qizhi_parser.evaluate import VIEWS, load_expected

from .conftest import ROOT

CORPUS = ROOT.parent / "shared" / "corpus"
FOLDERS = ("other-sites", "new-sites")
FACTS = sorted(path for folder in FOLDERS if (CORPUS / folder).is_dir()
               for path in (CORPUS / folder / "expected").glob("*.json"))
CASES = [(path, key) for path in FACTS for key in load_expected(path)[1]]

_parsed: dict[str, Article] = {}


def _page(facts: pathlib.Path) -> pathlib.Path:
    return facts.parent.parent / "pages" / facts.name.removesuffix(".json")


def article(facts: pathlib.Path) -> Article:
    if facts.name not in _parsed:
        _parsed[facts.name] = qizhi_parser.parse(_page(facts).read_bytes())
    return _parsed[facts.name]


@pytest.mark.parametrize("folder", FOLDERS)
def test_site_folders_are_present_or_skipped(folder: str) -> None:
    facts = [f for f in FACTS if f.parent.parent.name == folder]
    if not facts:
        pytest.skip(f"shared corpus folder {folder} not present at {CORPUS}")
    assert len(facts) >= 10
    assert all(_page(f).is_file() for f in facts)


@pytest.mark.parametrize(("facts", "key"), CASES, ids=[f"{p.name[:3]}-{k}" for p, k in CASES])
def test_other_site_fact(facts: pathlib.Path, key: str) -> None:
    expected = load_expected(facts)[1][key]
    assert VIEWS[key](article(facts)) == expected


@pytest.mark.parametrize("facts", FACTS, ids=[p.name[:3] for p in FACTS])
def test_other_sites_say_no_template_matched(facts: pathlib.Path) -> None:
    """None of these sites has a template record: the generic rules carry them, and
    each field names the rule that found it (an e-paper printed by the Founder system
    People's Daily uses may match that system's template)."""
    provenance = article(facts).provenance
    if facts.parent.parent.name == "other-sites":  # new-sites: an e-paper's CMS (Founder) may match its template
        assert provenance["template"] == "generic"
    assert provenance["sections"] == ("html:after-header" if provenance["template"] == "generic" else "html:body")
    assert all(rule.startswith(("html:", "decode:", "meta:", "script:", "blocks:", "generic", "people-"))
               for rule in provenance.values())


def test_readme_site_table_is_the_field_report(capsys: pytest.CaptureFixture[str]) -> None:
    """The README's per-site table is what scripts/field_report.py prints today."""
    if len(FACTS) < 20 or not (CORPUS / "pages").is_dir():
        pytest.skip("the shared corpus is not present")
    import importlib.util

    spec = importlib.util.spec_from_file_location("field_report", ROOT / "scripts" / "field_report.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([]) == 0
    printed = capsys.readouterr().out
    table = printed[printed.index("| site |") :].split("\n\n")[0].strip()
    assert table in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("facts", FACTS, ids=[p.name[:3] for p in FACTS])
def test_precision_says_second_where_seconds_are_printed(facts: pathlib.Path) -> None:
    expected = load_expected(facts)[1]
    if "published_at" not in expected:
        pytest.skip("published_at is stated only where the page prints seconds; this page has published_minute")
    assert article(facts).published_precision == "second"
