"""Labelled cases for excerpts and short reports in legacy text (issue 12, class 7): a 'báo cáo bổ sung'
that lists one or two criteria of a known set in a table and numbers its rows its own way (STT 1 … N as
it lists them, or starting afresh under each roman group row, the groups it has nothing for printed
empty). OCR ran the table's cells together, so the catalog's codes are nowhere in the text: the
catalog's titles decide which criterion each row is. The reports and the set are written by hand for
these tests; every expected value was read from the text by hand. Legacy text is written the way OCR
without Vietnamese writes it. The same drafting of loose tables serves reports with no catalog: the
last cases are such reports (an introduction's counts above the table, target and verdict cells wrapped
onto the title's lines)."""

from __future__ import annotations

import pytest

from extractors.provisional import draft
from ingest.models import Line
from tests.reading import catalog_file, read_with_catalog

EXCERPT_SET = {
    "about": "tests: a commune set of seven indicators in three groups, written for these tests",
    "frameworks": [{
        "id": "vidu-binhminh-excerpt-2025", "title": "Bộ tiêu chí chuyển đổi số cấp xã năm 2025",
        "legal_refs": ["77/QĐ-UBND"],
        "groups": [
            {"code": "1", "title": "Hạ tầng số", "criteria": [
                {"code": "1.1", "title": "Tỷ lệ hộ gia đình có đường Internet cáp quang",
                 "target": {"op": ">=", "value": 80}},
                {"code": "1.2", "kind": "value", "title": "Tốc độ truy cập Internet băng rộng cố định trung bình",
                 "target": {"op": ">=", "value": 50, "unit": "Mb/s"}},
                {"code": "1.3", "kind": "count", "title": "Số camera an ninh kết nối về Công an xã",
                 "target": {"op": ">=", "value": 10, "unit": "camera"}}]},
            {"code": "2", "title": "Chính quyền số", "criteria": [
                {"code": "2.1", "title": "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến",
                 "target": {"op": ">=", "value": 70}},
                {"code": "2.2", "title": "Tỷ lệ văn bản đi được ký số", "target": {"op": ">=", "value": 95}}]},
            {"code": "3", "title": "Xã hội số", "criteria": [
                {"code": "3.1", "title": "Tỷ lệ người dân trưởng thành có tài khoản thanh toán điện tử",
                 "target": {"op": ">=", "value": 60}},
                {"code": "3.2", "kind": "count", "title": "Số tổ công nghệ số cộng đồng hoạt động hiệu quả",
                 "target": {"op": ">=", "value": 10, "unit": "tổ"}}]}]}],
}

HEAD = """UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM
XA BINH MINH Doc lap - Tu do - Hanh phuc
So: 88/BC-UBND Binh Minh, ngay 20 thang 12 nam 2025
BAO CAO BO SUNG
Ket qua thuc hien Bo tieu chi chuyen doi so cap xa nam 2025 (Quyet dinh so 77/QD-UBND
ngay 10/01/2025 cua UBND tinh)
Theo de nghi cua Doan kiem tra, UBND xa Binh Minh bao cao bo sung ket qua thuc hien cac
tieu chi nhu sau:
BIEU KET QUA THUC HIEN
STT Noi dung chi tieu Chi tieu giao Ket qua thuc hien Danh gia
"""
TAIL = """Tren day la bao cao bo sung cua UBND xa Binh Minh./.
Noi nhan: TM. UY BAN NHAN DAN
"""

# STT starting afresh under each roman group row; group II printed empty. Row 1 of group I is the set's
# 1.3 and row 1 of group III its 3.2: by position they would be 1.1 and 3.1
RESTART = HEAD + """I Ha tang so
So camera an ninh ket noi ve
1 Tu 10 camera tro len co 14 camera Dat
Cong an xa
II Chinh quyen so
III Xa hoi so
So to cong nghe so cong dong
1 Tu 10 to tro len dat 8 to Chua dat
hoat dong hieu qua
""" + TAIL

# STT 1, 2 running over the two rows it lists (the set's 2.2 and 3.1), no group rows
RUNNING = HEAD + """Ty le van ban di duoc
1 ≥95% 665/700 = 95% Dat
ky so
Ty le nguoi dan truong thanh co
2 ≥60% 1.900/4.000 = 47,5% Chua dat
tai khoan thanh toan dien tu
""" + TAIL

# one row whose title is no indicator of the set (a school's computer rooms), one that is the set's 1.1
FOREIGN_ROW = HEAD + """Ty le truong hoc co phong
1 ≥90% 9/10 = 90% Dat
may tinh ket noi mang
Ty le ho gia dinh co duong
2 ≥80% 3.574/4.210 = 84,9% Dat
Internet cap quang
""" + TAIL


@pytest.fixture(scope="module")
def excerpt_catalog(tmp_path_factory):
    return catalog_file(tmp_path_factory, "excerpt.json", EXCERPT_SET)


def _fields(rec):
    return {c.code: (c.numerator, c.denominator, c.reported_percent, c.reported_verdict) for c in rec.criteria}


def test_excerpt_numbered_afresh_under_roman_group_rows(tmp_path, excerpt_catalog):
    """'I Ha tang so' / row 1 / 'II …' and 'III …' / row 1: the rows are the set's 1.3 and 3.2 (their
    titles), with the counts they state and the catalog's units."""
    rec = read_with_catalog(tmp_path, RESTART, excerpt_catalog)
    assert rec.framework == "vidu-binhminh-excerpt-2025" and not rec.provisional
    got = {c.code: (c.value, c.value_unit, c.reported_verdict) for c in rec.criteria}
    assert got == {"1.3": (14.0, "camera", "dat"), "3.2": (8.0, "tổ", "chua_dat")}
    assert {c.code: (c.target.op, c.target.value, c.target.unit) for c in rec.criteria if c.target} == {
        "1.3": (">=", 10.0, "camera"), "3.2": (">=", 10.0, "tổ")}
    assert not [f for f in rec.findings if f.severity == "error"]


def test_excerpt_numbered_one_to_n_as_it_lists_them(tmp_path, excerpt_catalog):
    """STT 1 and 2 are the set's 2.2 and 3.1: the position in the excerpt is not the position in the set
    (the set's 1st and 2nd criteria are 1.1 and 1.2)."""
    rec = read_with_catalog(tmp_path, RUNNING, excerpt_catalog)
    assert rec.framework == "vidu-binhminh-excerpt-2025"
    assert _fields(rec) == {"2.2": (665, 700, 95.0, "dat"), "3.1": (1900, 4000, 47.5, "chua_dat")}
    assert all(any("numbered" in n for n in c.notes) for c in rec.criteria)


def test_row_whose_title_is_no_indicator_of_the_set_is_not_taken(tmp_path, excerpt_catalog):
    """Negative: row 1 ('… trường học có phòng máy tính …') agrees with no criterion of the set; only
    row 2 (1.1) is read, and row 1's 9/10 goes to no criterion."""
    rec = read_with_catalog(tmp_path, FOREIGN_ROW, excerpt_catalog)
    assert _fields(rec) == {"1.1": (3574, 4210, 84.9, "dat")}


def _lines(text):
    return [Line(text=t, page=1, number=i + 1) for i, t in enumerate(text.splitlines())]


def test_roman_group_rows_restart_the_drafted_numbering():
    """The draft of the restarting table: two groups (I, III; II has no row), codes I.1 and III.1."""
    fw = draft(_lines(RESTART), min_verdicts=1)
    assert fw is not None
    assert [(g.code, [c.code for c in g.criteria]) for g in fw.groups] == [("I", ["I.1"]), ("III", ["III.1"])]


def test_one_verdict_drafts_only_when_asked():
    """A report of its own needs two criteria with verdicts; one row drafts only where a catalog already
    fits (min_verdicts=1)."""
    one = HEAD + "Ty le ho gia dinh co duong\n1 ≥80% 3.574/4.210 = 84,9% Dat\nInternet cap quang\n" + TAIL
    assert draft(_lines(one)) is None
    fw = draft(_lines(one), min_verdicts=1)
    assert fw is not None and [c.code for c in fw.criteria] == ["1"]


# a report of its own (no catalog holds it) whose introduction states counts at line starts above the table
PROSE_NUMBERS = """UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM
XA BINH MINH Doc lap - Tu do - Hanh phuc
So: 90/BC-UBND Binh Minh, ngay 20 thang 12 nam 2025
BAO CAO
Ket qua thuc hien cac chi tieu chuyen doi so nam 2025
Nam 2025, UBND xa da ban hanh
79 van ban chi dao, dieu hanh ve chuyen doi so (5 ke hoach, 8 quyet dinh,
66 cong van); to chuc 7 hoi nghi.
BIEU KET QUA THUC HIEN
TT Ten tieu chi Chi tieu giao Thuc hien Tu cham
Ty le ho so thu tuc hanh chinh nop truc
1 ≥70% 24 147/26 229 (92%) Dat
tuyen
Ty le van ban di duoc ky so
2 ≥95% 665/700 (95%) Dat
Ty le ho kinh doanh su dung thanh toan
3 Tren 60% 360/371 (97,04%) Dat
khong dung tien mat
Tren day la bao cao cua UBND xa Binh Minh./.
"""


def test_numbers_in_the_introduction_above_the_table_are_no_rows():
    """'79 văn bản chỉ đạo …' starts a line above the table's header: prose, not row 79 (which would
    put rows 1 … 3 out of sequence and draft nothing). The rows are 1, 2, 3."""
    fw = draft(_lines(PROSE_NUMBERS))
    assert fw is not None
    assert [c.code for c in fw.criteria] == ["1", "2", "3"]
    assert [(c.target.op, c.target.value) for c in fw.criteria if c.target] == [(">=", 70.0), (">=", 95.0), (">", 60.0)]


def test_news_paragraph_is_no_excerpt(tmp_path, excerpt_catalog):
    """Negative: a news paragraph naming the set's indicators with numbers is no report: no criteria."""
    news = ("Theo Cong thong tin dien tu tinh, nam 2025 ty le ho gia dinh co duong Internet cap quang\n"
            "tren dia ban tinh dat 84,9%; 1.900/4.000 nguoi dan truong thanh co tai khoan thanh toan dien tu.\n"
            "1 so xa da hoan thanh som cac chi tieu cua Quyet dinh so 77/QD-UBND.\n")
    rec = read_with_catalog(tmp_path, news, excerpt_catalog)
    assert rec.criteria == []


@pytest.mark.parametrize("line,title", [
    # a target cell's op words and a verdict cell's words on a line of their own: no title words
    ("Toi thieu Pay yeu", ""),
    # the title's words, then the target cell (OCR's 'T6i thiêu'), a result and a verdict ('Dar yeu')
    ("S6 camera an ninh ket T6i thiêu da co 18 Dar yeu doanh", "S6 camera an ninh ket"),
    # 'Không thấp hơn' wrapped: its capitalised 'Không' after the title's words
    ("Ty lé cán bo, cong chuc Không ty 1¢ 100 %;", "Ty lé cán bo, cong chuc"),
    # the unit column's lone '%' and the result's 'cụ thể:'
    ("nghê sb cong dong % cu the: 5/5 uoc", "nghê sb cong dong"),
    ("quang trung binh tai Vugt ke", "quang trung binh tai"),
    # negatives: a title's own lower-case 'không' / 'trên', and 'Hoàn thiện', are title words
    ("khong dung tien mat binh quan", "khong dung tien mat binh quan"),
    ("duoc xu ly tren moi truong mang", "duoc xu ly tren moi truong mang"),
    ("Hoàn thiện hạ tầng số dùng chung", "Hoàn thiện hạ tầng số dùng chung"),
])
def test_loose_title_words_stop_at_another_cell(line, title):
    from extractors.provisional import _leading_words
    assert _leading_words(line) == title


# a report of its own in legacy text: the target and verdict cells wrapped onto the line above each code line
WRAPPED_CELLS = """UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM
XA BINH MINH Doc lap - Tu do - Hanh phuc
So: 91/BC-UBND Binh Minh, ngay 20 thang 12 nam 2025
BAO CAO
Ket qua thuc hien cac chi tieu chuyen doi so nam 2025
TT Noi dung chi tieu Don vi Ke hoach giao Thuc hien Danh gia
Ty le can bo, cong chuc
Toi thieu Pay yeu
1 xa duoc boi duong ky % cu the: 27/27
90 cau
nang so
Ty le ho so cong viec duoc
Toi thieu Chua
2 xu ly tren moi truong % cu the: 70/100
80 dat
mang
Tren day la bao cao cua UBND xa Binh Minh./.
"""


def test_wrapped_target_and_verdict_cells_are_no_title_words(tmp_path, excerpt_catalog):
    """'Tối thiểu Đạt yêu' above the code line is the target and verdict cells, not the title's first line:
    the rows read their verdicts (Đạt yêu cầu, Chưa đạt) and targets (≥ 90 %, ≥ 80 %)."""
    rec = read_with_catalog(tmp_path, WRAPPED_CELLS, excerpt_catalog)
    assert rec.provisional is True
    got = {c.code: (c.numerator, c.denominator, c.reported_verdict) for c in rec.criteria}
    assert got == {"1": (27, 27, "dat"), "2": (70, 100, "chua_dat")}
    assert {c.code: (c.target.op, c.target.value, c.target.unit) for c in rec.criteria if c.target} == {
        "1": (">=", 90.0, "%"), "2": (">=", 80.0, "%")}


def test_wrapped_op_value_after_a_titles_last_word_so():
    """'Tối thiểu' at the end of the title's first line, its value below the code line after the title's
    last word 'số' ('nang so 90': 'kỹ năng số', then the target 90): the target is ≥ 90 %, the unit the code
    line's lone '%'. Negative: a result's 'tổng số 12' is no target value; row 2's target is the 100 below."""
    text = """BAO CAO
Ket qua thuc hien cac chi tieu chuyen doi so nam 2025
TT Noi dung chi tieu Don vi Ke hoach giao Thuc hien Danh gia
Ty le can bo, cong chuc Toi thieu
1 xa duoc boi duong ky % cu the: 27/27 Dat
nang so 90
Ty le thon co To cong nghe Toi thieu
2 so cong dong % tong so 12 Dat
duoc kien toan 100
"""
    fw = draft(_lines(text))
    assert fw is not None
    assert [(c.code, c.target.op, c.target.value, c.target.unit) for c in fw.criteria if c.target] == [
        ("1", ">=", 90.0, "%"), ("2", ">=", 100.0, "%")]
    assert [c.title for c in fw.criteria] == ["Ty le can bo, cong chuc xa duoc boi duong ky nang so",
                                              "Ty le thon co To cong nghe so cong dong duoc kien toan"]


NO_VERDICT_ROW = """UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM
XA BINH MINH Doc lap - Tu do - Hanh phuc
So: 92/BC-UBND Binh Minh, ngay 20 thang 12 nam 2025
BAO CAO
Ket qua thuc hien cac chi tieu chuyen doi so nam 2025
TT Ten tieu chi Chi tieu giao Thuc hien Tu cham
Ty le ho so thu tuc hanh chinh nop truc
1 ≥70% 24 147/26 229 (92%) Dat
tuyen
Toc do truy cap Internet bang rong di
2 ≥40 Mb/s 64,31 Mb/s
dong tai trung tam xa
Ty le ho kinh doanh su dung thanh toan
3 Tren 60% 360/371 (97,04%) Dat
khong dung tien mat
Tren day la bao cao cua UBND xa Binh Minh./.
"""


def test_row_that_writes_no_verdict_word_is_missing_its_verdict(tmp_path, excerpt_catalog):
    """Row 2 of a report of its own states its result and no verdict, not even a piece of one, and rows
    1 and 3 read their own: the report omits it (verdict_missing), the tool did not lose it in a cut."""
    rec = read_with_catalog(tmp_path, NO_VERDICT_ROW, excerpt_catalog)
    assert rec.provisional is True
    assert [(c.code, c.reported_verdict) for c in rec.criteria] == [("1", "dat"), ("2", None), ("3", "dat")]
    assert [f.check for f in rec.findings if f.code == "2"] == ["verdict_missing"]


def test_row_holding_a_verdict_piece_is_a_verdict_not_read(tmp_path, excerpt_catalog):
    """Negative: row 2's lines hold 'Hoan' (half of a 'Hoàn thành' the reader could not put together): the
    cut may have lost its verdict, so the tool says it could not read it (not_read), no finding."""
    text = NO_VERDICT_ROW.replace("dong tai trung tam xa", "dong tai trung tam xa Hoan")
    rec = read_with_catalog(tmp_path, text, excerpt_catalog)
    assert [f.check for f in rec.findings if f.code == "2"] == ["not_read"]
