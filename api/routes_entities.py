"""Entities: JSON (``/api/entities/…``), resources by content negotiation (``/id/<kind>/<slug>``: HTML, Turtle,
JSON-LD, N-Triples), ownership trees and connection paths (``/api/path`` and its page ``/path``)."""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from starlette.responses import JSONResponse, Response

from rekg.api.entities import Describer
from rekg.api.negotiation import choose, format_values, parse_accept, pick_format, unknown_format
from rekg.api.problems import NameNotFoundError, NotFoundError, error_responses
from rekg.api.rendering import render
from rekg.api.routes_lookup import SUGGESTIONS, hit_json, name_responses
from rekg.api.state import DescriberDep, IndexDep
from rekg.graph.lookup import NameIndex
from rekg.ontology import NAMESPACES

router = APIRouter(tags=["Entities"])

RESOURCE_MEDIA = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "application/json": "json",
}
RESOURCE_NAMES = {"html": "html", "turtle": "turtle", "ttl": "turtle", "jsonld": "jsonld", "json-ld": "jsonld",
                  "nt": "nt", "ntriples": "nt", "json": "json"}  # fmt: skip
RDF_OUTPUT = {"turtle": ("turtle", "text/turtle"), "jsonld": ("json-ld", "application/ld+json"),
              "nt": ("nt", "application/n-triples")}  # fmt: skip
_KIND_SLUG = re.compile(r"^/?(?:id/)?([a-z][a-z-]*)/([^/\s]+)$")

Endpoint = Annotated[
    str, Query(min_length=1, max_length=500, description="An entity IRI, kind/slug, or a name")
]


def resolve(value: str, index: NameIndex, describer: Describer) -> str:
    """An entity IRI from an IRI, a ``kind/slug`` path, or a name: the best lookup hit. A name with no hit
    (nothing at or above the lookup floor) is a 404 that carries the suggestions — never a silent guess."""
    text = value.strip()
    if text.startswith(("http://", "https://")):
        if text not in describer.projection:
            raise NotFoundError(f"no entity {text} in the graph")
        return text
    match = _KIND_SLUG.match(text)
    if (
        match
        and describer.valid_path(*match.groups())
        and describer.iri(*match.groups()) in describer.projection
    ):
        return describer.iri(*match.groups())
    found = index.find(text, limit=SUGGESTIONS)
    if not found.hits:
        raise NameNotFoundError(text, [hit_json(describer, hit) for hit in found.suggestions])
    return found.hits[0].iri


@router.get("/api/entities/{kind}/{slug}", summary="An entity as JSON", responses=error_responses(400, 404))
def entity(kind: str, slug: str, describer: DescriberDep) -> dict[str, Any]:
    """Labels (every language), type, attributes, quantities, documents, and every relation in and out with
    the other side's labels and the evidence (document, sentence) of each."""
    return describer.describe(describer.iri(kind, slug))


@router.get(
    "/api/entities/{kind}/{slug}/ownership",
    summary="Ownership tree (股权穿透)",
    responses=error_responses(400, 404),
)
def ownership(kind: str, slug: str, describer: DescriberDep) -> dict[str, Any]:
    """The tree up to the ultimate owners (parents, shareholders) and down to every subsidiary and holding,
    each link with its relation and evidence."""
    return describer.ownership(describer.iri(kind, slug))


@router.get(
    "/id/{kind}/{slug}",
    summary="An entity resource (HTML, Turtle, JSON-LD, N-Triples or JSON)",
    response_class=Response,
    responses={
        200: {
            "description": "The entity, in the format asked for by Accept or format=",
            "content": {
                "text/html": {"schema": {"type": "string"}},
                "text/turtle": {"schema": {"type": "string"}},
                "application/ld+json": {"schema": {"type": "object"}},
                "application/n-triples": {"schema": {"type": "string"}},
                "application/json": {"schema": {"type": "object"}},
            },
        },
        **error_responses(400, 404, 406),
    },
)
def resource(kind: str, slug: str, request: Request, describer: DescriberDep) -> Response:
    """Content negotiation on Accept (or ``format=html|turtle|jsonld|nt|json``): a browser gets the entity
    page, a Linked Data client the RDF description."""
    iri = describer.iri(kind, slug)
    values = format_values(request.query_params.multi_items())
    if values:
        fmt = pick_format(values, RESOURCE_NAMES, RESOURCE_MEDIA)
        if fmt is None:
            raise unknown_format(values, RESOURCE_NAMES)
    else:
        fmt = choose(parse_accept(request.headers.get("accept")), RESOURCE_MEDIA, "turtle") or "turtle"
    headers = {"Vary": "Accept"}
    if fmt == "json":
        return JSONResponse(describer.describe(iri), headers=headers)
    if fmt == "html":
        page = entity_page(request, describer, iri)
        page.headers.update(headers)
        return page
    rdflib_format, media = RDF_OUTPUT[fmt]
    graph = describer.rdf(iri)
    options: dict[str, Any] = {"context": dict(NAMESPACES), "auto_compact": True} if fmt == "jsonld" else {}
    body = graph.serialize(format=rdflib_format, encoding="utf-8", **options)
    return Response(body, media_type=media, headers=headers)


def entity_page(request: Request, describer: Describer, iri: str) -> Response:
    """The HTML twin of ``/api/entities/{kind}/{slug}`` (plus its ownership tree)."""
    data = describer.describe(iri)
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for relation in data["relations"]:
        key = (relation["direction"], relation["relation"])
        groups.setdefault(
            key, {"labels": relation["labels"], "direction": relation["direction"], "items": []}
        )
        groups[key]["items"].append(relation)
    tree = describer.ownership(iri) if iri in describer.projection else None
    context = {
        "entity": data,
        "groups": list(groups.values()),
        "ownership": tree,
        "iri": iri,
        "in_graph": iri in describer.projection,
    }
    title = f"{data['labels'].get('zh-Hans') or next(iter(data['labels'].values()), iri)}"
    return render(request, "entity.html", context, title=title)


def _paths(
    index: NameIndex, describer: Describer, source: str, target: str, max_paths: int, max_length: int
) -> dict[str, Any]:
    start, end = resolve(source, index, describer), resolve(target, index, describer)
    return describer.paths(start, end, max_paths=max_paths, max_length=max_length)


@router.get(
    "/api/path", summary="Connections between two entities (查关系)", responses=name_responses(400, 422)
)
def path(
    index: IndexDep,
    describer: DescriberDep,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=500)],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=500)],
    max_paths: Annotated[int, Query(ge=1, le=20)] = 5,
    max_length: Annotated[int, Query(ge=1, le=8)] = 6,
) -> dict[str, Any]:
    """The shortest connections (relations walked either way) between ``from`` and ``to`` — IRIs,
    ``kind/slug`` or names — with each hop's relation, direction and evidence. A name no entity has (no lookup
    hit) is a 404 whose body carries the query and the suggestions."""
    return _paths(index, describer, source, target, max_paths, max_length)


@router.get("/path", summary="Connections between two entities, as a page", include_in_schema=False)
def path_page(
    request: Request,
    index: IndexDep,
    describer: DescriberDep,
    source: Annotated[str, Query(alias="from", max_length=500)] = "",
    target: Annotated[str, Query(alias="to", max_length=500)] = "",
) -> Response:
    """HTML twin of ``/api/path``."""
    result, error, suggestions = None, None, []
    if source.strip() and target.strip():
        try:
            result = _paths(index, describer, source, target, 5, 6)
        except NameNotFoundError as e:  # shown on the page, next to the form, with what looks like it
            error, suggestions = str(e), _other_ends(e, source, target)
        except NotFoundError as e:
            error = str(e)
    context = {
        "result": result,
        "error": error,
        "suggestions": suggestions,
        "source": source,
        "target": target,
    }
    return render(request, "path.html", context, title="查关系 · Connections")


def _other_ends(error: NameNotFoundError, source: str, target: str) -> list[dict[str, Any]]:
    """The suggestions of a name the path page could not resolve, each with the link that asks again with
    it in that name's place."""
    out = []
    for suggestion in error.suggestions:
        ends = {"from": source, "to": target}
        ends["from" if error.query == source.strip() else "to"] = suggestion["iri"]
        out.append({**suggestion, "retry": "/path?" + urlencode(ends)})
    return out
