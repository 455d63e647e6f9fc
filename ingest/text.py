"""Plain-text input: decode, split into pages, keep every line with its page and number."""

from __future__ import annotations

import codecs
import logging

import regex

from ingest.errors import InputError
from ingest.legacy import decode_legacy, looks_legacy
from ingest.models import Document, Line, Page
from ingest.normalize import nfc

log = logging.getLogger(__name__)

_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode report text; returns (text, encoding). Binary content is an :class:`InputError`."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    sample = data[:4096]
    if sample and sample.count(0) > len(sample) // 4:
        # UTF-16 without a BOM: one of every two bytes is NUL for Latin-script text.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        enc = "utf-16-le" if odd > even else "utf-16-be"
        text = data.decode(enc, errors="replace")
        if not _CONTROL.search(text[:2000]):
            return text, enc
        raise InputError("nội dung nhị phân, không phải báo cáo dạng văn bản", path=path)
    if b"\x00" in sample:
        raise InputError("nội dung nhị phân, không phải báo cáo dạng văn bản", path=path)
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        text, enc = data.decode("cp1258", errors="replace"), "cp1258"
        if looks_legacy(text):
            text, enc = decode_legacy(data)
    else:
        if looks_legacy(text):
            text, enc = decode_legacy(data)
    controls = len(_CONTROL.findall(text[:8192]))
    if controls > max(8, len(text[:8192]) // 50):
        raise InputError("nội dung nhị phân, không phải báo cáo dạng văn bản", path=path)
    return text, enc


def split_pages(text: str) -> list[list[str]]:
    """Pages of raw lines.

    Form feeds split pages. Legacy OCR exports without form feeds mark each page's first
    line with one leading space (the seed reports do); that convention is only trusted
    when the file itself starts that way.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:
        chunks = text.split("\f")
        pages = [c.split("\n") for c in chunks]
    else:
        lines = text.split("\n")
        marked = bool(lines) and lines[0].startswith(" ") and not lines[0].startswith("  ")
        if not marked:
            pages = [lines]
        else:
            pages = []
            for line in lines:
                if line.startswith(" ") and not line.startswith("  ") or not pages:
                    pages.append([])
                pages[-1].append(line[1:] if line.startswith(" ") and not line.startswith("  ") else line)
    while pages and not any(s.strip() for s in pages[-1]):
        pages.pop()
    return pages


def read_text(path: str, data: bytes, sha256: str) -> Document:
    if not data.strip():
        raise InputError("tệp rỗng", path=path)
    text, enc = decode_bytes(data, path)
    text = nfc(text)
    pages: list[Page] = []
    for pno, raw_lines in enumerate(split_pages(text), 1):
        lines = [
            Line(page=pno, number=i, text=s.rstrip())
            for i, s in enumerate(raw_lines, 1)
            if s.strip()
        ]
        pages.append(Page(number=pno, lines=lines, source="text", unit="char"))
    if not any(p.lines for p in pages):
        raise InputError("tệp không có chữ", path=path)
    log.debug("%s: %d pages, encoding %s", path, len(pages), enc)
    return Document(path=path, sha256=sha256, kind="txt", encoding=enc, pages=pages)
