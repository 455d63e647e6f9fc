"""Command line: ``tieuchi extract``, ``tieuchi batch``, ``tieuchi export``, ``tieuchi catalog``.

stdout carries data only; messages and progress go to stderr. ``main(argv)`` returns the
exit code: 0 all inputs read, 1 some input could not be read, 2 bad usage, 3 a missing
external program.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from extractors import Catalog, ReportRecord, load_catalog
from extractors.record import ErrorItem
from ingest.config import IngestConfig
from ingest.errors import TieuchiError, UsageError
from tieuchi.outputs import render_table, to_csv, to_json, to_jsonl
from tieuchi.pipeline import Options, internal_message, process_file

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


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="report files: .pdf, .png/.jpg/.tif, .txt")],
    fmt: Annotated[Fmt | None, typer.Option("--format", "-f", help="table (default on a terminal), json, jsonl, csv")] = None,
    output: Annotated[str | None, typer.Option("--output", "-o", help="write to this file instead of stdout")] = None,
    catalog: CatalogOpt = None,
    framework: FrameworkOpt = None,
    lang: Annotated[str, typer.Option(help="Tesseract language")] = "vie",
    dpi: Annotated[int, typer.Option(help="rasterization resolution for scans")] = 300,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="parallel OCR processes (default: all cores)")] = None,
    page_timeout: Annotated[float, typer.Option("--page-timeout", help="seconds per page of OCR")] = 120.0,
    password: Annotated[str | None, typer.Option(help="password of encrypted PDFs")] = None,
    max_pages: Annotated[int, typer.Option("--max-pages", help="refuse documents with more pages")] = 500,
    force_ocr: Annotated[bool, typer.Option("--force-ocr", help="OCR PDF pages even when they have text")] = False,
    crops: Annotated[str | None, typer.Option("--crops", help="write a PNG crop of each criterion's evidence here")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="print the traceback of an internal error")] = False,
) -> None:
    """Extract and audit each FILE; print records."""
    cat = load_catalog(catalog)
    if framework:
        cat.get(framework)
    opts = Options(catalog=catalog, framework=framework, debug=debug,
                   ingest=_ingest_config(lang, dpi, jobs, page_timeout, password, max_pages, force_ocr))
    fmt = fmt or (Fmt.table if sys.stdout.isatty() and not output else Fmt.jsonl)
    records = []
    failed = 0
    with _tracebacks_on_stderr(debug):
        for f in files:
            rec = _extract_one(f, opts, cat, crops, debug)
            internal = [e for e in rec.errors if e.kind == "internal"]
            if rec.status == "error" or not rec.criteria or internal:
                failed += 1
                for e in (rec.errors if rec.status == "error" or not rec.criteria else internal):
                    err.print(f"tieuchi: {e.message}", markup=False)
            records.append(rec)
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


@contextlib.contextmanager
def _tracebacks_on_stderr(debug: bool) -> Iterator[None]:
    """With --debug, the pipeline's report of an internal error (with its traceback) goes to stderr."""
    if not debug:
        yield
        return
    logger = logging.getLogger("tieuchi.pipeline")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("tieuchi: %(message)s"))
    old = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = old


def _extract_one(path: str, opts: Options, cat: Catalog, crops: str | None, debug: bool) -> ReportRecord:
    """One input inside its own guard: whatever goes wrong with it becomes its record, never the others'."""
    rec = process_file(path, opts, cat)  # turns every error of the document into its record
    if crops and rec.criteria:
        from tieuchi.crops import write_crops

        try:
            write_crops(rec, crops, ocr_dpi=opts.ingest.dpi, password=opts.ingest.password)
        except (TieuchiError, OSError) as e:
            rec.errors.append(ErrorItem(kind="crops", message=f"{path}: no crops written: {e}"))
        except Exception as e:  # noqa: BLE001 - a bug in the crops must not cost this record or the others
            rec.errors.append(ErrorItem(kind="internal", message=internal_message(path, e)))
            if debug:
                log.error("%s", rec.errors[-1].message, exc_info=e)
    return rec


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
