"""A narrative block that states its verdict before its result ("… - KH giao 100 % - Tự đánh giá:
Không đạt. Kết quả: 3 trên tổng số 4 trang (75,0 %)"): the measure is the one after the verdict, when
nothing before it is one and the words after it open with a result cue. Numbers after a verdict that
are commentary ("Năm 2023 có 13 đơn vị …") are no result. Expected values read by hand."""

from __future__ import annotations

import pytest

from extractors.criteria import opens_with_result
from tieuchi import process_file

HEAD = "Thực hiện Quyết định số 1042/QĐ-UBND ngày 18/3/2024 của UBND tỉnh\n"
T34 = "Tỷ lệ hồ sơ tiếp nhận, giải quyết trực tuyến toàn trình"


def _c34(tmp_path, body: str, head: str = HEAD):
    p = tmp_path / "r.txt"
    p.write_text(head + body, encoding="utf-8")
    rec = process_file(str(p))
    return {c.code: c for c in rec.criteria}["3.4"], rec


def test_result_after_the_verdict_with_the_target_between(tmp_path):
    c, rec = _c34(tmp_path, f"3.4. {T34} - KH giao 85% - Tự đánh giá: Chưa đạt.\n"
                            "Kết quả: 1.200 trên tổng số 1.500 hồ sơ (80,0 %).\n")
    assert (c.numerator, c.denominator, c.reported_percent, c.reported_verdict) == (1200, 1500, 80.0, "chua_dat")
    assert c.target is not None and c.target.value == 85.0
    assert not [f for f in rec.findings if f.code == "3.4" and f.severity == "error"]


def test_legacy_text_result_after_the_verdict(tmp_path):
    c, _ = _c34(tmp_path, "3.4. Ty le ho so tiep nhan, giai quyet truc tuyen toan trinh - KH giao 85% - Tu danh gia: Pat.\n"
                          "Ket qua thuc hien: 1.450/1.500 ho so (96,67%).\n",
                head="Thuc hien Quyet dinh so 1042/QD-UBND ngay 18/3/2024 cua UBND tinh\n")
    assert (c.numerator, c.denominator, c.reported_percent, c.reported_verdict) == (1450, 1500, 96.67, "dat")


def test_commentary_after_the_verdict_is_no_result(tmp_path):
    c, _ = _c34(tmp_path, f"3.4. {T34} - KH giao 85% - Tự đánh giá: Đạt.\n"
                          "Năm 2023 có 13 đơn vị triển khai thí điểm, đạt 60% số xã.\n")
    assert (c.numerator, c.denominator, c.reported_percent) == (None, None, None)
    assert c.reported_verdict == "dat"


def test_a_result_before_the_verdict_is_kept(tmp_path):
    c, _ = _c34(tmp_path, f"3.4. {T34} (≥ 85%): 1.412/1.500 hồ sơ, đạt 94,13%. Tự đánh giá: Đạt.\n"
                          "Kết quả: năm 2023 là 700/1.000 hồ sơ (70%).\n")
    assert (c.numerator, c.denominator, c.reported_percent) == (1412, 1500, 94.13)


@pytest.mark.parametrize("text,want", [
    (". Kết quả: 3 trên tổng số 4", True),
    (" - Kết quả thực hiện: 12/12", True),
    (". Ket qua: 12/12", True),
    (". Năm 2023 có 13 đơn vị", False),
    (". Đây là kết quả nổi bật", False),
    (" Trong kỳ, huyện đã tổ chức 48 lớp", False),
])
def test_opens_with_result(text, want):
    assert opens_with_result(text) is want
