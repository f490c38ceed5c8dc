"""Export the whole store: N-Quads, TriG, Turtle (union of the graphs), JSON-LD (compacted with rekg's
published context, which it references by URL), and — from the networkx projection — GraphML, GEXF and CSV
(:mod:`rekg.graph.export_network`)."""

from __future__ import annotations

import json
from typing import Any, BinaryIO

from rdflib import Dataset, Graph

from rekg.errors import RekgError
from rekg.graph.export_network import (
    CSV_TABLES,
    LABEL_LANGUAGES,
    NETWORK_FORMATS,
    aliases,
    write_csv,
    write_network,
)
from rekg.graph.projection import EntityGraph
from rekg.graph.store import QuadStore
from rekg.ontology import NAMESPACES

RDF_FORMATS = {"nquads": "nquads", "trig": "trig", "turtle": "turtle", "jsonld": "json-ld"}
EXPORT_FORMATS = (*RDF_FORMATS, *NETWORK_FORMATS, "csv")
#: Media type and file extension of each format (CSV: one table).
MEDIA = {
    "nquads": ("application/n-quads", "nq"),
    "trig": ("application/trig", "trig"),
    "turtle": ("text/turtle", "ttl"),
    "jsonld": ("application/ld+json", "jsonld"),
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "csv": ("text/csv", "csv"),
}
#: Where the context is published, relative to the base (the API serves it at ``/context.jsonld``).
CONTEXT_PATH = "context.jsonld"


def jsonld_context() -> dict[str, Any]:
    """rekg's JSON-LD context: the prefixes of every vocabulary the graph uses (the document served at
    ``/context.jsonld``)."""
    return {"@context": dict(NAMESPACES)}


def to_dataset(store: QuadStore) -> Dataset:
    dataset = Dataset()
    for prefix, iri in NAMESPACES.items():
        dataset.bind(prefix, iri)
    for s, p, o, g in store.quads():
        dataset.graph(g).add((s, p, o))
    return dataset


def check_format(fmt: str, table: str | None, language: str = "zh") -> None:
    """RekgError for an unknown format, a CSV table that is not one of :data:`CSV_TABLES`, or an unknown label
    language — before anything is opened or written."""
    if language not in LABEL_LANGUAGES:
        raise RekgError(f"unknown label language {language!r}; use one of {', '.join(LABEL_LANGUAGES)}")
    if fmt not in EXPORT_FORMATS:
        raise RekgError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "csv" and table not in CSV_TABLES:
        raise RekgError(f"CSV holds one table: choose it, one of {', '.join(CSV_TABLES)}")


def export(
    store: QuadStore,
    fmt: str,
    destination: BinaryIO,
    *,
    context: str | None = None,
    table: str | None = None,
    bom: bool = False,
    language: str = "zh",
    projection: EntityGraph | None = None,
) -> None:
    """Write the store in ``fmt``; Turtle holds the union of the named graphs (it has no graphs).

    JSON-LD is compacted with :func:`jsonld_context` and refers to it at the URL ``context`` (without one,
    the context is written inline). GraphML, GEXF and CSV come from the projection (entities and the
    relations between them; ``language`` chooses the shown label; ``projection``, when given, is the
    store's, already built); CSV writes one ``table``.
    """
    check_format(fmt, table, language)
    if fmt in NETWORK_FORMATS or fmt == "csv":
        projection = projection if projection is not None else EntityGraph.from_store(store)
        if fmt == "csv":
            assert table is not None
            names = aliases(store) if table == "entities" else None
            write_csv(projection, table, destination, names=names, bom=bom)
        else:
            write_network(projection, fmt, destination, language=language)
        return
    dataset = to_dataset(store)
    if fmt == "turtle":
        union = Graph()
        for prefix, iri in NAMESPACES.items():
            union.bind(prefix, iri)
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        union.serialize(destination=destination, format="turtle", encoding="utf-8")
        return
    if fmt == "jsonld":
        write_jsonld(dataset, destination, context)
        return
    dataset.serialize(destination=destination, format=RDF_FORMATS[fmt], encoding="utf-8")


def write_jsonld(dataset: Dataset, destination: BinaryIO, context: str | None) -> None:
    """Compacted JSON-LD whose ``@context`` is the URL ``context`` (the same context, inline, without one)."""
    text = dataset.serialize(format="json-ld", context=jsonld_context()["@context"], auto_compact=True)
    document = json.loads(text)
    if context is not None:
        if isinstance(document, dict):
            document["@context"] = context
        else:  # an empty dataset: rdflib writes a bare list
            document = {"@context": context, "@graph": document}
    destination.write(json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8"))
