"""Sentences of a normalised text: Chinese and English stops, semicolons and line breaks; an English full
stop only where it does not close an abbreviation; over-long runs cut at commas."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rekg.ingest.model import Sentence

_SENTENCE_BREAK = re.compile(r"[。！？!?；;]+|\n+")


def split_sentences(text: str, *, max_length: int = 400) -> tuple[Sentence, ...]:
    """Sentences of the normalised text (ends: 。！？； and line breaks); long runs are cut at commas."""
    out: list[Sentence] = []
    position = 0
    for end in _sentence_ends(text):
        for begin, stop in _cut_long(text, position, end, max_length):
            chunk = text[begin:stop]
            stripped = chunk.strip()
            if stripped:
                lead = len(chunk) - len(chunk.lstrip())
                out.append(Sentence(len(out), begin + lead, begin + lead + len(stripped), stripped))
        position = end
    return tuple(out)


_ENGLISH_STOP = re.compile(r"(?<=[a-z0-9)\"”’])\.(?=\s+[A-Z“\"])")
_ABBREVIATIONS = frozenset(
    {
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Prof",
        "St",
        "No",
        "Co",
        "Corp",
        "Inc",
        "Ltd",
        "Pte",
        "Pty",
        "Sdn",
        "Ltda",
        "Mt",
        "Jr",
        "Sr",
        "Gen",
        "Gov",
        "Sen",
        "Rep",
        "Dept",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "vs",
        "etc",
        "approx",
    }
)


#: Legal forms that end a company's name, and what reads as the next sentence after one: a capitalised word
#: then a lowercase word or a comma (…Wind River Minerals Inc. Liten, the CEA's institute, …; …Ltd. The remaining
#: …), where no legal form follows (Co. Ltd).
_LEGAL_ABBREVIATIONS = frozenset({"Inc", "Ltd", "Corp", "Ltda"})
_NEW_SENTENCE = re.compile(r"\s+(?!(?:Ltd|Limited|Bhd|Berhad|Inc|Corp|Co)\b)[A-Z][a-z]+(?:,|\s+[a-z])")


#: A Chinese dateline is a sentence of its own: (中央社记者X利雅德25日综合外电报导), 新华社内罗毕9月22日电(记者 X).
_DATELINE = re.compile(
    r"(?m)^[ \t\u3000]*(?:\([^()\n]{0,16}(?:记者|报道|报导|电)[^()\n]{0,40}\)"
    r"|[^\n()。]{2,30}?电[ \t\u3000]*\((?:特约|首席)?记者[^()\n]{0,30}\))"
)


def _sentence_ends(text: str) -> list[int]:
    """Where sentences end: Chinese and English stops, semicolons and line breaks, and an English full stop
    before a capital letter unless it closes an abbreviation (Mr., Corp., U.S.)."""
    ends = {match.end() for match in _SENTENCE_BREAK.finditer(text) if not _inside_row(text, match)}
    ends |= {match.end() for match in _DATELINE.finditer(text)}
    for match in _ENGLISH_STOP.finditer(text):
        word = re.search(r"[A-Za-z.]+$", text[max(0, match.start() - 12) : match.start()])
        if (
            word is None
            or (word.group().split(".")[-1] not in _ABBREVIATIONS and "." not in word.group())
            or (word.group() in _LEGAL_ABBREVIATIONS and _NEW_SENTENCE.match(text, match.end()))
        ):
            ends.add(match.end())
    return [*sorted(ends), len(text)]


def _inside_row(text: str, match: re.Match[str]) -> bool:
    """A semicolon inside a table row whose cells are split by bars (… | ramp-up | listed; promoter group 58%,
    Kitano Denshi Co., Ltd. 14%) is part of its cell, not the end of a sentence."""
    if match.group()[0] not in ";；":
        return False
    line_start = text.rfind("\n", 0, match.start()) + 1
    return text.count(" | ", line_start, match.start()) >= 2


def _cut_long(text: str, begin: int, end: int, max_length: int) -> Iterable[tuple[int, int]]:
    while end - begin > max_length:
        cut = max(text.rfind(",", begin, begin + max_length), text.rfind("，", begin, begin + max_length))
        cut = cut + 1 if cut > begin else begin + max_length
        yield begin, cut
        begin = cut
    yield begin, end


__all__ = ["split_sentences"]
