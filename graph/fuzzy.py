"""Look-alikes by rapidfuzz's WRatio, without comparing the query with names that cannot reach the cutoff.

WRatio is the costly comparison of a lookup (a few microseconds a name: it tries partial alignments). Most
names cannot score :data:`~rekg.graph.lookup.FUZZY_CUTOFF` (60), and that can be told from the length of
their longest common subsequence with the query (LCS), which rapidfuzz works out for a whole list at once
many times faster. For strings without whitespace (folded names have none) WRatio is the largest of

- ``ratio`` = 2·LCS / (q + n), or 0.95 × the same by tokens — at least 60 needs LCS ≥ 0.3·(q + n);
- ``partial_ratio`` × 0.9 (or 0.6, or 0.95 × 0.9 by tokens): the shorter string against windows of the
  longer no longer than itself — at least 66.7 needs an LCS with a window, hence with the whole longer
  string, of at least half the shorter length.

A name below both bounds scores under 60 and is not compared: :meth:`Keys.alike` gives what
``process.extract`` over every name gives — the same names, scores and order (ties by position).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

Found = tuple[str, float, int]  # (key, score, position), as rapidfuzz's process.extract gives them
#: The bounds hold for this cutoff and above.
LEAST_CUTOFF = 60.0
_SPACE = re.compile(r"\s")  # what str.split and rapidfuzz split words at


class Keys:
    """Keys to compare with queries by WRatio, with what :meth:`may_reach` needs of them worked out once."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.keys = list(keys)
        self._lengths = np.array([len(key) for key in self.keys], dtype=np.int64)
        spaced = _SPACE.search("\0".join(self.keys)) is not None  # folded names have none: one search
        self._spaced = [i for i, key in enumerate(self.keys) if _SPACE.search(key)] if spaced else []

    def may_reach(self, query: str) -> list[int]:
        """Positions of the keys that may score at least :data:`LEAST_CUTOFF` with ``query`` by WRatio, in
        order (every one when the query or a key has whitespace: the bounds are for single words)."""
        if not query or _SPACE.search(query):
            return list(range(len(self.keys)))
        common = process.cdist([query], self.keys, scorer=LCSseq.similarity, dtype=np.int64)[0]
        size, lengths = len(query), self._lengths
        keep = (10 * common >= 3 * (size + lengths)) | (
            (2 * common >= np.minimum(size, lengths)) & (common > 0)
        )
        keep[self._spaced] = True
        return np.flatnonzero(keep).tolist()

    def alike(self, query: str, limit: int | None, cutoff: float) -> list[Found]:
        """``process.extract(query, keys, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff)``, comparing
        by WRatio only the keys :meth:`may_reach` keeps (every one for a cutoff under :data:`LEAST_CUTOFF`)."""
        if cutoff < LEAST_CUTOFF or not self.keys:
            return process.extract(query, self.keys, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff)
        chosen = self.may_reach(query)
        found = process.extract(
            query, [self.keys[p] for p in chosen], scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff
        )
        return [(key, score, chosen[index]) for key, score, index in found]
