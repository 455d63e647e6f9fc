"""The stable, reviewable view of a record that golden files pin down field by field."""

from __future__ import annotations

from extractors.record import ReportRecord

CRITERION_FIELDS = ("code", "target", "numerator", "denominator", "reported_percent", "computed_percent",
                    "reported_verdict", "computed_verdict", "page")


def golden_view(rec: ReportRecord) -> dict:
    d = rec.model_dump(mode="json")
    return {
        "framework": d["framework"],
        "document": {k: d["document"][k] for k in ("number", "date", "issuer")},
        "pages": d["pages"],
        "criteria": [{k: c[k] for k in CRITERION_FIELDS} for c in d["criteria"]],
        "groups": [{k: g[k] for k in ("code", "reported_passed", "reported_total", "counted_passed")} for g in d["groups"]],
        "summary": {k: d["summary"][k] for k in ("reported_passed", "reported_total", "counted_passed")} if d["summary"] else None,
        "findings": sorted([{"check": f["check"], "code": f["code"], "severity": f["severity"]} for f in d["findings"]],
                           key=lambda f: (f["check"], f["code"] or "")),
    }
