"""Find entities by name: simplified, traditional, English, pinyin (with or without tones and spaces),
initials, short names and aliases, ranked exact > alias > pinyin > word > form > initials > spelling > prefix
> fuzzy.

The index is built from the store's labels once and then answers in memory. Ties within a rank go to the
kinds people look up most (organisations before mines, projects, policies, places and people), then to the
entities mentioned in more documents, then to shorter names.

**Hits and suggestions.** A candidate scoring at least :data:`HIT_FLOOR` (75) is a *hit*: the query is one of
the entity's names in some script or spelling — exact, an alias, its pinyin, the leading or inner words of
an English name, the name with another legal form (凉山稀土有限公司 for 凉山稀土, China Minmetals Corp. for
China Minmetals), its initials — or a Latin spelling of one with a slip or two (Xiamen Tungstan). Anything
below is a *suggestion* ("did you mean"), never a hit:

- a longer name that merely begins with, or contains, the query (中国石油 → 中国石油大学(华东)): 66–74;
- a look-alike by rapidfuzz WRatio, which also rewards a short name inside the query (中国移动 → 中国): 50–65;
- a Latin spelling whose whole-name similarity (rapidfuzz ``ratio``, legal forms aside) is under ~89.

Chinese look-alikes are never hits: a different character is usually a different name (广东稀土 is not
广西稀土, 华能 not 华润), and the slip people do make in Chinese — a homophone from the input method
(梁山稀土, 有线公司) — is caught by the pinyin key. Latin spellings score from 50 (similarity 60) up to 84
(similarity 100), so the floor falls at a similarity of about 89.

The floor is measured, not guessed: ``python bench/lookup_floor.py`` looks up every name of
``tests/data/lookup_probe.json`` — 120 names the seed graph holds, in every script and form (simplified,
traditional, English, pinyin with and without tones, initials, short names, legal-form variants, homophone
slips, misspellings), and 94 it does not (other Chinese and foreign companies, their pinyin, initials and
traditional spellings, look-alikes one character away, strings beyond recognition). On the seed build:

- absent names, best candidate: median 55.3, p90 61.2, max 71.0 (a prefix: 中国石油 → 中国石油大学(华东));
  the best Latin look-alike spelling 68.5 (similarity 80);
- present names, the expected entity: min 77.9 (Xiamen Tungstan, similarity 93), p10 88, median 95, and
  first every time.

The floor sits in that gap, (71.0, 77.9], just above the prefix band (at most 74); ``tests/test_lookup_floor.py``
keeps every probe name on its side of it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef

from rekg.graph.pinyin import has_han, initials_key, pinyin_key, strip_tones
from rekg.graph.projection import most_specific
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

#: Scores by how a name matched. Every kind but "prefix" names the entity, and scores above HIT_FLOOR.
SCORES = {
    "exact": 100.0,
    "alias": 95.0,
    "pinyin": 90.0,
    "word": 90.0,  # a Latin query that is the leading words of an English name ("Liangshan" → Liangshan Rare Earth)
    "form": 88.0,  # the name with another legal form, or none (凉山稀土有限公司 → 凉山稀土)
    "inner-word": 86.0,  # … or whole words inside one ("Liangshan" → China Rare Earth (Liangshan) …)
    "initials": 85.0,
    "prefix": 74.0,  # a longer name that begins with the query: a suggestion, not a hit
}
#: The score a candidate needs to be a hit; below it, it is only a suggestion ("did you mean"). Chosen by
#: measurement: see the module's docstring and ``bench/lookup_floor.py``.
HIT_FLOOR = 75.0
#: Prefix matches score from PREFIX_FLOOR up to SCORES["prefix"]. Look-alikes (rapidfuzz WRatio of at least
#: FUZZY_CUTOFF, which also rewards a name inside the query) score from FUZZY_FLOOR up to FUZZY_CEILING, below
#: every prefix match; Latin spellings (rapidfuzz ratio of the whole names, legal forms aside, of at least
#: FUZZY_CUTOFF) from FUZZY_FLOOR up to SPELLING_CEILING, a hit from a similarity of about 89.
PREFIX_FLOOR = 66.0
FUZZY_CEILING = 65.0
SPELLING_CEILING = 84.0
FUZZY_FLOOR = 50.0
FUZZY_CUTOFF = 60.0

#: Kinds in the order a tie is broken: what people of the rare-earth industry look up most comes first.
KIND_ORDER = (
    "group", "company", "government", "institute", "university", "association", "organization",
    "mine", "facility", "project", "policy", "agreement", "place", "person",
)  # fmt: skip
_KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)}
_WORD = re.compile(r"[0-9a-z]+")
#: Legal forms at the end of a Chinese name, longest first, and the words of English ones. 股份 (joint-stock)
#: stays in the strict key — 中铝股份 is the listed company, 中铝 the group — and goes in the loose one.
_LEGAL_FORMS = ("有限责任公司", "有限公司", "公司")
_SHARES = "股份"
_LEGAL_WORDS = frozenset(
    {"co", "ltd", "limited", "corp", "corporation", "inc", "incorporated", "company", "plc", "llc"}
)

if TYPE_CHECKING:
    from rekg.graph.fuzzy import Keys
    from rekg.graph.index_store import IndexStore

Offer = Callable[[str, float, str, str], None]


@dataclass(frozen=True)
class LookupHit:
    """One candidate for a query. ``suggestion`` is true when it scores below :data:`HIT_FLOOR`: a guess
    ("did you mean"), not a match."""

    iri: str
    kind: str
    labels: dict[str, str]
    alt_labels: tuple[str, ...]
    score: float
    match: str
    matched_name: str

    @property
    def suggestion(self) -> bool:
        return self.score < HIT_FLOOR

    def as_json(self) -> dict[str, Any]:
        return {
            "iri": self.iri,
            "kind": self.kind,
            "labels": self.labels,
            "altLabels": list(self.alt_labels),
            "score": round(self.score, 1),
            "match": self.match,
            "matchedName": self.matched_name,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class Lookup:
    """A query's candidates split at the floor: ``hits`` name the entity, ``suggestions`` only look like it.
    Both are ranked best first; together they are at most the limit asked for."""

    query: str
    hits: tuple[LookupHit, ...]
    suggestions: tuple[LookupHit, ...]

    @property
    def found(self) -> bool:
        return bool(self.hits)


@dataclass
class _Entry:
    iri: str
    kind: str
    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: list[str] = field(default_factory=list)
    mentions: int = 0


def _words(name: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(strip_tones(name).lower()))


def legal_core(name: str, *, loose: bool = False) -> str:
    """A name's key without its legal form: 凉山稀土有限公司 → 凉山稀土, ``China Minmetals Corp.`` →
    ``chinaminmetals`` (folded Chinese; English words joined). Only the legal form goes: 集团, Group,
    Holdings tell a group from its listed company. ``loose`` also drops 股份 (厦门钨业股份有限公司 →
    厦门钨业). Empty when nothing else is left."""
    if has_han(name):
        folded = fold(name)
        form = next((f for f in _LEGAL_FORMS if folded.endswith(f)), "")
        core = folded[: len(folded) - len(form)]
        return core.removesuffix(_SHARES) if loose else core
    words = list(_words(name))
    while words and words[-1] in _LEGAL_WORDS:
        words.pop()
    return "".join(words)


@dataclass(frozen=True)
class NameKeys:
    """What a name is found by: its folded form, its key without the legal form (strict and loose), its
    pinyin key, its initials (Chinese names), its words (Latin names) and whether it is written in Han."""

    folded: str
    core: str
    loose: str
    spoken: str
    initials: str
    words: tuple[str, ...]
    han: bool


def name_keys(name: str) -> NameKeys:
    han = has_han(name)
    return NameKeys(
        folded=fold(name),
        core=legal_core(name),
        loose=legal_core(name, loose=True),
        spoken=pinyin_key(name),
        initials=initials_key(name) if han else "",
        words=() if han else _words(name),
        han=han,
    )


def ngrams(text: str) -> set[str]:
    """Character bigrams of a Chinese name, trigrams of a Latin one (the whole when it is shorter)."""
    size = 2 if has_han(text) else 3
    if len(text) <= size:
        return {text} if text else set()
    return {text[i : i + size] for i in range(len(text) - size + 1)}


def name_grams(keys: NameKeys) -> set[str]:
    """What the stored index files a name under, to find candidates for the look-alike and spelling
    comparisons (``f:`` n-grams of the folded name, ``s:`` of a Latin legal core) and for word matches
    (``w:`` each word of a Latin name)."""
    found = {"f:" + gram for gram in ngrams(keys.folded)}
    if not keys.han:
        found |= {"s:" + gram for gram in ngrams(keys.core)}
        found |= {"w:" + word for word in keys.words}
    return found


@dataclass
class NameIndex:
    entries: dict[str, _Entry]
    # key -> [(iri, how, name)]
    keys: dict[str, list[tuple[str, str, str]]]
    names: list[tuple[str, str, str]]  # (folded name, iri, name), sorted, for prefix and fuzzy search
    latin: list[tuple[tuple[str, ...], str, str]] = field(default_factory=list)  # (words, iri, name)
    pinyin: list[str] = field(default_factory=list)  # sorted pinyin keys, for pinyin prefixes
    # (legal core, iri, name) of every Latin name, for spellings
    spellings: list[tuple[str, str, str]] = field(default_factory=list)
    _compared: Keys | None = field(default=None, init=False, repr=False, compare=False)  # made on first use

    @classmethod
    def from_store(cls, store: QuadStore) -> NameIndex:
        entries: dict[str, _Entry] = {}
        kinds: dict[str, set[str]] = defaultdict(set)
        rows = []
        for row in store.query(_LABELS):
            entity, rdf_type, predicate, label = row  # type: ignore[misc]
            if not isinstance(rdf_type, URIRef) or rdf_type not in ENTITY_CLASSES:
                continue
            kinds[str(entity)].add(ENTITY_CLASSES[rdf_type])
            language = bcp47_case(label.language or "") if isinstance(label, Literal) else ""
            rows.append((str(entity), str(predicate).endswith("prefLabel"), language, str(label)))
        # in order, so that every reader (the store's index too) takes the same preferred label and order
        for entity, preferred, language, label in sorted(set(rows)):
            entry = entries.setdefault(entity, _Entry(entity, most_specific(kinds[entity])))
            if preferred:
                entry.labels.setdefault(language, label)
            elif label not in entry.alt_labels:
                entry.alt_labels.append(label)
        for row in store.query(_MENTIONS):
            entity, count = row  # type: ignore[misc]
            if str(entity) in entries:
                entries[str(entity)].mentions = int(count)
        return cls.from_entries(entries)

    @classmethod
    def from_index(cls, index: IndexStore) -> NameIndex:
        """The name index from the store's index (:mod:`rekg.graph.index_store`), without reading the store."""
        entries = {
            iri: _Entry(iri, found.kind, dict(found.labels), list(found.alt_labels), found.mentions)
            for iri, found in index.entities().items()
            if found.labels or found.alt_labels
        }
        return cls.from_entries(entries, index.name_keys())

    @classmethod
    def from_entries(cls, entries: dict[str, _Entry], known: dict[str, NameKeys] | None = None) -> NameIndex:
        """The index of ``entries``; ``known``: the keys of names worked out before (the store's index keeps
        them, so that the pinyin of every name is not worked out again at every start)."""
        keys: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        names: list[tuple[str, str, str]] = []
        latin: list[tuple[tuple[str, ...], str, str]] = []
        spellings: list[tuple[str, str, str]] = []
        known = known if known is not None else {}
        for iri, entry in entries.items():
            for name, how in [(n, "exact") for n in entry.labels.values()] + [
                (n, "alias") for n in entry.alt_labels
            ]:
                found = known.get(name) or name_keys(name)
                if not found.folded:
                    continue
                keys[found.folded].append((iri, how, name))
                names.append((found.folded, iri, name))
                for key in {found.core, found.loose} - {""}:
                    keys["fm:" + key].append((iri, "form", name))
                if found.spoken and found.han:
                    keys["py:" + found.spoken].append((iri, "pinyin", name))
                    if len(found.initials) >= 2:
                        keys["in:" + found.initials].append((iri, "initials", name))
                elif found.spoken:
                    keys["py:" + found.spoken].append((iri, how, name))
                    if found.words:
                        latin.append((found.words, iri, name))
                    if found.core:
                        spellings.append((found.core, iri, name))
        pinyin = sorted(key[3:] for key in keys if key.startswith("py:"))
        return cls(
            entries=entries,
            keys=dict(keys),
            names=sorted(names),
            latin=latin,
            pinyin=pinyin,
            spellings=spellings,
        )

    def __len__(self) -> int:
        return len(self.entries)

    def kinds(self) -> list[str]:
        present = {entry.kind for entry in self.entries.values()}
        return [kind for kind in KIND_ORDER if kind in present]

    def find(self, query: str, *, kind: str | None = None, limit: int = 10) -> Lookup:
        """The best ``limit`` candidates for ``query``, split into hits and suggestions at the floor."""
        ranked = self.lookup(query, kind=kind, limit=limit)
        return Lookup(
            query=query,
            hits=tuple(hit for hit in ranked if not hit.suggestion),
            suggestions=tuple(hit for hit in ranked if hit.suggestion),
        )

    def lookup(self, query: str, *, kind: str | None = None, limit: int = 10) -> list[LookupHit]:
        """The best ``limit`` candidates for ``query``, best first: hits, then suggestions (each says which
        it is; :meth:`find` splits them)."""
        text = query.strip()
        if not text or limit < 1:
            return []
        best: dict[str, tuple[float, str, str]] = {}

        def offer(iri: str, score: float, how: str, name: str) -> None:
            if kind and self._entry(iri).kind != kind:
                return
            if iri not in best or score > best[iri][0]:
                best[iri] = (score, how, name)

        folded = fold(text)
        for iri, how, name in self._keyed(folded):
            offer(iri, SCORES[how], how, name)
        core, loose = legal_core(text), legal_core(text, loose=True)
        for key, penalty in ((core, 0.0), (loose, 1.0)):
            for iri, how, name in self._keyed("fm:" + key) if key else ():
                offer(iri, SCORES[how] - penalty, how, name)
        spoken = pinyin_key(text)
        if spoken:
            for iri, how, name in self._keyed("py:" + spoken):
                offer(iri, SCORES["pinyin"] if how == "pinyin" else SCORES[how], how, name)
            if not has_han(text):
                for iri, how, name in self._keyed("in:" + spoken):
                    offer(iri, SCORES[how], how, name)
                self._words(_words(text), offer)
        if len(best) < limit:
            self._prefix(folded, spoken, offer)
        if len(best) < limit:
            self._fuzzy(folded, offer, limit)
        if core and not has_han(text):
            self._spellings(core, offer, limit)
        ranked = sorted(best.items(), key=lambda kv: self._rank(kv[0], *kv[1]))[:limit]
        return [self._hit(iri, score, how, name) for iri, (score, how, name) in ranked]

    # -- where candidates come from (the stored index answers these from SQLite) --------------------------------

    def _entry(self, iri: str) -> _Entry:
        return self.entries[iri]

    def entry(self, iri: str) -> _Entry | None:
        """The entity ``iri`` as the index knows it (kind, labels, aliases, mentions), or None: the one way to
        read an entry, whether the index is held in memory or read from the store's index file."""
        try:
            return self._entry(iri)
        except KeyError:
            return None

    def _keyed(self, key: str) -> list[tuple[str, str, str]]:
        """(iri, how, name) of the names with this key (folded; ``fm:``, ``py:``, ``in:`` and the key)."""
        return self.keys.get(key, [])

    def _latin_names(self, query: tuple[str, ...]) -> Iterable[tuple[tuple[str, ...], str, str]]:
        """(words, iri, name) of Latin names that may hold the words of ``query`` (every one, here)."""
        return self.latin

    def _names_from(self, folded: str) -> Iterator[tuple[str, str, str]]:
        """(folded name, iri, name) of the names that begin with ``folded``, in order."""
        for item in self.names[bisect_left(self.names, (folded,)) :]:
            if not item[0].startswith(folded):
                break
            yield item

    def _names_containing(self, folded: str) -> Iterable[tuple[str, str, str]]:
        """(folded name, iri, name) of the names that contain ``folded``, in order."""
        return (item for item in self.names if folded in item[0])

    def _pinyin_from(self, spoken: str) -> Iterator[str]:
        """The pinyin keys that begin with ``spoken``, in order."""
        for key in self.pinyin[bisect_left(self.pinyin, spoken) :]:
            if not key.startswith(spoken):
                break
            yield key

    def _fuzzy_choices(self, folded: str, limit: int) -> tuple[Sequence[tuple[str, str, str]], Keys]:
        """(folded name, iri, name) of the names to compare with ``folded`` (every one, here), and their
        folded names as :class:`~rekg.graph.fuzzy.Keys` (made once, here)."""
        if self._compared is None:
            from rekg.graph.fuzzy import Keys

            self._compared = Keys([name_key for name_key, _, _ in self.names])
        return self.names, self._compared

    def _spelling_choices(self, core: str, limit: int) -> Sequence[tuple[str, str, str]]:
        """(legal core, iri, name) of the Latin names to compare with ``core`` (every one, here)."""
        return self.spellings

    # -- scoring -------------------------------------------------------------------------------------------------

    def _rank(self, iri: str, score: float, how: str, name: str) -> tuple[Any, ...]:
        entry = self._entry(iri)
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
        for words, iri, name in self._latin_names(query):
            if words[:size] == query:
                offer(iri, SCORES["word"], "word", name)
            elif any(words[i : i + size] == query for i in range(1, len(words) - size + 1)):
                offer(iri, SCORES["inner-word"], "word", name)

    def _prefix(self, folded: str, spoken: str, offer: Offer) -> None:
        # Names that start with the query: a range of the sorted list. Shorter names rank above longer ones.
        def score(name_key: str, inside: bool) -> float:
            penalty = min(7.0, (len(name_key) - len(folded)) / 2) + (3.0 if inside else 0.0)
            return max(PREFIX_FLOOR, SCORES["prefix"] - penalty)

        for name_key, iri, name in self._names_from(folded):
            offer(iri, score(name_key, False), "prefix", name)
        # Chinese names that contain the query rank a little lower.
        if len(folded) >= 2 and has_han(folded):
            for name_key, iri, name in self._names_containing(folded):
                if not name_key.startswith(folded):
                    offer(iri, score(name_key, True), "prefix", name)
        if spoken and len(spoken) >= 3:
            for key in self._pinyin_from(spoken):
                if key != spoken:
                    for iri, _, name in self._keyed("py:" + key):
                        offer(iri, SCORES["prefix"] - 5, "prefix", name)

    def _fuzzy(self, folded: str, offer: Offer, limit: int) -> None:
        names, keys = self._fuzzy_choices(folded, limit)
        found = keys.alike(folded, limit * 3, FUZZY_CUTOFF)
        scale = (FUZZY_CEILING - FUZZY_FLOOR) / (100.0 - FUZZY_CUTOFF)
        for _, score, index in found:
            _, iri, name = names[index]
            offer(iri, FUZZY_FLOOR + (score - FUZZY_CUTOFF) * scale, "fuzzy", name)

    def _spellings(self, core: str, offer: Offer, limit: int) -> None:
        """Latin names spelt like the query: the similarity of the whole names, legal forms aside, so that a
        short name inside the query (China in China Mobile) counts for little."""
        from rapidfuzz import fuzz, process

        spellings = self._spelling_choices(core, limit)
        found = process.extract(
            core,
            [spelling for spelling, _, _ in spellings],
            scorer=fuzz.ratio,
            limit=limit * 3,
            score_cutoff=FUZZY_CUTOFF,
        )
        scale = (SPELLING_CEILING - FUZZY_FLOOR) / (100.0 - FUZZY_CUTOFF)
        for _, score, index in found:
            _, iri, name = spellings[index]
            offer(iri, FUZZY_FLOOR + (score - FUZZY_CUTOFF) * scale, "fuzzy", name)

    def _hit(self, iri: str, score: float, how: str, name: str) -> LookupHit:
        entry = self._entry(iri)
        return LookupHit(
            iri=iri,
            kind=entry.kind,
            labels=dict(entry.labels),
            alt_labels=tuple(entry.alt_labels),
            score=score,
            match=how,
            matched_name=name,
        )
