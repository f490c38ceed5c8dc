"""The industry's who's who in seeds/reference: a list that holds together, and recognition that uses it."""

from __future__ import annotations

import json

import pytest

from rekg.errors import ValidationError
from rekg.ingest.lexicon import KINDS
from rekg.ingest.model import DocumentText
from rekg.ingest.pipeline import Extractor
from rekg.ingest.reference import (
    KEYS,
    REFERENCE_DIR,
    parse_entry,
    read_entries,
    reference_entities,
    shared_aliases,
)


def test_the_list_is_large_and_every_entry_is_well_formed() -> None:
    entries = read_entries()
    assert len(entries) >= 400
    assert len({e.slug for e in entries}) == len(entries), "slugs are unique"
    assert {e.kind for e in entries} <= KINDS
    for path in REFERENCE_DIR.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            keys = list(json.loads(line))
            assert keys == [k for k in KEYS if k in keys], f"{path.name}: keys out of order in {keys}"


def test_no_alias_is_shared_unless_marked_ambiguous() -> None:
    assert shared_aliases(read_entries()) == {}


def test_ambiguous_and_former_government_names_do_not_link() -> None:
    by_slug = {e.slug: e for e in reference_entities()}
    for entry in read_entries():
        entity = by_slug.get(entry.slug)
        if entity is None:
            continue
        names = {*entity.names, entity.english, *entity.english_aliases}
        assert not names & set(entry.ambiguous), entry.slug
    disr = by_slug["disr"]  # a body renamed is another body: its former name is no alias
    assert "Department of Industry, Science, Energy and Resources" not in disr.english_aliases


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"slug": "Bad Slug", "kind": "company", "en": "X"}, "kebab-case"),
        ({"slug": "x", "kind": "place", "en": "X"}, "kind"),
        ({"slug": "x", "kind": "company"}, "needs an English or a Chinese name"),
        ({"slug": "x", "kind": "company", "en": "X", "tickers": ["LYC"]}, "EXCHANGE:CODE"),
        ({"slug": "x", "kind": "company", "en": "X", "website": "x.com"}, "unknown keys"),
    ],
)
def test_a_broken_entry_is_refused_with_its_place(entry: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_entry(entry, "test.jsonl:1")


def test_a_listed_name_is_found_and_linked_to_its_pinned_entity(extractor: Extractor) -> None:
    """A name of the list, in any script, links to the entry's IRI and carries its canonical names; the
    list's entities are not seeded: they appear when a document names them."""
    entry = next(e for e in reference_entities() if e.slug == "grirem-advanced-materials")
    for text, name in (
        ("有研稀土宣布扩产。", "r.zh.txt"),
        ("有研稀土宣佈擴產。", "r.zh-hant.txt"),
        ("GRIREM Advanced Materials Co., Ltd. said it would expand.", "r.en.txt"),
    ):
        facts = extractor.extract(DocumentText(name, text, "text/plain", "sha256:" + "0" * 64))
        found = [e for e in facts.entities if e.key.endswith("/grirem-advanced-materials")]
        assert found, (name, [e.canonical for e in facts.entities])
        assert found[0].canonical == entry.name
        assert entry.english in found[0].english_names | {entry.english}


def test_the_seed_graph_holds_no_entry_of_the_list() -> None:
    from rekg.graph.iri import IriMinter
    from rekg.ingest.lexicon import curated_entities
    from rekg.ingest.pipeline import seeds_graph

    graph = seeds_graph(IriMinter(), curated_entities())
    subjects = {str(s) for s in graph.subjects()}
    assert not any(s.endswith("/grirem-advanced-materials") for s in subjects)


def test_a_ministry_named_without_its_country_links_to_no_listed_body(extractor) -> None:  # type: ignore[no-untyped-def]
    """Brazil's Ministry of Mines and Energy is listed; Namibia's bears the same English name: the name alone
    is no evidence of which, so it links to neither (the body a document names is its own entity)."""
    from rekg.ingest.model import DocumentText

    facts = extractor.extract(
        DocumentText(
            "namibia.en.txt",
            "The Geological Survey of Namibia, a directorate of the Ministry of Mines and Energy, mapped it.",
            "text/plain",
            "sha256:" + "0" * 64,
        )
    )
    ministry = next(
        e for e in facts.entities if "Ministry of Mines and Energy" in {e.canonical, *e.english_names}
    )
    assert "brazil" not in ministry.key
