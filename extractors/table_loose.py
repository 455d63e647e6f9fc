"""Loose lines (legacy OCR text, rows split across a page): a row's text wraps above and below
the line that carries its code, and each line is given to the nearest code whose title it continues."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache, partial

import regex
from rapidfuzz import fuzz

from extractors.catalog import Criterion, Framework, Target
from extractors.measure import TargetHit, _with_direction, agrees, criterion_units, find_targets, is_deadline_year, parse_target_cell
from extractors.narrative import is_closing, is_reference
from extractors.numbers import Fraction, Percent, find_fractions, find_percents, parse_decimal, parse_int
from extractors.record import CriterionRecord
from extractors.table_header import header_lines
from extractors.table_row import (
    _cell_code,
    _free,
    _mask_title_words,
    _record,
    _roman,
    _row_verdict,
    _title_ok,
    columns_fraction,
    stt_candidates,
)
from extractors.tallies import Claim
from extractors.text import Span
from extractors.titles import TitleSpan, is_title, title_prefix
from extractors.verdicts import parse_verdict, verdict_hint
from extractors.vocab import fold_form, has_diacritics, ocr_form, vocabulary
from ingest.models import Line
from ingest.normalize import fold_chars, match_key

# a running STT number may stand before the code ("9 2.3 Tỷ lệ …"): STT and code columns side by side
_ANCHOR = regex.compile(r"^\s*(?:(?P<stt>\d{1,3})\s+)?(?P<a>\d{1,2})\s*[.,]\s*(?P<b>\d{1,2})(?![\d%/]|[.,]\d)\s*[.,]?(?:\s+|\s*$)")
# "12 1ong ghép" (lồng): a garbled word; "4 70% thể: …", "26 27,8 % Chưa đạt": a percent cell right after the STT
# "17 11/11 sản phẩm": the result's fraction (not "1 473/1 589", a thousands group before it);
# "38" alone: every cell of the row wrapped off its code line; "12 3 3 100 %", "1 22849 29322 78%": the part
# and whole columns and the rate right after the STT (the title wrapped off the line); "9 26222 luot", "7 21 cu9c
# kiem": the result cell's count and its noun right after the STT
_INT_ANCHOR = regex.compile(r"^\s*(\d{1,2})(?:\s+(?=\D|\d\p{L}|\d{1,3}(?:,\d{1,2})?\s*%|\d{1,2}\s*/\s*\d"
                         r"|(?:\d{1,6}(?:\.\d{3})*\s+){1,4}\d{1,3}(?:[.,]\d{1,2})?\s*%"
                         r"|\d{1,6}(?:[.,]\d{1,3})?\s+\p{L}[\p{L}\d])|\s*$)")
_GROUP_ROW = regex.compile(r"^\s*(?:\d{1,2}|[ivx]{1,4})\s*[.|]?\s+v[eé&€8]\s", regex.I)


_SUMMARY_LINE = regex.compile(r"^(?:tong hop|tong so|tong cong|ket luan|ket qua chung)\b"
                           r"|\b\d{1,2}\s*(?:/|tren)\s*\d{1,2}\s+(?:chi tieu|tieu chi|chi so)\b")
"""A closing tally line ('Tổng hợp: …', 'Kết quả chung: đạt 35/43', '… có 4/5 chỉ số đạt', '… đạt 7 trên
10 tiêu chí'): no row's cell."""


_FORMULA_TAIL = regex.compile(r"^\s*\d{1,3}\s*%\s*$")
_TIMES_END = regex.compile(r"(?:\s[xX]|[×*])\s*$")
"""A line that ends an explanation column's formula ('… / Tổng số hộ) x') and the '100%' after it."""

_FOOTNOTE_LINE = regex.compile(r"^\s*(?:\(\s*\*{1,3}\s*\)|\*{1,3}|[¹²³⁴⁵])\s*\p{Lu}")


_NAMED_GROUP_ROW = regex.compile(r"^\s*(?:\d{1,2}|[IVX]{1,4})\s*[.)/|]?\s+(?P<name>(?:\p{Lu}{2,}\s+){2,}).*?"
                                  r"(?<![\d/.,])\d{1,2}\s*/\s*\d{1,2}\s*$")
"""A group's row in capitals that ends with its tally ('3 HOẠT ĐỘNG CHÍNH QUYỀN SỐ đạt 03/04'), also
where the framework (a draft) does not know the group's name."""


_CLOSING_SENTENCE = regex.compile(r"^tr[eê]n\s+d[a4â]y\s+l[aà]\b")
"""The report's closing sentence under its table ('Trên đây là báo cáo kết quả …', 'Tren day la …'): no row's
cell, and its 'đây' is no garbled 'Đạt'."""


def _is_boundary(line: Line, fw: Framework) -> bool:
    """Where loose rows stop: group rows, header lines, the closing, a summary tally line
    ('Tổng hợp kết quả tự đánh giá: 08/12 chỉ tiêu đạt')."""
    key = match_key(line.text)
    return (bool(_GROUP_ROW.match(fold_chars(line.text))) or is_closing(key) or bool(_CLOSING_SENTENCE.match(key))
            or bool(regex.match(r"^s?tt\s", key))
            or _group_row(key, fw) or bool(_SUMMARY_LINE.search(key)) or bool(_NAMED_GROUP_ROW.match(line.text))
            or _tallied_group(line.text, fw) is not None)


_TALLIED_GROUP = regex.compile(r"^\s*(?P<g>\d{1,2}|[IVX]{1,4})\s*[.)|]?\s+(?P<name>[^\W\d_].*?)\s+"
                               r"(?:[dpb][a4i][tyr]\s*:?\s*)?(?P<x>\d{1,2})\s*/\s*(?P<y>\d{1,2})\s*$", regex.I)


def _tallied_group(text: str, fw: Framework) -> str | None:
    """A group's row that ends with its tally ('1 Nhận thức số và thể chế số đạt 01/03', '2 Ha tang va nen
    tang sb dat 03/03'): its number is a group's, no number among its words (OCR digits inside a word
    count as letters: 's6'), the tally's total that group's size, the words none of its criteria's
    title. Where the framework (a draft) does not know the group's name and OCR left no capitals."""
    m = _TALLIED_GROUP.match(fold_chars(text))
    if m is None:
        return None
    code = m["g"].upper()
    g = next((x for x in fw.groups if x.code.upper() == code or _roman(code) == x.code), None)
    words = m["name"].split()
    if g is None or int(m["y"]) != len(g.criteria) or int(m["x"]) > int(m["y"]) or len(words) < 2 \
            or any(regex.fullmatch(r"[\d.,/%()]+", w) for w in words):
        return None  # a number among its words: a criterion's row with a result ('1 Kế hoạch … 2 3/3')
    if any(title_prefix(m["name"], c.keys, skip_first=False).words >= 3 for c in g.criteria):
        return None  # a criterion's row whose result is a fraction ('1 Tỷ lệ thôn có Tổ … đạt 11/11')
    return g.code


def _group_row(key: str, fw: Framework) -> bool:
    """A group's row: its code in the STT column and its name ("IV Phát triển kinh tế số")."""
    return _group_code(key, fw) is not None


_NON_WORD = regex.compile(r"\W|_")


def _group_code(key: str, fw: Framework) -> str | None:
    """The group whose row ``key`` is, or None."""
    code, _, rest = key.partition(" ")
    code = _NON_WORD.sub("", code)  # OCR debris around the number: "2_", "II."
    if not rest or len(rest) > 80:
        return None
    for g in fw.groups:
        if code == g.code.lower() or _roman(code) == g.code:  # "II" numbers group 2 as well
            names = [match_key(t) for t in (g.title, *g.aliases)]
            # the row holds the name and at most a tally ('Đạt 2/5'), not a title that starts with
            # the same words ('1 tiêu chí chuyển đổi số cấp xã …' under 'Tiêu chí chung')
            return g.code if any(fuzz.ratio(rest[:len(n) + 2], n) >= 75 and len(rest) <= len(n) + 16
                                 for n in names) else None
    return None


_ROW_TALLY = regex.compile(r"(?:\b(?:[dpb][a4i][tyr]|dat)\s*:?\s*)?(?<![\d/.,])(\d{1,2})\s*/\s*(\d{1,2})\s*\)?\s*$")


def group_row_claims(lines: list[Line], fw: Framework) -> list[Claim]:
    """Tallies on a table's group rows in loose text: 'I HA TANG SO 3/6', '1 VE CHINH QUYEN SO Dat 2/5'.
    The fraction that ends a group row is that group's tally when its total is the group's size."""
    sizes = {g.code: len(g.criteria) for g in fw.groups}
    out: list[Claim] = []
    for ln in lines:
        if ln.cells:
            continue
        key = match_key(ln.text)
        m = _ROW_TALLY.search(fold_chars(ln.text))
        if m is None:
            continue
        g = _group_code(match_key(ln.text[:m.start()]), fw) or _tallied_group(ln.text, fw)
        if g is None or "/" not in key:
            continue
        x, y = int(m[1]), int(m[2])
        if y == sizes[g] and x <= y and all(c.group != g for c in out):
            out.append(Claim(g, x, y, ln.text[m.start():m.end()].strip(), ln.page))
    return out


def _title_wording(line: Line, code: str, fw: Framework, above: str | None = None) -> bool:
    """A number at a line start that is the title's own wording ("03 cấp từ cấp tỉnh …"), not a code:
    of the criterion it would be, its neighbours, or the row above, whose title wraps on below its
    code line ('12 Số tài khoản … của người dân từ' / … / '15 tuổi trở lên' is no row 15)."""
    codes = [c.code for c in fw.criteria]
    at = codes.index(code)
    for near in dict.fromkeys(codes[max(0, at - 1):at + 2] + ([above] if above else [])):
        if title_prefix(line.text, fw.by_code[near].keys, skip_first=False).words >= 3:
            return True
    return False


def _reads_like(lines: list[Line], i: int, off: int, crit: Criterion) -> bool:
    """Whether the lines around line ``i`` carry the indicator's title (its start, or enough of it)."""
    window = [x for x in lines[max(0, i - 3):i + 4] if not x.cells]
    if _title_ok(" ".join(x.text for x in window), crit) >= 70:
        return True
    words = sum(title_prefix(x.text[off:] if x is lines[i] else x.text, crit.keys).words for x in window)
    return words >= 8


@lru_cache(maxsize=1)
def _cell_ops() -> dict[str, tuple[str, ...]]:
    """The vocabulary's ``loose_cell_ops`` by role ('symbol', 'mark', 'number', 'wrapped', 'apart'), folded."""
    out: dict[str, list[str]] = {}
    for row in vocabulary().raw["loose_cell_ops"]:
        for role in row[1].split():
            out.setdefault(role, []).append(fold_form(row[0]))
    return {role: tuple(words) for role, words in out.items()}


def _symbols() -> str:
    return "[" + "".join(regex.escape(c) for c in _cell_ops()["symbol"]) + "]"


def _fraction_words() -> frozenset[str]:
    """The vocabulary's ``loose_fraction_words``, folded: 'trên' of '11 trên 18 cơ sở'."""
    return frozenset(fold_form(r[0]) for r in vocabulary().raw.get("loose_fraction_words", []))


def _op_word(w: str) -> str:
    """An op word's pattern; a fraction word ('trên') right after a number and before a number with
    no '%' is the fraction's ('11 trên 18 cơ sở', '431 trên 1 801 hộ'), no op."""
    if w in _fraction_words():
        e = regex.escape(w)
        return rf"(?!(?<=\d[ \t]{{1,3}}){e}[ \t]+\d+(?:[.,]\d+)*(?![\d.,])(?![ \t]*%)){e}"
    return regex.escape(w)


def _words(role: str) -> str:
    return "|".join(_op_word(w) for w in sorted(_cell_ops()[role], key=len, reverse=True))


@lru_cache(maxsize=1)
def _op_mark() -> regex.Pattern:
    """An op written in a loose row: a symbol, a 'mark' word, 'từ' with its 'trở lên', a 'quá' not
    of 'kết quả' / 'quá hạn' ('Không' / 'quá 24 giờ' wrapped apart)."""
    words = "|".join(rf"\b{_op_word(w)}\b" for w in _cell_ops()["mark"])
    return regex.compile(rf"{_symbols()}|{words}|\btu\b.{{0,24}}\btro\s+len\b|(?<!\bket\s)\bqua\b(?!\s+han)")


_RESULT_BEFORE = regex.compile(r"(?:\b[dp]a[ty]|\bt[yi]\s*[l1i|]\S?|=|\buoc)\s*(?:t[yi]\s*[l1i|]\S?\s*)?:?\s*$")
"""What introduces a result percent: 'đạt', 'tỷ lệ' / 'tỉ lệ' (garbled 'ty 1€', 'ty I¢'), '=', 'ước'."""


@lru_cache(maxsize=1)
def _unit_then_number() -> regex.Pattern:
    """The unit column's bare '%', then the target column's bare number, its op word or symbol before it."""
    return regex.compile(rf"(?<!\d\s?)(?<!\S)%\s+((?:{_words('number')})\s+|{_symbols()}=?\s*)?"
                         r"(\d{1,3}(?:,\d{1,2})?)(?![\d,%/]|\.\d|\s*%)")


def _title_wording_at(folded: str, end: int, crit: Criterion) -> bool:
    """Whether the number ending at ``end`` and the word after it are the title's own wording
    ('từ 15 tuổi trở lên' of a title), not a target cell."""
    num = regex.search(r"[\d,]+$", folded[:end])
    nxt = regex.match(r"\s+([^\s\d]\S*)", folded[end:])
    if num is None or nxt is None:
        return False
    words = f" {num.group(0)} {match_key(nxt[1])} "
    return any(words in f" {k} " for k in crit.keys)


@lru_cache(maxsize=1)
def _bare_op_number() -> regex.Pattern:
    return regex.compile(rf"\b({_words('number')})\s+(\d{{1,3}}(?:,\d{{1,2}})?)(?![\d,%/]|\.\d|\s*%)")


def _unit_column_target(mine: str, text: str, crit: Criterion) -> tuple[Target, str] | None:
    """A loose row whose unit column (ĐVT) prints a bare '%' on the code line: the target column's
    bare number beside it ('2 % 90', '3 % Dưới 2') or, when that cell wrapped, the op-marked bare
    number elsewhere in the row ('Từ 80 trở' / '1 … %' / 'lên'), read with the unit '%'."""
    if crit.target is not None and crit.target.unit != "%":
        return None
    folded = _fold_ops(mine)
    raws = []
    if (m := _unit_then_number().search(folded)) is not None:
        raws.append(mine[m.start(1) if m[1] else m.start(2):m.end(2)])
    # the number beside the '%' may be another cell's ('2 % 157 = 95,45': a whole's wrapped group, no
    # percent target): then the op-marked bare number elsewhere in the row
    if regex.search(r"(?<!\d\s?)(?<!\S)%(?!\S)", folded) and (b := next(
            (b for b in _bare_op_number().finditer(_fold_ops(text)) if not _title_wording_at(fold_chars(text), b.end(2), crit)),
            None)):
        raws.append(text[b.start():b.end()])
    for raw in raws:
        target = parse_target_cell(raw + " %" + (" trở lên" if regex.match(r"t[uừ]\b", fold_chars(raw)) else ""),
                                   crit.target)
        if target is not None and target.value <= 100:
            return target, raw
    return None


@lru_cache(maxsize=1)
def _wrapped_op_rx() -> regex.Pattern:
    """An op symbol or 'wrapped' word right before a number, its '%' after it or not."""
    return regex.compile(
        rf"(?:(?P<sym>{_symbols()}=?)\s*|(?<![a-z])(?P<word>{_words('wrapped')})\s+)"
        r"(?P<val>\d{1,3}(?:\.\d{3})+(?![\d,])|\d{1,4}(?:,\d{1,2})?)(?![\d.,/]|\s*/)(?P<pct>\s*%)?")


@lru_cache(maxsize=1)
def _ocr_cell_ops() -> tuple[tuple[regex.Pattern, str], ...]:
    """The ``loose_cell_ops`` words as legacy OCR writes them (:func:`vocab.ocr_form`: 'toj da', 't0i da',
    'tdi thieu', 'thap h&n'), each with the folded word it stands for."""
    words = [w for w in dict.fromkeys(fold_form(r[0]) for r in vocabulary().raw["loose_cell_ops"]) if w[:1].isalpha()]
    forms = {r[0]: fold_form(r[0]) for r in vocabulary().raw["loose_cell_ops"] if fold_form(r[0]) in words}
    return tuple((regex.compile(rf"(?<![a-z]){ocr_form(f)}(?![a-z])"), w)
                 for f, w in sorted(forms.items(), key=lambda x: -len(x[1])))


def _fold_ops(text: str, legacy: bool | None = None) -> str:
    """``text`` folded and lower-cased, with the vocabulary's legacy OCR forms of op words written as
    the words they stand for ('Tw 85 %' → 'tu 85 %'); on legacy OCR text also each op word as
    :func:`vocab.ocr_form` reads it ('Toj da 24' → 'toi da 24'), where it is as long; positions are kept.
    ``legacy``: whether the text is legacy OCR (by default: it has no diacritics), for a piece of a row."""
    folded = fold_chars(text).lower()
    for rx, word in vocabulary().op_words_garbled:
        folded = rx.sub(word, folded)
    if (not has_diacritics(text)) if legacy is None else legacy:
        for rx, word in _ocr_cell_ops():
            folded = rx.sub(lambda m, w=word: w if len(m[0]) == len(w) else m[0], folded)
    return folded


def _wrapped_op(word: str | None, sym: str) -> str:
    """The op of a wrapped target cell's op word or symbol, as the vocabulary's ``target_ops`` give it;
    a lone 'quá' is the wrapped half of 'không quá'."""
    ops = dict(vocabulary().target_ops)
    if word:
        return ops["khong qua" if word == "qua" else word]
    return ops.get(sym, sym)


def _op_is_anothers(text: str, start: int) -> bool:
    """Whether the op in the 14 characters before ``start`` is followed by another number first."""
    before = fold_chars(text[max(0, start - 14):start])
    ops = list(_op_mark().finditer(before))
    return bool(ops) and bool(regex.search(r"\d", before[ops[-1].end():]))


def _wrapped_target(text: str, crit: Criterion, result: float | None = None) -> tuple[Target, str] | None:
    """A target cell that wrapped apart from its unit or its op words in a loose row: 'Tu 85 %' /
    … / 'tro len', '≥90 thue' / … / 'bao/100 dan', 'Khong' … / 'qua 24', 'Tu 600' / 'diem tro' /
    'len'. An op marks the number ('từ' only when the row writes 'trở' elsewhere, a lone 'quá'
    only when it writes 'không'); the unit is the '%' after it or, for a criterion measured in its
    own unit, that unit (no '%'). A number and the word after it that are the title's own wording
    ('từ 15 tuổi trở lên') are not the target. The first such number that is the catalog's target
    value is taken, else the first."""
    cat = crit.target
    if cat is None:
        return None
    folded = _fold_ops(text)
    found: list[tuple[Target, str]] = []
    for m in _wrapped_op_rx().finditer(folded):
        word = m["word"]
        if word == "tu" and not regex.search(r"\btro\b", folded[m.end("val"):]):
            continue
        if word == "qua" and (regex.search(r"\bket\s+$", folded[:m.start()]) or not regex.search(r"\bkhong\b", folded)):
            continue
        # '≥9.000 tài' / … 'khoản', 'Từ 20.000 lượt': a count target grouped in thousands
        v = float(m["val"].replace(".", "")) if "." in m["val"] else parse_decimal(m["val"])
        if v is None or is_deadline_year(v):
            continue
        # a bare number after an op that is the catalog's percent target ('Từ 100 trở' / … 'lên', 'Ít nhất 80
        # 96 151 63,58 %', '≥100 976 1.027 95,0 %'): its '%' in the header or a unit column
        bare_catalog = m["pct"] is None and cat.unit == "%" and abs(v - cat.value) < 1e-9
        if ((m["pct"] is not None) != (cat.unit == "%") and not bare_catalog) or (cat.unit == "%" and v > 100):
            continue  # ('Từ 100 trở' / … 'lên' with its '%' in the header or a unit column: the catalog's value)
        if _title_wording_at(folded, m.end("val"), crit):
            continue  # the title's own words
        op = _wrapped_op(word, m["sym"])
        found.append((Target(op=op, value=v, unit=cat.unit), text[m.start():m.end("pct") if m["pct"] else m.end("val")]))
    if not found and cat.unit == "%":
        found = _op_words_apart(text, folded, crit, result)
    found.sort(key=lambda t: abs(t[0].value - cat.value) > 1e-9)
    return found[0] if found else None


@lru_cache(maxsize=1)
def _apart_ops() -> tuple[regex.Pattern, dict[str, str]]:
    """Op words of a target cell that stand for their op without a number right after them (the
    vocabulary's 'apart' ``loose_cell_ops``), so a cell wrapped apart ('Tối thiểu' / … / '50%') is
    still marked; not 'trên' / 'dưới' / 'từ' / 'quá', which titles and sentences use as words
    ('trên địa bàn', 'từ 15 tuổi', 'quá hạn'). Each word's op is the vocabulary's ``target_ops``'."""
    ops = {fold_form(r[0]): r[3] for r in vocabulary().raw["loose_cell_ops"] if len(r) > 3}
    ops.update(vocabulary().target_ops)
    words = sorted(_cell_ops()["apart"], key=len, reverse=True)
    garbled = [g[0] for g in vocabulary().raw["target_ops_garbled"]]
    rx = regex.compile("|".join([rf"(?P<w{i}>(?<![a-z]){regex.escape(w)}(?![a-z]))" for i, w in enumerate(words)]
                                + [rf"(?P<g{i}>(?<![a-z]){g}(?![a-z]))" for i, g in enumerate(garbled)]))
    names = {f"w{i}": ops.get(w, ">=") for i, w in enumerate(words)}
    names.update({f"g{i}": g[1] for i, g in enumerate(vocabulary().raw["target_ops_garbled"])})
    return rx, names


_APART_PERCENT = regex.compile(r"(?<![\d.,/])(?P<val>\d{1,3}(?:[.,]\d{1,2})?)\s*%")
_APART_REACH = 80
"""How far (folded characters) after a wrapped op word its percent may stand: a cell's next line or two."""


def _op_words_apart(text: str, folded: str, crit: Criterion, result: float | None = None) -> list[tuple[Target, str]]:
    """A percent target cell wrapped apart from its op words: 'Tối thiểu' on one line, '50%' on the
    next, other cells' words between ('Toi thieu Hoan … 50% thanh'). A percent after the op words
    that is no result (after a result word, in brackets, one a fraction before it gives, the code
    line's ``result``) nor the title's own: the catalog's target value if one is, else the first."""
    rx, names = _apart_ops()
    composed = columns_fraction(folded)
    fracs = find_fractions(composed)
    for m in rx.finditer(folded):
        op = next(names[k] for k, v in m.groupdict().items() if v is not None)
        after = composed[m.end():m.end() + 30]
        lead = regex.match(r"[ \t]*", after).end()  # on the op's own line ('Tối thiểu' / '23 5.3 …': the next row's STT)
        if regex.match(r"\d", after[lead:]) and not any(f.start == lead for f in find_fractions(after)):
            continue  # 'Ít nhất 80' (its '%' in a unit column): the number after the op is its own, no cell wrapped
        cands: list[tuple[Target, str]] = []
        for p in _APART_PERCENT.finditer(folded, m.end(), min(len(folded), m.end() + _APART_REACH)):
            before = folded[max(0, p.start() - 14):p.start()]
            if regex.search(r"\(\s*$", before) or _RESULT_BEFORE.search(before) or regex.search(r"/\s*$", before):
                continue
            v = parse_decimal(p["val"])
            if v is None or v > 100 or v == result or any(f"{p['val']}%" in k.replace(" %", "%") for k in crit.keys):
                continue
            pct = Percent(v, p.start(), p.end(), p.group(0))
            if any(f.end <= p.start() <= f.end + 3 and agrees(f, pct) for f in fracs):
                continue  # '28 36 77,8%': the rate of the Tử số / Mẫu số columns before it
            cands.append((Target(op=op, value=v, unit="%"), text[m.start():m.end()] + " … " + text[p.start():p.end()]))
        cat = crit.target
        if not cands and cat is not None:
            # the cell's number without its '%' (in the header or a unit column): the catalog's value only
            for b in regex.finditer(r"(?<![\d.,/])(\d{1,3}(?:,\d{1,2})?)(?![\d.,/%]|\s*%|\s*/)", folded[m.end():m.end() + _APART_REACH]):
                if parse_decimal(b[1]) == cat.value and not any(a <= m.end() + b.start() < e for a, e in
                                                                 ((f.start, f.end) for f in fracs)):
                    cands.append((Target(op=op, value=cat.value, unit="%"), text[m.start():m.end()] + " … " + b[1]))
                    break
        if cands:
            cands.sort(key=lambda t: cat is None or abs(t[0].value - cat.value) > 1e-9)
            return cands[:1]
    return []


_RESULT_HEAD = regex.compile(r"(?:(?:la|dat|[dp]a[ty]|binh quan|trung binh|hien co|da co)[ \t]*:?[ \t]+)+\d")


def _result_led(text: str, hit: TargetHit) -> bool:
    """Whether a result word introduces the value of ``hit`` ('là 17,96 giờ', 'vượt quá đạt 5,2 giờ': the
    hit's lead may have taken 'đạt' for an op): a result cell's value, no target. Only on the value's
    own line: a line ending 'đạt' above it is another cell's wrapped word (a verdict 'Chưa' / 'đạt')."""
    before = text[max(0, hit.start - 20):hit.start].rsplit("\n", 1)[-1]  # on the value's own line
    return bool(_RESULT_WORD.search(fold_chars(before).lower())
                or _RESULT_HEAD.match(fold_chars(text[hit.start:hit.end]).lower()))


def _unit_words_apart(text: str, crit: Criterion) -> tuple[Target, str] | None:
    """A count or value target cell wrapped apart from its op words: 'thấp hơn' on one line, '100
    Mb/s' a line or two on, other cells' words between ('Không' / … 'thap hon' / 'Mb/s thanh' /
    'UBND x3 100 Mb/s'). A number in the criterion's unit after the op words that no result word
    introduces: the catalog's target value if one is, else the first."""
    cat = crit.target
    if cat is None or cat.unit == "%":
        return None
    rx, names = _apart_ops()
    folded = _fold_ops(text)
    hits = [h for h in find_targets(text, criterion_units(crit), cell=True) if h.target.unit == cat.unit
            and not _result_led(text, h)]
    for m in rx.finditer(folded):
        op = next(names[k] for k, v in m.groupdict().items() if v is not None)
        near = [h for h in hits if m.end() <= h.start <= m.end() + _APART_REACH]
        if near:
            near.sort(key=lambda h: abs(h.target.value - cat.value) > 1e-9)
            return Target(op=op, value=near[0].target.value, unit=cat.unit), \
                text[m.start():m.end()] + " … " + text[near[0].start:near[0].end]
        # the cell's number without its unit ('vuot qua' / … 'thong tin mang 24', the unit on another
        # line): the catalog's value only
        for b in _APART_BARE.finditer(folded, m.end(), min(len(folded), m.end() + _APART_REACH)):
            if _number(b[1]) == cat.value and not _RESULT_WORD.search(folded[max(0, b.start() - 20):b.start()]):
                return Target(op=op, value=cat.value, unit=cat.unit), text[m.start():m.end()] + " … " + b[1]
    return None


_APART_BARE = regex.compile(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d{1,4}(?:,\d{1,2})?)(?![\d.,/%]|\s*%|\s*/)")


def _number(raw: str) -> float | None:
    """'9.000' (thousands) or '4,5' (a decimal)."""
    return float(raw.replace(".", "")) if "." in raw else parse_decimal(raw)


def _marked_elsewhere(text: str, crit: Criterion, bare: Percent) -> tuple[Target, str] | None:
    """The op-marked percent target a loose row writes elsewhere ('Từ 90%' / … / 'trở lên', '≥ 85 %')
    when its code line's first percent stands bare: the bare one is then the result. Not when the
    bare one is the catalog's target and the marked one is not, nor when the marked words are the
    title's own wording ('… đạt trên 70%') other than the catalog's target."""
    cat = crit.target
    if cat is None or cat.unit != "%" or abs(bare.value - cat.value) < 1e-9:
        return None
    found = _wrapped_target(text, crit, result=bare.value)
    if found is None or abs(found[0].value - bare.value) < 1e-9:
        return None
    if abs(found[0].value - cat.value) > 1e-9 and any(match_key(found[1]) in k for k in crit.keys):
        return None
    return found


_CHUA = regex.compile(r"(?<![a-z])ch[uw][a4](?![a-z])")


def _chua_beyond_title(rows: list[Line], crit: Criterion) -> str | None:
    """A 'chưa' of the verdict cell that the title-word mask took for the title's own: the title
    ('… trưởng thành chưa có điện thoại …') writes its 'chưa' once, so a row holding more of them
    than the title ('… trưởng thành Chưa' / '13 < 5% … (13,5' / 'chưa có … đạt') has a 'Chưa đạt'
    among its cells. Returns that word as written, or None."""
    own = max((len(_CHUA.findall(k)) for k in crit.keys), default=0)
    if not own:
        return None  # the mask blanks no 'chưa' of a title that has none
    hits = [m for r in rows for m in _CHUA.finditer(fold_chars(r.text).lower())]
    return "chưa" if len(hits) > own else None


_NEGATABLE_OP = regex.compile(r"(?:thap|lon|cao|nho)\s+hon\b|v[uw]?[o0g]t\s+qu[a4]\b")
_NEGATED_OP = {"<": ">=", ">": "<=", "<=": ">", ">=": "<"}
_LONE_KHONG = regex.compile(r"(?<![a-z])kh[o0]ng(?![a-z])(?!\s+(?:[dpb][a4i][tyr]|h[o0][a4]n|thap|lon|qua|vuot|duoi)\b)")
"""A 'không' no verdict or op word follows on its line: the wrapped first word of 'Không thấp hơn'."""


_ORPHAN_OP = regex.compile(r"(?<![a-z])(?:(?:thap|lon|cao|nho)\s+h[o&]n|d[uw][o&]i)(?![a-z])")
_KHONG_WORD = regex.compile(r"(?<![a-z])kh[o0]ng(?![a-z])")
_KHONG_RESULT = regex.compile(r"\s+(?:[dpb][a4i][tyr])\s+\d")


def _absorbed_khong(rows: list[Line], keys: list[str], direction: str | None = None) -> dict[int, str]:
    """A loose row's target cell 'Không thấp hơn 90%' wrapped apart ('Không' on one line, 'thấp hơn'
    on another): each op word 'thấp hơn' / 'dưới' / 'lớn hơn' with no 'không' before it on its line
    takes one 'không' of the row that is not the title's, a lone one first, else one a result follows
    ('Không' / 'đạt 100%'), never the verdict's ('Không đạt'). Returns the rows (by index) with those
    'không' blanked, the length kept; empty when no op word stands without its 'không'. An op word
    needs a 'không' only against the criterion's ``direction`` (the catalog's op): 'Cao hơn 30%' of an
    at-least criterion is whole as written; without a direction only 'thấp hơn' / 'dưới' / 'nhỏ hơn'
    (whose 'không' makes the usual 'at least') count, and 'dưới' only before its number (not a
    fraction: 'dưới' / '322/327 hình thức' is the title's 'dưới hình thức')."""
    ops = dict(vocabulary().target_ops)
    orphans = 0
    khongs: list[tuple[bool, int, int, int]] = []  # (not lone, row, start, end)
    for k, r in enumerate(rows):
        folded = fold_chars(_mask_title_words(r.text, keys)).lower()
        for m in _ORPHAN_OP.finditer(folded):
            nxt = regex.match(r"\s+(\S+)", folded[m.end():])
            words = f" {match_key(m.group(0) + (' ' + nxt[1] if nxt else ''))} "
            op = ops.get(" ".join(m.group(0).replace("&", "o").replace("w", "u").split()), "<")
            wanted = (op in ("<", "<=")) if direction in (None, ">", ">=") else (op in (">", ">="))
            if not _KHONG_WORD.search(folded[:m.start()]) and wanted and not (m.group(0).startswith("d") and (
                    any(words in f" {t} " for t in keys) or not regex.match(r"[ \t]*\d[\d.,]*(?![\d.,]|\s*/)", folded[m.end():]))):
                orphans += 1  # a 'dưới' not the title's own wording ('trẻ em dưới 6 tuổi')
        lone = {m.start() for m in _LONE_KHONG.finditer(folded)}
        # a 'không' a verdict word follows is the verdict's ('Không đạt'), unless a number follows that
        # word: 'Không' / 'đạt 100%' is the target cell's first word beside the result cell
        khongs += [(m.start() not in lone, k, m.start(), m.end()) for m in _KHONG_WORD.finditer(folded)
                   if m.start() in lone or _KHONG_RESULT.match(folded, m.end())]
    if not orphans or not khongs:
        return {}
    out: dict[int, str] = {}
    for _rank, k, a, b in sorted(khongs)[:orphans]:
        text = out.get(k, rows[k].text)
        out[k] = text[:a] + " " * (b - a) + text[b:]
    return out


_VUOT_QUA = regex.compile(r"(?<![a-z])v[uw]?[o0g]t\s+qu[a4](?![a-z])")
"""'(Không) vượt quá': a target cell's op words, never the verdict 'Vượt'."""


def _mask_words(text: str, keys: list[str], lone_khong: bool) -> str:
    """``text`` with the title's own 'không' / 'chưa' / 'quả' blanked, and (``lone_khong``) the lone
    'không' of a wrapped 'Không thấp hơn' target; the length kept."""
    text = _mask_title_words(text, keys)
    for m in _VUOT_QUA.finditer(fold_chars(text).lower()):
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]  # a target's op words, no 'Vượt'
    if lone_khong:
        for m in _LONE_KHONG.finditer(fold_chars(text).lower()):
            text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return text


_BARE_FIRST = regex.compile(r"\s*(\d{1,3}(?:,\d{1,2})?)(?![\d.,/%]|\s*%|\s*/)")


def _near_score(lines: list[Line], i: int, off: int, crit: Criterion) -> float:
    """How well the code line and the two free lines either side of it read as the indicator's title."""
    near = [x.text[off:] if x is lines[i] else x.text for x in lines[max(0, i - 2):i + 3] if not x.cells]
    return _title_ok(" ".join(near), crit)


def _anchors(lines: list[Line], fw: Framework, skip: set[str], integer_codes: bool) -> list[tuple[int, str, int]]:
    """(line index, code, offset after the code) of each line that starts a table row.

    A dotted code ("2.3", after an STT number or not) anchors its row. A bare number is an STT
    number or an integer code: it anchors a row only when the text around it reads like the
    criterion it would be (see :func:`stt_candidates`; group rows above tell which group it is in).
    """
    anchors: list[tuple[int, str, int]] = []
    seen: set[str] = set()
    group: str | None = None
    # the dotted codes the table writes in a code column ('2.1 Quy IV …'): a bare number is no STT of theirs
    written = {f"{int(m['a'])}.{int(m['b'])}" for ln in lines if not ln.cells and (m := _ANCHOR.match(ln.text))}
    # a bare number in the prose above the table's first header (its 'TT' / 'STT' line) is no STT ('12 hội
    # nghị với 7.756 lượt …')
    table_from = min([*header_lines(lines), *(i for i, ln in enumerate(lines) if not ln.cells
                                              and regex.match(r"^(?:s?tt|so tt)\b", match_key(ln.text)))], default=0)
    last_stt: tuple[int, str] | None = None  # the last bare STT number anchored and its code, since the last group row
    shift: dict[str | None, int] = {}  # per group: how many criteria before its rows the report's own numbers ran past
    for i, ln in enumerate(lines):
        if ln.cells:
            # a ruled group row ('III | CHÍNH QUYỀN SỐ'), or a ruled criterion row, says which
            # group the loose rows after it are in (a page's first rows lost their rules)
            cells = [c for c in ln.cells if c.strip()]
            g = _group_code(match_key(" ".join(cells[:2])), fw) if cells else None
            code = next((c for c in skip if _cell_code(cells[0]) == c), None) if cells else None
            group = g or (fw.group_of.get(code) if code else None) or group
            last_stt = None if g else last_stt
            continue
        if (g := _group_code(match_key(ln.text), fw) or _tallied_group(ln.text, fw)) is not None:
            group = g
            last_stt = None
            continue
        m = _ANCHOR.match(ln.text)
        if m and ln.text[m.end():m.end() + 1] == "%" and f"{int(m['a'])}.{int(m['b'])}" not in fw.by_code:
            m = None  # '2 93,4 % Đạt': an STT number and a result percent ('8 2,2 % …': STT, code, unit column)
        if m:
            code = f"{int(m['a'])}.{int(m['b'])}"
            # an STT number before it makes it a table row, not a mention ('8 2.2 Đạt': the title wrapped off the line);
            # so does a code line holding nothing but a verdict ('1.2 Đạt': the code and verdict columns, no prose)
            ok = code in fw.by_code and (bool(m["stt"]) or not is_reference(lines, i, m.end())
                                         or parse_verdict(ln.text[m.end():], fuzzy=ln.conf is not None) is not None
                                         or (i >= table_from and _own_title_above(lines, i, fw.by_code[code])))
        elif i >= table_from and (m := _INT_ANCHOR.match(ln.text) or _wrapped_group_anchor(lines, i)):
            n = int(m[1])
            at_group = group
            if last_stt is not None and n <= last_stt[0] and group in (None, fw.group_of.get(last_stt[1])):
                # the numbers start again with no group row between ('5' … then '1' on the next page):
                # a table that prints no group rows, its numbering restarting per group; the next group's
                at_group = _next_group(fw, fw.group_of.get(last_stt[1])) or group
            # 'in turn': right after the row numbered n - 1; 'runs on': after a lower number of the same numbering
            in_turn = last_stt is not None and last_stt[0] == n - 1 and at_group == group
            runs_on = last_stt is not None and last_stt[0] < n and at_group == group
            scheme = _scheme(fw, at_group, n)
            code = _stt_code(lines, i, m.end(), n, fw, at_group, shift.get(scheme, 0), (in_turn, runs_on),
                             partial(_free_code, taken=skip | seen | written, own=None if integer_codes else m[1]))
            ok = code is not None
            if code is not None:
                if at_group != group or (last_stt is not None and n <= last_stt[0]):
                    shift.pop(scheme, None)  # the numbering starts again
                group = at_group
                last_stt = (n, code)
                own = _numbered(fw, group, n)
                if code in own:
                    shift[scheme] = max(0, own.index(code) + 1 - n)
            code = code or ""
        else:
            continue
        if ok and code not in skip and code not in seen \
                and not _title_wording(ln, code, fw, anchors[-1][1] if anchors else None):
            anchors.append((i, code, m.end()))
            seen.add(code)
    return anchors


OWN_TITLE_WORDS = 4
"""Words of a criterion's own title a line above its code line must hold to be that title, wrapped."""


def _own_title_above(lines: list[Line], i: int, crit: Criterion) -> bool:
    """Whether the line above a table row's code line is a piece of that criterion's own title, wrapped
    ('hoàn thành các tiêu chí' / '1.1 … 29/29 xã Đã đạt' for 'Phường, xã được công nhận hoàn thành các
    tiêu chí chuyển đổi số …'): its words, at least :data:`OWN_TITLE_WORDS` of them, run in the title as
    they stand, so the 'tiêu chí' it ends in is no prose mention of the code ('… Tiêu chí / 1.1 chưa đạt')."""
    if i == 0 or lines[i - 1].cells:
        return False
    key = match_key(lines[i - 1].text)
    if len(key.split()) < OWN_TITLE_WORDS:
        return False
    return any(f" {key} " in f" {k} " for k in crit.keys)


_GROUP_TAIL = regex.compile(r"^\s*(\d{1,2})(?=\s+\d{3}\s*/\s*\d)")
_GROUP_HEAD = regex.compile(r"\p{L}\s*:\s*\d{1,3}\s*$")
_HEAD_REACH = 3
"""Lines above a row's code line its result cell's first line can stand on (the title's and target's lines between)."""


def _wrapped_group_anchor(lines: list[Line], i: int) -> regex.Match | None:
    """An STT number before a fraction whose numerator's thousands wrapped onto a line above at the
    space that groups them ('hồ sơ: 12' / 'Tỷ lệ … Tối thiểu' / '1 582/14 032, tỷ' for '12 582/14 032'):
    a line just above ends in a labelled number's head ('hồ sơ: 12', the result cell's first line), so
    '1 582' is no number of its own (a bare '1 473/1 589' is one)."""
    m = _GROUP_TAIL.match(lines[i].text)
    if m is None:
        return None
    above = [ln.text for ln in lines[max(0, i - _HEAD_REACH):i] if not ln.cells]
    return m if any(_GROUP_HEAD.search(t) for t in above) else None


def _free_code(code: str, taken: set[str], own: str | None) -> bool:
    """Whether a bare number's candidate ``code`` is free: not read already, not a dotted code the table
    writes itself, and not the number itself where codes are dotted (``own``)."""
    return code not in taken and code != own


def _next_group(fw: Framework, group: str | None) -> str | None:
    """The group after ``group`` in the framework, or None."""
    codes = [g.code for g in fw.groups]
    return codes[codes.index(group) + 1] if group in codes and codes.index(group) + 1 < len(codes) else None


def _stt_code(lines: list[Line], i: int, off: int, n: int, fw: Framework, group: str | None, shift: int,
              turn: tuple[bool, bool], free: Callable[[str], bool]) -> str | None:
    """The criterion a bare STT number ``n`` at line ``i`` anchors, or None: one of
    :func:`stt_candidates` whose title the text around it reads like.

    A report that leaves a criterion out numbers the rest on (its '1' is the catalog's second of
    the group): a shifted candidate (the ``n+1``-th / ``n+2``-th) is taken when no unshifted one
    reads like the row, or when its own title words — those the unshifted one's title does not
    have — stand around the line clearly more than the unshifted one's do (two words more, twice
    as many); once a group's numbers ran on past one, its next rows keep that shift first. A shifted
    candidate whose title has the same words as the free criterion after it ('… mức 2' / '… mức 1': only
    a number tells them apart) is not taken.
    """
    plain = [c for c in stt_candidates(n, fw, group) if free(c)]
    found = [c for c in plain if _reads_like(lines, i, off, fw.by_code[c])]
    if len(found) > 1:  # the neighbours' titles are in the window too: the nearest lines decide
        found.sort(key=lambda c: -_near_score(lines, i, off, fw.by_code[c]))
    own = _numbered(fw, group, n)
    unshifted = own[n - 1] if 0 < n <= len(own) else None
    if unshifted is None or (found and found[0] != unshifted):
        return found[0] if found else None
    for k in dict.fromkeys((shift, 1, 2)):
        if not k or not 0 < n + k <= len(own):
            continue
        cand = own[n + k - 1]
        if not free(cand) or not _reads_like(lines, i, off, fw.by_code[cand]):
            continue
        mine, theirs = _own_words_near(lines, i, off, fw.by_code[cand], fw.by_code[unshifted])
        after = own[n + k] if n + k < len(own) else None
        if after is not None and free(after) and _title_words(fw.by_code[cand]) == _title_words(fw.by_code[after]):
            continue  # no word tells it from the criterion after it ('… mức 2' / '… mức 1'): neither is taken
        if k == shift and (not found or mine >= theirs):
            return cand  # the group's numbers run on as they did on its rows above
        in_turn, runs_on = turn
        if not found and (in_turn or (runs_on and not free(unshifted))) and mine > theirs:
            # the unshifted one was an earlier row's, or the row right after the one numbered n - 1 does not
            # read like it: the numbers ran on past a criterion left out
            return cand
        if found and mine >= theirs + 2 and mine >= 2 * theirs:
            return cand
    return found[0] if found else None


def _numbered(fw: Framework, group: str | None, n: int) -> list[str]:
    """The codes a table numbers 1, 2, … in turn, for its row numbered ``n``: the group's (numbering
    restarting per group), or the whole set's (no group known, or ``n`` past the group's size: numbering
    running across the groups)."""
    g = next((x for x in fw.groups if x.code == group), None)
    return [c.code for c in (g.criteria if g is not None and n <= len(g.criteria) else fw.criteria)]


def _scheme(fw: Framework, group: str | None, n: int) -> str | None:
    """Which numbering :func:`_numbered` gives row ``n``: its group's (the group's code) or the set's ('*')."""
    g = next((x for x in fw.groups if x.code == group), None)
    return group if g is not None and n <= len(g.criteria) else "*"


def _own_words_near(lines: list[Line], i: int, off: int, a: Criterion, b: Criterion) -> tuple[int, int]:
    """How many of the words only ``a``'s title has, and of those only ``b``'s has, stand on the free
    lines around line ``i`` (two either side): which of two titles the row's text is."""
    near = " ".join(x.text[off:] if x is lines[i] else x.text for x in lines[max(0, i - 2):i + 3] if not x.cells)
    words = set(match_key(near).split())
    wa, wb = _title_words(a), _title_words(b)
    return len((wa - wb) & words), len((wb - wa) & words)


def _title_words(crit: Criterion) -> set[str]:
    """The words of a criterion's titles (match keys), numbers left out."""
    return {w for k in crit.keys for w in match_key(k).split() if len(w) >= 2 and not w.isdigit()}


def _split(lines: list[Line], a: tuple[int, str, int], b: tuple[int, str, int], fw: Framework) -> int:
    """Index of the first line of row ``b`` among the lines between anchors ``a`` and ``b``.

    Cells are centred in their row, so the lines between two code lines are the end of one
    row's title and the start of the next one's; each line goes to the indicator whose title
    it continues (one cut, the best-scoring), lines no title explains break ties at the middle.
    A line continues row ``a`` only with title words after those on ``a``'s code line, and
    starts row ``b`` only with words before those on ``b``'s: two titles sharing a phrase
    ("… mạng cơ bản trên 50%") are told apart by where the phrase sits.
    """
    between = lines[a[0] + 1:b[0]]
    if not between:
        return b[0]
    ka, kb = fw.by_code[a[1]].keys, fw.by_code[b[1]].keys
    head_a = title_prefix(lines[a[0]].text[a[2]:], ka)
    head_b = title_prefix(lines[b[0]].text[b[2]:], kb)

    def scores(rows: list[Line], keys: list[str], head: TitleSpan, after: bool) -> list[int]:
        # a row's lines go forward through its title, each reaching beyond where the previous one ended
        last: dict[int, int] = {head.key: head.j1} if after and head.words >= 2 else {}
        out = []
        for ln in rows:
            span = title_prefix(ln.text, keys)
            ok = is_title(span) and span.j1 > last.get(span.key, -1)
            if ok and not after and head.words >= 2 and span.key == head.key and span.j1 >= head.j0:
                ok = False  # above the code line: only words before the code line's own
            out.append(span.chars if ok else 0)
            if ok:
                last[span.key] = span.j1
        return out

    n = len(between)
    sa = scores(between, ka, head_a, after=True)
    middle = n / 2
    pairs = _stated_pairs([lines[a[0]].text[a[2]:], *(ln.text for ln in between), lines[b[0]].text[b[2]:]])

    def kept(s: int) -> int:  # line k of ``between`` (position k + 1) is row a's when k < s
        return sum((i <= s) == (j <= s) for i, j in pairs)

    best = max(range(n + 1), key=lambda s: (sum(sa[:s]) + sum(scores(between[s:], kb, head_b, after=False)),
                                            kept(s), -abs(s - middle)))
    return a[0] + 1 + best


def _stated_pairs(texts: list[str]) -> list[tuple[int, int]]:
    """(line of a fraction, line of the percent it gives as printed) among ``texts``: a result cell
    that wrapped ('138/154 cán' / '100% cán bộ, …' / 'bộ (89,6%); Chưa') stays in one row when
    the lines no title explains are shared out between two rows. An all-of-all fraction and a
    100 % pair up too easily to say anything (every row may hold a '100%')."""
    fracs = [(k, f) for k, t in enumerate(texts) for f in find_fractions(t)]
    pcts = [(k, p) for k, t in enumerate(texts) for p in find_percents(t)]
    return [(i, j) for i, f in fracs for j, p in pcts if i != j and f.numerator != f.denominator and agrees(f, p)]


_RESULT_WORD = regex.compile(r"(?:(?<![a-z])(?:la|dat|[dp]a[ty]|binh quan|trung binh|hien co|da co)|=)\s*:?\s*$")


def _beside_result(text: str, mine: str, crit: Criterion) -> tuple[Target, str] | None:
    """A code line whose first value a result word introduces ('… trung bình là 2,70 giờ') beside a
    target cell wrapped apart from its op ('Không quá' / … / '04 giờ'): that value is the result, and
    the row's other value in the criterion's unit, no result word before it, is the target, read
    with the catalog's direction — when the row writes an op word at all."""
    cat = crit.target
    if cat is None or not _op_mark().search(_fold_ops(text)):
        return None
    units = criterion_units(crit)
    first = next(iter(find_targets(mine, units, cell=True)), None)
    if first is None or not _RESULT_WORD.search(fold_chars(mine[:first.start]).lower()):
        return None
    others = [h for h in find_targets(text, units, cell=True)
              if h.target.unit == cat.unit and abs(h.target.value - first.target.value) > 1e-9
              and not _RESULT_WORD.search(fold_chars(text[:h.start]).lower())]
    if len(others) != 1:
        return None
    return Target(op=cat.op, value=others[0].target.value, unit=cat.unit), others[0].raw


def _result_text(rows: list[Line], anchor: Line, off: int, crit: Criterion,
                 mask: Callable[[str], str] | None = None) -> tuple[str, int, str]:
    """The row's lines without their title wording, joined; where the code line's part starts in
    it, and that part. ``mask``: applied to each line's text (keeping its length) before it is cut.

    A title is written once: when two lines align with the same stretch of it ("100% các trang,
    cổng thông tin …" and a result "100% trang thông tin"), only the better one is title wording.
    """
    texts = [ln.text[off:] if ln is anchor else ln.text for ln in rows]
    spans = [title_prefix(t, crit.keys) for t in texts]
    keep = [is_title(sp) for sp in spans]
    for a, sa in enumerate(spans):
        for b, sb in enumerate(spans):
            shared = min(sa.j1, sb.j1) - max(sa.j0, sb.j0) >= 1 or sb.j0 <= sa.j0 <= sa.j1 <= sb.j1
            if a != b and keep[a] and keep[b] and sa.key == sb.key and shared and (sa.words, -a) < (sb.words, -b):
                keep[a] = False
    parts: list[str] = []
    at, mine, pos = 0, "", 0
    for ln, text, span, strip in zip(rows, texts, spans, keep, strict=True):
        text = mask(text) if mask is not None else text
        rest = text[span.end:] if strip else text
        if ln is anchor:
            at, mine = pos, rest
        parts.append(rest)
        pos += len(rest) + 1
    return " ".join(parts), at, mine


def _loose_rows(lines: list[Line], fw: Framework, page_units: Mapping[int, str], skip: set[str]) -> dict[str, CriterionRecord]:
    integer_codes = all(c.code.isdigit() for c in fw.criteria)
    anchors = _anchors(lines, fw, skip, integer_codes)
    if not anchors:
        return {}
    # rows run from boundary to boundary (rows with cells, group rows, closing words) and are cut
    # between neighbouring code lines where the titles say
    heads = header_lines(lines)
    bounds = [i for i, ln in enumerate(lines) if ln.cells or i in heads or _is_boundary(ln, fw)]
    out: dict[str, CriterionRecord] = {}
    for k, (i, code, off) in enumerate(anchors):
        lo = max([b for b in bounds if b < i], default=-1) + 1
        hi = min([b for b in bounds if b > i], default=len(lines))
        if k > 0 and anchors[k - 1][0] >= lo:
            lo = _split(lines, anchors[k - 1], anchors[k], fw)
        if k + 1 < len(anchors) and anchors[k + 1][0] < hi:
            hi = _split(lines, anchors[k], anchors[k + 1], fw)
        lo = max(lo, i - 6)
        hi = min(hi, i + 7)
        while lo < i and _FORMULA_TAIL.match(lines[lo].text) and lo > 0 and _TIMES_END.search(lines[lo - 1].text):
            lo += 1  # '(Số hộ … quang) x' / '100%': the row above's formula, wrapped onto its last line
        # a footnote printed at the foot of the page the row started on ('(*) Số liệu tính đến …,
        # 47 đơn vị chưa cập nhật'): no cell of the row, and its 'chưa' is no verdict
        rows = [r for r in lines[lo:hi] if r is lines[i] or not _FOOTNOTE_LINE.match(r.text)]
        crit = fw.by_code[code]
        anchor = lines[i]
        shown = rows  # the lines as printed, for the record's evidence
        k_at = rows.index(anchor)
        if (whole := rejoin_split_fraction([r.text for r in rows])) is not None \
                and whole[k_at][:off] == anchor.text[:off]:
            rows = _retexted(rows, whole)
        if (grouped := rejoin_wrapped_group([r.text for r in rows])) is not None \
                and grouped[k_at][:off] == anchor.text[:off]:
            rows = _retexted(rows, grouped)
        if (stacked := rejoin_stacked_columns([r.text for r in rows], k_at, off)) is not None:
            rows = _retexted(rows, stacked)
        if crit.target is not None and crit.target.unit != "%" and any(_CUT_GROUPED_FRACTION.search(r.text) for r in rows):
            # a count's row ('9 35.849 lượt') beside the next row's fraction cut at a line's end ('16 365/17' /
            # … '480 người'): no fraction of the count's
            rows = _retexted(rows, [_without_cut_fraction(r.text) for r in rows])
        anchor = rows[k_at]
        span = Span(rows)
        text = span.text
        # the code line's code blanked ('2 % Quý IV': the row's STT and the unit column's '%'), for the
        # target cell wrapped apart from its op words: the code is no percent of the row
        coded = text[:span.starts[k_at]] + " " * off + text[span.starts[k_at] + off:]
        result, at, mine = _result_text(rows, anchor, off, crit)  # mine: the code line's cells after the title
        fracs = find_fractions(columns_fraction(mine))
        target: Target | None = None
        target_raw = None
        skip_pct = None
        result_pct: Percent | None = None  # the code line's bare percent, once an op-marked target is found elsewhere
        pcts = _free(find_percents(mine), fracs)
        # a percent after a result word ('đạt tỷ lệ 95%', '= 93,5 %') or in brackets is a result
        pcts = [p for p in pcts if not regex.search(r"\(\s*$", mine[:p.start])
                and not _RESULT_BEFORE.search(fold_chars(mine[max(0, p.start - 14):p.start]))
                and not any(f.end <= p.start and (f.numerator != f.denominator or p.start - f.end <= 2)
                            and agrees(f, p) for f in fracs)]
        # … and so is the percent a fraction before it gives ('737 1.365 53,99 %': Tử số, Mẫu số, the rate)
        unit_target = _unit_column_target(mine, text, crit)
        if unit_target is not None:
            target, target_raw = unit_target
            pcts = []
        elif integer_codes:
            # no target column (KH 100): the target is written in the indicator's wording, as the catalog has it
            pcts = []
            if crit.target is not None and crit.target.unit == "%":
                own = [p for p in _free(find_percents(text), find_fractions(text))
                       if abs(p.value - crit.target.value) < 1e-9 and not regex.search(r"\(\s*$", text[:p.start])]
                if own:
                    target, target_raw = crit.target, own[0].raw
        if pcts:
            # the op written before it ('Dưới 5%', 'Không quá 1%'), else at least
            hit = next((h for h in find_targets(mine, ("%",), cell=True) if h.start <= pcts[0].start < h.end), None)
            elsewhere = _marked_elsewhere(coded, crit, pcts[0]) if hit is None or hit.how == "cell" else None
            if elsewhere is not None:
                # '1.4 93,20% Vượt' beside a wrapped 'Từ 90%' / … / 'trở lên': the op marks the target,
                # the bare percent of the code line is the result
                target, target_raw = elsewhere
                result_pct = pcts[0]
            else:
                target = hit.target if hit is not None else Target(op=">=", value=pcts[0].value, unit="%")
                target_raw = pcts[0].raw
                skip_pct = Percent(pcts[0].value, at + pcts[0].start, at + pcts[0].end, pcts[0].raw)
        elif crit.target is not None and crit.target.unit != "%":
            # a count or value target ('Từ 14 xã trở lên', '≥36 Mb/s', 'Không quá 24 giờ'): a number in
            # the criterion's unit that an op marks, anywhere in the row; a bare '33 giờ' is the result
            fold = partial(_fold_ops, legacy=not has_diacritics(text))
            # a value a result word introduces ('vượt quá' / 'đạt 5,2 giờ': the cells ran together) is the result
            marked = [h for h in find_targets(text, criterion_units(crit), cell=True)
                      if h.target.unit != "%" and _op_mark().search(fold(text[max(0, h.start - 14):h.end + 10]))
                      and not _result_led(text, h)]
            # an op written right before a value is its own; an op after a value marks the next one
            # ('1.5 điểm ≥ 03 điểm': the code and a wrapped title word, then the target)
            # of two marked values the one whose op stands before it ('33 giờ' / 'quá 24 giờ')
            marked.sort(key=lambda h: (h.how not in ("op", "cue", "words"),
                                       not _op_mark().search(fold(text[max(0, h.start - 14):h.start]))))
            wrapped = _wrapped_target(coded, crit)
            apart = _unit_words_apart(text, crit) if not marked and wrapped is None else None
            if marked and wrapped is not None and marked[0].how == "cell" and (
                    _op_is_anothers(text, marked[0].start)
                    or not _op_mark().search(fold(text[max(0, marked[0].start - 14):marked[0].start]))):
                # 'quá 24 18,96 giờ': the op before the marked value is the bare number's before it
                # ('Không' / 'quá 24' of the target cell, the result '18,96 giờ' after it); and a value
                # only an op after it marks ('đạt 12,35 giờ' / 'quá 24') is the result beside a wrapped target
                target, target_raw = wrapped
            elif marked:
                target, target_raw = _with_direction(marked[0].target, marked[0], crit.target), marked[0].raw
            elif wrapped is not None:
                target, target_raw = wrapped
            elif apart is not None:
                target, target_raw = apart
            else:  # no op anywhere: the target column comes first on the code line ('3.1 23 xã')
                target = parse_target_cell(mine, crit.target)
                target_raw = mine if target else None
                if target is not None and (other := _beside_result(text, mine, crit)) is not None:
                    target, target_raw = other
        if target is not None and crit.target is not None and crit.target.unit != "%" and target.unit == "%":
            target = None
        if target is None and crit.target is not None and crit.target.unit == "%":
            wrapped = _wrapped_target(coded, crit)
            if wrapped is not None:
                target, target_raw = wrapped
            elif (bare := _BARE_FIRST.match(mine)) and parse_decimal(bare[1]) == crit.target.value:
                # '3.1 100 401 401 100 %': the target column's bare number first (its '%' in the header
                # or the unit column), the catalog's value
                target, target_raw = crit.target, bare[1]
        if skip_pct is None and target is not None and target_raw and " … " in target_raw \
                and len(find_percents(result)) > 1:
            # a target cell wrapped apart from its op words ('Tối thiểu' / … / '90%'): its percent,
            # not introduced as a result, is the target's, not the result (the row's only percent is
            # the result, which may equal the target: 'Tối thiểu' … '100' / 'ước đạt 100 %')
            skip_pct = next((Percent(p.value, p.start, p.end, p.raw) for p in find_percents(result)
                             if abs(p.value - target.value) < 1e-9
                             and not _RESULT_BEFORE.search(fold_chars(result[max(0, p.start - 14):p.start]).lower())
                             and not regex.search(r"\(\s*$", result[:p.start])), None)
        # the title's own 'không' / 'chưa' / 'quả' are no verdict words: blanked where the lines are whole
        negated = target is not None and target_raw is not None and " … " in target_raw \
            and _NEGATABLE_OP.match(fold_chars(target_raw).lower()) is not None \
            and any(_LONE_KHONG.search(fold_chars(r.text).lower()) for r in rows)
        if negated and target is not None:
            # 'Không' / … / 'thấp hơn' / … / '50%': the lone 'không' is the target cell's ('không thấp
            # hơn 50%'), it turns the op and negates no verdict
            target = Target(op=_NEGATED_OP[target.op], value=target.value, unit=target.unit)
        elif target is not None and crit.target is not None and target_raw is not None and " … " in target_raw \
                and _NEGATABLE_OP.match(fold_chars(target_raw).lower()) is not None \
                and target.op == _NEGATED_OP.get(crit.target.op) and abs(target.value - crit.target.value) < 1e-9:
            # 'vượt quá' / … / '4 giờ' whose 'Không' wrapped into the row above: the catalog's direction
            target = Target(op=crit.target.op, value=target.value, unit=target.unit)

        mask = partial(_mask_words, keys=crit.keys, lone_khong=negated)
        vrows, vanchor = rows, anchor
        if (absorbed := _absorbed_khong(rows, crit.keys, crit.target.op if crit.target else None)):
            # 'Không' / … 'thâp hon' / … 'Pat': the 'không' that an op word standing without it needs is
            # the target cell's wrapped first word; it negates no verdict, and turns the op read without it
            vrows = [r.model_copy(update={"text": absorbed[k]}) if k in absorbed else r for k, r in enumerate(rows)]
            vanchor = vrows[rows.index(anchor)]
            # the target cell has one 'không', now taken (a lone one first): another lone 'không' of the
            # row is the verdict cell's, its 'hoàn thành' / 'đạt' wrapped onto a next line ('Không Không' /
            # … 'thấp hơn hoàn' / … 'thành', '… cuộc Không' / '2 % Quý IV đạt'), not blanked as the target's
            mask = partial(_mask_words, keys=crit.keys, lone_khong=False)
            raw = fold_chars(target_raw or "").lower()
            if not negated and target is not None and target_raw is not None and target.op in _NEGATED_OP \
                    and not _KHONG_WORD.search(raw) and (_NEGATABLE_OP.search(raw) or regex.search(
                        _ORPHAN_OP.pattern + r"\s*" + regex.escape(raw), fold_chars(text).lower())):
                target = Target(op=_NEGATED_OP[target.op], value=target.value, unit=target.unit)
        masked, _at, _mine = _result_text(vrows, vanchor, off, crit, mask=mask)
        verdict, verdict_raw = _row_verdict(masked, "\n".join(mask(r.text) for r in vrows))
        if verdict == "dat" and (extra := _chua_beyond_title(rows, crit)) is not None:
            verdict, verdict_raw = "chua_dat", f"{extra} … {verdict_raw}"
        if verdict is None:
            verdict_raw = verdict_hint(text)  # a verdict word the row holds but no reading placed
        printed = shown[k_at]
        rec = _record(code, crit, [printed] + [r for r in shown if r is not printed], target, target_raw, result,
                      verdict, verdict_raw, page_units, skip_pct=skip_pct)
        if result_pct is not None and rec.reported_percent != result_pct.value and (
                rec.numerator is None or agrees(Fraction(rec.numerator, rec.denominator or 0, 0, 0, ""), result_pct)):
            # no fraction gives another: not a wrapped formula's 'x … đạt 100%' of the explanation column
            rec.reported_percent, rec.percent_raw = result_pct.value, result_pct.raw
        out[code] = rec
    return out


_CUT_GROUPED_FRACTION = regex.compile(r"(?<![\d.,/]\s?)(?P<hi>\d{1,3})\s(?P<lo>\d{3})\s*/\s*(?P<den>\d{1,2})\s*$")
"""A fraction grouped in thousands by spaces whose whole the line's end cut ('16 365/17' / … '480 người'):
its part and its first digits of the whole are no fraction."""


def _without_cut_fraction(text: str) -> str:
    """``text`` with a space-grouped fraction that the line's end cut blanked (length kept), when its part
    is larger than what the line keeps of its whole: the rest of the whole wrapped onto another line,
    where other cells' words separate it; read whole it would be no fraction at all."""
    m = _CUT_GROUPED_FRACTION.search(text)
    if m is None or int(m["hi"]) * 1000 + int(m["lo"]) <= int(m["den"]):
        return text
    return text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]


def _retexted(rows: list[Line], texts: list[str]) -> list[Line]:
    """The row's lines with the texts a rejoining wrote (the lines it left as they were kept)."""
    return [r.model_copy(update={"text": t}) if t != r.text else r for r, t in zip(rows, texts, strict=True)]


_SPLIT_NUM = r"\d{1,3}(?:\.\d{3})+(?![\d.])|\d+"
_SO = r"s[o068bd&]"
_SPLIT_HEAD = regex.compile(
    rf"(?<![\d.,/%])(?P<open>\(\s*)?(?P<num>{_SPLIT_NUM})(?P<words>\s+tren(?:\s+tong(?:\s+{_SO})?)?)?(?=\s|$)")
_SPLIT_AFTER = r"(?P<after>\s*\)|\s+[^\W\d_]+)"


def _split_tail(words: str) -> regex.Pattern:
    """The rest of 'trên [tổng số] M' after the head's ``words``, M then a noun or a bracket."""
    have = words.split()
    rest = ["tren", "tong", _SO][len(have):]
    # not right after another number ('1.234 5', '3,5 10'), but after a title's comma ('tích hợp, 10 phòng)')
    m = rf"(?<![\d/]\s?)(?<![.,])(?P<den>{_SPLIT_NUM})(?![\d/%]|[.,]\d|\s*%){_SPLIT_AFTER}"
    if not rest:
        return regex.compile(m)
    if rest[0] == "tren":
        return regex.compile(rf"(?<![\d.,]\s?)\btren(?:\s+tong\s+{_SO})?\s+" + m)
    sep = r"\s+"
    return regex.compile(rf"(?<![a-z])(?:{sep.join(rest)}\s+)?" + m)


def rejoin_split_fraction(texts: list[str]) -> list[str] | None:
    """A result cell 'N trên [tổng số] M' that wrapped apart in a loose row, other cells' words between
    ('90.25% (302' / … / '1 … ≥80% trên 341 thu', '48750 tren' / '… tong sd 87632 Sb lieu'): the head
    ('(N' at a line's end, or 'N trên [tổng]' the line does not finish) and the rest of the phrase on
    one of the next three lines, M after it (then a noun or the bracket), M no smaller than N. The row's
    texts with the fraction written whole on the head's line and its tail blanked, else None."""
    folded = [fold_chars(t).lower() for t in texts]
    if any(len(f) != len(t) for f, t in zip(folded, texts, strict=True)):
        return None
    out = list(texts)
    changed = False
    for i, f in enumerate(folded):
        for h in _SPLIT_HEAD.finditer(f):
            words = h["words"] or ""
            at_end = not f[h.end():].strip()
            # '96,61% (5.478 Khong' / … / '3 ≥ 100% trên 5.670 tai': the bracket opened, the next cells'
            # words after it on its line (no number, no bracket), its 'trên M' on a line below
            open_words = bool(h["open"]) and not words and regex.fullmatch(r"[^\d()]*", f[h.end():]) is not None
            if not words and not (h["open"] and at_end) and not open_words:
                continue
            if words and not at_end and regex.match(rf"\s+{_SPLIT_NUM}", f[h.end():]):
                continue  # the fraction is whole on the line
            tail = _split_tail(words)
            for j in range(i + 1, min(len(texts), i + 4)):
                t = next((m for m in tail.finditer(folded[j])
                          if m.start() < m.start("den") or (h["open"] and ")" in folded[j][m.end("den"):m.end("den") + 30])),
                         None)  # a bare M: the head's bracket closes after it
                if t is None:
                    continue
                num, den = parse_int(h["num"]), parse_int(t["den"])
                if num is None or not den or num > den or (den == 100 and regex.match(r"\s+(?:dan|ho|nguoi)\b", t["after"])):
                    break  # no part larger than its whole; '52 trên 100 dân' is a per-hundred unit
                whole = f"{texts[i][h.start('num'):h.end('num')]} trên {texts[j][t.start('den'):t.end('den')]}" \
                        f"{texts[j][t.start('after'):t.end('after')]}"
                out[i] = texts[i][:h.start("num")] + whole + texts[i][h.end():]
                out[j] = texts[j][:t.start()] + " " * (t.end() - t.start()) + texts[j][t.end():]
                changed = True
                break
            if changed:
                return out
    return None


_GROUP_REST = regex.compile(r"(?<![\d.,/])(?<!\d\d\s)(?<!\d{3}\s)(?P<lo>\d{3})(?=\s*/\s*\d)")


def rejoin_wrapped_group(texts: list[str]) -> list[str] | None:
    """A result cell's fraction whose part wrapped at the space that groups its thousands ('hồ sơ: 12' /
    … / '1 582/14 032, tỷ' for '12 582/14 032'; 'văn bản: 2' / … / '4 < 3% 078/18 539'): a labelled number
    of one to three digits ending a line (:data:`_GROUP_HEAD`) and, on one of the next three lines, three
    digits right before a fraction's slash, after no other group. The row's texts with the part written
    whole before its slash and the head blanked, else None."""
    for i, t in enumerate(texts):
        h = _GROUP_HEAD.search(t)
        if h is None:
            continue
        head = regex.search(r"\d{1,3}(?=\s*$)", t)
        assert head is not None
        for j in range(i + 1, min(len(texts), i + 1 + _HEAD_REACH)):
            m = _GROUP_REST.search(texts[j])
            if m is None:
                continue
            out = list(texts)
            out[i] = t[:head.start()] + " " * (head.end() - head.start())
            out[j] = texts[j][:m.start()] + head.group() + " " + texts[j][m.start():]
            return out
    return None


_STACK_HEAD = regex.compile(r"\s*\d{1,3}(?:\s+\d{1,3}){0,2}\s*")
_STACK_TAIL = regex.compile(r"\s*\d{3}(?:\s+\d{3}){0,2}\s*")
_CODE_LINE_NUMBER = regex.compile(r"(?<![\d.,/])\d{1,3}(?:[ .]\d{3})*(?![\d.,/%]|\s*%)")


def rejoin_stacked_columns(texts: list[str], k: int, off: int) -> list[str] | None:
    """A loose row whose part and whole columns wrapped their thousands onto the lines around the
    code line ('119 135' / '1 … 88,0 % …' / '245 464': 119 245 and 135 464; '117' / '33 … 64 211 54,6 %' /
    '621': the whole 117 621): the line above holds only the numbers' first groups, the line below
    only as many three-digit groups. The stacked numbers, with the code line's own, are the row's
    fraction when two of them (one stacked at least, the part no larger) give a percent of the code
    line to its printed decimals; the row's texts with that fraction written before the percent and
    the pieces blanked, else None."""
    if k == 0 or k + 1 >= len(texts):
        return None
    above, below, line = texts[k - 1], texts[k + 1], texts[k]
    if not _STACK_HEAD.fullmatch(above) or not _STACK_TAIL.fullmatch(below):
        return None
    heads, tails = above.split(), below.split()
    if len(heads) != len(tails):
        return None
    stacked = [int(a) * 1000 + int(b) for a, b in zip(heads, tails, strict=True)]
    own = [(int(regex.sub(r"[ .]", "", m[0])), m) for m in _CODE_LINE_NUMBER.finditer(line, off)]
    pcts = find_percents(line[off:])
    values = [(v, None) for v in stacked] + own
    for a, (p, pm) in enumerate(values):
        for b, (w, wm) in enumerate(values):
            if a == b or not p or p > w or (pm is not None and wm is not None) or p < 10:
                continue
            pct = next((x for x in pcts if agrees(Fraction(p, w, 0, 0, ""), x)), None)
            if pct is None:
                continue
            at = off + pct.start
            out = list(texts)
            new = line
            for m in (pm, wm):
                if m is not None and m.end() <= at:
                    new = new[:m.start()] + " " * (m.end() - m.start()) + new[m.end():]
            out[k] = new[:at] + f"{p}/{w} " + new[at:]
            out[k - 1], out[k + 1] = " " * len(above), " " * len(below)
            return out
    return None
