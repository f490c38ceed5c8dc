"""The edge where errors become answers: rekg's own exceptions, HTTP errors and invalid parameters turn into
a JSON body ``{"error": {"status", "message"}}`` — or an HTML page for a browser — never a traceback.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from rekg.api.negotiation import prefers_html
from rekg.api.problems import NameNotFoundError, retry_after, status_of
from rekg.api.rendering import render
from rekg.errors import RekgError

TITLES = {
    400: "Bad request 请求有误",
    403: "Refused 拒绝执行",
    404: "Not found 未找到",
    405: "Method not allowed 方法不允许",
    406: "Not acceptable 无法提供该格式",
    413: "Too large 请求过大",
    415: "Unsupported media type 不支持的类型",
    422: "Invalid parameters 参数无效",
    503: "Unavailable 暂不可用",
}


def problem(
    request: Request,
    status: int,
    message: str,
    headers: dict[str, str] | None = None,
    details: dict[str, Any] | None = None,
) -> Response:
    """The error's answer: JSON ``{"error": {"status", "message", …details}}``, or a page for a browser (which
    lists ``details["suggestions"]``, when there are any, as "did you mean")."""
    extra = details or {}
    if prefers_html(request):
        title = TITLES.get(status, f"Error {status}")
        context = {"status": status, "message": message, "suggestions": extra.get("suggestions", [])}
        response = render(request, "error.html", context, status_code=status, title=title)
    else:
        response = JSONResponse(
            {"error": {"status": status, "message": message, **extra}}, status_code=status
        )
    response.headers.update(headers or {})
    return response


async def _rekg_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RekgError)
    details = exc.details() if isinstance(exc, NameNotFoundError) else None
    return problem(request, status_of(exc), str(exc), retry_after(exc), details)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    return problem(request, exc.status_code, str(exc.detail), dict(exc.headers or {}))


async def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg", "invalid")))
    return problem(request, 422, "; ".join(parts) or "invalid request")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RekgError, _rekg_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
