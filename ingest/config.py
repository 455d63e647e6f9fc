"""Options of the ingest stage, grouped in one model."""

from __future__ import annotations

import os

from pydantic import BaseModel, ConfigDict, Field


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class IngestConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lang: str = "vie"
    dpi: int = Field(300, ge=72, le=600)
    jobs: int = Field(default_factory=default_jobs, ge=1)
    """Parallel single-threaded Tesseract processes."""
    page_timeout: float = Field(120.0, gt=0)
    """Seconds one page's OCR may take before it is recorded as timed out."""
    password: str | None = None
    max_pages: int = Field(500, ge=1)
    max_pixels: int = Field(200_000_000, ge=1)
    """Largest image (width × height) accepted; larger is a decompression-bomb guard error."""
    deskew: bool = True
    force_ocr: bool = False
    """OCR every PDF page even when it has a usable text layer."""
