"""Batch discovery: the report files under some folders, and each file's content hash."""

from __future__ import annotations

import fnmatch
import hashlib
import os

SUPPORTED = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".txt")


def _matches(name: str, rel: str, glob: str) -> bool:
    if not name.lower().endswith(SUPPORTED):
        return False
    if glob in ("*", ""):
        return True
    pat = glob.lower()
    return fnmatch.fnmatch(name.lower(), pat) or fnmatch.fnmatch(rel.lower(), pat)


def discover(dirs: list[str], glob: str = "*") -> tuple[list[str], list[tuple[str, str]], list[str]]:
    """Report files under ``dirs`` (files given directly are taken as they are).

    Returns (files, errors, notes): ``errors`` are (path, reason) of folders that could not
    be listed; ``notes`` mention symlink loops that were skipped. Never raises for a bad folder.
    """
    files: list[str] = []
    errors: list[tuple[str, str]] = []
    notes: list[str] = []
    seen_files: set[str] = set()

    def add(p: str) -> None:
        if p not in seen_files:
            seen_files.add(p)
            files.append(p)

    for d in dirs:
        top = os.path.abspath(d)
        if os.path.isfile(top):
            add(top)
            continue
        if not os.path.isdir(top):
            errors.append((top, f"{top}: không có tệp hay thư mục này"))
            continue
        visited: set[tuple[int, int]] = set()

        def onerror(e: OSError, top: str = top) -> None:
            p = e.filename or top
            errors.append((os.path.abspath(p), f"{p}: không đọc được thư mục: {e.strerror or e}"))

        for root, subdirs, names in os.walk(top, onerror=onerror, followlinks=True):
            try:
                st = os.stat(root)
            except OSError as e:
                errors.append((root, f"{root}: không đọc được thư mục: {e.strerror or e}"))
                subdirs[:] = []
                continue
            key = (st.st_dev, st.st_ino)
            if key in visited:
                notes.append(f"{root}: vòng lặp liên kết tượng trưng: thư mục đã duyệt, bỏ qua")
                subdirs[:] = []
                continue
            visited.add(key)
            subdirs.sort()
            for name in sorted(names):
                p = os.path.join(root, name)
                if _matches(name, os.path.relpath(p, top), glob) and not os.path.isdir(p):
                    add(p)
    return files, errors, notes


def file_sha256(path: str) -> str:
    """The file's SHA-256, or "" when it cannot be read (then it is never taken as done)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return ""
    return h.hexdigest()
