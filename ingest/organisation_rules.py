"""Relation rules between organisations that read lists: members listed before 等多家下属公司, founders
(由…组建而成), partners of an agreement (与…签署…协议), and the policies organisations issue (印发《…》).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Sequence

from rekg.ingest.model import RelationRecord
from rekg.ingest.sentence_view import (
    DATE,
    Linked,
    SentenceView,
    organisations,
    record,
    subject_before,
)

# (Alternatives that each begin with a character let the search skip to where a cue can start.)
_MEMBERS_AFTER = re.compile(
    r"等(?:多家|\d+家|[一二三四五六七八九十]+家)?(?:下属|所属|成员)(?:企业|公司|单位)"
)


def listed_members(view: SentenceView) -> Iterator[RelationRecord]:
    """凉山稀土、富远公司等多家下属公司… → each listed company subsidiaryOf the publisher."""
    if view.publisher is None or not view.organisations:
        return
    for cue in _MEMBERS_AFTER.finditer(view.text):
        members = [m for m in organisations(view) if m.end <= cue.start()]
        chain: list[Linked] = []
        position = cue.start()
        for member in reversed(members):
            if re.fullmatch(r"[、,，和及与\s]*", view.text[member.end : position]) is None:
                break
            chain.append(member)
            position = member.start
        for member in chain:
            if member.iri != view.publisher:
                yield record(view, member.iri, "subsidiaryOf", view.publisher, 0.7, "members-before-cue")


def _list_after(view: SentenceView, position: int, accept: Callable[[Linked], bool]) -> list[Linked]:
    """The mentions of an enumeration that starts at ``position``: Y1、Y2和Y3 (separators only)."""
    out: list[Linked] = []
    cursor = position
    for mention in view.mentions:
        if mention.start < cursor:
            continue
        gap = view.text[cursor : mention.start]
        if len(gap) > 3 or (re.search(r"[,，。;；:：]", gap) and out):
            break
        if not accept(mention):
            break
        out.append(mention)
        cursor = mention.end
    return out


_FOUNDING = re.compile(
    r"由([^。;；]{2,200})(?:组建而成|组建|共同出资设立|发起设立|合资设立|共同设立|出资设立|重组整合而成|重组而成|整合而成)"
)


#: A, B与C…共同出资设立D, 三方将合资成立D: the parties named before found the company named after.
_CO_FOUNDING = re.compile(
    r"(?:共同出资|联合出资|共同投资|合资|合作|共同发起|联合发起|共同)(?:新)?(?:设立|成立|组建|创立|注册成立)"
    r"(?:了|一家|一个|一间)?"
)


#: 麓山集团旗下的A与B共同出资设立C: the group names whose A is; it founds nothing itself.
_PARENT_OF = re.compile(r"(?:的)?(?:旗下|下属|所属|全资|控股)")


def founding(view: SentenceView) -> Iterator[RelationRecord]:
    """X由A、B…重组整合组建而成 → X foundedBy A; A shareholderOf X. A、B与C共同出资设立X: the same, for
    every organisation named before the verb in the sentence."""
    if not view.organisations:
        return
    for match in _CO_FOUNDING.finditer(view.text):
        founded = next((m for m in organisations(view) if match.end() <= m.start <= match.end() + 2), None)
        founders = (
            [
                m
                for m in organisations(view)
                if m.end <= match.start() and m.iri != founded.iri and not _PARENT_OF.match(view.text, m.end)
            ]
            if founded
            else []
        )
        if founded is None or not founders:
            continue
        for founder in dict.fromkeys(m.iri for m in founders):
            yield record(view, founded.iri, "foundedBy", founder, 0.75, "co-founding")
            yield record(view, founder, "shareholderOf", founded.iri, 0.7, "co-founding")
    for match in _FOUNDING.finditer(view.text):
        founders = [m for m in organisations(view) if match.start(1) <= m.start < match.end(1)]
        subject = subject_before(view, match.start())
        if not founders or subject is None:
            continue
        for founder in founders:
            if founder.iri == subject:
                continue
            yield record(view, subject, "foundedBy", founder.iri, 0.85, "founding")
            yield record(view, founder.iri, "shareholderOf", subject, 0.75, "founding")


_PARTNER = re.compile(
    r"与(.{1,80}?)(?:在[^,，。]{1,12})?(?:签署|签订|达成|共同签署|开展|深化|建立|举行)[^。]{0,24}?"
    r"(战略合作框架协议|战略合作协议|合作框架协议|框架协议|合作协议|协议|备忘录|伙伴关系|合作)"
)
_TRANSFER = re.compile(r"转让|收购|并购|出售|购买|买卖|认购")


_LIST_JOIN = re.compile(r"(?:\([^()]{0,40}\))?[”\"」』)]*\s*[、，,和及]\s*")


def _listed_before(view: SentenceView, position: int) -> list[Linked]:
    """The organisations listed right before ``position`` (A(以下简称"甲")、B和C与…): the last one and those
    joined to it by 、，和 or 及."""
    before = [m for m in organisations(view) if m.end <= position]
    if not before or not re.fullmatch(r"(?:\([^()]{0,40}\))?\s*", view.text[before[-1].end : position]):
        return []
    listed = [before[-1]]
    for previous in reversed(before[:-1]):
        if not _LIST_JOIN.fullmatch(view.text[previous.end : listed[0].start]):
            break
        listed.insert(0, previous)
    return listed


def partnerships(view: SentenceView) -> Iterator[RelationRecord]:
    """X与Y(在Z)签署…协议 → X partnerOf Y, with an Agreement dated from the sentence."""
    if not view.organisations:
        return
    earlier_partners: set[str] = set()
    subject: str | None = None
    for match in _PARTNER.finditer(view.text):
        candidates = [
            m for m in organisations(view) if m.end <= match.start() and m.iri not in earlier_partners
        ]
        if candidates:
            subject = candidates[-1].iri
        elif subject is None:  # …与A签署协议，多次与B合作: the subject of the first 与 goes on
            subject = (
                view.publisher
                if view.publisher
                and not any(m.end <= match.start() for m in view.mentions if m.kind == "person")
                else None
            )
        if _TRANSFER.search(view.text, match.end(1), match.end() + 4):
            continue  # 股权转让协议: a sale between buyer and seller, not a partnership
        partners = _parties(
            view.text, [m for m in organisations(view) if match.start(1) <= m.start < match.end(1)]
        )
        earlier_partners |= {m.iri for m in partners}
        if subject is None or not partners:
            continue
        date = _date(view.text)
        kind = "agreement" if match.group(2).endswith(("协议", "备忘录")) else "partnership"
        # A、B与C签署…协议: A and B are partners of each other and of C
        listed = list(dict.fromkeys(m.iri for m in _listed_before(view, match.start()))) or [subject]
        pairs = [*itertools.combinations(listed, 2), *((a, b.iri) for a in listed for b in partners)]
        for first, second in pairs:
            if first != second:
                yield record(view, first, "partnerOf", second, 0.85, f"partner-{kind}", date=date)


_OWNER_BEFORE_UNIT = re.compile(
    r"\s*(?:[(（][^()（）]{0,40}[)）])?(?:旗下|所属|下属)(?:的)?[\u4e00-\u9fff]{0,8}?"
)


def _parties(text: str, named: Sequence[Linked]) -> list[Linked]:
    """The organisations that are parties, not those named only as the owner of the next one (与浦项控股旗下贸易公司
    浦项国际签订…: 浦项国际 signs)."""
    starts = {m.start for m in named}
    return [
        m
        for m in named
        if not ((unit := _OWNER_BEFORE_UNIT.match(text, m.end)) and unit.group() and unit.end() in starts)
    ]


def _date(text: str) -> str | None:
    match = DATE.search(text)
    if not match:
        return None
    year, month, day = match.groups()
    if month and day:
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return f"{year}-{int(month):02d}" if month else year


_ISSUE_CUE = re.compile(r"(印发|发布|颁布|出台|制定|修订|发文|批准)")


def policies(view: SentenceView) -> Iterator[RelationRecord]:
    """ORG印发/发布《P》 → P issuedBy ORG; a policy document cites the policies it names."""
    if "policy" not in view.kinds:
        return
    for cue in _ISSUE_CUE.finditer(view.text):
        issuers = [m for m in organisations(view) if m.end <= cue.start() and cue.start() - m.end <= 12]
        issued = [m for m in view.mentions if m.kind == "policy" and 0 <= m.start - cue.end() <= 6]
        for policy in issued[:1]:
            if issuers:
                yield record(view, policy.iri, "issuedBy", issuers[-1].iri, 0.8, "issue-cue")
    for left, right in zip(view.mentions, view.mentions[1:], strict=False):
        gap = view.between(left, right)
        if (
            left.is_org
            and right.kind == "policy"
            and re.fullmatch(r"\s*(?:发布的|印发的|制定的|的)?\s*《?", gap)
        ):
            yield record(view, right.iri, "issuedBy", left.iri, 0.75, "organisation-before-policy")
        if left.kind == "policy" and right.is_org and re.fullmatch(r"》?\s*[(（]", gap):
            yield record(view, left.iri, "issuedBy", right.iri, 0.75, "issuer-in-brackets")
    if (
        view.document_policy and view.sentence.index > 1
    ):  # not its own title and number (包工信发〔2026〕38号)
        for policy in (m for m in view.mentions if m.kind == "policy"):
            if policy.iri != view.document_policy:
                yield record(view, view.document_policy, "cites", policy.iri, 0.8, "policy-document-cites")


#: A policy says what it rests on: 依据《A》, 贯彻《B》, 并呼应「C」; 《A》…据此印发《B》 points back.
_CITE_CUE = re.compile(r"根据|依据|依照|按照|遵照|遵循|贯彻|落实|呼应|配合|衔接|参照")
_THEREBY = re.compile(r"据此|依此|以此为依据")
_ISSUED_AFTER = re.compile(
    r"(?:联合)?(?:印发|发布|下达|公布|颁布|出台|制定|制订|订定|修订|推出)(?:了)?\s*[《「“]?$"
)


def citations(view: SentenceView) -> Iterator[RelationRecord]:
    """A policy → every policy named after the cue of its sentence: 本计划系依据《A》…以及《B》办理，并呼应「C」.
    The citing policy is the one named just before the cue in its clause; else one issued later in the sentence
    (根据《A》，工信部印发《B》); else the policy the document is. 《A》施行，工信部据此印发《B》: B cites A."""
    named = [m for m in view.mentions if m.kind == "policy"]
    if not named:
        return
    for cue in _THEREBY.finditer(view.text):
        cited = [m for m in named if m.end <= cue.start()]
        issued = [
            m for m in named if m.start >= cue.end() and _ISSUED_AFTER.search(view.text[cue.end() : m.start])
        ]
        if cited and issued and issued[0].start - cue.end() <= 16:
            yield record(view, issued[0].iri, "cites", cited[-1].iri, 0.75, "policy-cites-thereby")
    cues = list(_CITE_CUE.finditer(view.text))
    if not cues:
        return
    first = cues[0].start()
    before = [
        m for m in named if m.end <= first and not re.search(r"[。；;!?！？]", view.text[m.end : first])
    ]
    after = [m for m in named if m.start >= first]
    issued = [m for m in after if _ISSUED_AFTER.search(view.text[max(first, m.start - 8) : m.start])]
    if before and first - before[-1].end <= 30:
        citing = before[-1].iri
    elif issued:
        citing, after = issued[0].iri, [m for m in after if m.end <= issued[0].start]
    elif view.document_policy:
        citing = view.document_policy
    else:
        return
    for cited in after:
        if cited.iri != citing:
            yield record(view, citing, "cites", cited.iri, 0.75, "policy-cites")
