"""The remote backend: any SPARQL 1.1 server, over the Protocol (queries and updates).

Where a server takes each kind of request is its *layout* (:class:`Endpoints`, read from the location's query
string; see :mod:`rekg.graph.store`):

- ``oxigraph`` (the default): ``<base>/query``, ``<base>/update``, ``<base>/store?graph=IRI``; the union of the
  named graphs is asked for as the default graph with Oxigraph's ``union-default-graph`` parameter.
- ``virtuoso``: the location's path is the endpoint for queries and updates (``/sparql``, or ``/sparql-auth``
  when the location carries a user and password, sent by HTTP Digest as Virtuoso asks), the Graph Store
  Protocol at ``/sparql-graph-crud`` (``/sparql-graph-crud-auth``). A query that names no dataset already
  sees every graph on Virtuoso; the graphs Virtuoso keeps for itself (its quad-map schema, the LDP vocabulary,
  its service description) are left out of every query with its ``input:*-graph-exclude`` pragmas, so the
  store holds what rekg wrote and nothing else.

``query=``, ``update=`` and ``store=`` in the location override a layout's endpoints (a path on the same
server, or a whole URL).

Every write is one SPARQL Update request, which also moves rekg's *generation mark* (:class:`ServerGeneration`):
one triple ``<urn:x-rekg:store> <urn:x-rekg:generation> "token"`` kept in the store itself — in the default
graph on the ``oxigraph`` layout (outside every named graph, so out of graph lists, counts, exports and
``GRAPH ?g``; a query over the union that matches any triple does see it), in the graph ``urn:x-rekg:store``
on Virtuoso (left out of queries as its own graphs are). A reader (the server) polls it and reopens its views
when it moves (:mod:`rekg.api.state`).

Oxigraph's server applies a request as one transaction. Virtuoso commits what a request did before an error
in it (and, killed, keeps nothing of a request it had not finished): there a graph's new triples are written
into a staging graph and made the graph's by one operation in the same request, so that an error half-way
leaves every graph whole, old or new (see the README's "External stores").
"""

from __future__ import annotations

import io
import logging
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from rdflib import XSD, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from rekg.errors import QueryError, QueryTimeoutError, StoreError, UnsupportedOperationError
from rekg.graph.store import Capabilities, QuadStore
from rekg.graph.terms import (
    Quad,
    change_update,
    insertion_update,
    replacement_update,
    restore_case,
    to_ox_quads,
)

log = logging.getLogger(__name__)

#: The query form, after the prologue (BASE and PREFIX declarations, comments); text without one (an update)
#: is never sent as a query. Each form is asked for in its own format (Virtuoso answers a CONSTRUCT asked for
#: with both formats as a table of ?s ?p ?o).
_FORM = re.compile(
    r"(?:\s|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s*[^\s:]*:\s*<[^>]*>)*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b",
    re.IGNORECASE,
)
#: A graph named in the query: ``GRAPH <iri>`` or ``GRAPH prefix:name``, ``FROM``, ``FROM NAMED``.
_NAMES_A_GRAPH = re.compile(r"(?<![\w:/#.-])(?:GRAPH|FROM(?:\s+NAMED)?)\s*(?:<|[\w.-]*:)", re.IGNORECASE)
_ACCEPT = {"SELECT": "application/sparql-results+json", "ASK": "application/sparql-results+json"}

LAYOUTS = ("oxigraph", "virtuoso")
_OVERRIDES = ("query", "update", "store")

#: Triples in one ``INSERT DATA`` operation of an update: Virtuoso's SPARQL parser runs out of stack at some
#: 5 000; one request holds as many operations as the graph needs.
DATA_BLOCK = 1000

#: A graph nobody writes: the part of a dataset the Protocol leaves empty.
NO_GRAPH = "urn:x-rekg:no-graph"

#: rekg's generation mark: the subject of its one triple (and on Virtuoso the graph that holds it), the predicate.
MARK = "urn:x-rekg:store"
MARK_PREDICATE = "urn:x-rekg:generation"

#: Where a write to Virtuoso puts a graph's new triples before they become the graph's, in the same request.
STAGING_GRAPH = "urn:x-rekg:staging"

#: On Virtuoso, the one operation that makes a graph hold what the staging graph holds, touching only the quads
#: that differ: Virtuoso's crash recovery mishandles a quad deleted and inserted again in one transaction (it
#: came back without some of a graph rewritten with the same triples by ``DROP`` + ``INSERT`` or ``MOVE``).
_REPLACE_FROM_STAGING = (
    "DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} INSERT {{ GRAPH <{graph}> {{ ?a ?b ?c }} }} WHERE {{ "
    "{{ GRAPH <{graph}> {{ ?s ?p ?o }} FILTER NOT EXISTS {{ GRAPH <{staging}> {{ ?s ?p ?o }} }} }} UNION "
    "{{ GRAPH <{staging}> {{ ?a ?b ?c }} FILTER NOT EXISTS {{ GRAPH <{graph}> {{ ?a ?b ?c }} }} }} }}"
)
#: The same for an addition: the staged quads the graph does not hold yet.
_ADD_FROM_STAGING = (
    "INSERT {{ GRAPH <{graph}> {{ ?a ?b ?c }} }} WHERE {{ "
    "GRAPH <{staging}> {{ ?a ?b ?c }} FILTER NOT EXISTS {{ GRAPH <{graph}> {{ ?a ?b ?c }} }} }}"
)

#: Graphs a Virtuoso server keeps for itself, whatever its configuration.
VIRTUOSO_OWN_GRAPHS = ("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#")
_SERVICE_DESCRIPTION_GRAPHS = (
    "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a <http://www.w3.org/ns/sparql-service-description#Service> } }"
)


@dataclass(frozen=True)
class Endpoints:
    """Where one SPARQL server takes queries, updates and Graph Store Protocol requests, and how it is asked
    for the union of its named graphs."""

    layout: str
    query: str
    update: str
    store: str
    union_parameter: bool  # send Oxigraph's ``union-default-graph`` when a query names no dataset
    shown: str  # the location as the user wrote it, less the password
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    @classmethod
    def parse(cls, url: str) -> Endpoints:
        """The endpoints of an ``http(s)://[user:password@]host:port/path[?layout=…&query=…]`` location."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise StoreError(f"{url!r} is not an http(s) URL of a SPARQL server")
        try:
            options = dict(parse_qsl(parts.query, keep_blank_values=True, strict_parsing=bool(parts.query)))
            port = parts.port
        except ValueError as e:
            raise StoreError(f"cannot read the SPARQL server location {url!r}: {e}") from e
        unknown = sorted(set(options) - {"layout", *_OVERRIDES})
        if unknown:
            raise StoreError(
                f"unknown option {', '.join(unknown)} in the SPARQL server location; "
                f"known: layout, {', '.join(_OVERRIDES)}"
            )
        layout = options.get("layout", "oxigraph")
        if layout not in LAYOUTS:
            raise StoreError(f"unknown SPARQL server layout {layout!r}; known: {', '.join(LAYOUTS)}")
        host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        origin = urlunsplit((parts.scheme, host if port is None else f"{host}:{port}", "", "", ""))
        user = parts.username
        netloc = parts.netloc.rsplit("@", 1)[-1]
        shown = urlunsplit((parts.scheme, netloc if user is None else f"{user}@{netloc}", *parts[2:]))
        path = parts.path.rstrip("/")
        if layout == "oxigraph":
            query, update, store = f"{path}/query", f"{path}/update", f"{path}/store"
        else:
            auth = "-auth" if user is not None else ""
            query = update = path or f"/sparql{auth}"
            store = f"/sparql-graph-crud{auth}"
        chosen = {"query": query, "update": update, "store": store}
        chosen.update({key: options[key] for key in _OVERRIDES if key in options})
        return cls(
            layout=layout,
            **{key: urljoin(origin + "/", value) for key, value in chosen.items()},
            union_parameter=layout == "oxigraph",
            shown=f"sparql+{shown}",
            user=unquote(user) if user is not None else None,
            password=unquote(parts.password) if parts.password is not None else None,
        )


#: About how many bytes of SPARQL Update :meth:`RemoteStore.load_graphs` sends in one request.
BATCH_BYTES = 8_000_000


@dataclass(frozen=True)
class ServerGeneration:
    """The generation mark of a store on a SPARQL server: the token the last write left ("" before any), the
    time it was written and a random part, so that two writes never leave the same one."""

    token: str = ""


def _new_token() -> str:
    return f"{datetime.now(UTC):%Y-%m-%dT%H:%M:%S.%fZ} {uuid.uuid4().hex[:12]}"


class RemoteStore(QuadStore):
    backend = "sparql"

    def __init__(self, url: str, *, read_only: bool = False, timeout: float = 30.0) -> None:
        self._endpoints = Endpoints.parse(url)
        self._read_only = read_only
        auth = None
        if self._endpoints.user is not None:
            auth = httpx.DigestAuth(self._endpoints.user, self._endpoints.password or "")
        self._client = httpx.Client(timeout=timeout, headers={"User-Agent": "rekg"}, auth=auth)
        self._staged = self._endpoints.layout == "virtuoso"  # see the module docstring
        self._hidden: tuple[str, ...] | None = None if self._staged else ()
        self._mark: ServerGeneration | None = None  # the last mark read
        self._mark_unread = False  # the last attempt to read it failed (warned once)

    @property
    def endpoints(self) -> Endpoints:
        return self._endpoints

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities(persistent=True, bulk_load=False, read_only=self._read_only)

    @property
    def location(self) -> str:
        return self._endpoints.shown

    def _request(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        try:
            return self._client.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.TimeoutException as e:
            raise QueryTimeoutError(f"the SPARQL server at {url} did not answer in time") from e
        except httpx.HTTPError as e:
            raise StoreError(f"cannot reach the SPARQL server at {url}: {e}") from e

    def _writable(self) -> None:
        if self._read_only:
            raise UnsupportedOperationError(f"the store at {self.location} was opened read-only")

    def add_graph(self, name: URIRef, graph: Graph) -> None:
        quads = list(to_ox_quads(name, graph))
        if not self._staged:
            self._update([(name, insertion_update(name, quads, block=DATA_BLOCK))])
            return
        self._update([(name, _through_staging(quads, _ADD_FROM_STAGING, name))])

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """One SPARQL Update request (see the module docstring); the Graph Store Protocol does not say that a
        PUT must be atomic, and Virtuoso's is not."""
        self._update([(name, self._replacement(name, to_ox_quads(name, graph)))])

    def load_graphs(self, graphs: Mapping[URIRef, Sequence[ox.Quad]], *, bulk: bool = False) -> None:
        """The graphs replaced in as few SPARQL Update requests as fit :data:`BATCH_BYTES` (one request per
        graph that is larger by itself). Each graph is written whole (see the module docstring); on Oxigraph's
        server a request's graphs all together or not at all."""
        if bulk:
            raise UnsupportedOperationError("a SPARQL server has no bulk path here; load without --bulk")
        batch: list[tuple[URIRef, str]] = []
        size = 0
        for name, quads in graphs.items():
            update = self._replacement(name, quads)
            length = len(update.encode("utf-8"))
            if batch and size + length > BATCH_BYTES:
                self._update(batch)
                batch, size = [], 0
            batch.append((name, update))
            size += length
        if batch:
            self._update(batch)

    def change_graph(self, name: URIRef, removed: Sequence[ox.Quad], added: Sequence[ox.Quad]) -> None:
        """``DELETE DATA`` and ``INSERT DATA`` in one request (on Oxigraph's server one transaction)."""
        update = change_update(name, removed, added, block=DATA_BLOCK)
        if update:
            self._update([(name, update)])

    def drop_graph(self, name: URIRef) -> None:
        self._update([(name, f"DROP SILENT GRAPH <{name}>")])

    def _replacement(self, name: URIRef, quads: Iterable[ox.Quad]) -> str:
        """The update that makes graph ``name`` hold exactly ``quads``: dropped and written in place on a server
        that applies a request as one transaction; on Virtuoso written into the staging graph, then made the
        graph's by one operation."""
        if not self._staged:
            return replacement_update(name, quads, block=DATA_BLOCK)
        return _through_staging(quads, _REPLACE_FROM_STAGING, name)

    def _mark_update(self) -> str:
        """The operations that move the generation mark on (first in every write's request: on Virtuoso, if the
        request fails later, the graphs written before the failure are new and the mark has moved with them)."""
        triple = f'<{MARK}> <{MARK_PREDICATE}> "{_new_token()}"'
        if not self._staged:
            return f"DELETE WHERE {{ <{MARK}> <{MARK_PREDICATE}> ?token }} ;\nINSERT DATA {{ {triple} }}"
        return (
            f"DELETE WHERE {{ GRAPH <{MARK}> {{ <{MARK}> <{MARK_PREDICATE}> ?token }} }} ;\n"
            f"INSERT DATA {{ GRAPH <{MARK}> {{ {triple} }} }}"
        )

    def _update(self, updates: Sequence[tuple[URIRef, str]]) -> None:
        """One request: the mark moved on, then each graph's update, one after the other."""
        self._writable()
        response = self._request(
            "POST",
            self._endpoints.update,
            content=" ;\n".join([self._mark_update(), *(update for _, update in updates)]).encode("utf-8"),
            headers={"Content-Type": "application/sparql-update"},
        )
        if response.status_code >= 400:
            names = ", ".join(str(name) for name, _ in updates[:3]) + (" …" if len(updates) > 3 else "")
            raise StoreError(
                f"the SPARQL server refused to write graph{'s' if len(updates) > 1 else ''} {names}: "
                f"HTTP {response.status_code} {response.text[:200]}"
            )

    def generation(self) -> ServerGeneration:
        """The mark as the server holds it now (one small query). A server that does not answer keeps the last
        mark read (a watcher goes on serving what it has, and asks again), or raises if none was."""
        where = f"<{MARK}> <{MARK_PREDICATE}> ?token"
        sparql = f"SELECT ?token WHERE {{ {f'GRAPH <{MARK}> {{ {where} }}' if self._staged else where} }}"
        try:
            found = self._post_query(sparql, {}, _ACCEPT["SELECT"])
        except (StoreError, QueryError) as e:
            if self._mark is None:
                raise
            if not self._mark_unread:
                log.warning(
                    "cannot read the generation mark at %s (keeping the last one): %s", self.location, e
                )
            self._mark_unread = True
            return self._mark
        self._mark = ServerGeneration(" ".join(sorted(str(row[0]) for row in found)))  # type: ignore[index]
        self._mark_unread = False
        return self._mark

    def _hidden_graphs(self) -> tuple[str, ...]:
        """The graphs every query leaves out (Virtuoso's own: the fixed ones and its service description, a
        graph named after its endpoint; rekg's mark and staging graphs), found once."""
        if self._hidden is None:
            found = self._post_query(_SERVICE_DESCRIPTION_GRAPHS, {}, _ACCEPT["SELECT"])
            described = sorted({str(row[0]) for row in found if str(row[0]).endswith("/sparql")})  # type: ignore[index]
            self._hidden = (*VIRTUOSO_OWN_GRAPHS, MARK, STAGING_GRAPH, *described)
        return self._hidden

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
        (a server enforces its own limits; an answer the server cut short is an error, not a part)."""
        form = _FORM.match(sparql)
        if form is None:  # an update, or no query at all: never sent (a server may run updates it is given)
            raise QueryError(
                "not a SPARQL query: SELECT, ASK, CONSTRUCT or DESCRIBE expected after the prologue"
            )
        accept = _ACCEPT.get(form.group(1).upper(), "application/n-triples")
        hidden: tuple[str, ...] = ()
        if default_graph_uris or named_graph_uris:
            # the Protocol: a dataset named in part is empty in the other part, which is said outright
            # (Virtuoso fills a part not named with every graph)
            fields = {"default-graph-uri": default_graph_uris or [NO_GRAPH]}
            fields["named-graph-uri"] = named_graph_uris or [NO_GRAPH]
        else:
            fields = {"union-default-graph": [""]} if self._endpoints.union_parameter else {}
            # Virtuoso finds nothing in a graph the query names under these pragmas: such a query goes without
            # them (and its union also sees the server's own graphs)
            hidden = () if _NAMES_A_GRAPH.search(sparql) else self._hidden_graphs()
        if base_iri:
            sparql = f"BASE <{base_iri}>\n{sparql}"
        pragmas = [
            f"DEFINE input:{part}-graph-exclude <{g}>" for g in hidden for part in ("default", "named")
        ]
        sparql = "\n".join((*pragmas, sparql))
        return self._post_query(sparql, fields, accept)

    def _post_query(self, sparql: str, fields: Mapping[str, Sequence[str]], accept: str) -> Result:
        # form-encoded, which every server reads (Virtuoso 7 never answers a query sent as a bare body)
        response = self._request(
            "POST",
            self._endpoints.query,
            data={"query": sparql, **fields},
            headers={"Accept": accept},
        )
        if response.status_code >= 400:
            raise QueryError(f"the SPARQL server refused the query: {response.text[:300].strip()}")
        if "x-sparql-maxrows" in response.headers:  # Virtuoso's mark of an answer cut at ResultSetMaxRows
            raise QueryError(
                f"the SPARQL server stopped the answer at its limit of {response.headers['x-sparql-maxrows']} "
                "rows, so it may be incomplete (raise the server's ResultSetMaxRows, or ask for fewer rows)"
            )
        content_type = response.headers.get("content-type", "").split(";")[0].strip()
        if content_type == "application/sparql-results+json":
            parsed = Result.parse(io.BytesIO(response.content), format="json")
            if parsed.type == "SELECT":
                parsed.bindings = [{v: _plain(t) for v, t in row.items()} for row in parsed.bindings]
            return parsed
        if content_type in {"application/n-triples", "text/plain"}:
            result = Result("CONSTRUCT")
            graph = Graph()
            for s, p, o in Graph().parse(data=response.text, format="nt"):
                graph.add((s, p, _plain(o)))
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


#: Empties the staging graph. Not ``DROP`` or ``CLEAR``: in a request that has read the staging graph (the
#: operation applying it), Virtuoso's ``DROP`` and ``CLEAR`` of it later in the request leave its triples.
_EMPTY_STAGING = f"DELETE WHERE {{ GRAPH <{STAGING_GRAPH}> {{ ?s ?p ?o }} }}"


def _through_staging(quads: Iterable[ox.Quad], switch: str, name: URIRef) -> str:
    """The operations that write ``quads`` into the emptied staging graph, apply them to graph ``name`` by the
    one operation ``switch``, and empty the staging graph again."""
    staged = insertion_update(URIRef(STAGING_GRAPH), quads, block=DATA_BLOCK)
    applied = switch.format(graph=name, staging=STAGING_GRAPH)
    return f"{_EMPTY_STAGING} ;\n{staged} ;\n{applied} ;\n{_EMPTY_STAGING}"


def _plain(term: Node) -> Node:
    """A term as rekg's other stores give it: a language tag in BCP 47 case, and a string without its
    datatype (RDF 1.1 makes ``"x"`` and ``"x"^^xsd:string`` one term; Virtuoso writes the datatype out)."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return restore_case(term)
