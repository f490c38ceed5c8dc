"""The graph built from seeds/: labels, assertions and their evidence, the hard cases of the five documents,
re-ingesting, and bad input next to good input.

Language tags come back from SPARQL in lower case (``zh-hans``): queries use ``langMatches``.
"""

from __future__ import annotations

import re
import tracemalloc
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import RDF, Literal, URIRef

from rekg.graph.iri import IriMinter
from rekg.graph.lookup import NameIndex
from rekg.graph.store import QuadStore
from rekg.ingest.model import DocumentText
from rekg.ingest.pipeline import Extractor, ingest_files, labels_graph_name
from rekg.ingest.reading import read_manifest
from rekg.ontology import ENTITY_CLASSES, REK, RELATION_PROPERTIES
from rekg.seeds import DOCUMENTS_DIR

PREFIXES = """
PREFIX rek: <https://w3id.org/rekg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
#: Entity classes whose members have names (an Agreement is an unnamed node, minted from its parties).
NAMED_CLASSES = " ".join(f"<{c}>" for c in ENTITY_CLASSES if c != REK.Agreement)
#: Relations between entities that an extraction rule states (rek:party belongs to an Agreement node, which
#: is derived from a partnerOf assertion and carries that evidence itself).
STATED = " ".join(f"<{p}>" for p in RELATION_PROPERTIES if p != REK.party)
SEED_DOCUMENTS = sorted(p.name for p in DOCUMENTS_DIR.glob("*.txt"))
FORUM = "re-forum-consensus-2023.zh-hant.txt"
PAPER = "re-security-control-paper.zh-en.txt"
TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
UNSEEN_GOOD = Path(__file__).parent / "data" / "unseen" / "qinglan-yuechuan-separation.zh.txt"


def seed_text(name: str) -> str:
    """A seed document as the pipeline reads it: UTF-8 (BOM dropped), line ends made LF."""
    text = (DOCUMENTS_DIR / name).read_bytes().decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def ascii_brackets(name: str) -> str:
    return name.replace("（", "(").replace("）", ")")


@pytest.fixture(scope="module")
def names(built_store: QuadStore) -> dict[URIRef, set[tuple[str, str, str]]]:
    """Every label of every entity, over all graphs: entity → {(predicate local name, language, text)}."""
    query = (
        PREFIXES
        + f"""
    SELECT DISTINCT ?e ?p ?l WHERE {{
      ?e a ?type . VALUES ?type {{ {NAMED_CLASSES} }}
      ?e ?p ?l . VALUES ?p {{ skos:prefLabel skos:altLabel rdfs:label }}
    }}"""
    )
    out: dict[URIRef, set[tuple[str, str, str]]] = defaultdict(set)
    for entity, predicate, label in built_store.query(query):  # type: ignore[misc]
        local = str(predicate).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        out[entity].add((local, (label.language or "").lower(), str(label)))
    return out


def entities_labelled(names: dict[URIRef, set[tuple[str, str, str]]], text: str) -> set[URIRef]:
    """The entities with some label equal to ``text`` (brackets compared as ASCII)."""
    wanted = ascii_brackets(text)
    return {e for e, labels in names.items() if any(ascii_brackets(t) == wanted for _, _, t in labels)}


@pytest.fixture(scope="module")
def index(built_store: QuadStore) -> NameIndex:
    return NameIndex.from_store(built_store)


# ---- labels -------------------------------------------------------------------------------------------

_UNLABELLED = (
    PREFIXES
    + """
SELECT DISTINCT ?e WHERE {{
  ?e a ?type . VALUES ?type {{ {classes} }}
  {named}
  FILTER (NOT EXISTS {{ ?e skos:prefLabel ?zh . FILTER(langMatches(lang(?zh), "zh-Hans")) }}
       || NOT EXISTS {{ ?e skos:prefLabel ?en . FILTER(langMatches(lang(?en), "en")) }})
}}"""
)


def test_every_named_entity_has_preferred_labels_in_zh_hans_and_en(built_store: QuadStore) -> None:
    """Every entity some document or the gazetteer names has a preferred label in both languages."""
    named = "FILTER EXISTS { ?e skos:altLabel|skos:prefLabel ?any }"
    query = _UNLABELLED.format(classes=NAMED_CLASSES, named=named)
    assert [str(row[0]) for row in built_store.query(query)] == []  # type: ignore[index]


def test_every_entity_has_preferred_labels_in_zh_hans_and_en(built_store: QuadStore) -> None:
    query = _UNLABELLED.format(classes=NAMED_CLASSES, named="")
    assert [str(row[0]) for row in built_store.query(query)] == []  # type: ignore[index]


# ---- assertions and evidence --------------------------------------------------------------------------


def test_every_relation_triple_has_an_assertion_in_its_document_graph(built_store: QuadStore) -> None:
    relations = (
        PREFIXES
        + f"""
    SELECT ?g ?s ?p ?o WHERE {{
      GRAPH ?g {{ ?doc a rek:SourceDocument . ?s ?p ?o . VALUES ?p {{ {STATED} }} }}
    }}"""
    )
    unasserted = (
        PREFIXES
        + f"""
    SELECT ?g ?s ?p ?o WHERE {{
      GRAPH ?g {{ ?doc a rek:SourceDocument . ?s ?p ?o . VALUES ?p {{ {STATED} }} }}
      FILTER NOT EXISTS {{ GRAPH ?g {{
        ?a a rek:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
           rek:sourceDocument ?doc ; rek:evidence ?evidence ; rek:startOffset ?start ; rek:endOffset ?end ;
           rek:confidence ?confidence .
      }} }}
    }}"""
    )
    untyped = (
        PREFIXES
        + f"""
    SELECT ?s ?p ?o WHERE {{
      GRAPH ?g {{ ?doc a rek:SourceDocument . ?s ?p ?o . VALUES ?p {{ {STATED} }} }}
      FILTER (NOT EXISTS {{ ?s a ?t . VALUES ?t {{ {NAMED_CLASSES} }} }}
              || NOT EXISTS {{ ?o a ?u . VALUES ?u {{ {NAMED_CLASSES} }} }})
    }}"""
    )
    graphs = {row[0] for row in built_store.query(relations)}  # type: ignore[index]
    assert len(graphs) == len(SEED_DOCUMENTS)  # every document states some relation
    assert list(built_store.query(unasserted)) == []
    assert list(built_store.query(untyped)) == []  # relations are between entities


def test_every_assertion_evidence_is_the_document_text_between_its_offsets(built_store: QuadStore) -> None:
    query = (
        PREFIXES
        + """
    SELECT ?file ?a ?evidence ?start ?end ?confidence WHERE { GRAPH ?g {
      ?a a rek:Assertion ; rek:sourceDocument ?doc ; rek:evidence ?evidence ; rek:startOffset ?start ;
         rek:endOffset ?end ; rek:confidence ?confidence .
      ?doc rek:fileName ?file .
    } }"""
    )
    texts = {name: seed_text(name) for name in SEED_DOCUMENTS}
    checked: dict[str, int] = defaultdict(int)
    for file, assertion, evidence, start, end, confidence in built_store.query(query):  # type: ignore[misc]
        text = texts[str(file)]
        a, b = int(start), int(end)
        assert 0 <= a < b <= len(text), (file, assertion)
        assert text[a:b] == str(evidence), (file, assertion, a, b)
        assert 0 <= float(confidence) <= 1, (file, assertion)
        checked[str(file)] += 1
    assert set(checked) == set(SEED_DOCUMENTS)


# ---- the hard cases of the bundled documents ----------------------------------------------------------


def test_forum_labels_have_no_pinyin_tone_marks(
    built_store: QuadStore, names: dict[URIRef, set[tuple[str, str, str]]], minter: IriMinter
) -> None:
    """The forum news glosses characters with pinyin (產(chǎn)業(yè)); no name taken from it keeps a gloss."""
    forum = minter.document(FORUM)
    query = PREFIXES + f"SELECT DISTINCT ?e WHERE {{ ?e rek:mentionedIn <{forum}> }}"
    entities = [row[0] for row in built_store.query(query)]  # type: ignore[index]
    assert len(entities) >= 5
    labels = [(e, t) for e in entities for _, _, t in names[e]]  # type: ignore[index]
    assert labels
    assert [(str(e), t) for e, t in labels if any(c in TONE_MARKS for c in t)] == []
    # …nor any other literal of the document's graph but the verbatim evidence (roles, titles, dates)
    graph = built_store.graph(forum)
    verbatim = {REK.evidence, URIRef("http://www.w3.org/2000/01/rdf-schema#comment")}
    literals = [str(o) for _, p, o in graph if isinstance(o, Literal) and p not in verbatim]
    assert [t for t in literals if any(c in TONE_MARKS for c in t)] == []


def test_forum_evidence_keeps_tone_marks_only_inside_the_printed_glosses(
    built_store: QuadStore, minter: IriMinter
) -> None:
    """Evidence is the document's own text (it must equal text[start:end]), so the glosses printed in it stay;
    but no tone mark is found outside a gloss (a name is never cut through one)."""
    forum = minter.document(FORUM)
    evidence = [str(o) for o in built_store.graph(forum).objects(None, REK.evidence)]
    assert evidence
    gloss = re.compile(rf"[(（][a-zü{TONE_MARKS}]+[)）]")
    assert [e for e in evidence if any(c in TONE_MARKS for c in gloss.sub("", e))] == []


@pytest.mark.parametrize(
    "name", ["中国铝业股份有限公司", "中铝资产经营管理有限公司", "中铝(雄安)矿业有限责任公司"]
)
def test_chinalco_org_chart_names_are_entities(
    names: dict[URIRef, set[tuple[str, str, str]]], built_store: QuadStore, minter: IriMinter, name: str
) -> None:
    found = entities_labelled(names, name)
    assert len(found) == 1, found
    (entity,) = found
    chinalco = minter.document("chinalco-csr-2024.zh.txt")
    query = PREFIXES + f"ASK {{ GRAPH <{chinalco}> {{ <{entity}> a ?t ; rek:mentionedIn <{chinalco}> }} }}"
    assert built_store.query(query).askAnswer


def test_liangshan_short_and_full_name_resolve_to_one_entity(
    index: NameIndex, names: dict[URIRef, set[tuple[str, str, str]]]
) -> None:
    short, full = index.lookup("凉山稀土"), index.lookup("中稀(凉山)稀土有限公司")
    assert short and full
    assert short[0].iri == full[0].iri
    assert short[0].kind == "company"
    assert index.lookup("中稀（凉山）稀土有限公司")[0].iri == full[0].iri
    assert (
        entities_labelled(names, "凉山稀土")
        == entities_labelled(names, "中稀(凉山)稀土有限公司")
        == {URIRef(full[0].iri)}
    )


def test_misaligned_table_pair_is_not_merged(
    index: NameIndex, names: dict[URIRef, set[tuple[str, str, str]]]
) -> None:
    """The flattened CREG table prints 中稀江西稀土有限公司 beside 广西稀土: a misalignment, not a
    short name."""
    jiangxi = entities_labelled(names, "中稀江西稀土有限公司")
    assert len(jiangxi) == 1
    (entity,) = jiangxi
    assert not any(text == "广西稀土" for _, _, text in names[entity])
    guangxi = index.lookup("广西稀土")[0]
    assert URIRef(guangxi.iri) != entity
    assert guangxi.labels["zh-Hans"] == "中稀广西稀土有限公司"


def test_fangxing_has_the_english_name_printed_in_the_paper(
    built_store: QuadStore, names: dict[URIRef, set[tuple[str, str, str]]], minter: IriMinter
) -> None:
    found = entities_labelled(names, "方兴稀土有限公司")
    assert len(found) == 1
    (entity,) = found
    english = "Fangxing Rare Earth Co., Ltd."
    assert {t for p, lang, t in names[entity] if p == "prefLabel" and lang == "en"} == {english}
    paper = minter.document(PAPER)
    query = (
        PREFIXES
        + f"""ASK {{ GRAPH <{paper}> {{ <{entity}> skos:altLabel ?l }}
      FILTER(str(?l) = "{english}" && langMatches(lang(?l), "en")) }}"""
    )
    assert built_store.query(query).askAnswer


def test_the_plan_cites_made_in_china_2025(
    built_store: QuadStore, names: dict[URIRef, set[tuple[str, str, str]]], minter: IriMinter
) -> None:
    (plan,) = entities_labelled(names, "稀土行业发展规划(2016-2020年)")
    (cited,) = entities_labelled(names, "中国制造2025")
    graph = built_store.graph(minter.document("re-industry-plan-2016-2020.zh.txt"))
    assert (plan, RDF.type, REK.Policy) in graph
    assert (plan, REK.cites, cited) in graph
    evidence = [
        str(graph.value(a, REK.evidence))
        for a in graph.subjects(RDF.type, REK.Assertion)
        if (graph.value(a, RDF.subject), graph.value(a, RDF.predicate), graph.value(a, RDF.object))
        == (plan, REK.cites, cited)
    ]
    assert evidence and all("《中国制造2025》" in e for e in evidence)


# ---- re-ingesting and bad input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        FORUM,
        PAPER,
    ],
)
def test_reingesting_a_seed_document_leaves_the_quad_counts_identical(
    built_store_copy: QuadStore, minter: IriMinter, name: str
) -> None:
    before = built_store_copy.counts()
    reports = ingest_files(
        built_store_copy,
        [DOCUMENTS_DIR / name],
        minter=minter,
        manifest=read_manifest(DOCUMENTS_DIR / "MANIFEST.md"),
    )
    assert [r.error for r in reports] == [None]
    after = built_store_copy.counts()
    assert after.quads == before.quads
    assert dict(after.graphs) == dict(before.graphs)


def test_bad_input_is_reported_and_the_graph_is_kept(
    built_store_copy: QuadStore, minter: IriMinter, tmp_path: Path
) -> None:
    store = built_store_copy
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.dat").write_bytes(bytes(range(256)) * 64)
    # DOS Cyrillic (cp866): not UTF-8, GB18030, GBK, Big5 or Windows-1252
    bulletin = "Бюллетень: редкоземельные металлы\u00a0- обзор рынка за 2025 год.\n" * 40
    (tmp_path / "bulletin.txt").write_bytes(bulletin.encode("cp866"))
    (tmp_path / "broken.pdf").write_bytes(
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pa\x00\x9c\xff"
    )
    huge = tmp_path / "huge.txt"
    block = (
        "青岚稀土集团有限公司所属企业岳川稀土有限公司在湖南省郴州市建成年产3000吨稀土分离项目。\n".encode()
        * 4096
    )
    with huge.open("wb") as stream:
        while stream.tell() < 50 * 1024 * 1024:
            stream.write(block)
    size = huge.stat().st_size
    bad = {
        "empty.txt": "empty",
        "junk.dat": "binary",
        "bulletin.txt": "encoding",
        "broken.pdf": "PDF",
        "huge.txt": "MB",
    }

    extractor = Extractor.create(minter, store=store)
    extractor.extract(DocumentText("warm-up.txt", "岳川稀土有限公司位于湖南省。", "text/plain", "sha256:0"))
    before = store.counts()
    labels_before = set(store.graph(labels_graph_name(minter)))

    tracemalloc.start()
    try:
        reports = ingest_files(
            store, [*(tmp_path / n for n in bad), UNSEEN_GOOD], minter=minter, extractor=extractor
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert [r.name for r in reports] == [*bad, UNSEEN_GOOD.name]
    for report, (name, word) in zip(reports, bad.items(), strict=False):
        assert report.error and name in report.error and word in report.error, report
        assert report.graph is None
    good = reports[-1]
    assert good.error is None
    assert good.graph == str(minter.document(UNSEEN_GOOD.name))
    assert good.entities > 0 and good.assertions > 0
    assert peak < size / 5, f"peak {peak / 1e6:.1f} MB while ingesting a {size / 1e6:.0f} MB file"

    after = store.counts()
    labels = labels_graph_name(minter)
    assert set(after.graphs) == {*before.graphs, URIRef(good.graph)}
    assert after.graphs[URIRef(good.graph)] > 0
    for graph, count in before.graphs.items():
        if graph != labels:
            assert after.graphs[graph] == count, graph
    # the labels graph is derived again after an ingest: it gains the new entities' labels and loses none
    assert labels_before <= set(store.graph(labels))
    yuechuan = (
        PREFIXES
        + f"""ASK {{ GRAPH <{good.graph}> {{ ?e a rek:Company ; skos:altLabel ?l }}
      FILTER(str(?l) = "岳川稀土有限公司") }}"""
    )
    assert store.query(yuechuan).askAnswer
