"""Relations: patterns over a sentence's linked mentions and the words between them.

Each rule reads one sentence and returns :class:`RelationRecord`s with a confidence; a bare self-reference
(集团, 公司, 本公司, 我们) in a report stands for the document's publisher when the publisher is known.
The general rules are one table in :mod:`rekg.ingest.relation_rules` (a pattern a line, over the
sentence's skeleton); the older families that still find what the table does not live in
:mod:`rekg.ingest.organisation_rules`, :mod:`rekg.ingest.site_rules` and :mod:`rekg.ingest.english`.
This module runs them in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from rekg.ingest.cue_rules import clause_cues
from rekg.ingest.english import english_relations
from rekg.ingest.model import RelationRecord
from rekg.ingest.organisation_rules import (
    citations,
    founding,
    listed_members,
    partnerships,
    policies,
)
from rekg.ingest.patterns import stock_codes
from rekg.ingest.relation_rules import apply_rules
from rekg.ingest.sentence_view import SentenceView, subject_before
from rekg.ingest.site_rules import quantities

#: A relation rule: the records one sentence gives. Every record relates a linked mention of the sentence
#: (to another, to the publisher or to a quantity), so a sentence without mentions gives none.
Rule = Callable[[SentenceView], Iterator[RelationRecord]]


RULES: tuple[Rule, ...] = (
    apply_rules,
    english_relations,
    listed_members,
    founding,
    partnerships,
    policies,
    citations,
    quantities,
)


def extract(view: SentenceView, rules: Sequence[Rule] = RULES) -> list[RelationRecord]:
    """The relations the rules read in one sentence, each (subject, predicate, object) once; then the cue
    fallback's, for pairs no rule related."""
    if not view.mentions:
        return []
    seen: set[tuple[str, str, str]] = set()
    out: list[RelationRecord] = []

    def keep(record: RelationRecord, *, either_way: bool = False) -> None:
        """Each fact once (``either_way``: a symmetric one once in either direction), none of a thing to itself."""
        key = (record.subject, record.predicate, str(record.object))
        reverse = (str(record.object), record.predicate, record.subject)
        if record.subject != record.object and key not in seen and not (either_way and reverse in seen):
            seen.add(key)
            out.append(record)

    for rule in rules:
        for record in rule(view):
            keep(record)
    if _VENTURE.search(view.text):
        for record in co_founders(list(out)):
            keep(record, either_way=True)
    out = [r for r in out if not (r.predicate == "holdsPostIn" and r.role in _REPORTING)]
    related = {frozenset((r.subject, str(r.object))) for r in out}
    for record in clause_cues(view):
        pair = frozenset((record.subject, str(record.object)))
        if pair not in related and record.subject != record.object:
            related.add(pair)
            out.append(record)
    return out


#: A reporter's byline is no post the graph keeps (新华社记者X, 《…》记者X).
_REPORTING = frozenset({"记者", "特约记者", "首席记者", "通讯员", "实习记者"})
#: A company two organisations set up as partners (not a group formed by merging its founders' assets).
_VENTURE = re.compile(
    r"合资|合資|共同出资|共同出資|(?i:joint venture|\bJV\b)"
    r"|formed (?:in \d{4} )?by"
)


def co_founders(records: Sequence[RelationRecord]) -> Iterator[RelationRecord]:
    """Organisations that set up a venture together are its shareholders and partners (A与B合资成立的C, "a joint
    venture formed by A and B"): each founder, and each pair of the founders or holders one sentence names, in a
    sentence that says it is a venture."""
    founders: dict[str, list[RelationRecord]] = {}
    holders: dict[str, dict[str, float]] = {}  # venture → each founder or holder, with its confidence
    for record in records:
        if record.predicate == "foundedBy" and isinstance(record.object, str):
            founders.setdefault(record.subject, []).append(record)
            holders.setdefault(record.subject, {})[record.object] = record.confidence
    for record in records:  # 合资公司…A持股55%，B持股45%; "a joint venture in which A holds 74% and B 26%"
        if record.predicate == "shareholderOf" and isinstance(record.object, str):
            holders.setdefault(record.object, {}).setdefault(record.subject, record.confidence)
    sentence = records[0].sentence if records else 0
    for venture, group in founders.items():
        for record in group:  # and each holds a part of it
            yield RelationRecord(
                str(record.object),
                "shareholderOf",
                venture,
                record.sentence,
                record.confidence,
                "co-founders",
            )
    for venture, parties in holders.items():
        named = [party for party in parties if party != venture]
        for index, first in enumerate(named):
            for second in named[index + 1 :]:
                confidence = min(parties[first], parties[second])
                yield RelationRecord(first, "partnerOf", second, sentence, confidence, "co-founders")


def stock_code_attributes(view: SentenceView) -> Iterator[tuple[str, str]]:
    """(organisation IRI, code) for 股票代码: 000831 after an organisation's name."""
    if "代码" not in view.text:  # 股票代码, 证券代码 and 股份代码 all end so
        return
    for position, code in stock_codes(view.text):
        subject = subject_before(view, position)
        if subject:
            yield subject, code
