"""Stage 1: file → Document (pages of lines with page, box and confidence)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ingest.config import IngestConfig
from ingest.errors import InputError, TieuchiError
from ingest.models import Document, Line, Page, PageError, Word

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8", b"BM")
_IMAGE_EXT = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}


def sniff(data: bytes, path: str) -> str:
    """'pdf', 'image' or 'txt', by content first and name second."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    ext = Path(path).suffix.lower()
    if ext == ".pdf":
        raise InputError("not a PDF (no %PDF header); the file is damaged or misnamed", path=path)
    if ext in _IMAGE_EXT:
        raise InputError("not a readable image (unknown image header)", path=path)
    return "txt"


def read_document(path: str | os.PathLike[str], config: IngestConfig | None = None) -> Document:
    """Read any supported input; raises a :class:`TieuchiError` naming the file on failure."""
    config = config or IngestConfig()
    p = str(path)
    try:
        if os.path.isdir(p):
            raise InputError("is a directory", path=p)
        with open(p, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise InputError("no such file", path=p) from None
    except PermissionError:
        raise InputError("permission denied", path=p) from None
    except IsADirectoryError:
        raise InputError("is a directory", path=p) from None
    except OSError as e:
        raise InputError(f"cannot read file: {e.strerror}", path=p) from None
    if not data:
        raise InputError("empty file", path=p)
    sha = hashlib.sha256(data).hexdigest()
    kind = sniff(data, p)
    if kind == "pdf":
        from ingest.pdf import read_pdf

        return read_pdf(p, data, sha, config)
    if kind == "image":
        from ingest.ocr import read_image

        return read_image(p, data, sha, config)
    from ingest.text import read_text

    return read_text(p, data, sha)


__all__ = ["Document", "IngestConfig", "InputError", "Line", "Page", "PageError", "TieuchiError", "Word",
           "read_document"]
