"""Loading RDF files into the store: every file is parsed first, then each named graph is written whole.

N-Quads and TriG keep their graphs; Turtle and N-Triples (graphs without names) go into the named graph the
caller gives. A graph that is loaded *replaces* the graph of that name in the store (as ``rekg ingest``
replaces a document's graph); a graph named in several files gets the triples of all of them. A file that
does not parse stops the load before anything is written. Afterwards the derived labels graph is recomputed.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from rekg.errors import DocumentError
from rekg.graph.iri import IriMinter
from rekg.graph.labels import derive_labels, labels_graph_name
from rekg.graph.store import QuadStore

RDF_FORMATS: Mapping[str, ox.RdfFormat] = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}
SUFFIXES: Mapping[str, str] = {".nq": "nquads", ".trig": "trig", ".ttl": "turtle", ".nt": "ntriples"}
DATASET_FORMATS = frozenset({"nquads", "trig"})

GraphQuads = dict[URIRef, list[ox.Quad]]


@dataclass(frozen=True)
class LoadReport:
    """What a load wrote: quads per named graph, and how long it took (parsing and writing)."""

    graphs: Mapping[URIRef, int]
    seconds: float

    @property
    def quads(self) -> int:
        return sum(self.graphs.values())


def format_of(path: Path, fmt: str | None = None) -> str:
    """The format name of a file: ``fmt`` if given, else from its extension."""
    if fmt is not None:
        if fmt not in RDF_FORMATS:
            raise DocumentError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
        return fmt
    name = SUFFIXES.get(path.suffix.lower())
    if name is None:
        raise DocumentError(
            f"{path}: cannot tell the format from the extension {path.suffix!r} "
            f"(known: {', '.join(SUFFIXES)}); give --format"
        )
    return name


def read_files(paths: Sequence[Path], fmt: str | None = None, graph: str | None = None) -> GraphQuads:
    """Parse every file, grouped by named graph. ``graph``: where the triples of Turtle and N-Triples files
    (and those outside any graph in N-Quads and TriG) go; required when there are any. Blank nodes are
    renamed, so that two files (or a file and the store) never share one by accident."""
    target = _graph_node(graph) if graph is not None else None
    out: GraphQuads = {}
    for path in paths:
        name = format_of(path, fmt)
        if name not in DATASET_FORMATS and target is None:
            raise DocumentError(
                f"{path}: {name} has no named graphs; give the graph to load it into with --graph"
            )
        _read_one(path, name, target, out)
    return out


def _graph_node(graph: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(graph)
    except ValueError as e:
        raise DocumentError(f"--graph {graph!r} is not an absolute IRI: {e}") from e


def _read_one(path: Path, fmt: str, target: ox.NamedNode | None, out: GraphQuads) -> None:
    if not path.is_file():
        raise DocumentError(f"no file at {path}")
    groups: dict[ox.NamedNode, list[ox.Quad]] = {}
    try:
        for quad in ox.parse(path=path, format=RDF_FORMATS[fmt], rename_blank_nodes=True):
            name = quad.graph_name
            if isinstance(name, ox.DefaultGraph):
                if target is None:
                    raise DocumentError(
                        f"{path}: it has triples outside any named graph; give the graph for them with --graph"
                    )
                name = target
                quad = ox.Quad(quad.subject, quad.predicate, quad.object, target)
            elif not isinstance(name, ox.NamedNode):
                raise DocumentError(f"{path}: a graph named by a blank node ({name}) cannot be stored")
            groups.setdefault(name, []).append(quad)
    except SyntaxError as e:
        raise DocumentError(f"{path} is not valid {fmt}: {e}") from e
    except OSError as e:
        raise DocumentError(f"cannot read {path}: {e}") from e
    for name, quads in groups.items():
        out.setdefault(URIRef(name.value), []).extend(quads)


def load_files(
    store: QuadStore,
    paths: Sequence[Path],
    *,
    fmt: str | None = None,
    graph: str | None = None,
    bulk: bool = False,
    minter: IriMinter | None = None,
) -> LoadReport:
    """Parse ``paths``, replace each named graph they hold (one transaction per graph, or the store's
    non-transactional bulk path with ``bulk``), then recompute the labels graph."""
    started = time.perf_counter()
    graphs = read_files(paths, fmt, graph)
    if not graphs:
        raise DocumentError("the files hold no triples: nothing to load")
    store.load_graphs(graphs, bulk=bulk)
    minter = minter or IriMinter.from_environment()
    labels = labels_graph_name(minter)
    store.replace_graph(labels, derive_labels(store, labels))
    sizes = {name: len(set(quads)) for name, quads in sorted(graphs.items())}
    return LoadReport(graphs=sizes, seconds=time.perf_counter() - started)
