"""Where the endpoint's SPARQL queries run, with a time limit that holds even though pyoxigraph's ``query()``
cannot be interrupted.

- :class:`ProcessRunner` (embedded Oxigraph store): a few worker processes, each with the store opened
  read-only once. A query that runs past the limit gets its worker killed and replaced; the others keep
  answering, and so does the server.
- :class:`InlineRunner` (memory and remote stores): the query runs in a thread of the server. A remote server
  enforces its own limits; the memory store is for tests.

**Long queries do not hold the pool.** A query still running after ``long_after_s`` (1 s) leaves the pool's
count: a spare worker (one per long query allowed), started beforehand, takes its place at once, so ordinary
queries keep being answered while it runs on (up to the time limit), and the worker retires when it is done.
At most ``max_long`` queries run long at a time; one more that runs long is stopped there with a 503 and
Retry-After. A request that finds no worker free waits at most ``wait_s`` (its own deadline, shorter than the
time limit), then gets a 503.

The routes call :meth:`QueryRunner.run_async`. For a worker process that means no thread at all on the way:
the event loop writes the job to the worker's socket and reads the answer as it arrives, and timers move or
kill the worker if the answer is not there in time (see :class:`~rekg.api.sparql_exchange.Exchange`). Each
thread hop costs a wake-up, and on a small machine those add up to more than a short query takes. The loop
watches a worker's socket from its first query on, not query by query: registering and unregistering a reader
costs some 15 µs a query.

**Start-up.** The workers start in a thread of the pool's own (forked from a process that has imported rekg
once, see :mod:`rekg.api.sparql_worker`), each joining the pool once it has opened the store, the spares
after them; the server does not wait for them. A query that comes sooner waits for the first one like any
request that finds no worker free — at most ``wait_s``, then a 503 that says the workers are still starting
(and, if they could not start at all, why). :meth:`ProcessRunner.warm` waits for them all.

**One snapshot.** ``generation`` (the store's generation mark, see :mod:`rekg.graph.generation`) is read when
the pool starts; once it has changed, no new worker is started (it would open newer data than the others): the
server reopens everything together instead (:mod:`rekg.api.state`).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Protocol

from starlette.concurrency import run_in_threadpool

from rekg.api.problems import BusyError
from rekg.api.sparql_exchange import Exchange, StoppedQueries, too_many_long
from rekg.api.sparql_exec import QueryAnswer, QueryJob, execute
from rekg.api.sparql_worker import WorkerHandle, job_message
from rekg.errors import QueryError, QueryTimeoutError, RekgError, StoreError
from rekg.graph.store import QuadStore

__all__ = ["InlineRunner", "ProcessRunner", "QueryRunner", "StoppedQueries"]

log = logging.getLogger("rekg.api")

#: A job up to this size is written to the worker from the event loop: it fits the socket's buffer (which is
#: empty while the worker waits for a job), so the write cannot block. A larger job is written from a thread.
DIRECT_SEND_BYTES = 32 * 1024
#: After this long a query counts as long and leaves the pool's count (a spare takes its place).
LONG_AFTER_S = 1.0
#: How many queries may run long at a time.
MAX_LONG = 2
#: How long a request waits for a free worker before it is told the server is busy.
WAIT_S = 3.0


class QueryRunner(Protocol):
    timeout_s: float

    def run(self, job: QueryJob) -> QueryAnswer: ...

    async def run_async(self, job: QueryJob) -> QueryAnswer: ...

    def warm(self) -> None:
        """Return once queries can run without waiting for the runner to start."""

    def close(self) -> None: ...


class InlineRunner:
    """Runs queries in the calling thread (no time limit of its own); ``run_async`` in a worker thread."""

    def __init__(self, store: QuadStore, timeout_s: float) -> None:
        self._store = store
        self.timeout_s = timeout_s

    def run(self, job: QueryJob) -> QueryAnswer:
        return execute(self._store, job)

    async def run_async(self, job: QueryJob) -> QueryAnswer:
        return await run_in_threadpool(execute, self._store, job)

    def warm(self) -> None:
        """Nothing to start."""

    def close(self) -> None:
        """Nothing to release: the store belongs to the app."""


class _Waiter:
    """A request waiting for a free worker; ``wake`` tells it one was handed to it."""

    __slots__ = ("wake", "worker")

    def __init__(self, wake: Callable[[], None]) -> None:
        self.wake = wake
        self.worker: WorkerHandle | None = None


def _settle(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class ProcessRunner:
    """A pool of ``workers`` query processes over a store directory, each query limited to ``timeout_s``,
    with a lane for up to ``max_long`` queries that run past ``long_after_s`` (see the module's docstring).

    Free workers go to waiting requests first come, first served, whether they wait in a thread (:meth:`run`)
    or in the event loop (:meth:`run_async`); a request that waits ``wait_s`` for one gets BusyError."""

    def __init__(
        self,
        location: str,
        *,
        workers: int,
        timeout_s: float,
        long_after_s: float = LONG_AFTER_S,
        max_long: int = MAX_LONG,
        wait_s: float = WAIT_S,
        generation: Callable[[], object] | None = None,
    ) -> None:
        self._location = location
        self.timeout_s = timeout_s
        self.long_after_s = long_after_s
        self.max_long = max_long
        self.wait_s = min(wait_s, timeout_s)
        self._generation = generation
        self._born = generation() if generation is not None else None
        self.stopped = StoppedQueries(timeout_s)
        self._idle: deque[WorkerHandle] = deque()
        self._waiting: deque[_Waiter] = deque()
        self._all: set[WorkerHandle] = set()
        self._long: set[WorkerHandle] = set()
        self._spares: deque[WorkerHandle] = deque()
        self._lock = threading.Lock()
        self._closed = False
        self._failure: RekgError | None = None  # why the last worker that failed to start did
        self._warmed = threading.Event()
        threading.Thread(
            target=self._warm_up, args=(max(1, workers),), name="rekg-sparql-warm", daemon=True
        ).start()

    def _warm_up(self, workers: int) -> None:
        """Start the workers (in this thread: the first start waits for the process they fork from), each
        joining the pool once it has opened the store; then the spares (one per long query that may start:
        each takes a spare's place), so that they do not slow the first ones down."""
        try:
            first = [self._start_current() for _ in range(workers)]
            for worker in first:
                if worker is not None:
                    self._join(worker)
            for _ in range(self.max_long):
                self._add_spare()
        except OSError as e:  # no process could be started
            log.warning("the query workers could not start: %s", e)
            self._failure = StoreError(str(e))
        finally:
            self._warmed.set()

    def warm(self) -> None:
        """Wait until the workers have opened the store and the spares are up (queries need not wait for
        this: a request that comes sooner waits for the first worker, within ``wait_s``). StoreError if the
        last worker that tried could not start."""
        self._warmed.wait()  # bounded: each worker has STARTUP_TIMEOUT_S to start
        if self._failure is not None:
            raise StoreError(f"the query workers could not start: {self._failure}")

    def _ready(self, worker: WorkerHandle) -> bool:
        """Wait until ``worker`` has opened the store; False (the worker stopped, the reason kept for the
        requests that wait in vain) if it could not."""
        try:
            worker.wait_ready()
        except (RekgError, OSError) as e:  # OSError: the pool was closed meanwhile
            if not self._closed:
                log.warning("a query worker failed to start: %s", e)
                self._failure = e if isinstance(e, RekgError) else StoreError(str(e))
            worker.stop(kill=True)
            with self._lock:
                self._all.discard(worker)
            return False
        self._failure = None
        return True

    def _join(self, worker: WorkerHandle) -> None:
        """Into the pool once it has opened the store (blocks until then)."""
        if self._ready(worker):
            self._release(worker)

    def _add_spare(self) -> None:
        """Start a spare (unless the store has changed) and keep it once it has opened the store."""
        fresh = self._start_current()
        if fresh is not None and self._ready(fresh):
            with self._lock:
                self._spares.append(fresh)

    def _start(self) -> WorkerHandle:
        worker = WorkerHandle(self._location)
        with self._lock:
            self._all.add(worker)
        return worker

    def current(self) -> bool:
        """Whether the store is still at the generation the pool started with (new workers would see what
        the others see)."""
        return self._generation is None or self._generation() == self._born

    def _start_current(self) -> WorkerHandle | None:
        """A new worker, unless the store has changed since the pool started (the server reopens
        everything then, and this pool makes do with the workers it has until it is closed)."""
        if self._closed or not self.current():
            return None
        return self._start()

    # -- long queries

    def promote(self, worker: WorkerHandle) -> bool:
        """Move a worker whose query runs long out of the pool's count, a spare taking its place; False (and
        nothing changed) if ``max_long`` queries run long already."""
        with self._lock:
            if self._closed or len(self._long) >= self.max_long:
                return False
            self._long.add(worker)
            worker.long = True
            spare = self._spares.popleft() if self._spares else None
        log.info(
            "a SPARQL query has run %g s: it goes on outside the pool (%d long)",
            self.long_after_s,
            len(self._long),
        )
        self._restock_soon(spare)
        return True

    def _restock_soon(self, spare: WorkerHandle | None) -> None:
        threading.Thread(target=self._restock, args=(spare,), name="rekg-sparql-restock", daemon=True).start()

    def _restock(self, spare: WorkerHandle | None) -> None:
        """Put ``spare`` (or a new worker, once it has opened the store) in the pool, and start a new spare."""
        if spare is not None:
            self._release(spare)
        elif (fresh := self._start_current()) is not None:
            self._join(fresh)
        with self._lock:
            wanted = len(self._spares) < self.max_long
        if wanted:
            self._add_spare()

    def _on_long(self, worker: WorkerHandle) -> None:
        """:meth:`WorkerHandle.ask`'s hook: promoted, or killed with BusyError."""
        if not self.promote(worker):
            worker.kill()
            worker.broken = True
            raise too_many_long(self.long_after_s, self.max_long)

    # -- the pool of free workers

    def _release(self, worker: WorkerHandle) -> None:
        with self._lock:
            if not self._waiting:
                self._idle.append(worker)
                return
            waiter = self._waiting.popleft()
            waiter.worker = worker
        try:
            waiter.wake()
        except RuntimeError:  # its event loop is closed: nobody will take the worker there
            self._release(worker)

    def _take_or_wait(self, wake: Callable[[], None]) -> WorkerHandle | _Waiter:
        with self._lock:
            if self._idle and not self._waiting:
                return self._idle.pop()  # the worker used last: its caches are warm, its CPU likely near
            waiter = _Waiter(wake)
            self._waiting.append(waiter)
            return waiter

    def _claim(self, waiter: _Waiter) -> WorkerHandle | None:
        """The worker handed to ``waiter``; None (and the waiter withdrawn) if none was."""
        with self._lock:
            if waiter.worker is None:
                self._waiting.remove(waiter)
            return waiter.worker

    def _busy(self) -> RekgError:
        """Why a request waited ``wait_s`` in vain."""
        if self._failure is not None:
            return StoreError(f"the query workers could not start: {self._failure}")
        if not self._warmed.is_set():
            return BusyError("the query workers are still starting; try again in a moment")
        return BusyError("every query worker is busy; try again in a moment")

    def _acquire(self) -> WorkerHandle:
        event = threading.Event()
        got = self._take_or_wait(event.set)
        if isinstance(got, WorkerHandle):
            return got
        event.wait(self.wait_s)
        worker = self._claim(got)
        if worker is None:
            raise self._busy()
        return worker

    def _take_idle(self) -> WorkerHandle | None:
        """A free worker if one is idle and nobody waits before us (the usual case: no future, no waiting)."""
        with self._lock:
            if self._idle and not self._waiting:
                return self._idle.pop()
        return None

    async def _acquire_async(self) -> WorkerHandle:
        loop = asyncio.get_running_loop()
        woken: asyncio.Future[None] = loop.create_future()
        got = self._take_or_wait(lambda: loop.call_soon_threadsafe(_settle, woken))
        if isinstance(got, WorkerHandle):
            return got
        try:
            await asyncio.wait((woken,), timeout=self.wait_s)
        except asyncio.CancelledError:  # withdraw, or hand back a worker that came meanwhile
            worker = self._claim(got)
            if worker is not None:
                self._release(worker)
            raise
        worker = self._claim(got)
        if worker is None:
            raise self._busy()
        return worker

    # -- running queries

    def _finished(self, worker: WorkerHandle) -> None:
        """After a job: a worker that ran long retires (another took its place); one that was killed or died
        is replaced (unless the store has changed); any other goes back to the pool. Blocks (kills, joins)."""
        if worker.long:
            with self._lock:
                self._long.discard(worker)
                self._all.discard(worker)
            worker.stop(kill=worker.broken)
            return
        if worker.broken and not self._closed:
            worker.stop(kill=True)
            with self._lock:
                self._all.discard(worker)
            if not self.current():
                log.info("a query worker was not replaced: the store has changed, and the server reopens it")
                return
            with self._lock:
                spare = self._spares.popleft() if self._spares else None
            self._restock_soon(
                spare
            )  # the spare, started beforehand, takes its place now; a new spare starts
            return
        self._release(worker)

    def _finished_soon(self, worker: WorkerHandle) -> None:
        """:meth:`_finished` for the event loop: a worker to stop is stopped in a thread of its own."""
        if (worker.broken or worker.long) and not self._closed:
            replace = threading.Thread(
                target=self._finished, args=(worker,), name="rekg-sparql-replace", daemon=True
            )
            replace.start()
        else:
            self._release(worker)

    def _recheck(self, job: QueryJob, worker: WorkerHandle) -> None:
        """After the wait for a worker: a query stopped meanwhile (sent again before that) is refused now,
        the worker handed back unused."""
        try:
            self.stopped.check(job)
        except BusyError:
            self._release(worker)
            raise

    def _ask(self, worker: WorkerHandle, job: QueryJob) -> QueryAnswer:
        try:
            return worker.ask(job, self.timeout_s, self.long_after_s, self._on_long)
        except QueryTimeoutError:
            log.warning("a SPARQL query was stopped after %g s", self.timeout_s)
            self.stopped.remember(job)
            raise
        except BusyError:  # stopped by the long lane
            self.stopped.remember(job)
            raise
        finally:
            self._finished(worker)

    def run(self, job: QueryJob) -> QueryAnswer:
        """Run ``job`` in a worker, blocking the calling thread."""
        if self._closed:
            raise StoreError("the query service is shutting down")
        self.stopped.check(job)
        worker = self._acquire()
        self._recheck(job, worker)
        return self._ask(worker, job)

    async def run_async(self, job: QueryJob) -> QueryAnswer:
        """Run ``job`` in a worker without blocking the event loop, and without a thread in the usual case."""
        if self._closed:
            raise StoreError("the query service is shutting down")
        self.stopped.check(job)
        payload = job_message(job)
        worker = self._take_idle() or await self._acquire_async()
        while worker.broken:  # it died while idle: replace it, take another
            self._finished_soon(worker)
            worker = self._take_idle() or await self._acquire_async()
        self._recheck(job, worker)
        if len(payload) > DIRECT_SEND_BYTES:  # a long query: the blocking path, in a thread
            worker.detach()
            return await run_in_threadpool(self._ask, worker, job)
        loop = asyncio.get_running_loop()
        try:
            worker.watch(loop)  # before the job goes out: no other loop may read its answer
            worker.send(payload)  # fits the socket's empty buffer: does not block, whatever the fd's mode
            exchange = Exchange(worker, job, self, loop, self._finished_soon)
        except (QueryError, OSError, ValueError) as e:  # the worker is gone (or its socket closed)
            worker.broken = True
            worker.detach()
            self._finished_soon(worker)
            raise QueryError("the query stopped the worker that ran it") from e
        return await exchange.future

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()
