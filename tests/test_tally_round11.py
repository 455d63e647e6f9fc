"""Round 11 (issue 12), group and summary tallies and reports read without a catalog.

Classes, each with positive and negative cases; every expected value is read by hand from the text written
in the test (the lines are written the way the generated reports and their legacy OCR print them):

- a group's own table row states its tally: 'II Ha tang so … 4/5 dat', or the fraction alone on the line
  below ('II CHINH QUYEN SÔ' / '04/05', across a blank line a text input numbers);
- a group heading whose tally wraps onto the next line ('… - đạt 4 trên 5 tiêu' / 'chí');
- 'của nhóm' as legacy OCR writes it ('ciia nhóm');
- a draft's groups take their titles from their own headings or rows, only when every group has one written
  alike;
- a no-catalog table row a page break split: its target cell's op words apart from its value;
- a unit cell that wrapped and spilt letters into its neighbours ('giao ch/người/thán');
- a no-catalog report's own summary line over more criteria than the draft holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.catalog import load_catalog
from extractors.provisional import _canon_unit, _percent_of_fraction, _spilt_unit, draft
from extractors.tallies import _group_row_claims, find_claims
from extractors.verdicts import find_tallies
from ingest.models import Line

HY = "hungyen-xa-2024"   # 16 criteria: groups 1 Hạ tầng số (6), 2 Chính quyền số (5), 3 Xã hội số (5)
CATALOG = Path(__file__).parent / "catalogs" / "hungyen-xa-2024.json"


@pytest.fixture(scope="module")
def fw():
    return load_catalog(CATALOG).get(HY)


def _lines(text: str, page: int = 1) -> list[Line]:
    """Lines numbered as a text input numbers them: a blank line keeps its number but is no line."""
    return [Line(page=page, number=i, text=t) for i, t in enumerate(text.splitlines(), 1) if t.strip()]


def _rows(text: str, fw) -> list[tuple[str | None, int, int]]:
    return [(c.group, c.passed, c.total) for c in _group_row_claims(_lines(text), fw)]


# ---- a group's own row ----------------------------------------------------------------------------

def test_group_row_with_its_tally_and_a_verdict_word_after_it(fw):
    text = ("I HA TÂNG SO 5/6 dat\n"
            "Toc do truy cap Internet 36 Mb/s\n"
            "II Chinh quyên s6 02/05 day\n"
            "Ty le ho so thu tuc hanh chinh\n"
            "III XA HOI SÔ 3/5\n")
    assert _rows(text, fw) == [("1", 5, 6), ("2", 2, 5), ("3", 3, 5)]


def test_group_row_with_its_fraction_alone_on_the_line_below(fw):
    # legacy OCR wraps the tally cell onto a line of its own; a blank line between them is numbered, not kept
    text = "dat\nI HA TÂNG SO\n\n05/06\nTôc dô truy cap\nII CHINH QUYEN SÔ\n04/05\nTy 1é ho so\n"
    assert _rows(text, fw) == [("1", 5, 6), ("2", 4, 5)]


def test_group_row_tally_needs_the_groups_size(fw):
    # 4/6 under group 2 (5 criteria) is a result or another count, not the group's tally
    assert _rows("II Chinh quyên s6\n4/6\n", fw) == []
    assert _rows("II Chinh quyên s6 3/6 dat\n", fw) == []


def test_fraction_far_below_a_group_row_is_not_its_tally(fw):
    # a line between them (the first criterion's words): the fraction is that row's, not the group's
    assert _rows("II Chinh quyên s6\nTy le ho so thu tuc\n04/05\n", fw) == []


def test_criterion_row_with_a_group_number_is_no_group_row(fw):
    # '1' and a criterion's title: not group 1's name, so its 5/6 is the criterion's result
    assert _rows("1 Ty le thon co ha tang cap quang 5/6\n", fw) == []
    # a group's name followed by more words is a title that starts like it, not the group's row
    assert _rows("2 Chinh quyen so cap xa duoc ket noi voi he thong cua tinh 4/5\n", fw) == []


# ---- a heading's tally that wraps -------------------------------------------------------------------

def test_heading_tally_wrapped_onto_the_next_line_is_read(fw):
    inside = [Line(page=1, number=10, text="b) Nhóm chính quyền số - đạt 4 trên 5 tiêu"),
              Line(page=1, number=11, text="chí")]
    got = [(c.group, c.passed, c.total) for c in find_claims([], fw, [], inside)]
    assert got == [("2", 4, 5)]


def test_heading_tally_not_completed_on_another_page_is_not_read(fw):
    inside = [Line(page=1, number=40, text="b) Nhóm chính quyền số - đạt 4 trên 5 tiêu"),
              Line(page=2, number=1, text="chí")]
    assert find_claims([], fw, [], inside) == []


def test_heading_that_wraps_before_its_tally_is_read_with_the_line_above(fw):
    # the heading's line is outside the blocks, its tally's line inside the block of the criterion above
    above = [Line(page=1, number=20, text="Nhóm 2: Chính quyền số: gồm 05 tiêu chí,")]
    inside = [Line(page=1, number=21, text="đạt 04/05")]
    assert [(c.group, c.passed, c.total) for c in find_claims(above, fw, [], inside)] == [("2", 4, 5)]


def test_tally_opening_a_line_below_no_group_heading_is_not_a_groups(fw):
    # a criterion's result that opens its line ('đạt 05/05 thôn') under the criterion's own words
    above = [Line(page=1, number=20, text="Tỷ lệ thôn có Tổ công nghệ số cộng đồng:")]
    inside = [Line(page=1, number=21, text="đạt 05/05 thôn")]
    assert find_claims(above, fw, [], inside) == []
    # the heading two lines up, a line between: not its tally
    above = [Line(page=1, number=19, text="Nhóm 2: Chính quyền số: gồm 05 tiêu chí,"),
             Line(page=1, number=20, text="TC 2.1: Tỷ lệ hồ sơ xử lý trên môi trường mạng")]
    assert find_claims(above, fw, [], inside) == []


# ---- 'của nhóm' as legacy OCR writes it -------------------------------------------------------------

def test_tally_after_ciia_nhom():
    assert [(t.passed, t.total) for t in find_tallies("Sb chi tieu day ciia nhóm: 3/5.")] == [(3, 5)]
    assert [(t.passed, t.total) for t in find_tallies("So chi tieu dat ciia nhom: 6/9.")] == [(6, 9)]


def test_ciia_before_another_noun_is_no_tally():
    assert find_tallies("Ket qua ciia xa Duy Son 3/5 thon") == []


# ---- a draft's group titles ---------------------------------------------------------------------

def _narrative(headings: list[str | None]) -> list[Line]:
    body = ["BÁO CÁO", "Kết quả thực hiện Bộ tiêu chí chuyển đổi số cấp xã năm 2024", "I. KẾT QUẢ THỰC HIỆN"]
    crits = {1: ["1.1. Ban hành kế hoạch chuyển đổi số hằng năm của xã:", "Đã ban hành. Tự đánh giá: Đạt.",
                 "1.2. Tỷ lệ thôn có Tổ công nghệ số cộng đồng (≥100%):", "Kết quả 12/14 thôn. Tự đánh giá: Chưa đạt."],
             2: ["2.1. Tốc độ Internet cáp quang tại trụ sở xã (≥50 Mb/s):", "Kết quả 76 Mb/s. Tự đánh giá: Đạt.",
                 "2.2. Tỷ lệ hộ gia đình có Internet cáp quang (≥75%):", "Kết quả 93%. Tự đánh giá: Đạt."]}
    for k, head in zip((1, 2), headings, strict=True):
        if head is not None:
            body.append(head)
        body += crits[k]
    body.append("Trên đây là báo cáo kết quả của UBND xã.")
    return [Line(page=1, number=i, text=t) for i, t in enumerate(body, 1)]


def _titles(lines: list[Line]) -> list[str]:
    d = draft(lines)
    assert d is not None
    return [g.title for g in d.groups]


def test_draft_groups_take_the_titles_of_their_lettered_headings():
    got = _titles(_narrative(["a) Nhóm nhận thức số và thể chế số - 1/2 tiêu chí đạt",
                              "b) Nhóm hạ tầng và nền tảng số - 2/2 tiêu chí đạt"]))
    assert got == ["nhận thức số và thể chế số", "hạ tầng và nền tảng số"]


def test_draft_groups_by_the_group_word_right_above_their_first_criterion():
    got = _titles(_narrative(["Nhóm tiêu chí nhận thức số và thể chế số (1/2 tiêu chí đạt)",
                              "Nhóm tiêu chí hạ tầng và nền tảng số (2/2 tiêu chí đạt)"]))
    assert got == ["nhận thức số và thể chế số", "hạ tầng và nền tảng số"]


def test_a_section_heading_is_no_group_title():
    # no group of its own heading: 'I. KẾT QUẢ THỰC HIỆN' above the first criterion names the section
    assert _titles(_narrative([None, None])) == ["Nhóm 1", "Nhóm 2"]
    # one group with a heading and one without: titles only when every group has one
    assert _titles(_narrative([None, "b) Nhóm hạ tầng và nền tảng số - 2/2 tiêu chí đạt"])) == ["Nhóm 1", "Nhóm 2"]


def test_draft_group_rows_with_cells_give_titles_and_tallies():
    rows = [["STT", "Tiêu chí", "Chỉ tiêu", "Kết quả thực hiện", "Tự đánh giá"],
            ["1", "NHẬN THỨC SỐ VÀ THỂ CHẾ SỐ", "", "", "đạt 01/02"],
            ["1.1", "Ban hành kế hoạch chuyển đổi số hằng năm của xã", "Có", "Đã ban hành", "Đạt"],
            ["1.2", "Tỷ lệ thôn có Tổ công nghệ số cộng đồng", "≥ 100%", "12/14 thôn, tỷ lệ 85,7%", "Chưa đạt"],
            ["2", "HẠ TẦNG VÀ NỀN TẢNG SỐ", "", "", "đạt 02/02"],
            ["2.1", "Tốc độ Internet cáp quang tại trụ sở xã", "≥ 50 Mb/s", "đạt 76 Mb/s", "Đạt"],
            ["2.2", "Tỷ lệ hộ gia đình có Internet cáp quang", "≥ 75%", "2 581/2 996 hộ, tỷ lệ 86%", "Đạt"]]
    lines = [Line(page=1, number=1, text="BÁO CÁO"), Line(page=1, number=2, text="Kết quả cụ thể theo biểu dưới đây:")]
    lines += [Line(page=1, number=k + 3, text=" | ".join(c), cells=c) for k, c in enumerate(rows)]
    d = draft(lines)
    assert d is not None
    assert [g.title for g in d.groups] == ["NHẬN THỨC SỐ VÀ THỂ CHẾ SỐ", "HẠ TẦNG VÀ NỀN TẢNG SỐ"]
    inside = [ln for ln in lines if ln.cells and ln.cells[0] in ("1", "2")]
    assert [(c.group, c.passed, c.total) for c in find_claims([], d, [], inside)] == [("1", 1, 2), ("2", 2, 2)]


# ---- a no-catalog row a page break split --------------------------------------------------------

HEADER = ["STT", "Mã", "Chỉ tiêu", "Yêu cầu", "Kết quả", "Đánh giá", "Ghi chú"]


def _split_table(tail: list[str]) -> list[Line]:
    ruled = [HEADER,
             ["1", "1.1", "Ban hành kế hoạch chuyển đổi số hằng năm của xã", "", "Đang triển khai", "Không hoàn thành", ""],
             ["2", "1.2", "Tỷ lệ thôn có Tổ công nghệ số cộng đồng", "Không thấp hơn 100%", "12/14 (86%) thôn",
              "Không hoàn thành", ""],
             ["4", "2.1", "Tốc độ Internet cáp quang trung bình tại trụ sở xã", "Không thấp hơn 50 Mb/s",
              "kết quả đo kiểm đạt 76,51 Mb/s", "Hoàn thành", ""]]
    lines = [Line(page=1, number=1, text="BÁO CÁO"), Line(page=1, number=2, text="Kết quả cụ thể theo biểu dưới đây:")]
    lines += [Line(page=1, number=k + 3, text=" | ".join(c), cells=c) for k, c in enumerate(ruled)]
    n = len(lines) + 1
    for k, t in enumerate(["Không", "5 2.2 thấp hơn Vượt", "- 1 -"]):
        lines.append(Line(page=1, number=n + k, text=t))
    lines += [Line(page=2, number=k + 1, text=t) for k, t in enumerate(tail)]
    last = ["6", "2.3", "Số camera an ninh kết nối về Công an xã", "Tối thiểu 10 camera", "12 camera", "Vượt", ""]
    lines.append(Line(page=2, number=len(tail) + 1, text=" | ".join(last), cells=last))
    return lines


def _target(lines: list[Line], code: str):
    d = draft(lines)
    assert d is not None
    t = d.by_code[code].target
    return None if t is None else (t.op, t.value, t.unit)


def test_split_row_reads_its_op_words_apart_from_its_value():
    lines = _split_table(["Tỷ lệ hộ gia đình có đường 75% 93,4% (3 144/3 Số liệu", "Internet cáp quang 366) ước tính"])
    assert _target(lines, "2.2") == (">=", 75.0, "%")


def test_split_row_takes_no_result_percent_for_its_target():
    # the target's value is not on the row's lines: its result's percent, before its fraction, is no target
    lines = _split_table(["Tỷ lệ hộ gia đình có đường 93,4% (3 144/3 Số liệu", "Internet cáp quang 366) ước tính"])
    assert _target(lines, "2.2") is None


@pytest.mark.parametrize("value, after, result", [
    ("93,4", "% (3 144/3 So liêu", True),      # its fraction, the denominator cut by the run-together cells (3 366)
    ("86", "% (12/14 thôn)", True),              # its fraction whole
    ("2", " % (7/751 ho so)", False),            # 7/751 is 0,9 %: another cell's fraction run in after the target
    ("75", "% 93,4% (3 144/3 366)", False),      # no fraction right after it
])
def test_percent_of_its_fraction(value, after, result):
    assert _percent_of_fraction(value, after) is result


# ---- a unit cell that spilt letters into its neighbours ------------------------------------------

def test_spilt_unit_cell_is_the_results_vocabulary_unit():
    assert _spilt_unit("giao ch/người/thán", "đạt 4,45 giao dịch/người/tháng") == "giao dịch/người/tháng"


@pytest.mark.parametrize("unit_cell, result", [
    ("camera", "đã có 7 camera"),                         # a unit of its own
    ("hồ sơ", "đạt 4,45 giao dịch/người/tháng"),          # another word, not that unit
    ("giao ch/người/thán", "đạt 2 409/2 887, tỷ lệ 83,44%"),  # the result writes a percent
    ("", "đạt 4,45 giao dịch/người/tháng"),               # no unit cell
])
def test_spilt_unit_negatives(unit_cell, result):
    assert _spilt_unit(unit_cell, result) is None


def test_row_target_with_a_fragment_for_its_unit_takes_the_spilt_unit():
    header = ["Mã", "Chỉ tiêu", "Đơn vị", "Yêu cầu", "Kết quả", "Đánh giá"]
    rows = [["3.3", "Tỷ lệ người dân hài lòng với việc giải quyết thủ tục hành chính", "%", "Trên 85 %",
             "phiếu: 443/503, tỷ lệ 88,07%", "Đạt"],
            ["3.4", "Số giao dịch thanh toán không dùng tiền mặt bình quân dịc", "giao ch/người/thán", "Ít nhất 2 ng",
             "đạt 4,45 giao dịch/người/tháng", "Đạt"]]
    lines = [Line(page=1, number=1, text="BÁO CÁO"), Line(page=1, number=2, text="Kết quả cụ thể theo biểu dưới đây:")]
    lines += [Line(page=1, number=k + 3, text=" | ".join(c), cells=c) for k, c in enumerate([header, *rows])]
    assert _target(lines, "3.4") == (">=", 2.0, "giao dịch/người/tháng")
    assert _target(lines, "3.3") == (">", 85.0, "%")


def test_legacy_unit_as_ocr_prints_it_is_the_vocabularys():
    assert _canon_unit("giao djch/nguoi/thang") == "giao dịch/người/tháng"
    assert _canon_unit("giao dịch/người/tháng") == "giao dịch/người/tháng"


@pytest.mark.parametrize("unit", [
    "giao djch/ngưòi/tháng",    # diacritics: text as typed accepts only the real word
    "giao dich vien",            # other words
    "x6",                        # too short a form to read by its OCR letters
])
def test_unit_not_read_by_ocr_letters(unit):
    assert _canon_unit(unit) == unit


# ---- a no-catalog report's own summary line -----------------------------------------------------

def test_no_catalog_summary_over_more_criteria_than_the_draft_holds():
    lines = _narrative(["a) Nhóm nhận thức số và thể chế số - 1/2 tiêu chí đạt",
                        "b) Nhóm hạ tầng và nền tảng số - 2/2 tiêu chí đạt"])
    d = draft(lines)
    assert d is not None and len(d.criteria) == 4
    tail = [Line(page=2, number=1, text="II. TỔNG HỢP"), Line(page=2, number=2, text="Tổng hợp: đạt 5/10 tiêu chí.")]
    got = [(c.group, c.passed, c.total) for c in find_claims(tail, d, [])]
    assert got == [(None, 5, 10)]
    # legacy OCR's line reads the same
    legacy = [Line(page=2, number=3, text="Tong hop: dat 3/8 chj tieu.")]
    assert [(c.group, c.passed, c.total) for c in find_claims(legacy, d, [])] == [(None, 3, 8)]


@pytest.mark.parametrize("text", [
    "Tổng hợp: đạt 5/10 xã.",                         # counts communes, not criteria
    "Đã hoàn thành 5/10 tiêu chí của huyện.",         # no summary word on the line
])
def test_no_catalog_larger_tally_without_its_label_is_no_summary(text):
    d = draft(_narrative([None, None]))
    assert d is not None
    assert find_claims([Line(page=2, number=1, text=text)], d, []) == []


def test_catalog_framework_takes_no_larger_summary_line(fw):
    # with a catalog the set's size is known: 'đạt 20/25 tiêu chí' of a 16-criteria set is not its tally
    assert find_claims([Line(page=2, number=1, text="Tổng hợp: đạt 20/25 tiêu chí.")], fw, []) == []
