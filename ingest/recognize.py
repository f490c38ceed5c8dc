"""Recognition: sentences, and the names in them.

Each sentence is tagged by the spaCy pipeline of :mod:`rekg.ingest.tagging` (``spacy.blank("zh")`` with the
jieba segmenter and the LAC tagger; ``spacy.blank("en")`` for English passages, :mod:`rekg.ingest.english`).
Names come from the gazetteer (curated names plus names the document teaches), the patterns of
:mod:`rekg.ingest.patterns` and the tagger's names; :mod:`rekg.ingest.spans` resolves and cuts them.
Short names a document teaches are learnt in :mod:`rekg.ingest.short_names`, person names are judged in
:mod:`rekg.ingest.person_names`. Offsets are character offsets into the normalised text.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from typing import Any

from rekg.ingest.english import is_english
from rekg.ingest.english_model import english_names
from rekg.ingest.lexicon import (
    NameBook,
    NameMatcher,
    is_generic_name,
    kind_from_suffix,
    reads_as_common_words,
)
from rekg.ingest.model import Mention, NormalizedText, Sentence
from rekg.ingest.name_patterns import (
    split_short_in_brackets,
)
from rekg.ingest.patterns import (
    Candidate,
    Token,
    joined_names,
    organisation_head,
    split_joined_names,
)
from rekg.ingest.person_names import (
    english_person_names,
    family_name_owners,
    family_names,
    is_family_name,
    name_line_before_post,
    plausible_person,
    surname_mentions,
)
from rekg.ingest.posts import post_pattern
from rekg.ingest.sentence_patterns import pattern_candidates
from rekg.ingest.short_names import learn_short_names
from rekg.ingest.site_patterns import project_title
from rekg.ingest.spans import (
    SITE_ENDING_KINDS,
    STREET_NUMBER,
    countries,
    cut_at_slash,
    name_generic_projects,
    plausible,
    resolve,
    split_organisation_prefix,
    split_place_prefix,
    strip_relation_words,
    with_campus,
    without_post,
)
from rekg.ingest.tagging import tag_sentences
from rekg.ontology import ORGANIZATION_KINDS

_TAG_KINDS = {"ORG": "organization", "LOC": "place", "PER": "person"}
_ATTRIBUTIVE_AFTER = re.compile(r"特色|式|方案|智慧|力量|梦|品牌|声音|故事|制造|创造|速度|精神|气派")
_NOUN_AFTER = re.compile(
    r"资源|产业|行业|市场|产品|价格|储量|出口|进口|定价|供应|需求|矿产|元素|永磁|材料|企业"
)
_DESCRIBED_AFTER = re.compile(r"企业|厂商|开发商|生产商|制造商|供应商|大厂|业者")
#: A Latin short name that begins a site's name (Yarrabee in "Yarrabee Rare Earths Mine").
_SITE_NAME_AFTER = re.compile(
    r"(?: [A-Z][\w'-]*)*? (?:Mine|Project|Plant|Facility|Refinery|Deposit|Operations?|Hub|Complex|Mill)\b"
)
_NOT_PLACES = {
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
}
_GENERIC = {
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
}
_INDUSTRY = re.compile(
    r"稀土|有色|铝|铜|矿|钢|铁|科技|股份|能源|材料|集团|控股|资源|实业|化工|电力|汽车|银行|证券|投资"
)


#: A document's pattern candidates by (sentence, words): its second reading reuses the first's.
PatternMemo = dict[tuple[str, tuple[Token, ...]], tuple[Candidate, ...]]


def candidates(
    text: str,
    tokens: Sequence[Token],
    book: NameBook,
    memo: PatternMemo | None = None,
    english: Mapping[str, tuple[Candidate, ...]] | None = None,
) -> list[Candidate]:
    known = list(book.matcher.finditer(text))
    tokens = _join_split_places(_merge_known_names(split_joined_names(tokens), known))
    found: list[Candidate] = []
    found.extend(_units_after(text, known))
    for _, end, name, kind in known:
        if kind != "place":
            continue
        town = _TOWN.match(text, end)
        if town is not None:  # 织金县猫场镇: a town named after its county
            found.append(Candidate(town.start(), town.end(), "place", "pattern:town", 3))
        division = _division_after(name, text, end)
        if division is not None:  # 泰国罗勇府, 台南市善化区: a division named after its country or city
            found.append(Candidate(*division, "place", "pattern:division", 3))
    for town in _TOWN_AFTER_LOCATIVE.finditer(text):  # 将在石门镇建设, 位于麻涌镇
        found.append(Candidate(town.start(1), town.end(1), "place", "pattern:town", 2))
    for begin, end, name, kind in known:
        if kind in ORGANIZATION_KINDS and kind_from_suffix(name) is None and _NOUN_AFTER.match(text, end):
            continue  # 中国稀土资源: a short name read into a noun phrase
        if kind in ORGANIZATION_KINDS and name.isascii() and _SITE_NAME_AFTER.match(text, end):
            continue  # Yarrabee Rare Earths Mine: the site's name, not its owner's
        if kind == "place" and _ATTRIBUTIVE_AFTER.match(text, end):
            continue  # 中国特色, 中国方案: the place name used as an adjective
        if kind == "place" and STREET_NUMBER.match(text, end):
            continue  # 塔城街13号: a street named after a city, in an address
        found.append(Candidate(begin, end, kind, "gazetteer", 5))
    key = (text, tuple(tokens))
    patterns = memo.get(key) if memo is not None else None
    if patterns is None:
        patterns = pattern_candidates(*key, english)
        if memo is not None:
            memo[key] = patterns
    found.extend(c for c in patterns if not _plant_of_a_place(c, text, book))
    places_ending = {
        end: begin for begin, end, _, kind in known if kind == "place" and _LOCAL_LEVEL.search(text, 0, end)
    }
    for (
        token
    ) in tokens:  # 鹿城市|工业和信息化局, a city the lists do not know, tagged with the bureau's first word
        head = _LOCAL_HEAD.match(token.text)
        if head is not None and token.tag in {"ORG", "LOC", "ns"}:
            places_ending.setdefault(token.start + head.end(), token.start)
    for unit in [c for c in patterns if c.kind == "government" and c.start in places_ending]:
        # 包头市 + 工业和信息化局: a city's own bureau, named with the city
        found.append(
            Candidate(places_ending[unit.start], unit.end, "government", "pattern:local-government", 4)
        )
    for index, token in [(i, t) for i, t in enumerate(tokens) if t.tag in _TAG_KINDS]:
        kind = _TAG_KINDS[token.tag]
        if len(token.text) < 2 or token.text in _GENERIC or token.text.isascii():
            continue  # the tagger mis-tags Latin script inside Chinese text
        if kind == "organization":
            trimmed = token.text.rstrip("与和及所的在")
            if _VERB_INSIDE.search(trimmed):
                continue  # 江门市新会区营运新会稀土: a clause the tagger read as one name
            if _DESCRIBED_AFTER.match(text, token.end) and kind_from_suffix(trimmed) is None:
                continue  # 德国电驱企业博登塞驱动: the words describe the name that follows
            head = organisation_head(trimmed)
            if head is not None and trimmed[-1] in SITE_ENDING_KINDS and len(trimmed) - head >= 3:
                head = (
                    None  # 奥德萨稀土金属厂: a plant named with the industry word (中铝秘鲁矿业|选厂 is cut)
                )
            trimmed = trimmed[:head] if head is not None else trimmed  # 包头铝业华云电解 → 包头铝业
            if covered := _SECTOR_AFTER.fullmatch(trimmed):
                trimmed = covered.group(1)  # 长江证券|有色金属首席分析师: the sector the analyst covers
            if trimmed != token.text:
                token = Token(trimmed, token.tag, token.start, token.start + len(trimmed))
            if is_generic_name(token.text):
                continue
        if kind == "organization":
            suffix_kind = kind_from_suffix(token.text)
            weak = len(token.text) < 3 or not (len(token.text) >= 4 or _INDUSTRY.search(token.text))
            if suffix_kind is None and (
                (weak and not _enumerated(text, token))
                or (reads_as_common_words(token.text) and not _listed_with_organisations(tokens, index, book))
            ):
                continue
            kind = suffix_kind or SITE_ENDING_KINDS.get(token.text[-1], "company")  # 天津磁材厂: a plant
        if kind == "place" and kind_from_suffix(token.text) in {"company", "group"}:
            kind = kind_from_suffix(token.text)  # 魁北克省稀土开发商托恩加特金属公司: a company after a place
        if (
            kind == "place" and token.text[-1] in "厂矿"
        ):  # 衡阳烧结钕铁硼磁材厂: a plant the tagger took for a place
            if _described_by_country(token.text, book):
                continue  # 美国俄亥俄州磁石厂: a plant described by the country it is in, not named
            kind = SITE_ENDING_KINDS[token.text[-1]]
        if kind == "place" and _ATTRIBUTIVE_AFTER.match(text, token.end):
            continue  # 中国特色: the place name used as an adjective
        if kind == "place" and _known_places_in_a_row(token.text, book):
            continue  # 十堰市茅箭区: two places the lexicon knows, each a name of its own
        if (
            kind == "place"
            and token.text[0] in "与和及同"
            and len(token.text) > 2
            and token.text[1:] in book.matcher
        ):
            token = Token(
                token.text[1:], token.tag, token.start + 1, token.end
            )  # 与|美国怀俄明州: the 与 joins
        if kind == "place" and (part := _REGION_OF.match(token.text)) and part.group(1) in countries():
            continue  # 安哥拉西部南宽札省: a country, its west, a province in it
        if kind == "place" and token.text not in book.matcher and reads_as_common_words(token.text):
            continue  # 产业集聚区, 铜矿山: words, not a place's name
        seen = tokens
        if kind == "person" and (cut := _family_name_cut_off(tokens, index)) is not None:
            token, seen = cut, [*tokens[:index], cut, *tokens[index + 1 :]]  # 区|卓谦 → 区卓谦
        if kind == "person" and not plausible_person(text, seen, index):
            continue
        if kind == "place" and token.text in _NOT_PLACES:
            continue
        if kind == "place":
            token = _known_place_only(token, book)  # 魁北克省北部, 马达加斯加稀土开发商 → the place
        found.append(Candidate(token.start, token.end, kind, "tagger", 1))
    found = [
        with_campus(strip_relation_words(piece, text), text)
        for c in found
        for cut in cut_at_slash(without_post(c, text), text)
        for piece in (joined_names(text, cut) if cut.kind in ORGANIZATION_KINDS else [cut])
    ]
    found = [piece for c in found for piece in split_short_in_brackets(c, text)]
    return _model_within_rules(found)


def _model_within_rules(found: list[Candidate]) -> list[Candidate]:
    """A span of the English model that cuts across a span the rules or lists found (Department of Industry,
    Science and Resources; the model's "Science and Resources' Critical Minerals …") is the model's mistake."""
    ruled = [c for c in found if c.source != "english-model"]
    return [
        c
        for c in found
        if c.source != "english-model"
        or not any(
            c.start < r.end and r.start < c.end and not (c.start <= r.start and r.end <= c.end) for r in ruled
        )
    ]


def _enumerated(text: str, token: Token) -> bool:
    """A short tagged name in a list of organisations (招商局集团、华为、比亚迪等) is a name."""
    before, after = text[max(0, token.start - 1) : token.start], text[token.end : token.end + 1]
    return before == "、" or after in {"、", "等"}


def _join_split_places(tokens: list[Token]) -> list[Token]:
    """夸|莱郡, 基|南戈区: a place the tagger cut after its first character is one place."""
    out: list[Token] = []
    for token in tokens:
        last = out[-1] if out else None
        if (
            last is not None
            and last.tag == "LOC"
            and token.tag == "LOC"
            and len(last.text) == 1
            and last.end == token.start
            and token.text[-1] in "省市县区州盟旗郡邦乡镇府"
        ):
            out[-1] = Token(last.text + token.text, "LOC", last.start, token.end)
        else:
            out.append(token)
    return out


def _merge_known_names(tokens: Sequence[Token], known: Sequence[tuple[int, int, str, str]]) -> list[Token]:
    """Tokens that together spell a known place (个 + 旧 → 个旧) become one, tagged as a place, so the walks
    that find sites and organisations read it as a name."""
    places = {(begin, end): name for begin, end, name, kind in known if kind == "place"}
    if not places:
        return list(tokens)
    starts = {begin for begin, _ in places}
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.start not in starts:  # no known place begins at this word
            out.append(token)
            index += 1
            continue
        merged = None
        for stop in range(index + 1, min(index + 4, len(tokens))):
            name = places.get((token.start, tokens[stop].end))
            if name is not None:
                merged = (stop, Token(name, "LOC", token.start, tokens[stop].end))
        if merged is None:
            out.append(token)
            index += 1
        else:
            out.append(merged[1])
            index = merged[0] + 1
    return out


_PLACE_TAIL = re.compile(r"(?:[东西南北中]{1,2}部|地区|境内|一带|[\u4e00-\u9fff]{0,4}(?:商|企业|公司|厂商))$")


def _known_place_only(token: Token, book: NameBook) -> Token:
    """A tagged place that is a known place and a part, a description or a division after it, cut to the known
    place (the division is found after it by itself)."""
    known = [
        end for start, end, _, kind in book.matcher.finditer(token.text) if start == 0 and kind == "place"
    ]
    if known and known[0] < len(token.text) and _PLACE_TAIL.fullmatch(token.text[known[0] :]):
        return Token(token.text[: known[0]], token.tag, token.start, token.start + known[0])
    division = _division_after(token.text[: known[0]], token.text, known[0]) if known else None
    if division is not None and division[1] == len(
        token.text
    ):  # 俄亥俄州|代顿市: two places, one in the other
        return Token(token.text[: known[0]], token.tag, token.start, token.start + known[0])
    return token


_LOCAL_LEVEL = re.compile(r"(?:省|市|县|区|州|盟|旗)$")
_LOCAL_HEAD = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:省|市|县|州|盟)")


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


_SECTOR_AFTER = re.compile(
    r"(.{2,6}(?:证券|银行|基金|资本|期货|研究所))(?:有色金属|有色|化工|钢铁|金属|汽车|电新|新能源|机械|能源|材料|稀土)"
)
_UNIT_KINDS = frozenset({"institute", "university", "government"})


@cache
def _unit_after() -> re.Pattern[str]:
    """A unit named right after its parent and followed by a post or a pause: 工研院|材料与化工研究所|副所长,
    产发署|金属机电产业组|科长, 市财政局|经济建设科|　."""
    return re.compile(
        r"(?!联合|共同|合作|建设|签署|开发|成立|设立|组建|牵头|参与|负责|主导|承担|申报|获批|获得|与|和|及)"
        r"(?:办公室|办公厅|(?:[\u4e00-\u9fff]{2,8}?[与及和])?(?:(?!研究所|研究院|学院|学系|实验室|研究中心|[与及和])"
        r"[\u4e00-\u9fff]){1,8}?(?:研究所|研究院|学院|学系|实验室|研究中心|产业组|组|处|科|司))"
        rf"(?=(?:{post_pattern()})|[科处组所院司局]长|主任|[\s，,。：:；;（(、]|$)"
    )


def _units_after(text: str, known: Sequence[tuple[int, int, str, str]]) -> Iterator[Candidate]:
    """Sub-units of a research body, a university or a government body named after it (its full or short
    name): the unit, of its parent's kind."""
    for start, end, _, kind in known:
        if kind in _UNIT_KINDS and (unit := _unit_after().match(text, end)) is not None:
            yield Candidate(start, unit.end(), kind, "pattern:unit", 5)


def _plant_of_a_place(candidate: Candidate, text: str, book: NameBook) -> bool:
    """美国俄亥俄州磁石厂: a plant described by the places it is in and what it makes, not named."""
    return candidate.kind == "facility" and _described_by_country(text[candidate.start : candidate.end], book)


def _described_by_country(name: str, book: NameBook) -> bool:
    """Whether a site's name is only a country, its places and a few common words after them (美国俄亥俄州磁石厂,
    鑫创磁材美国俄亥俄州磁石厂: the owner, then the places)."""
    country = next(
        (s for s, _, n, kind in book.matcher.finditer(name) if kind == "place" and n in countries()), None
    )
    if country is None:
        return False
    rest = _after_places(name[country:], book)
    return len(rest) <= 4 or reads_as_common_words(rest)


def _known_places_in_a_row(name: str, book: NameBook) -> bool:
    """Whether a tagged place is two or more known places, one after the other, and nothing else."""
    position, count = 0, 0
    for start, end, _, kind in book.matcher.finditer(name):
        if start != position or kind != "place":
            return False
        position, count = end, count + 1
    return count >= 2 and position == len(name)


def _listed_with_organisations(tokens: Sequence[Token], index: int, book: NameBook) -> bool:
    """云铝股份、驰宏锌锗、银星能源: a word in a list whose neighbours are organisations names one too."""
    neighbours = []
    if index >= 2 and tokens[index - 1].text == "、":
        neighbours.append(tokens[index - 2])
    if index + 2 < len(tokens) and tokens[index + 1].text == "、":
        neighbours.append(tokens[index + 2])
    return any(t.tag == "ORG" or book.matcher.kind(t.text) in ORGANIZATION_KINDS for t in neighbours)


def _trimmed(candidate: Candidate, text: str) -> Candidate:
    """The candidate without the white space a walk took in at either end ( 萨斯卡通分离厂)."""
    name = text[candidate.start : candidate.end]
    start = candidate.start + len(name) - len(name.lstrip())
    end = candidate.end - (len(name) - len(name.rstrip()))
    if (start, end) == (candidate.start, candidate.end) or start >= end:
        return candidate
    return Candidate(start, end, candidate.kind, candidate.source, candidate.priority)


def recognize_sentence(
    sentence: Sentence,
    tokens: Sequence[Token],
    book: NameBook,
    memo: PatternMemo | None = None,
    english: Mapping[str, tuple[Candidate, ...]] | None = None,
) -> list[Mention]:
    mentions = []
    found = candidates(sentence.text, tokens, book, memo, english)
    resolved = resolve(c for c in found if plausible(c, sentence.text, book))
    for candidate in name_generic_projects(resolved, sentence.text, tokens):
        pieces = (  # a unit keeps its parent's name: 产发署金属机电产业组
            [candidate]
            if candidate.source == "pattern:unit"
            else split_organisation_prefix(candidate, sentence.text, tokens, book)
        )
        if candidate.kind not in {"place", "person", "policy"}:
            pieces = [*pieces[:-1], *split_place_prefix(pieces[-1], sentence.text, book)]
        for piece in (_trimmed(p, sentence.text) for p in pieces):
            text = sentence.text[piece.start : piece.end]
            mentions.append(
                Mention(
                    sentence.start + piece.start,
                    sentence.start + piece.end,
                    text,
                    piece.kind,
                    piece.source,
                    sentence.index,
                )
            )
    return mentions


_VERB_INSIDE = re.compile(
    r"(?:营运|运营|经营|建设|收购|持有|成立|设立|签署|投资建设)(?!集团|公司|有限|管理|中心|服务|控股|发展|投资)"
)
_NOT_A_TOWN = "城镇|乡镇|村镇|集镇|城乡|乡村|重镇|小镇"  # words, not towns
_TOWN_AFTER_LOCATIVE = re.compile(
    rf"(?:在|于|位于)((?!{_NOT_A_TOWN})[\u4e00-\u9fff]{{2,3}}?(?:镇|乡))(?![\u4e00-\u9fff]{{0,2}}政府)"
)
_DIVISION_AFTER_COUNTRY = re.compile(
    r"(?![与和及同或])[\u4e00-\u9fff]{2,6}?(?:省|府|州|邦)(?![份会级内外长委政府城])"
)
_DISTRICT_AFTER_CITY = re.compile(
    r"[\u4e00-\u9fff]{2,3}?区(?![\u4e00-\u9fff]{0,2}(?:政府|党委|委员会|管委会))"
)
_GOVERNMENT_AFTER = r"(?![\u4e00-\u9fff]{0,2}(?:政府|党委|委员会|管委会))"
_COUNTY_AFTER_PROVINCE = re.compile(
    r"(?![与和及同或在的])[\u4e00-\u9fff]{2,3}?(?:市|县|郡)(?![场民长委级内外])" + _GOVERNMENT_AFTER
)
_CITY_AFTER_COUNTY = re.compile(
    r"(?![与和及同或在的])[\u4e00-\u9fff]{2,3}?(?:市|区)(?![场民长委级内外])" + _GOVERNMENT_AFTER
)
#: Words that end like a division and are none: a ministry (经济产业省), a park, an area of a city.
_NOT_A_DIVISION = re.compile(
    r"(?:务|业|卫|学|境|通|动|交)省$|(?:园|城|市|地|片|辖|矿|景|社|山|林|牧|产|灾|校|厂|营|风|街|开发|保护|示范|试验|工业)区$"
)


def _division_after(place: str, text: str, end: int) -> tuple[int, int] | None:
    """Where a division named right after a known place stands: a province, state or prefecture (省, 州, 府,
    邦) after a country (or after its west, east …), a city or county after a province or state, a city or
    district after a county, a district (区) after a city."""
    if place in countries():
        end += len(
            _DIRECTION.match(text, end)[0]
        )  # 安哥拉西部南宽札省: the region lies in the country's west
        match = _DIVISION_AFTER_COUNTRY.match(text, end)
    elif place.endswith("市"):
        match = _DISTRICT_AFTER_CITY.match(text, end)
    elif place.endswith(("省", "州", "邦", "府", "自治区")):
        match = _COUNTY_AFTER_PROVINCE.match(text, end)  # 俄亥俄州代顿市, 吉打州居林县
    elif place.endswith(("县", "郡")):
        match = _CITY_AFTER_COUNTY.match(text, end)  # 云林县斗六市, 夸莱郡基南戈区
    else:
        return None
    if match is None or _NOT_A_DIVISION.search(match.group()):
        return None
    return match.span()


_REGION_OF = re.compile(r"(.{2,6}?)(?:[东西南北中]|东北|东南|西北|西南)部.")
_DIRECTION = re.compile(r"(?:[东西南北中]|东北|东南|西北|西南)部(?:的)?|")


_TOWN = re.compile(
    rf"(?!{_NOT_A_TOWN})[\u4e00-\u9fff]{{1,3}}?(?:镇|乡|街道)(?![\u4e00-\u9fff]{{0,2}}(?:政府|党委|办事处))"
)


_DEFINITION = re.compile(r"\(\s*(?:the\s+)?[\"“]([A-Z][A-Za-z0-9&-]{1,14})[\"”]\s*\)")
_MODELS = frozenset({"tagger", "english-model"})


def _defined_terms(text: str, found: Sequence[Mention]) -> set[str]:
    """Words a document defines for something that is no name it found: a binding share sale agreement (the
    "SSA"), the placement (the "Placement") — a model that later takes them for organisations is wrong."""
    ends = {m.end for m in found} | {m.end + 1 for m in found}
    return {d.group(1) for d in _DEFINITION.finditer(text) if d.start() not in ends}


def recognize(
    normalized: NormalizedText, sentences: Sequence[Sentence], nlp: Any, book: NameBook
) -> list[Mention]:
    """Two passes: find names, learn the document's own names and short names, then find every use of them."""
    tokens = {
        doc.user_data["rekg_index"]: doc.user_data["rekg_tokens"] for doc in tag_sentences(nlp, sentences)
    }
    memo: PatternMemo = {}
    english = english_names([s.text for s in sentences if is_english(s.text)])
    first = {s.index: recognize_sentence(s, tokens[s.index], book, memo, english) for s in sentences}
    for sentence, following in itertools.pairwise(sentences):
        if not first[sentence.index] and name_line_before_post(sentence.text, following.text):
            first[sentence.index] = [
                Mention(
                    sentence.start, sentence.end, sentence.text, "person", "pattern:name-line", sentence.index
                )
            ]
        title = project_title(sentence.text, following.text)
        if title is not None and not any(m.kind == "project" for m in first[sentence.index]):
            start, end = sentence.start + title[0], sentence.start + title[1]
            name = normalized.text[start:end]
            first[sentence.index] = [
                Mention(start, end, name, "project", "pattern:project-title", sentence.index)
            ]
    found = [m for s in sentences for m in first[s.index]]
    unsure = _inconsistent_tags(normalized.text, tokens.values(), found) | _defined_terms(
        normalized.text, found
    )
    if unsure:  # a word the tagger calls an organisation only now and then is a word, not a name
        first = {
            i: [m for m in ms if not (m.source in _MODELS and m.text in unsure)] for i, ms in first.items()
        }
        found = [m for s in sentences for m in first[s.index]]
    learned = NameMatcher()
    learned.update(dict.fromkeys(learn_short_names(normalized, found, book), "company"))
    # Hwang of Hwang Sung-ho, and Lerato Mahlangu wherever a post stands by the name, are people, whatever
    # a model took them for elsewhere
    # … unless a division's word names the same words a place elsewhere (the province of Lai Chau)
    divisions = {m.text for m in found if m.kind == "place" and m.source == "english-shape"}
    people = (family_names(found) | {m.text for m in found if m.kind == "person"}) - divisions
    for mention in found:
        if (
            mention.source != "gazetteer"
            and _learnable(mention)
            and (mention.kind == "person" or mention.text not in people)
            and not (mention.kind == "person" and mention.text in divisions)
        ):
            book.learn(mention.text, mention.kind)
            learned.update({mention.text: mention.kind})
    # Second pass, only where a name learned from the document occurs.
    second: list[Mention] = []
    naming = _sentences_naming(learned, normalized.text, sentences)
    for sentence in sentences:
        if sentence.index in naming:
            second.extend(recognize_sentence(sentence, tokens[sentence.index], book, memo, english))
        else:
            second.extend(first[sentence.index])
    english = english_person_names(normalized.text, sentences, second)
    by_surname = surname_mentions(normalized.text, sentences, [*second, *english])
    owners = family_name_owners([*second, *english])
    for mention in [*by_surname, *second, *english]:  # Varenne, 52, …; Mr Varenne: Hélène Varenne
        if mention.kind == "person" and mention.text in owners:
            book.short_names.setdefault(mention.text, owners[mention.text])
    spans = [(m.start, m.end) for m in by_surname]
    second = [m for m in second if not any(m.start < e and s < m.end for s, e in spans)]  # the person wins
    return second + english + by_surname


def _sentences_naming(names: NameMatcher, text: str, sentences: Sequence[Sentence]) -> set[int]:
    """The indices of the sentences in which :meth:`NameMatcher.finditer` would find one of ``names``: each
    name's every occurrence in the whole text (``str.find``, a scan in C), placed in its sentence."""
    starts = [s.start for s in sentences]
    naming: set[int] = set()
    for name in names:
        position = text.find(name)
        while position >= 0:
            index = bisect.bisect_right(starts, position) - 1
            if index >= 0 and index not in naming:
                sentence = sentences[index]
                end = position + len(name)
                if end <= sentence.end and names.finds_at(sentence.text, position - sentence.start, name):
                    naming.add(index)
            position = text.find(name, position + 1)
    return naming


def _inconsistent_tags(text: str, tagged: Iterable[Sequence[Token]], mentions: Sequence[Mention]) -> set[str]:
    """Organisation names found only by the tagger, and tagged ORG in fewer than half of their occurrences."""
    names = {m.text for m in mentions if m.source == "tagger" and m.kind in ORGANIZATION_KINDS}
    if not names:
        return set()
    tagged_org: dict[str, int] = dict.fromkeys(names, 0)
    for tokens in tagged:
        for token in tokens:
            if token.tag == "ORG" and token.text in tagged_org:
                tagged_org[token.text] += 1
    return {name for name, count in tagged_org.items() if count * 2 < text.count(name)}


def _learnable(mention: Mention) -> bool:
    if is_generic_name(mention.text) or mention.kind in {"project", "mine", "facility"}:
        return False  # sites are found again by their patterns; learnt whole they hide their operator
    if mention.kind == "person":
        return True  # accepted only with a post, a verb of speech or a name line around it
    return len(mention.text) >= 3 and (
        mention.source != "tagger" or kind_from_suffix(mention.text) is not None or mention.kind == "place"
    )
