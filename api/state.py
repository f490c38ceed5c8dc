"""The app's shared state — store, name index, projection, query runner, settings — opened once in the
lifespan and handed to routes through named dependencies.

Routes on the hot paths (``/sparql``, ``/api/lookup``, ``/api/suggest``) take the whole state as one
dependency: FastAPI resolves every dependency anew on every request, at some 15–20 µs each.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from rekg.api.entities import Describer
from rekg.api.sparql_inline import PointLookupsInline
from rekg.api.sparql_pool import InlineRunner, ProcessRunner, QueryRunner
from rekg.api.vocabulary import Vocabulary
from rekg.graph.iri import IriMinter
from rekg.graph.lookup import NameIndex
from rekg.graph.projection import EntityGraph
from rekg.graph.statistics import GraphStatistics, graph_statistics
from rekg.graph.store import QuadStore, open_store
from rekg.settings import Settings

log = logging.getLogger("rekg.api")


@dataclass
class AppState:
    settings: Settings
    store: QuadStore
    index: NameIndex
    projection: EntityGraph
    describer: Describer
    runner: QueryRunner
    statistics: GraphStatistics

    def close(self) -> None:
        self.runner.close()
        self.store.close()


def open_state(location: str, settings: Settings, *, query_workers: int) -> AppState:
    """Open the store read-only (the server never writes), build the in-memory views, start the runners."""
    store = open_store(location, read_only=True)
    runner: QueryRunner | None = None
    pool: ProcessRunner | None = None
    try:
        if store.backend == "oxigraph":  # the workers start while the views below are built
            pool = ProcessRunner(store.location, workers=query_workers, timeout_s=settings.query_timeout_s)
            runner = PointLookupsInline(store, pool)
        else:
            runner = InlineRunner(store, settings.query_timeout_s)
        index = NameIndex.from_store(store)
        projection = EntityGraph.from_store(store)
        describer = Describer(store, projection, Vocabulary.load(), IriMinter(settings.base))
        statistics = graph_statistics(store)
        if pool is not None:
            pool.warm()
    except BaseException:
        if runner is not None:
            runner.close()
        store.close()
        raise
    log.info("serving %s: %d entities, %d relations", location, len(projection), projection.graph.size())
    return AppState(settings, store, index, projection, describer, runner, statistics)


async def get_state(request: Request) -> AppState:
    return request.app.state.rekg


async def get_index(state: Annotated[AppState, Depends(get_state)]) -> NameIndex:
    return state.index


async def get_describer(state: Annotated[AppState, Depends(get_state)]) -> Describer:
    return state.describer


async def get_statistics(state: Annotated[AppState, Depends(get_state)]) -> GraphStatistics:
    return state.statistics


StateDep = Annotated[AppState, Depends(get_state)]
IndexDep = Annotated[NameIndex, Depends(get_index)]
DescriberDep = Annotated[Describer, Depends(get_describer)]
StatisticsDep = Annotated[GraphStatistics, Depends(get_statistics)]
