"""Boxes that cannot go wrong: every crop, grid cell and word box is clamped to its image here.

A box is (x0, y0, x1, y1) with y growing downwards. Whatever the caller computed (a cell
shrunk by an inset, a rule found at the page's edge, a word box from OCR of a warped photo),
:func:`clamp_box` returns integer pixel coordinates inside the image, or None when nothing
is left (empty, inverted, not a number). Pillow's ``crop`` raises on inverted boxes and pads
boxes that stick out, so nothing in ingest/ calls it except through :func:`safe_crop`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from PIL import Image

from ingest.models import Line, Page, Word

IntBox = tuple[int, int, int, int]


def _finite(values: Iterable[float]) -> bool:
    return all(isinstance(v, int | float) and math.isfinite(v) for v in values)


def clamp_box(box: Sequence[float], width: int, height: int, *, min_size: int = 1) -> IntBox | None:
    """``box`` in whole pixels inside a ``width`` x ``height`` image, or None when it holds fewer
    than ``min_size`` pixels either way (empty, inverted, outside the image, NaN)."""
    if len(box) != 4 or not _finite(box) or width <= 0 or height <= 0:
        return None
    x0, y0, x1, y1 = box
    ix0 = min(max(0, math.floor(x0)), width)
    iy0 = min(max(0, math.floor(y0)), height)
    ix1 = min(max(0, math.ceil(x1)), width)
    iy1 = min(max(0, math.ceil(y1)), height)
    if ix1 - ix0 < max(1, min_size) or iy1 - iy0 < max(1, min_size):
        return None
    return (ix0, iy0, ix1, iy1)


def inset(box: Sequence[float], left: float, top: float, right: float, bottom: float) -> tuple[float, float, float, float]:
    """``box`` shrunk by the given margins (may come out inverted: clamp it before use)."""
    x0, y0, x1, y1 = box
    return (x0 + left, y0 + top, x1 - right, y1 - bottom)


def safe_crop(im: Image.Image, box: Sequence[float], *, min_size: int = 1) -> Image.Image | None:
    """``im.crop`` of the part of ``box`` inside the image; None when that part is empty."""
    clamped = clamp_box(box, im.width, im.height, min_size=min_size)
    return im.crop(clamped) if clamped is not None else None


def clamp_float_box(box: Sequence[float], width: float, height: float) -> tuple[float, float, float, float] | None:
    """A float box (word or line) cut to the page; None when nothing with area is left."""
    if len(box) != 4 or not _finite(box) or not _finite((width, height)) or width <= 0 or height <= 0:
        return None
    x0, y0, x1, y1 = box
    x0, x1 = min(max(0.0, x0), width), min(max(0.0, x1), width)
    y0, y1 = min(max(0.0, y0), height), min(max(0.0, y1), height)
    if x1 <= x0 or y1 <= y0:
        return None
    return (float(x0), float(y0), float(x1), float(y1))


def rules_inside(positions: Iterable[float], length: int) -> list[int]:
    """Rule positions as sorted, distinct whole pixels within ``0..length-1``."""
    out = sorted({min(max(0, int(round(p))), max(0, length - 1)) for p in positions if _finite((p,))})
    return out


def clamp_page(page: Page) -> Page:
    """Every word and line box of a pixel page cut to the page; words left with no area are dropped,
    and so are lines left with no words and no area. Line numbers are renumbered when any goes."""
    if page.width is None or page.height is None or page.unit != "px":
        return page
    w, h = page.width, page.height
    lines: list[Line] = []
    for ln in page.lines:
        words: list[Word] = []
        for wd in ln.words:
            b = clamp_float_box(wd.bbox, w, h)
            if b is not None:
                words.append(wd if b == wd.bbox else wd.model_copy(update={"bbox": b}))
        bbox = clamp_float_box(ln.bbox, w, h) if ln.bbox is not None else None
        if ln.words and words:
            wb = (min(x.bbox[0] for x in words), min(x.bbox[1] for x in words),
                  max(x.bbox[2] for x in words), max(x.bbox[3] for x in words))
            bbox = bbox if bbox is not None and bbox[0] <= wb[0] and bbox[1] <= wb[1] and bbox[2] >= wb[2] and bbox[3] >= wb[3] else wb
        if ln.words and not words and bbox is None:
            continue
        if bbox == ln.bbox and len(words) == len(ln.words):
            lines.append(ln)
        else:
            lines.append(ln.model_copy(update={"bbox": bbox, "words": words}))
    if len(lines) != len(page.lines):
        for i, ln in enumerate(lines, 1):
            ln.number = i
    page.lines = lines
    return page
