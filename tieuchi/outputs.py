"""Writers for records: JSON, JSONL, CSV (UTF-8 with BOM for Excel) and a terminal table."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from extractors.record import ReportRecord

if TYPE_CHECKING:
    from tieuchi.review.decisions import Reviewed

REVIEW_COLUMNS = ["review_status", "reviewed_by", "reviewed_at", "review_note"]
"""Who checked a value: ``extracted`` (nobody), ``corrected`` or ``confirmed``, by whom, when, and what changed."""
CSV_COLUMNS = ["source", "framework", "provisional", "document_number", "document_date", "issuer", "code", "title",
               "target_op", "target_value", "target_unit", "numerator", "denominator", "reported_percent",
               "computed_percent", "value", "value_unit", "reported_verdict", "computed_verdict", "page", "match_score", "findings",
               "evidence", *REVIEW_COLUMNS]


def _split(item: ReportRecord | Reviewed) -> tuple[ReportRecord, Reviewed | None]:
    return (item, None) if isinstance(item, ReportRecord) else (item.record, item)


def record_dict(item: ReportRecord | Reviewed) -> dict:
    """The record contract; a reviewed record adds ``review`` keys to itself, its criteria and findings."""
    rec, rv = _split(item)
    d = rec.model_dump(mode="json")
    if rv is None:
        return d
    from tieuchi.review.decisions import fmt_time

    for i, c in enumerate(d["criteria"]):
        cols = rv.criterion_columns(i)
        c["review"] = {"status": cols["review_status"], "by": cols["reviewed_by"], "at": cols["reviewed_at"] or None,
                       "extracted": {r.field: r.old_value for r in rv.criteria[i].corrections}}
    for f, fv in zip(d["findings"], rv.findings, strict=True):
        if fv.decision is not None:
            f["review"] = {"decision": fv.decision.decision, "by": fv.decision.reviewer, "at": fmt_time(fv.decision.time),
                           "comment": fv.decision.comment}
    so = rv.signed_off
    d["review"] = {"signed_off_by": so.reviewer if so else None, "signed_off_at": fmt_time(so.time) if so else None,
                   "second_look": len(rv.second_look)}
    return d


def to_json(records: list[ReportRecord]) -> str:
    return json.dumps([record_dict(r) for r in records], ensure_ascii=False, indent=2) + "\n"


def to_jsonl(records: Iterable[ReportRecord | Reviewed]) -> str:
    return "".join(json.dumps(record_dict(r), ensure_ascii=False) + "\n" for r in records)


def criteria_rows(item: ReportRecord | Reviewed, reviewed_only: bool = False) -> list[dict]:
    """One flat row per criterion (the shape CSV and XLSX share); findings a reviewer dismissed are left out.
    ``reviewed_only``: only the criteria a person corrected or confirmed."""
    rec, rv = _split(item)
    dismissed = {id(fv.finding) for fv in rv.findings if fv.decision and fv.decision.decision == "dismissed"} if rv else set()
    by_code: dict[str | None, list[str]] = {}
    for f in rec.findings:
        if id(f) not in dismissed:
            by_code.setdefault(f.code, []).append(f.check)
    rows = []
    for i, c in enumerate(rec.criteria):
        review = rv.criterion_columns(i) if rv else {"review_status": "extracted"}
        if reviewed_only and review["review_status"] == "extracted":
            continue
        t = c.target or None
        rows.append({
            "source": rec.source, "framework": rec.framework, "provisional": rec.provisional,
            "document_number": rec.document.number,
            "document_date": rec.document.date, "issuer": rec.document.issuer, "code": c.code, "title": c.title,
            "target_op": t.op if t else None, "target_value": t.value if t else None, "target_unit": t.unit if t else None,
            "numerator": c.numerator, "denominator": c.denominator, "reported_percent": c.reported_percent,
            "computed_percent": c.computed_percent, "value": c.value, "value_unit": c.value_unit,
            "reported_verdict": c.reported_verdict,
            "computed_verdict": c.computed_verdict, "page": c.page, "match_score": c.match_score,
            "findings": ";".join(by_code.get(c.code, [])), "evidence": c.evidence, **review,
        })
    return rows


def to_csv(records: Iterable[ReportRecord | Reviewed], reviewed_only: bool = False) -> str:
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    w.writeheader()
    for rec in records:
        for row in criteria_rows(rec, reviewed_only):
            w.writerow(row)
    return buf.getvalue()


_VERDICT = {"dat": "Đạt", "chua_dat": "Chưa đạt", "vuot": "Vượt"}


def _pct(v: float | None) -> str:
    return "" if v is None else f"{v:.2f}".rstrip("0").rstrip(".").replace(".", ",") + "%"


def render_table(rec: ReportRecord, console) -> None:  # type: ignore[no-untyped-def]
    """A readable table of one record on a rich console."""
    from rich.table import Table

    doc = rec.document
    fw = rec.framework or ("bộ tiêu chí tạm theo chính báo cáo (provisional)" if rec.provisional else "không rõ bộ tiêu chí")
    title = f"{rec.source} — {fw}"
    if doc.number or doc.date or doc.issuer:
        title += f"\n{doc.number or '?'} · {doc.date or '?'} · {doc.issuer or '?'}"
    t = Table(title=title, show_lines=False)
    for col, kw in (("Mã", {}), ("Tiêu chí", {"max_width": 38}), ("Chỉ tiêu", {}), ("x/y", {}),
                    ("% ghi", {"justify": "right"}), ("% tính", {"justify": "right"}), ("Kết luận", {}),
                    ("Tr.", {"justify": "right"}), ("Phát hiện", {"max_width": 30})):
        t.add_column(col, **kw)
    by_code: dict[str | None, list[str]] = {}
    for f in rec.findings:
        by_code.setdefault(f.code, []).append(f.check)
    for c in rec.criteria:
        frac = f"{c.numerator}/{c.denominator}" if c.numerator is not None else ""
        t.add_row(c.code, c.title[:80], c.target.label() if c.target else "", frac, _pct(c.reported_percent),
                  _pct(c.computed_percent), _VERDICT.get(c.reported_verdict or "", ""), str(c.page or ""),
                  ", ".join(by_code.get(c.code, [])))
    console.print(t)
    for g in rec.groups:
        if g.reported_passed is not None:
            console.print(f"  nhóm {g.code}: báo cáo đạt {g.reported_passed}/{g.reported_total}, đếm {g.counted_passed}/{g.criteria_total}")
    if rec.summary and rec.summary.reported_passed is not None:
        s = rec.summary
        console.print(f"  tổng: báo cáo đạt {s.reported_passed}/{s.reported_total}, đếm {s.counted_passed}/{s.criteria_total}")
    for f in rec.findings:
        if f.code is None or f.check in ("criterion_missing", "group_tally_mismatch"):
            console.print(f"  [{f.severity}] {f.check} {f.code or ''}: {f.message}")
