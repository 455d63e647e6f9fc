"""Verdict words of round 7's forms (h7gen) and the audit's rule for a block that states two outcomes.

Expected values are read by hand from the sentences written here."""

from __future__ import annotations

import pytest

from audit.checks import check_verdict
from extractors.catalog import Target
from extractors.record import CriterionRecord
from extractors.verdicts import find_verdicts, parse_verdict


def _said(text: str) -> list[str]:
    return [h.verdict for h in find_verdicts(text)]


@pytest.mark.parametrize("text,verdicts", [
    # the label's 'hoàn thành' is no verdict: the one after its colon is
    ("1.2. Tốc độ: đạt 90,87 Mb/s. Mức độ hoàn thành: Không đạt.", ["chua_dat"]),
    ("1.3. Số thuê bao: 54 thuê bao/100 dân. Mức độ hoàn thành: Chưa đạt yêu cầu.", ["chua_dat"]),
    ("Muc do hoan thanh: Chua hoan thanh.", ["chua_dat"]),
    ("Kết quả hoàn thành: 45/50 hồ sơ.", []),
    # 'Hoàn thành vượt chỉ tiêu' is a vượt, not the 'hoàn thành' it starts with
    ("Kết quả: 1.302/1.333 = 98% => Hoàn thành vượt chỉ tiêu.", ["vuot"]),
    ("Ket qua: 1.302/1.333 = 98% => Hoan thanh vuot ke hoach.", ["vuot"]),
    ("Kết quả tự chấm: Đạt.", ["dat"]),
    # a plain verdict is still one
    ("Kết quả: 45/50 hồ sơ – Hoàn thành.", ["dat"]),
])
def test_round7_verdict_forms(text, verdicts):
    assert _said(text) == verdicts


def test_a_table_cell_of_hoan_thanh_vuot_is_vuot():
    assert parse_verdict("Hoàn thành vượt chỉ tiêu") == "vuot"
    assert parse_verdict("Hoàn thành") == "dat"


def test_a_block_stating_both_outcomes_is_no_evidence_against_its_verdict():
    t100 = Target(op=">=", value=100, unit="%")
    # TC14's block ran into TC15 (its heading not read): 'Không đạt' is 14's, 'Đạt' 15's
    c = CriterionRecord(code="14", title="t", target=t100, numerator=34, denominator=43, fraction_raw="34/43",
                        reported_percent=79.07, percent_raw="79,07%", reported_verdict="dat", verdict_raw="Đạt",
                        evidence="TC14: 100% hệ thống thông tin: Đến nay, đạt 79,07% (34/43 hệ thống). Kết quả đánh giá: "
                                 "Không đạt. TC15: Nâng cao chất lượng dịch vụ công trực tuyến: 100%. Tự đánh giá: Đạt.")
    assert [f.check for f in check_verdict(c)] == ["not_read"]
    # one verdict in the block, contradicted by the numbers: the report's error
    one = c.model_copy(update={"evidence": "TC14: 100% hệ thống thông tin: Đến nay, đạt 79,07% (34/43 hệ thống). "
                                           "Tự đánh giá: Đạt."})
    assert [f.check for f in check_verdict(one)] == ["verdict_mismatch"]
    # two verdicts of one outcome ('Đạt' … 'Vượt') do not disagree
    same = c.model_copy(update={"evidence": one.evidence + " (Vượt)"})
    assert [f.check for f in check_verdict(same)] == ["verdict_mismatch"]


@pytest.mark.parametrize("text,verdicts", [
    # legacy text: 'đạt' closing a line, its 'tỷ lệ 68,6 %' wrapped onto the next: a result, no verdict
    ("Luy ke den ngay 17/6/2024, 507/739 ho kinh doanh, dat\nty le 68,6 %.", []),
    ("507/739 ho kinh doanh, dat\nty 1€ 68,6 %.", []),
    # the verdict closing a line, the next criterion's title on the next ('Ty le ho so …' has no number after it)
    ("507/739 ho kinh doanh (68,6 %) - Dat\nTy le ho so thu tuc hanh chinh", ["dat"]),
    # 'Đây là', 'Trên đây là báo cáo' folded: the word đây
    ("7.843/7.843 tai khoan. Day la ket qua noi bat cua huyen.", []),
    ("(21.4%) nguoi\nTren day la bao cao ket qua cua UBND huyen./.", []),
    # a folded verdict that closes its clause is still one
    ("7.843/7.843 tai khoan (100 %). - Dat.", ["dat"]),
])
def test_legacy_words_that_only_look_like_a_verdict(text, verdicts):
    assert [h.verdict for h in find_verdicts(text, exact=False)] == verdicts


def test_a_pronoun_or_a_wrapped_result_is_no_unplaced_verdict():
    from extractors.verdicts import verdict_hint
    # 'Day la …' is đây là: no verdict word the tool failed to place, the block has none
    assert verdict_hint("7.843/7.843 tai khoan (ti le 100%). Day la ket qua noi bat", exact=False) is None
    assert verdict_hint("507/739 ho kinh doanh, Dat\nty le 68,6 %", exact=False) is None
    # a capitalised verdict among other cells is still one the tool could not place
    assert verdict_hint("3.2 ≤ 2% Ty le ho so Dat tre hen 16/2171", exact=False) == "Dat"
