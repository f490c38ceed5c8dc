"""The index beside the store (rekg.graph.index_store): every write keeps it at the store's generation; one that
disagrees with the store is found and rebuilt, never read; and what the server builds from it — the stored
name index, the per-request projection, the statistics — answers as the views built from the whole store."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, SKOS, Graph, Literal, URIRef

from rekg.graph.bounded import StoreProjection
from rekg.graph.generation import marked_write, read_generation
from rekg.graph.index_store import INDEX_FILE, IndexStore, build_index, open_index
from rekg.graph.lookup import NameIndex
from rekg.graph.name_index_store import StoredNameIndex
from rekg.graph.projection import EntityGraph
from rekg.graph.statistics import graph_statistics, index_statistics
from rekg.graph.store import QuadStore, open_store
from rekg.ontology import REK

PROBE = json.loads((Path(__file__).parent / "data" / "lookup_probe.json").read_text(encoding="utf-8"))
NEW = URIRef("https://w3id.org/rekg/id/company/index-test")
DOC = URIRef("https://w3id.org/rekg/id/document/index-test")


def _contents(index: IndexStore) -> tuple[object, ...]:
    """What the server reads from an index, to compare two."""
    facts = index.query("SELECT DISTINCT fs, fp, fo FROM edges ORDER BY fs, fp, fo")
    return (index_statistics(index, "-", "-"), index.entities(), facts)


def _fresh(store: QuadStore) -> IndexStore:
    index = IndexStore(None)
    build_index(store, index, None)
    return index


def _document() -> Graph:
    graph = Graph()
    graph.add((NEW, RDF.type, REK.Company))
    graph.add((NEW, SKOS.altLabel, Literal("索引测试稀土有限公司", lang="zh-Hans")))
    graph.add((NEW, REK.mentionedIn, DOC))
    graph.add((NEW, REK.subsidiaryOf, URIRef("https://w3id.org/rekg/id/group/china-rare-earth-group")))
    return graph


def test_every_write_keeps_the_index_at_the_stores_generation(built_store_copy: QuadStore) -> None:
    store = built_store_copy
    directory = Path(store.location)
    index = IndexStore.beside(directory)
    for write in (
        lambda: store.replace_graph(DOC, _document()),
        lambda: store.add_graph(DOC, _document()),
        lambda: store.load_graphs(
            {
                DOC: [
                    ox.Quad(
                        ox.NamedNode(str(NEW)),
                        ox.NamedNode(str(RDF.type)),
                        ox.NamedNode(str(REK.Mine)),
                        ox.NamedNode(str(DOC)),
                    )
                ]
            }
        ),
        lambda: store.drop_graph(DOC),
    ):
        write()
        assert index.generation() == read_generation(directory).number
        kept, fresh = _contents(index), _contents(_fresh(store))
        assert [kept[1][iri] for iri in kept[1] if kept[1][iri] != fresh[1].get(iri)] == []
        assert kept == fresh
    index.close()


def test_the_index_follows_a_document_in_and_out(built_store_copy: QuadStore) -> None:
    store = built_store_copy
    index = IndexStore.beside(Path(store.location))
    store.replace_graph(DOC, _document())
    found = StoredNameIndex(index).find("索引测试稀土")
    assert [hit.iri for hit in found.hits] == [str(NEW)]
    projection = StoreProjection(store, index)
    owners = projection.ownership(str(NEW)).owners.children
    assert [owner.iri for owner in owners] == ["https://w3id.org/rekg/id/group/china-rare-earth-group"]
    store.drop_graph(DOC)
    assert not StoredNameIndex(index).find("索引测试稀土").hits
    assert str(NEW) not in StoreProjection(store, index)
    index.close()


def _copy(built_store_dir: Path, tmp_path: Path) -> Path:
    shutil.copytree(built_store_dir, tmp_path / "store")
    return tmp_path / "store"


def test_a_write_the_index_missed_is_found_and_rebuilt(built_store_dir: Path, tmp_path: Path) -> None:
    """As after a crash between the store's commit and the index's: the mark moved, the index did not."""
    directory = _copy(built_store_dir, tmp_path)
    store = open_store(directory)
    raw = store.oxigraph  # type: ignore[attr-defined]
    with marked_write(directory):
        raw.extend(ox.Quad(ox.NamedNode(str(NEW)), ox.NamedNode(str(RDF.type)), ox.NamedNode(str(REK.Company)),
                           ox.NamedNode(str(DOC))) for _ in range(1))  # fmt: skip
    index = IndexStore.beside(directory)
    assert index.generation() == read_generation(directory).number - 1
    store.replace_graph(DOC, _document())  # the next writer rebuilds it whole
    assert index.generation() == read_generation(directory).number
    assert _contents(index) == _contents(_fresh(store))
    with marked_write(directory):
        raw.update(f"DROP GRAPH <{DOC}>")
    del raw  # the last reference: closing the store closes Oxigraph
    store.close()
    with open_store(directory, read_only=True) as reader:  # … and so does a reader
        opened = open_index(reader)
        assert opened.path == directory / INDEX_FILE
        assert opened.generation() == read_generation(directory).number
        assert _contents(opened) == _contents(_fresh(reader))
        opened.close()
    index.close()


def test_an_index_of_another_version_or_during_a_write_is_not_read(
    built_store_dir: Path, tmp_path: Path
) -> None:
    directory = _copy(built_store_dir, tmp_path)
    with sqlite3.connect(directory / INDEX_FILE) as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'version'")
    with open_store(directory, read_only=True) as reader:
        opened = open_index(reader)
        assert opened.generation() == read_generation(directory).number
        assert _contents(opened) == _contents(_fresh(reader))
        opened.close()
    mark = json.loads((directory / "rekg-generation.json").read_text())
    (directory / "rekg-generation.json").write_text(json.dumps({**mark, "writing": True}))
    with open_store(directory, read_only=True) as reader:
        opened = open_index(reader)
        assert opened.path is None  # built in memory from the snapshot being read
        assert _contents(opened) == _contents(_fresh(reader))
        opened.close()


@pytest.fixture(scope="module")
def index(built_store_dir: Path) -> IndexStore:
    with open_store(built_store_dir, read_only=True) as store:
        return open_index(store)


def test_statistics_from_the_index_are_the_stores(built_store: QuadStore, index: IndexStore) -> None:
    assert index_statistics(index, built_store.location, built_store.backend) == graph_statistics(built_store)


def test_the_stored_name_index_answers_as_the_in_memory_one(
    built_store: QuadStore, index: IndexStore
) -> None:
    memory, stored = NameIndex.from_store(built_store), StoredNameIndex(index)
    assert len(stored) == len(memory) and stored.kinds() == memory.kinds()
    names = [item["name"] for part in ("absent", "present") for item in PROBE[part]]
    for name in names + [name[:2] for name in names] + [name[:5] for name in names]:
        for kind in (None, "company", "place"):
            assert stored.lookup(name, kind=kind) == memory.lookup(name, kind=kind), (name, kind)


def test_the_projection_per_request_answers_as_the_whole(built_store: QuadStore, index: IndexStore) -> None:
    whole, bounded = EntityGraph.from_store(built_store), StoreProjection(built_store, index)
    assert len(bounded) == len(whole) and bounded.kinds() == whole.kinds()
    assert bounded.relation_names() == whole.relation_names()
    assert bounded.overview(60) == whole.overview(60)
    assert bounded.overview(30, kinds=["company", "group"]) == whole.overview(30, kinds=["company", "group"])
    ranked = whole.ranked()
    for iri in ranked[:25] + ranked[-5:]:
        assert bounded.ownership(iri) == whole.ownership(iri)
        assert bounded.neighbourhood(iri, 2) == whole.neighbourhood(iri, 2)
        assert bounded.neighbourhood(iri, 3, kinds=["company"], limit=20) == whole.neighbourhood(
            iri, 3, kinds=["company"], limit=20
        )
        assert sorted(bounded.outgoing(iri), key=repr) == sorted(whole.outgoing(iri), key=repr)
        assert sorted(bounded.incoming(iri), key=repr) == sorted(whole.incoming(iri), key=repr)
        assert bounded.degree(iri) == whole.degree(iri)
        assert (bounded.kind(iri), bounded.labels(iri)) == (whole.kind(iri), whole.labels(iri))
    for source, target in zip(ranked[:10], ranked[5:40:3], strict=False):
        assert bounded.paths(source, target) == whole.paths(source, target)
        assert bounded.paths(source, target, relations=["subsidiaryOf"], max_length=3) == whole.paths(
            source, target, relations=["subsidiaryOf"], max_length=3
        )
