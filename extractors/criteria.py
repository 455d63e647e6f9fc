"""One criterion block (lines of text) → a CriterionRecord with every value's raw text."""

from __future__ import annotations

import statistics
from collections.abc import Mapping

import regex

from extractors.catalog import Criterion
from extractors.measure import find_parts, find_target, pick_measure
from extractors.record import CriterionRecord, Measure
from extractors.text import Span
from extractors.verdicts import find_verdicts
from ingest.models import Line

LOW_CONF = 70.0
"""Mean OCR word confidence under which a criterion's numbers are flagged."""


def _title_end(text: str, start: int) -> int:
    """Where the title stops: the ':' that introduces the results (outside parentheses)."""
    depth = 0
    for i in range(start, len(text)):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif c == ":" and depth == 0:
            return i
    return -1


def evidence_box(lines: list[Line], unit: str | None) -> tuple[float, float, float, float] | None:
    """The box around the lines on the first page, when the page has coordinates (pt or px)."""
    boxes = [ln.bbox for ln in lines if ln.bbox and ln.page == lines[0].page]
    if not boxes or unit not in ("pt", "px"):
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def mean_conf(lines: list[Line]) -> float | None:
    """Mean OCR confidence of the lines, or None for text that was not OCR'd."""
    confs = [ln.conf for ln in lines if ln.conf is not None]
    return round(statistics.mean(confs), 1) if confs else None


def parse_block(code: str, crit: Criterion, lines: list[Line], offset: int, score: float,
                page_units: Mapping[int, str]) -> CriterionRecord:
    span = Span(lines)
    text = span.text
    ocr = any(ln.conf is not None for ln in lines)
    # target: a parenthesized percent before the ':' that ends the title
    tend = _title_end(text, offset)
    target_hit = find_target(text, tend if tend >= 0 else None)
    if target_hit is None and tend < 0:
        target_hit = find_target(text)
    body_start = max(tend + 1 if tend >= 0 else offset, target_hit.end if target_hit else 0)
    verdicts = [v for v in find_verdicts(text) if v.start >= body_start]
    stated = verdicts[-1] if verdicts else None
    # the measure ends at the verdict that closes it; sub-bullets after it are commentary
    region_start, region_end = body_start, (stated.start if stated else len(text))
    if verdicts and not regex.sub(r"[\s:;.\-–]", "", text[body_start:verdicts[0].start]):
        # "(85%): (Đạt) - 375/375 cán bộ … (đạt 100%)": the verdict comes first, the measure after it
        stated = verdicts[0]
        region_start, region_end = stated.end, len(text)
    region = text[region_start:region_end]
    mh = pick_measure(region, loose=ocr)
    frac, pct = mh.fraction, mh.percent
    measures = [Measure(numerator=f.numerator, denominator=f.denominator, raw=f.raw) for f in mh.fractions]
    measures += [Measure(percent=p.value, raw=p.raw) for p in mh.percents]
    parts = find_parts(text[body_start:])
    rec = CriterionRecord(
        code=code,
        title=crit.title,
        target=target_hit.target if target_hit else None,
        target_raw=target_hit.raw if target_hit else None,
        target_source="report" if target_hit else None,
        numerator=frac.numerator if frac else None,
        denominator=frac.denominator if frac else None,
        reported_percent=pct.value if pct else None,
        percent_raw=pct.raw if pct else None,
        fraction_raw=frac.raw if frac else None,
        reported_verdict=stated.verdict if stated else None,  # type: ignore[arg-type]
        verdict_raw=stated.raw if stated else None,
        page=lines[0].page,
        line=lines[0].number,
        bbox=(box := evidence_box(lines, page_units.get(lines[0].page))),
        bbox_unit=page_units.get(lines[0].page) if box else None,  # type: ignore[arg-type]
        evidence=" ".join(text.split()),
        match_score=round(score / 100.0, 3),
        measures=measures,
        ocr_conf=mean_conf(lines),
    )
    last_page = lines[-1].page
    used_end = region_start + (frac.end if frac else (pct.end if pct else 0))
    if stated:
        used_end = max(used_end, stated.end)
    end_page = span.line_at(max(0, min(used_end, len(text) - 1))).page
    if end_page != rec.page:
        rec.page_end = end_page
    elif last_page != rec.page and stated is None:
        rec.page_end = last_page
    if parts:
        p = parts[0]
        rec.parts, rec.parts_whole, rec.parts_raw = p.parts, p.whole, p.raw
    if rec.ocr_conf is not None and rec.ocr_conf < LOW_CONF:
        rec.low_confidence = True
        rec.notes.append(f"mean OCR confidence {rec.ocr_conf:.0f} < {LOW_CONF:.0f}")
    rec.catalog_target = crit.target
    return rec
