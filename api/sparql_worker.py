"""A query worker process, the pool's handle on it, and the messages they exchange (the pool that uses them:
:mod:`rekg.api.sparql_pool`).

A worker opens the store read-only once, then answers one job at a time until it is told to stop (an empty
message) or killed. Messages are framed as :meth:`multiprocessing.connection.Connection.send_bytes` frames
them (so the pool's blocking calls can use ``Connection``), and hold pickled tuples rather than the
dataclasses: some 10 µs less to write and to read back, on a path taken once per query. The worker reads and
writes its end of the socket directly: one system call each way for a short query.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import pickle
import struct
import threading
from collections.abc import Callable
from functools import cache
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext, ForkServerProcess
from typing import Any

from rekg.api.sparql_exec import QueryAnswer, QueryJob, execute
from rekg.errors import QueryError, QueryTimeoutError, RekgError, StoreError
from rekg.graph.store import open_store

#: How long a fresh worker may take to import rekg and open the store.
STARTUP_TIMEOUT_S = 60.0

#: Read size for messages: small enough for the allocator to serve from its heap (a 1 MiB read costs an mmap
#: and page faults every time, some 50 µs), large enough that most messages come in one read.
READ_CHUNK = 64 * 1024


@cache
def _context() -> ForkServerContext:
    """Workers fork from a server process that has imported this module (and the program's main module)
    once: a worker is up in the time it takes to open the store, instead of each one starting Python and
    importing rekg again (some 0.3–1 s of CPU each, four at once when the server starts)."""
    context = multiprocessing.get_context("forkserver")
    # and what every worker needs next, once here rather than in each: the embedded store, and rdflib's
    # SPARQL package, which holds its results serialisers (the server itself never imports that one)
    context.set_forkserver_preload(["__main__", __name__, "rekg.graph.embedded", "rdflib.plugins.sparql"])
    return context


def pickled(value: tuple[object, ...]) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def job_message(job: QueryJob) -> bytes:
    """``job`` as the worker receives it."""
    fields = (job.query, job.default_graph_uris, job.named_graph_uris)
    return pickled((*fields, job.solutions_format, job.graph_format, job.limit, job.base_iri))


def answer_message(answer: QueryAnswer) -> bytes:
    kind = ("ok", answer.kind, answer.format, answer.media_type, answer.body)
    return pickled((*kind, answer.count, answer.truncated, answer.limit, answer.seconds))


def outcome(payload: bytes | memoryview) -> QueryAnswer:
    """The answer a worker sent, or the error it reported (raised)."""
    message = pickle.loads(payload)
    if isinstance(message, tuple) and len(message) == 9 and message[0] == "ok":
        return QueryAnswer(*message[1:])
    if isinstance(message, tuple) and len(message) == 2 and message[0] == "error":
        error = message[1]
        if isinstance(error, RekgError):
            raise error
    raise QueryError("the query stopped the worker that ran it")


def frame(buffer: bytes | bytearray) -> tuple[int, int] | None:
    """(header length, body length) of a ``Connection.send_bytes`` message, once its header is in."""
    if len(buffer) < 4:
        return None
    (size,) = struct.unpack_from("!i", buffer)
    if size != -1:
        return 4, size
    if len(buffer) < 12:
        return None
    return 12, struct.unpack_from("!Q", buffer, 4)[0]


def _framed(payload: bytes) -> bytes:
    size = len(payload)
    return (struct.pack("!i", size) if size < 0x7FFFFFFF else struct.pack("!iQ", -1, size)) + payload


class _Channel:
    """The worker's end of the socket, read and written with plain system calls."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection  # owns the descriptor
        self._fd = connection.fileno()
        self._pending = bytearray()

    def receive(self) -> bytes | None:
        """The next message, or None once the pool has gone."""
        while True:
            found = frame(self._pending)
            if found is not None and len(self._pending) >= found[0] + found[1]:
                header, size = found
                message = bytes(self._pending[header : header + size])
                del self._pending[: header + size]
                return message
            try:
                chunk = os.read(self._fd, READ_CHUNK)
            except OSError:
                return None
            if not chunk:
                return None
            self._pending += chunk

    def send(self, payload: bytes) -> None:
        view = memoryview(_framed(payload))
        while view:
            view = view[os.write(self._fd, view) :]


def serve(connection: Connection, location: str) -> None:
    """A worker's life: open the store read-only, say so, then answer jobs until told to stop or cut off."""
    channel = _Channel(connection)
    try:
        store = open_store(location, read_only=True)
    except RekgError as e:
        channel.send(pickled(("failed", e)))
        return
    channel.send(pickled(("ready",)))
    try:
        while message := channel.receive():
            try:
                reply = answer_message(execute(store, QueryJob(*pickle.loads(message))))
            except RekgError as e:
                reply = pickled(("error", e))
            channel.send(reply)
    except OSError:
        pass  # the pool has gone
    finally:
        store.close()


class WorkerHandle:
    """The pool's end of one worker process: its socket, whether it is ready, broken or running a long
    query, and the event loop (if any) that watches its socket."""

    def __init__(self, location: str) -> None:
        context = _context()
        self._connection, child = context.Pipe()
        self._process: ForkServerProcess = context.Process(
            target=serve, args=(child, location), name="rekg-sparql-worker", daemon=True
        )
        self._process.start()
        child.close()
        self.fd = self._connection.fileno()
        self._blocking = True
        self.ready = False
        self.broken = False  # the process died or was cut off: replace it
        self.long = False  # its query ran long: it left the pool's count, and retires once done
        self.loop: asyncio.AbstractEventLoop | None = None  # the event loop that watches the socket
        self.exchange: Any = None  # the job under way there (the pool's _Exchange)

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

    def ask(
        self,
        job: QueryJob,
        timeout: float,
        long_after: float | None = None,
        on_long: Callable[[WorkerHandle], None] | None = None,
    ) -> QueryAnswer:
        """Send ``job`` and wait for the answer, blocking this thread. Past ``long_after`` seconds ``on_long``
        is told (it raises to stop the query there)."""
        self.detach()
        self.wait_ready()
        self.blocking(True)
        self.send(job_message(job))
        first = (
            long_after if long_after is not None and on_long is not None and long_after < timeout else timeout
        )
        message = self._receive(first)
        if message is None and first < timeout:
            assert on_long is not None
            on_long(self)
            message = self._receive(timeout - first)
        if message is None:
            self.broken = True
            raise QueryTimeoutError(f"the query ran past the time limit of {timeout:g} s and was stopped")
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
