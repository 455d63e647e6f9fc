"""The one vocabulary (``data/vocabulary.json``) compiled into patterns, once.

Two kinds of text reach the readers, and each gets its own patterns:

* text that has its diacritics (text layers, UTF-8 files, decoded TCVN3/VNI): only real words
  count, matched whole on :func:`lower_keep` text ("đất", "đầy đủ", "dạy" are never "đạt");
* legacy OCR without Vietnamese and OCR output: the garble-tolerant expressions, on
  :func:`ingest.normalize.fold_chars` text ("Pat", "Chwa dat").

Both transforms keep one character per character, so a match's span is the source's span.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from ingest.normalize import CharTable, fold_chars

_DATA = Path(__file__).resolve().parent / "data" / "vocabulary.json"
VERDICT_KINDS = ("vuot", "chua_dat", "dat")
"""Longest meaning first: 'chưa đạt' and 'vượt' are tried before 'đạt'."""
_DIACRITIC = regex.compile(r"[ảãạăằắẳẵặầấẩẫậẻẽẹềếểễệỉĩịỏọồốổỗộơờớởỡợủũụưừứửữựỳỷỹỵđ]", regex.I)
"""Letters only Vietnamese writes: legacy OCR without Vietnamese produces Latin-1 ones (é, à, ô)
but not these, so they tell a text with its diacritics from a garbled one."""


def _lower_char(ch: str) -> str:
    low = ch.lower()
    return low if len(low) == 1 else ch


_LOWER = CharTable(_lower_char)


def lower_keep(text: str) -> str:
    """Lower case, one character per character (a character whose lower form is longer stays).

    Each character on its own (``str.lower`` of the whole text would make a final capital sigma
    "ς" and lengthen "İ"), in one ``str.translate`` pass.
    """
    return text.translate(_LOWER)


def has_diacritics(text: str, min_share: float = 0.03) -> bool:
    """Whether a text is written with its Vietnamese diacritics (not legacy OCR without them)."""
    letters = sum(map(str.isalpha, text))
    if letters < 20:
        return bool(_DIACRITIC.search(text))
    return len(_DIACRITIC.findall(text)) / letters >= min_share


def words_rx(forms: list[str]) -> str:
    """Whole-word alternation of written forms, longest first, spaces as any whitespace."""
    alts = sorted({f.strip() for f in forms if f.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(regex.escape(w) for w in f.split()) for f in alts)


@lru_cache(maxsize=1)
def note_count_rx() -> regex.Pattern:
    """The vocabulary's note words before a count ('khảo sát 768 phiếu'), at the end of folded text."""
    forms = [fold_form(r[0]) for r in vocabulary().raw.get("note_counts_before_number", [])]
    return regex.compile(rf"(?<![a-z])(?:{words_rx(forms)})\s*$")


def regex_forms(rows: list) -> str:
    """An alternation of the regex fragments a vocabulary list holds, one per row (its first item)."""
    return "|".join(f"(?:{row[0]})" for row in rows)


def fold_form(form: str) -> str:
    return " ".join(fold_chars(form).split())


@dataclass(frozen=True)
class Vocabulary:
    raw: dict
    verdict_exact: regex.Pattern
    verdict_garbled: regex.Pattern
    dat_word: str
    tails_exact: str
    tails_folded: str
    cues_exact: str
    cues_folded: str
    result_after: regex.Pattern
    tallies: tuple[regex.Pattern, ...]
    target_cues: tuple[tuple[str, str], ...]
    target_ops: tuple[tuple[str, str], ...]
    summary_words: tuple[str, ...]
    closing_words: tuple[str, ...]
    header_roles: dict[str, tuple[str, ...]]
    labels: dict[str, str]
    rate_cues_garbled: str
    op_words_garbled: tuple[tuple[regex.Pattern, str], ...]
    """Legacy OCR forms of a target op word, each the length of the folded word it stands for."""

    def verdict_label(self, kind: str) -> str:
        return self.labels[kind]


def _entries(rows: list) -> list[str]:
    return [r[0] for r in rows]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    with open(_DATA, encoding="utf-8") as fh:
        raw = json.load(fh)
    dat = raw["dat_word"][0]
    v = raw["verdicts"]
    exact = "|".join(f"(?P<{k}>{words_rx(_entries(v[k]['forms']))})" for k in VERDICT_KINDS)
    garbled = "|".join(
        f"(?P<{k}>" + "|".join(f"(?:{g[0].replace('{dat}', dat)})" for g in v[k]["garbled"]) + ")" for k in VERDICT_KINDS)
    tails = _entries(raw["verdict_tails"])
    cues = _entries(raw["verdict_cues"])
    return Vocabulary(
        raw=raw,
        verdict_exact=regex.compile(rf"(?<!\w)(?:{exact})(?!\w)"),
        verdict_garbled=regex.compile(rf"(?<![a-z0-9])(?:{garbled})(?![a-z0-9])"),
        dat_word=dat,
        tails_exact=words_rx(tails),
        tails_folded=words_rx([fold_form(t) for t in tails]),
        cues_exact=words_rx(cues),
        cues_folded=words_rx([fold_form(c) for c in cues]),
        result_after=regex.compile(raw["result_after_dat"][0][0]),
        tallies=tuple(regex.compile(t[0].replace("{dat}", dat)) for t in raw["tally"]["garbled"]),
        target_cues=tuple((fold_form(c[0]), c[1]) for c in raw["target_cues"]),
        target_ops=tuple((fold_form(o[0]), o[1]) for o in raw["target_ops"]),
        summary_words=tuple(fold_form(w) for w in _entries(raw["summary_words"])),
        closing_words=tuple(fold_form(w) for w in _entries(raw["closing"])),
        header_roles={role: tuple(fold_form(w) for w in _entries(rows)) for role, rows in raw["table_headers"].items()},
        labels={k: v[k]["label"] for k in VERDICT_KINDS},
        rate_cues_garbled=regex_forms(raw["rate_cues_garbled"]),
        op_words_garbled=tuple((regex.compile(rf"(?<![a-z]){regex.escape(g[0])}(?![a-z])"), g[1])
                               for g in raw.get("op_words_garbled", []) if len(g[0]) == len(g[1])),
    )


def tally_nouns(garbled: bool = True, kinds: tuple[str, ...] = ("criteria",)) -> str:
    """A regex alternation of the nouns a tally counts ('tiêu chí', 'chỉ tiêu'), for text folded by
    :func:`ingest.normalize.fold_chars`: the plain forms (folded, blanks as any whitespace) and, with
    ``garbled``, the forms legacy OCR writes ('tjeu chl'). ``kinds``: which nouns ('criteria'; 'other' adds
    the counts of indicators and tasks, 'chỉ số', 'nhiệm vụ', that are no result either)."""
    rows = vocabulary().raw["tally_nouns"]
    plain = [r"\s+".join(regex.escape(w) for w in fold_form(r[0]).split()) for r in rows["forms"] if r[1] in kinds]
    fuzzy = [r[0] for r in rows["garbled"] if r[1] in kinds] if garbled else []
    return "|".join(f"(?:{f})" for f in sorted(set(plain), key=len, reverse=True) + fuzzy)


def result_leads_garbled(kind: str) -> str:
    """One alternation of the words that lead a stated result on legacy text (``result_leads_garbled``):
    ``percent`` before a result percent ('dat 34,7%', 'ty 1€', '= 65 %'), ``bare_decimal`` before a
    number whose '%' wrapped onto another line ('(89,6' … '%)')."""
    return regex_forms(vocabulary().raw["result_leads_garbled"][kind])


@lru_cache(maxsize=1)
def _ocr_readings() -> dict[str, tuple[str, ...]]:
    return {row[0]: tuple(fold_chars(r) for r in row[1]) for row in vocabulary().raw.get("ocr_letter_readings", [])}


@lru_cache(maxsize=512)
def ocr_form(form: str) -> str:
    """A regex fragment for ``form`` ('lượt', 'giờ/người', 'điểm') as legacy OCR without Vietnamese
    writes it, matched on :func:`ingest.normalize.fold_chars` text: each letter as itself without
    its marks or as one of the vocabulary's ``ocr_letter_readings`` ('lirot', 'lugt', 'gjo/ngu&i',
    'cliem'); spaces as any whitespace, a slash with spaces around it or not. For legacy text only:
    on text with its diacritics only the real word counts."""
    readings = _ocr_readings()
    parts: list[str] = []
    for ch in lower_keep(" ".join(form.split())):
        if ch == " ":
            parts.append(r"\s+")
        elif ch == "/":
            parts.append(r"\s*/\s*")
        else:
            alts = sorted({fold_chars(ch), *readings.get(ch, ())}, key=lambda a: (-len(a), a))
            parts.append(regex.escape(alts[0]) if len(alts) == 1 else "(?:" + "|".join(map(regex.escape, alts)) + ")")
    return "".join(parts)
