"""Ingest speed against the size of the store: `rekg ingest` of the bundled documents into a copy of each store
given, in characters per second of wall clock (the whole command: start-up, models, known names, reading,
writing, the labels graph) and of CPU time (steadier on a shared machine), with one or more rekg
installations taking turns — the same store, copied afresh before every run, for each installation in a
round before the next round starts, so that what else the machine runs falls on all alike. The 1-minute load
average is noted before and after each run.

    python bench/ingest_size.py STORE... [--rekg BIN_DIR ...] [--rounds N] [--work DIR]

``--rekg``: the folders holding the ``rekg`` commands to compare (default: this one's), e.g. a worktree of the
commit before a change and one after. Stores are made by ``rekg synth --quads N`` and ``rekg load --bulk``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Run:
    seconds: float  # wall clock
    cpu: float  # user + system seconds of the command and its children
    load: tuple[float, float]  # 1-minute load average before and after


def ingest_once(rekg: Path, store: Path, work: Path) -> Run:
    """One ingest into a fresh copy of ``store``."""
    copy = work / "ingest-size-copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(store, copy)
    os.sync()  # the copy's pages written out now, not during the run timed
    load = os.getloadavg()[0]
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [str(rekg / "rekg"), "ingest", str(DOCUMENTS_DIR), "--store", str(copy)]
    subprocess.run(command, check=True, capture_output=True)
    seconds = time.perf_counter() - started
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    shutil.rmtree(copy, ignore_errors=True)
    cpu = now.ru_utime - used.ru_utime + now.ru_stime - used.ru_stime
    return Run(seconds, cpu, (load, os.getloadavg()[0]))


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
    runs: dict[tuple[Path, Path], list[Run]] = {}
    for round_ in range(args.rounds):
        for store in args.stores:
            for rekg in args.rekg:
                run = ingest_once(rekg, store, args.work)
                runs.setdefault((store, rekg), []).append(run)
                print(f"round {round_ + 1} {store} {rekg}: {characters / run.seconds:,.0f} characters/s "
                      f"({run.seconds:.1f} s, CPU {run.cpu:.1f} s, load {run.load[0]:.1f} → {run.load[1]:.1f})",
                      flush=True)  # fmt: skip
    print(f"\n{characters:,} characters; characters per second of wall clock and of CPU time, slowest–fastest "
          f"of {args.rounds} rounds (1-minute load average)")  # fmt: skip
    for store in args.stores:
        cells = []
        for rekg in args.rekg:
            wall = sorted(characters / run.seconds for run in runs[store, rekg])
            cpu = sorted(characters / run.cpu for run in runs[store, rekg])
            loads = [load for run in runs[store, rekg] for load in run.load]
            cells.append(f"{rekg}: {wall[0]:,.0f}–{wall[-1]:,.0f}, CPU {cpu[0]:,.0f}–{cpu[-1]:,.0f} "
                         f"(load {min(loads):.1f}–{max(loads):.1f})")  # fmt: skip
        print(f"{store_quads(store):,} quads | " + " | ".join(cells))


if __name__ == "__main__":
    main()
