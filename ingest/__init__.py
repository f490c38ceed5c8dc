"""Ingestion: documents in, a linked, bilingual graph with sentence-level provenance out."""
