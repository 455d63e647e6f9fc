"""Page regions for the review app, rendered from the source file with the criterion's box drawn:
a page image and the same page as an image-only (scanned) PDF must mark the same place."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops

from tests.conftest import SAMPLES
from tieuchi.pipeline import process_file
from tieuchi.review.pages import NoPageImage, region_png

PAGE = SAMPLES / "generated" / "s00_huyen_thuong-xuan.png"


def _red_box(png: bytes) -> tuple[Image.Image, tuple[int, int, int, int]]:
    """The image and the bounding box of its pure-red outline pixels."""
    im = Image.open(io.BytesIO(png)).convert("RGB")
    r, g, b = im.split()
    red = Image.eval(r, lambda v: 255 if v > 200 else 0)
    not_green = Image.eval(g, lambda v: 255 if v < 60 else 0)
    not_blue = Image.eval(b, lambda v: 255 if v < 60 else 0)
    box = ImageChops.multiply(ImageChops.multiply(red, not_green), not_blue).getbbox()
    assert box is not None, "no box drawn"
    return im, box


@pytest.mark.ocr
def test_scan_pdf_and_image_mark_the_same_region(tmp_path, catalog):
    pdf = tmp_path / "s00_page1.scan.pdf"
    with Image.open(PAGE) as im:
        im.convert("L").save(pdf, "PDF", resolution=300.0)     # an image-only PDF, as a scanner writes it
    recs = {p: process_file(str(p), catalog=catalog) for p in (PAGE, pdf)}
    boxes = {}
    for p, rec in recs.items():
        [c] = [c for c in rec.criteria if c.code == "1.1"]
        assert c.page == 1 and c.bbox is not None and c.bbox_unit == "px"
        im, box = _red_box(region_png(str(p), 1, c.bbox, c.bbox_unit, ocr_dpi=300))
        assert im.height < im.width / 2                               # a region, not the page
        # relative place of the box in the (full-width) region: the same in both renderings
        boxes[p] = (box[0] / im.width, box[2] / im.width)
        inside = im.crop((box[0] + 5, box[1] + 5, box[2] - 5, box[3] - 5)).convert("L")
        assert inside.getextrema()[0] < 80                             # the box holds the printed text
    (a0, a1), (b0, b1) = boxes.values()
    assert abs(a0 - b0) < 0.02 and abs(a1 - b1) < 0.02


def test_text_report_has_no_page_image(tmp_path):
    with pytest.raises(NoPageImage, match="txt"):
        region_png(str(SAMPLES / "seed000_thanh-hoa.txt"), 1, None, None)
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    with pytest.raises(NoPageImage):
        region_png(str(bad), 1, None, None)
