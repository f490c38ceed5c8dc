"""Reading documents in parallel: the per-document function, and the readers that run it.

:func:`read_one` is the whole of a document's work but the write: read the file, extract its facts against a
registry of known names (which it never changes), emit its named graph, and hand back the graph as N-Quads
and the names the document taught. It is a pure function of the task, the registry and the spaCy pipeline,
so it runs the same in the orchestrator's process (:class:`InProcess`), in a local pool of processes
(:class:`ProcessPool`) or on a Dask cluster (:mod:`rekg.ingest.distributed`).

Names travel in rounds (see :func:`rekg.ingest.pipeline.ingest_files`): a reader is started with the names
known before the run (:meth:`Reader.start`), reads a round's documents against them (:meth:`Reader.read`),
and is then told what the round taught, merged in document order (:meth:`Reader.learn`). Every worker applies
the same merges in the same order, so every worker reads a round against the same names, and the result does
not depend on how many workers there are or which one reads which document.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import repeat
from multiprocessing import get_context
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any, Protocol

import pyoxigraph as ox
from rdflib import RDF, URIRef

from rekg.errors import DocumentError, RekgError
from rekg.graph.iri import IriMinter
from rekg.graph.terms import to_ox_quads
from rekg.ingest.emit import emit_document
from rekg.ingest.extraction import Extractor
from rekg.ingest.linking import KnownEntity, Registry
from rekg.ingest.reading import DocumentMetadata, read_document, read_manifest
from rekg.ontology import REK


@dataclass(frozen=True)
class DocumentTask:
    """One document to read: its place in the run, file, identity and the graph it is to be written to."""

    index: int
    path: Path
    identity: str
    graph: str
    minter: IriMinter
    manifest: Mapping[str, DocumentMetadata] | None
    max_bytes: int


@dataclass(frozen=True)
class DocumentResult:
    """What reading one document gave: its graph as N-Quads (empty with ``error``), counts for the report,
    the names it taught, how many characters of text it had and the processor time it took."""

    index: int
    identity: str
    graph: str | None = None
    nquads: bytes = b""
    entities: int = 0
    relations: int = 0
    assertions: int = 0
    warnings: tuple[str, ...] = ()
    taught: tuple[KnownEntity, ...] = ()
    characters: int = 0
    cpu_seconds: float = 0.0
    error: str | None = None

    def quads(self) -> list[ox.Quad]:
        return list(ox.parse(self.nquads, format=ox.RdfFormat.N_QUADS))


def read_one(task: DocumentTask, registry: Registry, nlp: Any) -> DocumentResult:
    """Read, extract and emit one document against ``registry`` (left as it is); a document that cannot be
    read gives a result with its ``error``."""
    started = time.thread_time()
    try:
        document = read_document(
            task.path,
            manifest=task.manifest or _sibling_manifest(task.path),
            identity=task.identity,
            max_bytes=task.max_bytes,
        )
        extraction = Extractor(task.minter, registry, nlp).read(document)
        graph = emit_document(extraction.facts, task.minter, URIRef(task.graph))
    except DocumentError as e:
        return DocumentResult(task.index, task.identity, error=str(e))
    facts = extraction.facts
    nquads = ox.serialize(to_ox_quads(URIRef(task.graph), graph), format=ox.RdfFormat.N_QUADS)
    return DocumentResult(
        task.index,
        task.identity,
        graph=task.graph,
        nquads=nquads or b"",
        entities=len(facts.entities),
        relations=len(facts.relations),
        assertions=sum(1 for _ in graph.subjects(RDF.type, REK.Assertion)),
        warnings=facts.warnings,
        taught=extraction.taught,
        characters=len(document.text),
        cpu_seconds=time.thread_time() - started,
    )


def _sibling_manifest(path: Path) -> Mapping[str, DocumentMetadata] | None:
    candidate = path.parent / "MANIFEST.md"
    if not candidate.is_file():
        return None
    try:
        return read_manifest(candidate)
    except DocumentError:
        return None


class Reader(Protocol):
    """Runs :func:`read_one` over a round of documents, all against the same names."""

    def start(self, registry: Registry) -> None:
        """Begin a run with the names known before it."""

    def read(self, tasks: Sequence[DocumentTask]) -> Iterator[DocumentResult]:
        """The results of one round, in the order of ``tasks``."""

    def learn(self, taught: tuple[KnownEntity, ...]) -> None:
        """What the round just read taught, in document order: every later round is read with it."""

    def close(self) -> None:
        """Release workers and files (the reader can be started again)."""


@dataclass
class InProcess:
    """The orchestrator's own process reads; ``registry`` (given to :meth:`start`) grows with each round."""

    nlp: Any = None
    _registry: Registry | None = None

    def start(self, registry: Registry) -> None:
        if self.nlp is None:
            from rekg.ingest.tagging import make_pipeline

            self.nlp = make_pipeline()
        self._registry = registry

    def read(self, tasks: Sequence[DocumentTask]) -> Iterator[DocumentResult]:
        assert self._registry is not None, "start() first"
        return (read_one(task, self._registry, self.nlp) for task in tasks)

    def learn(self, taught: tuple[KnownEntity, ...]) -> None:
        assert self._registry is not None, "start() first"
        self._registry.merge(taught)

    def close(self) -> None:
        self._registry = None


# A worker process's state: its spaCy pipeline, and the names of the run it is reading for (the run's
# key, the registry, and how many parts of the run's names it has taken in: the registry, then one per round).
_worker_lock = threading.Lock()
_worker_nlp: list[Any] = []
_worker_names: dict[str, tuple[Registry, int]] = {}


def worker_pipeline() -> Any:
    """This process's spaCy pipeline, made on first use."""
    with _worker_lock:
        if not _worker_nlp:
            import jieba

            from rekg.ingest.tagging import make_pipeline

            jieba.setLogLevel(logging.WARNING)
            _worker_nlp.append(make_pipeline())
        return _worker_nlp[0]


def worker_registry(run: str, parts: int, part: Any) -> Registry:
    """The names of round ``parts - 1`` of the run ``run`` in this process: the registry it was started with
    (part 0), merged with what each round before taught (parts 1 …), in order. ``part(i)`` gives part i; the
    parts this process has taken in already are not asked for again. One run at a time per process."""
    with _worker_lock:
        registry, taken = _worker_names.get(run, (None, 0))
        if registry is None:
            _worker_names.clear()
            registry, taken = pickle.loads(pickle.dumps(part(0))), 1  # a copy: part 0 may be shared
        if taken > parts:
            raise RuntimeError(f"names of round {parts - 1} asked for after those of round {taken - 1}")
        for index in range(taken, parts):
            registry.merge(part(index))
        _worker_names[run] = (registry, parts)
        return registry


def _start_pool_worker() -> None:
    """A pool worker leaves Ctrl-C to the orchestrator (which stops the pool), and loads its pipeline."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    worker_pipeline()


def _read_in_pool(task: DocumentTask, directory: str, parts: int) -> DocumentResult:
    registry = worker_registry(directory, parts, lambda i: _load_part(directory, i))
    return read_one(task, registry, worker_pipeline())


def _part_path(directory: str, index: int) -> Path:
    return Path(directory) / f"names-{index:06d}.pickle"


def _load_part(directory: str, index: int) -> Any:
    with _part_path(directory, index).open("rb") as file:
        return pickle.load(file)


@dataclass
class ProcessPool:
    """A pool of ``jobs`` worker processes on this machine (spawned: each loads its own pipeline once). The
    names reach the workers as files in a temporary folder: the registry, then what each round taught."""

    jobs: int
    _executor: ProcessPoolExecutor | None = None
    _folder: TemporaryDirectory[str] | None = None
    _parts: int = 0
    _spawned: list[int] = field(default_factory=list)

    def start(self, registry: Registry) -> None:
        self.close()
        self._folder = TemporaryDirectory(prefix="rekg-names-")
        self._parts = 0
        self._publish(registry)
        self._executor = ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=get_context("spawn"), initializer=_start_pool_worker
        )

    def _publish(self, part: object) -> None:
        assert self._folder is not None, "start() first"
        path = _part_path(self._folder.name, self._parts)
        partial = path.with_suffix(".partial")
        with partial.open("wb") as file:
            pickle.dump(part, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
        self._parts += 1

    def read(self, tasks: Sequence[DocumentTask]) -> Iterator[DocumentResult]:
        assert self._executor is not None and self._folder is not None, "start() first"
        results = self._executor.map(_read_in_pool, tasks, repeat(self._folder.name), repeat(self._parts))
        return _reported(results)

    def learn(self, taught: tuple[KnownEntity, ...]) -> None:
        self._publish(taught)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None


def _reported(results: Iterable[DocumentResult]) -> Iterator[DocumentResult]:
    try:
        yield from results
    except BrokenProcessPool as e:
        raise RekgError(
            "a worker process of the ingest pool died (out of memory?); the documents written so far are "
            "whole — run the ingest again to finish, or with fewer -j"
        ) from e
