"""rekg: a bilingual knowledge graph of the rare-earth industry.

``rekg.open(store)`` opens a graph for Python and Jupyter (:mod:`rekg.notebook`). Importing ``rekg`` loads
nothing else: the graph, the store and the web app are imported when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from rekg.notebook import KnowledgeGraph

__version__ = "0.1.0"
__all__ = ["__version__", "open"]


def open(store: str | Path | None = None) -> KnowledgeGraph:
    """Open the knowledge graph at ``store`` — a store directory (opened read-only), a
    ``sparql+http://host:port/path`` URL, or ``memory:``; default ``$REKG_STORE`` or ``data/store`` — for
    lookups, entities, SPARQL, subgraphs and inline network views. See :mod:`rekg.notebook`."""
    from rekg.notebook import open as open_graph

    return open_graph(store)
