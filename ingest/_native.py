"""The optional C loops of the text-layer reader (``ingest/_textchars.c``, built by ``make native``).

Loaded through cffi in ABI mode (no Python headers, no PDFium headers at build time). ``LIB`` is
None when the library is not built, does not load, or ``TIEUCHI_PURE_PYTHON`` is set; every loop
then runs in Python, and the tests compare the two.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import cffi

FFI = cffi.FFI()
FFI.cdef("""
void *tieuchi_reader_new(void **);
void tieuchi_reader_free(void *);
int tieuchi_page_chars(void *, void *, int, const uint32_t *, double, uint32_t *, double *, double *, double *, double *);
int tieuchi_isspace(uint32_t);
int tieuchi_words(int, const uint32_t *, const double *, const double *, const double *, const double *, double, double,
                  uint32_t *, int *, double *, double *, double *, double *);
int tieuchi_group_lines(int, const double *, const double *, const double *, const double *, int *, int *);
int tieuchi_page_edges(void **, void *, double, int, double *, double *, double *, double *, double *, double *, int *);
""")


def _load() -> Any:
    """``ingest/_textchars.so``, or None when it is not built or will not load."""
    path = Path(__file__).with_name("_textchars.so")
    if not path.exists() or os.environ.get("TIEUCHI_PURE_PYTHON"):
        return None
    try:
        return FFI.dlopen(str(path))
    except OSError:
        return None


LIB = _load()
