"""The column reader: an indicator table whose header names its columns' roles.

"STT | Tên chỉ tiêu | Giải thích chỉ tiêu | Đơn vị tính | Chỉ tiêu giao năm 2025": the header's
words (``columns`` in ``extractors/data/plan.json``) say which cell is the code, the title, the
formula, the unit, the target, the deadline and the lead agency. Rows are the lines under it
with cells (a PDF's ruled table, or ``|`` / tab separated text). A row whose code is roman or a
letter, or that has a title and nothing else, is a group. Used when the header has a unit or a
formula column (tables without them are read by the annex reader, which also copes with OCR).
"""

from __future__ import annotations

import regex

from extractors.catalog import Criterion, Group, Target
from extractors.plan.common import tidy
from extractors.plan.targets import parse_targets, plan_vocabulary, unit_kind
from ingest.models import Line
from ingest.normalize import match_key

_CODE = regex.compile(r"\d{1,2}(?:\.\d{1,2}){0,2}|[IVX]{1,4}|[a-zđ]")
_YES_NO_UNITS = ("co/khong", "co khong", "dat/khong dat", "co, khong")


def cells_of(line: Line) -> list[str] | None:
    """The line's cells: a PDF table row's, or its ``|`` / tab separated parts (None for a plain line)."""
    if line.cells:
        return [c.strip() for c in line.cells]
    for sep in ("|", "\t"):
        if line.text.count(sep) >= 2:
            return [c.strip() for c in line.text.split(sep)]
    return None


def header_roles(cells: list[str]) -> dict[str, int]:
    """{role: column index} from a header row's cells, each cell taken by its longest matching phrase."""
    columns = plan_vocabulary()["columns"]
    roles: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = match_key(cell)
        best, best_len = None, 0
        for role, phrases in columns.items():
            for p in phrases:
                if (key == p or key.startswith(p + " ")) and len(p) > best_len:
                    best, best_len = role, len(p)
        if best and best not in roles:
            roles[best] = i
    return roles


def find_header(lines: list[Line]) -> tuple[int, dict[str, int]] | None:
    """(line index, roles) of the first header with a title column and a unit or formula column."""
    for i, ln in enumerate(lines):
        cells = cells_of(ln)
        if not cells or len(cells) < 3:
            continue
        roles = header_roles(cells)
        if "title" in roles and ("unit" in roles or "formula" in roles):
            return i, roles
    return None


def _cell(cells: list[str], roles: dict[str, int], role: str) -> str:
    i = roles.get(role)
    return cells[i].strip() if i is not None and i < len(cells) else ""


def _row_criterion(code: str, cells: list[str], roles: dict[str, int]) -> Criterion:
    title = tidy(_cell(cells, roles, "title"))
    unit = _cell(cells, roles, "unit") or None
    target_text = _cell(cells, roles, "target")
    yes_no = unit is not None and match_key(unit).replace(" / ", "/") in _YES_NO_UNITS
    targets: list[Target] = []
    if target_text and not yes_no:
        targets = parse_targets(target_text, target_col=True, unit=unit)[:1]
    if not targets and not yes_no:
        targets = parse_targets(title)
    kind = "yes_no" if yes_no else (unit_kind(targets[0].unit) if targets else None) or unit_kind(unit) or "task"
    crit_unit = unit if unit and not yes_no and (not targets or targets[0].unit == unit) else None
    return Criterion(code=code, title=title or f"(chỉ tiêu {code})", kind=kind,  # type: ignore[arg-type]
                     target=targets[0] if targets else None, unit=crit_unit if kind != "ratio" else None,
                     formula=tidy(_cell(cells, roles, "formula")) or None, measures=list(targets[1:]),
                     deadline=_cell(cells, roles, "deadline") or None, lead_agency=_cell(cells, roles, "agency") or None)


def read_columns(lines: list[Line]) -> tuple[list[Group], list[Criterion]] | None:
    """Groups and ungrouped indicators of a table with a role header; None when there is no such header."""
    found = find_header(lines)
    if found is None:
        return None
    at, roles = found
    n_cols = len(cells_of(lines[at]) or [])
    groups: list[Group] = []
    loose: list[Criterion] = []
    current: Group | None = None
    rows: list[list[str]] = []
    for ln in lines[at + 1:]:
        cells = cells_of(ln)
        if cells is None or not any(cells):
            continue
        if len(cells) < n_cols:
            cells = cells + [""] * (n_cols - len(cells))
        if header_roles(cells).keys() >= {"title"} and len(header_roles(cells)) >= 3:
            continue  # a header repeated on the next page
        rows.append(cells)
    codes = [_cell(r, roles, "code").rstrip(".") if "code" in roles else "" for r in rows]
    for k, cells in enumerate(rows):
        code = codes[k]
        title = _cell(cells, roles, "title")
        rest = [c for i, c in enumerate(cells) if i not in (roles.get("code"), roles.get("title")) and c]
        if not _CODE.fullmatch(code) and code:
            continue  # not a row of this table
        # a group: a roman or letter code, no code, or a number whose next rows are numbered under it ("1" → "1.1")
        parent = bool(code) and any(c.startswith(f"{code}.") for c in codes[k + 1:k + 2])
        if (regex.fullmatch(r"[IVX]{1,4}|[a-zđ]", code) or not code or parent) and title and not rest:
            current = Group(code=code or str(len(groups) + 1), title=tidy(title), criteria=[])
            groups.append(current)
            continue
        if not code or not title:
            continue
        crit = _row_criterion(code, cells, roles)
        (current.criteria if current else loose).append(crit)
    return [g for g in groups if g.criteria], loose
