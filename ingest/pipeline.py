"""The ingest pipeline: read → normalise → split → recognise → link → relate → emit → write.

Every stage but the last is a function from data to data; only :func:`ingest_files` writes to the store,
one named graph per document, replacing what the document said before. A document that cannot be read
is reported and skipped; the graph keeps everything it had.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from rekg.errors import DocumentError
from rekg.graph.iri import IriMinter
from rekg.graph.labels import derive_labels
from rekg.graph.store import QuadStore
from rekg.ingest.document_relations import counted_members, member_lists, post_lines
from rekg.ingest.emit import emit_document
from rekg.ingest.lexicon import (
    ORGANIZATION_KINDS,
    CuratedEntity,
    NameBook,
    curated_entities,
    is_generic_name,
    kind_from_suffix,
    matching_form,
)
from rekg.ingest.linking import KnownEntity, Registry, is_global_name, link
from rekg.ingest.model import (
    DocumentFacts,
    DocumentText,
    EntityRecord,
    Mention,
    NormalizedText,
    Quantity,
    RelationRecord,
)
from rekg.ingest.normalize import normalize, remove_pinyin_glosses, start
from rekg.ingest.progress import Progress, SilentProgress
from rekg.ingest.reading import MAX_DOCUMENT_BYTES, DocumentMetadata, read_document, read_manifest
from rekg.ingest.recognize import recognize, split_sentences
from rekg.ingest.relations import extract, stock_code_attributes
from rekg.ingest.sentence_view import sentence_views
from rekg.ingest.tagging import make_pipeline
from rekg.ontology import ENTITY_CLASSES, NAMESPACES, REK
from rekg.ontology.vocabulary import class_of_kind
from rekg.seeds import DOCUMENTS_DIR

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
_POLICY_TITLE = re.compile(
    r".{2,60}(?:规划|条例|办法|意见|通知|标准|决定|方案|纲要|规定|法|共识|倡议|宣言|公约)(?:\(\d{4}-\d{4}年\))?$"
)


@dataclass(frozen=True)
class DocumentReport:
    name: str
    graph: str | None = None
    entities: int = 0
    relations: int = 0
    assertions: int = 0
    warnings: tuple[str, ...] = ()
    error: str | None = None


@dataclass
class Extractor:
    """What extraction needs across documents: the spaCy pipeline and the entity registry."""

    minter: IriMinter
    registry: Registry
    nlp: Any = field(default=None)

    @classmethod
    def create(
        cls, minter: IriMinter, *, store: QuadStore | None = None, use_tagger: bool = True, nlp: Any = None
    ) -> Extractor:
        """A fresh registry (the curated names, and the store's if given) with ``nlp`` or a new pipeline."""
        registry = Registry.from_curated(minter, curated_entities())
        if store is not None:
            _add_store_entities(registry, store)
        return cls(minter, registry, nlp if nlp is not None else make_pipeline(use_tagger=use_tagger))

    def extract(self, document: DocumentText) -> DocumentFacts:
        with _fewer_collections():
            return extract_document(document, self)


@contextmanager
def _fewer_collections(first_generation: int = 50_000) -> Iterator[None]:
    """Reading a document makes hundreds of thousands of short-lived tuples (words, spans, candidates), and
    with the collector's default threshold (700 new objects) it would walk the young objects thousands of
    times a document: the threshold is raised while a document is read (collections still run), then put
    back."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(first_generation, thresholds[0]), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def extract_document(document: DocumentText, extractor: Extractor) -> DocumentFacts:
    normalized = normalize(document.text)
    sentences = split_sentences(normalized.text)
    book = NameBook.curated()
    book.matcher.update(extractor.registry.travelling_names())
    mentions = recognize(normalized, sentences, extractor.nlp, book)
    document_policy_mention = _document_policy(document, normalized, sentences)
    if document_policy_mention is not None:
        mentions = [
            document_policy_mention,
            *[
                m
                for m in mentions
                if m.end <= document_policy_mention.start or m.start >= document_policy_mention.end
            ],
        ]
    originals = _originals(document, normalized, mentions)
    assignment, records = link(mentions, book.short_names, extractor.registry, originals)
    kinds = {r.key: r.kind for r in records}
    # A mention is of its entity's kind (中铝秘鲁矿业 read as a group somewhere is still the company).
    mentions = [_of_kind(m, kinds.get(assignment.get(i), m.kind)) for i, m in enumerate(mentions)]
    publisher = _publisher(document, extractor.registry) or _defined_subject(mentions, assignment, book)
    policy_iri = assignment.get(0) if document_policy_mention is not None else None
    relations = []
    attributes: dict[str, set[tuple[str, str]]] = {}
    views = list(sentence_views(sentences, mentions, assignment, kinds, publisher, policy_iri))
    for view in views:
        relations.extend(extract(view))
        for subject, code in stock_code_attributes(view):
            attributes.setdefault(subject, set()).add(("stockCode", code))
    seen = {(r.subject, r.predicate, str(r.object), r.sentence) for r in relations}
    issuers = issuers_in_titles(mentions, assignment, extractor.registry)
    for record in [*member_lists(views), *counted_members(views), *post_lines(views), *issuers]:
        key = (record.subject, record.predicate, str(record.object), record.sentence)
        if key not in seen:
            seen.add(key)
            relations.append(record)
    relations = reconcile(relations)
    records = [_with_attributes(r, attributes.get(r.key, ())) for r in records]
    known = {r.key for r in records}
    missing = {r.subject for r in relations} | {r.object for r in relations if isinstance(r.object, str)}
    records += [
        _record_for(extractor.registry.entities[iri])
        for iri in sorted(missing - known)
        if iri in extractor.registry.entities
    ]
    return DocumentFacts(document, normalized, sentences, tuple(mentions), tuple(records), tuple(relations))


def _of_kind(mention: Mention, kind: str) -> Mention:
    """The mention, of this kind."""
    return mention if mention.kind == kind else replace(mention, kind=kind)


def _with_attributes(record: EntityRecord, extra: Iterable[tuple[str, str]]) -> EntityRecord:
    """The record with these attributes too, all of them sorted."""
    merged = tuple(sorted({*record.attributes, *extra}))
    return record if merged == record.attributes else replace(record, attributes=merged)


def issuers_in_titles(
    mentions: Sequence[Mention], assignment: Mapping[int, str], registry: Registry
) -> Iterable[RelationRecord]:
    """《中国稀土集团有限公司固体废物管理暂行办法》: a policy whose title begins with an organisation's
    name was issued by that organisation."""
    for index, mention in enumerate(mentions):
        if mention.kind != "policy" or index not in assignment:
            continue
        for length in range(len(mention.text) - 4, 3, -1):
            issuer = registry.find(mention.text[:length], "company")
            if issuer is not None and not is_generic_name(mention.text[:length]):
                yield RelationRecord(
                    assignment[index], "issuedBy", issuer, mention.sentence, 0.75, "issuer-in-title"
                )
                break


def reconcile(relations: Sequence[RelationRecord]) -> list[RelationRecord]:
    """One document, one account of a fact: a partnership stated with a date in one sentence and without
    in another (a headline) gets the date; a quantity stated with and without its year is one quantity."""
    dates: dict[frozenset[str], str] = {}
    years: dict[tuple[str, str, str, str], int] = {}
    for r in relations:
        if r.predicate == "partnerOf" and r.date and isinstance(r.object, str):
            dates.setdefault(frozenset((r.subject, r.object)), r.date)
        if isinstance(r.object, Quantity) and r.object.year:
            years.setdefault((r.subject, r.predicate, r.object.value, r.object.unit), r.object.year)
    out = []
    for r in relations:
        if r.predicate == "partnerOf" and not r.date and isinstance(r.object, str):
            r = replace(r, date=dates.get(frozenset((r.subject, r.object))))
        if isinstance(r.object, Quantity):
            year = years.get((r.subject, r.predicate, r.object.value, r.object.unit))
            r = replace(r, object=replace(r.object, year=year))
        out.append(r)
    return out


def _record_for(known: KnownEntity) -> EntityRecord:
    return EntityRecord(known.iri, known.kind, known.canonical, frozenset(), curated=known.curated)


def _document_policy(
    document: DocumentText, normalized: NormalizedText, sentences: Sequence[Any]
) -> Mention | None:
    """A document that is itself a policy (a plan, a regulation) becomes a policy mention at its title."""
    if not sentences:
        return None
    first = sentences[0]
    for candidate in (
        document.title or "",
        document.title.split(",")[0] if document.title else "",
        first.text,
    ):
        title = matching_form(candidate.strip("#* "))
        if title and _POLICY_TITLE.match(title):
            found = normalized.text.find(title, first.start, first.end + 1)
            if found >= 0:
                return Mention(found, found + len(title), title, "policy", "title", first.index)
    return None


def _originals(
    document: DocumentText, normalized: NormalizedText, mentions: Sequence[Mention]
) -> dict[int, str]:
    if "zh-Hant" not in (document.language or ""):
        return {}
    out = {}
    for index, mention in enumerate(mentions):
        printed = remove_pinyin_glosses(start(normalized.original_text(mention.start, mention.end))).text
        printed = re.sub(r"\s+", "", printed)
        if printed != mention.text:
            out[index] = printed
    return out


def _publisher(document: DocumentText, registry: Registry) -> str | None:
    if not document.publisher:
        return None
    name = matching_form(document.publisher)
    return registry.find(name, kind_from_suffix(name) or "company")


def _defined_subject(
    mentions: Sequence[Mention], assignment: Mapping[int, str], book: NameBook
) -> str | None:
    """Whom 公司 and 本公司 stand for in a document with no known publisher: the organisation it defines as
    such (XX股份有限公司(以下简称"公司")), else the first one it gives a short name (an announcement's
    issuer, the subject of a news item)."""
    defined = set(book.short_names.values())
    selves = {book.short_names[s] for s in ("公司", "本公司", "集团", "本集团") if s in book.short_names}
    for wanted in (selves, defined):
        for index, mention in sorted(enumerate(mentions), key=lambda im: im[1].start):
            if mention.text in wanted and mention.kind in ORGANIZATION_KINDS and index in assignment:
                return assignment[index]
    return None


def _add_store_entities(registry: Registry, store: QuadStore) -> None:
    """Entities already in the store join the registry, so a new document links to them."""
    query = """
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT DISTINCT ?e ?type ?label WHERE { ?e a ?type ; skos:altLabel|skos:prefLabel ?label }
    """
    names: dict[str, tuple[str, set[str], set[str]]] = {}
    for row in store.query(query):
        entity, rdf_type, label = row  # type: ignore[misc]
        if rdf_type not in ENTITY_CLASSES:
            continue
        kind, chinese, english = names.setdefault(str(entity), (ENTITY_CLASSES[rdf_type], set(), set()))
        if (label.language or "").lower() == "en":
            english.add(str(label))
        else:
            chinese.add(matching_form(str(label)))
    for iri, (kind, chinese, english) in names.items():
        known = registry.entities.get(iri)
        if known is not None:  # a curated entity: the names documents taught it count too
            known.names |= {n for n in chinese if is_global_name(n)}
            known.english |= english
            registry.add(known)
        elif chinese:
            canonical = sorted(chinese, key=lambda n: (kind_from_suffix(n) is None, -len(n), n))[0]
            registry.add(KnownEntity(iri, kind, canonical, chinese, english))


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


def labels_graph_name(minter: IriMinter) -> URIRef:
    return URIRef(f"{minter.base}graph/labels")


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
    extractor = extractor or Extractor.create(minter, store=store)
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


def prime(
    extractor: Extractor,
    paths: Sequence[Path],
    manifest: Mapping[str, DocumentMetadata],
    progress: Progress | None = None,
) -> None:
    """A first reading of every document, so that each teaches the registry its names before any is linked
    for good: linking then does not depend on the order of the documents, and a later re-ingest of one
    document (against the store) finds what the build found. The tagger remembers the sentences, so the
    second reading costs little."""
    progress = progress or SilentProgress()
    progress.start(len(paths))
    try:
        for path in paths:
            progress.document(f"reading names in {path.name}")
            with suppress(DocumentError):  # a broken document is reported when it is ingested
                extractor.extract(read_document(path, manifest=manifest))
            progress.advance()
    finally:
        progress.stop()


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
    prime(extractor, documents, manifest, progress)
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
