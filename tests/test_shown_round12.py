"""Issue 12: a criterion the tool could not read but whose title the document shows is the tool's miss
(`unread_codes`, a `not_read` note), never `criterion_missing` against the report.

Legacy OCR text of a table loses its cell separators: a title cell wraps over several lines with the
other cells' words (target, fraction, verdict, method) between its parts, and OCR may drop the row's STT.
The title is then shown although no line opens with it. The texts below are ours, written to show the
class; the expected codes are read by hand from them. Negative cases: a neighbour that shares the
title's opening words, and a title whose words are scattered over unrelated lines.
"""

from __future__ import annotations

from extractors.catalog_models import Criterion, Framework, Group
from extractors.extract import shown_unread
from ingest.models import Line

FW = Framework(id="x", title="x", groups=[Group(code="V", title="Xã hội số", criteria=[
    Criterion(code="33", title="Tỷ lệ dân số trưởng thành có tài khoản định danh điện tử trên 30%"),
    Criterion(code="34", title="Tỷ lệ dân số trưởng thành có chữ ký số hoặc chữ ký điện tử cá nhân trên 30%"),
    Criterion(code="35", title="Tỷ lệ dân số trưởng thành có tài khoản dịch vụ công trực tuyến trên 60%"),
    Criterion(code="36", title="Xây dựng và ban hành được danh mục cơ sở dữ liệu dùng chung của tỉnh"),
    Criterion(code="37", title="Văn bản điện tử được ký số theo quy định của pháp luật trên địa bàn"),
])])


def _lines(text: str) -> list[Line]:
    return [Line(page=1, number=i, text=t) for i, t in enumerate(text.splitlines(), 1) if t.strip()]


# 33 read; 34's row lost its STT and its title cell wrapped around the target, fraction and verdict cells
ROW_34 = """Ty le dan sb truong dat yeu 88458/127754
Cao hon Pat yeu
33 thành co tai khoan djnh cau/Tong s6 nguoi = 69,2
danh dien tu tren 30% nguoi) x %
Ty lé = sd
Ty le dan s6 truong
ngiroj da
thanh co chu ky s6 hoac Tren 30 54965/54965 Dat yeu
thuc hien /
chu ky dien tu cá nhan % nguoj = 100% cau
"""


def test_wrapped_title_without_its_stt_is_shown():
    assert shown_unread(_lines(ROW_34), FW, {"33"}) == ["34"]


def test_neighbour_sharing_the_opening_words_is_not_the_absent_criterion():
    # 35 is absent: its opening 'Tỷ lệ dân số trưởng thành có' is 33's and 34's, the words after it are not
    assert "35" not in shown_unread(_lines(ROW_34), FW, {"33", "34"})


def test_title_opening_with_a_letter_that_is_a_roman_numeral():
    # 'Xây dựng …' and 'Văn bản …': the X and V are words, not a group's Roman numeral before the title
    text = """II Du liêu s0
Xay dung va ban hành
duoc danh muc co so du (Sb co so du
lieu dung chung cua tinh; lieu dat yeu
8/12 co so = Dar yeu
Van ban dien tu duoc ky so theo quy dinh cua phap luat tren dia ban 95% Dat
"""
    assert shown_unread(_lines(text), FW, {"33", "34", "35"}) == ["36", "37"]


def test_scattered_words_are_no_title():
    # the words of 36's title, but over lines of prose and out of their order: nothing is shown
    text = """Xay dung ke hoach nam 2024 cua tinh.
Danh muc van ban da ban hanh gom 12 van ban.
Co so du lieu dat dai duoc cap nhat; dung chung voi so ban nganh.
"""
    assert shown_unread(_lines(text), FW, {"33", "34", "35", "37"}) == []


# ---- no-catalog reports: a result's value that wrapped onto its own line, ending its sentence ---------

def test_wrapped_rate_value_ending_its_sentence_is_no_heading():
    from extractors.provisional import _heading, _rate_unit_first
    assert _rate_unit_first("giao dịch/người/tháng.")
    assert _heading(Line(page=1, number=1, text="4,6 giao dịch/người/tháng.")) is None
    # a heading whose title names what it counts stays one, its full stop or not
    assert _heading(Line(page=1, number=1, text="4.6. Số giao dịch thanh toán không dùng tiền mặt.")) is not None
    assert not _rate_unit_first("Số giao dịch/người/tháng.")


# ---- a part's first thousands group that is the target's value ---------------------------------------

def _crit(evidence: str, raw: str, n: int, d: int):
    from extractors.record import CriterionRecord
    return CriterionRecord.model_validate({"code": "2.3", "title": "t", "evidence": evidence, "fraction_raw": raw,
                                           "numerator": n, "denominator": d, "page": 2})


def test_group_after_the_target_sign_is_no_evidence_of_a_part_over_its_whole():
    from audit.checks import check_ratio
    # the wrapped row put the target cell's '≥ 70' before the part's last digits: 28 351 read 70 351
    c = _crit("2.3 Hộ gia đình được phủ mạng % ≥ 70 351/49 032 hộ Chưa tỷ lệ 57.82%; cụ thể: 28 Internet",
              "70 351/49 032", 70351, 49032)
    assert [f.check for f in check_ratio(c)] == ["not_read"]


def test_part_over_its_whole_without_a_sign_before_it_is_found():
    from audit.checks import check_ratio
    c = _crit("2.3 Hộ gia đình được phủ mạng (≥ 70%): đạt 70 351/49 032 hộ, tỷ lệ 143,5%", "70 351/49 032", 70351, 49032)
    assert [f.check for f in check_ratio(c)] == ["ratio_exceeds_whole"]
