"""A document is known by its path relative to the ingest root: two files never share a graph, and the same
path ingested again replaces its graph (issue 12, points 2, 6, 8 and 9)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import URIRef

from rekg.graph.iri import IriMinter
from rekg.graph.store import QuadStore, open_store
from rekg.ingest.pipeline import Extractor, document_sources, ingest_files
from rekg.ingest.reading import read_document
from rekg.ontology import REK

TEXT = "中国稀土集团有限公司所属企业中稀(凉山)稀土有限公司运营牦牛坪稀土矿。\n"
OTHER = "北方稀土与包头市人民政府签署战略合作协议。\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def source_paths(store: QuadStore) -> dict[str, str]:
    """graph → the source path its document records."""
    rows = store.query(
        f"SELECT ?g ?path WHERE {{ GRAPH ?g {{ ?d a <{REK.SourceDocument}> ; <{REK.sourcePath}> ?path }} }}"
    )
    return {str(g): str(path) for g, path in rows}  # type: ignore[misc]


@pytest.fixture()
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with open_store(tmp_path / "store") as handle:
        yield handle


def ingest(store: QuadStore, extractor: Extractor, minter: IriMinter, *paths: Path, root: Path | None = None):  # type: ignore[no-untyped-def]
    return ingest_files(store, list(paths), root=root, minter=minter, extractor=extractor)


def test_names_with_one_slug_are_two_documents(
    tmp_path: Path, store: QuadStore, extractor: Extractor, minter: IriMinter
) -> None:
    folder = tmp_path / "docs"
    write(folder, "a b.txt", TEXT)
    write(folder, "a-b.txt", OTHER)
    reports = ingest(store, extractor, minter, folder)
    assert [(r.name, r.error) for r in reports] == [("a b.txt", None), ("a-b.txt", None)]
    assert sorted(source_paths(store).values()) == ["a b.txt", "a-b.txt"]
    assert len({r.graph for r in reports}) == 2


def test_files_of_one_name_in_two_folders_are_two_documents(
    tmp_path: Path, store: QuadStore, extractor: Extractor, minter: IriMinter
) -> None:
    folder = tmp_path / "docs"
    write(folder, "d1/report.txt", TEXT)
    write(folder, "d2/report.txt", OTHER)
    write(folder, ".hidden/report.txt", OTHER)
    write(folder, "MANIFEST.md", "| file | title |\n|---|---|\n")
    reports = ingest(store, extractor, minter, folder)
    assert [(r.name, r.error) for r in reports] == [("d1/report.txt", None), ("d2/report.txt", None)]
    assert sorted(source_paths(store).values()) == ["d1/report.txt", "d2/report.txt"]


def test_two_files_given_alone_with_one_name_are_refused_before_anything_is_written(
    tmp_path: Path, store: QuadStore, extractor: Extractor, minter: IriMinter
) -> None:
    first = write(tmp_path, "d1/report.txt", TEXT)
    second = write(tmp_path, "d2/report.txt", OTHER)
    reports = ingest(store, extractor, minter, first, second)
    assert all(r.error and "would both be the document report.txt" in r.error for r in reports)
    assert store.graph_names() == []
    reports = ingest(store, extractor, minter, first, second, root=tmp_path)
    assert [(r.name, r.error) for r in reports] == [("d1/report.txt", None), ("d2/report.txt", None)]


def test_the_same_path_ingested_again_replaces_its_graph(
    tmp_path: Path, store: QuadStore, extractor: Extractor, minter: IriMinter
) -> None:
    path = write(tmp_path, "news.txt", TEXT)
    (first,) = ingest(store, extractor, minter, path)
    write(tmp_path, "news.txt", OTHER)
    (second,) = ingest(store, extractor, minter, path)
    assert first.graph == second.graph
    assert list(source_paths(store).values()) == ["news.txt"]
    text = {str(o) for _, _, o, _ in store.quads(URIRef(second.graph)) if "北方稀土" in str(o)}
    assert text, "the graph holds the new version's facts"
    same = [Path("x/../news.txt"), tmp_path / "news.txt"]
    os.chdir(tmp_path)
    assert [s.identity for s in document_sources(same)] == ["news.txt"]  # one file named twice


def test_a_graph_held_by_another_path_is_not_taken(
    tmp_path: Path, store: QuadStore, extractor: Extractor, minter: IriMinter
) -> None:
    """A slug already taken in the store (by an earlier run) sends the new path to a graph of its own."""
    write(tmp_path, "one/a b.txt", TEXT)
    write(tmp_path, "two/a-b.txt", OTHER)
    (first,) = ingest(store, extractor, minter, tmp_path / "one")
    (second,) = ingest(store, extractor, minter, tmp_path / "two")
    assert first.graph != second.graph
    assert sorted(source_paths(store).values()) == ["a b.txt", "a-b.txt"]
    (again,) = ingest(store, extractor, minter, tmp_path / "two")
    assert again.graph == second.graph


@pytest.mark.parametrize("depth", [300, 5000])
def test_html_nested_at_any_depth_is_read(tmp_path: Path, depth: int) -> None:
    """lxml reads some 256 levels by default and 2,048 with its huge-tree option; deeper than that, the page's
    text is read without its structure, with a warning."""
    body = "<div>" * depth + "<p>中国稀土集团有限公司在赣州设立新公司。</p>" * 30 + "</div>" * depth
    path = write(tmp_path, "deep.html", f"<html><head><title>深</title></head><body>{body}</body></html>")
    document = read_document(path)
    assert document.text.count("中国稀土集团有限公司在赣州设立新公司。") == 30
    lost = [w for w in document.warnings if "the HTML parser read only" in w]
    assert bool(lost) == (depth > 2048)


def test_a_page_whose_article_is_a_small_part_of_its_text_gets_a_warning(tmp_path: Path) -> None:
    navigation = "".join(f"<li><a href='/{i}'>栏目{i} 稀土 行业 资讯 频道</a></li>" for i in range(300))
    article = (
        "<article><h1>北方稀土签约</h1>"
        + "<p>北方稀土与包头市人民政府签署战略合作协议，双方将在稀土新材料领域合作。</p>" * 3
    )
    page = f"<html><body><nav><ul>{navigation}</ul></nav>{article}</article><footer>{navigation}</footer></body></html>"
    document = read_document(write(tmp_path, "page.html", page))
    assert "北方稀土与包头市人民政府签署战略合作协议" in document.text
    assert any("of the page's text was kept as its article" in w for w in document.warnings)


def test_the_cli_shows_names_escaped_and_each_failure_as_one_line_on_stderr(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    write(folder, "good.txt", TEXT)
    write(folder, "evil\u202e\x1b[31mtxt.txt", "")
    (folder / "big.txt").write_bytes(b"x" * 2_100_000)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "rekg.cli",
            "ingest",
            str(folder),
            "--store",
            str(tmp_path / "s"),
            "--max-size",
            "2",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    )
    assert done.returncode == 2
    for stream in (done.stdout, done.stderr):
        assert "\u202e" not in stream and "\x1b[31m" not in stream
    assert "evil\\u202e\\u001b[31mtxt.txt" in done.stdout
    lines = done.stderr.strip().splitlines()
    assert lines == [
        "rekg: big.txt: skipped: big.txt is 2.1 MB, over the 2 MB limit for one document (a document is read "
        "and linked whole): split it, or raise the limit with --max-size 3",
        "rekg: evil\\u202e\\u001b[31mtxt.txt: skipped: evil\\u202e\\u001b[31mtxt.txt is empty",
    ]
