"""rekg.graph.projection: the networkx view — nodes, folded inverse relations, evidence, neighbourhoods,
ownership trees, shortest connections and ranking — on a small fixture graph and on the built graph."""

from __future__ import annotations

import pytest
from rdflib import RDF, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from rekg.graph.bounded import StoreProjection
from rekg.graph.index_store import IndexStore, build_index
from rekg.graph.projection import EntityGraph
from rekg.graph.store import QuadStore, open_store
from rekg.ontology import REK

ID = Namespace("https://w3id.org/rekg/id/")
G, S, C1, C2, C3, Y, X = (ID[f"{k}/{s}"] for k, s in [("group", "g"), ("group", "s"), ("company", "c1"), ("company", "c2"),
                                                      ("company", "c3"), ("company", "y"), ("company", "x")])  # fmt: skip
M, P, Z1, Z2 = ID["mine/m"], ID["place/p"], ID["company/z1"], ID["company/z2"]
DOC = ID["document/d"]
SENTENCE = "丙公司是乙公司的全资子公司。"


def _entity(graph: Graph, iri: URIRef, cls: URIRef, zh: str, en: str) -> None:
    graph.add((iri, RDF.type, cls))
    graph.add((iri, SKOS.prefLabel, Literal(zh, lang="zh-Hans")))
    graph.add((iri, SKOS.prefLabel, Literal(en, lang="en")))


def _assert(graph: Graph, key: str, s: URIRef, p: URIRef, o: URIRef, sentence: str) -> None:
    node = ID[f"assertion/{key}"]
    for predicate, value in [(RDF.type, REK.Assertion), (RDF.subject, s), (RDF.predicate, p), (RDF.object, o),
                             (REK.sourceDocument, DOC), (REK.evidence, Literal(sentence)),
                             (REK.confidence, Literal(0.9)), (REK.startOffset, Literal(3)), (REK.endOffset, Literal(17))]:  # fmt: skip
        graph.add((node, predicate, value))


@pytest.fixture(scope="module")
def fixture_store() -> QuadStore:
    seeds, doc = Graph(), Graph()
    for iri, cls, zh, en in [(G, REK.EnterpriseGroup, "乙集团", "Beta Group"), (S, REK.EnterpriseGroup, "甲集团", "Alpha Group"),
                             (C1, REK.Company, "乙公司", "Beta Co"), (C2, REK.Company, "丁公司", "Delta Co"),
                             (C3, REK.Company, "丙公司", "Gamma Co"), (Y, REK.Company, "戊公司", "Epsilon Co"),
                             (X, REK.Company, "己公司", "Zeta Co"), (M, REK.Mine, "某矿", "Some Mine"),
                             (P, REK.Place, "某地", "Someplace"), (Z1, REK.Company, "循环一", "Loop One"),
                             (Z2, REK.Company, "循环二", "Loop Two")]:  # fmt: skip
        _entity(seeds, iri, cls, zh, en)
    doc.add((DOC, RDF.type, REK.SourceDocument))
    doc.add((DOC, DCTERMS.title, Literal("测试文献")))
    quantity = ID["quantity/q"]
    doc.add((M, REK.capacity, quantity))
    doc.add((quantity, RDF.type, REK.Quantity))
    for s, p, o in [(C1, REK.subsidiaryOf, G), (G, REK.hasSubsidiary, C2), (C3, REK.subsidiaryOf, C1),
                    (S, REK.shareholderOf, G), (M, REK.operatedBy, C3), (M, REK.locatedIn, P),
                    (C1, REK.partnerOf, Y), (Z1, REK.subsidiaryOf, Z2), (Z2, REK.subsidiaryOf, Z1)]:  # fmt: skip
        doc.add((s, p, o))
    _assert(doc, "a1", C3, REK.subsidiaryOf, C1, SENTENCE)
    _assert(doc, "a2", G, REK.hasSubsidiary, C2, "乙集团下属企业包括丁公司。")
    store = open_store("memory:")
    store.replace_graph(URIRef("https://w3id.org/rekg/graph/seeds"), seeds)
    store.replace_graph(DOC, doc)
    return store


@pytest.fixture(scope="module", params=["whole", "bounded"])
def projection(request: pytest.FixtureRequest, fixture_store: QuadStore) -> EntityGraph:
    """The whole projection, and the server's, which fetches what each question needs from the index."""
    if request.param == "whole":
        return EntityGraph.from_store(fixture_store)
    index = IndexStore(None)
    build_index(fixture_store, index, None)
    return StoreProjection(fixture_store, index)


def test_nodes_are_entities_with_kinds_and_labels(projection: EntityGraph) -> None:
    assert len(projection) == 11
    assert str(X) in projection  # isolated entities are nodes too
    assert str(DOC) not in projection and str(ID["quantity/q"]) not in projection
    assert projection.kind(str(G)) == "group" and projection.kind(str(M)) == "mine"
    assert projection.labels(str(C3)) == {"zh-Hans": "丙公司", "en": "Gamma Co"}
    assert projection.kinds()["company"] == 7


def test_inverse_relations_are_folded_and_evidence_attached(projection: EntityGraph) -> None:
    (edge,) = [e for e in projection.outgoing(str(C2))]
    assert (edge.name, edge.target) == ("subsidiaryOf", str(G))
    assert edge.evidence[0].sentence == "乙集团下属企业包括丁公司。"
    (operates,) = [e for e in projection.outgoing(str(C3)) if e.name == "operates"]
    assert operates.target == str(M)
    (owned,) = [e for e in projection.outgoing(str(C3)) if e.name == "subsidiaryOf"]
    evidence = owned.evidence[0]
    assert (evidence.sentence, evidence.document, evidence.title) == (SENTENCE, str(DOC), "测试文献")
    assert (evidence.confidence, evidence.start, evidence.end) == (0.9, 3, 17)
    assert (
        "hasSubsidiary" not in projection.relation_names() and "operatedBy" not in projection.relation_names()
    )


def test_neighbourhood_by_depth_kind_relation_and_limit(projection: EntityGraph) -> None:
    assert set(projection.neighbourhood(str(G), 1)) == {str(G), str(C1), str(C2), str(S)}
    assert set(projection.neighbourhood(str(G), 2)) == {str(G), str(C1), str(C2), str(S), str(C3), str(Y)}
    assert projection.neighbourhood(str(G), 2)[0] == str(G)
    assert set(projection.neighbourhood(str(G), 2, kinds=["group"])) == {str(G), str(S)}
    assert set(projection.neighbourhood(str(C1), 1, relations=["partnerOf"])) == {str(C1), str(Y)}
    assert len(projection.neighbourhood(str(G), 3, limit=3)) == 3
    assert projection.neighbourhood("https://example.org/unknown", 2) == []


def test_ownership_up_to_the_ultimate_owner_and_down_to_every_subsidiary(projection: EntityGraph) -> None:
    tree = projection.ownership(str(C3))
    chain = []
    node = tree.owners
    while node.children:
        (node,) = node.children
        chain.append((node.iri, node.edges[0].name))
    assert chain == [(str(C1), "subsidiaryOf"), (str(G), "subsidiaryOf"), (str(S), "shareholderOf")]
    assert tree.ultimate == [str(S)]
    down = projection.ownership(str(G)).holdings
    assert {child.iri for child in down.children} == {str(C1), str(C2)}
    (c1,) = [child for child in down.children if child.iri == str(C1)]
    assert [grandchild.iri for grandchild in c1.children] == [str(C3)]
    assert projection.ownership(str(S)).ultimate == [str(S)]  # no owner: it is its own top


def test_ownership_cycles_end(projection: EntityGraph) -> None:
    tree = projection.ownership(str(Z1))
    (z2,) = tree.owners.children
    (back,) = z2.children
    assert back.iri == str(Z1) and back.cycle and not back.children


def test_shortest_paths_with_each_hops_relation_direction_and_evidence(projection: EntityGraph) -> None:
    (path,) = projection.paths(str(C3), str(P))
    assert [(h.source, h.target) for h in path] == [(str(C3), str(M)), (str(M), str(P))]
    assert [h.edges[0].name for h in path] == ["operates", "locatedIn"]
    (path,) = projection.paths(str(Y), str(C3))
    assert [h.target for h in path] == [str(C1), str(C3)]
    assert path[1].edges[0].source == str(C3)  # walked against the edge's direction
    assert path[1].edges[0].evidence[0].sentence == SENTENCE
    assert len(projection.paths(str(C2), str(Y))[0]) == 3
    assert projection.paths(str(C2), str(Y), max_length=2) == []
    assert projection.paths(str(X), str(G)) == []
    assert projection.paths(str(G), str(G)) == []
    assert projection.paths(str(C1), str(Y), relations=["subsidiaryOf"]) == []


def test_ranking_by_degree(projection: EntityGraph) -> None:
    assert projection.ranked()[0] in {str(G), str(C1)}
    assert projection.degree(str(X)) == 0
    centrality = projection.degree_centrality()
    assert centrality[str(G)] > centrality[str(X)] == 0.0
    assert projection.ranked(kinds=["mine"]) == [str(M)]


def test_overview_is_a_connected_sample_of_the_best_connected(projection: EntityGraph) -> None:
    everything, total = projection.overview(100)
    assert total == len(everything) == 10  # every entity with an edge; the isolated one is left out
    assert str(X) not in everything
    sample, _ = projection.overview(4)
    assert sample[0] == projection.ranked()[0]
    for node in sample[1:]:  # each one hangs on to something chosen before it
        earlier = set(sample[: sample.index(node)])
        assert earlier & set(projection.neighbourhood(node, 1))
    groups, count = projection.overview(10, kinds=["group"])
    assert set(groups) == {str(G), str(S)} and count == 2
    located, _ = projection.overview(10, relations=["locatedIn"])
    assert set(located) == {str(M), str(P)}


def test_built_graph_every_ownership_triple_is_an_edge(built_store: QuadStore) -> None:
    projection = EntityGraph.from_store(built_store)
    query = """PREFIX rek: <https://w3id.org/rekg/ontology#>
    SELECT DISTINCT ?child ?parent WHERE { { ?child rek:subsidiaryOf ?parent } UNION { ?parent rek:hasSubsidiary ?child } }"""
    found = {(str(c), str(p)) for c, p in built_store.query(query)}  # type: ignore[misc]
    edges = {(e.source, e.target) for e in projection.edges(relations=["subsidiaryOf"])}
    typed = {(c, p) for c, p in found if c in projection and p in projection}
    assert typed <= edges
    for child, parent in typed:
        assert parent in {node.iri for node in projection.ownership(child).owners.children}
