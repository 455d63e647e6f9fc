"""Ruled tables in page images: read column by column, then re-read the cells still unsure.

Read as part of the page, a table comes out badly: tesseract's page layout (``--psm 3``) runs
text lines across cells, and about a quarter of the cells had to be read again on their own, in
a second tesseract run that cost a quarter of the page's time. Here the table (its rules erased)
is cut out of the page image and each column goes to tesseract as its own strip, all strips in
one run with ``--psm 6`` (a column is one uniform block of text): every cell's text comes out
whole, and the page without its table is read as before. The second pass (:func:`cell_reader`)
still re-reads the cells :func:`ingest.grid.apply_grid` finds unsure, now few.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

from PIL import Image, ImageDraw

from ingest import _exec
from ingest.config import IngestConfig
from ingest.errors import OCRError, OCRTimeoutError
from ingest.geometry import inset, safe_crop
from ingest.grid import Grid
from ingest.image import save_for_ocr
from ingest.ocr_layout import _Word, parse_tsv

CELL_CONFIG = "--psm 6"
"""A cell, or a column of cells, with its rules erased is one uniform block of text."""
INSET = (6, 4)
"""Pixels kept off a cell's left/top and right/bottom rule (what erasing may leave of it)."""
FRAME = 20
"""White pixels around each strip or cell given to tesseract."""
PAPER = 200
"""Grey lighter than this inside a table is paper: whitened, so the strip does not end in a grey
edge against its white frame (tesseract read such a strip of codes as one picture: nothing)."""
_WHITEN = [v if v <= PAPER else 255 for v in range(256)]


def blank_table(im: Image.Image, grid: Grid) -> Image.Image:
    """A copy of the page with the table's area white (the table is read by :func:`read_columns`)."""
    out = im.copy()
    ImageDraw.Draw(out).rectangle((grid.cols[0], grid.edges[0], grid.cols[-1], grid.edges[-1]), fill=255)
    return out


def has_ink(im: Image.Image) -> bool:
    """Whether a grey image holds anything darker than paper (on 4x4 blocks, as the content box)."""
    small = im.reduce(4) if min(im.size) >= 32 else im
    return small.point(lambda v: 255 if v < 128 else 0).getbbox() is not None


def _framed(crop: Image.Image) -> Image.Image:
    framed = Image.new("L", (crop.width + 2 * FRAME, crop.height + 2 * FRAME), 255)
    framed.paste(crop, (FRAME, FRAME))
    return framed


def read_columns(im: Image.Image, grid: Grid, config: IngestConfig, *, path: str, page: int, workdir: str,
                 deadline: float, options: str = "") -> list[_Word]:
    """Words of the table of ``im`` (rules erased), each column read as one strip; boxes in page pixels.

    Tesseract's (block, paragraph, line) keys are made unique per strip, so lines never join
    across columns before :func:`ingest.ocr_layout.lines_from_words` puts them in rows.
    """
    top, bottom = grid.edges[0], grid.edges[-1]
    files: list[tuple[str, tuple[int, int]]] = []
    for c in range(len(grid.cols) - 1):
        x0, x1 = grid.cols[c] + INSET[0], grid.cols[c + 1] - INSET[1]
        if x1 - x0 < 10 or bottom - top < 10:
            continue
        raw = safe_crop(im, (x0, top, x1, bottom))
        if raw is None:
            continue
        strip = raw.point(_WHITEN)
        if not has_ink(strip):
            continue
        name = os.path.join(workdir, f"page-{page}-col-{c}.pgm")
        files.append((save_for_ocr(_framed(strip), name), (x0 - FRAME, top - FRAME)))
    if not files:
        return []
    listing = os.path.join(workdir, f"page-{page}-cols.txt")
    with open(listing, "w", encoding="utf-8") as fh:
        fh.write("".join(f"{f}\n" for f, _ in files))
    remaining = deadline - time.monotonic()
    try:
        if remaining <= 0:
            raise OCRTimeoutError(f"OCR quá thời gian {config.page_timeout:g} s (trước khi đọc bảng)",
                                  path=path, page=page)
        tsv = _exec.tesseract_tsv(listing, lang=config.lang, timeout=remaining, config=f"{options} {CELL_CONFIG}".strip(),
                                  path=path, page=page)
    except OCRTimeoutError as exc:
        raise OCRTimeoutError(f"OCR quá thời gian {config.page_timeout:g} s", path=path, page=page) from exc
    finally:
        for f, _ in files:
            _remove(f)
        _remove(listing)
    words = parse_tsv(tsv, path=path, page=page)
    for w in words:
        ox, oy = files[w.image - 1][1] if 1 <= w.image <= len(files) else (0, 0)
        w.x0, w.x1, w.top, w.bottom = w.x0 + ox, w.x1 + ox, w.top + oy, w.bottom + oy
        w.key = (w.image * 100_000 + w.key[0], w.key[1], w.key[2])
    return words


def cell_reader(im: Image.Image, config: IngestConfig, *, path: str, page: int, workdir: str,
                deadline: float) -> Callable[[list[tuple[int, int, int, int]]], list[tuple[str, float] | None]]:
    """OCR of table cells, each on its own (``--psm 6``: a cell is one uniform block, no rules left).

    All the cells of a page go to one tesseract run as a list of images (one TSV page each): the
    language model is loaded once instead of once per cell, which cost more than reading them.
    """

    def read(boxes: list[tuple[int, int, int, int]]) -> list[tuple[str, float] | None]:
        out: list[tuple[str, float] | None] = [None] * len(boxes)
        remaining = deadline - time.monotonic()
        if remaining <= 1:
            return out
        files: list[tuple[int, str]] = []
        for i, (x0, y0, x1, y1) in enumerate(boxes):
            crop = safe_crop(im, inset((x0, y0, x1, y1), INSET[0], INSET[0], INSET[1], INSET[1]))  # may be inverted
            if crop is None or crop.width < 10 or crop.height < 10:
                continue
            files.append((i, save_for_ocr(_framed(crop), os.path.join(workdir, f"page-{page}-cell-{i}.pgm"))))
        if not files:
            return out
        listing = os.path.join(workdir, f"page-{page}-cells.txt")
        with open(listing, "w", encoding="utf-8") as fh:
            fh.write("".join(f"{f}\n" for _, f in files))
        try:
            tsv = _exec.tesseract_tsv(listing, lang=config.lang, timeout=remaining, config=CELL_CONFIG, path=path, page=page)
        except OCRError:
            return out
        finally:
            for _, f in files:
                _remove(f)
            _remove(listing)
        by_image: dict[int, list[_Word]] = {}
        for w in parse_tsv(tsv, path=path, page=page):
            by_image.setdefault(w.image, []).append(w)
        for n, (i, _) in enumerate(files, 1):
            words = sorted(by_image.get(n, []), key=lambda w: (w.key, w.x0))
            if words:
                out[i] = (" ".join(w.text for w in words), statistics.fmean(w.conf for w in words))
        return out

    return read


def _remove(p: str) -> None:
    try:
        os.remove(p)
    except FileNotFoundError:
        pass
