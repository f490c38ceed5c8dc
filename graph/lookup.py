"""Find entities by name: simplified, traditional, English, pinyin (with or without tones and spaces),
initials, short names and aliases, ranked exact > alias > pinyin > word > initials > prefix > fuzzy.

The index is built from the store's labels once and then answers in memory. Ties within a rank go to the
kinds people look up most (organisations before mines, projects, policies, places and people), then to the
entities mentioned in more documents, then to shorter names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef

from rekg.graph.pinyin import has_han, initials_key, pinyin_key, strip_tones
from rekg.graph.store import QuadStore
from rekg.graph.terms import bcp47_case
from rekg.graph.text import fold
from rekg.ontology import ENTITY_CLASSES, REK

_LABELS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?e ?type ?p ?label WHERE {
  ?e a ?type .
  VALUES ?p { skos:prefLabel skos:altLabel }
  ?e ?p ?label .
}
"""
_MENTIONS = f"SELECT ?e (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?e <{REK.mentionedIn}> ?d }} GROUP BY ?e"

#: Scores by how a name matched; fuzzy matches score below every other kind.
SCORES = {
    "exact": 100.0,
    "alias": 95.0,
    "pinyin": 90.0,
    "word": 90.0,  # a Latin query that is the leading words of an English name ("Liangshan" → Liangshan Rare Earth)
    "inner-word": 86.0,  # … or whole words inside one ("Liangshan" → China Rare Earth (Liangshan) …)
    "initials": 85.0,
    "prefix": 80.0,
}
#: Prefix matches score from PREFIX_FLOOR up to SCORES["prefix"]; fuzzy ones (rapidfuzz WRatio of at least
#: FUZZY_CUTOFF) from FUZZY_FLOOR up to FUZZY_CEILING, below every prefix match however close they are.
PREFIX_FLOOR = 70.0
FUZZY_CEILING = 65.0
FUZZY_FLOOR = 50.0
FUZZY_CUTOFF = 60.0

#: Kinds in the order a tie is broken: what people of the rare-earth industry look up most comes first.
KIND_ORDER = (
    "group", "company", "government", "institute", "university", "association", "organization",
    "mine", "facility", "project", "policy", "agreement", "place", "person",
)  # fmt: skip
_KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)}
_WORD = re.compile(r"[0-9a-z]+")

Offer = Callable[[str, float, str, str], None]


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
    mentions: int = 0


def _words(name: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(strip_tones(name).lower()))


@dataclass
class NameIndex:
    entries: dict[str, _Entry]
    # key -> [(iri, how, name)]
    keys: dict[str, list[tuple[str, str, str]]]
    names: list[tuple[str, str, str]]  # (folded name, iri, name), sorted, for prefix and fuzzy search
    latin: list[tuple[tuple[str, ...], str, str]] = field(default_factory=list)  # (words, iri, name)
    pinyin: list[str] = field(default_factory=list)  # sorted pinyin keys, for pinyin prefixes

    @classmethod
    def from_store(cls, store: QuadStore) -> NameIndex:
        entries: dict[str, _Entry] = {}
        for row in store.query(_LABELS):
            entity, rdf_type, predicate, label = row  # type: ignore[misc]
            if not isinstance(rdf_type, URIRef) or rdf_type not in ENTITY_CLASSES:
                continue
            entry = entries.setdefault(str(entity), _Entry(str(entity), ENTITY_CLASSES[rdf_type]))
            if rdf_type != REK.Organization:  # the most specific class names the kind
                entry.kind = ENTITY_CLASSES[rdf_type]
            language = bcp47_case(label.language or "") if isinstance(label, Literal) else ""
            if str(predicate).endswith("prefLabel"):
                entry.labels.setdefault(language, str(label))
            elif str(label) not in entry.alt_labels:
                entry.alt_labels.append(str(label))
        for row in store.query(_MENTIONS):
            entity, count = row  # type: ignore[misc]
            if str(entity) in entries:
                entries[str(entity)].mentions = int(count)
        return cls.from_entries(entries)

    @classmethod
    def from_entries(cls, entries: dict[str, _Entry]) -> NameIndex:
        keys: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        names: list[tuple[str, str, str]] = []
        latin: list[tuple[tuple[str, ...], str, str]] = []
        for iri, entry in entries.items():
            for name, how in [(n, "exact") for n in entry.labels.values()] + [
                (n, "alias") for n in entry.alt_labels
            ]:
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
                    words = _words(name)
                    if words:
                        latin.append((words, iri, name))
        pinyin = sorted(key[3:] for key in keys if key.startswith("py:"))
        return cls(entries=entries, keys=dict(keys), names=sorted(names), latin=latin, pinyin=pinyin)

    def __len__(self) -> int:
        return len(self.entries)

    def kinds(self) -> list[str]:
        present = {entry.kind for entry in self.entries.values()}
        return [kind for kind in KIND_ORDER if kind in present]

    def lookup(self, query: str, *, kind: str | None = None, limit: int = 10) -> list[LookupHit]:
        text = query.strip()
        if not text or limit < 1:
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
                self._words(_words(text), offer)
        if len(best) < limit:
            self._prefix(folded, spoken, offer)
        if len(best) < limit:
            self._fuzzy(folded, offer, limit)
        ranked = sorted(best.items(), key=lambda kv: self._rank(kv[0], *kv[1]))[:limit]
        return [self._hit(iri, score, how, name) for iri, (score, how, name) in ranked]

    def _rank(self, iri: str, score: float, how: str, name: str) -> tuple[Any, ...]:
        entry = self.entries[iri]
        return (
            -round(score, 1),
            _KIND_RANK.get(entry.kind, len(KIND_ORDER)),
            -entry.mentions,
            len(name),
            iri,
        )

    def _words(self, query: tuple[str, ...], offer: Offer) -> None:
        if not query:
            return
        size = len(query)
        for words, iri, name in self.latin:
            if words[:size] == query:
                offer(iri, SCORES["word"], "word", name)
            elif any(words[i : i + size] == query for i in range(1, len(words) - size + 1)):
                offer(iri, SCORES["inner-word"], "word", name)

    def _prefix(self, folded: str, spoken: str, offer: Offer) -> None:
        # Names that start with the query: a range of the sorted list. Shorter names rank above longer ones.
        def score(name_key: str, inside: bool) -> float:
            penalty = min(7.0, (len(name_key) - len(folded)) / 2) + (3.0 if inside else 0.0)
            return max(PREFIX_FLOOR, SCORES["prefix"] - penalty)

        start = bisect_left(self.names, (folded,))
        for name_key, iri, name in self.names[start:]:
            if not name_key.startswith(folded):
                break
            offer(iri, score(name_key, False), "prefix", name)
        # Chinese names that contain the query rank a little lower.
        if len(folded) >= 2 and has_han(folded):
            for name_key, iri, name in self.names:
                if folded in name_key and not name_key.startswith(folded):
                    offer(iri, score(name_key, True), "prefix", name)
        if spoken and len(spoken) >= 3:
            start = bisect_left(self.pinyin, spoken)
            for key in self.pinyin[start:]:
                if not key.startswith(spoken):
                    break
                if key != spoken:
                    for iri, _, name in self.keys["py:" + key]:
                        offer(iri, SCORES["prefix"] - 5, "prefix", name)

    def _fuzzy(self, folded: str, offer: Offer, limit: int) -> None:
        from rapidfuzz import fuzz, process

        choices = [name_key for name_key, _, _ in self.names]
        found = process.extract(
            folded, choices, scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=FUZZY_CUTOFF
        )
        scale = (FUZZY_CEILING - FUZZY_FLOOR) / (100.0 - FUZZY_CUTOFF)
        for _, score, index in found:
            _, iri, name = self.names[index]
            offer(iri, FUZZY_FLOOR + (score - FUZZY_CUTOFF) * scale, "fuzzy", name)

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
