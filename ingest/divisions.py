"""Divisions and towns named after a place the lists know: 泰国罗勇府, 台南市善化区, 织金县猫场镇, and a town after
在/于/位于 (将在石门镇建设). Each is a place of its own, found by its position after the larger place."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from rekg.ingest.patterns import Candidate
from rekg.ingest.spans import countries

_NOT_A_TOWN = "城镇|乡镇|村镇|集镇|城乡|乡村|重镇|小镇"  # words, not towns
_TOWN_AFTER_LOCATIVE = re.compile(
    rf"(?:在|于|位于)((?!{_NOT_A_TOWN})[\u4e00-\u9fff]{{2,3}}?(?:镇|乡))(?![\u4e00-\u9fff]{{0,2}}政府)"
)
_TOWN = re.compile(
    rf"(?!{_NOT_A_TOWN})[\u4e00-\u9fff]{{1,3}}?(?:镇|乡|街道)(?![\u4e00-\u9fff]{{0,2}}(?:政府|党委|办事处))"
)
_DIVISION_AFTER_COUNTRY = re.compile(
    r"(?![与和及同或])[\u4e00-\u9fff]{2,6}?(?:省|府|州|邦)(?![份会级内外长委政府城])"
)
_DISTRICT_AFTER_CITY = re.compile(
    r"[\u4e00-\u9fff]{2,3}?区(?![\u4e00-\u9fff]{0,2}(?:政府|党委|委员会|管委会))"
)
_GOVERNMENT_AFTER = r"(?![\u4e00-\u9fff]{0,2}(?:政府|党委|委员会|管委会))"
_COUNTY_AFTER_PROVINCE = re.compile(
    r"(?![与和及同或在的])[\u4e00-\u9fff]{2,3}?(?:市|县|郡)(?![场民长委级内外])" + _GOVERNMENT_AFTER
)
_CITY_AFTER_COUNTY = re.compile(
    r"(?![与和及同或在的])[\u4e00-\u9fff]{2,3}?(?:市|区)(?![场民长委级内外])" + _GOVERNMENT_AFTER
)
#: Words that end like a division and are none: a ministry (经济产业省), a park, an area of a city.
_NOT_A_DIVISION = re.compile(
    r"(?:务|业|卫|学|境|通|动|交)省$|(?:园|城|市|地|片|辖|矿|景|社|山|林|牧|产|灾|校|厂|营|风|街|开发|保护|示范|试验|工业)区$"
)
_DIRECTION = re.compile(r"(?:[东西南北中]|东北|东南|西北|西南)部(?:的)?|")
_REGION_OF = re.compile(r"(.{2,6}?)(?:[东西南北中]|东北|东南|西北|西南)部.")


def division_after(place: str, text: str, end: int) -> tuple[int, int] | None:
    """Where a division named right after a known place stands: a province, state or prefecture (省, 州, 府,
    邦) after a country (or after its west, east …), a city or county after a province or state, a city or
    district after a county, a district (区) after a city."""
    if place in countries():
        end += len(
            _DIRECTION.match(text, end)[0]
        )  # 安哥拉西部南宽札省: the region lies in the country's west
        match = _DIVISION_AFTER_COUNTRY.match(text, end)
    elif place.endswith("市"):
        match = _DISTRICT_AFTER_CITY.match(text, end)
    elif place.endswith(("省", "州", "邦", "府", "自治区")):
        match = _COUNTY_AFTER_PROVINCE.match(text, end)  # 俄亥俄州代顿市, 吉打州居林县
    elif place.endswith(("县", "郡")):
        match = _CITY_AFTER_COUNTY.match(text, end)  # 云林县斗六市, 夸莱郡基南戈区
    else:
        return None
    if match is None or _NOT_A_DIVISION.search(match.group()):
        return None
    return match.span()


def region_of_a_country(name: str) -> bool:
    """安哥拉西部南宽札省: a country, its west, a province in it — not one place's name."""
    part = _REGION_OF.match(name)
    return part is not None and part.group(1) in countries()


def division_candidates(text: str, known: Sequence[tuple[int, int, str, str]]) -> Iterator[Candidate]:
    """Towns and divisions named after the known places of a sentence, and towns after a locative."""
    for _, end, name, kind in known:
        if kind != "place":
            continue
        town = _TOWN.match(text, end)
        if town is not None:  # 织金县猫场镇: a town named after its county
            yield Candidate(town.start(), town.end(), "place", "pattern:town", 3)
        division = division_after(name, text, end)
        if division is not None:  # 泰国罗勇府, 台南市善化区: a division named after its country or city
            yield Candidate(*division, "place", "pattern:division", 3)
    for town in _TOWN_AFTER_LOCATIVE.finditer(text):  # 将在石门镇建设, 位于麻涌镇
        yield Candidate(town.start(1), town.end(1), "place", "pattern:town", 2)
