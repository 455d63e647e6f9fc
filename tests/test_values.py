"""Issue 13 classes 1–2 and issue 12 class 5: measured values in any unit, counts, and group tallies.

Every expected value below is read by hand from the text written in the test (what a clerk reads
in it), not taken from the tool's output. The sentences are ours, written to show each class, with
negative cases: a target is not the value, a year is not a value, a criterion's own x/y is not a
group's tally, a tally of criteria is not a criterion's measure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.catalog import load_catalog
from extractors.extract import extract
from extractors.measure import find_value
from extractors.tallies import find_claims, group_number
from ingest.models import Document, Line, Page

HY = "hungyen-xa-2024"
CATALOG = Path(__file__).parent / "catalogs" / "hungyen-xa-2024.json"


@pytest.fixture(scope="module")
def fw():
    return load_catalog(CATALOG).get(HY)


def _lines(text: str, covered: bool = False) -> list[Line]:
    return [Line(page=1, number=i, text=t) for i, t in enumerate(text.splitlines(), 1) if t.strip()]


def _doc(text: str, kind: str = "pdf") -> Document:
    return Document(path=f"r.{kind}", sha256="0" * 64, kind=kind, pages=[Page(number=1, lines=_lines(text))])


# ---- measured values and counts -----------------------------------------------------------------

@pytest.mark.parametrize("code, text, value, unit", [
    ("1.1", "kết quả đo kiểm đạt 70,27 Mb/s", 70.27, "Mb/s"),
    ("1.3", "Kết quả: đạt 75 thuê bao/100 dân", 75.0, "thuê bao/100 dân"),
    ("3.1", "bình quân 01 tài khoản/người", 1.0, "tài khoản/người"),
    # a count's result, after its target written with an op or a cue: the target is not the value
    ("1.5", "≥3 điểm có 05 điểm", 5.0, "điểm"),
    ("3.3", "(chỉ tiêu năm 2024: 10 tổ): Toàn xã có 20 tổ - Đã đạt", 20.0, "tổ"),
    ("1.5", "Kết quả thực hiện: có 02 điểm (KH giao 03 điểm).", 2.0, "điểm"),
    ("3.3", "Từ 10 tổ trở lên | 19 tổ | Đã đạt", 19.0, "tổ"),
])
def test_value_in_the_criterions_own_unit(fw, code, text, value, unit):
    hit = find_value(text, fw.by_code[code])
    assert hit is not None and (hit.value, hit.unit) == (value, unit)


@pytest.mark.parametrize("code, text", [
    ("1.5", "Từ 03 điểm trở lên"),            # only the target is written
    ("3.3", "chỉ tiêu giao 10 tổ"),           # ibid., after a cue
    ("1.1", "≥ 36 Mb/s"),                      # ibid., after an op
    ("1.5", "Kế hoạch năm 2024 điểm mới"),    # a year is not a count
])
def test_no_value_where_only_a_target_or_a_year_stands(fw, code, text):
    assert find_value(text, fw.by_code[code]) is None


def _read(text: str, kind: str = "pdf"):
    rec = extract(_doc(text, kind), load_catalog(CATALOG), HY)
    return rec, {c.code: c for c in rec.criteria}


REPORT = "\n".join([
    'BÁO CÁO',
    'Kết quả thực hiện Bộ tiêu chí hạ tầng số và chuyển đổi số cấp xã năm 2024',
    'Nhóm 1: Hạ tầng số',
    '1.1. Tốc độ truy cập Internet băng rộng di động trung bình trên địa bàn xã (chỉ tiêu ≥ 36'
    ' Mb/s): kết quả đo kiểm đạt 70,27 Mb/s. Tự đánh giá: Đạt.',
    '1.5. Số điểm truy cập Wi-Fi công cộng miễn phí tại khu vực trung tâm xã, nhà văn hóa thôn (chỉ'
    ' tiêu năm 2024: 03 điểm): Kết quả: có 02 điểm. Kết quả đánh giá: Chưa đạt.',
    '1.6. Tỷ lệ thôn, tổ dân phố được phủ sóng di động 4G/5G (100%): 12/12 thôn, đạt 100%. Đạt.',
    'Nhóm về Hạ tầng số có 2/3 chỉ tiêu đạt.',
    'Nhóm 2: Chính quyền số (đạt 1/2)',
    '2.1. Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến toàn trình (≥ 80%):'
    ' 450/500 hồ sơ, đạt 90%. Đạt.',
    '2.3. Tỷ lệ văn bản đi của UBND xã được ký số và gửi trên môi trường điện tử (≥ 95%): 90/100'
    ' văn bản, đạt 90%. Chưa đạt.',
    'Nhóm II: Xã hội số (đạt 1/1)',
    '3.3. Số Tổ công nghệ số cộng đồng hoạt động hiệu quả (mục tiêu 10 tổ): 18 tổ (Đã đạt).',
    '',
])


def test_values_and_counts_in_a_narrative_report():
    _, got = _read(REPORT)
    assert (got["1.1"].value, got["1.1"].value_unit) == (70.27, "Mb/s")
    assert got["1.1"].target is not None and got["1.1"].target.value == 36
    assert (got["1.5"].value, got["1.5"].value_unit) == (2.0, "điểm")
    assert (got["3.3"].value, got["3.3"].value_unit) == (18.0, "tổ")
    # a proportion keeps its x/y and gets no value
    assert (got["1.6"].numerator, got["1.6"].denominator, got["1.6"].value) == (12, 12, None)


# ---- group tallies ------------------------------------------------------------------------------

def test_group_tallies_after_a_group_in_its_heading_and_with_roman_numbers():
    rec, _ = _read(REPORT)
    tallies = {g.code: (g.reported_passed, g.reported_total) for g in rec.groups}
    # the report writes only the criteria it has; its tallies count those (hand-read above)
    # each group's claim as written, though the report shows only some of the group's criteria:
    # "Nhóm về Hạ tầng số có 2/3 chỉ tiêu đạt", "Nhóm 2: … (đạt 1/2)", "Nhóm II: … (đạt 1/1)"
    assert tallies.get("1") == (2, 3)
    assert tallies.get("2") == (1, 2)
    assert tallies.get("3") == (1, 1)
    # they agree with the verdicts read, and a total below the set's size is no finding
    from audit import run_checks

    findings = run_checks(rec, load_catalog(CATALOG))
    assert not [f for f in findings if f.check in ("group_tally_mismatch", "summary_tally_mismatch")]


FULL_GROUPS = """Nhóm về Hạ tầng số có 5/6 chỉ tiêu đạt.
Nhóm 2: Chính quyền số (đạt 3/5)
Nhóm III – Xã hội số: đạt 04/05
"""


def test_tally_lines_inside_criterion_blocks_are_read_by_group_title_number_or_roman(fw):
    claims = find_claims([], fw, [], inside=_lines(FULL_GROUPS))
    assert {(c.group, c.passed, c.total) for c in claims} == {("1", 5, 6), ("2", 3, 5), ("3", 4, 5)}


def test_a_criterions_own_fraction_inside_its_block_is_no_group_tally(fw):
    inside = _lines("Tỷ lệ hồ sơ chính quyền số giải quyết trực tuyến đạt 5/5 hồ sơ.\n"
                    "Kết quả: đạt 3/5 thôn.\n")
    assert find_claims([], fw, [], inside=inside) == []


def test_group_codes_roman_and_arabic_are_the_same_number():
    assert [group_number(c) for c in ("1", "02", "II", "iv", "X.")] == [1, 2, 2, 4, 10]
    assert group_number("B") is None


LOOSE = """BÁO CÁO
Kết quả thực hiện Bộ tiêu chí hạ tầng số và chuyển đổi số cấp xã năm 2024
TT Số hiệu Tên tiêu chí Chỉ tiêu Kết quả Tự đánh giá
Tốc độ truy cập Internet băng rộng di
1 1.1 động trung bình trên địa bàn xã ≥ 36 Mb/s 70,27 Mb/s Đạt
Số điểm truy cập Wi-Fi công
cộng miễn phí tại khu vực
5 1.5 điểm ≥ 03 điểm 02 điểm Chưa đạt
trung tâm xã, nhà văn hóa
thôn
Số thuê bao băng rộng di ≥ 90 thuê
3 1.3 động trên 100 dân bao/100 dân 46 thuê Chưa đạt
bao/100 dân
"""


def test_legacy_text_rows_value_after_its_target_and_a_unit_wrapped_in_its_cell():
    _, got = _read(LOOSE, kind="txt")
    c = got["1.5"]
    # '1.5 điểm' is the code before a wrapped title word: the target is the one the op marks
    assert c.target is not None and (c.target.op, c.target.value) == (">=", 3.0)
    assert (c.value, c.value_unit) == (2.0, "điểm")
    assert (got["1.1"].value, got["1.1"].target.value) == (70.27, 36.0)
    assert (got["1.3"].value, got["1.3"].value_unit) == (46.0, "thuê bao/100 dân")


def test_a_tally_larger_than_the_whole_set_is_no_tally(fw):
    # 'đẩy' folds to a garbled 'đạt'; 151/151 counts establishments, not criteria
    claims = find_claims(_lines("Nhóm Xã hội số: thúc đẩy 151/151 cơ sở\n"), fw, [])
    assert claims == []


def test_a_formulas_factor_is_no_stated_percent():
    from extractors.numbers import find_percents
    text = "(Số hồ sơ trễ hạn/Tổng số hồ sơ) x 100%: đạt 0,2 % (53/25 344 hồ sơ)"
    assert [p.value for p in find_percents(text)] == [0.2]
    assert [p.value for p in find_percents("tỷ lệ 100% (12/12)")] == [100.0]


def test_a_footnote_run_into_a_legacy_row_does_not_negate_its_verdict():
    text = "\n".join([
        "TT Số hiệu Tên tiêu chí Chỉ tiêu Kết quả Tự đánh giá",
        "Số tổ công nghệ số cộng đồng",
        "(*) Số liệu tính đến ngày 2/4/2024; 47 đơn vị chưa cập nhật.",
        "14 3.3 hoạt động hiệu quả ≥ 10 tổ có 16 tổ Đã đạt",
    ])
    _, got = _read(text, kind="txt")
    assert got["3.3"].reported_verdict == "dat"
    assert got["3.3"].value == 16.0


NB = Path(__file__).parent / "catalogs" / "ninhbinh-huyen-2024.json"


@pytest.mark.parametrize("code, text, value, unit", [
    # legacy OCR garbles a unit's last word; its other words and its place after the number stay
    ("6", "Ket qua: 69,04 thue bao/100 h0; danh gia: Chua dat.", 69.04, "thuê bao/100 hộ"),
    ("9", "Ket qua thuc hien: 26,7 gi& ( Chua hoan thanh)", 26.7, "giờ"),
    ("5", "Ket qua: 8 co so du 1ieu – Dat.", 8.0, "cơ sở dữ liệu"),
])
def test_value_whose_units_last_word_ocr_garbled(code, text, value, unit):
    crit = load_catalog(NB).get("ninhbinh-huyen-2024").by_code[code]
    hit = find_value(text, crit)
    assert hit is not None and (hit.value, hit.unit) == (value, unit)


def test_garbled_unit_after_a_paren_or_a_target_word_is_the_target_and_a_long_value_reads(fw):
    crit9 = load_catalog(NB).get("ninhbinh-huyen-2024").by_code["9"]
    assert find_value("(chi tieu: toi da 24 gi&)", crit9) is None
    hit = find_value("Kết quả: bình quân 1128,16 điểm – Hoàn thành.", fw.by_code["2.4"])
    assert hit is not None and hit.value == 1128.16


def test_a_summary_worded_tally_of_a_larger_set_stays_the_overall_tally(fw):
    # the set here has 16 criteria; the report tallies its own 20 ('Tổng số …'): kept, for the audit to compare
    claims = find_claims(_lines("Tổng số 20 chỉ tiêu, đã đạt 18/20 chỉ tiêu.\n"), fw, [])
    assert [(c.group, c.passed, c.total) for c in claims] == [(None, 18, 20)]


def test_tally_with_ocr_garbled_criteria_word_after_a_group(fw):
    # legacy OCR writes 'chỉ tiêu' as 'chj tieu' / 'chi tjeu' (as the criterion readers already accept)
    claims = find_claims([], fw, [], inside=_lines("Nhom ve Chinh quyen s6 co 3/5 chj tieu dat.\n"
                                                   "Nhom ve Xa hoi s0 co 4/5 chi tjeu day.\n"))
    assert {(c.group, c.passed, c.total) for c in claims} == {("2", 3, 5), ("3", 4, 5)}


def test_a_decimal_after_a_result_word_in_a_row_run_together_is_the_value(fw):
    row = "11 3.1 dien tu binh quan cua nguoi tai ≥ 1 tai binh quan 2,94 Vugt S6 tai khoan thanh toan khoan/nguoi"
    hit = find_value(row, fw.by_code["3.1"])
    assert hit is not None and (hit.value, hit.unit) == (2.94, "tài khoản/người")
    # a percent or a decimal with no result word before it is not taken
    assert find_value("11 3.1 tai ≥ 1 tai 2,94 Vugt khoan/nguoi", fw.by_code["3.1"]) is None


def test_a_value_equal_to_the_code_after_a_result_word_is_still_the_value(fw):
    hit = find_value("3.1 Số tài khoản …: Kết quả đạt 3,1 tài khoản/người – Vượt.", fw.by_code["3.1"])
    assert hit is not None and hit.value == 3.1
