"""``tieuchi catalog list | show ID | validate FILE | schema | from-plan PLAN --id ID`` (registered by :mod:`tieuchi.cli`)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from extractors import load_catalog
from tieuchi.cli_common import err
from tieuchi.errors import ExitCode, UsageError

catalog_app = typer.Typer(help="Liệt kê, xem, kiểm tra và soạn thảo danh mục bộ tiêu chí (criteria catalogs).", no_args_is_help=True)
out = Console(highlight=False, soft_wrap=True)


@catalog_app.command("list")
def list_frameworks(catalog: Annotated[str | None, typer.Option("--catalog")] = None) -> None:
    """Liệt kê các bộ tiêu chí của danh mục."""
    cat = load_catalog(catalog)
    t = Table(title=cat.path)
    for col in ("id", "criteria", "groups", "legal refs", "title"):
        t.add_column(col)
    for fw in cat.frameworks:
        t.add_row(fw.id, str(len(fw.criteria)), str(len(fw.groups)), ", ".join(fw.legal_refs), fw.title)
    out.print(t)


@catalog_app.command("show")
def show(framework_id: str, catalog: Annotated[str | None, typer.Option("--catalog")] = None,
         as_json: Annotated[bool, typer.Option("--json", help="in bộ tiêu chí dạng JSON")] = False) -> None:
    """Xem nhóm và tiêu chí của một bộ tiêu chí, kèm chỉ tiêu."""
    fw = load_catalog(catalog).get(framework_id)
    if as_json:
        sys.stdout.write(json.dumps(fw.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n")
        return
    t = Table(title=f"{fw.id} — {fw.title}")
    for col in ("code", "title", "kind", "target"):
        t.add_column(col)
    for c in fw.ungrouped:
        t.add_row(c.code, c.title, c.kind, c.target.label() if c.target else "")
    for g in fw.groups:
        t.add_row(f"[bold]{g.code}[/bold]", f"[bold]{g.title}[/bold]", "", "")
        for c in g.criteria:
            t.add_row(c.code, c.title, c.kind, c.target.label() if c.target else "")
    out.print(t)


@catalog_app.command("validate")
def validate(path: str) -> None:
    """Kiểm tra tệp danh mục: mỗi lỗi một dòng (bộ tiêu chí, mã, trường), mã thoát 2; không lỗi: một dòng OK."""
    from extractors.catalog import catalog_problems, read_catalog_json

    _, _, raw = read_catalog_json(path)  # unreadable or not JSON: one line, exit 2
    cat, problems = catalog_problems(raw)
    if cat is None:
        for problem in problems:
            err.print(f"{path}: {problem}", markup=False)
        err.print(f"{path}: không hợp lệ — {len(problems)} lỗi", markup=False)
        raise typer.Exit(ExitCode.usage)
    n_groups = sum(len(f.groups) for f in cat.frameworks)
    n = sum(len(f.criteria) for f in cat.frameworks)
    sys.stdout.write(f"{path}: OK — {len(cat.frameworks)} bộ tiêu chí, {n_groups} nhóm, {n} tiêu chí\n")


@catalog_app.command("schema")
def schema(output: Annotated[str | None, typer.Option("--output", "-o", help="ghi JSON Schema vào đây (mặc định: stdout)")] = None) -> None:
    """In JSON Schema của tệp danh mục, sinh từ chính các model của tieuchi."""
    from extractors.catalog import catalog_schema

    text = json.dumps(catalog_schema(), ensure_ascii=False, indent=1) + "\n"
    if output:
        try:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as e:
            raise UsageError(f"không ghi được tệp kết quả: {e.strerror}", path=output) from None
    else:
        sys.stdout.write(text)


@catalog_app.command("from-plan")
def from_plan(
    plan: str,
    framework_id: Annotated[str, typer.Option("--id", help="id cho bộ tiêu chí được soạn")],
    which: Annotated[str | None, typer.Option("--which", help="chỉ bảng này, ví dụ kh100 hoặc 176/QĐ-UBND")] = None,
    output: Annotated[str | None, typer.Option("--output", "-o", help="ghi bản nháp vào đây (mặc định: stdout)")] = None,
) -> None:
    """Soạn nháp bộ tiêu chí JSON (mã, tên, chỉ tiêu, nhóm) từ bảng chỉ tiêu của một kế hoạch, để người duyệt lại."""
    from extractors.plan import draft_framework_from_plan
    from ingest import read_document

    doc = read_document(plan)
    drafted = draft_framework_from_plan(doc, framework_id, which=which) if which else draft_framework_from_plan(doc, framework_id)
    frameworks = [drafted] if which else drafted
    data = {"schema_version": 1,
            "about": f"DRAFT from {plan} by 'tieuchi catalog from-plan'; review titles and targets before use.",
            "frameworks": [f.model_dump(mode="json") for f in frameworks]}  # type: ignore[union-attr]
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
        n = sum(len(f.criteria) for f in frameworks)  # type: ignore[union-attr,misc]
        err.print(f"{output}: bản nháp {len(frameworks)} bộ tiêu chí, {n} chỉ tiêu", markup=False)  # type: ignore[arg-type]
    else:
        sys.stdout.write(text)
