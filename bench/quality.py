"""Extraction quality on every annotated set, as Markdown tables for ``bench/QUALITY.md``.

    python bench/quality.py [--no-tagger] [--json FILE]

The numbers are those of ``rekg evaluate --suite``: per set and script, per genre of the blind corpus, and
per relation type of each blind half. Final halves are only ever scored: read their totals, never their
errors.
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
from pathlib import Path

from rekg.ingest.evaluation import Evaluation, Score, evaluate_suite

SCRIPTS = ("zh-Hans", "zh-Hant", "en")
GENRES = ("announcement", "notice", "wire", "release", "feature", "report")


def _f(score: Score) -> str:
    return f"{score.precision:.3f} | {score.recall:.3f} | {score.f1:.3f}"


def sets_table(results: dict[str, Evaluation]) -> list[str]:
    lines = [
        "| set | docs | ent P | ent R | ent F1 | rel P | rel R | rel F1 | gold ent / rel | wrong merges | descriptions minted | listed orgs found |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, evaluation in results.items():
        e, r = evaluation.entities, evaluation.relations
        gold = f"{e.tp + e.fn} / {r.tp + r.fn}"
        docs = len(evaluation.documents)
        lines.append(
            f"| **{name}** | {docs} | {_f(e)} | {_f(r)} | {gold} | {evaluation.merges} | {evaluation.descriptions} "
            f"| {evaluation.listed.tp} / {evaluation.listed.tp + evaluation.listed.fn} |"
        )
        scripts = evaluation.grouped("script")
        if len(scripts) > 1:
            for script in [s for s in SCRIPTS if s in scripts] + sorted(set(scripts) - set(SCRIPTS)):
                se, sr = scripts[script]
                count = sum(1 for d in evaluation.documents.values() if d.script == script)
                merges = sum(d.merges for d in evaluation.documents.values() if d.script == script)
                minted = sum(d.descriptions for d in evaluation.documents.values() if d.script == script)
                lines.append(
                    f"| &nbsp;&nbsp;{script} | {count} | {_f(se)} | {_f(sr)} | {se.tp + se.fn} / {sr.tp + sr.fn} "
                    f"| {merges} | {minted} | |"
                )
    return lines


def genres_table(results: dict[str, Evaluation]) -> list[str]:
    halves = [name for name in results if name.startswith("blind/")]
    header = (
        "| genre | " + " | ".join(f"{h} ent F1 | {h} rel P | {h} rel R | {h} rel F1" for h in halves) + " |"
    )
    lines = [header, "|---|" + "---|" * (4 * len(halves))]
    for genre in GENRES:
        cells = []
        for half in halves:
            groups = results[half].grouped("genre")
            if genre in groups:
                e, r = groups[genre]
                cells.append(f"{e.f1:.3f} | {r.precision:.3f} | {r.recall:.3f} | {r.f1:.3f}")
            else:
                cells.append("– | – | – | –")
        lines.append(f"| {genre} | " + " | ".join(cells) + " |")
    return lines


def predicates_table(results: dict[str, Evaluation]) -> list[str]:
    halves = [name for name in results if name.startswith("blind/")]
    predicates = sorted(
        {p for h in halves for p in results[h].relation_types},
        key=lambda p: -sum(results[h].relation_types[p].tp + results[h].relation_types[p].fn for h in halves),
    )
    header = "| predicate | " + " | ".join(f"{h} P | {h} R | {h} gold" for h in halves) + " |"
    lines = [header, "|---|" + "---|" * (3 * len(halves))]
    for predicate in predicates:
        cells = []
        for half in halves:
            s = results[half].relation_types.get(predicate, Score())
            cells.append(f"{s.precision:.3f} | {s.recall:.3f} | {s.tp + s.fn}")
        lines.append(f"| {predicate} | " + " | ".join(cells) + " |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-tagger", action="store_true", help="without the statistical tagger")
    parser.add_argument("--json", type=Path, help="also write the full results as JSON here")
    args = parser.parse_args()
    results = evaluate_suite(use_tagger=not args.no_tagger)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    print(f"Measured {datetime.date.today().isoformat()} at commit {commit or '(unknown)'}.\n")
    print("\n".join(sets_table(results)))
    print("\nBlind corpus by genre:\n")
    print("\n".join(genres_table(results)))
    print("\nBlind corpus by relation type:\n")
    print("\n".join(predicates_table(results)))
    if args.json:
        args.json.write_text(
            json.dumps({n: e.as_json() for n, e in results.items()}, ensure_ascii=False, indent=2),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
