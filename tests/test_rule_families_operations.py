"""Who runs a site and which body a unit belongs to, as news and filings write it: sentences written for these
tests (no document of an evaluation set) go through the whole pipeline, and the facts they state come out."""

from __future__ import annotations

import pytest
from rule_facts import triples

from rekg.ingest.pipeline import Extractor


def _triples(extractor: Extractor, text: str, name: str) -> set[tuple[str, str, str]]:
    return triples(extractor, text, name)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "北岭磁材厂总投资约1.3亿元，一期设计年处理废旧磁体2,500吨，计划2027年第三季度投产，建成后由北岭循环材料有限公司负责运营。",
            "a.zh.txt",
            ("北岭循环材料有限公司", "operates", "北岭磁材厂"),
        ),
        (
            "南灣磁材控股有限公司於6月啟用「南灣稀土保稅倉」，由其全資附屬公司南灣物流（香港）有限公司營運。",
            "b.zh-hant.txt",
            ("南湾物流(香港)有限公司", "operates", "南湾稀土保税仓"),
        ),
        (
            "Torvik Holdings is a Bergen-based industrial group. Its subsidiaries include Torvik Alloys Ltd and "
            "Fjord Gas AS among others.",
            "c.en.txt",
            ("Fjord Gas AS", "subsidiaryOf", "Torvik Holdings"),
        ),
        (
            "The Lakeland Geological Survey, an attached office of the Lakeland Ministry of Mines, mapped the area.",
            "d.en.txt",
            ("Lakeland Geological Survey", "subsidiaryOf", "Lakeland Ministry of Mines"),
        ),
    ],
)
def test_operators_and_parents(
    extractor: Extractor, text: str, name: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _triples(extractor, text, name)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "於本公告日期，南嶺實業集團有限公司持有嶺南稀土控股有限公司已發行股本約52.6%，為嶺南稀土控股有限公司之控股股東。",
            "e.zh-hant.txt",
            ("岭南稀土控股有限公司", "subsidiaryOf", "南岭实业集团有限公司"),
        ),
        (
            "东岭磁材有限公司是西岭矿业集团有限公司的控股股东。",
            "f.zh.txt",
            ("西岭矿业集团有限公司", "subsidiaryOf", "东岭磁材有限公司"),
        ),
    ],
)
def test_a_controlling_shareholder_is_the_parent(
    extractor: Extractor, text: str, name: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _triples(extractor, text, name)


def test_a_county_named_by_this_county_and_the_plant_run_there(extractor: Extractor) -> None:
    triples = _triples(
        extractor,
        "瑤嶺分離有限公司註冊地址位於湖南省永州市江華瑤族自治縣，並經營位於該縣沱江鎮之瑤嶺稀土分離廠。",
        "g.zh-hant.txt",
    )
    assert ("沱江镇", "locatedIn", "江华瑶族自治县") in triples
    assert ("瑶岭分离有限公司", "operates", "瑶岭稀土分离厂") in triples


def test_a_licence_holder_a_stake_held_by_and_the_rest_kept(extractor: Extractor) -> None:
    triples = _triples(
        extractor,
        "Lakeland's local unit, Kiboko Minerals Ltd, holds the licence for the Kiboko Hills deposit. The "
        "government's stake in Kiboko Minerals Ltd will be held by the Treasury Registrar, with Lakeland Rare "
        "Metals keeping the other 84%.",
        "h.en.txt",
    )
    assert ("Kiboko Minerals Ltd", "operates", "Kiboko Hills deposit") in triples
    assert ("Treasury Registrar", "shareholderOf", "Kiboko Minerals Ltd") in triples
    assert ("Lakeland Rare Metals", "shareholderOf", "Kiboko Minerals Ltd") in triples


def test_its_after_a_person_is_the_organisation_named_last(extractor: Extractor) -> None:
    triples = _triples(
        extractor,
        "Dr Anna Berg, a non-executive director of Torvik Minerals Limited, is also a director of Fjell "
        "Resource Partners (Pty) Ltd and holds 30% of its shares.",
        "i.en.txt",
    )
    assert ("Fjell Resource Partners (Pty) Ltd", "shareholderOf", "Torvik Minerals Limited") not in triples
