"""Runaway queries do not hold the endpoint (issue 12, point 5): over a real uvicorn server, ordinary queries
keep being answered while two runaways run to the time limit, and while ten arrive at once (all but two of
those are stopped once they run long, with a 503 and Retry-After)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from api_server import serve_store

TIMEOUT_S = 8.0
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # some 10^12 rows to count
ORDINARY = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


@pytest.fixture(scope="module")
def base_url(built_store_dir: Path) -> Iterator[str]:
    settings = {"query_timeout_s": TIMEOUT_S, "long_query_s": 0.5, "long_queries": 2, "queue_wait_s": 4.0}
    with serve_store(built_store_dir, **settings) as url:
        yield url


def ask(base_url: str, query: str) -> tuple[int, float, httpx.Headers]:
    started = time.perf_counter()
    with httpx.Client(base_url=base_url, timeout=60) as client:
        response = client.get("/sparql", params={"query": query})
    return response.status_code, time.perf_counter() - started, response.headers


def ordinary_answers(base_url: str, count: int) -> list[tuple[int, float]]:
    return [ask(base_url, ORDINARY)[:2] for _ in range(count)]


@pytest.mark.slow
@pytest.mark.parametrize("runaways", [2, 10])
def test_ordinary_queries_are_answered_while_runaways_run(base_url: str, runaways: int) -> None:
    assert ask(base_url, ORDINARY)[0] == 200  # warm
    with ThreadPoolExecutor(runaways) as pool:
        started = time.perf_counter()
        running = [pool.submit(ask, base_url, RUNAWAY) for _ in range(runaways)]
        time.sleep(1.0)
        answers = ordinary_answers(base_url, 8)
        during = time.perf_counter() - started
        outcomes = [future.result() for future in running]
    assert during < TIMEOUT_S, "the ordinary queries were answered while the runaways ran"
    assert [status for status, _ in answers] == [200] * 8, answers
    stopped = [(status, headers) for status, _, headers in outcomes if status == 503]
    assert len(stopped) == runaways, "every runaway is stopped, at the time limit or once it runs long"
    refused_early = [h for status, took, h in outcomes if status == 503 and took < TIMEOUT_S - 1]
    assert len(refused_early) >= runaways - 2, "beyond two, runaways are stopped once they run long"
    assert all(h["retry-after"] for h in refused_early)
    assert max(took for _, took in answers[2:]) < 2.0, answers


def test_a_query_stopped_lately_is_refused_at_once_for_a_while() -> None:
    from rekg.api.problems import BusyError
    from rekg.api.sparql_exec import QueryJob
    from rekg.api.sparql_pool import StoppedQueries

    stopped = StoppedQueries(seconds=0.3, size=2)
    runaway, other = QueryJob(RUNAWAY), QueryJob(ORDINARY)
    stopped.check(runaway)
    stopped.remember(runaway)
    with pytest.raises(BusyError, match="stopped lately for running too long"):
        stopped.check(runaway)
    stopped.check(other)  # only that query
    stopped.check(QueryJob(RUNAWAY, default_graph_uris=("urn:g",)))  # on another dataset it is another query
    time.sleep(0.35)
    stopped.check(runaway)  # forgiven
    for i in range(3):
        stopped.remember(QueryJob(f"{RUNAWAY} # {i}"))
    stopped.check(QueryJob(f"{RUNAWAY} # 0"))  # the oldest is forgotten past the size
