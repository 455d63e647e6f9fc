"""Numbers as Vietnamese reports write them: 277.441, 1.757.251.138, 99,6 %, 15424/15378.

Every parser returns the value together with its span in the text it was given, so the
raw text stays beside the parsed value. Dates (18/3/2024) and document numbers
(969/QĐ-UBND, 54/2017/TT-BYT) are never fractions.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from rapidfuzz.distance import Levenshtein

from extractors.vocab import has_diacritics, tally_nouns
from ingest.normalize import fold_chars

_INT = r"\d{1,3}(?:\.\d{3})+(?!\d)|\d+"
_SPACED = r"\d{1,3}(?:[ \u00a0\n]\d{3})+(?!\d)"
"""'15 424': thousands grouped by spaces, taken only when both sides of a fraction are grouped so.
A line break stands for the space where the value wrapped ('2 722/2⏎769', '91⏎971/128 850')."""
FRACTION_RE = regex.compile(
    rf"(?<![\d/.,])(?:(?P<num>{_SPACED})\s*/\s*(?P<den>{_SPACED})|(?P<num>{_INT})\s*/\s*(?P<den>{_INT}))"
    r"(?!\d|/\s*\w|\s+/\s*\d|[.,]\d)"
)
"""No third part after it ('18/3/2024', '54/2017/TT-BYT', '12/2024 / 2025'); a slash with a space before it and
words after ('20/20 / chỉ tiêu 18 xã': the result, then the target) separates, it continues nothing."""
PERCENT_RE = regex.compile(r"(?<![\d.,/])(?P<val>\d{1,3}(?:[.,]\d{1,2})?)\s*%")
PERCENT_LOOSE_RE = regex.compile(r"(?<![\d.,/])(?P<val>\d{1,3}(?:[.,] ?\d{1,2})?)\s*%")
"""OCR splits '63,1%' as '63, 1%'; only used on OCR'd text."""


@dataclass(frozen=True)
class Fraction:
    numerator: int
    denominator: int
    start: int
    end: int
    raw: str
    apart: bool = False
    """Read from a worded fraction whose halves other cells' words separate ('2 781 trên tổng' … 'số 3 644
    hồ sơ', a wrapped result cell run together with its row): only a percent it gives is its own."""


@dataclass(frozen=True)
class Percent:
    value: float
    start: int
    end: int
    raw: str


_BLANKS = regex.compile(r"[ \u00a0\n]")
_DOT_GROUPED = regex.compile(r"\d{1,3}(?:\.\d{3})+")
_DIGITS = regex.compile(r"\d+")
_COMMA_DECIMAL = regex.compile(r"\d+(?:,\d+)?")
_DOT_DECIMAL = regex.compile(r"\d+\.\d{1,2}")
_SPACE = regex.compile(r"\s")
_DECIMALS = regex.compile(r"[.,]\s?(\d+)\s*%?\s*$")


def parse_int(raw: str) -> int | None:
    """'277.441' → 277441; '15424' → 15424; None for anything else."""
    s = _BLANKS.sub("", raw.strip())
    if _DOT_GROUPED.fullmatch(s):
        return int(s.replace(".", ""))
    if _DIGITS.fullmatch(s):
        return int(s)
    return None


def parse_decimal(raw: str) -> float | None:
    """'99,7' → 99.7; '30,77' → 30.77; '100' → 100.0; '9.6' → 9.6 (a dot before 1-2 digits is decimal)."""
    s = raw.strip().replace(" ", "")
    if _COMMA_DECIMAL.fullmatch(s):
        return float(s.replace(",", "."))
    if _DOT_DECIMAL.fullmatch(s):
        return float(s)
    v = parse_int(s)
    return float(v) if v is not None else None


def _is_date(num: int, den: int, raw_num: str, raw_den: str) -> bool:
    # "tháng 9/2023": month/year
    return 1 <= num <= 12 and 1900 <= den <= 2100 and "." not in raw_den


_PERCENT_NEXT = regex.compile(r"\s*(?:\(|=)\s*(?P<val>\d{1,3}(?:[.,]\d{1,2})?)\s*%")


def _gives_percent(text: str, end: int, num: int, den: int) -> bool:
    """A month/year look-alike ('6/2026') that the percent right after it gives ('6/2026 (0,3%)',
    '7/2024 = 0,29%'): a fraction, as the percent shows; a date is never followed by its own ratio."""
    m = _PERCENT_NEXT.match(text, end)
    if m is None:
        return False
    v = parse_decimal(m["val"])
    return v is not None and v > 0 and abs(num / den * 100 - v) <= percent_tolerance(m["val"] + "%")


_GROUP_AFTER = regex.compile(r"[ \u00a0\n](\d{3})(?!\d|[/.,]\d|\s*/)")
"""The whole's last three digits after a space, or on the next line when the value wrapped ('7/1⏎353')."""
_GROUP_BEFORE = regex.compile(r"(?<![\d/.,])(\d{1,3})[ \u00a0]$")


_WORD = r"[^\W\d_]+"
_NOUN_WORD = r"[^\W\d_](?:[^\W_]|&)*"
"""A noun's word as legacy OCR may write it: a letter, then letters, digits or '&' ('ngu&i', 'c&', 'cu6c', 'h8')."""
_WORDED_NUMBER = rf"(?:{_SPACED}|{_INT})"
_NOT_AFTER_OP = r"(?<![<>≤≥]=?\s{0,2}(?:\d{1,3}[ \u00a0])?)"
"""A number right after a target op ('≥85 trên 2 855 hộ': the target, then the fraction's whole) is the
target's value, never a fraction's part; typed ops too ('>=85', '=>85')."""
WORDED_FRACTION_RE = regex.compile(
    rf"(?<![\d/.,]){_NOT_AFTER_OP}(?P<num>{_WORDED_NUMBER})"
    rf"(?:\s+tren\s+tong\s+s[o068bd&]\s+|\s+tren\s+|\s+(?P<noun>{_NOUN_WORD}(?:\s+{_NOUN_WORD}){{0,2}})\s*/\s*)"
    rf"(?P<den>{_WORDED_NUMBER})(?![\d/]|[.,]\d)"
)
"""'15.424 trên tổng số 15.378 hồ sơ', '15.424 trên 15.378 hồ sơ', '15.424 hồ sơ/15.378 hồ sơ': a
fraction written with words (matched on the folded, lower-cased text; legacy OCR writes 'số' 's0',
's6', 'sb', 'sd'). 'A trên B' needs a noun or a
bracket after B and is never a tally ('đạt 4 trên 5 tiêu chí') nor a per-100 unit ('52 trên 100 dân');
'A noun/B' needs the same noun after B."""
_AFTER_WORDED = regex.compile(rf"\s*(?:\)|(?P<word>{_NOUN_WORD}(?:\s+{_NOUN_WORD}){{0,2}}))")
_TALLY_NOUN = regex.compile(rf"\s*(?:{tally_nouns(garbled=False, kinds=('criteria', 'other'))})\b")
_PER_HUNDRED = regex.compile(r"\s*(?:dan|ho|nguoi)\b")
_QUARTER = regex.compile(r"i{1,3}|iv")
"""A quarter or half of a year written in Roman numerals before '/year' ('Quý III/2024', '6 tháng I/2025')."""


def _same_noun(a: list[str], b: list[str], legacy: bool) -> bool:
    """The noun on both sides of 'A noun/B noun' (its words ``a`` before the slash, ``b`` after the
    second number): the same head word; on legacy OCR text (``legacy``) also its words as OCR garbled
    them on one side ('ngu&i' / 'nguoi', 'cu6c kiem tra' / 'cuoc kiem tra', 'h8 thong' / 'he thong'):
    as many words as the shorter side has, as long (or one letter longer: 'ngiroi' / 'nguoi'), the same
    first letter, at most half the letters (one at least) read otherwise."""
    if a[0] == b[0]:
        return True
    if not legacy:
        return False
    n = min(len(a), len(b))
    x, y = " ".join(a[:n]), " ".join(b[:n])
    if x[0] != y[0]:
        return False
    if len(x) == len(y):
        return sum(p != q for p, q in zip(x, y, strict=True)) <= max(1, len(x.replace(" ", "")) // 2)
    # one letter read as two ('ngiroi' / 'nguoi': 'ư' as 'ir', 'đ' as 'cl'): one letter longer, as many edits
    return abs(len(x) - len(y)) == 1 and Levenshtein.distance(x, y) <= max(1, min(len(x), len(y)) // 2)


def _worded_fractions(text: str) -> list[Fraction]:
    folded = fold_chars(text).lower()
    legacy = not has_diacritics(text)
    out = []
    for m in WORDED_FRACTION_RE.finditer(folded):
        num, den = parse_int(m["num"]), parse_int(m["den"])
        if num is None or den is None or den == 0 or _TALLY_NOUN.match(folded, m.end()):
            continue
        after = _AFTER_WORDED.match(folded, m.end())
        if m["noun"] is not None:
            # the noun on both sides ('hồ sơ/15.378 hồ sơ'), its head word at least
            if after is None or after["word"] is None or not _same_noun(m["noun"].split(), after["word"].split(), legacy):
                continue
        elif after is None or (den == 100 and _PER_HUNDRED.match(folded, m.end())):
            continue
        if m["noun"] is not None and _is_date(num, den, m["num"], m["den"]):
            continue  # 'A trên B' is never a date ('7 trên 1 941 hồ sơ' is no 'tháng 7/1941')
        if m["noun"] is not None and _QUARTER.fullmatch(m["noun"].split()[-1]) and _is_date(1, den, "1", m["den"]):
            continue  # the noun ends in a quarter of a year: '35.849 lượt … Quý III/2024 lượt' is no 35 849/2024
        out.append(Fraction(num, den, m.start(), m.end(), text[m.start():m.end()]))
    return out


_SO = r"s[o068bd&]"
_APART_GAP = rf"(?P<gap>\s(?!{_SO}\s)(?:[^\d/,;.:()]|(?<=\p{{L}})\d|\d(?=\p{{L}})){{1,80}}?\s)"
"""Other cells' words: no number, slash, bracket or clause mark (a digit only inside a word, legacy OCR's
'T0i thieu'), and not the phrase's own 'số' first."""
APART_WORDED_RE = regex.compile(
    rf"(?<![\d/.,]){_NOT_AFTER_OP}(?P<num>{_WORDED_NUMBER})\s+tren"
    rf"(?:\s+tong(?=\s){_APART_GAP}{_SO}\s+|(?=\s){_APART_GAP}tong\s+{_SO}\s+)"
    rf"(?P<den>{_WORDED_NUMBER})(?![\d/]|[.,]\d|\s*%)"
)
"""'A trên tổng số B' whose result cell wrapped in a table row run together with the other cells' lines: the
phrase broken inside itself, after 'trên' or 'trên tổng', other cells' words (no number, no slash) between its
halves ('2 781 tren tong  T0i thieu Chwa dat % s6 3 644 ho so'); the rest of the phrase ('tổng số', 'số') must
open the second half, the whole's noun (or a bracket) follow it. A phrase whole before the gap ('đạt 4 trên tổng
số các xã, số 5 xã') is no fraction. Matched on the folded, lower-cased text."""


def _apart_fractions(text: str) -> list[Fraction]:
    folded = fold_chars(text).lower()
    out = []
    for m in APART_WORDED_RE.finditer(folded):
        num, den = parse_int(m["num"]), parse_int(m["den"])
        if num is None or den is None or den == 0 or num > den or _TALLY_NOUN.match(folded, m.end()):
            continue
        if regex.search(r"(?<![a-z])tren(?![a-z])", m["gap"]):
            continue
        after = _AFTER_WORDED.match(folded, m.end())
        if den == 100 and _PER_HUNDRED.match(folded, m.end()):
            continue
        if after is None and not any(p.start >= m.end() and abs(num / den * 100 - p.value) <= percent_tolerance(p.raw)
                                     for p in find_percents(text)):
            # the whole's noun (or a bracket) after it, as in every 'A trên tổng số B'; where another cell's
            # number follows the whole ('tong so 20 856 90% thanh … ho so (99.0%)'), the percent it gives
            continue
        out.append(Fraction(num, den, m.start(), m.end(), text[m.start():m.end()], apart=True))
    return out


_BRACKETED_APART_RE = regex.compile(
    rf"(?P<pct>(?<![\d.,/])\d{{1,3}}[.,]\d{{1,2}})\s*%\s*\(\s*(?P<num>{_WORDED_NUMBER})(?![\d/]|[.,]\d|\s*%)"
    rf"(?P<gap>\s(?:[^\d()/;:\n<>≤≥]|(?<=\p{{L}})\d|\d(?=\p{{L}})|[<>≤≥]=?\s?\d{{1,3}}(?![\d.,])){{1,60}}?)\s+tren\s+(?:tong\s+{_SO}\s+)?(?P<den>{_WORDED_NUMBER})(?![\d/]|[.,]\d|\s*%)"
)
"""'92,68% (2 646 trên 2 855 hồ sơ)' whose result cell wrapped in a table row run together with the other
cells' lines: the part right after the bracket that a percent with decimals opens, other cells' words (a
target among them: '≥85', '≥85%', but no other number: '100%' is another statement) between it and 'trên B'
('92.68% (2 646 Hoàn  % ≥85 tren 2 855 ho'). Read only
where the stated percent is the part's share of the whole to its last decimal. Matched on the folded,
lower-cased text."""


def _bracketed_apart(text: str) -> list[Fraction]:
    folded = fold_chars(text).lower()
    out = []
    for m in _BRACKETED_APART_RE.finditer(folded):
        num, den, pct = parse_int(m["num"]), parse_int(m["den"]), parse_decimal(m["pct"])
        if num is None or den is None or pct is None or den == 0 or num > den or regex.search(r"\btren\b", m["gap"]):
            continue
        if abs(num / den * 100 - pct) > percent_tolerance(m["pct"] + "%"):
            continue
        out.append(Fraction(num, den, m.start("num"), m.end(), text[m.start("num"):m.end()], apart=True))
    return out


def find_fractions(text: str) -> list[Fraction]:
    out = _slashed_fractions(text)
    for f in _worded_fractions(text) + _apart_fractions(text) + _bracketed_apart(text):
        # a slashed one that starts inside a worded one is its noun's last word glued to the slash, a
        # digit of it OCR's letter ('3.489 hop tac x3/4.996 hop tac xa': not '3/4.996')
        out = [g for g in out if not (f.start < g.start < f.end and f.start < g.end)]
        if not any(g.start < f.end and f.start < g.end for g in out):
            out.append(f)
    return sorted(out, key=lambda f: f.start)


def _slashed_fractions(text: str) -> list[Fraction]:
    out = []
    for m in FRACTION_RE.finditer(text):
        num, den = parse_int(m["num"]), parse_int(m["den"])
        if num is None or den is None or den == 0:
            continue
        start, end = m.start(), m.end()
        if num > den and not _SPACE.search(m["den"]):
            # "183/1 146": the whole's thousands grouped by a space (a wrapped cell); read so only
            # when that makes the part no larger than the whole
            g = _GROUP_AFTER.match(text, end)
            if g and num <= den * 1000 + int(g[1]):
                den, end = den * 1000 + int(g[1]), g.end()
        if num < den and not _SPACE.search(m["num"]) and num < 1000:
            b = _GROUP_BEFORE.search(text, 0, start)
            if b and den >= 1000 and int(b[1]) * 1000 + num <= den and den < 1000 * (int(b[1]) + 1) * 10:
                # "4 702/4 702" read from its second half: the part's thousands before it
                num, start = int(b[1]) * 1000 + num, b.start()
        if _is_date(num, den, m["num"], m["den"]) and not _gives_percent(text, end, num, den):
            continue
        # a document number such as 969/QĐ-UBND never gets here (den must be digits);
        # 54/2017/TT-BYT and 18/3/2024 are excluded by the lookahead.
        out.append(Fraction(num, den, start, end, text[start:end]))
    return out


_FORMULA_FACTOR = regex.compile(r"(?:(?<![^\W\d_])x|×|\*)\s*$")
"""'(Số hồ sơ trễ hạn / Tổng số hồ sơ) x 100%': the factor of a formula, never a stated percent."""


def find_percents(text: str, loose: bool = False) -> list[Percent]:
    pat = PERCENT_LOOSE_RE if loose else PERCENT_RE
    out = []
    for m in pat.finditer(text):
        v = parse_decimal(m["val"])
        if v is None or _FORMULA_FACTOR.search(text, max(0, m.start() - 4), m.start()):
            continue
        out.append(Percent(v, m.start(), m.end(), m.group(0)))
    return out


def format_vn(value: float, decimals: int = 2) -> str:
    """99.7 → '99,70' (Vietnamese decimal comma)."""
    return f"{value:.{decimals}f}".replace(".", ",")


def decimals_of(raw: str) -> int:
    """How many decimals a written percent has ('99,7%' → 1, '92%' → 0)."""
    m = _DECIMALS.search(raw.strip())
    return len(m.group(1)) if m else 0


def percent_tolerance(raw: str | None) -> float:
    """Half a unit of a written percent's last decimal (plus float slack): how far x/y may be from the percent
    and still be it, rounded as written."""
    return 0.5 * 10 ** (-(decimals_of(raw) if raw else 0)) + 1e-9
