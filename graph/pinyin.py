"""Pinyin readings of names, with the curated readings of ``seeds/readings.tsv`` taught to pypinyin first.

pypinyin's phrase dictionary is process-global; :func:`ensure_readings` loads ours once, lazily.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

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
    from pypinyin.seg.simpleseg import seg

    ensure_readings()
    return [s for word in seg(text) for s in _word_syllables(word, tones) if s.strip()]


@lru_cache(maxsize=50_000)
def _word_syllables(word: str, tones: bool) -> tuple[str, ...]:
    """pypinyin's reading of one word of its own segmentation (a word read alone is cut the same way)."""
    from pypinyin import Style, lazy_pinyin

    style = Style.TONE if tones else Style.NORMAL
    return tuple(lazy_pinyin(word, style=style, errors="default", v_to_u=tones))


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
