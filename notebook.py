"""rekg from Python and Jupyter: ``kg = rekg.open(store)``, then look names up, describe entities, run SPARQL,
take subgraphs as networkx graphs and draw them inline.

Everything answers through the code the web app and the CLI use: names are looked up by
:class:`rekg.graph.lookup.NameIndex` and resolved as :func:`rekg.api.routes_entities.resolve` resolves them
(a name below the lookup floor is a :class:`rekg.api.problems.NameNotFoundError` carrying the suggestions,
never a guess); entities are described by :class:`rekg.api.entities.Describer` (the JSON of
``/api/entities/<kind>/<slug>``); subgraphs are the networkx projection as :func:`rekg.graph.export_network.network`
exports it; the drawing is the network page's (:func:`rekg.api.network.vis_network`, with pyvis's bundled
vis-network inlined: nothing is fetched from another host).

An embedded store is opened read-only — a writer may work on it meanwhile — and seen as it was when opened.
The name index and the projection are built on first use and kept until :meth:`KnowledgeGraph.close`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import networkx as nx
from rdflib import BNode, Literal
from rdflib.term import Node

from rekg.errors import QueryError, RekgError, StoreError
from rekg.graph.lookup import KIND_ORDER, Lookup, NameIndex
from rekg.graph.store import QuadStore, open_store

if TYPE_CHECKING:
    import pandas

    from rekg.api.entities import Describer

#: Rows of a SELECT answer: one dict per solution, variable name → plain Python value (None when unbound).
Rows = list[dict[str, Any]]
#: Python values a typed literal may become; any other (gYear, an ill-typed literal …) stays its lexical form.
_PLAIN = (str, bool, int, float, Decimal, date, time, datetime, timedelta, bytes)
#: The most entities :meth:`KnowledgeGraph.show` draws unless told otherwise (the network page's focus limit).
SHOW_LIMIT = 150


def open(store: str | Path | None = None) -> KnowledgeGraph:
    """Open the knowledge graph at ``store``: a directory holding an embedded store (opened read-only), a
    ``sparql+http://host:port/path`` URL of a SPARQL server, or ``memory:``. Default: ``$REKG_STORE`` or
    ``data/store``, as for the ``rekg`` command. Raises :class:`rekg.errors.StoreNotFoundError` when there
    is no store there."""
    from rekg.settings import get_settings

    location = store if store is not None else get_settings().store
    return KnowledgeGraph(open_store(location, read_only=True))


@dataclass(frozen=True)
class NetworkView:
    """A drawn subgraph. Jupyter shows it inline (``_repr_html_``: the page in a sandboxed ``<iframe>``);
    :meth:`save` writes the page as a standalone HTML file. ``shown`` of ``total`` entities are drawn."""

    document: str  # the whole HTML page, vis-network and the data inline
    shown: int
    total: int
    height: int = 600

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.document, quote=True)}" sandbox="allow-scripts" '
            f'style="width: 100%; height: {self.height + 40}px; border: 0" title="rekg network"></iframe>'
        )

    def save(self, path: str | Path) -> Path:
        """Write the page (UTF-8) and return its path."""
        target = Path(path)
        target.write_text(self.document, encoding="utf-8")
        return target


class KnowledgeGraph:
    """The graph in one store, for notebooks and scripts. Use it as a context manager, or call :meth:`close`."""

    def __init__(self, store: QuadStore) -> None:
        self._store = store
        self._closed = False

    # -- the store ---------------------------------------------------------------------------------------------

    @property
    def store(self) -> QuadStore:
        """The underlying store (:class:`rekg.graph.store.QuadStore`), for what this API does not cover."""
        self._check_open()
        return self._store

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Release the store; closing twice is harmless. Every method raises StoreError afterwards."""
        if not self._closed:
            self._closed = True
            self._store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._closed else "open"
        return f"<rekg.KnowledgeGraph {self._store.location!r} ({self._store.backend}, {state})>"

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("this knowledge graph is closed: open it again with rekg.open()")

    # -- views built on first use ------------------------------------------------------------------------------

    @cached_property
    def index(self) -> NameIndex:
        """The name index (every label, alias, pinyin and initials key), built from the store once."""
        self._check_open()
        return NameIndex.from_store(self._store)

    @cached_property
    def describer(self) -> Describer:
        """The entity describer of the API, over the networkx projection (built from the store once)."""
        from rekg.api.entities import Describer
        from rekg.api.vocabulary import Vocabulary
        from rekg.graph.iri import IriMinter
        from rekg.graph.projection import EntityGraph
        from rekg.settings import get_settings

        self._check_open()
        projection = EntityGraph.from_store(self._store)
        return Describer(self._store, projection, Vocabulary.load(), IriMinter(get_settings().base))

    # -- names and entities ------------------------------------------------------------------------------------

    def lookup(self, name: str, *, type: str | None = None, limit: int = 10) -> Lookup:
        """Candidates for ``name`` — simplified or traditional Chinese, English, pinyin, initials, a short
        name — best first, at most ``limit``: a :class:`rekg.graph.lookup.Lookup` whose ``hits`` score at
        least the floor (the name is one of theirs) and whose ``suggestions`` score below it ("did you mean").
        Each is a frozen :class:`rekg.graph.lookup.LookupHit`: ``iri``, ``kind``, ``labels`` (by language tag),
        ``alt_labels``, ``score``, ``match``, ``matched_name``, ``suggestion``. ``type``: only this kind."""
        self._check_open()
        if type is not None and type not in KIND_ORDER:
            raise RekgError(f"unknown type {type!r}; use one of {', '.join(KIND_ORDER)}")
        return self.index.find(name, kind=type, limit=limit)

    def resolve(self, name_or_iri: str) -> str:
        """The IRI of the entity a name, an IRI or a ``kind/slug`` stands for — the best lookup hit, as the
        API resolves it. A name with no hit raises :class:`rekg.api.problems.NameNotFoundError` (``query``,
        ``suggestions``); an unknown IRI :class:`rekg.api.problems.NotFoundError`."""
        from rekg.api.routes_entities import resolve

        self._check_open()
        return resolve(name_or_iri, self.index, self.describer)

    def entity(self, name_or_iri: str) -> dict[str, Any]:
        """An entity as ``/api/entities/<kind>/<slug>`` has it: ``iri``, ``kind``, ``labels`` (``zh-Hans``,
        ``zh-Hant``, ``en``), ``altLabels``, ``attributes``, ``quantities``, ``documents``, and ``relations``
        — each with ``relation``, ``direction``, the other ``entity`` and its ``evidence`` (document, sentence).
        Any IRI the store knows (a source document too) is described; names resolve as :meth:`resolve`."""
        text = name_or_iri.strip()
        iri = text if text.startswith(("http://", "https://")) else self.resolve(text)
        self._check_open()
        return self.describer.describe(iri)

    # -- SPARQL ------------------------------------------------------------------------------------------------

    def sparql(
        self, query: str, *, as_frame: bool = False, limit: int | None = None
    ) -> Rows | bool | pandas.DataFrame:
        """Run a read-only SPARQL query over the union of all graphs. SELECT: a list of dicts, one per row,
        variable → plain Python value (IRIs and blank nodes as strings, literals as ``str``, ``int``,
        ``float``, ``Decimal``, ``bool``, ``date`` … by datatype, a language-tagged literal as its text, None
        when unbound). CONSTRUCT and DESCRIBE: one row per triple (``subject``, ``predicate``, ``object``).
        ASK: a bool. ``as_frame``: a pandas DataFrame of the rows instead (pandas is optional:
        ``pip install 'rekg[notebook]'``). ``limit``: read at most this many rows."""
        self._check_open()
        if as_frame:
            try:
                import pandas
            except ImportError as e:
                raise RekgError(
                    "as_frame=True needs pandas, which is not installed: pip install 'rekg[notebook]' "
                    "(or pandas), or leave as_frame out for a list of dicts"
                ) from e
        result = self._store.query(query, limit=limit)
        if result.type == "ASK":
            if as_frame:
                raise QueryError("an ASK query answers true or false, not a table: leave as_frame out")
            return bool(result.askAnswer)
        if result.type == "CONSTRUCT":
            columns = ["subject", "predicate", "object"]
            triples = result.graph if result.graph is not None else ()
            rows = [dict(zip(columns, map(plain, triple), strict=True)) for triple in triples]
        else:
            columns = [str(v) for v in result.vars or []]
            rows = [dict(zip(columns, map(plain, row), strict=True)) for row in result]  # type: ignore[call-overload]
        if as_frame:
            return pandas.DataFrame(rows, columns=columns)
        return rows

    # -- networks ----------------------------------------------------------------------------------------------

    def subgraph(
        self, names_or_iris: str | Iterable[str], *, depth: int = 1, language: str = "zh"
    ) -> nx.MultiDiGraph:
        """The entities within ``depth`` relations (either way) of the named ones, and every relation among
        them, as GraphML and GEXF export them. Nodes: entity IRIs with ``label`` (the name in ``language``,
        zh or en), ``kind``, ``zh_Hans``, ``zh_Hant``, ``en``. Edges (keyed by relation): ``relation``,
        ``predicate`` (IRI), ``evidence`` (the best sentence), ``document``, ``documentTitle`` (the three
        absent when no document states the fact, a curated one), ``evidenceCount``, and ``evidenceItems``:
        every :class:`rekg.graph.projection.Evidence` (document, title, sentence, confidence, offsets). ``graph.graph["focus"]`` lists the named entities' IRIs."""
        from rekg.graph.export_network import network

        centres, nodes = self._neighbourhood(names_or_iris, depth)
        projection = self.describer.projection
        out = network(projection, language=language, nodes=set(nodes))
        for source, target, key, data in out.edges(keys=True, data=True):
            data["evidenceItems"] = projection.graph.edges[source, target, key]["edge"].evidence
        out.graph["focus"] = centres
        return out

    def show(
        self,
        names_or_iris: str | Iterable[str],
        *,
        depth: int = 1,
        language: str = "zh",
        limit: int = SHOW_LIMIT,
        height: int = 600,
    ) -> NetworkView:
        """Draw :meth:`subgraph` as the network page does — colours and shapes by kind, relations labelled
        in ``language``, the named entities larger — at most ``limit`` entities (the nearest first). Works
        offline: vis-network is inlined, and every name reaches the page escaped."""
        from rekg.api.network import LANGUAGES, vis_network, vis_resources

        if language not in LANGUAGES:
            raise RekgError(f"unknown label language {language!r}; use zh or en")
        if limit < 1:
            raise RekgError("limit must be at least 1")
        centres, nodes = self._neighbourhood(names_or_iris, depth)
        shown = nodes[:limit]
        vis = vis_network(self.describer, shown, language=language, focus=set(centres))
        resources = vis_resources()
        data = {"nodes": vis.nodes, "edges": vis.edges, "options": vis.options}
        caption = self._caption(centres, len(shown), len(nodes), language)
        return NetworkView(
            document=_page(data, resources.script, resources.style, caption, height),
            shown=len(shown),
            total=len(nodes),
            height=height,
        )

    def _neighbourhood(self, names_or_iris: str | Iterable[str], depth: int) -> tuple[list[str], list[str]]:
        """The named entities' IRIs, and every entity within ``depth`` of them: the named ones first, then
        the nearest."""
        if depth < 0:
            raise RekgError("depth must be 0 or more")
        names = [names_or_iris] if isinstance(names_or_iris, str) else list(names_or_iris)
        if not names:
            raise RekgError("name at least one entity")
        centres = list(dict.fromkeys(self.resolve(name) for name in names))
        projection = self.describer.projection
        nodes = list(centres)
        seen = set(nodes)
        for centre in centres:
            for iri in projection.neighbourhood(centre, depth):
                if iri not in seen:
                    seen.add(iri)
                    nodes.append(iri)
        return centres, nodes

    def _caption(self, centres: list[str], shown: int, total: int, language: str) -> str:
        from rekg.api.network import label_in

        projection = self.describer.projection
        names = "、".join(label_in(projection.labels(iri), language, iri) for iri in centres)
        count = f"{shown} of {total} entities" if shown < total else f"{total} entities"
        return f"{names} — {count}"


def plain(term: Node | None) -> Any:
    """An RDF term as a plain Python value (see :meth:`KnowledgeGraph.sparql`)."""
    if term is None:
        return None
    if isinstance(term, Literal):
        if term.language or term.datatype is None:
            return str(term)
        value = term.toPython()
        return value if isinstance(value, _PLAIN) else str(term)
    if isinstance(term, BNode):
        return term.n3()
    return str(term)  # an IRI


def _page(data: dict[str, Any], script: str, style: str, caption: str, height: int) -> str:
    """A standalone page drawing ``data`` with the inlined vis-network. The data goes in as HTML-safe JSON
    (``<``, ``>``, ``&``, ``'`` escaped, as the app's ``tojson`` does) and the caption as escaped text."""
    from jinja2.utils import htmlsafe_json_dumps

    payload = htmlsafe_json_dumps(data, dumps=json.dumps, ensure_ascii=False)
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>rekg network</title>
<style>{style}</style>
<style>
body {{ margin: 0; font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; }}
#network {{ width: 100%; height: {int(height)}px; border: 1px solid #d5d8dc; box-sizing: border-box; }}
p {{ margin: 4px 2px; font-size: 13px; color: #4d5656; }}
</style>
<script>{script}</script>
</head><body>
<div id="network"></div>
<p>{html.escape(caption)}</p>
<script type="application/json" id="network-data">{payload}</script>
<script>
const data = JSON.parse(document.getElementById("network-data").textContent);
new vis.Network(
  document.getElementById("network"),
  {{ nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges) }},
  data.options
);
</script>
</body></html>
"""
