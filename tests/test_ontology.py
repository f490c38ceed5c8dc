"""The ontology (rekg.ttl), its generated closed namespace, the SHACL shapes and validation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, ORG, SH

from rekg.graph.store import QuadStore
from rekg.graph.validation import ValidationReport, validate_graph, validate_store
from rekg.ontology import ENTITY_CLASSES, ONTOLOGY_TTL, REK, REK_IRI, RELATION_PROPERTIES, SHAPES_TTL
from rekg.ontology.generate import NAMESPACE_PY, ontology_terms, render_namespace
from rekg.ontology.vocabulary import ORGANIZATION_CLASSES, class_of_kind, kind_of_class

EX = Namespace("http://example.org/")
SCHEMA = Namespace("https://schema.org/")

REQUIRED_CLASSES = [
    "Organization", "EnterpriseGroup", "Company", "GovernmentBody", "ResearchInstitution", "University",
    "Association", "Mine", "Facility", "Project", "Policy", "Agreement", "Place", "Person", "SourceDocument",
    "Assertion",
]  # fmt: skip
REQUIRED_PROPERTIES = [
    "subsidiaryOf", "hasSubsidiary", "shareholderOf", "foundedBy", "partnerOf", "operates", "locatedIn", "leads",
    "participatesIn", "projectSite", "issuedBy", "cites", "party", "holdsPostIn", "stockCode", "documentNumber",
    "standardCode", "capacity", "reserves",
]  # fmt: skip
DATATYPE_PROPERTIES = ["stockCode", "documentNumber", "standardCode"]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_TTL, format="turtle")


def rek_terms(graph: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {s for kind in kinds for s in graph.subjects(RDF.type, kind) if str(s).startswith(REK_IRI)}  # type: ignore[misc]


# ---- the Turtle file -----------------------------------------------------------------------------------


def test_the_ontology_parses_and_declares_itself(ontology: Graph) -> None:
    assert len(ontology) > 100
    assert (URIRef("https://w3id.org/rekg/ontology"), RDF.type, OWL.Ontology) in ontology
    assert len(rek_terms(ontology)) >= len(REQUIRED_CLASSES) + len(REQUIRED_PROPERTIES)


def test_every_term_has_a_label_and_a_comment_in_english_and_simplified_chinese(ontology: Graph) -> None:
    missing = []
    for term in sorted(rek_terms(ontology)):
        for predicate in (RDFS.label, RDFS.comment):
            languages = [getattr(v, "language", None) for v in ontology.objects(term, predicate)]
            for language in ("en", "zh-Hans"):
                if languages.count(language) != 1:
                    missing.append(
                        f"{term.removeprefix(REK_IRI)} {predicate.n3()}@{language} x{languages.count(language)}"
                    )
            texts = [str(v).strip() for v in ontology.objects(term, predicate)]
            if not all(texts):
                missing.append(f"{term.removeprefix(REK_IRI)} has an empty {predicate.n3()}")
    assert missing == []


@pytest.mark.parametrize("name", REQUIRED_CLASSES)
def test_required_class_exists(ontology: Graph, name: str) -> None:
    assert (REK[name], RDF.type, OWL.Class) in ontology


@pytest.mark.parametrize("name", REQUIRED_PROPERTIES)
def test_required_property_exists(ontology: Graph, name: str) -> None:
    kind = OWL.DatatypeProperty if name in DATATYPE_PROPERTIES else OWL.ObjectProperty
    assert (REK[name], RDF.type, kind) in ontology


def test_a_term_is_one_kind_only(ontology: Graph) -> None:
    for term in rek_terms(ontology):
        kinds = {
            k
            for k in ontology.objects(term, RDF.type)
            if k in {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
        }
        assert len(kinds) == 1, term


def test_alignments_to_standard_vocabularies(ontology: Graph) -> None:
    assert (REK.subsidiaryOf, RDFS.subPropertyOf, ORG.subOrganizationOf) in ontology
    assert (REK.hasSubsidiary, RDFS.subPropertyOf, ORG.hasSubOrganization) in ontology
    assert (REK.partnerOf, RDF.type, OWL.SymmetricProperty) in ontology
    assert (REK.locatedIn, RDF.type, OWL.TransitiveProperty) in ontology
    assert (REK.subsidiaryOf, RDF.type, OWL.TransitiveProperty) in ontology
    assert (REK.subsidiaryOf, OWL.inverseOf, REK.hasSubsidiary) in ontology
    assert (REK.hasSubsidiary, OWL.inverseOf, REK.subsidiaryOf) in ontology
    assert (REK.operates, OWL.inverseOf, REK.operatedBy) in ontology
    assert (REK.leads, RDFS.subPropertyOf, REK.participatesIn) in ontology
    assert (REK.holdsPostIn, RDFS.subPropertyOf, ORG.memberOf) in ontology
    assert (REK.issuedBy, RDFS.subPropertyOf, DCTERMS.publisher) in ontology
    assert (REK.stockCode, RDFS.subPropertyOf, SCHEMA.tickerSymbol) in ontology
    assert (REK.Organization, RDFS.subClassOf, ORG.Organization) in ontology
    assert (REK.Assertion, RDFS.subClassOf, RDF.Statement) in ontology


def test_organisation_classes_are_subclasses_of_organization(ontology: Graph) -> None:
    for cls in ORGANIZATION_CLASSES - {REK.Organization}:
        assert (cls, RDFS.subClassOf, REK.Organization) in ontology, cls
    for cls in (REK.Mine, REK.Facility, REK.Place, REK.Person, REK.Policy):
        assert (cls, RDFS.subClassOf, REK.Organization) not in ontology, cls


def test_domains_and_ranges_name_declared_terms(ontology: Graph) -> None:
    declared = rek_terms(ontology)
    for predicate in (RDFS.domain, RDFS.range, RDFS.subClassOf, RDFS.subPropertyOf, OWL.inverseOf):
        for subject, target in ontology.subject_objects(predicate):
            if str(target).startswith(REK_IRI):
                assert target in declared, f"{subject} {predicate.n3()} {target}"


# ---- the generated namespace ---------------------------------------------------------------------------


def test_the_committed_namespace_module_is_generated_from_the_turtle(ontology: Graph) -> None:
    assert render_namespace(ontology) == NAMESPACE_PY.read_text(encoding="utf-8"), (
        "ontology/namespace.py is stale: run python -m rekg.ontology.generate"
    )


def test_the_namespace_has_exactly_the_ontology_terms(ontology: Graph) -> None:
    names = set(REK.__annotations__)
    assert names == {str(t).removeprefix(REK_IRI) for t in rek_terms(ontology)}
    assert names == {n for group in ontology_terms(ontology).values() for n in group}
    assert all(REK[name] == URIRef(REK_IRI + name) for name in names)


def test_a_misspelt_term_is_an_attribute_error() -> None:
    assert REK.Company == URIRef(REK_IRI + "Company")
    with pytest.raises(AttributeError):
        _ = REK.Compnay


def test_vocabulary_tables_use_ontology_terms(ontology: Graph) -> None:
    for cls in ENTITY_CLASSES:
        assert (cls, RDF.type, OWL.Class) in ontology
        assert class_of_kind(kind_of_class(cls)) == cls
    assert len(set(ENTITY_CLASSES.values())) == len(ENTITY_CLASSES)  # kinds are unique
    for prop in RELATION_PROPERTIES:
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology
    with pytest.raises(KeyError):
        class_of_kind("compnay")


# ---- the shapes ----------------------------------------------------------------------------------------


def test_the_shapes_parse_and_use_only_declared_terms(shapes: Graph, ontology: Graph) -> None:
    assert len(list(shapes.subjects(RDF.type, SH.NodeShape))) >= 5
    declared = rek_terms(ontology)
    used = {t for triple in shapes for t in triple if isinstance(t, URIRef) and str(t).startswith(REK_IRI)}
    assert used - declared == set()


def test_the_entity_shape_allows_exactly_the_entity_classes(shapes: Graph) -> None:
    lists = [Collection(shapes, node) for node in shapes.objects(None, SH["in"])]
    entity_lists = [set(c) for c in lists if REK.Company in set(c)]
    assert entity_lists == [set(ENTITY_CLASSES)]


def entity(graph: Graph, node: URIRef, cls: URIRef | None = REK.Company, *, zh: str | None = "凉山稀土",
           en: str | None = "Liangshan Rare Earth") -> Graph:  # fmt: skip
    if cls is not None:
        graph.add((node, RDF.type, cls))
    if zh is not None:
        graph.add((node, SKOS.prefLabel, Literal(zh, lang="zh-Hans")))
    if en is not None:
        graph.add((node, SKOS.prefLabel, Literal(en, lang="en")))
    return graph


def source_document(graph: Graph) -> Graph:
    graph.add((EX.doc, RDF.type, REK.SourceDocument))
    graph.add((EX.doc, DCTERMS.title, Literal("中国稀土集团2024年社会责任报告", lang="zh-Hans")))
    graph.add((EX.doc, DCTERMS.language, Literal("zh-Hans")))
    graph.add((EX.doc, REK.checksum, Literal("sha256:" + "0" * 64)))
    graph.add((EX.doc, REK.sourcePath, Literal("news/report.txt")))
    return graph


def assertion_graph(*, evidence: bool = True, confidence: Decimal = Decimal("0.9")) -> Graph:
    graph = entity(Graph(), EX.child)
    entity(
        graph,
        EX.parent,
        REK.EnterpriseGroup,
        zh="中国稀土集团有限公司",
        en="China Rare Earth Group Co., Ltd.",
    )
    source_document(graph)
    graph.add((EX.child, REK.subsidiaryOf, EX.parent))
    node = EX.assertion
    graph.add((node, RDF.type, REK.Assertion))
    graph.add((node, RDF.subject, EX.child))
    graph.add((node, RDF.predicate, REK.subsidiaryOf))
    graph.add((node, RDF.object, EX.parent))
    graph.add((node, REK.sourceDocument, EX.doc))
    graph.add((node, REK.startOffset, Literal(10)))
    graph.add((node, REK.endOffset, Literal(42)))
    graph.add((node, REK.confidence, Literal(confidence)))
    if evidence:
        graph.add((node, REK.evidence, Literal("凉山稀土是中国稀土集团的所属企业。")))
    return graph


def paths(report: ValidationReport) -> set[str]:
    return {v.path.removeprefix(REK_IRI).rsplit("#", 1)[-1] for v in report.violations}


def test_a_valid_entity_conforms() -> None:
    report = validate_graph(entity(Graph(), EX.a))
    assert report.conforms, report.violations
    assert report.violations == ()


def test_a_valid_assertion_with_its_document_conforms() -> None:
    report = validate_graph(assertion_graph())
    assert report.conforms, report.violations


def test_an_entity_without_a_type_is_caught() -> None:
    report = validate_graph(entity(Graph(), EX.a, cls=None))
    assert not report.conforms
    assert paths(report) == {"type"}
    assert report.violations[0].focus == str(EX.a)
    assert "exactly one rek entity type" in report.violations[0].message


def test_an_entity_with_two_rek_types_is_caught() -> None:
    graph = entity(Graph(), EX.a)
    graph.add((EX.a, RDF.type, REK.Mine))
    report = validate_graph(graph)
    assert not report.conforms
    assert paths(report) == {"type"}


def test_an_entity_without_an_english_label_is_caught() -> None:
    report = validate_graph(entity(Graph(), EX.a, en=None))
    assert not report.conforms
    assert [v.message for v in report.violations] == ["An entity has a skos:prefLabel in English."]


def test_an_entity_without_a_chinese_label_is_caught() -> None:
    report = validate_graph(entity(Graph(), EX.a, zh=None))
    assert not report.conforms
    assert paths(report) == {"prefLabel"}


def test_two_zh_hans_preferred_labels_are_caught() -> None:
    graph = entity(Graph(), EX.a)
    graph.add((EX.a, SKOS.prefLabel, Literal("中稀(凉山)稀土有限公司", lang="zh-Hans")))
    report = validate_graph(graph)
    assert not report.conforms
    assert any("at most one preferred label per language" in v.message for v in report.violations)


def test_an_assertion_without_evidence_is_caught() -> None:
    report = validate_graph(assertion_graph(evidence=False))
    assert not report.conforms
    assert paths(report) == {"evidence"}
    assert report.violations[0].focus == str(EX.assertion)


def test_an_assertion_with_confidence_above_one_is_caught() -> None:
    report = validate_graph(assertion_graph(confidence=Decimal("1.5")))
    assert not report.conforms
    assert paths(report) == {"confidence"}
    assert "between 0 and 1" in report.violations[0].message


def test_a_confidence_of_the_wrong_datatype_is_caught() -> None:
    from rdflib.namespace import XSD  # not at module level: pytest's collection pokes at module names

    graph = assertion_graph()
    graph.set((EX.assertion, REK.confidence, Literal("0.9", datatype=XSD.string)))
    assert paths(validate_graph(graph)) == {"confidence"}


def test_a_subsidiary_of_a_non_organisation_is_caught() -> None:
    graph = entity(Graph(), EX.company)
    entity(graph, EX.mine, REK.Mine, zh="白云鄂博矿", en="Bayan Obo Mine")
    graph.add((EX.company, REK.subsidiaryOf, EX.mine))
    report = validate_graph(graph)
    assert not report.conforms
    assert paths(report) == {"subsidiaryOf"}
    assert report.violations[0].message == "Only an organisation can be a parent."


def test_a_subsidiary_of_an_organisation_subclass_conforms() -> None:
    graph = entity(Graph(), EX.company)
    entity(graph, EX.group, REK.EnterpriseGroup, zh="中国稀土集团", en="China Rare Earth Group")
    graph.add((EX.company, REK.subsidiaryOf, EX.group))
    assert validate_graph(graph).conforms  # needs the ontology's subclass axioms


def test_the_built_graph_conforms(built_store: QuadStore) -> None:
    report = validate_store(built_store)
    assert report.conforms, report.violations[:10]
