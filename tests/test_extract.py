"""Extraction details on small hand-written reports (diacritics intact)."""

from tieuchi import process_file

HEAD = "Thực hiện Quyết định số 1042/QĐ-UBND ngày 18/3/2024 của UBND tỉnh\n"


def _run(tmp_path, body: str):
    p = tmp_path / "r.txt"
    p.write_text(HEAD + body, encoding="utf-8")
    return process_file(str(p))


def test_number_and_title_disagree_the_record_says_so(tmp_path):
    rec = _run(tmp_path,
               "3.3. Tỷ lệ hồ sơ thủ tục hành chính tiếp nhận, giải quyết trực tuyến (90%): 95/100 = 95% (Vượt chỉ tiêu)\n"
               "3.3. Tỷ lệ hồ sơ tiếp nhận, giải quyết trực tuyến toàn trình (85%): 80/100 = 80% (Chưa đạt)\n"
               "3.5. Tỷ lệ thanh toán trực tuyến hồ sơ thủ tục hành chính trên tổng số giao dịch thanh toán của dịch vụ"
               " công (45%): 50/100 = 50% (Vượt chỉ tiêu)\n")
    by = {c.code: c for c in rec.criteria}
    assert set(by) == {"3.3", "3.4", "3.5"}
    assert by["3.4"].heading_code == "3.3" and by["3.4"].numerator == 80
    assert any("3.4" in n for n in by["3.4"].notes)
    assert by["3.3"].heading_code is None


def test_two_fractions_the_verdict_rests_on_the_last(tmp_path):
    rec = _run(tmp_path,
               "2.1. Hệ thống thông tin của các cơ quan nhà nước trên địa bàn được phê duyệt và triển khai phương án"
               " đảm bảo an toàn thông tin theo cấp độ (100%):\n"
               "- 39/39 (đạt 100%) hồ sơ đề xuất cấp độ được phê duyệt theo quy định;\n"
               "- 12/39 (đạt 30,77%) hệ thống thông tin thực hiện triển khai các phương án. (Chưa đạt)\n"
               "2.3. Hộ gia đình được phủ mạng Internet băng rộng cáp quang (70%): 98147/106605 (92%) (Vượt chỉ tiêu)\n"
               "2.4. Có hệ thống Wifi công cộng miễn phí phục vụ nhu cầu của người dân và du khách tại các điểm công cộng:"
               " đã lắp đặt 60 điểm phát Wifi ngày 01/01/2024 (Đạt)\n")
    by = {c.code: c for c in rec.criteria}
    assert (by["2.1"].numerator, by["2.1"].denominator, by["2.1"].reported_percent) == (12, 39, 30.77)
    assert by["2.1"].reported_verdict == "chua_dat"
    assert (by["2.3"].numerator, by["2.3"].reported_percent, by["2.3"].reported_verdict) == (98147, 92.0, "vuot")
    assert (by["2.4"].numerator, by["2.4"].target, by["2.4"].reported_verdict) == (None, None, "dat")
    assert not [f for f in rec.findings if f.code in ("2.1", "2.3", "2.4")]


def test_a_document_of_no_framework_is_not_forced(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("Báo cáo tình hình thời tiết tháng 3.\n1.1. Nhiệt độ trung bình 25 độ.\n2.2. Lượng mưa 30/100 ngày.\n",
                 encoding="utf-8")
    rec = process_file(str(p))
    assert rec.framework is None and rec.criteria == []


def test_heading_and_verdict_variants(tmp_path):
    """Real reports vary: 'Tiêu chí 3.3.', '3.5-', '3.6)', '(chỉ tiêu: 90%)', '(≥ 85%)', thousands dots,
    a dot decimal, and verdicts written as 'Đánh giá: …', '- Kết quả: …', '=> …', '; kết quả: …'."""
    rec = _run(tmp_path,
               "Tiêu chí 3.3. Tỷ lệ hồ sơ thủ tục hành chính tiếp nhận, giải quyết trực tuyến (chỉ tiêu: 90%): "
               "37548/37698 = 99,6%. Đánh giá: Vượt chỉ tiêu.\n"
               "3.4 Tỷ lệ hồ sơ tiếp nhận, giải quyết trực tuyến toàn trình (≥ 85%): 15.424/15.378 hồ sơ, đạt 99.7%.\n"
               "- Kết quả: Đạt\n"
               "3.5- Tỷ lệ thanh toán trực tuyến hồ sơ thủ tục hành chính trên tổng số giao dịch thanh toán của dịch vụ"
               " công (45%): 3015/3559 giao dịch => Vượt\n"
               "3.6) Tỷ lệ hồ sơ và kết quả giải quyết thủ tục hành chính được số hóa (80%): 28916/33866 hồ sơ; "
               "kết quả: Chưa đạt\n")
    got = {c.code: (c.target.value if c.target else None, c.numerator, c.denominator, c.reported_percent, c.reported_verdict)
           for c in rec.criteria}
    assert got == {
        "3.3": (90.0, 37548, 37698, 99.6, "vuot"),
        "3.4": (85.0, 15424, 15378, 99.7, "dat"),
        "3.5": (45.0, 3015, 3559, None, "vuot"),
        "3.6": (80.0, 28916, 33866, None, "chua_dat"),
    }
    checks = {(f.check, f.code) for f in rec.findings}
    assert ("ratio_exceeds_whole", "3.4") in checks and ("verdict_mismatch", "3.6") in checks
