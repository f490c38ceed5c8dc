"""What the whole pipeline reads in a few sentences written for a test: the facts, and the relations by the
canonical names of their ends — the helpers the rule-family tests share."""

from __future__ import annotations

from rekg.ingest.model import DocumentFacts, DocumentText
from rekg.ingest.pipeline import Extractor


def facts(extractor: Extractor, text: str, name: str) -> DocumentFacts:
    """The facts of ``text`` read as the document ``name`` (its suffix gives the script: .zh, .zh-hant, .en)."""
    return extractor.extract(DocumentText(name, text, "text/plain", "sha256:" + "0" * 64))


def triples(extractor: Extractor, text: str, name: str) -> set[tuple[str, str, str]]:
    """(subject, predicate, object) by canonical names, for the relations between two entities."""
    read = facts(extractor, text, name)
    names = {r.key: r.canonical for r in read.entities}
    return {
        (names.get(r.subject, r.subject), r.predicate, names.get(r.object, r.object))
        for r in read.relations
        if isinstance(r.object, str)
    }


def pairs(extractor: Extractor, text: str, name: str, predicate: str) -> set[tuple[str, str]]:
    """(subject, object) by canonical names, for the relations of one predicate."""
    return {(s, o) for s, p, o in triples(extractor, text, name) if p == predicate}


def kinds(extractor: Extractor, text: str, name: str) -> dict[str, str]:
    """Each entity's kind, by its canonical name."""
    return {e.canonical: e.kind for e in facts(extractor, text, name).entities}
