"""Pages on threads: each task drives one single-threaded tesseract; a page's typed error becomes data."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from ingest.errors import MissingDependencyError, TieuchiError
from ingest.models import Page, PageError

log = logging.getLogger(__name__)


def _page_error(exc: TieuchiError, number: int) -> PageError:
    return PageError(page=number, kind=exc.kind, message=str(exc))


def _run_pages(tasks: Iterator[tuple[int, Callable[[], Page]]], jobs: int) -> tuple[list[Page], list[PageError]]:
    """Run page tasks on ``jobs`` threads; a page's typed error becomes a PageError.

    A missing dependency stops everything (every other page would fail the same way). At most
    ``2 * jobs`` tasks are queued, so a long input never has all its page images pending.
    """
    pages: list[Page] = []
    errors: list[PageError] = []

    def collect(fut: Future[Page], number: int) -> None:
        try:
            pages.append(fut.result())
        except MissingDependencyError:
            raise
        except TieuchiError as exc:
            log.warning("%s", exc)
            errors.append(_page_error(exc, number))

    if jobs <= 1:
        for number, task in tasks:
            done: Future[Page] = Future()
            try:
                done.set_result(task())
            except TieuchiError as exc:
                done.set_exception(exc)
            collect(done, number)
    else:
        pending: dict[Future[Page], int] = {}
        with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="tieuchi-ocr") as pool:
            try:
                for number, task in tasks:
                    while len(pending) >= 2 * jobs:
                        _drain(pending, collect, block=True)
                    pending[pool.submit(task)] = number
                    _drain(pending, collect, block=False)
                while pending:
                    _drain(pending, collect, block=True)
            except BaseException:
                for fut in pending:
                    fut.cancel()
                raise
    pages.sort(key=lambda p: p.number)
    errors.sort(key=lambda e: e.page or 0)
    return pages, errors


def _drain(pending: dict[Future[Page], int], collect: Callable[[Future[Page], int], None], *, block: bool) -> None:
    """Collect finished tasks (waiting for at least one when ``block``)."""
    if not pending:
        return
    done, _ = wait(list(pending), timeout=None if block else 0, return_when=FIRST_COMPLETED)
    for fut in done:
        collect(fut, pending.pop(fut))
