"""People and their posts, in the forms news writes them: sentences written for these tests (no document of an
evaluation set) go through the whole pipeline, and the posts they state come out."""

from __future__ import annotations

import pytest
from rule_facts import facts, pairs

from rekg.ingest.pipeline import Extractor


def _posts(extractor: Extractor, text: str, name: str) -> set[tuple[str, str]]:
    return pairs(extractor, text, name, "holdsPostIn")


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "北嶺金屬公司今天宣布擴產。北嶺金屬商務副總裁瑪麗-艾蓮·加儂（Marie-Hélène Gagnon）說，新廠明年投產。",
            "a.zh-hant.txt",
            ("玛丽-艾莲·加侬", "北岭金属公司"),
        ),
        (
            "富岳特殊鋼株式會社今天宣布。富岳特殊鋼常務執行役員小林誠指出，新產線將於明年送樣。",
            "b.zh-hant.txt",
            ("小林诚", "富岳特殊钢株式会社"),
        ),
        (
            "坦桑尼亚矿业部常务秘书格蕾丝·奥蒂诺出席签约仪式。",
            "c.zh.txt",
            ("格蕾丝·奥蒂诺", "坦桑尼亚矿业部"),
        ),
    ],
)
def test_a_post_between_an_organisation_and_a_person(
    extractor: Extractor, text: str, name: str, expected: tuple[str, str]
) -> None:
    assert expected in _posts(extractor, text, name)


def test_a_person_who_chairs_a_board_and_a_person_who_owns_a_company(extractor: Extractor) -> None:
    text = (
        "Torvik Minerals Ltd said its chief executive, Renata Lind, will chair Fjell Separation S.A.'s board. "
        "Kestrel Capital Holdings (Pty) Ltd is 80%-owned by Lerato Dube, a director of Torvik Minerals Ltd."
    )
    read = facts(extractor, text, "d.en.txt")
    names = {r.key: r.canonical for r in read.entities}
    triples = {
        (names[r.subject], r.predicate, names[str(r.object)])
        for r in read.relations
        if isinstance(r.object, str)
    }
    assert ("Renata Lind", "holdsPostIn", "Fjell Separation S.A.") in triples
    assert ("Lerato Dube", "shareholderOf", "Kestrel Capital Holdings (Pty) Ltd") in triples


def test_a_possessive_plural_is_not_part_of_the_name(extractor: Extractor) -> None:
    text = "Hull Rare Metals Ltd was founded in 2022. Andrew Pike sits on Hull Rare Metals' advisory board."
    read = facts(extractor, text, "e.en.txt")
    assert not [e for e in read.entities if e.canonical.endswith("'")]


def test_a_line_that_lists_the_holders_of_a_post_at_the_issuer(extractor: Extractor) -> None:
    text = (
        "南灣稀土商會（下稱「本會」）二〇二五年度報告\n"
        "副會長：石慧敏（南海磁材控股有限公司執行董事）、龐志傑（北嶺貿易有限公司總經理）\n"
    )
    assert ("庞志杰", "南湾稀土商会") in _posts(extractor, text, "f.zh-hant.txt")


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "工程师贺远舟表示，项目进展顺利。来格陵兰之前，他在北京的北溟稀土新材料股份有限公司工作了十四年。",
            "g.zh.txt",
            ("贺远舟", "北溟稀土新材料股份有限公司"),
        ),
        (
            "研究經理陳以樂表示，進展順利。2016年起，她在北溟研究委員會擔任稀土加工研究經理。",
            "h.zh-hant.txt",
            ("陈以乐", "北溟研究委员会"),
        ),
    ],
)
def test_a_person_who_works_at_an_organisation(
    extractor: Extractor, text: str, name: str, expected: tuple[str, str]
) -> None:
    assert expected in _posts(extractor, text, name)


def test_contact_lines_of_investors_and_of_an_agency(extractor: Extractor) -> None:
    text = (
        'Lakeland Minerals Corp. ("Lakeland" or "the Company") today announced results.\n'
        "Investors: Daniel Hsu, Vice President, Investor Relations, +1 604 555 0172\n"
        "Aldgate Communications (Financial PR): Imogen Clarke, Director, +44 (0)20 7946 0877\n"
    )
    posts = _posts(extractor, text, "i.en.txt")
    assert ("Daniel Hsu", "Lakeland Minerals Corp.") in posts
    assert ("Imogen Clarke", "Aldgate Communications") in posts
