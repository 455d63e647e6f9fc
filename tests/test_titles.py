"""Title wording in a table row's lines (legacy OCR text), aligned against the catalog's titles."""

import pytest

from extractors.catalog import load_catalog
from extractors.tables import _row_verdict
from extractors.titles import is_title, title_prefix

KH100 = load_catalog().get("thanhhoa-kh100-2023")


@pytest.mark.parametrize("code,line,title_part", [
    # garbled title words are aligned; a result after the title is not
    ("1", "dien thoai thông minh dat tren 80% thue bao (100%)", "dien thoai thông minh dat tren 80%"),
    ("2", "Ty 1é ho gia dinh có kêt nôi Internet bang Hoan", "Ty 1é ho gia dinh có kêt nôi Internet bang"),
    ("9", "phan tich, xu ly du lieu tong hop cap tinh, có Quy IV Hoan thanh Pay",
     "phan tich, xu ly du lieu tong hop cap tinh, có"),
    # the title's own percents stay title wording; a parenthesized one is the result
    ("16", "50% dich vu công truc tuyen toan trinh duoc (100%) thanh", "50% dich vu công truc tuyen toan trinh duoc"),
    # a number the title lacks ends the title, even when title words follow it
    ("30", "can dung thu các nên tang chuyen doi s0, 695/846 doanh Chua", "can dung thu các nên tang chuyen doi s0,"),
    ("13", "29/29 trang thong", ""),
    # "Quý IV" is the deadline column, not a garbled "quyết"
    ("19", "Quy IV hoan", ""),
])
def test_title_prefix(code, line, title_part):
    span = title_prefix(line, KH100.by_code[code].keys)
    assert line[:span.end] == title_part


def test_a_lone_common_word_is_not_title_wording():
    assert not is_title(title_prefix("thanh", KH100.by_code["19"].keys))
    assert is_title(title_prefix("tuyen tu xa", KH100.by_code["19"].keys))


def test_title_number_at_line_start_is_not_an_anchor():
    # "03 cấp từ cấp tỉnh …" wraps inside indicator 3's title; it is wording, not row 3's code
    span = title_prefix("03 câp tu cap tinh den câp xa va ket n6i vói", KH100.by_code["3"].keys, skip_first=False)
    assert span.words >= 3
    assert title_prefix("3 Quý IV Hoan thành Pat", KH100.by_code["3"].keys, skip_first=False).words == 0


@pytest.mark.parametrize("text,want", [
    ("Hoan Quy IV 33,3% thành", "dat"),  # "Hoàn / thành" wrapped around the code line
    ("Chua 13.686/17.977 ho so (76%) hoan thanh", "chua_dat"),
    ("Hoan Quy IV Da thuc hjen thành", "dat"),
    ("Uoc dat 82,8% Pat", "dat"),
    ("Quy IV 3/4 co so (75,0%) Chwa dat", "chua_dat"),
    ("Quy IV 1.546/2.483 giao Vugt dich chi tieu", "vuot"),
    ("Quy IV 12/40 phong", None),
])
def test_loose_row_verdict(text, want):
    assert _row_verdict(text)[0] == want


def test_a_verdict_before_the_titles_percent_is_the_result():
    # "Đạt 100% (21/21" is a result; "đạt 50% …" continuing a title that ends "đạt 50%" is title wording
    assert title_prefix("Dar 100% (21/21", KH100.by_code["14"].keys).end == 0
    line = "day 50% nghiêp (100%) thanh"
    assert line[:title_prefix(line, KH100.by_code["31"].keys).end] == "day 50%"


def test_a_title_ending_in_dat_leaves_the_verdict():
    # alias "… bán lẻ đạt": on the row's line, the trailing "dat" is the wrapped "Chưa / đạt"
    line = "ban le dat"
    assert line[:title_prefix(line, KH100.by_code["27"].keys).end] == "ban le"
