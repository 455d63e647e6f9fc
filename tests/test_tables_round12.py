"""Round 12 table-row cases, labelled by hand: a target column of bare numbers ('Chỉ tiêu đến năm 2025 | 70')."""

from extractors.catalog_models import Target
from extractors.table_cells import _bare_number_target
from tests.test_tables import _cell_table

HEADER = ["TT", "Nội dung tiêu chí", "Chỉ tiêu đến năm 2025", "Số lượng thực hiện", "Mẫu số", "Kết quả đạt được",
          "Đạt/Chưa đạt"]
ROW_23 = ["2.3", "Hộ gia đình được phủ mạng Internet băng rộng cáp quang"]
ROW_34 = ["3.4", "Tỷ lệ hồ sơ tiếp nhận, giải quyết trực tuyến toàn trình"]


def test_a_bare_number_in_a_column_the_header_names_the_target_is_the_rows_target():
    # a Thanh Hóa district table: 'Chỉ tiêu đến năm 2025' holds '70', '85' with no unit or op; the criterion's
    # own op and unit complete them (both are '≥ … %' criteria); a decimal comma is kept
    got = _cell_table([
        HEADER,
        ROW_23 + ["70", "65133", "89529", "72,75%", "Hoàn thành"],
        ROW_34 + ["85", "10006", "14399", "69,49 %", "Không hoàn thành"],
    ], "thanhhoa-huyen-2024")
    assert got["2.3"].target == Target(op=">=", value=70.0, unit="%")
    assert got["3.4"].target == Target(op=">=", value=85.0, unit="%")
    for header in ("Mục tiêu", "Chỉ tiêu"):
        got = _cell_table([
            ["STT", "Tiêu chí", header, "Số đạt", "Tổng số phải thực hiện", "Kết quả", "Kết quả tự chấm"],
            ROW_23 + ["70", "72 745", "81 960", "88,76 %", "Vượt mục tiêu"],
        ], "thanhhoa-huyen-2024")
        assert got["2.3"].target == Target(op=">=", value=70.0, unit="%"), header


def test_a_bare_number_that_no_target_header_names_or_no_percent_can_be_is_no_target():
    # negative: the column between title and result has no header word (placed only by order), a percent
    # criterion's cell '150' or a year '2025', a thousands group '1.343': none is read as the target
    got = _cell_table([
        ["TT", "Nội dung tiêu chí", "", "Kết quả đạt được", "Đạt/Chưa đạt"],
        ROW_23 + ["70", "72,75%", "Hoàn thành"],
    ], "thanhhoa-huyen-2024")
    assert got["2.3"].target is None
    got = _cell_table([
        HEADER,
        ROW_23 + ["150", "65133", "89529", "72,75%", "Hoàn thành"],
        ROW_34 + ["2025", "10006", "14399", "69,49 %", "Không hoàn thành"],
    ], "thanhhoa-huyen-2024")
    assert got["2.3"].target is None and got["3.4"].target is None
    pct = Target(op=">=", value=80.0, unit="%")
    assert _bare_number_target("1.343", pct) is None
    assert _bare_number_target("Có", pct) is None
    assert _bare_number_target(" 9,5 ", pct) == Target(op=">=", value=9.5, unit="%")
    assert _bare_number_target("2", Target(op="<=", value=1.0, unit="%")) == Target(op="<=", value=2.0, unit="%")


LEGACY_HEADER = """Ket qua thuc
So Don Chi tieu Pay/Chwa Ghi
Ten chi tieu hien den chu/Nguon
TT vi nam 2025 dat
30/11/2024 so lieu"""

LEGACY_ROWS = """BAO CAO
Ket qua cu the theo bieu duoi day:
""" + LEGACY_HEADER + """
1 Ha tâng s0
Theo so
liêu cua
Toc do truy cap Internet Khong
trung binh dat doanh
1.1 bang rong di dong trung Mb/s thâp hon Chua dat
18,86 Mb/s nghiep
binh trên dia ban xa 36 Mb/s
viên
thong
Toc do truy câp Internet Không
trung binh dat Pat yeu
1.2 bang rong cô dinh trung Mb/s thap hon
140 Mb/s cau
binh tai tru so UBND xa 100 Mb/s
""" + LEGACY_HEADER + """
Ty 1€ h9 gia dinh co ket noi Không ho gia dinh: 4
1.4 Internet bang rông cap % thap hon 317/5 282, ty le Chwa dat
quang 85 % 81,73 %"""


def _legacy_lines(text: str):
    from ingest.models import Line
    return [Line(page=1, number=i, text=t) for i, t in enumerate(text.splitlines(), 1)]


def test_a_repeated_legacy_header_labelled_with_slashes_is_header_not_the_row_above():
    # a Hưng Yên commune table in legacy OCR text: the header repeated at a page break, its labels
    # 'Đạt/Chưa đạt' and 'Ghi chú/Nguồn số liệu' read 'Pay/Chwa', 'chu/Nguon', 'Dar/Chua': every line of it is a
    # header line, so its 'Chưa' is no word of row 1.2 above it (whose verdict is 'Đạt yêu cầu')
    from extractors.table_header import header_lines
    lines = _legacy_lines(LEGACY_ROWS)
    got = header_lines(lines)
    texts = LEGACY_ROWS.splitlines()
    for k, t in enumerate(texts):
        if t in LEGACY_HEADER.splitlines():
            assert k in got, t
    import tempfile
    from pathlib import Path

    from extractors.catalog import load_catalog
    from extractors.extract import extract
    from ingest.models import Document, Page
    from samples.phrasing.gen import merged_catalog
    catalog = load_catalog(merged_catalog(Path(tempfile.mkdtemp()) / "catalog.json"))
    doc = Document(path="t.txt", sha256="0" * 64, kind="txt", pages=[Page(number=1, lines=lines)])
    rec = {c.code: c for c in extract(doc, catalog, "hungyen-xa-2024").criteria}
    assert rec["1.2"].reported_verdict == "dat"
    assert rec["1.1"].reported_verdict == "chua_dat" and rec["1.4"].reported_verdict == "chua_dat"


def test_a_verdict_line_beside_a_header_without_a_slash_compound_stays_a_row_line():
    # negative: 'Chua dat' / 'Chwa dat' right below the header is the first row's wrapped verdict, and a cell
    # 'dat/chua ro' or a fraction beside words of no header is no header label
    from extractors.table_header import _header_vocab, _header_word, header_lines
    words = _header_vocab()
    assert not _header_word("chua", words) and not _header_word("nguon", words)
    assert _header_word("pay/chwa", words) and _header_word("chu/nguon", words) and _header_word("30/11/2024", words)
    lines = _legacy_lines(LEGACY_HEADER + "\nChua dat\n1.1 bang rong di dong 18,86 Mb/s\nChwa dat/chua ro")
    got = header_lines(lines)
    assert {0, 1, 2, 3, 4} <= got and not {5, 6, 7} & got
