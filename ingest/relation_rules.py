"""The general relation layer: one registry of short rules, each a pattern over a sentence's skeleton
(:mod:`rekg.ingest.skeleton`: kinds of mentions and the words between them) that states one predicate
between the mentions in its subject slot ``{a:…}`` and those in its object slot ``{b:…}``.

A rule declares its predicate and its argument kinds (the slots' letters: O organisation, P place, H person,
M mine, F facility, J project, L policy; S any site, T an organisation or a site). Direction is by
construction: 由…持有 and "owned by" are patterns whose slots are the other way round. A slot with ``+`` takes a
list (A、B和C分别持有…: each of them). Coreference is done before (the view's anaphors: 该公司, 其, the company
are mentions of what they stand for). Cues come from the lexicons below, in simplified Chinese (the text is
read in its simplified matching form, so traditional text needs no lexicon of its own) and in English.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property

from rekg.ingest.lexicon import AT_WORDS, TRADE_NOUNS
from rekg.ingest.model import RelationRecord
from rekg.ingest.posts import post_pattern
from rekg.ingest.rule_table import TABLE
from rekg.ingest.sentence_view import DATE, Linked, SentenceView
from rekg.ingest.skeleton import SYMBOLS, UNIONS, Skeleton, compile_pattern, roles, skeleton

# ---- lexicons ---------------------------------------------------------------------------------------

LEXICON = {
    # ownership
    "<HOLD>": r"(?:并|亦|也|还|另|目前|现)?(?:合计|直接|间接|分别|共同|将|拟|则|仍|各)?(?:持有|持股|拥有|占有)",
    "<ACQUIRE>": r"(?:拟|将|已|正式)?(?:以[^\ue000]{0,20}?)?(?:收购|受让|认购|增资|入股|购买|购入|取得)",
    "<STAKE>": r"(?:约|合计)?\d+(?:\.\d+)?\s*[%％](?:的)?(?:股权|股份|权益|的股权|的股份)?|(?:全部|部分|控股|多数|少数)?(?:股权|股份|权益)",
    "<UNDER>": r"(?:旗下|下属|所属|辖下|控股|附属|全资|控股的|下属的|旗下的|所属的|辖下的)",
    "<CHILD>": r"(?:间接|直接|全资|控股|非全资|直属|二级)*(?:子公司|附属公司|孙公司|下属公司|下属企业|所属企业|成员企业|控股子公司|全资子公司)",
    "<IS>": r"(?:是|为|系|成为|作为|将成为|已成为|现为|乃)",
    "<TRADE>": TRADE_NOUNS,
    # operation, building, leading
    "<RUN>": r"(?:负责)?(?:运营|营运|经营|管理|运行|开采|营运管理|运营管理)",
    "<BUILD>": r"(?:投资建设|负责建设|承建|建设|建成|新建|兴建|投建|实施|牵头实施|牵头|主导|推进|开发|启动|负责|承担|开工建设)",
    "<JOIN>": r"(?:参与|参加)",
    # place
    # between the places of a chain: 西澳首府伯斯, 约翰尼斯堡北郊的兰德堡
    "<WITHIN>": r"(?:[，,]|(?:首府|首都|省会|[东西南北]?郊(?:区)?|近郊|市郊|[东西南北中]部|港区|市区|城区|一带|境内|沿海)(?:的)?)",
    "<AT>": f"(?:{AT_WORDS})",
    # partnership
    "<WITH>": r"(?:与|和|同|跟|携手)",
    "<SIGN>": r"(?:共同)?(?:签署|签订|订立|签有|签下|签了|达成|建立|开展|深化|举行|缔结|推进)",
    "<DEAL>": r"(?:战略合作|合作|框架|战略|承购|包销|供应|供货|长期供货|采购|技术合作|合资|产学研合作|研发合作|许可)?(?:框架)?(?<!转让)(?<!收购)(?<!增资)(?<!认购)(?<!出售)(?<!买卖)(?<!购买)(?:协议|备忘录|合同|合约|伙伴关系|意向书|联盟|合作|长协|长约|长单)",
    # policies
    "<ISSUE>": r"(?:联合)?(?:印发|发布|下达|公布|颁布|出台|制定|制订|订定|核定|发出|发文|修订|批复|公告|推出|批准|实施)",
    "<CITE>": r"(?:根据|依据|依照|按照|贯彻|落实|遵照|依)",
    # founding
    "<FOUND>": r"(?:共同出资|联合出资|合资|共同投资|共同发起|联合发起|发起|出资|共同|联合)?(?:新)?(?:设立|成立|组建|创立|注册成立|重组整合|组建而成|整合组建)",
    # people
    "<POST>": f"(?:(?:{post_pattern()})(?:兼(?:{post_pattern()}))*)",
    "<POST_EN>": r"(?:(?:acting |interim |deputy |vice[- ]|executive |non-executive |senior |former |chief |group |general )*(?:director[- ]general|secretary[- ]general|attorney[- ]general|chief executive officer|chief executive|chief financial officer|chief operating officer|chief economist|chief technology officer|company secretary|research analyst|investor relations manager|associate director|associate|managing director|executive director|general manager|executive general manager|program manager|programme manager|project manager|plant manager|country manager|liaison officer|lead auditor|auditor|instructor|curator|lecturer|mayor|deputy mayor|press officer|media officer|communications officer|information officer|communications manager|media relations manager|public relations manager|principal analyst|senior analyst|officer|head of [a-z ]{2,30}?|president|chairman|chairwoman|chair|director|ceo|cfo|coo|cto|head|founder|co-founder|secretary|minister|spokesperson|spokeswoman|spokesman|analyst|economist|partner|principal|manager|vice president|commissioner|administrator|governor|researcher|professor|scientist|engineer|lead author))(?:(?:,| and|,? &) (?:acting |interim |deputy |vice[- ]|executive |chief |group )*(?:chief executive officer|chief executive|managing director|ceo|cfo|chairman|president|director|founder|co-founder|secretary))*",
    # English verbs
    "<HOLDS_EN>": r"(?:holds?|owns?|has|had|held|will hold|retains?|retained|will retain|keeps?|will keep|took|takes|will take|is to take|to take|acquired?|acquiring|will acquire|agreed to acquire|agreed to buy|bought|buys|will buy|subscribed for|subscribes for|controls?)",
    "<AMOUNT_EN>": r"(?:an? |the )?(?:(?:further |additional )?\d+(?:\.\d+)?(?:\s?%| per ?cent)|majority|minority|controlling|remaining|cornerstone|strategic|direct|indirect)",
    "<OWNED_EN>": r"(?:wholly[- ]owned|majority[- ]owned|\d+(?:\.\d+)?(?:\s?%| per ?cent)[- ]owned|fully[- ]owned|indirect|direct)",
    "<UNIT_EN>": r"(?:subsidiary|unit|division|affiliate|arm|business|operating company|operating subsidiary|branch|agency|research centre|research center|laboratory|office|directorate)",
    "<RUN_EN>": r"(?:operates|operated|runs|ran|will operate|will run|will manage|owns and operates|manages|is building|will build|built|is developing|developed|will develop|is constructing|constructs)",
    "<SITE_WORD_EN>": r"(?:mine|plant|refinery|facility|mill|project|deposit|operation|operations|hub|complex)",
    # after a company a stake is in: not its output or its products (60% of X's output), but its capital may be
    "<NOT_ITS_GOODS>": r"(?!['’]s (?!(?:issued |share |enlarged |ordinary |fully diluted )*(?:capital|shares|equity|stock)))",
    "<DEAL_EN>": r"(?i:(?:binding |non-binding |long-term |five-year |ten-year |eight-year |multi-year |\w+-year |strategic |supply |offtake |off-take |research |collaboration |cooperation |co-operation |partnership |licen[cs]e |joint development |technical |technical services |testwork |test work |tolling |services |framework |shareholders['’] |joint venture |power purchase |memorandum of understanding |memorandum |heads of agreement |term sheet |MOU |MoU )*(?:agreement|deal|contract|memorandum of understanding|MOU|MoU|partnership|alliance|collaboration|arrangement|letter of intent|heads of terms))",
}


def _expand(template: str) -> str:
    for name, pattern in LEXICON.items():
        template = template.replace(name, pattern)
    return template


# ---- rules ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A predicate stated between the mentions of a pattern's subject slot and its object slot.

    ``subject``/``object``: what stands in for a slot the pattern lacks (``"publisher"``: the document's
    issuer; ``"policy"``: the policy the document is; ``"topic"``: the organisation the sentence names
    first; ``"previous"``: the organisation the last sentences spoke of, in a story with no issuer;
    ``"among"``: each other member of the subject's list, for an agreement among several). ``alone``: the rule holds only where no organisation is named before the match (a post with no
    organisation named is one in the issuer). ``not_object``: kinds the object may not be
    (a state-assets commission owns shares but has no subsidiaries)."""

    name: str
    predicate: str
    pattern: str
    confidence: float = 0.8
    subject: str | None = None
    object: str | None = None
    not_object: frozenset[str] = frozenset()
    alone: bool = False  # only where the sentence names no organisation before the match

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return compile_pattern(_expand(self.pattern))

    @cached_property
    def slot_symbols(self) -> tuple[frozenset[str], ...]:
        """For each slot, the characters a mention that fills it may stand as (one must be in the sentence)."""
        return tuple(
            frozenset(SYMBOLS[kind] for letter in letters for kind in UNIONS.get(letter, letter))
            for letters in re.findall(r"\{[ab]:([A-Z]+)\+?\}", self.pattern)
        )


def _rules() -> tuple[Rule, ...]:
    return tuple(
        Rule(name, predicate, pattern, **(options[0] if options else {}))
        for name, predicate, pattern, *options in TABLE
    )


@cache
def rules() -> tuple[Rule, ...]:
    """The registry: every sentence-level rule, in the order they are tried."""
    return _rules()


def _has_kinds(rule: Rule, present: frozenset[str]) -> bool:
    return all(symbols & present for symbols in rule.slot_symbols)


def apply_rules(view: SentenceView) -> Iterator[RelationRecord]:
    """Every rule over the sentence's skeleton; each (subject, predicate, object) once."""
    if not view.mentions:
        return
    shape = skeleton(view)
    present = frozenset(shape.text) & _ALL_SYMBOLS
    seen: set[tuple[str, str, str]] = set()
    for rule in rules():
        if not _has_kinds(rule, present):
            continue
        for record in _matches(rule, shape, view):
            key = (record.subject, record.predicate, str(record.object))
            if key not in seen and record.subject != record.object:
                seen.add(key)
                yield record


_ALL_SYMBOLS = frozenset(SYMBOLS.values())
_ORGANISATION = SYMBOLS["O"]


def _endpoint(view: SentenceView, name: str) -> list[Linked]:
    """The document's issuer (``publisher``), the policy the document is (``policy``), or the organisation
    the sentence names first (``topic``: 钰磁 in 目前A与B合计持有钰磁38%股份，C持股12%)."""
    if name == "topic":
        return [m for m in view.mentions if m.is_org][:1]
    if name == "previous":  # a news story's: a filing's posts are the issuer's (publisher)
        return [view.previous_topic] if view.previous_topic is not None and view.publisher is None else []
    iri = (view.publisher or view.byline) if name == "publisher" else view.document_policy
    return [Linked(0, 0, "", "company" if name == "publisher" else "policy", iri)] if iri else []


_HOLDER_AFTER = re.compile(
    r"(?:[(（][^()（）]{0,40}[)）])?(?:则|亦|也|另|现|将)?"
    r"(?:(?:持股|持有|入股)(?:比例)?(?:将)?(?:由|约|为)?\d|(?:将)?成为[^，,。；;]{0,6}股东|(?:共同|联合)?(?:领投|跟投|参投))"
)
_HELD_BEFORE = re.compile(
    f"(?:持有|拥有|认购|收购|入股|持股)(?:了)?({_ORGANISATION})|(?:stake|interest|shares) in (?:the )?({_ORGANISATION})"
)


#: What a stake may be in.
_HELD_KINDS = frozenset({"company", "group"})


def _topic(shape: Skeleton, view: SentenceView, match: re.Match[str]) -> list[Linked]:
    """What a stake with no object is in: what an earlier clause of the sentence holds (A持有X的18%，B持股5%),
    else the organisation the sentence names first — not the holder, nor what describes it (B控股的C持股5%)."""
    held = list(_HELD_BEFORE.finditer(shape.text, 0, match.start()))
    if held:
        group = 1 if held[-1].group(1) else 2
        return list(shape.mentions(held[-1].start(group), held[-1].end(group)))[:1]
    slot = "a" if "a" in match.re.groupindex and match.group("a") is not None else "b"
    inside = {m.iri for m in shape.mentions(match.start(), match.end(slot))}
    holders = {  # A持股将由72%降至61%，B持股约24%: A holds a stake too, it is not what B's stake is in
        m.iri for position, m in shape.at.items() if _HOLDER_AFTER.match(shape.text, position + 1)
    }
    found = [m for m in view.mentions if m.is_org and m.iri not in inside | holders][:1]
    previous = view.previous_topic
    if (
        not found
        and previous is not None
        and previous.kind in _HELD_KINDS
        and previous.iri not in inside | holders
    ):
        return [previous]  # Northeast Fund owns a further 11.2%: of the company spoken of before
    return found


def _matches(rule: Rule, shape: Skeleton, view: SentenceView) -> Iterator[RelationRecord]:
    pattern = rule.compiled
    for match in pattern.finditer(shape.text):
        if rule.alone and any(
            m.iri != view.publisher for m in shape.mentions(0, match.start()) if m.is_org
        ):  # another organisation named before: the post may be its (the publisher's own 公司 is no other)
            continue
        if rule.subject == "topic":
            subjects = _topic(shape, view, match)
        else:
            subjects = roles(shape, match, "a") if rule.subject is None else _endpoint(view, rule.subject)
        if rule.object == "among":
            objects = []
        else:
            objects = roles(shape, match, "b") if rule.object is None else _endpoint(view, rule.object)
        if rule.object == "topic" and match.group("a") is not None:
            objects = _topic(shape, view, match)
        pairs = (
            itertools.combinations(subjects, 2)  # an agreement among A, B and C: each with each
            if rule.object == "among"
            else itertools.product(subjects, objects)
        )
        role = match.groupdict().get("role")
        date = _date(view.text) if rule.predicate == "partnerOf" else None
        if rule.predicate in _THROUGH_UNITS and match.groupdict().get("b") is not None:
            objects = [o for o in objects if not _owner_of_the_next(shape, o)]
        for subject, obj in pairs:
            if obj.kind in rule.not_object:
                continue
            # a project is not located: it has a site (the ontology's projectSite)
            predicate = (
                "projectSite"
                if rule.predicate == "locatedIn" and subject.kind == "project"
                else rule.predicate
            )
            yield RelationRecord(
                subject.iri,
                predicate,
                obj.iri,
                view.sentence.index,
                rule.confidence,
                f"rule:{rule.name}"
                if rule.predicate != "partnerOf" or "<DEAL" not in rule.pattern
                else "partner-agreement",
                role=role,
                date=date,
                implied="subject"
                if rule.subject
                else "object"
                if rule.object not in (None, "among")
                else None,
            )


#: Predicates whose party is the unit an owner is named before (与X旗下贸易公司Y签订承购协议: Y signed).
_THROUGH_UNITS = frozenset({"partnerOf", "operates", "holdsPostIn"})
_UNIT_AFTER = re.compile(
    rf"\s*(?:[(（][^()（）]{{0,40}}[)）])?(?:旗下|所属|下属)(?:的)?[\u4e00-\u9fff]{{0,8}}?(?={SYMBOLS['O']})"
)


def _owner_of_the_next(shape: Skeleton, mention: Linked) -> bool:
    """Whether the mention is an owner named only to say whose the next organisation is (X旗下贸易公司Y)."""
    position = next((p for p, m in shape.at.items() if m is mention), None)
    return position is not None and _UNIT_AFTER.match(shape.text, position + 1) is not None


def _date(text: str) -> str | None:
    match = DATE.search(text)
    if not match:
        return None
    year, month, day = match.groups()
    if month and day:
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return f"{year}-{int(month):02d}" if month else year


__all__ = ["SYMBOLS", "Rule", "apply_rules", "rules"]
