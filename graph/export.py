"""Export the whole store as N-Quads, TriG, Turtle (union of the graphs) or JSON-LD."""

from __future__ import annotations

from typing import BinaryIO

from rdflib import Dataset, Graph

from rekg.errors import RekgError
from rekg.graph.store import QuadStore
from rekg.ontology import NAMESPACES

EXPORT_FORMATS = {"nquads": "nquads", "trig": "trig", "turtle": "turtle", "jsonld": "json-ld"}


def to_dataset(store: QuadStore) -> Dataset:
    dataset = Dataset()
    for prefix, iri in NAMESPACES.items():
        dataset.bind(prefix, iri)
    for s, p, o, g in store.quads():
        dataset.graph(g).add((s, p, o))
    return dataset


def export(store: QuadStore, fmt: str, destination: BinaryIO) -> None:
    """Write the store in ``fmt``; Turtle holds the union of the named graphs (it has no graphs)."""
    if fmt not in EXPORT_FORMATS:
        raise RekgError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    dataset = to_dataset(store)
    if fmt == "turtle":
        union = Graph()
        for prefix, iri in NAMESPACES.items():
            union.bind(prefix, iri)
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        union.serialize(destination=destination, format="turtle", encoding="utf-8")
        return
    dataset.serialize(destination=destination, format=EXPORT_FORMATS[fmt], encoding="utf-8")
