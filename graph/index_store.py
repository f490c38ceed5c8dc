"""The store's index: what the server needs at start-up, kept by the writer beside the store.

``rekg serve`` used to read the whole graph when it started — the name index, a networkx projection of every
relation and the statistics — some 110 s and 470 MB at a million quads. Now every write keeps a small SQLite
file (``rekg-index.sqlite``, beside Oxigraph's own files) up to date, per named graph:

- ``types`` — ``?e a ?class`` for the entity classes, ``rek:SourceDocument`` and ``rek:Assertion``;
- ``labels`` — ``skos:prefLabel`` and ``skos:altLabel`` with their language;
- ``mentions`` — ``?e rek:mentionedIn ?document``;
- ``edges`` — the relation properties between two IRIs, with their forward form (``hasSubsidiary`` turned
  round into ``subsidiaryOf``, as in :mod:`rekg.graph.projection`);
- ``graphs`` — the quads of every named graph.

From it the server builds the name index (:meth:`IndexStore.entries`), the statistics
(:meth:`IndexStore.statistics`) and, per request, a small part of the relation graph
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

import json
import logging
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import SKOS

from rekg.errors import StoreError
from rekg.graph.generation import read_generation
from rekg.graph.lookup import NameKeys, name_grams, name_keys
from rekg.graph.projection import most_specific
from rekg.graph.store import QuadStore
from rekg.graph.terms import bcp47_case
from rekg.ontology import ENTITY_CLASSES, REK, RELATION_PROPERTIES

log = logging.getLogger("rekg.index")

INDEX_FILE = "rekg-index.sqlite"
#: Bump when the schema or what the rows mean changes: a file of another version is rebuilt.
VERSION = 6
#: A write touching more graphs than this rebuilds the whole index (one pass over the store per property).
MOST_GRAPHS = 200
#: Inverse properties and the forward property each is folded into (as in the projection).
INVERSES = {str(REK.hasSubsidiary): str(REK.subsidiaryOf), str(REK.operatedBy): str(REK.operates)}
_TYPED = frozenset({str(c) for c in ENTITY_CLASSES} | {str(REK.SourceDocument), str(REK.Assertion)})
_RELATIONS = frozenset(str(p) for p in RELATION_PROPERTIES)
_PREF, _ALT, _TYPE, _MENTIONED = str(SKOS.prefLabel), str(SKOS.altLabel), str(RDF.type), str(REK.mentionedIn)
#: The properties whose triples the index keeps.
INDEXED = (_TYPE, _PREF, _ALT, _MENTIONED, *sorted(_RELATIONS))

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
"""
#: The indexes of the rows of graphs: dropped while the whole index is written again, then made anew.
_DATA_INDEXES = """
CREATE INDEX IF NOT EXISTS labels_label ON labels (label);
CREATE INDEX IF NOT EXISTS types_g ON types (g);
CREATE INDEX IF NOT EXISTS types_e ON types (e, type);
CREATE INDEX IF NOT EXISTS types_type ON types (type);
CREATE INDEX IF NOT EXISTS labels_g ON labels (g);
CREATE INDEX IF NOT EXISTS labels_e ON labels (e);
CREATE INDEX IF NOT EXISTS mentions_g ON mentions (g);
CREATE INDEX IF NOT EXISTS edges_g ON edges (g);
CREATE INDEX IF NOT EXISTS edges_fs ON edges (fs, fp, fo);
CREATE INDEX IF NOT EXISTS edges_fo ON edges (fo, fp, fs);
"""
_DROP = "".join(
    f"DROP TABLE IF EXISTS {table};"
    for table in (
        "meta",
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


_COUNT_GRAPHS = "SELECT g, quads FROM graphs ORDER BY g"
_COUNT_ENTITIES = "SELECT type, COUNT(DISTINCT e) FROM types GROUP BY type"
_COUNT_RELATIONS = "SELECT p, COUNT(*) FROM (SELECT DISTINCT s, p, o FROM edges) GROUP BY p"
_COUNT_BILINGUAL = """
SELECT COUNT(*) FROM (
  SELECT e FROM labels WHERE pref = 1 GROUP BY e
  HAVING SUM(lower(lang) = 'zh-hans' OR lower(lang) LIKE 'zh-hans-%') > 0
     AND SUM(lower(lang) = 'en' OR lower(lang) LIKE 'en-%') > 0
)
"""


@dataclass(frozen=True)
class IndexedEntity:
    """An entity as the index knows it: its kind, preferred labels, aliases and how many documents name it."""

    iri: str
    kind: str
    labels: dict[str, str]
    alt_labels: tuple[str, ...]
    mentions: int


Row = tuple[str, str, object, str]  # subject, predicate, object (an ox or rdflib term), graph


def _value(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode) else str(term)


def _language(term: object) -> str | None:
    """The language of a literal (``""`` without one); None for a term that is no literal."""
    if isinstance(term, ox.Literal):
        return bcp47_case(term.language or "")
    if isinstance(term, Literal):
        return bcp47_case(term.language or "")
    return None


def _is_iri(term: object) -> bool:
    return isinstance(term, ox.NamedNode | URIRef)


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
            self._db.executescript(_SCHEMA + _DATA_INDEXES)
            version = self._db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if version is not None and version[0] != str(VERSION):  # another rekg's: start again
                self._db.executescript(_DROP + _SCHEMA + _DATA_INDEXES)
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
        """Say which generation the index now describes (None: none), with its counts."""
        self._db.execute("DELETE FROM meta")
        if generation is not None:
            counts = json.dumps(asdict(self._count()), ensure_ascii=False)
            self._db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("version", str(VERSION)), ("generation", str(generation)), ("counts", counts)],
            )

    def _count(self) -> IndexCounts:
        def one(sql: str, *args: str) -> int:
            return int(self._db.execute(sql, args).fetchone()[0])

        def grouped(sql: str) -> dict[str, int]:
            return {str(key): int(n) for key, n in self._db.execute(sql).fetchall()}

        of_type = "SELECT COUNT(DISTINCT e) FROM types WHERE type = ?"
        return IndexCounts(
            graphs=grouped(_COUNT_GRAPHS),
            entities=grouped(_COUNT_ENTITIES),
            relations=grouped(_COUNT_RELATIONS),
            assertions=one(of_type, str(REK.Assertion)),
            documents=one(of_type, str(REK.SourceDocument)),
            bilingual=one(_COUNT_BILINGUAL),
        )

    def counts(self) -> IndexCounts:
        """The counts the writer kept with the generation; counted now for an index built in memory."""
        try:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'counts'").fetchone()
            return IndexCounts(**json.loads(row[0])) if row is not None else self._count()
        except sqlite3.Error as e:
            raise StoreError(f"reading the index at {self.path or 'memory'} failed: {e}") from e

    # -- writing -----------------------------------------------------------------------------------------------

    def sync(self, store: ox.Store, directory: Path, graphs: Sequence[str] | None) -> None:
        """Inside a marked write of the embedded store at ``directory``, after its data is written: take in
        the named ``graphs`` (None: every graph) and move the index on to the next generation. A failure
        leaves the index marked unknown (to be rebuilt), never half-written and believed."""
        before = read_generation(directory).number
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if graphs is None or len(graphs) > MOST_GRAPHS or self.generation() != before:
                    self._fill(_ox_rows(store), _ox_sizes(store), everything=True)
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
        self._delete(graphs)
        for name in graphs:
            node = ox.NamedNode(name)
            quads = store.quads_for_pattern(None, None, None, node)
            count = 0
            rows: list[Row] = []
            for quad in quads:
                count += 1
                if quad.predicate.value in _INDEXED_SET:
                    rows.append((_value(quad.subject), quad.predicate.value, quad.object, name))
            self._insert(rows)
            if count:
                self._db.execute("INSERT OR REPLACE INTO graphs VALUES (?, ?)", (name, count))

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
                self._insert(batch)
                batch = []
        self._insert(batch)
        self._db.executemany("INSERT OR REPLACE INTO graphs VALUES (?, ?)", sizes.items())
        for line in indexes:
            self._db.execute(line)

    def _insert(self, rows: Iterable[Row]) -> None:
        types, labels, mentions, edges = [], [], [], []
        for s, p, o, g in rows:
            if p == _TYPE:
                if _value(o) in _TYPED:
                    types.append((g, s, _value(o)))
            elif p in (_PREF, _ALT):
                language = _language(o)
                if language is not None:
                    labels.append((g, s, int(p == _PREF), language, _value(o)))
            elif p == _MENTIONED:
                mentions.append((g, s, _value(o)))
            elif p in _RELATIONS and _is_iri(o):
                target = _value(o)
                forward = INVERSES.get(p)
                fs, fp, fo = (target, forward, s) if forward else (s, p, target)
                edges.append((g, s, p, target, fs, fp, fo))
        self._db.executemany("INSERT INTO types VALUES (?, ?, ?)", types)
        self._db.executemany("INSERT INTO labels VALUES (?, ?, ?, ?, ?)", labels)
        self._keep_name_keys({row[4] for row in labels})
        self._db.executemany("INSERT INTO mentions VALUES (?, ?, ?)", mentions)
        self._db.executemany("INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?, ?)", edges)

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


_INDEXED_SET = frozenset(INDEXED)
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


def _ox_rows(store: ox.Store) -> Iterator[Row]:
    for predicate in INDEXED:
        for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            if isinstance(quad.graph_name, ox.NamedNode):
                yield (_value(quad.subject), predicate, quad.object, quad.graph_name.value)


_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def _ox_sizes(store: ox.Store) -> dict[str, int]:
    return {
        solution["g"].value: int(solution["n"].value)  # type: ignore[union-attr]
        for solution in store.query(_SIZES)  # type: ignore[union-attr]
    }


_PROPERTY = "SELECT ?s ?o ?g WHERE { GRAPH ?g { ?s <%s> ?o } }"


def store_rows(store: QuadStore) -> Iterator[Row]:
    """The indexed triples of any backend, one SPARQL query per property (a remote server included)."""
    for predicate in INDEXED:
        for row in store.query(_PROPERTY % predicate):
            s, o, g = row  # type: ignore[misc]
            if isinstance(g, URIRef):
                yield (str(s), predicate, o, str(g))


def build_index(store: QuadStore, index: IndexStore, generation: int | None) -> None:
    """Fill ``index`` from the whole of ``store`` (the embedded store through its own fast path)."""
    raw = getattr(store, "oxigraph", None)
    if isinstance(raw, ox.Store):
        index.rebuild(_ox_rows(raw), _ox_sizes(raw), generation)
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
