"""Issue 12, classes 4–6 in table layouts: which criterion a row is (STT running across groups,
restarting per group, beside a code column), group rows and their tallies, headers repeated per
page, rows split by a page break, a unit column, and legacy OCR text whose cells run together.

Every expected value below is read by hand from the table written in the test (the truth a clerk
reads in it), not taken from the tool's output. The tables are ours, written to show each class.
"""

from __future__ import annotations

import pytest

from extractors.catalog import load_catalog
from extractors.extract import extract
from ingest.models import Document, Line, Page

QD176 = "thanhhoa-qd176-2022"
KH100 = "thanhhoa-kh100-2023"

T11 = ("Tỷ lệ các hệ thống thông tin, cơ sở dữ liệu dùng chung, cơ sở dữ liệu chuyên ngành được kết nối, "
       "chia sẻ, khai thác dữ liệu từ các cơ sở dữ liệu Quốc gia")
T12 = ("Tỷ lệ hoạt động kiểm tra của cơ quan quản lý nhà nước được thực hiện thông qua môi trường mạng và "
       "hệ thống thông tin của cơ quan quản lý")
T14 = "Tỷ lệ người dân, doanh nghiệp hài lòng với giải quyết thủ tục hành chính của các cơ quan nhà nước"
T21 = "Tỷ trọng kinh tế số trong từng ngành, địa phương"
T22 = "Tỷ lệ về tăng năng suất lao động bình quân hàng năm"
T23 = "Tỷ lệ doanh nghiệp có phát sinh thuế chuyển đổi số"
T32 = "Tỷ lệ dân số có tài khoản thanh toán điện tử"

HEADER = ["STT", "Nội dung chỉ tiêu", "Chỉ tiêu giao", "Kết quả thực hiện", "Tự đánh giá", "Ghi chú"]


def _doc(pages: list[list[list[str] | str]]) -> Document:
    """A text-layer document: each page a list of table rows (lists of cells) and free lines."""
    out = []
    for pno, rows in enumerate(pages, 1):
        lines = []
        for i, row in enumerate(rows, 1):
            if isinstance(row, str):
                lines.append(Line(page=pno, number=i, text=row))
            else:
                lines.append(Line(page=pno, number=i, text=" | ".join(row), cells=list(row)))
        out.append(Page(number=pno, lines=lines, source="text-layer", unit="pt"))
    return Document(path="table.pdf", sha256="0" * 64, kind="pdf", pages=out)


def _txt(text: str) -> Document:
    """Legacy OCR text: one line per line of the file, no cells."""
    lines = [Line(page=1, number=i, text=t) for i, t in enumerate(text.splitlines(), 1) if t.strip()]
    return Document(path="table.txt", sha256="0" * 64, kind="txt", pages=[Page(number=1, lines=lines)])


def _read(doc: Document, framework: str = QD176):
    rec = extract(doc, load_catalog(), framework)
    return rec, {c.code: c for c in rec.criteria}


def _fields(c) -> tuple:
    return (c.numerator, c.denominator, c.reported_percent, c.target.value if c.target else None, c.reported_verdict)


INTRO = ["BÁO CÁO", "Kết quả thực hiện các chỉ tiêu chuyển đổi số năm 2024"]


# ---- class 4: codes, STT and group rows ---------------------------------------------------------

def test_stt_running_across_groups_reads_each_row_as_the_criterion_its_title_names():
    doc = _doc([INTRO + [
        HEADER,
        ["I", "VỀ CHÍNH QUYỀN SỐ", "", "", "Đạt 1/2", ""],
        ["1", T11, "100%", "9/13 (69%) hệ thống", "Chưa đạt", ""],
        ["2", T12, "50%", "20/28 (71%) cuộc kiểm tra", "Đạt", ""],
        ["II", "VỀ KINH TẾ SỐ", "", "", "", ""],
        ["3", T21, "20%", "ước đạt 16%", "Chưa hoàn thành", ""],
        ["4", T22, "9,6%", "12%", "Hoàn thành", ""],
    ]])
    _, got = _read(doc)
    assert set(got) == {"1.1", "1.2", "2.1", "2.2"}  # 3 and 4 are the group's first two, not 2.3/2.4
    assert _fields(got["1.1"]) == (9, 13, 69.0, 100.0, "chua_dat")
    assert _fields(got["1.2"]) == (20, 28, 71.0, 50.0, "dat")
    assert got["2.1"].reported_verdict == "chua_dat" and got["2.1"].target.value == 20.0
    assert got["2.2"].reported_verdict == "dat" and got["2.2"].target.value == 9.6


def test_stt_restarting_per_group_reads_the_groups_own_criteria():
    doc = _doc([INTRO + [
        HEADER,
        ["I", "VỀ CHÍNH QUYỀN SỐ", "", "", "", ""],
        ["1", T11, "100%", "13/13 (100%)", "Đạt", ""],
        ["2", T12, "50%", "6/28 (21%)", "Chưa đạt", ""],
        ["II", "VỀ KINH TẾ SỐ", "", "", "", ""],
        ["1", T21, "20%", "25%", "Vượt", ""],
        ["2", T22, "9,6%", "24%", "Hoàn thành", ""],
        ["3", T23, "50%", "183/1.146 (15,97%) doanh nghiệp", "Chưa đạt", ""],
    ]])
    _, got = _read(doc)
    assert set(got) == {"1.1", "1.2", "2.1", "2.2", "2.3"}
    assert got["2.1"].reported_verdict == "vuot"
    assert _fields(got["2.3"]) == (183, 1146, 15.97, 50.0, "chua_dat")


def test_a_code_column_beside_the_stt_column_decides():
    header = ["STT", "Mã", "Tên chỉ tiêu", "Chỉ tiêu", "Kết quả", "Đánh giá"]
    doc = _doc([INTRO + [
        header,
        ["1", "1.1", T11, "100%", "13/13 (100%)", "Đạt"],
        ["2", "1.4", T14, "90%", "95%", "Vượt"],
        ["3", "2.3", T23, "50%", "10/40 (25%)", "Chưa đạt"],
    ]])
    _, got = _read(doc)
    assert set(got) == {"1.1", "1.4", "2.3"}  # the STT (2, 3) is not the code
    assert got["1.4"].reported_verdict == "vuot"
    assert _fields(got["2.3"]) == (10, 40, 25.0, 50.0, "chua_dat")


def test_a_running_number_shifted_by_a_left_out_criterion_follows_the_title():
    doc = _doc([INTRO + [
        HEADER,
        ["I", "VỀ CHÍNH QUYỀN SỐ", "", "", "", ""],
        ["1", T11, "100%", "13/13 (100%)", "Đạt", ""],
        ["2", T14, "90%", "95%", "Vượt", ""],  # 1.2 and 1.3 left out: row 2 is 1.4 by its title
        ["3", T12, "50%", "6/28 (21%)", "Chưa đạt", ""],
    ]])
    _, got = _read(doc)
    assert set(got) == {"1.1", "1.2", "1.4"}
    assert got["1.4"].reported_verdict == "vuot" and got["1.2"].numerator == 6


# ---- class 5: tallies on group rows --------------------------------------------------------------

def test_a_group_rows_dat_4_of_5_is_the_groups_tally_not_a_verdict():
    doc = _doc([INTRO + [
        HEADER,
        ["1", "VỀ CHÍNH QUYỀN SỐ", "", "", "Đạt 1/2", ""],
        ["1.1", T11, "100%", "9/13 (69%)", "Chưa đạt", ""],
        ["1.2", T12, "50%", "20/28 (71%)", "Đạt", ""],
        ["2", "VỀ KINH TẾ SỐ", "", "", "Đạt 2/3", ""],
        ["2.1", T21, "20%", "25%", "Đạt", ""],
    ]])
    rec, got = _read(doc)
    assert set(got) == {"1.1", "1.2", "2.1"}  # a group row is no criterion
    groups = {g.code: (g.reported_passed, g.reported_total) for g in rec.groups}
    assert groups["1"] == (1, 2)
    assert groups["2"] == (2, 3)


# ---- class 6: layout --------------------------------------------------------------------------------

def test_a_header_repeated_on_page_two_is_no_criterion_and_the_rows_go_on():
    doc = _doc([
        INTRO + [HEADER,
                 ["1", "VỀ CHÍNH QUYỀN SỐ", "", "", "", ""],
                 ["1.1", T11, "100%", "13/13 (100%)", "Đạt", ""],
                 "Trang 1/2"],
        [HEADER,
         ["1.2", T12, "50%", "6/28 (21%)", "Chưa đạt", ""],
         ["1.4", T14, "90%", "95%", "Vượt", ""]],
    ])
    _, got = _read(doc)
    assert set(got) == {"1.1", "1.2", "1.4"}
    assert _fields(got["1.2"]) == (6, 28, 21.0, 50.0, "chua_dat")


def test_a_row_split_by_a_page_break_rejoins_its_row():
    doc = _doc([
        INTRO + [HEADER,
                 ["1.1", T11, "100%", "13/13 (100%)", "Đạt", ""],
                 ["1.2", "Tỷ lệ hoạt động kiểm tra của cơ quan quản lý nhà nước được thực hiện", "50%",
                  "6/28 (21%)", "", ""]],
        [HEADER,
         ["", "thông qua môi trường mạng và hệ thống thông tin của cơ quan quản lý", "", "cuộc kiểm tra",
          "Chưa đạt", ""],
         ["1.4", T14, "90%", "95%", "Vượt", ""]],
    ])
    _, got = _read(doc)
    assert set(got) == {"1.1", "1.2", "1.4"}
    assert _fields(got["1.2"]) == (6, 28, 21.0, 50.0, "chua_dat")  # the verdict is on page 2


def test_a_unit_column_lends_its_unit_to_bare_target_numbers():
    header = ["TT", "Tên chỉ tiêu", "ĐVT", "Chỉ tiêu", "Kết quả thực hiện", "Kết quả đánh giá"]
    doc = _doc([INTRO + [
        header,
        ["I", "Phát triển hạ tầng số", "", "", "", ""],
        ["1", "Tỷ lệ thuê bao điện thoại di động sử dụng điện thoại thông minh đạt trên 80%", "%", "Trên 80",
         "114292/114292 (100%) thuê bao", "Hoàn thành"],
        ["2", "Tỷ lệ hộ gia đình có kết nối Internet băng rộng", "%", "", "49,7%", "Không đạt"],
        ["5", "Phủ sóng mạng di động 4G và mạng Internet cáp quang đến 100% trung tâm các thôn/bản trên địa bàn tỉnh",
         "%", "Từ 100 trở lên", "163/163 (100 %) thôn", "Hoàn thành"],
    ]])
    _, got = _read(doc, KH100)
    assert (got["1"].target.op, got["1"].target.value, got["1"].target.unit) == (">", 80.0, "%")
    assert (got["5"].target.op, got["5"].target.value, got["5"].target.unit) == (">=", 100.0, "%")
    assert got["2"].reported_percent == 49.7 and got["2"].reported_verdict == "chua_dat"


# ---- legacy OCR text: cells run together, wrapped over lines ----------------------------------

LEGACY_HEADER = """BAO CAO
Ket qua thuc hien cac chi tieu chuyen doi so nam 2024
Ket qua thuc Tu
Chi tieu Ghi
TT Noi dung chi tieu hien den danh
giao chu
15/12/2024 gia
"""


def test_legacy_rows_with_stt_before_the_code_are_read():
    text = LEGACY_HEADER + """1 VE CHINH QUYEN SO Dat 1/2
Ty le cac he thong thong tin,
co so du lieu dung chung, co
so du lieu chuyen nganh duoc 9/13 (69%) he Chua
1 1.1 100 % uoc
ket noi, chia se, khai thac du thong dat
lieu tu cac co so du lieu Quoc
gia
Ty le hoat dong kiem tra cua
co quan quan ly nha nuoc 20/28 (71 %)
2 1.2 duoc thuc hien thong qua moi 50 % Dat
truong mang va he thong cuoc kiem tra
thong tin cua co quan quan ly
"""
    _, got = _read(_txt(text))
    assert set(got) >= {"1.1", "1.2"}
    assert _fields(got["1.1"]) == (9, 13, 69.0, 100.0, "chua_dat")  # 'Chưa' above, 'đạt' below the code line
    assert (got["1.2"].numerator, got["1.2"].denominator, got["1.2"].reported_verdict) == (20, 28, "dat")


def test_legacy_rows_numbered_only_by_a_restarting_stt_are_read_by_their_titles():
    text = LEGACY_HEADER + """I VE CHINH QUYEN SO
Ty le cac he thong thong tin,
co so du lieu dung chung, co 13/13 (100%)
1 so du lieu chuyen nganh duoc 100 % Dat
ket noi, chia se, khai thac du lieu
Ty le hoat dong kiem tra cua
co quan quan ly nha nuoc 20/28 (71 %)
2 duoc thuc hien thong qua moi 50 % Dat
truong mang va he thong cuoc kiem tra
thong tin cua co quan quan ly
II VE KINH TE SO
1 Ty trong kinh te so trong tung 20 % 25 % Vuot
nganh, dia phuong
2 Ty le ve tang nang suat lao dong 9,6 % 4 % Chua
binh quan hang nam dat
"""
    _, got = _read(_txt(text))
    assert set(got) == {"1.1", "1.2", "2.1", "2.2"}  # '1' under II is 2.1, not 1.1 again
    assert (got["1.2"].numerator, got["1.2"].denominator, got["1.2"].reported_verdict) == (20, 28, "dat")
    assert got["2.1"].reported_verdict == "vuot"
    assert got["2.2"].reported_verdict == "chua_dat"


_SHIFTED = LEGACY_HEADER + """II VE KINH TE SO
1 Ty trong kinh te so trong tung 20 % 25 % Vuot
nganh, dia phuong
2 Ty le doanh nghiep co phat sinh 50 % 10/40 (25 %) Chua
thue chuyen doi so doanh nghiep dat
"""


def test_legacy_row_whose_number_is_shifted_by_a_left_out_criterion():
    # row '2' under II is 2.3 by its title (2.2 left out); read by hand: target 50 %, 10/40 (25 %), Chưa đạt
    _, got = _read(_txt(_SHIFTED))
    assert "2.3" in got
    c = got["2.3"]
    assert (c.target.value, c.numerator, c.denominator, c.reported_percent, c.reported_verdict) == (50, 10, 40, 25, "chua_dat")
    assert (got["2.1"].reported_percent, got["2.1"].reported_verdict) == (25, "vuot")


def test_a_row_without_a_fraction_takes_none_from_the_next_row():
    # row '2' anchors 2.3 (its numbers ran on past 2.2), so row '1' (2.1) ends where it starts
    _, got = _read(_txt(_SHIFTED))
    assert (got["2.1"].numerator, got["2.1"].denominator) == (None, None)


def test_a_wrapped_khong_dat_negates_but_a_khong_qua_target_does_not():
    # 'Không' ends one line of the verdict cell and 'đạt' starts the next one, with the other cells'
    # words between; a 'Không quá' target wraps the same way beside a 'Hoàn thành' verdict
    from extractors.table_row import _row_verdict

    assert _row_verdict("2634/3726 (71 Khong Sb lieu %) tai khoan dat uoc tinh")[0] == "chua_dat"
    assert _row_verdict("Thoi gian khac phuc su Khong Hoan gio kiem dat 18,40 qua 24 thanh gio")[0] == "dat"
    assert _row_verdict("Khong Khong doanh qua 24 gio dat nghiep")[0] == "chua_dat"


def test_thousands_groups_scattered_by_a_wrapped_cell_are_joined_when_the_percent_agrees():
    from extractors.table_row import rejoin_groups

    lines = ["ho so: 36", "9 ≥90% 916/38 050, ty Vuot", "le 97,02%"]
    text = "ho so: 36 ≥90% 916/38 050, ty Vuot le 97,02%"
    assert "36916/38050" in rejoin_groups(text, lines, [])[0]
    # no stated percent agrees with a joined reading: left as written
    assert rejoin_groups("ho so: 36 916/38 050", ["ho so: 36", "916/38 050"], [])[0] == "ho so: 36 916/38 050"
    # a grouped whole followed by a comma: '7/1 353, tỷ lệ 0,5%'
    assert "7/1353" in rejoin_groups("hồ sơ: 7/1 353, tỷ lệ 0,5%", [], [])[0]


# ---- negative cases -------------------------------------------------------------------------------

def test_a_header_row_is_no_criterion_even_with_numbers_in_it():
    doc = _doc([INTRO + [
        ["STT", "Nội dung chỉ tiêu", "Chỉ tiêu giao", "Kết quả thực hiện đến 15/12/2024", "Tự đánh giá"],
        ["1.1", T11, "100%", "13/13 (100%)", "Đạt"],
        ["1.2", T12, "50%", "6/28 (21%)", "Chưa đạt"],
    ]])
    rec, got = _read(doc)
    assert set(got) == {"1.1", "1.2"}
    assert all("15/12" not in (c.fraction_raw or "") for c in rec.criteria)


def test_a_text_without_a_table_header_is_not_read_as_table_rows():
    from extractors.tables import has_table_header

    narrative = _txt("1. Ve chinh quyen so\nTrong nam, tt van hoa xa da to chuc 3 hoi nghi\nket qua dat 5/6 xa\n")
    assert not has_table_header(narrative.lines())
    assert has_table_header(_txt(LEGACY_HEADER).lines())


@pytest.mark.xfail(strict=True, reason="a title wrapped so that no line carries 3 words of it, in legacy text, "
                   "gives the STT nothing to confirm; the row is not read")
def test_legacy_row_whose_title_is_only_fragments_is_read():
    text = LEGACY_HEADER + """I VE CHINH QUYEN SO
Ty le
1 100 % 13/13 (100%) Dat
cac he
thong
"""
    _, got = _read(_txt(text))
    assert "1.1" in got


def test_legacy_rows_whose_unit_column_prints_a_bare_percent_read_the_target_beside_it():
    text = LEGACY_HEADER.replace("TT Noi dung chi tieu", "TT Noi dung chi tieu DVT") + """1 VE CHINH QUYEN SO
Ty le hoat dong kiem tra cua
co quan quan ly nha nuoc 20/28 (71 %)
1.2 duoc thuc hien thong qua moi % Tren 50 Dat
truong mang va he thong cuoc kiem tra
thong tin cua co quan quan ly
Ty le nguoi dan, doanh nghiep hai
long voi giai quyet thu tuc hanh Tu 90 tro
1.4 chinh cua cac co quan nha nuoc % dat ty le 95% Dat
len
"""
    _, got = _read(_txt(text))
    assert (got["1.2"].target.op, got["1.2"].target.value, got["1.2"].target.unit) == (">", 50.0, "%")
    assert (got["1.4"].target.op, got["1.4"].target.value) == (">=", 90.0)  # 'Từ 90' / 'trở' / 'lên' wrapped
    assert got["1.4"].reported_percent == 95.0  # 'đạt tỷ lệ 95%' is the result, not the target
