"""The ingest pipeline: read → normalise → split → recognise → link → relate → emit → write.

Every stage but the last is a function from data to data; only :func:`ingest_files` writes to the store,
one named graph per document, replacing what the document said before. A document that cannot be read
is reported and skipped; the graph keeps everything it had.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from rekg.errors import DocumentError
from rekg.graph.iri import IriMinter
from rekg.graph.labels import derive_labels, labels_graph_name
from rekg.graph.store import QuadStore
from rekg.ingest.emit import emit_document
from rekg.ingest.extraction import Extractor
from rekg.ingest.lexicon import CuratedEntity, curated_entities
from rekg.ingest.progress import Progress, SilentProgress
from rekg.ingest.reading import MAX_DOCUMENT_BYTES, DocumentMetadata, read_document, read_manifest
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


def refresh_labels(store: QuadStore, minter: IriMinter) -> None:
    name = labels_graph_name(minter)
    store.replace_graph(name, derive_labels(store, name))


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
) -> list[DocumentReport]:
    """Ingest documents one by one: each replaces its named graph (one transaction each); a broken one is
    reported and skipped. Each document is known by its path relative to ``root`` or to the folder given (see
    :func:`document_sources`). ``labels``: refresh the derived labels afterwards."""
    minter = minter or IriMinter.from_environment()
    progress = progress or SilentProgress()
    sources = document_sources(paths, root)
    if extractor is None:  # the documents read again link as if read for the first time
        again = [str(minter.document(s.identity)) for s in sources] + [
            str(minter.document(s.identity, disambiguate=True)) for s in sources
        ]
        extractor = Extractor.create(minter, store=store, without=again)
    reports: list[DocumentReport] = []
    progress.start(len(sources))
    try:
        for source in sources:
            progress.document(source.identity)
            reports.append(_ingest_one(store, source, extractor, minter, manifest, max_bytes))
            progress.advance()
        if labels and any(r.error is None for r in reports):
            refresh_labels(store, minter)
    finally:
        progress.stop()
    return reports


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


def document_graph(store: QuadStore, minter: IriMinter, identity: str) -> URIRef:
    """The named graph of the document with this identity: the one minted from its readable slug, unless
    another document holds that graph (two paths with one slug, like ``a b.txt`` and ``a-b.txt``); then the
    slug with a hash of the path. DocumentError, before anything is written, if that one is taken too."""
    for disambiguate in (False, True):
        iri = minter.document(identity, disambiguate=disambiguate)
        holder = _source_of(store, iri)
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


def _ingest_one(
    store: QuadStore,
    source: Source,
    extractor: Extractor,
    minter: IriMinter,
    manifest: Mapping[str, DocumentMetadata] | None,
    max_bytes: int,
) -> DocumentReport:
    name = source.identity
    if source.clash is not None:
        return DocumentReport(name, error=source.clash)
    try:
        document = read_document(
            source.path,
            manifest=manifest or _sibling_manifest(source.path),
            identity=source.identity,
            max_bytes=max_bytes,
        )
        facts = extractor.extract(document)
        graph = emit_document(facts, minter, document_graph(store, minter, source.identity))
    except DocumentError as e:
        return DocumentReport(name, error=str(e))
    store.replace_graph(URIRef(graph.identifier), graph)
    return DocumentReport(
        name,
        graph=str(graph.identifier),
        entities=len(facts.entities),
        relations=len(facts.relations),
        assertions=sum(1 for _ in graph.subjects(RDF.type, REK.Assertion)),
        warnings=facts.warnings,
    )


def _sibling_manifest(path: Path) -> Mapping[str, DocumentMetadata] | None:
    candidate = path.parent / "MANIFEST.md"
    if not candidate.is_file():
        return None
    try:
        return read_manifest(candidate)
    except DocumentError:
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
    )
    keep = {URIRef(seeds.identifier), labels_graph_name(minter)}
    keep |= {URIRef(r.graph) if r.graph else minter.document(r.name) for r in reports}
    for name in store.graph_names():
        if name not in keep:
            store.drop_graph(name)
    refresh_labels(store, minter)
    return reports
