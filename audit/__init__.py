"""Stage 3: recompute and audit a report record (record → findings)."""

from __future__ import annotations

from audit.checks import (
    FRACTION_NOTE,
    VERDICT_NOTE,
    absorbed,
    cell_bears_out,
    check_groups,
    check_missing,
    check_parts,
    check_percent,
    check_ratio,
    check_summary,
    check_verdict,
    computed_percent,
    computed_verdict,
    group_row_tally,
    negation_unsure,
    not_read,
    numbers_note,
    ocr_misread,
    pieced,
    pieced_from_a_sentence,
    result_word_only,
    result_word_verdict,
    self_contained,
    stray_fragment,
    tally_unsure,
    unsure_text,
    verdict_accounted,
)
from audit.finding import Finding
from extractors.catalog import Catalog, Framework
from extractors.record import CriterionRecord, ReportRecord

SUSPECT_CONF = 80.0

AGAINST_ROW = ("percent_mismatch", "ratio_exceeds_whole", "verdict_mismatch", "verdict_missing", "parts_sum_mismatch")
"""The findings that hold a row's own numbers, target or verdict against the report."""

MERGED_NOTE = "số liệu và kết luận của tiêu chí: đoạn đọc được có cả dòng của tiêu chí"


def _unread(record: ReportRecord, own: list[Finding]) -> set[str]:
    """Codes the tool could not read completely: a verdict it could not make out, a criterion whose
    heading it saw but could not read, or one OCR may have lost."""
    out = {f.code for f in own if f.check == "not_read" and f.code}
    out |= set(record.unread_codes)
    out |= {c.code for c in record.criteria if c.ocr_conf is not None and c.reported_verdict is None}
    # a verdict pieced from a sentence's lower-case 'chưa'/'không' and a verdict word apart ('thanh toán
    # không dùng tiền mặt' … 'Đạt'): which of the two the row states is unknown
    out |= {c.code for c in record.criteria if pieced_from_a_sentence(c)}
    # a verdict whose outcome rests on a 'không' the row may spend on its target ('Không thấp hơn 100%')
    out |= {c.code for c in record.criteria if negation_unsure(c)}
    # a verdict read from a word of another cell (a result's 'đạt 04 mô hình', the method's 'đạt yêu cầu/Tổng số')
    out |= {c.code for c in record.criteria if result_word_only(c)}
    return out


def run_checks(record: ReportRecord, catalog: Catalog) -> list[Finding]:
    """Fill computed values in ``record`` and return its findings (the record keeps them too).

    A finding against the report needs positive evidence; what the tool could not read becomes a
    ``not_read`` note (severity info), and a tally is compared only when every criterion it counts
    was read.
    """
    findings: list[Finding] = []
    fw = catalog.get(record.framework) if record.framework else None
    for c in record.criteria:
        crit = fw.by_code.get(c.code) if fw else None
        n_measures = 1 + len(crit.measures) if crit else 1
        comp = computed_percent(c)
        c.computed_percent = round(comp, 2) if comp is not None else None
        c.computed_verdict = computed_verdict(c)  # type: ignore[assignment]
        targets = [t for t in ([crit.target] + [m.target for m in crit.measures] if crit else []) if t is not None]
        own = check_ratio(c) + check_percent(c) + check_verdict(c, n_measures, targets) + check_parts(c)
        own = [_measure_target_note(c, f, targets[1:]) for f in own]
        if fw is not None and (g_code := group_row_tally(record, fw, c)) is not None:
            # the fraction read may be the group row's tally run into the criterion's row: no result to judge by
            own = [not_read(c.code, f"{FRACTION_NOTE} {c.fraction_raw} của tiêu chí (có thể là số tiêu chí đạt của nhóm "
                            f"{g_code}: dòng nhóm ghép vào dòng của tiêu chí) ({f.message})", f.page)
                   if f.check in AGAINST_ROW and f.check != "verdict_missing" else f for f in own]
        misread = ocr_misread(c) if c.ocr_conf is not None else None
        if misread or c.low_confidence or (c.ocr_conf is not None and c.ocr_conf < SUSPECT_CONF):
            # read by OCR: a number one digit away agrees with its partner, or the words were unsure
            for f in own:
                if f.check in ("percent_mismatch", "ratio_exceeds_whole", "verdict_mismatch", "parts_sum_mismatch"):
                    f.severity = "warning"
                    f.suspect_ocr = True
                    if misread:
                        f.cause_kind = f.cause_kind or "ocr_misread"
                    f.message += f" (có thể do lỗi OCR: {misread})" if misread else " (có thể do lỗi OCR)"
        if record.provisional and c.low_confidence:
            # a row cut without a catalog's titles: a verdict not found may be one the cut lost, and the
            # target or result a verdict is judged by may be a neighbouring row's (not where the row states one
            # verdict, an op-marked target and only its own numbers: then all three are the row's; nor a verdict
            # missing between two rows of the page that hold exactly their own one verdict each: none was lost)
            own = [not_read(c.code, f"kết luận của tiêu chí {c.code} ({f.message})", f.page)
                   if (f.check == "verdict_missing" and not verdict_accounted(record, c))
                   or (f.check == "verdict_mismatch" and not self_contained(c))
                   else f for f in own]
        findings += own
    findings = _verdicts_beside(record, findings)
    if fw is not None:
        missing = check_missing(record, fw)
        ocr = "ocr" in record.page_sources
        if ocr:  # on a scan, a criterion not found may be one OCR could not read
            for f in missing:
                if f.check == "criterion_missing":
                    f.suspect_ocr = True
                    f.message += " (tài liệu quét: có thể do lỗi OCR)"
        findings += missing
        # a block on legacy or OCR text that holds the row of a neighbour the tool did not read: two rows ran
        # together, and the numbers, target and verdict read may be the neighbour's
        unsure = {c.code for c in record.criteria if unsure_text(c)}
        merged = {code: other for code, other in absorbed(record, fw).items() if code in unsure}
        findings = [not_read(f.code, f"{MERGED_NOTE} {merged[f.code]} ({f.message})", f.page)
                    if f.code in merged and f.check in AGAINST_ROW else f for f in findings]
        # a note on a criterion's verdict; on legacy or OCR text any note (a percent of another fraction, a
        # target unlike the catalog's): the row's cells may have run together, its verdict a neighbour's
        unread = {f.code for f in findings if f.check == "not_read" and f.code
                  and (VERDICT_NOTE in f.message or (f.code in unsure and not numbers_note(f)))}
        unread |= {c.code for c in record.criteria if c.code in unsure and result_word_verdict(c)
                   and not cell_bears_out(c)}
        unread |= {c.code for c in record.criteria if tally_unsure(c)}
        unread |= {c.code for c in record.criteria if negation_unsure(c)}
        # on legacy or OCR text, a verdict pieced from words apart whose last word is capitalised ('Chua … Dar' with
        # other cells' words between): 'Dar' begins a verdict cell of its own ('Đạt'; a wrapped 'Chưa' / 'đạt' goes
        # on in lower case), and the 'Chưa' may be another row's
        unread |= {c.code for c in record.criteria if c.code in unsure and pieced(c)
                   and (c.verdict_raw or "").split("…")[-1].strip()[:1].isupper()}
        unread |= set(record.unread_codes) | set(merged)
        unread |= {c.code for c in record.criteria if c.ocr_conf is not None and c.reported_verdict is None}
        if ocr:
            unread |= {f.code for f in missing if f.check == "criterion_missing" and f.code}
        # a criterion reported missing with confidence was not passed: the report cannot count it
        # (not at either end of the set: the first row under a table's header may be one the tool lost)
        ends = {fw.criteria[0].code, fw.criteria[-1].code}
        confirmed = {f.code for f in missing if f.check == "criterion_missing" and f.code and not f.suspect_ocr
                     and f.code not in ends}
        unknown = _unknown(record, fw, findings, unread) - (confirmed - unread)
        groups = {g.code: g for g in record.groups}
        members = {g.code: {c.code for c in g.criteria} for g in fw.groups}
        for f in check_groups(record):
            g = groups.get(f.code or "")
            codes = members.get(g.code, set()) if g is not None else set()
            if g is not None and codes and _beyond(g.reported_passed, g.reported_total, g.criteria_total, record, codes,
                                                   unknown, total_speaks=True):
                findings.append(f)
            else:
                findings.append(not_read(f.code, f"đủ kết luận của nhóm {f.code} để đối chiếu số tiêu chí đạt "
                                         f"({f.message})", f.page))
        for f in check_summary(record):
            s = record.summary
            if s is not None and _beyond(s.reported_passed, s.reported_total, s.criteria_total, record,
                                         {c.code for c in fw.criteria}, unknown):
                findings.append(f)
            else:
                findings.append(not_read(None, f"đủ kết luận để đối chiếu tổng số tiêu chí đạt ({f.message})", f.page))
    if fw is None and record.provisional:
        stated_none = {f.code for f in findings if f.check == "verdict_missing" and f.code}
        findings += _provisional_tallies(record, _unread(record, findings), stated_none)
    record.findings = findings
    return findings


def _measure_target_note(c: CriterionRecord, f: Finding, others: list) -> Finding:
    """On legacy or OCR text, a percent_mismatch whose stated percent is the target of another of the criterion's
    measures ('(196/196 cán bộ); 95% văn bản đi được ký số' of '100% cán bộ …; 95% văn bản …'): the percent read
    may be that measure's target, run into the row, not the fraction's percent."""
    if f.check != "percent_mismatch" or not unsure_text(c) or c.reported_percent is None:
        return f
    if any(t.unit == "%" and abs(t.value - c.reported_percent) < 1e-9 for t in others):
        return not_read(c.code, f"tỷ lệ của phân số {c.fraction_raw} (số {c.percent_raw} ghi gần đó trùng với chỉ tiêu "
                        "của một chỉ tiêu con khác)", c.page)
    return f


def _verdicts_beside(record: ReportRecord, findings: list[Finding]) -> list[Finding]:
    """A ``verdict_missing`` of legacy or OCR text where a neighbouring block (the criterion before or after
    in the document) shows a verdict fragment its own verdict does not account for ('Hoan' … 'thành' and
    'Vugt' in one block read as 'Vượt'): the rows ran together, and the verdict this criterion lacks may be
    that one. Positive evidence of no verdict needs the neighbours' verdict cells to be their own."""
    crits = record.criteria
    at = {c.code: i for i, c in enumerate(crits)}
    out = []
    for f in findings:
        i = at.get(f.code or "")
        if f.check == "verdict_missing" and i is not None and unsure_text(crits[i]):
            near = [crits[j] for j in (i - 1, i + 1) if 0 <= j < len(crits)]
            if any(stray_fragment(n) for n in near):
                f = not_read(f.code, "kết luận của tiêu chí (đoạn bên cạnh có kết luận của hai dòng: các ô của bảng "
                             "bị trộn lẫn)", f.page)
        out.append(f)
    return out


def _unknown(record: ReportRecord, fw: Framework, findings: list[Finding], unread: set[str]) -> set[str]:
    """Criteria whose verdict a tally cannot count on: absent (an absent one may be the tool's miss;
    the caller takes out those reported ``criterion_missing`` with confidence: they did not pass),
    a heading seen but not read, a verdict not made out or read unsure (a note on the verdict), or one
    pieced from a sentence's 'chưa' and a verdict word. A verdict_missing criterion is known: the report
    states none, so it does not count as passed; a note on a criterion's target or numbers leaves its
    stated verdict known (on text with its diacritics; on legacy or OCR text a note on its target or
    verdict makes it unknown, one on how its numbers are written does not)."""
    have = {c.code for c in record.criteria}
    out = set(unread) | {c.code for c in fw.criteria if c.code not in have}
    out |= {c.code for c in record.criteria if pieced_from_a_sentence(c)}
    return out


def _beyond(passed: int | None, total: int | None, size: int, record: ReportRecord, codes: set[str],
            unknown: set[str], total_speaks: bool = False) -> bool:
    """Whether a claimed tally 'passed/total' of the criteria ``codes`` contradicts what was read even
    if every criterion of ``unknown`` passed or failed: fewer passed than the sure verdicts already
    count, or more than they and every unknown one could make ('đạt 19/23' where 20 read as đạt).
    A claimed total other than the set's size ('đạt 08/11' of 10 criteria) is evidence only when nothing
    is unknown: where something was not read, the tool may have taken a result ('đạt 15/25 cuộc') or
    another group's tally for it. ``total_speaks``: a group's claim whose total is the number of the group's
    criteria the report shows, all of them read, is compared with their count."""
    if passed is None:
        return False
    open_ = codes & unknown
    sure = sum(1 for c in record.criteria if c.code in codes and c.code not in unknown
               and c.reported_verdict in ("dat", "vuot"))
    if total != size:
        if not open_:
            return True
        present = {c.code for c in record.criteria} & codes
        # the report's own version of the set: its total is the criteria it shows, and only the absent
        # ones are unknown ('đạt 8/9' of the 9 a report shows of a group the catalog now gives 10)
        return total_speaks and total == len(present) and not (open_ & present) and passed != sure
    return passed < sure or passed > sure + len(open_)


def _provisional_tallies(record: ReportRecord, unread: set[str], stated_none: set[str]) -> list[Finding]:
    """Tallies of a report read without a catalog: compared only where the report's own count of
    criteria is the number read and every criterion it counts was read; otherwise a ``not_read`` note
    (without a catalog the tool cannot tell a criterion the report omits from one it did not read).

    A criterion is read when its verdict was, or when the report states none (``stated_none``: a
    ``verdict_missing`` finding, itself positive evidence that the criterion was not passed). A group's
    tally counts the criteria numbered under it ('3.1', '3.2' … of group 3) when they are as many as the
    group's rows the report shows; failing that, every criterion of the document must be read."""
    out: list[Finding] = []
    drafted = record.summary.criteria_total if record.summary else len(record.criteria)

    def read(cs: list[CriterionRecord]) -> bool:
        return all(c.code not in unread and (c.reported_verdict is not None or c.code in stated_none) for c in cs)

    verdicts_read = not unread and len(record.criteria) == drafted and read(record.criteria)
    totals = {g.code: g for g in record.groups}
    for f in check_groups(record):
        g = totals.get(f.code or "")
        members = [c for c in record.criteria if g is not None and c.code.startswith(f"{g.code}.")]
        own = g is not None and len(members) == g.criteria_total and read(members)
        if g is not None and g.reported_total == g.criteria_total and (verdicts_read or own):
            out.append(f)
        else:
            out.append(not_read(f.code, f"đủ tiêu chí của nhóm {f.code} để đối chiếu ({f.message})", f.page))
    for f in check_summary(record):
        s = record.summary
        if s is not None and s.reported_total == s.criteria_total and verdicts_read:
            out.append(f)
        else:
            out.append(not_read(None, f"đủ tiêu chí để đối chiếu tổng số tiêu chí đạt ({f.message})", f.page))
    return out


__all__ = ["run_checks"]
