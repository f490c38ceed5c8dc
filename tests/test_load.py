"""``rekg load`` and ``rekg synth`` through the CLI, on real embedded stores: formats, named graphs, atomicity,
the round trip through ``rekg export``, and synthetic graphs (deterministic, sized, valid, loadable)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner, Result

from rekg.cli import app
from rekg.graph.generation import read_generation
from rekg.graph.iri import IriMinter
from rekg.graph.labels import labels_graph_name
from rekg.graph.store import open_store
from rekg.graph.terms import Quad, from_ox_quad

runner = CliRunner()
G = "http://example.org/graph/g"
H = "http://example.org/graph/h"
LABELS = labels_graph_name(IriMinter())

TURTLE = """@prefix ex: <http://example.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ex:a ex:p ex:b ; skos:altLabel "凉山稀土"@zh-Hans , "涼山稀土"@zh-Hant .
"""
NTRIPLES = '<http://example.org/c> <http://example.org/p> "Liangshan Rare Earth"@en .\n'
NQUADS = (
    f'<http://example.org/d> <http://example.org/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <{G}> .\n'
)
TRIG = f"""@prefix ex: <http://example.org/> .
<{G}> {{ ex:e ex:p ex:f . }}
<{H}> {{ ex:g ex:p "稀土"@zh-Hans . ex:g ex:q ex:h . }}
"""


def rekg(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def quads_of(store_dir: Path) -> set[Quad]:
    with open_store(store_dir, read_only=True) as store:
        return set(store.quads())


def without_labels(quads: set[Quad]) -> set[Quad]:
    return {q for q in quads if q[3] != LABELS}


BULK = pytest.mark.parametrize("bulk", [(), ("--bulk",)], ids=["transactions", "bulk"])


@BULK
@pytest.mark.parametrize(
    ("name", "text", "options", "graphs"),
    [
        ("data.ttl", TURTLE, ("--graph", G), {G: 3}),
        ("data.nt", NTRIPLES, ("--graph", G), {G: 1}),
        ("data.nq", NQUADS, (), {G: 1}),
        ("data.trig", TRIG, (), {G: 1, H: 2}),
    ],
)
def test_each_format_loads_into_its_graphs(
    tmp_path: Path,
    name: str,
    text: str,
    options: tuple[str, ...],
    graphs: dict[str, int],
    bulk: tuple[str, ...],
) -> None:
    store_dir = tmp_path / "store"
    result = rekg("load", "--store", store_dir, *bulk, *options, write(tmp_path / name, text))
    assert result.exit_code == 0, result.output
    quads = without_labels(quads_of(store_dir))
    assert {str(g): sum(1 for q in quads if q[3] == URIRef(g)) for g in graphs} == graphs
    assert len(quads) == sum(graphs.values())
    assert f"loaded {sum(graphs.values())} quads in {len(graphs)} graph" in result.output
    assert read_generation(store_dir).number >= 1 and not read_generation(store_dir).writing


def test_format_option_overrides_the_extension(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    result = rekg("load", "--store", store_dir, "--format", "trig", write(tmp_path / "data.txt", TRIG))
    assert result.exit_code == 0, result.output
    assert {q[3] for q in without_labels(quads_of(store_dir))} == {URIRef(G), URIRef(H)}


@pytest.mark.parametrize("name", ["data.ttl", "data.nt"])
def test_turtle_and_ntriples_need_a_graph(tmp_path: Path, name: str) -> None:
    store_dir = tmp_path / "store"
    result = rekg("load", "--store", store_dir, write(tmp_path / name, NTRIPLES))
    assert result.exit_code == 1
    assert "--graph" in result.output
    assert not store_dir.exists() or quads_of(store_dir) == set()


def test_an_unknown_extension_asks_for_the_format(tmp_path: Path) -> None:
    result = rekg("load", "--store", tmp_path / "store", write(tmp_path / "data.rdf", NTRIPLES))
    assert result.exit_code == 1
    assert "--format" in result.output


@BULK
def test_a_file_that_does_not_parse_writes_nothing_from_any_file(
    tmp_path: Path, bulk: tuple[str, ...]
) -> None:
    store_dir = tmp_path / "store"
    assert rekg("load", "--store", store_dir, write(tmp_path / "first.trig", TRIG)).exit_code == 0
    before, generation = quads_of(store_dir), read_generation(store_dir)
    good = write(tmp_path / "good.nq", NQUADS.replace(G, "http://example.org/graph/new"))
    bad = write(tmp_path / "bad.trig", f"<{H}> {{ <http://example.org/x> <http://example.org/p> . }}\n")
    result = rekg("load", "--store", store_dir, *bulk, good, bad)
    assert result.exit_code == 1
    assert "bad.trig is not valid trig" in result.output
    assert quads_of(store_dir) == before
    assert read_generation(store_dir) == generation


def test_a_bulk_load_into_an_empty_store_that_fails_leaves_it_empty(tmp_path: Path) -> None:
    """Streamed, the good file is in the store when the bad one fails: the store is emptied again."""
    store_dir = tmp_path / "store"
    good = write(tmp_path / "good.trig", TRIG)
    bad = write(tmp_path / "bad.nq", f"<http://example.org/x> <http://example.org/p> <{G}> <{H}> <{G}> .\n")
    result = rekg("load", "--store", store_dir, "--bulk", good, bad)
    assert result.exit_code == 1
    assert "bad.nq is not valid nquads" in result.output
    assert quads_of(store_dir) == set()
    assert rekg("load", "--store", store_dir, "--bulk", good).exit_code == 0
    assert {q[3] for q in without_labels(quads_of(store_dir))} == {URIRef(G), URIRef(H)}


@BULK
def test_a_loaded_graph_replaces_its_namesake_and_leaves_the_others(
    tmp_path: Path, bulk: tuple[str, ...]
) -> None:
    store_dir = tmp_path / "store"
    assert rekg("load", "--store", store_dir, write(tmp_path / "first.trig", TRIG)).exit_code == 0
    result = rekg("load", "--store", store_dir, *bulk, "--graph", G, write(tmp_path / "again.nt", NTRIPLES))
    assert result.exit_code == 0, result.output
    quads = without_labels(quads_of(store_dir))
    assert {(str(s), str(o)) for s, _, o, g in quads if g == URIRef(G)} == {
        ("http://example.org/c", "Liangshan Rare Earth")
    }
    assert sum(1 for q in quads if q[3] == URIRef(H)) == 2


def test_loading_refreshes_the_labels_graph(tmp_path: Path, built_store_dir: Path) -> None:
    store_dir = tmp_path / "store"
    shutil.copytree(built_store_dir, store_dir)
    entity = "https://w3id.org/rekg/id/company/load-test-rare-earth"
    text = (
        f"<{entity}> a <https://w3id.org/rekg/ontology#Company> ; "
        f'<http://www.w3.org/2004/02/skos/core#altLabel> "装载测试稀土有限公司"@zh-Hans .\n'
    )
    result = rekg("load", "--store", store_dir, "--graph", G, write(tmp_path / "new.ttl", text))
    assert result.exit_code == 0, result.output
    labels = {(str(s), str(p), str(o)) for s, p, o, g in quads_of(store_dir) if g == LABELS}
    assert (entity, "http://www.w3.org/2004/02/skos/core#prefLabel", "装载测试稀土有限公司") in labels


def test_blank_nodes_load_as_an_isomorphic_graph(tmp_path: Path) -> None:
    text = f"<{G}> {{ <http://example.org/a> <http://example.org/q> [ <http://example.org/p> _:x ] . _:x <http://example.org/p> 1 . }}\n"
    source = Dataset()
    source.parse(data=text, format="trig")
    store_dir = tmp_path / "store"
    assert rekg("load", "--store", store_dir, write(tmp_path / "blank.trig", text)).exit_code == 0
    with open_store(store_dir, read_only=True) as store:
        loaded = store.graph(URIRef(G))
    assert sum(1 for t in loaded for term in t if isinstance(term, BNode)) == 4
    assert isomorphic(loaded, source.graph(URIRef(G)))


@pytest.mark.parametrize(("fmt", "suffix"), [("nquads", "nq"), ("trig", "trig")])
def test_export_then_load_gives_back_every_quad(
    tmp_path: Path, built_store_dir: Path, fmt: str, suffix: str
) -> None:
    exported = tmp_path / f"export.{suffix}"
    assert rekg("export", "--store", built_store_dir, "--format", fmt, "-o", exported).exit_code == 0
    store_dir = tmp_path / "store"
    result = rekg("load", "--store", store_dir, exported)
    assert result.exit_code == 0, result.output
    original = quads_of(built_store_dir)
    assert not any(isinstance(term, BNode) for quad in original for term in quad)  # so sets compare exactly
    assert quads_of(store_dir) == original


def test_synth_is_deterministic_sized_and_loads_valid(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a.nq", tmp_path / "b.nq", tmp_path / "c.nq"
    for path, seed in ((first, "7"), (second, "7"), (other, "8")):
        result = rekg("synth", "--quads", "5000", "--seed", seed, "--out", path)
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != other.read_bytes()
    quads = list(ox.parse(path=first, format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(set(quads))
    assert 4750 <= len(quads) <= 5250
    store_dir = tmp_path / "store"
    result = rekg("load", "--store", store_dir, first)
    assert result.exit_code == 0, result.output
    assert without_labels(quads_of(store_dir)) == {from_ox_quad(q) for q in quads}
    validation = rekg("validate", "--store", store_dir)
    assert validation.exit_code == 0, validation.output


def test_synth_writes_the_same_graph_as_trig(tmp_path: Path) -> None:
    for name in ("s.nq", "s.trig"):
        assert rekg("synth", "--quads", "3000", "--seed", "1", "--out", tmp_path / name).exit_code == 0
    nquads = set(ox.parse(path=tmp_path / "s.nq"))
    assert set(ox.parse(path=tmp_path / "s.trig")) == nquads
    kinds = {str(q.object.value).rsplit("#", 1)[-1] for q in nquads if q.predicate.value.endswith("#type")}
    assert {"EnterpriseGroup", "Company", "Mine", "Facility", "Project", "Policy", "Agreement"} <= kinds
    assert {"Assertion", "SourceDocument", "Quantity", "Place", "Person", "GovernmentBody"} <= kinds
    languages = {q.object.language for q in nquads if isinstance(q.object, ox.Literal) and q.object.language}
    assert {"zh-hans", "zh-hant", "en"} <= {tag.lower() for tag in languages}


def test_synth_refuses_an_unknown_extension(tmp_path: Path) -> None:
    result = rekg("synth", "--quads", "1000", "--out", tmp_path / "s.ttl")
    assert result.exit_code == 1
    assert ".nq" in result.output


def test_a_graph_that_is_not_an_iri_and_a_missing_file_are_one_line_errors(tmp_path: Path) -> None:
    ttl = write(tmp_path / "data.ttl", TURTLE)
    result = rekg("load", "--store", tmp_path / "store", "--graph", "not an iri", ttl)
    assert result.exit_code == 1
    assert "is not an absolute IRI" in result.output
    missing = rekg("load", "--store", tmp_path / "store", tmp_path / "missing.nq")
    assert missing.exit_code == 1
    assert "no file at" in missing.output
