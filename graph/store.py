"""The store interface every backend implements, and :func:`open_store`, which picks one by location.

All of rekg's data lives in named graphs: one per source document, one for the curated seeds. Queries see
the union of the named graphs as their default graph, unless the caller names the dataset (SPARQL
Protocol ``default-graph-uri`` / ``named-graph-uri``).

Locations:

- ``memory:`` — rdflib's in-memory dataset (tests; gone when the process ends);
- ``sparql+http://[user:password@]host:port/path[?layout=…&query=…&update=…&store=…]`` (or ``sparql+https``)
  — a SPARQL 1.1 server (:mod:`rekg.graph.remote`). Its layout says where it takes each request:
  ``layout=oxigraph`` (the default) ``<path>/query``, ``<path>/update`` and the Graph Store Protocol at
  ``<path>/store``; ``layout=virtuoso`` the path itself (default ``/sparql``, ``/sparql-auth`` with a user)
  for queries and updates and ``/sparql-graph-crud`` (``-auth``) for the Graph Store Protocol. ``query=``,
  ``update=``, ``store=`` override one endpoint each (a path on the server, or a URL). A user and password are
  sent by HTTP Digest;
- anything else — a directory holding an embedded Oxigraph store (``oxigraph:`` prefix optional).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, ClassVar, Self

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.query import Result

from rekg.errors import StoreError, UnsupportedOperationError
from rekg.graph.terms import Quad, from_ox

if TYPE_CHECKING:
    from rekg.graph.results import SolutionsJson

DEFAULT_STORE = "data/store"


@dataclass(frozen=True)
class StoreCounts:
    """Sizes of the store: quads in all named graphs, and per graph."""

    quads: int
    graphs: Mapping[URIRef, int]


@dataclass(frozen=True)
class Capabilities:
    """What a backend can do; callers check these instead of catching surprises."""

    persistent: bool
    bulk_load: bool
    read_only: bool


class QuadStore(ABC):
    """A set of named graphs that can be added, replaced, dropped, queried with SPARQL and iterated."""

    backend: ClassVar[str]

    @property
    @abstractmethod
    def capabilities(self) -> Capabilities: ...

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the store is, as the user would write it."""

    @abstractmethod
    def add_graph(self, name: URIRef, graph: Graph) -> None:
        """Add the triples of ``graph`` to the named graph ``name`` (creating it)."""

    @abstractmethod
    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """Make the named graph ``name`` hold exactly the triples of ``graph``, all at once: a reader, or the
        store after a crash, sees the old graph or the new one, never a part or none."""

    @abstractmethod
    def change_graph(self, name: URIRef, removed: Sequence[ox.Quad], added: Sequence[ox.Quad]) -> None:
        """Remove the quads ``removed`` from the named graph ``name`` and add ``added`` (quads of that graph,
        without blank nodes), all at once: what a write changes in a graph it keeps most of (the labels graph),
        costing what it changes, not what the graph holds."""

    def load_graphs(self, graphs: Mapping[URIRef, Sequence[ox.Quad]], *, bulk: bool = False) -> None:
        """Make each named graph hold exactly its quads (a graph not named keeps what it has), each graph in
        one transaction. ``bulk``: the backend's fast path, which may write a graph in parts (a crash half-way
        leaves it partly written); only where ``capabilities.bulk_load`` says so."""
        if bulk:
            raise UnsupportedOperationError(f"the {self.backend} store has no bulk path; load without --bulk")
        for name, quads in graphs.items():
            graph = Graph(identifier=name)
            for quad in quads:
                graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
            self.replace_graph(name, graph)

    def bulk_load(self, read: Callable[[], Iterable[ox.Quad]]) -> dict[URIRef, int]:
        """The backend's bulk loader, where ``capabilities.bulk_load`` says it has one: the quads ``read()``
        gives, streamed in; each graph they name replaces the store's. Returns the quads of each graph."""
        raise UnsupportedOperationError(f"the {self.backend} store has no bulk path; load without --bulk")

    @abstractmethod
    def drop_graph(self, name: URIRef) -> None:
        """Remove the named graph ``name``; dropping a graph that does not exist is not an error."""

    @abstractmethod
    def query(
        self,
        sparql: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        base_iri: str | None = None,
        limit: int | None = None,
    ) -> Result:
        """Run a SPARQL 1.1 query (never an update). Raises :class:`rekg.errors.QueryError`.

        ``base_iri``: what relative IRIs in the query resolve against. ``limit``: stop reading the answer
        after this many rows (or triples), so that memory stays bounded whatever the query asks for."""

    def query_json(
        self,
        sparql: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        base_iri: str | None = None,
        limit: int,
    ) -> SolutionsJson | Result:
        """:meth:`query` for an answer wanted as SPARQL JSON results, cut at ``limit`` rows: a backend that
        can write them faster than rdflib returns them written (a SELECT or ASK answer), any other answer as
        :meth:`query` gives it, read up to one row past ``limit`` (enough to know it was cut)."""
        return self.query(
            sparql,
            default_graph_uris=default_graph_uris,
            named_graph_uris=named_graph_uris,
            base_iri=base_iri,
            limit=limit + 1,
        )

    @abstractmethod
    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        """Every quad of one named graph, or of all of them."""

    def graph_names(self) -> list[URIRef]:
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
        return [row[0] for row in result if isinstance(row[0], URIRef)]  # type: ignore[index]

    def counts(self) -> StoreCounts:
        result = self.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
        )
        graphs = {row[0]: int(row[1]) for row in result}  # type: ignore[index]
        return StoreCounts(quads=sum(graphs.values()), graphs=graphs)

    def graph(self, name: URIRef) -> Graph:
        """A copy of one named graph as an rdflib Graph."""
        out = Graph(identifier=name)
        for s, p, o, _ in self.quads(name):
            out.add((s, p, o))
        return out

    def generation(self) -> object | None:
        """The store's generation mark (:mod:`rekg.graph.generation`), which every write moves on; None for a
        backend whose readers see writes as they happen (memory). A remote server keeps its mark in the store
        (:class:`rekg.graph.remote.ServerGeneration`)."""
        return None

    def close(self) -> None:  # noqa: B027 - backends with resources override it
        """Release the store (locks, connections)."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def open_store(location: str | Path | None = None, *, read_only: bool = False) -> QuadStore:
    """Open the store at ``location`` (see the module docstring); ``read_only`` for readers.

    A read-only embedded store can be opened while another process writes to it, and sees a snapshot.
    """
    text = str(location) if location is not None else DEFAULT_STORE
    if text in {"memory:", ":memory:"}:
        from rekg.graph.memory import MemoryStore

        return MemoryStore()
    if text.startswith(("sparql+http://", "sparql+https://")):
        from rekg.graph.remote import RemoteStore

        return RemoteStore(text.removeprefix("sparql+"), read_only=read_only)
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", text):  # http://…, sparql+sparql+http://…: no folder
        raise StoreError(
            f"{text!r} is not a store location: a SPARQL server is sparql+http://host:port (or sparql+https://), "
            "anything else a folder"
        )
    from rekg.graph.embedded import EmbeddedStore

    return EmbeddedStore(Path(text.removeprefix("oxigraph:")), read_only=read_only)
