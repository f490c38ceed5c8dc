"""rekg.ingest.reading: decoding, extraction, bad input, streaming, manifest and metadata guesses."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from rekg.errors import DocumentError
from rekg.ingest.reading import (
    DocumentMetadata,
    guess_language,
    read_document,
    read_manifest,
)

RANDOM = random.Random(20250101)  # seeded: junk inputs are the same on every run
SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "documents"

CHINESE = (
    "# 中国稀土集团2024年社会责任报告\n"
    "中国稀土集团有限公司是稀土行业的骨干企业，所属企业包括中国稀土集团资源科技股份有限公司。\n"
    "稀土是不可再生的重要战略资源，是改造传统产业、发展新兴产业及国防科技工业不可或缺的关键元素。\n"
    "集团坚持创新驱动，推进绿色低碳转型，保障国家战略资源安全。\n"
)
TRADITIONAL = (
    "推動稀土產業高質量發展的行業共識發布。由中國有色金屬工業協會主辦，中國稀土集團特邀協辦的"
    "中國稀土論壇在江西贛州舉行。會上，針對我國稀土產業發展面臨的新形勢，與會代表達成共識。\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---- encodings -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
        ("utf-16", "utf-16"),
    ],
)
def test_chinese_text_decodes_the_same_in_every_encoding(tmp_path, encoding, reported):
    document = read_document(write(tmp_path, "report.txt", CHINESE.encode(encoding)))
    assert document.text == CHINESE  # BOM stripped, same characters whatever the bytes
    assert document.encoding == reported
    assert document.media_type == "text/plain"
    assert document.language == "zh-Hans"
    assert document.title == "中国稀土集团2024年社会责任报告"


def test_big5_traditional_text_is_detected(tmp_path):
    document = read_document(write(tmp_path, "forum.txt", (TRADITIONAL * 3).encode("big5")))
    assert document.text == TRADITIONAL * 3
    assert document.language == "zh-Hant"


def test_crlf_line_ends_become_newlines(tmp_path):
    document = read_document(write(tmp_path, "notes.txt", CHINESE.replace("\n", "\r\n").encode("utf-8")))
    assert document.text == CHINESE


def test_checksum_is_sha256_of_the_bytes(tmp_path):
    import hashlib

    data = CHINESE.encode("gbk")
    document = read_document(write(tmp_path, "report.txt", data))
    assert document.checksum == "sha256:" + hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    "data",
    [
        ("Это русский текст в кодировке KOI8-R, которую rekg не читает. " * 20).encode("koi8_r"),
        ("これは日本語のテキストです。シフトJISで書かれています。" * 20).encode("shift_jis"),
    ],
    ids=["koi8-r", "shift-jis"],
)
def test_unknown_encoding_is_a_document_error(tmp_path, data):
    with pytest.raises(DocumentError, match=r"legacy\.txt is not in an encoding rekg can read \(tried"):
        read_document(write(tmp_path, "legacy.txt", data))


# ---- bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"  \n\t\r\n   \n", "has no text"),
        ("\u3000\n \n".encode(), "has no text"),  # ideographic space only
        (RANDOM.randbytes(3000) + b"\x00" * 50 + RANDOM.randbytes(3000), "looks like binary data"),
        (RANDOM.randbytes(6000).replace(b"\x00", b"\x01"), "looks like binary data"),
        (bytes(range(1, 32)) * 100, "looks like binary data"),
    ],
    ids=["zero-bytes", "whitespace", "ideographic-space", "random-with-nul", "random", "control-characters"],
)
def test_unreadable_text_is_a_document_error_naming_the_file(tmp_path, data, message):
    with pytest.raises(DocumentError, match=rf"^bad\.txt {message}"):
        read_document(write(tmp_path, "bad.txt", data))


def test_missing_file_is_a_document_error(tmp_path):
    with pytest.raises(DocumentError, match=r"^absent\.txt cannot be read"):
        read_document(tmp_path / "absent.txt")


def test_binary_file_without_suffix_is_rejected(tmp_path):
    with pytest.raises(DocumentError, match="blob looks like binary data"):
        read_document(write(tmp_path, "blob", b"\x7fELF\x02\x01\x01\x00" + random.Random(1).randbytes(2000)))


# ---- HTML ------------------------------------------------------------------------------------------

ARTICLE = [
    "中国稀土集团有限公司与江西省人民政府签署战略合作协议，双方将在稀土资源整合、绿色冶炼分离和高端应用等领域深化合作。",
    "根据协议，集团将在赣州建设稀土新材料产业园，推进离子型稀土矿山生态修复，提升稀土产业链供应链韧性和安全水平。",
    "集团董事长表示，将坚持创新驱动，加快关键核心技术攻关，推动稀土产业高质量发展，为制造强国建设贡献力量。",
]
HTML_PAGE = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>中国稀土集团签署战略合作协议</title></head>
<body>
<nav><ul><li><a href="/">首页</a></li><li><a href="/news">新闻中心</a></li><li><a href="/about">集团概况</a></li></ul></nav>
<article><h1>中国稀土集团签署战略合作协议</h1>
{"".join(f"<p>{paragraph}</p>" for paragraph in ARTICLE)}
</article>
<footer><p>版权所有 中国稀土集团有限公司 京ICP备12345678号</p><a href="/contact">联系我们</a></footer>
</body></html>
"""


def test_html_page_yields_the_article_without_boilerplate(tmp_path):
    document = read_document(write(tmp_path, "news.html", HTML_PAGE.encode("gbk")))
    assert document.media_type == "text/html"
    assert document.encoding == "gb18030"
    assert document.title == "中国稀土集团签署战略合作协议"
    for paragraph in ARTICLE:
        assert paragraph in document.text
    for boilerplate in ("新闻中心", "集团概况", "版权所有", "京ICP备", "联系我们"):
        assert boilerplate not in document.text
    assert document.language == "zh-Hans"


def test_html_is_sniffed_when_the_suffix_says_nothing(tmp_path):
    document = read_document(write(tmp_path, "page", HTML_PAGE.replace("gbk", "utf-8").encode("utf-8")))
    assert document.media_type == "text/html"
    assert ARTICLE[0] in document.text


def test_html_with_only_short_text_falls_back_to_lxml(tmp_path):
    page = "<html><head><title>短讯</title><style>p {color: red}</style></head><body><p>稀土价格上涨。</p></body></html>"
    document = read_document(write(tmp_path, "brief.htm", page.encode("utf-8")))
    assert "稀土价格上涨" in document.text
    assert "color" not in document.text
    assert document.title == "短讯"


# ---- PDF -------------------------------------------------------------------------------------------


def make_pdf(content: bytes, font: list[bytes]) -> bytes:
    """A minimal one-page PDF: objects 1-3 are catalog, pages and page, 4 the content, 5.. the font."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        *font,
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def ascii_pdf(text: str) -> bytes:
    content = b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode("ascii")
    return make_pdf(content, [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])


def chinese_pdf(text: str) -> bytes:
    """CJK text without an embedded font: Identity-H codes are the code points, ToUnicode maps them back."""
    codes = [f"{ord(c):04X}".encode() for c in text]
    cmap = b"\n".join(
        [
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange",
            b"%d beginbfchar" % len(set(codes)),
            *(b"<%s> <%s>" % (code, code) for code in sorted(set(codes))),
            b"endbfchar endcmap CMapName currentdict /CMap defineresource pop end end",
        ]
    )
    font = [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000 "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>",
    ]
    return make_pdf(b"BT /F1 12 Tf 72 720 Td <%s> Tj ET" % b"".join(codes), font)


def test_pdf_text_is_extracted(tmp_path):
    document = read_document(write(tmp_path, "note.pdf", ascii_pdf("Rare earth magnets from Baotou")))
    assert document.media_type == "application/pdf"
    assert document.encoding is None
    assert "Rare earth magnets from Baotou" in document.text
    assert document.language == "en"


def test_chinese_pdf_text_is_extracted(tmp_path):
    document = read_document(write(tmp_path, "report.pdf", chinese_pdf("中国稀土集团有限公司")))
    assert "中国稀土集团有限公司" in document.text.replace(" ", "")
    assert document.language == "zh-Hans"


def test_pdf_is_sniffed_whatever_the_suffix(tmp_path):
    document = read_document(write(tmp_path, "download.bin", ascii_pdf("Lynas Rare Earths")))
    assert document.media_type == "application/pdf"


def test_truncated_pdf_is_a_document_error(tmp_path):
    data = chinese_pdf("中国稀土集团有限公司")
    with pytest.raises(DocumentError, match=r"^cut\.pdf is a truncated PDF"):
        read_document(write(tmp_path, "cut.pdf", data[: len(data) // 2]))


def test_corrupt_pdf_is_a_document_error(tmp_path):
    data = (
        b"%PDF-1.7\n"
        + random.Random(2).randbytes(4000).replace(b"%%EOF", b"")
        + b"\ntrailer\n<< /Root 9 0 R >>\n%%EOF\n"
    )
    with pytest.raises(DocumentError, match=r"^junk\.pdf is a (damaged PDF|PDF with no extractable text)"):
        read_document(write(tmp_path, "junk.pdf", data))


def test_pdf_without_text_is_a_document_error(tmp_path):
    data = make_pdf(
        b"0 0 1 rg 72 72 200 200 re f", [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    )
    with pytest.raises(DocumentError, match=r"^scan\.pdf is a PDF with no extractable text"):
        read_document(write(tmp_path, "scan.pdf", data))


def self_referencing_pdf() -> bytes:
    """A PDF whose page tree is an object that refers to itself: pdfminer.six loops on it forever."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate([b"<< /Type /Catalog /Pages 2 0 R >>", b"2 0 R"], start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_pdf_fallback_that_never_finishes_is_stopped():
    from rekg.ingest.reading import _pdfminer_text

    started = time.monotonic()
    with pytest.raises(
        DocumentError, match=r"^loop\.pdf took over 3 s to parse, so it was skipped as damaged"
    ):
        _pdfminer_text(self_referencing_pdf(), "loop.pdf", timeout=3)
    assert time.monotonic() - started < 20


def test_pdf_suffix_without_pdf_content_is_a_document_error(tmp_path):
    with pytest.raises(DocumentError, match=r"^fake\.pdf is not a PDF"):
        read_document(write(tmp_path, "fake.pdf", CHINESE.encode()))


# ---- titles and languages --------------------------------------------------------------------------


def test_markdown_title_and_media_type(tmp_path):
    text = "Draft, not for circulation\n\n## **Baotou rare-earth base**\n\nThe base produces oxides.\n"
    document = read_document(write(tmp_path, "baotou.md", text.encode()))
    assert document.media_type == "text/markdown"
    assert document.title == "Baotou rare-earth base"


def test_title_is_the_first_short_line_without_a_heading(tmp_path):
    long_line = "稀土" * 60
    document = read_document(
        write(tmp_path, "plain.txt", f"\n\n{long_line}\n稀土行业发展规划\n正文".encode())
    )
    assert document.title == "稀土行业发展规划"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Rare earth elements are critical to permanent magnets and defence. " * 5, "en"),
        (CHINESE, "zh-Hans"),
        (TRADITIONAL, "zh-Hant"),
        (
            "推動稀土產(chǎn)業(yè)高質(zhì)量發(fā)展的行業(yè)共識發(fā)布",
            "zh-Hant",
        ),  # pinyin glosses are not English
        (CHINESE + "China Rare Earth Group is a state-owned enterprise based in Ganzhou. " * 4, "en zh-Hans"),
        ("2024 — 12 — 31", None),
    ],
)
def test_guess_language(text, language):
    assert guess_language(text) == language


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("creg-csr-2024.zh.txt", "zh-Hans"),
        ("chinalco-csr-2024.zh.txt", "zh-Hans"),
        ("re-industry-plan-2016-2020.zh.txt", "zh-Hans"),
        ("re-forum-consensus-2023.zh-hant.txt", "zh-Hant"),
        ("re-security-control-paper.zh-en.txt", "en zh-Hans"),
    ],
)
def test_language_guess_for_the_seed_documents(name, expected):
    document = read_document(SEEDS / name)
    assert document.language == expected
    assert document.encoding == "utf-8"


# ---- manifest --------------------------------------------------------------------------------------


def test_manifest_parses_the_seed_table():
    manifest = read_manifest(SEEDS / "MANIFEST.md")
    assert list(manifest) == [
        "creg-csr-2024.zh.txt",
        "chinalco-csr-2024.zh.txt",
        "re-industry-plan-2016-2020.zh.txt",
        "re-forum-consensus-2023.zh-hant.txt",
        "re-security-control-paper.zh-en.txt",
    ]
    assert [entry.year for entry in manifest.values()] == [2025, 2025, 2016, 2023, None]
    creg = manifest["creg-csr-2024.zh.txt"]
    assert creg.publisher == "中国稀土集团有限公司"
    assert creg.title == "China Rare Earth Group 2024 Social Responsibility Report"
    assert creg.language == "zh-Hans"
    assert creg.notes.startswith("the core source")
    assert manifest["re-industry-plan-2016-2020.zh.txt"].publisher.startswith("Ministry of Industry")
    assert manifest["re-forum-consensus-2023.zh-hant.txt"].publisher is None  # "news item" is no publisher
    paper = manifest["re-security-control-paper.zh-en.txt"]
    assert paper.language == "en zh-Hans"
    assert paper.publisher == "Hao Luo (罗皓), Fangxing Rare Earth Co., Ltd."


def test_manifest_metadata_is_used_and_its_language_wins(tmp_path):
    path = write(tmp_path, "mixed.txt", CHINESE.encode())
    manifest = {
        "mixed.txt": DocumentMetadata("mixed.txt", "A title", "zh-Hant", "Someone", 2021, None),
        "other.txt": DocumentMetadata("other.txt", "Other"),
    }
    document = read_document(path, manifest=manifest)
    assert (document.title, document.language, document.publisher, document.year) == (
        "A title",
        "zh-Hant",
        "Someone",
        2021,
    )
    seed = read_document(SEEDS / "creg-csr-2024.zh.txt", manifest=read_manifest(SEEDS / "MANIFEST.md"))
    assert (seed.publisher, seed.year) == ("中国稀土集团有限公司", 2025)


def test_manifest_without_a_table_is_rejected(tmp_path):
    from rekg.errors import ValidationError

    with pytest.raises(ValidationError, match=r"MANIFEST\.md has no table"):
        read_manifest(write(tmp_path, "MANIFEST.md", b"# Corpus\n\nNo table here.\n"))


# ---- large files -----------------------------------------------------------------------------------


def test_a_document_over_the_size_limit_is_refused_with_a_plain_message(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(("稀土" * 100 + "\n").encode("utf-8") * 40_000)  # 24 MB
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    message = str(caught.value)
    assert message == (
        "big.txt is 24.0 MB, over the 20 MB limit for one document (a document is read and linked whole): "
        "split it, or raise the limit with --max-size 25"
    )
    assert read_document(path, max_bytes=25_000_000).text.count("\n") == 40_000


def test_a_rare_damaged_byte_is_replaced_not_fatal(tmp_path):
    text = CHINESE * 200  # ~37 KB: up to 3 damaged sequences are tolerated
    data = bytearray(text.encode("utf-8"))
    data[5000] = 0xFF
    path = write(tmp_path, "damaged.txt", bytes(data))
    document = read_document(path)
    assert document.encoding == "utf-8"
    assert 1 <= document.text.count("\ufffd") <= 3  # the broken character, as U+FFFD


def test_damage_in_a_small_file_is_not_tolerated(tmp_path):
    data = bytearray(CHINESE.encode("utf-8"))
    data[20] = 0xFF
    with pytest.raises(DocumentError, match="is not in an encoding rekg can read"):
        read_document(write(tmp_path, "small.txt", bytes(data)))
