"""The ``rekg`` command, through typer's CliRunner on copies of the built store (and a real process or two)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner, Result

from rekg.cli import app
from rekg.graph.store import open_store

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"

NEW_DOCUMENT = (
    "# 测试稀土公司简介\n\n"
    "测试稀土有限公司（以下简称“测试稀土”）是中国稀土集团有限公司的下属企业，位于江西省赣州市。\n"
    "测试稀土有限公司与厦门钨业股份有限公司签署战略合作协议。\n"
)
CHANGED_DOCUMENT = (
    "# 样例稀土公司简介\n\n样例稀土有限公司是中国稀土集团有限公司的下属企业，位于江西省赣州市。\n"
)

runner = CliRunner()


def rekg(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def store_dir(built_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built store shared by the read-only commands of this module."""
    target = tmp_path_factory.mktemp("cli") / "store"
    shutil.copytree(built_store_dir, target)
    return target


@pytest.fixture()
def writable_store_dir(built_store_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(built_store_dir, target)
    return target


@pytest.fixture(scope="module")
def store_counts(store_dir: Path) -> tuple[int, int]:
    """(quads, distinct triples of the union) of the copy, asked of the store itself."""
    with open_store(store_dir, read_only=True) as store:
        quads = store.counts().quads
        distinct = store.query(
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
        )
        return quads, int(next(iter(distinct))[0])  # type: ignore[index, call-overload]


def quad_count(directory: Path) -> int:
    with open_store(directory, read_only=True) as store:
        return store.counts().quads


def assert_one_line_error(result: Result, *, code: int = 1) -> str:
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit)  # no other exception escaped
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


# ---- query ---------------------------------------------------------------------------------------------


def json_count(store_dir: Path, sparql: str = COUNT) -> int:
    result = rekg("query", sparql, "--format", "json", "--store", store_dir)
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"])


def test_query_prints_a_table(store_dir: Path) -> None:
    result = rekg("query", COUNT, "--store", store_dir)
    assert result.exit_code == 0, result.output
    assert str(json_count(store_dir)) in result.stdout
    assert "1 row" in result.stdout


def test_query_as_json(store_dir: Path, store_counts: tuple[int, int]) -> None:
    result = rekg("query", COUNT, "--format", "json", "--store", store_dir)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["head"]["vars"] == ["n"]
    assert int(answer["results"]["bindings"][0]["n"]["value"]) > 0
    # the default graph is the union of the named graphs (DISTINCT: Oxigraph's union keeps duplicates)
    distinct = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    assert json_count(store_dir, distinct) == store_counts[1]
    assert json_count(store_dir, QUADS) == store_counts[0]


def test_query_as_csv(store_dir: Path) -> None:
    result = rekg("query", COUNT, "-f", "csv", "--store", store_dir)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["n"]
    assert int(rows[1][0]) > 0
    assert int(rows[1][0]) == json_count(store_dir)


def test_query_as_tsv(store_dir: Path) -> None:
    result = rekg("query", COUNT, "-f", "tsv", "--store", store_dir)
    assert result.exit_code == 0, result.output
    header, value = result.stdout.splitlines()[:2]
    assert header == "?n"
    assert value.endswith("^^<http://www.w3.org/2001/XMLSchema#integer>")
    assert int(value.split('"')[1]) > 0


def test_query_with_chinese_labels_as_csv(store_dir: Path) -> None:
    sparql = (
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        'SELECT ?e WHERE { ?e skos:prefLabel "中国稀土集团有限公司"@zh-Hans }'
    )
    result = rekg("query", sparql, "-f", "csv", "--store", store_dir)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["e"] and len(rows) >= 2
    assert rows[1][0].startswith("https://w3id.org/rekg/id/")


def test_ask_and_construct(store_dir: Path) -> None:
    ask = rekg("query", "ASK { ?s a <https://w3id.org/rekg/ontology#Company> }", "--store", store_dir)
    assert ask.exit_code == 0, ask.output
    assert ask.stdout.strip() == "true"
    construct = rekg(
        "query",
        "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 5",
        "--store",
        store_dir,
    )
    assert construct.exit_code == 0, construct.output
    assert len(Graph().parse(data=construct.stdout, format="turtle")) == 5


def test_query_from_a_file(store_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "count.rq"
    path.write_text("# how many triples\n" + COUNT + "\n", encoding="utf-8")
    result = rekg("query", path, "-f", "csv", "--store", store_dir)
    assert result.exit_code == 0, result.output
    assert int(result.stdout.splitlines()[1]) > 0


def test_a_missing_query_file_is_an_error(store_dir: Path, tmp_path: Path) -> None:
    result = rekg("query", tmp_path / "nope.rq", "--store", store_dir)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert " ".join(result.stderr.split()).startswith("error: no query file at")  # a long path may wrap


def test_a_malformed_query_is_a_one_line_error(store_dir: Path) -> None:
    line = assert_one_line_error(rekg("query", "SELEC ?s WHERE { ?s ?p ?o }", "--store", store_dir))
    assert "malformed SPARQL" in line


def test_an_update_is_refused_and_changes_nothing(store_dir: Path) -> None:
    before = quad_count(store_dir)
    update = (
        "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/b> 1 } }"
    )
    assert_one_line_error(rekg("query", update, "--store", store_dir))
    assert_one_line_error(rekg("query", "DROP ALL", "--store", store_dir))
    assert quad_count(store_dir) == before


def test_a_missing_store_says_to_run_build(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    result = rekg("query", COUNT, "--store", missing)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    message = " ".join(result.stderr.split())  # rich may wrap a long path
    assert message.startswith("error: no store at")
    assert "`rekg build`" in message
    assert not missing.exists()


def test_a_long_error_is_still_one_line(tmp_path: Path) -> None:
    missing = tmp_path / ("a-rather-long-directory-name-" * 3) / "store"
    assert_one_line_error(rekg("stats", "--store", missing))


# ---- lookup --------------------------------------------------------------------------------------------


def test_lookup_json_finds_the_company_first(store_dir: Path) -> None:
    result = rekg("lookup", "凉山稀土", "--json", "--store", store_dir)
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert hits, "no hits"
    first = hits[0]
    assert first["kind"] == "company"
    assert first["labels"]["zh-Hans"] == "中稀(凉山)稀土有限公司"
    assert first["iri"].startswith("https://w3id.org/rekg/id/company/")
    assert {"iri", "kind", "labels", "altLabels", "score", "match", "matchedName", "suggestion"} <= set(first)
    assert first["suggestion"] is False
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_lookup_prints_a_table(store_dir: Path) -> None:
    result = rekg("lookup", "liangshan xitu", "--type", "company", "--store", store_dir)
    assert result.exit_code == 0, result.output
    assert "company" in result.stdout


def test_lookup_of_an_unknown_name_exits_1(store_dir: Path) -> None:
    result = rekg("lookup", "完全不存在的名字Qzxv", "--store", store_dir)
    assert result.exit_code == 1
    assert "no entity matches" in result.stdout
    assert "Traceback" not in result.output


def test_lookup_of_a_look_alike_exits_1_and_offers_it_as_a_suggestion(store_dir: Path) -> None:
    result = rekg("lookup", "华能集团", "--store", store_dir)
    assert result.exit_code == 1
    assert "no entity matches '华能集团'" in result.stdout
    assert "did you mean" in result.stdout and "华润集团" in result.stdout
    listed = json.loads(rekg("lookup", "华能集团", "--json", "--store", store_dir).stdout)
    assert listed and all(item["suggestion"] is True for item in listed)
    assert listed[0]["matchedName"] == "华润集团"


# ---- export, stats, validate ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "rdflib_format"), [("nquads", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")]
)
def test_export_of_a_dataset_parses_back_with_every_quad(
    store_dir: Path, store_counts: tuple[int, int], tmp_path: Path, fmt: str, rdflib_format: str
) -> None:
    output = tmp_path / f"graph.{fmt}"
    inline = (
        ["--context", "inline"] if fmt == "jsonld" else []
    )  # parsed without fetching the published context
    result = rekg("export", "--format", fmt, *inline, "-o", output, "--store", store_dir)
    assert result.exit_code == 0, result.output
    assert f"wrote {output}" in " ".join(result.stderr.split())
    dataset = Dataset()
    dataset.parse(output, format=rdflib_format)
    quads = [q for q in dataset.quads((None, None, None, None)) if q[3] != dataset.default_graph.identifier]
    assert len(quads) == store_counts[0]


def test_export_as_turtle_holds_the_union(
    store_dir: Path, store_counts: tuple[int, int], tmp_path: Path
) -> None:
    output = tmp_path / "graph.ttl"
    result = rekg("export", "--format", "turtle", "-o", output, "--store", store_dir)
    assert result.exit_code == 0, result.output
    graph = Graph().parse(output, format="turtle")
    assert len(graph) == store_counts[1]
    assert "@prefix rek: <https://w3id.org/rekg/ontology#>" in output.read_text(encoding="utf-8")


def test_export_to_stdout(store_dir: Path, store_counts: tuple[int, int]) -> None:
    result = rekg("export", "--store", store_dir)  # nquads by default
    assert result.exit_code == 0, result.output
    assert len([line for line in result.stdout.splitlines() if line.strip()]) == store_counts[0]


def test_export_of_an_unknown_format_is_an_error(store_dir: Path, tmp_path: Path) -> None:
    line = assert_one_line_error(
        rekg("export", "--format", "nope", "-o", tmp_path / "x.nq", "--store", store_dir)
    )
    assert "unknown export format" in line


def test_export_of_an_unknown_format_leaves_the_output_file_alone(store_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "graph.ttl"
    output.write_text("precious", encoding="utf-8")
    assert_one_line_error(rekg("export", "--format", "ttl", "-o", output, "--store", store_dir))
    assert output.read_text(encoding="utf-8") == "precious"


def test_stats_prints_the_counts(store_dir: Path, store_counts: tuple[int, int]) -> None:
    result = rekg("stats", "--store", store_dir)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert f"quads: {store_counts[0]}" in text
    assert "graphs: " in text and "entities: " in text
    assert "assertions: " in text and "documents: 5" in text
    assert "Company" in text
    assert "generated English names: " in text
    assert "with pinyin for a word the dictionary translates: 0/" in text  # the seed build


def test_validate_exits_0_on_the_built_graph(store_dir: Path) -> None:
    result = rekg("validate", "--store", store_dir)
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stdout


# ---- ingest --------------------------------------------------------------------------------------------


def test_ingest_skips_an_empty_file_and_binary_junk(writable_store_dir: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 12)
    before = quad_count(writable_store_dir)
    for path in (empty, junk):
        result = rekg("ingest", path, "--store", writable_store_dir)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        assert "skipped" in result.stdout
        assert path.name in result.stdout
    assert quad_count(writable_store_dir) == before


def test_ingesting_the_same_document_twice_changes_nothing(writable_store_dir: Path, tmp_path: Path) -> None:
    document = tmp_path / "ceshi-profile.zh.txt"
    document.write_text(NEW_DOCUMENT, encoding="utf-8")
    assert rekg("ingest", document, "--store", writable_store_dir).exit_code == 0
    with open_store(writable_store_dir, read_only=True) as store:
        first = set(store.quads())
    assert rekg("ingest", document, "--store", writable_store_dir).exit_code == 0
    with open_store(writable_store_dir, read_only=True) as store:
        second = set(store.quads())
    assert len(second) == len(first)
    assert second == first


def test_changing_a_document_replaces_its_facts(writable_store_dir: Path, tmp_path: Path) -> None:
    before = quad_count(writable_store_dir)
    document = tmp_path / "profile.zh.txt"
    document.write_text(NEW_DOCUMENT, encoding="utf-8")
    result = rekg("ingest", document, "--store", writable_store_dir)
    assert result.exit_code == 0, result.output
    assert "ok" in result.stdout
    assert quad_count(writable_store_dir) > before

    def has_label(name: str) -> bool:
        sparql = (
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            f'ASK {{ ?e skos:altLabel|skos:prefLabel ?l FILTER(STR(?l) = "{name}") }}'
        )
        with open_store(writable_store_dir, read_only=True) as store:
            return bool(store.query(sparql).askAnswer)

    assert has_label("测试稀土有限公司")
    document.write_text(CHANGED_DOCUMENT, encoding="utf-8")
    assert rekg("ingest", document, "--store", writable_store_dir).exit_code == 0
    assert not has_label("测试稀土有限公司")  # the old graph's unique name is gone
    assert has_label("样例稀土有限公司")
    with open_store(writable_store_dir, read_only=True) as store:
        names = [str(g) for g in store.graph_names() if "profile" in str(g)]
    assert names == ["https://w3id.org/rekg/id/document/profile-zh-txt"]  # one graph per document


# ---- a real process ------------------------------------------------------------------------------------


def test_the_module_runs_as_a_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rekg.cli", "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    for command in ("build", "ingest", "query", "lookup", "export", "stats", "validate", "serve"):
        assert command in result.stdout


def test_the_console_script_reports_errors_without_a_traceback(store_dir: Path) -> None:
    script = Path(sys.executable).with_name("rekg")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "rekg.cli"]
    result = subprocess.run(
        [*command, "query", "SELEC nothing", "--store", str(store_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: malformed SPARQL query")
    assert result.stdout == ""
