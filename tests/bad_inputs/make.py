"""Regenerate the hostile-input corpus in this folder (run by hand; the files are committed).

    .venv/bin/python tests/bad_inputs/make.py

Needs reportlab and pypdf (the dev extra) and a DejaVu font; tests only read the results.
"""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent.parent / "samples"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def text_pdf(lines: list[str], pages: int = 1) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for _ in range(pages):
        c.setFont("DejaVu", 11)
        y = 800
        for line in lines:
            c.drawString(50, y, line)
            y -= 16
        c.showPage()
    c.save()
    return buf.getvalue()


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: precomposed base letters plus a combining tone mark."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in d if c in tones)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out += (base + tone).encode("cp1258", errors="replace")
    return bytes(out)


def main() -> None:
    random.seed(1042)
    report = (SAMPLES / "labelled" / "a000_bim-son.pdf").read_bytes()
    seed_text = (SAMPLES / "seed000_thanh-hoa.txt").read_text(encoding="utf-8")
    w = lambda name, data: (HERE / name).write_bytes(data)  # noqa: E731
    w("empty.pdf", b"")
    w("truncated.pdf", report[: len(report) // 3])
    broken = report.replace(b"startxref", b"startxrex").replace(b"xref", b"xrfe")
    w("broken_xref.pdf", broken)
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(report)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="tieuchi", owner_password="owner", algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    w("encrypted_password_tieuchi.pdf", buf.getvalue())
    png = io.BytesIO()
    Image.new("L", (200, 100), 255).save(png, format="PNG")
    w("png_named.pdf", png.getvalue())
    w("random_bytes.pdf", bytes(random.getrandbits(8) for _ in range(4096)))
    huge = io.BytesIO()
    Image.new("1", (20000, 20000), 1).save(huge, format="PNG", optimize=True)
    w("huge_20000x20000.png", huge.getvalue())
    one = io.BytesIO()
    Image.new("L", (1, 1), 255).save(one, format="PNG")
    w("one_pixel.png", one.getvalue())
    w("blank_pages.pdf", text_pdf([], pages=2))
    w("english_only.pdf", text_pdf(["Quarterly report on road maintenance.", "All works were completed on time."] * 6))
    w("report_utf16.txt", seed_text.encode("utf-16"))
    w("report_cp1258.txt", to_cp1258(seed_text))
    w("báo cáo số 1 (bản sao).txt", seed_text.encode("utf-8"))
    w("-dash-leading.txt", seed_text.encode("utf-8"))
    w("binary_named.txt", bytes(range(256)) * 8)
    loop = HERE / "loop"
    loop.mkdir(exist_ok=True)
    link = loop / "again"
    if not link.is_symlink():
        os.symlink("..", link)


if __name__ == "__main__":
    main()
