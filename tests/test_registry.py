"""The registry of known names: the matcher a document reads with is built once per state of the registry and
sees every name the registry learns."""

from __future__ import annotations

import pickle

from rekg.graph.iri import IriMinter
from rekg.ingest.extraction import known_names
from rekg.ingest.linking import KnownEntity


def _known(name: str) -> KnownEntity:
    return KnownEntity(
        f"https://w3id.org/rekg/id/company/{len(name)}", "company", name, {name}, set(), False, (), ()
    )


def test_a_name_book_sees_what_the_registry_learns_and_documents_write_in_copies() -> None:
    registry = known_names(IriMinter())
    first = registry.name_book()
    assert first.matcher.kind("北岭测试稀土有限公司") is None
    first.learn("只在一篇文档里", "company")  # a document's own names stay in its copy
    assert registry.name_book().matcher.kind("只在一篇文档里") is None
    registry.add(_known("北岭测试稀土有限公司"))
    assert registry.name_book().matcher.kind("北岭测试稀土有限公司") == "company"


def test_a_registry_pickles_without_its_matcher() -> None:
    registry = known_names(IriMinter())
    registry.name_book()
    copy = pickle.loads(pickle.dumps(registry))
    assert copy._matcher is None
    assert copy.name_book().matcher.kind("中国稀土集团有限公司") == registry.name_book().matcher.kind(
        "中国稀土集团有限公司"
    )
