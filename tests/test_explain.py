"""`tieuchi explain FILE CODE` and `extract -v`, through the real command line (a subprocess).

The seed report's 3.4 reads "3.4. Tỷ lệ hồ sơ … toàn trình (85%): 15424/15378 = 99,7% (Vượt chỉ
tiêu)" (OCR-garbled in the sample); a reader checking it by hand finds the target 85 %, the fraction
15424/15378, the percent 99,7 % and the verdict "vượt", and two problems: the numerator exceeds the
whole, and 99,7 % is 15378/15424 (the two numbers swapped).
"""

import json
import os
import re
import subprocess
import sys

from tests.conftest import ROOT, SAMPLES

SEED = str(SAMPLES / "seed000_thanh-hoa.txt")


def _tieuchi(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "tieuchi.cli", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


def _candidate(out: str, role: str, raw: str) -> str:
    """The candidate line of ``role`` whose raw text is ``raw``."""
    lines = [ln for ln in out.splitlines() if re.match(rf"\s*\[(chọn|bỏ)\] {role}\s+'{re.escape(raw)}'", ln)]
    assert len(lines) == 1, f"no single {role} candidate {raw!r} in:\n{out}"
    return lines[0]


def test_explain_shows_the_seed_reports_3_4():
    p = _tieuchi("explain", SEED, "3.4")
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert out.startswith("Tiêu chí 3.4 — Tỷ lệ hồ sơ tiếp nhận, giải quyết trực tuyến toàn trình")
    # the block's lines, with page and line number
    assert re.search(r"tr\.\d+\s+d\.\d+\s+3\.4\. Ty 1¢ ho so tiép nhan", out)
    assert re.search(r"tr\.\d+\s+d\.\d+\s+15424/15378 = 99,7% \(Vuwot chi tiéu\)", out)
    # the heading matched by number and title, with its score
    assert re.search(r"điểm tiêu đề \(title score\) (9\d|100)\.\d/100", out)
    # every candidate with its role; the chosen ones
    target = _candidate(out, "target", "(85%)")
    assert "[chọn]" in target and "how=paren" in target and "85%" in target
    assert "[chọn]" in _candidate(out, "fraction", "15424/15378")
    assert "[chọn]" in _candidate(out, "percent", "99,7%")
    verdict = _candidate(out, "verdict", "Vuwot chi tiéu")
    assert "[chọn]" in verdict and "→ vuot" in verdict
    # the record's final fields
    assert "  numerator: 15424" in out and "  denominator: 15378" in out and "  reported_percent: 99.7" in out
    # and the audit's two findings with their causes
    findings = out[out.index("Kết quả kiểm tra (findings):"):]
    assert re.search(r"ratio_exceeds_whole \(error\): tử số 15424 lớn hơn mẫu số 15378", findings)
    mismatch = next(ln for ln in findings.splitlines() if "percent_mismatch" in ln)
    assert "cause_kind=swapped" in mismatch and "15378/15424" in mismatch


def test_explain_an_unknown_code_is_one_line_and_exit_2():
    p = _tieuchi("explain", SEED, "9.9")
    assert p.returncode == 2
    assert p.stdout == ""
    assert len(p.stderr.strip().splitlines()) == 1
    assert "9.9" in p.stderr and "Traceback" not in p.stderr


def test_explain_a_missing_file_names_it():
    p = _tieuchi("explain", str(SAMPLES / "no-such-report.txt"), "3.4")
    assert p.returncode == 1
    assert len(p.stderr.strip().splitlines()) == 1 and "no-such-report.txt" in p.stderr


def test_extract_verbose_logs_every_criterion_and_keeps_stdout_data():
    p = _tieuchi("extract", "-v", "-f", "json", SEED)
    assert p.returncode == 0, p.stderr
    [rec] = json.loads(p.stdout)  # the explanations go to stderr only
    assert len(rec["criteria"]) == 23
    for c in rec["criteria"]:
        assert f"Tiêu chí {c['code']} — " in p.stderr
    block = p.stderr[p.stderr.index("Tiêu chí 3.4 — "):]
    block = block[:block.index("DEBUG ")]
    assert "15424/15378" in block and "percent_mismatch" in block and "ratio_exceeds_whole" in block


def test_extract_without_verbose_logs_no_explanation():
    p = _tieuchi("extract", "-f", "json", SEED)
    assert p.returncode == 0 and "Tiêu chí 3.4 — " not in p.stderr


def test_explain_a_table_row_from_a_text_pdf():
    """Generated sample s01 (its truth file, written by the generator, not by tieuchi): 1.2 is a
    QĐ 176 table row, target 50 %, 17/50 = 34,0 %, "Chưa đạt"."""
    p = _tieuchi("explain", str(SAMPLES / "generated" / "s01_qd176_muong-lat.pdf"), "1.2")
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert "cách trình bày (layout): table" in out
    assert re.search(r"tr\.1\s+d\.\d+\s+1\.2 \| Tỷ lệ hoạt động kiểm tra", out)
    assert "[chọn]" in _candidate(out, "target", "50%")
    assert "[chọn]" in _candidate(out, "fraction", "17/50")
    assert "[chọn]" in _candidate(out, "percent", "34,0%")
    assert "→ chua_dat" in _candidate(out, "verdict", "Chưa đạt")
    assert "Kết quả kiểm tra (findings): không có" in out
    assert "Ghi chú" not in out  # the re-run agrees with the record


def test_explain_shows_a_target_the_title_states_as_the_one_taken(tmp_path):
    # Thanh Hóa KH 100 criterion 13 is titled "100% các trang, cổng thông tin điện tử …": the title states the
    # catalog's target; the record takes it, and explain names it as taken (it used to list no target at all)
    p = tmp_path / "nga-son.txt"
    p.write_text("UBND HUYỆN NGA SƠN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                 "Số: 12/BC-UBND Nga Sơn, ngày 05 tháng 12 năm 2023\nBÁO CÁO\n"
                 "13. 100% các trang, cổng thông tin điện tử của cơ quan nhà nước được đánh giá an toàn thông tin"
                 " và gắn nhãn tín nhiệm mạng: 45/50 trang, đạt 90%. Chưa đạt.\n", encoding="utf-8")
    out = _tieuchi("explain", str(p), "13", "--framework", "thanhhoa-kh100-2023")
    assert out.returncode == 0, out.stderr
    target = _candidate(out.stdout, "target", "100%")
    assert "[chọn]" in target and "how=title" in target
    assert "[bỏ]" not in _candidate(out.stdout, "percent", "90%")
