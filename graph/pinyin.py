"""Pinyin readings of names, with the curated readings of ``seeds/readings.tsv`` taught to pypinyin first.

pypinyin's phrase dictionary is process-global; :func:`ensure_readings` loads ours once, lazily.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from rekg.seeds import READINGS_TSV

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def read_readings(path: Path = READINGS_TSV) -> dict[str, list[list[str]]]:
    """Parse a readings file: ``phrase<TAB>syllable syllable …`` per line, ``#`` comments."""
    phrases: dict[str, list[list[str]]] = {}
    for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        phrase, _, reading = line.partition("\t")
        syllables = reading.split()
        if len(syllables) != len(phrase):
            raise ValueError(
                f"{path.name}:{line_number}: {phrase!r} has {len(phrase)} characters "
                f"but {len(syllables)} syllables"
            )
        phrases[phrase] = [[syllable] for syllable in syllables]
    return phrases


@cache
def ensure_readings() -> None:
    """Teach pypinyin the curated readings (once per process)."""
    from pypinyin import load_phrases_dict, load_single_dict

    phrases = read_readings()
    load_phrases_dict({phrase: reading for phrase, reading in phrases.items() if len(phrase) > 1})
    load_single_dict({ord(p): r[0][0] for p, r in phrases.items() if len(p) == 1})


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


def syllables(text: str, *, tones: bool = False) -> list[str]:
    """Pinyin syllables of the Han characters of ``text``; runs of other characters are kept as they are.

    The text is cut as pypinyin cuts it (runs of Han characters into the longest words of its phrase
    dictionary), and each word is read once per process: names share most of their words (稀土, 有限公司).
    """
    ensure_readings()
    return [s for word in _words(text) for s in _word_syllables(word, tones) if s.strip()]


class _PypinyinTables(NamedTuple):
    """pypinyin's own tables (its dictionaries are updated in place when readings are taught)."""

    hans: re.Pattern[str]  # RE_HANS: a text of characters pypinyin reads
    phrases: dict[str, list[list[str]]]  # PHRASES_DICT: phrase → readings of each character
    characters: dict[int, str]  # PINYIN_DICT: code point → readings, comma-separated
    segmenter: Any  # pypinyin.seg.mmseg.seg: cuts a Han run into phrases and characters


@cache
def _pypinyin_tables() -> _PypinyinTables:
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS
    from pypinyin.seg.mmseg import seg

    return _PypinyinTables(RE_HANS, PHRASES_DICT, PINYIN_DICT, seg)


@cache
def _han_runs() -> re.Pattern[str]:
    """Runs of characters pypinyin reads (its ``RE_HANS`` class) and runs of the others, as
    ``pypinyin.seg.simpleseg.simple_seg`` splits a text."""
    pattern = _pypinyin_tables().hans.pattern
    han = pattern.removeprefix("^(?:").removesuffix(")+$")  # one character class: [〇\u3400-\u4dbf…]
    if not (han.startswith("[") and han.endswith("]") and han.count("[") == 1):
        raise RuntimeError(f"unexpected pypinyin RE_HANS pattern: {pattern!r}")
    return re.compile(f"{han}+|[^{han[1:-1]}]+")


def _words(text: str) -> list[str]:
    """``pypinyin.seg.simpleseg.seg``: the text's runs, each Han run cut into pypinyin's words."""
    tables = _pypinyin_tables()
    words: list[str] = []
    for run in _han_runs().findall(text) or [text]:
        if tables.hans.match(run):
            words.extend(tables.segmenter.cut(run))
        else:
            words.append(run)
    return words


@lru_cache(maxsize=50_000)
def _word_syllables(word: str, tones: bool) -> tuple[str, ...]:
    """pypinyin's reading of one word of its own segmentation, as ``lazy_pinyin(word, style, v_to_u=tones)``
    gives it (toneless, or with tones and ü), read from its dictionaries: the first reading of the phrase,
    else of each character; a run of characters it does not read is kept whole."""
    tables = _pypinyin_tables()
    if not word:
        return ()
    if not tables.hans.match(word):
        return (word,)
    phrase = tables.phrases.get(word)
    if phrase is not None:
        readings = [reading[0] for reading in phrase]
    else:
        characters = tables.characters
        readings = [characters[ord(c)].split(",")[0] if ord(c) in characters else c for c in word]
    if tones:
        return tuple(reading.replace("v", "ü") for reading in readings)
    return tuple(_toneless(reading) for reading in readings)


def _toneless(reading: str) -> str:
    """pypinyin's ``Style.NORMAL`` form of a toned syllable (lǜ → lv): a syllable of plain letters and
    tone-marked vowels has each mark replaced as pypinyin replaces it; any other goes through pypinyin."""
    plain, marks = _tone_marks()
    if plain.fullmatch(reading):
        return reading.translate(marks)
    from pypinyin import Style
    from pypinyin.style import convert

    return convert(reading, Style.NORMAL, True, default=reading)


@cache
def _tone_marks() -> tuple[re.Pattern[str], dict[int, str]]:
    """A syllable of letters a–z and pypinyin's one-character tone-marked vowels, and what pypinyin makes
    of each of those (ǎ → a, ǜ → v: its numbered form without the number)."""
    from pypinyin.phonetic_symbol import phonetic_symbol

    marks = {mark: re.sub(r"\d", "", plain) for mark, plain in phonetic_symbol.items() if len(mark) == 1}
    return re.compile(f"[a-z{re.escape(''.join(marks))}]*"), {
        ord(mark): plain for mark, plain in marks.items()
    }


def forget_readings() -> None:
    """Empties the cache of words read (for measurements of a first reading)."""
    _word_syllables.cache_clear()


def strip_tones(text: str) -> str:
    """``Liángshān`` → ``Liangshan`` (also ü → u, as people type it)."""
    if text.isascii():
        return text  # nothing to decompose
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def pinyin_key(text: str) -> str:
    """A lookup key: lower-case toneless pinyin with no spaces (凉山稀土 → liangshanxitu).

    Latin input is folded the same way, so ``Liáng shān xī tǔ`` and ``liangshan xitu`` give the same key.
    """
    parts = syllables(text) if has_han(text) else [text]
    return _NOT_SLUG.sub("", strip_tones("".join(parts)).lower())


def initials_key(text: str) -> str:
    """First letters of the syllables (广晟有色 → gsys), for searches by initials."""
    if not has_han(text):
        return ""
    return "".join(s[0] for s in syllables(text) if s and s[0].isalpha()).lower()


def slug(text: str, *, max_length: int = 80) -> str:
    """A readable, deterministic IRI slug: pinyin syllables joined by hyphens (凉山稀土 → liang-shan-xi-tu).

    Each syllable's runs of characters other than ``[0-9a-z]`` become one hyphen; hyphens next to each
    other (within a syllable or between two) are one, none at the ends.
    """
    joined = _NOT_SLUG.sub("-", strip_tones("-".join(syllables(text))).lower()).strip("-")
    return joined[:max_length].rstrip("-")


_NOT_SLUG = re.compile(r"[^0-9a-z]+")
