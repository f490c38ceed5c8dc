"""The server answers before its query workers are up (issue 16: ready in under 3 s), and the workers' JSON
answers come straight from Oxigraph's terms.

- A query that comes before any worker has opened the store waits for one, within the pool's ``wait_s``; past
  it, the answer is a 503 with Retry-After that says the workers are still starting — never a hang.
- Over a real uvicorn server, ``/api/stats`` answers before the workers are up, and the first query sent at
  once is answered.
- The JSON results written from Oxigraph's terms are those rdflib writes, term for term.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest
import uvloop
from api_server import serve_store

from rekg.api.problems import BusyError
from rekg.api.sparql_exec import QueryJob
from rekg.api.sparql_pool import ProcessRunner
from rekg.errors import StoreError
from rekg.graph.results import serialize_solutions
from rekg.graph.store import QuadStore
from rekg.ontology.vocabulary import sparql_prefixes

ORDINARY = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def test_a_query_before_the_workers_are_up_waits_for_one(built_store_dir: Path) -> None:
    pool = ProcessRunner(str(built_store_dir), workers=1, timeout_s=30.0, wait_s=30.0, max_long=1)
    try:
        assert not pool._idle  # nothing is up yet: the workers start in a thread of their own
        answer = uvloop.run(pool.run_async(QueryJob(ORDINARY)))
        assert answer.count > 0
        pool.warm()
        assert len(pool._spares) == 1  # the spare started once the first worker was up
    finally:
        pool.close()


def test_a_query_that_waits_past_wait_s_for_the_first_worker_is_told_so(built_store_dir: Path) -> None:
    # a worker takes far longer than a millisecond to fork and open the store
    pool = ProcessRunner(str(built_store_dir), workers=1, timeout_s=30.0, wait_s=0.001, max_long=0)
    try:
        with pytest.raises(BusyError, match="still starting"):
            uvloop.run(pool.run_async(QueryJob(ORDINARY)))
        with pytest.raises(BusyError, match="still starting"):
            pool.run(QueryJob(ORDINARY))  # the blocking path too
        pool.warm()
        assert asyncio.run(pool.run_async(QueryJob(ORDINARY))).count > 0
    finally:
        pool.close()


def test_a_store_the_workers_cannot_open_is_said_plainly(tmp_path: Path) -> None:
    pool = ProcessRunner(str(tmp_path / "nothing-here"), workers=1, timeout_s=5.0, wait_s=0.5, max_long=0)
    try:
        with pytest.raises(StoreError, match="could not start") as raised:
            pool.warm()
        assert "no store at" in str(raised.value)
        with pytest.raises(StoreError, match="could not start"):
            uvloop.run(pool.run_async(QueryJob(ORDINARY)))
    finally:
        pool.close()


def test_the_server_answers_before_its_workers_are_up(built_store_dir: Path) -> None:
    with serve_store(built_store_dir, warm=False) as url, httpx.Client(base_url=url, timeout=60) as client:
        assert client.get("/api/stats").status_code == 200
        response = client.get("/sparql", params={"query": ORDINARY})  # waits for the first worker
        assert response.status_code == 200, response.text
        assert response.json()["results"]["bindings"]


JSON_QUERIES = [
    ORDINARY,
    sparql_prefixes() + "SELECT ?e ?l WHERE { ?e skos:prefLabel ?l } ORDER BY ?e ?l LIMIT 50",
    'SELECT ?x ?y ?z ?b WHERE { BIND(1.5 AS ?x) BIND("a"@zh-hans AS ?y) BIND(BNODE() AS ?b) '
    "BIND(IF(false, 1, ?unbound) AS ?z) }",
    "ASK { ?s ?p ?o }",
    "ASK { <urn:nothing> ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } LIMIT 0",
]


@pytest.mark.parametrize("query", JSON_QUERIES)
def test_json_results_from_oxigraph_terms_are_those_rdflib_writes(built_store: QuadStore, query: str) -> None:
    from rekg.graph.embedded import EmbeddedStore

    assert isinstance(built_store, EmbeddedStore)
    fast = built_store.query_json(query, limit=20)
    slow = built_store.query(query, limit=20)
    expected = json.loads(serialize_solutions(slow, "json"))
    got = json.loads(fast.body)  # type: ignore[union-attr]
    if "results" in expected:  # blank node labels are the engine's own: compare where they stand
        for rows in (got["results"]["bindings"], expected["results"]["bindings"]):
            for row in rows:
                for term in row.values():
                    if term["type"] == "bnode":
                        term["value"] = "_"
    assert got == expected


def test_json_results_are_cut_at_the_limit(built_store: QuadStore) -> None:
    from rekg.graph.embedded import EmbeddedStore

    assert isinstance(built_store, EmbeddedStore)
    total = len(built_store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 30").bindings)
    cut = built_store.query_json("SELECT * WHERE { ?s ?p ?o } LIMIT 30", limit=7)
    whole = built_store.query_json("SELECT * WHERE { ?s ?p ?o } LIMIT 30", limit=total)
    assert (cut.count, cut.truncated) == (7, True)  # type: ignore[union-attr]
    assert len(json.loads(cut.body)["results"]["bindings"]) == 7  # type: ignore[union-attr]
    assert (whole.count, whole.truncated) == (total, False)  # type: ignore[union-attr]
