"""The statistics kept in the store's index (rekg.graph.index_counts) are moved on by each write, not counted
again: after every write of a sequence — ingest, the same document ingested again (its graph replaced), a
graph deleted, a load, facts and names another graph also holds — they equal a full recount of the index,
the counts of an index built afresh from the store, and the counts SPARQL gives over the whole store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, SKOS, Graph, Literal, URIRef

from rekg.graph.index_store import IndexStore, build_index
from rekg.graph.iri import IriMinter
from rekg.graph.loading import load_files
from rekg.graph.statistics import graph_statistics, index_statistics
from rekg.graph.store import QuadStore
from rekg.ingest.pipeline import Extractor, ingest_files
from rekg.ontology import REK

GROUP = URIRef("https://w3id.org/rekg/id/group/china-rare-earth-group")
NEW = URIRef("https://w3id.org/rekg/id/company/counts-test")
DOC_A = URIRef("https://w3id.org/rekg/id/document/counts-a")
DOC_B = URIRef("https://w3id.org/rekg/id/document/counts-b")
TEXT = "北方稀土是中国北方稀土（集团）高科技股份有限公司的简称。五矿稀土与中国稀土集团签署了合作协议。"


def _graph(*, english: bool, owner: URIRef = GROUP) -> Graph:
    """A hand-made document graph: a company (typed twice: once is one entity), its names, its owner."""
    graph = Graph()
    graph.add((NEW, RDF.type, REK.Company))
    graph.add((NEW, RDF.type, REK.Organization))
    graph.add((NEW, SKOS.prefLabel, Literal("计数测试稀土有限公司", lang="zh-Hans")))
    if english:
        graph.add((NEW, SKOS.prefLabel, Literal("Counts Test Rare Earth Co.", lang="en")))
    graph.add((NEW, REK.subsidiaryOf, owner))
    graph.add((owner, REK.hasSubsidiary, NEW))  # the same fact turned round: another (s, p, o)
    graph.add((NEW, REK.mentionedIn, DOC_A))
    return graph


def _agree(store: QuadStore, index: IndexStore) -> None:
    kept = index.counts()
    assert kept == index.recount()
    fresh = IndexStore(None)
    build_index(store, fresh, None)
    assert kept == fresh.recount()
    fresh.close()
    assert index_statistics(index, store.location, store.backend) == graph_statistics(store)


def test_counts_moved_on_by_each_write_equal_a_recount(
    built_store_copy: QuadStore, tmp_path: Path, minter: IriMinter, extractor: Extractor
) -> None:
    store = built_store_copy
    index = IndexStore.beside(Path(store.location))
    document = tmp_path / "docs" / "counts.txt"
    document.parent.mkdir()
    document.write_text(TEXT, encoding="utf-8")
    nquads = tmp_path / "more.nq"
    other = f"<{NEW}> <{REK.subsidiaryOf}> <{GROUP}> <{DOC_B}> .\n"
    other += f'<{NEW}> <{SKOS.prefLabel}> "Counts Test"@en <{DOC_B}> .\n'
    other += f"<{NEW}> <{RDF.type}> <{REK.Company}> <{DOC_B}> .\n"
    nquads.write_text(other, encoding="utf-8")

    def ingest() -> None:
        (report,) = ingest_files(store, [document], minter=minter, extractor=extractor)
        assert report.error is None

    writes: list[Callable[[], object]] = [
        ingest,
        ingest,  # the same document again: its graph replaced
        lambda: store.replace_graph(DOC_A, _graph(english=False)),
        lambda: load_files(store, [nquads], minter=minter),  # DOC_B holds a fact and names DOC_A holds
        lambda: store.replace_graph(DOC_A, _graph(english=True)),  # English now also in DOC_A
        lambda: store.drop_graph(DOC_B),
        lambda: store.replace_graph(DOC_A, _graph(english=False, owner=NEW)),
        lambda: store.load_graphs(
            {DOC_B: [ox.Quad(*(ox.NamedNode(str(t)) for t in (NEW, RDF.type, REK.Mine, DOC_B)))]}
        ),
        lambda: store.drop_graph(DOC_A),
        lambda: load_files(store, [nquads], minter=minter, bulk=True),
    ]
    for write in writes:
        before = index.counts()
        write()
        _agree(store, index)
        assert index.counts() != before or write is ingest
    index.close()
