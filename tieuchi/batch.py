"""Batch runs: find report files under folders, read the new or changed ones in parallel,
and save each finished document to the results store at once.

The parent process owns the store; workers only run :func:`tieuchi.pipeline.process_file`.
A killed batch therefore loses at most the documents that were still being read, and a
re-run skips every document already read from the same bytes by the same tool and catalog.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import signal
import sys
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from extractors import Catalog, load_catalog
from extractors.record import ReportRecord
from ingest.errors import MissingDependencyError, UsageError
from tieuchi.pipeline import Options, error_record, failure_record, process_file
from tieuchi.store import Store

SUPPORTED = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".txt")


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


# -- discovery -------------------------------------------------------------------------

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
            errors.append((top, f"{top}: no such file or folder"))
            continue
        visited: set[tuple[int, int]] = set()

        def onerror(e: OSError, top: str = top) -> None:
            p = e.filename or top
            errors.append((os.path.abspath(p), f"{p}: folder cannot be read: {e.strerror or e}"))

        for root, subdirs, names in os.walk(top, onerror=onerror, followlinks=True):
            try:
                st = os.stat(root)
            except OSError as e:
                errors.append((root, f"{root}: folder cannot be read: {e.strerror or e}"))
                subdirs[:] = []
                continue
            key = (st.st_dev, st.st_ino)
            if key in visited:
                notes.append(f"{root}: symlink loop (folder already visited), skipped")
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
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return ""
    return h.hexdigest()


# -- workers ---------------------------------------------------------------------------

_W_OPTIONS: Options | None = None
_W_CATALOG: Catalog | None = None


def _init_worker(options: Options) -> None:
    global _W_OPTIONS, _W_CATALOG
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    _W_OPTIONS = options
    _W_CATALOG = load_catalog(options.catalog)


def _work(path: str) -> ReportRecord:
    return process_file(path, _W_OPTIONS, _W_CATALOG)


def _error_record(path: str, sha: str, kind: str, message: str, tool_version: str, catalog_sha: str) -> ReportRecord:
    return failure_record(path, kind, message, sha256=sha, tool_version=tool_version, catalog_sha256=catalog_sha)


# -- the run ---------------------------------------------------------------------------

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
    from tieuchi import __version__

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

            def tick(path: str, rec: ReportRecord) -> None:
                record_done(path, rec)
                bar.update(task, advance=1, pages=res.pages, failed=res.failed)

            if scheduler:
                _run_dask(todo, options, scheduler, tick, res, __version__, catalog.sha256)
            else:
                _run_pool(todo, options, jobs, tick, res, __version__, catalog.sha256)
        res.findings = store.finding_counts(files)
        store.finish_run(res.run_id)
    finally:
        store.close()
    res.seconds = time.monotonic() - t0
    return res


def _run_pool(todo: list[tuple[str, str]], options: Options, jobs: int, done, res: BatchResult,  # type: ignore[no-untyped-def]
              version: str, catalog_sha: str) -> None:
    """Process ``todo`` in a process pool; call ``done(path, record)`` in this process as each finishes."""
    queue = list(reversed(todo))
    while queue:
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(options,))
        running: dict[Future, tuple[str, str]] = {}
        broken = False
        try:
            while queue or running:
                while queue and len(running) < jobs * 2 and not broken:
                    p, sha = queue.pop()
                    try:
                        running[pool.submit(_work, p)] = (p, sha)
                    except BrokenProcessPool:
                        queue.append((p, sha))
                        broken = True
                if not running:
                    break
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for fut in finished:
                    p, sha = running.pop(fut)
                    try:
                        rec = fut.result()
                    except BrokenProcessPool:
                        # a worker died (out of memory, a crash in a native library); the culprit is one of the
                        # documents in flight: record them all, the store redoes errors on the next run
                        broken = True
                        rec = _error_record(p, sha, "worker_crash", f"{p}: the reading process died (crash or out of"
                                            " memory) while this or another document was being read", version, catalog_sha)
                    except Exception as e:  # noqa: BLE001 - any worker failure becomes that file's error row
                        rec = _failure_record(p, sha, e, res, version, catalog_sha)
                    done(p, rec)
        except BaseException:
            _kill_pool(pool)
            raise
        pool.shutdown(wait=True, cancel_futures=True)


def _failure_record(p: str, sha: str, e: Exception, res: BatchResult, version: str, catalog_sha: str) -> ReportRecord:
    """The error row for a document whose worker raised (a missing tesseract is also noted for the summary)."""
    if isinstance(e, MissingDependencyError):
        res.missing_dependency = str(e)
        return _error_record(p, sha, e.kind, str(e) if e.path else f"{p}: {e}", version, catalog_sha)
    rec = error_record(p, e, sha256=sha, catalog_sha256=catalog_sha)  # the same record as process_file's own guard
    rec.tool_version = version
    return rec


def _dask_work(path: str, options: Options) -> ReportRecord:
    """One document on a Dask worker (a plain function: the worker imports tieuchi itself)."""
    return process_file(path, options)


def _run_dask(todo: list[tuple[str, str]], options: Options, scheduler: str, done, res: BatchResult,  # type: ignore[no-untyped-def]
              version: str, catalog_sha: str) -> None:
    """Process ``todo`` on a Dask distributed cluster; call ``done(path, record)`` here as each finishes."""
    try:
        from distributed import Client, as_completed
    except ImportError as e:
        raise UsageError("--executor dask needs the optional extra: pip install 'tieuchi[dask]'") from e
    try:
        client = Client(scheduler, timeout="15s")
    except OSError as e:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from e
    with client:
        futures = {client.submit(_dask_work, p, options, pure=False, key=f"tieuchi-{sha or p}-{i}"): (p, sha)
                   for i, (p, sha) in enumerate(todo)}
        for fut in as_completed(futures):
            p, sha = futures[fut]
            try:
                rec = fut.result()
            except Exception as e:  # noqa: BLE001 - a failed task becomes that file's error row
                rec = _failure_record(p, sha, e, res, version, catalog_sha)
            done(p, rec)


def _kill_pool(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now (Ctrl-C): documents in flight are lost, finished ones are already saved."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    for proc in procs:
        try:
            proc.terminate()
        except Exception:  # noqa: BLE001
            pass
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        proc.join(timeout=5)


def default_jobs() -> int:
    from ingest.config import default_jobs as _dj

    return _dj()


if __name__ == "__main__":  # pragma: no cover
    print("use: tieuchi batch FOLDER…", file=sys.stderr)
