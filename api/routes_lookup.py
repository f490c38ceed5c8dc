"""Lookups by name (``/api/lookup``), autocomplete (``/api/suggest``) and their HTML twin (``/search``)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from rekg.api.entities import Describer
from rekg.api.network import label_in
from rekg.api.problems import BadRequestError, error_responses
from rekg.api.rendering import render
from rekg.api.state import DescriberDep, IndexDep, StateDep
from rekg.graph.lookup import KIND_ORDER, LookupHit, NameIndex

router = APIRouter(tags=["Lookup"])

NameQuery = Annotated[
    str,
    Query(
        min_length=1,
        max_length=200,
        description="A name: simplified or traditional Chinese, English, pinyin (tones and spaces optional), "
        "initials, a short name or an alias",
    ),
]
KindQuery = Annotated[
    str | None,
    Query(
        alias="type",
        description="Only entities of this kind",
        json_schema_extra={"enum": list(KIND_ORDER)},
    ),
]


def _search(index: NameIndex, q: str, kind: str | None, limit: int) -> list[LookupHit]:
    if kind is not None and kind not in KIND_ORDER:
        raise BadRequestError(f"unknown type {kind!r}; use one of {', '.join(KIND_ORDER)}")
    return index.lookup(q, kind=kind or None, limit=limit)


def _hit_json(describer: Describer, hit: LookupHit) -> dict[str, Any]:
    return {**hit.as_json(), "page": describer.path(hit.iri)}


def lookup_json(
    index: NameIndex, describer: Describer, q: str, kind: str | None, limit: int
) -> dict[str, Any]:
    hits = _search(index, q, kind, limit)
    return {"query": q, "type": kind, "hits": [_hit_json(describer, hit) for hit in hits]}


def json_bytes(data: Any) -> bytes:
    """``data`` as the compact UTF-8 JSON FastAPI would send."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def json_response(data: Any) -> Response:
    """A JSON answer made in the route's own thread. A route that returned ``data`` itself would have FastAPI
    validate it against the return type and serialise it in a second trip to the thread pool; these routes
    answer on every keystroke of a search box, so they skip that."""
    return Response(json_bytes(data), media_type="application/json")


@router.get(
    "/api/lookup",
    summary="Find entities by name",
    response_model=dict[str, Any],
    responses=error_responses(400, 422),
)
def lookup(
    state: StateDep,
    q: NameQuery,
    kind: KindQuery = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> Response:
    """Entities whose names match ``q``, ranked exact > alias > pinyin > prefix > fuzzy. Each hit has the IRI,
    kind, labels in every language, aliases, score and how it matched (``match``, ``matchedName``)."""
    return json_response(lookup_json(state.index, state.describer, q, kind, limit))


@router.get(
    "/api/suggest",
    summary="Autocomplete names",
    response_model=list[dict[str, Any]],
    responses=error_responses(400, 422),
)
def suggest(
    state: StateDep,
    q: NameQuery,
    kind: KindQuery = None,
    limit: Annotated[int, Query(ge=1, le=20)] = 8,
    lang: Annotated[str, Query(pattern="^(zh|en)$")] = "zh",
) -> Response:
    """A short list for a search box: IRI, kind, one label in ``lang`` (and both), page, how it matched."""
    suggestions = [
        {
            "iri": hit.iri,
            "kind": hit.kind,
            "label": label_in(hit.labels, lang, hit.iri),
            "labels": {"zh": label_in(hit.labels, "zh", hit.iri), "en": label_in(hit.labels, "en", hit.iri)},
            "match": hit.match,
            "matchedName": hit.matched_name,
            "page": state.describer.path(hit.iri),
        }
        for hit in _search(state.index, q, kind, limit)
    ]
    return json_response(suggestions)


@router.get("/search", summary="Lookup results as a page", include_in_schema=False)
def search_page(
    request: Request,
    index: IndexDep,
    describer: DescriberDep,
    q: Annotated[str, Query(max_length=200)] = "",
    kind: KindQuery = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Response:
    """HTML twin of ``/api/lookup``."""
    result = (
        lookup_json(index, describer, q, kind, limit) if q.strip() else {"query": q, "type": kind, "hits": []}
    )
    context = {"result": result, "kinds": index.kinds(), "kind_labels": describer.vocabulary.kinds()}
    return render(request, "search.html", context, title=f"{q} · 搜索 Search" if q else "搜索 Search")
