"""The QuadStore contract, one suite run on every backend: memory, embedded Oxigraph and a real Oxigraph server.

Plus what only the embedded store does (persistence, read-only opens, the write lock) and the IRI minter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import sparql_servers
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from sparql_servers import free_port, oxigraph_binary, virtuoso_missing

from rekg.errors import (
    QueryError,
    StoreError,
    StoreLockedError,
    StoreNotFoundError,
    UnsupportedOperationError,
)
from rekg.graph.iri import DEFAULT_BASE, IriMinter, name_hash, slug_for_name
from rekg.graph.store import QuadStore, open_store

EX = Namespace("http://example.org/")
G1, G2, G3 = EX.g1, EX.g2, EX.g3

BACKENDS = ("memory", "embedded", "remote", "virtuoso")


# ---- backends -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``oxigraph serve`` on a free port, for the whole module; its location."""
    if oxigraph_binary() is None:
        pytest.skip("the oxigraph server binary is not installed")
    with sparql_servers.oxigraph_server(tmp_path_factory.mktemp("oxigraph-server")) as server:
        yield server.writer


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Virtuoso for the whole module; its writer location (skipped where it is not installed)."""
    if reason := virtuoso_missing():
        pytest.skip(reason)
    with sparql_servers.virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server.writer


def _open_backend(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> QuadStore:
    if backend == "memory":
        return open_store("memory:")
    if backend == "embedded":
        return open_store(tmp_path / "store")
    store = open_store(request.getfixturevalue("oxigraph_server" if backend == "remote" else "virtuoso"))
    for name in store.graph_names():  # the server lives for the module: start every test empty
        store.drop_graph(name)
    return store


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[QuadStore]:
    handle = _open_backend(request, request.param, tmp_path)
    try:
        yield handle
    finally:
        handle.close()


def on_backends(**known_bugs: str) -> pytest.MarkDecorator:
    """Run a test on every backend, with a strict xfail on the backends named (backend=reason)."""
    params = [
        pytest.param(b, marks=pytest.mark.xfail(reason=known_bugs[b], strict=True)) if b in known_bugs else b
        for b in BACKENDS
    ]
    return pytest.mark.parametrize("store", params, indirect=True)


def graph(*triples: tuple[object, object, object]) -> Graph:
    out = Graph()
    for triple in triples:
        out.add(triple)  # type: ignore[arg-type]
    return out


def triples_of(store: QuadStore, name: URIRef) -> set[tuple[object, object, object]]:
    return {(s, p, o) for s, p, o, _ in store.quads(name)}


def column(result: object, index: int = 0) -> list[object]:
    return [row[index] for row in result]  # type: ignore[attr-defined, index]


# ---- named graphs --------------------------------------------------------------------------------------


def test_a_new_store_is_empty(store: QuadStore) -> None:
    assert store.graph_names() == []
    assert store.counts().quads == 0
    assert store.counts().graphs == {}
    assert list(store.quads()) == []


def test_add_graph_creates_a_named_graph(store: QuadStore) -> None:
    store.add_graph(G1, graph((EX.a, EX.p, EX.b)))
    assert store.graph_names() == [G1]
    assert triples_of(store, G1) == {(EX.a, EX.p, EX.b)}


def test_add_graph_twice_adds_to_the_graph(store: QuadStore) -> None:
    store.add_graph(G1, graph((EX.a, EX.p, EX.b)))
    store.add_graph(G1, graph((EX.a, EX.p, EX.c), (EX.a, EX.p, EX.b)))
    assert triples_of(store, G1) == {(EX.a, EX.p, EX.b), (EX.a, EX.p, EX.c)}
    assert store.counts().graphs == {G1: 2}  # a triple added twice is there once


def test_replace_graph_replaces_exactly_that_graph(store: QuadStore) -> None:
    store.add_graph(G1, graph((EX.a, EX.p, EX.b), (EX.a, EX.p, EX.c)))
    store.add_graph(G2, graph((EX.x, EX.p, EX.y)))
    store.replace_graph(G1, graph((EX.d, EX.q, EX.e)))
    assert triples_of(store, G1) == {(EX.d, EX.q, EX.e)}
    assert triples_of(store, G2) == {(EX.x, EX.p, EX.y)}


def test_replace_graph_creates_a_missing_graph(store: QuadStore) -> None:
    store.replace_graph(G3, graph((EX.a, EX.p, EX.b)))
    assert store.graph_names() == [G3]


def test_replace_graph_keeps_what_stays_and_changes_what_changed(store: QuadStore) -> None:
    store.add_graph(G1, graph((EX.a, EX.p, EX.b), (EX.a, EX.p, Literal('旧 "old"\n', lang="zh-Hans"))))
    store.add_graph(G2, graph((EX.a, EX.p, EX.c)))
    new = graph(
        (EX.a, EX.p, EX.b), (EX.a, EX.q, Literal("新 'new'\t", lang="zh-Hans")), (EX.a, EX.n, Literal(3))
    )
    store.replace_graph(G1, new)
    assert triples_of(store, G1) == set(new)
    assert triples_of(store, G2) == {(EX.a, EX.p, EX.c)}


def test_replace_graph_with_blank_nodes_or_with_nothing(store: QuadStore) -> None:
    node = BNode()
    store.add_graph(G1, graph((EX.a, EX.p, node), (node, EX.p, EX.b)))
    store.replace_graph(G1, graph((EX.a, EX.p, EX.c)))
    assert triples_of(store, G1) == {(EX.a, EX.p, EX.c)}
    store.replace_graph(G1, graph())
    assert triples_of(store, G1) == set()


def test_load_graphs_replaces_the_graphs_given_and_keeps_the_others(store: QuadStore) -> None:
    import pyoxigraph as ox

    store.add_graph(G1, graph((EX.a, EX.p, EX.b)))
    store.add_graph(G2, graph((EX.x, EX.p, EX.y)))
    c, d, e, p, q = (ox.NamedNode(str(t)) for t in (EX.c, EX.d, EX.e, EX.p, EX.q))
    g1, g3 = ox.NamedNode(str(G1)), ox.NamedNode(str(G3))
    new = {
        G1: [ox.Quad(c, p, ox.Literal("新材料", language="zh-Hans"), g1)],
        G3: [ox.Quad(d, q, e, g3)],
    }
    store.load_graphs(new)
    assert triples_of(store, G1) == {(EX.c, EX.p, Literal("新材料", lang="zh-Hans"))}
    assert triples_of(store, G2) == {(EX.x, EX.p, EX.y)}
    assert triples_of(store, G3) == {(EX.d, EX.q, EX.e)}
    if store.capabilities.bulk_load:
        store.load_graphs({G1: [ox.Quad(d, q, e, g1)]}, bulk=True)
        assert triples_of(store, G1) == {(EX.d, EX.q, EX.e)}
    else:
        with pytest.raises(UnsupportedOperationError):
            store.load_graphs(new, bulk=True)


def test_drop_graph_removes_it_and_only_it(store: QuadStore) -> None:
    store.add_graph(G1, graph((EX.a, EX.p, EX.b)))
    store.add_graph(G2, graph((EX.a, EX.p, EX.c)))
    store.drop_graph(G1)
    assert store.graph_names() == [G2]
    assert list(store.quads(G1)) == []
    assert store.counts().quads == 1


def test_drop_graph_is_idempotent_for_unknown_graphs(store: QuadStore) -> None:
    store.add_graph(G1, graph((EX.a, EX.p, EX.b)))
    store.drop_graph(EX.never_there)
    store.drop_graph(G1)
    store.drop_graph(G1)
    assert store.graph_names() == []


def test_graph_names_lists_every_named_graph_sorted(store: QuadStore) -> None:
    for name in (G3, G1, G2):
        store.add_graph(name, graph((EX.a, EX.p, Literal(str(name)))))
    assert store.graph_names() == [G1, G2, G3]


def test_counts_per_graph_and_in_total(store: QuadStore) -> None:
    store.add_graph(G1, graph((EX.a, EX.p, EX.b), (EX.a, EX.p, EX.c), (EX.a, EX.p, EX.d)))
    store.add_graph(G2, graph((EX.a, EX.p, EX.b)))  # the same triple in another graph is another quad
    counts = store.counts()
    assert counts.graphs == {G1: 3, G2: 1}
    assert counts.quads == 4


def test_quads_of_one_graph_and_of_all_carry_their_graph_names(store: QuadStore) -> None:
    store.add_graph(G1, graph((EX.a, EX.p, EX.b)))
    store.add_graph(G2, graph((EX.a, EX.p, EX.b), (EX.c, EX.p, EX.d)))
    assert set(store.quads(G1)) == {(EX.a, EX.p, EX.b, G1)}
    assert set(store.quads()) == {(EX.a, EX.p, EX.b, G1), (EX.a, EX.p, EX.b, G2), (EX.c, EX.p, EX.d, G2)}
    assert list(store.quads(EX.no_such_graph)) == []


def test_graph_returns_a_copy_of_one_named_graph(store: QuadStore) -> None:
    data = graph((EX.a, EX.p, EX.b), (EX.a, EX.label, Literal("凉山稀土")), (EX.a, EX.n, Literal(3)))
    store.add_graph(G1, data)
    copy = store.graph(G1)
    assert copy.identifier == G1
    assert isomorphic(copy, data)


# ---- queries -------------------------------------------------------------------------------------------


def test_select_sees_the_union_of_the_named_graphs_as_default_graph(store: QuadStore) -> None:
    store.add_graph(G1, graph((EX.a, EX.p, EX.b)))
    store.add_graph(G2, graph((EX.a, EX.p, EX.b), (EX.c, EX.p, EX.d)))
    result = store.query("SELECT DISTINCT ?s ?o WHERE { ?s <http://example.org/p> ?o } ORDER BY ?s")
    assert result.type == "SELECT"
    assert [str(v) for v in result.vars or []] == ["s", "o"]
    assert [tuple(row) for row in result] == [(EX.a, EX.b), (EX.c, EX.d)]


def test_ask(store: QuadStore) -> None:
    store.add_graph(G1, graph((EX.a, EX.p, EX.b)))
    yes = store.query("ASK { <http://example.org/a> <http://example.org/p> ?o }")
    no = store.query("ASK { <http://example.org/b> ?p ?o }")
    assert yes.type == no.type == "ASK"
    assert yes.askAnswer is True
    assert no.askAnswer is False


def test_construct_returns_a_graph(store: QuadStore) -> None:
    store.add_graph(G1, graph((EX.a, EX.p, EX.b)))
    store.add_graph(G2, graph((EX.c, EX.p, EX.d)))
    result = store.query(
        "CONSTRUCT { ?o <http://example.org/inverse> ?s } WHERE { ?s <http://example.org/p> ?o }"
    )
    assert result.type == "CONSTRUCT"
    assert set(result.graph) == {(EX.b, EX.inverse, EX.a), (EX.d, EX.inverse, EX.c)}  # type: ignore[arg-type]


def test_graph_variable_binds_the_named_graphs(store: QuadStore) -> None:
    store.add_graph(G1, graph((EX.a, EX.p, EX.b)))
    store.add_graph(G2, graph((EX.a, EX.p, EX.b), (EX.c, EX.p, EX.d)))
    result = store.query("SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?s")
    assert [tuple(row) for row in result] == [(G1, EX.a), (G2, EX.a), (G2, EX.c)]
    inside = store.query("SELECT ?s WHERE { GRAPH <http://example.org/g1> { ?s ?p ?o } }")
    assert column(inside) == [EX.a]


def _two_graph_dataset(store: QuadStore) -> None:
    store.add_graph(G1, graph((EX.a, EX.p, Literal("one"))))
    store.add_graph(G2, graph((EX.a, EX.p, Literal("two"))))
    store.add_graph(G3, graph((EX.a, EX.p, Literal("three"))))


DEFAULT_GRAPH_VALUES = "SELECT DISTINCT ?o WHERE { ?s ?p ?o } ORDER BY ?o"
NAMED_GRAPH_VALUES = "SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"


def test_default_and_named_graph_uris_restrict_the_dataset(store: QuadStore) -> None:
    _two_graph_dataset(store)
    dataset = {"default_graph_uris": [str(G1), str(G3)], "named_graph_uris": [str(G2)]}
    assert [str(o) for o in column(store.query(DEFAULT_GRAPH_VALUES, **dataset))] == ["one", "three"]
    named = store.query(NAMED_GRAPH_VALUES, **dataset)
    assert [(g, str(o)) for g, o in named] == [(G2, "two")]  # type: ignore[misc]


def test_default_graph_uris_alone_choose_the_default_graph(store: QuadStore) -> None:
    _two_graph_dataset(store)
    result = store.query(DEFAULT_GRAPH_VALUES, default_graph_uris=[str(G2)])
    assert [str(o) for o in column(result)] == ["two"]


@on_backends()
def test_named_graph_uris_alone_choose_the_named_graphs(store: QuadStore) -> None:
    _two_graph_dataset(store)
    result = store.query(NAMED_GRAPH_VALUES, named_graph_uris=[str(G2)])
    assert [(g, str(o)) for g, o in result] == [(G2, "two")]  # type: ignore[misc]


@on_backends()
def test_default_graph_uris_alone_leave_no_named_graphs(store: QuadStore) -> None:
    """SPARQL 1.1 Protocol §2.1.4: a dataset given by parameters is exactly those graphs."""
    _two_graph_dataset(store)
    assert list(store.query(NAMED_GRAPH_VALUES, default_graph_uris=[str(G1)])) == []


@on_backends()
def test_named_graph_uris_alone_leave_the_default_graph_empty(store: QuadStore) -> None:
    """SPARQL 1.1 Protocol §2.1.4 (and Query §13.2: FROM NAMED without FROM): an empty default graph."""
    _two_graph_dataset(store)
    assert list(store.query(DEFAULT_GRAPH_VALUES, named_graph_uris=[str(G2)])) == []


# ---- terms ---------------------------------------------------------------------------------------------


def test_chinese_text_round_trips(store: QuadStore) -> None:
    names = ["中稀(凉山)稀土有限公司", "中國稀土集團", "稀土𠀾", "Baotou 包钢（集团）"]
    store.add_graph(
        G1, graph(*[(EX[f"e{i}"], EX.name, Literal(n, lang="zh-Hans")) for i, n in enumerate(names)])
    )
    result = store.query('SELECT ?n WHERE { ?e <http://example.org/name> ?n FILTER(CONTAINS(?n, "稀土")) }')
    assert sorted(str(n) for n in column(result)) == sorted(n for n in names if "稀土" in n)
    assert sorted(str(o) for _, _, o, _ in store.quads(G1)) == sorted(names)


@on_backends()
def test_language_tags_come_back_in_bcp47_case(store: QuadStore) -> None:
    labels = [
        Literal("凉山稀土", lang="zh-Hans"),
        Literal("涼山稀土", lang="zh-Hant"),
        Literal("Liangshan", lang="en"),
    ]
    store.add_graph(G1, graph(*[(EX.e, EX.label, label) for label in labels]))
    selected = column(store.query("SELECT ?l WHERE { ?e <http://example.org/label> ?l }"))
    assert sorted(label.language for label in selected) == ["en", "zh-Hans", "zh-Hant"]  # type: ignore[attr-defined]
    assert set(selected) == set(labels)
    assert {o for _, _, o, _ in store.quads(G1)} == set(labels)
    constructed = store.query("CONSTRUCT WHERE { ?e <http://example.org/label> ?l }").graph
    assert set(constructed.objects()) == set(labels)  # type: ignore[union-attr]


def test_a_language_filter_finds_zh_hans_labels(store: QuadStore) -> None:
    store.add_graph(
        G1, graph((EX.e, EX.label, Literal("凉山稀土", lang="zh-Hans")), (EX.e, EX.label, Literal("x")))
    )
    result = store.query('SELECT ?l WHERE { ?e ?p ?l FILTER(langMatches(lang(?l), "zh-Hans")) }')
    assert [str(v) for v in column(result)] == ["凉山稀土"]


def test_typed_literals_round_trip(store: QuadStore) -> None:
    from rdflib.namespace import XSD  # not at module level: pytest's collection pokes at module names

    values = {
        EX.integer: Literal(42, datatype=XSD.integer),
        EX.negative: Literal(-7, datatype=XSD.integer),
        EX.decimal: Literal(Decimal("1.5")),
        EX.small: Literal(Decimal("0.85")),
        EX.year: Literal("2024", datatype=XSD.gYear),
        EX.plain: Literal("000831"),
    }
    store.add_graph(G1, graph(*[(EX.q, p, o) for p, o in values.items()]))
    back = {p: o for _, p, o, _ in store.quads(G1)}
    selected = {row[0]: row[1] for row in store.query("SELECT ?p ?o WHERE { <http://example.org/q> ?p ?o }")}  # type: ignore[index]
    for found in (back, selected):
        assert set(found) == set(values)
        for predicate, literal in values.items():
            value = found[predicate]
            assert isinstance(value, Literal)
            assert value.datatype == literal.datatype, predicate
            assert value.toPython() == literal.toPython(), predicate
    assert back[EX.plain].datatype is None  # xsd:string comes back as a plain literal
    total = store.query(
        "SELECT (SUM(?o) AS ?n) WHERE { ?s <http://example.org/integer>|<http://example.org/negative> ?o }"
    )
    assert int(column(total)[0]) == 35  # type: ignore[call-overload]


def test_a_malformed_query_raises_query_error(store: QuadStore) -> None:
    with pytest.raises(QueryError):
        store.query("SELEC ?s WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError):
        store.query("SELECT ?s WHERE { ?s ?p ")


def test_an_update_passed_to_query_is_refused_and_changes_nothing(store: QuadStore) -> None:
    store.add_graph(G1, graph((EX.a, EX.p, EX.b)))
    before = set(store.quads())
    updates = [
        "INSERT DATA { GRAPH <http://example.org/g2> { <http://example.org/x> <http://example.org/p> 1 } }",
        "PREFIX ex: <http://example.org/> DELETE WHERE { GRAPH ?g { ?s ?p ?o } }",
        "DROP ALL",
    ]
    for update in updates:
        with pytest.raises(QueryError):
            store.query(update)
    assert set(store.quads()) == before
    assert store.graph_names() == [G1]


def test_capabilities_and_location(store: QuadStore) -> None:
    capabilities = store.capabilities
    assert capabilities.read_only is False
    assert capabilities.persistent is (store.backend != "memory")
    assert isinstance(store.location, str) and store.location
    if store.backend == "memory":
        assert store.location == "memory:"
    if store.backend == "sparql":
        assert re.match(r"sparql\+http://(dba@)?127\.0\.0\.1:\d+", store.location)
        assert ":dba@" not in store.location  # the password is never shown


# ---- embedded only -------------------------------------------------------------------------------------


def test_embedded_store_keeps_its_data_after_reopening(tmp_path: Path) -> None:
    directory = tmp_path / "store"
    with open_store(directory) as store:
        assert store.backend == "oxigraph"
        store.add_graph(G1, graph((EX.a, EX.p, Literal("凉山稀土", lang="zh-Hans"))))
    with open_store(f"oxigraph:{directory}") as store:
        assert store.graph_names() == [G1]
        assert set(store.quads()) == {(EX.a, EX.p, Literal("凉山稀土", lang="zh-Hans"), G1)}
    with open_store(directory, read_only=True) as store:
        assert store.counts().quads == 1


def test_read_only_open_of_a_missing_directory_raises_store_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "store"
    with pytest.raises(StoreNotFoundError, match="rekg build"):
        open_store(missing, read_only=True)
    assert not missing.exists()  # a reader does not create a store


def test_a_file_is_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "store"
    path.write_text("not a store", encoding="utf-8")
    with pytest.raises(StoreError):
        open_store(path)


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    directory = tmp_path / "store"
    with open_store(directory) as store:
        store.add_graph(G1, graph((EX.a, EX.p, EX.b)))
    with open_store(directory, read_only=True) as reader:
        assert reader.capabilities.read_only is True
        writes = [
            lambda: reader.add_graph(G2, graph((EX.a, EX.p, EX.c))),
            lambda: reader.replace_graph(G1, graph()),
            lambda: reader.drop_graph(G1),
        ]
        for write in writes:
            with pytest.raises(UnsupportedOperationError):
                write()
        assert set(reader.quads()) == {(EX.a, EX.p, EX.b, G1)}


def test_a_second_writable_open_raises_store_locked(tmp_path: Path) -> None:
    directory = tmp_path / "store"
    with open_store(directory) as writer:
        writer.add_graph(G1, graph((EX.a, EX.p, EX.b)))
        with pytest.raises(StoreLockedError):
            open_store(directory)
        with open_store(directory, read_only=True) as reader:  # readers may open beside the writer
            assert reader.graph_names() == [G1]
    with open_store(directory) as again:  # closing released the lock
        assert again.graph_names() == [G1]


def test_read_only_remote_store_refuses_writes(oxigraph_server: str) -> None:
    with open_store(oxigraph_server, read_only=True) as reader:
        assert reader.capabilities.read_only is True
        with pytest.raises(UnsupportedOperationError):
            reader.add_graph(G1, graph((EX.a, EX.p, EX.b)))
        with pytest.raises(UnsupportedOperationError):
            reader.drop_graph(G1)


def test_an_unreachable_server_raises_store_error() -> None:
    with open_store(f"sparql+http://127.0.0.1:{free_port()}") as store, pytest.raises(StoreError):
        store.query("ASK {}")


# ---- IRIs ----------------------------------------------------------------------------------------------


def test_minting_is_deterministic() -> None:
    first = IriMinter().mint("company", "凉山稀土")
    assert first == IriMinter().mint("company", "凉山稀土")
    assert first == URIRef(f"{DEFAULT_BASE}id/company/liang-shan-xi-tu")
    assert IriMinter().node("assertion", "k") == IriMinter().node("assertion", "k")
    assert IriMinter().node("assertion", "k") != IriMinter().node("assertion", "l")
    assert IriMinter().document("creg-csr-2024.zh.txt") == URIRef(
        f"{DEFAULT_BASE}id/document/creg-csr-2024-zh-txt"
    )


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("company", "凉山稀土"),
        ("group", "中国稀土集团有限公司"),
        ("mine", "白云鄂博"),
        ("company", "Lynas Rare Earths"),
    ],
)
def test_parse_round_trips_a_minted_iri(kind: str, name: str) -> None:
    minter = IriMinter()
    iri = minter.mint(kind, name)
    assert minter.parse(str(iri)) == (kind, slug_for_name(name))
    assert minter.entity(*minter.parse(str(iri))) == iri  # type: ignore[misc]


def test_parse_rejects_iris_that_are_not_entities_under_the_base() -> None:
    minter = IriMinter()
    assert minter.parse("http://example.org/id/company/x") is None
    assert minter.parse(f"{DEFAULT_BASE}id/company") is None
    assert minter.parse(f"{DEFAULT_BASE}id/company/a/b") is None
    assert minter.parse(f"{DEFAULT_BASE}graph/seeds") is None


def test_disambiguate_adds_a_hash_of_the_name() -> None:
    minter = IriMinter()
    plain = minter.mint("company", "凉山稀土")
    homophone = minter.mint("company", "良山稀土")  # another name, the same pinyin
    assert plain == homophone
    first = minter.mint("company", "凉山稀土", disambiguate=True)
    second = minter.mint("company", "良山稀土", disambiguate=True)
    assert first == URIRef(f"{plain}-{name_hash('凉山稀土')}")
    assert re.fullmatch(r".*-[0-9a-f]{6}", str(second))
    assert first != second


def test_a_name_without_letters_gets_a_hash_slug() -> None:
    assert re.fullmatch(r"[0-9a-f]{12}", slug_for_name("！？"))


def test_the_base_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    minter = IriMinter("http://example.org/kg/")
    iri = minter.mint("mine", "白云鄂博")
    assert iri == URIRef("http://example.org/kg/id/mine/bai-yun-e-bo")
    assert minter.parse(str(iri)) == ("mine", "bai-yun-e-bo")
    assert IriMinter().parse(str(iri)) is None
    monkeypatch.setenv("REKG_BASE", "http://example.org/other")
    assert IriMinter.from_environment().base == "http://example.org/other/"
    monkeypatch.delenv("REKG_BASE")
    assert IriMinter.from_environment().base == DEFAULT_BASE


def test_entity_rejects_a_bad_slug() -> None:
    for bad in ("", "Upper", "has space", "-leading", "a/b"):
        with pytest.raises(ValueError):
            IriMinter().entity("company", bad)


@pytest.mark.parametrize(
    "location", ["http://127.0.0.1:7878", "sparql+sparql+http://127.0.0.1:7878", "ftp://x/y"]
)
def test_a_url_that_names_no_store_is_refused_not_made_a_folder(location: str, tmp_path: Path) -> None:
    from rekg.errors import StoreError

    with pytest.raises(StoreError, match="not a store location"):
        open_store(location)
