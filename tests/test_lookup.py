"""rekg.graph.lookup: names in every script and spelling find the same entity; ranking exact > alias > prefix > fuzzy."""

from __future__ import annotations

import pytest

from rekg.graph.lookup import HIT_FLOOR, KIND_ORDER, SCORES, NameIndex, _Entry, legal_core
from rekg.graph.store import QuadStore

LIANGSHAN = "https://w3id.org/rekg/id/company/liangshan-rare-earth"


@pytest.fixture(scope="module")
def index(built_store: QuadStore) -> NameIndex:
    return NameIndex.from_store(built_store)


@pytest.mark.parametrize("name", ["凉山稀土", "涼山稀土", "中稀(凉山)稀土有限公司", "中稀（凉山）稀土有限公司", "Liangshan",
                                  "liangshan xitu", "liangshanxitu", "Liáng shān xī tǔ", "Liangshan Rare Earth",
                                  "China Rare Earth (Liangshan) Rare Earth Co., Ltd."])  # fmt: skip
def test_every_spelling_of_liangshan_finds_the_curated_company_first(index: NameIndex, name: str) -> None:
    hits = index.lookup(name)
    assert hits, name
    assert hits[0].iri == LIANGSHAN
    assert hits[0].kind == "company"
    assert hits[0].labels["en"] == "China Rare Earth (Liangshan) Rare Earth Co., Ltd."
    assert "Liangshan Rare Earth" in hits[0].alt_labels


def test_how_a_hit_matched_is_reported(index: NameIndex) -> None:
    assert index.lookup("中稀(凉山)稀土有限公司")[0].match == "exact"
    assert index.lookup("凉山稀土")[0].match == "alias"
    assert index.lookup("涼山稀土")[0].match == "alias"  # traditional folds to simplified
    assert index.lookup("liangshan xitu")[0].match == "pinyin"
    hit = index.lookup("凉山稀土")[0]
    assert hit.as_json()["matchedName"] == "凉山稀土"
    assert set(hit.as_json()) >= {"iri", "kind", "labels", "altLabels", "score", "match", "matchedName"}


def test_short_name_finds_guangsheng(index: NameIndex) -> None:
    hit = index.lookup("广晟有色")[0]
    assert hit.labels["zh-Hans"] == "广晟有色金属股份有限公司"
    assert hit.match == "alias"


def test_another_legal_form_finds_guangsheng(index: NameIndex) -> None:
    hit = index.lookup("广晟有色金属股份有限责任公司")[0]
    assert hit.labels["zh-Hans"] == "广晟有色金属股份有限公司"
    assert hit.match == "form" and not hit.suggestion


def test_a_latin_misspelling_finds_guangsheng_as_a_hit(index: NameIndex) -> None:
    hit = index.lookup("Guangsheng Nonferous Metals")[0]
    assert hit.labels["zh-Hans"] == "广晟有色金属股份有限公司"
    assert hit.match == "fuzzy"
    assert HIT_FLOOR <= hit.score < SCORES["initials"]  # a hit, below every name that matched as written


def test_a_chinese_look_alike_is_only_a_suggestion(index: NameIndex) -> None:
    found = index.find("广东稀土")  # one character from 广西稀土, which the graph holds
    assert not found.found and found.hits == ()
    assert found.suggestions and all(hit.suggestion and hit.score < HIT_FLOOR for hit in found.suggestions)
    assert "广西稀土" in [hit.matched_name for hit in found.suggestions]


def test_initials_and_type_filter(index: NameIndex) -> None:
    assert index.lookup("gsys")[0].labels["zh-Hans"] == "广晟有色金属股份有限公司"
    places = index.lookup("凉山", kind="place")
    assert places and all(hit.kind == "place" for hit in places)
    assert all(hit.kind == "mine" for hit in index.lookup("稀土", kind="mine", limit=20))


def test_limits_and_empty_queries(index: NameIndex) -> None:
    assert index.lookup("") == []
    assert index.lookup("   ") == []
    assert len(index.lookup("稀土", limit=3)) == 3
    assert index.kinds() and set(index.kinds()) <= set(KIND_ORDER)


def _tiny() -> NameIndex:
    entries = {
        "x:exact": _Entry("x:exact", "company", {"zh-Hans": "稀土公司"}),
        "x:alias": _Entry("x:alias", "company", {"zh-Hans": "北方稀土集团"}, ["稀土公司北方"]),
        "x:prefix": _Entry("x:prefix", "company", {"zh-Hans": "稀土公司甲"}),
        "x:fuzzy": _Entry("x:fuzzy", "company", {"zh-Hans": "稀士公司"}),
        "x:place": _Entry("x:place", "place", {"zh-Hans": "包头市", "en": "Baotou City"}, ["包头"]),
        "x:group": _Entry("x:group", "group", {"zh-Hans": "包钢集团", "en": "Baotou Steel Group"}),
    }
    return NameIndex.from_entries(entries)


def test_ranking_exact_then_prefix_then_fuzzy() -> None:
    hits = _tiny().lookup("稀土公司", limit=10)
    order = [hit.iri for hit in hits]
    assert order[0] == "x:exact"
    assert order.index("x:prefix") < order.index("x:fuzzy")
    assert hits[0].score > hits[order.index("x:prefix")].score > hits[order.index("x:fuzzy")].score
    assert [h.match for h in hits if h.iri == "x:alias"] == ["prefix"]


def test_alias_ranks_above_prefix() -> None:
    hits = _tiny().lookup("稀土公司北方")
    assert hits[0].iri == "x:alias" and hits[0].match == "alias"


def test_ties_go_to_organisations_before_places() -> None:
    hits = _tiny().lookup("Baotou")  # pinyin of the place's short name, first word of both English names
    assert [hit.iri for hit in hits[:2]] == ["x:group", "x:place"]
    assert hits[0].score == hits[1].score == SCORES["word"]
    assert _tiny().lookup("包头")[0].iri == "x:place"  # an exact Chinese name still wins outright


def test_prefix_and_fuzzy_matches_are_suggestions_exact_and_alias_are_hits() -> None:
    found = _tiny().find("稀土公司", limit=10)
    assert found.found and [hit.iri for hit in found.hits] == ["x:exact"]
    assert {hit.iri for hit in found.suggestions} >= {"x:prefix", "x:fuzzy", "x:alias"}
    assert all(hit.score < HIT_FLOOR <= found.hits[0].score for hit in found.suggestions)
    assert found.hits[0].as_json()["suggestion"] is False
    assert found.suggestions[0].as_json()["suggestion"] is True


def test_a_split_keeps_the_limit_and_the_order() -> None:
    ranked = _tiny().lookup("稀土公司", limit=3)
    found = _tiny().find("稀土公司", limit=3)
    assert [*found.hits, *found.suggestions] == ranked


@pytest.mark.parametrize(
    ("name", "core", "loose"),
    [
        ("凉山稀土有限公司", "凉山稀土", "凉山稀土"),
        ("厦门钨业股份有限公司", "厦门钨业股份", "厦门钨业"),
        ("中国五矿集团公司", "中国五矿集团", "中国五矿集团"),
        ("中稀（凉山）稀土有限责任公司", "中稀(凉山)稀土", "中稀(凉山)稀土"),
        ("China Minmetals Corp.", "chinaminmetals", "chinaminmetals"),
        ("Xiamen Tungsten Co., Ltd.", "xiamentungsten", "xiamentungsten"),
        ("Ganzhou Rare Earth Group", "ganzhourareearthgroup", "ganzhourareearthgroup"),
        ("有限公司", "", ""),
    ],
)
def test_legal_core_drops_only_the_legal_form(name: str, core: str, loose: str) -> None:
    assert legal_core(name) == core
    assert legal_core(name, loose=True) == loose
