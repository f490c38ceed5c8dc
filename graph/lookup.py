"""Find entities by name: simplified, traditional, English, pinyin (with or without tones and spaces),
initials, short names and aliases, ranked exact > alias > prefix > fuzzy.

The index is built from the store's labels once and then answers in memory.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rdflib import URIRef

from rekg.graph.pinyin import has_han, initials_key, pinyin_key
from rekg.graph.store import QuadStore
from rekg.graph.text import fold
from rekg.ontology import ENTITY_CLASSES

_LABELS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?e ?type ?p ?label WHERE {
  ?e a ?type .
  VALUES ?p { skos:prefLabel skos:altLabel }
  ?e ?p ?label .
}
"""

#: Scores by how a name matched; fuzzy matches score below every other kind.
SCORES = {"exact": 100.0, "alias": 95.0, "pinyin": 90.0, "initials": 85.0, "prefix": 80.0}
FUZZY_CEILING = 75.0
FUZZY_FLOOR = 60.0


@dataclass(frozen=True)
class LookupHit:
    iri: str
    kind: str
    labels: dict[str, str]
    alt_labels: tuple[str, ...]
    score: float
    match: str
    matched_name: str

    def as_json(self) -> dict[str, Any]:
        return {
            "iri": self.iri,
            "kind": self.kind,
            "labels": self.labels,
            "altLabels": list(self.alt_labels),
            "score": round(self.score, 1),
            "match": self.match,
            "matchedName": self.matched_name,
        }


@dataclass
class _Entry:
    iri: str
    kind: str
    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: list[str] = field(default_factory=list)


@dataclass
class NameIndex:
    entries: dict[str, _Entry]
    # key -> [(iri, how, name)]
    keys: dict[str, list[tuple[str, str, str]]]
    names: list[tuple[str, str, str]]  # (folded name, iri, name) for prefix and fuzzy search

    @classmethod
    def from_store(cls, store: QuadStore) -> NameIndex:
        entries: dict[str, _Entry] = {}
        for row in store.query(_LABELS):
            entity, rdf_type, predicate, label = row  # type: ignore[misc]
            if not isinstance(rdf_type, URIRef) or rdf_type not in ENTITY_CLASSES:
                continue
            entry = entries.setdefault(str(entity), _Entry(str(entity), ENTITY_CLASSES[rdf_type]))
            language = getattr(label, "language", None) or ""
            if str(predicate).endswith("prefLabel"):
                entry.labels.setdefault(language, str(label))
            elif str(label) not in entry.alt_labels:
                entry.alt_labels.append(str(label))
        return cls.from_entries(entries)

    @classmethod
    def from_entries(cls, entries: dict[str, _Entry]) -> NameIndex:
        keys: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        names: list[tuple[str, str, str]] = []
        for iri, entry in entries.items():
            for name, how in [(n, "exact") for n in entry.labels.values()] + [(n, "alias") for n in entry.alt_labels]:
                folded = fold(name)
                if not folded:
                    continue
                keys[folded].append((iri, how, name))
                names.append((folded, iri, name))
                spoken = pinyin_key(name)
                if spoken and has_han(name):
                    keys["py:" + spoken].append((iri, "pinyin", name))
                    initials = initials_key(name)
                    if len(initials) >= 2:
                        keys["in:" + initials].append((iri, "initials", name))
                elif spoken:
                    keys["py:" + spoken].append((iri, how, name))
        return cls(entries=entries, keys=dict(keys), names=names)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, query: str, *, kind: str | None = None, limit: int = 10) -> list[LookupHit]:
        text = query.strip()
        if not text:
            return []
        best: dict[str, tuple[float, str, str]] = {}

        def offer(iri: str, score: float, how: str, name: str) -> None:
            if kind and self.entries[iri].kind != kind:
                return
            if iri not in best or score > best[iri][0]:
                best[iri] = (score, how, name)

        folded = fold(text)
        for iri, how, name in self.keys.get(folded, []):
            offer(iri, SCORES[how], how, name)
        spoken = pinyin_key(text)
        if spoken:
            for iri, how, name in self.keys.get("py:" + spoken, []):
                offer(iri, SCORES["pinyin"] if how == "pinyin" else SCORES[how], how, name)
            if not has_han(text):
                for iri, how, name in self.keys.get("in:" + spoken, []):
                    offer(iri, SCORES[how], how, name)
        if len(best) < limit:
            self._prefix(folded, spoken, offer)
        if len(best) < limit:
            self._fuzzy(folded, offer, limit)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], len(kv[1][2]), kv[0]))[:limit]
        return [self._hit(iri, score, how, name) for iri, (score, how, name) in ranked]

    def _prefix(self, folded: str, spoken: str, offer: Any) -> None:
        for name_key, iri, name in self.names:
            if name_key.startswith(folded) or (folded in name_key and len(folded) >= 2 and has_han(folded)):
                # Shorter names that start with the query rank above longer ones; containment ranks lower.
                penalty = min(10.0, (len(name_key) - len(folded)) / 2)
                score = SCORES["prefix"] - penalty - (0 if name_key.startswith(folded) else 3)
                offer(iri, score, "prefix", name)
        if spoken and len(spoken) >= 3:
            for key, postings in self.keys.items():
                if key.startswith("py:") and key[3:].startswith(spoken) and key[3:] != spoken:
                    for iri, _, name in postings:
                        offer(iri, SCORES["prefix"] - 5, "prefix", name)

    def _fuzzy(self, folded: str, offer: Any, limit: int) -> None:
        from rapidfuzz import fuzz, process

        choices = [name_key for name_key, _, _ in self.names]
        for _, score, index in process.extract(folded, choices, scorer=fuzz.WRatio, limit=limit * 3):
            if score >= FUZZY_FLOOR:
                _, iri, name = self.names[index]
                offer(iri, FUZZY_FLOOR + (score - FUZZY_FLOOR) * (FUZZY_CEILING - FUZZY_FLOOR) / 40, "fuzzy", name)

    def _hit(self, iri: str, score: float, how: str, name: str) -> LookupHit:
        entry = self.entries[iri]
        return LookupHit(
            iri=iri,
            kind=entry.kind,
            labels=dict(entry.labels),
            alt_labels=tuple(entry.alt_labels),
            score=score,
            match=how,
            matched_name=name,
        )
