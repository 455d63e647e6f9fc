"""Group rows of an OCR'd table whose Roman number OCR misread ('II' → 'H', 'III' → 'IH'): the group's
title decides, as for criteria rows; a garbled number with no group title beside it is no group."""

import tempfile
from pathlib import Path

from extractors.catalog import load_catalog
from extractors.extract import extract
from ingest.models import Document, Line, Page
from samples.phrasing.gen import merged_catalog

HEADER = ["Số TT", "Tên tiêu chí", "Thời hạn", "Chỉ tiêu đến năm 2025", "Số liệu thực hiện", "Tự đánh giá"]


def _read(rows):
    catalog = load_catalog(merged_catalog(Path(tempfile.mkdtemp()) / "catalog.json"))
    lines = [Line(page=1, number=i, text=" | ".join(r), cells=list(r)) for i, r in enumerate(rows, 1)]
    doc = Document(path="t.scan.pdf", sha256="0" * 64, kind="pdf", pages=[Page(number=1, lines=lines)])
    return extract(doc, catalog, "bacninh-xa-2025")


def test_misread_roman_numbers_of_group_rows_are_read_by_the_groups_titles():
    rec = _read([
        HEADER,
        ["I", "Hạ tầng và nền tảng số", "", "", "", "Đạt 1/3"],
        ["1", "Tỷ lệ thôn, tổ dân phố có hạ tầng cáp quang đến hộ gia đình", "Năm 2024", "100 %",
         "tỷ lệ 100%; cụ thể: 9/9 thôn", "Đạt"],
        ["H", "CHÍNH QUYỀN SỐ", "", "", "", "Đạt 4/5"],
        ["4", "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến toàn trình", "Thường xuyên",
         "≥85 %", "5 040/5 400 hồ sơ, đạt tỷ lệ 93,3%", "Đạt"],
        ["IH", "XÃ HỘI SỐ VÀ KINH TẾ SỐ", "", "", "", "Đạt 2/4"],
        ["10", "Tỷ lệ người dân từ 15 tuổi trở lên có tài khoản thanh toán điện tử", "Quý IV", "Cao hơn 80%",
         "16 365/17 480 người, đạt tỷ lệ 93,62 %", "Đạt"],
    ])
    got = {g.code: (g.reported_passed, g.reported_total) for g in rec.groups}
    assert got == {"I": (1, 3), "II": (4, 5), "III": (2, 4)}
    assert {c.code for c in rec.criteria} == {"1", "4", "10"}


def test_a_garbled_number_beside_words_that_name_no_group_is_no_group_row():
    rec = _read([
        HEADER,
        ["I", "Hạ tầng và nền tảng số", "", "", "", "Đạt 1/3"],
        ["IH", "NHIỆM VỤ KHÁC", "", "", "", "Đạt 2/4"],
    ])
    assert [(g.code, g.reported_passed, g.reported_total) for g in rec.groups if g.reported_total] == [("I", 1, 3)]
