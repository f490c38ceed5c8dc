"""Preferred labels, derived: one ``skos:prefLabel`` per language for every entity, chosen over all graphs.

Documents record every name they use as ``skos:altLabel``; curated entities carry their own preferred
labels. The *labels graph* gives every other entity its preferred zh-Hans name (a legal name if one was
seen, else the longest), its zh-Hant name where one was seen, and an English name — stated by a document
if any, else generated (glossary + pinyin) and marked ``rek:labelSource "generated"``. ``rdfs:label``
mirrors the preferred labels.

It never disagrees with the data, and keeping it so costs what a write changes, not what the store holds:
an entity's labels depend only on its own names (in every graph) and an agreement's on its parties' labels,
so after a write only the entities the written graphs name — before and after — and the agreements naming
one of them are derived again (:func:`refresh_pending`), each read by a bounded query. The entities are
first marked in the labels graph (``rek:labelsPending``, one small transaction before the documents are
written): a writer stopped before it derived them leaves them marked, and the next refresh takes them in.
:func:`refresh_labels` derives the whole graph again (a build, a bulk load).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from rekg.graph.iri import IriMinter
from rekg.graph.naming import english_name, person_name_english
from rekg.graph.store import QuadStore
from rekg.graph.terms import to_ox_quads
from rekg.ontology import ENTITY_CLASSES, REK

_LEGAL_ENDINGS = ("公司", "集团", "研究院", "大学", "学院", "协会", "委员会", "部", "局")
#: Whose labels a graph can change: the subjects of these (names, types, an agreement's parties and date).
NAMING = (RDF.type, SKOS.prefLabel, SKOS.altLabel, REK.party, REK.date)
#: Entities named in one bounded query.
CHUNK = 400

_NAMES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?e ?type ?p ?label WHERE {
  GRAPH ?g { ?e a ?type . ?e ?p ?label . }
  VALUES ?p { skos:prefLabel skos:altLabel }
  FILTER(?g != <%s>)
}
"""
#: The same rows for the entities of ``VALUES ?e`` (Oxigraph evaluates ``VALUES ?p`` after the graph pattern,
#: over every entity, so here each property has its own branch: 0.3 s for 300 entities at 1M quads, not 8).
_NAMES_OF = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?e ?type ?p ?label WHERE {
  VALUES ?e { %s }
  GRAPH ?g {
    ?e a ?type .
    { ?e skos:prefLabel ?label BIND(skos:prefLabel AS ?p) } UNION { ?e skos:altLabel ?label BIND(skos:altLabel AS ?p) }
  }
  FILTER(?g != <%s>)
}
"""
_AGREEMENTS = """
PREFIX rek: <https://w3id.org/rekg/ontology#>
SELECT DISTINCT ?agreement ?party ?date WHERE {
  %s
  ?agreement a rek:Agreement ; rek:party ?party .
  OPTIONAL { ?agreement rek:date ?date }
}
"""
_AGREEMENTS_OF = """
PREFIX rek: <https://w3id.org/rekg/ontology#>
SELECT DISTINCT ?agreement WHERE { VALUES ?party { %s } ?agreement rek:party ?party }
"""
_NAMED_IN = f"""
SELECT DISTINCT ?e WHERE {{
  VALUES ?g {{ %s }}
  VALUES ?p {{ {" ".join(f"<{p}>" for p in NAMING)} }}
  GRAPH ?g {{ ?e ?p ?o }}
}}
"""
_ABOUT = "SELECT ?s ?p ?o WHERE { VALUES ?s { %s } GRAPH <%s> { ?s ?p ?o } }"
_PENDING = f"SELECT ?e WHERE {{ GRAPH <%s> {{ <%s> <{REK.labelsPending}> ?e }} }}"


@dataclass
class _Names:
    kinds: set[URIRef] = field(default_factory=set)
    preferred: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    alternatives: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


@dataclass(frozen=True)
class _Agreement:
    parties: frozenset[URIRef]
    date: str | None


def _language(label: Literal) -> str:
    tag = (label.language or "").lower()
    return {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "en": "en"}.get(tag, tag)


def _best_chinese(names: set[str]) -> str:
    return sorted(names, key=lambda n: (not n.endswith(_LEGAL_ENDINGS), -len(n), n))[0]


def labels_graph_name(minter: IriMinter) -> URIRef:
    """The graph of derived labels (preferred labels in every language, chosen from all documents)."""
    return URIRef(f"{minter.base}graph/labels")


def _iris(iris: Iterable[URIRef]) -> str:
    return " ".join(f"<{iri}>" for iri in iris)


def _chunks(iris: Collection[URIRef] | None) -> Iterator[list[URIRef] | None]:
    """The IRIs a few hundred at a time (sorted); None (every entity) once."""
    if iris is None:
        yield None
        return
    ordered = sorted(iris)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def _read_names(
    store: QuadStore, labels_graph: URIRef, entities: Collection[URIRef] | None
) -> dict[URIRef, _Names]:
    """The types and names of ``entities`` (None: of every entity) given in the same graph, the labels
    graph left out."""
    found: dict[URIRef, _Names] = {}
    for chunk in _chunks(entities):
        query = _NAMES % labels_graph if chunk is None else _NAMES_OF % (_iris(chunk), labels_graph)
        for row in store.query(query):
            entity, rdf_type, predicate, label = row  # type: ignore[misc]
            if rdf_type not in ENTITY_CLASSES or not isinstance(label, Literal):
                continue
            names = found.setdefault(entity, _Names())
            names.kinds.add(rdf_type)
            side = names.preferred if predicate == SKOS.prefLabel else names.alternatives
            side[_language(label)].add(str(label))
    return found


def _read_agreements(store: QuadStore, agreements: Collection[URIRef] | None) -> dict[URIRef, _Agreement]:
    parties: dict[URIRef, set[URIRef]] = defaultdict(set)
    dates: dict[URIRef, set[str]] = defaultdict(set)
    for chunk in _chunks(agreements):
        values = "" if chunk is None else f"VALUES ?agreement {{ {_iris(chunk)} }}"
        for row in store.query(_AGREEMENTS % values):
            agreement, party, date = row  # type: ignore[misc]
            parties[agreement].add(party)
            if date is not None:
                dates[agreement].add(str(date))
    return {a: _Agreement(frozenset(p), max(dates[a]) if dates[a] else None) for a, p in parties.items()}


def _choose(entity: URIRef, names: _Names, graph: Graph | None) -> dict[str, str]:
    """The preferred label of ``entity`` in each language; its triples go into ``graph`` (if given)."""
    chosen = {language: min(texts) for language, texts in names.preferred.items()}
    triples: list[tuple[URIRef, URIRef, Literal]] = []
    if "zh-Hans" not in chosen and names.alternatives.get("zh-Hans"):
        chosen["zh-Hans"] = _best_chinese(names.alternatives["zh-Hans"])
    if "zh-Hant" not in chosen and names.alternatives.get("zh-Hant"):
        chosen["zh-Hant"] = _best_chinese(names.alternatives["zh-Hant"])
    if "en" not in chosen:
        stated = names.alternatives.get("en")
        if stated:
            chosen["en"] = sorted(stated, key=lambda n: (-len(n), n))[0]
            triples.append((entity, REK.labelSource, Literal("document")))
        elif "zh-Hans" in chosen:
            render = person_name_english if REK.Person in names.kinds else english_name
            chosen["en"] = render(chosen["zh-Hans"])
            triples.append((entity, REK.labelSource, Literal("generated")))
    if "zh-Hans" not in chosen and "en" in chosen:
        chosen["zh-Hans"] = chosen["en"]
    for language, text in chosen.items():
        literal = Literal(text, lang=language)
        if text not in names.preferred.get(language, ()):
            triples.append((entity, SKOS.prefLabel, literal))
        triples.append((entity, RDFS.label, literal))
    if graph is not None:
        for triple in triples:
            graph.add(triple)
    return chosen


def derive_labels(
    store: QuadStore, labels_graph: URIRef, entities: Collection[URIRef] | None = None
) -> Graph:
    """The labels graph: of every entity, or (``entities``) only its triples about those entities — read
    with bounded queries: their names, and the labels of the parties of the agreements among them."""
    agreements = _read_agreements(store, entities)
    wanted = None if entities is None else set(entities)
    parties = {p for agreement in agreements.values() for p in agreement.parties}
    names = _read_names(store, labels_graph, None if wanted is None else wanted | parties)
    graph = Graph(identifier=labels_graph)
    chosen = {
        entity: _choose(entity, found, graph if wanted is None or entity in wanted else None)
        for entity, found in names.items()
    }
    _label_agreements(graph, agreements, chosen)
    return graph


def _label_agreements(
    graph: Graph, agreements: Mapping[URIRef, _Agreement], labels: Mapping[URIRef, dict[str, str]]
) -> None:
    """An agreement is named after its parties and date: 中铝集团与中国稀土集团合作协议（2024-12）."""
    for agreement, found in agreements.items():
        ordered = sorted(found.parties)
        chinese = "与".join(labels.get(p, {}).get("zh-Hans", str(p).rsplit("/", 1)[-1]) for p in ordered)
        english = " and ".join(labels.get(p, {}).get("en", str(p).rsplit("/", 1)[-1]) for p in ordered)
        zh = f"{chinese}合作协议" + (f"（{found.date}）" if found.date else "")
        en = f"Agreement between {english}" + (f" ({found.date})" if found.date else "")
        for text, language in ((zh, "zh-Hans"), (en, "en")):
            graph.add((agreement, SKOS.prefLabel, Literal(text, lang=language)))
            graph.add((agreement, RDFS.label, Literal(text, lang=language)))
        graph.add((agreement, REK.labelSource, Literal("generated")))


def refresh_labels(store: QuadStore, labels_graph: URIRef) -> None:
    """Derive the whole labels graph again and write it in one transaction (no entity left pending)."""
    store.replace_graph(labels_graph, derive_labels(store, labels_graph))


# -- after a write: the entities it touched ----------------------------------------------------------------------


def named_in_store(store: QuadStore, graphs: Iterable[URIRef]) -> set[URIRef]:
    """The entities whose labels the named ``graphs`` of the store bear on (see :data:`NAMING`)."""
    found: set[URIRef] = set()
    for chunk in _chunks(set(graphs)):
        assert chunk is not None
        found |= {row[0] for row in store.query(_NAMED_IN % _iris(chunk))}  # type: ignore[index]
    return {e for e in found if isinstance(e, URIRef)}


def named_in_quads(quads: Iterable[ox.Quad]) -> set[URIRef]:
    """The entities whose labels these quads bear on (see :data:`NAMING`)."""
    naming = {ox.NamedNode(str(p)) for p in NAMING}
    return {
        URIRef(q.subject.value)
        for q in quads
        if q.predicate in naming and isinstance(q.subject, ox.NamedNode)
    }


def mark_written(store: QuadStore, labels_graph: URIRef, graphs: Mapping[URIRef, Iterable[ox.Quad]]) -> None:
    """Before ``graphs`` are written (each replacing the graph of its name): mark pending the entities whose
    labels the graphs bear on, as the store has them and as they will be. :func:`refresh_pending` after."""
    written = named_in_quads(quad for quads in graphs.values() for quad in quads)
    mark_pending(store, labels_graph, named_in_store(store, graphs) | written)


def mark_pending(store: QuadStore, labels_graph: URIRef, entities: Collection[URIRef]) -> None:
    """Say in the labels graph (one transaction) that these entities' labels are to be derived again."""
    if entities:
        store.change_graph(labels_graph, (), _marks(labels_graph, entities))


def _marks(labels_graph: URIRef, entities: Iterable[URIRef]) -> list[ox.Quad]:
    return list(to_ox_quads(labels_graph, ((labels_graph, REK.labelsPending, e) for e in sorted(entities))))


def refresh_pending(store: QuadStore, labels_graph: URIRef) -> int:
    """Derive the labels of the entities marked pending again — and of the agreements naming one of them as a
    party, whose labels are made of theirs — and write what changed, the marks removed, in one transaction.
    Returns how many entities were derived again."""
    pending = {
        row[0]  # type: ignore[index]
        for row in store.query(_PENDING % (labels_graph, labels_graph))
        if isinstance(row[0], URIRef)  # type: ignore[index]
    }
    if not pending:
        return 0
    affected = pending | _agreements_of(store, pending)
    new = set(to_ox_quads(labels_graph, derive_labels(store, labels_graph, affected)))
    old = set(_about(store, labels_graph, affected))
    marks = set(_marks(labels_graph, pending))
    store.change_graph(labels_graph, sorted((old - new) | marks, key=str), sorted(new - old, key=str))
    return len(affected)


def _agreements_of(store: QuadStore, parties: Collection[URIRef]) -> set[URIRef]:
    found: set[URIRef] = set()
    for chunk in _chunks(parties):
        assert chunk is not None
        for row in store.query(_AGREEMENTS_OF % _iris(chunk)):
            found.add(row[0])  # type: ignore[index]
    return found


def _about(store: QuadStore, labels_graph: URIRef, subjects: Collection[URIRef]) -> Iterator[ox.Quad]:
    """The labels graph's triples about ``subjects``, as quads."""
    for chunk in _chunks(subjects):
        assert chunk is not None
        rows = store.query(_ABOUT % (_iris(chunk), labels_graph))
        yield from to_ox_quads(labels_graph, (tuple(row) for row in rows))  # type: ignore[misc]
