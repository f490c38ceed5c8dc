"""``pos_words`` reads a text as ``jieba.posseg.cut`` does: the same words and the same tags."""

from __future__ import annotations

import pytest

from rekg.ingest.jieba_pos import pos_words
from rekg.seeds import DOCUMENTS_DIR


def posseg_words(text: str) -> list[tuple[str, str]]:
    import jieba.posseg

    return [(pair.word, pair.flag) for pair in jieba.posseg.cut(text)]


def spans() -> list[str]:
    """Pieces of the bundled documents of one to fourteen characters (Han, Latin, digits, spaces and marks)."""
    found: set[str] = set()
    for path in sorted(DOCUMENTS_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        for start in range(0, len(text), 37):
            found.add(text[start : start + 1 + start % 14])
    return sorted(found)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "稀",
        "凉山稀土",
        "中铝秘鲁矿业特罗莫克",
        "核心竞争力",
        "马来西亚分离",
        "中铝瑞闽5G",
        "ESG指标 2024",
    ],
)
def test_named_cases(text: str) -> None:
    assert pos_words(text) == posseg_words(text)


def test_pieces_of_the_documents() -> None:
    pieces = spans()
    assert len(pieces) > 2000
    assert [pos_words(p) for p in pieces] == [posseg_words(p) for p in pieces]
