"""The one way HTML is made: Jinja2 templates from ``api/templates`` with autoescaping always on.

Every string from the graph reaches a page through a template expression (escaped, its control and bidi
characters shown as escapes) or through ``|tojson`` inside a ``<script type="application/json">`` block
(escaped for that context too).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from rekg.api.network import LANGUAGES, label_in
from rekg.graph.text import visible

NAVIGATION = (
    ("/", "首页 Home"),
    ("/sparql", "查询 SPARQL"),
    ("/graph", "网络 Network"),
    ("/path", "查关系 Connections"),
    ("/docs", "接口 API"),
)


def _label(labels: dict[str, str] | None, language: str = "zh", fallback: str = "") -> str:
    return label_in(labels or {}, language, fallback)


def _both(labels: dict[str, str] | None, fallback: str = "") -> str:
    """``中文名 · English name`` (one of them when both are the same or one is missing)."""
    zh, en = _label(labels, "zh", fallback), _label(labels, "en", fallback)
    return zh if zh == en else f"{zh} · {en}"


def _shown(value: Any) -> Any:
    """Every value a template prints: text with its control and bidirectional formatting characters shown as
    escapes (a name cannot reorder the page around it); markup made by the templates' own filters as it is."""
    return visible(value) if isinstance(value, str) and not isinstance(value, Markup) else value


@cache
def templates() -> Jinja2Templates:
    environment = Environment(
        loader=PackageLoader("rekg.api", "templates"),
        autoescape=True,
        finalize=_shown,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["label"] = _label
    environment.filters["both"] = _both
    environment.globals["navigation"] = NAVIGATION
    environment.globals["languages"] = tuple(LANGUAGES)
    return Jinja2Templates(env=environment)


def render(
    request: Request, name: str, context: dict[str, Any], *, status_code: int = 200, title: str = "rekg"
) -> HTMLResponse:
    """Render ``api/templates/<name>`` with ``context`` (plus the request and a page title)."""
    return templates().TemplateResponse(
        request, name, {"title": title, "path": request.url.path, **context}, status_code=status_code
    )
