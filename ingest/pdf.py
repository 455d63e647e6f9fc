"""PDFs: each page from its text layer when it has a usable one, else through OCR.

The decision is per page and recorded on the page (``source``). Text layers are read with
PDFium (:mod:`ingest.textlayer`); pages it cannot reproduce exactly go to pdfplumber
(:mod:`ingest.plumber`), which is also the reference the tests compare with (``engine``).
Words keep their boxes (PDF points, top-left origin); ruled tables come out as rows with cells.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Literal

from ingest.config import IngestConfig
from ingest.errors import EncryptedPDFError, InputError, LimitExceededError
from ingest.layout import MIN_CHARS, text_layer_usable
from ingest.legacy import convert_legacy_text, detect_legacy
from ingest.models import Document, Page, PageError

log = logging.getLogger(__name__)

Engine = Literal["pdfium", "pdfplumber"]

__all__ = ["MIN_CHARS", "Engine", "read_pdf", "text_layer_usable"]


def _encrypted(path: str, config: IngestConfig) -> EncryptedPDFError:
    msg = "tệp PDF có mật khẩu; cho mật khẩu bằng --password" if not config.password else "sai mật khẩu của tệp PDF"
    return EncryptedPDFError(msg, path=path)


class _Plumber:
    """pdfplumber opened only when a page needs it (or when it is the engine)."""

    def __init__(self, path: str, config: IngestConfig) -> None:
        self.path, self.config = path, config
        self.pdf: Any = None

    def open(self) -> Any:
        if self.pdf is None:
            import pdfplumber
            from pdfminer.pdfdocument import PDFPasswordIncorrect

            try:
                self.pdf = pdfplumber.open(self.path, password=self.config.password or "")
            except Exception as e:  # pdfminer raises many types on corrupt files; pdfplumber wraps them
                inner = e.args[0] if e.args and isinstance(e.args[0], Exception) else e
                if isinstance(inner, PDFPasswordIncorrect) or type(inner).__name__ in ("PDFEncryptionError", "PDFPasswordIncorrect"):
                    raise _encrypted(self.path, self.config) from None
                detail = f"{type(inner).__name__}: {inner}" if str(inner) else type(inner).__name__
                raise InputError(f"tệp PDF hỏng ({detail})", path=self.path) from None
        return self.pdf

    def page_count(self) -> int:
        try:
            return len(self.open().pages)
        except InputError:
            raise
        except Exception as e:
            raise InputError(f"tệp PDF hỏng ({type(e).__name__})", path=self.path) from None

    def text(self, number: int) -> str:
        return self.open().pages[number - 1].extract_text() or ""

    def page(self, number: int, legacy: str | None) -> Page:
        from ingest.plumber import read_plumber_page

        return read_plumber_page(self.open().pages[number - 1], number, legacy)

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


class _Pdfium:
    """PDFium's reading of each page, handing the pages it cannot reproduce to pdfplumber."""

    def __init__(self, path: str, config: IngestConfig, plumber: _Plumber) -> None:
        import pypdfium2 as pdfium

        from ingest.textlayer import PdfiumDocument

        self.plumber = plumber
        try:
            self.doc = PdfiumDocument(path, password=config.password)
        except pdfium.PdfiumError as e:
            if getattr(e, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
                raise _encrypted(path, config) from None
            raise InputError(f"tệp PDF hỏng ({str(e).removeprefix('Failed to load document ').strip('().')})",
                             path=path) from None
        self._pending: dict[int, Any] = {}
        self._plumber_pages: set[int] = set()

    def page_count(self) -> int:
        return len(self.doc)

    def text(self, number: int) -> str:
        from ingest.textlayer import NeedsPlumber

        try:
            pp = self.doc.read(number)
        except NeedsPlumber as e:
            log.debug("page %d to pdfplumber: %s", number, e)
            self._plumber_pages.add(number)
            return self.plumber.text(number)
        self._pending[number] = pp
        return pp.text

    def page(self, number: int, legacy: str | None) -> Page:
        from ingest.textlayer import read_pdfium_page

        if number in self._plumber_pages:
            return self.plumber.page(number, legacy)
        return read_pdfium_page(self._pending.pop(number), legacy)

    def skip(self, number: int) -> None:
        self._pending.pop(number, None)

    def close(self) -> None:
        self.doc.close()


def read_pdf(path: str, data: bytes, sha256: str, config: IngestConfig, engine: Engine = "pdfium") -> Document:
    """Read a PDF: text-layer pages directly, the rest through OCR (:func:`ingest.ocr.ocr_pdf_pages`)."""
    plumber = _Plumber(path, config)
    reader: _Plumber | _Pdfium = plumber if engine == "pdfplumber" else _Pdfium(path, config, plumber)
    pages: list[Page] = []
    errors: list[PageError] = []
    to_ocr: list[int] = []
    try:
        n = reader.page_count()
        if n == 0:
            raise InputError("tệp PDF không có trang nào", path=path)
        if n > config.max_pages:
            raise LimitExceededError(f"tệp PDF có {n} trang, quá giới hạn {config.max_pages} trang (--max-pages)", path=path)
        legacy: str | None = None
        skip: Callable[[int], None] = getattr(reader, "skip", lambda _n: None)
        for i in range(1, n + 1):
            try:
                raw = reader.text(i)
            except Exception as e:
                errors.append(PageError(page=i, kind="pdf_text", message=f"{path} trang {i}: không đọc được lớp chữ ({type(e).__name__})"))
                raw = ""
            if legacy is None and raw:
                legacy = detect_legacy(raw) or ""
            if config.force_ocr or not text_layer_usable(convert_legacy_text(raw, legacy) if legacy else raw):
                skip(i)
                to_ocr.append(i)
                pages.append(Page(number=i, source="ocr", unit="px"))
                continue
            try:
                pages.append(reader.page(i, legacy or None))
            except Exception as e:  # a broken page must not sink the document
                errors.append(PageError(page=i, kind="pdf_text", message=f"{path} page {i}: {type(e).__name__}: {e}"))
                pages.append(Page(number=i, source="text-layer", unit="pt"))
    finally:
        reader.close()
        plumber.close()
    if to_ocr:
        from ingest.ocr import ocr_pdf_pages

        ocr_pages, ocr_errors = ocr_pdf_pages(path, to_ocr, config)
        by_no = {p.number: p for p in ocr_pages}
        pages = [by_no.get(p.number, p) if p.number in to_ocr else p for p in pages]
        errors.extend(ocr_errors)
    log.debug("%s: %d pages (%d OCR'd)", path, len(pages), len(to_ocr))
    return Document(path=path, sha256=sha256, kind="pdf", pages=pages, errors=errors)
