"""Downloads of the whole graph (``/api/export?format=…``) and the JSON-LD context the JSON-LD export refers
to (``/context.jsonld``)."""

from __future__ import annotations

import io
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

from rekg.api.problems import BadRequestError, error_responses
from rekg.api.state import StateDep
from rekg.errors import RekgError
from rekg.graph.export import CONTEXT_PATH, EXPORT_FORMATS, MEDIA, check_format, export, jsonld_context
from rekg.graph.export_network import CSV_TABLES

router = APIRouter(tags=["Export"])

#: Media types as sent: text formats say their charset.
CONTENT_TYPES = {
    fmt: f"{media}; charset=utf-8" if media.startswith("text/") else media
    for fmt, (media, _) in MEDIA.items()
}

Format = Annotated[
    str, Query(max_length=20, description=f"One of {', '.join(EXPORT_FORMATS)}", alias="format")
]
Table = Annotated[str | None, Query(max_length=20, description=f"csv: the table, {' or '.join(CSV_TABLES)}")]
Bom = Annotated[bool, Query(description="csv: start with a UTF-8 byte-order mark (for Excel)")]
Language = Annotated[
    str, Query(alias="lang", max_length=5, description="graphml, gexf: the label shown, zh or en")
]


@router.get(
    "/api/export",
    summary="Download the graph (RDF, GraphML, GEXF, CSV)",
    response_class=Response,
    responses={
        200: {
            "description": "The graph as a file to save (Content-Disposition: attachment)",
            "content": {media: {"schema": {"type": "string"}} for media, _ in MEDIA.values()},
        },
        **error_responses(400),
    },
)
async def export_graph(
    request: Request,
    state: StateDep,
    fmt: Format = "nquads",
    table: Table = None,
    bom: Bom = False,
    lang: Language = "zh",
) -> Response:
    """The whole graph: ``nquads``, ``trig``, ``turtle`` or ``jsonld`` (compacted, its ``@context`` the URL of
    ``/context.jsonld`` on this server); or the entities and the relations between them, each relation with
    its evidence sentence and source document, as ``graphml`` or ``gexf`` (GEXF 1.2, for Gephi) or ``csv``
    (one ``table``: ``entities`` or ``relations``). An unknown format or table is a 400."""
    try:
        check_format(fmt, table, lang)
    except RekgError as e:
        raise BadRequestError(str(e)) from e
    context = str(request.url_for("context"))
    body = await run_in_threadpool(_render, state, fmt, table=table, bom=bom, language=lang, context=context)
    name = f"rekg-{table}.csv" if fmt == "csv" else f"rekg.{MEDIA[fmt][1]}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=CONTENT_TYPES[fmt], headers=headers)


def _render(state: Any, fmt: str, **options: Any) -> bytes:
    buffer = io.BytesIO()
    export(state.store, fmt, buffer, projection=state.projection, **options)
    return buffer.getvalue()


@router.get(
    f"/{CONTEXT_PATH}",
    name="context",
    summary="The JSON-LD context of rekg's exports",
    response_class=Response,
    responses={
        200: {
            "description": "The context",
            "content": {"application/ld+json": {"schema": {"type": "object"}}},
        }
    },
)
def context() -> Response:
    """The prefixes of every vocabulary the graph uses; ``/api/export?format=jsonld`` refers to it."""
    return JSONResponse(jsonld_context(), media_type="application/ld+json")
