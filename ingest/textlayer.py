"""Text-layer PDF pages with PDFium (pypdfium2): the same words, lines and table rows as pdfplumber.

pdfplumber (pdfminer) interprets every page's content stream in Python, about 7 pages/s here;
PDFium does it in C and gives each character's origin, so a page costs two calls per character.
The boxes are rebuilt as pdfminer makes them: ``x0`` the origin, ``x1`` the origin plus the
glyph's advance (the font's width of the character; where the font's widths disagree with the
characters' own spacing, as in legacy-encoded fonts, the next origin or PDFium's loose box), the
bottom on the font's descent and the top one font size above it. Ruled tables are found by
pdfplumber's own table finder (:class:`pdfplumber.table.TableFinder`) run on the page's path
segments as PDFium reads them, and each cell's text is its characters clipped to the cell.

Pages this reader cannot reproduce exactly (rotated pages or text, a media box that does not
start at 0, 0, a crop box other than the media box) go to :mod:`ingest.plumber`.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest import _native
from ingest.layout import (
    CELL_X_TOLERANCE,
    WORD_X_TOLERANCE,
    WORD_Y_TOLERANCE,
    BBox,
    CharBox,
    TableRow,
    TextWord,
    assemble_page,
    chars_to_words,
    words_text,
)
from ingest.models import Page

_FFI = _native.FFI

_NEWLINE = frozenset("\r\n")
_TRUST_TOLERANCE = 0.02
"""Points: a font's width table agrees with where its next character was placed."""
_HIDDEN_HYPHEN = "\ufffe"
_UNSET = -1.0
"""A character whose width has not been asked for yet (widths are positive; None: the font has none)."""


_NATIVE_ERRORS = {-1: "no text matrix", -2: "rotated or mirrored text"}
_NATIVE = _native.LIB
"""The C loops (:mod:`ingest._native`) of :meth:`_Reader.chars` and :func:`chars_to_words`, or None;
the tests compare them with the Python ones."""


class NeedsPlumber(Exception):
    """This page has something (rotation, an offset media box) only pdfplumber reads as before."""


class _Font:
    """One font of the document: its widths, and how often they put a character where the file does."""

    __slots__ = ("handle", "widths", "agreed", "checked", "holds", "_w")

    def __init__(self, handle: Any) -> None:
        self.handle = handle
        self.widths: dict[str, float | None] = {}
        self.agreed = 0
        self.checked = 0
        self.holds = True
        self._w = ctypes.c_float()

    def width(self, ch: str) -> float | None:
        """Advance of ``ch`` at size 1, from the font's width table (None when it has none)."""
        ok = len(ch) == 1 and pdfium_c.FPDFFont_GetGlyphWidth(self.handle, ord(ch), 1000.0, self._w)
        w = self.widths[ch] = self._w.value / 1000.0 if ok and self._w.value > 0 else None
        return w

    def check(self, agreed: bool) -> None:
        """Count one comparison of a width with where the next character was placed."""
        self.checked += 1
        self.agreed += agreed
        # its widths are the advances (a legacy font's re-mapped codes often are not)
        self.holds = self.agreed >= 0.9 * self.checked


_CHECKS = 40
"""Characters of a font compared with where the next one was placed, before its widths are trusted."""


@dataclass
class _Run:
    """The state of one PDFium text object: size, descent and font."""

    font: _Font
    size: float
    descent: float
    """Points from the baseline down to the box bottom."""
    scaled: bool = False
    """Horizontally scaled text (Tz, or a text matrix wider than tall): the widths are not the size's."""


@dataclass
class PdfiumPage:
    """One page: its characters and edges, read once."""

    number: int
    width: float
    height: float
    chars: list[CharBox] | None = None
    """The characters, or None until :meth:`char_boxes` makes them from the C loop's arrays."""
    words: list[TextWord] = field(default_factory=list)
    """:func:`chars_to_words` of the characters (made in C with them when it is built)."""
    edges: list[dict[str, Any]] = field(default_factory=list)
    text: str = ""
    """PDFium's plain text of the page (for the text-layer/OCR decision and legacy detection)."""
    arrays: tuple[Any, ...] | None = field(default=None, compare=False, repr=False)
    """The C loop's characters: (letters, count, x0s, tops, x1s, bottoms)."""

    def char_boxes(self) -> list[CharBox]:
        """The characters as tuples; from the C loop's arrays only when asked for (ruled tables):
        8 000 floats per page cost more than the C loop that computed them."""
        if self.chars is None:
            letters, m, *boxes = self.arrays or ("", 0)
            self.chars = list(zip(letters, *(_FFI.unpack(b, m) for b in boxes), strict=True))
            self.arrays = None
        return self.chars


def _prototypes() -> tuple[Any, Any]:
    """FPDFText_GetTextObject and FPDFText_GetCharOrigin, called through cffi.

    These two run once per character (about 1 800 per page); a ctypes call costs about twice a
    cffi call, and the two were most of the reader's time. cffi (already installed with
    pdfminer's cryptography) calls the very functions pypdfium2 loaded, by their addresses; the
    text object comes back as a plain address (an int: cheap to compare and to key a dict on).
    """
    get_obj = _FFI.cast("uintptr_t (*)(void *, int)", _address(pdfium_c.FPDFText_GetTextObject))
    origin = _FFI.cast("int (*)(void *, int, double *, double *)", _address(pdfium_c.FPDFText_GetCharOrigin))
    return get_obj, origin


def _address(obj: Any) -> int:
    """The address of a ctypes pointer: a PDFium handle or one of PDFium's functions (0 for NULL)."""
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


def _pointer(obj: Any) -> Any:
    """A ctypes pointer (a PDFium handle) as the ``void *`` cffi passes to C."""
    return _FFI.cast("void *", _address(obj))


def _function_table(names: tuple[str, ...]) -> Any:
    """PDFium's functions ``names``, by address, as the ``void *`` array a C loop takes them in."""
    return _FFI.new("void *[]", [_pointer(getattr(pdfium_c, k)) for k in names])


def _native_functions() -> Any:
    """The PDFium functions ``ingest/_textchars.c`` calls, by address, in its ``pdfium_fns`` order."""
    return _function_table(("FPDFText_GetTextObject", "FPDFText_GetCharOrigin", "FPDFText_GetMatrix",
                            "FPDFText_GetFontSize", "FPDFText_GetLooseCharBox", "FPDFTextObj_GetFont",
                            "FPDFFont_GetGlyphWidth"))


def native_words(native: Any, m: int, codes: Any, x0s: Any, tops: Any, x1s: Any, bottoms: Any,
                 x_tolerance: float = WORD_X_TOLERANCE, y_tolerance: float = WORD_Y_TOLERANCE) -> list[TextWord] | None:
    """:func:`chars_to_words` of ``m`` characters given as C arrays (codes and boxes), in C; None
    when a box has a NaN (Python's sort orders those its own way: :func:`chars_to_words` decides)."""
    room = max(m, 1)
    text, length = _FFI.new("uint32_t[]", 4 * room), _FFI.new("int *")
    wx0, wtop, wx1, wbottom = (_FFI.new("double[]", room) for _ in range(4))
    nw = native.tieuchi_words(m, codes, x0s, tops, x1s, bottoms, x_tolerance, y_tolerance, text, length,
                              wx0, wtop, wx1, wbottom)
    if nw == -4:
        return None
    if nw < 0:
        raise MemoryError("tieuchi_words")
    texts = _FFI.buffer(text, 4 * length[0])[:].decode("utf-32-le", "surrogatepass").split("\n")
    texts.pop()  # each word ends in a line feed
    return list(map(TextWord, texts, _FFI.unpack(wx0, nw), _FFI.unpack(wtop, nw), _FFI.unpack(wx1, nw),
                    _FFI.unpack(wbottom, nw)))


class _Reader:
    """Per-document state: the fonts met so far, and buffers for PDFium's out-parameters."""

    def __init__(self) -> None:
        self.fonts: dict[int, _Font] = {}
        self._x = ctypes.c_double()
        self._y = ctypes.c_double()
        self._rect = pdfium_c.FS_RECTF()
        self._matrix = pdfium_c.FS_MATRIX()
        self._get_obj, self._origin = _prototypes()
        self._xy = _FFI.new("double[2]")
        self._native = _NATIVE
        if _NATIVE is not None:
            self._state = _FFI.gc(_NATIVE.tieuchi_reader_new(_native_functions()), _NATIVE.tieuchi_reader_free)
            if self._state == _FFI.NULL:
                raise MemoryError("tieuchi_reader_new")

    def chars(self, textpage: Any, height: float) -> tuple[list[CharBox] | tuple[Any, ...], str, list[TextWord] | None]:
        """The page's characters (PDFium's generated spaces and line breaks left out), its text, and
        its words when the C loops made them (else None: :func:`chars_to_words` of the characters).
        From the C loops the characters are :attr:`PdfiumPage.arrays`."""
        tp = textpage.raw
        n = pdfium_c.FPDFText_CountChars(tp)
        if n <= 0:
            return [], "", None
        text = textpage.get_text_range(0, n)
        if len(text) != n:  # characters outside UCS-2, or PDFium left some out: ask one by one
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(tp, i)) for i in range(n))
        if _HIDDEN_HYPHEN in text:
            # PDFium shows a U+002D or U+00AD that ends a line after a letter as U+FFFE (code 2)
            # and keeps no trace of which it was; in TCVN3 text U+00AD is the letter "ư"
            raise NeedsPlumber("a line-end hyphen PDFium does not name")
        if self._native is not None:
            return self._native_chars(tp, n, text, height)
        objs, index, xs, ys = self._origins(tp, n)
        runs: dict[int, _Run] = {}
        out: list[CharBox] = []
        add = out.append
        m = len(objs)
        unset = _UNSET
        last_obj = 0
        # the current run's state, looked up once per run of one text object's characters
        font: _Font = None  # type: ignore[assignment]
        widths: dict[str, float | None] = {}
        size = descent = 0.0
        scaled = trusted = False
        for j, (obj, i, x0, base) in enumerate(zip(objs, index, xs, ys, strict=True)):
            if obj != last_obj:
                run = runs.get(obj)
                if run is None:
                    run = runs[obj] = self._run(tp, i)
                last_obj = obj
                font, size, descent, scaled = run.font, run.size, run.descent, run.scaled
                widths = font.widths
                trusted = font.holds and font.checked >= _CHECKS and not scaled
            ch = text[i]
            w = widths.get(ch, unset)
            if w == unset:
                w = font.width(ch)
            if w is not None and trusted:
                x1 = x0 + w * size  # the usual case: a trusted width, no comparison left to make
            else:
                after = None
                if j + 1 < m and objs[j + 1] == obj and abs(ys[j + 1] - base) < 0.01 and xs[j + 1] >= x0:
                    after = xs[j + 1]
                if w is not None and after is not None and font.checked < _CHECKS:
                    # the widths hold when they put the next character where the file put it
                    font.check(abs(x0 + w * size - after) < _TRUST_TOLERANCE)
                    trusted = font.holds and font.checked >= _CHECKS and not scaled
                if w is not None and font.holds and not scaled:
                    x1 = x0 + w * size
                elif after is not None:
                    x1 = after
                else:
                    x1 = self._loose_right(tp, i, x0)
            bottom = height - base + descent
            add((ch, x0, bottom - size, x1, bottom))
        return out, text, None

    def _native_chars(self, tp: Any, n: int, text: str, height: float) -> tuple[tuple[Any, ...], str, list[TextWord] | None]:
        """:meth:`chars` and :func:`chars_to_words` in C (``ingest/_textchars.c``): the same loops."""
        native = self._native
        handle = _pointer(tp)
        codes = _FFI.new("uint32_t[]", n)
        x0s, tops, x1s, bottoms = (_FFI.new("double[]", n) for _ in range(4))
        utf32 = text.encode("utf-32-le", "surrogatepass")
        m = native.tieuchi_page_chars(self._state, handle, n, _FFI.from_buffer("uint32_t[]", utf32), height,
                                      codes, x0s, tops, x1s, bottoms)
        if m < 0:
            if m in _NATIVE_ERRORS:
                raise NeedsPlumber(_NATIVE_ERRORS[m])
            raise MemoryError("tieuchi_page_chars")
        letters = _FFI.buffer(codes, 4 * m)[:].decode("utf-32-le", "surrogatepass")
        words = native_words(native, m, codes, x0s, tops, x1s, bottoms)
        return (letters, m, x0s, tops, x1s, bottoms), text, words

    def _origins(self, tp: Any, n: int) -> tuple[list[int], list[int], list[float], list[float]]:
        """Text object (an address), index and origin of each character PDFium did not generate.

        Two PDFium calls per character (about 1 900 per page), through cffi (the C loop of
        :meth:`_native_chars` makes the same calls).
        """
        handle = _pointer(tp)
        xy = self._xy
        get_obj, origin = self._get_obj, self._origin
        px, py = xy, xy + 1
        objs: list[int] = []
        index: list[int] = []
        xs: list[float] = []
        ys: list[float] = []
        append_obj, append_index, append_x, append_y = objs.append, index.append, xs.append, ys.append
        for i in range(n):
            obj = get_obj(handle, i)
            if not obj:
                continue  # generated by PDFium
            origin(handle, i, px, py)
            append_obj(obj)
            append_index(i)
            append_x(xy[0])
            append_y(xy[1])
        return objs, index, xs, ys

    def _run(self, tp: Any, i: int) -> _Run:
        if not pdfium_c.FPDFText_GetMatrix(tp, i, self._matrix):
            raise NeedsPlumber("no text matrix")
        m = self._matrix
        if abs(m.b) > 1e-6 or abs(m.c) > 1e-6 or m.a <= 0 or m.d <= 0:
            raise NeedsPlumber("rotated or mirrored text")
        size = pdfium_c.FPDFText_GetFontSize(tp, i)
        self._x.value = self._y.value = 0.0
        pdfium_c.FPDFText_GetCharOrigin(tp, i, self._x, self._y)
        pdfium_c.FPDFText_GetLooseCharBox(tp, i, self._rect)
        handle = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(tp, i))
        key = _address(handle)
        font = self.fonts.get(key)
        if font is None:
            font = self.fonts[key] = _Font(handle)
        return _Run(font=font, size=size, descent=self._y.value - self._rect.bottom, scaled=abs(m.a - m.d) > 1e-6)

    def _loose_right(self, tp: Any, index: int, x0: float) -> float:
        """PDFium's loose box: the font's full advance box (used only where widths do not hold)."""
        if pdfium_c.FPDFText_GetLooseCharBox(tp, index, self._rect):
            return max(x0, self._rect.right)
        return x0


def _segments(obj: Any, matrix: tuple[float, ...]) -> Iterator[list[tuple[float, float]]]:
    """The path's subpaths as point lists in page space (a closed subpath ends at its start)."""
    a, b, c, d, e, f = matrix
    pts: list[tuple[float, float]] = []
    fx, fy = ctypes.c_float(), ctypes.c_float()
    for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        pdfium_c.FPDFPathSegment_GetPoint(seg, fx, fy)
        px, py = fx.value, fy.value
        pt = (a * px + c * py + e, b * px + d * py + f)
        if pdfium_c.FPDFPathSegment_GetType(seg) == pdfium_c.FPDF_SEGMENT_MOVETO:
            if len(pts) > 1:
                yield pts
            pts = [pt]
        else:
            pts.append(pt)
        if pdfium_c.FPDFPathSegment_GetClose(seg) and pts:
            pts.append(pts[0])
    if len(pts) > 1:
        yield pts


def _objects(container: Any, count: Any, get: Any, matrix: tuple[float, ...]) -> Iterator[tuple[Any, tuple[float, ...]]]:
    """Path objects with their page-space matrix, descending into form XObjects."""
    m = pdfium_c.FS_MATRIX()
    for k in range(count(container)):
        obj = get(container, k)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            continue
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
            continue
        own = _compose((m.a, m.b, m.c, m.d, m.e, m.f), matrix)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield obj, own
        else:
            yield from _objects(obj, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, own)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _path_functions() -> Any:
    """The PDFium functions of ``tieuchi_page_edges``, by address, in its ``path_fns`` order."""
    return _function_table(("FPDFPage_CountObjects", "FPDFPage_GetObject", "FPDFFormObj_CountObjects",
                            "FPDFFormObj_GetObject", "FPDFPageObj_GetType", "FPDFPageObj_GetMatrix",
                            "FPDFPath_CountSegments", "FPDFPath_GetPathSegment", "FPDFPathSegment_GetPoint",
                            "FPDFPathSegment_GetType", "FPDFPathSegment_GetClose"))


_PATH_FUNCTIONS: list[Any] = []


def page_edges(page: Any, height: float) -> list[dict[str, Any]]:
    """Horizontal and vertical segments of the page's paths, as pdfplumber's ``page.edges``."""
    if _NATIVE is not None:
        return _native_edges(page, height)
    edges: list[dict[str, Any]] = []
    for obj, matrix in _objects(page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject,
                                (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)):
        for pts in _segments(obj, matrix):
            for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
                if x0 == x1:
                    orientation = "v"
                elif y0 == y1:
                    orientation = "h"
                else:
                    continue
                top, bottom = height - max(y0, y1), height - min(y0, y1)
                edges.append({"object_type": "curve_edge", "x0": min(x0, x1), "x1": max(x0, x1), "top": top,
                              "bottom": bottom, "doctop": top, "width": abs(x1 - x0), "height": bottom - top,
                              "orientation": orientation})
    return edges


def _native_edges(page: Any, height: float) -> list[dict[str, Any]]:
    """:func:`page_edges` with the walk over the page's objects and segments in C (the same order
    and arithmetic; a page of text objects costs three PDFium calls per object through ctypes)."""
    if not _PATH_FUNCTIONS:
        _PATH_FUNCTIONS.append(_path_functions())
    handle = _pointer(page.raw)
    room = 256
    while True:
        arrays = [_FFI.new("double[]", room) for _ in range(6)]
        vertical = _FFI.new("int[]", room)
        n = _NATIVE.tieuchi_page_edges(_PATH_FUNCTIONS[0], handle, height, room, *arrays, vertical)
        if n < 0:
            raise MemoryError("tieuchi_page_edges")
        if n <= room:
            break
        room = n
    x0, x1, top, bottom, width, hgt = (_FFI.unpack(a, n) for a in arrays)
    return [{"object_type": "curve_edge", "x0": x0[k], "x1": x1[k], "top": top[k], "bottom": bottom[k],
             "doctop": top[k], "width": width[k], "height": hgt[k], "orientation": "v" if v else "h"}
            for k, v in enumerate(_FFI.unpack(vertical, n))]


@dataclass
class _EdgePage:
    """What :class:`pdfplumber.table.TableFinder` reads of a page with its default settings."""

    edges: list[dict[str, Any]]
    bbox: BBox


def _clip(c: CharBox, box: BBox) -> CharBox | None:
    """pdfplumber's ``crop``: the part of the character inside ``box``, or None when none is."""
    text, cx0, ctop, cx1, cbottom = c
    x0, top, x1, bottom = max(cx0, box[0]), max(ctop, box[1]), min(cx1, box[2]), min(cbottom, box[3])
    w, h = x1 - x0, bottom - top
    if h >= 0 and w >= 0 and h + w > 0:
        return (text, x0, top, x1, bottom)
    return None


def page_tables(pp: PdfiumPage) -> tuple[list[TableRow], list[BBox]]:
    """Rows (cells' text) and boxes of the page's ruled tables, found as pdfplumber finds them."""
    if len(pp.edges) < 4:
        return [], []
    from pdfplumber.table import TableFinder

    finder = TableFinder(_EdgePage(pp.edges, (0.0, 0.0, pp.width, pp.height)))  # type: ignore[arg-type]
    rows: list[TableRow] = []
    boxes: list[BBox] = []
    for table in finder.tables:
        boxes.append(table.bbox)
        tx0, ttop, tx1, tbottom = table.bbox
        inside = [c for c in pp.char_boxes() if c[3] >= tx0 and c[1] <= tx1 and c[4] >= ttop and c[2] <= tbottom]
        for row in table.rows:
            cells: list[str | None] = []
            present = [c for c in row.cells if c]
            if present:
                rtop, rbottom = min(c[1] for c in present), max(c[3] for c in present)
                in_row = [c for c in inside if c[4] >= rtop and c[2] <= rbottom]
            for cell in row.cells:
                if cell is None:
                    cells.append(None)
                    continue
                # only characters reaching into the cell's columns can clip to a part of it
                cx0, cx1 = cell[0], cell[2]
                clipped = [k for k in (_clip(c, cell) for c in in_row if c[3] >= cx0 and c[1] <= cx1) if k is not None]
                cells.append(words_text(chars_to_words(clipped, CELL_X_TOLERANCE, WORD_Y_TOLERANCE)))
            bbox = (min(c[0] for c in present), min(c[1] for c in present),
                    max(c[2] for c in present), max(c[3] for c in present)) if present else (0.0, 0.0, 0.0, 0.0)
            rows.append(TableRow(cells, bbox))
    return rows, boxes


class PdfiumDocument:
    """An open PDF read through PDFium; :meth:`read` gives one :class:`PdfiumPage` at a time."""

    def __init__(self, path: str, password: str | None = None) -> None:
        self.pdf = pdfium.PdfDocument(path, password=password)
        self._reader = _Reader()

    def __len__(self) -> int:
        return len(self.pdf)

    def close(self) -> None:
        self.pdf.close()

    def __enter__(self) -> PdfiumDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self, number: int) -> PdfiumPage:
        """Page ``number`` (1-based): characters, edges and text. Raises :class:`NeedsPlumber`."""
        page = self.pdf[number - 1]
        try:
            if page.get_rotation() % 360:
                raise NeedsPlumber("rotated page")
            mb = page.get_mediabox()
            if abs(mb[0]) > 1e-6 or abs(mb[1]) > 1e-6 or page.get_cropbox() != mb:
                raise NeedsPlumber("media box offset or cropped")
            # PDFium keeps boxes as 32-bit floats; files write them with at most a few decimals
            width, height = round(mb[2], 4), round(mb[3], 4)
            textpage = page.get_textpage()
            try:
                chars, text, words = self._reader.chars(textpage, height)
            finally:
                textpage.close()
            edges = page_edges(page, height)
            if isinstance(chars, tuple):
                pp = PdfiumPage(number, width, height, None, [], edges, text, chars)
                pp.words = words if words is not None else chars_to_words(pp.char_boxes())
                return pp
            return PdfiumPage(number, width, height, chars, chars_to_words(chars), edges, text)
        finally:
            page.close()


def read_pdfium_page(pp: PdfiumPage, legacy: str | None = None) -> Page:
    """A :class:`PdfiumPage` → :class:`Page` of lines (tables as rows with cells)."""
    rows, boxes = page_tables(pp)
    return assemble_page(pp.words, rows, boxes, pp.number, pp.width, pp.height, legacy)
