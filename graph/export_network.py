"""Exports for Gephi and spreadsheets, from the networkx projection (:mod:`rekg.graph.projection`).

- **GraphML** and **GEXF** (networkx writes GEXF 1.2): one node per entity, ``label`` set to its name (so
  Gephi shows a name), ``kind`` and its names in ``zh_Hans``, ``zh_Hant`` and ``en``; one edge per fact,
  ``relation`` (the property's local name, also the edge ``label``), ``predicate`` (its IRI), and the best
  evidence — ``evidence`` (the sentence), ``document`` (the source document's IRI), ``documentTitle`` —
  with ``evidenceCount`` saying how many sentences state it. Gephi colours and filters by ``kind`` and
  ``relation``.
- **CSV**: an ``entities`` table (IRI, kind, zh-Hans, zh-Hant, en, aliases) and a ``relations`` table (one
  row per fact and evidence sentence: subject, predicate, object with their names, the sentence, the source
  document), written by the csv module, UTF-8, with a byte-order mark on request (for Excel).

Inverse properties are folded into their forward form, as in the projection (``hasSubsidiary`` is exported
as ``subsidiaryOf`` read the other way).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

from rekg.errors import RekgError
from rekg.graph.projection import EntityGraph
from rekg.graph.store import QuadStore

if TYPE_CHECKING:
    import networkx as nx

NETWORK_FORMATS = ("graphml", "gexf")
CSV_TABLES = ("entities", "relations")
#: Label languages and the attribute each is exported as (XML- and Gephi-friendly names).
LANGUAGE_ATTRIBUTES = {"zh-Hans": "zh_Hans", "zh-Hant": "zh_Hant", "en": "en"}
#: The name shown by Gephi (``label``), in the first language present.
LABEL_LANGUAGES = {"zh": ("zh-Hans", "zh-Hant", "en"), "en": ("en", "zh-Hans", "zh-Hant")}
ALIAS_SEPARATOR = " | "

ENTITY_COLUMNS = ("iri", "kind", "zh-Hans", "zh-Hant", "en", "aliases")
RELATION_COLUMNS = (
    "subject", "subject_zh-Hans", "subject_en", "predicate", "relation", "object", "object_zh-Hans",
    "object_en", "evidence", "document", "document_title", "confidence",
)  # fmt: skip

_ALIASES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?e ?alias WHERE { ?e a ?type ; skos:altLabel ?alias }
"""


def aliases(store: QuadStore) -> dict[str, list[str]]:
    """Every entity's ``skos:altLabel`` names, sorted."""
    found: dict[str, set[str]] = {}
    for row in store.query(_ALIASES):
        entity, alias = row  # type: ignore[misc]
        found.setdefault(str(entity), set()).add(str(alias))
    return {iri: sorted(names) for iri, names in found.items()}


def display_name(labels: dict[str, str], iri: str, language: str = "zh") -> str:
    """The entity's name in ``language`` (zh or en), else in another, else its IRI."""
    for tag in LABEL_LANGUAGES.get(language, LABEL_LANGUAGES["zh"]):
        if labels.get(tag):
            return labels[tag]
    return iri


def network(
    projection: EntityGraph, *, language: str = "zh", nodes: Collection[str] | None = None
) -> nx.MultiDiGraph:
    """The projection — or the part of it among ``nodes`` (entity IRIs) — with plain (string and number)
    attributes only, as GraphML and GEXF hold them."""
    if language not in LABEL_LANGUAGES:
        raise RekgError(f"unknown label language {language!r}; use zh or en")
    import networkx as nx  # when first needed: not at start-up

    out = nx.MultiDiGraph(name="rekg")
    for iri, data in projection.graph.nodes(data=True):
        if nodes is not None and iri not in nodes:
            continue
        labels: dict[str, str] = data["labels"]
        attributes: dict[str, Any] = {"label": display_name(labels, iri, language), "kind": data["kind"]}
        for tag, attribute in LANGUAGE_ATTRIBUTES.items():
            if labels.get(tag):
                attributes[attribute] = labels[tag]
        out.add_node(iri, **attributes)
    for edge in projection.edges(nodes):
        attributes = {
            "id": edge.key,
            "label": edge.name,
            "relation": edge.name,
            "predicate": edge.relation,
            "evidenceCount": len(edge.evidence),
        }
        best = edge.evidence[0] if edge.evidence else None
        if best is not None:
            for name, value in (
                ("evidence", best.sentence),
                ("document", best.document),
                ("documentTitle", best.title),
            ):
                if value is not None:  # neither writer takes None; an absent value is simply not written
                    attributes[name] = value
        out.add_edge(edge.source, edge.target, key=edge.name, **attributes)
    return out


def write_network(projection: EntityGraph, fmt: str, destination: BinaryIO, *, language: str = "zh") -> None:
    """Write GraphML or GEXF 1.2 (UTF-8) to a binary stream."""
    import networkx as nx

    graph = network(projection, language=language)
    if fmt == "graphml":
        nx.write_graphml(graph, destination, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(graph, destination, encoding="utf-8", version="1.2draft")
    else:
        raise RekgError(f"unknown network format {fmt!r}; use one of {', '.join(NETWORK_FORMATS)}")


def entity_rows(projection: EntityGraph, names: dict[str, list[str]]) -> Iterator[tuple[str, ...]]:
    """The entities table, a header then one row per entity (by IRI)."""
    yield ENTITY_COLUMNS
    for iri in sorted(projection.graph):
        labels = projection.labels(iri)
        yield (
            iri,
            projection.kind(iri),
            labels.get("zh-Hans", ""),
            labels.get("zh-Hant", ""),
            labels.get("en", ""),
            ALIAS_SEPARATOR.join(names.get(iri, ())),
        )


def relation_rows(projection: EntityGraph) -> Iterator[tuple[str, ...]]:
    """The relations table, a header then one row per fact and evidence sentence (a fact nobody stated in a
    document, such as a curated one, has one row with the evidence columns empty)."""
    yield RELATION_COLUMNS
    for edge in sorted(projection.edges(), key=lambda e: e.key):
        source, target = projection.labels(edge.source), projection.labels(edge.target)
        fact = (
            edge.source,
            source.get("zh-Hans", ""),
            source.get("en", ""),
            edge.relation,
            edge.name,
            edge.target,
            target.get("zh-Hans", ""),
            target.get("en", ""),
        )
        for item in edge.evidence or (None,):
            if item is None:
                yield (*fact, "", "", "", "")
                continue
            confidence = "" if item.confidence is None else f"{item.confidence:g}"
            yield (*fact, item.sentence or "", item.document or "", item.title or "", confidence)


def write_csv(
    projection: EntityGraph,
    table: str,
    destination: BinaryIO,
    *,
    names: dict[str, list[str]] | None = None,
    bom: bool = False,
) -> None:
    """Write one table as CSV (RFC 4180 quoting by the csv module, CRLF line ends), UTF-8, with a byte-order
    mark when ``bom`` (Excel then reads it as UTF-8)."""
    if table not in CSV_TABLES:
        raise RekgError(f"unknown CSV table {table!r}; use one of {', '.join(CSV_TABLES)}")
    rows = entity_rows(projection, names or {}) if table == "entities" else relation_rows(projection)
    text = io.TextIOWrapper(destination, encoding="utf-8-sig" if bom else "utf-8", newline="")
    try:
        csv.writer(text).writerows(rows)
    finally:
        text.flush()
        text.detach()  # leave the caller's stream open
