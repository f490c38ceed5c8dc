"""Point lookups answered in the server's own process: which queries count as one (only those whose work is
one scan over a given subject's triples), that they answer as a worker would, and that they are answered
while every worker is busy with a query the time limit has yet to stop."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from rekg.api.sparql_exec import QueryJob
from rekg.api.sparql_inline import MAX_POINT_LOOKUP_LENGTH, PointLookupsInline, is_point_lookup
from rekg.api.sparql_pool import ProcessRunner
from rekg.errors import QueryTimeoutError
from rekg.graph.store import open_store
from rekg.ontology.vocabulary import sparql_prefixes

LIANGSHAN = "<https://w3id.org/rekg/id/company/liangshan-rare-earth>"
LABELS = sparql_prefixes() + f"SELECT ?label WHERE {{ {LIANGSHAN} skos:prefLabel ?label }}"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

POINT_LOOKUPS = [
    LABELS,
    "select * { <http://a/b> ?p ?o . } limit 10 offset 2",
    "PREFIX rek: <https://w3id.org/rekg/ontology#>\nASK { rek:x a rek:Company }",
    "PREFIX : <http://x/>\nSELECT ?o WHERE{:a :b ?o}",
    "SELECT DISTINCT ?p ?o { <urn:x> ?p ?o }",
    "SELECT REDUCED ?o WHERE { <urn:x> <urn:p> ?o . }",
]
NOT_POINT_LOOKUPS = [
    "SELECT ?s { ?s ?p ?o }",  # no subject given: a scan of everything
    "SELECT ?o { <a> <b> ?o . ?o <c> ?d }",  # a join
    "SELECT ?o { <a> <b> ?o ; <c> ?d }",
    "SELECT ?o { <a> <b> ?o, ?p }",
    "SELECT ?o { <a> <b> ?o FILTER(?o) }",
    "SELECT ?o { <a> <b>* ?o }",  # property paths
    "SELECT ?o { <a> <b>/<c> ?o }",
    "SELECT ?o { <a> ^<b> ?o }",
    "SELECT ?o { <a> <b>|<c> ?o }",
    "SELECT ?o { <a> !<b> ?o }",
    "SELECT ?o { <a> <b> ?o } ORDER BY ?o",
    "SELECT (COUNT(*) AS ?n) { <a> ?p ?o }",
    "SELECT ?o { _:b <b> ?o }",
    "SELECT ?o { [] <b> ?o }",
    "SELECT ?o { GRAPH ?g { <a> <b> ?o } }",
    "SELECT ?o FROM <urn:g> { <a> <b> ?o }",
    "SELECT ?o { SERVICE <http://example.org/> { <a> <b> ?o } }",
    'SELECT ?o { <a> <b> "x" }',
    "SELECT ?o # a comment\n{ <a> <b> ?o }",
    "SELECT ?o { <a> <b> ?o } LIMIT",
    "SELECT ?o { <a> <b> ?o } }",
    "ASK {}",
    "",
    "INSERT DATA { <a> <b> <c> }",
    RUNAWAY,
]


@pytest.mark.parametrize("query", POINT_LOOKUPS)
def test_point_lookups_are_recognised(query: str) -> None:
    assert is_point_lookup(query)


@pytest.mark.parametrize("query", NOT_POINT_LOOKUPS)
def test_anything_else_goes_to_a_worker(query: str) -> None:
    assert not is_point_lookup(query)


@pytest.mark.parametrize(
    "tail",
    [" " * 7_000, "a." * 3_500, "?a " * 2_300],  # inputs that make a careless pattern backtrack
)
def test_long_or_tricky_texts_are_not_point_lookups(tail: str) -> None:
    assert not is_point_lookup("SELECT ?o { <a> <b> ?o" + tail)
    assert not is_point_lookup(LABELS.replace("?label }", "?label" + " " * MAX_POINT_LOOKUP_LENGTH + "}"))


@pytest.fixture(scope="module")
def runner(built_store_dir: Path) -> Iterator[PointLookupsInline]:
    store = open_store(str(built_store_dir), read_only=True)
    pool = ProcessRunner(str(built_store_dir), workers=1, timeout_s=2.0)
    inline = PointLookupsInline(store, pool)
    try:
        pool.warm()
        yield inline
    finally:
        inline.close()
        store.close()


def test_a_point_lookup_answers_as_a_worker_would(runner: PointLookupsInline) -> None:
    job = QueryJob(LABELS)
    inline, pooled = runner.run(job), runner.runner.run(job)
    assert inline.body == pooled.body and inline.count == pooled.count >= 2
    assert "Liangshan" in inline.body.decode()


def test_point_lookups_are_answered_while_every_worker_is_busy(runner: PointLookupsInline) -> None:
    stopped: list[BaseException] = []

    def runaway() -> None:
        try:
            runner.run(QueryJob(RUNAWAY))
        except QueryTimeoutError as e:
            stopped.append(e)

    busy = threading.Thread(target=runaway)
    busy.start()
    time.sleep(0.5)  # the runaway query has reached the only worker
    try:
        for _ in range(20):  # the only worker is taken by the runaway query meanwhile
            assert runner.run(QueryJob(LABELS)).count >= 2
    finally:
        busy.join(60)
    assert stopped, "the runaway query was stopped by the time limit"
