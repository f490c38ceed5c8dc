"""The reconciliation service (W3C Reconciliation API 0.2) driven over HTTP as OpenRefine drives it: the
manifest, batches of queries as a form POST (``queries=``) and by GET, types, limits, properties, the match
decision, the 30-name spreadsheet, CORS, sizes and malformed input. Every JSON answer is checked against the
official 0.2 schemas (``tests/data/reconcile/schemas``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_server import serve_store
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_reconcile_schemas import check, read_sheet, report_validated, sheet_queries, tally

from rekg.api.reconcile import MAX_BATCH
from rekg.api.routes_reconcile import MAX_BODY
from rekg.ontology import ENTITY_CLASSES, REK_IRI

LIANGSHAN = "company/liangshan-rare-earth"
RESOURCES = "company/china-rare-earth-resources-and-technology"  # 中国稀土, stock code 000831
CREG = "group/china-rare-earth-group"


@pytest.fixture(scope="module")
def base(built_store_dir: Path) -> Iterator[str]:
    with serve_store(built_store_dir) as url:
        yield url
    print(report_validated())


def reconcile(base: str, queries: dict[str, Any], *, method: str = "POST") -> dict[str, Any]:
    """Send a batch as OpenRefine does (a form POST, or a GET), both checked against the 0.2 schemas."""
    check("reconciliation-query-batch", queries)
    text = json.dumps(queries, ensure_ascii=False)
    if method == "POST":
        response = httpx.post(f"{base}/reconcile", data={"queries": text}, timeout=60)
    else:
        response = httpx.get(f"{base}/reconcile", params={"queries": text}, timeout=60)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return check("reconciliation-result-batch", response.json())


def one(base: str, query: dict[str, Any]) -> list[dict[str, Any]]:
    return reconcile(base, {"q0": query})["q0"]["result"]


def test_manifest_validates_with_absolute_templated_urls(base: str) -> None:
    manifest = check("manifest", httpx.get(f"{base}/reconcile").json())
    assert manifest["versions"] == ["0.2"]
    assert manifest["view"]["url"] == f"{base}/id/{{{{id}}}}"
    assert (
        manifest["preview"]["url"].startswith(f"{base}/reconcile/preview?")
        and "{{id}}" in manifest["preview"]["url"]
    )
    for service in manifest["suggest"].values():
        assert service["service_url"] == base and service["service_path"].startswith("/reconcile/suggest/")
    assert "${id}" in manifest["suggest"]["entity"]["flyout_service_path"]
    assert manifest["extend"]["propose_properties"] == {
        "service_url": base,
        "service_path": "/reconcile/properties",
    }
    assert {t["id"] for t in manifest["defaultTypes"]} == {
        str(c).removeprefix(REK_IRI) for c in ENTITY_CLASSES
    }
    assert all(REK_IRI + t["id"] in {str(c) for c in ENTITY_CLASSES} for t in manifest["defaultTypes"])
    proxied = httpx.get(f"{base}/reconcile", headers={"Host": "rekg.example.org:8080"}).json()
    assert proxied["view"]["url"] == "http://rekg.example.org:8080/id/{{id}}"  # the address the client used
    company = one(base, {"query": "凉山稀土"})[0]
    assert manifest["identifierSpace"] + company["id"] == "https://w3id.org/rekg/id/" + LIANGSHAN
    # the view template gives the entity's page, with the identifier encoded as a URI component or not
    for identifier in (company["id"], company["id"].replace("/", "%2F")):
        page = httpx.get(
            manifest["view"]["url"].replace("{{id}}", identifier), headers={"Accept": "text/html"}
        )
        assert page.status_code == 200 and "中稀(凉山)稀土有限公司" in page.text


def test_a_batch_by_form_post_and_by_get_echoes_every_key(base: str) -> None:
    queries = {
        "q0": {"query": "凉山稀土"},
        "row 17": {"query": "广晟有色", "limit": 3},
        "名字": {"query": "China Rare Earth Group", "type": "EnterpriseGroup"},
        "": {"query": "华能集团"},
        "q1": {"query": "   "},
    }
    posted = reconcile(base, queries)
    assert list(posted) == list(queries)
    assert reconcile(base, queries, method="GET") == posted
    assert posted["q0"]["result"][0]["id"] == LIANGSHAN
    assert len(posted["row 17"]["result"]) <= 3
    assert posted["名字"]["result"][0]["id"] == CREG
    assert posted["q1"]["result"] == []


def test_names_in_every_script_reconcile_to_the_same_entity(base: str) -> None:
    names = ["中稀(凉山)稀土有限公司", "凉山稀土", "涼山稀土", "Liangshan Rare Earth", "liangshan xitu",
             "liáng shān xī tǔ", "梁山稀土", "China Rare Earth (Liangshan) Rare Earth Co., Ltd.", LIANGSHAN]  # fmt: skip
    answers = reconcile(base, {f"n{i}": {"query": name} for i, name in enumerate(names)})
    for i, name in enumerate(names):
        top = answers[f"n{i}"]["result"][0]
        assert (top["id"], top["match"]) == (LIANGSHAN, True), name


def test_candidates_are_sorted_scored_0_to_100_and_only_the_top_can_match(base: str) -> None:
    answers = reconcile(base, {f"q{i}": {"query": q, "limit": 10} for i, q in enumerate(
        ["凉山稀土", "中国稀土", "Chinalco", "稀土", "华能集团", "北方稀土"])})  # fmt: skip
    for result in answers.values():
        scores = [c["score"] for c in result["result"]]
        assert scores == sorted(scores, reverse=True)
        assert all(0 <= s <= 100 for s in scores)
        assert not any(c["match"] for c in result["result"][1:])


@pytest.mark.parametrize(
    "name",
    ["华能集团", "广东稀土", "北方稀土集团", "中国石油", "Lynas Rare Earths", "MP Materials", "盛和资源", "稀土",
     "Xiamen Tungsteen Group", "凉山稀士"],
)  # fmt: skip
def test_names_the_graph_lacks_and_near_neighbours_never_match(base: str, name: str) -> None:
    result = one(base, {"query": name, "limit": 10})
    assert not any(c["match"] for c in result), result[:2]


def test_an_ambiguous_name_is_matched_only_once_a_type_or_a_property_decides(base: str) -> None:
    plain = one(base, {"query": "Liangshan"})
    assert (
        plain[0]["id"] == LIANGSHAN and not plain[0]["match"]
    )  # a company, a tailings site and a prefecture
    typed = one(base, {"query": "Liangshan", "type": "Company"})
    assert (typed[0]["id"], typed[0]["match"]) == (LIANGSHAN, True)
    assert all(c["type"][0]["id"] == "Company" for c in typed)
    listed = one(base, {"query": "Liangshan", "type": ["Company", "Place"]})
    assert {c["type"][0]["id"] for c in listed} <= {"Company", "Place"}
    by_parent = one(
        base, {"query": "Liangshan", "properties": [{"pid": "subsidiaryOf", "v": "中國稀土集團"}]}
    )
    assert (by_parent[0]["id"], by_parent[0]["match"]) == (LIANGSHAN, True)
    assert {"id": "subsidiaryOf", "value": 1} in by_parent[0]["features"]


def test_types_name_their_narrower_types_and_unknown_ones_are_refused(base: str) -> None:
    organisations = one(base, {"query": "中国稀土集团", "type": "Organization", "limit": 10})
    assert organisations[0]["id"] == CREG
    by_iri = one(base, {"query": "白云鄂博", "type": REK_IRI + "Mine"})
    assert by_iri[0]["id"] == "mine/bayan-obo-mine" and by_iri[0]["match"]
    assert (
        one(base, {"query": "白云鄂博", "type": "Company"}) == []
        or not one(base, {"query": "白云鄂博", "type": "Company"})[0]["match"]
    )
    refused = httpx.post(
        f"{base}/reconcile", data={"queries": json.dumps({"q": {"query": "x", "type": "Dragon"}})}
    )
    assert refused.status_code == 400 and "unknown type" in refused.json()["error"]["message"]


def test_a_stock_code_confirms_or_contradicts_a_candidate(base: str) -> None:
    confirmed = one(base, {"query": "中国稀土", "properties": [{"pid": "stockCode", "v": "000831.SZ"}]})
    assert (confirmed[0]["id"], confirmed[0]["match"]) == (RESOURCES, True)
    assert {"id": "stockCode", "value": 1} in confirmed[0]["features"]
    contradicted = one(base, {"query": "中国稀土", "properties": [{"pid": "stockCode", "v": "600111"}]})
    top = next(c for c in contradicted if c["id"] == RESOURCES)
    assert not top["match"] and top["score"] < confirmed[0]["score"]
    assert {"id": "stockCode", "value": -1} in top["features"]
    by_code = one(base, {"query": "SZ000831"})
    assert (by_code[0]["id"], by_code[0]["match"]) == (RESOURCES, True)
    only_code = one(base, {"properties": [{"pid": "ticker", "v": 831}]})  # a spreadsheet's number, no name
    assert (only_code[0]["id"], only_code[0]["match"]) == (RESOURCES, True)


def test_a_parent_given_as_a_reconciled_entity_and_a_place_count(base: str) -> None:
    parent = {"pid": "parent", "v": [{"id": CREG, "name": "中国稀土集团"}]}
    found = one(base, {"query": "广晟有色", "properties": [parent]})
    assert found[0]["id"] == "company/guangsheng-nonferrous-metals" and found[0]["match"]
    assert {"id": "subsidiaryOf", "value": 1} in found[0]["features"]
    above = one(base, {"query": "广晟有色", "properties": [{"pid": "subsidiaryOf", "v": "中国铝业集团"}]})
    assert above[0]["match"]  # Chinalco holds shares in China Rare Earth Group, which owns 广晟有色: an owner
    wrong = one(base, {"query": "广晟有色", "properties": [{"pid": "subsidiaryOf", "v": "华润集团"}]})
    assert not wrong[0]["match"] and {"id": "subsidiaryOf", "value": -1} in wrong[0]["features"]
    placed = one(base, {"query": "方兴稀土", "properties": [{"pid": "locatedIn", "v": "四川省冕宁县"}]})
    assert {"id": "locatedIn", "value": 1} in placed[0]["features"]
    unknown = one(base, {"query": "凉山稀土", "properties": [{"pid": "P31", "v": "x"}]})  # not compared
    assert unknown[0]["match"] and [f["id"] for f in unknown[0]["features"]] == ["name"]
    empty = one(
        base, {"query": "中国稀土", "properties": [{"pid": "stockCode", "v": ["", " "]}]}
    )  # blank cells
    assert empty[0]["match"] and [f["id"] for f in empty[0]["features"]] == ["name"]


def test_limits(base: str) -> None:
    assert len(one(base, {"query": "稀土", "limit": 1})) == 1
    assert len(one(base, {"query": "稀土", "limit": 7.0})) == 7
    assert len(one(base, {"query": "稀土"})) == 5  # the default
    for limit in (0, -1, 1.5, "3", True):
        answer = httpx.post(
            f"{base}/reconcile", data={"queries": json.dumps({"q": {"query": "稀土", "limit": limit}})}
        )
        assert answer.status_code == 400 and "limit" in answer.json()["error"]["message"], limit


def test_the_thirty_name_sheet(base: str) -> None:
    rows = read_sheet()
    found = tally(rows, reconcile(base, sheet_queries(rows)))
    print("\n".join(found.lines()))
    assert found.matched_wrongly == 0
    assert found.absent_unmatched == found.absent
    assert found.top1_right >= found.present - 1
    assert found.matched_right >= found.present - 3


def test_large_batches_are_answered_in_full_up_to_the_limit_then_refused_with_413(base: str) -> None:
    batch = {f"k{i}": {"query": name} for i, name in enumerate(["凉山稀土", "华能集团", "Chinalco"] * 40)}
    assert len(reconcile(base, batch)) == 120  # over the advertised batchSize (50): answered in full
    too_many = {f"k{i}": {"query": "x"} for i in range(MAX_BATCH + 1)}
    refused = httpx.post(f"{base}/reconcile", data={"queries": json.dumps(too_many)})
    assert refused.status_code == 413 and str(MAX_BATCH) in refused.json()["error"]["message"]
    ids = json.dumps({"ids": [LIANGSHAN] * (MAX_BATCH + 1), "properties": [{"id": "name_en"}]})
    refused = httpx.post(f"{base}/reconcile", data={"extend": ids})
    assert refused.status_code == 413 and str(MAX_BATCH) in refused.json()["error"]["message"]
    huge = httpx.post(f"{base}/reconcile", data={"queries": "x" * (MAX_BODY + 10)})
    assert huge.status_code == 413 and "bytes" in huge.json()["error"]["message"]


MALFORMED = [
    {"queries": "not json"},
    {"queries": "[1, 2]"},
    {"queries": '{"q0": "凉山稀土"}'},
    {"queries": '{"q0": {"query": 42}}'},
    {"queries": '{"q0": {"query": "a", "colour": "red"}}'},
    {"queries": '{"q0": {"type": "Company"}}'},
    {"queries": '{"q0": {"query": "a", "type": 3}}'},
    {"queries": '{"q0": {"query": "a", "type_strict": "sometimes"}}'},
    {"queries": '{"q0": {"query": "a", "properties": {"pid": "x"}}}'},
    {"queries": '{"q0": {"query": "a", "properties": [{"v": "x"}]}}'},
    {"queries": '{"q0": {"query": "a", "properties": [{"pid": "parent", "v": {"name": "no id"}}]}}'},
    {"queries": '{"q0": {"query": "a", "properties": [{"pid": "parent", "v": null}]}}'},
    {"queries": '{"q0": {"query": "a", "limit": NaN}}'},
    {"queries": "[" * 50_000},
    {"queries": '{"\\ud800": {"query": "x"}}'},
    {"queries": '{"q0": {"query": "\\udfff"}}'},
    {"extend": '{"ids": "x", "properties": []}'},
    {"extend": '{"ids": ["company/x"], "properties": [{"id": "colour"}]}'},
    {"queries": '{"q0": {"query": "a"}}', "extend": '{"ids": [], "properties": []}'},
    {},
]


@pytest.mark.parametrize("form", MALFORMED)
def test_malformed_input_is_a_4xx_with_a_message(base: str, form: dict[str, str]) -> None:
    answer = httpx.post(f"{base}/reconcile", data=form, headers={"Origin": "http://127.0.0.1:3333"})
    assert 400 <= answer.status_code < 500, (answer.status_code, answer.text[:300])
    assert answer.json()["error"]["message"]
    assert answer.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize(
    ("content", "headers", "status"),
    [
        (b"queries=%ff%fe", {"Content-Type": "application/x-www-form-urlencoded"}, 400),
        (b'{"q0": {"query": "a"}}', {"Content-Type": "application/json"}, 415),
        (b"queries=a&queries=b", {"Content-Type": "application/x-www-form-urlencoded"}, 400),
    ],
)
def test_malformed_bodies_are_refused(
    base: str, content: bytes, headers: dict[str, str], status: int
) -> None:
    answer = httpx.post(f"{base}/reconcile", content=content, headers=headers)
    assert answer.status_code == status, answer.text[:300]


def test_cors_on_every_answer_and_on_preflight(base: str) -> None:
    origin = {"Origin": "http://127.0.0.1:3333"}
    for response in (
        httpx.get(f"{base}/reconcile", headers=origin),
        httpx.get(f"{base}/reconcile"),  # no Origin: the header is there all the same
        httpx.post(f"{base}/reconcile", data={"queries": '{"q": {"query": "凉山稀土"}}'}, headers=origin),
        httpx.get(f"{base}/reconcile/suggest/entity", params={"prefix": "凉山"}, headers=origin),
        httpx.get(f"{base}/reconcile/preview", params={"id": "company/none"}, headers=origin),  # a 404
        httpx.get(f"{base}/reconcile/suggest/entity", params={"cursor": -1}, headers=origin),  # a 422
    ):
        assert response.headers.get("access-control-allow-origin") == "*", response.request.url
    preflight = httpx.options(
        f"{base}/reconcile",
        headers={
            **origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()
    elsewhere = httpx.get(f"{base}/api/lookup", params={"q": "凉山稀土"}, headers=origin)
    assert "access-control-allow-origin" not in elsewhere.headers  # the rest of the app is as it was


_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
_JSON = st.recursive(
    _SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=10,
)  # fmt: skip
_VALUE = _JSON | st.sampled_from(["凉山稀土", "Company", ["Company", "Mine"], "000831", 3, 0, -2])
_PROPERTY = st.fixed_dictionaries(
    {}, optional={"pid": _VALUE | st.sampled_from(["stockCode", "parent"]), "v": _VALUE}
)
_QUERY = st.fixed_dictionaries(
    {},
    optional={"query": _VALUE, "type": _VALUE, "limit": _VALUE, "type_strict": _VALUE,
              "properties": _JSON | st.lists(_PROPERTY, max_size=3)},
)  # fmt: skip
_WELL_FORMED = st.dictionaries(
    st.text(max_size=10),
    st.fixed_dictionaries(
        {"query": st.text(max_size=40)},
        optional={"limit": st.integers(1, 20), "type": st.sampled_from(["Company", "Organization", ["Mine", "Place"]])},
    ),
    max_size=4,
)  # fmt: skip
_BATCH = _WELL_FORMED | _JSON | st.dictionaries(st.text(max_size=10), _QUERY | _JSON, max_size=4)


def test_any_json_is_answered_or_refused_never_a_5xx(base: str) -> None:
    with httpx.Client(base_url=base, timeout=30) as client:

        @given(batch=_BATCH, extension=_JSON, prefix=st.text(max_size=50))
        @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def send(batch: Any, extension: Any, prefix: str) -> None:
            answer = client.post("/reconcile", data={"queries": json.dumps(batch, ensure_ascii=False)})
            assert answer.status_code in (200, 400), (answer.status_code, answer.text[:300])
            if answer.status_code == 200:
                check("reconciliation-result-batch", answer.json())
                assert list(answer.json()) == list(batch)
            else:
                assert answer.json()["error"]["message"]
            extended = client.post("/reconcile", data={"extend": json.dumps(extension, ensure_ascii=False)})
            assert extended.status_code == 400 and extended.json()["error"]["message"]  # never a valid query
            suggested = client.get("/reconcile/suggest/entity", params={"prefix": prefix})
            assert suggested.status_code in (200, 400, 422), suggested.text[:300]

        send()
