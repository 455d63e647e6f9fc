"""Ruled tables in page images: find the rules, erase them, rebuild rows with cells from word boxes.

Tesseract reads a ruled table badly: the rules become glyphs and it splits columns into
separate blocks, so a row's code, title and result come out pages apart. Here the rules are
found by projection (rows and columns that are mostly ink), painted white before OCR, and
after OCR every word inside the table goes to the grid cell its centre falls in.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from PIL import Image, ImageDraw

from ingest.models import Line, Word

STRONG = 100
"""Mean grey level under which a full-width pixel row is surely a rule."""
INK = 125
"""Mean grey level (within the table's span) under which a pixel row/column counts as a rule."""
MIN_RULES = 3


@dataclass
class Grid:
    rows: list[int]
    """y of each horizontal rule, top to bottom."""
    cols: list[int]
    """x of each vertical rule, left to right."""
    x0: int
    x1: int

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


def _profile(im: Image.Image, size: tuple[int, int]) -> list[int]:
    small = im.resize(size, Image.Resampling.BOX)
    return list(small.tobytes())


def _continuous(im: Image.Image, y: int, share: float = 0.6) -> bool:
    """Whether pixel row ``y`` (± 2 rows, for residual skew) holds one dark run over ``share`` of the width.

    Separates a rule from a line of bold or 1-bit text, which is dark on average but broken.
    """
    w = im.width
    strip = im.crop((0, max(0, y - 2), w, min(im.height, y + 3)))
    data = strip.tobytes()
    n = strip.height
    longest = run = 0
    for x in range(w):
        if min(data[x + k * w] for k in range(n)) < 140:
            run += 1
            longest = max(longest, run)
        else:
            run = 0
    return longest >= share * w


def find_grid(im: Image.Image) -> Grid | None:
    """The ruled table of a grey page image, or None when the page has none.

    Strong rules (full-width, dark) locate the table and its columns; then fainter rules
    within the table's span and a little above it (header rows) are added.
    """
    g = im if im.mode == "L" else im.convert("L")
    w, h = g.size
    mid = g.crop((w // 10, 0, w - w // 10, h))
    strong = [(a + b) // 2 for a, b in _runs([y for y, v in enumerate(_profile(mid, (1, h))) if v < STRONG])
              if b - a < h // 100 + 3]
    if len(strong) < 2:
        return None
    band = g.crop((0, strong[0], w, strong[-1] + 1))
    vr = [(a + b) // 2 for a, b in _runs([x for x, v in enumerate(_profile(band, (w, 1))) if v < INK])
          if b - a < w // 100 + 3]
    if len(vr) < 3:
        return None
    lo = max(0, strong[0] - h // 5)
    span = g.crop((vr[0] + 5, lo, vr[-1] - 5, min(h, strong[-1] + h // 20)))
    rows = [y for y, v in enumerate(_profile(span, (1, span.height))) if v < INK]
    hr = [lo + (a + b) // 2 for a, b in _runs(rows) if b - a < h // 100 + 3 and _continuous(span, (a + b) // 2)]
    if len(hr) < MIN_RULES:
        return None
    if hr[-1] > 0.7 * h:
        hr.append(h - 1)  # a row running on to the next page has no bottom rule
    return Grid(rows=hr, cols=vr, x0=vr[0], x1=vr[-1])


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


def apply_grid(lines: list[Line], grid: Grid, page: int) -> list[Line]:
    """Words inside the table become one line per grid row, with one cell per grid column."""
    outside: list[Line] = []
    cells: dict[tuple[int, int], list[Word]] = {}
    for ln in lines:
        keep: list[Word] = []
        for wd in ln.words:
            cx, cy = (wd.bbox[0] + wd.bbox[2]) / 2, (wd.bbox[1] + wd.bbox[3]) / 2
            r, c = _index(cy, grid.rows), _index(cx, grid.cols)
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
    n_cols = len(grid.cols) - 1
    for r in range(len(grid.rows) - 1):
        row_words = [w for c in range(n_cols) for w in cells.get((r, c), [])]
        if not row_words:
            continue
        texts = [" ".join(w.text for w in _reading_order(cells.get((r, c), []))) for c in range(n_cols)]
        confs = [w.conf for w in row_words if w.conf is not None]
        rows.append(Line(page=page, number=0, text=" | ".join(texts), cells=texts,
                         bbox=(grid.cols[0], grid.rows[r], grid.cols[-1], grid.rows[r + 1]),
                         conf=round(statistics.fmean(confs), 2) if confs else None, words=row_words))
    merged = sorted(outside + rows, key=lambda ln: (ln.bbox[1] if ln.bbox else 0, ln.bbox[0] if ln.bbox else 0))
    for i, ln in enumerate(merged, 1):
        ln.number = i
    return merged
