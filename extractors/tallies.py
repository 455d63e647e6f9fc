"""Group and overall tallies the report claims: "gồm 05 tiêu chí (đạt 4/5)", "(đạt 18/23)"."""

from __future__ import annotations

from dataclasses import dataclass

import regex
from rapidfuzz import fuzz

from extractors.catalog import Framework
from extractors.text import Span
from extractors.verdicts import find_tallies
from ingest.models import Line
from ingest.normalize import match_key

_SUMMARY = regex.compile(r"thanh phan|\bt[a-z]{1,2}ng (?:so|cong)\b|\bbo (?:tieu chi|chi tieu)|nhom tieu chi voi|tat ca")


@dataclass
class Claim:
    group: str | None
    """Group code, or None for the overall tally."""
    passed: int
    total: int
    raw: str
    page: int


def find_claims(lines: list[Line], fw: Framework) -> list[Claim]:
    """Every 'đạt x/y' outside the criterion blocks, assigned to a group or to the whole set."""
    span = Span(lines)
    n_total = len(fw.criteria)
    claims: list[Claim] = []
    prev_end = 0
    for t in find_tallies(span.text):
        window = span.text[max(prev_end, t.start - 220):t.start]
        prev_end = t.end
        wkey = match_key(window)
        best, best_score, best_pos = None, 0.0, -1
        for g in fw.groups:
            for title in [g.title, *g.aliases]:
                tkey = match_key(title)
                al = fuzz.partial_ratio_alignment(tkey, wkey)
                if al is None:
                    continue
                if al.score > best_score + 1 or (abs(al.score - best_score) <= 1 and al.dest_end > best_pos):
                    best, best_score, best_pos = g.code, al.score, al.dest_end
        summaryish = bool(_SUMMARY.search(wkey)) and (t.total == n_total or best_score < 80)
        group_ok = best is not None and best_score >= 80
        sizes = {g.code: len(g.criteria) for g in fw.groups}
        if group_ok and best is not None and t.total == sizes[best] and not summaryish:
            claims.append(Claim(best, t.passed, t.total, t.raw, span.line_at(t.start).page))
        elif summaryish or (t.total == n_total and not group_ok):
            claims.append(Claim(None, t.passed, t.total, t.raw, span.line_at(t.start).page))
        elif group_ok:
            claims.append(Claim(best, t.passed, t.total, t.raw, span.line_at(t.start).page))
    # keep the first claim per group and the first overall claim
    seen: set[str | None] = set()
    out = []
    for c in claims:
        if c.group in seen:
            continue
        seen.add(c.group)
        out.append(c)
    return out
