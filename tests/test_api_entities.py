"""Entities over HTTP: JSON, content negotiation on /id/…, ownership trees, connection paths, the network
data, the home page and the API documentation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from api_server import serve_store
from markupsafe import escape
from rdflib import RDF, Graph, URIRef

from rekg.graph.store import QuadStore
from rekg.ontology import REK

LIANGSHAN = "https://w3id.org/rekg/id/company/liangshan-rare-earth"
ENTITY = "/api/entities/company/liangshan-rare-earth"
PAGE = "/id/company/liangshan-rare-earth"
PREFIXES = "PREFIX rek: <https://w3id.org/rekg/ontology#>\nPREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"


@pytest.fixture(scope="module")
def client(built_store_dir: Path) -> Iterator[httpx.Client]:
    with serve_store(built_store_dir) as url, httpx.Client(base_url=url, timeout=30) as http:
        yield http


@pytest.fixture(scope="module")
def ownership_edge(built_store: QuadStore) -> tuple[str, str]:
    """An existing ``child subsidiaryOf parent`` fact between two typed entities, read from the store."""
    query = (
        PREFIXES
        + """SELECT ?child ?parent WHERE {
      { ?child rek:subsidiaryOf ?parent } UNION { ?parent rek:hasSubsidiary ?child }
      ?child a ?a . ?parent a ?b .
      ?x rdf:subject ?child ; rdf:object ?parent ; rek:evidence ?sentence .
    } ORDER BY ?child ?parent LIMIT 1"""
    )
    rows = list(built_store.query(query))
    if not rows:
        pytest.skip("the built graph has no subsidiaryOf fact with evidence yet")
    child, parent = rows[0]  # type: ignore[misc]
    return str(child), str(parent)


def _path_of(iri: str) -> str:
    return "/" + iri.split("/rekg/", 1)[1]


def test_entity_json(client: httpx.Client, built_store: QuadStore) -> None:
    entity = client.get(ENTITY).json()
    assert entity["iri"] == LIANGSHAN and entity["kind"] == "company"
    assert entity["labels"]["zh-Hans"] == "中稀(凉山)稀土有限公司"
    assert entity["labels"]["en"] == "China Rare Earth (Liangshan) Rare Earth Co., Ltd."
    assert {"value": "凉山稀土", "lang": "zh-Hans"} in entity["altLabels"]
    assert {"iri": str(REK.Company), "labels": {"en": "Company", "zh-Hans": "公司"}} in entity["types"]
    assert entity["page"] == PAGE
    stated = (
        PREFIXES
        + f"SELECT DISTINCT ?p ?o WHERE {{ <{LIANGSHAN}> ?p ?o . ?o a ?t . FILTER(?p != rek:mentionedIn) }}"
    )
    facts = {
        (str(p).rsplit("#", 1)[-1], str(o))
        for p, o in built_store.query(stated)
        if str(p).startswith(str(REK))
    }  # type: ignore[misc]
    served = {(r["relation"], r["entity"]["iri"]) for r in entity["relations"] if r["direction"] == "out"}
    assert {(p, o) for p, o in facts if p != "operatedBy" and p != "hasSubsidiary"} <= served
    for relation in entity["relations"]:
        assert relation["direction"] in {"in", "out"}
        assert relation["labels"]["en"] and relation["labels"]["zh-Hans"]
        assert relation["entity"]["labels"], relation
        for evidence in relation["evidence"]:
            assert evidence["document"] and evidence["sentence"]
    assert any(r["evidence"] for r in entity["relations"]) or not entity["relations"]


def test_unknown_entities_are_404(client: httpx.Client) -> None:
    response = client.get("/api/entities/company/no-such-company-at-all")
    assert response.status_code == 404 and "nothing is known" in response.json()["error"]["message"]
    assert (
        client.get("/id/company/no-such-company-at-all", headers={"Accept": "text/turtle"}).status_code == 404
    )


def test_entity_page_in_html(client: httpx.Client) -> None:
    page = client.get(PAGE, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert "中稀(凉山)稀土有限公司" in html and "China Rare Earth (Liangshan) Rare Earth Co., Ltd." in html
    assert "/graph?focus=https%3A%2F%2Fw3id.org%2Frekg%2Fid%2Fcompany%2Fliangshan-rare-earth" in html
    entity = client.get(ENTITY).json()
    for relation in entity["relations"]:
        if relation["entity"]["page"]:
            assert f'href="{relation["entity"]["page"]}"' in html
        for evidence in relation["evidence"][:1]:
            assert str(escape(evidence["sentence"].split("\n")[0][:20])) in html


@pytest.mark.parametrize(
    ("accept", "media", "rdflib_format"),
    [("text/turtle", "text/turtle", "turtle"), ("application/ld+json", "application/ld+json", "json-ld"),
     ("application/n-triples", "application/n-triples", "nt"), ("*/*", "text/turtle", "turtle")],
)  # fmt: skip
def test_entity_as_rdf_by_content_negotiation(
    client: httpx.Client, accept: str, media: str, rdflib_format: str
) -> None:
    response = client.get(PAGE, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    graph = Graph().parse(data=response.content, format=rdflib_format)
    assert (URIRef(LIANGSHAN), RDF.type, REK.Company) in graph
    assert (
        len(set(graph.objects(URIRef(LIANGSHAN), URIRef("http://www.w3.org/2004/02/skos/core#altLabel"))))
        >= 2
    )


def test_format_parameter_and_json_twin(client: httpx.Client) -> None:
    assert client.get(PAGE, params={"format": "json"}).json() == client.get(ENTITY).json()
    assert client.get(PAGE, params={"format": "ttl"}).headers["content-type"].startswith("text/turtle")
    assert client.get(PAGE, params={"format": "pdf"}).status_code == 400


def test_ownership_tree_holds_an_existing_fact(client: httpx.Client, ownership_edge: tuple[str, str]) -> None:
    child, parent = ownership_edge
    up = client.get(f"/api/entities{_path_of(child)[3:]}/ownership").json()
    assert up["entity"]["iri"] == child
    (link,) = [node for node in up["owners"]["owners"] if node["iri"] == parent]
    assert "subsidiaryOf" in [r["relation"] for r in link["relations"]]
    assert any(e["sentence"] for r in link["relations"] for e in r["evidence"])
    assert up["ultimateOwners"]
    down = client.get(f"/api/entities{_path_of(parent)[3:]}/ownership").json()
    assert child in [node["iri"] for node in down["holdings"]["holdings"]]
    page = client.get(_path_of(parent), headers={"Accept": "text/html"}).text
    assert "股权穿透 Ownership" in page and f'href="{_path_of(child)}"' in page


def test_path_between_two_entities(client: httpx.Client, ownership_edge: tuple[str, str]) -> None:
    child, parent = ownership_edge
    data = client.get("/api/path", params={"from": child, "to": parent}).json()
    first = data["paths"][0]
    assert first["length"] == 1
    assert [n["iri"] for n in first["nodes"]] == [child, parent]
    (edge,) = [e for e in first["hops"][0]["edges"] if e["relation"] == "subsidiaryOf"]
    assert edge["direction"] == "forward" and edge["evidence"][0]["sentence"]
    back = client.get("/api/path", params={"from": parent, "to": child}).json()["paths"][0]["hops"][0][
        "edges"
    ]
    assert "backward" in [e["direction"] for e in back]
    page = client.get("/path", params={"from": child, "to": parent}, headers={"Accept": "text/html"})
    assert page.status_code == 200 and "路径 Path 1" in page.text


def test_path_endpoints_by_name(client: httpx.Client) -> None:
    data = client.get("/api/path", params={"from": "凉山稀土", "to": "company/liangshan-rare-earth"}).json()
    assert data["from"]["iri"] == data["to"]["iri"] == LIANGSHAN and data["paths"] == []
    assert client.get("/api/path", params={"from": "凉山稀土", "to": "zzzzqqqq"}).status_code == 404
    page = client.get("/path", params={"from": "凉山稀土", "to": "zzzzqqqq"}, headers={"Accept": "text/html"})
    assert page.status_code == 200 and "zzzzqqqq" in page.text


def test_network_data(client: httpx.Client) -> None:
    one = client.get("/api/network", params={"focus": LIANGSHAN}).json()
    ids = {node["id"] for node in one["nodes"]}
    assert LIANGSHAN in ids and one["focus"] == LIANGSHAN
    neighbours = {r["entity"]["iri"] for r in client.get(ENTITY).json()["relations"]}
    assert neighbours <= ids
    for node in one["nodes"]:
        assert (
            node["labels"]["zh"] and node["labels"]["en"] and node["color"] and node["shape"] and node["kind"]
        )
    assert all(edge["from"] in ids and edge["to"] in ids and edge["relation"] for edge in one["edges"])
    two = client.get("/api/network", params={"focus": "凉山稀土", "depth": 2}).json()
    assert ids <= {node["id"] for node in two["nodes"]}
    english = client.get("/api/network", params={"focus": LIANGSHAN, "lang": "en"}).json()
    (centre,) = [n for n in english["nodes"] if n["id"] == LIANGSHAN]
    assert "Liangshan" in centre["label"]
    overview = client.get("/api/network").json()
    assert overview["shown"] <= 60 and overview["total"] >= overview["shown"]
    bigger = client.get("/api/network", params={"limit": 120}).json()
    assert bigger["shown"] >= overview["shown"]
    places = client.get("/api/network", params={"kinds": "place"}).json()
    assert places["nodes"] and all(node["kind"] == "place" for node in places["nodes"])
    located = client.get("/api/network", params={"relations": "locatedIn"}).json()
    assert all(edge["relation"] == "locatedIn" for edge in located["edges"])
    for edge in client.get("/api/network", params={"limit": 300}).json()["edges"]:  # partners: no arrow
        assert edge["arrows"]["to"]["enabled"] == (edge["relation"] != "partnerOf")


def test_home_stats_and_docs(client: httpx.Client) -> None:
    stats = client.get("/api/stats").json()
    assert stats["quads"] > 0 and stats["entities"]["Company"] > 0 and stats["documents"] >= 1
    home = client.get("/", headers={"Accept": "text/html"}).text
    for link in ('href="/sparql"', 'href="/graph"', 'href="/docs"', 'action="/search"'):
        assert link in home
    assert str(stats["quads"]) in home
    docs = client.get("/docs").text
    assert "/api/lookup" in docs and "/sparql" in docs and 'href="/openapi.json"' in docs
    schema = client.get("/openapi.json").json()
    assert {"/sparql", "/api/lookup", "/api/suggest", "/api/entities/{kind}/{slug}", "/api/path"} <= set(
        schema["paths"]
    )


def test_document_pages_list_their_facts(client: httpx.Client, built_store: QuadStore) -> None:
    (document,) = next(
        iter(built_store.query(PREFIXES + "SELECT ?d WHERE { ?d a rek:SourceDocument } LIMIT 1"))
    )  # type: ignore[misc]
    data = client.get(_path_of(str(document)), params={"format": "json"}).json()
    assert data["labels"] and "facts" in data
    page = client.get(_path_of(str(document)), headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Facts from this document" in page.text
