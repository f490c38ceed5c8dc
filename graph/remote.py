"""The remote backend: any SPARQL 1.1 server, over the Protocol (queries) and the Graph Store Protocol.

The endpoint layout is Oxigraph's: ``<base>/query``, ``<base>/update`` and ``<base>/store?graph=IRI``. The
union of the named graphs is asked for as the default graph with Oxigraph's ``union-default-graph``
parameter; on other servers, configure the union default graph server-side.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping, Sequence

import httpx
import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.query import Result

from rekg.errors import QueryError, QueryTimeoutError, StoreError, UnsupportedOperationError
from rekg.graph.store import Capabilities, QuadStore
from rekg.graph.terms import Quad, replacement_update, restore_case, to_ox_quads

_RESULTS_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
#: About how many bytes of SPARQL Update :meth:`RemoteStore.load_graphs` sends in one request.
BATCH_BYTES = 8_000_000


class RemoteStore(QuadStore):
    backend = "sparql"

    def __init__(self, base_url: str, *, read_only: bool = False, timeout: float = 30.0) -> None:
        self._base = base_url.rstrip("/")
        self._read_only = read_only
        self._client = httpx.Client(timeout=timeout, headers={"User-Agent": "rekg"})

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities(persistent=True, bulk_load=False, read_only=self._read_only)

    @property
    def location(self) -> str:
        return f"sparql+{self._base}"

    def _request(self, method: str, path: str, **kwargs: object) -> httpx.Response:
        url = f"{self._base}{path}"
        try:
            response = self._client.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.TimeoutException as e:
            raise QueryTimeoutError(f"the SPARQL server at {self._base} did not answer in time") from e
        except httpx.HTTPError as e:
            raise StoreError(f"cannot reach the SPARQL server at {self._base}: {e}") from e
        return response

    def _write(self, method: str, name: URIRef, graph: Graph | None = None) -> None:
        if self._read_only:
            raise UnsupportedOperationError(f"the store at {self._base} was opened read-only")
        body = graph.serialize(format="nt", encoding="utf-8") if graph is not None else None
        headers = {"Content-Type": "application/n-triples"} if body is not None else {}
        response = self._request(method, "/store", params={"graph": str(name)}, content=body, headers=headers)
        if method == "DELETE" and response.status_code == 404:
            return
        if response.status_code >= 400:
            raise StoreError(
                f"the SPARQL server refused {method} of graph {name}: "
                f"HTTP {response.status_code} {response.text[:200]}"
            )

    def add_graph(self, name: URIRef, graph: Graph) -> None:
        self._write("POST", name, graph)

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """One SPARQL Update request (drop and insert), which a SPARQL 1.1 server applies as one transaction
        (the Graph Store Protocol does not say that a PUT must be atomic)."""
        self._replace(name, to_ox_quads(name, graph))

    def load_graphs(self, graphs: Mapping[URIRef, Sequence[ox.Quad]], *, bulk: bool = False) -> None:
        """The graphs replaced in as few SPARQL Update requests as fit :data:`BATCH_BYTES` (one request per
        graph that is larger by itself). A request is one transaction on a SPARQL 1.1 server, so each graph
        is written whole, and a request's graphs all together or not at all."""
        if bulk:
            raise UnsupportedOperationError("a SPARQL server has no bulk path here; load without --bulk")
        batch: list[tuple[URIRef, bytes]] = []
        for name, quads in graphs.items():
            update = replacement_update(name, quads).encode("utf-8")
            if batch and sum(len(u) for _, u in batch) + len(update) > BATCH_BYTES:
                self._update(batch)
                batch = []
            batch.append((name, update))
        if batch:
            self._update(batch)

    def _replace(self, name: URIRef, quads: Iterable[ox.Quad]) -> None:
        self._update([(name, replacement_update(name, quads).encode("utf-8"))])

    def _update(self, updates: Sequence[tuple[URIRef, bytes]]) -> None:
        """One request of the graphs' replacement updates, one after the other."""
        if self._read_only:
            raise UnsupportedOperationError(f"the store at {self._base} was opened read-only")
        response = self._request(
            "POST",
            "/update",
            content=b" ;\n".join(update for _, update in updates),
            headers={"Content-Type": "application/sparql-update"},
        )
        if response.status_code >= 400:
            names = ", ".join(str(name) for name, _ in updates[:3]) + (" …" if len(updates) > 3 else "")
            raise StoreError(
                f"the SPARQL server refused to replace graph{'s' if len(updates) > 1 else ''} {names}: "
                f"HTTP {response.status_code} {response.text[:200]}"
            )

    def drop_graph(self, name: URIRef) -> None:
        self._write("DELETE", name)

    def query(
        self,
        sparql: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        base_iri: str | None = None,
        limit: int | None = None,
    ) -> Result:
        """Over the Protocol, which has no base IRI of its own: ``base_iri`` goes in front of the query as a
        BASE declaration. The server computes and sends the whole answer: ``limit`` is left to the caller
        (a server enforces its own limits)."""
        if base_iri:
            sparql = f"BASE <{base_iri}>\n{sparql}"
        params: list[tuple[str, str]] = [("default-graph-uri", iri) for iri in default_graph_uris]
        params += [("named-graph-uri", iri) for iri in named_graph_uris]
        if not default_graph_uris and not named_graph_uris:
            params.append(("union-default-graph", ""))
        response = self._request(
            "POST",
            "/query",
            params=params,
            content=sparql.encode("utf-8"),
            headers={"Content-Type": "application/sparql-query", "Accept": _RESULTS_ACCEPT},
        )
        if response.status_code >= 400:
            raise QueryError(f"the SPARQL server refused the query: {response.text[:300].strip()}")
        content_type = response.headers.get("content-type", "").split(";")[0].strip()
        if content_type == "application/sparql-results+json":
            parsed = Result.parse(io.BytesIO(response.content), format="json")
            if parsed.type == "SELECT":
                parsed.bindings = [{v: restore_case(t) for v, t in row.items()} for row in parsed.bindings]
            return parsed
        if content_type in {"application/n-triples", "text/plain"}:
            result = Result("CONSTRUCT")
            graph = Graph()
            for s, p, o in Graph().parse(data=response.text, format="nt"):
                graph.add((s, p, restore_case(o)))
            result.graph = graph
            return result
        raise QueryError(f"the SPARQL server answered with an unexpected content type {content_type!r}")

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        if graph is None:
            sparql = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        else:
            sparql = f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} VALUES ?g {{ <{graph}> }} }}"
        for row in self.query(sparql):
            yield (row[0], row[1], row[2], row[3])  # type: ignore[index]

    def close(self) -> None:
        self._client.close()
