"""The embedded backend: an on-disk Oxigraph store, opened through rdflib with oxrdflib.

rdflib (``Dataset(store=OxigraphStore)``) serves the generic graph API; the Oxigraph store underneath serves
the fast paths: queries with a chosen dataset and bulk loading of whole named graphs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef, Variable
from rdflib.query import Result

from rekg.errors import (
    QueryError,
    StoreError,
    StoreLockedError,
    StoreNotFoundError,
    UnsupportedOperationError,
)
from rekg.graph.generation import Generation, marked_write, read_generation
from rekg.graph.index_rows import GraphChange
from rekg.graph.index_store import IndexStore
from rekg.graph.results import SolutionsJson, solutions_json
from rekg.graph.store import Capabilities, QuadStore
from rekg.graph.terms import Quad, change_update, from_ox, from_ox_quad, replacement_update, to_ox_quads

T = TypeVar("T")


class EmbeddedStore(QuadStore):
    backend = "oxigraph"

    def __init__(self, directory: Path, *, read_only: bool = False) -> None:
        self._directory = directory
        self._read_only = read_only
        self._ox = _open_oxigraph(directory, read_only=read_only)
        self._dataset: Dataset | None = (
            None  # made when first asked for: oxrdflib loads rdflib's SPARQL engine
        )
        self._index: IndexStore | None = None  # the index beside the store, opened by the first write

    @property
    def oxigraph(self) -> ox.Store:
        """The Oxigraph store underneath, for the fast paths that read all of it."""
        return self._ox

    def _keep_index(self, graphs: list[str] | None, change: GraphChange | None = None) -> None:
        """Take the graphs just written (None: all of them), or the ``change`` of one, into the index beside
        the store (:mod:`rekg.graph.index_store`), inside the marked write."""
        if self._index is None:
            self._index = IndexStore.beside(self._directory)
        self._index.sync(self._ox, self._directory, graphs, change)

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities(persistent=True, bulk_load=True, read_only=self._read_only)

    @property
    def location(self) -> str:
        return str(self._directory)

    @property
    def dataset(self) -> Dataset:
        """The rdflib view of the store (union default graph)."""
        if self._dataset is None:
            from oxrdflib import OxigraphStore

            self._dataset = Dataset(store=OxigraphStore(store=self._ox), default_union=True)
        return self._dataset

    def _writable(self) -> ox.Store:
        if self._read_only:
            raise UnsupportedOperationError(f"the store at {self._directory} was opened read-only")
        return self._ox

    def add_graph(self, name: URIRef, graph: Graph) -> None:
        store = self._writable()
        with marked_write(self._directory):
            store.extend(to_ox_quads(name, graph))  # one transaction
            self._keep_index([str(name)])

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """One transaction (:func:`~rekg.graph.terms.replacement_update`): whoever opens the store next, or
        after a crash, finds the graph as it was or as it is now, whole."""
        store = self._writable()
        node = ox.NamedNode(str(name))
        update = replacement_update(
            name, to_ox_quads(name, graph), store.quads_for_pattern(None, None, None, node)
        )
        with marked_write(self._directory):
            store.update(update)
            self._keep_index([str(name)])

    def change_graph(self, name: URIRef, removed: Sequence[ox.Quad], added: Sequence[ox.Quad]) -> None:
        """One transaction, and the index moved on by the quads that were there (removed) or not (added)."""
        store = self._writable()
        adding = set(added)
        gone = [quad for quad in dict.fromkeys(removed) if quad not in adding and quad in store]
        new = [quad for quad in dict.fromkeys(added) if quad not in store]
        if not gone and not new:
            return
        with marked_write(self._directory):
            store.update(change_update(name, gone, new))
            self._keep_index([str(name)], GraphChange(str(name), tuple(gone), tuple(new)))

    def load_graphs(self, graphs: Mapping[URIRef, Sequence[ox.Quad]], *, bulk: bool = False) -> None:
        """A new graph is added in one transaction (``extend``), a graph the store has is replaced in one
        (:meth:`replace_graph`'s update); with ``bulk``, through :meth:`bulk_load`. One generation mark for
        the whole load."""
        if bulk:
            self.bulk_load(lambda: (quad for quads in graphs.values() for quad in quads))
            return
        store = self._writable()
        try:
            with marked_write(self._directory):
                for name, quads in graphs.items():
                    node = ox.NamedNode(str(name))
                    if not store.contains_named_graph(node):  # not every graph listed: 18,000 at 10M quads
                        store.extend(quads)
                        continue
                    old = store.quads_for_pattern(None, None, None, node)
                    store.update(replacement_update(name, quads, old))
                self._keep_index([str(name) for name in graphs])
        except OSError as e:
            raise StoreError(f"writing to the store at {self._directory} failed: {e}") from e

    def bulk_load(self, read: Callable[[], Iterable[ox.Quad]]) -> dict[URIRef, int]:
        """Oxigraph's bulk loader, several times faster than transactions and not one itself: the quads
        ``read()`` gives (each in a named graph) are streamed in, never all held, and each graph they name
        replaces the store's graph of that name. A store that has graphs is read once more first, for the
        names of the graphs to drop. If reading fails (a file that does not parse) in a store that was empty,
        the store is emptied again: nothing is written. Returns the quads of each graph written."""
        self._writable()  # no local name for the store: a traceback keeping this frame must not keep it open
        present = next(iter(self._ox.named_graphs()), None) is not None
        names: set[str] = {quad.graph_name.value for quad in read()} if present else set()  # type: ignore[union-attr]

        def noted() -> Iterator[ox.Quad]:
            for quad in read():
                names.add(quad.graph_name.value)  # type: ignore[union-attr]
                yield quad

        try:
            with marked_write(self._directory):
                for name in names:
                    self._ox.update(f"DROP SILENT GRAPH <{name}>")
                try:
                    self._ox.bulk_extend(noted())
                except BaseException:
                    if not present:
                        self._ox.clear()
                    raise
                self._ox.flush()
                self._keep_index(None)
        except OSError as e:
            raise StoreError(f"writing to the store at {self._directory} failed: {e}") from e
        assert self._index is not None
        return {URIRef(g): n for g, n in self._index.counts().graphs.items() if g in names}

    def generation(self) -> Generation:
        return read_generation(self._directory)

    def drop_graph(self, name: URIRef) -> None:
        store = self._writable()
        with marked_write(self._directory):
            store.update(f"DROP SILENT GRAPH <{name}>")  # one transaction
            self._keep_index([str(name)])

    def query(
        self,
        sparql: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        base_iri: str | None = None,
        limit: int | None = None,
    ) -> Result:
        return self._answer(
            sparql, default_graph_uris, named_graph_uris, base_iri, lambda a: _to_rdflib_result(a, limit)
        )

    def query_json(
        self,
        sparql: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        base_iri: str | None = None,
        limit: int,
    ) -> SolutionsJson | Result:
        """SELECT and ASK answers written straight from Oxigraph's terms
        (:func:`~rekg.graph.results.solutions_json`: no rdflib term on the way, some 70 µs a row less)."""

        def read(answer: object) -> SolutionsJson | Result:
            if isinstance(answer, ox.QuerySolutions | ox.QueryBoolean):
                return solutions_json(answer, limit)
            return _to_rdflib_result(answer, limit + 1)

        return self._answer(sparql, default_graph_uris, named_graph_uris, base_iri, read)

    def _answer(
        self,
        sparql: str,
        default_graph_uris: Sequence[str],
        named_graph_uris: Sequence[str],
        base_iri: str | None,
        read: Callable[[object], T],
    ) -> T:
        """Run the query and ``read`` its answer (Oxigraph computes it as it is read), errors translated."""
        options: dict[str, object] = {"base_iri": base_iri}
        try:
            if default_graph_uris or named_graph_uris:
                # the SPARQL Protocol: a dataset named in part is empty in the other part
                options["default_graph"] = [ox.NamedNode(iri) for iri in default_graph_uris]
                options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graph_uris]
            else:
                options["use_default_graph_as_union"] = True
        except ValueError as e:
            raise QueryError(f"a graph of the dataset is not an IRI: {e}") from e
        try:
            return read(self._ox.query(sparql, **options))
        except SyntaxError as e:
            raise QueryError(f"malformed SPARQL query: {e}") from e
        except (OSError, ValueError) as e:
            raise QueryError(f"the query failed: {e}") from e

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        if graph is None:
            names = list(self._ox.named_graphs())
            for name in names:
                for quad in self._ox.quads_for_pattern(None, None, None, name):
                    yield from_ox_quad(quad)
        else:
            for quad in self._ox.quads_for_pattern(None, None, None, ox.NamedNode(str(graph))):
                yield from_ox_quad(quad)

    def graph_names(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def close(self) -> None:
        if not self._read_only:
            self._ox.flush()
        if self._index is not None:
            self._index.close()
        del self._dataset
        del self._ox


def _open_oxigraph(directory: Path, *, read_only: bool) -> ox.Store:
    if read_only:
        if not directory.is_dir():
            raise StoreNotFoundError(f"no store at {directory}: run `rekg build` first")
        try:
            return ox.Store.read_only(str(directory))
        except OSError as e:
            raise StoreError(f"cannot open the store at {directory} for reading: {e}") from e
    if directory.exists() and not directory.is_dir():
        raise StoreError(f"{directory} exists and is not a store directory")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(directory))
    except OSError as e:
        if "lock" in str(e).lower():
            raise StoreLockedError(
                f"the store at {directory} is in use by another process (a running `rekg serve`?); "
                "stop it or use another --store"
            ) from e
        raise StoreError(f"cannot open the store at {directory}: {e}") from e


def _to_rdflib_result(answer: object, limit: int | None = None) -> Result:
    """The answer as rdflib's Result, reading at most ``limit`` rows or triples: Oxigraph computes solutions
    as they are read, so a query that matches millions stops here."""
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if isinstance(answer, ox.QuerySolutions):
        result = Result("SELECT")
        variables = [Variable(v.value) for v in answer.variables]
        result.vars = variables
        result.bindings = [
            {var: from_ox(value) for var, value in zip(variables, solution, strict=True) if value is not None}
            for solution in islice(answer, limit)
        ]
        return result
    if isinstance(answer, ox.QueryTriples):
        result = Result("CONSTRUCT")
        graph = Graph()
        for triple in islice(answer, limit):
            graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
        result.graph = graph
        return result
    raise QueryError(f"unexpected query answer {type(answer).__name__}")
