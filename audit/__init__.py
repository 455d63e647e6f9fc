"""Stage 3: recompute and audit a report record (record → findings)."""

from __future__ import annotations

from audit.checks import (
    check_groups,
    check_missing,
    check_parts,
    check_percent,
    check_ratio,
    check_summary,
    check_verdict,
    computed_percent,
    computed_verdict,
    ocr_misread,
)
from audit.finding import Finding
from extractors.catalog import Catalog
from extractors.record import ReportRecord

SUSPECT_CONF = 80.0


def run_checks(record: ReportRecord, catalog: Catalog) -> list[Finding]:
    """Fill computed values in ``record`` and return its findings (the record keeps them too)."""
    findings: list[Finding] = []
    for c in record.criteria:
        comp = computed_percent(c)
        c.computed_percent = round(comp, 2) if comp is not None else None
        c.computed_verdict = computed_verdict(c)  # type: ignore[assignment]
        own = check_ratio(c) + check_percent(c) + check_verdict(c) + check_parts(c)
        misread = ocr_misread(c) if c.ocr_conf is not None else None
        if misread or c.low_confidence or (c.ocr_conf is not None and c.ocr_conf < SUSPECT_CONF):
            # read by OCR: a number one digit away agrees with its partner, or the words were unsure
            for f in own:
                if f.check in ("percent_mismatch", "ratio_exceeds_whole", "verdict_mismatch", "parts_sum_mismatch"):
                    f.severity = "warning"
                    f.suspect_ocr = True
                    f.message += f" (có thể do lỗi OCR: {misread})" if misread else " (có thể do lỗi OCR)"
        cell = (c.verdict_raw or "").strip()
        if c.ocr_conf is not None and c.reported_verdict is None and cell:
            # the verdict cell of a scan holds something no reading made a verdict of ("_")
            for f in own:
                if f.check == "verdict_missing":
                    f.suspect_ocr = True
                    f.message += f" (ô kết luận đọc được {cell!r}: có thể do lỗi OCR)"
        findings += own
    if record.framework:
        fw = catalog.get(record.framework)
        missing = check_missing(record, fw)
        ocr = "ocr" in record.page_sources
        if ocr:  # on a scan, a criterion not found may be one OCR could not read
            for f in missing:
                f.suspect_ocr = True
                f.message += " (tài liệu quét: có thể do lỗi OCR)"
        findings += missing
        tallies = check_groups(record) + check_summary(record)
        # a verdict OCR could not read (or a criterion it could not find) is not counted as passed;
        # the report's own tally may be right
        unread = {fw.group_of.get(c.code) for c in record.criteria if c.ocr_conf is not None and c.reported_verdict is None}
        if ocr:
            unread |= {fw.group_of.get(f.code or "") for f in missing}
        for f in tallies:
            if (f.check == "group_tally_mismatch" and f.code in unread) or (f.check == "summary_tally_mismatch" and unread):
                f.severity, f.suspect_ocr = "warning", True
                f.message += " (có thể do lỗi OCR: có kết luận không đọc được)"
        findings += tallies
    record.findings = findings
    return findings


__all__ = ["run_checks"]
