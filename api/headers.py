"""Security headers on every response (a plain ASGI middleware: no per-request task or thread)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rekg.api.network import vis_resources


@cache
def content_security_policy() -> str:
    """Scripts from this server only (plus the one inline vis-network library, by hash); no other host."""
    return (
        "default-src 'self'; "
        f"script-src 'self' '{vis_resources().script_hash}'; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; "
        "connect-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


#: The security headers of an answer that is not an HTML page.
SECURITY_HEADERS = ((b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"))
_CSP = b"content-security-policy"


def with_security_headers(headers: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """``headers`` (an answer's raw ASGI headers) with the security headers added where they are missing."""
    raw = list(headers)
    present = {name.lower(): value for name, value in raw}
    raw += [(name, value) for name, value in SECURITY_HEADERS if name not in present]
    if present.get(b"content-type", b"").startswith(b"text/html") and _CSP not in present:
        raw.append((_CSP, content_security_policy().encode("latin-1")))
    return raw


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = with_security_headers(message.get("headers", ()))
            await send(message)

        await self.app(scope, receive, send_with_headers)
