"""Round 12b: loose table rows (cells ran together, no separators) — 'trên' joining a result fraction's
part and whole ('11 trên tổng' / … 'số 18 cơ sở', rejoined '11 trên 18') is no target op 'trên' (>);
the row's own STT before the unit column's '%' ('2 % Quý IV') is no percent of a target cell wrapped
apart from its op words; and of two 'Không' on a line ('Không Không' / … 'thấp hơn hoàn' / … 'thành')
the target cell takes one, the other stays the verdict's ('Không hoàn thành').

Every expected value is read by hand from the text written in the test (what a clerk reads in the
table), not taken from the tool's output.
"""

from __future__ import annotations

import pytest

from extractors.catalog_models import Criterion, Framework, Group, Target
from extractors.extract import extract
from extractors.table_loose import _bare_op_number, _loose_rows, _op_mark, _wrapped_op_rx
from tests.reading import page_lines as _lines
from tests.reading import text_document


@pytest.fixture(scope="module")
def catalog(merged_catalog):
    return merged_catalog


def _read(text: str, catalog):
    rec = extract(text_document(_lines(text), "report.txt"), catalog, None)
    return {c.code: c for c in rec.criteria}


def _target(c) -> tuple[str, float, str] | None:
    return None if c.target is None else (c.target.op, c.target.value, c.target.unit)


# --- 'N trên M' of a result fraction is no target op ------------------------------------------------

HEAD = """BÁO CÁO
Kết quả thực hiện các chỉ tiêu chuyển đổi số năm 2024
Kết quả cụ thể theo biểu dưới đây:
TT Tên chỉ tiêu Đơn vị tính Chỉ tiêu đến năm 2025 Thực hiện Kết quả đánh giá
1 Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến % Từ 70% trở lên 6175 hồ sơ/15726 hồ sơ, đạt 39.27% Không đạt
"""
TAIL = """3 Tỷ lệ hộ kinh doanh sử dụng thanh toán không dùng tiền mặt % Cao hơn 60% 1538 hộ/1621 hộ, đạt 94,9% Đã đạt
Kết quả: huyện đạt 2 trên 3 chỉ tiêu.
"""

FRACTION_ROW = """2 Tỷ lệ cơ sở y tế sử dụng hồ sơ % Từ 50% 11 trên tổng Đã đạt
bệnh án điện tử trở lên số 18 cơ sở
(61,1%)
"""


def _fraction_framework() -> Framework:
    return Framework(id="x", title="x", criteria=[
        Criterion(code="1", title="Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến", target=Target(op=">=", value=70, unit="%")),
        Criterion(code="2", title="Tỷ lệ cơ sở y tế sử dụng hồ sơ bệnh án điện tử", target=Target(op=">=", value=50, unit="%")),
        Criterion(code="3", title="Tỷ lệ hộ kinh doanh sử dụng thanh toán không dùng tiền mặt",
                  target=Target(op=">", value=60, unit="%"))])


def test_fraction_tren_is_no_target_op():
    got = _loose_rows(_lines(HEAD + FRACTION_ROW + TAIL), _fraction_framework(), {}, set())
    # 'Từ 50%' / … / 'trở lên' is the target; '11 trên tổng số 18 cơ sở' the result
    assert _target(got["2"]) == (">=", 50.0, "%")
    assert (got["2"].numerator, got["2"].denominator) == (11, 18)
    assert got["2"].reported_verdict == "dat"


def test_op_tren_before_a_bare_number_is_still_the_target():
    # negative: 'Trên 50' right after the unit column's '%' (no number before it) is the target cell
    row = """2 Tỷ lệ cơ sở y tế sử dụng hồ sơ % Trên 50 11 trên tổng Đã đạt
bệnh án điện tử số 18 cơ sở
(61,1%)
"""
    got = _loose_rows(_lines(HEAD + row + TAIL), _fraction_framework(), {}, set())
    assert _target(got["2"]) == (">", 50.0, "%")
    assert _target(got["1"]) == (">=", 70.0, "%") and _target(got["3"]) == (">", 60.0, "%")


def test_fraction_tren_patterns():
    # the part before 'trên' and a whole with no '%' after: a fraction, no op
    assert _bare_op_number().search("% 11 tren 18 co") is None
    assert _bare_op_number().search("khong 79,46% 431 tren 1 thanh") is None
    assert _op_mark().search("11 tren 18 co so") is None
    assert not any(m["word"] == "tren" for m in _wrapped_op_rx().finditer("11 tren 18 co so"))
    # not a fraction: no number before 'trên', or the number after it is a percent
    assert _bare_op_number().search("% tren 80 ket qua")[2] == "80"
    assert _op_mark().search("dat tren 80") is not None
    assert _op_mark().search("50% tren 18") is not None
    assert any(m["word"] == "tren" and m["pct"] for m in _wrapped_op_rx().finditer("2025 tren 80 %"))


# --- the row's STT before the unit column's '%' is no target percent --------------------------------

def _framework() -> Framework:
    crits = [Criterion(code="1.1", title="Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến",
                       target=Target(op=">=", value=70, unit="%")),
             Criterion(code="1.2", title="Tỷ lệ hoạt động kiểm tra của cơ quan quản lý nhà nước được thực hiện "
                                         "thông qua môi trường mạng và hệ thống thông tin của cơ quan quản lý",
                       target=Target(op=">=", value=50, unit="%")),
             Criterion(code="1.3", title="Tỷ lệ hồ sơ thủ tục hành chính trả kết quả trễ hẹn",
                       target=Target(op="<", value=2, unit="%"))]
    return Framework(id="x", title="x", groups=[Group(code="I", title="Chính quyền số", criteria=crits)])


STT_PCT = """TT Chi tieu Don vi Thoi gian hoan thanh Chi tieu nam 2025 Ket qua thuc hien Ket qua tu cham
I Ve Chinh quyen so
Ty le ho so thu tuc hanh chinh
1 nop truc tuyen % Quy IV Tu 70% tro len ty le 81%; cu the: 810/1000 ho so Hoan thanh
Ty 1é hoat dong kiêm tra
cua co quan quan lý nha
nuoc duoc thuc hien thong Khong ty lé 26.1%; cu
qua moi trwong mang va thap hon the: 12/46 cuoc Không
2 % Quý IV dat
he thong thong tin cua c& 50 kiem tra
quan quan ly
Ty le ho so thu tuc hanh chinh
3 tra ket qua tre hen % Quy IV Duoi 2% ty le 0,8%; cu the: 19/2367 ho so Hoan thanh
"""


def test_stt_before_unit_percent_is_no_target():
    got = _loose_rows(_lines(STT_PCT), _framework(), {}, set())
    # 'Không' / 'thấp hơn' / … / '50' (its '%' in the unit column): at least 50 %, never the STT's '2 %'
    assert _target(got["1.2"]) == (">=", 50.0, "%")
    assert (got["1.2"].numerator, got["1.2"].denominator) == (12, 46)
    # the target's 'Không' is taken; 'Không' / 'đạt' of the verdict column stays the verdict's
    assert got["1.2"].reported_verdict == "chua_dat"


def test_code_line_percent_of_a_one_line_target_cell_is_kept():
    # negative: target cells written whole on their code lines are read as written
    got = _loose_rows(_lines(STT_PCT), _framework(), {}, set())
    assert _target(got["1.3"]) == ("<", 2.0, "%")
    assert _target(got["1.1"]) == (">=", 70.0, "%")
    assert got["1.1"].reported_verdict == "dat" and got["1.3"].reported_verdict == "dat"


# --- two 'Không' on a line: one the target cell's, one the verdict's ---------------------------------

TWO_KHONG = """BAO CAO
Ket qua thuc hien cac chi tieu chuyen doi so nam 2024
STT Ma Ten tieu chi Chi tieu Ket qua Danh gia Nguon
Theo sd
lieu cua
Ty 1€ thon co To cong nghe Khong Khong
12/14 (86%) doanh
1 1.1 so cong dong duoc kien thap hon hoan
thon nghiep
toàn 100% thanh
vien
thong
Theo s0
lieu cua
Khong Da
Ty I¢ can bo, cong chuc x3 20/21 (95%) cán doanh
2 1.2 thap hon hoan
duoc boi duong ky nang s0 bo nghiep
90% thành
vien
thong
"""


def test_second_khong_on_the_line_is_the_verdicts(catalog):
    got = _read(TWO_KHONG, catalog)
    # 'Không thấp hơn 100%' (target) and 'Không hoàn thành' (verdict) in the same line's two cells
    assert got["1.1"].reported_verdict == "chua_dat"
    assert _target(got["1.1"]) == (">=", 100.0, "%")


def test_one_khong_taken_by_the_target_leaves_the_verdict_done(catalog):
    # negative: one 'Không' (the target's) and 'Đã' / … 'hoàn' / 'thành': done
    got = _read(TWO_KHONG, catalog)
    assert got["1.2"].reported_verdict == "dat"
    assert _target(got["1.2"]) == (">=", 90.0, "%")
