"""How well the reconciliation service (``/reconcile``) matches names, reconciled as OpenRefine sends a column
with no type: the 30 names of ``tests/data/reconcile/names.csv`` and the 214 of ``tests/data/lookup_probe.json``.

    python bench/reconcile_accuracy.py [--store DIR] [--margin M]

Uses the service's own functions over the store (the given one, else $REKG_STORE or data/store, else one
built from the seeds for this run). For each list it prints: of the names the graph holds, how many have the
right entity first (top-1 right) and how many are matched automatically (``match: true`` on the right entity);
of the names it lacks, how many are left unmatched; and **matched wrongly** (a match on another entity, or on a
name the graph lacks), which must be 0. Then every held name that is not matched automatically, and why.
``--margin`` tries another ambiguity margin (:data:`rekg.api.reconcile.MARGIN`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lookup_floor import PROBE, probe_store
from rich.console import Console

from rekg.api import reconcile
from rekg.api.entities import Describer
from rekg.api.reconcile_catalogue import Catalogue
from rekg.api.vocabulary import Vocabulary
from rekg.graph.iri import IriMinter
from rekg.graph.lookup import NameIndex
from rekg.graph.projection import EntityGraph
from rekg.graph.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from test_reconcile_schemas import Row, read_sheet, sheet_queries, tally  # noqa: E402

console = Console()


def probe_rows() -> list[Row]:
    probe = json.loads(PROBE.read_text(encoding="utf-8"))
    return [Row(p["name"], p["form"], p["entity"]) for p in probe["present"]] + [
        Row(p["name"], p["form"], "") for p in probe["absent"]
    ]


def measure(catalogue: Catalogue, label: str, rows: list[Row]) -> int:
    batch = reconcile.parse_batch(json.dumps(sheet_queries(rows), ensure_ascii=False), catalogue)
    results = reconcile.reconcile_batch(catalogue, batch)
    found = tally(rows, results)
    console.rule(f"{label} ({len(rows)} names)")
    for line in found.lines():
        console.print(line)
    for i, row in enumerate(rows):
        candidates = results[f"row{i}"]["result"]
        if not row.expected or any(c["match"] and c["id"] == row.expected for c in candidates):
            continue
        top = candidates[0] if candidates else None
        why = "no candidate" if top is None else (
            f"first: {top['id']} {top['score']}" + ("" if top["id"] == row.expected else " (another entity)")
        )  # fmt: skip
        second = f"; second: {candidates[1]['id']} {candidates[1]['score']}" if len(candidates) > 1 else ""
        console.print(f"  not matched: {row.name} [{row.form}] → {why}{second}")
    return found.matched_wrongly


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", help="store directory (default: $REKG_STORE or data/store)")
    parser.add_argument("--margin", type=float, default=reconcile.MARGIN, help="ambiguity margin to try")
    args = parser.parse_args()
    reconcile.MARGIN = args.margin
    with probe_store(args.store) as location, open_store(location, read_only=True) as store:
        index = NameIndex.from_store(store)
        projection = EntityGraph.from_store(store)
        describer = Describer(store, projection, Vocabulary.load(), IriMinter.from_environment())
        catalogue = Catalogue.build(store, index, projection, describer)
        wrong = measure(catalogue, "the 30-name spreadsheet", read_sheet())
        wrong += measure(catalogue, "the lookup probe", probe_rows())
    console.print(f"margin {args.margin:g}; matched wrongly in all: {wrong}")
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
