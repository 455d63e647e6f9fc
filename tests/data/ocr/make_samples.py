"""Regenerate the OCR test samples in this folder (deterministic; needs Pillow, reportlab and DejaVu Serif).

    .venv/bin/python tests/data/ocr/make_samples.py

Not part of the library: the committed files are what the tests read.
"""

from __future__ import annotations

import io
import random
import shutil
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
DPI = 300
PX = 46  # 11 pt at 300 dpi
CORPUS_PAGE = Path("/work/shared/corpus/dev/a000_bim-son.png")

REPORT_LINES = [
    "II. KẾT QUẢ THỰC HIỆN",
    "3.4. Tỷ lệ hồ sơ tiếp nhận, giải quyết trực tuyến toàn trình (85%): 15424/15378 = 99,7% (Vượt chỉ tiêu)",
    "- Nhóm tiêu chí về Chính quyền số: gồm 09 tiêu chí (đạt 8/9).",
    "Tổng hợp: đạt 18/23 tiêu chí thành phần; 7/7 phường, xã đã ban hành kế hoạch.",
]
PAGE_ONE = ["Trang một: báo cáo kết quả chuyển đổi số", "Tỷ lệ dân số có tài khoản thanh toán điện tử: 11123/28132"]
PAGE_TWO = ["Trang hai: kinh tế số và xã hội số", "Tỷ lệ doanh nghiệp có phát sinh thuế: 209/777 (26,9%)"]
TABLE = [
    ("TT", "Nội dung chỉ tiêu", "Chỉ tiêu", "Kết quả", "Đánh giá"),
    ("2.2", "Tỷ lệ tăng năng suất lao động", "9,6%", "11,09%", "Vượt"),
    ("2.3", "Tỷ lệ doanh nghiệp nộp thuế", "50%", "209/777", "Chưa đạt"),
]


def render(lines: list[str], width: int, *, bold_first: bool = False, margin: int = 60) -> Image.Image:
    """Black text on white, one line per entry, at 300 dpi."""
    font = ImageFont.truetype(FONT, PX)
    bold = ImageFont.truetype(FONT_BOLD, PX)
    leading = int(PX * 1.5)
    im = Image.new("L", (width, 2 * margin + leading * len(lines)), 255)
    draw = ImageDraw.Draw(im)
    for i, text in enumerate(lines):
        draw.text((margin, margin + i * leading), text, fill=0, font=bold if bold_first and i == 0 else font)
    return im


def degrade(im: Image.Image, *, angle: float, seed: int, specks: int = 400) -> Image.Image:
    """Slight rotation, blur and speckle noise (sparse, so PNG stays small)."""
    rng = random.Random(seed)
    out = im.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255).filter(ImageFilter.GaussianBlur(0.8))
    px = out.load()
    for _ in range(specks):
        x, y = rng.randrange(out.width), rng.randrange(out.height)
        px[x, y] = rng.choice((0, 90, 170))
    return out


def ruled_table(rows: list[tuple[str, ...]]) -> Image.Image:
    """A small ruled table like the QĐ 176 results tables."""
    font = ImageFont.truetype(FONT, PX)
    cols = [150, 900, 300, 330, 330]
    row_h = 100
    x0, y0 = 40, 40
    im = Image.new("L", (sum(cols) + 2 * x0, row_h * len(rows) + 2 * y0), 255)
    draw = ImageDraw.Draw(im)
    for r, row in enumerate(rows):
        x = x0
        for c, text in enumerate(row):
            draw.text((x + 22, y0 + r * row_h + 22), text, fill=0, font=font)
            x += cols[c]
    for r in range(len(rows) + 1):
        draw.line([(x0, y0 + r * row_h), (x0 + sum(cols), y0 + r * row_h)], fill=0, width=4)
    x = x0
    for w in [0, *cols]:
        x += w
        draw.line([(x, y0), (x, y0 + row_h * len(rows))], fill=0, width=4)
    return im.filter(ImageFilter.GaussianBlur(0.6))


def main() -> None:
    lines = degrade(render(REPORT_LINES, 2700, bold_first=True), angle=0.4, seed=1)
    lines.save(HERE / "report_lines.png", dpi=(DPI, DPI), optimize=True)

    # Stored turned 90° counter-clockwise; EXIF Orientation 6 says "rotate 90° clockwise to view".
    exif = Image.Exif()
    exif[0x0112] = 6
    lines.rotate(90, expand=True).save(HERE / "report_lines_exif6.jpg", quality=80, exif=exif, dpi=(DPI, DPI))

    p1 = degrade(render(PAGE_ONE, 2000), angle=-0.3, seed=2).point(lambda v: 255 if v > 140 else 0).convert("1")
    p2 = degrade(render(PAGE_TWO, 2000), angle=0.2, seed=3).point(lambda v: 255 if v > 140 else 0).convert("1")
    p1.save(HERE / "two_pages.tif", save_all=True, append_images=[p2], compression="group4", dpi=(DPI, DPI))

    g1 = degrade(render(PAGE_ONE, 2000), angle=0.3, seed=4)
    g2 = degrade(render(PAGE_TWO, 2000), angle=-0.2, seed=5)
    g1.save(HERE / "scan_2pages.pdf", save_all=True, append_images=[g2], resolution=DPI)

    ruled_table(TABLE).save(HERE / "table_rows.png", dpi=(DPI, DPI), optimize=True)

    encrypted_pdf(g1, HERE / "encrypted_secret.pdf")

    if CORPUS_PAGE.exists():
        shutil.copyfile(CORPUS_PAGE, HERE / "a000_bim-son_p1.png")


def encrypted_pdf(page: Image.Image, out: Path) -> None:
    """One image-only page, user password 'secret' (reportlab standard encryption)."""
    from reportlab.lib import pdfencrypt
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    w_pt, h_pt = page.width * 72 / DPI, page.height * 72 / DPI
    buf = io.BytesIO()
    page.save(buf, format="PNG")
    buf.seek(0)
    enc = pdfencrypt.StandardEncryption("secret", ownerPassword="owner-pw", strength=128)
    c = canvas.Canvas(str(out), pagesize=(w_pt, h_pt), encrypt=enc, invariant=1)
    c.drawImage(ImageReader(buf), 0, 0, width=w_pt, height=h_pt)
    c.showPage()
    c.save()


if __name__ == "__main__":
    main()
