"""OCR of scanned PDF pages and image files: rasterize, prepare, run Tesseract, rebuild lines.

Each page is rasterized to PGM (pdftoppm, one page at a time), straightened, written once
to a temp file and given to Tesseract as a path. Tesseract's TSV keeps every word's box and
confidence; lines are rebuilt from the words as visual rows, and a row whose words are
separated by wide gaps (a table row) also gets its ``cells``. Pages run on ``config.jobs``
threads, each driving one single-threaded tesseract process.
"""

from __future__ import annotations

import logging
import os
import re
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from PIL import Image

from ingest import _exec
from ingest.config import IngestConfig
from ingest.errors import (
    InputError,
    InternalError,
    LimitExceededError,
    MissingDependencyError,
    OCRError,
    OCRTimeoutError,
    TieuchiError,
)
from ingest.geometry import clamp_box, inset, safe_crop
from ingest.grid import apply_grid, erase_grid, find_grid
from ingest.image import check_size, content_box, frame_count, iter_frames, open_image, save_for_ocr
from ingest.models import Document, Line, Page, PageError, Word
from ingest.normalize import nfc
from ingest.preprocess import Prepared, read_page

log = logging.getLogger(__name__)

TESSERACT_CONFIG = ""
"""Extra tesseract options. Default page segmentation (psm 3): ``--psm 6`` destroys ruled tables."""
DECLARE_PDF_DPI = False
"""Tell tesseract the rasterizing dpi of PDF pages? Left to estimate it, it read more numbers on
the dev corpus scans (tables: 51/61 against 46/61 with ``--dpi 300``; prose equal). Image files
always get the dpi they declare, as tesseract would read it from the file itself."""

ORIENT = True
"""Detect pages turned 90/180/270° (``ingest.orient``: a cheap test, then Tesseract OSD) and turn them."""

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


# ---------------------------------------------------------------------------- TSV to lines


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


def page_from_tsv(tsv: str, number: int, width: int, height: int, dpi: int | None, *, path: str | None = None,
                  origin: tuple[int, int] = (0, 0)) -> Page:
    """A :class:`Page` (unit px) from tesseract TSV of a page of ``width`` x ``height`` pixels
    (of its crop at ``origin``)."""
    words = parse_tsv(tsv, path=path, page=number, origin=origin)
    lines = lines_from_words(words, number, dpi)
    return Page(
        number=number,
        lines=lines,
        width=float(width),
        height=float(height),
        unit="px",
        source="ocr",
        conf=round(statistics.fmean(w.conf for w in words), 2) if words else None,
    )


# ---------------------------------------------------------------------------- one page


def _ocr_prepared(
    pgm: str,
    number: int,
    size: tuple[int, int],
    dpi: int | None,
    config: IngestConfig,
    *,
    path: str,
    deadline: float,
    declare_dpi: bool,
    origin: tuple[int, int] = (0, 0),
) -> Page:
    """Tesseract on a prepared PGM within the page's remaining time budget.

    PGM carries no resolution; ``declare_dpi`` passes ``dpi`` on (an image file's own dpi: left
    to guess, tesseract took a 300 dpi ruled table for 440 dpi and dropped half its cells).
    """
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise OCRTimeoutError(f"OCR timed out after {config.page_timeout:g} s (before tesseract started)", path=path, page=number)
    options = f"--dpi {dpi} {TESSERACT_CONFIG}".strip() if dpi and declare_dpi else TESSERACT_CONFIG
    t0 = time.monotonic()
    try:
        tsv = _exec.tesseract_tsv(pgm, lang=config.lang, timeout=remaining, config=options, path=path, page=number)
    except OCRTimeoutError as exc:  # name the page's budget, not what was left of it
        raise OCRTimeoutError(f"OCR timed out after {config.page_timeout:g} s", path=path, page=number) from exc
    page = page_from_tsv(tsv, number, size[0], size[1], dpi, path=path, origin=origin)
    log.debug("%s page %d: tesseract %.2f s, %d lines, conf %s", path, number, time.monotonic() - t0, len(page.lines), page.conf)
    return page


def _prepare_and_ocr(
    im: Image.Image,
    number: int,
    dpi: int | None,
    config: IngestConfig,
    *,
    path: str,
    workdir: str,
    deadline: float,
    declare_dpi: bool = True,
) -> Page:
    """Prepare the page (photo corrections, orientation, deskew: ``ingest.preprocess``) and OCR it.

    An unexpected exception (a bug) leaves as :class:`InternalError` naming the page, so that the
    document's record says where it happened.
    """
    try:

        def osd(image: Image.Image) -> _exec.Osd | None:
            probe = save_for_ocr(image, os.path.join(workdir, f"page-{number}-osd.pgm"))
            try:
                return _exec.tesseract_osd(probe, timeout=max(1.0, deadline - time.monotonic()), path=path, page=number)
            finally:
                _remove(probe)

        def read(prep: Prepared) -> Page:
            # a photo's page outline was made the image: the file's dpi (a phone's 72) says nothing of it
            page_dpi = None if "perspective" in prep.corrections else dpi
            return _ocr_page_image(prep.image, number, page_dpi, config, path=path, workdir=workdir, deadline=deadline,
                                   declare_dpi=declare_dpi)

        return read_page(im, deskew=config.deskew, read=read, osd=osd if ORIENT else None)
    except (TieuchiError, InternalError):
        raise
    except Exception as exc:  # noqa: BLE001 - a bug: the document's record names this page
        raise InternalError(exc, path=path, page=number) from exc


def _ocr_page_image(prepared: Image.Image, number: int, dpi: int | None, config: IngestConfig, *, path: str,
                    workdir: str, deadline: float, declare_dpi: bool) -> Page:
    """Find and erase a ruled table, write the content as PGM, OCR it, remove it, rebuild the table."""
    t0 = time.monotonic()
    grid = find_grid(prepared)
    if grid is not None:
        prepared = erase_grid(prepared, grid)
    box = clamp_box(content_box(prepared), prepared.width, prepared.height) or (0, 0, *prepared.size)
    pgm = save_for_ocr(prepared.crop(box) if box != (0, 0, *prepared.size) else prepared,
                       os.path.join(workdir, f"page-{number}-ocr.pgm"))
    size = prepared.size
    log.debug("%s page %d: table search and crop in %.2f s", path, number, time.monotonic() - t0)
    table_image = prepared if grid is not None else None  # kept only for re-reading unsure table cells
    del prepared
    try:
        page = _ocr_prepared(pgm, number, size, dpi, config, path=path, deadline=deadline, declare_dpi=declare_dpi,
                             origin=(box[0], box[1]))
    finally:
        _remove(pgm)
    if grid is not None and table_image is not None:
        reocr = _cell_reader(table_image, config, path=path, page=number, workdir=workdir, deadline=deadline)
        page.lines = apply_grid(page.lines, grid, number, reocr=reocr)
    return page


def _cell_reader(im: Image.Image, config: IngestConfig, *, path: str, page: int, workdir: str,
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
            crop = safe_crop(im, inset((x0, y0, x1, y1), 6, 6, 4, 4))  # a narrow cell's inset box is inverted
            if crop is None or crop.width < 10 or crop.height < 10:
                continue
            framed = Image.new("L", (crop.width + 40, crop.height + 40), 255)
            framed.paste(crop, (20, 20))
            files.append((i, save_for_ocr(framed, os.path.join(workdir, f"page-{page}-cell-{i}.pgm"))))
        if not files:
            return out
        listing = os.path.join(workdir, f"page-{page}-cells.txt")
        with open(listing, "w", encoding="utf-8") as fh:
            fh.write("".join(f"{f}\n" for _, f in files))
        try:
            tsv = _exec.tesseract_tsv(listing, lang=config.lang, timeout=remaining, config="--psm 6", path=path, page=page)
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


def _pdf_page(path: str, number: int, info: _exec.PdfInfo, config: IngestConfig, workdir: str) -> Page:
    """Rasterize, prepare and OCR one PDF page."""
    deadline = time.monotonic() + config.page_timeout
    w_pt, h_pt = info.sizes.get(number, (0.0, 0.0))
    if w_pt and h_pt:
        scale = config.dpi / 72.0
        check_size((round(w_pt * scale), round(h_pt * scale)), path=path, max_pixels=config.max_pixels, page=number)
    base = os.path.join(workdir, f"page-{number}")
    pgm = _exec.rasterize_page(path, number, base, dpi=config.dpi, password=config.password, timeout=config.page_timeout)
    try:
        im = open_image(pgm, path=path, max_pixels=config.max_pixels)
        im.load()  # reads the pixels and closes the file, so the PGM can go
        grey = im if im.mode == "L" else im.convert("L")
    except InputError as exc:
        raise OCRError(f"cannot read rasterized page: {exc.detail}", path=path, page=number) from exc
    finally:
        _remove(pgm)
    return _prepare_and_ocr(grey, number, config.dpi, config, path=path, workdir=workdir, deadline=deadline, declare_dpi=DECLARE_PDF_DPI)


# ---------------------------------------------------------------------------- scheduling


def _page_error(exc: TieuchiError, number: int) -> PageError:
    return PageError(page=number, kind=exc.kind, message=str(exc))


def _run_pages(tasks: Iterator[tuple[int, Callable[[], Page]]], jobs: int) -> tuple[list[Page], list[PageError]]:
    """Run page tasks on ``jobs`` threads; a page's typed error becomes a PageError.

    A missing dependency stops everything (every other page would fail the same way). At most
    ``2 * jobs`` tasks are queued, so a long input never has all its page images pending.
    """
    pages: list[Page] = []
    errors: list[PageError] = []

    def collect(fut: Future[Page], number: int) -> None:
        try:
            pages.append(fut.result())
        except MissingDependencyError:
            raise
        except TieuchiError as exc:
            log.warning("%s", exc)
            errors.append(_page_error(exc, number))

    if jobs <= 1:
        for number, task in tasks:
            done: Future[Page] = Future()
            try:
                done.set_result(task())
            except TieuchiError as exc:
                done.set_exception(exc)
            collect(done, number)
    else:
        pending: dict[Future[Page], int] = {}
        with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="tieuchi-ocr") as pool:
            try:
                for number, task in tasks:
                    while len(pending) >= 2 * jobs:
                        _drain(pending, collect, block=True)
                    pending[pool.submit(task)] = number
                    _drain(pending, collect, block=False)
                while pending:
                    _drain(pending, collect, block=True)
            except BaseException:
                for fut in pending:
                    fut.cancel()
                raise
    pages.sort(key=lambda p: p.number)
    errors.sort(key=lambda e: e.page or 0)
    return pages, errors


def _drain(pending: dict[Future[Page], int], collect: Callable[[Future[Page], int], None], *, block: bool) -> None:
    """Collect finished tasks (waiting for at least one when ``block``)."""
    if not pending:
        return
    done, _ = wait(list(pending), timeout=None if block else 0, return_when=FIRST_COMPLETED)
    for fut in done:
        collect(fut, pending.pop(fut))


# ---------------------------------------------------------------------------- public


def ocr_pdf_pages(path: str, page_numbers: list[int], config: IngestConfig) -> tuple[list[Page], list[PageError]]:
    """OCR the given 1-based pages of a PDF.

    Pages that fail (timeout, tesseract error) become PageError items (kind 'ocr_timeout'/
    'ocr_failed', message naming file and page), never exceptions; missing tesseract/vie data
    raises MissingDependencyError. An unreadable or encrypted PDF raises InputError /
    EncryptedPDFError, more than ``config.max_pages`` pages LimitExceededError.
    """
    _exec.check_tesseract(config.lang)
    _exec.check_poppler()
    info = _exec.pdf_info(path, config.password)
    if info.pages > config.max_pages:
        raise LimitExceededError(f"PDF has {info.pages} pages, more than the limit of {config.max_pages}", path=path)
    wanted = sorted(set(page_numbers))
    bad = [n for n in wanted if not 1 <= n <= info.pages]
    if bad:
        raise ValueError(f"{path}: pages {bad} out of range 1..{info.pages}")
    if not wanted:
        return [], []
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="tieuchi-ocr-") as workdir:

        def tasks() -> Iterator[tuple[int, Callable[[], Page]]]:
            for n in wanted:
                yield n, lambda n=n: _pdf_page(path, n, info, config, workdir)  # type: ignore[misc]

        pages, errors = _run_pages(tasks(), min(config.jobs, len(wanted)))
    log.info("%s: OCR of %d pages in %.1f s (%d failed, jobs=%d)", path, len(wanted), time.monotonic() - t0, len(errors), config.jobs)
    return pages, errors


def ocr_image_file(image_path: str, page_number: int, config: IngestConfig) -> Page:
    """OCR one image file (its first frame) as page ``page_number``; failures raise typed errors."""
    _exec.check_tesseract(config.lang)
    deadline = time.monotonic() + config.page_timeout
    im = open_image(image_path, path=image_path, max_pixels=config.max_pixels)
    with im, tempfile.TemporaryDirectory(prefix="tieuchi-ocr-") as workdir:
        frame = next(iter_frames(im, path=image_path, max_pixels=config.max_pixels))
        return _prepare_and_ocr(frame.image, page_number, frame.dpi, config, path=image_path, workdir=workdir, deadline=deadline)


def read_image(path: str, data: bytes, sha256: str, config: IngestConfig) -> Document:
    """OCR a PNG/JPEG/TIFF (a multi-page TIFF gives several pages), EXIF rotation honoured."""
    _exec.check_tesseract(config.lang)
    im = open_image(data, path=path, max_pixels=config.max_pixels)
    t0 = time.monotonic()
    with im, tempfile.TemporaryDirectory(prefix="tieuchi-ocr-") as workdir:
        count = frame_count(im)
        if count > config.max_pages:
            raise LimitExceededError(f"image has {count} pages, more than the limit of {config.max_pages}", path=path)
        late_errors: list[PageError] = []

        def tasks() -> Iterator[tuple[int, Callable[[], Page]]]:
            frames = iter_frames(im, path=path, max_pixels=config.max_pixels)
            number = 0
            while True:
                try:
                    frame = next(frames)
                except StopIteration:
                    return
                except TieuchiError as exc:
                    if number == 0:
                        raise
                    # A later frame is unreadable: keep the pages before it, record this one.
                    late_errors.append(_page_error(exc, number + 1))
                    return
                number = frame.index + 1

                def task(frame_image: Image.Image = frame.image, n: int = number, dpi: int | None = frame.dpi) -> Page:
                    return _prepare_and_ocr(
                        frame_image, n, dpi, config, path=path, workdir=workdir, deadline=time.monotonic() + config.page_timeout
                    )

                yield number, task

        pages, errors = _run_pages(tasks(), min(config.jobs, count))
    errors = sorted(errors + late_errors, key=lambda e: e.page or 0)
    log.info("%s: OCR of %d image pages in %.1f s (%d failed)", path, count, time.monotonic() - t0, len(errors))
    return Document(path=path, sha256=sha256, kind="image", pages=pages, errors=errors)
