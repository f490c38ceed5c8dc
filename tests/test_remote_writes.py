"""Writes to a SPARQL server (``oxigraph serve`` and Virtuoso, started here): the generation mark every write
moves, where it shows and where it does not, and writes that fail half-way or whose server is killed leave
each graph whole, old or new (on Virtuoso through its staging graph; see the README's "External stores")."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from api_server import serve_store
from rdflib import Graph, Literal, Namespace, URIRef
from sparql_servers import SparqlServer, server_of, virtuoso_missing, virtuoso_server

from rekg.errors import StoreError
from rekg.graph import remote
from rekg.graph.remote import MARK, RemoteStore
from rekg.graph.store import open_store
from rekg.graph.terms import to_ox_quads

EX = Namespace("http://example.org/")
G1, G2, G3 = EX.g1, EX.g2, EX.g3

#: Triples in each test graph: more than one ``INSERT DATA`` block, so that a graph half written would show.
SIZE = 2500


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SparqlServer]:
    with server_of(request.param, tmp_path_factory.mktemp(request.param)) as running:
        yield running


def triples(word: str, size: int = SIZE) -> Graph:
    graph = Graph()
    for i in range(size):
        graph.add((EX[f"s{i}"], EX.label, Literal(f"{word} {i}", lang="zh-Hans")))
    return graph


def held(store: RemoteStore, name: URIRef) -> set[tuple[object, object, object]]:
    return {(s, p, o) for s, p, o, _ in store.quads(name)}


@pytest.fixture
def writer(server: SparqlServer) -> Iterator[RemoteStore]:
    store = open_store(server.writer)
    assert isinstance(store, RemoteStore)
    for name in store.graph_names():
        store.drop_graph(name)
    try:
        yield store
    finally:
        store.close()


# ---- the generation mark -----------------------------------------------------------------------------------


def test_every_write_moves_the_mark_another_client_reads(server: SparqlServer, writer: RemoteStore) -> None:
    writes = {
        "add": lambda: writer.add_graph(G1, triples("加")),
        "replace": lambda: writer.replace_graph(G1, triples("换")),
        "load": lambda: writer.load_graphs({G2: list(to_ox_quads(G2, triples("载")))}),
        "drop": lambda: writer.drop_graph(G2),
    }
    with open_store(server.reader, read_only=True) as reader:
        seen = [reader.generation()]
        for write in writes.values():
            write()
            seen.append(reader.generation())
        assert len(set(seen)) == len(seen), seen  # each write moved it, to a mark never seen before
        assert all(mark.token for mark in seen[1:])
        assert writer.generation() == seen[-1]
        assert reader.generation() == seen[-1]  # reading it changes nothing


def test_the_mark_is_in_no_graph_list_count_or_export(server: SparqlServer, writer: RemoteStore) -> None:
    """Graph lists, counts, quads (what exports and the index read) never show the mark; a query over the union
    sees it on Oxigraph's server only (its default graph), never on Virtuoso."""
    writer.replace_graph(G1, triples("一", 3))
    assert writer.graph_names() == [G1]
    assert writer.counts().quads == 3 and set(writer.counts().graphs) == {G1}
    assert {quad[3] for quad in writer.quads()} == {G1}
    subjects = [row[0] for row in writer.query("SELECT ?s WHERE { ?s ?p ?o }")]  # type: ignore[index]
    assert subjects.count(URIRef(MARK)) == (1 if server.name == "oxigraph" else 0)
    assert len(subjects) == 3 + subjects.count(URIRef(MARK))


#: A document naming a company, which ``rekg ingest`` writes into the server.
DOCUMENT = "# 远景稀土材料公司简介\n\n远景稀土材料有限公司是一家位于内蒙古自治区包头市的稀土企业。\n"
NEW_COMPANY = "远景稀土材料有限公司"

#: How long the API may take to notice a write (it polls the mark every 0.5 s and waits 1 s of quiet).
NOTICE_S = 60.0


def test_the_api_over_the_server_follows_what_another_process_writes(
    server: SparqlServer, writer: RemoteStore, tmp_path: Path
) -> None:
    """``rekg serve`` over the server, and ``rekg ingest`` run as another process into the same server: the write
    moves the generation mark, and the app reopens every view (lookups, statistics) on the new data."""
    writer.replace_graph(G1, triples("一", 3))
    document = tmp_path / "company.zh.md"
    document.write_text(DOCUMENT, encoding="utf-8")

    def top_label(url: str) -> str | None:
        hits = httpx.get(f"{url}/api/lookup", params={"q": NEW_COMPANY}, timeout=30).json()["hits"]
        return hits[0]["labels"].get("zh-Hans") if hits else None

    before = writer.generation()
    with serve_store(server.reader) as url:
        assert top_label(url) is None
        assert httpx.get(f"{url}/api/stats", timeout=30).json()["quads"] == 3
        rekg = str(Path(sys.executable).with_name("rekg"))
        command = [rekg, "ingest", str(document), "--root", str(tmp_path), "--store", server.writer]
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
        assert writer.generation() != before
        deadline = time.monotonic() + NOTICE_S
        while top_label(url) != NEW_COMPANY and time.monotonic() < deadline:
            time.sleep(0.5)
        assert top_label(url) == NEW_COMPANY
        assert httpx.get(f"{url}/api/stats", timeout=30).json()["quads"] > 3


# ---- writes that fail half-way --------------------------------------------------------------------------------


class FailingStore(RemoteStore):
    """A store whose update for one graph fails half-way through its operations (after the first of its three
    blocks of new triples): an error the server meets in the middle of a request, which it cannot see coming
    when it reads it."""

    def __init__(self, url: str, victim: URIRef) -> None:
        super().__init__(url)
        self._victim = victim

    def _replacement(self, name: URIRef, quads: Iterable[ox.Quad]) -> str:
        operations = super()._replacement(name, quads).split(" ;\n")
        if name == self._victim:
            first_block = next(i for i, op in enumerate(operations) if op.startswith("INSERT DATA"))
            operations.insert(first_block + 1, "DROP GRAPH <urn:x-rekg:test:no-such-graph>")
        return " ;\n".join(operations)


OLD = {G1: triples("旧一"), G2: triples("旧二"), G3: triples("旧三")}
NEW = {G1: triples("新一"), G2: triples("新二"), G3: triples("新三")}


def _write_old(writer: RemoteStore) -> None:
    writer.load_graphs({name: list(to_ox_quads(name, graph)) for name, graph in OLD.items()})


def _load_new(store: RemoteStore) -> None:
    with pytest.raises(StoreError, match="refused to write"):
        store.load_graphs({name: list(to_ox_quads(name, graph)) for name, graph in NEW.items()})


def test_a_request_failing_half_way_leaves_each_graph_whole(
    server: SparqlServer, writer: RemoteStore
) -> None:
    """Three graphs in one request, the second failing half-way. Oxigraph's server: the request is one
    transaction, nothing changed (the mark neither). Virtuoso keeps what a request did before an error: the
    first graph is new, whole; the second, whose new triples were only staged, and the third are old, whole."""
    _write_old(writer)
    before = writer.generation()
    with FailingStore(server.writer.removeprefix("sparql+"), victim=G2) as failing:
        _load_new(failing)
    after = {name: held(writer, name) for name in OLD}
    if server.name == "oxigraph":
        assert after == {name: set(graph) for name, graph in OLD.items()}
        assert writer.generation() == before
    else:
        assert after == {G1: set(NEW[G1]), G2: set(OLD[G2]), G3: set(OLD[G3])}
        assert writer.generation() != before  # it moved with the first graph
    assert writer.graph_names() == sorted(OLD)  # no staging graph shows


def test_a_batch_failing_leaves_the_batches_before_it_written(
    server: SparqlServer, writer: RemoteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One graph per request (a small batch size): the second request fails half-way, the first graph is new
    and whole, the second and third (never sent) old and whole, on either server."""
    monkeypatch.setattr(remote, "BATCH_BYTES", 1)
    _write_old(writer)
    with FailingStore(server.writer.removeprefix("sparql+"), victim=G2) as failing:
        _load_new(failing)
    assert {name: held(writer, name) for name in OLD} == {
        G1: set(NEW[G1]),
        G2: set(OLD[G2]),
        G3: set(OLD[G3]),
    }


# ---- Virtuoso killed during a write ------------------------------------------------------------------------


def test_virtuoso_killed_after_or_during_a_write_keeps_the_graph_whole(tmp_path: Path) -> None:
    """Virtuoso killed (SIGKILL) and started again on the same database: right after a graph was rewritten with
    mostly the same triples, it holds the new graph (a quad deleted and inserted again in one transaction would
    not survive its recovery: the write touches only the quads that differ); killed while a large replacement
    is under way, the graph as it was, whole (it keeps nothing of a request it had not finished)."""
    if reason := virtuoso_missing():
        pytest.skip(reason)
    name = EX.large
    old, large = triples("旧", 10_000), triples("新", 60_000)
    rewritten = Graph()  # the same but for its last 100 triples
    for s, p, o in old:
        changed = int(str(o).split()[1]) >= 9_900
        rewritten.add((s, p, Literal(str(o).replace("旧", "改"), lang="zh-Hans") if changed else o))
    failures: list[StoreError] = []

    def replace(location: str) -> None:
        with open_store(location) as store:
            try:
                store.replace_graph(name, large)
            except StoreError as e:
                failures.append(e)

    with virtuoso_server(tmp_path / "db") as running, open_store(running.writer) as store:
        store.replace_graph(name, old)
        store.replace_graph(name, rewritten)
        os.kill(running.pid, signal.SIGKILL)
    with virtuoso_server(tmp_path / "db") as running:
        with open_store(running.writer) as store:
            assert held(store, name) == set(rewritten)  # type: ignore[arg-type]
        writing = threading.Thread(target=replace, args=(running.writer,))
        writing.start()
        threading.Event().wait(1.0)  # the request is being read and applied (it takes several seconds)
        os.kill(running.pid, signal.SIGKILL)
        writing.join(timeout=60)
    assert failures, "the write was over before the server was killed: nothing was tested"
    with virtuoso_server(tmp_path / "db") as again, open_store(again.writer) as store:
        assert held(store, name) == set(rewritten)  # type: ignore[arg-type]
        assert store.graph_names() == [name]
