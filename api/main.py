"""The FastAPI application: wires the routers, the shared state (opened in the lifespan), the error
handlers, the static files and the security headers. Nothing happens at import time."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.types import Receive, Scope, Send

from rekg import __version__
from rekg.api import (
    routes_entities,
    routes_export,
    routes_graph,
    routes_home,
    routes_lookup,
    routes_reconcile,
    routes_sparql,
)
from rekg.api.errors import install_error_handlers
from rekg.api.headers import SecurityHeaders, content_security_policy
from rekg.api.parameters import StrictParameters
from rekg.api.sparql_endpoint import PATH as SPARQL_PATH
from rekg.api.sparql_endpoint import SparqlEndpoint
from rekg.api.state import follow_writes, open_state
from rekg.settings import Settings, get_settings

#: How many processes answer SPARQL queries (each holds the store open read-only).
QUERY_WORKERS = 2


class RekgAPI(FastAPI):
    """FastAPI, with query requests to ``/sparql`` answered in front of the framework's layers by
    :class:`~rekg.api.sparql_endpoint.SparqlEndpoint`; everything else as FastAPI answers it."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._sparql = SparqlEndpoint(super().__call__, lambda: self.state.rekg)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == SPARQL_PATH:
            scope["app"] = self
            await self._sparql(scope, receive, send)
        else:
            await super().__call__(scope, receive, send)


def create_app(
    store: str | None = None, *, settings: Settings | None = None, query_workers: int = QUERY_WORKERS
) -> FastAPI:
    """The app over the store at ``store`` (default: ``settings.store``), opened read-only when it starts."""
    config = settings or get_settings()
    location = store or config.store

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = await run_in_threadpool(open_state, location, config, query_workers=query_workers, warm=False)
        app.state.rekg = state
        await run_in_threadpool(content_security_policy)  # reads the vis-network library once
        follower = None
        if state.generation is not None:  # an embedded store: reopen it when a writer changes it
            follower = asyncio.create_task(follow_writes(app, location, config, query_workers))
        try:
            yield
        finally:
            if follower is not None:
                follower.cancel()
            await run_in_threadpool(app.state.rekg.close)

    app = RekgAPI(
        title="rekg",
        version=__version__,
        summary="A bilingual (Chinese / English) knowledge graph of the rare-earth industry",
        description="SPARQL 1.1 Protocol endpoint, lookups by name, entity resources, ownership trees, "
        "connection paths and the network view. 稀土产业知识图谱：SPARQL 查询、名称检索、实体页、股权穿透、查关系、关系网络。",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's Swagger UI loads from a CDN; /docs is served by routes_home instead
        redoc_url=None,
    )
    install_error_handlers(app)

    app.add_middleware(StrictParameters)  # inside SecurityHeaders: its 400s get the headers too
    app.add_middleware(SecurityHeaders)
    app.add_middleware(routes_reconcile.ReconcileCors)  # outermost: CORS on every answer under /reconcile
    for module in (routes_home, routes_sparql, routes_lookup, routes_entities, routes_graph, routes_export):
        app.include_router(module.router)
    app.include_router(routes_reconcile.router)  # the W3C Reconciliation API 0.2, for OpenRefine
    app.mount("/static", StaticFiles(packages=[("rekg.api", "static")]), name="static")
    return app
