"""No-catalog narrative reports: a result's value that wrapped onto its own line with its rate unit
('… kết quả đo kiểm đạt' / '4,40 giao dịch/người/tháng ( Hoàn thành)') is no numbered heading (the lines are
those of a generated no-catalog report, its text layer and its legacy OCR text)."""

from extractors.provisional import _heading, _rate_unit_first, draft
from ingest.models import Line


def _lines(text: str) -> list[Line]:
    return [Line(page=1, number=k + 1, text=t) for k, t in enumerate(text.strip("\n").split("\n"))]


TEXT_LAYER = """
BÁO CÁO
Kết quả thực hiện Bộ tiêu chí chuyển đổi số cấp xã năm 2024
III. HOẠT ĐỘNG CHÍNH QUYỀN SỐ
3.2. Tỷ lệ hồ sơ thủ tục hành chính trả kết quả trễ hẹn (chỉ tiêu: tối đa
2%): Kết quả đạt được: 7/759 = 0.9% ( Hoàn thành)
3.3. Tỷ lệ người dân hài lòng với việc giải quyết thủ tục hành chính của
xã (cao hơn 85%): Kết quả đạt được: 186/186 = 100%. Mức độ hoàn thành: Hoàn thành.
Chỉ tiêu 3.4: Số giao dịch thanh toán không dùng tiền mặt bình quân -
KH giao 02 giao dịch/người/tháng: Kết quả đạt được: kết quả đo kiểm đạt
4,40 giao dịch/người/tháng ( Hoàn thành)
Trên đây là báo cáo kết quả của UBND xã Duy Thu./.
"""

LEGACY_OCR = """
BAO CAO
III. HOAT DONG CHINH QUYEN SO
3.2. Ty 1¢ ho so thu tuc hanh chính tra ket qua tre hen (chi tjeu: t6j da
2%): Ket qua dat diroc: 7/759 = 0.9% ( Hoàn thanh)
3.3. Ty 1€ nguoi dan hài long voi viêc giai quyet thu tuc hanh chinh cua
xd (cao hon 85%): Kêt qua dat duoc: 186/186 = 100%. Múc do hoan thành: Hoan thanh.
Chi tiêu 3.4: S6 giao dich thanh toan khong dung tièn mat binh quan -
KH giao 02 giao dich/nguòi/thang: Kêt qua dat duoc: ket qua do kiêm dat
4,40 giao dich/nguoi/thang ( Hoan thanh)
Tren day la bao cao ket qua cua UBND x3 Duy Thu./.
"""


def test_wrapped_rate_value_is_no_criterion():
    for text in (TEXT_LAYER, LEGACY_OCR):
        fw = draft(_lines(text))
        assert fw is not None
        assert [c.code for c in fw.criteria] == ["3.2", "3.3", "3.4"]


def test_rate_unit_after_a_number_is_a_value():
    assert _rate_unit_first("giao dịch/người/tháng ( Hoàn thành)")
    assert _rate_unit_first("giao dich/nguoi/thang ( Hoan thanh)")
    assert _rate_unit_first("Mb/s (Đạt)")
    assert _rate_unit_first("tài khoản/người")
    assert _heading(Line(page=1, number=1, text="4,40 giao dịch/người/tháng ( Hoàn thành)")) is None
    assert _heading(Line(page=1, number=1, text="2.1 Mb/s, đạt")) is None


def test_titles_and_marked_codes_stay_headings():
    # a title names what it counts; a slash inside it ('xã/phường') or a unit word later on is no unit first
    assert not _rate_unit_first("Tỷ lệ xã/phường có điểm phục vụ")
    assert not _rate_unit_first("Số giao dịch thanh toán không dùng tiền mặt")
    assert not _rate_unit_first("mô hình chuyển đổi số điểm")
    for text, code in (("3.4 Số giao dịch thanh toán không dùng tiền mặt bình quân", "3.4"),
                       ("2.1. Tốc độ Internet cáp quang trung bình tại trụ sở xã", "2.1"),
                       ("Tiêu chí 3.4: Số giao dịch thanh toán không dùng tiền mặt", "3.4")):
        h = _heading(Line(page=1, number=1, text=text))
        assert h is not None and h.code == code


# the results table of a generated no-catalog report (legacy OCR text, its cells run into lines)
LOOSE_TABLE = """
BAO CAO
BIEU KET QUA THUC HIEN CAC CHI TIEU CHUYEN DÔI SO NAM
2024
So Pat/Chua Ghi
Ten chi tieu Chi tiêu K€t qua
TT dat chu
ho so: Chua So li&u
Ty 1¢ ho so thu tuc hanh chinh
1 70 % 23.103/33.924, hoan uoc
nôp truc tuyen
ty lé 68,1 % thanh tinh
Theo s6
liêu cua
Ty lé ket qua giai quyet thu ket qua:
Hoan doanh
2 tyc hanh chinh duoc tra ban 100 % 30.090/30.090,
thanh nghiep
dien tu ty le 100%
vien
thong
Toc do truy c4p Internet bang So lieu
trung binh
3 rong di dong tai trung tam 40 Mb/s troc
dat 63,1 Mb/s
huyen tinh
Sb Dar/Chwa Ghi
Ten chi tieu Chi tieu Kêt qua
TT dat chu
- 1 -
 S6 Dat/Chwa Ghi
Ten chi tiêu Chi tieu Ket qua
TT dat chú
Theo so
5.9% (977 Chua
Ty lé van ban dien tu bj tra lai Thap hon lieu cua
4
tren 16.680 hoàn
do sai sot 3 % doanh
van ban) thanh
nghiêp
vien
thong
Theo s6
lieu cua
Chwa
S6 mo hinh chuyen doi s0 2 mo da co 01 mo doanh
5 dat yeu
diem duoc trien khai hinh hình nghiep
cau
vien
thông
Theo s6
lieu cua
Chua
Ty lé co so y te su dung ho so co so: 5/24, ty doanh
6 50% day yeu
benh an djen tu le 20.8% nghiep
cau
vien
thông
Trjen khai Trung tam dieu Chua S6 lieu
Dang trien
7 hành thong minh (IOC) cap dat yeu iroc
khai
huyen cAu tính
Ty I¢ h0 kinh doanh su dung 71.0% (663 S6 lieu
Tren 60 Hoan
8 thanh toan không dùng tiên trên 934 hô uoc
% thanh
mat kinh doanh) tinh
Tren day la bao cao két qua cua UBND huyen Nui Thành./.
Noi nhan: KT. CHU TICH
- So Thong tin va Truyên thong (b/c);
PHO CHU TICH
- Ban Chi dao chuyen cloi s6 tinh (b/c);
- Luu: VT.
Vu Dinh Khanh
- 2 -
"""


def _loose_targets() -> dict[str, tuple | None]:
    lines = [Line(page=1, number=k + 1, text=t) for k, t in enumerate(x for x in LOOSE_TABLE.split("\n") if x.strip())]
    fw = draft(lines)
    assert fw is not None
    return {c.code: None if c.target is None else (c.target.op, c.target.value, c.target.unit) for c in fw.criteria}


def test_op_words_take_no_value_of_another_op():
    # 'Thap hon' … '4' … 'tren 16.680 hoàn' (the result's '977 trên 16.680 văn bản') … '3 % doanh': 3 %, not 16 680
    got = _loose_targets()
    assert got["4"] == ("<", 3.0, "%")
    # 'Tren 60 Hoan' / '8 thanh toan …' / '% thanh': 'Trên' keeps its own value, its '%' wrapped below
    assert got["8"] == (">", 60.0, "%")
    # the rows whose target cells are whole stay as they were
    assert got["1"] == (">=", 70.0, "%")
    assert got["3"] == (">=", 40.0, "Mb/s")
    assert got["6"] == (">=", 50.0, "%")


def test_digit_glued_to_a_letter_is_no_target_value():
    got = _loose_targets()
    # 'S6 mo hinh …' is OCR's 'Số mô hình': no '≥ 6 mô hình' (the cell's '2 mo' / 'hinh' wrapped apart stays unread)
    assert got["5"] is None
    # a row with no target cell ('Triển khai Trung tâm điều hành thông minh') gets none
    assert got["7"] is None


# a generated no-catalog report's results table whose 'Ghi chú' column cites a survey ('Khảo sát 768 phiếu',
# wrapped 'Khao' / 'sat 825' / 'phieu')
SURVEY_TABLE = """
BAO CAO
BIEU KET QUA THUC HIEN CAC CHI TIEU CHUYEN DOI SO NAM
2024
Tu dánh Ghi
TT Noi dung chi tieu Muc tieu Ket qua
gia chu
Theo s0
li8u cua
ho so: 12
Ty 1é ho so thu tuc hành chinh Toi thieu Da hoan doanh
1 582/14 032, ty
nop truc tuyên 70% thanh nghi¢p
le 89.7%
viên
thong
kêt qua: 30
Ty 1é k€t qua giai quyêt thu tuc Toi thieu Da hoan
2 536/29 791, ty
hanh chinh dugc tra b3n di¢n tu 100% thành
le 100%
Không Khao
Tbc do truy câp Internet bang Tôi thieu
3 là 59,7 Mb/s hoan sat 825
rong di dong tai trung tam huyen 40 Mb/s
thanh phieu
van ban: 2 Khao
Ty 1€ van ban dien tu bj tra lai do Chwa dat
4 < 3% 078/18 539, ty sat 592
sai sót yeu cau
le 11,2% phieu
So mo hinh chuyen doi s0 diem Toi thieu Da hoàn Sb liêu
5 co 04 mo hình
cluoc trien khai 2 mo hinh thành uoc tinh
 Khao
Ty le co so y tê su dung h6 so Toi thieu co so: 28/32, ty Dã hoan
6
sat 162
bênh an dien tu 50% lê 87.50% thanh
phiêu
Theo s6
Iieu cua
Khong
Triên khai Trung tam clieu hanh doanh
7 Dang trien khai hoan
thông minh (IOC) cap huyên nghiep
thanh
vien
thông
Theo sd
lieu cua
ho kinh doanh:
Ty 1€ ho kinh doanh su dung Da hoan doanh
8 > 60% 1 105/1 552, ty
thanh toan khong dung tiên mat thành nghiep
le 71.2%
vien
thông
"""


def test_survey_count_of_a_note_cell_is_no_target():
    lines = [Line(page=1, number=k + 1, text=t) for k, t in enumerate(x for x in SURVEY_TABLE.split("\n") if x.strip())]
    fw = draft(lines)
    assert fw is not None
    got = {c.code: None if c.target is None else (c.target.op, c.target.value, c.target.unit) for c in fw.criteria}
    assert got["3"] == (">=", 40.0, "Mb/s")  # 'Tôi thieu' … 'sat 825' … '40 Mb/s': not 825
    assert got["6"] == (">=", 50.0, "%")  # 'Toi thieu' … 'sat 162' … 'dien tu 50%': not 162 ('điện tử' is no 'từ')
    assert got["5"] == (">=", 2.0, "mô hình")
    assert got["8"] == (">", 60.0, "%")


def test_note_count_words():
    from extractors.vocab import note_count_rx
    assert note_count_rx().search("5 2 sat ")
    assert note_count_rx().search("khao sat ")
    assert not note_count_rx().search("hoan thanh dat ")
    assert not note_count_rx().search("so sanh ")


def _ruled(n: int, cells: list[str]) -> Line:
    return Line(page=1, number=n, text=" | ".join(cells), cells=cells)


# a generated no-catalog report's text layer (fourth p151_14 dai-hiep.pdf): the row 2.3 a page break split and
# that lost its rules, its target cell 'Không thấp hơn 10 camera' wrapped over the break
SPLIT_ROW = [
    Line(page=1, number=1, text="BÁO CÁO"),
    _ruled(2, ["TT", "Mã chỉ tiêu", "Tên tiêu chí", "ĐVT", "Chỉ tiêu đến năm 2025", "Thực hiện", "Đạt/Chưa đạt"]),
    _ruled(3, ["II", "", "Hạ tầng và nền tảng số", "", "", "", ""]),
    _ruled(4, ["4", "2.1", "Tốc độ Internet cáp quang trung bình tại trụ sở xã", "Mb/s", "Tối thiểu 50 Mb/s",
               "kết quả đo kiểm đạt 71,59 Mb/s", "Chưa đạt"]),
    _ruled(5, ["5", "2.2", "Tỷ lệ hộ gia đình có đường Internet cáp quang", "%", "Tối thiểu 75 %",
               "hộ: 4488/4608, tỷ lệ 97 %", "Đã hoàn thành"]),
    Line(page=1, number=6, text="Không"),
    Line(page=1, number=7, text="camera thấp hơn"),
    Line(page=1, number=8, text="¹ Theo Công văn số 27/STTTT-CĐS ngày 14/8/2024 của Sở Thông tin và Truyền thông."),
    Line(page=1, number=9, text="- 1 -"),
    Line(page=2, number=1, text="6 2.3 Số camera an ninh kết hiện có 14 Đã hoàn"),
    Line(page=2, number=2, text="nối về Công an xã 10 camera thành"),
    Line(page=2, number=3, text="camera"),
    _ruled(4, ["7", "3.1", "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng", "%", "Không thấp hơn 90 %",
               "hồ sơ: 2276/2335, tỷ lệ 97,5 %", "Đã hoàn thành"]),
]


def test_split_row_reads_its_op_words_from_before_the_page_break():
    fw = draft(SPLIT_ROW)
    assert fw is not None
    got = {c.code: None if c.target is None else (c.target.op, c.target.value, c.target.unit) for c in fw.criteria}
    assert got["2.3"] == (">=", 10.0, "camera")  # 'Không' / 'camera thấp hơn' / (footnote, '- 1 -') / … '10 camera'
    assert got["2.2"] == (">=", 75.0, "%")
    assert got["3.1"] == (">=", 90.0, "%")


def test_split_row_takes_no_line_above_a_ruled_row():
    # the same row with the ruled row 2.2 right above its code line: nothing of 2.2 is read into 2.3
    lines = [ln for ln in SPLIT_ROW if ln.text not in ("Không", "camera thấp hơn")]
    fw = draft(lines)
    assert fw is not None
    got = {c.code: c.target for c in fw.criteria}
    assert got["2.3"] is None or got["2.3"].value != 75.0


def test_result_number_of_a_loose_row_is_no_target():
    # wide p080_07 que-son (legacy OCR): 'Tu 2 mô' / 'S6 mo hinh …' / '5 hinh tro co 04 mo hinh Da dat' / … / 'lên':
    # '04 mô hình' follows the result's 'có'; the target is 'Từ 2 mô hình trở lên'
    lines = [Line(page=1, number=k + 1, text=t) for k, t in enumerate([
        "BAO CAO", "So Pat/Chua Ghi", "Ten chi tieu Chi tiêu K€t qua", "TT dat chu",
        "Ty le ho kinh doanh su dung thanh toan khong dung tien mat Tren 60 % 97,0% Dat",
        "4 % 7.0%",
        "Tu 2 mô", "S6 mo hinh chuyên dôi so diem mo", "5 hinh tro co 04 mo hinh Da dat",
        "diroc trien khai hinh", "lên",
        "6 Ty le co so y te su dung benh an dien tu 50% 20,8% Chua dat"])]
    from extractors.provisional import _loose
    rows = {it.code: it for it in _loose(lines)}
    from extractors.provisional import _criterion
    crit = _criterion(rows["5"])
    assert crit is not None and crit.target is not None
    assert (crit.target.op, crit.target.value, crit.target.unit) == (">=", 2.0, "mô hình")


def test_text_layer_value_glued_to_its_op_words_is_read():
    # fifth p182_30 dai-minh.vni.pdf: the decoded text layer lost its spaces ('Khôngthấphơn2 giao dịch/người/tháng')
    from extractors.provisional import _target
    t = _target("Khôngthấphơn2 giao dịch/người/tháng", cell=True)
    assert t is not None and t.value == 2.0 and t.unit == "giao dịch/người/tháng"
    assert _target("S6 mo hinh chuyen doi s0", cell=True, known_units=True) is None
