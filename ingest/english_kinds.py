"""What kind of body an English name says it is, from its head noun — one table for every English finder (the
shape finder, the token ruler and the corrections to the English model).

The head is the noun that the rest of the name qualifies: the last head noun before a linking preposition
(Colorado *School* of Mines, Export-Import *Bank* of Korea, *Universidad* de Concepción), else the last head noun
of the name (Korea Development *Bank*, New Energy and Industrial Technology Development *Organization*).
"""

from __future__ import annotations

import re

# fmt: off
#: Head nouns (lowercase) and the kind each gives.
HEADS: dict[str, str] = {
    # universities
    "university": "university", "université": "university", "universidad": "university",
    "universidade": "university", "universität": "university", "universiteit": "university",
    "università": "university", "polytechnique": "university", "polytechnic": "university",
    "college": "university", "school": "university", "bergakademie": "university", "hochschule": "university",
    "universiti": "university", "universitas": "university", "politecnico": "university", "tu": "university",
    # research bodies
    "institute": "institute", "institut": "institute", "instituto": "institute", "istituto": "institute",
    "institution": "institute", "laboratory": "institute", "laboratories": "institute", "centre": "institute",
    "center": "institute", "centro": "institute", "academy": "institute", "lab": "institute", "csiro": "institute",
    "ansto": "institute",
    # government
    "commission": "government", "agency": "government", "authority": "government", "bureau": "government",
    "ministry": "government", "ministère": "government", "ministerio": "government", "department": "government",
    "gouvernement": "government", "government": "government", "registrar": "government", "survey": "government",
    "council": "government", "board": "government", "office": "government", "administration": "government",
    "directorate": "government", "service": "government", "organization": "government", "division": "government",
    "section": "government", "parliament": "government", "congress": "government", "senate": "government",
    "treasury": "government", "customs": "government", "committee": "government", "assembly": "government",
    "panchayat": "government", "court": "government", "tribunal": "government",
    "organisation": "government", "secretariat": "government", "undersecretariat": "government", "inspectorate": "government",
    # associations
    "association": "association", "federation": "association", "alliance": "association",
    "chamber": "association", "society": "association", "consortium": "association", "union": "association",
    # other organisations
    "exchange": "organization", "library": "organization", "foundation": "organization", "trust": "organization",
    "forum": "organization",
    # companies and groups
    "group": "group",
    "holdings": "company", "resources": "company", "minerals": "company", "mining": "company",
    "metals": "company", "materials": "company", "magnetics": "company", "technologies": "company",
    "industries": "company", "communications": "company", "consulting": "company", "advisers": "company",
    "advisors": "company", "bank": "company", "fund": "company", "earths": "company", "magnets": "company",
    "chemical": "company", "chemicals": "company", "energy": "company", "capital": "company",
    "partners": "company", "motors": "company", "electric": "company", "steel": "company",
    "investments": "company", "mines": "company", "exploration": "company", "recycling": "company",
    "refining": "company", "corporation": "company", "company": "company", "ventures": "company",
}
# fmt: on
#: Words for where a thing is from: before a generic noun they describe it (the miner's Malaysian plant).
DEMONYMS = {
    "Australian",
    "American",
    "Canadian",
    "Chinese",
    "Japanese",
    "Korean",
    "South",
    "Malaysian",
    "Vietnamese",
    "German",
    "French",
    "British",
    "European",
    "Indian",
    "Brazilian",
    "African",
    "Estonian",
    "Norwegian",
    "Thai",
    "Indonesian",
    "Mongolian",
    "Russian",
    "Swedish",
    "Finnish",
    "Greenlandic",
    "Chilean",
    "Peruvian",
    "US",
    "U.S.",
}  # fmt: skip
#: Heads that name a body only when another word qualifies them (not "Head Office", "the Board").
_QUALIFIED = {"office", "board", "service", "school", "centre", "center", "division", "section", "committee"}
_LINK = {"of", "for", "de", "do", "da", "dos", "das", "des", "du", "del", "di", "für", "van", "von"}
#: Banks of a state: a development or export bank, a central bank.
_STATE_BANK = re.compile(r"\b(?:Development|Export|Import|Exim|EXIM|Central|Reserve|Policy)\b")
#: Research councils and centres are research bodies; a minerals or business council is an association.
_RESEARCH = re.compile(r"\bResearch (?:Council|Centre|Center|Organisation|Organization)\b")
_TRADE_COUNCIL = re.compile(
    r"\b(?:Minerals|Mining|Industry|Industries|Metals|Magnet|Battery|Exporters) Council\b"
)
_CITY = re.compile(r"^(?:City|Town|Municipality|Prefecture|County|Province|State|Shire) of ")


def head_kind(name: str) -> str | None:
    """The kind of body ``name``'s head noun gives, or None when it has no head noun of the table."""
    if _RESEARCH.search(name):
        return "institute"
    if _TRADE_COUNCIL.search(name):
        return "association"
    if _CITY.match(name):
        return "government"  # the City of Kitakyushu: the city's government
    words = [w.strip(",.'’()").lower() for w in name.split()]
    link = next((i for i, w in enumerate(words) if w in _LINK and i > 0), len(words))
    for span in (words[:link], words):
        head = next((w for w in reversed(span) if w in HEADS), None)
        if head is not None and not (head in _QUALIFIED and len(words) < 2):
            if head == "bank" and _STATE_BANK.search(name):
                return "government"
            return HEADS[head]
    return None
