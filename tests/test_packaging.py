"""Packaging: the wheel holds one top-level package, ``rekg``, with its data files and the console script.

The wheel is built without build isolation, so nothing is downloaded: the build backend named in
pyproject.toml must already be installed. The build runs on a copy of the sources, so the working tree gets
no build/ or egg-info debris.
"""

from __future__ import annotations

import configparser
import importlib.metadata
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DOCUMENTS = sorted(p.name for p in (ROOT / "seeds" / "documents").glob("*.txt"))
PROJECT_PACKAGES = ("graph", "api", "ingest", "ontology", "seeds")
IGNORED = shutil.ignore_patterns(
    ".venv",
    ".git",
    "data",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".bench",
)


def unmet_build_requirements() -> list[str]:
    """The [build-system] requirements not installed here (a build without isolation needs them all)."""
    from packaging.requirements import Requirement

    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"][
        "requires"
    ]
    unmet = []
    for text in requires:
        requirement = Requirement(text)
        try:
            version = importlib.metadata.version(requirement.name)
        except importlib.metadata.PackageNotFoundError:
            unmet.append(f"{text} (not installed)")
            continue
        if version not in requirement.specifier:
            unmet.append(f"{text} (found {version})")
    return unmet


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    unmet = unmet_build_requirements()
    if unmet:
        pytest.skip(
            f"cannot build a wheel offline: the build backend is not installed in {sys.prefix}: "
            f"{', '.join(unmet)} (pip install them, then rerun)"
        )
    base = tmp_path_factory.mktemp("packaging")
    source, out = base / "src", base / "dist"
    shutil.copytree(ROOT, source, ignore=IGNORED)
    if importlib.util.find_spec("build") is not None:
        command = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o", str(out), str(source)]
    else:
        command = [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(source),
        ]
    result = subprocess.run(command, cwd=source, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    wheels = sorted(out.glob("rekg-*.whl"))
    assert len(wheels) == 1, list(out.iterdir())
    return wheels[0]


@pytest.fixture(scope="module")
def names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def dist_info(names: list[str], file_name: str) -> str:
    matches = [n for n in names if n.endswith(f".dist-info/{file_name}")]
    assert len(matches) == 1, matches
    return matches[0]


def test_everything_is_inside_the_rekg_package(names: list[str]) -> None:
    payload = [n for n in names if ".dist-info/" not in n]
    assert payload
    outside = [n for n in payload if not n.startswith("rekg/")]
    assert outside == []
    top_level = {n.split("/", 1)[0] for n in names}
    for package in (*PROJECT_PACKAGES, "tests", "bench"):
        assert package not in top_level
    assert not [n for n in names if "/" not in n]  # no top-level modules


def test_the_subpackages_are_there(names: list[str]) -> None:
    for module in (
        "rekg/__init__.py",
        "rekg/cli.py",
        "rekg/errors.py",
        "rekg/settings.py",
        "rekg/graph/store.py",
        "rekg/graph/embedded.py",
        "rekg/ingest/normalize.py",
        "rekg/ontology/namespace.py",
        "rekg/api/__init__.py",
        "rekg/seeds/__init__.py",
    ):
        assert module in names
    assert not [n for n in names if "/tests/" in n or n.endswith((".pyc", ".egg-info"))]


def test_the_data_files_are_inside(names: list[str]) -> None:
    for data in (
        "rekg/ontology/rekg.ttl",
        "rekg/ontology/shapes.ttl",
        "rekg/seeds/gazetteer.json",
        "rekg/seeds/readings.tsv",
        "rekg/seeds/glossary.tsv",
        "rekg/seeds/documents/MANIFEST.md",
        "rekg/seeds/reference/china.jsonl",
        "rekg/seeds/reference/world.jsonl",
        "rekg/seeds/reference/sites_bodies.jsonl",
    ):
        assert data in names
    assert len(SOURCE_DOCUMENTS) == 5
    packed = sorted(
        n.removeprefix("rekg/seeds/documents/") for n in names if n.startswith("rekg/seeds/documents/")
    )
    assert [n for n in packed if n.endswith(".txt")] == SOURCE_DOCUMENTS
    assert any(n.startswith("rekg/seeds/annotations/") and n.endswith(".json") for n in names)


def test_the_data_files_are_the_sources(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("rekg/ontology/rekg.ttl") == (ROOT / "ontology" / "rekg.ttl").read_bytes()
        gazetteer = json.loads(archive.read("rekg/seeds/gazetteer.json"))
    assert gazetteer == json.loads((ROOT / "seeds" / "gazetteer.json").read_text(encoding="utf-8"))


def test_the_console_script_is_rekg_cli_app(wheel: Path, names: list[str]) -> None:
    with zipfile.ZipFile(wheel) as archive:
        entry_points = archive.read(dist_info(names, "entry_points.txt")).decode("utf-8")
        top_level = archive.read(dist_info(names, "top_level.txt")).decode("utf-8")
        metadata = archive.read(dist_info(names, "METADATA")).decode("utf-8")
    parser = configparser.ConfigParser()
    parser.read_string(entry_points)
    assert dict(parser["console_scripts"]) == {"rekg": "rekg.cli:app"}
    assert top_level.split() == ["rekg"]
    assert "Name: rekg\n" in metadata


def test_the_wheel_imports_on_its_own_and_finds_its_data(wheel: Path, tmp_path: Path) -> None:
    """Unpacked and first on sys.path, the wheel's rekg is used (not the editable checkout) and works."""
    unpacked = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(unpacked)
    code = (
        "import rekg, rekg.graph.store, rekg.ontology, rekg.seeds\n"
        "from rekg.graph.naming import english_name\n"
        "print(rekg.__file__)\n"
        "print(rekg.ontology.ONTOLOGY_TTL.is_file(), rekg.seeds.GAZETTEER_JSON.is_file())\n"
        "print(english_name('方兴稀土有限公司'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(unpacked)},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    location, found, english = result.stdout.splitlines()
    assert Path(location).is_relative_to(unpacked)
    assert found == "True True"
    assert english == "Fangxing Rare Earth Co., Ltd."


def test_the_environment_has_no_stray_top_level_packages(tmp_path: Path) -> None:
    """Installed (editable), only ``rekg`` is importable: not ``graph``, ``api``, … from the checkout."""
    code = (
        "import importlib.util, json\n"
        f"names = {list(PROJECT_PACKAGES)!r} + ['cli', 'errors', 'settings']\n"
        "specs = {n: importlib.util.find_spec(n) for n in names}\n"
        "import rekg.graph, rekg.cli\n"
        "print(json.dumps({'stray': {n: s.origin for n, s in specs.items() if s is not None},\n"
        "                  'rekg.graph': rekg.graph.__file__}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout)
    from_this_project = {n: o for n, o in found["stray"].items() if o and Path(o).is_relative_to(ROOT)}
    assert from_this_project == {}
    assert Path(found["rekg.graph"]).resolve() == (ROOT / "graph" / "__init__.py").resolve()
