"""Ruled tables in page images: find the rules, erase them, rebuild rows with cells from word boxes.

Tesseract reads a ruled table badly: the rules become glyphs and it splits columns into
separate blocks, so a row's code, title and result come out pages apart. Here the rules are
found by projection (rows and columns that are mostly ink), painted white before OCR, and
after OCR every word inside the table goes to the grid cell its centre falls in.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass

import regex
from PIL import Image, ImageDraw

from ingest.geometry import rules_inside, safe_crop
from ingest.models import Line, Word

MIN_RULES = 3
"""Row rules a table needs: a header and one row ..."""
MIN_COLS_ONE_ROW = 4
"""... or only a top and a bottom rule with this many column rules between them: the tail of a table
continued from the previous page, its repeated header and its one row in the same ruled box."""


@dataclass
class Grid:
    rows: list[int]
    """y of each horizontal rule, top to bottom."""
    cols: list[int]
    """x of each vertical rule, left to right."""
    x0: int
    x1: int
    head: int | None = None
    """Where the column rules begin, when well above the first row rule: a table continued from
    the previous page has no top rule, yet its first row is a row. Used to place words in cells,
    never erased (painting a rule that is not there changed how tesseract read the table)."""

    @property
    def edges(self) -> list[int]:
        """Row edges for placing words: the rules, after ``head`` when there is one."""
        return [self.head, *self.rows] if self.head is not None else self.rows

    @property
    def top(self) -> int:
        return self.rows[0]

    @property
    def bottom(self) -> int:
        return self.rows[-1]


def _runs(idx: list[int]) -> list[tuple[int, int]]:
    """Consecutive indices grouped into (first, last) runs."""
    out: list[tuple[int, int]] = []
    for i in idx:
        if out and i <= out[-1][1] + 2:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


BLOCK = 16
"""Pixels averaged along a rule's direction: a rule darkens every block it crosses, text does not."""
DARK = 170


def _longest_runs(im: Image.Image, need: float = 0.0, segment: int = 0) -> list[int]:
    """For each pixel row, the longest run of dark BLOCK-wide blocks (in blocks).

    Rows with fewer than ``need`` dark blocks in all (nearly every row of text) get their count
    instead, which is already too short: the run-length scan is the costly part. With ``segment``,
    a row gets the sum of its runs at least ``segment`` blocks long instead of the longest one.
    """
    small = im.resize((max(1, im.width // BLOCK), im.height), Image.Resampling.BOX)
    dark = small.point(lambda v: 0 if v < DARK else 255).tobytes()
    w = small.width
    out = []
    for y in range(small.height):
        row = dark[y * w:(y + 1) * w]
        n = row.count(0)
        if n < need:
            out.append(n)
        elif segment:
            out.append(sum(len(r) for r in row.split(b"\xff") if len(r) >= segment))
        else:
            out.append(max(map(len, row.split(b"\xff"))))
    return out


SEGMENT = 6
"""A column rule's pieces are at least this many blocks long (about 100 px at 300 dpi): a merged
cell (a group row's title running over the target column) breaks the rule between two row rules,
while the strokes of text, averaged over a block, never make a run this long."""


def _rules(im: Image.Image, length: int, share: float, segment: int = 0) -> list[int]:
    """Centres of the runs of pixel rows whose longest dark run covers ``share`` of ``length`` pixels
    (with ``segment``: whose runs of at least that many blocks do, together)."""
    need = share * length / BLOCK
    runs = _longest_runs(im, need, segment)
    hits = [i for i, r in enumerate(runs) if r >= need]
    return [(a + b) // 2 for a, b in _runs(hits) if b - a < 25]


def find_grid(im: Image.Image) -> Grid | None:
    """The ruled table of a grey page image, or None when the page has none.

    A rule is a pixel row (column) holding one continuous dark run across most of the table,
    which tells it from a line of text, dark on average but broken between letters. A column rule
    may instead be pieced from long runs (``SEGMENT``): merged cells (group rows) interrupt it.
    """
    g = im if im.mode == "L" else im.convert("L")
    w, h = g.size
    full = _rules(g, w, 0.55)
    if len(full) < 2:
        return None
    top, bottom = full[0], full[-1]
    band = safe_crop(g, (0, top, w, bottom + 1))
    if band is None:
        return None
    band = band.transpose(Image.Transpose.TRANSPOSE)
    cols = rules_inside(_rules(band, band.width, 0.35, SEGMENT), w)
    if len(cols) < 3:
        return None
    x0, x1 = cols[0], cols[-1]
    # rows again, now measured within the table's own width (header rules can be shorter)
    span = safe_crop(g, (x0, 0, x1 + 1, h))
    if span is None:
        return None
    rows = rules_inside((y for y in _rules(span, span.width, 0.5) if top - h // 5 <= y <= bottom + 5), h)
    if len(rows) < (2 if len(cols) - 2 >= MIN_COLS_ONE_ROW else MIN_RULES):
        return None
    if rows[-1] < h - 1 - MIN_ROW_PX:  # a row running on to the next page has no bottom rule
        end = _columns_start(g.transpose(Image.Transpose.FLIP_TOP_BOTTOM), cols, h - 1 - rows[-1])
        if end is not None:  # ... but its column rules run on below the last row rule
            rows.append(h - 1 - end)
    return Grid(rows=rows, cols=cols, x0=x0, x1=x1, head=_columns_start(g, cols, rows[0]))


MIN_ROW_PX = 40
"""Column rules reaching this far above the first row rule hold a row of their own."""


def _columns_start(g: Image.Image, cols: list[int], top: int) -> int | None:
    """Where the vertical rules begin, when most of them start well above the first row rule."""
    if top <= MIN_ROW_PX:
        return None
    starts = []
    for x in cols:
        band = safe_crop(g, (x - 3, 0, x + 4, top))
        if band is None:
            continue
        darkest = [min(r) for r in zip(*(band.crop((i, 0, i + 1, top)).tobytes() for i in range(band.width)), strict=True)]
        y, gap = top - 1, 0
        while y >= 0 and gap <= 3:  # walk up the rule (darkest pixel near x), stepping over specks of noise
            gap = 0 if darkest[y] < DARK else gap + 1
            y -= 1
        starts.append(y + gap + 1)
    reaching = sorted(s for s in starts if top - s >= MIN_ROW_PX)
    if len(reaching) < max(3, (len(cols) + 1) // 2):
        return None
    return reaching[len(reaching) // 2]


def erase_grid(im: Image.Image, grid: Grid, width: int = 7) -> Image.Image:
    """A copy of ``im`` with the table's rules painted white."""
    out = im.copy()
    d = ImageDraw.Draw(out)
    for y in grid.rows:
        d.line([(grid.x0 - width, y), (grid.x1 + width, y)], fill=255, width=width)
    for x in grid.cols:
        d.line([(x, grid.top - width), (x, grid.bottom + width)], fill=255, width=width)
    return out


def _index(v: float, edges: list[int]) -> int | None:
    for i in range(len(edges) - 1):
        if edges[i] <= v < edges[i + 1]:
            return i
    return None


def _reading_order(words: list[Word]) -> list[Word]:
    """A cell's words line by line (by vertical centre), each line left to right."""
    if not words:
        return []
    height = statistics.median(w.bbox[3] - w.bbox[1] for w in words) or 1.0
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.bbox[1] + w.bbox[3]) / 2):
        cy = (w.bbox[1] + w.bbox[3]) / 2
        if lines:
            last = lines[-1]
            lcy = statistics.fmean((x.bbox[1] + x.bbox[3]) / 2 for x in last)
            if abs(cy - lcy) < 0.6 * height:
                last.append(w)
                continue
        lines.append([w])
    return [w for line in lines for w in sorted(line, key=lambda w: w.bbox[0])]


ReOCR = Callable[[list[tuple[int, int, int, int]]], "list[tuple[str, float] | None]"]
"""Reads cells (boxes in page pixels) again, all in one go; (text, mean confidence) or None each."""
"""OCR one cell box again on its own; returns (text, mean confidence) or None."""
UNSURE = 75.0
"""A cell whose words' mean confidence is below this is read again on its own."""


_FRACTION = regex.compile(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d+)\s*/\s*(\d{1,3}(?:\.\d{3})+|\d+)(?![\d/])")
_PERCENT = regex.compile(r"(?<![\d.,])(\d{1,3})(?:,(\d{1,2}))?\s*%")


def numbers_disagree(text: str) -> bool:
    """A cell whose fraction and percent contradict each other ("4260/1470 … (34,33%)").

    The whole-page pass sometimes reads a cell's digits from a line that runs across its
    neighbours; every such misreading seen had a correct partner, so a cell whose numbers do not
    agree is read again on its own.
    """
    f, p = _FRACTION.search(text), _PERCENT.search(text)
    if not f or not p:
        return False
    x, y = int(f[1].replace(".", "")), int(f[2].replace(".", ""))
    if y == 0:
        return True
    value = float(p[1] + "." + (p[2] or "0"))
    step = 10 ** -len(p[2]) if p[2] else 1.0
    return abs(100 * x / y - value) > step


def apply_grid(lines: list[Line], grid: Grid, page: int, reocr: ReOCR | None = None) -> list[Line]:
    """Words inside the table become one line per grid row, with one cell per grid column.

    With ``reocr``, cells read with low confidence, or whose numbers disagree, are OCR'd again,
    each alone (a whole-page pass reads short, two-line cells such as "14/14 hệ thống (100%)" worst).
    """
    # rules as given may be unsorted, repeated or beyond the image (a warped photo): use them sorted and
    # distinct, so that every cell has a positive size; the cell reader clamps each box to its image
    edges = sorted(set(grid.edges))
    cols = sorted(set(grid.cols))
    if len(edges) < 2 or len(cols) < 2:
        return lines
    outside: list[Line] = []
    cells: dict[tuple[int, int], list[Word]] = {}
    for ln in lines:
        keep: list[Word] = []
        for wd in ln.words:
            cx, cy = (wd.bbox[0] + wd.bbox[2]) / 2, (wd.bbox[1] + wd.bbox[3]) / 2
            r, c = _index(cy, edges), _index(cx, cols)
            if r is None or c is None:
                keep.append(wd)
            else:
                cells.setdefault((r, c), []).append(wd)
        if len(keep) == len(ln.words):
            outside.append(ln)
        elif keep:
            outside.append(ln.model_copy(update={
                "words": keep, "text": " ".join(w.text for w in keep), "cells": None,
                "bbox": (min(w.bbox[0] for w in keep), min(w.bbox[1] for w in keep),
                         max(w.bbox[2] for w in keep), max(w.bbox[3] for w in keep))}))
    rows: list[Line] = []
    n_cols = len(cols) - 1
    texts: dict[tuple[int, int], str] = {}
    unsure: list[tuple[int, int, float, bool]] = []
    for (r, c), ws in cells.items():
        text = " ".join(w.text for w in _reading_order(ws))
        texts[(r, c)] = text
        confs_c = [w.conf for w in ws if w.conf is not None]
        conf_c = statistics.fmean(confs_c) if confs_c else 0.0
        odd = numbers_disagree(text)
        if reocr is not None and (conf_c < UNSURE or odd) and c > 0:
            unsure.append((r, c, conf_c, odd))
    # an empty cell in a column that is filled nearly everywhere else: OCR may have lost a short
    # word there ("Hoàn / thành" in the verdict column)
    filled_rows = {r for r, _ in cells}
    if reocr is not None and len(filled_rows) >= 3:
        for c in range(1, n_cols):
            have = {r for r, cc in cells if cc == c}
            if len(have) >= 0.6 * len(filled_rows):
                for r in sorted(filled_rows - have):
                    if sum(1 for rr, _ in cells if rr == r) >= 3:  # a group row has a code and a name only
                        unsure.append((r, c, UNSURE, False))  # kept only when read with confidence
    if unsure and reocr is not None:
        again = reocr([(cols[c], edges[r], cols[c + 1], edges[r + 1]) for r, c, _, _ in unsure])
        for (r, c, conf_c, odd), got in zip(unsure, again, strict=True):
            if got is not None and got[0] and (got[1] > conf_c or odd and not numbers_disagree(got[0])):
                texts[(r, c)] = got[0]
    for r in range(len(edges) - 1):
        row_words = [w for c in range(n_cols) for w in cells.get((r, c), [])]
        if not row_words:
            continue
        row_texts = [texts.get((r, c), "") for c in range(n_cols)]
        confs = [w.conf for w in row_words if w.conf is not None]
        rows.append(Line(page=page, number=0, text=" | ".join(row_texts), cells=row_texts,
                         bbox=(cols[0], edges[r], cols[-1], edges[r + 1]),
                         conf=round(statistics.fmean(confs), 2) if confs else None, words=row_words))
    merged = sorted(outside + rows, key=lambda ln: (ln.bbox[1] if ln.bbox else 0, ln.bbox[0] if ln.bbox else 0))
    for i, ln in enumerate(merged, 1):
        ln.number = i
    return merged
