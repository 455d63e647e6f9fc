"""Document → ReportRecord: framework detection, criterion blocks, tallies, header."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import lru_cache

import regex
from pydantic import ValidationError
from rapidfuzz import fuzz

from extractors.catalog import Catalog, Criterion, Framework
from extractors.criteria import parse_block
from extractors.header import extract_header
from extractors.narrative import content_lines, split_blocks
from extractors.provisional import draft, draft_rows
from extractors.record import CriterionRecord, ErrorItem, GroupRecord, ReportRecord, SummaryRecord
from extractors.tables import extract_table_rows, has_table_header
from extractors.tallies import Claim, find_claims
from extractors.vocab import regex_forms, vocabulary
from ingest.models import Document, Line
from ingest.normalize import fold_chars, match_key

log = logging.getLogger(__name__)

MIN_CRITERIA = 3
"""A framework must match at least this many criteria (or be cited) to be chosen."""


def _ref_key(ref: str) -> str:
    return match_key(ref).replace(" ", "")


@lru_cache(maxsize=256)
def _reference_pattern(num: str, kind_key: str) -> regex.Pattern[str]:
    """A legal reference's number and kind ('1042/qd'), compiled once per reference, not per document."""
    return regex.compile(rf"(?<!\d){regex.escape(num)}/{regex.escape(kind_key)}")


def cited(lines: list[Line], fw: Framework) -> bool:
    """Whether the document cites one of the framework's legal references (1042/QĐ-UBND)."""
    head = match_key(" ".join(ln.text for ln in lines[:60])).replace(" ", "")
    for ref in fw.legal_refs:
        num, _, kind = ref.partition("/")
        kind_key = _ref_key(kind)[:2]
        if _reference_pattern(num, kind_key).search(head):
            return True
    return False


def _extract_criteria(lines: list[Line], fw: Framework, page_units: Mapping[int, str]
                      ) -> tuple[list[CriterionRecord], str, set[tuple[int, int]], list[Claim]]:
    narrative = []
    covered: set[tuple[int, int]] = set()
    for h, block in split_blocks(lines, fw):
        covered |= {(ln.page, ln.number) for ln in block}
        rec = parse_block(h.code, fw.by_code[h.code], block, h.offset, h.score, page_units)
        if h.heading_code:
            rec.heading_code = h.heading_code
            rec.notes.append(f"printed as {h.heading_code}, but the title is that of {h.code}")
        narrative.append(rec)
    table, claims = extract_table_rows(lines, fw, page_units)
    if _quality(table) > _quality(narrative):
        return table, "table", {(ln.page, ln.number) for ln in lines if ln.cells}, claims
    return narrative, "narrative" if narrative else "unknown", covered, []


EXCERPT_AGREEMENT = 0.9
"""An excerpt of one or two criteria is read when each one's number and title agree this well."""


def _agreeing(crits: list[CriterionRecord]) -> bool:
    """Every criterion found was found by its number with its own title (a short report, an excerpt)."""
    return bool(crits) and all(c.match_score >= EXCERPT_AGREEMENT and c.heading_code is None for c in crits)


def _quality(crits: list[CriterionRecord]) -> tuple[int, int]:
    """Which reading of a document is better: more criteria with a verdict, then more criteria."""
    return sum(c.reported_verdict is not None for c in crits), len(crits)


def _score(lines: list[Line], fw: Framework, page_units: Mapping[int, str]
           ) -> tuple[float, list[CriterionRecord], str, set[tuple[int, int]], list[Claim]]:
    crits, layout, covered, claims = _extract_criteria(lines, fw, page_units)
    s = sum(c.match_score for c in crits) + (3.0 if cited(lines, fw) else 0.0)
    return s, crits, layout, covered, claims


AGREE = 0.8
"""A criterion read by a framework counts toward the fit when its title agrees this well."""
CITED_ENOUGH = 0.6
"""A framework the document cites, read with agreeing titles for this share of its criteria, is taken
without reading the document against every other framework too."""

_Scored = tuple[tuple[float, list[CriterionRecord], str, set[tuple[int, int]], list[Claim]], Framework]


def _candidates(lines: list[Line], catalog: Catalog, page_units: Mapping[int, str]) -> list[_Scored]:
    """Each framework's reading of the document, the one it cites first.

    Reading a document against a framework is most of extraction's cost; when the document cites
    exactly one framework and reads well by it (:data:`CITED_ENOUGH` of its criteria with agreeing
    titles), no other framework could read it better, and the others are not tried.
    """
    by_citation = [f for f in catalog.frameworks if cited(lines, f)]
    first = [(_score(lines, f, page_units), f) for f in by_citation]
    if len(first) == 1:
        (_s, crits, *_rest), fw = first[0]
        agree = sum(c.match_score >= AGREE and c.heading_code is None for c in crits)
        if agree >= CITED_ENOUGH * len(fw.criteria):
            return first
    cited_ids = {f.id for f in by_citation}
    return first + [(_score(lines, f, page_units), f) for f in catalog.frameworks if f.id not in cited_ids]


def fits(lines: list[Line], fw: Framework, crits: list[CriterionRecord], own: Framework | None) -> bool:
    """Whether ``fw`` is the document's framework: cited, or its titles (not codes alone) agree with
    enough of what the document states.

    Without a citation at least :data:`MIN_CRITERIA` criteria must be read with agreeing titles (or an
    excerpt's one or two with titles that agree closely), one of them with a verdict, and they must be
    at least half of what the framework read and more than half of the document's own numbered criteria
    (``own``, the provisional draft): a report of another set that shares a few titles with a bundled
    one is not that one.
    """
    if cited(lines, fw):
        return True
    agree = [c for c in crits if c.match_score >= AGREE and c.heading_code is None]
    if len(agree) < MIN_CRITERIA and not _agreeing(crits):
        return False
    if not any(c.reported_verdict is not None for c in agree):
        return False  # a plan or a decision lists the titles too; a report states how they came out
    # most of what the framework read agrees by title, and it accounts for most of the document's own criteria
    return 2 * len(agree) >= len(crits) and (own is None or 2 * len(agree) > len(own.criteria))


def extract(document: Document, catalog: Catalog, framework_id: str | None = None) -> ReportRecord:
    """Read every criterion, tally and header field the document states.

    When no catalog framework fits, the report's own numbered criteria are read into a provisional
    framework (:mod:`extractors.provisional`): the record then says ``framework: null``,
    ``provisional: true``, with codes and titles as the report writes them.
    """
    lines = content_lines(list(document.lines()))
    page_units = {p.number: p.unit for p in document.pages}
    rec = ReportRecord(source=document.path, sha256=document.sha256, pages=len(document.pages),
                       page_sources=[p.source for p in document.pages], catalog_sha256=catalog.sha256)
    rec.errors = [ErrorItem(kind=e.kind, message=e.message, page=e.page) for e in document.errors]
    if rec.errors:
        rec.status = "partial"
    rec.document = extract_header(lines) if lines else rec.document
    fw: Framework | None
    if framework_id:
        fw = catalog.get(framework_id)
        _, crits, layout, covered, row_claims = _score(lines, fw, page_units)
    else:
        scored = _candidates(lines, catalog, page_units)
        scored.sort(key=lambda x: x[0][0], reverse=True)
        (best, crits, layout, covered, row_claims), fw = scored[0]
        own = None if cited(lines, fw) else draft(lines)
        if not fits(lines, fw, crits, own):
            fw, crits, layout = None, [], "unknown"
        rec.framework_score = round(best, 2) if fw else None
        if fw is None and own is not None:
            crits, layout, covered, row_claims = _extract_criteria(lines, own, page_units)
            if crits:
                fw = own
                rec.provisional = True
    if fw is None:
        return rec
    rec.framework = None if rec.provisional else fw.id
    if not rec.provisional and not any(ln.cells for ln in lines) and has_table_header(lines) \
            and len(crits) <= OWN_NUMBERING_SHARE * len(fw.criteria):
        # a legacy text table numbered the report's own way (an excerpt's STT 1 … N, restarting per
        # group): a row read by its own numbering replaces a narrative reading of the same criterion
        own_rows = _own_rows(lines, fw, crits if layout == "table" else [], page_units)
        if own_rows:
            mine = {r.code for r in own_rows}
            crits = [c for c in crits if c.code not in mine] + own_rows
            layout = "table"
    rec.layout = layout  # type: ignore[assignment]
    ocr_pages = {p.number for p in document.pages if p.source == "ocr"}
    if rec.provisional:
        _as_written(crits, fw, loose=layout == "table" and not any(ln.cells for ln in lines), ocr_pages=ocr_pages)
    elif ocr_pages:
        _ocr_catalog_ops(crits, ocr_pages)
    _fill(rec, lines, fw, crits, covered, row_claims)
    return rec


def _writes_no_verdict(c: CriterionRecord, beside: list[CriterionRecord]) -> bool:
    """A loose row with no verdict whose lines hold no word of a verdict, whole or as legacy OCR writes its
    pieces (vocabulary `dat_word`, `verdict_fragments`: 'Pat', 'Hoan', 'Chwa', 'Khong', 'Vugt', and 'đã'),
    while the rows beside it read their own verdicts: no cut could have given its verdict to a neighbour,
    the report states none. Its reading is as sure as a catalog's row."""
    if c.reported_verdict is not None or c.verdict_raw is not None or not all(
            n.reported_verdict is not None for n in beside):
        return False
    return _VERDICT_WORD().search(fold_chars(c.evidence).lower()) is None


@lru_cache(maxsize=1)
def _VERDICT_WORD() -> regex.Pattern[str]:  # noqa: N802 - a compiled constant, built from the vocabulary once
    voc = vocabulary().raw
    alts = [voc["dat_word"][0], regex_forms(voc["verdict_fragments"]), "da"]
    return regex.compile(r"(?<![\p{L}\d])(?:" + "|".join(f"(?:{a})" for a in alts) + r")(?![\p{L}\d])", regex.I)


_OCR_STRICT = regex.compile(r"(?<![<>=≥≤])[<>](?!\s*=)")
"""'>' / '<' as OCR writes them: Tesseract's models (vie, eng) have no '≥' or '≤', so a scanned '≥' comes out '>'."""


def _as_written(crits: list[CriterionRecord], own: Framework, loose: bool, ocr_pages: set[int] | None = None) -> None:
    """Provisional criteria: no catalog stands behind them, so every target is the report's own.

    ``loose``: rows of a table whose cells ran together (legacy text), cut without a catalog's titles
    to decide where one row ends: the reading is unsure, and its findings are marked so.

    ``ocr_pages``: pages read by OCR. There a target symbol '>' or '<' may be a '≥' or '≤' the OCR
    cannot write; it is read as the inclusive op, the way criteria sets state targets in symbols
    ('≥ 90%', '≤ 2%'; a strict target is written in words, 'Trên 85%', and keeps its op), with a note.
    """
    order = sorted(crits, key=lambda c: (c.page or 0, c.line or 0))
    for k, c in enumerate(order):
        if loose and _writes_no_verdict(c, order[max(0, k - 1):k] + order[k + 1:k + 2]):
            c.notes.append("row of a legacy text table read without a catalog: no verdict word in its lines, "
                           "and the rows beside it read their own")
        elif loose:
            c.low_confidence = True
            c.notes.append("row of a legacy text table read without a catalog: its boundaries are unsure")
        c.catalog_target = None
        drafted = own.by_code[c.code].target
        if c.target is None and drafted is not None:
            c.target, c.target_source = drafted, "report"
            c.target_raw = c.target_raw or drafted.label()
        elif c.target is not None and drafted is not None and c.target.op != drafted.op \
                and (c.target.value, c.target.unit) == (drafted.value, drafted.unit):
            c.target = drafted  # the same target; the draft read its op words ("< 3%" in a row run together)
        elif loose and c.target is not None and drafted is not None and c.target.value != drafted.value \
                and _read_twice(c):
            c.target, c.target_raw = drafted, drafted.label()
        if _ocr_strict(c, ocr_pages or set()):
            assert c.target is not None and c.target_raw is not None
            c.target = c.target.model_copy(update={"op": c.target.op + "="})
            c.notes.append(f"target symbol read by OCR as {c.target_raw.strip()!r}: OCR has no ≥/≤, read as {c.target.op}")


OWN_NUMBERING_SHARE = 0.75
"""A legacy text table is taken to number its rows its own way only where the catalog's codes anchored at
most this share of the framework's criteria: where they anchor most rows, the table is numbered by the
catalog's codes, and a row they missed is a row the reader could not cut, not one numbered otherwise."""
OWN_ROW_AGREE = 85
"""A row the report numbers its own way stands for the catalog criterion whose title agrees this well."""
OWN_ROW_MARGIN = 10
"""… and no other catalog criterion's title agrees within this margin of it."""


def _own_rows(lines: list[Line], fw: Framework, crits: list[CriterionRecord], page_units: Mapping[int, str]
              ) -> list[CriterionRecord]:
    """Rows of a legacy text table the catalog's reading missed, read by the report's own numbering.

    A report that lists some of a framework's criteria numbers them 1 … N as it lists them (an STT that
    is not the catalog's code, running or starting afresh under each group row), and legacy OCR runs the
    cells together: the catalog's reading anchors rows by code or by position and misses those. The
    provisional draft finds the table's rows by its own numbering; a drafted row that agrees with exactly
    one catalog criterion not read yet (:func:`_row_agreement`) is that criterion. The table is then read
    with the report's numbering and the catalog's criteria (titles, targets, units), and each row keeps
    the catalog's code, with a note.
    """
    own, texts = draft_rows(lines, min_verdicts=1)
    if own is None:
        return []
    read = {c.code for c in crits}
    keys = {k.code: match_key(k.title) for k in fw.criteria}
    pairs: dict[str, str] = {}
    for d in own.criteria:
        scores = sorted(((_row_agreement(d.title, texts.get(d.code, ""), v), code) for code, v in keys.items()),
                        reverse=True)
        (best, code), second = scores[0], scores[1][0] if len(scores) > 1 else 0
        if best >= OWN_ROW_AGREE and best - second >= OWN_ROW_MARGIN and code not in read:
            if code in pairs.values():
                pairs = {k: v for k, v in pairs.items() if v != code}  # two rows for one criterion: neither
                read.add(code)
                continue
            pairs[d.code] = code
    if not pairs:
        return []
    renumbered = _renumbered(own, fw, pairs)
    rows, _claims = extract_table_rows(lines, renumbered or own, page_units)
    out = []
    for r in rows:
        if r.code not in pairs:
            continue
        code = pairs[r.code]
        crit = fw.by_code[code]
        r.notes.append(f"row numbered {r.code} by the report; its title is that of {code}")
        r.code, r.title = code, crit.title
        r.catalog_target = crit.target
        out.append(r)
    return out


def _row_agreement(title: str, text: str, key: str) -> float:
    """How well a drafted row stands for a catalog criterion (title ``key``): its drafted title's token-set
    agreement, or the share of the catalog title's words its lines write (a legacy row's title wraps
    above and below its code line, among other cells' words; OCR garbles a letter: 'm4ng', 's6'), scaled
    to 100."""
    by_title = fuzz.token_set_ratio(match_key(title), key)
    words = [w for w in key.split() if len(w) >= 2]
    if not words or not text:
        return by_title
    have = set(match_key(text).split())
    found = sum(1 for w in words if w in have or (len(w) >= 3 and any(
        len(h) == len(w) and fuzz.ratio(w, h) >= 66 for h in have)))
    return max(by_title, 100.0 * found / len(words))


def _renumbered(own: Framework, fw: Framework, pairs: dict[str, str]) -> Framework | None:
    """The draft's table (its codes, groups and rows) with each paired row's criterion the catalog's:
    the rows are then read with the catalog's titles, targets and units."""
    def crit(c: Criterion) -> Criterion:
        return fw.by_code[pairs[c.code]].model_copy(update={"code": c.code}) if c.code in pairs else c
    try:
        return Framework(id=own.id, title=own.title, criteria=[crit(c) for c in own.ungrouped],
                         groups=[g.model_copy(update={"criteria": [crit(c) for c in g.criteria]}) for g in own.groups])
    except ValidationError:
        return None


def _read_twice(c: CriterionRecord) -> bool:
    """Whether a loose row's target is another of its numbers read a second time: its code ('1.1 % …',
    the code before the unit column read as '1.1 %'), its own result (the percent or value it states) or
    a number of its result's fraction (the 'trên 11' of '100 % (11' / … / 'trên 11 thôn)', wrapped apart
    from its part and read as '> 11')."""
    assert c.target is not None
    v = c.target.value
    code = c.code.replace(",", ".")
    is_code = regex.fullmatch(r"\d{1,2}(?:\.\d{1,2})?", code) is not None and abs(float(code) - v) < 1e-9
    return is_code or any(r is not None and abs(r - v) < 1e-9
                          for r in (c.reported_percent, c.value, c.numerator, c.denominator))


def _ocr_strict(c: CriterionRecord, ocr_pages: set[int]) -> bool:
    """Whether the criterion's target op is a '>' / '<' symbol read by OCR (a '≥' / '≤' it may not write)."""
    return (c.target is not None and c.target.op in (">", "<") and c.page in ocr_pages
            and bool(c.target_raw) and _OCR_STRICT.search(c.target_raw or "") is not None)


def _ocr_catalog_ops(crits: list[CriterionRecord], ocr_pages: set[int]) -> None:
    """Catalog criteria on pages read by OCR: a target symbol '>' / '<' with the catalog's value and unit,
    where the catalog's op is '>=' / '<=', is the catalog's '≥' / '≤' that OCR cannot write (with a note).
    A strict target in words ('Trên 85%'), another value or unit, or a catalog that is strict too, stays."""
    for c in crits:
        cat = c.catalog_target
        if cat is None or not _ocr_strict(c, ocr_pages):
            continue
        assert c.target is not None and c.target_raw is not None
        if cat.op == c.target.op + "=" and (cat.value, cat.unit) == (c.target.value, c.target.unit):
            c.target = c.target.model_copy(update={"op": cat.op})
            c.notes.append(f"target symbol read by OCR as {c.target_raw.strip()!r}: OCR has no ≥/≤, "
                           f"the catalog's {cat.op} with the same value is taken")


def _fill(rec: ReportRecord, lines: list[Line], fw: Framework, crits: list[CriterionRecord],
          covered: set[tuple[int, int]], row_claims: list[Claim]) -> None:
    """The record's criteria in the framework's order, what it shows but could not be read, and tallies."""
    order = {c.code: i for i, c in enumerate(fw.criteria)}
    rec.criteria = sorted(crits, key=lambda c: order.get(c.code, 999))
    rec.unread_codes = shown_unread(lines, fw, {c.code for c in rec.criteria})
    passed = {c.code for c in rec.criteria if c.reported_verdict in ("dat", "vuot")}
    anchors = [((c.page, c.line), fw.group_of[c.code]) for c in rec.criteria
               if c.page is not None and c.line is not None and c.code in fw.group_of]
    claims: list[Claim] = []
    for c in row_claims + find_claims(_outside_blocks(lines, covered), fw, anchors,
                                          [ln for ln in lines if (ln.page, ln.number) in covered]):
        if all(c.group != k.group for k in claims):  # a table's group rows first, then the text's
            claims.append(c)
    by_group = {c.group: c for c in claims}
    for g in fw.groups:
        claim = by_group.get(g.code)
        rec.groups.append(GroupRecord(
            code=g.code, title=g.title, criteria_total=len(g.criteria),
            reported_passed=claim.passed if claim else None,
            reported_total=claim.total if claim else None,
            counted_passed=sum(1 for c in g.criteria if c.code in passed),
            evidence=claim.raw if claim else None, page=claim.page if claim else None,
        ))
    overall = by_group.get(None)
    rec.summary = SummaryRecord(
        criteria_total=len(fw.criteria),
        reported_passed=overall.passed if overall else None,
        reported_total=overall.total if overall else None,
        counted_passed=len(passed),
        evidence=overall.raw if overall else None, page=overall.page if overall else None,
    )


_LEAD = regex.compile(r"^\W*(?:(?:ti\w{1,3}u\s+ch\w{1,2}|ch\w{1,2}\s+ti\w{1,3}u|stt|tt)\s*)?"
                      r"(?:[0-9ivxl]{1,4}(?:\s*[.,]\s*\d{1,2}){0,2}(?![a-z]))?\W*")


def shown_unread(lines: list[Line], fw: Framework, read: set[str]) -> list[str]:
    """Criteria the tool did not read whose title still heads a line of the document: the tool's
    miss, not the report's omission."""
    starts = [match_key(ln.text) for ln in lines]
    starts = [_LEAD.sub("", k, count=1)[:90] for k in starts]
    out = []
    windows: list[list[str]] | None = None
    for crit in fw.criteria:
        if crit.code in read:
            continue
        for key in crit.keys:
            probe = key[:45]
            if len(probe) < 12:
                continue
            if any(len(s) >= 20 and fuzz.partial_ratio(probe, s[: len(probe) + 10]) >= 85 and
                   fuzz.ratio(probe[: len(s)], s[: len(probe)]) >= 75 for s in starts):
                out.append(crit.code)
                break
            if windows is None:
                windows = _title_windows(lines, starts)
            if _title_wrapped(key.split()[:_WRAP_WORDS], windows):
                out.append(crit.code)
                break
    return out


_WRAP_WORDS = 14      # the title's opening words looked for in a wrapped cell
_WRAP_LINES = 6       # the lines a wrapped title cell runs over, other cells' words between its parts
_WRAP_SHARE = 0.85    # the share of those words found in order
_WRAP_GAP = 12        # other cells' words between two of the title's (a target, a fraction, a verdict cell)


def _title_windows(lines: list[Line], starts: list[str]) -> list[list[str]]:
    """Per line: its words (code and criterion word dropped) and the next lines' words on its page,
    the text a title cell wrapped over when a legacy table lost its cell separators."""
    out = []
    for i, ln in enumerate(lines):
        words = starts[i].split()
        for nxt in lines[i + 1: i + _WRAP_LINES]:
            if nxt.page != ln.page:
                break
            words += match_key(nxt.text).split()
        out.append(words)
    return out


def _title_wrapped(key: list[str], windows: list[list[str]]) -> bool:
    """A title whose cell wrapped over several lines, other cells' words between its parts ('Ty le dan
    s6 truong' / 'ngiroj da' / 'thanh co chu ky s6 hoac Tren 30 …'): a line opens with its first two
    words and nearly all of its opening words follow in order, each within a few words of the last.
    Titles that share their opening ('Tỷ lệ dân số trưởng thành có …') differ in the words after it,
    so an absent criterion's title is not found in a neighbour's."""
    if len(key) < 6:
        return False
    need = _WRAP_SHARE * len(key)
    for words in windows:
        if words[:2] != key[:2]:
            continue
        at, found = 0, 0
        for k in key:
            j = next((j for j in range(at, min(at + _WRAP_GAP, len(words))) if words[j] == k), None)
            if j is not None:
                found += 1
                at = j + 1
        if found >= need:
            return True
    return False


def _outside_blocks(lines: list[Line], covered: set[tuple[int, int]]) -> list[Line]:
    """The lines no criterion's block or row took: where reports state their tallies (before the
    criteria, in group headings, after a group, in a closing section)."""
    return [ln for ln in lines if (ln.page, ln.number) not in covered]
