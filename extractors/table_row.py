"""What both table readers share: a row's verdict words, its record, its title's score, its code cell,
targets written in the indicator's wording, OCR repairs of a row's numbers."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import regex
from rapidfuzz import fuzz

from extractors.catalog import Criterion, Framework, Target
from extractors.criteria import _is_value, evidence_box, mean_conf, reads_value
from extractors.measure import agrees, find_value, pick_measure
from extractors.numbers import Fraction, Percent, find_fractions, find_percents, parse_decimal, parse_int, percent_tolerance
from extractors.record import CriterionRecord, Measure
from extractors.titles import VERDICT_STEMS
from extractors.verdicts import parse_verdict
from extractors.vocab import result_leads_garbled
from ingest.models import Line
from ingest.normalize import fold_chars, match_key

_VERDICT_WORDS = [
    ("vuot", regex.compile(r"\bv[a-z]{0,2}[o0g]t\b(?!\s+qu[a4]\b)")),  # 'vượt quá 4 giờ' is a target's op
    ("chua_dat", regex.compile(r"\b(?:ch[uw][a4]|kh[o0]ng)\s+(?:[dpb][a4i][tyr]|h[o0][a4]n)\b")),
    ("dat", regex.compile(
        r"(?<!\buoc\s|\budc\s|\bdoc\s)\b(?:[dpb]|dp)[a4i][tyr]\b"
        r"(?!\s*\d+(?:[.,]\d+)?\s*%|\s*\d+\s*/|[ \t]*\d+,\d|[ \t]+m[uw]c[ \t]+\d)"
        r"|\bh[o0][a4]n\s+th[a4]nh\b")),
]
"""'đạt' before a percent, a fraction, a decimal number ('đạt 70,99 Mb/s') or 'mức' and a number ('đạt mức
1,1 giờ') states a result, not a verdict."""


_DAT_WORD = regex.compile(r"(?:[dpb]|dp)[a4i][tyr]")
_RESULT_AFTER = regex.compile(r"[ \t]+(?:m[uw]c[ \t]+)?\d+,\d+(?!\d|\s*%)")
"""A measured value after 'đạt' ('dat 70,99' Mb/s, 'dat múc 1,1' giờ); a percent after it is left to the row's other
words (the verdict word the row's lines hold decides, as before)."""
_RESULT_DAT = regex.compile(r"(?<![a-z])(?:[dpb]|dp)[a4i][tyr]" + _RESULT_AFTER.pattern)
"""'đạt 70,99' with its number on the same line of the row's own lines."""


_CHUA_ALONE = regex.compile(r"\bch[uw][a4]\b")


_VERDICT_VOCAB = regex.compile(VERDICT_STEMS + r"|kh[o0]ng|chi|tieu|uoc")


_NEGATION_WORD = regex.compile(r"(?<![a-z])(?:ch[uw][a4]|kh[o0]ng|qu[a4])(?![a-z])")


def _mask_title_words(text: str, keys: Sequence[str]) -> str:
    """``text`` with the 'chưa' / 'không' / 'quả' that are the criterion's title wording blanked
    ('không dùng tiền mặt', 'chưa có điện thoại thông minh', 'khám chữa bệnh', 'hiệu quả'): a row
    whose cells ran together keeps title words among its verdict words, and they neither negate its
    'đạt' nor stand for a 'không quá' target. A word counts as the title's when it and a neighbour
    are two consecutive words of the title."""
    if not keys:
        return text
    folded = fold_chars(text).lower()
    titles = [f" {k} " for k in keys]
    out = text
    for m in _NEGATION_WORD.finditer(folded):
        before = regex.search(r"(\S+)\s+$", folded[:m.start()])
        after = regex.match(r"\s+(\S+)", folded[m.end():])
        pairs = ([f"{before[1]} {m.group(0)}"] if before else []) + ([f"{m.group(0)} {after[1]}"] if after else [])
        if any(f" {match_key(p)} " in t for p in pairs for t in titles):
            out = out[:m.start()] + " " * (m.end() - m.start()) + out[m.end():]
    return out


def _row_verdict(text: str, context: str | None = None) -> tuple[str | None, str | None]:
    """The verdict words of a loose row. A wrapped cell can put 'Chưa' and 'đạt' on the lines
    above and below the row's code line, so 'chưa' anywhere in the row still negates 'đạt';
    and 'Hoàn' … 'thành' split by other cells' words are read from the verdict words alone.
    ``context``: the whole row, title included, where a wrapped 'Không' / 'quá …' target's 'quá'
    may have been taken for title wording."""
    found = _verdict_in(text, context)
    if found[0] is None:
        tokens = [fold_chars(w).strip(".,;:()") for w in text.split()]
        # "Ước đạt 82,8%" is a result: an 'ước' drops the word right after it when a number follows
        # that word; a note column's 'Số liệu ước' / 'tính' beside a wrapped 'Hoàn' … 'thành' drops nothing
        dropped = {j + 1 for j, w in enumerate(tokens[:-2]) if w.lower() == "uoc" and tokens[j + 2][:1].isdigit()}
        # 'đạt 70,99' / 'đạt mức 1,1' on one line: a result word, not the verdict (a verdict cell's 'Đã đạt' at a
        # line's end may stand above another cell's '1,63 ngày')
        folded = fold_chars(text).lower()
        if context is None or _RESULT_DAT.search(fold_chars(context).lower()):
            dropped |= {j for j, m in enumerate(regex.finditer(r"\S+", folded))
                        if _DAT_WORD.fullmatch(m[0].strip(".,;:()")) and _RESULT_AFTER.match(folded, m.end())}
        targets = {m.start() for m in _TARGET_KHONG.finditer(folded)}  # a wrapped target's 'Không' (see there)
        dropped |= {j for j, m in enumerate(regex.finditer(r"\S+", folded)) if m.start() in targets}
        words = [w for j, w in enumerate(tokens) if j not in dropped and _VERDICT_VOCAB.fullmatch(w)]
        stream = " ".join(w for w in words if w.lower() != "uoc")
        found = _verdict_in(stream, context or text)
    return found


_KHONG = regex.compile(r"\bkh[o0]ng\b")
_TARGET_KHONG = regex.compile(r"(?i)\bkh[o0]ng\b(?=\s+d[a4]\b)")
"""A 'không' right before 'đã' ('Không Đã hoàn' / '… thấp hơn … thành'): no Vietnamese negates 'đã', so it is the
first word of a wrapped target cell ('Không' / 'thấp hơn 100 %') beside the verdict cell's words, neither a
verdict nor a negation."""
_QUA = regex.compile(r"(?<!\bk[e€]t\s)\bqu[a4]\b(?!\s+h[a4]n\b)")  # "không quá 24 giờ", not "quá hạn", "kết quả"


def _verdict_in(text: str, context: str | None = None) -> tuple[str | None, str | None]:
    """The verdict of a row's words (its title taken out).

    A wrapped verdict cell interleaves with the other cells' words ('Không doanh' / '… đạt
    nghiệp'), so a 'chưa' or 'không' anywhere in the row negates its 'đạt'; a 'không' that a
    target 'không quá …' of the same row needs is not a negation ('Không Hoàn' / 'qua 24 thành'
    is the target 'Không quá 24 giờ' beside 'Hoàn thành')."""
    folded = _TARGET_KHONG.sub(lambda m: " " * len(m[0]), fold_chars(text))
    negators = len(_KHONG.findall(folded)) - len(_QUA.findall(fold_chars(context) if context else folded))
    for kind, pat in _VERDICT_WORDS:
        m = pat.search(folded)
        if m:
            if kind == "dat" and (c := _CHUA_ALONE.search(folded)):
                return "chua_dat", text[c.start():c.end()] + " … " + text[m.start():m.end()]
            if kind == "dat" and negators > 0 and (k := _KHONG.search(folded)):
                return "chua_dat", text[k.start():k.end()] + " … " + text[m.start():m.end()]
            if kind == "chua_dat" and negators <= 0 and _KHONG.match(folded, m.start()) \
                    and not _CHUA_ALONE.search(folded):
                return "dat", text[m.start():m.end()]  # the 'không' is the target's ('không quá')
            return kind, text[m.start():m.end()]
    return None, None


def _free(items: list, fracs: list[Fraction]) -> list:
    return [p for p in items if not any(f.start <= p.start < f.end for f in fracs)]


def _record(code: str, crit: Criterion, lines: list[Line], target: Target | None, target_raw: str | None,
            result_text: str, verdict: str | None, verdict_raw: str | None, page_units: Mapping[int, str],
            skip_pct: Percent | None = None, tied: bool = False) -> CriterionRecord:
    """A row's record. ``tied``: the row's fraction stands in part and whole columns of its own and its
    percent in the result cell, so the two are one measure by their columns' roles, wherever they stand."""
    ocr = any(ln.conf is not None for ln in lines)
    loose_row = all(not ln.cells for ln in lines)
    if loose_row and verdict == "chua_dat" and (kept := _target_khong_kept(lines, crit)) is not None:
        verdict, verdict_raw = kept
    skip = [(skip_pct.start, skip_pct.end)] if skip_pct is not None else []
    result_text, skip = rejoin_groups(result_text, [ln.text for ln in lines if not ln.cells], skip)
    result_text = columns_fraction(result_text)
    skip += _target_percents(result_text, target)
    mh = pick_measure(result_text, loose=ocr, skip=skip, first=bool(crit.measures))
    fracs, pcts = mh.fractions, mh.percents
    frac = mh.fraction
    # a row's cells need not put the percent beside its fraction: a wrapped result cell can stand on
    # the lines above the code line, other cells' words between ('… đạt 86,64 %' / '5 … (188/217');
    # the row's percent the fraction gives is its own, else the first
    if frac is None and loose_row and pcts and (split := _unit_slash_fraction(result_text, pcts)) is not None:
        frac = split
        fracs = [split]
    own = [p for p in pcts if frac is not None and agrees(frac, p)]
    pct = mh.percent or (own[0] if own else pcts[0] if pcts else None)
    if loose_row and own and frac is not None and frac.numerator != frac.denominator \
            and pct is not None and not agrees(frac, pct):
        # a loose row's cells ran together, so the percent next to its fraction may be another
        # cell's (a wrapped formula's 'x … 100%', the title's '100% …'); a percent of the row that
        # the fraction gives is the result's (never a mere 100 % of an x/x fraction)
        pct = own[0]
    if pct is None and frac is not None and (ocr or all(not ln.cells for ln in lines)):
        pct = _percent_sign_lost(result_text, frac, wrapped=not ocr)
    if pct is None and loose_row and not ocr:
        pct = _percent_cell_wrapped(result_text, frac, skip)
    value = find_value(result_text, crit, skip, context=" ".join(ln.text for ln in lines) if loose_row else None) \
        if reads_value(crit, frac is not None) else None
    if value is not None and _is_value(crit):
        frac, pct = None, None  # a measured value in the criterion's own unit ("đạt 60,2 Mb/s") is the result
    unit = page_units.get(lines[0].page)
    box = evidence_box(lines, unit)
    rec = CriterionRecord(
        code=code, title=crit.title, target=target, target_raw=target_raw,
        target_source="report" if target else None, catalog_target=crit.target,
        numerator=frac.numerator if frac else None, denominator=frac.denominator if frac else None,
        reported_percent=pct.value if pct else None, percent_raw=pct.raw if pct else None,
        fraction_raw=frac.raw if frac else None,
        value=value.value if value else None, value_unit=value.unit if value else None,
        value_raw=value.raw if value else None, reported_verdict=verdict,  # type: ignore[arg-type]
        verdict_raw=verdict_raw, page=lines[0].page, line=lines[0].number,
        bbox=box, bbox_unit=unit if box else None,  # type: ignore[arg-type]
        evidence=" ".join(" | ".join(ln.cells) if ln.cells else ln.text for ln in lines),
        match_score=round(min(1.0, _title_ok(_title_text(lines), crit) / 100.0), 3),
        measures=_measures(fracs, pcts, result_text, 1 + len(crit.measures), target, frac, pct, tied, not loose_row),
    )
    pages = {ln.page for ln in lines}
    if len(pages) > 1:
        rec.page_end = max(pages)
    rec.ocr_conf = mean_conf(lines)
    return rec


_NOT_LOWER = regex.compile(r"\bthap\s+hon\b|\bduoi\b")
_VERDICT_NEXT = regex.compile(r"\s+(?:(?:[dpb]|dp)[a4i][tyr]|h[o0][a4]n)\b")


def _op_not_title(folded: str, keys: Sequence[str]) -> bool:
    """Whether the row holds a 'thấp hơn' / 'dưới' that is not the title's wording ('dưới hình thức dịch vụ công'):
    neither it with the word before nor with the word after is two consecutive words of the title."""
    titles = [f" {k} " for k in keys]
    for m in _NOT_LOWER.finditer(folded):
        before = regex.search(r"(\S+)\s+$", folded[:m.start()])
        after = regex.match(r"\s+(\S+)", folded[m.end():])
        pairs = ([f"{before[1]} {m.group(0)}"] if before else []) + ([f"{m.group(0)} {after[1]}"] if after else [])
        if not any(f" {match_key(p)} " in t for p in pairs for t in titles):
            return True
    return False


def _target_khong_kept(lines: list[Line], crit: Criterion) -> tuple[str, str] | None:
    """A loose row read 'chưa đạt' only by a 'không' that is its target's: a criterion whose catalog target is a
    lower bound (≥, >) is written 'Không thấp hơn 80 %' / 'Không dưới …', and the cell wrapped, its 'Không' among
    the verdict cell's words ('Khong … Pay', 'Khong khoan dã thuc … Hoan thanh'). Only where the row holds one
    'không', not followed by a verdict word, no 'chưa', and the 'thấp hơn' / 'dưới' it goes with: then the
    verdict the other words state, when they state a pass. (An upper-bound target 'Thấp hơn 2 %' has no 'không':
    there a lone 'không' negates.)"""
    if crit.target is None or crit.target.op not in (">=", ">"):
        return None
    text = "\n".join(ln.text for ln in lines)
    folded = fold_chars(text).lower()
    khongs = list(_KHONG.finditer(folded))
    if len(khongs) != 1 or _CHUA_ALONE.search(folded) or not _op_not_title(folded, crit.keys) \
            or _VERDICT_NEXT.match(folded, khongs[0].end()):
        return None
    k = khongs[0]
    blanked = text[:k.start()] + " " * (k.end() - k.start()) + text[k.end():]
    verdict, raw = _row_verdict(blanked)
    return (verdict, raw) if verdict in ("dat", "vuot") and raw else None


def _measures(fracs: list[Fraction], pcts: list[Percent], text: str, n: int, target: Target | None,
              frac: Fraction | None, pct: Percent | None, tied: bool, cells: bool) -> list[Measure]:
    """The row's measures. A criterion of ``n`` > 1 measures whose row states one fraction for each: one
    measure per fraction in the catalog's order (the order the report writes them), each with the percent
    stated for it: the one its fraction gives (to the percent's printed decimals), else the one percent
    of its own part of the cell (between the '; ' or line breaks that part the measures; in a row with
    cells only), never a restated target. A row whose fraction and percent the columns tie (``tied``) has them as one
    measure. Otherwise every fraction and every percent, each a measure of its own."""
    if tied and n == 1 and frac is not None and pct is not None:
        rest = [p for p in pcts if (p.start, p.end) != (pct.start, pct.end)]
        return [Measure(numerator=frac.numerator, denominator=frac.denominator, percent=pct.value,
                        raw=f"{frac.raw} {pct.raw}")] \
            + [Measure(numerator=f.numerator, denominator=f.denominator, raw=f.raw) for f in fracs if f is not frac] \
            + [Measure(percent=p.value, raw=p.raw) for p in rest]
    if n > 1 and len(fracs) == n:
        spans = _target_percents(text, target)
        free = [p for p in pcts if (p.start, p.end) not in spans]
        bounds = [0] + [m.end() for m in regex.finditer(r";|\n", text)] + [len(text) + 1]
        part = [next(i for i in range(len(bounds) - 1) if bounds[i] <= f.start < bounds[i + 1]) for f in fracs]
        if len(set(part)) == n:  # each fraction in a part of its own
            out, used = [], set()
            for f, i in zip(fracs, part, strict=True):
                mine = [p for p in free if bounds[i] <= p.start < bounds[i + 1] and p.start not in used]
                own = [p for p in mine if agrees(f, p)] or [p for p in free if agrees(f, p) and p.start not in used]
                if not own and cells:
                    # a cell's part that states one percent beside its fraction (the report's may be wrong);
                    # a loose row's lines run other cells' percents into it (a title's '100% …')
                    own = mine if len(mine) == 1 else []
                p = own[0] if own else None
                if p is not None:
                    used.add(p.start)
                out.append(Measure(numerator=f.numerator, denominator=f.denominator,
                                   percent=p.value if p else None, raw=f.raw + (f" {p.raw}" if p else "")))
            return out
    return [Measure(numerator=f.numerator, denominator=f.denominator, raw=f.raw) for f in fracs] \
        + [Measure(percent=p.value, raw=p.raw) for p in pcts]


_OP_BEFORE = regex.compile(r"(?:[<>≤≥]|\btren|\bduoi|toi thieu|it nhat|\btu|(?<!\d)(?<!\d\s)%)\s*$")
"""An op, or the unit column's bare '%' ('% 100 %'); not a percent's own sign ('≥100% 100% văn bản':
the target, then the result)."""


_SLASH_WHOLE = regex.compile(r"(?<=\p{L})\s*/\s*(?P<den>\d{1,3}(?:[ .]\d{3})*)(?![\d,%]|\.\d)")
_PART = regex.compile(r"(?<![\d.,/])(?P<num>\d{1,3}(?:[ .]\d{3})*)(?![\d/%]|[.,]\d|\s*%|\s*/)")


def _unit_slash_fraction(text: str, pcts: list[Percent]) -> Fraction | None:
    """A loose row whose formula cell wrapped the fraction apart at its part's unit ('2 229 doanh' / …
    'nghiệp/3 437', '33 196 khách' … 'hàng/45 501'): the whole after a word and a slash, the part the
    one number of the row that gives a stated percent with it to its printed decimals."""
    found: list[Fraction] = []
    for dm in _SLASH_WHOLE.finditer(text):
        groups = dm["den"].split(" ")
        for k in range(len(groups), 0, -1):  # '1 890 can' is 1 890; '45 501' may be 45 and a stray 501
            den_raw = " ".join(groups[:k])
            den = parse_int(den_raw)
            if not den:
                continue
            for nm in _PART.finditer(text[:dm.start()]):
                num = parse_int(nm["num"])
                if num is None or num > den:
                    continue
                f = Fraction(num, den, nm.start(), dm.start("den") + len(den_raw), f"{nm['num']}/{den_raw}")
                if any(agrees(f, p) for p in pcts) and all((g.numerator, g.denominator) != (num, den) for g in found):
                    found.append(f)
            if found:
                break
    return found[0] if len(found) == 1 else None


def _target_percents(text: str, target: Target | None) -> list[tuple[int, int]]:
    """Spans of the row's percents that restate its target: the target's value after an op
    ('> 30 %', 'trên 30%', 'Từ 100 % …') or after the unit column's own '%' ('% 100 %'). They are
    not the result."""
    if target is None or target.unit != "%":
        return []
    folded = fold_chars(text)
    return [(p.start, p.end) for p in find_percents(text)
            if abs(p.value - target.value) < 1e-9 and _OP_BEFORE.search(folded[max(0, p.start - 12):p.start])]


_GROUPED = r"\d{1,3}(?:[ .\u00a0]\d{3})*"
_FRACTION_PARTS = regex.compile(rf"(?<![\d/.,])(?P<num>{_GROUPED})\s*/\s*(?P<den>{_GROUPED})(?!\d|[.,]\d)")
_DANGLING = regex.compile(r"(?<![\d.,/])(\d{1,3})\s*$")
_LEADING_GROUP = regex.compile(r"^\s*(\d{3})(?![\d.,/%])")


def rejoin_groups(text: str, loose: list[str], skip: list[tuple[int, int]]
                  ) -> tuple[str, list[tuple[int, int]]]:
    """A fraction whose thousands groups a wrapped cell put on other lines ('hồ sơ: 36' /
    '916/38 050, tỷ' / 'lệ 97,02%'), or whose grouped whole a comma follows ('7/1 353, tỷ lệ
    0,5%'): written whole again, but only when the row's own stated percent confirms the joined
    numbers and not the fraction as it stands. ``loose``: the row's lines without cells, whose
    line ends and starts hold the stray groups. Returns the text and ``skip`` moved with it."""
    pcts = find_percents(text)
    percents = [p.value for p in pcts]
    # a percent cell that wrapped away from its '%' ('= 95,45 hoàn' / … / '% thành'): its number
    # confirms a joined reading only to its printed decimals
    wrapped = [p for p in _led_decimals(text) if not any(q.start <= p.start < q.end for q in pcts)]
    if not percents and not wrapped:
        return text, skip
    heads = [int(m[1]) for t in loose if (m := _DANGLING.search(t))]
    tails = [int(m[1]) for t in loose if (m := _LEADING_GROUP.match(t))]

    def to_the_decimal(n: int, d: int, among: list[Percent]) -> bool:  # gives a percent as printed ('95,45')
        return d > 0 and any(abs(100 * n / d - p.value) <= percent_tolerance(p.raw) for p in among)

    def agrees(n: int, d: int) -> bool:
        return d > 0 and (any(abs(100 * n / d - p) <= 0.6 for p in percents) or to_the_decimal(n, d, wrapped))

    out, shift = text, 0
    for m in _FRACTION_PARTS.finditer(text):
        num, den = (int(regex.sub(r"\D", "", m[g])) for g in ("num", "den"))
        right = [f for f in find_fractions(text[m.start():m.end() + 2]) if agrees(f.numerator, f.denominator)]
        if right and not regex.search(r"\s", m.group(0)):
            continue  # read right as it stands
        nums = [num] + ([h * 1000 + num for h in heads] if len(m["num"]) == 3 else [])
        dens = [den] + [den * 1000 + t for t in tails if den < 1000]
        # read right only with its thousands grouped by a space ('7/1 353'): written whole
        found = {(f.numerator, f.denominator) for f in right} or {(n, d) for n in nums for d in dens if agrees(n, d)}
        if not found:
            found = _mid_line_groups(text, m.group(0), m["num"], num, den, loose,
                                     [p for p in pcts if not any(a <= p.start < b for a, b in skip)], agrees)
        if len(found) > 1:
            # two wrapped groups both come near the stated percent ('31 648/33' with '157' and the
            # target's '100' on other lines): the one that gives it to its printed decimals is the whole
            found = {(n, d) for n, d in found if to_the_decimal(n, d, pcts + wrapped)}
        if len(found) != 1:
            continue
        n, d = found.pop()
        new = f"{n}/{d}"
        a, b = m.start() + shift, m.end() + shift
        out = out[:a] + new + out[b:]
        delta = len(new) - (m.end() - m.start())
        skip = [(x + delta if x >= b else x, y + delta if y >= b else y) for x, y in skip]
        shift += delta
    return out, skip


_COLUMNS = regex.compile(r"(?<![\d.,/])(?P<num>\d{1,3}(?:\.\d{3})+|\d+)(?P<gap>\s+)(?P<den>\d{1,3}(?:\.\d{3})+|\d+)"
                      r"\s+(?P<pct>\d{1,3}(?:[.,]\d{1,2})?)\s*%")


def columns_fraction(text: str) -> str:
    """A table whose part and whole stand in columns of their own (Tử số | Mẫu số), the percent after
    them ('10 10 100 %', '2.118 2.359 89,8%'): the two numbers written as the fraction ('2.118/2.359')
    when they give the percent to its printed decimals, the text's length kept."""
    out = text
    for m in _COLUMNS.finditer(text, overlapped=True):
        num, den, pct = parse_int(m["num"]), parse_int(m["den"]), parse_decimal(m["pct"])
        if not num or not den or pct is None:
            continue
        if abs(100 * num / den - pct) > percent_tolerance(m["pct"] + "%"):
            continue
        a = m.start("gap")
        if out[a - 1:a] == "/" or "/" in out[m.start():m.end("den")]:
            continue
        out = out[:a] + "/" + out[a + 1:]
        # the numbers around them are other cells' ('100 401 401 100 %': the target, the rate), no
        # thousands groups: a thin space keeps them apart
        b, e = m.start("num") - 1, m.end("den")
        if b > 0 and out[b] == " " and out[b - 1].isdigit():
            out = out[:b] + THIN + out[b + 1:]
        if out[e:e + 1] == " ":
            out = out[:e] + THIN + out[e + 1:]
    return _spaced_columns(out)


_PCT_AFTER_RUN = regex.compile(r"(?<![\d.,/])(?P<run>\d{1,3}(?: \d{1,3})+) (?P<pct>\d{1,3}(?:[.,]\d{1,2})?)\s*%")


def _grouped_ok(tokens: list[str]) -> bool:
    """'21 292', '9', '1 009': a number written with spaces between its thousands groups."""
    return bool(tokens) and all(len(t) == 3 for t in tokens[1:])


def _spaced_columns(text: str) -> str:
    """Part and whole columns whose numbers group thousands with spaces ('21 292 24 652 86,37%',
    '866 1 236 70,06%'): the split of the run of numbers before the percent into two grouped numbers
    that gives the percent to its printed decimals, written as the fraction ('21 292/24 652'), the
    text's length kept; where two splits give it, none (the columns cannot be told apart)."""
    out = text
    for m in _PCT_AFTER_RUN.finditer(text):
        toks = m["run"].split(" ")
        pct = parse_decimal(m["pct"])
        if pct is None or len(toks) > 8 or out[m.start():m.end()] != m[0]:  # read as columns already
            continue
        tol = percent_tolerance(m["pct"] + "%")
        found = []
        for s in range(len(toks) - 1):
            for k in range(s + 1, len(toks)):
                num, den = toks[s:k], toks[k:]
                if not (_grouped_ok(num) and _grouped_ok(den)):
                    continue
                n, d = int("".join(num)), int("".join(den))
                if d and abs(100 * n / d - pct) <= tol:
                    found.append((s, k))
            if found:
                break  # the longest run that gives it: the numbers before are other cells'
        if len(found) != 1:
            continue
        s, k = found[0]
        starts = [m.start("run")]
        for t in toks[:-1]:
            starts.append(starts[-1] + len(t) + 1)
        gap = starts[k] - 1
        out = out[:gap] + "/" + out[gap + 1:]
        if s > 0:
            b = starts[s] - 1
            out = out[:b] + THIN + out[b + 1:]
        e = m.end("run")
        if out[e:e + 1] == " ":
            out = out[:e] + THIN + out[e + 1:]
    return out


THIN = "\u2009"


_LOOSE_INT = regex.compile(r"(?<![\d.,/%])(\d{1,3})(?![\d/%]|[.,]\d|\s*%|\s*/\s*\d)")

_RESULT_LED = regex.compile(rf"(?:{result_leads_garbled('percent')})\s*:?\s*$")
"""What introduces a stated result percent in legacy text: 'đạt' (garbled), 'tỷ lệ' or its wrapped
'lệ', '=', a bracket, 'ước'."""

CLOSE_ENOUGH = 10.0
"""How near (percentage points) a joined fraction must come to the row's stated percent when no reading
agrees with it (the report may state a wrong percent): and the fraction as it stands must be far off."""


def _mid_line_groups(text: str, raw: str, num_raw: str, num: int, den: int, loose: list[str], pcts: list[Percent],
                     agrees: Callable[[int, int], bool]) -> set[tuple[int, int]]:
    """A fraction's thousands group that a wrapped cell put in the middle of another line, beside
    other cells' words ('the: 4 268/11 hoan' / … / 'dat tren 924 nguoi', 'tuong ung 8 doanh' / …
    / 'len 172/24 493'): every bare number of one to three digits in the row's lines is a candidate
    group (three digits for the whole's last group). The joined reading the row's stated percent
    confirms is taken; when none agrees (the report may state a wrong percent), the one reading
    within :data:`CLOSE_ENOUGH` points of it, where the fraction as it stands is far from it (a part
    larger than its whole is never read as it stands)."""
    bare = [mm[1] for t in loose for mm in _LOOSE_INT.finditer(t.replace(raw, " " * len(raw)))]
    nums = [num] + ([int(h) * 1000 + num for h in bare] if len(num_raw) == 3 else [])
    dens = [den] + ([den * 1000 + int(t) for t in bare if len(t) == 3] if den < 1000 else [])
    joined = {(n, d) for n in nums for d in dens if (n, d) != (num, den) and 0 < n <= d}
    found = {(n, d) for n, d in joined if agrees(n, d)}
    if found or not pcts:
        return found

    def off(n: int, d: int) -> float:
        return min(abs(100 * n / d - p.value) for p in pcts)

    # only a percent written as a result ('đạt 34,7%', 'tỷ' / 'lệ 70,99 %', '= 65 %', '(65 %)'),
    # not a bare target cell's
    stated = [p for p in pcts if _RESULT_LED.search(fold_chars(text[max(0, p.start - 14):p.start]).lower())]
    if not stated:
        return set()
    pcts = stated
    near = {(n, d) for n, d in joined if off(n, d) <= CLOSE_ENOUGH}
    as_is = off(num, den) if 0 < num <= den else float("inf")
    return near if len(near) == 1 and as_is > 3 * CLOSE_ENOUGH else set()


def _title_text(lines: list[Line]) -> str:
    """The words of a row (every cell; the title is among them)."""
    return " ".join(" ".join(ln.cells) if ln.cells else ln.text for ln in lines)


def _title_ok(text: str, crit: Criterion) -> float:
    key = match_key(text)
    return max(fuzz.partial_ratio(k[:50], key) for k in crit.keys) if key else 0.0


_CELL_CODE = regex.compile(r"(\d{1,2})(?:\s*[.,]\s*(\d{1,2}))?\.?")


def _cell_code(cell: str) -> str | None:
    """'1.2' / '1.2.' / '12' → catalog-style code; anything else → None."""
    m = _CELL_CODE.fullmatch(cell.strip())
    if not m:
        return None
    return f"{int(m[1])}.{int(m[2])}" if m[2] else str(int(m[1]))


_TARGET_WORDS = regex.compile(r"(?:(?:đạt|tối thiểu|ít nhất)\s+)?(?:trên\s+)?\d{1,3}(?:[.,]\d{1,2})?\s*%", regex.I)


def _target_words(title: str) -> str | None:
    m = _TARGET_WORDS.search(title)
    return m.group(0) if m else None


_BARE_PAREN = regex.compile(r"\(\s*(\d{1,3}(?:,\d{1,2})?)\s*\)")


_WRAPPED_PERCENT = regex.compile(r"\s*(?:\S+\s+){0,3}?(?:=|\()\s*(\d{1,3}(?:,\d{1,2})?)(?![\d,/])")


def _percent_sign_lost(text: str, frac: Fraction, wrapped: bool = False) -> Percent | None:
    """'11123/28132 người (39,54)': OCR lost the '%', and the number in brackets after the fraction
    is its percent to the printed decimals. Taken only when it agrees with the fraction.

    ``wrapped``: a loose row whose percent cell wrapped, so its '%' (or closing bracket) stands on
    another line: '114/127 = 89,8 Không' / '% đạt', '163/163 (100 Hoàn' / '%) thôn'."""
    m = _BARE_PAREN.search(text, frac.end)
    if m is None and wrapped:
        m = _WRAPPED_PERCENT.match(text, frac.end)
    if m is None or frac.denominator == 0:
        return None
    value = float(m[1].replace(",", "."))
    decimals = len(m[1].split(",")[1]) if "," in m[1] else 0
    if abs(100 * frac.numerator / frac.denominator - value) > 0.5 * 10 ** -decimals + 1e-9:
        return None
    return Percent(value, m.start(), m.end(), m.group(0))


_LED_BARE = regex.compile(
    rf"(?:{result_leads_garbled('bare_decimal')})\s*:?\s*"
    r"(?<![\d.,/])(?P<val>\d{1,3}(?:,\d{1,2})?)(?![\d.,/%]|\s*%|\s*/)")


def _led_decimals(text: str) -> list[Percent]:
    """The bare numbers with decimals that a result word leads ('= 95,45', 'ty 1€ 79,9', '(89,6'): a
    percent cell whose '%' wrapped onto another line."""
    folded = fold_chars(text).lower()
    return [Percent(v, m.start("val"), m.end("val"), text[m.start("val"):m.end("val")])
            for m in _LED_BARE.finditer(folded)
            if "," in m["val"] and (v := parse_decimal(m["val"])) is not None and v <= 100]


def _percent_cell_wrapped(text: str, frac: Fraction | None, skip: list[tuple[int, int]]) -> Percent | None:
    """A loose row's percent cell that wrapped, its number on one line and its '%' on another, other
    cells' words between ('(89,6' … '%)', 'đạt tỷ lệ 85,1 Hoàn' / '% thành'): a bare number in
    brackets or after a result word ('đạt', garbled 'day', 'tỷ lệ' or 'ty 1€', '='). With a fraction it must be
    what the fraction gives to its printed decimals; without one it must have decimals, be the only
    such number, and the row must hold a '%' that stands alone."""
    folded = fold_chars(text).lower()
    cands = []
    for m in _LED_BARE.finditer(folded):
        if any(a <= m.start("val") < b for a, b in skip):
            continue
        v = parse_decimal(m["val"])
        if v is None or v > 100:
            continue
        cands.append(Percent(v, m.start("val"), m.end("val"), text[m.start("val"):m.end("val")]))
    if frac is not None:
        return next((p for p in cands if agrees(frac, p)), None)
    decimal = [p for p in cands if "," in p.raw]
    lone = [m for m in regex.finditer(r"(?<!\d)(?<!\d )%", text)]
    return decimal[0] if len(decimal) == 1 and lone else None


def _lost_decimal_comma(target: Target, raw: str, catalog: Target | None) -> bool:
    """An OCR'd target that is the catalog's decimal target without its comma (9,6 % read "96%")."""
    if catalog is None or catalog.value == int(catalog.value) or target.unit != catalog.unit:
        return False
    return not regex.search(r"\d[.,]\d", raw) and abs(target.value - 10 * catalog.value) < 1e-9


_BARE_NUMBER = regex.compile(r"(?<![\d.,/])\d+(?:[.,]\d+)?(?!\s*[%/\d]|[.,]\d)")


def _with_unit(cell: str, unit: str) -> str:
    """A target or result cell whose unit stands in a unit column of its own (ĐVT '%': 'Trên 80',
    'Từ 100 trở lên'; ĐVT 'giờ': 'đạt 18,4'): the unit written after each bare number, so the cell
    reads as if it carried it. Cells with a fraction, a percent or the unit already are left as they are."""
    unit = " ".join(unit.split())
    if not cell.strip() or not unit or len(unit) > 30 or regex.search(r"[%/]", cell) or not regex.search(r"\d", cell):
        return cell
    if fold_chars(unit).lower() in fold_chars(cell).lower() or parse_verdict(unit) is not None:
        return cell
    if not regex.search(r"%|\p{L}", unit):
        return cell
    return _BARE_NUMBER.sub(lambda m: f"{m.group(0)} {unit}", cell)


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


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


def _roman(code: str) -> str | None:
    n = _ROMAN.get(code.upper())
    return str(n) if n else None


def stt_candidates(n: int, fw: Framework, group: str | None, shifted: bool = False) -> list[str]:
    """The criteria a row numbered ``n`` in an STT column may be: the code ``n`` itself (integer
    codes), the ``n``-th of the current group (numbering restarts per group), the ``n``-th of the
    whole set (numbering runs across groups). The row's title decides among them.

    ``shifted``: then, last, the criteria a report that leaves one or two criteria out numbers ``n``
    (the ``n+1``-th and ``n+2``-th of the group and of the set: its own numbers run on without them). For a
    caller's second try only, when no unshifted candidate reads like the row: offered beside the unshifted
    ones, a legacy row's neighbouring titles make the shifted ones win (measured: wide split, legacy text
    field accuracy 88.6 → 86.1 %)."""
    out: list[str] = []
    if str(n) in fw.by_code:
        out.append(str(n))
    g = next((x for x in fw.groups if x.code == group), None)
    for k in (0, 1, 2) if shifted else (0,):
        if g is not None and 0 < n + k <= len(g.criteria):
            out.append(g.criteria[n + k - 1].code)
        if 0 < n + k <= len(fw.criteria):
            out.append(fw.criteria[n + k - 1].code)
    return list(dict.fromkeys(out))
