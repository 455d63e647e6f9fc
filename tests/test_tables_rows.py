"""Round 9 table-row cases, labelled by hand: a catalog criterion's row that states no result, 'đạt' before a
number as a result word in legacy rows, rows numbered by their own STT whose titles decide the criterion."""

from pathlib import Path

from extractors.table_row import _row_verdict
from tests.test_tables import _cell_table

ROOT = Path(__file__).resolve().parent.parent

HEADER = ["TT", "Tên tiêu chí", "ĐVT", "Mục tiêu", "Kết quả thực hiện", "Kết quả đánh giá"]


def test_a_row_that_states_neither_numbers_nor_a_verdict_is_its_criterion_with_empty_fields():
    # a Hưng Yên commune table: 2.5 'Có' / 'Có' with its verdict cell empty, 3.5 'Chưa có số liệu', 2.4 '-':
    # each is its criterion, read with no verdict and no numbers (missing, not guessed)
    got = _cell_table([
        HEADER,
        ["1", "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến toàn trình", "%",
         "Từ 80% trở lên", "779/1599, tỷ lệ 48,7%", "Chưa đạt"],
        ["2", "Điểm đánh giá chỉ số chuyển đổi số (DTI) cấp xã", "điểm", "Từ 600 trở lên", "-", ""],
        ["3", "Trang thông tin điện tử của xã hoạt động, cập nhật thông tin theo quy định", "", "Có", "Có", ""],
        ["4", "Tổ chức tuyên truyền, phổ biến kỹ năng số cơ bản cho người dân trên địa bàn", "", "Hoàn thành",
         "Chưa có số liệu", ""],
    ], "hungyen-xa-2024")
    assert got["2.1"].reported_verdict == "chua_dat"
    for code in ("2.4", "2.5", "3.5"):
        c = got[code]
        assert (c.reported_verdict, c.numerator, c.denominator, c.reported_percent, c.value) == (None,) * 5, code


def test_a_row_without_a_result_whose_words_are_no_criterions_title_is_no_criterion():
    # negative: a note row of the same table ('Ghi chú: số liệu ước tính') and a row of another list whose
    # words read as no title of the set: neither becomes a criterion
    got = _cell_table([
        HEADER,
        ["1", "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến toàn trình", "%",
         "Từ 80% trở lên", "779/1599, tỷ lệ 48,7%", "Chưa đạt"],
        ["2", "Tổ chức hội nghị sơ kết công tác năm của Ban chỉ đạo", "", "Quý IV", "Đã tổ chức", ""],
    ], "hungyen-xa-2024")
    assert set(got) == {"2.1"}


def test_dat_before_a_decimal_number_on_its_line_is_a_result_not_a_verdict():
    # legacy rows whose cells ran together: 'dat 70,99' (a speed in Mb/s), 'dat múc 1,1' (hours): results
    assert _row_verdict("3 rông di dông 40 Mb/s dat 70,99 tu Toc do truy cap")[0] is None
    assert _row_verdict("3 gio ≤ 04 Thòi gian khac phuc su co mat dat múc 1,1 kêt noi mang gio")[0] is None


def test_a_verdict_at_a_lines_end_above_another_cells_number_stays_a_verdict():
    # negative: 'Da day' ends the code line of a legacy row; '1,63 ngày' is the result cell's next line
    row = "5 mot ho so thu tyc hanh chinh ngay Toi da 03 Da day Thoi gian giai quyet 1,63 ngày cap xd"
    lines = "5 mot ho so thu tyc hanh chinh ngay Toi da 03 Da day\n1,63 ngày\ncap xd"
    assert _row_verdict(row, lines)[0] == "dat"
    assert _row_verdict("Đạt")[0] == "dat"
    assert _row_verdict("Chua dat 48,7")[0] == "chua_dat"


def test_a_running_number_gives_way_to_a_title_that_is_another_criterions_whole_title():
    # a report that leaves out 1.1 ('Tốc độ … di động …') numbers its rows from 1: row 1 is the whole title
    # of 1.2 ('Tốc độ … cố định … tại trụ sở UBND xã'), not 1.1 whose title begins the same way
    got = _cell_table([
        HEADER,
        ["1", "Tốc độ truy cập Internet băng rộng cố định trung bình tại trụ sở UBND xã", "Mb/s",
         "Từ 100 trở lên", "đạt mức 127 Mb/s", "Vượt"],
        ["2", "Số thuê bao băng rộng di động trên 100 dân", "thuê bao/100 dân", "Tối thiểu 90",
         "đạt 50,44 thuê bao/100 dân", "Không đạt"],
    ], "hungyen-xa-2024")
    assert "1.1" not in got
    assert (got["1.2"].value, got["1.2"].reported_verdict) == (127.0, "vuot")
    assert got["1.3"].reported_verdict == "chua_dat"


def test_a_running_number_whose_row_is_its_own_criterion_keeps_it():
    # negative: row 1 is 1.1's own title ('… di động trung bình trên địa bàn xã'): it stays 1.1
    got = _cell_table([
        HEADER,
        ["1", "Tốc độ truy cập Internet băng rộng di động trung bình trên địa bàn xã", "Mb/s",
         "Từ 36 trở lên", "đạt mức 41,2 Mb/s", "Đạt"],
        ["2", "Tốc độ truy cập Internet băng rộng cố định trung bình tại trụ sở UBND xã", "Mb/s",
         "Từ 100 trở lên", "đạt mức 127 Mb/s", "Vượt"],
    ], "hungyen-xa-2024")
    assert (got["1.1"].value, got["1.2"].value) == (41.2, 127.0)


KH100_16 = ("100% thủ tục hành chính đủ điều kiện theo quy định của pháp luật được cung cấp dưới hình thức dịch vụ công "
            "trực tuyến toàn trình; 50% dịch vụ công trực tuyến toàn trình được tích hợp, cung cấp trên Cổng dịch vụ "
            "công quốc gia")
KH100_17 = ("30% thanh toán trực tuyến trên cổng dịch vụ công trên tổng số giao dịch thanh toán của dịch vụ công; 60% "
            "thủ tục hành chính có yêu cầu nghĩa vụ tài chính được thanh toán trực tuyến trên Cổng dịch vụ công")
KH100_HEADER = ["STT", "Chỉ tiêu", "Chỉ tiêu giao", "Kết quả thực hiện", "Đánh giá"]


def test_each_measure_of_a_multi_measure_row_has_its_own_fraction_and_percent_in_the_catalogs_order():
    # Thanh Hóa KH 100 criterion 16 (100 % TTHC toàn trình; 50 % tích hợp lên Cổng DVC quốc gia): the result
    # cell 'đạt 29,5%, tương ứng 66/224' writes the percent before its fraction; the top level is the first
    # measure's 322/412 (78,2 %)
    got = _cell_table([
        KH100_HEADER,
        ["16", KH100_16, "100%; 50%", "322/412 TTHC (78,2%); đạt 29,5%, tương ứng 66/224", "Chưa đạt"],
    ], "thanhhoa-kh100-2023")
    c = got["16"]
    assert (c.numerator, c.denominator, c.reported_percent) == (322, 412, 78.2)
    assert [(m.numerator, m.denominator, m.percent) for m in c.measures] == [(322, 412, 78.2), (66, 224, 29.5)]


def test_a_measures_wrong_percent_stays_with_its_fraction_in_its_part_of_the_cell():
    # 17: 1.953/5.123 is 38,12 %, the report writes 38,1 % (agrees); 898/1.318 is 68,13 %, the report writes
    # 61,8 % (a wrong percent, planted): it is still the second measure's, its own part of the cell
    got = _cell_table([
        KH100_HEADER,
        ["17", KH100_17, "30%; 60%", "1.953/5.123 = 38,1%; 898/1.318 = 61,8%", "Đạt"],
    ], "thanhhoa-kh100-2023")
    assert [(m.numerator, m.denominator, m.percent) for m in got["17"].measures] == [(1953, 5123, 38.1),
                                                                                   (898, 1318, 61.8)]


def test_a_multi_measure_row_with_one_fraction_keeps_its_numbers_as_they_are():
    # negative: only the first measure's fraction is written; the second states a percent alone: no pairing
    got = _cell_table([
        KH100_HEADER,
        ["16", KH100_16, "100%; 50%", "322/412 TTHC (78,2%); đạt 29,5%", "Chưa đạt"],
    ], "thanhhoa-kh100-2023")
    assert [(m.numerator, m.denominator, m.percent) for m in got["16"].measures] == [(322, 412, None),
                                                                                   (None, None, 78.2),
                                                                                   (None, None, 29.5)]


def test_part_and_whole_columns_and_the_result_cells_percent_are_one_measure():
    # 'Tử số | Mẫu số | Tỷ lệ' columns: 10 | 25 | 36,9 % (10/25 is 40 %: the report's percent is wrong, the
    # columns still tie it to the fraction)
    got = _cell_table([
        ["TT", "Tên chỉ tiêu", "Chỉ tiêu năm 2025", "Tử số", "Mẫu số", "Kết quả thực hiện", "Tự chấm"],
        ["1", "Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính", "Tối thiểu 80%",
         "10", "25", "36,9%", "Chưa đạt"],
    ], "ninhbinh-huyen-2024")
    assert [(m.numerator, m.denominator, m.percent) for m in got["1"].measures] == [(10, 25, 36.9)]
    # negative: a result cell with its own fraction and percent, no part/whole columns: two measures as read
    got = _cell_table([
        ["TT", "Tên chỉ tiêu", "Chỉ tiêu năm 2025", "Kết quả thực hiện", "Tự chấm"],
        ["1", "Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính", "Tối thiểu 80%",
         "10/25 thủ tục, 36,9%", "Chưa đạt"],
    ], "ninhbinh-huyen-2024")
    assert [(m.numerator, m.denominator, m.percent) for m in got["1"].measures] == [(10, 25, None), (None, None, 36.9)]


def _mixed_table(rows: list[list[str] | str], framework: str):
    """A PDF table whose rows are cell rows (lists) or lines the page's rules did not frame (strings: a
    page's first row without its top rule)."""
    import tempfile
    from pathlib import Path

    from extractors.catalog import load_catalog
    from extractors.extract import extract
    from ingest.models import Document, Line, Page
    from samples.phrasing.gen import merged_catalog
    catalog = load_catalog(merged_catalog(Path(tempfile.mkdtemp()) / "catalog.json"))
    lines = [Line(page=1, number=i, text=r, cells=None) if isinstance(r, str)
             else Line(page=1, number=i, text=" | ".join(r), cells=list(r)) for i, r in enumerate(rows, 1)]
    doc = Document(path="t.pdf", sha256="0" * 64, kind="pdf", pages=[Page(number=1, lines=lines)])
    return {c.code: c for c in extract(doc, catalog, framework).criteria}


BN_HEADER = ["STT", "Nội dung tiêu chí", "Thời hạn", "Yêu cầu", "Kết quả thực hiện", "Kết quả tự chấm"]


def test_stt_candidates_offer_the_numbers_a_left_out_criterion_shifts_only_when_asked():
    # Bắc Ninh 2025 (12 criteria in groups I 1–3, II 4–8, III 9–12): row 8 of a report that leaves out 5 may
    # be 9 or 10; by default only 8 itself
    from extractors.catalog import load_catalog
    from extractors.table_row import stt_candidates
    fw = load_catalog(str(ROOT / "tests" / "catalogs" / "bacninh-xa-2025.json")).get("bacninh-xa-2025")
    assert stt_candidates(8, fw, "II") == ["8"]
    assert stt_candidates(8, fw, "II", shifted=True) == ["8", "9", "10"]
    assert stt_candidates(12, fw, "III", shifted=True) == ["12"]  # nothing after the last


def test_an_unframed_row_whose_words_are_no_shifted_criterions_title_is_not_read_as_one():
    # negative: the unframed line '8 …' is a note about another matter: no criterion takes it
    got = _mixed_table([
        BN_HEADER,
        ["6", "Tỷ lệ văn bản đi của xã được ký số và gửi trên môi trường điện tử", "Quý IV", "98%",
         "968/973 văn bản (99%)", "Vượt"],
        ["7", "Trung tâm phục vụ hành chính công cấp xã vận hành theo mô hình chính quyền địa phương hai cấp",
         "Năm 2024", "Hoàn thành", "Đã thực hiện", "Đã đạt"],
        "8 Hội nghị sơ kết công tác năm của Ban chỉ đạo Quý IV Đã tổ chức",
    ], "bacninh-xa-2025")
    assert "9" not in got and "10" not in got


def test_a_verdict_standing_whole_in_another_cell_of_a_row_whose_verdict_cell_is_empty_is_its_verdict():
    # a scan whose cells shifted one column: 'Đang triển khai' under the target, 'Chưa đạt' under the result,
    # the verdict cell empty (Hưng Yên 2.5 and 3.5)
    got = _cell_table([
        HEADER,
        ["1", "Trang thông tin điện tử của xã hoạt động, cập nhật thông tin theo quy định", "", "Đang triển khai",
         "Chưa đạt", ""],
        # negative: 'Hoàn thành' is the target cell's; the result 'Đã thực hiện' is no verdict: none is read
        ["2", "Tổ chức tuyên truyền, phổ biến kỹ năng số cơ bản cho người dân trên địa bàn", "", "Hoàn thành",
         "Đã thực hiện", ""],
    ], "hungyen-xa-2024")
    assert (got["2.5"].reported_verdict, got["2.5"].verdict_raw) == ("chua_dat", "Chưa đạt")
    assert got["3.5"].reported_verdict is None


def test_a_wrapped_targets_khong_before_da_negates_no_verdict():
    # a page-top loose row: the target cell 'Không thấp hơn 100 %' wrapped ('Không' / 'thấp hơn' / '100 %') beside
    # the verdict cell 'Đã hoàn thành' ('Đã hoàn' / 'thành'): 'Không Đã …' is no Vietnamese negation
    row = "soát các chương trình đào tạo Không Đã hoàn 12 để xem xét bổ sung, lồng thấp hơn 3 3 100 % thành"
    assert _row_verdict(row)[0] == "dat"
    # negative: 'Không đạt' is a verdict, before a percent too; 'Thấp hơn 2%' with 'Không đạt' stays a fail
    assert _row_verdict("Không đạt")[0] == "chua_dat"
    assert _row_verdict("Khong dat 45%")[0] == "chua_dat"
    assert _row_verdict("Thấp hơn 2% 3/612 Không đạt")[0] == "chua_dat"


def _loose_record(text: str, code: str, framework: str):
    """The record a loose row's lines make, with the verdict the row reader pieced ('chua_dat' from 'Khong … Pay')."""
    import tempfile

    from extractors.catalog import load_catalog
    from extractors.table_row import _record
    from ingest.models import Line
    from samples.phrasing.gen import merged_catalog
    catalog = load_catalog(merged_catalog(Path(tempfile.mkdtemp()) / "catalog.json"))
    fw = catalog.get(framework)
    lines = [Line(page=1, number=i, text=t) for i, t in enumerate(text.split("\n"), 1)]
    verdict, raw = _row_verdict(text)
    return _record(code, fw.by_code[code], lines, None, None, text, verdict, raw, {})


def test_a_lower_bound_targets_wrapped_khong_leaves_the_rows_pass_standing():
    # Thanh Hóa KH 100 criterion 18 (target ≥ 100 %), legacy text: 'Không' / 'thấp hơn' / '100%' wrapped beside
    # the verdict 'Đạt' (OCR 'Pay'): the row reads 'Khong … Pay' = chưa đạt; the 'không' is the target's
    text = ("18 va xac thuc dien tu thông thap hon Pay 100% ngu&i dan va doanh nghiêp\n"
            "Ty le = sd tai truc tuyen duoc dinh danh Khong khoan dã thuc 1944/1944 tài\n"
            "hien / tong so khoan (100%)")
    assert _row_verdict(text)[0] == "chua_dat"
    rec = _loose_record(text, "18", "thanhhoa-kh100-2023")
    assert (rec.reported_verdict, rec.verdict_raw.lower()) == ("dat", "pay")


def test_a_lone_khong_with_a_chua_or_a_second_khong_still_negates():
    # negative: 'Chưa' beside it, or two 'không' (the target's and the verdict's 'Không' / 'đạt'): a fail stays
    for text in ("18 thap hon Chua 100% Khong khoan dã thuc 1944/1944 tài dat",
                 "18 Khong thap hon 100% Khong khoan 1944/1944 dat"):
        assert _loose_record(text, "18", "thanhhoa-kh100-2023").reported_verdict == "chua_dat", text


def test_a_titles_own_duoi_is_no_lower_bound_targets_op():
    # negative: KH 100 criterion 16's title says 'dưới hình thức dịch vụ công'; its 'Không' / 'thành' is a
    # wrapped 'Không hoàn thành' beside a target 'Ít nhất 100 %': the fail stays
    text = ("16 100 %; It hoan sat 849 100% thu tuc hanh chinh du diêu kiên theo quy dinh cua phap luat duoc cung "
            "câp duoi hinh thuc 279/287 TTHC, It nhat Khong Khao dich vu công truc tuyen toan dat ty le 97,21 trinh; "
            "50% dich vu cong truc %; 140/225, nhat 50 % thanh phiêu tuyen toàn trình duoc tích hop, day ty 1€ 62 % "
            "cung cap trên Cong dich vu cong quôc gia")
    assert _loose_record(text, "16", "thanhhoa-kh100-2023").reported_verdict == "chua_dat"
