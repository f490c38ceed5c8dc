"""The SPARQL endpoint's own reading and writing, checked against what the framework would do: query strings
and form bodies decoded as ``parse_qsl`` decodes them, answer headers as Starlette's ``Response`` makes them;
and the query workers' socket, watched by the event loop across queries, when a worker dies between them."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import pytest
import uvloop
from starlette.responses import Response

from rekg.api.problems import BadRequestError
from rekg.api.sparql_exec import QueryAnswer, QueryJob
from rekg.api.sparql_pool import ProcessRunner
from rekg.api.sparql_protocol import MAX_FORM_FIELDS, answer_headers, form_fields, query_fields

TRICKY = [
    b"",
    b"query=ASK+%7B%7D",
    b"query=" + urlencode({"q": "SELECT ?凉 WHERE { ?s <urn:x\\y> '%' }"}).encode()[2:],
    b"a=1&&b=&c&=d&e==f",
    b"q=%E5%87%89%e5%b1%b1+x",
    b"q=%zz%4&r=%",  # malformed escapes stay as they are
    b"q=\\x41%5C%5Cx41",
    "q=凉山".encode(),  # raw UTF-8 bytes, read as UTF-8
    b"q=%2B+%26%3D",
    b"k%3D=v%26&;=;",
]


@pytest.mark.parametrize("data", TRICKY)
def test_fields_are_decoded_as_parse_qsl_decodes_utf8(data: bytes) -> None:
    expected = parse_qsl(data.decode("utf-8"), keep_blank_values=True, errors="strict")
    assert query_fields(data) == expected
    assert form_fields(data) == expected


@pytest.mark.parametrize("data", [b"q=%FF%FE", b"query=ASK%7B%7D&q=%C3", b"q=\xff", b"q=a%00b", b"q%00=1"])
def test_fields_that_are_not_utf8_or_hold_nul_are_refused(data: bytes) -> None:
    with pytest.raises(BadRequestError):
        query_fields(data)
    with pytest.raises(BadRequestError):
        form_fields(data)


def test_too_many_form_fields_are_refused() -> None:
    with pytest.raises(BadRequestError):
        form_fields(b"&".join([b"a=1"] * (MAX_FORM_FIELDS + 1)))


@pytest.mark.parametrize(
    ("media", "truncated"),
    [("application/sparql-results+json", False), ("text/turtle", True), ("text/csv", False)],
)
def test_answer_headers_are_those_starlette_makes(media: str, truncated: bool) -> None:
    answer = QueryAnswer("SELECT", "json", media, "凉山".encode(), 7, truncated, 200, 0.012345)
    headers = {
        "Vary": "Accept",
        "Rekg-Result-Count": "7",
        "Rekg-Result-Limit": "200",
        "Rekg-Truncated": "true" if truncated else "false",
        "Rekg-Query-Seconds": "0.0123",
    }
    if truncated:
        headers["Rekg-Notice"] = "the answer was cut at the endpoint's limit of 200 results"
    assert answer_headers(answer) == Response(answer.body, media_type=media, headers=headers).raw_headers


@pytest.fixture()
def runner(built_store_dir: Path) -> Iterator[ProcessRunner]:
    pool = ProcessRunner(str(built_store_dir), workers=1, timeout_s=5.0)
    try:
        pool.warm()
        yield pool
    finally:
        pool.close()


def _marked(marker: str) -> QueryJob:
    return QueryJob(f'SELECT ?x WHERE {{ BIND("{marker}" AS ?x) }}')


def test_a_worker_that_dies_between_queries_is_replaced(runner: ProcessRunner) -> None:
    async def scenario() -> None:
        assert b'"before"' in (await runner.run_async(_marked("before"))).body  # the loop watches it now
        (worker,) = runner._idle  # the one worker of the pool (the spare waits apart)
        os.kill(worker._process.pid, signal.SIGKILL)
        await asyncio.sleep(0.5)  # the loop sees the socket close
        assert b'"after"' in (await runner.run_async(_marked("after"))).body
        assert worker not in runner._all
        assert b'"sync"' in (await asyncio.to_thread(runner.run, _marked("sync"))).body
        assert b'"again"' in (await runner.run_async(_marked("again"))).body

    uvloop.run(scenario())
