"""The contract's checks, one small function each: record (+ framework) → findings.

Percent consistency is judged against the rounding of the written percent: half a unit
of its last decimal (99,7 % covers 99,65–99,75). Where a finding has a likely cause —
numerator and denominator swapped, digits transposed, a decimal slip, a percent written
against another fraction of the same criterion — the message names it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from audit.finding import Finding
from extractors.catalog import Framework, Target
from extractors.numbers import decimals_of, format_vn
from extractors.record import CriterionRecord, ReportRecord

LABEL = {"dat": "Đạt", "chua_dat": "Chưa đạt", "vuot": "Vượt chỉ tiêu"}


def tolerance(percent_raw: str | None) -> float:
    """Half a unit of the written percent's last decimal (plus float slack)."""
    dec = decimals_of(percent_raw) if percent_raw else 0
    return 0.5 * 10 ** (-dec) + 1e-9


def computed_percent(c: CriterionRecord) -> float | None:
    if c.numerator is None or not c.denominator:
        return None
    return c.numerator / c.denominator * 100


def percent_consistent(c: CriterionRecord) -> bool | None:
    comp = computed_percent(c)
    if comp is None or c.reported_percent is None:
        return None
    return abs(comp - c.reported_percent) <= tolerance(c.percent_raw)


def _transpositions(n: int) -> Iterator[int]:
    s = str(n)
    for i in range(len(s) - 1):
        if s[i] != s[i + 1]:
            t = s[:i] + s[i + 1] + s[i] + s[i + 2:]
            if not t.startswith("0"):
                yield int(t)


def _agreeing_reading(n: int, d: int, percent: float, tol: float, variants: Callable[[int], Iterator[int]],
                      proper: bool = False) -> tuple[int, int] | None:
    """The first other reading of x (then of y) whose ratio agrees with the stated percent.

    ``proper`` keeps only readings with x ≤ y (an OCR repair should not create a new error).
    """
    for t in variants(n):
        if (not proper or t <= d) and abs(t / d * 100 - percent) <= tol:
            return t, d
    for t in variants(d):
        if t and (not proper or n <= t) and abs(n / t * 100 - percent) <= tol:
            return n, t
    return None


def likely_cause(c: CriterionRecord) -> str | None:
    """Why a stated percent may differ from x/y."""
    rp, n, d = c.reported_percent, c.numerator, c.denominator
    if rp is None or n is None or not d:
        return None
    tol = tolerance(c.percent_raw)
    if n and abs(d / n * 100 - rp) <= tol:
        return f"numerator and denominator swapped: {d}/{n} = {format_vn(d / n * 100)} %"
    hit = _agreeing_reading(n, d, rp, tol, _transpositions)
    if hit:
        return f"digits transposed: {hit[0]}/{hit[1]} = {format_vn(hit[0] / hit[1] * 100)} %"
    comp = n / d * 100
    for f in (10, 0.1, 100, 0.01):
        if abs(comp * f - rp) <= tol * max(1, f):
            return f"decimal slip: {format_vn(comp)} % written as {format_vn(rp, decimals_of(c.percent_raw or ''))} %"
    for m in c.measures:
        if m.numerator is not None and m.denominator and (m.numerator, m.denominator) != (n, d):
            if abs(m.numerator / m.denominator * 100 - rp) <= tol:
                return f"percent written against another fraction: {m.raw} = {format_vn(m.numerator / m.denominator * 100)} %"
    return None


def _one_digit_variants(n: int) -> Iterator[int]:
    """Readings of ``n`` one OCR slip away: a digit changed, dropped or a stray one added in front."""
    s = str(n)
    for i in range(len(s)):
        for d in "0123456789":
            if d != s[i]:
                t = s[:i] + d + s[i + 1:]
                if not (t.startswith("0") and len(t) > 1):
                    yield int(t)
        t = s[:i] + s[i + 1:]
        if t and not (t.startswith("0") and len(t) > 1):
            yield int(t)


def ocr_misread(c: CriterionRecord) -> str | None:
    """A one-digit misreading of x, y or the percent that makes x/y and the stated percent agree."""
    rp, n, d = c.reported_percent, c.numerator, c.denominator
    if rp is None or n is None or not d:
        return None
    tol = tolerance(c.percent_raw)
    hit = _agreeing_reading(n, d, rp, tol, _one_digit_variants, proper=True)
    if hit:
        was = n if hit[0] != n else d
        now = hit[0] if hit[0] != n else hit[1]
        return f"{was} may be an OCR misreading of {now} ({hit[0]}/{hit[1]} = {format_vn(hit[0] / hit[1] * 100)} %)"
    comp = n / d * 100
    dec = decimals_of(c.percent_raw or "")
    written = f"{rp:.{dec}f}".replace(".", "")
    for t in _one_digit_variants(int(written)):
        v = t / 10**dec
        if abs(comp - v) <= tol:
            return f"the percent {format_vn(rp, dec)} may be an OCR misreading of {format_vn(v, dec)}"
    return None


def check_percent(c: CriterionRecord) -> list[Finding]:
    if percent_consistent(c) is not False:
        return []
    comp = computed_percent(c)
    assert comp is not None and c.reported_percent is not None
    cause = likely_cause(c)
    msg = (f"{c.numerator}/{c.denominator} = {format_vn(comp)} %, báo cáo ghi "
           f"{format_vn(c.reported_percent, decimals_of(c.percent_raw or ''))} %")
    if cause:
        msg += f" (likely cause: {cause})"
    return [Finding(check="percent_mismatch", code=c.code, message=msg, cause=cause, page=c.page)]


def check_ratio(c: CriterionRecord) -> list[Finding]:
    if c.numerator is None or c.denominator is None or c.numerator <= c.denominator:
        return []
    msg = f"tử số {c.numerator} lớn hơn mẫu số {c.denominator} ({c.fraction_raw or ''})".replace(" ()", "")
    return [Finding(check="ratio_exceeds_whole", code=c.code, message=msg, page=c.page)]


def judged_value(c: CriterionRecord, target: Target) -> float | None:
    """The number the verdict should follow: the written percent when it agrees with x/y."""
    if target.unit != "%":
        return float(c.numerator) if c.numerator is not None else None
    if c.reported_percent is not None and percent_consistent(c) is not False:
        return c.reported_percent
    comp = computed_percent(c)
    return comp if comp is not None else c.reported_percent


def verdict_from(value: float, target: Target) -> str:
    if not target.passes(value):
        return "chua_dat"
    if abs(value - target.value) <= 1e-9:
        return "dat"
    return "vuot"


def computed_verdict(c: CriterionRecord) -> str | None:
    target = c.target or c.catalog_target
    if target is None:
        return None
    v = judged_value(c, target)
    return verdict_from(v, target) if v is not None else None


def check_verdict(c: CriterionRecord) -> list[Finding]:
    if c.reported_verdict is None:
        return [Finding(check="verdict_missing", code=c.code, severity="warning",
                        message="không đọc được kết luận (Đạt / Chưa đạt / Vượt chỉ tiêu) của tiêu chí", page=c.page)]
    target = c.target or c.catalog_target
    if target is None:
        return []
    v = judged_value(c, target)
    if v is None:
        return []
    passes = target.passes(v)
    at = abs(v - target.value) <= 1e-9
    stated = c.reported_verdict
    wrong = (stated in ("dat", "vuot") and not passes) or (stated == "chua_dat" and passes) or (stated == "vuot" and at)
    if not wrong:
        return []
    unit = "%" if target.unit == "%" else f" {target.unit}"
    msg = f"báo cáo ghi \"{LABEL[stated]}\" nhưng {format_vn(v)}{unit} so với chỉ tiêu {target.label()}"
    return [Finding(check="verdict_mismatch", code=c.code, message=msg, page=c.page)]


def check_parts(c: CriterionRecord) -> list[Finding]:
    if not c.parts or c.parts_whole is None or sum(c.parts) == c.parts_whole:
        return []
    msg = f"{' + '.join(str(p) for p in c.parts)} = {sum(c.parts)}, báo cáo ghi tổng {c.parts_whole} ({c.parts_raw})"
    return [Finding(check="parts_sum_mismatch", code=c.code, message=msg, page=c.page)]


def check_missing(record: ReportRecord, fw: Framework) -> list[Finding]:
    have = {c.code for c in record.criteria}
    return [Finding(check="criterion_missing", code=c.code, severity="warning",
                    message=f"báo cáo không có tiêu chí {c.code} ({c.title[:60]})")
            for c in fw.criteria if c.code not in have]


def check_groups(record: ReportRecord) -> list[Finding]:
    out = []
    for g in record.groups:
        if g.reported_passed is None:
            continue
        if g.reported_passed != g.counted_passed or g.reported_total != g.criteria_total:
            out.append(Finding(
                check="group_tally_mismatch", code=g.code, page=g.page,
                message=(f"nhóm {g.code}: báo cáo ghi đạt {g.reported_passed}/{g.reported_total}, "
                         f"đếm được {g.counted_passed}/{g.criteria_total}")))
    return out


def check_summary(record: ReportRecord) -> list[Finding]:
    s = record.summary
    if s is None or s.reported_passed is None:
        return []
    if s.reported_passed == s.counted_passed and s.reported_total == s.criteria_total:
        return []
    return [Finding(check="summary_tally_mismatch", code=None, page=s.page,
                    message=(f"báo cáo ghi đạt {s.reported_passed}/{s.reported_total}, "
                             f"đếm được {s.counted_passed}/{s.criteria_total}"))]
