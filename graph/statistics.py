"""Counts over the store, for ``rekg stats`` and the home page; :func:`generated_name_statistics` (for
``rekg stats`` only: it reads CC-CEDICT) checks the generated English names."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from rekg.graph.index_store import IndexStore
from rekg.graph.store import QuadStore
from rekg.ontology import ENTITY_CLASSES, REK, RELATION_PROPERTIES

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


def index_statistics(index: IndexStore, location: str, backend: str) -> GraphStatistics:
    """The same counts as :func:`graph_statistics`, from the store's index (:mod:`rekg.graph.index_store`),
    which the writer counted: no pass over the store."""
    counts = index.counts()
    entities = {_local(t): n for t, n in counts.entities.items() if URIRef(t) in ENTITY_CLASSES}
    relations = {_local(p): n for p, n in counts.relations.items() if URIRef(p) in RELATION_PROPERTIES}
    return GraphStatistics(
        location=location,
        backend=backend,
        quads=sum(counts.graphs.values()),
        graphs=dict(counts.graphs),
        entities=dict(sorted(entities.items(), key=lambda kv: -kv[1])),
        relations=dict(sorted(relations.items(), key=lambda kv: -kv[1])),
        assertions=counts.assertions,
        documents=counts.documents,
        bilingual=counts.bilingual,
    )


_GENERATED = """
PREFIX rek: <https://w3id.org/rekg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?e ?type ?zh ?en WHERE {
  ?e rek:labelSource "generated" ; a ?type ; skos:prefLabel ?zh , ?en .
  FILTER(langMatches(lang(?zh), "zh-Hans") && langMatches(lang(?en), "en"))
}
"""


@dataclass(frozen=True)
class UntranslatedName:
    entity: str
    chinese: str
    english: str
    words: tuple[str, ...]  # the Chinese words the English gives in pinyin


@dataclass(frozen=True)
class GeneratedNames:
    """The generated English names: how many, and which still give in pinyin a word the glossary or CC-CEDICT
    translates (personal names are pinyin by design and not checked)."""

    generated: int
    checked: int  # generated names other than personal names
    untranslated: tuple[UntranslatedName, ...]


def generated_name_statistics(store: QuadStore) -> GeneratedNames:
    from rekg.graph.naming import untranslated_words

    names: dict[str, tuple[str, str]] = {}
    people: set[str] = set()
    for row in store.query(_GENERATED):
        entity, rdf_type, chinese, english = (str(value) for value in row)  # type: ignore[union-attr]
        if rdf_type == str(REK.Person):
            people.add(entity)
        if URIRef(rdf_type) in ENTITY_CLASSES:
            names[entity] = min(names.get(entity, (chinese, english)), (chinese, english))
    checked = {entity: pair for entity, pair in names.items() if entity not in people}
    untranslated = []
    for entity, (chinese, english) in sorted(checked.items()):
        words = untranslated_words(chinese, english)
        if words:
            untranslated.append(UntranslatedName(entity, chinese, english, tuple(words)))
    return GeneratedNames(generated=len(names), checked=len(checked), untranslated=tuple(untranslated))
