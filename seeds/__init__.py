"""Curated data and the bundled source documents, shipped as package data.

- ``documents/``: copies of the source documents (and their MANIFEST) the graph is first built from;
- ``annotations/``: the hand-annotated development set read by ``rekg evaluate``;
- ``readings.tsv``: curated pinyin readings of polyphonic characters in names (广晟 → guǎng shèng);
- ``gazetteer.json``: curated entities with names in both languages and pinned IRIs;
- ``glossary.tsv``: Chinese name parts and their English renderings, for generated English names.
"""

from __future__ import annotations

from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent
DOCUMENTS_DIR = SEEDS_DIR / "documents"
ANNOTATIONS_DIR = SEEDS_DIR / "annotations"
READINGS_TSV = SEEDS_DIR / "readings.tsv"
GAZETTEER_JSON = SEEDS_DIR / "gazetteer.json"
GLOSSARY_TSV = SEEDS_DIR / "glossary.tsv"
