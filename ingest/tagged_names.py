"""The tagger's names, judged: an ORG, LOC or PER token of the LAC tagger becomes a candidate name only when
it reads as one. Each kind has its own short judge; a judge returns the token (cut where the tagger took in too
much) and the kind it names, or None for a word that is no name."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from rekg.ingest.divisions import division_after, region_of_a_country
from rekg.ingest.lexicon import (
    NameBook,
    is_generic_name,
    kind_from_suffix,
    matching_form,
    reads_as_common_words,
)
from rekg.ingest.patterns import Candidate, Token, organisation_head
from rekg.ingest.person_names import given_name_cut_short, is_family_name, plausible_person
from rekg.ingest.spans import SITE_ENDING_KINDS, countries
from rekg.ontology import ORGANIZATION_KINDS

_TAG_KINDS = {"ORG": "organization", "LOC": "place", "PER": "person"}
#: After a place's name, words that use it as an adjective (中国特色, 中国方案).
ATTRIBUTIVE_AFTER = re.compile(r"特色|式|方案|智慧|力量|梦|品牌|声音|故事|制造|创造|速度|精神|气派")
_DESCRIBED_AFTER = re.compile(
    r"企业|厂商|开发商|生产商|制造商|供应商|大厂|业者|基金(?=[A-Z])|资本(?=[A-Z])"
)  # 慕尼黑创投|基金Isar Kreislauf Ventures: the words describe the Latin name after them
_NOT_PLACES = frozenset(
    [
        "资源",
        "现代",
        "中越",
        "中外",
        "国内",
        "国外",
        "海外",
        "境内",
        "境外",
        "全球",
        "世界",
        "地方",
        "当地",
        "基层",
        "西方",
        "东方",
        "南方",
        "北方",
        "中央",
        "内地",
        "沿海",
        "中西部",
        "东部",
        "西部",
        "国际",
    ]
)
_GENERIC = frozenset(
    [
        "集团",
        "公司",
        "企业",
        "本公司",
        "我们",
        "政府",
        "国家",
        "中央",
        "地方",
        "中稀",
        "党中央",
        "新时代",
        "上市公司",
        "成员公司",
        "子公司",
        "报告",
    ]
)
_INDUSTRY = re.compile(
    r"稀土|有色|铝|铜|矿|钢|铁|科技|股份|能源|材料|集团|控股|资源|实业|化工|电力|汽车|银行|证券|投资"
)
_VERB_INSIDE = re.compile(
    r"(?:营运|运营|经营|建设|收购|持有|成立|设立|签署|投资建设)(?!集团|公司|有限|管理|中心|服务|控股|发展|投资)"
)
_SECTOR_AFTER = re.compile(
    r"(.{2,6}(?:证券|银行|基金|资本|期货|研究所))(?:有色金属|有色|化工|钢铁|金属|汽车|电新|新能源|机械|能源|材料|稀土)"
)
_PLACE_TAIL = re.compile(
    r"(?:[东西南北中]{1,2}部|地区|境内|一带|市区|城区|郊区|市郊|近郊|[\u4e00-\u9fff]{0,4}(?:商|企业|公司|厂商))$"
)

Judged = tuple[Token, str] | None
_PART_OF = re.compile(r"(?:[东西南北中]{1,2}|东北|东南|西北|西南)部$")
_BODY_KINDS = frozenset({"company", "group", "government", "institute", "university", "association"})


def tagged_candidates(text: str, tokens: Sequence[Token], book: NameBook) -> Iterator[Candidate]:
    """The tagger's names in a sentence that read as names, each with the kind it names."""
    for index, token in enumerate(tokens):
        kind = _TAG_KINDS.get(token.tag)
        if kind is None or len(token.text) < 2 or token.text in _GENERIC or token.text.isascii():
            continue  # the tagger mis-tags Latin script inside Chinese text
        if kind == "organization":
            judged = _organisation(text, tokens, index, token, book)
        elif kind == "place":
            judged = _place(text, token, book)
        else:
            judged = _person(text, tokens, index, token)
        if judged is None:
            continue
        pieces = _places_in_a_row(judged[0], book) if judged[1] == "place" else [judged[0]]
        for piece in pieces:
            yield Candidate(piece.start, piece.end, judged[1], "tagger", 1)


_HEADQUARTERS = re.compile(r"(?<=..)(?:总部|總部|本部|总公司|總公司)$")


def _organisation(text: str, tokens: Sequence[Token], index: int, token: Token, book: NameBook) -> Judged:
    trimmed = _HEADQUARTERS.sub("", token.text.rstrip("与和及所的在"))  # 北辰商事|总部设于东京
    if _VERB_INSIDE.search(trimmed):
        return None  # 江门市新会区营运新会稀土: a clause the tagger read as one name
    if _DESCRIBED_AFTER.match(text, token.end) and kind_from_suffix(trimmed) is None:
        return None  # 德国电驱企业博登塞驱动: the words describe the name that follows
    head = organisation_head(trimmed)
    if head is not None and trimmed[-1] in SITE_ENDING_KINDS and len(trimmed) - head >= 3:
        head = None  # 奥德萨稀土金属厂: a plant named with the industry word (中铝秘鲁矿业|选厂 is cut)
    trimmed = trimmed[:head] if head is not None else trimmed  # 包头铝业华云电解 → 包头铝业
    if covered := _SECTOR_AFTER.fullmatch(trimmed):
        trimmed = covered.group(1)  # 长江证券|有色金属首席分析师: the sector the analyst covers
    if trimmed != token.text:
        token = Token(trimmed, token.tag, token.start, token.start + len(trimmed))
    if is_generic_name(token.text):
        return None
    suffix_kind = kind_from_suffix(token.text)
    weak = len(token.text) < 3 or not (len(token.text) >= 4 or _INDUSTRY.search(token.text))
    if suffix_kind is None and (
        (weak and not _enumerated(text, token))
        or (reads_as_common_words(token.text) and not _listed_with_organisations(tokens, index, book))
    ):
        return None
    return token, suffix_kind or SITE_ENDING_KINDS.get(token.text[-1], "company")  # 天津磁材厂: a plant


def _place(text: str, token: Token, book: NameBook) -> Judged:
    if (dateline := _DATELINE.search(token.text)) and matching_form(
        token.text[: dateline.start()]
    ) in book.matcher:
        token = Token(token.text[: dateline.start()], token.tag, token.start, token.start + dateline.start())
    suffix_kind = kind_from_suffix(token.text)
    if suffix_kind in _BODY_KINDS and not _PART_OF.search(token.text):
        # 魁北克省稀土开发商托恩加特金属公司, 郴州市自然资源和规划局: a body after a place (格陵兰南部 is a part of one)
        return token, suffix_kind
    if token.text[-1] in "厂矿":  # 衡阳烧结钕铁硼磁材厂: a plant the tagger took for a place
        if described_by_country(token.text, book):
            return None  # 美国俄亥俄州磁石厂: a plant described by the country it is in, not named
        return token, SITE_ENDING_KINDS[token.text[-1]]
    if ATTRIBUTIVE_AFTER.match(text, token.end) or _known_places_in_a_row(token.text, book):
        return (
            None  # 中国特色: an adjective; 十堰市茅箭区: two places the lexicon knows, each a name of its own
        )
    if token.text[0] in "与和及同" and len(token.text) > 2 and token.text[1:] in book.matcher:
        token = Token(token.text[1:], token.tag, token.start + 1, token.end)  # 与|美国怀俄明州: the 与 joins
    if region_of_a_country(token.text):
        return None
    # 码市|镇: a known place with its level of government; 码市镇|冲尾村: a village named after its town
    stem = token.text[:-1]
    levelled = token.text[-1] in "省市县镇乡" and (stem in book.matcher or not reads_as_common_words(stem))
    in_town = (
        token.text[-1] in "村镇乡"
        and 3 <= len(token.text) <= 4
        and text[token.start - 1 : token.start] in "镇乡县"
    )
    if token.text not in book.matcher and reads_as_common_words(token.text) and not (levelled or in_town):
        return None  # 产业集聚区, 铜矿山: words, not a place's name
    if token.text in _NOT_PLACES or token.text.endswith("上市"):
        return None  # 在港上市: listed in Hong Kong, no city
    return _known_place_only(token, book), "place"  # 魁北克省北部, 马达加斯加稀土开发商 → the place


#: A dateline's word after the place a story was filed from (台北讯, 北京电).
_DATELINE = re.compile(r"(?<=..)(?:讯|訊|电|電|报道|報導)$")
#: What a place's name does not end in: a business (五金行, 门店), a unit, a generic district (新区).
_NOT_A_PLACE_END = re.compile(r"(?:行|店|铺|馆|厂|站|所|部|处|会|局|院|校|^.区)$")


#: Two places written as one word, each ending in its own level of government: at least two characters before
#: each ending, so 苏州市 or 芒市 stay whole.
_ADMINISTRATIVE_CHAIN = re.compile(
    r"([\u4e00-\u9fff]{2,}?[省州郡县市邦府道区镇乡])([\u4e00-\u9fff]{2,}[市县区镇乡村郡町州])"
)


_LEVEL_ENDINGS = frozenset("省市县区镇乡州")


def _places_in_a_row(token: Token, book: NameBook) -> list[Token]:
    """孟加拉|吉大港, 高雄|大社: a known place and a place's name after it, read by the tagger as one — two places
    (the second one of its own; the words after a known place that are common words stay with it)."""
    known = next(
        (end for start, end, _, kind in book.matcher.finditer(token.text) if start == 0 and kind == "place"),
        0,
    )
    if not known and (chained := _ADMINISTRATIVE_CHAIN.fullmatch(token.text)):
        known = chained.end(1)  # 泰勒马克郡|诺姆市, 常州市|武进区: a place named with the one it lies in
    elif known and token.text[known : known + 1] in _LEVEL_ENDINGS and len(token.text) - known > 3:
        known += 1  # 码市|镇冲尾村 → 码市镇|冲尾村: the known name's level of government is its own
    rest = token.text[known:]
    if (
        not known
        or not 2 <= len(rest) <= 6
        or not re.fullmatch(r"[\u4e00-\u9fff]+", rest)
        or reads_as_common_words(rest)
        or rest in _NOT_PLACES
        or kind_from_suffix(rest) is not None
        or _NOT_A_PLACE_END.search(rest)
    ):
        return [token]
    return [
        Token(token.text[:known], token.tag, token.start, token.start + known),
        Token(rest, token.tag, token.start + known, token.end),
    ]


def _person(text: str, tokens: Sequence[Token], index: int, token: Token) -> Judged:
    seen = tokens
    if (cut := _family_name_cut_off(tokens, index)) is not None:
        token, seen = cut, [*tokens[:index], cut, *tokens[index + 1 :]]  # 区|卓谦 → 区卓谦
    if (whole := given_name_cut_short(text, token)) is not None:
        token, seen = whole, [*seen[:index], whole, *seen[index + 1 :]]  # 简慧|如表示 → 简慧如
    return (token, "person") if plausible_person(text, seen, index) else None


def _enumerated(text: str, token: Token) -> bool:
    """A short tagged name in a list of organisations (招商局集团、华为、比亚迪等) is a name."""
    before, after = text[max(0, token.start - 1) : token.start], text[token.end : token.end + 1]
    return before == "、" or after in {"、", "等"}


def _listed_with_organisations(tokens: Sequence[Token], index: int, book: NameBook) -> bool:
    """云铝股份、驰宏锌锗、银星能源: a word in a list whose neighbours are organisations names one too."""
    neighbours = []
    if index >= 2 and tokens[index - 1].text == "、":
        neighbours.append(tokens[index - 2])
    if index + 2 < len(tokens) and tokens[index + 1].text == "、":
        neighbours.append(tokens[index + 2])
    return any(t.tag == "ORG" or book.matcher.kind(t.text) in ORGANIZATION_KINDS for t in neighbours)


def _known_place_only(token: Token, book: NameBook) -> Token:
    """A tagged place that is a known place and a part, a description or a division after it, cut to the known
    place (the division is found after it by itself)."""
    known = [
        end for start, end, _, kind in book.matcher.finditer(token.text) if start == 0 and kind == "place"
    ]
    if known and known[0] < len(token.text) and _PLACE_TAIL.fullmatch(token.text[known[0] :]):
        return Token(token.text[: known[0]], token.tag, token.start, token.start + known[0])
    division = division_after(token.text[: known[0]], token.text, known[0]) if known else None
    if division is not None and division[1] == len(
        token.text
    ):  # 俄亥俄州|代顿市: two places, one in the other
        return Token(token.text[: known[0]], token.tag, token.start, token.start + known[0])
    return token


def _family_name_cut_off(tokens: Sequence[Token], index: int) -> Token | None:
    """区|卓谦, 盘|志远: a two-character given name the tagger cut from the family name before it (a noun to it)."""
    token = tokens[index]
    before = tokens[index - 1] if index > 0 else None
    if (
        before is None
        or len(token.text) != 2
        or before.end != token.start
        or before.tag not in {"n", "nr", "x"}
        or not is_family_name(before.text)
    ):
        return None
    return Token(before.text + token.text, "PER", before.start, token.end)


def described_by_country(name: str, book: NameBook) -> bool:
    """Whether a site's name is only a country, its places and a few common words after them (美国俄亥俄州磁石厂,
    鑫创磁材美国俄亥俄州磁石厂: the owner, then the places)."""
    country = next(
        (s for s, _, n, kind in book.matcher.finditer(name) if kind == "place" and n in countries()), None
    )
    if country is None:
        return False
    rest = _after_places(name[country:], book)
    return len(rest) <= 4 or reads_as_common_words(rest)


def _after_places(name: str, book: NameBook) -> str:
    """What a name says after the known places it begins with (美国俄亥俄州磁石厂 → 磁石厂)."""
    position = 0
    for start, end, _, kind in book.matcher.finditer(name):
        if start != position or kind != "place":
            break
        position = end
    return re.sub(
        r"^[\u4e00-\u9fff]{1,6}?(?:州|省|市|县|邦)", "", name[position:]
    )  # and a state it did not know


def _known_places_in_a_row(name: str, book: NameBook) -> bool:
    """Whether a tagged place is two or more known places, one after the other, and nothing else."""
    position, count = 0, 0
    for start, end, _, kind in book.matcher.finditer(name):
        if start != position or kind != "place":
            return False
        position, count = end, count + 1
    return count >= 2 and position == len(name)
