"""Pure converters between rdflib terms and pyoxigraph terms.

pyoxigraph lower-cases language tags (``zh-hans``); :func:`bcp47_case` restores the case people read.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

RdfTerm = URIRef | BNode | Literal
Quad = tuple[Node, Node, Node, URIRef]


def bcp47_case(tag: str) -> str:
    """``zh-hans`` → ``zh-Hans``, ``en-gb`` → ``en-GB``: the case conventions of BCP 47."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def restore_case(term: Node) -> Node:
    """A literal with its language tag in BCP 47 case; any other term unchanged."""
    if isinstance(term, Literal) and term.language:
        return Literal(str(term), lang=bcp47_case(term.language))
    return term


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store an RDF term of type {type(term).__name__}")


def from_ox(term: object) -> RdfTerm:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=bcp47_case(term.language))
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unexpected Oxigraph term {term!r}")


def to_ox_quads(graph_name: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> Iterator[ox.Quad]:
    name = ox.NamedNode(str(graph_name))
    for s, p, o in triples:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), name)


def replacement_update(
    graph_name: URIRef,
    new: Iterable[ox.Quad],
    old: Iterable[ox.Quad] | None = None,
    *,
    block: int | None = None,
) -> str:
    """One SPARQL Update that makes the named graph hold exactly ``new``: applied as one transaction, so a
    reader (or a crash) sees the graph before or after, never half of it.

    With ``old`` (the graph's quads now) only the difference is written (``DELETE DATA`` / ``INSERT DATA``),
    which is most of the cost saved when a document is read again; without it, or when blank nodes make
    quads incomparable, the graph is dropped and written whole in the same update. ``block``: at most this
    many triples in one ``… DATA`` operation (Virtuoso's parser gives up on a few thousand in one).
    """
    name = f"<{graph_name}>"
    wanted = set(new)
    if old is not None:
        present = set(old)
        if not any(isinstance(t, ox.BlankNode) for q in (*wanted, *present) for t in (q.subject, q.object)):
            return change_update(graph_name, present - wanted, wanted - present, block=block) or (
                f"CREATE SILENT GRAPH {name}"
            )
    return f"DROP SILENT GRAPH {name} ;\n" + insertion_update(graph_name, wanted, block=block)


def change_update(
    graph_name: URIRef, removed: Collection[ox.Quad], added: Collection[ox.Quad], *, block: int | None = None
) -> str:
    """One SPARQL Update that removes ``removed`` from the named graph and adds ``added`` (no blank nodes);
    empty when there is nothing to change."""
    name = f"<{graph_name}>"
    return " ;\n".join(
        _data_blocks("DELETE", name, removed, block) + _data_blocks("INSERT", name, added, block)
    )


def insertion_update(graph_name: URIRef, quads: Iterable[ox.Quad], *, block: int | None = None) -> str:
    """One SPARQL Update that adds ``quads`` to the named graph (created if missing), ``block`` triples at most
    in one ``INSERT DATA``; quads with blank nodes in one ``INSERT {…} WHERE {}`` whatever their number (a
    blank node label names one node within one operation only, and Virtuoso takes none in ``INSERT DATA``)."""
    name = f"<{graph_name}>"
    wanted = set(quads)
    create = f"CREATE SILENT GRAPH {name}"
    if any(isinstance(t, ox.BlankNode) for q in wanted for t in (q.subject, q.object)):
        return f"{create} ;\nINSERT {{ GRAPH {name} {{ {_triples(wanted)} }} }} WHERE {{}}"
    return " ;\n".join([create, *_data_blocks("INSERT", name, wanted, block)])


def _data_blocks(verb: str, name: str, quads: Collection[ox.Quad], block: int | None) -> list[str]:
    """``INSERT DATA`` or ``DELETE DATA`` operations on the graph ``name``, ``block`` triples at most each."""
    ordered = list(quads)
    size = block or max(len(ordered), 1)
    return [
        f"{verb} DATA {{ GRAPH {name} {{ {_triples(ordered[i : i + size])} }} }}"
        for i in range(0, len(ordered), size)
    ]


def _triples(quads: Iterable[ox.Quad]) -> str:
    """Quads as the triples of a SPARQL ``… DATA`` block (terms in N-Triples syntax, which SPARQL reads)."""
    return " .\n".join(f"{q.subject} {q.predicate} {q.object}" for q in quads)


def from_ox_quad(quad: ox.Quad) -> Quad:
    graph = quad.graph_name
    return (
        from_ox(quad.subject),
        from_ox(quad.predicate),
        from_ox(quad.object),
        URIRef(graph.value) if isinstance(graph, ox.NamedNode) else URIRef(""),
    )
