"""Running one SPARQL query for the endpoint: what is refused, what it returns, and in which format.

:func:`check_query` refuses updates and ``SERVICE`` before anything runs; :func:`execute` runs a
:class:`QueryJob` on a store, caps the result and serialises it. Both are plain functions, so the worker
processes of :mod:`rekg.api.sparql_pool` and the in-thread runner share them.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from rdflib import Graph
from rdflib.query import Result

from rekg.api.problems import BadRequestError, ForbiddenQueryError, NotAcceptableError
from rekg.graph.results import (
    GRAPH_FORMATS,
    SOLUTION_FORMATS,
    SolutionsJson,
    serialize_graph,
    serialize_solutions,
)
from rekg.graph.store import QuadStore
from rekg.ontology import NAMESPACES

MAX_QUERY_LENGTH = 100_000

#: Media types of every answer format: results of SELECT/ASK, and graphs of CONSTRUCT/DESCRIBE.
SOLUTION_MEDIA = dict(SOLUTION_FORMATS)
GRAPH_MEDIA = {**GRAPH_FORMATS, "rdfxml": "application/rdf+xml"}

#: What clients send, in Accept or in ``format=``, and the format each one means.
SOLUTION_ACCEPT = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_ACCEPT = {
    "text/turtle": "turtle",
    "application/turtle": "turtle",
    "application/x-turtle": "turtle",
    "text/n3": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/xml": "rdfxml",
}
SOLUTION_NAMES = {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv"}
GRAPH_NAMES = {
    "turtle": "turtle",
    "ttl": "turtle",
    "n3": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "jsonld": "jsonld",
    "json-ld": "jsonld",
    "json": "jsonld",
    "xml": "rdfxml",
    "rdfxml": "rdfxml",
    "rdf+xml": "rdfxml",
}

# Strings, IRIs and comments: blanked out before looking for keywords, so a label that says "insert" or an
# IRI that contains "service" is not mistaken for one.
_NOISE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>'
    r"|#[^\n]*",
    re.DOTALL,
)
_KEYWORD = r"(?<![\w:?$\-]){}(?![\w:\-])"
_UPDATE = re.compile(
    _KEYWORD.format("(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)"), re.IGNORECASE
)
_SERVICE = re.compile(_KEYWORD.format("SERVICE"), re.IGNORECASE)


@dataclass(frozen=True)
class QueryJob:
    """A query as the Protocol received it, with the formats the client accepts for either kind of answer."""

    query: str
    default_graph_uris: tuple[str, ...] = ()
    named_graph_uris: tuple[str, ...] = ()
    solutions_format: str | None = "json"
    graph_format: str | None = "turtle"
    limit: int = 10_000
    base_iri: str | None = None  # relative IRIs in the query resolve against it


@dataclass(frozen=True)
class QueryAnswer:
    kind: str  # SELECT, ASK or CONSTRUCT (DESCRIBE answers are CONSTRUCT-like graphs)
    format: str
    media_type: str
    body: bytes
    count: int  # rows (SELECT), 1 (ASK) or triples (CONSTRUCT) returned
    truncated: bool  # the answer had more than ``limit`` and was cut
    limit: int
    seconds: float


def check_query(query: str) -> None:
    """Refuse what the endpoint never runs: an empty or huge query, an update, a ``SERVICE`` call."""
    if not query.strip():
        raise BadRequestError(
            "no query: send it as query= (GET or form POST) or as the body of a POST with "
            "Content-Type application/sparql-query"
        )
    if len(query) > MAX_QUERY_LENGTH:
        raise BadRequestError(f"the query is longer than {MAX_QUERY_LENGTH} characters")
    bare = _NOISE.sub(" ", query)
    update = _UPDATE.search(bare)
    if update:
        raise ForbiddenQueryError(
            f"this endpoint is read-only: SPARQL Update ({update.group(1).upper()}) is refused"
        )
    if _SERVICE.search(bare):
        raise ForbiddenQueryError(
            "SERVICE is refused: this endpoint answers from its own graph and calls no other host"
        )


def execute(store: QuadStore, job: QueryJob) -> QueryAnswer:
    """Run ``job`` on ``store``: the answer serialised in the negotiated format, cut at ``job.limit``."""
    check_query(job.query)
    started = time.perf_counter()
    dataset = {"default_graph_uris": job.default_graph_uris, "named_graph_uris": job.named_graph_uris}
    if job.solutions_format == "json":  # the usual case: written by the store if it can do it faster
        answer = store.query_json(job.query, **dataset, base_iri=job.base_iri, limit=job.limit)
        if isinstance(answer, SolutionsJson):
            return QueryAnswer(
                kind=answer.kind,
                format="json",
                media_type=SOLUTION_MEDIA["json"],
                body=answer.body,
                count=answer.count,
                truncated=answer.truncated,
                limit=job.limit,
                seconds=time.perf_counter() - started,
            )
        result = answer
    else:  # one more than the cap: enough to know the answer was cut
        result = store.query(job.query, **dataset, base_iri=job.base_iri, limit=job.limit + 1)
    if result.type == "CONSTRUCT":
        return _graph_answer(result, job, started)
    if job.solutions_format is None:
        raise NotAcceptableError(
            f"a {result.type} result is a table: accept one of {', '.join(SOLUTION_MEDIA.values())}"
        )
    count, truncated = 1, False
    if result.type == "SELECT":
        bindings = result.bindings
        count, truncated = min(len(bindings), job.limit), len(bindings) > job.limit
        if truncated:
            result.bindings = bindings[: job.limit]
    body = serialize_solutions(result, job.solutions_format)
    return QueryAnswer(
        kind=result.type,
        format=job.solutions_format,
        media_type=SOLUTION_MEDIA[job.solutions_format],
        body=body,
        count=count,
        truncated=truncated,
        limit=job.limit,
        seconds=time.perf_counter() - started,
    )


def _graph_answer(result: Result, job: QueryJob, started: float) -> QueryAnswer:
    fmt = job.graph_format
    if fmt is None:
        raise NotAcceptableError(
            f"a CONSTRUCT or DESCRIBE result is a graph: accept one of {', '.join(GRAPH_MEDIA.values())}"
        )
    source = result.graph if result.graph is not None else Graph()
    total = len(source)
    graph = Graph()
    for prefix, iri in NAMESPACES.items():
        graph.bind(prefix, iri)
    for index, triple in enumerate(source):
        if index >= job.limit:
            break
        graph.add(triple)
    result.graph = graph
    if fmt == "rdfxml":
        body = graph.serialize(format="xml", encoding="utf-8")
    else:
        body = serialize_graph(result, fmt)
    return QueryAnswer(
        kind="CONSTRUCT",
        format=fmt,
        media_type=GRAPH_MEDIA[fmt],
        body=body,
        count=min(total, job.limit),
        truncated=total > job.limit,
        limit=job.limit,
        seconds=time.perf_counter() - started,
    )
