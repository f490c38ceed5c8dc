"""The reconciliation service's other answers: data extension (``extend=``) and its property proposals, the
suggest services for entities, types and properties, the entity flyout and the entity preview.

Every string that reaches HTML (flyout, preview) goes through the app's one Jinja environment
(:func:`rekg.api.rendering.templates`): escaped, its control and bidirectional characters shown as escapes.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Template

from rekg.api.problems import BadRequestError, NotFoundError
from rekg.api.reconcile import BatchTooLargeError, lookup_kinds, read_json
from rekg.api.reconcile_catalogue import PROPERTIES, Catalogue, ReconProperty, find_property
from rekg.api.rendering import templates

#: The most entities and properties one data extension request may ask for (beyond: a 413 / a 400).
MAX_EXTEND_IDS = 500
MAX_EXTEND_PROPERTIES = len(PROPERTIES) * 4
#: Suggestions a page holds without ``limit``, and at most; the deepest ``cursor``.
SUGGEST_PAGE = 10
MAX_SUGGEST_PAGE = 50
MAX_CURSOR = 500
#: Aliases a preview lists at most.
PREVIEW_ALIASES = 6

# -- data extension --------------------------------------------------------------------------------------------


def parse_extension(text: str) -> tuple[list[str], list[ReconProperty]]:
    """An ``extend=`` parameter: ``{"ids": [...], "properties": [{"id": ...}, ...]}``."""
    raw = read_json(text, "extend")
    if (
        not isinstance(raw, dict)
        or not isinstance(raw.get("ids"), list)
        or not isinstance(raw.get("properties"), list)
    ):
        raise BadRequestError('extend must be a JSON object {"ids": [...], "properties": [{"id": ...}, ...]}')
    ids, props = raw["ids"], raw["properties"]
    if not all(isinstance(i, str) for i in ids):
        raise BadRequestError("extend.ids must be a list of entity identifiers (strings)")
    if len(ids) > MAX_EXTEND_IDS:
        raise BatchTooLargeError(f"extend asks for {len(ids)} entities; at most {MAX_EXTEND_IDS} at once")
    if len(props) > MAX_EXTEND_PROPERTIES:
        raise BadRequestError(f"extend asks for {len(props)} properties; at most {MAX_EXTEND_PROPERTIES}")
    wanted = []
    for i, item in enumerate(props):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise BadRequestError(f"extend.properties[{i}] must be an object with an id (a string)")
        prop = find_property(item["id"])
        if prop is None:
            known = ", ".join(p.id for p in PROPERTIES)
            raise BadRequestError(f"unknown property {item['id'][:100]!r}; use one of {known}")
        wanted.append(prop)
    return ids, wanted


def extend(catalogue: Catalogue, ids: list[str], props: list[ReconProperty]) -> dict[str, Any]:
    """The data extension response: ``meta`` (one column per property, in the order asked) and ``rows``
    (each identifier's values; none for an identifier the graph does not know)."""
    meta = []
    for prop in props:
        column: dict[str, Any] = {"id": prop.id, "name": prop.name}
        if prop.entity_type is not None:
            column["type"] = catalogue.types[prop.entity_type].as_json({})
        meta.append(column)
    rows = {}
    for identifier in ids:
        iri = catalogue.entity_iri(identifier)
        rows[identifier] = {prop.id: values(catalogue, iri, prop) if iri else [] for prop in props}
    return {"meta": meta, "rows": rows}


def values(catalogue: Catalogue, iri: str, prop: ReconProperty) -> list[dict[str, Any]]:
    """An entity's values of a property: ``{"str": …}`` for text, ``{"id", "name"}`` for an entity."""
    if prop.id == "stockCode":
        return [{"str": code} for code in catalogue.codes.get(iri, ())]
    if prop.id in ("subsidiaryOf", "locatedIn"):
        others = catalogue.owners(iri) if prop.id == "subsidiaryOf" else catalogue.places(iri)
        return [{"id": catalogue.entity_id(o), "name": catalogue.name(o)} for o in others]
    if prop.id == "type":
        return [{"str": catalogue.type_of(iri).id}]
    language = {"name_zh": "zh-Hans", "name_zh_hant": "zh-Hant", "name_en": "en"}[prop.id]
    label = catalogue.labels(iri).get(language)
    return [{"str": label}] if label else []


def propose_properties(catalogue: Catalogue, type_id: str | None, limit: int | None) -> dict[str, Any]:
    """The properties data extension offers for entities of a type (every property without one)."""
    kinds = catalogue.kinds_of([type_id]) if type_id else None
    found = [p for p in PROPERTIES if kinds is None or p.kinds is None or kinds & p.kinds]
    out: dict[str, Any] = {"properties": [p.as_json() for p in found[:limit]]}
    if type_id:
        out["type"] = type_id
    if limit is not None:
        out["limit"] = limit
    return out


# -- suggest and flyout ----------------------------------------------------------------------------------------


def suggest_entities(
    catalogue: Catalogue, prefix: str, kinds: frozenset[str] | None, cursor: int, limit: int
) -> dict[str, Any]:
    """Entities for a search box, hits and completions alike, ``limit`` of them after ``cursor``."""
    text = prefix.strip()
    if not text:
        return {"result": []}
    iris = [hit.iri for hit in lookup_kinds(catalogue, text, kinds, cursor + limit)]
    own = catalogue.entity_iri(text)
    if own is not None and (kinds is None or catalogue.index.entry(own).kind in kinds):
        iris = [own, *(i for i in iris if i != own)]
    return {"result": [_entity_item(catalogue, iri) for iri in iris[cursor : cursor + limit]]}


def _entity_item(catalogue: Catalogue, iri: str) -> dict[str, Any]:
    kind = catalogue.type_of(iri)
    return {
        "id": catalogue.entity_id(iri),
        "name": catalogue.name(iri),
        "description": catalogue.description(iri),
        "notable": [{"id": kind.id, "name": kind.name}],
    }


def suggest_types(catalogue: Catalogue, prefix: str, cursor: int, limit: int) -> dict[str, Any]:
    key = prefix.strip().casefold()
    found = [
        t.as_json(catalogue.types)
        for t in catalogue.types.values()
        if not key or any(key in text.casefold() for text in (t.id, t.kind, *t.labels.values()))
    ]
    return {"result": found[cursor : cursor + limit]}


def suggest_properties(prefix: str, cursor: int, limit: int) -> dict[str, Any]:
    key = prefix.strip().casefold()
    found = [
        p.as_json()
        for p in PROPERTIES
        if not key or any(key in text.casefold() for text in (p.id, p.name, *p.aliases))
    ]
    return {"result": found[cursor : cursor + limit]}


def known(catalogue: Catalogue, identifier: str) -> str:
    """The IRI of an identifier; NotFoundError for one the graph does not know."""
    iri = catalogue.entity_iri(identifier)
    if iri is None:
        raise NotFoundError(f"no entity has the identifier {identifier[:200]!r}")
    return iri


def flyout(catalogue: Catalogue, identifier: str) -> dict[str, str]:
    """The flyout of a suggested entity: ``{"id", "html"}``, the HTML escaped."""
    iri = known(catalogue, identifier)
    return {"id": identifier, "html": _templates()["flyout"].render(facts(catalogue, iri))}


# -- preview ---------------------------------------------------------------------------------------------------


def facts(catalogue: Catalogue, iri: str) -> dict[str, Any]:
    """What a flyout or preview shows of an entity."""
    labels = catalogue.labels(iri)
    aliases = [a for a in catalogue.index.entry(iri).alt_labels if a not in labels.values()]
    return {
        "id": catalogue.entity_id(iri),
        "name": catalogue.name(iri),
        "english": labels.get("en", ""),
        "traditional": labels.get("zh-Hant", ""),
        "type": catalogue.type_of(iri).name,
        "aliases": aliases[:PREVIEW_ALIASES],
        "codes": list(catalogue.codes.get(iri, ())),
        "owners": [catalogue.name(o) for o in catalogue.owners(iri)],
        "places": [catalogue.name(p) for p in catalogue.places(iri)],
        "page": catalogue.describer.path(iri) or "",
    }


def preview_html(catalogue: Catalogue, identifier: str) -> str:
    """The preview page of an entity (for OpenRefine's iframe), every string escaped."""
    return _templates()["preview"].render(facts(catalogue, known(catalogue, identifier)))


_FLYOUT = """<div class="rekg-flyout"><strong>{{ name }}</strong>
{%- if english and english != name %}<br>{{ english }}{% endif %}<br><small>{{ type }}
{%- if codes %} · {{ codes | join(", ") }}{% endif %}
{%- if owners %} · {{ owners | join("、") }}{% endif %}</small></div>"""

_PREVIEW = """<!DOCTYPE html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>{{ name }}</title>
<style>
body { font: 13px/1.45 system-ui, "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; margin: 6px 8px; }
h1 { font-size: 15px; margin: 0; } p { margin: 2px 0 6px; color: #444; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 1px 10px; margin: 0; }
dt { color: #777; } dd { margin: 0; }
</style></head>
<body><h1>{{ name }}</h1>{% if english and english != name %}<p>{{ english }}</p>{% endif %}
<dl><dt>类型 Type</dt><dd>{{ type }}</dd>
{% if traditional and traditional != name %}<dt>繁体 Traditional</dt><dd>{{ traditional }}</dd>{% endif %}
{% if aliases %}<dt>别名 Also</dt><dd>{{ aliases | join("; ") }}</dd>{% endif %}
{% if codes %}<dt>股票代码 Stock code</dt><dd>{{ codes | join(", ") }}</dd>{% endif %}
{% if owners %}<dt>母公司 Parent</dt><dd>{{ owners | join("; ") }}</dd>{% endif %}
{% if places %}<dt>所在地 Location</dt><dd>{{ places | join("; ") }}</dd>{% endif %}
<dt>ID</dt><dd>{% if page %}<a href="{{ page }}" target="_blank" rel="noopener">{{ id }}</a>{% else %}{{ id }}{% endif %}</dd>
</dl></body></html>
"""


@cache
def _templates() -> dict[str, Template]:
    environment = templates().env
    return {"flyout": environment.from_string(_FLYOUT), "preview": environment.from_string(_PREVIEW)}
