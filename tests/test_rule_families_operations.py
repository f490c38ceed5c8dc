"""Who runs a site and which body a unit belongs to, as news and filings write it: sentences written for these
tests (no document of an evaluation set) go through the whole pipeline, and the facts they state come out."""

from __future__ import annotations

import pytest

from rekg.ingest.model import DocumentText
from rekg.ingest.pipeline import Extractor


def _triples(extractor: Extractor, text: str, name: str) -> set[tuple[str, str, str]]:
    facts = extractor.extract(DocumentText(name, text, "text/plain", "sha256:" + "0" * 64))
    names = {r.key: r.canonical for r in facts.entities}
    return {
        (names.get(r.subject, r.subject), r.predicate, names.get(r.object, r.object))
        for r in facts.relations
        if isinstance(r.object, str)
    }


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
