"""Places inside places, as addresses write them (a state and its city, a county and its township): sentences
written for these tests (no document of an evaluation set) go through the whole pipeline."""

from __future__ import annotations

import pytest
from rule_facts import facts, pairs

from rekg.ingest.pipeline import Extractor


def _within(extractor: Extractor, text: str, name: str) -> set[tuple[str, str]]:
    return pairs(extractor, text, name, "locatedIn")


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("新厂位于俄亥俄州托莱多市，明年投产。", "a.zh.txt", ("托莱多市", "俄亥俄州")),
        ("雙方於雲林縣虎尾鎮共同設立新公司。", "b.zh-hant.txt", ("虎尾镇", "云林县")),
        ("雙方於雲林縣斗南市共同設立新公司。", "c.zh-hant.txt", ("斗南市", "云林县")),
        ("该矿位于夸莱郡基南戈区，储量可观。", "d.zh.txt", ("基南戈区", "夸莱郡")),
        ("开工仪式在马来西亚吉打州居林县举行。", "e.zh.txt", ("居林县", "吉打州")),
    ],
)
def test_a_division_after_the_place_it_lies_in(
    extractor: Extractor, text: str, name: str, expected: tuple[str, str]
) -> None:
    assert expected in _within(extractor, text, name)


def test_a_province_before_a_company_is_no_division(extractor: Extractor) -> None:
    read = facts(extractor, "湖南省稀土产业集团有限公司今天发布公告。", "f.zh.txt")
    assert not [e for e in read.entities if e.kind == "place" and e.canonical != "湖南省"]
