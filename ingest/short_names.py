"""Short names a document teaches: ``FULL(以下简称"SHORT")`` definitions, table rows, stock codes after a
name, English definitions and acronyms in brackets, Latin names after a Chinese one, and brand names derived
from a company's legal name and used alone.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from rekg.ingest.english_names import LEGAL_FORM
from rekg.ingest.lexicon import (
    ROLE_WORDS,
    NameBook,
    core_name,
    curated_entities,
    is_abbreviation,
    kind_from_suffix,
    reads_as_common_words,
)
from rekg.ingest.model import Mention, NormalizedText
from rekg.ingest.patterns import STOCK_CODE
from rekg.ontology import ORGANIZATION_KINDS

_LATIN_NAME_AFTER = re.compile(  # 沙乌地阿拉伯矿业公司(Ma'aden), …株式会社(Daewon Precision Motor Co., Ltd.)
    r"\s*\(\s*([A-Z][A-Za-z0-9&.'’\- ]{0,78}[A-Za-z0-9.](?:, ?(?:Ltd|Inc|LLC|Limited|Corp|S\.A|JSC|Pty Ltd)\.?)?)"
    r"\s*(?:\)|[,，;；](?=[^()]{0,30}\)))"
)
_ACRONYM_AFTER = re.compile(
    r"(?:,? as amended,?)?\s*\(\s*([A-Z][A-Z0-9&]{1,7}(?:-\d{1,3})?|[A-Z][a-z]?[A-Z][A-Za-z]{0,4})\s*\)"
)  # (MOIT), (DoD), the … Act of 1969, as amended (NEPA), (FAST-41)
_HAN = re.compile(r"[\u3400-\u9fff]")
_UNNAMED_KINDS = frozenset({"place", "person", "project"})
_LISTED_AS = re.compile(r"\s*\(\s*" + STOCK_CODE.pattern)  # 中国稀土(股票代码: 000831)
_BRACKETED_SHORT = re.compile(r"\(([\u4e00-\u9fff]{2,8})(?:[,，、;；]\s*\d{4,6})?\)")
_ENGLISH_DEFINITION = re.compile(
    r"(?:\s*\([A-Z]{2,6}\s*:\s*[A-Z0-9.]{1,8}\))?"  # (ASX: MRW) ("Marlow" or "the Company")
    r"\s*\(\s*(?:the\s+)?[\"“]((?:the\s+)?[A-Z][A-Za-z0-9&.\- ]{1,40}?)[\"”]"
    r"(?:\s*(?:or|and|,)\s*(?:the\s+)?[\"“]((?:the\s+)?[A-Z][A-Za-z ]{1,20}?)[\"”])?\s*\)"
)
#: A name a document gives the thing it is about: 本计划, 本联盟, 本公司 (下称本计划).
_SELF_REFERENCE = re.compile(
    r"本(?:计划|计画|方案|办法|规划|联盟|协会|公会|会|公司|集团|行|所|院|中心|基金|项目|专案)"
)
_ENGLISH_SELF = {"Company", "Group", "Issuer", "Corporation"}
_FORMERLY = re.compile(
    r"([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,5}),?\s*\(?(?:formerly|previously)(?: known as| called| named)?\s+(?:the\s+)?$"
)
#: 恒昇稀有材料集團控股有限公司（「恒昇稀材」或「本公司」，連同其附屬公司統稱「本集團」）: names in quotes in a
#: bracket right after a name, as Hong Kong and Taiwan filings define them (下稱「買方」 is a role: it stands for the company here but is not a name of it).
_QUOTED_DEFINITION = re.compile(
    r"\((?:以下|下)?(?:称|稱)?[「“\"]([^「」“”\"()]{2,12})[」”\"]((?:或[「“\"][^「」“”\"()]{2,12}[」”\"])*)"
)
_QUOTED = re.compile(r"[「“\"]([^「」“”\"()]{2,12})[」”\"]")
_DEFINITION = re.compile(
    r"\((?:[^()]{0,30}?[,，;；]\s*)?(?:以下)?(?:简称|下称)为?[:：]?[\"“”'「」『』]?([^\"“”'「」『』),，;；:：]{2,12})[\"“”'「」『』]?"
    r"(?:[,，;；或][^()]{0,40})?\)"
)


def learn_short_names(
    normalized: NormalizedText, mentions: Sequence[Mention], book: NameBook
) -> dict[str, str]:
    """Short names a document defines: ``FULL(以下简称"SHORT")`` and table rows ``FULL  SHORT``.

    A pair is kept only when the short name abbreviates the full name (its characters, in order), so a
    misaligned table row (中稀江西稀土有限公司 广西稀土) teaches nothing. A name followed by a stock code
    (中国稀土(股票代码: 000831)) is the short name of the curated company listed under that code, and
    Latin letters in brackets after a name (SDGs, GRI Standards) are another name of the same thing.
    """
    pairs: dict[str, str] = {}
    text = normalized.text
    organisations = [m for m in mentions if m.kind not in {"place", "person", "policy", "project"}]
    for mention in mentions:
        after = text[mention.end : mention.end + 24].lstrip('」』”"》')
        definition = _DEFINITION.match(after)
        if (
            definition
            and _SELF_REFERENCE.fullmatch(definition.group(1))
            and mention.kind not in _UNNAMED_KINDS
        ):
            pairs[definition.group(1)] = mention.text  # 「…研究计划」(下称本计划): the document's own plan
            continue
        if mention not in organisations:
            continue
        if definition and (
            definition.group(1) in ROLE_WORDS or is_abbreviation(definition.group(1), mention.text)
        ):
            pairs[definition.group(1)] = mention.text
            continue
        quoted = _QUOTED_DEFINITION.match(after)
        if quoted:  # (「恒昇稀材」或「本公司」)
            for short in [quoted.group(1), *_QUOTED.findall(quoted.group(2))]:
                if (
                    short in {"本公司", "公司", "本集团", "集团", *ROLE_WORDS}
                    or is_abbreviation(short, mention.text)
                    or set(short)
                    <= set(mention.text)  # 衡嶽稀土（湖南）有限公司（「湖南衡嶽」）: its words, reordered
                ):
                    pairs.setdefault(short, mention.text)
            continue
        bracketed = _BRACKETED_SHORT.match(after)  # 台湾晶磁科技股份有限公司(晶磁,6582), …研究院(中材院)
        if (
            bracketed
            and book.matcher.kind(bracketed.group(1)) != "place"  # …研究所(中国): the country it is in
            and is_abbreviation(bracketed.group(1), mention.text)
        ):
            pairs.setdefault(bracketed.group(1), mention.text)
            continue
        row = re.match(r"[ \t\u3000]+([\u4e00-\u9fff]{2,8})(?=[ \t\u3000]|$)", after)
        if (
            row
            and mention.kind in ORGANIZATION_KINDS
            and book.matcher.kind(row.group(1)) != "place"  # 天津磁材厂  天津: the next cell, a place
            and is_abbreviation(row.group(1), mention.text)
            and row.group(1) != mention.text
        ):
            pairs.setdefault(row.group(1), mention.text)
    listed = {
        code: entity for entity in curated_entities() for key, code in entity.attributes if key == "stockCode"
    }
    for mention in organisations:
        quoted = _LISTED_AS.match(text, mention.end)
        entity = listed.get(quoted.group(1)) if quoted else None
        if entity is not None and mention.text not in entity.names:  # 中国稀土(股票代码: 000831)
            pairs[mention.text] = entity.name
    for mention in organisations:
        defined = _ENGLISH_DEFINITION.match(text, mention.end)
        if defined and mention.text.isascii():  # Halcyon Rare Earths Limited ("Halcyon" or "the Company")
            for short in filter(None, defined.groups()):
                bare = re.sub(r"^the\s+", "", short)
                if bare in _ENGLISH_SELF or bare in ROLE_WORDS:  # (the "Company"), (the "Vendor"): it, here
                    for form in (f"the {bare}", f"The {bare}"):
                        pairs[form] = mention.text
                elif bare != mention.text:
                    pairs[bare] = mention.text
    # 圣若昂 names the company 圣若昂矿业 and the 圣若昂项目 alike: a stem that starts a site's name is no one's
    site_words = {
        m.text[:n]
        for m in mentions
        if m.kind in {"project", "mine", "facility"}
        for n in range(2, len(m.text))
    }
    full_names = {m.text for m in organisations if kind_from_suffix(m.text) in {"company", "group"}}
    derived: dict[str, set[str]] = {}
    for full in full_names:
        core = core_name(full)  # 南十字稀土有限公司 … 南十字稀土
        for short in {*brand_names(full, book), *([core] if len(core) >= 4 and core != full else [])}:
            derived.setdefault(short, set()).add(full)
    for short, fulls in derived.items():  # 包头华美稀土高科有限公司 … 华美稀土: used, never defined
        if (
            len(fulls) == 1
            and short not in pairs
            and short not in book.matcher
            and short not in site_words
            and _used_alone(text, short)
        ):
            pairs[short] = next(iter(fulls))
    stems: dict[str, set[str]] = {}
    for mention in organisations:  # 阿拉弗拉稀土 … 阿拉弗拉; 卡托纳资源有限公司 … 卡托纳
        stem = name_stem(mention.text, book)
        if stem:
            stems.setdefault(stem, set()).add(mention.text)
    for stem, fulls in stems.items():
        short = len(stem) == 2 and (text.count(stem) < 3 or reads_as_common_words(stem))  # 枫原, three times
        if (
            len(fulls) == 1
            and stem not in pairs
            and not short
            and stem not in site_words
            and _stem_used_alone(text, stem)
        ):
            pairs[stem] = next(iter(fulls))
    # Tallinn of Tallinn Metals AS is the city: a known place or person is no short name, nor (for a first
    # word) a name the document gives a place, a person or a site
    known = {
        name for name in {*site_words, *(m.text.split()[0] for m in mentions)} if book.matcher.kind(name)
    }
    place_words = {
        match.group(1) for match in _BEFORE_PLACE_NOUN.finditer(text)
    }  # Mkushi District, east of Mkushi town: Mkushi of Mkushi Rare Earths Limited is the place
    not_organisations = known | place_words | {m.text for m in mentions if m.kind not in ORGANIZATION_KINDS}
    lexicon = {name for name in known if book.matcher.kind(name) in {"place", "person"}} | place_words
    english: dict[str, set[str]] = {}
    for (
        mention
    ) in organisations:  # Wirraway Minerals Ltd … Wirraway Minerals … Wirraway (not Teesside University)
        if mention.text.isascii() and mention.kind in {"company", "group"}:
            for short in english_short_names(mention.text):
                if short not in lexicon and short not in site_words:
                    english.setdefault(short, set()).add(mention.text)
    for mention in organisations:  # Adour Magnétiques SAS … Adour, where Adour stands alone in the text
        first = english_first_word(mention.text) if mention.kind in {"company", "group"} else None
        if (
            first
            and first not in not_organisations
            and first not in site_words  # Chilwa names the Chilwa Carbonatite Project as well
            and _used_alone_mid_sentence(text, first)
        ):
            english.setdefault(first, set()).add(mention.text)
    for short, fulls in english.items():
        # Wirraway Minerals Ltd and Wirraway Minerals both shorten to Wirraway: one company, the longest name
        longest = max(fulls, key=len)
        one = all(full == longest or full in english_short_names(longest) for full in fulls)
        if one and short not in pairs and _used_alone_english(text, short, longest):
            pairs[short] = longest
    for first, second in itertools.pairwise(organisations):  # a filing's header: the name, then in English
        between = text[first.end : second.start]
        if (
            _HAN.search(first.text)
            and second.text.isascii()
            and between.strip() == ""
            and between.count("\n") == 1
            and _alone_on_line(text, first)
            and _alone_on_line(text, second)
        ):
            pairs.setdefault(second.text, first.text)
    named = {m.text for m in organisations}
    for former in organisations:  # PSM, formerly Kuantan Tin Dredging Berhad: one company, its old name
        formerly = _FORMERLY.search(text, max(0, former.start - 80), former.start)
        current = formerly.group(1) if formerly else None
        if current and current != former.text and (current in pairs or current in named):
            pairs.setdefault(former.text, pairs.get(current, current))
    acronymed = [*organisations, *(m for m in mentions if m.kind == "policy")]
    for (
        mention
    ) in acronymed:  # Tay Bac Rare Earth JSC (TBRE), Ministry of Industry and Trade (MOIT), … Act (NEPA)
        acronym = _ACRONYM_AFTER.match(text, mention.end)
        if acronym and mention.text.isascii() and acronym.group(1) != mention.text:
            pairs.setdefault(acronym.group(1), mention.text)
    for mention in mentions:  # 联合国2030可持续发展目标(SDGs), 《可持续发展报告指南》(GRI Standards)
        named = mention.kind in ORGANIZATION_KINDS or mention.kind in {
            "policy",
            "mine",
            "facility",
            "project",
        }
        named = named or mention.kind == "person"  # 艾玛·卡特(Emma Carter), 拉克托(Joseph Rakoto)
        abbreviation = _LATIN_NAME_AFTER.match(
            text, mention.end + (text[mention.end : mention.end + 1] == "》")
        )
        if named and abbreviation and _HAN.search(mention.text):  # not Índico Minerals SA (Maputo): no Han
            pairs.setdefault(abbreviation.group(1), mention.text)
    for short, full in pairs.items():
        kind = next((m.kind for m in mentions if m.text == full and m.kind != "place"), None)
        kind = kind or next((e.kind for e in listed.values() if e.name == full), "company")
        book.learn(short, kind)
        book.short_names[short] = full
    return pairs


_BRAND_END = re.compile(
    r"稀土|有色|铝业|铜业|锌业|钨业|锂业|钼业|矿业|钢铁|磁材|磁业|磁能|新材|电机|化工|化学|金属|资本"
)


def brand_names(full: str, book: NameBook) -> list[str]:
    """The short names a company's legal name yields: its brand and industry word, without the place in
    front or the modifiers behind (包头华美稀土高科有限公司 → 华美稀土; 中国北方稀土(集团)高科技股份有限公司 →
    北方稀土)."""
    core = re.sub(r"\([^()]*\)", "", core_name(full))
    placed = False
    for start, end, _, kind in book.matcher.finditer(core):
        if start == 0 and kind == "place":
            core, placed = core[end:], True
            break
    industry = _BRAND_END.search(core, 2)
    # 淄博齐川控股集团有限公司 → 齐川控股: with no industry word, the name without its place
    brand = core[: industry.end()] if industry is not None else core.removesuffix("集团") if placed else ""
    return [brand] if len(brand) >= 4 and brand != core_name(full) else []


_STEM_END = re.compile(r"(?:稀土|资源|矿业|磁材|磁业|新材|材料|科技|能源|金属|化学|电机)$")
_STEM_FOLLOWED = re.compile(
    r"[^\u4e00-\u9fff]|[是为的在与和及将已于亦则也并称表说今去总董执首行此旗拟等方公]"
)


def name_stem(name: str, book: NameBook) -> str | None:
    """The name a company goes by without its industry word, when that is a name — a transliteration or a
    coined word (阿拉弗拉稀土 → 阿拉弗拉, 枫原稀土材料公司 → 枫原), not a place (包头稀土 ↛ 包头)."""
    core = re.sub(r"\([^()]*\)", "", core_name(name))
    if not _STEM_END.search(core) or not re.fullmatch(r"[\u4e00-\u9fff]+", core):
        return None
    stem = core
    while (industry := _STEM_END.search(stem)) is not None and industry.start() >= 2:  # 枫原稀土材料 → 枫原
        stem = stem[: industry.start()]
    if len(stem) < 2 or stem in book.matcher or any(start == 0 for start, *_ in book.matcher.finditer(stem)):
        return None
    return stem


def _stem_used_alone(text: str, stem: str) -> bool:
    """Whether a stem stands alone somewhere: no Chinese name character right before or after it."""
    for match in re.finditer(re.escape(stem), text):
        before = text[max(0, match.start() - 1) : match.start()]
        after = text[match.end() : match.end() + 1]
        if (
            not before
            or not re.match(r"[\u4e00-\u9fff]", before)
            or before in "由与和及、将为是被在对向从的了"
        ) and (not after or _STEM_FOLLOWED.match(after)):
            return True
    return False


def _alone_on_line(text: str, mention: Mention) -> bool:
    """Whether a name is all its line holds (恒岭资源控股有限公司 above HENGLING RESOURCES HOLDINGS LIMITED)."""
    start = text.rfind("\n", 0, mention.start) + 1
    end = text.find("\n", mention.end)
    return text[start : end if end >= 0 else len(text)].strip() == mention.text


def _used_alone(text: str, name: str) -> bool:
    """Whether ``name`` occurs in the text other than inside a longer name (华美稀土 not as 包头华美稀土…)."""
    for match in re.finditer(re.escape(name), text):
        before = text[max(0, match.start() - 1) : match.start()]
        if not re.match(r"[\u4e00-\u9fff]", before) or before in "由与和及、将为是被在对向从的了":
            return True
    return False


_LEGAL_EN = re.compile(rf"(?:,?\s+(?:{LEGAL_FORM}|Company))+$")
_INDUSTRY_EN = re.compile(
    r"\s+(?:Rare Earths?|Minerals?|Resources|Metals?|Mining|Materials|Magnetics|Magnets|Technologies|Industries|"
    r"Holdings|Group|Capital|Partners|Investments|Energy|Chemicals?|Refining|Recycling|Gold|Uranium|Lithium|"
    r"Critical Metals|Critical Minerals|Performance Materials|Magnet Metals|Industrial Holdings)$"
)
_NOT_SHORT = {"The", "New", "North", "South", "East", "West", "Western", "Northern", "Southern", "Eastern", "United",
              "American", "Australian", "Canadian", "China", "Chinese", "National", "Global", "International"}  # fmt: skip


def english_short_names(full: str) -> list[str]:
    """The shorter names an English company name is used by: without its legal form (Wirraway Minerals Ltd →
    Wirraway Minerals), and without the industry words after its own name (→ Wirraway)."""
    out = []
    bare = _LEGAL_EN.sub("", full).strip()
    if bare != full and " " in full:
        out.append(bare)
    core = bare
    while True:
        shorter = _INDUSTRY_EN.sub("", core)
        if shorter == core:
            break
        core = shorter
    if core != bare and core and core.split()[0] not in _NOT_SHORT and len(core) >= 3 and core[0].isupper():
        out.append(core)
    return [name for name in out if name != full]


#: A word a place noun follows (Mkushi town, Kapiri district): a place's name, whatever else it begins.
_BEFORE_PLACE_NOUN = re.compile(
    r"\b([A-Z][a-zà-ÿ]+) (?:town|city|village|district|District|province|Province|county|County|region|Region)\b"
)
_FIRST_WORD = re.compile(r"[A-Z][a-zà-ÿ]{2,}(?<!ese)(?<!ish)(?<!ian)(?<!ean)(?<!ch)")  # not French, Japanese
_NOT_FIRST_WORD = _NOT_SHORT | {
    "Great", "Central", "Pacific", "Atlantic", "Federal", "Royal", "General", "First", "Golden", "Silver", "Red",
    "Black", "Blue", "Green", "White", "Rare", "Critical", "Strategic", "Advanced", "Applied", "Standard",
    "Allied", "Mining", "Energy", "Ministry", "Department", "Office", "University", "Institute", "Bank", "Council",
    "Agency", "Commission", "State", "City", "County", "Province", "Government", "Port", "Saint", "San", "Santa",
}  # fmt: skip


def english_first_word(full: str) -> str | None:
    """The first word of a company name of several (Adour of Adour Magnétiques SAS), a name of the company if
    the text uses it alone; None where the first word is one many names start with (Great, Central …)."""
    bare = _LEGAL_EN.sub("", full).strip()
    words = bare.split()
    if len(words) < 2 or not _FIRST_WORD.fullmatch(words[0]) or words[0] in _NOT_FIRST_WORD:
        return None
    return words[0]


#: After a name that stands for its company: Kameyama, which is based in …; Kameyama said …
_NAME_AS_SUBJECT = re.compile(
    r",\s+which\s+(?:is|was|has|had|owns|holds|makes|runs)\b|\s+(?:said|says|announced|reported)\b"
)


def _used_alone_mid_sentence(text: str, word: str) -> bool:
    """Whether ``word`` stands alone, capitalised, at least twice, once inside a sentence: a name (Since last
    spring Adour has …), not a word a sentence starts with."""
    alone = [
        match.start()
        for match in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w-]|\s+[A-Z0-9])", text)
        if not re.search(r"[A-Z][\w.-]*\s+$", text[max(0, match.start() - 30) : match.start()])
    ]
    inside = [start for start in alone if re.search(r"[a-z,]\s+$", text[max(0, start - 3) : start])]
    subject = [start for start in alone if _NAME_AS_SUBJECT.match(text, start + len(word))]
    return (len(alone) >= 2 and bool(inside)) or bool(subject)


def _used_alone_english(text: str, short: str, full: str) -> bool:
    """Whether ``short`` stands in the text as a name of its own: not only as the start of ``full``."""
    rest = full[len(short) :] if full.startswith(short) else ""
    for match in re.finditer(rf"(?<![A-Za-z]){re.escape(short)}(?![A-Za-z])", text):
        if not rest or not text.startswith(rest, match.end()):
            return True
    return False
