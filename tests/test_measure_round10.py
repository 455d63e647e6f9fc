"""Round 10 readers of narrative blocks (expected values read by hand from each synthetic text):

- a verdict's tail as legacy OCR writes it ('Vuot ke ho4ch', 'Vugt myc tieu') still ends the verdict's clause;
- a fraction 'A noun/B noun' on legacy text whose noun OCR garbled on one side ('ngu&i' / 'nguoi');
- a target list for a criterion of several measures ('chỉ tiêu ≥ 30%; 60%'): the second value is a target;
- a cue word that a number counts ('3 trên tổng số 3 kế hoạch (100 %)') is a noun, no target cue;
- a verdict stated first, then its tail, a time ('Đến nay, …') or a measured value in the criterion's unit.
"""

from __future__ import annotations

import pytest

from extractors.criteria import opens_with_result
from extractors.extract import extract
from extractors.measure import find_targets
from extractors.numbers import find_fractions
from extractors.verdicts import find_verdicts, tail_end
from ingest.models import Document, Line, Page


@pytest.mark.parametrize("text,want", [
    ("Danh gia: Vuot ke ho4ch.", ["vuot"]),
    ("= 96,38% => Vugt k€ ho4ch.", ["vuot"]),
    ("=> Tu danh gia: Vuot myc tieu", ["vuot"]),
    ("Danh gia: Dat yeu cau.", ["dat"]),
    ("vuot ke hoach 5 xa", []),  # 'vượt kế hoạch 5 xã': words run on, no clause of its own
    ("Dat k€ ho4ch nam 2024", []),
])
def test_legacy_verdict_tails(text, want):
    assert [v.verdict for v in find_verdicts(text, exact=False)] == want


def test_tail_end_skips_the_tail():
    t = "Tự đánh giá: Đạt yêu cầu. Kết quả"
    v = find_verdicts(t)[0]
    assert t[tail_end(t, v.end, True):].startswith(". Kết quả")
    t2 = "Danh gia: Vuot ke ho4ch. Ket qua"
    v2 = find_verdicts(t2, exact=False)[0]
    assert t2[tail_end(t2, v2.end, False):].startswith(". Ket qua")
    assert tail_end("Đạt. Kết quả", 3, True) == 3


@pytest.mark.parametrize("text,want", [
    ("Luy ke den ngay 25/3/2024, 24 579 ngu&i/188 260 nguoi, dat 13,06 %", [(24579, 188260)]),
    ("Ket qua thuc hien: 1 cu6c kiem tra/22 cuoc kiem tra, dat 5%", [(1, 22)]),
    ("33 he thong/33 h8 thong, dat 100%", [(33, 33)]),
    ("6 co so/6 xa", []),  # other nouns: no fraction
    ("6 co so/6 ca nhan", []),  # as long, another first letter
    ("có 6 cơ sở/6 cơ quan", [(6, 6)]),
    ("có 6 người/6 ngxoi", []),  # text with its diacritics: only the same word counts
])
def test_worded_fraction_garbled_noun(text, want):
    assert [(f.numerator, f.denominator) for f in find_fractions(text)] == want


@pytest.mark.parametrize("text,want", [
    ("(chỉ tiêu ≥ 30%; 60%): Chưa đạt.", [30.0, 60.0]),
    ("- KH giao 30%; 60% - Tự đánh giá: Hoàn thành.", [30.0, 60.0]),
    ("trên 30%; 60% thủ tục hành chính có yêu cầu", [30.0]),  # a title's next clause
    ("chỉ tiêu 80%; đạt 85%", [80.0]),  # 'đạt 85%' is a result
    ("(≥ 85%): 90%; 95%", [85.0]),  # after the colon: results
])
def test_target_list(text, want):
    assert [h.target.value for h in find_targets(text)] == want


def test_counted_cue_word_is_no_cue():
    hits = find_targets("Kết quả thực hiện: 3 trên tổng số 3 kế hoạch (100 %) (tự đánh giá: Đạt)")
    assert [(h.target.value, h.how) for h in hits] == [(100.0, "paren")]
    assert [(h.target.value, h.how) for h in find_targets("Kế hoạch (100%)")] == [(100.0, "cue")]
    assert find_targets("Tính đến thời điểm báo cáo, 3/3 kế hoạch = 100% ( Đã đạt)") == []


@pytest.mark.parametrize("text,want", [
    (". Đến nay, 98%.", True),
    (" Lũy kế đến ngày 28/11/2024, 1953/5123 = 38,1%", True),
    (" Luy ke den ngay 5/10/2024, 77 544", True),
    (". Năm 2023 có 13 đơn vị", False),
    (" Trong kỳ, huyện đã tổ chức 48 lớp", False),
])
def test_time_opens_a_result(text, want):
    assert opens_with_result(text) is want


@pytest.fixture(scope="module")
def catalog(merged_catalog):
    return merged_catalog


def _nb(catalog, body: str):
    """A Ninh Bình district plan's narrative block, read with its framework."""
    lines = [Line(page=1, number=i, text=t) for i, t in enumerate(body.splitlines(), 1) if t.strip()]
    doc = Document(path="r.txt", sha256="0" * 64, kind="txt", pages=[Page(number=1, lines=lines)])
    return {c.code: c for c in extract(doc, catalog, "ninhbinh-huyen-2024").criteria}


def test_verdict_first_then_tail_then_result(catalog):
    cs = _nb(catalog, "2. Tỷ lệ hồ sơ thủ tục hành chính được số hóa ngay khi tiếp nhận [≥ 90 %] - Tự đánh giá: Đạt yêu cầu.\n"
                       "Kết quả thực hiện: đạt 95,55 %, tương ứng 14.544/15.222 hồ sơ.\n")
    c = cs["2"]
    assert (c.numerator, c.denominator, c.reported_percent, c.reported_verdict) == (14544, 15222, 95.55, "dat")


def test_verdict_first_then_a_count(catalog):
    cs = _nb(catalog, "5) Số cơ sở dữ liệu chuyên ngành của huyện được xây dựng, đưa vào khai thác - chỉ tiêu kế hoạch: "
                       "từ 03 cơ sở dữ liệu trở lên - Tự đánh giá: Đã đạt.\nKết quả thực hiện: đạt 06 cơ sở dữ liệu.\n")
    c = cs["5"]
    assert (c.value, c.reported_verdict) == (6.0, "dat")
    assert c.target is not None and c.target.value == 3.0


def test_verdict_first_then_commentary_count_is_no_value(catalog):
    cs = _nb(catalog, "5) Số cơ sở dữ liệu chuyên ngành của huyện được xây dựng, đưa vào khai thác - chỉ tiêu kế hoạch: "
                       "từ 03 cơ sở dữ liệu trở lên - Tự đánh giá: Đã đạt.\nTrong năm, huyện đã rà soát 06 cơ sở dữ liệu.\n")
    c = cs["5"]
    assert c.value is None and c.reported_verdict == "dat"


@pytest.mark.parametrize("text,units,want", [
    ("hien co 2 diem; chi tieu dê ra Ia 03 diem.", ("%", "điểm"), [(3.0, "điểm")]),
    ("(ti le 80,8%); chi tieu cle ra la 85% (tu danh gia:", ("%",), [(85.0, "%")]),
    ("731/1 242 doanh\nnghiep; chj tieu de ra là 50%. Tu", ("%",), [(50.0, "%")]),
    ("(phan dau day tu\n600 diem tro len):", ("%", "điểm"), [(600.0, "điểm")]),
    ("hien co 2 diem, dat ty le 72,6%", ("%", "điểm"), []),  # results, no cue
])
def test_legacy_target_cues_after_the_result(text, units, want):
    assert [(h.target.value, h.target.unit) for h in find_targets(text, units)] == want
