"""Parallel ingestion: ``rekg ingest -j 2`` and a Dask cluster of two workers write exactly the quads the
sequential run writes (rounds of names, see :func:`rekg.ingest.pipeline.ingest_files`); broken documents are
reported and skipped the same way; workers merge the names of each round in order."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_store import oxigraph_server  # noqa: F401  (a real ``oxigraph serve`` for this module)

from rekg.graph.iri import IriMinter
from rekg.graph.labels import labels_graph_name
from rekg.graph.store import open_store
from rekg.ingest.extraction import Extractor, known_names
from rekg.ingest.linking import KnownEntity
from rekg.ingest.parallel import InProcess, ProcessPool, worker_registry
from rekg.ingest.pipeline import DocumentReport, ingest_files
from rekg.seeds import DOCUMENTS_DIR

BLIND = Path(__file__).parent / "data" / "blind" / "documents"
#: Small rounds, so that names taught by earlier rounds reach later ones (the corpus has 43 documents).
ROUND_SIZE = 8

Quads = set[object]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled documents, the first blind corpus and two broken files, in one folder."""
    folder = tmp_path_factory.mktemp("parallel") / "corpus"
    shutil.copytree(DOCUMENTS_DIR, folder / "seeds")
    shutil.copytree(BLIND, folder / "blind")
    (folder / "broken").mkdir()
    (folder / "broken" / "truncated.pdf").write_bytes(b"%PDF-1.4\nnot a pdf at all")
    (folder / "broken" / "noise.txt").write_bytes(bytes(range(256)) * 12)
    return folder


@pytest.fixture(scope="module")
def sequential(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Quads, list[DocumentReport]]:
    """The quads and reports of the sequential run (one process) into an embedded store."""
    with open_store(tmp_path_factory.mktemp("sequential") / "store") as store:
        reports = ingest_files(store, [corpus], round_size=ROUND_SIZE)
        return set(store.quads()), reports


def test_the_corpus_spans_several_rounds_and_has_broken_documents(
    sequential: tuple[Quads, list[DocumentReport]],
) -> None:
    quads, reports = sequential
    assert len(reports) > 3 * ROUND_SIZE
    broken = {r.name for r in reports if r.error}
    assert broken == {"broken/truncated.pdf", "broken/noise.txt"}
    assert sum(r.relations for r in reports) > 100 and len(quads) > 10_000


def test_a_pool_of_two_processes_writes_the_same_quads_with_the_bulk_loader(
    corpus: Path, sequential: tuple[Quads, list[DocumentReport]], tmp_path: Path
) -> None:
    quads, reports = sequential
    with open_store(tmp_path / "store") as store:
        parallel = ingest_files(store, [corpus], jobs=2, round_size=ROUND_SIZE, bulk=True)
        written = set(store.quads())
    assert parallel == reports  # same documents, graphs, counts, warnings and errors, in the same order
    assert written == quads


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    """A local Dask cluster of two worker processes; its scheduler's address."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def test_a_dask_cluster_of_two_workers_writes_the_same_quads_through_the_command(
    corpus: Path, sequential: tuple[Quads, list[DocumentReport]], dask_scheduler: str, tmp_path: Path
) -> None:
    quads, _ = sequential
    store_dir = tmp_path / "store"
    command = [sys.executable, "-m", "rekg.cli", "ingest", str(corpus), "--store", str(store_dir)]
    done = subprocess.run(
        [*command, "--dask", dask_scheduler, "--round", str(ROUND_SIZE)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 2, done.stderr  # two documents skipped
    assert "broken/truncated.pdf: skipped" in done.stderr and "Traceback" not in done.stderr
    with open_store(store_dir) as store:
        assert set(store.quads()) == quads


def test_an_unreachable_scheduler_is_one_clear_error() -> None:
    from rekg.errors import RekgError
    from rekg.ingest.distributed import connect

    with pytest.raises(RekgError, match=r"no Dask scheduler answers at tcp://127\.0\.0\.1:9"):
        connect("tcp://127.0.0.1:9", timeout="1s")


def test_a_server_gets_the_same_quads_in_batched_requests(
    oxigraph_server: str,  # noqa: F811  (the fixture imported above)
    extractor: Extractor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from rekg.graph import remote

    documents = Path(__file__).parent / "data" / "heldout2" / "documents"
    with open_store(tmp_path / "embedded") as embedded:
        reports = ingest_files(embedded, [documents], reader=InProcess(extractor.nlp), round_size=4)
        expected = set(embedded.quads())
    updates: list[bytes] = []
    request = remote.RemoteStore._request

    def counted(self: remote.RemoteStore, method: str, path: str, **kwargs: object) -> object:
        if path.endswith("/update"):  # the layout's update endpoint, a whole URL
            updates.append(kwargs["content"])  # type: ignore[arg-type]
        return request(self, method, path, **kwargs)

    monkeypatch.setattr(remote.RemoteStore, "_request", counted)
    monkeypatch.setattr(remote, "BATCH_BYTES", 120_000)  # two or so graphs a request
    with open_store(oxigraph_server) as server:  # the fixture gives the location, sparql+ and all
        assert ingest_files(server, [documents], reader=InProcess(extractor.nlp), round_size=4) == reports
        assert set(server.quads()) == expected
    graphs = sum(1 for r in reports if r.graph)
    assert graphs == len(reports) == 6
    labels = str(labels_graph_name(IriMinter())).encode()
    documents_written = [u for u in updates if labels not in u]
    assert 2 < len(documents_written) < graphs  # batched: fewer requests than graphs, more than one a round
    # the labels graph: its entities marked before each round's documents are written, then brought up to date
    assert len(updates) - len(documents_written) == 2 + 1


def test_bulk_writes_are_refused_up_front_where_the_store_has_no_bulk_path(corpus: Path) -> None:
    from rekg.errors import UnsupportedOperationError

    with open_store("memory:") as store, pytest.raises(UnsupportedOperationError, match="no bulk path"):
        ingest_files(store, [corpus], bulk=True)


def test_workers_take_in_each_round_of_names_once_and_in_order() -> None:
    minter = IriMinter()
    base = known_names(minter)
    first = (KnownEntity(str(minter.mint("company", "甲稀土公司")), "company", "甲稀土公司", {"甲稀土公司"}),)
    second = (
        KnownEntity(str(minter.mint("company", "乙稀土公司")), "company", "乙稀土公司", {"乙稀土公司"}),
    )
    parts = [base, first, second]
    asked: list[int] = []

    def part(index: int) -> object:
        asked.append(index)
        return parts[index]

    registry = worker_registry("run-1", 2, part)
    assert registry is not base  # a copy: the run's registry is shared, the worker's own grows
    assert registry.find("甲稀土公司", "company") == first[0].iri
    assert registry.find("乙稀土公司", "company") is None
    assert worker_registry("run-1", 3, part) is registry
    assert registry.find("乙稀土公司", "company") == second[0].iri
    assert asked == [0, 1, 2]  # each part taken in once
    with pytest.raises(RuntimeError):
        worker_registry("run-1", 2, part)  # an older round after a newer one
    fresh = worker_registry("run-2", 1, part)  # a new run starts from its own registry
    assert fresh.find("甲稀土公司", "company") is None
    assert pickle.loads(pickle.dumps(fresh)).entities.keys() == base.entities.keys()


def test_a_pool_releases_its_folder_of_names() -> None:
    pool = ProcessPool(2)
    pool.start(known_names(IriMinter()))
    folder = Path(pool._folder.name)  # type: ignore[union-attr]
    assert sorted(p.name for p in folder.iterdir()) == ["names-000000.pickle"]
    pool.learn(())
    assert len(list(folder.iterdir())) == 2
    pool.close()
    assert not folder.exists()
