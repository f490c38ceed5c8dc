"""A sentence's skeleton: its text with every linked mention replaced by one character that stands for the
mention's kind, so that relation rules are regular expressions over kinds and the words between them.

    中国稀土集团直接持有公司20.51%股份  →  Ⓞ直接持有Ⓞ20.51%股份
    Lynas, the operator of the Mt Weld mine  →  Ⓞ, the operator of the Ⓜ

The characters are from Unicode's private use area (no text holds them); :data:`SYMBOLS` names them. A rule
writes ``{a:O}`` for "an organisation, the subject", ``{b:S}`` for "a site, the object", ``{a:O+}`` for a
list of organisations (A、B和C, "A, B and C"), and ``{_}`` / ``{__}`` for a short or a longer stretch of
words holding no other mention and no end of clause (:func:`compile_pattern`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rekg.ingest.lexicon import AT_WORDS, TRADE_NOUNS
from rekg.ingest.posts import post_regex
from rekg.ingest.sentence_view import Linked, SentenceView
from rekg.ontology import ORGANIZATION_KINDS

#: Kind classes, one letter each, and the character a mention of such a kind becomes.
SYMBOLS = {
    "O": "\ue000",  # organisation: company, group, government, institute, university, association …
    "P": "\ue001",  # place
    "H": "\ue002",  # person (human)
    "M": "\ue003",  # mine
    "F": "\ue004",  # facility
    "J": "\ue005",  # project
    "L": "\ue006",  # policy (law, plan, standard, programme)
}
#: Letters that stand for several classes.
UNIONS = {"S": "MFJ", "T": "OMFJ", "X": "OMFJPHL"}
_ANY_SYMBOL = "".join(SYMBOLS.values())


@cache
def _class_of(kind: str) -> str:
    if kind in ORGANIZATION_KINDS:
        return "O"
    return {"place": "P", "person": "H", "mine": "M", "facility": "F", "project": "J", "policy": "L"}.get(
        kind, ""
    )


@dataclass(frozen=True)
class Skeleton:
    text: str
    at: dict[int, Linked]  # skeleton position → the mention there

    def mentions(self, start: int, end: int) -> list[Linked]:
        """The mentions within ``[start, end)`` of the skeleton, in order."""
        return [self.at[i] for i in range(start, end) if i in self.at]


#: A bracket right after a name that says more of the name — a definition (以下简称"X", 下称X, "the
#: Company"), a stock code or ticker, its Latin name — is left out of the skeleton: the name stands alone.
#: An anaphor that is a possessive (its, 其) reads as the name it stands for, possessed: Ⓞ's, Ⓞ的.
_POSSESSIVE = {"its": "'s", "Its": "'s", "其": "的"}
_ASIDE = re.compile(r"\s*[(（][^()（）。；;]{0,80}?[)）]")


#: A clause that goes on without its subject (…，持有位于…的X矿采矿权；…，并营运…): the sentence's subject is
#: written back in front of it.
_SUBJECTLESS = re.compile(
    r"[，,；;]\s*(?=(?:并|并且|同时|亦|也|还|已|将|拟|目前|现|另|主要)?"
    r"(?:持有|拥有|运营|营运|经营|管理|位于|总部位于|总部设于|总部设在|注册地|注册于|注册在|设址|坐落|地处|落户|设有|旗下|下设|控股|持股|成立于|设立|建设|投资建设|开发|"
    r"负责|承担|主导|牵头|参与|签署|与|同|是|为|系))"
)
_OPENING = re.compile(
    r"^(?:[\s●•·\-—*#]|\d+[.、)）]|[一二三四五六七八九十]+[、.]|[^，,。:：\ue000-\ue0ff]{1,12}[:：])*"
)


def _clause_subject(view: SentenceView) -> Linked | None:
    """The sentence's subject, when it opens with an organisation or a site (after a bullet or a number)."""
    opening = _OPENING.match(view.text)
    begin = opening.end() if opening else 0
    first = next((m for m in view.mentions if m.start >= begin), None)
    if first is None or first.start != begin or _class_of(first.kind) not in {"O", "M", "F", "J"}:
        return None
    return first


#: A clause that ends by naming an owner (A的控股股东为B，持有约38%股权): the clause after it goes on about B.
_OWNER_IS = re.compile(r"(?:股东|母公司|控制人|投资方|出资方)(?:为|是|系)$")
_CLAUSE_TAIL = re.compile(r"\s*(?:[(（][^()（）]{0,60}[)）])?\s*[，,；;]\s*$")


def _owner_named_last(view: SentenceView, restart: int) -> Linked | None:
    """The owner the clause before ``restart`` ends by naming, if it does."""
    before = [m for m in view.mentions if m.end <= restart and m.text]
    if not before:
        return None
    last = before[-1]
    named_as_owner = _OWNER_IS.search(view.text, 0, last.start) is not None
    return last if named_as_owner and _CLAUSE_TAIL.fullmatch(view.text, last.end, restart) else None


#: The words that say where, in a bracket after a name: 麻陇稀土矿（位于攀枝花市米易县）.
_WHERE = rf"(?:(?:{AT_WORDS})\s*)?"


def _place_aside(view: SentenceView, aside: re.Match[str]) -> bool:
    """景村稀土矿（洛南县）, 班洪稀土矿（莱州省封土县）, 麻陇稀土矿（位于攀枝花市米易县）, Noveon Magnetics Inc. (San
    Marcos, Texas): a bracket that holds only places says where the thing is; it stays."""
    inside = view.text[aside.start() : aside.end()].strip().strip("(（)） ")
    places = _places(view)
    return bool(places) and re.fullmatch(f"{_WHERE}(?:(?:{places})(?:[、·]|,\\s*)?)+", inside) is not None


def _places(view: SentenceView) -> str:
    """The sentence's place names, as one alternation ("" when it names none)."""
    return "|".join(re.escape(m.text) for m in view.mentions if m.kind == "place" and m.text)


def _places_after_alias(view: SentenceView, aside: re.Match[str]) -> int | None:
    """海防安阳磁材有限责任公司（Hai Phong An Duong Magnetics Co., Ltd.，海防市）, 国家原子能科技研究院（下称核能院，
    位于桃园市龙潭区）: a bracket that gives the name in another script or defines a short name, then where the
    thing is — where the places begin (the alias is left out, the places stay)."""
    places = _places(view)
    if not places:
        return None
    tail = re.search(
        rf"[,，]\s*({_WHERE}(?:(?:{places})[、·]?)+)\s*[)）]$", view.text[aside.start() : aside.end()]
    )
    return aside.start() + tail.start(1) if tail else None


_UNIT_OF = re.compile(r"(?:的)?(?:所属|下属|控股|全资|旗下)?(?:企业|子公司|附属公司|成员企业)")


def _unit_aside(view: SentenceView, aside: re.Match[str]) -> bool:
    """通辽华夏稀土新材料有限公司（北方稀土集团所属企业）: a bracket that names the owner of the thing before it
    says whose unit it is; it stays."""
    inside = view.text[aside.start() : aside.end()].strip().strip("(（)） ")
    owners = [m.text for m in view.mentions if m.is_org and m.text and inside.startswith(m.text)]
    return any(_UNIT_OF.fullmatch(inside, len(owner)) for owner in owners)


def _post_aside(view: SentenceView, mention: Linked, aside: re.Match[str]) -> bool:
    """冯家骏（宝隆稀金董事总经理）: a bracket after a person that names a post says where the person serves; it
    stays."""
    return mention.kind == "person" and post_regex().search(view.text, aside.start(), aside.end()) is not None


def skeleton(view: SentenceView) -> Skeleton:
    """The view's sentence with its mentions (the first of any that overlap) as kind characters, the
    brackets right after a name left out, and the sentence's subject written back before a clause that
    goes on without it."""
    subject = _clause_subject(view)
    restarts = [m.end() for m in _SUBJECTLESS.finditer(view.text)] if subject is not None else []
    parts: list[str] = []
    at: dict[int, Linked] = {}
    position = 0
    length = 0
    mentions = list(view.mentions)
    if subject is not None:
        for restart in restarts:
            if not any(m.start <= restart < m.end for m in mentions):
                written = _owner_named_last(view, restart) or subject
                mentions.append(Linked(restart, restart, "", written.kind, written.iri))
        mentions.sort(key=lambda m: (m.start, m.end))
    for mention in mentions:
        symbol = SYMBOLS.get(_class_of(mention.kind))
        if symbol is None or mention.start < position:
            continue
        gap = _ZHI.sub("的", view.text[position : mention.start])
        parts.append(gap)
        length += len(gap)
        at[length] = mention
        possessive = _POSSESSIVE.get(view.text[mention.start : mention.end]) if not mention.text else None
        if mention.start == mention.end:  # a subject written back: it takes no text of the sentence
            parts.append(symbol)
            length += 1
            position = mention.start
            continue
        parts.append(symbol + (possessive or ""))
        length += 1 + len(possessive or "")
        position = mention.end
        aside = _ASIDE.match(view.text, position)
        if (
            aside is not None
            and not _place_aside(view, aside)
            and not _post_aside(view, mention, aside)
            and not _unit_aside(view, aside)
        ):
            places = _places_after_alias(view, aside)
            if places is not None:
                parts.append("（")
                length += 1
            position = aside.end() if places is None else places
    parts.append(_ZHI.sub("的", view.text[position:]))
    return Skeleton("".join(parts), at)


#: 之 as the formal 的 of Hong Kong and Taiwan filings (位於該縣沱江鎮之瑤嶺稀土分離廠), so one lexicon reads both.
_ZHI = re.compile(r"之(?![一间后前下上外内中际类余初末])")


# Between two members of a list: 、 , ， 和 及 与 以及 / and, with an optional bracket after the member
# (A（以下简称“甲”）、B), a stock code or a ticker.
_AFTER_MEMBER = r"(?:先生|女士|教授|博士)?(?:\s*[(（][^()（）\ue000-\ue0ff]{0,40}[)）])?[”\"」』]*"
_LIST_JOIN = (
    rf"{_AFTER_MEMBER}\s*(?:》\s*[、，,]?\s*《|[、，,/]\s*(?:and\s+|以及|及|和)?|\s+and\s+|(?:和|与)(?![^。；;]{{1,40}}?(?:订立|签订|签署|达成)了?[^。；;，,]{{0,12}}?(?:协议|合同|备忘录)|[^。；;，,]{{1,30}}?(?:共同|合资|联合)(?:出资|设立|成立|组建|投资|建设))|及|以及|及其|或)\s*(?:by\s+)?"
    # 与日本X, "and South Korean magnet maker Y" — but not ", a subsidiary of Y": a word that ties on is no describer
    r"(?:\ue001+(?:的|[- ]based\s+)?)?(?:(?!(?:of|by|from|for|to|with)\s)(?:[a-z][a-z-]*|[A-Z][a-z]+)\s+){0,4}?"
)
#: Where a thing is, in brackets right after its name (Appalachian Critical Materials LLC (Morgantown, West
#: Virginia), a joint venture of …): a gap may step over it.
_PLACE_ASIDE = rf"\s*[(（]{SYMBOLS['P']}(?:[,，、·]\s*{SYMBOLS['P']})*[)）]"
_GAPS = {
    "~": rf"[^{_ANY_SYMBOL}。；;!?！？，,、与和及同向对从跟并以由在的]{{0,12}}?",
    "-": rf"[^{SYMBOLS['O']}。；;!?！？]{{0,40}}?",
    "_": rf"(?:[^{_ANY_SYMBOL}。；;!?！？]{{0,8}}?|[^{_ANY_SYMBOL}。；;!?！？，,]{{9,16}}?)",
    "__": rf"(?:{_PLACE_ASIDE})?[^{_ANY_SYMBOL}。；;!?！？]{{0,30}}?",
    "___": rf"(?:{_PLACE_ASIDE})?[^{_ANY_SYMBOL}。；;!?！？]{{0,60}}?",
}
#: "with Penang-based Perai Magnetics", "in the North Carolina company": where an organisation is, before it.
_PLACED = rf"{SYMBOLS['P']}(?:,\s*{SYMBOLS['P']})?(?:-based)?\s+"
#: 挪威矿业投资公司诺德资本, 当地家族企业伯格集团: what an organisation is, written before its name, leaves it in the slot.
_DESCRIBER = rf"[\u4e00-\u9fff]{{0,8}}?(?:企业|公司|{TRADE_NOUNS}|集团|机构|券商|业者|巨擘|商社)"
_BEFORE_ORGANISATION = rf"(?:{_PLACED}|{SYMBOLS['P']}?(?:的)?{_DESCRIBER})?"
_SLOT = re.compile(
    r"\{(?:(?P<role>[ab]):(?P<kinds>[A-Z]+)(?P<many>\+)?|(?P<gap>_{1,3}|~|-)|(?P<symbol>[A-Z]+))\}"
)


def _characters(letters: str) -> str:
    expanded = "".join(UNIONS.get(letter, letter) for letter in letters)
    return "[" + "".join(SYMBOLS[letter] for letter in dict.fromkeys(expanded)) + "]"


def _slot(match: re.Match[str]) -> str:
    if match.group("gap"):
        return _GAPS[match.group("gap")]
    if match.group("symbol"):
        letters = match.group("symbol")
        before = _BEFORE_ORGANISATION if "O" in letters or "T" in letters else ""
        return before + _characters(letters)
    one = _characters(match.group("kinds"))
    body = f"{one}(?:{_LIST_JOIN}{one})*" if match.group("many") else one
    # where an organisation is and what it is, written before its name, leave it in the slot
    before = _BEFORE_ORGANISATION if "O" in match.group("kinds") or "T" in match.group("kinds") else ""
    return f"{before}(?P<{match.group('role')}>{body})"


@cache
def compile_pattern(template: str) -> re.Pattern[str]:
    """A rule's pattern: ``{a:O}``/``{b:S}`` the subject and object slots (``+``: a list), ``{O}`` any mention
    of those kinds that is neither, ``{_}``/``{__}``/``{___}`` up to 8/30/60 characters with no mention and no
    end of clause, ``{~}`` up to 12 with no comma and no word that brings in another party (与, 和, 向, 由, 的 …), ``{-}`` up
    to 40 with no organisation (places and sites may stand in it). Matches may overlap (the pattern is looked for at every position)."""
    return re.compile("(?=" + _SLOT.sub(_slot, template) + ")", re.IGNORECASE)


def roles(shape: Skeleton, match: re.Match[str], role: str) -> Sequence[Linked]:
    """The mentions a match's slot covers (one, or every member of a list)."""
    if match.group(role) is None:
        return ()
    return shape.mentions(match.start(role), match.end(role))
