"""Each audit check on small hand-made records."""

import pytest

from audit.checks import (
    check_groups,
    check_parts,
    check_percent,
    check_ratio,
    check_summary,
    check_verdict,
    computed_verdict,
    likely_cause,
)
from extractors.catalog import Target
from extractors.record import CriterionRecord, GroupRecord, ReportRecord, SummaryRecord

T85 = Target(op=">=", value=85, unit="%")


def crit(**kw):
    base = dict(code="3.4", title="t", target=T85)
    base.update(kw)
    return CriterionRecord(**base)


@pytest.mark.parametrize("n,d,pct,raw,fires", [
    (6460, 21380, 30.22, "30,22%", False),   # 30.215… rounds to 30,22
    (15424, 15378, 99.7, "99,7%", True),     # 100.30 ≠ 99.7
    (98147, 106605, 92.0, "92%", False),     # 92.07 within half a point
    (2111, 5860, 36.0, "36%", False),
    (37548, 37698, 99.6, "99,6%", False),
    (37548, 37698, 98.6, "98,6%", True),
])
def test_percent_mismatch(n, d, pct, raw, fires):
    assert bool(check_percent(crit(numerator=n, denominator=d, reported_percent=pct, percent_raw=raw))) is fires


@pytest.mark.parametrize("c,cause", [
    (crit(numerator=15424, denominator=15378, reported_percent=99.7, percent_raw="99,7%"), "swapped"),
    (crit(numerator=1243, denominator=2000, reported_percent=71.2, percent_raw="71,2%"), "transposed"),  # 1423/2000
    (crit(numerator=500, denominator=1000, reported_percent=5.0, percent_raw="5%"), "decimal_slip"),
])
def test_likely_causes(c, cause):
    kind, text = likely_cause(c)
    assert kind == cause and text and not text.isascii()  # a stable key, and words the auditor reads


def test_ratio_exceeds_whole():
    assert check_ratio(crit(numerator=11, denominator=10))[0].check == "ratio_exceeds_whole"
    assert check_ratio(crit(numerator=10, denominator=10)) == []


@pytest.mark.parametrize("pct,verdict,target,fires", [
    (36.0, "dat", T85, True),
    (36.0, "chua_dat", T85, False),
    (85.0, "vuot", T85, True),       # "Vượt" exactly at the target
    (85.0, "dat", T85, False),
    (90.0, "dat", T85, False),       # "Đạt" above the target is fine
    (84.9, "chua_dat", T85, False),
    (90.0, "chua_dat", T85, True),
    (80.0, "dat", Target(op=">", value=80, unit="%"), True),  # "trên 80%": 80 itself does not pass
])
def test_verdict_mismatch(pct, verdict, target, fires):
    c = crit(reported_percent=pct, percent_raw=f"{pct}%", reported_verdict=verdict, target=target)
    assert bool(check_verdict(c)) is fires


def test_verdict_uses_count_for_count_targets():
    t = Target(op=">=", value=23, unit="xã")
    assert check_verdict(crit(numerator=24, denominator=26, reported_verdict="vuot", target=t)) == []
    assert check_verdict(crit(numerator=20, denominator=26, reported_verdict="dat", target=t))[0].check == "verdict_mismatch"


def test_verdict_missing_and_computed_verdict():
    c = crit(numerator=90, denominator=100, reported_verdict=None)
    assert check_verdict(c)[0].check == "verdict_missing"
    assert computed_verdict(c) == "vuot"
    assert computed_verdict(crit(target=None)) is None


def test_parts_sum():
    assert check_parts(crit(parts=[172652, 104789], parts_whole=277441)) == []
    assert check_parts(crit(parts=[1222, 2577], parts_whole=4081))[0].check == "parts_sum_mismatch"


def test_tallies():
    rec = ReportRecord(source="x", sha256="", groups=[
        GroupRecord(code="2", criteria_total=5, reported_passed=4, reported_total=5, counted_passed=4),
        GroupRecord(code="3", criteria_total=9, reported_passed=8, reported_total=9, counted_passed=9),
        GroupRecord(code="4", criteria_total=5, reported_passed=3, reported_total=6, counted_passed=3),
    ], summary=SummaryRecord(criteria_total=23, reported_passed=18, reported_total=23, counted_passed=17))
    assert [f.code for f in check_groups(rec)] == ["3", "4"]
    [s] = check_summary(rec)
    assert s.check == "summary_tally_mismatch" and s.code is None


def test_ocr_misread_marks_findings_suspect(catalog):
    from audit import run_checks

    ocr = crit(numerator=2327, denominator=327, reported_percent=100.0, percent_raw="100%", reported_verdict="dat",
               ocr_conf=91.0)
    typed = crit(code="3.3", numerator=2327, denominator=327, reported_percent=100.0, percent_raw="100%",
                 reported_verdict="dat")
    rec = ReportRecord(source="x", sha256="", criteria=[ocr, typed])
    found = {(f.check, f.code): f for f in run_checks(rec, catalog)}
    assert found[("ratio_exceeds_whole", "3.4")].suspect_ocr and found[("ratio_exceeds_whole", "3.4")].severity == "warning"
    assert "327" in found[("percent_mismatch", "3.4")].message
    # the same numbers typed into a text layer are the report's own error
    assert not found[("ratio_exceeds_whole", "3.3")].suspect_ocr and found[("ratio_exceeds_whole", "3.3")].severity == "error"


def test_an_unreadable_verdict_cell_on_a_scan_is_suspect(catalog):
    from audit import run_checks

    junk = crit(numerator=18, denominator=29, reported_verdict=None, verdict_raw="_", ocr_conf=90.0)
    empty = crit(code="3.3", numerator=18, denominator=29, reported_verdict=None, verdict_raw=None, ocr_conf=90.0)
    typed = crit(code="3.2", numerator=18, denominator=29, reported_verdict=None, verdict_raw="_")
    rec = ReportRecord(source="x", sha256="", criteria=[junk, empty, typed])
    found = {(f.check, f.code): f for f in run_checks(rec, catalog)}
    # a scan's cell that holds something no reading made a verdict of is the tool's miss, not the report's
    assert ("verdict_missing", "3.4") not in found and found[("not_read", "3.4")].severity == "info"
    assert not found[("verdict_missing", "3.3")].suspect_ocr  # an empty cell: the report states none
    assert not found[("verdict_missing", "3.2")].suspect_ocr  # a text layer: what is there is the report's
