"""Text-layer pages with pdfplumber (pdfminer): the reference reader.

About 20 times slower than :mod:`ingest.textlayer` (PDFium), whose records it must equal
(``tests/test_textlayer.py`` compares them on every sample PDF). It still reads the pages
PDFium's reader leaves to it: rotated pages and pages whose media box does not start at 0, 0,
where pdfminer's coordinates are what the records were made with.
"""

from __future__ import annotations

from typing import Any

from ingest.layout import TableRow, TextWord, assemble_page
from ingest.models import Page


def plumber_words(page: Any) -> list[TextWord]:
    words = page.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False, use_text_flow=False)
    return [TextWord(w["text"], w["x0"], w["top"], w["x1"], w["bottom"]) for w in words]


def plumber_tables(page: Any) -> tuple[list[TableRow], list[tuple[float, float, float, float]]]:
    """Rows of the page's ruled tables, and the tables' boxes (their words are dropped from the lines)."""
    rows: list[TableRow] = []
    boxes = []
    for table in page.find_tables():
        boxes.append(table.bbox)
        for row in table.rows:
            cells: list[str | None] = []
            for cell in row.cells:
                cells.append(None if cell is None else " ".join((page.crop(cell).extract_text() or "").split()))
            present = [c for c in row.cells if c]
            bbox = (min(c[0] for c in present), min(c[1] for c in present),
                    max(c[2] for c in present), max(c[3] for c in present)) if present else (0.0, 0.0, 0.0, 0.0)
            rows.append(TableRow(cells, bbox))
    return rows, boxes


def read_plumber_page(page: Any, page_no: int, legacy: str | None = None) -> Page:
    """One pdfplumber page → :class:`ingest.models.Page` (tables as rows with cells)."""
    rows, boxes = plumber_tables(page)
    return assemble_page(plumber_words(page), rows, boxes, page_no, float(page.width), float(page.height), legacy)


def read_plumber_pdf(path: str, legacy: str | None = None, password: str | None = None) -> list[Page]:
    """Every page of a text-layer PDF through pdfplumber (the reference the tests compare with)."""
    import pdfplumber

    with pdfplumber.open(path, password=password or "") as pdf:
        return [read_plumber_page(p, i, legacy) for i, p in enumerate(pdf.pages, 1)]
