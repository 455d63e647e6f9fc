"""Generate sample Thanh Hóa chuyển đổi số reports, each with its truth file (deterministic).

    .venv/bin/python samples/make_samples.py                      # the committed set, into samples/generated
    .venv/bin/python samples/make_samples.py --seed 3 --out /tmp/s --docs huyen,huyen,kh100 --kinds pdf,txt

For every document ``ID`` it writes ``ID.pdf`` (text layer, DejaVu Serif, A4, ruled tables),
``ID.scan.pdf`` (the pages rasterised at 200 dpi, skewed, blurred, noisy, JPEG, no text
layer), ``ID.png`` (page 1, 1-bit), ``ID.txt`` (legacy OCR without Vietnamese support:
diacritics stripped or garbled, digits untouched) and ``ID.truth.json`` in the format of the
dev corpus (``/work/shared/corpus/README.md``). Each document carries 0–3 planted errors;
``planted`` lists exactly the contract checks that fire on it.

Layouts: ``huyen`` (narrative report on the 23 district criteria, QĐ 1042/QĐ-UBND 2024),
``qd176`` (results table for the 10 indicators of QĐ 176/QĐ-UBND 2022) and ``kh100`` (results
table for the 43 indicators of KH 100/KH-BCĐ 2023, groups I–VI).

Needs reportlab, Pillow, pdfplumber and ``pdftoppm`` (poppler). Not part of the library.
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import random
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extractors import load_catalog  # noqa: E402
from extractors.catalog import Criterion, Framework  # noqa: E402

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

# --- numbers as the reports write them ------------------------------------------------------------


def round_half_up(value: Fraction, decimals: int) -> Decimal:
    d = Decimal(value.numerator) / Decimal(value.denominator)
    return d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def pct_text(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",") + "%"


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def passes(op: str, tv: float, v: float) -> bool:
    eps = 1e-9
    return {">=": v >= tv - eps, ">": v > tv + eps, "<=": v <= tv + eps, "<": v < tv - eps, "=": abs(v - tv) <= eps}[op]


# --- one criterion as the document states it ------------------------------------------------------


@dataclass
class Item:
    code: str
    group: str
    kind: str
    target: dict | None            # as written; None when the document writes none
    numerator: int | None = None
    denominator: int | None = None
    percent: float | None = None   # as written
    decimals: int = 0
    verdict: str | None = None      # dat / chua_dat / vuot
    form: str = "none"              # how the measure is written
    count_target: int | None = None
    parts: tuple[int, int, int] | None = None   # whole, part a, part b (3.2 of the district set)
    extra: dict = field(default_factory=dict)

    @property
    def has_fraction(self) -> bool:
        return self.numerator is not None and self.denominator is not None

    def judged(self) -> float | None:
        """The value the contract's verdict check would judge (see audit/checks.py)."""
        if self.target is None:
            return None
        if self.target["unit"] != "%":
            return float(self.numerator) if self.numerator is not None else None
        comp = self.numerator / self.denominator * 100 if self.has_fraction and self.denominator else None
        if self.percent is not None:
            if comp is None or abs(comp - self.percent) <= 0.5 * 10 ** (-self.decimals) + 1e-9:
                return self.percent
        return comp


def verdict_for(rng: random.Random, op: str, tv: float, v: float) -> str:
    if not passes(op, tv, v):
        return "chua_dat"
    if abs(v - tv) <= 1e-9:
        return "dat"
    return rng.choice(["vuot", "vuot", "dat"])


def gen_ratio(rng: random.Random, item: Item, den_range: tuple[int, int], forms: list[str], p_pass: float = 0.75) -> None:
    """Numbers for a ratio criterion against its target, far enough from the target to be unambiguous."""
    op, tv = (item.target["op"], item.target["value"]) if item.target else (">=", 0.0)
    want = rng.random() < p_pass
    item.form = rng.choice(forms)
    for _ in range(500):
        den = rng.randint(*den_range)
        if item.form == "pct":
            dec = rng.choice([0, 1, 1, 2])
            if want and tv >= 100:
                val = 100.0
            elif want:
                val = rng.uniform(tv + 1.5, min(99.5, tv + 40))
            else:
                val = rng.uniform(max(1.0, tv - 35), tv - 1.5)
            val = round(val, dec)
            if dec and val == int(val):
                dec = 0
            ok = passes(op, tv, val) == want and (abs(val - tv) >= 1 or val == tv == 100)
            if ok:
                item.percent, item.decimals = float(val), dec
                item.numerator = item.denominator = None
                item.verdict = verdict_for(rng, op, tv, val)
                return
            continue
        if want and (tv >= 100 or rng.random() < 0.12):
            num = den
        elif want:
            num = round(den * rng.uniform(tv + 1.5, min(99.5, tv + 40)) / 100)
        else:
            num = round(den * rng.uniform(max(1.0, tv - 35), tv - 1.5) / 100)
        if not 0 < num <= den:
            continue
        frac = Fraction(num * 100, den)
        dec = 0 if num == den else rng.choice([0, 1, 1, 2, 2])
        scaled = frac * 10 ** dec
        if abs(scaled - math.floor(scaled) - Fraction(1, 2)) < Fraction(1, 1000):
            continue  # a half-way case: keep clear of rounding ambiguity
        rp = float(round_half_up(frac, dec))
        comp = float(frac)
        judged = rp if item.form != "frac" else comp
        if passes(op, tv, judged) != want or (abs(judged - tv) < 1 and not (num == den and tv == 100)):
            continue
        item.numerator, item.denominator = num, den
        item.percent, item.decimals = (None, 0) if item.form == "frac" else (rp, dec)
        item.verdict = verdict_for(rng, op, tv, judged)
        return
    raise RuntimeError(f"could not generate numbers for {item.code}")


def gen_untargeted(rng: random.Random, item: Item, den_range: tuple[int, int], fraction: bool = True) -> None:
    """A criterion without a written target: numbers as information, a verdict the check cannot contradict."""
    if fraction:
        den = rng.randint(*den_range)
        num = den if rng.random() < 0.7 else rng.randint(max(1, den // 2), den - 1)
        item.numerator, item.denominator = num, den
        item.form = "frac"
        item.verdict = "dat" if num == den or rng.random() < 0.5 else "chua_dat"
    else:
        item.percent, item.decimals = round(rng.uniform(8, 92), 1), 1
        item.form = "pct"
        item.verdict = rng.choice(["dat", "dat", "chua_dat"])


# --- planting errors ----------------------------------------------------------------------------


def plant(rng: random.Random, kinds: list[str], items: list[Item], layout: str) -> tuple[list[dict], dict]:
    """Apply the planted errors to the items; return the finding list and the tally tweaks."""
    used: set[str] = set()
    found: list[tuple[int, dict]] = []
    tweaks: dict = {"missing": [], "group": None, "summary": None}
    order = {it.code: i for i, it in enumerate(items)}

    def pick(pred) -> Item | None:
        cands = [it for it in items if it.code not in used and pred(it)]
        if not cands:
            return None
        it = rng.choice(cands)
        used.add(it.code)
        return it

    def tol(it: Item) -> float:
        return 0.5 * 10 ** (-it.decimals)

    for kind in kinds:
        if kind == "percent":
            it = pick(lambda it: it.has_fraction and it.percent is not None and it.numerator < it.denominator
                      and it.target is not None and it.target["unit"] == "%")
            if it is None:
                continue
            comp = it.numerator / it.denominator * 100
            for _ in range(100):
                delta = rng.uniform(1.2, 6.0) * rng.choice([-1, 1])
                new = round(comp + delta, it.decimals)
                if 0 < new <= 100 and abs(new - comp) >= 1 + tol(it):
                    break
            else:
                continue
            it.percent = float(new)
            found.append((order[it.code] * 10 + 1, {"check": "percent_mismatch", "code": it.code}))
        elif kind == "ratio":
            it = pick(lambda it: it.has_fraction and it.percent is not None and it.verdict in ("dat", "vuot")
                      and it.target is not None and it.target["unit"] == "%" and it.denominator >= 40)
            if it is None:
                continue
            den = it.denominator
            need = math.ceil(den * (it.percent + 1.2 + tol(it)) / 100)
            it.numerator = max(den + 1, need) + rng.randint(0, max(1, den // 80))
            found.append((order[it.code] * 10, {"check": "ratio_exceeds_whole", "code": it.code}))
            found.append((order[it.code] * 10 + 1, {"check": "percent_mismatch", "code": it.code}))
        elif kind == "verdict":
            it = pick(lambda it: it.target is not None and it.judged() is not None and it.verdict is not None)
            if it is None:
                continue
            v = it.judged()
            if it.verdict == "chua_dat":
                it.verdict = rng.choice(["dat", "vuot"])
            elif abs(v - it.target["value"]) <= 1e-9 and rng.random() < 0.6:
                it.verdict = "vuot"          # "Vượt" exactly at the target
            else:
                it.verdict = "chua_dat"
            found.append((order[it.code] * 10 + 2, {"check": "verdict_mismatch", "code": it.code}))
        elif kind == "missing":
            it = pick(lambda it: not it.code.startswith("1.") or layout != "huyen")
            if it is None:
                continue
            tweaks["missing"].append(it.code)
            found.append((order[it.code] * 10, {"check": "criterion_missing", "code": it.code}))
        elif kind == "parts":
            it = pick(lambda it: it.parts is not None)
            if it is None:
                continue
            whole, a, b = it.parts
            off = rng.choice([1, -1]) * rng.randint(90, max(100, whole // 25))
            it.parts = (whole + off, a, b)
            found.append((order[it.code] * 10 + 3, {"check": "parts_sum_mismatch", "code": it.code}))
        elif kind == "group":
            tweaks["group"] = rng.choice([1, -1])
        elif kind == "summary":
            tweaks["summary"] = rng.choice([1, -1, 2, -2])
    found.sort(key=lambda t: t[0])
    return [f for _, f in found], tweaks


def choose_plants(rng: random.Random, layout: str, n: int) -> list[str]:
    pool = [p for p in PLANTS if p != "parts" or layout == "huyen"]
    return rng.sample(pool, n)


# --- content per framework ----------------------------------------------------------------------

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


def make_items(rng: random.Random, fw: Framework, layout: str, district: tuple) -> list[Item]:
    communes = district[3]
    items = []
    for g in fw.groups:
        for c in g.criteria:
            target = c.target.model_dump() if c.target else None
            it = Item(code=c.code, group=g.code, kind=c.kind, target=target)
            if layout == "huyen":
                _huyen_numbers(rng, it, c, communes)
            elif layout == "qd176":
                _qd176_numbers(rng, it, communes)
            else:
                _kh100_numbers(rng, it, c)
            items.append(it)
    return items


def _huyen_numbers(rng: random.Random, it: Item, c: Criterion, communes: int) -> None:
    if it.code == "1.1":
        it.target = None
        done = communes if rng.random() < 0.75 else communes - rng.randint(1, max(1, communes // 4))
        it.numerator, it.denominator, it.form = done, communes, "frac"
        it.verdict = "dat" if done == communes else "chua_dat"
    elif c.kind == "yes_no":
        it.verdict = "dat" if rng.random() < 0.78 else "chua_dat"
        it.form = "text"
    elif it.code == "4.2":
        gen_untargeted(rng, it, HUYEN_DEN["4.2"])
    elif it.code == "3.2":
        gen_ratio(rng, it, (1, 1), ["pct"], p_pass=0.8)
        a, b = rng.randint(60000, 180000), rng.randint(40000, 120000)
        it.parts = (a + b, a, b)
    elif it.code == "2.1":
        gen_ratio(rng, it, HUYEN_DEN["2.1"], ["frac_pct"], p_pass=0.6)
        it.form = "two"
    else:
        gen_ratio(rng, it, HUYEN_DEN[it.code], HUYEN_FORMS[it.code])


def _qd176_numbers(rng: random.Random, it: Item, communes: int) -> None:
    if it.code == "3.1":
        goal = max(2, round(communes * rng.uniform(0.75, 0.95)))
        want = rng.random() < 0.7
        done = rng.randint(goal, communes) if want else rng.randint(max(1, goal - 6), goal - 1)
        it.target = {"op": ">=", "value": float(goal), "unit": "xã"}
        it.count_target = goal
        it.numerator, it.denominator, it.form = done, communes, "count"
        it.verdict = verdict_for(rng, ">=", goal, done)
        return
    den, _noun, forms = QD176_SPEC[it.code]
    gen_ratio(rng, it, den or (1, 1), forms, p_pass=0.7)


def _kh100_numbers(rng: random.Random, it: Item, c: Criterion) -> None:
    if c.kind == "yes_no":
        it.verdict = "dat" if rng.random() < 0.8 else "chua_dat"
        it.form = "text"
        return
    if it.target is None:  # 2, 26, 27: reported for information
        gen_untargeted(rng, it, (1, 1), fraction=False)
        return
    den, _noun = KH100_SPEC[it.code]
    forms = ["frac_pct", "frac", "pct", "dat_pct"] if den[1] >= 20 else ["frac", "frac_pct"]
    gen_ratio(rng, it, den, forms, p_pass=0.75)


# --- the PDF ----------------------------------------------------------------------------------


class Tracker:
    """Pages on which tagged paragraphs are drawn (split pieces included)."""

    def __init__(self) -> None:
        self.pages: dict[str, list[int]] = {}

    def first(self, tag: str) -> int | None:
        return min(self.pages[tag]) if tag in self.pages else None

    def last(self, tag: str) -> int | None:
        return max(self.pages[tag]) if tag in self.pages else None


def _pdf_tools():
    """reportlab pieces, imported lazily (fonts registered once)."""
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    rl_config.invariant = 1
    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        for name, file in (("DejaVuSerif", "DejaVuSerif.ttf"), ("DejaVuSerif-Bold", "DejaVuSerif-Bold.ttf"),
                           ("DejaVuSerif-Italic", "DejaVuSerif-Italic.ttf"),
                           ("DejaVuSerif-BoldItalic", "DejaVuSerif-BoldItalic.ttf")):
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
        pdfmetrics.registerFontFamily("DejaVuSerif", normal="DejaVuSerif", bold="DejaVuSerif-Bold",
                                      italic="DejaVuSerif-Italic", boldItalic="DejaVuSerif-BoldItalic")

    class TP(Paragraph):
        tracker: Tracker | None = None

        def __init__(self, text, style=None, *a, tag: str | None = None, **kw):
            super().__init__(text, style, *a, **kw)
            self.tag = tag

        def split(self, availWidth, availHeight):
            parts = super().split(availWidth, availHeight)
            for p in parts:
                p.tag = self.tag
            return parts

        def draw(self):
            super().draw()
            if self.tag and TP.tracker is not None:
                TP.tracker.pages.setdefault(self.tag, []).append(self.canv.getPageNumber())

    return dict(colors=colors, TA_CENTER=TA_CENTER, TA_JUSTIFY=TA_JUSTIFY, TA_LEFT=TA_LEFT, A4=A4,
                ParagraphStyle=ParagraphStyle, cm=cm, KeepTogether=KeepTogether, TP=TP,
                SimpleDocTemplate=SimpleDocTemplate, Spacer=Spacer, Table=Table, TableStyle=TableStyle)


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class Doc:
    id: str
    layout: str
    fw: Framework
    district: tuple
    number: str
    number_written: str
    date: tuple[int, int, int]
    signer: str
    items: list[Item]
    present: list[Item]
    groups: list[dict]
    summary: dict
    planted: list[dict]
    rng: random.Random

    @property
    def unit(self) -> str:
        return f"{self.district[2]} {self.district[1]}"

    @property
    def issuer(self) -> str:
        return f"UBND {self.unit}"


def build_pdf(doc: Doc, path: Path) -> Tracker:
    t = _pdf_tools()
    cm, TP = t["cm"], t["TP"]
    PS = t["ParagraphStyle"]
    rng = doc.rng
    size = 13 if doc.layout == "huyen" else 12.5
    cell = 11 if doc.layout == "kh100" else 12
    left_m, right_m = (2.8 * cm, 1.7 * cm) if doc.layout == "huyen" else (2.0 * cm, 1.5 * cm)
    width = t["A4"][0] - left_m - right_m
    base = PS("base", fontName="DejaVuSerif", fontSize=size, leading=size * 1.33, alignment=t["TA_JUSTIFY"],
              firstLineIndent=1 * cm, spaceAfter=3)
    plain = PS("plain", parent=base, firstLineIndent=0)
    center = PS("center", parent=plain, alignment=t["TA_CENTER"])
    bold_c = PS("boldc", parent=center, fontName="DejaVuSerif-Bold")
    head = PS("head", parent=plain, fontName="DejaVuSerif-Bold", fontSize=12, alignment=t["TA_CENTER"], leading=15)
    sect = PS("sect", parent=base, fontName="DejaVuSerif-Bold", keepWithNext=1)
    cellst = PS("cell", fontName="DejaVuSerif", fontSize=cell, leading=cell * 1.2, alignment=t["TA_LEFT"], splitLongWords=0)
    cellc = PS("cellc", parent=cellst, alignment=t["TA_CENTER"])
    cellb = PS("cellb", parent=cellst, fontName="DejaVuSerif-Bold")
    cellbc = PS("cellbc", parent=cellb, alignment=t["TA_CENTER"])
    small = PS("small", parent=plain, fontSize=11, leading=13.5)
    tracker = Tracker()
    TP.tracker = tracker
    story: list = []

    # header: two columns, no rules
    d, m, y = doc.date
    left = [TP("ỦY BAN NHÂN DÂN", head, tag="document"), TP(doc.unit.upper(), head)]
    right = [TP("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", PS("nat", parent=head, fontSize=10.5)),
             TP("Độc lập - Tự do - Hạnh phúc", head)]
    hdr_c = PS("hdrc", parent=center, fontSize=12, leading=15)
    row2 = [TP(f"Số: {doc.number_written}", hdr_c),
            TP(f"<i>{esc(doc.district[1])}, ngày {d:02d} tháng {m:02d} năm {y}</i>", hdr_c)]
    hdr = t["Table"]([[left, right], row2], colWidths=[6.3 * cm, width - 6.3 * cm])
    hdr.setStyle(t["TableStyle"]([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 1), (-1, 1), 8)]))
    story += [hdr, t["Spacer"](1, 14), TP("BÁO CÁO", PS("t", parent=head, fontSize=size + 1))]

    if doc.layout == "huyen":
        _story_huyen(doc, story, t, base, sect, plain, bold_c)
    else:
        _story_table(doc, story, t, base, bold_c, cellst, cellc, cellb, cellbc)

    # closing and signature
    closing = rng.choice(["để Ban Chỉ đạo chuyển đổi số tỉnh tổng hợp", "kết quả thực hiện",
                          "để Sở Thông tin và Truyền thông tổng hợp"])
    party = {"huyện": "Huyện", "thị xã": "Thị"}.get(doc.district[2], "Thành")
    story.append(TP(f"{esc(doc.issuer)} báo cáo {closing}./.", base))
    recv = [TP("<b><i>Nơi nhận:</i></b>", small), TP("- Sở Thông tin và Truyền thông (b/c);", small),
            TP("- Ban Chỉ đạo chuyển đổi số tỉnh (b/c);", small),
            TP(f"- Thường trực {party} ủy (b/c);", small),
            TP(f"- Chủ tịch, các PCT UBND {doc.district[2]};", small), TP("- Lưu: VT, VHTT.", small)]
    sign = [TP("KT. CHỦ TỊCH", bold_c), TP("PHÓ CHỦ TỊCH", bold_c), t["Spacer"](1, 48), TP(esc(doc.signer), bold_c)]
    sig = t["Table"]([[recv, sign]], colWidths=[width * 0.53, width * 0.47])
    sig.setStyle(t["TableStyle"]([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [t["Spacer"](1, 8), t["KeepTogether"]([sig])]

    def later(canv, _doc):
        canv.saveState()
        canv.setFont("DejaVuSerif", 12)
        canv.drawCentredString(t["A4"][0] / 2, t["A4"][1] - 1.3 * cm, str(canv.getPageNumber()))
        canv.restoreState()

    template = t["SimpleDocTemplate"](str(path), pagesize=t["A4"], leftMargin=left_m, rightMargin=right_m, topMargin=2 * cm,
                                      bottomMargin=2 * cm, title="Báo cáo", author="", creator="")
    template.build(story, onLaterPages=later)
    TP.tracker = None
    return tracker


def _verdict_word(doc: Doc, it: Item) -> str:
    words = KH100_VERDICT_WORDS if doc.layout == "kh100" else VERDICT_WORDS
    return doc.rng.choice(words[it.verdict]) if it.verdict else ""


def _measure_text(it: Item, noun: str, *, seps: bool = False) -> str:
    fmt = thousands if seps else str
    p = pct_text(it.percent, it.decimals) if it.percent is not None else ""
    if it.form == "pct":
        return f"{p} {noun}".strip()
    frac = f"{fmt(it.numerator)}/{fmt(it.denominator)}"
    if it.form == "frac":
        return f"{frac} {noun}".strip()
    if it.form == "frac_eq":
        return f"{frac} = {p} {noun}".strip()
    if it.form == "dat_pct":
        return f"Đạt {p} ({frac} {noun})"
    return f"{frac} {noun} ({p})" if noun else f"{frac} ({p})"


def _story_huyen(doc: Doc, story: list, t: dict, base, sect, plain, bold_c) -> None:
    TP, rng, KT = t["TP"], doc.rng, t["KeepTogether"]
    u, cx = doc.unit, doc.district[4]
    fw = doc.fw
    story.append(TP(f"<b>Kết quả chuyển đổi số trên địa bàn {esc(u)} theo Bộ chỉ tiêu chuyển đổi số cấp huyện "
                    f"tỉnh Thanh Hóa</b>", bold_c))
    story.append(t["Spacer"](1, 8))
    story.append(TP(f"Thực hiện Quyết định số 1042/QĐ-UBND ngày 18/3/2024 của UBND tỉnh về việc Ban hành tạm thời Bộ tiêu "
                    f"chí chuyển đổi số cấp huyện đến năm 2025 trên địa bàn tỉnh Thanh Hóa, {esc(doc.issuer)} báo cáo "
                    f"kết quả chuyển đổi số theo Bộ chỉ tiêu chuyển đổi số cấp huyện đến hết năm 2024 như sau:", base))
    story.append(TP("I. TÌNH HÌNH TRIỂN KHAI", sect))
    kh, qd, cv = rng.randint(8, 25), rng.randint(4, 15), rng.randint(40, 140)
    story.append(TP(f"{esc(doc.issuer)} đã ban hành {kh + qd + cv} văn bản triển khai về chuyển đổi số ({kh} kế hoạch, {qd} "
                    f"quyết định, {cv} công văn, báo cáo). Các {cx} đã ban hành Kế hoạch chuyển đổi số giai đoạn và kế "
                    f"hoạch chuyển đổi số hằng năm; Tổ công nghệ số cộng đồng được kiện toàn đến các thôn, tổ dân phố.", base))
    story.append(TP("II. KẾT QUẢ THỰC HIỆN", sect))
    by_group = {g["code"]: g for g in doc.groups}
    present = {it.code for it in doc.present}
    for g in fw.groups:
        gt = by_group[g.code]
        fails = [it for it in doc.present if it.group == g.code and it.verdict == "chua_dat"]
        name = "Nhóm tiêu chí chung" if g.code == "1" else f"Nhóm tiêu chí về {g.title}"
        line = f"- {name}: gồm {gt['reported_total']:02d} tiêu chí (đạt {gt['reported_passed']}/{gt['reported_total']})"
        bits = [f"Tiêu chí {it.code} chưa đạt: {HUYEN_REASON.get(it.code, 'kết quả thấp hơn mức Bộ tiêu chí yêu cầu').format(u=u, cx=cx)}"
                for it in fails]
        line += (". " + "; ".join(bits) + ".") if bits else "."
        story.append(KT([TP(esc(line), base, tag=f"group:{g.code}")]))
    s = doc.summary
    story.append(KT([TP(f"* Bộ tiêu chí tạm thời chuyển đổi số cấp huyện đến năm 2025 trên địa bàn tỉnh, gồm {len(fw.groups)} "
                        f"nhóm tiêu chí với {s['reported_total']} tiêu chí thành phần (đạt {s['reported_passed']}/"
                        f"{s['reported_total']}), cụ thể như sau:", base, tag="summary")]))
    for g in fw.groups:
        story.append(TP(f"{g.code}. {esc(g.title if g.code != '1' else 'Tiêu chí chung')}", sect))
        for c in g.criteria:
            if c.code not in present:
                continue
            it = next(i for i in doc.present if i.code == c.code)
            for para in _huyen_paragraphs(doc, it, c):
                story.append(TP(esc(para), base, tag=c.code))
            note = _huyen_note(doc, it)
            if note:
                story.append(TP(esc(note), base))
    story.append(t["Spacer"](1, 6))


def _vw(doc: Doc, it: Item) -> str:
    w = _verdict_word(doc, it)
    return f"( {w})" if doc.rng.random() < 0.15 else f"({w})"


def _huyen_paragraphs(doc: Doc, it: Item, c: Criterion) -> list[str]:
    rng, u, cx = doc.rng, doc.unit, doc.district[4]
    tgt = f" ({c.target.label()})" if it.target else ""
    head = f"{it.code}. {c.title}{tgt}: "
    if it.code == "1.1":
        return [head + f"{it.numerator}/{it.denominator} {cx} được công nhận hoàn thành các tiêu chí chuyển đổi số cấp xã "
                + _vw(doc, it)]
    if it.form == "text":
        ok, bad = HUYEN_YESNO[it.code]
        txt = (ok if it.verdict == "dat" else bad).format(u=u, cx=cx, k=rng.randint(12, 400), k2=rng.randint(10, 40),
                                                          n=doc.district[3])
        return [head + txt + " " + _vw(doc, it)]
    if it.code == "2.1":
        return [f"{it.code}. {c.title}{tgt}:",
                f"- {it.denominator}/{it.denominator} (đạt 100%) hồ sơ đề xuất cấp độ của các cơ quan, đơn vị trên địa bàn "
                f"được phê duyệt theo quy định;",
                f"- {it.numerator}/{it.denominator} (đạt {pct_text(it.percent, it.decimals)}) hệ thống thông tin thực hiện "
                f"triển khai các phương án theo hồ sơ đề xuất cấp độ đã được phê duyệt. {_vw(doc, it)}"]
    if it.code == "3.2":
        whole, a, b = it.parts
        return [head + f"{pct_text(it.percent, it.decimals)} văn bản, hồ sơ công việc được tạo lập, xử lý, ký số trên môi "
                f"trường điện tử. Tổng số lượt văn bản trao đổi, xử lý trên môi trường điện tử tính từ ngày 01/01/2024 đến "
                f"ngày {rng.randint(1, 15):02d}/12/2024 là {thousands(whole)} văn bản ({thousands(a)} văn bản đến; "
                f"{thousands(b)} văn bản đi). {_vw(doc, it)}"]
    if it.code == "4.2":
        return [head + f"{it.numerator}/{it.denominator} sản phẩm {_vw(doc, it)}"]
    noun = HUYEN_NOUN[it.code]
    lead = ""
    if it.code == "2.3":
        lead = f"Các doanh nghiệp viễn thông trên địa bàn đã kéo cáp quang đến {rng.randint(60, 320)} thôn, tổ dân phố. "
    if it.code == "4.1" and rng.random() < 0.6:
        lead = "Các hộ sản xuất kinh doanh tham gia các sàn Postmart, Voso, Shopee và bán hàng qua mạng xã hội. "
    if it.form in ("frac_eq", "frac_pct") and rng.random() < 0.5:
        noun = ""
    return [head + lead + _measure_text(it, noun) + " " + _vw(doc, it)]


def _huyen_note(doc: Doc, it: Item) -> str | None:
    rng = doc.rng
    if rng.random() > 0.3:
        return None
    notes = {
        "1.1": f"- Năm 2023 có {rng.randint(1, 5)} {doc.district[4].split(',')[0]} được công nhận hoàn thành; năm 2024 có "
               f"{rng.randint(1, 5)} đơn vị đề nghị thẩm định công nhận hoàn thành.",
        "3.1": f"- Hiện tại có {rng.randint(30, 120)} máy tính được cài phần mềm Bkav Endpoint và các máy tính sử dụng phần mềm "
               f"diệt virus mặc định của Microsoft.",
        "3.5": f"- Trong kỳ báo cáo, UBND các {doc.district[4]} và {doc.issuer} đã thu {thousands(rng.randint(10**8, 2 * 10**9))} "
               f"đồng phí, lệ phí qua thanh toán trực tuyến.",
        "3.7": f"- Năm 2024, {doc.issuer} đã tổ chức {rng.randint(2, 9)} lớp tập huấn về chuyển đổi số, kỹ năng số cơ bản.",
    }
    return notes.get(it.code)


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


def _story_table(doc: Doc, story: list, t: dict, base, bold_c, cellst, cellc, cellb, cellbc) -> None:
    TP, KT, cm = t["TP"], t["KeepTogether"], t["cm"]
    fw, s = doc.fw, doc.summary
    heading, intro, title = _TABLE_TEXT[doc.layout]
    story.append(TP(f"<b>{heading}</b>", bold_c))
    story.append(t["Spacer"](1, 6))
    story.append(TP(intro.format(issuer=esc(doc.issuer)), base))
    story.append(KT([TP(f"Tổng số {s['reported_total']} chỉ tiêu, đã đạt {s['reported_passed']:02d}/{s['reported_total']:02d} "
                        f"chỉ tiêu.", base, tag="summary")]))
    parts = []
    for g in doc.groups:
        gname = next(x for x in fw.groups if x.code == g["code"]).title
        parts.append(f"{gname} đạt {g['reported_passed']:02d}/{g['reported_total']:02d}")
    story.append(KT([TP("Trong đó: " + "; ".join(parts) + ".", base, tag="groups")]))
    story.append(TP("Kết quả cụ thể theo biểu dưới đây:", base))
    story.append(TP(f"<b>{title}</b>", bold_c))
    present = {it.code: it for it in doc.present}
    rows: list = []
    style: list = [("GRID", (0, 0), (-1, -1), 0.6, t["colors"].black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                   ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                   ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if doc.layout == "qd176":
        rows.append([TP(h, cellbc) for h in ("TT", "Nội dung chỉ tiêu", "Chỉ tiêu đến năm 2025",
                                              "Kết quả thực hiện đến 30/8/2023", "Đánh giá", "Ghi chú")])
        widths = [1.1 * cm, 7.2 * cm, 2.2 * cm, 3.4 * cm, 2.0 * cm, 1.6 * cm]
    else:
        rows.append([TP(h, cellbc) for h in ("STT", "Các chỉ tiêu", "Thời gian hoàn thành",
                                              "Kết quả đạt được đến 30/8/2023", "Đánh giá")])
        widths = [1.1 * cm, 9.2 * cm, 1.6 * cm, 3.9 * cm, 1.7 * cm]
    ncol = len(widths)
    for g in fw.groups:
        r = len(rows)
        gname = g.title if doc.layout == "kh100" else f"Về {g.title[3:] if g.title.startswith('Về ') else g.title}"
        rows.append([TP(f"<b>{g.code}</b>", cellc), TP(f"<b>{esc(gname)}</b>", cellb)] + [""] * (ncol - 2))
        style.append(("SPAN", (1, r), (ncol - 1, r)))
        for c in g.criteria:
            it = present.get(c.code)
            if it is None:
                continue
            tag = c.code
            res, note = _table_result(doc, it, c)
            row = [TP(c.code, cellc, tag=tag), TP(esc(c.title), cellst, tag=tag)]
            if doc.layout == "qd176":
                tg = (f"{it.count_target} xã" if it.count_target else c.target.label()) if it.target else ""
                row += [TP(esc(tg), cellc, tag=tag), TP(esc(res), cellc, tag=tag),
                        TP(esc(_verdict_word(doc, it)), cellc, tag=tag), TP(esc(note), cellc, tag=tag)]
            else:
                row += [TP(esc(c.deadline or ""), cellc, tag=tag), TP(esc(res), cellc, tag=tag),
                        TP(esc(_verdict_word(doc, it)), cellc, tag=tag)]
            rows.append(row)
    table = t["Table"](rows, colWidths=widths, splitInRow=1, repeatRows=0)
    table.setStyle(t["TableStyle"](style))
    story += [t["Spacer"](1, 4), table, t["Spacer"](1, 8)]


def _table_result(doc: Doc, it: Item, c: Criterion) -> tuple[str, str]:
    rng = doc.rng
    if doc.layout == "qd176":
        den, noun, _forms = QD176_SPEC.get(it.code, (None, None, None))
        note = ""
        if it.code == "3.1":
            return f"{it.numerator}/{it.denominator} {doc.district[4]}", note
        if it.code == "1.4":
            note = f"Khảo sát {thousands(rng.randint(1200, 6000))} phiếu"
        if it.code in ("2.1", "2.2", "2.3"):
            note = "Số liệu ước tính"
        if it.form == "pct":
            pre = "Ước đạt " if it.code == "2.1" else ""
            return pre + pct_text(it.percent, it.decimals), note
        return _measure_text(it, noun or ""), note
    if it.form == "text":
        ok, bad = KH100_YESNO
        return rng.choice(ok if it.verdict == "dat" else bad), ""
    if it.target is None:
        return ("Ước đạt " if it.code in ("26", "27") else "") + pct_text(it.percent, it.decimals), ""
    _den, noun = KH100_SPEC[it.code]
    if it.form == "dat_pct" and it.verdict == "chua_dat":
        it.form = "frac_pct"
    return _measure_text(it, noun, seps=True), ""


# --- tallies, truth ---------------------------------------------------------------------------


def tallies(doc_items: list[Item], fw: Framework, tweaks: dict, rng: random.Random) -> tuple[list[dict], dict, list[dict]]:
    extra: list[dict] = []
    groups = []
    for g in fw.groups:
        passed = sum(1 for it in doc_items if it.group == g.code and it.verdict in ("dat", "vuot"))
        groups.append({"code": g.code, "reported_passed": passed, "reported_total": len(g.criteria)})
    total_passed = sum(g["reported_passed"] for g in groups)
    if tweaks["group"]:
        cands = [(g, d) for d in (tweaks["group"], -tweaks["group"]) for g in groups
                 if 0 <= g["reported_passed"] + d <= g["reported_total"]]
        g, d = rng.choice(cands)
        g["reported_passed"] += d
        extra.append({"check": "group_tally_mismatch", "code": g["code"]})
    summary = {"reported_passed": total_passed, "reported_total": len(fw.criteria)}
    if tweaks["summary"]:
        d = tweaks["summary"]
        if not 0 <= total_passed + d <= summary["reported_total"]:
            d = -d
        summary["reported_passed"] = total_passed + d
        extra.append({"check": "summary_tally_mismatch", "code": None})
    return groups, summary, extra


def truth_of(doc: Doc, tracker: Tracker, pages: int, kinds: list[str], angles: list[float]) -> dict:
    crits = []
    for it in doc.present:
        first, last = tracker.first(it.code), tracker.last(it.code)
        entry = {"code": it.code, "target": it.target, "numerator": it.numerator, "denominator": it.denominator,
                 "reported_percent": it.percent, "reported_verdict": it.verdict, "page": first}
        if last and first and last > first:
            entry["page_end"] = last
        crits.append(entry)
    split = [c["code"] for c in crits if "page_end" in c]
    if doc.layout == "huyen":
        vis_groups = [g["code"] for g in doc.groups if tracker.first(f"group:{g['code']}") == 1]
    else:
        vis_groups = [g["code"] for g in doc.groups] if tracker.first("groups") == 1 else []
    d, m, y = doc.date
    return {
        "id": doc.id,
        "framework": doc.fw.id,
        "layout": "narrative" if doc.layout == "huyen" else "table",
        "inputs": [k for k in KINDS if k in kinds],
        "document": {"number": doc.number, "date": f"{y:04d}-{m:02d}-{d:02d}", "issuer": doc.issuer},
        "criteria": crits,
        "groups": doc.groups,
        "summary": doc.summary,
        "planted": doc.planted,
        "visible": {"png": {
            "criteria": [c["code"] for c in crits if c["page"] == 1 and c.get("page_end", 1) == 1],
            "partial": [c["code"] for c in crits if c["page"] == 1 and c.get("page_end", 1) > 1],
            "groups": vis_groups,
            "summary": tracker.first("summary") == 1,
            "document": tracker.first("document") == 1,
        }},
        "pages": pages,
        "scan": {"dpi": DPI, "jpeg_quality": JPEG_QUALITY, "png": "bilevel", "angles": angles[:pages]},
        "split_criteria": split,
    }


# --- legacy OCR text ---------------------------------------------------------------------------

PHRASES = {
    "Chưa đạt": ["Chwa dat", "Chua dat", "Chwa dat", "Chua dat"],
    "chưa đạt": ["chwa dat", "chua dat", "chwa dat"],
    "Vượt chỉ tiêu": ["Vwot chi tiéu", "Vuot chi tieu", "Vwot chi tieu", "Vuot chi tiéu"],
    "Tỷ lệ": ["Ty 1€", "Ty 1¢", "Ty lé", "Ty le", "Ty I¢", "Ty 1é"],
    "tỷ lệ": ["ty 1€", "ty lé", "ty le", "ty 1¢"],
}
WORDS = {
    "Đạt": ["Pat", "Dat", "Pat", "Pay", "Dar"], "đạt": ["dat", "dat", "day", "dat"],
    "Chưa": ["Chwa", "Chua", "Chua"], "chưa": ["chwa", "chua", "chua"], "Vượt": ["Vwot", "Vuot", "Vugt"],
    "số": ["s6", "sb", "so", "sd", "s0", "s6"], "Số": ["S6", "Sb", "So"],
    "xã": ["x4", "xa", "xd", "xi", "x3", "xa"], "Xã": ["Xa", "X4"],
}
# junk readings of a Vietnamese letter (base letter, marks) by an engine that does not know them
JUNK = {"ơ": ["&", "o"], "ư": ["w", "tr", "ir", "u"], "ệ": ["€", "¢", "&", "8"], "ế": ["é", "€"], "ề": ["è", "€"],
        "ố": ["6", "0", "b", "d"], "ộ": ["6", "0", "9"], "ồ": ["6", "d"], "ạ": ["4", "a"], "ả": ["3", "a"],
        "ầ": ["A", "â"], "ậ": ["4", "d"], "ẩ": ["A"], "ị": ["j", "1"], "ỉ": ["i", "j"], "ụ": ["y", "u"],
        "ủ": ["ii", "u"], "đ": ["d", "d", "cl"], "Đ": ["P", "D", "B", "P"], "ữ": ["ir", "u"], "ờ": ["&", "o"],
        "ợ": ["g", "o"], "ừ": ["w", "u"], "ọ": ["9", "o"], "ắ": ["á", "a"], "ặ": ["a", "4"]}
LATIN1_OK = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))


def _strip(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0]
    return {"đ": "d", "Đ": "D"}.get(ch, base)


def _latin1_like(ch: str, rng: random.Random) -> str:
    dec = unicodedata.normalize("NFD", ch)
    base, marks = dec[0], dec[1:]
    for mk in marks:
        cand = unicodedata.normalize("NFC", base + mk)
        if len(cand) == 1 and ord(cand) in LATIN1_OK:
            return cand
    return base


def garble_word(word: str, rng: random.Random, digits_ok: bool) -> str:
    if word in WORDS:
        out = rng.choice(WORDS[word])
        return out if digits_ok or not any(ch.isdigit() for ch in out) else _plain(word)
    res = []
    for ch in word:
        if ord(ch) < 0x80:
            r = rng.random()
            if ch == "l" and r < 0.02:
                res.append("I" if not digits_ok or rng.random() < 0.5 else "1")
            elif ch == "i" and r < 0.02:
                res.append("j")
            else:
                res.append(ch)
            continue
        r = rng.random()
        if r < 0.72:
            res.append(_strip(ch))
        elif r < 0.9:
            res.append(_latin1_like(ch, rng))
        else:
            opts = JUNK.get(ch.lower()) or JUNK.get(ch) or [_strip(ch)]
            opts = [o for o in opts if digits_ok or not any(c.isdigit() for c in o)] or [_strip(ch)]
            o = rng.choice(opts)
            res.append(o.upper() if ch.isupper() and len(o) == 1 else o)
    return "".join(res)


def _plain(word: str) -> str:
    return "".join(_strip(ch) if ord(ch) >= 0x80 else ch for ch in word)


TOKEN = re.compile("|".join(re.escape(p) for p in PHRASES) + r"|[^\W\d_]+")


def garble_line(line: str, rng: random.Random) -> str:
    line = unicodedata.normalize("NFC", line)

    def sub(m: re.Match) -> str:
        s = m.group(0)
        if s in PHRASES:
            opts = PHRASES[s]
            return rng.choice(opts)
        before = line[m.start() - 1] if m.start() else " "
        after = line[m.end()] if m.end() < len(line) else " "
        return garble_word(s, rng, digits_ok=not (before.isdigit() or after.isdigit()))

    out = TOKEN.sub(sub, line)
    return "".join(ch if ord(ch) in LATIN1_OK or ch in "€¢" else _plain(ch) for ch in out)


PARA_START = re.compile(r"^(\d+(\.\d+)*\.?\s|[-*+]\s|[IVX]+\.?\s)")


def ocr_text(pdf: Path, rng: random.Random) -> str:
    import pdfplumber

    pages_out = []
    with pdfplumber.open(str(pdf)) as p:
        for i, page in enumerate(p.pages, start=1):
            lines = [ln.rstrip() for ln in (page.extract_text() or "").splitlines()]
            if i > 1 and lines and lines[0].strip() == str(i):
                lines = lines[1:]
            lines = [ln for ln in lines if ln.strip()]
            out = []
            for j, ln in enumerate(lines):
                g = garble_line(ln, rng)
                if j == 0:
                    g = " " + g
                else:
                    prev = lines[j - 1]
                    p_blank = 0.55 if (PARA_START.match(ln) or prev.endswith((".", ":", ";", ")"))) else 0.12
                    if rng.random() < p_blank:
                        out.append("")
                out.append(g)
            pages_out.append("\n".join(out))
    return "\n".join(pages_out) + "\n"


# --- legacy-font PDF ---------------------------------------------------------------------------


def legacy_encoder(encoding: str):
    """Unicode → the legacy font codes, from tieuchi's own decoding tables read backwards.

    TCVN3 (ABC): one code per letter, drawn as the Latin-1 character it is; toned capitals have no
    VN3 code, .VnTimeH documents type them with the lower-case code. VNI: a base letter and a
    mark character ("aù" for "á"), as VNI-Times text extracts.
    """
    tables = json.loads((ROOT / "ingest" / "data" / "legacy_encodings.json").read_text(encoding="utf-8"))
    if encoding == "tcvn3":
        inv = {ch: chr(int(code, 16)) for code, ch in tables["tcvn3"]["map"].items()}
    else:
        inv = {ch: seq for seq, ch in tables["vni"]["map"].items() if seq != ch}

    def encode(text: str) -> str:
        text = unicodedata.normalize("NFC", text)
        return "".join(inv.get(ch, inv.get(ch.lower(), ch)) for ch in text)

    return encode


LEGACY_PDF_KINDS = {"tcvn3.pdf": "tcvn3", "vni.pdf": "vni"}


def legacy_font_pdf(src: Path, dst: Path, encoding: str = "tcvn3") -> None:
    """The text PDF redrawn as an old .VnTime (TCVN3) or VNI-Times document's text layer reads:
    every word at its place, in the legacy codes ("B¸o c¸o kÕt qu¶", "Baùo caùo keát quaû"), the
    rules redrawn.

    Real legacy fonts map those codes to Vietnamese glyphs; PDF text extraction sees only the
    codes, which is all the ingest stage ever gets from such a file.
    """
    import pdfplumber
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    _pdf_tools()  # registers the fonts
    encode = legacy_encoder(encoding)
    c = canvas.Canvas(str(dst), invariant=1)
    with pdfplumber.open(str(src)) as pdf:
        for page in pdf.pages:
            w, h = float(page.width), float(page.height)
            c.setPageSize((w, h))
            for e in page.edges:
                c.setLineWidth(float(e.get("linewidth") or 0.5))
                c.line(float(e["x0"]), h - float(e["top"]), float(e["x1"]), h - float(e["bottom"]))
            for word in page.extract_words(x_tolerance=1.5, y_tolerance=3, return_chars=True):
                first = word["chars"][0]
                font = "DejaVuSerif-Bold" if "Bold" in first["fontname"] else "DejaVuSerif"
                size = float(first["size"])
                text = encode(word["text"])
                natural = stringWidth(text, font, size) or 1.0
                t = c.beginText(float(word["x0"]), float(first["matrix"][5]))
                t.setFont(font, size)
                t.setHorizScale(100.0 * (float(word["x1"]) - float(word["x0"])) / natural)
                t.textOut(text)
                c.drawText(t)
            c.showPage()
    c.save()


# --- scans ------------------------------------------------------------------------------------


def rasterise(pdf: Path, tmp: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(pdf), str(tmp / "p")], check=True)
    return [Path(p) for p in sorted(glob.glob(str(tmp / "p-*.pgm")))]


def degrade(path: Path, angle: float, rng: random.Random):
    from PIL import Image, ImageChops, ImageFilter

    im = Image.open(path).convert("L")
    im = im.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    im = im.point(lambda v: 18 + v * 226 // 255)  # paper is not white, ink is not black
    tile_n = 192
    tiles = []
    for _ in range(3):
        data = bytes(max(0, min(255, int(128 + rng.gauss(0, 4)))) for _ in range(tile_n * tile_n))
        tiles.append(Image.frombytes("L", (tile_n, tile_n), data))
    noise = Image.new("L", im.size, 128)
    for y in range(0, im.size[1], tile_n):
        for x in range(0, im.size[0], tile_n):
            noise.paste(tiles[rng.randrange(3)], (x, y))
    return ImageChops.add(im, noise, scale=1.0, offset=-128).filter(ImageFilter.GaussianBlur(0.8))


def write_scans(doc_id: str, pdf: Path, out: Path, kinds: list[str], angles: list[float], rng: random.Random) -> None:
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmpd:
        tmp = Path(tmpd)
        pages = rasterise(pdf, tmp)
        imgs = [degrade(p, angles[i], rng) for i, p in enumerate(pages)]
        if "png" in kinds:
            bw = imgs[0].point(lambda v: 255 if v > 150 else 0).convert("1", dither=Image.Dither.NONE)
            bw.save(out / f"{doc_id}.png", dpi=(DPI, DPI), optimize=True)
        if "scan.pdf" in kinds:
            stamp = time.gmtime(946684800)
            imgs[0].save(out / f"{doc_id}.scan.pdf", "PDF", save_all=True, append_images=imgs[1:], resolution=float(DPI),
                         quality=JPEG_QUALITY, optimize=True, title="scan", creationDate=stamp, modDate=stamp)


# --- one document ------------------------------------------------------------------------------


def make_doc(seed: int, index: int, layout: str, catalog, taken: set[str]) -> Doc:
    rng = random.Random(f"tieuchi-samples/{seed}/{index}/{layout}")
    fw = catalog.get(LAYOUTS[layout])
    district = rng.choice([d for d in DISTRICTS if d[0] not in taken])
    taken.add(district[0])
    items = make_items(rng, fw, layout, district)
    n_err = rng.choice([0, 1, 2, 3])
    planted, tweaks = plant(rng, choose_plants(rng, layout, n_err), items, layout)
    present = [it for it in items if it.code not in tweaks["missing"]]
    groups, summary, extra = tallies(present, fw, tweaks, rng)
    planted += extra
    no = rng.randint(120, 2900)
    if layout == "huyen":
        date = (rng.randint(2, 28), 12, 2024) if rng.random() < 0.6 else (rng.randint(2, 20), 1, 2025)
    else:
        date = (rng.randint(1, 28), rng.choice([9, 10]), 2023)
    return Doc(id=f"s{index:02d}_{layout}_{district[0]}", layout=layout, fw=fw, district=district,
               number=f"{no}/BC-UBND", number_written=f"{no} /BC-UBND" if rng.random() < 0.3 else f"{no}/BC-UBND",
               date=date, signer=rng.choice(SIGNERS), items=items, present=present, groups=groups, summary=summary,
               planted=planted, rng=rng)


def generate(seed: int, out: Path, layouts: list[str], kinds: list[str]) -> list[Path]:
    catalog = load_catalog()
    out.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    written = []
    for index, layout in enumerate(layouts):
        doc = make_doc(seed, index, layout, catalog, taken)
        aux = random.Random(f"tieuchi-samples/{seed}/{index}/aux")
        angles = [round(aux.uniform(-0.6, 0.6), 3) for _ in range(12)]
        with tempfile.TemporaryDirectory() as tmpd:
            pdf = Path(tmpd) / f"{doc.id}.pdf"
            tracker = build_pdf(doc, pdf)
            from pypdf import PdfReader

            pages = len(PdfReader(str(pdf)).pages)
            if "pdf" in kinds:
                (out / pdf.name).write_bytes(pdf.read_bytes())
            for kind, encoding in LEGACY_PDF_KINDS.items():
                if kind in kinds:
                    legacy_font_pdf(pdf, out / f"{doc.id}.{kind}", encoding)
            if "txt" in kinds:
                (out / f"{doc.id}.txt").write_text(ocr_text(pdf, random.Random(f"tieuchi-samples/{seed}/{index}/ocr")),
                                                   encoding="utf-8")
            if "scan.pdf" in kinds or "png" in kinds:
                write_scans(doc.id, pdf, out, kinds, angles, random.Random(f"tieuchi-samples/{seed}/{index}/scan"))
        truth = truth_of(doc, tracker, pages, kinds, angles)
        path = out / f"{doc.id}.truth.json"
        path.write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=2677)
    ap.add_argument("--out", type=Path, default=ROOT / "samples" / "generated")
    ap.add_argument("--docs", default="huyen,qd176,kh100", help="comma-separated layouts, one per document: huyen, qd176, kh100")
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma-separated: pdf, scan.pdf, png, txt, tcvn3.pdf, vni.pdf")
    args = ap.parse_args(argv)
    layouts = [s.strip() for s in args.docs.split(",") if s.strip()]
    kinds = [s.strip() for s in args.kinds.split(",") if s.strip()]
    bad = [x for x in layouts if x not in LAYOUTS] + [k for k in kinds if k not in KINDS]
    if bad:
        ap.error(f"unknown: {', '.join(bad)}")
    for p in generate(args.seed, args.out, layouts, kinds):
        truth = json.loads(p.read_text(encoding="utf-8"))
        print(f"{truth['id']}: {truth['pages']} pages, {len(truth['criteria'])} criteria, "
              f"planted {[(f['check'], f['code']) for f in truth['planted']] or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
