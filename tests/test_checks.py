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
from extractors.record import CriterionRecord, GroupRecord, Measure, ReportRecord, SummaryRecord

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


# --- verdicts judged only on positive evidence -------------------------------------------------

T80 = Target(op=">=", value=80, unit="%")


def test_a_verdict_pieced_from_words_apart_is_no_evidence():
    # legacy text of a table: 'Chwa' from a neighbouring cell, 'Pay' (Đạt) this row's; 93 % passes 80 %
    pieced = crit(numerator=93, denominator=100, reported_verdict="chua_dat", verdict_raw="Chwa … Pay", target=T80,
                  evidence="2 ≥ 80 % Pay Ty 1€ ho so 93/100 Chwa trien khai")
    assert [f.check for f in check_verdict(pieced)] == ["not_read"]
    # the two halves of a wrapped cell side by side in the row: one verdict
    wrapped = pieced.model_copy(update={"evidence": "2 ≥ 80 % Ty 1€ ho so 93/100 Chwa Pay trien khai"})
    assert [f.check for f in check_verdict(wrapped)] == ["verdict_mismatch"]
    whole = crit(numerator=93, denominator=100, reported_verdict="chua_dat", verdict_raw="Chwa dat", target=T80,
                 evidence="Ket qua: 93/100 ho so. Tu danh gia: Chwa dat")
    assert [f.check for f in check_verdict(whole)] == ["verdict_mismatch"]


def test_a_verdict_beside_another_rows_verdict_fragment_is_a_note():
    # 'Hoan' … 'thanh' (Hoàn thành) is this row's wrapped verdict; 'Chwa dat' closes the next row
    c = crit(numerator=59110, denominator=63524, reported_percent=93.05, percent_raw="93,05 %", reported_verdict="chua_dat",
             verdict_raw="Chwa dat", target=T80,
             evidence="1 > 80% dat 93,05 %, Ty 1€ thue bao Hoan dien thoai 59.110/63.524 thanh Ty lé ho 82,7 % Chwa dat")
    assert [f.check for f in check_verdict(c)] == ["not_read"]


def test_part_over_whole_or_percent_against_fraction_does_not_decide_the_verdict():
    # 268/11 is a fraction cut by wrapped cells; the stated 35,79 % and 'Chưa đạt' agree
    over = crit(numerator=268, denominator=11, reported_percent=35.79, percent_raw="35,79%", reported_verdict="chua_dat",
                target=Target(op=">", value=70, unit="%"))
    assert check_verdict(over) == []
    # 'Chưa đạt' where x/y (100,3 %) and the written 99,7 % both pass 85 %: contradicted either way
    both_pass = crit(numerator=15424, denominator=15378, reported_percent=99.7, percent_raw="99,7%",
                     reported_verdict="chua_dat")
    assert [f.check for f in check_verdict(both_pass)] == ["verdict_mismatch"]
    # the written percent fails the target and so does the verdict; x/y (a percent_mismatch) passes
    follows = crit(numerator=90, denominator=100, reported_percent=70.0, percent_raw="70%", reported_verdict="chua_dat",
                   target=T80)
    assert check_verdict(follows) == []
    both = crit(numerator=90, denominator=100, reported_percent=95.0, percent_raw="95%", reported_verdict="chua_dat",
                target=T80)
    assert [f.check for f in check_verdict(both)] == ["verdict_mismatch"]


def test_several_measures():
    t100, t95 = Target(op=">=", value=100, unit="%"), Target(op=">=", value=95, unit="%")
    # 97,59 % fails the first measure's 100 % but passes the second's 95 %: which measure it is is unsure
    second = crit(numerator=17586, denominator=18021, reported_percent=97.59, percent_raw="97,59 %",
                  reported_verdict="dat", target=t100)
    assert [f.check for f in check_verdict(second, 2, [t100, t95])] == ["not_read"]
    fails_all = crit(numerator=90, denominator=100, reported_verdict="dat", target=t100)
    assert [f.check for f in check_verdict(fails_all, 2, [t100, t95])] == ["verdict_mismatch"]
    # 'Không đạt' where both measures were read and both pass (52,1 % ≥ 30 %, 97 % ≥ 60 %)
    t30, t60 = Target(op=">=", value=30, unit="%"), Target(op=">=", value=60, unit="%")
    ms = [Measure(numerator=2992, denominator=5746, raw="2992/5746"), Measure(numerator=3626, denominator=3734, raw="3626/3734")]
    both = crit(numerator=2992, denominator=5746, reported_percent=52.1, percent_raw="52,1 %", reported_verdict="chua_dat",
                target=t30, measures=ms)
    assert [f.check for f in check_verdict(both, 2, [t30, t60])] == ["verdict_mismatch"]
    one = crit(numerator=2992, denominator=5746, reported_percent=52.1, percent_raw="52,1 %", reported_verdict="chua_dat",
               target=t30, measures=ms[:1])
    assert check_verdict(one, 2, [t30, t60]) == []   # the second measure's result was not read: it may fail


def test_target_read_unlike_the_catalogs_on_legacy_text_is_a_note():
    mb = Target(op=">=", value=100, unit="Mb/s")
    # 'dat 131 Mb/s' (the result) read as the target too: 'Vượt' at 131 ≥ 131
    legacy = crit(value=131.0, value_unit="Mb/s", reported_verdict="vuot", verdict_raw="Vwot",
                  target=Target(op=">=", value=131, unit="Mb/s"), catalog_target=mb,
                  evidence="2 rong co dinh trung binh tai tru so dat 131 Mb/s Toc do ≥ 100 Vwot chi Mb/s tieu")
    assert [f.check for f in check_verdict(legacy)] == ["not_read"]
    typed = legacy.model_copy(update={"evidence": "1.2. Tốc độ (chỉ tiêu ≥ 131 Mb/s): đạt 131 Mb/s – Vượt chỉ tiêu"})
    assert [f.check for f in check_verdict(typed)] == ["verdict_mismatch"]   # the report's own words
    # OCR read '≥100 %' as '>100 %': 'Đạt' at 100 % rests on one mark
    scan = crit(numerator=8, denominator=8, reported_percent=100.0, percent_raw="100 %", reported_verdict="dat", target_raw=">100 %",
                target=Target(op=">", value=100, unit="%"), catalog_target=Target(op=">=", value=100, unit="%"),
                ocr_conf=93.0, evidence="1.2 | Tỷ lệ thôn có Tổ công nghệ số | >100 % | tỷ lệ 100 %; cụ thể: 8/8 thôn | Đạt")
    assert [f.check for f in check_verdict(scan)] == ["not_read"]
    alone = scan.model_copy(update={"catalog_target": None})   # read without a catalog: the mark alone decides
    assert [f.check for f in check_verdict(alone)] == ["not_read"]
    words = alone.model_copy(update={"target_raw": "trên 100 %"})  # 'trên' is a word, not a mark OCR confuses
    assert [f.check for f in check_verdict(words)] == ["verdict_mismatch"]


# --- tallies: compared where what was not read cannot change the outcome -----------------------

def _tally_record(verdicts: dict[str, str | None], claimed: int):
    crits = [CriterionRecord(code=k, title="t", reported_verdict=v, verdict_raw=v) for k, v in verdicts.items()]
    passed = sum(1 for v in verdicts.values() if v in ("dat", "vuot"))
    return ReportRecord(source="x", sha256="", framework="thanhhoa-huyen-2024", criteria=crits,
                        summary=SummaryRecord(criteria_total=23, reported_passed=claimed, reported_total=23,
                                              counted_passed=passed))


def test_summary_tally_with_unread_criteria(catalog):
    from audit import run_checks

    codes = [c.code for c in catalog.get("thanhhoa-huyen-2024").criteria]
    # 21 read as đạt, 2 not read at all: a claim of 19/23 is below what was read (positive evidence)
    rec = _tally_record({k: "dat" for k in codes[:21]}, 19)
    assert "summary_tally_mismatch" in {f.check for f in run_checks(rec, catalog)}
    # 20 read as đạt, 1 chưa đạt, 2 not read: 21/23 may be right (the two unread could hold one more đạt)
    rec = _tally_record({**{k: "dat" for k in codes[:20]}, codes[20]: "chua_dat"}, 21)
    found = run_checks(rec, catalog)
    assert "summary_tally_mismatch" not in {f.check for f in found} and any(
        f.check == "not_read" and f.code is None and "tổng số" in f.message for f in found)
    # every verdict read: a claim one off is a mismatch
    rec = _tally_record({**{k: "dat" for k in codes[:20]}, **{k: "chua_dat" for k in codes[20:]}}, 21)
    assert "summary_tally_mismatch" in {f.check for f in run_checks(rec, catalog)}


def test_a_contradicted_verdict_of_a_row_cut_without_a_catalog_is_a_note(catalog):
    from audit import run_checks

    # legacy text without a catalog: 'Không quá 2%' read as '≥ 2 %' from a row whose boundaries are unsure
    cut = crit(code="3.2", numerator=27, denominator=1943, reported_verdict="vuot", verdict_raw="Vuot",
               target=Target(op=">=", value=2, unit="%"), low_confidence=True)
    sure = crit(code="3.3", numerator=27, denominator=1943, reported_verdict="vuot", verdict_raw="Vượt",
                target=Target(op=">=", value=2, unit="%"))
    rec = ReportRecord(source="x", sha256="", provisional=True, criteria=[cut, sure])
    found = {(f.check, f.code) for f in run_checks(rec, catalog)}
    assert ("not_read", "3.2") in found and ("verdict_mismatch", "3.2") not in found
    assert ("verdict_mismatch", "3.3") in found


def test_tally_of_another_size_or_beside_a_scrambled_row_is_a_note(catalog):
    from audit import run_checks

    codes = [c.code for c in catalog.get("thanhhoa-huyen-2024").criteria]
    # 'đạt 15/25' taken for the summary of a 23-criterion set where two criteria were not read: it may be
    # a result or another tally; with every criterion read, a total of 25 for 23 is the report's error
    rec = _tally_record({k: "dat" for k in codes[:21]}, 15)
    rec.summary.reported_total = 25
    assert "summary_tally_mismatch" not in {f.check for f in run_checks(rec, catalog)}
    rec = _tally_record({k: "dat" for k in codes}, 23)
    rec.summary.reported_total = 25
    assert "summary_tally_mismatch" in {f.check for f in run_checks(rec, catalog)}
    # every verdict read, but one row of legacy text has a note on its numbers: its verdict may be a
    # neighbour's, so 22/23 against 23 read as đạt is not compared
    rec = _tally_record({k: "dat" for k in codes}, 22)
    c = rec.criteria[0]
    c.numerator, c.denominator, c.fraction_raw, c.reported_percent, c.percent_raw = 3663, 3791, "3663/3791", 25.0, "25 %"
    c.evidence = "doanh nghiep hai long 3663/3791 25 % ≥90 Vuot ve viec"
    assert "summary_tally_mismatch" not in {f.check for f in run_checks(rec, catalog)}
    c.evidence = "Kết quả: 3663/3791 doanh nghiệp hài lòng; 25 % ≥90 Vượt về việc"   # typed text: the verdict stands
    assert "summary_tally_mismatch" in {f.check for f in run_checks(rec, catalog)}


def test_tally_and_verdicts_pieced_from_a_row(catalog):
    from audit import run_checks

    codes = [c.code for c in catalog.get("thanhhoa-huyen-2024").criteria]
    # 'Chua' … 'dat': the two lines of a wrapped verdict cell, other cells' words between: a known 'Chưa đạt'
    rec = _tally_record({**{k: "dat" for k in codes[:22]}, codes[22]: "chua_dat"}, 23)
    rec.criteria[22].verdict_raw, rec.criteria[22].evidence = "Chua … dat", "27 Quy IV Uoc day 51,3% Ty trong Chua ban le dat"
    assert "summary_tally_mismatch" in {f.check for f in run_checks(rec, catalog)}
    # 'chưa' of a footnote's sentence ('47 đơn vị chưa cập nhật') and the row's 'Đã đạt': unknown
    rec.criteria[22].verdict_raw = "chưa … đạt"
    rec.criteria[22].evidence = "5 Số cơ sở dữ liệu ≥ 03 có 6 cơ sở Đã đạt (*) 47 đơn vị chưa cập nhật."
    assert "summary_tally_mismatch" not in {f.check for f in run_checks(rec, catalog)}


def test_group_tally_of_another_size_is_a_mismatch_even_with_a_criterion_absent(catalog):
    from audit import run_checks

    fw = catalog.get("thanhhoa-huyen-2024")
    g3 = [c.code for c in next(g for g in fw.groups if g.code == "3").criteria]
    # group 3 has 9 criteria; the report shows 8, all read as đạt, and claims 'đạt 7/8' for them
    crits = [CriterionRecord(code=k, title="t", reported_verdict="dat", verdict_raw="Đạt") for k in g3[:8]]
    rec = ReportRecord(source="x", sha256="", framework=fw.id, criteria=crits, groups=[
        GroupRecord(code="3", criteria_total=9, reported_passed=7, reported_total=8, counted_passed=8)])
    assert ("group_tally_mismatch", "3") in {(f.check, f.code) for f in run_checks(rec, catalog)}
    rec.groups[0].reported_passed, rec.groups[0].reported_total = 151, 151   # a result's '151/151' read as the tally
    rec.criteria[0].evidence, rec.criteria[0].reported_percent, rec.criteria[0].percent_raw = "3.1 Ty le 151/151", 30.0, "30 %"
    rec.criteria[0].numerator, rec.criteria[0].denominator, rec.criteria[0].fraction_raw = 151, 151, "151/151"
    assert ("group_tally_mismatch", "3") not in {(f.check, f.code) for f in run_checks(rec, catalog)}
    rec.groups[0].reported_total = 9   # 'đạt 8/9' with one absent: 8 sure đạt, the absent one unknown
    rec.groups[0].reported_passed = 8
    assert ("group_tally_mismatch", "3") not in {(f.check, f.code) for f in run_checks(rec, catalog)}


def test_a_group_without_a_catalog_counts_a_criterion_that_states_no_verdict_as_not_passed(catalog):
    from audit import run_checks

    # a provisional report (no catalog): group 3 of four rows claims 'đạt 3/4'; read: Đạt, Hoàn thành,
    # Chưa đạt, Chưa đạt. Group 1's '1.2' states no verdict (8/8 hồ sơ, no Đạt/Chưa đạt): the report's
    # omission (verdict_missing), which must not keep group 3 from being compared
    def row(code: str, verdict: str | None) -> CriterionRecord:
        return CriterionRecord(code=code, title="t", reported_verdict=verdict, verdict_raw=verdict)

    crits = [row("1.1", "chua_dat"), row("1.2", None), row("3.1", "dat"), row("3.2", "dat"),
             row("3.3", "chua_dat"), row("3.4", "chua_dat")]
    groups = [GroupRecord(code="1", criteria_total=2, reported_passed=0, reported_total=2, counted_passed=0),
              GroupRecord(code="3", criteria_total=4, reported_passed=3, reported_total=4, counted_passed=2)]
    rec = ReportRecord(source="x", sha256="", provisional=True, criteria=crits, groups=groups,
                       summary=SummaryRecord(criteria_total=6, reported_passed=2, reported_total=6, counted_passed=2))
    found = {(f.check, f.code) for f in run_checks(rec, catalog)}
    assert ("verdict_missing", "1.2") in found and ("group_tally_mismatch", "3") in found
    assert ("summary_tally_mismatch", None) not in found and ("group_tally_mismatch", "1") not in found
    # a verdict the tool could not make out ('Dang … ?' where the verdict would be) keeps group 3 open
    crits[3] = crits[3].model_copy(update={"reported_verdict": None, "verdict_raw": "Đang triển khai"})
    rec = rec.model_copy(update={"criteria": crits, "findings": []})
    found = {(f.check, f.code) for f in run_checks(rec, catalog)}
    assert ("group_tally_mismatch", "3") not in found and ("not_read", "3") in found
    # legacy text: 'khong … Dar' pieced from the title's 'thanh toan khong dung tien mat' and the row's 'Dar'
    crits[3] = crits[3].model_copy(update={
        "reported_verdict": "chua_dat", "verdict_raw": "khong … Dar", "low_confidence": True,
        "evidence": "3.4 giao Dar binh quan 5,09 So giao dich thanh toan khong Tu 02 dung tien mat tro len"})
    rec = rec.model_copy(update={"criteria": crits, "findings": []})
    found = {(f.check, f.code) for f in run_checks(rec, catalog)}
    assert ("group_tally_mismatch", "3") not in found and ("not_read", "3") in found


def test_criterion_missing_only_where_its_neighbours_were_read_cleanly(catalog):
    from audit.checks import check_missing

    fw = catalog.get("thanhhoa-huyen-2024")
    codes = [c.code for c in fw.criteria]

    def rec_without(code: str, **around) -> ReportRecord:
        crits = [CriterionRecord(code=k, title="t", page=1, reported_verdict="dat", verdict_raw="Đạt",
                                 evidence=f"{k} Kết quả đạt") for k in codes if k != code]
        for c in crits:
            if c.code in around:
                for key, value in around[c.code].items():
                    setattr(c, key, value)
        return ReportRecord(source="x", sha256="", framework=fw.id, criteria=crits)

    def result(rec: ReportRecord) -> list[str]:
        return [f.check for f in check_missing(rec, fw) if f.code == "3.6"]

    # 3.5 and 3.7 read cleanly on the same page, neither shows 3.6: the report lacks it
    assert result(rec_without("3.6")) == ["criterion_missing"]
    # 3.7 starts on the next page (a row split by the page break may be lost)
    assert result(rec_without("3.6", **{"3.7": {"page": 2}})) == ["not_read"]
    # 3.5 spans both pages: no break between the neighbours
    assert result(rec_without("3.6", **{"3.5": {"page_end": 2}, "3.7": {"page": 2}})) == ["criterion_missing"]
    # 3.7's verdict pieced from cells apart ('Chua' … 'dat' with other rows' words between) and its block
    # not showing 3.6's title: the scrambled cells are 3.7's own, the absence is still the report's (as in
    # samples/generated/s02_kh100_quang-xuong.txt, whose criterion 31 is absent beside a scrambled 30)
    assert result(rec_without("3.6", **{"3.7": {"verdict_raw": "Chua … dat", "reported_verdict": "chua_dat",
                                                "evidence": "17 Chua ty le can bo 30% dat"}})) == ["criterion_missing"]
    # 3.5's block carries 3.6's title words: the two rows ran together (legacy text, as in the samples)
    run = "5 ≥80 % 9 271/9 271 Vugt Ty le ho so va ket qua giai quyet thu tuc hanh chinh duoc so hoa"
    assert result(rec_without("3.6", **{"3.5": {"evidence": run}})) == ["not_read"]
    # a neighbour's block that only shares common words ('Tỷ lệ hồ sơ') does not stand for it
    plain = "5 Ty le thanh toan truc tuyen 120/300 ho so, dat 40 %"
    assert result(rec_without("3.6", **{"3.5": {"evidence": plain}})) == ["criterion_missing"]
    # the neighbour itself absent
    rec = rec_without("3.6")
    rec.criteria = [c for c in rec.criteria if c.code != "3.7"]
    assert result(rec) == ["not_read"]
    # 3.5's block ends with 3.6's opening words (legacy table: 3.6's number lost, its title's first line read
    # into the row above): the absent row starts there
    tail = "5 Ty le thanh toan truc tuyen ho so 120/300 ho so, dat 40 % tren tong so giao dich Dat Ty le ho so va ket qua"
    assert result(rec_without("3.6", **{"3.5": {"evidence": tail}})) == ["not_read"]
    # 3.7's block begins with 3.6's closing words: the absent row ends there
    head = "17 thu tuc hanh chinh duoc so hoa Ty le can bo, cong chuc, vien chuc duoc tap huan ky nang so co ban 45/50 Dat"
    assert result(rec_without("3.6", **{"3.7": {"evidence": head}})) == ["not_read"]
    # the same opening words at the start of 3.5's own block, or the closing ones at the end of 3.7's, are no edge
    own = "5 Ty le ho so va ket qua thanh toan truc tuyen 120/300 ho so, dat 40 % tren tong so giao dich cua dich vu cong Dat"
    assert result(rec_without("3.6", **{"3.5": {"evidence": own}})) == ["criterion_missing"]
    late = "17 Ty le can bo, cong chuc, vien chuc duoc tap huan ky nang so co ban 45/50 Dat hanh chinh duoc so hoa"
    assert result(rec_without("3.6", **{"3.7": {"evidence": late}})) == ["criterion_missing"]
    # 3.7's legacy block holds 3.6's own title words, scattered among its cells (rows run together)
    scattered = ("17 Ty le can bo ho so Da dat cong chuc va ket qua 45/50 giai quyet vien chuc thu tuc tap huan hanh "
                 "chinh duoc so hoa")
    assert result(rec_without("3.6", **{"3.7": {"evidence": scattered}})) == ["not_read"]
    # only a few of them ('ho so', 'thu tuc'): the absence is the report's
    few = "17 Ty le can bo, cong chuc, vien chuc duoc tap huan 45/50 ho so thu tuc Dat"
    assert result(rec_without("3.6", **{"3.7": {"evidence": few}})) == ["criterion_missing"]


def test_a_part_over_its_whole_on_legacy_text_needs_an_unambiguous_reading():
    t70 = Target(op=">=", value=70, unit="%")
    # the target cell '70' read onto '729' whose thousands '23' wrapped away (row: '≥ 70 % | 23 729/39 784')
    glued = crit(numerator=70729, denominator=39784, fraction_raw="70 729/39 784", target=t70, target_raw="70",
                 evidence="1 % 70 729/39 784, ho so: 23 Ty le ho so thu tuc hanh chinh Chua nop truc tuyen dat")
    assert [f.check for f in check_ratio(glued)] == ["not_read"]
    # the same digits with the diacritics (a text layer) are read as written: the report's error
    typed = glued.model_copy(update={"evidence": "1 Tỷ lệ hồ sơ: 70 729/39 784 hồ sơ, chỉ tiêu ≥ 70 %"})
    assert [f.check for f in check_ratio(typed)] == ["ratio_exceeds_whole"]
    # thousands by a space whose first group is no target: '1 450/1 423' is a part over its whole
    spaced = crit(numerator=1450, denominator=1423, fraction_raw="1 450/1 423", target=T85,
                  evidence="7 Ty le ho so 1 450/1 423 ho so Dar")
    assert [f.check for f in check_ratio(spaced)] == ["ratio_exceeds_whole"]
    # a fraction in a block whose verdict was pieced from cells apart ('khong' … 'dat'): another row's
    jumble = crit(numerator=86, denominator=83, fraction_raw="86/83", verdict_raw="khong … dat",
                  reported_verdict="chua_dat", evidence="22 ≥100% 86/83, ty le tram y te khong dung tien mat 100% Tren dat")
    assert [f.check for f in check_ratio(jumble)] == ["not_read"]
    assert [f.check for f in check_ratio(jumble.model_copy(update={"verdict_raw": "Dat", "reported_verdict": "dat"}))] \
        == ["ratio_exceeds_whole"]


def test_a_result_word_read_as_the_verdict_is_known_where_the_verdict_cell_says_the_same(catalog):
    from audit import run_checks

    codes = [c.code for c in catalog.get("thanhhoa-huyen-2024").criteria]
    rec = _tally_record({**{k: "dat" for k in codes[:22]}, codes[22]: "chua_dat"}, 21)
    first = rec.criteria[0]
    first.verdict_raw = "dat"
    # legacy text: 'dat 56,56 Mb/s' is the result; the verdict cell 'Hoàn thành' wrapped into 'Hoan' … 'thanh'
    first.evidence = "1 rong di dong trung binh ≥ 36 Mb/s dat 56,56 Mb/s Toc do truy cap Internet Hoan So lieu thanh"
    assert "summary_tally_mismatch" in {f.check for f in run_checks(rec, catalog)}   # 22 sure đạt, claimed 21
    # no verdict cell to bear it out: the 'dat' may be only the result's, the verdict unknown
    first.evidence = "1 rong di dong trung binh ≥ 36 Mb/s dat 56,56 Mb/s Toc do truy cap Internet So lieu"
    assert "summary_tally_mismatch" not in {f.check for f in run_checks(rec.model_copy(update={"findings": []}), catalog)}
    # a verdict cell of the other kind ('Chwa' … 'dat'): unknown
    first.evidence = "1 rong di dong ≥ 36 Mb/s dat 56,56 Mb/s Chwa Toc do truy cap Internet So lieu dat"
    assert "summary_tally_mismatch" not in {f.check for f in run_checks(rec.model_copy(update={"findings": []}), catalog)}


def test_a_legacy_verdict_the_rows_verdict_cell_bears_out_is_evidence():
    t100 = Target(op=">=", value=100, unit="%")
    # 'dat 85,9 %' is the result's word, the verdict cell 'Hoàn thành' wrapped into 'Hoan' … 'thanh':
    # either way the row says it passed, and 85,9 % fails ≥ 100 %
    c = crit(code="3.1", numerator=256, denominator=298, fraction_raw="256/298", reported_percent=85.9, percent_raw="85,9 %",
             reported_verdict="dat", verdict_raw="dat", target=t100, target_raw="100",
             evidence="3.1 % 100 tuong ung Ty le can bo cua cap dat 85,9 %, huyen duoc trang bi may tinh Hoan noi mang "
                      "LAN thanh 256/298 can bo")
    assert [f.check for f in check_verdict(c)] == ["verdict_mismatch"]
    bare = c.model_copy(update={"evidence": c.evidence.replace("Hoan ", "").replace(" thanh", "")})
    assert [f.check for f in check_verdict(bare)] == ["not_read"]   # no verdict cell: the 'dat' may be the result's
    # 'Chwa' … 'day' pieced: 'day 131 Mb/s' is a result, 'Chwa' the start of the wrapped 'Chưa hoàn thành'
    mbs = Target(op=">=", value=100, unit="Mb/s")
    c = crit(code="1.2", value=131.0, value_unit="Mb/s", reported_verdict="chua_dat", verdict_raw="Chwa … day",
             target=mbs, target_raw="≥ 100",
             evidence="2 rong co dinh trung binh tai tru so day 131 Mb/s hoàn Toc do truy cap Internet bang Chwa ≥ 100 "
                      "Mb/s UBND xa thanh")
    assert [f.check for f in check_verdict(c)] == ["verdict_mismatch"]
    other = c.model_copy(update={"evidence": c.evidence + " Hoan"})   # a verdict fragment of the other kind too
    assert [f.check for f in check_verdict(other)] == ["not_read"]


def test_a_verdict_judged_by_numbers_that_may_be_cut_or_another_cells_is_a_note():
    # '074/1 074': the part's leading '1 ' wrapped away
    cut = crit(code="2.3", numerator=74, denominator=1074, fraction_raw="074/1 074", reported_verdict="dat",
               verdict_raw="hoan thanh", target=Target(op=">=", value=50, unit="%"),
               evidence="2.3 da thuc hien / ≥50 % 074/1 074, ty le doanh nghiep: 1 Ty le Hoan sinh thue thanh")
    assert [f.check for f in check_verdict(cut)] == ["not_read"]
    # a proportion (x/y with its percent) judged against a count target: another cell's fraction
    count = Target(op=">=", value=3, unit="cơ sở dữ liệu")
    prop = crit(code="5", numerator=17586, denominator=18021, fraction_raw="17586/18021", reported_percent=97.59,
                percent_raw="97,59 %", reported_verdict="chua_dat", verdict_raw="Chua dat", target=count,
                evidence="5 uoc 17586/18021, ty le 97,59 % So co so du lieu chuyen nganh ≥03 co 02 co so Chua dat")
    assert [f.check for f in check_verdict(prop)] == ["not_read"]
    typed = prop.model_copy(update={"evidence": "5. Số cơ sở dữ liệu: 17586/18021 (97,59 %), Chưa đạt"})
    assert [f.check for f in check_verdict(typed)] == ["verdict_mismatch"]


def test_a_legacy_rows_lone_fraction_and_rate_are_one_result():
    t90 = Target(op=">=", value=90, unit="%")
    # legacy text of a row 'tỷ lệ 89,8 %; cụ thể: 26015/28150 hồ sơ' whose cells ran together
    c = crit(code="2", numerator=26015, denominator=28150, fraction_raw="26015/28150", reported_percent=89.8,
             percent_raw="89,8 %", reported_verdict="dat", verdict_raw="dat", target=t90, target_raw="90",
             evidence="2 chinh duoc so hoa ngay % 90 Da dat Theo so ty le 89,8 %; cu lieu cua Ty le ho so thu tuc "
                      "hanh the: doanh 26015/28150 ho nghiep khi tiep nhan")
    assert [f.check for f in check_percent(c)] == ["percent_mismatch"]   # 26015/28150 = 92,42 %
    # a second fraction in the row: which one the percent is of is not known
    two = c.model_copy(update={"evidence": c.evidence + " 4/5 don vi"})
    assert [f.check for f in check_percent(two)] == ["not_read"]
    # no rate word before the percent: it may be another cell's number
    bare = c.model_copy(update={"evidence": c.evidence.replace("ty le 89,8 %", "89,8 %")})
    assert [f.check for f in check_percent(bare)] == ["not_read"]
    # the row's number before its unit cell ('3.4 | % | > 70 %') is no second percent
    t70 = Target(op=">", value=70, unit="%")
    row = crit(code="3.4", numerator=13104, denominator=13278, fraction_raw="13104/13278", reported_percent=95.0,
               percent_raw="95 %", reported_verdict="dat", verdict_raw="hoan thanh", target=t70, target_raw="70 %",
               evidence="15 3.4 % > 70 % Ty le nguoi dan truong ty le 95 %; cu thanh co tai khoan dich vu the: Hoan "
                        "cong truc tuyen dat tren 13104/13278 thanh 70% nguoi")
    assert [f.check for f in check_percent(row)] == ["percent_mismatch"]   # 13104/13278 = 98,69 %


def test_on_legacy_text_a_percent_of_another_fraction_of_the_block_is_a_note():
    # 'Kết quả chung: đạt 35/43' taken for the criterion's fraction; '72/89 = 80,90 %' is its own
    c = crit(code="43", numerator=35, denominator=43, fraction_raw="35/43", reported_percent=80.9, percent_raw="80,90",
             reported_verdict="dat", verdict_raw="Da dat", target=Target(op=">=", value=70, unit="%"),
             measures=[Measure(numerator=72, denominator=89, raw="72/89"), Measure(numerator=35, denominator=43, raw="35/43")],
             evidence="5 % 70 % Da dat 70% truong duoc tuyen truyen 72/89 = 80,90 thuc % Ket qua chung: dat 35/43.")
    assert [f.check for f in check_percent(c)] == ["not_read"]
    typed = c.model_copy(update={"evidence": "Đã đạt: 72/89 = 80,90 %; kết quả 35/43 = 80,90 %"})
    assert [f.check for f in check_percent(typed)] == ["percent_mismatch"]
    # the percent written right after the fraction ('28/27 (dat 100%)') is the report's own, beside '27/27 (dat 100%)'
    own = crit(code="2.1", numerator=28, denominator=27, fraction_raw="28/27", reported_percent=100.0, percent_raw="100%",
               reported_verdict="dat", verdict_raw="Pat", target=Target(op=">=", value=100, unit="%"),
               measures=[Measure(numerator=27, denominator=27, raw="27/27"), Measure(numerator=28, denominator=27, raw="28/27")],
               evidence="2.1. He thong thong tin (100%): - 27/27 (dat 100%) ho so de xuat; - 28/27 (dat 100%) he thong. (Pat)")
    assert [f.check for f in check_percent(own)] == ["percent_mismatch"]


def test_a_target_glued_onto_a_part_is_no_percent_evidence():
    # 'Trên 75 | 101 652/109 204 … đạt 93 %': the '101' wrapped away, the target '75' read in its place
    c = crit(code="8", numerator=75652, denominator=109204, fraction_raw="75 652/109 204", reported_percent=93.0,
             percent_raw="93 %", reported_verdict="dat", verdict_raw="dat", target=Target(op=">", value=75, unit="%"),
             evidence="8 co tai khoan giao dich % Tren 75 652/109 204 Ty le nguoi dan dat 93 % (101 Hoan thanh nguoi)")
    assert [f.check for f in check_percent(c)] == ["not_read"]


# --- a percent_mismatch needs the text to tie the percent to the fraction (h7audit) ------------------------
# Hand-read rows; legacy ones in the tool's folded form (the evidence keeps OCR's garble).


def test_a_percent_after_a_target_word_is_the_target_not_a_result():
    # legacy table row: 'Từ 100 % thôn' is the target cell, '7/8' the result, no percent of it is stated
    c = crit(code="1.1", numerator=7, denominator=8, fraction_raw="7/8", reported_percent=100.0, percent_raw="100 %",
             target=None, reported_verdict="chua_dat", verdict_raw="Khong",
             evidence="1.1 Ban hanh ke hoach Ty 1¢ thon co To cong nghe s6 cong Tu 100 % thon: 7/8, ty le Khong")
    assert [f.check for f in check_percent(c)] == ["not_read"]
    typed = c.model_copy(update={"evidence": "1.1. Tỷ lệ thôn có Tổ công nghệ số (mục tiêu 100 %): 7/8 thôn – Không đạt"})
    assert [f.check for f in check_percent(typed)] == ["not_read"]
    # the same numbers as a result: 'đạt tỷ lệ 100 %' after '7/8 thôn' states 7/8's percent, wrongly (87,5 %)
    result = c.model_copy(update={"evidence": "1.1. Tỷ lệ thôn có Tổ công nghệ số: 7/8 thôn, đạt tỷ lệ 100 % – Không đạt"})
    assert [f.check for f in check_percent(result)] == ["percent_mismatch"]
    before = c.model_copy(update={"evidence": "1.1 Ty le thon: dat 100 % (7/8 thon) – Khong dat"})
    assert [f.check for f in check_percent(before)] == ["percent_mismatch"]


def test_a_parenthesized_percent_with_another_percent_between_is_not_the_fractions():
    # legacy row: '12.960/12.960' and 'hoàn thành 100%' are one cell, '(89,6%)' another measure's result
    c = crit(code="4", numerator=12960, denominator=12960, fraction_raw="12.960/12.960", reported_percent=89.6,
             percent_raw="89,6%", target=Target(op=">=", value=100, unit="%"), reported_verdict="chua_dat",
             verdict_raw="Chua",
             evidence="4 % 12.960/12.960 hoan 100% can bo, cong chuc cap bo (89,6%); Chua huyen duoc cap chu ky so")
    assert [f.check for f in check_percent(c)] == ["not_read"]
    # nothing between the fraction's words and the parenthesis: the percent is the fraction's (100 % ≠ 89,6 %)
    own = c.model_copy(update={"evidence": "4 % 12.960/12.960 van ban di duoc ky so (89,6%); Chua dat"})
    assert [f.check for f in check_percent(own)] == ["percent_mismatch"]
    # a target's percent between them ('… trên 30% người') is the title's: the parenthesis stays the fraction's
    title = crit(code="33", numerator=56586, denominator=125608, fraction_raw="56.586/125.608", reported_percent=48.09,
                 percent_raw="48,09%", target=Target(op=">", value=30, unit="%"), reported_verdict="dat", verdict_raw="Đạt",
                 evidence="33 Tỷ lệ dân số trưởng thành có tài khoản định Quý IV 56.586/125.608 Đạt danh điện tử trên 30% "
                          "người (48,09%)")
    assert [f.check for f in check_percent(title)] == ["percent_mismatch"]   # 45,05 % written 48,09 %


def test_a_fraction_or_percent_the_text_does_not_show_ties_nothing():
    t90 = Target(op=">=", value=90, unit="%")
    # '200 569/210 … 403' was pieced into 200569/210200: no such fraction stands in the row
    pieced_whole = crit(code="38", numerator=200569, denominator=210200, fraction_raw="200569/210200",
                        reported_percent=95.3, percent_raw="95,3 %", target=t90, target_raw="90 %",
                        reported_verdict="dat", verdict_raw="dat",
                        evidence="6 ≥ 90 % 403 nguoi, dat Pat lieu cua 200 569/210 Ty 1¢ dan so co ho so suc khoe "
                                 "dien tu day 90% nghiep ty le 95,3 % vien thong")
    assert [f.check for f in check_percent(pieced_whole)] == ["not_read"]
    # a number and a '%' far apart ('Dar 246 Phu song … tren %') read as '246 %'
    far = crit(code="5", numerator=294, denominator=294, fraction_raw="294/294", reported_percent=246.0,
               percent_raw="246  %", target=Target(op=">=", value=100, unit="%"), reported_verdict="dat", verdict_raw="dar",
               evidence="5 ≥ 100 % Dar 246 Phu song mang di dong 4G den 294/294 = 100 100% trung tam cac thon tren % phieu")
    assert [f.check for f in check_percent(far)] == ["not_read"]
    # a part whose first digits were cut onto another cell ('8 … 172/24 493' read 8172/24493) is still where the
    # text writes it: one fraction and one rate-cued percent in the row, 8172/24493 = 33,36 % ≠ 34,7 %
    cut = crit(code="3.2", numerator=8172, denominator=24493, fraction_raw="8172/24493", reported_percent=34.7,
               percent_raw="34,7%", target=Target(op=">=", value=50, unit="%"), target_raw="Tu 50",
               reported_verdict="chua_dat", verdict_raw="chua hoan",
               evidence="3.2 % hoan Theo so dat 34,7%, lieu cua Chua Ty 1¢ dan so co tai khoan Tu 50 tro tuong ung 8 "
                        "doanh thanh toan dien tu len 172/24 493 nghiep thanh nguoi vien thong")
    assert [f.check for f in check_percent(cut)] == ["percent_mismatch"]
    # ... but not a fraction whose shown part is no ending of the part read
    other = cut.model_copy(update={"evidence": cut.evidence.replace("172/24 493", "517/24 493")})
    assert [f.check for f in check_percent(other)] == ["not_read"]


# --- a verdict_mismatch needs the number judged to be the criterion's result (h7audit) ---------------------


def test_a_result_and_target_read_the_wrong_way_round_are_a_note():
    # text layer, a wrapped table row 'Từ 90% trở lên | 93,20% | Vượt': read as target 93,20 %, result 90 %
    c = crit(code="1.4", reported_percent=90.0, percent_raw="90%", target=Target(op=">=", value=93.2, unit="%"),
             target_raw="93,20%", catalog_target=Target(op=">=", value=90, unit="%"), reported_verdict="vuot",
             verdict_raw="Vượt", evidence="1.4 hành chính của các cơ quan trở lên 93,20% Vượt Tỷ lệ người dân hài lòng Từ 90%")
    assert [f.check for f in check_verdict(c)] == ["not_read"]
    # the report's own target above the catalog's, its result a different number: the report's error
    own = c.model_copy(update={"reported_percent": 91.0, "percent_raw": "91%",
                               "evidence": "1.4 Tỷ lệ người dân hài lòng (chỉ tiêu 93,20%): đạt 91% – Vượt"})
    assert [f.check for f in check_verdict(own)] == ["verdict_mismatch"]


def test_a_lone_value_equal_to_the_target_written_once_may_be_the_target_cell():
    unit = "thuê bao/100 dân"
    t90 = Target(op=">=", value=90, unit=unit)
    # legacy row '≥ 90 | đạt 55,97 | Chưa đạt' run together: the 90 read as the result is the target cell
    c = crit(code="1.3", value=90.0, value_unit=unit, value_raw="90 thuê", target=None, catalog_target=t90,
             reported_verdict="chua_dat", verdict_raw="Chua dat",
             evidence="3 bao/100 thue bao/100 hoan 90 thue dat 55,97 Chua dat So thue bao bang rong di dong tren 100 dan")
    assert [f.check for f in check_verdict(c)] == ["not_read"]
    # the report writes the target and, apart, a result of the same number: 'Chưa đạt' at 90 ≥ 90 is wrong
    twice = c.model_copy(update={"evidence": "1.3 So thue bao (chi tieu 90): dat 90 thue bao/100 dan – Chua dat"})
    assert [f.check for f in check_verdict(twice)] == ["verdict_mismatch"]
    # with the diacritics the row is read as written
    typed = c.model_copy(update={"evidence": "1.3. Số thuê bao băng rộng di động trên 100 dân: 90 thuê bao – Chưa đạt"})
    assert [f.check for f in check_verdict(typed)] == ["verdict_mismatch"]


def test_on_legacy_text_another_result_of_the_block_that_bears_the_verdict_out_is_a_note():
    t2 = Target(op="<", value=2, unit="%")
    # 'Tỷ lệ hồ sơ trễ hạn < 2%: 340/28 436 hồ sơ, 1,20% | Đạt' run together with the next row's '204/204 cán bộ, 100%'
    c = crit(code="3", numerator=204, denominator=204, fraction_raw="204/204", reported_percent=100.0, percent_raw="100%",
             target=t2, target_raw="2%", catalog_target=t2, reported_verdict="dat", verdict_raw="dat",
             measures=[Measure(numerator=340, denominator=28436, raw="340/28436"),
                       Measure(numerator=204, denominator=204, raw="204/204"), Measure(percent=1.2, raw="1,20%"),
                       Measure(percent=100.0, raw="100%")],
             evidence="3 cau/Tong so < 2% so, dat ty 1€ (So ho so tre han 340/28 436 ho Ty I¢ ho so thu tuc hanh Hoan "
                      "chinh giai quyet tre han thanh) 1,20% x 100% (So can bo, 204/204 can bo, 100% can bo, cong chuc dat")
    assert [f.check for f in check_verdict(c)] == ["not_read"]
    # no other result that passes: 'Đạt' at 100 % of '< 2%' is contradicted whichever is the row's
    alone = c.model_copy(update={"measures": [Measure(numerator=204, denominator=204, raw="204/204"),
                                              Measure(percent=100.0, raw="100%")]})
    assert [f.check for f in check_verdict(alone)] == ["verdict_mismatch"]


def test_no_verdict_beside_a_block_holding_another_rows_verdict_is_a_note():
    from audit import run_checks
    from extractors.catalog import Catalog

    # legacy table, rows 3.3 and 3.4 ran together: 3.3's block holds 'Hoan … thành' (3.3's Hoàn thành) and
    # 'Vugt' (3.4's Vượt), read as 3.3's verdict; 3.4's block is a fragment with no verdict
    t10 = Target(op=">=", value=10, unit="tổ")
    before = crit(code="3.3", target=t10, reported_verdict="vuot", verdict_raw="Vugt",
                  evidence="14 ≥10 to co 17 to So To cong nghe so Hoan hoat dong hieu qua thanh Ty le nguoi dan "
                           "truong thanh 7 880/9 236 co tai khoan dich vu cong (85,3 Vugt")
    lone = crit(code="3.4", target=None, numerator=1049, denominator=7790, fraction_raw="1 049/7 790",
                evidence="15 tuoi tro len khoan/nguoi khoan/nguoi tieu 1 049/7 790")
    after = crit(code="3.5", target=None, reported_verdict="dat", verdict_raw="Dat",
                 evidence="16 Tuyen truyen ky nang so co ban Dat")
    cat = Catalog(frameworks=[])
    rec = ReportRecord(source="x.txt", sha256="", criteria=[before, lone, after])
    assert [(f.check, f.code) for f in run_checks(rec, cat) if f.code == "3.4"] == [("not_read", "3.4")]
    # the neighbour's fragments are its own verdict's ('Vugt' alone): the row states no verdict
    own = before.model_copy(update={"evidence": before.evidence.replace("Hoan ", "")})
    rec = ReportRecord(source="x.txt", sha256="", criteria=[own, lone, after])
    assert [(f.check, f.code) for f in run_checks(rec, cat) if f.code == "3.4"] == [("verdict_missing", "3.4")]


def test_a_verdict_slot_holding_only_its_label_is_a_verdict_not_stated():
    # a table written cell by cell with its labels ('Kết quả đạt được … | Kết quả đánh giá'), the last cell empty
    c = crit(code="3.7", numerator=1123, denominator=1123, fraction_raw="1.123/1.123", target=Target(op=">=", value=100, unit="%"),
             verdict_raw="Kết quả đánh giá",
             evidence="STT 7 | Tên tiêu chí Tỷ lệ cán bộ được tập huấn | Mục tiêu 100% | Kết quả đạt được 1.123/1.123 cán bộ "
                      "(100 %) | Kết quả đánh giá")
    assert [f.check for f in check_verdict(c)] == ["verdict_missing"]
    assert [f.check for f in check_verdict(c.model_copy(update={"verdict_raw": "Tự đánh giá:"}))] == ["verdict_missing"]
    # a word after the label that is no verdict we know: the tool's miss
    odd = c.model_copy(update={"verdict_raw": "Kết quả đánh giá tốt"})
    assert [f.check for f in check_verdict(odd)] == ["not_read"]
    # read by OCR, the label alone may have lost a faint word after it
    assert [f.check for f in check_verdict(c.model_copy(update={"ocr_conf": 90.0}))] == ["not_read"]
    # the rest of a row split by a page break, under the header repeated there: its first part (with the
    # verdict 'Đã đạt') is on the page before, so the label alone proves nothing
    split = c.model_copy(update={"code": "4.4", "verdict_raw": "Kết quả tự chấm",
                                 "evidence": "TT | Nội dung chỉ tiêu thiết yếu (điện, nước, viễn thông) | Giải thích chỉ tiêu "
                                             "số khách hàng thanh toán) x 100% | Chỉ tiêu giao Ít nhất 60 % | Kết quả 100% | "
                                             "Kết quả tự chấm"})
    assert [f.check for f in check_verdict(split)] == ["not_read"]


def test_an_equals_sign_after_the_fraction_ties_the_first_percent_after_wrapped_words():
    t100 = Target(op=">=", value=100, unit="%")
    # legacy row whose result cell '3 808/3 725 = 100 %' wrapped around the title cell's lines
    c = crit(code="18", numerator=3808, denominator=3725, fraction_raw="3 808/3 725", reported_percent=100.0,
             percent_raw="100 %", target=t100, target_raw="100%", reported_verdict="dat", verdict_raw="dar",
             evidence="4 ≥ 100% Dar 100% nguoi dan va doanh nghiep su dung dich vu cong truc tuyen duoc dinh danh va "
                      "xac thuc dien tu 3 808/3 725 = thong suot, hop nhat tren tat ca 100 % cac he thong cua cac cap")
    assert [f.check for f in check_percent(c)] == ["percent_mismatch"]   # 102,23 % written 100 %
    # a number between the '=' and the percent: the percent may be another cell's (here the target's)
    other = c.model_copy(update={"evidence": c.evidence.replace("hop nhat", "12 he thong")})
    assert [f.check for f in check_percent(other)] == ["not_read"]
    # no '=' after the fraction: words alone do not tie the target-valued percent to it
    bare = c.model_copy(update={"evidence": c.evidence.replace("3 725 = thong", "3 725 thong")})
    assert [f.check for f in check_percent(bare)] == ["not_read"]


def test_a_groups_tally_read_as_the_fraction_is_no_result():
    t100 = Target(op=">=", value=100, unit="%")
    # the next group's heading ran into the block: '02/03' counts that group's criteria
    c = crit(code="1.5", target=t100, numerator=2, denominator=3, fraction_raw="02/03", reported_verdict="dat",
             verdict_raw="Đã hoàn thành",
             evidence="TC 1.5: Tỷ lệ người dân (không thấp hơn 100 %): Đã hoàn thành. Lũy kế đến ngày 23/8/2024, tỷ lệ "
                      "100 %; cụ thể: 6.858/6.858 tài khoản. II/ VỀ KINH TẾ SỐ: gồm 03 chỉ tiêu, đạt 02/03")
    assert [f.check for f in check_verdict(c)] == ["not_read"]
    assert [f.check for f in check_percent(c.model_copy(update={"reported_percent": 100.0, "percent_raw": "100 %"}))] \
        == ["not_read"]
    # 'đạt 2/3 xã' is a count of communes, the criterion's own result: 66,67 % against ≥ 100 % contradicts 'Đạt'
    own = c.model_copy(update={"evidence": "TC 1.5: Tỷ lệ xã có tài khoản (không thấp hơn 100 %): đạt 02/03 xã. "
                                           "Tự đánh giá: Đạt."})
    assert [f.check for f in check_verdict(own)] == ["verdict_mismatch"]


def test_a_percent_written_after_a_target_cue_is_no_result_to_judge_by():
    # '(46 %)' is the result, 'chỉ tiêu đề ra là 75 %' the target: read the other way round
    c = crit(code="2.2", target=Target(op=">=", value=46, unit="%"), target_raw="46%", reported_percent=75.0,
             percent_raw="75 %", reported_verdict="chua_dat", verdict_raw="Chưa hoàn thành",
             evidence="Tiêu chí 2.2: Tỷ lệ hộ gia đình có đường Internet cáp quang: Đến nay, 1 811 trên tổng số 3 965 hộ "
                      "(46 %); chỉ tiêu đề ra là 75 %. Mức độ hoàn thành: Chưa hoàn thành.")
    assert [f.check for f in check_verdict(c)] == ["not_read"]
    # the same percent written as the result ('đạt 75 %'): 'Chưa hoàn thành' at 75 % of ≥ 46 % is wrong
    own = c.model_copy(update={"evidence": "Tiêu chí 2.2: Tỷ lệ hộ gia đình có cáp quang (chỉ tiêu 46 %): đạt 75 %. "
                                           "Mức độ hoàn thành: Chưa hoàn thành."})
    assert [f.check for f in check_verdict(own)] == ["verdict_mismatch"]


def test_numbers_past_the_verdict_that_closes_the_result_are_the_next_criterions():
    t50 = Target(op=">=", value=50, unit="%")
    # '(29)' not read as a heading: 28's block runs on into 29's numbers
    c = crit(code="28", target=t50, numerator=37, denominator=43, fraction_raw="37/43", reported_verdict="chua_dat",
             verdict_raw="Chưa hoàn thành",
             evidence="+ 100% các sở, ngành ban hành kế hoạch phát triển kinh tế số: Kết quả thực hiện: 1 trên tổng số "
                      "2 kế hoạch (50,0%). Mức độ hoàn thành: Chưa hoàn thành. (29) 100% các sở, ngành triển khai các "
                      "hoạt động: 37/43 cơ quan")
    assert [f.check for f in check_verdict(c)] == ["not_read"]
    # the verdict first, the numbers after it, nothing but the target before: the numbers are the criterion's
    first = c.model_copy(update={"evidence": "28. Tỷ lệ các sở ban hành kế hoạch (chỉ tiêu ≥ 50%): (Chưa đạt) – 37/43 cơ quan"})
    assert [f.check for f in check_verdict(first)] == ["verdict_mismatch"]
    # numbers before the verdict: the usual order, judged
    usual = c.model_copy(update={"evidence": "28. Tỷ lệ các sở ban hành kế hoạch: 37/43 cơ quan. Mức độ hoàn thành: "
                                             "Chưa hoàn thành."})
    assert [f.check for f in check_verdict(usual)] == ["verdict_mismatch"]


def test_on_legacy_text_a_target_of_another_unit_than_the_catalogs_is_another_rows():
    lượt = Target(op=">=", value=20000, unit="lượt")
    c = crit(code="10", target=Target(op=">", value=80, unit="%"), target_raw="80%", catalog_target=lượt,
             numerator=13685, denominator=14743, fraction_raw="13.685/14.743", reported_verdict="chua_dat",
             verdict_raw="Chua",
             evidence="10 Quy IV It nhat Chua So luot truy cap Trang thong tin 20000 14.829 luot hoan Ty le nguoi dan tu "
                      "15 tuoi Cao hon 13.685/14.743 Hoan 80% (92,82%) nguoi thanh")
    assert [f.check for f in check_verdict(c)] == ["not_read"]
    # with the diacritics the report's own target stands
    typed = c.model_copy(update={"evidence": "10. Tỷ lệ người dân (cao hơn 80%): 13.685/14.743 người (92,82%) – Chưa đạt"})
    assert [f.check for f in check_verdict(typed)] == ["verdict_mismatch"]


def test_a_block_that_is_only_its_heading_proves_no_verdict_missing():
    mbs = Target(op=">=", value=100, unit="Mb/s")
    title = "Tốc độ truy cập Internet băng rộng cố định trung bình tại trụ sở UBND xã"
    c = CriterionRecord(code="1.2", title=title, target=mbs, evidence="TC 1.2: Tốc độ truy cập Internet băng rộng cố "
                        "định trung bình tại trụ sở")
    assert [f.check for f in check_verdict(c)] == ["not_read"]
    # a body with its result and no verdict: the report states none
    body = c.model_copy(update={"evidence": c.evidence + " UBND xã: kết quả đo kiểm đạt 120 Mb/s, theo số liệu của "
                                                         "doanh nghiệp viễn thông."})
    assert [f.check for f in check_verdict(body)] == ["verdict_missing"]


def test_a_year_of_a_deadline_cell_read_as_the_value_is_no_result():
    hours = Target(op="<=", value=4, unit="giờ")
    # legacy row '≤ 04 giờ | đạt 2,10 giờ | Năm 2024 | Đạt yêu cầu': the deadline's year read with the unit
    c = crit(code="3", target=hours, value=2024.0, value_unit="giờ", value_raw="2024 gio", reported_verdict="dat",
             verdict_raw="Pat", evidence="3 kiem dat 2,10 ket qua do Thoi gian khac phuc su co mat Nam Toi da 04 Pat yeu "
                                          "ket noi mang cua UBND xa 2024 gio cau gio day")
    assert [f.check for f in check_verdict(c)] == ["not_read"]
    # a value of that size with no date word in the row is judged ('2024 giờ' is then the report's number)
    plain = c.model_copy(update={"evidence": "3 Thoi gian khac phuc su co: 2024 gio, chi tieu toi da 04 gio – Pat"})
    assert [f.check for f in check_verdict(plain)] == ["verdict_mismatch"]


def test_on_legacy_text_a_percent_equal_to_another_measures_target_is_a_note():
    from pathlib import Path

    from audit import run_checks
    from extractors.catalog import load_catalog

    cat = load_catalog(Path(__file__).parent / "catalogs" / "ninhbinh-huyen-2024.json")
    t100 = Target(op=">=", value=100, unit="%")
    # criterion 4 measures '100% cán bộ … chữ ký số' and '95% văn bản đi được ký số'; a legacy row run together
    c = crit(code="4", target=t100, numerator=196, denominator=196, fraction_raw="196/196", reported_percent=95.0,
             percent_raw="95%", reported_verdict="dat", verdict_raw="Dat",
             evidence="4 100% can bo, cong chuc cap dat 100% huyen duoc cap chu ky so ca Thuong ≥ 100%; (196/196 can Dat "
                      "yeu nhan; 95% van ban di duoc ky xuyen ≥ 95% bo); 9 774/9 cau")
    rec = ReportRecord(source="x.txt", sha256="", framework="ninhbinh-huyen-2024", criteria=[c])
    assert [f.check for f in run_checks(rec, cat) if f.code == "4" and f.check != "not_read"] == []
    # a percent that is no measure's target, tied to the fraction: the report's slip (196/196 = 100 %)
    other = c.model_copy(update={"reported_percent": 96.0, "percent_raw": "96%",
                                 "evidence": c.evidence.replace("95% van ban", "96% van ban")})
    rec = ReportRecord(source="x.txt", sha256="", framework="ninhbinh-huyen-2024", criteria=[other])
    assert "percent_mismatch" in {f.check for f in run_checks(rec, cat) if f.code == "4"}


def test_a_neighbours_own_title_sharing_the_absent_titles_words_is_no_sign_of_its_row(catalog):
    from audit.checks import check_missing

    fw = catalog.get("thanhhoa-huyen-2024")
    codes = [c.code for c in fw.criteria]

    def result(**evidence: str) -> list[str]:
        crits = [CriterionRecord(code=k, title="t", page=1, reported_verdict="dat", verdict_raw="Đạt",
                                 evidence=evidence.get(k.replace(".", "_"), f"{k} Kết quả đạt"))
                 for k in codes if k != "3.4"]
        rec = ReportRecord(source="x", sha256="", framework=fw.id, criteria=crits)
        return [f.check for f in check_missing(rec, fw) if f.code == "3.4"]

    # 3.3's heading 'Tỷ lệ hồ sơ thủ tục hành chính tiếp nhận, giải quyết trực tuyến' shares most of absent 3.4's
    # 'Tỷ lệ hồ sơ tiếp nhận, giải quyết trực tuyến toàn trình': it is 3.3's own title, the absence is the report's
    own = "3.3. Tỷ lệ hồ sơ thủ tục hành chính tiếp nhận, giải quyết trực tuyến: 1.200/1.500 hồ sơ, đạt 80 %. Đạt."
    assert result(**{"3_3": own}) == ["criterion_missing"]
    # the same without diacritics (legacy text)
    folded = "3.3 Ty le ho so thu tuc hanh chinh tiep nhan, giai quyet truc tuyen: 1200/1500 ho so, dat 80 %. Dat."
    assert result(**{"3_3": folded}) == ["criterion_missing"]
    # 3.3's block also holds 3.4's row after its own (the rows ran together, 3.4's number lost): a note
    run = own + " Tỷ lệ hồ sơ tiếp nhận, giải quyết trực tuyến toàn trình: 900/1.000 hồ sơ. Đạt."
    assert result(**{"3_3": run}) == ["not_read"]
    # a block that is 3.4's row under 3.3's number (its own title not there): a note, as before
    other = "3.3 Tỷ lệ hồ sơ tiếp nhận, giải quyết trực tuyến toàn trình: 900/1.000 hồ sơ, đạt 90 %. Đạt."
    assert result(**{"3_3": other}) == ["not_read"]


def test_a_several_measure_verdict_is_judged_by_every_measure_when_each_was_read():
    t100, t95 = Target(op=">=", value=100, unit="%"), Target(op=">=", value=95, unit="%")
    ms = [Measure(numerator=207, denominator=207, raw="207/207"), Measure(numerator=19160, denominator=19583,
                                                                          raw="19 160/19 583")]

    def found(verdict: str, measures=ms, first=(207, 207)) -> list[str]:
        raw = {"vuot": "Vượt chỉ tiêu", "dat": "Đạt"}[verdict]
        c = crit(code="4", target=t100, numerator=first[0], denominator=first[1], reported_verdict=verdict, verdict_raw=raw,
                 measures=measures, evidence=f"{measures[0].raw} cán bộ; {measures[-1].raw} văn bản – {raw}")
        return [f.check for f in check_verdict(c, 2, [t100, t95])]

    # 'đạt 100 %, 207/207 cán bộ; đạt 97,84 %, 19 160/19 583 văn bản' against ≥100 % and ≥95 %: the first measure
    # only meets its target, so 'Vượt chỉ tiêu' is contradicted; 'Đạt' is not
    assert found("vuot") == ["verdict_mismatch"]
    assert found("dat") == []
    # the first measure 199/207 = 96,1 % fails its 100 % though it would pass the second's 95 %: each measure is
    # judged by its own target, 'Đạt' is contradicted
    fail = [Measure(numerator=199, denominator=207, raw="199/207"), ms[1]]
    assert found("dat", fail, first=(199, 207)) == ["verdict_mismatch"]
    # only one measure's result read: which measure 100 % is stays unsure, a note as before
    assert found("vuot", ms[:1]) == ["not_read"]


def test_a_target_read_that_is_the_result_itself_is_no_evidence_against_the_verdict():
    t50, t100 = Target(op=">=", value=50, unit="%"), Target(op=">=", value=100, unit="%")
    ev = "Kết quả thực hiện: 1 trên tổng số 2 kế hoạch (50,0%). Mức độ hoàn thành: Chưa hoàn thành."
    c = crit(code="28", target=t50, target_raw="kế hoạch (50,0%", catalog_target=t100, numerator=1, denominator=2,
             fraction_raw="1 trên tổng số 2", reported_verdict="chua_dat", verdict_raw="Chưa hoàn thành", evidence=ev)
    # the '50 %' read as the target is the result 1/2 itself; by the catalog's 100 % 'Chưa hoàn thành' stands
    assert [f.check for f in check_verdict(c)] == ["not_read"]
    # where the report's target is the catalog's own, 50 % against it and 'Chưa đạt' is the report's contradiction
    same = c.model_copy(update={"target": t50, "catalog_target": t50, "target_raw": "(chỉ tiêu 50%)"})
    assert [f.check for f in check_verdict(same)] == ["verdict_mismatch"]


def test_a_page_break_in_a_typed_narrative_report_does_not_hide_an_absent_criterion(catalog):
    from audit.checks import check_missing

    fw = catalog.get("thanhhoa-huyen-2024")
    codes = [c.code for c in fw.criteria]

    def result(layout: str, sources: list[str], evidence: str = "Kết quả: 45/50 hồ sơ. Tự đánh giá: Đạt.") -> list[str]:
        crits = [CriterionRecord(code=k, title="t", page=1 if codes.index(k) < codes.index("3.6") else 2,
                                 reported_verdict="dat", verdict_raw="Đạt", evidence=f"{k}. {evidence}")
                 for k in codes if k != "3.6"]
        rec = ReportRecord(source="x", sha256="", framework=fw.id, criteria=crits, layout=layout, page_sources=sources)
        return [f.check for f in check_missing(rec, fw) if f.code == "3.6"]

    # 3.5 ends page 1, 3.7 opens page 2 of a typed narrative report: 3.6's heading is nowhere, it is absent
    assert result("narrative", ["text-layer", "text-layer"]) == ["criterion_missing"]
    # a table: a row lost at the page break keeps its title in a cell; a note, as before
    assert result("table", ["text-layer", "text-layer"]) == ["not_read"]
    # a scanned page, or neighbours read without diacritics (legacy text): a note, as before
    assert result("narrative", ["text-layer", "ocr"]) == ["not_read"]
    assert result("narrative", ["text", "text"], "Ket qua: 45/50 ho so. Tu danh gia: Dat.") == ["not_read"]


T100 = Target(op=">=", value=100, unit="%")


@pytest.mark.parametrize(("evidence", "raw", "fires"), [
    # a table row whose cells ran together: the target cell 'Không thấp hơn 100%' wrapped 'Không' / 'thấp hơn', the
    # verdict cell 'Đạt': the one 'không' is the target's, so 'Không … đạt' is no evidence of a fail
    ("12 thiết kế, phân tích 100% cơ sở Không đạt 100%, chuẩn đầu ra thấp hơn tương ứng 2/2 Hoàn", "Không đạt", True),
    ("5 thap hon 215 215 100 % Phu song mang Khong mang Internet Dar yeu 100% cau 100 %", "Khong  Dar", True),
    ("23 thap h&n Pat 100% can bo Ty 1€ = s0 Khong vien chúc 947/947 nguoi (100%)", "Khong … Pat", True),  # 'h&n': hơn
    # a second 'không' of its own: the verdict 'Không đạt' stands beside the target 'Không thấp hơn 100%'
    ("12 Tỷ lệ cơ sở (không thấp hơn 100%): đạt 2/2 (100%) – Không đạt", "Không đạt", False),
    # a target 'cao hơn 30 %' is a target of its own (at least, not negated): the 'không' is the verdict's
    ("20 | Phấn đấu trên 30% các sở | Cao hơn 30 % | 3/13 phòng (tỉ lệ 23,1%) | Không hoàn thành", "Không hoàn thành", False),
    # a 'Chưa' of its own beside the target's 'không': the fail is the row's
    ("39 thấp hơn 100% hệ thống Không đạt 68.6%, Chưa đạt 35/51 hệ thống", "Không đạt", False),
])
def test_a_khong_the_row_spends_on_its_target_is_no_evidence_of_a_fail(evidence, raw, fires):
    from audit.checks import negation_unsure
    c = crit(code="12", title="100% cơ sở giáo dục", evidence=evidence, verdict_raw=raw, reported_verdict="chua_dat",
             numerator=2, denominator=2, reported_percent=100.0, percent_raw="100%", target=T100, catalog_target=T100)
    assert negation_unsure(c) is fires
    # 2/2 = 100 % meets '≥ 100 %': a 'Chưa đạt' pieced from the target's 'không' is a note, never a mismatch
    notes = [f for f in check_verdict(c) if "chữ 'không'" in f.message]
    assert bool(notes) is fires and all(f.check == "not_read" and f.severity == "info" for f in notes)


@pytest.mark.parametrize(("evidence", "title", "fires"), [
    # a lower-case 'đạt' read as a pass beside a 'Không' neither the target nor the title accounts for: the verdict cell
    # may be 'Không' / 'đạt' wrapped (the target cell 'Không thấp hơn 50%' takes one 'không', the other is spare)
    ("2 % Quý IV đạt Tỷ lệ hoạt động kiểm tra thông Không tỷ lệ 26.1%; cụ thấp hơn thể: 12/46 cuộc Không 50",
     "Tỷ lệ hoạt động kiểm tra", True),
    # the title's own 'không' ('không dùng tiền mặt') negates nothing
    ("8 Tỷ lệ hộ kinh doanh thanh toán không dùng tiền mặt 66,5% (901/1354) đạt",
     "Tỷ lệ hộ kinh doanh thanh toán không dùng tiền mặt", False),
])
def test_a_lower_case_pass_beside_a_spare_khong_is_unsure(evidence, title, fires):
    from audit.checks import negation_unsure
    t50 = Target(op=">=", value=50, unit="%")
    c = crit(title=title, evidence=evidence, verdict_raw="đạt", reported_verdict="dat", catalog_target=t50, target=t50)
    assert negation_unsure(c) is fires


def test_a_khong_negation_counts_each_target_word_once_and_not_a_title_word():
    from audit.checks import spare_negations
    t2 = Target(op="<=", value=2, unit="%")
    # 'không vượt quá 2%' needs one 'không' (not two for 'vượt quá' and 'quá'); 'Không đạt' has its own
    c = crit(title="Tỷ lệ hồ sơ trả kết quả trễ hẹn", catalog_target=t2, target=t2, verdict_raw="Không đạt",
             evidence="3.2. Tỷ lệ hồ sơ trả kết quả trễ hẹn (chỉ tiêu: không vượt quá 2%): đạt 3.30% (18/546) - Không đạt")
    assert spare_negations(c) == 1
    # 'giảm xuống dưới 3 %' ends another op: its 'dưới' needs no 'không'; 'kết quả' is no 'quá'
    t3 = Target(op="<", value=3, unit="%")
    c = crit(title="Ty le van ban bi tra lai", catalog_target=t3, target=t3, verdict_raw="Khong hoan thanh",
             evidence="4. Ty le van ban bi tra lai: Ket qua dat duoc: 344/19.465 = 1,8 % "
                      "(muc tieu giam xuong duoi 3 %) – Khong hoan thanh.")
    assert spare_negations(c) == 1


def test_on_legacy_text_a_lone_percent_equal_to_the_target_is_no_result():
    # the title's '100% trung tâm' and the target cell '100 %' beside a result cut apart ('(93 … %)')
    c = crit(code="5", title="Phủ sóng 100% trung tâm các thôn", target=T100, catalog_target=T100, reported_percent=100.0,
             percent_raw="100 %", reported_verdict="chua_dat", verdict_raw="Chua dat",
             evidence="5 quang den 100% trung % thap hon 175 thon (93 Chua dat 162 tren tong tam cac thon 100 %) ban tinh")
    [f] = check_verdict(c)
    assert f.check == "not_read"
    # with a fraction that bears the percent out, the percent is the result and the mismatch stands
    c2 = c.model_copy(update={"numerator": 175, "denominator": 175, "fraction_raw": "175/175"})
    assert check_verdict(c2)[0].check == "verdict_mismatch"


def test_a_value_equal_to_the_catalogs_target_beside_an_unread_target_word_is_no_result():
    t3 = Target(op=">=", value=3, unit="điểm")
    base = dict(code="1.5", title="Số điểm truy cập Wi-Fi công cộng miễn phí", target=None, catalog_target=t3,
                value=3.0, value_unit="điểm", value_raw="03 điểm", reported_verdict="vuot", verdict_raw="Vượt")
    # a target cell 'Tối thiểu 03 điểm' wrapped apart, the result 'hiện có 05 điểm' not read
    c = crit(**base, evidence="1.5 Tối thiểu hiện có 05 Vượt chỉ Số điểm truy cập Wi-Fi công cộng miễn phí 03 điểm điểm tiêu")
    assert check_verdict(c)[0].check == "not_read"
    # no target word in the row: '03 điểm' is the result, and 'Vượt' at the target is a mismatch
    c = crit(**base, evidence="1.5 Số điểm truy cập Wi-Fi công cộng miễn phí: hiện có 03 điểm – Vượt chỉ tiêu")
    assert check_verdict(c)[0].check == "verdict_mismatch"


@pytest.mark.parametrize(("evidence", "fires"), [
    ("3 gio ≤ 04 Thòi gian khac phuc su co mat dat múc 1,1 kêt noi mang cua UBND xa gio", True),  # 'đạt mức 1,1'
    ("2.4 diem tro Da dat Theo so liêu Tu 600 Diem dat múc 867,3 doanh", False),  # 'Đã đạt' stands apart too
])
def test_a_word_written_only_before_a_results_words_and_number_is_a_results(evidence, fires):
    from audit.checks import result_word_verdict
    c = crit(evidence=evidence, verdict_raw="dat", reported_verdict="dat")
    assert result_word_verdict(c) is fires


@pytest.mark.parametrize(("kw", "whole"), [
    # a wrapped result cell cut both numbers: '79,46% (1' / '431 trên 1' / '801 hộ)'; the target cell's 75 % was read
    (dict(numerator=431, denominator=1, fraction_raw="431 trên 1", reported_percent=75.0, percent_raw="75%",
          measures=[Measure(percent=79.46, raw="79,46%")], catalog_target=Target(op=">=", value=75, unit="%"),
          evidence="2.2 Tỷ lệ hộ gia đình % Không 79,46% (1 Hoàn Internet cáp quang thấp hơn 431 trên 1 thành 75% 801 hộ)"),
     "1431/1801"),
    # the whole's thousands wrapped onto the next line: '0.5% (5 tren 1' … '027 ho so)'
    (dict(numerator=5, denominator=1, fraction_raw="5 tren 1", reported_percent=0.5, percent_raw="0.5%",
          evidence="2.2 ≤ 1% Da dat Ty le ho so 0.5% (5 tren 1 Bo phan giai quyet qua han 027 ho so) Mot cua"), "5/1027"),
    # a swapped fraction is the report's: the whole after 'trên' is the fraction's own number, no lost digits
    (dict(numerator=481, denominator=472, fraction_raw="481 trên 472", reported_percent=98.1, percent_raw="98,1%",
          evidence="3.3 Tỷ lệ hồ sơ: 481 trên 472 hồ sơ (98,1%) – Đạt"), None),
    # a lone number of the row that makes no agreeing reading: the ratio stands
    (dict(numerator=12, denominator=10, fraction_raw="12/10", reported_percent=120.0, percent_raw="120%",
          evidence="1.1 Số hệ thống 3 đơn vị: 12/10 (120%) – Đạt"), None),
])
def test_a_number_a_wrapped_cell_cut_over_lines_is_read_whole_only_where_the_stated_percent_agrees(kw, whole):
    from audit.checks import rejoined
    c = crit(**kw)
    assert rejoined(c) == whole
    [f] = check_ratio(c)
    assert f.check == ("not_read" if whole else "ratio_exceeds_whole")


@pytest.mark.parametrize(("evidence", "check"), [
    # legacy text: the verdict cell 'Không đạt' wrapped, 'Khong' among the other cells, its 'đạt' run into '76,75%'
    ("1 % 80% ho so: 1 812/2 361 So liêu hanh chinh duoc tiep Khong nhan, giai quyêt truc dat 76,75% tính tuyen", "not_read"),
    # no half of a verdict anywhere in the row: the report states none
    ("1 % 80% ho so: 1 812/2 361 So liêu hanh chinh duoc tiep nhan, giai quyêt truc tuyen 76,75% tính", "verdict_missing"),
    # a 'Không quá 1%' target is no half of a verdict
    ("1 Khong qua 1% ho so: 12/2 361 So liêu hanh chinh duoc tiep nhan 0,5% tính tuyen", "verdict_missing"),
])
def test_on_legacy_text_a_capitalised_half_of_a_verdict_cell_proves_no_verdict_missing(evidence, check):
    c = crit(code="2.1", evidence=evidence, reported_verdict=None, numerator=1812, denominator=2361)
    assert check_verdict(c)[0].check == check


@pytest.mark.parametrize(("evidence", "check"), [
    # two rows ran together: this row's 'Pat' (Đạt) beside the next row's 'Vugt ke … hoach': 'Vượt' at 100 % of
    # '≥ 100 %' rests on which of the two is this row's
    ("1.6 100% 16 16 100% Pat S6 diêm truy cap Wi-Fi hien co Vugt ke 3 diem vuc trung tam 05 diêm hoach Ty 1¢ thon",
     "not_read"),
    # 'Day là kêt qua' is đây là, no verdict: the one verdict the row states stands
    ("1.6 Ty le thon 16/16 (100%). Kêt qua dánh giá: Vugt chi tieu. Day là kêt qua noi bat cua xa", "verdict_mismatch"),
])
def test_on_legacy_text_a_capitalised_verdict_of_another_kind_that_bears_the_numbers_out_is_a_note(evidence, check):
    c = crit(code="1.6", evidence=evidence, numerator=16, denominator=16, fraction_raw="16/16", reported_percent=100.0,
             percent_raw="100%", reported_verdict="vuot", verdict_raw="Vugt", target=T100, catalog_target=T100)
    assert check_verdict(c)[0].check == check


def test_a_several_measure_verdict_is_judged_by_stated_percents_where_a_fraction_was_not_read():
    t30, t60 = Target(op=">=", value=30, unit="%"), Target(op=">=", value=60, unit="%")
    # '1.203 trên tổng số 3.462 giao dịch (34,75 %); 3.717 trên tổng số 5.461 (68.1%). Tự đánh giá: Chưa hoàn thành.'
    # with the second fraction not read: 34,75 % ≥ 30 % and 68,1 % ≥ 60 %, both measures pass
    ms = [Measure(numerator=1203, denominator=3462, raw="1.203 trên tổng số 3.462"),
          Measure(percent=34.75, raw="34,75 %"), Measure(percent=68.1, raw="68.1%")]
    c = crit(code="17", numerator=1203, denominator=3462, reported_percent=34.75, percent_raw="34,75 %",
             reported_verdict="chua_dat", verdict_raw="Chưa hoàn thành", target=t30, catalog_target=t30, measures=ms,
             evidence="TC 17: có 1.203 trên tổng số 3.462 giao dịch (34,75 %); 3.717 trên tổng số 5.461 (68.1%). "
                      "Tự đánh giá: Chưa hoàn thành.")
    assert check_verdict(c, 2, [t30, t60])[0].check == "verdict_mismatch"
    # the second measure's result failing its target (58 % < 60 %): 'Chưa đạt' stands
    c2 = c.model_copy(update={"measures": ms[:2] + [Measure(percent=58.0, raw="58%")]})
    assert check_verdict(c2, 2, [t30, t60]) == []
    # only the first measure's result read: nothing to judge the second by
    c3 = c.model_copy(update={"measures": ms[:2]})
    assert check_verdict(c3, 2, [t30, t60]) == []


@pytest.mark.parametrize(("evidence", "bears"), [
    ("5 binh mot ho so thu tuc hành Da day Thoi gian giai quyet ≤ 03 trung bình ngày dat 7,45 ngày", True),
    # the word read is 'đây' of 'Trên đây là': no verdict, whatever the row's other cells say
    ("15 ky nang Da hoan thanh dan tren dia ban UBND Tren day là bao cao ket qua", False),
])
def test_a_capitalised_verdict_of_the_kind_read_bears_out_a_lower_case_word(evidence, bears):
    from audit.checks import cell_bears_out
    c = crit(evidence=evidence, verdict_raw="day", reported_verdict="dat")
    assert cell_bears_out(c) is bears
