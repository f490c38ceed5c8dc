"""Ingest speed, as ratios measured in one run: the full pipeline against bare ``jieba.lcut`` and against
the statistical tagger alone, over the five bundled documents.

    python bench/ingest.py [--repeat N]

Each timing is the best of N runs (default 3), after one warm-up that loads dictionaries and models.
"""

from __future__ import annotations

import argparse
import logging
import time
from collections.abc import Callable

from rich.console import Console
from rich.table import Table

from rekg.graph.iri import IriMinter
from rekg.ingest.normalize import normalize
from rekg.ingest.pipeline import Extractor
from rekg.ingest.reading import read_document, read_manifest
from rekg.ingest.recognize import split_sentences
from rekg.ingest.tagging import _tagger, make_pipeline
from rekg.seeds import DOCUMENTS_DIR


def interleaved_best(repeat: int, *works: Callable[[], object]) -> list[float]:
    """The best time of each piece of work over ``repeat`` rounds, the pieces taking turns within a round
    so that load from other processes falls on all of them alike."""
    best = [float("inf")] * len(works)
    for _ in range(repeat):
        for index, work in enumerate(works):
            start = time.perf_counter()
            work()
            best[index] = min(best[index], time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import jieba

    jieba.setLogLevel(logging.WARNING)
    manifest = read_manifest(DOCUMENTS_DIR / "MANIFEST.md")
    paths = sorted(p for p in DOCUMENTS_DIR.glob("*.txt"))
    documents = [read_document(p, manifest=manifest) for p in paths]
    texts = [d.text for d in documents]
    characters = sum(len(t) for t in texts)
    sentences = [s.text for t in texts for s in split_sentences(normalize(t).text)]
    lac = _tagger()

    def bare_jieba() -> None:
        for text in texts:
            jieba.lcut(text)

    def tagger_alone() -> None:
        for sentence in sentences:
            lac.run(sentence)

    def pipeline() -> None:
        # a fresh pipeline (empty tagger cache) and a fresh registry: the cost of ingesting new documents
        extractor = Extractor(minter, Extractor.create(minter, use_tagger=False).registry, make_pipeline())
        for document in documents:
            extractor.extract(document)

    minter = IriMinter()

    bare_jieba()
    tagger_alone()
    pipeline()
    t_jieba, t_tagger, t_pipeline = interleaved_best(args.repeat, bare_jieba, tagger_alone, pipeline)

    table = Table(
        title=f"ingest over the {len(paths)} bundled documents ({characters:,} characters), best of {args.repeat}"
    )
    table.add_column("what")
    table.add_column("seconds", justify="right")
    table.add_column("characters / s", justify="right")
    for name, seconds in (
        ("jieba.lcut (bare)", t_jieba),
        ("tagger alone (LAC)", t_tagger),
        ("full pipeline", t_pipeline),
    ):
        table.add_row(name, f"{seconds:.2f}", f"{characters / seconds:,.0f}")
    console = Console()
    console.print(table)
    ratios = Table(title="ratios")
    ratios.add_column("ratio")
    ratios.add_column("value", justify="right")
    ratios.add_row("pipeline / jieba", f"{t_pipeline / t_jieba:.2f}×")
    ratios.add_row("pipeline / tagger alone", f"{t_pipeline / t_tagger:.2f}×")
    ratios.add_row("pipeline overhead beyond jieba + tagger", f"{t_pipeline / (t_jieba + t_tagger):.2f}×")
    console.print(ratios)


if __name__ == "__main__":
    main()
