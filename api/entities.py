"""Entities as JSON (the twin of every entity page) and as RDF: labels, type, attributes, relations in and
out with the other side's labels and the evidence of each, ownership trees and connection paths.

Relations and their evidence come from the app's :class:`~rekg.graph.projection.EntityGraph`, a
:class:`~rekg.graph.bounded.StoreProjection` that reads each request's slice from the store's index (the file
beside an embedded store; for a server, the index built in memory when the app starts); the entity's own triples
(labels, attributes, quantities, documents) from the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rdflib import RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from rekg.api.problems import NotFoundError
from rekg.api.vocabulary import Vocabulary
from rekg.graph.iri import IriMinter
from rekg.graph.projection import Edge, EntityGraph, Evidence, Hop, OwnershipNode, local_name
from rekg.graph.store import QuadStore
from rekg.graph.terms import bcp47_case
from rekg.ontology import ENTITY_CLASSES, NAMESPACES, REK, RELATION_PROPERTIES

_KIND = re.compile(r"^[a-z][a-z-]{0,40}$")
_SLUG = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._~-]{0,200}$")
_IRI = re.compile(r"^[a-z][a-z0-9+.-]*:[^<>\"{}|^`\\\s]+$", re.IGNORECASE)
_QUANTITIES = frozenset({REK.capacity, REK.reserves})
_PREFIXES = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in NAMESPACES.items())

_OWN = "SELECT DISTINCT ?p ?o WHERE { <%(iri)s> ?p ?o }"
_DETAILS = (
    _PREFIXES
    + """
SELECT DISTINCT ?node ?p ?o WHERE {
  <%(iri)s> ?link ?node . FILTER(isIRI(?node) || isBlank(?node))
  { ?node a rek:Quantity ; ?p ?o } UNION { ?node a rek:SourceDocument ; dcterms:title ?o . BIND(dcterms:title AS ?p) }
}
"""
)
_DOCUMENT_FACTS = (
    _PREFIXES
    + """
SELECT DISTINCT ?s ?p ?o ?sentence WHERE {
  ?a a rek:Assertion ; rek:sourceDocument <%(iri)s> ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?a rek:evidence ?sentence }
} ORDER BY ?s ?p ?o LIMIT 500
"""
)
_DESCRIPTION = (
    _PREFIXES
    + """
CONSTRUCT { <%(iri)s> ?p ?o . ?o ?qp ?qo . ?s ?ip <%(iri)s> . ?a ?ap ?ao . }
WHERE {
  { <%(iri)s> ?p ?o . OPTIONAL { ?o a rek:Quantity ; ?qp ?qo } }
  UNION { ?s ?ip <%(iri)s> . FILTER(?ip NOT IN (rdf:subject, rdf:object)) }
  UNION { { ?a rdf:subject <%(iri)s> } UNION { ?a rdf:object <%(iri)s> } ?a a rek:Assertion ; ?ap ?ao . }
}
"""
)


def _check(iri: str) -> None:
    """Only well-formed IRIs are ever written into a query."""
    if not _IRI.match(iri):
        raise NotFoundError(f"not an IRI: {iri[:200]}")


def _text(term: object) -> dict[str, Any]:
    """A literal as JSON: its lexical form, and its language or datatype."""
    out: dict[str, Any] = {"value": str(term)}
    if isinstance(term, Literal):
        if term.language:
            out["lang"] = bcp47_case(term.language)
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
    return out


@dataclass(frozen=True)
class Describer:
    store: QuadStore
    projection: EntityGraph
    vocabulary: Vocabulary
    minter: IriMinter

    # -- addresses -----------------------------------------------------------------------------------------------

    @staticmethod
    def valid_path(kind: str, slug: str) -> bool:
        return bool(_KIND.match(kind) and _SLUG.match(slug))

    def iri(self, kind: str, slug: str) -> str:
        """The IRI of ``/id/<kind>/<slug>``; NotFoundError for a path no IRI can have."""
        if not self.valid_path(kind, slug):
            raise NotFoundError(f"no resource at /id/{kind}/{slug}")
        return f"{self.minter.base}id/{kind}/{slug}"

    def path(self, iri: str) -> str | None:
        """The page of an IRI on this server (``/id/<kind>/<slug>``), or None for IRIs under another base."""
        parsed = self.minter.parse(iri)
        return f"/id/{parsed[0]}/{parsed[1]}" if parsed else None

    def summary(self, iri: str) -> dict[str, Any]:
        """IRI, kind, labels and page of an entity, as every list shows it."""
        known = iri in self.projection
        parsed = self.minter.parse(iri)
        return {
            "iri": iri,
            "kind": self.projection.kind(iri) if known else (parsed[0] if parsed else None),
            "labels": dict(self.projection.labels(iri)) if known else {},
            "page": self.path(iri),
        }

    # -- the entity ----------------------------------------------------------------------------------------------

    def describe(self, iri: str) -> dict[str, Any]:
        _check(iri)
        own = [(p, o) for p, o in self.store.query(_OWN % {"iri": iri})]  # type: ignore[misc]
        if not own:
            raise NotFoundError(f"nothing is known about {iri}")
        details: dict[str, dict[str, list[Any]]] = {}
        for node, p, o in self.store.query(_DETAILS % {"iri": iri}):  # type: ignore[misc]
            details.setdefault(str(node), {}).setdefault(str(p), []).append(o)
        labels: dict[str, str] = {}
        alt_labels: list[dict[str, Any]] = []
        types: list[str] = []
        attributes: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        quantities: list[dict[str, Any]] = []
        documents: list[dict[str, Any]] = []
        label_source = None
        for p, o in own:
            if p == RDF.type:
                types.append(str(o))
            elif p == SKOS.prefLabel and isinstance(o, Literal):
                labels.setdefault(bcp47_case(o.language or ""), str(o))
            elif p == SKOS.altLabel:
                alt_labels.append(_text(o))
            elif p == REK.labelSource:
                label_source = str(o)
            elif p == REK.mentionedIn:
                titles = details.get(str(o), {}).get(str(DCTERMS.title), [])
                documents.append(
                    {"iri": str(o), "title": str(titles[0]) if titles else None, "page": self.path(str(o))}
                )
            elif p == RDFS.label:  # it mirrors the preferred labels
                continue
            elif p in _QUANTITIES:
                quantities.append(self._quantity(p, o, details.get(str(o), {})))
            elif isinstance(o, Literal):
                attributes.append(
                    {
                        "property": str(p),
                        "name": local_name(str(p)),
                        "labels": self.vocabulary.term(str(p)),
                        **_text(o),
                    }
                )
            elif p not in RELATION_PROPERTIES or str(o) not in self.projection:
                links.append(
                    {
                        "property": str(p),
                        "name": local_name(str(p)),
                        "labels": self.vocabulary.term(str(p)),
                        **self.summary(str(o)),
                    }
                )
        if not labels:
            labels = {
                "en": str(next((o for p, o in own if p in (RDFS.label, DCTERMS.title)), local_name(iri)))
            }
        kind = next((ENTITY_CLASSES[URIRef(t)] for t in types if URIRef(t) in ENTITY_CLASSES), None)
        if iri in self.projection:
            kind = self.projection.kind(iri)
        parsed = self.minter.parse(iri)
        out: dict[str, Any] = {
            "iri": iri,
            "kind": kind or (parsed[0] if parsed else None),
            "kindLabels": self.vocabulary.kind(kind) if kind else None,
            "types": [{"iri": t, "labels": self.vocabulary.term(t)} for t in sorted(types)],
            "labels": labels,
            "altLabels": sorted(alt_labels, key=lambda a: (a.get("lang", ""), a["value"])),
            "labelSource": label_source,
            "attributes": sorted(attributes, key=lambda a: (a["name"], a["value"])),
            "quantities": quantities,
            "links": sorted(links, key=lambda a: (a["name"], a["iri"])),
            "relations": self.relations(iri),
            "documents": sorted(documents, key=lambda d: d["iri"]),
            "page": self.path(iri),
        }
        if REK.SourceDocument in {URIRef(t) for t in types}:
            out["facts"] = self._document_facts(iri)
        return out

    def _quantity(self, prop: URIRef, node: object, facts: dict[str, list[Any]]) -> dict[str, Any]:
        def first(term: URIRef) -> Any:
            values = facts.get(str(term), [])
            return values[0].toPython() if values and isinstance(values[0], Literal) else None

        value = first(REK.quantityValue)
        return {
            "property": str(prop),
            "name": local_name(str(prop)),
            "labels": self.vocabulary.term(str(prop)),
            "value": float(value) if value is not None and not isinstance(value, str) else value,
            "unit": first(REK.unit),
            "year": first(REK.year),
            "node": None if isinstance(node, BNode) else str(node),
        }

    def relations(self, iri: str) -> list[dict[str, Any]]:
        """Every relation of the entity, outgoing then incoming, each with the other side and its evidence."""
        out = [self._relation(edge, edge.target, incoming=False) for edge in self.projection.outgoing(iri)]
        into = [self._relation(edge, edge.source, incoming=True) for edge in self.projection.incoming(iri)]
        key = lambda r: (r["relation"], r["entity"]["labels"].get("zh-Hans", ""), r["entity"]["iri"])  # noqa: E731
        return sorted(out, key=key) + sorted(into, key=key)

    def _relation(self, edge: Edge, other: str, *, incoming: bool) -> dict[str, Any]:
        return {
            "relation": edge.name,
            "relationIri": edge.relation,
            "direction": "in" if incoming else "out",
            "labels": self.vocabulary.relation(edge.relation, incoming=incoming),
            "entity": self.summary(other),
            "evidence": [self.evidence(e) for e in edge.evidence],
        }

    def evidence(self, item: Evidence) -> dict[str, Any]:
        return {**item.as_json(), "documentPage": self.path(item.document) if item.document else None}

    def _document_facts(self, iri: str) -> list[dict[str, Any]]:
        facts = []
        for s, p, o, sentence in self.store.query(_DOCUMENT_FACTS % {"iri": iri}):  # type: ignore[misc]
            facts.append({
                "subject": self.summary(str(s)),
                "relation": local_name(str(p)),
                "labels": self.vocabulary.term(str(p)),
                "object": self.summary(str(o)) if isinstance(o, URIRef) else _text(o),
                "sentence": str(sentence) if sentence is not None else None,
            })  # fmt: skip
        return facts

    def rdf(self, iri: str) -> Graph:
        """The entity as RDF: its triples, its quantities, the triples that point at it and its assertions."""
        _check(iri)
        result = self.store.query(_DESCRIPTION % {"iri": iri})
        graph = Graph()
        for prefix, namespace in NAMESPACES.items():
            graph.bind(prefix, namespace)
        for triple in result.graph if result.graph is not None else ():
            graph.add(triple)
        if len(graph) == 0:
            raise NotFoundError(f"nothing is known about {iri}")
        return graph

    # -- ownership and paths -------------------------------------------------------------------------------------

    def ownership(self, iri: str, *, max_depth: int = 12) -> dict[str, Any]:
        """The ownership tree, ``max_depth`` levels up and down at most."""
        if iri not in self.projection:
            self.describe(iri)  # NotFoundError when the IRI is unknown
        tree = self.projection.ownership(iri, max_depth=max_depth)
        return {
            "entity": self.summary(iri),
            "owners": self._tree(tree.owners, "owners"),
            "holdings": self._tree(tree.holdings, "holdings"),
            "ultimateOwners": [self.summary(i) for i in tree.ultimate if i != iri],
        }

    def _tree(self, node: OwnershipNode, children: str) -> dict[str, Any]:
        return {
            **self.summary(node.iri),
            "relations": [
                {
                    "relation": e.name,
                    "labels": self.vocabulary.term(e.relation),
                    "evidence": [self.evidence(x) for x in e.evidence],
                }
                for e in node.edges
            ],
            "cycle": node.cycle,
            children: [self._tree(child, children) for child in node.children],
        }

    def paths(self, source: str, target: str, *, max_paths: int, max_length: int) -> dict[str, Any]:
        found = self.projection.paths(source, target, max_paths=max_paths, max_length=max_length)
        return {
            "from": self.summary(source),
            "to": self.summary(target),
            "paths": [
                {
                    "length": len(hops),
                    "nodes": [self.summary(hops[0].source)] + [self.summary(h.target) for h in hops],
                    "hops": [self._hop(hop) for hop in hops],
                }
                for hops in found
            ],
        }

    def _hop(self, hop: Hop) -> dict[str, Any]:
        return {
            "from": hop.source,
            "to": hop.target,
            "edges": [
                {
                    "relation": e.name,
                    "labels": self.vocabulary.relation(e.relation, incoming=e.source != hop.source),
                    "source": e.source,
                    "target": e.target,
                    "direction": "forward" if e.source == hop.source else "backward",
                    "evidence": [self.evidence(x) for x in e.evidence],
                }
                for e in hop.edges
            ],
        }
