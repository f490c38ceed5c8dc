"""Lookups by name over HTTP: /api/lookup, /api/suggest and the /search page — hits at or above the floor,
suggestions below it, and names no entity has answered as such (also where a route takes a name)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_server import serve_store

LIANGSHAN = "https://w3id.org/rekg/id/company/liangshan-rare-earth"
GUANGSHENG = "广晟有色金属股份有限公司"


@pytest.fixture(scope="module")
def client(built_store_dir: Path) -> Iterator[httpx.Client]:
    with serve_store(built_store_dir) as url, httpx.Client(base_url=url, timeout=30) as http:
        yield http


def _lookup(client: httpx.Client, **params: object) -> dict[str, Any]:
    response = client.get("/api/lookup", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _hits(client: httpx.Client, **params: object) -> list[dict[str, Any]]:
    return _lookup(client, **params)["hits"]


@pytest.mark.parametrize(
    "name",
    [
        "凉山稀土",
        "涼山稀土",
        "中稀(凉山)稀土有限公司",
        "Liangshan",
        "liangshan xitu",
        "Liángshān Xītǔ",
        "LIANGSHAN",
    ],
)
def test_every_way_of_writing_liangshan_finds_the_same_entity(client: httpx.Client, name: str) -> None:
    first = _hits(client, q=name)[0]
    assert first["iri"] == LIANGSHAN
    assert first["kind"] == "company"
    assert first["labels"]["en"] == "China Rare Earth (Liangshan) Rare Earth Co., Ltd."
    assert first["labels"]["zh-Hans"] == "中稀(凉山)稀土有限公司"
    assert "Liangshan Rare Earth" in first["altLabels"]
    assert first["page"] == "/id/company/liangshan-rare-earth"
    assert first["match"] in {"exact", "alias", "pinyin", "word"}
    assert 0 < first["score"] <= 100 and first["matchedName"]


def test_hits_are_ranked_by_how_they_matched(client: httpx.Client) -> None:
    hits = _hits(client, q="凉山稀土", limit=20)
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)
    order = {"exact": 0, "alias": 1, "pinyin": 2, "word": 2, "form": 3, "initials": 4, "fuzzy": 5}
    ranks = [order[hit["match"]] for hit in hits]
    assert ranks == sorted(ranks)
    suggestions = _lookup(client, q="凉山稀土", limit=20)["suggestions"]
    assert [s["score"] for s in suggestions] == sorted((s["score"] for s in suggestions), reverse=True)
    assert hits and suggestions and min(h["score"] for h in hits) > max(s["score"] for s in suggestions)


def test_short_names_and_misspellings(client: httpx.Client) -> None:
    hit = _hits(client, q="广晟有色")[0]
    assert hit["labels"]["zh-Hans"] == GUANGSHENG and hit["match"] == "alias"
    form = _hits(client, q="广晟有色金属股份有限责任公司")[0]  # another legal form
    assert form["labels"]["zh-Hans"] == GUANGSHENG and form["match"] == "form"
    english = _hits(client, q="Guangsheng Nonferous Metals")[0]  # a slip in a Latin spelling
    assert english["labels"]["zh-Hans"] == GUANGSHENG and english["match"] == "fuzzy"


def test_type_filter_and_limit(client: httpx.Client) -> None:
    places = _hits(client, q="凉山", type="place", limit=5)
    assert places and all(hit["kind"] == "place" for hit in places)
    assert len(_hits(client, q="Liangshan", limit=2)) == 2
    generic = _lookup(client, q="稀土", limit=3)  # names nothing: every candidate is a suggestion
    assert generic["hits"] == [] and len(generic["suggestions"]) == 3
    bad = client.get("/api/lookup", params={"q": "凉山", "type": "planet"})
    assert bad.status_code == 400 and "company" in bad.json()["error"]["message"]
    assert client.get("/api/lookup", params={"q": "凉山", "limit": 0}).status_code == 422
    assert client.get("/api/lookup").status_code == 422


def test_suggest_for_autocomplete(client: httpx.Client) -> None:
    response = client.get("/api/suggest", params={"q": "凉山"})
    assert response.status_code == 200
    suggestions = response.json()
    assert 1 <= len(suggestions) <= 8
    assert LIANGSHAN in [s["iri"] for s in suggestions]
    for suggestion in suggestions:
        assert set(suggestion) >= {"iri", "kind", "label", "labels", "page", "match", "suggestion"}
        assert suggestion["labels"]["zh"] and suggestion["labels"]["en"]
    english = client.get("/api/suggest", params={"q": "liangshan xitu", "lang": "en"}).json()
    assert english[0]["label"] == "China Rare Earth (Liangshan) Rare Earth Co., Ltd."


def test_search_page_is_the_html_twin(client: httpx.Client) -> None:
    page = client.get("/search", params={"q": "凉山稀土"}, headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "中稀(凉山)稀土有限公司" in page.text
    assert 'href="/id/company/liangshan-rare-earth"' in page.text
    assert "China Rare Earth (Liangshan) Rare Earth Co., Ltd." in page.text


# -- the floor: hits and suggestions ---------------------------------------------------------------------


def test_a_name_the_graph_lacks_has_no_hit_only_marked_suggestions(client: httpx.Client) -> None:
    answer = _lookup(client, q="华能集团", limit=5)
    assert answer["query"] == "华能集团" and answer["found"] is False and answer["hits"] == []
    floor = answer["floor"]
    assert floor == 75
    suggestions = answer["suggestions"]
    assert 1 <= len(suggestions) <= 5
    for item in suggestions:
        assert item["suggestion"] is True and item["score"] < floor
        assert set(item) >= {"iri", "kind", "labels", "altLabels", "score", "match", "matchedName", "page"}
    assert suggestions[0]["matchedName"] == "华润集团"  # the look-alike is offered, not answered


def test_a_hit_is_marked_and_comes_apart_from_the_suggestions(client: httpx.Client) -> None:
    answer = _lookup(client, q="涼山稀土", limit=4)
    assert answer["found"] is True and answer["floor"] == 75
    first = answer["hits"][0]
    assert first["iri"] == LIANGSHAN and first["suggestion"] is False and first["score"] >= answer["floor"]
    assert all(hit["suggestion"] is False for hit in answer["hits"])
    assert all(s["suggestion"] is True and s["score"] < answer["floor"] for s in answer["suggestions"])
    assert len(answer["hits"]) + len(answer["suggestions"]) <= 4


def test_suggest_marks_what_is_below_the_floor(client: httpx.Client) -> None:
    guesses = client.get("/api/suggest", params={"q": "华能集团"}).json()
    assert guesses and all(item["suggestion"] is True for item in guesses)
    exact = client.get("/api/suggest", params={"q": "凉山稀土"}).json()
    assert exact[0]["iri"] == LIANGSHAN and exact[0]["suggestion"] is False


@pytest.mark.parametrize(
    ("path", "params", "name"),
    [
        ("/api/path", {"from": "华能集团", "to": "凉山稀土"}, "华能集团"),
        ("/api/path", {"from": "凉山稀土", "to": "Toyota Motor"}, "Toyota Motor"),
        ("/api/network", {"focus": "中国石油"}, "中国石油"),  # only a prefix of a university's name
        ("/api/network", {"focus": "凉山稀土", "path_to": "廣東稀土"}, "廣東稀土"),
    ],
)
def test_a_route_that_takes_a_name_answers_404_with_suggestions(
    client: httpx.Client, path: str, params: dict[str, str], name: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 404, response.text
    error = response.json()["error"]
    assert error["status"] == 404 and name in error["message"] and error["query"] == name
    assert error["suggestions"], "a look-alike is offered"
    assert all(item["suggestion"] is True and item["score"] < 75 for item in error["suggestions"])


def test_a_route_that_takes_a_name_resolves_a_hit(client: httpx.Client) -> None:
    data = client.get("/api/path", params={"from": "Liangshan Rare Earths", "to": "中國稀土集團"}).json()
    assert data["from"]["iri"] == LIANGSHAN
    assert data["to"]["iri"] == "https://w3id.org/rekg/id/group/china-rare-earth-group"
    assert client.get("/api/network", params={"focus": "凉山稀土有限公司"}).json()["focus"] == LIANGSHAN


def test_the_api_description_declares_the_shapes(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    answer = spec["paths"]["/api/lookup"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert answer["$ref"].endswith("/LookupAnswer")
    assert set(schemas["LookupAnswer"]["required"]) >= {"found", "floor", "hits", "suggestions"}
    assert "suggestion" in schemas["LookupItem"]["required"]
    for path in ("/api/path", "/api/network"):
        missing = spec["paths"][path]["get"]["responses"]["404"]["content"]["application/json"]["schema"]
        assert missing["$ref"].endswith("/NameNotFoundBody")
    assert {"query", "suggestions"} <= set(schemas["NameNotFoundDetail"]["properties"])


def test_search_page_says_did_you_mean_for_a_name_the_graph_lacks(client: httpx.Client) -> None:
    page = client.get("/search", params={"q": "华能集团"}, headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "No entity is named “华能集团”" in page.text and "Did you mean" in page.text
    assert 'href="/id/group/hua-run-ji-tuan"' in page.text
    assert 'class="hits suggestions-list"' in page.text and '<ol class="hits">' not in page.text


def test_pages_that_take_a_name_say_did_you_mean(client: httpx.Client) -> None:
    html = {"Accept": "text/html"}
    path = client.get("/path", params={"from": "华能集团", "to": "凉山稀土"}, headers=html)
    assert path.status_code == 200 and "Did you mean" in path.text
    assert "/path?from=https%3A%2F%2Fw3id.org%2Frekg%2Fid%2Fgroup%2Fhua-run-ji-tuan&amp;to=" in path.text
    graph = client.get("/graph", params={"focus": "华能集团"}, headers=html)
    assert graph.status_code == 404 and graph.headers["content-type"].startswith("text/html")
    assert "Did you mean" in graph.text and 'href="/id/group/hua-run-ji-tuan"' in graph.text
