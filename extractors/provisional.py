"""A report with no fitting catalog framework: its own structure drafted into a provisional framework.

The report's numbered headings ("3.4.", "Tiêu chí 3:", "1)", a roman or numbered group line above
them) or its table rows (a header naming a title column and a result or verdict column; rows with a
code, a title, a target) are drafted into an :class:`extractors.catalog.Framework` with codes and
titles as the report writes them, groups as it groups them, and targets (op, value, unit) as it
states them. The readers that read a catalog's criteria (narrative blocks, table rows, tallies) then
read the document with that framework, so every reading rule is the same with or without a catalog.

A document that is not such a report (a news article, a decision's preamble, prose) drafts nothing:
a report states a verdict for its criteria, so at least :data:`MIN_VERDICTS` drafted criteria must
carry one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex
from pydantic import ValidationError
from rapidfuzz import fuzz

from extractors.catalog import Criterion, Framework, Group, Target
from extractors.criteria import results_colon_at
from extractors.measure import find_targets
from extractors.narrative import is_closing
from extractors.numbers import find_fractions, find_percents, parse_decimal
from extractors.table_header import header_lines
from extractors.table_row import _with_unit
from extractors.tables import has_table_header
from extractors.verdicts import find_verdicts, parse_verdict
from extractors.vocab import fold_form, has_diacritics, note_count_rx, ocr_form, vocabulary
from ingest.models import Line
from ingest.normalize import fold_chars, match_key

PROVISIONAL_ID = "provisional"
MIN_VERDICTS = 2
"""A document is read as a report of its own only when this many of its drafted criteria state a verdict."""
MIN_TITLE = 8
"""Characters a drafted title needs (shorter text after a number is a list item, not an indicator)."""

# "3.4.", "3.4:", "2.1/", "2.1.-", "(2.1)", "[2.1]", "Tiêu chí 3.4:", "TC 3.4:", "Chỉ tiêu số 12:", "1.", "1)",
# "- 2." on folded text (a '/'
# before a number is a fraction or a date, "14/14", never a code's mark)
_HEAD = regex.compile(
    r"^\s*(?:[-–•*+]\s*)?(?:(?P<word>t[ij]\S{1,3}u\s+ch\S{1,2}|ch\S{1,2}\s+t[ij]\S{1,3}u|tc|ct)\s*(?:(?:s\S{1,2}|th\S{1,2})\s*)?)?"
    r"(?P<open>[(\[]\s*)?(?P<code>\d{1,2}(?:\s*[.,]\s*\d{1,2}){0,2})(?![\d%]|\s*/(?!\s+\d{1,3}\s*%\s*\p{L})\s*\d|[.,]\d{3}|\s*[.,]\s*\d{3})"
    r"(?(open)\s*[)\]])(?P<sep>\s*[.:)/]\s*(?:[-–]\s*)?|\s*[-–]\s+|\s+)(?P<rest>\S.*)?$")
_ROMAN = regex.compile(r"^\s*(?P<code>[IVX]{1,5})\s*[.:)/]\s*(?P<rest>\S.*)$")
"""A roman group line: 'II. CHÍNH QUYỀN SỐ', 'II/ Chính quyền số', 'III) …'."""
_NUMERIC_TITLE = regex.compile(r"\d{1,3}(?:[.,]\d{1,2})?\s*%\s+\p{L}")
"""A title that starts with its own percent ('100% các hệ thống thông tin …')."""
_GROUP_WORD_HEAD = regex.compile(
    r"^\s*(?:[-–•*+]\s*)?(?:nh[o0]m|kh[o0]i|l[i1]nh\s+v[uw]c)\s+(?:(?:tieu\s+chi|chi\s+tieu)\s+)?(?:so\s+)?"
    r"(?P<code>\d{1,2}|[ivx]{1,4})\s*[.:)\-–]\s*(?P<rest>\p{L}.*)$", regex.I)
"""A group heading named by its group word ('Nhóm 2:', 'Nhóm tiêu chí II –', 'Lĩnh vực 3.') on folded text."""
_CODE_CELL = regex.compile(r"^\s*(?P<code>\d{1,2}(?:\s*[.,]\s*\d{1,2}){0,2}|[IVX]{1,5})\s*[.)]?\s*$")
_NOT_UNIT = frozenset("tro so tren duoi dat trong va cua tai den nam duoc la o theo cho voi tu con nhu da".split())
"""Words that end a unit written after a number ("50 Mb/s trở lên", "10 camera so với …")."""
_DELIM = regex.compile(r"[()\[\]:;,.\n]|\s[-–]\s|$")


@dataclass
class _Item:
    code: str
    title: str
    index: int
    level: str
    """'dotted', 'int' or 'roman'."""
    text: str = ""
    """The block's text (heading to the next heading), for targets and verdicts."""
    target_text: str | None = None
    row: bool = False
    loose: bool = False
    """A row of a legacy text table: its target is among the words of its lines."""
    verdict: bool = False
    """Whether the row or block states a verdict."""
    row_lines: tuple[str, ...] = ()
    """A loose row's lines around its code line (up to its neighbours' code lines), the code line's
    at ``row_at``: where a target cell wrapped apart from its unit is read."""
    row_at: int = 0
    unit: str | None = None
    """A table row's unit where its unit cell wrapped and lost letters to the cells beside it (:func:`_spilt_unit`):
    the vocabulary unit its result writes, for a target whose unit is those cells' fragments."""


def _norm_code(code: str) -> str:
    parts = regex.split(r"\s*[.,]\s*", code.strip())
    return ".".join(str(int(p)) if p.isdigit() else p.upper() for p in parts if p)


def _level(code: str) -> str:
    if regex.fullmatch(r"[IVX]+", code):
        return "roman"
    return "dotted" if "." in code else "int"


def _cut_title(text: str) -> str:
    """The title part of a heading's text: up to the ':' that introduces the results, a parenthesis
    or dash that states the target, the first number of a result, or a verdict."""
    folded = fold_chars(text)
    cut = len(text)
    depth = 0
    for i, ch in enumerate(text):
        if ch == "(":
            inner = folded[i:i + 60].split(")")[0]
            if regex.search(r"\d|chi tieu|muc tieu|ke hoach|kh\b", inner):
                cut = i
                break
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == ":" and depth == 0:
            cut = i
            break
    m = regex.search(r"\s[-–]\s|[;]|\.\s|\.$", text[:cut])
    if m:
        cut = m.start()
    for hits in (find_fractions(text[:cut]), find_percents(text[:cut])):
        if hits:
            cut = min(cut, hits[0].start)
    for v in find_verdicts(text[:cut]):
        if v.start > 0:
            cut = min(cut, v.start)
            break
    m = regex.search(r"(?<![\p{L}\d])(?:\d{1,3}(?:[.,]\d+)?)\s*(?:%|\p{L}+/)", text[:cut])
    if m:
        cut = m.start()
    title = text[:cut]
    # a target phrase the cut left at the end: "… - KH giao", "… (chỉ tiêu", "… trên"
    title = regex.sub(r"(?i)[\s(\-–]*(?:kh|kế hoạch|chỉ tiêu(?: giao)?|mục tiêu|đạt|trên|dưới|tối thiểu|tối đa|không quá)"
                      r"?[\s(\-–:]*$", "", title)
    return " ".join(title.split()).strip(" .,:;-–(")


def _units(text: str) -> tuple[str, ...]:
    """Every unit the text writes after a number ("50 Mb/s", "10 camera", "02 giao dịch/người/tháng",
    "(2 mô hình)"), each with its shorter prefixes, and the vocabulary's units."""
    out = {"%"}
    for canon, _forms, _note in vocabulary().raw["unit_aliases"]:
        out.add(canon)
    for m in regex.finditer(r"(?<![\d.,/])\d{1,6}(?:[.,]\d{1,3})?\s*(?=\p{L})", text):
        rest = text[m.end():m.end() + 60]
        d = _DELIM.search(rest)
        words = rest[:d.start() if d else len(rest)].split()[:4]
        cut = next((k for k, w in enumerate(words) if fold_form(w) in _NOT_UNIT
                    or fold_form(w).startswith(("trolen", "troxuong"))), len(words))
        words = words[:cut]
        for n in range(1, len(words) + 1):
            unit = " ".join(words[:n])
            if regex.fullmatch(r"\p{L}[\p{L}/ ]*(?:/\s*100\s+\p{L}+)?", unit):
                out.add(unit)
    return tuple(sorted(out))


def _canon_unit(unit: str) -> str:
    """The vocabulary's name of a unit written one of its ways; on legacy OCR text (no diacritics in the unit) also
    written as that OCR prints it ('giao djch/nguoi/thang'); else the unit as written."""
    key = fold_form(unit)
    for canon, forms, _note in vocabulary().raw["unit_aliases"]:
        if key in {fold_form(f) for f in forms} or key == fold_form(canon):
            return canon
    if not has_diacritics(unit):
        folded = fold_chars(" ".join(unit.split()))
        for canon, forms, _note in vocabulary().raw["unit_aliases"]:
            if any(len(f) >= OCR_UNIT_MIN and regex.fullmatch(ocr_form(f), folded) for f in [canon, *forms]):
                return canon
    return unit


OCR_UNIT_MIN = 6
"""Letters a vocabulary unit needs to be recognised in its legacy OCR form (a short one, 'xã', 'điểm', would take
other words)."""


_FRACTION_TREN = regex.compile(r"\d\s+tren\b")
"""A count before 'trên' makes it the bar of a fraction in words ('28 trên 28', '22 trên tổng số 23')."""


def _results_colon(text: str) -> int | None:
    """Where a narrative block's results start: the first ':' after its code and title, outside
    parentheses ('Tiêu chí 2.2: Tỷ lệ … cáp quang: Đến nay, 1 811 trên tổng số 3 965 hộ (46 %); …')."""
    m = _HEAD.match(fold_chars(text.split("\n", 1)[0]))
    at = results_colon_at(text, m.start("rest") if m and m["rest"] else 0)
    return at if at >= 0 else None


def _target(text: str, cell: bool, known_units: bool = False, results_from: int | None = None) -> Target | None:
    """The target the text states ("KH giao 50 Mb/s", "(chỉ tiêu: tối đa 2%)", a target cell '≥10 camera').

    A bare parenthesized value ("(70 %)") is a target only before any result: after a fraction or a
    percent ("2675/3088 hộ (86,63%)") it is that result's percent. ``known_units``: only the
    vocabulary's units (text whose cells ran together, where any word may follow a number).
    """
    units = tuple(u[0] for u in vocabulary().raw["unit_aliases"]) if known_units else _units(text)
    for hit in find_targets(text, units, cell=cell):
        line_start = text.rfind("\n", 0, hit.start) + 1
        if hit.how in ("paren", "cell") and find_fractions(text[line_start:hit.start]):
            continue  # "9/11 thôn (81,82 %)": the result's percent
        if hit.how == "paren" and (find_fractions(text[:hit.start]) or find_percents(text[:hit.start])):
            continue
        if hit.how == "words" and _FRACTION_TREN.search(fold_chars(text[max(0, hit.start - 12):hit.start + 4]).lower()):
            continue  # '(28 trên 28 cán bộ)', '1 811 trên tổng số 3 965 hộ': a fraction in words, not 'trên 28'
        if hit.how == "paren" and results_from is not None and hit.start > results_from:
            continue  # '… 3 965 hộ (46 %)' after the results' ':': a result's percent
        if cell and text[max(0, hit.start - 1):hit.start] == "(":
            continue
        if hit.how == "cell" and regex.search(r"(?<!\p{L})\p{L}{1,2}$", text[max(0, hit.start - 3):hit.start]):
            continue  # legacy OCR's 'S6 mô hình' ('Số'), 'x4', 'h6': a short word's letter printed as a digit, no value
            # (a long word glued to the value is a text layer that lost its spaces: 'Khôngthấphơn2 giao dịch')
        if hit.how in ("cell", "words") and note_count_rx().search(fold_chars(text[max(0, hit.start - 16):hit.start]).lower()):
            continue  # 'Khảo sát 768 phiếu' ('sat 768' / 'diem …'): a note cell's survey count, no target
        if known_units and not text[line_start:hit.start].strip():
            continue  # "2.1 Mb/s …": the row's code, where the unit cell's word follows it
        if known_units and hit.how == "cell" and regex.match(r"(?:dat|day|pat)\s", fold_chars(hit.raw).lower()):
            continue  # "… đạt 0,9 % (7/751 hồ sơ)": the result cell, run together with the target's words
        if known_units and hit.how == "cell" and _RESULT_BEFORE.search(fold_chars(text[line_start:hit.start]).lower()):
            continue  # '… trở có 04 mô hình Đã đạt': a number after a result's word ('có', 'đạt', 'tỷ lệ') is the result
        if hit.how in ("cue", "op", "words", "paren", "cell"):
            t = hit.target
            return Target(op=t.op, value=t.value, unit=_canon_unit(t.unit))
    return None


_LONE_QUA = regex.compile(r"(?<![a-z])(?<!\bket\s)qua\s+(?P<val>\d{1,4}(?:[.,]\d{1,2})?)(?![\d.,/])")


def _wrapped_not_over(text: str, target: Target) -> Target:
    """A target cell 'Không quá 2 %' that wrapped apart ('… Không' / '3.2' / '… quá 2 % …'): the value
    found without its op word follows a lone 'quá' ('kết quả' is no op), and the row writes 'không':
    the op is the vocabulary's for 'không quá'."""
    folded = fold_chars(text).lower()
    if not regex.search(r"(?<![a-z])khong(?![a-z])", folded):
        return target
    op = dict(vocabulary().target_ops).get("khong qua", target.op)
    for m in _LONE_QUA.finditer(folded):
        if parse_decimal(m["val"]) == target.value:
            return Target(op=op, value=target.value, unit=target.unit)
    # 'Không quá' at the end of the line above, its value on the line below ('… trễ hẹn 2 % …'): the op
    # words stand alone (no number after them) and the value has no op of its own
    if regex.search(r"(?<![a-z])khong\s+qua(?![a-z])(?!\s*[<>≤≥]?\s*\d{1,4}(?:[.,]\d{1,2})?\s*%)", folded):
        for m in regex.finditer(r"(?<![\d.,/])(?P<val>\d{1,4}(?:[.,]\d{1,2})?)\s*%", folded):
            if parse_decimal(m["val"]) != target.value:
                continue
            before = folded[max(0, m.start() - 14):m.start()]
            if not regex.search(r"[<>≤≥=(]|(?<![a-z])(?:tu|tren|duoi|toi thieu|toi da|it nhat|qua|dat|day|la)\s*$", before):
                return Target(op=op, value=target.value, unit=target.unit)
    return target


def _criterion(item: _Item) -> Criterion | None:
    if item.loose:  # the target column's words are on the row's lines, before its result
        # cells run together: only the vocabulary's units, never words that merely follow a number
        target = _wrapped_op_target(item) or _target(item.target_text or "", cell=False, known_units=True) or \
            _target(item.target_text or "", cell=True, known_units=True) or _wrapped_unit_target(item)
        if target is not None:
            target = _wrapped_not_over(item.target_text or "", target)
    elif item.row:  # a table states its targets in their column
        target = _target(item.target_text, cell=True) if item.target_text else None
        if target is not None and item.unit is not None and target.unit != item.unit \
                and target.unit not in _vocabulary_units():
            target = Target(op=target.op, value=target.value, unit=item.unit)
        if target is None and item.row_lines:
            # a row a page break split (:func:`_split_row`): its target cell's op words apart from its value
            target = _wrapped_op_target(item)
    else:
        target = _target(item.text, cell=False, results_from=_results_colon(item.text))
    try:
        if target is not None and target.unit == "%":
            return Criterion(code=item.code, title=item.title, kind="ratio", target=target)
        if target is not None:
            return Criterion(code=item.code, title=item.title, kind="value", target=target)
        measured = find_fractions(item.text) or find_percents(item.text)
        return Criterion(code=item.code, title=item.title, kind="ratio" if measured else "yes_no")
    except ValidationError:
        return None


def _has_verdict(item: _Item) -> bool:
    if item.row or item.loose:
        return item.verdict
    first, _, rest = item.text.partition("\n")
    return bool(find_verdicts(first[len(item.code) + len(item.title):] + "\n" + rest))


# ---- narrative -------------------------------------------------------------------------------

_DOC_SYMBOL = regex.compile(r"(?:\d{4}/)?[a-z]{2,5}(?:-[a-z]{2,8})+\b")
"""The symbol after a document's number, on folded text ('16/KH-UBND', '10/QĐ-UBND', '54/2017/TT-BYT'): the
number is the document's, no heading's code."""


def _heading(line: Line) -> _Item | None:
    text = line.text
    m = _ROMAN.match(text)
    if m:
        title = _cut_title(m["rest"])
        return _Item(m["code"], title, -1, "roman") if len(title) >= 3 else None
    folded = fold_chars(text)
    m = _GROUP_WORD_HEAD.match(folded)
    if m:  # "Nhóm 2: Hạ tầng và nền tảng số: gồm 03 tiêu chí, đạt 03/03"
        title = _cut_title(text[m.start("rest"):])
        return _Item(m["code"].upper(), title, -1, "group") if len(title) >= 3 else None
    m = _HEAD.match(folded)
    if not m or not m["rest"]:
        return None
    marked = bool(m["word"] or m["open"] or m["sep"].strip())
    if not m["rest"][0].isalpha() and not (marked and _NUMERIC_TITLE.match(m["rest"])):
        return None  # '(14) 100% các hệ thống …', 'TC39: 100% …', '4/ 100% …': a marked code, a title starting with its percent
    code = _norm_code(m["code"])
    sep = m["sep"].strip()
    if sep == "/" and _DOC_SYMBOL.match(m["rest"]):
        return None  # "16/KH-UBND." (a plan's number wrapped onto its own line): a document's symbol, no heading
    if _level(code) == "int" and not sep and not m["word"] and not m["open"]:
        return None  # "18 thôn, tổ dân phố": a wrapped sentence, not a numbered heading
    if not sep and not m["word"] and not m["open"] and _rate_unit_first(text[m.start("rest"):]):
        return None  # "4,40 giao dịch/người/tháng (Hoàn thành)": a result's value wrapped onto its own line
    title = _cut_title_at(text[m.start("rest"):])
    if len(title) < 3:
        return None
    return _Item(code, title, -1, _level(code))


def _rate_unit_first(rest: str) -> bool:
    """Whether the text after a number starts with a rate unit of the vocabulary, one that names a count per
    something ('giao dịch/người/tháng', 'Mb/s', 'tài khoản/người', 'thuê bao/100 dân'; legacy OCR's 'giao
    dich/nguòi/thang'): the number is a value measured in it, a result that wrapped onto its own line
    ('… đạt' / '4,40 giao dịch/người/tháng'), never a heading's code: an indicator's title names what it
    counts ('Số giao dịch …', 'Tốc độ …'), it does not start with the unit."""
    # a sentence's full stop after the unit ('4,6 giao dịch/người/tháng.') is no part of it
    words = [w.rstrip(".") for w in regex.split(r"[\s(),;:]+", rest.strip(), maxsplit=5)[:4]]
    for n in range(1, len(words) + 1):
        unit = _canon_unit(" ".join(words[:n]))
        if "/" in unit and unit in _vocabulary_units():
            return True
    return False


def _cut_title_at(text: str) -> str:
    """:func:`_cut_title`, keeping a percent the title starts with ('100% các hệ thống …')."""
    lead = _NUMERIC_TITLE.match(fold_chars(text))
    if lead is None:
        return _cut_title(text)
    at = lead.end() - 1
    rest = _cut_title(text[at:])
    return f"{text[:at]}{rest}".strip() if rest else ""


def _narrative(lines: list[Line]) -> list[_Item]:
    heads: list[_Item] = []
    for i, ln in enumerate(lines):
        if ln.cells:
            continue
        h = _heading(ln)
        if h is not None:
            h.index = i
            heads.append(h)
    if not heads:
        return []
    levels = [h.level for h in heads]
    crit_level = "dotted" if levels.count("dotted") >= 2 else "int" if levels.count("int") >= 2 else None
    if crit_level is None:
        return []
    group_levels = {"dotted": ("int", "roman", "group"), "int": ("roman", "group")}[crit_level]
    kept = _in_sequence([h for h in heads if h.level == crit_level or h.level in group_levels], crit_level)
    # each heading's text runs to the next heading or the closing lines
    for k, h in enumerate(kept):
        end = kept[k + 1].index if k + 1 < len(kept) else len(lines)
        block = []
        for j in range(h.index, end):
            if j > h.index and is_closing(match_key(lines[j].text)):
                break
            block.append(lines[j].text)
        h.text = "\n".join(block)
        if h.level == crit_level:
            title_lines = _title_lines(lines, h.index, end)
            h.title = _cut_title_at(_strip_code(title_lines)) or h.title
    return kept


def _key(code: str) -> tuple[int, ...]:
    return tuple(int(p) for p in code.split(".") if p.isdigit())


def _in_sequence(heads: list[_Item], crit_level: str) -> list[_Item]:
    """Headings whose numbers run on from the one before ("3.4" after "3.3", "4.1" after "3.4"); a
    number out of that run ("5,1 giao dịch/người" after "3.4") is text of the block above. The run
    starts afresh under each group line."""
    out: list[_Item] = []
    prev: tuple[int, ...] | None = None
    for h in heads:
        if h.level != crit_level:
            out.append(h)
            if crit_level == "int":
                prev = None
            continue
        k = _key(h.code)
        if prev is not None and not (k > prev and k[0] - prev[0] <= (1 if crit_level == "dotted" else 3)):
            continue
        out.append(h)
        prev = k
    return out


def _strip_code(text: str) -> str:
    m = _HEAD.match(fold_chars(text))
    return text[m.start("rest"):] if m and m["rest"] else text


def _title_lines(lines: list[Line], i: int, end: int) -> str:
    """The heading line, and the lines its title wraps onto (up to 2, before a ':' or a bullet)."""
    text = lines[i].text
    for j in range(i + 1, min(end, i + 3)):
        nxt = lines[j].text.strip()
        if ":" in _strip_code(text) or not nxt or nxt[0] in "-–•*+=>(" or find_verdicts(nxt[:30]):
            break
        text += " " + nxt
    return text


# ---- tables with cells -----------------------------------------------------------------------

def _cell_role(cell: str) -> str | None:
    key = " ".join(fold_chars(cell).split()).strip(" .:()")
    best, best_len = None, 0
    for role, forms in vocabulary().header_roles.items():
        for form in forms:
            if (key == form or regex.match(rf"{regex.escape(form)}\b", key)) and len(form) > best_len:
                best, best_len = role, len(form)
    return best


def _header(cells: list[str]) -> dict[str, int] | None:
    roles: dict[str, int] = {}
    for i, c in enumerate(cells):
        r = _cell_role(c)
        if r is None:
            continue
        if " ".join(fold_chars(c).split()).strip(" .:") == "chi tieu":
            r = "target" if "title" in roles else "title"  # the indicator, unless a column before names it
        roles.setdefault(r, i)
    ask = next((i for i, c in enumerate(cells) if " ".join(fold_chars(c).split()).strip(" .:") == "yeu cau"), None)
    if "target" not in roles and ask is not None:
        roles["target"] = ask  # 'Yêu cầu' states the target where no column names one
        if roles.get("explanation") == ask:
            roles.pop("explanation")
    if "title" in roles and ({"result", "verdict"} & roles.keys()):
        if "code" not in roles and "stt" in roles:
            roles["code"] = roles["stt"]
        roles.setdefault("code", 0)
        return roles
    return None


def _without_header(cells: list[str], header: list[str]) -> list[str]:
    """A row a page break glued to the repeated header ('STT 2.3', 'Các chỉ tiêu Số camera …')."""
    keys = [" ".join(h.split()) for h in header]
    if sum(1 for c, k in zip(cells, keys, strict=False) if k and c.startswith(k + " ")) * 2 < len(cells):
        return cells
    return [c[len(k) + 1:] if k and c.startswith(k + " ") else c for c, k in zip(cells, keys + [""] * len(cells), strict=False)]


def _rows(lines: list[Line]) -> list[_Item]:
    out: list[_Item] = []
    roles: dict[str, int] | None = None
    header: list[str] = []
    last: _Item | None = None
    for i, ln in enumerate(lines):
        if not ln.cells:
            if roles is not None and last is not None and last.row:
                split = _split_row(lines, i, last)
                if split is not None:
                    out.append(split)
                    last = split
            continue
        head = _header(ln.cells)
        if head is not None and _without_header(ln.cells, header) == ln.cells:
            roles, header, last = head, ln.cells, None
            continue
        if roles is None:
            continue
        cells = _without_header(ln.cells, header)

        def get(role: str, cells: list[str] = cells, roles: dict[str, int] = roles) -> str:
            k = roles.get(role)
            return cells[k].strip() if k is not None and k < len(cells) else ""
        m = _CODE_CELL.match(get("code")) or (_CODE_CELL.match(get("stt")) if "stt" in roles else None)
        title = get("title")
        if m is None:
            if last is not None and last.row and title and not get("code"):
                last.title = f"{last.title} {title}"  # a title wrapped onto a row of its own
                last.text += " ; " + " ; ".join(cells)
            continue
        if not title or not title[0].isalpha():
            continue
        code = _norm_code(m["code"])
        content = any(get(r) for r in ("result", "verdict"))
        ocr = ln.conf is not None
        target = get("target")
        if target and get("unit") and not regex.search(r"\d\s*\S*\p{L}|%", target):
            target = f"{target} {get('unit')}"  # "70" in the target column, "%" in the unit column
        elif target and _target(target, cell=True) is None:
            # '≥70' / 'Từ 02 trở lên': the unit in a unit column of one word ('Mb/s', 'camera', a vocabulary
            # unit), else only in the row's result ('33,3 Mb/s'; a unit column that wrapped apart, 'giao ch/người/thán')
            for unit in (_clean_unit(get("unit")), _result_unit(get("result"))):
                if unit is not None and _target(_with_unit(target, unit), cell=True) is not None:
                    target = _with_unit(target, unit)
                    break
        item = _Item(code, " ".join(title.split()), i, _level(code) if content else "group", row=True,
                     text=" ; ".join(cells), target_text=target or None,
                     verdict=bool(get("verdict")) and parse_verdict(get("verdict"), fuzzy=ocr) is not None,
                     unit=_spilt_unit(get("unit"), get("result")))
        if content:
            out.append(item)
        elif _level(code) in ("int", "roman"):
            out.append(item)
        last = item
    return out


def _spilt_unit(unit_cell: str, result_cell: str) -> str | None:
    """The vocabulary unit a row's result writes ('đạt 4,45 giao dịch/người/tháng'), where the row's unit cell is
    no unit of its own but reads nearly as that one: a narrow cell that wrapped, some of its letters printed in
    the cells beside it ('giao ch/người/thán', 'dịc' in the title's, 'ng' in the target's)."""
    cell = " ".join(unit_cell.split())
    if not cell or _clean_unit(cell) is not None:
        return None
    unit = _result_unit(result_cell)
    if unit is None or unit == "%" or unit not in _vocabulary_units():
        return None
    return unit if fuzz.ratio(fold_form(cell), fold_form(unit)) >= SPILT_UNIT else None


SPILT_UNIT = 85
"""How nearly a wrapped unit cell must read as the result's vocabulary unit (fuzz.ratio, folded)."""


@lru_cache(maxsize=1)
def _vocabulary_units() -> frozenset[str]:
    return frozenset(u[0] for u in vocabulary().raw["unit_aliases"])


_RESULT_NUMBER = regex.compile(r"(?<![\d.,/])\d{1,6}(?:[.,]\d{1,3})?(?![\d/]|[.,]\d)\s*(?=\p{L})")


def _clean_unit(cell: str) -> str | None:
    """A unit column's cell that is one unit: '%', a vocabulary unit, or one word ('camera', 'Mb/s')."""
    text = " ".join(cell.split())
    if not text:
        return None
    canon = _canon_unit(text)
    if canon != text or text == "%":
        return canon
    return text if regex.fullmatch(r"\p{L}+(?:/\p{L}+)*", text) and fold_form(text) not in _NOT_UNIT else None


@lru_cache(maxsize=1)
def _unit_forms() -> tuple[tuple[str, str], ...]:
    """Every vocabulary unit's written forms, folded, with its canonical name; longest first."""
    return tuple(sorted(((fold_form(f), u[0]) for u in vocabulary().raw["unit_aliases"] for f in [u[0], *u[1]]),
                        key=lambda x: -len(x[0])))


def _result_unit(cell: str) -> str | None:
    """The unit a row's result cell writes with its value, for a target cell that writes only a number
    ('≥70', 'Thấp hơn 3', 'Từ 02 trở lên'; no unit column): a percent's '%' ('100 %', '5/5 = 100%'),
    else the unit word after the cell's one number ('33,3 Mb/s', 'hiện có 4 mô hình', 'đã có 7 camera'):
    a unit of the vocabulary the words start with, else the first word. A cell with no number, a fraction
    without a percent, or more than one number reads no unit."""
    if not cell or not regex.search(r"\d", cell):
        return None
    if find_percents(cell):
        return "%"
    if find_fractions(cell) or len(regex.findall(r"(?<![\d.,])\d[\d.,]*", cell)) != 1:
        return None
    m = _RESULT_NUMBER.search(cell)
    if m is None:
        return None
    rest = cell[m.end():]
    key = fold_form(rest)
    for form, canon in _unit_forms():
        if len(form) >= 2 and regex.match(rf"{regex.escape(form)}(?![\p{{L}}\d])", key):
            return canon
    word = rest.split()[0].strip(".,;:()") if rest.split() else ""
    if not regex.fullmatch(r"\p{L}+(?:/\p{L}+)*", word) or fold_form(word) in _NOT_UNIT or len(word) < 2:
        return None
    return word


_FOOTNOTE = regex.compile(r"^\s*(?:\(\s*\*{1,3}\s*\)|\*{1,3}|[¹²³⁴⁵])\s*\p{Lu}")
_UNIT_FIRST = regex.compile(r"^\s*(?P<unit>%|\p{L}[\p{L}/ ]{0,30}?)\s+(?P<target>[<>≤≥]?\s*\d[\d.,]*)\s*$")


def _split_row(lines: list[Line], i: int, last: _Item) -> _Item | None:
    """A table row a page break split and that lost its rules: its code line without cells ("6 % 50",
    the unit and target columns) between ruled rows, its title and result on the lines after it (past a
    footnote and the page break) up to the next ruled row. Only the code that follows the row above."""
    m = _LOOSE.match(lines[i].text)
    if m is None:
        return None
    code = _norm_code(m["code"])
    rest = m["rest"] or ""
    s = _STT_CODE.match(rest) if _level(code) == "int" and last.level != "roman" else None
    if s:  # "9 3.3 Tỷ lệ …": the STT column, then the code column
        code, rest = _norm_code(s["code"]), s["rest"] or ""
    if last.level in ("group", "int") and code == f"{last.code}.1":
        level = "dotted"  # the group row above ('3 | Hoạt động chính quyền số | … | 4/4'), then its first criterion
    elif last.level == "group":
        return None
    elif _level(code) != last.level or not (_key(code) > _key(last.code)) or _key(code)[:-1] != _key(last.code)[:-1] \
            or _key(code)[-1] != _key(last.code)[-1] + 1:
        return None
    else:
        level = last.level
    tail = []
    for ln in lines[i + 1:i + 6]:
        if ln.cells:
            break
        if _FOOTNOTE.match(ln.text):
            continue
        tail.append(ln.text)
    # the code line holds the row's short cells run together: a target only where the line starts with
    # it, or with the unit column before it ('% 50'); 'trung bình … đã có 5 mô hình Đạt' states a result
    u = _UNIT_FIRST.match(rest)
    target = f"{u['target']} {u['unit']}" if u else rest if regex.match(r"\s*(?:[<>≤≥]|\d)", rest) else None
    # the title column wrapped onto the next page; words on the code line are other columns' fragments,
    # unless the line starts with them ('9 3.3 Tỷ lệ người dân hài lòng … > 85 % …': the title's first line)
    head = "" if target is not None else _leading_words(regex.split(r"[\d%()]", rest, maxsplit=1)[0])
    if len(head) >= MIN_TITLE and (num := _NUMBERISH.search(rest)) is not None \
            and _target(rest[num.start():], cell=False) is not None:
        target = rest[num.start():]  # '… giải > 85 % phiếu: …': the target cell after the title's words
    title = " ".join(w for w in (head if len(head) >= MIN_TITLE else "",
                                 *(_leading_words(regex.split(r"[\d%()]", t, maxsplit=1)[0]) for t in tail)) if w)
    if not tail or len(title) < MIN_TITLE:
        return None
    text = "\n".join([lines[i].text, *tail])
    # the row's own lines, for a target cell whose op words wrapped apart from its value ('Không' / '5 2.2 thấp
    # hơn Vượt' / … '75% 93,4% …'; 'Tối thiểu cơ sở: 28/32, tỷ' / '… 50% lệ 87.50% …'): the line above the
    # code line when no ruled row is, the code line, its tail; no page marks ('- 1 -', 'Trang 1/2'). Where the page
    # broke just above the code line, the row's lines that stand before the break ('Không' / 'camera thấp hơn' /
    # '¹ Theo Công văn …' / '- 1 -' / '6 2.3 Số camera …'): back past the footnote and the page mark, up to the
    # ruled row above, at most _ROW_REACH lines
    above: list[str] = []
    broke = i > 0 and _PAGE_MARK.match(lines[i - 1].text) is not None
    for j in range(i - 1, max(last.index, i - 1 - (_ROW_REACH + 2 if broke else 1)), -1):
        ln = lines[j]
        if ln.cells or len(above) >= _ROW_REACH:
            break
        if _PAGE_MARK.match(ln.text) or (broke and _FOOTNOTE.match(ln.text)):
            continue
        above.insert(0, ln.text)
    own = [*above, lines[i].text, *(t for t in tail if not _PAGE_MARK.match(t))]
    return _Item(code, title, i, level, text=text, target_text=target, row=True,
                 verdict=bool(find_verdicts(text, exact=False)), row_lines=tuple(own), row_at=len(above))


_PAGE_MARK = regex.compile(r"^\s*[-–]\s*\d{1,3}\s*[-–]\s*$|^\s*trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?\s*$", regex.I)
"""A page's number on its own line between dashes or after 'Trang' ('- 1 -', 'Trang 1/2'): no cell of a row. (A
bare number alone on a line may be a target's value that wrapped: '5' under 'Từ'.)"""


# ---- tables in legacy text (no cells) ---------------------------------------------------------

_LOOSE = regex.compile(r"^\s*(?:(?P<code>\d{1,2}(?:\s*[.,]\s*\d{1,2}|(?!\s\d{3}\s+tr\S{1,2}n\b)))(?![\d%/]|[.,]\d)\s+(?P<rest>.*)"
                       r"|(?P<code>\d{1,2}\.\d{1,2})\s*)$")
"""A loose table row's code line: the code and the row's short cells run together ("1.2 ≥100% 6/6"),
or a dotted code alone, the row's cells wrapped above and below it ("3.2" between "Tỷ lệ … Không" and
"trễ hẹn qua 2 % …"); a number alone ("5", "3,2") is a wrapped value, not a row, and so is a number
grouped in thousands by a space before its 'trên' ("31 733 trên" / … "tổng số 31 703": a result
cell's fraction wrapped onto lines of its own; "8 100" is a code and a target cell)."""
_NUMBERISH = regex.compile(r"[≥≤<>=]|(?<![\p{L}])\d[\d.,]*\s*(?:%|/)|(?<![\p{L}\d])\d{2,}")
_CELL_TAIL = frozenset("hoan thanh chua chwa vuot vwot vugt dat day pat dar chi tieu khong da theo lieu tu tro len "
                       "tren duoi".split())


_STT_CODE = regex.compile(r"^(?P<code>\d{1,2}\s*\.\s*\d{1,2})(?![\d%/]|[.,]\d)(?:\s+(?P<rest>.*))?$")
"""A dotted code after a row's STT number ("3 1.3 …", or "2 1.2" alone on its line, the row's cells
wrapped above and below it); only a '.' ("3 1,5 Mb/s" is a number)."""


def _group_line(rest: str) -> bool:
    """A group row of a loose table: words only, no number or target ("2 Hạ tầng và nền tảng số",
    "3 HOẠT ĐỘNG CHÍNH QUYỀN SỐ", where OCR may print a letter as a digit: "D9NG")."""
    if _NUMBERISH.search(rest) or regex.search(r"(?<!\p{L})\d|[:;()]", rest):
        return False
    words = _leading_words(rest)
    return len(words) >= 8 and words == " ".join(rest.split()) and len(words.split()) >= 3


_CELL_START = regex.compile(
    r"(?<![\p{L}\d])(?:t[o0]i\s+thi|t6i\s+thi|t[o0]i\s+da(?![a-z])|it\s+nh[a-z]{0,2}t|kh[o0]ng(?![a-z])|tren(?![a-z])"
    r"|duoi(?![a-z])|tu\s+\d|(?:cao|thap|nho|lon)\s+h[o0&]n|h[o0][a4]n(?![a-z])(?!\s+thi)|ch[uw][a4](?![a-z])|chu[a4](?![a-z])"
    r"|v[uw]?[o0g]t(?![a-z])|v[uw][eo][o0]t(?![a-z])|(?:dp|dd|[dpb])[a4i][tyr](?![a-z])|da\s+(?=[a-z]))")
_CELL_START_ANY_CASE = regex.compile(r"(?<!\S)%(?!\S)|(?<![a-z])cu\s+the\s*:")
"""… and in any case: the unit column's lone '%', a result cell's 'cụ thể:' ('cụ thể: 5/5 thôn')."""
"""Where a loose table line's words stop being the title's: a capitalised word that starts a target cell
('Tối thiểu', 'Không thấp hơn', 'Trên 60%', 'Cao hơn', OCR's 'T6i thiêu') or a verdict cell ('Đạt yêu
cầu', OCR's 'Pay', 'Dar'; 'Hoàn thành', 'Chưa', 'Vượt kế hoạch', 'Đã …'). Cells start with a capital; a
title's own 'không dùng tiền mặt' or 'trên môi trường mạng' is lower case within it, and a title that
starts with 'Hoàn thiện' is no verdict."""


def _title_part(text: str) -> str:
    """``text`` up to the first capitalised word of another cell (:data:`_CELL_START`)."""
    folded = fold_chars(text)
    cut = len(text)
    for m in _CELL_START.finditer(folded):
        if text[m.start()].isupper():
            cut = m.start()
            break
    m = _CELL_START_ANY_CASE.search(folded[:cut])
    return text[:m.start() if m else cut]


def _leading_words(text: str) -> str:
    """The words a loose table line starts with, before its numbers, a target cell's op words and a
    verdict cell's words (:func:`_title_part`)."""
    text = _title_part(text)
    m = _NUMBERISH.search(text)
    words = (text[:m.start()] if m else text).split()
    while words and (fold_form(words[-1]).strip(".,;:()") in _CELL_TAIL | {""}
                     or regex.fullmatch(r"\W*\d\W*", words[-1])):
        words.pop()
    return " ".join(words)


_J = regex.compile(r"[jJ]")


def _i_for_j(lines: list[Line]) -> list[Line]:
    """Lines of legacy text with each 'j' read as the 'i' it stands for: Vietnamese writes no 'j',
    and OCR without Vietnamese support reads 'i' with a mark as one ('tjêu chí', 'chj tiêu'), so a
    header's labels are found however each page's copy of them was garbled."""
    return [ln.model_copy(update={"text": _J.sub("i", ln.text)}) if not ln.cells and _J.search(ln.text) else ln
            for ln in lines]


def _loose(lines: list[Line]) -> list[_Item]:
    """Rows of a table that legacy OCR ran into lines: each row's code line ("1.2 ≥100% 6/6 = 100%")
    and the title words on it and on the lines just above and below it."""
    if any(ln.cells for ln in lines) or not has_table_header(lines):
        return []
    found: list[_Item] = []
    lone: set[int] = set()
    # the table starts at its header ('79 văn bản chỉ đạo …' above is prose), the first page's header
    # even where OCR garbled it otherwise than the repeated ones ('Ten tjêu chi Muc tjeu')
    first = min(header_lines(_i_for_j(lines)), default=0)
    for i, ln in enumerate(lines):
        if i < first:
            continue
        m = _LOOSE.match(ln.text)
        if m is None and (n := _LONE_INT.match(ln.text)):
            lone.add(i)  # '4' alone, the row's cells wrapped above and below it: a row only in sequence (below)
            found.append(_Item(str(int(n[1])), "", i, "int", text=ln.text))
        elif m is None and (r := _LOOSE_ROMAN.match(ln.text)) and _group_line(r["rest"]):
            found.append(_Item(r["code"], r["rest"], i, "roman", text=ln.text))  # 'III Xã hội số': a group row
        elif m:
            code = _norm_code(m["code"])
            rest = m["rest"] or ""
            s = _STT_CODE.match(rest) if _level(code) == "int" else None
            if s:  # "3 1.3 ≥90 % …": the STT column, then the code column
                code, rest = _norm_code(s["code"]), s["rest"] or ""
            upper = not regex.search(r"\d", rest) and len(_leading_words(rest)) >= 8 and rest.upper() == rest
            found.append(_Item(code, rest, i, "group" if upper else _level(code), text=ln.text))
    # a row of words only, in any case ("2 Hạ tầng và nền tảng số", OCR's "3 HOAT D9NG …"), is a group
    # row where the codes that follow it start with its number ("2.1", "2.2" …)
    for k, f in enumerate(found):
        if f.level == "int" and _group_line(f.title):
            first_child = next((g for g in found[k + 1:] if g.level == "dotted"), None)
            if first_child is not None and first_child.code.split(".")[0] == f.code:
                f.level = "group"
    levels = [f.level for f in found]
    level = "dotted" if levels.count("dotted") >= 2 else "int"
    found = _lone_in_sequence(found, lone, level)
    # an integer-coded table's group rows are its roman ones ('III Xã hội số'; a number with words only is
    # an STT row there); a dotted table's are its numbered ones ('2 Hạ tầng …' above '2.1')
    items = [f for f in found if f.level in (level, "group") and not (level == "int" and f.level == "group")
             or (level == "int" and f.level == "roman")]
    items = _in_sequence(items, level)
    at = {f.index for f in found}
    for k, it in enumerate(items):
        if it.level in ("group", "roman"):
            it.title = _leading_words(it.title)
            continue
        parts = []
        above, below = it.index - 1, it.index + 1
        if above >= 0 and above not in at and not lines[above].cells:
            parts.append(_leading_words(lines[above].text))
        parts.append(_leading_words(it.title))
        if below < len(lines) and below not in at:
            parts.append(_leading_words(lines[below].text))
        it.title = " ".join(p for p in parts if p)
        window = [lines[j].text for j in (above, it.index, below) if 0 <= j < len(lines) and (j == it.index or j not in at)]
        it.target_text = "\n".join(window)
        nxt = items[k + 1].index if k + 1 < len(items) else min(len(lines), it.index + 6)
        it.text = "\n".join(ln.text for ln in lines[max(0, it.index - 1):nxt])
        lo = max(items[k - 1].index + 1 if k > 0 else 0, it.index - _ROW_REACH)
        hi = min(nxt, it.index + _ROW_REACH + 1)
        # (a page's number between the row's lines, '- 1 -' at a page break, is none of its cells)
        own = [j for j in range(lo, hi) if not lines[j].cells and (j == it.index or not _PAGE_MARK.match(lines[j].text))]
        it.row_lines = tuple(lines[j].text for j in own)
        it.row_at = own.index(it.index)
        it.verdict = bool(find_verdicts(it.text, exact=False)) or bool(
            regex.search(r"\b(?:h[o0][a4]n|ch[uw][a4]|v[uw][o0g]t|[dp][a4][tyr])\b", fold_chars(it.text)))
        it.loose = True
    return items


_LONE_INT = regex.compile(r"^\s*(\d{1,2})\s*$")
_LOOSE_ROMAN = regex.compile(r"^\s*(?P<code>[IVX]{1,5})\.?\s+(?P<rest>\p{L}.*)$")
"""A loose table's roman group row: the group's numeral in the STT column, its name after it ('III Xã hội số')."""


def _lone_in_sequence(found: list[_Item], lone: set[int], level: str) -> list[_Item]:
    """A number alone on its line is an STT row only where it is the next number of an integer-coded
    table (the row above it is one less, or it is the first, 1); anywhere else it is a wrapped value."""
    out: list[_Item] = []
    prev = 0
    fresh = False  # just below a roman group row, where the numbering may start afresh
    for f in found:
        if f.level == "roman":
            fresh = True
            out.append(f)
            continue
        if f.index in lone:
            if level == "int" and (int(f.code) == prev + 1 or (fresh and int(f.code) == 1)):
                out.append(f)
                prev = int(f.code)
                fresh = False
            continue
        fresh = False
        if f.level == "int" and (prev == 0 or 0 < int(f.code) - prev <= 3):
            prev = int(f.code)  # a row in sequence ('40' of '40 Mb/s' wrapped off its cell is none)
        out.append(f)
    return out


_ROW_REACH = 3
"""Lines either side of a loose row's code line that its wrapped cells can stand on."""
_BARE_OP = regex.compile(
    r"(?:(?P<sym>[≥>≤<]=?)\s*|(?<![a-z])(?P<word>tu|tren|duoi|toi thieu|it nhat|toi da|khong qua)\s+)"
    r"(?P<val>\d{1,4}(?:,\d{1,2})?)(?![\d.,/]|\s*%)")
_BARE_OPS = {"tu": ">=", "tren": ">", "duoi": "<", "toi thieu": ">=", "it nhat": ">=", "toi da": "<=",
             "khong qua": "<=", "≥": ">=", "≤": "<=", ">=": ">=", "<=": "<=", ">": ">", "<": "<"}
_COUNTED = regex.compile(r"^\s*(?:\d{1,3}\s+)?s[o06b]\s+(?P<w>[a-z]{2,})(?![a-z/])")
"""'Số camera an ninh …' (legacy OCR's 'S6', 'Sb'): an indicator that counts the noun after 'Số'."""


def _row_unit(folded: str, title: str) -> str | None:
    """The unit of a loose row whose target cell wrapped apart from it, from the row's words alone:
    a vocabulary unit of several words whose first word follows a number and whose last word the
    row writes ('≥02 mo' … 'hinh', '≥02 giao' … 'dich/nguoi/thang'), a vocabulary unit of four
    characters or more written whole ('Mb/s'), else the noun a 'Số …' title counts when the row
    writes it again after a number or twice outside the title ('Số camera …' / '18 camera',
    'camera camera')."""
    from extractors.measure import _unit_heads  # noqa: PLC0415 - measure's helper, kept private there

    canons = tuple(u[0] for u in vocabulary().raw["unit_aliases"] if u[0] != "%")
    for head, tail, canon in _unit_heads(canons):
        if regex.search(rf"(?<![\d.,/])\d{{1,4}}(?:,\d{{1,2}})?\s+{regex.escape(head)}(?![a-z])", folded) \
                and regex.search(rf"(?<![a-z]){regex.escape(tail)}(?![a-z])", folded):
            return canon
    for canon, forms, _note in vocabulary().raw["unit_aliases"]:
        if canon != "%" and any(len(f) >= 4 and "/" in f and regex.search(
                rf"(?<![a-z]){regex.escape(fold_form(f))}(?![a-z])", folded) for f in forms):
            return canon
    m = _COUNTED.match(title)
    if m is None or m["w"] in _NOT_UNIT or len(m["w"]) < 3:
        return None
    word = regex.escape(m["w"])
    after_number = regex.search(rf"(?<![\d.,/])\d{{1,4}}\s+{word}(?![a-z])", folded)
    if after_number or len(regex.findall(rf"(?<![a-z]){word}(?![a-z])", folded)) >= 3:
        return _canon_unit(m["w"])
    return None


def _wrapped_unit_target(item: _Item) -> Target | None:
    """A loose row's target cell that wrapped apart from its unit ('≥10' … 'camera', 'Từ 10' /
    'camera trở' / 'lên', '≥02 giao' / 'dịch/người/tháng'): a bare number an op marks ('từ' only
    when the row writes 'trở' or 'lên'), the one nearest the code line, with the unit the row's
    words give (:func:`_row_unit`). Legacy OCR text only, where the cells' words run together."""
    joined = "\n".join(item.row_lines)
    if not item.row_lines or has_diacritics(joined):
        return None
    folded = fold_chars(joined).lower()
    found: list[tuple[int, Target]] = []
    pos = 0
    for j, line in enumerate(item.row_lines):
        seg = folded[pos:pos + len(line)]
        for m in _BARE_OP.finditer(seg):
            if m["word"] == "tu" and not regex.search(r"\b(?:tro|len)\b", folded):
                continue
            v = parse_decimal(m["val"])
            if v is None or (v == int(v) and 1900 <= v <= 2100):
                continue
            found.append((abs(j - item.row_at), Target(op=_BARE_OPS[m["word"] or m["sym"]], value=v, unit="?")))
        pos += len(line) + 1
    if not found:
        return None
    unit = _row_unit(folded, fold_chars(item.title).lower())
    if unit is None:
        return None
    t = min(found, key=lambda x: x[0])[1]
    return Target(op=t.op, value=t.value, unit=unit)


_DIRECT_OPS = frozenset({"tu", "tren", "duoi", "=", ">", "<", ">=", "<=", "=>", "=<", "≥", "≤"})
"""Ops that read only with their value right after them: a symbol, and 'từ' (with 'trở lên' in the row),
'trên', 'dưới', words that stand in titles ('xử lý trên môi trường mạng'). 'đạt', 'bằng' and a bare
'hơn' are no op here (a result's words)."""
_NO_OPS = frozenset({"dat", "bang", "hon"})
_NUM = regex.compile(r"(?<![\d.,/\p{L}])(?P<val>\d{1,6}(?:[.,]\d{1,3})*)(?![\d/\p{L}€¢]|[.,]\d)")
_RESULT_BEFORE = regex.compile(r"(?:(?<![a-z])(?:dat|day|pat|dar|la|tuong ung|ty\s*\S{1,2}|co|the|tong\s+so|tong"
                                r"|muc|cap|cap do|loai|nhom|giai doan|nam|quy|thang)|[:(=/])\s*$")
"""Words before a number that make it no target value: a result's ('đạt 44,2', 'tỷ lệ 85 %', 'là 72',
'tổng số 05') or a title's qualifier ('mức 2', 'cấp độ 3', 'năm 2024', 'quý IV')."""
_PERCENT_OF_FRACTION = regex.compile(r"\s*%\s*\(\s*(?P<x>\d{1,3}(?:[ .]\d{3})*)\s*/\s*(?P<y>\d{1,3}(?:[ .]\d{3})*|\d+)")
"""After a number: its '%', then a fraction in parentheses ('93,4% (3 144/3 366)')."""


def _percent_of_fraction(value: str, after: str) -> bool:
    """Whether a number is the percent of the fraction in parentheses after it ('93,4% (3 144/3 366)'): a result,
    never a target. The fraction's own: its ratio is the percent, the denominator as written or, where the row's
    cells ran together and cut it ('(3 144/3' … '366)'), one that starts with the digits written. Not the percent
    of another cell's fraction run in after it ('2 % (7/751 hồ sơ)': 7/751 is 0,9 %, the row's result)."""
    m = _PERCENT_OF_FRACTION.match(after)
    p = parse_decimal(value)
    if m is None or p is None or p <= 0:
        return False
    x, y = int(regex.sub(r"\D", "", m["x"])), regex.sub(r"\D", "", m["y"])
    decimals = len(regex.split(r"[.,]", value)[1]) if regex.search(r"[.,]", value) else 0
    if int(y) > 0 and abs(x * 100 / int(y) - p) <= 0.5 * 10 ** -decimals + 1e-9:
        return True  # the percent as rounded to the decimals it writes ('86' of 12/14)
    need = round(x * 100 / p)
    return len(str(need)) > len(y) and str(need).startswith(y)
_NUMBER_BEFORE = regex.compile(r"(?<![\p{L}\d.,])\d[\d.,]*\s*%?\s+$")
_KHONG = regex.compile(r"(?<![a-z])khong(?!\s+(?:d[a4]t|day|pat|dar|h[o0][a4]n|ho[a4]n|thanh|th[a4]nh))(?![a-z])")
_LONE_PERCENT = regex.compile(r"(?<![\d%])\s%(?!\S)")
"""A '%' after no number on the code line: the unit column ('1 xã được bồi dưỡng kỹ % cụ thể: 27/27')."""
_WRAPPED_PERCENT = regex.compile(r"^\s*%(?!\S)")
"""A line of a loose row that starts with a lone '%' below a target's bare value ('Trên 60 Hoàn' / '8 thanh toán …'
/ '% thành'): the target cell's unit, wrapped onto the next lines of the row."""
_UNIT_CELL = regex.compile(r"^\s*\d{1,2}(?:\s*[.,]\s*\d{1,2}){0,2}\s+%(?!\S)")


def _op_rx() -> regex.Pattern:
    ops = sorted((o for o in vocabulary().target_ops if o[0] not in _NO_OPS), key=lambda o: -len(o[0]))
    garbled = [g[0] for g in vocabulary().raw.get("target_ops_garbled", [])]
    alts = [regex.escape(o[0]).replace(r"\ ", r"\s+") for o in ops] + garbled
    return regex.compile(r"(?<![a-z<>=≥≤])(?:" + "|".join(f"(?:{a})" for a in alts) + r")(?![a-z=])")


def _op_of(word: str) -> str | None:
    w = regex.sub(r"\s+", " ", word)
    for form, op in vocabulary().target_ops:
        if form == w:
            return op
    for g in vocabulary().raw.get("target_ops_garbled", []):
        if regex.fullmatch(g[0], w):
            return str(g[1])
    return None


def _wrapped_op_target(item: _Item) -> Target | None:
    """A loose row's target cell whose op words wrapped apart from its value ('Tối thiểu' / … / '100 %',
    'Cao hơn' / … / '60%', 'Không' / '% thấp hơn' / '90'), or whose value follows its op on a line that
    also holds other cells ('4 % < 3% (1547/15953', '3.3 % > 85'): an op of the vocabulary (or its
    legacy OCR form) on the code line or a line next to it, and the first number after it in reading
    order (the rest of its line, then the lines down to two below the code line) that is no result:
    not in a fraction, not after a result's word ('đạt 44,2', 'tỷ lệ 85 %', 'là 72', 'tổng số 05'), not
    glued to letters (OCR's 'Tỷ lệ' as 'Ty 1é', 's6'), not in the code line's run of numbers (Tử số /
    Mẫu số / percent, '31107 39463 78,83 %'), not the row's code. Symbols and 'trên' / 'dưới' / 'từ'
    take only a value right after them. 'thấp hơn' / 'nhỏ hơn' under a 'Không' of the three lines above
    (no verdict word after it) take the vocabulary's op for 'không …'. The unit is the one after the
    value, else a lone '%' after the code or before the op (the unit column), else the row's words'
    (:func:`_row_unit`)."""
    if not item.row_lines:
        return None
    lines = [fold_chars(t).lower() for t in item.row_lines]
    joined = "\n".join(lines)
    rx = _op_rx()
    for j in range(max(0, item.row_at - 1), min(len(lines), item.row_at + 2)):
        line = lines[j]
        for m in rx.finditer(line):
            word = regex.sub(r"\s+", " ", m[0])
            op = _op_of(word)
            if op is None or (word == "tu" and not regex.search(r"(?<![a-z])(?:tro|len)(?![a-z])", joined)):
                continue
            if word in _DIRECT_OPS:
                d = regex.match(r"\s*(?P<val>\d{1,6}(?:[.,]\d{1,3})?)(?![\d/\p{L}]|[.,]\d)", line[m.end():])
                if d is None:
                    continue
                v = parse_decimal(d["val"])
                value = None if v is None else (j, v, line[m.end() + d.end():])
            else:
                value = _next_value(lines, j, m.end(), item.row_at)
            if value is None:
                continue
            if op == "<" and word not in _DIRECT_OPS and not word.startswith("khong"):
                above = " ".join(lines[max(0, j - 3):j]) + " " + line[:m.start()]
                if _KHONG.search(above):
                    op = dict(vocabulary().target_ops).get(f"khong {word}", ">=")
            _k, v, after = value
            unit = _unit_after(after) or ("%" if _UNIT_CELL.match(lines[item.row_at])
                                          or regex.search(r"(?<![\d%])\s%(?!\S)", line[:m.start()])
                                          or _LONE_PERCENT.search(lines[item.row_at]) else None) \
                or _row_unit(joined, fold_chars(item.title).lower()) \
                or ("%" if word in _DIRECT_OPS and _k == item.row_at and find_percents(after) else None) \
                or ("%" if any(_WRAPPED_PERCENT.match(lines[x]) for x in range(_k + 1, min(len(lines), item.row_at + 2)))
                    else None)
            if unit is None:
                continue
            return Target(op=op, value=v, unit=unit)
    return None


_OWN_OP_BEFORE = regex.compile(r"(?<![a-z])(?:tren|duoi)\s+$")
"""A number right after 'trên' / 'dưới' belongs to that word: the value of its own op ('Trên 60') or
the bar of a fraction in words ('(977' / … / 'trên 16.680 văn bản)'), never the value of an op word written
before it ('Thấp hơn' … 'trên 16.680' … '3 %')."""


def _next_value(lines: list[str], j: int, start: int, code_at: int) -> tuple[int, float, str] | None:
    """The first number after ``lines[j][start]`` down to two lines below the code line that is no result."""
    for k in range(j, min(len(lines), max(j, code_at) + 3)):
        offset = start if k == j else 0
        full = lines[k]
        for n in _NUM.finditer(full, offset):
            before, after = full[:n.start()], full[n.end():]
            if k == code_at and not before.strip():
                continue  # the row's code
            if _RESULT_BEFORE.search(before) or regex.match(r"\s*(?:/|[.,]\d)", after):
                continue
            if note_count_rx().search(before):
                continue  # 'Khảo' / 'sát 768' / 'phiếu': a note cell's survey count
            if _OWN_OP_BEFORE.search(before):
                continue  # 'trên 16.680': the value of its own op word (or a fraction in words' bar), not the op's above
            if _percent_of_fraction(n["val"], after):
                continue  # '93,4% (3 144/3 366)': a result's percent, its fraction after it
            if regex.search(r"/\s*\d{1,3}\s$", before):
                continue  # '30/2 134': a fraction's denominator in groups of three
            right_after = k == j and not full[start:n.start()].strip()
            if k == code_at and not right_after and (_NUMBER_BEFORE.search(before) or regex.match(r"\s+\d", after)):
                continue  # the code line's run of numbers: a fraction's columns and its percent
            v = parse_decimal(n["val"])
            if v is None or (v == int(v) and 1900 <= v <= 2100):
                continue
            return k, v, after
    return None


def _unit_after(after: str) -> str | None:
    if regex.match(r"\s*%", after):
        return "%"
    canons = [(fold_form(f), u[0]) for u in vocabulary().raw["unit_aliases"] for f in [u[0], *u[1]] if u[0] != "%"]
    for form, canon in sorted(canons, key=lambda x: -len(x[0])):
        if len(form) >= 2 and regex.match(rf"\s*{regex.escape(form)}(?![a-z])", after):
            return canon
    return None


# ---- the framework ---------------------------------------------------------------------------

def _restarts(items: list[_Item], crit_level: str) -> bool:
    """Whether the criteria's numbering starts afresh in each group (a code seen under an earlier group)."""
    seen: dict[str, int] = {}
    group = -1
    for it in items:
        if it.level != crit_level:
            group += 1
        elif it.code in seen and seen[it.code] != group:
            return True
        else:
            seen.setdefault(it.code, group)
    return False


def _framework(items: list[_Item], crit_level: str, title: str, lines: list[Line]) -> Framework | None:
    groups: list[Group] = []
    ungrouped: list[Criterion] = []
    seen: set[str] = set()
    current: tuple[_Item, list[Criterion]] | None = None

    def close() -> None:
        if current is not None and current[1]:
            g, crits = current
            if g.code not in {x.code for x in groups}:
                groups.append(Group(code=g.code, title=g.title, criteria=crits))
            else:
                ungrouped.extend(crits)

    restarts = _restarts(items, crit_level)
    for it in items:
        if it.level == crit_level:
            code = it.code
            if restarts and current is not None:
                code = f"{current[0].code}.{code}"  # numbering that restarts in each group: "II.1"
            if code in seen or len(it.title) < MIN_TITLE:
                continue
            it.code = code
            crit = _criterion(it)
            if crit is None:
                continue
            seen.add(code)
            (current[1] if current is not None else ungrouped).append(crit)
        else:
            close()
            current = (it, [])
    close()
    if len(groups) == 1 and not ungrouped:
        ungrouped, groups = groups[0].criteria, []  # one section holding every criterion is no group
    if not ungrouped and not groups:
        return None
    if not groups and crit_level == "dotted" and not restarts:
        at = {it.code: it.index for it in items if it.level == crit_level}
        groups, ungrouped = _by_prefix(ungrouped, lines, min(it.index for it in items), at), ungrouped
        if groups:
            ungrouped = []
    try:
        return Framework(id=PROVISIONAL_ID, title=title, groups=groups, criteria=ungrouped)
    except ValidationError:
        return None


_OVERVIEW = regex.compile(
    r"^\s*[-–•*+]?\s*(?P<title>\p{L}[^:()]{2,90}?)\s*(?::|\s[-–])\s*(?:g\S{1,2}m|c\S{0,2})\s+0?(?P<n>\d{1,2})\s+"
    r"(?:t[ij]\S{1,3}u\s+ch\S{1,2}|ch\S{1,2}\s+(?:t[ij]\S{1,3}u|s\S{1,2}))\b")
"""An overview line naming a group and its size: '- Hạ tầng và nền tảng số: gồm 03 tiêu chí (đạt 2/3).'"""


def _by_prefix(crits: list[Criterion], lines: list[Line], first: int, at: dict[str, int] | None = None) -> list[Group]:
    """Groups of dotted codes no group row or heading names ('1.1', '1.2', '2.1' …: groups 1 and 2), in
    the order the report writes them. Their titles are those of the overview lines before the criteria
    that name each group with its size, when those lines run in the same order with the same sizes;
    else the title of the group's own heading or row just above its first criterion (:func:`_group_heading`;
    ``at``: each criterion's line index); else 'Nhóm N'."""
    by: dict[str, list[Criterion]] = {}
    for c in crits:
        head = c.code.split(".")[0]
        if head in by and head != list(by)[-1]:
            return []  # a prefix that comes back after another: not a numbering of groups
        by.setdefault(head, []).append(c)
    if len(by) < 2:
        return []
    sizes = [len(v) for v in by.values()]
    overview = []
    for ln in lines[:first]:
        m = _OVERVIEW.match(fold_chars(ln.text))
        if m:
            overview.append((ln.text[m.start("title"):m.end("title")].strip(), int(m["n"])))
    titles = [t for t, _n in overview] if [n for _t, n in overview] == sizes else []
    if not titles and at and all(cs[0].code in at for cs in by.values()):
        spans, prev = [], -1
        for code, cs in by.items():
            spans.append((prev, at[cs[0].code], code))
            prev = max(at[c.code] for c in cs if c.code in at)
        titles = _group_headings(lines, spans) or []
    try:
        return [Group(code=code, title=titles[k] if titles else f"Nhóm {code}", criteria=cs)
                for k, (code, cs) in enumerate(by.items())]
    except ValidationError:
        return []


_GROUP_HEAD = regex.compile(
    r"^\s*(?:[-–•*+]\s*)?(?:(?P<letter>[a-z])\s*[).]\s*(?=nh[o0]m|kh[o0]i|l[i1]nh\s+v[uw]c)|(?P<num>\d{1,2}|[ivx]{1,4})\s*[.):|\-–]?\s+)?"
    r"(?:(?P<word>nh[o0]m|kh[o0]i|l[i1]nh\s+v[uw]c)\s+(?:(?:tieu\s+chi|chi\s+tieu)\s+)?(?:ve\s+)?)?(?P<rest>\p{L}.*)$")
"""A group's heading or row on folded text: its number ('2 Hạ tầng và nền tảng số', '1 | NHẬN THỨC SỐ …', 'II.
Chính quyền số'), a letter and the group word ('b) Nhóm hạ tầng và nền tảng số - 0/3 tiêu chí đạt'), or the
group word alone ('Nhóm tiêu chí hạ tầng và nền tảng số (3/3 tiêu chí đạt)')."""


def _group_headings(lines: list[Line], spans: list[tuple[int, int, str]]) -> list[str] | None:
    """The titles of the groups' own headings or rows (``spans``: each group's line range to look in, and
    its code; :func:`_group_heading`), when every group has one and all are written alike (all numbered,
    all lettered, or all by the group word): a report's sections ('I. KẾT QUẢ THỰC HIỆN') or a group's
    closing line ('Nhóm về Kinh tế số có 3/3 chỉ tiêu đạt.') above a group without a heading are no title."""
    found = [_group_heading(lines, after, before, code) for after, before, code in spans]
    if any(f is None for f in found) or len({f[1] for f in found if f}) != 1:
        return None
    return [f[0] for f in found if f]


def _group_heading(lines: list[Line], after: int, before: int, code: str) -> tuple[str, str] | None:
    """The title of group ``code``'s own heading or row among lines ``after``+1 … ``before``-1 (between the last
    criterion of the group above and this group's first), the nearest to its first criterion, and its form:
    numbered with the group's number ('num'), lettered with a group word ('letter'), or the group word alone
    right above the criterion ('word'); words of its own, cut before its tally or dash."""
    for j in range(before - 1, max(after, before - 1 - GROUP_HEAD_REACH, -1), -1):
        cells = lines[j].cells
        text = " ".join(c.strip() for c in cells[:2] if c.strip()) if cells else lines[j].text
        m = _GROUP_HEAD.match(fold_chars(text))
        if m is None:
            continue
        if m["num"] is not None:
            n = m["num"].upper()
            if (n if n.isdigit() else str(_roman_value(n))).lstrip("0") != code:
                continue
            form = "num"
        elif m["letter"] is not None:
            form = "letter"
        elif m["word"] is not None and j == before - 1:
            form = "word"
        else:
            continue
        title = _cut_title(text[m.start("rest"):])
        cut = _TRAILING_DAT.search(fold_chars(title))
        title = title[:cut.start()] if cut else title
        if len(regex.sub(r"[^\p{L}]", "", title)) >= GROUP_TITLE_LETTERS and len(title.split()) >= 2:
            return title, form
    return None


_TRAILING_DAT = regex.compile(r"\s+(?:[dpb][a4i][tyr]|dat)\s*:?\s*$")
"""A verdict word 'đạt' (as legacy OCR reads it) the cut left before a group row's tally ('… nen tang sb dat 03/03')."""
GROUP_HEAD_REACH = 12
"""Lines above a group's first criterion its heading may stand on (a legacy row's wrapped cells, a page break and
the table's header repeated between)."""
GROUP_TITLE_LETTERS = 6
"""Letters a group title read from its heading needs ('Xã hội số')."""


def _roman_value(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10}
    total = 0
    for k, ch in enumerate(s):
        v = vals[ch]
        total += -v if k + 1 < len(s) and vals[s[k + 1]] > v else v
    return total


def draft(lines: list[Line], min_verdicts: int = MIN_VERDICTS) -> Framework | None:
    """The report's own criteria as a provisional framework, or None when the document is not a report
    of numbered criteria with verdicts (news, a decision's preamble, prose).

    ``min_verdicts``: drafted criteria that must state a verdict. Where a catalog framework already
    fits (an excerpt of one criterion, rows numbered the report's own way), one is enough."""
    return draft_rows(lines, min_verdicts)[0]


def draft_rows(lines: list[Line], min_verdicts: int = MIN_VERDICTS) -> tuple[Framework | None, dict[str, str]]:
    """:func:`draft`, and each drafted criterion's lines as one text (a legacy table's row: the lines
    around its code line its wrapped cells stand on; a heading's block): where a catalog's titles are
    looked for when the drafted title holds only the words beside the code."""
    best: Framework | None = None
    best_n = 0
    texts: dict[str, str] = {}
    for items, level in _candidates(lines):
        crits = [it for it in items if it.level == level]
        if sum(_has_verdict(it) for it in crits) < min_verdicts:
            continue
        fw = _framework(items, level, _doc_title(lines), lines)
        if fw is not None and len(fw.criteria) > best_n:
            best, best_n = fw, len(fw.criteria)
            texts = {it.code: "\n".join(it.row_lines) if it.row_lines else it.text for it in crits}
    return best, texts


def _candidates(lines: list[Line]) -> list[tuple[list[_Item], str]]:
    out = []
    narrative = _narrative(lines)
    if narrative:
        levels = [h.level for h in narrative]
        out.append((narrative, "dotted" if "dotted" in levels and levels.count("dotted") >= 2 else "int"))
    rows = _rows(lines) or _loose(lines)
    if rows:
        crit_rows = [r for r in rows if r.level not in ("group", "roman")]
        levels = [r.level for r in crit_rows]
        level = "dotted" if levels.count("dotted") >= levels.count("int") and "dotted" in levels else "int"
        for r in rows:
            if r.level not in ("group", "roman") and r.level != level:
                r.level = "skip"
        out.append(([r for r in rows if r.level != "skip"], level))
    return out


def _doc_title(lines: list[Line]) -> str:
    for ln in lines[:40]:
        if regex.match(r"^\s*b\S{1,2}o\s+c\S{1,2}o\b", fold_chars(ln.text)):
            return "Báo cáo (provisional)"
    return "provisional"

