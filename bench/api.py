"""Endpoint latency against the same calls in-process, measured in one run.

    python bench/api.py [--store DIR] [--rounds N]

Starts ``rekg serve`` on a free 127.0.0.1 port over the store (building one from the bundled seeds into a
temporary directory when there is none), then times lookups and five SPARQL queries both over HTTP (one
keep-alive connection) and in-process on the same store, and prints p50 / p99 and their ratios.
Goal: HTTP ≤ 2× in-process at p50.

Like is compared with like: each in-process call makes the very bytes the server sends (checked once per row),
and the two sides take turns call by call, so both see the same load on the machine. Below the table: the
server's event loop and HTTP parser, and the floor, ``ASK {}`` over HTTP: what any request costs here.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

from rekg.api.entities import Describer
from rekg.api.examples import examples
from rekg.api.routes_lookup import json_bytes, lookup_json
from rekg.api.sparql_exec import QueryJob, execute
from rekg.api.vocabulary import Vocabulary
from rekg.graph.iri import IriMinter
from rekg.graph.lookup import NameIndex
from rekg.graph.projection import EntityGraph
from rekg.graph.store import QuadStore, open_store
from rekg.ontology.vocabulary import sparql_prefixes
from rekg.settings import get_settings

NAMES = [
    "凉山稀土",
    "涼山稀土",
    "Liangshan",
    "liangshan xitu",
    "广晟有色",
    "中国稀土集团",
    "Chinalco",
    "牦牛坪稀土矿",
]
LABEL = sparql_prefixes() + (
    "SELECT ?label WHERE { <https://w3id.org/rekg/id/company/liangshan-rare-earth> skos:prefLabel ?label }"
)
QUERIES = {
    "sparql: labels of one entity": (LABEL, "json"),
    "sparql: mines and operators": (next(e.query for e in examples() if e.id == "mines-operators"), "json"),
    "sparql: entity counts": (next(e.query for e in examples() if e.id == "entity-counts"), "json"),
    "sparql: ownership evidence": (next(e.query for e in examples() if e.id == "evidence-ownership"), "json"),
    "sparql: ownership CONSTRUCT": (next(e.query for e in examples() if e.id == "ownership-graph"), "turtle"),
}
FLOOR = "ASK {}"
ACCEPT = {"json": "application/sparql-results+json", "turtle": "text/turtle"}
console = Console()
Row = tuple[str, list[float], list[float]]


def timings(
    local: Callable[[], object], remote: Callable[[], object], rounds: int, warmup: int = 5
) -> tuple[list[float], list[float]]:
    """Times of ``local`` and ``remote``, called in turn (which one goes first alternates)."""
    for _ in range(warmup):
        local()
        remote()
    times: tuple[list[float], list[float]] = ([], [])
    for round_ in range(rounds):
        for side in (0, 1) if round_ % 2 == 0 else (1, 0):
            call = (local, remote)[side]
            started = time.perf_counter()
            call()
            times[side].append(time.perf_counter() - started)
    return times


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def bench_store(path: str | None) -> Iterator[str]:
    """The store to measure: the given one, else $REKG_STORE or data/store, else one built for this run."""
    candidate = Path(path or os.environ.get("REKG_STORE", "data/store"))
    if candidate.is_dir():
        yield str(candidate)
        return
    from rekg.ingest.pipeline import build_from_seeds

    with tempfile.TemporaryDirectory(prefix="rekg-bench-") as folder:
        target = Path(folder) / "store"
        console.print(f"no store at {candidate}: building one from the seeds for this run …")
        with open_store(target) as store:
            build_from_seeds(store)
        yield str(target)


def start_server(store: str, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "rekg.cli", "serve", "--store", store, "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped while starting")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start in time")


def server_stack(pid: int) -> str:
    """The event loop and HTTP parser the server process loaded (read from /proc, so Linux only)."""
    try:
        maps = Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return "unknown"
    loop = "uvloop" if "/uvloop/" in maps else "asyncio"
    parser = "httptools" if "/httptools/" in maps else "h11"
    return f"{loop} + {parser}"


def measure(store_dir: str, rounds: int) -> tuple[list[Row], Row, str]:
    port = free_port()
    server = start_server(store_dir, port)
    rows: list[Row] = []
    try:
        with (
            open_store(store_dir, read_only=True) as store,
            httpx.Client(base_url=f"http://127.0.0.1:{port}") as http,
        ):
            index = NameIndex.from_store(store)
            describer = Describer(
                store, EntityGraph.from_store(store), Vocabulary.load(), IriMinter(get_settings().base)
            )
            rows.append(_lookups(index, describer, http, rounds))
            for name, (query, fmt) in QUERIES.items():
                rows.append(_sparql(name, store, http, query, fmt, rounds))
            floor = _sparql("ASK {}", store, http, FLOOR, "json", rounds)
        stack = server_stack(server.pid)
    finally:
        server.terminate()
        server.wait(30)
    return rows, floor, stack


def _same(name: str, local: bytes, remote: httpx.Response) -> None:
    remote.raise_for_status()
    if local != remote.content:
        raise SystemExit(
            f"{name}: the server's answer differs from the in-process one; they would not compare"
        )


def _lookups(index: NameIndex, describer: Describer, http: httpx.Client, rounds: int) -> Row:
    state = {"local": 0, "remote": 0}

    def next_name(side: str) -> str:
        state[side] += 1
        return NAMES[state[side] % len(NAMES)]

    def body(name: str) -> bytes:
        return json_bytes(lookup_json(index, describer, name, None, 10))

    def local() -> None:
        body(next_name("local"))

    def remote() -> None:
        http.get("/api/lookup", params={"q": next_name("remote"), "limit": 10}).raise_for_status()

    for name in NAMES:
        _same(f"lookup {name}", body(name), http.get("/api/lookup", params={"q": name, "limit": 10}))
    return ("lookup (8 names in turn)", *timings(local, remote, rounds))


def _sparql(name: str, store: QuadStore, http: httpx.Client, query: str, fmt: str, rounds: int) -> Row:
    job = QueryJob(query, solutions_format="json", graph_format="turtle")

    def local() -> bytes:
        return execute(store, job).body

    def remote() -> httpx.Response:
        return http.post("/sparql", data={"query": query}, headers={"Accept": ACCEPT[fmt]})

    _same(name, local(), remote())
    return (name, *timings(local, lambda: remote().raise_for_status(), rounds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--store", help="store directory (default: $REKG_STORE or data/store; built if missing)"
    )
    parser.add_argument("--rounds", type=int, default=300, help="timed calls per row (default 300)")
    args = parser.parse_args()
    with bench_store(args.store) as store:
        rows, floor, stack = measure(store, args.rounds)
    table = Table(
        "call", "in-process p50", "p99", "HTTP p50", "p99", "HTTP/in-process p50", "p99", title="rekg API"
    )
    for name, local, remote in rows:
        lp50, lp99, rp50, rp99 = (
            percentile(v, q) for v, q in ((local, 0.5), (local, 0.99), (remote, 0.5), (remote, 0.99))
        )
        table.add_row(
            name, f"{lp50 * 1e3:.2f} ms", f"{lp99 * 1e3:.2f} ms", f"{rp50 * 1e3:.2f} ms", f"{rp99 * 1e3:.2f} ms",
            f"{rp50 / lp50:.2f}×", f"{rp99 / lp99:.2f}×",
        )  # fmt: skip
    console.print(table)
    ratios = [percentile(r, 0.5) / percentile(loc, 0.5) for _, loc, r in rows]
    console.print(
        f"median of the p50 ratios: {statistics.median(ratios):.2f}× (goal ≤ 2×); "
        f"rows within the goal: {sum(r <= 2 for r in ratios)}/{len(ratios)}"
    )
    _, local, remote = floor
    console.print(
        f"server: {stack}. floor: {FLOOR} takes {percentile(local, 0.5) * 1e3:.2f} ms in-process and "
        f"{percentile(remote, 0.5) * 1e3:.2f} ms over HTTP (p50): what a request costs before its query does"
    )


if __name__ == "__main__":
    main()
