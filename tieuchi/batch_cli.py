"""``tieuchi batch`` and ``tieuchi export`` (plain functions: :mod:`tieuchi.cli` registers them)."""

from __future__ import annotations

import sys
import time
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from extractors import load_catalog
from tieuchi.batch import default_jobs, run_batch
from tieuchi.cli_common import CatalogOpt, CropsOpt, FrameworkOpt, err, ingest_config, write_output
from tieuchi.errors import ExitCode, UsageError
from tieuchi.pipeline import Options
from tieuchi.review.decisions import Reviewed, reviewed_records
from tieuchi.store import Store


def batch(
    dirs: Annotated[list[str], typer.Argument(help="thư mục (tìm cả thư mục con) hoặc tệp")],
    db: Annotated[str, typer.Option("--db", help="kho kết quả SQLite (tạo mới nếu chưa có)")] = "results.sqlite",
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="số tài liệu đọc song song (mặc định: mọi lõi CPU)")] = None,
    report: Annotated[str | None, typer.Option("--report", help="ghi báo cáo HTML (một tệp, không cần mạng) vào đây")] = None,
    xlsx: Annotated[str | None, typer.Option("--xlsx", help="ghi tệp Excel vào đây")] = None,
    glob: Annotated[str, typer.Option("--glob", help="mẫu tên tệp (chỉ các loại tệp được hỗ trợ)")] = "*",
    force: Annotated[bool, typer.Option("--force", help="đọc lại cả tài liệu đã có trong kho")] = False,
    catalog: CatalogOpt = None,
    framework: FrameworkOpt = None,
    lang: Annotated[str, typer.Option(help="ngôn ngữ của Tesseract")] = "vie",
    dpi: Annotated[int, typer.Option(help="độ phân giải (dpi) khi dựng ảnh trang quét")] = 300,
    page_timeout: Annotated[float, typer.Option("--page-timeout", help="số giây tối đa cho OCR một trang")] = 120.0,
    password: Annotated[str | None, typer.Option(help="mật khẩu của tệp PDF có mật khẩu")] = None,
    max_pages: Annotated[int, typer.Option("--max-pages", help="từ chối tài liệu có nhiều trang hơn")] = 500,
    force_ocr: Annotated[bool, typer.Option("--force-ocr", help="OCR cả những trang PDF đã có lớp chữ")] = False,
    executor: Annotated[str, typer.Option("--executor", help="local (tiến trình trên máy này) hoặc dask")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="địa chỉ Dask scheduler, ví dụ tcp://HOST:8786")] = None,
    crops: CropsOpt = None,
) -> None:
    """Đọc mọi báo cáo trong DIRS vào kho kết quả; bỏ qua tài liệu đã đọc. Mã thoát 1 nếu có tệp lỗi."""
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs phải từ 1 trở lên")
    n_jobs = jobs or default_jobs()
    if executor not in ("local", "dask"):
        raise UsageError(f"--executor phải là local hoặc dask, không phải {executor!r}")
    if executor == "dask" and not scheduler:
        raise UsageError("--executor dask cần --scheduler tcp://MÁY:CỔNG")
    cat = load_catalog(catalog)
    if framework:
        cat.get(framework)
    opts = Options(catalog=catalog, framework=framework, crops=crops,
                   ingest=ingest_config(lang, dpi, None, page_timeout, password, max_pages, force_ocr))
    args = {"dirs": dirs, "jobs": n_jobs, "glob": glob, "force": force, "catalog": catalog, "framework": framework,
            "lang": lang, "dpi": dpi, "page_timeout": page_timeout, "max_pages": max_pages, "force_ocr": force_ocr}
    res = run_batch(dirs, db, opts, jobs=n_jobs, glob=glob, force=force, progress=True, run_args=args,
                    scheduler=scheduler if executor == "dask" else None)  # a StoreError exits 4, not "bad usage"

    for note in res.notes:
        err.print(f"tieuchi: {note}", markup=False)
    for path, reason in res.failures:
        err.print(f"tieuchi: {reason}" if path in reason else f"tieuchi: {path}: {reason}", markup=False)
    if res.missing_dependency:
        err.print(f"tieuchi: {res.missing_dependency} — các tài liệu quét đã được ghi là lỗi", markup=False)

    outputs: list[tuple[str, str]] = [("kho kết quả", db)]
    with Store(db) as st:   # decisions of earlier reviews: applied where they still fit, listed where not
        if report or xlsx:
            recs = reviewed_records(st, cat, res.paths)
        else:
            shas, mine = set(st.review_stamps()), set(res.paths)
            recs = reviewed_records(st, cat, [d["path"] for d in st.documents() if d["sha256"] in shas and d["path"] in mine])
        changed = st.changed_file_reviews()
    looks = sum(len(r.second_look) for r in recs)
    if looks:
        err.print(f"tieuchi: {looks} quyết định duyệt không còn khớp với những gì lần chạy này đọc được nên không"
                  " được áp dụng; xem lại chúng trong tieuchi review", markup=False)
    if changed:
        files = sorted({r.path or "" for r, _ in changed})
        err.print(f"tieuchi: {len(changed)} quyết định duyệt được đưa ra trên bản cũ của {len(files)} tệp đã thay đổi"
                  f" ({', '.join(files[:3])}{' …' if len(files) > 3 else ''}): được liệt kê để xem lại trong"
                  " tieuchi review", markup=False)
    if report or xlsx:
        if report:
            from tieuchi.report import write_report

            write_report(recs, report)
            outputs.append(("báo cáo HTML", report))
        if xlsx:
            from tieuchi.xlsx import write_xlsx

            write_xlsx(recs, xlsx)
            outputs.append(("Excel", xlsx))

    t = Table(title=f"tieuchi batch — {res.seconds:.1f} s", show_header=False)
    t.add_column("", style="bold")
    t.add_column("", justify="right")
    t.add_row("tài liệu tìm thấy", str(res.found))
    t.add_row("đã đọc", str(res.read))
    t.add_row("bỏ qua (đã có)", str(res.skipped))
    t.add_row("lỗi", str(res.failed))
    if res.no_criteria:
        t.add_row("không nhận ra tiêu chí", str(res.no_criteria))
    t.add_row("trang", str(res.pages))
    for check, n in sorted(res.findings.items(), key=lambda kv: (-kv[1], kv[0])):
        t.add_row(f"phát hiện: {check}", str(n))
    for label, path in outputs:
        t.add_row(label, str(Path(path).resolve()))
    err.print(t)
    if res.failed:
        raise typer.Exit(ExitCode.input_error)


class ExportFmt(str, Enum):
    csv = "csv"
    xlsx = "xlsx"
    jsonl = "jsonl"
    html = "html"


def export(
    db: Annotated[str, typer.Option("--db", help="kho kết quả SQLite")] = "results.sqlite",
    fmt: Annotated[ExportFmt, typer.Option("--format", "-f", help="csv, xlsx, jsonl hoặc html")] = ExportFmt.csv,
    output: Annotated[str | None, typer.Option("--output", "-o", help="tệp kết quả (csv/jsonl: mặc định ra stdout)")] = None,
    reviewed_only: Annotated[bool, typer.Option(
        "--reviewed-only", help="chỉ những gì người duyệt đã kiểm: tiêu chí đã sửa hoặc xác nhận (csv, xlsx); "
                                "tài liệu có tiêu chí như vậy hoặc đã ký duyệt (jsonl, html)")] = False,
    catalog: CatalogOpt = None,
) -> None:
    """Xuất mọi bản ghi của kho kết quả (đã áp dụng quyết định của người duyệt) ra CSV, XLSX, JSONL hoặc HTML."""
    if not Path(db).is_file():
        raise UsageError("không có kho kết quả này", path=db)
    if fmt in (ExportFmt.xlsx, ExportFmt.html) and not output:
        raise UsageError(f"--format {fmt.value} cần --output TỆP")
    t0 = time.monotonic()
    cat = load_catalog(catalog)
    with Store(db) as st:  # a StoreError exits 4
        recs = reviewed_records(st, cat)
    items: list[Reviewed] = [r for r in recs if r.reviewed] if reviewed_only else recs
    if fmt is ExportFmt.xlsx:
        from tieuchi.xlsx import write_xlsx

        write_xlsx(items, output, reviewed_only=reviewed_only)  # type: ignore[arg-type]
    elif fmt is ExportFmt.html:
        from tieuchi.report import write_report

        write_report(items, output)  # type: ignore[arg-type]
    else:
        from tieuchi.outputs import to_csv, to_jsonl

        text = to_csv(items, reviewed_only=reviewed_only) if fmt is ExportFmt.csv else to_jsonl(items)
        if output:
            write_output(output, text)
        else:
            sys.stdout.write(text)
    if output:
        err.print(f"tieuchi: {len(items)} bản ghi → {output} ({time.monotonic() - t0:.1f} s)", markup=False)
