"""Lookups by name over HTTP: /api/lookup, /api/suggest and the /search page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from api_server import serve_store

LIANGSHAN = "https://w3id.org/rekg/id/company/liangshan-rare-earth"
GUANGSHENG = "广晟有色金属股份有限公司"


@pytest.fixture(scope="module")
def client(built_store_dir: Path) -> Iterator[httpx.Client]:
    with serve_store(built_store_dir) as url, httpx.Client(base_url=url, timeout=30) as http:
        yield http


def _hits(client: httpx.Client, **params: object) -> list[dict]:  # type: ignore[type-arg]
    response = client.get("/api/lookup", params=params)
    assert response.status_code == 200, response.text
    return response.json()["hits"]


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
    order = {"exact": 0, "alias": 1, "pinyin": 2, "word": 2, "initials": 3, "prefix": 4, "fuzzy": 5}
    ranks = [order[hit["match"]] for hit in hits]
    assert ranks == sorted(ranks)


def test_short_names_and_misspellings(client: httpx.Client) -> None:
    hit = _hits(client, q="广晟有色")[0]
    assert hit["labels"]["zh-Hans"] == GUANGSHENG and hit["match"] == "alias"
    fuzzy = _hits(client, q="广晟有色金属股份有限责任公司")[0]
    assert fuzzy["labels"]["zh-Hans"] == GUANGSHENG and fuzzy["match"] == "fuzzy"
    english = _hits(client, q="Guangsheng Nonferous Metals")[0]
    assert english["labels"]["zh-Hans"] == GUANGSHENG


def test_type_filter_and_limit(client: httpx.Client) -> None:
    places = _hits(client, q="凉山", type="place", limit=5)
    assert places and all(hit["kind"] == "place" for hit in places)
    assert len(_hits(client, q="稀土", limit=3)) == 3
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
        assert set(suggestion) >= {"iri", "kind", "label", "labels", "page", "match"}
        assert suggestion["labels"]["zh"] and suggestion["labels"]["en"]
    english = client.get("/api/suggest", params={"q": "liangshan xitu", "lang": "en"}).json()
    assert english[0]["label"] == "China Rare Earth (Liangshan) Rare Earth Co., Ltd."


def test_search_page_is_the_html_twin(client: httpx.Client) -> None:
    page = client.get("/search", params={"q": "凉山稀土"}, headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "中稀(凉山)稀土有限公司" in page.text
    assert 'href="/id/company/liangshan-rare-earth"' in page.text
    assert "China Rare Earth (Liangshan) Rare Earth Co., Ltd." in page.text
