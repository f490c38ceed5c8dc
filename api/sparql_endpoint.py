"""The door through which SPARQL queries come in: a plain ASGI handler in front of the whole app.

A query request to ``/sparql`` (GET, or POST of a form or of the query itself) is read, run and answered here,
with the functions of :mod:`rekg.api.sparql_protocol` that the FastAPI routes use too; errors become the same
answers as anywhere else (:func:`rekg.api.errors.problem`), with the same security headers. What it hands on
to the app: the query page for browsers, multipart forms and other methods.

Why a door of its own: a short query takes a fraction of a millisecond, and FastAPI's layers (telemetry check,
middleware, routing, dependency resolution, request objects) cost a good part of that again on every request.
Here a request costs a scan of its headers and its query string.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import ClientDisconnect, Request
from starlette.types import ASGIApp, Receive, Scope, Send

from rekg.api.errors import problem
from rekg.api.headers import SECURITY_HEADERS, with_security_headers
from rekg.api.problems import BadRequestError, retry_after, status_of
from rekg.api.sparql_protocol import (
    MAX_BODY_BYTES,
    MULTIPART,
    TOO_LARGE,
    answer_headers,
    check_post,
    get_job,
    media_type,
    post_job,
    query_fields,
    wants_page,
)
from rekg.api.state import AppState
from rekg.errors import RekgError

PATH = "/sparql"


async def _body(receive: Receive) -> bytes:
    """The request body, refused once it passes MAX_BODY_BYTES (also when it did not say its length)."""
    body = b""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()
        body += message.get("body", b"")
        if len(body) > MAX_BODY_BYTES:
            raise BadRequestError(TOO_LARGE)
        if not message.get("more_body", False):
            return body


async def _respond(status: int, headers: list[tuple[bytes, bytes]], body: bytes, send: Send) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class SparqlEndpoint:
    """Answers query requests to ``/sparql``; hands the rest on to ``app`` (the application behind it).
    ``state`` gives the app's shared state, opened in its lifespan."""

    def __init__(self, app: ASGIApp, state: Callable[[], AppState]) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = scope["method"]
        if method != "GET" and method != "POST":
            await self.app(scope, receive, send)
            return
        accept = content_type = content_length = None  # the first of each, as Starlette's Headers.get
        for name, value in scope["headers"]:
            if name == b"accept":
                accept = value.decode("latin-1") if accept is None else accept
            elif name == b"content-type":
                content_type = value.decode("latin-1") if content_type is None else content_type
            elif name == b"content-length":
                content_length = value.decode("latin-1") if content_length is None else content_length
        try:
            params = query_fields(scope["query_string"])
        except RekgError as e:
            await self._refuse(e, scope, receive, send)
            return
        media = media_type(content_type)
        if method == "GET":
            if wants_page(params, accept) and not any(key == "update" for key, _ in params):
                await self.app(scope, receive, send)  # a browser: the query page
                return
        elif media == MULTIPART:
            await self.app(scope, receive, send)
            return
        state = self.state()
        try:
            if method == "GET":
                job = get_job(params, accept, state.settings)
            else:
                check_post(params, media, content_length)
                job = post_job(params, accept, state.settings, media, await _body(receive))
            answer = await state.runner.run_async(job)
        except RekgError as e:
            await self._refuse(e, scope, receive, send)
            return
        except ClientDisconnect:
            return  # nobody left to answer
        await _respond(200, [*answer_headers(answer), *SECURITY_HEADERS], answer.body, send)

    @staticmethod
    async def _refuse(error: RekgError, scope: Scope, receive: Receive, send: Send) -> None:
        """The error's answer, as the app's error handlers give it (with Retry-After for a busy server)."""
        answer = problem(Request(scope, receive), status_of(error), str(error), retry_after(error))
        await _respond(
            answer.status_code, with_security_headers(answer.raw_headers), bytes(answer.body), send
        )
