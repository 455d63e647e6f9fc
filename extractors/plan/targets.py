"""Targets in an indicator's wording or target cell: op, value and unit ("đạt trên 80%", "không quá 1%")."""

from __future__ import annotations

import regex

from extractors.catalog import Target
from extractors.numbers import find_percents, parse_decimal
from ingest.normalize import fold_chars

_GARBLED_PCT = regex.compile(r"(?<![\d.,/])(?P<d>\d{1,2})[^\s\d%]{1,2}%")
_OP_BEFORE = [
    (">", regex.compile(r"\b(?:tr[ec]n|hon|vuot)\s*:?\s*$")),
    (">=", regex.compile(r"\b(?:t\w{1,2}i\s+th\w{1,3}u|it\s+nh\w{1,2}t|toi\s+thieu)\s*:?\s*$")),
    ("<", regex.compile(r"\b(?:d[uw][oe]i)\s*:?\s*$")),
    ("<=", regex.compile(r"\b(?:kh[o0]ng\s+qu[a4]|t[o0]i\s+d[a4])\s*:?\s*$")),
]
_COUNT = regex.compile(r"(?<![\d/.,])(\d{1,4})\s+(x[a-z0-9]{0,2}|don\s*vi|huyen|xa|he\s*thong|doanh\s*nghiep|co\s*so)\b")
_UNITS = {"xa": "xã", "don vi": "đơn vị", "huyen": "huyện", "he thong": "hệ thống", "doanh nghiep": "doanh nghiệp",
          "co so": "cơ sở"}


def op_before(folded: str, start: int) -> str:
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
        hits.append((p.start, Target(op=op_before(folded, p.start), value=p.value, unit="%")))  # type: ignore[arg-type]
        taken.append((p.start, p.end))
    for m in _GARBLED_PCT.finditer(text):
        # "10(?%": one digit lost between '10' and '%'; only 100 is a percent target that fits
        if any(s <= m.start() < e for s, e in taken) or m["d"] != "10":
            continue
        hits.append((m.start(), Target(op=op_before(folded, m.start()), value=100.0, unit="%")))  # type: ignore[arg-type]
    if not hits and target_col:
        m = _COUNT.search(folded)
        if m:
            unit = _UNITS.get(" ".join(m[2].split()), m[2])
            if regex.fullmatch(r"x[a-z0-9]{0,2}", m[2]):
                unit = "xã"
            v = parse_decimal(m[1])
            if v is not None:
                hits.append((m.start(), Target(op=op_before(folded, m.start()), value=v, unit=unit)))  # type: ignore[arg-type]
    hits.sort(key=lambda h: h[0])
    return [t for _, t in hits]

