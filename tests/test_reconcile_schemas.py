"""The official JSON schemas of the Reconciliation API 0.2 (``tests/data/reconcile/schemas``, copied from
reconciliation-api/specs) as a validator, the 30-name spreadsheet and its tally — used by the reconciliation
tests and ``bench/reconcile_accuracy.py`` — and checks that the validator does reject what the schemas forbid."""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT7

DATA = Path(__file__).resolve().parent / "data" / "reconcile"
SCHEMAS = DATA / "schemas"
SHEET = DATA / "names.csv"
#: How many answers each schema has validated in this test run (printed at the end of the run's modules).
VALIDATED: Counter[str] = Counter()


def _nowhere(uri: str) -> Resource:
    raise NoSuchResource(ref=uri)  # $refs resolve from the copied schemas only, never from the network


@cache
def _registry() -> Registry:
    resources = []
    for path in sorted(SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema, default_specification=DRAFT7)))
    return Registry(retrieve=_nowhere).with_resources(resources)  # type: ignore[call-arg]


@cache
def validator(name: str) -> Draft7Validator:
    """The Draft 7 validator of ``schemas/<name>.json`` (the draft the upstream check runs with ajv-cli 3)."""
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, registry=_registry())


def check(name: str, document: Any) -> Any:
    """Validate ``document`` against the schema ``name`` (AssertionError listing every error); count it."""
    errors = sorted(validator(name).iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, f"{name}: " + "; ".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    VALIDATED[name] += 1
    return document


def report_validated() -> str:
    return "validated against the 0.2 schemas: " + ", ".join(f"{k} {v}" for k, v in sorted(VALIDATED.items()))


# -- the 30-name spreadsheet -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    name: str
    form: str
    expected: str  # kind/slug; empty for a name the graph lacks


@dataclass(frozen=True)
class Tally:
    present: int
    absent: int
    top1_right: int  # present names whose first candidate is the expected entity
    matched_right: int  # present names matched automatically (match: true) to the expected entity
    matched_wrongly: int  # match: true on another entity, or on a name the graph lacks
    absent_unmatched: int  # names the graph lacks, left without a match

    def lines(self) -> list[str]:
        return [
            f"present names: {self.present}; top-1 right {self.top1_right}/{self.present}; "
            f"matched automatically {self.matched_right}/{self.present}",
            f"absent names: {self.absent}; left unmatched {self.absent_unmatched}/{self.absent}",
            f"matched wrongly: {self.matched_wrongly}",
        ]


def read_sheet(path: Path = SHEET) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [Row(r["name"], r["form"], r["expected"]) for r in csv.DictReader(handle)]


def sheet_queries(rows: list[Row]) -> dict[str, dict[str, str]]:
    """The spreadsheet as OpenRefine sends a column (no type): one query per row, keyed by row number."""
    return {f"row{i}": {"query": row.name} for i, row in enumerate(rows)}


def tally(rows: list[Row], results: dict[str, Any]) -> Tally:
    top1 = right = wrong = unmatched = 0
    for i, row in enumerate(rows):
        candidates = results[f"row{i}"]["result"]
        top = candidates[0] if candidates else None
        matched = [c for c in candidates if c.get("match")]
        if row.expected:
            top1 += bool(top) and top["id"] == row.expected
            right += any(c["id"] == row.expected for c in matched)
            wrong += any(c["id"] != row.expected for c in matched)
        else:
            unmatched += not matched
            wrong += bool(matched)
    present = sum(1 for r in rows if r.expected)
    return Tally(present, len(rows) - present, top1, right, wrong, unmatched)


# -- the schemas themselves --------------------------------------------------------------------------------------


def test_the_sheet_has_thirty_names_present_and_absent() -> None:
    rows = read_sheet()
    assert len(rows) == 30
    assert sum(1 for r in rows if not r.expected) >= 5
    forms = " ".join(r.form for r in rows)
    for form in ("full name", "short name", "traditional", "English", "pinyin", "misspelt", "absent"):
        assert form in forms, form


@pytest.mark.parametrize(
    ("name", "document"),
    [
        ("manifest", {"name": "x", "identifierSpace": "a", "schemaSpace": "b"}),  # no versions
        ("manifest", {"versions": ["0.1"], "name": "x", "identifierSpace": "a", "schemaSpace": "b"}),
        ("manifest", {"versions": ["0.2"], "name": "x", "identifierSpace": "a", "schemaSpace": "b",
                      "view": {"url": "https://example.org/no-template"}}),
        ("manifest", {"versions": ["0.2"], "name": "x", "identifierSpace": "a", "schemaSpace": "b",
                      "defaultTypes": [{"id": "Company"}]}),  # a type without a name ($ref to type.json)
        ("reconciliation-result-batch", {"q0": {"result": [{"id": "a", "name": "b"}]}}),  # no score
        ("reconciliation-result-batch", [{"result": []}]),
        ("suggest-types-response", {"result": [{"id": "Company"}]}),
        ("data-extension-response", {"meta": [], "rows": {"a": {"p": [{"str": 1}]}}}),
    ],
)  # fmt: skip
def test_the_validator_rejects_what_the_schemas_forbid(name: str, document: Any) -> None:
    with pytest.raises(ValidationError):
        validator(name).validate(document)
