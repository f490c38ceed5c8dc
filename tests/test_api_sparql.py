"""The SPARQL 1.1 Protocol endpoint over a real uvicorn server: GET and both POST forms, every results
format by Accept and by format=, CONSTRUCT as RDF, the dataset parameters, the result cap, the worked
examples, and SPARQLWrapper as a client."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote_plus

import httpx
import pytest
from api_server import serve_store
from rdflib import RDF, Graph, URIRef
from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

from rekg.ontology import REK

LIMIT = 200
PREFIXES = (
    "PREFIX rek: <https://w3id.org/rekg/ontology#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
)
GROUPS = PREFIXES + "SELECT DISTINCT ?g WHERE { ?g a rek:EnterpriseGroup } ORDER BY ?g LIMIT 5"
LABEL = PREFIXES + (
    "SELECT ?label WHERE { <https://w3id.org/rekg/id/company/liangshan-rare-earth> skos:prefLabel ?label . "
    'FILTER(langMatches(lang(?label), "zh-Hans")) }'
)
SEEDS = "https://w3id.org/rekg/graph/seeds"


@pytest.fixture(scope="module")
def base_url(built_store_dir: Path) -> Iterator[str]:
    with serve_store(built_store_dir, result_limit=LIMIT) as url:
        yield url


@pytest.fixture(scope="module")
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as http:
        yield http


def _bindings(response: httpx.Response) -> list[dict[str, dict[str, str]]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    return response.json()["results"]["bindings"]


def test_get_returns_json_results_by_default(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": GROUPS})
    rows = _bindings(response)
    assert 1 <= len(rows) <= 5
    assert response.json()["head"]["vars"] == ["g"]
    assert all(row["g"]["type"] == "uri" for row in rows)
    assert response.headers["rekg-truncated"] == "false"


def test_language_tags_keep_their_case(client: httpx.Client) -> None:
    (row,) = _bindings(client.get("/sparql", params={"query": LABEL}))
    assert row["label"] == {"type": "literal", "value": "中稀(凉山)稀土有限公司", "xml:lang": "zh-Hans"}


def test_post_form_and_post_body_give_the_same_answer(client: httpx.Client) -> None:
    by_get = _bindings(client.get("/sparql", params={"query": GROUPS}))
    by_form = _bindings(client.post("/sparql", data={"query": GROUPS}))
    by_body = _bindings(
        client.post("/sparql", content=GROUPS.encode(), headers={"Content-Type": "application/sparql-query"})
    )
    assert by_get == by_form == by_body


def test_every_form_encoding_reads_the_same_query(client: httpx.Client) -> None:
    expected = _bindings(client.get("/sparql", params={"query": LABEL}))
    # spaces as "+", everything else but letters and digits percent-encoded (UTF-8), stray "&", a blank field
    encoded = "&query=" + quote_plus(LABEL, safe="") + "&&other="
    form = client.post(
        "/sparql",
        content=encoded.encode("ascii"),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert _bindings(form) == expected
    multipart = client.post("/sparql", data={"query": LABEL}, files={"unused": ("x.txt", b"x")})
    assert multipart.request.headers["content-type"].startswith("multipart/form-data")
    assert _bindings(multipart) == expected
    assert client.post("/sparql", data={"query": [LABEL, LABEL]}).status_code == 400


def test_a_body_without_a_length_is_still_capped(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"query=" + quote_plus("SELECT * WHERE { ?s ?p ?o }").encode()
        for _ in range(50):
            yield b"%20" * 10_000  # 1.5 MB in all, sent chunked

    response = client.post(
        "/sparql", content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 400 and "too large" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/json", "application/sparql-results+json"),
        ("text/html;q=0.1, text/csv", "text/csv"),
    ],
)
def test_accept_chooses_the_results_format(client: httpx.Client, accept: str, media: str) -> None:
    response = client.get("/sparql", params={"query": GROUPS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)


def test_results_formats_carry_the_rows(client: httpx.Client) -> None:
    rows = [row["g"]["value"] for row in _bindings(client.get("/sparql", params={"query": GROUPS}))]
    as_csv = client.get("/sparql", params={"query": GROUPS, "format": "csv"}).text
    assert [r["g"] for r in csv.DictReader(io.StringIO(as_csv))] == rows
    as_tsv = client.get("/sparql", params={"query": GROUPS, "format": "tsv"}).text.splitlines()
    assert as_tsv[0] == "?g" and as_tsv[1:] == [f"<{iri}>" for iri in rows]
    as_xml = client.get("/sparql", params={"query": GROUPS, "format": "xml"}).text
    assert re.findall(r"<uri>([^<]+)</uri>", as_xml) == rows


def test_format_parameter_overrides_accept(client: httpx.Client) -> None:
    response = client.get(
        "/sparql", params={"query": GROUPS, "format": "csv"}, headers={"Accept": "application/json"}
    )
    assert response.headers["content-type"].startswith("text/csv")
    response = client.get("/sparql", params={"query": GROUPS, "format": "nonsense"})
    assert response.status_code == 400
    assert "unknown format" in response.json()["error"]["message"]


def test_ask(client: httpx.Client) -> None:
    response = client.post("/sparql", data={"query": "ASK { ?s ?p ?o }"})
    assert response.json() == {"head": {}, "boolean": True}
    response = client.post(
        "/sparql", data={"query": "ASK { <urn:x:nothing> ?p ?o }"}, headers={"Accept": "text/csv"}
    )
    assert response.text.split() == ["_askResult", "false"]


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
     ("application/rdf+xml", "xml")],
)  # fmt: skip
def test_construct_returns_rdf_by_accept(client: httpx.Client, accept: str, rdflib_format: str) -> None:
    query = PREFIXES + "CONSTRUCT { ?g a rek:EnterpriseGroup } WHERE { ?g a rek:EnterpriseGroup }"
    response = client.post("/sparql", data={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(accept)
    graph = Graph().parse(data=response.content, format=rdflib_format)
    assert len(graph) == int(response.headers["rekg-result-count"]) > 0
    assert all(o == REK.EnterpriseGroup for o in graph.objects(None, RDF.type))


def test_describe_is_a_graph(client: httpx.Client) -> None:
    iri = "https://w3id.org/rekg/id/company/liangshan-rare-earth"
    response = client.get("/sparql", params={"query": f"DESCRIBE <{iri}>"}, headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=response.text, format="turtle")
    assert (URIRef(iri), RDF.type, REK.Company) in graph


def test_a_table_cannot_be_turtle(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": GROUPS}, headers={"Accept": "text/turtle"})
    assert response.status_code == 406
    assert "table" in response.json()["error"]["message"]


def test_dataset_parameters(client: httpx.Client) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    union = int(_bindings(client.get("/sparql", params={"query": count}))[0]["n"]["value"])
    seeds = int(
        _bindings(client.get("/sparql", params={"query": count, "default-graph-uri": SEEDS}))[0]["n"]["value"]
    )
    assert 0 < seeds < union
    by_form = _bindings(client.post("/sparql", data={"query": count, "default-graph-uri": SEEDS}))
    assert int(by_form[0]["n"]["value"]) == seeds
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    rows = _bindings(client.get("/sparql", params={"query": graphs, "named-graph-uri": SEEDS}))
    assert [row["g"]["value"] for row in rows] == [SEEDS]


def test_results_are_capped_and_the_cap_is_said(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(_bindings(response)) == LIMIT
    assert response.headers["rekg-truncated"] == "true"
    assert response.headers["rekg-result-limit"] == str(LIMIT)
    assert str(LIMIT) in response.headers["rekg-notice"]
    graph = client.get(
        "/sparql", params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "format": "nt"}
    )
    assert len(graph.text.strip().splitlines()) == LIMIT and graph.headers["rekg-truncated"] == "true"


def test_bad_requests_get_clear_messages(client: httpx.Client) -> None:
    malformed = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p "})
    assert malformed.status_code == 400
    assert malformed.json()["error"]["message"].startswith("malformed SPARQL query")
    assert "Traceback" not in malformed.text
    assert client.get("/sparql", headers={"Accept": "application/json"}).status_code == 400
    wrong_type = client.post("/sparql", content=b"SELECT * {}", headers={"Content-Type": "text/plain"})
    assert wrong_type.status_code == 415
    assert client.post("/sparql", data={"other": "x"}).status_code == 400


def test_the_query_page_for_browsers(client: httpx.Client) -> None:
    page = client.get("/sparql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "PREFIX rek: &lt;https://w3id.org/rekg/ontology#&gt;" in page.text
    assert "凉山稀土的股权链" in page.text and "Ownership chain of 凉山稀土" in page.text
    prefilled = client.get("/sparql", params={"query": GROUPS}, headers={"Accept": "text/html"})
    assert "?g a rek:EnterpriseGroup" in prefilled.text


def test_worked_examples_all_run(client: httpx.Client) -> None:
    examples = client.get("/api/examples").json()
    assert len(examples) >= 10
    answered = 0
    for example in examples:
        assert re.search(r"[\u4e00-\u9fff]", example["zh"]) and re.search(r"[A-Za-z]{3}", example["en"])
        response = client.post("/sparql", data={"query": example["query"]})
        assert response.status_code == 200, (example["id"], response.text)
        body = response.text
        if response.headers["content-type"].startswith("application/sparql-results+json"):
            data = json.loads(body)
            answered += bool(data.get("boolean")) or bool(data.get("results", {}).get("bindings"))
        else:
            answered += int(response.headers["rekg-result-count"]) > 0
    assert answered >= len(examples) * 2 // 3
    ids = {example["id"] for example in examples}
    assert {"ownership-chain", "mines-operators", "capacities", "plan-cites", "creg-partners"} <= ids


def test_sparqlwrapper_select_ask_construct(base_url: str) -> None:
    wrapper = SPARQLWrapper(f"{base_url}/sparql")
    wrapper.setQuery(GROUPS)
    wrapper.setReturnFormat(JSON)
    rows = wrapper.query().convert()["results"]["bindings"]  # type: ignore[index, call-overload]
    assert rows and all("g" in row for row in rows)
    wrapper.setReturnFormat(XML)
    document = wrapper.query().convert()
    assert len(document.getElementsByTagName("result")) == len(rows)  # type: ignore[union-attr]
    wrapper.setMethod("POST")
    wrapper.setReturnFormat(JSON)
    wrapper.setQuery("ASK { ?s ?p ?o }")
    assert wrapper.query().convert()["boolean"] is True  # type: ignore[index, call-overload]
    wrapper.setQuery(PREFIXES + "CONSTRUCT { ?g a rek:EnterpriseGroup } WHERE { ?g a rek:EnterpriseGroup }")
    wrapper.setReturnFormat(TURTLE)
    graph = Graph().parse(data=wrapper.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert len(graph) > 0
    wrapper.setReturnFormat(XML)
    assert len(wrapper.query().convert()) == len(graph)  # type: ignore[arg-type]
