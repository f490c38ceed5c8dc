"""The store's named entities — every entity with a class and a name, and where each comes from — as ingest
reads them at the start of a run (the names a new document links to).

From the index beside an embedded store (:mod:`rekg.graph.index_store`, brought to the store's generation
first): two scans of its tables, some 0.5 s at a million quads, where the same rows by SPARQL took 4–5 s
(2 s for Oxigraph's joins, 2 s more making rdflib terms of them) and 23 s at ten million. Other backends
(a SPARQL server, memory) by one SPARQL query.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator

from rdflib import Literal, URIRef

from rekg.graph.index_store import open_index
from rekg.graph.store import QuadStore
from rekg.ontology import ENTITY_CLASSES

#: (entity, class, name, language): each entity with a class (one of ENTITY_CLASSES) and a name
#: (skos:prefLabel or skos:altLabel) in graphs not left out, once per class and name.
NamedRow = tuple[str, str, str, str]

_CLASSES = json.dumps(sorted(str(c) for c in ENTITY_CLASSES))
_TYPES_SQL = """SELECT DISTINCT e, type FROM types
    WHERE type IN (SELECT value FROM json_each(?)) AND g NOT IN (SELECT value FROM json_each(?))"""
_LABELS_SQL = """SELECT DISTINCT e, label, lang FROM labels WHERE g NOT IN (SELECT value FROM json_each(?))"""


def named_entities(
    store: QuadStore, labels_graph: URIRef, without: Collection[str] = ()
) -> Iterator[NamedRow]:
    """The store's entities with their classes and names, the graphs ``without`` and the derived
    ``labels_graph`` left out (a class from one graph and a name from another count together)."""
    if store.backend == "oxigraph":
        yield from _from_index(store, labels_graph, without)
    else:
        yield from _by_sparql(store, labels_graph, without)


def _from_index(store: QuadStore, labels_graph: URIRef, without: Collection[str]) -> Iterator[NamedRow]:
    index = open_index(store)
    try:
        excluded = json.dumps(sorted(without))
        classes: dict[str, set[str]] = {}
        for entity, rdf_type in index.query(_TYPES_SQL, (_CLASSES, excluded)):
            classes.setdefault(str(entity), set()).add(str(rdf_type))
        rows = index.query(_LABELS_SQL, (json.dumps(sorted({*without, str(labels_graph)})),))
    finally:
        index.close()
    for entity, label, language in rows:
        for rdf_type in classes.get(str(entity), ()):
            yield (str(entity), rdf_type, str(label), str(language))


def _by_sparql(store: QuadStore, labels_graph: URIRef, without: Collection[str]) -> Iterator[NamedRow]:
    excluded = ", ".join(f"<{g}>" for g in sorted(without))
    # each side made distinct first: an entity typed in n graphs and named in m would otherwise join n × m
    # times (hours at 10M quads, where the groups and places are mentioned by thousands of documents)
    query = f"""
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT DISTINCT ?e ?type ?label WHERE {{
        {{ SELECT DISTINCT ?e ?type WHERE {{
            GRAPH ?typed {{ ?e a ?type }}
            {f"FILTER(?typed NOT IN ({excluded}))" if excluded else ""}
        }} }}
        {{ SELECT DISTINCT ?e ?label WHERE {{
            GRAPH ?named {{ ?e skos:altLabel|skos:prefLabel ?label }}
            FILTER(?named != <{labels_graph}>)
            {f"FILTER(?named NOT IN ({excluded}))" if excluded else ""}
        }} }}
    }}"""
    for row in store.query(query):
        entity, rdf_type, label = row  # type: ignore[misc]
        if rdf_type in ENTITY_CLASSES and isinstance(label, Literal):
            yield (str(entity), str(rdf_type), str(label), label.language or "")
