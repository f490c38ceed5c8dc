"""The analysis commands of ``rekg``: ``owners`` (the ownership tree), ``path`` (how two entities are connected,
with the evidence of every hop) and ``rank`` (the most connected entities).

They answer what the API's ownership and path routes answer, through the same code — names resolved as
:func:`rekg.api.routes_entities.resolve` resolves them, trees and paths built by
:class:`rekg.api.entities.Describer` over the networkx projection — as rich tables, or with ``--json`` the
same JSON the API serves. Registered on :data:`rekg.cli.app` when :mod:`rekg.cli` is imported.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from rekg.cli import StoreOption, app, console, opened, reports_errors
from rekg.errors import RekgError

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (the API's shape)")]
#: Suggestions listed in a "did you mean" error.
SUGGESTIONS = 5
#: Longest evidence sentence printed in a table cell (``--json`` has them whole).
SENTENCE_CHARS = 120


@contextmanager
def analysed(store: str | None) -> Iterator[tuple[Any, Any]]:
    """The name index and the describer (projection, vocabulary) over the store, opened read-only."""
    from rekg.api.entities import Describer
    from rekg.api.vocabulary import Vocabulary
    from rekg.graph.iri import IriMinter
    from rekg.graph.lookup import NameIndex
    from rekg.graph.projection import EntityGraph
    from rekg.settings import get_settings

    with opened(store, read_only=True) as handle:
        projection = EntityGraph.from_store(handle)
        describer = Describer(handle, projection, Vocabulary.load(), IriMinter(get_settings().base))
        yield NameIndex.from_store(handle), describer


def entity(name: str, index: Any, describer: Any, *, as_json: bool) -> str:
    """The entity a name (or an IRI, or ``kind/slug``) stands for: its best lookup hit. A name with no hit —
    nothing at or above the lookup floor — is an error that lists the suggestions ("did you mean")."""
    from rekg.api.problems import NameNotFoundError
    from rekg.api.routes_entities import resolve

    try:
        return resolve(name, index, describer)
    except NameNotFoundError as e:
        guesses = e.suggestions[:SUGGESTIONS]
        if as_json:
            _print_json({"error": {"message": str(e), "query": e.query, "suggestions": guesses}})
        listed = "; ".join(
            f"{_name(g['labels'], g['iri'])} / {g['labels'].get('en', '')} ({g['kind']}, {g['iri']})"
            for g in guesses
        )
        hint = f"; did you mean: {listed}" if listed else "; no similar name either"
        raise RekgError(f"{e}{hint}") from e


@app.command()
@reports_errors
def owners(
    name: Annotated[str, typer.Argument(help="A name (any script, pinyin), an IRI or kind/slug")],
    depth: Annotated[int, typer.Option(min=1, max=12, help="Levels up and down at most")] = 12,
    as_json: JsonOption = False,
    store: StoreOption = None,
) -> None:
    """The ownership tree (股权穿透): owners above — parents (subsidiaryOf) and shareholders (shareholderOf),
    up to the ultimate owners — and holdings below — subsidiaries and stakes — each link with its relation and
    evidence sentence. The graph holds no stake percentages as data: where a document gave one, it is in the
    evidence sentence."""
    with analysed(store) as (index, describer):
        iri = entity(name, index, describer, as_json=as_json)
        tree = describer.ownership(iri, max_depth=depth)
    if as_json:
        _print_json(tree)
        return
    table = Table("level", "中文", "English", "kind", "relation", "evidence", "document", title=_title(tree))
    rows = list(_flatten(tree["owners"], "owners", 0))
    for level, node in reversed(rows[1:]):
        _tree_row(table, f"↑{level}", level, node)
    _tree_row(table, "0", 0, tree["owners"])
    for level, node in list(_flatten(tree["holdings"], "holdings", 0))[1:]:
        _tree_row(table, f"↓{level}", level, node)
    console.print(table)
    tops = [_name(o["labels"], o["iri"]) for o in tree["ultimateOwners"]]
    console.print(escape(f"ultimate owners 最终控制方: {', '.join(tops) or '(none in the graph)'}"))


def _flatten(node: dict[str, Any], children: str, level: int) -> Iterator[tuple[int, dict[str, Any]]]:
    """Depth-first, each node with its level (0 for the entity itself)."""
    yield level, node
    for child in node[children]:
        yield from _flatten(child, children, level + 1)


def _tree_row(table: Table, mark: str, level: int, node: dict[str, Any]) -> None:
    relations = node["relations"]
    evidence = [item for relation in relations for item in relation["evidence"]]
    table.add_row(
        mark,
        escape("  " * level + _name(node["labels"], node["iri"]) + (" (cycle)" if node["cycle"] else "")),
        escape(node["labels"].get("en", "")),
        escape(node["kind"] or ""),
        escape(", ".join(r["relation"] for r in relations)),
        escape(_sentence(evidence)),
        escape(_document(evidence)),
    )


@app.command()
@reports_errors
def path(
    source: Annotated[str, typer.Argument(help="From: a name, an IRI or kind/slug")],
    target: Annotated[str, typer.Argument(help="To: a name, an IRI or kind/slug")],
    max_paths: Annotated[int, typer.Option(min=1, max=20, help="At most this many shortest paths")] = 5,
    max_length: Annotated[int, typer.Option(min=1, max=8, help="At most this many hops")] = 6,
    as_json: JsonOption = False,
    store: StoreOption = None,
) -> None:
    """How two entities are connected (查关系): the shortest paths, relations walked either way, each hop with
    its relation, direction and evidence sentence. Exit code 1 when they are not connected within
    --max-length hops."""
    with analysed(store) as (index, describer):
        start = entity(source, index, describer, as_json=as_json)
        end = entity(target, index, describer, as_json=as_json)
        found = describer.paths(start, end, max_paths=max_paths, max_length=max_length)
    if as_json:
        _print_json(found)
    else:
        names = {e["iri"]: _name(e["labels"], e["iri"]) for p in found["paths"] for e in p["nodes"]}
        for number, item in enumerate(found["paths"], 1):
            title = f"path {number} of {len(found['paths'])}: {item['length']} hop{'s' if item['length'] != 1 else ''}"
            table = Table("hop", "from", "relation", "to", "evidence", "document", title=title)
            for step, hop in enumerate(item["hops"], 1):
                for edge in hop["edges"]:
                    arrow = "→" if edge["direction"] == "forward" else "←"
                    table.add_row(
                        str(step),
                        escape(names[hop["from"]]),
                        escape(f"{arrow} {edge['relation']} ({edge['labels'].get('zh-Hans', '')})"),
                        escape(names[hop["to"]]),
                        escape(_sentence(edge["evidence"])),
                        escape(_document(edge["evidence"])),
                    )
            console.print(table)
    if not found["paths"]:
        if not as_json:
            ends = (_name(found[side]["labels"], found[side]["iri"]) for side in ("from", "to"))
            console.print(escape("no connection between {} and {} within {} hops".format(*ends, max_length)))
        raise typer.Exit(1)


@app.command()
@reports_errors
def rank(
    entity_type: Annotated[
        str | None,
        typer.Option("--type", help="Only these kinds, comma-separated: company, group, mine, policy …"),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="How many to list")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    store: StoreOption = None,
) -> None:
    """The most connected entities, by degree: the number of relation facts an entity takes part in, either
    way round, over the relation edges of the projection (subsidiaryOf, shareholderOf, partnerOf, operates,
    locatedIn, issuedBy, cites, party, …; a fact stated in both directions, such as hasSubsidiary and
    subsidiaryOf, counts once; each relation between two entities counts once however many sentences state
    it). Ties go to the IRI, in order. Entities with no relation are not listed."""
    from rekg.graph.lookup import KIND_ORDER

    kinds = [k.strip() for k in (entity_type or "").split(",") if k.strip()] or None
    unknown = [k for k in kinds or () if k not in KIND_ORDER]
    if unknown:
        raise RekgError(f"unknown type {unknown[0]!r}; use one of {', '.join(KIND_ORDER)}")
    with analysed(store) as (_, describer):
        projection = describer.projection
        items = []
        for iri in projection.ranked(kinds):
            degree = projection.degree(iri)
            if degree == 0 or len(items) == limit:
                break
            relations = Counter(e.name for e in (*projection.outgoing(iri), *projection.incoming(iri)))
            items.append({
                "rank": len(items) + 1,
                **describer.summary(iri),
                "degree": degree,
                "relations": dict(sorted(relations.items(), key=lambda kv: (-kv[1], kv[0]))),
            })  # fmt: skip
    if as_json:
        _print_json({"measure": "degree", "types": kinds, "entities": items})
        return
    table = Table(
        "#", "degree", "中文", "English", "kind", "relations", "IRI", title="most connected · 关联最多"
    )
    for item in items:
        table.add_row(
            str(item["rank"]),
            str(item["degree"]),
            escape(_name(item["labels"], item["iri"])),
            escape(item["labels"].get("en", "")),
            escape(item["kind"]),
            escape(", ".join(f"{name} {count}" for name, count in list(item["relations"].items())[:3])),
            escape(item["iri"]),
        )
    console.print(table)


def _name(labels: dict[str, str], iri: str) -> str:
    from rekg.graph.export_network import display_name
    from rekg.graph.text import visible

    return visible(display_name(labels, iri))


def _sentence(evidence: list[dict[str, Any]]) -> str:
    """The best evidence sentence, shortened for a cell, and how many more there are."""
    from rekg.graph.text import visible

    sentences = [item["sentence"] for item in evidence if item.get("sentence")]
    if not sentences:
        return ""
    first = " ".join(visible(sentences[0]).split())
    first = first if len(first) <= SENTENCE_CHARS else first[: SENTENCE_CHARS - 1] + "…"
    return first + (f" (+{len(sentences) - 1} more)" if len(sentences) > 1 else "")


def _document(evidence: list[dict[str, Any]]) -> str:
    from rekg.graph.text import visible

    for item in evidence:
        if item.get("document"):
            return visible(item.get("documentTitle") or item["document"])
    return ""


def _title(tree: dict[str, Any]) -> str:
    top = tree["entity"]
    return escape(f"股权结构 ownership: {_name(top['labels'], top['iri'])} / {top['labels'].get('en', '')}")


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
