"""The statistics kept in the store's index (:mod:`rekg.graph.index_store`), updated by every write.

``rekg stats`` and the home page report quads per graph, entities per class, facts per property, assertions,
documents and the entities named in both zh-Hans and English. Counting them over the index's rows is a pass
over all of it (0.7 s a write at a million quads); so a write instead moves the counts on by what it changed,
in the same SQLite transaction as its rows (a crash leaves the old rows and counts, or the new ones):

- before the rows of the graphs written are deleted, :meth:`Change.before` reads the keys they held — an
  entity's class, a fact ``(s, p, o)``, whether an entity has a zh-Hans and an English preferred label (or
  :meth:`Change.of` takes them from the rows a change of one graph deletes);
- after the deletion and before the new rows go in, :meth:`Change.settle` takes the keys of the new rows: a key
  only one side holds changes a count exactly when no other graph holds it (one indexed look-up each).

Quads per graph are the ``graphs`` table itself. :func:`recount` counts everything again (a rebuild of the
index, and the tests that compare the two).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rekg.ontology import REK

#: The table of counts: ``entity`` (per class IRI), ``relation`` (per property IRI) and ``bilingual`` ("").
SCHEMA = """
CREATE TABLE IF NOT EXISTS counts (kind TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL,
                                   PRIMARY KEY (kind, key)) WITHOUT ROWID;
"""
_ASSERTION, _DOCUMENT = str(REK.Assertion), str(REK.SourceDocument)


@dataclass(frozen=True)
class IndexCounts:
    """What :func:`rekg.graph.statistics.index_statistics` reports, counted by the writer: quads per graph,
    entities per class and facts per property (IRIs), assertions, documents, entities named in both
    zh-Hans and English."""

    graphs: dict[str, int]
    entities: dict[str, int]
    relations: dict[str, int]
    assertions: int
    documents: int
    bilingual: int


_GRAPHS = "SELECT g, quads FROM graphs ORDER BY g"
_ENTITIES = "SELECT type, COUNT(DISTINCT e) FROM types GROUP BY type"
_RELATIONS = "SELECT p, COUNT(*) FROM (SELECT DISTINCT s, p, o FROM edges) GROUP BY p"
_ZH = "(lower(lang) = 'zh-hans' OR lower(lang) LIKE 'zh-hans-%')"
_EN = "(lower(lang) = 'en' OR lower(lang) LIKE 'en-%')"
_BILINGUAL = f"""
SELECT COUNT(*) FROM (
  SELECT e FROM labels WHERE pref = 1 GROUP BY e HAVING SUM({_ZH}) > 0 AND SUM({_EN}) > 0
)
"""


def recount(db: sqlite3.Connection) -> IndexCounts:
    """Every count, from all the rows of the index."""

    def grouped(sql: str) -> dict[str, int]:
        return {str(key): int(n) for key, n in db.execute(sql).fetchall()}

    entities = grouped(_ENTITIES)
    return IndexCounts(
        graphs=grouped(_GRAPHS),
        entities=entities,
        relations=grouped(_RELATIONS),
        assertions=entities.get(_ASSERTION, 0),
        documents=entities.get(_DOCUMENT, 0),
        bilingual=int(db.execute(_BILINGUAL).fetchone()[0]),
    )


def store_counts(db: sqlite3.Connection, counts: IndexCounts) -> None:
    """Replace the kept counts with ``counts`` (the quads per graph are the graphs table's own)."""
    db.execute("DELETE FROM counts")
    rows = [("entity", key, n) for key, n in counts.entities.items()]
    rows += [("relation", key, n) for key, n in counts.relations.items()]
    rows.append(("bilingual", "", counts.bilingual))
    db.executemany("INSERT INTO counts VALUES (?, ?, ?)", [row for row in rows if row[2]])


def read_counts(db: sqlite3.Connection) -> IndexCounts:
    """The kept counts."""
    kept: dict[str, dict[str, int]] = {"entity": {}, "relation": {}, "bilingual": {}}
    for kind, key, n in db.execute("SELECT kind, key, n FROM counts ORDER BY kind, key").fetchall():
        kept.setdefault(str(kind), {})[str(key)] = int(n)
    entities = kept["entity"]
    return IndexCounts(
        graphs={str(g): int(n) for g, n in db.execute(_GRAPHS).fetchall()},
        entities=entities,
        relations=kept["relation"],
        assertions=entities.get(_ASSERTION, 0),
        documents=entities.get(_DOCUMENT, 0),
        bilingual=kept["bilingual"].get("", 0),
    )


TypeRow = tuple[str, str, str]  # graph, entity, class
LabelRow = tuple[str, str, int, str, str]  # graph, entity, preferred, language, label
EdgeRow = tuple[str, str, str, str, str, str, str]  # graph, s, p, o, and the forward form fs, fp, fo
Fact = tuple[str, str, str, str, str, str]  # s, p, o, fs, fp, fo
Names = dict[str, tuple[bool, bool]]  # entity -> (a zh-Hans preferred label, an English one)


def _names(rows: Iterable[tuple[object, object]]) -> Names:
    found: dict[str, tuple[bool, bool]] = {}
    for entity, language in rows:
        lang = str(language).lower()
        zh = lang == "zh-hans" or lang.startswith("zh-hans-")
        en = lang == "en" or lang.startswith("en-")
        if zh or en:
            was = found.get(str(entity), (False, False))
            found[str(entity)] = (was[0] or zh, was[1] or en)
    return found


_TYPED_HERE = "SELECT 1 FROM types WHERE e = ? AND type = ? LIMIT 1"
_FACT_HERE = "SELECT 1 FROM edges WHERE fs = ? AND fp = ? AND fo = ? AND s = ? AND p = ? AND o = ? LIMIT 1"
_ZH_HERE = f"SELECT 1 FROM labels WHERE e = ? AND pref = 1 AND {_ZH} LIMIT 1"
_EN_HERE = f"SELECT 1 FROM labels WHERE e = ? AND pref = 1 AND {_EN} LIMIT 1"
#: Graphs named in one query.
_CHUNK = 500


@dataclass
class Change:
    """The keys the graphs being rewritten held, read before their rows are deleted."""

    types: set[tuple[str, str]] = field(default_factory=set)
    facts: set[Fact] = field(default_factory=set)
    names: Names = field(default_factory=dict)

    @classmethod
    def before(cls, db: sqlite3.Connection, graphs: Sequence[str]) -> Change:
        change = cls()
        label_rows: list[tuple[object, object]] = []
        for start in range(0, len(graphs), _CHUNK):
            chunk = list(graphs[start : start + _CHUNK])
            among = f"g IN ({','.join('?' * len(chunk))})"
            change.types.update(db.execute(f"SELECT DISTINCT e, type FROM types WHERE {among}", chunk))
            change.facts.update(
                db.execute(f"SELECT DISTINCT s, p, o, fs, fp, fo FROM edges WHERE {among}", chunk)
            )
            label_rows += db.execute(
                f"SELECT e, lang FROM labels WHERE {among} AND pref = 1", chunk
            ).fetchall()
        change.names = _names(label_rows)
        return change

    @classmethod
    def of(cls, types: Iterable[TypeRow], labels: Iterable[LabelRow], edges: Iterable[EdgeRow]) -> Change:
        """The keys of rows about to be deleted (a change of a graph, not the whole graph)."""
        return cls(
            {(e, kind) for _, e, kind in types},
            {row[1:] for row in edges},  # type: ignore[misc]
            _names((e, lang) for _, e, pref, lang, _label in labels if pref),
        )

    def settle(
        self,
        db: sqlite3.Connection,
        types: Iterable[TypeRow],
        labels: Iterable[LabelRow],
        edges: Iterable[EdgeRow],
    ) -> None:
        """With the old rows of the graphs deleted and their new rows (``types``, ``labels``, ``edges``) not
        yet written: move the kept counts on."""

        def elsewhere(sql: str, key: Sequence[str]) -> bool:
            return db.execute(sql, key).fetchone() is not None

        delta: Counter[tuple[str, str]] = Counter()
        after = Change.of(types, labels, edges)
        new_types, new_facts, new_names = after.types, after.facts, after.names
        for key in self.types ^ new_types:
            if not elsewhere(_TYPED_HERE, key):
                delta["entity", key[1]] += 1 if key in new_types else -1
        for fact in self.facts ^ new_facts:
            if not elsewhere(_FACT_HERE, (*fact[3:], *fact[:3])):
                delta["relation", fact[1]] += 1 if fact in new_facts else -1
        for entity in self.names.keys() | new_names.keys():
            old, new = self.names.get(entity, (False, False)), new_names.get(entity, (False, False))
            if old == new:
                continue
            zh, en = elsewhere(_ZH_HERE, (entity,)), elsewhere(_EN_HERE, (entity,))
            delta["bilingual", ""] += int((new[0] or zh) and (new[1] or en)) - int(
                (old[0] or zh) and (old[1] or en)
            )
        db.executemany(
            "INSERT INTO counts VALUES (?, ?, ?) ON CONFLICT (kind, key) DO UPDATE SET n = n + excluded.n",
            [(kind, key, n) for (kind, key), n in delta.items() if n],
        )
        db.execute("DELETE FROM counts WHERE n = 0")
