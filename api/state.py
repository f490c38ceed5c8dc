"""The app's shared state — store, name index, projection, query runner, settings — opened once in the
lifespan and handed to routes through named dependencies.

Nothing here reads the whole graph: the name index and the statistics come from the index the writer keeps
beside the store (:mod:`rekg.graph.index_store`, rebuilt when it is not at the store's generation), and the
projection fetches what each request walks (:class:`rekg.graph.bounded.StoreProjection`).

Routes on the hot paths (``/sparql``, ``/api/lookup``, ``/api/suggest``) take the whole state as one
dependency: FastAPI resolves every dependency anew on every request, at some 15–20 µs each.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from rekg.api.entities import Describer
from rekg.api.sparql_inline import PointLookupsInline
from rekg.api.sparql_pool import InlineRunner, ProcessRunner, QueryRunner
from rekg.api.vocabulary import Vocabulary
from rekg.errors import RekgError
from rekg.graph.bounded import StoreProjection
from rekg.graph.index_store import IndexStore, open_index
from rekg.graph.iri import IriMinter
from rekg.graph.lookup import NameIndex
from rekg.graph.name_index_store import StoredNameIndex
from rekg.graph.projection import EntityGraph
from rekg.graph.statistics import GraphStatistics, index_statistics
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
    generation: object | None  # the store's generation mark when it was opened (None: no mark to watch)
    store_index: IndexStore

    def close(self) -> None:
        self.runner.close()
        self.store_index.close()
        self.store.close()


#: How often an open store is opened again when a writer changes it while it is being opened.
OPEN_ATTEMPTS = 3


def open_state(location: str, settings: Settings, *, query_workers: int, warm: bool) -> AppState:
    """Open the store read-only (the server never writes), build the in-memory views, start the runners — all
    on one snapshot: if the store's generation mark moved while they were opened, they are opened again.

    ``warm``: return once the query workers have opened the store, as when a running server reopens a store
    that has changed (the old state answers meanwhile). At start-up the server answers as soon as the views
    are built, while the workers start: a query that comes before the first one is up waits for it, within
    the pool's ``wait_s`` (:class:`~rekg.api.sparql_pool.ProcessRunner`)."""
    for attempt in range(1, OPEN_ATTEMPTS + 1):
        state = _open_once(location, settings, query_workers, warm)
        if state.generation == state.store.generation() or attempt == OPEN_ATTEMPTS:
            log.info(
                "serving %s (generation %s): %d named entities, %d quads",
                location,
                getattr(state.generation, "number", "–"),
                len(state.index),
                state.statistics.quads,
            )
            return state
        log.info("the store changed while it was being opened: opening it again")
        state.close()
    raise AssertionError("unreachable")


def _open_once(location: str, settings: Settings, query_workers: int, warm: bool) -> AppState:
    store = open_store(location, read_only=True)
    generation = store.generation()
    runner: QueryRunner | None = None
    pool: ProcessRunner | None = None
    store_index: IndexStore | None = None
    try:
        if store.backend == "oxigraph":  # the workers start while the views below are built
            pool = ProcessRunner(
                store.location,
                workers=query_workers,
                timeout_s=settings.query_timeout_s,
                long_after_s=settings.long_query_s,
                max_long=settings.long_queries,
                wait_s=settings.queue_wait_s,
                generation=store.generation,
            )
            runner = PointLookupsInline(store, pool)
        else:
            runner = InlineRunner(store, settings.query_timeout_s)
        store_index = open_index(store)
        index = StoredNameIndex(store_index)
        projection = StoreProjection(store, store_index)
        describer = Describer(store, projection, Vocabulary.load(), IriMinter(settings.base))
        statistics = index_statistics(store_index, store.location, store.backend)
        if pool is not None and warm:
            pool.warm()
    except BaseException:
        if runner is not None:
            runner.close()
        if store_index is not None:
            store_index.close()
        store.close()
        raise
    return AppState(
        settings, store, index, projection, describer, runner, statistics, generation, store_index
    )


#: How often the server reads the store's generation mark; how long the mark must stay still (and not
#: "writing") before the store is reopened, so that a batch of writes is taken in once; and the longest the
#: server waits for that while writes go on.
WATCH_S = 0.5
QUIET_S = 1.0
MOST_S = 30.0


async def follow_writes(app: Any, location: str, settings: Settings, query_workers: int) -> None:
    """Reopen the store and every view together when a writer has moved its generation mark on; until
    then every endpoint answers from the old snapshot (the pool starts no worker on newer data). The old
    state is closed once the queries it runs are done (the time limit, and a second)."""
    loop = asyncio.get_running_loop()
    changed_at: float | None = None
    last: object = None
    last_at = 0.0
    while True:
        await asyncio.sleep(WATCH_S)
        state: AppState = app.state.rekg
        mark = state.store.generation()
        if mark == state.generation:
            changed_at = None
            continue
        now = loop.time()
        if mark != last:
            last, last_at = mark, now
            changed_at = changed_at if changed_at is not None else now
        settled = now - last_at >= QUIET_S and not getattr(mark, "writing", False)
        if not settled and now - (changed_at or now) < MOST_S:
            continue
        try:
            fresh = await run_in_threadpool(
                open_state, location, settings, query_workers=query_workers, warm=True
            )
        except RekgError as e:
            log.warning(
                "the store changed, but could not be reopened (still serving the old snapshot): %s", e
            )
            continue
        app.state.rekg = fresh
        changed_at = None
        log.info(
            "the store moved from generation %s to %s: reopened the store and every view built from it",
            getattr(state.generation, "number", "?"),
            getattr(fresh.generation, "number", "?"),
        )
        loop.call_later(settings.query_timeout_s + 1, lambda old=state: loop.run_in_executor(None, old.close))


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
