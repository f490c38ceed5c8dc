"""Robustness of the server: updates and SERVICE refused, an expensive query stopped at the time limit while
cheap ones keep being answered, clean errors without tracebacks, and a hostile name that stays inert text
on every HTML page."""

from __future__ import annotations

import asyncio
import logging
import shutil
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvloop
from api_server import CHROMIUM, CHROMIUM_ARGS, serve_store
from rdflib import RDF, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from rekg.api.problems import BusyError
from rekg.api.sparql_exec import QueryJob
from rekg.api.sparql_pool import DIRECT_SEND_BYTES, ProcessRunner
from rekg.errors import QueryTimeoutError
from rekg.graph.store import open_store
from rekg.ontology import REK

TIMEOUT_S = 2.0
CHEAP = "SELECT ?s WHERE { ?s a <https://w3id.org/rekg/ontology#Mine> } LIMIT 3"
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_SENTENCE = "<script>alert(2)</script>是凉山稀土的子公司"
HOSTILE_IRI = "https://w3id.org/rekg/id/company/hostile"
LIANGSHAN = "https://w3id.org/rekg/id/company/liangshan-rare-earth"


@pytest.fixture(scope="module")
def client(built_store_dir: Path) -> Iterator[httpx.Client]:
    with (
        serve_store(built_store_dir, query_timeout_s=TIMEOUT_S) as url,
        httpx.Client(base_url=url, timeout=60) as http,
    ):
        yield http


def _count(client: httpx.Client) -> int:
    response = client.get("/sparql", params={"query": COUNT})
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize(
    "send",
    [
        lambda c: c.get("/sparql", params={"update": "CLEAR ALL"}),
        lambda c: c.post("/sparql", data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
        lambda c: c.post(
            "/sparql", content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"}
        ),
        lambda c: c.get("/sparql", params={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
        lambda c: c.post("/sparql", data={"query": "PREFIX x: <urn:x#>\nDELETE WHERE { ?s ?p ?o }"}),
        lambda c: c.post("/sparql", data={"query": "LOAD <http://example.org/data.ttl>"}),
    ],
)
def test_updates_are_refused(client: httpx.Client, send) -> None:  # type: ignore[no-untyped-def]
    before = _count(client)
    response = send(client)
    assert response.status_code == 403
    assert "read-only" in response.json()["error"]["message"]
    assert _count(client) == before


def test_service_to_other_hosts_is_refused(client: httpx.Client) -> None:
    query = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 403
    assert "SERVICE" in response.json()["error"]["message"]
    lowercase = client.post(
        "/sparql", data={"query": "select * where { service silent <http://x.invalid/> { ?s ?p ?o } }"}
    )
    assert lowercase.status_code == 403
    # The words inside strings and IRIs are not keywords: these are ordinary queries.
    harmless = 'SELECT ?s WHERE { ?s ?p "SERVICE insert delete" . FILTER(?p != <urn:x:service>) } LIMIT 1'
    assert client.get("/sparql", params={"query": harmless}).status_code == 200


def test_an_expensive_query_is_stopped_while_cheap_ones_are_answered(client: httpx.Client) -> None:
    outcome: dict[str, object] = {}

    def expensive() -> None:
        started = time.monotonic()
        outcome["response"] = client.get("/sparql", params={"query": EXPENSIVE})
        outcome["seconds"] = time.monotonic() - started

    worker = threading.Thread(target=expensive)
    worker.start()
    time.sleep(0.5)
    started = time.monotonic()
    cheap = client.get("/sparql", params={"query": CHEAP})
    assert cheap.status_code == 200 and time.monotonic() - started < TIMEOUT_S
    assert client.get("/api/lookup", params={"q": "凉山稀土"}).status_code == 200
    worker.join(60)
    response = outcome["response"]
    assert isinstance(response, httpx.Response)
    assert response.status_code == 503
    assert "time limit" in response.json()["error"]["message"]
    assert TIMEOUT_S <= float(outcome["seconds"]) < TIMEOUT_S + 15  # type: ignore[arg-type]
    # The stopped worker was replaced: the endpoint keeps answering, and keeps its limit.
    for _ in range(3):
        assert client.get("/sparql", params={"query": CHEAP}).status_code == 200
    assert client.post("/sparql", data={"query": EXPENSIVE}).status_code == 503


# -- the pool of query workers, driven from the event loop ---------------------------------------------------

LOOPS: dict[str, Callable[[Coroutine[Any, Any, None]], None]] = {"asyncio": asyncio.run, "uvloop": uvloop.run}


def _marked(marker: str, padding: int = 0) -> QueryJob:
    return QueryJob(
        f'SELECT ?x WHERE {{ BIND("{marker}" AS ?x) }}' + (" #" + "x" * padding if padding else "")
    )


@pytest.fixture(scope="module")
def runner(built_store_dir: Path) -> Iterator[ProcessRunner]:
    pool = ProcessRunner(str(built_store_dir), workers=1, timeout_s=TIMEOUT_S)
    try:
        pool.warm()
        yield pool
    finally:
        pool.close()


@pytest.mark.parametrize("loop", LOOPS)
def test_queued_requests_each_get_their_own_answer(runner: ProcessRunner, loop: str) -> None:
    async def scenario() -> None:
        jobs = [_marked(f"m{i}") for i in range(6)] + [_marked("long", padding=DIRECT_SEND_BYTES)]
        answers = await asyncio.gather(*(runner.run_async(job) for job in jobs))  # one worker: they queue
        for i, answer in enumerate(answers[:-1]):
            assert f'"m{i}"'.encode() in answer.body
        assert b'"long"' in answers[-1].body  # written to the worker from a thread, read back the same way
        assert b'"sync"' in (await asyncio.to_thread(runner.run, _marked("sync"))).body

    LOOPS[loop](scenario())


@pytest.mark.parametrize("loop", LOOPS)
def test_a_request_given_up_leaves_its_answer_behind(runner: ProcessRunner, loop: str) -> None:
    async def scenario() -> None:
        abandoned = asyncio.create_task(runner.run_async(_marked("abandoned")))
        await asyncio.sleep(0)  # the job is with the worker now
        abandoned.cancel()
        waiting = asyncio.create_task(runner.run_async(_marked("waiting")))
        await asyncio.sleep(0)  # queued for the worker
        waiting.cancel()
        answer = await runner.run_async(_marked("next"))
        assert b'"next"' in answer.body and b"abandoned" not in answer.body

    LOOPS[loop](scenario())


def test_a_runaway_query_is_stopped_even_when_nobody_waits_for_it(
    runner: ProcessRunner, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> None:
        with caplog.at_level(logging.WARNING, logger="rekg.api"):
            runaway = asyncio.create_task(runner.run_async(QueryJob(EXPENSIVE)))
            await asyncio.sleep(0.3)
            runaway.cancel()
            await asyncio.sleep(TIMEOUT_S)
        assert "stopped after" in caplog.text
        with pytest.raises(BusyError, match="stopped lately"):  # the same runaway again: refused at once
            await runner.run_async(QueryJob(EXPENSIVE))
        with pytest.raises(QueryTimeoutError):  # another one runs, and is stopped at the limit
            await runner.run_async(QueryJob(EXPENSIVE + " # again"))
        assert b'"fresh"' in (await runner.run_async(_marked("fresh"))).body  # by a new worker

    uvloop.run(scenario())


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/lookup?q=%E5%87%89&limit=abc", 422),
        ("/api/lookup?q=", 422),
        ("/api/lookup?q=x&type=spaceship", 400),
        ("/api/entities/company/no-such-company", 404),
        ("/api/entities/company/..%2F..%2Fetc", 404),
        ("/id/company/%3Cscript%3E", 404),
        ("/api/network?focus=nobody-at-all-xyz&depth=9", 422),
        ("/api/path?from=https://example.org/nobody&to=凉山稀土", 404),
        ("/no/such/page", 404),
    ],
)
def test_errors_are_clean_json(client: httpx.Client, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.json()["error"]["status"] == status
    assert response.json()["error"]["message"]
    assert "Traceback" not in response.text and 'File "' not in response.text


def test_a_huge_query_is_refused(client: httpx.Client) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 120_000
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 400
    assert "longer than" in response.json()["error"]["message"]


def test_error_pages_for_browsers_escape_what_they_echo(client: httpx.Client) -> None:
    response = client.get("/api/entities/company/%3Cb%3E", headers={"Accept": "text/html"})
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    page = client.get("/search", params={"q": HOSTILE}, headers={"Accept": "text/html"})
    assert HOSTILE not in page.text and "&lt;img src=x onerror=alert(1)&gt;" in page.text


# -- a hostile name in the graph ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_url(built_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the built store with an entity named like an HTML injection, linked to 凉山稀土."""
    target = tmp_path_factory.mktemp("hostile") / "store"
    shutil.copytree(built_store_dir, target)
    entity, document, assertion = (
        URIRef(HOSTILE_IRI),
        URIRef(HOSTILE_IRI + "-doc"),
        URIRef(HOSTILE_IRI + "-a"),
    )
    graph = Graph()
    graph.add((entity, RDF.type, REK.Company))
    for language in ("zh-Hans", "en"):
        graph.add((entity, SKOS.prefLabel, Literal(HOSTILE, lang=language)))
    graph.add((entity, SKOS.altLabel, Literal(HOSTILE + "公司", lang="zh-Hans")))
    graph.add((entity, REK.stockCode, Literal(HOSTILE)))
    graph.add((entity, REK.subsidiaryOf, URIRef(LIANGSHAN)))
    graph.add((document, RDF.type, REK.SourceDocument))
    graph.add((document, DCTERMS.title, Literal(HOSTILE)))
    for p, o in [(RDF.type, REK.Assertion), (RDF.subject, entity), (RDF.predicate, REK.subsidiaryOf),
                 (RDF.object, URIRef(LIANGSHAN)), (REK.sourceDocument, document), (REK.evidence, Literal(HOSTILE_SENTENCE))]:  # fmt: skip
        graph.add((assertion, p, o))
    with open_store(target) as store:
        store.add_graph(document, graph)
    with serve_store(target) as url:
        yield url


HTML_PAGES = [
    "/",
    "/search?q=%3Cimg",
    "/id/company/hostile",
    "/id/company/liangshan-rare-earth",
    "/graph?focus=https%3A%2F%2Fw3id.org%2Frekg%2Fid%2Fcompany%2Fhostile&depth=2",
    "/path?from=https%3A%2F%2Fw3id.org%2Frekg%2Fid%2Fcompany%2Fhostile&to=%E5%87%89%E5%B1%B1%E7%A8%80%E5%9C%9F",
    "/path?from=%3Cimg%20onerror%3E&to=%E5%87%89%E5%B1%B1%E7%A8%80%E5%9C%9F",  # the hostile name as "did you mean"
    "/sparql?query=SELECT%20%3Fx%20WHERE%20%7B%20%3Fx%20%3Fp%20%22%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%22%20%7D",
    "/id/company/hostile-doc",
    "/docs",
]


def test_hostile_name_is_escaped_in_every_html_page(hostile_url: str) -> None:
    with httpx.Client(base_url=hostile_url, timeout=60, headers={"Accept": "text/html"}) as http:
        entity = http.get("/api/entities/company/hostile", headers={"Accept": "application/json"}).json()
        assert entity["labels"]["en"] == HOSTILE  # stored and served as data, unchanged
        for path in HTML_PAGES:
            page = http.get(path)
            assert page.status_code == 200, path
            assert page.headers["content-type"].startswith("text/html")
            assert "<img src=x" not in page.text, path
            assert "<script>alert(2)" not in page.text, path
            assert "script-src 'self'" in page.headers["content-security-policy"]
        text = http.get("/id/company/hostile").text
        assert "&lt;img src=x onerror=alert(1)&gt;" in text
        assert "&lt;script&gt;alert(2)&lt;/script&gt;" in http.get("/id/company/liangshan-rare-earth").text


def test_a_hostile_name_offered_as_did_you_mean_is_escaped(hostile_url: str) -> None:
    with httpx.Client(base_url=hostile_url, timeout=60) as http:
        missing = http.get("/api/path", params={"from": "<img onerror>", "to": "凉山稀土"})
        assert missing.status_code == 404
        offered = missing.json()["error"]["suggestions"]
        assert offered[0]["iri"] == HOSTILE_IRI and offered[0]["labels"]["en"] == HOSTILE  # data, unchanged
        for path, params in (("/graph", {"focus": "<img onerror>"}), ("/search", {"q": "<img onerror>"})):
            page = http.get(path, params=params, headers={"Accept": "text/html"})
            assert "Did you mean" in page.text, path
            assert "<img src=x" not in page.text, path
            assert "&lt;img src=x onerror=alert(1)&gt;" in page.text, path


@pytest.mark.browser
def test_hostile_name_is_inert_in_a_browser(hostile_url: str) -> None:
    from playwright.sync_api import sync_playwright

    dialogs: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in HTML_PAGES:
            page.goto(hostile_url + path)
            page.wait_for_load_state("networkidle")
            assert page.locator("img[src='x']").count() == 0, path
        page.goto(hostile_url + "/id/company/hostile")
        assert page.get_by_role("heading", name=HOSTILE).count() == 1
        page.goto(hostile_url + HTML_PAGES[4])
        page.wait_for_function("iri => window.rekg && window.rekg.nodes.get(iri)", arg=HOSTILE_IRI)
        assert page.evaluate("iri => window.rekg.nodes.get(iri).label", HOSTILE_IRI) == HOSTILE
        page.evaluate("iri => window.rekg.showPanel(iri)", HOSTILE_IRI)
        page.wait_for_selector("#panel:not([hidden]) h2")
        assert page.inner_text("#panel h2") == HOSTILE
        page.fill("#graph-search", "<img")
        page.wait_for_selector(".suggestions li")
        assert page.locator("img[src='x']").count() == 0
        page.wait_for_timeout(300)
        browser.close()
    assert dialogs == []
