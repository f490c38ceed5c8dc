"""The sentence view the relation rules read: a sentence with its linked mentions, the document's publisher
(for self-references such as 集团, 公司, 本公司, 我们) and the policy the document itself is, plus the helpers
every rule shares — building a :class:`RelationRecord`, the organisations in a sentence, the organisation a
clause is about, and the date pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter

from rekg.ingest.lexicon import ORGANIZATION_KINDS
from rekg.ingest.model import Mention, Quantity, RelationRecord, Sentence


@dataclass(frozen=True)
class Linked:
    start: int  # offsets in the sentence
    end: int
    text: str
    kind: str
    iri: str

    @property
    def is_org(self) -> bool:
        return self.kind in ORGANIZATION_KINDS


@dataclass(frozen=True)
class SentenceView:
    sentence: Sentence
    mentions: tuple[Linked, ...]  # in order of their start
    publisher: str | None  # IRI of the document's publisher, for self-references
    document_policy: str | None  # IRI of the policy the document itself is, if it is one

    @property
    def text(self) -> str:
        return self.sentence.text

    @cached_property
    def kinds(self) -> frozenset[str]:
        """The kinds of the sentence's mentions: a rule that needs a kind the sentence lacks cannot fire."""
        return frozenset(m.kind for m in self.mentions)

    @cached_property
    def organisations(self) -> tuple[Linked, ...]:
        """The mentions of organisations, in order."""
        return tuple(m for m in self.mentions if m.is_org)

    def between(self, a: Linked, b: Linked) -> str:
        return self.text[a.end : b.start]


SELF_REFERENCE = re.compile(r"(?:本集团|本公司|集团|公司|我们)")


def record(
    view: SentenceView,
    subject: str,
    predicate: str,
    obj: str | Quantity,
    confidence: float,
    rule: str,
    **extra: str | None,
) -> RelationRecord:
    return RelationRecord(subject, predicate, obj, view.sentence.index, confidence, rule, **extra)  # type: ignore[arg-type]


def organisations(view: SentenceView) -> tuple[Linked, ...]:
    return view.organisations


def subject_before(view: SentenceView, position: int) -> str | None:
    """The organisation a clause is about: the last one before ``position``, or the publisher."""
    before = [m for m in organisations(view) if m.end <= position]
    if before:
        return before[-1].iri
    if view.publisher and SELF_REFERENCE.search(view.text[:position]):
        return view.publisher
    return None


DATE = re.compile(r"(20\d{2}|19\d{2})年(?:(\d{1,2})月)?(?:(\d{1,2})日)?")


def sentence_views(
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    assignment: dict[int, str],
    kinds: dict[str, str],
    publisher: str | None,
    document_policy: str | None,
) -> Iterator[SentenceView]:
    """Each sentence with its linked mentions (offsets in the sentence) and the anaphors that stand for a site
    named shortly before, in order of their start."""
    by_sentence: dict[int, list[Linked]] = {}
    for index, mention in enumerate(mentions):
        if index in assignment:
            sentence = sentences[mention.sentence]
            by_sentence.setdefault(mention.sentence, []).append(
                Linked(
                    mention.start - sentence.start,
                    mention.end - sentence.start,
                    mention.text,
                    kinds.get(assignment[index], mention.kind),
                    assignment[index],
                )
            )
    recent: dict[str, tuple[int, Linked]] = {}  # site kind → (sentence index, its last mention)
    for sentence in sentences:
        named = sorted(by_sentence.get(sentence.index, ()), key=_START)
        anaphors = _anaphors(sentence, named, recent)
        linked = tuple(sorted([*named, *anaphors], key=_START) if anaphors else named)
        for mention in named:
            if mention.kind in _REFERRED_KINDS:
                recent[mention.kind] = (sentence.index, mention)
        yield SentenceView(sentence, linked, publisher, document_policy)


_START = attrgetter("start")  # the order of mentions in a sentence


_ANAPHOR = re.compile(
    r"(?:该|此|上述|这一|这个)(项目|工程|矿山|矿区|矿|厂|工厂|基地)|(?i:\bthe (project|mine|plant|facility)\b)"
)
_ANAPHOR_KINDS = {
    "项目": "project",
    "工程": "project",
    "project": "project",
    "矿山": "mine",
    "矿区": "mine",
    "矿": "mine",
    "mine": "mine",
    "厂": "facility",
    "工厂": "facility",
    "基地": "facility",
    "plant": "facility",
    "facility": "facility",
}
_REFERRED_KINDS = frozenset(_ANAPHOR_KINDS.values())
_ANAPHOR_REACH = 3  # sentences back to the thing referred to


def _anaphors(
    sentence: Sentence, named: Sequence[Linked], recent: dict[str, tuple[int, Linked]]
) -> list[Linked]:
    """该项目, 此矿, the mine: the project, mine or plant named last, at most three sentences back, so that
    该项目由X承建 or "X operates the mine" are read as facts about it."""
    within_reach = {
        kind: mention for kind, (index, mention) in recent.items() if sentence.index - index <= _ANAPHOR_REACH
    }
    if not within_reach:
        return []
    out = []
    for match in _ANAPHOR.finditer(sentence.text):
        if any(m.start < match.end() and match.start() < m.end for m in named):
            continue
        kind = _ANAPHOR_KINDS[(match.group(1) or match.group(2)).lower()]
        last = within_reach.get(kind)
        if last is not None:
            start = match.start(2) if match.group(2) else match.start()  # "the mine": the noun stands for it
            out.append(Linked(start, match.end(), sentence.text[start : match.end()], kind, last.iri))
    return out
