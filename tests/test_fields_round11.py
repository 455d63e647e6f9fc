"""Round 11 readers of a criterion block's fields on legacy OCR text (expected values read by hand
from each synthetic text, written the way the phrasing samples' legacy text garbles reports):

- 'xi', legacy OCR of 'xã', is the commune count's unit ('(chi tieu giao: 10 xi)');
- 'Kết quả đạt được:' wrapped after 'đạt' ('Ket qua dat' / 'duoc: day 100%') is a label, no verdict;
- 'đất đai' wrapped after 'đất' ('…, dat' / 'dai duoc trien khai') is no verdict; a capital 'Dai'
  starting the next sentence ('Đại diện …') does not hide the verdict before it;
- a worded fraction whose noun OCR read one letter longer on one side ('1 752 ngiroi/1 876 nguoi');
- a fraction followed by ' / ' and words ('20/20 / chỉ tiêu 18 xã') is a fraction; 'A trên B' is no date;
- the percent a fraction gives in brackets after a rate's words ('(tỉ lệ 97.52%)', '(ti le 97.52%)');
- 'Số tiêu chí đạt của nhóm: 3/6' is a count of criteria, not the measure;
- a bracket after the title that wrapped ('(it nhât' / '30%; 60%)') still belongs to the title;
- a slashed fraction inside a worded one ('hop tac x3/4.996') is the noun's OCR digit;
- a short result clause with one diacritic in a legacy block is legacy text ('Dã co 37.184 ltrgt.');
- a month/year look-alike followed by the percent it gives ('6/2026 (0,3%)') is a fraction;
- ', đạt tỷ lệ P%' after a fraction's noun clause is its stated percent;
- a legacy result cue as OCR writes it ('K€t qu3 dat duoc:') opens the result after a verdict stated first.
"""

from __future__ import annotations

import pytest

from extractors.extract import extract
from extractors.measure import find_targets, pick_measure
from extractors.numbers import find_fractions
from extractors.verdicts import find_verdicts
from ingest.models import Document, Line, Page


@pytest.fixture(scope="module")
def catalog(merged_catalog):
    return merged_catalog


def _read(catalog, framework: str, body: str):
    lines = [Line(page=1, number=i, text=t) for i, t in enumerate(body.splitlines(), 1) if t.strip()]
    doc = Document(path="r.txt", sha256="0" * 64, kind="txt", pages=[Page(number=1, lines=lines)])
    return {c.code: c for c in extract(doc, catalog, framework).criteria}


# --- 'xi' of 'xã' -------------------------------------------------------------------------------

@pytest.mark.parametrize("text,want", [
    ("(chi tieu giao: 10 xi): Vwot muc tieu.", [(10.0, "xã")]),
    ("(chi tieu: toi thieu 21 xi):", [(21.0, "xã")]),
    ("(phan dau day tu 06 xi tro len):", [(6.0, "xã")]),
    ("Ket qua dat duoc: 4/7 xi.", []),  # a result, no cue: no target
    ("UBND xi Yen Dung bao cao 6 xi", []),  # no cue, no op, no brackets
    ("(chi tieu giao: 10 xid)", []),  # another word
])
def test_xi_is_xa_on_legacy_text(text, want):
    assert [(h.target.value, h.target.unit) for h in find_targets(text, ("%", "xã"))] == want


def test_xi_target_read_in_a_block(catalog):
    cs = _read(catalog, "thanhhoa-qd176-2022",
               "III. VE XA HOI SO\n"
               "Tieu chí s6 3.1. So luong xi, phuong, thi tran tro Ien hoan thanh chuyen\n"
               "dôi s6 theo Bô tjeu chi danh gia chuyen dôi sb tinh Thanh Hóa (chi tieu giao:\n"
               "10 xi): Vwot muc tieu.\n"
               "Den nay, x3: 11/12.\n")
    c = cs["3.1"]
    assert c.target is not None and (c.target.value, c.target.unit) == (10.0, "xã")
    assert (c.numerator, c.denominator, c.reported_verdict) == (11, 12, "vuot")


# --- 'Kết quả đạt được:' ----------------------------------------------------------------------------

@pytest.mark.parametrize("text,exact,want", [
    ("Ket qua dat\nduoc: day 100%, tuong ung 15/15 thon (KH giao 100%) ( Hoan thanh)", False, ["dat"]),
    ("Ket qua dat\ndtroc: 90% (Chwa dat)", False, ["chua_dat"]),  # 'được' as OCR writes it
    ("Kết quả đạt\nđược: 100%. Tự đánh giá: Đạt", True, ["dat"]),
    ("Ket qua dat\nduoc: 90%", False, []),  # the label only: no verdict
    ("Tu danh gia: Dat\nDuoc su quan tam cua UBND", False, ["dat"]),  # 'Được …' starts a sentence, no colon
    ("Tự đánh giá: Đạt\nĐược triển khai đồng bộ", True, ["dat"]),
])
def test_dat_duoc_label_is_no_verdict(text, exact, want):
    assert [v.verdict for v in find_verdicts(text, exact=exact)] == want


def test_dat_duoc_label_wrapped_in_a_block(catalog):
    cs = _read(catalog, "hungyen-xa-2024",
               "1.6/ Ty lé thon, to dan pho duoc phu song di dong 4G/5G: Ket qua dat\n"
               "duoc: day 100%, tuong ung 15/15 thon (KH giao 100%) ( Hoan thanh)\n"
               "Nhom nay day 4 tren 6 tieu chi.\n")
    c = cs["1.6"]
    assert (c.numerator, c.denominator, c.reported_percent, c.reported_verdict) == (15, 15, 100.0, "dat")


# --- 'đất đai' ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,want", [
    ("=> Vuot kê hoach. Công tac s6 hóa ho so dia chinh, dat\ndai dugc triên khai d6ng bo.", ["vuot"]),
    ("=> Chua dat yeu cAu. Cong tac s0 hoa hô so dja chinh, dat\ndai duoc triên khai dong bo.", ["chua_dat"]),
    ("Ket qua: 5/5 - Dat\nDai dien UBND xa", ["dat"]),  # a capital 'Dai' starts the next sentence
    ("Tu danh gia: Dat.\nDai dien", ["dat"]),
])
def test_dat_dai_is_no_verdict(text, want):
    assert [v.verdict for v in find_verdicts(text, exact=False)] == want


def test_dat_dai_after_the_verdict_in_a_block(catalog):
    cs = _read(catalog, "bacninh-xa-2025",
               "Chi tieu 11: Sb giò boi duong ky nang so bình quan cua can bo, cong\n"
               "chúc xi trong nam (muc tieu 16 gio/nguoi): Ket qua thuc hien: trung binh\n"
               "dat 23,9 gio/nguòi => Vuot kê hoach. Công tac s6 hóa ho so dia chinh, dat\n"
               "dai dugc triên khai d6ng bo.\n"
               "12. Thanh lâp va duy tri hoat dong To cong nghê s6 c0ng dông tai cac\n")
    c = cs["11"]
    assert (c.value, c.reported_verdict) == (23.9, "vuot")


# --- fractions and percents of narrative blocks ------------------------------------------------------

@pytest.mark.parametrize("text,want", [
    ("1 752 ngiroi/1 876 nguoi, dat 93.39%", [(1752, 1876)]),  # 'ư' read as 'ir': one letter longer
    ("77931 nguoi/100348 ngiroi, day 77,66 %", [(77931, 100348)]),
    ("6 nguoi/6 nhom", []),  # another noun of about that length
    ("6 co so/6 ca nhan", []),
    ("có 6 người/6 ngiroi", []),  # text with its diacritics: only the same word
    # a legacy table row: the count, the verdict and the period 'Quý III/2024' run together; the noun
    # before the slash ends in the quarter, so this is no 35 849/2024
    ("9 35.849 luot Dar tin dien tu cua xd trong nam III/2024 ltrot", []),
    ("35.849 luot Dar III/2024 ltrot", []),
    ("12 xa IV/2024 xa", []),
])
def test_worded_fraction_noun_one_letter_longer(text, want):
    assert [(f.numerator, f.denominator) for f in find_fractions(text)] == want


@pytest.mark.parametrize("text,want", [
    ("X4: 20/20 / chi tieu 18 xd.", [(20, 20)]),  # the result, then ' / ' and the target
    ("20/20 / chỉ tiêu 18 xã", [(20, 20)]),
    ("theo Thông tư 54/2017/TT-BYT", []),
    ("ngày 18/3/2024", []),
    ("số 12/2024 / 2025", []),  # a third part after a spaced slash: no fraction
])
def test_fraction_then_spaced_slash_and_words(text, want):
    assert [(f.numerator, f.denominator) for f in find_fractions(text)] == want


@pytest.mark.parametrize("text,want", [
    ("0.36% (7 tren 1 941 ho so qua han).", [(7, 1941)]),  # 'A trên B' is never 'tháng 7/1941'
    ("0,36% (7 trên 1 941 hồ sơ quá hạn)", [(7, 1941)]),
    ("ngày 7/1941", []),  # a slashed month/year stays a date
])
def test_worded_fraction_is_no_date(text, want):
    assert [(f.numerator, f.denominator) for f in find_fractions(text)] == want


@pytest.mark.parametrize("text,want", [
    ("16511/16436 ho so thii tuc hanh chinh duoc tiep nhan, gi3i quyet truc tuyen (ti le 97.52%) so voi chi tiêu 90%.",
     ((16511, 16436), 97.52)),
    ("16511/16436 hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến (tỉ lệ 97.52%) so với",
     ((16511, 16436), 97.52)),
    ("20068/22721 hô so dwoc tiêp nhan, gi3i quyêt truc tuyen toàn trinh (ti lê 83 %) so voi", ((20068, 22721), 83.0)),
    # a target in brackets further on is not the fraction's percent
    ("12/20 hồ sơ đã được giải quyết trong thời hạn quy định của pháp luật (KH giao 90%)", ((12, 20), None)),
])
def test_rate_in_brackets_after_the_fraction(text, want):
    m = pick_measure(text)
    assert ((m.fraction.numerator, m.fraction.denominator) if m.fraction else None,
            m.percent.value if m.percent else None) == want


@pytest.mark.parametrize("text,want", [
    ("co 9/9 (100 %) thôn. Sb tieu chi dat cua nhom: 3/6.", (9, 9)),
    ("Kết quả: 9/9 (100 %) thôn. Số tiêu chí đạt của nhóm: 3/6.", (9, 9)),
    ("Ket qua dat 3/6 xa (50%)", (3, 6)),  # a result, no count of criteria
])
def test_group_tally_label_is_no_measure(text, want):
    m = pick_measure(text)
    assert (m.fraction.numerator, m.fraction.denominator) == want


def test_target_list_in_a_wrapped_bracket(catalog):
    """'(it nhât' / '30%; 60%): Dat yeu cau.' — the bracket after the title wrapped; the verdict comes
    first and the measure after it, the second target is no result."""
    cs = _read(catalog, "thanhhoa-kh100-2023",
               "17/ 30% thanh toán truc tuyen trên cong dich vu cong tren tong sb giao\n"
               "dich thanh toan cua d1ch vu cong; 60% thu tuc hanh chính co yeu câu nghia\n"
               "vu tai chinh duoc thanh toán truc tuyen tren Công dich vu cong (it nhât\n"
               "30%; 60%): Dat yeu cau.\n"
               "Ket qua dat dwoc: 3.082 tren tong s0 5.319 giao dich (57,9%);\n"
               "1.571/2.121 = 74%.\n")
    c = cs["17"]
    assert (c.numerator, c.denominator, c.reported_percent, c.reported_verdict) == (3082, 5319, 57.9, "dat")
    assert c.target is not None and c.target.value == 30.0


@pytest.mark.parametrize("text,want", [
    ("3.489 hop tac x3/4.996 hop tac xa, dat 69,84 %", [(3489, 4996)]),  # not the 'x3''s '3/4.996'
    ("12 x4/15 xa", [(12, 15)]),
    ("21/21 x4", [(21, 21)]),  # a slashed fraction and its unit: as it was
    ("5 tren 7 xa 3/4", [(5, 7), (3, 4)]),  # a worded one beside a slashed one: both
])
def test_noun_glued_to_the_slash(text, want):
    assert [(f.numerator, f.denominator) for f in find_fractions(text)] == want


def test_short_result_with_one_diacritic_is_still_legacy(catalog):
    """'Dã co 37.184 ltrgt.': the result clause has one diacritic, the block none to speak of; its
    unit is read as legacy OCR writes it."""
    cs = _read(catalog, "bacninh-xa-2025",
               "9. Sb luot truy cap Trang thong tin dien tu cua xa trong nam (chi tieu:\n"
               "tôi thieu 20.000 luot): Dã co 37.184 ltrgt. Danh gia: Vuot ke hoach. Cac don vi\n"
               "tiêp tuc ra soát, bo sung du lieu vào he thong.\n")
    c = cs["9"]
    assert (c.value, c.value_unit, c.reported_verdict) == (37184.0, "lượt", "vuot")


def test_text_with_its_diacritics_reads_no_garbled_unit(catalog):
    cs = _read(catalog, "bacninh-xa-2025",
               "9. Số lượt truy cập Trang thông tin điện tử của xã trong năm (chỉ tiêu: tối thiểu 20.000 lượt): "
               "Đã có 37.184 ltrgt. Đánh giá: Vượt kế hoạch.\n")
    assert cs["9"].value is None


# --- scratch seeds 7510-7512 ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,want", [
    ("Ket qua: 6/2026 (0,3%) (Da dat)", [(6, 2026)]),  # the percent it gives: a fraction, no month/year
    ("ngay 6/2026 (30%)", []),  # a percent it does not give: the date stays a date
    ("thang 6/2024", []),
    ("Quý III/2024 (100%)", []),
])
def test_month_year_look_alike_that_gives_its_percent(text, want):
    assert [(f.numerator, f.denominator) for f in find_fractions(text)] == want


@pytest.mark.parametrize("text,want", [
    ("Den nay, 6.082/6.032 ho so duoc tiêp nhân, giai quyêt truc tuyên toan trinh, dat ty 1€ 92.9% (tu danh gia: Vwot)",
     92.9),
    ("Đến nay, 6.082/6.032 hồ sơ được tiếp nhận, giải quyết trực tuyến toàn trình, đạt tỷ lệ 92.9%", 92.9),
    # a number or a sentence end between them: the rate may be another's
    ("3/5 xã hoàn thành trong năm 2024 theo kế hoạch của huyện, đạt tỷ lệ 70%", None),
    ("6.082/6.032 hồ sơ được tiếp nhận trực tuyến toàn trình trên cổng dịch vụ công. Toàn tỉnh đạt tỷ lệ 92.9%", None),
])
def test_rate_clause_after_the_fraction(text, want):
    m = pick_measure(text)
    assert (m.percent.value if m.percent else None) == want


def test_legacy_result_cue_after_a_verdict_stated_first(catalog):
    """'- Tu dánh giá: Dat. K€t qu3 dat duoc: binh quan 2,34 tai khoan/ngwoi.': the verdict before the
    result, whose cue OCR garbled ('K€t qu3'); the value after it is the result."""
    from extractors.criteria import opens_with_result
    assert opens_with_result(". K€t qu3 dat duoc: binh quan 2,34")
    assert not opens_with_result(". Trong nam co 13 don vi")
    assert not opens_with_result(". Kết qu3: 5")  # text with its diacritics: only the real words
    cs = _read(catalog, "hungyen-xa-2024",
               "3.1/ Sb tai khoan thanh toan diên tu binh quan cua nguoi dan tu 15 tuoi tro len - chi tiêu ke\n"
               "hoach: tw 1 tai khoan/nguoi tro len - Tu dánh giá: Dat. K€t qu3 dat duoc: binh quan 2,34 tai\n"
               "khoan/ngwoi.\n")
    c = cs["3.1"]
    assert (c.value, c.value_unit, c.reported_verdict) == (2.34, "tài khoản/người", "dat")


@pytest.mark.parametrize("text,want", [
    ("Tinh den thoi diem bao cao, dat 68%, tirong ung 44.605/60.702 ho gia dình duoc phu cáp quang; ", 68.0),
    ("đạt 68%, tương ứng với 44.605/60.702 hộ gia đình", 68.0),
    # other words between the percent and the fraction: not its percent
    ("đạt 68% kế hoạch năm trước; năm nay 44.605/60.702 hộ gia đình", None),
])
def test_percent_leads_into_the_fraction_through_tuong_ung(text, want):
    m = pick_measure(text)
    assert m.fraction is not None and (m.percent.value if m.percent else None) == want
