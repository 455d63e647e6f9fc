"""Parser tables: raw text → expected value (numbers, fractions, percents, verdicts, targets, match keys)."""

import pytest

from extractors.measure import find_parts, find_target, pick_measure
from extractors.numbers import decimals_of, find_fractions, find_percents, parse_decimal, parse_int
from extractors.verdicts import find_tallies, find_verdicts, parse_verdict
from ingest.normalize import fold_chars, match_key


@pytest.mark.parametrize("raw,want", [
    ("277.441", 277441), ("1.757.251.138", 1757251138), ("15424", 15424), ("12.5", None), ("abc", None), ("1.23", None),
])
def test_parse_int(raw, want):
    assert parse_int(raw) == want


@pytest.mark.parametrize("raw,want", [("99,7", 99.7), ("30,77", 30.77), ("100", 100.0), ("9,6", 9.6), ("9.6", 9.6)])
def test_parse_decimal(raw, want):
    assert parse_decimal(raw) == want


@pytest.mark.parametrize("text,want", [
    ("15424/15378 = 99,7%", [(15424, 15378)]),
    ("39/39 (đạt 100%) hồ sơ; 12/39 (đạt 30,77%)", [(39, 39), (12, 39)]),
    ("1.042/1.100 hồ sơ", [(1042, 1100)]),
    ("Quyết định số 1042/QĐ-UBND ngày 18/3/2024", []),
    ("Thông tư 54/2017/TT-BYT và 46/2018/TT-BYT", []),
    ("từ ngày 01/01/2024 đến ngày 05/11/2024", []),
    ("Nghị định 42/2022/NĐ- CP ngày 24/6/2022", []),
    ("từ tháng 9/2023", []),
    ("OD 969/0D-UBND ngay 13/3/2022", []),
    ("(b/c)", []),
])
def test_fractions(text, want):
    assert [(f.numerator, f.denominator) for f in find_fractions(text)] == want


@pytest.mark.parametrize("text,want", [
    ("= 99,7% (Vượt)", [99.7]), ("(30,77 %)", [30.77]), ("đạt 100%.", [100.0]), ("1.042/1.100", []),
])
def test_percents(text, want):
    assert [p.value for p in find_percents(text)] == want


def test_percent_split_by_ocr_only_when_loose():
    assert [p.value for p in find_percents("đạt 63, 1%", loose=True)] == [63.1]
    assert [p.value for p in find_percents("đạt 63, 1%")] == [1.0]


@pytest.mark.parametrize("raw,dec", [("99,7%", 1), ("92%", 0), ("30,77 %", 2)])
def test_decimals_of(raw, dec):
    assert decimals_of(raw) == dec


@pytest.mark.parametrize("text,want", [
    ("(Đạt)", "dat"), ("(Pat)", "dat"), ("(Dar)", "dat"), ("(Pay).", "dat"), ("( Dit)", "dat"), ("(DPat)", "dat"),
    ("(Chưa đạt)", "chua_dat"), ("(Chwa dat)", "chua_dat"), ("(Chua day).", "chua_dat"), ("(Không đạt)", "chua_dat"),
    ("(Vượt chỉ tiêu)", "vuot"), ("(Vwot chi tiéu)", "vuot"), ("(Vuwot chi tiéu)", "vuot"), ("(Vieot chi tiéu)", "vuot"),
    ("(Vueot chi tiéu)", "vuot"), ("( Vượt\nchỉ tiêu)", "vuot"), ("( Vwot chi 'tiéu)", "vuot"),
    ("(Chưa hoàn thành)", "chua_dat"), ("(Hoàn thành)", "dat"),
    # OCR lost the closing parenthesis
    ("đầy đủ thông tin theo quy định (Chưa đạt", "chua_dat"), ("43 hội nghị (Đạt - Hệ thống được kết nối", "dat"),
])
def test_parenthesized_verdicts(text, want):
    hits = find_verdicts(text)
    assert [h.verdict for h in hits] == [want]


@pytest.mark.parametrize("text", ["(đạt 100%)", "(dat 30,77%)", "gồm 05 tiêu chí", "(đạt 4/5)", "(đạt 4/5 tiêu chí",
                                  "(đạt trên 80% thuê bao"])
def test_not_verdicts(text):
    assert find_verdicts(text) == []


@pytest.mark.parametrize("cell,want", [
    ("Đạt", "dat"), ("Vượt chỉ\ntiêu", "vuot"), ("Chưa đạt", "chua_dat"), ("Không đạt", "chua_dat"),
    ("Hoàn thành", "dat"), ("Đã đạt", "dat"), ("Chưa hoàn thành", "chua_dat"), ("98%", None), ("", None),
])
def test_verdict_cells(cell, want):
    assert parse_verdict(cell) == want


def test_tallies():
    t = find_tallies("gồm 05 tiêu chí (đạt 4/5). 23 tiêu chí thành phần (dat 18/23); đã đạt 07/10; Vé s6 day 04/05")
    assert [(x.passed, x.total) for x in t] == [(4, 5), (18, 23), (7, 10), (4, 5)]


@pytest.mark.parametrize("text,op,value", [
    ("toàn trình (85%): 1/2", ">=", 85.0), ("(trên 80%)", ">", 80.0), ("(Tối thiểu 90%)", ">=", 90.0), ("(9,6%)", ">=", 9.6),
])
def test_targets(text, op, value):
    hit = find_target(text)
    assert hit is not None and (hit.target.op, hit.target.value) == (op, value)


def test_percent_in_title_is_not_a_target():
    assert find_target("kết nối thông suốt đến 100% cấp xã (khuyến khích đến cấp thôn)") is None


def test_measure_takes_the_last_fraction_and_its_percent():
    m = pick_measure("- 39/39 (đạt 100%) hồ sơ; - 12/39 (đạt 30,77%) hệ thống")
    assert (m.fraction.numerator, m.fraction.denominator, m.percent.value) == (12, 39, 30.77)


def test_parts():
    [p] = find_parts("là 277.441 văn bản (172.652 văn bản đến; 104.789 văn bản đi)")
    assert (p.whole, p.parts) == (277441, [172652, 104789])


def test_fold_chars_keeps_positions():
    s = "Tỷ lệ hồ sơ (Vượt chỉ tiêu) Đạt"
    assert len(fold_chars(s)) == len(s)
    assert fold_chars(s) == "ty le ho so (vuot chi tieu) dat"


@pytest.mark.parametrize("garbled,clean", [
    ("Ty 1€ ho so", "ty le ho so"), ("Ty I¢ van ban", "ty le van ban"), ("Ty 18 can bo", "ty le can bo"),
    ("chuyén d6i s6", "chuyen doi so"), ("Chwa dat", "chua dat"), ("(Vuwot chi tiéu)", "(vuot chi tieu)"),
])
def test_match_key_repairs(garbled, clean):
    assert match_key(garbled) == clean


def test_match_key_is_idempotent():
    for s in ["Ty 1€ ho so", "Tỷ lệ hồ sơ tiếp nhận", "s6 x4 (Pat)"]:
        assert match_key(match_key(s)) == match_key(s)
