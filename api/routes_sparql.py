"""The SPARQL 1.1 Protocol endpoint (read-only, time-limited, capped) and its query page."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qsl

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from rekg.api.examples import example_queries
from rekg.api.negotiation import (
    choose,
    format_values,
    parse_accept,
    pick_format,
    prefers_html,
    unknown_format,
)
from rekg.api.problems import BadRequestError, ForbiddenQueryError, UnsupportedMediaTypeError
from rekg.api.rendering import render
from rekg.api.sparql_exec import (
    GRAPH_ACCEPT,
    GRAPH_NAMES,
    MAX_QUERY_LENGTH,
    SOLUTION_ACCEPT,
    SOLUTION_NAMES,
    QueryJob,
)
from rekg.api.sparql_pool import QueryRunner
from rekg.api.state import StateDep
from rekg.ontology.vocabulary import sparql_prefixes
from rekg.settings import Settings

router = APIRouter(tags=["SPARQL"])

_UPDATE_REFUSED = "this endpoint is read-only: SPARQL Update requests are refused"
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
_ANSWERS = {
    200: {
        "description": "SELECT/ASK results (JSON, XML, CSV, TSV) or a CONSTRUCT/DESCRIBE graph "
        "(Turtle, N-Triples, JSON-LD, RDF/XML), by Accept or format=",
        "content": {media: {} for media in {*SOLUTION_ACCEPT, *GRAPH_ACCEPT}},
    }
}


def _formats(request: Request) -> tuple[str | None, str | None]:
    """The answer format for a table and for a graph: from ``format=`` if given, else from Accept."""
    values = format_values(request)
    if values:
        solutions = pick_format(values, SOLUTION_NAMES, SOLUTION_ACCEPT)
        graph = pick_format(values, GRAPH_NAMES, GRAPH_ACCEPT)
        if solutions is None and graph is None:
            raise unknown_format(values, {*SOLUTION_NAMES, *GRAPH_NAMES})
        return solutions, graph
    accepted = parse_accept(request.headers.get("accept"))
    return choose(accepted, SOLUTION_ACCEPT, "json"), choose(accepted, GRAPH_ACCEPT, "turtle")


async def _answer(
    request: Request,
    runner: QueryRunner,
    settings: Settings,
    query: str,
    default_graph_uris: list[str],
    named_graph_uris: list[str],
) -> Response:
    solutions, graph = _formats(request)
    job = QueryJob(
        query=query,
        default_graph_uris=tuple(default_graph_uris),
        named_graph_uris=tuple(named_graph_uris),
        solutions_format=solutions,
        graph_format=graph,
        limit=settings.result_limit,
    )
    answer = await runner.run_async(job)
    headers = {
        "Vary": "Accept",
        "Rekg-Result-Count": str(answer.count),
        "Rekg-Result-Limit": str(answer.limit),
        "Rekg-Truncated": "true" if answer.truncated else "false",
        "Rekg-Query-Seconds": f"{answer.seconds:.4f}",
    }
    if answer.truncated:
        headers["Rekg-Notice"] = f"the answer was cut at the endpoint's limit of {answer.limit} results"
    return Response(answer.body, media_type=answer.media_type, headers=headers)


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


#: The largest request body read: a query of MAX_QUERY_LENGTH characters, with room for percent-encoding.
MAX_BODY_BYTES = 4 * MAX_QUERY_LENGTH
_TOO_LARGE = f"the request is too large: a query may have at most {MAX_QUERY_LENGTH} characters"
#: At most this many fields in a form, as Starlette's form parser allows.
MAX_FORM_FIELDS = 1000


def _check_length(request: Request) -> None:
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY_BYTES:
        raise BadRequestError(_TOO_LARGE)


async def _body(request: Request) -> bytes:
    """The request body, refused once it passes MAX_BODY_BYTES (also when it did not say its length)."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise BadRequestError(_TOO_LARGE)
    return bytes(body)


def _form_fields(body: bytes) -> list[tuple[str, str]]:
    """An ``application/x-www-form-urlencoded`` body's fields, decoded as Starlette's form parser does
    (``&``-separated, ``+`` and ``%XX`` UTF-8 escapes), with no parser object or callbacks per field."""
    try:
        fields = parse_qsl(body.decode("latin-1"), keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS)
    except ValueError as e:
        raise BadRequestError(f"too many form fields: at most {MAX_FORM_FIELDS}") from e
    return fields


def _one_query(fields: list[tuple[str, str]]) -> str:
    queries = [value for name, value in fields if name == "query"]
    if len(queries) != 1:
        raise BadRequestError("send exactly one query= field")
    return queries[0]


@router.get("/sparql", summary="SPARQL query (GET), or the query page for a browser", responses=_ANSWERS)
async def sparql_get(
    request: Request,
    state: StateDep,
    query: str | None = None,
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],  # noqa: B006
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],  # noqa: B006
) -> Response:
    """Run ``query`` (SPARQL 1.1 Protocol). A browser (``Accept: text/html``) gets the query page instead,
    with ``query`` in the editor."""
    if "update" in request.query_params:
        raise ForbiddenQueryError(_UPDATE_REFUSED)
    if prefers_html(request) and not format_values(request):
        return await run_in_threadpool(_page, request, state.settings, query)
    if query is None:
        raise BadRequestError("no query: add query=… (or open /sparql in a browser for the query page)")
    return await _answer(request, state.runner, state.settings, query, default_graph_uri, named_graph_uri)


@router.post("/sparql", summary="SPARQL query (POST)", openapi_extra=_POST_BODY, responses=_ANSWERS)
async def sparql_post(request: Request, state: StateDep) -> Response:
    """Run a query sent form-encoded (``query=``) or as the body (``Content-Type: application/sparql-query``).
    Updates (``update=`` or ``application/sparql-update``) are refused."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/sparql-update" or "update" in request.query_params:
        raise ForbiddenQueryError(_UPDATE_REFUSED)
    _check_length(request)
    default_graphs = request.query_params.getlist("default-graph-uri")
    named_graphs = request.query_params.getlist("named-graph-uri")
    if media == "application/x-www-form-urlencoded":
        form = _form_fields(await _body(request))
        if any(name == "update" for name, _ in form):
            raise ForbiddenQueryError(_UPDATE_REFUSED)
        query = _one_query(form)
        default_graphs += [value for name, value in form if name == "default-graph-uri"]
        named_graphs += [value for name, value in form if name == "named-graph-uri"]
    elif media == "multipart/form-data":
        multipart = await request.form()
        if "update" in multipart:
            raise ForbiddenQueryError(_UPDATE_REFUSED)
        query = _one_query([("query", q) for q in multipart.getlist("query") if isinstance(q, str)])
        default_graphs += [g for g in multipart.getlist("default-graph-uri") if isinstance(g, str)]
        named_graphs += [g for g in multipart.getlist("named-graph-uri") if isinstance(g, str)]
    elif media == "application/sparql-query":
        try:
            query = (await _body(request)).decode("utf-8")
        except UnicodeDecodeError as e:
            raise BadRequestError("the query is not valid UTF-8") from e
    else:
        raise UnsupportedMediaTypeError(
            "send the query form-encoded (application/x-www-form-urlencoded) or as application/sparql-query"
        )
    return await _answer(request, state.runner, state.settings, query, default_graphs, named_graphs)


@router.get("/api/examples", summary="The query page's worked examples")
def examples_json() -> list[dict[str, str]]:
    """Example queries (titles in English and Chinese), each ready to run."""
    return example_queries()
