"""Vietnamese text normalization: NFC text for display, and match keys for comparison.

Two folds, for two jobs:

* :func:`fold_chars` maps each character to exactly one character (diacritics off,
  ``đ`` to ``d``, lower case, garbled symbols to letters), so a position found in the
  folded text is the same position in the original line. Patterns that must point back
  at the source (verdicts, tallies) run on it.
* :func:`match_key` goes further for fuzzy matching: it also repairs the OCR confusions
  listed in ``data/ocr_confusions.json`` ("Chwa dat", "Ty 1€", "s6"), collapses spaces and
  may change lengths. It is never shown to a user and never used for numbers.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from pathlib import Path

import regex

_DATA = Path(__file__).resolve().parent / "data" / "ocr_confusions.json"


@lru_cache(maxsize=1)
def _confusions() -> dict:
    with open(_DATA, encoding="utf-8") as fh:
        data = json.load(fh)
    data["_word_repairs"] = [(regex.compile(p), r) for p, r in data["word_repairs"]]
    data["_multi"] = [(k, v) for k, v in data["char_map"].items() if len(v) != 1]
    return data


def nfc(text: str) -> str:
    """Unicode NFC, with the invisible characters that break matching removed."""
    if text.isascii():
        return text  # already NFC, and none of the removed characters is ASCII
    text = unicodedata.normalize("NFC", text)
    return text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "").replace("\u00a0", " ")


def _fold_char(ch: str) -> str:
    """The fold of one character (what :func:`fold_chars` does to each)."""
    table = _confusions()["char_map"]
    if ch in table and len(table[ch]) == 1:
        return table[ch]
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    low = base.lower()
    return low if len(low) == 1 else base


class _FoldTable(dict):
    """``str.translate`` table of :func:`_fold_char`, filled the first time a character is met."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD = _FoldTable()


@lru_cache(maxsize=16384)
def fold_chars(text: str) -> str:
    """One character in, one character out: diacritics folded, lower case, ``đ`` → ``d``.

    One ``str.translate`` pass (the per-character fold of :func:`_fold_char`, looked up in C):
    it runs on every line, cell and title several times per document, so the folds are cached
    (translate still costs a dict lookup per character; two in five calls repeat a text).
    """
    return text.translate(_FOLD)


_IN_WORD_DIGIT = regex.compile(r"(?<=\p{L})([0-9])(?=\p{L}|\b(?![.,/]\d))")
_START_ONE = regex.compile(r"\b1(?=[a-z]{2,})")
_SPACES = regex.compile(r"\s+")
_PUNCT = regex.compile(r"[^\w\s%/.,()-]")


@lru_cache(maxsize=16384)
def match_key(text: str) -> str:
    """The comparison key of a text: folded, OCR confusions repaired, spaces collapsed.

    Cached: every stage asks for the keys of the same lines (once per framework tried).
    """
    conf = _confusions()
    s = nfc(text)
    for k, v in conf["_multi"]:
        if k in s:
            s = s.replace(k, v)
    s = fold_chars(s)
    digits = conf["in_word_digits"]
    s = _IN_WORD_DIGIT.sub(lambda m: digits.get(m.group(1), m.group(1)), s)
    s = _START_ONE.sub(conf["word_start_one"], s)
    s = _PUNCT.sub(" ", s)
    s = collapsed = _SPACES.sub(" ", s).strip()
    for pat, rep in conf["_word_repairs"]:
        s = pat.sub(rep, s)
    # collapsing again changes only what a repair changed (a collapsed text collapses to itself)
    return s if s == collapsed else _SPACES.sub(" ", s).strip()
