"""Ventures, partnerships and the names around them, in the three scripts: sentences written for these tests
(no document of an evaluation set) go through the whole pipeline, and the facts they state come out."""

from __future__ import annotations

import pytest
from rule_facts import facts, triples

from rekg.ingest.model import DocumentFacts
from rekg.ingest.pipeline import Extractor


def _facts(extractor: Extractor, text: str, name: str) -> DocumentFacts:
    return facts(extractor, text, name)


def _triples(extractor: Extractor, text: str, name: str) -> set[tuple[str, str, str]]:
    return triples(extractor, text, name)


def _partners(triples: set[tuple[str, str, str]], a: str, b: str) -> bool:
    return (a, "partnerOf", b) in triples or (b, "partnerOf", a) in triples


@pytest.mark.parametrize(
    ("text", "name", "founders"),
    [
        (
            "岷江矿业股份有限公司与蜀南电机股份有限公司合资成立的岷蜀磁材有限公司今天开业。",
            "a.zh.txt",
            ("岷江矿业股份有限公司", "蜀南电机股份有限公司"),
        ),
        (
            "嘉南精密合金股份有限公司為北港機械股份有限公司與日商富山金屬株式會社合資設立之公司。",
            "b.zh-hant.txt",
            ("北港机械股份有限公司", "富山金属株式会社"),
        ),
        (
            "Lakeside Magnet Refining Ltd was formed in 2024 by Harbour Alloys Ltd and Crestline Minerals Ltd to refine oxide.",
            "c.en.txt",
            ("Harbour Alloys Ltd", "Crestline Minerals Ltd"),
        ),
    ],
)
def test_the_founders_of_a_venture_are_partners(
    extractor: Extractor, text: str, name: str, founders: tuple[str, str]
) -> None:
    assert _partners(_triples(extractor, text, name), *founders)


def test_founders_of_a_group_formed_by_merger_are_not_made_partners(extractor: Extractor) -> None:
    triples = _triples(
        extractor,
        "华岭稀土集团有限公司由岷江矿业股份有限公司、蜀南电机股份有限公司重组组建而成。",
        "d.zh.txt",
    )
    assert not _partners(triples, "岷江矿业股份有限公司", "蜀南电机股份有限公司")


@pytest.mark.parametrize(
    ("text", "name", "chinese", "latin"),
    [
        (
            "沙岭矿业公司（Sha'ling Mining）今天宣布扩产。",
            "e.zh.txt",
            "沙岭矿业公司",
            "Sha'ling Mining",
        ),
        (
            "北港精工電機株式會社（Bukhang Precision Motor Co., Ltd.）今天宣布擴產。",
            "f.zh-hant.txt",
            "北港精工电机株式会社",
            "Bukhang Precision Motor Co., Ltd.",
        ),
    ],
)
def test_a_latin_name_in_brackets_is_the_same_company(
    extractor: Extractor, text: str, name: str, chinese: str, latin: str
) -> None:
    facts = _facts(extractor, text, name)
    holding = [e for e in facts.entities if chinese in {e.canonical, *e.names}]
    assert len(holding) == 1
    assert latin in {holding[0].canonical, *holding[0].names, *holding[0].english_names}
    assert not [e for e in facts.entities if latin == e.canonical and e is not holding[0]]


def test_a_limited_partnership_holds_a_stake(extractor: Extractor) -> None:
    triples = _triples(
        extractor,
        "江岸稀磁材料有限公司完成A轮融资，江岸新兴产业投资基金合伙企业（有限合伙）持有其15%股权。",
        "g.zh.txt",
    )
    assert ("江岸新兴产业投资基金合伙企业(有限合伙)", "shareholderOf", "江岸稀磁材料有限公司") in triples


def test_a_company_with_its_city_in_brackets_after_the_company_and_with(extractor: Extractor) -> None:
    facts = _facts(
        extractor, "同期，该公司与江岸汽车部件（苏州）有限公司签署三年期磁钢供应协议。", "h.zh.txt"
    )
    assert "江岸汽车部件(苏州)有限公司" in {e.canonical for e in facts.entities}
    assert not [e for e in facts.entities if e.canonical.startswith("司")]


def test_two_holders_and_their_parts_of_a_new_company(extractor: Extractor) -> None:
    triples = _triples(
        extractor,
        "Harbour Alloys Ltd will hold 60% and Crestline Minerals Ltd 40% of the new company, Torvik Refining "
        'S.A. ("TRS").',
        "i.en.txt",
    )
    assert ("Harbour Alloys Ltd", "shareholderOf", "Torvik Refining S.A.") in triples
    assert ("Crestline Minerals Ltd", "shareholderOf", "Torvik Refining S.A.") in triples


def test_a_research_centre_of_a_body_is_part_of_it(extractor: Extractor) -> None:
    triples = _triples(
        extractor,
        "Members include Gdansk Magnetics; Torvik Labs, a research centre of Lakeland Geoscience Ltd; and others.",
        "j.en.txt",
    )
    assert ("Torvik Labs", "subsidiaryOf", "Lakeland Geoscience Ltd") in triples


def test_a_description_before_an_english_name_is_not_part_of_it(extractor: Extractor) -> None:
    facts = _facts(
        extractor,
        "TorvikPar, the equity arm of Norway's national development bank TDB, will subscribe for new shares.",
        "k.en.txt",
    )
    assert not [e for e in facts.entities if e.canonical.startswith("national")]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "北嶺稀土公司的股東結構也很國際化。除創始團隊外，東港資本管理有限公司持有公司18%的股份，格陵蘭政府控股的卡拉礦業公司持股5%。",
            "l.zh-hant.txt",
            ("卡拉矿业公司", "shareholderOf", "北岭稀土公司"),
        ),
        (
            "日本富岳通商株式会社去年已认购塞拉稀土公司12%的股份，并与其签署了产品包销意向书。",
            "m.zh.txt",
            ("富岳通商株式会社", "partnerOf", "塞拉稀土公司"),
        ),
        (
            "努纳地区的雪湖矿，由蒙特利尔的北纬资源公司开采，精矿经铁路运出。",
            "n.zh.txt",
            ("北纬资源公司", "operates", "雪湖矿"),
        ),
    ],
)
def test_the_other_party_and_the_company_a_clause_leaves_unnamed(
    extractor: Extractor, text: str, name: str, expected: tuple[str, str, str]
) -> None:
    triples = _triples(extractor, text, name)
    assert expected in triples or (
        (expected[2], expected[1], expected[0]) in triples and expected[1] == "partnerOf"
    )
    assert ("卡拉矿业公司", "shareholderOf", "格陵兰政府") not in triples


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "北嶺商社與南嶺金屬公司今天宣布，將透過雙方新設的「東嶺資源株式會社」，以約180億日圓取得西嶺稀土公司30%股權。",
            "o.zh-hant.txt",
        ),
        (
            "北岭商社与南岭金属公司今天宣布，将通过双方新设的「东岭资源株式会社」，以约180亿日元取得西岭稀土公司30%股权。",
            "p.zh.txt",
        ),
    ],
)
def test_a_stake_taken_through_a_vehicle_is_the_vehicles(extractor: Extractor, text: str, name: str) -> None:
    assert ("东岭资源株式会社", "shareholderOf", "西岭稀土公司") in _triples(extractor, text, name)


@pytest.mark.parametrize(
    "text",
    [
        "Feed will come from carbonate produced at Harbour Alloys Ltd's Kiboko project under a ten-year feed "
        "supply agreement signed with Crestline Minerals Ltd in January.",
        "Harbour Alloys Ltd has agreed to supply mixed rare earth carbonate from the project to Crestline Minerals "
        "Ltd under a life-of-mine feed agreement.",
        "Harbour Alloys Ltd has agreed to purchase 1,200 tonnes a year of NdPr oxide from Crestline Minerals Ltd "
        "for eight years.",
    ],
)
def test_supply_and_offtake_make_partners(extractor: Extractor, text: str) -> None:
    assert _partners(_triples(extractor, text, "q.en.txt"), "Harbour Alloys Ltd", "Crestline Minerals Ltd")


def test_buying_a_stake_from_a_seller_and_a_parents_purchase_are_no_partnership_of_the_wrong_pair(
    extractor: Extractor,
) -> None:
    triples = _triples(
        extractor,
        "Torvik Holdings, the Oslo-based parent of Fjord Magnets Ltd, signed a five-year contract to buy oxide "
        "from Crestline Minerals Ltd. Harbour Alloys Ltd agreed to buy a 45% stake in Kiboko Ltd from Lakeland "
        "Capital Ltd.",
        "r.en.txt",
    )
    assert not _partners(triples, "Fjord Magnets Ltd", "Crestline Minerals Ltd")
    assert not _partners(triples, "Harbour Alloys Ltd", "Lakeland Capital Ltd")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("北岭磁材公司将自2028年起每年向南岭稀土公司采购混合稀土碳酸盐不少于4000吨。", "s.zh.txt"),
        ("北岭磁材公司将自2028年起每年采购南岭稀土公司所产混合稀土碳酸盐不少于4000吨。", "t.zh.txt"),
        ("南嶺稀土公司將向北嶺磁材公司供應氧化鐠釹800噸。", "u.zh-hant.txt"),
        ("南嶺稀土公司將自2029年起每年供應北嶺磁材公司不少於800公噸氧化鐠釹。", "v.zh-hant.txt"),
    ],
)
def test_chinese_supply_and_offtake_make_partners(extractor: Extractor, text: str, name: str) -> None:
    assert _partners(_triples(extractor, text, name), "北岭磁材公司", "南岭稀土公司")


def test_buying_shares_from_a_holder_is_no_supply(extractor: Extractor) -> None:
    triples = _triples(extractor, "北岭磁材公司向南岭稀土公司购买其持有的西岭公司20%股权。", "w.zh.txt")
    assert not _partners(triples, "北岭磁材公司", "南岭稀土公司")


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "据了解，北溟稀土有限公司是南溟矿业集团有限公司旗下企业，后者持有其65%的股权。",
            "x.zh.txt",
            {("南溟矿业集团有限公司", "shareholderOf", "北溟稀土有限公司")},
        ),
        (
            "北嶺國際（香港）有限公司與南嶺國家礦業公司共同出資設立東嶺精煉有限公司，前者持股60%，後者持股40%。",
            "y.zh-hant.txt",
            {
                ("北岭国际(香港)有限公司", "shareholderOf", "东岭精炼有限公司"),
                ("南岭国家矿业公司", "shareholderOf", "东岭精炼有限公司"),
            },
        ),
    ],
)
def test_the_former_and_the_latter(
    extractor: Extractor, text: str, name: str, expected: set[tuple[str, str, str]]
) -> None:
    assert expected <= _triples(extractor, text, name)
