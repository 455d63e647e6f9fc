"""Tesseract TSV → words → visual rows → lines, with a table row's ``cells`` cut at wide gaps.

Tesseract's TSV keeps every word's box and confidence; lines are rebuilt from the words as
visual rows (tesseract lines, split at height jumps, merged across blocks), and a row whose
words are separated by wide gaps (a table row) also gets its ``cells``.
"""

from __future__ import annotations

import logging
import re
import statistics
from dataclasses import dataclass, field

from ingest.errors import OCRError
from ingest.models import Line, Page, Word
from ingest.normalize import nfc

log = logging.getLogger(__name__)

CELL_GAP_CHARS = 2.5
"""A gap wider than this many median character widths separates two cells of a row."""
CELL_GAP_PX_300DPI = 25.0
"""...and never a gap narrower than this many pixels at 300 dpi (scaled with the dpi)."""
ROW_OVERLAP = 0.5
"""Two pieces of text are on the same row when they overlap vertically by this much of the smaller."""
_RULE = re.compile(r"[|¦‖\[\]{}]+")
"""Words that are a table's vertical rule read as characters."""
_TALL = 2.5
"""Words taller than this many median word heights (ruling-line debris) do not shape rows."""



@dataclass
class _Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float
    key: tuple[int, int, int]
    """Tesseract's (block, paragraph, line)."""
    image: int = 1
    """Tesseract's page_num: which image of a list of images the word is on."""

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class _Piece:
    """Words tesseract put on one line and that sit at one height, left to right."""

    words: list[_Word]
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0

    def fit(self, tall: float) -> _Piece:
        core = [w for w in self.words if w.height <= tall] or self.words
        self.top = min(w.top for w in core)
        self.bottom = max(w.bottom for w in core)
        self.x0 = min(w.x0 for w in self.words)
        self.x1 = max(w.x1 for w in self.words)
        return self


@dataclass
class _Row:
    pieces: list[_Piece] = field(default_factory=list)
    top: float = 0.0
    bottom: float = 0.0

    def add(self, piece: _Piece) -> None:
        if not self.pieces:
            self.top, self.bottom = piece.top, piece.bottom
        else:
            self.top, self.bottom = min(self.top, piece.top), max(self.bottom, piece.bottom)
        self.pieces.append(piece)


def parse_tsv(tsv: str, *, path: str | None = None, page: int | None = None,
              origin: tuple[int, int] = (0, 0)) -> list[_Word]:
    """Words of a Tesseract TSV (level 5 rows), skipping empty text and conf -1.

    ``origin`` is where the OCR'd image sits on the page (a crop): boxes come back in page pixels.
    """
    words: list[_Word] = []
    lines = [line.rstrip("\r") for line in tsv.split("\n") if line.strip()]  # not splitlines(): text may hold \x1c, \u2028
    if not lines:
        return words
    header = lines[0].split("\t")
    try:
        col = {
            name: header.index(name)
            for name in ("level", "block_num", "par_num", "line_num", "left", "top", "width", "height", "conf", "text")
        }
        if "page_num" in header:
            col["page_num"] = header.index("page_num")
    except ValueError as exc:
        raise OCRError(f"unexpected tesseract TSV header: {lines[0][:200]!r}", path=path, page=page) from exc
    ncols = len(header)
    for raw in lines[1:]:
        cells = raw.split("\t", ncols - 1)
        if len(cells) < ncols:
            cells += [""] * (ncols - len(cells))
        if cells[col["level"]] != "5":
            continue
        text = nfc(cells[col["text"]]).strip()
        try:
            conf = float(cells[col["conf"]])
            left, top = float(cells[col["left"]]) + origin[0], float(cells[col["top"]]) + origin[1]
            width, height = float(cells[col["width"]]), float(cells[col["height"]])
            key = (int(cells[col["block_num"]]), int(cells[col["par_num"]]), int(cells[col["line_num"]]))
            image = int(cells[col["page_num"]]) if "page_num" in col else 1
        except ValueError:
            log.debug("skipping malformed TSV row %r", raw[:200])
            continue
        if not text or conf < 0:
            continue
        words.append(_Word(text, left, top, left + width, top + height, min(conf, 100.0), key, image))
    return words


def _split_by_height(words: list[_Word], tol: float) -> list[list[_Word]]:
    """Split one tesseract line where its words' centres jump by more than ``tol``.

    On ruled tables tesseract sometimes puts a vertically centred cell on the same line as
    the second line of a neighbouring wrapped cell; skewed lines drift smoothly, never jump.
    """
    by_cy = sorted(words, key=lambda w: w.cy)
    groups: list[list[_Word]] = [[by_cy[0]]]
    for w in by_cy[1:]:
        if w.cy - groups[-1][-1].cy > tol:
            groups.append([])
        groups[-1].append(w)
    return [sorted(g, key=lambda w: w.x0) for g in groups]


def _rows(words: list[_Word], line_height: float) -> list[_Row]:
    """Group words into visual rows: tesseract lines, split at height jumps, merged across blocks."""
    tall = _TALL * line_height
    by_line: dict[tuple[int, int, int], list[_Word]] = {}
    for w in words:
        by_line.setdefault(w.key, []).append(w)
    pieces: list[_Piece] = []
    for line_words in by_line.values():
        core = [w for w in line_words if w.height <= tall]
        if not core:
            pieces.append(_Piece(sorted(line_words, key=lambda w: w.x0)).fit(tall))
            continue
        groups = _split_by_height(core, 0.5 * line_height)
        pieces += [_Piece(g).fit(tall) for g in groups]
        # Debris (tall words) joins the piece whose centre is nearest its own.
        for w in line_words:
            if w.height > tall:
                best = min(pieces[-len(groups) :], key=lambda p: abs((p.top + p.bottom) / 2 - w.cy))
                best.words.append(w)
                best.words.sort(key=lambda x: x.x0)
                best.fit(tall)

    rows: list[_Row] = []
    for piece in sorted(pieces, key=lambda p: (p.top + p.bottom) / 2):
        h = piece.bottom - piece.top
        best_row, best_overlap = None, 0.0
        for row in rows[-8:]:
            overlap = min(row.bottom, piece.bottom) - max(row.top, piece.top)
            need = ROW_OVERLAP * max(1.0, min(h, row.bottom - row.top))
            if overlap < need or overlap <= best_overlap:
                continue
            if any(_x_overlap(piece, other) > 0.3 * min(piece.x1 - piece.x0, other.x1 - other.x0) + 1 for other in row.pieces):
                continue
            best_row, best_overlap = row, overlap
        if best_row is None:
            best_row = _Row()
            rows.append(best_row)
        best_row.add(piece)
    for row in rows:
        row.pieces.sort(key=lambda p: p.x0)
    rows.sort(key=lambda r: (r.top, r.pieces[0].x0))
    return rows


def _x_overlap(a: _Piece, b: _Piece) -> float:
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def char_width(words: list[_Word]) -> float:
    """Median character width (px) of the page's confident words."""
    widths = [(w.x1 - w.x0) / len(w.text) for w in words if len(w.text) >= 2 and w.conf >= 50]
    if not widths:
        widths = [(w.x1 - w.x0) / max(1, len(w.text)) for w in words]
    return statistics.median(widths) if widths else 10.0


def cell_gap(char_w: float, dpi: int | None) -> float:
    """Gap (px) above which two neighbouring words on a row are in different cells."""
    return max(CELL_GAP_CHARS * char_w, CELL_GAP_PX_300DPI * (dpi or 300) / 300)


def _row_cells(row: _Row, gap: float, min_piece_gap: float) -> list[list[_Word]]:
    """The row's words cut into cells at wide gaps, at ruling-line debris, and between pieces.

    Debris words ("|", "[", ...) are what tesseract makes of a table's vertical rules; they
    separate cells and belong to none (they stay in the line's text and words).
    """
    words = [w for p in row.pieces for w in p.words]
    firsts = {id(p.words[0]) for p in row.pieces}
    spaces = [b.x0 - a.x1 for a, b in zip(words, words[1:], strict=False)]
    if _justified(spaces, gap):
        return [words]
    cells: list[list[_Word]] = [[]]
    for i, w in enumerate(words):
        if _RULE.fullmatch(w.text):
            cells.append([])
            continue
        limit = min_piece_gap if id(w) in firsts else gap
        if i and spaces[i - 1] > limit:
            cells.append([])
        cells[-1].append(w)
    return [c for c in cells if c]


def _justified(spaces: list[float], gap: float) -> bool:
    """Evenly stretched, moderate word spaces: a justified prose line, not a table row."""
    if len(spaces) < 3:
        return False
    lo, hi = min(spaces), max(spaces)
    return lo > 0.5 * gap and hi < 2 * gap and hi < 1.6 * lo


def lines_from_words(words: list[_Word], page: int, dpi: int | None) -> list[Line]:
    """Rebuild the page's lines (reading order: top to bottom, then left to right) from OCR words."""
    if not words:
        return []
    heights = [w.height for w in words if w.conf >= 50] or [w.height for w in words]
    line_height = max(1.0, statistics.median(heights))
    char_w = char_width(words)
    gap = cell_gap(char_w, dpi)
    lines: list[Line] = []
    for row in _rows(words, line_height):
        row_words = [w for p in row.pieces for w in p.words]
        cells = _row_cells(row, gap, min_piece_gap=char_w)
        lines.append(
            Line(
                page=page,
                number=len(lines) + 1,
                text=" ".join(w.text for w in row_words),
                bbox=(
                    min(w.x0 for w in row_words),
                    min(w.top for w in row_words),
                    max(w.x1 for w in row_words),
                    max(w.bottom for w in row_words),
                ),
                conf=round(statistics.fmean(w.conf for w in row_words), 2),
                words=[Word(text=w.text, bbox=(w.x0, w.top, w.x1, w.bottom), conf=w.conf) for w in row_words],
                cells=[" ".join(w.text for w in c) for c in cells] if len(cells) > 1 else None,
            )
        )
    return lines


def page_from_words(words: list[_Word], number: int, width: int, height: int, dpi: int | None) -> Page:
    """A :class:`Page` (unit px) of ``width`` x ``height`` pixels from its OCR words."""
    return Page(
        number=number,
        lines=lines_from_words(words, number, dpi),
        width=float(width),
        height=float(height),
        unit="px",
        source="ocr",
        conf=round(statistics.fmean(w.conf for w in words), 2) if words else None,
    )


def page_from_tsv(tsv: str, number: int, width: int, height: int, dpi: int | None, *, path: str | None = None,
                  origin: tuple[int, int] = (0, 0)) -> Page:
    """A :class:`Page` (unit px) from tesseract TSV of a page of ``width`` x ``height`` pixels
    (of its crop at ``origin``)."""
    return page_from_words(parse_tsv(tsv, path=path, page=number, origin=origin), number, width, height, dpi)
