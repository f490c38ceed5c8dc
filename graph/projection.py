"""A networkx projection of the entity graph: entities as nodes, relations between them as edges, each edge
with the evidence (document, sentence) of every assertion behind it.

It answers what SPARQL answers awkwardly: neighbourhoods to a depth, the ownership tree up to the ultimate
parents and down to every subsidiary, the shortest connections between two entities, and degree ranking.
Inverse properties are folded into their forward form (``hasSubsidiary`` → ``subsidiaryOf``,
``operatedBy`` → ``operates``), so every fact is one edge whatever way a document stated it.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice, pairwise
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef

from rekg.graph.store import QuadStore
from rekg.graph.terms import bcp47_case
from rekg.ontology import ENTITY_CLASSES, REK, RELATION_PROPERTIES

#: Inverse properties and the forward property each one is stored as.
INVERSES: dict[URIRef, URIRef] = {REK.hasSubsidiary: REK.subsidiaryOf, REK.operatedBy: REK.operates}
#: Properties whose direction carries no meaning (IRIs as plain strings, like the edges').
SYMMETRIC = frozenset({str(REK.partnerOf)})
#: Ownership: ``child subsidiaryOf parent`` and ``holder shareholderOf company`` both put an owner above.
OWNED_BY = str(REK.subsidiaryOf)
OWNS = str(REK.shareholderOf)

_PREFIXES = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rek: <https://w3id.org/rekg/ontology#>
"""
_ENTITIES = (
    _PREFIXES
    + """
SELECT DISTINCT ?e ?type ?label WHERE { ?e a ?type . OPTIONAL { ?e skos:prefLabel ?label } }
"""
)
_RELATIONS = (
    _PREFIXES
    + """
SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?p { %s } ?s ?p ?o . FILTER(isIRI(?o)) }
"""
)
_EVIDENCE = (
    _PREFIXES
    + """
SELECT DISTINCT ?s ?p ?o ?doc ?title ?sentence ?confidence ?start ?end ?role WHERE {
  %s
  ?a a rek:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?a rek:sourceDocument ?doc . OPTIONAL { ?doc dcterms:title ?title } }
  OPTIONAL { ?a rek:evidence ?sentence }
  OPTIONAL { ?a rek:confidence ?confidence }
  OPTIONAL { ?a rek:startOffset ?start }
  OPTIONAL { ?a rek:endOffset ?end }
  OPTIONAL { ?a rek:role ?role }
}
"""
)

if TYPE_CHECKING:
    import networkx as nx


def most_specific(kinds: Iterable[str]) -> str:
    """The kind of an entity of several classes: the most specific (any but ``organization``; the first in
    alphabetical order if there are several), so that every reader names it alike."""
    found = set(kinds)
    specific = found - {"organization"}
    return min(specific) if specific else min(found)


def local_name(iri: str) -> str:
    """``https://w3id.org/rekg/ontology#subsidiaryOf`` → ``subsidiaryOf``."""
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the document and the sentence as printed."""

    document: str | None
    title: str | None
    sentence: str | None
    confidence: float | None = None
    start: int | None = None
    end: int | None = None
    role: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "documentTitle": self.title,
            "sentence": self.sentence,
            "confidence": self.confidence,
            "startOffset": self.start,
            "endOffset": self.end,
            "role": self.role,
        }


@dataclass(frozen=True)
class Edge:
    """One fact ``source relation target`` (forward direction) with its evidence."""

    source: str
    relation: str  # the property IRI
    target: str
    evidence: tuple[Evidence, ...] = ()

    @property
    def name(self) -> str:
        return local_name(self.relation)

    @property
    def key(self) -> str:
        return f"{self.source}|{self.name}|{self.target}"


@dataclass(frozen=True)
class Hop:
    """One step of a connection path: from ``source`` to ``target`` along ``edge`` (either way round)."""

    source: str
    target: str
    edges: tuple[Edge, ...]


@dataclass
class OwnershipNode:
    """A node of an ownership tree: the entity, the edges that link it to its parent in the tree, and below."""

    iri: str
    edges: tuple[Edge, ...] = ()
    children: list[OwnershipNode] = field(default_factory=list)
    cycle: bool = False  # the entity already appears higher up this branch; not expanded again


@dataclass
class Ownership:
    iri: str
    owners: OwnershipNode  # tree upwards: children are parents / shareholders
    holdings: OwnershipNode  # tree downwards: children are subsidiaries / holdings
    ultimate: list[str]  # the top of every upward branch (the entity itself when it has no owner)


@dataclass
class EntityGraph:
    """The projection. Nodes are entity IRIs with ``kind`` and ``labels``; edges are :class:`Edge` facts."""

    graph: nx.MultiDiGraph

    # -- building ------------------------------------------------------------------------------------------------

    @classmethod
    def from_store(cls, store: QuadStore) -> EntityGraph:
        import networkx as nx  # when first needed: not at start-up

        graph = nx.MultiDiGraph()
        kinds: dict[str, set[str]] = {}
        labels: dict[str, dict[str, str]] = {}
        for row in store.query(_ENTITIES):
            entity, rdf_type, label = row  # type: ignore[misc]
            if not isinstance(rdf_type, URIRef) or rdf_type not in ENTITY_CLASSES:
                continue
            iri = str(entity)
            kinds.setdefault(iri, set()).add(ENTITY_CLASSES[rdf_type])
            named = labels.setdefault(iri, {})
            if isinstance(label, Literal):  # one label a language: the first in order, as the index has it
                language = bcp47_case(label.language or "")
                named[language] = min(named.get(language, str(label)), str(label))
        for iri in sorted(kinds):
            graph.add_node(iri, kind=most_specific(kinds[iri]), labels=labels[iri])
        evidence = _evidence(store)
        properties = " ".join(f"<{p}>" for p in sorted(RELATION_PROPERTIES))
        for row in store.query(_RELATIONS % properties):
            s, p, o = (str(t) for t in row)  # type: ignore[union-attr]
            source, relation, target = _forward(s, p, o)
            if source in graph and target in graph and source != target:
                found = tuple(evidence.get((source, relation, target), ()))
                _add_edge(graph, Edge(source, relation, target, found))
        return cls(graph)

    @classmethod
    def from_parts(
        cls,
        nodes: dict[str, tuple[str, dict[str, str]]],
        facts: Iterable[tuple[str, str, str]],
        evidence: dict[tuple[str, str, str], list[Evidence]],
    ) -> EntityGraph:
        """A projection of some entities (IRI → kind and labels) and of the forward ``facts`` among them (a
        fact with an end outside ``nodes`` is left out), each with its ``evidence``."""
        import networkx as nx  # when first needed: not at start-up

        graph = nx.MultiDiGraph()
        for iri, (kind, labels) in nodes.items():
            graph.add_node(iri, kind=kind, labels=dict(labels))
        for source, relation, target in facts:
            if source in graph and target in graph and source != target:
                found = tuple(evidence.get((source, relation, target), ()))
                _add_edge(graph, Edge(source, relation, target, found))
        return cls(graph)

    # -- nodes and edges -----------------------------------------------------------------------------------------

    def __contains__(self, iri: object) -> bool:
        return iri in self.graph

    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    def kind(self, iri: str) -> str:
        return self.graph.nodes[iri]["kind"]

    def labels(self, iri: str) -> dict[str, str]:
        return self.graph.nodes[iri]["labels"]

    def edges(
        self, nodes: Iterable[str] | None = None, relations: Iterable[str] | None = None
    ) -> Iterator[Edge]:
        """Every edge (among ``nodes`` if given), optionally only those whose property local name is listed."""
        wanted = set(relations) if relations is not None else None
        keep = set(nodes) if nodes is not None else None
        for source, target, edge in self.graph.edges(data="edge"):
            if keep is not None and (source not in keep or target not in keep):
                continue
            if wanted is None or edge.name in wanted:
                yield edge

    def outgoing(self, iri: str) -> list[Edge]:
        return [edge for _, _, edge in self.graph.out_edges(iri, data="edge")] if iri in self.graph else []

    def incoming(self, iri: str) -> list[Edge]:
        return [edge for _, _, edge in self.graph.in_edges(iri, data="edge")] if iri in self.graph else []

    def relation_names(self) -> list[str]:
        return sorted({edge.name for edge in self.edges()})

    def kinds(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _, kind in self.graph.nodes(data="kind"):
            counts[kind] = counts.get(kind, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    # -- neighbourhoods and ranking ------------------------------------------------------------------------------

    def degree(self, iri: str) -> int:
        return int(self.graph.degree(iri)) if iri in self.graph else 0

    def degree_centrality(self) -> dict[str, float]:
        import networkx as nx  # when first needed: not at start-up

        return nx.degree_centrality(self.graph) if len(self.graph) > 1 else dict.fromkeys(self.graph, 0.0)

    def ranked(self, kinds: Iterable[str] | None = None) -> list[str]:
        """Entities by degree, highest first (ties by IRI), optionally of some kinds only."""
        wanted = set(kinds) if kinds is not None else None
        nodes = [n for n, kind in self.graph.nodes(data="kind") if wanted is None or kind in wanted]
        return sorted(nodes, key=lambda n: (-self.graph.degree(n), n))

    def overview(
        self, limit: int, *, kinds: Iterable[str] | None = None, relations: Iterable[str] | None = None
    ) -> tuple[list[str], int]:
        """A readable sample of at most ``limit`` connected entities, and how many entities have an edge.

        Grown best-first from the best-connected entity: each step adds the best-connected neighbour of what
        is already chosen (or the next hub when nothing is left to reach), so the sample hangs together.
        Only edges between entities of ``kinds`` and of ``relations`` count.
        """
        wanted = set(kinds) if kinds is not None else None
        adjacent: dict[str, set[str]] = {}
        for edge in self.edges(relations=relations):
            if wanted is None or (self.kind(edge.source) in wanted and self.kind(edge.target) in wanted):
                adjacent.setdefault(edge.source, set()).add(edge.target)
                adjacent.setdefault(edge.target, set()).add(edge.source)
        return grow_sample(adjacent, limit), len(adjacent)

    def neighbourhood(
        self,
        iri: str,
        depth: int = 1,
        *,
        kinds: Iterable[str] | None = None,
        relations: Iterable[str] | None = None,
        limit: int | None = None,
    ) -> list[str]:
        """Entities within ``depth`` hops of ``iri`` (either direction), nearest first, the centre included.

        ``kinds`` and ``relations`` restrict which nodes and edges are walked; ``limit`` caps the node count
        (better-connected neighbours are kept first at each distance).
        """
        if iri not in self:
            return []
        wanted_kinds = set(kinds) if kinds is not None else None
        wanted_relations = set(relations) if relations is not None else None
        seen = {iri}
        order = [iri]
        frontier = [iri]
        for _ in range(depth):
            found: list[str] = []
            adjacency = self._adjacency(frontier)
            for node in frontier:
                for other, edge in adjacency[node]:
                    if other in seen or (wanted_relations is not None and edge.name not in wanted_relations):
                        continue
                    if wanted_kinds is not None and self.kind(other) not in wanted_kinds:
                        continue
                    seen.add(other)
                    found.append(other)
            degrees = self.degrees(found)
            found.sort(key=lambda n: (-degrees[n], n))
            order.extend(found)
            frontier = found
            if not frontier or (limit is not None and len(order) >= limit):
                break
        return order[:limit] if limit is not None else order

    def degrees(self, iris: Iterable[str]) -> dict[str, int]:
        return {iri: self.degree(iri) for iri in iris}

    def _adjacency(self, nodes: Iterable[str]) -> dict[str, list[tuple[str, Edge]]]:
        """Each node's neighbours, with the edge to each (either way round)."""
        return {node: list(self._adjacent(node)) for node in nodes}

    def _adjacent(self, node: str) -> Iterator[tuple[str, Edge]]:
        for _, other, edge in self.graph.out_edges(node, data="edge"):
            yield other, edge
        for other, _, edge in self.graph.in_edges(node, data="edge"):
            yield other, edge

    # -- ownership -----------------------------------------------------------------------------------------------

    def owners_of(self, iri: str) -> dict[str, list[Edge]]:
        """Direct owners: parents (``iri subsidiaryOf x``) and shareholders (``x shareholderOf iri``)."""
        found: dict[str, list[Edge]] = {}
        for edge in self.outgoing(iri):
            if edge.relation == OWNED_BY:
                found.setdefault(edge.target, []).append(edge)
        for edge in self.incoming(iri):
            if edge.relation == OWNS:
                found.setdefault(edge.source, []).append(edge)
        return found

    def holdings_of(self, iri: str) -> dict[str, list[Edge]]:
        """Direct holdings: subsidiaries (``x subsidiaryOf iri``) and stakes (``iri shareholderOf x``)."""
        found: dict[str, list[Edge]] = {}
        for edge in self.incoming(iri):
            if edge.relation == OWNED_BY:
                found.setdefault(edge.source, []).append(edge)
        for edge in self.outgoing(iri):
            if edge.relation == OWNS:
                found.setdefault(edge.target, []).append(edge)
        return found

    def ownership(self, iri: str, *, max_depth: int = 12) -> Ownership:
        """The tree up to the ultimate owners and down to every subsidiary (股权穿透)."""
        owners = self._tree(iri, self.owners_of, max_depth)
        holdings = self._tree(iri, self.holdings_of, max_depth)
        ultimate: list[str] = []
        stack = [owners]
        while stack:
            node = stack.pop()
            if not node.children and not node.cycle and node.iri not in ultimate:
                ultimate.append(node.iri)
            stack.extend(node.children)
        return Ownership(iri=iri, owners=owners, holdings=holdings, ultimate=sorted(ultimate))

    def _tree(self, root: str, step: Any, max_depth: int) -> OwnershipNode:
        def grow(node: OwnershipNode, path: frozenset[str], depth: int) -> None:
            if depth >= max_depth:
                return
            for other, edges in sorted(step(node.iri).items()):
                child = OwnershipNode(other, tuple(edges), cycle=other in path)
                node.children.append(child)
                if not child.cycle:
                    grow(child, path | {other}, depth + 1)

        tree = OwnershipNode(root)
        if root in self.graph:
            grow(tree, frozenset({root}), 0)
        return tree

    # -- connections ---------------------------------------------------------------------------------------------

    def paths(
        self,
        source: str,
        target: str,
        *,
        max_paths: int = 5,
        max_length: int = 6,
        relations: Iterable[str] | None = None,
    ) -> list[list[Hop]]:
        """The shortest connections between two entities (edges walked either way), each hop with its facts.

        Empty when they are not connected within ``max_length`` hops (or either is unknown).
        """
        if source not in self.graph or target not in self.graph or source == target:
            return []
        wanted = set(relations) if relations is not None else None
        import networkx as nx  # when first needed: not at start-up

        undirected = nx.Graph()
        undirected.add_nodes_from(self.graph)
        for edge in self.edges(relations=wanted):
            undirected.add_edge(edge.source, edge.target)
        return [
            self._hops(path, wanted)
            for path in shortest_paths(undirected, source, target, max_paths, max_length)
        ]

    def _hops(self, path: list[str], wanted: set[str] | None) -> list[Hop]:
        hops = []
        for source, target in pairwise(path):
            edges = [e for e in self.outgoing(source) if e.target == target]
            edges += [e for e in self.incoming(source) if e.source == target]
            hops.append(Hop(source, target, tuple(e for e in edges if wanted is None or e.name in wanted)))
        return hops


#: At most this many shortest paths are compared to choose the first ``max_paths`` in order.
PATHS_COMPARED = 1000


def shortest_paths(
    undirected: nx.Graph, source: str, target: str, max_paths: int, max_length: int
) -> list[list[str]]:
    """The first ``max_paths`` (in IRI order) of the shortest paths from ``source`` to ``target``, if they
    are at most ``max_length`` hops apart: the same answer whatever order the graph was built in."""
    if not _within(undirected, source, target, max_length):
        return []
    import networkx as nx  # when first needed: not at start-up

    return sorted(islice(nx.all_shortest_paths(undirected, source, target), PATHS_COMPARED))[:max_paths]


def grow_sample(adjacent: dict[str, set[str]], limit: int) -> list[str]:
    """At most ``limit`` nodes of the graph ``adjacent`` (node → neighbours), grown best-first from the
    best-connected node: each step adds the best-connected neighbour of what is already chosen (or the next
    hub when nothing is left to reach), so the sample hangs together."""
    hubs = iter(sorted(adjacent, key=lambda n: (-len(adjacent[n]), n)))
    chosen: list[str] = []
    seen: set[str] = set()
    queue: list[tuple[int, str]] = []
    while len(chosen) < min(limit, len(adjacent)):
        if not queue:
            hub = next(h for h in hubs if h not in seen)
            heapq.heappush(queue, (-len(adjacent[hub]), hub))
        _, node = heapq.heappop(queue)
        if node in seen:
            continue
        seen.add(node)
        chosen.append(node)
        for other in adjacent[node] - seen:
            heapq.heappush(queue, (-len(adjacent[other]), other))
    return chosen


def _within(graph: nx.Graph, source: str, target: str, max_length: int) -> bool:
    """Whether ``target`` is at most ``max_length`` hops from ``source`` (a bounded breadth-first search)."""
    seen = {source}
    queue = deque([(source, 0)])
    while queue:
        node, distance = queue.popleft()
        if node == target:
            return True
        if distance == max_length:
            continue
        for other in graph.adj[node]:
            if other not in seen:
                seen.add(other)
                queue.append((other, distance + 1))
    return False


def _forward(source: str, relation: str, target: str) -> tuple[str, str, str]:
    """Plain strings, with an inverse property turned round into its forward form."""
    inverse = INVERSES.get(URIRef(relation))
    if inverse is not None:
        return (str(target), str(inverse), str(source))
    return (str(source), str(relation), str(target))


def _add_edge(graph: nx.MultiDiGraph, edge: Edge) -> None:
    key = local_name(edge.relation)
    if graph.has_edge(edge.source, edge.target, key):
        known: Edge = graph.edges[edge.source, edge.target, key]["edge"]
        merged = known.evidence + tuple(e for e in edge.evidence if e not in known.evidence)
        edge = Edge(edge.source, edge.relation, edge.target, merged)
    graph.add_edge(edge.source, edge.target, key=key, edge=edge)


def _number(term: object, kind: type[int] | type[float]) -> Any:
    if not isinstance(term, Literal):
        return None
    try:
        return kind(term.toPython())
    except (TypeError, ValueError):
        return None


#: Facts asked about in one evidence query (each as stated and turned round).
FACTS_PER_QUERY = 200
_FORWARDS = {str(forward): str(inverse) for inverse, forward in INVERSES.items()}


def evidence_for(
    store: QuadStore, facts: Iterable[tuple[str, str, str]]
) -> dict[tuple[str, str, str], list[Evidence]]:
    """The evidence of some forward facts ``(source, property, target)``: their assertions, whichever way
    round a document stated them, a bounded query per :data:`FACTS_PER_QUERY` facts."""
    wanted = sorted(set(facts))
    found: dict[tuple[str, str, str], list[Evidence]] = {}
    for start in range(0, len(wanted), FACTS_PER_QUERY):
        rows = []
        for source, relation, target in wanted[start : start + FACTS_PER_QUERY]:
            rows.append(f"(<{source}> <{relation}> <{target}>)")
            inverse = _FORWARDS.get(relation)
            if inverse is not None:
                rows.append(f"(<{target}> <{inverse}> <{source}>)")
        values = "VALUES (?s ?p ?o) { " + " ".join(rows) + " }"
        for key, items in _evidence(store, values).items():
            found.setdefault(key, []).extend(items)
    return found


def _evidence(store: QuadStore, values: str = "") -> dict[tuple[str, str, str], list[Evidence]]:
    found: dict[tuple[str, str, str], list[Evidence]] = {}
    for row in store.query(_EVIDENCE % values):
        s, p, o, doc, title, sentence, confidence, start, end, role = row  # type: ignore[misc]
        key = _forward(str(s), str(p), str(o))
        item = Evidence(
            document=str(doc) if doc is not None else None,
            title=str(title) if title is not None else None,
            sentence=str(sentence) if sentence is not None else None,
            confidence=_number(confidence, float),
            start=_number(start, int),
            end=_number(end, int),
            role=str(role) if role is not None else None,
        )
        bucket = found.setdefault(key, [])
        if item not in bucket:
            bucket.append(item)
    for bucket in found.values():
        bucket.sort(key=lambda e: (-(e.confidence or 0.0), e.document or "", e.start or 0))
    return found
