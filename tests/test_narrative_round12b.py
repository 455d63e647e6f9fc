"""Labelled cases (issue 12, round 12b) for narrative text: a criterion's own worded heading after a group
heading's tally that wrapped ('… - đạt 4 trên 5' / 'tiêu chí' / 'Chỉ tiêu 2.1: …'), and a number right after
a target op, which is never a worded fraction's part ('≥85 trên 2 855 hộ'). The texts are written by hand;
every expected value was read from them by hand. Legacy text is written the way OCR without Vietnamese
support writes it (accents dropped)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.catalog import load_catalog
from extractors.narrative import find_headings, is_reference
from extractors.numbers import find_fractions
from ingest.models import Line
from tests.reading import read_with_catalog

CATALOGS = Path(__file__).parent / "catalogs"
HUNGYEN = str(CATALOGS / "hungyen-xa-2024.json")
T21 = "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến toàn trình"


def _lines(*texts: str) -> list[Line]:
    return [Line(page=1, number=n + 1, text=t) for n, t in enumerate(texts)]


def _code_end(line: str) -> int:
    """Offset after the code and its mark ('Chỉ tiêu 2.1: ' → the title)."""
    i = line.index("2.1")
    return i + 4 + (line[i + 3:i + 5] == ": ")


# --- a worded heading after a wrapped tally ----------------------------------------------------

@pytest.mark.parametrize("above", [
    ("II. Nhóm chính quyền số - đạt 4 trên 5", "tiêu chí"),        # the tally's noun wrapped alone
    ("II. Nhom chinh quyen so - dat 4 tren 5", "tieu chi"),        # ibid., legacy OCR
    ("II. Nhóm chính quyền số - đạt 4/5", "chỉ tiêu"),
    ("Kết quả thực hiện các nội dung theo", "tiêu chí"),           # any line ending in the word
])
@pytest.mark.parametrize("head", ["Chỉ tiêu 2.1: " + T21, "Tiêu chí 2.1. " + T21, "Chi tieu 2.1: Ty le ho so"])
def test_worded_heading_is_no_reference(above, head):
    lines = _lines(*above, head)
    assert not is_reference(lines, 2, _code_end(head))


@pytest.mark.parametrize("above,line", [
    (("Một số hạn chế: chưa hoàn thành", "tiêu chí"), "2.1 về hồ sơ trực tuyến toàn trình"),   # a wrapped mention
    (("Còn 01 chỉ tiêu chưa đạt là", "chỉ tiêu"), "2.1: hồ sơ trực tuyến toàn trình"),
    (("II. Nhóm chính quyền số - đạt 4 trên 5", "tiêu chí"), "Tiêu chí 2.1 chưa đạt."),      # a verdict after it
])
def test_mentions_stay_references(above, line):
    lines = _lines(*above, line)
    assert is_reference(lines, 2, _code_end(line))


def test_count_two_lines_above_ends_a_tally():
    # '… đạt 4 trên 5' / 'tiêu chí' / '2.1. Tỷ lệ …': the count ends the group's tally, the code heads 2.1
    lines = _lines("II. Nhóm chính quyền số - đạt 4 trên 5", "tiêu chí", "2.1. " + T21)
    assert not is_reference(lines, 2, 5)
    # no count: 'theo' / 'tiêu chí' / '2.1 …' is a mention that wrapped
    lines = _lines("Kết quả thực hiện các nội dung theo", "tiêu chí", "2.1 về hồ sơ trực tuyến")
    assert is_reference(lines, 2, 4)


def test_heading_after_wrapped_tally_found():
    fw = load_catalog(HUNGYEN).frameworks[0]
    lines = _lines("II. Nhom chinh quyen so - dat 4 tren 5", "tieu chi",
                   "Chi tieu 2.1: Ty le ho so thu tuc hanh chinh duoc tiep nhan, giai quyet truc tuyen",
                   "toan trinh (muc tieu 80%): dat 90%.")
    assert "2.1" in [h.code for h in find_headings(lines, fw)]


def test_report_reads_criterion_after_wrapped_tally(tmp_path):
    text = ("BAO CAO ket qua thuc hien chuyen doi so cap xa nam 2024\n"
            "II. Nhóm chính quyền số - đạt 1 trên 2\n"
            "tiêu chí\n"
            f"Chỉ tiêu 2.1: {T21} (mục tiêu 80%):\n"
            "Kết quả thực hiện: 450/500 hồ sơ (đạt 90%) (Đạt yêu cầu).\n"
            "Chỉ tiêu 2.2: Tỷ lệ hồ sơ thủ tục hành chính giải quyết quá hạn (mục tiêu không quá 1%):\n"
            "Kết quả thực hiện: 10/500 hồ sơ (2%) (Chưa đạt).\n")
    rec = read_with_catalog(tmp_path, text, HUNGYEN)
    c = {c.code: c for c in rec.criteria}
    assert "2.1" in c and (c["2.1"].numerator, c["2.1"].denominator, c["2.1"].reported_percent) == (450, 500, 90.0)


# --- a number after a target op ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "≥85 trên 2 855 hộ",
    "≥ 85 tren 2 855 ho",
    ">=85 trên 2 855 hộ",
    "=>85 tren 2 855 ho",
    "≤ 5 trên 100 hồ sơ",
    "≥ 1 234 trên 2 855 hộ",                       # no part from inside the target's spaced number
    "≥85 trên tổng số 2 855 hồ sơ",
    "≥2 646 tren tong  Toi thieu Chwa dat % so 3 644 ho so",
])
def test_number_after_op_is_no_part(text):
    assert find_fractions(text) == []


@pytest.mark.parametrize("text,want", [
    ("đạt 2 646 trên 2 855 hộ", (2646, 2855)),
    ("≥85%: 2 646 trên 2 855 hộ", (2646, 2855)),     # the target closed by its unit, then the fraction
    ("(2 646 trên tổng số 2 855 hồ sơ)", (2646, 2855)),
    ("= 2 646 trên 2 855 hộ", (2646, 2855)),          # '=' alone is no op
    ("2 781 tren tong  T0i thieu Chwa dat % s6 3 644 ho so", (2781, 3644)),
])
def test_worded_fractions_still_read(text, want):
    fs = find_fractions(text)
    assert [(f.numerator, f.denominator) for f in fs] == [want]


# --- a bracketed result cell wrapped apart in a run-together row ---------------------------------

@pytest.mark.parametrize("text,want", [
    (" 92.68% (2 646 Hoàn  % ≥85 tren 2 855 ho thanh", (2646, 2855)),   # legacy row: title, target cells between
    ("92,68% (2 646 Hoàn thành ≥85% trên 2 855 hồ sơ)", (2646, 2855)),
    ("84,9% (3 574 Đạt trên tổng số 4 210 hộ)", (3574, 4210)),
])
def test_bracketed_part_apart_from_its_whole(text, want):
    assert [(f.numerator, f.denominator) for f in find_fractions(text)] == [want]


@pytest.mark.parametrize("text", [
    "90,00% (2 646 Hoàn ≥85 tren 2 855 ho)",     # the percent is not the part's share: no fraction
    "92% (2 646 Hoàn ≥85 tren 2 855 ho)",        # a whole percent proves too little
    "92.68% (2 646 hồ sơ; còn lại trên 2 855 hộ)",  # a clause mark between: two statements
    "92.68% (2 646) Hoàn ≥85 trên 2 855 hộ",     # the bracket closed after the part
    "75.9% (170 100% can bo, cong chuc cap tren 224 can bo",  # another statement's percent between them
    "75.9% (170 Đạt 12 xã trên 224 cán bộ",       # another cell's number between them
])
def test_bracketed_part_negatives(text):
    assert find_fractions(text) == []
