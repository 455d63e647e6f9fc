"""Degradation as images: pages rasterised, skewed, blurred, noisy, JPEG (scan.pdf) and page 1 as 1-bit PNG."""

from __future__ import annotations

import glob
import random
import subprocess
import tempfile
import time
from pathlib import Path

from samples.maker.data import DPI, JPEG_QUALITY


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
