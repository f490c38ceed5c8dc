"""Names that the suffix walks of :mod:`rekg.ingest.patterns` do not find, from what stands around them:

- a Chinese name followed by its Latin name in brackets (阿拉弗拉稀土（Arafura Rare Earths）, 莎拉·班尼特（Sarah
  Bennett）): two mentions of one thing, a company or a person by what the names say;
- a transliterated foreign name (安德鲁·麦肯齐): a person;
- a government body or one of its units by its domain and ending (经济部产业发展署, 产业发展署金属机电产业组,
  经济部统计处), which the single-character endings 部/署/厅/局/处 alone would overreach with (总部, 财务部);
- a name with its short name in brackets (工业技术研究院(工研院)): two mentions, not one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache

from rekg.ingest.lexicon import (
    STATE_WORDS,
    TRADE_NOUNS,
    curated_kind,
    is_abbreviation,
    is_generic_name,
    kind_from_suffix,
    place_names,
)
from rekg.ingest.patterns import Candidate, Token
from rekg.ingest.person_names import PERSON_TITLES
from rekg.ingest.posts import post_pattern, post_regex

_HAN = "\u4e00-\u9fff"
_LATIN_AFTER = re.compile(
    r"\s*\(\s*([A-Z][A-Za-z0-9&.,'’\- ]{1,60}?[A-Za-z0-9.)])\s*"
    r"(?:[,，;；](?!\s*(?:Ltd|Limited|Inc|Co|LLC|Pty|GmbH|AG|S\.A|plc|PLC)\b)[^()]{0,30})?\)"
)
_LATIN_ORG_WORDS = re.compile(
    r"\b(?:Ltd|Limited|Inc|Corp|Corporation|Co|Company|Group|Holdings|AG|GmbH|SA|NV|Plc|PLC|LLC|Pty|Bhd|JSC|"
    r"Earths?|Minerals?|Materials|Resources|Metals?|Mining|Chemicals?|Industries|Technologies|Magnetics|"
    r"Magnets?|Energy|Capital|Partners|Antriebe|Motors?|Electric|Steel|University|Institute|Agency|"
    r"Department|Ministry|Association|Council|Commission|Exchange|Project|Mine|Refinery|Plant|Air|Airlines?|"
    r"Airways|Bank|Survey|Party|Trust|Fund)\b"
)
#: 诺兰斯计划（Nolans Project）: a site named in two scripts is a site.
_LATIN_SITE_KINDS = {"project": "project", "mine": "mine", "deposit": "mine", "plant": "facility",
                     "refinery": "facility", "facility": "facility", "mill": "facility"}  # fmt: skip
_PERSON_LATIN = re.compile(
    r"^(?:[A-Z][a-z]*['’]?[A-Z]?[a-z]+(?:[- ][A-Z][a-z]*['’]?[A-Z]?[a-z]+(?:-[a-z]{2,5})?){1,3})$"
)  # Tom O'Leary, Park Min-ho
#: What a person is, written before the name with no post (地质学家拉森, 议员奥尔森, 矿业富豪莱因哈特).
_PROFESSION = re.compile(
    rf"(?:{PERSON_TITLES}|学家|专家|议员|富豪|工程师|技师|顾问|作家|学者|官员|村民|居民|渔民|牧民|老人|创办人|创始人|籍)"
)
_NAME_TOKEN_TAGS = {"nz", "nr", "x", "ORG", "PER", "n", "j", "nw", "ns", "LOC"}
#: Words that describe and do not name: the walk back from a bracket stops at them.
_DESCRIPTION_HEADS = re.compile(
    rf"(?:{TRADE_NOUNS}|磁材商|稀土商|运营商|企业|公司|集团|业者|同业|电驱|车企|钢厂|银行|券商|投行|研究机构|机构|政府|"
    r"部门|伙伴|客户|股东|对手|买方|卖方|商)$"
)
_TRANSLITERATED = re.compile(rf"[{_HAN}]{{1,4}}(?:·[{_HAN}]{{1,8}}){{1,2}}(?![{_HAN}·])")
_DOMAIN = (
    "工业和信息化|原材料工业|工业|信息化|经济产业|经济|产业发展|产业科技|商务|财政|自然资源|国土资源|生态环境|"
    "环境保护|环保|能源|国防|外交|内政|交通运输|交通|科技|科学技术|教育|农业|水利|海关|税务|统计|矿业权管理|"
    "矿业|矿产|地质|发展和改革|发展改革|市场监督管理|市场监管|应急管理|住房和城乡建设|贸易|投资|工商|中小企业|"
    "知识产权|国有资产监督管理|审计|外贸|创新科技|金属机电|电子资讯|化学|民生|能源资源|标准|环境|国际贸易|"
    "关务|贸易和工业|工贸|采矿|稀土|发展改革|生态环境|自然资源"
)
_GOVERNMENT_UNIT = re.compile(
    rf"(?:(?:(?<![{_HAN}])|(?<=[和与及、对由经]))(?:省|市|县|区|州)|[{_HAN}]{{0,4}}(?:部|署|局|厅))?(?:{_DOMAIN})+(?:管理)?"
    rf"(?:部|署|局|厅|处|司|组|办公室|委员会|委)(?:[{_HAN}]{{2,8}}?(?:处|司|科|办公室))?(?!(?:长|官|员))(?!(?![部署局厅处司科])[{_HAN}](?:长|官|员))"
)
#: A province's or a city's own bodies named by their level alone in its notices (省政府, 市委, 省法院).
_LOCAL_BODY = re.compile(
    rf"(?:(?<![{_HAN}])|(?<=[和与及、对由经]))(?:省|市|县|区|州)(?:人民政府|政府|委|人大常委会|人大|政协|法院|检察院|高级人民法院|人民检察院)"
    rf"(?:办公厅|办公室)?(?![{_HAN}]?(?:长|官|员|书记))"
)
_NOT_GOVERNMENT = re.compile(r"^(?:总部|本部|全部|内部|外部|局部|北部|南部|东部|西部|中部|干部|大部|稀土部)$")


_SITE_END = re.compile(r"(?:矿|矿山|矿区|厂|工厂|项目|计划|计画)$")
_SITE_END_KINDS = {
    "矿": "mine",
    "山": "mine",
    "区": "mine",
    "厂": "facility",
    "目": "project",
    "划": "project",
    "画": "project",
}


def bracketed_latin_names(text: str, tokens: Sequence[Token]) -> Iterator[Candidate]:
    """A Chinese name right before a Latin one in brackets: both are names of one thing."""
    if "(" not in text:
        return
    ends = {t.end: i for i, t in enumerate(tokens)}
    for match in _LATIN_AFTER.finditer(text):
        index = ends.get(match.start())
        if index is None:
            continue
        latin = match.group(1).strip()
        conjoined = (
            re.search(r" and |&", latin) is not None
        )  # Hong Kong Rare Earth and Magnetic Materials Chamber
        start = _walk_back(tokens, index, strong=bool(_LEGAL_LATIN.search(latin)), conjoined=conjoined)
        described = _after_describer(tokens, index) if len(latin.split()) >= 2 else None
        if described is not None and (start is None or described[0] < start):
            start = described[
                0
            ]  # 研究机构|关键矿物洞察(Critical Minerals Insight): the words after the describer
        if start is None:
            continue
        start += _country_before(text[start : match.start()], latin)
        chinese = text[start : match.start()]
        person = "·" in chinese or (
            _PERSON_LATIN.match(latin) is not None
            and not _LATIN_ORG_WORDS.search(latin)
            # 车用零件大厂|现代摩比斯 (Hyundai Mobis): described as a firm — not 该公司总经理|阮文雄 (Nguyen Van Hung)
            and (described is None or post_regex().search(text, described[0], match.start()) is not None)
        )
        if not person and not _LATIN_ORG_WORDS.search(latin) and len(latin.split()) < 2:
            continue  # one Latin word (a brand, a code): not enough to tell what it names
        if person and "·" not in chinese:
            posts = [*post_regex().finditer(chinese), *_PROFESSION.finditer(chinese)]
            last = max((p.end() for p in posts), default=0)
            if (
                last and len(chinese) - last >= 2
            ):  # …合作社主席|拉克托 (Joseph Rakoto), 地质学家|拉森 (Einar Larsen)
                start += last
                chinese = text[start : match.start()]
        kind = "person" if person else _LATIN_SITE_KINDS.get(latin.split()[-1].lower(), "company")
        if kind == "company" and described is not None and start == described[0] and "研究" in described[1]:
            kind = "institute"  # a research body described as one
        ending = _SITE_END.search(chinese)
        if "·" not in chinese and (
            ending or kind_from_suffix(chinese)
        ):  # 斯特兰奇湖稀土矿(Strange Lake): a mine
            kind = kind_from_suffix(chinese) or _SITE_END_KINDS[ending.group()[-1]]
        yield Candidate(start, match.start(), kind, "pattern:latin-pair", 3)
        yield Candidate(match.start(1), match.start(1) + len(latin), kind, "pattern:latin-pair", 3)


_DESCRIBED_LATIN = re.compile(
    r"(?:开发商|生产商|供应商|制造商|厂商|矿商|矿企|勘探商|分离商|冶炼商|贸易商|运营商|磁材厂|大厂|龙头|巨头|"
    r"(?P<research>研究机构|研究所|研究院|研究中心))"
    r"(?P<name>[A-Z][A-Za-z0-9&.\-]{2,}(?: [A-Z][A-Za-z0-9&.\-]+){0,3})(?![A-Za-z0-9]|,?\s*(?:Inc|Ltd|LLC|Corp|Co)\b)"
)


def described_latin_names(text: str) -> Iterator[Candidate]:
    """南非国营矿物技术研究机构Mintex, 挪威分离商Norsep: a Latin name right after the Chinese words that say what it
    is — an organisation (an institute after a research body)."""
    if not re.search(r"[A-Z]", text):
        return
    for match in _DESCRIBED_LATIN.finditer(text):
        if match.group("name").isupper() and re.match(rf"[{_HAN}]", text[match.end() : match.end() + 1]):
            continue  # 供应商ESG评级平台: an acronym that qualifies the words after it
        kind = "institute" if match.group("research") else "company"
        yield Candidate(match.start("name"), match.end("name"), kind, "pattern:described-latin", 3)


def _country_before(chinese: str, latin: str) -> int:
    """How many characters of a Chinese name are the country it is written after (韩国|浦项控股 (POSCO
    Holdings)): none when the Latin name carries the country too (韩国电力公司 (Korea Electric Power))."""
    from rekg.graph.places import place_english
    from rekg.ingest.spans import countries

    country = max((c for c in countries() if chinese.startswith(c)), key=len, default="")
    if not country or len(chinese) - len(country) < 2:
        return 0
    if chinese.startswith(STATE_WORDS, len(country)):
        return 0  # 越南国家煤炭矿产工业集团 (Vinacomin): a state body's name holds its country
    words = [
        w for w in re.findall(r"[A-Za-z]{4,}", place_english().get(country, "")) if w not in _COUNTRY_WORDS
    ]
    if any(re.search(rf"\b{w[:4]}", latin) for w in words) or re.search(r"\b(?:US|USA|UK|America)\b", latin):
        return 0
    return len(country)


_COUNTRY_WORDS = frozenset(
    {"Republic", "Democratic", "People", "Islands", "United", "States", "Kingdom", "South"}
)


def _after_describer(tokens: Sequence[Token], index: int) -> tuple[int, str] | None:
    """Where a name begins right after the word that describes it (研究机构 关键/矿物/洞察 → 关键矿物洞察), when
    the words between are Chinese words of any kind but particles, punctuation or pronouns — with the describing
    word; None without one."""
    for position in range(index - 1, max(-1, index - 5), -1):
        token = tokens[position]
        if _DESCRIPTION_HEADS.search(token.text) and token.tag not in {"ORG", "PER"}:
            words = "".join(t.text for t in tokens[max(0, position - 1) : position + 1])  # 研究|机构
            return (tokens[position + 1].start, words) if position < index else None
        if not re.fullmatch(rf"[{_HAN}]+", token.text) or token.tag in {"u", "p", "c", "w", "r", "m", "q"}:
            return None
    return None


def _walk_back(
    tokens: Sequence[Token], index: int, *, strong: bool = False, conjoined: bool = False
) -> int | None:
    """The start of the name that ends with token ``index``: a dotted foreign name is that word alone;
    else name-like words back, at most four, not past a place, a particle, a verb or a word that describes
    (稀土开发商阿拉弗拉稀土 → 阿拉弗拉稀土; 信/越/化学, as the segmenter cut 信越化学, → 信越化学). ``strong``
    (the Latin name has a legal form, GmbH, Ltd): a verb-like word may be part of the name too (博登塞驱动).
    ``conjoined`` (the Latin name joins words with "and"): 及 joins the Chinese name's too, and the name may begin
    with its place (香港稀土及磁性材料商会)."""
    if "·" in tokens[index].text:
        return tokens[index].start
    if (
        index > 0
        and tokens[index].tag == "ORG"
        and tokens[index - 1].tag in _CLAUSE_TAGS
        and kind_from_suffix(tokens[index].text)
    ):
        return tokens[index].start  # 改为优先供应|霹雳稀土精炼私人有限公司: a whole name after a verb
    start = None
    for position in range(index, max(-1, index - (8 if conjoined else 4)), -1):
        token = tokens[position]
        if conjoined and token.text in {"及", "与", "和"} and start is not None and position > 0:
            start = token.start
            continue
        single = (
            (len(token.text) == 1 or strong)
            and token.tag not in (_WEAK_STOPS if strong else _STOP_TAGS)
            and token.text not in _NEVER_IN_A_NAME
        )
        named = token.tag in _NAME_TOKEN_TAGS and not _DESCRIPTION_HEADS.search(token.text)
        if not re.match(rf"[{_HAN}]", token.text) or not (named or single):
            break
        if start is not None and token.end != start:
            break
        if token.text in place_names() and position < index and not conjoined:
            break  # 澳洲 + 阿拉弗拉稀土: the place is not part of the name
        start = token.start
    return start


_STOP_TAGS = {"u", "p", "c", "w", "v", "m", "q", "r", "PER", "TIME"}
_CLAUSE_TAGS = {"v", "vd", "vn", "p", "c", "d", "u", "r"}
_WEAK_STOPS = {"u", "p", "c", "w", "m", "q", "r", "TIME"}
#: Words that link a clause to a name and never open one (是|三井物产 (Mitsui & Co.)).
_NEVER_IN_A_NAME = frozenset("是为係乃即由被将把向对在与和及从让使给据经称系")
_LEGAL_LATIN = re.compile(
    r"\b(?:Ltd|Limited|Inc|Corp|Corporation|Co|GmbH|AG|SA|NV|Plc|PLC|LLC|Pty|Bhd|JSC|KK|OÜ|Oy|AB|S\.A\.)(?!\w)"
)


_SAID = re.compile(
    r"·[\u4e00-\u9fff]+?(认为|表示|指出|说道|强调|透露|坦言|直言|介绍|补充|回应|解释|提到|告诉|说明|回忆|承认|称|说)$"
)


def transliterated_people(text: str, tokens: Sequence[Token]) -> Iterator[Candidate]:
    """安德鲁·麦肯齐, 弗洛里安·克勒默: a name written in Chinese with the dot between its parts — the word the
    segmenter made of it, else the dotted run (its first part at most four characters)."""
    if "·" not in text:
        return
    worded = [t for t in tokens if re.fullmatch(rf"[{_HAN}]+(?:·[{_HAN}]+)+", t.text)]
    spans = [(t.start, t.end) for t in worded] or [m.span() for m in _TRANSLITERATED.finditer(text)]
    places = {t.text for t in tokens if t.tag == "LOC"} | place_names()
    for start, end in map(
        lambda span: _after_post(text, *_hyphenated(text, *_lost_first(text, *span))), spans
    ):
        if said := _SAID.search(text[start:end]):  # 哈利玛·姆万吉认为: the segmenter took the verb in
            end -= len(said.group(1))
        parts = text[start:end].split("·")
        if parts[0] in places:
            continue  # 中国·四川: two places, not a name
        if any(_NOT_A_NAME_PART.search(part) for part in parts):
            continue  # 有色金属·稀土: a sector and its branch in a report's header
        yield Candidate(start, end, "person", "pattern:transliterated", 3)


#: Words no transliterated name holds: a sector, a product, a kind of document.
_NOT_A_NAME_PART = re.compile(
    r"稀土|金属|有色|行业|产业|材料|矿业|能源|化工|钢铁|电池|磁材|月报|周报|年报|报告|研究|市场"
)
_HYPHENATED_FIRST = re.compile(rf"(?<![{_HAN}])[{_HAN}]{{1,3}}-$|[{_HAN}]{{2}}-$")


def _lost_first(text: str, start: int, end: int) -> tuple[int, int]:
    """首席执行官|法|伊萨尔·奥泰比, 汉斯-|约|阿希姆·费舍尔: the segmenter left the name's first character out — a
    character after a post or after a hyphenated first name's hyphen, before a first part of at most three."""
    first = text[start:end].split("·")[0]
    if start < 2 or len(first) > 3 or not re.fullmatch(f"[{_HAN}]", text[start - 1]):
        return start, end
    after_post = re.search(f"(?:{post_pattern()})$", text[max(0, start - 8) : start - 1]) is not None
    return (start - 1, end) if after_post or text[start - 2] == "-" else (start, end)


def _hyphenated(text: str, start: int, end: int) -> tuple[int, int]:
    """玛丽-艾莲·加侬, 让-保罗·杜邦: a first name of two parts, joined by a hyphen, is part of the name."""
    if start > 1 and text[start - 1] == "-" and (first := _HYPHENATED_FIRST.search(text, 0, start)):
        return first.start(), end
    return start, end


def _after_post(text: str, start: int, end: int) -> tuple[int, int]:
    """执行长安德里·拉扎菲 → 安德里·拉扎菲: the name starts after a post whose last characters it took in."""
    for taken in (1, 2):
        if (
            re.search(f"(?:{post_pattern()})$", text[max(0, start - 6) : start + taken])
            and "·" in text[start + taken : end]
        ):
            return start + taken, end
    return start, end


def government_units(text: str) -> Iterator[Candidate]:
    """经济部产业发展署, 经济部统计处, 产发署金属机电产业组: a government body or unit by its domain and ending;
    巴西矿产能源部, 老挝能源与矿产部: a foreign ministry or agency, its country's name first."""
    for match in _GOVERNMENT_UNIT.finditer(text):
        if len(match.group()) >= 3 and not _NOT_GOVERNMENT.match(match.group()):
            yield Candidate(match.start(), match.end(), "government", "pattern:government-unit", 2)
    for match in _LOCAL_BODY.finditer(text):
        yield Candidate(match.start(), match.end(), "government", "pattern:government-unit", 2)
    for country in _countries().finditer(text):
        body = _FOREIGN_BODY.match(text, country.end())
        if body is not None and not _CLAUSE_WORDS.search(body.group()):  # 加拿大自然资源部: the country named
            yield Candidate(country.start(), body.end(), "government", "pattern:foreign-government", 3)


_FOREIGN_BODY = re.compile(
    rf"(?![与和及的在东南西北中则也还将已正对向从为是])(?:联邦|国家)?[{_HAN}]{{2,8}}?(?:与|和)?[{_HAN}]{{0,6}}?"
    rf"(?:部|局|署|委员会|秘书处|理事会|调查局|管理局|总局)(?![长官员件分门])"
)


#: Words of a clause, not of a name: the match ran past the name's start (秘鲁矿业积极落实…部).
_CLAUSE_WORDS = re.compile(
    r"积极|落实|推进|通过|加强|开展|支持|发布|表示|认为|宣布|成立|签署|设立|投资|合作|公司|集团|企业|是|为|一家|总部$"
)


@cache
def _countries() -> re.Pattern[str]:
    """The names of countries, longest first, as one pattern."""
    from rekg.graph.places import places

    names = {n for place in places() if place.level == "country" for n in (place.name, *place.aliases) if n}
    chinese = sorted((n for n in names if re.fullmatch(f"[{_HAN}]+", n)), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, chinese)))


def split_short_in_brackets(candidate: Candidate, text: str) -> list[Candidate]:
    """工业技术研究院(工研院): a name and its short name, two mentions; any other candidate as it is."""
    name = text[candidate.start : candidate.end]
    match = re.fullmatch(r"(.{2,}?)\(([^()]{2,10})\)", name)
    if match is None:
        return [candidate]
    inner_start = candidate.start + match.start(2)
    if curated_kind(match.group(2)) == "place":
        # 钢铁研究总院(中国): a name and the country it is in
        outer = Candidate(
            candidate.start,
            candidate.start + len(match.group(1)),
            candidate.kind,
            candidate.source,
            candidate.priority,
        )
        return [
            outer,
            Candidate(inner_start, inner_start + len(match.group(2)), "place", candidate.source, 1),
        ]
    if not is_abbreviation(match.group(2), match.group(1)):
        return [candidate]
    return [
        Candidate(
            candidate.start,
            candidate.start + len(match.group(1)),
            candidate.kind,
            candidate.source,
            candidate.priority,
        ),
        Candidate(
            inner_start,
            inner_start + len(match.group(2)),
            candidate.kind,
            candidate.source,
            candidate.priority,
        ),
    ]


_LISTED_AS = re.compile(
    r"(?:公司简称|证券简称|股票简称|股份简称|A股简称|H股简称)\s*[:：]\s*([\u4e00-\u9fffA-Za-z]{2,10})"
)


def listed_short_names(text: str) -> Iterator[Candidate]:
    """证券简称：中国稀土, 公司簡稱：中鋼: the name a listed company trades under, in an announcement's header."""
    for match in _LISTED_AS.finditer(text):
        yield Candidate(match.start(1), match.end(1), "company", "pattern:listed-as", 3)


_AFTER_CHILD = re.compile(
    r"(?:子公司|附属公司|孙公司)([\u4e00-\u9fff]{2,6}?)"
    r"(?=在|与|于|将|已|正|也|还|拟|和|为|是|的|[，,。；;]|负责|投资|持有|运营|主要|成立|建设|收购|通过|计划)"
)


_NOT_A_CHILD_NAME = re.compile(
    r"股权|股份|股东|公司|企业|项目|业务|资产|名单|数量|情况|合计|共计|均|各|分别|^[及和与等的]"
)


def names_after_child(text: str) -> Iterator[Candidate]:
    """宁德时代旗下子公司邦普循环在印尼…: the words right after 子公司 and before the verb are the unit's name."""
    for match in _AFTER_CHILD.finditer(text):
        name = match.group(1)
        if is_generic_name(name) or _NOT_A_CHILD_NAME.search(name) or name in place_names():
            continue
        yield Candidate(match.start(1), match.end(1), kind_from_suffix(name) or "company", "pattern:child", 1)


#: What a Chinese name is written after when it is the name of what the words say (加拿大投资机构|北极星资源资本,
#: 日本专门商社|北辰商事), and the words its name ends with.
_DESCRIBED_HAN = re.compile(
    r"(?:投资机构|投资公司|私募基金|主权基金|综合商社|专门商社|开发商|生产商|制造商|供应商|矿企|矿商|勘探商|分离商|"
    r"冶炼商|贸易商|磁材厂|磁材商|家族企业|财团)"
    r"(?P<name>[\u4e00-\u9fff]{2,8}?(?:资本|基金|投资|控股|资源|矿业|稀土|材料|新材|科技|能源|实业|商事|商社|物产|化学|"
    r"化工|工业|金属|磁材|磁业|集团|公司))"
    r"(?=在|与|于|将|已|正|也|还|拟|和|为|是|的|及|则|同|[(，,。；;、]|负责|投资|持有|持股|入股|认购|运营|主要|成立|"
    r"建设|收购|通过|计划|签署|签订|宣布|表示)"
)
_NOT_A_DESCRIBED_NAME = re.compile(r"[的之]|^[及和与在将为是由从对向该其此本各等一]")


def described_han_names(text: str) -> Iterator[Candidate]:
    """加拿大投资机构北极星资源资本持有…: the words after what describes an organisation, up to a verb or a
    particle, are its name when they end like one."""
    for match in _DESCRIBED_HAN.finditer(text):
        name = match.group("name")
        if _NOT_A_DESCRIBED_NAME.search(name) or is_generic_name(name) or name in place_names():
            continue
        yield Candidate(
            match.start("name"),
            match.end("name"),
            kind_from_suffix(name) or "company",
            "pattern:described",
            2,
        )
