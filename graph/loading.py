"""Loading RDF files into the store: every file is parsed first, then each named graph is written whole.

N-Quads and TriG keep their graphs; Turtle and N-Triples (graphs without names) go into the named graph the
caller gives. A graph that is loaded *replaces* the graph of that name in the store (as ``rekg ingest``
replaces a document's graph); a graph named in several files gets the triples of all of them. A file that
does not parse stops the load before anything is written. Afterwards the derived labels graph is recomputed.

With ``bulk`` (the embedded store) the quads are streamed into Oxigraph's bulk loader as they are parsed,
never all held, so ten million quads load in the memory of a few: into a store that has graphs the files are
read twice (first for the names of the graphs they replace); into an empty store once, and the store is
emptied again if a file does not parse.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from rekg.errors import DocumentError
from rekg.graph.iri import IriMinter
from rekg.graph.labels import labels_graph_name, mark_written, refresh_labels, refresh_pending
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


def _check(
    paths: Sequence[Path], fmt: str | None, graph: str | None
) -> tuple[list[str], ox.NamedNode | None]:
    """The format of each file, and the graph for triples outside any (required when there are any)."""
    target = _graph_node(graph) if graph is not None else None
    formats = []
    for path in paths:
        name = format_of(path, fmt)
        if name not in DATASET_FORMATS and target is None:
            raise DocumentError(
                f"{path}: {name} has no named graphs; give the graph to load it into with --graph"
            )
        formats.append(name)
    return formats, target


def read_files(paths: Sequence[Path], fmt: str | None = None, graph: str | None = None) -> GraphQuads:
    """Parse every file, grouped by named graph. ``graph``: where the triples of Turtle and N-Triples files
    (and those outside any graph in N-Quads and TriG) go; required when there are any. Blank nodes are
    renamed, so that two files (or a file and the store) never share one by accident."""
    formats, target = _check(paths, fmt, graph)
    groups: dict[ox.NamedNode, list[ox.Quad]] = {}
    for path, name in zip(paths, formats, strict=True):
        for quad in _quads(path, name, target):
            groups.setdefault(quad.graph_name, []).append(quad)  # type: ignore[arg-type]
    return {URIRef(name.value): quads for name, quads in groups.items()}


def _graph_node(graph: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(graph)
    except ValueError as e:
        raise DocumentError(f"--graph {graph!r} is not an absolute IRI: {e}") from e


def _quads(path: Path, fmt: str, target: ox.NamedNode | None) -> Iterator[ox.Quad]:
    """The quads of one file as they are parsed, each in a named graph (``target`` for those outside any)."""
    if not path.is_file():
        raise DocumentError(f"no file at {path}")
    try:
        for quad in ox.parse(path=path, format=RDF_FORMATS[fmt], rename_blank_nodes=True):
            name = quad.graph_name
            if isinstance(name, ox.DefaultGraph):
                if target is None:
                    raise DocumentError(
                        f"{path}: it has triples outside any named graph; give the graph for them with --graph"
                    )
                quad = ox.Quad(quad.subject, quad.predicate, quad.object, target)
            elif not isinstance(name, ox.NamedNode):
                raise DocumentError(f"{path}: a graph named by a blank node ({name}) cannot be stored")
            yield quad
    except SyntaxError as e:
        raise DocumentError(f"{path} is not valid {fmt}: {e}") from e
    except OSError as e:
        raise DocumentError(f"cannot read {path}: {e}") from e


def _stream(store: QuadStore, paths: Sequence[Path], fmt: str | None, graph: str | None) -> dict[URIRef, int]:
    """The bulk path: the files streamed into the store's bulk loader as they are parsed, never all held."""
    formats, target = _check(paths, fmt, graph)

    def quads() -> Iterator[ox.Quad]:
        for path, name in zip(paths, formats, strict=True):
            yield from _quads(path, name, target)

    return store.bulk_load(quads)


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
    non-transactional bulk path with ``bulk``), then bring the labels graph up to date: for the entities the
    graphs name (marked pending first), or whole after ``bulk`` or when the files hold the labels graph."""
    started = time.perf_counter()
    minter = minter or IriMinter.from_environment()
    labels = labels_graph_name(minter)
    whole = bulk
    if bulk:
        sizes = _stream(store, paths, fmt, graph)
    else:
        graphs = read_files(paths, fmt, graph)
        whole = labels in graphs  # the labels graph loaded: derived again, whole
        if graphs and not whole:
            mark_written(store, labels, graphs)
        if graphs:
            store.load_graphs(graphs)
        sizes = {name: len(set(quads)) for name, quads in graphs.items()}
    if not sizes:
        raise DocumentError("the files hold no triples: nothing to load")
    if whole:
        refresh_labels(store, labels)
    else:
        refresh_pending(store, labels)
    sizes = dict(sorted(sizes.items()))
    return LoadReport(graphs=sizes, seconds=time.perf_counter() - started)
