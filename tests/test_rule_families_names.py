"""Where a name starts and whether a phrase is a name at all: sentences written for these tests (no document of
an evaluation set) go through the whole pipeline."""

from __future__ import annotations

import pytest
from rule_facts import facts

from rekg.ingest.pipeline import Extractor


def _names(extractor: Extractor, text: str, name: str) -> dict[str, str]:
    return {e.canonical: e.kind for e in facts(extractor, text, name).entities}


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("公司股东福建省南岭稀土(集团)有限公司持有40%股份。", "a.zh.txt", "福建省南岭稀土(集团)有限公司"),
        ("澳大利亚矿业咨询机构矿岭技术服务有限公司完成了资源量估算。", "b.zh.txt", "矿岭技术服务有限公司"),
        ("澳洲礦業諮詢機構礦嶺技術服務有限公司完成了資源量估算。", "c.zh-hant.txt", "矿岭技术服务有限公司"),
    ],
)
def test_a_name_starts_after_the_words_that_say_what_it_is(
    extractor: Extractor, text: str, name: str, expected: str
) -> None:
    names = _names(extractor, text, name)
    assert expected in names
    assert not [n for n in names if n.endswith(expected) and n != expected]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("机构预计，海外在建稀土分离项目将在明年集中投产。", "d.zh.txt"),
        ("全省稀土新材料产业重点项目进展顺利。", "e.zh.txt"),
        ("欧盟计划在本季度公布第二批战略项目。", "f.zh.txt"),
        ("全省稀土新材料產業重點項目進展順利。", "g.zh-hant.txt"),
    ],
)
def test_projects_of_a_region_or_a_batch_are_no_projects_name(
    extractor: Extractor, text: str, name: str
) -> None:
    assert not [n for n, kind in _names(extractor, text, name).items() if kind == "project"]


def test_a_company_of_a_city_is_the_company_located_there(extractor: Extractor) -> None:
    read = facts(
        extractor,
        "The offtake is with Hanbit Industrial Group of Seoul, which makes motors, and with the Industrial "
        "Development Corporation of Lakeland Limited.",
        "h.en.txt",
    )
    names = {e.canonical for e in read.entities}
    assert "Hanbit Industrial Group" in names
    assert "Industrial Development Corporation of Lakeland Limited" in names
    located = {(r.subject.rsplit("/", 1)[-1], r.predicate) for r in read.relations}
    assert ("hanbit-industrial-group", "locatedIn") in located


def test_a_dateline_names_the_agency_and_no_relation_runs_out_of_it(extractor: Extractor) -> None:
    read = facts(
        extractor,
        "（中央社記者王小明利雅德25日綜合外電報導）北嶺礦業公司與南嶺投資基金合資成立的東嶺礦業公司今天宣布擴產。\n"
        "《礦業觀察週刊》記者 李大同　發自高雄\n",
        "i.zh-hant.txt",
    )
    names = {e.key: (e.canonical, e.kind) for e in read.entities}
    assert ("中央社", "organization") in names.values()
    assert ("矿业观察周刊", "organization") in names.values()
    agencies = {key for key, (name, _) in names.items() if name in {"中央社", "矿业观察周刊"}}
    assert not [r for r in read.relations if r.subject in agencies or r.object in agencies]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "東和稀金公司由國家發展基金管理會及工業技術研究院分別持股20%及8%。",
            "j.zh-hant.txt",
            {"国家发展基金管理会", "工业技术研究院"},
        ),
        (
            "依據經濟部115年5月20日經貿字第11504612870號令訂定之要點。",
            "k.zh-hant.txt",
            {"经贸字第11504612870号"},
        ),
        (
            "半岛金属工业有限公司今天宣布扩产。半岛金属首席执行官表示，这是首次进入稀土领域。",
            "l.zh.txt",
            {"半岛金属工业有限公司"},
        ),
    ],
)
def test_names_joined_by_and_a_letter_number_and_a_short_name(
    extractor: Extractor, text: str, name: str, expected: set[str]
) -> None:
    assert expected <= set(_names(extractor, text, name))


def test_a_brand_before_a_metals_word_is_the_companys_short_name(extractor: Extractor) -> None:
    read = facts(
        extractor,
        "半岛金属工业有限公司今天宣布扩产。半岛金属首席执行官表示，这是首次进入稀土领域。",
        "m.zh.txt",
    )
    company = next(e for e in read.entities if e.canonical == "半岛金属工业有限公司")
    assert "半岛金属" in company.names


@pytest.mark.parametrize(
    ("text", "name", "present", "absent"),
    [
        (
            "供應來源：智利阿克拉拉資源公司（Aclara Resources）於比奧比奧大區開發之計畫。",
            "n.zh-hant.txt",
            {"阿克拉拉资源公司", "智利"},
            {"拉资源公司", "阿克拉"},
        ),
        (
            "双方与马来西亚理科大学签署了合作备忘录。",
            "o.zh.txt",
            {"马来西亚理科大学"},
            {"理科大学"},
        ),
        (
            "基伍资源是一家总部位于珀斯的勘探开发公司，通过海外投资平台华锐国际(新加坡)私人有限公司持股。",
            "p.zh.txt",
            {"华锐国际(新加坡)私人有限公司"},
            {"勘探开发公司", "海外投资平台华锐国际(新加坡)私人有限公司"},
        ),
    ],
)
def test_a_place_or_a_description_is_cut_off_only_where_a_name_is_left(
    extractor: Extractor, text: str, name: str, present: set[str], absent: set[str]
) -> None:
    names = set(_names(extractor, text, name))
    assert present <= names
    assert not absent & names
