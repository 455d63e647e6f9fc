"""Command line: ``tieuchi extract``, ``tieuchi batch``, ``tieuchi export``, ``tieuchi catalog``.

The main module: it defines ``app`` and ``extract``, imports the other command modules and
registers their commands (they never import this module), and maps every error to its exit code
in one place (:func:`main`, :class:`tieuchi.errors.ExitCode`). stdout carries data only; messages
and progress go to stderr.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from enum import Enum
from typing import Annotated

import typer
from rich.console import Console

from extractors import Catalog, ReportRecord, load_catalog
from ingest import fewer_collections
from ingest.config import default_jobs
from tieuchi import batch_cli, catalog_cli, explain
from tieuchi.cli_common import CatalogOpt, CropsOpt, FrameworkOpt, err, write_output
from tieuchi.cli_common import ingest_config as _ingest_config
from tieuchi.errors import ExitCode, MissingDependencyError, TieuchiError
from tieuchi.outputs import render_table, to_csv, to_json, to_jsonl
from tieuchi.pipeline import Options, process_file
from tieuchi.review import cli as review_cli

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Đọc và kiểm tra báo cáo chuyển đổi số theo bộ tiêu chí (audit Vietnamese digital-transformation reports).")
log = logging.getLogger("tieuchi")


@app.callback()
def _root() -> None:
    """Đọc và kiểm tra báo cáo chuyển đổi số theo bộ tiêu chí (audit Vietnamese digital-transformation reports)."""


class Fmt(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _in_workers(files: list[str], opts: Options, catalog: Catalog, jobs: int | None) -> list[ReportRecord]:
    """Every input through :func:`process_file` in ``jobs`` worker processes (batch's pool), in input order.

    Each worker runs one single-threaded tesseract at a time; a worker that dies or raises
    becomes that input's error record, never the others'.
    """
    from tieuchi.batch import BatchResult, outcome_record
    from tieuchi.discover import file_sha256
    from tieuchi.executors import run_local

    n = min(jobs or default_jobs(), len(files))
    worker_opts = opts.model_copy(update={"ingest": opts.ingest.model_copy(update={"jobs": 1})})
    done: dict[int, ReportRecord] = {}
    index = {f: i for i, f in reversed(list(enumerate(files)))}
    repeats = [i for i, f in enumerate(files) if index[f] != i]
    res = BatchResult()

    def finished(p: str, sha: str, outcome: ReportRecord | Exception) -> None:
        done[index[p]] = outcome_record(p, sha, outcome, res, catalog.sha256)

    run_local([(f, file_sha256(f)) for f in dict.fromkeys(files)], worker_opts, n, finished)
    if res.missing_dependency:  # as in one process: no other input would fare better
        dep = MissingDependencyError("")
        dep.detail = res.missing_dependency
        raise dep
    for i in repeats:  # the same path given twice is read once
        done[i] = done[index[files[i]]]
    return [done[i] for i in range(len(files))]


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="tệp báo cáo: .pdf, .png/.jpg/.tif, .txt")],
    fmt: Annotated[Fmt | None, typer.Option("--format", "-f", help="table (mặc định trên màn hình), json, jsonl, csv")] = None,
    output: Annotated[str | None, typer.Option("--output", "-o", help="ghi vào tệp này thay vì ra màn hình (stdout)")] = None,
    catalog: CatalogOpt = None,
    framework: FrameworkOpt = None,
    lang: Annotated[str, typer.Option(help="ngôn ngữ của Tesseract")] = "vie",
    dpi: Annotated[int, typer.Option(help="độ phân giải (dpi) khi dựng ảnh trang quét")] = 300,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="số tệp đọc cùng lúc (mỗi tệp một tiến trình); với một "
                                             "tệp: số trang OCR cùng lúc (mặc định: mọi lõi CPU)")] = None,
    page_timeout: Annotated[float, typer.Option("--page-timeout", help="số giây tối đa cho OCR một trang")] = 120.0,
    password: Annotated[str | None, typer.Option(help="mật khẩu của tệp PDF có mật khẩu")] = None,
    max_pages: Annotated[int, typer.Option("--max-pages", help="từ chối tài liệu có nhiều trang hơn")] = 500,
    force_ocr: Annotated[bool, typer.Option("--force-ocr", help="OCR cả những trang PDF đã có lớp chữ")] = False,
    crops: CropsOpt = None,
    debug: Annotated[bool, typer.Option("--debug", help="in traceback của lỗi nội bộ")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="ghi ra stderr vì sao mỗi tiêu chí được đọc như vậy "
                                          "(như `tieuchi explain`, cho mọi tiêu chí; đọc từng tệp một)")] = False,
) -> None:
    """Đọc và kiểm tra từng FILE; in bản ghi (extract and audit each FILE)."""
    cat = load_catalog(catalog)
    if framework:
        cat.get(framework)
    opts = Options(catalog=catalog, framework=framework, debug=debug, crops=crops,
                   ingest=_ingest_config(lang, dpi, jobs, page_timeout, password, max_pages, force_ocr))
    fmt = fmt or (Fmt.table if sys.stdout.isatty() and not output else Fmt.jsonl)
    records = []
    failed = 0
    parallel = _in_workers(files, opts, cat, jobs) if len(files) > 1 and (jobs or default_jobs()) > 1 \
        and not verbose else None
    with _tracebacks_on_stderr(debug), _verbose_logging(verbose):
        for i, f in enumerate(files):
            # every error of an input becomes its record (process_file's guard); crops are the pipeline's
            rec = parallel[i] if parallel is not None else process_file(f, opts, cat)
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
            write_output(output, buf.getvalue())
    else:
        text = {Fmt.json: to_json, Fmt.jsonl: to_jsonl, Fmt.csv: to_csv}[fmt](records)
        if output:
            write_output(output, text)
        else:
            sys.stdout.write(text)
    if failed:
        raise typer.Exit(ExitCode.input_error)


@contextlib.contextmanager
def _verbose_logging(verbose: bool) -> Iterator[None]:
    """``-v``: DEBUG messages of tieuchi's own modules (each criterion's explanation among them) on stderr."""
    if not verbose:
        yield
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    loggers = [logging.getLogger(n) for n in ("tieuchi", "extractors", "audit", "ingest")]
    saved = [(lg.level, lg.propagate) for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
        lg.addHandler(handler)
        lg.propagate = False
    try:
        yield
    finally:
        for lg, (level, propagate) in zip(loggers, saved, strict=True):
            lg.removeHandler(handler)
            lg.setLevel(level)
            lg.propagate = propagate


_INTERRUPTED = "tieuchi: đã dừng (Ctrl-C); với batch, các tài liệu đã đọc xong vẫn nằm trong kho kết quả"


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


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return its exit code (testable in-process)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    fewer_collections()
    try:
        # standalone mode: typer prints usage errors itself and exits 2
        app(args=argv if argv is not None else sys.argv[1:], prog_name="tieuchi", standalone_mode=True)
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (int(ExitCode.ok) if e.code is None else int(ExitCode.input_error))
        if code == ExitCode.interrupted:  # typer turns Ctrl-C into exit 130
            err.print(_INTERRUPTED, markup=False)
        return code
    except KeyboardInterrupt:
        err.print(_INTERRUPTED, markup=False)
        return int(ExitCode.interrupted)
    except TieuchiError as e:  # every error class knows its exit code and what to do next
        err.print(f"tieuchi: {e.user_message()}", markup=False)
        return int(e.exit_code)
    except OSError as e:  # the environment failed us (disk full, a closed pipe): one line, never a traceback
        err.print(f"tieuchi: {e.filename or ''}: {e.strerror or e}".replace(": : ", ": "), markup=False)
        return int(ExitCode.input_error)
    return int(ExitCode.ok)


def run() -> None:
    sys.exit(main())


# the other command modules' commands, in the order `tieuchi --help` lists them
app.command()(batch_cli.batch)
app.command()(batch_cli.export)
app.command()(review_cli.review)
app.command("explain")(explain.command)
app.add_typer(catalog_cli.catalog_app, name="catalog")

if __name__ == "__main__":  # python -m tieuchi.cli
    run()
