"""Finding a plan's indicator tables and drafting frameworks from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import overload

import regex

from extractors.catalog import Criterion, Framework, Group
from extractors.plan.annex import _ROMANISH, is_header, read_rows, row_criterion
from extractors.plan.columns import cells_of, read_columns
from extractors.plan.common import line_text, roman, tidy
from extractors.plan.lists import read_list
from ingest.errors import InputError
from ingest.models import Document, Line
from ingest.normalize import fold_chars, match_key

_DOC_KINDS = {
    "quyet dinh": ("Quyết định", "qd"),
    "ke hoach": ("Kế hoạch", "kh"),
    "nghi quyet": ("Nghị quyết", "nq"),
    "chuong trinh": ("Chương trình", "ct"),
    "chi thi": ("Chỉ thị", "ct"),
    "de an": ("Đề án", "da"),
}
_HEADING = regex.compile(
    r"chi ?tieu\b.{0,40}?\btheo\s+(?P<kind>quyet dinh|ke hoach|nghi quyet|chuong trinh|chi thi|de an)"
    r"(?:\s+so)?\s+(?P<num>\d{1,5})\s*/")
_REF = regex.compile(r"(?<!\d)(?P<num>\d{1,5})\s*/\s*(?P<suffix>(?:\d{4}/)?[A-ZĐa-zđ0-9]{1,6}(?:\s*-\s*[A-ZĐa-zđ0-9]{1,8}){0,2})")
_DATE = regex.compile(r"ng[a-z]{1,3}\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_DATE_WORDS = regex.compile(r"ng[a-z]{1,3}\s+(\d{1,2})\s+th[a-z]{1,3}ng\s*(\d{1,2})\s+n[a-z]{1,2}m\s+(\d{4})")
# OCR without Vietnamese reads Đ as P or D: "QP-UBND", "BCP", "QD".
_REF_TOKENS = {"QP": "QĐ", "QD": "QĐ", "OD": "QĐ", "0D": "QĐ", "BCP": "BCĐ", "BCD": "BCĐ", "BCDP": "BCĐ",
               "HPND": "HĐND", "HDND": "HĐND", "TTG": "TTg", "TU": "TU", "KH": "KH", "NQ": "NQ", "UBND": "UBND"}
_TABLE_END = regex.compile(r"^(?:phu luc\s*\d|noi nhan\b|danh sach\b)")


@dataclass
class PlanTable:
    """One indicator table found in a plan."""

    heading: str | None
    kind: str | None
    """'Quyết định', 'Kế hoạch'... of the document whose indicators the table lists."""
    ref: str | None
    """'176/QĐ-UBND' (Đ restored in the type letters)."""
    issued: str | None
    slug: str
    lines: list[Line] = field(default_factory=list)
    first_line: int = 0
    last_line: int = 0



def _fix_ref(num: str, suffix: str) -> str:
    parts = [p.strip() for p in regex.split(r"\s*-\s*", suffix.strip())]
    fixed = [_REF_TOKENS.get(p.upper(), p.upper() if p.isalpha() and p.upper() != "TTG" else p) for p in parts]
    return f"{num}/{'-'.join(fixed)}"


def _date(text: str) -> str | None:
    folded = fold_chars(text)
    m = _DATE.search(folded) or _DATE_WORDS.search(folded)
    if not m:
        return None
    d, mo, y = int(m[1]), int(m[2]), int(m[3])
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"



def find_plan_tables(document: Document) -> list[PlanTable]:
    """The indicator tables of a plan, each with the lines under its heading."""
    lines = document.lines()
    heads: list[tuple[int, PlanTable]] = []
    for i, ln in enumerate(lines):
        text = line_text(ln)
        key = match_key(text)
        m = _HEADING.search(key)
        if not m:
            continue
        letters = [c for c in text if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) < 0.6 * len(letters):
            continue  # a sentence citing the plan, not a table heading
        kind, short = _DOC_KINDS[m["kind"]]
        ref_m = next((r for r in _REF.finditer(text) if r["num"] == m["num"]), None)
        ref = _fix_ref(ref_m["num"], ref_m["suffix"]) if ref_m else m["num"]
        heads.append((i, PlanTable(heading=" ".join(text.split()), kind=kind, ref=ref, issued=_date(text),
                                   slug=f"{short}{m['num']}")))
    if not heads:
        # the plan itself: one table, identified by the document's own number
        head = lines[:20]
        ref = None
        for ln in head:
            r = regex.search(r"S[oốô6b]\s*[:.]?\s*(\d{1,5})\s*/\s*([A-ZĐ]{1,6}(?:\s*-\s*[A-ZĐ]{1,8}){0,2})", line_text(ln))
            if r:
                ref = _fix_ref(r[1], r[2])
                break
        issued = next((d for d in (_date(line_text(ln)) for ln in head) if d), None)
        slug = regex.sub(r"[^a-z0-9]", "", match_key(ref or "plan").split("/")[-1].split("-")[0] + (ref or "").split("/")[0])
        heads.append((-1, PlanTable(heading=None, kind=None, ref=ref, issued=issued, slug=slug or "plan")))
    tables = []
    for n, (i, tab) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        body = []
        for ln in lines[i + 1:end]:
            if _TABLE_END.match(match_key(line_text(ln))):
                break
            body.append(ln)
        tab.lines = body
        tab.first_line = lines[i].number if i >= 0 else (body[0].number if body else 0)
        tab.last_line = body[-1].number if body else tab.first_line
        tables.append(tab)
    return tables



def _annex_groups(table: PlanTable) -> list[Group]:
    """The seed's layout: numbered rows as loose lines (see :mod:`extractors.plan.annex`)."""
    header_key = " ".join(match_key(line_text(ln)) for ln in table.lines[:4] if is_header(line_text(ln)))
    target_col = bool(regex.search(r"noi dung|chi ?tieu den|muc tieu (?:den|nam)|ke hoach nam", header_key))
    rows, groups, dotted = read_rows(table.lines)
    by_idx = {r.code_idx: r for r in rows}
    out_groups: list[Group] = []
    current: Group | None = None
    n_groups = 0
    order = sorted(set(by_idx) | set(groups))
    seen: set[str] = set()
    for i in order:
        if i in groups:
            tok, title = groups[i]
            n_groups += 1
            if dotted:
                # group code = the prefix of its criteria codes (set below once known)
                code = str(n_groups)
            elif tok.isdigit():
                code = str(int(tok))
            else:
                code = roman(n_groups) if _ROMANISH.match(tok) else tok
            current = Group(code=code, title=tidy(title), criteria=[])
            out_groups.append(current)
            continue
        row = by_idx[i]
        if row.code in seen:
            continue
        seen.add(row.code)
        if current is None:
            current = Group(code=row.code.split(".")[0] if dotted else "1", title="(chưa có nhóm)", criteria=[])
            out_groups.append(current)
        current.criteria.append(row_criterion(row, target_col))
    out_groups = [g for g in out_groups if g.criteria]
    if dotted:
        for g in out_groups:
            g.code = g.criteria[0].code.split(".")[0]
    return out_groups


def _unique_codes(groups: list[Group], loose: list[Criterion]) -> None:
    """Numbering that restarts in each group ("I: 1, 2; II: 1, 2") becomes "I.1", "II.1"."""
    codes = [c.code for c in loose] + [c.code for g in groups for c in g.criteria]
    if len(codes) == len(set(codes)):
        return
    for g in groups:
        for c in g.criteria:
            if not c.code.startswith(f"{g.code}."):
                c.code = f"{g.code}.{c.code}"


def read_indicators(table: PlanTable) -> tuple[list[Group], list[Criterion]]:
    """A table's groups and ungrouped indicators, by its layout: a role header with unit or formula
    columns, the annex's numbered rows (a heading or cells), or bullet and numbered lists."""
    cols = read_columns(table.lines)
    if cols is not None and (cols[0] or cols[1]):
        groups, loose = cols
    elif table.heading or any(cells_of(ln) for ln in table.lines):
        groups, loose = _annex_groups(table), []
    else:
        groups, loose = read_list(table.lines)
        if not groups and not loose:
            # numbered rows with neither separators nor a heading: indicators only if they read like
            # ones (most with a target or a deadline), not a text's numbered sections
            groups = _annex_groups(table)
            crits = [c for g in groups for c in g.criteria]
            if len(crits) < 2 or sum(bool(c.target or c.deadline) for c in crits) * 2 < len(crits):
                groups = []
    _unique_codes(groups, loose)
    return groups, loose


def _framework(table: PlanTable, framework_id: str, document: Document) -> Framework | None:
    """The table's draft framework; None when it has no indicators."""
    groups, loose = read_indicators(table)
    if not groups and not loose:
        return None
    title = table.heading or f"Chỉ tiêu theo {table.ref or document.path}"
    if table.kind and table.ref:
        title = f"Các chỉ tiêu theo {table.kind} số {table.ref}"
        if table.issued:
            y, m, d = table.issued.split("-")
            title += f" ngày {int(d):02d}/{int(m):02d}/{y}"
    where = f"lines {table.first_line}-{table.last_line}" if table.first_line else "whole document"
    source = f"{document.path} ({where}; drafted by tieuchi catalog from-plan, review before use)"
    if table.heading:
        source = f"{document.path}, table '{table.heading}' ({where}; drafted by tieuchi catalog from-plan, review before use)"
    return Framework(id=framework_id, title=title, legal_refs=[table.ref] if table.ref and "/" in table.ref else [],
                     issued=table.issued, source=source, groups=groups, criteria=loose)


def _matches(table: PlanTable, which: str) -> bool:
    w = match_key(which).replace(" ", "")
    if not w:
        return False
    num = table.ref.split("/")[0] if table.ref else None
    return w in {table.slug, num, match_key(table.ref or "").replace(" ", "")} or (
        num is not None and regex.fullmatch(rf"(?:[a-z]{{0,3}}){num}(?:/.*)?", w) is not None)


@overload
def draft_framework_from_plan(document: Document, framework_id: str, which: None = None) -> list[Framework]: ...
@overload
def draft_framework_from_plan(document: Document, framework_id: str, which: str) -> Framework: ...
def draft_framework_from_plan(document: Document, framework_id: str, which: str | None = None) -> list[Framework] | Framework:
    """Draft frameworks from a plan's indicator table(s).

    Without ``which``: one framework per table found, as a list; with one table its id is
    ``framework_id``, with several ``framework_id-<slug>`` (slug "qd176", "kh100": the kind
    and number of the document each table lists). With ``which`` ("kh100", "100",
    "100/KH-BCĐ"): that table's framework alone, with id ``framework_id``. Raises
    :class:`InputError` when no table (or no table ``which`` names) has numbered rows.
    """
    tables = find_plan_tables(document)
    if which is not None:
        chosen = [t for t in tables if _matches(t, which)]
        if not chosen:
            known = ", ".join(f"{t.slug} ({t.ref})" for t in tables) or "none"
            raise InputError(f"no indicator table for {which!r} (tables found: {known})", path=document.path)
        fw = _framework(chosen[0], framework_id, document)
        if fw is None:
            raise InputError(f"table {chosen[0].slug} has no numbered indicator rows", path=document.path)
        return fw
    out: list[Framework] = []
    for t in tables:
        fid = framework_id if len(tables) == 1 else f"{framework_id}-{t.slug}"
        drafted = _framework(t, fid, document)
        if drafted is not None:
            out.append(drafted)
    if not out:
        raise InputError("no numbered indicator table found", path=document.path)
    return out
