"""One page image → what OCR reads: photo corrections, orientation, deskew; and the second look
at a poor read that may be of a turned page. The OCR module calls :func:`read_page` once.

The order matters: the outline and lighting are found on the image as it came (they do not
depend on which way the text runs), the orientation on the corrected page, the skew last
(a projection profile only means something once the lines run across).
"""

from __future__ import annotations

import logging
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PIL import Image

from ingest import orient, photo
from ingest._exec import Osd
from ingest.geometry import clamp_page
from ingest.image import CORRECTIONS_KEY, MIN_ROTATION, prepare
from ingest.models import Page, PageGeometry

log = logging.getLogger(__name__)

@dataclass
class Prepared:
    """The image OCR reads (grey, upright, straight; every box of the page refers to it)."""

    image: Image.Image
    rotation: int = 0
    """Degrees turned clockwise to make the text upright."""
    skew: float = 0.0
    corrections: list[str] = field(default_factory=list)
    osd_asked: bool = False
    size: tuple[int, int] = (0, 0)
    """The image as it came, before any correction."""
    outline: photo.Quad | None = None
    """The page outline cut out of it, if one was."""

    def geometry(self) -> PageGeometry:
        """What :func:`replay` needs to make :attr:`image` again from the image as it came."""
        return PageGeometry(size=self.size, outline=self.outline.points() if self.outline else None,
                            skew=round(self.skew, 4) if abs(self.skew) > MIN_ROTATION else 0.0)


def prepare_page(im: Image.Image, *, deskew: bool, osd: Callable[[Image.Image], Osd | None] | None,
                 rotation: int | None = None, corrected: Prepared | None = None) -> tuple[Prepared, Image.Image]:
    """The prepared page, and the corrected page before turning (for a second try at another turn).

    ``rotation`` given: turn by it and ask nobody; else a page that looks sideways asks ``osd``.
    ``corrected``: ``im`` is such a corrected page already, the one this earlier preparation made.
    """
    t0 = time.monotonic()
    done = list(im.info.get(CORRECTIONS_KEY, ()))
    grey = im if im.mode == "L" else im.convert("L")
    size, outline = (corrected.size, corrected.outline) if corrected is not None else (grey.size, None)
    if corrected is None:
        grey, fixed, outline = photo.correct_page(grey)
        done += fixed
    asked = False
    if rotation is None:
        rotation = 0
        if osd is not None and orient.looks_sideways(grey):
            asked = True
            got = osd(grey)
            if got is not None and got.confidence >= orient.OSD_MIN_CONFIDENCE:
                rotation = got.rotate
    turned = orient.turn(grey, rotation)
    out, angle = prepare(turned, straighten=deskew)
    if rotation:
        done.append(f"rotated_{rotation}")
    log.debug("preprocess: %s, rotation %d, skew %.2f°, %.3f s", done or "nothing", rotation, angle, time.monotonic() - t0)
    if abs(angle) <= MIN_ROTATION or not deskew:
        angle = 0.0  # left as it was
    return Prepared(image=out, rotation=rotation, skew=angle, corrections=done, osd_asked=asked, size=size,
                    outline=outline), grey


def _mean_conf(page: Page) -> float:
    confs = [w.conf for ln in page.lines for w in ln.words if w.conf is not None]
    return statistics.fmean(confs) if confs else 0.0


def read_page(im: Image.Image, *, deskew: bool, read: Callable[[Prepared], Page],
              osd: Callable[[Image.Image], Osd | None] | None) -> Page:
    """Prepare ``im``, OCR it with ``read`` (given the prepared page) and record on the page what was done.

    A read that looks like a turned page's (:func:`orient.read_poorly`) asks ``osd`` once; a
    confident answer other than upright is read again turned, and the better read is kept.
    """
    prep, base = prepare_page(im, deskew=deskew, osd=osd)
    page = read(prep)
    if osd is not None and not prep.osd_asked and orient.read_poorly(page):
        got = osd(prep.image)
        if got is not None and got.rotate and got.confidence >= orient.OSD_MIN_CONFIDENCE:
            rotation = (prep.rotation + got.rotate) % 360
            again, _ = prepare_page(base, deskew=deskew, osd=None, rotation=rotation, corrected=prep)
            again.corrections = [c for c in prep.corrections if not c.startswith("rotated_")] + (
                [f"rotated_{rotation}"] if rotation else [])
            second = read(again)
            if _mean_conf(second) > _mean_conf(page):
                page, prep = second, again
    page.rotation = prep.rotation  # type: ignore[assignment]
    page.corrections = prep.corrections
    page.geometry = prep.geometry()
    return clamp_page(page)


def ocr_grey(im: Image.Image) -> Image.Image:
    """The grey image OCR starts from: a colour page read without its coloured ink (red seals, blue
    signatures: :func:`ingest.photo.drop_colour_ink`, recorded in ``info``), any other just grey."""
    if im.mode == "L":
        return im
    red = photo.drop_colour_ink(im) if im.mode in ("RGB", "CMYK", "YCbCr") else None
    if red is None:
        grey = im.convert("L")
        grey.info[CORRECTIONS_KEY] = list(im.info.get(CORRECTIONS_KEY, ()))
        return grey
    red.info[CORRECTIONS_KEY] = [*im.info.get(CORRECTIONS_KEY, ()), "colour_ink_removed"]
    return red


def replay(im: Image.Image, geometry: PageGeometry, rotation: int) -> Image.Image:
    """The page's corrected image made again from ``im``, the page image as loaded (grey or colour):
    the outline cut out, the quarter turns, the deskew, as :func:`read_page` did them.

    Lighting and coloured ink are left as they are: the result shows the page, in its own colours,
    with every box of the page where OCR found it. ``im`` of another size is scaled to
    ``geometry.size`` first.
    """
    if im.size != geometry.size:
        im = im.resize(geometry.size, Image.Resampling.BILINEAR)
    if geometry.outline is not None:
        got = photo.unwarp(im, photo.Quad(*geometry.outline))
        if got is not None:
            im = got[0]
    im = orient.turn(im, rotation)
    if geometry.skew:
        white = 255 if len(im.getbands()) == 1 else (255,) * len(im.getbands())
        im = im.rotate(-geometry.skew, resample=Image.Resampling.NEAREST, fillcolor=white)
    return im
