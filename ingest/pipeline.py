"""The ingest pipeline: read → normalise → split → recognise → link → relate → emit → write.

Every stage but the last is a function from data to data; only :func:`ingest_files` writes to the store,
one named graph per document, replacing what the document said before. A document that cannot be read
is reported and skipped; the graph keeps everything it had.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from rekg.errors import DocumentError, UnsupportedOperationError
from rekg.graph.iri import IriMinter
from rekg.graph.labels import labels_graph_name, mark_written, refresh_labels, refresh_pending
from rekg.graph.store import QuadStore
from rekg.ingest.extraction import Extractor, known_names
from rekg.ingest.lexicon import CuratedEntity, curated_entities
from rekg.ingest.linking import KnownEntity
from rekg.ingest.parallel import DocumentResult, DocumentTask, InProcess, ProcessPool, Reader
from rekg.ingest.progress import Progress, SilentProgress
from rekg.ingest.reading import MAX_DOCUMENT_BYTES, DocumentMetadata, read_manifest
from rekg.ontology import NAMESPACES, REK
from rekg.ontology.vocabulary import class_of_kind
from rekg.seeds import DOCUMENTS_DIR

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")


@dataclass(frozen=True)
class DocumentReport:
    name: str
    graph: str | None = None
    entities: int = 0
    relations: int = 0
    assertions: int = 0
    warnings: tuple[str, ...] = ()
    error: str | None = None


def seeds_graph(minter: IriMinter, entities: Iterable[CuratedEntity]) -> Graph:
    """The curated entities as RDF: type, preferred labels in both languages, aliases, attributes."""
    graph = Graph(identifier=URIRef(f"{minter.base}graph/seeds"))
    for prefix, iri in NAMESPACES.items():
        graph.bind(prefix, iri)
    for entity in entities:
        node = (
            minter.entity(entity.kind, entity.slug) if entity.slug else minter.mint(entity.kind, entity.name)
        )
        graph.add((node, RDF.type, class_of_kind(entity.kind)))
        graph.add((node, SKOS.prefLabel, Literal(entity.name, lang="zh-Hans")))
        graph.add((node, SKOS.prefLabel, Literal(entity.english, lang="en")))
        graph.add((node, REK.labelSource, Literal("curated")))
        for alias in entity.aliases:
            graph.add((node, SKOS.altLabel, Literal(alias, lang="zh-Hans")))
        for alias in entity.english_aliases:
            graph.add((node, SKOS.altLabel, Literal(alias, lang="en")))
        for local, value in entity.attributes:
            graph.add((node, getattr(REK, local), Literal(value)))
    return graph


#: Documents per round: a document is read with the names taught by the documents of earlier rounds (see
#: :func:`ingest_files`). Part of the result, like the order of the documents; not of the number of workers.
ROUND = 32
#: Documents written together (each in its own transaction), as their results come in.
WRITE_BATCH = 8


def ingest_files(
    store: QuadStore,
    paths: Sequence[Path],
    *,
    root: Path | None = None,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    progress: Progress | None = None,
    minter: IriMinter | None = None,
    manifest: Mapping[str, DocumentMetadata] | None = None,
    extractor: Extractor | None = None,
    labels: bool = True,
    jobs: int = 1,
    round_size: int = ROUND,
    reader: Reader | None = None,
    bulk: bool = False,
) -> list[DocumentReport]:
    """Ingest documents: each replaces its named graph (one transaction each); a broken one is reported and
    skipped. Each document is known by its path relative to ``root`` or to the folder given (see
    :func:`document_sources`). ``labels``: bring the derived labels of the entities the documents name (as
    they were and as they are) up to date afterwards (:mod:`rekg.graph.labels`); without it, the caller
    derives the labels graph again.

    The documents are read in rounds of ``round_size``, in the order of :func:`document_sources`: every
    document of a round is read against the names known when the round starts — the curated ones, the
    store's, and those the earlier rounds taught (merged in document order). So the store comes out the same
    whoever reads each document: this process (``jobs`` 1), a pool of ``jobs`` processes, or ``reader`` (a
    Dask cluster, :mod:`rekg.ingest.distributed`). Only this process writes, as results come in, eight at
    a time (one transaction per document; with ``bulk``, the store's bulk loader, faster and not transactional: for
    filling a new store). ``extractor``: its names and pipeline, read in this process; its registry grows
    with what the documents teach."""
    if round_size < 1 or jobs < 1:
        raise ValueError("round_size and jobs must be at least 1")
    if bulk and not store.capabilities.bulk_load:
        raise UnsupportedOperationError(f"the {store.backend} store has no bulk path; ingest without --bulk")
    minter = minter or IriMinter.from_environment()
    labels_graph = labels_graph_name(minter) if labels else None
    progress = progress or SilentProgress()
    sources = document_sources(paths, root)
    if extractor is not None:
        registry = extractor.registry
    else:  # the documents read again link as if read for the first time
        again = [str(minter.document(s.identity)) for s in sources] + [
            str(minter.document(s.identity, disambiguate=True)) for s in sources
        ]
        registry = known_names(minter, store=store, without=again)
    if reader is None:
        reader = InProcess(extractor.nlp if extractor else None) if jobs == 1 else ProcessPool(jobs)
    reports: list[DocumentReport | None] = [None] * len(sources)
    progress.start(len(sources))
    try:
        reader.start(registry)
        for first in range(0, len(sources), round_size):
            batch = list(enumerate(sources[first : first + round_size], start=first))
            tasks = _round_tasks(store, minter, batch, reports, manifest, max_bytes)
            for index, _ in batch:
                if reports[index] is not None:
                    progress.advance()
            graphs: dict[URIRef, list[ox.Quad]] = {}
            taught: list[KnownEntity] = []
            for result in reader.read(tasks):
                progress.document(result.identity)
                reports[result.index] = _report(result)
                if result.graph is not None:
                    graphs[URIRef(result.graph)] = result.quads()
                    taught.extend(result.taught)
                if len(graphs) >= WRITE_BATCH:  # written while the workers read the rest of the round
                    write_documents(store, graphs, bulk=bulk, labels=labels_graph)
                    graphs = {}
                progress.advance()
            write_documents(store, graphs, bulk=bulk, labels=labels_graph)
            reader.learn(tuple(taught))
        done = [r for r in reports if r is not None]
        if labels_graph is not None:
            refresh_pending(store, labels_graph)
    finally:
        reader.close()
        progress.stop()
    return done


def write_documents(
    store: QuadStore,
    graphs: Mapping[URIRef, Sequence[ox.Quad]],
    *,
    bulk: bool = False,
    labels: URIRef | None = None,
) -> None:
    """The one place ingest writes documents: each graph replaces the graph of its name, in a transaction of
    its own (a crash leaves each one whole, old or new) — or, with ``bulk``, through the store's bulk loader
    (a crash can leave a graph part-written). ``labels``: the labels graph, in which the entities the
    documents name are first marked pending (:func:`rekg.graph.labels.mark_written`)."""
    if graphs:
        if labels is not None:
            mark_written(store, labels, graphs)
        store.load_graphs(graphs, bulk=bulk)


def _round_tasks(
    store: QuadStore,
    minter: IriMinter,
    batch: Sequence[tuple[int, Source]],
    reports: list[DocumentReport | None],
    manifest: Mapping[str, DocumentMetadata] | None,
    max_bytes: int,
) -> list[DocumentTask]:
    """A round's documents to read, each given its graph (a document that cannot be gets its report)."""
    tasks = []
    claimed: dict[URIRef, str] = {}
    for index, source in batch:
        if source.clash is not None:
            reports[index] = DocumentReport(source.identity, error=source.clash)
            continue
        try:
            graph = document_graph(store, minter, source.identity, claimed)
        except DocumentError as e:
            reports[index] = DocumentReport(source.identity, error=str(e))
            continue
        claimed[graph] = source.identity
        tasks.append(
            DocumentTask(index, source.path, source.identity, str(graph), minter, manifest, max_bytes)
        )
    return tasks


def _report(result: DocumentResult) -> DocumentReport:
    return DocumentReport(
        result.identity,
        graph=result.graph,
        entities=result.entities,
        relations=result.relations,
        assertions=result.assertions,
        warnings=result.warnings,
        error=result.error,
    )


@dataclass(frozen=True)
class Source:
    """A file to ingest and its identity: its path relative to the ingest root, with ``/`` between folders.
    Two files are two documents exactly when their identities differ; the same identity ingested again
    replaces its document's graph. ``clash``: why the file cannot be ingested under that identity."""

    path: Path
    identity: str
    clash: str | None = None


def document_sources(paths: Sequence[Path], root: Path | None = None) -> list[Source]:
    """The documents among ``paths``, each once, with its identity. A folder is searched recursively (hidden
    files and MANIFEST.md left out) and is the root of what it holds; a file given by itself is known by its
    name. With ``root``, every identity is relative to it (the absolute path for a file outside it). Two
    different files that would have one identity both get a ``clash``, and neither is written."""
    base = root.resolve() if root is not None else None
    found: dict[str, list[tuple[Path, Path]]] = {}
    for path in paths:
        files = (
            [path]
            if not path.is_dir()
            else sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in DOCUMENT_SUFFIXES
                and p.name != "MANIFEST.md"
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        )
        folder = base or (path if path.is_dir() else path.parent).resolve()
        for file in files:
            resolved = file.resolve()
            if resolved.is_relative_to(folder):
                identity = resolved.relative_to(folder).as_posix()
            else:
                identity = resolved.as_posix()
            if all(seen != resolved for _, seen in found.get(identity, [])):
                found.setdefault(identity, []).append((file, resolved))
    sources = []
    for identity, files in found.items():
        clash = None
        if len(files) > 1:
            named = " and ".join(str(file) for file, _ in files)
            clash = (
                f"{named} would both be the document {identity}: ingest the folder that holds them "
                "(each is then known by its path in it), or give --root"
            )
        sources += [Source(file, identity, clash) for file, _ in files]
    return sources


def document_graph(
    store: QuadStore, minter: IriMinter, identity: str, claimed: Mapping[URIRef, str] | None = None
) -> URIRef:
    """The named graph of the document with this identity: the one minted from its readable slug, unless
    another document holds that graph (two paths with one slug, like ``a b.txt`` and ``a-b.txt``) in the
    store or in ``claimed`` (graph → identity: given to documents not written yet); then the slug with a hash
    of the path. DocumentError, before anything is written, if that one is taken too."""
    for disambiguate in (False, True):
        iri = minter.document(identity, disambiguate=disambiguate)
        holder = (claimed or {}).get(iri) or _source_of(store, iri)
        if holder is None or holder == identity:
            return iri
    raise DocumentError(f"{identity} cannot be given a graph of its own: {iri} already holds {holder}")


def _source_of(store: QuadStore, graph: URIRef) -> str | None:
    """The identity of the document whose graph this is (its file name, for graphs written before
    identities were kept); None if there is no such graph."""
    rows = store.query(
        f"""PREFIX rek: <{REK}>
        SELECT ?path ?file WHERE {{ GRAPH <{graph}> {{
            ?document a rek:SourceDocument OPTIONAL {{ ?document rek:sourcePath ?path }}
            OPTIONAL {{ ?document rek:fileName ?file }} }} }} LIMIT 1"""
    )
    for path, file in rows:  # type: ignore[misc]
        return str(path if path is not None else file)
    return None


def build_from_seeds(
    store: QuadStore,
    *,
    progress: Progress | None = None,
    minter: IriMinter | None = None,
    extractor: Extractor | None = None,
) -> list[DocumentReport]:
    """Rebuild everything from ``seeds/``: the curated graph and every bundled document, then drop the
    graphs the build did not write. Each graph is replaced in one transaction, so a build stopped half-way
    leaves every graph whole (the old one or the new one); the next build completes it."""
    minter = minter or IriMinter.from_environment()
    seeds = seeds_graph(minter, curated_entities())
    store.replace_graph(URIRef(seeds.identifier), seeds)
    documents = sorted(
        p for p in DOCUMENTS_DIR.iterdir() if p.suffix in DOCUMENT_SUFFIXES and p.name != "MANIFEST.md"
    )
    extractor = extractor or Extractor.create(minter)
    manifest = read_manifest(DOCUMENTS_DIR / "MANIFEST.md")
    reports = ingest_files(
        store,
        documents,
        root=DOCUMENTS_DIR,
        progress=progress,
        minter=minter,
        manifest=manifest,
        extractor=extractor,
        labels=False,
        round_size=1,  # each document reads the names of all those before it, as the evaluation does
    )
    keep = {URIRef(seeds.identifier), labels_graph_name(minter)}
    keep |= {URIRef(r.graph) if r.graph else minter.document(r.name) for r in reports}
    for name in store.graph_names():
        if name not in keep:
            store.drop_graph(name)
    refresh_labels(store, labels_graph_name(minter))
    return reports
