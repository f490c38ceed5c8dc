"""The data that flows between ingest stages: small frozen dataclasses, no behaviour beyond accessors."""

from __future__ import annotations

from dataclasses import dataclass

from rekg.ontology import ORGANIZATION_KINDS


@dataclass(frozen=True)
class DocumentText:
    """A document read from disk: its text (decoded, extracted) and what is known about it."""

    name: str  # file name, e.g. creg-csr-2024.zh.txt
    text: str
    media_type: str  # text/plain, text/markdown, text/html, application/pdf
    checksum: str  # sha256:<hex> of the bytes
    encoding: str | None = None
    title: str | None = None
    language: str | None = None  # BCP 47: zh-Hans, zh-Hant, en, or a mix like "en zh-Hans"
    publisher: str | None = None
    year: int | None = None
    identity: str = ""  # its path relative to the ingest root (rek:sourcePath); the file name if not given
    warnings: tuple[str, ...] = ()  # how it was read, where the reader should know (text lost, skipped)

    @property
    def source_path(self) -> str:
        return self.identity or self.name


@dataclass(frozen=True)
class NormalizedText:
    """Text prepared for matching, with the original kept for evidence.

    ``offsets[i]`` is the index in ``original`` of the character ``text[i]`` came from;
    ``offsets[len(text)]`` is ``len(original)``.
    """

    original: str
    text: str
    offsets: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``original`` that ``text[start:end]`` came from."""
        if end <= start:
            position = self.offsets[start]
            return position, position
        return self.offsets[start], self.offsets[end - 1] + 1

    def original_text(self, start: int, end: int) -> str:
        a, b = self.original_span(start, end)
        return self.original[a:b]


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int  # offsets into NormalizedText.text
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A name found in the normalised text."""

    start: int
    end: int
    text: str
    kind: str  # an entity kind (company, group, mine …), see rekg.ontology.ENTITY_CLASSES
    source: str  # gazetteer, pattern:<name>, tagger, propagated
    sentence: int


@dataclass(frozen=True)
class EntityRecord:
    """One real thing in one document, after linking."""

    key: str  # the entity's IRI
    kind: str
    canonical: str  # the zh-Hans canonical name (or the English one if it has no Chinese name)
    names: frozenset[str]  # every surface form seen (matching form)
    original_names: frozenset[str] = frozenset()  # as printed (e.g. traditional)
    english_names: frozenset[str] = frozenset()  # stated in a document
    curated: bool = False
    attributes: tuple[tuple[str, str], ...] = ()  # (rek property local name, value)


@dataclass(frozen=True)
class Quantity:
    value: str  # decimal as text
    unit: str
    year: int | None = None


@dataclass(frozen=True)
class RelationRecord:
    """A fact between two entities (or an entity and a quantity), with its evidence."""

    subject: str  # entity key (IRI)
    predicate: str  # rek property local name
    object: str | Quantity
    sentence: int
    confidence: float
    rule: str
    role: str | None = None  # post title, for holdsPostIn
    date: str | None = None  # for agreements
    implied: str | None = None  # "subject"/"object": that end is not named but understood (the issuer)


@dataclass(frozen=True)
class DocumentFacts:
    """Everything extracted from one document, ready to be written as its named graph."""

    document: DocumentText
    normalized: NormalizedText
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    entities: tuple[EntityRecord, ...]
    relations: tuple[RelationRecord, ...]

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.document.warnings


@dataclass(frozen=True)
class Linked:
    """A mention linked to its entity, with offsets in its sentence (an anaphor has no text of its own)."""

    start: int  # offsets in the sentence
    end: int
    text: str
    kind: str
    iri: str

    @property
    def is_org(self) -> bool:
        return self.kind in ORGANIZATION_KINDS
