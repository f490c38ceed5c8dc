"""rekg.ingest.normalize: every step alone, and the offset invariant of the whole pipeline on the seeds."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from rekg.graph.text import fold_width
from rekg.ingest.model import NormalizedText
from rekg.ingest.normalize import (
    _TONE_MARKS,
    STEPS,
    apply_edits,
    drop_repeated_banners,
    fold_full_width,
    join_broken_lines,
    join_spaced_characters,
    join_vertical_text,
    normalize,
    remove_pinyin_glosses,
    start,
    to_simplified_script,
)
from rekg.seeds import DOCUMENTS_DIR

SEED_DOCUMENTS = sorted(p for p in DOCUMENTS_DIR.glob("*.txt"))
FORUM = DOCUMENTS_DIR / "re-forum-consensus-2023.zh-hant.txt"
CHINALCO = DOCUMENTS_DIR / "chinalco-csr-2024.zh.txt"


def check_offsets(doc: NormalizedText) -> None:
    """What every step keeps: each character points at an original character, in order."""
    assert len(doc.offsets) >= len(doc.text) + 1
    assert doc.offsets[len(doc.text)] == len(doc.original)
    assert all(0 <= doc.offsets[i] < len(doc.original) for i in range(len(doc.text)))
    assert all(a <= b for a, b in zip(doc.offsets, doc.offsets[1:], strict=False))


@pytest.fixture(scope="module")
def normalized_seeds() -> dict[str, NormalizedText]:
    return {path.name: normalize(path.read_text(encoding="utf-8")) for path in SEED_DOCUMENTS}


def test_there_are_five_seed_documents() -> None:
    assert len(SEED_DOCUMENTS) == 5
    assert FORUM in SEED_DOCUMENTS and CHINALCO in SEED_DOCUMENTS


# ---- remove_pinyin_glosses -----------------------------------------------------------------------------


def test_pinyin_glosses_are_removed() -> None:
    doc = remove_pinyin_glosses(start("推動稀土產(chǎn)業(yè)高質量發展"))
    assert doc.text == "推動稀土產業高質量發展"
    assert [doc.original[doc.offsets[i]] for i in range(len(doc.text))] == list(doc.text)
    check_offsets(doc)


def test_brackets_without_a_tone_mark_are_kept() -> None:
    text = "稀土产业发展规划(2016-2020年)(2016)与中国(ASCII)标准，稀土(re)一词"
    assert remove_pinyin_glosses(start(text)).text == text


def test_the_forum_document_has_no_tone_mark_left() -> None:
    original = FORUM.read_text(encoding="utf-8")
    assert any(c in _TONE_MARKS for c in original)  # the document is full of glosses
    for doc in (remove_pinyin_glosses(start(original)), normalize(original)):
        left = [
            (m.start(), doc.text[max(0, m.start() - 5) : m.end() + 5])
            for m in re.finditer(f"[{_TONE_MARKS}]", doc.text)
        ]
        assert left == []
    assert "中国稀土集团有限公司" in normalize(original).text


# ---- join_vertical_text --------------------------------------------------------------------------------


VERTICAL = "组织架构如下。\n中\n国\n稀\n土\n集\n团\n\n凉\n山\n稀\n土\n 赣\n州\n稀\n土\n注：更新至2025年。\n"


def test_vertical_text_is_joined_into_whole_names() -> None:
    doc = join_vertical_text(start(VERTICAL))
    lines = [line for line in doc.text.split("\n") if line]
    assert lines == ["组织架构如下。", "中国稀土集团", "凉山稀土", "赣州稀土", "注：更新至2025年。"]
    check_offsets(doc)


def test_joined_vertical_names_point_at_their_original_characters() -> None:
    doc = join_vertical_text(start(VERTICAL))
    for name in ("中国稀土集团", "凉山稀土", "赣州稀土"):
        begin = doc.text.index(name)
        for k, char in enumerate(name):
            assert doc.original[doc.offsets[begin + k]] == char
        assert re.sub(r"\s", "", doc.original_text(begin, begin + len(name))) == name


def test_short_runs_and_ordinary_lines_are_left_alone() -> None:
    text = "第一段。\n中\n国\n\n这是一行普通的文字。\n"
    assert join_vertical_text(start(text)).text == text


def test_the_chinalco_org_chart_names_are_whole(normalized_seeds: dict[str, NormalizedText]) -> None:
    doc = normalized_seeds[CHINALCO.name]
    for name in ("中国铝业股份有限公司", "中铝资产经营管理有限公司", "中铝(雄安)矿业有限责任公司"):
        begin = doc.text.find(name)
        assert begin >= 0, name
        printed = re.sub(r"\s", "", doc.original_text(begin, begin + len(name)))
        assert fold_width(printed) == name  # the original may print full-width brackets
    assert "中\n国\n铝\n业" in doc.original  # it really was one character per line


# ---- join_spaced_characters ----------------------------------------------------------------------------


def test_spaced_out_characters_are_joined() -> None:
    doc = join_spaced_characters(start("在 国 内 首 次 依 据\n"))
    assert doc.text == "在国内首次依据\n"
    assert [doc.original[doc.offsets[i]] for i in range(len(doc.text))] == list(doc.text)
    check_offsets(doc)


def test_a_table_row_with_spaces_between_names_is_left_alone() -> None:
    text = "中稀(凉山)稀土有限公司 凉山稀土\n中国稀土集团有限公司 中国稀土\n"
    assert join_spaced_characters(start(text)).text == text


# ---- drop_repeated_banners -----------------------------------------------------------------------------


def test_a_short_line_repeated_four_times_is_dropped() -> None:
    text = "".join(f"稀土行业年度报告\n第{i}页正文。\n" for i in range(4))
    doc = drop_repeated_banners(start(text))
    assert "稀土行业年度报告" not in doc.text
    assert all(f"第{i}页正文。" in doc.text for i in range(4))
    check_offsets(doc)


def test_a_repeated_line_naming_a_company_is_kept() -> None:
    text = "".join(f"中稀(凉山)稀土有限公司\n第{i}行。\n" for i in range(4))
    assert drop_repeated_banners(start(text)).text == text


def test_a_line_seen_twice_is_kept() -> None:
    text = "稀土行业年度报告\n正文。\n稀土行业年度报告\n"
    assert drop_repeated_banners(start(text)).text == text


# ---- join_broken_lines ---------------------------------------------------------------------------------


def test_a_line_broken_mid_sentence_is_joined() -> None:
    for text in (
        "为推动稀土产业高质量发展，引入国\n\n际规范。\n",
        "为推动稀土产业高质量发展，引入国\n际规范。\n",
    ):
        doc = join_broken_lines(start(text))
        assert doc.text == "为推动稀土产业高质量发展，引入国际规范。\n"
        assert doc.original[doc.offsets[doc.text.index("际")]] == "际"
        check_offsets(doc)


def test_a_line_ending_a_sentence_is_not_joined() -> None:
    text = "这是一个完整的句子。\n下一行另起一句。\n"
    assert join_broken_lines(start(text)).text == text


def test_a_heading_is_not_joined() -> None:
    text = "# 稀土产业发展规划\n第一章总体要求\n"
    assert join_broken_lines(start(text)).text == text


# ---- script and width ----------------------------------------------------------------------------------


def test_traditional_script_becomes_simplified_in_place() -> None:
    doc = to_simplified_script(start("中國稀土集團與贛州稀土"))
    assert doc.text == "中国稀土集团与赣州稀土"
    assert len(doc.text) == len(doc.original)
    assert doc.offsets == tuple(range(len(doc.original) + 1))


def test_full_width_characters_are_folded_in_place() -> None:
    doc = fold_full_width(start("（２０２４）ＡＢ　中国"))
    assert doc.text == "(2024)AB 中国"
    assert len(doc.text) == len(doc.original)
    assert doc.offsets == tuple(range(len(doc.original) + 1))


# ---- the whole pipeline --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SEED_DOCUMENTS, ids=lambda p: p.name)
def test_offsets_point_into_the_original_in_order(
    path: Path, normalized_seeds: dict[str, NormalizedText]
) -> None:
    doc = normalized_seeds[path.name]
    assert doc.original == path.read_text(encoding="utf-8").replace("\r\n", "\n")
    check_offsets(doc)
    positions = random.Random(path.name).sample(range(len(doc.text)), k=min(500, len(doc.text)))
    for i in positions:
        char, source = doc.text[i], doc.original[doc.offsets[i]]
        if not char.isspace():  # a kept character comes from its own original (up to script and width)
            assert char == fold_full_width(to_simplified_script(start(source))).text, (i, char, source)


def test_offsets_have_one_entry_per_character_plus_one(normalized_seeds: dict[str, NormalizedText]) -> None:
    """NormalizedText's contract: ``offsets[len(text)]`` is ``len(original)`` and is the last entry."""
    assert len(apply_edits(start("abc"), [(1, 2, "")]).offsets) == len("ac") + 1
    assert len(remove_pinyin_glosses(start("產(chǎn)業")).offsets) == len("產業") + 1
    doc = normalized_seeds[CHINALCO.name]
    assert len(doc.offsets) == len(doc.text) + 1


def test_steps_run_in_the_documented_order() -> None:
    assert [step.__name__ for step in STEPS] == [
        "remove_pinyin_glosses",
        "join_vertical_text",
        "join_spaced_characters",
        "drop_repeated_banners",
        "join_broken_lines",
        "to_simplified_script",
        "fold_full_width",
    ]


def test_windows_line_ends_are_normalised() -> None:
    doc = normalize("中國稀土集團成立。\r\n凉山稀土\r\n")
    assert doc.text == "中国稀土集团成立。\n凉山稀土\n"
    assert "\r" not in doc.original


def test_a_running_report_title_glued_to_line_ends_is_dropped() -> None:
    footer = "中铝集团 2024 社会责任报告"
    text = "\n".join(
        [
            "以一为基，矢志锻造国之重器" + footer,
            "正文第一段。",
            "勇争第一，竭诚履行央企责任" + footer,
            "正文第二段。",
            footer,
            "中铝秘鲁矿业特罗莫克铜矿",
        ]
    )
    doc = drop_repeated_banners(start(text))
    assert footer not in doc.text
    assert "以一为基，矢志锻造国之重器\n" in doc.text
    assert "中铝秘鲁矿业特罗莫克铜矿" in doc.text
    for index, char in enumerate(doc.text):
        assert doc.original[doc.offsets[index]] == char


def test_a_chart_name_broken_before_its_legal_form_is_joined() -> None:
    doc = join_broken_lines(start("战略投资部\n中铝财务\n有限责任公司中铝招标\n有限公司\n\n经营单元"))
    assert "中铝财务有限责任公司中铝招标有限公司" in doc.text
    assert "战略投资部\n" in doc.text
