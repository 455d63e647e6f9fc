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


def find_claims(lines: list[Line], fw: Framework, anchors: list[tuple[tuple[int, int], str]] | None = None) -> list[Claim]:
    """Every tally outside the criterion blocks, assigned to a group or to the whole set.

    A tally belongs to the group whose title the text just before it names ("Nhóm Hạ tầng số: gồm
    05 tiêu chí (đạt 4/5)"); failing that, to the group whose criteria it closes or opens
    ("=> Kết quả nhóm: đạt 04/05") when its total is that group's size (``anchors``: each read
    criterion's (page, line) and group, in document order); a total equal to the framework's
    size, or summary words ("Tổng hợp", "tiêu chí thành phần"), make it the overall tally.
    """
    span = Span(lines)
    n_total = len(fw.criteria)
    sizes = {g.code: len(g.criteria) for g in fw.groups}
    anchors = sorted(anchors or [])
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
        line = span.line_at(t.start)
        page = line.page
        summaryish = bool(_SUMMARY.search(wkey)) and (t.total == n_total or best_score < 80)
        group_ok = best is not None and best_score >= 80
        if group_ok and best is not None and t.total == sizes[best] and not summaryish:
            claims.append(Claim(best, t.passed, t.total, t.raw, page))
        elif summaryish or (t.total == n_total and (not group_ok or best is None or sizes[best] != n_total)):
            # the whole set's size: the overall tally, even with a group's name just before it
            # ("… Xã hội số. Như vậy, huyện có 14/23 tiêu chí đạt")
            claims.append(Claim(None, t.passed, t.total, t.raw, page))
        elif group_ok:
            claims.append(Claim(best, t.passed, t.total, t.raw, page))
        elif (near := _by_position((line.page, line.number), anchors, t.total, sizes)) is not None:
            claims.append(Claim(near, t.passed, t.total, t.raw, page))
    # a framework of one group: a tally of that group is the overall tally (one claim, one check)
    whole = {g.code for g in fw.groups if sizes[g.code] == n_total}
    claims = [Claim(None, c.passed, c.total, c.raw, c.page) if c.group in whole else c for c in claims]
    # keep the first claim per group and the first overall claim
    seen: set[str | None] = set()
    out = []
    for c in claims:
        if c.group in seen:
            continue
        seen.add(c.group)
        out.append(c)
    return out


def _by_position(at: tuple[int, int], anchors: list[tuple[tuple[int, int], str]], total: int,
                 sizes: dict[str, int]) -> str | None:
    """The group a tally with no group name belongs to: the one whose criteria it closes (the last
    criterion before it), else the one it opens (the next), when its total is that group's size."""
    before = [g for pos, g in anchors if pos < at]
    after = [g for pos, g in anchors if pos > at]
    for g in ([before[-1]] if before else []) + ([after[0]] if after else []):
        if sizes.get(g) == total:
            return g
    return None
