"""The sentence view the relation rules read: a sentence with its linked mentions, the document's publisher
(for self-references such as 集团, 公司, 本公司, 我们) and the policy the document itself is, plus the helpers
every rule shares — building a :class:`RelationRecord`, the organisations in a sentence, the organisation a
clause is about, and the date pattern.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter

from rekg.ingest.anaphora import (
    ANAPHOR_REACH,
    REFERRED_KINDS,
    family_name_of,
    parties_named,
    party_anaphors,
    person_anaphors,
    place_anaphors,
    policy_anaphors,
    site_anaphors,
    titled_surname_anaphors,
)
from rekg.ingest.lexicon import SELF_WORD
from rekg.ingest.model import Linked, Mention, Quantity, RelationRecord, Sentence


@dataclass(frozen=True)
class SentenceView:
    sentence: Sentence
    mentions: tuple[Linked, ...]  # in order of their start
    publisher: str | None  # IRI of the document's publisher, for self-references
    document_policy: str | None  # IRI of the policy the document itself is, if it is one
    byline: str | None = None  # a report's dated issuer where it has no publisher: its staff's employer only
    #: the organisation the last sentences spoke of (the last one naming an organisation opened with it), for a
    #: post named with no organisation ("…," chief executive X said)
    previous_topic: Linked | None = None

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
    byline: str | None = None,
) -> Iterator[SentenceView]:
    """Each sentence with its linked mentions (offsets in the sentence) and the anaphors that stand for
    something named before — a site (该项目, the mine), an organisation (该公司, 本公司, 其子公司, the company) —
    in order of their start."""
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
    person: tuple[int, Linked] | None = None  # the person named last, for 他/她
    people: dict[str, Linked] = {}  # family name → the person named last with it, for 陆教授 and 谭女士
    bearers: dict[str, set[str]] = {}  # family name → every person named with it (several: no one is meant)
    organisations: list[tuple[int, Linked]] = []  # (sentence index, mention), the last few
    places: list[Linked] = []  # the places named in the last sentences, for 该县 and 该国
    policies: list[tuple[int, Linked]] = []  # likewise
    topic: tuple[int, Linked] | None = None  # the organisation a sentence opened with, and that sentence
    parties: dict[str, Linked] = {}  # 当事人：X — the organisations named by their role
    for sentence in sentences:
        named = sorted(by_sentence.get(sentence.index, ()), key=_START)
        anaphors = site_anaphors(sentence, named, recent) + person_anaphors(sentence, named, person)
        unique = {family: p for family, p in people.items() if len(bearers[family]) == 1}
        anaphors += titled_surname_anaphors(sentence, named, unique)
        anaphors += place_anaphors(sentence, named, places) + party_anaphors(sentence, named, parties)
        anaphors += policy_anaphors(sentence, [*named, *anaphors], policies, document_policy)
        policies += [(sentence.index, m) for m in named if m.kind == "policy"]
        anaphors += _organisation_anaphors(sentence, [*named, *anaphors], organisations, publisher, topic)
        linked = tuple(sorted([*named, *anaphors], key=_START) if anaphors else named)
        for mention in named:
            if mention.kind in REFERRED_KINDS:
                recent[mention.kind] = (sentence.index, mention)
            if mention.kind == "person":
                person = (sentence.index, mention)
                family = family_name_of(mention)
                if family is not None:
                    bearers.setdefault(family, set()).add(mention.iri)
                    people[family] = mention
        places = [*places, *(m for m in named if m.kind == "place" and m.text)][-12:]
        parties = {**parties, **parties_named(sentence, named)}
        recent_topic = topic[1] if topic is not None and sentence.index - topic[0] < ANAPHOR_REACH else None
        opener = _opening_organisation(sentence.text, linked)
        if opener is not None:  # the issuer as a topic is 本公司; 该公司 after it is another company
            topic = (sentence.index, opener) if opener.iri != publisher else None
        organisations = [
            *[(i, m) for i, m in organisations if sentence.index - i < ANAPHOR_REACH],
            *((sentence.index, m) for m in linked if m.is_org and m.text),
        ][-8:]
        yield SentenceView(sentence, linked, publisher, document_policy, byline, recent_topic)


#: Words that stand for the document's issuer (an announcement's 本公司, a report's 集团, "the Company").
_SELF = re.compile(
    r"本公司|本集团|本行|我公司|我司"
    rf"|{SELF_WORD}"
    r"|\b[Tt]he (?:Company|Group)\b"
)
#: Words that stand for the organisation named last (of a kind, for 该院 and 该署).
_DEFINITE = re.compile(
    r"(?:该|這|这|此|标的|目标)(?:家)?(?P<zh>上市公司|研究院|研究所|实验室|交易所|公司|集团|企业|矿企|厂商|院|所|署|局|厅|部|委|会|行|校|大学|协会)"
    r"|(?P<later>后者)|(?P<former>前者)"
    # the company, the Estonian company, the North Carolina company, the Bogotá-based company
    r"|\b[Tt]he (?:(?:[A-Z][\w'’.-]*|[\w-]+-based|state-owned|privately held|listed)\s+){0,3}?"
    r"(?P<en>company|group|firm|miner|producer|developer|explorer|refiner|manufacturer|magnet maker|"
    r"processor|recycler|association|department|agency|ministry|university|institute)\b"
)
#: 其 and "its", when a relation word follows (其全资子公司, 其控股股东, its subsidiary, its chief executive); 其
#: after 与 is the other party (X认购Y的股份，并与其签署…: Y).
_POSSESSIVE = re.compile(
    r"(?<=[与和同])其(?=(?:签署|签订|签下|订立|达成|合作|共同|联合))"
    r"|其(?=(?:全资|控股|间接|非全资|第[一二三四五六七八九十]大|最大|单一最大|主要)?(?:子公司|附属公司|股东|控股股东|旗下|下属|所属|位于|总部|拥有|持有|运营|经营|营运|董事|总经理|总裁|主席|行政总裁|执行长)"
    r"|(?:约)?\d+(?:\.\d+)?\s*[%％]|(?:全部|部分|余下|其余)?(?:股权|股份)|创办人|创始人|联合创始人|首席|董事|监事)"
    r"|\b[Ii]ts(?= (?:[A-Z][a-z]+ |[a-z]+ing ){1,2}(?:subsidiary|unit|division|affiliate|arm)\b)"  # its Brazilian operating unit
    r"|\b[Ii]ts(?= (?:[A-Z][\w-]* ){1,5}(?:Program|Programme|Strategy|Initiative|Fund|Plan|Policy)\b)"
    r"|\b[Ii]ts(?= (?:wholly[- ]owned |majority[- ]owned |\d+%[- ]owned )?(?:subsidiary|subsidiaries|units|affiliates|unit|division|affiliate|"
    r"largest shareholder|chief|managing|chairman|chair|ceo|president|director|head|spokesperson|spokesman|"
    r"spokeswoman|general manager|country manager|plant|mine|refinery|facility|project|"
    r"headquarters|shares|issued capital|share capital|capital|equity))"
    r"|\b[Ii]ts(?= (?:flagship |main |key |proposed |planned |new )?(?:[A-Z][\w-]* ){1,4}"
    r"(?:Works|Plant|Mine|Refinery|Facility|Project|Complex|Mill|Smelter)\b)"
)
_KIND_WORDS = {
    "院": frozenset({"institute", "university"}),
    "研究院": frozenset({"institute"}),
    "研究所": frozenset({"institute"}),
    "实验室": frozenset({"institute", "university"}),
    "交易所": frozenset({"company", "association", "government"}),
    "所": frozenset({"institute"}),
    "署": frozenset({"government"}),
    "局": frozenset({"government"}),
    "厅": frozenset({"government"}),
    "部": frozenset({"government"}),
    "委": frozenset({"government"}),
    "会": frozenset({"association", "government"}),
    "校": frozenset({"university"}),
    "大学": frozenset({"university"}),
    "协会": frozenset({"association"}),
    "association": frozenset({"association"}),
    "department": frozenset({"government"}),
    "agency": frozenset({"government"}),
    "ministry": frozenset({"government"}),
    "university": frozenset({"university"}),
    "institute": frozenset({"institute"}),
    **dict.fromkeys(
        (
            "company",
            "firm",
            "miner",
            "producer",
            "developer",
            "explorer",
            "refiner",
            "manufacturer",
            "magnet maker",
            "processor",
            "recycler",
        ),
        frozenset({"company", "group"}),
    ),
}


def _organisation_anaphors(
    sentence: Sentence,
    named: Sequence[Linked],
    earlier: Sequence[tuple[int, Linked]],
    publisher: str | None,
    topic: tuple[int, Linked] | None = None,
) -> list[Linked]:
    """本公司/公司/本集团/"the Company": the issuer; 该公司/该院/"the company": the organisation (of that kind)
    named last, here or at most three sentences back — but one that opens its sentence stands for the
    organisation the last sentence naming any opened with (its topic), not for the last one it named; 后者/前者: the last or the one before; 其/"its" before a
    relation word: the organisation named last before it in the sentence, else the last one before."""
    text = sentence.text
    out: list[Linked] = []

    def free(start: int, end: int) -> bool:
        return not any(m.start < end and start < m.end for m in named)

    def last_before(position: int, kinds: frozenset[str] | None = None, skip: int = 0) -> Linked | None:
        """The organisation named last before the clause ``position`` is in (a clause does not point back
        at its own subject with 该公司): in earlier clauses of the sentence — the first of them, the
        sentence's subject — else in the sentences before."""
        clause = max(text.rfind(mark, 0, position) for mark in "，,；;：:")
        here = [m for m in named if m.is_org and m.text and m.end <= clause]
        if kinds is not None:
            here = [m for m in here if m.kind in kinds]
        if here and skip == 0:
            return here[0]
        candidates = [m for _, m in earlier if kinds is None or m.kind in kinds] + here
        distinct: list[Linked] = []
        for mention in reversed(candidates):
            if all(mention.iri != d.iri for d in distinct):
                distinct.append(mention)
        return distinct[skip] if len(distinct) > skip else None

    for match in _SELF.finditer(text):
        if not free(match.start(), match.end()):
            continue
        target = publisher
        if target is None:
            found = last_before(match.start())
            target = found.iri if found else None
        if target:
            out.append(Linked(match.start(), match.end(), "", "company", target))
    resolved: list[tuple[int, Linked]] = []  # anaphors read so far, each with where its clause begins
    for match in _DEFINITE.finditer(text):
        start = match.start()
        if not free(start, match.end()):
            if match.group("en") is None or not _places_only(named, start, match.start("en")):
                continue
            start = match.start(
                "en"
            )  # the North Carolina company: the place stays, the noun stands for the firm
        word = match.group("zh") or match.group("en")
        kinds = _KIND_WORDS.get(word) if word else None
        if match.group("later") or match.group("former"):
            found = _one_of_the_pair(text, named, earlier, match.start(), former=bool(match.group("former")))
        elif _continues_topic(text, named, earlier, topic, match.start(), kinds):
            found = topic[1] if topic else None
        else:
            found = last_before(match.start(), kinds)
        if found is not None:
            linked = Linked(start, match.end(), "", found.kind, found.iri)
            resolved.append((_clause_start(text, start), linked))
            out.append(linked)
    for match in _POSSESSIVE.finditer(text):
        if not free(match.start(), match.end()):
            continue
        clause = _clause_start(text, match.start())
        fronted = _FRONTED.match(text)  # "Founded in 1961 and owned by X, Y supplies … from its …": Y's
        after = fronted.end() if fronted else 0
        subject = next(
            (m for m in named if m.is_org and m.text and after <= m.start and m.end <= match.start()), None
        )
        relative = [  # "…with Energy Fuels, which produces NdPr at its White Mesa Mill": Energy Fuels's
            m
            for m in named
            if m.is_org and m.text and m.end <= match.start() and _RELATIVE.match(text, m.end)
        ]
        if relative:
            subject = relative[-1]
        # "The Department awarded … its Initiative": an English its is the sentence's subject's; a sentence that
        # opens with "Its chairman" speaks of the subject of the one before
        english = match.group().lower() == "its"
        if english and named and named[0].kind == "person" and not fronted:
            # "Dr X, a director of A, is also a director of B and holds 30% of its shares": no organisation is
            # the subject; its is the one named last
            subject = next(
                (m for m in reversed(named) if m.is_org and m.text and m.end <= match.start()), None
            )
        if english and subject is None and match.start() == 0 and earlier:
            last = max(i for i, _ in earlier)
            subject = next(m for i, m in earlier if i == last)
        found = subject if english and subject is not None else last_before(match.start())
        if english and found is not None and _APPOSED.fullmatch(text, found.end, match.start()) and earlier:
            # "Haedong Industrial Group, its largest shareholder, …": its is not the name it stands beside
            last = max(i for i, _ in earlier)
            found = next((m for i, m in earlier if i == last and m.iri != found.iri), None)
        other_party = _BECOMES_ITS_OWNER.search(text, 0, match.start()) and _OWNER_WORD.match(
            text, match.end()
        )
        if other_party or (match.start() > 0 and text[match.start() - 1] in "与和同"):
            # 与其签署: the party named last; A收购B股权，成为其控股股东: B, not A (no one owns itself); the
            # subject is the clause's own (X为其第一大股东) or else the sentence's
            before = [m for m in named if m.is_org and m.text and m.end <= match.start()]
            subject = next((m for m in before if m.start >= clause), before[0] if before else None)
            others = [m for _, m in earlier] + before
            others = [m for m in others if subject is None or m.iri != subject.iri]
            found = others[-1] if others else found
        for begins, earlier_one in resolved:
            # A持有其90%股权，B持有其10%股权 (A持有该公司…，B认购其…): 其 stands for what the anaphor of an
            # earlier clause did, not for that clause's subject A
            if found is not None and any(
                m.iri == found.iri and begins <= m.start < earlier_one.start for m in named
            ):
                found = earlier_one
        if found is not None:
            linked = Linked(match.start(), match.end(), "", found.kind, found.iri)
            resolved.append((clause, linked))
            out.append(linked)
    return out


def _clause_start(text: str, position: int) -> int:
    """Where the clause that ``position`` is in begins (after the last comma, semicolon or colon before it)."""
    return max(text.rfind(mark, 0, position) for mark in "，,；;：:") + 1


def _places_only(named: Sequence[Linked], start: int, end: int) -> bool:
    """Whether every mention that overlaps ``[start, end)`` is a place inside it."""
    inside = [m for m in named if m.start < end and start < m.end]
    return all(m.kind == "place" and start <= m.start and m.end <= end for m in inside)


_OPENING = re.compile(
    r"[\s●•·*#\-—]*(?:\d+[.、)）]\s*|[一二三四五六七八九十]+、)?(?:[^:：,，。;；\n]{1,30}[:：]\s*)?"
)  # (Tier 4 – separation: X …: the label of a line is no part of its subject)


def _opening_organisation(text: str, linked: Sequence[Linked]) -> Linked | None:
    """The organisation a sentence opens with (after a bullet or a number), named or referred to."""
    begin = _OPENING.match(text).end()
    first = next((m for m in linked if m.start >= begin), None)
    return first if first is not None and first.start == begin and first.is_org else None


def _continues_topic(
    text: str,
    named: Sequence[Linked],
    earlier: Sequence[tuple[int, Linked]],
    topic: tuple[int, Linked] | None,
    position: int,
    kinds: frozenset[str] | None,
) -> bool:
    """Whether an anaphor that opens its sentence (该公司董事长…, "The company said …") refers to the topic: the
    last sentence that named an organisation opened with one (of the anaphor's kinds)."""
    if topic is None or not earlier or any(m.is_org and m.text and m.end <= position for m in named):
        return False
    if _OPENING.match(text).end() != position:
        return False
    return topic[0] == max(i for i, _ in earlier) and (kinds is None or topic[1].kind in kinds)


#: 成为其控股股东, 为其母公司: the subject becomes the owner of the other party.
_BECOMES_ITS_OWNER = re.compile(r"(?:成为|为|系|是|作为)$")
_OWNER_WORD = re.compile(r"(?:第一大|最大|控股|主要|单一最大)?(?:股东|母公司|实际控制人|控制人)")

_APPOSED = re.compile(r",\s*")

_PAIRED = re.compile(r"\s*(?:\([^()]{0,60}\))?\s*(?:与|和|及|同|以及|and)\s*")


def _one_of_the_pair(
    text: str, named: Sequence[Linked], earlier: Sequence[tuple[int, Linked]], position: int, *, former: bool
) -> Linked | None:
    """前者/后者: the first or the second of the last two organisations named as a pair (A与B…，前者…，后者…),
    else of the last two named."""
    before = [m for m in named if m.is_org and m.text and m.end <= position]
    for first, second in reversed(list(itertools.pairwise(before))):
        if first.iri != second.iri and _PAIRED.fullmatch(text, first.end, second.start):
            return first if former else second
    distinct = list({m.iri: m for m in reversed([m for _, m in earlier] + before)}.values())
    skip = 1 if former else 0
    return distinct[skip] if len(distinct) > skip else None


#: An English sentence that opens with a participle's clause ("Founded in 1961 and owned by X, …"): its subject
#: comes after the comma.
_FRONTED = re.compile(r"(?:[A-Z][a-z]+(?:ed|ing)|Based|Headquartered|Owned|Listed)\b[^,;]{0,80}, ")
_RELATIVE = re.compile(r",? (?:which|that|who) ")
_START = attrgetter("start")  # the order of mentions in a sentence
