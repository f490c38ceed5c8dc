"""``rekg owners``, ``rekg path`` and ``rekg rank`` on the seed build, through typer's CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from rekg.cli import app
from rekg.graph.projection import EntityGraph
from rekg.graph.store import QuadStore

ID = "https://w3id.org/rekg/id/"
CREG = ID + "group/china-rare-earth-group"
LIANGSHAN = ID + "company/liangshan-rare-earth"
GUANGSHENG = ID + "company/guangsheng-nonferrous-metals"
HUAQI = ID + "company/hua-qi-gong-si"
CHINALCO = ID + "group/chinalco"
REPORT = ID + "document/creg-csr-2024-zh-txt"

runner = CliRunner()


def rekg(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "240"})


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def projection(built_store: QuadStore) -> EntityGraph:
    return EntityGraph.from_store(built_store)


def children(node: dict[str, Any], key: str) -> dict[str, dict[str, Any]]:
    return {child["iri"]: child for child in node[key]}


# ---- owners ----------------------------------------------------------------------------------------------


def test_owners_of_china_rare_earth_group(built_store_dir: Path) -> None:
    tree = as_json(rekg("owners", "中国稀土集团有限公司", "--json", "--store", built_store_dir))
    assert tree["entity"]["iri"] == CREG and tree["owners"]["iri"] == CREG
    # above: the groups whose rare-earth assets were merged into it, as shareholders, each with its sentence
    above = children(tree["owners"], "owners")
    assert CHINALCO in above and ID + "group/china-minmetals" in above
    link = above[CHINALCO]["relations"]
    assert [r["relation"] for r in link] == ["shareholderOf"]
    assert (
        "中国铝业集团" in link[0]["evidence"][0]["sentence"] and link[0]["evidence"][0]["document"] == REPORT
    )
    assert CHINALCO in {owner["iri"] for owner in tree["ultimateOwners"]}
    # below: subsidiaries, and theirs (广晟有色 → 华企公司), each link with its evidence
    below = children(tree["holdings"], "holdings")
    assert {LIANGSHAN, GUANGSHENG} <= set(below)
    assert all(r["relation"] == "subsidiaryOf" for child in below.values() for r in child["relations"])
    huaqi = children(below[GUANGSHENG], "holdings")[HUAQI]
    assert "华企公司" in huaqi["relations"][0]["evidence"][0]["sentence"]
    assert huaqi["labels"]["zh-Hans"] == "华企公司" and huaqi["kind"] == "company"


def test_owners_up_two_levels_from_a_short_name(built_store_dir: Path) -> None:
    tree = as_json(rekg("owners", "凉山稀土", "--json", "--store", built_store_dir))
    assert tree["entity"]["iri"] == LIANGSHAN
    parents = children(tree["owners"], "owners")
    assert CREG in parents
    assert CHINALCO in children(parents[CREG], "owners")  # the parent's shareholders, a level higher
    assert CHINALCO in {owner["iri"] for owner in tree["ultimateOwners"]}


def test_owners_depth_limits_the_tree(built_store_dir: Path) -> None:
    tree = as_json(rekg("owners", "中国稀土集团", "--depth", "1", "--json", "--store", built_store_dir))
    below = children(tree["holdings"], "holdings")
    assert GUANGSHENG in below and below[GUANGSHENG]["holdings"] == []


def test_owners_table(built_store_dir: Path) -> None:
    result = rekg("owners", "中国稀土集团", "--store", built_store_dir)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "中国稀土集团有限公司" in text and "China Rare Earth Group" in text
    lines = text.splitlines()
    up = next(i for i, line in enumerate(lines) if "中国铝业集团有限公司" in line and "↑1" in line)
    centre = next(i for i, line in enumerate(lines) if line.startswith("│ 0 "))
    down = next(i for i, line in enumerate(lines) if "华企公司" in line and "↓2" in line)
    assert up < centre < down  # owners above the entity, holdings below
    assert "shareholderOf" in lines[up] and "subsidiaryOf" in lines[down]
    assert "ultimate owners" in text


# ---- path ------------------------------------------------------------------------------------------------


def test_path_between_two_subsidiaries_with_evidence(built_store_dir: Path) -> None:
    found = as_json(rekg("path", "凉山稀土", "广晟有色", "--json", "--store", built_store_dir))
    assert found["from"]["iri"] == LIANGSHAN and found["to"]["iri"] == GUANGSHENG
    best = found["paths"][0]
    assert best["length"] == 2
    assert [node["iri"] for node in best["nodes"]] == [LIANGSHAN, CREG, GUANGSHENG]
    first, second = best["hops"]
    assert first["edges"][0]["relation"] == "subsidiaryOf" and first["edges"][0]["direction"] == "forward"
    assert (
        second["edges"][0]["direction"] == "backward"
    )  # 广晟有色 subsidiaryOf 中国稀土集团, walked downwards
    for hop in best["hops"]:
        for edge in hop["edges"]:
            assert edge["evidence"] and all(
                item["sentence"] and item["document"] for item in edge["evidence"]
            )


def test_path_table_shows_each_hop_and_its_sentence(built_store_dir: Path) -> None:
    result = rekg("path", "华企公司", "中国稀土集团", "--store", built_store_dir)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "path 1 of 1: 2 hops" in text
    assert "广晟有色所属华企公司抗洪抢险" in text  # the evidence sentence of the first hop
    assert "→ subsidiaryOf" in text


def test_no_connection_is_exit_code_1(built_store_dir: Path, projection: EntityGraph) -> None:
    alone = sorted(n for n in projection.graph if projection.degree(n) == 0)[0]
    result = rekg("path", CREG, alone, "--json", "--store", built_store_dir)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["paths"] == []
    result = rekg("path", CREG, alone, "--store", built_store_dir)
    assert result.exit_code == 1 and "no connection between 中国稀土集团有限公司" in result.stdout


# ---- rank ------------------------------------------------------------------------------------------------


def test_rank_companies_by_degree(built_store_dir: Path, projection: EntityGraph) -> None:
    ranked = as_json(rekg("rank", "--type", "company", "--limit", "15", "--json", "--store", built_store_dir))
    assert ranked["measure"] == "degree" and ranked["types"] == ["company"]
    items = ranked["entities"]
    assert len(items) == 15 and [item["rank"] for item in items] == list(range(1, 16))
    assert {item["kind"] for item in items} == {"company"}
    companies = [n for n, kind in projection.graph.nodes(data="kind") if kind == "company"]
    assert items[0]["degree"] == max(projection.degree(n) for n in companies)
    keys = [(-item["degree"], item["iri"]) for item in items]
    assert keys == sorted(keys)  # by degree, ties by IRI
    for item in items:
        assert item["degree"] == projection.degree(item["iri"]) == sum(item["relations"].values())
        assert item["labels"]["zh-Hans"]


def test_rank_of_several_kinds_and_the_table(built_store_dir: Path) -> None:
    ranked = as_json(
        rekg("rank", "--type", "group,company", "--limit", "3", "--json", "--store", built_store_dir)
    )
    assert [item["iri"] for item in ranked["entities"][:2]] == [CHINALCO, CREG]
    result = rekg("rank", "--type", "group", "--limit", "2", "--store", built_store_dir)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("│ ")]
    assert len(lines) == 2 and "中国铝业集团有限公司" in lines[0] and "中国稀土集团有限公司" in lines[1]


def test_rank_in_a_real_process(built_store_dir: Path) -> None:
    args = ["rank", "--type", "group", "--limit", "2", "--json", "--store", str(built_store_dir)]
    done = subprocess.run(
        [sys.executable, "-m", "rekg.cli", *args], capture_output=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    ranked = json.loads(done.stdout.decode("utf-8"))
    assert [item["iri"] for item in ranked["entities"]] == [CHINALCO, CREG]


def test_rank_of_an_unknown_type_is_an_error(built_store_dir: Path) -> None:
    result = rekg("rank", "--type", "companies", "--store", built_store_dir)
    assert result.exit_code == 1 and "unknown type 'companies'" in result.stderr


# ---- names that are not found ----------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["owners", "华能集团"], ["path", "凉山稀土", "华能集团"]])
def test_a_name_with_no_hit_is_an_error_with_suggestions(built_store_dir: Path, command: list[str]) -> None:
    result = rekg(*command, "--store", built_store_dir)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith("error: no entity is named '华能集团'; did you mean: 华润集团")
    assert not result.stdout


def test_a_name_with_no_hit_in_json(built_store_dir: Path) -> None:
    result = rekg("owners", "华能集团", "--json", "--store", built_store_dir)
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert error["query"] == "华能集团"
    assert error["suggestions"][0]["labels"]["zh-Hans"] == "华润集团"
    assert all(s["suggestion"] for s in error["suggestions"])
