"""Group and overall tallies the report claims: "gồm 05 tiêu chí (đạt 4/5)", "(đạt 18/23)"."""

from __future__ import annotations

from dataclasses import dataclass

import regex
from rapidfuzz import fuzz

from extractors.catalog import Framework
from extractors.text import Span
from extractors.verdicts import Tally, find_tallies
from extractors.vocab import tally_nouns, vocabulary
from ingest.models import Line
from ingest.normalize import fold_chars, match_key

_GROUP_WORD = regex.compile(r"(?<![a-z])(?:nh[o0]m|kh[o0]i|l[i1]nh\s+v[uư]c)(?![a-z])")
_SUMMARY = regex.compile(r"thanh phan|\bt[b-z0]ng (?:so|cong)\b|\bbo (?:tieu chi|chi tieu)|nhom tieu chi voi|tat ca")
"""Summary words (folded by ``match_key``), 'tổng' as legacy OCR also writes it ('Tdng s0', 't0ng'): one
letter between 't' and 'ng', never an 'a' ('tầng số', 'tăng số', 'nền tảng số') nor two ('thông số',
'trong số'), which name no total."""


@dataclass
class Claim:
    group: str | None
    """Group code, or None for the overall tally."""
    passed: int
    total: int
    raw: str
    page: int


def find_claims(lines: list[Line], fw: Framework, anchors: list[tuple[tuple[int, int], str]] | None = None,
                inside: list[Line] | None = None) -> list[Claim]:
    """Every tally outside the criterion blocks, assigned to a group or to the whole set.

    A tally belongs to the group whose title the text just before it names ("Nhóm Hạ tầng số: gồm
    05 tiêu chí (đạt 4/5)"); failing that, to the group whose criteria it closes or opens
    ("=> Kết quả nhóm: đạt 04/05") when its total is that group's size (``anchors``: each read
    criterion's (page, line) and group, in document order); a total equal to the framework's
    size, or summary words ("Tổng hợp", "tiêu chí thành phần"), make it the overall tally.

    ``inside``: the lines criterion blocks took. A group's closing or heading line can end up in
    the block of the criterion above it ("Nhóm về Kinh tế số có 3/3 chỉ tiêu đạt.", "Nhóm 2: Chính
    quyền số (đạt 5/5)"); such a line's tally counts only when the line itself says it is a group's
    (see ``_inside_claims``), after the tallies outside the blocks.
    """
    span = Span(lines)
    n_total = len(fw.criteria)
    sizes = {g.code: len(g.criteria) for g in fw.groups}
    anchors = sorted(anchors or [])
    claims: list[Claim] = []
    prev_end = 0
    for t in find_tallies(span.text):
        window = span.text[max(prev_end, t.start - 220):t.start]
        prev_end = t.end
        wkey = match_key(window)
        if t.total > n_total and not _counts_criteria(wkey):
            # more than the set holds and no summary words of criteria ('thúc đẩy 151/151 cơ sở', 'tổng số hệ
            # thống … kiểm tra đạt 15/25'): a count of something else; 'Tổng số 11 chỉ tiêu, đã đạt 08/11'
            # may tally a larger set of its own
            if fw.id == PROVISIONAL and _labelled_summary(span.text, t):
                # a draft of the report's criteria may hold fewer than the report: its own summary line
                # ('Tổng hợp: đạt 5/10 tiêu chí.') is the overall tally (compared only where every one was read)
                claims.append(Claim(None, t.passed, t.total, t.raw, span.line_at(t.start).page))
            continue
        best, best_score, best_pos = None, 0.0, -1
        for g in fw.groups:
            for title in [g.title, *g.aliases]:
                tkey = match_key(title)
                if not _names_something(tkey):
                    continue
                al = fuzz.partial_ratio_alignment(tkey, wkey)
                if al is None:
                    continue
                if al.score > best_score + 1 or (abs(al.score - best_score) <= 1 and al.dest_end > best_pos):
                    best, best_score, best_pos = g.code, al.score, al.dest_end
        line = span.line_at(t.start)
        page = line.page
        # 'Tổng hợp nhóm 3: 2/5 tiêu chí đạt': the group's number on the tally's own line names it, whatever
        # group titles the lines before it echo ('dịch vụ công trực tuyến' of the last criterion)
        numbered = _numbered_group(fold_chars(span.text[span.text.rfind("\n", 0, t.start) + 1:t.start]), fw)
        if numbered is not None and sizes[numbered] == t.total:
            claims.append(Claim(numbered, t.passed, t.total, t.raw, page))
            continue
        summaryish = bool(_SUMMARY.search(wkey)) and (t.total == n_total or best_score < 80)
        group_ok = best is not None and best_score >= 80
        if group_ok and best is not None and t.total == sizes[best] and not summaryish:
            claims.append(Claim(best, t.passed, t.total, t.raw, page))
        elif summaryish or (t.total == n_total and (not group_ok or best is None or sizes[best] != n_total)):
            # the whole set's size: the overall tally, even with a group's name just before it
            # ("… Xã hội số. Như vậy, huyện có 14/23 tiêu chí đạt")
            claims.append(Claim(None, t.passed, t.total, t.raw, page))
        elif group_ok:
            claims.append(Claim(best, t.passed, t.total, t.raw, page))
        elif (near := _by_position((line.page, line.number), anchors, t.total, sizes)) is not None:
            claims.append(Claim(near, t.passed, t.total, t.raw, page))
    every = sorted([*lines, *(inside or [])], key=lambda x: (x.page, x.number))
    claims += _inside_claims(inside or [], fw, anchors, every)
    # a group's own row ('II Ha tang so va An toan thong tin mang 4/5 dat', 'II CHINH QUYEN SÔ' / '04/05') names
    # its group by number and title: before any tally placed by words or position
    claims = _group_row_claims(every, fw) + claims
    # a framework of one group: a tally of that group is the overall tally (one claim, one check)
    whole = {g.code for g in fw.groups if sizes[g.code] == n_total}
    claims = [Claim(None, c.passed, c.total, c.raw, c.page) if c.group in whole else c for c in claims]
    # keep the first claim per group and the first overall claim
    seen: set[str | None] = set()
    out = []
    for c in claims:
        if c.group in seen:
            continue
        seen.add(c.group)
        out.append(c)
    return out


PROVISIONAL = "provisional"
"""The id of a framework drafted from the report itself (extractors.provisional.PROVISIONAL_ID, which imports this
module by way of the table readers)."""


def _labelled_summary(text: str, t: Tally) -> bool:
    """A tally its own line labels the overall one: a summary word of the vocabulary before it on the line
    ('Tổng hợp:', 'Kết quả chung:', legacy 'Tong hop:') and the criteria it counts named right after it or in it
    ('đạt 5/10 tiêu chí', 'dat 3/8 chj tieu')."""
    lead = fold_chars(text[text.rfind("\n", 0, t.start) + 1:t.start])
    if not any(regex.search(rf"(?<![a-z]){regex.escape(w)}(?![a-z])", lead) for w in vocabulary().summary_words):
        return False
    return bool(_CRITERIA_WORDS.search(fold_chars(t.raw)) or _CRITERIA_WORDS.match(fold_chars(text[t.end:t.end + 20]).lstrip()))


def _counts_criteria(wkey: str) -> bool:
    """A summary word followed by criteria words ('tổng số 11 chỉ tiêu', 'bộ tiêu chí'), in a folded window."""
    return any(_CRITERIA_WORDS.search(wkey, m.start()) for m in _SUMMARY.finditer(wkey))


def _by_position(at: tuple[int, int], anchors: list[tuple[tuple[int, int], str]], total: int,
                 sizes: dict[str, int]) -> str | None:
    """The group a tally with no group name belongs to: the one whose criteria it closes (the last
    criterion before it), else the one it opens (the next), when its total is that group's size."""
    before = [g for pos, g in anchors if pos < at]
    after = [g for pos, g in anchors if pos > at]
    for g in ([before[-1]] if before else []) + ([after[0]] if after else []):
        if sizes.get(g) == total:
            return g
    return None


_CRITERIA_WORDS = regex.compile(rf"\b(?:{tally_nouns()})\b")


def _inside_claims(lines: list[Line], fw: Framework, anchors: list[tuple[tuple[int, int], str]],
                   every: list[Line] | None = None) -> list[Claim]:
    """Tallies on lines a criterion block took, where a criterion's own x/y may also stand: only a
    line with a group word before its tally ('Nhóm …', '=> Kết quả nhóm:', 'Tổng hợp nhóm 2:') or names a group's title before
    its tally, and only a tally whose total is that group's size (the group it names, else the one
    whose criteria it closes). A criterion's measure ('đạt 20/21 xã') names no group and is never
    taken; neither is a tally with no group word nor title before it. A tally that opens its line reads
    the line above it (of ``every``, the document's lines in order) as its lead: a heading that wrapped
    before its tally ('Nhóm 2: Hạ tầng số …: gồm 05 tiêu chí,' / 'đạt 05/05')."""
    sizes = {g.code: len(g.criteria) for g in fw.groups}
    at = {(x.page, x.number): k for k, x in enumerate(every or [])}
    out: list[Claim] = []
    for k, ln in enumerate(lines):
        folded = fold_chars(ln.text)
        for t in _line_tallies(ln, lines[k + 1] if k + 1 < len(lines) else None):
            lead, head = folded[:t.start], ln.text[:t.start]
            j = at.get((ln.page, ln.number), 0)
            if every and j > 0 and not regex.sub(r"[\W_]", "", lead) and _follows(every[j - 1], ln):
                head = every[j - 1].text + " " + head
                lead = fold_chars(head)
            # the group word before the tally or inside it ('Số chỉ tiêu đạt của nhóm: 4/5')
            grouped = bool(_GROUP_WORD.search(lead)) or bool(_GROUP_WORD.search(fold_chars(t.raw)))
            key = match_key(head)
            best, best_score = None, 0.0
            for g in fw.groups:
                for title in [g.title, *g.aliases]:
                    tkey = match_key(title)
                    if len(tkey) < 6 or not _names_something(tkey):
                        continue
                    score = fuzz.partial_ratio(tkey, key) if len(key) >= len(tkey) * 0.6 else 0.0
                    if score > best_score:
                        best, best_score = g.code, score
            numbered = _numbered_group(lead, fw)
            if numbered is not None and sizes[numbered] == t.total:
                out.append(Claim(numbered, t.passed, t.total, t.raw, ln.page))
            elif best is not None and best_score >= 85 and sizes[best] == t.total and (
                    grouped or _CRITERIA_WORDS.search(folded) or _led_by_number(lead, best)):
                out.append(Claim(best, t.passed, t.total, t.raw, ln.page))
            elif grouped and _CRITERIA_WORDS.search(folded) \
                    and (near := _by_position((ln.page, ln.number), anchors, t.total, sizes)) is not None:
                out.append(Claim(near, t.passed, t.total, t.raw, ln.page))
    return out


def _line_tallies(ln: Line, nxt: Line | None) -> list[Tally]:
    """The tallies that start on ``ln``, read with the next line's first words when that line follows it
    on the page: a heading whose tally wraps ('b) Nhóm hạ tầng số … - đạt 4 trên 5 tiêu' / 'chí')."""
    if nxt is None or not _follows(ln, nxt):
        return find_tallies(ln.text)
    return [t for t in find_tallies(ln.text + " " + nxt.text[:WRAP_WORDS]) if t.start < len(ln.text)]


def _follows(ln: Line, nxt: Line) -> bool:
    """Whether ``nxt`` is the line below ``ln`` on its page (a blank line between them, which text inputs number
    but do not keep, allowed)."""
    return nxt.page == ln.page and 0 < nxt.number - ln.number <= 2


WRAP_WORDS = 24
"""Characters of the next line a wrapped tally may take ('chí đạt', 'tiêu chí')."""

_ROW_TALLY = regex.compile(r"(?:(?<![a-z])(?:[dpb][a4i][tyr]|dat)\s*:?\s*)?(?<![\d/.,])(?P<x>\d{1,2})\s*/\s*(?P<y>\d{1,2})"
                           r"\s*\)?\s*(?:(?<![a-z])(?:[dpb][a4i][tyr]|dat)(?![a-z])\.?)?\s*$")
"""A fraction ending a group's row (folded), a verdict word 'đạt' before or after it as legacy OCR reads it
('Dat 2/5', '4/5 dat', '1/3 day')."""


def _group_row_claims(lines: list[Line], fw: Framework) -> list[Claim]:
    """Tallies on a group's own row or heading: the group's number and title, nothing else, then the fraction
    ('I TIEU CHI CHUNG 0/1 dat', 'IV KINH TÉ SO 4/5 dat'), or the fraction alone on the line below it, where a
    legacy table's cells wrapped ('II CHINH QUYEN SÔ' / '04/05'). Only a total that is the group's size."""
    sizes = {g.code: len(g.criteria) for g in fw.groups}
    out: list[Claim] = []
    for k, ln in enumerate(lines):
        text = _row_text(ln)
        m = _ROW_TALLY.search(fold_chars(text))
        raw = text[m.start():m.end()] if m is not None else ""
        if m is not None:
            head = text[:m.start()]
        else:
            nxt = lines[k + 1] if k + 1 < len(lines) else None
            if nxt is None or not _follows(ln, nxt):
                continue
            m = _ROW_TALLY.fullmatch(fold_chars(_row_text(nxt)).strip())
            if m is None:
                continue
            head, raw = text, _row_text(nxt)
        g = _row_group(match_key(head), fw)
        if g is None:
            continue
        x, y = int(m["x"]), int(m["y"])
        if y == sizes[g] and x <= y and all(c.group != g for c in out):
            out.append(Claim(g, x, y, raw.strip(), ln.page))
    return out


def _row_text(ln: Line) -> str:
    """A line's words, its cells' joined by spaces (a '|' would read as the letter 'l' in a match key)."""
    return " ".join(c.strip() for c in ln.cells if c.strip()) if ln.cells else ln.text


def _row_group(key: str, fw: Framework) -> str | None:
    """The group whose row ``key`` (a match key) is: the group's number ('2', 'II', 'ii.', OCR debris around
    it) and then its title, nothing more than a few characters past it; a title that names only 'Nhóm N' (a
    draft's) decides nothing."""
    code, _, rest = key.partition(" ")
    n = group_number(regex.sub(r"\W|_", "", code))
    if n is None or not rest:
        return None
    for g in fw.groups:
        if group_number(g.code) != n:
            continue
        for title in (g.title, *g.aliases):
            tkey = match_key(title)
            if _names_something(tkey) and len(rest) <= len(tkey) + ROW_SLACK \
                    and fuzz.ratio(rest[:len(tkey) + 2], tkey) >= ROW_TITLE:
                return g.code
    return None


ROW_SLACK = 6
"""Characters a group's row may hold past its title (OCR debris, a mark)."""
ROW_TITLE = 75
"""How well a group row's words must read as its title (fuzz.ratio, folded)."""


_LEAD_NUMBER = regex.compile(r"^\s*([0-9]{1,2}|[ivx]{1,4})\s*[.):\-–]\s")


def _led_by_number(lead: str, group: str) -> bool:
    """The line opens with the number of the group whose title follows ('2) Hạ tầng số … (đạt 3/5)',
    'III. Kinh tế số: đạt 4/5'): a group heading with its tally, even with no group word."""
    m = _LEAD_NUMBER.match(lead)
    return m is not None and group_number(m[1]) is not None and group_number(m[1]) == group_number(group)


def _names_something(tkey: str) -> bool:
    """A group title (folded) with words of its own besides a group word and a number: 'Nhóm 2' (a report read
    without a catalog names its groups so) matches every 'Kết quả nhóm:' alike and decides nothing."""
    rest = regex.sub(r"\b(?:[0-9]+|[ivx]{1,4})\b", " ", _GROUP_WORD.sub(" ", tkey))
    return len(regex.sub(r"[^a-z]", "", rest)) >= 4


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}


def group_number(code: str) -> int | None:
    """A group code's number, however it is written: '2', '02', 'II', 'ii', 'B' is not one."""
    c = code.strip().rstrip(".").lower()
    if c.isdigit():
        return int(c)
    return _ROMAN.get(c)


def _numbered_group(lead: str, fw: Framework) -> str | None:
    """'Nhóm 2:', 'Nhóm II –', 'Tổng hợp nhóm 1:' in ``lead`` (folded): the framework's group of that
    number, its code written in Roman or Arabic numerals alike."""
    m = regex.search(r"(?<![a-z])nh[o0]m\s+(?:tieu\s+chi\s+)?(?:so\s+)?([0-9]{1,2}|[ivx]{1,4})\s*[:.)\-–]", lead)
    if not m:
        return None
    n = group_number(m[1])
    return next((g.code for g in fw.groups if group_number(g.code) == n), None)
