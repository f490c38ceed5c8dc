"""Emit: a document's facts as the RDF of its named graph (the only stage that builds graph data)."""

from __future__ import annotations

from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from rekg.graph.iri import IriMinter
from rekg.ingest.model import DocumentFacts, EntityRecord, Quantity, RelationRecord
from rekg.ontology import NAMESPACES, REK
from rekg.ontology.vocabulary import class_of_kind


def _term(local: str) -> URIRef:
    return getattr(REK, local)  # closed namespace: an unknown term raises AttributeError


def emit_document(facts: DocumentFacts, minter: IriMinter, iri: URIRef | None = None) -> Graph:
    """The document's named graph; ``iri`` is the document's (by default minted from its source path)."""
    document = facts.document
    doc = iri or minter.document(document.source_path)
    graph = Graph(identifier=doc)
    for prefix, iri in NAMESPACES.items():
        graph.bind(prefix, iri)
    graph.add((doc, RDF.type, REK.SourceDocument))
    graph.add((doc, DCTERMS.title, Literal(document.title or document.name)))
    graph.add((doc, REK.fileName, Literal(document.name)))
    graph.add((doc, REK.sourcePath, Literal(document.source_path)))
    graph.add((doc, REK.checksum, Literal(document.checksum)))
    graph.add((doc, DCTERMS["format"], Literal(document.media_type)))
    for language in (document.language or "zh-Hans").split():
        graph.add((doc, DCTERMS.language, Literal(language)))
    if document.publisher:
        graph.add((doc, DCTERMS.publisher, Literal(document.publisher)))
    if document.year:
        graph.add((doc, DCTERMS.issued, Literal(str(document.year), datatype=XSD.gYear)))
    for entity in facts.entities:
        _emit_entity(graph, entity, doc)
    for number, relation in enumerate(facts.relations):
        _emit_relation(graph, facts, relation, doc, minter, number)
    return graph


def _emit_entity(graph: Graph, entity: EntityRecord, doc: URIRef) -> None:
    node = URIRef(entity.key)
    graph.add((node, RDF.type, class_of_kind(entity.kind)))
    graph.add((node, REK.mentionedIn, doc))
    for name in entity.names:
        graph.add((node, SKOS.altLabel, Literal(name, lang="zh-Hans")))
    for name in entity.original_names:
        graph.add((node, SKOS.altLabel, Literal(name, lang="zh-Hant")))
    for name in entity.english_names:
        graph.add((node, SKOS.altLabel, Literal(name, lang="en")))
    for local, value in entity.attributes:
        graph.add((node, _term(local), Literal(value)))


def _emit_relation(
    graph: Graph, facts: DocumentFacts, relation: RelationRecord, doc: URIRef, minter: IriMinter, number: int
) -> None:
    subject = URIRef(relation.subject)
    predicate = _term(relation.predicate)
    if isinstance(relation.object, Quantity):
        obj: URIRef = minter.node("quantity", f"{relation.subject}|{relation.predicate}|{relation.object}")
        graph.add((obj, RDF.type, REK.Quantity))
        graph.add((obj, REK.quantityValue, Literal(Decimal(relation.object.value))))
        graph.add((obj, REK.unit, Literal(relation.object.unit)))
        if relation.object.year:
            graph.add((obj, REK.year, Literal(str(relation.object.year), datatype=XSD.gYear)))
    else:
        obj = URIRef(relation.object)
    graph.add((subject, predicate, obj))
    sentence = facts.sentences[relation.sentence]
    start, end = facts.normalized.original_span(sentence.start, sentence.end)
    assertion = minter.node("assertion", f"{doc}|{relation.subject}|{relation.predicate}|{obj}|{start}")
    graph.add((assertion, RDF.type, REK.Assertion))
    graph.add((assertion, RDF.subject, subject))
    graph.add((assertion, RDF.predicate, predicate))
    graph.add((assertion, RDF.object, obj))
    graph.add((assertion, REK.sourceDocument, doc))
    graph.add((assertion, PROV.wasDerivedFrom, doc))
    graph.add((assertion, REK.evidence, Literal(facts.normalized.original[start:end])))
    graph.add((assertion, REK.startOffset, Literal(start)))
    graph.add((assertion, REK.endOffset, Literal(end)))
    graph.add((assertion, REK.confidence, Literal(Decimal(str(relation.confidence)))))
    graph.add((assertion, REK.extractedBy, Literal(relation.rule)))
    if relation.role:
        graph.add((assertion, REK.role, Literal(relation.role, lang="zh-Hans")))
    if relation.date:
        graph.add((assertion, REK.date, Literal(relation.date)))
    if relation.predicate == "partnerOf" and relation.rule == "partner-agreement":
        agreement = minter.node(
            "agreement", f"{doc}|{sorted([relation.subject, str(relation.object)])}|{relation.date}"
        )
        graph.add((agreement, RDF.type, REK.Agreement))
        graph.add((agreement, REK.party, subject))
        graph.add((agreement, REK.party, obj))
        graph.add((agreement, PROV.wasDerivedFrom, doc))
        graph.add((agreement, RDFS.comment, Literal(facts.normalized.original[start:end])))
        if relation.date:
            graph.add((agreement, REK.date, Literal(relation.date)))
