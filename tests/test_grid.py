"""Ruled-table detection on drawn pages: rules found by continuity, words assigned to cells."""

import pytest
from PIL import Image, ImageDraw

from ingest.grid import apply_grid, erase_grid, find_grid, numbers_disagree
from ingest.models import Line, Word


def _table_page(light: bool = False) -> Image.Image:
    im = Image.new("L", (2480, 3508), 255)
    d = ImageDraw.Draw(im)
    ink = 120 if light else 0
    xs, ys = [300, 420, 1200, 1450, 1800, 2050, 2250], [1500, 1700, 1950, 2300, 2650]
    for y in ys:
        d.line([(xs[0], y), (xs[-1], y)], fill=ink, width=2 if light else 4)
    for x in xs:
        d.line([(x, ys[0]), (x, ys[-1])], fill=ink, width=2 if light else 4)
    for y in range(200, 1400, 60):  # prose above the table: dark on average, never continuous
        for x in range(300, 2200, 90):
            d.rectangle([x, y, x + 60, y + 30], fill=0)
    return im


def test_finds_rules_of_dark_and_light_tables():
    for light in (False, True):
        g = find_grid(_table_page(light))
        assert g is not None
        assert [round(y / 10) for y in g.rows[:5]] == [150, 170, 195, 230, 265]
        assert [round(x / 10) for x in g.cols] == [30, 42, 120, 145, 180, 205, 225]


def test_prose_page_has_no_grid():
    im = Image.new("L", (2480, 3508), 255)
    d = ImageDraw.Draw(im)
    for y in range(200, 3300, 60):
        for x in range(300, 2200, 90):
            d.rectangle([x, y, x + 60, y + 30], fill=0)
    assert find_grid(im) is None


def test_erase_and_assign_words_to_cells():
    page = _table_page()
    g = find_grid(page)
    assert g is not None
    clean = erase_grid(page, g)
    assert clean.getpixel((g.cols[3], (g.rows[1] + g.rows[2]) // 2)) == 255
    w = lambda t, x, y: Word(text=t, bbox=(x, y, x + 80, y + 40), conf=90.0)  # noqa: E731
    lines = [
        Line(page=1, number=1, text="Báo cáo", words=[w("Báo", 400, 300), w("cáo", 500, 300)]),
        Line(page=1, number=2, text="1.2 Tỷ lệ 50% 33/33 Vượt",
             words=[w("1.2", 330, 1800), w("Tỷ", 500, 1800), w("lệ", 600, 1800), w("50%", 1250, 1800),
                    w("33/33", 1500, 1800), w("Vượt", 1850, 1800)]),
        Line(page=1, number=3, text="tiêu", words=[w("tiêu", 1850, 1850)]),
    ]
    out = apply_grid(lines, g, 1)
    assert out[0].text == "Báo cáo" and out[0].cells is None
    row = next(ln for ln in out if ln.cells and ln.cells[0] == "1.2")
    assert row.cells[:5] == ["1.2", "Tỷ lệ", "50%", "33/33", "Vượt tiêu"]


def test_a_ruled_header_is_not_doubled():
    g = find_grid(_table_page())
    assert g is not None and len([y for y in g.rows if y < 1600]) == 1


@pytest.mark.parametrize("cell,odd", [
    ("4260/1470 doanh nghiệp (34,33%)", True),   # a whole-page misreading: read the cell again alone
    ("438/1276 doanh nghiệp (34,33%)", False),
    ("Đạt 85,3% (2.345/2.749 thuê bao)", False),
    ("60.531/60.531 (100%)", False), ("2/3 (67%)", False), ("2/3 (66,67%)", False),
    ("0/0 (0%)", True), ("Quý IV", False), ("đến 30/8/2023 đạt 95%", False),
])
def test_cells_whose_numbers_disagree(cell, odd):
    assert numbers_disagree(cell) is odd


def test_table_continued_without_its_top_rule():
    """A table continued from the previous page starts with column rules but no top rule: its first
    row still gets cells (``head``), while the rules that are there are all that gets erased."""
    for light in (False, True):
        im = _table_page(light)
        ImageDraw.Draw(im).rectangle([0, 1498, 2480, 1503], fill=255)  # no top rule; columns from 1504
        g = find_grid(im)
        assert g is not None and g.head is not None and abs(g.head - 1504) <= 2, g
        assert [round(y / 10) for y in g.rows[:4]] == [170, 195, 230, 265]
        w = lambda t, x, y: Word(text=t, bbox=(x, y, x + 80, y + 40), conf=90.0)  # noqa: E731
        first = Line(page=1, number=1, text="33 Tỷ lệ 56/125 Đạt",
                     words=[w("33", 330, 1580), w("Tỷ", 500, 1580), w("56/125", 1500, 1580), w("Đạt", 1850, 1580)])
        row = apply_grid([first], g, 1)[0]
        assert row.cells is not None and row.cells[:5] == ["33", "Tỷ", "", "56/125", "Đạt"]


def test_a_table_with_its_top_rule_has_no_head():
    g = find_grid(_table_page())
    assert g is not None and g.head is None


def test_a_group_row_merging_two_columns_keeps_their_rule():
    """A group row ("2 | Chính quyền số", its title running over the target column) breaks the rule
    between title and target in every group row; the rule is still found from its pieces."""
    im = _table_page()
    d = ImageDraw.Draw(im)
    ys = [1500, 1550, 1700, 1750, 1950, 2000, 2300, 2350, 2650]  # a group row under every row rule
    for y in ys:
        d.line([(300, y), (2250, y)], fill=0, width=4)
    for top, bottom in zip(ys[0::2], ys[1::2], strict=False):
        d.rectangle([1195, top + 3, 1205, bottom - 3], fill=255)  # the merged cell: no rule at 1200
    g = find_grid(im)
    assert g is not None
    assert [round(x / 10) for x in g.cols] == [30, 42, 120, 145, 180, 205, 225]


def test_prose_below_a_table_is_no_row_but_a_row_run_on_to_the_next_page_is():
    """Below the last row rule a row of its own exists only where the column rules go on: a row cut
    by the page break keeps its cells; the closing sentence under a finished table gets none."""
    ended = _table_page()
    ImageDraw.Draw(ended).text((300, 2800), "Trên đây là báo cáo", fill=0)
    g = find_grid(ended)
    assert g is not None and round(g.rows[-1] / 10) == 265
    cut = _table_page()
    d = ImageDraw.Draw(cut)
    d.rectangle([0, 2640, 2480, 2660], fill=255)  # no bottom rule ...
    for x in [300, 420, 1200, 1450, 1800, 2050, 2250]:
        d.line([(x, 2300), (x, 3300)], fill=0, width=4)  # ... and the columns run on to the margin
    g = find_grid(cut)
    assert g is not None and round(g.rows[-1] / 10) == 330, g.rows


def _box(cols: list[int]) -> Image.Image:
    im = Image.new("L", (2480, 3508), 255)
    d = ImageDraw.Draw(im)
    for y in (300, 1100):
        d.line([(cols[0], y), (cols[-1], y)], fill=0, width=4)
    for x in cols:
        d.line([(x, 300), (x, 1100)], fill=0, width=4)
    return im


def test_a_table_tail_of_one_ruled_row_is_a_table_but_a_framed_box_is_not():
    """The last page of a table continued from the previous one can hold its repeated header and
    one row in a single ruled box (no rule between them): with its column rules it is still a
    table. A frame with one or two dividers (a boxed note, a signature block) is none."""
    g = find_grid(_box([300, 420, 1200, 1450, 1800, 2050, 2250]))
    assert g is not None and [round(y / 10) for y in g.rows] == [30, 110]
    assert find_grid(_box([300, 1200, 2250])) is None
    assert find_grid(_box([300, 900, 1500, 2250])) is None
