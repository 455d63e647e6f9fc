"""Text-layer PDFs with pdfplumber; pages without a usable text layer go to OCR.

The decision is per page and recorded on the page (``source``). Words keep their boxes
(PDF points, top-left origin); ruled tables come out as rows with cells.
"""

from __future__ import annotations

import logging
import statistics

import regex

from ingest.config import IngestConfig
from ingest.errors import EncryptedPDFError, InputError, LimitExceededError
from ingest.legacy import convert_legacy_text, detect_legacy
from ingest.models import Document, Line, Page, PageError, Word
from ingest.normalize import nfc

log = logging.getLogger(__name__)

_VIET_OR_ASCII = regex.compile(r"[\p{Latin}\p{N}\p{P}\p{Zs}%/()]")
MIN_CHARS = 40
"""A page with fewer text-layer characters than this is treated as a scan."""


def text_layer_usable(text: str) -> bool:
    """Whether a page's text layer is worth trusting over OCR."""
    stripped = "".join(text.split())
    if len(stripped) < MIN_CHARS:
        return False
    good = len(_VIET_OR_ASCII.findall(stripped))
    if good / len(stripped) < 0.9:
        return False
    letters = regex.findall(r"\p{L}+", text)
    if not letters:
        return False
    # A scanner's invisible OCR layer of poor quality: mostly 1-2 letter fragments.
    return statistics.mean(len(w) for w in letters) >= 2.2


def _group_lines(words: list[dict], page_no: int) -> list[Line]:
    """Words → visual lines, by vertical overlap, left to right."""
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        if rows:
            last = rows[-1]
            top = statistics.median(x["top"] for x in last)
            bottom = statistics.median(x["bottom"] for x in last)
            h = max(bottom - top, 1.0)
            if abs(w["top"] - top) < 0.5 * h:
                last.append(w)
                continue
        rows.append([w])
    lines = []
    for i, row in enumerate(rows, 1):
        row.sort(key=lambda w: w["x0"])
        text = " ".join(w["text"] for w in row)
        bbox = (min(w["x0"] for w in row), min(w["top"] for w in row),
                max(w["x1"] for w in row), max(w["bottom"] for w in row))
        lines.append(Line(page=page_no, number=i, text=nfc(text), bbox=bbox,
                          words=[Word(text=nfc(w["text"]), bbox=(w["x0"], w["top"], w["x1"], w["bottom"])) for w in row]))
    return lines


def _table_lines(page, page_no: int, legacy: str | None = None) -> tuple[list[Line], list[tuple[float, float, float, float]]]:
    """Rows of ruled tables as lines with cells; also the table boxes (to drop their words).

    Legacy-encoded cells are decoded before :func:`nfc`, which drops soft hyphens: U+00AD is
    TCVN3's "ư" ("ng\xadêi" is "người").
    """
    out: list[Line] = []
    boxes = []
    for table in page.find_tables():
        boxes.append(table.bbox)
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if cell is None:
                    cells.append("")
                    continue
                txt = " ".join((page.crop(cell).extract_text() or "").split())
                cells.append(nfc(convert_legacy_text(txt, legacy) if legacy else txt))
            if not any(cells):
                continue
            ys = [c[1] for c in row.cells if c]
            xs0 = [c[0] for c in row.cells if c]
            xs1 = [c[2] for c in row.cells if c]
            ye = [c[3] for c in row.cells if c]
            bbox = (min(xs0), min(ys), max(xs1), max(ye))
            out.append(Line(page=page_no, number=0, text=" | ".join(cells), bbox=bbox, cells=cells))
    return out, boxes


def _inside(w: dict, box: tuple[float, float, float, float]) -> bool:
    cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def read_text_page(page, page_no: int, legacy: str | None = None) -> Page:
    """One pdfplumber page → Page of lines (tables as rows with cells)."""
    words = page.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False, use_text_flow=False)
    if legacy:
        for w in words:
            w["text"] = convert_legacy_text(w["text"], legacy)
    table_rows, boxes = _table_lines(page, page_no, legacy)
    free = [w for w in words if not any(_inside(w, b) for b in boxes)]
    lines = _group_lines(free, page_no) + table_rows
    lines.sort(key=lambda ln: (ln.bbox[1] if ln.bbox else 0, ln.bbox[0] if ln.bbox else 0))
    for i, ln in enumerate(lines, 1):
        ln.number = i
    return Page(number=page_no, lines=lines, width=float(page.width), height=float(page.height),
                unit="pt", source="text-layer")


def read_pdf(path: str, data: bytes, sha256: str, config: IngestConfig) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(path, password=config.password or "")
    except Exception as e:  # pdfminer raises many types on corrupt files; pdfplumber wraps them
        inner = e.args[0] if e.args and isinstance(e.args[0], Exception) else e
        if isinstance(inner, PDFPasswordIncorrect) or type(inner).__name__ in ("PDFEncryptionError", "PDFPasswordIncorrect"):
            msg = "PDF is encrypted; give --password" if not config.password else "wrong password for encrypted PDF"
            raise EncryptedPDFError(msg, path=path) from None
        detail = f"{type(inner).__name__}: {inner}" if str(inner) else type(inner).__name__
        raise InputError(f"corrupt PDF ({detail})", path=path) from None
    pages: list[Page] = []
    errors: list[PageError] = []
    to_ocr: list[int] = []
    with pdf:
        try:
            n = len(pdf.pages)
        except Exception as e:
            raise InputError(f"corrupt PDF ({type(e).__name__})", path=path) from None
        if n == 0:
            raise InputError("PDF has no pages", path=path)
        if n > config.max_pages:
            raise LimitExceededError(f"PDF has {n} pages, more than the limit of {config.max_pages} (--max-pages)", path=path)
        legacy: str | None = None
        for i, page in enumerate(pdf.pages, 1):
            try:
                raw = page.extract_text() or ""
            except Exception as e:
                errors.append(PageError(page=i, kind="pdf_text", message=f"{path} page {i}: cannot read text layer ({type(e).__name__})"))
                raw = ""
            if legacy is None and raw:
                legacy = detect_legacy(raw) or ""
            if config.force_ocr or not text_layer_usable(convert_legacy_text(raw, legacy) if legacy else raw):
                to_ocr.append(i)
                pages.append(Page(number=i, source="ocr", unit="px"))
                continue
            try:
                pages.append(read_text_page(page, i, legacy or None))
            except Exception as e:  # a broken page must not sink the document
                errors.append(PageError(page=i, kind="pdf_text", message=f"{path} page {i}: {type(e).__name__}: {e}"))
                pages.append(Page(number=i, source="text-layer", unit="pt"))
    if to_ocr:
        from ingest.ocr import ocr_pdf_pages

        ocr_pages, ocr_errors = ocr_pdf_pages(path, to_ocr, config)
        by_no = {p.number: p for p in ocr_pages}
        pages = [by_no.get(p.number, p) if p.number in to_ocr else p for p in pages]
        errors.extend(ocr_errors)
    log.debug("%s: %d pages (%d OCR'd)", path, len(pages), len(to_ocr))
    return Document(path=path, sha256=sha256, kind="pdf", pages=pages, errors=errors)
