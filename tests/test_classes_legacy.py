"""Issue 12, field accuracy on legacy OCR text: a table whose cells ran together into lines, its
diacritics lost or garbled ('Chwa dat', 'Pat', 'Ty 1€', 's6'), each cell wrapped over several lines.

Every expected value below is read by hand from the text written in the test (what a clerk reads in
the table), not taken from the tool's output. The rows are ours, written to show each class; the
frameworks are the Hưng Yên commune set and the Ninh Bình district plan of tests/catalogs.
"""

from __future__ import annotations

import pytest

from extractors.extract import extract
from ingest.models import Document, Line, Page

HUNGYEN = "hungyen-xa-2024"
NINHBINH = "ninhbinh-huyen-2024"

HEADER = """BAO CAO
Ket qua thuc hien cac chi tieu chuyen doi so nam 2024
Chi tieu Ket qua dat Tu danh Ghi
STT Chi tieu
giao duoc gia chu
"""
HEADER_DVT = HEADER.replace("STT Chi tieu", "STT Chi tieu DVT")


@pytest.fixture(scope="module")
def catalog(merged_catalog):
    return merged_catalog


def _read(text: str, catalog, framework: str, layout: str | None = "table"):
    lines = [Line(page=1, number=i, text=t) for i, t in enumerate(text.splitlines(), 1) if t.strip()]
    doc = Document(path="legacy.txt", sha256="0" * 64, kind="txt", pages=[Page(number=1, lines=lines)])
    rec = extract(doc, catalog, framework)
    assert layout is None or rec.layout == layout  # read as the table (or narrative) it is
    return {c.code: c for c in rec.criteria}


def _target(c) -> tuple | None:
    return (c.target.op, c.target.value, c.target.unit) if c.target else None


# --- targets: a unit column's '%' followed by a symbol op, a target cell wrapped apart -----------

def test_a_unit_columns_percent_then_a_symbol_op_is_the_target(catalog):
    text = HEADER_DVT + """I HA TANG SO
Ty lé ho gia dinh co ket noi
1.4 Internet bang rong cap quang % ≥85 89,28 % Dat
II CHINH QUYEN SO
Ty le ho so thu tuc hanh chinh ho so: 3/736,
2.2 giai quyet qua han % ≤ 1 ty 1€ 0,4% Dat
"""
    got = _read(text, catalog, HUNGYEN)
    assert _target(got["1.4"]) == (">=", 85.0, "%")
    assert got["1.4"].reported_percent == 89.28
    assert _target(got["2.2"]) == ("<=", 1.0, "%")
    assert got["2.2"].reported_percent == 0.4  # 'tỷ lệ 0,4%' garbled ('ty 1€') is the result


def test_the_titles_own_tu_15_tuoi_tro_len_is_no_target(catalog):
    text = HEADER_DVT + """Ty 1é nguoi dan tù 15 tuoi
8 tro lên co tai khoan giao % > 75 Pat
136726/137848 (99,2%)
dich thanh toan dien tu
"""
    got = _read(text, catalog, NINHBINH)
    assert _target(got["8"]) == (">", 75.0, "%")  # not 'từ 15' of the title
    assert (got["8"].numerator, got["8"].denominator, got["8"].reported_verdict) == (136726, 137848, "dat")


def test_a_percent_target_cell_wrapped_above_and_below_the_code_line(catalog):
    # 'Từ 85 %' on the line above the code line, 'trở lên' below: one target cell
    text = HEADER + """I HA TANG SO 1/1
Ty lé ho gia dinh co ket nôi Tu 85 % 1 734/1 963 ho
4 Internet bang rông cap quang gia dinh (88,3 %) Pat
tro len
"""
    got = _read(text, catalog, HUNGYEN)
    assert _target(got["1.4"]) == (">=", 85.0, "%")
    assert (got["1.4"].numerator, got["1.4"].denominator) == (1734, 1963)


def test_count_targets_wrapped_apart_from_their_unit_or_op_words(catalog):
    text = HEADER + """I HA TANG SO
S6 thue bao bang rông di dong ≥90 thue dat 93,4 thue Vugt
1.3 tren 100 dan bao/100 dan bao/100 dan
Diem danh gia chi sd chuyen doi Tu 600 Chua
2.4 sd (DTI) cap xa diem tro dat 408,30 diem hoan
len thanh
"""
    got = _read(text, catalog, HUNGYEN)
    assert _target(got["1.3"]) == (">=", 90.0, "thuê bao/100 dân")
    assert got["1.3"].value == 93.4
    assert _target(got["2.4"]) == (">=", 600.0, "điểm")
    assert got["2.4"].value == 408.3


def test_a_khong_qua_target_split_by_a_wrapped_cell_is_the_target_not_the_result(catalog):
    text = HEADER + """Thoi gian trung binh khac phuc Khong Khong
9 su co mat an toan thong tin 33 gio dat
mang qua 24 gio
"""
    got = _read(text, catalog, NINHBINH)
    assert _target(got["9"]) == ("<=", 24.0, "giờ")
    assert got["9"].value == 33.0


def test_thong_qua_is_no_op_without_khong(catalog):
    # 'thông qua' (through) is title wording: no 'không' in the row, so 'qua 50' is no 'không quá'
    text = HEADER + """Ty le hoat dong kiem tra cua co quan
1.2 quan ly duoc thuc hien thong qua 50 tro 50/50 (100 %) Dat
moi truong mang
"""
    got = _read(text, catalog, "thanhhoa-qd176-2022")
    assert got["1.2"].target is None or got["1.2"].target.op != "<="


# --- percents: the fraction's own percent written further off than the usual few words ----------

NARRATIVE = """UBND XA DINH DU
BAO CAO
Ket qua thuc hien Bo tieu chi chuyen doi so cap xa nam 2024
"""


def test_a_percent_the_fraction_gives_is_its_own_though_garbled_words_stand_between(catalog):
    text = NARRATIVE + """2.1/ Ty lé ho so thu tuc hanh chinh duoc tiep nhan, giai quyet truc tuyen toan trinh (chi tieu ≥ 80 %):
Két qua: dat 92,7%, tirong úng 1.473/1.589 ho so ( Pat)
2.3/ Ty lé van ban di cua UBND xa duoc ky so va gui tren moi truong dien tu (chi tieu ≥ 95 %):
Ket qua: 1.031/1.061 van ban di cua UBND xa duoc ky so va gui tren moi truong dien tu, dat ty lé 97,2 %. Pat.
"""
    got = _read(text, catalog, HUNGYEN, "narrative")
    assert (got["2.1"].numerator, got["2.1"].denominator, got["2.1"].reported_percent) == (1473, 1589, 92.7)
    assert (got["2.3"].numerator, got["2.3"].denominator, got["2.3"].reported_percent) == (1031, 1061, 97.2)


def test_a_far_percent_that_the_fraction_does_not_give_is_not_its_own(catalog):
    # 60 % is not 1.031/1.061, and the one after ';' starts another item: neither is the fraction's percent
    text = NARRATIVE + """2.3/ Ty lé van ban di cua UBND xa duoc ky so va gui tren moi truong dien tu (chi tieu ≥ 95 %):
Ket qua: 1.031/1.061 van ban di cua UBND xa duoc ky so va gui tren moi truong dien tu, trong do 60 % ky so ca nhan. Pat.
2.1/ Ty lé ho so thu tuc hanh chinh duoc tiep nhan, giai quyet truc tuyen toan trinh (chi tieu ≥ 80 %):
Ket qua: 1.473/1.589 ho so; cac ho so con lai cua cac co quan chuyen mon cap huyen dat 92,7% tren moi truong mang. Pat.
"""
    got = _read(text, catalog, HUNGYEN, "narrative")
    assert (got["2.3"].numerator, got["2.3"].denominator) == (1031, 1061)
    assert got["2.3"].reported_percent != 60.0
    assert (got["2.1"].numerator, got["2.1"].denominator) == (1473, 1589)
    assert got["2.1"].reported_percent != 92.7


def test_a_loose_rows_percent_the_fraction_gives_beats_a_wrapped_formulas_100_percent(catalog):
    # KH100 row 5: the result cell 'đạt 86,64 %' wrapped above the code line, the formula
    # '(Số thôn đạt yêu cầu/Tổng số thôn) x 100%' wrapped below it: 188/217 is 86,64 %
    text = HEADER + """Phu song mang di dong (So thon,
4G va mang Internet cap ban dat yeu dat 86,64 % Khong
5 quang den 100% trung cau/Tong s0 ≥ 100 % (188/217
dat
tam cac thon/ban tren thon, ban) x thon)
dia ban tinh 100%
100% cac trang, cong thong tin dien 29/29 trang
13 tu cua co quan nha nuoc duoc danh ≥ 100 % (100 %) Dat
gia an toan thong tin va gan nhan tin nhiem mang
"""
    got = _read(text, catalog, "thanhhoa-kh100-2023")
    assert (got["5"].numerator, got["5"].denominator, got["5"].reported_percent) == (188, 217, 86.64)


def test_a_wrong_percent_beside_an_all_of_all_fraction_is_kept(catalog):
    # 29/29 written as 96 %: a stated percent that disagrees is the report's (a percent_mismatch),
    # not replaced by another 100 % of the row
    text = HEADER + """100% cac trang, cong thong tin dien 29/29 trang
13 tu cua co quan nha nuoc duoc danh ≥ 100 % (96 %) Dat
gia an toan thong tin va gan nhan tin nhiem mang 100%
Ty le thue bao dien thoai di dong su
1 dung dien thoai thong minh > 80 % 104187/116291 (89,6 %) Dat
"""
    got = _read(text, catalog, "thanhhoa-kh100-2023")
    assert (got["13"].numerator, got["13"].denominator, got["13"].reported_percent) == (29, 29, 96.0)


# --- numbers: a fraction's thousands group wrapped into the middle of another line ---------------

def test_a_wrapped_whole_whose_last_group_stands_mid_line_is_joined(catalog):
    # '4 268/11' on one line, the whole's '924' among other cells' words two lines down: 4 268/11 924
    # (a part larger than its whole cannot stand), and 35,79 % is what 4 268/11 924 gives
    text = HEADER + """Ty 1é nguoi dan truong ty 1€ 35,79%; cu Chua
thanh co tài khoan dich vu the: 4 268/11 hoan
15 3.4 Tren 70 %
cong truc tuyen dat tren 924 nguoi thanh
"""
    got = _read(text, catalog, HUNGYEN)
    assert (got["3.4"].numerator, got["3.4"].denominator) == (4268, 11924)


def test_a_mid_line_group_joins_by_the_nearest_reading_when_the_stated_percent_is_wrong():
    from extractors.table_row import rejoin_groups
    # '8' of '8 172' wrapped into the line above; the row states 34,7 % (8 172/24 493 is 33,4 %: the
    # report's own error), 172/24 493 (0,7 %) is far from it: the joined reading is the fraction
    lines = ["Ty 1¢ dân sb co tài khoan Tu 50 tro tu&ng ung 8 doanh", "3.2 % hoan",
             "thanh toan dien tu len 172/24 493 nghiep", "dat 34,7%,"]
    text = "tu&ng ung 8 doanh hoan len 172/24 493 nghiep dat 34,7%,"
    assert "8172/24493" in rejoin_groups(text, lines, [])[0]


def test_a_fraction_that_reads_near_its_percent_as_it_stands_is_not_joined():
    from extractors.table_row import rejoin_groups
    # 172/24 493 is 0,70 %: the '8' elsewhere in the row is another cell's number
    lines = ["co 8 doanh nghiep", "3.2 % hoan", "thanh toan dien tu len 172/24 493 nghiep", "dat 0,8%,"]
    text = "co 8 doanh nghiep hoan len 172/24 493 nghiep dat 0,8%,"
    assert "8172" not in rejoin_groups(text, lines, [])[0]
    # two bare numbers that could both be the group and no percent that tells them apart: left as written
    lines = ["co 8 doanh nghiep va 9 hop tac xa", "thanh toan dien tu len 172/24 493 nghiep", "dat 50%,"]
    text = "co 8 doanh nghiep va 9 hop tac xa len 172/24 493 nghiep dat 50%,"
    assert "172/24 493" in rejoin_groups(text, lines, [])[0]


# --- verdicts: the title's own 'không' / 'chưa' among a row's words are no negation --------------

def test_the_titles_khong_and_chua_do_not_negate_a_rows_dat(catalog):
    text = HEADER + """Ty le truong hoc trien khai thu
12 hoc phi khong dung tien mat Tu 100 % 81/81 (100 %) Pat
Ty le doanh nghiep tren dia ban
7 su dung hoa don dien tu Tu 100 % 303/303 (100 %) Dat
"""
    got = _read(text, catalog, NINHBINH)
    assert got["12"].reported_verdict == "dat"  # 'không dùng tiền mặt' is the title's
    text = HEADER + """III XA HOI SO
Ty I¢ nguoi dan truong thanh chwa 191/10 720
3.2 có dien thoai thong minh < 5 % Pay (1,78%)
Ty 1é nguoi dan truong thanh co tai
3.4 khoan dich vu cong truc tuyen Tren 70 % 4 268/11 924 (35,79 %) Chwa dat
"""
    got = _read(text, catalog, HUNGYEN)
    assert got["3.2"].reported_verdict == "dat"  # 'chưa có điện thoại thông minh' is the title's
    assert got["3.4"].reported_verdict == "chua_dat"


def test_a_khong_that_is_not_title_wording_still_negates(catalog):
    # the verdict cell 'Không đạt' wrapped: 'Khong' on the line above, 'dat' below the code line
    text = HEADER + """Ty le truong hoc trien khai thu Khong
12 hoc phi khong dung tien mat Tu 100 % 70/81 (86,4 %)
dat
Ty le doanh nghiep tren dia ban
7 su dung hoa don dien tu Tu 100 % 303/303 (100 %) Dat
"""
    got = _read(text, catalog, NINHBINH)
    assert got["12"].reported_verdict == "chua_dat"


# --- values: a garbled 'đạt' leads a measured value whose unit stands in another cell -----------

def test_a_garbled_dat_leads_a_value_whose_unit_wrapped_away(catalog):
    from extractors.measure import find_value
    c11 = next(f for f in catalog.frameworks if f.id == HUNGYEN).by_code["1.1"]
    # legacy text: 'day 53,24' is 'đạt 53,24', its 'Mb/s' in the unit column further on
    hit = find_value("Toc d9 truy cdp Internet bang day 53,24  40 Da dat Mb/s huyen", c11, [])
    assert hit is not None and (hit.value, hit.unit) == (53.24, "Mb/s")
    # text with its diacritics: 'đây' (here) folds to 'day' too, and is no result word
    assert find_value("Tốc độ truy cập Internet băng rộng tại đây 53,24  40 Đã đạt Mb/s huyện", c11, []) is None


# --- percents: a percent cell that wrapped, its number on one line and its '%' on another --------

def test_a_wrapped_percent_cell_is_read_when_the_fraction_gives_it(catalog):
    # KH100 rows: '(89,6' … '%)' and '(40,5' … '%)' of cells wrapped over three lines
    text = HEADER + """Ty I¢ thuê bao dien thoai thue bao da 104187/116291
1 thuc hiên / > 80 % thue bao (89,6 Ty lé = s6 Hoan
di dong su dung diên thoai thong minh dat %) thành
Ty 1¢ hoat dong kiem tra hanh chinh 15/37 cuoc
22 dinh ky cua co quan quan ly > 30 % kiem tra (40,5 Dar
duoc thuc hien thong qua moi truong so %)
"""
    got = _read(text, catalog, "thanhhoa-kh100-2023")
    assert (got["1"].numerator, got["1"].denominator, got["1"].reported_percent) == (104187, 116291, 89.6)
    assert (got["22"].numerator, got["22"].denominator, got["22"].reported_percent) == (15, 37, 40.5)


def test_a_wrapped_percent_without_a_fraction_needs_decimals_and_a_lone_percent_sign(catalog):
    text = HEADER + """Ty 1¢ ho gia dinh co ket day ty 1€ 85,1 Hoan
2 noi Internet bang rong % thanh
Ty le thue bao dien thoai di dong su
1 dung dien thoai thong minh > 80 % dat ty le 89 Hoan thanh
"""
    got = _read(text, catalog, "thanhhoa-kh100-2023")
    assert got["2"].reported_percent == 85.1
    # '89' after 'đạt tỷ lệ' with no '%' anywhere near and no decimals: not read as a percent
    assert got["1"].reported_percent is None


def test_a_bare_number_the_fraction_does_not_give_is_no_wrapped_percent(catalog):
    # '(12' is the count of the note column, not 15/37's percent
    text = HEADER + """Ty 1¢ hoat dong kiem tra hanh chinh 15/37 cuoc
22 dinh ky cua co quan quan ly > 30 % kiem tra (12 Dar
duoc thuc hien thong qua moi truong so cuoc)
Ty le thue bao dien thoai di dong su
1 dung dien thoai thong minh > 80 % 104187/116291 (89,6 %) Dat
"""
    got = _read(text, catalog, "thanhhoa-kh100-2023")
    assert (got["22"].numerator, got["22"].denominator) == (15, 37)
    assert got["22"].reported_percent is None


# --- targets in narrative legacy text: a cue or op before a number whose unit OCR garbled --------

def test_a_marked_target_whose_units_last_word_is_garbled(catalog):
    text = NARRATIVE + """1.3/ So thue bao bang rong di dong tren 100 dan (90 thue bao/100 d4n): Ket qua: trung binh dat
93,4 thue bao/100 dan. Tu danh gia: Pat.
2.4/ Diem clanh gia chi sb chuyen dôi s0 (DTI) cap x4 (tbi thieu 600 djem): Ket qua: 798,4 diem => Hoan thanh.
3.1/ So tai khoan thanh toan dien tu binh quan cua nguoi dan tu 15 tuoi tro len (chi tieu 1 tai khoan/ngu&i):
Ket qua: dat 1,81 tai khoan/nguoi. Tu danh gia: Hoan thanh.
"""
    got = _read(text, catalog, HUNGYEN, "narrative")
    assert _target(got["1.3"]) == (">=", 90.0, "thuê bao/100 dân")
    assert _target(got["2.4"]) == (">=", 600.0, "điểm")  # 'tbi thieu' is 'tối thiểu', 'djem' is 'điểm'
    assert _target(got["3.1"]) == (">=", 1.0, "tài khoản/người")
    assert (got["2.4"].value, got["3.1"].value) == (798.4, 1.81)


def test_a_garbled_unit_is_no_target_without_a_cue_and_never_in_text_with_diacritics():
    from extractors.measure import find_targets
    units = ("%", "điểm")
    assert [h.target.value for h in find_targets("(chi tieu 600 djem)", units)] == [600.0]
    assert find_targets("Toan xa dat 600 djem", units) == []  # no cue, op or brackets: a result
    # with its diacritics the text is read exactly: 'điều' (one letter off 'điểm' once folded) is no unit
    assert find_targets("Điểm đánh giá của xã năm nay (chỉ tiêu 600 điều) được nêu", units) == []
    assert [h.target.value for h in find_targets("(chi tieu 600 dieu)", units)] == [600.0]  # legacy: garbled


def test_an_op_before_a_bare_number_is_its_own_not_the_result_after_it(catalog):
    # 'Không' / 'quá 24' of the target cell, then the result '11,5 giờ': the target is ≤ 24 giờ
    text = HEADER + """Thoi gian trung binh khac Khong
9 phuc su co mat an toan thong qua 24 11,5 gio Da dat
tin mang gio
"""
    got = _read(text, catalog, NINHBINH)
    assert _target(got["9"]) == ("<=", 24.0, "giờ")
    assert got["9"].value == 11.5


# --- units: a unit legacy OCR wrote without its diacritics gets them back -----------------------

def test_a_units_lost_diacritics_come_back_from_the_vocabulary(catalog):
    from extractors.provisional import _canon_unit
    assert _canon_unit("giao dich/nguoi/thang") == "giao dịch/người/tháng"
    assert _canon_unit("mo hinh") == "mô hình"
    assert _canon_unit("thuê bao/100 hộ") == "thuê bao/100 hộ"  # a unit the vocabulary does not know stays


# --- a row's lines: the row above's formula tail, a target and its result both at 100 % ---------

def test_the_row_aboves_wrapped_formula_tail_is_not_the_next_rows_percent(catalog):
    # the explanation column of 2.4 ends '(Số văn bản ký số / Tổng số văn bản) x' / '100%'; that
    # '100%' stands just above 2.5's title, a yes/no indicator that states no percent
    text = HEADER + """Ty lé van ban di cua UBND xa ≥95 % 412/420 van ban
2.3 duoc ky so va gui tren moi (so van ban ky so/ ty le 98,1 % Dat
truong dien tu Tong so van ban) x
100%
Trang thong tin dien tu cua xa hoat
2.5 dong, cap nhat thong tin theo quy Co Da thuc hien Pat
dinh
"""
    got = _read(text, catalog, HUNGYEN)
    assert (got["2.3"].numerator, got["2.3"].denominator, got["2.3"].reported_percent) == (412, 420, 98.1)
    assert got["2.5"].reported_percent is None and got["2.5"].reported_verdict == "dat"


def test_a_bare_100_percent_line_that_ends_no_formula_stays_with_its_row(catalog):
    # negative: '100%' on its own line after a title line (no 'x' before it) is the row's result cell
    text = HEADER + """Ty lé thon, to dan pho duoc phu
1.6 song di dong 4G/5G ≥100 % 14/14 thon Dat
100%
"""
    got = _read(text, catalog, HUNGYEN)
    assert (got["1.6"].numerator, got["1.6"].denominator, got["1.6"].reported_percent) == (14, 14, 100.0)


def test_a_result_of_100_percent_right_after_a_target_of_100_percent_is_read(catalog):
    # '≥100% 100% thôn': the target cell, then the result cell; the second is no restated target
    text = HEADER + """Ty lé thon, to dan pho duoc phu
1.6 song di dong 4G/5G ≥100% 100% thon Hoan thanh
"""
    got = _read(text, catalog, HUNGYEN)
    assert _target(got["1.6"]) == (">=", 100.0, "%")
    assert got["1.6"].reported_percent == 100.0


def test_a_unit_columns_percent_before_the_target_is_still_no_result(catalog):
    # negative: '% 100 %' is the unit column's bare '%', then the target cell: not a result
    text = HEADER_DVT + """Ty lé thon, to dan pho duoc phu
1.6 song di dong 4G/5G % 100 % Chua thuc hien Chua dat
"""
    got = _read(text, catalog, HUNGYEN)
    assert _target(got["1.6"]) == (">=", 100.0, "%")
    assert got["1.6"].reported_percent is None


@pytest.mark.parametrize("text,want", [
    # a note column's 'Số liệu ước' / 'tính' beside a wrapped 'Hoàn' … 'thành': the 'ước' drops nothing
    ("≥90% 22/22 = 100% uoc Hoan tinh thanh", "dat"),
    ("≤ 2% uoc 13/2 286 = Hoan S6 lieu tinh 0,6% thanh", "dat"),
    # 'Ước đạt 82,8%' is the result: its 'đạt' is no verdict, the row's own 'Chưa … đạt' is
    ("Uoc dat 82,8% Chua Quy IV dat", "chua_dat"),
])
def test_an_uoc_only_drops_the_word_of_an_estimated_result(text, want):
    from extractors.table_row import _row_verdict

    assert _row_verdict(text)[0] == want


def test_an_stt_number_followed_by_its_result_percent_anchors_the_row(catalog):
    # '2 93,4 % Pat': the title wrapped off the code line, the STT number then the result cell
    text = HEADER + """Ty lé dich vu cong truc tuyen toan trinh tren
1 ≥ 80% 230/274 (83,9%) Pat
tong so thu tuc hanh chinh
Ty lé ho so thu tuc hanh chinh duoc so hoa ≥ 90%
2 93,4 % Pat
ngay khi tiep nhan
"""
    got = _read(text, catalog, NINHBINH)
    assert (got["1"].numerator, got["1"].denominator, got["1"].reported_percent) == (230, 274, 83.9)
    assert (_target(got["2"]), got["2"].reported_percent, got["2"].reported_verdict) == ((">=", 90.0, "%"), 93.4, "dat")


def test_a_number_and_percent_at_a_line_start_that_no_title_explains_is_no_row(catalog):
    # negative: '5 12,5 %' in row 1's wrapped cells, no words of indicator 5's title around it
    text = HEADER + """Ty lé dich vu cong truc tuyen toan trinh tren
1 ≥ 80% 230/274 (83,9%) Pat
5 12,5 % chua toan trinh
tong so thu tuc hanh chinh
"""
    got = _read(text, catalog, NINHBINH)
    assert sorted(got) == ["1"]


def test_a_code_line_holding_only_the_stt_number_anchors_the_row(catalog):
    # '7' alone: the title, target, result and verdict cells all wrapped onto the lines around it
    text = HEADER + """Ty lé doanh nghiep tren dia ban su dung hoa don
7
dien tu ≥100% 1.015/1.015 (100%) Hoan thanh
"""
    got = _read(text, catalog, NINHBINH)
    c = got["7"]
    assert (c.numerator, c.denominator, c.reported_percent, c.reported_verdict) == (1015, 1015, 100.0, "dat")


def test_an_stt_number_followed_by_its_result_fraction_anchors_the_row(catalog):
    text = HEADER + """Ty lé truong hoc trien khai thu hoc phi
12 45/45 truong ≥100% Hoan
khong dung tien mat thanh
"""
    got = _read(text, catalog, NINHBINH)
    c = got["12"]
    assert (c.numerator, c.denominator, c.reported_verdict) == (45, 45, "dat")


def test_a_lone_number_inside_another_rows_cells_is_no_row(catalog):
    # negative: '9' alone among row 7's wrapped cells; no words of indicator 9's title around it
    text = HEADER + """Ty lé doanh nghiep tren dia ban su dung hoa don
7 ≥100% 1.015/1.015 Hoan
9
dien tu thanh
"""
    got = _read(text, catalog, NINHBINH)
    assert sorted(got) == ["7"]
    assert (got["7"].numerator, got["7"].reported_verdict) == (1015, "dat")


def test_a_fractions_wrapped_thousands_group_is_no_stt_number(catalog):
    # negative: '1 473/1 589 = 92,7%' at a line start is one fraction (1473/1589), not STT 1 and 473/1
    text = HEADER + """Ty 1¢ ho so thu tuc hanh chinh
1 473/1 589 = Vwot chi
2.1 dwoc tiep nhan, giai quyet truc % ≥80
92,7% tiêu
tuyén toan trinh
"""
    got = _read(text, catalog, HUNGYEN)
    assert sorted(got) == ["2.1"]
    c = got["2.1"]
    assert (_target(c), c.numerator, c.denominator, c.reported_percent) == ((">=", 80.0, "%"), 1473, 1589, 92.7)


# --- round 7: the stated percent decides a wrapped whole; an op-marked target beats a bare percent ---

def test_a_wrapped_whole_is_joined_by_the_group_that_gives_the_percent_to_its_decimals():
    from extractors.table_row import rejoin_groups
    # '31 648/33' with the whole's '157' two lines down; the target cell's 'Tu 100' is three digits
    # too: 31 648/33 100 is 95,61 %, 31 648/33 157 is 95,45 % as printed. The percent's '%' wrapped
    # onto a line of its own ('= 95,45 hoàn' / … / '% thanh')
    lines = ["31 648/33 Chua", "Ty I¢ ket qua giai quyet thu tuc Tu 100", "2 % 157 = 95,45 hoàn",
             "hanh chinh duoc tra ban dien tu tro len", "% thanh"]
    text = "31 648/33 Chua Tu 100 % 157 = 95,45 hoàn tu tro len % thanh"
    assert "31648/33157" in rejoin_groups(text, lines, [])[0]
    # a line that starts with a grouped part ('104 537/125') gives no trailing group '104'
    lines = ["Ty le thue bao di dong Khao sat", "104 537/125 Vuot chi", "1 thong minh dat > 80% 830",
             "634 = 83,21% tieu"]
    text = "Khao sat 104 537/125 Vuot chi 830 634 = 83,21% tieu"
    assert "104537/125634" in rejoin_groups(text, lines, [])[0]


def test_a_bare_number_after_a_result_word_confirms_a_join_only_to_its_decimals():
    from extractors.table_row import rejoin_groups
    # negative: '= 95,4' is what 31 648/33 157 gives only to 0,05 off (95,449…): it confirms it; '= 96,1'
    # is no reading's (33 100 gives 95,61): nothing is joined, and a bare '= 95' (no decimals) confirms nothing
    lines = ["31 648/33 Chua", "2 % 157 = 96,1 hoàn", "% thanh"]
    assert "31 648/33" in rejoin_groups("31 648/33 Chua % 157 = 96,1 hoàn % thanh", lines, [])[0]
    lines = ["31 648/33 Chua", "2 % 157 = 95 hoàn", "thanh"]
    assert "31 648/33" in rejoin_groups("31 648/33 Chua % 157 = 95 hoàn thanh", lines, [])[0]


def test_an_op_marked_target_elsewhere_makes_the_code_lines_bare_percent_the_result(catalog):
    # the result cell (86,40%) printed right after the code, the target 'Tu 80%' / … / 'tro len'
    # wrapped above and below it
    text = HEADER + """Ty le ho so thu tuc hanh chinh duoc tiep
nhan, giai quyet truc tuyen Tu 80%
2.1 86,40% Vugt
toan trinh tro len
"""
    got = _read(text, catalog, HUNGYEN)
    c = got["2.1"]
    assert (_target(c), c.reported_percent, c.reported_verdict) == ((">=", 80.0, "%"), 86.4, "vuot")


def test_a_bare_percent_that_is_the_catalogs_target_stays_the_target(catalog):
    # negative: '2.1 80% …' is the catalog's 80 %: the target column, read as before; the result follows it
    text = HEADER + """Ty le ho so thu tuc hanh chinh duoc tiep
2.1 80% 86,4% Vugt
nhan, giai quyet truc tuyen toan trinh
"""
    got = _read(text, catalog, HUNGYEN)
    c = got["2.1"]
    assert (_target(c), c.reported_percent) == ((">=", 80.0, "%"), 86.4)


def test_a_unit_columns_neighbour_over_100_gives_way_to_the_op_marked_number(catalog):
    # '2 % 157 …': 157 is the whole's wrapped group, no percent target; 'Tu 100' … 'tro len' is
    text = HEADER_DVT + """31 648/33 Chua
Ty I¢ ho so thu tuc hanh chinh Tu 90
2 % 157 = 95,45 hoàn
duoc so hoa ngay khi tiep nhan tro len
% thanh
"""
    got = _read(text, catalog, NINHBINH)
    c = got["2"]
    assert (_target(c), c.numerator, c.denominator, c.reported_percent) == ((">=", 90.0, "%"), 31648, 33157, 95.45)


def test_the_row_aboves_title_wording_at_a_line_start_is_no_stt_number(catalog):
    # '15 tuoi tro len' ends row 12's title ('… cua nguoi dan tu' / '15 tuoi tro len'), next to
    # row 13's 'Ty 1€ nguoi dan truong thanh' (row 15's title starts so too): no row 15 there; the
    # real row 15 comes after row 14
    text = HEADER + """III XA HOI SO
So tai khoan thanh toan dien
≥1 tai dat 1,37 tai Vuot
12 tu binh quan cua nguoi dan tu
khoan/nguoi khoan/nguoi
15 tuoi tro len
Ty 1€ nguoi dan truong thanh Chwa
13 < 5% nguoi (13,5
chua co dien thoai thong minh dat
%)
So To cong nghe so cong dong Hoan
14 ≥10 to co 17 to
hoat dong hieu qua thanh
Ty 1¢ nguoi dan truong thanh 7 880/9 236
Tren 70
15 co tai khoan dich vu cong truc (85,3 Vugt
%
tuyen dat tren 70% %)
"""
    got = _read(text, catalog, HUNGYEN)
    c = got["3.4"]
    assert (_target(c), c.numerator, c.denominator, c.reported_percent) == ((">", 70.0, "%"), 7880, 9236, 85.3)
    assert got["3.3"].numerator is None and got["3.3"].value == 17.0


def test_a_second_chua_beyond_the_titles_own_is_the_verdicts(catalog):
    # the title 'Tỷ lệ người dân trưởng thành chưa có điện thoại thông minh' writes 'chưa' once; the
    # row holds two ('… truong thanh Chwa' is the verdict cell 'Chưa' / 'đạt' wrapped around the title)
    text = HEADER + """Ty 1€ nguoi dan truong thanh Chwa
13 < 5% nguoi (13,5
chwa co dien thoai thong minh dat
%)
"""
    got = _read(text, catalog, HUNGYEN)
    assert got["3.2"].reported_verdict == "chua_dat"


def test_the_titles_only_chua_does_not_negate(catalog):
    # negative: the title's one 'chưa' and a verdict 'Đạt': đạt
    text = HEADER + """Ty 1€ nguoi dan truong thanh
13 < 5% nguoi (3,5 Dat
chwa co dien thoai thong minh
%)
"""
    got = _read(text, catalog, HUNGYEN)
    assert got["3.2"].reported_verdict == "dat"


def test_a_wrapped_result_cell_stays_in_the_row_whose_percent_it_gives(catalog):
    # '138/154 can' stands between row 3's and row 4's titles, words of neither; its percent '(89,6%)'
    # is on row 4's side (138/154 is 89,6 %): the line is row 4's, the first measure's result.
    # And '12.960/12.960' after the unit column's '%' is the second measure's result, no target 12
    text = HEADER_DVT + """Ty 1€ ho so thu tuc hanh chinh 18/2.143 ho Hoan
3 % < 2
giai quyet tre han so (0,8%) thanh
138/154 can
100% can bo, cong chuc cap
bo (89,6%); Chua
huyen duoc cap chu ky so ca ≥ 100; ≥
4 % 12.960/12.960 hoan
nhan; 95% van ban di duoc ky 95
van ban thanh
(100%)
"""
    got = _read(text, catalog, NINHBINH)
    assert (got["3"].numerator, got["3"].denominator, got["3"].reported_percent) == (18, 2143, 0.8)
    c = got["4"]
    assert (_target(c), c.numerator, c.denominator, c.reported_percent) == ((">=", 100.0, "%"), 138, 154, 89.6)
    assert (12960, 12960) in [(m.numerator, m.denominator) for m in c.measures]


def test_a_result_line_whose_percent_is_on_neither_side_is_shared_out_as_before(catalog):
    # negative: '120/154' gives no percent of either row (77,9 %): no pair pulls it, and the
    # lines no title explains break ties at the middle as before (it stays with row 3 above it)
    text = HEADER_DVT + """Ty 1€ ho so thu tuc hanh chinh 18/2.143 ho Hoan
3 % < 2
giai quyet tre han so (0,8%) thanh
120/154 can
100% can bo, cong chuc cap
bo (89,6%); Chua
huyen duoc cap chu ky so ca ≥ 100; ≥
4 % 12.960/12.960 hoan
nhan; 95% van ban di duoc ky 95
"""
    got = _read(text, catalog, NINHBINH)
    assert got["4"].numerator != 120


def test_a_dotted_code_alone_on_its_line_anchors_the_row(catalog):
    # '1.4' alone: its title wrapped above and below it, the cells beside the title's second line
    text = HEADER + """I HA TANG SO
Toc do truy cap Internet bang rong di dong
1.1 ≥36 Mb/s dat 52,4 Mb/s Dat
trung binh tren dia ban xa
Ty lé ho gia dinh co ket noi Internet
1.4
bang rong cap quang ≥85 % 1 204/1 320 (91,2 %) Dat
"""
    got = _read(text, catalog, HUNGYEN)
    c = got["1.4"]
    assert (_target(c), c.numerator, c.denominator, c.reported_percent, c.reported_verdict) == \
        ((">=", 85.0, "%"), 1204, 1320, 91.2, "dat")
    assert got["1.1"].numerator is None and got["1.1"].value == 52.4


def test_a_value_only_an_op_after_it_marks_is_the_result_beside_a_wrapped_target(catalog):
    # 'gio day 12,35 giò' / 'quá 24 thành': the target cell 'Không' / 'quá 24' / 'giờ' wrapped around
    # the result 'đạt 12,35 giờ'; the 'quá' after 12,35 marks the 24, not the 12,35
    text = HEADER + """Thoi gian trung binh khac phuc
Không Hoan
9 su co mat an toan thong tin gio day 12,35 giò
quá 24 thành
mang
"""
    got = _read(text, catalog, NINHBINH)
    c = got["9"]
    assert (_target(c), c.value, c.reported_verdict) == (("<=", 24.0, "giờ"), 12.35, "dat")


def test_an_op_before_the_value_still_marks_it_as_the_target(catalog):
    # negative: 'Khong qua 24 gio' written whole before the result: the 24 is the target as before
    text = HEADER + """Thoi gian trung binh khac phuc
9 su co mat an toan thong tin Khong qua 24 gio 12,35 gio Dat
mang
"""
    got = _read(text, catalog, NINHBINH)
    c = got["9"]
    assert (_target(c), c.value) == (("<=", 24.0, "giờ"), 12.35)


def test_a_whole_average_after_binh_quan_is_the_value_whose_unit_wrapped(catalog):
    # 'Giá trị đo bình quân 96' / … / 'thuê bao/100 hộ': a whole number after 'bình quân', the unit
    # on the lines below (legacy text without diacritics)
    text = HEADER + """So thue bao Internet bang Gia tri do
≥ 80 thue binh quan 96 Hoan
6 rong co dinh tren 100 ho gia trung binh
bao/100 ho thue bao/100 ho thanh
"""
    got = _read(text, catalog, NINHBINH)
    c = got["6"]
    assert (_target(c), c.value, c.value_unit) == ((">=", 80.0, "thuê bao/100 hộ"), 96.0, "thuê bao/100 hộ")


def test_two_whole_averages_after_binh_quan_give_no_value(catalog):
    # negative: 'bình quân 96' and 'bình quân 88' (the year before's, beside it): which one is the
    # result the row does not say, so neither is taken
    text = HEADER + """So thue bao Internet bang Gia tri do
≥ 80 thue binh quan 96 Hoan
6 rong co dinh tren 100 ho gia nam truoc binh quan 88
bao/100 ho thue bao/100 ho thanh
"""
    got = _read(text, catalog, NINHBINH)
    assert got["6"].value is None


def test_a_garbled_tu_op_marks_a_wrapped_target(catalog):
    # 'Tw 85 %' / … / 'tro len': legacy OCR wrote 'Từ' with 'ư' read as 'w' (as in 'Chwa', 'dwoc')
    text = HEADER + """I HA TANG SO
1 752/3 498 Khao
Ty 1¢ ho gia dinh co ket noi Tw 85 % Chwa
4 ho gia dinh sat 89
Internet bang rong cap quang tro len dat
(50%) phieu
"""
    got = _read(text, catalog, HUNGYEN)
    c = got["1.4"]
    assert (_target(c), c.numerator, c.denominator, c.reported_percent) == ((">=", 85.0, "%"), 1752, 3498, 50.0)


def test_a_garbled_tu_without_tro_len_is_no_op(catalog):
    # negative: 'Tw 85 %' with no 'trở lên' anywhere in the row reads no 'từ … trở lên' target
    text = HEADER + """I HA TANG SO
1 752/3 498 Khao
Ty 1¢ ho gia dinh co ket noi Tw 85 % Chwa
4 ho gia dinh sat 89
Internet bang rong cap quang dat
(50%) phieu
"""
    got = _read(text, catalog, HUNGYEN)
    assert got["1.4"].target is None


# --- round 7, the generator's new forms: fractions written with words, header words, years, cues ---

@pytest.mark.parametrize("text, want", [
    ("Kết quả: 15.424 trên tổng số 15.378 hồ sơ (99,7%)", (15424, 15378)),
    ("đạt 99,7% (15.424 trên 15.378 hồ sơ)", (15424, 15378)),
    ("15.424 hồ sơ/15.378 hồ sơ, đạt 99,7%", (15424, 15378)),
    ("26 915 hồ sơ/27 839 hồ sơ", (26915, 27839)),
    ("Ket qua: 1 302 tren tong so 1 333 ho so (97,7%)", (1302, 1333)),  # legacy text, no diacritics
])
def test_a_fraction_written_with_words_is_read(text, want):
    from extractors.numbers import find_fractions
    assert [(f.numerator, f.denominator) for f in find_fractions(text)] == [want]


@pytest.mark.parametrize("text", [
    "xã đạt 19 trên 23 tiêu chí",              # a tally, not a measure
    "đạt 125 trên 100 dân",                    # a per-100 unit
    "có 3 tài khoản/người",                    # a unit with a slash
    "1.302 hồ sơ/1.333 thủ tục",               # two different nouns: no part and whole
    "từ 15 tuổi trở lên trên địa bàn",
])
def test_words_that_only_look_like_a_worded_fraction_are_none(text):
    from extractors.numbers import find_fractions
    assert find_fractions(text) == []


def test_a_yeu_cau_column_is_the_target_when_no_other_column_is():
    from extractors.table_header import _roles
    roles = _roles(["Số TT", "Chỉ tiêu", "Thời hạn", "Yêu cầu", "Số liệu thực hiện", "Tự đánh giá"])
    assert (roles["title"], roles["target"], roles["result"], roles["verdict"]) == (1, 3, 4, 5)
    # negative: beside a 'Chỉ tiêu giao' column it is the explanation, as before
    roles = _roles(["STT", "Tên chỉ tiêu", "Yêu cầu", "Chỉ tiêu giao", "Kết quả", "Đánh giá"])
    assert (roles["target"], roles["explanation"]) == (3, 2)


def test_a_tu_cham_column_is_the_verdict_not_the_result():
    from extractors.table_header import _roles
    roles = _roles(["STT", "Nội dung", "Chỉ tiêu", "Kết quả", "Kết quả tự chấm"])
    assert (roles["result"], roles["verdict"]) == (3, 4)
    roles = _roles(["STT", "Chỉ tiêu", "Mục tiêu", "Kết quả đạt được", "Tự chấm"])
    assert (roles["target"], roles["result"], roles["verdict"]) == (2, 3, 4)


def test_a_deadline_cells_year_is_no_value(catalog):
    # 'Năm' / … '2024 gio': the deadline cell 'Năm 2024' ran together with the result's unit; the
    # value is 'dat 18,6 gio'
    text = HEADER + """Thoi gian trung binh khac phuc Nam Khong
9 su co mat an toan thong tin qua 24 dat 18,6 Dat
mang 2024 gio gio
"""
    got = _read(text, catalog, NINHBINH)
    assert got["9"].value == 18.6


def test_a_target_cue_that_names_who_set_it():
    from extractors.measure import find_targets
    got = [(h.target.op, h.target.value) for h in find_targets("đạt 82%; chỉ tiêu đề ra là 85%")]
    assert got == [(">=", 85.0)]
    got = [(h.target.op, h.target.value) for h in find_targets("(chỉ tiêu kế hoạch: từ 85% trở lên)")]
    assert got == [(">=", 85.0)]


def test_a_target_cell_wrapped_apart_from_its_op_words(catalog):
    # 'Toi thieu' on the title's first line, '90%' two lines down, the result 'dat ti le 61%' on the
    # code line ('tỉ lệ' as well as 'tỷ lệ' introduces a result)
    text = HEADER + """Ty I¢ nguoi dan, doanh nghiep hai long Toi thieu Chua
1.4 dat ti le 61%
voi giai quyet thu tuc hanh chinh cua 90% dat
cac co quan nha nuoc
"""
    got = _read(text, catalog, "thanhhoa-qd176-2022")
    c = got["1.4"]
    assert (_target(c), c.reported_percent, c.reported_verdict) == ((">=", 90.0, "%"), 61.0, "chua_dat")


def test_a_wrapped_op_words_percent_beside_a_bare_result_on_the_code_line(catalog):
    # '2.1 30,03%': the code line's bare percent is the result once 'Toi thieu' / … / '20%' marks the target
    text = HEADER + """2 VE KINH TE SO
Ty trong kinh te so trong tung nganh, Toi thieu Hoan
2.1 30,03%
dia phuong 20% thanh
"""
    got = _read(text, catalog, "thanhhoa-qd176-2022")
    c = got["2.1"]
    assert (_target(c), c.reported_percent, c.reported_verdict) == ((">=", 20.0, "%"), 30.03, "dat")


def test_an_op_word_with_its_own_number_reaches_for_no_later_percent(catalog):
    # negative: 'It nhat 80' holds its number (its '%' is the unit column's); '63,58 %' further on is
    # the result, never the target
    text = HEADER + """Ty le dich vu cong truc tuyen Khong
1 toan trinh tren tong so thu tuc It nhat 80 96/151 63,58 %
hanh chinh du dieu kien dat
"""
    got = _read(text, catalog, NINHBINH)
    c = got["1"]
    assert c.target is None or c.target.value != 63.58
    assert c.reported_percent == 63.58


def test_the_rows_only_percent_equal_to_a_wrapped_target_is_still_the_result(catalog):
    # 'Toi thieu' / … / '100 100 %': the target cell's bare 100 and the result 'ước đạt 100 %'; the one
    # percent of the row is the result's
    text = HEADER + """Ty le van ban, ho so cong viec cua
UBND cap huyen va cac don vi
Toi thieu uoc dat
3.2 truc thuoc duoc tao lap, Da dat
100 100 %
xu ly, ky so tren moi truong dien tu
"""
    got = _read(text, catalog, "thanhhoa-qd176-2022")
    c = got["3.2"]
    assert (c.reported_percent, c.reported_verdict) == (100.0, "dat")


def test_a_group_row_in_capitals_with_its_tally_ends_the_rows_above(catalog):
    # '2 HOAT DONG CHINH QUYEN SO dat 03/05': a group's row and tally, no cell of row 1.5 above it
    text = HEADER + """I HA TANG SO
So diem truy cap Wi-Fi cong cong Tu 03 da co 07 Hoan
1.5 mien phi tai khu vuc trung tam xa diem tro len diem thanh
2 HOAT DONG CHINH QUYEN SO dat 03/05
"""
    got = _read(text, catalog, HUNGYEN)
    c = got["1.5"]
    assert (c.numerator, c.denominator, c.value) == (None, None, 7.0)


def test_a_row_in_lower_case_that_ends_with_a_fraction_is_no_group_row():
    from extractors.table_loose import _NAMED_GROUP_ROW
    # negative: a criterion's line ('12 Ty le ho so 3/5') is no group row, nor is a code line
    assert not _NAMED_GROUP_ROW.match("12 Ty le ho so tre han 3/5")
    assert not _NAMED_GROUP_ROW.match("3.2 TTHC DVC 5/7")
    assert _NAMED_GROUP_ROW.match("II CHÍNH QUYỀN SỐ 4/5")


def test_a_garbled_tong_so_still_makes_a_worded_fraction():
    from extractors.numbers import find_fractions
    # legacy OCR writes 'tổng số' 'tong s0', 'tông sb', 'tong sd'
    got = [(f.numerator, f.denominator) for f in find_fractions("co 50 256 tren tong sd 56 757 ho gia dinh (88,55%)")]
    assert got == [(50256, 56757)]


def test_part_and_whole_in_columns_of_their_own_make_the_fraction(catalog):
    # Tử số | Mẫu số columns: '2.118 2.359 89,8%' is 2 118/2 359 and its rate; the bare '100' before
    # the columns ('3.1 100 401 401 100 %') is the target column's, the catalog's value
    from extractors.numbers import find_fractions
    from extractors.table_row import columns_fraction
    assert [(f.numerator, f.denominator) for f in find_fractions(columns_fraction("≥ 100% 2.118 2.359 89,8% hoan"))] \
        == [(2118, 2359)]
    assert [(f.numerator, f.denominator) for f in find_fractions(columns_fraction("3.1 100 401 401 100 %"))] == [(401, 401)]
    text = HEADER_DVT + """Ty le ho so thu tuc hanh chinh duoc so hoa
2 % 90 2.118 2.359 89,8% Chua dat
ngay khi tiep nhan
Ty le doanh nghiep tren dia ban su dung
7 % 100 1.009 1.015 99,4 % Dat
hoa don dien tu
"""
    got = _read(text, catalog, NINHBINH)
    c = got["7"]
    assert (c.numerator, c.denominator, c.reported_percent) == (1009, 1015, 99.4)
    assert (got["2"].numerator, got["2"].denominator, got["2"].reported_percent) == (2118, 2359, 89.8)


def test_two_numbers_whose_rate_is_not_the_percent_after_them_are_no_fraction():
    from extractors.table_row import columns_fraction
    # negative: '≥ 26 xã 28 29' has no percent; '12 50 13 %' — 12/50 is 24 %, not 13 %
    assert columns_fraction("3.1 ≥ 26 xa 28 29 Vuot") == "3.1 ≥ 26 xa 28 29 Vuot"
    assert "/" not in columns_fraction("2 12 50 13 %")


def test_a_lone_khong_of_a_wrapped_khong_thap_hon_turns_the_op_and_negates_nothing(catalog):
    # 'Khong' at the end of the title's first line, 'thap hon' on the code line, '50%' below: the
    # target 'Không thấp hơn 50%' (≥ 50 %), the verdict 'Đã đạt'
    text = HEADER + """Ty le hoat dong kiem tra cua
co quan quan ly nha nuoc Khong
1.2 duoc thuc hien thong qua moi thap hon 28 36 77,8% Da dat
truong mang va he thong 50%
thong tin cua co quan quan ly
"""
    c = _read(text, catalog, "thanhhoa-qd176-2022")["1.2"]
    assert (_target(c), c.numerator, c.denominator, c.reported_percent, c.reported_verdict) == \
        ((">=", 50.0, "%"), 28, 36, 77.8, "dat")


def test_a_khong_dat_beside_a_thap_hon_target_still_negates(catalog):
    # negative: 'Không đạt' is the verdict (a verdict word follows the 'không'); 'thấp hơn 2%' keeps its op
    text = HEADER + """Ty le ho so thu tuc hanh chinh
2.2 giai quyet qua han thap hon 4 % Khong dat
tre han 1% ty le
"""
    c = _read(text, catalog, HUNGYEN)["2.2"]
    assert c.reported_verdict == "chua_dat"


# --- round 8: space-grouped part/whole columns, a bare op number beside them, 'đạt mức', 'thôn' ------

def test_space_grouped_part_and_whole_columns_make_the_fraction_that_gives_the_percent():
    from extractors.numbers import find_fractions
    from extractors.table_row import columns_fraction

    def fracs(t):
        return [(f.numerator, f.denominator) for f in find_fractions(columns_fraction(t))]
    # '21 292 24 652 86,37%': 21 292 / 24 652 = 86,37 %; '866 1 236 70,06%': 866 / 1 236 = 70,06 %
    assert fracs("2.3 21 292 24 652 86,37% thong Ho gia dinh") == [(21292, 24652)]
    assert fracs("3.7 chuc duoc tap huan, 866 1 236 70,06% hoan") == [(866, 1236)]
    assert fracs("Tu 45 tro 1 009 1 853 54,45% cla hoan") == [(1009, 1853)]


def test_space_grouped_numbers_that_give_no_percent_or_two_ways_are_no_fraction():
    from extractors.table_row import columns_fraction
    # negative: '12 50 13 %' (24 %, not 13 %); '10 10' without a percent; '3 4 5 6 %' (no split gives 6 %)
    assert "/" not in columns_fraction("2 12 50 13 % Dat")
    assert "/" not in columns_fraction("1.1 Co 10 10 Phuong, xa")
    assert "/" not in columns_fraction("5 mo hinh 3 4 5 6 %")


def test_a_bare_op_number_beside_part_and_whole_columns_is_the_catalogs_percent_target(catalog):
    # 'Ít nhất 80' / '≥100' / '< 2' with the '%' only in the header: the target; the columns after it
    # are the part, the whole and the rate
    text = HEADER + """Ty le dich vu cong truc tuyen
1 toan trinh tren tong so thu tuc It nhat 80 96 151 63,58 % Khong dat
hanh chinh du dieu kien
Ty le ho so thu tuc hanh chinh giai quyet tre han
3 < 2 117 23.078 0,51 % Da dat
"""
    got = _read(text, catalog, NINHBINH)
    c = got["1"]
    assert (_target(c), c.numerator, c.denominator, c.reported_percent, c.reported_verdict) == \
        ((">=", 80.0, "%"), 96, 151, 63.58, "chua_dat")
    c = got["3"]
    assert (_target(c), c.numerator, c.denominator, c.reported_percent) == (("<", 2.0, "%"), 117, 23078, 0.51)


def test_a_bare_op_number_that_is_not_the_catalogs_target_is_no_percent_target(catalog):
    # negative: 'Ít nhất 60' is no percent target of an indicator whose catalog target is 80 % (the
    # '60' may be any count); the row's result is still read
    text = HEADER + """Ty le dich vu cong truc tuyen
1 toan trinh tren tong so thu tuc It nhat 60 96 151 63,58 % Khong dat
hanh chinh du dieu kien
"""
    c = _read(text, catalog, NINHBINH)["1"]
    assert c.target is None or c.target.value != 60.0
    assert (c.numerator, c.denominator) == (96, 151)


def test_dat_muc_leads_a_measured_value_whose_unit_wrapped_away(catalog):
    # 'đạt mức 24,9' with 'Mb/s' on the line below: the result 24,9 Mb/s, the target 'Ít nhất 36'
    text = HEADER + """I Ha tang so
Toc do truy cap Internet bang
It nhat 36 dat muc 24,9
1.1 rong di dong trung binh tren dia Chwa dat
Mb/s Mb/s
ban xa
"""
    c = _read(text, catalog, HUNGYEN)["1.1"]
    assert (c.value, c.value_unit, c.reported_verdict) == (24.9, "Mb/s", "chua_dat")


def test_the_tail_of_a_word_is_no_target_op():
    from extractors.measure import find_targets
    # 'thôn: 07 điểm' — the 'hơn' of 'thôn' is no '>'; 'hơn 07 điểm' is
    assert not [h for h in find_targets("số điểm tại thôn: 07 điểm", ("điểm",)) if h.target.op == ">"]
    assert [h.target.op for h in find_targets("cao hơn 07 điểm", ("điểm",))] == [">"]


def test_a_count_target_grouped_in_thousands_and_a_whole_count_after_hien_co(catalog):
    # '≥20.000' / … 'lượt' of the target cell, 'hiện có 35.896' / … 'lượt' the result: target ≥ 20 000
    # lượt, value 35 896 (not 20, not 35,896)
    text = HEADER + """Ty le ho so
9 S6 luot truy cap Trang thong Sb lieu thong ≥20.000 hien co 35.896 Hoan
tin dien tu cua xa trong nam ke cua don vi luot luot thanh
"""
    c = _read(text, catalog, "bacninh-xa-2025")["9"]
    assert (_target(c), c.value, c.reported_verdict) == ((">=", 20000.0, "lượt"), 35896.0, "dat")


def test_a_decimal_comma_is_no_thousands_group_of_a_target(catalog):
    # negative: 'Tối đa 4,5 giờ' is 4,5 giờ, never 45; a year after 'từ' is no target
    from extractors.table_loose import _wrapped_op_rx
    m = _wrapped_op_rx().search("toi da 4,5 gio")
    assert m is not None and m["val"] == "4,5"
    m = _wrapped_op_rx().search("tu 1.234,5 gio")
    assert m is None or m["val"] != "1.234"


def test_a_fraction_wrapped_apart_at_its_parts_unit_is_read_by_the_percent_it_gives():
    from extractors.numbers import Percent
    from extractors.table_row import _unit_slash_fraction
    # '2 229 doanh' … 'nghiep/3 437' … 'dat 64.85%': 2 229 / 3 437 = 64,85 %
    text = "Ty 1e doanh nghiep vua dat yeu 2 229 doanh cau/Tong so nghiep/3 437 trang dat 64.85%"
    f = _unit_slash_fraction(text, [Percent(64.85, 0, 0, "64.85%")])
    assert f is not None and (f.numerator, f.denominator) == (2229, 3437)
    # negative: no number of the row gives the stated percent with the whole ('… hộ/27 839', 50 %)
    text = "26 915 ho da thuc hien / tong so/27 839 ho dat 50%"
    assert _unit_slash_fraction(text, [Percent(50.0, 0, 0, "50%")]) is None


def test_a_result_led_value_on_the_code_line_is_no_target_beside_a_wrapped_khong_qua(catalog):
    # 'Không quá' / code line '… trung bình là 2,70 giờ' / '04 giờ': target ≤ 4 giờ, result 2,7 giờ
    text = HEADER + """Thoi gian khac phuc su co Gia tri do
Khong qua Hoan
3 mat ket noi mang cua UBND trung binh la 2,70 gio
04 gio thanh
xa trong ky
"""
    c = _read(text, catalog, "bacninh-xa-2025")["3"]
    assert (_target(c), c.value) == (("<=", 4.0, "giờ"), 2.7)


def test_a_code_line_target_without_a_result_word_stays_the_target(catalog):
    # negative: '3 04 giờ … 2,70 giờ' (no result word before the first value): the first is the target
    text = HEADER + """Thoi gian khac phuc su co
3 mat ket noi mang cua UBND 04 gio 2,70 gio Dat
xa trong ky
"""
    c = _read(text, catalog, "bacninh-xa-2025")["3"]
    assert c.target is not None and c.target.value == 4.0
