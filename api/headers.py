"""Security headers on every response (a plain ASGI middleware: no per-request task or thread)."""

from __future__ import annotations

from functools import cache

from starlette.datastructures import MutableHeaders
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


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "same-origin")
                if headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("Content-Security-Policy", content_security_policy())
            await send(message)

        await self.app(scope, receive, send_with_headers)
