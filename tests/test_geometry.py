"""Geometry that cannot go wrong: property tests over random boxes, grids and page sizes.

The reported crash: a phone photo of a table page gave a grid whose cell, shrunk by the cell
reader's inset, had its right edge left of its left edge, and Pillow's crop raised. Every crop,
cell and word box now goes through ``ingest.geometry``; these tests throw random geometry at it.
"""

import math
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from ingest import _exec, ocr
from ingest.config import IngestConfig
from ingest.geometry import clamp_box, clamp_float_box, clamp_page, inset, rules_inside, safe_crop
from ingest.grid import Grid, apply_grid, erase_grid, find_grid
from ingest.models import Line, Page, Word

coord = st.one_of(st.floats(-5000, 5000, allow_nan=False), st.integers(-5000, 5000),
                  st.sampled_from([math.nan, math.inf, -math.inf, 0.5, -0.5]))
side = st.integers(0, 400)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.tuples(coord, coord, coord, coord), side, side, st.integers(1, 20))
def test_clamped_box_is_inside_and_non_empty_or_none(box, w, h, min_size):
    got = clamp_box(box, w, h, min_size=min_size)
    if got is None:
        return
    x0, y0, x1, y1 = got
    assert all(isinstance(v, int) for v in got)
    assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h
    assert x1 - x0 >= min_size and y1 - y0 >= min_size


@SETTINGS
@given(st.tuples(coord, coord, coord, coord), st.integers(1, 120), st.integers(1, 120),
       st.tuples(*[st.integers(-50, 50)] * 4))
def test_safe_crop_never_raises_and_never_pads(box, w, h, margins):
    im = Image.new("L", (w, h), 200)
    crop = safe_crop(im, inset(box, *margins) if all(math.isfinite(v) for v in box) else box)
    if crop is not None:
        assert 1 <= crop.width <= w and 1 <= crop.height <= h
        assert crop.getextrema() == (200, 200)  # nothing from outside the image (Pillow pads with 0)


@SETTINGS
@given(st.tuples(coord, coord, coord, coord), st.floats(0, 4000), st.floats(0, 4000))
def test_clamped_float_box(box, w, h):
    got = clamp_float_box(box, w, h)
    if got is not None:
        x0, y0, x1, y1 = got
        assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h


@SETTINGS
@given(st.lists(coord, max_size=30), st.integers(0, 3000))
def test_rules_inside_are_sorted_distinct_and_inside(positions, length):
    got = rules_inside(positions, length)
    assert got == sorted(set(got))
    assert all(0 <= v <= max(0, length - 1) for v in got)


def _word(text, box, conf=90.0):
    return Word(text=text, bbox=box, conf=conf)


box_st = st.tuples(st.floats(-300, 3000), st.floats(-300, 3000), st.floats(-300, 3000), st.floats(-300, 3000)).map(
    lambda b: (min(b[0], b[2]), min(b[1], b[3]), max(b[0], b[2]), max(b[1], b[3])))


@SETTINGS
@given(st.lists(st.lists(box_st, min_size=1, max_size=5), max_size=8), st.integers(1, 2500), st.integers(1, 2500))
def test_page_boxes_are_clamped_to_the_page(lines_boxes, w, h):
    lines = []
    for i, boxes in enumerate(lines_boxes, 1):
        words = [_word(f"w{j}", b) for j, b in enumerate(boxes)]
        bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        lines.append(Line(page=1, number=i, text=" ".join(x.text for x in words), bbox=bbox, words=words))
    page = clamp_page(Page(number=1, lines=lines, width=float(w), height=float(h), unit="px", source="ocr"))
    assert [ln.number for ln in page.lines] == list(range(1, len(page.lines) + 1))
    for ln in page.lines:
        for b in [ln.bbox] + [x.bbox for x in ln.words]:
            assert b is not None and 0 <= b[0] < b[2] <= w and 0 <= b[1] < b[3] <= h
        for x in ln.words:
            assert ln.bbox[0] <= x.bbox[0] and ln.bbox[2] >= x.bbox[2]


rule_list = st.lists(st.integers(-100, 2100), min_size=0, max_size=12)


def _recording_cell_reader(monkeypatch, im):
    """The real cell reader on ``im``, its tesseract run answered with an empty TSV (no OCR here:
    what is tested is the geometry before it); returns the reader and the list of crops it wrote."""
    written = []

    def fake_tsv(listing, **kw):
        with open(listing, encoding="utf-8") as fh:
            for name in fh.read().split():
                with Image.open(name) as c:
                    written.append(c.size)
        return "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"

    monkeypatch.setattr(_exec, "tesseract_tsv", fake_tsv)
    reader = ocr._cell_reader(im, IngestConfig(jobs=1), path="fuzz.png", page=1, workdir=WORKDIR.name, deadline=1e18)
    return reader, written


WORKDIR = tempfile.TemporaryDirectory(prefix="tieuchi-geom-")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(rule_list, rule_list, st.one_of(st.none(), st.integers(-100, 2100)), st.integers(20, 2000), st.integers(20, 2000),
       st.lists(st.tuples(st.integers(-100, 2100), st.integers(-100, 2100), st.floats(0, 100)), max_size=40))
def test_random_grids_never_crash_the_table_reader(monkeypatch, rows, cols, head, w, h, words):
    im = Image.new("L", (w, h), 255)
    reader, written = _recording_cell_reader(monkeypatch, im)
    grid = Grid(rows=rows or [0], cols=cols or [0], x0=min(cols or [0]), x1=max(cols or [0]), head=head)
    lines = [Line(page=1, number=i, text=f"t{i}", bbox=(x, y, x + 30, y + 20),
                  words=[_word(f"t{i}", (x, y, x + 30, y + 20), conf)]) for i, (x, y, conf) in enumerate(words, 1)]
    out = apply_grid(lines, grid, 1, reocr=reader)
    assert sum(len(ln.words) for ln in out) == len(words)  # no word lost or doubled
    assert all(cw >= 10 and ch >= 10 for cw, ch in written)
    erase_grid(im, grid)


def test_the_reported_crash_narrow_cells_of_a_photographed_table(monkeypatch):
    """Column rules 5 px apart (a photo's doubled rule): the inset cell box is inverted. It used to
    raise ``ValueError: Coordinate 'right' is less than 'left'`` from Pillow."""
    im = Image.new("L", (800, 600), 255)
    reader, written = _recording_cell_reader(monkeypatch, im)
    grid = Grid(rows=[100, 200, 300, 400], cols=[50, 300, 305, 500, 700], x0=50, x1=700)
    lines = [Line(page=1, number=r, text="a b c d", words=[
        _word("a", (100, y, 200, y + 20), 95.0), _word("b", (301, y, 304, y + 20), 40.0),
        _word("c", (350, y, 450, y + 20), 40.0), _word("d", (550, y, 650, y + 20), 95.0)])
        for r, y in enumerate((140, 240, 340), 1)]
    # the cells of the narrow column are unsure (confidence 40) and re-read: the inset box is inverted
    assert inset((300, 100, 305, 200), 6, 6, 4, 4) == (306, 106, 301, 196)
    with pytest.raises(ValueError):  # what Pillow itself does with it
        im.crop((306, 106, 301, 196))
    out = apply_grid(lines, grid, 1, reocr=reader)
    assert [ln.cells for ln in out if ln.cells] == [["a", "b", "c", "d"]] * 3
    assert all(cw >= 10 for cw, _ in written) and len(written) == 3  # only the wide column's cells were cut


@SETTINGS
@given(st.integers(30, 900), st.integers(30, 900), st.lists(
    st.tuples(st.integers(-50, 950), st.integers(-50, 950), st.integers(-50, 950), st.integers(-50, 950), st.integers(1, 9)),
    max_size=30))
def test_find_grid_on_random_drawings(w, h, strokes):
    im = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(im)
    for x0, y0, x1, y1, width in strokes:
        d.line([(x0, y0), (x1, y1)], fill=0, width=width)
    g = find_grid(im)
    if g is not None:
        assert g.rows == sorted(set(g.rows)) and g.cols == sorted(set(g.cols))
        assert all(0 <= y < h for y in g.rows) and all(0 <= x < w for x in g.cols)


@pytest.mark.parametrize("size", [(1, 1), (2, 3), (5, 400), (400, 5)])
def test_tiny_images_through_the_preparation(size):
    from ingest.preprocess import prepare_page

    prep, _ = prepare_page(Image.new("L", size, 255), deskew=True, osd=None)
    assert prep.image.size[0] >= 1 and prep.image.size[1] >= 1
