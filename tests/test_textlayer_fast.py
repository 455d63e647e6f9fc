"""The shortcuts of the text-layer reader give what the slow ways give.

:func:`ingest.models.word` and :func:`ingest.models.line` build the models as pydantic's
``model_construct`` does (what the layout used before): equal, dumped and serialized alike. The C
loop of the PDFium reader (``ingest/_textchars.c``, built by ``make``) reads every sample text PDF
exactly as its pure-Python fallback does.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import layout, textlayer
from ingest.layout import CELL_X_TOLERANCE, WORD_X_TOLERANCE, WORD_Y_TOLERANCE, TextWord, chars_to_words
from ingest.models import Line, Page, Word, line, word
from tests.conftest import ROOT


def _word_pairs() -> list[tuple[Word, Word]]:
    cases = [("Tỷ", (10.0, 20.5, 30.25, 31.0), None), ("lệ", (0.0, 0.0, 1.0, 1.0), 87.5), ("", (1.0, 2.0, 3.0, 4.0), None)]
    return [(word(t, b, c), Word.model_construct(text=t, bbox=b, conf=c)) for t, b, c in cases]


@pytest.mark.parametrize("fast,slow", _word_pairs())
def test_word_is_model_construct(fast: Word, slow: Word) -> None:
    assert type(fast) is Word
    assert fast == slow and fast.model_dump() == slow.model_dump() and fast.model_dump_json() == slow.model_dump_json()
    assert fast.model_fields_set == slow.model_fields_set == {"text", "bbox", "conf"}
    assert fast.__pydantic_extra__ is slow.__pydantic_extra__ is None
    assert fast.__pydantic_private__ is slow.__pydantic_private__ is None
    assert list(fast.__dict__) == list(slow.__dict__)  # field order: model_dump's key order
    assert Word.model_validate_json(fast.model_dump_json()) == fast
    assert fast.model_copy(update={"conf": 1.0}).conf == 1.0 and fast.conf == slow.conf


@pytest.mark.parametrize("cells", [None, ["a", "", "Đạt"]])
def test_line_is_model_construct(cells: list[str] | None) -> None:
    ws = [word("Chỉ", (1.0, 2.0, 3.0, 4.0)), word("tiêu", (5.0, 2.0, 9.0, 4.0))]
    kw = dict(page=3, number=7, text="Chỉ tiêu", bbox=(1.0, 2.0, 9.0, 4.0), conf=None, words=ws, cells=cells)
    fast, slow = line(**kw), Line.model_construct(**kw)  # type: ignore[arg-type]
    assert type(fast) is Line and fast == slow
    assert fast.model_dump() == slow.model_dump() and fast.model_dump_json() == slow.model_dump_json()
    assert fast.model_fields_set == slow.model_fields_set and list(fast.__dict__) == list(slow.__dict__)
    fast.number = 8  # assignment as assemble_page does it, on its own instance
    assert fast.number == 8 and slow.number == 7 and fast.model_fields_set == slow.model_fields_set
    page = Page(number=3, lines=[fast], unit="pt", source="text-layer")
    assert Page.model_validate_json(page.model_dump_json()) == page
    assert fast.model_fields_set is not line(**kw).model_fields_set  # each its own set, as model_construct


TEXT_PDFS = sorted(p for p in (ROOT / "samples").rglob("*.pdf") if not p.name.endswith(".scan.pdf"))


def _pages(path: Path, native: Any) -> list[Any]:
    saved = textlayer._NATIVE
    textlayer._NATIVE = native
    try:
        out = []
        with textlayer.PdfiumDocument(str(path)) as doc:
            for i in range(1, len(doc) + 1):
                try:
                    pp = doc.read(i)
                    pp.char_boxes()  # the C loop's characters are made only when asked for
                    out.append(pp)
                except textlayer.NeedsPlumber as e:
                    out.append(str(e))
        return out
    finally:
        textlayer._NATIVE = saved


@pytest.mark.skipif(textlayer._NATIVE is None, reason="ingest/_textchars.so is not built (make native)")
@pytest.mark.parametrize("path", TEXT_PDFS, ids=lambda p: p.name)
def test_c_loop_reads_what_the_python_loop_reads(path: Path) -> None:
    """Every sample text PDF: the same characters (exact boxes), text and edges with and without the C loop."""
    assert _pages(path, textlayer._NATIVE) == _pages(path, None)


def test_the_c_loop_is_built_where_make_builds_it() -> None:
    """A built library that does not load would silently leave the reader on the slow loop."""
    if (ROOT / "ingest" / "_textchars.so").exists() and not os.environ.get("TIEUCHI_PURE_PYTHON"):
        assert textlayer._NATIVE is not None
    elif shutil.which("cc") and not os.environ.get("TIEUCHI_PURE_PYTHON"):
        pytest.skip("a C compiler but no ingest/_textchars.so: run make native")


native_only = pytest.mark.skipif(textlayer._NATIVE is None, reason="ingest/_textchars.so is not built (make native)")


@native_only
def test_c_isspace_is_pythons() -> None:
    """Every code point: the C word loop ends words where ``str.isspace`` does."""
    native = textlayer._NATIVE
    assert [c for c in range(0x110000) if native.tieuchi_isspace(c)] == [c for c in range(0x110000) if chr(c).isspace()]


_LETTERS = "aệĐ1%,ﬁﬃ \u00a0\u2003\t"
_char = st.tuples(st.sampled_from(_LETTERS), st.integers(0, 60), st.integers(0, 12), st.integers(0, 8),
                  st.integers(3, 12))


@native_only
@settings(max_examples=300, deadline=None)
@given(st.lists(_char, max_size=60), st.sampled_from([(WORD_X_TOLERANCE, WORD_Y_TOLERANCE), (CELL_X_TOLERANCE, 3.0)]))
def test_c_words_are_chars_to_words(raw: list[tuple[str, int, int, int, int]], tolerances: tuple[float, float]) -> None:
    """The C word builder on characters with shared and near tops, overlaps, blanks, ligatures and
    boxes half a point apart (at the tolerances' edges): pdfplumber's words, as chars_to_words makes them."""
    chars = [(t, x / 2, top / 4, x / 2 + w / 4, top / 4 + h) for t, x, top, w, h in raw]
    m = len(chars)
    arrays = [textlayer._FFI.new("double[]", [c[k] for c in chars] or [0.0]) for k in range(1, 5)]
    codes = textlayer._FFI.new("uint32_t[]", [ord(c[0]) for c in chars] or [0])
    got = textlayer.native_words(textlayer._NATIVE, m, codes, *arrays, *tolerances)
    assert got == chars_to_words(chars, *tolerances)


_word = st.tuples(st.integers(0, 40), st.integers(0, 30), st.integers(1, 12), st.integers(2, 16))


@native_only
@settings(max_examples=300, deadline=None)
@given(st.lists(_word, max_size=50))
def test_c_line_grouping_is_group_lines(raw: list[tuple[int, int, int, int]]) -> None:
    """The C grouping of words into lines on words with equal, near and rounding-edge tops
    (x.x5), equal x0s and mixed heights: the lines, and the order within them, of the Python loop."""
    words = [TextWord(f"w{k}", x / 2, top * 0.03 + (top % 7) * 0.5, x / 2 + w, top * 0.03 + (top % 7) * 0.5 + h / 2)
             for k, (x, top, w, h) in enumerate(raw)]  # tops 0.03 apart: distinct tops that round alike
    assert layout._native_rows(list(words)) == layout._rows(list(words))


@pytest.mark.skipif(layout._NATIVE is None, reason="ingest/_textchars.so is not built (make native)")
@pytest.mark.parametrize("path", TEXT_PDFS[:6], ids=lambda p: p.name)
def test_documents_are_the_same_with_and_without_c(path: Path) -> None:
    """Whole documents (lines, words, boxes, cells) read with every C loop and with none."""
    from ingest import read_document
    from ingest.config import IngestConfig

    def read(native: Any, lines: Any) -> str:
        saved = textlayer._NATIVE, layout._NATIVE
        textlayer._NATIVE, layout._NATIVE = native, lines
        try:
            return read_document(str(path), IngestConfig(jobs=1)).model_dump_json()
        finally:
            textlayer._NATIVE, layout._NATIVE = saved

    assert read(textlayer._NATIVE, layout._NATIVE) == read(None, None)


@native_only
def test_nan_boxes_are_left_to_python() -> None:
    """Python's sorts place NaN keys by their own steps: the C loops hand such pages back."""
    nan = float("nan")
    words = [TextWord("a", 1.0, nan, 2.0, 3.0), TextWord("b", 0.0, nan, 2.0, 3.0), TextWord("c", 0.0, 0.0, 2.0, 3.0)]
    assert layout._native_rows(list(words)) == layout._rows(list(words))
    ffi = textlayer._FFI
    boxes = [ffi.new("double[]", v) for v in ([1.0, 0.0], [nan, 0.0], [2.0, 1.0], [3.0, 3.0])]
    assert textlayer.native_words(textlayer._NATIVE, 2, ffi.new("uint32_t[]", [97, 98]), *boxes) is None
