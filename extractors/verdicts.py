"""Verdict words (Đạt / Chưa đạt / Vượt chỉ tiêu) from our own lexicon, garbles included.

Generic accent restorers turn "Dat" into "Đất"; verdicts therefore come only from
``data/lexicon.json``. Patterns run on :func:`ingest.normalize.fold_chars` text, whose
positions are the original text's positions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from ingest.normalize import fold_chars

_DATA = Path(__file__).resolve().parent / "data" / "lexicon.json"


@dataclass(frozen=True)
class VerdictHit:
    verdict: str
    start: int
    end: int
    raw: str
    parenthesized: bool


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    with open(_DATA, encoding="utf-8") as fh:
        lex = json.load(fh)
    dat = lex["dat_word"]
    pats = {k: v.replace("{dat}", dat) for k, v in lex["patterns"].items()}
    # Order matters: "chưa đạt" before "đạt", "vượt" first.
    alt = "|".join(f"(?P<{k}>{pats[k]})" for k in ("vuot", "chua_dat", "dat"))
    lex["_bare"] = regex.compile(rf"^\s*(?:{alt})\s*[.;,]?\s*$")
    lex["_paren"] = regex.compile(rf"\(\s*(?:{alt})\s*[.;]?\s*\)")
    # OCR drops a closing parenthesis now and then: "(Chưa đạt" ending the text, "(Đạt - Hệ thống …"
    lex["_paren_open"] = regex.compile(rf"\(\s*(?:{alt})(?=\s*[.;]?\s*$|\s*[-–]\s)")
    lex["_tail"] = regex.compile(
        rf"(?:^|[:.;\-–>=]\s*|\bdanh\s+gia\s*:?\s*|\bket\s+qua\s*:?\s*)(?:{alt})\s*[.;]?\s*$"
    )
    lex["_ocr_raw"] = [(k, regex.compile(v)) for k, v in lex.get("ocr_raw_variants", {}).items() if k != "about"]
    lex["_tally"] = regex.compile(
        rf"(?:{pats['dat']}|dat)\s*:?\s*(?P<x>\d{{1,3}})\s*/\s*(?P<y>\d{{1,3}})(?!\d|\s*/\s*\d)"
    )
    return lex


def _kind(m: regex.Match) -> str:
    for k in ("vuot", "chua_dat", "dat"):
        if m.group(k):
            return k
    raise AssertionError("unreachable")


_CELL_WORDS = {"dat": "dat", "da dat": "dat", "hoan thanh": "dat", "chua dat": "chua_dat", "khong dat": "chua_dat",
               "chua hoan thanh": "chua_dat", "vuot chi tieu": "vuot", "vuot": "vuot"}


def parse_verdict(text: str, fuzzy: bool = False) -> str | None:
    """The verdict a short text (a table cell) states, or None.

    ``fuzzy`` (for OCR'd cells) also accepts a close misreading ("CRưAđật"), but only of a
    cell that holds nothing else.
    """
    folded = " ".join(fold_chars(text).split())
    m = _lexicon()["_bare"].match(folded)
    if m:
        return _kind(m)
    if fuzzy and 2 < len(folded) <= 20:
        from rapidfuzz import fuzz, process

        best = process.extractOne(folded.replace(" ", ""), {k: k.replace(" ", "") for k in _CELL_WORDS},
                                  scorer=fuzz.ratio, score_cutoff=75)
        if best:
            return _CELL_WORDS[best[2]]
    return None


def find_verdicts(text: str) -> list[VerdictHit]:
    """Verdicts in running text: parenthesized ones, and one closing the text."""
    folded = fold_chars(text)
    lex = _lexicon()
    hits = [VerdictHit(_kind(m), m.start(), m.end(), text[m.start():m.end()], True) for m in lex["_paren"].finditer(folded)]
    for m in lex["_paren_open"].finditer(folded):
        if not any(h.start <= m.start() < h.end for h in hits):
            hits.append(VerdictHit(_kind(m), m.start(), m.end(), text[m.start():m.end()], True))
    for kind, pat in lex["_ocr_raw"]:
        for m in pat.finditer(text):
            if not any(h.start <= m.start() < h.end for h in hits):
                hits.append(VerdictHit(kind, m.start(), m.end(), m.group(0), True))
    m = lex["_tail"].search(folded)
    if m and not any(h.start <= m.start() < h.end for h in hits):
        start = m.start(_kind(m))
        hits.append(VerdictHit(_kind(m), start, m.end(), text[start:m.end()].strip(), False))
    hits.sort(key=lambda h: h.start)
    return hits


@dataclass(frozen=True)
class Tally:
    passed: int
    total: int
    start: int
    end: int
    raw: str


def find_tallies(text: str) -> list[Tally]:
    """'đạt 4/5', '(dat 18/23)', 'đã đạt 07/10' → passed/total with spans."""
    folded = fold_chars(text)
    out = []
    for m in _lexicon()["_tally"].finditer(folded):
        out.append(Tally(int(m["x"]), int(m["y"]), m.start(), m.end(), text[m.start():m.end()]))
    return out
