"""Generated English names: glossary parts (稀土 → Rare Earth, 有限公司 → Co., Ltd.) plus pinyin for the
proper-name parts, with the curated readings of polyphonic characters (广晟 → Guangsheng)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from rekg.graph.pinyin import has_han, strip_tones, syllables
from rekg.graph.places import place_english
from rekg.seeds import GLOSSARY_TSV


@cache
def glossary(path: Path = GLOSSARY_TSV) -> tuple[tuple[str, str], ...]:
    """(Chinese part, English) pairs, longest Chinese part first: the glossary, and the English names of
    the places lexicon (巴西 → Brazil)."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            chinese, _, english = line.partition("\t")
            if chinese and english:
                pairs.append((chinese.strip(), english.strip()))
    known = {chinese for chinese, _ in pairs}
    pairs.extend((name, english) for name, english in place_english().items() if name not in known)
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


@cache
def _glossary_table() -> tuple[dict[str, str], dict[str, tuple[int, ...]]]:
    """The glossary as a table, and by first character the lengths of the parts it begins (longest
    first)."""
    table = dict(glossary())
    lengths: dict[str, set[int]] = {}
    for chinese in table:
        lengths.setdefault(chinese[0], set()).add(len(chinese))
    return table, {head: tuple(sorted(found, reverse=True)) for head, found in lengths.items()}


def _glossary_parts(name: str) -> list[tuple[int, int]]:
    """Where glossary parts occur in a name, longest part first at each position, left to right."""
    table, lengths_by_head = _glossary_table()
    parts, position, size = [], 0, len(name)
    while position < size:
        length = next(
            (
                n
                for n in lengths_by_head.get(name[position], ())
                if n <= size - position and name[position : position + n] in table
            ),
            0,
        )
        if length:
            parts.append((position, position + length))
            position += length
        else:
            position += 1
    return parts


def _pinyin_word(text: str) -> str:
    return strip_tones("".join(syllables(text))).capitalize()


def english_name(name: str) -> str:
    """An English rendering of a Chinese name: 中稀(凉山)稀土有限公司 → China Rare Earth (Liangshan) Rare Earth Co., Ltd."""
    if not has_han(name):
        return name
    table, _ = _glossary_table()
    words: list[str] = []
    position = 0
    for start, end in _glossary_parts(name):
        words.extend(_render_rest(name[position:start]))
        words.append(table[name[start:end]])
        position = end
    words.extend(_render_rest(name[position:]))
    text = " ".join(w for w in words if w)
    text = _SPACE_AFTER_OPENING.sub("(", text)
    text = _SPACE_BEFORE_CLOSING.sub(")", text)
    text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


_SPACE_AFTER_OPENING = re.compile(r"\(\s+")
_SPACE_BEFORE_CLOSING = re.compile(r"\s+\)")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:])")
_SPACES = re.compile(r"\s{2,}")
_HAN_RUNS = re.compile(r"[\u3400-\u9fff]+|[^\u3400-\u9fff]+")


def _render_rest(text: str) -> list[str]:
    """Non-glossary text: Han runs become one pinyin word each; other characters are kept."""
    out: list[str] = []
    for run in _HAN_RUNS.findall(text):
        if has_han(run):
            out.append(_pinyin_word(run))
        else:
            cleaned = run.replace("（", " (").replace("）", ") ").replace("(", " (").replace(")", ") ")
            out.append(cleaned.strip())
    return out


def person_name_english(name: str) -> str:
    """A Chinese personal name in pinyin, family name first: 罗皓 → Luo Hao."""
    parts = [strip_tones(s) for s in syllables(name)]
    if len(parts) < 2:
        return "".join(parts).capitalize()
    return f"{parts[0].capitalize()} {''.join(parts[1:]).capitalize()}"
