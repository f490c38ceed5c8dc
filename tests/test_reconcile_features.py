"""The reconciliation service's other features over HTTP, as OpenRefine calls them: suggest (``prefix``,
``cursor``; JSON by CORS, or JSONP with ``callback=``, which OpenRefine falls back to), the entity flyout, the
HTML preview (escaped, framable), data extension and its property proposals. JSON answers are checked against
the official 0.2 schemas."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_server import serve_store
from test_reconcile_schemas import check, report_validated

LIANGSHAN = "company/liangshan-rare-earth"
RESOURCES = "company/china-rare-earth-resources-and-technology"
CISRI = "group/cisri"  # China Iron & Steel Research Institute Group: an ampersand to escape
_JSONP = re.compile(r"^/\*\*/(?P<callback>[\w$.]+)\((?P<json>.*)\);$", re.DOTALL)


@pytest.fixture(scope="module")
def base(built_store_dir: Path) -> Iterator[str]:
    with serve_store(built_store_dir) as url:
        yield url
    print(report_validated())


def get(base: str, path: str, schema: str, **params: Any) -> Any:
    response = httpx.get(f"{base}{path}", params=params)
    assert response.status_code == 200, response.text[:300]
    if "callback" in params:
        assert response.headers["content-type"].startswith("text/javascript")
        found = _JSONP.match(response.text)
        assert found and found["callback"] == params["callback"], response.text[:200]
        return check(schema, json.loads(found["json"]))
    assert response.headers["content-type"].startswith("application/json")
    return check(schema, response.json())


def test_suggest_entities_by_prefix_with_cursor_paging(base: str) -> None:
    first = get(base, "/reconcile/suggest/entity", "suggest-entities-response", prefix="凉山稀土")["result"]
    assert first[0]["id"] == LIANGSHAN and first[0]["notable"] == [{"id": "Company", "name": "Company 公司"}]
    whole = get(base, "/reconcile/suggest/entity", "suggest-entities-response", prefix="稀土", limit=12)[
        "result"
    ]
    page1 = get(base, "/reconcile/suggest/entity", "suggest-entities-response", prefix="稀土", limit=6)[
        "result"
    ]
    page2 = get(
        base, "/reconcile/suggest/entity", "suggest-entities-response", prefix="稀土", limit=6, cursor=6
    )
    assert len(whole) == 12 and page1 + page2["result"] == whole
    for prefix in ("涼山", "liangshan", "Liangshan Rare", LIANGSHAN):
        found = get(base, "/reconcile/suggest/entity", "suggest-entities-response", prefix=prefix)["result"]
        assert LIANGSHAN in [item["id"] for item in found[:3]], prefix
    typed = get(base, "/reconcile/suggest/entity", "suggest-entities-response", prefix="凉山", type="Place")
    assert typed["result"] and all(item["notable"][0]["id"] == "Place" for item in typed["result"])
    assert get(base, "/reconcile/suggest/entity", "suggest-entities-response", prefix="")["result"] == []


def test_suggest_answers_jsonp_when_a_callback_is_named(base: str) -> None:
    found = get(
        base, "/reconcile/suggest/entity", "suggest-entities-response", prefix="广晟", callback="jQuery1_2"
    )
    assert found["result"][0]["id"] == "company/guangsheng-nonferrous-metals"
    get(base, "/reconcile/suggest/type", "suggest-types-response", prefix="mine", callback="cb")
    get(base, "/reconcile/suggest/property", "suggest-properties-response", prefix="code", callback="a.b")
    get(base, "/reconcile", "manifest", callback="jQuery1")
    queries = json.dumps({"q0": {"query": "凉山稀土"}})
    get(base, "/reconcile", "reconciliation-result-batch", queries=queries, callback="jQuery2")
    refused = httpx.get(f"{base}/reconcile/suggest/entity", params={"prefix": "x", "callback": "alert(1)//"})
    assert refused.status_code == 400


def test_suggest_types_and_properties(base: str) -> None:
    types = get(base, "/reconcile/suggest/type", "suggest-types-response", prefix="comp")["result"]
    assert [t["id"] for t in types] == ["Company"]
    assert [
        t["id"]
        for t in get(base, "/reconcile/suggest/type", "suggest-types-response", prefix="矿山")["result"]
    ] == ["Mine"]
    every = get(base, "/reconcile/suggest/type", "suggest-types-response", limit=50)["result"]
    assert (
        len(every) == 14
        and get(base, "/reconcile/suggest/type", "suggest-types-response", cursor=10)["result"] == every[10:]
    )
    props = get(base, "/reconcile/suggest/property", "suggest-properties-response", prefix="stock")["result"]
    assert [p["id"] for p in props] == ["stockCode"]
    parent = get(base, "/reconcile/suggest/property", "suggest-properties-response", prefix="母公司")[
        "result"
    ]
    assert [p["id"] for p in parent] == ["subsidiaryOf"]


def test_flyout_and_preview_escape_every_name(base: str) -> None:
    flyout = httpx.get(f"{base}/reconcile/flyout/entity", params={"id": CISRI}).json()
    assert (
        flyout["id"] == CISRI
        and "Iron &amp; Steel" in flyout["html"]
        and "Iron & Steel" not in flyout["html"]
    )
    page = httpx.get(f"{base}/reconcile/preview", params={"id": CISRI})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Iron &amp; Steel" in page.text and "Iron & Steel" not in page.text
    assert "frame-ancestors *" in page.headers["content-security-policy"]  # OpenRefine frames it
    assert "script-src" not in page.headers["content-security-policy"] and "<script" not in page.text
    listed = httpx.get(f"{base}/reconcile/preview", params={"id": RESOURCES}).text
    assert "000831" in listed and "中国稀土集团有限公司" in listed  # stock code, parent
    for hostile in ("<script>alert(1)</script>", "company/<b>x</b>"):
        for path in ("/reconcile/preview", "/reconcile/flyout/entity"):
            missing = httpx.get(f"{base}{path}", params={"id": hostile}, headers={"Accept": "text/html"})
            assert missing.status_code == 404 and "<script>" not in missing.text and "<b>" not in missing.text


def test_data_extension_gives_codes_parents_names_types_and_places(base: str) -> None:
    request = {
        "ids": [LIANGSHAN, RESOURCES, "company/fang-xing-xi-tu-you-xian-gong-si", "company/no-such-company"],
        "properties": [{"id": p} for p in
                       ("stockCode", "subsidiaryOf", "name_en", "name_zh", "name_zh_hant", "type", "locatedIn")],
    }  # fmt: skip
    check("data-extension-query", request)
    response = httpx.post(f"{base}/reconcile", data={"extend": json.dumps(request)})
    assert response.status_code == 200, response.text[:300]
    answer = check("data-extension-response", response.json())
    assert [column["id"] for column in answer["meta"]] == [p["id"] for p in request["properties"]]
    rows = answer["rows"]
    assert rows[RESOURCES]["stockCode"] == [{"str": "000831"}]
    assert rows[LIANGSHAN]["subsidiaryOf"] == [
        {"id": "group/china-rare-earth-group", "name": "中国稀土集团有限公司"}
    ]
    assert rows[LIANGSHAN]["name_en"] == [{"str": "China Rare Earth (Liangshan) Rare Earth Co., Ltd."}]
    assert rows[LIANGSHAN]["name_zh"] == [{"str": "中稀(凉山)稀土有限公司"}]
    assert rows[RESOURCES]["name_zh_hant"] and rows[LIANGSHAN]["type"] == [{"str": "Company"}]
    assert {"id": "place/mianning-county", "name": "冕宁县"} in rows[
        "company/fang-xing-xi-tu-you-xian-gong-si"
    ]["locatedIn"]
    assert all(values == [] for values in rows["company/no-such-company"].values())
    by_get = httpx.get(f"{base}/reconcile", params={"extend": json.dumps(request)})
    assert check("data-extension-response", by_get.json()) == answer


def test_property_proposals_by_type(base: str) -> None:
    company = get(base, "/reconcile/properties", "data-extension-property-proposal", type="Company", limit=10)
    assert company["type"] == "Company" and company["limit"] == 10
    assert {"stockCode", "subsidiaryOf", "locatedIn", "name_en", "name_zh", "type"} <= {
        p["id"] for p in company["properties"]
    }
    place = get(base, "/reconcile/properties", "data-extension-property-proposal", type="Place")
    assert "stockCode" not in {p["id"] for p in place["properties"]}
    every = get(base, "/reconcile/properties", "data-extension-property-proposal", callback="cb")
    assert len(every["properties"]) == 7
    assert httpx.get(f"{base}/reconcile/properties", params={"type": "Dragon"}).status_code == 400


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/reconcile/suggest/entity", {"prefix": "x", "cursor": -1}),
        ("/reconcile/suggest/entity", {"prefix": "x", "cursor": "a"}),
        ("/reconcile/suggest/entity", {"prefix": "x", "limit": 0}),
        ("/reconcile/suggest/entity", {"prefix": "x", "type": "Dragon"}),
        ("/reconcile/suggest/entity", {"prefix": "x" * 201}),
        ("/reconcile/suggest/type", {"prefix": "x", "callback": "1a"}),
        ("/reconcile/flyout/entity", {}),
        ("/reconcile/flyout/entity", {"id": "company/none"}),
        ("/reconcile/preview", {}),
        ("/reconcile/properties", {"limit": 0}),
    ],
)
def test_bad_parameters_are_a_4xx(base: str, path: str, params: dict[str, Any]) -> None:
    response = httpx.get(f"{base}{path}", params=params)
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:200])


def test_the_service_follows_a_write_to_the_store(built_store_dir: Path, tmp_path: Path) -> None:
    """The reconciliation service answers from the store the server has open, and after a writer changes it,
    from the reopened one (its catalogue of stock codes is built again)."""
    store = tmp_path / "store"
    shutil.copytree(built_store_dir, store)
    code = tmp_path / "code.ttl"
    code.write_text(
        f'<https://w3id.org/rekg/id/{LIANGSHAN}> <https://w3id.org/rekg/ontology#stockCode> "688888" .\n'
    )
    queries = {"data": {"queries": json.dumps({"q": {"query": "688888.SH"}})}}
    with serve_store(store) as url:
        before = check("reconciliation-result-batch", httpx.post(f"{url}/reconcile", **queries).json())
        assert not any(c["id"] == LIANGSHAN for c in before["q"]["result"])
        load = [
            sys.executable,
            "-m",
            "rekg.cli",
            "load",
            "--store",
            str(store),
            "--graph",
            "https://example.org/codes",
            str(code),
        ]
        subprocess.run(load, check=True, capture_output=True)
        deadline = time.monotonic() + 30
        while True:
            after = check("reconciliation-result-batch", httpx.post(f"{url}/reconcile", **queries).json())
            if after["q"]["result"] and after["q"]["result"][0]["id"] == LIANGSHAN:
                break
            assert time.monotonic() < deadline, "the service did not take in the write"
            time.sleep(0.3)
        assert after["q"]["result"][0]["match"]
