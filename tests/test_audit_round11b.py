"""Round 11b: verdict_missing on a legacy table read without a catalog, on positive evidence (audit/checks.py
``verdict_accounted``, audit/__init__.py).

Every row of a legacy text table cut without a catalog's titles is low-confidence: its boundaries are unsure, and a
verdict not found in it may be one the cut lost to a neighbour. The rows below are as the tool read them from a
generated legacy text report (wide split, p080_71 duy-xuyen.txt: rows 2, 3, 4; the evidence is the row's text as
read). Row 3 states no verdict (its 'dat 70,99' is the result's word). Where both rows around it hold exactly their
own one verdict cell, the report states none for row 3: verdict_missing. Where anything could be row 3's lost
verdict (a second verdict fragment beside a neighbour's own, a page break, the end of the table, a verdict word of
its own), a ``not_read`` note. Positive and negative cases.
"""

from __future__ import annotations

from audit import run_checks
from audit.checks import verdict_accounted
from extractors.catalog import load_catalog
from extractors.record import ReportRecord

NOTE = ["row of a legacy text table read without a catalog: its boundaries are unsure"]

ROW2 = {"code": "2", "title": "hanh chính duoc tra ban dien", "target": {"op": ">=", "value": 100.0, "unit": "%"},
        "target_raw": "100%", "target_source": "report", "numerator": 21404, "denominator": 28760,
        "reported_percent": 74.42, "percent_raw": "74.42%", "fraction_raw": "21 404/28 760",
        "reported_verdict": "vuot", "verdict_raw": "Vugt", "page": 1, "line": 29,
        "evidence": "2 hanh chính duoc tra ban dien 21 404 28 760 74.42% Ty le ket qua giai quyet thu tyc Tu 100% "
                    "Vugt muc tro lên tieu",
        "measures": [{"numerator": 21404, "denominator": 28760, "raw": "21 404/28 760"},
                     {"percent": 74.42, "raw": "74.42%"}], "low_confidence": True, "notes": NOTE}
ROW3 = {"code": "3", "title": "Toc do truy cap Internet bang trung binh rông di dông t4i trung tam huyen Mb/s",
        "target": {"op": ">=", "value": 40.0, "unit": "Mb/s"}, "target_raw": " 40 Mb/s dat 70,99",
        "target_source": "report", "value": 70.99, "value_unit": "Mb/s", "value_raw": "70,99", "page": 1, "line": 34,
        "evidence": "3 rông di dông t4i trung tam 40 Mb/s dat 70,99 tu Toc do truy cap Internet bang trung binh "
                    "huyen Mb/s", "low_confidence": True, "notes": NOTE}
ROW4 = {"code": "4", "title": "Ty I¢ van ban dien tu bi tra lai do sai sot",
        "target": {"op": "<", "value": 3.0, "unit": "%"}, "target_raw": "3%", "target_source": "report",
        "numerator": 879, "denominator": 9549, "reported_percent": 9.21, "percent_raw": "9,21%",
        "fraction_raw": "879/9 549", "reported_verdict": "chua_dat", "verdict_raw": "Chua dat", "page": 1, "line": 37,
        "evidence": "4 879 9 549 9,21% Chua dat Ty I¢ van ban dien tu bi tra lai Thap hon do sai sot 3%",
        "measures": [{"numerator": 879, "denominator": 9549, "raw": "879/9 549"}, {"percent": 9.21, "raw": "9,21%"},
                     {"percent": 3.0, "raw": "3%"}], "low_confidence": True, "notes": NOTE}


def _record(*rows: dict) -> ReportRecord:
    return ReportRecord.model_validate({"source": "duy-xuyen.txt", "sha256": "0" * 64, "provisional": True,
                                        "layout": "table", "pages": 2, "page_sources": ["text", "text"],
                                        "criteria": list(rows)})


def _row3_checks(rec: ReportRecord) -> list[str]:
    return [f.check for f in run_checks(rec, load_catalog()) if f.code == "3"]


def test_row_without_verdict_between_rows_holding_their_own_one_verdict_is_verdict_missing():
    rec = _record(ROW2, ROW3, ROW4)
    assert verdict_accounted(rec, rec.criteria[1])
    assert _row3_checks(rec) == ["verdict_missing"]
    f = next(f for f in rec.findings if f.code == "3")
    assert f.severity == "warning"


def test_second_verdict_fragment_in_the_neighbours_block_may_be_the_rows_lost_verdict():
    # a 'Dat' cell wrapped over row 3's code line into row 2's block beside row 2's own 'Vugt'
    row2 = dict(ROW2, evidence=ROW2["evidence"] + " Dat")
    rec = _record(row2, ROW3, ROW4)
    assert not verdict_accounted(rec, rec.criteria[1])
    assert _row3_checks(rec) == ["not_read"]


def test_neighbour_whose_verdict_was_pieced_from_words_apart_is_no_evidence():
    row4 = dict(ROW4, verdict_raw="Chua … dat")
    rec = _record(ROW2, ROW3, row4)
    assert _row3_checks(rec) == ["not_read"]


def test_last_row_of_the_table_is_a_note():
    # past the last row read the verdict may stand anywhere (a wrapped cell, the page's end)
    rec = _record(ROW2, ROW3)
    assert _row3_checks(rec) == ["not_read"]


def test_row_at_a_page_break_is_a_note():
    rec = _record(ROW2, ROW3, dict(ROW4, page=2, line=3))
    assert _row3_checks(rec) == ["not_read"]


def test_row_with_a_verdict_word_of_its_own_is_a_note():
    # a lower-case 'dat' standing apart (a wrapped 'Chưa' / 'đạt' cell's half), not a result's before its number
    row3 = dict(ROW3, evidence=ROW3["evidence"] + " dat")
    rec = _record(ROW2, row3, ROW4)
    assert not verdict_accounted(rec, rec.criteria[1])
    assert _row3_checks(rec) == ["not_read"]


def test_row_with_a_capitalised_verdict_fragment_is_a_note():
    row3 = dict(ROW3, evidence=ROW3["evidence"].replace(" tu ", " Hoan "))
    rec = _record(ROW2, row3, ROW4)
    assert _row3_checks(rec) == ["not_read"]


def test_text_with_diacritics_is_not_this_class():
    # the rule is for legacy text whose table cells ran together; a text layer with diacritics is read as written
    row3 = dict(ROW3, evidence="3 Tốc độ truy cập Internet băng rộng di động tại trung tâm huyện 40 Mb/s đạt 70,99 Mb/s")
    rec = _record(ROW2, row3, ROW4)
    assert not verdict_accounted(rec, rec.criteria[1])


def test_row_with_a_wrapped_lower_case_verdict_among_other_cells_is_a_note():
    # fourth p151_30 duy-son.txt 3.3: 'Da hoan' / 'thanh' of a wrapped 'Đã hoàn thành' cell, no capital fragment
    row3 = dict(ROW3, evidence="3 % > 85 461/491, ty 1¢ uoc phieu: Sb lieu long voi viec giai quyet Da hoan thu tuc "
                               "hanh chinh cua thanh 93,9 % tinh")
    rec = _record(ROW2, row3, ROW4)
    assert not verdict_accounted(rec, rec.criteria[1])
    assert _row3_checks(rec) == ["not_read"]


# --- a heading taken as an absent criterion's that is a read criterion's labelled heading ---------------------
# fifth p182_02 ha-trung (thanhhoa-kh100-2023): criterion 1 'Tỷ lệ thuê bao điện thoại di động sử dụng điện thoại
# thông minh' is absent; its title resembles the heading of criterion 41, read, which opens with its own code.

ROW41 = {"code": "41", "title": "Tỷ lệ thuê bao điện thoại di động thông minh có sử dụng phần mềm an toàn thông tin "
                                "mạng cơ bản trên 50%", "page": 7, "line": 10,
         "evidence": "Chỉ tiêu 41: Tỷ lệ thuê bao điện thoại di động thông minh có sử dụng phần mềm an toàn thông tin "
                     "mạng cơ bản trên 50% (> 50 %): Vượt mục tiêu. Toàn huyện Hà Trung có thuê bao: 108 083/132 667, "
                     "tỷ lệ 81"}
ROW41_LEGACY = dict(ROW41, evidence="Chi tieu 41: Ty 1¢ thuê bao di8n thoai di dong thong minh co su dung phan mem an "
                                    "toàn thông tin mang co ban tren 50% (> 50 %): Vwot muc tieu.")


def _fw():
    return load_catalog().get("thanhhoa-kh100-2023")


def _kh100(*rows: dict) -> ReportRecord:
    return ReportRecord.model_validate({"source": "ha-trung.pdf", "sha256": "0" * 64,
                                        "framework": "thanhhoa-kh100-2023", "criteria": list(rows),
                                        "unread_codes": ["1"]})


def test_a_read_criterions_labelled_heading_is_no_sign_of_the_absent_ones():
    from audit.checks import others_heading
    assert others_heading(_kh100(ROW41), _fw()) == {"1"}
    assert others_heading(_kh100(ROW41_LEGACY), _fw()) == {"1"}


def test_a_heading_without_the_read_criterions_own_code_may_be_the_absent_ones():
    # the block opens with the title alone: which criterion's heading it is, nothing says
    from audit.checks import others_heading
    row = dict(ROW41, evidence=ROW41["evidence"].replace("Chỉ tiêu 41: ", ""))
    assert others_heading(_kh100(row), _fw()) == set()


def test_a_block_labelled_with_another_code_is_not_its_own_heading():
    # 'Chỉ tiêu 1: …' opening the block read as 41: the label names the absent criterion, whose heading it may be
    from audit.checks import others_heading
    row = dict(ROW41, evidence=ROW41["evidence"].replace("Chỉ tiêu 41: ", "Chỉ tiêu 1: "))
    assert others_heading(_kh100(row), _fw()) == set()


def test_a_labelled_heading_whose_title_is_unlike_the_absent_ones_explains_nothing():
    from audit.checks import others_heading
    row = {"code": "2", "title": "Tỷ lệ hộ gia đình có kết nối Internet băng rộng", "page": 1, "line": 22,
           "evidence": "Chỉ tiêu 2: Tỷ lệ hộ gia đình có kết nối Internet băng rộng: Lũy kế đến ngày 1/7/2024, đạt tỷ "
                       "lệ 52,7 %. - Kết quả tự đánh giá: Hoàn thành"}
    assert others_heading(_kh100(row), _fw()) == set()
