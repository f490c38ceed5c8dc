"""An anaphor that opens its sentence (该公司董事长…, "The company operates …") continues the topic of the
sentence before — the organisation that sentence opened with — unless that topic is the issuer. Sentences written
for these tests go through the whole pipeline."""

from __future__ import annotations

import pytest
from rule_facts import facts, pairs

from rekg.ingest.pipeline import Extractor


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "宜丰锂源有限公司是赣西矿业集团有限公司的控股子公司，总部位于宜春。该公司董事长罗志明表示，将扩建选矿厂。",
            "yifeng.zh.txt",
        ),
        (
            "宜豐鋰源有限公司是贛西礦業集團有限公司的控股子公司，總部位於宜春。該公司董事長羅志明表示，將擴建選礦廠。",
            "yifeng.zh-hant.txt",
        ),
    ],
)
def test_an_anaphor_opening_a_sentence_is_the_last_sentences_topic(
    extractor: Extractor, text: str, name: str
) -> None:
    assert pairs(extractor, text, name, "holdsPostIn") == {("罗志明", "宜丰锂源有限公司")}


def test_the_company_at_the_start_of_an_english_sentence(extractor: Extractor) -> None:
    text = (
        "Tarnwood Lithium Ltd is a subsidiary of Halvard Mining Group. "
        "The company operates the Kessel Creek mine in Nevada."
    )
    assert pairs(extractor, text, "tarnwood.en.txt", "operates") == {
        ("Tarnwood Lithium Ltd", "Kessel Creek mine")
    }


def test_after_the_issuer_as_topic_the_company_is_the_one_named_last(extractor: Extractor) -> None:
    text = (
        "本集團早前透過全資附屬公司認購總部位於珀斯的鋰礦勘探商南岬鋰業（Southcape Lithium Limited）9.5%股權。"
        "該公司行政總裁韋德·哈蒙德已獲委任為本公司非執行董事。"
    )
    assert ("韦德·哈蒙德", "南岬锂业") in pairs(extractor, text, "southcape.zh-hant.txt", "holdsPostIn")


def test_a_described_company_is_the_one_named_before_not_a_new_name(extractor: Extractor) -> None:
    text = (
        "Piedmont Cobalt Recovery Inc sued in August. The ruling clouds Piedmont Cobalt Recovery Inc's plans with "
        "South Korea's Daeil Materials Co, which agreed in June to pay $42 million for a 35% stake in the North "
        "Carolina company."
    )
    assert pairs(extractor, text, "piedmont.en.txt", "shareholderOf") == {
        ("Daeil Materials Co", "Piedmont Cobalt Recovery Inc")
    }
    read = facts(extractor, text, "piedmont.en.txt")
    assert not any(e.canonical.endswith("company") for e in read.entities)


def test_a_party_named_by_its_role_is_the_organisation_the_role_line_gave(extractor: Extractor) -> None:
    text = (
        "行政处罚决定书\n当事人：汝城县金沙钨矿有限公司\n"
        "当事人系郴州湘粤钨业有限公司的控股子公司，其余30%股权由汝城县城市建设投资集团有限公司持有。"
    )
    assert ("汝城县金沙钨矿有限公司", "郴州湘粤钨业有限公司") in pairs(
        extractor, text, "penalty-party.zh.txt", "subsidiaryOf"
    )
