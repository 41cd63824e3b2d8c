"""The exact values the seed must give (issue: core parse())."""

from __future__ import annotations

import datetime as dt

import pytest

import qizhi_parser
from qizhi_parser import Article, CreditRole

from .conftest import SEED

LEADS = [
    "常委會黨組高度重視",
    "壓實主體責任",
    "充分發揮作用",
    "勇於擔當作為",
    "全力服務保障",
    "早提示勤提醒,切實增強防控意識",
    "嚴細節抓落實,確保防控措施全覆蓋無死角",
    "大力宣傳引導,營造堅定必勝信心的濃厚氛圍",
]
CHROME = ("投稿郵箱", "站內搜索", "文字縮放", "qizhixmt@126.com", "編輯:", "送簽", "簽發")


@pytest.fixture(scope="module")
def seed() -> Article:
    return qizhi_parser.parse(SEED.read_bytes())


def test_seed_headline(seed: Article) -> None:
    assert seed.headline == "全國人大機關貫徹落實習近平總書記重要指示精神 堅決打贏疫情防控阻擊戰"
    assert seed.headline_lines == ["全國人大機關貫徹落實習近平總書記重要指示精神", "堅決打贏疫情防控阻擊戰"]
    assert seed.pretitle is None
    assert seed.subtitle is None


def test_seed_time(seed: Article) -> None:
    assert seed.published_at == dt.datetime.fromisoformat("2020-02-17T16:01:00+08:00")
    assert seed.published_at is not None
    assert seed.published_at.utcoffset() == dt.timedelta(hours=8)
    assert seed.published_raw == "2020年02月17日16:01"


def test_seed_source_and_script(seed: Article) -> None:
    assert seed.source is not None
    assert seed.source.name == "旗幟網"
    assert seed.source.is_reprint is False
    assert seed.script == "Hant"
    assert seed.input_format == "text"


def test_seed_breadcrumb(seed: Article) -> None:
    assert [c.text for c in seed.breadcrumb] == [
        "旗幟網",
        "本網專題",
        "守初心 抗疫情 中央和國家機關在行動",
        "黨委(黨組)之聲",
    ]


def test_seed_headings(seed: Article) -> None:
    assert seed.headings == [
        "強化責任擔當,把疫情防控作為當前最重要的工作",
        "貫徹講話精神,充分發揮參謀助手和服務保障職能作用",
        "強化防控措施,構筑起疫情防控阻擊戰的嚴密防線",
    ]


def test_seed_paragraphs(seed: Article) -> None:
    assert [len(s.paragraphs) for s in seed.sections] == [1, 3, 2, 4]
    assert seed.sections[0].heading is None
    assert len(seed.paragraphs) == 10
    leads = [p.lead for p in seed.paragraphs]
    assert [lead for lead in leads if lead] == LEADS
    assert leads[0] is None
    assert leads[-1] is None
    for paragraph in seed.paragraphs:
        if paragraph.lead:
            assert paragraph.text.startswith(paragraph.lead + "。")
    assert seed.paragraphs[0].text.startswith("面對新型冠狀病毒感染的肺炎疫情的嚴峻考驗")
    assert seed.paragraphs[-1].text.endswith("為打贏疫情防控阻擊戰貢獻人大力量!")


def test_seed_credits(seed: Article) -> None:
    assert [(c.role, c.label, c.names) for c in seed.credits] == [
        (CreditRole.EDITOR, "編輯", ["馮愛齡"]),
        (CreditRole.SUBMITTER, "送簽", ["馮愛齡"]),
        (CreditRole.APPROVER, "簽發", ["徐雅維"]),
    ]


@pytest.mark.parametrize("needle", CHROME)
def test_seed_no_chrome_or_credit_in_body(seed: Article, needle: str) -> None:
    assert needle not in seed.text
    assert all(needle not in h for h in seed.headings)


def test_seed_clean(seed: Article) -> None:
    assert seed.issues == []


def test_seed_roundtrip(seed: Article) -> None:
    assert Article.model_validate_json(seed.model_dump_json()) == seed


def test_seed_str_equals_bytes(seed: Article) -> None:
    from_str = qizhi_parser.parse(SEED.read_text(encoding="utf-8"))
    assert from_str.model_copy(update={"encoding": None, "provenance": {}}) == seed.model_copy(
        update={"encoding": None, "provenance": {}}
    )


def test_parse_file_matches_parse(seed: Article) -> None:
    assert qizhi_parser.parse_file(SEED) == seed
