"""One self-contained HTML report of many records: inline CSS and a little vanilla JS,
no network references, every text escaped (Jinja2 autoescaping; the templates are the
review app's, in ``tieuchi/review/templates``).

Records may come with a person's decisions applied (:class:`tieuchi.review.decisions.Reviewed`):
the report then shows corrected values beside the extracted ones, each criterion's review
status, who decided and when, and dismissed findings struck through.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from pathlib import Path

from extractors.record import ReportRecord
from tieuchi.review.decisions import Reviewed
from tieuchi.review.templating import DOC_STATUS_LABEL as STATUS_LABEL  # noqa: F401  (kept for importers)
from tieuchi.review.templating import VERDICT_LABEL, environment

TITLE = "Báo cáo kiểm tra tiêu chí chuyển đổi số"


def _inline_png(path: str) -> str:
    """A crop as base64, so the report stays one file that works from a USB stick."""
    try:
        with open(path, "rb") as fh:
            return base64.b64encode(fh.read()).decode("ascii")
    except OSError:
        return ""


def _code_key(code: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\s]+", code) if p)


def _label(rec: ReportRecord) -> str:
    return rec.document.issuer or Path(rec.source).stem


def split(item: ReportRecord | Reviewed) -> tuple[ReportRecord, Reviewed | None]:
    return (item.record, item) if isinstance(item, Reviewed) else (item, None)


def _doc(i: int, item: ReportRecord | Reviewed) -> dict:
    rec, rv = split(item)
    dismissed = {id(fv.finding) for fv in rv.findings if fv.decision and fv.decision.decision == "dismissed"} if rv else set()
    live = [f for f in rec.findings if id(f) not in dismissed]
    checks = {f.check for f in live} | ({"error"} if rec.status == "error" else set())
    ev = {c.code: c.evidence for c in rec.criteria}
    ev.update({g.code: g.evidence or "" for g in rec.groups if g.code not in ev})
    crops = {c.code: _inline_png(c.crop) for c in rec.criteria if c.crop}
    decisions = {id(fv.finding): fv.decision for fv in rv.findings} if rv else {}
    findings = [{"finding": f, "dismissed": id(f) in dismissed, "decision": decisions.get(id(f)),
                 "evidence": ev.get(f.code or "") or "", "crop": crops.get(f.code or "")} for f in rec.findings]
    return {"id": f"doc{i}", "rec": rec, "review": rv, "label": _label(rec), "checks": " ".join(sorted(checks)),
            "live": live, "n_findings": len(live), "findings": findings}


def _matrices(docs: list[dict]) -> list[dict]:
    """One verdict matrix per framework (codes mean different criteria in different frameworks)."""
    out = []
    for fw_id in sorted({d["rec"].framework for d in docs if d["rec"].framework}):
        members = [d for d in docs if d["rec"].framework == fw_id]
        codes = sorted({c.code for d in members for c in d["rec"].criteria} |
                       {f.code for d in members for f in d["live"] if f.check == "criterion_missing" and f.code},
                       key=_code_key)
        rows = []
        for d in members:
            by_code = {c.code: c for c in d["rec"].criteria}
            fcodes: dict[str, list[str]] = {}
            for f in d["live"]:
                if f.code:
                    fcodes.setdefault(f.code, []).append(f.check)
            cells = []
            for code in codes:
                cr = by_code.get(code)
                v = (cr.reported_verdict if cr else None) or "none"
                tip = [code, VERDICT_LABEL.get(v, "không ghi" if cr else "không có trong báo cáo")]
                cls, mark = f"v-{v}", ""
                if code in fcodes:
                    cls += " f"
                    mark = "!"
                    tip.append(", ".join(fcodes[code]))
                cells.append({"cls": cls, "tip": " · ".join(tip), "mark": mark})
            rows.append({"doc": d, "cells": cells})
        out.append({"framework": fw_id, "codes": codes, "rows": rows})
    return out


def _crops_note(recs: list[ReportRecord]) -> str:
    """Which crops the report shows (``--crops`` writes one per criterion; the report shows those behind findings)."""
    shown = sum(1 for r in recs for f in r.findings if f.code and any(c.code == f.code and c.crop for c in r.criteria))
    written = sum(1 for r in recs for c in r.criteria if c.crop)
    if shown:
        return (f"Ảnh cắt: {shown} phát hiện kèm ảnh vùng bằng chứng của tiêu chí đó, cắt từ trang của tài liệu "
                "(PDF có lớp chữ hoặc bản quét; tệp .txt không có ảnh), do --crops ghi.")
    if written:
        return (f"Ảnh cắt: --crops đã ghi {written} ảnh vùng bằng chứng, nhưng không phát hiện nào thuộc một tiêu chí có ảnh "
                "(phát hiện về nhóm và tổng hợp không có ảnh).")
    return "Không có ảnh cắt vùng bằng chứng: chạy tieuchi batch … --crops THƯ_MỤC để thêm ảnh bên cạnh mỗi phát hiện."


def render_report(records: Iterable[ReportRecord | Reviewed], title: str = TITLE) -> str:
    docs = [_doc(i, item) for i, item in enumerate(records)]
    checks = sorted({c for d in docs for c in d["checks"].split() if c})
    return environment().get_template("report.html.j2").render(
        title=title, docs=docs, checks=checks, matrices=_matrices(docs), crops_note=_crops_note([d["rec"] for d in docs]),
        n_findings=sum(d["n_findings"] for d in docs), n_errors=sum(d["rec"].status == "error" for d in docs),
        n_reviewed=sum(1 for d in docs if d["review"] is not None and d["review"].reviewed)) + "\n"


def write_report(records: Iterable[ReportRecord | Reviewed], path: str | Path) -> int:
    """Write the HTML report; returns its size in bytes."""
    data = render_report(records).encode("utf-8")
    Path(path).write_bytes(data)
    return len(data)
