"""Which triples the store's index (:mod:`rekg.graph.index_store`) keeps, and the rows they become.

Per named graph: ``?e a ?class`` for the entity classes, ``rek:SourceDocument`` and ``rek:Assertion``
(``types``); ``skos:prefLabel`` and ``skos:altLabel`` with their language (``labels``); ``rek:mentionedIn``
(``mentions``); the relation properties between two IRIs, with their forward form (``edges``:
``hasSubsidiary`` turned round into ``subsidiaryOf``, as in :mod:`rekg.graph.projection`). The triples are
read from the embedded store's Oxigraph directly, or from any backend by one SPARQL query per property.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import SKOS

from rekg.graph.index_counts import EdgeRow, LabelRow, TypeRow
from rekg.graph.store import QuadStore
from rekg.graph.terms import bcp47_case
from rekg.ontology import ENTITY_CLASSES, REK, RELATION_PROPERTIES

#: Inverse properties and the forward property each is folded into (as in the projection).
INVERSES = {str(REK.hasSubsidiary): str(REK.subsidiaryOf), str(REK.operatedBy): str(REK.operates)}
_TYPED = frozenset({str(c) for c in ENTITY_CLASSES} | {str(REK.SourceDocument), str(REK.Assertion)})
_RELATIONS = frozenset(str(p) for p in RELATION_PROPERTIES)
_PREF, _ALT, _TYPE, _MENTIONED = str(SKOS.prefLabel), str(SKOS.altLabel), str(RDF.type), str(REK.mentionedIn)
#: The properties whose triples the index keeps.
INDEXED = (_TYPE, _PREF, _ALT, _MENTIONED, *sorted(_RELATIONS))

INDEXED_SET = frozenset(INDEXED)


Row = tuple[str, str, object, str]  # subject, predicate, object (an ox or rdflib term), graph


def value_of(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode) else str(term)


def _language(term: object) -> str | None:
    """The language of a literal (``""`` without one); None for a term that is no literal."""
    if isinstance(term, ox.Literal):
        return bcp47_case(term.language or "")
    if isinstance(term, Literal):
        return bcp47_case(term.language or "")
    return None


def _is_iri(term: object) -> bool:
    return isinstance(term, ox.NamedNode | URIRef)


@dataclass(frozen=True)
class Tables:
    """Rows of the index's tables, from the indexed triples of some graphs."""

    types: list[TypeRow]
    labels: list[LabelRow]
    mentions: list[tuple[str, str, str]]
    edges: list[EdgeRow]


def tables_of(rows: Iterable[Row]) -> Tables:
    tables = Tables([], [], [], [])
    for s, p, o, g in rows:
        if p == _TYPE:
            if value_of(o) in _TYPED:
                tables.types.append((g, s, value_of(o)))
        elif p in (_PREF, _ALT):
            language = _language(o)
            if language is not None:
                tables.labels.append((g, s, int(p == _PREF), language, value_of(o)))
        elif p == _MENTIONED:
            tables.mentions.append((g, s, value_of(o)))
        elif p in _RELATIONS and _is_iri(o):
            target = value_of(o)
            forward = INVERSES.get(p)
            fs, fp, fo = (target, forward, s) if forward else (s, p, target)
            tables.edges.append((g, s, p, target, fs, fp, fo))
    return tables


@dataclass(frozen=True)
class GraphChange:
    """Quads removed from one named graph and quads added to it (each as the store had or has them)."""

    graph: str
    removed: tuple[ox.Quad, ...]
    added: tuple[ox.Quad, ...]


def indexed_rows(quads: Iterable[ox.Quad], graph: str) -> Iterator[Row]:
    """The rows of the quads the index keeps, of graph ``graph``."""
    for quad in quads:
        if quad.predicate.value in INDEXED_SET:
            yield (value_of(quad.subject), quad.predicate.value, quad.object, graph)


#: The columns of the tables of rows, in the order of their rows (:class:`Tables`).
COLUMNS = {
    "types": ("g", "e", "type"),
    "labels": ("g", "e", "pref", "lang", "label"),
    "mentions": ("g", "e", "d"),
    "edges": ("g", "s", "p", "o", "fs", "fp", "fo"),
}


def ox_rows(store: ox.Store) -> Iterator[Row]:
    for predicate in INDEXED:
        for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            if isinstance(quad.graph_name, ox.NamedNode):
                yield (value_of(quad.subject), predicate, quad.object, quad.graph_name.value)


_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def ox_sizes(store: ox.Store) -> dict[str, int]:
    return {
        solution["g"].value: int(solution["n"].value)  # type: ignore[union-attr]
        for solution in store.query(_SIZES)  # type: ignore[union-attr]
    }


_PROPERTY = "SELECT ?s ?o ?g WHERE { GRAPH ?g { ?s <%s> ?o } }"


def store_rows(store: QuadStore) -> Iterator[Row]:
    """The indexed triples of any backend, one SPARQL query per property (a remote server included)."""
    for predicate in INDEXED:
        for row in store.query(_PROPERTY % predicate):
            s, o, g = row  # type: ignore[misc]
            if isinstance(g, URIRef):
                yield (str(s), predicate, o, str(g))
