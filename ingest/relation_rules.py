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
from typing import Any

from rekg.ingest.model import RelationRecord
from rekg.ingest.posts import post_pattern
from rekg.ingest.sentence_view import DATE, Linked, SentenceView
from rekg.ingest.skeleton import SYMBOLS, UNIONS, Skeleton, compile_pattern, roles, skeleton

# ---- lexicons ---------------------------------------------------------------------------------------

LEXICON = {
    # ownership
    "<HOLD>": r"(?:并|亦|也|还|另|目前|现)?(?:合计|直接|间接|分别|共同|将|拟|则|仍|各)?(?:持有|持股|拥有|占有)",
    "<ACQUIRE>": r"(?:拟|将|已|正式)?(?:以[^\ue000]{0,20}?)?(?:收购|受让|认购|增资|入股|购买|购入|取得)",
    "<STAKE>": r"(?:约|合计)?\d+(?:\.\d+)?\s*[%％](?:的)?(?:股权|股份|权益|的股权|的股份)?|(?:全部|部分|控股|多数|少数)?(?:股权|股份|权益)",
    "<UNDER>": r"(?:旗下|下属|所属|控股|附属|全资|控股的|下属的|旗下的|所属的)",
    "<CHILD>": r"(?:间接|直接|全资|控股|非全资|直属|二级)*(?:子公司|附属公司|孙公司|下属公司|下属企业|所属企业|成员企业|控股子公司|全资子公司)",
    "<IS>": r"(?:是|为|系|成为|作为|将成为|已成为|现为|乃)",
    # operation, building, leading
    "<RUN>": r"(?:负责)?(?:运营|营运|经营|管理|运行|开采|营运管理|运营管理)",
    "<BUILD>": r"(?:投资建设|负责建设|承建|建设|建成|新建|兴建|投建|实施|牵头实施|牵头|主导|推进|开发|启动|负责|承担|开工建设)",
    "<JOIN>": r"(?:参与|参加)",
    # place
    # between the places of a chain: 西澳首府伯斯, 约翰尼斯堡北郊的兰德堡
    "<WITHIN>": r"(?:[，,]|(?:首府|首都|省会|[东西南北]?郊(?:区)?|近郊|市郊|[东西南北中]部|港区|市区|城区|一带|境内|沿海)(?:的)?)",
    "<AT>": r"(?:位于|地处|坐落于|坐落在|落户|落户于|设在|设于|设址于|设址在|设厂于|建在|建于|选址于|选址在|选址|注册于|注册地位于|注册地为|总部位于|总部设于|总部设在|总部在|位处|地址为|位在)",
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


_GOVERNMENT = frozenset({"government"})
#: Owners whose possessive names a unit (the Department of Energy's Office of …), not a company's product line.
_NOT_BODIES = frozenset({"company", "group", "organization", "association"})


# One rule a line: (name, predicate, pattern[, options]). The pattern's slots: see rekg.ingest.skeleton.
# fmt: off
_TABLE: tuple[tuple[Any, ...], ...] = (
    # subsidiaryOf — a child → its parent
    ("zh-under", "subsidiaryOf", r"{b:O}{_}<UNDER>(?:的)?(?:[\u4e00-\u9fff]{0,6}?(?:企业|公司|单位|成员企业|子公司|附属公司|厂商))?[，,、:：]?(?:{P})?{a:O+}"),
    ("zh-takes-control", "subsidiaryOf", r"{b:O}{-}(?:此次|拟|将|已|成功)?(?:控股|并购|吸收合并)了?{a:O}(?!的)"),
    ("zh-sets-up-unit-in", "subsidiaryOf", r"{b:O}{_}(?:在|于)(?:{P})+(?:设有|设立|成立|新设|投资设立|注册成立)(?:了)?(?:一家)?(?:全资|控股|销售|生产|贸易|研发|境外|海外)(?:子公司|附属公司)[，,:：]?{a:O}"),
    ("zh-is-child", "subsidiaryOf", r"{a:O}{__}<IS>(?:了)?[^，,。\ue000]{0,8}?(?:{O}[^，,。\ue000]{0,16}?(?:挂牌|上市)的)?(?:上市公司|上柜公司|上市)?{b:O}(?:(?:持股|持有)(?:约)?\d+(?:\.\d+)?\s*[%％](?:股权|股份)?)?(?:的|之)?<CHILD>"),
    ("zh-bracket-unit", "subsidiaryOf", r"{a:O}\s*[(（]{b:O}(?:的)?(?:所属|下属|控股|全资|旗下)?(?:企业|子公司|附属公司|成员企业)[)）]"),
    ("zh-is-parent-of", "subsidiaryOf", r"{b:O}[^。；;]{0,40}?[,，]?<IS>{a:O}(?:的|之)(?:控股股东|母公司|最终控股公司|控股公司|最终控股股东)"),
    ("zh-is-unit-of", "subsidiaryOf", r"{a:O}{__}<IS>[^，,。\ue000]{0,12}?(?:{P})?[^，,。\ue000]{0,12}?{b:O}(?:旗下|下属|所属)(?:的)?[\u4e00-\u9fff]{0,8}?(?:企业|公司|子公司|厂商|单位)"),
    ("zh-child-of", "subsidiaryOf", r"{b:O}(?:的|之)<CHILD>[，,、:：]?{a:O+}"),
    ("zh-child-named", "subsidiaryOf", r"{b:O}{_}<CHILD>[:：]?{a:O+}"),
    ("zh-child-named-far", "subsidiaryOf", r"{b:O}{-}(?:其|旗下|下属)?<CHILD>[:：]?{a:O+}", {"confidence": 0.7}),
    ("zh-parent-holds", "subsidiaryOf", r"{a:O}{_}<IS>(?:{O})?(?:上市公司|上柜公司|上市|控股股东)?{b:O}(?:的|之)?(?:控股)?(?:全资|控股|持股\d+(?:\.\d+)?\s*[%％](?:的|之)?)(?:子公司|附属公司)"),
    ("zh-parent-holds-share", "shareholderOf", r"{b:O}{_}<IS>(?:{O})?(?:上市公司|上柜公司|上市)?{a:O}(?:的|之)?持股\d+(?:\.\d+)?\s*[%％](?:的|之)?(?:子公司|附属公司)"),
    ("zh-owned-by-is", "subsidiaryOf", r"{a:O}{_}<IS>{b:O}(?:全资|控股)(?:拥有|持有|控制)?(?:的|之)", {"not_object": _GOVERNMENT}),
    ("zh-owned-by-is-owner", "shareholderOf", r"{b:O}{_}<IS>{a:O}(?:全资|控股)(?:拥有|持有|控制)?(?:的|之)"),
    ("zh-controller-is", "subsidiaryOf", r"{a:O}(?:的)?控股股东(?:为|是|系)?{b:O}(?!(?:旗下|下属|所属)(?:的)?{O})", {"not_object": _GOVERNMENT}),
    ("zh-controller-unit", "subsidiaryOf", r"{a:O}(?:的)?控股股东(?:为|是|系)?{O}(?:旗下|下属|所属)(?:的)?{b:O}"),
    ("zh-controls-of", "shareholderOf", r"{a:O}(?:所)?(?:控股|全资拥有|持股)的{b:O}"),
    ("zh-is-controller", "subsidiaryOf", r"{b:O}{_}<IS>{a:O}(?:的)?控股股东", {"not_object": _GOVERNMENT}),
    ("en-hold-and-of-first", "shareholderOf", r"{a:O} (?:will |would |is to |are to )?<HOLDS_EN> (?:a |an )?\d+(?:\.\d+)?%,? (?:and |while |with )?{O} \d+(?:\.\d+)?% (?:of|in) (?:the )?(?:[a-z-]+ ){0,3}?(?:company|venture|entity|JV)?,? ?{b:O}"),
    ("en-hold-and-of-second", "shareholderOf", r"{O} (?:will |would |is to |are to )?<HOLDS_EN> (?:a |an )?\d+(?:\.\d+)?%,? (?:and |while |with )?{a:O} \d+(?:\.\d+)?% (?:of|in) (?:the )?(?:[a-z-]+ ){0,3}?(?:company|venture|entity|JV)?,? ?{b:O}"),
    ("en-subsidiaries-include", "subsidiaryOf", r"{b:O}(?:'s|’s)? (?:wholly[- ]owned |operating |main |principal )?(?:subsidiaries|units|affiliates|operating companies) (?:include|including|are|comprise) (?:the )?{a:O+}"),
    ("en-unit-of", "subsidiaryOf", r"{a:O},? (?:a|an|the) (?:<OWNED_EN> )?(?:{P}(?:, {P})?-based )?(?:[a-z-]+ |{P} )?<UNIT_EN> of (?:the )?(?:{P}(?:'s|’s) |{P}[- ]based )?(?:(?:[a-z][a-z-]*|{P}|[A-Z][a-z]+(?:an|ese|ish|ch|i)) ){0,4}{b:O}"),
    ("en-part-of", "subsidiaryOf", r"{a:O},? (?:which is |is |was )?(?:now |also )?(?:a |an )?part of (?:the )?{b:O}"),
    ("en-appositive-of-org", "subsidiaryOf", r"{a:O}, (?:(?:the|a|an) )?{b:O}(?:'s|’s) (?:[a-z-]+ ){0,3}(?:<UNIT_EN>|institute|laboratory|research centre|research center|centre|center)\b"),
    ("en-body-unit", "subsidiaryOf", r"{b:O}(?:'s|’s) {a:O}(?! (?:stake|shares?|holding|interest|offer|bid|deal|agreement|plan|programme|program|fund|project)\b)", {"confidence": 0.7, "not_object": _NOT_BODIES}),
    ("en-its-unit", "subsidiaryOf", r"{b:O}(?:'s|’s) (?:<OWNED_EN> )?(?:[A-Za-z-]+ ){0,2}?<UNIT_EN>,? {a:O}"),
    ("en-described-is-unit", "subsidiaryOf", r"{a:O}, (?:a|an|the) (?:[^,;\ue000-\ue0ff]|{P}){0,60}? (?:that|which) (?:is|was|became|has become) (?:a |an |the )?(?:<OWNED_EN> )?<UNIT_EN> of (?:the )?{b:O}"),
    ("en-whose-unit", "subsidiaryOf", r"{b:O}, whose (?:<OWNED_EN> )?(?:[a-z-]+ ){0,2}<UNIT_EN>,? (?:the )?{a:O}"),
    ("en-its-parent", "subsidiaryOf", r"{a:O}(?:[^.;\ue000-\ue0ff]|{S}|{P}){0,80}? its (?:ultimate |immediate )?parent(?: company)?,? (?:the )?{b:O}"),
    ("en-is-unit", "subsidiaryOf", r"{a:O} (?:is|was|will be|will become|became|becomes|as|remains) (?:a |an |the )?(?:<OWNED_EN> )?<UNIT_EN> of (?:the )?(?:{P}(?:'s|’s) )?(?:(?:[a-z][a-z-]*|{P}) ){0,4}{b:O}"),
    ("en-described-controlled-by", "subsidiaryOf", r"{a:O}, (?:a|an|the) (?:[^,;\ue000-\ue0ff]|{P}){0,50}?(?:controlled|majority[- ]owned|wholly[- ]owned) by (?:the )?{b:O}"),
    ("en-owned-by", "subsidiaryOf", r"{a:O},? (?:which is |is |was )?(?:(?:wholly|majority|fully)[- ]owned|controlled) by (?:the )?{b:O}"),
    ("en-fronted-owned-by-parent", "subsidiaryOf", r"(?:^|[;:] )(?:[A-Z][^,;\ue000-\ue0ff]{0,40}? and )?(?:(?:wholly|majority|fully)[- ])?owned by (?:the )?{b:O}, {a:O}"),
    ("en-parent-unit", "subsidiaryOf", r"{b:O}{__} (?:through|via|by) its (?:<OWNED_EN> )?<UNIT_EN>,? {a:O}"),
    # shareholderOf — a holder → what it holds
    ("zh-holds", "shareholderOf", r"{a:OH+}{~}<HOLD>(?:的)?{~}{b:O}(?:的)?{~}<STAKE>"),
    ("zh-holds-named", "shareholderOf", r"{a:O+}{_}<HOLD>{b:O}(?:的)?(?:全部|部分)?(?:股权|股份)"),
    ("zh-held-by", "shareholderOf", r"{b:O}{__}\d+(?:\.\d+)?\s*[%％](?:的)?(?:股权|股份)(?:则|分别|继续)?由{a:OH+}(?:继续)?(?:持有|认购|受让|持股)"),
    ("zh-held-by-list", "shareholderOf", r"{b:O}{__}由{a:OH+}{~}(?:分别|共同|合计|各)?(?:持股|持有|出资|全资拥有|拥有)"),
    ("zh-place-de-org", "locatedIn", r"(?<![的在于])(?:{P})*{b:P}的{a:O}"),
    ("zh-through-acquires", "shareholderOf", r"(?:透过|通过|经由)[^，,。；;\ue000-\ue0ff]{0,10}?「?{a:O}」?[,，]?[^。；;\ue000-\ue0ff]{0,20}?<ACQUIRE>[^，,。；;\ue000-\ue0ff]{0,12}?(?:{P})?[^，,。；;\ue000-\ue0ff]{0,12}?{b:O}(?:的)?<STAKE>"),
    ("zh-stake-clause", "shareholderOf", r"(?:[，,；;]|(?<=[%％])、)\s*(?:{P})?(?:{O}(?:控股|持股|全资拥有)的)?{a:OH}(?:先生|女士)?(?:则|亦|也|另|现)?(?:在[^，,。；;]{0,6}?)?{~}(?:以[^，,。；;]{0,8}?)?(?:入股|持股|持有|取得|获得|认购|出资)(?:比例)?(?:将)?(?:由\d+(?:\.\d+)?\s*[%％](?:降|增|升|减|提高|降低|增加|减少)至)?(?:约)?\d+(?:\.\d+)?\s*[%％]", {"object": "topic", "confidence": 0.7}),
    ("zh-holds-the-rest", "shareholderOf", r"{O}{~}<HOLD>(?:的)?{~}{b:O}(?:的)?{~}(?:<STAKE>)[，,；;]\s*{a:O}(?:则)?(?:持有|拥有|持股|认购)?(?:其余|剩余|余下)(?:的)?(?:约)?\d"),
    ("zh-is-wholly-owned-by", "shareholderOf", r"{b:O}(?:系|为|是)(?:由)?{a:O}(?:的)?(?:全资|独资)企业"),
    ("zh-acquires", "shareholderOf", r"{a:O+}{~}<ACQUIRE>{_}(?:{O}(?:所持(?:有)?|持有)(?:的)?)?{b:O}{_}(?:\d+(?:\.\d+)?\s*[%％]|全部|部分|控股|多数)"),
    ("zh-acquires-via", "shareholderOf", r"通过(?:其)?(?:全资|控股)?(?:子公司|附属公司){a:O}[，,]?{__}<ACQUIRE>{_}(?:{O}(?:所持(?:有)?|持有)(?:的)?)?{b:O}{_}(?:\d+(?:\.\d+)?\s*[%％]|全部|部分|控股|多数)"),
    ("zh-owned-by", "shareholderOf", r"{b:O}{~}由{a:OH}(?:先生|女士)?(?:全资|全部|绝对|间接|直接|百分之百|100%|全数)?(?:拥有|控股|持有)"),
    ("zh-wholly-owned-by", "subsidiaryOf", r"{a:O}{~}由{b:O}(?:全资|间接全资|绝对)?(?:拥有|控股)", {"not_object": _GOVERNMENT}),
    ("zh-deal-then-acquire", "shareholderOf", r"{a:O}{__}<WITH>{O}{__}(?:订立|签署|签订)[^\ue000。]{0,20}?[,，]?(?:并)?(?:有条件)?<ACQUIRE>{_}{b:O}{_}(?:\d+(?:\.\d+)?\s*[%％]|全部|控股)"),
    ("zh-shareholder-of", "shareholderOf", r"{b:O}(?:的)?(?:另一|另一名|另一家|其余|其他|另外的)?(?:控股|第一大|第二大|主要|大|战略)?股东(?:为|是|系|包括|有)?{a:O+}"),
    ("zh-is-shareholder", "shareholderOf", r"{a:O}{_}<IS>{b:O}(?:的)?(?:第[一二三四五六七八九十\d]+大|控股|主要|大|战略|重要|最大)?股东"),
    ("zh-controller-holds", "shareholderOf", r"{b:O}(?:的)?控股股东(?:为|是|系)?{a:O}"),
    ("zh-funds", "shareholderOf", r"{a:O+}{_}(?:分别|共同|各)?(?:出资|认缴|持有)(?:[^。；]{0,12})?(?:设立|成立){_}{b:O}"),
    ("en-holds-stake", "shareholderOf", r"{a:O+}{__}(?:(?:it|which|that|they) )?(?:each |jointly |currently |already |now |also |will |would |is to |plans to |agreed to )?<HOLDS_EN> <AMOUNT_EN>(?: stake| interest| shareholding| equity interest| of the shares| of the issued capital| of the capital| of the enlarged capital| holding)?(?: [a-z]+){0,3} (?:in|of) (?:the )?(?:{P}[- ]based )?(?:[a-z][a-z-]* ){0,4}{b:O}<NOT_ITS_GOODS>"),
    ("en-acquire-of", "shareholderOf", r"{a:O+}{___}(?:to |will |has |have |had |agreed to |would )?(?:acquire|acquired|buy|bought|take|took|subscribe for|subscribed for|purchase|purchased)(?: up to| an additional| a further)? <AMOUNT_EN>(?: [a-z]+){0,4} (?:of|in) (?:the )?{b:O}<NOT_ITS_GOODS>"),
    ("en-agreement-to-acquire", "shareholderOf", r"{a:O}[^.;\ue000-\ue0ff]{0,100}?(?:agreement|deal|arrangement|option)[^.;\ue000-\ue0ff]{0,20}? to (?:acquire|buy|purchase|take) (?:up to )?<AMOUNT_EN>(?: [a-z]+){0,4} (?:of|in) (?:the )?{b:O}"),
    ("en-largest-shareholder", "shareholderOf", r"{b:O}(?:'s|’s)? (?:[a-z]+ ){0,2}(?:shareholder|investor|owner),? (?:with [^,;]{1,24}, )?(?:{P}[- ]based )?(?:(?!(?:also|owns?|holds?|has|will|said|says|which|that)\b)[a-z][a-z-]* ){0,4}{a:O}"),
    ("en-whose-shareholder", "shareholderOf", r"{b:O}, whose (?:largest|biggest|main|major|controlling|single largest|principal) (?:shareholder|owner|investor) (?:is|was|remains) (?:the )?(?:{P}[- ]based )?(?:[a-z][a-z-]* ){0,4}{a:O}"),
    ("en-in-which-holds", "shareholderOf", r"{b:O},? (?:an? |the )?(?:{P} )?(?:[A-Za-z-]+ ){0,4}?in which (?:the )?{a:O} (?:holds|has|owns|took|acquired|retains|controls) (?:a |an |the )?(?:<AMOUNT_EN> )?(?:stake|interest|shareholding|equity interest)"),
    # "owned 65% by A, 20% by B and 15% by C": each holder in its place in the list
    ("en-owned-pct-by", "shareholderOf", r"(?<!by ){b:O}(?! and){__}(?:(?:owned|held) \d+(?:\.\d+)?(?:%| per ?cent)|\d+(?:\.\d+)?(?:%| per ?cent) (?:owned|held)) by (?:the )?{a:O}(?!'s|’s)"),
    ("en-owned-pct-by-second", "shareholderOf", r"{b:O}{__}(?:(?:owned|held) \d+(?:\.\d+)?(?:%| per ?cent)|\d+(?:\.\d+)?(?:%| per ?cent) (?:owned|held)) by (?:the )?{O},? (?:and )?\d+(?:\.\d+)?(?:%| per ?cent) by (?:the )?{a:O}"),
    ("en-owned-pct-by-third", "shareholderOf", r"{b:O}{__}(?:(?:owned|held) \d+(?:\.\d+)?(?:%| per ?cent)|\d+(?:\.\d+)?(?:%| per ?cent) (?:owned|held)) by (?:the )?{O},? (?:and )?\d+(?:\.\d+)?(?:%| per ?cent) by (?:the )?{O},? (?:and )?\d+(?:\.\d+)?(?:%| per ?cent) by (?:the )?{a:O}"),
    ("en-owned-by-with-taking", "shareholderOf", r"{b:O}{__}(?:owned|held) by (?:the )?{O}(?!'s|’s), with {a:O} (?:taking|holding|owning|keeping|retaining) (?:the remaining |the other |the rest |an? )?\d+(?:\.\d+)?(?:%| per ?cent)"),
    ("en-owned-by-and-the-rest", "shareholderOf", r"{b:O}{__}(?:owned|held) by (?:the )?{O}, with {O} (?:taking|holding|owning|keeping|retaining) (?:an? )?\d+(?:\.\d+)?(?:%| per ?cent),? and {a:O} the (?:remaining|other|rest|balance)"),
    ("en-fronted-owned-by", "shareholderOf", r"(?:^|[;:] )(?:[A-Z][^,;\ue000-\ue0ff]{0,40}? and )?(?:(?:wholly|majority|jointly|partly|\d+(?:\.\d+)?%)[- ])?owned by (?:the )?{a:O+}, {b:O}"),
    ("en-named-shareholder", "shareholderOf", r"{a:O}, (?:currently |now |already )?{b:O}(?:'s|’s) (?:[a-z]+ ){0,2}(?:shareholder|investor|owner)"),
    ("en-percent-owned-by", "shareholderOf", r"{b:O},? (?:is |was |which is )?(?:\d+(?:\.\d+)?(?:%| per ?cent)|wholly|majority|jointly|partly)[- ]owned by (?:the )?{a:OH+}"),
    ("en-is-shareholder", "shareholderOf", r"{a:O},? (?:is |becomes |became |as |remains )?(?:the |a )?(?:largest|major|main|controlling|substantial|biggest|cornerstone)? ?(?:shareholder|investor|owner) (?:of|in) {b:O}"),
    ("en-jv-holds", "shareholderOf", r"{b:O}{__}joint venture (?:in which|where|between) {a:O+}(?: [^]{0,30}?)? (?:each )?(?:hold|own|holds|owns)"),
    ("en-held-by", "shareholderOf", r"{b:O} is (?:currently |now )?(?:held|owned) by (?:(?:[A-Z][a-z]+|[a-z]+) ){0,4}?{a:O+}"),
    ("en-stake-held-by", "shareholderOf", r"(?:stake|interest|shareholding|shares) in (?:the )?{b:O} (?:will be |would be |is |was |are |were |to be )?(?:held|owned) by (?:the )?{a:O}"),
    ("en-keeping-the-rest", "shareholderOf", r"(?:with|while|and) {a:O} (?:keeping|retaining|holding|keeps|retains|holds|will keep|will retain|will hold) (?:the |its )?(?:other|remaining|rest of the|balance of the) \d+(?:\.\d+)?(?:%| per ?cent)", {"object": "topic", "confidence": 0.7}),
    ("en-licence-for", "operates", r"{a:O}{__}(?:holds|has|owns|was granted|received|obtained|secured) (?:the |a |an )?(?:[a-z-]+ ){0,2}(?:licen[cs]e|permit|concession|lease|tenement) (?:for|over|covering|to) (?:the )?{b:M}"),
    ("zh-invests-in-round", "shareholderOf", r"(?:融资|增资|募资|投资)[^。；;\ue000-\ue0ff]{0,10}?[，,]?(?:由)?(?:[^，,。；;\ue000-\ue0ff]|{P}){0,10}?{a:O+}(?:共同|联合)?(?:领投|跟投|参投|认购)", {"object": "topic", "confidence": 0.7}),
    ("zh-follows-in-round", "shareholderOf", r"[，,；;、]\s*{a:O}(?:则|亦|也)?(?:共同|联合)?(?:领投|跟投|参投)", {"object": "topic", "confidence": 0.7}),
    ("en-leads-round", "shareholderOf", r"(?:round|financing|fundraising|raise|placement|investment)[^.;\ue000-\ue0ff]{0,40}? (?:led|co-led|anchored) by (?:the )?(?:[a-z-]+ ){0,3}{a:O+}", {"object": "topic", "confidence": 0.7}),
    ("en-holds-through", "shareholderOf", r"{O} (?:owns|owned|holds|held|has|had) (?:about |approximately |some )?\d+(?:\.\d+)?(?:%| per ?cent)(?: stake| interest)? (?:of|in) (?:the )?{b:O} (?:through|via) (?:its )?(?:<OWNED_EN> )?(?:[a-z-]+ ){0,2}{a:O}"),
    ("en-owns-further", "shareholderOf", r"(?:^|[,;]\s*|\band\s+)(?:the )?{a:O} (?:owns|holds|has|owned|held|had|keeps|retains) (?:a further|another|an additional|the remaining|the other|the rest of the|the balance of the) \d+(?:\.\d+)?(?:%| per ?cent)", {"object": "topic", "confidence": 0.7}),
    ("en-which-holds-of", "shareholderOf", r"{a:O}, which (?:owns|owned|holds|held|has|had|controls|controlled) (?:about |approximately |around |some |nearly |almost )?\d+(?:\.\d+)?(?:%| per ?cent)(?: stake| interest)? (?:of|in) (?:the )?{b:O}"),
    ("en-described-controlled-by-owner", "shareholderOf", r"{b:O}, (?:a|an|the) (?:[^,;\ue000-\ue0ff]|{P}){0,50}?(?:controlled|majority[- ]owned|wholly[- ]owned) by (?:the )?{a:O}"),
    ("en-which-holds", "shareholderOf", r"{a:O}(?: of {P}(?:, {P})?)?, which (?:holds|owns|has) (?:the remaining |a further |an? )?\d+(?:\.\d+)?(?:%| percent| per cent)", {"object": "topic", "confidence": 0.7}),
    ("en-pays-for-stake", "shareholderOf", r"{a:O}{___}(?:pay|pays|paid|paying|invest|invests|invested|investing|spend|spent)[^.;\ue000-\ue0ff]{0,40}? (?:for|in exchange for) (?:a |an )?(?:further |additional )?\d+(?:\.\d+)?(?:%| per ?cent) (?:stake|interest|shareholding|holding|equity stake) in (?:the )?{b:O}"),
    ("en-acquires-stake", "shareholderOf", r"{a:O}{___}(?:acquire|acquires|acquired|buy|buys|bought|take|takes|took|purchase|purchases|purchased|subscribe for|subscribes for|hold|holds) (?:a |an )?(?:further |additional |new )?\d+(?:\.\d+)?(?:%| per ?cent) (?:stake|interest|shareholding|holding|equity stake|equity interest) in (?:the )?{b:O}"),
    ("en-percent-owned", "shareholderOf", r"{a:O}(?:'s|’s) \d+(?:\.\d+)?(?:%| per ?cent)[- ]owned (?:subsidiary|unit|affiliate|joint venture),? {b:O}"),
    ("en-jv-in-which", "shareholderOf", r"{b:O}, (?:a|an|the) (?:\w+ )?joint venture (?:in which|between|of) {a:O+}"),
    # foundedBy — a company → who founded it
    ("zh-co-found", "foundedBy", r"{b:O+}{~}(?<!由)<FOUND>(?:了)?(?:一家|一个|新)?(?:的)?{a:O}"),
    ("zh-founded-by", "foundedBy", r"{a:O}{__}由{b:O+}{__}(?:共同)?(?:出资|合资|发起|重组整合|整合|共同)?(?:设立|成立|组建|创立)"),
    ("zh-founded-by-pair", "foundedBy", r"{a:O}{__}由(?:{P})?[^，,。；;\ue000-\ue0ff]{0,10}?{b:O}(?:与|和|及)(?:{P})?[^，,。；;\ue000-\ue0ff]{0,10}?{O}(?:于?\d{4}年(?:\d{1,2}月)?)?(?:共同|联合)?(?:出资|合资|发起)?(?:设立|成立|组建|创立|创办)"),
    ("zh-founded-by-pair-second", "foundedBy", r"{a:O}{__}由(?:{P})?[^，,。；;\ue000-\ue0ff]{0,10}?{O}(?:与|和|及)(?:{P})?[^，,。；;\ue000-\ue0ff]{0,10}?{b:O}(?:于?\d{4}年(?:\d{1,2}月)?)?(?:共同|联合)?(?:出资|合资|发起)?(?:设立|成立|组建|创立|创办)"),
    ("zh-founded-by-before", "foundedBy", r"由{b:O+}{~}(?:共同)?(?:出资|合资|发起|投资)?(?:设立|成立|组建|创立|创办)的[「“\"]?{a:O}"),
    ("zh-venture-of-first", "foundedBy", r"{a:O}{_}<IS>(?:{P}|{O}[^\ue000-\ue0ff，,。；;]{0,6}?[之的])*{b:O}(?:与|和|及)[^\ue000-\ue0ff，,。；;]{0,4}?{O}{~}<FOUND>(?:的|之)(?:合资)?(?:公司|企业)"),
    ("zh-venture-of-second", "foundedBy", r"{a:O}{_}<IS>(?:{P}|{O}[^\ue000-\ue0ff，,。；;]{0,6}?[之的])*{O}(?:与|和|及)[^\ue000-\ue0ff，,。；;]{0,4}?{b:O}{~}<FOUND>(?:的|之)(?:合资)?(?:公司|企业)"),
    ("en-jv-of", "foundedBy", r"{a:O}{__}(?:a |the )?(?:\d+:\d+ |50-50 |50:50 )?joint venture (?:between|of|formed by|set up by|in which|owned by) {b:O+}"),
    ("en-founded-by", "foundedBy", r"{a:O},? (?:was|were|has been|had been) (?:established|founded|formed|set up|created|incorporated|launched)(?: in \d{4}| on [^,.]{3,20})? by {b:O}"),
    ("en-founded-with", "foundedBy", r"{a:O},? (?:was|were|has been|had been) (?:established|founded|formed|set up|created|incorporated|launched)(?: in \d{4}| on [^,.]{3,20})? by {O},? (?:together )?with (?:the )?{b:O}"),
    ("en-jv-partners", "partnerOf", r"joint venture (?:of|between|formed by|set up by) {a:O}(?:,? which [^,;]{3,40},|, as [a-z -]{2,30},)? and {b:O}"),
    ("en-jv-owners", "shareholderOf", r"{b:O}{__}(?:a |the )?(?:\d+:\d+ |50-50 |50:50 )?joint venture (?:between|of|in which|owned by) {a:O+}"),
    ("en-founded-by-and", "foundedBy", r"{a:O},? (?:was|were|has been|had been) (?:established|founded|formed|set up|created|incorporated)(?: in \d{4}| on [^,.]{3,20})? by {O}(?:,? (?:a|an|the) [^,;\ue000-\ue0ff]{3,60}?(?:{O})?,)? and {b:O}"),
    ("en-form-jv", "foundedBy", r"{b:O+} (?:will |would |plan to |plans to |agreed to |have agreed to |has agreed to |are to |to )?(?:form|formed|set up|establish|established|create|created) (?:a|an|the) (?:[\w-]+ ){0,2}joint venture(?: company)?,? (?:called |named |to be called )?{a:O}"),
    ("en-form-jv-owners", "shareholderOf", r"{a:O+} (?:will |would |plan to |plans to |agreed to |have agreed to |has agreed to |are to |to )?(?:form|formed|set up|establish|established|create|created) (?:a|an|the) (?:[\w-]+ ){0,2}joint venture(?: company)?,? (?:called |named |to be called )?{b:O}"),
    ("en-formed-by", "foundedBy", r"{a:O},? (?:was )?(?:formed|founded|established|set up|incorporated) by {b:O+}"),
    ("en-spun-out", "foundedBy", r"{a:O},? (?:a |an )?(?:spin[- ]?out|spin[- ]?off) (?:of|from) {b:O}"),
    ("en-spun-off-from", "foundedBy", r"{a:O},? (?:a |an )?(?:[^,;\ue000-\ue0ff]|{P}){0,40}?(?:spun|span) (?:off|out) (?:from|of) (?:the )?{b:O}"),
    # partnerOf — between two organisations
    ("zh-sign-with", "partnerOf", r"{a:O+}{__}<WITH>(?:[^，,。；;]{0,16}?的)?{b:O+}{___}<SIGN>(?:了)?{__}<DEAL>"),
    ("zh-then-sign-with", "partnerOf", r"^[^\ue000-\ue0ff，,。]{0,12}(?:{P})*{a:O}[^。；;]{0,60}?[，,]\s*(?:并|同时|另|还|也|亦|此外|随后)?(?:已|将|于)?<WITH>{b:O}{_}<SIGN>(?:了)?{__}<DEAL>"),
    ("zh-cooperate", "partnerOf", r"{a:O+}{_}<WITH>{b:O+}{_}(?:开展|进行|深化|加强|达成|建立|展开)?(?:战略|全面|深度|长期|技术|产学研)?(?:合作|结盟|联盟|合资|共建)"),
    ("zh-both-sign-with", "partnerOf", r"{a:O}(?:均|都|皆|分别|各自|亦|也)(?:已|将|于)?<WITH>{b:O}{_}<SIGN>"),
    ("zh-both-sign-with-first", "partnerOf", r"{a:O}(?:与|和|及|、){O}(?:均|都|皆|分别|各自)(?:已|将|于)?<WITH>{b:O}{_}<SIGN>"),
    ("zh-and-sign", "partnerOf", r"{a:O}(?:和|与|及){b:O}{_}(?:共同|联合)?<SIGN>(?:了)?{__}<DEAL>"),
    ("zh-jv-by", "partnerOf", r"由{a:O}(?:与|和|及)(?:{P})*{b:O}{__}(?:合资|共同出资|联合出资|共同)(?:设立|成立|组建|创立)"),
    ("zh-together-build", "partnerOf", r"{a:O}(?:与|和|同){b:O}(?:将|拟|计划|已)?(?:共同|联合|合作)(?:出资|投资|建设|设立|开发|组建|成立|推进)"),
    ("zh-buy-from", "partnerOf", r"{a:O}{__}(?:向|从|自){b:O}{_}(?:采购|购买|购入|订购|承购|包销)(?![^，,。；;]{0,30}?(?:股权|股份|权益|股票))"),
    ("zh-buy-output", "partnerOf", r"{a:O}{__}(?:采购|购买|承购|包销){b:O}(?:{J}|{F}|{M})?(?:所产|生产|产出)"),
    ("zh-supply-to", "partnerOf", r"{a:O}{__}(?:向|为){b:O}{_}(?:供应|供货|销售|出售)"),
    ("zh-supply-direct", "partnerOf", r"{a:O}{__}(?:供应|供货)(?:给)?{b:O}(?:不少于|约|[\d一二三四五六七八九十]|氧化|稀土|精矿|产品)"),
    ("zh-hand-in-hand", "partnerOf", r"{a:O}携手{b:O}"),
    ("zh-with-jointly", "partnerOf", r"{a:O}{~}(?:将|拟|已|计划)?(?:与|和|同|携手)(?:{P})?{b:O}(?:将|拟)?(?:共同)?(?:合资|合作|联合)(?:成立|设立|组建|建设|兴建|开发|投资|研发)"),
    ("en-deal-with", "partnerOf", r"{a:O+}{___}(?:signed|signs|sign|entered into|enters into|executed|executes|concluded|reached|struck|agreed|inked|announced|formed|forged|has|have|had|under) (?:a |an |the |its )?{__}<DEAL_EN> (?:with|between) (?:the )?(?:[a-z][a-z-]* ){0,4}{b:O+}"),
    ("en-comes-from", "partnerOf", r"{a:O}(?:'s|’s) (?:[a-z-]+ ){0,3}(?:comes|come|came|is sourced|are sourced|will come|is supplied|are supplied|is bought|are bought) (?:from|by) (?:the )?{b:O}"),
    ("en-is-operator", "operates", r"{a:O} (?:will be|would be|is|was|remains|becomes|became) (?:the )?{b:S}(?:'s|’s) (?:owner and |sole |main )?operator"),
    ("en-deal-signed-with", "partnerOf", r"^[^\ue000-\ue0ff.;]{0,60}?{a:O}[^.;]{0,100}?<DEAL_EN> (?:signed|concluded|agreed|entered into|executed|struck) with (?:the )?{b:O}"),
    ("en-supply-to", "partnerOf", r"(?<!of ){a:O}{__} (?:has |have |had )?(?:agreed to |will |would |to |plans to )?(?:supply|sell|deliver|ship)(?! (?:a |an |its |the )?(?:\d|stake|shares|interest))[^.;\ue000-\ue0ff]{0,80}? to (?:the )?{b:O}(?! (?:project|mine|plant))"),
    ("en-buy-from", "partnerOf", r"(?<!of ){a:O}{__} (?:has |have |had )?(?:agreed to |will |would |to |plans to )?(?:buy|purchase|source|offtake)(?![^.;]{0,80}?(?:stake|shares|interest|shareholding))[^.;\ue000-\ue0ff]{0,80}? from (?:the )?{b:O}"),
    ("en-and-sign", "partnerOf", r"{a:O} and {b:O} (?:have |has |had )?(?:also |jointly |now |already |formally )?(?:signed|entered into|executed|agreed|formed|struck) {__}<DEAL_EN>"),
    ("en-incorporated-by", "foundedBy", r"{b:O+} (?:have |has |had )?(?:jointly )?(?:incorporated|co-founded|cofounded) (?:a |the )?(?:[a-z-]+ ){0,3}?{a:O}"),
    ("en-form-jv-with", "partnerOf", r"{a:O}{__}(?:has |have |had )?(?:agreed to |will |would |plans to |to |is to )?(?:form|formed|forms|set up|sets up|establish|establishes|established|create|creates|created) (?:a|an) (?:[\w-]+ ){0,2}joint venture(?: company)? with (?:the )?(?:{P}(?:'s|’s) )?(?:[a-z-]+ ){0,2}{b:O}"),
    ("en-form-jv-with-second", "partnerOf", r"{a:O}{__}(?:form|formed|forms|set up|sets up|establish|establishes|established|create|creates|created) (?:a|an) (?:[\w-]+ ){0,2}joint venture(?: company)? with (?:the )?(?:{P}(?:'s|’s) )?(?:[a-z-]+ ){0,2}{O},? and (?:the )?(?:{P}(?:'s|’s) |[A-Z][a-z]+ )?(?:[a-z-]+ ){0,2}{b:O}"),
    ("en-jv-partners-with", "partnerOf", r"joint venture(?: company)? with (?:the )?(?:{P}(?:'s|’s) )?(?:[a-z-]+ ){0,2}{a:O},? and (?:the )?(?:{P}(?:'s|’s) |[A-Z][a-z]+ )?(?:[a-z-]+ ){0,2}{b:O}"),
    ("en-and-to-build", "partnerOf", r"{a:O} and {b:O} (?:to|will|plan to|agree to|agreed to|have agreed to|had agreed to|intend to) (?:jointly )?(?:build|form|develop|set up|create|establish|launch|explore)"),
    ("en-partner-with", "partnerOf", r"{a:O+}{__}(?:partnered|partners|partnering|teamed up|collaborates?|collaborating|cooperates?|will work) with {b:O+}"),
    ("en-deal-between", "partnerOf", r"<DEAL_EN> between {a:O} and {b:O}"),
    ("en-deal-among", "partnerOf", r"<DEAL_EN>(?: dated [^,;\ue000-\ue0ff]{3,30}?)? (?:between|among|amongst) (?:the )?{a:O+}", {"object": "among"}),
    ("en-brings-together", "partnerOf", r"(?:brings|bring|brought|bringing) together (?:the )?{a:O+}", {"object": "among"}),
    ("en-licence-from", "partnerOf", r"{a:O}{__}(?:holds|has|obtained|secured|took|takes|acquired) (?:a |an |the )?(?:[a-z-]+ ){0,3}licen[cs]e (?:[a-z-]+ ){0,4}?from {b:O}"),
    ("en-licenses-from", "partnerOf", r"{a:O} licen[cs]es (?:a |an |the )?[^.;]{0,60}? (?:developed|invented|owned) (?:at|by) (?:the )?{b:O}"),
    # operates — an organisation → a mine or a facility
    ("zh-runs", "operates", r"{a:O}{_}<RUN>(?:的)?{_}(?:<AT>(?:{P})+[的之])?{b:S}"),
    ("zh-builds-site-at", "operates", r"{a:O}{_}(?:在|于)(?:{P})+{_}(?:投资)?(?:建设|新建|兴建|建成|筹建|扩建|投建|经营|运营|营运){b:MF}"),
    ("zh-run-by-bracket", "operates", r"{b:MF}\s*[(（]\s*(?:由)?{a:O}(?:负责)?(?:营运|运营|经营|管理)\s*[)）]"),
    ("zh-run-by", "operates", r"{b:MF}{-}由(?:[^，,。\ue000-\ue0ff]{1,6}的|(?:{P})+的)?(?:{O}(?:的)?(?:全资|控股|下属)?(?:子公司|附属公司|企业))?{a:O}(?:负责)?(?:日常|具体|全面)?(?:建设(?:和|及|并))?(?:运营|营运|经营|管理|开采|建设|投资建设|运行)"),
    ("zh-run-by-topic", "operates", r"^[^\ue000-\ue0ff。；;]{0,8}{b:MF}[^\ue000-\ue0ff。；;]{0,140}?由(?:其(?:全资|控股)?(?:子公司|附属公司))?{a:O}(?:负责)?(?:日常|具体|全面)?(?:运营|营运|经营|管理|运行)"),
    ("en-where-runs", "operates", r"{b:MF}, where {a:O} (?:turns|makes|produces|processes|refines|separates|mines|operates|runs|builds|manufactures)"),
    ("en-which-operates", "operates", r"{b:MF}(?: in {P}(?:, {P})?)?, which {a:O} (?:owns and operates|operates|runs|owns|manages)"),
    ("zh-under-site", "operates", r"{a:O}<UNDER>(?:的)?{b:S}"),
    ("zh-own-site", "operates", r"{a:O}(?:的|之|旗下)?{b:MF}"),
    ("zh-has-site", "operates", r"{a:O}{~}(?:拥有|建有|建成|自有|经营着|运营着)(?:一座|一家|一处|[一二三四五六七八九十两\d]+座)?(?:[^，,。；;\ue000-\ue0ff]{0,12}?的)?{b:MF}"),
    ("en-operator-of", "operates", r"{a:O},? (?:the |a |an )?(?:owner and )?operator of (?:the )?{b:S}"),
    ("en-runs", "operates", r"{a:O}(?:,? which| also| now| currently| already)? <RUN_EN> (?:the |its )?(?:[a-z][a-z-]* ){0,2}{b:MF}"),
    ("en-possessive", "operates", r"{a:O}(?:'s|’s) (?:[a-z][a-z-]* ){0,3}{b:MF}"),
    ("en-owns-project", "leads", r"{a:O}(?:,(?:[^,.;\ue000-\ue0ff]|{P}){1,40}?,)? (?:owns|owned|holds|held|controls) (?:a |an |the )?(?:\d+(?:\.\d+)?% )?(?:(?:interest|stake) in )?(?:the )?{b:J}"),
    ("en-project-owned-by", "leads", r"{b:J}(?: is| was| remains)? (?:\d+(?:\.\d+)?%[- ]|wholly[- ]|majority[- ]|fully[- ])?owned by (?:the )?{a:O}"),
    ("en-project-operated-by", "leads", r"{b:J}(?:,? {P})*,? (?:which is |and )?(?:operated|run|managed|developed|led) by (?:the )?{a:O}"),
    ("en-owned-by-line", "subsidiaryOf", r"(?:^|[;]\s*)(?:(?:wholly|majority)[- ])?owned by (?:the )?{b:O}", {"subject": "topic", "confidence": 0.7}),
    ("en-operated-by", "operates", r"{b:MF}{_}(?:,? which is |,? )?(?:owned and )?(?:operated|run|managed) by {a:O}"),
    # locatedIn — a thing → the place it is in (the last of a chain: 江西省赣州市 → 赣州市)
    ("zh-located", "locatedIn", r"{a:T}{~}(?<!营运)(?<!运营)(?<!经营)(?<!持有)(?<!拥有)(?<!收购)(?<!建设)<AT>{_}(?:{P}<WITHIN>?)*{b:P}(?![])(?!的?{T})(?!的[^，,。；;\ue000-\ue0ff]{1,10}?{T})"),
    ("zh-site-in-zone", "locatedIn", r"(?:在|于)(?:{P})*{b:F}(?:内)?{~}(?:经营|营运|运营|建设|兴建|设有|设立)(?:了)?(?:之|的)?{a:MF}"),
    ("zh-row-address", "locatedIn", r"^\s*(?:\d+[.、]?[　\s]+)?(?:{P}[　\s]+)?{a:T}(?:\s*[(（][^()（）]{0,40}[)）])?[　\s]{1,4}(?:{P})*{b:P}\s*$"),
    ("zh-address-inline", "locatedIn", r"{a:O}(?:\s*[(（][^()（）]{0,30}[)）])?[，,]?\s*(?:[\u4e00-\u9fff]{0,4}地址|住址|住所)[:：]\s*\d*\s*(?:{P})*{b:P}(?![\u4e00-\u9fff]{0,6}(?:路|街|号|大道))"),
    ("zh-address-bracket", "locatedIn", r"{a:O}[^。；;\ue000-\ue0ff]{0,12}?[(（](?:地址|住址|注册地址|办公地址)[:：]\s*(?:{P})*{b:P}"),
    ("zh-located-in-zone", "locatedIn", r"{a:T}{~}(?<!营运)(?<!运营)(?<!经营)(?<!持有)(?<!拥有)(?<!收购)(?<!建设)<AT>{_}(?:{P})*{b:F}(?!的|{T})(?!之)"),
    ("zh-located-before-zone", "locatedIn", r"<AT>(?:{P})*{b:F}(?:的|之){a:T}"),
    ("zh-headquarters", "locatedIn", r"{a:T}(?:的)?总部(?:则|也|亦|目前|现)?(?:位于|设在|设于|在|落户)(?:{P}(?:的)?(?:境内)?<WITHIN>?)*{b:P}(?!{P})"),
    ("zh-located-before", "locatedIn", r"<AT>(?:{P}<WITHIN>?)*{b:P}(?:港区|市区|城区|一带|境内|沿海|郊区|[东西南北中]部)?(?:的)?(?:[^，,。；;\ue000-\ue0ff]{1,8}?(?:商|企业|公司|厂商|矿企|机构|集团))?{a:T}"),
    ("zh-located-before-national", "locatedIn", r"<AT>(?:{P}[，,]?)*{b:P}的{P}{a:T}"),
    ("zh-place-prefix", "locatedIn", r"(?:^|(?<=[，,。；;:：、与和及同向由为对从在]))\s*(?:{P}(?:的)?)?{b:P}(?:的)?{a:O}"),
    ("zh-registered", "locatedIn", r"{a:O}{~}(?:在|于)(?:{P})*{b:P}(?:注册成立|注册|登记成立|注册设立)"),
    ("zh-registered-before", "locatedIn", r"(?:{P})*{b:P}(?:注册|登记|注册成立)(?:的|之){a:O}"),
    ("zh-branch-in", "locatedIn", r"(?:^|[，,；;])\s*(?:并|另|亦|也|还|目前)?(?:在|于){b:P+}(?:均|分别|各)?设有(?:一家|多家|两家)?(?:分公司|办事处|代表处|分厂|生产基地|工厂|研发中心)", {"subject": "topic"}),
    ("zh-place-site", "locatedIn", r"{b:P}{a:MF}"),
    ("zh-place-chain", "locatedIn", r"{b:P}(?:·|(?:[东西南北中]{1,2}部|首府|首都|省会)(?:的)?)?{a:P}"),
    ("zh-is-described", "locatedIn", r"{a:O}(?:为|是|系|乃)(?:一家|一间|一所)?(?:{P})*{b:P}(?:的)?[\u4e00-\u9fff]{0,12}?(?:企业|公司|厂商|开发商|生产商|制造商|供应商|矿企|矿商|勘探商|贸易商|服务商|业者|集团|机构|协会|银行|大厂|龙头|巨头|车企|钢厂)(?:之一)?(?=[，,。；;]|$)"),
    ("zh-described", "locatedIn", r"{b:P}(?:的)?[\u4e00-\u9fff]{0,8}?(?:企业|公司|厂商|开发商|生产商|制造商|供应商|矿企|矿商|勘探商|贸易商|集团|机构|协会|银行|基金|资本|商|企|大厂|龙头|巨头|车企|钢厂|厂)[，,]?{a:O}"),
    ("en-org-comma-city", "locatedIn", r"(?:^|[;:(|]\s*|\(\d+\)\s*|, )(?:[A-Z][a-z]+(?: [A-Z][a-z]+)*, )?{a:O}, {b:P}(?:, {P})*(?=\s*(?:[;.)|]|$))", {"confidence": 0.7}),
    ("en-org-in-place", "locatedIn", r"{a:O}(?: \([^()\ue000-\ue0ff]{1,20}\))? in {b:P}(?!'s|’s|,? {P})(?= (?:under|to|on|for|and|since|with|which|that|where)\b|[,.;]|$)", {"confidence": 0.7}),
    ("en-based", "locatedIn", r"{b:P}(?:, {P})?[- ](?:based|headquartered)(?: (?!(?:by|of|with|to|from|for|and|controlled|owned|run|led)\b)[a-z][a-z-]*){0,4} {a:O}"),
    ("en-comma-based", "locatedIn", r"{a:O},? (?:is |was )?(?:a|an|the) {b:P}(?:, {P})?[- ](?:based|headquartered)"),
    ("en-is-based", "locatedIn", r"{a:T},?(?: which is| that is| is| was| are| will be)? (?:based|located|headquartered|situated|sited) (?:in|at|near) (?:the )?{b:P}"),
    ("en-street-address", "locatedIn", r"{a:T}(?:'s| \([^()]{1,30}\))?[^;\ue000-\ue0ff]{0,60}?,? (?:at )?\d+[A-Za-z0-9 .-]{2,40}? (?:Street|St\.?|Avenue|Ave\.?|Boulevard|Blvd\.?|Road|Rd\.?|Drive|Lane|Highway|Parkway|Way|Place|Court)(?:,? (?:Suite|Floor|Unit) \d+)?, {b:P}"),
    ("en-fronted-based", "locatedIn", r"^(?:[A-Z][a-z]+ )?(?:[Bb]ased|[Hh]eadquartered) in (?:the )?{b:P}(?:, {P})?, {a:O}"),
    ("en-headquartered", "locatedIn", r"{a:O}{___}(?:headquartered|based) in (?:the )?{b:P}"),
    ("en-site-in", "locatedIn", r"{a:S}(?: in| at| near) (?:the )?(?:(?:far )?(?:north|south|east|west|central|north-east|north-west|south-east|south-west)(?:ern)? )?{b:P}"),
    ("en-place-chain", "locatedIn", r"{a:P}, {b:P}(?!,? (?:and )?{P})"),
    ("en-division-chain", "locatedIn", r"{a:P} (?:department|province|region|state|county|district|prefecture|oblast|governorate|municipality),? {b:P}(?!,? (?:and )?{P})"),
    ("en-org-of-place", "locatedIn", r"{a:O} of {b:P}(?!'s|’s| (?-i:[A-Z])|-)", {"confidence": 0.7}),
    ("en-possessive-place", "locatedIn", r"{b:P}(?:'s|’s) (?:[a-z-]+ ){0,4}{a:O}"),
    ("en-appositive-of-place", "locatedIn", r"{a:O},? (?:the |a |an )?{b:P}(?:'s|’s) [a-z]"),
    ("en-appositive-place-noun", "locatedIn", r"{a:O}, (?:an? |the )?{b:P} (?:[a-z-]+ ){0,2}(?:consultancy|firm|company|miner|producer|explorer|developer|refiner|maker|manufacturer|bank|investor|fund|recycler|start-up|startup|trader|trading house|utility|processor|institute|university|group|conglomerate)\b"),
    ("en-place-descriptor", "locatedIn", r"{b:P} (?:(?!(?:and|or|the|a|an|to|of|with|by|for|from|in|on|at|as|its|their|which|that|is|was)\b)[a-z-]+ ){0,2}(?:consultancy|firm|company|miner|producer|explorer|developer|refiner|maker|manufacturer|bank|investor|fund|recycler|start-up|startup|trader|utility|processor|family office|institute|university) {a:O}"),
    ("en-town-in", "locatedIn", r"{a:P}, (?:a|an|the) (?:[a-z-]+ )?(?:village|town|city|port|municipality|suburb|district|hamlet|commune|county)(?: (?:[^,;]|,(?=\d)){0,40}?)? in (?:the )?{b:P}"),
    ("en-appositive-in-place", "locatedIn", r"{a:O}, (?:the|a|an) (?:[a-z-]+ ){1,5}(?:in|of|from) {b:P}(?!-based)"),
    # issuedBy — a policy → who issued it
    ("zh-issued", "issuedBy", r"{b:O+}{_}<ISSUE>(?:了|的)?{_}{a:L}"),
    ("zh-by-its-policy", "issuedBy", r"{b:O}{_}(?:依|根据|按照|依据)其《{a:L}"),
    ("zh-issued-by", "issuedBy", r"{a:L}{__}由{b:O+}(?:联合|共同)?(?:印发|发布|制定|颁布|批准|下达|出台)"),
    ("zh-issued-by-later", "issuedBy", r"{a:L}[》」』”\"]?[^。；;\ue000-\ue0ff]{1,30}?(?:计划|拟|将|预计|已)由{b:O}[^，,。；;\ue000-\ue0ff]{0,6}?(?:联合|共同)?(?:印发|发布|颁布|出台|下达)"),
    ("zh-issuer-of", "issuedBy", r"{b:O}(?:关于)?(?:印发|发布|下达){_}{a:L}"),
    ("en-issued-by", "issuedBy", r"{a:L},? (?:was |is |were )?(?:released|issued|published|adopted|launched|announced|introduced|enacted|signed) by (?:the )?{b:O}"),
    ("en-possessive-policy", "issuedBy", r"{b:O}(?:'s|’s|'|’) (?:[a-z][a-z-]* ){0,2}{a:L}"),
    ("en-issues", "issuedBy", r"{b:O} (?:has |have |had )?(?:released|issued|published|launched|announced|introduced|adopted|approved|passed|enacted|unveiled|rolled out|signed off) (?:the |its |a |an )?(?:new |revised |updated |final |draft )?{a:L}"),
    # cites — a policy → the policies it cites
    ("en-under", "cites", r"{a:L}{__}(?:under|pursuant to|in accordance with|delivered under|funded under|part of) (?:the )?(?:{O}(?:'s|’s) )?{b:L+}"),
    ("en-document-under", "cites", r"(?:\bunder|pursuant to|in accordance with|having regard to)(?: (?:section|article|title|part|chapter) [\w.()]+ of)? (?:the )?{b:L+}", {"subject": "policy"}),
    # holdsPostIn — a person → an organisation
    ("zh-org-post-person", "holdsPostIn", r"{b:O}{_}(?:的)?(?P<role><POST>)(?:、[^，,。；;\ue000-\ue0ff]{1,12}?(?:者|人|员|家|师))?[,，、:：]?\s*{a:H+}"),
    ("zh-works-at", "holdsPostIn", r"{a:H}(?:曾|曾经|先后|长期|一直)?(?:在|于){b:O}(?:服务|任职|工作|就职)"),
    ("zh-org-posts-person", "holdsPostIn", r"{b:O}{_}(?:的)?<POST>(?:[、，,]\s*(?:{O})?{_}(?:的)?<POST>)*[,，、:：]?\s*{a:H}"),
    ("zh-org-person-title", "holdsPostIn", r"{b:O}{a:H}(?P<role>院士|教授|研究员|博士|总工程师)"),
    ("zh-serves-at", "holdsPostIn", r"{a:H}{__}(?:在|于|曾在|曾于)(?:{P}+的)?{b:O}(?:[^，,。；;\ue000-\ue0ff]{0,12}?)(?:担任|出任|任职|工作|供职|服务)"),
    ("zh-person-takes-post", "holdsPostIn", r"{a:H}{_}(?:担任|出任|兼任|任|现任|接任|改任|同时担任|曾任|获委任为|获委任|获任命为|被任命为|获聘为|受聘为|获选为|当选为|当选){b:O}(?:的)?(?P<role><POST>)"),
    ("zh-person-is-post", "holdsPostIn", r"{a:H}{__}(?:是|为|系|现任|担任)(?:{O}(?:公司)?)?{b:O}(?:的)?(?P<role><POST>)"),
    ("zh-person-org-post", "holdsPostIn", r"{a:H}[,，(（]\s*{b:O}(?:的)?(?P<role><POST>)"),
    ("zh-profile-post", "holdsPostIn", r"^\s*(?:\d+[.、]\s*)?(?:公司名称[:：]\s*)?{b:O}[，,；;](?:[^。；;\ue002]){0,60}?[，,；;]\s*(?P<role>法定代表人|<POST>)[:：]?\s*{a:H}"),
    ("zh-post-of-publisher", "holdsPostIn", r"(?<!本报)(?<!本刊)(?<!本台)(?<!本社)(?P<role><POST>)[,，、:：]?\s*{a:H+}", {"confidence": 0.6, "object": "publisher", "alone": True}),
    ("zh-post-held-by", "holdsPostIn", r"{b:O}(?:的)?(?P<role><POST>)(?:一职)?(?:则|将)?由(?:{O}(?:的)?(?:<POST>)?|[^，,。；;\ue000-\ue0ff]{0,8}?)?{a:H}(?:先生|女士|教授|博士)?(?:兼任|担任|出任|接任)", {"confidence": 0.7}),
    ("zh-post-held-by-next", "holdsPostIn", r"[，,；;]\s*(?P<role><POST>)(?:一职)?(?:则|将)?由(?:{O}(?:指派|委派|推荐|提名)?(?:的)?(?:<POST>)?|[^，,。；;\ue000-\ue0ff]{0,8}?)?{a:H}(?:先生|女士|教授|博士)?(?:兼任|担任|出任|接任)", {"confidence": 0.65, "object": "topic"}),
    ("zh-appointed-as", "holdsPostIn", r"{a:H}(?:先生|女士|教授|博士)?{__}(?:已|获|将|亦)?(?:获委任为|获委任|委任为|获任命为|被任命为|辞任|辞去|出任|担任|调任|兼任|获选为|当选为|接任|留任|退任)(?:本公司)?(?P<role><POST>)", {"confidence": 0.65, "object": "publisher", "alone": True}),
    ("zh-appoints-as", "holdsPostIn", r"(?:委任|任命|聘任|聘请|选举){a:H}(?:先生|女士|教授|博士)?(?:为|担任)(?:本公司)?(?P<role><POST>)", {"confidence": 0.65, "object": "publisher", "alone": True}),
    ("zh-contact-window", "holdsPostIn", r"(?:联络窗口|联系窗口|联系人|联络人|新闻联络人)[:：]\s*{b:O}\s*(?P<role><POST>)\s*{a:H}", {"confidence": 0.65}),
    ("zh-contact-window-after", "holdsPostIn", r"(?:联络窗口|联系窗口|联系人|联络人|新闻联络人)[:：]\s*{b:O}\s*{a:H}\s*(?P<role><POST>)", {"confidence": 0.65}),
    ("zh-contact-window-post", "holdsPostIn", r"(?:联络窗口|联系窗口|联系人|联络人|新闻联络人)[:：]\s*(?P<role><POST>)\s*{a:H}", {"confidence": 0.6, "object": "publisher", "alone": True}),
    ("zh-contact-person", "holdsPostIn", r"{b:O}[^。；;\ue002\ue000]{0,60}?(?:联系人|联络人)[:：]\s*[^，,。；;:：\ue000-\ue0ff]{0,14}?\s*{a:H}", {"confidence": 0.6}),
    ("zh-board-members", "holdsPostIn", r"(?P<role>(?:独立)?(?:非)?执行董事|董事|监事|独立董事)(?:会成员)?(?:为|是|包括|分别为)[:：]?{a:H+}", {"object": "publisher", "confidence": 0.7}),
    ("en-person-post-of", "holdsPostIn", r"{a:H},? (?:currently |now |formerly )?(?:the |a |an |its )?(?:[a-z-]+ ){0,2}?(?P<role><POST_EN>)(?: (?:for|of) (?:{O}|[A-Z][\w&]*(?: [A-Z&][\w&]*){0,3}|[a-z][a-z -]{2,40}?))? (?:of|at|for|with|in) (?:the )?(?:(?:{P} )?(?:office|unit|division|arm|branch|bureau) of )?(?:{P}(?:'s|’s|-based)? )?(?:[a-z]+ ){0,2}?{b:O}"),
    ("en-org-appoints", "holdsPostIn", r"{b:O}{__}(?:has |have |had |will |today )?(?:appointed|appoints|named|names|hired|hires|promoted|promotes|elected) (?:(?:Mr|Ms|Mrs|Dr|Prof)\.? )?{a:H},? (?:as|to the (?:role|position|post) of) (?:its |the |an? )?(?:new )?(?P<role><POST_EN>)"),
    ("en-appointed-as", "holdsPostIn", r"{a:H}{__}(?:has been |was |is |will be |had been |been )?(?:appointed|named|elected|re-elected|promoted|confirmed|joined the [Bb]oard|resigned|retired|stepped down|steps down|will step down) as (?:the |its |an? )?(?:Company's |company's )?(?P<role><POST_EN>)", {"confidence": 0.65, "object": "publisher", "alone": True}),
    ("en-appointment-of", "holdsPostIn", r"(?:appointment of|appointed|appoints|named|names) (?:(?:Mr|Ms|Mrs|Dr|Prof)\.? )?{a:H} (?:as|to the (?:role|position) of) (?:the |its |an? )?(?:Company's |company's )?(?P<role><POST_EN>)", {"confidence": 0.65, "object": "publisher", "alone": True}),
    ("en-body-contact", "holdsPostIn", r"^\s*{b:O}\s*:\s*(?:(?:Mr|Ms|Mrs|Dr|Prof)\.? )?{a:H}, (?P<role><POST_EN>)", {"confidence": 0.65}),
    ("en-prepared-by", "holdsPostIn", r"(?:[Pp]repared by|[Ww]ritten by|[Aa]uthors?:)\s+(?:(?:Mr|Ms|Mrs|Dr|Prof)\.? )?{a:H}, (?P<role><POST_EN>)", {"confidence": 0.65, "object": "publisher", "alone": True}),
    ("en-prepared-by-second", "holdsPostIn", r"(?:[Pp]repared by|[Ww]ritten by|[Aa]uthors?:)\s+[^\ue000-\ue0ff]{0,12}{H}, <POST_EN>(?:[^;.\ue000-\ue0ff]|{P}){0,30}?(?:,? and|;)\s+(?:(?:Mr|Ms|Mrs|Dr|Prof)\.? )?{a:H}, (?P<role><POST_EN>)", {"confidence": 0.65, "object": "publisher", "alone": True}),
    ("en-post-person-said", "holdsPostIn", r"(?:^|[,.;:\"“”]\s*|\bsaid |\bsays )(?P<role><POST_EN>),? {a:H}(?:,|\s+(?:said|says|told|added|noted|explained|wrote))", {"confidence": 0.6, "object": "previous", "alone": True}),
    ("zh-post-person-said", "holdsPostIn", r"(?:^|[，,。：:“”「」])\s*(?P<role><POST>){a:H}(?:先生|女士)?(?:则|也|亦|还)?(?:表示|指出|说|称|透露|强调|介绍|认为|坦言|直言)", {"confidence": 0.6, "object": "previous", "alone": True}),
    ("en-whose-post", "holdsPostIn", r"{b:O}, whose (?:[a-z-]+ ){0,2}(?P<role><POST_EN>|negotiator|spokesperson|spokesman|spokeswoman),? {a:H}"),
    ("en-board-line", "holdsPostIn", r"^\s*(?:[•·\-*]\s*)?(?:(?:Mr|Ms|Mrs|Dr|Prof)\.? )?{a:H}, (?P<role><POST_EN>)(?: and [A-Za-z -]{3,40})?(?:\s*[:;.(]|\s*$)", {"confidence": 0.65, "object": "publisher", "alone": True}),
    ("en-contact-post", "holdsPostIn", r"(?:(?:information|contacts?|enquiries|inquiries|investors|investor relations|media)\s*:\s*|\|\s*){a:H}, (?P<role><POST_EN>)(?:, [A-Z][A-Za-z ]{2,30})?,? (?:\+|tel|phone|t:|e:|email)", {"object": "publisher", "confidence": 0.7, "alone": True}),
    ("en-org-contact-post", "holdsPostIn", r"^{b:O}(?: \([^()]{2,30}\))?\s*:\s*{a:H}, (?P<role><POST_EN>)(?:, [A-Z][A-Za-z ]{2,30})?,? (?:\+|tel|phone|t:|e:|email)"),
    ("en-post-will-be", "holdsPostIn", r"{b:O}(?:'s|’s) (?:first |new |incoming |interim |founding |current )?(?P<role><POST_EN>) (?:will be|is|was|would be|has been|becomes|became) (?:[a-z-]+ ){0,2}?{a:H}"),
    ("en-person-post-comma-org", "holdsPostIn", r"{a:H}, (?P<role><POST_EN>|(?-i:(?:[A-Z][a-z]+ ){1,3}(?:Manager|Director|Officer|Specialist|Engineer|Analyst|Coordinator|Adviser|Advisor|Counsel|Geologist|Scientist)))(?: (?:of|for) (?:{O}|[A-Z][A-Za-z&]*(?: [A-Z&][A-Za-z&]*){0,3}))?, (?:the )?{b:O}"),
    ("en-org-post-person", "holdsPostIn", r"{b:O}(?:'s|’s)? (?P<role><POST_EN>)(?:, (?:{O}|[A-Z][\w&]*(?: [A-Z&][\w&]*){0,3}))?,? (?:former (?:[A-Za-z-]+ ){0,4}?)?{a:H}"),
    ("en-person-of-org", "holdsPostIn", r"{a:H} of (?:the )?{b:O}(?! (?:and|&) )", {"confidence": 0.7}),
    ("en-person-org-post", "holdsPostIn", r"{a:H},? {b:O}(?:'s|’s)? (?P<role><POST_EN>)"),
    ("en-post-of-org-person", "holdsPostIn", r"(?P<role><POST_EN>) (?:of|at) (?:the )?{b:O},? {a:H}"),
    ("en-chairs-board", "holdsPostIn", r"{a:H}(?:,? |[^。；;\ue002]{0,120}?, (?:who|and) )(?:will |would |is to |also |now )?(?:chair|chairs|chaired|head|heads|sit on|sits on|sat on|serves on|served on|join|joins|joined) (?:the )?{b:O}(?:'s|’s)? (?:[a-z-]+ ){0,2}?(?:board|committee|panel|council)\b"),
    ("en-joins-as", "holdsPostIn", r"{a:H}{__}(?:joined|joins|heads|head of|leads|led|chairs|founded|co-founded|co-founding|founding|before founding) (?:the )?{b:O}"),
    ("en-spent-years-at", "holdsPostIn", r"{a:H}{__}(?:spent|worked)(?: [a-z-]+){0,3} (?:years?|decades?|months?)? ?(?:at|for|with) (?:the )?{b:O}"),
    # leads / participatesIn — an organisation → a project
    ("zh-table-row-project", "leads", r"^\s*(?:\d+\s*[｜|]\s*)?{a:O}\s*[｜|]\s*{b:J}\s*(?:[｜|]|$)"),
    ("zh-builds-project", "leads", r"{a:O+}{_}<BUILD>(?:的)?{_}{b:J}"),
    ("zh-builds-project-at", "leads", r"{a:O+}{_}(?:在|于)(?:{P}|{M}|{F})+{_}<BUILD>(?:的)?{_}{b:J}"),
    ("zh-project-built-by", "leads", r"{b:J}{__}由(?:{O}(?:的)?(?:全资|控股)?(?:子公司|附属公司))?{a:O+}(?:负责|投资|牵头|联合)?(?:开发)?(?:建设|承建|实施|牵头|开发|投资建设|运营)"),
    ("zh-own-project", "leads", r"{a:O}(?:的)?[「『“\"]?{b:J}"),
    ("zh-acquires-project", "leads", r"{a:O}{~}(?:\d+(?:\.\d+)?\s*[%％])?(?:收购|并购|买下|取得){_}(?:{P})*{b:J}"),
    ("zh-joins-project", "participatesIn", r"{a:O+}{_}<JOIN>{_}{b:J}"),
    ("en-develops", "leads", r"{a:O}(?:, (?:headquartered|based|listed) (?:in|on) (?:the )?{P}(?:, {P})?,)?{__}(?:is |are |will be |has been )?(?:developing|building|leading|advancing|constructing|owns|owner of|developer of|proponent of|progressing|developer of the) (?:the |its )?{b:J}"),
    ("en-project-of", "leads", r"{a:O}(?:'s|’s)? (?:flagship |main |key |proposed |planned |new )?{b:J}"),
    ("en-project-which-develops", "leads", r"{b:J},? which {a:O} (?:is |was |will be |has been )?(?:developing|building|advancing|operating|running|leading)"),
    ("en-led-by", "leads", r"{b:J},? (?:which is |being )?(?:developed|led|built|owned) by {a:O}"),
    ("en-participates", "participatesIn", r"{a:O}{__}(?:will )?(?:participate|participates|take part|takes part|join|joins) in (?:the )?{b:J}"),
    # projectSite — a project → where it is built
    ("zh-project-at", "projectSite", r"{a:J}{__}<AT>{_}(?:{P}(?:的)?)*{b:P}(?!{P})"),
    ("zh-project-at-site", "projectSite", r"{a:J}{__}<AT>{_}{b:MF}"),
    ("zh-build-in", "projectSite", r"(?:在|于)(?:{P})*{b:PMF}{__}(?:建设|投资建设|新建|建成|兴建|扩建|投建|实施|开工|落地|启动){_}{a:J}"),
    ("zh-site-built-in", "locatedIn", r"(?:在|于)(?:{P})*{b:P}{~}(?:投资)?(?:建设|新建|兴建|建成|筹建|扩建|投建|经营|运营|营运){a:MF}"),
    ("zh-site-place-bracket", "locatedIn", r"{a:MF}\s*[(（](?:{P}[、·]?)*{b:P}[)）]"),
    ("zh-incorporated-in", "locatedIn", r"^\s*[(（]于{b:P}(?:注册|註冊)?(?:成立|注册|註冊)(?:之|的)?(?:有限公司|股份有限公司|公司)?[)）]\s*(?:[(（][^()（）]{0,30}[)）]\s*)?$", {"subject": "publisher"}),
    ("en-incorporated-in", "locatedIn", r"^\s*\((?:a company )?incorporated in (?:the )?{b:P}(?: with limited liability)?\)\s*$", {"subject": "publisher"}),
    ("zh-org-place-bracket", "locatedIn", r"{a:O}\s*[(（](?:{P}[、·]?)*{b:P}[)）](?!{O})"),
    ("zh-project-place-bracket", "projectSite", r"{a:J}\s*[(（](?:{P}[、·]?)*{b:P}[)）]"),
    ("zh-unit-set-up-in", "locatedIn", r"(?:在|于)(?:{P})*{b:P}(?:设有|设立|成立|新设|投资设立|注册成立)(?:了)?(?:一家)?(?:全资|控股|合资|销售|生产|贸易|研发|境外|海外)?(?:子公司|附属公司|分公司|公司)?[，,:：]?{a:O}"),
    ("zh-place-project", "projectSite", r"{b:P}{a:J}"),
    ("en-project-in", "projectSite", r"{a:J}(?:,)?(?: located| sited| based| to be built| being built| built)? (?:in|at|near) (?:the )?{b:P}"),
    ("en-project-site", "projectSite", r"{a:J}{__}(?:at|on|in) (?:the |its )?{b:MF}"),
)
# fmt: on


def _rules() -> tuple[Rule, ...]:
    return tuple(
        Rule(name, predicate, pattern, **(options[0] if options else {}))
        for name, predicate, pattern, *options in _TABLE
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
