"""What the patterns find in one sentence, reading only its text and words: organisations, policies and sites
by their endings, English names by shape and by the model, place-and-industry short names (常熟稀土), Latin
names in brackets, transliterated people, government units and short names of listed companies."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rekg.ingest.english import english_candidates, is_english
from rekg.ingest.english_model import english_ner_candidates
from rekg.ingest.english_names import latin_names_in_chinese
from rekg.ingest.name_patterns import (
    bracketed_latin_names,
    described_han_names,
    described_latin_names,
    government_units,
    listed_short_names,
    names_after_child,
    transliterated_people,
)
from rekg.ingest.patterns import (
    Candidate,
    Token,
    organisation_names,
    policy_names,
    truncated_organisations,
)
from rekg.ingest.person_names import people_before_honorifics
from rekg.ingest.site_patterns import site_names

_INDUSTRY_WORDS = {"稀土", "有色", "铝业", "铜业", "钨业", "矿业", "国盛", "钢铁", "锂业"}
_GOVERNMENT_WORDS = {
    "省委",
    "市委",
    "县委",
    "州委",
    "区委",
    "人民政府",
    "政府",
    "市政府",
    "省政府",
    "县政府",
    "国会",
    "议会",
    "内阁",
    "能源部",
    "商务部",
    "国防部",
    "财政部",
    "外交部",
    "内政部",
    "环境部",
    "工业部",
    "矿业部",
}
_NOT_A_COMPANY_PLACE = {"中国", "我国", "全国", "国内", "国际", "全球", "世界", "南方", "北方"}


def place_industry_names(tokens: Sequence[Token]) -> Iterable[Candidate]:
    """常熟稀土, 广西国盛: a place name and an industry word ending a word — a company's short name."""
    # word pairs up to the third word from the end (both words of a two-word sentence)
    pairs = len(tokens) - 2 if len(tokens) > 2 else len(tokens) // 2
    for index in [i for i in range(pairs) if tokens[i].tag == "LOC"]:
        first, second = tokens[index], tokens[index + 1]
        following = tokens[index + 2] if index + 2 < len(tokens) else None
        if first.text in _NOT_A_COMPANY_PLACE or first.end != second.start:
            continue
        government = next((w for w in _GOVERNMENT_WORDS if second.text.startswith(w)), None)
        if government:  # 越南国会, 贺州 + 市委书记 → 贺州市委
            end = second.start + len(government)
            yield Candidate(first.start, end, "government", "pattern:place-government", 2)
            continue
        if second.text not in _INDUSTRY_WORDS:
            continue
        if (
            following is not None
            and following.start == second.end
            and following.tag in {"n", "nz", "vn", "an"}
        ):
            continue  # 江西稀土资源: the industry word starts a longer phrase
        yield Candidate(first.start, second.end, "company", "pattern:place-industry", 2)


def pattern_candidates(
    text: str, tokens: tuple[Token, ...], english: Mapping[str, tuple[Candidate, ...]] | None = None
) -> tuple[Candidate, ...]:
    """What the patterns find in a sentence: they read only its text and words (and, for English, what the
    model found in it, read with the document's other English sentences when ``english`` has it)."""
    found: list[Candidate] = []
    found.extend(organisation_names(text, tokens))
    found.extend(policy_names(text))
    found.extend(site_names(text, tokens))
    if is_english(text):
        found.extend(english_candidates(text))
        found.extend(
            english[text] if english is not None and text in english else english_ner_candidates(text)
        )
    else:
        found.extend(latin_names_in_chinese(text))
    found.extend(truncated_organisations(text))
    found.extend(place_industry_names(tokens))
    found.extend(bracketed_latin_names(text, tokens))
    found.extend(described_latin_names(text))
    found.extend(described_han_names(text))
    found.extend(transliterated_people(text, tokens))
    found.extend(government_units(text))
    found.extend(listed_short_names(text))
    found.extend(names_after_child(text))
    found.extend(
        Candidate(start, end, "person", "pattern:honorific", 2)
        for start, end in people_before_honorifics(text)
    )
    return tuple(found)
