"""What a criterion's text states: its target, the fraction and percent its verdict rests on, parts of a whole."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from extractors.catalog import Criterion, Target
from extractors.numbers import Fraction, Percent, find_fractions, find_percents, parse_decimal, parse_int, percent_tolerance
from extractors.vocab import fold_form, has_diacritics, ocr_form, vocabulary
from ingest.normalize import fold_chars

_SYMBOL_OPS = {"≥", ">=", "=>", "≤", "<=", "=<", ">", "<"}
_VALUE = r"(?P<val>\d+(?:[.,]\d{1,3})?(?!\d)|\d+)"
"""A value as written: '30,28', '1128,16', '15.424' (thousands), '05'."""


@dataclass
class TargetHit:
    target: Target
    start: int
    end: int
    raw: str
    how: str = "paren"
    """What makes it a target: 'cue' ("chỉ tiêu giao: 85%"), 'op' ("≥ 85%"), 'paren' ("(85%)"
    after a title), 'words' ("trên 80%", "giảm xuống dưới 5%", inside a title)."""


_WORD_END = r"(?:(?<![a-z])|(?![a-z]))"
"""After a unit: a unit that ends in a letter ends a word there; '%' and 'x4' need nothing after them."""


def _flex(form: str) -> str:
    return r"\s*/\s*".join(r"\s+".join(regex.escape(w) for w in part.split()) for part in fold_form(form).split("/"))


@lru_cache(maxsize=64)
def _unit_rx(units: tuple[str, ...]) -> tuple[regex.Pattern, dict[str, str]]:
    """A pattern for the units a criterion can be measured in, and each written form's canonical name."""
    names: dict[str, str] = {}
    for canon, forms, _note in vocabulary().raw["unit_aliases"]:
        if canon in units or canon == "%":
            for f in forms:
                names[fold_form(f)] = canon
    for u in units:
        names.setdefault(fold_form(u), u)
    alts = sorted(names, key=len, reverse=True)
    # a form ending in a letter ends a word ('10 xi', not the 'xi' of '10 xid'): each alternative, not only the last
    return regex.compile("(?:" + "|".join(f"(?P<u{i}>{_flex(a)})" for i, a in enumerate(alts)) + ")" + _WORD_END), \
        {f"u{i}": names[a] for i, a in enumerate(alts)}


@lru_cache(maxsize=2)
def _lead_rx(ocr: bool = False) -> regex.Pattern:
    """A target cue and / or op word ending where a number starts. ``ocr``: legacy OCR text, where
    an op word may also be written as :func:`vocab.ocr_form` reads it ('tdi thieu', 't0i da')."""
    voc = vocabulary()
    cues = "|".join([_flex(c) for c, _ in sorted(voc.target_cues, key=lambda x: -len(x[0]))]
                    + [g[0] for g in voc.raw["target_cues_garbled"]] + [g[0] for g in voc.raw["target_cues_garbled_more"]])
    ops = "|".join([regex.escape(o) if o in _SYMBOL_OPS or not o[0].isalpha() else _flex(o)
                    for o, _ in sorted(voc.target_ops, key=lambda x: -len(x[0]))]
                   + [g[0] for g in voc.raw["target_ops_garbled"]]
                   + ([f for f, _w in _ocr_ops()] if ocr else []))
    # a cue may name its year or its giver: 'chỉ tiêu năm 2024: 18 xã', 'chỉ tiêu đến năm 2025: 80%'
    year = r"(?:(?:den\s+|cua\s+)?nam\s+\d{4}\s*)?"
    word_start = r"(?:(?<![a-z])|(?![a-z]))"  # an op word starts a word: the 'hơn' of 'thôn' is none
    return regex.compile(rf"(?:(?<![a-z])(?P<cue>{cues})\s*{year}(?:[:=]|la|\(|dat)?\s*)?(?:{word_start}(?P<op>{ops})\s*:?\s*)?$")


@lru_cache(maxsize=1)
def _garbled_ops() -> list[tuple[regex.Pattern, str]]:
    return [(regex.compile(g[0]), g[1]) for g in vocabulary().raw["target_ops_garbled"]]


@lru_cache(maxsize=1)
def _ocr_ops() -> tuple[tuple[str, str], ...]:
    """Each op word of the vocabulary's ``target_ops`` as legacy OCR writes it (:func:`vocab.ocr_form`:
    'tdi thieu', 't0i da', 'thap h&n'), with the folded word it stands for; longest first."""
    words = [o for o, _op, _note in vocabulary().raw["target_ops"] if fold_form(o)[:1].isalpha()]
    return tuple((ocr_form(o), fold_form(o)) for o in sorted(words, key=len, reverse=True))


_TARGET_VALUE = regex.compile(r"(?<![\d.,/])" + _VALUE + r"\s*")
_VALUE_AFTER_NON_LETTER = regex.compile(r"(?<![\p{L}\d.,/])" + _VALUE + r"\s*")
_TRO_LEN = regex.compile(r"\s*tro\s*len")
_OP_OR_WORD = regex.compile(r"[<>≤≥]|[a-z]")


@lru_cache(maxsize=1)
def _count_units() -> frozenset[str]:
    """Units that count whole things (vocabulary count_units: 'xã', 'tổ', 'camera' …): their values have no decimals."""
    return frozenset(row[0] for row in vocabulary().raw.get("count_units", []))


def find_targets(text: str, units: tuple[str, ...] = ("%",), cell: bool = False) -> list[TargetHit]:
    """Every value + unit in ``text`` that is written as a target, with how it is marked.

    The op is the one written ("trên" >, "không quá" <=, "giảm xuống dưới" <, "≥" >=); a value
    with no op word gets ">=" (the caller may prefer the catalog's direction). ``cell``: the text is
    known to state a target (a table's target cell, an indicator's own wording), so every value counts.
    """
    folded = fold_chars(text)
    unit_rx, unit_names = _unit_rx(tuple(units) if "%" in units else ("%", *units))
    ops = dict(vocabulary().target_ops)
    garbled_ops = _garbled_ops()
    out: list[TargetHit] = []
    legacy = not has_diacritics(text)
    garbled = _garbled_unit_rx(tuple(u for u in units if u != "%")) if legacy else None
    ocr_units = _ocr_unit_rx(tuple(u for u in units if u != "%")) if legacy else None
    lead_rx = _lead_rx(legacy)
    for m in _TARGET_VALUE.finditer(folded):
        um = unit_rx.match(folded, m.end())
        names = unit_names
        if um is None and ocr_units is not None:
            um, names = ocr_units[0].match(folded, m.end()), ocr_units[1]  # '16 gi&/ngu&i', '04 gjo'
        if um is None and garbled is not None:
            um = garbled[0].match(folded, m.end())
            if um is not None:
                lead = lead_rx.search(folded, max(0, m.start() - 60), m.start())
                marked = lead is not None and (lead["cue"] or (lead["op"] and " ".join(lead["op"].split()) != "dat"))
                paren = folded[:m.start()].rstrip().endswith("(") and folded[um.end():].lstrip().startswith(")")
                if not (marked or paren):
                    um = None  # a garbled unit only where a cue, an op or brackets make it a target
        if um is None:
            continue
        v = parse_decimal(m["val"])
        if v is None:
            continue
        unit = next((names[k] for k, val in um.groupdict().items() if val is not None and k in names), None) \
            or next(garbled[1][k] for k, val in um.groupdict().items() if val is not None)  # type: ignore[index]
        if v != int(v) and unit in _count_units():
            continue  # 'Tối thiểu ⏎ 3.1 x3: 16/23': a count never has decimals; '3.1' is the row's code
        lead = lead_rx.search(folded, max(0, m.start() - 60), m.start())
        cue = lead["cue"] if lead else None
        if cue and _COUNTED_BEFORE.search(folded, max(0, lead.start() - 16), lead.start()):
            cue = None  # '3 trên tổng số 3 kế hoạch (100 %)': the cue word is the noun a number counts
        op_word = " ".join(lead["op"].split()) if lead and lead["op"] else None
        if legacy and op_word is not None and op_word not in ops:
            # legacy OCR's 'tdi thieu', 't0i da': the op word it stands for ('tối thiểu', 'tối đa')
            op_word = next((w for f, w in _ocr_ops() if regex.fullmatch(f, op_word)), op_word)
        start = lead.start() if lead and (cue or op_word) else m.start()
        end = um.end()
        up = _TRO_LEN.match(folded[end:])
        if up:
            end += up.end()
        before = folded[:start].rstrip()
        after = folded[end:].lstrip()
        paren = before.endswith("(") and after.startswith(")")
        listed = _listed_after(out, folded, m.start(), um) if not (cue or op_word or cell) else None
        if cue:
            how = "cue"
        elif op_word in _SYMBOL_OPS:
            how = "op"
        elif cell:
            how = "cell"
        elif listed is not None:
            # 'chỉ tiêu ≥ 30%; 60%': the next target of a list, one for each measure of the criterion
            v = parse_decimal(m["val"])
            if v is not None:
                out.append(TargetHit(Target(op=listed.target.op, value=v, unit=listed.target.unit), m.start(), um.end(),
                                     text[m.start():um.end()], listed.how))
            continue
        elif op_word == "dat":
            continue  # "(đạt 30,77%)", "đạt 85,3%": a result, not a target
        elif op_word and op_word not in ("bang", "=", "tu"):
            how = "words"
        elif paren:
            how = "paren"
        else:
            continue
        op = ops.get(op_word, next((o for rx, o in garbled_ops if rx.fullmatch(op_word)), ">=")) if op_word else ">="
        raw_start = start - 1 if paren else start
        out.append(TargetHit(Target(op=op, value=v, unit=unit), start, end, text[raw_start:end + (1 if paren else 0)].strip(),
                             how))
    return out


_COUNTED_BEFORE = regex.compile(r"(?<![\d.,/])(?:(?:\d{1,3}(?:[.,]\d{3})*|\d+)\s*/\s*)?(?P<n>\d{1,3}(?:[.,]\d{3})*|\d+)\s+$")
"""A number (or a fraction, '3/3 kế hoạch = 100%') right before a cue word: the word is the noun it counts."""
_LIST_SEP = regex.compile(r"\s*(?:[;,]|v[aà])\s*$")


def _listed_after(out: list[TargetHit], folded: str, start: int, um: regex.Match) -> TargetHit | None:
    """The target that a bare value + unit at ``start`` continues as a list ('≥ 30%; 60%', 'trên 90%,
    80%'): the target found just before it, marked by a cue, an op or op words, in the same unit,
    with only ';', ',' or 'và' between them."""
    if not out:
        return None
    prev = out[-1]
    if prev.how not in ("cue", "op", "words") or prev.end > start:
        return None
    if not _LIST_SEP.fullmatch(folded[prev.end:start]) or folded[prev.end:start].count(";") + \
            folded[prev.end:start].count(",") > 1:
        return None
    if folded[um.end():].lstrip()[:1] not in ("", ")", ":", ";", "-", "–", ".", ","):
        return None  # '30%; 60% thủ tục hành chính …': a title's next clause, not a list of targets
    return prev


@lru_cache(maxsize=64)
def _garbled_unit_rx(units: tuple[str, ...]) -> tuple[regex.Pattern, dict[str, str]]:
    """A unit as legacy OCR garbles its last word ('600 djem', '80 thue bao/100 h0', '1 tai
    khoan/ngu&i'): its other words as written, its last word starting with its letter (or a digit
    for it) and about as long; a unit of one word (four letters or more) as long with one letter
    garbled. Group names start with 'g' so they never meet :func:`_unit_rx`'s."""
    names: dict[str, str] = {}
    alts: list[str] = []
    forms = [(fold_form(f), canon) for canon, fs, _n in vocabulary().raw["unit_aliases"] if canon in units for f in fs]
    forms += [(fold_form(u), u) for u in units]
    for i, (form, canon) in enumerate(sorted(set(forms), key=lambda x: -len(x[0]))):
        m = regex.fullmatch(r"(.*?)([a-z]{2,})", form)
        if m is None:
            continue
        prefix, last = m[1], m[2]
        if prefix.strip():
            head = _flex(prefix.rstrip()) + r"\s*"
            tail = rf"[{last[0]}0-9][^\s;,.():]{{{max(0, len(last) - 3)},{len(last) + 1}}}"
        elif len(last) >= 4:  # a unit of one word: as long, one letter garbled ('djem' of 'điểm')
            head, tail = "", "(?:" + "|".join(regex.escape(last[:j]) + r"[^\s;,.():]" + regex.escape(last[j + 1:])
                                              for j in range(len(last))) + ")"
        else:
            continue
        alts.append(f"(?P<g{i}>{head}{tail})")
        names[f"g{i}"] = canon
    if not alts:
        return regex.compile(r"(?!)"), {}
    return regex.compile("|".join(alts) + r"(?=[\s;,.)]|$)"), names


def find_target(text: str, limit: int | None = None) -> TargetHit | None:
    """The first target phrase in ``text[:limit]`` (a parenthesized one, or one marked as a target)."""
    for hit in find_targets(text[:limit] if limit is not None else text):
        return hit
    return None


_COUNT_TARGET = regex.compile(r"(?<![\d/.,])(\d{1,4})\s+(x[a-z0-9]{0,2}|don\s*vi|huyen|cuoc|he\s*thong)\b")


def parse_target_cell(text: str, catalog_target: Target | None) -> Target | None:
    """A table's target cell: '100%', '9,6%', 'Trên 80%', 'Tối thiểu 90%', '≤ 1%', '36 Mb/s', '23 xã'."""
    folded = " ".join(fold_chars(text).split())
    units = ("%",) if catalog_target is None else ("%", catalog_target.unit)
    hits = find_targets(text, units, cell=True)
    if hits:
        t = hits[0].target
        return _with_direction(t, hits[0], catalog_target)
    m = _COUNT_TARGET.search(folded)
    if m:
        op = ">" if regex.search(r"\btren\b|>(?!=)", folded) else ">="
        unit = catalog_target.unit if catalog_target and catalog_target.unit != "%" else text[m.start(2):m.end(2)]
        return Target(op=op, value=float(m[1]), unit=unit)
    if catalog_target is not None and catalog_target.unit != "%":
        # 'Từ 14 trở lên', '≥ 07': the unit stands in its own column (ĐVT), the catalog names it
        b = regex.fullmatch(r"(?P<op>[^\d%]{0,20}?)\s*(?<![\d.,/])(?P<v>\d{1,4})(?![\d.,/%])\s*(?:tro\s*len)?", folded)
        if b and not is_deadline_year(int(b["v"])):
            written = " ".join(b["op"].split())
            op = dict(vocabulary().target_ops).get(written, ">=") if written else catalog_target.op
            return Target(op=op, value=float(b["v"]), unit=catalog_target.unit)
    return None


def _with_direction(t: Target, hit: TargetHit, catalog_target: Target | None) -> Target:
    """A target written without an op word takes the catalog's direction ("(5%)" of a 'below' criterion)."""
    written = _OP_OR_WORD.search(fold_chars(hit.raw.strip("()")).split(str(int(t.value)))[0])
    if not written and catalog_target is not None and catalog_target.op in ("<", "<=") and t.op == ">=":
        return Target(op=catalog_target.op, value=t.value, unit=t.unit)
    return t


def criterion_units(crit: Criterion) -> tuple[str, ...]:
    """The units a criterion's targets and values are written in: '%' and the catalog's own."""
    units = ["%"]
    for m in crit.all_measures:
        for unit in (m.unit, m.target.unit if m.target else None):
            if unit is not None and unit not in units:
                units.append(unit)
    return tuple(units)


@dataclass
class ValueHit:
    value: float
    unit: str
    raw: str
    start: int
    end: int


_RESULT_LEAD = regex.compile(r"(?:dat(?:\s+m[uw]c)?|dat duoc|thuc hien|ket qua|hien nay|hien co|uoc dat|la|binh quan|trung binh)\s*:?\s*$")


_DEADLINE_WORD = regex.compile(r"(?<![a-z])(?:nam|quy|thang)(?![a-z])")
_YEAR = regex.compile(r"(?<![\d.,/])(?:19[5-9]\d|20\d\d)(?![\d.,/])")


def is_deadline_year(value: float, context: str | None = None) -> bool:
    """The one rule for a year read where a number is expected: ``value`` is a whole number 1950–2099
    and, when ``context`` (the block or row it was read from) is given, that context writes a date
    word ('Năm 2024', 'Quý IV/2024', 'Tháng 12/2024' of a deadline cell, its year read with the next
    cell's unit as '2024 giờ'): a date, not a value. Without ``context`` the number's form alone
    decides ('từ 2024' is no target, 'đạt 2024' no result)."""
    if value != int(value) or not 1950 <= value <= 2099:
        return False
    return context is None or bool(_DEADLINE_WORD.search(fold_chars(context).lower()))


def find_value(text: str, crit: Criterion, skip: list[tuple[int, int]] | None = None,
               context: str | None = None, legacy: bool | None = None) -> ValueHit | None:
    """The measured value a criterion's text states in one of its own units ("30,28 Mb/s",
    "đạt 75 thuê bao/100 dân"): the one a result word introduces, else the first. Targets
    (``skip``) are not values. ``context``: the whole row, title wording included, where a unit
    that wrapped away from its number may have been taken for title words ('04 mô' … 'hình').

    In a loose row (``context`` given) the cells ran together, so the target cell's number may
    stand next to the unit and before the result ('100 Mb/s 74,23 Mb/s', 'trên 9000 tài' … 'khoản'
    with its op in the title wording): a number that is the catalog's target value is the target
    cell's, not the value, when the row states another value (a result equal to the target is
    then the only one).

    ``legacy``: whether the whole block is legacy OCR text without its diacritics; a short piece of it
    with one diacritic ('Dã co 37.184 ltrgt.') is still legacy text. ``None`` decides from ``text``."""
    if context is not None:
        targets = {m.target.value for m in crit.all_measures if m.target is not None and m.target.unit != "%"}
        folded = fold_chars(text)
        at_target = [(m.start(), m.end()) for m in _LED_NUMBER.finditer(folded)
                     if _number_value(m["val"]) in targets]
        if at_target:
            hit = _find_value(text, crit, (skip or []) + at_target, context) \
                or _lone_number(text, folded, crit, (skip or []) + at_target, fold_chars(context))
            if hit is not None:
                return hit
            if len(at_target) == 1 and _op_written(context):
                return None  # the catalog's number, once, in a row that writes its op: the target cell's
    return _find_value(text, crit, skip, context, legacy)


@lru_cache(maxsize=1)
def _op_words_rx() -> tuple[regex.Pattern, regex.Pattern]:
    """The op symbols and the op words a target cell stands for its op with (the vocabulary's
    ``loose_cell_ops`` of role 'symbol' and 'apart', and 'không quá'): as written, and as legacy
    OCR writes them. Not 'trên' / 'dưới' / 'từ', which titles use as words."""
    rows = vocabulary().raw["loose_cell_ops"]
    syms = [r[0] for r in rows if "symbol" in r[1].split()]
    words = [r[0] for r in rows if "apart" in r[1].split()] + ["không quá"]
    sym = "[" + "".join(regex.escape(c) for c in syms) + "]"
    exact = "|".join(_flex(w) for w in sorted(words, key=len, reverse=True))
    ocr = "|".join(ocr_form(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"{sym}|(?<![a-z])(?:{exact})(?![a-z])"), regex.compile(rf"{sym}|(?<![a-z])(?:{ocr})(?![a-z])")


def _op_written(text: str) -> bool:
    """Whether ``text`` writes a target op ('≥', 'Tối thiểu', 'Không quá', legacy 'Tdi thieu')."""
    exact, ocr = _op_words_rx()
    return bool((exact if has_diacritics(text) else ocr).search(fold_chars(text).lower()))


def _lone_number(text: str, folded: str, crit: Criterion, skip: list[tuple[int, int]], around: str) -> ValueHit | None:
    """A loose row whose target cell (the catalog's number) was found, its result cell's number
    standing apart from the unit and its result word (taken for title wording): '600 cliem 1107,8',
    'co 06 … 03 djêm', '13.455 tài' … 'khoản'. The row's one other number with decimals, else its one
    other number, when the row names the unit (as written or as legacy OCR writes it). Codes,
    years, fractions and percents are none; an op before the number may be the target cell's
    ('Ít nhất' / '13.455 tài' / … '9000 khoản': the cells ran together), so it marks nothing here."""
    units = tuple(u for u in criterion_units(crit) if u != "%")
    ocr = not has_diacritics(text)
    unit = next((u for u in units if regex.search(rf"(?<![a-z]){_flex(u)}(?![a-z])", around)
                 or (ocr and regex.search(rf"(?<![a-z]){ocr_form(u)}(?![a-z])", around))), None)
    if unit is None:
        return None
    code = regex.compile(r"(?<![\d.,])" + regex.escape(crit.code).replace(r"\.", "[.,]") + r"(?![\d.,])")
    found: list[ValueHit] = []
    for m in _LED_NUMBER.finditer(folded):
        v = _number_value(m["val"])
        if v is None or any(a <= m.start() < b for a, b in skip) or regex.match(r"\s*/", folded[m.end():]) \
                or is_deadline_year(v) or code.fullmatch(m["val"]) \
                or _TALLY_WORDS.match(folded, m.end()):
            continue
        found.append(ValueHit(v, unit, text[m.start():m.end()], m.start(), m.end()))
    decimal = [h for h in found if "," in h.raw]
    if len(decimal) == 1:
        return decimal[0]
    return found[0] if len(found) == 1 else None


def _number_value(raw: str) -> float | None:
    """'9.000' and '9000' (a count in thousands), '74,23' (a decimal)."""
    return float(raw.replace(".", "")) if regex.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw) else parse_decimal(raw)


def _find_value(text: str, crit: Criterion, skip: list[tuple[int, int]] | None,
                context: str | None, legacy: bool | None = None) -> ValueHit | None:
    units = tuple(u for u in criterion_units(crit) if u != "%")
    if not units:
        return None
    skip = skip or []
    folded = fold_chars(text)
    if context is not None:
        # a loose row with a deadline cell ('Năm 2024', 'Quý IV/2024') beside the result: its year, run
        # together with the next cell's unit ('2024 giờ'), is no value
        skip = skip + [(m.start(), m.end()) for m in _YEAR.finditer(folded) if is_deadline_year(float(m[0]), context)]
    # the row's own code ('3.1 tai …', '1.5 điểm ≥ 03 điểm': a wrapped title word after it) is no value
    code = regex.escape(crit.code).replace(r"\.", "[.,]")
    skip = skip + [(m.start(), m.end()) for m in regex.finditer(rf"(?<![\d.,/]){code}(?![\d.,/])", folded)
                   if not _RESULT_LEAD.search(folded[max(0, m.start() - 20):m.start()])] \
        if "." in crit.code else skip  # 'Kết quả đạt 3,4 giao dịch' of criterion 3.4 is its value
    unit_rx, unit_names = _unit_rx(("%", *units))
    ocr = None if (not legacy if legacy is not None else has_diacritics(text)) else _ocr_unit_rx(units)
    cands: list[tuple[bool, ValueHit]] = []
    for m in _VALUE_AFTER_NON_LETTER.finditer(folded):
        if any(a <= m.start() < b for a, b in skip):
            continue
        um = unit_rx.match(folded, m.end())
        names = unit_names
        if um is None and ocr is not None:
            um, names = ocr[0].match(folded, m.end()), ocr[1]  # '761,53 cliem', '17.472 lirot', '30,22 gjo/ngu&i'
        v = parse_decimal(m["val"])
        if um is None or v is None:
            continue
        unit = next(names[k] for k, val in um.groupdict().items() if val is not None)
        if unit == "%" or _marked_target(folded, m.start(), um.end()) or _is_year(folded, m.start(), v):
            continue
        led = bool(_RESULT_LEAD.search(folded[max(0, m.start() - 20):m.start()]))
        cands.append((led, ValueHit(v, unit, text[m.start():um.end()], m.start(), um.end())))
    around = fold_chars(context) if context is not None else folded
    if not cands:
        return _wrapped_value(text, folded, units, skip, around) or _garbled_value(text, folded, units, skip) \
            or _led_decimal(text, folded, units, skip, around) \
            or (_led_decimal(text, folded, units, skip, around, whole=True) if context is not None else None)
    introduced = [c for ok, c in cands if ok]
    if not introduced and context is not None:
        # a loose row: the number a result word introduces ('đạt 66' / … 'Mb/s', 'day 17' of legacy OCR)
        # is the result cell's, the unit's number beside the code the target cell's ('2.1 50 Mb/s')
        by_word = _led_decimal(text, folded, units, skip, around, whole=True)
        if by_word is not None and not any(abs(by_word.value - c.value) < 1e-9 for _ok, c in cands):
            return by_word
        # '40 Mb/s 46,85 Mb/s' with no word before either: targets are round numbers, the one
        # number with decimals is the measured value
        decimal = [c for _ok, c in cands if regex.match(r"\d+,\d", c.raw)]
        if len(decimal) == 1 and len(cands) > 1:
            return decimal[0]
    return introduced[0] if introduced else cands[0][1]


@lru_cache(maxsize=64)
def _ocr_unit_rx(units: tuple[str, ...]) -> tuple[regex.Pattern, dict[str, str]]:
    """The criterion's units as legacy OCR without Vietnamese writes them (:func:`vocab.ocr_form`:
    'lirot', 'lugt' of 'lượt', 'gjo/ngu&i' of 'giờ/người', 'cliem' of 'điểm'), each form's canonical
    name. Group names start with 'o' so they never meet :func:`_unit_rx`'s."""
    forms = {f: canon for canon, fs, _note in vocabulary().raw["unit_aliases"] if canon in units for f in fs}
    for u in units:
        forms.setdefault(u, u)
    alts = sorted(forms, key=lambda f: -len(f))
    if not alts:
        return regex.compile(r"(?!)"), {}
    return regex.compile("(?:" + "|".join(f"(?P<o{i}>{ocr_form(f)})" for i, f in enumerate(alts)) + ")" + _WORD_END), \
        {f"o{i}": forms[f] for i, f in enumerate(alts)}


def _unit_heads(units: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """Each written form of the units of several words as (its first words, its last word, the
    canonical name): 'thuê bao/100 dân' → ('thue', 'dan'), 'cơ sở dữ liệu' → ('co so', 'lieu')."""
    out = []
    for canon, forms, _note in vocabulary().raw["unit_aliases"]:
        if canon not in units:
            continue
        for f in forms:
            words = regex.split(r"[\s/]+", fold_form(f))
            if len(words) >= 2 and len(words[0]) >= 2:
                head = " ".join(words[:2]) if len(words) >= 4 and len(words[0]) <= 3 else words[0]
                out.append((head, words[-1], canon))
    for u in units:
        words = regex.split(r"[\s/]+", fold_form(u))
        if len(words) >= 2 and len(words[0]) >= 2:
            head = " ".join(words[:2]) if len(words) >= 4 and len(words[0]) <= 3 else words[0]
            out.append((head, words[-1], u))
    return sorted(set(out), key=lambda x: -len(x[0]))


def _wrapped_value(text: str, folded: str, units: tuple[str, ...], skip: list[tuple[int, int]],
                   around: str | None = None) -> ValueHit | None:
    """A value whose unit wrapped inside its cell: the number, then the unit's first words, the
    rest of the unit on another line of the cell ('46 thuê' … 'bao/100 dân', '02 cơ sở' … 'dữ liệu').
    Taken only when exactly one such number stands outside the targets (an op or cue before it)
    and the unit's last word is also written in the text (or in ``around``, the whole row)."""
    found: list[ValueHit] = []
    for head, tail, canon in _unit_heads(units):
        if not regex.search(rf"(?<![a-z]){regex.escape(tail)}(?![a-z])", around if around is not None else folded):
            continue
        for m in regex.finditer(r"(?<![\p{L}\d.,/])" + _VALUE + rf"\s+{_flex(head)}(?![a-z])", folded):
            v = parse_decimal(m["val"])
            if v is None or any(a <= m.start() < b for a, b in skip) or _is_year(folded, m.start(), v) \
                    or _marked_target(folded, m.start(), m.end()):
                continue
            if not any(h.start == m.start() for h in found):
                found.append(ValueHit(v, canon, text[m.start():m.end()], m.start(), m.end()))
    return found[0] if len(found) == 1 else None


def _garbled_value(text: str, folded: str, units: tuple[str, ...], skip: list[tuple[int, int]]) -> ValueHit | None:
    """A value whose unit's last word OCR garbled ('69,04 thuê bao/100 h0', '8 cơ sở dữ 1ieu',
    '3,5 tài khoản/ngir&i', a result word then '26,7 gi&'): the unit's other words as written, its
    last word starting with its letter (or a digit for it) and about as long. A unit of one word
    counts so only after a result word ('Kết quả thực hiện: 26,7 gi&'). The first such value not a
    target is taken."""
    forms: list[tuple[str, str]] = []
    for canon, fs, _note in vocabulary().raw["unit_aliases"]:
        if canon in units:
            forms += [(fold_form(f), canon) for f in fs]
    forms += [(fold_form(u), u) for u in units]
    for form, canon in sorted(set(forms), key=lambda x: -len(x[0])):
        m = regex.fullmatch(r"(.*?)([a-z]{2,})", form)
        if m is None:
            continue
        prefix, last = m[1], m[2]
        if not prefix.strip() and len(last) < 3:
            continue
        tail = rf"[{last[0]}0-9][^\s;,.)]{{{max(0, len(last) - 3)},{len(last) + 1}}}" if prefix.strip() \
            else rf"{regex.escape(last[:2])}[^\s;,.)]{{1,{len(last)}}}"
        head = _flex(prefix.rstrip()) + r"\s*" if prefix.strip() else ""
        rx = regex.compile(r"(?<![\p{L}\d.,/])" + _VALUE + r"\s*" + head + tail + r"(?=[\s;,.)]|$)")
        for hit in rx.finditer(folded):
            v = parse_decimal(hit["val"])
            if v is None or any(a <= hit.start() < b for a, b in skip) or _is_year(folded, hit.start(), v) \
                    or _marked_target(folded, hit.start(), hit.end()):
                continue
            if regex.search(r"\(\s*$", folded[:hit.start()]):
                continue  # '(80 thuê bao/100 h0)' after a title: its target
            if not prefix.strip() and not _RESULT_LEAD.search(folded[max(0, hit.start() - 20):hit.start()]):
                continue
            return ValueHit(v, canon, text[hit.start():hit.end()], hit.start(), hit.end())
    return None


@lru_cache(maxsize=1)
def _garbled_dat_rx() -> regex.Pattern:
    """A garbled 'đạt' (the vocabulary's dat_word) right before a number: 'day 53,24', 'Pat 2,1'."""
    return regex.compile(rf"(?<![a-z])(?:{vocabulary().raw['dat_word'][0]})(?:\s+m[uw]c)?\s*:?\s*$")  # 'đạt mức 24,9'


def _led_decimal(text: str, folded: str, units: tuple[str, ...], skip: list[tuple[int, int]],
                 around: str | None = None, whole: bool = False) -> ValueHit | None:
    """A table row whose cells ran together put the result's number and its unit apart
    ('bình quân 2,94 Vượt … khoản/người'): a number with decimals after a result word, the only
    one, in a row that writes the unit's last word somewhere. Targets, codes and STT numbers are
    whole numbers, so a decimal is the measured value. In text without diacritics (legacy OCR) a
    garbled 'đạt' ('day 53,24') leads it as well, and so does 'đã có' a whole count ('đã có 18' /
    … 'camera') and 'bình quân' a whole average ('bình quân 21' / … 'giờ'). The unit's last word may
    stand anywhere in ``around`` (the whole row). ``whole``: a whole number after a result word
    counts as well ('đạt 66' / … 'Mb/s', a loose row's result cell)."""
    garbled = not has_diacritics(text)  # legacy OCR: 'đạt' written 'day', 'Pat', 'Dar'
    lasts = {u: regex.escape(regex.split(r"[\s/]+", fold_form(u))[-1]) for u in units}
    where = around if around is not None else folded
    unit = next((u for u in units if regex.search(rf"(?<![a-z]){lasts[u]}(?![a-z])", where)), None)
    if unit is None:
        return None
    found = []
    for m in _LED_NUMBER.finditer(folded):
        if any(a <= m.start() < b for a, b in skip) or _marked_target(folded, m.start(), m.end()):
            continue
        before = folded[max(0, m.start() - 20):m.start()]
        if "," not in m["val"]:
            count = float(m["val"].replace(".", ""))
            led = (garbled and _DA_CO.search(before)) or (whole and (
                _RESULT_LEAD.search(before) or (garbled and _garbled_dat_rx().search(before))))
            if led and not is_deadline_year(count) \
                    and not _TALLY_WORDS.match(folded, m.end()):
                found.append(ValueHit(count, unit, text[m.start():m.end()], m.start(), m.end()))
            continue
        if _RESULT_LEAD.search(before) or (garbled and _garbled_dat_rx().search(before)):
            v = parse_decimal(m["val"])
            if v is not None:
                found.append(ValueHit(v, unit, text[m.start():m.end()], m.start(), m.end()))
    return found[0] if len(found) == 1 else None


_LED_NUMBER = regex.compile(r"(?<![\p{L}\d.,/])(?P<val>\d{1,4},\d{1,2}|\d{1,3}(?:\.\d{3})+|\d{1,6})(?![\d.,/%]|\s*%)")
"""'2,94', '18', and a whole count grouped in thousands or not ('hiện có 35.896' / … 'lượt', 'hiện có 14087')."""
_TALLY_WORDS = regex.compile(r"\s*(?:tren|/)\s*(?:tong\s+s\S\s+)?\d")
"""'đạt 7 trên 10 tiêu chí', 'đạt 7 trên tổng số 10': a tally's count, no value."""
_DA_CO = regex.compile(r"(?<![a-z])(?:(?:da|hien)\s+co|binh\s+quan)\s*:?\s*$")
"""'đã có 18' / 'hiện có 04' / 'bình quân 121': a count's or an average's result, its unit wrapped
onto another line of the cell."""

_NOT_RESULT_OPS = {"dat", "bang", "="}


def _marked_target(folded: str, start: int, end: int) -> bool:
    """A number + unit written as a target: after a target cue or op ("chỉ tiêu giao 3 cơ sở dữ
    liệu", "≥10 tổ", "KH giao 03 điểm", "Từ 03 điểm trở lên"), or followed by "trở lên"."""
    if _TRO_LEN.match(folded[end:]):
        return True
    lead = _lead_rx().search(folded, max(0, start - 60), start)
    if lead is None:
        return False
    op = " ".join(lead["op"].split()) if lead["op"] else None
    return bool(lead["cue"]) or (op is not None and op not in _NOT_RESULT_OPS)


def _is_year(folded: str, start: int, v: float) -> bool:
    """'năm 2024', 'đến 2025': a year, not a count."""
    return is_deadline_year(v) and bool(regex.search(r"(?:nam|den|tu)\s*$", folded[max(0, start - 8):start]))


_CRITERIA_WORD = r"\s*(?:t[ij][a-z€]{1,3}u\s+ch[i1jl]|ch[i1jl]\s+t[ij][a-z€]{1,3}u)(?![a-z])"
_CRITERIA_WORD_RX = regex.compile(_CRITERIA_WORD)
_TALLY_AFTER = regex.compile(_CRITERIA_WORD + r"(?:\s+thanh\s+phan)?\s*(?:(?:da|deu)\s+)?(?:dat|day|pat|hoan\s+thanh)\b")
_TALLY_BEFORE = regex.compile(r"(?:\bco|\bdat|\bgom|:)\s*$")
_TALLY_LABEL = regex.compile(_CRITERIA_WORD + r"\s+(?:da\s+)?(?:dat|day|pat)(?:\s+c[uw]a\s+nh[o0]m(?:\s+n[a4]y)?)?\s*:?\s*$")
"""'Số tiêu chí đạt (của nhóm): 3/6', legacy 'Sb tieu chi dat cua nhom: 3/6': the label of a count of criteria."""


def _is_tally(folded: str, f: Fraction) -> bool:
    """'có 1/2 chỉ tiêu đạt', '4/5 tiêu chí đạt', 'đạt 19/23 tiêu chí', 'Số tiêu chí đạt của nhóm: 3/6': a count of criteria; a
    table's cells run together ('125.381 chỉ tiêu') are not."""
    if _TALLY_AFTER.match(folded, f.end) or _TALLY_LABEL.search(folded[max(0, f.start - 40):f.start]):
        return True
    return bool(_CRITERIA_WORD_RX.match(folded[f.end:]) and _TALLY_BEFORE.search(folded[max(0, f.start - 12):f.start]))


def agrees(f: Fraction, p: Percent) -> bool:
    """Whether the written percent is x/y rounded as written (half a unit of its last decimal)."""
    if not f.denominator:
        return False
    return abs(f.numerator / f.denominator * 100 - p.value) <= percent_tolerance(p.raw)


_PAREN_LEAD = regex.compile(r"(?:\(|=)\s*(?:\w{1,4}\s+)?(?:t[iy]\s*[l1i|][^\s\d]{0,2}\s+)?$")
"""What opens the percent a fraction further before it gives: a bracket or '=', a short word ('(đạt 30,77%)',
'= 65 %'), and a rate's 'tỷ lệ' ('(tỉ lệ 97.52%)', legacy '(ti le 97.52%)', '(dat ty 1€ 83 %)')."""


@lru_cache(maxsize=1)
def _tuong_ung() -> regex.Pattern:
    return regex.compile(r"\s*,?\s*(?:" + ocr_form("tương ứng") + "|" + ocr_form("tương ứng với") + r")\s*:?\s*")


def _leads_into(between: str) -> bool:
    """'đạt 68%, tương ứng 44.605/60.702 hộ': the percent leads into the fraction through 'tương ứng', also
    as legacy OCR writes it longer ('68%, tirong ung 44.605/60.702')."""
    return _tuong_ung().fullmatch(fold_chars(between)) is not None


_RATE_CLAUSE = regex.compile(r"[^\d;:.()%/]{0,200},\s*(?:dat|day|pat)\s+t[iy]\s*[l1i|][^\s\d]{0,2}\s*:?\s*$")


def _rate_clause(between: str) -> bool:
    """The words between a fraction and a percent are its noun's clause, then ', đạt tỷ lệ' ('6.082/6.032
    hồ sơ được tiếp nhận, giải quyết trực tuyến toàn trình, đạt tỷ lệ 92.9%', legacy '…, dat ty 1€ 92.9%'):
    no number, bracket, colon or sentence end between them, so the rate is the fraction's."""
    return _RATE_CLAUSE.fullmatch(between) is not None


@dataclass
class MeasureHit:
    fraction: Fraction | None
    percent: Percent | None
    fractions: list[Fraction]
    percents: list[Percent]


def pick_measure(text: str, loose: bool = False, skip: list[tuple[int, int]] | None = None,
                 first: bool = False) -> MeasureHit:
    """The measure the verdict rests on: the last fraction, and the percent stated for it.

    ``first``: the criterion has several measures (the catalog lists them), each with its own
    result; the record's top-level x/y is then the first measure's.

    ``text`` ends where the verdict starts. The percent belongs to the fraction when it
    follows it ('= 99,7%', '(92%)', '(đạt 30,77%)') or leads into it ('đạt 100% (39/39)');
    without a fraction it is the last percent written.
    """
    skip = skip or []

    def free(a: int, b: int) -> bool:
        return not any(s <= a < e or s < b <= e for s, e in skip)

    # 'có 1/2 chỉ tiêu đạt', '4/5 tiêu chí': a tally of criteria, never a criterion's own measure
    folded = fold_chars(text)
    fracs = [f for f in find_fractions(text) if free(f.start, f.end) and not _is_tally(folded, f)]
    pcts = [p for p in find_percents(text, loose) if free(p.start, p.end)]
    # a percent inside a fraction's neighbour parenthesis "(đạt 100%)" before a later fraction
    # still belongs to the earlier one; only pair with the chosen (last) fraction.
    if fracs:
        f = fracs[0] if first else fracs[-1]
        after = [p for p in pcts if p.start >= f.end and (p.start - f.end <= 40 or (
            p.start - f.end <= 220 and not regex.search(r"[;\n]\s*[-–+]|;|/", text[f.end:p.start])
            and _PAREN_LEAD.search(fold_chars(text[max(f.end, p.start - 16):p.start])))
            or _rate_clause(fold_chars(text[f.end:p.start])))]
        before = [p for p in pcts if p.end <= f.start and (f.start - p.end <= 12 or _leads_into(text[p.end:f.start]))
                  and not any(g.end <= p.start for g in fracs if g is not f and g.start > p.end)]
        between_next = [p for p in after if not any(g.start < p.start for g in fracs if g.start > f.start)]
        near = ([between_next[0]] if between_next else []) + ([before[-1]] if before else [])
        # "tỷ lệ 90,21 %; cụ thể: 341/378; tỷ lệ 88,7%; cụ thể: 291/328": a percent on each side;
        # the one whose value the fraction gives is its own, else the one after it
        agree = [p for p in near if agrees(f, p)]
        if not near:
            # further off ('đạt 76,69%, tương ứng 671/875' with its words garbled longer, '2.423/2.423
            # cán bộ … được tập huấn, đạt tỷ lệ 100 %'): the percent the fraction gives, with no other
            # fraction and no new item (';', a dash) between them, is its stated percent
            agree = [p for p in pcts if agrees(f, p) and (
                (p.start >= f.end and p.start - f.end <= 220 and _nothing_between(text, fracs, f.end, p.start))
                or (p.end <= f.start and f.start - p.end <= 40 and _nothing_between(text, fracs, p.end, f.start)))]
        if f.apart:
            # other cells' words run between its halves: a near percent may be the target cell's; only the
            # percent the fraction gives is its own, else a bracketed percent after it ('(70,0%)', the
            # result cell's last line), never a bare one (the target cell's '85% yeu cau')
            own = agree or [p for p in pcts if p.start >= f.end and agrees(f, p)] \
                or [p for p in pcts if p.start >= f.end and _BRACKET_OPEN.search(text, max(0, p.start - 3), p.start)
                    and text[p.end:].lstrip().startswith(")")]
            return MeasureHit(f, own[0] if own else None, fracs, pcts)
        pct = agree[0] if agree else (near[0] if near else None)
        return MeasureHit(f, pct, fracs, pcts)
    return MeasureHit(None, pcts[-1] if pcts else None, fracs, pcts)


_BRACKET_OPEN = regex.compile(r"\(\s*$")


def _nothing_between(text: str, fracs: list[Fraction], a: int, b: int) -> bool:
    """No other fraction and no new item (';', a dash that starts one) between ``a`` and ``b``."""
    return not any(a <= g.start < b for g in fracs) and not regex.search(r";|\n\s*[-–+]|\s[-–]\s", text[a:b])


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


_PART_LABEL_FIRST = regex.compile(r"(?P<label>\p{L}(?:[^\d();:%/]|(?<=\p{L})\d(?=\p{L})){0,40}?)\s*:?\s*(?<![\d/.,])"
                                  r"(\d{1,3}(?:\.\d{3})+|\d+)(?P<rest>[^\d();:%/]{0,30})")
"""A part written label first: 'trực tuyến 7.215', legacy OCR's 'truc ti€p 3.015', 'trực tiếp: 739 hồ sơ'."""


def find_parts(text: str) -> list[PartsHit]:
    """'277.441 văn bản (172.652 văn bản đến; 104.789 văn bản đi)' → whole and parts; also with
    each part's label before its number: 'tiếp nhận 7.790 hồ sơ (trực tuyến 7.215; trực tiếp 739)'.

    Only parentheses whose items are all 'number + label' or all 'label + number' separated by ';'
    or ',' count, and only when there are at least two such items.
    """
    out = []
    for m in _PARTS.finditer(text):
        inner = m["parts"]
        items = [s.strip() for s in regex.split(r"[;,]\s*(?=\d)", inner) if s.strip()]
        if len(items) < 2:
            # 'trực tuyến 7.215; trực tiếp 739': each item its label, then its number
            items = [s.strip() for s in regex.split(r"\s*(?:;|,(?!\d))\s*", inner) if s.strip()]
            lm = [_PART_LABEL_FIRST.fullmatch(i) for i in items]
            labels = [fold_form(x["label"]) for x in lm if x is not None]
            if len(items) < 2 or not all(lm) or "%" in inner or "/" in inner or len(set(labels)) < len(labels):
                continue  # 'thôn 1, thôn 2': names numbered, no parts
            items = [x[2] for x in lm if x is not None]
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
