"""Round 12 readers of a criterion's numbers on legacy OCR text (expected values read by hand from
each synthetic text, written the way legacy OCR without Vietnamese support garbles reports):

- a count unit ('xã', 'tổ', 'camera', 'cơ sở dữ liệu' …) takes no decimals: a dotted number before a
  garbled 'xã' ('Toi thieu' / '3.1 x3: 16/23', a table row's own code beside its result's label) is no
  target; the count after it ('21 xa') is; a decimal before a rate's unit ('3,5 gio') still is.
"""

from __future__ import annotations

import pytest

from extractors.catalog import Target
from extractors.measure import find_targets, parse_target_cell

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
