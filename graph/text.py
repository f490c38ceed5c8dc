"""Text folding shared by matching everywhere (linking, lookups): script, width, case, spacing."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

_SPACE = re.compile(r"\s+")
_BRACKETS = str.maketrans(
    {"〔": "[", "〕": "]", "［": "[", "］": "]", "【": "[", "】": "]", "—": "-", "－": "-"}
)


@cache
def _converter(config: str) -> Any:
    try:
        import opencc
    except ImportError as e:  # pragma: no cover - a dependency of rekg
        raise ImportError("rekg needs the opencc package: pip install opencc") from e
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional → simplified Chinese (OpenCC t2s); other text is unchanged."""
    return _converter("t2s").convert(text)


def fold_width(text: str) -> str:
    """Full-width letters, digits and brackets folded to ASCII (NFKC): ``（Ａ１）`` → ``(A1)``; the middle dots
    transliterated names are written with (・ ‧ ･) to one, ``·``."""
    return unicodedata.normalize("NFKC", text).translate(_MIDDLE_DOTS)


_MIDDLE_DOTS = str.maketrans({"\u30fb": "\u00b7", "\u2027": "\u00b7", "\uff65": "\u00b7"})


def fold(text: str) -> str:
    """The matching key of a name: simplified, width-folded, lower-case, without white space."""
    folded = fold_width(to_simplified(text)).translate(_BRACKETS).lower()
    return _SPACE.sub("", folded)


#: Characters that change how text around them is shown rather than showing anything: controls (but tab and
#: line ends), bidirectional embeddings, overrides, isolates and marks, line and paragraph separators.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def visible(text: str) -> str:
    """``text`` for a terminal or a page: every control or bidirectional formatting character written as its
    escape (``a\u202eb`` is shown as ``a\\u202eb``), so a name cannot reorder or hide what follows it. For
    display only: the data keeps the name as it is."""
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
