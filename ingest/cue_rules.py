"""The fallback of the rule table: a pair of typed mentions in one clause, in the order a predicate takes
them, with a cue word of the predicate between them — whatever else the clause says.

The table's rules (:mod:`rekg.ingest.relation_rules`) say how a relation is phrased; these only say which
words show it, so they read phrasings nobody wrote a rule for, at a lower confidence. They run after the
table and add a fact only where the table gave none for the pair in that sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rekg.ingest.model import RelationRecord
from rekg.ingest.sentence_view import Linked, SentenceView
from rekg.ingest.skeleton import SYMBOLS, skeleton


@dataclass(frozen=True)
class Cue:
    """``predicate`` between a mention of ``first`` kinds and a later one of ``second`` kinds when ``cue``
    stands between them (and ``against`` does not); ``reverse``: the later mention is the subject."""

    predicate: str
    first: str
    second: str
    cue: re.Pattern[str]
    reverse: bool = False
    against: re.Pattern[str] | None = None


_NEVER = re.compile(r"(?!)")
CUES: tuple[Cue, ...] = (
    Cue("operates", "O", "MF", re.compile(r"运营|营运|经营|开采|管理|旗下|operat|\bruns?\b|\bmanag")),
    Cue(
        "holdsPostIn",
        "O",
        "H",
        re.compile(
            r"董事长|总经理|总裁|主席|首席|执行长|负责人|CEO|chief|chair|president|director|head of", re.I
        ),
        reverse=True,
    ),
    Cue(
        "shareholderOf",
        "O",
        "O",
        re.compile(r"持有|持股|入股|认购|控股|\bstake\b|\bshares? in\b"),
        against=re.compile(r"由|\bby\b|\bfrom\b|从|转让|出售|sell|sold|股东|母公司|\bparent\b|shareholder"),
    ),
    Cue(  # 某部印发《…》, the ministry issued the …: the policy the body issued
        "issuedBy",
        "O",
        "L",
        re.compile(r"印发|发布|出台|颁布|制定|公布|下发|\bissued\b|\bpublished\b|\breleased\b|\badopted\b"),
        reverse=True,
        against=re.compile(r"根据|依据|依照|按照|贯彻|落实|\bunder\b|pursuant|in line with"),
    ),
)
_CLAUSE_END = {"zh": re.compile(r"[，,；;。！？]"), "en": re.compile(r"[;.!?]")}


def clause_cues(view: SentenceView) -> Iterator[RelationRecord]:
    """Every cue's pairs in the sentence's clauses (nearest pairs only: the first mention of the pair is the
    last one of its kinds before the second)."""
    if len(view.mentions) < 2:
        return
    shape = skeleton(view)
    ends = _CLAUSE_END["en" if view.text.isascii() else "zh"]
    symbols = {letter: symbol for letter, symbol in SYMBOLS.items()}
    for cue in CUES:
        firsts = {symbols[c] for c in cue.first}
        seconds = {symbols[c] for c in cue.second}
        last_first: tuple[int, Linked] | None = None
        for position in sorted(shape.at):
            mention = shape.at[position]
            char = shape.text[position]
            if char in seconds and last_first is not None and last_first[1].iri != mention.iri:
                between = shape.text[last_first[0] + 1 : position]
                if (
                    not ends.search(between)
                    and cue.cue.search(between)
                    and not (cue.against or _NEVER).search(between)
                ):
                    subject, obj = (mention, last_first[1]) if cue.reverse else (last_first[1], mention)
                    yield RelationRecord(
                        subject.iri, cue.predicate, obj.iri, view.sentence.index, 0.5, f"cue:{cue.predicate}"
                    )
            if char in firsts:
                last_first = (position, mention)
