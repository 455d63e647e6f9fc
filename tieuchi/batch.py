"""Batch runs: find report files under folders (:mod:`tieuchi.discover`), read the new or changed
ones in parallel (:mod:`tieuchi.executors`), and save each finished document to the results store
at once (the bookkeeping, here).

The parent process owns the store; workers only run :func:`tieuchi.pipeline.process_file`.
A killed batch therefore loses at most the documents that were still being read, and a
re-run skips every document already read from the same bytes by the same tool and catalog.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from extractors import load_catalog
from extractors.record import ReportRecord
from ingest.config import default_jobs
from tieuchi._version import __version__
from tieuchi.discover import SUPPORTED, discover, file_sha256
from tieuchi.errors import MissingDependencyError
from tieuchi.executors import WorkerCrash, run_dask, run_local
from tieuchi.pipeline import Options, error_record, failure_record
from tieuchi.store import Store

__all__ = ["SUPPORTED", "BatchResult", "default_jobs", "discover", "file_sha256", "run_batch"]


@dataclass
class BatchResult:
    found: int = 0
    read: int = 0
    """Documents read (processed) in this run, failed ones included."""
    skipped: int = 0
    failed: int = 0
    no_criteria: int = 0
    pages: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    """Findings by check over every document of this batch (read now or skipped)."""
    failures: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    run_id: int = 0
    seconds: float = 0.0
    missing_dependency: str | None = None


def _error_record(path: str, sha: str, kind: str, message: str, tool_version: str, catalog_sha: str) -> ReportRecord:
    return failure_record(path, kind, message, sha256=sha, tool_version=tool_version, catalog_sha256=catalog_sha)


def outcome_record(p: str, sha: str, outcome: ReportRecord | Exception, res: BatchResult, catalog_sha: str) -> ReportRecord:
    """The record to store for one executor outcome: the record itself, or the error row for its exception
    (a missing tesseract is also noted for the summary)."""
    if isinstance(outcome, ReportRecord):
        return outcome
    if isinstance(outcome, WorkerCrash):
        return _error_record(p, sha, "worker_crash", str(outcome), __version__, catalog_sha)
    if isinstance(outcome, MissingDependencyError):
        res.missing_dependency = str(outcome)
        return _error_record(p, sha, outcome.kind, f"{p}: {outcome}", __version__, catalog_sha)
    rec = error_record(p, outcome, sha256=sha, catalog_sha256=catalog_sha)  # the same record as process_file's own guard
    rec.tool_version = __version__
    return rec


def _progress(enabled: bool):  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    con = Console(stderr=True)
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("· {task.fields[pages]} trang · {task.fields[failed]} lỗi"), TimeRemainingColumn(),
                    console=con, disable=not (enabled and con.is_terminal), transient=False)


def run_batch(dirs: list[str], db: str | Path, options: Options | None = None, jobs: int = 1, glob: str = "*",
              force: bool = False, progress: bool = True, run_args: dict | None = None,
              scheduler: str | None = None) -> BatchResult:
    """Read every report under ``dirs`` into the store at ``db``; see the module docstring.

    ``scheduler`` (``tcp://HOST:8786``) sends the documents to an existing Dask distributed
    cluster instead of local worker processes; results land in the same store, saved here one
    document at a time. The workers must see the same file paths (a shared folder).
    """
    t0 = time.monotonic()
    options = options or Options()
    catalog = load_catalog(options.catalog)
    if options.framework:
        catalog.get(options.framework)
    jobs = max(1, int(jobs))
    if jobs > 1:
        options = options.model_copy(update={"ingest": options.ingest.model_copy(update={"jobs": 1})})
    res = BatchResult()
    files, errors, res.notes = discover(dirs, glob)
    res.found = len(files)

    store = Store(db)
    try:
        res.run_id = store.start_run(__version__, catalog.sha256, run_args)

        def record_done(path: str, rec: ReportRecord) -> None:
            if not rec.tool_version:
                rec.tool_version = __version__
            if not rec.catalog_sha256:
                rec.catalog_sha256 = catalog.sha256
            store.save(rec, res.run_id, path=path)
            res.read += 1
            res.pages += rec.pages
            if rec.status == "error":
                res.failed += 1
                res.failures.append((path, "; ".join(e.message for e in rec.errors) or "error"))
            elif not rec.criteria:
                res.no_criteria += 1

        for path, reason in errors:  # unreadable folders: stored, so that they show up as failures
            record_done(path, _error_record(path, "", "unreadable_folder", reason, __version__, catalog.sha256))

        todo: list[tuple[str, str]] = []
        for p in files:
            sha = file_sha256(p)
            if not force and store.is_done(p, sha, __version__, catalog.sha256):
                res.skipped += 1
            else:
                todo.append((p, sha))
        res.paths = list(files)

        with _progress(progress) as bar:
            task = bar.add_task("tài liệu", total=len(todo), pages=0, failed=0)

            def done(path: str, sha: str, outcome: ReportRecord | Exception) -> None:
                record_done(path, outcome_record(path, sha, outcome, res, catalog.sha256))
                bar.update(task, advance=1, pages=res.pages, failed=res.failed)

            if scheduler:
                run_dask(todo, options, scheduler, done)
            else:
                run_local(todo, options, jobs, done)
        res.findings = store.finding_counts(files)
        store.finish_run(res.run_id)
    finally:
        store.close()
    res.seconds = time.monotonic() - t0
    return res
