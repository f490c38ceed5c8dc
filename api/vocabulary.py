"""The ontology's own names for its classes and properties, in English and Chinese, for pages and legends."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import OWL, RDFS, Graph, Literal, URIRef

from rekg.graph.projection import local_name
from rekg.graph.terms import bcp47_case
from rekg.ontology import ENTITY_CLASSES, ONTOLOGY_TTL, REK_IRI
from rekg.ontology.vocabulary import class_of_kind

Labels = dict[str, str]


@dataclass(frozen=True)
class Vocabulary:
    labels: dict[str, Labels] = field(default_factory=dict)  # term IRI → {language: label}
    inverses: dict[str, str] = field(default_factory=dict)  # property IRI → its declared inverse

    @classmethod
    def load(cls) -> Vocabulary:
        ontology = Graph().parse(ONTOLOGY_TTL, format="turtle")
        labels: dict[str, Labels] = {}
        for term, label in ontology.subject_objects(RDFS.label):
            if isinstance(term, URIRef) and isinstance(label, Literal):
                labels.setdefault(str(term), {})[bcp47_case(label.language or "en")] = str(label)
        inverses: dict[str, str] = {}
        for a, b in ontology.subject_objects(OWL.inverseOf):
            inverses[str(a)] = str(b)
            inverses[str(b)] = str(a)
        return cls(labels=labels, inverses=inverses)

    def term(self, iri: str) -> Labels:
        """Labels of a term; its local name where the ontology has none (terms of other vocabularies)."""
        found = self.labels.get(iri)
        return dict(found) if found else {"en": local_name(iri), "zh-Hans": local_name(iri)}

    def relation(self, name_or_iri: str, *, incoming: bool = False) -> Labels:
        """Labels of a rek property read forward, or from its object's side (its declared inverse, or "← …")."""
        iri = name_or_iri if ":" in name_or_iri else REK_IRI + name_or_iri
        if not incoming:
            return self.term(iri)
        inverse = self.inverses.get(iri)
        if inverse is not None:
            return self.term(inverse)
        return {language: f"← {label}" for language, label in self.term(iri).items()}

    def kind(self, kind: str) -> Labels:
        try:
            return self.term(str(class_of_kind(kind)))
        except KeyError:
            return {"en": kind, "zh-Hans": kind}

    def kinds(self) -> dict[str, Labels]:
        return {kind: self.term(str(cls)) for cls, kind in ENTITY_CLASSES.items()}
