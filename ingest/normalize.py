"""Normalisation: text prepared for matching while every character keeps its offset in the original.

Each step is a small function from :class:`NormalizedText` to :class:`NormalizedText`; :func:`normalize`
runs them in order. The original text is never changed, so evidence is quoted as printed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache

from rekg.graph.text import fold_width, to_simplified
from rekg.ingest.model import NormalizedText
from rekg.ingest.patterns import DOCUMENT_NUMBER

#: Replace text[start:end] by a string; optionally, for each new character, the index (in the current
#: text) of the character it comes from.
Edit = tuple[int, int, str] | tuple[int, int, str, tuple[int, ...]]

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# ``(`` after a Han character: the lookbehind follows the bracket, so the search jumps from bracket to bracket
_GLOSS = re.compile(rf"\((?<=[{HAN}]\()([a-zü{_TONE_MARKS}]{{1,7}})\)")
# A gloss whose bracket or character was lost in extraction: ``持?jǐn)?shù)`` (needs a tone mark).
_DAMAGED_GLOSS = re.compile(rf"[?？(]?[a-zü]*[{_TONE_MARKS}][a-zü]*\)")


def start(text: str) -> NormalizedText:
    return NormalizedText(original=text, text=text, offsets=tuple(range(len(text) + 1)))


def apply_edits(doc: NormalizedText, edits: Iterable[Edit]) -> NormalizedText:
    """Apply non-overlapping edits; inserted characters point at the original of what they replace."""
    pieces: list[str] = []
    offsets: list[int] = []
    position = 0
    text, old = doc.text, doc.offsets
    for edit in sorted(edits, key=lambda e: (e[0], e[1])):
        begin, end, replacement = edit[0], edit[1], edit[2]
        if begin < position:
            continue  # overlapping edit: the earlier one wins
        pieces.append(text[position:begin])
        offsets.extend(old[position:begin])
        pieces.append(replacement)
        if len(edit) == 4:
            offsets.extend(old[i] for i in edit[3])  # type: ignore[misc]
        elif len(replacement) == end - begin:
            offsets.extend(old[begin:end])
        else:
            anchor = old[begin] if begin < len(text) else old[-1]
            offsets.extend([anchor] * len(replacement))
        position = end
    pieces.append(text[position:])
    offsets.extend(old[position : len(text)])
    offsets.append(len(doc.original))
    return NormalizedText(doc.original, "".join(pieces), tuple(offsets))


def _substitute(
    doc: NormalizedText, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str | None]
) -> NormalizedText:
    edits = []
    for match in pattern.finditer(doc.text):
        replacement = replace(match)
        if replacement is not None:
            edits.append((match.start(), match.end(), replacement))
    return apply_edits(doc, edits) if edits else doc


def remove_pinyin_glosses(doc: NormalizedText) -> NormalizedText:
    """``產(chǎn)業(yè)`` → ``產業``: a parenthesised pinyin reading after a Han character is dropped.

    A gloss needs a tone mark, unless the document has many tone-marked glosses (then a toneless
    syllable such as ``(de)`` is a gloss too).
    """
    marked = sum(1 for m in _GLOSS.finditer(doc.text) if any(c in _TONE_MARKS for c in m.group(1)))

    def replace(match: re.Match[str]) -> str | None:
        has_tone = any(c in _TONE_MARKS for c in match.group(1))
        return "" if has_tone or marked >= 5 else None

    doc = _substitute(doc, _GLOSS, replace)
    if marked >= 5:
        doc = _substitute(doc, _DAMAGED_GLOSS, lambda match: "")
    return doc


_VERTICAL_LINE = re.compile(r"^[ \t]*\S{1,2}[ \t]*$")


def join_vertical_text(doc: NormalizedText, *, min_run: int = 4) -> NormalizedText:
    """Text laid out one character per line (PDF org charts) is joined back into names.

    A blank line or a line that starts with white space begins a new name; names are kept on lines of
    their own.
    """
    lines = doc.text.split("\n")
    edits: list[Edit] = []
    index = 0
    line_starts = [0]
    for line in lines:
        line_starts.append(line_starts[-1] + len(line) + 1)
    while index < len(lines):
        if not _VERTICAL_LINE.match(lines[index]):
            index += 1
            continue
        run_end = index
        while run_end < len(lines) and (_VERTICAL_LINE.match(lines[run_end]) or not lines[run_end].strip()):
            run_end += 1
        glyph_lines = [i for i in range(index, run_end) if lines[i].strip()]
        if len(glyph_lines) >= min_run:
            begin, end = line_starts[index], line_starts[run_end] - 1
            text, sources = _vertical_names(lines, line_starts, index, run_end)
            edits.append((begin, max(begin, end), text, sources))
        index = max(run_end, index + 1)
    return apply_edits(doc, edits) if edits else doc


_CONTINUATIONS = ("有", "限", "公", "司", "股", "份", "科", "技", "责", "任", "控", "集", "团")


def _vertical_names(
    lines: list[str], line_starts: list[int], first: int, stop: int
) -> tuple[str, tuple[int, ...]]:
    """The names of a vertical run, separated by two blank lines, with each character's source index."""
    chars: list[str] = []
    sources: list[int] = []
    separator = "\n\n\n"
    for i in range(first, stop):
        line = lines[i]
        stripped = line.strip()
        new_name = not stripped or line[:1] in " \t"
        if new_name and stripped.startswith(_CONTINUATIONS):
            new_name = False  # a column that wrapped: 中铝国际工程股 / 有限公
        if new_name and chars and chars[-1] != "\n":
            anchor = sources[-1]
            chars.extend(separator)
            sources.extend([anchor] * len(separator))
        if stripped:
            column = line.index(stripped[0])
            chars.extend(stripped)
            sources.extend(line_starts[i] + column + k for k in range(len(stripped)))
    while chars and chars[-1] == "\n":
        chars.pop()
        sources.pop()
    return "".join(chars), tuple(sources)


_HAN_CHARACTER = re.compile(f"[{HAN}]")
# A space between Han characters (or Chinese punctuation); the lookbehind after the space lets the search
# jump from space to space.
_SPACED = re.compile(rf" (?<=[{HAN}，。、；：“”《》（）] )(?=[{HAN}，。、；：“”《》（）])")


def join_spaced_characters(doc: NormalizedText) -> NormalizedText:
    """``在 国 内 首 次`` → ``在国内首次`` on lines where most Han characters are spaced out."""
    edits: list[Edit] = []
    position = 0
    for line in doc.text.split("\n"):
        if line.count(" ") >= 3:  # else there are not three spaced characters to join
            spaces = [m.start() for m in _SPACED.finditer(line)]
            if len(spaces) >= 3 and len(spaces) >= 0.3 * len(_HAN_CHARACTER.findall(line)) > 0:
                edits.extend((position + s, position + s + 1, "") for s in spaces)
        position += len(line) + 1
    return apply_edits(doc, edits) if edits else doc


def drop_repeated_banners(
    doc: NormalizedText, *, min_repeats: int = 3, max_length: int = 40
) -> NormalizedText:
    """Short lines repeated across the document (page banners, running section headers) become blank.

    A repeated line that holds an organisation name (a table row) is kept.
    """
    lines = doc.text.split("\n")
    stripped = [line.strip().lstrip("#").strip() for line in lines]
    counts = Counter(s for s in stripped if 5 < len(s) <= max_length)  # 党组成员, 副总经理 stay
    banners = {s for s, n in counts.items() if n >= min_repeats and not _NO_BANNER.search(s)}
    titles = _running_titles(lines, min_repeats)
    if not banners and not titles:
        return doc
    title_endings = tuple(titles)
    edits: list[Edit] = []
    position = 0
    for line, key in zip(lines, stripped, strict=True):
        if key in banners:
            edits.append((position, position + len(line), ""))
        elif title_endings and line.rstrip().endswith(title_endings):
            title = next(t for t in titles if line.rstrip().endswith(t))
            # 勇争第一，竭诚履行央企责任中铝集团 2024 社会责任报告: a page's foot
            end = position + len(line.rstrip())
            edits.append((end - len(title), end, ""))
        position += len(line) + 1
    return apply_edits(doc, edits)


_NO_BANNER = re.compile(r"公司|集团|研究院|大学|协会|[。；]")  # what a table row or a sentence holds
_RUNNING_TITLE = re.compile(
    rf"[{HAN}A-Za-z()（） ]{{2,30}}(?:19|20)\d\d ?年?度? ?(?:社会责任|可持续发展|ESG|环境、社会及治理)报告$"
)
_YEAR = re.compile(r"(?:19|20)\d\d")


def _running_titles(lines: list[str], min_repeats: int) -> set[str]:
    """A report's title printed at the foot of its pages (中铝集团 2024 社会责任报告), glued to line ends.

    Of the endings a repeated line end could be cut at, the title is the one most lines end with (the
    longest of those): the publisher, the year and the kind of report, without the running section header.
    """
    found = (_RUNNING_TITLE.search(line) for line in lines if line.endswith("报告"))  # a title ends a line
    matches = {m.group() for m in found if m is not None}
    if not matches:
        return set()
    line_ends = Counter(line.rstrip() for line in lines)
    titles = set()
    for match in matches:
        year = _YEAR.search(match)
        if year is None:
            continue
        best: tuple[int, int, str] | None = None
        with_year = [(line, n) for line, n in line_ends.items() if year.group() in line]
        for cut in range(max(0, year.start() - 12), year.start() - 1):
            candidate = match[cut:].strip()
            if len(_HAN_CHARACTER.findall(candidate[: candidate.find(year.group())])) < 2:
                continue
            ends = sum(n for line, n in with_year if line.endswith(candidate))
            if ends >= min_repeats and (best is None or (ends, len(candidate)) > best[:2]):
                best = (ends, len(candidate), candidate)
        if best is not None:
            titles.add(best[2])
    return titles


_BROKEN_LINE = re.compile(rf"(?<=[{HAN}，、“《（])[ \t]*\n(?:[ \t]*\n)?[ \t]*(?=[{HAN}》）”])")


_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司")
_NUMBERED_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d))"
)
#: What a document's title ends with: the line under it starts something new.
_TITLE_ENDINGS = ("公告", "通知", "通告", "决定", "报告", "意见", "批复", "提示性公告", "说明")
_SHORT_LINE = 24  # shorter than a printed line: a headline, when a blank line follows
_LABEL_LINE = 12  # shorter still: a heading or a label (有关恒昇稀材), never half of a broken sentence
_TABLE_ROW = re.compile(
    rf"\t| {{2,}}|\u3000|[{HAN})] +[{HAN}(]|[^/／]+[/／][^/／]+[/／]|[|｜][^|｜\n]*[|｜]"
)  # cells apart by tabs, spaces, slashes, bars
_CLAUSE_BREAK = re.compile("[，,、；;：:]")  # a headline has none
_KEY_VALUE = re.compile(r"[\u4e00-\u9fff()（）]{2,12}[:：]")  # 注册地址：, 法定代表人：, 股权结构（交易前）：


def join_broken_lines(doc: NormalizedText) -> NormalizedText:
    """A line that stops mid-sentence and goes on after one line break (or one blank line) is joined.

    Headings (``#``), list items and lines ending in sentence punctuation are left alone.
    """

    text = doc.text

    def replace(match: re.Match[str]) -> str | None:
        start, end = match.span()
        line_start = text.rfind("\n", 0, start) + 1
        raw = text[line_start:end]
        if "\t" in raw or raw.rstrip("\n ").endswith(("有限公司", "集团")):
            return None  # a table cell or a list of names, not a sentence broken in two
        if raw.rstrip("\n ").endswith(_TITLE_ENDINGS):
            return None  # …收购股权的公告: a title, whatever starts the next line (公司于…)
        if text.startswith(_LEGAL_FORMS, end) and not raw.rstrip("\n ").endswith("公司"):
            return ""  # 中铝财务 / 有限责任公司: a name in a chart box, broken before its legal form
        previous = text[line_start:start].strip()
        if previous.startswith("#") or len(previous) < _LABEL_LINE or _TABLE_ROW.search(previous):
            return None  # headings, short labels and table rows stay lines of their own
        if _NUMBERED_HEADING.match(previous) and len(previous) < _SHORT_LINE:
            return None  # 一、出让结果: a numbered heading, not the start of a sentence
        # a document number on the line under a title (陕自然资发〔2025〕8号) is a line of its own
        if DOCUMENT_NUMBER.match(text, end) or DOCUMENT_NUMBER.fullmatch(previous):
            return None
        if _KEY_VALUE.match(previous) or _KEY_VALUE.match(text, end):
            return None  # 注册地址：…／法定代表人：…: the lines of a key-value block
        if match.group().count("\n") == 1:
            return ""
        # over a blank line: a headline (北方稀土拟投资建设…项目) is no broken sentence
        headline = (line_start == 0 or len(previous) < _SHORT_LINE) and not _CLAUSE_BREAK.search(previous)
        return None if headline else ""

    return _substitute(doc, _BROKEN_LINE, replace)


def to_simplified_script(doc: NormalizedText) -> NormalizedText:
    """Traditional → simplified (OpenCC), character by character where a phrase would change length."""
    converted = to_simplified(doc.text)
    if len(converted) == len(doc.text):
        return NormalizedText(doc.original, converted, doc.offsets)
    return NormalizedText(doc.original, "".join(to_simplified(c) or c for c in doc.text), doc.offsets)


def fold_full_width(doc: NormalizedText) -> NormalizedText:
    """Full-width letters, digits and brackets folded for matching: ``（`` ≡ ``(``, ``２０２４`` ≡ ``2024``.

    Only characters whose folded form is one character are folded, so offsets stay aligned.
    """
    return NormalizedText(doc.original, _FULL_WIDTH_RUN.sub(_fold_run, doc.text), doc.offsets)


#: Runs of the characters :func:`_width_table` covers: translating only them is much faster than
#: translating the whole text character by character.
_FULL_WIDTH_RUN = re.compile("[\u3000\u30fb\u2027\uff01-\uffee]+")


def _fold_run(match: re.Match[str]) -> str:
    """A run of full-width characters, folded."""
    return match.group().translate(_width_table())


@cache
def _width_table() -> dict[int, str]:
    """Full-width forms (U+FF01–U+FFEE) and the ideographic space, to what they fold to in one character; the
    katakana and hyphenation middle dots to the middle dot."""
    table = {}
    for code in [0x3000, 0x2027, 0x30FB, *range(0xFF01, 0xFFEF)]:  # ‧ ・: the dots of transliterated names
        single = fold_width(chr(code))
        if len(single) == 1 and single != chr(code):
            table[code] = single
    return table


STEPS: tuple[Callable[[NormalizedText], NormalizedText], ...] = (
    remove_pinyin_glosses,
    join_vertical_text,
    join_spaced_characters,
    drop_repeated_banners,
    join_broken_lines,
    to_simplified_script,
    fold_full_width,
)


def normalize(
    text: str, steps: Iterable[Callable[[NormalizedText], NormalizedText]] = STEPS
) -> NormalizedText:
    """Run the normalisation steps over a document's text."""
    doc = start(text.replace("\r\n", "\n").replace("\r", "\n"))
    for step in steps:
        doc = step(doc)
    return doc
