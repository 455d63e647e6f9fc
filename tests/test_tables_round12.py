"""Round 12 table-row cases, labelled by hand: a target column of bare numbers ('Chỉ tiêu đến năm 2025 | 70')."""

from extractors.catalog_models import Target
from extractors.table_cells import _bare_number_target
from tests.test_tables import _cell_table

HEADER = ["TT", "Nội dung tiêu chí", "Chỉ tiêu đến năm 2025", "Số lượng thực hiện", "Mẫu số", "Kết quả đạt được",
          "Đạt/Chưa đạt"]
ROW_23 = ["2.3", "Hộ gia đình được phủ mạng Internet băng rộng cáp quang"]
ROW_34 = ["3.4", "Tỷ lệ hồ sơ tiếp nhận, giải quyết trực tuyến toàn trình"]


def test_a_bare_number_in_a_column_the_header_names_the_target_is_the_rows_target():
    # a Thanh Hóa district table: 'Chỉ tiêu đến năm 2025' holds '70', '85' with no unit or op; the criterion's
    # own op and unit complete them (both are '≥ … %' criteria); a decimal comma is kept
    got = _cell_table([
        HEADER,
        ROW_23 + ["70", "65133", "89529", "72,75%", "Hoàn thành"],
        ROW_34 + ["85", "10006", "14399", "69,49 %", "Không hoàn thành"],
    ], "thanhhoa-huyen-2024")
    assert got["2.3"].target == Target(op=">=", value=70.0, unit="%")
    assert got["3.4"].target == Target(op=">=", value=85.0, unit="%")
    for header in ("Mục tiêu", "Chỉ tiêu"):
        got = _cell_table([
            ["STT", "Tiêu chí", header, "Số đạt", "Tổng số phải thực hiện", "Kết quả", "Kết quả tự chấm"],
            ROW_23 + ["70", "72 745", "81 960", "88,76 %", "Vượt mục tiêu"],
        ], "thanhhoa-huyen-2024")
        assert got["2.3"].target == Target(op=">=", value=70.0, unit="%"), header


def test_a_bare_number_that_no_target_header_names_or_no_percent_can_be_is_no_target():
    # negative: the column between title and result has no header word (placed only by order), a percent
    # criterion's cell '150' or a year '2025', a thousands group '1.343': none is read as the target
    got = _cell_table([
        ["TT", "Nội dung tiêu chí", "", "Kết quả đạt được", "Đạt/Chưa đạt"],
        ROW_23 + ["70", "72,75%", "Hoàn thành"],
    ], "thanhhoa-huyen-2024")
    assert got["2.3"].target is None
    got = _cell_table([
        HEADER,
        ROW_23 + ["150", "65133", "89529", "72,75%", "Hoàn thành"],
        ROW_34 + ["2025", "10006", "14399", "69,49 %", "Không hoàn thành"],
    ], "thanhhoa-huyen-2024")
    assert got["2.3"].target is None and got["3.4"].target is None
    pct = Target(op=">=", value=80.0, unit="%")
    assert _bare_number_target("1.343", pct) is None
    assert _bare_number_target("Có", pct) is None
    assert _bare_number_target(" 9,5 ", pct) == Target(op=">=", value=9.5, unit="%")
    assert _bare_number_target("2", Target(op="<=", value=1.0, unit="%")) == Target(op="<=", value=2.0, unit="%")
