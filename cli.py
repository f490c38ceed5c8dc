"""The ``rekg`` command: a thin layer over the graph, ingest and api packages.

Every command takes ``--store``; errors are one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from rekg.errors import RekgError

app = typer.Typer(
    help="rekg: a bilingual knowledge graph of the rare-earth industry.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
error_console = Console(stderr=True)

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Store location: a directory (embedded Oxigraph), memory:, or sparql+http://host:port/path. "
        "Default: $REKG_STORE or data/store.",
    ),
]

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Turn rekg's own errors into one line on stderr and exit status 1."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except RekgError as e:
            error_console.print(f"[bold red]error:[/] {e}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from e
        except KeyboardInterrupt as e:
            error_console.print("interrupted")
            raise typer.Exit(130) from e

    return run  # type: ignore[return-value]


def _location(store: str | None) -> str:
    from rekg.settings import get_settings

    return store or get_settings().store


@contextmanager
def opened(store: str | None, *, read_only: bool) -> Iterator[Any]:
    from rekg.graph.store import open_store

    handle = open_store(_location(store), read_only=read_only)
    try:
        yield handle
    finally:
        handle.close()


@app.command()
@reports_errors
def build(store: StoreOption = None) -> None:
    """Rebuild the graph from everything bundled in seeds/ (curated data and documents)."""
    from rekg.ingest.pipeline import build_from_seeds

    with opened(store, read_only=False) as handle:
        reports = build_from_seeds(handle, progress=_progress_bar())
    _print_ingest_summary(reports)
    if any(r.error for r in reports):
        raise typer.Exit(2)


@app.command()
@reports_errors
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="Documents to ingest (.txt, .md, .html, .pdf), or folders of them")
    ],
    root: Annotated[
        Path | None,
        typer.Option(
            help="The folder documents are known relative to. By default a folder given is the root of what it "
            "holds, and a file given alone is known by its name. A document's identity is its path from the "
            "root: ingesting the same path again replaces its graph."
        ),
    ] = None,
    max_size: Annotated[
        float | None,
        typer.Option("--max-size", min=0.001, help="Largest document read, in MB (default 20; read whole)"),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=0, help="Worker processes reading documents on this machine (0: one per core)"
        ),
    ] = 1,
    round_size: Annotated[
        int | None,
        typer.Option(
            "--round",
            min=1,
            help="Documents per round: each document is read with the names the documents of earlier rounds "
            "taught (default 32). The store comes out the same for any -j or cluster, given the same --round",
        ),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="ADDRESS",
            help="Read on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786) instead of -j "
            "local processes; every worker must see the documents at the same paths",
        ),
    ] = None,
    bulk: Annotated[
        bool,
        typer.Option(
            "--bulk",
            help="Write with Oxigraph's bulk loader (embedded store): faster, not transactional; for filling a "
            "new store",
        ),
    ] = False,
    store: StoreOption = None,
) -> None:
    """Ingest documents: each one's facts replace its named graph, in one transaction. Broken documents are
    reported and skipped. Documents are read in parallel with -j (or on a Dask cluster with --dask); only
    this process writes to the store."""
    from rekg.ingest.pipeline import ingest_files
    from rekg.ingest.reading import MAX_DOCUMENT_BYTES

    limit = int(max_size * 1_000_000) if max_size is not None else MAX_DOCUMENT_BYTES
    if root is not None and not root.is_dir():
        raise RekgError(f"--root {root} is not a folder")
    with opened(store, read_only=False) as handle, _cluster(dask) as reader:
        reports = ingest_files(
            handle,
            paths,
            root=root,
            max_bytes=limit,
            progress=_progress_bar(),
            jobs=jobs or os.cpu_count() or 1,
            reader=reader,
            bulk=bulk,
            **({"round_size": round_size} if round_size is not None else {}),
        )
    _print_ingest_summary(reports)
    if any(r.error for r in reports):
        raise typer.Exit(2)


@contextmanager
def _cluster(address: str | None) -> Iterator[Any]:
    """The reader of the Dask cluster at ``address`` (None without one); its client is closed after."""
    if address is None:
        yield None
        return
    from rekg.ingest.distributed import DaskCluster, connect

    client = connect(address)
    try:
        yield DaskCluster(client)
    finally:
        client.close()


@app.command()
@reports_errors
def query(
    sparql: Annotated[str, typer.Argument(help="A SPARQL query, or the path of a file holding one")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, json, csv, tsv, xml; turtle/nt/jsonld for graphs")
    ] = "table",
    store: StoreOption = None,
) -> None:
    """Run a read-only SPARQL query over the union of all graphs."""
    from rekg.graph.results import GRAPH_FORMATS, serialize_graph, serialize_solutions

    text = _query_text(sparql)
    with opened(store, read_only=True) as handle:
        result = handle.query(text)
        if result.type == "CONSTRUCT":
            out = serialize_graph(result, fmt if fmt in GRAPH_FORMATS else "turtle")
            sys.stdout.write(out.decode("utf-8"))
            return
        if fmt == "table":
            _print_result_table(result)
            return
        if fmt == "csv":
            _write_csv(result)
            return
        sys.stdout.write(serialize_solutions(result, fmt).decode("utf-8"))


def _query_text(argument: str) -> str:
    candidate = Path(argument)
    if len(argument) < 4096 and "\n" not in argument and candidate.suffix in {".rq", ".sparql", ".txt"}:
        if not candidate.is_file():
            raise RekgError(f"no query file at {candidate}")
        return candidate.read_text(encoding="utf-8")
    return argument


def _write_csv(result: Any) -> None:
    from rekg.graph.results import serialize_solutions

    if result.type == "ASK":
        sys.stdout.write(serialize_solutions(result, "csv").decode("utf-8"))
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(v) for v in result.vars or []])
    for row in result:
        writer.writerow(["" if t is None else str(t) for t in row])
    sys.stdout.write(buffer.getvalue())


def _print_result_table(result: Any) -> None:
    if result.type == "ASK":
        console.print("true" if result.askAnswer else "false")
        return
    table = Table(*[str(v) for v in result.vars or []], show_lines=False)
    count = 0
    for row in result:
        table.add_row(*["" if t is None else _short(t) for t in row])
        count += 1
    console.print(table)
    console.print(f"{count} row{'s' if count != 1 else ''}", style="dim")


def _short(term: Any) -> str:
    from rekg.ontology import NAMESPACES

    text = str(term)
    for prefix, iri in NAMESPACES.items():
        if text.startswith(iri):
            return f"{prefix}:{text[len(iri) :]}"
    language = getattr(term, "language", None)
    return f"{text} @{language}" if language else text


@app.command()
@reports_errors
def lookup(
    name: Annotated[str, typer.Argument(help="A name: simplified, traditional, English or pinyin")],
    entity_type: Annotated[
        str | None, typer.Option("--type", help="Restrict to a kind: company, mine, policy …")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=100)] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    store: StoreOption = None,
) -> None:
    """Find entities by name, ranked exact > alias > pinyin > … > prefix > fuzzy. Candidates below the lookup
    floor are listed apart, as suggestions ("did you mean"); with none above it, the exit code is 1 (``--json``
    prints one list, each item saying whether it is a suggestion)."""
    from rekg.graph.lookup import HIT_FLOOR, NameIndex

    with opened(store, read_only=True) as handle:
        found = NameIndex.from_store(handle).find(name, kind=entity_type, limit=limit)
    if as_json:  # one list, best first; each item says whether it is a suggestion
        items = [hit.as_json() for hit in (*found.hits, *found.suggestions)]
        sys.stdout.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
        return
    if not found.found:
        console.print(f"no entity matches {name!r} (no candidate scores {HIT_FLOOR:g} or more)")
    guesses = "相近的名称 similar names (not matches)" if found.found else "您是不是要找 did you mean"
    for title, hits in (("hits", found.hits), (guesses, found.suggestions)):
        if not hits:
            continue
        table = Table("score", "match", "kind", "中文", "English", "IRI", title=title)
        for hit in hits:
            table.add_row(
                f"{hit.score:.0f}",
                hit.match,
                hit.kind,
                hit.labels.get("zh-Hans", ""),
                hit.labels.get("en", ""),
                hit.iri,
            )
        console.print(table)
    if not found.found:
        raise typer.Exit(1)


@app.command()
@reports_errors
def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="nquads, trig, turtle, jsonld (RDF); graphml, gexf (Gephi); csv (spreadsheets)",
        ),
    ] = "nquads",
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="File to write (default: stdout); for csv without --table, a folder to hold both",
        ),
    ] = None,
    table: Annotated[
        str | None,
        typer.Option(help="csv: the table to write, entities or relations (default: both, in -o DIR)"),
    ] = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="csv: start with a UTF-8 byte-order mark (for Excel)")
    ] = False,
    context: Annotated[
        str | None,
        typer.Option(
            help="jsonld: the URL of the context the file refers to (default: <REKG_BASE>context.jsonld, the "
            "address rekg serve publishes it at, /context.jsonld), or 'inline' to embed it"
        ),
    ] = None,
    lang: Annotated[
        str, typer.Option("--lang", help="graphml, gexf: the label Gephi shows, zh or en")
    ] = "zh",
    store: StoreOption = None,
) -> None:
    """Export the graph: RDF (every quad), or the entities and the relations between them — with each
    relation's evidence sentence and source document — as GraphML or GEXF 1.2 for Gephi, or CSV tables."""
    from rekg.graph.export import CONTEXT_PATH, check_format
    from rekg.graph.export import export as export_store
    from rekg.graph.export_network import CSV_TABLES
    from rekg.settings import get_settings

    both = fmt == "csv" and table is None
    if both and output is None:
        raise RekgError(
            f"csv to stdout holds one table: add --table ({', '.join(CSV_TABLES)}), or -o DIR for both"
        )
    check_format(fmt, CSV_TABLES[0] if both else table, lang)
    link = None if context == "inline" else context or f"{get_settings().base}{CONTEXT_PATH}"
    options: dict[str, Any] = {"context": link, "bom": bom, "language": lang}
    with opened(store, read_only=True) as handle:
        if output is None:
            export_store(handle, fmt, sys.stdout.buffer, table=table, **options)
            return
        if both:
            output.mkdir(parents=True, exist_ok=True)
            for name in CSV_TABLES:
                with (output / f"{name}.csv").open("wb") as destination:
                    export_store(handle, fmt, destination, table=name, **options)
        else:
            with output.open("wb") as destination:
                export_store(handle, fmt, destination, table=table, **options)
    error_console.print(f"wrote {output}")


@app.command()
@reports_errors
def stats(store: StoreOption = None) -> None:
    """Counts: quads per graph, entities per type, relations per property, generated English names."""
    from rekg.graph.statistics import generated_name_statistics, graph_statistics

    with opened(store, read_only=True) as handle:
        summary = graph_statistics(handle)
        names = generated_name_statistics(handle)
    console.print(f"store: {summary.location} ({summary.backend})")
    console.print(
        f"quads: {summary.quads}   graphs: {len(summary.graphs)}   entities: {sum(summary.entities.values())}"
    )
    for title, counts in (
        ("graph", summary.graphs),
        ("entity type", summary.entities),
        ("relation", summary.relations),
    ):
        table = Table(title, "count")
        for key, value in counts.items():
            table.add_row(key, str(value))
        console.print(table)
    console.print(
        f"assertions: {summary.assertions}   documents: {summary.documents}   "
        f"entities with zh-Hans and en labels: {summary.bilingual}/{sum(summary.entities.values())}"
    )
    console.print(
        f"generated English names: {names.generated}   with pinyin for a word the dictionary translates: "
        f"{len(names.untranslated)}/{names.checked} (personal names not counted)",
        soft_wrap=True,
    )
    for name in names.untranslated[:10]:
        console.print(
            f"  {name.chinese} → {name.english}: {', '.join(name.words)}", soft_wrap=True, highlight=False
        )


@app.command()
@reports_errors
def validate(store: StoreOption = None) -> None:
    """Validate the graph against the SHACL shapes (ontology/shapes.ttl)."""
    from rekg.graph.validation import validate_store

    with opened(store, read_only=True) as handle:
        report = validate_store(handle)
    if report.conforms:
        console.print("[green]the graph conforms to the shapes[/]")
        return
    table = Table("focus node", "path", "message")
    for violation in report.violations[:200]:
        table.add_row(violation.focus, violation.path, violation.message)
    console.print(table)
    error_console.print(f"{len(report.violations)} violation(s)")
    raise typer.Exit(1)


@app.command()
@reports_errors
def evaluate(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    tagger: Annotated[
        bool, typer.Option("--tagger/--no-tagger", help="Use the statistical tagger (LAC)")
    ] = True,
    annotations: Annotated[
        Path | None, typer.Option(help="Folder of annotation files (default: seeds/annotations)")
    ] = None,
    documents: Annotated[
        Path | None, typer.Option(help="Folder of the annotated documents (default: the bundled ones)")
    ] = None,
    errors: Annotated[
        bool, typer.Option("--errors", help="Also list every missed and spurious item")
    ] = False,
    suite: Annotated[
        bool,
        typer.Option(
            "--suite",
            help="Score every annotated set (bundled documents, each held-out set's tuning and final halves) "
            "side by side",
        ),
    ] = False,
) -> None:
    """Precision / recall / F1 of the pipeline against an annotated set (by default the development set in
    seeds/annotations over the bundled documents), per document, script, genre and type, with wrong merges
    and descriptions minted as entities counted."""
    from rekg.ingest.evaluation import evaluate as run_evaluation
    from rekg.ingest.evaluation import evaluate_suite
    from rekg.ingest.evaluation_tables import print_errors, print_evaluation, print_suite
    from rekg.seeds import ANNOTATIONS_DIR, DOCUMENTS_DIR

    if suite:
        if annotations or documents or errors:
            raise RekgError(
                "--suite scores every set: it takes neither --annotations, --documents nor --errors"
            )
        results = evaluate_suite(use_tagger=tagger)
        if as_json:
            payload = {name: result.as_json() for name, result in results.items()}
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        else:
            print_suite(results, console)
        return
    evaluation = run_evaluation(
        use_tagger=tagger,
        annotations_dir=annotations or ANNOTATIONS_DIR,
        documents_dir=documents or DOCUMENTS_DIR,
    )
    if as_json:
        sys.stdout.write(json.dumps(evaluation.as_json(), ensure_ascii=False, indent=2) + "\n")
        return
    print_evaluation(evaluation, console)
    if errors:
        print_errors(evaluation, console)


@app.command()
@reports_errors
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
    store: StoreOption = None,
) -> None:
    """Serve the SPARQL endpoint, lookups, entity pages and the network page."""
    import uvicorn

    from rekg.api.main import create_app

    application = create_app(store=_location(store))
    console.print(f"rekg serving on [bold]http://{host}:{port}/[/] (store: {_location(store)})")
    uvicorn.run(application, host=host, port=port, log_level="warning")


def _progress_bar() -> Any:
    from rekg.ingest.progress import RichProgress

    return RichProgress(console)


def _print_ingest_summary(reports: list[Any]) -> None:
    """A table of the documents (names shown with their control and bidi characters escaped), then each
    failure and warning as one plain line on stderr."""
    from rich.markup import escape

    from rekg.graph.text import visible

    table = Table("document", "entities", "relations", "assertions", "warnings", "status")
    for report in reports:
        status = "[red]skipped[/]" if report.error else "[green]ok[/]"
        table.add_row(
            escape(visible(report.name)),
            str(report.entities),
            str(report.relations),
            str(report.assertions),
            str(len(report.warnings)),
            status,
        )
    console.print(table)
    for report in reports:
        lines = [f"skipped: {report.error}"] if report.error else []
        for line in [*lines, *(f"warning: {w}" for w in report.warnings)]:
            sys.stderr.write(visible(f"rekg: {report.name}: {line}") + "\n")


from rekg import cli_analysis, cli_data  # noqa: E402, F401  (register owners, path, rank; load, synth)


def main() -> None:
    app()


if __name__ == "__main__":  # python -m rekg.cli: the commands of cli_analysis are on rekg.cli's app
    from rekg.cli import main as run

    run()
