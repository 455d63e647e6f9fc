"""OCR of scanned PDF pages and image files: rasterize, prepare, run Tesseract, rebuild lines.

Each page is rasterized to PGM (pdftoppm, one page at a time), straightened, written once
to a temp file and given to Tesseract as a path. A page with a ruled table is read in two runs:
the page without its table, and the table column by column (:mod:`ingest.ocr_cells`). Lines
are rebuilt from the words (:mod:`ingest.ocr_layout`). Pages run on ``config.jobs`` threads,
each driving one single-threaded tesseract process (:mod:`ingest.ocr_schedule`).
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterator

from PIL import Image

from ingest import _exec
from ingest.config import IngestConfig
from ingest.errors import InputError, InternalError, LimitExceededError, OCRError, OCRTimeoutError, TieuchiError
from ingest.geometry import clamp_box
from ingest.grid import apply_grid, erase_grid, find_grid
from ingest.image import check_size, content_box, frame_count, iter_frames, open_image, save_for_ocr
from ingest.models import Document, Page, PageError
from ingest.ocr_cells import blank_table, cell_reader, has_ink, read_columns
from ingest.ocr_layout import (  # noqa: F401  (re-exported: the names this module always had)
    CELL_GAP_CHARS,
    CELL_GAP_PX_300DPI,
    ROW_OVERLAP,
    _Word,
    cell_gap,
    char_width,
    lines_from_words,
    page_from_tsv,
    page_from_words,
    parse_tsv,
)
from ingest.ocr_schedule import _drain, _page_error, _run_pages  # noqa: F401  (re-exported)
from ingest.preprocess import Prepared, ocr_grey, read_page

log = logging.getLogger(__name__)

_cell_reader = cell_reader
"""The second pass's reader under its old name."""

TESSERACT_CONFIG = ""
"""Extra tesseract options. Default page segmentation (psm 3): ``--psm 6`` destroys ruled tables."""
DECLARE_PDF_DPI = False
"""Tell tesseract the rasterizing dpi of PDF pages? Left to estimate it, it read more numbers on
the dev corpus scans (tables: 51/61 against 46/61 with ``--dpi 300``; prose equal). Image files
always get the dpi they declare, as tesseract would read it from the file itself."""

ORIENT = True
"""Detect pages turned 90/180/270° (``ingest.orient``: a cheap test, then Tesseract OSD) and turn them."""


# ---------------------------------------------------------------------------- one page


def _options(dpi: int | None, declare_dpi: bool) -> str:
    return f"--dpi {dpi} {TESSERACT_CONFIG}".strip() if dpi and declare_dpi else TESSERACT_CONFIG


def _tesseract_words(pgm: str, number: int, config: IngestConfig, *, path: str, deadline: float, options: str,
                     origin: tuple[int, int] = (0, 0)) -> list[_Word]:
    """Tesseract on a prepared PGM within the page's remaining time budget; words in page pixels."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise OCRTimeoutError(f"OCR quá thời gian {config.page_timeout:g} s (trước khi tesseract chạy)", path=path, page=number)
    t0 = time.monotonic()
    try:
        tsv = _exec.tesseract_tsv(pgm, lang=config.lang, timeout=remaining, config=options, path=path, page=number)
    except OCRTimeoutError as exc:  # name the page's budget, not what was left of it
        raise OCRTimeoutError(f"OCR quá thời gian {config.page_timeout:g} s", path=path, page=number) from exc
    words = parse_tsv(tsv, path=path, page=number, origin=origin)
    log.debug("%s page %d: tesseract %.2f s, %d words", path, number, time.monotonic() - t0, len(words))
    return words


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
    words = _tesseract_words(pgm, number, config, path=path, deadline=deadline, options=_options(dpi, declare_dpi),
                             origin=origin)
    return page_from_words(words, number, size[0], size[1], dpi)


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
    """Find and erase a ruled table, OCR the page without it, read the table by its columns.

    PGM carries no resolution; ``declare_dpi`` passes ``dpi`` on (an image file's own dpi: left
    to guess, tesseract took a 300 dpi ruled table for 440 dpi and dropped half its cells).
    """
    t0 = time.monotonic()
    grid = find_grid(prepared)
    if grid is not None:
        prepared = erase_grid(prepared, grid)
    table_image = prepared if grid is not None else None  # read by its columns, unsure cells again
    page_image = blank_table(prepared, grid) if grid is not None else prepared
    size = prepared.size
    del prepared
    options = _options(dpi, declare_dpi)
    words: list[_Word] = []
    if grid is None or has_ink(page_image):
        box = clamp_box(content_box(page_image), page_image.width, page_image.height) or (0, 0, *page_image.size)
        pgm = save_for_ocr(page_image.crop(box) if box != (0, 0, *page_image.size) else page_image,
                           os.path.join(workdir, f"page-{number}-ocr.pgm"))
        log.debug("%s page %d: table search and crop in %.2f s", path, number, time.monotonic() - t0)
        del page_image
        try:
            words = _tesseract_words(pgm, number, config, path=path, deadline=deadline, options=options,
                                     origin=(box[0], box[1]))
        finally:
            _remove(pgm)
    if grid is not None and table_image is not None:
        words += read_columns(table_image, grid, config, path=path, page=number, workdir=workdir, deadline=deadline,
                              options=options)
    page = page_from_words(words, number, size[0], size[1], dpi)
    if grid is not None and table_image is not None:
        reocr = _cell_reader(table_image, config, path=path, page=number, workdir=workdir, deadline=deadline)
        page.lines = apply_grid(page.lines, grid, number, reocr=reocr)
    return page


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
    grey = pdf_page_image(path, number, config.dpi, config, base)
    page = _prepare_and_ocr(grey, number, config.dpi, config, path=path, workdir=workdir, deadline=deadline,
                            declare_dpi=DECLARE_PDF_DPI)
    if page.geometry is not None:
        page.geometry.dpi = config.dpi
    return page


def pdf_page_image(path: str, number: int, dpi: int, config: IngestConfig, base: str, *, grey: bool = True) -> Image.Image:
    """Page ``number`` of a PDF rasterized at ``dpi``, as OCR starts from it: in colour when the page
    draws a colour image, then read without its coloured ink (a red seal over the text of a
    scanned page: :func:`ingest.preprocess.ocr_grey`), else grey. ``grey=False``: the rendering as
    it is (a crop shown in the page's colours)."""
    raster = _exec.rasterize_page(path, number, base, dpi=dpi, password=config.password, timeout=config.page_timeout,
                                  colour=None)
    try:
        im = open_image(raster, path=path, max_pixels=config.max_pixels)
        im.load()  # reads the pixels and closes the file, so the PGM can go
    except InputError as exc:
        raise OCRError(f"không đọc được ảnh trang đã dựng: {exc.detail}", path=path, page=number) from exc
    finally:
        _remove(raster)
    return ocr_grey(im) if grey else im


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
        raise LimitExceededError(f"tệp PDF có {info.pages} trang, quá giới hạn {config.max_pages} trang (--max-pages)", path=path)
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
            raise LimitExceededError(f"ảnh có {count} trang, quá giới hạn {config.max_pages} trang (--max-pages)", path=path)
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
