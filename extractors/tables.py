"""Table-layout reports: rows of TT | nội dung chỉ tiêu | chỉ tiêu | kết quả | đánh giá | ghi chú.

Two shapes reach this module: rows with cells (ruled tables in text PDFs, OCR rows) and
loose lines, where a row's text wraps above and below the line that carries its code
(legacy OCR text, rows split across a page). Loose lines are given to the nearest code.
"""

from __future__ import annotations

from collections.abc import Mapping

import regex
from rapidfuzz import fuzz

from extractors.catalog import Criterion, Framework, Target
from extractors.criteria import evidence_box, mean_conf
from extractors.measure import parse_target_cell, pick_measure
from extractors.narrative import is_closing, is_reference
from extractors.numbers import Fraction, Percent, find_fractions, find_percents
from extractors.record import CriterionRecord, Measure
from extractors.tallies import Claim
from extractors.text import Span
from extractors.titles import VERDICT_STEMS, TitleSpan, is_title, title_prefix
from extractors.verdicts import parse_verdict, verdict_hint
from extractors.vocab import vocabulary
from ingest.models import Line
from ingest.normalize import fold_chars, match_key

_ANCHOR = regex.compile(r"^\s*(?P<a>\d{1,2})\s*[.,]\s*(?P<b>\d{1,2})(?![\d%/]|[.,]\d)\s*[.,]?\s+")
_INT_ANCHOR = regex.compile(r"^\s*(\d{1,2})\s+(?=\D|\d\p{L})")  # "12 1ong ghép" (lồng): a garbled word
_GROUP_ROW = regex.compile(r"^\s*(?:\d{1,2}|[ivx]{1,4})\s*[.|]?\s+v[eé&€8]\s", regex.I)
_VERDICT_WORDS = [
    ("vuot", regex.compile(r"\bv[a-z]{0,2}[o0g]t\b")),
    ("chua_dat", regex.compile(r"\b(?:ch[uw][a4]|kh[o0]ng)\s+(?:[dpb][a4i][tyr]|h[o0][a4]n)\b")),
    ("dat", regex.compile(
        r"(?<!\buoc\s|\budc\s|\bdoc\s)\b(?:[dpb]|dp)[a4i][tyr]\b(?!\s*\d+(?:[.,]\d+)?\s*%|\s*\d+\s*/)"
        r"|\bh[o0][a4]n\s+th[a4]nh\b")),
]


_CHUA_ALONE = regex.compile(r"\bch[uw][a4]\b")


_VERDICT_VOCAB = regex.compile(VERDICT_STEMS + r"|kh[o0]ng|chi|tieu|uoc")


def _row_verdict(text: str) -> tuple[str | None, str | None]:
    """The verdict words of a loose row. A wrapped cell can put 'Chưa' and 'đạt' on the lines
    above and below the row's code line, so 'chưa' anywhere in the row still negates 'đạt';
    and 'Hoàn' … 'thành' split by other cells' words are read from the verdict words alone."""
    found = _verdict_in(text)
    if found[0] is None:
        words = [w for w in text.split() if _VERDICT_VOCAB.fullmatch(fold_chars(w).strip(".,;:()"))]
        stream = regex.sub(r"\buoc\s+\S+\s*", "", fold_chars(" ".join(words)))  # "Ước đạt 82,8%" is a result
        found = _verdict_in(stream)
    return found


def _verdict_in(text: str) -> tuple[str | None, str | None]:
    folded = fold_chars(text)
    for kind, pat in _VERDICT_WORDS:
        m = pat.search(folded)
        if m:
            if kind == "dat" and (c := _CHUA_ALONE.search(folded)):
                return "chua_dat", text[c.start():c.end()] + " … " + text[m.start():m.end()]
            return kind, text[m.start():m.end()]
    return None, None


def _free(items: list, fracs: list[Fraction]) -> list:
    return [p for p in items if not any(f.start <= p.start < f.end for f in fracs)]


def _record(code: str, crit: Criterion, lines: list[Line], target: Target | None, target_raw: str | None,
            result_text: str, verdict: str | None, verdict_raw: str | None, page_units: Mapping[int, str],
            skip_pct: Percent | None = None) -> CriterionRecord:
    ocr = any(ln.conf is not None for ln in lines)
    skip = [(skip_pct.start, skip_pct.end)] if skip_pct is not None else []
    mh = pick_measure(result_text, loose=ocr, skip=skip, first=bool(crit.measures))
    fracs, pcts = mh.fractions, mh.percents
    frac = mh.fraction
    pct = mh.percent or (pcts[0] if pcts else None)  # a row's cells need not put the percent beside its fraction
    if pct is None and frac is not None and ocr:
        pct = _percent_sign_lost(result_text, frac)
    unit = page_units.get(lines[0].page)
    box = evidence_box(lines, unit)
    rec = CriterionRecord(
        code=code, title=crit.title, target=target, target_raw=target_raw,
        target_source="report" if target else None, catalog_target=crit.target,
        numerator=frac.numerator if frac else None, denominator=frac.denominator if frac else None,
        reported_percent=pct.value if pct else None, percent_raw=pct.raw if pct else None,
        fraction_raw=frac.raw if frac else None, reported_verdict=verdict,  # type: ignore[arg-type]
        verdict_raw=verdict_raw, page=lines[0].page, line=lines[0].number,
        bbox=box, bbox_unit=unit if box else None,  # type: ignore[arg-type]
        evidence=" ".join(" | ".join(ln.cells) if ln.cells else ln.text for ln in lines),
        match_score=round(min(1.0, _title_ok(_title_text(lines), crit) / 100.0), 3),
        measures=[Measure(numerator=f.numerator, denominator=f.denominator, raw=f.raw) for f in fracs]
        + [Measure(percent=p.value, raw=p.raw) for p in pcts],
    )
    pages = {ln.page for ln in lines}
    if len(pages) > 1:
        rec.page_end = max(pages)
    rec.ocr_conf = mean_conf(lines)
    return rec


def _title_text(lines: list[Line]) -> str:
    """The words of a row (every cell; the title is among them)."""
    return " ".join(" ".join(ln.cells) if ln.cells else ln.text for ln in lines)


def _title_ok(text: str, crit: Criterion) -> float:
    key = match_key(text)
    return max(fuzz.partial_ratio(k[:50], key) for k in crit.keys) if key else 0.0


def _cell_code(cell: str) -> str | None:
    """'1.2' / '1.2.' / '12' → catalog-style code; anything else → None."""
    m = regex.fullmatch(r"(\d{1,2})(?:\s*[.,]\s*(\d{1,2}))?\.?", cell.strip())
    if not m:
        return None
    return f"{int(m[1])}.{int(m[2])}" if m[2] else str(int(m[1]))


_TARGET_WORDS = regex.compile(r"(?:(?:đạt|tối thiểu|ít nhất)\s+)?(?:trên\s+)?\d{1,3}(?:[.,]\d{1,2})?\s*%", regex.I)


def _target_words(title: str) -> str | None:
    m = _TARGET_WORDS.search(title)
    return m.group(0) if m else None


_BARE_PAREN = regex.compile(r"\(\s*(\d{1,3}(?:,\d{1,2})?)\s*\)")


def _percent_sign_lost(text: str, frac: Fraction) -> Percent | None:
    """'11123/28132 người (39,54)': OCR lost the '%', and the number in brackets after the fraction
    is its percent to the printed decimals. Taken only when it agrees with the fraction."""
    m = _BARE_PAREN.search(text, frac.end)
    if m is None or frac.denominator == 0:
        return None
    value = float(m[1].replace(",", "."))
    decimals = len(m[1].split(",")[1]) if "," in m[1] else 0
    if abs(100 * frac.numerator / frac.denominator - value) > 0.5 * 10 ** -decimals + 1e-9:
        return None
    return Percent(value, m.start(), m.end(), m.group(0))


def _lost_decimal_comma(target: Target, raw: str, catalog: Target | None) -> bool:
    """An OCR'd target that is the catalog's decimal target without its comma (9,6 % read "96%")."""
    if catalog is None or catalog.value == int(catalog.value) or target.unit != catalog.unit:
        return False
    return not regex.search(r"\d[.,]\d", raw) and abs(target.value - 10 * catalog.value) < 1e-9


def _has_content(cells: list[str], roles: dict[str, int]) -> bool:
    """A criterion row has a title and a result or verdict (a group row has only a title)."""
    get = (lambda r: cells[roles[r]].strip() if r in roles and roles[r] < len(cells) else "")  # noqa: E731
    return bool(get("title")) and bool(get("result") or get("verdict"))


def _recover_code(code: str | None, title: str, fw: Framework, taken: set[str]) -> str | None:
    """An OCR'd code cell that lost its dot ('11') or was misread: repair it from the title."""
    if code and len(code) == 2 and code.isdigit() and f"{code[0]}.{code[1]}" in fw.by_code:
        dotted = f"{code[0]}.{code[1]}"
        if dotted not in taken:
            return dotted
    key = match_key(title)
    if len(key) < 12:
        return None
    best, best_score = None, 0.0
    for crit in fw.criteria:
        if crit.code in taken:
            continue
        score = max(fuzz.token_set_ratio(k, key) for k in crit.keys)
        if score > best_score:
            best, best_score = crit.code, score
    return best if best_score >= 75 else None


# ---- rows with cells -------------------------------------------------------------------------

def _header_role(cell: str) -> tuple[str | None, int, bool]:
    """(role, length of the matched form, whether the whole cell is that form) of a header cell."""
    key = " ".join(fold_chars(cell).split()).strip(" .:()")
    best: tuple[str | None, int, bool] = (None, 0, False)
    for role, forms in vocabulary().header_roles.items():
        for form in forms:
            whole = key == form
            if whole or regex.match(rf"{regex.escape(form)}\b", key):
                if (whole, len(form)) > (best[2], best[1]):
                    best = (role, len(form), whole)
    return best


def _roles(header: list[str]) -> dict[str, int]:
    """Column roles of a table header, from the vocabulary's header words.

    'Chỉ tiêu' names the indicator when no other column does, and the target otherwise; columns no
    word names are placed by the usual order … title | target | result | verdict | note.
    """
    found = [_header_role(c) for c in header]
    roles: dict[str, int] = {}
    ambiguous: list[int] = []
    for i, (role, _n, _whole) in enumerate(found):
        if role is None:
            continue
        if " ".join(fold_chars(header[i]).split()).strip(" .:") == "chi tieu":
            ambiguous.append(i)
        elif role not in roles:
            roles[role] = i
    for i in ambiguous:
        roles.setdefault("title" if "title" not in roles else "target", i)
    if "code" not in roles and "stt" in roles:
        roles["code"] = roles.pop("stt")  # the running number is the only number: it may be the code
    if "code" not in roles and header and not header[0].strip():
        roles["code"] = 0
    if {"title", "result"} <= roles.keys():
        used = set(roles.values())
        free = [i for i in range(len(header)) if i not in used]
        between = [i for i in free if roles["title"] < i < roles["result"]]
        if "target" not in roles and len(between) == 1:
            roles["target"] = between[0]
        after = [i for i in free if i > roles["result"] and i < roles.get("note", len(header))]
        if "verdict" not in roles and after:
            roles["verdict"] = after[0]
    return roles


def _strip_header_echo(cells: list[str], header: list[str]) -> list[str]:
    """A row that a page break glued to the repeated header ('STT 3', 'Các chỉ tiêu Tiếp tục …'):
    each cell without the header's words."""
    keys = [match_key(h) for h in header]
    hits = sum(1 for c, k in zip(cells, keys, strict=False) if k and match_key(c).startswith(k + " "))
    if hits * 2 < max(1, sum(1 for c in cells if c.strip())):
        return cells
    out = []
    for c, k in zip(cells, keys + [""] * (len(cells) - len(keys)), strict=False):
        words = len(k.split())
        out.append(" ".join(c.split()[words:]) if k and match_key(c).startswith(k + " ") else c)
    return out


def _row_tally(cells: list[str]) -> tuple[int, int, str] | None:
    """A group row's tally: 'Đạt 4/5', '2/5', '04/05' in a cell of its own."""
    for c in cells:
        m = regex.fullmatch(r"\s*(?:\p{L}{1,4}\s*:?\s*)?(\d{1,2})\s*/\s*(\d{1,2})\s*(?:\p{L}.{0,12})?", c)
        if m and int(m[1]) <= int(m[2]):
            return int(m[1]), int(m[2]), c.strip()
    return None


def _group_of_row(code_cell: str, title: str, fw: Framework) -> str | None:
    """The group a group row names: by its number in the STT column, or by the group's title."""
    key = match_key(title)
    code = regex.sub(r"\W|_", "", code_cell).upper()
    for g in fw.groups:
        names = [match_key(t) for t in (g.title, *g.aliases)]
        named = key and any(fuzz.partial_ratio(n, key) >= 85 and len(key) <= len(n) + 25 for n in names)
        if named and (not code or code == g.code.upper() or _roman(code) == g.code or code.isdigit()):
            return g.code
    return None


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


def _roman(code: str) -> str | None:
    n = _ROMAN.get(code.upper())
    return str(n) if n else None


def _row_code(code_cell: str, title: str, fw: Framework, group: str | None, taken: set[str],
              stt_cell: str = "") -> str | None:
    """Which criterion a row is. The title decides; the STT or code column supports it.

    A code the framework has and the title agrees with; an STT number counted afresh in each group
    ('1' under group II is 2.1); else the criterion whose title the row's title reads as.
    """
    code = _cell_code(code_cell)
    if code in fw.by_code and code not in taken and (not title.strip() or _title_ok(title, fw.by_code[code]) >= 60):
        return code
    if code is None and stt_cell:
        code = _cell_code(stt_cell)  # no code column value: the running number may be the code
        if code in fw.by_code and code not in taken and _title_ok(title, fw.by_code[code]) >= 60:
            return code
    if code and code.isdigit() and group is not None:
        local = f"{group}.{code}"
        if local in fw.by_code and local not in taken and _title_ok(title, fw.by_code[local]) >= 60:
            return local
    return _recover_code(code, title, fw, taken)


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
        target_text = get("target")
        if not target_text.strip() and crit.target is not None:
            # no target column (KH 100), or an empty one: the indicator's own wording may state it ("đạt trên 80%")
            target_text = _target_words(get("title")) or ""
        target = parse_target_cell(target_text, crit.target) if target_text else None
        ocr = any(r.conf is not None for r in rows)
        if ocr and target is not None and _lost_decimal_comma(target, target_text, crit.target):
            target = crit.target  # "96%" for the plan's 9,6 %: OCR dropped the comma, the catalog has it
        verdict = parse_verdict(get("verdict"), fuzzy=ocr) if get("verdict") else None
        if verdict is None and ocr and get("verdict"):
            verdict = _row_verdict(get("verdict"))[0]  # OCR noise around the word: "MỤ ' Vượt tiêu"
        out[code] = _record(code, crit, rows, target, target_text or None, get("result"), verdict,
                            get("verdict") or None, page_units)

    for ln in lines:
        if not ln.cells:
            continue
        r = _roles(ln.cells)
        if len(r) >= 3 and {"title", "result"} <= r.keys() and not _cell_code(ln.cells[0]) \
                and max(len(c) for c in ln.cells) < 60:
            roles, header = r, list(ln.cells)  # a header row: short labels, no code, names the title and result columns
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


# ---- loose lines -----------------------------------------------------------------------------

def _is_boundary(line: Line, fw: Framework) -> bool:
    key = match_key(line.text)
    return (bool(_GROUP_ROW.match(fold_chars(line.text))) or is_closing(key) or bool(regex.match(r"^s?tt\s", key))
            or _group_row(key, fw))


def _group_row(key: str, fw: Framework) -> bool:
    """A group's row: its code in the STT column and its name ("IV Phát triển kinh tế số")."""
    code, _, rest = key.partition(" ")
    code = regex.sub(r"\W|_", "", code)  # OCR debris around the number: "2_", "II."
    if not rest or len(rest) > 80:
        return False
    for g in fw.groups:
        if code == g.code.lower():
            names = [match_key(t) for t in (g.title, *g.aliases)]
            return any(fuzz.ratio(rest[:len(n) + 2], n) >= 75 for n in names)
    return False


def _title_wording(line: Line, code: str, fw: Framework) -> bool:
    """A number at a line start that is the title's own wording ("03 cấp từ cấp tỉnh …"), not a code."""
    codes = [c.code for c in fw.criteria]
    at = codes.index(code)
    for near in codes[max(0, at - 1):at + 2]:
        if title_prefix(line.text, fw.by_code[near].keys, skip_first=False).words >= 3:
            return True
    return False


def _reads_like(lines: list[Line], i: int, off: int, crit: Criterion) -> bool:
    """Whether the lines around line ``i`` carry the indicator's title (its start, or enough of it)."""
    window = [x for x in lines[max(0, i - 3):i + 4] if not x.cells]
    if _title_ok(" ".join(x.text for x in window), crit) >= 70:
        return True
    words = sum(title_prefix(x.text[off:] if x is lines[i] else x.text, crit.keys).words for x in window)
    return words >= 8


def _anchors(lines: list[Line], fw: Framework, skip: set[str], integer_codes: bool) -> list[tuple[int, str, int]]:
    """(line index, code, offset after the code) of each line that starts a table row."""
    anchors: list[tuple[int, str, int]] = []
    seen: set[str] = set()
    for i, ln in enumerate(lines):
        m = None if ln.cells else _ANCHOR.match(ln.text)
        if m:
            code = f"{int(m['a'])}.{int(m['b'])}"
            ok = code in fw.by_code and not is_reference(lines, i, m.end())
        elif not ln.cells and integer_codes and (m := _INT_ANCHOR.match(ln.text)):
            # "18 xác thực điện tử …": a bare number only anchors a row whose text reads like that indicator
            code = str(int(m[1]))
            ok = code in fw.by_code and _reads_like(lines, i, m.end(), fw.by_code[code])
        else:
            continue
        if ok and code not in skip and code not in seen and not _title_wording(ln, code, fw):
            anchors.append((i, code, m.end()))
            seen.add(code)
    return anchors


def _split(lines: list[Line], a: tuple[int, str, int], b: tuple[int, str, int], fw: Framework) -> int:
    """Index of the first line of row ``b`` among the lines between anchors ``a`` and ``b``.

    Cells are centred in their row, so the lines between two code lines are the end of one
    row's title and the start of the next one's; each line goes to the indicator whose title
    it continues (one cut, the best-scoring), lines no title explains break ties at the middle.
    A line continues row ``a`` only with title words after those on ``a``'s code line, and
    starts row ``b`` only with words before those on ``b``'s: two titles sharing a phrase
    ("… mạng cơ bản trên 50%") are told apart by where the phrase sits.
    """
    between = lines[a[0] + 1:b[0]]
    if not between:
        return b[0]
    ka, kb = fw.by_code[a[1]].keys, fw.by_code[b[1]].keys
    head_a = title_prefix(lines[a[0]].text[a[2]:], ka)
    head_b = title_prefix(lines[b[0]].text[b[2]:], kb)

    def scores(rows: list[Line], keys: list[str], head: TitleSpan, after: bool) -> list[int]:
        # a row's lines go forward through its title, each reaching beyond where the previous one ended
        last: dict[int, int] = {head.key: head.j1} if after and head.words >= 2 else {}
        out = []
        for ln in rows:
            span = title_prefix(ln.text, keys)
            ok = is_title(span) and span.j1 > last.get(span.key, -1)
            if ok and not after and head.words >= 2 and span.key == head.key and span.j1 >= head.j0:
                ok = False  # above the code line: only words before the code line's own
            out.append(span.chars if ok else 0)
            if ok:
                last[span.key] = span.j1
        return out

    n = len(between)
    sa = scores(between, ka, head_a, after=True)
    middle = n / 2
    best = max(range(n + 1), key=lambda s: (sum(sa[:s]) + sum(scores(between[s:], kb, head_b, after=False)),
                                            -abs(s - middle)))
    return a[0] + 1 + best


def _result_text(rows: list[Line], anchor: Line, off: int, crit: Criterion) -> tuple[str, int, str]:
    """The row's lines without their title wording, joined; where the code line's part starts in
    it, and that part.

    A title is written once: when two lines align with the same stretch of it ("100% các trang,
    cổng thông tin …" and a result "100% trang thông tin"), only the better one is title wording.
    """
    texts = [ln.text[off:] if ln is anchor else ln.text for ln in rows]
    spans = [title_prefix(t, crit.keys) for t in texts]
    keep = [is_title(sp) for sp in spans]
    for a, sa in enumerate(spans):
        for b, sb in enumerate(spans):
            shared = min(sa.j1, sb.j1) - max(sa.j0, sb.j0) >= 1 or sb.j0 <= sa.j0 <= sa.j1 <= sb.j1
            if a != b and keep[a] and keep[b] and sa.key == sb.key and shared and (sa.words, -a) < (sb.words, -b):
                keep[a] = False
    parts: list[str] = []
    at, mine, pos = 0, "", 0
    for ln, text, span, strip in zip(rows, texts, spans, keep, strict=True):
        rest = text[span.end:] if strip else text
        if ln is anchor:
            at, mine = pos, rest
        parts.append(rest)
        pos += len(rest) + 1
    return " ".join(parts), at, mine


def _loose_rows(lines: list[Line], fw: Framework, page_units: Mapping[int, str], skip: set[str]) -> dict[str, CriterionRecord]:
    integer_codes = all(c.code.isdigit() for c in fw.criteria)
    anchors = _anchors(lines, fw, skip, integer_codes)
    if not anchors:
        return {}
    # rows run from boundary to boundary (rows with cells, group rows, closing words) and are cut
    # between neighbouring code lines where the titles say
    bounds = [i for i, ln in enumerate(lines) if ln.cells or _is_boundary(ln, fw)]
    out: dict[str, CriterionRecord] = {}
    for k, (i, code, off) in enumerate(anchors):
        lo = max([b for b in bounds if b < i], default=-1) + 1
        hi = min([b for b in bounds if b > i], default=len(lines))
        if k > 0 and anchors[k - 1][0] >= lo:
            lo = _split(lines, anchors[k - 1], anchors[k], fw)
        if k + 1 < len(anchors) and anchors[k + 1][0] < hi:
            hi = _split(lines, anchors[k], anchors[k + 1], fw)
        lo = max(lo, i - 6)
        hi = min(hi, i + 7)
        rows = lines[lo:hi]
        crit = fw.by_code[code]
        anchor = lines[i]
        text = Span(rows).text
        result, at, mine = _result_text(rows, anchor, off, crit)  # mine: the code line's cells after the title
        fracs = find_fractions(mine)
        target: Target | None = None
        target_raw = None
        skip_pct = None
        pcts = _free(find_percents(mine), fracs)
        pcts = [p for p in pcts if not regex.search(r"\(\s*$", mine[:p.start])]
        if integer_codes:
            # no target column (KH 100): the target is written in the indicator's wording, as the catalog has it
            pcts = []
            if crit.target is not None and crit.target.unit == "%":
                own = [p for p in _free(find_percents(text), find_fractions(text))
                       if abs(p.value - crit.target.value) < 1e-9 and not regex.search(r"\(\s*$", text[:p.start])]
                if own:
                    target, target_raw = crit.target, own[0].raw
        if pcts:
            target = Target(op=">=", value=pcts[0].value, unit="%")
            target_raw = pcts[0].raw
            skip_pct = Percent(pcts[0].value, at + pcts[0].start, at + pcts[0].end, pcts[0].raw)
        elif crit.target is not None and crit.target.unit != "%":
            target = parse_target_cell(mine, crit.target)
            target_raw = mine if target else None
        if target is not None and crit.target is not None and crit.target.unit != "%" and target.unit == "%":
            target = None
        verdict, verdict_raw = _row_verdict(result)
        if verdict is None:
            verdict_raw = verdict_hint(text)  # a verdict word the row holds but no reading placed
        rec = _record(code, crit, [anchor] + [r for r in rows if r is not anchor], target, target_raw, result,
                      verdict, verdict_raw, page_units, skip_pct=skip_pct)
        out[code] = rec
    return out


_HEADER_WORDS = regex.compile(r"\bn\w{0,2}[ijl1]\s+d\w{1,2}ng\b|\bc\w{1,3}c\s+ch\w\s+t\w{1,4}u\b")


def has_table_header(lines: list[Line]) -> bool:
    """Whether the text carries a results table's header ('TT | Nội dung chỉ tiêu | …'), even
    garbled ('Néi dung') or wrapped over a few lines."""
    keys = [match_key(" ".join(ln.cells) if ln.cells else ln.text) for ln in lines]
    for i in range(len(keys)):
        window = " ".join(keys[max(0, i - 3):i + 4])
        if _HEADER_WORDS.search(keys[i]) and regex.search(r"\bs?tt\b", window):
            return True
    return False


def extract_table_rows(lines: list[Line], fw: Framework, page_units: Mapping[int, str]
                       ) -> tuple[list[CriterionRecord], list[Claim]]:
    """Criteria read from table rows; empty when the document has no table of this framework.

    Loose lines are read as rows only in a document with a table header: a narrative report's
    numbered headings are not table rows.
    """
    rows, claims = _cell_rows(lines, fw, page_units)
    if has_table_header(lines):
        rows.update(_loose_rows(lines, fw, page_units, set(rows)))
    # a code at a line start that is not followed by something like the title is not a row
    return [r for r in rows.values() if r.reported_verdict is not None or r.numerator is not None
            or r.reported_percent is not None or r.value is not None], claims
