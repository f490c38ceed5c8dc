"""One query's round trip to a worker process, driven by the event loop (:class:`Exchange`), and the memory of
queries stopped lately (:class:`StoppedQueries`): the parts of :mod:`rekg.api.sparql_pool` that see a single
job through, apart from the pool that hands out the workers.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from rekg.api.problems import BusyError
from rekg.api.sparql_exec import QueryAnswer, QueryJob
from rekg.api.sparql_worker import READ_CHUNK, WorkerHandle, frame, outcome
from rekg.errors import QueryError, QueryTimeoutError, RekgError

if TYPE_CHECKING:
    from rekg.api.sparql_pool import ProcessRunner

log = logging.getLogger("rekg.api")


def timed_out(timeout: float) -> QueryTimeoutError:
    return QueryTimeoutError(f"the query ran past the time limit of {timeout:g} s and was stopped")


class StoppedQueries:
    """Queries stopped lately for running too long (at the time limit, or in excess of the long lane), each
    refused at once for ``seconds`` after: a client that sends a runaway again and again costs a worker (and
    a new one in its place) only once a while. At most ``size`` are remembered, the oldest forgotten first."""

    def __init__(self, seconds: float, size: int = 1024) -> None:
        self.seconds = seconds
        self._size = size
        self._until: dict[tuple[str, tuple[str, ...], tuple[str, ...]], float] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(job: QueryJob) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        return (job.query, job.default_graph_uris, job.named_graph_uris)

    def remember(self, job: QueryJob) -> None:
        with self._lock:
            self._until.pop(self._key(job), None)
            self._until[self._key(job)] = time.monotonic() + self.seconds
            while len(self._until) > self._size:
                del self._until[next(iter(self._until))]

    def check(self, job: QueryJob) -> None:
        """BusyError if ``job`` was stopped lately."""
        if not self._until:
            return
        with self._lock:
            until = self._until.get(self._key(job))
        left = (until or 0.0) - time.monotonic()
        if left > 0:
            raise BusyError(
                f"this query was stopped lately for running too long; it is refused for {left:.0f} s more "
                "(make it more selective, or try again later)"
            )


def too_many_long(after: float, most: int) -> BusyError:
    return BusyError(
        f"the query ran past {after:g} s while {most} long queries were already running, so it was stopped; "
        "try again in a moment, or make it more selective"
    )


class Exchange:
    """One job's round trip to a worker, driven by the event loop: the answer is read as it arrives, and the
    worker is killed if it is not complete in time. The exchange ends on its own (the worker handed back, or
    killed and replaced) even if the request that started it has gone away meanwhile."""

    def __init__(
        self,
        worker: WorkerHandle,
        job: QueryJob,
        pool: ProcessRunner,
        loop: asyncio.AbstractEventLoop,
        done: Callable[[WorkerHandle], None],
    ) -> None:
        self._worker = worker
        self._job = job
        self._pool = pool
        self._timeout = pool.timeout_s
        self._loop = loop
        self._done = done
        self._buffer = bytearray()
        self._over = False
        self.future: asyncio.Future[QueryAnswer] = loop.create_future()
        worker.exchange = self
        self._timer = loop.call_later(self._timeout, self._expired)
        long_after = pool.long_after_s
        self._long_timer = loop.call_later(long_after, self._long) if long_after < self._timeout else None

    def _long(self) -> None:
        """Still running after ``long_after_s``: out of the pool's count, or stopped if too many run long."""
        if self._over:
            return
        if not self._pool.promote(self._worker):
            self._worker.kill()
            self._pool.stopped.remember(self._job)
            self._finish(error=too_many_long(self._pool.long_after_s, self._pool.max_long), broken=True)

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
        self._pool.stopped.remember(self._job)
        self._finish(error=timed_out(self._timeout), broken=True)

    def _finish(
        self, *, broken: bool, answer: QueryAnswer | None = None, error: RekgError | None = None
    ) -> None:
        if self._over:
            return
        self._over = True
        self._timer.cancel()
        if self._long_timer is not None:
            self._long_timer.cancel()
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
