"""What keeps a lookup's work bounded as the graph grows, answering as before: look-alikes compared only when
they can reach the cutoff (rekg.graph.fuzzy), candidates from a bounded number of index rows above the full
scan (rekg.graph.name_index_store), and the index's reads served by covering indexes, which an index file
made before them gets when it is opened."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from rapidfuzz import fuzz, process

from rekg.graph import name_index_store
from rekg.graph.fuzzy import Keys
from rekg.graph.index_store import INDEX_FILE, IndexStore, open_index
from rekg.graph.iri import IriMinter
from rekg.graph.lookup import FUZZY_CUTOFF, NameIndex
from rekg.graph.name_index_store import StoredNameIndex
from rekg.graph.store import QuadStore, open_store
from rekg.graph.text import fold

PROBE = json.loads((Path(__file__).parent / "data" / "lookup_probe.json").read_text(encoding="utf-8"))
NAMES = [item["name"] for part in ("absent", "present") for item in PROBE[part]]


@pytest.fixture(scope="module")
def memory(built_store: QuadStore) -> NameIndex:
    return NameIndex.from_store(built_store)


@pytest.fixture(scope="module")
def index(built_store_dir: Path) -> IndexStore:
    with open_store(built_store_dir, read_only=True) as store:
        return open_index(store)


def test_look_alikes_left_out_are_those_under_the_cutoff(memory: NameIndex) -> None:
    keys = [name_key for name_key, _, _ in memory.names]
    compared = Keys(keys)
    queries = [fold(name) for name in NAMES] + [fold(name)[:3] for name in NAMES] + keys[::25]
    for query in queries:
        every = process.extract(query, keys, scorer=fuzz.WRatio, limit=30, score_cutoff=FUZZY_CUTOFF)
        assert compared.alike(query, 30, FUZZY_CUTOFF) == every, query
        assert len(compared.may_reach(query)) < len(keys), query  # some are always left out here


def test_keys_or_queries_with_spaces_are_always_compared() -> None:
    keys = ["rare earth", "rareearth", "xyz", "稀土 集团"]
    compared = Keys(keys)
    assert compared.may_reach("earth rare") == [0, 1, 2, 3]
    assert compared.may_reach("earth") == [0, 1, 3]  # "xyz" shares nothing; the spaced ones stay
    for query in ("earth rare", "earth", "稀土集团"):
        every = process.extract(query, keys, scorer=fuzz.WRatio, limit=None, score_cutoff=FUZZY_CUTOFF)
        assert compared.alike(query, None, FUZZY_CUTOFF) == every


def test_a_graph_above_the_full_scan_finds_misspelt_names_as_one_below(
    index: IndexStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    minter = IriMinter.from_environment()
    below = StoredNameIndex(index)
    assert below._named <= name_index_store.FULL_SCAN  # the seed graph: every name compared
    monkeypatch.setattr(name_index_store, "FULL_SCAN", below._named - 1)
    above = StoredNameIndex(index)  # the same names, now read as candidates from the index
    for item in PROBE["present"]:
        found, expected = above.find(item["name"]), str(minter.entity(*item["entity"].split("/", 1)))
        assert found.hits and found.hits[0].iri == expected, item
        assert found.hits == below.find(item["name"]).hits, item
    for item in PROBE["absent"]:
        assert not above.find(item["name"]).hits, item


def test_an_index_made_before_the_covering_indexes_gets_them(built_store_dir: Path, tmp_path: Path) -> None:
    directory = tmp_path / "store"
    shutil.copytree(built_store_dir, directory)
    with sqlite3.connect(directory / INDEX_FILE) as db:
        db.executescript("""DROP INDEX labels_named; DROP INDEX labels_entity; DROP INDEX mentions_e;
                            CREATE INDEX labels_label ON labels (label);
                            CREATE INDEX labels_e ON labels (e, pref, lang);""")
    with open_store(directory, read_only=True) as store:
        opened = open_index(store)
        indexes = {str(row[0]) for row in opened.query("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"labels_named", "labels_entity", "mentions_e"} <= indexes
        assert not {"labels_label", "labels_e"} & indexes
        plans = [
            " ".join(str(row[-1]) for row in opened.query("EXPLAIN QUERY PLAN " + sql, args))
            for sql, args in (
                ("SELECT e, COUNT(DISTINCT d) FROM mentions WHERE e IN (?) GROUP BY e", ["x"]),
                ("SELECT DISTINCT e FROM labels WHERE label IN (?)", ["x"]),
                ("SELECT DISTINCT e, pref, lang, label FROM labels WHERE e IN (?)", ["x"]),
            )
        ]
        assert all("COVERING INDEX" in plan for plan in plans), plans
        found = StoredNameIndex(opened).find("Xiamen Tungstan")
        assert found.hits and found.hits[0].matched_name.startswith("Xiamen Tungsten")
        opened.close()
