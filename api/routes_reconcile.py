"""The reconciliation service at ``/reconcile``: the W3C Entity Reconciliation API **0.2**, the version OpenRefine
speaks (https://www.w3.org/community/reports/reconciliation/CG-FINAL-specs-0.2-20230410/).

- ``GET /reconcile``: the manifest (URLs absolute, from the address the request was sent to);
- ``GET /reconcile?queries=…``, ``POST /reconcile`` with the form field ``queries``: a batch of reconciliation
  queries (see :mod:`rekg.api.reconcile` for the scores and the match decision);
- ``GET /reconcile?extend=…``, ``POST`` with ``extend``: data extension; ``/reconcile/properties?type=…``
  proposes its properties;
- ``/reconcile/suggest/{entity,type,property}?prefix=…&cursor=…``, ``/reconcile/flyout/entity?id=…``;
- ``/reconcile/preview?id=…``: an HTML preview, framable (OpenRefine shows it in an iframe).

CORS (any origin) on every answer under ``/reconcile`` and on preflight requests (:class:`ReconcileCors`);
JSONP (``callback=``) on every JSON answer to a GET, for OpenRefine before 3.3 and as its fallback.
A batch of more than :data:`~rekg.api.reconcile.MAX_BATCH` queries, or a body over :data:`MAX_BODY` bytes, is a
413 with a message; malformed input a 400 (or 422 for a parameter out of range), never a 5xx.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import HTMLResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rekg import __version__
from rekg.api.parameters import decode_fields
from rekg.api.problems import BadRequestError, UnsupportedMediaTypeError
from rekg.api.reconcile import BATCH_SIZE, BatchTooLargeError, parse_batch, reconcile_batch
from rekg.api.reconcile_catalogue import Catalogue
from rekg.api.reconcile_extend import (
    MAX_CURSOR,
    MAX_SUGGEST_PAGE,
    SUGGEST_PAGE,
    extend,
    flyout,
    parse_extension,
    preview_html,
    propose_properties,
    suggest_entities,
    suggest_properties,
    suggest_types,
)
from rekg.api.state import AppState, StateDep
from rekg.ontology import REK_IRI

PREFIX = "/reconcile"
#: The largest request body read (a form of queries or an extension); beyond, a 413.
MAX_BODY = 2_000_000
#: The most form fields a body may hold.
MAX_FIELDS = 20
#: The preview's size in OpenRefine's iframe, in pixels.
PREVIEW_WIDTH = 430
PREVIEW_HEIGHT = 220
#: A preview may be framed by any page (OpenRefine runs on another origin); it loads nothing and runs nothing.
PREVIEW_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors *"
)
_FORM = "application/x-www-form-urlencoded"
_CALLBACK = re.compile(r"^[A-Za-z_$][\w$]{0,99}(?:\.[A-Za-z_$][\w$]{0,99}){0,4}$")

router = APIRouter(tags=["Reconciliation"], include_in_schema=False)

Cursor = Annotated[int, Query(ge=0, le=MAX_CURSOR)]
PageLimit = Annotated[int, Query(ge=1, le=MAX_SUGGEST_PAGE)]
Text = Annotated[str, Query(max_length=200)]
Callback = Annotated[str | None, Query(max_length=500)]


class ReconcileCors:
    """CORS for any origin on everything under ``/reconcile``: preflight requests answered by Starlette's
    CORSMiddleware, and ``Access-Control-Allow-Origin: *`` on every answer (errors too, and requests that
    name no origin). Other paths pass untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.cors = CORSMiddleware(
            app,
            allow_origins=["*"],
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["*"],
            max_age=86400,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path != PREFIX and not path.startswith(PREFIX + "/"):
            await self.app(scope, receive, send)
            return

        async def send_with_origin(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                if not any(name.lower() == b"access-control-allow-origin" for name, _ in headers):
                    headers.append((b"access-control-allow-origin", b"*"))
                message["headers"] = headers
            await send(message)

        await self.cors(scope, receive, send_with_origin)


def catalogue(request: Request, state: AppState) -> Catalogue:
    """The catalogue of the state being served, built on first use and again when the store is reopened."""
    cached = getattr(request.app.state, "reconcile", None)
    if cached is not None and cached[0] is state:
        return cached[1]
    built = Catalogue.build(state.store, state.index, state.projection, state.describer)
    request.app.state.reconcile = (state, built)
    return built


# -- the service endpoint ----------------------------------------------------------------------------------------


@router.api_route(
    PREFIX, methods=["GET", "POST"], summary="Reconciliation service (W3C Reconciliation API 0.2)"
)
async def service(request: Request, state: StateDep) -> Response:
    """The manifest (a GET with no ``queries`` or ``extend``), a batch of queries or a data extension."""
    fields = decode_fields(request.scope.get("query_string", b""))
    if request.method == "POST":
        fields += await _form(request)
    callback = _callback(fields) if request.method == "GET" else None
    queries, extension = _one(fields, "queries"), _one(fields, "extend")
    if queries is not None and extension is not None:
        raise BadRequestError("send queries= or extend=, not both")
    try:
        if queries is not None:
            data = await run_in_threadpool(_reconcile, request, state, queries)
        elif extension is not None:
            data = await run_in_threadpool(_extend, request, state, extension)
        elif request.method == "POST":
            raise BadRequestError(
                "send a batch of queries in the form field queries= (or extend= for data extension)"
            )
        else:
            data = manifest(_base(request), await run_in_threadpool(catalogue, request, state))
    except BatchTooLargeError as e:
        raise HTTPException(413, str(e)) from e
    return answer(data, callback)


def _reconcile(request: Request, state: AppState, queries: str) -> dict[str, Any]:
    found = catalogue(request, state)
    return reconcile_batch(found, parse_batch(queries, found))


def _extend(request: Request, state: AppState, text: str) -> dict[str, Any]:
    ids, props = parse_extension(text)
    return extend(catalogue(request, state), ids, props)


async def _form(request: Request) -> list[tuple[str, str]]:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in (_FORM, ""):
        raise UnsupportedMediaTypeError(f"send the queries as a form ({_FORM}), not {media[:100]}")
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY:
        raise HTTPException(413, f"the request body is over {MAX_BODY} bytes; send smaller batches")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise HTTPException(413, f"the request body is over {MAX_BODY} bytes; send smaller batches")
    return decode_fields(bytes(body), max_fields=MAX_FIELDS)


def _one(fields: list[tuple[str, str]], name: str) -> str | None:
    found = [value for key, value in fields if key == name]
    if len(found) > 1:
        raise BadRequestError(f"send one {name}= parameter (this request has {len(found)})")
    return found[0] if found else None


def _callback(fields: list[tuple[str, str]]) -> str | None:
    callback = _one(fields, "callback")
    if callback is not None and not _CALLBACK.match(callback):
        raise BadRequestError("callback must be a JavaScript function name (letters, digits, _, $ and dots)")
    return callback


def answer(data: Any, callback: str | None) -> Response:
    """JSON, or JSONP when a callback is named (ASCII-only JSON, so that any line separator is escaped)."""
    if callback is None:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return Response(body, media_type="application/json")
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return Response(f"/**/{callback}({text});", media_type="text/javascript; charset=utf-8")


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def manifest(base: str, found: Catalogue) -> dict[str, Any]:
    """The service manifest (validated in the tests against the 0.2 schema)."""
    return {
        "versions": ["0.2"],
        "name": "rekg — rare-earth industry knowledge graph 稀土产业知识图谱",
        "identifierSpace": found.identifier_space,
        "schemaSpace": REK_IRI,
        "documentation": f"{base}/docs",
        "serviceVersion": __version__,
        "batchSize": BATCH_SIZE,
        "defaultTypes": [t.as_json(found.types) for t in found.types.values()],
        "view": {"url": f"{base}/id/{{{{id}}}}"},
        "preview": {
            "url": f"{base}{PREFIX}/preview?id={{{{id}}}}",
            "width": PREVIEW_WIDTH,
            "height": PREVIEW_HEIGHT,
        },
        "suggest": {
            "entity": {
                "service_url": base,
                "service_path": f"{PREFIX}/suggest/entity",
                "flyout_service_url": base,
                "flyout_service_path": f"{PREFIX}/flyout/entity?id=${{id}}",
            },
            "type": {"service_url": base, "service_path": f"{PREFIX}/suggest/type"},
            "property": {"service_url": base, "service_path": f"{PREFIX}/suggest/property"},
        },
        "extend": {
            "propose_properties": {"service_url": base, "service_path": f"{PREFIX}/properties"},
            "property_settings": [],
        },
    }


# -- suggest, flyout, preview, property proposals ----------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """What every suggest service reads: the text typed so far, how many to skip, how many to give."""

    prefix: str
    cursor: int
    limit: int
    callback: str | None


def page(
    prefix: Text = "", cursor: Cursor = 0, limit: PageLimit = SUGGEST_PAGE, callback: Callback = None
) -> Page:
    return Page(prefix, cursor, limit, _checked(callback))


PageDep = Annotated[Page, Depends(page)]


@router.get(f"{PREFIX}/suggest/entity", summary="Suggest entities")
def suggest_entity(request: Request, state: StateDep, asked: PageDep, type: Text = "") -> Response:
    found = catalogue(request, state)
    kinds = found.kinds_of([type]) if type.strip() else None
    return answer(suggest_entities(found, asked.prefix, kinds, asked.cursor, asked.limit), asked.callback)


@router.get(f"{PREFIX}/suggest/type", summary="Suggest types")
def suggest_type(request: Request, state: StateDep, asked: PageDep) -> Response:
    found = suggest_types(catalogue(request, state), asked.prefix, asked.cursor, asked.limit)
    return answer(found, asked.callback)


@router.get(f"{PREFIX}/suggest/property", summary="Suggest properties")
def suggest_property(asked: PageDep) -> Response:
    return answer(suggest_properties(asked.prefix, asked.cursor, asked.limit), asked.callback)


@router.get(f"{PREFIX}/flyout/entity", summary="Flyout of a suggested entity")
def flyout_entity(request: Request, state: StateDep, id: Text, callback: Callback = None) -> Response:
    return answer(flyout(catalogue(request, state), id), _checked(callback))


@router.get(f"{PREFIX}/properties", summary="Properties for data extension")
def properties(
    request: Request,
    state: StateDep,
    type: Text = "",
    limit: Annotated[int | None, Query(ge=1, le=100)] = None,
    callback: Callback = None,
) -> Response:
    found = propose_properties(catalogue(request, state), type.strip() or None, limit)
    return answer(found, _checked(callback))


@router.get(f"{PREFIX}/preview", summary="Preview of an entity (HTML)")
def preview(request: Request, state: StateDep, id: Text) -> Response:
    page = preview_html(catalogue(request, state), id)
    return HTMLResponse(page, headers={"Content-Security-Policy": PREVIEW_CSP})


def _checked(callback: str | None) -> str | None:
    return _callback([("callback", callback)]) if callback is not None else None
