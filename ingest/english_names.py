"""English names found by their shape, as regular expressions over the sentence (not tokens): names whose
words carry accents and hyphens (Tau-Ken Samruk, Kohtla-Järve), link words inside them (Companhia
Brasileira de Metalurgia e Mineração, Korea Mine Rehabilitation and Mineral Resources Corp.), the legal forms
of many countries (A/S, AB, SAS, Ltda., (Pty) Ltd), a name introduced by what it is ("state mining company
Tau-Ken Samruk"), European legal acts (Regulation (EU) 2024/1252) and a province code after a city
(Saskatoon, SK).

Each finder is a small pattern with the kind it gives; :func:`english_shape_candidates` runs them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rekg.ingest.english_kinds import HEADS, head_kind
from rekg.ingest.lexicon import place_names
from rekg.ingest.patterns import Candidate

#: A name starts where no Latin letter or digit stands before it (a Han character may: 子公司Dinghan …).
_LATIN_START = r"(?<![A-Za-z0-9À-ÖØ-öø-ÿ_-])"
#: A capitalised word of a name: accents, inner capitals and hyphens allowed (Järve, McKinsey, Tau-Ken).
WORD = r"(?:[A-ZÀ-ÖØ-Þ](?:[A-Za-zÀ-ÖØ-öø-ÿ&]|['’](?!s\b))*(?:-[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ]*)*(?!-[a-z])|[A-Z]{2,}\d*)"
#: Courtesy titles: the name after one is a person's.
HONORIFIC = r"(?:Mr|Ms|Mrs|Dr|Prof|Sir|Dame)"
#: Lowercase nouns for an administrative division written after its name (the Kostanay oblast, Lao Cai province).
DIVISION_NOUNS = (
    "province",
    "prefecture",
    "oblast",
    "canton",
    "governorate",
    "municipality",
    "county",
    "district",
)
#: Words that link the words of one name (of, for, and, de, do, e, und …).
_LINK = r"(?:of|for|and|&|de|do|da|dos|das|des|du|de la|del|di|e|y|und|et|für|van|von|am)"
LEGAL_FORM = (
    r"(?:Pty\.? Ltd\.?|\(Pty\) Ltd\.?|Pte\.? Ltd\.?|Co\., Ltd\.?|Co\. Ltd\.?|Co\.|Ltd\.?|Limited|Inc\.?|Incorporated|"
    r"Corp\.?|Corporation|LLC|L\.L\.C\.|LLP|PLC|Plc|plc|AG|GmbH|KGaA|S\.A\.S\.|SAS|S\.A\. de C\.V\.|S\.A\.|SA|SE|N\.V\.|NV|B\.V\.|BV|"
    r"A/S|ASA|AB|Oyj|Oy|OÜ|AS|S\.p\.A\.|SpA|S\.r\.l\.|Srl|Ltda\.?|JSC|PJSC|KK|K\.K\.|Bhd|Berhad|"
    r"Tbk|PCL|Public Company Limited|LP|s\.r\.o\.|a\.s\.|sp\. z o\.o\.|Kft\.|d\.o\.o\.|S\.L\.|S\.A\.U\.|OOO|PAO|Pvt\.? Ltd\.?|Sdn\.? Bhd\.?|"
    r"SARL|S\.A\.R\.L\.|SRL|S\.R\.L\.|Lda\.?|ApS|KG)"
)
#: The nouns a name may end in (and the legal form after them): the head nouns that give a kind.
_ENDINGS = tuple(
    head
    for head in HEADS
    if head not in {"company", "corporation", "division", "section", "committee", "secretariat"}
)
#: IREL (India) Limited, Skeleton Coast Exploration (Namibia) (Pty) Ltd: a country in brackets before the legal form.
_PLACE_IN_NAME = r"(?:\s+\((?!Pty\))[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?\))?"
_ORG = re.compile(
    rf"{_LATIN_START}({WORD}(?:\s+(?:{_LINK}\s+)?{WORD})*?)"
    rf"(?:\s+(?P<ending>{'|'.join(w.capitalize() for w in _ENDINGS)})\b(?:{_PLACE_IN_NAME},?\s+{LEGAL_FORM}(?![\w/]))?|{_PLACE_IN_NAME},?\s+(?P<legal>{LEGAL_FORM})(?![\w/]))"
)
#: The rest of a name after an ending word: more words of the name, then its legal form.
_LEGAL_TAIL = re.compile(
    rf"(?:\s+(?:(?:of|for|de)\s+)?(?!and\b){WORD}|\s+(?:and|&)\s+(?:{'|'.join(w.capitalize() for w in _ENDINGS)})\b){{1,3}}?"
    rf"{_PLACE_IN_NAME},?\s+{LEGAL_FORM}(?![\w/])"
)  # Kerala Minerals and Metals Ltd, but not Sahyadri Magnetics and Lynas Rare Earths Ltd
#: What a body's name says it is of, after its noun: "of India", "of Mines and Energy".
_OF_WHAT = re.compile(
    rf"\s+of\s+(?:the\s+)?{WORD}(?:\s+(?:and\s+(?!(?:{WORD}\s+){{1,3}}(?:{'|'.join(w.capitalize() for w in _ENDINGS)})\b))?{WORD}){{0,2}}"
)  # of Mines and Energy; not "of Korea and Korea Development Bank", which is another name
_JOINER = re.compile(r"\s+(?:and|&)\s+")
_ENDS_LEGAL = re.compile(rf"\s{LEGAL_FORM}$")
#: A name after words that say what it is: "state mining company Tau-Ken Samruk", "trading house Hoshida".
_INTRODUCED = re.compile(
    r"\b(?:company|firm|miner|producer|developer|explorer|refiner|processor|recycler|maker|manufacturer|"
    r"trader|trading house|house|utility|conglomerate|investor|startup|start-up|agency|operator|partner|"
    r"state-owned|state-controlled)\s+"
    rf"({WORD}(?:\s+{WORD}){{0,3}})"
)
#: A name after words that say it owns or runs something: "a unit of Glencore", "operated by Albemarle" — an
#: organisation, whatever a model took the single word for ("owned by" and "run by" may name a person); not
#: the adjective of a description (a unit of Czech state utility Valtice Energie AG).
_OWNER = re.compile(
    r"\b(?:(?:unit|subsidiary|division|arm|affiliate|parent|operator|investee) of|"
    r"operated by)\s+"
    rf"((?!(?:The|Government|State|Ministry|Department)\b){WORD}(?:\s+{WORD}){{0,3}})\b(?!['’]s|\s+(?:of|and)\s|(?:\s+[a-z][\w-]*){{1,3}}\s+[A-Z])"
)
_EU_ACT = re.compile(
    r"\b(?:Commission |Council )?(?:Implementing |Delegated )?(?:Regulation|Directive|Decision)\s*"
    r"\((?:EU|EC|EEC|Euratom)\)\s*(?:No\.?\s*)?\d{2,4}/\d{1,4}(?:/(?:EU|EC))?",
    re.IGNORECASE,
)
_TREATY = re.compile(
    rf"\bTreaty (?:on|of|establishing) (?:the )?{WORD}(?:\s+(?:{_LINK}\s+)?(?:the\s+)?{WORD})*"
)
#: A word of a person's name: a WORD, or a Korean given name romanised with a hyphen (Seung-min, Min-ho), which no
#: compound of a place or a firm with a participle is (Perth-based, Nasdaq-listed).
PERSON_WORD = (
    rf"(?:[A-Z][a-z]{{1,6}}-(?!(?:based|owned|listed|run|controlled|led|backed|born|made|headquartered|era|style|level|"
    rf"term|grade|scale|year|class|free|wide|bound|focused|funded|linked|quoted|traded)\b)[a-z]{{2,5}}\b|{WORD})"
)
#: An act by its title: the Federal Land Policy and Management Act of 1976, Fixing America's Surface
#: Transportation Act, the Minerals (Prospecting and Mining) Act, 1992.
_ACT_WORD = rf"(?:{WORD}(?:['’]s)?|\([A-Z][A-Za-z ]{{2,40}}\))"
_ACT = re.compile(
    rf"{_LATIN_START}(?!(?:The|Title|Section|Part|Chapter|Article|Schedule|[IVXL]+)\b){_ACT_WORD}(?:\s+(?:{_LINK}\s+)?(?:the\s+)?{_ACT_WORD}){{0,10}}?\s+Act"
    r"(?:\s+of\s+\d{4}|,\s+\d{4}\b)?(?![\w-])"
)
#: A law by its subject: the Law on Geology and Minerals, Decree on Mineral Resources, Code of Mining Practice.
_LAW_ON = re.compile(
    rf"{_LATIN_START}(?:(?:Mining|Mineral|Investment|Environmental|Federal|National|Revised|New)\s+)?(?:Law|Decree|Ordinance|Code)"
    rf"\s+(?:on|of)\s+(?:the\s+)?{WORD}(?:\s+(?:(?:and|of|for|on)\s+)?{WORD}){{0,5}}"
)
_PROVINCE_CODE = (
    r"(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT|NSW|QLD|WA|SA|TAS|VIC|NT|ACT|AK|AZ|CA|CO|NV|TX|UT|WY|"
    r"LA|TN|MO|IA)(?=\b(?!\.))"
)
_PROVINCE = re.compile(rf"(?<=, ){_PROVINCE_CODE}")
_LEADING = re.compile(
    r"(?:The|A|An|This|That|In|On|At|By|Under|For|Of|And|But|About|Its|Their|Our|SOURCE|Source)\s+"
    r"|(?:Board|President|Chairman|Chairwoman|Chair|CEO|CFO|Chief Executive(?: Officer)?|Managing Director|Director|"
    r"Directors|Shareholders|Members|Office|Head|Minister|Secretary|Founder|JV|Joint venture|Subsidiary|Unit|"
    r"Part|Affiliate)\s+(?:of|and|&)\s+"
)


#: An industrial zone by its name (Saldanha Bay Industrial Development Zone, the Tang Loong industrial park,
#: Kitakyushu Eco-Town): a facility, as the annotation guidelines type parks and zones.
_ZONE = re.compile(
    rf"{_LATIN_START}((?!(?:The|A|An|In|At)\b){WORD}(?:\s+{WORD}){{0,3}}\s+(?:(?:[Ii]ndustrial|[Dd]evelopment|[Ee]conomic|"
    r"[Tt]echnology|[Ss]cience|[Ss]pecial [Ee]conomic|[Ff]ree [Tt]rade|[Nn]ational [Ii]ndustrial)\s+)+"
    rf"(?:[Pp]ark|[Ee]state|[Zz]one|[Cc]omplex|[Aa]rea|[Cc]orridor)|{_LATIN_START}[A-Z][a-z]+ Eco-Town)\b"
)
#: A site named with the words that say what it is between its name and its noun (Shoptykol rare earth
#: deposit, Trois-Rivières magnet plant, Boa Esperança ionic clay deposit).
_SITE = re.compile(
    rf"{_LATIN_START}({WORD}(?:\s+{WORD}){{0,3}})\s+((?:(?:rare|earths?|ionic|clay|magnet|magnets|separation|processing|"
    r"refining|recycling|metals?|alloy|oxide|carbonate|pilot|demonstration|heavy|light|concentrate|"
    r"hydrometallurgical|tailings|scrap|sintered|production|manufacturing|mineral|sands|REE|graphite|lithium|"
    r"nickel|copper|cobalt|tin|tungsten|gold|uranium|niobium|zinc|iron|ore|vanadium|manganese|phosphate|"
    r"hydroxide|cathode|anode|precursor|battery|spodumene|sulphate|sulfate|chemicals?|steel|aluminium|"
    r"carbonatite|monazite|bauxite|coal|fluorspar|antimony|open-pit|underground)\s+){1,4})"
    r"(deposit|mine|plant|refinery|facility|mill|smelter|complex|line|hub|project)\b"
)
#: "an African rare earth project", "a second Australian magnet plant": one of a kind described, not named.
_DESCRIBED_SITE = re.compile(
    r"\b(?:[Aa]n?|[Aa]nother|[Oo]ne|[Ii]ts first|[Aa] (?:first|second|third|new|large|small))\s+$"
)
_SITE_KIND = {"deposit": "mine", "mine": "mine", "project": "project"}
#: A place, a slash, and a place in it: "Andhra Pradesh / Anantapur" in a table's cell.
_SLASH_PLACES = re.compile(rf"({WORD}(?: {WORD})?) / ({WORD}(?: {WORD}){{0,2}})(?= [–—-]|\)|,|;|$)")
#: A company a sentence introduces by the name it is to bear (the venture, to be named Lai Chau Rare Earth JSC).
_NAMED_VENTURE = re.compile(
    rf"\b(?:company|venture|joint venture|entity|subsidiary|firm|vehicle),? (?:(?:provisionally|tentatively) |"
    rf"to be |would be |will be )?(?:named|called) ({WORD}(?:\s+(?:(?:de|del|da|do|des|of|and)\s+)?{WORD}){{0,6}})"
)
#: A mining block by its name: capitalised words (REE, REE-Niobium) before "Block".
_BLOCK = re.compile(rf"{_LATIN_START}{WORD}(?:\s+(?:{WORD}|[A-Z]{{2,5}}(?:-[A-Z][a-z]+)?)){{0,3}}\s+Block\b")
#: A name and, after a comma, what it is: "Bpifrance, the state investment bank", "BRGM, the French geological
#: survey", "Lacq, a village of fewer than 1,000 people". The head noun gives the kind.
_APPOSITIVE_HEADS = {
    "company": "company", "firm": "company", "bank": "company", "miner": "company", "producer": "company",
    "maker": "company", "manufacturer": "company", "developer": "company", "explorer": "company",
    "refiner": "company", "processor": "company", "recycler": "company", "trader": "company",
    "conglomerate": "company", "investor": "company", "fund": "company", "consultancy": "company",
    "start-up": "company", "startup": "company", "supplier": "company", "operator": "company",
    "utility": "company", "carmaker": "company", "automaker": "company", "office": "company",
    "subsidiary": "company", "unit": "company", "arm": "company", "affiliate": "company", "insurer": "company",
    "institute": "institute", "survey": "institute", "laboratory": "institute", "lab": "institute",
    "agency": "government", "regulator": "government", "ministry": "government", "authority": "government",
    "watchdog": "government", "bureau": "government", "council": "government", "university": "university", "college": "university",
    "association": "association", "federation": "association", "body": "association", "lobby": "association",
    "analyst": "person", "economist": "person", "geologist": "person", "engineer": "person", "professor": "person",
    "researcher": "person", "spokesperson": "person", "spokeswoman": "person", "spokesman": "person",
    "lawyer": "person", "official": "person", "chairman": "person", "chairwoman": "person", "founder": "person",
    "co-founder": "person", "executive": "person", "metallurgist": "person", "lecturer": "person",
    "village": "place", "town": "place", "city": "place", "port": "place", "municipality": "place",
    "province": "place", "region": "place", "district": "place", "county": "place", "suburb": "place",
}  # fmt: skip
_APPOSITIVE = re.compile(
    rf"{_LATIN_START}({WORD}(?:\s+(?:{_LINK}\s+)?{WORD}){{0,4}}),\s+(?:the|a|an|{WORD}['’]s)\s+"
    r"((?:[\w'’.-]+\s+){0,5}?)"
    rf"(?P<head>{'|'.join(_APPOSITIVE_HEADS)})(?![\w-])"
    r"(?=\s*[,.;)]|\s+(?:of|in|at|on|that|which|whose|with|for|based|owned|controlled|run|set|near|behind)\b)"
)
#: A place before a province or state code (Nunavik, QC; Alexandria, LA) or after "headquarters in".
_PLACE_BEFORE_CODE = re.compile(rf"{_LATIN_START}({WORD}(?:\s+{WORD}){{0,3}}),\s+{_PROVINCE_CODE}")
_HEADQUARTERS_IN = re.compile(rf"\b(?:headquarters|head office|home base) (?:is )?in ({WORD}(?:\s+{WORD})?)")
#: A place named with its lowercase noun: "the Pyrénées-Atlantiques department", "the Ulytau oblast".
_PLACE_NOUN = re.compile(rf"\bthe\s+({WORD}(?:\s+{WORD})?)\s+(?:department|{'|'.join(DIVISION_NOUNS)})\b")
#: "east of Mkushi town", "in Chibefwe village": a town by the noun after it.
_TOWN_NOUN = re.compile(rf"\b(?:of|in|near|from|at|outside|around|to)\s+({WORD})\s+(?:town|village|city)\b")
#: "the northern province of Lai Chau", "the state of Goiás": a division named after its noun.
_DIVISION_OF = re.compile(
    rf"\b(?:{'|'.join(DIVISION_NOUNS)}|state|region|city|town) of ({WORD}(?:[ -]{WORD}){{0,2}})"
)
_TOWN_BEFORE_DIVISION = re.compile(
    rf"{_LATIN_START}({WORD}(?:-{WORD})?),\s+({WORD}(?:\s+{WORD})?\s+(?:County|Province|Region|State|District|Prefecture|Oblast))\b"
)
_DATELINE_CITY = re.compile(
    rf"^([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){{0,2}}),\s+{WORD}(?:\s+{WORD})?,?\s+(?=[A-Z][a-z]{{2,8}}\.?\s+\d|\d|\()"
)
#: HANOI/TOKYO, Nov 24 (Reuters) -: the cities of a story filed from two places.
_DATELINE_CITIES = re.compile(
    r"^[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}(?:/[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2})+(?=,)"
)
_REPORTED_BY = re.compile(
    rf"\b(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Rr]eported|[Ww]ritten|[Ee]dited|[Rr]esearch) by ({WORD}(?:\s+{WORD}){{1,2}})"
)
_REGION = re.compile(rf"\b(?:the|in|of|across|from)\s+((?!The\b){WORD}(?:\s+{WORD})?\s+region)\b")
#: Words a sentence starts with before a comma: no names (However, the company …).
SENTENCE_ADVERBS = frozenset(
    {
        "However", "Meanwhile", "Separately", "Instead", "Still", "Now", "Today", "Yesterday", "Earlier", "Later",
        "Overall", "Elsewhere", "Together", "Also", "Therefore", "Thus", "Otherwise", "Nonetheless",
        "Nevertheless", "Moreover", "Furthermore", "Additionally", "Finally", "First", "Second", "Third", "Then",
        "Previously", "Currently", "Recently", "Last", "Next", "Indeed", "Again", "Above", "Below", "Here",
        "There",
    }
)  # fmt: skip
#: The last word of a street's name in an address (8600 SW Goodyear Boulevard): not a place the graph keeps.
STREET_WORDS = frozenset(
    {"Street", "St", "St.", "Avenue", "Ave", "Ave.", "Boulevard", "Blvd", "Road", "Rd", "Drive", "Lane", "Highway",
     "Parkway", "Suite", "Floor", "Terrace"}
)  # fmt: skip
#: Bylines in capitals: By DANIYAR ISMAILOV.
_CAPITAL_BYLINE = re.compile(r"^By ([A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){1,3})$")
#: Analysts: Rohan Deshpande, Research Analyst, …; contacts: Melissa Rourke, Company Secretary, +61 …: a name
#: at the start of a list item with a post after its comma is a person's.
_NAME_THEN_POST = re.compile(
    rf"(?:^|[:;|•]\s*)(?:(?:Dr|Mr|Ms|Mrs|Prof|Professor)\.?\s+)?((?!(?:The|A|An)\s){PERSON_WORD}(?:\s+{PERSON_WORD}){{1,2}}),\s+"
    r"(?:(?:Senior|Chief|Deputy|Acting|Interim|Executive|Non-Executive|Research|Managing|General|Vice|Lead)\s+)*"
    r"(?:Analyst|Associate|Director|Manager|Secretary|Officer|President|Chairman|Chair|Economist|Strategist|Editor|"
    r"Reporter|Correspondent|Spokesperson|Partner|Engineer|Geologist|Head)\b"
)
#: Carolina Vélez, senior investment officer at IDB Invest; Sheeba Rahim, a member of the …: a name, then a post
#: of some organisation (the words before the post's noun are free).
_NAME_THEN_ANY_POST = re.compile(
    rf"(?:^|[:;|•]\s*|,\s+|\.\s+|\b(?:said|says|according to)\s+)(?:(?:Dr|Mr|Ms|Mrs|Prof|Professor)\.?\s+)?((?!(?:The|A|An|In|At|From|For)\s)"
    rf"(?-i:{PERSON_WORD}(?:\s+{PERSON_WORD}){{1,2}})),\s+(?:a |an |the )?(?:[a-z-]+\s+){{0,4}}?"
    r"(?:analyst|associate|director|director general|manager|secretary|officer|president|chairman|chairwoman|chair|"
    r"economist|strategist|editor|reporter|correspondent|spokesperson|spokesman|spokeswoman|partner|engineer|"
    r"geologist|head|member|minister|professor|researcher|scientist|lawyer|attorney|judge|founder|co-founder|"
    r"chief executive|ceo|cfo|councillor|councilor|mayor|governor|commissioner|adviser|advisor|consultant|"
    r"supervisor|principal|counsel|lecturer|fellow|inspector|superintendent|coordinator|administrator)"
    r"(?:\s+(?:of|at|for|with|in)\b|,)",
    re.IGNORECASE,
)
#: U.S. District Judge Marisol Trevino-Hart, Vice Minister Gustavo Riquelme: a title of office before a name.
_OFFICE_BEFORE = re.compile(
    rf"\b(?:Judge|Justice|Magistrate|Senator|Governor|Mayor|Minister|Vice Minister|Deputy Minister|Ambassador|"
    rf"Commissioner|Chairman|Chairwoman|President|Secretary)\s+({PERSON_WORD}(?:\s+{PERSON_WORD}){{1,2}})\b(?!['’]s\b)"
)
#: Mr Lindqvale, Dr Farid Haddad: a courtesy title before a name.
_AFTER_HONORIFIC = re.compile(rf"\b{HONORIFIC}\.?\s+({PERSON_WORD}(?:\s+{PERSON_WORD}){{0,2}})\b(?!['’]s\b)")
#: Sapucaí's chief executive, Renata Figueiredo, …
_POSSESSIVE_POST = re.compile(
    rf"(?:['’]s|\b[Ii]ts|\b[Tt]heir) (?:(?:non-executive|executive|independent|deputy|vice|senior|acting|interim|outgoing|new)\s+)?"
    rf"(?:chairman|chairwoman|chair|president|chief executive(?: officer)?|ceo|chief financial officer|cfo|"
    rf"managing director|general manager|director|founder|head|minister)(?: and [a-z ]{{3,30}})?,\s+"
    rf"((?-i:{PERSON_WORD}(?:\s+{PERSON_WORD}){{1,2}}))",  # the name itself in capitals, whatever the case of the post
    re.IGNORECASE,
)


def english_shape_candidates(text: str) -> Iterator[Candidate]:
    """Every name the finders of this module see in an English sentence."""
    for match in _SITE.finditer(text):
        start = _skip_leading(text, match.start(1), match.end(1))
        if start is not None and not _DESCRIBED_SITE.search(text, 0, start):
            kind = _SITE_KIND.get(match.group(3).lower(), "facility")
            yield Candidate(start, match.end(), kind, "english-shape", 3)
    for match in _ZONE.finditer(text):
        yield Candidate(match.start(1), match.end(1), "facility", "english-shape", 4)
    for match in _SLASH_PLACES.finditer(text):  # Rajasthan / Barmer: a state, then a district of it
        if match.group(1) in place_names():
            yield Candidate(match.start(2), match.end(2), "place", "english-shape", 3)
    for match in _NAMED_VENTURE.finditer(text):  # the proposed company, provisionally named X: a company
        yield Candidate(match.start(1), match.end(1), "company", "english-shape", 3)
    for match in _BLOCK.finditer(text):  # Mokalsar REE-Zirconium Block: a mining block, auctioned or licensed
        start = _skip_leading(text, match.start(), match.end())
        if start is not None:
            yield Candidate(start, match.end(), "mine", "english-shape", 3)
    for finder in (_CAPITAL_BYLINE, _POSSESSIVE_POST, _NAME_THEN_POST, _AFTER_HONORIFIC, _OFFICE_BEFORE):
        for match in finder.finditer(text):
            yield Candidate(match.start(1), match.end(1), "person", "english-shape", 3)
    for match in _NAME_THEN_ANY_POST.finditer(text):
        if head_kind(match.group(1)) is None and not _ENDS_LEGAL.search(match.group(1)):
            yield Candidate(match.start(1), match.end(1), "person", "english-shape", 3)
    yield from organisation_shapes(text)
    for match in _INTRODUCED.finditer(text):
        yield Candidate(match.start(1), match.end(1), "company", "english-shape", 2)
    for match in _OWNER.finditer(text):
        yield Candidate(match.start(1), match.end(1), "company", "english-shape", 3)
    for match in _APPOSITIVE.finditer(text):
        start = _skip_leading(text, match.start(1), match.end(1))
        if (
            start is None
            or text[start : match.end(1)] in SENTENCE_ADVERBS
            or match.group(1).endswith("ly")
            or re.fullmatch(LEGAL_FORM, text[start : match.end(1)])  # …(Pty) Ltd, a subsidiary: not "Ltd"
        ):
            continue
        kind = _APPOSITIVE_HEADS[match.group("head")]
        if kind in {"government", "association"} and "research" in match.group(2):
            kind = "institute"  # Mintek, the Randburg-based national mineral research council
        yield Candidate(start, match.end(1), kind, "english-shape", 3)
    yield from legal_acts(text)
    for finder in (_PLACE_BEFORE_CODE, _HEADQUARTERS_IN):
        for match in finder.finditer(text):
            start = _skip_leading(text, match.start(1), match.end(1))
            if start is not None:
                yield Candidate(start, match.end(1), "place", "english-shape", 3)
    for match in (*_PLACE_NOUN.finditer(text), *_DIVISION_OF.finditer(text), *_TOWN_NOUN.finditer(text)):
        yield Candidate(match.start(1), match.end(1), "place", "english-shape", 3)
    # DODOMA, Tanzania, Sept 8 (Reuters) -: the city of a dateline; Lindesberg, Örebro County: a town, its county
    for match in _DATELINE_CITY.finditer(text):
        yield Candidate(match.start(1), match.end(1), "place", "english-shape", 3)
    for match in _DATELINE_CITIES.finditer(text):
        position = match.start()
        for city in match.group().split("/"):
            yield Candidate(position, position + len(city), "place", "english-shape", 3)
            position += len(city) + 1
    for match in _TOWN_BEFORE_DIVISION.finditer(text):
        town = match.group(1)
        if (
            town.lower() in HEADS
            or town in SENTENCE_ADVERBS | {"Company", "Government"}
            or _LEADING.match(f"{town} of ")
        ):
            continue  # The Company, Western Province: no town
        for group in (1, 2):
            yield Candidate(match.start(group), match.end(group), "place", "english-shape", 3)
    for match in _REPORTED_BY.finditer(text):  # additional reporting by Aditi Venkatesh in New Delhi
        yield Candidate(match.start(1), match.end(1), "person", "english-shape", 3)
    for match in _REGION.finditer(text):  # the Morogoro region, in Singida region: the region, not its town
        yield Candidate(match.start(1), match.end(1), "place", "english-shape", 4)
    for match in _PROVINCE.finditer(text):
        yield Candidate(match.start(), match.end(), "place", "english-shape", 2)


#: Heads that languages other than English put first, before the place the body is named after.
_HEAD_FIRST = frozenset(
    {"tu", "bergakademie", "hochschule", "universität", "universiti", "universitas", "universidad",
     "universidade", "université", "università", "politecnico"}
)  # fmt: skip
_PLACE_AFTER_HEAD = re.compile(r"(?:\s+(?!(?:And|Of|The)\b)[A-Z][a-zà-ÿ'’-]+){1,3}")


def organisation_shapes(text: str) -> Iterator[Candidate]:
    """Organisations by the shape of their names: capitalised words up to a head noun or a legal form, with
    what follows it when it is part of the name (its legal form, "of India")."""
    introduced = {m.start(1): m.end(1) for m in _INTRODUCED.finditer(text)}
    covered = 0
    for match in _ORG.finditer(text):
        start = _skip_leading(text, match.start(1), match.end())  # The Department …: from Department
        if start is not None:
            start = _after_owner_of(text, start, match.end())  # Benjamin Ochoa of Hargrove Salas LLP
        if start is not None and start < covered and (joined := _JOINER.match(text, covered)):
            start = joined.end()  # the Export-Import Bank of Korea and Korea Development Bank: two names
        if start is None or start < covered:
            continue
        end = match.end()
        if (
            not _ENDS_LEGAL.search(text, 0, end)
            and match.group("ending")
            and (tail := _LEGAL_TAIL.match(text, end))
        ):
            end = covered = (
                tail.end()
            )  # Epangelo Mining Company (Pty) Ltd: the name runs on to its legal form
        joined = _JOINER.match(text, introduced.get(start, match.end()))
        if start in introduced and joined:  # company Tau-Ken Samruk and Ida-Viru Metals OÜ: two names
            start = joined.end()
        kind = head_kind(text[start:end]) or "company"
        legal = _ENDS_LEGAL.search(text, 0, end) is not None  # … Laboratories Limited of Kitwe: where it is
        if kind not in {"company", "group"} and not legal and (of := _OF_WHAT.match(text, end)):
            end = covered = of.end()  # the Geological Survey of India, the University of Saskatchewan
        head_first = kind == "university" and text[start:end].split()[-1].lower() in _HEAD_FIRST
        if head_first and (run_on := _PLACE_AFTER_HEAD.match(text, end)):
            end = covered = run_on.end()  # TU Bergakademie Freiberg, Universiti Malaysia Sarawak
        name = text[start:end]
        kind = head_kind(name) or kind
        if (match.group("legal") is None and len(name.split()) < 2) or re.fullmatch(LEGAL_FORM, name):
            continue  # Department, Group, Ltd: the noun or the legal form alone
        yield Candidate(start, end, kind, "english-shape", 3)


#: A stretch of Latin script inside a Chinese sentence (a foreign organisation's name written as it is).
_LATIN_STRETCH = re.compile(r"[A-Za-z][A-Za-z0-9 .,&'’()/-]*[A-Za-z0-9.)]")
_ORGANISATION_KINDS = frozenset({"company", "group", "institute", "university", "association", "government"})


def latin_names_in_chinese(text: str) -> Iterator[Candidate]:
    """已与Tanjung Nickel Resources Limited签订…: an organisation named in Latin script inside a Chinese sentence, found
    by its legal form or its head noun as in English text (a Latin name in brackets after a Chinese one is that
    name's alias, found with it)."""
    for stretch in _LATIN_STRETCH.finditer(text):
        if stretch.start() > 0 and text[stretch.start() - 1] in "(（":
            continue
        for found in organisation_shapes(stretch.group()):
            if found.kind in _ORGANISATION_KINDS:
                yield Candidate(
                    stretch.start() + found.start, stretch.start() + found.end, found.kind, "pattern:latin", 3
                )


def legal_acts(text: str) -> Iterator[Candidate]:
    """EU acts and treaties by their numbers and titles, which name them even in a heading in capitals; acts by
    their titles."""
    for finder in (_EU_ACT, _TREATY, _ACT, _LAW_ON):
        for match in finder.finditer(text):
            start = after_place_possessive(text, match.start(), match.end())
            yield Candidate(start, match.end(), "policy", "english-shape", 3)


_PLACE_POSSESSIVE = re.compile(rf"({WORD}(?:\s+{WORD}){{0,2}})['’]s\s+(?=[A-Z])")


_BODY_POSSESSIVE = re.compile(rf"({WORD}(?:\s+(?:(?:of|for|and|the)\s+)?{WORD}){{0,5}})['’]s\s+(?=[A-Z])")


def after_place_possessive(text: str, start: int, end: int) -> int:
    """Where a name starts once a place's possessive before it is left off (Japan's Home Appliance Recycling
    Act, Kitakyushu's Environment Bureau): the place's, not part of the name."""
    possessive = _PLACE_POSSESSIVE.match(text, start, end)
    if possessive and possessive.group(1) in place_names():
        return possessive.end()
    owner = _BODY_POSSESSIVE.match(text, start, end)
    if owner and head_kind(owner.group(1)) is not None and head_kind(text[owner.end() : end]) is not None:
        return owner.end()  # the Department of Energy's Office of …: the office, a unit of the department
    return start


_OF = re.compile(r"\s+of\s+(?:the\s+)?")


def _after_owner_of(text: str, start: int, end: int) -> int:
    """Where a name found as "A of B" begins: at A when A ends in a head noun (the Bank of Korea, the Geological
    Survey of India, Industrial Development Corporation of South Africa), else at B — A is a person or a post
    of B (Benjamin Ochoa of Hargrove Salas LLP)."""
    of = _OF.search(text, start, end)
    if of is None:
        return start
    last = text[start : of.start()].split()[-1].strip(",.").lower()
    return start if last in HEADS else of.end()


def _skip_leading(text: str, start: int, end: int) -> int | None:
    """The start of the name once sentence words (The, In, About), a title with "of" (Board of, President
    of) are left off; None if nothing is left."""
    while start < end:
        leading = _LEADING.match(text, start, end)
        if leading is None:
            return start
        start = leading.end()
    return None


__all__ = [
    "LEGAL_FORM",
    "STREET_WORDS",
    "WORD",
    "after_place_possessive",
    "english_shape_candidates",
    "legal_acts",
]
