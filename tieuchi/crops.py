"""PNG crops of each criterion's evidence region, so a reviewer can look instead of read."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from PIL import Image

from extractors.record import ReportRecord
from ingest import _exec
from tieuchi.errors import TieuchiError

log = logging.getLogger(__name__)
CROP_DPI = 150
MARGIN = 12


def _page_image(source: str, page: int, workdir: str, password: str | None) -> tuple[Image.Image, bool]:
    """The page as an image, and whether it came from a PDF (bboxes in pt/px of the rendering)."""
    with open(source, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" in head:
        out = _exec.rasterize_page(source, page, str(Path(workdir) / f"p{page}"), dpi=CROP_DPI, password=password)
        return Image.open(out).convert("L"), True
    im = Image.open(source)
    im.seek(page - 1)
    return im.convert("L"), False


def write_crops(rec: ReportRecord, outdir: str, ocr_dpi: int = 300, password: str | None = None,
                codes: set[str] | None = None) -> list[str]:
    """Write one PNG per criterion that has a box (only ``codes`` when given); sets each criterion's
    ``crop``. Returns the paths."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    stem = Path(rec.source).name.replace(".", "_")
    written: list[str] = []
    pages: dict[int, tuple[Image.Image, bool]] = {}
    with tempfile.TemporaryDirectory(prefix="tieuchi-crop-") as work:
        for c in rec.criteria:
            if c.bbox is None or c.page is None or (codes is not None and c.code not in codes):
                continue
            try:
                if c.page not in pages:
                    pages[c.page] = _page_image(rec.source, c.page, work, password)
            except (OSError, TieuchiError) as e:
                log.warning("%s page %s: no crop: %s", rec.source, c.page, e)
                continue
            im, from_pdf = pages[c.page]
            scale = 1.0
            if from_pdf:
                scale = CROP_DPI / 72.0 if c.bbox_unit == "pt" else CROP_DPI / float(ocr_dpi)
            x0, y0, x1, y1 = (v * scale for v in c.bbox)
            box = (max(0, int(x0) - MARGIN), max(0, int(y0) - MARGIN),
                   min(im.width, int(x1) + MARGIN), min(im.height, int(y1) + MARGIN))
            if box[2] <= box[0] or box[3] <= box[1]:
                continue
            path = out / f"{stem}_{c.code}_p{c.page}.png"
            im.crop(box).save(path)
            c.crop = str(path)
            written.append(str(path))
    return written
