"""Laws and acts by their titles, and the short names documents give them: sentences written for these tests
(no document of an evaluation set) go through the whole pipeline."""

from __future__ import annotations

from rule_facts import facts

from rekg.ingest.pipeline import Extractor


def _policies(extractor: Extractor, text: str, name: str) -> dict[str, set[str]]:
    read = facts(extractor, text, name)
    return {e.canonical: {*e.names, *e.english_names} for e in read.entities if e.kind == "policy"}


def test_acts_with_and_of_and_a_possessive_in_their_titles(extractor: Extractor) -> None:
    policies = _policies(
        extractor,
        "The review follows the Lakeland Land Policy and Management Act of 1976, as amended (LLPMA), the "
        "Rebuilding Lakeland's Surface Transport Act and the Minerals (Prospecting and Mining) Act, 1992. "
        "Under LLPMA the office must consult.",
        "a.en.txt",
    )
    assert "Lakeland Land Policy and Management Act of 1976" in policies
    assert "LLPMA" in policies["Lakeland Land Policy and Management Act of 1976"]
    assert "Rebuilding Lakeland's Surface Transport Act" in policies
    assert "Minerals (Prospecting and Mining) Act, 1992" in policies


def test_a_title_of_an_act_is_not_the_act(extractor: Extractor) -> None:
    policies = _policies(
        extractor,
        "Funding comes under Title III of the Lakeland Production Act of 1950 this year.",
        "b.en.txt",
    )
    assert not [name for name in policies if name.startswith("Title")]
