"""Exports for Gephi and spreadsheets (GraphML, GEXF, CSV) and JSON-LD with its published context, from the
seed build: through ``rekg export`` and through ``/api/export`` on a real server, each parsed back."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import networkx as nx
import pytest
from api_server import serve_store
from rdflib import BNode, Dataset
from typer.testing import CliRunner, Result

from rekg.cli import app
from rekg.graph.export import jsonld_context
from rekg.graph.projection import EntityGraph
from rekg.graph.store import QuadStore

ID = "https://w3id.org/rekg/id/"
CREG = ID + "group/china-rare-earth-group"
HUAQI = ID + "company/hua-qi-gong-si"
GUANGSHENG = ID + "company/guangsheng-nonferrous-metals"
REPORT = ID + "document/creg-csr-2024-zh-txt"
GEXF_NS = "{http://www.gexf.net/1.2draft}"

runner = CliRunner()


def rekg(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def projection(built_store: QuadStore) -> EntityGraph:
    return EntityGraph.from_store(built_store)


@pytest.fixture(scope="module")
def relation_row_count(projection: EntityGraph) -> int:
    """One row per fact and evidence sentence; a fact without evidence has one row."""
    return sum(max(1, len(edge.evidence)) for edge in projection.edges())


@pytest.fixture(scope="module")
def client(built_store_dir: Path) -> Iterator[httpx.Client]:
    with serve_store(built_store_dir) as url, httpx.Client(base_url=url, timeout=60) as http:
        yield http


def quads(dataset: Dataset) -> list[tuple[object, ...]]:
    return [q for q in dataset.quads((None, None, None, None)) if q[3] != dataset.default_graph.identifier]


def without_blank_nodes(found: list[tuple[object, ...]]) -> set[tuple[object, ...]]:
    return {q for q in found if not any(isinstance(term, BNode) for term in q)}


def check_network(graph: nx.Graph, projection: EntityGraph) -> None:
    """Counts, a known entity with its names and kind, a known edge with its evidence."""
    assert graph.number_of_nodes() == len(projection)
    assert graph.number_of_edges() == projection.graph.number_of_edges()
    creg = graph.nodes[CREG]
    assert creg["label"] == "中国稀土集团有限公司"
    assert (creg["kind"], creg["zh_Hans"], creg["zh_Hant"]) == (
        "group",
        "中国稀土集团有限公司",
        "中國稀土集團有限公司",
    )
    assert creg["en"] == "China Rare Earth Group Co., Ltd."
    edges = [data for _, _, data in graph.edges(HUAQI, data=True) if data.get("relation") == "subsidiaryOf"]
    assert len(edges) == 1
    edge = edges[0]
    assert "华企公司" in edge["evidence"] and "广晟有色" in edge["evidence"]
    assert edge["document"] == REPORT
    assert edge["predicate"] == "https://w3id.org/rekg/ontology#subsidiaryOf"
    assert int(edge["evidenceCount"]) == 1
    assert list(graph.successors(HUAQI)) == [GUANGSHENG]
    assert {kind for _, kind in graph.nodes(data="kind")} == set(projection.kinds())


def check_gexf_structure(data: bytes) -> None:
    """GEXF 1.2 as the schema has it: the namespace and version, attributes declared per class with types, every
    value for a declared attribute of its class, unique node and edge ids, edges between declared nodes."""
    root = ET.fromstring(data)
    assert root.tag == f"{GEXF_NS}gexf" and root.get("version") == "1.2"
    graph = root.find(f"{GEXF_NS}graph")
    assert graph is not None and graph.get("defaultedgetype") == "directed"
    declared: dict[str, dict[str, str]] = {}
    for block in graph.findall(f"{GEXF_NS}attributes"):
        declared[block.get("class", "")] = {a.get("id", ""): a.get("type", "") for a in block}
    assert set(declared) == {"node", "edge"}
    assert {t for types in declared.values() for t in types.values()} <= {
        "string",
        "long",
        "integer",
        "double",
    }
    nodes = graph.findall(f"{GEXF_NS}nodes/{GEXF_NS}node")
    edges = graph.findall(f"{GEXF_NS}edges/{GEXF_NS}edge")
    node_ids = [n.get("id") for n in nodes]
    assert len(set(node_ids)) == len(node_ids) and all(n.get("label") for n in nodes)
    edge_ids = [e.get("id") for e in edges]
    assert len(set(edge_ids)) == len(edge_ids)
    assert all(e.get("source") in set(node_ids) and e.get("target") in set(node_ids) for e in edges)
    for kind, elements in (("node", nodes), ("edge", edges)):
        for element in elements:
            for value in element.iter(f"{GEXF_NS}attvalue"):
                assert value.get("for") in declared[kind]


# ---- rekg export -----------------------------------------------------------------------------------------


def test_graphml_export_parses_back_with_labels_kinds_and_evidence(
    built_store_dir: Path, projection: EntityGraph, tmp_path: Path
) -> None:
    output = tmp_path / "rekg.graphml"
    result = rekg("export", "--format", "graphml", "-o", output, "--store", built_store_dir)
    assert result.exit_code == 0, result.output
    check_network(nx.read_graphml(output), projection)


def test_gexf_export_is_gexf_1_2_and_parses_back(
    built_store_dir: Path, projection: EntityGraph, tmp_path: Path
) -> None:
    output = tmp_path / "rekg.gexf"
    result = rekg("export", "--format", "gexf", "-o", output, "--store", built_store_dir)
    assert result.exit_code == 0, result.output
    check_gexf_structure(output.read_bytes())
    check_network(nx.read_gexf(output), projection)


def test_gexf_labels_in_english(built_store_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "rekg.gexf"
    result = rekg("export", "-f", "gexf", "--lang", "en", "-o", output, "--store", built_store_dir)
    assert result.exit_code == 0, result.output
    assert nx.read_gexf(output).nodes[CREG]["label"] == "China Rare Earth Group Co., Ltd."


def test_csv_export_writes_both_tables_to_a_folder(
    built_store_dir: Path, projection: EntityGraph, relation_row_count: int, tmp_path: Path
) -> None:
    folder = tmp_path / "tables"
    result = rekg("export", "--format", "csv", "-o", folder, "--store", built_store_dir)
    assert result.exit_code == 0, result.output
    entities_bytes = (folder / "entities.csv").read_bytes()
    assert not entities_bytes.startswith(b"\xef\xbb\xbf")  # no byte-order mark unless asked for
    entities = list(csv.DictReader(io.StringIO(entities_bytes.decode("utf-8"), newline="")))
    assert len(entities) == len(projection)
    creg = next(row for row in entities if row["iri"] == CREG)
    assert creg["kind"] == "group" and creg["zh-Hant"] == "中國稀土集團有限公司"
    assert creg["en"] == "China Rare Earth Group Co., Ltd."  # a comma inside, quoted and read back whole
    assert {"CREG", "中稀集团", "中国稀土集团"} <= set(creg["aliases"].split(" | "))
    text = (folder / "relations.csv").read_text(encoding="utf-8")
    relations = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(relations) == relation_row_count
    row = next(r for r in relations if r["subject"] == HUAQI and r["relation"] == "subsidiaryOf")
    assert (row["object"], row["object_zh-Hans"]) == (GUANGSHENG, "广晟有色金属股份有限公司")
    assert row["subject_zh-Hans"] == "华企公司" and "华企公司" in row["evidence"]
    assert row["document"] == REPORT and row["document_title"]
    assert float(row["confidence"]) > 0


def test_csv_one_table_with_a_byte_order_mark(built_store_dir: Path, relation_row_count: int) -> None:
    result = rekg("export", "-f", "csv", "--table", "relations", "--bom", "--store", built_store_dir)
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["subject", "subject_zh-Hans", "subject_en"]
    assert len(rows) == relation_row_count + 1


def test_csv_to_stdout_needs_a_table(built_store_dir: Path) -> None:
    result = rekg("export", "-f", "csv", "--store", built_store_dir)
    assert result.exit_code == 1
    assert "--table" in result.stderr and not result.stdout


def test_unknown_table_or_language_leaves_the_output_alone(built_store_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.csv"
    output.write_text("precious", encoding="utf-8")
    for args in (("-f", "csv", "--table", "people"), ("-f", "gexf", "--lang", "fr")):
        result = rekg("export", *args, "-o", output, "--store", built_store_dir)
        assert result.exit_code == 1 and "error:" in result.stderr
    assert output.read_text(encoding="utf-8") == "precious"


def test_jsonld_export_refers_to_the_published_context_and_expands_to_the_same_quads(
    built_store_dir: Path, tmp_path: Path
) -> None:
    jsonld, nquads = tmp_path / "rekg.jsonld", tmp_path / "rekg.nq"
    for fmt, output in (("jsonld", jsonld), ("nquads", nquads)):
        assert rekg("export", "-f", fmt, "-o", output, "--store", built_store_dir).exit_code == 0
    document = json.loads(jsonld.read_text(encoding="utf-8"))
    assert document["@context"] == "https://w3id.org/rekg/context.jsonld"
    assert '"rek:' in jsonld.read_text(encoding="utf-8")  # compacted with the context's prefixes
    document["@context"] = jsonld_context()["@context"]  # what the URL serves, here without the network
    expanded = Dataset().parse(data=json.dumps(document), format="json-ld")
    reference = Dataset().parse(nquads, format="nquads")
    found, expected = quads(expanded), quads(reference)
    assert len(found) == len(expected)
    assert without_blank_nodes(found) == without_blank_nodes(expected)


def test_jsonld_context_inline(built_store_dir: Path) -> None:
    result = rekg("export", "-f", "jsonld", "--context", "inline", "--store", built_store_dir)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["@context"] == jsonld_context()["@context"]


# ---- /api/export -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "media", "filename"),
    [
        ("format=graphml", "application/graphml+xml", "rekg.graphml"),
        ("format=gexf", "application/gexf+xml", "rekg.gexf"),
        ("format=csv&table=entities", "text/csv; charset=utf-8", "rekg-entities.csv"),
        ("format=csv&table=relations", "text/csv; charset=utf-8", "rekg-relations.csv"),
        ("format=jsonld", "application/ld+json", "rekg.jsonld"),
        ("format=nquads", "application/n-quads", "rekg.nq"),
        ("format=turtle", "text/turtle; charset=utf-8", "rekg.ttl"),
    ],
)
def test_api_export_sends_a_file_with_its_type_and_name(
    client: httpx.Client, query: str, media: str, filename: str
) -> None:
    response = client.get(f"/api/export?{query}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media
    assert response.headers["content-disposition"] == f'attachment; filename="{filename}"'
    assert response.content


def test_api_network_exports_parse_back(
    client: httpx.Client, projection: EntityGraph, tmp_path: Path
) -> None:
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"rekg.{fmt}"
        path.write_bytes(client.get("/api/export", params={"format": fmt}).content)
        check_network(read(path), projection)
    check_gexf_structure((tmp_path / "rekg.gexf").read_bytes())


def test_api_csv_with_a_byte_order_mark(client: httpx.Client, projection: EntityGraph) -> None:
    response = client.get("/api/export", params={"format": "csv", "table": "entities", "bom": "true"})
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(projection)
    assert next(r for r in rows if r["iri"] == CREG)["zh-Hans"] == "中国稀土集团有限公司"


def test_api_jsonld_refers_to_the_served_context_and_expands_to_the_same_quads(client: httpx.Client) -> None:
    context = client.get("/context.jsonld")
    assert context.status_code == 200
    assert context.headers["content-type"] == "application/ld+json"
    assert context.json() == jsonld_context()
    document = client.get("/api/export", params={"format": "jsonld"}).json()
    assert document["@context"] == str(client.base_url).rstrip("/") + "/context.jsonld"
    # rdflib fetches the context from the server (loopback) to expand the document
    expanded = Dataset().parse(data=json.dumps(document), format="json-ld")
    reference = Dataset().parse(data=client.get("/api/export?format=nquads").content, format="nquads")
    found, expected = quads(expanded), quads(reference)
    assert len(found) == len(expected) > 0
    assert without_blank_nodes(found) == without_blank_nodes(expected)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("format=xlsx", "unknown export format 'xlsx'"),
        ("format=csv", "CSV holds one table"),
        ("format=csv&table=people", "CSV holds one table"),
        ("format=gexf&lang=fr", "unknown label language 'fr'"),
    ],
)
def test_api_export_of_a_bad_request_is_a_400_with_a_message(
    client: httpx.Client, query: str, message: str
) -> None:
    response = client.get(f"/api/export?{query}")
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]
