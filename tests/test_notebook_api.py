"""The notebook API (``rekg.open``): lookups, entities, SPARQL rows, subgraphs, inline network views and closing,
against the seed build; the README's example, run as written."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import networkx as nx
import pytest
from rdflib import RDF, SKOS, Graph, Literal, Namespace

import rekg
from rekg.api.network import vis_resources
from rekg.api.problems import NameNotFoundError, NotFoundError
from rekg.errors import QueryError, RekgError, StoreError, StoreNotFoundError
from rekg.graph.projection import Evidence
from rekg.graph.store import open_store
from rekg.notebook import KnowledgeGraph, NetworkView
from rekg.ontology import REK

ROOT = Path(__file__).resolve().parent.parent
ID = Namespace("https://w3id.org/rekg/id/")
LIANGSHAN = str(ID["company/liangshan-rare-earth"])
CREG = str(ID["group/china-rare-earth-group"])
#: A <script> or <link> that loads anything from another host.
REMOTE = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.IGNORECASE)
HOSTILE_ZH = '</script><script>alert("zh")</script>'
HOSTILE_EN = "<img src=x onerror=alert('en')>"


@pytest.fixture(scope="module")
def kg(built_store_dir: Path) -> Iterator[KnowledgeGraph]:
    with rekg.open(built_store_dir) as graph:
        yield graph


def test_import_rekg_loads_nothing_heavy(tmp_path: Path) -> None:
    code = (
        "import sys, rekg\n"
        "heavy = [m for m in ('rdflib', 'pyoxigraph', 'networkx', 'fastapi', 'rekg.notebook') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "assert callable(rekg.open)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)


def test_open_reports_a_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFoundError):
        rekg.open(tmp_path / "nothing-here")


def test_lookup_hit_in_traditional_chinese(kg: KnowledgeGraph) -> None:
    found = kg.lookup("涼山稀土")
    assert found.found
    best = found.hits[0]
    assert (best.iri, best.kind, best.suggestion) == (LIANGSHAN, "company", False)
    assert best.labels["zh-Hans"] == "中稀(凉山)稀土有限公司"
    assert all(s.suggestion for s in found.suggestions)


def test_lookup_miss_gives_suggestions_only(kg: KnowledgeGraph) -> None:
    found = kg.lookup("华能集团", limit=5)
    assert not found.found and found.hits == ()
    assert found.suggestions and all(s.suggestion for s in found.suggestions)
    assert "华润集团" in [s.labels.get("zh-Hans") for s in found.suggestions]


def test_lookup_by_type(kg: KnowledgeGraph) -> None:
    found = kg.lookup("Liangshan Rare Earth", type="mine")
    assert found.hits and {hit.kind for hit in found.hits + found.suggestions} == {"mine"}
    with pytest.raises(RekgError, match="unknown type"):
        kg.lookup("凉山稀土", type="spaceship")


@pytest.mark.parametrize(
    "name",
    ["凉山稀土", "中稀(凉山)稀土有限公司", "涼山稀土", "China Rare Earth (Liangshan) Rare Earth Co., Ltd."],
)
def test_entity_by_simplified_traditional_and_english_name(kg: KnowledgeGraph, name: str) -> None:
    entity = kg.entity(name)
    assert entity["iri"] == LIANGSHAN
    assert entity["kind"] == "company"
    assert entity["labels"]["zh-Hans"] == "中稀(凉山)稀土有限公司"
    assert entity["labels"]["en"] == "China Rare Earth (Liangshan) Rare Earth Co., Ltd."
    parent = [r for r in entity["relations"] if r["relation"] == "subsidiaryOf" and r["direction"] == "out"]
    assert [r["entity"]["iri"] for r in parent] == [CREG]
    assert parent[0]["evidence"] and all(e["sentence"] and e["document"] for e in parent[0]["evidence"])


def test_entity_by_iri_and_kind_slug(kg: KnowledgeGraph) -> None:
    assert kg.entity(LIANGSHAN)["iri"] == LIANGSHAN
    assert kg.entity("company/liangshan-rare-earth")["iri"] == LIANGSHAN
    assert kg.resolve("Liangshan Rare Earth") == LIANGSHAN


def test_entity_below_the_floor_raises_with_suggestions(kg: KnowledgeGraph) -> None:
    with pytest.raises(NameNotFoundError) as caught:
        kg.entity("华能集团")
    assert caught.value.query == "华能集团"
    assert caught.value.suggestions and all(s["suggestion"] for s in caught.value.suggestions)
    assert "华润集团" in [s["labels"].get("zh-Hans") for s in caught.value.suggestions]
    with pytest.raises(NotFoundError):
        kg.entity("https://w3id.org/rekg/id/company/no-such-company")


def test_sparql_select_rows_are_plain_values(kg: KnowledgeGraph) -> None:
    rows = kg.sparql(f"""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX rek: <https://w3id.org/rekg/ontology#>
        SELECT ?label (COUNT(DISTINCT ?company) AS ?n) ?nothing WHERE {{
          ?company rek:subsidiaryOf <{CREG}> .
          <{CREG}> skos:prefLabel ?label . FILTER(langMatches(lang(?label), "zh-Hans"))
        }} GROUP BY ?label ?nothing
    """)
    assert isinstance(rows, list) and len(rows) == 1
    row = rows[0]
    assert set(row) == {"label", "n", "nothing"}
    assert row["label"] == "中国稀土集团有限公司" and type(row["label"]) is str
    assert type(row["n"]) is int and row["n"] >= 1
    assert row["nothing"] is None
    iris = kg.sparql(f"SELECT ?parent WHERE {{ <{LIANGSHAN}> <{REK.subsidiaryOf}> ?parent }}")
    assert {r["parent"] for r in iris} == {CREG}


def test_sparql_ask_and_construct(kg: KnowledgeGraph) -> None:
    assert kg.sparql(f"ASK {{ <{LIANGSHAN}> ?p ?o }}") is True
    triples = kg.sparql(
        f"CONSTRUCT {{ <{LIANGSHAN}> <{REK.subsidiaryOf}> ?o }} WHERE {{ <{LIANGSHAN}> <{REK.subsidiaryOf}> ?o }}"
    )
    assert triples == [{"subject": LIANGSHAN, "predicate": str(REK.subsidiaryOf), "object": CREG}]


def test_sparql_errors_are_query_errors(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError):
        kg.sparql("SELECT WHERE {")
    with pytest.raises(QueryError):
        kg.sparql("INSERT DATA { <urn:a> <urn:b> <urn:c> }")


def test_sparql_as_frame(kg: KnowledgeGraph) -> None:
    pandas = pytest.importorskip("pandas")
    frame = kg.sparql(f"SELECT ?p ?o WHERE {{ <{LIANGSHAN}> ?p ?o }}", as_frame=True)
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["p", "o"] and len(frame) > 3
    assert CREG in set(frame["o"])


def test_sparql_as_frame_without_pandas_says_so(kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    with pytest.raises(RekgError, match="needs pandas"):
        kg.sparql("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", as_frame=True)
    assert len(kg.sparql("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")) == 1


def test_subgraph_holds_the_neighbourhood_with_evidence(kg: KnowledgeGraph) -> None:
    graph = kg.subgraph("凉山稀土", depth=1)
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.graph["focus"] == [LIANGSHAN]
    node = graph.nodes[LIANGSHAN]
    assert (node["kind"], node["label"], node["en"]) == (
        "company",
        "中稀(凉山)稀土有限公司",
        "China Rare Earth (Liangshan) Rare Earth Co., Ltd.",
    )
    expected = set(kg.describer.projection.neighbourhood(LIANGSHAN, 1))
    assert set(graph.nodes) == expected and CREG in expected
    edge = graph.edges[LIANGSHAN, CREG, "subsidiaryOf"]
    assert edge["relation"] == "subsidiaryOf" and edge["predicate"] == str(REK.subsidiaryOf)
    assert edge["evidence"] and edge["document"].startswith("https://w3id.org/rekg/id/document/")
    assert edge["evidenceCount"] == len(edge["evidenceItems"]) >= 1
    assert all(isinstance(e, Evidence) and e.sentence for e in edge["evidenceItems"])
    assert edge["evidence"] == edge["evidenceItems"][0].sentence
    assert kg.subgraph("凉山稀土", language="en").nodes[LIANGSHAN]["label"].startswith("China Rare Earth")


def test_subgraph_of_several_names_and_depth_zero(kg: KnowledgeGraph) -> None:
    pair = kg.subgraph(["凉山稀土", "中国稀土集团"], depth=0)
    assert set(pair.nodes) == {LIANGSHAN, CREG}
    assert pair.graph["focus"] == [LIANGSHAN, CREG]
    assert ("subsidiaryOf" in pair[LIANGSHAN][CREG]) and pair.number_of_edges() >= 1
    assert len(kg.subgraph("中国稀土集团", depth=2)) > len(kg.subgraph("中国稀土集团", depth=1))
    with pytest.raises(NameNotFoundError):
        kg.subgraph(["凉山稀土", "华能集团"])
    with pytest.raises(RekgError):
        kg.subgraph([])


def test_show_is_offline(kg: KnowledgeGraph) -> None:
    view = kg.show(["凉山稀土", "广晟有色"], depth=1)
    assert isinstance(view, NetworkView)
    assert view.shown == view.total >= 3
    assert not REMOTE.search(view.document)
    assert vis_resources().script in view.document  # vis-network itself is inline
    assert "bootstrap" not in view.document.lower()
    assert "new vis.Network(" in view.document and LIANGSHAN in view.document
    cell = view._repr_html_()
    assert cell.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in cell
    assert "<script" not in cell  # the page is inside the attribute, escaped
    limited = kg.show("中国稀土集团", depth=2, limit=5)
    assert limited.shown == 5 < limited.total
    assert "5 of" in limited.document


def test_show_escapes_hostile_labels() -> None:
    store = open_store("memory:")
    graph = Graph()
    bad, good = ID["company/bad"], ID["group/good"]
    for iri, cls, zh, en in [
        (bad, REK.Company, HOSTILE_ZH, HOSTILE_EN),
        (good, REK.EnterpriseGroup, "好集团", "Good"),
    ]:
        graph.add((iri, RDF.type, cls))
        graph.add((iri, SKOS.prefLabel, Literal(zh, lang="zh-Hans")))
        graph.add((iri, SKOS.prefLabel, Literal(en, lang="en")))
    graph.add((bad, REK.subsidiaryOf, good))
    store.add_graph(ID["graph/test"], graph)
    with KnowledgeGraph(store) as kg:
        for view in (kg.show(str(bad)), kg.show("好集团", language="en")):
            assert view.shown == 2
            assert HOSTILE_ZH not in view.document and HOSTILE_EN not in view.document
            assert "<img" not in view.document
            ours = view.document.replace(vis_resources().script, "")  # the page without vis-network
            assert ours.count("<script") == ours.count("</script>") == 3  # no tag ended early or added
            assert not REMOTE.search(view.document)
        zh = kg.show(str(bad)).document
        assert r"\u003c/script\u003e\u003cscript\u003ealert" in zh  # the label is in the data, escaped
        assert "&lt;/script&gt;" in zh  # and in the caption


def test_context_manager_closes(built_store_dir: Path) -> None:
    with rekg.open(built_store_dir) as graph:
        assert not graph.closed
        assert graph.lookup("凉山稀土").found
    assert graph.closed
    assert "closed" in repr(graph)
    with pytest.raises(StoreError, match="closed"):
        graph.sparql("ASK { ?s ?p ?o }")
    with pytest.raises(StoreError, match="closed"):
        graph.entity("凉山稀土")
    graph.close()  # a second close is harmless


@pytest.fixture()
def sparql_server(built_store_dir: Path) -> Iterator[str]:
    """``oxigraph serve-read-only`` over the seed build on a free port; its ``sparql+http://`` location."""
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    url = f"http://127.0.0.1:{port}"
    command = [binary, "serve-read-only", "--location", str(built_store_dir), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, f"oxigraph serve-read-only exited with {process.returncode}"
            try:
                if httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, f"oxigraph did not answer on {url}"
                time.sleep(0.05)
        yield f"sparql+{url}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.slow
def test_open_a_sparql_server(sparql_server: str) -> None:
    with rekg.open(sparql_server) as kg:
        assert kg.store.backend == "sparql"
        assert kg.lookup("涼山稀土").hits[0].iri == LIANGSHAN
        assert kg.entity("Liangshan Rare Earth")["iri"] == LIANGSHAN
        assert {
            r["parent"]
            for r in kg.sparql(f"SELECT ?parent WHERE {{ <{LIANGSHAN}> <{REK.subsidiaryOf}> ?parent }}")
        } == {CREG}
        assert kg.subgraph("凉山稀土").has_edge(LIANGSHAN, CREG, "subsidiaryOf")


def readme_example() -> str:
    """The first fenced ``python`` block of the README's "Jupyter and Python" section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Jupyter and Python\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "no python example in the README's Jupyter and Python section"
    return match.group(1)


def test_the_readme_example_runs_as_written(
    built_store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = readme_example()
    assert '"data/store"' in code  # the placeholder this test replaces with the seed build
    monkeypatch.chdir(tmp_path)  # the example saves network.html where it runs
    exec(compile(code.replace('"data/store"', repr(str(built_store_dir))), "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "China Rare Earth (Liangshan) Rare Earth Co., Ltd."
    assert lines[1] == "['华润集团']"
    assert any(line.startswith("subsidiaryOf 中国稀土集团有限公司") for line in lines)
    assert any(line.startswith("{'group': '中国稀土集团有限公司', 'subsidiaries': ") for line in lines)
    page = (tmp_path / "network.html").read_text(encoding="utf-8")
    assert "new vis.Network(" in page and not REMOTE.search(page)
