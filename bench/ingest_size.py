"""Ingest speed against the size of the store: `rekg ingest` of the bundled documents into a copy of each store
given, in characters per second (wall clock of the whole command: start-up, models, known names, reading,
writing, the labels graph), with one or more rekg installations taking turns — the same store, copied afresh
before every run, for each installation in a round before the next round starts, so that what else the
machine runs falls on all alike. The 1-minute load average is noted before and after each run.

    python bench/ingest_size.py STORE... [--rekg BIN_DIR ...] [--rounds N] [--work DIR]

``--rekg``: the folders holding the ``rekg`` commands to compare (default: this one's), e.g. a worktree of the
commit before a change and one after. Stores are made by ``rekg synth --quads N`` and ``rekg load --bulk``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from rekg.graph.index_store import IndexStore
from rekg.seeds import DOCUMENTS_DIR

BIN = Path(sys.executable).parent


def seed_characters() -> int:
    """The characters of the bundled documents (as the growth bench counts them)."""
    documents = [p for p in DOCUMENTS_DIR.rglob("*") if p.is_file() and p.suffix in {".txt", ".md", ".html"}]
    return sum(len(p.read_text(encoding="utf-8")) for p in documents)


def store_quads(store: Path) -> int:
    index = IndexStore.beside(store)
    try:
        return int(str(index.query("SELECT COALESCE(SUM(quads), 0) FROM graphs")[0][0]))
    finally:
        index.close()


def ingest_once(rekg: Path, store: Path, work: Path) -> tuple[float, float, float]:
    """Seconds of one ingest into a fresh copy of ``store``, and the load average before and after."""
    copy = work / "ingest-size-copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(store, copy)
    load = os.getloadavg()[0]
    started = time.perf_counter()
    subprocess.run(
        [str(rekg / "rekg"), "ingest", str(DOCUMENTS_DIR), "--store", str(copy)],
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - started
    after = os.getloadavg()[0]
    shutil.rmtree(copy, ignore_errors=True)
    return seconds, load, after


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("stores", nargs="+", type=Path)
    parser.add_argument("--rekg", nargs="+", type=Path, default=[BIN])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp"))
    args = parser.parse_args()
    characters = seed_characters()
    runs: dict[tuple[Path, Path], list[tuple[float, float, float]]] = {}
    for round_ in range(args.rounds):
        for store in args.stores:
            for rekg in args.rekg:
                run = ingest_once(rekg, store, args.work)
                runs.setdefault((store, rekg), []).append(run)
                print(f"round {round_ + 1} {store} {rekg}: {characters / run[0]:,.0f} characters/s "
                      f"({run[0]:.1f} s, load {run[1]:.1f} → {run[2]:.1f})", flush=True)  # fmt: skip
    print(
        f"\n{characters:,} characters; characters/s, slowest–fastest of {args.rounds} rounds (load average)"
    )
    for store in args.stores:
        cells = []
        for rekg in args.rekg:
            speeds = sorted(characters / seconds for seconds, _, _ in runs[store, rekg])
            loads = [load for _, before, after in runs[store, rekg] for load in (before, after)]
            cells.append(
                f"{rekg}: {speeds[0]:,.0f}–{speeds[-1]:,.0f} (load {min(loads):.1f}–{max(loads):.1f})"
            )
        print(f"{store_quads(store):,} quads | " + " | ".join(cells))


if __name__ == "__main__":
    main()
