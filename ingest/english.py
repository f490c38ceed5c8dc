"""English passages: ``spacy.blank("en")`` with an EntityRuler of token patterns for organisations, mines,
projects and people with honorifics, and relation rules for the phrasings of English announcements.

A sentence counts as English when most of its letters are Latin. Candidates and relations use the same
data types as the Chinese side, so linking and emission do not care which language a name came from.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from rekg.ingest.english_kinds import DEMONYMS, head_kind
from rekg.ingest.english_names import (
    SENTENCE_ADVERBS,
    STREET_WORDS,
    after_place_possessive,
    english_shape_candidates,
    legal_acts,
)
from rekg.ingest.model import RelationRecord
from rekg.ingest.patterns import Candidate

_LATIN = re.compile(r"[A-Za-z]")
_HAN = re.compile(r"[\u3400-\u9fff]")

#: A word of a person's name: capitalised, accents and hyphens allowed (Marc-André, Sung-ho, O'Leary).
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+(?:-[A-Za-zÀ-ÖØ-öø-ÿ]+)*"
_TITLE = {"IS_TITLE": True}
_NAME_WORDS = {"TEXT": {"REGEX": r"^(?:[A-Z][a-z]+|[A-Z][A-Za-z0-9&]*[A-Z0-9])$"}, "OP": "+"}  # Lynas, MP
_LEGAL_FORM = [{"LOWER": "co."}, {"ORTH": ","}, {"LOWER": {"IN": ["ltd", "ltd."]}}]
_ORG_ENDINGS = [
    "corporation",
    "company",
    "group",
    "university",
    "institute",
    "association",
    "limited",
    "inc.",
    "inc",
    "corp.",
    "corp",
    "ltd",
    "ltd.",
    "llc",
    "plc",
    "holdings",
    "resources",
    "mining",
    "metals",
    "materials",
    "earths",
    "magnetics",
    "technologies",
    "jsc",
    "bhd",
    "berhad",
    "oü",
    "oy",
    "ab",
    "kk",
    "gmbh",
    "ag",
    "s.a.",
    "spa",
    "pte",
    "n.v.",
    "council",
    "commission",
    "agency",
    "authority",
    "bureau",
    "exchange",
]

PATTERNS: tuple[dict[str, Any], ...] = (
    {"label": "company", "pattern": [_NAME_WORDS, *_LEGAL_FORM]},
    {"label": "company", "pattern": [_NAME_WORDS, {"LOWER": {"IN": _ORG_ENDINGS}}]},
    {"label": "mine", "pattern": [_NAME_WORDS, {"LOWER": {"IN": ["mine", "deposit", "prospect"]}}]},
    {
        "label": "facility",
        "pattern": [
            _NAME_WORDS,
            {
                "LOWER": {
                    "IN": [
                        "facility",
                        "plant",
                        "refinery",
                        "smelter",
                        "complex",
                        "mill",
                        "concentrator",
                        "works",
                    ]
                }
            },
        ],
    },
    {
        "label": "government",
        "pattern": [
            {"ORTH": {"IN": ["U.S.", "US", "UK", "EU"]}, "OP": "?"},
            {"LOWER": {"IN": ["department", "ministry", "office"]}},
            {"LOWER": "of"},
            {"LOWER": "the", "OP": "?"},
            _NAME_WORDS,
        ],
    },
    {"label": "project", "pattern": [_NAME_WORDS, {"LOWER": "project"}]},
    {
        "label": "person",
        "pattern": [
            {"LOWER": {"IN": ["mr.", "ms.", "mrs.", "dr.", "prof.", "mr", "ms", "mrs", "dr", "prof"]}},
            _TITLE,
            {"TEXT": {"REGEX": r"^[A-Z][a-z]+(?:-[a-z]+)?$"}},
        ],
    },
    {
        "label": "facility",
        "pattern": [_NAME_WORDS, {"LOWER": "industrial"}, {"LOWER": {"IN": ["estate", "park", "zone"]}}],
    },
    {
        "label": "policy",
        "pattern": [
            _NAME_WORDS,
            {"LOWER": {"IN": ["strategy", "act", "policy", "plan", "program", "programme", "initiative"]}},
            {"TEXT": {"REGEX": r"^(?:19|20)\d\d(?:[-–](?:19|20)\d\d)?$"}, "OP": "?"},
            {"ORTH": {"IN": ["-", "–"]}, "OP": "?"},
            {"TEXT": {"REGEX": r"^(?:19|20)\d\d$"}, "OP": "?"},
        ],
    },
    {"label": "place", "pattern": [_NAME_WORDS, {"LOWER": "region"}]},
    {
        "label": "policy",
        "pattern": [
            _NAME_WORDS,
            {"LOWER": "act"},
            {"LOWER": "of"},
            {"TEXT": {"REGEX": r"^(?:1[89]|20)\d\d$"}},
        ],
    },
    {
        "label": "policy",
        "pattern": [{"LOWER": "executive"}, {"LOWER": "order"}, {"TEXT": {"REGEX": r"^\d{4,6}$"}}],
    },
    {
        "label": "government",
        "pattern": [
            {"LOWER": "office"},
            {"LOWER": "of"},
            {"LOWER": "the", "OP": "?"},
            _NAME_WORDS,
            {"LOWER": {"IN": ["of", "for"]}},
            _NAME_WORDS,
            {"LOWER": {"IN": ["of", "for"]}, "OP": "?"},
            {"TEXT": {"REGEX": r"^[A-Z][a-z]+$"}, "OP": "*"},
        ],
    },
    {
        "label": "government",
        "pattern": [{"TEXT": {"REGEX": r"^[A-Z][a-z]+(?:an|ese|ish|ian|ch)$"}}, {"LOWER": "government"}],
    },
)
_PLANT_WORDS = {
    "processing",
    "separation",
    "refining",
    "refinery",
    "recycling",
    "manufacturing",
    "magnet",
    "production",
}
_DEPARTMENT = re.compile(
    r"\b(?:(?:U\.S\.|US|UK|EU|Australian)\s+)?(?:Department|Ministry)\s+of\s+(?:the\s+)?"
    r"[A-Z][a-z]+(?:(?:,\s+|\s+and\s+|\s+&\s+|\s+)[A-Z][a-z]+)*"
)
_GENERIC_SINGLE = {"company", "group", "project", "mine", "facility", "plant", "department", "government",
                   "strategy", "act", "policy", "plan", "program", "programme", "initiative", "region"}  # fmt: skip
# Capitalised words that start a sentence or a heading rather than a name (About Boreal Lanthanide Inc.)
_LEADING_WORDS = set(
    [
        "The",
        "A",
        "An",
        "SOURCE",
        "Source",
        "On",
        "In",
        "At",
        "By",
        "Of",
        "From",
        "With",
        "Its",
        "This",
        "That",
        "About",
        "For",
        "Under",
        "After",
        "Before",
        "Today",
        "Meanwhile",
        "Also",
        "And",
        "But",
        "Both",
        "Each",
        "While",
        "When",
        "Where",
        "Through",
        "Via",
        "Per",
        "Last",
        "Next",
        "Since",
        "Shares",
        "Read",
        "Contact",
        "Media",
        "Investors",
        "Source",
    ]
)


def is_english(text: str) -> bool:
    """Whether a sentence is English: Latin letters outnumber Han characters three to one."""
    latin = len(_LATIN.findall(text))
    return latin >= 12 and latin > 3 * len(_HAN.findall(text))


@cache
def english_pipeline() -> Any:
    """``spacy.blank("en")`` with rekg's EntityRuler (built once per process)."""
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(list(PATTERNS))
    return nlp


def english_candidates(text: str) -> Iterator[Candidate]:
    """Names in an English sentence, as character spans (honorifics left out of people's names).

    A headline in capitals (HALCYON SIGNS BINDING OFFTAKE AGREEMENT…) gives none but a numbered act: every word
    looks like a name.
    """
    if not re.search(r"[a-z]", text):
        yield from legal_acts(text)  # COMMISSION IMPLEMENTING DECISION (EU) 2026/1187: its number names it
        return
    doc = english_pipeline()(text)
    for span in doc.ents:
        tokens = list(span)
        while tokens and tokens[0].text in _LEADING_WORDS:
            tokens = tokens[1:]
        if span.label_ == "person":
            tokens = tokens[1:]
        if not tokens or (len(tokens) == 1 and tokens[0].lower_ in _GENERIC_SINGLE) or tokens[0].is_lower:
            continue  # the Company, the project, the initiative: a reference, not a name
        if tokens[-1].is_lower and tokens[-1].lower_ in {
            "company",
            "firm",
            "university",
            "institute",
            "college",
        }:
            continue  # the Estonian company, Freiberg university: a description of one named elsewhere
        if (
            tokens[-1].is_lower
            and tokens[-1].lower_ != "government"  # the French government is a body
            and all(t.is_lower or t.text in DEMONYMS for t in tokens[:-1])
        ):
            continue  # an Australian mine, the Thai plant: what it is and where, no name
        kind = span.label_
        if kind == "place" and tokens[-1].lower_ == "region" and len(tokens) > 1:
            tokens = tokens[:-1]  # the Goldfields region → Goldfields
        if (
            kind == "facility"
            and tokens[-1].text == "Facility"
            and not _PLANT_WORDS & {t.lower_ for t in tokens}
        ):
            continue  # the Critical Minerals Facility is a financing programme, not a plant
        if kind == "company":
            kind = head_kind(" ".join(t.text for t in tokens)) or "company"
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        yield Candidate(after_place_possessive(text, start, end), end, kind, "english-ruler", 3)
    yield from english_shape_candidates(text)
    for match in _NAME_AFTER_POST.finditer(text):  # TBRE general director Tran Quoc Hung
        yield Candidate(match.start(1), match.end(1), "person", "english-person-post", 3)
    for match in _PERSON_WITH_POST.finditer(text):  # James Litinsky, Chairman and CEO of …
        yield Candidate(match.start(1), match.end(1), "person", "english-person-post", 3)
    for match in _DEPARTMENT.finditer(text):  # Department of Industry, Science and Resources
        yield Candidate(match.start(), match.end(), "government", "english-department", 3)
    for match in _PLACE_BEFORE_PLACE.finditer(text):  # Perth, Western Australia
        if (
            match.group(2) in _english_places()
            and match.group(1) not in SENTENCE_ADVERBS
            and match.group(1).split()[-1] not in STREET_WORDS
        ):
            yield Candidate(match.start(1), match.end(1), "place", "english-place", 2)


_NAME_AFTER_POST = re.compile(
    r"(?:\b(?i:general director|chief executive|chairman|chairwoman|managing director|analyst|president|"
    r"vice president|founder|co-founder|minister|vice minister|spokesperson|spokesman|spokeswoman|chief "
    r"engineer|plant manager|general manager|director|mayor|governor|professor|writer|reporter|correspondent|"
    r"editor|economist)|^By)\s+"
    rf"((?!(?:Mr|Ms|Mrs|Dr)\b){_NAME_WORD}(?:\s{_NAME_WORD}){{1,3}})\b"
)
_PLACE_BEFORE_PLACE = re.compile(r"\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)?),\s([A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})\b")


@cache
def _english_places() -> frozenset[str]:
    """English names of the place lexicon's countries and regions."""
    from rekg.graph.places import places

    return frozenset(place.english for place in places() if place.english)


_SUBSIDIARY = re.compile(
    r",?\s*(?:a|an|its)\s+(?:wholly[- ]owned\s+|majority[- ]owned\s+|controlled\s+)?subsidiary of\s+"
)
_AGREEMENT = re.compile(
    r"\b(?:signed|executed|entered\s+into|concluded)\s+(?:a|an)\s+[^.]{0,60}?(agreement|memorandum)[^.]{0,10}?\bwith\s+"
)
_OPERATED_BY = re.compile(r"\b(?:is\s+|was\s+)?operated by\s+")
_OPERATES = re.compile(r"\boperates\s+(?:the\s+)?")
_LOCATED = re.compile(r"\b(?:is\s+)?located in\s+")
_POST_TITLE = (
    r"(?:(?:Executive|Non-executive|Non-Executive|Independent|Deputy|Vice|Senior|Acting|Interim|Assistant)\s+)?(?:Chairman|Chairwoman|Chairperson|Chair"
    r"|President|Chief Executive Officer|Chief Executive|CEO|Chief Financial Officer|CFO|Chief Operating Officer"
    r"|COO|Chief Technology Officer|CTO|Managing Director|General Director|General Manager|Director General"
    r"|Director|Minister|Secretary|Founder|Co-founder|Head|Mayor|Governor|Commissioner|Spokesperson"
    r"|Spokesman|Spokeswoman|Professor|Chief Engineer|Plant Manager|Manager|Analyst)"
)
_POST = re.compile(rf",\s*(?:the\s+)?({_POST_TITLE}(?:\s+(?:and|&)\s+{_POST_TITLE})*)\s+(?:of|at)\s+")
_PERSON_WITH_POST = re.compile(
    rf"\b(?!(?:Mr|Ms|Mrs|Dr|Prof)\b)({_NAME_WORD}(?:\s+[A-Z]\.)?(?:\s+{_NAME_WORD}){{1,2}}),\s+"
    rf"(?:currently\s+|now\s+|formerly\s+)?(?:the\s+|a\s+|an\s+|its\s+)?(?:(?:senior|deputy|acting|interim|executive|former)\s+)?(?i:{_POST_TITLE})\b"
)
_POST_BEFORE = re.compile(rf"\b({_POST_TITLE}(?:\s+(?:and|&)\s+{_POST_TITLE})*)\s+of\s+")
_ORG_POST_NAME = re.compile(
    r"\s+(?i:general director|chief executive(?: officer)?|chairman|chairwoman|president|managing director|"
    r"director|ceo|head|founder)\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+(?:-[a-z]+)?){1,3})\b"
)
_BASED = re.compile(r"\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)-based\s+")
_OPERATOR_OF = re.compile(r",?\s*(?:the\s+)?(?:operator|owner)\s+of\s+(?:the\s+)?")
_SIGNATURE = re.compile(
    rf",\s+{_POST_TITLE}(?:\s*(?:,|and|&)\s*{_POST_TITLE})*(?:,\s+[A-Z][A-Za-z ]{{2,40}})?,\s+"
)
_ISSUED_BY = re.compile(r",?\s*(?:released|issued|published|administered|adopted)\s+by\s+(?:the\s+)?")
_SUBSIDIARY_AFTER = re.compile(r"\bits\s+(?:wholly[- ]owned\s+|majority[- ]owned\s+)?subsidiary,?\s+")
_SHAREHOLDER = re.compile(r"'s\s+(?:largest|major|main|controlling|substantial|biggest)?\s*shareholder,?\s+")
_HOLDS_SHARES = re.compile(
    r"\b(?:holds|owns|acquired)\s+(?:a\s+)?\d+(?:\.\d+)?\s?%\s+(?:stake\s+)?(?:of|in)\s+(?:the\s+)?"
)


def english_relations(view: Any) -> Iterator[RelationRecord]:
    """X, a wholly-owned subsidiary of Y; X signed a … agreement with Y; M, which is operated by X;
    X is located in P; Mr. N, Chairman of X — in English sentences."""
    if not is_english(view.text):
        return
    text, mentions = view.text, view.mentions
    index = view.sentence.index

    def after(position: int, kinds: set[str] | None = None) -> Any:
        return next((m for m in mentions if m.start >= position and (kinds is None or m.kind in kinds)), None)

    def before(position: int, kinds: set[str] | None = None) -> Any:
        found = [m for m in mentions if m.end <= position and (kinds is None or m.kind in kinds)]
        return found[-1] if found else None

    organisations = {
        "company",
        "group",
        "institute",
        "university",
        "association",
        "organization",
        "government",
    }
    for match in _SUBSIDIARY.finditer(text):
        child, parent = before(match.start(), organisations), after(match.end(), organisations)
        if child and parent and child.iri != parent.iri:
            yield RelationRecord(child.iri, "subsidiaryOf", parent.iri, index, 0.85, "english-subsidiary")
    for match in _AGREEMENT.finditer(text):
        first, second = before(match.start(), organisations), after(match.end(), organisations)
        if first and second and first.iri != second.iri:
            rule = (
                "partner-agreement"
                if match.group(1) in {"agreement", "memorandum"}
                else "partner-partnership"
            )
            yield RelationRecord(first.iri, "partnerOf", second.iri, index, 0.85, rule, date=_year(text))
    for match in _OPERATED_BY.finditer(text):
        site, operator = (
            before(match.start(), {"mine", "facility", "project"}),
            after(match.end(), organisations),
        )
        if site and operator:
            yield RelationRecord(operator.iri, "operates", site.iri, index, 0.8, "english-operated-by")
    for match in _OPERATES.finditer(text):
        operator, site = before(match.start(), organisations), after(match.end(), {"mine", "facility"})
        if site and operator:
            yield RelationRecord(operator.iri, "operates", site.iri, index, 0.8, "english-operates")
    places = [m for m in mentions if m.kind == "place"]
    for first, second in itertools.pairwise(places):  # Perth, Western Australia
        if re.fullmatch(r",\s*", text[first.end : second.start]) and first.iri != second.iri:
            yield RelationRecord(first.iri, "locatedIn", second.iri, index, 0.75, "english-place-chain")
    for mention in mentions:  # Daesung Industrial Group of Seoul
        place = after(mention.end, {"place"})
        if (
            mention.kind in organisations
            and place
            and re.fullmatch(r"\s+(?:of|in)\s+", text[mention.end : place.start])
        ):
            yield RelationRecord(
                mention.iri, "locatedIn", place.iri, index, 0.7, "english-organisation-of-place"
            )
    for match in _LOCATED.finditer(text):
        subject, place = before(match.start()), after(match.end(), {"place"})
        if subject and place and subject.kind != "place":
            yield RelationRecord(subject.iri, "locatedIn", place.iri, index, 0.75, "english-located-in")
    for (
        mention
    ) in mentions:  # TBRE general director Tran Quoc Hung; Kinta chief executive Ahmad Faizal Rahman
        named = _ORG_POST_NAME.match(text, mention.end)
        person = after(mention.end, {"person"}) if named else None
        if mention.kind in organisations and person and person.start == named.start(1):
            yield RelationRecord(
                person.iri, "holdsPostIn", mention.iri, index, 0.75, "english-organisation-post"
            )
    for match in _SIGNATURE.finditer(
        text
    ):  # Daniel Tremblay, Vice President, Corporate Development, Boreal Inc.
        person, organisation = before(match.start(), {"person"}), after(match.end(), organisations)
        if person and organisation and match.start() - person.end <= 1 and organisation.start == match.end():
            yield RelationRecord(person.iri, "holdsPostIn", organisation.iri, index, 0.7, "english-signature")
    for match in _BASED.finditer(text):  # Saskatoon-based Boreal
        place = next((m for m in mentions if m.kind == "place" and m.start == match.start(1)), None)
        subject = after(match.end(), organisations)
        if place and subject and subject.start == match.end():
            yield RelationRecord(subject.iri, "locatedIn", place.iri, index, 0.75, "english-based")
    for match in _OPERATOR_OF.finditer(text):  # Athabasca Critical Metals Ltd., the operator of the … deposit
        operator, site = before(match.start(), organisations), after(match.end(), {"mine", "facility"})
        if operator and site and match.start() - operator.end <= 1 and site.start - match.end() <= 1:
            yield RelationRecord(operator.iri, "operates", site.iri, index, 0.8, "english-operator-of")
    for mention in mentions:  # TBRE's Khe Cam mine
        site = after(mention.end, {"mine", "facility"})
        if (
            mention.kind in organisations
            and site
            and re.fullmatch(r"['’]s\s+", text[mention.end : site.start])
        ):
            yield RelationRecord(mention.iri, "operates", site.iri, index, 0.7, "english-possessive-site")
    # the Critical Minerals Strategy 2023-2030, released by the Department …
    for match in _ISSUED_BY.finditer(text):
        policy, issuer = before(match.start(), {"policy"}), after(match.end(), organisations)
        if policy and issuer and issuer.start - match.end() <= 2 and match.start() - policy.end <= 2:
            yield RelationRecord(policy.iri, "issuedBy", issuer.iri, index, 0.8, "english-issued-by")
    for match in _SUBSIDIARY_AFTER.finditer(text):  # X … its wholly-owned subsidiary, Y
        parent, child = before(match.start(), organisations), after(match.end(), organisations)
        if parent and child and child.start - match.end() <= 2 and child.iri != parent.iri:
            yield RelationRecord(child.iri, "subsidiaryOf", parent.iri, index, 0.85, "english-its-subsidiary")
    for match in _SHAREHOLDER.finditer(text):  # X's largest shareholder, Y
        company, holder = before(match.start() + 1, organisations), after(match.end(), organisations)
        if company and holder and holder.start - match.end() <= 2 and company.iri != holder.iri:
            yield RelationRecord(holder.iri, "shareholderOf", company.iri, index, 0.8, "english-shareholder")
    for match in _HOLDS_SHARES.finditer(text):  # Y holds 19.8% of X
        holder, company = before(match.start(), organisations), after(match.end(), organisations)
        if company and holder and company.start - match.end() <= 2 and company.iri != holder.iri:
            yield RelationRecord(
                holder.iri, "shareholderOf", company.iri, index, 0.75, "english-holds-shares"
            )
    for match in _POST_BEFORE.finditer(text):  # Managing Director of Halcyon, Ms Fiona Whitlock
        organisation = after(match.end(), organisations)
        if organisation is None or organisation.start - match.end() > 4:
            continue
        person = after(organisation.end, {"person"})
        if person and person.start - organisation.end <= 8:
            yield RelationRecord(
                person.iri,
                "holdsPostIn",
                organisation.iri,
                index,
                0.8,
                "english-post-before",
                role=match.group(1),
            )
    for match in _POST.finditer(text):
        person, organisation = before(match.start(), {"person"}), after(match.end(), organisations)
        if person and organisation and organisation.start - match.end() <= 4:
            yield RelationRecord(
                person.iri, "holdsPostIn", organisation.iri, index, 0.8, "english-post", role=match.group(1)
            )


def _year(text: str) -> str | None:
    match = re.search(r"\b(19|20)\d{2}\b", text)
    return match.group() if match else None
