"""Counts over the store, for ``rekg stats`` and the home page."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from rekg.graph.store import QuadStore
from rekg.ontology import ENTITY_CLASSES, RELATION_PROPERTIES

_ENTITY_COUNTS = """
PREFIX rek: <https://w3id.org/rekg/ontology#>
SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?type } GROUP BY ?type
"""
_RELATION_COUNTS = """
SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } } GROUP BY ?p
"""
_SCALARS = """
PREFIX rek: <https://w3id.org/rekg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT
  (COUNT(DISTINCT ?assertion) AS ?assertions)
  (COUNT(DISTINCT ?document) AS ?documents)
WHERE {
  { ?assertion a rek:Assertion } UNION { ?document a rek:SourceDocument }
}
"""
_BILINGUAL = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e skos:prefLabel ?zh . FILTER(langMatches(lang(?zh), "zh-Hans"))
  ?e skos:prefLabel ?en . FILTER(langMatches(lang(?en), "en"))
}
"""


@dataclass(frozen=True)
class GraphStatistics:
    location: str
    backend: str
    quads: int
    graphs: dict[str, int]
    entities: dict[str, int]
    relations: dict[str, int]
    assertions: int
    documents: int
    bilingual: int


def _local(iri: object) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def graph_statistics(store: QuadStore) -> GraphStatistics:
    counts = store.counts()
    entities = {
        _local(row[0]): int(row[1])  # type: ignore[index]
        for row in store.query(_ENTITY_COUNTS)
        if isinstance(row[0], URIRef) and row[0] in ENTITY_CLASSES  # type: ignore[index]
    }
    relations = {
        _local(row[0]): int(row[1])  # type: ignore[index]
        for row in store.query(_RELATION_COUNTS)
        if row[0] in RELATION_PROPERTIES  # type: ignore[index]
    }
    scalars = next(iter(store.query(_SCALARS)))
    bilingual = next(iter(store.query(_BILINGUAL)))
    return GraphStatistics(
        location=store.location,
        backend=store.backend,
        quads=counts.quads,
        graphs={str(g): n for g, n in counts.graphs.items()},
        entities=dict(sorted(entities.items(), key=lambda kv: -kv[1])),
        relations=dict(sorted(relations.items(), key=lambda kv: -kv[1])),
        assertions=int(scalars[0]),  # type: ignore[index]
        documents=int(scalars[1]),  # type: ignore[index]
        bilingual=int(bilingual[0]),  # type: ignore[index]
    )
