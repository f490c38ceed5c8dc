"""The lookup floor over the probe names of ``tests/data/lookup_probe.json``, against the graph built from the
seeds: no name the graph lacks comes back as a hit, every name it holds comes back as the first hit on the
right entity (``bench/lookup_floor.py`` prints the scores behind the floor)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rekg.graph.iri import IriMinter
from rekg.graph.lookup import HIT_FLOOR, NameIndex
from rekg.graph.store import QuadStore

PROBE = json.loads((Path(__file__).parent / "data" / "lookup_probe.json").read_text(encoding="utf-8"))
ABSENT = PROBE["absent"]
PRESENT = PROBE["present"]


@pytest.fixture(scope="module")
def index(built_store: QuadStore) -> NameIndex:
    return NameIndex.from_store(built_store)


def test_the_probe_covers_every_script_and_form() -> None:
    assert len(ABSENT) >= 40 and len(PRESENT) >= 40
    absent_forms = {item["form"] for item in ABSENT}
    present_forms = {item["form"] for item in PRESENT}
    assert {"simplified", "traditional", "English", "pinyin", "initials", "noise"} <= absent_forms
    assert {"simplified", "traditional", "English", "pinyin", "initials", "short name", "misspelling"} <= (
        present_forms
    )
    names = [item["name"] for item in ABSENT + PRESENT]
    assert len(names) == len(set(names)), "a name is in the probe twice"


@pytest.mark.parametrize("item", ABSENT, ids=[item["name"] for item in ABSENT])
def test_no_absent_name_is_a_hit(index: NameIndex, item: dict[str, str]) -> None:
    found = index.find(item["name"])
    assert found.hits == (), f"{item['name']!r} came back as a hit: {found.hits[0]}"
    assert all(hit.suggestion and hit.score < HIT_FLOOR for hit in found.suggestions)


@pytest.mark.parametrize("item", PRESENT, ids=[item["name"] for item in PRESENT])
def test_every_present_name_is_the_first_hit(
    index: NameIndex, minter: IriMinter, item: dict[str, str]
) -> None:
    kind, slug = item["entity"].split("/", 1)
    found = index.find(item["name"])
    assert found.found, f"{item['name']!r} found no hit; suggestions: {found.suggestions[:3]}"
    first = found.hits[0]
    assert first.iri == str(minter.entity(kind, slug)), f"{item['name']!r} ({item['form']}) → {first}"
    assert first.score >= HIT_FLOOR and not first.suggestion


def test_suggestions_still_come_for_most_absent_names(index: NameIndex) -> None:
    """The floor hides guesses as hits, not as suggestions: a look-alike is still offered."""
    offered = [item["name"] for item in ABSENT if index.find(item["name"]).suggestions]
    assert len(offered) >= len(ABSENT) * 3 // 4, offered
    assert "华润集团" in [hit.matched_name for hit in index.find("华能集团").suggestions]
