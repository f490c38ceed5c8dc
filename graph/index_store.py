"""The store's index: what the server needs at start-up, kept by the writer beside the store.

``rekg serve`` used to read the whole graph when it started — the name index, a networkx projection of every
relation and the statistics — some 110 s and 470 MB at a million quads. Now every write keeps a small SQLite
file (``rekg-index.sqlite``, beside Oxigraph's own files) up to date, per named graph: the rows of
:mod:`rekg.graph.index_rows` (types, labels, mentions, relation edges), the quads of every named graph
(``graphs``), the lookup keys of every name, and the statistics (:mod:`rekg.graph.index_counts`, moved on by
each write from what it removed and added, not counted again).

From it the server builds the name index (:meth:`IndexStore.entities`), the statistics
(:meth:`IndexStore.counts`) and, per request, a small part of the relation graph
(:class:`rekg.graph.bounded.StoreProjection`); the evidence of a fact still comes from the store by SPARQL.

**Never stale.** The file records the store generation (:mod:`rekg.graph.generation`) it describes. A
writer updates it inside the store's marked write (:meth:`IndexStore.sync`): rows of the graphs written, in
one SQLite transaction, from the generation the store had to the one it is about to have; if the file was
not at the store's generation (a crash between the two writes, a store written by an older rekg), it is
rebuilt from the whole store instead. The server checks the mark when it opens the store and rebuilds the
file when it disagrees (:func:`open_index`) — never serves it stale.

**Other backends.** A remote SPARQL server keeps no generation mark, so a local copy of its index could not
be told stale from fresh: the server rebuilds the index in memory at every start, from per-property queries
(types, labels, mentions, relations and graph sizes — not the evidence, which is most of a rekg graph). The
in-memory backend does the same.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from rekg.errors import StoreError
from rekg.graph.generation import read_generation
from rekg.graph.index_counts import SCHEMA as COUNTS_SCHEMA
from rekg.graph.index_counts import (
    Change,
    IndexCounts,
    read_counts,
    recount,
    store_counts,
)
from rekg.graph.index_rows import (
    COLUMNS,
    GraphChange,
    Row,
    Tables,
    indexed_rows,
    ox_rows,
    ox_sizes,
    store_rows,
    tables_of,
)
from rekg.graph.lookup import NameKeys, name_grams, name_keys
from rekg.graph.projection import most_specific
from rekg.graph.store import QuadStore
from rekg.ontology import ENTITY_CLASSES

log = logging.getLogger("rekg.index")

INDEX_FILE = "rekg-index.sqlite"
#: Bump when the schema or what the rows mean changes: a file of another version is rebuilt.
VERSION = 7
#: A write touching more graphs than this rebuilds the whole index (one pass over the store per property).
MOST_GRAPHS = 200
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS graphs (g TEXT PRIMARY KEY, quads INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS types (g TEXT NOT NULL, e TEXT NOT NULL, type TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS labels (g TEXT NOT NULL, e TEXT NOT NULL, pref INTEGER NOT NULL,
                                   lang TEXT NOT NULL, label TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mentions (g TEXT NOT NULL, e TEXT NOT NULL, d TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS edges (g TEXT NOT NULL, s TEXT NOT NULL, p TEXT NOT NULL, o TEXT NOT NULL,
                                  fs TEXT NOT NULL, fp TEXT NOT NULL, fo TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS name_keys (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, folded TEXT NOT NULL, core TEXT NOT NULL,
                                      loose TEXT NOT NULL, spoken TEXT NOT NULL, initials TEXT NOT NULL,
                                      words TEXT NOT NULL, han INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS grams (gram TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (gram, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS gram_counts (gram TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS name_keys_folded ON name_keys (folded);
CREATE INDEX IF NOT EXISTS name_keys_core ON name_keys (core);
CREATE INDEX IF NOT EXISTS name_keys_loose ON name_keys (loose);
CREATE INDEX IF NOT EXISTS name_keys_spoken ON name_keys (spoken);
CREATE INDEX IF NOT EXISTS name_keys_initials ON name_keys (initials);
DROP INDEX IF EXISTS labels_label;
DROP INDEX IF EXISTS labels_e;
"""
#: The indexes of the rows of graphs: dropped while the whole index is written again, then made anew. Those
#: a lookup reads hold every column it asks for (``labels_named``, ``labels_entity``, ``mentions_e``): an
#: entity or a name is read from the index alone, not from rows scattered over a large file; a file made
#: before them gets them (and loses the narrower ones they replace) when it is next opened.
_DATA_INDEXES = """
CREATE INDEX IF NOT EXISTS labels_named ON labels (label, e);
CREATE INDEX IF NOT EXISTS types_g ON types (g);
CREATE INDEX IF NOT EXISTS types_e ON types (e, type);
CREATE INDEX IF NOT EXISTS types_type ON types (type);
CREATE INDEX IF NOT EXISTS labels_g ON labels (g);
CREATE INDEX IF NOT EXISTS labels_entity ON labels (e, pref, lang, label);
CREATE INDEX IF NOT EXISTS mentions_g ON mentions (g);
CREATE INDEX IF NOT EXISTS mentions_e ON mentions (e, d);
CREATE INDEX IF NOT EXISTS edges_g ON edges (g);
CREATE INDEX IF NOT EXISTS edges_fs ON edges (fs, fp, fo);
CREATE INDEX IF NOT EXISTS edges_fo ON edges (fo, fp, fs);
"""
_DROP = "".join(
    f"DROP TABLE IF EXISTS {table};"
    for table in (
        "meta",
        "counts",
        "graphs",
        "types",
        "labels",
        "mentions",
        "edges",
        "name_keys",
        "grams",
        "gram_counts",
    )
)
_TABLES = ("graphs", "types", "labels", "mentions", "edges")  # name_keys depends on no graph


@dataclass(frozen=True)
class IndexedEntity:
    """An entity as the index knows it: its kind, preferred labels, aliases and how many documents name it."""

    iri: str
    kind: str
    labels: dict[str, str]
    alt_labels: tuple[str, ...]
    mentions: int


class IndexStore:
    """One SQLite database (a file beside the store, or in memory) holding the index."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()  # one connection, read by the server's threads in turn
        try:
            self._db = sqlite3.connect(
                str(path) if path is not None else ":memory:",
                timeout=60,
                isolation_level=None,
                check_same_thread=False,
            )
            if path is not None:  # readers keep their snapshot while a writer commits
                self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA + COUNTS_SCHEMA + _DATA_INDEXES)
            version = self._db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if version is not None and version[0] != str(VERSION):  # another rekg's: start again
                self._db.executescript(_DROP + _SCHEMA + COUNTS_SCHEMA + _DATA_INDEXES)
        except sqlite3.Error as e:
            raise StoreError(f"cannot open the index at {path}: {e}") from e

    @classmethod
    def beside(cls, directory: Path) -> IndexStore:
        return cls(directory / INDEX_FILE)

    def close(self) -> None:
        self._db.close()

    # -- the generation it describes ---------------------------------------------------------------------------

    def generation(self) -> int | None:
        """The store generation the index describes; None when unknown (never built, another version)."""
        rows = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        if rows.get("version") != str(VERSION) or "generation" not in rows:
            return None
        return int(rows["generation"])

    def pin(self) -> int | None:
        """Start the read transaction every later read sees (a reader's snapshot, whatever a writer commits
        meanwhile, until :meth:`close`), and say which generation it holds."""
        try:
            self._db.execute("BEGIN")
            return self.generation()
        except sqlite3.Error as e:
            raise StoreError(f"cannot read the index at {self.path}: {e}") from e

    def unpin(self) -> None:
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")

    def _mark(self, generation: int | None) -> None:
        """Say which generation the index (rows and counts) now describes (None: none)."""
        self._db.execute("DELETE FROM meta")
        if generation is not None:
            self._db.executemany(
                "INSERT INTO meta VALUES (?, ?)", [("version", str(VERSION)), ("generation", str(generation))]
            )

    def counts(self) -> IndexCounts:
        """The counts the writers kept (:mod:`rekg.graph.index_counts`)."""
        try:
            return read_counts(self._db)
        except sqlite3.Error as e:
            raise StoreError(f"reading the index at {self.path or 'memory'} failed: {e}") from e

    def recount(self) -> IndexCounts:
        """The same counts, counted again from every row."""
        try:
            return recount(self._db)
        except sqlite3.Error as e:
            raise StoreError(f"reading the index at {self.path or 'memory'} failed: {e}") from e

    # -- writing -----------------------------------------------------------------------------------------------

    def sync(
        self,
        store: ox.Store,
        directory: Path,
        graphs: Sequence[str] | None,
        change: GraphChange | None = None,
    ) -> None:
        """Inside a marked write of the embedded store at ``directory``, after its data is written: take in
        the named ``graphs`` (None: every graph) — or only the ``change`` made to one — and move the index on
        to the next generation. A failure leaves the index marked unknown (to be rebuilt), never
        half-written and believed."""
        before = read_generation(directory).number
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if graphs is None or len(graphs) > MOST_GRAPHS or self.generation() != before:
                    self._fill(ox_rows(store), ox_sizes(store), everything=True)
                elif change is not None:
                    self._change(change)
                else:
                    self._replace(graphs, store)
                self._mark(before + 1)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        except sqlite3.Error as e:
            log.warning("the index beside %s could not be updated; it will be rebuilt: %s", directory, e)
            self._forget()

    def _forget(self) -> None:
        try:
            self._db.execute("DELETE FROM meta")
        except sqlite3.Error as e:
            log.warning("the index could not be marked stale either (it will be once it is read): %s", e)

    def _replace(self, graphs: Sequence[str], store: ox.Store) -> None:
        """The rows of ``graphs`` read again from ``store``, the counts moved on by the difference."""
        change = Change.before(self._db, graphs)
        self._delete(graphs)
        rows: list[Row] = []
        sizes: dict[str, int] = {}
        for name in graphs:
            quads = list(store.quads_for_pattern(None, None, None, ox.NamedNode(name)))
            rows += indexed_rows(quads, name)
            if quads:
                sizes[name] = len(quads)
        tables = tables_of(rows)
        change.settle(self._db, tables.types, tables.labels, tables.edges)
        self._write(tables)
        self._db.executemany("INSERT OR REPLACE INTO graphs VALUES (?, ?)", sizes.items())

    def _change(self, change: GraphChange) -> None:
        """The rows of the quads a change removed deleted, of those it added written, the counts moved on."""
        old = tables_of(indexed_rows(change.removed, change.graph))
        new = tables_of(indexed_rows(change.added, change.graph))
        moved = Change.of(old.types, old.labels, old.edges)
        for table, rows in zip(_TABLES[1:], (old.types, old.labels, old.mentions, old.edges), strict=True):
            if rows:
                match = " AND ".join(f"{column} = ?" for column in COLUMNS[table])
                self._db.executemany(f"DELETE FROM {table} WHERE {match}", rows)
        moved.settle(self._db, new.types, new.labels, new.edges)
        self._write(new)
        self._db.execute(
            "INSERT INTO graphs VALUES (?, ?) ON CONFLICT (g) DO UPDATE SET quads = quads + excluded.quads",
            (change.graph, len(change.added) - len(change.removed)),
        )
        self._db.execute("DELETE FROM graphs WHERE quads <= 0")

    def _delete(self, graphs: Sequence[str]) -> None:
        for table in _TABLES:
            self._db.executemany(f"DELETE FROM {table} WHERE g = ?", [(g,) for g in graphs])

    def rebuild(self, rows: Iterable[Row], sizes: dict[str, int], generation: int | None) -> None:
        """Replace the whole index with ``rows`` (and the graph ``sizes``), marked as ``generation``."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._fill(rows, sizes, everything=True)
                self._mark(generation)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        except sqlite3.Error as e:
            raise StoreError(f"cannot write the index at {self.path}: {e}") from e

    def _fill(self, rows: Iterable[Row], sizes: dict[str, int], *, everything: bool) -> None:
        indexes = [line for line in _DATA_INDEXES.splitlines() if line.strip()]
        if everything:
            for table in _TABLES:
                self._db.execute(f"DELETE FROM {table}")
            for line in indexes:  # rows go in faster without them
                self._db.execute(f"DROP INDEX IF EXISTS {line.split()[5]}")
        batch: list[Row] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= 50_000:
                self._write(tables_of(batch))
                batch = []
        self._write(tables_of(batch))
        self._db.executemany("INSERT OR REPLACE INTO graphs VALUES (?, ?)", sizes.items())
        for line in indexes:
            self._db.execute(line)
        store_counts(self._db, recount(self._db))

    def _write(self, tables: Tables) -> None:
        self._db.executemany("INSERT INTO types VALUES (?, ?, ?)", tables.types)
        self._db.executemany("INSERT INTO labels VALUES (?, ?, ?, ?, ?)", tables.labels)
        self._keep_name_keys({row[4] for row in tables.labels})
        self._db.executemany("INSERT INTO mentions VALUES (?, ?, ?)", tables.mentions)
        self._db.executemany("INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?, ?)", tables.edges)

    def _keep_name_keys(self, names: set[str]) -> None:
        """Work out the lookup keys (pinyin above all, which is slow) of the names not seen before."""
        ordered = sorted(names)
        new: list[str] = []
        for start in range(0, len(ordered), CHUNK):
            chunk = ordered[start : start + CHUNK]
            sql = f"SELECT name FROM name_keys WHERE name IN ({','.join('?' * len(chunk))})"
            seen = {row[0] for row in self._db.execute(sql, chunk)}
            new.extend(name for name in chunk if name not in seen)
        rows = []
        grams: Counter[str] = Counter()
        filed = []
        for name in new:
            keys = name_keys(name)
            words = " ".join(keys.words)
            rows.append(
                (name, keys.folded, keys.core, keys.loose, keys.spoken, keys.initials, words, keys.han)
            )
            found = name_grams(keys)
            grams.update(found)
            filed.extend((gram, name) for gram in found)
        self._db.executemany(
            "INSERT OR IGNORE INTO name_keys (name, folded, core, loose, spoken, initials, words, han)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        ids: dict[str, int] = {}
        for start in range(0, len(new), CHUNK):
            chunk = new[start : start + CHUNK]
            sql = f"SELECT name, id FROM name_keys WHERE name IN ({','.join('?' * len(chunk))})"
            ids.update(self._db.execute(sql, chunk).fetchall())
        self._db.executemany("INSERT OR IGNORE INTO grams VALUES (?, ?)", [(g, ids[n]) for g, n in filed])
        self._db.executemany(
            "INSERT INTO gram_counts VALUES (?, ?) ON CONFLICT (gram) DO UPDATE SET n = n + excluded.n",
            grams.items(),
        )

    # -- reading -----------------------------------------------------------------------------------------------

    def name_keys(self) -> dict[str, NameKeys]:
        """The lookup keys of every name the store has had (worked out when it was written)."""
        return {
            str(name): NameKeys(
                str(folded),
                str(core),
                str(loose),
                str(spoken),
                str(initials),
                tuple(str(words).split()),
                bool(han),
            )
            for name, folded, core, loose, spoken, initials, words, han in self.query(
                "SELECT name, folded, core, loose, spoken, initials, words, han FROM name_keys"
            )
        }

    def query(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[object, ...]]:
        """Rows of one read (the modules reading the index keep their SQL with them)."""
        try:
            with self._lock, closing(self._db.execute(sql, parameters)) as cursor:
                return cursor.fetchall()
        except sqlite3.Error as e:
            raise StoreError(f"reading the index at {self.path or 'memory'} failed: {e}") from e

    def entities(self, iris: Iterable[str] | None = None) -> dict[str, IndexedEntity]:
        """Every entity (or those of ``iris``) with a class and a label, as the name index reads them."""
        wanted = None if iris is None else sorted(set(iris))
        kinds: dict[str, set[str]] = {}
        for chunk in _chunks(wanted):
            where, args = _among("e", chunk)
            sql = f"SELECT DISTINCT e, type FROM types WHERE {where} AND type IN ({','.join('?' * len(_CLASSES))})"
            for entity, rdf_type in self.query(sql, [*args, *_CLASSES]):
                kind = ENTITY_CLASSES.get(URIRef(str(rdf_type)))
                if kind is None:
                    continue
                kinds.setdefault(str(entity), set()).add(kind)
        labels: dict[str, dict[str, str]] = {}
        aliases: dict[str, list[str]] = {}
        mentions: dict[str, int] = {}
        for chunk in _chunks(wanted):
            where, args = _among("e", chunk)
            sql = f"SELECT DISTINCT e, pref, lang, label FROM labels WHERE {where} ORDER BY e, pref, lang, label"
            for entity, pref, language, label in self.query(sql, args):
                iri = str(entity)
                if iri not in kinds:
                    continue
                if pref:
                    labels.setdefault(iri, {}).setdefault(str(language), str(label))
                else:
                    known = aliases.setdefault(iri, [])
                    if str(label) not in known:
                        known.append(str(label))
            sql = f"SELECT e, COUNT(DISTINCT d) FROM mentions WHERE {where} GROUP BY e"
            for entity, count in self.query(sql, args):
                mentions[str(entity)] = int(str(count))
        return {
            iri: IndexedEntity(
                iri, kind, labels.get(iri, {}), tuple(aliases.get(iri, ())), mentions.get(iri, 0)
            )
            for iri, kind in sorted((iri, most_specific(found)) for iri, found in kinds.items())
        }


_CLASSES = tuple(sorted(str(c) for c in ENTITY_CLASSES))
#: Names asked about in one query.
CHUNK = 500


def _chunks(values: list[str] | None, size: int = CHUNK) -> Iterator[list[str] | None]:
    if values is None:
        yield None
        return
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _among(column: str, values: list[str] | None) -> tuple[str, list[str]]:
    """A WHERE clause keeping rows whose ``column`` is one of ``values`` (all rows for None)."""
    if values is None:
        return "1", []
    return f"{column} IN ({','.join('?' * len(values))})", values


# -- reading the store -----------------------------------------------------------------------------------------


def build_index(store: QuadStore, index: IndexStore, generation: int | None) -> None:
    """Fill ``index`` from the whole of ``store`` (the embedded store through its own fast path)."""
    raw = getattr(store, "oxigraph", None)
    if isinstance(raw, ox.Store):
        index.rebuild(ox_rows(raw), ox_sizes(raw), generation)
        return
    sizes = {str(name): count for name, count in store.counts().graphs.items()}
    index.rebuild(store_rows(store), sizes, generation)


def open_index(store: QuadStore) -> IndexStore:
    """The index for a reader of ``store``, at the generation of the store's snapshot.

    For the embedded store, the file beside it when it is at the store's generation; otherwise it is rebuilt
    from the store's snapshot — kept in the file (for the next reader) only if no writer moved the mark
    meanwhile, and held in memory when the directory cannot be written. Other backends: in memory, rebuilt.
    """
    if store.backend != "oxigraph":
        return _in_memory(store)
    mark = store.generation()
    try:
        index = IndexStore.beside(Path(store.location))
        held = index.pin()
    except StoreError as e:
        log.warning("the index beside %s cannot be opened (%s): building one in memory", store.location, e)
        return _in_memory(store)
    if held is not None and held == getattr(mark, "number", None) and not getattr(mark, "writing", True):
        return index
    index.unpin()
    if getattr(mark, "writing", True):  # a write under way (or cut short): this snapshot's own index
        index.close()
        log.info("the store at %s is being written: building its index in memory", store.location)
        return _in_memory(store)
    log.info("the index beside %s is not at the store's generation: rebuilding it", store.location)
    try:
        build_index(store, index, getattr(mark, "number", None))
    except StoreError as e:
        index.close()
        log.warning("the index beside %s cannot be rebuilt (%s): building one in memory", store.location, e)
        return _in_memory(store)
    if store.generation() != mark:  # a writer came in meanwhile: what was written may describe either
        index.close()
        return _in_memory(store)
    index.pin()
    return index


def _in_memory(store: QuadStore) -> IndexStore:
    index = IndexStore(None)
    build_index(store, index, None)
    return index
