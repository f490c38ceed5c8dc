"""The SPARQL 1.1 Protocol as plain functions over the parts of a request: which query was sent, in which
answer format, and the answer's headers. No framework objects, so the endpoint's two doors share them: the
FastAPI routes of :mod:`rekg.api.routes_sparql` (the query page, multipart forms, the API description) and
the plain ASGI handler of :mod:`rekg.api.sparql_endpoint` (every query request)."""

from __future__ import annotations

import codecs
from collections.abc import AsyncIterator, Sequence
from urllib.parse import parse_qsl

from rekg.api.negotiation import choose, format_values, parse_accept, pick_format, unknown_format
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


def _unescape(data: bytes) -> str:
    """``+`` and ``%XX`` escapes of ASCII ``data`` decoded, the bytes read as UTF-8. The escapes are undone in
    C by the codec that reads pickle's protocol 0 strings (``\\xXX`` escapes, once every backslash is doubled):
    a query of a few hundred escapes is decoded in microseconds, where ``urllib.parse`` loops over every one
    in Python, some 40 µs a query here. ValueError for a malformed escape or bytes that are not UTF-8."""
    if b"%" not in data:
        return data.replace(b"+", b" ").decode("ascii")
    escaped = data.replace(b"\\", b"\\\\").replace(b"%", b"\\x").replace(b"+", b" ")
    return codecs.escape_decode(escaped)[0].decode("utf-8")


def _fields(data: bytes, max_fields: int | None = None) -> list[tuple[str, str]]:
    """The ``&``-separated ``name=value`` fields of a query string or form body, exactly as
    ``urllib.parse.parse_qsl(data.decode("latin-1"), keep_blank_values=True)`` reads them (which Starlette
    uses for both); the decoding above when ``data`` is ASCII and well formed, ``parse_qsl`` otherwise."""
    if max_fields is not None and data.count(b"&") + 1 > max_fields:
        raise BadRequestError(f"too many form fields: at most {max_fields}")
    if data.isascii():
        try:
            return [
                (_unescape(name), _unescape(value))
                for name, _, value in (field.partition(b"=") for field in data.split(b"&") if field)
            ]
        except ValueError:
            pass  # a stray "%" or bytes that are not UTF-8: parse_qsl keeps the one, replaces the other
    return parse_qsl(data.decode("latin-1"), keep_blank_values=True)


def query_fields(query_string: bytes) -> list[tuple[str, str]]:
    """The fields of a URL's query string, decoded as Starlette decodes them."""
    return _fields(query_string) if query_string else []


def form_fields(body: bytes) -> list[tuple[str, str]]:
    """An ``application/x-www-form-urlencoded`` body's fields, decoded as Starlette's form parser does
    (``&``-separated, ``+`` and ``%XX`` UTF-8 escapes), at most MAX_FORM_FIELDS of them."""
    return _fields(body, MAX_FORM_FIELDS)


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


def job(
    params: Fields,
    accept: str | None,
    limit: int,
    query: str,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> QueryJob:
    solutions, graph = formats(params, accept)
    return QueryJob(
        query=query,
        default_graph_uris=tuple(default_graphs),
        named_graph_uris=tuple(named_graphs),
        solutions_format=solutions,
        graph_format=graph,
        limit=limit,
    )


def get_job(params: Fields, accept: str | None, limit: int) -> QueryJob:
    """The job of a GET (not the query page): the last ``query=`` (as FastAPI reads a single parameter)."""
    if any(key == "update" for key, _ in params):
        raise ForbiddenQueryError(UPDATE_REFUSED)
    queries = values(params, "query")
    if not queries:
        raise BadRequestError(NO_QUERY)
    return job(
        params,
        accept,
        limit,
        queries[-1],
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
        raise BadRequestError("send exactly one query= field")
    return queries[0]


def post_job(params: Fields, accept: str | None, limit: int, media: str, body: bytes) -> QueryJob:
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
    return job(params, accept, limit, query, default_graphs, named_graphs)


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
