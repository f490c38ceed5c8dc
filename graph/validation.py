"""SHACL validation of the store against ``ontology/shapes.ttl`` (pySHACL)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph
from rdflib.namespace import SH

from rekg.graph.store import QuadStore
from rekg.ontology import ONTOLOGY_TTL, SHAPES_TTL


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]


def _english_message(report: Graph, result: object) -> str:
    messages = list(report.objects(result, SH.resultMessage))  # type: ignore[arg-type]
    english = [m for m in messages if getattr(m, "language", None) == "en"]
    return str((english or messages or [""])[0])


def union_graph(store: QuadStore) -> Graph:
    graph = Graph()
    for s, p, o, _ in store.quads():
        graph.add((s, p, o))
    return graph


def validate_graph(data: Graph) -> ValidationReport:
    """Validate a graph against the shapes, with the ontology mixed in for subclass reasoning."""
    from pyshacl import validate

    shapes = Graph().parse(SHAPES_TTL, format="turtle")
    ontology = Graph().parse(ONTOLOGY_TTL, format="turtle")
    conforms, report, _ = validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True
    )
    violations = []
    for result in report.subjects(predicate=None, object=SH.ValidationResult):
        violations.append(
            Violation(
                focus=str(report.value(result, SH.focusNode)),
                path=str(report.value(result, SH.resultPath) or ""),
                message=_english_message(report, result),
                severity=str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            )
        )
    return ValidationReport(
        conforms=bool(conforms), violations=tuple(sorted(violations, key=lambda v: v.focus))
    )


def validate_store(store: QuadStore) -> ValidationReport:
    return validate_graph(union_graph(store))
