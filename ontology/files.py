"""Where the ontology files are, and the ontology's IRIs."""

from __future__ import annotations

from pathlib import Path

REK_IRI = "https://w3id.org/rekg/ontology#"
ONTOLOGY_IRI = "https://w3id.org/rekg/ontology"

ONTOLOGY_DIR = Path(__file__).resolve().parent
ONTOLOGY_TTL = ONTOLOGY_DIR / "rekg.ttl"
SHAPES_TTL = ONTOLOGY_DIR / "shapes.ttl"
