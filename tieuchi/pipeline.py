"""The composer: one input file → audited ReportRecord. Errors become data at this boundary."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from audit import run_checks
from extractors import Catalog, ReportRecord, extract, load_catalog
from extractors.record import ErrorItem
from ingest import IngestConfig, read_document
from tieuchi._version import __version__
from tieuchi.errors import MissingDependencyError, TieuchiError

log = logging.getLogger(__name__)


class Options(BaseModel):
    """Everything a run can be told; the CLI fills it, library users may too."""

    model_config = ConfigDict(extra="forbid")

    catalog: str | None = None
    framework: str | None = None
    ingest: IngestConfig = IngestConfig()
    crops: str | None = None
    """Folder for a PNG of each criterion's evidence region (``--crops``, the same in extract and batch)."""


def _version() -> str:
    return __version__


def _sha256(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def error_record(path: str, err: Exception, catalog: Catalog | None = None) -> ReportRecord:
    """A record that says why a file could not be read (status 'error')."""
    kind = getattr(err, "kind", type(err).__name__)
    msg = str(err) if isinstance(err, TieuchiError) else f"{path}: unexpected {type(err).__name__}: {err}"
    return ReportRecord(source=path, sha256=_sha256(path), status="error",
                        errors=[ErrorItem(kind=kind, message=msg, page=getattr(err, "page", None))],
                        tool_version=_version(), catalog_sha256=catalog.sha256 if catalog else "")


def process_file(path: str, options: Options | None = None, catalog: Catalog | None = None) -> ReportRecord:
    """Ingest, extract and audit one file. Input problems give a status-'error' record, not an exception.

    A missing external program (tesseract) still raises: no other file would fare better.
    """
    options = options or Options()
    catalog = catalog or load_catalog(options.catalog)
    try:
        doc = read_document(path, options.ingest)
    except MissingDependencyError:
        raise
    except TieuchiError as e:
        log.info("%s", e)
        return error_record(path, e, catalog)
    rec = extract(doc, catalog, options.framework)
    rec.tool_version = _version()
    run_checks(rec, catalog)
    if options.crops and rec.criteria:
        from tieuchi.crops import write_crops

        write_crops(rec, options.crops, ocr_dpi=options.ingest.dpi, password=options.ingest.password)
    if rec.framework is None and not rec.criteria:
        rec.errors.append(ErrorItem(kind="no_criteria", message=f"{path}: không tìm thấy tiêu chí nào của các bộ tiêu chí đã biết"
                                     " (no criteria of any known framework found)"))
    return rec
