"""The name index of a large graph, answered from the store's index (:mod:`rekg.graph.index_store`): nothing
is read at start-up, and a lookup reads only the names it may match.

:class:`StoredNameIndex` scores exactly as :class:`~rekg.graph.lookup.NameIndex` — it is one, with the
places candidates come from answered by SQLite instead of lists of every name:

- keys (the folded name, its legal core, pinyin, initials) and prefixes: indexed columns of ``name_keys``,
  which the writer fills once per name (pinyin is slow to work out);
- words of Latin names and names that contain a Chinese query: the ``w:`` words and ``f:`` bigrams of
  ``grams``, intersected, then checked;
- look-alikes and spellings (rapidfuzz over every name, in the in-memory index): when the graph has at most
  :data:`FULL_SCAN` names, every one, as before (look-alikes only where they can reach the cutoff,
  :mod:`rekg.graph.fuzzy`: the same answers); above that, the names sharing the most n-grams with the query,
  within a :class:`Budget` — at most so many names from so many rows of ``grams``, whatever the graph's size
  (:data:`SPELLINGS`, :data:`LOOK_ALIKES`) — n-grams that many names have say little and are left out
  (:data:`COMMON_SHARE`, :data:`MOST_FILED`). ``python bench/lookup_scaling.py`` times lookups on stores
  of every size and compares their answers before and after a change.

Prefix and containment matches are read shortest first, at most :data:`MOST_MATCHES` of them (a one-letter
query would otherwise read a tenth of the names to rank them).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process
from rdflib import URIRef

from rekg.graph.fuzzy import Keys
from rekg.graph.index_store import IndexStore
from rekg.graph.lookup import FUZZY_CUTOFF, KIND_ORDER, NameIndex, _Entry, ngrams
from rekg.ontology import ENTITY_CLASSES, REK

#: Up to this many names, look-alikes and spellings are compared with every name (as the in-memory index does).
#: Even with look-alikes left out where they cannot reach the cutoff, that costs about 0.45 ms a thousand
#: names (measured at 20,000): at 2,500 names about what the candidates above it cost at 1M–10M quads.
FULL_SCAN = 2500


@dataclass(frozen=True)
class Budget:
    """How many candidates a comparison takes above :data:`FULL_SCAN` (those sharing the most n-grams with
    the query), from how many rows of ``grams`` at most."""

    names: int
    rows: int


#: Latin spellings, which can be hits (Xiamen Tungstan): as many candidates as before the row budget.
SPELLINGS = Budget(names=400, rows=2000)
#: Look-alikes, only ever suggestions (WRatio scores 50–65): as many too — half as many saved about 1 ms at 10M
#: quads but changed some suggestions (top-ten overlap with an exhaustive comparison 0.497 → 0.485 at 1M).
LOOK_ALIKES = Budget(names=400, rows=2000)
#: An n-gram that more than this share of the names have, or more than MOST_FILED names, is not used to find
#: candidates; of the others, the rarest MOST_GRAMS are. MOST_FILED bounds the rows a lookup reads however
#: many names the graph has (a share alone grows with the graph: 4,000 names a gram at 10M quads).
COMMON_SHARE = 0.02
MOST_FILED = 500
MOST_GRAMS = 16
#: Candidates few enough to check one by one rather than narrow further.
FEW = 200
#: Prefix and containment matches read at most.
MOST_MATCHES = 2000
_CLASSES = tuple(sorted(str(c) for c in ENTITY_CLASSES))
_HIGHEST = "\U0010ffff"
_SPELT = "han = 0 AND spoken != '' AND core != ''"  # a Latin name with a legal core: compared as spelt
Named = tuple[str, str, str]  # (iri, how, name)
#: The entities named by the names of a JSON list: every entity once, found by one seek of ``labels_named``
#: per entity and name — not by reading every row of the name, one per graph that labels it (6,000 graphs
#: name one city at 10M quads).
_NAMED_BY = """
WITH RECURSIVE wanted(label) AS (SELECT value FROM json_each(?)),
found(label, e) AS (
  SELECT label, (SELECT MIN(e) FROM labels l WHERE l.label = wanted.label) FROM wanted
  UNION ALL
  SELECT label, (SELECT MIN(e) FROM labels l WHERE l.label = found.label AND l.e > found.e)
  FROM found WHERE e IS NOT NULL)
SELECT DISTINCT e FROM found WHERE e IS NOT NULL"""
Compare = Callable[[str, list[str]], list[tuple[str, float, int]]]


def _spelt(query: str, keys: list[str]) -> list[tuple[str, float, int]]:
    return process.extract(query, keys, scorer=fuzz.ratio, limit=None, score_cutoff=FUZZY_CUTOFF)


def _looking_alike(query: str, keys: list[str]) -> list[tuple[str, float, int]]:
    return Keys(keys).alike(query, None, FUZZY_CUTOFF)


def _closest(query: str, keys: dict[str, str], compare: Compare, limit: int) -> set[str]:
    """The names (of ``keys``: name → key) whose keys the lookup's comparison could keep: those among the
    ``limit`` × 3 most alike, ties included, so that only they need reading as entities."""
    names = list(keys)
    scored = [(score, names[index]) for _, score, index in compare(query, [keys[name] for name in names])]
    if len(scored) <= limit * 3:
        return {name for _, name in scored}
    floor = sorted((score for score, _ in scored), reverse=True)[limit * 3 - 1]
    return {name for score, name in scored if score >= floor}


class StoredNameIndex(NameIndex):
    """:class:`NameIndex`, its candidates read from the store's index as each lookup needs them."""

    def __init__(self, index: IndexStore) -> None:
        super().__init__(entries={}, keys={}, names=[])
        self._index = index
        self._lock = threading.Lock()
        self._entries: dict[str, _Entry | None] = {}

    # -- entities ----------------------------------------------------------------------------------------------

    def _load(self, iris: Iterable[str]) -> None:
        missing = sorted({iri for iri in iris if iri not in self._entries})
        if not missing:
            return
        found = self._index.entities(missing)
        with self._lock:
            for iri in missing:
                entity = found.get(iri)
                named = entity is not None and (entity.labels or entity.alt_labels)
                self._entries[iri] = (
                    _Entry(iri, entity.kind, dict(entity.labels), list(entity.alt_labels), entity.mentions)
                    if entity is not None and named
                    else None
                )

    def _entry(self, iri: str) -> _Entry:
        self._load([iri])
        entry = self._entries[iri]
        if entry is None:
            raise KeyError(iri)
        return entry

    @cached_property
    def _size(self) -> int:
        sql = f"""SELECT COUNT(DISTINCT t.e) FROM types t
                  WHERE t.type IN ({",".join("?" * len(_CLASSES))})
                    AND EXISTS (SELECT 1 FROM labels l WHERE l.e = t.e)"""
        return int(str(self._index.query(sql, _CLASSES)[0][0]))

    def __len__(self) -> int:
        return self._size

    @cached_property
    def _kinds(self) -> list[str]:
        # the most specific class names the kind: an organisation of no other class is one of kind organization
        marks = ",".join("?" * len(_CLASSES))
        sql = f"""SELECT DISTINCT type FROM types t WHERE type IN ({marks}) AND (type != ? OR NOT EXISTS (
                    SELECT 1 FROM types u WHERE u.e = t.e AND u.type IN ({marks}) AND u.type != ?))"""
        organization = str(REK.Organization)
        rows = self._index.query(sql, [*_CLASSES, organization, *_CLASSES, organization])
        present = {ENTITY_CLASSES[URIRef(str(row[0]))] for row in rows}
        return [kind for kind in KIND_ORDER if kind in present]

    def kinds(self) -> list[str]:
        return list(self._kinds)

    # -- from names to entities --------------------------------------------------------------------------------

    def _expand(self, names: Iterable[str]) -> list[Named]:
        """(iri, how, name) of every entity named by one of ``names``, in the in-memory index's order (by IRI,
        then preferred labels before aliases)."""
        wanted = set(names)
        if not wanted:
            return []
        iris = {str(row[0]) for row in self._index.query(_NAMED_BY, [json.dumps(sorted(wanted))])}
        self._load(iris)
        found: list[Named] = []
        for iri in sorted(iris):
            entry = self._entries.get(iri)
            if entry is None:
                continue
            for name in entry.labels.values():
                if name in wanted:
                    found.append((iri, "exact", name))
            for name in entry.alt_labels:
                if name in wanted:
                    found.append((iri, "alias", name))
        return found

    def _names_where(self, condition: str, *args: object, columns: str = "name") -> list[tuple[object, ...]]:
        return self._index.query(f"SELECT {columns} FROM name_keys WHERE {condition}", args)

    def _keyed(self, key: str) -> list[Named]:
        kind, _, value = key.partition(":") if key[:3] in ("fm:", "py:", "in:") else ("", "", key)
        if kind == "fm":
            names = self._names_where("core = ? OR loose = ?", value, value)
            return [(iri, "form", name) for iri, _, name in self._expand(str(r[0]) for r in names)]
        if kind == "py":
            rows = self._names_where("spoken = ?", value, columns="name, han")
            han = {str(name) for name, is_han in rows if is_han}
            return [
                (iri, "pinyin" if name in han else how, name)
                for iri, how, name in self._expand(str(r[0]) for r in rows)
            ]
        if kind == "in":
            names = self._names_where("han = 1 AND initials = ? AND length(initials) >= 2", value)
            return [(iri, "initials", name) for iri, _, name in self._expand(str(r[0]) for r in names)]
        return self._expand(str(r[0]) for r in self._names_where("folded = ? AND folded != ''", key))

    def _with_keys(self, rows: Sequence[tuple[object, ...]]) -> list[tuple[str, str, str]]:
        """(key, iri, name) of every entity named by the rows ``(name, key)``, sorted."""
        keys = {str(name): str(key) for name, key in rows}
        return sorted((keys[name], iri, name) for iri, _, name in self._expand(keys))

    # -- candidates ----------------------------------------------------------------------------------------------

    def _latin_names(self, query: tuple[str, ...]) -> Iterable[tuple[tuple[str, ...], str, str]]:
        names = self._sharing([f"w:{word}" for word in set(query)])
        rows = self._names_in(names, "words")
        words = {str(name): tuple(str(found).split()) for name, found in rows}
        return [(words[name], iri, name) for iri, _, name in self._expand(words)]

    def _names_from(self, folded: str) -> Iterator[tuple[str, str, str]]:
        rows = self._names_where(
            "folded >= ? AND folded < ? ORDER BY length(folded), folded LIMIT ?",
            folded,
            folded + _HIGHEST,
            MOST_MATCHES,
            columns="name, folded",
        )
        yield from self._with_keys(rows)

    def _names_containing(self, folded: str) -> Iterable[tuple[str, str, str]]:
        names = self._sharing([f"f:{gram}" for gram in ngrams(folded)])
        rows = [row for row in self._names_in(names, "folded") if folded in str(row[1])]
        rows.sort(key=lambda row: (len(str(row[1])), str(row[1])))
        return self._with_keys(rows[:MOST_MATCHES])

    def _pinyin_from(self, spoken: str) -> Iterator[str]:
        rows = self._names_where(
            "spoken >= ? AND spoken < ? ORDER BY spoken LIMIT ?",
            spoken,
            spoken + _HIGHEST,
            MOST_MATCHES,
            columns="DISTINCT spoken",
        )
        yield from (str(row[0]) for row in rows)

    @cached_property
    def _named(self) -> int:
        """How many names the entities have."""
        return int(str(self._index.query("SELECT COUNT(DISTINCT label) FROM labels")[0][0]))

    @cached_property
    def _every_name(self) -> list[tuple[str, str, str]]:
        """(folded name, iri, name) of every name (a small graph's, :data:`FULL_SCAN` at most)."""
        rows = self._index.query(
            "SELECT name, folded FROM name_keys WHERE name IN (SELECT label FROM labels) AND folded != ''"
        )
        return self._with_keys(rows)

    @cached_property
    def _every_key(self) -> Keys:
        return Keys([key for key, _, _ in self._every_name])

    def _fuzzy_choices(self, folded: str, limit: int) -> tuple[Sequence[tuple[str, str, str]], Keys]:
        if self._named <= FULL_SCAN:
            return self._every_name, self._every_key
        rows = self._similar([f"f:{gram}" for gram in ngrams(folded)], "folded", "1", LOOK_ALIKES)
        best = _closest(folded, {str(name): str(key) for name, key in rows if key}, _looking_alike, limit)
        names = self._with_keys([(name, key) for name, key in rows if str(name) in best])
        return names, Keys([key for key, _, _ in names])

    @cached_property
    def _every_spelling(self) -> list[tuple[str, str, str]]:
        return self._spellings_of({name for _, _, name in self._every_name})

    def _spelling_choices(self, core: str, limit: int) -> Sequence[tuple[str, str, str]]:
        if self._named <= FULL_SCAN:
            return self._every_spelling
        rows = self._similar([f"s:{gram}" for gram in ngrams(core)], "core", _SPELT, SPELLINGS)
        return self._spellings_of(_closest(core, {str(name): str(key) for name, key in rows}, _spelt, limit))

    def _spellings_of(self, names: set[str]) -> list[tuple[str, str, str]]:
        """(legal core, iri, name) of the Latin names among ``names`` that have one, in the in-memory index's
        order."""
        rows = self._names_in(names, "core", _SPELT)
        cores = {str(name): str(core) for name, core in rows}
        return [(cores[name], iri, name) for iri, _, name in self._expand(cores)]

    # -- n-grams -------------------------------------------------------------------------------------------------

    def _names_in(self, names: Iterable[str], column: str, condition: str = "1") -> list[tuple[object, ...]]:
        ordered = sorted(set(names))
        found: list[tuple[object, ...]] = []
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found += self._names_where(
                f"name IN ({marks}) AND {condition}", *chunk, columns=f"name, {column}"
            )
        return found

    def _counts(self, grams: list[str]) -> dict[str, int]:
        sql = f"SELECT gram, n FROM gram_counts WHERE gram IN ({','.join('?' * len(grams))})"
        return {str(gram): int(str(n)) for gram, n in self._index.query(sql, grams)}

    def _sharing(self, grams: list[str]) -> set[str]:
        """Names filed under every one of ``grams``, or a few more: the rarest grams are intersected until
        at most :data:`FEW` names are left (the caller checks each name it is given)."""
        if not grams:
            return set()
        counts = self._counts(grams)
        if len(counts) < len(set(grams)):
            return set()  # a gram no name has
        ids: set[int] | None = None
        for gram in sorted(counts, key=counts.__getitem__):
            found = {
                int(str(row[0])) for row in self._index.query("SELECT id FROM grams WHERE gram = ?", (gram,))
            }
            ids = found if ids is None else ids & found
            if len(ids) <= FEW:
                break
        chosen = sorted(ids or ())
        names: set[str] = set()
        for start in range(0, len(chosen), 500):
            chunk = chosen[start : start + 500]
            sql = f"SELECT name FROM name_keys WHERE id IN ({','.join('?' * len(chunk))})"
            names.update(str(row[0]) for row in self._index.query(sql, chunk))
        return names

    def _similar(
        self, grams: list[str], column: str, condition: str, budget: Budget
    ) -> list[tuple[object, ...]]:
        """(name, ``column``) of the names sharing the most of ``grams`` that meet ``condition``: at most
        ``budget.names`` of them, from at most ``budget.rows`` rows of ``grams`` — the rarest grams first,
        leaving out those most names have (or, when every gram is one of those, the first rows of the rarest)."""
        counts = self._counts(grams)
        common = max(50, min(int(self._named * COMMON_SHARE), MOST_FILED))
        rarest = sorted(counts, key=lambda gram: (counts[gram], gram))
        telling: list[str] = []
        rows = 0
        for gram in (gram for gram in rarest if counts[gram] <= common):
            if len(telling) == MOST_GRAMS or rows + counts[gram] > budget.rows:
                break
            telling.append(gram)
            rows += counts[gram]
        telling = telling or rarest[:1]
        if not telling:
            return []
        marks = ",".join("?" * len(telling))
        sql = f"""SELECT n.name, n.{column} FROM (
                    SELECT id, COUNT(*) AS shared FROM (
                      SELECT id FROM grams WHERE gram IN ({marks}) ORDER BY gram, id LIMIT ?)
                    GROUP BY id ORDER BY shared DESC, id LIMIT ?) AS best
                  JOIN name_keys n ON n.id = best.id WHERE {condition} ORDER BY n.name"""
        return self._index.query(sql, [*telling, budget.rows, budget.names])
