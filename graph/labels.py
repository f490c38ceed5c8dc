"""Preferred labels, derived: one ``skos:prefLabel`` per language for every entity, chosen over all graphs.

Documents record every name they use as ``skos:altLabel``; curated entities carry their own preferred
labels. The *labels graph* gives every other entity its preferred zh-Hans name (a legal name if one was
seen, else the longest), its zh-Hant name where one was seen, and an English name — stated by a document
if any, else generated (glossary + pinyin) and marked ``rek:labelSource "generated"``. ``rdfs:label``
mirrors the preferred labels. It is recomputed after every ingest, so it never disagrees with the data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from rekg.graph.iri import IriMinter
from rekg.graph.naming import english_name, person_name_english
from rekg.graph.store import QuadStore
from rekg.ontology import ENTITY_CLASSES, REK

_LEGAL_ENDINGS = ("公司", "集团", "研究院", "大学", "学院", "协会", "委员会", "部", "局")

_NAMES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?e ?type ?p ?label WHERE {
  GRAPH ?g { ?e a ?type . ?e ?p ?label . }
  VALUES ?p { skos:prefLabel skos:altLabel }
  FILTER(?g != ?labels)
}
"""


@dataclass
class _Names:
    kind: URIRef
    preferred: dict[str, str] = field(default_factory=dict)
    alternatives: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def _language(label: Literal) -> str:
    tag = (label.language or "").lower()
    return {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "en": "en"}.get(tag, tag)


def _best_chinese(names: set[str]) -> str:
    return sorted(names, key=lambda n: (not n.endswith(_LEGAL_ENDINGS), -len(n), n))[0]


def labels_graph_name(minter: IriMinter) -> URIRef:
    """The graph of derived labels (preferred labels in every language, chosen from all documents)."""
    return URIRef(f"{minter.base}graph/labels")


def derive_labels(store: QuadStore, labels_graph: URIRef) -> Graph:
    entities: dict[URIRef, _Names] = {}
    query = _NAMES.replace("?labels", f"<{labels_graph}>")
    for row in store.query(query):
        entity, rdf_type, predicate, label = row  # type: ignore[misc]
        if rdf_type not in ENTITY_CLASSES or not isinstance(label, Literal):
            continue
        names = entities.setdefault(entity, _Names(rdf_type))
        language = _language(label)
        if predicate == SKOS.prefLabel:
            names.preferred.setdefault(language, str(label))
        else:
            names.alternatives[language].add(str(label))
    graph = Graph(identifier=labels_graph)
    chosen_labels: dict[URIRef, dict[str, str]] = {}
    for entity, names in entities.items():
        chosen = dict(names.preferred)
        if "zh-Hans" not in chosen and names.alternatives.get("zh-Hans"):
            chosen["zh-Hans"] = _best_chinese(names.alternatives["zh-Hans"])
        if "zh-Hant" not in chosen and names.alternatives.get("zh-Hant"):
            chosen["zh-Hant"] = _best_chinese(names.alternatives["zh-Hant"])
        if "en" not in chosen:
            stated = names.alternatives.get("en")
            if stated:
                chosen["en"] = sorted(stated, key=lambda n: (-len(n), n))[0]
                graph.add((entity, REK.labelSource, Literal("document")))
            elif "zh-Hans" in chosen:
                render = person_name_english if names.kind == REK.Person else english_name
                chosen["en"] = render(chosen["zh-Hans"])
                graph.add((entity, REK.labelSource, Literal("generated")))
        if "zh-Hans" not in chosen and "en" in chosen:
            chosen["zh-Hans"] = chosen["en"]
        chosen_labels[entity] = chosen
        for language, text in chosen.items():
            literal = Literal(text, lang=language)
            if names.preferred.get(language) != text:
                graph.add((entity, SKOS.prefLabel, literal))
            graph.add((entity, RDFS.label, literal))
    _label_agreements(store, graph, chosen_labels)
    return graph


_AGREEMENTS = """
PREFIX rek: <https://w3id.org/rekg/ontology#>
SELECT DISTINCT ?agreement ?party ?date WHERE {
  ?agreement a rek:Agreement ; rek:party ?party .
  OPTIONAL { ?agreement rek:date ?date }
}
"""


def _label_agreements(store: QuadStore, graph: Graph, labels: dict[URIRef, dict[str, str]]) -> None:
    """An agreement is named after its parties and date: 中铝集团与中国稀土集团合作协议（2024-12）."""
    parties: dict[URIRef, set[URIRef]] = defaultdict(set)
    dates: dict[URIRef, str] = {}
    for row in store.query(_AGREEMENTS):
        agreement, party, date = row  # type: ignore[misc]
        parties[agreement].add(party)
        if date is not None:
            dates[agreement] = str(date)
    for agreement, members in parties.items():
        ordered = sorted(members)
        chinese = "与".join(labels.get(p, {}).get("zh-Hans", str(p).rsplit("/", 1)[-1]) for p in ordered)
        english = " and ".join(labels.get(p, {}).get("en", str(p).rsplit("/", 1)[-1]) for p in ordered)
        date = dates.get(agreement)
        zh = f"{chinese}合作协议" + (f"（{date}）" if date else "")
        en = f"Agreement between {english}" + (f" ({date})" if date else "")
        for text, language in ((zh, "zh-Hans"), (en, "en")):
            graph.add((agreement, SKOS.prefLabel, Literal(text, lang=language)))
            graph.add((agreement, RDFS.label, Literal(text, lang=language)))
        graph.add((agreement, REK.labelSource, Literal("generated")))
