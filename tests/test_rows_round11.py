"""Round 11: how legacy OCR tables are cut into rows — a report's own STT numbering (running on past a
criterion it leaves out, restarting with no group row between), numbered group rows that end in their
tally, and a result fraction '(N … trên M' wrapped with other cells' words after its head.

Every expected value is read by hand from the text written in the test (what a clerk reads in the
table), not taken from the tool's output. The rows follow the legacy text of the phrasing splits
(third p337_10, wide p080_12, third p337_21, open p201_14); the frameworks are the bundled Thanh Hóa
KH 100 set and the Hưng Yên commune set of tests/catalogs.
"""

from __future__ import annotations

import pytest

from extractors.extract import extract
from extractors.table_loose import _tallied_group, rejoin_split_fraction
from ingest.models import Document, Line, Page

KH100 = "thanhhoa-kh100-2023"
HUNGYEN = "hungyen-xa-2024"

KH100_HEADER = """BAO CAO
Ket qua thuc hien Ke hoach 100/KH-UBND chuyen doi so nam 2024
Ket qua Danh
STT Cac chi tieu Chi tieu Nguon so lieu
thuc hien gia
"""

HY_HEADER = """BAO CAO
Ket qua thuc hien bo tieu chi chuyen doi so cap xa nam 2024
Thoi
Chi tieu
gian Sb lieu thuc Dar/Chua
TT Ten tiêu chi DVT dén nam
hoan hien dat
2025
thanh
"""


@pytest.fixture(scope="module")
def catalog(merged_catalog):
    return merged_catalog


def _read(text: str, catalog, framework: str):
    lines = [Line(page=1, number=i, text=t) for i, t in enumerate(text.splitlines(), 1) if t.strip()]
    doc = Document(path="legacy.txt", sha256="0" * 64, kind="txt", pages=[Page(number=1, lines=lines)])
    rec = extract(doc, catalog, framework)
    assert rec.layout == "table"
    return {c.code: c for c in rec.criteria}


# --- own numbering that runs on past a criterion the report leaves out -----------------------------

# group III of KH 100 is 15–25; this report leaves 15 out and numbers 16, 17, 18 as its 1, 2, 3
GROUP_III_WITHOUT_15 = KH100_HEADER + """III PHAT TRIEN CHINH QUYEN SO dat 02/11
100% thu tuc hanh chinh du dieu
kien theo quy d1nh cua phap luat Tu 100%
dwoc cung câp diroi hinh thuc dich tro len; Tu 145/178 Khao sat
1 vu cong truc tuyen toan trinh; 50% 50% tro (81,46%); 18% Chua dat
dich vu cong truc tuyen toan trinh len (65 tren 358)
diroc tich hop, cung cap trên Cong
djch vy cong quoc gia
30% thanh toan truc tuyen tren
cong dich vu cong tren tong s0
giao dich thanh toán cua dich vu 1.816/2.682 = Khao sat
2 công; 60% thu tuc hanh chinh co ≥ 30%; ≥ 60% 68%; 420/525 = Da dat
yeu cAu nghia vu tai chinh duoc 80,00%
thanh toán truc tuyen tren Cong
dich vu cong
100% nguoi dan và doanh nghi¢p
su dung dich vu cong truc tuyen
duoc dinh danh va xac thuc di¢n tu S6 lieu
3 ≥ 100% 5.478/5.670 (96,61%) Khong dat
thong suôt, hop nhat tren tat ca uoc tinh
cac he thong cua cac cap chinh
quyèn
"""


def test_a_groups_first_row_reads_as_the_next_criterion_when_its_own_title_words_are_there(catalog):
    got = _read(GROUP_III_WITHOUT_15, catalog, KH100)
    assert "15" not in got  # its '1' is no row of 15 (whose title shares 'dịch vụ công trực tuyến')
    assert (got["16"].numerator, got["16"].denominator, got["16"].reported_percent) == (145, 178, 81.46)
    assert got["16"].reported_verdict == "chua_dat"


def test_the_next_rows_keep_the_groups_shift(catalog):
    got = _read(GROUP_III_WITHOUT_15, catalog, KH100)
    assert (got["17"].numerator, got["17"].denominator) == (1816, 2682)
    assert got["17"].reported_verdict == "dat"
    assert (got["18"].numerator, got["18"].denominator, got["18"].reported_percent) == (5478, 5670, 96.61)


def test_a_groups_first_row_that_is_its_first_criterion_keeps_it(catalog):
    # negative: the same group where the report does write 15 as its '1': no shift
    text = KH100_HEADER + """III PHAT TRIEN CHINH QUYEN SO dat 01/11
Nang cao chat luong va hieu qua cung cap dich vu cong truc tuyen;
hoan thanh trien khai he thong thong tin giai quyet thu tuc hanh
1 chinh cap tinh tren co so hop nhat cong dich vu cong va he thong Hoan thanh Da hoan thanh Da dat
mot cua dien tu
100% thu tuc hanh chinh du dieu
kien theo quy d1nh cua phap luat Tu 100%
dwoc cung câp diroi hinh thuc dich tro len; Tu 145/178 Khao sat
2 vu cong truc tuyen toan trinh; 50% 50% tro (81,46%); 18% Chua dat
dich vu cong truc tuyen toan trinh len (65 tren 358)
"""
    got = _read(text, catalog, KH100)
    assert got["15"].reported_verdict == "dat"
    assert (got["16"].numerator, got["16"].denominator) == (145, 178)


# --- numbering that restarts per group with no group row between ------------------------------------

HY_NO_GROUP_ROWS = HY_HEADER + """Toc do truy cap Internet
Tu 40 tro dat muc 97 Vwot
1 bang rong di dong trung Mb/s Quy IV
lên Mb/s muc tieu
binh tren dia ban xa
Toc do truy cap Internet
Tu 100 tro dat muc 127 Vwot
2 bang rong cô dinh trung Mb/s Quy IV
lên Mb/s muc tieu
binh tai tru so UBND xd
Ty 1é ho so thu tuc hanh
ho so:
chinh duoc tiep nhan, Thuong Tu 80 tro Chua dat
1 % 779/1599, ty le
giai quyêt truc tuyen xuyên lên yeu cau
48.7%
toan trinh
Ty le ho so thu tuc hanh Quy Khong ho so: 3/1053, Pat yeu
2 %
chinh giai quyet qua han III/2024 vuot qua 1 ty le 0.3% cau
"""


def test_a_restarted_number_with_no_group_row_is_the_next_groups(catalog):
    got = _read(HY_NO_GROUP_ROWS, catalog, HUNGYEN)
    assert set(got) == {"1.1", "1.2", "2.1", "2.2"}
    assert (got["2.1"].numerator, got["2.1"].denominator, got["2.1"].reported_percent) == (779, 1599, 48.7)
    assert got["2.1"].reported_verdict == "chua_dat"
    assert (got["2.2"].numerator, got["2.2"].denominator) == (3, 1053)


def test_a_first_row_whose_title_begins_like_the_criterion_before_reads_as_its_own(catalog):
    # the report leaves 1.1 out: its '1' is 1.2 ('cố định … tại trụ sở UBND'), not 1.1 ('di động … trên địa bàn')
    text = HY_HEADER + """Toc do truy cap Internet
Tu 100 tro dat muc 127 Vwot
1 bang rong cô dinh trung Mb/s Quy IV
lên Mb/s muc tieu
binh tai tru so UBND xd
ket qua do
S6 thuê bao bang rông di thue Nam Toi thieu kiem dat 120,44 Vuot
2 bao/100
dong trên 100 dan 2024 90 thue bao/100 muc tieu
dan
"""
    got = _read(text, catalog, HUNGYEN)
    assert "1.1" not in got
    assert got["1.2"].value == 127.0 and got["1.2"].reported_verdict == "vuot"
    assert got["1.3"].value == 120.44


def test_a_numbered_line_of_prose_above_the_table_is_no_shifted_row(catalog):
    # negative: '8 hội nghị …' is no row: nothing numbered 7 before it, and 8's own title is not there
    text = """BAO CAO
Nam 2024, UBND xa da ban hanh 38 van ban chi dao; to chuc
8 hoi nghi voi 8.418 luot nguoi tham du.
""" + HY_NO_GROUP_ROWS.split("BAO CAO\n", 1)[1]
    got = _read(text, catalog, HUNGYEN)
    assert set(got) == {"1.1", "1.2", "2.1", "2.2"}


# --- a group row numbered like a row, ending in its tally --------------------------------------------

def test_a_numbered_group_row_with_its_tally_is_its_group(catalog):
    fw = catalog.get(HUNGYEN)  # groups of 6, 5 and 5 criteria
    assert _tallied_group("2 Nhdn thuc s6 va the che s6 dat 01/05", fw) == "2"
    assert _tallied_group("III Xa hoi sb day: 3/5", fw) == "3"


def test_a_criterions_row_ending_in_a_fraction_is_no_group_row(catalog):
    fw = catalog.get(HUNGYEN)
    # its words are a criterion's title: its fraction is its result
    assert _tallied_group("1 Ty le thon, to dan pho duoc phu song di dong 6/6", fw) is None
    assert _tallied_group("2 Ban hanh 3 van ban chi dao dat 2/5", fw) is None  # a number among its words
    assert _tallied_group("2 Nhan thuc so dat 01/03", fw) is None  # no group of 3 numbered 2
    assert _tallied_group("2 dat 01/05", fw) is None  # no name


# --- a result fraction whose head wrapped with other cells' words after it ---------------------------

def test_an_opened_bracket_with_other_cells_words_after_it_rejoins_its_tren_whole():
    rows = ["96,61% (5.478 Khong", "duoc dinh danh va xac thuc di¢n tu S6 lieu", "3 ≥ 100% trên 5.670 tai hoan",
            "khoan) thanh"]
    out = rejoin_split_fraction(rows)
    assert out is not None and "(5.478 trên 5.670 tai Khong" in out[0] and "5.670" not in out[2]


def test_an_opened_bracket_needs_its_tren_whole_and_no_number_after_it():
    # negative: no 'trên M' below; a number after the head on its line (another cell's); a closed bracket
    assert rejoin_split_fraction(["96,61% (5.478 Khong", "duoc dinh danh va xac thuc", "3 ≥ 100% 5.670 tai"]) is None
    assert rejoin_split_fraction(["96,61% (5.478 Khong 12", "3 ≥ 100% trên 5.670 tai"]) is None
    assert rejoin_split_fraction(["(11/11 thon) Khong", "2 trên 12 thon"]) is None


def test_a_whole_after_a_titles_comma_closes_the_bracket():
    rows = ["djeu kien cung cap dich vu chia se 100% (10 tren", "3 ≥ 100% Dã dat",
            "du lieu tren Nên tang tich hop, 10 phong)"]
    out = rejoin_split_fraction(rows)
    assert out is not None and "(10 trên 10 phong" in out[0] and "10" not in out[2]
    # negative: a decimal's digits before the number: no whole of its own
    assert rejoin_split_fraction(["100% (10 tren", "3 ≥ 100% Dã dat", "du lieu 1,5 10 phong)"]) is None


# --- an STT followed by the result's count and its noun; the closing sentence; a cut fraction ----------

BACNINH = "bacninh-xa-2025"

BN_HEADER = """BAO CAO
Ket qua thuc hien bo tieu chi danh gia chuyen doi so cap xa nam 2025
Chi tieu Tu
S6 Thoi So lieu thuc
Ten tieu chi den nam danh
TT han hien
2025 gia
"""


def test_an_stt_followed_by_the_results_count_and_its_noun_starts_a_row():
    from extractors.table_loose import _INT_ANCHOR

    assert _INT_ANCHOR.match("9 26222 luot")[1] == "9"
    assert _INT_ANCHOR.match("7 21 cu9c kiem Da dat")[1] == "7"  # an OCR digit inside the noun
    # negative: numbers with no noun after them (a wrapped date, thousands groups)
    assert _INT_ANCHOR.match("12 3 2024") is None
    assert _INT_ANCHOR.match("12 345 678") is None


def test_a_count_rows_line_with_the_next_rows_cut_fraction_is_no_fraction_of_the_count(catalog):
    # '16 365/17' / … '480 nguoi': row 10's 16 365/17 480 wrapped into row 9's lines; row 9 states its count
    text = BN_HEADER + """III XA HOI SO VA KINH TE SO Dar 3/4
S6 luot truy cap Trang thong Quy ≥20.000
9 35.849 luot Dar
tin dien tu cua xd trong nam III/2024 ltrot
16 365/17
Ty 1€ ngiroi dan tu 15 tuôi tro
Cao hon 480 nguoi,
10 len co tai khoan thanh toan Quy IV Pat
80% dat ty le 93,62
dien tu
%
"""
    got = _read(text, catalog, BACNINH)
    assert got["9"].value == 35849.0 and got["9"].numerator is None and got["9"].reported_verdict == "dat"


def test_a_percent_rows_fraction_cut_at_a_lines_end_is_still_its_own(catalog):
    # negative: a rate's row keeps its fraction '(1 223/1' / '408)', the rest of the whole on the next line
    text = BN_HEADER + """II CHINH QUYEN SO
Ty I¢ ho so thu tuc hành chinh S6 lieu
It nhat 87% (1 223/1
4 duoc tiêp nhan, giai quyet Da dat uóc
85 % 408)
truc tuyen toan trinh tinh
"""
    got = _read(text, catalog, BACNINH)
    assert (got["4"].numerator, got["4"].denominator, got["4"].reported_percent) == (1223, 1408, 87.0)


def test_the_closing_sentence_under_the_table_is_no_cell_of_the_last_row(catalog):
    # 'Trên đây là …': its 'đây' ('day') is no garbled 'Đạt'; the last row states no verdict
    rows = """III XA HOI SO VA KINH TE SO
Ty 1é nguoi dan tu 15 tuoi tro
Cao hon 85% (26
10 len co tai kho3n thanh toan Da dat
80% 736/31 414)
diên tu
Thanh lap va duy tri hoat clông Sb lieu
12 To công nghe sd cong dong tai Co Da thuc hien uoc
các thon, to dan pho tinh
Trên day là bao cao ket qua cua UBND x3 Dong Ky./.
Noi nhan: TM. UY BAN NHAN DAN
"""
    got = _read(BN_HEADER + rows, catalog, BACNINH)
    assert "12" not in got or got["12"].reported_verdict is None
    assert got["10"].reported_verdict == "dat"  # positive: a row's own 'Đạt' stays


def test_numbering_across_the_set_runs_on_past_a_left_out_criterion(catalog):
    # Hưng Yên: group 1 holds 1.1–1.6, group 2 2.1–2.5; numbered across the set with 2.2 left out, the
    # report's 8 is 2.3 and its 9 is 2.4 (the DTI score), not the set's 9th (2.3)
    text = HY_HEADER + """II CHINH QUYEN SO
Ty 1é ho so thu tuc hanh chinh
Tù 80% tro 2264/2593 hd
7 duoc tjep nhan, giai quyet truc Vugt
len so = 87,31%
tuyen toan trình
Ty 1é van ban di cua UBND x3
It nhat 841/993 van
8 duoc ky so va gui tren moi Chua dat
95% ban = 82%
trtrong di€n tu
Diem danh gia chi sd chuyen It nhât 600 dat muc 480,61
9 Chwa dat
doi sb (DTI) câp xi diem diem
Trang thong tin dien tu cua xa
10 ho4t dong, cap nhat thong tin Co Da thuc hien Da dat
theo quy dinh
"""
    got = _read(text, catalog, HUNGYEN)
    assert (got["2.3"].numerator, got["2.3"].denominator) == (841, 993)
    assert got["2.4"].value == 480.61 and got["2.4"].reported_verdict == "chua_dat"
    assert got["2.5"].reported_verdict == "dat"
    assert "2.2" not in got


def test_a_numbered_prose_line_above_the_tables_header_is_no_row(catalog):
    # '12 hội nghị với 7.756 lượt …' above the table is no row 12: the table's own row 12 is read
    text = """BAO CAO
Nam 2024, UBND xa da ban hanh 30 van ban chi dao; to chuc
12 hoi nghi vói 7.756 ltrot nguoi tham du.
Ket qua cu the theo bieu duoi day:
""" + BN_HEADER.split("\n", 2)[2] + """III Xa hoi sd va kinh te sd 2/4 dat
S6 giò bdi duong ky nang sd It nhat
dat 31 Dã hoan
11 binh quan cua can b6, cong 16
gi&/nguoi thanh
chuc xa trong nam giò/nguoi
Thanh lap va duy trì hoat d9ng Khong
Dang trien
12 To cong nghe s6 công dông t4i hoan
khai
các thon, to dân pho thanh
Tren day là bao cao ket qua cua UBND xa Xuan Cam./.
"""
    got = _read(text, catalog, BACNINH)
    assert got["11"].reported_verdict == "dat"  # its row does not take the next row's 'Không'
    assert got["12"].reported_verdict == "chua_dat"


# --- a table header whose third role is its 'ĐVT' column --------------------------------------------------------

def _header(text: str) -> bool:
    from extractors.table_header import has_table_header

    return has_table_header([Line(page=1, number=i, text=t) for i, t in enumerate(text.splitlines(), 1) if t.strip()])


def test_a_header_naming_its_unit_column_dvt_is_a_table_header():
    # legacy OCR of 'TT | Tên tiêu chí | ĐVT | Chỉ tiêu đến năm 2025 | Thực hiện | Đạt/Chưa đạt', the target and
    # verdict headers wrapped and garbled: title, unit (ĐVT) and result are named
    assert _header("Ma Chj tieu\nDar/Chua\nTT chi Ten tieu chi DVT dên nam Thuc hien\n\ndat\n\ntieu 2025")
    assert _header("STT Tên chỉ tiêu ĐVT Thực hiện")


def test_two_named_roles_without_the_unit_column_are_no_table_header():
    # negative: the same line without 'ĐVT' names two roles; 'mã' (a short prose word) does not count
    assert not _header("Ma Chj tieu\nTT chi Ten tieu chi dên nam Thuc hien")
    assert not _header("TT ma ten tieu chi thuc hien")
