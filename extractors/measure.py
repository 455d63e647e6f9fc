"""What a criterion's text states: its target, the fraction and percent its verdict rests on, parts of a whole."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractors.catalog import Target
from extractors.numbers import Fraction, Percent, find_fractions, find_percents, parse_decimal, parse_int
from ingest.normalize import fold_chars

# "(85%)", "(≥ 85%)", "(trên 80%)", "(tối thiểu 90%)", "(chỉ tiêu: 85%)" — on fold_chars text
_TARGET = regex.compile(
    r"\(\s*(?:(?P<word>ch[i1]\s*t[a-z]{1,3}u|m[uw]c\s*t[a-z]{1,3}u|tren|toi\s*thieu|it\s*nhat|tu|dat|>=|≥|>|=)\s*:?\s*)?"
    r"(?P<val>\d{1,3}(?:[.,]\d{1,2})?)\s*(?P<unit>%)\s*\)"
)
_OPS = {"tren": ">", ">": ">", "toi thieu": ">=", "it nhat": ">=", "≥": ">=", ">=": ">=", "=": ">="}


@dataclass
class TargetHit:
    target: Target
    start: int
    end: int
    raw: str


def find_target(text: str, limit: int | None = None) -> TargetHit | None:
    """The first parenthesized percent target in ``text[:limit]``."""
    folded = fold_chars(text)
    for m in _TARGET.finditer(folded, 0, limit if limit is not None else len(folded)):
        v = parse_decimal(m["val"])
        if v is None:
            continue
        word = " ".join((m["word"] or "").split())
        op = _OPS.get(word, ">=")
        return TargetHit(Target(op=op, value=v, unit="%"), m.start(), m.end(), text[m.start():m.end()])
    return None


_COUNT_TARGET = regex.compile(r"(?<![\d/.,])(\d{1,4})\s+(x[a-z0-9]{0,2}|don\s*vi|huyen|cuoc|he\s*thong)\b")


def parse_target_cell(text: str, catalog_target: Target | None) -> Target | None:
    """A table's target cell: '100%', '9,6%', 'Trên 80%', 'Tối thiểu 90%', '23 xã'."""
    folded = " ".join(fold_chars(text).split())
    op = ">="
    if regex.search(r"\btren\b|>(?!=)", folded):
        op = ">"
    ps = find_percents(text)
    if ps:
        return Target(op=op, value=ps[0].value, unit="%")
    m = _COUNT_TARGET.search(folded)
    if m:
        unit = catalog_target.unit if catalog_target and catalog_target.unit != "%" else text[m.start(2):m.end(2)]
        return Target(op=op, value=float(m[1]), unit=unit)
    return None


@dataclass
class MeasureHit:
    fraction: Fraction | None
    percent: Percent | None
    fractions: list[Fraction]
    percents: list[Percent]


def pick_measure(text: str, loose: bool = False, skip: list[tuple[int, int]] | None = None) -> MeasureHit:
    """The measure the verdict rests on: the last fraction, and the percent stated for it.

    ``text`` ends where the verdict starts. The percent belongs to the fraction when it
    follows it ('= 99,7%', '(92%)', '(đạt 30,77%)') or leads into it ('đạt 100% (39/39)');
    without a fraction it is the last percent written.
    """
    skip = skip or []

    def free(a: int, b: int) -> bool:
        return not any(s <= a < e or s < b <= e for s, e in skip)

    fracs = [f for f in find_fractions(text) if free(f.start, f.end)]
    pcts = [p for p in find_percents(text, loose) if free(p.start, p.end)]
    # a percent inside a fraction's neighbour parenthesis "(đạt 100%)" before a later fraction
    # still belongs to the earlier one; only pair with the chosen (last) fraction.
    if fracs:
        f = fracs[-1]
        after = [p for p in pcts if p.start >= f.end and (p.start - f.end <= 40 or (
            p.start - f.end <= 220 and not regex.search(r"[;\n]\s*[-–+]|;|/", text[f.end:p.start])
            and regex.search(r"(?:\(|=)\s*(?:\w{1,4}\s+)?$", text[max(f.end, p.start - 12):p.start])))]
        before = [p for p in pcts if p.end <= f.start and f.start - p.end <= 12
                  and not any(g.end <= p.start for g in fracs if g is not f and g.start > p.end)]
        between_next = [p for p in after if not any(g.start < p.start for g in fracs if g.start > f.start)]
        pct = between_next[0] if between_next else (before[-1] if before else None)
        return MeasureHit(f, pct, fracs, pcts)
    return MeasureHit(None, pcts[-1] if pcts else None, fracs, pcts)


_PARTS = regex.compile(
    r"(?<![\d/.,])(?P<whole>\d{1,3}(?:\.\d{3})+|\d+)\s+(?P<label>(?:[^\d();:%/]|(?<=\p{L})\d){1,40}?)\s*\(\s*(?P<parts>[^()]{3,160}?)\)"
)
_PART_NUM = regex.compile(r"(?<![\d/.,])(\d{1,3}(?:\.\d{3})+|\d+)(?![\d/%]|[.,]\d)")


@dataclass
class PartsHit:
    whole: int
    parts: list[int]
    raw: str
    start: int
    end: int


def find_parts(text: str) -> list[PartsHit]:
    """'277.441 văn bản (172.652 văn bản đến; 104.789 văn bản đi)' → whole and parts.

    Only parentheses whose items are all 'number + label' separated by ';' or ',' count,
    and only when there are at least two such items.
    """
    out = []
    for m in _PARTS.finditer(text):
        inner = m["parts"]
        items = [s.strip() for s in regex.split(r"[;,]\s*(?=\d)", inner) if s.strip()]
        if len(items) < 2:
            continue
        nums: list[int] = []
        for item in items:
            pm = _PART_NUM.match(item)
            if not pm or "%" in item or "/" in item:
                nums = []
                break
            v = parse_int(pm.group(1))
            if v is None:
                nums = []
                break
            nums.append(v)
        whole = parse_int(m["whole"])
        if len(nums) >= 2 and whole is not None and whole >= max(nums):
            out.append(PartsHit(whole, nums, m.group(0), m.start(), m.end()))
    return out
