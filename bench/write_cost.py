"""What one write to the embedded store costs as the store grows: a document's graph written again, dropped
and written anew — the writes ``rekg ingest`` makes per document, each with its generation mark and the index
beside the store (rows and statistics) kept up to date.

    python bench/write_cost.py STORE [STORE ...] [--repeat 7]

Each store is copied first (and its index brought to this rekg's version outside the timing), so the stores
given are not changed. Prints, per store, the median milliseconds of each kind of write.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from rekg.graph.store import open_store


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _a_document(raw: ox.Store) -> tuple[URIRef, list[ox.Quad]]:
    names = sorted(g.value for g in raw.named_graphs() if "/document/" in g.value)
    name = names[len(names) // 2]
    return URIRef(name), list(raw.quads_for_pattern(None, None, None, ox.NamedNode(name)))


def measure_in_place(directory: Path, repeat: int) -> dict[str, float]:
    """Median ms of each write to the store at ``directory``, over ``repeat`` rounds of: a document's graph
    written again, dropped, written anew (the store ends as it was)."""
    with open_store(directory) as store:
        name, quads = _a_document(store.oxigraph)  # type: ignore[attr-defined]
        store.load_graphs({name: quads})  # outside the timing: the index at this rekg's version
        again, dropped, anew = [], [], []
        for _ in range(repeat):
            again.append(timed(lambda: store.load_graphs({name: quads})))
            dropped.append(timed(lambda: store.drop_graph(name)))
            anew.append(timed(lambda: store.load_graphs({name: quads})))
    return {
        "quads in the graph": len(quads),
        "written again, ms": statistics.median(again) * 1000,
        "dropped, ms": statistics.median(dropped) * 1000,
        "written anew, ms": statistics.median(anew) * 1000,
    }


def measure(directory: Path, repeat: int) -> dict[str, float]:
    """:func:`measure_in_place` on a copy of the store."""
    with tempfile.TemporaryDirectory(dir=directory.parent, ignore_cleanup_errors=True) as scratch:
        copy = Path(scratch) / "store"
        shutil.copytree(directory, copy)
        return measure_in_place(copy, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stores", type=Path, nargs="+")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    for directory in args.stores:
        figures = measure(directory, args.repeat)
        print(directory, " ".join(f"{k}: {v:.1f}" for k, v in figures.items()), flush=True)


if __name__ == "__main__":
    main()
