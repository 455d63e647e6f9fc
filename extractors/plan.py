"""Draft a criteria framework from a plan's indicator table (``tieuchi catalog from-plan PLAN --id ID``).

A plan (kế hoạch, quyết định) or an inspection plan that restates one lists its indicators
in a table: STT | chỉ tiêu | (chỉ tiêu đến năm ... ) | thời gian hoàn thành | kết quả |
cơ quan chủ trì. Read from a text layer or from OCR, the table arrives as loose lines:
a row's wording wraps above and below the line that carries its number, the number
itself may be garbled ("S" for 5, "o5" for 25, "14" for 1.4), and the columns run
together on one line.

The reader works in three passes over each table:

1. *anchors*: lines that start with the code the numbering expects next (``1``, ``2``...
   or ``1.1``, ``1.2``, ``2.1``...), a few skipped codes allowed;
2. *gaps*: codes skipped in pass 1 are looked for between their neighbours, on lines
   that start with a short garbled token and carry the row's deadline ("Quý IV");
3. *rows*: loose lines between two code lines go to the later one from the last line
   that looks like the start of an indicator ("Tỷ lệ...", "100% các...", "Phấn đấu..."),
   to the earlier one before it. Group rows ("II | Dữ liệu số", "1 | Về Chính quyền số")
   end a row.

Targets come from the wording ("đạt trên 80%" → ``>`` 80 %, "Tối thiểu 90%" → ``>=``
90 %, "100% ..." → ``>=`` 100 %), or from the target column when the table has one
("Chỉ tiêu đến năm 2025": "100%", "9,6%", "300 xã"). Several targets in one indicator
give ``target`` and ``measures``. Titles are kept as read (OCR garbles included): the
result is a draft for a person to review, codes and targets first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import overload

import regex

from extractors.catalog import Criterion, Framework, Group, Target
from extractors.numbers import find_fractions, find_percents, parse_decimal
from ingest.errors import InputError
from ingest.models import Document, Line
from ingest.normalize import fold_chars, match_key

# ---- table headings -------------------------------------------------------------------------

_DOC_KINDS = {
    "quyet dinh": ("Quyết định", "qd"),
    "ke hoach": ("Kế hoạch", "kh"),
    "nghi quyet": ("Nghị quyết", "nq"),
    "chuong trinh": ("Chương trình", "ct"),
    "chi thi": ("Chỉ thị", "ct"),
    "de an": ("Đề án", "da"),
}
_HEADING = regex.compile(
    r"chi ?tieu\b.{0,40}?\btheo\s+(?P<kind>quyet dinh|ke hoach|nghi quyet|chuong trinh|chi thi|de an)"
    r"(?:\s+so)?\s+(?P<num>\d{1,5})\s*/")
_REF = regex.compile(r"(?<!\d)(?P<num>\d{1,5})\s*/\s*(?P<suffix>(?:\d{4}/)?[A-ZĐa-zđ0-9]{1,6}(?:\s*-\s*[A-ZĐa-zđ0-9]{1,8}){0,2})")
_DATE = regex.compile(r"ng[a-z]{1,3}\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_DATE_WORDS = regex.compile(r"ng[a-z]{1,3}\s+(\d{1,2})\s+th[a-z]{1,3}ng\s*(\d{1,2})\s+n[a-z]{1,2}m\s+(\d{4})")
# OCR without Vietnamese reads Đ as P or D: "QP-UBND", "BCP", "QD".
_REF_TOKENS = {"QP": "QĐ", "QD": "QĐ", "OD": "QĐ", "0D": "QĐ", "BCP": "BCĐ", "BCD": "BCĐ", "BCDP": "BCĐ",
               "HPND": "HĐND", "HDND": "HĐND", "TTG": "TTg", "TU": "TU", "KH": "KH", "NQ": "NQ", "UBND": "UBND"}
_TABLE_END = regex.compile(r"^(?:phu luc\s*\d|noi nhan\b|danh sach\b)")

# ---- rows -------------------------------------------------------------------------------------

_HEADER_WORDS = regex.compile(
    r"\b(?:s?tt|cac chi tieu|c\w{0,3} chi tieu|noi dung chi ?tieu|noi dung|chi ?tieu den|nam 2\d{3}|thoi gian|hoan thanh|"
    r"ket qu\w* (?:dat duoc|thuc hien)|dat duoc|den \d{1,2}/\d{1,2}/\d{4}|co ?quan chu tri|co ?quan chi tri|chu tri|"
    r"tong hop|teng hop|ghi chu|don vi tinh|ket qu\w*|thu\w{0,2} hien|n\w{1,2}m \d{4}|den|fin)\b")
_LEAD_TOKEN = regex.compile(r"^\s*(?P<tok>[0-9A-Za-z|]{1,4}(?:[.,][0-9A-Za-z|]{1,2})?[.,]?)(?=\s|\||$)\s*\|?\s*")
_ROMANISH = regex.compile(r"^[IVXl1|]{1,4}$")
_DEADLINE = regex.compile(r"\bQu[yýỳ]\s+(?P<q>[IVXl1|]{1,4}|[vV])(?![\w])")
_START_PCT = regex.compile(r"^\s*\d{1,3}(?:[.,]\d{1,2})?\s*%|^\s*\d{1,3}[^\s\d%]{1,2}%")
_GARBLED_PCT = regex.compile(r"(?<![\d.,/])(?P<d>\d{1,2})[^\s\d%]{1,2}%")
# where the agency column starts on a line; run on _fold_case text (positions hold, case kept):
# "Sở ..." only with a capital S, so "cơ sở giáo dục" in the wording is not an agency
_AGENCY = regex.compile(
    r"(?:^|\s|;)(?:-\s*)?(?:"
    r"S[o0&6e]\s*(?i:th[o0e]n[ge]|t[a4]i|x[a4]y|gi[a4]o|gido|y\s*t|c[o0]ng|n[o0]ng|l[a4]o|n[o0]i|k[e]|kh[o0]a|v[a4i]n|t[uw]\b)"
    r"|(?i:so\s?y\s+t|soy\s|c[a4]c\s+dn\b|c[a4]c\s+s[o0]\s*,\s*b[a4]|trung\s+t[a4d]m\s+ph[uy]c|v[a4i]{1,2}n\s+ph[o0]ng\b|"
    r"c[uy]c\s+th[o0e]ng|ng[a4e]n\s+h[a4]ng\s+nh|ubnd\s+(?:cap|tinh)|truyen\s*$|th[eo]ng\s*$|y\s+th[eo]ng\s*$|"
    r"y\s+hanh\s+chinh|hanh\s+chinh\s+c[o0]ng(?:\s+tinh)?\s*$))")
_OP_BEFORE = [
    (">", regex.compile(r"\b(?:tr[ec]n|hon|vuot)\s*:?\s*$")),
    (">=", regex.compile(r"\b(?:t\w{1,2}i\s+th\w{1,3}u|it\s+nh\w{1,2}t|toi\s+thieu)\s*:?\s*$")),
    ("<", regex.compile(r"\b(?:d[uw][oe]i)\s*:?\s*$")),
    ("<=", regex.compile(r"\b(?:kh[o0]ng\s+qu[a4]|t[o0]i\s+d[a4])\s*:?\s*$")),
]
_COUNT = regex.compile(r"(?<![\d/.,])(\d{1,4})\s+(x[a-z0-9]{0,2}|don\s*vi|huyen|xa|he\s*thong|doanh\s*nghiep|co\s*so)\b")
_UNITS = {"xa": "xã", "don vi": "đơn vị", "huyen": "huyện", "he thong": "hệ thống", "doanh nghiep": "doanh nghiệp",
          "co so": "cơ sở"}
_RATIO_WORDS = regex.compile(r"^(?:ty le|ty trong|so luong|muc do)\b")
_DIGIT_LOOKALIKE = str.maketrans({"o": "0", "O": "0", "l": "1", "I": "1", "|": "1", "i": "1", "S": "5", "s": "5",
                                  "B": "8", "g": "9", "Z": "2", "z": "2"})


@dataclass
class PlanTable:
    """One indicator table found in a plan."""

    heading: str | None
    kind: str | None
    """'Quyết định', 'Kế hoạch'... of the document whose indicators the table lists."""
    ref: str | None
    """'176/QĐ-UBND' (Đ restored in the type letters)."""
    issued: str | None
    slug: str
    lines: list[Line] = field(default_factory=list)
    first_line: int = 0
    last_line: int = 0


@dataclass
class _Row:
    code: str
    code_idx: int
    code_line: Line
    lines: list[Line] = field(default_factory=list)


# ---- small parsers ----------------------------------------------------------------------------

def _text(line: Line) -> str:
    return " | ".join(c.strip() for c in line.cells) if line.cells else line.text


def _fix_ref(num: str, suffix: str) -> str:
    parts = [p.strip() for p in regex.split(r"\s*-\s*", suffix.strip())]
    fixed = [_REF_TOKENS.get(p.upper(), p.upper() if p.isalpha() and p.upper() != "TTG" else p) for p in parts]
    return f"{num}/{'-'.join(fixed)}"


def _date(text: str) -> str | None:
    folded = fold_chars(text)
    m = _DATE.search(folded) or _DATE_WORDS.search(folded)
    if not m:
        return None
    d, mo, y = int(m[1]), int(m[2]), int(m[3])
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _roman(n: int) -> str:
    return {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 10: "X"}.get(n, str(n))


def _deadline(text: str) -> tuple[str | None, int | None]:
    """'Quy IV' / 'Quy Il' / 'Quy v' → ('Quý IV' | 'Quý II' | 'Quý IV', start)."""
    m = _DEADLINE.search(text)
    if not m:
        return None, None
    q = m["q"]
    if "v" in q.lower():
        return "Quý IV", m.start()
    n = len(q)
    return (f"Quý {_roman(n)}" if n <= 3 else None), m.start()


def _is_header(text: str) -> bool:
    key = match_key(text)
    if not key:
        return True
    if regex.match(r"^s?tt\b", key):
        return True
    rest = _HEADER_WORDS.sub(" ", key)
    letters = "".join(w for w in regex.findall(r"[a-z]+", rest) if len(w) >= 2)
    return len(letters) <= 3 and len(regex.sub(r"[^a-z]", "", key)) >= 4


def _group_row(text: str) -> tuple[str, str] | None:
    """'II | Dữ liệu số' / '1 | Về Chính quyền số' / '| Phát triển hạ tầng số' → (token, title)."""
    s = text.strip()
    if s.startswith("|"):
        tok, rest = "I", s[1:].strip()
    else:
        m = regex.match(r"^(?P<tok>[IVXl1|]{1,4}|\d{1,2})\s*(?:[.|]\s*|\s+)(?P<rest>.+)$", s)
        if not m:
            return None
        tok, rest = m["tok"], m["rest"].strip()
    key = match_key(rest)
    words = key.split()
    if not words or len(words) > 8 or regex.search(r"(?<![\p{L}\d])\d+(?!\p{L})|%", rest) or _DEADLINE.search(rest):
        return None
    if tok.isdigit() and not regex.match(r"^(?:ve|v[a-z]?)\b", key) and len(words) > 5:
        return None
    if not regex.match(r"^\p{Lu}", rest) and not regex.match(r"^v", key):
        return None
    return tok, rest


def _code_of(tok: str, dotted: bool) -> str | None:
    tok = tok.rstrip(".,")
    m = regex.fullmatch(r"(\d{1,2})\s*[.,]\s*(\d{1,2})", tok)
    if m:
        return f"{int(m[1])}.{int(m[2])}"
    if regex.fullmatch(r"\d{1,3}", tok):
        if dotted and len(tok) == 2:
            return f"{tok[0]}.{tok[1]}"  # "14" for "1.4": the dot lost in OCR
        return str(int(tok))
    return None


def _successors(code: str | None, dotted: bool, window: int = 3) -> list[str]:
    if dotted:
        if code is None:
            return ["1.1"]
        a, b = (int(x) for x in code.split("."))
        return [f"{a}.{b + k}" for k in range(1, window + 1)] + [f"{a + 1}.1", f"{a + 1}.2"]
    n = int(code) if code else 0
    return [str(n + k) for k in range(1, window + 1)]


def _between(a: str | None, b: str, dotted: bool) -> list[str]:
    """Codes strictly between ``a`` and ``b`` in the numbering (a new group restarts at .1)."""
    if not dotted:
        return [str(k) for k in range((int(a) if a else 0) + 1, int(b))]
    bg, bn = (int(x) for x in b.split("."))
    start = 1
    if a is not None:
        ag, an = (int(x) for x in a.split("."))
        if ag == bg:
            start = an + 1
    return [f"{bg}.{k}" for k in range(start, bn)]


def _garble_score(tok: str, code: str, line: str) -> float:
    """How much a line starting with ``tok`` looks like the row of ``code`` whose number OCR garbled."""
    tok = tok.rstrip(".,")
    bare = regex.sub(r"[.,]", "", tok)
    if not bare or len(bare) > len(code.replace(".", "")) + 1:
        return 0.0
    if not regex.fullmatch(r"[0-9A-Za-z|]{1,3}|[0-9A-Za-z|]{1,2}[.,][0-9A-Za-z|]{1,2}", tok):
        return 0.0
    if fold_chars(tok) in {"ty", "va", "so", "co", "cac", "de", "tu", "la", "o", "p", "a"} and not regex.search(r"\d", tok):
        return 0.0
    digits = code.replace(".", "")
    look = bare.translate(_DIGIT_LOOKALIKE)
    score = 0.0
    if _DEADLINE.search(line):
        score += 3
    if look == digits:
        score += 3
    elif any(ch in digits for ch in look if ch.isdigit()):
        score += 2
    if regex.search(r"\d", tok):
        score += 1
    return score


def _is_start(text: str) -> bool:
    """A loose line that begins an indicator's wording."""
    s = text.strip().lstrip("'‘’\"-–•*+ ")
    if not s:
        return False
    if _START_PCT.match(s):
        return True
    if _AGENCY.match(_fold_case(s)):
        return False
    first = s.split()[0]
    if len(regex.sub(r"[^\p{L}]", "", first)) < 2:
        return False
    return bool(regex.match(r"^\p{Lu}", s))


def _fold_case(text: str) -> str:
    """fold_chars, keeping upper case: one character in, one out."""
    return "".join(f.upper() if c.isupper() else f for c, f in zip(text, fold_chars(text), strict=True))


def _split_columns(text: str, target_col: bool) -> tuple[str, str, str | None]:
    """(wording, agency, deadline) of one line."""
    deadline, at = _deadline(text)
    cut = len(text)
    if at is not None:
        cut = at
    m = _AGENCY.search(_fold_case(text), 0, cut)
    if m:
        cut = m.start()
    wording, tail = text[:cut], text[cut:]
    if deadline:
        dm = _DEADLINE.search(tail)
        if dm:
            tail = tail[dm.end():]
    if target_col:
        # "...từ các cơ sở dữ liệu Quốc gia. 100% Sở Thông tin..." : the target column ends the wording
        p = find_percents(wording)
        c = _COUNT.search(fold_chars(wording))
        pos = min([x.start for x in p] + ([c.start()] if c else []), default=None)
        if pos is not None:
            wording = wording[:pos]
    return wording, tail, deadline


_CRUMBS = regex.compile(r"(?<=\s|^)(?:(?:[^\p{L}\d\s]{1,3}|\p{L})\s+){2,}(?=\S)")


def _tidy(text: str) -> str:
    s = " ".join(text.split())
    s = " ".join(_CRUMBS.sub(" ", s + " ").split())  # ", , i", ") )", "L A e" between the columns
    s = regex.sub(r"^[\s|'‘’\",.;:)\-–]+", "", s)
    # trailing OCR crumbs: ", , i", "L A e", ") )", "‘"
    while True:
        t = regex.sub(r"(?:\s+(?:[^\s]|[^\p{L}\d\s]{1,3}))+\s*$", "", s)
        t = regex.sub(r"[\s|'‘’\",;:(\-–]+$", "", t)
        if t == s:
            break
        s = t
    return s


def _op_before(folded: str, start: int) -> str:
    before = folded[max(0, start - 24):start]
    before = regex.sub(r"\b(?:dat|dgt|la|phan\s*d\w{1,2}u)\s*$", "", before).rstrip()
    for op, pat in _OP_BEFORE:
        if pat.search(before):
            return op
    return ">="


def parse_targets(text: str, target_col: bool = False) -> list[Target]:
    """Targets stated in an indicator's wording, in order of writing."""
    folded = fold_chars(text)
    hits: list[tuple[int, Target]] = []
    taken: list[tuple[int, int]] = []
    for p in find_percents(text):
        if p.value > 100:
            continue
        hits.append((p.start, Target(op=_op_before(folded, p.start), value=p.value, unit="%")))  # type: ignore[arg-type]
        taken.append((p.start, p.end))
    for m in _GARBLED_PCT.finditer(text):
        # "10(?%": one digit lost between '10' and '%'; only 100 is a percent target that fits
        if any(s <= m.start() < e for s, e in taken) or m["d"] != "10":
            continue
        hits.append((m.start(), Target(op=_op_before(folded, m.start()), value=100.0, unit="%")))  # type: ignore[arg-type]
    if not hits and target_col:
        m = _COUNT.search(folded)
        if m:
            unit = _UNITS.get(" ".join(m[2].split()), m[2])
            if regex.fullmatch(r"x[a-z0-9]{0,2}", m[2]):
                unit = "xã"
            v = parse_decimal(m[1])
            if v is not None:
                hits.append((m.start(), Target(op=_op_before(folded, m.start()), value=v, unit=unit)))  # type: ignore[arg-type]
    hits.sort(key=lambda h: h[0])
    return [t for _, t in hits]


# ---- finding tables ---------------------------------------------------------------------------

def find_plan_tables(document: Document) -> list[PlanTable]:
    """The indicator tables of a plan, each with the lines under its heading."""
    lines = document.lines()
    heads: list[tuple[int, PlanTable]] = []
    for i, ln in enumerate(lines):
        text = _text(ln)
        key = match_key(text)
        m = _HEADING.search(key)
        if not m:
            continue
        letters = [c for c in text if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) < 0.6 * len(letters):
            continue  # a sentence citing the plan, not a table heading
        kind, short = _DOC_KINDS[m["kind"]]
        ref_m = next((r for r in _REF.finditer(text) if r["num"] == m["num"]), None)
        ref = _fix_ref(ref_m["num"], ref_m["suffix"]) if ref_m else m["num"]
        heads.append((i, PlanTable(heading=" ".join(text.split()), kind=kind, ref=ref, issued=_date(text),
                                   slug=f"{short}{m['num']}")))
    if not heads:
        # the plan itself: one table, identified by the document's own number
        head = lines[:20]
        ref = None
        for ln in head:
            r = regex.search(r"S[oốô6b]\s*[:.]?\s*(\d{1,5})\s*/\s*([A-ZĐ]{1,6}(?:\s*-\s*[A-ZĐ]{1,8}){0,2})", _text(ln))
            if r:
                ref = _fix_ref(r[1], r[2])
                break
        issued = next((d for d in (_date(_text(ln)) for ln in head) if d), None)
        slug = regex.sub(r"[^a-z0-9]", "", match_key(ref or "plan").split("/")[-1].split("-")[0] + (ref or "").split("/")[0])
        heads.append((-1, PlanTable(heading=None, kind=None, ref=ref, issued=issued, slug=slug or "plan")))
    tables = []
    for n, (i, tab) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        body = []
        for ln in lines[i + 1:end]:
            if _TABLE_END.match(match_key(_text(ln))):
                break
            body.append(ln)
        tab.lines = body
        tab.first_line = lines[i].number if i >= 0 else (body[0].number if body else 0)
        tab.last_line = body[-1].number if body else tab.first_line
        tables.append(tab)
    return tables


# ---- rows of one table ------------------------------------------------------------------------

def _read_rows(lines: list[Line]) -> tuple[list[_Row], dict[int, tuple[str, str]], bool]:
    texts = [_text(ln) for ln in lines]
    headers = {i for i, t in enumerate(texts) if _is_header(t)}
    groups: dict[int, tuple[str, str]] = {}
    for i, t in enumerate(texts):
        if i in headers:
            continue
        g = _group_row(t)
        if g:
            groups[i] = g
    tokens: dict[int, str] = {}
    for i, t in enumerate(texts):
        if i in headers or i in groups:
            continue
        m = _LEAD_TOKEN.match(t)
        if m:
            tokens[i] = m["tok"]
    # numbering style: dotted when the first numeric token is dotted (1.1), else plain (1, 2, 3)
    n_dotted = sum(bool(regex.fullmatch(r"\d{1,2}[.,]\d{1,2}", t.rstrip(".,"))) for t in tokens.values())
    n_plain = sum(bool(regex.fullmatch(r"\d{1,3}", t.rstrip(".,"))) for t in tokens.values())
    dotted = n_dotted >= 2 and n_dotted * 2 >= n_plain
    # pass 1: anchors
    anchors: list[tuple[int, str]] = []
    last: str | None = None
    for i in sorted(tokens):
        code = _code_of(tokens[i], dotted)
        if code and code in _successors(last, dotted):
            anchors.append((i, code))
            last = code
    # pass 2: skipped codes, between their neighbours
    filled: list[tuple[int, str]] = []
    bounds = [(-1, None)] + anchors
    for k, (ia, ca) in enumerate(bounds):
        if k + 1 < len(bounds):
            ib, cb = bounds[k + 1]
            missing = _between(ca, cb, dotted)  # type: ignore[arg-type]
        else:
            continue
        lo = ia + 1
        for code in missing:
            best, best_i = 0.0, None
            for i in range(lo, ib):
                if i in headers or i in groups:
                    continue
                m = _LEAD_TOKEN.match(texts[i])
                if not m:
                    continue
                s = _garble_score(m["tok"], code, texts[i])
                if s > best:
                    best, best_i = s, i
            if best_i is not None and best >= 3:
                filled.append((best_i, code))
                lo = best_i + 1
    codes = sorted(anchors + filled)
    # pass 3: loose lines to rows
    rows: list[_Row] = []
    code_at = dict(codes)
    boundaries = sorted(set(code_at) | set(groups))
    for ci, code in codes:
        row = _Row(code=code, code_idx=ci, code_line=lines[ci])
        # above: from the last start line after the previous code/group row
        prev = max([b for b in boundaries if b < ci], default=-1)
        above = [i for i in range(prev + 1, ci) if i not in headers]
        if prev in code_at:
            starts = [i for i in above if _is_start(texts[i])]
            above = [i for i in above if i >= starts[-1]] if starts else []
        # below: up to the next code/group row, unless the next row starts before it
        nxt = min([b for b in boundaries if b > ci], default=len(lines))
        below = [i for i in range(ci + 1, nxt) if i not in headers]
        if nxt in code_at:
            starts = [i for i in below if _is_start(texts[i])]
            if starts:
                below = [i for i in below if i < starts[-1]]
        row.lines = [lines[i] for i in sorted([*above, ci, *below])]
        rows.append(row)
    return rows, groups, dotted


def _criterion(row: _Row, target_col: bool) -> Criterion:
    wording: list[str] = []
    agency: list[str] = []
    deadline = None
    for ln in row.lines:
        w, a, d = _split_columns(_text(ln), target_col)
        if ln is row.code_line:
            m = _LEAD_TOKEN.match(w)  # the code token leads the code line
            w = w[m.end():] if m else w
        wording.append(w)
        if a.strip():
            agency.append(a)
        deadline = deadline or d
    raw = " ".join(wording)
    title = _tidy(raw)
    if target_col:
        # the target column holds one target; later numbers are results and notes
        full = " ".join(_text(ln) for ln in row.lines)
        m = _LEAD_TOKEN.match(_text(row.code_line))
        targets = parse_targets(full.replace(_text(row.code_line)[: m.end()] if m else "", " ", 1), True)[:1]
    else:
        # a fraction ("49/52") is a result, not wording: targets come before it
        fr = find_fractions(raw)
        targets = parse_targets(raw[: fr[0].start] if fr else raw)
    key = match_key(title)
    if targets:
        kind = "count" if targets[0].unit != "%" else "ratio"
    else:
        # "Tỷ lệ ...", or a number lost in OCR after "đạt trên"
        kind = "ratio" if _RATIO_WORDS.match(key) or regex.search(r"\b(?:dat|tren)$", key) else "yes_no"
    lead = _tidy(" ".join(agency)) or None
    return Criterion(code=row.code, title=title or f"(chỉ tiêu {row.code})", kind=kind,  # type: ignore[arg-type]
                     target=targets[0] if targets else None, measures=targets[1:], deadline=deadline,
                     lead_agency=lead)


def _framework(table: PlanTable, framework_id: str, document: Document) -> Framework:
    header_key = " ".join(match_key(_text(ln)) for ln in table.lines[:4] if _is_header(_text(ln)))
    target_col = bool(regex.search(r"noi dung|chi ?tieu den|muc tieu (?:den|nam)|ke hoach nam", header_key))
    rows, groups, dotted = _read_rows(table.lines)
    by_idx = {r.code_idx: r for r in rows}
    out_groups: list[Group] = []
    current: Group | None = None
    n_groups = 0
    order = sorted(set(by_idx) | set(groups))
    seen: set[str] = set()
    for i in order:
        if i in groups:
            tok, title = groups[i]
            n_groups += 1
            if dotted:
                # group code = the prefix of its criteria codes (set below once known)
                code = str(n_groups)
            elif tok.isdigit():
                code = str(int(tok))
            else:
                code = _roman(n_groups) if _ROMANISH.match(tok) else tok
            current = Group(code=code, title=_tidy(title), criteria=[])
            out_groups.append(current)
            continue
        row = by_idx[i]
        if row.code in seen:
            continue
        seen.add(row.code)
        if current is None:
            current = Group(code=row.code.split(".")[0] if dotted else "1", title="(chưa có nhóm)", criteria=[])
            out_groups.append(current)
        current.criteria.append(_criterion(row, target_col))
    out_groups = [g for g in out_groups if g.criteria]
    if dotted:
        for g in out_groups:
            g.code = g.criteria[0].code.split(".")[0]
    title = table.heading or f"Chỉ tiêu theo {table.ref or document.path}"
    if table.kind and table.ref:
        title = f"Các chỉ tiêu theo {table.kind} số {table.ref}"
        if table.issued:
            y, m, d = table.issued.split("-")
            title += f" ngày {int(d):02d}/{int(m):02d}/{y}"
    where = f"lines {table.first_line}-{table.last_line}" if table.first_line else "whole document"
    source = f"{document.path} ({where}; drafted by tieuchi catalog from-plan, review before use)"
    if table.heading:
        source = f"{document.path}, table '{table.heading}' ({where}; drafted by tieuchi catalog from-plan, review before use)"
    return Framework(id=framework_id, title=title, legal_refs=[table.ref] if table.ref and "/" in table.ref else [],
                     issued=table.issued, source=source, groups=out_groups)


def _matches(table: PlanTable, which: str) -> bool:
    w = match_key(which).replace(" ", "")
    if not w:
        return False
    num = table.ref.split("/")[0] if table.ref else None
    return w in {table.slug, num, match_key(table.ref or "").replace(" ", "")} or (
        num is not None and regex.fullmatch(rf"(?:[a-z]{{0,3}}){num}(?:/.*)?", w) is not None)


@overload
def draft_framework_from_plan(document: Document, framework_id: str, which: None = None) -> list[Framework]: ...
@overload
def draft_framework_from_plan(document: Document, framework_id: str, which: str) -> Framework: ...
def draft_framework_from_plan(document: Document, framework_id: str, which: str | None = None) -> list[Framework] | Framework:
    """Draft frameworks from a plan's indicator table(s).

    Without ``which``: one framework per table found, as a list; with one table its id is
    ``framework_id``, with several ``framework_id-<slug>`` (slug "qd176", "kh100": the kind
    and number of the document each table lists). With ``which`` ("kh100", "100",
    "100/KH-BCĐ"): that table's framework alone, with id ``framework_id``. Raises
    :class:`InputError` when no table (or no table ``which`` names) has numbered rows.
    """
    tables = find_plan_tables(document)
    if which is not None:
        chosen = [t for t in tables if _matches(t, which)]
        if not chosen:
            known = ", ".join(f"{t.slug} ({t.ref})" for t in tables) or "none"
            raise InputError(f"no indicator table for {which!r} (tables found: {known})", path=document.path)
        fw = _framework(chosen[0], framework_id, document)
        if not fw.criteria:
            raise InputError(f"table {chosen[0].slug} has no numbered indicator rows", path=document.path)
        return fw
    out: list[Framework] = []
    for t in tables:
        fid = framework_id if len(tables) == 1 else f"{framework_id}-{t.slug}"
        fw = _framework(t, fid, document)
        if fw.criteria:
            out.append(fw)
    if not out:
        raise InputError("no numbered indicator table found", path=document.path)
    return out
