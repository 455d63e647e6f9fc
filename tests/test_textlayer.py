"""The PDFium text-layer reader gives the records the pdfplumber reader gives.

Every sample PDF with a text layer (plain, TCVN3 and VNI font codes, ruled tables) is read both
ways through :func:`ingest.pdf.read_pdf`: the same pages, lines, words, cells and text, every box
within 1 pt. Plus the pages PDFium's reader hands to pdfplumber (a rotated page) and the word rules
on characters placed by hand.
"""

from __future__ import annotations

import io

import pytest

from ingest.config import IngestConfig
from ingest.layout import Char, chars_to_words
from ingest.models import Document
from ingest.pdf import read_pdf
from tests.conftest import ROOT

TEXT_PDFS = sorted(p for p in (ROOT / "samples").rglob("*.pdf") if not p.name.endswith(".scan.pdf"))
TOLERANCE = 1.0


def _read(path: str, engine: str, data: bytes | None = None) -> Document:
    data = data if data is not None else open(path, "rb").read()
    return read_pdf(path, data, "0" * 64, IngestConfig(jobs=1), engine=engine)  # type: ignore[arg-type]


def _close(a: tuple[float, ...] | None, b: tuple[float, ...] | None) -> bool:
    if a is None or b is None:
        return a is b
    return all(abs(x - y) <= TOLERANCE for x, y in zip(a, b, strict=True))


def assert_same(ours: Document, ref: Document) -> None:
    assert ours.errors == ref.errors
    assert len(ours.pages) == len(ref.pages)
    for po, pr in zip(ours.pages, ref.pages, strict=True):
        where = f"{ours.path} page {pr.number}"
        assert (po.number, po.source, po.unit, po.conf) == (pr.number, pr.source, pr.unit, pr.conf), where
        assert _close((po.width or 0, po.height or 0), (pr.width or 0, pr.height or 0)), where
        assert [ln.text for ln in po.lines] == [ln.text for ln in pr.lines], where
        for lo, lr in zip(po.lines, pr.lines, strict=True):
            line = f"{where} line {lr.number} {lr.text!r}"
            assert (lo.page, lo.number, lo.cells, lo.conf) == (lr.page, lr.number, lr.cells, lr.conf), line
            assert _close(lo.bbox, lr.bbox), (line, lo.bbox, lr.bbox)
            assert [w.text for w in lo.words] == [w.text for w in lr.words], line
            for wo, wr in zip(lo.words, lr.words, strict=True):
                assert _close(wo.bbox, wr.bbox), (line, wr.text, wo.bbox, wr.bbox)
                assert wo.conf == wr.conf


def test_there_are_text_pdfs_of_every_kind():
    names = [p.name for p in TEXT_PDFS]
    assert any(n.endswith(".tcvn3.pdf") for n in names) and any(n.endswith(".vni.pdf") for n in names)
    assert sum(1 for n in names if n.count(".") == 1) >= 5


@pytest.mark.parametrize("path", TEXT_PDFS, ids=lambda p: p.name)
def test_pdfium_reads_what_pdfplumber_reads(path):
    ours, ref = _read(str(path), "pdfium"), _read(str(path), "pdfplumber")
    assert all(p.source == "text-layer" for p in ref.pages)  # each sample is what it says
    assert sum(len(p.lines) for p in ref.pages) >= 8  # text, not an empty layer (an excerpt has about 12 lines)
    assert_same(ours, ref)


def test_table_rows_keep_their_cells():
    """QĐ 176's ruled table: every criterion row comes out as a row of cells from both readers."""
    path = str(next(p for p in TEXT_PDFS if p.name == "s01_qd176_muong-lat.pdf"))
    ours = _read(path, "pdfium")
    rows = [ln for p in ours.pages for ln in p.lines if ln.cells]
    assert len(rows) >= 10
    assert any(ln.cells and ln.cells[0].startswith("2.3") for ln in rows)


def test_rotated_page_goes_to_pdfplumber_and_reads_the_same(tmp_path):
    """A page with /Rotate: PDFium's coordinates would be the unrotated page's, so pdfplumber reads it."""
    from pypdf import PdfReader, PdfWriter

    src = next(p for p in TEXT_PDFS if p.name == "s00_huyen_thuong-xuan.pdf")
    w = PdfWriter()
    for i, page in enumerate(PdfReader(str(src)).pages):
        if i == 1:
            page.rotate(90)
        w.add_page(page)
    buf = io.BytesIO()
    w.write(buf)
    path = tmp_path / "rotated.pdf"
    path.write_bytes(buf.getvalue())
    ours, ref = _read(str(path), "pdfium"), _read(str(path), "pdfplumber")
    assert ref.pages[1].width == pytest.approx(ref.pages[0].height)  # pdfplumber turned the page
    assert_same(ours, ref)


def _c(text: str, x0: float, x1: float, top: float = 10.0) -> Char:
    return Char(text, x0, top, x1, top + 12)


@pytest.mark.parametrize(
    ("chars", "words"),
    [
        # a blank ends a word; so does a gap wider than 1.5 pt, never a narrower one
        ([_c("a", 0, 5), _c("b", 5, 10), _c(" ", 10, 13), _c("c", 13, 18)], ["ab", "c"]),
        ([_c("a", 0, 5), _c("b", 6.4, 11)], ["ab"]),
        ([_c("a", 0, 5), _c("b", 6.6, 11)], ["a", "b"]),
        # characters out of stream order are put left to right first
        ([_c("b", 5, 10), _c("a", 0, 5)], ["ab"]),
        # a character more than 3 pt lower is on another line; 2 pt lower is not
        ([_c("a", 0, 5), _c("b", 5, 10, top=12)], ["ab"]),
        ([_c("a", 0, 5), _c("b", 5, 10, top=13.5)], ["a", "b"]),
        # ligatures are spelled out, as pdfplumber does
        ([_c("ﬁ", 0, 6), _c("n", 6, 10)], ["fin"]),
    ],
)
def test_word_rules(chars, words):
    assert [w.text for w in chars_to_words(chars)] == words
