"""rekg.graph.pinyin and rekg.graph.naming: curated readings, lookup keys, slugs and generated English names."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from rekg.graph.naming import english_name, glossary, person_name_english
from rekg.graph.pinyin import (
    ensure_readings,
    has_han,
    initials_key,
    pinyin_key,
    read_readings,
    slug,
    strip_tones,
    syllables,
)
from rekg.seeds import GLOSSARY_TSV, READINGS_TSV

HAN = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")
PINYIN_SYLLABLE = re.compile(r"^[a-zü]+$")


# ---- curated readings ----------------------------------------------------------------------------------


def test_guangsheng_uses_the_curated_reading() -> None:
    assert syllables("广晟") == ["guang", "sheng"]  # not the dictionary's cheng
    assert syllables("广晟", tones=True) == ["guǎng", "shèng"]
    assert pinyin_key("广晟有色") == "guangshengyouse"
    assert english_name("广晟有色金属股份有限公司").startswith("Guangsheng ")


def test_without_the_curated_readings_pypinyin_says_cheng() -> None:
    """Why readings.tsv matters (pypinyin's dictionary is process-global, so ask a fresh process)."""
    code = "from pypinyin import lazy_pinyin; print(' '.join(lazy_pinyin('广晟')))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, encoding="utf-8"
    )
    assert out.stdout.split() == ["guang", "cheng"]


@pytest.mark.parametrize(
    ("name", "reading"),
    [("重庆", ["chong", "qing"]), ("厦门", ["xia", "men"]), ("中重稀土", ["zhong", "zhong", "xi", "tu"])],
)
def test_other_curated_readings(name: str, reading: list[str]) -> None:
    assert syllables(name) == reading


def test_every_readings_row_has_one_syllable_per_character() -> None:
    rows = 0
    for number, line in enumerate(READINGS_TSV.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        phrase, tab, reading = line.partition("\t")
        assert tab, f"readings.tsv:{number}: no tab"
        assert HAN.match(phrase), f"readings.tsv:{number}: {phrase!r} is not all Han characters"
        parts = reading.split()
        assert len(parts) == len(phrase), f"readings.tsv:{number}: {phrase!r} has {len(parts)} syllables"
        for part in parts:
            assert PINYIN_SYLLABLE.match(strip_tones(part).lower()), f"readings.tsv:{number}: {part!r}"
            assert part == unicodedata.normalize("NFC", part)
        rows += 1
    assert rows >= 10
    assert len(read_readings()) == rows  # no phrase twice


def test_read_readings_rejects_a_row_with_the_wrong_number_of_syllables(tmp_path: Path) -> None:
    path = tmp_path / "readings.tsv"
    path.write_text("# comment\n广晟\tguǎng\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"readings\.tsv:2"):
        read_readings(path)


# ---- keys ----------------------------------------------------------------------------------------------


def test_pinyin_key_is_the_same_for_han_toned_and_plain_pinyin() -> None:
    expected = "liangshanxitu"
    assert pinyin_key("凉山稀土") == expected
    assert pinyin_key("Liáng shān xī tǔ") == expected
    assert pinyin_key("liangshan xitu") == expected
    assert pinyin_key("LIANGSHAN-XITU") == expected


def test_pinyin_key_of_traditional_characters() -> None:
    assert pinyin_key("涼山稀土") == "liangshanxitu"


def test_initials_key() -> None:
    assert initials_key("广晟有色") == "gsys"
    assert initials_key("凉山稀土") == "lsxt"
    assert initials_key("Lynas") == ""


def test_strip_tones_and_has_han() -> None:
    assert strip_tones("Liángshān") == "Liangshan"
    assert strip_tones("lǚ") == "lu"
    assert has_han("包钢 Baotou")
    assert not has_han("Baotou Steel")


def test_slug_is_readable_and_deterministic() -> None:
    assert slug("凉山稀土") == "liang-shan-xi-tu"
    assert slug("广晟有色") == "guang-sheng-you-se"
    assert slug("Lynas Rare Earths") == "lynas-rare-earths"
    assert slug("中稀(凉山)稀土") == "zhong-xi-liang-shan-xi-tu"
    assert len(slug("中国稀土集团有限公司" * 10, max_length=30)) <= 30
    assert not slug("中国稀土集团有限公司" * 10, max_length=30).endswith("-")


# ---- English names -------------------------------------------------------------------------------------


def test_english_name_of_a_company() -> None:
    assert english_name("方兴稀土有限公司") == "Fangxing Rare Earth Co., Ltd."


@pytest.mark.parametrize("name", ["中稀(凉山)稀土有限公司", "中稀（凉山）稀土有限公司"])
def test_english_name_with_a_place_in_brackets(name: str) -> None:
    english = english_name(name)
    assert "Liangshan" in english
    assert "(Liangshan)" in english
    assert english.endswith("Co., Ltd.")
    assert "  " not in english


def test_english_name_of_an_english_name_is_itself() -> None:
    assert english_name("Lynas Rare Earths Ltd") == "Lynas Rare Earths Ltd"


def test_glossary_is_longest_first_and_well_formed() -> None:
    pairs = glossary()
    assert pairs == glossary(GLOSSARY_TSV)
    assert [len(c) for c, _ in pairs] == sorted((len(c) for c, _ in pairs), reverse=True)
    assert dict(pairs)["稀土"] == "Rare Earth"
    assert dict(pairs)["有限公司"] == "Co., Ltd."
    assert all(english.strip() == english and english for _, english in pairs)


def test_person_names_are_family_name_first() -> None:
    assert person_name_english("罗皓") == "Luo Hao"
    assert person_name_english("葛红林") == "Ge Honglin"
    assert person_name_english("敖宏") == "Ao Hong"


def test_syllables_read_as_pypinyin_reads_them() -> None:
    """graph/pinyin.py reads word by word (each word once): the syllables, with
    and without tones, are lazy_pinyin's over every name of the seeds and the text of the bundled documents."""
    from pypinyin import Style, lazy_pinyin

    from rekg.graph.places import places
    from rekg.ingest.lexicon import curated_entities
    from rekg.seeds import DOCUMENTS_DIR

    ensure_readings()
    texts = {name for entity in curated_entities() for name in entity.names}
    texts |= {place.name for place in places()} | {chinese for chinese, _ in glossary()}
    texts |= {line[:80] for path in DOCUMENTS_DIR.glob("*.txt") for line in path.read_text().splitlines()}
    for text in texts:
        for tones, style in ((False, Style.NORMAL), (True, Style.TONE)):
            expected = [
                s for s in lazy_pinyin(text, style=style, errors="default", v_to_u=tones) if s.strip()
            ]
            assert syllables(text, tones=tones) == expected, text
