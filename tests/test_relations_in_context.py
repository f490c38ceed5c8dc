"""Relations stated in the shapes any metal's filings and news take: a relative clause's stake, a description
that says who controls a company, a body and its town in a list of addresses, a body in a place. Sentences written
for these tests (no document of an evaluation set) go through the whole pipeline."""

from __future__ import annotations

from rule_facts import pairs

from rekg.ingest.pipeline import Extractor


def test_a_stake_stated_in_a_relative_clause_is_the_antecedents(extractor: Extractor) -> None:
    text = (
        "Brennan brought the claim through its Dutch subsidiary, Brennan Netherlands B.V., which owned 100% of "
        "Talas Copper LLC, the company that held the licence."
    )
    assert ("Brennan Netherlands B.V.", "Talas Copper LLC") in pairs(
        extractor, text, "rel.en.txt", "shareholderOf"
    )


def test_a_description_that_says_who_controls_the_company(extractor: Extractor) -> None:
    text = (
        "Hunan Xiangyun Cobalt Co., Ltd., a Changsha-based refiner controlled by Xiangtan Nonferrous Investment "
        "Group, co-filed 34 patents."
    )
    assert ("Hunan Xiangyun Cobalt Co., Ltd.", "Xiangtan Nonferrous Investment Group") in pairs(
        extractor, text, "ctl.en.txt", "subsidiaryOf"
    )
    assert ("Xiangtan Nonferrous Investment Group", "Hunan Xiangyun Cobalt Co., Ltd.") in pairs(
        extractor, text, "ctl.en.txt", "shareholderOf"
    )
    # the place says where the company is, not where the group that controls it is
    assert ("Xiangtan Nonferrous Investment Group", "Changsha") not in pairs(
        extractor, text, "ctl.en.txt", "locatedIn"
    )


def test_a_body_and_its_town_in_a_list_of_addresses(extractor: Extractor) -> None:
    text = "Copy to: (2) Director General, Geological Survey of India, Kolkata; (4) Controller General, Indian Bureau of Mines, Nagpur"
    located = pairs(extractor, text, "copy.en.txt", "locatedIn")
    assert ("Geological Survey of India", "Kolkata") in located
    assert ("Indian Bureau of Mines", "Nagpur") in located


def test_a_body_in_a_place(extractor: Extractor) -> None:
    text = "Most of the patents were filed jointly with the Korea Institute of Materials Science (KIMS) in Changwon under a research agreement."
    assert ("Korea Institute of Materials Science", "Changwon") in pairs(
        extractor, text, "kims.en.txt", "locatedIn"
    )
