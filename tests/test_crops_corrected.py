"""Crops of corrected pages show the criterion: a page turned 90°, one upside down, a phone photo
and a stamped scanned PDF are read (boxes refer to the corrected image), their crops written, and
each crop read again by real Tesseract must hold its criterion's number and title words.

Before crops replayed the corrections (they rendered the page as it is in the file), these crops
showed the wrong place: turned text, or another part of the page.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from PIL import Image

from extractors import extract
from ingest import _exec, read_document
from ingest.photo import flatten
from tests.conftest import SAMPLES
from tieuchi.crops import page_view, write_crops

PHOTOS = SAMPLES / "photos"
SAMPLES_ = {  # sample: the rotation and corrections its page records
    "a000_p3_rot90.png": 90,
    "s00_p3_rot180.png": 180,
    "a000_p2_photo.jpg": 0,
    "s00_p4_stamp_pdf.scan.pdf": 0,
}


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w{3,}", unicodedata.normalize("NFC", text).lower()))


def _read(png: str, tmp_path) -> str:
    pgm = tmp_path / "read.pgm"
    with Image.open(png) as im:
        grey = im.convert("L")
    (flatten(grey) or grey).save(pgm, format="PPM")  # a photo's crop keeps its shadow: even it out to read it
    tsv = _exec.tesseract_tsv(str(pgm), lang="vie", timeout=60, config="--psm 6")
    return " ".join(r.split("\t")[11] for r in tsv.splitlines()[1:] if len(r.split("\t")) >= 12)


@pytest.mark.ocr
@pytest.mark.parametrize("name", sorted(SAMPLES_))
def test_crops_of_corrected_pages_show_their_criterion(name, tmp_path, catalog):
    src = PHOTOS / name
    doc = read_document(src)
    [page] = doc.pages
    assert page.rotation == SAMPLES_[name] and page.geometry is not None
    rec = extract(doc, catalog)
    # the record alone (extract --crops, batch, the review app): corrections found again
    again = write_crops(rec, str(tmp_path / "again"))
    # with the document's pages: their recorded geometry replayed
    replayed = write_crops(rec.model_copy(deep=True), str(tmp_path / "pages"), pages=doc.pages)
    assert len(again) == len(replayed) == len([c for c in rec.criteria if c.bbox]) >= 5
    for a, b in zip(again, replayed, strict=True):
        with Image.open(a) as x, Image.open(b) as y:
            assert x.size == y.size and x.tobytes() == y.tobytes(), "both ways make the same corrected page"
    by_code = {c.code: c for c in rec.criteria}
    for path in again[:: max(1, len(again) // 3)][:3]:  # three crops across the page
        code = path.rsplit("_", 2)[-2]
        c = by_code[code]
        text = _read(path, tmp_path)
        assert code + "." in text or code + " " in text, (code, text)
        title = _words(c.title)
        assert len(title & _words(text)) >= 0.6 * len(title), (code, c.title, text)


@pytest.mark.ocr
def test_page_view_of_an_ocr_page_has_the_pages_size(catalog):
    """The corrected image made again has exactly the size OCR's had: every box lies where it was read."""
    doc = read_document(PHOTOS / "a000_p2_photo.jpg")
    [page] = doc.pages
    view = page_view(str(PHOTOS / "a000_p2_photo.jpg"), 1, bbox_unit="px", geometry=page.geometry,
                     rotation=page.rotation)
    assert view.corrected and view.image.size == (page.width, page.height) and view.image.mode == "RGB"


@pytest.mark.ocr
def test_review_region_of_an_upside_down_page_marks_its_criterion(tmp_path, catalog):
    """The review app has the stored record only and passes no evidence: the turn of the page is
    confirmed by a confident read of the box; the red box then marks the criterion's lines."""
    import io

    from tieuchi.review.pages import region_png

    src = PHOTOS / "s00_p3_rot180.png"
    rec = extract(read_document(src), catalog)
    c = next(c for c in rec.criteria if c.bbox and len(_words(c.title)) >= 5)
    im = Image.open(io.BytesIO(region_png(str(src), 1, c.bbox, c.bbox_unit))).convert("RGB")
    r, g, b = (ch.load() for ch in im.split())
    red = [(x, y) for y in range(im.height) for x in range(im.width) if r[x, y] > 200 and g[x, y] < 60 and b[x, y] < 60]
    xs, ys = [p[0] for p in red], [p[1] for p in red]
    inside = tmp_path / "inside.png"
    im.crop((min(xs) + 5, min(ys) + 5, max(xs) - 5, max(ys) - 5)).save(inside)
    text = _read(str(inside), tmp_path)
    assert len(_words(c.title) & _words(text)) >= 0.6 * len(_words(c.title)), (c.code, c.title, text)
