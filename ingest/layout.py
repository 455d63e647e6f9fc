"""Text-layer page layout shared by both PDF readers: characters → words → lines, tables → rows.

The word rules are pdfplumber's ``extract_words`` (its ``WordExtractor`` for upright text):
characters are clustered into lines by their top within ``y_tolerance``, sorted left to right,
and a word ends at a blank character or where the next character starts left of the previous
one, more than ``x_tolerance`` right of its end, or more than ``y_tolerance`` above or below it.
Both readers (:mod:`ingest.textlayer` with PDFium, :mod:`ingest.plumber` with pdfplumber) end in
:func:`assemble_page`, so the records do not depend on which one read the page.
"""

from __future__ import annotations

import bisect
import functools
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import regex

from ingest import _native
from ingest.legacy import convert_legacy_text
from ingest.models import Line, Page
from ingest.models import line as make_line
from ingest.models import word as make_word
from ingest.normalize import nfc

BBox = tuple[float, float, float, float]

WORD_X_TOLERANCE = 1.5
WORD_Y_TOLERANCE = 3.0
CELL_X_TOLERANCE = 3.0
"""Cells are read as pdfplumber's ``extract_text`` reads them (its default tolerance is 3)."""

_NOT_VIET_OR_ASCII = regex.compile(r"[^\p{Latin}\p{N}\p{P}\p{Zs}%/()]")
"""A character that is not Latin, a digit, punctuation or a space (counting the few is cheaper)."""
_LETTERS = regex.compile(r"\p{L}+")
_NATIVE = _native.LIB
"""The C loop of :func:`group_lines`' line grouping, or None (the tests compare it with :func:`_rows`)."""
MIN_CHARS = 40
"""A page with fewer text-layer characters than this is treated as a scan."""

_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
"""pdfplumber's ``expand_ligatures`` table."""


class Char(NamedTuple):
    """One character and its box; the readers make plain tuples of these five (:data:`CharBox`)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


CharBox = tuple[str, float, float, float, float]
"""text, x0, top, x1, bottom: a page has thousands, and a tuple costs a tenth of an object to make."""


@dataclass(slots=True)
class TextWord:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


def text_layer_usable(text: str) -> bool:
    """Whether a page's text layer is worth trusting over OCR."""
    stripped = "".join(text.split())
    if len(stripped) < MIN_CHARS:
        return False
    good = len(stripped) - len(_NOT_VIET_OR_ASCII.findall(stripped))
    if good / len(stripped) < 0.9:
        return False
    letters = _LETTERS.findall(text)
    if not letters:
        return False
    # A scanner's invisible OCR layer of poor quality: mostly 1-2 letter fragments.
    return sum(map(len, letters)) / len(letters) >= 2.2


def _cluster_lines(chars: Sequence[CharBox], tolerance: float) -> list[list[CharBox]]:
    """pdfplumber's ``cluster_objects`` on ``top``: distinct tops chained within ``tolerance``."""
    tops = sorted({c[2] for c in chars})
    index: dict[float, int] = {}
    group, last = 0, None
    for t in tops:
        if last is not None and t > last + tolerance:
            group += 1
        index[t] = group
        last = t
    lines: list[list[CharBox]] = [[] for _ in range(group + 1)] if tops else []
    for c in chars:  # stable: characters keep their stream order within a line before sorting
        lines[index[c[2]]].append(c)
    return lines


def chars_to_words(chars: Sequence[CharBox], x_tolerance: float = WORD_X_TOLERANCE,
                   y_tolerance: float = WORD_Y_TOLERANCE) -> list[TextWord]:
    """Words as pdfplumber's ``extract_words(x_tolerance, y_tolerance)`` makes them (upright text)."""
    words: list[TextWord] = []
    add = words.append
    ligature = _LIGATURES.get
    for line in _cluster_lines(chars, y_tolerance):
        line.sort(key=_x0)
        text: list[str] = []
        open_ = False  # a word is being built; px0, px1, ptop: its last character's
        px0 = px1 = ptop = 0.0
        x0 = top = x1 = bottom = 0.0
        for t, cx0, ctop, cx1, cbottom in line:
            if t.isspace():
                if open_:
                    add(TextWord("".join(text), x0, top, x1, bottom))
                open_ = False
                continue
            if open_ and (cx0 < px0 or cx0 > px1 + x_tolerance or abs(ctop - ptop) > y_tolerance):
                add(TextWord("".join(text), x0, top, x1, bottom))
                open_ = False
            if not open_:
                text = [ligature(t, t)]
                x0, top, x1, bottom = cx0, ctop, cx1, cbottom
                open_ = True
            else:
                text.append(ligature(t, t))
                if cx0 < x0:
                    x0 = cx0
                if ctop < top:
                    top = ctop
                if cx1 > x1:
                    x1 = cx1
                if cbottom > bottom:
                    bottom = cbottom
            px0, px1, ptop = cx0, cx1, ctop
        if open_:
            add(TextWord("".join(text), x0, top, x1, bottom))
    return words


_x0 = operator.itemgetter(1)


def words_text(words: Sequence[TextWord]) -> str:
    """Words as pdfplumber's non-layout ``extract_text`` joins them, whitespace collapsed."""
    return " ".join(w.text for w in words)


def _sorted_median(s: list[float]) -> float:
    """The median of an already sorted list."""
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def group_lines(words: list[TextWord], page_no: int) -> list[Line]:
    """Words → visual lines, by vertical overlap, left to right.

    A word joins the last line when its top is within half the line's height (median bottom
    minus median top of the words so far, at least 1) of the line's median top.
    """
    rows = _native_rows(words) if _NATIVE is not None and words else _rows(words)
    lines = []
    # models built without validation (:func:`ingest.models.word`): these values are already the
    # models' types (floats, str), and checking the words of a long report cost more than reading them
    for i, row in enumerate(rows, 1):
        text = " ".join([w.text for w in row])
        bbox = (row[0].x0, min([w.top for w in row]), max([w.x1 for w in row]), max([w.bottom for w in row]))
        words_ = [make_word(_nfc_word(w.text), (w.x0, w.top, w.x1, w.bottom)) for w in row]
        lines.append(make_line(page_no, i, nfc(text), bbox, None, words_, None))
    return lines


def _native_rows(words: list[TextWord]) -> list[list[TextWord]]:
    """:func:`_rows` in C (``ingest/_textchars.c``): the same lines, in the same order."""
    ffi, n = _native.FFI, len(words)
    rounded: dict[float, float] = {}  # a line's words mostly share one top: each rounded once
    rtop = ffi.new("double[]", [rounded[t] if t in rounded else rounded.setdefault(t, round(t, 1))
                                for t in [w.top for w in words]])
    x0 = ffi.new("double[]", [w.x0 for w in words])
    top = ffi.new("double[]", [w.top for w in words])
    bottom = ffi.new("double[]", [w.bottom for w in words])
    order, start = ffi.new("int[]", n), ffi.new("int[]", n + 1)
    rows = _NATIVE.tieuchi_group_lines(n, rtop, x0, top, bottom, order, start)
    if rows == -4:
        return _rows(words)  # a NaN box: Python's sort decides where it goes
    if rows < 0:
        raise MemoryError("tieuchi_group_lines")
    by_line = [words[k] for k in ffi.unpack(order, n)]
    bounds = ffi.unpack(start, rows + 1)
    return [by_line[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _rows(words: list[TextWord]) -> list[list[TextWord]]:
    """The words of each visual line, left to right; lines in order of their first word's top."""
    rows: list[list[TextWord]] = []
    tops: list[float] = []
    bottoms: list[float] = []
    insort = bisect.insort
    top = bottom = 0.0
    for w in sorted(words, key=_line_order):
        if rows and abs(w.top - top) < 0.5 * max(bottom - top, 1.0):
            rows[-1].append(w)
            insort(tops, w.top)
            insort(bottoms, w.bottom)
        else:
            rows.append([w])
            tops, bottoms = [w.top], [w.bottom]
        n, h = len(tops), len(tops) // 2  # the medians of the line so far
        top = tops[h] if n % 2 else (tops[h - 1] + tops[h]) / 2
        bottom = bottoms[h] if n % 2 else (bottoms[h - 1] + bottoms[h]) / 2
    for row in rows:
        row.sort(key=_word_x0)
    return rows


def _line_order(w: TextWord) -> tuple[float, float]:
    return (round(w.top, 1), w.x0)


_word_x0 = operator.attrgetter("x0")
_nfc_word = functools.lru_cache(maxsize=1 << 16)(nfc)
"""Words repeat ("của", "và", "các"): the NFC of each distinct one is worked out once."""


@dataclass
class TableRow:
    """One row of a ruled table: its cells' raw text (None for a cell the grid leaves out) and box."""

    cells: list[str | None]
    bbox: BBox


def table_lines(rows: list[TableRow], page_no: int, legacy: str | None) -> list[Line]:
    """Rows of ruled tables as lines with cells.

    Legacy-encoded cells are decoded before :func:`nfc`, which drops soft hyphens: U+00AD is
    TCVN3's "ư" ("ng\xadêi" is "người").
    """
    out: list[Line] = []
    for row in rows:
        cells = [nfc(convert_legacy_text(c, legacy) if legacy else c) if c else "" for c in row.cells]
        if not any(cells):
            continue
        out.append(Line(page=page_no, number=0, text=" | ".join(cells), bbox=row.bbox, cells=cells))
    return out


def _inside(w: TextWord, box: BBox) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def assemble_page(words: list[TextWord], rows: list[TableRow], table_boxes: list[BBox], page_no: int,
                  width: float, height: float, legacy: str | None) -> Page:
    """A text-layer :class:`Page`: free words as lines, table rows as lines with cells, top to bottom."""
    if legacy:
        words = [TextWord(convert_legacy_text(w.text, legacy), w.x0, w.top, w.x1, w.bottom) for w in words]
    free = [w for w in words if not any(_inside(w, b) for b in table_boxes)] if table_boxes else words
    lines = group_lines(free, page_no) + table_lines(rows, page_no, legacy)
    lines.sort(key=lambda ln: (ln.bbox[1] if ln.bbox else 0, ln.bbox[0] if ln.bbox else 0))
    for i, ln in enumerate(lines, 1):
        ln.number = i
    return Page(number=page_no, lines=lines, width=width, height=height, unit="pt", source="text-layer")
