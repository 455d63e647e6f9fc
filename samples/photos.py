"""Real-world page images made from the labelled samples: turned pages, phone photos, a stamped
page, a photocopy. Each gets a truth file derived from its source document's (deterministic).

    .venv/bin/python samples/photos.py            # writes samples/photos/
    .venv/bin/python samples/photos.py --salt 7 --out /tmp/p --only photo,rot90 --pages labelled/a012_thieu-hoa:2

Every sample is one page of a text PDF in samples/labelled or samples/generated, rasterised
with pdftoppm and then changed the way a scanner, a phone or a copier changes a page:

| id suffix       | what happens to the page                                                              |
|-----------------|---------------------------------------------------------------------------------------|
| ``rot90``       | a landscape-fed page: the image turned 90° (1-bit PNG, like a scanner's)              |
| ``rot180``      | fed upside down: turned 180° (1-bit PNG)                                              |
| ``photo``       | photographed on a desk: perspective (corners moved 3–7 %), light falling off across  |
|                 | the page, a soft shadow, warm paper, blur, sensor noise, JPEG quality 62, no dpi     |
| ``stamp``       | the last page with a red round seal over the signature block and the text above it,  |
|                 | and a blue signature (colour JPEG)                                                   |
| ``photocopy``   | grey cast, darker towards one side, black edges along two sides, toner specks (JPEG) |
| ``stamp_pdf``   | the ``stamp`` page as a scanned PDF (one colour JPEG image per page, 200 dpi)        |
| ``photocopy_pdf``| the ``photocopy`` page as a scanned PDF (one grey JPEG image per page, 200 dpi)     |

The truth file keeps the source's labels for the criteria printed on that page (their ``page``
becomes 1) and the document header only when the page is the first. Needs Pillow, numpy and
``pdftoppm``. Not part of the library.
"""

from __future__ import annotations

import json
import math
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ingest.photo import perspective_coefficients  # noqa: E402

OUT = ROOT / "samples" / "photos"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"

# id, source document (folder/id), page, kind, dpi
SAMPLES = [
    ("a000_p3_rot90", "labelled/a000_bim-son", 3, "rot90", 200),
    ("s00_p3_rot180", "generated/s00_huyen_thuong-xuan", 3, "rot180", 200),
    ("a000_p2_photo", "labelled/a000_bim-son", 2, "photo", 200),
    ("a012_p3_photo", "labelled/a012_thieu-hoa", 3, "photo", 200),
    ("a005_p1_photo", "labelled/a005_yen-dinh", 1, "photo", 200),
    ("s00_p4_stamp", "generated/s00_huyen_thuong-xuan", 4, "stamp", 200),
    ("a000_p4_photocopy", "labelled/a000_bim-son", 4, "photocopy", 200),
    ("s00_p4_stamp_pdf", "generated/s00_huyen_thuong-xuan", 4, "stamp_pdf", 200),
    ("a000_p4_photocopy_pdf", "labelled/a000_bim-son", 4, "photocopy_pdf", 200),
]


def rasterise(pdf: Path, page: int, dpi: int, tmp: Path) -> Image.Image:
    base = tmp / f"p{page}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(base)],
                   check=True)
    with Image.open(str(base) + ".pgm") as im:
        return im.convert("L")


def smooth_field(size: tuple[int, int], rng: random.Random, lo: float, hi: float) -> np.ndarray:
    """A smooth random multiplicative field between ``lo`` and ``hi`` (light falling off, a shadow)."""
    w, h = size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ang = rng.uniform(0, 2 * math.pi)
    ramp = (xx * math.cos(ang) + yy * math.sin(ang))
    ramp = (ramp - ramp.min()) / max(1.0, float(ramp.max() - ramp.min()))
    field = hi - (hi - lo) * ramp ** 1.5
    # a soft shadow: a band across the page, as of a hand or a phone held above it
    cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
    ang2 = rng.uniform(0, math.pi)
    dist = np.abs((xx - cx) * math.sin(ang2) - (yy - cy) * math.cos(ang2))
    band = np.clip(1 - dist / (0.12 * max(w, h)), 0, 1)
    field *= 1 - 0.28 * band
    return field


def photo(page: Image.Image, rng: random.Random) -> Image.Image:
    w, h = page.size
    cw, ch = int(w * 1.22), int(h * 1.16)
    # the desk: dark, uneven, a little noisy
    desk = np.full((ch, cw, 3), (62, 52, 44), dtype=np.float32)
    desk *= smooth_field((cw, ch), rng, 0.75, 1.1)[..., None]
    mx, my = (cw - w) / 2, (ch - h) / 2

    def jitter(x: float, y: float) -> tuple[float, float]:
        return (x + rng.uniform(-0.035, 0.035) * w, y + rng.uniform(-0.03, 0.03) * h)

    dst = [jitter(mx, my), jitter(mx + w, my), jitter(mx + w, my + h), jitter(mx, my + h)]
    src = [(0.0, 0.0), (float(w), 0.0), (float(w), float(h)), (0.0, float(h))]
    coeffs = perspective_coefficients(src, dst)  # maps canvas (output) points to page (input) points
    rgb = Image.merge("RGB", [page.point(lambda v, k=k: int(v * k / 255)) for k in (250, 245, 232)])
    warped = rgb.transform((cw, ch), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    mask = Image.new("L", (w, h), 255).transform((cw, ch), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR)
    m = np.asarray(mask, dtype=np.float32)[..., None] / 255
    arr = np.asarray(warped, dtype=np.float32) * m + desk * (1 - m)
    arr *= smooth_field((cw, ch), rng, 0.62, 1.0)[..., None]
    arr += np.random.default_rng(rng.randrange(2**32)).normal(0, 5, arr.shape)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB").filter(ImageFilter.GaussianBlur(0.7))
    return out


def seal(size: int, rng: random.Random) -> Image.Image:
    """A red round seal as an ink-density mask (255 = full ink)."""
    im = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(im)
    d.ellipse([4, 4, size - 4, size - 4], outline=255, width=max(4, size // 40))
    d.ellipse([size * 0.1, size * 0.1, size * 0.9, size * 0.9], outline=255, width=max(2, size // 80))
    font = ImageFont.truetype(FONT, size // 11)
    text = "ỦY BAN NHÂN DÂN • THANH HÓA •"
    for i, ch in enumerate(text):  # letters around the ring
        a = math.pi * 1.1 + i * (2 * math.pi / len(text))
        r = size * 0.32
        x, y = size / 2 + r * math.cos(a), size / 2 + r * math.sin(a)
        glyph = Image.new("L", (size // 8, size // 8), 0)
        ImageDraw.Draw(glyph).text((size // 40, 0), ch, fill=255, font=font)
        glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.Resampling.BICUBIC)
        im.paste(glyph, (int(x - glyph.width / 2), int(y - glyph.height / 2)), glyph)
    d.regular_polygon((size / 2, size / 2, size * 0.1), 5, fill=255)
    speck = Image.effect_noise((size, size), 60).point(lambda v: 255 if v > 110 else 120)
    return ImageChops.multiply(im, speck).filter(ImageFilter.GaussianBlur(1.0))


def stamp(page: Image.Image, rng: random.Random) -> Image.Image:
    w, h = page.size
    rgb = np.stack([np.asarray(page, dtype=np.float32)] * 3, axis=-1)
    # the seal sits over the end of the text and the signature block, as seals do
    ink_rows = np.nonzero((np.asarray(page) < 128).sum(axis=1) > 0)[0]
    bottom = int(ink_rows.max()) if ink_rows.size else h // 2
    size = int(w * 0.24)
    # centred over the last lines of the report's text, above the signature: the seal covers words
    cx, cy = int(w * rng.uniform(0.42, 0.55)), max(size // 2, bottom - int(size * 1.1))
    s = np.asarray(seal(size, rng), dtype=np.float32) / 255 * 0.85
    red = np.array([200, 30, 40], dtype=np.float32) / 255
    x0, y0 = cx - size // 2, cy - size // 2
    region = rgb[y0:y0 + size, x0:x0 + size]
    sub = s[: region.shape[0], : region.shape[1], None]
    region *= (1 - sub) + sub * red  # multiply: the seal's ink over the text keeps the text dark
    # a blue signature scrawl beside it
    sig = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(sig)
    pts = [(cx + size * 0.2 + t * 3.2, cy + 25 * math.sin(t / 9) + 12 * math.sin(t / 3.1)) for t in range(90)]
    d.line(pts, fill=230, width=4)
    s2 = np.asarray(sig.filter(ImageFilter.GaussianBlur(1.2)), dtype=np.float32)[..., None] / 255
    rgb *= (1 - s2) + s2 * (np.array([30, 50, 170], dtype=np.float32) / 255)
    rgb += np.random.default_rng(rng.randrange(2**32)).normal(0, 3, rgb.shape)
    return Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB")


def photocopy(page: Image.Image, rng: random.Random) -> Image.Image:
    w, h = page.size
    arr = np.asarray(page, dtype=np.float32)
    arr = 40 + arr * (190 / 255)  # grey paper, ink not black
    arr *= smooth_field((w, h), rng, 0.8, 1.05)
    # black edges where the copier's lid did not cover: two sides, ragged
    left = int(w * rng.uniform(0.025, 0.04))
    top = int(h * rng.uniform(0.015, 0.03))
    for y in range(h):
        arr[y, : left + int(6 * math.sin(y / 37))] = rng.uniform(15, 35)
    for x in range(w):
        arr[: top + int(5 * math.sin(x / 29)), x] = rng.uniform(15, 35)
    g = np.random.default_rng(rng.randrange(2**32))
    specks = g.random(arr.shape) < 0.0015
    arr[specks] = 30
    arr += g.normal(0, 4, arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L").filter(ImageFilter.GaussianBlur(0.6))


def one_bit(im: Image.Image) -> Image.Image:
    return im.point(lambda v: 255 if v > 150 else 0).convert("1", dither=Image.Dither.NONE)


def truth_for(source_truth: dict, sample_id: str, page: int, kind: str, src_id: str) -> dict:
    criteria = [dict(c, page=1) for c in source_truth["criteria"] if c["page"] == page]
    return {
        "id": sample_id,
        "source": {"document": src_id, "page": page, "transformation": kind},
        "framework": source_truth["framework"],
        "layout": source_truth.get("layout"),
        "document": source_truth["document"] if page == 1 else None,
        "pages": 1,
        "criteria": criteria,
    }


def make(sample_id: str, src: str, page: int, kind: str, dpi: int, tmp: Path, out: Path = OUT, salt: str = "") -> list[Path]:
    rng = random.Random(f"tieuchi-photos/{sample_id}{salt}")
    pdf = ROOT / "samples" / f"{src}.pdf"
    truth = json.loads((ROOT / "samples" / f"{src}.truth.json").read_text(encoding="utf-8"))
    im = rasterise(pdf, page, dpi, tmp)
    if kind in ("rot90", "rot180"):
        im = im.rotate(rng.uniform(-0.8, 0.8), resample=Image.Resampling.BICUBIC, fillcolor=255)
        turned = im.transpose(Image.Transpose.ROTATE_90 if kind == "rot90" else Image.Transpose.ROTATE_180)
        path = out / f"{sample_id}.png"
        one_bit(turned).save(path, dpi=(dpi, dpi), optimize=True)
    elif kind == "photo":
        path = out / f"{sample_id}.jpg"
        photo(im, rng).save(path, quality=62, optimize=True)
    elif kind == "stamp":
        path = out / f"{sample_id}.jpg"
        stamp(im, rng).save(path, quality=68, optimize=True, dpi=(dpi, dpi))
    elif kind == "photocopy":
        path = out / f"{sample_id}.jpg"
        photocopy(im, rng).save(path, quality=60, optimize=True, dpi=(dpi, dpi))
    elif kind in ("stamp_pdf", "photocopy_pdf"):
        # a scanner's PDF: the page image as one JPEG per page (Pillow writes it DCT-encoded)
        path = out / f"{sample_id}.scan.pdf"  # the samples' name for an image-only PDF
        shot = stamp(im, rng) if kind == "stamp_pdf" else photocopy(im, rng)
        shot.save(path, format="PDF", resolution=float(dpi), quality=68)
    else:  # pragma: no cover
        raise ValueError(kind)
    tpath = out / f"{sample_id}.truth.json"
    tpath.write_text(json.dumps(truth_for(truth, sample_id, page, kind, truth["id"]), ensure_ascii=False, indent=1) + "\n",
                     encoding="utf-8")
    return [path, tpath]


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT, help="folder (default: samples/photos)")
    ap.add_argument("--salt", default="", help="varies every random choice: new variants of the same kinds")
    ap.add_argument("--only", default="", help="kinds to make, comma-separated (default: the committed set)")
    ap.add_argument("--pages", default="", help="SOURCE:PAGE,... instead of the committed set's pages (with --only)")
    a = ap.parse_args(argv)
    todo = list(SAMPLES)
    if a.pages:
        kinds = a.only.split(",") if a.only else ["photo"]
        todo = []
        for spec in a.pages.split(","):
            src, page = spec.rsplit(":", 1)
            for kind in kinds:
                todo.append((f"{Path(src).name.split('_')[0]}_p{page}_{kind}", src, int(page), kind, 200))
    elif a.only:
        todo = [t for t in todo if t[3] in a.only.split(",")]
    a.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmpd:
        for sample_id, src, page, kind, dpi in todo:
            for p in make(sample_id, src, page, kind, dpi, Path(tmpd), a.out, a.salt):
                print(f"{p}  {p.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
