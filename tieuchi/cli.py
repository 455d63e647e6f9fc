"""Command line: ``tieuchi extract``, ``tieuchi batch``, ``tieuchi export``, ``tieuchi catalog``.

stdout carries data only; messages and progress go to stderr. ``main(argv)`` returns the
exit code: 0 all inputs read, 1 some input could not be read, 2 bad usage, 3 a missing
external program.
"""

from __future__ import annotations

import logging
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from extractors import Catalog, load_catalog
from extractors.record import ReportRecord
from ingest.config import IngestConfig, default_jobs
from ingest.errors import MissingDependencyError, TieuchiError, UsageError
from tieuchi.outputs import render_table, to_csv, to_json, to_jsonl
from tieuchi.pipeline import Options, process_file

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Audit Vietnamese chuyển đổi số reports against numbered criteria sets.")
err = Console(stderr=True, highlight=False, soft_wrap=True)
log = logging.getLogger("tieuchi")


@app.callback()
def _root() -> None:
    """Audit Vietnamese chuyển đổi số reports against numbered criteria sets."""


class Fmt(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


CatalogOpt = Annotated[str | None, typer.Option("--catalog", help="criteria catalog JSON (default: the bundled one)")]
FrameworkOpt = Annotated[str | None, typer.Option("--framework", help="framework id to use instead of detecting it")]


def _ingest_config(lang: str, dpi: int, jobs: int | None, page_timeout: float, password: str | None,
                   max_pages: int, force_ocr: bool) -> IngestConfig:
    kw = dict(lang=lang, dpi=dpi, page_timeout=page_timeout, password=password, max_pages=max_pages, force_ocr=force_ocr)
    if jobs:
        kw["jobs"] = jobs
    return IngestConfig(**kw)


def _write_output(path: str, text: str) -> None:
    """Write the results file; a path that cannot be written is a usage error, not a traceback."""
    try:
        Path(path).write_text(text, encoding="utf-8", newline="")
    except OSError as e:
        raise UsageError(f"cannot write output: {e.strerror}", path=path) from None


def _in_workers(files: list[str], opts: Options, catalog: Catalog, jobs: int | None) -> list[ReportRecord]:
    """Every input through :func:`process_file` in ``jobs`` worker processes (batch's pool), in input order.

    Each worker runs one single-threaded tesseract at a time; a worker that dies or raises
    becomes that input's error record, never the others'.
    """
    from tieuchi import __version__
    from tieuchi.batch import BatchResult, _run_pool, file_sha256

    n = min(jobs or default_jobs(), len(files))
    worker_opts = opts.model_copy(update={"ingest": opts.ingest.model_copy(update={"jobs": 1})})
    done: dict[int, ReportRecord] = {}
    index = {f: i for i, f in reversed(list(enumerate(files)))}
    repeats = [i for i, f in enumerate(files) if index[f] != i]
    res = BatchResult()
    _run_pool([(f, file_sha256(f)) for f in dict.fromkeys(files)], worker_opts, n,
              lambda p, rec: done.__setitem__(index[p], rec), res, __version__, catalog.sha256)
    if res.missing_dependency:  # as in one process: no other input would fare better
        dep = MissingDependencyError("")
        dep.detail = res.missing_dependency
        raise dep
    for i in repeats:  # the same path given twice is read once
        done[i] = done[index[files[i]]]
    return [done[i] for i in range(len(files))]


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="report files: .pdf, .png/.jpg/.tif, .txt")],
    fmt: Annotated[Fmt | None, typer.Option("--format", "-f", help="table (default on a terminal), json, jsonl, csv")] = None,
    output: Annotated[str | None, typer.Option("--output", "-o", help="write to this file instead of stdout")] = None,
    catalog: CatalogOpt = None,
    framework: FrameworkOpt = None,
    lang: Annotated[str, typer.Option(help="Tesseract language")] = "vie",
    dpi: Annotated[int, typer.Option(help="rasterization resolution for scans")] = 300,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="inputs read at once, in worker processes; for one "
                                             "input, its OCR pages at once (default: all cores)")] = None,
    page_timeout: Annotated[float, typer.Option("--page-timeout", help="seconds per page of OCR")] = 120.0,
    password: Annotated[str | None, typer.Option(help="password of encrypted PDFs")] = None,
    max_pages: Annotated[int, typer.Option("--max-pages", help="refuse documents with more pages")] = 500,
    force_ocr: Annotated[bool, typer.Option("--force-ocr", help="OCR PDF pages even when they have text")] = False,
    crops: Annotated[str | None, typer.Option("--crops", help="write a PNG crop of each criterion's evidence here")] = None,
) -> None:
    """Extract and audit each FILE; print records."""
    cat = load_catalog(catalog)
    if framework:
        cat.get(framework)
    opts = Options(catalog=catalog, framework=framework,
                   ingest=_ingest_config(lang, dpi, jobs, page_timeout, password, max_pages, force_ocr))
    fmt = fmt or (Fmt.table if sys.stdout.isatty() and not output else Fmt.jsonl)
    records = []
    failed = 0
    parallel = _in_workers(files, opts, cat, jobs) if len(files) > 1 and (jobs or default_jobs()) > 1 else None
    for i, f in enumerate(files):
        rec = parallel[i] if parallel is not None else process_file(f, opts, cat)
        if rec.status == "error" or not rec.criteria:
            failed += 1
            for e in rec.errors or []:
                err.print(f"tieuchi: {e.message}", markup=False)
        records.append(rec)
        if crops and rec.criteria:
            from tieuchi.crops import write_crops

            write_crops(rec, crops, ocr_dpi=dpi, password=password)
    if fmt is Fmt.table:
        import io

        buf = io.StringIO() if output else None
        con = Console(file=buf or sys.stdout, width=160)
        for rec in records:
            if rec.criteria:
                render_table(rec, con)
        if output and buf is not None:
            _write_output(output, buf.getvalue())
    else:
        text = {Fmt.json: to_json, Fmt.jsonl: to_jsonl, Fmt.csv: to_csv}[fmt](records)
        if output:
            _write_output(output, text)
        else:
            sys.stdout.write(text)
    if failed:
        raise typer.Exit(1)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return its exit code (testable in-process)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        # standalone mode: typer prints usage errors itself and exits 2
        app(args=argv if argv is not None else sys.argv[1:], prog_name="tieuchi", standalone_mode=True)
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except KeyboardInterrupt:
        err.print("tieuchi: interrupted", markup=False)
        return 130
    except UsageError as e:
        err.print(f"tieuchi: {e}", markup=False)
        return 2
    except TieuchiError as e:
        err.print(f"tieuchi: {e}", markup=False)
        return e.exit_code
    except OSError as e:  # the environment failed us (disk full, a closed pipe): one line, never a traceback
        err.print(f"tieuchi: {e.filename or ''}: {e.strerror or e}".replace(": : ", ": "), markup=False)
        return 1
    return 0


def run() -> None:
    sys.exit(main())


# sub-commands defined in their own modules register on ``app`` when imported
from tieuchi import batch_cli as _batch_cli  # noqa: E402,F401  (registers `batch` and `export`)
from tieuchi import catalog_cli as _catalog_cli  # noqa: E402,F401
