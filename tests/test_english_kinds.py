"""The kind an English name says it is, from its head noun — one table for the shape finder, the token ruler
and the English model: sentences written for these tests go through the whole pipeline."""

from __future__ import annotations

import pytest
from rule_facts import facts
from rule_facts import kinds as kinds_of

from rekg.ingest.english_kinds import head_kind
from rekg.ingest.pipeline import Extractor


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Colorado School of Mines", "university"),  # the head is before "of", not the last word
        ("Universidad de Concepción", "university"),
        ("Instituto de Pesquisas Tecnológicas", "institute"),
        ("Export-Import Bank of Malaysia", "government"),  # a state's bank
        ("Sabah Development Bank", "government"),
        ("Maybank Islamic Bank", "company"),
        ("Utah Geological Survey", "government"),
        ("City of Hamamatsu", "government"),
        ("Moab Public Library", "organization"),
        ("Norwegian Research Council", "institute"),
        ("Minerals Council of Australia", "association"),
        ("New Energy and Industrial Technology Development Organization", "government"),
        ("Lynas Rare Earths", "company"),
        ("Head Office", "government"),  # two words: a qualified head
        ("Office", None),  # a head noun alone names nothing
        ("Brackwater", None),
        ("Chavara Grama Panchayat", "government"),
        ("U.S. District Court for the Western District of North Carolina", "government"),
        ("Alappad Coastal Protection Forum", "organization"),
    ],
)
def test_the_head_noun_gives_the_kind(name: str, kind: str | None) -> None:
    assert head_kind(name) == kind


def test_bodies_named_by_their_head_in_a_sentence(extractor: Extractor) -> None:
    text = (
        "Samples from the Kelvane copper prospect were assayed by the Colorado School of Mines and mapped by the "
        "Utah Geological Survey; public hearings will be held at the Moab Public Library."
    )
    kinds = kinds_of(extractor, text, "kelvane.en.txt")
    assert kinds.get("Colorado School of Mines") == "university"
    assert kinds.get("Utah Geological Survey") == "government"
    assert kinds.get("Moab Public Library") == "organization"


def test_two_banks_joined_by_and_stay_two_names(extractor: Extractor) -> None:
    text = (
        "Financing for the Tawau nickel smelter will come from the Export-Import Bank of Malaysia and Sabah "
        "Development Bank."
    )
    kinds = kinds_of(extractor, text, "tawau.en.txt")
    assert kinds.get("Export-Import Bank of Malaysia") == "government"
    assert kinds.get("Sabah Development Bank") == "government"
    assert not any(" and " in name for name in kinds)


def test_a_legislature_is_a_government_body(extractor: Extractor) -> None:
    text = "The National Assembly approved the Mineral Royalties Amendment in a vote on Tuesday."
    assert kinds_of(extractor, text, "assembly.en.txt").get("National Assembly") == "government"


def test_a_demonym_before_a_generic_noun_is_a_description(extractor: Extractor) -> None:
    text = "Lynas Rare Earths will process the ore at its Malaysian plant; the French government welcomed it."
    kinds = kinds_of(extractor, text, "malaysian.en.txt")
    assert "Malaysian plant" not in kinds
    assert kinds.get("French government") == "government"


def test_a_bodys_unit_named_with_its_possessive(extractor: Extractor) -> None:
    text = "The company won an award from the Department of Energy's Office of Manufacturing and Energy Supply Chains."
    read = facts(extractor, text, "doe.en.txt")
    names = {e.canonical: e for e in read.entities}
    office = names["Office of Manufacturing and Energy Supply Chains"]
    assert office.kind == "government"
    assert any(r.subject == office.key and r.predicate == "subsidiaryOf" for r in read.relations)
    text = "Kanematsu Corp's Advanced Materials Division signed the offtake."
    assert not any(
        r.predicate == "subsidiaryOf" for r in facts(extractor, text, "kanematsu.en.txt").relations
    )
