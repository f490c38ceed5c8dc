"""Many clients at once: mixed lookups, entity pages and SPARQL against ``rekg serve`` on 127.0.0.1.

    python bench/load.py [--clients 50] [--seconds 30] [--runaways K] [--store DIR]

Starts the server (over the given store, or one built from the bundled seeds), then runs ``--clients``
clients for ``--seconds`` seconds, each sending one request after another, picked in turn from a mix: lookups
by name in every script, autocomplete, entity pages (HTML and JSON), ownership trees, the query page's worked
examples and point lookups over SPARQL. With ``--runaways K``, K more clients send nothing but queries that
would run for ever, for the whole run: what the other clients see then is what the pool's long-query lane is
for. Prints throughput, p50 / p99 per kind of request and every error (any status but 200, or a failed
connection; the runaways' own 503s are counted apart). Goal: 0 errors at 50 clients.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field

import httpx
from rich.console import Console
from rich.table import Table

from api import bench_store, free_port, start_server
from rekg.api.examples import examples

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
NAMES = [
    "凉山稀土",
    "涼山稀土",
    "Liangshan",
    "liangshan xitu",
    "广晟有色",
    "北方稀土",
    "中国稀土集团",
    "中铝",
    "lsxt",
    "赣州",
]
console = Console()
SECONDS = [0.0]  # the run's length, for the clients' clocks


def mix() -> list[tuple[str, str, dict[str, str], dict[str, str]]]:
    """(kind, path, params, headers) of every request the clients take turns at."""
    requests = [("lookup", "/api/lookup", {"q": name}, {}) for name in NAMES]
    requests += [("suggest", "/api/suggest", {"q": name[:2]}, {}) for name in NAMES[:4]]
    for path in ("/id/company/liangshan-rare-earth", "/id/group/china-rare-earth-group"):
        requests.append(("page", path, {}, {"Accept": "text/html"}))
        requests.append(("entity", path, {}, {"Accept": "application/json"}))
    requests.append(("ownership", "/api/entities/company/liangshan-rare-earth/ownership", {}, {}))
    for example in examples():
        requests.append(
            (
                "sparql",
                "/sparql",
                {"query": example.query},
                {"Accept": "application/sparql-results+json, text/turtle;q=0.9"},
            )
        )
    point = "SELECT ?p ?o WHERE { <https://w3id.org/rekg/id/company/liangshan-rare-earth> ?p ?o }"
    requests.append(("point", "/sparql", {"query": point}, {}))
    return requests


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    error_times: list[float] = field(default_factory=list)  # seconds into the run
    runaway_statuses: dict[int, int] = field(default_factory=lambda: defaultdict(int))


async def client(base: str, deadline: float, start: int, tally: Tally) -> None:
    requests = mix()
    origin = deadline - SECONDS[0]
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        for kind, path, params, headers in itertools.islice(itertools.cycle(requests), start, None):
            if time.monotonic() >= deadline:
                return
            began = time.perf_counter()
            try:
                response = await http.get(path, params=params, headers=headers)
            except httpx.HTTPError as e:
                tally.errors.append(f"{kind} {path}: {type(e).__name__}")
                tally.error_times.append(time.monotonic() - origin)
                continue
            tally.latencies[kind].append(time.perf_counter() - began)
            if response.status_code != 200:
                tally.errors.append(f"{kind} {path}: HTTP {response.status_code} {response.text[:120]}")
                tally.error_times.append(time.monotonic() - origin)


async def runaway(base: str, deadline: float, tally: Tally) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=120) as http:
        while time.monotonic() < deadline:
            response = await http.get("/sparql", params={"query": RUNAWAY})
            tally.runaway_statuses[response.status_code] += 1


async def load(base: str, clients: int, seconds: float, runaways: int) -> tuple[Tally, float]:
    tally = Tally()
    SECONDS[0] = seconds
    deadline = time.monotonic() + seconds
    started = time.perf_counter()
    tasks = [client(base, deadline, i * 7, tally) for i in range(clients)]
    tasks += [runaway(base, deadline, tally) for _ in range(runaways)]
    await asyncio.gather(*tasks)
    return tally, time.perf_counter() - started


def report(tally: Tally, elapsed: float, clients: int, runaways: int) -> None:
    table = Table(
        "requests",
        "count",
        "p50 ms",
        "p99 ms",
        title=f"{clients} clients, {runaways} runaways, {elapsed:.0f} s",
    )
    everything: list[float] = []
    for kind, values in sorted(tally.latencies.items()):
        everything += values
        table.add_row(kind, str(len(values)), *_percentiles(values))
    table.add_row("[bold]all[/]", str(len(everything)), *_percentiles(everything))
    console.print(table)
    when = (
        f" (from {min(tally.error_times):.1f} s to {max(tally.error_times):.1f} s into the run)"
        if tally.error_times
        else ""
    )
    console.print(
        f"throughput: {len(everything) / elapsed:.1f} requests/s; errors: {len(tally.errors)}{when}"
    )
    if runaways:
        statuses = ", ".join(f"HTTP {s}: {n}" for s, n in sorted(tally.runaway_statuses.items()))
        console.print(f"runaway queries answered: {statuses}")
    for line in tally.errors[:20]:
        console.print(f"  error: {line}", highlight=False)


def _percentiles(values: list[float]) -> tuple[str, str]:
    if not values:
        return "–", "–"
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    return f"{statistics.median(ordered) * 1000:.1f}", f"{p99 * 1000:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (1–500)")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long (1–600 s)")
    parser.add_argument("--runaways", type=int, default=0, help="clients sending only runaway queries (0–50)")
    parser.add_argument(
        "--store", help="the store to serve (default: data/store, else one built for the run)"
    )
    args = parser.parse_args()
    clients, seconds, runaways = (
        max(1, min(args.clients, 500)),
        max(1.0, min(args.seconds, 600.0)),
        max(0, min(args.runaways, 50)),
    )
    with bench_store(args.store) as store:
        port = free_port()
        server = start_server(store, port)
        try:
            tally, elapsed = asyncio.run(load(f"http://127.0.0.1:{port}", clients, seconds, runaways))
        finally:
            server.terminate()
            server.wait(30)
    report(tally, elapsed, clients, runaways)


if __name__ == "__main__":
    main()
