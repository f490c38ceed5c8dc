"""Read a document from disk into a DocumentText: decode text, extract HTML/PDF text, guess metadata.

Unreadable documents raise DocumentError naming the file. A document is read whole, so its size is limited
(``max_bytes``, ``rekg ingest --max-size``).
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from rekg.errors import DocumentError, ValidationError
from rekg.ingest.model import DocumentText

SNIFF_BYTES = 65_536  # how much of a file is looked at to detect its kind and encoding
MAX_DOCUMENT_BYTES = 20_000_000  # one document is read whole: the default limit on its size
_TEXT_TYPES = {".txt": "text/plain", ".md": "text/markdown", ".markdown": "text/markdown"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DETECTABLE = ["utf_8", "gb18030", "gbk", "gb2312", "big5", "cp1252"]
_SUPERSETS = {"gbk": "gb18030", "gb2312": "gb18030", "ascii": "utf-8", "iso8859-1": "cp1252"}
_TRIED = "UTF-8, UTF-16 with a BOM, GB18030/GBK, Big5, Windows-1252"
_DAMAGE_ALLOWED = 10_000  # text with one undecodable byte per this many bytes is still read
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_JUNK_CATEGORIES = {"Cc", "Cn", "Co", "Cs"}
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_ENGLISH_WORD = re.compile(r"(?<![A-Za-z\u00c0-\u024f])[A-Za-z]{2,}(?![A-Za-z\u00c0-\u024f])")  # not pinyin
_HEADING = re.compile(r"^#{1,6}\s+(.+)$")
_GENERIC_HEADINGS = {"目录", "目錄", "contents", "table of contents", "abstract", "摘要"}
_PUBLISHER_YEAR = re.compile(r"^(?P<publisher>.*?),\s*(?P<year>(?:1[89]|20)\d{2})\b")
_MANIFEST_COLUMNS = ("file", "title", "language", "publisher", "notes")  # "what it is" is the title
PDF_FALLBACK_SECONDS = 120.0  # pdfminer.six (the fall-back PDF reader) is stopped after this long
_PDFMINER_CHILD = """import io, logging, sys
logging.disable(logging.CRITICAL)  # pdfminer logs every oddity of a damaged file
from pdfminer.high_level import extract_text
sys.stdout.buffer.write(extract_text(io.BytesIO(sys.stdin.buffer.read())).encode("utf-8", "replace"))
"""
_NO_PUBLISHER = {"", "-", "n/a", "unknown", "news item"}


@dataclass(frozen=True)
class DocumentMetadata:
    """What a corpus manifest says about one document."""

    file: str
    title: str | None = None
    language: str | None = None
    publisher: str | None = None
    year: int | None = None
    notes: str | None = None


def read_document(
    path: Path,
    *,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    manifest: Mapping[str, DocumentMetadata] | None = None,
    identity: str = "",
) -> DocumentText:
    """Read a text, Markdown, HTML or PDF file whole; raise DocumentError if it cannot be read.

    ``identity`` is the document's path relative to the ingest root (see :func:`document_identity`)."""
    path = Path(path)
    name = path.name
    size = _size(path)
    if size == 0:
        raise DocumentError(f"{name} is empty")
    if size > max_bytes:
        raise DocumentError(_too_large(name, size, max_bytes))
    data = _read_bytes(path)
    media_type = sniff_media_type(path, data[:SNIFF_BYTES])
    encoding: str | None = None
    title: str | None = None
    warnings: tuple[str, ...] = ()
    if media_type == "application/pdf":
        text = _pdf_text(data, name)
    elif media_type == "text/html":
        text, encoding, title, warnings = _html_document(data, name)
    else:
        text, encoding = decode_bytes(data, name)
    if not text.strip():
        raise DocumentError(f"{name} has no text (it is blank once decoded)")
    meta = (manifest or {}).get(name) or DocumentMetadata(name)
    return DocumentText(
        name=name,
        text=text,
        media_type=media_type,
        checksum="sha256:" + hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        title=meta.title or title or guess_title(text),
        language=meta.language or guess_language(text),
        publisher=meta.publisher,
        year=meta.year,
        identity=identity,
        warnings=warnings,
    )


def sniff_media_type(path: Path, head: bytes) -> str:
    """The media type from the file's suffix, or from its first bytes when the suffix says nothing."""
    suffix = path.suffix.lower()
    if b"%PDF-" in head[:1024] or suffix == ".pdf":
        return "application/pdf"
    if suffix in _HTML_SUFFIXES:
        return "text/html"
    if suffix in _TEXT_TYPES:
        return _TEXT_TYPES[suffix]
    start = head[:1024].removeprefix(codecs.BOM_UTF8).lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html")) or (start.startswith(b"<?xml") and b"<html" in start):
        return "text/html"
    return "text/plain"


def decode_bytes(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """Decode a text file's bytes; returns the text (newlines made "\\n") and the encoding used."""
    if _bom_encoding(data) is None:
        _reject_binary(data[:SNIFF_BYTES], name)
    encoding = detect_encoding(data, declared)
    text = _decode(data, encoding) if encoding else None
    if text is None:
        raise DocumentError(f"{name} is not in an encoding rekg can read (tried {_TRIED})")
    _reject_junk_text(text[:SNIFF_BYTES], name)
    return _newlines(text), encoding


def detect_encoding(sample: bytes, declared: str | None = None) -> str | None:
    """The encoding of some text: its BOM, the declared one or UTF-8 if they fit, else charset-normalizer's
    guess among the encodings rekg reads; None if unsure."""
    if (bom := _bom_encoding(sample)) is not None:
        return bom
    for encoding in (_canonical(declared), "utf-8"):
        if encoding and _decode(sample, encoding) is not None:
            return encoding
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=_DETECTABLE).best()
    return None if best is None else _canonical(best.encoding)


def _decode(data: bytes, encoding: str) -> str | None:
    """The text if the bytes are in this encoding but for a rare undecodable byte (made U+FFFD)."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, "replace")
    damaged = len(text) - len(data.decode(encoding, "ignore"))
    return text if damaged * _DAMAGE_ALLOWED <= len(data) else None


def _bom_encoding(data: bytes) -> str | None:
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def _canonical(encoding: str | None) -> str | None:
    """Python's name for an encoding label, widened to its superset (GBK → GB18030); None if unknown."""
    try:
        name = codecs.lookup(encoding or "").name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def _reject_binary(head: bytes, name: str) -> None:
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if b"\x00" in head or controls > 0.01 * len(head):
        raise DocumentError(f"{name} looks like binary data, not text")


def _reject_junk_text(sample: str, name: str) -> None:
    junk = sum(1 for c in sample if c not in "\t\n\r\f\v" and unicodedata.category(c) in _JUNK_CATEGORIES)
    if junk > 0.01 * len(sample):
        raise DocumentError(f"{name} looks like binary data, not text")


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _html_document(data: bytes, name: str) -> tuple[str, str, str | None, tuple[str, ...]]:
    """A page's article text, its encoding, its title and what the reader should know about how it was read.

    The text at any depth: lxml (and trafilatura, which uses it) stops reading markup nested some 256 levels
    deep, so the page's whole text is also gathered with the standard library's parser, which has no depth to
    run out of. If lxml saw less than that, the whole text is used, with a warning; a page whose article is a
    small part of its text gets a warning too."""
    match = re.search(rb"""<meta[^>]*charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", data[:4096], re.IGNORECASE)
    html, encoding = decode_bytes(data, name, match[1].decode("ascii") if match else None)
    import trafilatura

    whole, parsed = _all_text(html), _lxml_text(html)
    if _size_of(parsed) < 0.9 * _size_of(whole):
        warning = (
            f"{name}: the HTML parser read only {_share(parsed, whole)} of the page's text (markup nested too "
            "deep or broken), so its whole text was read, navigation and all"
        )
        return _newlines(whole), encoding, _html_title(html), (warning,)
    text = trafilatura.extract(html, include_comments=False, include_tables=True) or parsed
    warnings: tuple[str, ...] = ()
    if _size_of(text) < SMALL_SHARE * _size_of(whole):
        warnings = (
            f"{name}: only {_share(text, whole)} of the page's text was kept as its article (the rest read as "
            "navigation or boilerplate)",
        )
    return _newlines(text), encoding, _html_title(html), warnings


#: A document whose text is less than this share of what its input holds gets a warning.
SMALL_SHARE = 0.2


def _size_of(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def _share(part: str, whole: str) -> str:
    return f"{100 * _size_of(part) / max(1, _size_of(whole)):.0f}%"


def _html_title(html: str) -> str | None:
    import trafilatura

    meta = trafilatura.extract_metadata(html)
    return " ".join(meta.title.split()) if meta is not None and meta.title else None


class _TextCollector(HTMLParser):
    """Every text node of a page outside scripts and styles, by lines; a stream of tags, so no depth limit."""

    _HIDDEN = frozenset({"script", "style", "noscript", "template"})
    _BREAKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "title", "td"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _all_text(html: str) -> str:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).splitlines())
    return "\n".join(line for line in lines if line)


def _lxml_text(html: str) -> str:
    """The page's text without scripts, styles and navigation: the fall-back when trafilatura finds none."""
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)
    try:
        tree = lxml.html.fromstring(html.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError):
        return ""
    for element in tree.xpath("//script | //style | //noscript | //template"):
        element.drop_tree()
    lines = (" ".join(line.split()) for line in tree.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _pdf_text(data: bytes, name: str) -> str:
    if b"%PDF-" not in data[:1024]:
        raise DocumentError(f"{name} is not a PDF (it has no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise DocumentError(f"{name} is a truncated PDF (its end-of-file marker is missing)")
    try:
        text, failure = _pypdf_text(data), None
    except _pypdf_failures() as e:
        text, failure = "", e
    if not text.strip():
        fallback = _pdfminer_text(data, name)
        if fallback is None and failure is not None:
            kind = "an encrypted" if b"/Encrypt" in data else "a damaged"
            raise DocumentError(f"{name} is {kind} PDF that rekg cannot read") from failure
        text = fallback or ""
    if not text.strip():
        raise DocumentError(f"{name} is a PDF with no extractable text (scanned pages would need OCR)")
    return _newlines(text)


def _pypdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt("")
    return "\n\n".join(page.extract_text() or "" for page in reader.pages)


def _pypdf_failures() -> tuple[type[BaseException], ...]:
    """What pypdf raises on damaged input (it is not strict about raising only its own errors)."""
    import struct
    import zlib

    from pypdf.errors import PyPdfError

    parsing = (PyPdfError, struct.error, zlib.error, EOFError, RecursionError, NotImplementedError)
    sloppy = (ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError, ArithmeticError)
    return parsing + sloppy


def _pdfminer_text(data: bytes, name: str, timeout: float = PDF_FALLBACK_SECONDS) -> str | None:
    """pdfminer.six's text, or None if it fails. It runs in a child process: it can loop forever on
    damaged files (an object that refers to itself), and a child can be stopped."""
    import subprocess
    import sys

    command = [sys.executable, "-I", "-c", _PDFMINER_CHILD]
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as e:
        raise DocumentError(f"{name} took over {timeout:g} s to parse, so it was skipped as damaged") from e
    except OSError as e:
        raise DocumentError(f"{name} could not be parsed: the PDF reader failed to start") from e
    return done.stdout.decode("utf-8") if done.returncode == 0 else None


def guess_title(text: str) -> str | None:
    """The first Markdown heading near the top, else the first short non-empty line."""
    lines = [line.strip() for line in text[:20_000].splitlines() if line.strip()][:50]
    for line in lines:
        match = _HEADING.match(line)
        title = _clean_title(match[1]) if match else ""
        if title and title.casefold() not in _GENERIC_HEADINGS:
            return title
    return next((title for line in lines if 0 < len(title := _clean_title(line)) <= 80), None)


def _clean_title(line: str) -> str:
    return " ".join(line.replace("*", "").strip("# \t").split())


def guess_language(text: str) -> str | None:
    """A BCP 47 guess: "en", "zh-Hans", "zh-Hant", or "en zh-Hans" / "en zh-Hant" for bilingual text."""
    sample = text[:200_000]
    han = "".join(_HAN.findall(sample))
    english = sum(len(word) for word in _ENGLISH_WORD.findall(sample))
    if not han and not english:
        return None
    english_share = english / (english + len(han))
    if english_share >= 0.9:
        return "en"
    script = "zh-Hant" if _traditional_share(han) >= 0.1 else "zh-Hans"
    return f"en {script}" if english_share >= 0.1 else script


def _traditional_share(han: str) -> float:
    simplified = _t2s().convert(han)
    changed = sum(a != b for a, b in zip(han, simplified, strict=False))
    return changed / len(han)


@lru_cache(maxsize=1)
def _t2s():  # -> opencc.OpenCC
    import opencc

    return opencc.OpenCC("t2s")


def read_manifest(path: Path) -> dict[str, DocumentMetadata]:
    """Parse a corpus manifest (a Markdown table: file | what it is | language | publisher, year | notes)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise ValidationError(f"the manifest {path.name} cannot be read as UTF-8 text") from e
    rows = [_cells(line) for line in text.splitlines() if line.strip().startswith("|")]
    rows = [row for row in rows if not all(re.fullmatch(r":?-{3,}:?", cell) for cell in row)]
    if not rows:
        raise ValidationError(f"the manifest {path.name} has no table of documents")
    labels = [label.casefold().replace("what it is", "title") for label in rows[0]]
    columns = {
        key: next((i for i, label in enumerate(labels) if key in label), None) for key in _MANIFEST_COLUMNS
    }
    if columns["file"] is None:
        raise ValidationError(f"the manifest {path.name} has no 'file' column")
    result: dict[str, DocumentMetadata] = {}
    for row in rows[1:]:
        if entry := _manifest_entry(row, columns):
            result[entry.file] = entry
    return result


def _manifest_entry(row: list[str], columns: dict[str, int | None]) -> DocumentMetadata | None:
    file = _cell(row, columns.get("file"))
    if file is None:
        return None
    publisher, year = _publisher_year(_cell(row, columns.get("publisher")) or "")
    language = _cell(row, columns.get("language"))
    return DocumentMetadata(
        file=file,
        title=_cell(row, columns.get("title")),
        language=" ".join(language.replace("+", " ").split()) if language else None,
        publisher=publisher,
        year=year,
        notes=_cell(row, columns.get("notes")),
    )


def _cells(line: str) -> list[str]:
    inner = line.strip().removeprefix("|").removesuffix("|")
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", inner)]


def _cell(row: list[str], index: int | None) -> str | None:
    return (row[index].strip("` ") or None) if index is not None and index < len(row) else None


def _publisher_year(text: str) -> tuple[str | None, int | None]:
    match = _PUBLISHER_YEAR.match(text)
    if match is None:
        return text.split(";")[0].strip() or None, None
    publisher = match["publisher"].strip()
    return (None if publisher.casefold() in _NO_PUBLISHER else publisher), int(match["year"])


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as e:
        raise DocumentError(f"{path.name} cannot be read: {e.strerror or 'it does not exist'}") from e


def _read_bytes(path: Path, limit: int = -1) -> bytes:
    try:
        with path.open("rb") as stream:
            return stream.read(limit)
    except OSError as e:
        raise DocumentError(f"{path.name} cannot be read: {e.strerror or 'input/output error'}") from e


def _too_large(name: str, size: int, max_bytes: int) -> str:
    wanted = -(-size // 1_000_000)  # whole megabytes, rounded up
    return (
        f"{name} is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit for one document "
        f"(a document is read and linked whole): split it, or raise the limit with --max-size {wanted}"
    )
