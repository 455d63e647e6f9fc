"""The composer: one input file → audited ReportRecord. Errors become data at this boundary."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from audit import run_checks
from extractors import Catalog, ReportRecord, extract, load_catalog
from extractors.record import ErrorItem
from ingest import Document, IngestConfig, read_document
from tieuchi._version import __version__
from tieuchi.errors import InternalError, MissingDependencyError, TieuchiError

log = logging.getLogger(__name__)


class Options(BaseModel):
    """Everything a run can be told; the CLI fills it, library users may too."""

    model_config = ConfigDict(extra="forbid")

    catalog: str | None = None
    framework: str | None = None
    ingest: IngestConfig = IngestConfig()
    crops: str | None = None
    """Folder for a PNG of each criterion's evidence region (``--crops``, the same in extract and batch)."""
    debug: bool = False
    """Log the traceback of an unexpected error (a bug) at ERROR level instead of DEBUG."""


def _version() -> str:
    return __version__


def _sha256(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


REPORT_ASK = "xin gửi tệp này cho nhóm phát triển tieuchi"


def internal_message(path: str, err: BaseException) -> str:
    """One line for an unexpected error: the file, the page when known, what broke, and a request."""
    page = getattr(err, "page", None)
    cause = err.cause if isinstance(err, InternalError) else err
    where = f"{path} trang {page}" if page is not None else path
    detail = " ".join(f"{type(cause).__name__}: {cause}".split())[:300]
    return f"{where}: lỗi nội bộ của tieuchi ({detail}); {REPORT_ASK}"


def failure_record(path: str, kind: str, message: str, *, sha256: str | None = None, page: int | None = None,
                   tool_version: str | None = None, catalog_sha256: str = "") -> ReportRecord:
    """The one record for a document that could not be read: status 'error' and one error item.

    Every failure path uses it: input errors, unexpected errors (bugs), and the batch's own
    (a worker that died, a folder that cannot be listed).
    """
    return ReportRecord(source=path, sha256=_sha256(path) if sha256 is None else sha256, status="error",
                        errors=[ErrorItem(kind=kind, message=message, page=page)],
                        tool_version=tool_version if tool_version is not None else _version(),
                        catalog_sha256=catalog_sha256)


def error_record(path: str, err: BaseException, catalog: Catalog | None = None, *, sha256: str | None = None,
                 catalog_sha256: str | None = None) -> ReportRecord:
    """A record that says why a file could not be read (status 'error').

    A :class:`TieuchiError` keeps its own kind and message; anything else is a bug in tieuchi:
    kind ``internal`` and a message naming the file and page that asks for the file to be reported.
    """
    cat_sha = catalog_sha256 if catalog_sha256 is not None else (catalog.sha256 if catalog else "")
    if isinstance(err, TieuchiError):
        kind, msg = err.kind, str(err)
    else:
        kind, msg = "internal", internal_message(path, err)
    return failure_record(path, kind, msg, sha256=sha256, page=getattr(err, "page", None), catalog_sha256=cat_sha)


def process_file(path: str, options: Options | None = None, catalog: Catalog | None = None) -> ReportRecord:
    """Ingest, extract and audit one file. Never raises for one file's problem: bad input gives a
    status-'error' record with its reason, and so does an unexpected exception (kind ``internal``).

    A missing external program (tesseract) still raises: no other file would fare better.
    """
    options = options or Options()
    catalog = catalog or load_catalog(options.catalog)
    try:
        return _process(path, options, catalog)
    except MissingDependencyError:
        raise
    except TieuchiError as e:
        log.info("%s", e)
        return error_record(path, e, catalog)
    except Exception as e:  # noqa: BLE001 - the guard around one document: a bug here must not cost the others
        rec = error_record(path, e, catalog)
        cause = e.cause if isinstance(e, InternalError) else e
        log.log(logging.ERROR if options.debug else logging.DEBUG, "%s", rec.errors[0].message,
                exc_info=(type(cause), cause, cause.__traceback__))
        return rec


def _write_crops(path: str, rec: ReportRecord, doc: Document, options: Options) -> None:
    """Crops of each criterion's evidence (``--crops``), from the pages as they were read (their
    recorded geometry). A crop that cannot be written is a note on the record, never its loss."""
    from tieuchi.crops import write_crops

    try:
        write_crops(rec, options.crops or "", ocr_dpi=options.ingest.dpi, password=options.ingest.password,
                    pages=doc.pages, lang=options.ingest.lang)
    except (TieuchiError, OSError) as e:
        rec.errors.append(ErrorItem(kind="crops", message=f"{path}: không ghi được ảnh cắt (--crops): {e}"))
    except Exception as e:  # noqa: BLE001 - a bug in the crops must not cost this record or the others
        rec.errors.append(ErrorItem(kind="internal", message=internal_message(path, e)))
        log.log(logging.ERROR if options.debug else logging.DEBUG, "%s", rec.errors[-1].message, exc_info=e)


def _process(path: str, options: Options, catalog: Catalog) -> ReportRecord:
    doc = read_document(path, options.ingest)
    rec = extract(doc, catalog, options.framework)
    rec.tool_version = _version()
    run_checks(rec, catalog)
    if logging.getLogger("tieuchi.explain").isEnabledFor(logging.DEBUG):  # extract -v: why each value was read
        from tieuchi.explain import log_document

        log_document(doc, rec, catalog)
    if options.crops and rec.criteria:
        _write_crops(path, rec, doc, options)
    if not rec.criteria:
        rec.errors.append(no_criteria_error(path, rec.framework))
    return rec


def no_criteria_error(path: str, framework: str | None) -> ErrorItem:
    """The one line for an input that yields no criteria, naming the file and why."""
    if framework is None:
        return ErrorItem(kind="no_framework", message=(
            f"{path}: không có bộ tiêu chí nào khớp và không đọc được như một báo cáo tiêu chí "
            "(no criteria of any known framework found, and not readable as a report of its own)"))
    return ErrorItem(kind="no_criteria_read", message=(
        f"{path}: khớp bộ tiêu chí {framework} nhưng không đọc được tiêu chí nào "
        f"(framework {framework} fitted but no criterion read)"))
