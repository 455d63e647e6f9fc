"""A table row's part and whole columns and its result cell ('Tử số | Mẫu số | Tỷ lệ': '10 | 25 | 36,9%')
hold one measure the table reader tied by the columns' roles: the audit takes that tie as the text's, so a
percent the fraction does not give is the report's error, not an unplaced number. Values read by hand."""

from __future__ import annotations

from audit.checks import check_percent, percent_linked
from extractors.record import CriterionRecord, Measure
from extractors.table_row import _verdict_in

EV = "6 | Tỷ lệ hộ gia đình có kết nối Internet cáp quang | ≥ 50% | 10 | 25 | 36,9% | Chưa đạt"


def _row(measures: list[Measure]) -> CriterionRecord:
    return CriterionRecord(code="6", title="x", numerator=10, denominator=25, reported_percent=36.9,
                           fraction_raw="10/25", percent_raw="36,9%", evidence=EV, measures=measures)


def test_columns_tie_the_percent_to_its_fraction():
    tied = _row([Measure(numerator=10, denominator=25, percent=36.9, raw="10 | 25 | 36,9%")])
    assert percent_linked(tied) is True
    assert [f.check for f in check_percent(tied)] == ["percent_mismatch"]  # 10/25 = 40 %, not 36,9 %


def test_separate_measures_are_no_tie():
    apart = _row([Measure(numerator=10, denominator=25, raw="10/25"), Measure(percent=36.9, raw="36,9%")])
    assert percent_linked(apart) is False
    assert [f.check for f in check_percent(apart)] != ["percent_mismatch"]


def test_vuot_qua_is_a_target_op_not_the_verdict_vuot():
    assert _verdict_in("Khong vuot qua 4 gio Dat") == ("dat", "Dat")
    assert _verdict_in("vuot qua 4 gio") == (None, None)
    assert _verdict_in("Vuot ke hoach") == ("vuot", "Vuot")
