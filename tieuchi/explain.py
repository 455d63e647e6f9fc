"""``tieuchi explain FILE CODE``: why one criterion was read the way it was.

Built only on the extractors' public functions, re-run here on the document's lines (the
extractors themselves carry no tracing): :func:`extractors.narrative.split_blocks` for the
heading and the block, :func:`extractors.measure.find_targets`, :func:`~extractors.measure.pick_measure`
and :func:`~extractors.measure.find_value` for the numbers, :func:`extractors.verdicts.find_verdicts`
(running text) and :func:`~extractors.verdicts.parse_verdict` (table cells) for the verdict words,
:func:`extractors.tables.extract_table_rows` for a table's rows, and :func:`audit.run_checks` for the
findings. The record's own fields say which candidate was chosen; the reasons come from re-running
the same rules. Where the re-run and the record disagree, the explanation says so instead of guessing.

:func:`log_document` writes the same for every criterion of a document at DEBUG level (``extract -v``);
it costs nothing unless DEBUG is enabled for this module's logger.

Labels stay English where they are stable keys (``target``, ``how``, ``fraction``, ``percent``,
``verdict``, the record's field names, a finding's ``check`` and ``cause_kind``); the text around them
is Vietnamese.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Annotated

import regex
import typer

from audit import run_checks
from extractors import Catalog, ReportRecord, extract, load_catalog
from extractors.catalog import Criterion, Framework
from extractors.criteria import block_targets, measure_region, title_end, value_reader
from extractors.measure import criterion_units, find_targets, find_value, pick_measure
from extractors.narrative import Heading, split_blocks, title_score
from extractors.numbers import find_percents
from extractors.record import CriterionRecord, FindingRecord
from extractors.tables import extract_table_rows
from extractors.text import Span
from extractors.verdicts import find_verdicts, parse_verdict
from extractors.vocab import has_diacritics
from ingest import IngestConfig, read_document
from ingest.models import Document, Line
from ingest.normalize import match_key
from tieuchi.cli_common import CatalogOpt, FrameworkOpt, ingest_config
from tieuchi.errors import InputError, UsageError

log = logging.getLogger(__name__)

CHOSEN, REJECTED = "chọn", "bỏ"
_ROLES = ("target", "fraction", "percent", "value", "verdict")


@dataclass
class Candidate:
    role: str
    """Stable key: target, fraction, percent, value, verdict."""
    raw: str
    reading: str
    """What the text was read as (≥ 85 %, 15424/15378, vuot)."""
    chosen: bool
    why: str
    how: str | None = None
    """For a target: what marks it as one (cue, op, paren, words, cell)."""


@dataclass
class Explanation:
    code: str
    title: str
    framework: str
    layout: str
    lines: list[Line] = field(default_factory=list)
    heading: Heading | None = None
    rivals: list[tuple[str, float]] = field(default_factory=list)
    """Other criteria's title scores for the heading line (best first)."""
    candidates: list[Candidate] = field(default_factory=list)
    record: CriterionRecord | None = None
    findings: list[FindingRecord] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)


def known_code(catalog: Catalog, code: str, framework: str | None = None) -> bool:
    """Whether ``code`` is a criterion of the given framework (or of any framework of the catalog)."""
    fws = [catalog.get(framework)] if framework else catalog.frameworks
    return any(fw is not None and code in fw.by_code for fw in fws)


def explain_file(path: str, code: str, catalog: Catalog, framework: str | None = None,
                 config: IngestConfig | None = None) -> Explanation:
    """Read, extract and audit ``path`` as the pipeline does, then explain criterion ``code``."""
    if not known_code(catalog, code, framework):
        where = f"bộ tiêu chí {framework}" if framework else "danh mục"
        raise UsageError(f"không có tiêu chí {code} trong {where} (unknown code)",
                         hint="xem các mã bằng `tieuchi catalog show BỘ_TIÊU_CHÍ`")
    doc = read_document(path, config or IngestConfig())
    rec = extract(doc, catalog, framework)
    run_checks(rec, catalog)
    if rec.framework is None:
        raise InputError("không nhận ra bộ tiêu chí của tài liệu (no framework detected)", path=path,
                         hint="chỉ rõ bằng --framework")
    fw = catalog.get(rec.framework)
    assert fw is not None
    if code not in fw.by_code:
        raise UsageError(f"không có tiêu chí {code} trong bộ tiêu chí {fw.id} của tài liệu (unknown code)",
                         hint=f"xem các mã bằng `tieuchi catalog show {fw.id}`")
    return explain_record(doc, rec, fw, code)


def _lines(doc: Document) -> list[Line]:
    from extractors.narrative import content_lines

    return content_lines(list(doc.lines()))  # the lines extraction reads


def explain_record(doc: Document, rec: ReportRecord, fw: Framework, code: str) -> Explanation:
    """Explain criterion ``code`` of an extracted and audited record of ``doc``."""
    crit = fw.by_code[code]
    crec = next((c for c in rec.criteria if c.code == code), None)
    ex = Explanation(code=code, title=crit.title, framework=fw.id, layout=rec.layout or "unknown", record=crec,
                     findings=[f for f in rec.findings if f.code == code])
    lines = _lines(doc)
    page_units = {p.number: p.unit for p in doc.pages}
    if rec.layout == "table":
        _explain_row(ex, lines, fw, crit, page_units)
    else:
        _explain_block(ex, lines, fw, crit)
    if crec is None:
        ex.remarks.append("không đọc được khối hay dòng bảng nào của tiêu chí này (criterion not read)")
        if code in rec.unread_codes:
            ex.remarks.append("tiêu đề của tiêu chí có trong tài liệu nhưng tieuchi không đọc được khối của nó "
                              "(unread_codes)")
    return ex


def _explain_block(ex: Explanation, lines: list[Line], fw: Framework, crit: Criterion) -> None:
    found = next(((h, b) for h, b in split_blocks(lines, fw) if h.code == crit.code), None)
    if found is None:
        return
    h, block = found
    ex.heading, ex.lines = h, block
    key = match_key(block[0].text[h.offset:] + " " + " ".join(ln.text for ln in block[1:3]))
    scores = sorted(((c.code, title_score(key, c)) for c in fw.criteria if c.code != crit.code),
                    key=lambda x: -x[1])
    ex.rivals = [(c, round(s, 1)) for c, s in scores[:2]]
    span = Span(block)
    text = span.text
    ocr = any(ln.conf is not None for ln in block)
    exact = not ocr and has_diacritics(text)
    tend = title_end(text, h.offset, crit)
    rec = ex.record
    # targets
    targets = find_targets(text, criterion_units(crit))
    accepted, chosen_target = block_targets(text, h.offset, tend, crit)
    taken = [(t.start, t.end) for t in accepted]
    if chosen_target is not None and chosen_target.how == "title":
        targets = [*targets, chosen_target]
    for t in targets:
        why = _target_reject(t.start, t.how, t.target.unit, h.offset, tend, crit)
        is_chosen = chosen_target is not None and (t.start, t.end) == (chosen_target.start, chosen_target.end)
        if is_chosen and t.how == "title":
            why = "tiêu đề tự nêu chỉ tiêu của danh mục (the title states the catalog's target)"
        elif is_chosen:
            why = "cụm chỉ tiêu đầu tiên được nhận trong khối (the first accepted target phrase)"
        elif why is None:
            why = "một cụm chỉ tiêu sau cụm đã chọn; không được đọc thành kết quả (later target, kept out of the measure)"
        ex.candidates.append(Candidate("target", t.raw, t.target.label(), is_chosen, why, how=t.how))
    # verdicts
    body_start = max(tend, h.offset)
    all_verdicts = find_verdicts(text, exact)
    verdicts = [v for v in all_verdicts if v.start >= body_start and not any(a <= v.start < b for a, b in taken)]
    cued = [v for v in verdicts if v.cued]
    mr = measure_region(text, body_start, verdicts, taken, ocr, bool(crit.measures), value_reader(crit))
    stated, region_start, region_end, first = mr.stated, mr.start, mr.end, mr.verdict_first
    for v in all_verdicts:
        if v.start < body_start:
            why = "nằm trong tiêu đề (inside the title)"
        elif any(a <= v.start < b for a, b in taken):
            why = "nằm trong cụm chỉ tiêu (inside a target phrase)"
        elif v is stated:
            why = ("đứng ngay sau tiêu đề, phần số liệu ở sau nó (verdict first)" if first else
                   "kết luận cuối cùng có từ dẫn ('Tự đánh giá:', 'Kết quả:') (the last cued verdict)" if v.cued else
                   "kết luận cuối cùng của khối (the last verdict in the block)")
        else:
            why = ("một kết luận có từ dẫn đứng sau nó (a cued verdict comes later)" if cued else
                   "không phải kết luận cuối cùng (a later verdict closes the block)")
        ex.candidates.append(Candidate("verdict", v.raw, v.verdict, v is stated, why))
    # fractions and percents of the measure region
    region, skip, mh = mr.text, mr.skip, mr.measure
    for f in mh.fractions:
        chosen = f is mh.fraction
        why = ("phân số đầu tiên: tiêu chí có nhiều số đo, bản ghi giữ số đo thứ nhất (first of several measures)"
               if chosen and crit.measures else
               "phân số cuối cùng trước kết luận (the last fraction before the verdict)" if chosen else
               "một phân số khác của khối; giữ trong measures (another fraction, kept in measures)")
        ex.candidates.append(Candidate("fraction", f.raw, f"{f.numerator}/{f.denominator}", chosen, why))
    in_region = {(p.start + region_start) for p in mh.percents}
    for p in mh.percents:
        chosen = p is mh.percent
        if chosen:
            why = ("tỷ lệ ghi cho phân số đã chọn (the percent stated for the chosen fraction)" if mh.fraction
                   else "không có phân số: tỷ lệ cuối cùng được ghi (no fraction: the last percent)")
        else:
            why = ("không đi liền với phân số đã chọn (not next to the chosen fraction)" if mh.fraction
                   else "không phải tỷ lệ cuối cùng (a later percent)")
        ex.candidates.append(Candidate("percent", p.raw, _num(p.value) + " %", chosen, why))
    for p in find_percents(text, ocr):
        if p.start not in in_region and not any(a <= p.start < b for a, b in taken) and p.start >= h.offset:
            where = "trong tiêu đề" if p.start < body_start else "sau kết luận" if p.start >= region_end else "bị bỏ qua"
            ex.candidates.append(Candidate("percent", p.raw, _num(p.value) + " %", False,
                                           f"ngoài vùng số liệu: {where} (outside the measure region)"))
    if rec is not None:
        _compare(ex, rec)
    if any(u != "%" for u in criterion_units(crit)):
        val = find_value(region, crit, skip)
        if val is not None:
            chosen = rec is not None and rec.value_raw == val.raw
            why = ("giá trị đo theo đơn vị của tiêu chí; khi có nó, phân số và tỷ lệ không được ghi (the measured value)"
                   if chosen else "tiêu chí này không được đọc theo giá trị đo (not a value criterion)")
            ex.candidates.append(Candidate("value", val.raw, f"{_num(val.value)} {val.unit}", chosen, why))


def _compare(ex: Explanation, rec: CriterionRecord, table: bool = False) -> None:
    """A remark wherever the re-run chose differently from the record: for a narrative block, the
    extractors changed since this was written; for a table row, its cells were read by the table
    reader's own rules, which only :func:`extract_table_rows` applies (explain re-runs it whole)."""
    fields = {"target": rec.target_raw, "fraction": rec.fraction_raw, "percent": rec.percent_raw,
              "verdict": rec.verdict_raw if rec.reported_verdict else None}
    for role, raw in fields.items():
        chosen = next((c.raw for c in ex.candidates if c.role == role and c.chosen), None)
        if role in ("fraction", "percent") and rec.value is not None:
            continue  # a value criterion keeps no fraction or percent
        if chosen != raw:
            why = ("bộ đọc bảng đọc ô này theo quy tắc riêng: read by the table reader's own rules" if table
                   else "chạy lại khác bản ghi: re-run differs from the record, the extractors changed?")
            ex.remarks.append(f"bản ghi có {role} {raw!r}, chạy lại các hàm ra {chosen!r} ({why})")


def _target_reject(start: int, how: str, unit: str, offset: int, tend: int, crit: Criterion) -> str | None:
    """Why a target phrase does not count (None: it counts), by the rules of extractors.criteria."""
    if start < offset:
        return "đứng trước mã tiêu chí (before the code)"
    if crit.target is not None and unit != crit.target.unit:
        return f"đơn vị {unit} khác đơn vị của danh mục {crit.target.unit} (unit differs from the catalog's)"
    if how in ("cue", "op") or start <= tend + 2:
        return None
    return "giá trị trong ngoặc hay từ so sánh chỉ là chỉ tiêu khi đứng trong tiêu đề (paren/words outside the title)"


def _explain_row(ex: Explanation, lines: list[Line], fw: Framework, crit: Criterion, page_units: dict) -> None:
    rows, _claims = extract_table_rows(lines, fw, page_units)
    row = next((r for r in rows if r.code == crit.code), None)
    rec = ex.record or row
    if rec is None or rec.page is None or rec.line is None:
        return
    start = next((i for i, ln in enumerate(lines) if (ln.page, ln.number) == (rec.page, rec.line)), None)
    if start is None:
        return
    end = start + 1
    while end < len(lines) and end - start < 6 and not _row_start(lines[end], fw, crit.code):
        end += 1
    ex.lines = lines[start:end]
    units = criterion_units(crit)
    _table_candidates(ex, rec, units)
    _compare(ex, rec, table=True)


def _table_candidates(ex: Explanation, rec: CriterionRecord, units: tuple[str, ...]) -> None:
    for ln in ex.lines:
        for cell in (ln.cells or [ln.text]):
            for t in find_targets(cell, units, cell=True):
                ex.candidates.append(Candidate("target", t.raw, t.target.label(), t.raw == rec.target_raw,
                                               "ô chỉ tiêu của dòng (the row's target cell)" if t.raw == rec.target_raw
                                               else "không phải ô chỉ tiêu đã đọc (not the target read)", how=t.how))
            mh = pick_measure(cell, loose=ln.conf is not None)
            for f in mh.fractions:
                ok = f.raw == rec.fraction_raw
                ex.candidates.append(Candidate("fraction", f.raw, f"{f.numerator}/{f.denominator}", ok,
                                               "phân số của ô kết quả (the result cell's fraction)" if ok else
                                               "không phải phân số được đọc (not the fraction read)"))
            for p in mh.percents:
                ok = p.raw == rec.percent_raw
                ex.candidates.append(Candidate("percent", p.raw, _num(p.value) + " %", ok,
                                               "tỷ lệ của ô kết quả (the result cell's percent)" if ok else
                                               "không phải tỷ lệ được đọc ô chỉ tiêu hay một số khác (the target cell or another number)"))
            v = parse_verdict(cell)
            hits = [(cell.strip(), v)] if v is not None else \
                [(h.raw, h.verdict) for h in find_verdicts(cell, False if ln.conf is not None else None)]
            for raw, verdict in hits:
                ok = verdict == rec.reported_verdict
                ex.candidates.append(Candidate("verdict", raw, verdict, ok,
                                               "kết luận của dòng (the row's verdict)" if ok else
                                               "không phải kết luận được đọc (not the verdict read)"))


_ROW_CODE = regex.compile(r"^\s*(?:[-–•*+]\s*)?(\d{1,2}(?:\s*[.,]\s*\d{1,2})?)(?!\d|[.,]\d|\s*/|\s*%)")


def _row_start(line: Line, fw: Framework, own: str) -> bool:
    """Whether ``line`` starts the row of another criterion (its code in the first cell or at its start)."""
    m = _ROW_CODE.match(line.cells[0] if line.cells else line.text)
    if not m:
        return False
    code = regex.sub(r"\s*[.,]\s*", ".", m.group(1))
    return code != own and code in fw.by_code


def _num(v: float) -> str:
    return (f"{v:.2f}".rstrip("0").rstrip(".") if v != int(v) else str(int(v))).replace(".", ",")


_FIELDS = ("target", "target_source", "catalog_target", "numerator", "denominator", "reported_percent", "percent_raw",
           "fraction_raw", "value", "value_unit", "computed_percent", "reported_verdict", "computed_verdict",
           "verdict_raw", "page", "page_end", "line", "match_score", "heading_code", "ocr_conf", "low_confidence", "notes")


def render(ex: Explanation) -> str:
    """The explanation as text (Vietnamese, with the record's English keys)."""
    out = [f"Tiêu chí {ex.code} — {ex.title}", f"  bộ tiêu chí (framework): {ex.framework}; cách trình bày (layout): {ex.layout}"]
    h = ex.heading
    if h is not None:
        how = ("theo tiêu đề, không có mã dùng được (by title alone)" if h.untitled else
               f"mã in là {h.heading_code} nhưng tiêu đề là của {h.code} (printed code overridden by title)"
               if h.heading_code else "theo mã và tiêu đề (by code and title)")
        ln = ex.lines[0]
        out.append(f"Dòng tiêu đề (heading): trang {ln.page}, dòng {ln.number}; khớp {how}; "
                   f"điểm tiêu đề (title score) {h.score:.1f}/100")
        if ex.rivals:
            out.append("  điểm tiêu đề của các tiêu chí khác trên dòng này: "
                       + ", ".join(f"{c} {s:.1f}" for c, s in ex.rivals))
    elif ex.record is not None:
        out.append(f"Dòng bảng (table row): điểm khớp (match_score) {ex.record.match_score:.3f}")
    if ex.lines:
        out.append("Các dòng (lines: page, line, text):")
        out += [f"  tr.{ln.page:<3} d.{ln.number:<4} {' | '.join(ln.cells) if ln.cells else ln.text}" for ln in ex.lines]
    out.append("Các giá trị tìm thấy (candidates):" if ex.candidates else "Không tìm thấy giá trị nào (no candidates).")
    for c in sorted(ex.candidates, key=lambda c: _ROLES.index(c.role)):
        how = f" how={c.how}" if c.how else ""
        out.append(f"  [{CHOSEN if c.chosen else REJECTED}] {c.role:<8} {c.raw!r} → {c.reading}{how}: {c.why}")
    if ex.record is not None:
        out.append("Bản ghi (record):")
        data = ex.record.model_dump(mode="json")
        for k in _FIELDS:
            v = data.get(k)
            if v not in (None, [], False):
                if k in ("target", "catalog_target") and isinstance(v, dict):
                    v = f"{v.get('op')} {v.get('value')} {v.get('unit')}"
                out.append(f"  {k}: {v}")
    out.append("Kết quả kiểm tra (findings):" if ex.findings else "Kết quả kiểm tra (findings): không có")
    for f in ex.findings:
        line = f"  {f.check} ({f.severity}): {f.message}"
        if f.cause_kind:
            line += f" [cause_kind={f.cause_kind}]"
        if f.suspect_ocr:
            line += " [suspect_ocr]"
        out.append(line)
        if f.cause:
            out.append(f"    nguyên nhân (cause): {f.cause}")
    out += [f"Ghi chú: {r}" for r in ex.remarks]
    return "\n".join(out)


def log_document(doc: Document, rec: ReportRecord, catalog: Catalog) -> None:
    """Every criterion's explanation at DEBUG level (``tieuchi extract -v``); nothing when DEBUG is off."""
    if not log.isEnabledFor(logging.DEBUG) or rec.framework is None:
        return
    fw = catalog.get(rec.framework)
    if fw is None:
        return
    log.debug("%s: framework %s (score %s), layout %s, %d criteria read", doc.path, fw.id, rec.framework_score,
              rec.layout, len(rec.criteria))
    for c in fw.criteria:
        if any(r.code == c.code for r in rec.criteria) or any(f.code == c.code for f in rec.findings):
            log.debug("%s\n%s", doc.path, render(explain_record(doc, rec, fw, c.code)))
    for f in rec.findings:
        if f.code is None or f.code not in fw.by_code:
            log.debug("%s: %s (%s): %s", doc.path, f.check, f.severity, f.message)


def command(
    file: Annotated[str, typer.Argument(help="tệp báo cáo: .pdf, .png/.jpg/.tif, .txt")],
    code: Annotated[str, typer.Argument(help="mã tiêu chí, ví dụ 3.4")],
    catalog: CatalogOpt = None,
    framework: FrameworkOpt = None,
    lang: Annotated[str, typer.Option(help="ngôn ngữ của Tesseract")] = "vie",
    dpi: Annotated[int, typer.Option(help="độ phân giải (dpi) khi dựng ảnh trang quét")] = 300,
    password: Annotated[str | None, typer.Option(help="mật khẩu của tệp PDF có mật khẩu")] = None,
    force_ocr: Annotated[bool, typer.Option("--force-ocr", help="OCR cả những trang PDF đã có lớp chữ")] = False,
) -> None:
    """Giải thích tiêu chí CODE của FILE được đọc thế nào: các dòng, ứng viên, bản ghi và phát hiện."""
    cat = load_catalog(catalog)
    if framework:
        cat.get(framework)
    config = ingest_config(lang, dpi, None, 120.0, password, 500, force_ocr)
    print(render(explain_file(file, code, cat, framework, config)))
