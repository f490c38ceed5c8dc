"""The tables ``rekg evaluate`` prints: one set in detail, or every set side by side (``--suite``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rekg.ingest.evaluation import Evaluation, Score

_SCRIPTS = ("zh-Hans", "zh-Hant", "en")


def _cells(*scores: Score) -> list[str]:
    cells = []
    for s in scores:
        cells += [f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp + s.fn)]
    return cells


def _pair_table(title: str, first: str) -> Any:
    from rich.table import Table

    columns = ("ent P", "ent R", "ent F1", "gold", "rel P", "rel R", "rel F1", "gold")
    return Table(first, *columns, title=title)


def print_evaluation(evaluation: Evaluation, console: Any) -> None:
    """Per document, per script, per genre (when the annotations give one), per type; then the wrong merges
    and the descriptions minted."""
    from rich.table import Table

    width = max(console.width, 132)
    table = _pair_table("per document", "document")
    for name, d in evaluation.documents.items():
        table.add_row(name, *_cells(d.entities, d.relations))
    table.add_row("[bold]all[/]", *_cells(evaluation.entities, evaluation.relations))
    console.print(table, width=width)
    for attribute in ("script", "genre"):
        groups = evaluation.grouped(attribute)
        if set(groups) - {"—"}:
            table = _pair_table(f"per {attribute}", attribute)
            for key, (entities, relations) in groups.items():
                table.add_row(key, *_cells(entities, relations))
            console.print(table, width=width)
    for title, scores in (
        ("per entity type", evaluation.entity_types),
        ("per relation type", evaluation.relation_types),
    ):
        table = Table("type", "P", "R", "F1", "gold", title=title)
        for kind, score in sorted(scores.items(), key=lambda kv: -(kv[1].tp + kv[1].fn)):
            table.add_row(kind, *_cells(score))
        console.print(table, width=width)
    listed = evaluation.listed
    console.print(
        f"wrong merges (two gold entities on one node): {evaluation.merges}; "
        f"descriptions minted as entities: {evaluation.descriptions}; "
        f"organisations of the reference list found: {listed.tp}/{listed.tp + listed.fn}",
        highlight=False,
    )


def print_errors(evaluation: Evaluation, console: Any) -> None:
    """Every error, by document: missed (fn) and spurious (fp) entities and relations, wrong merges,
    descriptions minted."""
    from rich.markup import escape

    for document, kind, item in sorted(evaluation.errors):
        console.print(f"{escape(document)}\t{kind}\t{escape(item)}", highlight=False, soft_wrap=True)


def print_suite(results: Mapping[str, Evaluation], console: Any) -> None:
    """Every set side by side: its totals, then its scripts; wrong merges and descriptions minted."""
    from rich.table import Table

    table = Table(
        "set",
        "docs",
        "ent P",
        "ent R",
        "ent F1",
        "rel P",
        "rel R",
        "rel F1",
        "gold ent/rel",
        "merges",
        "descr.",
        "listed orgs",
        title="rekg evaluate --suite",
    )

    def row(
        label: str,
        documents: int,
        entities: Score,
        relations: Score,
        merges: str,
        described: str,
        listed: str,
    ) -> None:
        cells = [f"{s:.3f}" for s in (entities.precision, entities.recall, entities.f1)]
        cells += [f"{s:.3f}" for s in (relations.precision, relations.recall, relations.f1)]
        gold = f"{entities.tp + entities.fn}/{relations.tp + relations.fn}"
        table.add_row(label, str(documents), *cells, gold, merges, described, listed)

    for name, evaluation in results.items():
        listed = evaluation.listed
        row(
            f"[bold]{name}[/]",
            len(evaluation.documents),
            evaluation.entities,
            evaluation.relations,
            str(evaluation.merges),
            str(evaluation.descriptions),
            f"{listed.tp}/{listed.tp + listed.fn}",
        )
        scripts = evaluation.grouped("script")
        if len(scripts) > 1:
            for script in sorted(
                scripts, key=lambda s: (s not in _SCRIPTS, _SCRIPTS.index(s) if s in _SCRIPTS else 0, s)
            ):
                entities, relations = scripts[script]
                count = sum(1 for d in evaluation.documents.values() if d.script == script)
                row(f"  {script}", count, entities, relations, "", "", "")
    console.print(table, width=max(console.width, 132))
