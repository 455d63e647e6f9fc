"""A criterion's page region as a PNG, rendered on demand from the source file, its box marked.

An OCR'd page is shown as OCR read it (corrected: :func:`tieuchi.crops.page_view`, the crops'
own function), so its box marks the same words.

Text PDFs and scanned PDFs alike are rasterized by poppler through ``ingest._exec`` (the one
place external programs run); images are opened with Pillow. Boxes are in PDF points
(``bbox_unit`` "pt") or in pixels of the OCR rendering ("px", at the batch's ``dpi``; the
image's own pixels for image files).
"""

from __future__ import annotations

import io
import tempfile
import warnings
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

from ingest import _exec
from ingest.errors import TieuchiError

RENDER_DPI = 110
MAX_WIDTH = 1100
CONTEXT = 0.35
"""Lines shown above and below the box, as a fraction of the box's height (at least 50 px)."""
MAX_PIXELS = 120_000_000


class NoPageImage(Exception):
    """The source has no page image (a .txt file) or it cannot be rendered; the message says why."""


def _is_pdf(path: str) -> bool:
    with open(path, "rb") as fh:
        return b"%PDF-" in fh.read(1024)


def page_image(source: str, page: int, password: str | None = None) -> tuple[Image.Image, bool]:
    """Page ``page`` (1-based) as RGB, and whether it was rendered from a PDF at RENDER_DPI."""
    if source.lower().endswith(".txt"):
        raise NoPageImage("tệp văn bản (.txt): không có ảnh trang")
    try:
        if _is_pdf(source):
            with tempfile.TemporaryDirectory(prefix="tieuchi-review-") as work:
                out = _exec.rasterize_page(source, page, str(Path(work) / "p"), dpi=RENDER_DPI, password=password)
                with Image.open(out) as im:
                    return im.convert("RGB"), True
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(source)
            if im.width * im.height > MAX_PIXELS:
                raise NoPageImage(f"ảnh quá lớn ({im.width}x{im.height})")
            im.seek(page - 1)
            return ImageOps.exif_transpose(im).convert("RGB"), False
    except (OSError, EOFError, ValueError, Image.DecompressionBombWarning, Image.DecompressionBombError, TieuchiError) as e:
        raise NoPageImage(f"không dựng được trang {page}: {e}") from e


def region_png(source: str, page: int, bbox: tuple[float, float, float, float] | None, bbox_unit: str | None,
               ocr_dpi: int = 300, password: str | None = None, evidence: str = "") -> bytes:
    """The region of ``bbox`` on ``page`` with some lines of context and the box outlined; the whole page
    when there is no box. An OCR'd page ("px" boxes) is shown corrected as OCR read it (turned,
    its outline unwarped: :func:`tieuchi.crops.page_view`; the turn confirmed by reading the box:
its ``evidence`` words when given, else a confident read)."""
    if bbox is not None and bbox_unit == "px" and not source.lower().endswith(".txt"):
        from tieuchi.crops import page_view

        try:
            view = page_view(source, page, bbox_unit="px", ocr_dpi=ocr_dpi or 300, password=password,
                             check=(bbox, evidence))
        except (OSError, EOFError, ValueError, Image.DecompressionBombError, TieuchiError) as e:
            raise NoPageImage(f"không dựng được trang {page}: {e}") from e
        im, scale = view.image, view.scale
    else:
        im, from_pdf = page_image(source, page, password)
        scale = RENDER_DPI / 72.0 if from_pdf else 1.0
    if bbox is not None:
        x0, y0, x1, y1 = (v * scale for v in bbox)
        ctx = max(50.0, (y1 - y0) * CONTEXT)
        top, bottom = max(0, int(y0 - ctx)), min(im.height, int(y1 + ctx))
        if bottom > top and x1 > x0:
            im = im.crop((0, top, im.width, bottom)).convert("RGB")
            draw = ImageDraw.Draw(im)
            w = max(3, round(3 * im.width / MAX_WIDTH))  # 3 px once scaled to MAX_WIDTH
            draw.rectangle((x0 - w, y0 - top - w, x1 + w, y1 - top + w), outline=(220, 0, 0), width=w)
    im = im.convert("RGB")
    if im.width > MAX_WIDTH:
        im = im.resize((MAX_WIDTH, max(1, round(im.height * MAX_WIDTH / im.width))), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    im.save(buf, format="PNG", optimize=False)
    return buf.getvalue()
