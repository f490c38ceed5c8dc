"""Candidate spans, judged and cut: overlaps resolved longest first, spans that only look like names
dropped, places and operators split off the front of names (四川省冕宁县方兴稀土有限公司, 包头铝业华云电解三期项目).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from operator import itemgetter

from rekg.graph.places import places
from rekg.ingest.lexicon import (
    STATE_WORDS,
    TRADE_NOUNS,
    NameBook,
    curated_entities,
    kind_from_suffix,
    name_head,
    place_names,
    reads_as_common_words,
)
from rekg.ingest.patterns import Candidate, Token, organisation_head
from rekg.ingest.posts import post_pattern
from rekg.ingest.site_patterns import after_leading_verbs, has_proper_part
from rekg.ontology import ORGANIZATION_KINDS

_CAMPUS = re.compile(r"\([\u4e00-\u9fff]{2,4}\)")


def without_post(candidate: Candidate, text: str) -> Candidate:
    """总经理阮文雄 → 阮文雄: a person's name starts after the post a tagger read with it."""
    if candidate.kind != "person":
        return candidate
    post = re.match(f"(?:{post_pattern()})", text[candidate.start : candidate.end])
    end = candidate.start + post.end() if post is not None else None
    window = max(0, candidate.start - 6)  # 执行|长布雷维克: a post that began before the span ends inside it
    for across in re.finditer(f"(?:{post_pattern()})", text[window : candidate.end]):
        if window + across.start() < candidate.start < window + across.end():
            end = window + across.end()
    if end is None or candidate.end - end < 2:
        return candidate
    return Candidate(end, candidate.end, "person", candidate.source, candidate.priority)


#: The kind a Chinese site's name gives by its last character: 厂 a plant, 矿 a mine, 项目 and 计划 a project.
SITE_ENDING_KINDS = {"厂": "facility", "矿": "mine", "目": "project", "划": "project"}


def cut_at_slash(candidate: Candidate, text: str) -> list[Candidate]:
    """川圹离子黏土项目/寮中稀土开发有限公司, 韦尔德山矿|关丹先进材料厂: a name ends at a slash or a bar between
    Chinese words (the next cell of a table); the cells before and after it are names of their own where their
    endings say what they are."""
    name = text[candidate.start : candidate.end]
    cuts = list(re.finditer(r"(?<=[\u4e00-\u9fff)])[/／|｜](?=[\u4e00-\u9fff])", name))
    if not cuts:
        return [candidate]
    first, last = name[: cuts[0].start()], name[cuts[-1].end() :]
    kind = kind_from_suffix(first) or SITE_ENDING_KINDS.get(first[-1:], candidate.kind)
    pieces = [
        Candidate(candidate.start, candidate.start + len(first), kind, candidate.source, candidate.priority)
    ]
    if any(cut.group() in "|｜" for cut in cuts):  # 韦尔德山矿|关丹先进材料厂: cells of a table row
        return _cells(candidate, name, cuts)
    if kind_from_suffix(last) is not None:  # the walk from 公司 took in the cell before
        start = candidate.start + cuts[-1].end()
        pieces.append(Candidate(start, candidate.end, candidate.kind, candidate.source, candidate.priority))
    return pieces


def _cells(candidate: Candidate, name: str, cuts: list[re.Match[str]]) -> list[Candidate]:
    """The cells of a table row a name ran across: each that its ending says is a name (the last keeps the
    name's kind)."""
    bounds = [0, *(c for cut in cuts for c in (cut.start(), cut.end())), len(name)]
    pieces = []
    for index in range(0, len(bounds), 2):
        begin, end = bounds[index], bounds[index + 1]
        cell = name[begin:end]
        kind = kind_from_suffix(cell) or SITE_ENDING_KINDS.get(cell[-1:])
        kind = kind or (candidate.kind if end == len(name) else None)
        if kind is not None and len(cell) >= 2:
            start = candidate.start + begin
            pieces.append(Candidate(start, start + len(cell), kind, candidate.source, candidate.priority))
    return pieces


def with_campus(candidate: Candidate, text: str) -> Candidate:
    """中国石油大学(华东): a university's campus in brackets belongs to its name; so does the legal form
    财团法人/社团法人 before a Taiwanese foundation's name (财团法人工业技术研究院)."""
    if text.startswith("法人", candidate.start) and text[max(0, candidate.start - 2) : candidate.start] in {
        "财团",
        "社团",
    }:
        candidate = Candidate(
            candidate.start - 2, candidate.end, candidate.kind, candidate.source, candidate.priority
        )
    if candidate.kind in {"university", "institute"}:
        campus = _CAMPUS.match(text, candidate.end)
        if campus:
            return Candidate(
                candidate.start, campus.end(), candidate.kind, candidate.source, candidate.priority
            )
    return candidate


def resolve(found: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping spans, longest first, then by priority; a span that cuts through a known name
    (one that starts inside it and ends outside, or the reverse) is dropped."""
    found = list(found)
    if len(found) < 2:  # one span overlaps nothing, and crosses no known name but itself
        return found
    known = [c for c in found if c.priority >= 4]
    chosen: list[Candidate] = []
    for candidate in sorted(found, key=_longest_first):
        start, end = candidate.start, candidate.end
        for other in chosen:
            if start < other.end and other.start < end:
                break  # overlaps a span already chosen
        else:
            if known and candidate.priority < 4 and any(_crosses(candidate, k) for k in known):
                continue
            chosen.append(candidate)
    chosen.sort(key=_START)
    return chosen


def _longest_first(candidate: Candidate) -> tuple[int, int, int]:
    """The order spans are chosen in: longest first, then by priority, then leftmost."""
    return candidate.start - candidate.end, -candidate.priority, candidate.start


_START = itemgetter(0)  # a candidate's start


def _crosses(a: Candidate, b: Candidate) -> bool:
    """Whether the spans overlap without one containing the other."""
    overlap = a.start < b.end and b.start < a.end
    nested = (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)
    return overlap and not nested


_NATIONAL = {"中国", "中华人民共和国", "全国", "国家", "中央"}
_NOT_A_PLACE_HEAD = frozenset({"城", "都", "县", "市", "地", "社", "小", "山", "城区", "市区", "辖"})
_PLACE_PREFIX = re.compile(
    r"^((?:(?!稀土|公司|集团|铝业|有色)[\u4e00-\u9fff]){1,5}?(?:省|自治区|市|自治州|州|地区|盟|县|区|旗|乡|镇))"
)


_INDUSTRY_END = re.compile(r"(?:稀土|资源|矿业|金属|材料|科技|能源|磁材|实业|控股|投资|矿产|新材料)+$")
_ADMINISTRATIVE_END = re.compile(r"(?:省|市|县|区|自治州|旗|盟)$")


def split_place_prefix(candidate: Candidate, text: str, book: NameBook) -> list[Candidate]:
    """四川省冕宁县方兴稀土有限公司 → 四川省 · 冕宁县 · 方兴稀土有限公司 (places before an organisation)."""
    parts: list[Candidate] = []
    begin = candidate.start
    if candidate.source == "gazetteer" or text[begin : candidate.end] in book.matcher:
        return [candidate]
    if candidate.kind in {"university", "institute"}:  # 塔林科技大学, 北京大学: a city is part of the name
        return _country_off(candidate, text, book)
    if candidate.kind == "government":
        return [candidate]  # 郴州市自然资源和规划局, 台湾高雄地方法院: the place it governs names it
    while True:
        rest = text[begin : candidate.end]
        known = [(len(n), k) for s, e, n, k in book.matcher.finditer(rest) if s == 0 and k == "place"]
        if known:  # a known place comes before a place the pattern reads
            length = max(known)[0]
        else:
            match = _PLACE_PREFIX.match(rest)
            if match and (match.group()[:-1] in _NOT_A_PLACE_HEAD or reads_as_common_words(match.group())):
                match = None  # 城市投资…: a word ending in 市, not a city
            length = match.end() if match else 0
        remainder = rest[length:]
        if not length or len(remainder) < 4 or rest[:length] in _NATIONAL:
            break
        if remainder.startswith(STATE_WORDS) and rest[:length] in countries():
            break  # 越南国家煤炭矿产工业集团: a state body's name holds its country
        if len(_INDUSTRY_END.sub("", name_head(remainder))) < 2:
            break  # 阿克拉|拉资源公司: what would be left has no name of its own (Aclara, not Accra)
        if candidate.kind not in {"mine", "facility", "project"} and kind_from_suffix(remainder) is None:
            break
        if candidate.kind in ORGANIZATION_KINDS and _NAMED_AFTER_PLACE.match(remainder):
            break  # 五通桥区国有资产经营有限公司, 某市城市投资…: named after the place, nothing without it
        if (
            candidate.kind in {"mine", "facility", "project"}
            and rest[:length] not in countries()
            and not parts
        ):
            # 贺州花山稀土矿 is a name; 秘鲁 before 特罗莫克铜矿, or 内蒙古包头市 before 白云鄂博矿区, is where it is
            following = _PLACE_PREFIX.match(rest[length:])
            known_next = any(s == 0 and k == "place" for s, _, _, k in book.matcher.finditer(rest[length:]))
            administrative = candidate.kind != "project" and _ADMINISTRATIVE_END.search(rest[:length])
            if not (following or known_next or administrative):
                break
        parts.append(Candidate(begin, begin + length, "place", "pattern:place-prefix", candidate.priority))
        begin += length
    if not parts:
        return [candidate]
    prefix = text[parts[0].start : parts[0].end]
    country_before_site = candidate.kind in {"mine", "facility", "project"} and (
        prefix in countries()
        or (candidate.kind != "project" and _ADMINISTRATIVE_END.search(prefix) is not None)
    )  # 秘鲁 before 特罗莫克铜矿, 洛南县 before 石门沟稀土矿: where it is; 贺州花山稀土矿 is a name
    # 日本|丰田通商株式会社, 德国|亚琛工业大学: a country the writer put before a foreign name (越南国家煤炭…,
    # 老挝丰沙里稀土矿业有限公司 keep theirs: a state's or a local registration's name)
    rest = text[begin : candidate.end]
    foreign = (
        candidate.kind in ORGANIZATION_KINDS
        and prefix in countries()
        and (
            rest.endswith(_FOREIGN_FORMS)
            or rest in book.matcher
            or (  # 智利|阿克拉拉资源公司(Aclara Resources): a company; 格陵兰矿产许可与安全局(…) keeps its territory
                candidate.kind in {"company", "group"}
                and re.match(r"\s*\(\s*[A-Z]", text[candidate.end :]) is not None
            )
        )
        and not rest.startswith(STATE_WORDS)
    )
    if len(parts) < 2 and not country_before_site and not foreign:
        return [candidate]  # 湖南省稀土产业集团有限公司 is a legal name; 四川省冕宁县方兴… is an address
    if text[begin] in "之的" and candidate.end - begin > 4:
        begin += 1  # 玉溪市易门县之|易门稀土分离厂: the particle that joined the places to the name
    return [*parts, Candidate(begin, candidate.end, candidate.kind, candidate.source, candidate.priority)]


@cache
def countries() -> frozenset[str]:
    """Countries: curated places with no province, city or county ending, and the lexicon's countries."""
    curated = (
        name
        for entity in curated_entities()
        if entity.kind == "place" and not re.search(r"[省市县州区]$|地区$|特别行政区$", entity.name)
        for name in entity.names
    )
    listed = (name for place in places() if place.level == "country" for name in place.names)
    return frozenset(name for name in (*curated, *listed) if name not in _NATIONAL)


_GOVERNMENT_HEAD = re.compile(
    r"国家|国务院|中华人民共和国|中共|中央|全国|省|市|县|州|自治|政府|人大|政协|国会|议会|总局|部委"
)


_NAMED_AFTER_PLACE = re.compile(
    r"国有资产|国资|国有资本|城市投资|城投|城建|城市建设|交通投资|发展投资|产业投资|财政|人民政府|公共资源|投资控股"
)
_FOREIGN_FORMS = ("株式会社", "大学", "研究所", "研究院")
_MINISTRY_BEFORE = re.compile(r"[\u4e00-\u9fff]{2,}(?:部|署)")
#: Ministries named by their domain alone (in Taiwan and the mainland); 投资部, 贸易部 are departments of firms.
_MINISTRIES = frozenset(
    [
        "经济部",
        "外交部",
        "内政部",
        "财政部",
        "国防部",
        "教育部",
        "交通部",
        "商务部",
        "科技部",
        "农业部",
        "司法部",
        "环境部",
        "劳动部",
        "文化部",
        "卫生部",
        "数位发展部",
        "国家发展委员会",
        "金融监督管理委员会",
    ]
)
_SITE_SUFFIX = re.compile(r"(?:稀土矿山|稀土矿区|稀土矿|矿山|矿区|矿|分离厂|冶炼厂|工厂|基地|项目|工程)$")


_TICKER_AFTER = re.compile(r"\s*[:：]\s*[A-Z0-9][A-Z0-9.]{0,7}(?![\w.])")
_TICKER_BEFORE = re.compile(r"[(（;；,，]\s*$")  # (ASX: HLC), not ASX ANNOUNCEMENT heading a page


#: A street and its number in a Chinese address (塔城街13号, 中山路二段): no place the graph keeps.
STREET_NUMBER = re.compile(r"(?:街|路|大道|巷|弄)(?:\d+|[一二三四五六七八九十百]+)(?:段|号|號|之\d+)?")


def plausible(candidate: Candidate, text: str, book: NameBook) -> bool:
    """Drops what only looks like a name: internal departments (宣传部, 专门委员会), unbalanced brackets, and
    sites named only by a country or province (巴西矿区 is Brazil's mining areas)."""
    name = text[candidate.start : candidate.end]
    if candidate.kind == "place" and (
        re.search(f"(?:{STREET_NUMBER.pattern})$", name) or re.search(r"\d+(?:号|號|楼|樓)$", name)
    ):
        return False  # 塔城街13号: an address, not a place the graph keeps
    if candidate.kind in {"mine", "facility", "project"}:
        head = _SITE_SUFFIX.sub("", name)
        if (
            head
            and (head in countries() or re.search(r"(?:省|自治区|州)$", head))
            and book.matcher.kind(head) == "place"
        ):
            return False
    if name.count("(") != name.count(")") and candidate.source != "pattern:truncated-organisation":
        return False
    if (
        candidate.kind in ORGANIZATION_KINDS
        and _TICKER_AFTER.match(text, candidate.end)
        and _TICKER_BEFORE.search(text, 0, candidate.start)
    ):
        return False  # (ASX: HLC), (NYSE American: UUUU): the exchange of a ticker, not a name the text speaks of
    if (
        candidate.kind in ORGANIZATION_KINDS
        and ("等" in name or "、" in name)
        and candidate.source != "gazetteer"
    ):
        return False  # 云铝股份等下属公司: a list, not a name
    english = candidate.source.startswith("english")  # Department of …, the Australian Government
    if (
        candidate.kind == "government"
        and candidate.source != "gazetteer"
        and not english
        and name not in book.matcher
    ):
        starts_with_place = any(s == 0 and k == "place" for s, _, _, k in book.matcher.finditer(name))
        agency = name.endswith(("署", "总局", "管理局")) and len(name) >= 5  # 环境保护署, 海关总署
        # 经济部工业局, 产发署金属机电产业组: a unit of a ministry or agency; 经济部, 财政部: a ministry
        unit = candidate.source in {"pattern:foreign-government", "pattern:unit"} or (
            candidate.source == "pattern:government-unit"
            and (_MINISTRY_BEFORE.search(name[:-1]) is not None or name in _MINISTRIES)
        )
        return (
            bool(_GOVERNMENT_HEAD.search(name[:-1]))
            or (starts_with_place and len(name) > 3)
            or _LOCAL_GOVERNMENT.fullmatch(name) is not None
            or agency
            or unit
        )
    return True


#: A local government by its division's name, even one the lexicon lacks (渌口区人民政府, 竹山县人民政府).
_LOCAL_GOVERNMENT = re.compile(r"[\u4e00-\u9fff]{2,6}(?:省|市|县|区|州|旗|盟|镇|乡)人民政府")


def _country_off(candidate: Candidate, text: str, book: NameBook) -> list[Candidate]:
    """爱沙尼亚|塔林科技大学: only a country the writer put before a foreign institution is a place apart."""
    for _, end, name, kind in book.matcher.finditer(text[candidate.start : candidate.end]):
        if (
            kind == "place"
            and name in countries()
            and name not in _NATIONAL
            and text.startswith(name, candidate.start)
        ):
            cut = candidate.start + end
            rest = text[cut : candidate.end]
            generic = reads_as_common_words(name_head(rest))
            if candidate.end - cut >= 4 and not text.startswith(STATE_WORDS, cut) and not generic:
                # 法国国家科学研究中心 keeps its country, and so does 马来西亚|理科大学 (science university)
                return [
                    Candidate(candidate.start, cut, "place", "pattern:place-prefix", candidate.priority),
                    Candidate(cut, candidate.end, candidate.kind, candidate.source, candidate.priority),
                ]
        break
    return [candidate]


def split_organisation_prefix(
    candidate: Candidate, text: str, tokens: Sequence[Token], book: NameBook
) -> list[Candidate]:
    """包头铝业华云电解三期项目 → 包头铝业 · 华云电解三期项目 (an operator's name before a site's name)."""
    if candidate.kind not in {"project", "mine", "facility"}:
        return [candidate]
    name = text[candidate.start : candidate.end]
    known = [(e, k) for s, e, _, k in book.matcher.finditer(name) if s == 0 and k in ORGANIZATION_KINDS]
    tagged = [
        (organisation_head(t.text) or len(t.text)) + t.start - candidate.start  # 包头铝业|华云电解三期项目
        for t in tokens
        if t.start == candidate.start and t.tag == "ORG" and len(t.text) >= 3
    ]
    cut = max(e for e, _ in known) if known else max(tagged, default=0)  # a known name before a tag
    if cut <= 0 or len(name) - cut < 4:
        return [candidate]
    if not known and (book.matcher.kind(name[:cut]) == "place" or _ADMINISTRATIVE_END.search(name[:cut])):
        return [
            candidate
        ]  # 湖南省|衡阳市松木经济开发区: a place the tagger called an organisation, not an owner
    kind = next((k for e, k in known if e == cut), kind_from_suffix(name[:cut]) or "company")
    if kind in {"company", "group"} and not has_proper_part(
        text, tokens, candidate.start + cut, candidate.end
    ):
        return [
            candidate
        ]  # 西南铝超大规格挤压材项目, 龙南华钇稀土分离厂: without its owner's name the site has none
    if name.isascii():
        return [
            candidate
        ]  # Yarrabee Rare Earths Mine, Mallee Ionic Clay Project: named after the place, not the owner
    return [
        Candidate(
            candidate.start, candidate.start + cut, kind, "pattern:operator-prefix", candidate.priority
        ),
        Candidate(
            after_leading_verbs(text, candidate.start + cut),  # 赣锋锂业|持有|马里…项目
            candidate.end,
            candidate.kind,
            candidate.source,
            candidate.priority,
        ),
    ]


def name_generic_projects(found: Sequence[Candidate], text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """An organisation's name right before a project that has no proper name of its own is the project's
    name: 赣州稀土 + 矿山整合一期技改变更项目 → 赣州稀土矿山整合一期技改变更项目."""
    out: list[Candidate] = []
    for candidate in found:
        previous = out[-1] if out else None
        if (
            candidate.kind == "project"
            and previous is not None
            and previous.kind in {"company", "group"}
            and previous.end == candidate.start
            and not has_proper_part(text, tokens, candidate.start, candidate.end)
        ):
            out[-1] = Candidate(
                previous.start, candidate.end, "project", candidate.source, candidate.priority
            )
        else:
            out.append(candidate)
    return out


_RELATION_WORDS = re.compile(
    r"(?:非全资|全资|控股|参股)?(?:子公司|附属公司|孙公司|参股公司)|上市公司|上柜公司|兴柜公司|本公司|本集团|公告|(?:旗下|辖下|所属|下属)之?|持有"
    r"|采矿权人|探矿权人|权利人|营运|收到|收购|批准|更名为|名为|原名|出资设立|合资设立|设立|股东为|所持|认购|受让|透过"
    r"|通过|经由|拟以|入股|并购|参股|申请|获得"
    r"|国营|民营|上柜|兴柜|现任|曾任|出任|担任|[日美德韩英法澳加荷泰越印俄星港台陆]商"  # 国营印度稀土公司, 日商三井…
    r"|(?:控股|第一大|大)?股东(?!会)"  # 股东福建省稀有稀土(集团)有限公司: the shareholder, named
)
_OWNED_SITE = re.compile(r"旗下|所属|下属|营运|运营|经营|的")
#: A word a name cannot begin with, left on the front of one by a walk or a pattern.
_DESCRIBING_HEAD = re.compile(
    rf"{TRADE_NOUNS}|运营商|龙头|巨头|业者|车企|钢厂|电驱企业|商社|投资平台"
    r"|(?:营建|承包|分包|建筑|工程|服务|经销|代理|通路|设备|回收|加工|物流|运输|零组件|零部件|组件|部件|配件|电子|电机|汽车|化工|材料)商"
    r"|(?:咨询|服务|投资|研究)机构(?!有限|股份)"  # 矿业咨询机构|矿源技术服务有限公司
    r"|[\u4e00-\u9fff]{0,8}商(?=[A-Za-z])"  # 挪威稀土分离商Norsep公司: the describer ends before the Latin name
    r"|磁材厂(?!有限|股份|集团)|磁石厂(?!有限|股份|集团)|(?:冶金|矿业|磁材|稀土|国有|国营)企业(?!管理|集团|发展|服务|有限|股份)"  # 德国磁材厂真空熔炼公司: a magnet maker named 真空熔炼公司
    r"|(?:综合商社|投资公司|投资机构|私募基金|投资基金|产业基金)(?!合伙|有限|股份|管理|企业|\()"  # 矿业投资公司诺德资本
    r"|(?:矿业|机械|精密机械|钢铁|化工|能源|投资|贸易)集团(?=[\u4e00-\u9fff]{2,}集团$)"  # 瑞典矿业集团|托尔讷河矿业集团
)
_LEADING = re.compile(
    r"(?:属公司|子公司|公司|集团|下的|面向|本部|本会|本院|本署|本局|本厅|项?[与和及向由对在将为被把从的是之])(?=[\u4e00-\u9fff])"
    r"|[商企厂](?=[A-Za-z])"  # 分离商REEtec公司: the describer's last character, before a Latin name
    r"|原(?=经济部|国家|国务院|中国|中华|财政部|商务部|科技部|[\u4e00-\u9fff]{2,3}[省市县部])"  # 原经济部工业局: formerly
)


def strip_relation_words(candidate: Candidate, text: str) -> Candidate:
    """滇南新材全资子公司滇南稀土(个旧)冶炼分离有限公司 → 滇南稀土(个旧)冶炼分离有限公司: a name starts after the
    words that relate it to another (子公司, 附属公司, 上市公司, 旗下) that a left walk took in."""
    if candidate.kind in {"mine", "facility"} and candidate.source == "tagger":
        # 晶昱旗下楠梓二厂 → 楠梓二厂: a site the tagger read together with its owner
        owned = [m.end() for m in _OWNED_SITE.finditer(text, candidate.start, candidate.end)]
        if owned and candidate.end - owned[-1] >= 3:
            return Candidate(owned[-1], candidate.end, candidate.kind, candidate.source, candidate.priority)
        return candidate
    if candidate.kind not in ORGANIZATION_KINDS:
        return candidate
    described = None  # 日本磁材大厂信越化学 → 信越化学: the name after the words that describe it
    # (from a little before the name: 营建|商梅克纳工程有限公司, as the segmenter cut it, is described too)
    for match in _DESCRIBING_HEAD.finditer(text, max(0, candidate.start - 3), candidate.end):
        if match.end() > candidate.start and candidate.end - match.end() >= 3:
            described = match.end()
    if described is not None:
        candidate = Candidate(described, candidate.end, candidate.kind, candidate.source, candidate.priority)
    cut = None  # the last end of a relation word 4 or more characters before the end (the ends increase)
    for match in _RELATION_WORDS.finditer(text, candidate.start, candidate.end):
        if candidate.end - match.end() >= 4:
            cut = match.end()
    of_place = text.find(
        "之", candidate.start, candidate.end
    )  # 中国大陆之宁波…有限公司: the place's, formally
    if of_place > candidate.start and candidate.end - of_place > 4:
        place = text[candidate.start : of_place]
        if place in place_names() or place.endswith(("大陆", "内地")):
            cut = max(cut or 0, of_place + 1)
    begin = cut if cut is not None else candidate.start
    particle_before = (
        begin > 0 and text[begin - 1] in "与和及向由对在将为被把从"
    )  # 与和田县…: 和 is the name's
    leading = None if particle_before else _LEADING.match(text, begin, candidate.end)
    if leading and candidate.end - leading.end() >= 4:
        cut = leading.end()
    if cut is None or kind_from_suffix(text[cut : candidate.end]) is None:
        return candidate
    return Candidate(cut, candidate.end, candidate.kind, candidate.source, candidate.priority)
