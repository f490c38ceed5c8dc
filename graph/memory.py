"""The in-memory backend: rdflib's Dataset, for tests and throw-away graphs."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result

from rekg.errors import QueryError
from rekg.graph.store import Capabilities, QuadStore
from rekg.graph.terms import Quad, from_ox


class MemoryStore(QuadStore):
    backend = "memory"

    def __init__(self) -> None:
        self._dataset = Dataset(default_union=True)

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities(persistent=False, bulk_load=False, read_only=False)

    @property
    def location(self) -> str:
        return "memory:"

    def add_graph(self, name: URIRef, graph: Graph) -> None:
        target = self._dataset.graph(name)
        for triple in graph:
            target.add(triple)

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        self.drop_graph(name)
        self.add_graph(name, graph)

    def change_graph(self, name: URIRef, removed: Sequence[ox.Quad], added: Sequence[ox.Quad]) -> None:
        target = self._dataset.graph(name)
        for quad in removed:
            target.remove((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        for quad in added:
            target.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))

    def drop_graph(self, name: URIRef) -> None:
        self._dataset.remove_graph(self._dataset.graph(name))

    def query(
        self,
        sparql: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        base_iri: str | None = None,
        limit: int | None = None,
    ) -> Result:
        """rdflib computes the whole answer: ``limit`` is left to the caller here (tests' sizes)."""
        target: Dataset = self._dataset
        if default_graph_uris or named_graph_uris:
            target = self._restricted(default_graph_uris, named_graph_uris)
        try:
            return target.query(sparql, base=base_iri)
        except ParseException as e:
            raise QueryError(f"malformed SPARQL query: {e}") from e
        except (ValueError, TypeError, KeyError) as e:
            raise QueryError(f"the query failed: {e}") from e

    def _restricted(self, default_graph_uris: Sequence[str], named_graph_uris: Sequence[str]) -> Dataset:
        """A copy of the dataset as the SPARQL Protocol describes it: chosen default and named graphs."""
        out = Dataset(default_union=False)
        for iri in default_graph_uris:
            for triple in self._dataset.graph(URIRef(iri)):
                out.default_graph.add(triple)
        for iri in named_graph_uris:
            target = out.graph(URIRef(iri))
            for triple in self._dataset.graph(URIRef(iri)):
                target.add(triple)
        return out

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        default = self._dataset.default_graph.identifier
        for s, p, o, g in self._dataset.quads((None, None, None, None)):
            name = g.identifier if isinstance(g, Graph) else g
            if isinstance(name, URIRef) and name != default and (graph is None or name == graph):
                yield (s, p, o, name)

    def graph_names(self) -> list[URIRef]:
        default = self._dataset.default_graph.identifier
        return sorted(
            g.identifier
            for g in self._dataset.graphs()
            if g.identifier != default and isinstance(g.identifier, URIRef) and len(g) > 0
        )
