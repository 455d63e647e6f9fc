"""No-catalog narrative reports: a result's value that wrapped onto its own line with its rate unit
('… kết quả đo kiểm đạt' / '4,40 giao dịch/người/tháng ( Hoàn thành)') is no numbered heading (the lines are
those of a generated no-catalog report, its text layer and its legacy OCR text)."""

from extractors.provisional import _heading, _rate_unit_first, draft
from ingest.models import Line


def _lines(text: str) -> list[Line]:
    return [Line(page=1, number=k + 1, text=t) for k, t in enumerate(text.strip("\n").split("\n"))]


TEXT_LAYER = """
BÁO CÁO
Kết quả thực hiện Bộ tiêu chí chuyển đổi số cấp xã năm 2024
III. HOẠT ĐỘNG CHÍNH QUYỀN SỐ
3.2. Tỷ lệ hồ sơ thủ tục hành chính trả kết quả trễ hẹn (chỉ tiêu: tối đa
2%): Kết quả đạt được: 7/759 = 0.9% ( Hoàn thành)
3.3. Tỷ lệ người dân hài lòng với việc giải quyết thủ tục hành chính của
xã (cao hơn 85%): Kết quả đạt được: 186/186 = 100%. Mức độ hoàn thành: Hoàn thành.
Chỉ tiêu 3.4: Số giao dịch thanh toán không dùng tiền mặt bình quân -
KH giao 02 giao dịch/người/tháng: Kết quả đạt được: kết quả đo kiểm đạt
4,40 giao dịch/người/tháng ( Hoàn thành)
Trên đây là báo cáo kết quả của UBND xã Duy Thu./.
"""

LEGACY_OCR = """
BAO CAO
III. HOAT DONG CHINH QUYEN SO
3.2. Ty 1¢ ho so thu tuc hanh chính tra ket qua tre hen (chi tjeu: t6j da
2%): Ket qua dat diroc: 7/759 = 0.9% ( Hoàn thanh)
3.3. Ty 1€ nguoi dan hài long voi viêc giai quyet thu tuc hanh chinh cua
xd (cao hon 85%): Kêt qua dat duoc: 186/186 = 100%. Múc do hoan thành: Hoan thanh.
Chi tiêu 3.4: S6 giao dich thanh toan khong dung tièn mat binh quan -
KH giao 02 giao dich/nguòi/thang: Kêt qua dat duoc: ket qua do kiêm dat
4,40 giao dich/nguoi/thang ( Hoan thanh)
Tren day la bao cao ket qua cua UBND x3 Duy Thu./.
"""


def test_wrapped_rate_value_is_no_criterion():
    for text in (TEXT_LAYER, LEGACY_OCR):
        fw = draft(_lines(text))
        assert fw is not None
        assert [c.code for c in fw.criteria] == ["3.2", "3.3", "3.4"]


def test_rate_unit_after_a_number_is_a_value():
    assert _rate_unit_first("giao dịch/người/tháng ( Hoàn thành)")
    assert _rate_unit_first("giao dich/nguoi/thang ( Hoan thanh)")
    assert _rate_unit_first("Mb/s (Đạt)")
    assert _rate_unit_first("tài khoản/người")
    assert _heading(Line(page=1, number=1, text="4,40 giao dịch/người/tháng ( Hoàn thành)")) is None
    assert _heading(Line(page=1, number=1, text="2.1 Mb/s, đạt")) is None


def test_titles_and_marked_codes_stay_headings():
    # a title names what it counts; a slash inside it ('xã/phường') or a unit word later on is no unit first
    assert not _rate_unit_first("Tỷ lệ xã/phường có điểm phục vụ")
    assert not _rate_unit_first("Số giao dịch thanh toán không dùng tiền mặt")
    assert not _rate_unit_first("mô hình chuyển đổi số điểm")
    for text, code in (("3.4 Số giao dịch thanh toán không dùng tiền mặt bình quân", "3.4"),
                       ("2.1. Tốc độ Internet cáp quang trung bình tại trụ sở xã", "2.1"),
                       ("Tiêu chí 3.4: Số giao dịch thanh toán không dùng tiền mặt", "3.4")):
        h = _heading(Line(page=1, number=1, text=text))
        assert h is not None and h.code == code
