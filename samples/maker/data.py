"""The made-up Thanh Hóa content the samples draw from: units, signers, verdict words, and each
layout's criteria with their numbers' ranges and wording."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
KINDS = ("pdf", "scan.pdf", "png", "txt", "tcvn3.pdf", "vni.pdf")
LAYOUTS = {"huyen": "thanhhoa-huyen-2024", "qd176": "thanhhoa-qd176-2022", "kh100": "thanhhoa-kh100-2023"}
DPI = 200
JPEG_QUALITY = 60
CHECKS = ("percent_mismatch", "ratio_exceeds_whole", "verdict_mismatch", "verdict_missing", "criterion_missing",
          "group_tally_mismatch", "summary_tally_mismatch", "parts_sum_mismatch")
PLANTS = ("percent", "ratio", "verdict", "missing", "group", "summary", "parts")
# slug, name, unit kind, communes, what the communes are called
DISTRICTS = [
    ("bim-son", "Bỉm Sơn", "thị xã", 7, "phường, xã"),
    ("sam-son", "Sầm Sơn", "thành phố", 11, "phường, xã"),
    ("nghi-son", "Nghi Sơn", "thị xã", 31, "phường, xã"),
    ("nga-son", "Nga Sơn", "huyện", 24, "xã, thị trấn"),
    ("yen-dinh", "Yên Định", "huyện", 26, "xã, thị trấn"),
    ("tho-xuan", "Thọ Xuân", "huyện", 30, "xã, thị trấn"),
    ("hoang-hoa", "Hoằng Hóa", "huyện", 37, "xã, thị trấn"),
    ("hau-loc", "Hậu Lộc", "huyện", 23, "xã, thị trấn"),
    ("vinh-loc", "Vĩnh Lộc", "huyện", 13, "xã, thị trấn"),
    ("thieu-hoa", "Thiệu Hóa", "huyện", 25, "xã, thị trấn"),
    ("cam-thuy", "Cẩm Thủy", "huyện", 17, "xã, thị trấn"),
    ("quan-son", "Quan Sơn", "huyện", 12, "xã, thị trấn"),
    ("thuong-xuan", "Thường Xuân", "huyện", 16, "xã, thị trấn"),
    ("ha-trung", "Hà Trung", "huyện", 20, "xã, thị trấn"),
    ("nong-cong", "Nông Cống", "huyện", 29, "xã, thị trấn"),
    ("trieu-son", "Triệu Sơn", "huyện", 34, "xã, thị trấn"),
    ("dong-son", "Đông Sơn", "huyện", 14, "xã, thị trấn"),
    ("quang-xuong", "Quảng Xương", "huyện", 29, "xã, thị trấn"),
    ("ngoc-lac", "Ngọc Lặc", "huyện", 21, "xã, thị trấn"),
    ("thach-thanh", "Thạch Thành", "huyện", 25, "xã, thị trấn"),
    ("ba-thuoc", "Bá Thước", "huyện", 21, "xã, thị trấn"),
    ("lang-chanh", "Lang Chánh", "huyện", 10, "xã, thị trấn"),
    ("nhu-thanh", "Như Thanh", "huyện", 14, "xã, thị trấn"),
    ("nhu-xuan", "Như Xuân", "huyện", 16, "xã, thị trấn"),
    ("muong-lat", "Mường Lát", "huyện", 8, "xã, thị trấn"),
    ("quan-hoa", "Quan Hóa", "huyện", 15, "xã, thị trấn"),
]
SIGNERS = ["Lê Văn Hùng", "Nguyễn Thị Hồng", "Trịnh Xuân Trường", "Hoàng Minh Đức", "Phạm Thị Thu Hà", "Đỗ Quang Vinh",
           "Mai Văn Thắng", "Lê Thị Phương", "Vũ Đình Khánh", "Bùi Quốc Cường"]
VERDICT_WORDS = {"dat": ["Đạt"], "chua_dat": ["Chưa đạt"], "vuot": ["Vượt chỉ tiêu"]}
KH100_VERDICT_WORDS = {"dat": ["Đạt", "Đạt", "Hoàn thành"], "chua_dat": ["Chưa đạt", "Chưa đạt", "Chưa hoàn thành"],
                       "vuot": ["Vượt chỉ tiêu"]}
HUYEN_DEN = {"2.1": (24, 80), "2.3": (15000, 90000), "3.1": (80, 420), "3.3": (3000, 40000), "3.4": (3000, 40000),
             "3.5": (800, 8000), "3.6": (5000, 40000), "3.7": (300, 2500), "4.1": (300, 9000), "4.3": (2000, 30000),
             "4.4": (20000, 70000), "5.1": (40, 300), "5.3": (50, 210), "4.2": (8, 50)}
HUYEN_FORMS = {"2.1": ["two"], "2.3": ["frac_pct", "frac_eq"], "3.1": ["pct", "frac"], "3.2": ["pct"],
               "3.3": ["pct", "frac_pct"], "3.4": ["frac", "frac_pct", "frac_eq"], "3.5": ["frac", "frac_pct"],
               "3.6": ["frac", "frac_eq", "frac_pct"], "3.7": ["frac", "frac_pct"], "4.1": ["pct", "frac_pct"],
               "4.3": ["frac_eq", "frac_pct"], "4.4": ["pct", "frac_eq"], "5.1": ["frac_eq", "frac_pct"],
               "5.3": ["frac_pct", "pct"]}
HUYEN_NOUN = {"2.1": "hệ thống thông tin", "2.3": "hộ gia đình được phủ cáp quang", "3.1": "cán bộ, công chức",
              "3.3": "hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến",
              "3.4": "hồ sơ được tiếp nhận, giải quyết trực tuyến toàn trình",
              "3.5": "giao dịch thanh toán trực tuyến trên tổng số giao dịch thanh toán của dịch vụ công",
              "3.6": "hồ sơ thủ tục hành chính được số hóa hồ sơ, kết quả giải quyết",
              "3.7": "cán bộ, công chức, viên chức được tập huấn, bồi dưỡng, phổ cập kỹ năng số cơ bản",
              "4.1": "doanh nghiệp vừa và nhỏ, hợp tác xã, hộ sản xuất kinh doanh tham gia các sàn thương mại điện tử",
              "4.2": "sản phẩm", "4.3": "hợp tác xã, hộ sản xuất nông nghiệp ứng dụng công nghệ số",
              "4.4": "khách hàng thanh toán tiền điện không dùng tiền mặt",
              "5.1": "Tổ công nghệ số cộng đồng hoạt động hiệu quả",
              "5.3": "trạm y tế, cơ sở giáo dục thực hiện thanh toán không dùng tiền mặt"}
HUYEN_REASON = {
    "1.1": "còn một số {cx} chưa được công nhận hoàn thành các tiêu chí chuyển đổi số cấp xã",
    "2.1": "hệ thống thông tin của {u} và các {cx} chưa triển khai đầy đủ phương án bảo đảm an toàn thông tin theo cấp độ",
    "2.2": "hệ thống camera an ninh chưa kết nối đồng bộ về Công an {u}",
    "2.3": "tỷ lệ hộ gia đình được phủ cáp quang còn thấp",
    "2.4": "số điểm Wifi công cộng miễn phí còn ít",
    "2.5": "một số điểm cầu cấp xã chưa kết nối thông suốt",
    "3.8": "Trang thông tin điện tử của một số {cx} chưa cập nhật đầy đủ thông tin theo quy định",
    "3.9": "chưa bố trí được công chức chuyên trách",
    "4.5": "việc số hóa các di tích lịch sử, văn hóa mới đang triển khai",
    "5.2": "Trung tâm Y tế chưa triển khai đầy đủ hồ sơ bệnh án điện tử",
}
HUYEN_YESNO = {
    "2.2": ("Đã lắp đặt {k} camera giám sát trên địa bàn các {cx}, kết nối về Công an {u} phục vụ công tác bảo đảm an ninh "
            "trật tự. Các camera được lắp đặt ở các tuyến đường chính, các khu vực, địa bàn trọng điểm",
            "Đã lắp đặt {k} camera giám sát tại một số tuyến đường chính, nhưng chưa kết nối đồng bộ về Công an {u}"),
    "2.4": ("Tại các nhà văn hóa, trụ sở UBND {u} (Bộ phận một cửa, bộ phận tiếp dân...), trụ sở UBND các {cx} đã lắp đặt "
            "{k} điểm phát Wifi công cộng miễn phí",
            "Mới lắp đặt {k} điểm phát Wifi công cộng miễn phí tại trụ sở UBND {u}; các điểm công cộng khác chưa có"),
    "2.5": ("Năm 2023: {k} hội nghị; Năm 2024: {k2} hội nghị. Hệ thống được kết nối thông suốt đến {n} điểm cầu cấp xã",
            "Năm 2024 tổ chức {k2} hội nghị trực tuyến; một số điểm cầu cấp xã đường truyền chưa ổn định"),
    "3.8": ("Trang thông tin điện tử của {u} và các {cx} cung cấp kịp thời, đầy đủ thông tin theo quy định; trong năm đã đăng "
            "tải {k} tin, bài",
            "Trang thông tin điện tử của một số {cx} chưa cập nhật kịp thời, đầy đủ thông tin theo quy định"),
    "3.9": ("Tại UBND {u} đã phân công 01 công chức tham mưu nhiệm vụ chuyển đổi số và 02 công chức tham mưu về ứng dụng "
            "CNTT, an toàn thông tin",
            "UBND {u} chưa bố trí được công chức chuyên trách; nhiệm vụ do công chức Phòng Văn hóa và Thông tin kiêm nhiệm"),
    "4.5": ("Đã số hóa {k} di tích lịch sử, văn hóa được xếp hạng cấp tỉnh trở lên và các điểm du lịch, đưa lên Cổng thông tin "
            "du lịch tỉnh",
            "Sở Văn hóa, Thể thao và Du lịch đang triển khai số hóa các di tích lịch sử, văn hóa trên địa bàn được xếp hạng "
            "cấp tỉnh"),
    "5.2": ("Bệnh viện Đa khoa và Trung tâm Y tế {u} triển khai ứng dụng công nghệ thông tin theo Thông tư 54/2017/TT-BYT và "
            "triển khai hồ sơ bệnh án điện tử theo Thông tư 46/2018/TT-BYT",
            "Trung tâm Y tế {u} đã ứng dụng công nghệ thông tin theo Thông tư 54/2017/TT-BYT; hồ sơ bệnh án điện tử theo "
            "Thông tư 46/2018/TT-BYT đang triển khai thí điểm"),
}
QD176_SPEC = {  # den range, noun, forms
    "1.1": ((8, 20), "hệ thống", ["frac_pct", "frac"]),
    "1.2": ((10, 60), "cuộc kiểm tra", ["frac_pct"]),
    "1.3": ((200, 420), "TTHC", ["frac", "frac_pct"]),
    "1.4": (None, None, ["pct"]),
    "1.5": ((1000, 8000), "tài khoản", ["frac", "frac_pct"]),
    "2.1": (None, None, ["pct"]),
    "2.2": (None, None, ["pct"]),
    "2.3": ((200, 1500), "doanh nghiệp", ["frac_pct"]),
    "3.2": ((10000, 90000), "người", ["frac_pct"]),
}
KH100_SPEC = {  # den range, noun
    "1": ((20000, 160000), "thuê bao"), "5": ((80, 300), "thôn, bản"), "6": ((6, 20), "cơ sở dữ liệu"),
    "8": ((8, 16), "phòng, ban"), "12": ((2, 6), "cơ sở"), "13": ((2, 30), "trang thông tin"),
    "14": ((10, 60), "hệ thống"), "16": ((150, 420), "TTHC"), "17": ((500, 6000), "giao dịch"),
    "18": ((1000, 9000), "tài khoản"), "19": ((3000, 40000), "hồ sơ"), "20": ((10, 14), "phòng, ban"),
    "21": ((10, 14), "phòng, ban"), "22": ((10, 60), "cuộc kiểm tra"), "23": ((200, 2500), "người"),
    "24": ((100, 900), "báo cáo"), "25": ((800, 5000), "phiếu"), "28": ((1, 3), "kế hoạch"),
    "29": ((30, 160), "cơ sở"), "30": ((100, 900), "doanh nghiệp"), "31": ((100, 900), "doanh nghiệp"),
    "33": ((50000, 200000), "người"), "34": ((50000, 200000), "người"), "35": ((50000, 200000), "người"),
    "36": ((50000, 200000), "người"), "37": ((50000, 200000), "người"), "38": ((60000, 250000), "người"),
    "39": ((10, 60), "hệ thống"), "40": ((10, 60), "hệ thống"), "41": ((20000, 160000), "thuê bao"),
    "42": ((10000, 80000), "hộ"), "43": ((30, 120), "trường"),
}
KH100_YESNO = (["Hoàn thành", "Đã triển khai", "Đã thực hiện"], ["Chưa hoàn thành", "Đang triển khai"])
_TABLE_TEXT = {  # layout: (bold heading, intro sentence, table title)
    "qd176": ("Kết quả thực hiện các chỉ tiêu về chuyển đổi số theo Quyết định số 176/QĐ-UBND ngày 10/01/2022 "
              "của UBND tỉnh (phục vụ Đoàn kiểm tra của Ban Chỉ đạo chuyển đổi số tỉnh)",
              "Thực hiện Kế hoạch số 226/KH-BCĐ ngày 15/9/2023 của Ban Chỉ đạo chuyển đổi số tỉnh về kiểm tra kết "
              "quả thực hiện nhiệm vụ và các chỉ tiêu về chuyển đổi số năm 2023, {issuer} báo cáo kết quả "
              "thực hiện các chỉ tiêu đến ngày 30/8/2023 như sau:",
              "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THEO QUYẾT ĐỊNH SỐ 176/QĐ-UBND NGÀY 10/01/2022"),
    "kh100": ("Kết quả thực hiện các chỉ tiêu chuyển đổi số năm 2023 theo Kế hoạch số 100/KH-BCĐ ngày "
              "26/4/2023 của Ban Chỉ đạo chuyển đổi số tỉnh",
              "Thực hiện Kế hoạch số 100/KH-BCĐ ngày 26/4/2023 của Ban Chỉ đạo chuyển đổi số tỉnh về thực hiện "
              "các chỉ tiêu chuyển đổi số năm 2023, {issuer} báo cáo kết quả thực hiện đến ngày "
              "30/8/2023 như sau:",
              "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THEO KẾ HOẠCH SỐ 100/KH-BCĐ NGÀY 26/4/2023"),
}
