"""Rows with cells (ruled tables in text PDFs, OCR rows): header roles, group rows and their
tallies, which criterion each row is, wrapped rows rejoined."""

from __future__ import annotations

from collections.abc import Mapping

import regex
from rapidfuzz import fuzz

from extractors.catalog import Criterion, Framework
from extractors.catalog_models import Target
from extractors.measure import parse_target_cell
from extractors.record import CriterionRecord
from extractors.table_header import _header_role, _roles, _strip_header_echo
from extractors.table_row import (
    _cell_code,
    _has_content,
    _lost_decimal_comma,
    _record,
    _recover_code,
    _roman,
    _row_verdict,
    _target_words,
    _title_ok,
    _with_unit,
    stt_candidates,
)
from extractors.tallies import Claim
from extractors.verdicts import parse_verdict
from ingest.models import Line
from ingest.normalize import match_key

_ROW_TALLY = regex.compile(r"\s*(?:\p{L}{1,4}\s*:?\s*)?(\d{1,2})\s*/\s*(\d{1,2})\s*(?:\p{L}.{0,12})?")


def _row_tally(cells: list[str]) -> tuple[int, int, str] | None:
    """A group row's tally: 'Đạt 4/5', '2/5', '04/05' in a cell of its own."""
    for c in cells:
        m = _ROW_TALLY.fullmatch(c)
        if m and int(m[1]) <= int(m[2]):
            return int(m[1]), int(m[2]), c.strip()
    return None


_BARE_TARGET = regex.compile(r"\s*((?:[<>≤≥]=?|\p{L}+(?:\s+\p{L}+)?)\s*\d{1,3}(?:[.,]\d+)?)(\s+trở\s+lên)?\s*")
"""An op (a symbol or one or two words) and a number of up to three digits (no year), nothing else."""

_BARE_NUMBER = regex.compile(r"\s*(\d{1,3}(?:,\d{1,2})?)\s*")
"""A number alone in a cell: up to three digits, a decimal comma at most (no thousands group, no year)."""


def _bare_number_target(cell: str, catalog: Target) -> Target | None:
    """A target column's bare number ('Chỉ tiêu đến năm 2025 | 70'): the criterion's own op and unit, which the
    header's unit column already gave when there is one; a percent target above 100 is no percent."""
    m = _BARE_NUMBER.fullmatch(cell)
    if m is None:
        return None
    value = float(m[1].replace(",", "."))
    if catalog.unit == "%" and value > 100:
        return None
    return Target(op=catalog.op, value=value, unit=catalog.unit)


_COUNT_CELL = regex.compile(r"\s*(\d{1,3}(?:[. ]\d{3})+|\d+)\s*(?:\p{L}[\p{L} ]{0,20})?")


def _columns_result(part: str, whole: str, result: str) -> str:
    """The result of a row whose part and whole stand in columns of their own (Tử số | Mẫu số, Số đạt |
    Tổng số): the two counts written as the fraction before the result cell ('1.343/1.642 81,8%'),
    unless the result cell states a fraction itself."""
    pm, wm = _COUNT_CELL.fullmatch(part), _COUNT_CELL.fullmatch(whole)
    if not (pm and wm) or regex.search(r"\d\s*/\s*\d", result):
        return result
    return f"{pm[1]}/{wm[1]}\u2009{result}".strip()  # a thin space: no thousands group joins the percent on


def _group_of_row(code_cell: str, title: str, fw: Framework) -> str | None:
    """The group a group row names: by its number in the STT column, or by the group's title."""
    key = match_key(title)
    code = regex.sub(r"\W|_", "", code_cell).upper()
    for g in fw.groups:
        names = [match_key(t) for t in (g.title, *g.aliases)]
        named = key and any(fuzz.partial_ratio(n, key) >= 85 and len(key) <= len(n) + 25 for n in names)
        if named and (not code or code == g.code.upper() or _roman(code) == g.code or code.isdigit()
                      or _garbled_roman(code)):
            return g.code
    return None


def _garbled_roman(code: str) -> bool:
    """A group's Roman number as OCR reads it ('II' → 'H', 'III' → 'IH', 'Il', '1I'): short, only
    strokes OCR makes of I, and no Roman number of its own (which would name another group)."""
    return len(code) <= 4 and regex.fullmatch(r"[IHLT1]+", code) is not None and _roman(code) is None


def _row_code(code_cell: str, title: str, fw: Framework, group: str | None, taken: set[str],
              stt_cell: str = "") -> str | None:
    """Which criterion a row is. The title decides; the STT or code column supports it.

    A dotted code the framework has and the title agrees with. A bare number (in the code or the
    STT column) may be an integer code, the n-th of its group (numbering restarts per group: '1'
    under group II is 2.1) or the n-th of the whole set (numbering runs across groups): the one
    whose title the row's title reads as best, the code itself on a tie. Else the criterion whose
    title the row's title reads as.
    """
    code = _cell_code(code_cell)
    if code is None and stt_cell:
        code = _cell_code(stt_cell)  # no code column value: the running number may be the code
    if code in fw.by_code and not code.isdigit() and code not in taken \
            and (not title.strip() or _title_ok(title, fw.by_code[code]) >= 60):
        return code
    if code and code.isdigit():
        cands = [c for c in stt_candidates(int(code), fw, group) if c not in taken]
        if cands and not title.strip() and cands[0] == code:
            return code
        scored = [(_title_ok(title, fw.by_code[c]), -i, c) for i, c in enumerate(cands)] if title.strip() else []
        if scored and max(scored)[0] >= 60:
            best = max(scored)
            # a report that leaves a criterion out shifts a running number: a title that reads
            # clearly better as another criterion decides
            others = [(_title_ok(title, c), c.code) for c in fw.criteria if c.code not in taken and c.code not in cands]
            if others and max(others)[0] >= max(85.0, best[0] + 10):
                return max(others)[1]
            # two titles of the set that begin alike ('Tốc độ truy cập Internet băng rộng di động …' / '… cố
            # định …'): the whole title, not its best-matching stretch, tells which one the row is
            whole = [(_whole_title(title, fw.by_code[c]), c) for c in fw.by_code
                     if c not in taken and c != best[2]]
            if whole and max(whole)[0] >= WHOLE_TITLE and max(whole)[0] >= _whole_title(title, fw.by_code[best[2]]) + 10:
                return max(whole)[1]
            return best[2]
    return _recover_code(code, title, fw, taken)


VERDICT_CELL = 30
"""The longest cell that can be a verdict standing whole in it ('Hoàn thành vượt chỉ tiêu')."""

WHOLE_TITLE = 90.0
"""How closely a row's whole title cell must read as another criterion's whole title to outweigh its number."""


def _whole_title(title: str, crit: Criterion) -> float:
    """How the row's title cell reads as the criterion's whole title (RapidFuzz's ratio of the two match keys:
    folded, OCR confusions repaired, spaces collapsed; RapidFuzz itself normalizes nothing)."""
    key = match_key(title)
    return max(fuzz.ratio(k, key) for k in crit.keys) if key else 0.0


def _cell_rows(lines: list[Line], fw: Framework, page_units: Mapping[int, str]) -> tuple[dict[str, CriterionRecord], list[Claim]]:
    out: dict[str, CriterionRecord] = {}
    claims: list[Claim] = []
    roles: dict[str, int] = {}
    header: list[str] = []
    group: str | None = None
    current: tuple[str, list[Line], list[str]] | None = None

    def flush() -> None:
        if current is None:
            return
        code, rows, cells = current
        crit = fw.by_code[code]
        def get(role):
            return (cells[roles[role]] if role in roles and roles[role] < len(cells) else "")
        target_text = _with_unit(get("target"), get("unit"))
        if not target_text.strip() and crit.target is not None:
            # no target column (KH 100), or an empty one: the indicator's own wording may state it ("đạt trên 80%")
            target_text = _target_words(get("title")) or ""
        target = parse_target_cell(target_text, crit.target) if target_text else None
        if target is None and crit.target is not None and (bare := _BARE_TARGET.fullmatch(target_text)):
            # 'Từ 70 trở lên', 'Ít nhất 80': the target column's op and number, the unit in the header or
            # nowhere: the criterion's own unit
            unit = " %" if crit.target.unit == "%" else " " + crit.target.unit
            target = parse_target_cell(bare[1] + unit + (bare[2] or ""), crit.target)
        if target is None and crit.target is not None and "target" in roles \
                and _header_role(header[roles["target"]])[0] is not None:
            target = _bare_number_target(target_text, crit.target)
        ocr = any(r.conf is not None for r in rows)
        if ocr and target is not None and _lost_decimal_comma(target, target_text, crit.target):
            target = crit.target  # "96%" for the plan's 9,6 %: OCR dropped the comma, the catalog has it
        verdict_cell = get("verdict")
        verdict = parse_verdict(get("verdict"), fuzzy=ocr) if get("verdict") else None
        if verdict is None and ocr and get("verdict"):
            verdict = _row_verdict(get("verdict"))[0]  # OCR noise around the word: "MỤ ' Vượt tiêu"
        if verdict is None and not get("verdict").strip():
            # the verdict cell empty, a verdict standing whole in another cell (a scan's cells shifted one column,
            # a merged column: 'Đang triển khai | Chưa đạt |  '): that is the row's verdict; never the title's or
            # the target's cell ('Hoàn thành' as a target)
            own = {roles[r] for r in ("code", "stt", "title", "target") if r in roles}
            whole = [c for i, c in enumerate(cells) if i not in own and 0 < len(c.strip()) <= VERDICT_CELL
                     and parse_verdict(c, fuzzy=ocr) is not None]
            if len(whole) == 1:
                verdict = parse_verdict(whole[0], fuzzy=ocr)
                verdict_cell = whole[0]
        result = _columns_result(get("part"), get("whole"), get("result"))
        out[code] = _record(code, crit, rows, target, target_text or None, _with_unit(result, get("unit")), verdict,
                            verdict_cell or None, page_units, tied=result != get("result"))

    for ln in lines:
        if not ln.cells:
            continue
        r = _roles(ln.cells)
        if len(r) >= 3 and {"title", "result"} <= r.keys() and not _cell_code(ln.cells[0]) \
                and max(len(c) for c in ln.cells) < 60 \
                and (not header or _strip_header_echo(list(ln.cells), header) == list(ln.cells)):
            # a header row: short labels, no code, names the title and result columns (not a row a page
            # break glued to the repeated header: 'STT 2.3', 'Các chỉ tiêu Số camera …')
            roles, header = r, list(ln.cells)
            continue
        if not roles:
            continue
        cells = _strip_header_echo(list(ln.cells), header)
        code_cell = cells[roles.get("code", 0)].strip() if roles.get("code", 0) < len(cells) else ""
        stt = cells[roles["stt"]].strip() if "stt" in roles and roles["stt"] < len(cells) else ""
        if not code_cell and regex.fullmatch(r"[IVX]{1,4}\.?", stt):
            code_cell = stt  # a group row numbered in the STT column
        title = cells[roles["title"]] if "title" in roles and roles["title"] < len(cells) else ""
        taken = set(out) | ({current[0]} if current else set())
        g = _group_of_row(code_cell, title, fw) if not _has_content(cells, roles) or _row_tally(cells) else None
        if g is None and regex.fullmatch(r"[IVX]{1,4}\.?", code_cell) and not _has_content(cells, roles):
            g = _roman(code_cell.rstrip(".")) if _roman(code_cell.rstrip(".")) in {x.code for x in fw.groups} else None
            g = g or next((x.code for x in fw.groups if x.code == code_cell.rstrip(".")), None)
        if g is not None:
            flush()
            current = None
            group = g
            tally = _row_tally(cells[1:])
            if tally:
                claims.append(Claim(g, tally[0], tally[1], tally[2], ln.page))
            continue
        code = None
        stt_cell = cells[roles["stt"]].strip() if "stt" in roles and roles["stt"] < len(cells) else ""
        if _has_content(cells, roles) or _cell_code(code_cell):
            code = _row_code(code_cell, title, fw, group, taken, stt_cell)
        if code is not None and not code_cell and current is not None and _title_ok(title, fw.by_code[code]) < 85:
            code = None  # a row without a number whose words do not read as a title: the row above, continued
        if code in fw.by_code:
            flush()
            current = (code, [ln], cells)
        elif not code_cell and current is not None:
            code, rows, prev = current
            merged = [(a + " " + b).strip() for a, b in zip(prev, cells, strict=False)]
            current = (code, rows + [ln], merged + prev[len(merged):])
        else:
            flush()
            current = None
    flush()
    return out, claims
