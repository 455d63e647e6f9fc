"""Round 12 readers of a criterion's numbers on legacy OCR text (expected values read by hand from
each synthetic text, written the way legacy OCR without Vietnamese support garbles reports):

- a count unit ('xã', 'tổ', 'camera', 'cơ sở dữ liệu' …) takes no decimals: a dotted number before a
  garbled 'xã' ('Toi thieu' / '3.1 x3: 16/23', a table row's own code beside its result's label) is no
  target; the count after it ('21 xa') is; a decimal before a rate's unit ('3,5 gio') still is;
- 'A trên tổng số B' whose result cell wrapped inside a legacy table row, the row's other cells' words
  between its halves ('2 781 tren tong  T0i thieu Chwa dat % s6 3 644 ho so'), is the fraction A/B; its
  percent is only the one it gives, never the target cell's percent beside it ('85% yeu cau'); a phrase
  whole before other words ('đạt 4 trên tổng số các xã, số 5 xã') or a gap with numbers is no fraction.
"""

from __future__ import annotations

import pytest

from extractors.catalog import Target
from extractors.measure import find_targets, parse_target_cell, pick_measure
from extractors.numbers import find_fractions

ROW = "len hoan thanh chuyen doi so Nam Toi thieu\n3.1 x3: 16/23 Chwa dat\ntheo Bo tieu chi clanh gia chuyen 2024 21 xa"


def test_row_code_before_garbled_commune_unit_is_no_target():
    hits = find_targets(ROW, ("%", "xã"), cell=True)
    assert [(h.target.op, h.target.value, h.target.unit) for h in hits] == [(">=", 21.0, "xã")]


def test_row_code_alone_is_no_target():
    assert find_targets("Toi thieu\n3.1 x3: 16/23", ("%", "xã"), cell=True) == []
    assert parse_target_cell("Toi thieu 2.3 camera", Target(op=">=", value=10.0, unit="camera")) is None
    assert parse_target_cell("Toi thieu 10 camera", Target(op=">=", value=10.0, unit="camera")) == \
        Target(op=">=", value=10.0, unit="camera")


@pytest.mark.parametrize("text,units,want", [
    ("Tối thiểu 21 xã", ("%", "xã"), 21.0),
    ("Toi thieu 10 camera", ("%", "camera"), 10.0),
    ("Toi thieu 03 co so du lieu", ("%", "cơ sở dữ liệu"), 3.0),
    ("Toi thieu 20.000 luot", ("%", "lượt"), 20000.0),   # thousands grouped by a dot: a whole count
    ("Toi thieu 3,5 gio", ("%", "giờ"), 3.5),            # a rate's unit keeps its decimals
    ("Tối thiểu 1,5 tài khoản/người", ("%", "tài khoản/người"), 1.5),
    ("Tối thiểu 90,5%", ("%",), 90.5),
])
def test_whole_counts_and_decimal_rates_stay_targets(text, units, want):
    hits = find_targets(text, units)
    assert hits and hits[0].target.value == want


@pytest.mark.parametrize("text,units", [
    ("Toi thieu 3.1 x3", ("%", "xã")),
    ("Tối thiểu 2,5 tổ", ("%", "tổ")),
    ("Toi thieu 1.2 camera", ("%", "camera")),
])
def test_decimal_count_is_no_target(text, units):
    assert find_targets(text, units, cell=True) == []


@pytest.mark.parametrize("text,num,den,pct", [
    # the row's lines run together: part, the target and verdict cells' words, the rest of the phrase
    ("2 781 tren tong  T0i thieu Chwa dat % s6 3 644 ho so  85% yeu cau (76,3%)", 2781, 3644, 76.3),
    ("  273 tren tong Toi thieu Da hoan  % s0 273 can bo 100% thanh  (100%) ", 273, 273, 100.0),
    ("  1 318 tren tong  Toi thieu Chwa dat % s6 7 634 hop  30% yeu cau tac x3 (17.26%)  ", 1318, 7634, 17.26),
    # broken after 'trên'; another cell's percent right after the whole: the percent it gives confirms it
    (" 20 642 tren Toi thjeu Da hoan  % tong so 20 856 90% thanh  ho so (99.0%)", 20642, 20856, 99.0),
])
def test_worded_fraction_apart_in_a_legacy_row(text, num, den, pct):
    m = pick_measure(text, loose=True)
    assert m.fraction is not None and (m.fraction.numerator, m.fraction.denominator) == (num, den)
    assert m.percent is not None and m.percent.value == pct


def test_apart_fraction_never_takes_the_target_percent():
    # a bare percent after it that it does not give is the target cell's: no stated percent
    m = pick_measure("2 781 tren tong  T0i thieu Chwa dat % s6 3 644 ho so  85% yeu cau", loose=True)
    assert m.fraction is not None and m.fraction.numerator == 2781 and m.percent is None
    # the percent it would give is missing (a planted misstatement stays visible): not the target's 85%
    m = pick_measure("2 781 tren tong  T0i thieu Chwa dat % s6 3 644 ho so  85% yeu cau (70,0%)", loose=True)
    assert m.fraction is not None and m.fraction.numerator == 2781
    assert m.percent is not None and m.percent.value == 70.0


@pytest.mark.parametrize("text", [
    "đạt 4 trên tổng số các xã, số 5 xã",        # the phrase whole, then a clause of its own
    "dat 12 tren tong, so 3 tieu chi",             # a clause mark between
    "5 trên tổng các thôn, số 20 thôn",
    "12 tren tong 3 xa so 45 ho so",               # a number between the halves
    " 20 642 tren Toi thjeu Da hoan  % tong so 20 856 90% thanh (95.0%)",  # no noun, no percent it gives
    "4 tren tong Dat % s6 5 tieu chi",             # a tally of criteria
])
def test_no_fraction_apart(text):
    assert [f for f in find_fractions(text) if f.apart] == []
