"""Kill the writer with SIGKILL at many moments of its writes, then check that every graph is whole.

    python bench/kill.py [--kills N] [--build-kills M]

Two writes are tried, each many times on a fresh copy of the same store:

- ``ingest``: a store holding one document (the CREG report) is given a changed version of it; the write
  marks the entities it names pending in the labels graph, replaces the document's graph, then brings their
  labels up to date (the marks removed);
- ``build``: a store built under one IRI base is rebuilt under another, so that every graph of the build is
  written and every old one dropped.

Each trial starts the writer as a separate process and watches the store's files: a write shows on disk as
a write-ahead log that grows or a table file that appears. At the trial's chosen sign (the first, second …)
plus a chosen delay, the writer gets SIGKILL. The store is then opened and every graph compared with the
store before (old) and with the store an uninterrupted run leaves (new): each must be one or the other,
whole — a graph that is neither (empty, missing, half written) is counted as broken. Finally the write is
run again on the killed store, which must complete and leave the store an uninterrupted run leaves (for an
ingest: after one run or after two, since a second reading of a document knows the names the first taught).

The test suite runs a few kills of each (tests/test_crash_safety.py); this script runs many.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from rekg.ontology import REK
from rekg.seeds import DOCUMENTS_DIR

REKG = [sys.executable, "-m", "rekg.cli"]
_WAL = re.compile(r"^\d+\.log$")
DELAYS_S = (0.0, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05)
LEADS_S = (0.005, 0.02, 0.05, 0.1, 0.2, 0.4)

Snapshot = dict[str, frozenset[str]]
_PENDING = f"<{REK.labelsPending}>"


def snapshot(store: Path) -> Snapshot:
    """Every named graph of the store, as the set of its quads written out."""
    handle = ox.Store.read_only(str(store))
    try:
        out: dict[str, set[str]] = {}
        for quad in handle:
            out.setdefault(str(quad.graph_name), set()).add(str(quad))
        return {name: frozenset(quads) for name, quads in out.items()}
    finally:
        del handle


def _files(store: Path) -> dict[str, int]:
    sizes = {}
    for entry in os.scandir(store):
        try:
            sizes[entry.name] = entry.stat().st_size
        except FileNotFoundError:
            continue
    return sizes


def write_signs(before: dict[str, int], after: dict[str, int]) -> int:
    """How many commits show between two looks at the store's files: write-ahead logs that grew. (Opening a
    store also rewrites files — a new log, tables compacted — but adds nothing to a log.)"""
    return sum(1 for n, size in after.items() if _WAL.match(n) and size > before.get(n, 0))


def kill_at_sign(
    command: list[str], store: Path, sign: int, delay_s: float, env: dict[str, str]
) -> float | None:
    """Run ``command``; SIGKILL it ``delay_s`` after the ``sign``-th commit seen in ``store`` (``sign`` 0:
    ``delay_s`` after the start). The seconds from the start to the kill, or None if it finished first; with
    ``sign`` past the last commit, the seconds to the last commit seen (the run is not killed)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    seen, last, last_commit = 0, _files(store), None
    try:
        while process.poll() is None:
            now = _files(store)
            signs = write_signs(last, now)
            if signs:
                seen, last_commit = seen + signs, time.perf_counter() - started
            last = now
            if seen >= sign:
                if delay_s:
                    time.sleep(delay_s)
                process.send_signal(signal.SIGKILL)
                process.wait()
                return time.perf_counter() - started if process.returncode == -signal.SIGKILL else None
            time.sleep(0.0002)
        return last_commit if sign > seen else None
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@dataclass
class Tally:
    """What the kills left: per graph, the old version, the new one, or neither (broken)."""

    kills: int = 0
    finished_first: int = 0
    old: int = 0
    new: int = 0
    broken: list[str] = field(default_factory=list)
    reruns_completed: int = 0

    def add(self, other: Tally) -> None:
        self.kills += other.kills
        self.finished_first += other.finished_first
        self.old += other.old
        self.new += other.new
        self.broken += other.broken
        self.reruns_completed += other.reruns_completed


def judge(found: Snapshot, old: Snapshot, new: Snapshot, tally: Tally, label: str) -> None:
    """Count each graph of either version as old, new or broken (an absent graph is the version that lacks
    it; a graph in neither version is broken). The labels graph may also be the old one with the entities of
    the documents being written marked pending (its own transaction, before theirs: see rekg.graph.labels)."""
    for name in sorted({*old, *new, *found}):
        have = found.get(name)
        unmarked = None if have is None else frozenset(q for q in have if _PENDING not in q)
        if unmarked == old.get(name):
            tally.old += 1
        elif have == new.get(name):
            tally.new += 1
        else:
            size = len(have) if have is not None else "missing"
            tally.broken.append(
                f"{label}: {name} ({size}; old {len(old.get(name, ()))}, new {len(new.get(name, ()))})"
            )


@dataclass(frozen=True)
class Scenario:
    """A store before (``prepare``: commands with their environments) and the write to kill (``command``)."""

    name: str
    prepare: tuple[tuple[tuple[str, ...], dict[str, str]], ...]
    command: tuple[str, ...]
    env: dict[str, str]


def scenarios(work: Path) -> dict[str, Scenario]:
    report = (DOCUMENTS_DIR / "creg-csr-2024.zh.txt").read_text(encoding="utf-8")
    old_doc, new_doc = work / "v1" / "report.txt", work / "v2" / "report.txt"
    for path, text in (
        (old_doc, report),
        (new_doc, report.replace("凉山", "攀西").replace("稀土", "稀土金属")),
    ):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    old_base = {**env, "REKG_BASE": "https://example.org/rekg-before/"}
    return {
        "ingest": Scenario("ingest", ((("ingest", str(old_doc)), env),), ("ingest", str(new_doc)), env),
        "build": Scenario("build", ((("build",), old_base),), ("build",), env),
    }


def _run(arguments: tuple[str, ...], store: Path, env: dict[str, str]) -> None:
    subprocess.run([*REKG, *arguments, "--store", str(store)], env=env, check=True, capture_output=True)


def trials(scenario: Scenario, work: Path, kills: int) -> Tally:
    """``kills`` trials of one scenario, each on a fresh copy of its old store: half killed at a commit seen
    on disk (the first, second … plus a delay), half shortly before the first commit is due (as timed in an
    uninterrupted run, which watches the files the same way), while the writer prepares what it writes."""
    base = work / f"{scenario.name}-old"
    for arguments, env in scenario.prepare:
        _run(arguments, base, env)
    old = snapshot(base)
    reference = work / f"{scenario.name}-new"
    shutil.copytree(base, reference)
    command = [*REKG, *scenario.command, "--store", str(reference)]
    first_commit = kill_at_sign(command, reference, 10**9, 0.0, scenario.env) or 0.0
    new = snapshot(reference)
    # An ingest reads the names already in the store, its own document's among them: a second run over the
    # new store can find a little more than the first. A re-run after a kill may leave either.
    _run(scenario.command, reference, scenario.env)
    completed = (new, snapshot(reference))
    tally = Tally()
    for trial in range(kills):
        store = work / f"{scenario.name}-trial"
        shutil.rmtree(store, ignore_errors=True)
        shutil.copytree(base, store)
        if trial % 2 == 0:
            sign, delay = 1 + (trial // 2) % 4, DELAYS_S[(trial // 8) % len(DELAYS_S)]
            label = f"commit {sign} + {delay * 1000:g} ms"
        else:
            lead = LEADS_S[(trial // 2) % len(LEADS_S)]
            sign, delay, label = 0, max(0.0, first_commit - lead), f"{lead * 1000:g} ms before commit 1"
        command = [*REKG, *scenario.command, "--store", str(store)]
        if kill_at_sign(command, store, sign, delay, scenario.env) is not None:
            tally.kills += 1
            judge(snapshot(store), old, new, tally, f"{scenario.name}, {label}")
        else:
            tally.finished_first += 1
        _run(scenario.command, store, scenario.env)
        if snapshot(store) in completed:
            tally.reruns_completed += 1
        else:
            tally.broken.append(
                f"{scenario.name}: the re-run after trial {trial} left neither completed store"
            )
    return tally


def run(work: Path, kills: dict[str, int]) -> dict[str, Tally]:
    """``kills``: how many trials of each scenario (``ingest``, ``build``)."""
    known = scenarios(work)
    return {name: trials(known[name], work, count) for name, count in kills.items() if count}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=64, help="kills of an ingest (default 64)")
    parser.add_argument("--build-kills", type=int, default=32, help="kills of a build (default 32)")
    parser.add_argument(
        "--work", type=Path, default=None, help="a folder for the stores (default: a temporary one)"
    )
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as temporary:
        work = args.work or Path(temporary)
        results = run(work, {"ingest": args.kills, "build": args.build_kills})
    print(
        f"{'write':8} {'kills':>6} {'finished first':>15} {'graphs old':>11} {'graphs new':>11} {'broken':>7} {'re-runs ok':>11}"
    )
    for name, t in results.items():
        print(
            f"{name:8} {t.kills:6} {t.finished_first:15} {t.old:11} {t.new:11} {len(t.broken):7} {t.reruns_completed:11}"
        )
        for line in t.broken:
            print(f"  broken: {line}")


if __name__ == "__main__":
    main()
