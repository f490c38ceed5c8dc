"""Shared fixtures: the graph built once from the bundled seeds, and fresh stores."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from rekg.graph.iri import IriMinter
from rekg.graph.store import QuadStore, open_store


@pytest.fixture(scope="session")
def minter() -> IriMinter:
    return IriMinter()


@pytest.fixture(scope="session")
def extractor(minter: IriMinter):  # type: ignore[no-untyped-def]
    """The extraction pipeline (spaCy + tagger + curated registry), loaded once."""
    from rekg.ingest.pipeline import Extractor

    return Extractor.create(minter)


@pytest.fixture(scope="session")
def built_store_dir(tmp_path_factory: pytest.TempPathFactory, minter: IriMinter) -> Path:
    """An embedded store holding the graph built from seeds/ (closed, so servers can open it)."""
    from rekg.ingest.pipeline import Extractor, build_from_seeds

    directory = tmp_path_factory.mktemp("built") / "store"
    with open_store(directory) as store:
        reports = build_from_seeds(store, minter=minter, extractor=Extractor.create(minter))
    assert all(r.error is None for r in reports), [r.error for r in reports]
    return directory


@pytest.fixture()
def built_store_copy(built_store_dir: Path, tmp_path: Path) -> Iterator[QuadStore]:
    """A writable copy of the built store, for tests that change it."""
    target = tmp_path / "store"
    shutil.copytree(built_store_dir, target)
    with open_store(target) as store:
        yield store


@pytest.fixture(scope="session")
def built_store(built_store_dir: Path) -> Iterator[QuadStore]:
    """The built store, opened read-only (several readers may share it)."""
    with open_store(built_store_dir, read_only=True) as store:
        yield store
