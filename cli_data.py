"""The data commands of ``rekg``: ``load`` (RDF files into the store, each graph whole or not at all) and
``synth`` (a synthetic rekg-shaped graph for benchmarks and tests). Registered on :data:`rekg.cli.app` when
:mod:`rekg.cli` is imported."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from rekg.cli import StoreOption, app, console, opened, reports_errors


@app.command()
@reports_errors
def load(
    files: Annotated[list[Path], typer.Argument(help="RDF files: .nq, .trig, .ttl, .nt")],
    graph: Annotated[
        str | None,
        typer.Option(help="The named graph (an IRI) for Turtle and N-Triples files; required for them"),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="nquads, trig, turtle or ntriples (default: from each extension)"
        ),
    ] = None,
    bulk: Annotated[
        bool,
        typer.Option(
            "--bulk",
            help="Oxigraph's bulk loader (embedded store): faster, not transactional; for filling a new store",
        ),
    ] = False,
    store: StoreOption = None,
) -> None:
    """Load RDF files. N-Quads and TriG keep their named graphs; Turtle and N-Triples go into --graph. Every
    file is parsed before anything is written: one that does not parse stops the load. Each graph loaded
    REPLACES the graph of that name in the store (as ingest does), in one transaction; graphs not in the
    files are kept. The derived labels graph is then recomputed."""
    from rekg.graph.loading import load_files

    with opened(store, read_only=False) as handle:
        report = load_files(handle, files, fmt=fmt, graph=graph, bulk=bulk)
    seconds = max(report.seconds, 1e-9)
    console.print(
        f"loaded {report.quads} quads in {len(report.graphs)} graph{'s' if len(report.graphs) != 1 else ''} "
        f"in {report.seconds:.2f} s ({report.quads / seconds:,.0f} quads/s)",
        highlight=False,
    )


@app.command()
@reports_errors
def synth(
    quads: Annotated[int, typer.Option("--quads", min=500, help="About how many quads to write (within 5%)")],
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write: .nq (N-Quads) or .trig (TriG)")],
    seed: Annotated[int, typer.Option(help="Random seed: the same seed and size give the same file")] = 0,
) -> None:
    """Write a synthetic rekg-shaped graph (groups, subsidiaries, mines, facilities, projects, policies,
    agreements, assertions with evidence; names in zh-Hans, zh-Hant and en) for benchmarks and tests."""
    from rekg.graph.synth import write_synthetic

    started = time.perf_counter()
    written = write_synthetic(out, quads, seed)
    seconds = time.perf_counter() - started
    console.print(f"wrote {written} quads to {out} in {seconds:.2f} s", highlight=False)
