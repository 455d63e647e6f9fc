"""The errors ingest raises, re-exported from :mod:`tieuchi.errors` (stage 0: one hierarchy for every stage).

Kept so that ``from ingest.errors import InputError`` goes on working; new code imports
:mod:`tieuchi.errors`. ``UsageError`` and ``CatalogError`` are re-exported for compatibility
only: they belong to the CLI and the catalog, not to ingest.
"""

from __future__ import annotations

from tieuchi.errors import (
    CatalogError,
    EncryptedPDFError,
    ExitCode,
    InputError,
    InternalError,
    LimitExceededError,
    MissingDependencyError,
    OCRError,
    OCRTimeoutError,
    TieuchiError,
    UsageError,
)

__all__ = [
    "CatalogError", "EncryptedPDFError", "ExitCode", "InputError", "InternalError", "LimitExceededError", "MissingDependencyError",
    "OCRError", "OCRTimeoutError", "TieuchiError", "UsageError",
]
