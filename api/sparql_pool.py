"""Where the endpoint's SPARQL queries run, with a time limit that holds even though pyoxigraph's ``query()``
cannot be interrupted.

- :class:`ProcessRunner` (embedded Oxigraph store): a few worker processes, each with the store opened
  read-only once. A query that runs past the limit gets its worker killed and replaced; the others keep
  answering, and so does the server.
- :class:`InlineRunner` (memory and remote stores): the query runs in the calling thread. A remote server
  enforces its own limits; the memory store is for tests.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from typing import Protocol

from rekg.api.problems import BusyError
from rekg.api.sparql_exec import QueryAnswer, QueryJob, execute
from rekg.errors import QueryError, QueryTimeoutError, RekgError, StoreError
from rekg.graph.store import QuadStore, open_store

log = logging.getLogger("rekg.api")

#: How long a fresh worker may take to import rekg and open the store.
STARTUP_TIMEOUT_S = 60.0


class QueryRunner(Protocol):
    timeout_s: float

    def run(self, job: QueryJob) -> QueryAnswer: ...

    def close(self) -> None: ...


class InlineRunner:
    """Runs queries in the calling thread (no time limit of its own)."""

    def __init__(self, store: QuadStore, timeout_s: float) -> None:
        self._store = store
        self.timeout_s = timeout_s

    def run(self, job: QueryJob) -> QueryAnswer:
        return execute(self._store, job)

    def close(self) -> None:
        """Nothing to release: the store belongs to the app."""


def _serve(connection: Connection, location: str) -> None:
    """A worker's life: open the store read-only, say so, then answer jobs until told to stop."""
    try:
        store = open_store(location, read_only=True)
    except RekgError as e:
        connection.send(("failed", e))
        return
    connection.send(("ready", None))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            break
        if job is None:
            break
        try:
            connection.send(("ok", execute(store, job)))
        except RekgError as e:
            connection.send(("error", e))
    store.close()


class _Worker:
    def __init__(self, location: str) -> None:
        context = multiprocessing.get_context("spawn")
        self._connection, child = context.Pipe()
        self._process: SpawnProcess = context.Process(
            target=_serve, args=(child, location), name="rekg-sparql-worker", daemon=True
        )
        self._process.start()
        child.close()
        self._ready = False
        self.broken = False  # the process died or was cut off: replace it

    def _receive(self, timeout: float) -> tuple[str, object] | None:
        if not self._connection.poll(timeout):
            return None
        try:
            return self._connection.recv()
        except (EOFError, OSError):
            self.broken = True
            return ("died", None)

    def wait_ready(self) -> None:
        if self._ready:
            return
        message = self._receive(STARTUP_TIMEOUT_S)
        if message is None or message[0] != "ready":
            error = message[1] if message is not None else None
            raise error if isinstance(error, RekgError) else StoreError("a query worker failed to start")
        self._ready = True

    def ask(self, job: QueryJob, timeout: float) -> QueryAnswer:
        self.wait_ready()
        self._connection.send(job)
        message = self._receive(timeout)
        if message is None:
            self.broken = True
            raise QueryTimeoutError(f"the query ran past the time limit of {timeout:g} s and was stopped")
        status, payload = message
        if status == "ok" and isinstance(payload, QueryAnswer):
            return payload
        if status == "error" and isinstance(payload, RekgError):
            raise payload
        raise QueryError("the query stopped the worker that ran it")

    def stop(self, *, kill: bool = False) -> None:
        if not kill and self._process.is_alive():
            try:
                self._connection.send(None)
            except (OSError, ValueError):
                kill = True
            self._process.join(2.0)
        if self._process.is_alive():
            self._process.kill()
        self._process.join(5.0)
        self._connection.close()


class ProcessRunner:
    """A pool of ``workers`` query processes over a store directory, each query limited to ``timeout_s``."""

    def __init__(self, location: str, *, workers: int, timeout_s: float) -> None:
        self._location = location
        self.timeout_s = timeout_s
        self._idle: queue.Queue[_Worker] = queue.Queue()
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

    def _release(self, worker: _Worker) -> None:
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> _Worker:
        worker.stop(kill=True)
        with self._lock:
            self._all.discard(worker)
        return self._start()

    def run(self, job: QueryJob) -> QueryAnswer:
        if self._closed:
            raise StoreError("the query service is shutting down")
        try:
            worker = self._idle.get(timeout=self.timeout_s)
        except queue.Empty as e:
            raise BusyError("every query worker is busy; try again in a moment") from e
        try:
            return worker.ask(job, self.timeout_s)
        except QueryTimeoutError:
            log.warning("a SPARQL query was stopped after %g s", self.timeout_s)
            raise
        finally:
            if worker.broken and not self._closed:
                worker = self._replace(worker)
            self._release(worker)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()
