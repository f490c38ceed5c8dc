"""Entity IRIs: ``<base>/id/<kind>/<slug>``, minted deterministically from a name.

The slug is the name's pinyin (curated readings first). Two different names with the same pinyin are told
apart by the linker, which asks for a hash suffix on the second; curated entities pin theirs.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass

from rdflib import URIRef

from rekg.graph.pinyin import slug as pinyin_slug

DEFAULT_BASE = "https://w3id.org/rekg/"
_SLUG_OK = re.compile(r"^[0-9a-z][0-9a-z-]*$")


def name_hash(name: str, length: int = 6) -> str:
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class IriMinter:
    """Mints and parses entity IRIs under one base (``REKG_BASE`` or the w3id default)."""

    base: str = DEFAULT_BASE

    @classmethod
    def from_environment(cls) -> IriMinter:
        base = os.environ.get("REKG_BASE", DEFAULT_BASE)
        return cls(base if base.endswith("/") else base + "/")

    def entity(self, kind: str, slug: str) -> URIRef:
        if not _SLUG_OK.match(slug):
            raise ValueError(f"not a valid slug: {slug!r}")
        return URIRef(f"{self.base}id/{kind}/{slug}")

    def mint(self, kind: str, name: str, *, disambiguate: bool = False) -> URIRef:
        """The IRI of a named entity of this kind; ``disambiguate`` when another name has the same pinyin."""
        return self.entity(kind, slug_for_name(name, disambiguate=disambiguate))

    def document(self, source_path: str, *, disambiguate: bool = False) -> URIRef:
        """A document's IRI, from its source path (its identity; the file name for the bundled documents).
        The readable slug can be shared by two paths (``a b.txt``, ``a-b.txt``): ``disambiguate`` adds a hash
        of the path, for the second one (see :func:`rekg.ingest.pipeline.document_graph`)."""
        return self.entity("document", slug_for_name(source_path, disambiguate=disambiguate))

    def node(self, kind: str, key: str) -> URIRef:
        """An IRI for a node with no name of its own (assertion, quantity, agreement) from a stable key."""
        return URIRef(f"{self.base}id/{kind}/{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}")

    def parse(self, iri: str) -> tuple[str, str] | None:
        """``(kind, slug)`` of an entity IRI under this base, or None."""
        prefix = f"{self.base}id/"
        if not iri.startswith(prefix):
            return None
        kind, _, slug = iri[len(prefix) :].partition("/")
        return (kind, slug) if kind and slug and "/" not in slug else None


def slug_for_name(name: str, *, disambiguate: bool = False) -> str:
    """The pinyin slug of a name; ``disambiguate`` appends a short hash of the name (for homophones).

    A name with no readable letters at all gets a hash only.
    """
    readable = pinyin_slug(name, max_length=72)
    if not readable:
        return name_hash(name, 12)
    return f"{readable}-{name_hash(name)}" if disambiguate else readable
