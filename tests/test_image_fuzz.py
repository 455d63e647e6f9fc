"""Bounded fuzzing of the image path on the bundled scans: random crops, rotations, scales, noise,
modes and JPEG quality, then decoding, photo corrections, orientation test, deskew, table grid,
content crop and cell boxes. Only tieuchi's typed input errors may come out.

`make test` runs it for a few seconds; `make fuzz-images` sets TIEUCHI_FUZZ_SECONDS=600 and
TIEUCHI_FUZZ_OCR=1 (every tenth case also goes through the real Tesseract, whole read_image).
"""

import hashlib
import io
import os
import random
import time

from PIL import Image, ImageFilter

from ingest.config import IngestConfig
from ingest.errors import InputError
from ingest.geometry import safe_crop
from ingest.grid import apply_grid, erase_grid, find_grid
from ingest.image import content_box, iter_frames, open_image
from ingest.models import Line, Word
from ingest.preprocess import prepare_page
from tests.conftest import DATA, SAMPLES

SECONDS = float(os.environ.get("TIEUCHI_FUZZ_SECONDS", "6"))
WITH_OCR = os.environ.get("TIEUCHI_FUZZ_OCR") == "1"
MAX_PIXELS = 40_000_000
SEEDS = sorted(p for p in [*SAMPLES.rglob("*.png"), *SAMPLES.rglob("*.jpg"), *(DATA / "ocr").glob("*.png")])


def _load_seeds() -> list[Image.Image]:
    out = []
    for p in SEEDS:
        with Image.open(p) as im:
            im.draft(im.mode, (900, 900))  # JPEG: decode at a reduced scale
            im.load()
            small = im.copy()
            small.thumbnail((900, 900))  # keeps the suite's share of this to a few seconds
            out.append(small)
    return out


def _mutate(rng: random.Random, im: Image.Image) -> Image.Image:
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        if op < 0.2:  # crop, possibly to a sliver
            w, h = im.size
            x0, y0 = rng.randrange(w), rng.randrange(h)
            im = im.crop((x0, y0, min(w, x0 + rng.randint(1, w)), min(h, y0 + rng.randint(1, h))))
        elif op < 0.4:
            im = im.rotate(rng.choice([90, 180, 270, rng.uniform(-40, 40)]), expand=rng.random() < 0.5,
                           fillcolor=rng.choice([None, 0, 255]) if im.mode in ("L", "1") else None)
        elif op < 0.55:
            f = rng.choice([0.02, 0.1, 0.3, 0.7, 1.3])
            im = im.resize((max(1, int(im.width * f)), max(1, int(im.height * f * rng.uniform(0.5, 2)))))
        elif op < 0.7:
            im = Image.blend(im.convert("L"), Image.effect_noise(im.size, rng.uniform(5, 120)), rng.uniform(0.1, 0.7))
        elif op < 0.8:
            im = im.convert(rng.choice(["1", "L", "RGB", "P", "LA", "RGBA", "I;16"]))
        elif op < 0.9:
            im = im.convert("L").filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 4)))
        else:  # a coloured blot (seal-like) somewhere
            rgb = im.convert("RGB")
            blot = Image.new("RGB", (max(1, rgb.width // 4), max(1, rgb.height // 4)), (rng.randrange(256), 20, 40))
            rgb.paste(blot, (rng.randrange(rgb.width), rng.randrange(rgb.height)))
            im = rgb
    return im


def _encode(rng: random.Random, im: Image.Image) -> bytes:
    buf = io.BytesIO()
    if rng.random() < 0.5 and im.mode in ("L", "RGB"):
        im.save(buf, "JPEG", quality=rng.randint(5, 95))
    else:
        im.save(buf, "PNG")
    return buf.getvalue()


def _image_path(data: bytes) -> None:
    im = open_image(data, path="fuzz.img", max_pixels=MAX_PIXELS)
    for frame in iter_frames(im, path="fuzz.img", max_pixels=MAX_PIXELS):
        prep, _ = prepare_page(frame.image, deskew=True, osd=None)
        page = prep.image
        assert page.mode == "L" and page.width >= 1 and page.height >= 1
        grid = find_grid(page)
        if grid is not None:
            page = erase_grid(page, grid)
            words = [Line(page=1, number=1, text="x", words=[Word(text="x", bbox=(x, y, x + 5, y + 5), conf=50.0)])
                     for x in grid.cols for y in grid.rows]
            boxes: list = []

            def reocr(bs: list, boxes: list = boxes) -> list:
                boxes.extend(bs)
                return [None] * len(bs)

            apply_grid(words, grid, 1, reocr=reocr)
            for b in boxes:
                safe_crop(page, (b[0] + 6, b[1] + 6, b[2] - 4, b[3] - 4))
        box = content_box(page)
        assert safe_crop(page, box) is not None


def test_fuzz_image_path():
    seeds = _load_seeds()
    assert seeds
    rng = random.Random(1414)
    end = time.monotonic() + SECONDS
    runs = 0
    while time.monotonic() < end or runs < 15:
        data = _encode(rng, _mutate(rng, rng.choice(seeds).copy()))
        try:
            _image_path(data)
        except InputError:
            pass  # typed: empty, unreadable or too large
        if WITH_OCR and runs % 10 == 0:
            from ingest.ocr import read_image

            try:
                read_image("fuzz.img", data, hashlib.sha256(data).hexdigest(), IngestConfig(jobs=1, page_timeout=60))
            except InputError:
                pass
        runs += 1
    assert runs >= 15
