"""What issue 12 asked of the endpoint, over a real uvicorn server: malformed dataset IRIs refused before a
worker sees them, the result cap applied while the answer is read (bounded time and memory), the last
protocol points (one query, UTF-8 only, relative IRIs against the base), and lookups that refuse bytes that
are not text."""

from __future__ import annotations

import multiprocessing
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from api_server import serve_store

from rekg.graph.iri import DEFAULT_BASE

LIMIT = 500
EVERYTHING_TWICE = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"  # some 10^8 rows over the built store


@pytest.fixture(scope="module")
def base_url(built_store_dir: Path) -> Iterator[str]:
    with serve_store(built_store_dir, result_limit=LIMIT, query_timeout_s=20.0) as url:
        yield url


@pytest.fixture(scope="module")
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=60) as http:
        yield http


def workers() -> set[int]:
    return {p.pid for p in multiprocessing.active_children() if p.name == "rekg-sparql-worker" and p.pid}


def peak_memory_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


@pytest.mark.parametrize("parameter", ["default-graph-uri", "named-graph-uri"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_malformed_dataset_iri_is_a_400_naming_the_parameter(
    client: httpx.Client, parameter: str, method: str
) -> None:
    client.get("/sparql", params={"query": "ASK {}"})  # the workers are up
    before = workers()
    fields = {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", parameter: "a b"}
    if method == "GET":
        response = client.get("/sparql", params=fields)
    else:
        response = client.post("/sparql", data=fields)
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert message == f"{parameter}: 'a b' is not an absolute IRI"
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
    assert workers() == before, "no worker was lost"


def test_the_cap_stops_reading_at_the_limit(client: httpx.Client) -> None:
    client.get("/sparql", params={"query": "ASK {}"})
    peaks = {pid: peak_memory_kb(pid) for pid in workers()}
    started = time.perf_counter()
    response = client.get("/sparql", params={"query": EVERYTHING_TWICE})
    took = time.perf_counter() - started
    assert response.status_code == 200, response.text
    assert len(response.json()["results"]["bindings"]) == LIMIT
    assert response.headers["rekg-truncated"] == "true"
    assert "cut at the endpoint's limit of 500" in response.headers["rekg-notice"]
    assert took < 5, f"{took:.1f} s for the first {LIMIT} rows"
    growth = max(peak_memory_kb(pid) - peaks.get(pid, 0) for pid in workers())
    assert growth < 50_000, f"a worker's peak memory grew by {growth} kB"


def test_a_construct_is_capped_too(client: httpx.Client) -> None:
    query = "CONSTRUCT { ?a <urn:p> ?d } WHERE { ?a ?b ?c . ?d ?e ?f }"
    response = client.get("/sparql", params={"query": query}, headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    assert response.headers["rekg-truncated"] == "true"
    assert len(response.text.strip().splitlines()) <= LIMIT


def test_a_repeated_query_parameter_is_a_400(client: httpx.Client) -> None:
    response = client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert response.status_code == 400
    assert "exactly one query=" in response.json()["error"]["message"]


@pytest.mark.parametrize("where", ["get", "form"])
def test_a_query_that_is_not_utf8_is_a_400(client: httpx.Client, where: str) -> None:
    raw = b"query=SELECT+%3Fs+WHERE+%7B+%3Fs+%3Fp+%22%FF%22+%7D"
    if where == "get":
        response = client.get("/sparql?" + raw.decode("ascii"))
    else:
        response = client.post(
            "/sparql", content=raw, headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
    assert response.status_code == 400
    assert "not valid UTF-8" in response.json()["error"]["message"]


def test_relative_iris_resolve_against_the_base(client: httpx.Client) -> None:
    response = client.get(
        "/sparql",
        params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"},
        headers={"Accept": "application/n-triples"},
    )
    assert response.status_code == 200, response.text
    assert response.text.strip() == (
        f'<{DEFAULT_BASE}s> <{DEFAULT_BASE}p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .'
    )
    liangshan = "SELECT ?type WHERE { <id/company/liangshan-rare-earth> a ?type }"
    assert client.get("/sparql", params={"query": liangshan}).json()["results"]["bindings"]


@pytest.mark.parametrize("raw", ["q=%FF%FE", "q=%E5%87", "q=%E5%87%89%00", "q=a%00"])
@pytest.mark.parametrize("path", ["/api/lookup", "/api/suggest", "/"])
def test_lookups_refuse_bytes_that_are_not_text(client: httpx.Client, raw: str, path: str) -> None:
    response = client.get(f"{path}?{raw}")
    assert response.status_code == 400
    assert response.headers["x-content-type-options"] == "nosniff"


def test_raw_utf8_in_a_form_reads_as_utf8(client: httpx.Client) -> None:
    query = 'ASK { ?s ?p "中稀(凉山)稀土有限公司"@zh-Hans }'
    response = client.post(
        "/sparql",
        content=b"query=" + query.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["boolean"] is True


def test_control_and_bidi_characters_of_a_file_name_are_shown_escaped_in_pages(
    built_store_dir: Path,
    tmp_path: Path,
    minter,
    extractor,  # type: ignore[no-untyped-def]
) -> None:
    from rekg.graph.store import open_store
    from rekg.ingest.pipeline import ingest_files

    store = tmp_path / "store"
    shutil.copytree(built_store_dir, store)
    name = "evil\u202eTXT\x1b[31m.txt"
    (tmp_path / name).write_text("北方稀土与包头市人民政府签署战略合作协议。\n", encoding="utf-8")
    with open_store(store) as handle:
        (report,) = ingest_files(handle, [tmp_path / name], minter=minter, extractor=extractor)
    assert report.error is None
    path = "/id/" + report.graph.split("/id/", 1)[1]
    with serve_store(store) as url, httpx.Client(base_url=url, timeout=30) as client:
        page = client.get(path, headers={"Accept": "text/html"})
        assert page.status_code == 200
        assert "\u202e" not in page.text and "\x1b" not in page.text
        assert "evil\\u202eTXT\\u001b[31m.txt" in page.text
        data = client.get(path, headers={"Accept": "application/json"}).json()
        assert any(a["value"] == name for a in data["attributes"])  # the data keeps the name as it is


@pytest.mark.parametrize(
    "path", ["/", "/sparql", "/graph", "/docs", "/search?q=凉山", "/id/company/liangshan-rare-earth"]
)
def test_html_pages_allow_only_their_own_origin(client: httpx.Client, path: str) -> None:
    page = client.get(path, headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    for sources in directives.values():
        for source in sources.split():
            assert source in {"'self'", "'none'", "'unsafe-inline'", "data:"} or source.startswith("'sha"), (
                source
            )
