"""Round 12: findings on legacy OCR text need positive evidence (audit/checks.py, audit/__init__.py).

Each row below is a criterion as the tool read it from a legacy-OCR text report (the evidence is the row's text as
read, accents dropped and glyphs garbled; the fields are what the reader made of it). The classes come from
false findings on documents nobody tuned on (scratch seeds); the expected outcome is read by hand from the text:
a finding where the text proves it, a ``not_read`` note where it does not. Positive and negative cases per class.
"""

from __future__ import annotations

from audit import run_checks
from audit.checks import check_percent, check_verdict, tally_unsure
from extractors.catalog import load_catalog
from extractors.record import CriterionRecord, ReportRecord, SummaryRecord


def _c(**kw) -> CriterionRecord:
    kw.setdefault("title", "t")
    kw.setdefault("measures", [m for m in ({"numerator": kw.get("numerator"), "denominator": kw.get("denominator"),
                                            "raw": kw.get("fraction_raw")},
                                           {"percent": kw.get("reported_percent"), "raw": kw.get("percent_raw")})
                               if m["raw"]])
    return CriterionRecord.model_validate(kw)


def _checks(fs) -> list[str]:
    return [f.check for f in fs]


PCT45 = {"op": ">=", "value": 45.0, "unit": "%"}


# --- a verdict cell whose last word wrapped away: 'Da hoan' ------------------------------------------------------

def test_block_ending_in_the_start_of_a_wrapped_verdict_cell_is_a_note_not_verdict_missing():
    # 'Ít nhất 45' / 'Đã hoàn' … 'thành' on a line of the next row's block: the verdict is there, not placed
    c = _c(code="11", target=PCT45, target_raw="It nhat 45", catalog_target=PCT45, numerator=2065, denominator=2902,
           fraction_raw="2 065/2 902", reported_percent=71.2, percent_raw="71,2 %",
           evidence="11 2 065 2 902 71,2 % Ty 1¢ thanh toán truc tuyên ho so thu tuc hanh chính tren It nhat 45 Da hoan")
    fs = check_verdict(c)
    assert _checks(fs) == ["not_read"] and "Da hoan" in fs[0].message


def test_block_without_any_verdict_words_keeps_verdict_missing():
    c = _c(code="11", target=PCT45, target_raw="It nhat 45", catalog_target=PCT45, numerator=2065, denominator=2902,
           fraction_raw="2 065/2 902", reported_percent=71.2, percent_raw="71,2 %",
           evidence="11 2 065 2 902 71,2 % Ty 1¢ thanh toán truc tuyên ho so thu tuc hanh chính tren It nhat 45")
    assert _checks(check_verdict(c)) == ["verdict_missing"]


def test_da_hoan_thien_is_a_sentence_not_a_verdict_start():
    # 'Đã hoàn thiện hạ tầng …' (completed the infrastructure): a word of the row, no verdict cell
    c = _c(code="11", target=PCT45, target_raw="It nhat 45", catalog_target=PCT45, numerator=2065, denominator=2902,
           fraction_raw="2 065/2 902", reported_percent=71.2, percent_raw="71,2 %",
           evidence="11 2 065 2 902 71,2 % Da hoan thien ha tang thanh toán truc tuyên It nhat 45")
    assert _checks(check_verdict(c)) == ["verdict_missing"]


# --- the row's own code read as its target -----------------------------------------------------------------------

XA300 = {"op": ">=", "value": 300.0, "unit": "xã"}


def test_target_that_is_the_criterions_dotted_code_is_a_note():
    # 'Tối thiểu' / '3.1 xã': the code line ran into the target cell, whose '21 xã' wrapped to another line
    c = _c(code="3.1", target={"op": ">=", "value": 3.1, "unit": "xã"}, target_raw="Toi thieu\n3.1 x3",
           catalog_target=XA300, numerator=16, denominator=23, fraction_raw="16/23", reported_verdict="chua_dat",
           verdict_raw="Chwa dat", evidence="3.1 x3: 16/23 Chwa dat S6 luong xd, phuong, thi tran tro len hoan thanh "
                                            "chuyen doi so Nam Toi thieu theo Bo tieu chi 2024 21 xa")
    fs = check_verdict(c)
    assert _checks(fs) == ["not_read"] and "3.1" in fs[0].message


def test_target_unlike_the_code_keeps_the_verdict_mismatch():
    c = _c(code="3.1", target={"op": ">=", "value": 10.0, "unit": "xã"}, target_raw="Toi thieu 10 xa",
           catalog_target=XA300, numerator=16, denominator=23, fraction_raw="16/23", reported_verdict="chua_dat",
           verdict_raw="Chwa dat", evidence="3.1 Toi thieu 10 xa: 16/23 Chwa dat S6 luong xa hoan thanh chuyen doi so")
    assert _checks(check_verdict(c)) == ["verdict_mismatch"]


# --- a unit of one letter: 'là' read as '1a' ---------------------------------------------------------------------

def test_target_in_a_one_letter_unit_is_a_note():
    # 'chỉ tiêu đề ra là 02 giao dịch/người/tháng' read 'chj tiêu de ra 1a 02 …': target 1 'a'
    c = _c(code="3.4", target={"op": ">=", "value": 1.0, "unit": "a"}, target_raw="chj tiêu de ra 1a", value=1.8,
           value_unit="a", value_raw="1,8", reported_verdict="chua_dat", verdict_raw="Khong dat",
           evidence="Chi tieu 3.4: So giao dich thanh toan khong dung tiên mat binh quan: Ket qua trung bình dat 1,8 "
                    "giao dich/nguoi/thang; chj tiêu de ra 1a 02 giao dich/nguoi/thang (tu danh gia: Khong dat)")
    assert _checks(check_verdict(c)) == ["not_read"]


def test_target_in_a_real_unit_keeps_the_verdict_mismatch():
    unit = "giao dịch/người/tháng"
    c = _c(code="3.4", target={"op": ">=", "value": 1.5, "unit": unit}, target_raw="chj tiêu de ra 1,5", value=1.8,
           value_unit=unit, value_raw="1,8", reported_verdict="chua_dat", verdict_raw="Khong dat",
           evidence="Chi tieu 3.4: So giao dich thanh toan khong dung tiên mat binh quan: Ket qua trung bình dat 1,8 "
                    "giao dich/nguoi/thang; chj tiêu de ra 1,5 giao dich/nguoi/thang (tu danh gia: Khong dat)")
    assert _checks(check_verdict(c)) == ["verdict_mismatch"]


# --- a verdict judged by a fraction not read whole ---------------------------------------------------------------

GT28 = {"op": ">", "value": 28.0, "unit": "%"}


def test_verdict_against_a_part_larger_than_its_shorter_whole_is_a_note():
    # '501 tren 28' of a wrapped '20 501 trên 28 801 hồ sơ': the part and the whole lost digits to other lines
    c = _c(code="3.4", target=GT28, target_raw="tren 28", catalog_target={"op": ">=", "value": 85.0, "unit": "%"},
           numerator=501, denominator=28, fraction_raw="501 tren 28", reported_percent=95.2, percent_raw="95.2%",
           reported_verdict="chua_dat", verdict_raw="Chua … dat",
           evidence="3.4 % 501 tren 28 dat yeu ty lé 95.2% 71.18% (20 Chua Ty le hd so tiep nhan, giai quyet Toi "
                    "thiêu truc tuyen toan trinh 85 801 hô so) cau")
    fs = check_verdict(c)
    assert _checks(fs) == ["not_read"] and "501 tren 28" in fs[0].message


def test_verdict_against_a_whole_fraction_keeps_the_verdict_mismatch():
    c = _c(code="3.4", target=GT28, target_raw="tren 28", catalog_target={"op": ">", "value": 28.0, "unit": "%"},
           numerator=20, denominator=28, fraction_raw="20/28", reported_percent=71.43, percent_raw="71,43%",
           reported_verdict="chua_dat", verdict_raw="Chua dat",
           evidence="3.4 Ty le ho so tiep nhan truc tuyen tren 28 % 20/28 (71,43%) Chua dat")
    assert _checks(check_verdict(c)) == ["verdict_mismatch"]


# --- the fraction's own ratio written after '=' with its '%' wrapped away -----------------------------------------

LE1 = {"op": "<=", "value": 1.0, "unit": "%"}


def test_fraction_followed_by_its_own_ratio_after_equals_is_a_note():
    # 'Tối đa 2/586 = 0,34' / '%' on the next line; '60,22 %' is the next row's result run into the block
    c = _c(code="2.2", target=LE1, target_raw="T0i da … 1%", catalog_target=LE1, numerator=2, denominator=586,
           fraction_raw="2/586", reported_percent=60.22, percent_raw="60,22 %", reported_verdict="dat",
           verdict_raw="hoan thanh",
           evidence="8 2.2 Ty lé ho so thu tuc hanh chinh T0i da 2/586 = 0,34 Da hoan gjai quyêt quá han 1% % thanh ty "
                    "1€ 60,22 %;")
    fs = check_percent(c)
    assert _checks(fs) == ["not_read"] and "0,34" in fs[0].message


def test_fraction_followed_by_another_number_after_equals_keeps_the_percent_mismatch():
    c = _c(code="2.2", target=LE1, target_raw="T0i da 1%", catalog_target=LE1, numerator=2, denominator=586,
           fraction_raw="2/586", reported_percent=60.22, percent_raw="60,22 %", reported_verdict="dat",
           verdict_raw="Dat", evidence="8 2.2 Ty lé ho so thu tuc hanh chinh T0i da 1% 2/586 = 60,22 % Dat")
    assert _checks(check_percent(c)) == ["percent_mismatch"]


# --- verdict words a tally cannot count on ------------------------------------------------------------------------

MH2 = {"op": ">=", "value": 2.0, "unit": "mô hình"}


def test_lower_case_dat_before_a_count_is_a_result_for_the_tally():
    # '5 đạt 04 mô hình': 'đạt' of the result cell, the verdict cell is empty
    c = _c(code="5", target=MH2, target_raw="It nhât 02", value=4.0, value_unit="mô hình", value_raw="04 mo hinh",
           reported_verdict="dat", verdict_raw="dat",
           evidence="5 dat 04 mo hinh van ban So mo hinh chuyên doi s6 So lieu thong It nhât 02 diem duoc triên khai")
    assert tally_unsure(c)


def test_lower_case_dat_standing_alone_stays_countable():
    c = _c(code="5", target=MH2, target_raw="It nhât 02", value=4.0, value_unit="mô hình", value_raw="04 mo hinh",
           reported_verdict="dat", verdict_raw="dat",
           evidence="5 04 mo hinh van ban So mo hinh chuyên doi s6 So lieu thong It nhât 02 diem duoc triên khai dat")
    assert not tally_unsure(c)


def test_dat_yeu_cau_of_the_method_cell_is_no_verdict_for_the_tally():
    # '(Số hệ thống đạt yêu cầu/Tổng số hệ thống)': the method column's formula wrapped among the other cells
    c = _c(code="1.1", target={"op": ">=", "value": 100.0, "unit": "%"}, target_raw="It nhat … 100%", numerator=19,
           denominator=19, fraction_raw="19/19", reported_percent=100.0, percent_raw="100%", reported_verdict="dat",
           verdict_raw="day",
           evidence="1.1 cau/Tong so Ty lé cac he thông thông (Sb he thong tin, co so du lieu dung day yeu chung, co so "
                    "du lieu chuyen It nhat 19/19 (100%) nganh dugc kêt noi, chia 100% he thong he thong)")
    assert tally_unsure(c)


def test_dat_yeu_cau_without_a_formula_stays_countable():
    # 'đạt yêu cầu' as the row's own verdict wording, no ratio 'cầu/Tổng số' in the block
    c = _c(code="1.1", target={"op": ">=", "value": 100.0, "unit": "%"}, target_raw="It nhat 100%", numerator=19,
           denominator=19, fraction_raw="19/19", reported_percent=100.0, percent_raw="100%", reported_verdict="dat",
           verdict_raw="day",
           evidence="1.1 Ty lé cac he thông thông tin duoc kêt noi It nhat 100% 19/19 (100%) day yeu chung")
    assert not tally_unsure(c)


def test_a_provisional_summary_over_a_result_word_verdict_is_a_note():
    # without a catalog: the tally 'đạt 1/2' against a count that takes '5 dat 04 mo hinh' as passed
    five = _c(code="5", target=MH2, target_raw="It nhât 02", value=4.0, value_unit="mô hình", value_raw="04 mo hinh",
              reported_verdict="dat", verdict_raw="dat",
              evidence="5 dat 04 mo hinh van ban So mo hinh chuyên doi s6 So lieu thong It nhât 02 diem duoc")
    six = _c(code="6", target=MH2, target_raw="It nhat 02", value=3.0, value_unit="mô hình", value_raw="03 mo hinh",
             reported_verdict="dat", verdict_raw="Dat", evidence="6 So mo hinh 03 mo hinh It nhat 02 Dat")
    rec = ReportRecord(source="x.txt", sha256="0", provisional=True, criteria=[five, six],
                       summary=SummaryRecord(reported_passed=1, reported_total=2, criteria_total=2, counted_passed=2))
    fs = run_checks(rec, load_catalog())
    assert "summary_tally_mismatch" not in _checks(fs)
    five.verdict_raw, five.evidence = "Dat", "5 So mo hinh 04 mo hinh It nhât 02 Dat"
    rec2 = ReportRecord(source="x.txt", sha256="0", provisional=True, criteria=[five, six],
                        summary=SummaryRecord(reported_passed=1, reported_total=2, criteria_total=2, counted_passed=2))
    assert "summary_tally_mismatch" in _checks(run_checks(rec2, load_catalog()))


# --- a survey count of the note cell read as the result ----------------------------------------------------------

TK9000 = {"op": ">=", "value": 9000.0, "unit": "tài khoản"}


def test_value_written_only_after_the_note_cells_khao_sat_is_a_note():
    # 'Khảo' / 'sát 382' / 'phiếu' (the note cell) among the row's cells; the result '13.767 tài khoản' stands apart
    c = _c(code="2", target=TK9000, target_raw="≥ 9.000", catalog_target=TK9000, value=382.0, value_unit="tài khoản",
           value_raw="382 taj khoan", reported_verdict="vuot", verdict_raw="Vwot",
           evidence="2 muc d0 2 duoc kích hoat trên 13.767 tài muc sat 382 Sb tai khoan dinh danh diên tu tong sb Vwot "
                    "Khao ≥ 9.000 taj khoan dia ban xa khoan tieu phieu")
    fs = check_verdict(c)
    assert _checks(fs) == ["not_read"] and "382" in fs[0].message


def test_value_written_as_the_result_keeps_the_verdict_mismatch():
    c = _c(code="2", target=TK9000, target_raw="≥ 9.000", catalog_target=TK9000, value=382.0, value_unit="tài khoản",
           value_raw="382 taj khoan", reported_verdict="vuot", verdict_raw="Vwot",
           evidence="2 So tai khoan dinh danh dien tu muc do 2 duoc kich hoat: 382 taj khoan ≥ 9.000 taj khoan Vwot "
                    "Khao sat 125 phieu")
    assert _checks(check_verdict(c)) == ["verdict_mismatch"]


# --- a fraction whose first digit is glued to a letter: 's6 597/5 561', 'b9/146' ---------------------------------

def test_part_glued_to_a_letter_is_a_note_for_ratio_and_verdict():
    # 'tổng số 4 597/5 561' garbled 'tong s6 597/5 561': the '6' is the 'ố' of 'số', the '4' stands elsewhere
    c = _c(code="3.5", catalog_target=PCT45, numerator=6597, denominator=5561, fraction_raw="6 597/5 561",
           reported_percent=45.0, percent_raw="45%", reported_verdict="chua_dat", verdict_raw="Chwa dat",
           evidence="5 thanh toan cua dich vu hien / tong s6 597/5 561 giao Chwa dat tren tong s6 gjao dich Ty 1é "
                    "thanh toan truc tuyen dat 82,7%, tren tong s6 giao dich cong tu&ng ung 4 It nhât 45%")
    run = run_checks(ReportRecord(source="x.txt", sha256="0", criteria=[c]), load_catalog())
    assert "ratio_exceeds_whole" not in _checks(run) and "verdict_mismatch" not in _checks(run)
    assert "not_read" in _checks(run)


def test_part_after_a_blank_keeps_ratio_exceeds_whole():
    c = _c(code="3.5", catalog_target=PCT45, numerator=6597, denominator=5561, fraction_raw="6 597/5 561",
           reported_percent=118.63, percent_raw="118,63%", reported_verdict="dat", verdict_raw="Dat",
           evidence="5 Ty le thanh toan truc tuyen: tong so 6 597/5 561 giao dich (118,63%) It nhat 45% Dat")
    assert _checks(run_checks(ReportRecord(source="x.txt", sha256="0", criteria=[c]), load_catalog())) \
        == ["ratio_exceeds_whole"]


# --- without a catalog, the target read agrees with x/y and the percent read does not ------------------------------

def test_target_read_agreeing_with_the_fraction_is_a_note_without_a_catalog():
    # 'Tối thiểu 70 %' / 'trực tuyến 77 % (3.649/4.725)' read with target 77 % and result 70 %
    c = _c(code="1", target={"op": ">=", "value": 77.0, "unit": "%"}, target_raw="77 %", numerator=3649,
           denominator=4725, fraction_raw="3.649/4.725", reported_percent=70.0, percent_raw="70 %",
           evidence="1 % Ty I¢ ho so thu tuc hanh chính nop Toi thieu 77 % truc tuyen 70 % (3.649/4.725)")
    assert _checks(check_percent(c)) == ["not_read"]


def test_target_read_unlike_the_fraction_keeps_the_percent_mismatch():
    c = _c(code="1", target={"op": ">=", "value": 60.0, "unit": "%"}, target_raw="60 %", numerator=3649,
           denominator=4725, fraction_raw="3.649/4.725", reported_percent=70.0, percent_raw="70 %",
           evidence="1 % Ty I¢ ho so thu tuc hanh chính nop Toi thieu 60 % truc tuyen 70 % (3.649/4.725)")
    assert _checks(check_percent(c)) == ["percent_mismatch"]

