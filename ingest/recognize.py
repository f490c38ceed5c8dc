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

from rekg.ingest.divisions import division_candidates
from rekg.ingest.english import is_english
from rekg.ingest.english_model import english_names
from rekg.ingest.lexicon import (
    NameBook,
    NameMatcher,
    is_generic_name,
    kind_from_suffix,
)
from rekg.ingest.model import Mention, NormalizedText, Sentence
from rekg.ingest.name_patterns import (
    split_short_in_brackets,
)
from rekg.ingest.patterns import (
    Candidate,
    Token,
    joined_names,
    split_joined_names,
)
from rekg.ingest.person_names import (
    english_person_names,
    family_name_owners,
    family_names,
    name_line_before_post,
    surname_mentions,
)
from rekg.ingest.posts import post_pattern
from rekg.ingest.sentence_patterns import pattern_candidates
from rekg.ingest.short_names import learn_short_names
from rekg.ingest.site_patterns import project_title
from rekg.ingest.spans import (
    STREET_NUMBER,
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
from rekg.ingest.tagged_names import ATTRIBUTIVE_AFTER, described_by_country, tagged_candidates
from rekg.ingest.tagging import tag_sentences
from rekg.ontology import ORGANIZATION_KINDS

_NOUN_AFTER = re.compile(
    r"资源|产业|行业|市场|产品|价格|储量|出口|进口|定价|供应|需求|矿产|元素|永磁|材料|企业"
)
#: A Latin short name that begins a site's name (Yarrabee in "Yarrabee Rare Earths Mine").
_SITE_NAME_AFTER = re.compile(
    r"(?: [A-Z][\w'-]*)*? (?:Mine|Project|Plant|Facility|Refinery|Deposit|Operations?|Hub|Complex|Mill)\b"
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
    found.extend(division_candidates(text, known))
    found.extend(_known_names(text, known))
    key = (text, tuple(tokens))
    patterns = memo.get(key) if memo is not None else None
    if patterns is None:
        patterns = pattern_candidates(*key, english)
        if memo is not None:
            memo[key] = patterns
    found.extend(c for c in patterns if not _plant_of_a_place(c, text, book))
    found.extend(_local_governments(tokens, known, patterns, text))
    found.extend(tagged_candidates(text, tokens, book))
    found = [
        with_campus(strip_relation_words(piece, text), text)
        for c in found
        for cut in cut_at_slash(without_post(c, text), text)
        for piece in (joined_names(text, cut) if cut.kind in ORGANIZATION_KINDS else [cut])
    ]
    found = [piece for c in found for piece in split_short_in_brackets(c, text)]
    return _model_within_rules(found)


def _known_names(text: str, known: Sequence[tuple[int, int, str, str]]) -> Iterator[Candidate]:
    """The names the lists and the document know, where the words after them do not make them part of a phrase."""
    for begin, end, name, kind in known:
        if kind in ORGANIZATION_KINDS and kind_from_suffix(name) is None and _NOUN_AFTER.match(text, end):
            continue  # 中国稀土资源: a short name read into a noun phrase
        if kind in ORGANIZATION_KINDS and name.isascii() and _SITE_NAME_AFTER.match(text, end):
            continue  # Yarrabee Rare Earths Mine: the site's name, not its owner's
        if kind == "place" and ATTRIBUTIVE_AFTER.match(text, end):
            continue  # 中国特色, 中国方案: the place name used as an adjective
        if kind == "place" and STREET_NUMBER.match(text, end):
            continue  # 塔城街13号: a street named after a city, in an address
        yield Candidate(begin, end, kind, "gazetteer", 5)


def _local_governments(
    tokens: Sequence[Token],
    known: Sequence[tuple[int, int, str, str]],
    patterns: Sequence[Candidate],
    text: str,
) -> Iterator[Candidate]:
    """包头市 + 工业和信息化局: a city's own bureau, named with the city — a known place or a city the lists do
    not know, tagged with the bureau's first word (鹿城市|工业和信息化局)."""
    places_ending = {
        end: begin for begin, end, _, kind in known if kind == "place" and _LOCAL_LEVEL.search(text, 0, end)
    }
    for token in tokens:
        head = _LOCAL_HEAD.match(token.text)
        if head is not None and token.tag in {"ORG", "LOC", "ns"}:
            places_ending.setdefault(token.start + head.end(), token.start)
    for unit in patterns:
        if unit.kind == "government" and unit.start in places_ending:
            yield Candidate(places_ending[unit.start], unit.end, "government", "pattern:local-government", 4)


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


def _join_split_places(tokens: list[Token]) -> list[Token]:
    """夸|莱郡, 基|南戈区: a place the tagger cut after its first character is one place; 码市|镇冲尾村: the
    level of government the tagger gave the next place is the first's."""
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
        elif (
            last is not None
            and last.tag == "LOC"
            and token.tag == "LOC"
            and last.end == token.start
            and len(token.text) >= 3
            and token.text[0] in "县区镇乡"
            and last.text[-1] + token.text[0] not in {"市区", "县区", "省区", "市县"}
        ):  # 码市|镇冲尾村: the level of government belongs to the place before
            out[-1] = Token(last.text + token.text[0], "LOC", last.start, last.end + 1)
            out.append(Token(token.text[1:], "LOC", token.start + 1, token.end))
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


_LOCAL_LEVEL = re.compile(r"(?:省|市|县|区|州|盟|旗)$")
_LOCAL_HEAD = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:省|市|县|州|盟)")


_UNIT_KINDS = frozenset({"institute", "university", "government"})


@cache
def _unit_after() -> re.Pattern[str]:
    """A unit named right after its parent and followed by a post or a pause: 工研院|材料与化工研究所|副所长,
    产发署|金属机电产业组|科长, 市财政局|经济建设科|　."""
    return re.compile(
        r"(?!联合|共同|合作|建设|签署|开发|成立|设立|组建|牵头|参与|负责|主导|承担|申报|获批|获得|与|和|及)"
        r"(?:办公室|办公厅|(?:[\u4e00-\u9fff]{2,8}?[与及和])?(?:(?!研究所|研究院|学院|学系|实验室|研究中心|[与及和])"
        r"[\u4e00-\u9fff]){1,8}?(?:研究所|研究院|学院|学系|实验室|研究中心|产业组|组|处|科|(?<!公)司))"
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
    return candidate.kind == "facility" and described_by_country(text[candidate.start : candidate.end], book)


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
