"""Round 11: findings on legacy OCR text on positive evidence, both ways (audit/checks.py, audit/__init__.py).

Each row below is a criterion as the tool read it from a generated legacy-OCR text report (the evidence is the
row's text as read; the fields are what the reader made of it). The expected outcome is read by hand from the
text: a finding where the text proves it, a ``not_read`` note where it does not. Positive and negative cases per
class.
"""

from __future__ import annotations

from audit import run_checks
from audit.checks import _TARGET_BEFORE, check_percent, check_verdict, group_row_tally, percent_linked
from extractors.catalog import load_catalog
from extractors.record import CriterionRecord, GroupRecord, ReportRecord


def _c(**kw) -> CriterionRecord:
    kw.setdefault("title", "t")
    kw.setdefault("measures", [{"numerator": kw.get("numerator"), "denominator": kw.get("denominator"),
                                "raw": kw.get("fraction_raw")}, {"percent": kw.get("reported_percent"),
                                                                 "raw": kw.get("percent_raw")}])
    return CriterionRecord.model_validate(kw)


def _checks(fs) -> list[str]:
    return [f.check for f in fs]


PCT100 = {"op": ">=", "value": 100.0, "unit": "%"}
PCT85 = {"op": ">=", "value": 85.0, "unit": "%"}


# --- a percent read that is the target cell -------------------------------------------------------------------

def test_percent_read_as_the_catalogs_target_while_the_target_read_agrees_with_the_fraction_is_a_note():
    # 'Tối thiểu' / '100 %' (target cell) and '95,59 % (1669/1746)' (result cell) wrapped into each other: read
    # as target 95,59 % and result 100 %
    c = _c(code="1.5", target={"op": ">=", "value": 95.59, "unit": "%"}, target_raw="Tôi thieu 95,59 %",
           catalog_target=PCT100, numerator=1669, denominator=1746, fraction_raw="1669/1746", reported_percent=100.0,
           percent_raw="100 %", reported_verdict="chua_dat", verdict_raw="Khong … dat",
           evidence="5 1.5 % hoan Ty lé nguoi dan, doanh nghiep su dung dich vu Khong cong truc tuyen duoc Tôi thieu "
                    "95,59 % dinh danh va xac thuc 100 % (1669/1746) thanh diên tu thong suôt, hop nhat dat")
    assert _checks(check_percent(c)) == ["not_read"]


def test_percent_against_its_fraction_with_the_catalogs_target_read_keeps_the_finding():
    # the target read is the catalog's: the percent the text ties to x/y ('90 % (1669/1746)') is the report's
    c = _c(code="1.5", target=PCT100, target_raw="Tôi thieu 100 %", catalog_target=PCT100, numerator=1669,
           denominator=1746, fraction_raw="1669/1746", reported_percent=90.0, percent_raw="90 %",
           reported_verdict="chua_dat", verdict_raw="Chwa dat",
           evidence="5 1.5 % Ty lé nguoi dan su dung dich vu cong Tôi thieu 100 % 90 % (1669/1746) Chwa dat")
    assert _checks(check_percent(c)) == ["percent_mismatch"]


def test_percent_that_is_the_target_read_and_written_once_is_a_note():
    # '85%' stands once in the row: it cannot be both the target cell and the result ('tỷ lệ 65%' was lost)
    c = _c(code="4", target=PCT85, target_raw="85%", catalog_target=PCT85, numerator=931, denominator=1424,
           fraction_raw="931/1 424", reported_percent=85.0, percent_raw="85%", reported_verdict="dat",
           verdict_raw="hoan thanh",
           evidence="4 binh mot ho so thu tuc 3 chinh duoc tiep nhan, giai 85% the: 931/1 424 hoan hien / tong so "
                    "quyêt truc tuyen toan trinh ho so thanh ho so")
    assert _checks(check_percent(c)) == ["not_read"]


def test_percent_equal_to_the_target_but_written_twice_keeps_the_finding():
    c = _c(code="4", target=PCT85, target_raw="≥ 85%", catalog_target=PCT85, numerator=931, denominator=1424,
           fraction_raw="931/1 424", reported_percent=85.0, percent_raw="85%", reported_verdict="dat",
           verdict_raw="Dat", evidence="4 Ty le ho so truc tuyen toan trinh ≥ 85% ty le 85%; cu the: 931/1 424 Dat")
    assert _checks(check_percent(c)) == ["percent_mismatch"]


# --- a fraction not read whole ----------------------------------------------------------------------------------

def test_percent_against_a_part_larger_than_its_whole_cut_over_lines_is_a_note():
    # '(196 981/196' … '573': the part's first group stands before it
    c = _c(code="33", target={"op": ">", "value": 30.0, "unit": "%"}, target_raw="30%",
           catalog_target={"op": ">", "value": 30.0, "unit": "%"}, numerator=981, denominator=196,
           fraction_raw="981/196", reported_percent=100.0, percent_raw="100%", reported_verdict="dat", verdict_raw="dat",
           evidence="1 Ty lé dan so truong thanh co dat 100% Khao Cao hon Hoàn tai khoan dinh danh dien tu "
                    "(196 981/196 sat 573 30% thanh")
    assert _checks(check_percent(c)) == ["not_read"]


def test_the_target_cell_before_a_part_larger_than_its_whole_is_no_cut_digit():
    # '≥ 100 834/813 (100%)': the '100' is the target after its op; the part is whole, and the percent disagrees
    c = _c(code="7", target=PCT100, target_raw="≥ 100", catalog_target=PCT100, numerator=834, denominator=813,
           fraction_raw="834/813", reported_percent=100.0, percent_raw="100%", reported_verdict="dat",
           verdict_raw="hoan thanh",
           evidence="7 % ≥ 100 834/813 (100%) thac Ty 1¢ doanh nghi&p tren dia ban su Da hoan dung hoa don dien tu thanh")
    assert _checks(check_percent(c)) == ["percent_mismatch"]


def test_a_part_that_lost_its_thousands_group_is_no_fraction_to_hold_a_percent_against():
    c = _c(code="3.4", target={"op": ">=", "value": 90.0, "unit": "%"}, target_raw="thap hon … 90 %",
           catalog_target=PCT85, numerator=48, denominator=15649, fraction_raw="048/15 649", reported_percent=100.0,
           percent_raw="100 %", reported_verdict="dat", verdict_raw="day",
           evidence="3.4 % thap hon tong sb 6 287 Dat % thap hon day yeu tiep nhan, giai quyet truc tuyen 048/15 649 "
                    "ho 90 % cau s& Khong 6 287 tren Ty I¢ hô so tiep nhan toan trinh 85 % ho so (100 %)")
    assert _checks(check_percent(c)) == ["not_read"]


# --- a group row's tally read into its first row -----------------------------------------------------------------

def _group_row(fraction_raw: str, n: int, d: int) -> tuple[ReportRecord, CriterionRecord]:
    fw = load_catalog().get("thanhhoa-qd176-2022")
    assert fw is not None and [c.code for g in fw.groups if g.code == "2" for c in g.criteria][0] == "2.1"
    c = _c(code="2.1", target={"op": ">=", "value": 6.0, "unit": "%"}, target_raw="Toi thieu\n6",
           catalog_target={"op": ">=", "value": 20.0, "unit": "%"}, numerator=n, denominator=d,
           fraction_raw=fraction_raw, reported_percent=59.0, percent_raw="59%", reported_verdict="vuot",
           verdict_raw="Vwot", evidence=f"6 2.1 % dat ty lé 59% muc {fraction_raw} Vwot Ty trong kinh té sb trong Toi "
                                        "thieu tung nganh, dia phuong 20% tieu")
    return ReportRecord(source="r.txt", sha256="0" * 64, framework=fw.id, criteria=[c]), c


def test_a_padded_count_of_the_groups_size_opening_the_group_is_its_tally_not_a_result():
    rec, c = _group_row("02/03", 2, 3)  # 'II VE KINH TE SO' / '02/03' wrapped onto the next line
    fw = load_catalog().get("thanhhoa-qd176-2022")
    assert fw is not None and group_row_tally(rec, fw, c) == "2"
    fs = run_checks(rec, load_catalog())
    assert "percent_mismatch" not in _checks(f for f in fs if f.code == "2.1")


def test_an_unpadded_result_fraction_of_the_groups_size_stays_the_rows():
    rec, c = _group_row("2/3", 2, 3)
    fw = load_catalog().get("thanhhoa-qd176-2022")
    assert fw is not None and group_row_tally(rec, fw, c) is None


def test_a_padded_count_equal_to_the_tally_read_for_its_group_is_still_the_group_rows():
    # the group row 'II VE KINH TE SO' / '02/03' is read as the group's tally and also leaked into its first row:
    # the tally read agrees with the fraction, so it is no evidence that the fraction is the row's own
    rec, c = _group_row("02/03", 2, 3)
    fw = load_catalog().get("thanhhoa-qd176-2022")
    assert fw is not None
    rec.groups = [GroupRecord(code="2", criteria_total=3, reported_passed=2, reported_total=3, counted_passed=0)]
    assert group_row_tally(rec, fw, c) == "2"
    assert "percent_mismatch" not in _checks(f for f in run_checks(rec, load_catalog()) if f.code == "2.1")


def test_a_padded_count_unlike_the_tally_read_for_its_group_stays_the_rows():
    rec, c = _group_row("02/03", 2, 3)
    fw = load_catalog().get("thanhhoa-qd176-2022")
    assert fw is not None
    rec.groups = [GroupRecord(code="2", criteria_total=3, reported_passed=3, reported_total=3, counted_passed=0)]
    assert group_row_tally(rec, fw, c) is None


# --- what ties a percent to its fraction on legacy text ----------------------------------------------------------

def test_ocr_digits_inside_the_words_between_fraction_and_percent_still_tie_them():
    c = _c(code="2", target=PCT100, target_raw="≥\n100%", numerator=18969, denominator=19984,
           fraction_raw="18 969/19 984", reported_percent=96.13, percent_raw="96.13%", reported_verdict="chua_dat",
           verdict_raw="Khong hoan thanh",
           evidence="2. Ty 1é ket qua giai quyet thu tuc hanh chinh duoc tra ban dien tu [≥ 100%]: 18 969/19 984 kêt "
                    "qu3 = 96.13%. Danh gia: Khong hoan thanh.")
    assert percent_linked(c) is True
    assert _checks(check_percent(c)) == ["percent_mismatch"]


def test_a_number_between_fraction_and_percent_leaves_them_untied():
    c = _c(code="2", target=PCT100, target_raw="≥\n100%", numerator=18969, denominator=19984,
           fraction_raw="18 969/19 984", reported_percent=96.13, percent_raw="96.13%", reported_verdict="chua_dat",
           verdict_raw="Khong hoan thanh",
           evidence="2. Ty 1é ket qua giai quyet [≥ 100%]: 18 969/19 984 ho so 2 750 = 96.13%. Danh gia: Khong hoan thanh.")
    assert percent_linked(c) is False


def test_a_percent_cell_cut_inside_its_parenthesis_is_the_fractions():
    c = _c(code="6", target={"op": ">=", "value": 50.0, "unit": "%"}, target_raw="50", numerator=41, denominator=40,
           fraction_raw="41/40", reported_percent=70.0, percent_raw="70,00 %", reported_verdict="dat", verdict_raw="dat",
           evidence="6 % 50 Da dat Ty le co so y tê su dung Quy 41/40 (70,00 hô so benh an dien tu III/2024 %) co so")
    assert percent_linked(c) is True
    other = c.model_copy(update={"evidence": "6 % 50 Da dat Ty le co so y tê 41/40 (70,00 hô so benh an 35 %) co so"})
    assert percent_linked(other) is False  # the '%' closing the parenthesis is another number's


def test_an_equals_sign_before_the_percent_ties_it_to_the_rows_only_fraction():
    ev = ("1 % Ty lé dich vu cong truc tuyên toan trinh tren tông Thang Tù 80 tro 195/192 thii tuc Dat yeu s6 thu tuc "
          "hanh chinh du 12/2024 len = 97.4% cau dieu kiên")
    c = _c(code="1", target={"op": ">=", "value": 80.0, "unit": "%"}, target_raw="Tù 80",
           catalog_target={"op": ">=", "value": 80.0, "unit": "%"}, numerator=195, denominator=192,
           fraction_raw="195/192", reported_percent=97.4, percent_raw="97.4%", reported_verdict="dat", verdict_raw="Dat",
           evidence=ev)
    assert percent_linked(c) is True
    two = c.model_copy(update={"evidence": ev.replace("12/2024", "15/20")})
    assert percent_linked(two) is False  # two fractions: which one the '=' computes the text does not say


def test_a_parenthesized_percent_after_the_rows_only_fraction_is_its():
    ev = ("8 > 60% kinh doanh li8u cua 675/719 h6 Ty I¢ ho kinh doanh su dung Hoan doanh thanh toán khong dùng tien "
          "mat thanh nghi8p (92.64%) vien thông")
    c = _c(code="8", target={"op": ">", "value": 60.0, "unit": "%"}, target_raw="60%", numerator=675, denominator=719,
           fraction_raw="675/719", reported_percent=92.64, percent_raw="92.64%", reported_verdict="dat",
           verdict_raw="day", evidence=ev)
    assert percent_linked(c) is True
    other = c.model_copy(update={"evidence": ev.replace("su dung", "su dung 6 287")})
    assert percent_linked(other) is False  # another number between: the percent may be another cell's


def test_dat_ty_le_outside_the_title_ties_the_lone_fraction_and_percent():
    ev = ("37 % Tren 30% 2025 gia Hoan Ty lé dan so truong thanh su 64534/197324 thanh dung nen tang ho tro tu van "
          "nguoi, dat ty 1€ kham chua bênh tu xa trên 30% 29,8% vuot chi")
    t30 = {"op": ">", "value": 30.0, "unit": "%"}
    c = _c(code="37", title="Tỷ lệ dân số trưởng thành sử dụng nền tảng hỗ trợ tư vấn khám chữa bệnh từ xa trên 30%",
           target=t30, target_raw="30%", catalog_target=t30, numerator=64534, denominator=197324,
           fraction_raw="64534/197324", reported_percent=29.8, percent_raw="29,8%", reported_verdict="vuot",
           verdict_raw="vuot", evidence=ev)
    assert percent_linked(c) is True
    assert percent_linked(c.model_copy(update={"evidence": ev.replace("nguoi, dat ty 1€", "nguoi,")})) is False


def test_garbled_cues_of_a_target_stated_after_the_result_mark_a_target():
    assert _TARGET_BEFORE.search("... (46 %); chi tieu cle ra la ")
    assert _TARGET_BEFORE.search("(phan dau day ")
    assert not _TARGET_BEFORE.search("so ho so dat ty le ")


# --- verdicts ------------------------------------------------------------------------------------------------

def test_the_reports_own_op_marked_count_target_judges_where_the_catalogs_exceeds_the_whole():
    c = _c(code="3.1", target={"op": ">=", "value": 23.0, "unit": "xã"}, target_raw="(it nhat 23 xa)",
           catalog_target={"op": ">=", "value": 300.0, "unit": "xã"}, numerator=26, denominator=31,
           fraction_raw="26/31", reported_verdict="chua_dat", verdict_raw="Khong day",
           measures=[{"numerator": 26, "denominator": 31, "raw": "26/31"}],
           evidence="3.1. So luong xi, phuong, thi tran tro len hoan thanh chuyen doi sd theo Bo tieu chi danh gia "
                    "chuyen dôi s6 tjnh Thanh Hoa (it nhat 23 xa): 26/31 xi - Khong day")
    assert _checks(check_verdict(c)) == ["verdict_mismatch"]
    bare = c.model_copy(update={"target_raw": "23 xa", "evidence": c.evidence.replace("(it nhat 23 xa)", "23 xa")})
    assert _checks(check_verdict(bare)) == ["not_read"]  # a number read as a target without its op word


def _wrapped_verdict(after_dat: str) -> CriterionRecord:
    unit = "tài khoản/người"
    return _c(code="3.1", target={"op": ">=", "value": 1.0, "unit": unit}, target_raw="≥1",
              catalog_target={"op": ">=", "value": 1.0, "unit": unit}, value=2.7, value_unit=unit, value_raw="2,70 tai",
              reported_verdict="chua_dat", verdict_raw="Chwa … dat", measures=[],
              evidence=f"3.1 toán dien tu binh quan tai Quy IV ≥1 tai 2,70 tai dat {after_dat} S6 tai khoan thanh binh "
                       "quan Chwa cua ngwoi dan tu 15 khoan/nguoi khoan/nguoi kho3n/nguoi câu tuoi tro len")


def test_a_pieced_verdict_going_on_with_a_verdicts_tail_is_the_rows_wrapped_verdict_cell():
    # 'Chưa đạt yêu cầu' wrapped: 'Chwa' / 'dat yeu' / 'câu'; 2,70 ≥ 1 contradicts it
    assert _checks(check_verdict(_wrapped_verdict("yeu"))) == ["verdict_mismatch"]


def test_a_pieced_verdict_without_a_verdicts_tail_stays_a_note():
    assert _checks(check_verdict(_wrapped_verdict("uoc tinh"))) == ["not_read"]


def test_a_cut_parenthesized_percent_ties_even_where_the_same_number_stands_elsewhere():
    # '342/334 (100 Dat yeu doanh %)': the result cell '342/334 (100 %)' wrapped; the title's '100%' is another
    c = _c(code="3.1", target=PCT100, target_raw="thâp hon … 100%", catalog_target=PCT100, numerator=342,
           denominator=334, fraction_raw="342/334", reported_percent=100.0, percent_raw="100%", reported_verdict="dat",
           verdict_raw="Dat",
           evidence="3.1 tinh, co ket nôi mang LAN, thâp hon Theo s6 Ty 1€ can bo, công chuc cua lieu cua cap huy8n "
                    "duoc trang bi may Khong 342/334 (100 Dat yeu doanh %) can bo câu nghiep duoc cai dat phân mem diet "
                    "100% vien virus ban quyen")
    assert percent_linked(c) is True
    assert _checks(check_percent(c)) == ["percent_mismatch"]


# --- criterion_missing: the absent criteria the report shows a heading of are the tool's known misses -------------

def _huyen(read: list[str], shown: list[str]) -> ReportRecord:
    fw = load_catalog().get("thanhhoa-huyen-2024")
    assert fw is not None
    crits = [CriterionRecord(code=c.code, title=c.title, evidence=f"{c.code} {c.title} Dat", reported_verdict="dat",
                             verdict_raw="Dat", page=1) for c in fw.criteria if c.code in read]
    return ReportRecord(source="r.txt", sha256="0" * 64, framework=fw.id, criteria=crits, unread_codes=shown,
                        page_sources=["text"])


def test_one_unseen_absence_among_absences_whose_headings_the_report_shows_is_a_finding():
    from audit.checks import check_missing
    fw = load_catalog().get("thanhhoa-huyen-2024")
    assert fw is not None
    codes = [c.code for c in fw.criteria]
    gone = [codes[1], codes[4], codes[8], codes[14], codes[18]]  # four shown but unread, one absent without trace
    rec = _huyen([k for k in codes if k not in gone], gone[:2] + gone[3:])
    got = {f.code: f.check for f in check_missing(rec, fw)}
    assert got[codes[8]] == "criterion_missing"
    assert {got[k] for k in gone if k != codes[8]} == {"not_read"}


def test_absences_without_trace_beyond_the_share_are_the_tools_failed_reading():
    from audit.checks import check_missing
    fw = load_catalog().get("thanhhoa-huyen-2024")
    assert fw is not None
    codes = [c.code for c in fw.criteria]
    gone = [codes[1], codes[4], codes[8], codes[14], codes[18]]
    rec = _huyen([k for k in codes if k not in gone], [codes[1]])  # four absent without trace
    assert [(f.check, f.code) for f in check_missing(rec, fw)] == [("not_read", None)]


# --- verdict_missing beside a block whose 'Không' is its target's --------------------------------------------------

def test_a_khong_that_the_target_needs_is_no_stray_verdict_fragment():
    from audit.checks import stray_fragment
    t15 = {"op": ">=", "value": 15.0, "unit": "tổ"}
    # 'Không' / 'thấp hơn' / '10 tổ' (the target cell) and 'Đạt yêu cầu' (the verdict) wrapped into each other
    c = _c(code="3.3", target=t15, catalog_target=t15, value=15.0, value_unit="tổ", reported_verdict="dat",
           verdict_raw="Pay", measures=[],
           evidence="3.3 to tông s0 15 to Theo sd Khong Sb To công ngh8 s6 cong Pay yeu lieu cua thâp hon dông hoat "
                    "dong hieu qua cau doanh 10 to nghiep")
    assert not stray_fragment(c)
    # without the target's 'thấp hơn' the 'Khong' is half of another row's verdict cell 'Không đạt'
    assert stray_fragment(c.model_copy(update={"evidence": c.evidence.replace("thâp hon", "")}))


def test_a_percent_after_a_target_word_is_no_result_of_a_block_that_is_only_a_heading():
    from audit.checks import _heading_only
    c = _c(code="15", title="Tỷ lệ sở, ngành đủ điều kiện cung cấp dữ liệu mở", reported_percent=100.0,
           percent_raw="100%", measures=[], evidence="15 Phan dau 100% so, nganh du dieu kien cung cap du lieu")
    assert _heading_only(c)
    assert not _heading_only(c.model_copy(update={"evidence": c.evidence.replace("Phan dau", "dat")}))


# --- found on scratch seeds: the target read agreeing with x/y without a catalog, a neighbour holding a count target --

def test_a_target_read_that_agrees_with_the_fraction_is_the_result_read_the_wrong_way_round_without_a_catalog_too():
    ev = "1 % hoan Khong Ty 1¢ ho so thu tuc hành chính nôp Ít nhat 62,5% truc tuyen 70% (19647/31448)"
    c = _c(code="1", target={"op": ">=", "value": 62.5, "unit": "%"}, target_raw="62,5%", numerator=19647,
           denominator=31448, fraction_raw="19647/31448", reported_percent=70.0, percent_raw="70%",
           reported_verdict="chua_dat", verdict_raw="khong hoan", evidence=ev)
    assert _checks(check_percent(c)) == ["not_read"]
    other = _c(**{**c.model_dump(exclude={"measures"}), "target": {"op": ">=", "value": 80.0, "unit": "%"},
                  "target_raw": "80%", "evidence": ev.replace("62,5%", "80%")})
    assert _checks(check_percent(other)) == ["percent_mismatch"]  # 'Ít nhất 80%' is a target; 70% is x/y's, wrongly
    # a round target equal to x/y ('Ít nhất 100%' of a row at 100%) is no sign of cells read the wrong way round
    full = _c(**{**c.model_dump(exclude={"measures"}), "target": {"op": ">=", "value": 100.0, "unit": "%"},
                 "target_raw": "100%", "numerator": 31448, "fraction_raw": "31448/31448", "reported_percent": 95.0,
                 "percent_raw": "95%", "evidence": "1 % Ty 1¢ ho so nôp Ít nhat 100% truc tuyen 95% (31448/31448)"})
    assert _checks(check_percent(full)) == ["percent_mismatch"]


def test_an_absent_criterions_count_target_and_unit_in_a_neighbours_block_show_its_row_there():
    from audit.checks import _target_and_unit_in
    from extractors.catalog import Target
    luot, pct = Target(op=">=", value=20000.0, unit="lượt"), Target(op=">", value=80.0, unit="%")
    block = "2 len co tai khoan thanh toan tren 80% tong so 16 934 1 20.000 co 16.067 luot hoan tin dien tu cua xa"
    assert _target_and_unit_in(luot, pct, block)
    assert not _target_and_unit_in(luot, pct, block.replace("20.000", "21.000"))
    assert not _target_and_unit_in(luot, Target(op=">=", value=100.0, unit="lượt"), block)  # the neighbour's own unit


def test_a_part_and_whole_before_a_lone_percent_that_bear_out_the_verdict_leave_it_unjudged():
    # 'Tử số | Mẫu số | Tỷ lệ' cells '8 | 2 169 | 3.8%' (the report's slip: 8/2169 = 0,37 %), verdict 'Đạt' by x/y
    t1 = {"op": "<=", "value": 1.0, "unit": "%"}
    ev = "2.2 8 2 169 3.8% Da dat Ty 1¢ hô so thu tuc hanh Tôi da chinh giai quyet qua han 1%"
    c = _c(code="2.2", target=t1, target_raw="Tôi da … 1%", catalog_target=t1, reported_percent=3.8, percent_raw="3.8%",
           reported_verdict="dat", verdict_raw="dat", measures=[{"percent": 3.8, "raw": "3.8%"}], evidence=ev)
    assert _checks(check_verdict(c)) == ["not_read"]
    # the two numbers make x/y 38 %: 'Đạt' is contradicted whichever the verdict follows
    other = _c(**{**c.model_dump(exclude={"measures"}), "evidence": ev.replace("8 2 169", "8 21"),
                  "measures": [{"percent": 3.8, "raw": "3.8%"}]})
    assert _checks(check_verdict(other)) == ["verdict_mismatch"]


# --- a row cut without a catalog: a verdict_mismatch stands where every part of the row is its own ------------------

def _cut_row(evidence: str, target_raw: str) -> ReportRecord:
    mb = {"op": ">=", "value": 40.0, "unit": "Mb/s"}
    c = _c(code="3", title="Toc do truy cap Internet bang rong di dong tai trung tam", target=mb, target_raw=target_raw,
           value=25.77, value_unit="Mb/s", value_raw="25,77", reported_verdict="dat", verdict_raw="Pay", measures=[],
           low_confidence=True, evidence=evidence)
    return ReportRecord(source="r.txt", sha256="0" * 64, provisional=True, criteria=[c])


def test_a_cut_row_with_one_verdict_an_op_marked_target_and_only_its_own_numbers_keeps_its_verdict_mismatch():
    ev = "3 rông di d9ng tai trung tâm ≥ 40 Mb/s Toc do truy cap Internet bang là 25,77 Pay yêu Mb/s cau"
    fs = run_checks(_cut_row(ev, "≥ 40 Mb/s"), load_catalog())
    assert "verdict_mismatch" in _checks(f for f in fs if f.code == "3")


def test_a_cut_row_holding_another_number_leaves_its_verdict_unjudged():
    ev = "3 rông di d9ng tai trung tâm ≥ 40 Mb/s Toc do truy cap Internet bang là 25,77 Pay yêu Mb/s cau 61,3"
    fs = run_checks(_cut_row(ev, "≥ 40 Mb/s"), load_catalog())
    assert "verdict_mismatch" not in _checks(f for f in fs if f.code == "3")  # 61,3 may be this row's result
