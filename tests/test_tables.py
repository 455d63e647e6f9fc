"""Table-row details that the labelled samples do not isolate."""

from extractors.catalog import Target
from extractors.tables import _lost_decimal_comma

CATALOG_9_6 = Target(op=">=", value=9.6, unit="%")


def test_an_ocr_target_without_its_decimal_comma_is_the_catalogs():
    assert _lost_decimal_comma(Target(op=">=", value=96, unit="%"), "96%", CATALOG_9_6)


def test_a_target_that_differs_otherwise_is_the_reports():
    assert not _lost_decimal_comma(Target(op=">=", value=9.6, unit="%"), "9,6%", CATALOG_9_6)  # as printed
    assert not _lost_decimal_comma(Target(op=">=", value=95, unit="%"), "95%", CATALOG_9_6)
    assert not _lost_decimal_comma(Target(op=">=", value=96, unit="%"), "96%", Target(op=">=", value=96, unit="%"))
    assert not _lost_decimal_comma(Target(op=">=", value=96, unit="%"), "96%", None)


def test_a_group_row_with_ocr_debris_is_not_recovered_as_an_indicator():
    from extractors.catalog import load_catalog
    from extractors.tables import _group_row
    from ingest.normalize import match_key

    fw = load_catalog().get("thanhhoa-qd176-2022")
    assert _group_row(match_key("2_ Về Kinh tế số"), fw)  # "Kinh tế số" is also inside indicator 2.1's title
    assert not _group_row(match_key("= Tỷ trọng kinh tế số trong từng ngành, địa phương"), fw)


def test_a_percent_whose_sign_ocr_lost_is_read_only_when_the_fraction_agrees():
    from extractors.numbers import find_fractions
    from extractors.tables import _percent_sign_lost

    text = "11123/28132 người (39,54)"
    assert _percent_sign_lost(text, find_fractions(text)[-1]).value == 39.54
    other = "11123/28132 người (12,5)"
    assert _percent_sign_lost(other, find_fractions(other)[-1]) is None


def _cell_table(rows: list[list[str]], framework: str):
    import tempfile
    from pathlib import Path

    from extractors.catalog import load_catalog
    from extractors.extract import extract
    from ingest.models import Document, Line, Page
    from samples.phrasing.gen import merged_catalog
    catalog = load_catalog(merged_catalog(Path(tempfile.mkdtemp()) / "catalog.json"))
    lines = [Line(page=1, number=i, text=" | ".join(r), cells=list(r)) for i, r in enumerate(rows, 1)]
    doc = Document(path="t.pdf", sha256="0" * 64, kind="pdf", pages=[Page(number=1, lines=lines)])
    return {c.code: c for c in extract(doc, catalog, framework).criteria}


def test_part_and_whole_columns_of_a_pdf_table_are_the_rows_fraction():
    # 'TT | Tên chỉ tiêu | Chỉ tiêu năm 2025 | Tử số | Mẫu số | Kết quả thực hiện | Tự chấm': the
    # fraction is 1.343/1.642 beside its rate 81,8 %; 810/814 with a rounded '100%'
    got = _cell_table([
        ["TT", "Tên chỉ tiêu", "Chỉ tiêu năm 2025", "Tử số", "Mẫu số", "Kết quả thực hiện", "Tự chấm"],
        ["1", "Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính", "Tối thiểu 80%",
         "1.343", "1.642", "81,8%", "Chưa đạt"],
        ["2", "Tỷ lệ hồ sơ thủ tục hành chính được số hóa ngay khi tiếp nhận", "Từ 90% trở lên", "810", "814",
         "100%", "Đạt"],
    ], "ninhbinh-huyen-2024")
    assert (got["1"].numerator, got["1"].denominator, got["1"].reported_percent) == (1343, 1642, 81.8)
    assert (got["2"].numerator, got["2"].denominator, got["2"].reported_percent) == (810, 814, 100.0)


def test_a_result_cell_with_its_own_fraction_keeps_it_beside_count_columns():
    # negative: 'Số đạt | Tổng số' cells beside a result cell that states '12/15 (80%)': the result's own
    # fraction stands; an empty part cell makes no fraction
    got = _cell_table([
        ["TT", "Tên chỉ tiêu", "Chỉ tiêu năm 2025", "Số đạt", "Tổng số", "Kết quả thực hiện", "Tự chấm"],
        ["1", "Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính", "Tối thiểu 80%",
         "", "15", "81,8%", "Đạt"],
        ["2", "Tỷ lệ hồ sơ thủ tục hành chính được số hóa ngay khi tiếp nhận", "Từ 90% trở lên", "13", "15",
         "12/15 (80%)", "Chưa đạt"],
    ], "ninhbinh-huyen-2024")
    assert (got["1"].numerator, got["1"].reported_percent) == (None, 81.8)
    assert (got["2"].numerator, got["2"].denominator, got["2"].reported_percent) == (12, 15, 80.0)


def test_a_target_cell_without_its_unit_takes_the_criterions_and_an_agency_column_is_no_unit():
    # 'Từ 70 trở lên' under 'Chỉ tiêu năm 2025' (the '%' nowhere): ≥ 70 %; 'Ít nhất 03 điểm' beside an
    # 'Đơn vị thực hiện' column (the agency, 'Bộ phận Một cửa'): ≥ 3 điểm, the agency no unit
    got = _cell_table([
        ["TT", "Tên chỉ tiêu", "Chỉ tiêu năm 2025", "Kết quả thực hiện", "Tự chấm", "Đơn vị thực hiện"],
        ["1.4", "Tỷ lệ hộ gia đình có kết nối Internet băng rộng cáp quang", "Từ 70 trở lên", "86,37%", "Đạt",
         "Công an xã"],
        ["1.5", "Số điểm truy cập Wi-Fi công cộng miễn phí tại khu vực trung tâm xã, nhà văn hóa thôn",
         "Ít nhất 03 điểm", "đạt 04 điểm", "Vượt", "Bộ phận Một cửa"],
        ["2.5", "Trang thông tin điện tử của xã hoạt động, cập nhật thông tin theo quy định", "Năm 2025",
         "Đã hoạt động", "Đạt", "Văn phòng"],
    ], "hungyen-xa-2024")
    t = got["1.4"].target
    assert (t.op, t.value, t.unit) == (">=", 70.0, "%")
    t = got["1.5"].target
    assert (t.op, t.value, t.unit, got["1.5"].value) == (">=", 3.0, "điểm", 4.0)
    # negative: a year in the target column is no target
    assert got["2.5"].target is None
