"""Generate :mod:`rekg.ontology.namespace` from ``rekg.ttl``.

Run ``python -m rekg.ontology.generate`` after editing the Turtle file; a test checks that the two agree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import OWL, RDF, Graph, URIRef

from rekg.ontology.files import ONTOLOGY_IRI, ONTOLOGY_TTL, REK_IRI

NAMESPACE_PY = Path(__file__).with_name("namespace.py")

_KINDS = {
    OWL.Class: "classes",
    OWL.ObjectProperty: "object properties",
    OWL.DatatypeProperty: "datatype properties",
}


def ontology_terms(graph: Graph) -> dict[str, list[str]]:
    """Local names of the ontology's terms, grouped by kind, in file order-independent sorted order."""
    grouped: dict[str, list[str]] = {kind: [] for kind in _KINDS.values()}
    for rdf_type, kind in _KINDS.items():
        for subject in graph.subjects(RDF.type, rdf_type):
            if isinstance(subject, URIRef) and str(subject).startswith(REK_IRI):
                grouped[kind].append(str(subject)[len(REK_IRI) :])
    return {kind: sorted(names) for kind, names in grouped.items()}


def render_namespace(graph: Graph) -> str:
    lines = [
        '"""The rekg vocabulary as a closed namespace: a typo is an AttributeError, not a new IRI.',
        "",
        "Generated from rekg.ttl by ``python -m rekg.ontology.generate``; do not edit by hand.",
        '"""',
        "",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "",
        "class REK(DefinedNamespace):",
        f'    """{ONTOLOGY_IRI}"""',
        "",
        "    _fail = True",
        f'    _NS = Namespace("{REK_IRI}")',
    ]
    for kind, names in ontology_terms(graph).items():
        lines.append("")
        lines.append(f"    # {kind}")
        lines.extend(f"    {name}: URIRef" for name in names)
    return "\n".join(lines) + "\n"


def main() -> int:
    graph = Graph().parse(ONTOLOGY_TTL, format="turtle")
    NAMESPACE_PY.write_text(render_namespace(graph), encoding="utf-8")
    print(f"wrote {NAMESPACE_PY}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
