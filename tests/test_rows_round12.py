"""Round 12: legacy OCR tables of reports with no catalog framework (drafted from the report itself) —
a result cell's count grouped in thousands by a space and wrapped onto a line of its own ('31 733 trên')
is no row code; the first page's header is found where OCR wrote the marked 'i' as 'j' ('Ten tjêu chi
Muc tjeu'); a fraction whose part wrapped at the space grouping its thousands ('hồ sơ: 12' / … /
'1 582/14 032') is read whole and its STT number anchors the row.

Every expected value is read by hand from the text written in the test (what a clerk reads in the
table), not taken from the tool's output. The layouts follow legacy OCR text of Quảng Nam district
reports (the cells of a row wrapped over several lines, interleaved).
"""

from __future__ import annotations

import pytest

from extractors.catalog import Criterion, Target
from extractors.extract import _read_twice, extract
from extractors.provisional import _LOOSE, _i_for_j, draft
from extractors.record import CriterionRecord
from extractors.table_loose import _own_title_above, _wrapped_group_anchor, rejoin_wrapped_group
from ingest.models import Line
from tests.reading import page_lines as _lines
from tests.reading import text_document


@pytest.fixture(scope="module")
def catalog(merged_catalog):
    return merged_catalog


def _read(text: str, catalog):
    rec = extract(text_document(_lines(text)), catalog, None)
    return rec, {c.code: c for c in rec.criteria}


# --- a count grouped in thousands wrapped onto its own line is no row ------------------------------

GROUPED = """BAO CAO
Ket qua thuc hien cac chi tieu chuyen doi so nam 2024
Don Ket qua dat Tu
STT Ten tieu chi Muc tieu
vi duoc cham
24 518 tren
Ty le ho so thu tuc hanh chinh nop Tu 70 tro
1 % tong sb 30 112 Pay
truc tuyen len
ho so (81.42%)
Toc do truy cap Internet bang rong Tu 40 tro ket qua do kiem
2 Mb/s Pat
di dong tai trung tam huyen len dat 61,5 Mb/s
So mo hinh chuyen doi so diem duoc Tu 02 tro Vuot chi
3 dat 04 mo hinh
trien khai hinh len tieu
Khong
Trien khai Trung tam dieu hanh
4 Chua co hoan
thong minh (IOC) cap huyen
thanh
"""


def test_grouped_count_line_is_no_row():
    fw = draft(_lines(GROUPED))
    assert fw is not None
    assert [c.code for c in fw.criteria] == ["1", "2", "3", "4"]
    assert fw.by_code["1"].target is not None and (fw.by_code["1"].target.op, fw.by_code["1"].target.value) == (">=", 70.0)
    assert fw.by_code["2"].target is not None and fw.by_code["2"].target.value == 40.0


def test_loose_code_line_forms():
    assert _LOOSE.match("24 518 tren") is None  # 24 518: one count
    assert _LOOSE.match("1 207 tren 2 816 ho") is None
    assert _LOOSE.match("8 100")["code"] == "8"  # a code and a bare target cell
    assert _LOOSE.match("8 100 Dat")["code"] == "8"
    assert _LOOSE.match("3.1 049 ho so, dat")["code"] == "3.1"  # a dotted code before a wrapped group
    # an STT number and a cell that is no thousands group stay a row's code line
    assert _LOOSE.match("1 % tong sb 30 112 Pay")["code"] == "1"
    assert _LOOSE.match("1 582/14 032, ty")["code"] == "1"
    assert _LOOSE.match("4 100 % Dat")["code"] == "4"
    assert _LOOSE.match("3 dat 04 mo hinh")["code"] == "3"


# --- the first page's header garbled 'tjêu' ---------------------------------------------------------

TWO_PAGES = """BAO CAO
Ket qua thuc hien cac chi tieu chuyen doi so nam 2024
Nam 2024, huyen da ban hanh 98 van ban chj dao, to chuc
12 hoi nghi voi 3.187 luot nguoi tham du.
Thoi
Ket qua thuc
gian Dar/Chua
STT Ten tjêu chi Muc tjeu hien den
hoan dat
30/11/2024
thanh
36.79% (1.429 Khong
Ty le ho so thu tuc hanh chinh Quy
1 ≥ 70% tren 3.884 ho hoan
nop truc tuyen III/2024
so) thanh
Toc do truy cap Internet bang
2 Quy IV ≥ 40 Mb/s 72 Mb/s Vuot
rong di dong tai trung tam huyen
Trang 1/2
Thoi
Ket qu3 thuc
gian Pat/Chua
STT Ten tieu chi Muc tieu hien den
hoan dat
30/11/2024
thanh
Trien khai Trung tam dieu hanh Thuong
3 Co Da trien khai Da dat
thong minh (IOC) cap huyen xuyen
"""


def test_first_header_found_through_j_for_i():
    fw = draft(_lines(TWO_PAGES))
    assert fw is not None
    assert [c.code for c in fw.criteria] == ["1", "2", "3"]  # not only the rows under the second page's header
    assert fw.by_code["1"].target is not None and fw.by_code["1"].target.value == 70.0
    assert fw.by_code["2"].target is not None and fw.by_code["2"].target.unit == "Mb/s"


def test_prose_number_above_the_header_stays_prose():
    fw = draft(_lines(TWO_PAGES))
    assert fw is not None and "12" not in fw.by_code  # '12 hoi nghi …' above the first header


def test_i_for_j_copies_only():
    lines = _lines("STT Ten tjêu chi Muc tjeu\nKet qua")
    fixed = _i_for_j(lines)
    assert fixed[0].text == "STT Ten tiêu chi Muc tieu"
    assert lines[0].text == "STT Ten tjêu chi Muc tjeu"  # the document's own line is never rewritten
    assert fixed[1] is lines[1]
    ruled = [Line(page=1, number=1, text="x", cells=["STT", "Tên tjêu chí"])]
    assert _i_for_j(ruled)[0] is ruled[0]  # a ruled row's cells are read as they are


# --- a fraction's part wrapped at its thousands' space ----------------------------------------------

def test_rejoin_wrapped_group():
    texts = ["ho so: 12", "Ty le ho so thu tuc hanh chinh Toi thieu Da hoan", "1 582/14 032, ty", "le 89.7%"]
    out = rejoin_wrapped_group(texts)
    assert out is not None
    assert out[2] == "1 12 582/14 032, ty" and out[0].strip() == "ho so:"
    assert out[1] == texts[1] and out[3] == texts[3]


def test_rejoin_wrapped_group_needs_a_labelled_head_and_a_bare_group():
    # no labelled number ending a line above: '1 473/1 589' is a number of its own
    assert rejoin_wrapped_group(["Ty le ho so nop truc tuyen", "1 473/1 589, ty le 92,6%"]) is None
    # a head, but the three digits follow another group ('12 582/…' is whole already)
    assert rejoin_wrapped_group(["ho so: 12", "Ty le ho so 12 582/14 032"]) is None
    # a head too far above (more than three lines)
    assert rejoin_wrapped_group(["ho so: 12", "a", "b", "c", "1 582/14 032"]) is None
    # a labelled number that a word follows on its line is no wrapped head
    assert rejoin_wrapped_group(["ho so: 12 Khao", "1 582/14 032"]) is None


def test_wrapped_group_anchor():
    lines = _lines("ho so: 12\nTy le ho so thu tuc hanh chinh Toi thieu\n1 582/14 032, ty")
    m = _wrapped_group_anchor(lines, 2)
    assert m is not None and m[1] == "1"
    assert _wrapped_group_anchor(_lines("Ty le ho so thu tuc hanh chinh\n1 473/1 589 ho so"), 1) is None
    assert _wrapped_group_anchor(_lines("ho so: 12\n1 58/14 032"), 1) is None


WRAPPED = """BAO CAO
Ket qua thuc hien cac chi tieu chuyen doi so nam 2024
Tu danh Ghi
TT Noi dung chi tieu Muc tieu Ket qua
gia chu
Theo so
lieu cua
ho so: 12
Ty le ho so thu tuc hanh chinh Toi thieu Da hoan
1 582/14 032, ty
nop truc tuyen 70% thanh
le 89.7%
ket qua: 30
Ty le ket qua giai quyet thu tuc Toi thieu Da hoan
2 536/29 791, ty
hanh chinh duoc tra ban dien tu 100% thanh
le 100%
Khong
Toc do truy cap Internet bang Toi thieu
3 la 59,7 Mb/s hoan
rong di dong tai trung tam huyen 40 Mb/s
thanh
"""


def test_wrapped_group_fraction_read_whole(catalog):
    rec, got = _read(WRAPPED, catalog)
    assert rec.provisional
    assert sorted(got) == ["1", "2", "3"]
    assert (got["1"].numerator, got["1"].denominator) == (12582, 14032)
    assert (got["2"].numerator, got["2"].denominator) == (30536, 29791)
    assert got["1"].reported_verdict == "dat" and got["3"].reported_verdict == "chua_dat"


# --- a dotted code under its own title's wrapped words ending in 'tiêu chí' --------------------------

CRIT_11 = Criterion(code="1.1", title="Phường, xã được công nhận hoàn thành các tiêu chí chuyển đổi số cấp xã và duy trì ổn định")


def test_own_title_above_the_code_line():
    lines = _lines("Phuong, xa duoc cong nhan\nhoan thành cac tieu chí\n1.1 cla thuc hien / 29/29 xi Da dat")
    assert _own_title_above(lines, 2, CRIT_11)


def test_prose_mention_is_no_own_title():
    # prose that ends in 'tiêu chí' before the code mentions it ('… các tiêu chí' / '1.1 …'): not the title's words
    lines = _lines("Huyen da ra soat va danh gia cac tieu chi\n1.1 va 1.2 deu dat yeu cau")
    assert not _own_title_above(lines, 1, CRIT_11)
    # too few words to tell ("các tiêu chí" is any prose's)
    assert not _own_title_above(_lines("cac tieu chi\n1.1 Da dat"), 1, CRIT_11)
    # the title's words, but not as they run in the title
    assert not _own_title_above(_lines("tieu chi cac hoan thanh\n1.1 Da dat"), 1, CRIT_11)


# --- a no-catalog loose row's 'trên N' of its own fraction is no target over the draft's ------------

def _rec(target: Target, **kw) -> CriterionRecord:
    return CriterionRecord(code="1.2", title="Tỷ lệ thôn có Tổ công nghệ số cộng đồng", target=target, **kw)


def test_fraction_number_read_as_target_is_read_twice():
    # '100 % (11' / … / 'trên 11 thôn)': the row reader took 'trên 11' for '> 11'
    assert _read_twice(_rec(Target(op=">", value=11.0, unit="%"), numerator=11, denominator=11, reported_percent=100.0))
    assert _read_twice(_rec(Target(op=">", value=4.0, unit="%"), numerator=853, denominator=4))


def test_target_of_its_own_is_kept():
    # a target no number of the row's result repeats is the row's own ('Trên 80%' beside 76/89)
    assert not _read_twice(_rec(Target(op=">", value=80.0, unit="%"), numerator=76, denominator=89, reported_percent=85.4))
    assert not _read_twice(_rec(Target(op=">=", value=2.0, unit="mô hình"), value=1.0))


# --- a document's number wrapped onto its own line ('16/KH-UBND.') is no heading --------------------

NARRATIVE_GROUPS = """BAO CAO
Ket qua thuc hien bo tieu chi chuyen doi so cap xa nam 2024
I. KET QUA THUC HIEN
Tong so tieu chi dat: 4/5.
a) Nhom nhan thuc so va the che so
Tieu chi so 1.1. Ban hanh ke hoach chuyen doi so hang nam cua xa: Da
thuc hien day du => Da hoan thanh.
Tieu chi so 1.2. Ty le thon co To cong nghe so cong dong duoc kien toan
(chi tieu: 100 %): dat 100 %, tuong ung 9/9 thon (tu danh gia: Dat)
b) Nhom ha tang va nen tang so
Tieu chi so 2.1. Toc do Internet cap quang trung binh tai tru so xa
(chi tieu: 50 Mb/s): trung binh dat 61,2 Mb/s (tu danh gia: Dat)
Giao vien cac truong day ky nang so cho hoc sinh theo Ke hoach so
27/KH-UBND.
Tieu chi so 2.2. So camera an ninh ket noi ve Cong an xa (chi tieu: 10
camera): co 06 camera (tu danh gia: Chua hoan thanh).
c) Nhom hoat dong chinh quyen so
3.1) Ty le ho so cong viec duoc xu ly tren moi truong mang (chi tieu: 90
%): dat 95,5 %, tuong ung 1 910/2 000 ho so (Dat)
"""


def test_document_symbol_line_is_no_group():
    fw = draft(_lines(NARRATIVE_GROUPS))
    assert fw is not None
    assert [c.code for c in fw.criteria] == ["1.1", "1.2", "2.1", "2.2", "3.1"]
    assert [(g.code, [c.code for c in g.criteria]) for g in fw.groups] == [
        ("1", ["1.1", "1.2"]), ("2", ["2.1", "2.2"]), ("3", ["3.1"])]
    assert "27" not in {g.code for g in fw.groups}


def test_slash_marked_headings_stay_headings():
    from extractors.provisional import _heading
    assert _heading(Line(page=1, number=1, text="27/KH-UBND.")) is None
    assert _heading(Line(page=1, number=1, text="10/QĐ-UBND ngày 22/4/2024")) is None
    assert _heading(Line(page=1, number=1, text="54/2017/TT-BYT")) is None
    h = _heading(Line(page=1, number=1, text="2/ Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến"))
    assert h is not None and h.code == "2"
    h = _heading(Line(page=1, number=1, text="3.2/ Hạ tầng số - Kết quả: Đạt"))
    assert h is not None and h.code == "3.2"
