"""Where an indicator's title ends on a line of a table row.

In legacy OCR text a table row's cells share lines: "dien thoai thông minh dat tren 80% thue
bao (100%)" is the end of the title cell followed by the result cell. The catalog knows the
title, so the line's leading words are aligned with the title's words, in order, tolerating
OCR-garbled words; what follows the last aligned word is the row's other cells. Numbers in
the title ("trên 80%") then stay title wording instead of passing for results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex
from rapidfuzz import fuzz

from ingest.normalize import match_key

_TOKEN = regex.compile(r"\S+")
_NUMBER = regex.compile(r"^\(?\d[\d.,/%]*\)?$")
"""A number, fraction or percent ("(100%)", "695/846"); not a garbled word like "1é" (lệ)."""
_EDGE = regex.compile(r"^[^\w(]+|[^\w%)]+$")
MIN_RATIO = 70.0
"""How alike an OCR'd word and a title word must be (rapidfuzz ratio on match keys)."""
MAX_MISSES = 1
"""Unreadable words in a row that the alignment steps over."""


@dataclass(frozen=True)
class TitleSpan:
    end: int
    """Offset in the line just after its last word aligned with the title (0: none)."""
    chars: int
    """Characters of the aligned words: how much of the line is title wording."""
    words: int
    key: int = -1
    """Which of the title keys it aligned with, and the title words it covers (``j0`` to ``j1``)."""
    j0: int = 0
    j1: int = 0
    last_word: str = ""
    likeness: float = 0.0
    """Summed similarity of the matched words: between equal alignments, the closer one wins."""


NO_TITLE = TitleSpan(0, 0, 0)
VERDICT_STEMS = r"(?:[dpb]|dp)[a4i][tyr]|ch[uw][a4]|h[o0][a4]n|th[a4]nh|v[a-z]{0,2}[o0g]t"
"""One folded word of a verdict, garbled as legacy OCR writes it ("pat", "chwa", "vugt")."""
_VERDICT_WORD = regex.compile(VERDICT_STEMS)
"""A title may end in "… đạt" ("bán lẻ đạt"): on a row's line that word is more likely its verdict."""


@lru_cache(maxsize=65536)
def _same(word: str, title_word: str) -> bool:
    """Whether a line's word reads as a title's word. Cached: the same pairs come back for every
    line that starts like a title, with each framework's titles (25 of 26 calls on the dev PDFs)."""
    if _NUMBER.match(word) or _NUMBER.match(title_word):
        return word == title_word  # numbers are title wording only as written: "(100%)" is a result
    if len(word) <= 2 or len(title_word) <= 2 or abs(len(word) - len(title_word)) > 1:
        return word == title_word  # "quy" (Quý IV) is not a garbled "quyết"
    return fuzz.ratio(word, title_word) >= MIN_RATIO


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[tuple[str, int], ...]:
    """(match key, end offset) of each whitespace-separated word; punctuation at the edges dropped.

    Cached: a line is aligned with each framework's titles in turn (three per document).
    """
    return tuple((_word_key(m.group(0)), m.end()) for m in _TOKEN.finditer(text))


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    """A word's match key without edge punctuation. Cached: words repeat far more than lines do."""
    return _EDGE.sub("", match_key(word))


@lru_cache(maxsize=512)
def _title_words(key: str) -> list[str]:
    return [_EDGE.sub("", w) for w in key.split()]


def title_prefix(text: str, title_keys: Sequence[str], *, skip_first: bool = True) -> TitleSpan:
    """The longest run of ``text``'s leading words that reads as consecutive words of a title.

    The first word (or the second, with ``skip_first``) starts the run anywhere in the title (a
    wrapped title's middle line starts mid-title); after that each word must match one of the next two title words,
    with at most ``MAX_MISSES`` garbled words in a row. Cached: a row's lines are aligned when
    the rows are cut and again when their results are read.
    """
    return _title_prefix(text, tuple(title_keys), skip_first)


@lru_cache(maxsize=8192)
def _title_prefix(text: str, title_keys: tuple[str, ...], skip_first: bool) -> TitleSpan:
    words = _words(text)
    best = NO_TITLE
    if not words:
        return best
    for k, key in enumerate(title_keys):
        title = _title_words(key)
        for first in range(min(2 if skip_first else 1, len(words))):
            if not words[first][0] or (first and _NUMBER.match(words[0][0])):
                continue  # only a garbled word may be stepped over, not a number ("29/29 trang …")
            lead_verdict = first == 1 and _VERDICT_WORD.fullmatch(words[0][0])
            for j0, tw in enumerate(title):
                if not _same(words[first][0], tw):
                    continue
                if lead_verdict and not (j0 and _VERDICT_WORD.fullmatch(title[j0 - 1])):
                    continue  # "Đạt 100% (21/21": a verdict before the title's "100%"; but "đạt 50%" of "… đạt 50%" is title
                span = _extend(words, first, title, j0, k)
                if (span.chars, span.words, span.likeness) > (best.chars, best.words, best.likeness):
                    best = span
    return best


def _extend(words: Sequence[tuple[str, int]], first: int, title: list[str], j: int, key: int) -> TitleSpan:
    matched = [(first, j)]
    misses = 0
    for t in range(first + 1, len(words)):
        word = words[t][0]
        if not word:  # a lone punctuation mark between title words
            continue
        hit = next((jj for jj in (j + 1, j + 2) if jj < len(title) and _same(word, title[jj])), None)
        if hit is None:
            if _NUMBER.match(word):
                break  # a number the title does not have is a result ("695/846 doanh"), never stepped over
            misses += 1
            if misses > MAX_MISSES:
                break
            j += 1
            continue
        j, misses = hit, 0
        matched.append((t, hit))
    while len(matched) > 1 and _VERDICT_WORD.fullmatch(words[matched[-1][0]][0]):
        matched.pop()
    last = matched[-1][0]
    return TitleSpan(words[last][1], sum(len(words[t][0]) for t, _ in matched), len(matched), key,
                     matched[0][1], matched[-1][1], words[last][0], sum(fuzz.ratio(words[t][0], title[jj]) for t, jj in matched))


def is_title(span: TitleSpan) -> bool:
    """Enough of a line aligned to call it title wording: two words, a long one, or the title's own percent."""
    return span.words >= 2 or span.chars >= 6 or (span.words == 1 and "%" in span.last_word)
