"""PNG crops of each criterion's evidence region, so a reviewer can look instead of read.

A box refers to the page as it was read: a text page in PDF points, an OCR'd page in pixels of
the *corrected* page image (a photo's outline made a rectangle, dark edges cut off, a turned
page turned upright, the skew taken out: ``ingest.preprocess``). So an OCR'd page is made again
the way OCR made it before it is cut: rendered at the OCR resolution and corrected by the page's
``geometry`` and ``rotation`` when the caller has the document's pages (:func:`write_crops`'
``pages``), or else by the same corrections found again on the same pixels (deterministic), the
turn checked by reading the criterion's box and finding its evidence words in it (a page that
ingest only turned after a poor first read, as upside-down pages are, is found that way too).
The crop shows the page in its own colours (the seal OCR read past stays visible). The review
app's page regions come from :func:`page_view` too.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from extractors.record import CriterionRecord, ReportRecord
from ingest import _exec, orient
from ingest.config import IngestConfig
from ingest.errors import InputError
from ingest.image import iter_frames, open_image
from ingest.models import Page, PageGeometry
from ingest.ocr import pdf_page_image
from ingest.preprocess import Prepared, ocr_grey, prepare_page, replay
from tieuchi.errors import TieuchiError

log = logging.getLogger(__name__)
CROP_DPI = 150
MARGIN = 12
MATCH = 0.5
"""Share of a box's evidence words that reading the crop must find for the turn to be taken as right
(without evidence: the read's mean confidence / 100, as ``ingest.orient.POOR_CONF``)."""
_WORD = re.compile(r"\w{3,}")


@dataclass
class PageView:
    """A page image (grey or RGB) on which the record's boxes lie at ``box * scale`` pixels."""

    image: Image.Image
    scale: float
    corrected: bool = False
    """The image was corrected the way OCR's was (an OCR'd page)."""


def _is_pdf(source: str) -> bool:
    with open(source, "rb") as fh:
        return b"%PDF-" in fh.read(1024)


def _words(text: str) -> set[str]:
    norm = unicodedata.normalize("NFC", text).lower()
    return {w for w in _WORD.findall(norm) if not w.isdigit()}


def _read_share(im: Image.Image, box: tuple[float, float, float, float], evidence: str, workdir: str,
                lang: str) -> float:
    """Share of ``evidence``'s words that tesseract reads in ``box`` of ``im``; without evidence words,
    the read's mean confidence / 100 (text read the right way up: 0.85-0.96; upside down: ~0.5).
    0 when nothing can be read."""
    want = _words(evidence)
    x0, y0, x1, y1 = box
    clip = (max(0, int(x0) - MARGIN), max(0, int(y0) - MARGIN), min(im.width, int(x1) + MARGIN),
            min(im.height, int(y1) + MARGIN))
    if clip[2] - clip[0] < 8 or clip[3] - clip[1] < 8:
        return 0.0
    pgm = os.path.join(workdir, "check.pgm")
    im.crop(clip).convert("L").save(pgm, format="PPM")
    try:
        tsv = _exec.tesseract_tsv(pgm, lang=lang, timeout=30.0, config="--psm 6")
    except TieuchiError as e:
        log.debug("crop check: %s", e)
        return 0.0
    finally:
        os.remove(pgm)
    got: set[str] = set()
    confs: list[float] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) >= 12 and cols[11].strip():
            got |= _words(cols[11])
            confs.append(float(cols[10]))
    if not want:
        return sum(confs) / len(confs) / 100.0 if len(confs) >= 3 else 0.0
    return len(want & got) / len(want)


def _found_again(grey: Image.Image, check: tuple[tuple[float, float, float, float], str] | None, workdir: str,
                 lang: str) -> tuple[PageGeometry, int]:
    """The corrections OCR made to this page, found again on the same pixels; the turn checked on
    ``check`` (a box and its evidence text) against the other three when it does not read there."""

    def osd(image: Image.Image) -> _exec.Osd | None:
        probe = os.path.join(workdir, "osd.pgm")
        image.save(probe, format="PPM")
        try:
            return _exec.tesseract_osd(probe, timeout=30.0)
        except TieuchiError:
            return None
        finally:
            os.remove(probe)

    prep, base = prepare_page(grey, deskew=True, osd=osd)
    if check is None:
        return prep.geometry(), prep.rotation
    box, evidence = check
    needed = MATCH if _words(evidence) else orient.POOR_CONF / 100.0
    best: tuple[float, Prepared] = (_read_share(prep.image, box, evidence, workdir, lang), prep)
    for turn in (180, 90, 270):
        if best[0] >= needed:
            break
        again, _ = prepare_page(base, deskew=True, osd=None, rotation=(prep.rotation + turn) % 360, corrected=prep)
        share = _read_share(again.image, box, evidence, workdir, lang)
        if share > best[0]:
            best = (share, again)
    return best[1].geometry(), best[1].rotation


def page_view(source: str, page: int, *, bbox_unit: str | None, ocr_dpi: int = 300, text_dpi: int = CROP_DPI,
              password: str | None = None, lang: str = "vie", geometry: PageGeometry | None = None,
              rotation: int = 0, check: tuple[tuple[float, float, float, float], str] | None = None) -> PageView:
    """Page ``page`` (1-based) of ``source`` as its boxes of ``bbox_unit`` refer to it.

    Points ("pt", a text layer): the PDF page rendered at ``text_dpi``. Pixels ("px", OCR): the page
    image as OCR loaded it (a PDF page rendered at ``ocr_dpi``), corrected by ``geometry`` and
    ``rotation`` when given, else by the corrections found again (``check``: a box and its evidence
    words, to confirm the turn). Raises OSError/TieuchiError when the page cannot be rendered.
    """
    config = IngestConfig(dpi=ocr_dpi if bbox_unit == "px" else text_dpi, password=password, lang=lang, jobs=1)
    with tempfile.TemporaryDirectory(prefix="tieuchi-crop-") as work:
        if _is_pdf(source):
            shown = pdf_page_image(source, page, config.dpi, config, str(Path(work) / "p"), grey=False)
            if bbox_unit != "px":
                return PageView(_shown(shown), text_dpi / 72.0)
            if geometry is None:
                geometry, rotation = _found_again(ocr_grey(shown), check, work, lang)
        else:
            with open_image(source, path=source, max_pixels=config.max_pixels) as im:
                if page > 1:
                    im.seek(page - 1)
                shown = ImageOps.exif_transpose(im)
                shown.load()
                if bbox_unit != "px":
                    return PageView(_shown(shown), 1.0)
                if geometry is None:
                    im.seek(0)
                    geometry, rotation = _found_again(_frame_grey(im, page, source, config), check, work, lang)
        return PageView(replay(_shown(shown), geometry, rotation), 1.0, corrected=True)


def _shown(im: Image.Image) -> Image.Image:
    """Grey (and 1-bit) stays grey (a third of the pixels to turn and cut), anything else becomes RGB."""
    return im if im.mode in ("L", "RGB") else im.convert("L" if im.mode == "1" else "RGB")


def _frame_grey(im: Image.Image, page: int, source: str, config: IngestConfig) -> Image.Image:
    """Frame ``page`` of an open image file, grey as OCR read it (``ingest.image.iter_frames``)."""
    for frame in iter_frames(im, path=source, max_pixels=config.max_pixels):
        if frame.index == page - 1:
            return frame.image
    raise InputError(f"không có trang {page}", path=source, page=page)


def _check_for(crits: list[CriterionRecord]) -> tuple[tuple[float, float, float, float], str] | None:
    """The box with the most evidence words on a page, to confirm which way up the page was read."""
    best = max((c for c in crits if c.bbox is not None), key=lambda c: len(_words(c.evidence)), default=None)
    if best is None or best.bbox is None:
        return None
    return best.bbox, best.evidence


def write_crops(rec: ReportRecord, outdir: str, ocr_dpi: int = 300, password: str | None = None,
                codes: set[str] | None = None, pages: Sequence[Page] | None = None, lang: str = "vie") -> list[str]:
    """Write one PNG per criterion that has a box (only ``codes`` when given); sets each criterion's
    ``crop``. Returns the paths. ``pages``: the document's pages, whose recorded geometry then
    corrects OCR'd pages (else the corrections are found again)."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    stem = Path(rec.source).name.replace(".", "_")
    written: list[str] = []
    by_number = {p.number: p for p in pages or ()}
    wanted = [c for c in rec.criteria
              if c.bbox is not None and c.page is not None and (codes is None or c.code in codes)]
    views: dict[int, PageView | None] = {}
    for c in wanted:
        assert c.bbox is not None and c.page is not None
        if c.page not in views:
            known = by_number.get(c.page)
            try:
                views[c.page] = page_view(
                    rec.source, c.page, bbox_unit=c.bbox_unit, ocr_dpi=ocr_dpi, password=password, lang=lang,
                    geometry=known.geometry if known else None, rotation=known.rotation if known else 0,
                    check=_check_for([k for k in wanted if k.page == c.page and k.bbox_unit == "px"]))
            except (OSError, TieuchiError) as e:
                log.warning("%s page %s: no crop: %s", rec.source, c.page, e)
                views[c.page] = None
        view = views[c.page]
        if view is None:
            continue
        im = view.image
        x0, y0, x1, y1 = (v * view.scale for v in c.bbox)
        box = (max(0, int(x0) - MARGIN), max(0, int(y0) - MARGIN),
               min(im.width, int(x1) + MARGIN), min(im.height, int(y1) + MARGIN))
        if box[2] <= box[0] or box[3] <= box[1]:
            continue
        crop = im.crop(box)
        if view.corrected and _is_pdf(rec.source) and ocr_dpi > CROP_DPI:  # as a text page's crop: 150 dpi
            f = CROP_DPI / ocr_dpi
            crop = crop.resize((max(1, round(crop.width * f)), max(1, round(crop.height * f))), Image.Resampling.LANCZOS)
        path = out / f"{stem}_{c.code}_p{c.page}.png"
        crop.save(path)
        c.crop = str(path)
        written.append(str(path))
    return written
