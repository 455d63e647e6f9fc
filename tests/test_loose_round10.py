"""Round 10: a loose row's result fraction that wrapped apart over the row's lines, rejoined."""

from extractors.table_loose import rejoin_split_fraction, rejoin_stacked_columns


def test_bracketed_part_then_tren_whole_on_a_later_line() -> None:
    # '90.25% (302' / 'Nam Đạt yêu' / '1 … ≥80% trên 341 thủ': the whole after the target cell
    rows = ["Ty I¢ dich vu cong truc tuy€n 90.25% (302", "Nam Pat yêu",
            "1 toan trinh tren tong sb thu tuc ≥80% trên 341 thu", "2024 câu"]
    out = rejoin_split_fraction(rows)
    assert out is not None
    assert out[0].endswith("(302 trên 341 thu")
    assert "341" not in out[2] and len(out[2]) == len(rows[2])
    assert "tren tong sb thu tuc" in out[2]  # the title's own 'trên tổng số thủ tục' (no number) is kept


def test_tren_head_then_tong_so_whole() -> None:
    rows = ["Ty lé thue bao diên thoai 48750 tren", "di dong su dung dien Cao hon tong sd 87632 Sb lieu"]
    out = rejoin_split_fraction(rows)
    assert out is not None and "48750 trên 87632" in out[0] and "87632" not in out[1]


def test_bare_whole_needs_the_heads_bracket_closed() -> None:
    out = rejoin_split_fraction(["2 thâp hon (20.991 tren", "duoc s0 hoa ngay", "90 % 24.249 ho so)"])
    assert out is not None and "20.991 trên 24.249" in out[0]
    # no bracket opened: a bare number on a later line is another cell's
    assert rejoin_split_fraction(["2 thâp hon 20.991 tren", "duoc s0 hoa ngay", "90 % 24.249 ho so)"]) is None


def test_no_rejoin_without_a_head_or_when_whole_is_smaller() -> None:
    assert rejoin_split_fraction(["dat 20.991 tren 24.249 ho so", "3 Quý IV tren 20.925 hô"]) is None  # whole already
    assert rejoin_split_fraction(["Ty le 48 tren", "1 Chua dat 2024 ho"]) is None  # no 'tổng số' / bracket: no whole
    assert rejoin_split_fraction(["Ty le (480", "tren 100 dan"]) is None  # part larger than the whole
    assert rejoin_split_fraction(["So thue bao (52", "tren 100 dan"]) is None  # a per-hundred unit


def test_stacked_thousands_around_the_code_line() -> None:
    rows = ["Ty I¢ thue bao dien thoai di", "119 135", "1 dông su dung diên thoai > 80 % 88,0 % cla dat", "245 464"]
    out = rejoin_stacked_columns(rows, 2, 2)
    assert out is not None and "119245/135464 88,0 %" in out[2] and not out[1].strip() and not out[3].strip()


def test_stacked_whole_beside_the_code_lines_part() -> None:
    rows = ["Ty 1¢ dan s6 truong thành co tai", "117", "33 khoan dinh danh tren Trên 30% 64 211 54,6 % Da dat", "621"]
    out = rejoin_stacked_columns(rows, 2, 3)
    assert out is not None and "64211/117621 54,6 %" in out[2]


def test_stacked_numbers_kept_apart_when_no_percent_agrees() -> None:
    rows = ["Ty 1¢ dan s6 truong thành co tai", "117", "33 khoan dinh danh tren Trên 30% 64 211 57,6 % Da dat", "621"]
    assert rejoin_stacked_columns(rows, 2, 3) is None
    # the line below is no run of three-digit groups: no stacking
    assert rejoin_stacked_columns(["Ty le", "119 135", "1 … 88,0 % Dat", "2024"], 2, 2) is None


def test_stt_then_numbers_and_rate_anchors_a_row() -> None:
    from extractors.table_loose import _INT_ANCHOR

    # the part and whole columns and the rate right after the STT: a row's code line
    assert _INT_ANCHOR.match("4 41 7 650 0.5%")[1] == "4"
    assert _INT_ANCHOR.match("12 3 3 100 %")[1] == "12"
    assert _INT_ANCHOR.match("1 22849 29322 78%")[1] == "1"
    assert _INT_ANCHOR.match("18 3 515 3 515 100%")[1] == "18"  # part and whole grouped by spaces
    # numbers without a rate after them are no cells of a row (a wrapped date, a count in prose)
    assert _INT_ANCHOR.match("12 3 2024") is None
    assert _INT_ANCHOR.match("12 345 678") is None
