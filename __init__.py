"""rekg: a bilingual knowledge graph of the rare-earth industry."""

__version__ = "0.1.0"
