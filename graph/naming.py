"""Generated English names: a Chinese name cut into known parts, each part in English where one is known, pinyin
for the proper-name parts.

A run of Han characters is cut into the fewest parts, the longer parts winning a tie (包铝热电厂 → 包|铝|热电厂,
not 包|铝热|电厂). The parts are known from, in this order:

1. the curated glossary (``seeds/glossary.tsv``: 稀土 → Rare Earth, 有限公司 → Co., Ltd., 总部 → Headquarters)
   and the English names of countries (巴西 → Brazil);
2. the place lexicon (``seeds/places.tsv``): a place stays pinyin (包头 → Baotou), its kind in English
   (包头市 → Baotou City);
3. CC-CEDICT (``graph/dictionary.py``, words of two or more characters): a common word in English (党校 →
   Party School, 质量 → Quality), a proper name by its English name where the dictionary has a clean one
   (清华大学 → Tsinghua University) and otherwise, if of two characters, as one pinyin word (会泽 → Huize).
   Words the dictionary gives no English for are not parts: their characters are read as the rest are.

Characters no list knows are a proper name (a coined company name, a person's): the characters between two known
parts are one pinyin word (中铝党校 → Zhonglv Party School). A one-character glossary word right after a lone
unknown character ends a name rather than naming a kind (博法 → Bofa, not Bo Law); a two-character word before
the kind of a place (村, 镇, 县 …) is the place's name (凉水村 → Liangshui Village, not Cool Water Village).

:func:`untranslated_words` finds the words of a Chinese name that an English name still gives in pinyin
although the glossary or the dictionary translates them (``rekg stats`` counts the names with any).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rekg.graph.dictionary import Rendering, lookup, translates, words
from rekg.graph.pinyin import has_han, strip_tones, syllables
from rekg.graph.places import place_english, places
from rekg.seeds import GAZETTEER_JSON, GLOSSARY_TSV

# Sources of a part, as :func:`english_parts` reports them.
GLOSSARY = "glossary"
PLACE = "place"
DICTIONARY = "dictionary"  # a common word of CC-CEDICT, in English
PROPER = "proper"  # a proper name of CC-CEDICT, by its English name
PINYIN = "pinyin"  # a proper name or characters no list knows, in pinyin
TEXT = "text"  # not Han: kept as it is
_TRANSLATED = frozenset({GLOSSARY, DICTIONARY})
OMITTED = "-"  # a glossary part so rendered is left out of the English (的)


@dataclass(frozen=True)
class Part:
    """One part of a name: its Chinese (or other) text, its English, and where the English came from."""

    text: str
    english: str
    source: str
    start: int  # offset in the name


@cache
def glossary(path: Path = GLOSSARY_TSV) -> tuple[tuple[str, str], ...]:
    """(Chinese part, English) pairs, longest Chinese part first: the glossary, the curated entities'
    names (``seeds/gazetteer.json``) and the English names of the places lexicon (巴西 → Brazil)."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            chinese, _, english = line.partition("\t")
            if chinese and english:
                pairs.append((chinese.strip(), english.strip()))
    known = {chinese for chinese, _ in pairs}
    for more in (_curated_names(), place_english()):
        pairs.extend((name, english) for name, english in more.items() if name not in known)
        known.update(more)
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


def _curated_names(path: Path = GAZETTEER_JSON) -> dict[str, str]:
    """The curated entities' Chinese names → their English names (中国铝业集团有限公司 → Aluminum Corporation
    of China), with the other names of places (内蒙古 → Inner Mongolia)."""
    out: dict[str, str] = {}
    for entity in json.loads(path.read_text(encoding="utf-8"))["entities"]:
        english = entity.get("en", "")
        names = [entity["zh"]]
        if entity["kind"] == "place" and not _KIND_OF_PLACE.search(english):
            names.extend(
                entity.get("aliases", ())
            )  # 内蒙古 → Inner Mongolia; not 凉山 → … Autonomous Prefecture
        out.update((name, english) for name in names if english and has_han(name))
    return out


@cache
def _place_names() -> frozenset[str]:
    """Chinese names of the place lexicon (two or more Han characters), with their other names."""
    return frozenset(
        name for place in places() for name in place.names if len(name) > 1 and _HAN_ONLY.match(name)
    )


@cache
def _lengths_by_head() -> dict[str, tuple[int, ...]]:
    """By first character, the lengths of the known parts it begins (glossary, places, dictionary)."""
    found: dict[str, set[int]] = {}
    for word in (*dict(glossary()), *_place_names(), *words()):
        found.setdefault(word[0], set()).add(len(word))
    return {head: tuple(sorted(lengths, reverse=True)) for head, lengths in found.items()}


def _known(word: str) -> str | None:
    """Where a known part comes from (glossary first), or None."""
    if word in _glossary_table():
        return GLOSSARY
    if word in _place_names():
        return PLACE
    found = lookup(word) if word in words() else None
    if found is not None and (found.english or (found.proper and len(word) == 2)):
        return DICTIONARY  # a word in English, or a two-character name (会泽); not 批示 (only about sth)
    return None


@cache
def _glossary_table() -> dict[str, str]:
    return dict(glossary())


def _segment(run: str) -> list[tuple[int, int, str | None]]:
    """A run of Han characters in parts (start, end, source; None for a character no list knows): the fewest
    parts; then the fewest runs of unknown characters (a name is one run: 湖南|江华, not 湖|南江|华; 人才|培养|基地,
    not 人才|培养基|地); then the largest sum of squared lengths (包铝|热电厂, not 包铝|热|电厂); then the longer
    parts first."""
    size, lengths = len(run), _lengths_by_head()
    # best[(end, ends unknown)] = ((parts, unknown runs, -sum of squares), start, source, previous state)
    best: dict[tuple[int, bool], tuple[tuple[int, int, int], int, str | None, tuple[int, bool]]] = {}
    best[(0, False)] = ((0, 0, 0), -1, None, (0, False))
    for start in range(size):
        for unknown_before in (False, True):
            here = best.get((start, unknown_before))
            if here is None:
                continue
            (parts, runs, squares), _, _, _ = here
            options = [
                (n, _known(run[start : start + n])) for n in lengths.get(run[start], ()) if start + n <= size
            ]
            options = [(n, source) for n, source in options if source is not None]
            if not any(n == 1 for n, _ in options):
                options.append((1, None))
            for n, source in options:
                unknown = source is None
                cost = (parts + 1, runs + (unknown and not unknown_before), squares - n * n)
                state = (start + n, unknown)
                known = best.get(state)
                if known is None or cost <= known[0]:
                    best[state] = (cost, start, source, (start, unknown_before))
    ends = [best[state] for state in ((size, False), (size, True)) if state in best]
    step = min(ends, key=lambda found: found[0])
    segments: list[tuple[int, int, str | None]] = []
    end = size
    while end > 0:
        _, start, source, previous = step
        segments.append((start, end, source))
        end = start
        step = best[previous]
    return segments[::-1]


def english_parts(name: str) -> list[Part]:
    """A name in parts, each with its English and where it came from (see the module's docstring)."""
    name = name.translate(_FULL_WIDTH_BRACKETS)  # the same length: offsets stay
    parts: list[Part] = []
    position = 0
    for start, end in _bracketed_glossary_parts(name):  # 刚果(金) → Democratic Republic of the Congo
        parts.extend(_plain_parts(name[position:start], position))
        parts.append(Part(name[start:end], _glossary_table()[name[start:end]], GLOSSARY, start))
        position = end
    parts.extend(_plain_parts(name[position:], position))
    return parts


def _bracketed_glossary_parts(name: str) -> list[tuple[int, int]]:
    """Where glossary parts with other characters than Han ones occur, left to right, longest first."""
    found: list[tuple[int, int]] = []
    for key in _mixed_keys():
        at = name.find(key)
        while at >= 0:
            if not any(at < e and s < at + len(key) for s, e in found):
                found.append((at, at + len(key)))
            at = name.find(key, at + 1)
    return sorted(found)


@cache
def _mixed_keys() -> tuple[str, ...]:
    return tuple(key for key, _ in glossary() if not _HAN_ONLY.match(key))


def _plain_parts(text: str, offset: int) -> list[Part]:
    parts: list[Part] = []
    for match in _HAN_RUNS.finditer(text):
        run, at = match.group(), offset + match.start()
        if has_han(run):
            parts.extend(_run_parts(run, at))
        else:
            parts.append(Part(run, run, TEXT, at))
    return parts


def _run_parts(run: str, offset: int) -> list[Part]:
    """A run of Han characters in parts: the known ones in English, the rest in pinyin words."""
    parts: list[Part] = []
    pending: list[tuple[int, int]] = []  # characters (and untranslated words) of one pinyin word
    segments = _segment(run)
    for index, (start, end, source) in enumerate(segments):
        text = run[start:end]
        part = _render(text, source, offset + start)
        lone_before = (
            index > 0 and segments[index - 1][2] is None and (index < 2 or segments[index - 2][2] is not None)
        )
        if source == GLOSSARY and len(text) == 1 and lone_before:
            part = None  # 博法: the end of a name
        if part is None:
            pending.append((start, end))
            continue
        if pending:
            parts.append(_pinyin_part(run, pending, offset))
            pending = []
        elif text in _PLACE_KINDS and parts and parts[-1].source == DICTIONARY and len(parts[-1].text) == 2:
            named = parts.pop()  # 凉水村: the place's name, not cool water
            parts.append(Part(named.text, _pinyin_word(named.text), PLACE, named.start))
        parts.append(part)
    if pending:
        parts.append(_pinyin_part(run, pending, offset))
    return parts


def _pinyin_part(run: str, spans: list[tuple[int, int]], offset: int) -> Part:
    text = run[spans[0][0] : spans[-1][1]]
    return Part(text, _pinyin_word(text), PINYIN, offset + spans[0][0])


def _render(text: str, source: str | None, start: int) -> Part | None:
    """A known part in English; None where it is to be read in pinyin with its neighbours."""
    if source == GLOSSARY:
        english = _glossary_table()[text]
        kind = PLACE if text in _place_names() else GLOSSARY  # 山东 → Shandong, 巴西 → Brazil: names
        return Part(text, "" if english == OMITTED else english, kind, start)
    if source == PLACE:
        return Part(text, _place_english(text), PLACE, start)
    if source == DICTIONARY:
        found = lookup(text)
        if found is not None and found.english:
            return Part(text, found.english, PROPER if found.proper else DICTIONARY, start)
        if found is not None:
            return Part(text, _pinyin_word(text), PINYIN, start)  # a name of its own: one word
    return None


def _place_english(name: str) -> str:
    """A place of the lexicon: pinyin, its kind in English (凉山彝族自治州 → Liangshan Yi Autonomous
    Prefecture)."""
    table = _glossary_table()
    for length in range(len(name) - 2, 0, -1):
        stem, kind = name[:-length], name[-length:]
        if kind in table:
            return f"{_place_english(stem)} {table[kind]}"
    return _pinyin_word(name)


def _pinyin_word(text: str) -> str:
    return strip_tones("".join(syllables(text))).capitalize()


def english_name(name: str) -> str:
    """An English rendering of a Chinese name: 中稀(凉山)稀土有限公司 → China Rare Earth (Liangshan) Rare Earth Co., Ltd."""
    if not has_han(name):
        return name
    text = " ".join(
        part.english.translate(_PUNCTUATION) if part.source == TEXT else part.english
        for part in english_parts(name)
        if part.english
    )
    text = _SPACE_AFTER_OPENING.sub(r"\1", text)
    text = _SPACE_BEFORE_CLOSING.sub(r"\1", text)
    text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
    text = _QUOTED.sub(r'"\1"', text)
    return _SPACES.sub(" ", text).strip()


_KIND_OF_PLACE = re.compile(r"\b(?:Autonomous|City|County|District|Prefecture|Province|Region)\b")
_PLACE_KINDS = frozenset("省市县区州镇乡村旗")
_FULL_WIDTH_BRACKETS = str.maketrans({"（": "(", "）": ")"})
_PUNCTUATION = str.maketrans({"（": " (", "）": ") ", "(": " (", ")": ") ", "、": ", ", "“": ' "', "”": '" '})
_SPACE_AFTER_OPENING = re.compile(r"([(\[])\s+")
_SPACE_BEFORE_CLOSING = re.compile(r"\s+([)\]])")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:])")
_QUOTED = re.compile(r'"\s*([^"]*?)\s*"')
_SPACES = re.compile(r"\s{2,}")
_HAN_RUNS = re.compile(r"[\u3400-\u9fff]+|[^\u3400-\u9fff]+")
_HAN_ONLY = re.compile(r"^[\u3400-\u9fff]+$")


def person_name_english(name: str) -> str:
    """A Chinese personal name in pinyin, family name first: 罗皓 → Luo Hao."""
    parts = [strip_tones(s) for s in syllables(name)]
    if len(parts) < 2:
        return "".join(parts).capitalize()
    return f"{parts[0].capitalize()} {''.join(parts[1:]).capitalize()}"


# ---- the check: words an English name leaves in pinyin ---------------------------------------------------


def untranslated_words(chinese: str, english: str) -> list[str]:
    """The words of a Chinese name that its English name gives in pinyin although the glossary or the
    dictionary translates them (中铝党校, ``Zhonglvdangxiao`` → [党校]; ``Zhonglv Party School`` → []).

    A Latin word of the English name is pinyin where it spells the syllables of consecutive characters of the
    Chinese name. It hides a word when it overlaps a part :func:`english_parts` translates (and is not a word
    of that part's English: 彝族 → Yi), or when it spells a whole word of two or more characters that the
    glossary or the dictionary translates (a place's name is a name, never such a word: 凉水村). A word
    that spells several places of the name hides a word only if it does so at every one of them (``Ji`` for
    辑 in 审计指引汇编(第一辑), not for the 计 of 审计 → Audit); a word of the English a glossary part is
    given hides nothing (东风汽车 → Dongfeng Motor).
    """
    readings = _readings(chinese)
    if not readings:
        return []
    parts = english_parts(chinese)
    translated = [p for p in parts if p.source in _TRANSLATED]
    places_named = {(p.start, p.start + len(p.text)) for p in parts if p.source == PLACE}
    found: set[str] = set()
    for token in _LATIN.findall(english):
        hidden = [
            _hidden(chinese, span, token.lower(), translated, span in places_named)
            for span in _spelled_by(token.lower(), readings)
        ]
        if hidden and all(hidden):  # a token that spells a name somewhere in the name hides no word
            found.update(word for words_hidden in hidden for word in words_hidden)
    return sorted(found)


def _hidden(chinese: str, span: tuple[int, int], token: str, translated: list[Part], place: bool) -> set[str]:
    """The words a pinyin token would hide if it spelled these characters (none inside a place's name)."""
    start, end = span
    covering = [part for part in translated if part.start < end and start < part.start + len(part.text)]
    if any(token in _WORD_SPLIT.split(part.english.lower()) for part in covering):
        return set()  # the English of the part itself (东风汽车 → Dongfeng Motor)
    found = {part.text for part in covering}
    if place:
        return found
    return found | {w for w in _words_inside(chinese[start:end]) if _spelled(w) != token}


def _spelled(word: str) -> str:
    """A word's English as one lower-case word (光华 → Guanghua → guanghua), to tell a name the glossary gives in
    pinyin from a pinyin word hiding it."""
    table = _glossary_table()
    english = table[word] if word in table else (lookup(word) or _NO_RENDERING).english
    return re.sub(r"[^a-z]", "", english.lower())


def _readings(chinese: str) -> dict[int, str]:
    """Toneless pinyin of every Han character of a name, by offset (read as the runs are read)."""
    out: dict[int, str] = {}
    for match in _HAN_RUNS.finditer(chinese):
        if not has_han(match.group()):
            continue
        read = [strip_tones(s).lower() for s in syllables(match.group())]
        if len(read) == len(match.group()):
            out.update({match.start() + i: s for i, s in enumerate(read)})
    return out


def _spelled_by(token: str, readings: dict[int, str]) -> list[tuple[int, int]]:
    """Spans of consecutive characters whose syllables spell the token."""
    spans = []
    for start in readings:
        spelled, end = "", start
        while end in readings and len(spelled) < len(token):
            spelled += readings[end]
            end += 1
            if spelled == token:
                spans.append((start, end))
    return spans


def _words_inside(text: str) -> set[str]:
    """Words of two or more characters in a text that the glossary or the dictionary translates."""
    found = set()
    for start in range(len(text)):
        for end in range(start + 2, len(text) + 1):
            word = text[start:end]
            if word in _place_names():
                continue
            if word in _glossary_table() or translates(word):
                found.add(word)
    return found


_LATIN = re.compile(r"[A-Za-z]+")
_WORD_SPLIT = re.compile(r"[^a-z]+")
_NO_RENDERING = Rendering("", False)
