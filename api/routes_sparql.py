"""The SPARQL 1.1 Protocol endpoint (read-only, time-limited, capped) and its query page."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from rekg.api.examples import example_queries
from rekg.api.problems import ForbiddenQueryError, error_responses
from rekg.api.rendering import render
from rekg.api.sparql_exec import GRAPH_ACCEPT, SOLUTION_ACCEPT, QueryAnswer
from rekg.api.sparql_protocol import (
    MULTIPART,
    UPDATE_REFUSED,
    answer_headers,
    check_post,
    get_job,
    media_type,
    one_query,
    post_job,
    read_capped,
    values,
    wants_page,
)
from rekg.api.sparql_protocol import job as protocol_job
from rekg.api.state import StateDep
from rekg.ontology.vocabulary import sparql_prefixes
from rekg.settings import Settings

router = APIRouter(tags=["SPARQL"])

_POST_BODY = {
    "requestBody": {
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "query": {"type": "string"},
                        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                    },
                    "required": ["query"],
                }
            },
            "application/sparql-query": {"schema": {"type": "string"}},
        },
        "required": True,
    }
}
_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "SELECT/ASK results (JSON, XML, CSV, TSV) or a CONSTRUCT/DESCRIBE graph "
        "(Turtle, N-Triples, JSON-LD, RDF/XML), by Accept or format=",
        "content": {media: {} for media in sorted({*SOLUTION_ACCEPT, *GRAPH_ACCEPT})},
    },
    **error_responses(400, 403, 406, 503),
}
#: GET's parameters as the Protocol has them: ``query`` is required (without it a browser gets the query
#: page, any other client a 400); the dataset's IRIs may repeat.
_GET_PARAMETERS = {
    "parameters": [
        {"name": "query", "in": "query", "required": True, "schema": {"type": "string", "minLength": 1}},
        {
            "name": "default-graph-uri",
            "in": "query",
            "required": False,
            "schema": {"type": "array", "items": {"type": "string", "format": "iri"}},
        },
        {
            "name": "named-graph-uri",
            "in": "query",
            "required": False,
            "schema": {"type": "array", "items": {"type": "string", "format": "iri"}},
        },
    ]
}


class AnswerResponse(Response):
    """A query's answer with its headers (:func:`rekg.api.sparql_protocol.answer_headers`)."""

    def __init__(self, answer: QueryAnswer) -> None:
        self.status_code = 200
        self.background = None
        self.body = answer.body
        self.raw_headers = answer_headers(answer)


def _page(request: Request, settings: Settings, query: str | None) -> Response:
    context = {
        "prefixes": sparql_prefixes(),
        "examples": example_queries(),
        "initial_query": query,
        "limit": settings.result_limit,
        "timeout": settings.query_timeout_s,
        "base": settings.base,
    }
    return render(request, "sparql.html", context, title="SPARQL 查询 · Query")


# Query requests are answered by rekg.api.sparql_endpoint before they reach these routes, through the same
# functions of rekg.api.sparql_protocol. The routes describe the endpoint in the API description, serve the
# query page to browsers and read multipart forms; they answer queries in full as well, should the handler in
# front be left out.


@router.get(
    "/sparql",
    summary="SPARQL query (GET), or the query page for a browser",
    responses=_ANSWERS,
    openapi_extra=_GET_PARAMETERS,
)
async def sparql_get(
    request: Request,
    state: StateDep,
    query: str | None = None,
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],  # noqa: B006
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],  # noqa: B006
) -> Response:
    """Run ``query`` (SPARQL 1.1 Protocol). A browser (``Accept: text/html``) gets the query page instead,
    with ``query`` in the editor."""
    params = request.query_params.multi_items()
    accept = request.headers.get("accept")
    if "update" not in request.query_params and wants_page(params, accept):
        return await run_in_threadpool(_page, request, state.settings, query)
    job = get_job(params, accept, state.settings)
    return AnswerResponse(await state.runner.run_async(job))


@router.post(
    "/sparql",
    summary="SPARQL query (POST)",
    openapi_extra=_POST_BODY,
    responses={**_ANSWERS, **error_responses(415)},
)
async def sparql_post(request: Request, state: StateDep) -> Response:
    """Run a query sent form-encoded (``query=``) or as the body (``Content-Type: application/sparql-query``).
    Updates (``update=`` or ``application/sparql-update``) are refused."""
    params = request.query_params.multi_items()
    accept = request.headers.get("accept")
    media = media_type(request.headers.get("content-type"))
    check_post(params, media, request.headers.get("content-length"))
    if media == MULTIPART:
        multipart = await request.form()
        if "update" in multipart:
            raise ForbiddenQueryError(UPDATE_REFUSED)
        query = one_query([("query", q) for q in multipart.getlist("query") if isinstance(q, str)])
        default_graphs = values(params, "default-graph-uri")
        default_graphs += [g for g in multipart.getlist("default-graph-uri") if isinstance(g, str)]
        named_graphs = values(params, "named-graph-uri")
        named_graphs += [g for g in multipart.getlist("named-graph-uri") if isinstance(g, str)]
        job = protocol_job(params, accept, state.settings, query, default_graphs, named_graphs)
    else:
        job = post_job(params, accept, state.settings, media, await read_capped(request.stream()))
    return AnswerResponse(await state.runner.run_async(job))


@router.get("/api/examples", summary="The query page's worked examples", responses=error_responses(400))
def examples_json() -> list[dict[str, str]]:
    """Example queries (titles in English and Chinese), each ready to run."""
    return example_queries()
