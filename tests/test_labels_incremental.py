"""The labels graph kept by each run for the entities it touched (rekg.graph.labels) equals the labels graph
derived from the whole store: after every run of a sequence — documents ingested one run at a time, one
ingested again, one replaced by another text (entities it named no longer named), an RDF file loaded — on
the embedded store (whose index must agree with one built afresh) and in memory; and after a run stopped
between writing its documents and deriving their labels, the next run brings them up to date."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import RDF, URIRef
from rdflib.namespace import SKOS

from rekg.graph.index_store import IndexStore, build_index
from rekg.graph.iri import IriMinter
from rekg.graph.labels import derive_labels, labels_graph_name
from rekg.graph.loading import load_files
from rekg.graph.store import QuadStore, open_store
from rekg.ingest import pipeline
from rekg.ingest.extraction import Extractor
from rekg.ingest.parallel import InProcess
from rekg.ontology import REK

DOCUMENTS = Path(__file__).parent / "data" / "heldout2" / "documents"
LABELS = labels_graph_name(IriMinter())
#: One document's first text and the text replacing it (its companies named nowhere else).
TEXTS = (
    "2024年3月，北京甲乙测试稀土有限公司与上海丙丁测试稀土有限公司签署了战略合作协议。",
    "2024年5月，广州戊己测试稀土有限公司发布了年度报告。",
)


def _documents() -> list[Path]:
    return sorted(p for p in DOCUMENTS.iterdir() if p.suffix == ".txt")


@pytest.fixture(params=["embedded", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[QuadStore]:
    with open_store(tmp_path / "store" if request.param == "embedded" else "memory:") as opened:
        yield opened


def _agrees(store: QuadStore) -> None:
    kept = set(store.graph(LABELS))
    assert not [t for t in kept if t[1] == REK.labelsPending]
    derived = set(derive_labels(store, LABELS))
    assert kept == derived, (sorted(kept - derived)[:5], sorted(derived - kept)[:5])
    if store.backend == "oxigraph":
        _index_agrees(store)


def _index_agrees(store: QuadStore) -> None:
    """The index beside the store, moved on by each write, holds the rows and counts of one built afresh."""
    kept, fresh = IndexStore.beside(Path(store.location)), IndexStore(None)
    build_index(store, fresh, None)
    for table, columns in (
        ("graphs", "g, quads"),
        ("types", "g, e, type"),
        ("labels", "g, e, pref, lang, label"),
    ):
        sql = f"SELECT {columns} FROM {table} ORDER BY {columns}"
        assert kept.query(sql) == fresh.query(sql), table
    assert kept.counts() == fresh.recount()
    kept.close()
    fresh.close()


def _ingest(store: QuadStore, paths: list[Path], extractor: Extractor, root: Path | None = None) -> None:
    reports = pipeline.ingest_files(store, paths, root=root, reader=InProcess(extractor.nlp))
    assert [r.error for r in reports] == [None] * len(paths)


def test_labels_kept_run_by_run_equal_a_full_derivation(
    store: QuadStore, extractor: Extractor, tmp_path: Path
) -> None:
    first, *others = _documents()
    for document in [first, *others, first]:  # one run each; the first read again at the end
        _ingest(store, [document], extractor)
        _agrees(store)
    # one identity, another text: the entities only the first text named lose their labels
    folder = tmp_path / "changing"
    folder.mkdir()
    changing = folder / "changing.txt"
    subjects = []
    for text in TEXTS:
        changing.write_text(text, encoding="utf-8")
        _ingest(store, [changing], extractor, root=folder)
        _agrees(store)
        subjects.append(set(store.graph(LABELS).subjects()))
    assert subjects[0] - subjects[1]
    # a graph loaded from a file: new names for an entity the documents named, in a graph of its own
    entity, rdf_type = next(
        iter(
            store.query(
                f"""SELECT ?e ?t WHERE {{ GRAPH ?g {{ ?e a ?t ; <{SKOS.altLabel}> ?name }}
                FILTER(?g != <{LABELS}> && ?t != <{REK.SourceDocument}>) }} ORDER BY ?e LIMIT 1"""
            )
        )
    )  # type: ignore[misc]
    loaded = URIRef("https://w3id.org/rekg/id/document/loaded-names")
    names = tmp_path / "names.nq"
    names.write_text(
        f"<{entity}> <{RDF.type}> <{rdf_type}> <{loaded}> .\n"
        f'<{entity}> <{SKOS.altLabel}> "增量标签测试稀土有限公司"@zh-Hans <{loaded}> .\n'
        f'<{entity}> <{SKOS.altLabel}> "Incremental Labels Test Rare Earth Company Limited"@en <{loaded}> .\n',
        encoding="utf-8",
    )
    before = set(store.graph(LABELS))
    load_files(store, [names])
    _agrees(store)
    assert set(store.graph(LABELS)) != before


def test_a_run_stopped_before_its_labels_leaves_them_to_the_next(
    tmp_path: Path, extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Stopped(Exception):
        pass

    def stop(store: QuadStore, labels_graph: URIRef) -> int:
        raise Stopped

    first, second, *_ = _documents()
    with open_store(tmp_path / "store") as store:
        _ingest(store, [first], extractor)
        with monkeypatch.context() as patched:
            patched.setattr(pipeline, "refresh_pending", stop)
            with pytest.raises(Stopped):
                _ingest(store, [second], extractor)
        marked = [t for t in store.graph(LABELS) if t[1] == REK.labelsPending]
        assert marked  # the entities of the second document, written but not derived
        assert set(store.graph(LABELS)) - set(marked) != set(derive_labels(store, LABELS))
        _ingest(store, [first], extractor)  # the next run, of another document
        _agrees(store)
