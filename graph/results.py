"""SPARQL results in the formats people ask for: JSON, XML, CSV, TSV (SELECT/ASK) and RDF (CONSTRUCT)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from rekg.errors import QueryError
from rekg.graph.terms import bcp47_case

SOLUTION_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_FORMATS = {
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}


def to_tsv_term(term: Node | None) -> str:
    """A term in SPARQL 1.1 TSV results syntax."""
    if term is None:
        return ""
    if isinstance(term, URIRef | BNode | Literal):
        text = term.n3()
        return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return str(term)


def rows(result: Result) -> Iterator[tuple[Node | None, ...]]:
    for row in result:
        yield tuple(row)  # type: ignore[arg-type]


def serialize_solutions(result: Result, fmt: str) -> bytes:
    """SELECT or ASK results in ``json``, ``xml``, ``csv`` or ``tsv``."""
    if result.type == "CONSTRUCT":
        raise QueryError("a CONSTRUCT or DESCRIBE result is a graph: ask for turtle, nt or jsonld")
    if fmt == "tsv":
        if result.type == "ASK":
            return b"?_askResult\n" + (b"true\n" if result.askAnswer else b"false\n")
        variables = result.vars or []
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join(to_tsv_term(t) for t in row) for row in rows(result)]
        return ("\n".join(lines) + "\n").encode("utf-8")
    if fmt not in SOLUTION_FORMATS:
        raise QueryError(f"unknown results format {fmt!r}; use one of {', '.join(SOLUTION_FORMATS)}")
    if fmt == "csv" and result.type == "ASK":
        return b"_askResult\r\n" + (b"true\r\n" if result.askAnswer else b"false\r\n")
    out = io.BytesIO()
    result.serialize(destination=out, format=fmt, encoding="utf-8")
    return out.getvalue()


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class SolutionsJson:
    """A SELECT or ASK answer as SPARQL 1.1 Query Results JSON."""

    kind: str  # SELECT or ASK
    body: bytes
    count: int  # rows given (SELECT), 1 (ASK)
    truncated: bool  # there were more than the limit


def json_term(term: object) -> dict[str, str]:
    """An Oxigraph term as the JSON results format writes it (language tags in BCP 47 case, as
    :func:`rekg.graph.terms.from_ox` gives them; no datatype for a plain string, as rdflib writes it)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        if term.language:
            return {"type": "literal", "value": term.value, "xml:lang": bcp47_case(term.language)}
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return {"type": "literal", "value": term.value}
        return {"type": "literal", "value": term.value, "datatype": datatype}
    raise TypeError(f"unexpected Oxigraph term {term!r}")


def solutions_json(answer: ox.QuerySolutions | ox.QueryBoolean, limit: int) -> SolutionsJson:
    """``answer`` in the JSON results format, straight from Oxigraph's terms, cut after ``limit`` rows (at
    most one more is read: Oxigraph computes solutions as they are read)."""
    if isinstance(answer, ox.QueryBoolean):
        body = {"head": {}, "boolean": bool(answer)}
        return SolutionsJson("ASK", json.dumps(body).encode("utf-8"), 1, False)
    names = [variable.value for variable in answer.variables]
    rows = [
        {name: json_term(value) for name, value in zip(names, solution, strict=True) if value is not None}
        for solution in islice(answer, limit + 1)
    ]
    truncated = len(rows) > limit
    del rows[limit:]
    body = {"head": {"vars": names}, "results": {"bindings": rows}}
    text = json.dumps(body, ensure_ascii=False, allow_nan=False)
    return SolutionsJson("SELECT", text.encode("utf-8"), len(rows), truncated)


def serialize_graph(result: Result, fmt: str) -> bytes:
    """A CONSTRUCT or DESCRIBE result as ``turtle``, ``nt`` or ``jsonld``."""
    if result.type != "CONSTRUCT" or result.graph is None:
        raise QueryError("only CONSTRUCT and DESCRIBE results are graphs")
    if fmt not in GRAPH_FORMATS:
        raise QueryError(f"unknown graph format {fmt!r}; use one of {', '.join(GRAPH_FORMATS)}")
    rdflib_format = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt]
    return result.graph.serialize(format=rdflib_format, encoding="utf-8")
