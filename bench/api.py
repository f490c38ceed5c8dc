"""Endpoint latency against the same calls in-process, measured in one run.

    python bench/api.py [--store DIR] [--rounds N]

Starts ``rekg serve`` on a free 127.0.0.1 port over the store (building one from the bundled seeds into a
temporary directory when there is none), then times lookups and five SPARQL queries (worked examples of the
query page) both over HTTP and in-process on the same store, and prints p50 / p99 and their ratios. Goal:
HTTP ≤ 2× in-process at p50. Apart from those, a point lookup (the labels of one entity), which the server
answers in its own process (:mod:`rekg.api.sparql_inline`), is timed the same way.

The HTTP client is :class:`HttpConnection`, a plain HTTP/1.1 client over one keep-alive TCP connection
(Nagle off): it writes each request in one send and reads the status line, the headers and a body of the
length the server states, and nothing more, as load tools such as ``wrk`` do. What it measures is the
server's cost, not a client library's: httpx or ``http.client`` parse headers in Python at some 0.1–0.5 ms
a response on this machine, more than a short query takes. The footer gives the floor through httpx too.

Like is compared with like: each in-process call makes the very bytes the server sends (checked once per row),
each side makes its call ready once (the job in-process, the request's bytes over HTTP), and the two sides take
turns call by call, so both see the same load on the machine. Below the table: the server's event loop and
HTTP parser, and the floor, ``ASK {}`` over HTTP: what any request costs here, broken down into HTTP itself
(uvicorn serving a bare ASGI app, :func:`bare_app`), the hop to a query worker (timed in-process through the
server's pool) and the endpoint's own work; a query shorter than that fixed cost cannot be within 2×, nor a
point lookup shorter than HTTP itself.
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import uvloop
from rich.console import Console
from rich.table import Table

from rekg.api.entities import Describer
from rekg.api.examples import examples
from rekg.api.routes_lookup import json_bytes, lookup_json
from rekg.api.sparql_exec import QueryJob, execute
from rekg.api.sparql_pool import ProcessRunner
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
#: The five queries of the goal: worked examples of the query page, as people run them.
GOAL_EXAMPLES = {
    "sparql: ownership chain of 凉山稀土": ("ownership-chain", "json"),
    "sparql: mines and operators": ("mines-operators", "json"),
    "sparql: entity counts": ("entity-counts", "json"),
    "sparql: ownership evidence": ("evidence-ownership", "json"),
    "sparql: ownership CONSTRUCT": ("ownership-graph", "turtle"),
}
#: A point lookup (one triple pattern, its subject given), answered in the server's own process: shown apart,
#: below the floor of what any request costs over HTTP here.
POINT_LOOKUP = sparql_prefixes() + (
    "SELECT ?label WHERE { <https://w3id.org/rekg/id/company/liangshan-rare-earth> skos:prefLabel ?label }"
)


def goal_queries() -> dict[str, tuple[str, str]]:
    by_id = {example.id: example.query for example in examples()}
    return {name: (by_id[example_id], fmt) for name, (example_id, fmt) in GOAL_EXAMPLES.items()}


FLOOR = "ASK {}"
ACCEPT = {"json": "application/sparql-results+json", "turtle": "text/turtle"}
console = Console()
Row = tuple[str, list[float], list[float]]


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def raise_for_status(self) -> Reply:
        if not 200 <= self.status < 300:
            raise SystemExit(f"the server answered {self.status}: {self.body[:200]!r}")
        return self


class HttpConnection:
    """A plain HTTP/1.1 client over one keep-alive TCP connection (see the module's description)."""

    def __init__(self, host: str, port: int) -> None:
        self._address = (host, port)
        self._host = f"Host: {host}:{port}\r\n".encode("ascii")
        self._socket = self._connect()
        self._buffer = b""

    def _connect(self) -> socket.socket:
        connection = socket.create_connection(self._address)
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection

    def close(self) -> None:
        self._socket.close()

    def _fill(self) -> None:
        chunk = self._socket.recv(1 << 16)
        if not chunk:
            raise SystemExit("the server closed the connection")
        self._buffer += chunk

    def prepare(
        self, method: str, target: str, headers: dict[str, str] | None = None, body: bytes = b""
    ) -> bytes:
        """A request as the bytes that go out, made once for calls that repeat it (see :meth:`send`)."""
        lines = [f"{method} {target} HTTP/1.1\r\n".encode("latin-1"), self._host]
        lines += [f"{name}: {value}\r\n".encode("latin-1") for name, value in (headers or {}).items()]
        if body or method == "POST":
            lines.append(b"Content-Length: %d\r\n" % len(body))
        return b"".join([*lines, b"\r\n", body])

    def send(self, request: bytes) -> Reply:
        """Send a prepared request and read its answer: the status line, the headers, the body by its length."""
        self._socket.sendall(request)
        while (end := self._buffer.find(b"\r\n\r\n")) < 0:
            self._fill()
        head, self._buffer = self._buffer[:end].decode("latin-1"), self._buffer[end + 4 :]
        status_line, *fields = head.split("\r\n")
        received = {}
        for field in fields:
            name, _, value = field.partition(":")
            received[name.lower()] = value.strip()
        if "content-length" not in received:  # the server states every length; anything else is a surprise
            raise SystemExit(f"{request[:60]!r}…: an answer without Content-Length")
        length = int(received["content-length"])
        while len(self._buffer) < length:
            self._fill()
        content, self._buffer = self._buffer[:length], self._buffer[length:]
        if received.get("connection", "").lower() == "close":
            self._socket.close()
            self._socket = self._connect()
        return Reply(int(status_line.split(" ", 2)[1]), received, content)

    def get(self, path: str, params: dict[str, object]) -> bytes:
        """A GET of ``path`` with ``params`` in its query string, prepared."""
        return self.prepare("GET", f"{path}?{urlencode(params)}")

    def post_form(self, path: str, accept: str, **fields: str) -> bytes:
        """A POST of an ``application/x-www-form-urlencoded`` body, prepared."""
        headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
        return self.prepare("POST", path, headers, urlencode(fields).encode("ascii"))


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
    return _started(command, port, "/api/stats")


def start_bare_server(port: int) -> subprocess.Popen[bytes]:
    """uvicorn serving :func:`bare_app`, with the settings ``rekg serve`` gives it (uvicorn's defaults)."""
    folder = str(Path(__file__).resolve().parent)
    command = [sys.executable, "-m", "uvicorn", "--app-dir", folder, "api:bare_app", "--port", str(port)]
    return _started([*command, "--log-level", "warning"], port, "/")


def _started(command: list[str], port: int, probe: str) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped while starting")
        try:
            if httpx.get(f"http://127.0.0.1:{port}{probe}", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start in time")


#: The answer to ``ASK {}`` in JSON, as the endpoint gives it (checked in :func:`measure`).
ASK_ANSWER = b'{"head": {}, "boolean": true}'


async def bare_app(scope: dict[str, Any], receive: Callable[[], Any], send: Callable[[Any], Any]) -> None:
    """A bare ASGI app: reads the request and answers ``ASK {}``'s bytes, nothing else. Timed over HTTP like
    the endpoint, it is the part of the floor that HTTP itself costs here (server, client, kernel)."""
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            await send({"type": message["type"] + ".complete"})
            if message["type"] == "lifespan.shutdown":
                return
    while (await receive()).get("more_body"):
        pass
    headers = [
        (b"content-type", b"application/sparql-results+json"),
        (b"content-length", b"%d" % len(ASK_ANSWER)),
    ]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": ASK_ANSWER})


def server_stack(pid: int) -> str:
    """The event loop and HTTP parser the server process loaded (read from /proc, so Linux only)."""
    try:
        maps = Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return "unknown"
    loop = "uvloop" if "/uvloop/" in maps else "asyncio"
    parser = "httptools" if "/httptools/" in maps else "h11"
    return f"{loop} + {parser}"


@dataclass(frozen=True)
class Floor:
    """``ASK {}``: in-process, over HTTP with the bench's client, and what that is made of: HTTP alone (a bare
    app), the hop to a query worker (in-process, through the same pool), and httpx for comparison."""

    local: list[float]
    remote: list[float]
    bare: list[float]
    hop: list[float]
    httpx: list[float]


def measure(store_dir: str, rounds: int) -> tuple[list[Row], Row, Floor, str]:
    port = free_port()
    server = start_server(store_dir, port)
    rows: list[Row] = []
    http = HttpConnection("127.0.0.1", port)
    try:
        with open_store(store_dir, read_only=True) as store:
            index = NameIndex.from_store(store)
            describer = Describer(
                store, EntityGraph.from_store(store), Vocabulary.load(), IriMinter(get_settings().base)
            )
            rows.append(_lookups(index, describer, http, rounds))
            for name, (query, fmt) in goal_queries().items():
                rows.append(_sparql(name, store, http, query, fmt, rounds))
            point = _sparql(
                "sparql: labels of one entity (point lookup)", store, http, POINT_LOOKUP, "json", rounds
            )
            _, local, remote = _sparql("ASK {}", store, http, FLOOR, "json", rounds)
            if execute(store, QueryJob(FLOOR)).body != ASK_ANSWER:
                raise SystemExit("the bare app's answer is not the endpoint's")
            httpx_floor = _httpx_floor(port, rounds)
            stack = server_stack(server.pid)
            http.close()
            server.terminate()
            server.wait(30)
            floor = Floor(local, remote, _bare(rounds), _hop(store_dir, store, rounds), httpx_floor)
    finally:
        http.close()
        if server.poll() is None:
            server.terminate()
            server.wait(30)
    return rows, point, floor, stack


def _bare(rounds: int) -> list[float]:
    port = free_port()
    server = start_bare_server(port)
    http = HttpConnection("127.0.0.1", port)
    try:
        request = http.post_form("/sparql", ACCEPT["json"], query=FLOOR)
        _same("bare app", ASK_ANSWER, http.send(request))
        return timings(lambda: None, lambda: http.send(request), rounds)[1]
    finally:
        http.close()
        server.terminate()
        server.wait(30)


def _hop(store_dir: str, store: QuadStore, rounds: int) -> list[float]:
    """``ASK {}`` through a pool of query workers like the server's, awaited on uvloop as the server awaits
    it, in turn with the in-process call (whose time is taken off: what is left is the hop)."""
    runner = ProcessRunner(store_dir, workers=1, timeout_s=get_settings().query_timeout_s)
    job = QueryJob(FLOOR)

    async def hops() -> list[float]:
        times: list[float] = []
        for round_ in range(rounds + 5):
            execute(store, job)
            started = time.perf_counter()
            await runner.run_async(job)
            if round_ >= 5:
                times.append(time.perf_counter() - started)
        return times

    try:
        runner.warm()
        return uvloop.run(hops())
    finally:
        runner.close()


def _same(name: str, local: bytes, remote: Reply) -> None:
    remote.raise_for_status()
    if local != remote.body:
        raise SystemExit(
            f"{name}: the server's answer differs from the in-process one; they would not compare"
        )


def _lookups(index: NameIndex, describer: Describer, http: HttpConnection, rounds: int) -> Row:
    state = {"local": 0, "remote": 0}
    requests = {name: http.get("/api/lookup", {"q": name, "limit": 10}) for name in NAMES}

    def next_name(side: str) -> str:
        state[side] += 1
        return NAMES[state[side] % len(NAMES)]

    def body(name: str) -> bytes:
        return json_bytes(lookup_json(index, describer, name, None, 10))

    def local() -> None:
        body(next_name("local"))

    def remote() -> None:
        http.send(requests[next_name("remote")]).raise_for_status()

    for name in NAMES:
        _same(f"lookup {name}", body(name), http.send(requests[name]))
    return ("lookup (8 names in turn)", *timings(local, remote, rounds))


def _sparql(name: str, store: QuadStore, http: HttpConnection, query: str, fmt: str, rounds: int) -> Row:
    # Each side makes its call ready once, outside the timed calls: the job in-process, the request over HTTP.
    job = QueryJob(query, solutions_format="json", graph_format="turtle")
    request = http.post_form("/sparql", ACCEPT[fmt], query=query)

    def local() -> bytes:
        return execute(store, job).body

    def remote() -> Reply:
        return http.send(request)

    _same(name, local(), remote())
    return (name, *timings(local, lambda: remote().raise_for_status(), rounds))


def _httpx_floor(port: int, rounds: int) -> list[float]:
    """The floor once more through httpx (one keep-alive connection too): what a client library adds."""
    with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:

        def ask() -> None:
            client.post(
                "/sparql", data={"query": FLOOR}, headers={"Accept": ACCEPT["json"]}
            ).raise_for_status()

        return timings(lambda: None, ask, rounds)[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--store", help="store directory (default: $REKG_STORE or data/store; built if missing)"
    )
    parser.add_argument("--rounds", type=int, default=300, help="timed calls per row (default 300)")
    args = parser.parse_args()
    with bench_store(args.store) as store:
        rows, point, floor, stack = measure(store, args.rounds)
    console.print(_table("rekg API: lookups and five example queries (the goal: HTTP ≤ 2× at p50)", rows))
    ratios = [percentile(r, 0.5) / percentile(loc, 0.5) for _, loc, r in rows]
    console.print(
        f"median of the p50 ratios: {statistics.median(ratios):.2f}× (goal ≤ 2×); "
        f"rows within the goal: {sum(r <= 2 for r in ratios)}/{len(ratios)}"
    )
    console.print(_table("below the floor: a point lookup, answered in the server's own process", [point]))
    console.print(_floor_lines(floor, stack, [*rows, point], point))


def _table(title: str, rows: list[Row]) -> Table:
    table = Table(
        "call", "in-process p50", "p99", "HTTP p50", "p99", "HTTP/in-process p50", "p99", title=title
    )
    for name, local, remote in rows:
        lp50, lp99, rp50, rp99 = (
            percentile(v, q) for v, q in ((local, 0.5), (local, 0.99), (remote, 0.5), (remote, 0.99))
        )
        table.add_row(
            name, f"{lp50 * 1e3:.2f} ms", f"{lp99 * 1e3:.2f} ms", f"{rp50 * 1e3:.2f} ms", f"{rp99 * 1e3:.2f} ms",
            f"{rp50 / lp50:.2f}×", f"{rp99 / lp99:.2f}×",
        )  # fmt: skip
    return table


def _floor_lines(floor: Floor, stack: str, rows: list[Row], point: Row) -> str:
    """The floor, what it is made of, and the rows it keeps above the goal."""
    local, remote, bare, hop = (
        percentile(v, 0.5) for v in (floor.local, floor.remote, floor.bare, floor.hop)
    )
    fixed = remote - local
    point_fixed = percentile(point[2], 0.5) - percentile(point[1], 0.5)
    ms = "{:.2f} ms".format
    lines = [
        f"server: {stack}. floor: {FLOOR} takes {ms(local * 1e3)} in-process and {ms(remote * 1e3)} over HTTP "
        f"(p50): what a request costs before its query does. Of the fixed {ms(fixed * 1e3)}: HTTP itself "
        f"{ms(bare * 1e3)} (uvicorn answering a bare ASGI app, same client, same request); the hop to a query "
        f"worker {ms((hop - local) * 1e3)} (a separate process, so that the time limit can stop a query; timed "
        f"in-process through the same pool); the rest, {ms((fixed - bare - hop + local) * 1e3)}: the "
        f"endpoint's own reading and writing (headers included), and the two hops taken in a row, three "
        f"processes passing the request on, which neither part shows alone.",
    ]
    lines.append(
        f"A query sent to a worker is within 2× only if it takes longer in-process than that fixed "
        f"{ms(fixed * 1e3)}. A point lookup takes no hop, but pays HTTP itself ({ms(bare * 1e3)}) and the "
        f"endpoint's work: {ms(point_fixed * 1e3)} over its in-process time here, so it is within 2× only if "
        f"it takes longer than that."
    )
    short = [name for name, loc, r in rows if percentile(r, 0.5) > 2 * percentile(loc, 0.5)]
    if short:
        lines.append(f"over 2×: {', '.join(short)}.")
    lines.append(
        "client: the bench's own HTTP/1.1 over one keep-alive connection (see the module's description); "
        f"through httpx the floor is {ms(percentile(floor.httpx, 0.5) * 1e3)}."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
