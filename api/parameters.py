"""Request parameters, read strictly: ``&``-separated ``name=value`` fields (a URL's query string or a form
body), ``+`` and ``%XX`` escapes undone, the bytes read as UTF-8. Bytes that are not UTF-8, or a NUL character,
make a 400 naming the parameter, never text with replacement characters in it.

:class:`StrictParameters` applies the same reading to every request's query string before the framework sees
it. (Raw bytes past ASCII in a URL never get that far: uvicorn refuses the request line.) A form body may
hold raw UTF-8, and it is read as UTF-8.
"""

from __future__ import annotations

import codecs
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from rekg.api.errors import problem
from rekg.api.problems import BadRequestError

NOT_UTF8 = "the request's parameters are not valid UTF-8: percent-escapes must encode UTF-8 text"


def _unescape(data: bytes) -> str:
    """``+`` and ``%XX`` escapes of ASCII ``data`` decoded, the bytes read as UTF-8. The escapes are undone in
    C by the codec that reads pickle's protocol 0 strings (``\\xXX`` escapes, once every backslash is doubled):
    a query of a few hundred escapes is decoded in microseconds, where ``urllib.parse`` loops over every one
    in Python, some 40 µs a query here. ValueError for a malformed escape or bytes that are not UTF-8."""
    if b"%" not in data:
        return data.replace(b"+", b" ").decode("ascii")
    escaped = data.replace(b"\\", b"\\\\").replace(b"%", b"\\x").replace(b"+", b" ")
    return codecs.escape_decode(escaped)[0].decode("utf-8")


def decode_fields(data: bytes, max_fields: int | None = None) -> list[tuple[str, str]]:
    """The fields of ``data`` as ``urllib.parse.parse_qsl(data.decode("utf-8"), keep_blank_values=True,
    errors="strict")`` reads them — a malformed escape (``%zz``) stays as it is — with the fast decoding above
    when ``data`` is ASCII and well formed. BadRequestError for too many fields, bytes that are not UTF-8
    (raw or escaped) and NUL characters."""
    if max_fields is not None and data.count(b"&") + 1 > max_fields:
        raise BadRequestError(f"too many form fields: at most {max_fields}")
    fields: list[tuple[str, str]] | None = None
    if data.isascii():
        try:
            fields = [
                (_unescape(name), _unescape(value))
                for name, _, value in (field.partition(b"=") for field in data.split(b"&") if field)
            ]
        except ValueError:
            fields = None  # a stray "%", or escapes that are not UTF-8: parse_qsl tells which
    if fields is None:
        try:
            fields = parse_qsl(data.decode("utf-8"), keep_blank_values=True, errors="strict")
        except UnicodeDecodeError as e:
            raise BadRequestError(NOT_UTF8) from e
    for name, value in fields:
        if "\x00" in name or "\x00" in value:
            raise BadRequestError(f"the parameter {name.replace(chr(0), '')!r} holds a NUL character")
    return fields


class StrictParameters:
    """Every request's query string read with :func:`decode_fields` first: a 400 if it is not UTF-8 or holds
    a NUL."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw = scope.get("query_string", b"") if scope["type"] == "http" else b""
        if raw:
            try:
                decode_fields(raw)
            except BadRequestError as e:
                await problem(Request(scope, receive), 400, str(e))(scope, receive, send)
                return
        await self.app(scope, receive, send)
