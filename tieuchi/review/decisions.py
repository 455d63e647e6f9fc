"""Apply a person's stored decisions to a record, re-audit it, and say what needs a second look.

Decisions (rows of the store's ``reviews`` table) are keyed by the file's hash, the criterion's
code *as extracted*, and a field:

- ``target``, ``numerator``, ``denominator``, ``reported_percent``, ``reported_verdict``, ``code``:
  decision ``corrected``; ``old_value`` is the value as extracted, ``new_value`` the person's.
- ``values``: decision ``confirmed`` (the extracted values are right); ``old_value`` is a snapshot.
- ``finding:<check>``: decision ``confirmed`` or ``dismissed``; ``old_value`` is the finding's message.
- ``document`` (code ``""``): decision ``reviewed`` (signed off); ``old_value`` a snapshot of all criteria.

The latest row of a key wins; ``cleared``/``discarded``/``moved`` end it. A decision is applied
only while the run in the store still produces its ``old_value``; otherwise it is listed for a
second look and not applied.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime

from audit import run_checks
from extractors.catalog import Catalog, Framework, Target
from extractors.record import CriterionRecord, ReportRecord
from extractors.record import FindingRecord as Finding
from ingest.errors import TieuchiError
from tieuchi.store import INACTIVE_DECISIONS, Review, Store

FIELDS = ("code", "target", "numerator", "denominator", "reported_percent", "reported_verdict")
"""Correctable fields, in the order they are applied (the code first: it may bring the catalog's target)."""
FIELD_LABELS = {"code": "mã tiêu chí", "target": "chỉ tiêu", "numerator": "tử số", "denominator": "mẫu số",
                "reported_percent": "% báo cáo", "reported_verdict": "kết luận báo cáo"}
FINDING_DECISIONS = ("confirmed", "dismissed")
VERDICTS = ("dat", "chua_dat", "vuot")
STATUS_LABELS = {"extracted": "trích xuất", "corrected": "đã sửa", "confirmed": "đã xác nhận"}
DOC_KEY = ("", "document")


class CorrectionError(ValueError):
    """A correction the reviewer typed that cannot be a value of that field (the message is Vietnamese)."""


def fmt_time(t: float | None) -> str:
    return "" if t is None else datetime.fromtimestamp(t).astimezone().isoformat(timespec="seconds")


def value_of(c: CriterionRecord, name: str) -> object:
    """A correctable field as plain JSON (the target as {op, value, unit})."""
    if name == "target":
        return c.target.model_dump() if c.target else None
    return getattr(c, name)


def snapshot(c: CriterionRecord) -> dict[str, object]:
    return {f: value_of(c, f) for f in FIELDS}


def same(a: object, b: object) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def show_value(name: str, v: object) -> str:
    """A field's value as a reviewer reads it."""
    if v is None:
        return "(trống)"
    if name == "target" and isinstance(v, dict):
        try:
            return Target.model_validate(v).label()
        except ValueError:
            return str(v)
    if name == "reported_verdict":
        return {"dat": "Đạt", "chua_dat": "Chưa đạt", "vuot": "Vượt"}.get(str(v), str(v))
    if isinstance(v, float):
        return f"{v:g}".replace(".", ",")
    return str(v)


# -- what a reviewer types -------------------------------------------------------------

_INT = re.compile(r"^\d{1,3}(?:[. ]\d{3})+$|^\d+$")
_OPS = {"≥": ">=", "≤": "<=", ">=": ">=", "<=": "<=", ">": ">", "<": "<", "=": "="}


def _number(raw: object, what: str) -> float:
    if isinstance(raw, bool):
        raise CorrectionError(f"{what}: cần một số")
    if isinstance(raw, (int, float)):
        v = float(raw)
    elif isinstance(raw, str):
        s = raw.strip().rstrip("%").strip().replace(" ", "")
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):   # 15.378 or 1.234,5: dots group thousands
            s = s.replace(".", "")
        s = s.replace(",", ".")
        try:
            v = float(s)
        except ValueError:
            raise CorrectionError(f"{what}: {raw!r} không phải là số") from None
    else:
        raise CorrectionError(f"{what}: cần một số")
    if v != v or v in (float("inf"), float("-inf")) or v < 0:
        raise CorrectionError(f"{what}: cần một số không âm")
    return v


def parse_correction(name: str, raw: object, rec: ReportRecord, index: int, fw: Framework | None) -> object:
    """The value a reviewer entered for ``name`` of criterion ``index``, checked; None clears the field."""
    if name not in FIELDS:
        raise CorrectionError(f"không sửa được trường {name!r} (được: {', '.join(FIELDS)})")
    label = FIELD_LABELS[name]
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if name == "code":
            raise CorrectionError("mã tiêu chí không được để trống")
        return None
    c = rec.criteria[index]
    if name in ("numerator", "denominator"):
        if isinstance(raw, str) and not _INT.match(raw.strip()):
            raise CorrectionError(f"{label}: {raw!r} không phải là số nguyên")
        v = _number(raw, label)
        if v != int(v) or v > 10**12:
            raise CorrectionError(f"{label}: cần một số nguyên không âm")
        return int(v)
    if name == "reported_percent":
        v = _number(raw, label)
        if v > 10000:
            raise CorrectionError(f"{label}: {v:g} quá lớn")
        return round(v, 4)
    if name == "reported_verdict":
        if raw not in VERDICTS:
            raise CorrectionError(f"{label}: phải là một trong {', '.join(VERDICTS)}")
        return raw
    if name == "target":
        base = c.target or c.catalog_target
        unit = base.unit if base else "%"
        op: str = base.op if base else ">="
        if isinstance(raw, dict):
            extra = set(raw) - {"op", "value", "unit"}
            if extra or "value" not in raw:
                raise CorrectionError(f"{label}: cần {{op, value}}")
            op = raw.get("op") or op
            value = _number(raw["value"], label)
            unit = raw.get("unit") or unit
        elif isinstance(raw, (str, int, float)) and not isinstance(raw, bool):
            s = str(raw).strip()
            m = re.match(r"^(>=|<=|≥|≤|>|<|=)?\s*(.+)$", s)
            assert m is not None
            if m.group(1):
                op = _OPS[m.group(1)]
            value = _number(m.group(2), label)
        else:
            raise CorrectionError(f"{label}: cần một số, ví dụ >= 85")
        if op not in _OPS.values() or not isinstance(unit, str) or len(unit) > 40:
            raise CorrectionError(f"{label}: phép so sánh {op!r} không hợp lệ")
        return Target(op=op, value=value, unit=unit).model_dump()  # type: ignore[arg-type]
    # code
    if not isinstance(raw, str) or len(raw) > 20:
        raise CorrectionError(f"{label}: cần một mã như 3.4")
    code = raw.strip().rstrip(".")
    if not code or not all(p.isalnum() for p in code.split(".")):
        raise CorrectionError(f"{label}: {raw!r} không phải là mã dạng số chấm (3.4)")
    if fw is not None and code not in fw.by_code:
        raise CorrectionError(f"{label}: bộ tiêu chí {fw.id} không có tiêu chí {code}")
    if any(i != index and o.code == code for i, o in enumerate(rec.criteria)):
        raise CorrectionError(f"{label}: báo cáo đã có tiêu chí {code}")
    return code


def _set(c: CriterionRecord, name: str, v: object, fw: Framework | None) -> None:
    if name == "target":
        c.target = Target.model_validate(v) if v is not None else None
        c.target_source = "report" if v is not None else None
    elif name == "code":
        c.code = str(v)
        crit = fw.by_code.get(c.code) if fw else None
        if crit is not None:
            c.title = crit.title
            c.catalog_target = crit.target
            if c.target_source != "report":
                c.target = crit.target
                c.target_source = "catalog" if crit.target else None
    else:
        setattr(c, name, v)


# -- applying --------------------------------------------------------------------------

@dataclass
class CriterionReview:
    origin_code: str
    status: str = "extracted"
    reviewer: str | None = None
    time: float | None = None
    corrections: list[Review] = field(default_factory=list)
    comment: str | None = None

    def was(self, name: str) -> Review | None:
        """The applied correction of ``name``, if any."""
        return next((r for r in self.corrections if r.field == name), None)

    def was_frac(self, c: CriterionRecord) -> str:
        """The fraction as extracted, when its numerator or denominator was corrected."""
        n, d = self.was("numerator"), self.was("denominator")
        if n is None and d is None:
            return ""
        num = show_value("numerator", n.old_value if n else c.numerator)
        return f"{num}/{show_value('denominator', d.old_value if d else c.denominator)}"

    def note(self) -> str:
        return "; ".join(f"{FIELD_LABELS[r.field]} {show_value(r.field, r.old_value)} → {show_value(r.field, r.new_value)}"
                         for r in self.corrections)


@dataclass
class FindingView:
    finding: Finding
    decision: Review | None = None


@dataclass
class SecondLook:
    review: Review
    reason: str
    current: object = None


@dataclass
class Reviewed:
    """A record with its decisions applied: corrected values, new findings, and what did not apply."""

    record: ReportRecord
    extracted: ReportRecord
    criteria: list[CriterionReview]
    findings: list[FindingView]
    resolved: list[Review] = field(default_factory=list)
    """Finding decisions whose finding a correction made go away."""
    signed_off: Review | None = None
    second_look: list[SecondLook] = field(default_factory=list)
    history: list[Review] = field(default_factory=list)
    note: str | None = None

    @property
    def reviewed(self) -> bool:
        """Whether a person decided anything that applies to this record."""
        return (self.signed_off is not None or any(c.status != "extracted" for c in self.criteria)
                or any(fv.decision is not None for fv in self.findings))

    def criterion_columns(self, index: int) -> dict[str, object]:
        cr = self.criteria[index]
        code = self.record.criteria[index].code
        notes = [cr.note()] if cr.corrections else []
        for fv in self.findings:
            if fv.decision and fv.finding.code == code:
                verb = "bỏ qua" if fv.decision.decision == "dismissed" else "xác nhận"
                notes.append(f"{verb} {fv.finding.check}" + (f" ({fv.decision.comment})" if fv.decision.comment else ""))
        if cr.comment:
            notes.append(cr.comment)
        return {"review_status": cr.status, "reviewed_by": cr.reviewer, "reviewed_at": fmt_time(cr.time),
                "review_note": "; ".join(n for n in notes if n)}

    def dismissed(self, f: Finding) -> bool:
        return any(fv.finding is f and fv.decision is not None and fv.decision.decision == "dismissed" for fv in self.findings)


def framework_of(rec: ReportRecord, catalog: Catalog) -> Framework | None:
    if not rec.framework:
        return None
    try:
        return catalog.get(rec.framework)
    except TieuchiError:
        return None


def _recount(rec: ReportRecord, fw: Framework) -> None:
    """Group and overall counts of passed criteria, after verdicts or codes were corrected."""
    passed = {c.code for c in rec.criteria if c.reported_verdict in ("dat", "vuot")}
    groups = {g.code: g for g in fw.groups}
    for g in rec.groups:
        if g.code in groups:
            g.counted_passed = sum(1 for c in groups[g.code].criteria if c.code in passed)
    if rec.summary is not None:
        rec.summary.counted_passed = len(passed)


def _latest(reviews: list[Review], sha: str) -> dict[tuple[str, str], Review]:
    latest: dict[tuple[str, str], Review] = {}
    for r in sorted(reviews, key=lambda r: r.id):
        if r.sha256 == sha:
            latest[(r.code, r.field)] = r
    return {k: r for k, r in latest.items() if r.decision not in INACTIVE_DECISIONS}


def apply_reviews(record: ReportRecord, reviews: list[Review], catalog: Catalog) -> Reviewed:
    """The record as the reviewer left it: corrections applied, audit re-run, decisions matched."""
    sha = record.sha256
    active = _latest(reviews, sha) if sha else {}
    # only corrections change the record; without any, the stored one is shown as it is (no copy)
    rec = record.model_copy(deep=True) if any(r.decision == "corrected" for r in active.values()) else record
    fw = framework_of(rec, catalog)
    views = [CriterionReview(origin_code=c.code) for c in rec.criteria]
    out = Reviewed(record=rec, extracted=record, criteria=views, findings=[],
                   history=sorted((r for r in reviews if r.sha256 == sha and sha), key=lambda r: r.id))
    used: set[tuple[str, str]] = set()
    changed = False
    snaps = [snapshot(c) for c in record.criteria]

    def look(r: Review, reason: str, current: object = None) -> None:
        out.second_look.append(SecondLook(review=r, reason=reason, current=current))

    for i, c in enumerate(rec.criteria):
        oc = views[i].origin_code
        for name in FIELDS:
            r = active.get((oc, name))
            if r is None or r.decision != "corrected":
                continue
            used.add((oc, name))
            if same(snaps[i][name], r.old_value):
                _set(c, name, r.new_value, fw)
                views[i].corrections.append(r)
                changed = True
            else:
                look(r, f"lần chạy mới đọc {FIELD_LABELS[name]} là {show_value(name, snaps[i][name])}, "
                        f"không phải {show_value(name, r.old_value)} như lúc sửa", snaps[i][name])
    if changed:
        if fw is not None:
            _recount(rec, fw)
        try:
            run_checks(rec, catalog)
        except TieuchiError as e:
            out.note = f"không kiểm tra lại được: {e}"

    extracted_keys = {(f.code or "", f.check) for f in record.findings}
    for f in rec.findings:
        k = (f.code or "", f"finding:{f.check}")
        r = active.get(k)
        view = FindingView(finding=f)
        if r is not None and r.decision in FINDING_DECISIONS:
            used.add(k)
            if r.old_value == f.message:
                view.decision = r
            else:
                look(r, "phát hiện đã thay đổi so với lúc quyết định", f.message)
        out.findings.append(view)

    for (code, name), r in active.items():
        if (code, name) in used or not name.startswith("finding:"):
            continue
        used.add((code, name))
        if (code, name.removeprefix("finding:")) in extracted_keys:
            out.resolved.append(r)   # the reviewer's correction made this finding go away
        else:
            look(r, "lần chạy mới không còn phát hiện này")

    for i, _c in enumerate(rec.criteria):
        k = (views[i].origin_code, "values")
        r = active.get(k)
        if r is None or r.decision != "confirmed":
            continue
        used.add(k)
        if same(r.old_value, snaps[i]):
            _mark(views[i], r)
        else:
            look(r, "giá trị đọc được đã khác lúc xác nhận", snaps[i])

    r = active.get(DOC_KEY)
    if r is not None and r.decision == "reviewed":
        used.add(DOC_KEY)
        old = r.old_value if isinstance(r.old_value, dict) else {}
        now = {v.origin_code: snaps[i] for i, v in enumerate(views)}
        differ = sorted(set(old) ^ set(now) | {k for k in set(old) & set(now) if not same(old[k], now[k])})
        if differ:
            look(r, "giá trị đọc được đã khác lúc duyệt xong tài liệu: " + ", ".join(differ), differ)
        else:
            out.signed_off = r
            for v in views:
                if v.status == "extracted":
                    _mark(v, r)

    for c, v in zip(rec.criteria, views, strict=True):
        if v.corrections:
            last = max(v.corrections, key=lambda r: r.id)
            v.status, v.reviewer, v.time, v.comment = "corrected", last.reviewer, last.time, last.comment
            continue
        for fv in out.findings:
            if fv.decision is not None and fv.finding.code == c.code and (v.time is None or fv.decision.time > v.time):
                _mark(v, fv.decision)

    codes = {v.origin_code for v in views}
    for (code, name), r in active.items():
        if (code, name) not in used and code and code not in codes and name != "document":
            look(r, f"lần chạy mới không còn tiêu chí {code}")
    return out


def _mark(v: CriterionReview, r: Review) -> None:
    if v.status == "corrected":
        return
    if v.time is None or r.time >= v.time:
        v.status, v.reviewer, v.time = "confirmed", r.reviewer, r.time
        if r.comment and r.field == "values":
            v.comment = r.comment


def reviewed_records(store: Store, catalog: Catalog, paths: list[str] | None = None) -> list[Reviewed]:
    """Every stored record (or those of ``paths``) with its decisions applied."""
    by_sha: dict[str, list[Review]] = {}
    for r in store.reviews():
        by_sha.setdefault(r.sha256, []).append(r)
    return [apply_reviews(rec, by_sha.get(rec.sha256, []), catalog) for rec in store.records(paths)]
