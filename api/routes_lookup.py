"""Lookups by name (``/api/lookup``), autocomplete (``/api/suggest``) and their HTML twin (``/search``).

A lookup answers ``hits`` — candidates at or above the floor (:data:`rekg.graph.lookup.HIT_FLOOR`): the query is
one of their names — and ``suggestions``, the candidates below it ("did you mean"), each item marked with
``suggestion``. ``found`` is false when there is no hit: "no entity has this name; here is what looks like it".
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from rekg.api.entities import Describer
from rekg.api.network import label_in
from rekg.api.problems import BadRequestError, ErrorDetail, error_responses
from rekg.api.rendering import render
from rekg.api.state import DescriberDep, IndexDep, StateDep
from rekg.graph.lookup import HIT_FLOOR, KIND_ORDER, Lookup, LookupHit, NameIndex

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


class LookupItem(BaseModel):
    """One candidate of a lookup."""

    iri: str
    kind: str = Field(description="The entity's kind (company, mine, policy …)")
    labels: dict[str, str] = Field(description="Preferred labels by language tag (zh-Hans, zh-Hant, en)")
    altLabels: list[str] = Field(description="Short names and aliases")
    score: float = Field(description=f"0–100; a hit scores at least the floor ({HIT_FLOOR:g})")
    match: str = Field(
        description="How the name matched: exact, alias, pinyin, word, form (another legal form), initials "
        "(hits); fuzzy (a hit only for a close Latin spelling at or above the floor); prefix (a suggestion)"
    )
    matchedName: str = Field(description="The entity's name that matched")
    suggestion: bool = Field(description="True below the floor: a guess, not a match")
    page: str | None = Field(description="The entity's page on this server")


class LookupAnswer(BaseModel):
    """The answer of ``/api/lookup``: hits, and suggestions apart."""

    query: str
    type: str | None = Field(description="The kind asked for, if any")
    found: bool = Field(description="True when there is at least one hit; false: no entity has this name")
    floor: float = Field(description="The score a candidate needs to be a hit")
    hits: list[LookupItem] = Field(description="Candidates at or above the floor, best first")
    suggestions: list[LookupItem] = Field(
        description="Candidates below the floor, best first: did you mean …? (never a match)"
    )


class SuggestItem(BaseModel):
    """One line of an autocomplete list."""

    iri: str
    kind: str
    label: str = Field(description="The label in the language asked for")
    labels: dict[str, str] = Field(description="The label in Chinese (zh) and English (en)")
    match: str
    matchedName: str
    suggestion: bool = Field(
        description="True below the lookup floor: a completion or look-alike, not a match"
    )
    page: str | None


class NameNotFoundDetail(ErrorDetail):
    """A 404: for a name no entity has, also the query and what looks like it (did you mean …?)."""

    query: str | None = Field(default=None, description="The name asked for")
    suggestions: list[LookupItem] = Field(
        default_factory=list, description="Candidates below the lookup floor, best first; never a match"
    )


class NameNotFoundBody(BaseModel):
    error: NameNotFoundDetail


#: How many suggestions a 404 for a name carries.
SUGGESTIONS = 5


def name_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``error_responses`` of a route that takes names: its 404 may carry suggestions."""
    return {
        **error_responses(*statuses),
        404: {
            "model": NameNotFoundBody,
            "description": "No such entity; for a name no entity has, the query and suggestions (did you mean)",
        },
    }


def _search(index: NameIndex, q: str, kind: str | None, limit: int) -> Lookup:
    if kind is not None and kind not in KIND_ORDER:
        raise BadRequestError(f"unknown type {kind!r}; use one of {', '.join(KIND_ORDER)}")
    return index.find(q, kind=kind or None, limit=limit)


def hit_json(describer: Describer, hit: LookupHit) -> dict[str, Any]:
    """A candidate as the API shows it (:class:`LookupItem`)."""
    return {**hit.as_json(), "page": describer.path(hit.iri)}


def lookup_json(
    index: NameIndex, describer: Describer, q: str, kind: str | None, limit: int
) -> dict[str, Any]:
    found = _search(index, q, kind, limit)
    return {
        "query": q,
        "type": kind,
        "found": found.found,
        "floor": HIT_FLOOR,
        "hits": [hit_json(describer, hit) for hit in found.hits],
        "suggestions": [hit_json(describer, hit) for hit in found.suggestions],
    }


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
    response_model=LookupAnswer,
    responses=error_responses(400, 422),
)
def lookup(
    state: StateDep,
    q: NameQuery,
    kind: KindQuery = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> Response:
    """Entities whose names match ``q``, ranked exact > alias > pinyin > word > form > initials > spelling >
    prefix > fuzzy. ``hits`` are the candidates at or above the floor (``floor``, 75): ``q`` is one of their
    names. ``suggestions`` are those below it — a longer name beginning with ``q``, a look-alike — never a
    match: when there is no hit, ``found`` is false and ``hits`` empty ("no entity has this name; did you mean
    …"). Each item has the IRI, kind, labels in every language, aliases, score, how it matched (``match``,
    ``matchedName``), ``suggestion`` and its page; together, at most ``limit`` items."""
    return json_response(lookup_json(state.index, state.describer, q, kind, limit))


@router.get(
    "/api/suggest",
    summary="Autocomplete names",
    response_model=list[SuggestItem],
    responses=error_responses(400, 422),
)
def suggest(
    state: StateDep,
    q: NameQuery,
    kind: KindQuery = None,
    limit: Annotated[int, Query(ge=1, le=20)] = 8,
    lang: Annotated[str, Query(pattern="^(zh|en)$")] = "zh",
) -> Response:
    """A short list for a search box: IRI, kind, one label in ``lang`` (and both), page, how it matched.
    Completions and look-alikes below the lookup floor are listed too, marked ``suggestion``: true."""
    found = _search(state.index, q, kind, limit)
    suggestions = [
        {
            "iri": hit.iri,
            "kind": hit.kind,
            "label": label_in(hit.labels, lang, hit.iri),
            "labels": {"zh": label_in(hit.labels, "zh", hit.iri), "en": label_in(hit.labels, "en", hit.iri)},
            "match": hit.match,
            "matchedName": hit.matched_name,
            "suggestion": hit.suggestion,
            "page": state.describer.path(hit.iri),
        }
        for hit in (*found.hits, *found.suggestions)
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
        lookup_json(index, describer, q, kind, limit)
        if q.strip()
        else {"query": q, "type": kind, "found": False, "floor": HIT_FLOOR, "hits": [], "suggestions": []}
    )
    context = {"result": result, "kinds": index.kinds(), "kind_labels": describer.vocabulary.kinds()}
    return render(request, "search.html", context, title=f"{q} · 搜索 Search" if q else "搜索 Search")
