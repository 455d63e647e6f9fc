"""Pages turned 90°, 180° or 270°: found cheaply, confirmed by Tesseract OSD, turned before OCR.

Most pages are upright, so nothing here may cost them much:

* before OCR, :func:`looks_sideways` compares the ink profile across rows with the one across
  columns on a small copy of the page (a few milliseconds): lines of text make the rows
  uneven; a page turned 90° makes the columns uneven instead. Only then is OSD asked.
* after OCR, :func:`read_poorly` looks at the words: an upside-down page comes back as
  confident-looking nonsense of mean confidence about 48, an upright one at 85–96. Only such a
  read asks OSD, and only a confident OSD answer other than 0 is followed by a second OCR.

OSD answers how far to turn the image *clockwise* to make it upright; so does ``Page.rotation``.
"""

from __future__ import annotations

from PIL import Image, ImageOps

from ingest.models import Page

PROBE_SIDE = 600
"""The profiles are measured on a copy whose longer side is at most about this many pixels."""
SIDEWAYS_RATIO = 1.6
"""Columns this many times more uneven than rows: ask OSD whether the page is turned 90°."""
POOR_CONF = 70.0
"""Mean word confidence below which a read may be of a turned page."""
MIN_WORDS = 25
"""Fewer words than this: too little text to judge (or for OSD to tell)."""
OSD_MIN_CONFIDENCE = 2.0
"""OSD's orientation confidence needed to turn a page (Tesseract's own tools use 2)."""


def _unevenness(values: list[int]) -> float:
    n = len(values)
    if n < 2:
        return 0.0
    mean = sum(values) / n
    if mean <= 0:
        return 0.0
    # mean squared difference of neighbours: high for alternating text lines and gaps, low for a
    # smooth profile (columns of prose, a mostly blank band); relative to the mean ink
    return sum((a - b) ** 2 for a, b in zip(values, values[1:], strict=False)) / (n - 1) / (mean * mean)


def profile_scores(im: Image.Image) -> tuple[float, float]:
    """(row unevenness, column unevenness) of the ink of a grey page."""
    grey = im if im.mode == "L" else im.convert("L")
    factor = max(1, max(grey.size) // PROBE_SIDE)
    small = grey.reduce(factor) if factor > 1 else grey
    ink = ImageOps.invert(small).point(lambda v: 0 if v < 64 else 255)
    box = ink.getbbox()
    if box is None:
        return 0.0, 0.0
    ink = ink.crop(box)
    rows = list(ink.resize((1, ink.height), Image.Resampling.BOX).tobytes())
    cols = list(ink.resize((ink.width, 1), Image.Resampling.BOX).tobytes())
    return _unevenness(rows), _unevenness(cols)


def looks_sideways(im: Image.Image) -> bool:
    """Whether the text of a grey page seems to run vertically (the page is turned 90° or 270°)."""
    rows, cols = profile_scores(im)
    return cols > SIDEWAYS_RATIO * rows and cols > 0.05


def read_poorly(page: Page) -> bool:
    """Whether an OCR result looks like a turned page's: enough words, low mean confidence."""
    confs = [w.conf for ln in page.lines for w in ln.words if w.conf is not None]
    if len(confs) < MIN_WORDS:
        return False
    return sum(confs) / len(confs) < POOR_CONF


def turn(im: Image.Image, rotate: int) -> Image.Image:
    """``im`` turned ``rotate`` degrees clockwise (a multiple of 90; lossless)."""
    rotate %= 360
    if rotate == 90:
        return im.transpose(Image.Transpose.ROTATE_270)
    if rotate == 180:
        return im.transpose(Image.Transpose.ROTATE_180)
    if rotate == 270:
        return im.transpose(Image.Transpose.ROTATE_90)
    return im
