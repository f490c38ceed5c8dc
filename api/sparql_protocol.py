"""The SPARQL 1.1 Protocol as plain functions over the parts of a request: which query was sent, in which
answer format, and the answer's headers. No framework objects, so the endpoint's two doors share them: the
FastAPI routes of :mod:`rekg.api.routes_sparql` (the query page, multipart forms, the API description) and
the plain ASGI handler of :mod:`rekg.api.sparql_endpoint` (every query request)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Sequence

from rekg.api.negotiation import choose, format_values, parse_accept, pick_format, unknown_format
from rekg.api.parameters import decode_fields
from rekg.api.problems import BadRequestError, ForbiddenQueryError, UnsupportedMediaTypeError
from rekg.api.sparql_exec import (
    GRAPH_ACCEPT,
    GRAPH_NAMES,
    MAX_QUERY_LENGTH,
    SOLUTION_ACCEPT,
    SOLUTION_NAMES,
    QueryAnswer,
    QueryJob,
)
from rekg.settings import Settings

Fields = Sequence[tuple[str, str]]

#: The largest request body read: a query of MAX_QUERY_LENGTH characters, with room for percent-encoding.
MAX_BODY_BYTES = 4 * MAX_QUERY_LENGTH
#: At most this many fields in a form, as Starlette's form parser allows.
MAX_FORM_FIELDS = 1000
FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"

UPDATE_REFUSED = "this endpoint is read-only: SPARQL Update requests are refused"
TOO_LARGE = f"the request is too large: a query may have at most {MAX_QUERY_LENGTH} characters"
NO_QUERY = "no query: add query=… (or open /sparql in a browser for the query page)"
UNSUPPORTED = "send the query form-encoded (application/x-www-form-urlencoded) or as application/sparql-query"
_HTML = frozenset({"text/html", "application/xhtml+xml"})
#: An absolute IRI (RFC 3987): a scheme, a colon, and no character an IRI may not hold.
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`\x7f]*")


def query_fields(query_string: bytes) -> list[tuple[str, str]]:
    """The fields of a URL's query string (:func:`rekg.api.parameters.decode_fields`)."""
    return decode_fields(query_string) if query_string else []


def form_fields(body: bytes) -> list[tuple[str, str]]:
    """An ``application/x-www-form-urlencoded`` body's fields, at most MAX_FORM_FIELDS of them."""
    return decode_fields(body, MAX_FORM_FIELDS)


def values(fields: Fields, name: str) -> list[str]:
    return [value for key, value in fields if key == name]


def media_type(content_type: str | None) -> str:
    """The media type of a Content-Type header, lower-cased, without its parameters."""
    return (content_type or "").split(";")[0].strip().lower()


def wants_page(params: Fields, accept: str | None) -> bool:
    """Whether a GET is a browser's (HTML ranked first, no ``format=``): it gets the query page."""
    return parse_accept(accept)[0] in _HTML and not format_values(params)


def formats(params: Fields, accept: str | None) -> tuple[str | None, str | None]:
    """The answer format for a table and for a graph: from ``format=`` if given, else from Accept."""
    given = format_values(params)
    if given:
        solutions = pick_format(given, SOLUTION_NAMES, SOLUTION_ACCEPT)
        graph = pick_format(given, GRAPH_NAMES, GRAPH_ACCEPT)
        if solutions is None and graph is None:
            raise unknown_format(given, {*SOLUTION_NAMES, *GRAPH_NAMES})
        return solutions, graph
    accepted = parse_accept(accept)
    return choose(accepted, SOLUTION_ACCEPT, "json"), choose(accepted, GRAPH_ACCEPT, "turtle")


def _absolute_iris(parameter: str, iris: Sequence[str]) -> tuple[str, ...]:
    """The graph IRIs of ``default-graph-uri`` or ``named-graph-uri``, each checked to be an absolute IRI."""
    for iri in iris:
        if not _ABSOLUTE_IRI.fullmatch(iri):
            raise BadRequestError(f"{parameter}: {iri!r} is not an absolute IRI")
    return tuple(iris)


def job(
    params: Fields,
    accept: str | None,
    settings: Settings,
    query: str,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> QueryJob:
    """The job of a query request: the query with its dataset (checked before anything runs), the answer
    formats, the endpoint's cap on results and its base IRI for relative IRIs in the query."""
    solutions, graph = formats(params, accept)
    return QueryJob(
        query=query,
        default_graph_uris=_absolute_iris("default-graph-uri", default_graphs),
        named_graph_uris=_absolute_iris("named-graph-uri", named_graphs),
        solutions_format=solutions,
        graph_format=graph,
        limit=settings.result_limit,
        base_iri=settings.base,
    )


def get_job(params: Fields, accept: str | None, settings: Settings) -> QueryJob:
    """The job of a GET (not the query page), which has exactly one ``query=``."""
    if any(key == "update" for key, _ in params):
        raise ForbiddenQueryError(UPDATE_REFUSED)
    queries = values(params, "query")
    if not queries:
        raise BadRequestError(NO_QUERY)
    return job(
        params,
        accept,
        settings,
        one_query(params),
        values(params, "default-graph-uri"),
        values(params, "named-graph-uri"),
    )


def check_post(params: Fields, media: str, content_length: str | None) -> None:
    """What is refused before a POST's body is read: updates, bodies said to be too large, and bodies that
    are neither a form nor a query."""
    if media == SPARQL_UPDATE or any(key == "update" for key, _ in params):
        raise ForbiddenQueryError(UPDATE_REFUSED)
    if content_length and content_length.isdigit() and int(content_length) > MAX_BODY_BYTES:
        raise BadRequestError(TOO_LARGE)
    if media not in (FORM, MULTIPART, SPARQL_QUERY):
        raise UnsupportedMediaTypeError(UNSUPPORTED)


async def read_capped(chunks: AsyncIterator[bytes]) -> bytes:
    """The request body, refused once it passes MAX_BODY_BYTES (also when it did not say its length)."""
    body = b""
    async for chunk in chunks:
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise BadRequestError(TOO_LARGE)
    return body


def one_query(fields: Fields) -> str:
    queries = values(fields, "query")
    if len(queries) != 1:
        raise BadRequestError(f"send exactly one query= parameter (this request has {len(queries)})")
    return queries[0]


def post_job(params: Fields, accept: str | None, settings: Settings, media: str, body: bytes) -> QueryJob:
    """The job of a POST whose body is a form (``query=``) or the query itself."""
    default_graphs = values(params, "default-graph-uri")
    named_graphs = values(params, "named-graph-uri")
    if media == FORM:
        form = form_fields(body)
        if any(key == "update" for key, _ in form):
            raise ForbiddenQueryError(UPDATE_REFUSED)
        query = one_query(form)
        default_graphs += values(form, "default-graph-uri")
        named_graphs += values(form, "named-graph-uri")
    elif media == SPARQL_QUERY:
        try:
            query = body.decode("utf-8")
        except UnicodeDecodeError as e:
            raise BadRequestError("the query is not valid UTF-8") from e
    else:
        raise UnsupportedMediaTypeError(UNSUPPORTED)
    return job(params, accept, settings, query, default_graphs, named_graphs)


def answer_headers(answer: QueryAnswer) -> list[tuple[bytes, bytes]]:
    """An answer's raw headers, as Starlette's ``Response(body, media_type=…, headers=…)`` would make them:
    what the answer is (count, cap, cut or not, the query's time), its length and its type (``text/*`` with
    its charset)."""
    headers = [
        (b"vary", b"Accept"),
        (b"rekg-result-count", b"%d" % answer.count),
        (b"rekg-result-limit", b"%d" % answer.limit),
        (b"rekg-truncated", b"true" if answer.truncated else b"false"),
        (b"rekg-query-seconds", f"{answer.seconds:.4f}".encode("ascii")),
    ]
    if answer.truncated:
        notice = f"the answer was cut at the endpoint's limit of {answer.limit} results"
        headers.append((b"rekg-notice", notice.encode("ascii")))
    media = answer.media_type + ("; charset=utf-8" if answer.media_type.startswith("text/") else "")
    headers += [(b"content-length", b"%d" % len(answer.body)), (b"content-type", media.encode("latin-1"))]
    return headers
