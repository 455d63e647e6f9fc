"""Orientation and photo corrections on drawn pages (no binaries), and OSD at the seam."""

import logging

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ingest import _exec, orient, photo
from ingest.models import Line, Page, Word
from ingest.preprocess import prepare_page
from tests.conftest import SAMPLES


def _text_page(w=1240, h=1754, ink=0, paper=255) -> Image.Image:
    """A page of 'words': short dark bars on lines 40 px apart, broken between words."""
    im = Image.new("L", (w, h), paper)
    d = ImageDraw.Draw(im)
    for y in range(150, h - 150, 40):
        for x in range(120, w - 200, 110):
            d.rectangle([x, y, x + 80 + (x * 7 + y) % 25, y + 18], fill=ink)
    return im


def test_sideways_test_tells_turned_pages_from_upright_ones():
    page = _text_page()
    assert not orient.looks_sideways(page)
    assert not orient.looks_sideways(page.transpose(Image.Transpose.ROTATE_180))
    assert orient.looks_sideways(page.transpose(Image.Transpose.ROTATE_90))
    assert orient.looks_sideways(page.transpose(Image.Transpose.ROTATE_270))
    assert not orient.looks_sideways(Image.new("L", (800, 1000), 255))  # blank: nothing to tell


def test_turn_is_clockwise():
    im = Image.new("L", (4, 2), 255)
    im.putpixel((0, 0), 0)  # top-left
    assert orient.turn(im, 90).size == (2, 4) and orient.turn(im, 90).getpixel((1, 0)) == 0  # now top-right
    assert orient.turn(im, 180).getpixel((3, 1)) == 0
    assert orient.turn(im, 270).getpixel((0, 3)) == 0
    assert orient.turn(im, 0) is im


def _page(confs):
    words = [Word(text="x", bbox=(i, 0, i + 1, 1), conf=c) for i, c in enumerate(confs)]
    return Page(number=1, lines=[Line(page=1, number=1, text="x", words=words)])


def test_poor_read():
    assert orient.read_poorly(_page([48.0] * 100))
    assert not orient.read_poorly(_page([93.0] * 100))
    assert not orient.read_poorly(_page([10.0] * 5))  # too few words to judge


@pytest.mark.parametrize("out,want", [
    ("Page number: 0\nOrientation in degrees: 270\nRotate: 90\nOrientation confidence: 23.69\nScript: Latin\n",
     _exec.Osd(rotate=90, confidence=23.69)),
    ("Rotate: 0\nOrientation confidence: 0.31\n", _exec.Osd(rotate=0, confidence=0.31)),
    ("Rotate: 45\nOrientation confidence: 3\n", None),
    ("garbage", None),
])
def test_osd_output_parsed(monkeypatch, out, want):
    monkeypatch.setattr(_exec, "_run_osd", lambda path, timeout: out)
    assert _exec.tesseract_osd("x.pgm", timeout=5) == want


def test_osd_too_few_characters_is_no_answer(monkeypatch):
    import pytesseract

    def raise_(path, timeout):
        raise pytesseract.TesseractError(1, "Too few characters. Skipping this page")

    monkeypatch.setattr(_exec, "_run_osd", raise_)
    assert _exec.tesseract_osd("x.pgm", timeout=5) is None


def test_missing_osd_data_warns_once_and_reads_pages_as_they_are(monkeypatch, caplog):
    monkeypatch.setattr(_exec, "tesseract_languages", lambda: frozenset({"vie", "eng"}))
    monkeypatch.setattr(_exec, "_osd_warned", [])
    with caplog.at_level(logging.WARNING):
        assert _exec.tesseract_osd("x.pgm", timeout=5) is None
        assert _exec.tesseract_osd("x.pgm", timeout=5) is None
    assert [r.message.count("tesseract-ocr-osd") for r in caplog.records] == [1]


@pytest.mark.ocr
def test_real_osd_on_a_turned_sample():
    got = _exec.tesseract_osd(str(SAMPLES / "photos" / "a000_p3_rot90.png"), timeout=60)
    assert got is not None and got.rotate == 90 and got.confidence >= orient.OSD_MIN_CONFIDENCE


def _photo_of(page: Image.Image, corners) -> Image.Image:
    """``page`` warped onto a dark desk with its corners at ``corners`` (tl, tr, br, bl)."""
    w, h = page.size
    cw, ch = int(w * 1.3), int(h * 1.2)
    coeffs = photo.perspective_coefficients([(0, 0), (w, 0), (w, h), (0, h)], corners)
    warped = page.transform((cw, ch), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR)
    mask = Image.new("L", page.size, 255).transform((cw, ch), Image.Transform.PERSPECTIVE, coeffs)
    desk = Image.new("L", (cw, ch), 60)
    desk.paste(warped, (0, 0), mask)
    return desk


def test_outline_of_a_photographed_page_is_found_and_unwarped():
    page = _text_page()
    corners = [(150.0, 120.0), (1430.0, 150.0), (1400.0, 1900.0), (120.0, 1874.0)]
    shot = _photo_of(page, corners)
    quad = photo.find_page(shot)
    assert quad is not None
    for got, want in zip(quad.points(), corners, strict=True):
        assert abs(got[0] - want[0]) < 30 and abs(got[1] - want[1]) < 30
    fixed, what = photo.unwarp(shot, quad)
    assert what == "perspective"
    assert abs(fixed.width / fixed.height - page.width / page.height) < 0.05
    assert np.asarray(fixed).min() < 60 and np.percentile(np.asarray(fixed), 90) > 200  # ink and paper, no desk


def test_clean_scans_are_left_alone():
    page = _text_page()
    assert photo.find_page(page) is None
    assert photo.flatten(page) is None
    prep, _ = prepare_page(page, deskew=True, osd=None)
    assert prep.corrections == [] and prep.rotation == 0


def test_dark_copier_edges_are_cropped_and_a_shadow_flattened():
    page = np.asarray(_text_page(), dtype=np.float32)
    h, w = page.shape
    page[:, :50] = 20  # black edge on the left
    page[:40, :] = 20  # and on top
    shade = np.linspace(1.0, 0.55, w)[None, :]  # light falling off to the right
    shot = Image.fromarray((page * shade).astype(np.uint8), "L")
    fixed, done = photo.correct(shot)
    assert done == ["edges_cropped", "lighting_flattened"]
    arr = np.asarray(fixed)
    assert arr[:, :5].mean() > 200 and arr[:5, :].mean() > 200  # the edges are gone
    left, right = arr[:, : arr.shape[1] // 4], arr[:, -arr.shape[1] // 4 :]
    assert abs(np.percentile(left, 80) - np.percentile(right, 80)) < 15  # paper even across the page


def test_red_seal_vanishes_and_the_text_under_it_stays():
    grey = _text_page()
    rgb = Image.merge("RGB", [grey] * 3)
    arr = np.asarray(rgb, dtype=np.float32).copy()
    yy, xx = np.mgrid[0 : arr.shape[0], 0 : arr.shape[1]]
    ring = np.abs(np.hypot(xx - 600, yy - 800) - 200) < 12
    arr[ring] *= np.array([0.8, 0.12, 0.15])  # red ink multiplied over the page
    out = photo.drop_colour_ink(Image.fromarray(arr.astype(np.uint8), "RGB"))
    assert out is not None
    o, g = np.asarray(out), np.asarray(grey)
    assert o[ring & (g > 128)].min() > 200  # the seal over paper: gone
    assert o[ring & (g < 128)].max() < 60  # the text under the seal: still black
    assert photo.drop_colour_ink(rgb) is None  # no colour: left to the ordinary grey conversion
