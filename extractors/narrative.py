"""Narrative reports: criterion blocks found by their numbered headings, matched to the catalog.

"3.4. Tỷ lệ hồ sơ … toàn trình (85%): 15424/15378 = 99,7% (Vượt chỉ tiêu)"
A heading is a line starting with a code; it is assigned a catalog code by its number
AND a fuzzy match of the title that follows. References in running text ("Tiêu chí
3.4 chưa đạt: …") are not headings.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

import regex
from rapidfuzz import fuzz

from extractors.catalog import Criterion, Framework
from extractors.verdicts import find_tallies, find_verdicts
from extractors.vocab import has_diacritics, tally_nouns
from ingest.models import Line
from ingest.normalize import fold_chars, match_key

log = logging.getLogger(__name__)

_HEAD = regex.compile(
    r"^\s*[-–•*]?\s*(?:(?i:t[ij]\S{1,3}u\s+ch\S{1,2}|tc)\s+)?"  # optional "Tiêu chí" (garbled too)
    r"(?P<a>\d{1,2})\s*[.,]\s*(?P<b>\d{1,2})(?!\d|[.,]\d|\s*/|\s*%)\s*[.,:]?\s*"
)
_GROUP_HEAD = regex.compile(r"^\s*(?P<n>\d{1,2}|[ivx]{1,4})\s*[.,]\s+(?P<rest>\D.{0,80})$")
_SECTION = regex.compile(r"^\s*(?:[IVX]{1,4}\s*[.,]\s+\S|[IVX]{1,4}\s*[/)]\s*\p{L}|[ivx]{1,4}\s*\.\s+\p{Lu})")
"""'II. Kết quả', 'II/ VỀ KINH TẾ SỐ', 'I) Phát triển hạ tầng số', 'iii. Nhóm …': a Roman-numbered section
('II/2024' after a wrapped 'Quý' is a date: a letter must follow the mark). A lower-case numeral before a
comma is a word ('xi, nhà văn hoá' is legacy OCR of 'xã, nhà văn hoá')."""
_VERDICT_START = regex.compile(r"^\s*(?:ch[uw]a|kh[o0]ng|[dp][a4][tyr]\b|v[a-z]{0,2}[o0]t\b|hoan\s+thanh)")
HEADING_MIN = 62
TITLE_OVERRIDE_MIN = 80


@dataclass
class Heading:
    code: str
    index: int
    """Index of the heading line in the line list."""
    offset: int
    """Character offset of the title within the heading line."""
    score: float
    heading_code: str | None = None
    title_code: str | None = None
    untitled: bool = False
    """Found by its title alone (no usable code before it)."""


def title_score(text_key: str, crit: Criterion) -> float:
    """0..100: how well the text that follows a code reads as this criterion's title."""
    best = 0.0
    for key in crit.keys:
        head = text_key[: len(key) + 8]
        # a score under the best so far cannot raise it: RapidFuzz may stop early (it returns 0);
        # the cutoffs sit a hair under the best, so every score that could raise it is exact
        s = max(fuzz.ratio(head, key, score_cutoff=max(0.0, best - 1e-6)),
                fuzz.partial_ratio(key[: min(len(key), 60)], text_key[: 90],
                                   score_cutoff=max(0.0, best / 0.97 - 1e-6)) * 0.97)
        best = max(best, s)
    return best


def _following_key(lines: list[Line], i: int, offset: int, width: int = 240) -> str:
    text = lines[i].text[offset:]
    j = i + 1
    while len(text) < width and j < len(lines) and j < i + 4:
        if _HEAD.match(lines[j].text):
            break
        text += " " + lines[j].text
        j += 1
    return match_key(text)


def starts_with_verdict(text: str) -> bool:
    """'chưa đạt: …', 'Đạt.': a verdict standing first (not 'Hoàn thành xây dựng …', a title)."""
    head = text.lstrip(" :.-–")
    return bool(_VERDICT_START.match(fold_chars(head))) and any(h.start <= 2 for h in find_verdicts(head[:60]))


_CLOSED_ABOVE = regex.compile(r"\b(?:vuot|dat)\s+chi\s+tieu$")
_COUNTED_WORD = regex.compile(rf"\b\d{{1,3}}\s+(?:{tally_nouns(garbled=False)})$")
_PAGE_WORD = regex.compile(r"(?i)trang|page|tr\.|^\s*[-–]")
_DOTTED_CODE = regex.compile(r"\s*[-–•*+]?\s*\d{1,2}\.\d{1,2}\b")
_CODE_MARK = regex.compile(r"\d\s*[.:)]\s*$")
"""Compiled once: ``regex.search(pattern, …)`` looks its pattern up again on every call (9 µs)."""


def is_reference(lines: list[Line], i: int, end: int) -> bool:
    """'Tiêu chí / 3.4 chưa đạt: …' mentions a criterion; it does not head its block."""
    if starts_with_verdict(lines[i].text[end:]):
        return True
    if i == 0:
        return False
    if (lead := _LEAD.match(lines[i].text)) and lead["word"] and lead["a"]:
        # the line opens with its own 'Chỉ tiêu 2.1:' / 'Tiêu chí 2.1': a heading, whatever ends the line above
        # ('… đạt 4 trên 5' / 'tiêu chí' / 'Chỉ tiêu 2.1: …' is no 'tiêu chí chỉ tiêu 2.1')
        return False
    prev = lines[i - 1].text.rstrip()
    key = match_key(prev)
    # "… Tiêu chí / 4.5: …" wraps a mention; "… (Vượt chỉ tiêu)" closes the block above, also when
    # its verdict wrapped ("… - Vượt" / "chỉ tiêu" / "6) Số thuê bao …")
    before = match_key(lines[i - 2].text) + " " + key if i >= 2 else key
    # a count before the word ends a group heading's tally ('I) Hạ tầng số - đạt 5 trên 5 chỉ tiêu'), not a mention,
    # also where the word wrapped onto a line of its own ('… - đạt 4 trên 5' / 'tiêu chí')
    return key.endswith(("tieu chi", "chi tieu")) and not prev.endswith((")", ".", ";", ":")) \
        and not _CLOSED_ABOVE.search(before) and not _COUNTED_WORD.search(before)


_LEAD = regex.compile(
    r"^\s*(?:[-–•*+]\s*)?(?:(?P<word>(?i:t[ij]\S{1,3}u\s+ch\S{1,2}|ch\S{1,2}\s+t[ij]\S{1,3}u|tc|ct))\s*(?:(?i:s\S{1,2}|th\S{1,2})\s*)?)?"
    r"(?:(?P<open>[(\[]\s*)?(?P<a>\d{1,2})(?:\s*[.,]\s*(?P<b>\d{1,2}))?(?!\d|[.,]\d|\s*/(?!\s+\d{1,3}\s*%\s*\p{L})\s*\d|\s*%)"
    r"(?(open)\s*[)\]])"
    r"\s*[.,:)/\-–]?\s*(?:(?<=[.:)])[-–]\s*)?)?"
)
"""A heading's lead: an optional 'Tiêu chí (số/thứ)', 'TC', then the code, bare or in brackets ('(2.1)',
'[2.1]'), and its mark ('.', ':', ')', '/', '-', '.-')."""
NO_CODE_MIN = 82
"""A line without a usable code heads a criterion only when it starts with that criterion's title."""


def _lead(text: str) -> tuple[str | None, int, bool]:
    """(code as written, offset of what follows, whether a 'Tiêu chí'/'Chỉ tiêu' word stands before it)."""
    m = _LEAD.match(text)
    if not m or not m["a"]:
        return None, (m.end() if m else 0), bool(m and m["word"])
    code = f"{int(m['a'])}.{int(m['b'])}" if m["b"] else str(int(m["a"]))
    return code, m.end(), bool(m["word"])


def _starts_with_title(key: str, crit: Criterion) -> float:
    """0..100: how well ``key`` starts with the criterion's title (not just contains it)."""
    best = 0.0
    for k in crit.keys:
        if len(k) < 36:
            continue  # a short alias ("thanh toán trực tuyến") starts many sentences
        n = min(len(k), 60)
        if len(key) >= n:
            best = max(best, fuzz.ratio(key[:n], k[:n]))
    return best


@lru_cache(maxsize=64)
def _first_words(fw_id: str, keys: tuple[str, ...]) -> frozenset[str]:
    return frozenset(k.split()[0] for k in keys if k)


def _garbled_first(word: str, text: str, firsts: frozenset[str]) -> bool:
    """Legacy OCR text only: the line's first word is a title's first word with one letter garbled
    ('Tbi thieu 90% …' of 'Tối thiểu 90% …'); the title itself must still start the line (see NO_CODE_MIN)."""
    if len(word) < 3 or has_diacritics(text):
        return False
    return any(len(f) == len(word) and f[0] == word[0] and sum(a != b for a, b in zip(f, word, strict=True)) == 1
               for f in firsts)


def find_headings(lines: list[Line], fw: Framework) -> list[Heading]:
    """Best heading line per catalog code, in document order.

    A heading is a line that starts a criterion's block: its code as the framework writes codes
    ("3.4.", "Tiêu chí 3.4:", "Chỉ tiêu 12:") agreeing with the title that follows, or — where the
    code is missing, misprinted or numbered afresh in each group — the criterion's title itself at
    the start of the line. The catalog's titles decide which criterion it is.
    """
    dotted = any("." in c.code for c in fw.criteria)
    firsts = _first_words(fw.id, tuple(k for c in fw.criteria for k in c.keys))
    # titles that start with a number ('100% cán bộ, công chức …'): a line may start with one, uncoded
    numeric_firsts = {w for w in firsts if w[:1].isdigit()}
    cands: list[Heading] = []
    for i, line in enumerate(lines):
        code, off, worded = _lead(line.text)
        if code is not None and ("." in code) != dotted:
            code = None  # "1." under a group of a dotted framework: numbering of its own, the title decides
        if code is None and not line.text[off:off + 1].isalpha() and not (
                numeric_firsts and line.text[off:off + 1].isdigit()
                and (match_key(line.text[off:]).split() or [""])[0] in numeric_firsts):
            continue
        key = _following_key(lines, i, off)
        if not key or len(key) < 8:
            continue
        if code is not None and is_reference(lines, i, off):
            continue
        own = fw.by_code.get(code) if code else None
        if own is None and (code is None or not worded):
            if key.split()[0] not in firsts and not _garbled_first(key.split()[0], line.text, firsts):
                continue
            if starts_with_verdict(line.text[off:]):
                continue
            best_code, best_score = None, 0.0
            for crit in fw.criteria:
                s = _starts_with_title(key, crit)
                if s > best_score:
                    best_code, best_score = crit.code, s
            if best_code is not None and best_score >= NO_CODE_MIN:
                cands.append(Heading(best_code, i, off, best_score, heading_code=code, untitled=True))
            continue
        own_score = title_score(key, own) if own else 0.0
        best_code, best_score = code or "", own_score
        if own_score < 90:
            for crit in fw.criteria:
                if crit.code == code:
                    continue
                s = title_score(key, crit)
                if s > best_score:
                    best_code, best_score = crit.code, s
        if own and own_score >= HEADING_MIN and (best_code == code or best_score - own_score < 8):
            cands.append(Heading(own.code, i, off, own_score))
        elif best_score >= TITLE_OVERRIDE_MIN:
            cands.append(Heading(best_code, i, off, best_score, heading_code=code))
        elif own and own_score >= HEADING_MIN - 12 and best_code == code:
            cands.append(Heading(own.code, i, off, own_score))
    chosen: dict[str, Heading] = {}
    coded = {h.code for h in cands if not h.untitled}
    for h in cands:
        if h.untitled and h.code in coded:
            continue  # a heading with its code beats a line that only starts like the title
        prev = chosen.get(h.code)
        if prev is None or h.score > prev.score + 2 or (abs(h.score - prev.score) <= 2 and h.index > prev.index):
            chosen[h.code] = h
    # a line can head only one criterion
    by_line: dict[int, Heading] = {}
    for h in chosen.values():
        other = by_line.get(h.index)
        if other is None or h.score > other.score:
            by_line[h.index] = h
    return sorted(by_line.values(), key=lambda h: h.index)


_NHOM = regex.compile(r"^\W*nhom\b")
_BULLETS = regex.compile(r"^[-*+•\s]+")
_SUMMARY_HEAD = regex.compile(r"^(?:tong hop|tong so|bo tieu chi)\b")
_SUMMARY_TALLY = regex.compile(r"\b(?:dat|day|pat)\s*\d{1,2}\s*/\s*\d{1,2}\b")


def is_boundary(line: Line, fw: Framework) -> bool:
    """A group heading ('4. Kinh tế số'), a Roman-numbered section, or the closing lines."""
    text = line.text.strip()
    key = match_key(text)
    if _SECTION.match(text):
        return True
    m = _GROUP_HEAD.match(fold_chars(text))
    if m and len(text) < 90:
        rest = match_key(text[m.start("rest"):])
        for g in fw.groups:
            for t in [g.title, *g.aliases]:
                if fuzz.ratio(rest[: len(match_key(t)) + 4], match_key(t)) >= 70:
                    return True
    if (_TALLY_LINE.match(key) or (fw.groups and _NHOM.match(key))) and find_tallies(text):
        # '=> Kết quả nhóm: đạt 08/09 tiêu chí', 'Nhóm hạ tầng số có 4/5 tiêu chí đạt': a group's tally (a
        # 'Nhóm …' line only where the framework has groups to give it to: a draft without groups would
        # take it for the summary)
        return True
    bare = _BULLETS.sub("", key)
    if bare.startswith("nhom tieu chi") or (
            _SUMMARY_HEAD.match(bare)
            and _SUMMARY_TALLY.search(bare)):
        return True  # the tallies of a summary section never belong to a criterion above them
    return is_closing(key)


_TALLY_LINE = regex.compile(r"^\W*(?:=>\s*)?(?:ket qua (?:nhom|chung)|tong hop|nhu vay)\b")
"""The words that open a line stating a tally after a group or in a closing section."""
_CLOSING = regex.compile(r"^n[o0]i\s+(?:nh\w{1,3}n|gui)\b"
                      r"|^(?:ubnd|uy ban)\b\D{0,70}(?<!thoi diem |ky )\bb\w{1,2}o\s+c\w{1,2}o\b")
"""'Nơi nhận', 'UBND xã X báo cáo …'; not a title wrapped onto 'UBND xã (tối thiểu 100 Mb/s): Tính đến thời
điểm báo cáo, …' (a number or 'thời điểm / kỳ báo cáo' there)."""


def is_closing(key: str) -> bool:
    """The report's closing lines ('UBND … báo cáo …', 'Nơi nhận'), given a line's match key."""
    return bool(_CLOSING.match(key))


_PAGE_MARK = regex.compile(r"^\s*(?:[-–]\s*)?(?:(?i:trang|page|tr\.)\s*)?\d{1,3}\s*(?:/\s*\d{1,3}|(?i:trên|of)\s*\d{1,3})?\s*(?:[-–]\s*)?$")


def is_page_furniture(line: Line, edge: bool = True) -> bool:
    """A page number printed at the top or bottom of a page ('2', '- 2 -', 'Trang 2/5').

    ``edge``: whether the line stands among the first or last lines of its page; a bare number in the
    middle of a page ('1' alone, the STT of a table row whose cells wrapped around it) is no page number."""
    t = line.text.strip()
    if t.isdigit():
        return edge and len(t) <= 3 and (int(t) == line.page or int(t) == line.page - 1 or line.number <= 1)
    return bool(_PAGE_MARK.match(t)) and bool(_PAGE_WORD.search(t))


def starts_other_item(lines: list[Line], j: int, code: str, fw: Framework) -> bool:
    """Line ``j`` starts a numbered item of its own: another of the framework's codes followed by
    words ('1.2. Tỷ lệ thôn …' whose title the catalog does not know). What follows is that item's
    text, never the numbers or verdict of the block above it."""
    text = lines[j].text
    written, off, worded = _lead(text)
    if written is None or written == code:
        return False
    if written not in fw.by_code:
        # a code the catalog lacks, written as the framework writes its own ('1.2.' among '1.1', '2.1' …)
        dotted = any("." in c.code for c in fw.criteria)
        if not (dotted and "." in written and _DOTTED_CODE.match(text)):
            return False
    if not text[off:off + 1].isalpha():
        return False
    # a numbered item, not a wrapped value ('2,5 triệu đồng', '12 xã đạt'): 'Tiêu chí 5', '5.', '1.2)'
    # or a capitalised title after a dotted code
    marked = worded or bool(_CODE_MARK.search(text[:off])) or ("." in written and text[off].isupper())
    return marked and not is_reference(lines, j, off)


def content_lines(lines: list[Line]) -> list[Line]:
    """The lines without page furniture, a bare number counted as a page number only among the first
    or last two lines of its page."""
    by_page: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        by_page.setdefault(ln.page, []).append(i)
    edges = {i for idx in by_page.values() for i in (idx[:2] + idx[-2:])}
    return [ln for i, ln in enumerate(lines) if not is_page_furniture(ln, edge=i in edges)]


def split_blocks(lines: list[Line], fw: Framework) -> list[tuple[Heading, list[Line]]]:
    heads = find_headings(lines, fw)
    out = []
    for k, h in enumerate(heads):
        end = heads[k + 1].index if k + 1 < len(heads) else len(lines)
        block = [lines[h.index]]
        for j in range(h.index + 1, end):
            if is_boundary(lines[j], fw) or starts_other_item(lines, j, h.code, fw):
                break
            if is_page_furniture(lines[j]):
                continue
            block.append(lines[j])
        out.append((h, block))
    return out
