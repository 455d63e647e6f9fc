"""tieuchi: Vietnamese digital-transformation reports → checked, structured data.

Public API::

    from tieuchi import process_file, Options
    record = process_file("report.pdf")          # an audited ReportRecord
"""

from __future__ import annotations

__version__ = "0.1.0"

from extractors import Catalog, ReportRecord, load_catalog  # noqa: E402
from tieuchi.pipeline import Options, process_file  # noqa: E402

__all__ = ["Catalog", "Options", "ReportRecord", "__version__", "load_catalog", "process_file"]
