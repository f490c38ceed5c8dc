"""The industry's who's who (``seeds/reference/*.jsonl``): names only — groups, companies, sites, bodies and
associations with their names in simplified and traditional Chinese and in English, short names, tickers and
former names. Recognition finds them as phrases and links them to one pinned IRI each; unlike the gazetteer,
they are not seeded into the graph: an entry becomes a node only when a document names it, and every fact about
it comes from documents.

An alias two entries share is named in both entries' ``ambiguous`` list and links to neither (中国稀土: the listed
company or, loosely, the group); any other shared alias is an error of the list. A government body's English
name that says no place (the Ministry of Mines and Energy: Brazil's, Namibia's …) is every country's, and links to
none; its name with the country (巴西矿产和能源部, Ministério de Minas e Energia) still does.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rekg.errors import ValidationError
from rekg.ingest.lexicon import KINDS, CuratedEntity, curated_entities, matching_form, place_names
from rekg.seeds import SEEDS_DIR

REFERENCE_DIR = SEEDS_DIR / "reference"
#: The keys of an entry, in the order the files write them.
KEYS = (
    "slug", "kind", "country", "en", "en_aliases", "zh", "zh_aliases", "zh_hant", "zh_hant_aliases", "tickers",
    "former", "ambiguous", "note", "checked",
)  # fmt: skip
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TICKER = re.compile(r"(?P<exchange>[A-Z]{2,12}):(?P<code>[A-Z0-9.]{1,10})")
#: Exchanges whose codes the Chinese press prints after a name (股票代码: 600111, 股份代號：0769).
_CODE_EXCHANGES = {"SSE", "SZSE", "BSE", "HKEX", "TWSE", "TPEX"}
_SHORTEST = 2  # characters; a shorter alias matches inside words


@dataclass(frozen=True)
class ReferenceEntry:
    """One line of the list, as written (names in their printed scripts)."""

    source: str  # file:line
    slug: str
    kind: str
    english: str
    chinese: str
    english_aliases: tuple[str, ...]
    chinese_aliases: tuple[str, ...]  # simplified and traditional, full names and short names, former names
    tickers: tuple[str, ...]
    ambiguous: frozenset[str]

    def names(self) -> Iterator[str]:
        """Every name of the entry in the form text is matched in (Chinese folded to simplified)."""
        for name in (self.chinese, *self.chinese_aliases):
            if name:
                yield matching_form(name)
        for name in (self.english, *self.english_aliases):
            if name:
                yield name


def _strings(entry: dict[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(f"{source}: {key!r} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def parse_entry(entry: object, source: str) -> ReferenceEntry:
    """One entry checked: a slug, a kind of the ontology, an English or a Chinese name, known keys only."""
    if not isinstance(entry, dict):
        raise ValidationError(f"{source}: expected a JSON object")
    unknown = set(entry) - set(KEYS)
    if unknown:
        raise ValidationError(f"{source}: unknown keys {sorted(unknown)}")
    slug, kind = entry.get("slug"), entry.get("kind")
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
        raise ValidationError(f"{source}: slug {slug!r} is not lowercase kebab-case")
    if kind not in KINDS or kind in {"place", "person", "policy", "agreement"}:
        raise ValidationError(f"{source}: kind {kind!r} is not an organisation or site kind of the ontology")
    english, chinese = str(entry.get("en") or "").strip(), str(entry.get("zh") or "").strip()
    if not english and not chinese:
        raise ValidationError(f"{source}: an entry needs an English or a Chinese name")
    tickers = _strings(entry, "tickers", source)
    bad = [t for t in tickers if not _TICKER.fullmatch(t)]
    if bad:
        raise ValidationError(f"{source}: tickers must read EXCHANGE:CODE, not {bad}")
    hant = _strings(entry, "zh_hant", source) + _strings(entry, "zh_hant_aliases", source)
    # a body renamed or replaced is another entity (国家计委, 国家发展改革委); a company renamed is the same one
    former = _strings(entry, "former", source) if kind != "government" else ()
    return ReferenceEntry(
        source=source,
        slug=slug,
        kind=kind,
        english=english,
        chinese=chinese,
        english_aliases=_strings(entry, "en_aliases", source) + tuple(f for f in former if f.isascii()),
        chinese_aliases=_strings(entry, "zh_aliases", source)
        + hant
        + tuple(f for f in former if not f.isascii()),
        tickers=tickers,
        ambiguous=frozenset(_strings(entry, "ambiguous", source)),
    )


def read_entries(directory: Path = REFERENCE_DIR) -> tuple[ReferenceEntry, ...]:
    """Every entry of every ``*.jsonl`` file of the directory, in file order; a broken line is an error."""
    entries = []
    for path in sorted(directory.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            source = f"{path.name}:{number}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValidationError(f"{source}: {e.msg}") from e
            entries.append(parse_entry(data, source))
    return tuple(entries)


def shared_aliases(entries: Iterable[ReferenceEntry]) -> dict[str, list[str]]:
    """Names that two entries — or an entry and the gazetteer — both bear, with the sources that bear them,
    left out those every bearer marks ambiguous."""
    entries = list(entries)
    owners: dict[str, list[str]] = {}
    for entity in curated_entities():
        for name in {*entity.names, entity.english, *entity.english_aliases}:
            owners.setdefault(name, []).append(f"gazetteer:{entity.slug or entity.name}")
    marked: Counter[str] = Counter()
    for entry in entries:
        for name in set(entry.names()):
            owners.setdefault(name, []).append(entry.source)
        marked.update({matching_form(a) if not a.isascii() else a for a in entry.ambiguous})
    return {
        name: sources
        for name, sources in owners.items()
        if len(sources) > 1 and marked[name] < sum(not s.startswith("gazetteer:") for s in sources)
    }


#: The noun an English name of a government body starts with: a name that says no place is every country's.
_BODY_NOUN = re.compile(
    r"(?:The )?(?:Ministry|Department|Office|Bureau|Agency|Commission|Directorate|Authority|Council|"
    r"Secretariat|State Council|Cabinet|Treasury)\b(?!-)"  # a Directorate-General is the EU's
)


#: Words that say where a body is and are no place's name: its union, its republic, its ministry's initials.
_PLACE_MARKERS = frozenset(
    {"EU", "European Union", "R.O.C.", "ROC", "PRC", "MOEA", "MIIT", "U.S.", "US", "UK"}
)


@cache
def _english_place_names() -> frozenset[str]:
    curated = (n for e in curated_entities() if e.kind == "place" for n in (e.english, *e.english_aliases))
    return place_names() | _PLACE_MARKERS | frozenset(filter(None, curated))


def _names_a_place(name: str) -> bool:
    """Whether a name says where (Ministry of Mines of India, the Russian …, Bureau of Mines, MOEA)."""
    words = re.findall(r"[A-Z][\w'’.-]*", name)
    places = _english_place_names()
    return any(
        " ".join(words[i:j]) in places
        or words[i].removesuffix("n") in places  # Russian, Indian
        or words[i].removesuffix("ian") + "ia" in places
        for i in range(len(words))
        for j in range(i + 1, min(i + 3, len(words)) + 1)
    )


@cache
def reference_entities(directory: Path = REFERENCE_DIR) -> tuple[CuratedEntity, ...]:
    """The entries as entities the registry and the matcher know: canonical name the Chinese one (else the
    English), ambiguous and too-short aliases left out, the codes of Chinese exchanges as stock codes."""
    entries = read_entries(directory)
    taken = {name for e in curated_entities() for name in (*e.names, e.english, *e.english_aliases)}
    seen: set[str] = set()
    out = []
    for entry in entries:
        if entry.slug in seen or any(entry.slug == e.slug for e in curated_entities()):
            raise ValidationError(f"{entry.source}: slug {entry.slug!r} is used twice")
        seen.add(entry.slug)
        ambiguous = {matching_form(a) if not a.isascii() else a for a in entry.ambiguous}
        if entry.kind == "government":  # the Ministry of Mines and Energy: Brazil's, Namibia's or another's
            ambiguous |= {n for n in entry.names() if _BODY_NOUN.match(n) and not _names_a_place(n)}
        names = [n for n in dict.fromkeys(entry.names()) if n not in ambiguous and n not in taken]
        chinese = [n for n in names if not n.isascii() and len(n) >= _SHORTEST]
        english = [n for n in names if n.isascii() and len(n) >= _SHORTEST + 1]
        if not chinese and not english:
            continue  # every name of the entry is another's too: nothing to link by
        canonical = matching_form(entry.chinese) if entry.chinese and chinese else (chinese or english)[0]
        codes = [
            ("stockCode", t.split(":", 1)[1]) for t in entry.tickers if t.split(":", 1)[0] in _CODE_EXCHANGES
        ]
        out.append(
            CuratedEntity(
                kind=entry.kind,
                name=canonical,
                english=entry.english if entry.english in english else (english[0] if english else ""),
                aliases=tuple(n for n in chinese if n != canonical),
                english_aliases=tuple(n for n in english if n != entry.english),
                slug=entry.slug,
                attributes=tuple(sorted(codes[:1])),
                listed=True,
            )
        )
    return tuple(out)


def known_entities() -> tuple[CuratedEntity, ...]:
    """The gazetteer's entities (seeded into the graph) and the reference list's (not seeded)."""
    return curated_entities() + reference_entities()
