"""One criterion block (lines of text) → a CriterionRecord with every value's raw text."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import regex
from rapidfuzz import fuzz

from extractors.catalog import Criterion, Target
from extractors.measure import MeasureHit, TargetHit, _with_direction, criterion_units, find_parts, find_targets, find_value, pick_measure
from extractors.numbers import find_fractions, find_percents
from extractors.record import CriterionRecord, Measure
from extractors.text import Span
from extractors.titles import title_prefix
from extractors.verdicts import VerdictHit, find_verdicts, tail_end, unread_verdict_slot, verdict_hint
from extractors.vocab import fold_form, has_diacritics, ocr_form, vocabulary
from ingest.models import Line
from ingest.normalize import match_key

LOW_CONF = 70.0
"""Mean OCR word confidence under which a criterion's numbers are flagged."""
SCRAMBLED = "title not read in order after the code: text without diacritics whose cells may have run together"
"""The note on a block of legacy or OCR text whose words after the code are not its title in order
(a table's cells run together): what it lacks may stand in lines the block did not get."""


SCRAMBLED_LIKENESS = 75
"""How closely (rapidfuzz ratio) the words after the code must read as the title for a block of
garbled text to count as read in order ('Ty 1€ vin ban, ho so cong viéc …' reads ≥ 89; a table's
cells run together, '5 quang den 100% trung % len %) thon …', ≤ 68)."""


def scrambled(text: str, offset: int, crit: Criterion) -> bool:
    """The words after the code are not the catalog's title in order: its first words do not align
    and the text there reads unlike it."""
    span = title_prefix(text[offset:], crit.keys, skip_first=False)
    if span.j0 <= 1 and span.words >= 3:
        return False
    key = match_key(text[offset:offset + 400])
    return max(fuzz.ratio(key[:len(k)], k) for k in crit.keys) < SCRAMBLED_LIKENESS


def results_colon_at(text: str, start: int) -> int:
    """Where the title stops: the first ':' from ``start`` that introduces the results (outside
    parentheses), or -1."""
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


_PAREN_AFTER = regex.compile(r"\s*\([^()\n/]{0,80}(?:\n[^()\n/]{0,80})?\)")
"""A parenthesis right after the title ('(85%)', '(ít nhất 30%; 60%)'), also one that wrapped onto the next line
('(it nhât' / '30%; 60%)')."""
_PERCENT_WORDS = regex.compile(r"\d[\d.,]*\s*%\s*[^)\s]")
_LEAD_PUNCT = regex.compile(r"[\s:;.\-–(]")


def title_end(text: str, offset: int, crit: Criterion | None) -> int:
    """Where the criterion's title stops in ``text`` (its code ends at ``offset``).

    The catalog's title is aligned with the words after the code (garbled words tolerated); a
    parenthesis right after it ("(85%)", "(khuyến khích …)") and the ':' that introduces the results
    still belong to it. Without an alignment, the first ':' outside parentheses ends the title.
    """
    colon = results_colon_at(text, offset)
    end = -1
    if crit is not None:
        span = title_prefix(text[offset:], crit.keys, skip_first=False)
        n_words = max(len(k.split()) for k in crit.keys)
        if span.words >= 3 or span.words * 2 >= n_words:
            end = offset + span.end
    if end < 0:
        return colon + 1 if colon >= 0 else offset
    m = _PAREN_AFTER.match(text[end:])
    if m and not find_fractions(m.group(0)):
        end += m.end()
    between = text[end:colon] if colon >= end else ""
    if colon >= end and len(between) <= 300 and not find_fractions(between) and not find_verdicts(between) \
            and not _PERCENT_WORDS.search(between):
        end = colon + 1  # the title runs on to the ':' that introduces the results
    return end


def _accept_target(hit: TargetHit, tend: int, crit: Criterion) -> bool:
    """A target phrase counts where it is written as one: with a cue or an op anywhere, a bare
    parenthesized value or op words only in (or right after) the title."""
    cat = crit.target
    if cat is not None and hit.target.unit != cat.unit:
        return False
    if hit.how in ("cue", "op"):
        return True
    return hit.start <= tend + 2


def _title_target(text: str, offset: int, tend: int, crit: Criterion) -> TargetHit | None:
    """The target a title states in its own words, as the catalog has it ('100% các cơ sở …',
    'Tỷ lệ dân số có hồ sơ sức khỏe điện tử đạt 90%', 'Tối thiểu 80% …'): the percent of the title
    that is the catalog's target value (of its several, the first measure's)."""
    cat = crit.target
    if cat is None or cat.unit != "%" or tend <= offset:
        return None
    for p in find_percents(text[offset:tend]):
        if abs(p.value - cat.value) < 1e-9:
            start, end = offset + p.start, offset + p.end
            return TargetHit(Target(op=cat.op, value=p.value, unit="%"), start, end, text[start:end], "title")
    return None


def opens_with_result(text: str) -> bool:
    """``text`` (after its leading punctuation) opens with a result cue ("Kết quả:", "Kết quả thực
    hiện:", "đạt …"): numbers after a verdict are the result, not commentary ("Năm 2023 có 13 đơn vị")."""
    head = fold_form(_LEAD_PUNCT.sub(" ", text[:40])).lower()
    if any(regex.match(regex.escape(c) + r"\b", head) for c in _RESULT_CUES):
        return True
    # legacy OCR text: the cue as OCR writes it ('K€t qu3 dat duoc: …', 'Ket qua thuc hi8n: …')
    return not has_diacritics(text) and _result_cues_ocr().match(head) is not None


@lru_cache(maxsize=1)
def _result_cues_ocr() -> regex.Pattern:
    rows = vocabulary().raw["result_cues"] + vocabulary().raw["result_time_leads"]
    forms = sorted({row[0] for row in rows}, key=len, reverse=True)
    return regex.compile("(?:" + "|".join(ocr_form(f) for f in forms) + r")(?![a-z])")


_RESULT_CUES = sorted({fold_form(row[0]).lower() for row in vocabulary().raw["result_cues"]}
                      | {fold_form(row[0]).lower() for row in vocabulary().raw["result_time_leads"]}, key=len, reverse=True)
"""The result cues ('Kết quả:', 'đạt') and the times that open a stated result ('Đến nay, 98%', 'Lũy kế đến
ngày 28/11/2024, 1953/5123')."""


@dataclass
class MeasureRegion:
    """Where a block's measure is read: between the title and the verdict that closes it, or after a
    verdict that comes first."""

    stated: VerdictHit | None
    """The block's stated verdict."""
    start: int
    end: int
    text: str
    skip: list[tuple[int, int]]
    """Target spans inside ``text`` (not results)."""
    measure: MeasureHit
    verdict_first: bool
    """The verdict stands right after the title, the measure after it."""


def block_targets(text: str, offset: int, tend: int, crit: Criterion,
                  units: tuple[str, ...] | None = None) -> tuple[list[TargetHit], TargetHit | None]:
    """A block's accepted target phrases (kept out of its measure) and the one that is its target:
    the first accepted, or the title's own statement of the catalog's target ('… đạt 90%')."""
    found = find_targets(text, criterion_units(crit) if units is None else units)
    targets = [t for t in found if t.start >= offset and _accept_target(t, tend, crit)]
    target_hit = targets[0] if targets else None
    own = _title_target(text, offset, tend, crit)
    if own is not None and (target_hit is None or (target_hit.start < tend and target_hit.target.value != own.target.value)):
        target_hit = own
        targets.append(own)
    return targets, target_hit


def measure_region(text: str, body_start: int, verdicts: list[VerdictHit], taken: list[tuple[int, int]], ocr: bool,
                   several: bool, value_at: Callable[[str, list[tuple[int, int]]], bool] | None = None) -> MeasureRegion:
    """The measure region of a block whose body starts at ``body_start`` (``verdicts``: the body's, outside
    the target spans ``taken``); ``several``: the criterion has several measures. ``value_at``: whether a
    text (its target spans given) states the criterion's measured value in its unit ('06 cơ sở dữ liệu'),
    for a criterion measured so."""
    cued = [v for v in verdicts if v.cued]
    stated = cued[-1] if cued else (verdicts[-1] if verdicts else None)
    # the measure ends at the verdict that closes it; sub-bullets after it are commentary
    start, end = body_start, (stated.start if stated else len(text))
    first = bool(verdicts) and not _LEAD_PUNCT.sub("", text[body_start:verdicts[0].start])
    if first:
        # "(85%): (Đạt) - 375/375 cán bộ … (đạt 100%)": the verdict comes first, the measure after it
        stated = verdicts[0]
        start, end = stated.end, len(text)
    region = text[start:end]
    skip = [(a - start, b - start) for a, b in taken]
    mh = pick_measure(region, loose=ocr, skip=skip, first=several)
    if stated is not None and end == stated.start and mh.fraction is None and mh.percent is None \
            and not (value_at is not None and value_at(region, skip)):
        # "… - KH giao 100 % - Tự đánh giá: Không đạt. Kết quả: 3 trên tổng số 4 (75,0 %)": the verdict
        # stated before the result, the target between them; the measure is the one after the verdict
        # (after its tail: 'Đạt yêu cầu. Kết quả thực hiện: …')
        a0 = tail_end(text, stated.end, not ocr and has_diacritics(text))
        after = text[a0:next((v.start for v in verdicts if v.start > stated.start), len(text))]
        late = pick_measure(after, loose=ocr, first=several)
        stated_late = late.fraction is not None or late.percent is not None or (
            value_at is not None and value_at(after, []))
        if stated_late and opens_with_result(after):
            start, end, region, mh, skip = a0, a0 + len(after), after, late, []
    return MeasureRegion(stated, start, end, region, skip, mh, first)


def parse_block(code: str, crit: Criterion, lines: list[Line], offset: int, score: float,
                page_units: Mapping[int, str], exact: bool | None = None) -> CriterionRecord:
    span = Span(lines)
    text = span.text
    ocr = any(ln.conf is not None for ln in lines)
    if exact is None:
        exact = not ocr and has_diacritics(text)
    tend = title_end(text, offset, crit)
    units = criterion_units(crit)
    targets, target_hit = block_targets(text, offset, tend, crit, units)
    if target_hit is not None:
        target_hit.target = _with_direction(target_hit.target, target_hit, crit.target)
    taken = [(t.start, t.end) for t in targets]
    body_start = max(tend, offset)
    verdicts = [v for v in find_verdicts(text, exact) if v.start >= body_start
                and not any(a <= v.start < b for a, b in taken)]
    legacy = not has_diacritics(text)  # the block's, not a short piece's ('Dã co 37.184 ltrgt.')
    mr = measure_region(text, body_start, verdicts, taken, ocr, bool(crit.measures), value_reader(crit, legacy))
    stated, region_start, region, skip, mh = mr.stated, mr.start, mr.text, mr.skip, mr.measure
    frac, pct = mh.fraction, mh.percent
    measures = [Measure(numerator=f.numerator, denominator=f.denominator, raw=f.raw) for f in mh.fractions]
    measures += [Measure(percent=p.value, raw=p.raw) for p in mh.percents]
    value = find_value(region, crit, skip, legacy=legacy) if reads_value(crit, frac is not None) else None
    if value is not None and _is_value(crit):
        frac, pct = None, None
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
        value=value.value if value else None,
        value_unit=value.unit if value else None,
        value_raw=value.raw if value else None,
        reported_verdict=stated.verdict if stated else None,  # type: ignore[arg-type]
        verdict_raw=stated.raw if stated else (unread_verdict_slot(text[body_start:])
                                                or verdict_hint(text[body_start:], exact)),
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
    if not exact and stated is None and rec.verdict_raw is None and scrambled(text, offset, crit):
        rec.notes.append(SCRAMBLED)
    return rec


def value_reader(crit: Criterion, legacy: bool | None = None) -> Callable[[str, list[tuple[int, int]]], bool] | None:
    """For a criterion measured in its own unit (a value or a count): whether a text states its value
    ('119,2 thuê bao/100 hộ', '06 cơ sở dữ liệu'); ``legacy``: the block is legacy OCR text."""
    if not reads_value(crit, False):
        return None
    return lambda text, skip: find_value(text, crit, skip, legacy=legacy) is not None


def reads_value(crit: Criterion, has_fraction: bool) -> bool:
    """Whether the criterion's result is a number in its own unit: a measured value always ("30,28
    Mb/s"), a count when it is not written as x/y ("có 05 điểm"; "23/23 xã" stays a fraction)."""
    return _is_value(crit) or (crit.kind == "count" and not has_fraction)


def _is_value(crit: Criterion) -> bool:
    return crit.kind == "value" or (crit.kind != "count" and crit.target is not None and crit.target.unit != "%")
