"""The contract's checks, one small function each: record (+ framework) → findings.

Percent consistency is judged against the rounding of the written percent: half a unit
of its last decimal (99,7 % covers 99,65–99,75). Where a finding has a likely cause —
numerator and denominator swapped, digits transposed, a decimal slip, a percent written
against another fraction of the same criterion — the message names it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex
from rapidfuzz import fuzz

from audit.finding import Finding
from extractors.catalog import Framework, Target
from extractors.criteria import SCRAMBLED
from extractors.measure import is_deadline_year
from extractors.numbers import decimals_of, find_fractions, find_percents, format_vn, percent_tolerance
from extractors.record import CriterionRecord, Measure, ReportRecord
from extractors.verdicts import Tally, find_tallies, find_verdicts, verdict_fragments
from extractors.vocab import fold_form, has_diacritics, note_count_rx, regex_forms, tally_nouns, vocabulary
from ingest.normalize import fold_case, fold_chars, match_key

LABEL = vocabulary().labels


def computed_percent(c: CriterionRecord) -> float | None:
    if c.numerator is None or not c.denominator:
        return None
    return c.numerator / c.denominator * 100


def percent_consistent(c: CriterionRecord) -> bool | None:
    comp = computed_percent(c)
    if comp is None or c.reported_percent is None:
        return None
    return abs(comp - c.reported_percent) <= percent_tolerance(c.percent_raw)


def _transpositions(n: int) -> Iterator[int]:
    s = str(n)
    for i in range(len(s) - 1):
        if s[i] != s[i + 1]:
            t = s[:i] + s[i + 1] + s[i] + s[i + 2:]
            if not t.startswith("0"):
                yield int(t)


def _agreeing_reading(n: int, d: int, percent: float, tol: float, variants: Callable[[int], Iterator[int]],
                      proper: bool = False) -> tuple[int, int] | None:
    """The first other reading of x (then of y) whose ratio agrees with the stated percent.

    ``proper`` keeps only readings with x ≤ y (an OCR repair should not create a new error).
    """
    for t in variants(n):
        if (not proper or t <= d) and abs(t / d * 100 - percent) <= tol:
            return t, d
    for t in variants(d):
        if t and (not proper or n <= t) and abs(n / t * 100 - percent) <= tol:
            return n, t
    return None


def likely_cause(c: CriterionRecord) -> tuple[str, str] | None:
    """Why a stated percent may differ from x/y: (stable key, Vietnamese explanation)."""
    rp, n, d = c.reported_percent, c.numerator, c.denominator
    if rp is None or n is None or not d:
        return None
    tol = percent_tolerance(c.percent_raw)
    if n and abs(d / n * 100 - rp) <= tol:
        return "swapped", f"tử số và mẫu số bị đảo chỗ: {d}/{n} = {format_vn(d / n * 100)} %"
    hit = _agreeing_reading(n, d, rp, tol, _transpositions)
    if hit:
        return "transposed", f"hai chữ số bị đảo: {hit[0]}/{hit[1]} = {format_vn(hit[0] / hit[1] * 100)} %"
    comp = n / d * 100
    for f in (10, 0.1, 100, 0.01):
        if abs(comp * f - rp) <= tol * max(1, f):
            written = format_vn(rp, decimals_of(c.percent_raw or ""))
            return "decimal_slip", f"nhầm dấu thập phân: {format_vn(comp)} % ghi thành {written} %"
    for m in c.measures:
        if m.numerator is not None and m.denominator and (m.numerator, m.denominator) != (n, d):
            if abs(m.numerator / m.denominator * 100 - rp) <= tol:
                return "other_fraction", (f"tỷ lệ ghi theo một phân số khác của tiêu chí: {m.raw} = "
                                          f"{format_vn(m.numerator / m.denominator * 100)} %")
    return None


def _one_digit_variants(n: int) -> Iterator[int]:
    """Readings of ``n`` one OCR slip away: a digit changed, dropped or a stray one added in front."""
    s = str(n)
    for i in range(len(s)):
        for d in "0123456789":
            if d != s[i]:
                t = s[:i] + d + s[i + 1:]
                if not (t.startswith("0") and len(t) > 1):
                    yield int(t)
        t = s[:i] + s[i + 1:]
        if t and not (t.startswith("0") and len(t) > 1):
            yield int(t)


def ocr_misread(c: CriterionRecord) -> str | None:
    """A one-digit misreading of x, y or the percent that makes x/y and the stated percent agree."""
    rp, n, d = c.reported_percent, c.numerator, c.denominator
    if rp is None or n is None or not d:
        return None
    tol = percent_tolerance(c.percent_raw)
    hit = _agreeing_reading(n, d, rp, tol, _one_digit_variants, proper=True)
    if hit:
        was = n if hit[0] != n else d
        now = hit[0] if hit[0] != n else hit[1]
        return f"{was} có thể là {now} bị OCR đọc nhầm ({hit[0]}/{hit[1]} = {format_vn(hit[0] / hit[1] * 100)} %)"
    comp = n / d * 100
    dec = decimals_of(c.percent_raw or "")
    written = f"{rp:.{dec}f}".replace(".", "")
    for t in _one_digit_variants(int(written)):
        v = t / 10**dec
        if abs(comp - v) <= tol:
            return f"tỷ lệ {format_vn(rp, dec)} % có thể là {format_vn(v, dec)} % bị OCR đọc nhầm"
    return None


_LINK_WORD = (r"(?:" + vocabulary().dat_word + r"|dat|t[iy]\s*[l1i|][^\s\d]?|t[uw][a-z&]{0,2}ng\s+[uú]ng|bang|chiem|la|voi)")
"""'đạt', 'tỷ lệ', 'tương ứng', … as legacy OCR also writes them ('day ty 1€', 'tu&ng ung')."""
_GAP_WORD = r"[^\W\d_](?:[^\W_]|&)*"
"""A word between x/y and its percent as legacy OCR may write it: a letter, then letters, digits or '&' ('h6 so'
of 'hồ sơ', 'kêt qu3' of 'kết quả', 'S6 lieu' of 'Số liệu'): a word still, not a number."""
_LINK_AFTER = regex.compile(
    rf"\s*(?:{_GAP_WORD}[\s,]*){{0,15}}?(?:[=(:,;–-][\s=(:,;–-]*(?:{_LINK_WORD}\s*[:=]?\s*){{0,3}}"
    rf"|(?:{_LINK_WORD}\s*[:=]?\s*){{1,3}})\(?\s*"
    rf"|\s*=\s*(?:{_GAP_WORD}[\s,.;]*){{1,15}}?")
"""What may stand between x/y and the percent stated for it: '= ', ' (', ' hồ sơ, đạt tỷ lệ ',
' hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến ('; and an '=' written right after x/y
with only words (another cell's wrapped lines, no number) before the percent ('3 808/3 725 = thông suốt …
100 %': the cell's 'x/y = p %' wrapped)."""
_PAREN_NEAR = 80
"""'56.586/125.608 … người (48,09%)': a parenthesized percent this close after x/y, with no other
fraction between, is x/y's even where a table's wrapped cells put other words between."""
_LINK_BEFORE = regex.compile(
    rf"(?=.*?[,;:()]|.*?(?:c[uw]\s+th[e€é]|trong do|gom|{_LINK_WORD}))"  # a mark or a word must tie them
    rf"\s*\)?\s*[,;:(]?\s*(?:(?:c[uw]\s+th[e€é]|trong do|gom|{_LINK_WORD})\s*[:,]?\s*){{0,2}}\(?\s*(?:[^\W\d]+\s*){{0,3}}:?\s*")
"""What may stand between a percent and the x/y it was computed from: ' (', '; cụ thể: ', ', tương ứng '."""


def percent_linked(c: CriterionRecord) -> bool | None:
    """Whether the text ties the percent to the fraction ('x/y = p%', 'x/y hồ sơ, đạt tỷ lệ p%',
    'đạt p% (x/y)', 'tỷ lệ p%; cụ thể: x/y'); None when the record has no raw texts. A percent or
    fraction the evidence does not show as read (a number and a '%' far apart, a whole pieced from
    groups apart) is tied to nothing.
    Legacy OCR of a table runs its cells together: a percent merely near a fraction may be the
    target or another row's."""
    if not c.fraction_raw or not c.percent_raw:
        return None
    if any(m.numerator == c.numerator and m.denominator == c.denominator and m.percent == c.reported_percent
           and m.percent is not None for m in c.measures):
        # a table row's part / whole columns and its result cell ('10 | 25 | 36,9%'): the table reader tied them
        # by the columns' roles, one measure of three numbers; no text between them to show it
        return True
    ev = fold_chars(" ".join(c.evidence.split()))
    fr, pr = fold_chars(" ".join(c.fraction_raw.split())), fold_chars(" ".join(c.percent_raw.split()))
    fpos = [m.start() for m in regex.finditer(regex.escape(fr), ev)]
    if not fpos:
        fr, fpos = _cut_fraction(c, ev)
    # a percent right after a target word ('Từ 100 % thôn: 7/8', '(mục tiêu 90%)') is the target, not a result
    ppos = [m.start() for m in regex.finditer(regex.escape(pr), ev) if not _TARGET_BEFORE.search(ev[:m.start()])]
    if fpos and _paren_cut(ev, fr, fpos, pr):
        return True
    if not fpos or not ppos:
        return False  # the text does not show the two as read (pieced from groups apart): nothing ties them
    if _lone_pair(c, ev, pr) or _equals_after(c, ev, fr, fpos, ppos):
        return True
    for f in fpos:
        for p in ppos:
            if p >= f + len(fr) and _LINK_AFTER.fullmatch(ev, f + len(fr), p):
                return True
            if f + len(fr) <= p <= f + len(fr) + _PAREN_NEAR and ev[:p].rstrip().endswith("(") \
                    and not regex.search(r"\d\s*/\s*\d", ev[f + len(fr):p]) and not _result_between(ev, f + len(fr), p):
                return True
            if f >= p + len(pr) and _LINK_BEFORE.fullmatch(ev, p + len(pr), f):
                return True
    return False


def _paren_cut(ev: str, fr: str, fpos: list[int], pr: str) -> bool:
    """The percent's number opens a parenthesis right after x/y and its '%' closes it further on, a wrapped cell's
    lines between ('41/40 (70,00 hô so benh an … %)' of '41/40 (70,00 %) cơ sở'): the report's 'x/y (p %)'."""
    num = pr.rstrip("% ").strip()
    if not num or not regex.fullmatch(r"\d+(?:[.,]\d+)?", num):
        return False
    at = rf"\s*\(\s*{regex.escape(num)}(?![\d]|[.,]\d)(?P<rest>[^()%]*)%\s*\)"
    for f in fpos:
        m = regex.match(at, ev, pos=f + len(fr))
        # (no other number in between, but a date of a deadline cell: 'Quý III/2024', 'tháng 12/2024')
        if m and not regex.search(r"\d", _DATE_WORD.sub(" ", m["rest"])):
            return True
    return False


_DATE_WORD = regex.compile(r"(?<![\w/])(?:[ivxIVX]{1,4}|\d{1,2})/(?:19|20)\d{2}(?![\w/])")
"""A quarter or month with its year ('III/2024', '12/2024'): a deadline cell's date, no number of a result."""


def _equals_after(c: CriterionRecord, ev: str, fr: str, fpos: list[int], ppos: list[int]) -> bool:
    """On text whose cells ran together, a percent written after '=' ('= 97.4%') after x/y, where x/y is the only
    fraction of the block and no other percent stands between them ('195/192 thii tuc Dat yeu … 12/2024 len =
    97.4%' of the cell '195/192 thủ tục = 97.4%' wrapped among the others): the '=' states a ratio, and the one
    ratio of the row is x/y."""
    if not _unsure_text(c) or len(find_fractions(ev)) != 1:
        return False
    targets = [t.value for t in (c.target, c.catalog_target) if t is not None]
    for f in fpos:
        for p in ppos:
            if p > f + len(fr) and ev[:p].rstrip().endswith("=") and _bare_between(ev[f + len(fr):p], targets):
                return True
    return False


def _result_between(ev: str, start: int, end: int) -> bool:
    """A percent between x/y and a parenthesized percent that is no target ('12.960/12.960 hoan 100% can bo …
    (89,6%)': another cell's result, so the parenthesis may be a third's); a target's ('… trên 30% người
    (48,09%)') is the title's and leaves the two tied."""
    return any(not _TARGET_BEFORE.search(ev[:start + q.start]) for q in find_percents(ev[start:end], loose=True))


def _cut_fraction(c: CriterionRecord, ev: str) -> tuple[str, list[int]]:
    """Where the text writes x/y when its first digits were cut onto another line ('8 … 172/24 493' read
    8172/24493): a fraction of the evidence with y itself and x ending in the digits it shows. A fraction
    the text does not show (a whole pieced from groups apart, '569/210 … 403') has no place."""
    out: list[int] = []
    raw = ""
    for f in find_fractions(ev):
        if f.denominator == c.denominator and c.numerator is not None and f.numerator != c.numerator \
                and str(c.numerator).endswith(str(f.numerator)):
            raw = fold_chars(" ".join(f.raw.split()))
            out.append(f.start)
    return raw, out


def _target_words() -> str:
    """The target words and cues of the vocabulary, folded, as legacy OCR also writes them; not the op
    words a result also uses ('đạt', 'bằng', '=': 'đạt 85 %' is a result)."""
    voc = vocabulary()
    result = {fold_form(w[0]) for w in voc.raw["result_cues"]} | {"bang", "="}
    words = [o for o, _ in voc.target_ops if o not in result] + [c for c, _ in voc.target_cues]
    forms = sorted({regex.escape(w) for w in words}, key=len, reverse=True)
    # (the garbled cues of both lists measure._lead_rx reads: 'myc tieu', 'chi tieu cle ra la', 'phan dau day')
    garbled = [g[0] for key in ("target_ops_garbled", "target_cues_garbled", "target_cues_garbled_more")
               for g in voc.raw[key]]
    return "|".join(forms + garbled)


_TARGET_BEFORE = regex.compile(rf"(?<![^\W\d])(?:{_target_words()})(?:\s+(?:(?:de|cle)\s+ra|duoc\s+giao|giao|nam\s+\d{{4}}))?"
                            rf"(?:\s+la)?\s*[:(]?\s*$")
"""A target word or cue just before a percent ('từ 100 %', 'mục tiêu: 85%', '≥ 90 %', 'chỉ tiêu đề ra là 75 %'):
that percent is a target."""


_RATE_CUE = regex.compile(rf"(?:{vocabulary().rate_cues_garbled})\s*[:=]?\s*$")
"""'tỷ lệ' or 'đạt' just before a percent of folded text ('ty lé 89,8 %', 'dat 33,93 %'), as legacy OCR writes
them: the vocabulary's ``rate_cues_garbled``."""


def _lone_pair(c: CriterionRecord, ev: str, pr: str) -> bool:
    """A table row of legacy text whose cells ran together ('ty lé 89,8 %; cu … the: doanh 26015/28150 ho'),
    holding one fraction and one percent besides its target, the percent cued as a rate ('tỷ lệ', 'đạt'),
    and a verdict read as one word: the row's wrapped result cell is that fraction with its percent."""
    if not _unsure_text(c) or pieced(c) or c.reported_verdict is None:
        return False
    targets = [t.value for t in (c.target, c.catalog_target) if t is not None and t.unit == "%"]
    fracs = find_fractions(c.evidence)
    # (not the row's number before its unit cell: '3.4 %' of '3.4 | % | > 70 %')
    pcts = [p for p in find_percents(c.evidence, loose=True) if not any(abs(p.value - t) < 1e-9 for t in targets)
            and p.raw.rstrip("% ").strip() != c.code]
    if len(fracs) != 1 or len(pcts) != 1 or fold_chars(" ".join(pcts[0].raw.split())) != pr:
        return False
    at = ev.find(pr)
    if at > 0 and _RATE_CUE.search(ev[:at]):
        return True
    # below, the fraction's result cell wrapped among the other cells' lines: x/y before p, and no number between
    # them but a target's, a year or a lone digit of a garbled word (another number may be another row's result)
    fr = fold_chars(" ".join(fracs[0].raw.split()))
    fat = ev.find(fr)
    if fat < 0 or at < fat + len(fr) or not _bare_between(ev[fat + len(fr):at], targets + [t.value for t in (
            c.target, c.catalog_target) if t is not None]):
        return False
    # 'đạt tỷ lệ' elsewhere in the row than its title ('… nguoi, dat ty 1€ kham chua … trên 30% 29,8%': the result
    # cell 'x/y người, đạt tỷ lệ p%' wrapped among the title's lines): the row states its fraction as a rate
    if len(_RATE_PHRASE.findall(ev)) > len(_RATE_PHRASE.findall(fold_chars(" ".join(c.title.split())))):
        return True
    # the result cell's marks stand at its two ends: the percent opens with '=' or '(' ('… ban = 82%',
    # '(92.64%)'), or the fraction is followed by one ('3819/3968 ho = … 94%', '5.022/4.996, ty … le 93,19%')
    return ev[:at].rstrip().endswith(("=", "(")) or bool(_MARK_AFTER.match(ev, fat + len(fr)))


def _bare_between(seg: str, targets: list[float]) -> bool:
    """No number in ``seg`` but a target's value ('trên 30%', a target cell '90'; not after a result's words:
    'hoan 100%' is a result), a year or a deadline's date ('2024', 'III/2024') or a lone digit inside garbled words
    ('van 8 duoc', 'ty 1€')."""
    seg = _DATE_WORD.sub(" ", seg)
    for m in regex.finditer(r"\d+(?:[.,]\d+)*", seg):
        num = m[0]
        value = float(num.replace(".", "").replace(",", ".")) if regex.fullmatch(r"\d+(?:\.\d{3})+", num) \
            else float(num.replace(",", "."))
        if len(num) == 1 or regex.fullmatch(r"(?:19|20)\d{2}", num):
            continue
        if any(abs(value - t) < 1e-9 for t in targets) and not _RESULT_WORD_BEFORE.search(seg[:m.start()]):
            continue
        return False
    return True


_RESULT_WORDS = sorted([regex.escape(fold_form(w[0])) for key in ("result_cues", "result_words_before_number")
                        for w in vocabulary().raw[key]] + [vocabulary().rate_cues_garbled], key=len, reverse=True)
_RESULT_WORD_BEFORE = regex.compile(rf"(?<![a-z])(?:{'|'.join(_RESULT_WORDS)})\s*[:=]?\s*$")
"""A result's words just before a number, folded (the vocabulary's ``result_cues``, ``result_words_before_number``
and ``rate_cues_garbled``): 'hoan 100%', 'dat 85 %', 'ty le 90%'."""


_MARK_AFTER = regex.compile(rf"\s*(?:{_GAP_WORD}\s*){{0,2}}?(?:=|\(|,\s*t[iy](?![a-z]))")
"""What opens a result's percent right after its fraction, a unit's words between ('ho =', ' (', ', ty')."""


_RATE_PHRASE = regex.compile(rf"(?<![a-z])(?:{regex_forms(vocabulary().raw['rate_phrase_garbled'])})(?![a-z])")
"""'đạt tỷ lệ' as legacy OCR writes it, folded (the vocabulary's ``rate_phrase_garbled``)."""


def _percent_follows(c: CriterionRecord) -> bool:
    """The percent is written right after the fraction ('28/27 (đạt 100%)', 'x/y = p%'): the report's own."""
    ev = fold_chars(" ".join(c.evidence.split()))
    fr, pr = fold_chars(" ".join((c.fraction_raw or "").split())), fold_chars(" ".join((c.percent_raw or "").split()))
    if not fr or not pr:
        return False
    return any(_LINK_AFTER.fullmatch(ev, f.end(), p.start())
               for f in regex.finditer(regex.escape(fr), ev) for p in regex.finditer(regex.escape(pr), ev)
               if p.start() >= f.end())


FRACTION_NOTE, PERCENT_NOTE, TARGET_CELL = "trọn phân số", "tỷ lệ của phân số", "trùng với"
"""Words of the notes on a criterion's numbers: a fraction whose digits may be cut over lines, a percent
that may be the row's own target cell."""


def numbers_note(f: Finding) -> bool:
    """A ``not_read`` note on how a row's own numbers are written (a fraction cut over lines, the percent
    beside it equal to the row's target): it leaves the verdict the row states as read. A percent near the
    fraction that is neither (another row's, on text whose cells ran together) does not."""
    lead = "tieuchi không đọc được "
    return f.check == "not_read" and (f.message.startswith(f"{lead}{FRACTION_NOTE} ") or (
        f.message.startswith(f"{lead}{PERCENT_NOTE} ") and f" {TARGET_CELL} chỉ tiêu" in f.message))


def result_word_verdict(c: CriterionRecord) -> bool:
    """A verdict read from a lower-case word that the evidence also shows before a number ('đạt 0,7 %',
    'day 100%' on legacy text whose cells ran together): that word is a result's 'đạt', and the one read
    as the verdict may be it, not a verdict the row states."""
    raw = " ".join((c.verdict_raw or "").split())
    if c.reported_verdict is None or not raw or "…" in raw or raw != raw.lower():
        return False
    if any(_before_number(raw, c.evidence)):
        return True
    # a result's words between the word and its number ('đạt mức 1,1 giờ', legacy 'dat múc 1,1'): the word is a
    # result's where the text writes it only so (a 'Đã đạt' standing apart may be the verdict read)
    uses = _before_number(raw, c.evidence, worded=True)
    return bool(uses) and all(uses)


def cell_bears_out(c: CriterionRecord) -> bool:
    """The capitalised verdict fragments of a row's text ('Hoan' … 'thanh' of a wrapped verdict cell) are
    all of the pass or fail the verdict read says, and there is at least one: whether the word read was a
    result's 'đạt' or the verdict, the row's verdict cell says the same."""
    # (a capitalised verdict word counts where the word read could be a verdict at all: not 'Trên đây là …')
    words = verdict_fragments(c.evidence) + (capitalised_verdicts(c.evidence) if _read_word_may_be_verdict(c) else [])
    kinds = {k in ("dat", "vuot") for k, _ in words}
    return c.reported_verdict is not None and kinds == {c.reported_verdict in ("dat", "vuot")}


def _read_word_may_be_verdict(c: CriterionRecord) -> bool:
    """The verdict word read stands somewhere in the text other than before 'là' ('Trên đây là báo cáo …': đây)."""
    raw = " ".join((c.verdict_raw or "").split("…")[-1].split())
    if not raw:
        return False
    ev = " ".join(c.evidence.split())
    folded = fold_chars(ev)
    spots = [m.end() for m in regex.finditer(rf"(?<!\w){regex.escape(raw)}(?!\w)", ev)]
    return any(not _NOT_VERDICT_AFTER.match(folded, e) for e in spots)


def check_percent(c: CriterionRecord) -> list[Finding]:
    if percent_consistent(c) is not False:
        return []
    if _fraction_is_tally(c):
        return [_tally_note(c)]
    if (whole := rejoined(c)) is not None:
        return [_rejoined_note(c, whole)]
    if part_glued_to_letter(c):
        return [_glued_letter_note(c)]
    if _unsure_text(c) and _target_glued(c):
        return [_glued_note(c)]
    if _unsure_text(c) and regex.fullmatch(r"0\d{2}", " ".join((c.fraction_raw or "").split()).split("/")[0].strip()):
        # a part that lost its first thousands group ('048/15 649' of '15 048/15 649' wrapped): x/y is not read whole
        return [not_read(c.code, f"{FRACTION_NOTE} {c.fraction_raw} (văn bản không dấu: nhóm nghìn đầu của tử số nằm ở "
                         "dòng khác)", c.page)]
    if c.numerator is not None and c.denominator is not None and c.numerator > c.denominator and _maybe_cut(c) \
            and not _target_before_part(c):
        # the fraction itself is not read whole (check_ratio's note): no x/y to hold the percent against
        return [not_read(c.code, f"{FRACTION_NOTE} {c.fraction_raw} (văn bản không dấu: một phần chữ số có thể nằm ở "
                         "dòng khác)", c.page)]
    if _percent_is_target_read(c):
        return [not_read(c.code, f"{PERCENT_NOTE} {c.fraction_raw} (số {c.percent_raw} ghi một lần, {TARGET_CELL} "
                         "chỉ tiêu đọc được: một số không thể vừa là ô chỉ tiêu vừa là kết quả)", c.page)]
    if _percent_is_target(c):
        return [not_read(c.code, f"{PERCENT_NOTE} {c.fraction_raw} (số {c.percent_raw} ghi gần đó {TARGET_CELL} "
                         "chỉ tiêu: có thể là ô chỉ tiêu)", c.page)]
    if percent_linked(c) is False:
        return [not_read(c.code, f"{PERCENT_NOTE} {c.fraction_raw} (gần đó ghi {c.percent_raw}, "
                         "không rõ thuộc phân số này)", c.page)]
    comp = computed_percent(c)
    assert comp is not None and c.reported_percent is not None
    t = c.target
    if _unsure_text(c) and c.catalog_target is None and t is not None and t.unit == "%" \
            and 1e-9 < abs(t.value - comp) <= percent_tolerance(c.target_raw) and abs(t.value - c.reported_percent) > 1e-9:
        # without a catalog, the 'target' read agrees with x/y and the percent read does not ('Toi thieu 77 % …
        # 70 % (3.649/4.725)' of a target cell 70 % and a result 77 % wrapped): the two may be read the wrong way round
        # (not an x/y exactly at a round target, 'Ít nhất 100%' of 31448/31448: no sign of cells read swapped)
        return [not_read(c.code, f"{PERCENT_NOTE} {c.fraction_raw} (số {c.target_raw} đọc làm chỉ tiêu khớp với phân số: "
                         "chỉ tiêu và kết quả có thể bị đọc lẫn)", c.page)]
    if _unsure_text(c) and (stated := _equals_number(c, comp)):
        # '2/586 = 0,34' with its '%' wrapped onto another line: the report states the fraction's own ratio
        return [not_read(c.code, f"{PERCENT_NOTE} {c.fraction_raw} (ghi '= {stated}' ngay sau phân số, khớp với phân số: "
                         f"{c.percent_raw} có thể của ô khác)", c.page)]
    agreeing = _agreeing_percent(c, comp)
    if agreeing:
        return [not_read(c.code, f"{PERCENT_NOTE} {c.fraction_raw} (đoạn văn ghi cả {agreeing}, khớp với phân số)",
                         c.page)]
    cause = likely_cause(c)
    if cause and cause[0] == "other_fraction" and _unsure_text(c) and not _percent_follows(c):
        # on legacy or OCR text the fraction taken for the criterion's may be the wrong one of its block
        # ('Kết quả chung: đạt 35/43' beside '72/89 = 80,90 %'): the percent is the other's
        return [not_read(c.code, f"{PERCENT_NOTE} {c.fraction_raw} ({cause[1]})", c.page)]
    msg = (f"{c.numerator}/{c.denominator} = {format_vn(comp)} %, báo cáo ghi "
           f"{format_vn(c.reported_percent, decimals_of(c.percent_raw or ''))} %")
    if cause:
        msg += f" (nguyên nhân có thể: {cause[1]})"
    return [Finding(check="percent_mismatch", code=c.code, message=msg, cause=cause[1] if cause else None,
                    cause_kind=cause[0] if cause else None, page=c.page)]


def _percent_is_target_read(c: CriterionRecord) -> bool:
    """The percent read is the target read from the row ('… giai 85% the: 931/1 424', target '85%' and result '85%'),
    and the row writes that number once: one number cannot be both the target cell and the result, and the tool
    cannot tell which it is (the row's own result percent, lost in the reading, may be another)."""
    t, rp = c.target, c.reported_percent
    if t is None or rp is None or t.unit != "%" or abs(t.value - rp) > 1e-9 or not c.target_raw:
        return False
    return _written_once(c.evidence, rp)


def _percent_is_target(c: CriterionRecord) -> bool:
    """On text whose reading is unsure (legacy text without diacritics, OCR), a stated percent equal to
    the criterion's target (as read, or the catalog's) may be the target cell of a row whose cells ran
    together, unless the text ties it to the fraction: no evidence against the fraction."""
    if c.reported_percent is None or not _unsure_text(c) or percent_linked(c):
        return False  # 'đạt tỷ lệ 100%' after its fraction is the fraction's percent, target or not
    return any(t is not None and t.unit == "%" and abs(t.value - c.reported_percent) < 1e-9
               for t in (c.target, c.catalog_target))


def _equals_number(c: CriterionRecord, comp: float) -> str | None:
    """A number written after '=' right after x/y ('2/586 = 0,34', its '%' wrapped away) that agrees with x/y
    within the rounding of how it is written; None where the block has none."""
    fr = " ".join((c.fraction_raw or "").split())
    if not fr:
        return None
    ev = " ".join(c.evidence.split())
    for m in regex.finditer(rf"{regex.escape(fr)}\s*=\s*(\d+(?:[.,]\d+)?)(?![\d/])", ev):
        raw = m.group(1)
        if abs(float(raw.replace(",", ".")) - comp) <= percent_tolerance(raw):
            return raw
    return None


def _agreeing_percent(c: CriterionRecord, comp: float) -> str | None:
    """Another percent of the criterion's own text that agrees with x/y: the report states the
    fraction's percent, and the one read beside it may be another cell's or measure's."""
    targets = [t.value for t in (c.target, c.catalog_target) if t is not None and t.unit == "%"]
    cat = c.catalog_target
    t = c.target
    # the target read may be the result read the wrong way round ('Tôi thieu 95,59 % … 100 % (1669/1746)' of a target
    # cell 'Tối thiểu' / '100 %' and a result cell '95,59 % (1669/1746)' wrapped into each other): where the percent
    # read is the catalog's target and the target read another, or, without a catalog, where the target read is
    # written with decimals ('Ít nhat 62,5%': a target is a round number, a computed x/y is not), a percent agreeing
    # with x/y is evidence even if it was read as the target
    if _unsure_text(c) and t is not None and t.unit == "%" and (
            (cat is not None and cat.unit == "%" and abs(t.value - cat.value) > 1e-9 and c.reported_percent is not None
             and abs(c.reported_percent - cat.value) < 1e-9)
            or (cat is None and abs(t.value - round(t.value)) > 1e-9)):
        targets = [cat.value] if cat is not None and cat.unit == "%" else []
    for p in find_percents(c.evidence, loose=_unsure_text(c)):
        if p.raw == c.percent_raw or any(abs(p.value - t) < 1e-9 for t in targets):
            continue  # the percent read, or a target written as a percent
        if abs(p.value - comp) <= percent_tolerance(p.raw):
            return p.raw
    return None


def check_ratio(c: CriterionRecord) -> list[Finding]:
    if c.numerator is None or c.denominator is None or c.numerator <= c.denominator or c.value is not None:
        return []
    msg = f"tử số {c.numerator} lớn hơn mẫu số {c.denominator} ({c.fraction_raw or ''})".replace(" ()", "")
    if _maybe_cut(c):
        return [not_read(c.code, f"{FRACTION_NOTE} {c.fraction_raw} (văn bản không dấu: một phần chữ số có thể nằm ở dòng khác)",
                         c.page)]
    if (whole := rejoined(c)) is not None:
        return [_rejoined_note(c, whole)]
    if part_glued_to_letter(c):
        return [_glued_letter_note(c)]
    if _unsure_text(c) and (pieced(c) or SCRAMBLED in c.notes):
        return [not_read(c.code, f"{FRACTION_NOTE} {c.fraction_raw} (các ô của bảng bị trộn lẫn: phân số có thể của "
                         "tiêu chí khác)", c.page)]
    if _unsure_text(c) and _target_glued(c):
        return [_glued_note(c)]
    if _group_after_op(c):
        return [not_read(c.code, f"{FRACTION_NOTE} {c.fraction_raw} (nhóm chữ số đầu của tử số đứng ngay sau dấu của "
                         "chỉ tiêu: có thể là giá trị chỉ tiêu, không phải phần nghìn của tử số)", c.page)]
    return [Finding(check="ratio_exceeds_whole", code=c.code, message=msg, page=c.page)]


_GROUPED_PART = regex.compile(r"^(\d{1,3})(?:[ \u00a0]\d{3})+\s*/")
_OP_BEFORE = regex.compile(r"(?:[≥≤<>]=?|=>|=<)\s*$")


def _group_after_op(c: CriterionRecord) -> bool:
    """A part grouped in thousands by a space whose first group stands right after a target's sign ('% ≥ 70
    351/49 032 hộ': a wrapped row put the target cell's '≥ 70' before the part's last digits '351', the '28'
    of 28 351 went to another line): that group is the target's value, so a part larger than its whole is no
    evidence against the report."""
    raw = " ".join((c.fraction_raw or "").split())
    if not _GROUPED_PART.match(raw):
        return False
    ev = " ".join(c.evidence.split())
    at = ev.find(raw)
    return at > 0 and _OP_BEFORE.search(ev, 0, at) is not None


_LONE_GROUP = regex.compile(r"(?<![\d.,/%])(\d{1,3})(?![\d%]|[.,/]\d|\s*%)")


def rejoined(c: CriterionRecord) -> str | None:
    """x/y as the row writes it when a table's wrapped cell cut a number over lines ('79,46% (1 Hoàn' / '431 trên 1'
    / '801 hộ)' read 431/1; '0.5% (5 tren 1' … '027 ho so' read 5/1): a reading that puts a lone group of digits the
    row shows before x (1 … 431 → 1431) or a lone group of three elsewhere in the row after y (1 … 027 → 1027), and
    agrees with the percent
    the row states (positive evidence that the number continues there). None when no such reading agrees."""
    n, d = c.numerator, c.denominator
    targets = [t.value for t in (c.target, c.catalog_target) if t is not None and t.unit == "%"]
    # the percents the row states: the one read, and every other of its measures that is no target ('79,46% (1 …
    # 431 trên 1 … 75% 801 hộ)' read with the target cell's 75 %)
    pairs = [(c.reported_percent, c.percent_raw)] + [(m.percent, m.raw) for m in c.measures if m.percent is not None
                                                     and not any(abs(m.percent - t) < 1e-9 for t in targets)]
    stated = [(p, raw) for p, raw in pairs if p is not None]
    if n is None or not d or not stated:
        return None
    ev = " ".join(c.evidence.split())
    at = ev.find(" ".join((c.fraction_raw or "").split())) if c.fraction_raw else -1
    if at < 0:
        return None
    end = at + len(" ".join((c.fraction_raw or "").split()))
    # (the part's lost digits stand before it, the whole's after it: never the fraction's own numbers)
    leads = [m[1] for m in _LONE_GROUP.finditer(ev, 0, at)]
    # (a wrapped cell's lines may come out of order in a legacy text table: the whole's last group may stand
    # before the fraction too, '… 097 ho so … 9 tren tông so 1 … (0,82%)')
    tails = [m[1] for m in _LONE_GROUP.finditer(ev, end)] + [m[1] for m in _LONE_GROUP.finditer(ev, 0, at)]
    parts = {n} | ({int(g + f"{n:03d}") for g in leads if g != "0"} if n < 1000 else set())
    wholes = {d} | {int(f"{d}{g}") for g in tails if len(g) == 3}
    for x in sorted(parts):
        for y in sorted(wholes):
            if (x, y) != (n, d) and x <= y and any(abs(x / y * 100 - p) <= percent_tolerance(raw) for p, raw in stated):
                return f"{x}/{y}"
    return None


def _maybe_cut(c: CriterionRecord) -> bool:
    """A part larger than its whole read from text without diacritics (a table's cells run together),
    where the whole is shorter than the part ('344/82' of '63 344/82 260') or digits stand just before
    the part: the rest of a wrapped value may be on another line."""
    if c.numerator is None or c.denominator is None or has_diacritics(c.evidence) or not c.fraction_raw:
        return False
    if len(str(c.denominator)) < len(str(c.numerator)):
        return True
    ev = " ".join(c.evidence.split())
    at = ev.find(" ".join(c.fraction_raw.split()))
    return at > 0 and bool(regex.search(r"(?<![\w.,/])\d{1,3}\s$", ev[:at]))


def _target_before_part(c: CriterionRecord) -> bool:
    """The digits just before a part larger than its whole are the row's target cell, after its op ('≥ 100 834/813
    (100%)'), and the whole is no shorter than the part: the part's digits are all there, the number before it is
    the target's."""
    if c.numerator is None or c.denominator is None or len(str(c.denominator)) < len(str(c.numerator)):
        return False
    ev = " ".join(c.evidence.split())
    at = ev.find(" ".join((c.fraction_raw or "").split()))
    m = regex.search(r"(?<![\w.,/])(\d{1,3})\s$", ev[:at]) if at > 0 else None
    if m is None:
        return False
    targets = [t.value for t in (c.target, c.catalog_target) if t is not None]
    return any(abs(int(m[1]) - t) < 1e-9 for t in targets) and bool(regex.search(r"[≥≤><]\s*$", ev[:m.start()]))


def _glued_letter_note(c: CriterionRecord) -> Finding:
    return not_read(c.code, f"{FRACTION_NOTE} {c.fraction_raw} (chữ số đầu dính liền một chữ cái: có thể là chữ bị lỗi "
                    "như 'số' đọc thành 's6')", c.page)


def _rejoined_note(c: CriterionRecord, whole: str) -> Finding:
    """The note for a fraction a wrapped cell cut over lines (:func:`rejoined`)."""
    return not_read(c.code, f"{FRACTION_NOTE} {c.fraction_raw} (ô bị xuống dòng giữa một số: đọc liền là {whole}, khớp với "
                    "tỷ lệ ghi trong dòng)", c.page)


def _glued_note(c: CriterionRecord) -> Finding:
    """The note for a fraction whose first thousands group may be the target cell (:func:`_target_glued`)."""
    return not_read(c.code, f"{FRACTION_NOTE} {c.fraction_raw} (nhóm chữ số đầu trùng với ô chỉ tiêu: có thể là "
                    "ô chỉ tiêu ghép vào tử số)", c.page)


def _target_glued(c: CriterionRecord) -> bool:
    """A part written with a space between thousands ('70 729/39 784') whose first group is the row's
    target ('70' of '≥ 70 %'): on text whose cells ran together, that group may be the target cell read
    onto a part whose own thousands are elsewhere."""
    raw = " ".join((c.fraction_raw or "").split())
    m = regex.match(r"(\d{1,3}) \d{3}(?: \d{3})*\s*/", raw)
    if not m:
        return False
    lead = int(m.group(1))
    return any(t is not None and abs(t.value - lead) < 1e-9 for t in (c.target, c.catalog_target))


def judged_value(c: CriterionRecord, target: Target) -> float | None:
    """The number the verdict should follow: the written percent when it agrees with x/y."""
    if target.unit != "%":
        if c.value is not None:
            return c.value if c.value_unit in (None, target.unit) else None
        return float(c.numerator) if c.numerator is not None else None
    if c.reported_percent is not None and percent_consistent(c) is not False:
        return c.reported_percent
    comp = computed_percent(c)
    return comp if comp is not None else c.reported_percent


def verdict_from(value: float, target: Target) -> str:
    if not target.passes(value):
        return "chua_dat"
    if abs(value - target.value) <= 1e-9:
        return "dat"
    return "vuot"


def computed_verdict(c: CriterionRecord) -> str | None:
    target = c.target or c.catalog_target
    if target is None:
        return None
    v = judged_value(c, target)
    return verdict_from(v, target) if v is not None else None


VERDICT_NOTE = "không đọc được kết luận"
"""What every note on a criterion's verdict (not its target or numbers) says: the verdict is unknown."""


def not_read(code: str | None, what: str, page: int | None = None) -> Finding:
    """A note blamed on the tool: something it could not find or read, never an error of the report."""
    return Finding(check="not_read", code=code, severity="info", message=f"tieuchi không đọc được {what}", page=page)


def check_verdict(c: CriterionRecord, measures: int = 1, targets: list[Target] | None = None) -> list[Finding]:
    """verdict_missing, or verdict_mismatch when the stated verdict contradicts the numbers.

    ``measures``: how many measures the catalog gives the criterion; ``targets``: their targets, the
    first measure's first. With several, which measure the record's numbers are is not certain (a
    wrapped cell can lose the first one's result): "Đạt" is contradicted only by numbers that fail
    every measure's target, and "Chưa đạt" only when every measure's result was read and passes."""
    if c.reported_verdict is None:
        if SCRAMBLED in c.notes:
            return [not_read(c.code, "kết luận của tiêu chí (các ô của bảng bị trộn lẫn trong văn bản không dấu)", c.page)]
        slot = (c.verdict_raw or "").strip()
        blank = c.ocr_conf is None and _bare_cue(slot) and _row_from_its_start(c)  # the label over an empty cell
        if slot and (c.ocr_conf is not None or regex.search(r"\p{L}", slot)) and not blank:
            # something stands where the verdict would be, and it is no verdict we know: our miss
            return [not_read(c.code, f"kết luận của tiêu chí (ghi {slot!r})", c.page)]
        if _unsure_text(c) and (frags := verdict_fragments(c.evidence)):
            # a capitalised half of a verdict cell stands in the row ('Khong' … 'dat 76,75%': the cell 'Không đạt'
            # wrapped, its 'đạt' run into the result): a verdict the tool could not place, not one the report omits
            return [not_read(c.code, f"kết luận của tiêu chí (chữ {frags[0][1]!r} của ô kết luận, phần còn lại không "
                             "đọc được)", c.page)]
        if _unsure_text(c) and (start := _verdict_start(c.evidence)):
            # the first words of a wrapped 'Đã hoàn thành' cell ('… It nhat 45 Da hoan', its 'thành' on a line of
            # the next block): a verdict the tool could not place, not one the report omits
            return [not_read(c.code, f"kết luận của tiêu chí (chữ {start!r} của ô kết luận, phần còn lại không đọc được)",
                             c.page)]
        if _heading_only(c):
            return [not_read(c.code, "kết luận của tiêu chí (đoạn đọc được chỉ có tiêu đề: phần kết quả không đọc được)",
                             c.page)]
        return [Finding(check="verdict_missing", code=c.code, severity="warning",
                        message="báo cáo không ghi kết luận (Đạt / Chưa đạt / Vượt chỉ tiêu) của tiêu chí", page=c.page)]
    target = c.target or c.catalog_target
    if target is None:
        return []
    v = judged_value(c, target)
    if v is None:
        return []
    stated = c.reported_verdict
    if _contradicts(stated, v, target) and c.value is None and c.numerator is not None and c.denominator is not None \
            and c.numerator > c.denominator and _maybe_cut(c):
        # the fraction is not read whole (check_ratio's note: '501 tren 28'): no result to judge the verdict by
        return [not_read(c.code, f"kết quả của tiêu chí để đối chiếu kết luận ({FRACTION_NOTE} {c.fraction_raw})",
                         c.page)]
    if _contradicts(stated, v, target) and c.value is None and c.numerator is not None and part_glued_to_letter(c):
        return [not_read(c.code, f"kết quả của tiêu chí để đối chiếu kết luận ({FRACTION_NOTE} {c.fraction_raw}: chữ số "
                         "đầu dính liền một chữ cái)", c.page)]
    if _contradicts(stated, v, target) and _fraction_is_tally(c):
        return [_tally_note(c)]
    if _contradicts(stated, v, target) and _judged_percent_is_a_target(c, v):
        return [not_read(c.code, f"kết quả của tiêu chí ({c.percent_raw} ghi sau chữ chỉ tiêu: là chỉ tiêu, không phải "
                         "kết quả)", c.page)]
    if not _contradicts(stated, v, target):
        return []
    if target.unit == "%" and c.numerator is not None and c.denominator is not None and c.numerator > c.denominator \
            and (c.reported_percent is None or not _contradicts(stated, c.reported_percent, target)):
        return []  # a part larger than its whole is no proportion to judge by (ratio_exceeds_whole says so)
    if target.unit == "%" and percent_consistent(c) is False and c.reported_percent is not None \
            and not _contradicts(stated, c.reported_percent, target):
        return []  # the verdict follows the written percent, x/y another (percent_mismatch says so)
    if measures > 1:
        others = [t for t in (targets or [])[1:] if t.unit == target.unit]
        if stated in ("dat", "vuot") and (len(others) < measures - 1
                                          or any(not _contradicts(stated, v, t) for t in others)) \
                and not _a_measure_contradicts(c, stated, [target, *others], measures):
            return [not_read(c.code, f"kết quả của từng chỉ tiêu con để đối chiếu kết luận ({format_vn(v)} "
                             f"đạt một chỉ tiêu con khác hoặc không rõ thuộc chỉ tiêu con nào)", c.page)]
        if stated == "chua_dat" and not _all_measures_pass(c, [target, *others], measures):
            return []
    if _unsure_text(c) and _judged_by_unsure_numbers(c, target):
        return [not_read(c.code, f"kết quả của tiêu chí để đối chiếu kết luận ({c.fraction_raw}: phân số có thể bị "
                         "cắt hoặc của một ô khác)", c.page)]
    if _pieced_verdict(c, v, target) and (pieced_from_a_sentence(c) or not cell_bears_out(c)
                                          or not (_tail_is_result(c) or _tail_ends_a_verdict(c))):
        return [not_read(c.code, f"kết luận của tiêu chí (chữ {c.verdict_raw!r} ghép từ các ô của bảng bị trộn lẫn)",
                         c.page)]
    if _unsure_text(c) and target.op in (">", "<") and abs(v - target.value) <= 1e-9 \
            and regex.search(r"[<>]", c.target_raw or ""):
        # on the boundary of a strict mark OCR confuses with the non-strict one ('≥100 %' read '>100 %')
        return [not_read(c.code, f"dấu của chỉ tiêu {c.target_raw!r} (kết quả đúng bằng chỉ tiêu)", c.page)]
    if (_unsure_text(c) and _other_target(c, v, target)) or _roles_swapped(c, v):
        return [not_read(c.code, f"chỉ tiêu của tiêu chí (đọc {target.label()}, bộ tiêu chí ghi "
                         f"{c.catalog_target.label() if c.catalog_target else '?'})", c.page)]
    if _unsure_text(c) and _percent_is_target_cell(c, v, target):
        return [not_read(c.code, f"kết quả của tiêu chí ({c.percent_raw} đọc làm kết quả đúng bằng chỉ tiêu, không có phân "
                         "số đi kèm: có thể là ô chỉ tiêu hoặc tỷ lệ trong tiêu đề)", c.page)]
    if c.target is None and not _unsure_text(c) and _value_is_target_cell(c, v, target) and _target_word_unread(c):
        return [not_read(c.code, f"kết quả của tiêu chí (số {format_vn(v, 0 if v == int(v) else 2)} đúng bằng chỉ tiêu của "
                         "bộ tiêu chí, chỉ ghi một lần, và dòng có chữ chỉ tiêu không đọc được: có thể là ô chỉ tiêu)", c.page)]
    if _unsure_text(c) and _value_is_target_cell(c, v, target):
        return [not_read(c.code, f"kết quả của tiêu chí (số {format_vn(v, 0 if v == int(v) else 2)} đọc làm kết quả "
                         "đúng bằng chỉ tiêu và chỉ ghi một lần: có thể là ô chỉ tiêu)", c.page)]
    if _unsure_text(c) and measures == 1 and _second_target(c, target):
        return [not_read(c.code, f"kết quả của tiêu chí để đối chiếu kết luận (đoạn có chỉ tiêu {_second_target(c, target)} "
                         "khác chỉ tiêu của tiêu chí: có thể gồm dòng của tiêu chí khác)", c.page)]
    if _unsure_text(c) and measures == 1 and (pair := _column_pair(c)) is not None \
            and not _contradicts(stated, pair[0] / pair[1] * 100, target):
        return [not_read(c.code, f"kết quả của tiêu chí để đối chiếu kết luận (số {pair[0]} và {pair[1]} ghi trước "
                         f"{c.percent_raw} có thể là tử số và mẫu số của dòng; theo đó kết luận đúng)", c.page)]
    if _unsure_text(c) and measures == 1 and _other_result_bears_out(c, target):
        return [not_read(c.code, f"kết quả của tiêu chí để đối chiếu kết luận ({c.fraction_raw or c.percent_raw}: "
                         "một kết quả khác trong đoạn khớp với kết luận)", c.page)]
    if c.target is None and target.unit != "%" and c.denominator is not None and c.denominator < target.value:
        # '21/21 xã' against the catalog's 300 xã: a target larger than the whole is not this report's
        return [not_read(c.code, f"chỉ tiêu của tiêu chí ({c.fraction_raw}; bộ tiêu chí ghi {target.label()})", c.page)]
    if _numbers_past_a_verdict(c):
        return [not_read(c.code, "kết quả của tiêu chí (số liệu đọc được nằm sau kết luận của tiêu chí: có thể của tiêu "
                         "chí sau, tiêu đề của nó không đọc được)", c.page)]
    if _unsure_text(c) and c.target is not None and c.catalog_target is not None \
            and c.target.unit != c.catalog_target.unit:
        return [not_read(c.code, f"chỉ tiêu của tiêu chí (đọc {c.target.label()}, bộ tiêu chí ghi "
                         f"{c.catalog_target.label()}: có thể của dòng khác)", c.page)]
    if _unsure_text(c) and c.target is not None and _target_is_code(c):
        return [not_read(c.code, f"chỉ tiêu của tiêu chí (số {c.code} đọc làm chỉ tiêu là số thứ tự của tiêu chí, "
                         f"ghi {c.target_raw!r})", c.page)]
    if _unsure_text(c) and c.target is not None and _letter_unit(c.target.unit):
        return [not_read(c.code, f"chỉ tiêu của tiêu chí (ghi {c.target_raw!r}: đơn vị {c.target.unit!r} là một chữ cái, "
                         "có thể là một từ bị lỗi như 'là' đọc thành '1a')", c.page)]
    if _unsure_text(c) and _value_is_note_count(c):
        return [not_read(c.code, f"kết quả của tiêu chí (số {c.value_raw!r} ghi sau chữ khảo sát của ô ghi chú: "
                         "là số phiếu, không phải kết quả)", c.page)]
    if _year_read_as_value(c, v):
        return [not_read(c.code, f"kết quả của tiêu chí (số {int(v)} là một năm, không phải kết quả)", c.page)]
    if _verdicts_disagree(c):
        return [not_read(c.code, "kết luận của tiêu chí (đoạn văn ghi cả kết luận đạt và chưa đạt: có thể gồm hai "
                         "tiêu chí)", c.page)]
    if _weak_verdict(c) and not cell_bears_out(c):
        return [not_read(c.code, f"kết luận của tiêu chí (chữ {c.verdict_raw!r} trong văn bản không dấu)", c.page)]
    if c.target is None and _own_target_unread(c):
        # the report states a target of its own that the tool could not read ('Từ 14 trở lên' where the
        # catalog has the province's 300 xã): the catalog's target would blame the report for our miss
        return [not_read(c.code, f"chỉ tiêu của tiêu chí (ghi {c.target_raw!r}) để đối chiếu kết luận", c.page)]
    if negation_unsure(c):
        return [not_read(c.code, f"kết luận của tiêu chí (chữ 'không' của {c.verdict_raw!r} có thể thuộc chỉ tiêu "
                         "'không thấp hơn / không quá …' của dòng: các ô của bảng bị trộn lẫn)", c.page)]
    unit = "%" if target.unit == "%" else f" {target.unit}"
    msg = f"báo cáo ghi \"{LABEL[stated]}\" nhưng {format_vn(v)}{unit} so với chỉ tiêu {target.label()}"
    return [Finding(check="verdict_mismatch", code=c.code, message=msg, page=c.page)]


_VERDICT_START = regex.compile(rf"(?<![\w])(?:{regex_forms(vocabulary().raw['verdict_starts_garbled'])})(?![\w])")


def _verdict_start(evidence: str) -> str | None:
    """The capitalised first words of a verdict cell whose last word wrapped away, in legacy text ('Da hoan' of
    'Đã hoàn thành'), found with case kept and marks folded; None where there are none."""
    m = _VERDICT_START.search(fold_case(evidence))
    return evidence[m.start():m.end()] if m else None


def _target_is_code(c: CriterionRecord) -> bool:
    """A target whose number is the criterion's own dotted code written in its target cell ('Toi thieu' / '3.1 x3'
    of criterion 3.1, its '21 xã' wrapped elsewhere): the row's numbering read as the target."""
    if "." not in c.code or c.target is None or not c.target_raw:
        return False
    try:
        if abs(float(c.code) - c.target.value) > 1e-9:
            return False
    except ValueError:
        return False
    return regex.search(rf"(?<![\d.,]){regex.escape(c.code)}(?![\d]|[.,]\d)", c.target_raw) is not None


def _value_is_note_count(c: CriterionRecord) -> bool:
    """The value read is a number the block writes only right after a note cell's survey words ('Khao' / 'sat 382'
    / 'phieu' of 'Khảo sát 382 phiếu' in a legacy row whose cells ran together): the count of ballots, not the
    result."""
    if c.value is None or not c.value_raw:
        return False
    num = regex.match(r"\s*(\d[\d.,]*)", c.value_raw)
    if num is None:
        return False
    ev = fold_chars(" ".join(c.evidence.split())).lower()
    at = [m.start() for m in regex.finditer(rf"(?<![\d.,]){regex.escape(num.group(1))}(?![\d]|[.,]\d)", ev)]
    return bool(at) and all(note_count_rx().search(ev[max(0, a - 16):a]) for a in at)


def part_glued_to_letter(c: CriterionRecord) -> bool:
    """On legacy or OCR text, the fraction read starts right after a letter ('cap b9/146' of 'cán bộ' garbled
    'b9', 'tong s6 597/5 561' of 'tổng số' garbled 's6'): its first digit may be a garbled letter, the part is
    not read whole."""
    fr = " ".join((c.fraction_raw or "").split())
    if not fr or not _unsure_text(c):
        return False
    ev = " ".join(c.evidence.split())
    at = [m.start() for m in regex.finditer(regex.escape(fr), ev)]
    return bool(at) and all(a > 0 and regex.match(r"[^\W\d_]", ev[a - 1]) for a in at)


def _letter_unit(unit: str | None) -> bool:
    """A unit of one letter ('1a' read as the target 1 a): no unit a report counts in, a garbled word."""
    return unit is not None and regex.fullmatch(r"[^\W\d_]", unit.strip()) is not None


_COUNTED = regex.compile(rf"(?:gom|co)\s+(?P<n>\d{{1,3}})\s+(?:{tally_nouns()})\W*$")
_CRITERIA_AFTER = regex.compile(rf"\s*(?:{tally_nouns()})\b")
"""'gồm 03 chỉ tiêu' before a tally, 'tiêu chí' after it (the vocabulary's ``tally_nouns``, plain and garbled)."""


def _fraction_is_tally(c: CriterionRecord) -> bool:
    """The fraction read is a tally of criteria wherever the block writes it ('II/ VỀ KINH TẾ SỐ: gồm 03 chỉ
    tiêu, đạt 02/03' of the next group's heading, 'đạt 4/5 tiêu chí'): a count of criteria, not this one's result."""
    if not c.fraction_raw or c.numerator is None:
        return False
    ev = fold_chars(" ".join(c.evidence.split()))
    fr = fold_chars(" ".join(c.fraction_raw.split()))
    spots = [m.start() for m in regex.finditer(regex.escape(fr), ev)]
    tallies = [t for t in find_tallies(ev) if t.passed == c.numerator and t.total == c.denominator]

    def counted(t: Tally) -> bool:
        before = _COUNTED.search(ev[max(0, t.start - 40):t.start].rstrip(" ,;:(-–"))
        return (before is not None and int(before["n"]) == t.total) or bool(_CRITERIA_AFTER.match(ev, t.end))

    return bool(spots) and all(any(t.start <= s < t.end and counted(t) for t in tallies) for s in spots)


def _judged_percent_is_a_target(c: CriterionRecord, v: float) -> bool:
    """The percent the verdict would be judged by is the stated one, and the text writes it only after a target
    word or cue ('…(46 %); chỉ tiêu đề ra là 75 %.' read as result 75 %): that number is a target."""
    if c.reported_percent is None or abs(v - c.reported_percent) > 1e-9 or not c.percent_raw:
        return False
    ev = fold_chars(" ".join(c.evidence.split()))
    spots = [m.start() for m in regex.finditer(regex.escape(fold_chars(" ".join(c.percent_raw.split()))), ev)]
    return bool(spots) and all(_TARGET_BEFORE.search(ev[:s]) for s in spots)


def _tally_note(c: CriterionRecord) -> Finding:
    return not_read(c.code, f"kết quả của tiêu chí ({c.fraction_raw} là số tiêu chí đạt của một nhóm, không phải kết quả "
                    "của tiêu chí này)", c.page)


def _heading_only(c: CriterionRecord) -> bool:
    """The block is no longer than the criterion's own heading ('TC 1.2: Tốc độ truy cập Internet băng rộng cố
    định trung bình tại trụ sở'): its body, where the verdict would be, was not read with it."""
    # (a percent the text writes only after a target word, 'Phan dau 100%', is the title's target, no result)
    after_target = c.reported_percent is not None and _judged_percent_is_a_target(c, c.reported_percent)
    if c.numerator is not None or (c.reported_percent is not None and not after_target) or c.value is not None \
            or not c.evidence.strip():
        return False  # a result was read: the block has its body
    block = match_key(c.evidence)
    return len(block) <= len(match_key(c.code)) + len(match_key(c.title)) + HEADING_SLACK


HEADING_SLACK = 12
"""Characters a block may have beyond its code and title (a code's lead word, punctuation) and still be a heading."""


def _row_from_its_start(c: CriterionRecord) -> bool:
    """The block begins with the row's own number ('STT 7 | Tên tiêu chí …', '3.7 | …'): the row was read from
    its start, not a continuation after a page break whose first part (and verdict) the tool took elsewhere
    ('TT | Nội dung chỉ tiêu … | Kết quả tự chấm', a header repeated over the rest of a split row)."""
    last = c.code.rsplit(".", 1)[-1]
    numbers = "|".join(regex.escape(n) for n in {c.code, last, last.lstrip("0") or last})
    return bool(regex.match(rf"\s*(?:s?tt\s*)?(?:{numbers})(?![\d.,]\d)", fold_chars(c.evidence)))


def _numbers_past_a_verdict(c: CriterionRecord) -> bool:
    """The numbers judged stand after the verdict that closes the criterion's own result ('… 1 trên tổng số 2 kế
    hoạch (50,0%). Mức độ hoàn thành: Chưa hoàn thành. (29) 100% các sở … 37/43', or past two verdicts): they are
    the next criterion's, whose heading the tool did not read. A verdict written before the numbers with no result
    before it ('(≥ 85%): (Đạt) – 375/375 cán bộ') leaves them the criterion's."""
    raw = c.fraction_raw or c.percent_raw or c.value_raw
    if not raw:
        return False
    ev = " ".join(c.evidence.split())
    at = ev.find(" ".join(raw.split()))
    if at < 0:
        return False
    before = [h for h in find_verdicts(ev) if h.end <= at]
    if len(before) >= 2:
        return True
    if not before:
        return False
    head = fold_chars(ev[:before[0].start])
    results = [q for q in find_percents(head, loose=_unsure_text(c)) if not _TARGET_BEFORE.search(head[:q.start])
               and q.raw.rstrip("% ").strip() != c.code]
    return bool(results or find_fractions(head))


def _year_read_as_value(c: CriterionRecord, v: float) -> bool:
    """A value that is a year the block writes with a date word ('Năm 2024', 'Quý IV/2024', 'Tháng 12/2024' of a
    deadline column, read with the next cell's unit as '2024 giờ'): a date, not a result (the extractor's rule)."""
    return c.value is not None and c.numerator is None and is_deadline_year(v, " ".join(c.evidence.split()))


def _verdicts_disagree(c: CriterionRecord) -> bool:
    """The block states verdicts of both outcomes, each standing as a verdict ('… Kết quả đánh giá: Không
    đạt. … TC15: … Tự đánh giá: Đạt.'): the block may hold the next criterion too (its heading not read), and
    which verdict is this criterion's the tool cannot tell."""
    return len({h.verdict in ("dat", "vuot") for h in find_verdicts(c.evidence)}) > 1


def _bare_cue(slot: str) -> bool:
    """The words where the verdict would be are only the verdict's own label ('Kết quả đánh giá' heading an
    empty cell, 'Tự đánh giá:' with nothing after): the report wrote the label and left the verdict blank."""
    voc = vocabulary().raw
    cues = {fold_form(w[0]) for key in ("verdict_cues", "verdict_slot_cues") for w in voc[key]}
    return fold_chars(" ".join(slot.split())).rstrip(" :.-–") in cues


def _contradicts(stated: str | None, v: float, target: Target) -> bool:
    passes = target.passes(v)
    at = abs(v - target.value) <= 1e-9
    return (stated in ("dat", "vuot") and not passes) or (stated == "chua_dat" and passes) or (stated == "vuot" and at)


def _a_measure_contradicts(c: CriterionRecord, stated: str, targets: list[Target], measures: int) -> bool:
    """Every measure of a several-measure criterion has its result read (one fraction each, in the catalog's
    order), and one of them contradicts a pass: it fails its own target, or, for "Vượt", the first measure
    (the criterion's own) only equals its target. Positive evidence against "Đạt" / "Vượt": a criterion
    passes only when every measure does."""
    results = _measure_results(c, measures)
    if len(targets) != measures or results is None or any(t.unit != "%" for t in targets):
        return False
    if any(not t.passes(r) for r, t in zip(results, targets, strict=True)):
        return True
    return stated == "vuot" and abs(results[0] - targets[0].value) <= 1e-9


def _all_measures_pass(c: CriterionRecord, targets: list[Target], measures: int) -> bool:
    """Every measure of a several-measure criterion has its result read (one fraction each, in the
    catalog's order) and passes its own target: positive evidence against "Chưa đạt"."""
    results = _measure_results(c, measures)
    if len(targets) != measures or results is None or any(t.unit != "%" for t in targets):
        return False
    return all(t.passes(r) for r, t in zip(results, targets, strict=True))


def _measure_results(c: CriterionRecord, measures: int) -> list[float] | None:
    """One result per measure, in the text's order: each fraction's percent when the measures read are that many
    fractions; else each fraction, and each stated percent that is not the percent of the fraction just before it
    ('1.203 trên tổng số 3.462 giao dịch (34,75 %); 3.717 trên tổng số 5.461 (68.1%)' whose second fraction was not
    read: 34,75 % and 68,1 %). None when the results read are not one per measure."""
    fracs = [m.numerator / m.denominator * 100 for m in c.measures if m.numerator is not None and m.denominator]
    if len(fracs) == measures:
        return fracs
    out: list[float] = []
    last: Measure | None = None
    for m in c.measures:
        if m.numerator is not None and m.denominator:
            out.append(m.numerator / m.denominator * 100)
        elif m.percent is not None:
            if last is not None and last.numerator is not None and last.denominator \
                    and abs(last.numerator / last.denominator * 100 - m.percent) <= percent_tolerance(m.raw):
                last = m
                continue  # the fraction's own percent
            out.append(m.percent)
        last = m
    return out if len(out) == measures else None


def _pieced_verdict(c: CriterionRecord, v: float, target: Target) -> bool:
    """A verdict of text without its diacritics that the numbers contradict, where the reading is not
    one verdict standing alone: pieced from words apart ('Chwa … Pay': a table's cells ran together,
    the 'chưa' may be another row's), or beside a verdict word of another kind that the numbers bear
    out ('Hoan … thanh' and another row's 'Chwa dat' in one run of cells)."""
    raw = c.verdict_raw or ""
    if pieced(c):
        return True
    if has_diacritics(c.evidence) and c.ocr_conf is None:
        return False
    own = set(raw.split())
    kinds = {k for k, word in verdict_fragments(c.evidence) if word not in own}
    flat = " ".join(raw.split())
    kinds |= {k for k, word in capitalised_verdicts(c.evidence) if " ".join(word.split()) not in flat}  # (not the one read)
    return any(not _contradicts(k, v, target) for k in kinds if k != c.reported_verdict)


_NOT_VERDICT_AFTER = regex.compile(regex_forms(vocabulary().raw["not_verdict_before_garbled"]))


def capitalised_verdicts(text: str) -> list[tuple[str, str]]:
    """(kind, word) of every capitalised verdict word of legacy text, wherever it stands ('Pat' of 'Pat S6 diêm …',
    'Vugt ke … hoach' in one run of two rows' cells): a verdict cell's, of this row or another whose cells ran in."""
    voc = vocabulary()
    folded = fold_chars(text)
    out = []
    for m in voc.verdict_garbled.finditer(folded):
        word = text[m.start():m.end()]
        if _NOT_VERDICT_AFTER.match(folded, m.end()) or voc.result_after.match(folded, m.end()) \
                or _RATE_AFTER.match(folded, m.end()):
            continue  # 'Day là kết quả …' (đây là), 'Dat 85 %', 'Dat ty le 68 %': no verdict
        if word[:1].isupper():
            out.append((next(k for k in ("vuot", "chua_dat", "dat") if m.group(k)), word))
    return out


def pieced(c: CriterionRecord) -> bool:
    """The verdict was pieced from words apart in a row ('chưa … đạt' with other cells' words between),
    not read as one verdict; halves of a wrapped cell that the evidence shows side by side ('Chwa' /
    'dat' → 'Chwa dat') are one verdict."""
    if c.reported_verdict is None or "…" not in (c.verdict_raw or ""):
        return False
    parts = [p.strip() for p in (c.verdict_raw or "").split("…")]
    together = r"\s+".join(regex.escape(p) for p in parts if p)
    return not regex.search(rf"(?<!\w){together}(?!\w)", " ".join(c.evidence.split()))


def pieced_from_a_sentence(c: CriterionRecord) -> bool:
    """A pieced verdict whose negation is a lower-case word ('47 đơn vị chưa cập nhật' … 'Đã đạt'): a
    word of a sentence or a footnote, not the first word of a wrapped verdict cell ('Chưa' / 'đạt')."""
    first = (c.verdict_raw or "").split("…")[0].strip()
    return pieced(c) and first[:1].islower()


def _tail_is_result(c: CriterionRecord) -> bool:
    """The last word of a pieced verdict ('Chwa … day') stands before a number ('day 131 Mb/s'): a result's
    'đạt', not a verdict cell of its own; the verdict is the capitalised fragment the row's cell begins with."""
    tail = (c.verdict_raw or "").split("…")[-1].strip()
    uses = _before_number(tail, c.evidence) if tail else []
    return bool(uses) and all(uses)


def _tail_ends_a_verdict(c: CriterionRecord) -> bool:
    """The last word of a pieced verdict is followed, everywhere it stands, by a verdict's own tail ('Chwa' … 'dat
    yeu' / 'câu' of a wrapped cell 'Chưa đạt yêu cầu'; the vocabulary's ``verdict_tails``, the last word may be
    wrapped away): the lower-case 'đạt' goes on the verdict cell the capitalised fragment begins, not a result's."""
    if not pieced(c):
        return False
    tail = (c.verdict_raw or "").split("…")[-1].strip()
    if not tail or tail != tail.lower():
        return False
    ev = fold_chars(" ".join(c.evidence.split()))
    spots = [m.end() for m in regex.finditer(rf"(?<!\w){regex.escape(fold_chars(tail))}(?!\w)", ev)]
    return bool(spots) and all(_VERDICT_TAIL.match(ev, e) for e in spots)


def _verdict_tail_rx() -> regex.Pattern:
    """The vocabulary's ``verdict_tails`` folded, the last word optional where there are several (a wrapped cell's
    'yeu' / 'câu')."""
    alts = []
    for row in vocabulary().raw["verdict_tails"]:
        words = [regex.escape(w) for w in fold_form(row[0]).split()]
        alts.append(r"\s+".join(words) if len(words) == 1 else r"\s+".join(words[:-1]) + rf"(?:\s+{words[-1]})?")
    return regex.compile(rf"\s+(?:{'|'.join(sorted(alts, key=len, reverse=True))})(?![a-z])")


_VERDICT_TAIL = _verdict_tail_rx()


def _before_number(word: str, text: str, worded: bool = False) -> list[bool]:
    """For each place ``word`` stands as a whole word in ``text`` (blanks collapsed), whether a number
    follows it ('đạt 0,7 %', 'day (131'): the word there is a result's, not a verdict cell's."""
    ev = " ".join(text.split())
    folded = fold_chars(ev)
    return [bool(regex.match(r"\s*\(?\s*\d", ev, pos=m.end()) or _RATE_AFTER.match(folded, m.end())
                 or (worded and _RESULT_AFTER_FOLDED.match(folded, m.end())))
            for m in regex.finditer(rf"(?<!\w){regex.escape(word)}(?!\w)", ev)]


_RATE_AFTER = regex.compile(vocabulary().raw["result_after_garbled"][0][0])
_RESULT_AFTER_FOLDED = regex.compile(regex.sub(r"\p{L}+", lambda m: fold_chars(m[0]), vocabulary().raw["result_after_dat"][0][0]))
"""The vocabulary's words between a result's 'đạt' and its number ('đạt mức 1,1 giờ', 'đạt tỷ lệ 93 %'), folded as
legacy text writes them ('dat múc 1,1'): the word there is a result's, not a verdict."""
"""'tỷ lệ' and a number after a word, as legacy OCR writes them ('day ty lé 89,3%'): the word is a result's 'đạt'."""


def _kind_of(m: regex.Match) -> bool:
    """Whether a match of the vocabulary's verdict pattern is a pass (đạt, vượt)."""
    return bool(m.group("dat") or m.group("vuot"))


def tally_unsure(c: CriterionRecord) -> bool:
    """On legacy or OCR text, a verdict a tally cannot count on: a lower-case word among others beside a
    capitalised verdict fragment of the other outcome ('vuot qua 44,68 gio' of a 'không vượt quá' target beside
    'Chwa dat'), a reading the text does not show as written beside verdict words of the other outcome that it does
    show ('khong dat' of 'Khong' and 'dat' apart, beside 'Da dat'), or one pieced from a 'Không' where the row
    writes a target word it may begin ('Không … Pat' of 'Không thấp hơn 20.000 lượt' and 'Đạt'); and a lower-case word
    the criterion's title writes before a number ('đạt 90%' of the title)."""
    if c.reported_verdict is None or not c.evidence.strip() or not _unsure_text(c):
        return False
    passed = c.reported_verdict in ("dat", "vuot")
    raw = " ".join((c.verdict_raw or "").split())
    if _weak_verdict(c) and any((k in ("dat", "vuot")) != passed for k, _ in verdict_fragments(c.evidence)):
        return True
    if _weak_verdict(c) and regex.search(rf"(?<![a-z]){regex.escape(fold_chars(raw).lower())}\s+(?:tren\s+)?\d",
                                         fold_chars(c.title).lower()):
        return True  # the title's own 'đạt 90%' ('… hồ sơ sức khỏe điện tử đạt 90%'): a word of the title
    if result_word_only(c):
        return True
    ev = fold_chars(" ".join(c.evidence.split())).lower()
    if raw and "…" not in raw and fold_chars(raw).lower() not in ev \
            and any(_kind_of(m) != passed for m in vocabulary().verdict_garbled.finditer(ev)):
        return True
    first = fold_chars(raw.split("…")[0]).strip().lower()
    return pieced(c) and first == "khong" and bool(regex.search(r"(?<![a-z])(?:thap hon|qua|duoi)(?![a-z])", ev))


def result_word_only(c: CriterionRecord) -> bool:
    """On legacy or OCR text, a verdict read from a lower-case word that is, wherever the block writes it, a word
    of another cell, while the block shows no verdict cell ('Pat', or 'Hoan' … 'thanh' wrapped): every 'dat' stands before a number
    ('5 dat 04 mo hinh': the result 'đạt 04 mô hình'), or every one is the method cell's 'đạt yêu cầu/Tổng số …'.
    A tally cannot count such a verdict."""
    if c.reported_verdict is None or not _unsure_text(c) or not _weak_verdict(c) or capitalised_verdicts(c.evidence) \
            or verdict_fragments(c.evidence):
        return False
    raw = " ".join((c.verdict_raw or "").split())
    if "…" in raw:
        return False
    uses = _before_number(raw, c.evidence, worded=True)
    return (bool(uses) and all(uses)) or _formula_word(raw, c.evidence)


def _formula_word(word: str, evidence: str) -> bool:
    """Every place a lower-case ``word`` stands in a legacy block is 'đạt yêu …' and the block writes a ratio's
    'cầu/' ('(Sb he thong … dung day yeu … cau/Tong so': the method cell 'Số hệ thống đạt yêu cầu/Tổng số hệ
    thống' wrapped among the others): the word is the formula's, not a verdict cell."""
    ev = fold_chars(" ".join(evidence.split())).lower()
    w = fold_chars(word).lower()
    uses = [bool(regex.match(r"\s+y[e€]u(?![a-z])", ev[m.end():])) for m in regex.finditer(rf"(?<![a-z]){regex.escape(w)}(?![a-z])", ev)]
    return bool(uses) and all(uses) and regex.search(r"(?<![a-z])c[a4]u\s*/", ev) is not None


_KHONG_WORD = regex.compile(r"(?<![a-z0-9])kh[o0]ng(?![a-z0-9])")


def _target_rests(exact: bool, at_least: bool) -> regex.Pattern:
    """The words a 'không' begins a target with ('không thấp hơn', 'không vượt quá', 'không dưới' of the
    vocabulary's ``target_ops``), without the 'không', of the targets pointing one way (``at_least``: 'không thấp
    hơn'; else at most: 'không quá'), longest first (one count for 'vượt quá'), and not where they end another op
    ('xuống dưới 3 %' of 'giảm xuống dưới'). Matched whole on lower-case text with its diacritics (``exact``: 'quá',
    not 'qua' of 'thông qua' nor 'quả' of 'kết quả'; never 'quá hạn', a title's words: 'hồ sơ giải quyết quá hạn'),
    else folded, a one-word rest only before a number ('khong … qua 24 gio') and not after 'kết'."""
    ops = [o[0] if exact else fold_form(o[0]) for o in vocabulary().raw["target_ops"]]
    neg = "khong " if not exact else "không "
    rests = {op[len(neg):] for op, o in zip(ops, vocabulary().raw["target_ops"], strict=True)
             if op.startswith(neg) and o[1].startswith(">") == at_least}

    def esc(text: str) -> str:
        # (legacy OCR writes 'ơ' as '&': 'thap h&n', 'ngu&i')
        return r"\s+".join(regex.escape(w) if exact else regex.escape(w).replace("o", "[o0&]") for w in text.split())

    alts = []
    for r in sorted(rests, key=len, reverse=True):
        heads = {op[:-len(r)].strip() for op in ops if op.endswith(" " + r) and not op.startswith(neg)}
        guard = "".join(rf"(?<!{esc(w)}\s)" for w in sorted({h.split()[-1] for h in heads if h}))
        after = r"(?=\s+(?:\S+\s+){0,2}\d)" if not exact and " " not in r else ""
        alts.append(f"{guard}{esc(r)}{after}")
    alt = "|".join(alts)
    if exact:
        return regex.compile(rf"(?<!\w)(?:{alt})(?!\w)(?!\s+h[aạ]n\b)")
    return regex.compile(rf"(?<![a-z])(?<!ket\s)(?:{alt})(?![a-z])")


_RESTS = {(e, up): _target_rests(e, up) for e in (True, False) for up in (True, False)}
_CHUA_WORD = regex.compile(r"(?<![a-z0-9])ch[uw]a(?![a-z0-9])")


def spare_negations(c: CriterionRecord) -> int:
    """How many 'không' of a criterion's text its target wording and title do not account for: each 'thấp hơn',
    'quá', 'dưới' that, negated, states the criterion's target ('Không thấp hơn 100%' of a target 'at least'; a
    'thấp hơn 2 %' under a target 'below' is a target of its own) needs a 'không', wherever a wrapped target cell
    put the two ('Không' / 'thấp hơn'); a title's own words ('không dùng tiền mặt', 'dưới hình thức') count for
    nothing."""
    target = c.catalog_target or c.target  # (no target known: a 'không' may begin a target either way)
    exact = has_diacritics(c.evidence) and c.ocr_conf is None
    ways = (True, False) if target is None else (target.op.startswith(">"),)

    def count(text: str) -> int:
        low = " ".join(text.split()).lower()
        hay = low if exact else fold_chars(low)
        return len(_KHONG_WORD.findall(fold_chars(low))) - sum(len(_RESTS[exact, up].findall(hay)) for up in ways)

    # (without a catalog's target the title is as read, and a row whose cells ran together may have put the target
    # cell's words in it: only its 'không' ('không dùng tiền mặt') is taken as the title's; the catalog's title is
    # the title's own words)
    if c.catalog_target is None:
        return count(c.evidence) - len(_KHONG_WORD.findall(fold_chars(c.title).lower()))
    return count(c.evidence) - count(c.title)


def negation_unsure(c: CriterionRecord) -> bool:
    """Whether the outcome a row's verdict was read with rests on a 'không' the row may spend on its target: a
    'Chưa đạt' read from a 'không' ('Không … đạt', 'khong hoan') where every 'không' of the text is one a target
    'Không thấp hơn …' / 'Không quá …' needs, or a lower-case 'đạt' / 'hoàn thành' read as a pass beside a 'không'
    no target nor title accounts for (a verdict cell 'Không' / 'đạt' wrapped among the other cells). Tables write
    the target cell 'Không thấp hơn 100%' and the verdict cell 'Đạt' side by side, and a row whose cells ran together
    interleaves their lines: which word the 'không' goes with the text does not say."""
    raw = " ".join((c.verdict_raw or "").split())
    if c.reported_verdict is None or not raw:
        return False
    first = fold_chars(raw.split("…")[0]).strip().lower()
    if c.reported_verdict == "chua_dat" and _KHONG_WORD.match(first):
        # (a 'chưa' of the text besides the title's is a negation of its own: 'Không đạt 68,6 %, Chưa đạt')
        chua = len(_CHUA_WORD.findall(fold_chars(c.evidence).lower())) - len(_CHUA_WORD.findall(fold_chars(c.title).lower()))
        return spare_negations(c) <= 0 and chua <= 0
    if c.reported_verdict in ("dat", "vuot") and raw == raw.lower() and "…" not in raw:
        # (a pass word standing as a clause of its own, '– đạt.', is the verdict whatever 'không' the text holds)
        return spare_negations(c) > 0 and not any(h.verdict in ("dat", "vuot") for h in find_verdicts(c.evidence))
    return False


def _judged_by_unsure_numbers(c: CriterionRecord, target: Target) -> bool:
    """On legacy or OCR text, the number a verdict would be judged by is not sure: a part whose first group
    of thousands starts with 0 ('074/1 074': the '1' of '1 074' wrapped away), or, against a count target,
    the part of a fraction stated as a percent ('17586/18021, tỷ lệ 97,59 %' judged against '≥ 03 cơ sở dữ
    liệu': a proportion of another cell, not the count)."""
    if c.numerator is None or c.value is not None:
        return False
    part = " ".join((c.fraction_raw or "").split()).split("/")[0].strip()
    if regex.fullmatch(r"0\d{2}", part):
        return True
    return target.unit != "%" and c.reported_percent is not None and percent_consistent(c) is True


def _unsure_text(c: CriterionRecord) -> bool:
    """Text whose reading of a target is unsure: legacy text without its diacritics, or OCR."""
    return c.ocr_conf is not None or not has_diacritics(c.evidence)


unsure_text = _unsure_text


def stray_fragment(c: CriterionRecord) -> bool:
    """A block showing a capitalised verdict fragment of a kind its own verdict is not ('Hoan' beside the
    'Vugt' read): a verdict cell of another row read into this block."""
    if c.reported_verdict is None:
        return False
    spent = _negations_spent(c)
    return any(k != c.reported_verdict for k, word in verdict_fragments(c.evidence)
               if not (spent and _KHONG_WORD.fullmatch(fold_chars(word).lower())))


def _negations_spent(c: CriterionRecord) -> bool:
    """On legacy text with a known target, every 'không' of the row is one its target wording needs ('Khong' … 'thap
    hon' of a target cell 'Không thấp hơn 100%' wrapped): a capitalised 'Không' standing in the row is the target
    cell's first word, not half of a verdict cell 'Không đạt'."""
    if not _unsure_text(c) or (c.catalog_target or c.target) is None:
        return False
    return bool(_KHONG_WORD.search(fold_chars(c.evidence).lower())) and spare_negations(c) <= 0


def _other_target(c: CriterionRecord, v: float, target: Target) -> bool:
    """The report's target as read differs from the catalog's, and the finding rests on that reading:
    the catalog's target bears the verdict out, or the judged value is itself one of the two targets
    (one number read for both roles), or the two differ only in a strict or non-strict mark that OCR
    confuses ('≥100 %' read '>100 %') with the value on the boundary."""
    cat = c.catalog_target
    if c.target is None or cat is None or cat.unit != target.unit or (cat.op, cat.value) == (target.op, target.value):
        return False
    if _catalog_target_beyond_whole(c, cat) and c.target.value <= (c.denominator or 0) and _op_marked(c):
        # '(it nhat 23 xa): 26/31 xi' where the catalog's target is the province's 300 xã: a count target larger
        # than the whole the report counts in is not this report's, and the report's own, marked with its op
        # word, is the one to judge by
        return False
    if not _contradicts(c.reported_verdict, v, cat):
        return True
    return any(abs(v - t.value) <= 1e-9 for t in (cat, target))


def _catalog_target_beyond_whole(c: CriterionRecord, cat: Target) -> bool:
    """A count target of the catalog larger than the whole of the fraction read ('300 xã' of a province against
    '26/31 xã' of a district): the catalog's target is not this report's."""
    return cat.unit != "%" and c.denominator is not None and c.value is None and c.denominator < cat.value


def _op_marked(c: CriterionRecord) -> bool:
    """The target read was written with a target op word or cue before its number ('it nhat 23 xa', '≥ 23 xã'):
    the report's own target, not a number of the row read as one."""
    raw = fold_chars(" ".join((c.target_raw or "").split()))
    num = regex.search(r"\d", raw)
    return c.target is not None and num is not None and bool(_TARGET_BEFORE.search(raw[:num.start()]))


def _roles_swapped(c: CriterionRecord, v: float) -> bool:
    """The target read is not the catalog's, and the result judged is the catalog's target ('Từ 90% trở lên
    | 93,20% | Vượt' read as target 93,20 %, result 90 %): the tool may have read the two cells the wrong way
    round; a finding would rest on that reading (on any text: a wrapped row mixes the cells' lines). Likewise
    when the target read is the very number judged as the result and the catalog's target bears out the verdict."""
    cat = c.catalog_target
    if c.target is None or cat is None or cat.unit != c.target.unit or (cat.op, cat.value) == (c.target.op, c.target.value):
        return False
    if abs(v - cat.value) <= 1e-9 and not _contradicts(c.reported_verdict, c.target.value, cat):
        return True
    # the target read is the result itself ('1 trên tổng số 2 kế hoạch (50,0%)' read as target 50 %, result 1/2):
    # judged by the catalog's target the verdict stands
    return abs(v - c.target.value) <= 1e-9 and not _contradicts(c.reported_verdict, v, cat) \
        and _written_once(c.evidence, v)


def _written_once(evidence: str, v: float) -> bool:
    """The number ``v`` stands at most once in ``evidence`` ('50,0%' of '1 trên tổng số 2 kế hoạch (50,0%)'): it
    cannot be both a target and a result there ('chỉ tiêu ≥ 131 Mb/s): đạt 131 Mb/s' writes it twice)."""
    written = {format_vn(v, 0), format_vn(v, 1), format_vn(v, 2), f"{v:g}"} if v == int(v) else {format_vn(v, 2), f"{v:g}"}
    ev = " ".join(evidence.split())
    hits = {m.start() for w in written for m in regex.finditer(rf"(?<![\d.,]){regex.escape(w)}(?![\d]|[.,]\d)", ev)}
    return len(hits) <= 1


def _value_is_target_cell(c: CriterionRecord, v: float, target: Target) -> bool:
    """A result read as a lone number (no fraction) that equals the target and is written once in the row
    ('hoan 90 thuê dat 55,97 Chua' under '≥ 90 thuê bao/100 dân'): one number cannot be both the target cell
    and the result, and the tool cannot tell which it read."""
    if c.value is None or c.numerator is not None or abs(v - target.value) > 1e-9:
        return False
    return _written_once(c.evidence, v)


def _percent_is_target_cell(c: CriterionRecord, v: float, target: Target) -> bool:
    """A result read as a lone percent (no fraction beside it) that equals the target, on text whose cells ran
    together ('… 100% trung tâm … 100 %) … Chưa đạt' of a title and a target cell both '100 %', the result
    '(93 … %)' cut apart): the percent may be the target cell's or the title's, and no fraction bears it out."""
    if c.reported_percent is None or c.numerator is not None or target.unit != "%":
        return False
    return abs(v - c.reported_percent) <= 1e-9 and abs(v - target.value) <= 1e-9


_MARKED_OPS = regex.compile("(?<![^\\W\\d])(?:" + "|".join(sorted(
    {regex.escape(o[0]) for o in vocabulary().raw["target_ops"] if " " in o[0] or o[0] in ("≥", "≤")}
    | {regex.escape(fold_form(o[0])) for o in vocabulary().raw["target_ops"] if " " in o[0]}, key=len, reverse=True))
    + ")(?![^\\W\\d])")
"""Target op words no result uses ('Tối thiểu', 'Không thấp hơn', 'ít nhất', '≥'), as written and folded."""


def _target_word_unread(c: CriterionRecord) -> bool:
    """The row writes a target op word ('Tối thiểu' of a target cell 'Tối thiểu' / '03 điểm' wrapped apart) though
    the tool read no target of the report's own: the report states a target whose number the tool did not place."""
    return bool(_MARKED_OPS.search(" ".join(c.evidence.split()).lower()))


_MARKED_PERCENT = regex.compile(r"[≥≤]\s*(\d+(?:[.,]\d+)?)\s*%")


def _second_target(c: CriterionRecord, target: Target) -> str | None:
    """A percent target marked '≥' / '≤' in the block that is neither the target read nor the catalog's ('≥ 100%' in
    a block whose row's target is '> 30%'): the block holds another row's target cell, and the verdict read may be
    that row's (legacy text whose cells ran together)."""
    if target.unit != "%":
        return None
    known = [t.value for t in (c.target, c.catalog_target, target) if t is not None]
    for m in _MARKED_PERCENT.finditer(c.evidence):
        v = float(m[1].replace(",", "."))
        if not any(abs(v - k) < 1e-9 for k in known):
            return m[0]
    return None


def _column_pair(c: CriterionRecord) -> tuple[int, int] | None:
    """Two whole numbers standing right before the lone percent read, the second no smaller than the first ('8 2 169
    3.8%' of the columns Tử số | Mẫu số | Tỷ lệ): the row's part and whole, not read as its fraction."""
    if c.numerator is not None or c.value is not None or not c.percent_raw:
        return None
    ev = " ".join(c.evidence.split())
    pr = " ".join(c.percent_raw.split())
    m = regex.search(rf"(?<![\d.,/])(\d{{1,3}}(?: \d{{3}})*)\s+(\d{{1,3}}(?: \d{{3}})*)\s+{regex.escape(pr)}", ev)
    if m is None:
        return None
    x, y = int(m[1].replace(" ", "")), int(m[2].replace(" ", ""))
    if not y or x > y or m.start() == 0 and m[1] == c.code:
        return None
    return x, y


def _verdict_words() -> regex.Pattern[str]:
    """Any word of a verdict (the vocabulary's verdict forms without their tails: 'đã', 'hoàn', 'thành', 'chưa',
    'đạt', 'không', 'vượt'), folded, as a whole word in any case."""
    raw = vocabulary().raw
    tails = {w for t, _ in raw["verdict_tails"] for w in regex.findall(r"\p{L}+", fold_chars(t).lower())}
    heads = {w for e in raw["verdicts"].values() for f, _ in e["forms"]
             for w in regex.findall(r"\p{L}+", fold_chars(f).lower()) if w not in tails}
    return regex.compile(rf"(?<![^\W\d_])(?:{'|'.join(sorted(heads, key=len, reverse=True))})(?![^\W\d_])",
                         regex.IGNORECASE)


_VERDICT_WORD = _verdict_words()


def _states_no_verdict(c: CriterionRecord) -> bool:
    """The row's text holds no word of a verdict cell at all: no fragment as legacy OCR writes it ('Chwa', 'Vugt',
    'Pay'), no word of a verdict in any case (a wrapped 'Da hoan' … 'thanh' with other cells' words between), but a
    result's 'đạt' before its number ('dat 70,99', 'dat ty le 68 %')."""
    if c.reported_verdict is not None or c.verdict_raw or verdict_fragments(c.evidence) \
            or capitalised_verdicts(c.evidence):
        return False
    voc = vocabulary()
    folded = fold_chars(c.evidence)
    def result(m: regex.Match[str]) -> bool:
        return bool(voc.result_after.match(folded, m.end()) or _RATE_AFTER.match(folded, m.end()))
    return all(m[0].lower() == "dat" and result(m) for m in _VERDICT_WORD.finditer(folded)) \
        and all(result(m) for m in voc.verdict_garbled.finditer(folded))


def _one_own_verdict(c: CriterionRecord) -> bool:
    """The row's verdict read as one word or phrase as written (no pieces apart) and its text shows exactly one
    verdict fragment, of that verdict's kind: no other row's verdict cell ran into it."""
    raw = " ".join((c.verdict_raw or "").split())
    if c.reported_verdict is None or not raw or "…" in raw:
        return False
    # (a wrapped cell's first half is a fragment, a whole word a capitalised verdict: 'Chua dat' is one of each, a
    # 'Dat' beside the row's 'Vugt' a second verdict word)
    frags, words = verdict_fragments(c.evidence), capitalised_verdicts(c.evidence)
    passed = c.reported_verdict in ("dat", "vuot")
    return max(len(frags), len(words)) == 1 and all((k in ("dat", "vuot")) == passed for k, _ in frags + words)


def verdict_accounted(record: ReportRecord, c: CriterionRecord) -> bool:
    """A legacy row cut without a catalog's titles that states no verdict, between two rows of the same page each
    holding exactly its own one verdict: every verdict cell around the row is another row's, so the cut lost none
    of this row's, and the report states none for it (a verdict cell wrapped over the code line would show in a
    neighbour's block as a second fragment)."""
    if not _unsure_text(c) or c.page is None or c.line is None or not _states_no_verdict(c):
        return False
    rows = sorted((r for r in record.criteria if r.page is not None and r.line is not None),
                  key=lambda r: (r.page or 0, r.line or 0))
    i = next((j for j, r in enumerate(rows) if r is c), None)
    if i is None or i == 0 or i == len(rows) - 1:
        return False  # (at either end of the table the verdict may lie past the last row read)
    before, after = rows[i - 1], rows[i + 1]
    if (before.page_end or before.page) != c.page or after.page != c.page or (c.page_end or c.page) != c.page:
        return False
    return _one_own_verdict(before) and _one_own_verdict(after)


def self_contained(c: CriterionRecord) -> bool:
    """A legacy row whose every part is its own: one verdict read as written, capitalised ('Pay', 'Vugt'), no verdict
    word or fragment of another outcome beside it, a target marked with its op ('≥ 40 Mb/s', 'Tu 100%') and no number
    in the row but its code, its target, its result (x, y, the percent, the value) and its unit's."""
    raw = " ".join((c.verdict_raw or "").split())
    target = c.target
    if c.reported_verdict is None or not raw or "…" in raw or not raw[:1].isupper() or target is None \
            or not _op_marked(c):
        return False
    passed = c.reported_verdict in ("dat", "vuot")
    if any((k in ("dat", "vuot")) != passed for k, _ in verdict_fragments(c.evidence) + capitalised_verdicts(c.evidence)):
        return False
    own = {v for v in (target.value, c.numerator, c.denominator, c.reported_percent, c.value) if v is not None}
    own |= {float(n) for n in regex.findall(r"\d+", f"{c.code} {target.unit}")}
    ev = fold_chars(" ".join(c.evidence.split()))
    # (not a digit inside a garbled word: 'd9ng', 's6', 'x4')
    for m in regex.finditer(r"(?<![^\W\d_]|[\d.,])(?:\d{1,3}(?:[ .]\d{3})+(?![\d]|[.,]\d)|\d+(?:[.,]\d+)?)"
                            r"(?![^\W\d_])", ev):
        num = m[0]
        v = float(regex.sub(r"[ .]", "", num)) if regex.fullmatch(r"\d{1,3}(?:[ .]\d{3})+", num) \
            else float(num.replace(",", "."))
        if not any(abs(v - o) < 1e-9 for o in own):
            return False
    return True


def _other_result_bears_out(c: CriterionRecord, target: Target) -> bool:
    """On legacy or OCR text, another result of the criterion's block (a fraction or a percent besides the
    one judged, not a target) bears the stated verdict out ('340/28 436 … 1,20%' beside another row's
    '204/204 cán bộ, 100%' under '< 2%'): which of them is the criterion's the tool cannot tell."""
    targets = [t.value for t in (c.target, c.catalog_target) if t is not None]
    for m in c.measures:
        if m.numerator is not None and m.denominator:
            if (m.numerator, m.denominator) == (c.numerator, c.denominator) or m.numerator > m.denominator:
                continue
            val = m.numerator / m.denominator * 100
        elif m.percent is not None and m.percent != c.reported_percent and target.unit == "%":
            if any(abs(m.percent - t) < 1e-9 for t in targets):
                continue
            val = m.percent
        else:
            continue
        if target.unit == "%" and not _contradicts(c.reported_verdict, val, target):
            return True
    return False


def _weak_verdict(c: CriterionRecord) -> bool:
    """A verdict read on text without its diacritics as a bare lower-case word among others ('tỷ lệ
    đạt', 'hoàn thành chuyển đổi số', a table's cells run together): it may be a word of the results,
    not the verdict. A capitalised one, or one in parentheses or after a dash or colon, is the verdict."""
    raw = (c.verdict_raw or "").strip()
    if not raw or raw != raw.lower() or has_diacritics(c.evidence):
        return False
    ev = " ".join(c.evidence.split())
    return not regex.search(rf"[(:\-–]\s*{regex.escape(' '.join(raw.split()))}", ev)


def _own_target_unread(c: CriterionRecord) -> bool:
    """A target text the report wrote (a table's target cell) that does not state the catalog's value."""
    raw = (c.target_raw or "").strip()
    if not raw or c.catalog_target is None:
        return bool(raw)
    value = c.catalog_target.value
    written = {format_vn(value, 0), format_vn(value, 1), format_vn(value, 2), f"{value:g}"}
    return not any(regex.search(rf"(?<![\d.,]){regex.escape(w)}(?![\d]|[.,]\d)", raw) for w in written)


def check_parts(c: CriterionRecord) -> list[Finding]:
    if not c.parts or c.parts_whole is None or sum(c.parts) == c.parts_whole:
        return []
    msg = f"{' + '.join(str(p) for p in c.parts)} = {sum(c.parts)}, báo cáo ghi tổng {c.parts_whole} ({c.parts_raw})"
    return [Finding(check="parts_sum_mismatch", code=c.code, message=msg, page=c.page)]


MIN_READ_SHARE = 0.6
"""A criterion is called missing only when the tool read at least this share of the framework:
below it the document is an excerpt, or the tool read it badly; neither proves an omission."""


MAX_ABSENT, ABSENT_SHARE = 2, 0.15
"""More criteria absent than this (and than this share of the framework) is the tool's failed reading
(a legacy-OCR table whose rows ran together), not a report that leaves them all out."""


_CODE_LABEL = r"^\W*(?:(?:tieu\s+chi|chi\s+tieu|tc|ct)\s*)?{code}(?![\d]|[.,]\d)\s*[.:)\-–]"
"""A block opening with its own code as a heading labels it ('Chỉ tiêu 41:', 'TC 2.1.', '41.'), folded."""


def others_heading(record: ReportRecord, fw: Framework) -> set[str]:
    """Codes taken as shown but unread (``unread_codes``) whose title only resembles the heading of a criterion
    read: a read block that opens with its own code labelled ('Chỉ tiêu 41: Tỷ lệ thuê bao điện thoại di động
    thông minh có sử dụng …') and whose heading matches both its own title and the absent one's ('Tỷ lệ thuê bao
    điện thoại di động sử dụng điện thoại thông minh'). That heading is the labelled criterion's, no sign that the
    absent one's is there."""
    from extractors.extract import shown_unread  # (the reader's own test of a heading, on one block's opening)
    from ingest.models import Line

    out: set[str] = set()
    wanted = set(record.unread_codes)
    if not wanted:
        return out
    for r in record.criteria:
        ev = " ".join(r.evidence.split())
        if not regex.match(_CODE_LABEL.format(code=regex.escape(r.code)), fold_chars(ev).lower()):
            continue
        heads = set(shown_unread([Line(page=r.page or 1, number=r.line or 1, text=ev[:200])], fw, set()))
        if r.code in heads:
            out |= heads & wanted
    return out


def check_missing(record: ReportRecord, fw: Framework) -> list[Finding]:
    """criterion_missing where the document was read with confidence and shows no trace of the
    criterion; a criterion whose heading the document shows but the tool could not read is a note."""
    have = {c.code for c in record.criteria}
    absent = [c for c in fw.criteria if c.code not in have]
    if not absent:
        return []
    shown = set(record.unread_codes) - others_heading(record, fw)
    # (an absent criterion whose heading the report shows is the tool's known miss, noted as such below: it is no
    # sign of a criterion lost unseen)
    unseen = [c for c in absent if c.code not in shown]
    if len(have) < MIN_READ_SHARE * len(fw.criteria) or len(unseen) > max(MAX_ABSENT, ABSENT_SHARE * len(fw.criteria)):
        # an excerpt, or a reading that lost many criteria at once: neither proves an omission
        return [not_read(None, f"đủ các tiêu chí của bộ {fw.id} (đọc được {len(have)}/{len(fw.criteria)}): "
                         "không kết luận tiêu chí nào bị thiếu")]
    out = []
    for c in absent:
        why = "có tiêu đề trong báo cáo" if c.code in shown else unsure_around(record, fw, c.code)
        out.append(not_read(c.code, f"tiêu chí {c.code} ({why})") if why else
                   Finding(check="criterion_missing", code=c.code, severity="warning",
                           message=f"báo cáo không có tiêu chí {c.code} ({c.title[:60]})"))
    return out


NEIGHBOUR_TITLE = 70
"""A neighbour's block in which the absent criterion's title matches this well (rapidfuzz partial ratio of
the folded texts) may hold that criterion's row: the rows ran together and the tool kept one of them."""


EDGE_WORDS, EDGE_TITLE = 30, 80
TITLE_WORDS_MIN, TITLE_WORDS_SHARE = 5, 0.75
"""An absent criterion's title words that its neighbour's title lacks (at least this many), this share of them in
the neighbour's block: its row was read into that block. (On the three open splits of round 7 the blocks
beside a truly absent criterion hold at most 0,14 of them.)"""
"""The opening (closing) characters of an absent criterion's title that, matched this well (rapidfuzz partial
ratio of the folded texts) in the last (first) twice as many characters of the block before (after) it, show
its row there: a few words are enough where they stand at the block's edge."""


OWN_TITLE = 90
"""A neighbour's own title matched this well in its block is cut out before the block is searched for the absent
criterion's title: titles of one group share their opening words ('Tỷ lệ hồ sơ thủ tục hành chính …'), and the
neighbour's heading is no evidence that the absent row was read into its block."""


def _without_own_title(block: str, own: str, absent: str) -> str:
    """``block`` (folded) with its criterion's own title ``own`` cut out, where the title stands there plainly
    (``OWN_TITLE``) and resembles ``own`` better than it resembles the ``absent`` criterion's title."""
    al = fuzz.partial_ratio_alignment(own, block)
    if al is None or al.score < OWN_TITLE:
        return block
    seg = block[al.dest_start:al.dest_end]
    if fuzz.partial_ratio(absent, seg) >= al.score:
        return block
    return block[:al.dest_start] + " | " + block[al.dest_end:]


def unsure_around(record: ReportRecord, fw: Framework, code: str) -> str | None:
    """Why the place an absent criterion would take may hold it unread (None: it was read cleanly, the
    absence is the report's). The criteria before and after it in the framework's order must be read,
    not noted as shown but unread, and neither block may show the absent criterion's title (a
    neighbour whose cells ran together is no reason by itself: its block holds the title or not);
    between two neighbours there must be no page break (the one before ends on the page where the
    one after starts: a row split by a page break, or a header repeated there, can lose a row). At
    either end of the set the one neighbour decides."""
    codes = [c.code for c in fw.criteria]
    i = codes.index(code)
    got = {c.code: c for c in record.criteria}
    shown = set(record.unread_codes)
    near = [codes[j] for j in (i - 1, i + 1) if 0 <= j < len(codes)]
    for k in near:
        n = got.get(k)
        if n is None or k in shown:
            return f"tiêu chí {k} bên cạnh cũng không đọc được"
        if (why := _holds_title(fw, code, n)) is not None:
            return why
    if len(near) == 2:
        before, after = got[near[0]], got[near[1]]
        broken = before.page is None or after.page is None or (before.page_end or before.page) != after.page
        if broken and not _typed_text_layer(record, before, after):
            return "tiêu chí nằm ở chỗ ngắt trang hoặc không rõ trang"
    return None


def group_row_tally(record: ReportRecord, fw: Framework, c: CriterionRecord) -> str | None:
    """On legacy or OCR text, the group whose tally the fraction read for ``c`` may be: ``c`` opens or closes its
    group, the fraction counts the group's criteria ('02/03' of a group of 3: 'II VE KINH TE SO' / '02/03' of a
    group row wrapped onto the next line, read into the row of its first criterion) and the tool read no tally for
    that group, the fraction written as such counts are, padded to two digits. A table writes a group's tally on its
    group row, just before the group's first row, and a narrative after its last ('=> Kết quả nhóm: đạt 08/09'):
    such a fraction is no result of the criterion's."""
    if not _unsure_text(c) or c.numerator is None or not c.denominator or c.numerator > c.denominator:
        return None
    # (a count of criteria as reports write it, padded to two digits: '02/03', '08/11'; a result's '5/6 thôn' is not)
    if not regex.fullmatch(r"\s*(?:0\d\s*/\s*\d{2,}|\d{2,}\s*/\s*0\d)\s*", c.fraction_raw or ""):
        return None
    code = fw.group_of.get(c.code)
    group = next((g for g in fw.groups if g.code == code), None)
    if group is None or len(group.criteria) != c.denominator \
            or c.code not in (group.criteria[0].code, group.criteria[-1].code):
        return None
    read = next((g for g in record.groups if g.code == code), None)
    if read is not None and read.reported_passed is not None \
            and (read.reported_passed, read.reported_total) != (c.numerator, c.denominator):
        return None  # a different tally was read for the group: the fraction is not it
    return group.code


def absorbed(record: ReportRecord, fw: Framework) -> dict[str, str]:
    """Criteria read whose block holds the row of a neighbouring criterion the tool did not read (absent from
    the record: its title, its opening or closing words, or most of its own words stand in the block), each with
    that criterion's code. On legacy or OCR text such a block is two rows run together: its numbers, target and
    verdict may be the absent row's, so none of them is evidence against the criterion read."""
    codes = [c.code for c in fw.criteria]
    got = {c.code: c for c in record.criteria}
    out: dict[str, str] = {}
    for i, code in enumerate(codes):
        if code in got:
            continue
        for j in (i - 1, i + 1):
            n = got.get(codes[j]) if 0 <= j < len(codes) else None
            if n is not None and n.code not in out and _holds_title(fw, code, n) is not None:
                out[n.code] = code
    return out


def _holds_title(fw: Framework, code: str, n: CriterionRecord) -> str | None:
    """Why the block of the criterion read ``n`` shows the row of the absent criterion ``code`` (None: it
    does not)."""
    codes = [c.code for c in fw.criteria]
    i = codes.index(code)
    k = n.code
    title = match_key(fw.by_code[code].title)
    block = _without_own_title(match_key(n.evidence), match_key(fw.by_code[k].title), title)
    # (a block shorter than the title cannot hold it: partial_ratio would look for the block in the title)
    if len(block) > len(title) and fuzz.partial_ratio(title, block) >= NEIGHBOUR_TITLE:
        return f"đoạn của tiêu chí {k} bên cạnh có tiêu đề giống tiêu chí này"
    # the block before ends with the title's opening words, or the block after begins with its closing
    # ones ('… 100% cac h8 thông thong' closing criterion 13's block): the absent row starts or ends there,
    # its number lost in the reading
    edge = fuzz.partial_ratio(title[:EDGE_WORDS], block[-2 * EDGE_WORDS:]) if codes.index(k) < i \
        else fuzz.partial_ratio(title[-EDGE_WORDS:], block[:2 * EDGE_WORDS])
    if len(title) > EDGE_WORDS and edge >= EDGE_TITLE:
        return f"đoạn của tiêu chí {k} bên cạnh {'kết thúc' if codes.index(k) < i else 'bắt đầu'} bằng tiêu đề tiêu chí này"
    # the absent criterion's own count target and its unit stand in the neighbour's block ('20.000 co 16.067 luot' of
    # a target '20.000 lượt' in the block of a criterion counted in persons): its row's cells were read there
    if _target_and_unit_in(fw.by_code[code].target, fw.by_code[k].target, block):
        return f"đoạn của tiêu chí {k} bên cạnh có chỉ tiêu và đơn vị của tiêu chí này"
    # the absent title's own words (those the neighbour's title lacks) stand in the neighbour's block, however
    # scattered ('So luot truy câp Trang thong … tin dien tu cua xd trong nam' in a legacy row run together)
    own = set(title.split()) - set(match_key(fw.by_code[k].title).split())
    if len(own) >= TITLE_WORDS_MIN and len(own & set(block.split())) >= TITLE_WORDS_SHARE * len(own):
        return f"đoạn của tiêu chí {k} bên cạnh có các chữ của tiêu đề tiêu chí này"
    return None


def _target_and_unit_in(target: Target | None, own: Target | None, block: str) -> bool:
    """The count target ``target`` of an absent criterion (a unit other than '%', a value of at least two digits)
    stands in ``block`` (folded) with its unit's first word, where the neighbour's own target has another unit."""
    if target is None or target.unit == "%" or target.value < 10 or (own is not None and own.unit == target.unit):
        return False
    v = target.value
    # (as reports write a count: '20000', '20.000', '20 000')
    written = {f"{int(v)}", f"{int(v):,}".replace(",", "."), f"{int(v):,}".replace(",", " ")} if v == int(v) \
        else {format_vn(v, 2)}
    unit = fold_form(target.unit).split()[0]
    words = set(block.split())
    return unit in words and any(regex.search(rf"(?<![\d.,]){regex.escape(w)}(?![\d]|[.,]\d)", block) for w in written)


def _typed_text_layer(record: ReportRecord, *around: CriterionRecord) -> bool:
    """A narrative report whose every page is a text layer (no OCR), the criteria around a page break read with
    their diacritics: each criterion heads its own paragraph, the document's titles were searched on text as
    typed, and an absent criterion whose title heads no line (it is not among ``unread_codes``) is absent from the
    report, page break or not. (Not a table: a row lost at a page break keeps its title inside a cell, where no
    line starts with it.)"""
    return record.layout == "narrative" and bool(record.page_sources) \
        and all(s == "text-layer" for s in record.page_sources) \
        and all(c.page is not None and has_diacritics(c.evidence) for c in around)


def check_groups(record: ReportRecord) -> list[Finding]:
    out = []
    for g in record.groups:
        if g.reported_passed is None:
            continue
        if g.reported_passed != g.counted_passed or g.reported_total != g.criteria_total:
            whole = record.summary.criteria_total if record.summary else None
            if g.reported_total != g.criteria_total and g.reported_total == whole:
                # 'đạt 14/23' beside a group of 3: the whole framework's tally, placed by the tool in this group
                out.append(not_read(g.code, f"tổng hợp của nhóm {g.code} (ghi {g.reported_passed}/{g.reported_total}: "
                                    f"số tiêu chí của cả bộ, không phải của nhóm)", g.page))
                continue
            out.append(Finding(
                check="group_tally_mismatch", code=g.code, page=g.page,
                message=(f"nhóm {g.code}: báo cáo ghi đạt {g.reported_passed}/{g.reported_total}, "
                         f"đếm được {g.counted_passed}/{g.criteria_total}")))
    return out


def check_summary(record: ReportRecord) -> list[Finding]:
    s = record.summary
    if s is None or s.reported_passed is None:
        return []
    if s.reported_passed == s.counted_passed and s.reported_total == s.criteria_total:
        return []
    return [Finding(check="summary_tally_mismatch", code=None, page=s.page,
                    message=(f"báo cáo ghi đạt {s.reported_passed}/{s.reported_total}, "
                             f"đếm được {s.counted_passed}/{s.criteria_total}"))]
