"""The projection of a large graph, a request at a time: :class:`StoreProjection` answers as
:class:`~rekg.graph.projection.EntityGraph` does, without holding the whole graph.

Entities, kinds, labels and the relation edges come from the store's index (:mod:`rekg.graph.index_store`,
indexed by both ends); what a request walks — an ownership tree, the neighbourhood of an entity, the
shortest connections between two — is fetched level by level, and only the facts it shows get their
evidence, by a bounded SPARQL query (:func:`~rekg.graph.projection.evidence_for`). The answer is then
computed by the same code as the whole projection's, on a small networkx graph of just those entities, so
both give the same answers. Only the exports (GraphML, GEXF, CSV), which want everything, build the whole
projection (:attr:`StoreProjection.graph`), on first use.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING

from rekg.graph.index_store import IndexStore
from rekg.graph.projection import (
    OWNED_BY,
    OWNS,
    Edge,
    EntityGraph,
    Hop,
    Ownership,
    evidence_for,
    grow_sample,
    local_name,
    shortest_paths,
)
from rekg.graph.store import QuadStore
from rekg.ontology import ENTITY_CLASSES

Fact = tuple[str, str, str]  # (source, forward property, target)

_CLASSES = tuple(sorted(str(c) for c in ENTITY_CLASSES))
_IS_ENTITY = f"type IN ({','.join('?' * len(_CLASSES))})"
#: Forward facts between two distinct entities (an IN list of IRIs goes in ``{where}``).
_FACTS = f"""
SELECT DISTINCT fs, fp, fo FROM edges
WHERE {{where}} AND fs != fo
  AND EXISTS (SELECT 1 FROM types t WHERE t.e = fs AND t.{_IS_ENTITY})
  AND EXISTS (SELECT 1 FROM types t WHERE t.e = fo AND t.{_IS_ENTITY})
"""
_ENTITIES = f"SELECT DISTINCT e FROM types WHERE {_IS_ENTITY}"
#: IRIs asked about in one query.
CHUNK = 500
#: A connection search stops growing once it has reached this many entities (the answer is then "none").
MOST_REACHED = 200_000

if TYPE_CHECKING:
    import networkx as nx


class StoreProjection(EntityGraph):
    """:class:`EntityGraph`'s questions, answered from the index and the store a request at a time."""

    def __init__(self, store: QuadStore, index: IndexStore) -> None:  # no super().__init__: no whole graph
        self.store = store
        self.index = index
        self._lock = threading.Lock()
        self._entities: dict[str, tuple[str, dict[str, str]]] = {}
        self._degrees: dict[str, int] = {}
        self._overviews: dict[tuple[object, ...], tuple[list[str], int]] = {}

    # -- the whole graph, for exports only ------------------------------------------------------------------------

    @cached_property
    def graph(self) -> nx.MultiDiGraph:  # type: ignore[override]
        """The whole projection (every entity and fact with its evidence): exports only."""
        nodes = self._describe(iri for (iri,) in self.index.query(_ENTITIES, _CLASSES))  # type: ignore[misc]
        facts = self._facts(None)
        return EntityGraph.from_parts(nodes, facts, evidence_for(self.store, facts)).graph

    # -- entities ----------------------------------------------------------------------------------------------

    def _describe(self, iris: Iterable[str]) -> dict[str, tuple[str, dict[str, str]]]:
        """Kind and labels of the entities among ``iris`` (unknown IRIs are left out)."""
        wanted = [str(iri) for iri in iris]
        missing = [iri for iri in wanted if iri not in self._entities]
        if missing:
            found = self.index.entities(missing)
            with self._lock:
                for iri in missing:
                    entity = found.get(iri)
                    self._entities[iri] = (entity.kind, entity.labels) if entity else ("", {})
        return {iri: self._entities[iri] for iri in wanted if self._entities[iri][0]}

    def __contains__(self, iri: object) -> bool:
        return isinstance(iri, str) and bool(self._describe([iri]))

    def __len__(self) -> int:
        return int(str(self.index.query(f"SELECT COUNT(*) FROM ({_ENTITIES})", _CLASSES)[0][0]))

    def kind(self, iri: str) -> str:
        return self._describe([iri])[iri][0]

    def labels(self, iri: str) -> dict[str, str]:
        return self._describe([iri])[iri][1]

    @cached_property
    def _kinds(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for kind, _ in self._describe(iri for (iri,) in self.index.query(_ENTITIES, _CLASSES)).values():  # type: ignore[misc]
            counts[kind] = counts.get(kind, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def kinds(self) -> dict[str, int]:
        return dict(self._kinds)

    # -- facts ---------------------------------------------------------------------------------------------------

    def _facts(self, around: Iterable[str] | None) -> list[Fact]:
        """Forward facts between entities: every one, or those with an end among ``around``."""
        if around is None:
            rows = self.index.query(_FACTS.format(where="1"), _CLASSES * 2)
            return sorted((str(s), str(p), str(o)) for s, p, o in rows)
        nodes = sorted(set(around))
        found: set[Fact] = set()
        for start in range(0, len(nodes), CHUNK):
            chunk = nodes[start : start + CHUNK]
            marks = ",".join("?" * len(chunk))
            for column in ("fs", "fo"):
                sql = _FACTS.format(where=f"{column} IN ({marks})")
                found.update(
                    (str(s), str(p), str(o)) for s, p, o in self.index.query(sql, [*chunk, *_CLASSES * 2])
                )
        return sorted(found)

    def subgraph(self, nodes: Iterable[str], *, evidence: bool = True) -> EntityGraph:
        """The projection of ``nodes`` (those that are entities) and every fact among them."""
        described = self._describe(nodes)
        facts = [f for f in self._facts(described) if f[0] in described and f[2] in described]
        return EntityGraph.from_parts(described, facts, evidence_for(self.store, facts) if evidence else {})

    def _neighbours(self, nodes: Iterable[str], relations: set[str] | None = None) -> dict[str, set[str]]:
        """Each of ``nodes`` and the entities one fact away (of ``relations`` only, if given)."""
        adjacent: dict[str, set[str]] = {node: set() for node in nodes}
        for source, relation, target in self._facts(adjacent):
            if relations is not None and local_name(relation) not in relations:
                continue
            if source in adjacent:
                adjacent[source].add(target)
            if target in adjacent:
                adjacent[target].add(source)
        return adjacent

    def edges(
        self, nodes: Iterable[str] | None = None, relations: Iterable[str] | None = None
    ) -> Iterator[Edge]:
        if nodes is None:
            yield from EntityGraph(self.graph).edges(None, relations)
            return
        chosen = set(nodes)
        yield from self.subgraph(chosen).edges(chosen, relations)

    def outgoing(self, iri: str) -> list[Edge]:
        return self._around(iri).outgoing(iri)

    def incoming(self, iri: str) -> list[Edge]:
        return self._around(iri).incoming(iri)

    def _around(self, iri: str) -> EntityGraph:
        return self.subgraph({iri} | self._neighbours([iri]).get(iri, set()))

    @cached_property
    def _relation_names(self) -> list[str]:
        return sorted({local_name(str(p)) for _, p, _ in self._facts(None)})

    def relation_names(self) -> list[str]:
        return list(self._relation_names)

    # -- degrees, neighbourhoods, overview ------------------------------------------------------------------------

    def degree(self, iri: str) -> int:
        if iri not in self._degrees:
            self.degrees([iri])
        return self._degrees[iri]

    def degrees(self, iris: Iterable[str]) -> dict[str, int]:
        """Facts of each entity (as the whole projection counts them: one per relation and direction)."""
        wanted = set(iris)
        missing = wanted - self._degrees.keys()
        if missing:
            counts = dict.fromkeys(missing, 0)
            for source, _, target in self._facts(missing):
                for end in (source, target):
                    if end in counts:
                        counts[end] += 1
            with self._lock:
                self._degrees.update(counts)
        return {iri: self._degrees[iri] for iri in wanted}

    def _adjacency(self, nodes: Iterable[str]) -> dict[str, list[tuple[str, Edge]]]:
        """One query for a whole level of a walk (the base class asks node by node); the kinds of the
        entities reached are read along."""
        adjacency: dict[str, list[tuple[str, Edge]]] = {node: [] for node in nodes}
        for source, relation, target in self._facts(adjacency):
            edge = Edge(source, relation, target)
            if source in adjacency:
                adjacency[source].append((target, edge))
            if target in adjacency:
                adjacency[target].append((source, edge))
        self._describe({other for pairs in adjacency.values() for other, _ in pairs})
        return adjacency

    def _adjacent(self, node: str) -> Iterator[tuple[str, Edge]]:
        yield from self._adjacency([node])[node]

    def degree_centrality(self) -> dict[str, float]:
        return EntityGraph(self.graph).degree_centrality()

    def ranked(self, kinds: Iterable[str] | None = None) -> list[str]:
        return EntityGraph(self.graph).ranked(kinds)

    def overview(
        self, limit: int, *, kinds: Iterable[str] | None = None, relations: Iterable[str] | None = None
    ) -> tuple[list[str], int]:
        key = (
            limit,
            frozenset(kinds) if kinds is not None else None,
            frozenset(relations or ()),
            relations is None,
        )
        if key not in self._overviews:
            wanted = set(kinds) if kinds is not None else None
            names = set(relations) if relations is not None else None
            facts = self._facts(None)
            described = self._describe({f[0] for f in facts} | {f[2] for f in facts})
            adjacent: dict[str, set[str]] = {}
            for source, relation, target in facts:
                if names is not None and local_name(relation) not in names:
                    continue
                if wanted is None or (described[source][0] in wanted and described[target][0] in wanted):
                    adjacent.setdefault(source, set()).add(target)
                    adjacent.setdefault(target, set()).add(source)
            with self._lock:
                self._overviews[key] = (grow_sample(adjacent, limit), len(adjacent))
        chosen, total = self._overviews[key]
        return list(chosen), total

    # -- ownership and connections -------------------------------------------------------------------------------

    def ownership(self, iri: str, *, max_depth: int = 12) -> Ownership:
        """Fetched level by level up and down the ownership facts, then built as the projection builds it."""
        everything = {iri}
        for upwards in (True, False):
            frontier, reached = {iri}, {iri}
            for _ in range(max_depth):
                frontier = self._ownership_step(frontier, upwards=upwards) - reached
                if not frontier:
                    break
                reached |= frontier
            everything |= reached
        return self.subgraph(everything).ownership(iri, max_depth=max_depth)

    def _ownership_step(self, nodes: set[str], *, upwards: bool) -> set[str]:
        """The owners (``upwards``) or the holdings of ``nodes``: ``child subsidiaryOf parent`` and ``holder
        shareholderOf company`` put the second above the first."""
        found = set()
        for source, relation, target in self._facts(nodes):
            below, above = (source, target) if relation == OWNED_BY else (target, source)
            if relation in (OWNED_BY, OWNS):
                start, end = (below, above) if upwards else (above, below)
                if start in nodes:
                    found.add(end)
        return found

    def paths(
        self,
        source: str,
        target: str,
        *,
        max_paths: int = 5,
        max_length: int = 6,
        relations: Iterable[str] | None = None,
    ) -> list[list[Hop]]:
        """A breadth-first search from ``source`` over the index, level by level, until ``target`` is
        reached; the shortest paths are then chosen on what it saw, and only their facts are fetched."""
        if source not in self or target not in self or source == target:
            return []
        wanted = set(relations) if relations is not None else None
        import networkx as nx  # when first needed: not at start-up

        undirected = nx.Graph()
        undirected.add_node(source)
        frontier, seen = {source}, {source}
        for _ in range(max_length):
            adjacent = self._neighbours(frontier, wanted)
            for node, others in adjacent.items():
                undirected.add_edges_from((node, other) for other in others)
            frontier = {other for others in adjacent.values() for other in others} - seen
            seen |= frontier
            if target in frontier or not frontier or len(seen) > MOST_REACHED:
                break
        if target not in undirected:
            return []
        found = shortest_paths(undirected, source, target, max_paths, max_length)
        small = self.subgraph({node for path in found for node in path})
        return [small._hops(path, wanted) for path in found]
