"""Reading documents on a Dask cluster: the same per-document function as the local pool, on the workers
of a Dask scheduler (``dask scheduler`` on one machine, ``dask worker`` on each of the others).

The names reach the workers as Dask data broadcast to all of them: the registry once, then what each round
taught. Each task is given the run's list of those parts (Dask hands them over as the objects, from the
worker's own memory); a worker takes in the parts it has not merged yet, in order, so every worker reads a
round against the same names. A worker that joins half-way is sent the parts it lacks and catches up.

The documents are read by the workers from their paths: every worker must see the files at the same path
(a shared or copied folder). Only the orchestrator writes to the store.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rekg.errors import RekgError
from rekg.ingest.linking import KnownEntity, Registry
from rekg.ingest.parallel import DocumentResult, DocumentTask, read_one, worker_pipeline, worker_registry

if TYPE_CHECKING:
    from distributed import Client, Future


def read_on_worker(task: DocumentTask, run: str, parts: Sequence[Any]) -> DocumentResult:
    """:func:`~rekg.ingest.parallel.read_one` on a Dask worker, against the names of the run's parts."""
    registry = worker_registry(run, len(parts), parts.__getitem__)
    return read_one(task, registry, worker_pipeline())


def connect(address: str, *, timeout: str = "10s") -> Client:
    """A client of the Dask scheduler at ``address`` (``tcp://host:8786``). RekgError if the extra is not
    installed or the scheduler does not answer."""
    try:
        from distributed import Client
    except ImportError as e:
        raise RekgError("reading on a Dask cluster needs the extra: pip install 'rekg[distributed]'") from e
    try:
        return Client(address, timeout=timeout)
    except (OSError, TimeoutError) as e:
        raise RekgError(f"no Dask scheduler answers at {address}: {e}") from e


@dataclass
class DaskCluster:
    """Reads each round on the workers of ``client``'s cluster."""

    client: Client
    _run: str = ""
    _parts: list[Future] = field(default_factory=list)

    def start(self, registry: Registry) -> None:
        self._run = uuid.uuid4().hex
        self._parts = [self._broadcast(registry)]

    def _broadcast(self, part: Registry | tuple[KnownEntity, ...]) -> Future:
        # In a list of one: Dask would scatter a tuple's items one by one.
        return self.client.scatter([part], broadcast=True, hash=False)[0]

    def read(self, tasks: Sequence[DocumentTask]) -> Iterator[DocumentResult]:
        futures = self.client.map(
            read_on_worker, tasks, run=self._run, parts=list(self._parts), pure=False, retries=1
        )
        return _in_order(futures)

    def learn(self, taught: tuple[KnownEntity, ...]) -> None:
        self._parts.append(self._broadcast(taught))

    def close(self) -> None:
        for part in self._parts:
            part.release()
        self._parts = []


def _in_order(futures: list[Future]) -> Iterator[DocumentResult]:
    from distributed.client import FutureCancelledError

    try:
        for future in futures:
            yield future.result()
    except (FutureCancelledError, OSError) as e:
        raise RekgError(f"the Dask cluster stopped reading documents: {e}") from e
    finally:
        for future in futures:
            future.release()
