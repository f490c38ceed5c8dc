"""Anaphors other than an organisation's: 该项目, 此矿, the mine (a site named before), 他/她 (the person named
last), 该县/该国 (a place named before), 本计划, the programme (a policy named before). Each finder takes a sentence,
the mentions named in it and what was named before, and gives :class:`~rekg.ingest.model.Linked` mentions that
stand for those things (offsets in the sentence)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rekg.ingest.model import Linked, Sentence

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
REFERRED_KINDS = frozenset(_ANAPHOR_KINDS.values())
ANAPHOR_REACH = 3  # sentences back to the thing referred to


#: 本计划, 该方案, 上述办法: a plan, programme or rule named before (本: the document's own, if it is one).
_POLICY_ANAPHOR = re.compile(
    r"(?P<det>本|该|此|上述|这一|这项|这个)(?P<noun>计划|计画|方案|办法|规划|条例|政策|措施|通知|纲要|意见|规定|要点|倡议)"
    r"|\b(?P<the>[Tt]he|[Tt]his) (?P<en>fund|program|programme|initiative|scheme|strategy|plan|regulation|decision|policy|act)\b"
)


def policy_anaphors(
    sentence: Sentence,
    named: Sequence[Linked],
    earlier: Sequence[tuple[int, Linked]],
    document_policy: str | None,
) -> list[Linked]:
    """A policy anaphor stands for the policy named last with the same ending (本计划 → 「…补助计划」), else the
    policy named last, here or at most three sentences back (本: anywhere before); 本办法 in a policy document
    is that document."""
    out = []
    for match in _POLICY_ANAPHOR.finditer(sentence.text):
        if any(m.start < match.end() and match.start() < m.end for m in named):
            continue
        here = [m for m in named if m.kind == "policy" and m.end <= match.start()]
        if match.group("det") == "本":  # 本措施: the document's own, named anywhere before
            before = [m for _, m in earlier] + here
        else:  # 该方案: one named at most three sentences back
            before = [m for i, m in earlier if sentence.index - i <= ANAPHOR_REACH] + here
        noun = match.group("noun") or match.group("en")
        same = [m for m in before if m.text.lower().endswith(noun)]
        if match.group("en") and not same:
            continue  # "the plan" is a policy only when a policy of that name was just named
        if match.group("det") == "本" and document_policy:
            target = document_policy
        elif same or before:
            target = (same or before)[-1].iri
        else:
            continue
        out.append(Linked(match.start(), match.end(), "", "policy", target))
    return out


_PERSON_PRONOUN = re.compile(r"(?:^|(?<=[，,；;。：:」”]))\s*([他她])(?![们們人])")


def person_anaphors(
    sentence: Sentence, named: Sequence[Linked], last: tuple[int, Linked] | None
) -> list[Linked]:
    """他/她 opening a clause: the person named last before it in the sentence, else at most two sentences back
    (何嘉琪。她现任…首席地质师)."""
    out = []
    for match in _PERSON_PRONOUN.finditer(sentence.text):
        here = [m for m in named if m.kind == "person" and m.end <= match.start(1)]
        if here:
            target = here[-1]
        elif last is not None and sentence.index - last[0] <= 2:
            target = last[1]
        else:
            continue
        out.append(Linked(match.start(1), match.end(1), "", "person", target.iri))
    return out


#: 陆教授, 谭女士, 何先生: a person named in full before, by the family name and a courtesy title.
_TITLED_SURNAME = re.compile(r"(?<![\u4e00-\u9fff·])([\u4e00-\u9fff])(?:先生|女士|教授|博士|小姐)")


def titled_surname_anaphors(
    sentence: Sentence, named: Sequence[Linked], people: dict[str, Linked]
) -> list[Linked]:
    """陆教授现为…教授: 陆教授 is the one person the document named in full with the family name 陆."""
    out = []
    for match in _TITLED_SURNAME.finditer(sentence.text):
        person = people.get(match.group(1))
        if person is not None and not any(m.start < match.end() and match.start() < m.end for m in named):
            out.append(Linked(match.start(), match.end(), "", "person", person.iri))
    return out


def family_name_of(person: Linked) -> str | None:
    """The family name of a person named in Chinese (陆国梁 → 陆), where the name is two to four characters."""
    return person.text[0] if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", person.text) else None


#: 该县, 该市, 该国: the place of that level named last (a county's 县 stands for a 郡 abroad).
_PLACE_ANAPHOR = re.compile(
    r"(?:该|此|本|該)(省|市|县|区|镇|州|国)(?![\u4e00-\u9fff]{0,2}(?:政府|党委|委员会|人民))"
)
_PLACE_LEVELS = {"省": "省", "市": "市", "县": "县郡", "区": "区", "镇": "镇乡", "州": "州"}


def place_anaphors(sentence: Sentence, named: Sequence[Linked], earlier: Sequence[Linked]) -> list[Linked]:
    """经营位于该县沱江镇之…厂: 该县 is the county named last (in this sentence before it, or before); 该国 the
    country (a place with no administrative ending)."""
    if not earlier and not any(m.kind == "place" for m in named):
        return []
    out = []
    for match in _PLACE_ANAPHOR.finditer(sentence.text):
        if any(m.start < match.end() and match.start() < m.end for m in named):
            continue
        before = [*earlier, *(m for m in named if m.kind == "place" and m.text and m.end <= match.start())]
        level = _PLACE_LEVELS.get(match.group(1))
        found = next(
            (
                m
                for m in reversed(before)
                if (m.text[-1] in level if level else not re.search(r"[省市县区镇乡州郡邦府]$", m.text))
            ),
            None,
        )
        if found is not None:
            out.append(Linked(match.start(), match.end(), "", "place", found.iri))
    return out


def site_anaphors(
    sentence: Sentence, named: Sequence[Linked], recent: dict[str, tuple[int, Linked]]
) -> list[Linked]:
    """该项目, 此矿, the mine: the project, mine or plant named last, at most three sentences back, so that
    该项目由X承建 or "X operates the mine" are read as facts about it."""
    within_reach = {
        kind: mention for kind, (index, mention) in recent.items() if sentence.index - index <= ANAPHOR_REACH
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


#: A party a notice, a decision or a ruling names by its role (当事人：X, 申请人：X, Respondent: X), then calls
#: by the role alone (当事人持有…, the Respondent operated …).
_PARTY_KEY = re.compile(
    r"^\s*(?P<role>当事人|被处罚人|被处罚单位|申请人|被申请人|申请单位|原告|被告|上诉人|被上诉人|"
    r"Respondent|Applicant|Proponent|Licensee|Permit Holder|Defendant|Plaintiff)\s*[:：]"
)
_PARTY_WORDS = (
    r"当事人|被处罚人|被处罚单位|申请人|被申请人|申请单位|原告|被告|上诉人|被上诉人|"
    r"\b(?:[Tt]he )?(?:Respondent|Applicant|Proponent|Licensee|Permit Holder|Defendant|Plaintiff)\b"
)
_PARTY = re.compile(rf"(?<!被)(?:{_PARTY_WORDS})(?!\s*[:：])")


def parties_named(sentence: Sentence, named: Sequence[Linked]) -> dict[str, Linked]:
    """当事人：汝城县金沙稀土矿业有限公司: the role and the organisation the line gives it."""
    key = _PARTY_KEY.match(sentence.text)
    party = next((m for m in named if m.is_org and m.text), None) if key else None
    if key is None or party is None:
        return {}
    return {key.group("role").lower(): party}


def party_anaphors(sentence: Sentence, named: Sequence[Linked], parties: dict[str, Linked]) -> list[Linked]:
    """当事人 after 当事人：X is X (the role's word where no name stands)."""
    if not parties:
        return []
    out = []
    for match in _PARTY.finditer(sentence.text):
        role = re.sub(r"^[Tt]he ", "", match.group()).lower()
        party = parties.get(role)
        if party is not None and not any(m.start < match.end() and match.start() < m.end for m in named):
            out.append(Linked(match.start(), match.end(), "", party.kind, party.iri))
    return out
