"""Verdict words (Đạt / Chưa đạt / Vượt chỉ tiêu) and tallies, from our own vocabulary.

Generic accent restorers turn "Dat" into "Đất"; verdicts therefore come only from
``data/vocabulary.json``. On text that has its diacritics only the real words count
("đất", "đầy đủ", "dạy", "bật" never do); the garble-tolerant forms ("Pat", "Chwa dat") are for
legacy OCR text and OCR output (``exact=False``).

A verdict word is a verdict only where a verdict can stand: as a clause of its own ("(Đạt)",
"– Đạt.", "; Vượt", "Tự đánh giá: Đạt", a cell that holds nothing else). "đạt tỷ lệ 100%" and
"đạt 85,3%" are results, "Đạt 4/5" is a tally, "được công nhận hoàn thành các tiêu chí" is a
sentence: none of them is a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex
from rapidfuzz import fuzz, process

from extractors.vocab import VERDICT_KINDS, fold_form, has_diacritics, lower_keep, ocr_form, regex_forms, vocabulary
from ingest.normalize import fold_case, fold_chars


@dataclass(frozen=True)
class VerdictHit:
    verdict: str
    start: int
    end: int
    raw: str
    parenthesized: bool
    cued: bool = False
    """Introduced by a verdict cue ('Tự đánh giá:', 'Kết quả:', 'Đánh giá:')."""


_OPEN = "(:;.,–—-[|=>"
_CLOSE = ".;,):–—-]|!"
_SPACE = " \t\u00a0"
# Tesseract's vie model reads 't)' of '(Đạt)' as 'U' in Times-like serif fonts (seen on the dev scans)
_OCR_RAW = (("dat", regex.compile(r"\(\s*[ĐDPB][ạa]U(?=\s|$)")), ("chua_dat", regex.compile(r"\(\s*Ch[ưu]a\s+[đd][ạa]U(?=\s|$)")))


@lru_cache(maxsize=1)
def _garbled_result() -> regex.Pattern:
    return regex.compile(vocabulary().raw["result_after_garbled"][0][0])


@lru_cache(maxsize=1)
def _pronoun_after() -> regex.Pattern:
    """What follows a folded 'day' that is the word đây ('Day la ket qua …', 'Tren day la bao cao'), not 'đạt'."""
    return regex.compile(regex_forms(vocabulary().raw["not_verdict_before_garbled"]))


@lru_cache(maxsize=1)
def _lower_after() -> regex.Pattern:
    """What follows a folded 'dat' that makes it another word, matched with case kept on legacy text
    ('dat' / 'dai duoc trien khai': đất đai; a capital 'Dai' starts a new sentence, 'Đại diện …')."""
    return regex.compile(regex_forms(vocabulary().raw["not_verdict_before_lower"]))


_WRAP = regex.compile(r"[ \t]*\n")


def _result_after_garbled(folded: str, end: int) -> bool:
    """'dat ty 1€ 93,2 %' on legacy text, also with 'tỷ lệ …' wrapped onto the next line ('…, dat' / 'ty le 68,6 %')."""
    if _garbled_result().match(folded, end):
        return True
    m = _WRAP.match(folded, end)
    return m is not None and _garbled_result().match(folded, m.end()) is not None


def _kind(m: regex.Match) -> str:
    for k in VERDICT_KINDS:
        if m.group(k):
            return k
    raise AssertionError("unreachable")


@lru_cache(maxsize=4)
def _cue_before(cues: str) -> regex.Pattern[str]:
    """A cue word ending the text before a verdict, compiled once per vocabulary (not per verdict)."""
    return regex.compile(rf"(?:^|[^a-z])(?:{cues})\s*[:\-–]?\s*$")


def _cued(folded: str, start: int) -> bool:
    return bool(_cue_before(vocabulary().cues_folded).search(folded[max(0, start - 40):start]))


def _clause_start(folded: str, start: int) -> tuple[bool, bool]:
    """(stands at a clause start, is parenthesized)."""
    i = start - 1
    while i >= 0 and folded[i] in _SPACE:
        i -= 1
    if i < 0 or folded[i] == "\n":
        return True, False
    if folded[i] in _OPEN:
        return True, folded[i] == "("
    return _cued(folded, start), False


@lru_cache(maxsize=1)
def _tails_ocr() -> regex.Pattern:
    """The verdict tails ('kế hoạch', 'mục tiêu', 'yêu cầu') as legacy OCR writes them
    (:func:`vocab.ocr_form`: 'ke ho4ch', 'k€ ho4ch', 'myc tieu'), and as written; longest first."""
    tails = sorted((row[0] for row in vocabulary().raw["verdict_tails"]), key=len, reverse=True)
    return regex.compile("(?:" + "|".join(ocr_form(t) for t in tails) + r")(?![a-z0-9])")


def _tail_at(folded: str, j: int, ocr: bool) -> regex.Match | None:
    """A verdict's tail ('yêu cầu', 'kế hoạch') starting at ``j`` of the folded text; ``ocr``: legacy
    text, also as OCR writes it ('ke ho4ch', 'myc tieu')."""
    m = regex.match(rf"(?:{vocabulary().tails_folded})\b", folded, pos=j)
    if m is None and ocr:
        m = _tails_ocr().match(folded, pos=j)
    return m


def tail_end(text: str, end: int, exact: bool) -> int:
    """Where a verdict that ends at ``end`` stops with its tail ('Đạt yêu cầu', 'Vượt kế hoạch', legacy
    'Vuot ke ho4ch'): past the tail, else ``end``."""
    folded = fold_chars(text)
    j = end
    while j < len(folded) and folded[j] in _SPACE + "\n":
        j += 1
    m = _tail_at(folded, j, not exact)
    return m.end() if m else end


def _clause_end(folded: str, end: int, ocr: bool = False) -> bool:
    """The verdict ends its clause: punctuation, a line end or the text's end after it, also after
    a tail ('Đạt yêu cầu', 'Vượt kế hoạch'); ``ocr``: legacy text, the tail as OCR writes it
    ('Vuot ke ho4ch', 'Vugt myc tieu')."""
    j = end
    while j < len(folded) and folded[j] in _SPACE:
        j += 1
    if j >= len(folded) or folded[j] in _CLOSE or folded[j] == "\n":
        return True
    m = _tail_at(folded, j, ocr)
    return m is not None and _clause_end(folded, m.end(), ocr)


_ITEM_AFTER = regex.compile(r"[ \t]*\n\s*[-–•*]?\s*\d{1,2}(?:[.,]\d{1,2}){0,2}\s*[.):]\s*\p{L}|\s*\d{1,2}\)\s*\p{Lu}")
"""The number of the next item after a verdict that closes a line ('… – Vượt chỉ tiêu' / '6) Số thuê bao …'):
not a result ('đạt 6')."""


_LABEL_AFTER = regex.compile(r"[ \t]*:")
"""A colon right after a verdict word: the word ends a label ('Mức độ hoàn thành:', 'Kết quả hoàn thành:')."""


@lru_cache(maxsize=2)
def _duoc_label(ocr: bool) -> regex.Pattern:
    """'được' and a colon after a verdict word, also across a line wrap: the label 'Kết quả đạt được:'
    ('Ket qua dat' / 'duoc: day 100%') that introduces the result, no verdict. ``ocr``: legacy text,
    'được' also as OCR writes it ('dtroc', 'dugc')."""
    duoc = ocr_form("được") if ocr else "duoc"
    return regex.compile(rf"\s*(?<![a-z]){duoc}[ \t]*:")


def find_verdicts(text: str, exact: bool | None = None) -> list[VerdictHit]:
    """Every verdict standing as a clause of its own in running text, in order.

    ``exact``: match only real words (text with diacritics); ``False`` for legacy and OCR text;
    ``None`` decides from the text itself.
    """
    if exact is None:
        exact = has_diacritics(text)
    voc = vocabulary()
    folded = fold_chars(text)
    pat, hay = (voc.verdict_exact, lower_keep(text)) if exact else (voc.verdict_garbled, folded)
    hits: list[VerdictHit] = []
    for m in pat.finditer(hay):
        start, end = m.start(), m.end()
        if (voc.result_after.match(hay, end) or voc.result_after.match(folded, end)
                or _result_after_garbled(folded, end)) and not _ITEM_AFTER.match(text, end):
            # 'đạt 85,3%', 'đạt tỷ lệ 100%', 'Đạt 4/5', 'dat ty 1€ 93,2 %': a result or a tally (also on text that has
            # most of its diacritics: 'đạt ti lê 67,1 %' of a legacy line read as exact text)
            continue
        if not exact and (_pronoun_after().match(folded, end) or _lower_after().match(fold_case(text), end)):
            continue  # 'Day la …': đây là; '…, dat' / 'dai duoc …': đất đai
        ok_start, paren = _clause_start(folded, start)
        if not (ok_start and _clause_end(folded, end, not exact)) or _LABEL_AFTER.match(folded, end) \
                or _duoc_label(not exact).match(folded, end):
            continue  # ('Mức độ hoàn thành: Chưa đạt.': a word before a colon is a label's, the verdict follows it)
        hits.append(VerdictHit(_kind(m), start, end, text[start:end], paren, _cued(folded, start)))
    if not exact:
        for kind, rx in _OCR_RAW:
            for m in rx.finditer(text):
                if not any(h.start <= m.start() < h.end for h in hits):
                    hits.append(VerdictHit(kind, m.start(), m.end(), m.group(0), True))
    hits.sort(key=lambda h: h.start)
    return hits


_CELL_WORDS = {fold_form(f[0]): k for k in VERDICT_KINDS for f in vocabulary().raw["verdicts"][k]["forms"]}


def parse_verdict(text: str, fuzzy: bool = False) -> str | None:
    """The verdict a short text (a table cell) states, or None.

    ``fuzzy`` (for OCR'd cells) also accepts a close misreading ("CRưAđật"), but only of a
    cell that holds nothing else.
    """
    cell = " ".join(text.split()).strip(" .;:,()[]-–*")
    if not cell:
        return None
    voc = vocabulary()
    exact = has_diacritics(cell) and not fuzzy
    pat, hay = (voc.verdict_exact, lower_keep(cell)) if exact else (voc.verdict_garbled, fold_chars(cell))
    m = pat.fullmatch(hay)
    if m is None and not exact:  # 'Vượt chỉ tiêu' wrapped in a cell, or a tail: 'Đạt yêu cầu'
        m = regex.fullmatch(rf"(?:{pat.pattern})(?:\s+(?:{voc.tails_folded}))?", hay)
    elif m is None:
        m = regex.fullmatch(rf"(?:{pat.pattern})(?:\s+(?:{voc.tails_exact}))?", hay)
    if m:
        return _kind(m)
    folded = fold_chars(cell)
    if fuzzy and 2 < len(folded) <= 20:
        best = process.extractOne(folded.replace(" ", ""), {k: k.replace(" ", "") for k in _CELL_WORDS},
                                  scorer=fuzz.ratio, score_cutoff=75)
        if best:
            return _CELL_WORDS[best[2]]
    return None


_SLOT = regex.compile(r"\(\s*(?P<c>[^()\d%/]{1,24}?)\s*\)?\s*[.;]?\s*$")


def unread_verdict_slot(text: str) -> str | None:
    """What stands where a verdict would close the text, when it is not a verdict the vocabulary
    knows: '(■■■)', '(Dạt)', '_'. Such a block says something the tool could not read, which is
    not proof that the report omits the verdict."""
    tail = text.rstrip()[-40:]
    m = _SLOT.search(tail)
    if m and len(m["c"].split()) <= 3 and not parse_verdict(m["c"]):
        return m["c"]
    for m in _cue_slot().finditer(fold_chars(text)):
        c = text[m.start("c"):m.end("c")]
        if len(c.split()) <= 3 and not parse_verdict(c):
            return c  # 'Kết quả đánh giá: cla dat.': the verdict's own place holds words we do not know
    return None


@lru_cache(maxsize=1)
def _cue_slot() -> regex.Pattern:
    cues = "|".join(r"\s+".join(regex.escape(w) for w in fold_form(c[0]).split())
                    for c in sorted(vocabulary().raw["verdict_slot_cues"], key=lambda c: -len(c[0])))
    return regex.compile(rf"(?<![a-z])(?:{cues})\s*:\s*(?P<c>[^\d%/;:.,()\n]{{1,20}}?)\s*(?:[.;\n]|$)")


_CAPITAL = regex.compile(r"^(?:[ĐDPB][ạaAẠãàáả]|C[hH][ưuwƯUW]|K[hH][ôoÔO]|H[oO0][àaÀA]N?|V[ượuwƯỢUW]|Đ[ãÃ])")


def verdict_hint(text: str, exact: bool | None = None) -> str | None:
    """A verdict word the text holds where no verdict could be read from it: a capitalised one among
    other words ('… tro len Da dat du lieu …', a table row's cells run together; 'cài đặt', 'lắp đặt',
    'được công nhận hoàn thành' are lower case). Such a block has a verdict the tool could not place, which
    is the tool's miss, not the report's omission."""
    if exact is None:
        exact = has_diacritics(text)
    voc = vocabulary()
    folded = fold_chars(text)
    pat, hay = (voc.verdict_exact, lower_keep(text)) if exact else (voc.verdict_garbled, folded)
    for m in pat.finditer(hay):
        if voc.result_after.match(hay, m.end()) or voc.result_after.match(folded, m.end()):
            continue
        if not exact and (_pronoun_after().match(folded, m.end()) or _result_after_garbled(folded, m.end())):
            continue  # 'Day la …' (đây là), 'Dat ty le 68 %': no verdict
        raw = text[m.start():m.end()]
        if _CAPITAL.match(raw) and len(raw) >= 3:
            return raw
    if not exact:
        m = _fragments().search(fold_case(text))
        if m:
            return text[m.start():m.end()]
    return None


@lru_cache(maxsize=1)
def _fragments() -> regex.Pattern:
    """Half of a verdict that legacy OCR split over a table's wrapped cell ('Hoan' … 'thanh', 'Khong' …
    'dat'), capitalised, standing as a word of its own, not a target ('Khong qua 1%') nor a sentence."""
    raw = vocabulary().raw
    frags = regex_forms(raw["verdict_fragments"])
    not_after = raw["not_verdict_after_fragment"][0][0]
    return regex.compile(rf"(?<![\w])(?:{frags})(?![\w])(?!{not_after})")


_FRAGMENT_KIND = (("chua_dat", regex.compile(r"(?i)^(?:ch|kh)")), ("vuot", regex.compile(r"(?i)^v")),
                  ("dat", regex.compile(r"(?i)^h")))


def verdict_fragments(text: str) -> list[tuple[str, str]]:
    """(kind, word) of every capitalised verdict fragment standing alone in legacy text ('Hoan' of
    'Hoàn thành', 'Chwa', 'Khong', 'Vugt'): the halves a wrapped verdict cell leaves among other cells."""
    out = []
    for m in _fragments().finditer(fold_case(text)):
        word = fold_chars(m.group(0))
        out.append((next((k for k, rx in _FRAGMENT_KIND if rx.match(word)), "dat"), text[m.start():m.end()]))
    return out


@dataclass(frozen=True)
class Tally:
    passed: int
    total: int
    start: int
    end: int
    raw: str


def find_tallies(text: str) -> list[Tally]:
    """'đạt 4/5', '(dat 18/23)', 'đã đạt 07/10', 'có 19/23 tiêu chí đạt' → passed/total with spans."""
    folded = fold_chars(text)
    found: list[Tally] = []
    for rx in vocabulary().tallies:
        for m in rx.finditer(folded):
            x, y = int(m["x"]), int(m["y"])
            if x > y or y == 0:
                continue
            if any(t.start < m.end() and m.start() < t.end for t in found):
                continue
            found.append(Tally(x, y, m.start(), m.end(), text[m.start():m.end()]))
    return sorted(found, key=lambda t: t.start)
