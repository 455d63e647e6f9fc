"""No-catalog table rows whose target cell writes only a number: the unit comes from the row's result cell;
a 'Yêu cầu' column states the targets beside a 'Cách tính' column."""

from extractors.provisional import _result_unit, draft
from ingest.models import Line


def _table(header: list[str], rows: list[list[str]]) -> list[Line]:
    lines = [Line(page=1, number=1, text="BÁO CÁO"), Line(page=1, number=2, text="Kết quả cụ thể theo biểu dưới đây:")]
    for k, cells in enumerate([header, *rows]):
        lines.append(Line(page=1, number=k + 3, text=" | ".join(cells), cells=cells))
    return lines


HEADER = ["TT", "Chỉ tiêu", "Mục tiêu", "Kết quả thực hiện", "Tự đánh giá"]


def _targets(lines: list[Line]) -> dict[str, tuple | None]:
    fw = draft(lines)
    assert fw is not None
    return {c.code: None if c.target is None else (c.target.op, c.target.value, c.target.unit) for c in fw.criteria}


def test_bare_target_takes_the_unit_of_the_rows_result():
    got = _targets(_table(HEADER, [
        ["1", "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến", "≥70", "100 %", "Hoàn thành"],
        ["2", "Tốc độ truy cập Internet băng rộng di động", "≥40", "33,3 Mb/s", "Chưa hoàn thành"],
        ["3", "Tỷ lệ văn bản điện tử bị trả lại do sai sót", "Thấp hơn 3", "0,5%", "Đạt yêu cầu"],
        ["4", "Số mô hình chuyển đổi số điểm được triển khai", "Từ 02 trở lên", "hiện có 4 mô hình", "Đạt yêu cầu"],
        ["5", "Số camera an ninh kết nối về Công an xã", "Trên 10", "đã có 12 camera", "Đạt"],
    ]))
    assert got["1"] == (">=", 70.0, "%")
    assert got["2"] == (">=", 40.0, "Mb/s")
    assert got["3"] == ("<", 3.0, "%")
    assert got["4"] == (">=", 2.0, "mô hình")
    assert got["5"] == (">", 10.0, "camera")


def test_bare_target_with_a_result_that_writes_no_unit_stays_unread():
    got = _targets(_table(HEADER, [
        ["1", "Triển khai Trung tâm điều hành thông minh cấp huyện", "≥1", "Đã thực hiện", "Đạt"],
        ["2", "Tỷ lệ hồ sơ được số hóa theo quy định", "≥70", "12/15 hồ sơ", "Đạt"],
        ["3", "Số hội nghị tập huấn chuyển đổi số", "≥2", "3 hội nghị, 120 lượt người", "Đạt"],
    ]))
    assert got == {"1": None, "2": None, "3": None}


def test_result_unit():
    assert _result_unit("5/5 = 100%") == "%"
    assert _result_unit("đạt 5,62 giao dịch/người/tháng") == "giao dịch/người/tháng"
    assert _result_unit("đã có 7 camera") == "camera"
    assert _result_unit("Đã thực hiện") is None
    assert _result_unit("7 trên tổng số 9") is None


def test_yeu_cau_column_states_the_target_beside_a_cach_tinh_column():
    header = ["Số TT", "Các chỉ tiêu", "Cách tính", "Yêu cầu", "Số liệu thực hiện", "Kết quả đánh giá"]
    got = _targets(_table(header, [
        ["1.1", "Tốc độ Internet cáp quang trung bình tại trụ sở xã", "Số liệu thống kê của đơn vị",
         "Không thấp hơn 50 Mb/s", "đạt 92,28 Mb/s", "Đạt"],
        ["1.2", "Số camera an ninh kết nối về Công an xã", "Số liệu thống kê của đơn vị",
         "Không thấp hơn 10 camera", "đã có 7 camera", "Chưa đạt"],
    ]))
    assert got["1.1"] == (">=", 50.0, "Mb/s")
    assert got["1.2"] == (">=", 10.0, "camera")


def test_unit_column_of_one_unit_beside_a_target_with_words():
    header = ["TT", "Tiêu chí", "Đơn vị", "Chỉ tiêu", "Số liệu thực hiện", "Kết quả tự chấm"]
    got = _targets(_table(header, [
        ["1", "Tốc độ Internet cáp quang trung bình tại trụ sở xã", "Mb/s", "Từ 50 trở lên", "đạt 55,67 Mb/s", "Đạt"],
        ["2", "Số giao dịch thanh toán không dùng tiền mặt", "giao ch/người/thán", "Từ 02 trở lên",
         "đạt 5,8 giao dịch/người/tháng", "Đạt"],
        ["3", "Ban hành kế hoạch chuyển đổi số hằng năm", "", "Hoàn thành", "Có", "Hoàn thành"],
    ]))
    assert got["1"] == (">=", 50.0, "Mb/s")
    assert got["2"] == (">=", 2.0, "giao dịch/người/tháng")  # the wrapped unit column is no unit: the result's
    assert got["3"] is None


def test_clean_unit():
    from extractors.provisional import _clean_unit
    assert _clean_unit("%") == "%"
    assert _clean_unit("camera") == "camera"
    assert _clean_unit("giao ch/người/thán") is None
    assert _clean_unit("") is None


def test_loose_row_bare_op_value_takes_the_percent_after_it_on_its_line():
    from extractors.provisional import _Item, _wrapped_op_target
    row = _Item("1", "Ty le ho so thu tuc hanh chinh nop truc tuyen", 0, "int", loose=True,
                row_lines=("Ty le ho so thu tuc hanh Hoan", "1 ≥70 17 994 17 994 100 %", "chinh nop truc tuyen thanh"),
                row_at=1)
    t = _wrapped_op_target(row)
    assert t is not None and (t.op, t.value, t.unit) == (">=", 70.0, "%")
    bare = _Item("1", "Ty le ho so thu tuc hanh chinh nop truc tuyen", 0, "int", loose=True,
                 row_lines=("Ty le ho so thu tuc hanh Hoan", "1 ≥70 17 994 17 994", "chinh nop truc tuyen thanh"),
                 row_at=1)
    assert _wrapped_op_target(bare) is None  # no unit anywhere in the row: no target


def test_loose_row_value_after_op_words_takes_no_percent_of_the_result_run():
    from extractors.provisional import _Item, _wrapped_op_target
    row = _Item("1", "Ty le ho so thu tuc hanh chinh nop truc tuyen", 0, "int", loose=True,
                row_lines=("Không", "Ty le ho so thu tuc hanh Vugt ke", "1 thap hon 8.770 11.899 73.70%",
                           "chinh nop truc tuyen hoach"), row_at=2)
    t = _wrapped_op_target(row)
    assert t is None or t.value != 8770.0  # '8.770' is the fraction's first column, not the target
