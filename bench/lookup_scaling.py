"""Lookup latency on stores of every size, alone: what ``bench/growth.py`` measures of lookups, without the rest.

    python bench/lookup_scaling.py STORE… [--rounds N] [--json FILE] [--no-http]

For each store (made by ``rekg synth --quads N`` and ``rekg load --bulk``): the queries of ``bench/growth.py``
(probe names, names of the graph, whole and cut short) looked up through the server's stored name index

- **cold**: each query once, in a new index on the store (nothing read before; the operating system's page
  cache as it is) — p50 / p99 / max;
- **warm**: after that, each query ``--rounds`` times — p50 / p99, as ``bench/growth.py`` reports them, and
  the p50 of the CPU time of the thread (less moved by other work on a shared machine than the wall clock);
- **over HTTP**: ``rekg serve`` on the store, ``/api/lookup`` asked each query (after one warm-up) — p50 / p99.

``--json`` writes the top ten of every query (IRI, score, how it matched): two runs, before and after a change,
compare with ``--compare A B`` (how many queries have the same first hit, the same ten, the same scores).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
from growth import BIN, free_port, lookup_names, p50, p99, timed, wait_for
from rich.console import Console

from rekg.graph.index_store import open_index
from rekg.graph.name_index_store import StoredNameIndex
from rekg.graph.store import open_store

console = Console(width=200)


def in_process(
    store_dir: Path, rounds: int
) -> tuple[list[str], dict[str, list[float]], dict[str, list[list]]]:
    with open_store(store_dir, read_only=True) as store:
        index = open_index(store)
        names = StoredNameIndex(index)
        queries = lookup_names(names)
        cold = []
        for q in queries:
            started = time.perf_counter()
            names.find(q)
            cold.append(time.perf_counter() - started)
        warm, cpu = [], []
        for _ in range(rounds):
            for q in queries:
                started, used = time.perf_counter(), time.thread_time()
                names.find(q)
                warm.append(time.perf_counter() - started)
                cpu.append(time.thread_time() - used)
        answers = {
            q: [[hit.iri, round(hit.score, 1), hit.match] for hit in names.lookup(q, limit=10)]
            for q in queries
        }
        index.close()
    return queries, {"cold": cold, "warm": warm, "cpu": cpu}, answers


def over_http(store_dir: Path, queries: list[str]) -> list[float]:
    port = free_port()
    server = subprocess.Popen([str(BIN / "rekg"), "serve", "--store", str(store_dir), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{url}/api/stats", server)
        with httpx.Client(timeout=60) as client:
            ask = client.get
            return [t for q in queries for t in timed(lambda q=q: ask(f"{url}/api/lookup", params={"q": q}).raise_for_status(), 2)]  # fmt: skip
    finally:
        server.terminate()
        server.wait()


def compare(before: Path, after: Path) -> None:
    old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (before, after))
    by_size = {store.rsplit("-", 1)[-1]: answers for store, answers in new.items()}  # store-1000000, after-…
    for store, a in old.items():
        b = by_size.get(store.rsplit("-", 1)[-1])
        if b is None:
            continue
        shared = [q for q in a if q in b]
        first = sum((a[q][:1] == b[q][:1]) or (not a[q] and not b[q]) for q in shared)
        ten = sum([h[0] for h in a[q]] == [h[0] for h in b[q]] for q in shared)
        same = sum(a[q] == b[q] for q in shared)
        hits = [
            q for q in shared if [h[:2] for h in a[q] if h[1] >= 75] != [h[:2] for h in b[q] if h[1] >= 75]
        ]
        console.print(
            f"{store}: {len(shared)} queries; same first candidate {first}, same ten {ten}, identical {same}; "
            f"hits differ for {len(hits)} {hits[:8]}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stores", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--compare", nargs=2, type=Path)
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
        return
    answers: dict[str, dict[str, list[list]]] = {}
    for store_dir in args.stores:
        load = os.getloadavg()[0]
        queries, times, answers[store_dir.name] = in_process(store_dir, args.rounds)
        cold, warm, cpu = times["cold"], times["warm"], times["cpu"]
        line = (
            f"{store_dir.name}: load {load:.1f}; cold p50 {p50(cold):.2f} p99 {p99(cold):.1f} max "
            f"{max(cold) * 1000:.1f} ms; warm p50 {p50(warm):.2f} p99 {p99(warm):.1f} ms, CPU p50 {p50(cpu):.2f} ms"
        )
        if not args.no_http:
            http = over_http(store_dir, queries)
            line += f"; HTTP p50 {p50(http):.2f} p99 {p99(http):.1f} ms"
        console.print(line, highlight=False)
    if args.json:
        args.json.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
