"""Excel export: sheet "Tiêu chí" (one row per criterion) and "Phát hiện" (one row per finding)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from extractors.record import ReportRecord
from tieuchi.outputs import CSV_COLUMNS, _split, criteria_rows
from tieuchi.review.decisions import Reviewed, fmt_time

CRITERIA_HEADERS = {
    "source": "Tệp", "framework": "Bộ tiêu chí", "provisional": "Bộ tạm (theo báo cáo)",
    "document_number": "Số văn bản", "document_date": "Ngày",
    "issuer": "Cơ quan ban hành", "code": "Mã", "title": "Tiêu chí", "target_op": "So sánh", "target_value": "Chỉ tiêu",
    "target_unit": "Đơn vị", "numerator": "Tử số", "denominator": "Mẫu số", "reported_percent": "% báo cáo",
    "computed_percent": "% tính lại", "value": "Giá trị đo", "value_unit": "Đơn vị giá trị",
    "reported_verdict": "Kết luận báo cáo", "computed_verdict": "Kết luận tính lại",
    "page": "Trang", "match_score": "Độ khớp", "findings": "Phát hiện", "evidence": "Trích dẫn",
    "review_status": "Trạng thái duyệt", "reviewed_by": "Người duyệt", "reviewed_at": "Thời điểm duyệt",
    "review_note": "Ghi chú duyệt",
}
PERCENT_COLUMNS = {"reported_percent", "computed_percent"}
FINDING_COLUMNS = [("source", "Tệp"), ("issuer", "Cơ quan ban hành"), ("document_number", "Số văn bản"),
                   ("check", "Kiểm tra"), ("code", "Mã"), ("severity", "Mức độ"), ("message", "Nội dung"),
                   ("suspect_ocr", "Nghi lỗi OCR"), ("page", "Trang"), ("evidence", "Trích dẫn"),
                   ("decision", "Quyết định duyệt"), ("reviewed_by", "Người duyệt"), ("reviewed_at", "Thời điểm duyệt"),
                   ("comment", "Ghi chú duyệt")]
_WIDTH = {"title": 50, "evidence": 60, "message": 60, "source": 30, "issuer": 28, "review_note": 40, "comment": 30,
          "reviewed_at": 22}
DECISION_LABELS = {"confirmed": "xác nhận", "dismissed": "bỏ qua"}


def _clean(v: object) -> object:
    if isinstance(v, str):
        return ILLEGAL_CHARACTERS_RE.sub("", v)
    return v


def _sheet(ws, keys: list[str], headers: list[str], rows: Iterable[dict]) -> None:  # type: ignore[no-untyped-def]
    bold = Font(bold=True)
    for j, h in enumerate(headers, 1):
        ws.cell(row=1, column=j, value=h).font = bold
    n = 1
    for n, row in enumerate(rows, 2):
        for j, k in enumerate(keys, 1):
            v = _clean(row.get(k))
            if k in PERCENT_COLUMNS and isinstance(v, (int, float)):
                cell = ws.cell(row=n, column=j, value=v / 100.0)
                cell.number_format = "0.0%"
                continue
            cell = ws.cell(row=n, column=j, value=v)
            if isinstance(v, str) and v.startswith("="):
                cell.data_type = "s"  # text from a report is never a formula
    for j, k in enumerate(keys, 1):
        ws.column_dimensions[get_column_letter(j)].width = _WIDTH.get(k, 14)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(keys))}{max(n, 1)}"


def write_xlsx(records: Iterable[ReportRecord | Reviewed], path: str | Path, reviewed_only: bool = False) -> None:
    """Write the workbook; reviewed records carry their review status, reviewer and time in both sheets."""
    recs = list(records)
    wb = Workbook()
    ws = wb.active
    ws.title = "Tiêu chí"
    _sheet(ws, CSV_COLUMNS, [CRITERIA_HEADERS.get(k, k) for k in CSV_COLUMNS],
           (row for rec in recs for row in criteria_rows(rec, reviewed_only)))

    def finding_rows() -> Iterable[dict]:
        for item in recs:
            rec, rv = _split(item)
            ev = {c.code: c.evidence for c in rec.criteria}
            ev.update({g.code: g.evidence or "" for g in rec.groups if g.code not in ev})
            decided = {id(fv.finding): fv.decision for fv in rv.findings} if rv else {}
            for f in rec.findings:
                d = decided.get(id(f))
                yield {"source": rec.source, "issuer": rec.document.issuer, "document_number": rec.document.number,
                       "check": f.check, "code": f.code, "severity": f.severity, "message": f.message,
                       "suspect_ocr": "có" if f.suspect_ocr else "", "page": f.page, "evidence": ev.get(f.code or "", ""),
                       "decision": DECISION_LABELS.get(d.decision, d.decision) if d else "",
                       "reviewed_by": d.reviewer if d else "", "reviewed_at": fmt_time(d.time) if d else "",
                       "comment": d.comment if d else ""}
            for e in rec.errors:
                yield {"source": rec.source, "issuer": rec.document.issuer, "document_number": rec.document.number,
                       "check": f"error:{e.kind}", "code": None, "severity": "error", "message": e.message,
                       "suspect_ocr": "", "page": e.page, "evidence": ""}

    _sheet(wb.create_sheet("Phát hiện"), [k for k, _ in FINDING_COLUMNS], [h for _, h in FINDING_COLUMNS], finding_rows())
    wb.save(str(path))
