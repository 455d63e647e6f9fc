"""Batch executors: run :func:`tieuchi.pipeline.process_file` on many documents, in local worker
processes or on a Dask cluster, and hand each outcome back to the caller in this process.

An outcome is the document's record, or the exception its worker raised (a :class:`WorkerCrash`
when the worker process itself died); the caller (:mod:`tieuchi.batch`) turns exceptions into
error records and saves everything. Local workers end with their batch however it ends
(SIGKILL, SIGTERM, a closed terminal, the OOM killer): see :func:`_die_with_parent`.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from extractors import Catalog, load_catalog
from extractors.record import ReportRecord
from tieuchi.errors import UsageError
from tieuchi.pipeline import Options, process_file

Todo = list[tuple[str, str]]
"""(path, sha256) of the documents to read."""
Done = Callable[[str, str, "ReportRecord | Exception"], None]
"""Called in the batch process as each document finishes: (path, sha256, record or exception)."""

PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal the kernel sends us when our parent dies (linux/prctl.h)."""
WATCHDOG_SECONDS = 1.0


class WorkerCrash(Exception):
    """The worker process died (out of memory, a crash in a native library) while documents were in flight."""


# -- local worker processes ------------------------------------------------------------

_W_OPTIONS: Options | None = None
_W_CATALOG: Catalog | None = None


def _die_with_parent(batch_pid: int) -> None:
    """End this worker as soon as the process that started it is gone.

    Without this, a worker whose batch was killed sleeps forever on its task pipe (it holds the
    pipe's write end too, so it never reads end-of-file). Two guards: on Linux the kernel kills
    us when the parent dies (``PR_SET_PDEATHSIG``; it fires when the parent *thread* that started
    us ends, which for a pool is the thread running the batch); everywhere a daemon thread that
    exits when our parent pid changes (reparented to init or a subreaper).
    """
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no libc prctl: the watchdog still works
            pass
    try:
        os.kill(batch_pid, 0)  # the batch died before the guards were set
    except ProcessLookupError:
        os._exit(1)
    except PermissionError:  # pragma: no cover - alive, only not ours to signal
        pass

    def watch() -> None:
        while True:
            time.sleep(WATCHDOG_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="tieuchi-parent-watchdog", daemon=True).start()


def _init_worker(options: Options, batch_pid: int) -> None:
    global _W_OPTIONS, _W_CATALOG
    _die_with_parent(batch_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    _W_OPTIONS = options
    _W_CATALOG = load_catalog(options.catalog)


def _work(path: str) -> ReportRecord:
    return process_file(path, _W_OPTIONS, _W_CATALOG)


def run_local(todo: Todo, options: Options, jobs: int, done: Done) -> None:
    """Read ``todo`` in ``jobs`` worker processes, at most two documents queued per worker.

    A pool whose worker died is replaced and the rest goes on; the documents that were in flight
    are reported as :class:`WorkerCrash` (the culprit is one of them). Ctrl-C stops the workers at once.
    """
    queue = list(reversed(todo))
    while queue:
        before = {p.pid for p in multiprocessing.active_children()}
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(options, os.getpid()))
        running: dict[Future[ReportRecord], tuple[str, str]] = {}
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
                    outcome: ReportRecord | Exception
                    try:
                        outcome = fut.result()
                    except BrokenProcessPool:
                        broken = True
                        outcome = WorkerCrash(f"{p}: tiến trình đọc tài liệu đã chết (lỗi hoặc hết bộ nhớ) khi đang đọc"
                                              " tài liệu này hoặc một tài liệu khác")
                    except Exception as e:  # noqa: BLE001 - any worker failure becomes that file's outcome
                        outcome = e
                    done(p, sha, outcome)
        except BaseException:
            _kill_pool(pool, before)
            raise
        pool.shutdown(wait=True, cancel_futures=True)


def _kill_pool(pool: ProcessPoolExecutor, before: set[int | None]) -> None:
    """Stop the workers now (Ctrl-C): documents in flight are lost, finished ones are already saved.

    The pool's workers are the children this process started since ``before`` (public API only,
    never the pool's private process table).
    """
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:  # pragma: no cover - depends on the Python version
        terminate()
        return
    procs = [p for p in multiprocessing.active_children() if p.pid not in before]
    for proc in procs:
        try:
            proc.terminate()
        except Exception:  # noqa: BLE001 - already gone
            pass
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        proc.join(timeout=5)


# -- Dask --------------------------------------------------------------------------------

def _dask_work(path: str, options: Options) -> ReportRecord:
    """One document on a Dask worker (a plain function: the worker imports tieuchi itself)."""
    return process_file(path, options)


def run_dask(todo: Todo, options: Options, scheduler: str, done: Done) -> None:
    """Read ``todo`` on an existing Dask distributed cluster; the workers must see the same paths."""
    try:
        from distributed import Client, as_completed
    except ImportError as e:
        raise UsageError("--executor dask cần gói tuỳ chọn: pip install 'tieuchi[dask]'") from e
    try:
        client = Client(scheduler, timeout="15s")
    except OSError as e:
        raise UsageError(f"không kết nối được bộ lập lịch Dask tại {scheduler}: {e}") from e
    with client:
        futures = {client.submit(_dask_work, p, options, pure=False, key=f"tieuchi-{sha or p}-{i}"): (p, sha)
                   for i, (p, sha) in enumerate(todo)}
        for fut in as_completed(futures):
            p, sha = futures[fut]
            outcome: ReportRecord | Exception
            try:
                outcome = fut.result()
            except Exception as e:  # noqa: BLE001 - a failed task becomes that file's outcome
                outcome = e
            done(p, sha, outcome)
