"""People and their posts, in the forms news writes them: sentences written for these tests (no document of an
evaluation set) go through the whole pipeline, and the posts they state come out."""

from __future__ import annotations

import pytest

from rekg.ingest.model import DocumentText
from rekg.ingest.pipeline import Extractor


def _posts(extractor: Extractor, text: str, name: str) -> set[tuple[str, str]]:
    facts = extractor.extract(DocumentText(name, text, "text/plain", "sha256:" + "0" * 64))
    names = {r.key: r.canonical for r in facts.entities}
    return {
        (names[r.subject], names[str(r.object)])
        for r in facts.relations
        if r.predicate == "holdsPostIn" and isinstance(r.object, str)
    }


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
