"""Where the endpoint's SPARQL queries run, with a time limit that holds even though pyoxigraph's ``query()``
cannot be interrupted.

- :class:`ProcessRunner` (embedded Oxigraph store): a few worker processes, each with the store opened
  read-only once. A query that runs past the limit gets its worker killed and replaced; the others keep
  answering, and so does the server.
- :class:`InlineRunner` (memory and remote stores): the query runs in a thread of the server. A remote server
  enforces its own limits; the memory store is for tests.

The routes call :meth:`QueryRunner.run_async`. For a worker process that means no thread at all on the way:
the event loop writes the job to the worker's socket and reads the answer as it arrives, and a timer kills
the worker if the answer is not there in time (see :class:`_Exchange`). Each thread hop costs a wake-up, and
on a small machine those add up to more than a short query takes. The loop watches a worker's socket from
its first query on, not query by query: registering and unregistering a reader costs some 15 µs a query.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import pickle
import threading
from collections import deque
from collections.abc import Callable
from multiprocessing.context import SpawnProcess
from typing import Protocol

from starlette.concurrency import run_in_threadpool

from rekg.api.problems import BusyError
from rekg.api.sparql_exec import QueryAnswer, QueryJob, execute
from rekg.api.sparql_worker import READ_CHUNK, frame, job_message, outcome, serve
from rekg.errors import QueryError, QueryTimeoutError, RekgError, StoreError
from rekg.graph.store import QuadStore

log = logging.getLogger("rekg.api")

#: How long a fresh worker may take to import rekg and open the store.
STARTUP_TIMEOUT_S = 60.0
#: A job up to this size is written to the worker from the event loop: it fits the socket's buffer (which is
#: empty while the worker waits for a job), so the write cannot block. A larger job is written from a thread.
DIRECT_SEND_BYTES = 32 * 1024


class QueryRunner(Protocol):
    timeout_s: float

    def run(self, job: QueryJob) -> QueryAnswer: ...

    async def run_async(self, job: QueryJob) -> QueryAnswer: ...

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

    def close(self) -> None:
        """Nothing to release: the store belongs to the app."""


def _timed_out(timeout: float) -> QueryTimeoutError:
    return QueryTimeoutError(f"the query ran past the time limit of {timeout:g} s and was stopped")


class _Worker:
    def __init__(self, location: str) -> None:
        context = multiprocessing.get_context("spawn")
        self._connection, child = context.Pipe()
        self._process: SpawnProcess = context.Process(
            target=serve, args=(child, location), name="rekg-sparql-worker", daemon=True
        )
        self._process.start()
        child.close()
        self.fd = self._connection.fileno()
        self._blocking = True
        self.ready = False
        self.broken = False  # the process died or was cut off: replace it
        self.loop: asyncio.AbstractEventLoop | None = None  # the event loop that watches the socket
        self.exchange: _Exchange | None = None  # the job under way there

    def watch(self, loop: asyncio.AbstractEventLoop) -> None:
        """Have ``loop`` (the running one) watch the socket, for this job and the next ones."""
        if self.loop is loop:
            return
        self.detach()
        self.blocking(False)
        loop.add_reader(self.fd, self._readable)
        self.loop = loop

    def detach(self) -> None:
        """Stop the watching event loop watching the socket, before a thread uses it or it is closed. From
        the loop's own thread this is immediate; from another one it waits for the loop to do it."""
        loop, self.loop = self.loop, None
        if loop is None or loop.is_closed():
            return
        try:
            running: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop or not loop.is_running():
            loop.remove_reader(self.fd)
            return
        removed = threading.Event()

        def remove() -> None:
            loop.remove_reader(self.fd)
            removed.set()

        try:
            loop.call_soon_threadsafe(remove)
        except RuntimeError:  # the loop closed meanwhile, and its watch with it
            return
        if not removed.wait(STARTUP_TIMEOUT_S):
            self.broken = True
            raise QueryError("the query service did not hand over a worker in time")

    def _readable(self) -> None:
        if self.exchange is not None:
            self.exchange.readable()
            return
        # Nothing was asked: the worker died while idle, or talks out of turn. Either way, replace it.
        self.broken = True
        self.detach()

    def blocking(self, flag: bool) -> None:
        """The mode of our end of the socket: blocking for the calls of ``Connection``, not for the loop's."""
        if self._blocking != flag:
            os.set_blocking(self.fd, flag)
            self._blocking = flag

    def _receive(self, timeout: float) -> bytes | None:
        """The worker's next message; None if none came in time, ``b""`` if the worker is gone."""
        self.blocking(True)
        if not self._connection.poll(timeout):
            return None
        try:
            return self._connection.recv_bytes()
        except (EOFError, OSError):
            self.broken = True
            return b""

    def wait_ready(self) -> None:
        if self.ready:
            return
        message = self._receive(STARTUP_TIMEOUT_S)
        status = pickle.loads(message) if message else None
        if not isinstance(status, tuple) or status[0] != "ready":
            error = status[1] if isinstance(status, tuple) and len(status) == 2 else None
            raise error if isinstance(error, RekgError) else StoreError("a query worker failed to start")
        self.ready = True

    def send(self, payload: bytes) -> None:
        try:
            self._connection.send_bytes(payload)
        except (OSError, ValueError) as e:
            self.broken = True
            raise QueryError("the query stopped the worker that ran it") from e

    def ask(self, job: QueryJob, timeout: float) -> QueryAnswer:
        """Send ``job`` and wait for the answer, blocking this thread."""
        self.detach()
        self.wait_ready()
        self.blocking(True)
        self.send(job_message(job))
        message = self._receive(timeout)
        if message is None:
            self.broken = True
            raise _timed_out(timeout)
        if not message:
            raise QueryError("the query stopped the worker that ran it")
        return outcome(message)

    def kill(self) -> None:
        """Stop a runaway query now (a signal: does not block)."""
        if self._process.is_alive():
            self._process.kill()

    def stop(self, *, kill: bool = False) -> None:
        try:
            self.detach()
        except QueryError:
            kill = True
        if not kill and self._process.is_alive():
            try:
                self.blocking(True)
                self._connection.send_bytes(b"")
            except (OSError, ValueError):
                kill = True
            self._process.join(2.0)
        if self._process.is_alive():
            self._process.kill()
        self._process.join(5.0)
        self._connection.close()


class _Exchange:
    """One job's round trip to a worker, driven by the event loop: the answer is read as it arrives, and the
    worker is killed if it is not complete in time. The exchange ends on its own (the worker handed back, or
    killed and replaced) even if the request that started it has gone away meanwhile."""

    def __init__(
        self,
        worker: _Worker,
        timeout: float,
        loop: asyncio.AbstractEventLoop,
        done: Callable[[_Worker], None],
    ) -> None:
        self._worker = worker
        self._timeout = timeout
        self._loop = loop
        self._done = done
        self._buffer = bytearray()
        self._over = False
        self.future: asyncio.Future[QueryAnswer] = loop.create_future()
        worker.exchange = self
        self._timer = loop.call_later(timeout, self._expired)

    def readable(self) -> None:
        try:
            chunk = os.read(self._worker.fd, READ_CHUNK)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if not chunk:  # the worker died
            self._finish(error=QueryError("the query stopped the worker that ran it"), broken=True)
            return
        self._buffer += chunk
        found = frame(self._buffer)
        if found is None or len(self._buffer) < found[0] + found[1]:
            return
        header, size = found
        if len(self._buffer) != header + size:  # more than one answer to one job: never trust this worker
            self._finish(error=QueryError("the query stopped the worker that ran it"), broken=True)
            return
        try:
            answer = outcome(memoryview(self._buffer)[header:])
        except RekgError as e:
            self._finish(error=e, broken=False)
        except Exception as e:  # noqa: BLE001 - an unreadable answer: replace the worker, say it plainly
            log.warning("a query worker sent an unreadable answer: %r", e)
            self._finish(error=QueryError("the query stopped the worker that ran it"), broken=True)
        else:
            self._finish(answer=answer, broken=False)

    def _expired(self) -> None:
        log.warning("a SPARQL query was stopped after %g s", self._timeout)
        self._worker.kill()
        self._finish(error=_timed_out(self._timeout), broken=True)

    def _finish(
        self, *, broken: bool, answer: QueryAnswer | None = None, error: RekgError | None = None
    ) -> None:
        if self._over:
            return
        self._over = True
        self._timer.cancel()
        self._worker.exchange = None
        self._worker.broken = self._worker.broken or broken
        if self._worker.broken:
            self._worker.detach()  # before the worker is stopped and its socket closed
        self._done(self._worker)
        if self.future.done():  # the request was cancelled
            return
        if error is not None:
            self.future.set_exception(error)
        else:
            assert answer is not None
            self.future.set_result(answer)


class _Waiter:
    """A request waiting for a free worker; ``wake`` tells it one was handed to it."""

    __slots__ = ("wake", "worker")

    def __init__(self, wake: Callable[[], None]) -> None:
        self.wake = wake
        self.worker: _Worker | None = None


def _settle(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class ProcessRunner:
    """A pool of ``workers`` query processes over a store directory, each query limited to ``timeout_s``.

    Free workers go to waiting requests first come, first served, whether they wait in a thread (:meth:`run`)
    or in the event loop (:meth:`run_async`); a request that waits ``timeout_s`` for one gets BusyError."""

    def __init__(self, location: str, *, workers: int, timeout_s: float) -> None:
        self._location = location
        self.timeout_s = timeout_s
        self._idle: deque[_Worker] = deque()
        self._waiting: deque[_Waiter] = deque()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(max(1, workers)):
            self._release(self._start())

    def warm(self) -> None:
        """Wait until every worker has opened the store (at start-up, before the first query)."""
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            worker.wait_ready()

    def _start(self) -> _Worker:
        worker = _Worker(self._location)
        with self._lock:
            self._all.add(worker)
        return worker

    # -- the pool of free workers

    def _release(self, worker: _Worker) -> None:
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

    def _take_or_wait(self, wake: Callable[[], None]) -> _Worker | _Waiter:
        with self._lock:
            if self._idle and not self._waiting:
                return self._idle.pop()  # the worker used last: its caches are warm, its CPU likely near
            waiter = _Waiter(wake)
            self._waiting.append(waiter)
            return waiter

    def _claim(self, waiter: _Waiter) -> _Worker | None:
        """The worker handed to ``waiter``; None (and the waiter withdrawn) if none was."""
        with self._lock:
            if waiter.worker is None:
                self._waiting.remove(waiter)
            return waiter.worker

    def _busy(self) -> BusyError:
        return BusyError("every query worker is busy; try again in a moment")

    def _acquire(self) -> _Worker:
        event = threading.Event()
        got = self._take_or_wait(event.set)
        if isinstance(got, _Worker):
            return got
        event.wait(self.timeout_s)
        worker = self._claim(got)
        if worker is None:
            raise self._busy()
        return worker

    def _take_idle(self) -> _Worker | None:
        """A free worker if one is idle and nobody waits before us (the usual case: no future, no waiting)."""
        with self._lock:
            if self._idle and not self._waiting:
                return self._idle.pop()
        return None

    async def _acquire_async(self) -> _Worker:
        loop = asyncio.get_running_loop()
        woken: asyncio.Future[None] = loop.create_future()
        got = self._take_or_wait(lambda: loop.call_soon_threadsafe(_settle, woken))
        if isinstance(got, _Worker):
            return got
        try:
            await asyncio.wait((woken,), timeout=self.timeout_s)
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

    def _finished(self, worker: _Worker) -> None:
        """Hand ``worker`` back, or a fresh one in its place if it was killed or died (blocks: kills, joins)."""
        if worker.broken and not self._closed:
            worker.stop(kill=True)
            with self._lock:
                self._all.discard(worker)
            worker = self._start()
        self._release(worker)

    def _finished_soon(self, worker: _Worker) -> None:
        """:meth:`_finished` for the event loop: a broken worker is replaced in a thread of its own."""
        if worker.broken and not self._closed:
            replace = threading.Thread(
                target=self._finished, args=(worker,), name="rekg-sparql-replace", daemon=True
            )
            replace.start()
        else:
            self._release(worker)

    def _ask(self, worker: _Worker, job: QueryJob) -> QueryAnswer:
        try:
            return worker.ask(job, self.timeout_s)
        except QueryTimeoutError:
            log.warning("a SPARQL query was stopped after %g s", self.timeout_s)
            raise
        finally:
            self._finished(worker)

    def run(self, job: QueryJob) -> QueryAnswer:
        """Run ``job`` in a worker, blocking the calling thread."""
        if self._closed:
            raise StoreError("the query service is shutting down")
        return self._ask(self._acquire(), job)

    async def run_async(self, job: QueryJob) -> QueryAnswer:
        """Run ``job`` in a worker without blocking the event loop, and without a thread in the usual case."""
        if self._closed:
            raise StoreError("the query service is shutting down")
        payload = job_message(job)
        worker = self._take_idle() or await self._acquire_async()
        while worker.broken:  # it died while idle: replace it, take another
            self._finished_soon(worker)
            worker = self._take_idle() or await self._acquire_async()
        if not worker.ready or len(payload) > DIRECT_SEND_BYTES:
            # a fresh worker still starting, or a long query: the blocking path, in a thread
            worker.detach()
            return await run_in_threadpool(self._ask, worker, job)
        loop = asyncio.get_running_loop()
        try:
            worker.watch(loop)  # before the job goes out: no other loop may read its answer
            worker.send(payload)  # fits the socket's empty buffer: does not block, whatever the fd's mode
            exchange = _Exchange(worker, self.timeout_s, loop, self._finished_soon)
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
