"""jieba.posseg's reading of a text — the same words and tags as ``jieba.posseg.cut(text)`` — with a faster
Viterbi decoder for the runs of characters the dictionary does not know.

:func:`pos_words` follows ``jieba.posseg.POSTokenizer.cut`` (HMM on) step by step, on jieba's own tables:
the dictionary's DAG and route, its part-of-speech table, and the HMM model of ``jieba.posseg``. Only the
decoder differs from ``jieba.posseg.viterbi.viterbi``: where that one tries every state of the previous
character for each state of the next, :func:`_viterbi` follows only the transitions the model has (the
others add ``-inf``, and so cannot win while any finite score exists; when none does, it falls back to
jieba's own comparison over every previous state). Each score is the same sum, added in the same order,
and ties are broken the same way (the larger state), so the path found is the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

Pos = tuple[str, str]  # (word, tag)
State = tuple[str, str]  # (B/M/E/S, tag)

_MIN_FLOAT = -3.14e100  # jieba.posseg.viterbi.MIN_FLOAT: the score of a character a state never emits
_MIN_INF = float("-inf")


@dataclass(frozen=True)
class _Model:
    """jieba's part-of-speech tokenizer and the HMM tables of ``jieba.posseg``, with, for each state, the
    set of states that may follow it."""

    posseg: Any  # the jieba.posseg module: its patterns
    tokenizer: Any  # jieba.posseg.dt: the part-of-speech table, and jieba.dt as .tokenizer
    states: dict[str, tuple[State, ...]]  # character → the states that may emit it
    start: dict[State, float]
    trans: dict[State, dict[State, float]]
    emit: dict[State, dict[str, float]]
    following: dict[State, frozenset[State]]


@cache
def _model() -> _Model:
    """The model, read off ``jieba.posseg`` once per process."""
    import jieba.posseg as posseg

    trans: dict[State, dict[State, float]] = posseg.trans_P
    return _Model(
        posseg=posseg,
        tokenizer=posseg.dt,
        states=posseg.char_state_tab_P,
        start=posseg.start_P,
        trans=trans,
        emit=posseg.emit_P,
        following={state: frozenset(nexts) for state, nexts in trans.items()},
    )


def pos_words(text: str) -> list[Pos]:
    """``[(pair.word, pair.flag) for pair in jieba.posseg.cut(text)]``, computed faster."""
    model = _model()
    posseg = model.posseg
    model.tokenizer.makesure_userdict_loaded()
    words: list[Pos] = []
    for block in posseg.re_han_internal.split(text):
        if posseg.re_han_internal.match(block):
            words.extend(_cut_dag(block))
            continue
        for part in posseg.re_skip_internal.split(block):
            if posseg.re_skip_internal.match(part):
                words.append((part, "x"))
                continue
            for char in part:  # as jieba does: a digit is m, then the whole part decides eng or x
                if posseg.re_num.match(char):
                    words.append((char, "m"))
                elif posseg.re_eng.match(part):
                    words.append((char, "eng"))
                else:
                    words.append((char, "x"))
    return words


def _cut_dag(sentence: str) -> Iterator[Pos]:
    """``POSTokenizer.__cut_DAG``: the dictionary's best route, runs of single characters joined and, when
    the run is no word, read by the HMM."""
    tokenizer = _model().tokenizer
    tags = tokenizer.word_tag_tab
    words = tokenizer.tokenizer
    dag = words.get_DAG(sentence)
    route: dict[int, tuple[float, int]] = {}
    words.calc(sentence, dag, route)
    x, buf, size = 0, "", len(sentence)
    while x < size:
        y = route[x][1] + 1
        word = sentence[x:y]
        if y - x == 1:
            buf += word
        else:
            if buf:
                yield from _run(buf)
                buf = ""
            yield word, tags.get(word, "x")
        x = y
    if buf:
        yield from _run(buf)


def _run(buf: str) -> Iterator[Pos]:
    """A run of single characters on the dictionary's route, as ``__cut_DAG`` reads it."""
    tokenizer = _model().tokenizer
    tags = tokenizer.word_tag_tab
    if len(buf) == 1:
        yield buf, tags.get(buf, "x")
    elif not tokenizer.tokenizer.FREQ.get(buf):
        yield from _cut_detail(buf)
    else:
        for char in buf:
            yield char, tags.get(char, "x")


def _cut_detail(sentence: str) -> Iterator[Pos]:
    """``POSTokenizer.__cut_detail``: Han runs by the HMM, digits and Latin letters by pattern."""
    posseg = _model().posseg
    for block in posseg.re_han_detail.split(sentence):
        if posseg.re_han_detail.match(block):
            yield from _cut_hmm(block)
            continue
        for part in posseg.re_skip_detail.split(block):
            if part:
                if posseg.re_num.match(part):
                    yield part, "m"
                elif posseg.re_eng.match(part):
                    yield part, "eng"
                else:
                    yield part, "x"


def _cut_hmm(sentence: str) -> Iterator[Pos]:
    """``POSTokenizer.__cut``: words and tags of the HMM's best state path."""
    path = _viterbi(sentence)
    begin, following = 0, 0
    for i, char in enumerate(sentence):
        position, tag = path[i]
        if position == "B":
            begin = i
        elif position == "E":
            yield sentence[begin : i + 1], tag
            following = i + 1
        elif position == "S":
            yield char, tag
            following = i + 1
    if following < len(sentence):
        yield sentence[following:], path[following][1]


def _viterbi(obs: str) -> list[State]:
    """The best state path of ``jieba.posseg.viterbi.viterbi(obs, …)`` with the posseg model."""
    model = _model()
    states, emit, trans, following = model.states, model.emit, model.trans, model.following
    every = trans.keys()
    scores: dict[State, float] = {
        y: model.start[y] + emit[y].get(obs[0], _MIN_FLOAT) for y in states.get(obs[0], every)
    }
    paths: list[dict[State, State | str]] = [dict.fromkeys(scores, "")]
    for char in obs[1:]:
        previous = [x for x in scores if trans[x]]
        expected = set().union(*[following[x] for x in previous])
        candidates = set(states.get(char, every)) & expected or expected or set(every)
        emitted = {y: emit[y].get(char, _MIN_FLOAT) for y in candidates}
        best: dict[State, tuple[float, State]] = {}
        for x in previous:  # each transition into a candidate state, once
            before, scored = scores[x], trans[x]
            for y in following[x] & candidates:
                total = (before + scored[y] + emitted[y], x)
                if y not in best or total > best[y]:
                    best[y] = total
        new_scores: dict[State, float] = {}
        back: dict[State, State | str] = {}
        for y in candidates:
            found = best.get(y)
            if found is None or found[0] == _MIN_INF:  # no finite score: jieba's comparison over them all
                found = max((scores[x] + trans[x].get(y, _MIN_INF) + emitted[y], x) for x in previous)
            new_scores[y], back[y] = found
        scores = new_scores
        paths.append(back)
    _, state = max((score, y) for y, score in scores.items())
    route: list[State] = [state] * len(obs)
    for i in range(len(obs) - 1, 0, -1):
        route[i] = state
        state = paths[i][state]
    route[0] = state
    return route
