"""The pipeline on documents nobody has seen: invented companies, mines, projects and policies that are in no
gazetteer and in no bundled document (tests/data/unseen/).

- ``qinglan-yuechuan-separation.zh.txt`` — simplified Chinese corporate news: a group
  (青岚稀土集团有限公司), its subsidiary announced with 所属企业 and a short name defined in context
  (岳川稀土), a mine it operates, a project with a capacity, places, two people with posts, a dated
  partnership and a policy issued by a ministry;
- ``yufeng-luling-mine.zh-hant.txt`` — traditional-script news (Hong Kong style, 「」 quotes) about another
  company, its mine and its partnership with the group of the first document;
- ``xiyun-announcement.zh.txt`` — a listed company's announcement under a headline: a definition that carries
  the stock code, 公司 for the company itself, a subsidiary's brand name used but never defined (岭丰磁材);
- ``harrow-magnetics.en.txt`` — an English press release: Corp./Inc. names, an upper-case brand, a person
  with compound posts, a mine it operates, states as places, and words a name list must not match inside
  (Romania is a place; UNITEC and woman are not);
- ``aurelian-rare-earths.en.txt`` — an English announcement. The pipeline is Chinese-first: its relation rules
  read Chinese cue words, so from English text we expect only the organisation names (the English-name
  pattern) and curated place names; mines, people and relations in English are recorded below as known misses.

Every check is made twice: on the DocumentFacts of the session ``extractor``, and on the RDF written by
``ingest_files`` into a memory store (with its evidence and offsets).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from rekg.graph.iri import IriMinter
from rekg.graph.store import QuadStore, open_store
from rekg.ingest.lexicon import curated_entities, matching_form
from rekg.ingest.linking import Registry
from rekg.ingest.model import DocumentFacts, EntityRecord, RelationRecord
from rekg.ingest.pipeline import Extractor, ingest_files
from rekg.ingest.reading import read_document
from rekg.ontology import ENTITY_CLASSES, REK

UNSEEN = Path(__file__).parent / "data" / "unseen"
POLICY = "关于进一步加强离子型稀土矿山生态保护修复工作的通知"
FILES = {
    "zh": "qinglan-yuechuan-separation.zh.txt",
    "zh-Hant": "yufeng-luling-mine.zh-hant.txt",
    "en": "aurelian-rare-earths.en.txt",
    "zh-announcement": "xiyun-announcement.zh.txt",
    "en-release": "harrow-magnetics.en.txt",
}


@dataclass(frozen=True)
class Unseen:
    """One unseen document: its text as written, what the extractor found, and its named graph."""

    text: str
    facts: DocumentFacts
    graph: Graph
    iri: URIRef


@pytest.fixture(scope="module")
def unseen_store(minter: IriMinter, extractor: Extractor) -> QuadStore:
    """The three documents ingested into a fresh memory store, as ``rekg ingest`` would on an empty store
    (a registry of the curated entities only; the session's spaCy pipeline is reused)."""
    store = open_store("memory:")
    fresh = Extractor(minter, Registry.from_curated(minter, curated_entities()), extractor.nlp)
    reports = ingest_files(store, [UNSEEN / FILES[key] for key in FILES], minter=minter, extractor=fresh)
    assert [r.error for r in reports] == [None] * len(FILES)
    return store


@pytest.fixture(scope="module")
def unseen(extractor: Extractor, unseen_store: QuadStore, minter: IriMinter) -> dict[str, Unseen]:
    out = {}
    for key, name in FILES.items():  # in this order: the traditional news follows the simplified one
        path = UNSEEN / name
        iri = minter.document(name)
        facts = extractor.extract(read_document(path))
        out[key] = Unseen(path.read_text(encoding="utf-8"), facts, unseen_store.graph(iri), iri)
    return out


# ---- helpers ------------------------------------------------------------------------------------------


def record(facts: DocumentFacts, name: str) -> EntityRecord:
    """The one entity of the document that has ``name`` among its names (any script, or English)."""
    form = matching_form(name)
    found = [e for e in facts.entities if form in e.names or name in e.english_names or form == e.canonical]
    assert len(found) == 1, f"{name}: {[(e.canonical, sorted(e.names)) for e in found] or 'not found'}"
    return found[0]


def relations(facts: DocumentFacts, subject: str, predicate: str, obj: str) -> list[RelationRecord]:
    s, o = record(facts, subject).key, record(facts, obj).key
    return [r for r in facts.relations if (r.subject, r.predicate, r.object) == (s, predicate, o)]


def node(graph: Graph, name: str) -> URIRef:
    """The one entity of a document graph labelled ``name`` (as printed, or in matching form)."""
    names = {name, matching_form(name)}
    found = {s for s, o in graph.subject_objects(SKOS.altLabel) if str(o) in names}
    assert len(found) == 1, f"{name}: {sorted(found) or 'no entity has this label'}"
    return URIRef(found.pop())


def assertions(graph: Graph, subject: URIRef, predicate: URIRef, obj: URIRef) -> list[URIRef]:
    return [
        a
        for a in graph.subjects(RDF.type, REK.Assertion)
        if (graph.value(a, RDF.subject), graph.value(a, RDF.predicate), graph.value(a, RDF.object))
        == (subject, predicate, obj)
    ]


def check_evidence(doc: Unseen, assertion: URIRef) -> str:
    """The assertion's evidence is the document's own text between its offsets; returns the evidence."""
    evidence = str(doc.graph.value(assertion, REK.evidence))
    start = int(doc.graph.value(assertion, REK.startOffset))  # type: ignore[arg-type]
    end = int(doc.graph.value(assertion, REK.endOffset))  # type: ignore[arg-type]
    assert 0 <= start < end <= len(doc.text)
    assert doc.text[start:end] == evidence
    assert 0 <= float(doc.graph.value(assertion, REK.confidence)) <= 1  # type: ignore[arg-type]
    assert doc.graph.value(assertion, REK.sourceDocument) == doc.iri
    return evidence


def labels(store: QuadStore, entity: URIRef, predicate: URIRef, language: str) -> set[str]:
    query = f'SELECT ?l WHERE {{ <{entity}> <{predicate}> ?l . FILTER(langMatches(lang(?l), "{language}")) }}'
    return {str(row[0]) for row in store.query(query)}  # type: ignore[index]


def xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(reason=reason, strict=True)


# ---- entities -----------------------------------------------------------------------------------------

ENTITIES = [
    ("zh", "青岚稀土集团有限公司", REK.EnterpriseGroup),
    ("zh", "岳川稀土有限公司", REK.Company),
    ("zh", "衡湘新材料科技有限公司", REK.Company),
    ("zh", "桐溪稀土矿", REK.Mine),
    ("zh", "年产3000吨稀土分离项目", REK.Project),
    ("zh", POLICY, REK.Policy),
    ("zh", "自然资源部", REK.GovernmentBody),
    ("zh", "湖南省", REK.Place),
    ("zh", "郴州市", REK.Place),
    ("zh", "柯振邦", REK.Person),
    ("zh", "邵明远", REK.Person),
    ("zh-Hant", "廣東鈺豐稀土有限公司", REK.Company),
    ("zh-Hant", "青嵐稀土集團有限公司", REK.EnterpriseGroup),
    ("zh-Hant", "岳川稀土有限公司", REK.Company),
    ("zh-Hant", "鷺嶺稀土礦", REK.Mine),
    ("zh-Hant", "廣東省", REK.Place),
    ("zh-Hant", "韶關市", REK.Place),
    ("zh-Hant", "廣州", REK.Place),
    ("zh-Hant", "梁啟明", REK.Person),
    ("en", "Aurelian Rare Earths Co., Ltd.", REK.Company),
    ("en", "Tarn Valley Mining Co., Ltd.", REK.Company),
    ("en", "Northmoor Magnetics Corporation", REK.Company),
    ("en", "Malaysia", REK.Place),
    ("zh-announcement", "西云稀土资源股份有限公司", REK.Company),
    ("zh-announcement", "赣南岭丰磁材科技有限公司", REK.Company),
    ("zh-announcement", "宁远精工股份有限公司", REK.Company),
    ("zh-announcement", "石门坳稀土矿", REK.Mine),
    ("zh-announcement", "年产5000吨高性能钕铁硼磁材项目", REK.Project),
    ("zh-announcement", "欧阳明川", REK.Person),
    ("zh-announcement", "龙南市", REK.Place),
    ("en-release", "Harrow Magnetics Corp.", REK.Company),
    ("en-release", "Corvane Motors Inc.", REK.Company),
    ("en-release", "Ridgeback mine", REK.Mine),
    ("en-release", "Bellport facility", REK.Facility),
    ("en-release", "Elena Marsh", REK.Person),
    ("en-release", "Nevada", REK.Place),
    ("en-release", "Texas", REK.Place),
    pytest.param(
        "en",
        "Greyfell Rare Earth Mine",
        REK.Mine,
    ),
    pytest.param(
        "en",
        "Daniel Hale",
        REK.Person,
    ),
]


@pytest.mark.parametrize(("doc", "name", "cls"), ENTITIES)
def test_invented_entity_is_found_with_its_kind(
    unseen: dict[str, Unseen], doc: str, name: str, cls: URIRef
) -> None:
    found = record(unseen[doc].facts, name)
    assert found.kind == ENTITY_CLASSES[cls]
    entity = node(unseen[doc].graph, name)
    assert (entity, RDF.type, cls) in unseen[doc].graph
    assert (entity, REK.mentionedIn, unseen[doc].iri) in unseen[doc].graph


def test_short_name_defined_in_context_is_the_same_entity_as_the_full_name(unseen: dict[str, Unseen]) -> None:
    doc = unseen["zh"]
    assert record(doc.facts, "岳川稀土") == record(doc.facts, "岳川稀土有限公司")
    assert node(doc.graph, "岳川稀土") == node(doc.graph, "岳川稀土有限公司")
    # the headline's 青岚稀土集团 is the group of the body, with and without its legal form
    assert record(doc.facts, "青岚稀土集团") == record(doc.facts, "青岚稀土集团有限公司")


def test_traditional_short_name_in_corner_brackets_is_the_same_entity_as_the_full_name(
    unseen: dict[str, Unseen],
) -> None:
    doc = unseen["zh-Hant"]
    assert record(doc.facts, "鈺豐稀土") == record(doc.facts, "廣東鈺豐稀土有限公司")


def test_traditional_names_are_altlabels_of_the_entity_with_the_simplified_preferred_label(
    unseen: dict[str, Unseen], unseen_store: QuadStore
) -> None:
    doc = unseen["zh-Hant"]
    for traditional, simplified in [
        ("鷺嶺稀土礦", "鹭岭稀土矿"),
        ("廣東鈺豐稀土有限公司", "广东钰丰稀土有限公司"),
        ("梁啟明", "梁启明"),
        ("韶關市", "韶关市"),
    ]:
        entity = node(doc.graph, traditional)
        assert traditional in record(doc.facts, traditional).original_names
        assert (entity, SKOS.altLabel, Literal(traditional, lang="zh-Hant")) in doc.graph
        assert (entity, SKOS.altLabel, Literal(simplified, lang="zh-Hans")) in doc.graph
        assert labels(unseen_store, entity, SKOS.prefLabel, "zh-Hans") == {simplified}
        assert labels(unseen_store, entity, SKOS.prefLabel, "zh-Hant") == {traditional}


def test_traditional_names_link_to_the_entities_of_the_simplified_document(
    unseen: dict[str, Unseen], unseen_store: QuadStore
) -> None:
    simplified, traditional = unseen["zh"], unseen["zh-Hant"]
    group = node(simplified.graph, "青岚稀土集团有限公司")
    assert node(traditional.graph, "青嵐稀土集團有限公司") == group
    assert (
        record(traditional.facts, "青嵐稀土集團有限公司").key
        == record(simplified.facts, "青岚稀土集团有限公司").key
    )
    assert node(traditional.graph, "岳川稀土有限公司") == node(simplified.graph, "岳川稀土有限公司")
    assert labels(unseen_store, group, SKOS.prefLabel, "zh-Hans") == {"青岚稀土集团有限公司"}
    assert "青嵐稀土集團有限公司" in labels(unseen_store, group, SKOS.altLabel, "zh-Hant")


def test_english_organisation_names_are_entities_with_english_labels(
    unseen: dict[str, Unseen], unseen_store: QuadStore
) -> None:
    doc = unseen["en"]
    for name in [
        "Aurelian Rare Earths Co., Ltd.",
        "Tarn Valley Mining Co., Ltd.",
        "Northmoor Magnetics Corporation",
    ]:
        found = record(doc.facts, name)
        assert found.kind == "company"
        assert name in found.english_names
        entity = node(doc.graph, name)
        assert (entity, SKOS.altLabel, Literal(name, lang="en")) in doc.graph
        assert labels(unseen_store, entity, SKOS.prefLabel, "en") == {name}


def test_every_entity_of_the_unseen_documents_has_preferred_labels(unseen_store: QuadStore) -> None:
    query = """
    PREFIX rek: <https://w3id.org/rekg/ontology#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT DISTINCT ?e WHERE { ?e rek:mentionedIn ?d .
      FILTER NOT EXISTS { ?e skos:prefLabel ?zh . FILTER(langMatches(lang(?zh), "zh-Hans")) }
    } """
    assert list(unseen_store.query(query)) == []
    assert list(unseen_store.query(query.replace('"zh-Hans"', '"en"'))) == []


SPURIOUS = [
    ("zh", "桐溪稀土矿绿色矿山"),  # 绿色矿山 is a designation, not part of the mine's name
    ("zh", "岳川稀土年产3000吨稀土分离项目"),  # the operator's name before the project's
    ("zh-Hant", "鈺豐稀土與"),  # a tagger span running into the conjunction 與
    ("zh-Hant", "鈺豐稀土所"),  # a tagger span running into 所 (所產稀土精礦)
    ("zh-Hant", "稀土精礦"),  # rare-earth concentrate, a product
    ("en", "construction"),  # an English word the tagger calls a place
    ("zh-announcement", "项目西云稀土资源股份有限公司"),  # the headline run into the first paragraph
    ("en-release", "Oman"),  # inside "woman": Latin names match whole words only
    ("en-release", "UN"),  # inside "UNITEC"
]


@pytest.mark.parametrize(("doc", "name"), [pytest.param(d, n, id=f"{d}-{n}") for d, n in SPURIOUS])
def test_no_spurious_entity(unseen: dict[str, Unseen], doc: str, name: str) -> None:
    form = matching_form(name)
    found = [e.canonical for e in unseen[doc].facts.entities if form in e.names or name in e.english_names]
    assert found == []


# ---- relations ----------------------------------------------------------------------------------------

RELATIONS = [
    ("zh", "岳川稀土有限公司", "subsidiaryOf", "青岚稀土集团有限公司", "所属企业"),
    ("zh", "岳川稀土", "operates", "桐溪稀土矿", "运营的桐溪稀土矿"),
    ("zh", "岳川稀土有限公司", "leads", "年产3000吨稀土分离项目", "建成年产3000吨稀土分离项目"),
    ("zh", "年产3000吨稀土分离项目", "projectSite", "郴州市", "郴州市建成"),
    ("zh", "郴州市", "locatedIn", "湖南省", "湖南省郴州市"),
    ("zh", "柯振邦", "holdsPostIn", "青岚稀土集团有限公司", "董事长柯振邦"),
    ("zh", "邵明远", "holdsPostIn", "岳川稀土", "总经理邵明远"),
    ("zh", "岳川稀土", "partnerOf", "衡湘新材料科技有限公司", "签署战略合作协议"),
    ("zh", POLICY, "issuedBy", "自然资源部", "自然资源部印发《"),
    ("zh-Hant", "廣東鈺豐稀土有限公司", "partnerOf", "青嵐稀土集團有限公司", "簽署戰略合作協議"),
    ("zh-Hant", "岳川稀土有限公司", "subsidiaryOf", "青嵐稀土集團有限公司", "所屬企業岳川稀土"),
    ("zh-Hant", "韶關市", "locatedIn", "廣東省", "廣東省韶關市"),
    ("zh-Hant", "梁啟明", "holdsPostIn", "鈺豐稀土", "董事長梁啟明"),
    ("zh-announcement", "赣南岭丰磁材科技有限公司", "subsidiaryOf", "西云稀土", "公司控股子公司"),
    ("zh-announcement", "岭丰磁材", "partnerOf", "宁远精工股份有限公司", "签署了战略合作协议"),
    ("zh-announcement", "欧阳明川", "holdsPostIn", "西云稀土", "董事长欧阳明川"),
    ("zh-announcement", "西云稀土", "operates", "石门坳稀土矿", "运营的石门坳稀土矿"),
    ("zh-announcement", "石门坳稀土矿", "locatedIn", "龙南市", "位于江西省龙南市"),
    ("en-release", "Harrow Magnetics Corp.", "operates", "Ridgeback mine", "which operates"),
    ("en-release", "Harrow Magnetics Corp.", "partnerOf", "Corvane Motors Inc.", "offtake agreement"),
    ("en-release", "Elena Marsh", "holdsPostIn", "Harrow Magnetics", "Chairman and CEO of"),
    pytest.param("zh-Hant", "鈺豐稀土", "operates", "鷺嶺稀土礦", "運營的鷺嶺稀土礦"),
    pytest.param("zh-Hant", "鷺嶺稀土礦", "locatedIn", "韶關市", "位於廣東省韶關市"),
    pytest.param(
        "en",
        "Tarn Valley Mining Co., Ltd.",
        "subsidiaryOf",
        "Aurelian Rare Earths Co., Ltd.",
        "wholly-owned subsidiary",
    ),
    pytest.param(
        "en",
        "Aurelian Rare Earths Co., Ltd.",
        "partnerOf",
        "Northmoor Magnetics Corporation",
        "strategic cooperation agreement",
    ),
    pytest.param("en", "Tarn Valley Mining Co., Ltd.", "operates", "Greyfell Rare Earth Mine", "operated by"),
    pytest.param("en", "Daniel Hale", "holdsPostIn", "Aurelian Rare Earths Co., Ltd.", "Chairman of"),
]


@pytest.mark.parametrize(("doc", "subject", "predicate", "obj", "cue"), RELATIONS)
def test_relation_is_extracted_with_evidence_from_the_document(
    unseen: dict[str, Unseen], doc: str, subject: str, predicate: str, obj: str, cue: str
) -> None:
    document = unseen[doc]
    assert relations(document.facts, subject, predicate, obj), [
        (r.predicate, r.rule) for r in document.facts.relations
    ]
    s, o = node(document.graph, subject), node(document.graph, obj)
    assert (s, REK[predicate], o) in document.graph
    found = assertions(document.graph, s, REK[predicate], o)
    assert found
    assert any(cue in check_evidence(document, a) for a in found)


def test_subsidiary_direction_is_child_to_parent(unseen: dict[str, Unseen]) -> None:
    for key, child, parent in [
        ("zh", "岳川稀土有限公司", "青岚稀土集团有限公司"),
        ("zh-Hant", "岳川稀土有限公司", "青嵐稀土集團有限公司"),
    ]:
        doc = unseen[key]
        assert relations(doc.facts, child, "subsidiaryOf", parent)
        assert not relations(doc.facts, parent, "subsidiaryOf", child)
        assert (node(doc.graph, parent), REK.subsidiaryOf, node(doc.graph, child)) not in doc.graph


def test_posts_keep_their_titles(unseen: dict[str, Unseen]) -> None:
    zh, hant = unseen["zh"].facts, unseen["zh-Hant"].facts
    assert {r.role for r in relations(zh, "柯振邦", "holdsPostIn", "青岚稀土集团有限公司")} <= {
        "党委书记",
        "董事长",
    }
    assert {r.role for r in relations(zh, "邵明远", "holdsPostIn", "岳川稀土有限公司")} == {"总经理"}
    assert {r.role for r in relations(hant, "梁啟明", "holdsPostIn", "鈺豐稀土")} == {"董事长"}


def test_located_in_names_a_place_the_text_gives(unseen: dict[str, Unseen]) -> None:
    """岳川稀土成立于2011年，位于湖南省郴州市 → the company is located in Hunan (or, more precisely,
    Chenzhou)."""
    doc = unseen["zh"]
    company = record(doc.facts, "岳川稀土")
    places = {record(doc.facts, "湖南省").key, record(doc.facts, "郴州市").key}
    found = [r for r in doc.facts.relations if r.subject == company.key and r.predicate == "locatedIn"]
    assert found and {r.object for r in found} <= places
    for relation in found:
        (a,) = assertions(doc.graph, URIRef(company.key), REK.locatedIn, URIRef(str(relation.object)))
        assert "位于湖南省郴州市" in check_evidence(doc, a)


def test_partnership_is_dated(unseen: dict[str, Unseen]) -> None:
    for key, a, b, date in [
        ("zh", "岳川稀土", "衡湘新材料科技有限公司", "2025-03"),
        ("zh-Hant", "廣東鈺豐稀土有限公司", "青嵐稀土集團有限公司", "2025-05"),
    ]:
        doc = unseen[key]
        assert {r.date for r in relations(doc.facts, a, "partnerOf", b)} == {date}
        found = assertions(doc.graph, node(doc.graph, a), REK.partnerOf, node(doc.graph, b))
        assert {str(doc.graph.value(x, REK.date)) for x in found} == {date}


def test_signed_agreement_is_an_agreement_between_the_parties(unseen: dict[str, Unseen]) -> None:
    doc = unseen["zh"]
    parties = {node(doc.graph, "岳川稀土"), node(doc.graph, "衡湘新材料科技有限公司")}
    agreements = list(doc.graph.subjects(RDF.type, REK.Agreement))
    assert len(agreements) == 1
    assert set(doc.graph.objects(agreements[0], REK.party)) == parties
    assert str(doc.graph.value(agreements[0], REK.date)) == "2025-03"


def test_project_capacity_is_a_quantity(unseen: dict[str, Unseen]) -> None:
    doc = unseen["zh"]
    project = node(doc.graph, "年产3000吨稀土分离项目")
    quantities = list(doc.graph.objects(project, REK.capacity))
    assert len(quantities) == 1
    (quantity,) = quantities
    assert (quantity, RDF.type, REK.Quantity) in doc.graph
    assert doc.graph.value(quantity, REK.quantityValue).toPython() == Decimal(3000)  # type: ignore[union-attr]
    assert str(doc.graph.value(quantity, REK.unit)) == "吨"
    found = assertions(doc.graph, project, REK.capacity, quantity)
    assert found  # one per sentence that states it (here the headline and the body)
    for assertion in found:
        assert "年产3000吨稀土分离项目" in check_evidence(doc, assertion)


@pytest.mark.parametrize("doc", list(FILES))
def test_every_extracted_relation_has_an_assertion_with_exact_evidence(
    unseen: dict[str, Unseen], doc: str
) -> None:
    document = unseen[doc]
    relation_triples = {
        (s, p, o)
        for s, p, o in document.graph
        if p.startswith(str(REK))
        and isinstance(o, URIRef)
        and p not in {REK.mentionedIn, REK.sourceDocument, REK.party}
        and (s, RDF.type, REK.Assertion) not in document.graph
    }
    for s, p, o in relation_triples:
        assert assertions(document.graph, s, p, o), (s, p, o)  # type: ignore[arg-type]
    stated = set()
    for assertion in document.graph.subjects(RDF.type, REK.Assertion):
        check_evidence(document, assertion)  # type: ignore[arg-type]
        stated.add(
            tuple(document.graph.value(assertion, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        )
    assert stated == relation_triples
