"""Where the lookup floor belongs: the scores of names the graph holds against those of names it does not.

    python bench/lookup_floor.py [--store DIR] [--probe FILE] [--json FILE]

Looks up every name of ``tests/data/lookup_probe.json`` in the name index of the store (the given one, else
$REKG_STORE or data/store, else one built from the seeds for this run) and prints, for each list:

- **absent** names (the graph does not hold them): the best score any candidate reaches — what a floor must
  stay above, or a guess would be shown as a hit;
- **present** names (the graph holds them, in every script and form): the score of the expected entity, and
  whether it comes first — what a floor must stay at or below, or a real name would be shown as a guess;

as min / p10 / p25 / median / p75 / p90 / max, by how the best candidate matched, and the names nearest the
floor on either side. Then the gap between the lists and where :data:`rekg.graph.lookup.HIT_FLOOR` sits in it.
The only kind of match whose scores straddle the floor is a Latin spelling (rapidfuzz ratio of whole names):
its scores are listed apart.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from rekg.graph.iri import IriMinter
from rekg.graph.lookup import FUZZY_CUTOFF, FUZZY_FLOOR, HIT_FLOOR, SCORES, SPELLING_CEILING, NameIndex
from rekg.graph.store import open_store

PROBE = Path(__file__).resolve().parent.parent / "tests" / "data" / "lookup_probe.json"
console = Console()


@dataclass(frozen=True)
class Probe:
    name: str
    form: str
    side: str  # "absent" or "present"
    score: float  # absent: the best candidate's score; present: the expected entity's (0 when not found)
    match: str  # how that candidate matched ("" when none)
    matched_name: str
    first: bool  # present: the expected entity comes first; absent: always False


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile of ``values`` (0 < q ≤ 1)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


@contextmanager
def probe_store(path: str | None) -> Iterator[Path]:
    """The store to measure: the given one, else $REKG_STORE or data/store, else one built for this run."""
    candidate = Path(path or os.environ.get("REKG_STORE", "data/store"))
    if candidate.is_dir():
        yield candidate
        return
    from rekg.ingest.pipeline import build_from_seeds

    with tempfile.TemporaryDirectory(prefix="rekg-floor-") as folder:
        target = Path(folder) / "store"
        console.print(f"no store at {candidate}: building one from the seeds for this run …")
        with open_store(target) as store:
            build_from_seeds(store)
        yield target


def measure(index: NameIndex, probe: dict[str, list[dict[str, str]]], minter: IriMinter) -> list[Probe]:
    out: list[Probe] = []
    for item in probe["absent"]:
        best = index.lookup(item["name"], limit=1)
        top = best[0] if best else None
        out.append(
            Probe(item["name"], item["form"], "absent", top.score if top else 0.0,
                  top.match if top else "", top.matched_name if top else "", False)
        )  # fmt: skip
    for item in probe["present"]:
        expected = str(minter.entity(*item["entity"].split("/", 1)))
        ranked = index.lookup(item["name"], limit=10)
        mine = next((hit for hit in ranked if hit.iri == expected), None)
        out.append(
            Probe(item["name"], item["form"], "present", mine.score if mine else 0.0,
                  mine.match if mine else "", mine.matched_name if mine else "",
                  bool(ranked) and ranked[0].iri == expected)
        )  # fmt: skip
    return out


def _row(label: str, scores: list[float]) -> list[str]:
    if not scores:
        return [label, "0", *["–"] * 7]
    qs = (0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0)
    values = [min(scores) if q == 0 else percentile(scores, q) for q in qs]
    return [label, str(len(scores)), *(f"{v:.1f}" for v in values)]


def distribution_table(results: list[Probe]) -> Table:
    table = Table("names", "n", "min", "p10", "p25", "median", "p75", "p90", "max",
                  title="lookup scores: absent = best candidate; present = the expected entity")  # fmt: skip
    for side in ("absent", "present"):
        probes = [p for p in results if p.side == side]
        table.add_row(*_row(f"[bold]{side}[/bold] (all)", [p.score for p in probes]))
        for match in sorted({p.match for p in probes}, key=lambda m: -SCORES.get(m, 0)):
            scores = [p.score for p in probes if p.match == match]
            table.add_row(*_row(f"  {side}: {match or 'nothing'}", scores))
    return table


def nearest(results: list[Probe], count: int = 6) -> Table:
    table = Table("side", "name", "form", "score", "match", "matched name", title="nearest the floor")
    absent = sorted((p for p in results if p.side == "absent"), key=lambda p: -p.score)[:count]
    present = sorted((p for p in results if p.side == "present"), key=lambda p: p.score)[:count]
    for p in [*absent, *present]:
        table.add_row(p.side, p.name, p.form, f"{p.score:.1f}", p.match, p.matched_name)
    return table


def verdict(results: list[Probe]) -> list[str]:
    absent = [p.score for p in results if p.side == "absent"]
    present = [p.score for p in results if p.side == "present"]
    high, low = max(absent), min(present)
    wrong_hits = [p.name for p in results if p.side == "absent" and p.score >= HIT_FLOOR]
    missed = [p.name for p in results if p.side == "present" and (p.score < HIT_FLOOR or not p.first)]
    fuzzy_absent = sorted(
        (p.score for p in results if p.side == "absent" and p.match == "fuzzy"), reverse=True
    )
    fuzzy_present = sorted(p.score for p in results if p.side == "present" and p.match == "fuzzy")
    needed = FUZZY_CUTOFF + (HIT_FLOOR - FUZZY_FLOOR) * (100.0 - FUZZY_CUTOFF) / (
        SPELLING_CEILING - FUZZY_FLOOR
    )
    lines = [
        f"absent names: {len(absent)}, best score {high:.1f}; present names: {len(present)}, lowest {low:.1f}.",
        f"gap: ({high:.1f}, {low:.1f}]"
        if high < low
        else f"no gap: the lists overlap ({low:.1f} ≤ {high:.1f})",
        f"HIT_FLOOR = {HIT_FLOOR}: absent names shown as hits: {len(wrong_hits)} {wrong_hits or ''}; "
        f"present names not the first hit: {len(missed)} {missed or ''}",
        f"look-alikes and spellings (match 'fuzzy'): absent, best ten: "
        f"{', '.join(f'{s:.1f}' for s in fuzzy_absent[:10])}; present: {', '.join(f'{s:.1f}' for s in fuzzy_present)}. "
        f"A Latin spelling reaches the floor at a similarity (rapidfuzz ratio) of {needed:.1f}.",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--store", help="store directory (default: $REKG_STORE or data/store; built if missing)"
    )
    parser.add_argument(
        "--probe", default=str(PROBE), help="probe names (default: tests/data/lookup_probe.json)"
    )
    parser.add_argument("--json", help="also write every name's score to this file")
    args = parser.parse_args()
    probe = json.loads(Path(args.probe).read_text(encoding="utf-8"))
    with probe_store(args.store) as location, open_store(location, read_only=True) as store:
        index = NameIndex.from_store(store)
    results = measure(index, probe, IriMinter.from_environment())
    console.print(distribution_table(results))
    console.print(nearest(results))
    for line in verdict(results):
        console.print(line)
    if args.json:
        Path(args.json).write_text(
            json.dumps([asdict(p) for p in results], ensure_ascii=False, indent=1), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
