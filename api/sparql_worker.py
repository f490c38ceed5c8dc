"""A query worker process and the messages it exchanges with the pool (:mod:`rekg.api.sparql_pool`).

A worker opens the store read-only once, then answers one job at a time until it is told to stop (an empty
message) or killed. Messages are framed as :meth:`multiprocessing.connection.Connection.send_bytes` frames
them (so the pool's blocking calls can use ``Connection``), and hold pickled tuples rather than the
dataclasses: some 10 µs less to write and to read back, on a path taken once per query. The worker reads and
writes its end of the socket directly: one system call each way for a short query.
"""

from __future__ import annotations

import os
import pickle
import struct
from multiprocessing.connection import Connection

from rekg.api.sparql_exec import QueryAnswer, QueryJob, execute
from rekg.errors import QueryError, RekgError
from rekg.graph.store import open_store

#: Read size for messages: small enough for the allocator to serve from its heap (a 1 MiB read costs an mmap
#: and page faults every time, some 50 µs), large enough that most messages come in one read.
READ_CHUNK = 64 * 1024


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
