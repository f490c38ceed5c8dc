"""Names and name parts: the curated gazetteer, entity kinds read off a name's suffix, and name matching.

Everything here works on the *matching form* of a name (:func:`rekg.graph.text.fold` without the
lower-casing of Han text): simplified script, ASCII brackets and digits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rekg.errors import ValidationError
from rekg.graph.places import places
from rekg.graph.text import fold_width, to_simplified
from rekg.ontology import ENTITY_CLASSES
from rekg.seeds import GAZETTEER_JSON

KINDS = frozenset(ENTITY_CLASSES.values())

LEGAL_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "株式会社", "公司")

# Suffix → kind, longest first. Used to type organisation names nobody listed.
_KIND_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("集团有限公司", "group"),
    ("集团股份有限公司", "group"),
    ("集团有限责任公司", "group"),
    ("集团公司", "group"),
    ("集团", "group"),
    ("集团控股有限公司", "group"),
    ("集团控股股份有限公司", "group"),
    ("研究院有限公司", "institute"),
    ("交易所有限公司", "organization"),
    ("交易所股份有限公司", "organization"),
    ("股份有限公司", "company"),
    ("有限责任公司", "company"),
    ("有限公司", "company"),
    ("株式会社", "company"),
    ("合伙企业(有限合伙)", "company"),  # a limited partnership: 上海临港新兴产业投资基金合伙企业(有限合伙)
    ("合伙企业", "company"),
    ("律师事务所", "company"),
    ("会计师事务所", "company"),
    ("律师行", "company"),
    ("公司", "company"),
    ("研究院", "institute"),
    ("研究所", "institute"),
    ("研究委员会", "institute"),
    ("研究理事会", "institute"),
    ("研究中心", "institute"),
    ("研究发展中心", "institute"),
    ("研发中心", "institute"),
    ("创新中心", "institute"),
    ("技术中心", "institute"),
    ("实验室", "institute"),
    ("科学院", "institute"),
    ("工程院", "institute"),
    ("设计院", "institute"),
    ("国务院", "government"),
    ("法院", "government"),
    ("检察院", "government"),
    ("医院", "organization"),
    ("大学", "university"),
    ("学院", "university"),
    ("协会", "association"),
    ("学会", "association"),
    ("联盟", "association"),
    ("商会", "association"),
    ("同业公会", "association"),
    ("公会", "association"),
    ("联合会", "association"),
    ("组织", "organization"),
    ("人民政府", "government"),
    ("国资委", "government"),
    ("发改委", "government"),
    ("经信委", "government"),
    ("工信委", "government"),
    ("交易中心", "organization"),
    ("证券交易所", "organization"),
    ("交易所", "organization"),
    ("省委", "government"),
    ("市委", "government"),
    ("县委", "government"),
    ("州委", "government"),
    ("工委", "government"),
    ("政协", "government"),
    ("人大", "government"),
    ("国会", "government"),
    ("议会", "government"),
    ("政府", "government"),
    ("委员会", "government"),
    ("管理局", "government"),
    ("管理会", "government"),  # 国家发展基金管理会
    ("总局", "government"),
    ("办公室", "government"),
    ("局", "government"),
    ("厅", "government"),
    ("部", "government"),
    ("署", "government"),
    ("院", "institute"),  # 长沙有色院, 昆勘院: an institute's short name
)
_SELF_NAMED = frozenset({"国务院"})  # a name that is all suffix
_BRANCH_WORDS = ("分公司", "分院", "分厂", "分所", "分中心")
_BRANCH = re.compile(f"(?:{'|'.join(_BRANCH_WORDS)})$")
_BRANCH_ENDS = (*_BRANCH_WORDS, "\n")  # what a name _BRANCH finds in ends with ($ also stands before a \n)
ORGANIZATION_SUFFIXES = tuple(suffix for suffix, _ in _KIND_SUFFIXES)
_SUFFIX_WORDS = frozenset(ORGANIZATION_SUFFIXES)


def matching_form(text: str) -> str:
    """Simplified script, ASCII width, no white space — the form names are compared in."""
    return re.sub(r"\s+", "", fold_width(to_simplified(text)))


def kind_from_suffix(name: str) -> str | None:
    """The organisation kind a name's ending implies (…集团 → group, …大学 → university), or None.

    A branch is of its parent's kind: 中铝材料应用研究院有限公司苏州分公司 is an institute.
    """
    branch = _BRANCH.search(name) if name.endswith(_BRANCH_ENDS) else None
    if branch is not None:
        parent = name[: branch.start()]
        for suffix in LEGAL_SUFFIXES:
            cut = parent.rfind(suffix)
            if cut > 0:
                return kind_from_suffix(parent[: cut + len(suffix)]) or "company"
    found = _first_suffix(name)
    if found is None:
        return None
    suffix, kind = found
    if len(name) > len(suffix) or name in _SELF_NAMED:
        return kind
    return None  # 学院, 医院: the word, not a name


def _suffixes_by_last_character() -> dict[str, tuple[tuple[str, str], ...]]:
    """The suffix table's entries grouped by their last character, each group in the table's order."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for suffix, kind in _KIND_SUFFIXES:
        groups.setdefault(suffix[-1], []).append((suffix, kind))
    return {last: tuple(entries) for last, entries in groups.items()}


_SUFFIXES_BY_LAST = _suffixes_by_last_character()


def name_head(name: str) -> str:
    """A name without the organisation ending it has (马来西亚理科大学 → 马来西亚理科; 拉资源公司 → 拉资源)."""
    found = _first_suffix(name)
    return name[: -len(found[0])] if found else name


def _first_suffix(name: str) -> tuple[str, str] | None:
    """The first entry of the suffix table that ``name`` ends with (as a scan of the table would find it):
    only the entries ending in the name's last character can."""
    for entry in _SUFFIXES_BY_LAST.get(name[-1:], ()):
        if name.endswith(entry[0]):
            return entry
    return None


_ENGLISH_SELF = re.compile(r"(?i)the (?:company|group|issuer|bank|board|corporation)")
#: The nouns that say what trade a firm is in, written before its name (澳洲矿企X, 磁材大厂Y): every describer
#: list (the skeleton's slot prefix, the walk back from a Latin name, the cut before a name, the place a
#: description gives) is built on these.
TRADE_NOUNS = "开发商|生产商|供应商|制造商|厂商|矿商|矿企|勘探商|贸易商|大厂"
#: Words after a country that make it part of a state body's name (法国国家科学研究中心, 越南国家煤炭…).
STATE_WORDS = ("国家", "国立", "国营", "自治", "联邦", "皇家")
#: The words that say where a thing is (位于, 总部设于 …): a relation cue, and in a bracket after a name an aside
#: that keeps its places (麻陇稀土矿（位于攀枝花市米易县）).
AT_WORDS = (
    "位于|地处|坐落于|坐落在|落户|落户于|设在|设于|设址于|设址在|设厂于|建在|建于|选址于|选址在|选址|注册于|注册地位于|"
    "注册地为|总部位于|总部设于|总部设在|总部在|位处|地址为|位在"
)
#: The parts a deal gives the parties (「賣方」, 以下简称"标的公司", the "Vendor"): a document's word for one of
#: them, never a name of it.
ROLE_WORDS = frozenset(
    {
        "卖方", "买方", "卖家", "买家", "目标公司", "标的公司", "目标集团", "标的企业", "认购方", "认购人", "出让方",
        "受让方", "转让方", "发行人", "担保人", "被担保人", "投资方", "甲方", "乙方", "丙方", "合营公司", "合资公司",
        "Vendor", "Purchaser", "Buyer", "Seller", "Target", "Target Company", "Subscriber", "JV Company",
        "Joint Venture Company", "Offtaker",
    }
)  # fmt: skip
_GENERIC_HEADS = re.compile(
    r"^(?:[一二三四五六七八九十百千万\d]*家|成员|下属|所属|上市|子|全资|控股|相关|有关|该|本|各|多家|部分|其他|合资|国有|中央|"
    r"地方|民营|外资|境内外|境内|境外|重点|龙头|骨干|大型|中小|科技型|国际|国内|有关部门|相关部门|二级|三级|参股|成员单位|"
    r"世界一流|一流|国际化|现代化|综合性|创新型|优秀|领先|知名|[一二三四五六七八九十]大|企业|产业|稀土|有色金属|稀土企业|"
    r"稀土产业|有色|材料|能源|科技|国家工程技术|工程技术|技术|国家重点|国家级|省级|行业|中介|目标|投资|标的|发行|勘探|矿业|"
    r"采矿|矿产|分离|冶炼|回收|再生|贸易|销售|运营|项目|新|海外|外国|当地|磁材|钢铁|新材料|关联|交易对方|买方|卖方|"
    r"开发|勘探开发|投资平台|平台)+"
)


def is_generic_name(name: str) -> bool:
    """成员公司, 下属企业, 5家上市公司, 集团: an organisation type with no proper name of its own."""
    if name in _SELF_NAMED:
        return False
    if name.endswith(("子公司", "附属公司", "孙公司", "参股公司", "上市公司", "本公司", "本集团")):
        return True  # 滇南新材全资子公司, 非全资附属公司: a relation to a company, not a company's name
    if name in _SUFFIX_WORDS or name in {"本集团", "本公司", "我们", "企业", "单位"}:
        return True
    if re.fullmatch(r"本[\u4e00-\u9fff]{1,3}", name):
        return True  # 本计划, 本联盟: the document's name for what it is about
    if _ENGLISH_SELF.fullmatch(name) or name in ROLE_WORDS or name.removeprefix("the ") in ROLE_WORDS:
        return True
    if name.endswith(("企业", "单位")) and (len(name) <= 4 or _GENERIC_HEADS.fullmatch(name[:-2])):
        return True  # 中央企业, 龙头企业, 下属单位
    found = _first_suffix(name)
    if found is not None:
        head = name[: -len(found[0])]
        return not head or bool(_GENERIC_HEADS.fullmatch(head)) or len(head) < 2
    return False


_COMMON_TAGS = frozenset(
    {
        "n",
        "v",
        "vn",
        "vd",
        "a",
        "ad",
        "an",
        "d",
        "m",
        "q",
        "u",
        "p",
        "c",
        "f",
        "s",
        "t",
        "r",
        "b",
        "z",
        "l",
        "i",
    }
)
_PREDICATE_TAGS = frozenset({"v", "vn", "vd", "a", "ad", "an", "d"})


@cache
def reads_as_common_words(text: str) -> bool:
    """Whether a span a tagger called a name reads as ordinary words in jieba's dictionary.

    核心竞争力 (核心 + 竞争力), 利益相关方 and 马来西亚分离 (ending in a verb) are phrases, and 合规 is a
    common word; 凉山稀土 (a place and an industry), 中铝秘鲁矿业 and 比亚迪 (unknown to the dictionary)
    read as names.
    """
    import jieba
    import jieba.posseg

    parts = [(pair.word, pair.flag) for pair in jieba.posseg.cut(text)]
    if len(parts) >= 2:
        return all(tag in _COMMON_TAGS for _, tag in parts) or parts[-1][1] in _PREDICATE_TAGS
    word, tag = parts[0] if parts else (text, "x")
    return tag in _COMMON_TAGS and jieba.dt.FREQ.get(word, 0) >= 20


def core_name(name: str) -> str:
    """A company name without its legal form: 中国稀土集团有限公司 → 中国稀土集团."""
    for suffix in LEGAL_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def is_abbreviation(short: str, full: str) -> bool:
    """Whether ``short`` can abbreviate ``full``: its characters appear in ``full`` in order.

    凉山稀土 abbreviates 中稀(凉山)稀土有限公司; 广西稀土 does not abbreviate 中稀江西稀土有限公司.
    """
    if len(short) >= len(full) or len(short) < 2:
        return False
    position = 0
    for char in short:
        position = full.find(char, position)
        if position < 0:
            return False
        position += 1
    return True


@dataclass(frozen=True)
class CuratedEntity:
    kind: str
    name: str  # canonical zh-Hans
    english: str
    aliases: tuple[str, ...] = ()
    english_aliases: tuple[str, ...] = ()
    slug: str | None = None
    attributes: tuple[tuple[str, str], ...] = ()
    listed: bool = False  # in the reference list: known by name, not seeded into the graph

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def parse_gazetteer(data: Mapping[str, object], source: str = "gazetteer") -> tuple[CuratedEntity, ...]:
    entries = data.get("entities")
    if not isinstance(entries, list):
        raise ValidationError(f"{source}: expected an 'entities' list")
    out = []
    for number, entry in enumerate(entries):
        if (
            not isinstance(entry, dict)
            or entry.get("kind") not in KINDS
            or not entry.get("zh")
            or not entry.get("en")
        ):
            raise ValidationError(f"{source}: entity {number} needs a known kind, a zh name and an en name")
        out.append(
            CuratedEntity(
                kind=entry["kind"],
                name=matching_form(entry["zh"]),
                english=entry["en"],
                aliases=tuple(matching_form(a) for a in entry.get("aliases", [])),
                english_aliases=tuple(entry.get("en_aliases", [])),
                slug=entry.get("slug"),
                attributes=tuple(sorted((entry.get("attributes") or {}).items())),
            )
        )
    return tuple(out)


@cache
def curated_entities(path: Path = GAZETTEER_JSON) -> tuple[CuratedEntity, ...]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ValidationError(f"cannot read the gazetteer {path}: {e}") from e
    return parse_gazetteer(data, path.name)


@cache
def place_names() -> frozenset[str]:
    """Every name, English name and alias of the places the lexicon knows; a Chinese name in the form text
    is matched in (GeoNames gives many in traditional script: 阿拉木圖 → 阿拉木图)."""
    names = (name for place in places() for name in (place.name, place.english, *place.aliases) if name)
    return frozenset(matching_form(n) if _HAN_CHAR.search(n) else n for n in names)


@cache
def place_canonical_names() -> dict[str, str]:
    """Each name of a place (English name and aliases included, in the form text is matched in) → the place's
    own name, for the names only one place bears: 寮国 and Laos are 老挝, 萨斯卡通 is Saskatoon."""
    owners: dict[str, set[str]] = {}
    for place in places():
        for name in (place.name, place.english, *place.aliases):
            if name:
                owners.setdefault(matching_form(name) if _HAN_CHAR.search(name) else name, set()).add(
                    place.name
                )
    return {name: next(iter(owner)) for name, owner in owners.items() if len(owner) == 1}


_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")
_LATIN_EDGE = re.compile(r"^[A-Za-z0-9]|[A-Za-z0-9]$")
#: 公司 and 集团 standing alone for an organisation — after a particle or a non-Chinese character, and not
#: the first half of a compound (子公司, 公司法, 公司名称, 集团总部).
SELF_WORD = (
    r"(?:(?<=[由为与和及对向将经在是称即使令让及的时年月日如若据但])|(?<=持有|拥有|现任|出任|担任)|(?<![\u4e00-\u9fff]))(?<!标的)(?:公司|集团)"
    r"(?![\u4e00-\u9fff]?(?:债|章|法|制|层|化|内|间|级|本部|总部|名称|简称|代码|股票|证券))"
)
_SELF_WORD = re.compile(SELF_WORD)


class NameMatcher:
    """Finds known names in text: at each position the longest name that starts there, then on past it.

    Names (two characters or more) are indexed by their first two characters with the lengths they come in,
    so a scan costs a look-up or two per character, and learning a name costs nothing more than adding it. Latin names match whole
    words only: UN is not in UNESCO, Oman is not in Romania.
    """

    def __init__(self, names: Mapping[str, str] | None = None) -> None:
        self._names: dict[str, str] = {}
        self._lengths: dict[str, frozenset[int]] = {}  # frozen: a copy shares them, an update replaces one
        self._ordered: dict[str, tuple[int, ...]] = {}
        if names:
            self.update(names)

    def copy(self) -> NameMatcher:
        other = NameMatcher()
        other._names = dict(self._names)
        other._lengths = dict(self._lengths)
        other._ordered = dict(self._ordered)
        return other

    def update(self, names: Mapping[str, str], *, replace: bool = False) -> None:
        """Add names with their kinds (``replace``: a name known already takes the kind given)."""
        for name, kind in names.items():
            if replace and name in self._names:
                self._names[name] = kind
            elif len(name) >= 2 and name not in self._names:
                self._names[name] = kind
                head = name[:2]
                self._lengths[head] = self._lengths.get(head, frozenset()) | {len(name)}
                self._ordered.pop(head, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def finds_at(self, text: str, start: int, name: str) -> bool:
        """Whether ``name``, standing at ``start`` in ``text``, counts as found there (a Latin name only as a
        whole word)."""
        if name in ("公司", "集团"):
            return _SELF_WORD.match(text, start) is not None
        return not _LATIN_EDGE.search(name) or _whole_word(text, start, len(name))

    def __contains__(self, name: str) -> bool:
        return name in self._names

    def kind(self, name: str) -> str | None:
        return self._names.get(name)

    def _lengths_of(self, head: str) -> tuple[int, ...]:
        ordered = self._ordered.get(head)
        if ordered is None:
            ordered = self._ordered[head] = tuple(sorted(self._lengths.get(head, ()), reverse=True))
        return ordered

    def finditer(self, text: str) -> Iterable[tuple[int, int, str, str]]:
        names, position, size = self._names, 0, len(text)
        while position < size:
            found = None
            head = text[position : position + 2]
            if head in self._lengths:
                for length in self._lengths_of(head):
                    name = text[position : position + length]
                    if name in names and self.finds_at(text, position, name):
                        found = name
                        break
            if found is None:
                position += 1
                continue
            yield position, position + len(found), found, names[found]
            position += len(found)


def _whole_word(text: str, start: int, length: int) -> bool:
    """Whether a Latin name stands as whole words: not inside a word, nor half of a hyphenated name
    (Saxony of Saxony-Anhalt)."""
    before = text[start - 1] if start else " "
    after = text[start + length] if start + length < len(text) else " "
    if _ASCII_WORD.match(before) or _ASCII_WORD.match(after):
        return False
    joined_after = after == "-" and text[start + length + 1 : start + length + 2].isupper()
    joined_before = before == "-" and start >= 2 and text[start - 2].isalpha()
    return not (joined_after or joined_before)


_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


@dataclass
class NameBook:
    """Names known while reading one document: curated ones, and ones the document taught."""

    matcher: NameMatcher = field(default_factory=NameMatcher)
    short_names: dict[str, str] = field(default_factory=dict)  # short → full

    @classmethod
    def curated(cls) -> NameBook:
        """A book of the curated names and the place lexicon (a copy: each document adds its own)."""
        return cls(_curated_matcher().copy())

    def learn(self, name: str, kind: str) -> None:
        """A name the document teaches, of the kind it gives it; of a site, over the lists' kind (斯特兰奇湖稀土矿
        (Strange Lake) is a mine here, whatever project the list knows by that name)."""
        sites = {"mine", "facility", "project"}
        self.matcher.update({name: kind}, replace=kind in sites and self.matcher.kind(name) in sites)


def curated_kind(name: str) -> str | None:
    """The kind the curated names and the place lexicon give a name (in the form text is matched in), or None."""
    return _curated_matcher().kind(name)


@cache
def _curated_matcher() -> NameMatcher:
    from rekg.ingest.reference import known_entities  # the reference list reads the gazetteer first

    matcher = NameMatcher()
    matcher.update({name: e.kind for e in known_entities() for name in e.names})
    matcher.update(
        {name: e.kind for e in known_entities() for name in (e.english, *e.english_aliases) if name}
    )
    matcher.update(dict.fromkeys(place_names(), "place"))
    return matcher
