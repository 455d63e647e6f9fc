"""Stage 1: file → Document (pages of lines with page, box and confidence)."""

from __future__ import annotations

import gc
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
        raise InputError("không phải tệp PDF (không có phần đầu %PDF): tệp hỏng hoặc đặt sai đuôi", path=path)
    if ext in _IMAGE_EXT:
        raise InputError("không phải ảnh đọc được (phần đầu ảnh không nhận ra)", path=path)
    return "txt"


GC_THRESHOLD = 10_000
"""Allocations between two young-generation collections (CPython's default is 700)."""


def fewer_collections() -> None:
    """Let the cyclic garbage collector run less often in a process that reads documents.

    A text PDF's page makes some 5 000 short-lived objects (characters, words, lines, match
    objects), freed by reference counting; at the default threshold they start a young collection
    every 700 allocations and a full one (every object of the process, the imported modules' too)
    every hundred, about a sixth of a text PDF's whole extract. Reading makes almost no cycles, so
    collecting them a little later costs no memory to speak of. The CLI calls this once at start
    (worker processes inherit it).
    """
    g0, g1, g2 = gc.get_threshold()
    gc.set_threshold(max(GC_THRESHOLD, g0), g1, g2)


def read_document(path: str | os.PathLike[str], config: IngestConfig | None = None) -> Document:
    """Read any supported input; raises a :class:`TieuchiError` naming the file on failure."""
    config = config or IngestConfig()
    p = str(path)
    try:
        if os.path.isdir(p):
            raise InputError("là thư mục, không phải tệp", path=p)
        with open(p, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise InputError("không có tệp này", path=p) from None
    except PermissionError:
        raise InputError("không có quyền đọc tệp", path=p) from None
    except IsADirectoryError:
        raise InputError("là thư mục, không phải tệp", path=p) from None
    except OSError as e:
        raise InputError(f"không đọc được tệp: {e.strerror}", path=p) from None
    if not data:
        raise InputError("tệp rỗng", path=p)
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
           "fewer_collections", "read_document"]
