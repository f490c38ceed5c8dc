"""Linking: one entity per real thing, across all documents.

A mention joins an entity when its matching-form name is one of the entity's names, when the document
defined it as the entity's short name, or when both are the same company name with and without its legal
form (中国稀土集团 ≡ 中国稀土集团有限公司). English names join a Chinese name only when the English
rendering of the Chinese name scores at least :data:`ENGLISH_PAIR_THRESHOLD` against it. Nothing else is
merged: an unknown name becomes a new entity with a minted IRI.

State is explicit: :func:`link` reads a :class:`Registry` it never changes, through :class:`DocumentNames`,
which keeps what the document adds (new entities, new names of known ones) apart; those come back as the
document's ``taught`` entities, and only the orchestrator merges them into its registry
(:meth:`Registry.merge`).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from rekg.graph.iri import IriMinter
from rekg.graph.naming import english_name, person_name_english
from rekg.ingest.lexicon import (
    LEGAL_SUFFIXES,
    CuratedEntity,
    NameBook,
    NameMatcher,
    core_name,
    is_generic_name,
    kind_from_suffix,
    place_canonical_names,
    place_names,
)
from rekg.ingest.model import EntityRecord, Mention
from rekg.ingest.spans import countries
from rekg.ontology import ORGANIZATION_KINDS

ENGLISH_PAIR_THRESHOLD = 88.0

_KIND_RANK = {
    "group": 6,
    "government": 5,
    "university": 5,
    "institute": 5,
    "association": 5,
    "company": 4,
    "organization": 1,
}


def family(kind: str) -> str:
    return "organization" if kind in ORGANIZATION_KINDS else kind


@dataclass
class KnownEntity:
    iri: str
    kind: str
    canonical: str
    names: set[str] = field(default_factory=set)
    english: set[str] = field(default_factory=set)
    curated: bool = False
    attributes: tuple[tuple[str, str], ...] = ()
    #: The names a document graph writes for an entity of the reference list, which no seed graph labels (its
    #: canonical Chinese name and its official English name).
    listed_names: tuple[str, ...] = ()


@dataclass
class Registry:
    """Entities known so far (curated, in the store, and from earlier documents of this run). Extraction
    only reads it; the orchestrator grows it with what each document taught (:meth:`merge`)."""

    minter: IriMinter
    entities: dict[str, KnownEntity] = field(default_factory=dict)
    by_name: dict[tuple[str, str], str] = field(default_factory=dict)  # (family, name) → IRI
    by_core: dict[str, str] = field(default_factory=dict)  # organisation core name → IRI
    # the curated names and the travelling ones, built once per state of the registry (not pickled)
    _matcher: NameMatcher | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_matcher": None}

    def name_book(self) -> NameBook:
        """A book for reading one document: the curated names and the names known here that travel (the
        matcher of them is built once until the registry grows, and each document writes in a copy)."""
        if self._matcher is None:
            matcher = NameBook.curated().matcher
            matcher.update(self.travelling_names())
            self._matcher = matcher
        return NameBook(self._matcher.copy())

    @classmethod
    def from_curated(cls, minter: IriMinter, curated: Iterable[CuratedEntity]) -> Registry:
        registry = cls(minter)
        for entity in curated:
            iri = str(
                minter.entity(entity.kind, entity.slug)
                if entity.slug
                else minter.mint(entity.kind, entity.name)
            )
            known = KnownEntity(
                iri,
                entity.kind,
                entity.name,
                set(entity.names),
                {entity.english, *entity.english_aliases},
                True,
                entity.attributes,
                tuple(n for n in (entity.name, entity.english) if n) if entity.listed else (),
            )
            registry.add(known)
        return registry

    def merge(self, taught: Iterable[KnownEntity]) -> None:
        """Take in what a document taught: its new entities, and the known ones with the names it added."""
        for known in taught:
            self.add(known)

    def add(self, known: KnownEntity) -> None:
        self._matcher = None
        self.entities[known.iri] = known
        kind_family = family(known.kind)
        for name in known.names | known.english:
            self.by_name.setdefault((kind_family, name_key(name)), known.iri)
            if kind_family == "organization":
                self.by_core.setdefault(core_key(name), known.iri)

    def find(self, name: str, kind: str) -> str | None:
        kind_family = family(kind)
        found = self.by_name.get((kind_family, name_key(name)))
        if found is None and kind_family == "organization":
            found = self.by_core.get(core_key(name))
        return found

    def travelling_names(self) -> dict[str, str]:
        """The names of known entities that are looked for in other documents (see :func:`travels`), with
        their kinds; a name two entities share has the kind of the one added last."""
        out = {}
        for known in self.entities.values():
            kind = known.kind
            for name in known.names:
                if travels(name, kind):
                    out[name] = kind
        return out


class DocumentNames:
    """The names one document links against: the known registry, read only, and what the document adds —
    new entities, and known ones with more names (copied, never changed in place)."""

    def __init__(self, known: Registry) -> None:
        self.known = known
        self.added = Registry(known.minter)

    def find(self, name: str, kind: str) -> str | None:
        return self.added.find(name, kind) or self.known.find(name, kind)

    def entity(self, iri: str) -> KnownEntity:
        return self.added.entities.get(iri) or self.known.entities[iri]

    def __contains__(self, iri: str) -> bool:
        return iri in self.added.entities or iri in self.known.entities

    def mint(self, kind: str, canonical: str) -> str:
        """A new entity's IRI; a hash is added when another name already has that slug."""
        iri = str(self.known.minter.mint(kind, canonical))
        if iri in self and self.entity(iri).canonical != canonical:
            iri = str(self.known.minter.mint(kind, canonical, disambiguate=True))
        return iri

    def add(self, known: KnownEntity) -> None:
        self.added.add(known)

    def grow(self, iri: str, names: Iterable[str] = (), english: Iterable[str] = ()) -> None:
        """The entity ``iri`` with these names too."""
        current = self.entity(iri)
        more_names, more_english = set(names) - current.names, set(english) - current.english
        if more_names or more_english or iri not in self.added.entities:
            self.added.add(
                replace(current, names=current.names | more_names, english=current.english | more_english)
            )

    def redirect(self, kind: str, name: str, iri: str) -> None:
        """From now on ``name`` (of ``kind``'s family) finds ``iri``."""
        self.added.by_name[(family(kind), name_key(name))] = iri

    def forget(self, iri: str) -> None:
        """Drop an entity this document minted (it was joined to another)."""
        del self.added.entities[iri]

    @property
    def taught(self) -> tuple[KnownEntity, ...]:
        """What the document taught: every entity it added or gave new names."""
        return tuple(self.added.entities.values())


_SPACE_BESIDE_HAN = re.compile(r"\s+(?=[^A-Za-z\s])|(?<=[^A-Za-z\s])\s+")


def name_key(name: str) -> str:
    """A name as names are compared: without the spaces PDF extraction leaves next to Han characters and
    digits (4000 吨金属扩产改造项目 ≡ 4000吨金属扩产改造项目); spaces between Latin words are kept."""
    if " " not in name and name.isprintable():
        return name  # no white space at all: every other white space character is unprintable
    return _SPACE_BESIDE_HAN.sub("", name)


def _site_key(name: str) -> str:
    """A place or site name as this document's mentions of it are grouped: an English one whatever the case of
    its words (Ondundu Hills rare earth project ≡ Ondundu Hills Rare Earth Project)."""
    key = name_key(name)
    return key.casefold() if key.isascii() and " " in key else key


def core_key(name: str) -> str:
    """An organisation name as cores are compared: without its legal form and without 控股 or 股份 inside it
    (秦川矿业控股集团有限公司 ≡ 秦川矿业集团)."""
    if "控股" in name or "股份" in name:
        name = _HOLDING_WORDS.sub("", name)
    if name.endswith(LEGAL_SUFFIXES):
        name = core_name(name)
    return name_key(name)


def _places_starting(text: str) -> list[str]:
    """The places whose name begins ``text`` (Australia in "Australia Pty Ltd", 江苏 in 江苏)稀土)."""
    words = text.split()
    candidates = [" ".join(words[:n]) for n in (1, 2)] + [text[:n] for n in (2, 3)]
    return [c for c in candidates if c and c in place_names()]


_HOLDING_WORDS = re.compile(r"控股|股份(?=有限公司)")


def is_global_name(name: str) -> bool:
    """Whether a name may identify its entity in other documents (集团 for the publisher may not)."""
    if is_generic_name(name):
        return False
    return len(name) >= 3 or (name.isascii() and len(name) >= 2)


_ORGANISATION_WORD = re.compile(
    r"稀土|有色|铝|铜|锌|铅|钨|锂|钴|镍|钢|铁|矿|煤|科技|股份|控股|能源|材料|资源|实业|化工|电力|汽车|银行|证券|投资|"
    r"磁|新材|冶金|电子|机械|重工|建设|工程|环保|贸易|国际"
)
_PLACE_ENDING = re.compile(r"(?:省|市|县|州|区|盟|旗|镇|乡|地区|自治区|特别行政区|群岛|半岛|共和国|王国)$")


@cache
def travels(name: str, kind: str) -> bool:
    """Whether a name learnt in one document is looked for in others.

    A name travels when it says what it names: a legal or organisation ending (…有限公司, …研究院), an
    industry word in an organisation's short name (凉山稀土, 中铝秘鲁矿业), an administrative ending in a place
    name (锡林郭勒盟). A word a tagger once called a name (利益相关方, 清真寺) stays in its document (the curated
    names are always looked for), so one mistake is not repeated across the graph. The test reads only the name and its kind, so a document
    re-ingested against the store finds exactly what the build found.
    """
    if not is_global_name(name) or name.isascii():
        return False
    if family(kind) == "organization":
        return kind_from_suffix(name) is not None or bool(_ORGANISATION_WORD.search(name))
    if kind == "place":
        return bool(_PLACE_ENDING.search(name))
    return kind != "person"


def _best_kind(kinds: Iterable[str]) -> str:
    return max(kinds, key=lambda k: (_KIND_RANK.get(k, 3), k))


def _canonical(names: Iterable[str]) -> str:
    """The fullest name: a legal name if there is one, else the longest."""
    ordered = sorted(set(names), key=lambda n: (kind_from_suffix(n) is None, -len(n), n))
    return ordered[0]


def link(
    mentions: Sequence[Mention],
    short_names: Mapping[str, str],
    known: Registry,
    originals: Mapping[int, str],
) -> tuple[dict[int, str], list[EntityRecord], DocumentNames]:
    """Map each mention (by index) to an entity IRI and describe the document's entities; the third part is
    the names the document links against, its additions (``taught``) included. ``known`` is not changed.

    ``originals`` gives the printed form of a mention (by index) when it differs (traditional script).
    """
    registry = DocumentNames(known)
    is_generic, is_global = cache(is_generic_name), cache(is_global_name)  # each name tested once a call
    groups: dict[str, list[int]] = defaultdict(list)
    pending: dict[tuple[str, str], list[int]] = defaultdict(list)
    abroad = _abroad(mentions)
    linking_names = [m.text if i in abroad else _linking_name(m, short_names) for i, m in enumerate(mentions)]
    for index, mention in enumerate(mentions):
        name = linking_names[index]
        found = None if index in abroad else registry.find(name, mention.kind)
        if found is None and mention.text not in short_names:  # a name this document defines is its own
            found = registry.find(mention.text, mention.kind)
        if found:
            groups[found].append(index)
        else:
            pending[
                (
                    family(mention.kind),
                    core_key(name) if family(mention.kind) == "organization" else _site_key(name),
                )
            ].append(index)
    _merge_prefix_names(mentions, pending)
    for (_, _), indices in sorted(pending.items()):
        names = {linking_names[i] for i in indices}
        if all(is_generic(n) for n in names):
            continue  # 集团, 市政府: nothing to name a new entity by
        kind = _best_kind(mentions[i].kind for i in indices)
        canonical = _canonical(names)
        if family(kind) == "organization":
            kind = kind_from_suffix(canonical) or kind
        iri = registry.mint(kind, canonical)
        seen = names | {mentions[i].text for i in indices}
        if iri in registry:  # a name of this document, minted before: another reading of the same thing
            registry.grow(iri, {n for n in seen if is_global(n)})
        else:
            registry.add(KnownEntity(iri, kind, canonical, {canonical} | {n for n in seen if is_global(n)}))
        groups[iri].extend(indices)
    paired = _pair_english(mentions, groups, registry)
    assignment = {i: iri for iri, indices in groups.items() for i in indices}
    records = []
    for iri, indices in groups.items():
        seen = {mentions[i].text for i in indices}
        registry.grow(iri, {n for n in seen if is_global(n)})
        known = registry.entity(iri)
        seen |= set(known.listed_names)
        english = {n for n in seen if n.isascii()} | paired.get(iri, set())
        records.append(
            EntityRecord(
                key=iri,
                kind=known.kind,
                canonical=known.canonical,
                names=frozenset(n for n in seen if not n.isascii() and not is_generic(n)),
                original_names=frozenset(originals[i] for i in indices if i in originals),
                english_names=frozenset(english),
                curated=known.curated,
                attributes=known.attributes,
            )
        )
    return assignment, records, registry


def _abroad(mentions: Sequence[Mention]) -> set[int]:
    """Places written right after a foreign country whose name the lexicon would turn into a Chinese place's
    (美国德州: Texas, not 德州市) — linked by their own words only."""
    return {
        index
        for index, (before, mention) in enumerate(itertools.pairwise(mentions), start=1)
        if mention.kind == "place"
        and before.kind == "place"
        and before.end == mention.start
        and before.text in countries()
        and place_canonical_names().get(mention.text, mention.text) != mention.text
    }


def _linking_name(mention: Mention, short_names: Mapping[str, str]) -> str:
    """The name a mention is linked by: the full name of a short name the document defines, the lexicon's own
    name of a place (寮国 and Laos are 老挝)."""
    name = short_names.get(mention.text, mention.text)
    return place_canonical_names().get(name, name) if mention.kind == "place" else name


_NAMED_AFTER_PLACE = re.compile(
    r"\b(?:University|College|Institute|School|Council|Department|Ministry|Agency|Authority|Port|Airport|Park|"
    r"Centre|Center|Museum|Hospital|Works|Estate|Corridor|Region|County|District|Section|Division|Unit|Branch|"
    r"Desk|Team|Committee|Programme|Program)\b"
)


def _merge_prefix_names(mentions: Sequence[Mention], pending: dict[tuple[str, str], list[int]]) -> None:
    """东风汽车 joins 东风汽车集团有限公司 when the document names exactly one organisation it begins."""
    organisations = [key for key in pending if key[0] == "organization"]
    cores = sorted(core for _, core in organisations)  # the names a core begins are next to it
    sites = [m.text.casefold() for m in mentions if m.kind in {"mine", "facility", "project"}]
    for key in sorted(organisations, key=lambda k: len(k[1])):
        short = key[1]
        if len(short) < 4 or kind_from_suffix(short) is not None:
            continue
        if any(kind_from_suffix(mentions[i].text) for i in pending[key]):
            continue  # 华岳证券股份有限公司 is a full name, not a short form of 华岳证券研究所
        if any(site.startswith(short.casefold()) for site in sites):
            continue  # Chilwa begins the Chilwa Carbonatite Project's name as well as the company's
        longer = []
        for core in itertools.islice(cores, bisect.bisect_left(cores, short), None):
            if not core.startswith(short) or len(longer) > 1:
                break
            other = ("organization", core)
            rest = core[len(short) :].strip(" ()（）")
            if any(rest.startswith(place) for place in _places_starting(rest)):
                continue  # Daesan Materials Australia, 中稀(江苏)稀土: a national unit, not a longer name
            if short.isascii() and _NAMED_AFTER_PLACE.search(rest):
                continue  # Teesside University is named after Teesside, not called so; nor is a Section its topic
            if other != key and other in pending:
                longer.append(other)
        if len(longer) == 1:
            pending[longer[0]].extend(pending.pop(key))


def _pair_english(
    mentions: Sequence[Mention], groups: dict[str, list[int]], registry: DocumentNames
) -> dict[str, set[str]]:
    """Join an English-only entity to a Chinese one of the same document when the names correspond;
    returns the English names so paired, by the Chinese entity's IRI."""
    from rapidfuzz import fuzz

    paired: dict[str, set[str]] = {}
    english_only = [iri for iri, idx in groups.items() if all(mentions[i].text.isascii() for i in idx)]
    english_set = set(english_only)
    chinese = [iri for iri in groups if iri not in english_set]
    renderings: dict[tuple[bool, str], str] = {}  # each Chinese name is rendered once, not once per pairing

    def rendered(name: str, person: bool) -> str:
        key = (person, name)
        if key not in renderings:
            renderings[key] = (person_name_english if person else english_name)(name).lower()
        return renderings[key]

    for iri in english_only:
        known = registry.entity(iri)
        if known.curated:
            continue
        best, best_score = None, 0.0
        for other in chinese:
            target = registry.entity(other)
            if family(target.kind) != family(known.kind):
                continue
            for name in target.names:
                generated = rendered(name, target.kind == "person")
                score = max(
                    fuzz.ratio(generated, known.canonical.lower()),
                    fuzz.token_sort_ratio(generated, known.canonical.lower()),
                )
                if score > best_score:
                    best, best_score = other, score
        if best is not None and best_score >= ENGLISH_PAIR_THRESHOLD:
            registry.grow(best, english={known.canonical})
            paired.setdefault(best, set()).add(known.canonical)
            groups[best].extend(groups.pop(iri))
            registry.redirect(known.kind, known.canonical, best)
            if iri in registry.added.entities:
                registry.forget(iri)
    return paired
