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
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

import regex

_DATA = Path(__file__).resolve().parent / "data" / "ocr_confusions.json"


@lru_cache(maxsize=1)
def _confusions() -> dict:
    with open(_DATA, encoding="utf-8") as fh:
        data = json.load(fh)
    data["_word_repairs"] = [(regex.compile(p), r) for p, r in data["word_repairs"]]
    data["_repairs_trigger"] = _trigger([_changing(p, r) for p, r in data["word_repairs"]])
    data["_multi"] = [(k, v) for k, v in data["char_map"].items() if len(v) != 1]
    return data


_ALTERNATIVES = regex.compile(r"^(\\b)\(\?:([^()]*)\)(.*)$")
"""A repair of the form ``\\b(?:a|b|...)rest``: its alternatives between the word start and the rest."""


def _scan(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(position, character, group depth) of each character of ``pattern`` outside escapes and classes."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 2 if pattern[i + 1:i + 2] == "^" else 1  # a "]" first in a class is one of its characters
            i += pattern[i:i + 1] == "]"
            continue
        else:
            depth -= c == ")"
            yield i, c, depth
            depth += c == "("
        i += 1


def _zero_width(rest: str) -> bool:
    """``rest`` is nothing, ``\\b`` or one lookahead ``(?=...)``: it adds no characters to a match."""
    if rest in ("", r"\b"):
        return True
    closes = [i for i, c, depth in _scan(rest) if c == ")" and depth == 0]
    return rest.startswith("(?=") and closes == [len(rest) - 1]


def _trigger(patterns: list[str]) -> regex.Pattern[str]:
    """One pattern matching where any of ``patterns`` does.

    The word-start assertion they mostly begin with is tested once per position for all of them:
    ``\\b(?:a|b)`` is ``\\ba|\\bb``, a third of the time on a line of a report.
    """
    def at_word_start(p: str) -> bool:
        return p.startswith(r"\b") and not any(c == "|" and depth == 0 for _, c, depth in _scan(p))

    bounded = [f"(?:{p[2:]})" for p in patterns if at_word_start(p)]
    free = [f"(?:{p})" for p in patterns if not at_word_start(p)]
    return regex.compile("|".join(free + ([rf"\b(?:{'|'.join(bounded)})"] if bounded else [])) or r"(?!)")


def _changing(pattern: str, replacement: str) -> str:
    """A pattern that matches wherever a substitution of ``pattern`` by ``replacement`` changes the text.

    Where the match is one literal alternative spelled as the replacement ("so" → "so") nothing
    changes, and such words are common ("số", "cấp", "tiêu", "đạt", "hộ"): these alternatives are
    left out when nothing else (a word start, a lookahead) adds to the match. Any other pattern is
    kept whole: it may match more than it changes, which costs only time.
    """
    m = _ALTERNATIVES.match(pattern)
    if not m or not _zero_width(m.group(3)):
        return pattern
    kept = [a for a in m.group(2).split("|") if a != replacement or regex.escape(a) != a]
    return f"{m.group(1)}(?:{'|'.join(kept)}){m.group(3)}" if kept else r"(?!)"


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


class CharTable(dict[int, str]):
    """A ``str.translate`` table of a one-character function, filled the first time a character is met
    (``text.translate(table)`` then maps every character through ``fn`` with a dict lookup in C)."""

    def __init__(self, fn: Callable[[str], str]) -> None:
        super().__init__()
        self._fn = fn

    def __missing__(self, code: int) -> str:
        out = self[code] = self._fn(chr(code))
        return out


_FOLD = CharTable(_fold_char)


@lru_cache(maxsize=16384)
def fold_chars(text: str) -> str:
    """One character in, one character out: diacritics folded, lower case, ``đ`` → ``d``.

    One ``str.translate`` pass (the per-character fold of :func:`_fold_char`, looked up in C):
    it runs on every line, cell and title several times per document, so the folds are cached
    (translate still costs a dict lookup per character; two in five calls repeat a text).
    """
    return text.translate(_FOLD)


def fold_case(text: str) -> str:
    """:func:`fold_chars`, keeping upper case: one character in, one out ('Hoàn' → 'Hoan', 'Đạt' → 'Dat')."""
    return "".join(f.upper() if c.isupper() else f for c, f in zip(text, fold_chars(text), strict=True))


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
    # spaces collapsed: str.split's blanks are regex's \s and U+001C..U+001F, which _PUNCT has
    # just made spaces, so this is _SPACES.sub(" ", s).strip() at a quarter of its cost
    s = collapsed = " ".join(s.split())
    if conf["_repairs_trigger"].search(s) is None:
        # no repair would change the text, so none changes what the next one reads: all leave it
        # as it is (three texts in five on the dev corpus; one search instead of 15 substitutions)
        return s
    for pat, rep in conf["_word_repairs"]:
        s = pat.sub(rep, s)
    # collapsing again changes only what a repair changed (a collapsed text collapses to itself)
    return s if s == collapsed else " ".join(s.split())
