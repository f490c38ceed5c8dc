"""How rekg grows: load, start-up, lookups, SPARQL, writes and ingest on synthetic graphs of 10k to 10M quads.

    python bench/growth.py [--sizes 10000,100000,1000000,10000000] [--work DIR] [--repeat N] [--out bench/RESULTS.md]

For each size: ``rekg synth`` writes the graph, ``rekg load --bulk`` loads it into a new store (timed: parsing,
writing, the labels graph and the index beside the store; the peak resident memory of both commands), then

- the store's size on disk (Oxigraph's files and the index beside them);
- ``rekg serve``: seconds from the command to the first answer of ``/api/stats``, and the resident memory of
  the server (its own process, and with its query workers);
- lookups (the probe names of ``tests/data/lookup_probe.json`` and names of the graph, whole and cut short):
  p50 / p99 in-process (the server's stored name index) and over HTTP (``/api/lookup``);
- five SPARQL queries — an ownership chain, a two-hop neighbourhood, a label search, a count by type, the
  evidence for a fact — p50 against ``rekg serve`` (``/sparql``), pyoxigraph queried directly, ``oxigraph
  serve-read-only`` on the same directory (both servers asked by the same HTTP client) and rdflib in memory
  (the N-Quads parsed into a Dataset; not above 1M quads);
- ``rekg ingest`` of the bundled documents into a copy of the store: characters per second (wall clock of
  the command, start-up, models and the labels graph derived again from the whole store included), with 1
  worker and — only if ``rekg ingest`` has ``-j`` — 2;
- one write to that copy (``bench/write_cost.py``): a document's graph written again, dropped and written
  anew, median ms — the store's transaction, its generation mark and the index (rows and statistics).

Goals (issue 16): ready in under 3 s and under 300 MB resident; lookup p50 within 2× of its 10k figure;
``/sparql`` at most 1.5× ``oxigraph serve`` at every size and at least 10× faster than rdflib at 1M. The
table is written to ``--out`` with the machine, the date and the commit.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox
from rich.console import Console
from write_cost import measure_in_place

from api import free_port
from rekg.graph.index_store import INDEX_FILE, open_index
from rekg.graph.name_index_store import StoredNameIndex
from rekg.graph.store import open_store
from rekg.seeds import DOCUMENTS_DIR

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
console = Console()
PREFIXES = """PREFIX rek: <https://w3id.org/rekg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
RELATIONS = "rek:subsidiaryOf rek:hasSubsidiary rek:shareholderOf rek:partnerOf rek:operates rek:operatedBy rek:supplies"


LOAD: list[float] = []  # the load average when the run began


@dataclass
class Figures:
    quads: int
    load_s: float = 0.0
    peak_mb: tuple[int, int] = (0, 0)  # synth, load
    store_mb: float = 0.0
    index_mb: float = 0.0
    start_s: float = 0.0
    rss_mb: int = 0
    rss_tree_mb: int = 0
    lookup_ms: tuple[float, float] = (0.0, 0.0)
    lookup_http_ms: tuple[float, float] = (0.0, 0.0)
    sparql_ms: dict[str, dict[str, float]] = field(default_factory=dict)  # engine -> query -> p50
    ingest_cps: dict[int, float] = field(default_factory=dict)  # workers -> characters per second
    write_ms: dict[str, float] = field(default_factory=dict)  # bench/write_cost.py


def timed(work: Callable[[], object], repeat: int, *, warm: bool = True) -> list[float]:
    if warm:
        work()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times


def p50(times: list[float]) -> float:
    return statistics.median(times) * 1000


def p99(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000


def resident_mb(pid: int) -> tuple[int, int]:
    """Resident memory of ``pid`` and of it with every process below it, in MB."""
    rows = [line.split() for line in subprocess.run(
        ["ps", "-A", "-o", "pid=,ppid=,rss="], capture_output=True, text=True, check=True).stdout.splitlines()]  # fmt: skip
    table = [(int(a), int(b), int(c)) for a, b, c in rows]
    tree, grown = {pid}, True
    while grown:
        grown = False
        for child, parent, _ in table:
            if parent in tree and child not in tree:
                tree.add(child)
                grown = True
    own = sum(rss for p, _, rss in table if p == pid)
    return own // 1024, sum(rss for p, _, rss in table if p in tree) // 1024


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 900) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.args} stopped while starting")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.05)
    raise SystemExit(f"{url} did not answer in time")


def directory_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


# -- the queries ------------------------------------------------------------------------------------------------


def pick(store: ox.Store) -> dict[str, str]:
    """Five queries over entities this graph has: the deepest-owned company, its parent, a name."""
    owned = next(iter(store.query(PREFIXES + """
        SELECT ?c ?p (COUNT(?up) AS ?depth) WHERE { ?c rek:subsidiaryOf ?p . ?c rek:subsidiaryOf+ ?up }
        GROUP BY ?c ?p ORDER BY DESC(?depth) ?c LIMIT 1""", use_default_graph_as_union=True)))  # type: ignore[arg-type]  # fmt: skip
    company, parent = owned["c"].value, owned["p"].value  # type: ignore[index, union-attr]
    label = next(iter(store.query(PREFIXES + f"SELECT ?l WHERE {{ <{company}> skos:prefLabel ?l }} ORDER BY ?l LIMIT 1",
                                  use_default_graph_as_union=True)))["l"].value  # type: ignore[index, union-attr, arg-type]  # fmt: skip
    part = label[1:4] if len(label) > 4 else label
    return {
        "ownership chain": PREFIXES + f"SELECT ?owner WHERE {{ <{company}> rek:subsidiaryOf+ ?owner }}",
        "two-hop neighbourhood": PREFIXES
        + f"""SELECT DISTINCT ?n WHERE {{
            VALUES ?p {{ {RELATIONS} }} VALUES ?q {{ {RELATIONS} }}
            {{ <{parent}> ?p ?m }} UNION {{ ?m ?p <{parent}> }}
            {{ ?m ?q ?n }} UNION {{ ?n ?q ?m }} }}""",
        "label search": PREFIXES
        + f'SELECT ?e ?l WHERE {{ ?e skos:prefLabel ?l FILTER(CONTAINS(?l, "{part}")) }}',
        "count by type": "SELECT ?type (COUNT(?e) AS ?n) WHERE { ?e a ?type } GROUP BY ?type",
        "evidence for a fact": PREFIXES
        + f"""SELECT ?doc ?sentence WHERE {{
            ?a rdf:subject <{company}> ; rdf:predicate rek:subsidiaryOf ; rdf:object <{parent}> ;
               rek:sourceDocument ?doc ; rek:evidence ?sentence }}""",
    }


#: rdflib runs in a process of its own, stopped after this many seconds: a query it has not answered by then
#: is shown as not answered.
RDFLIB_SECONDS = 300
RDFLIB_RUN = """
import json, sys, time
from rdflib import Dataset
dataset = Dataset(default_union=True)
dataset.parse(sys.argv[1], format="nquads")
print(json.dumps({"parsed": True}), flush=True)
for name, query in json.loads(sys.argv[2]).items():
    times = []
    for _ in range(int(sys.argv[3])):
        started = time.perf_counter()
        list(dataset.query(query))
        times.append(time.perf_counter() - started)
    print(json.dumps({name: sorted(times)[len(times) // 2] * 1000}), flush=True)
"""


def rdflib_figures(nquads: Path, queries: dict[str, str], repeat: int) -> dict[str, float]:
    """p50 of each query in rdflib, the N-Quads parsed into a Dataset; -1 for a query not answered before
    the child was stopped (:data:`RDFLIB_SECONDS`, parsing included)."""
    command = [sys.executable, "-c", RDFLIB_RUN, str(nquads), json.dumps(queries), str(repeat)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    found: dict[str, float] = {}
    try:
        child.wait(timeout=RDFLIB_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
    assert child.stdout is not None
    for line in child.stdout.read().splitlines():
        found.update({k: v for k, v in json.loads(line).items() if k != "parsed"})
    return {name: found.get(name, -1.0) for name in queries}


def over_http(client: httpx.Client, url: str, query: str) -> Callable[[], object]:
    def run() -> object:
        reply = client.get(
            url, params={"query": query}, headers={"Accept": "application/sparql-results+json"}
        )
        reply.raise_for_status()
        return reply.content

    return run


def sparql_figures(figures: Figures, store_dir: Path, nquads: Path, rekg_url: str, repeat: int) -> None:
    port = free_port()
    oxigraph = subprocess.Popen(
        [str(BIN / "oxigraph"), "serve-read-only", "--location", str(store_dir), "--union-default-graph",
         "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", oxigraph)
        raw = ox.Store.read_only(str(store_dir))
        queries = pick(raw)
        engines: dict[str, Callable[[str], Callable[[], object]]] = {}
        with httpx.Client(timeout=300) as client:
            engines["rekg serve /sparql"] = lambda q: over_http(client, f"{rekg_url}/sparql", q)
            engines["oxigraph serve"] = lambda q: over_http(client, f"http://127.0.0.1:{port}/query", q)
            engines["pyoxigraph"] = lambda q: lambda: list(raw.query(q, use_default_graph_as_union=True))  # type: ignore[arg-type]
            for engine, make in engines.items():
                figures.sparql_ms[engine] = {name: p50(timed(make(q), repeat)) for name, q in queries.items()}
        if figures.quads <= 1_100_000:
            figures.sparql_ms["rdflib (memory)"] = rdflib_figures(
                nquads, queries, 1 if figures.quads > 200_000 else 3
            )
    finally:
        oxigraph.terminate()
        oxigraph.wait()


# -- lookups ----------------------------------------------------------------------------------------------------


def lookup_names(index: StoredNameIndex) -> list[str]:
    probe = json.loads((ROOT / "tests" / "data" / "lookup_probe.json").read_text(encoding="utf-8"))
    names = [item["name"] for part in ("absent", "present") for item in probe[part]][:60]
    rows = index._index.query("SELECT DISTINCT label FROM labels ORDER BY label")
    mine = [str(row[0]) for row in rows[:: max(1, len(rows) // 40)]]
    return names + mine + [name[: max(2, len(name) // 2)] for name in mine]


def lookup_figures(figures: Figures, store_dir: Path, rekg_url: str) -> None:
    with open_store(store_dir, read_only=True) as store:
        index = open_index(store)
        names = StoredNameIndex(index)
        queries = lookup_names(names)
        for q in queries:
            names.find(q)  # warm: what the server has read once
        inside = [t for q in queries for t in timed(lambda q=q: names.find(q), 2)]
        index.close()
    with httpx.Client(timeout=60) as client:
        http = [t for q in queries for t in timed(lambda q=q: client.get(f"{rekg_url}/api/lookup", params={"q": q}).raise_for_status(), 2)]  # fmt: skip
    figures.lookup_ms = (p50(inside), p99(inside))
    figures.lookup_http_ms = (p50(http), p99(http))


# -- ingest -----------------------------------------------------------------------------------------------------


def ingest_has_workers() -> bool:
    help_text = subprocess.run([str(BIN / "rekg"), "ingest", "--help"], capture_output=True, text=True).stdout
    return " -j" in help_text or "--jobs" in help_text or "--workers" in help_text


def ingest_figures(figures: Figures, store_dir: Path, work: Path) -> None:
    documents = sorted(
        p for p in DOCUMENTS_DIR.rglob("*") if p.is_file() and p.suffix in {".txt", ".md", ".html"}
    )
    characters = sum(len(p.read_text(encoding="utf-8")) for p in documents)
    for workers in (1, 2) if ingest_has_workers() else (1,):
        copy = work / f"ingest-{workers}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(store_dir, copy)
        command = [str(BIN / "rekg"), "ingest", str(DOCUMENTS_DIR), "--store", str(copy)]
        if workers > 1:
            command += ["-j", str(workers)]
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        figures.ingest_cps[workers] = characters / (time.perf_counter() - started)
        if workers == 1:
            figures.write_ms = measure_in_place(copy, 7)
        shutil.rmtree(copy, ignore_errors=True)


# -- one size ---------------------------------------------------------------------------------------------------


def measure(quads: int, work: Path, repeat: int) -> Figures:
    figures = Figures(quads)
    nquads = work / f"synth-{quads}.nq"
    synth_mb = peak_mb([str(BIN / "rekg"), "synth", "--quads", str(quads), "--out", str(nquads)], work)
    store_dir = work / f"store-{quads}"
    shutil.rmtree(store_dir, ignore_errors=True)
    started = time.perf_counter()
    load_mb = peak_mb([str(BIN / "rekg"), "load", "--bulk", "--store", str(store_dir), str(nquads)], work)
    figures.load_s = time.perf_counter() - started
    figures.peak_mb = (synth_mb, load_mb)
    figures.index_mb = sum(f.stat().st_size for f in store_dir.glob(INDEX_FILE + "*")) / 1e6
    figures.store_mb = directory_mb(store_dir) - figures.index_mb
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen([str(BIN / "rekg"), "serve", "--store", str(store_dir), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{url}/api/stats", server)
        figures.start_s = time.perf_counter() - started
        time.sleep(1.0)
        figures.rss_mb, figures.rss_tree_mb = resident_mb(server.pid)
        console.print(f"{quads:,} quads: loaded in {figures.load_s:.1f} s, ready in {figures.start_s:.2f} s")
        lookup_figures(figures, store_dir, url)
        sparql_figures(figures, store_dir, nquads, url, repeat)
    finally:
        server.terminate()
        server.wait()
    ingest_figures(figures, store_dir, work)
    return figures


def peak_mb(command: list[str], work: Path) -> int:
    """Run ``command``; its peak resident memory in MB (GNU time's maximum resident set size)."""
    report = work / "peak.txt"
    subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", str(report), *command], check=True, capture_output=True
    )
    return int(report.read_text().split()[-1]) // 1024


# -- the report -------------------------------------------------------------------------------------------------


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())  # fmt: skip
    memory = next(
        line.split()[1]
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return f"{cpu}, {os.cpu_count()} CPUs, {int(memory) // 1024 // 1024} GB RAM, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def commit() -> str:
    """The commit measured (and whether files it tracks were changed)."""
    found = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, cwd=ROOT
    )
    return found.stdout.strip() + (" (with changes not committed)" if dirty.stdout.strip() else "")


def _least(f: Figures, queries: list[str]) -> str:
    rdflib, rekg = f.sparql_ms["rdflib (memory)"], f.sparql_ms["rekg serve /sparql"]
    answered = [rdflib[q] / rekg[q] for q in queries if rdflib[q] >= 0]
    missing = len(queries) - len(answered)
    return (f"{min(answered):.1f}" if answered else "—") + (
        f" ({missing} not answered by rdflib)" if missing else ""
    )


def _ms(value: float) -> str:
    return f"not answered in {RDFLIB_SECONDS} s" if value < 0 else f"{value:.2f}"


def report(results: list[Figures], measured: str) -> str:
    sizes = [f"{f.quads:,}" for f in results]
    lines = [
        f"# Growth: rekg at {', '.join(sizes)} quads",
        "",
        f"Machine: {machine()}. Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. Commit: {measured}.",
        f"Load average (1 min) when the run began and ended: {LOAD[0]:.1f}, {os.getloadavg()[0]:.1f} — the machine"
        " is shared: timings move with what else runs.",
        "Written by `python bench/growth.py` (see its docstring for what each row measures).",
        "",
        "| | " + " | ".join(sizes) + " |",
        "|---|" + "---:|" * len(results),
    ]

    def row(name: str, values: list[str]) -> None:
        lines.append(f"| {name} | " + " | ".join(values) + " |")

    row("load (`rekg load --bulk`), s", [f"{f.load_s:.1f}" for f in results])
    row(
        "peak resident memory, MB (`rekg synth` / `rekg load --bulk`)",
        [f"{f.peak_mb[0]} / {f.peak_mb[1]}" for f in results],
    )
    row("store on disk, MB (Oxigraph + index)", [f"{f.store_mb:.0f} + {f.index_mb:.0f}" for f in results])
    row("`rekg serve` ready, s", [f"{f.start_s:.2f}" for f in results])
    row(
        "resident memory, MB (server / with query workers)",
        [f"{f.rss_mb} / {f.rss_tree_mb}" for f in results],
    )
    row("lookup in-process p50 / p99, ms", [f"{f.lookup_ms[0]:.2f} / {f.lookup_ms[1]:.1f}" for f in results])
    row(
        "lookup over HTTP p50 / p99, ms",
        [f"{f.lookup_http_ms[0]:.2f} / {f.lookup_http_ms[1]:.1f}" for f in results],
    )
    for workers in (1, 2):
        row(f"ingest, characters/s ({workers} worker{'s' if workers > 1 else ''})",
            [f"{f.ingest_cps[workers]:,.0f}" if workers in f.ingest_cps else "—" for f in results])  # fmt: skip
    row("one write: a document's graph written again / dropped / written anew, ms",
        [" / ".join(f"{f.write_ms[k]:.1f}" for k in ("written again, ms", "dropped, ms", "written anew, ms"))
         if f.write_ms else "—" for f in results])  # fmt: skip
    engines = list(results[0].sparql_ms)
    queries = list(results[0].sparql_ms[engines[0]])
    for query in queries:
        for engine in engines:
            values = [_ms(f.sparql_ms[engine][query]) if engine in f.sparql_ms else "—" for f in results]
            row(f"SPARQL {query}: {engine}, ms p50", values)
    lines += [
        "",
        "— in the ingest rows: 2 workers only where `rekg ingest` has `-j` (not on this commit if the whole row"
        " is —). Ingest includes bringing the labels graph up to date: for the entities the run names (derived"
        " again from the whole store before the ingest-store-size branch; see bench/ingest_size.py)."
        " rdflib is asked up to 1.1M quads only.",
        "",
        "## Goals",
        "",
    ]
    base = results[0]
    for f in results:
        ratios = [f.sparql_ms["rekg serve /sparql"][q] / f.sparql_ms["oxigraph serve"][q] for q in queries]
        lines.append(
            f"- {f.quads:,} quads: ready {f.start_s:.2f} s (goal < 3), {f.rss_mb} MB (goal < 300); lookup p50 "
            f"{f.lookup_ms[0] / base.lookup_ms[0]:.1f}× the {base.quads:,} figure (goal ≤ 2); `/sparql` ÷ "
            f"`oxigraph serve` worst {max(ratios):.2f} (goal ≤ 1.5)"
            + (
                f"; rdflib ÷ `/sparql` least {_least(f, queries)} (goal ≥ 10 at 1M)"
                if "rdflib (memory)" in f.sparql_ms
                else ""
            )
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--work", type=Path, default=Path("/tmp/rekg-growth"))
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    measured_at = commit()
    LOAD.append(os.getloadavg()[0])
    results = [measure(int(size), args.work, args.repeat) for size in args.sizes.split(",")]
    text = report(results, measured_at)
    args.out.write_text(text, encoding="utf-8")
    console.print(text)


if __name__ == "__main__":
    main()
