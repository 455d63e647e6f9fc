"""tieuchi: Vietnamese digital-transformation reports → checked, structured data.

Public API::

    from tieuchi import process_file, Options
    record = process_file("report.pdf")          # an audited ReportRecord

Importing the package itself loads only :mod:`tieuchi._version` (stage 0), because every stage
imports :mod:`tieuchi.errors` and so runs this file: the pipeline and the models are loaded on
first use of the names below (PEP 562), never by ``import ingest``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tieuchi._version import __version__

if TYPE_CHECKING:
    from extractors import Catalog, ReportRecord, load_catalog
    from tieuchi.pipeline import Options, process_file

__all__ = ["Catalog", "Options", "ReportRecord", "__version__", "load_catalog", "process_file"]


def __getattr__(name: str) -> Any:
    """The public names, imported when first asked for."""
    if name in ("Options", "process_file"):
        from tieuchi import pipeline

        value = getattr(pipeline, name)
    elif name in ("Catalog", "ReportRecord", "load_catalog"):
        import extractors

        value = getattr(extractors, name)
    else:
        raise AttributeError(f"module 'tieuchi' has no attribute {name!r}")
    globals()[name] = value
    return value
