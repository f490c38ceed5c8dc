"""How well the reconciliation service (``/reconcile``) matches names, reconciled as OpenRefine sends a column
with no type: the 30 names of ``tests/data/reconcile/names.csv`` and the 214 of ``tests/data/lookup_probe.json``.

    python bench/reconcile_accuracy.py [--store DIR] [--margin M]
    python bench/reconcile_accuracy.py --openrefine http://127.0.0.1:3333 [--service http://127.0.0.1:8000/reconcile]

Uses the service's own functions over the store (the given one, else $REKG_STORE or data/store, else one
built from the seeds for this run). For each list it prints: of the names the graph holds, how many have the
right entity first (top-1 right) and how many are matched automatically (``match: true`` on the right entity);
of the names it lacks, how many are left unmatched; and **matched wrongly** (a match on another entity, or on a
name the graph lacks), which must be 0. Then every held name that is not matched automatically, and why.
``--margin`` tries another ambiguity margin (:data:`rekg.api.reconcile.MARGIN`).

``--openrefine`` also reconciles the spreadsheet in a running OpenRefine (3.6 was tried) against a running
service (``make run``), through the commands its web page sends — a project from the names, Reconcile with
no type and auto-match — and tallies OpenRefine's own judgments; the project is deleted afterwards.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from pathlib import Path
from typing import Any

import httpx
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
from test_reconcile_schemas import Row, read_sheet, sheet_queries, tally

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


#: All rows, no facet: what OpenRefine's page sends with an operation.
ENGINE = {"facets": [], "mode": "row-based"}


def through_openrefine(refine: str, service: str, rows: list[Row]) -> dict[str, Any]:
    """The sheet reconciled by OpenRefine: each row's candidates as a result batch (the match OpenRefine made
    first, with ``match: true``)."""
    manifest = httpx.get(service, timeout=30).json()
    client = httpx.Client(base_url=refine, timeout=120)

    def token() -> str:
        return client.get("/command/core/get-csrf-token").json()["token"]

    table = io.StringIO()
    csv.writer(table).writerows([["name"], *([row.name] for row in rows)])
    created = client.post(
        "/command/core/create-project-from-upload",
        params={"csrf_token": token()},
        files={"project-file": ("names.csv", table.getvalue().encode("utf-8"), "text/csv")},
        data={
            "project-name": "rekg-reconcile-accuracy",
            "format": "text/line-based/*sv",
            "options": json.dumps({"separator": ",", "headerLines": 1, "encoding": "UTF-8"}),
        },
    )
    project = created.headers["location"].split("project=")[1]
    try:
        config = {
            "mode": "standard-service", "service": service, "identifierSpace": manifest["identifierSpace"],
            "schemaSpace": manifest["schemaSpace"], "autoMatch": True, "columnDetails": [], "limit": 0,
        }  # fmt: skip
        client.post(
            "/command/core/reconcile",
            params={"project": project, "csrf_token": token()},
            data={"columnName": "name", "config": json.dumps(config), "engine": json.dumps(ENGINE)},
        ).raise_for_status()
        deadline = time.monotonic() + 300
        while client.get("/command/core/get-processes", params={"project": project}).json().get("processes"):
            if time.monotonic() > deadline:
                raise SystemExit("OpenRefine did not finish reconciling in 5 minutes (see its log)")
            time.sleep(0.5)
        answer = client.get(
            "/command/core/get-rows", params={"project": project, "start": 0, "limit": len(rows)}
        )
        data = answer.json()
    finally:
        client.post("/command/core/delete-project", params={"project": project, "csrf_token": token()})
    recons = data["pool"]["recons"]
    results = {}
    for i, row in enumerate(data["rows"]):
        recon = recons.get(str(row["cells"][0].get("r")), {})
        matched = recon.get("m") if recon.get("j") == "matched" else None
        candidates = [{"id": c["id"], "score": c["score"], "match": False} for c in recon.get("c", [])]
        if matched:
            candidates = [{"id": matched["id"], "score": matched["score"], "match": True}] + [
                c for c in candidates if c["id"] != matched["id"]
            ]
        results[f"row{i}"] = {"result": candidates}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", help="store directory (default: $REKG_STORE or data/store)")
    parser.add_argument("--margin", type=float, default=reconcile.MARGIN, help="ambiguity margin to try")
    parser.add_argument("--openrefine", help="a running OpenRefine to reconcile the spreadsheet in as well")
    parser.add_argument("--service", default="http://127.0.0.1:8000/reconcile", help="the running service")
    args = parser.parse_args()
    reconcile.MARGIN = args.margin
    with probe_store(args.store) as location, open_store(location, read_only=True) as store:
        index = NameIndex.from_store(store)
        projection = EntityGraph.from_store(store)
        describer = Describer(store, projection, Vocabulary.load(), IriMinter.from_environment())
        catalogue = Catalogue.build(store, index, projection, describer)
        wrong = measure(catalogue, "the 30-name spreadsheet", read_sheet())
        wrong += measure(catalogue, "the lookup probe", probe_rows())
    if args.openrefine:
        rows = read_sheet()
        found = tally(rows, through_openrefine(args.openrefine, args.service, rows))
        console.rule(f"the 30-name spreadsheet in OpenRefine ({args.openrefine}, service {args.service})")
        for line in found.lines():
            console.print(line)
        wrong += found.matched_wrongly
    console.print(f"margin {args.margin:g}; matched wrongly in all: {wrong}")
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
