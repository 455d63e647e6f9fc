"""Targets in an indicator's wording or target cell: op, value and unit.

"đạt trên 80%" → ``>`` 80 %, "không quá 1%" → ``<=`` 1 %, "giảm xuống dưới 5%" → ``<`` 5 %,
"36 Mb/s" → ``>=`` 36 Mb/s, "90 thuê bao/100 dân", "01 tài khoản/người", "300 xã" (a count only
where a target is expected: a target cell, the part after a list item's colon, or after an op).
The phrases are data (``extractors/data/plan.json``); the regexes here only tolerate OCR garbles.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Literal

import regex

from extractors.catalog import Target
from extractors.numbers import find_percents, parse_decimal
from ingest.normalize import fold_chars

_DATA = Path(__file__).resolve().parent.parent / "data" / "plan.json"

_GARBLED_PCT = regex.compile(r"(?<![\d.,/])(?P<d>\d{1,2})[^\s\d%]{1,2}%")
# OCR-garbled forms of the commonest phrases ("trcn 80%", "Téi thidu", "dwoi")
_OP_GARBLED = [
    (">", regex.compile(r"\b(?:tr[ec]n|hon|vuot)\s*:?\s*$")),
    (">=", regex.compile(r"\b(?:t\w{1,2}i\s+th\w{1,3}u|it\s+nh\w{1,2}t|toi\s+thieu)\s*:?\s*$")),
    ("<", regex.compile(r"\b(?:d[uw][oe]i)\s*:?\s*$")),
    ("<=", regex.compile(r"\b(?:kh[o0]ng\s+qu[a4]|t[o0]i\s+d[a4])\s*:?\s*$")),
]
# a count in an OCR'd target column: "300 xã" read as "300 x3"
COUNT = regex.compile(r"(?<![\d/.,])(\d{1,4})\s+(x[a-z0-9]{0,2}|don\s*vi|huyen|xa|he\s*thong|doanh\s*nghiep|co\s*so)\b")
_NUMBER = regex.compile(r"(?<![\p{L}\d/.,])(?P<num>\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?|\d+\.\d{1,2})(?![\d/]|\s*%|[.,]\d)")
# a rate unit: one or two words, a slash, an optional base number, a word ("Mb/s", "thuê bao/100 dân")
_RATE = regex.compile(r"\s*(?P<unit>\p{L}+(?:\s\p{L}+)?\s*/\s*(?:\d+\s*)?\p{L}+)")
_SYMBOL_OPS = [("<=", regex.compile(r"(?:≤|<=|=<)\s*$")), (">=", regex.compile(r"(?:≥|>=|=>)\s*$")),
               ("<", regex.compile(r"<\s*$")), (">", regex.compile(r">\s*$"))]

Op = Literal[">=", ">", "<=", "<", "="]


@lru_cache(maxsize=1)
def plan_vocabulary() -> dict:
    with open(_DATA, encoding="utf-8") as fh:
        data = json.load(fh)
    ops = [(p, op) for op, phrases in data["ops"].items() for p in phrases if p[0].isalpha()]
    data["_ops"] = sorted(ops, key=lambda x: -len(x[0]))
    data["_after"] = [(p, op) for op, phrases in data["ops_after"].items() for p in phrases]
    fillers = "|".join(sorted((regex.escape(f) for f in data["fillers"]), key=len, reverse=True))
    data["_fillers"] = regex.compile(rf"(?:\b(?:{fillers})\b\s*:?\s*)+$")
    units = [(u, "count") for u in data["count_units"]] + [(u, "value") for u in data["value_units"]]
    data["_units"] = sorted(((fold_chars(u).lower(), u, k) for u, k in units), key=lambda x: -len(x[0]))
    return data


def op_before(text: str, start: int, after: str = "") -> Op:
    """The comparison the words just before a number at ``start`` state; '>=' when none does."""
    raw_before = text[max(0, start - 40):start]
    for op, pat in _SYMBOL_OPS:
        if pat.search(raw_before):
            return op  # type: ignore[return-value]
    vocab = plan_vocabulary()
    before = fold_chars(raw_before).lower()
    before = regex.sub(r"[\s:;,(]+$", "", before)
    for _ in range(3):
        for phrase, op in vocab["_ops"]:
            if regex.search(rf"(?:^|[\s(\-–:]){regex.escape(phrase)}$", before):
                return op
        stripped = vocab["_fillers"].sub("", before).rstrip(" :;,")
        if stripped == before:
            break
        before = stripped
    for op, pat in _OP_GARBLED:
        if pat.search(before):
            return op  # type: ignore[return-value]
    folded_after = fold_chars(after).lower()
    for phrase, op in vocab["_after"]:
        if regex.match(rf"\s*{regex.escape(phrase)}\b", folded_after):
            return op
    return ">="


def _unit_after(text: str, end: int, counts: bool) -> tuple[str, str, int] | None:
    """(unit as written, 'count' | 'value', end) of the unit written right after a number."""
    rest = text[end:end + 40]
    m = _RATE.match(rest)
    if m:
        unit = regex.sub(r"\s*/\s*", "/", m["unit"])
        return unit, "value", end + m.end()
    folded = fold_chars(rest).lower()
    for key, spelled, kind in plan_vocabulary()["_units"]:
        if kind == "count" and not counts:
            continue
        um = regex.match(rf"\s*({regex.escape(key)})(?![\p{{L}}\d])", folded)
        if um:
            return spelled, kind, end + um.end()
    return None


def unit_kind(unit: str | None) -> Literal["ratio", "value", "count"] | None:
    """'%' → ratio, a rate or value unit → value, a unit of things → count."""
    if not unit:
        return None
    if unit.strip() == "%":
        return "ratio"
    key = fold_chars(unit).lower().strip()
    if "/" in key or any(key == k for k, _, kind in plan_vocabulary()["_units"] if kind == "value"):
        return "value"
    return "count"


def parse_targets(text: str, target_col: bool = False, unit: str | None = None) -> list[Target]:
    """Targets stated in an indicator's wording (or, ``target_col``, a target cell), in order of writing.

    ``unit``: the table's unit column; a bare number in a target cell takes it ("36" → 36 Mb/s).
    """
    return [t for _, t in find_targets(text, target_col, unit)]


def find_targets(text: str, target_col: bool = False, unit: str | None = None) -> list[tuple[int, Target]]:
    """:func:`parse_targets` with where each target's number starts in ``text``."""
    folded = fold_chars(text)
    hits: list[tuple[int, Target]] = []
    taken: list[tuple[int, int]] = []
    for p in find_percents(text):
        if p.value > 100:
            continue
        hits.append((p.start, Target(op=op_before(text, p.start, text[p.end:]), value=p.value, unit="%")))
        taken.append((p.start, p.end))
    for m in _GARBLED_PCT.finditer(text):
        # "10(?%": one digit lost between '10' and '%'; only 100 is a percent target that fits
        if any(s <= m.start() < e for s, e in taken) or m["d"] != "10":
            continue
        hits.append((m.start(), Target(op=op_before(text, m.start()), value=100.0, unit="%")))
        taken.append((m.start(), m.end()))
    for m in _NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        op = op_before(text, m.start(), text[m.end():])
        explicit = op != ">=" or regex.search(r"(?:toi thieu|it nhat|khong duoi|≥|>=)\s*$", folded[:m.start()].lower())
        found = _unit_after(text, m.end(), counts=target_col or bool(explicit))
        v = parse_decimal(m["num"])
        if v is None:
            continue
        if found:
            u, _, end = found
            hits.append((m.start(), Target(op=op_before(text, m.start(), text[end:]), value=v, unit=u)))
            taken.append((m.start(), end))
        elif target_col and unit and not regex.search(r"\p{L}", text[m.end():m.end() + 3]):
            hits.append((m.start(), Target(op=op, value=v, unit=unit.strip())))
            taken.append((m.start(), m.end()))
    if not hits and target_col:
        m = COUNT.search(folded)  # an OCR'd count: "300 x3"
        if m:
            v = parse_decimal(m[1])
            u = "xã" if regex.fullmatch(r"x[a-z0-9]{0,2}", m[2]) else text[m.start(2):m.end(2)]
            if v is not None:
                hits.append((m.start(), Target(op=op_before(text, m.start()), value=v, unit=u)))
    hits.sort(key=lambda h: h[0])
    return hits
