"""The annex-table reader: numbered indicator rows as loose lines (OCR or text layer).

A row's wording wraps above and below the line that carries its number, the number itself may
be garbled ("S" for 5, "o5" for 25, "14" for 1.4), and the columns run together on one line.
Three passes over each table:

1. *anchors*: lines that start with the code the numbering expects next (``1``, ``2``...
   or ``1.1``, ``1.2``, ``2.1``...), a few skipped codes allowed;
2. *gaps*: codes skipped in pass 1 are looked for between their neighbours, on lines
   that start with a short garbled token and carry the row's deadline ("Quý IV");
3. *rows*: loose lines between two code lines go to the later one from the last line
   that looks like the start of an indicator ("Tỷ lệ...", "100% các...", "Phấn đấu..."),
   to the earlier one before it. Group rows ("II | Dữ liệu số", "1 | Về Chính quyền số")
   end a row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extractors.catalog import Criterion
from extractors.numbers import find_fractions, find_percents
from extractors.plan.common import DEADLINE, deadline_of, line_text, tidy
from extractors.plan.targets import COUNT, parse_targets
from ingest.models import Line
from ingest.normalize import fold_case, fold_chars, match_key

_HEADER_WORDS = regex.compile(
    r"\b(?:s?tt|cac chi tieu|c\w{0,3} chi tieu|noi dung chi ?tieu|noi dung|chi ?tieu den|nam 2\d{3}|thoi gian|hoan thanh|"
    r"ket qu\w* (?:dat duoc|thuc hien)|dat duoc|den \d{1,2}/\d{1,2}/\d{4}|co ?quan chu tri|co ?quan chi tri|chu tri|"
    r"tong hop|teng hop|ghi chu|don vi tinh|ket qu\w*|thu\w{0,2} hien|n\w{1,2}m \d{4}|den|fin)\b")
_LEAD_TOKEN = regex.compile(r"^\s*(?P<tok>[0-9A-Za-z|]{1,4}(?:[.,][0-9A-Za-z|]{1,2})?[.,]?)(?=\s|\||$)\s*\|?\s*")
_ROMANISH = regex.compile(r"^[IVXl1|]{1,4}$")
_START_PCT = regex.compile(r"^\s*\d{1,3}(?:[.,]\d{1,2})?\s*%|^\s*\d{1,3}[^\s\d%]{1,2}%")
# where the agency column starts on a line; run on _fold_case text (positions hold, case kept):
# "Sở ..." only with a capital S, so "cơ sở giáo dục" in the wording is not an agency
_AGENCY = regex.compile(
    r"(?:^|\s|;)(?:-\s*)?(?:"
    r"S[o0&6e]\s*(?i:th[o0e]n[ge]|t[a4]i|x[a4]y|gi[a4]o|gido|y\s*t|c[o0]ng|n[o0]ng|l[a4]o|n[o0]i|k[e]|kh[o0]a|v[a4i]n|t[uw]\b)"
    r"|(?i:so\s?y\s+t|soy\s|c[a4]c\s+dn\b|c[a4]c\s+s[o0]\s*,\s*b[a4]|trung\s+t[a4d]m\s+ph[uy]c|v[a4i]{1,2}n\s+ph[o0]ng\b|"
    r"c[uy]c\s+th[o0e]ng|ng[a4e]n\s+h[a4]ng\s+nh|ubnd\s+(?:cap|tinh)|truyen\s*$|th[eo]ng\s*$|y\s+th[eo]ng\s*$|"
    r"y\s+hanh\s+chinh|hanh\s+chinh\s+c[o0]ng(?:\s+tinh)?\s*$))")
_RATIO_WORDS = regex.compile(r"^(?:ty le|ty trong|so luong|muc do)\b")
_DIGIT_LOOKALIKE = str.maketrans({"o": "0", "O": "0", "l": "1", "I": "1", "|": "1", "i": "1", "S": "5", "s": "5",
                                  "B": "8", "g": "9", "Z": "2", "z": "2"})


@dataclass
class _Row:
    code: str
    code_idx: int
    code_line: Line
    lines: list[Line] = field(default_factory=list)



def is_header(text: str) -> bool:
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
    if not words or len(words) > 8 or regex.search(r"(?<![\p{L}\d])\d+(?!\p{L})|%", rest) or DEADLINE.search(rest):
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
    if DEADLINE.search(line):
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
    if _AGENCY.match(fold_case(s)):
        return False
    first = s.split()[0]
    if len(regex.sub(r"[^\p{L}]", "", first)) < 2:
        return False
    return bool(regex.match(r"^\p{Lu}", s))



def _split_columns(text: str, target_col: bool) -> tuple[str, str, str | None]:
    """(wording, agency, deadline) of one line."""
    deadline, at = deadline_of(text)
    cut = len(text)
    if at is not None:
        cut = at
    m = _AGENCY.search(fold_case(text), 0, cut)
    if m:
        cut = m.start()
    wording, tail = text[:cut], text[cut:]
    if deadline:
        dm = DEADLINE.search(tail)
        if dm:
            tail = tail[dm.end():]
    if target_col:
        # "...từ các cơ sở dữ liệu Quốc gia. 100% Sở Thông tin..." : the target column ends the wording
        p = find_percents(wording)
        c = COUNT.search(fold_chars(wording))
        pos = min([x.start for x in p] + ([c.start()] if c else []), default=None)
        if pos is not None:
            wording = wording[:pos]
    return wording, tail, deadline



def read_rows(lines: list[Line]) -> tuple[list[_Row], dict[int, tuple[str, str]], bool]:
    texts = [line_text(ln) for ln in lines]
    headers = {i for i, t in enumerate(texts) if is_header(t)}
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


def row_criterion(row: _Row, target_col: bool) -> Criterion:
    wording: list[str] = []
    agency: list[str] = []
    deadline = None
    for ln in row.lines:
        w, a, d = _split_columns(line_text(ln), target_col)
        if ln is row.code_line:
            m = _LEAD_TOKEN.match(w)  # the code token leads the code line
            w = w[m.end():] if m else w
        wording.append(w)
        if a.strip():
            agency.append(a)
        deadline = deadline or d
    raw = " ".join(wording)
    title = tidy(raw)
    if target_col:
        # the target column holds one target; later numbers are results and notes
        full = " ".join(line_text(ln) for ln in row.lines)
        m = _LEAD_TOKEN.match(line_text(row.code_line))
        targets = parse_targets(full.replace(line_text(row.code_line)[: m.end()] if m else "", " ", 1), True)[:1]
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
    lead = tidy(" ".join(agency)) or None
    return Criterion(code=row.code, title=title or f"(chỉ tiêu {row.code})", kind=kind,  # type: ignore[arg-type]
                     target=targets[0] if targets else None, measures=targets[1:], deadline=deadline,
                     lead_agency=lead)

