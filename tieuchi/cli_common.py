"""What every command module shares: the stderr console, the catalog options, the ingest settings.

The command modules (:mod:`tieuchi.batch_cli`, :mod:`tieuchi.catalog_cli`) import this, never
:mod:`tieuchi.cli`: the main module imports them and registers their commands, so there is no cycle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ingest.config import IngestConfig
from tieuchi.errors import UsageError

err = Console(stderr=True, highlight=False, soft_wrap=True)
"""Messages and progress (stdout carries data only)."""

CatalogOpt = Annotated[str | None, typer.Option("--catalog", help="tệp danh mục bộ tiêu chí JSON (mặc định: danh mục kèm theo)")]
FrameworkOpt = Annotated[str | None, typer.Option("--framework", help="id bộ tiêu chí dùng luôn, không tự nhận diện")]
CropsOpt = Annotated[str | None, typer.Option(
    "--crops", help="ghi ảnh PNG vùng trích dẫn của mỗi tiêu chí (PDF có chữ và bản quét) vào thư mục này")]


def ingest_config(lang: str, dpi: int, jobs: int | None, page_timeout: float, password: str | None,
                  max_pages: int, force_ocr: bool) -> IngestConfig:
    kw = dict(lang=lang, dpi=dpi, page_timeout=page_timeout, password=password, max_pages=max_pages, force_ocr=force_ocr)
    if jobs:
        kw["jobs"] = jobs
    return IngestConfig(**kw)


def write_output(path: str, text: str) -> None:
    """Write a results file; a path that cannot be written is a usage error, not a traceback."""
    try:
        Path(path).write_text(text, encoding="utf-8", newline="")
    except OSError as e:
        raise UsageError(f"không ghi được tệp kết quả: {e.strerror}", path=path,
                         hint="kiểm tra thư mục và quyền ghi, hoặc chọn tệp khác (-o)") from None
