"""The one-pass text transforms (str.translate tables, fast paths) give what the per-character
definitions give, on every character of a Vietnamese report and on every BMP code point."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.vocab import has_diacritics, lower_keep
from ingest.normalize import _fold_char, fold_chars, match_key, nfc

_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_LETTERS = "".join(unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in _TONES)
SAMPLE = (
    "Tiêu chí 3.4. Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình (≥ 85%): "
    "15424/15378 = 99,7% (Vượt chỉ tiêu). ỦY BAN NHÂN DÂN HUYỆN QUẢNG XƯƠNG – Độc lập - Tự do - "
    "Hạnh phúc; Chưa đạt: “Kinh tế số” chiếm 20,5 % GRDP. Nơi nhận: … "
    + _LETTERS + _LETTERS.upper() + "đĐ"
)
BMP = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)


def _old_fold(text: str) -> str:
    return "".join(_fold_char(c) for c in text)


def _old_lower_keep(text: str) -> str:
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _old_nfc(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "").replace("\u00a0", " ")


def test_sample_is_vietnamese() -> None:
    assert len(_LETTERS) == 72 and len(set(SAMPLE)) > 150


def test_fold_chars_equals_per_character_fold() -> None:
    assert fold_chars(SAMPLE) == _old_fold(SAMPLE)
    for ch in set(SAMPLE):
        assert fold_chars(ch) == _fold_char(ch), repr(ch)
    assert fold_chars(BMP) == _old_fold(BMP)
    assert len(fold_chars(BMP)) == len(BMP)  # one character out per character in
    assert fold_chars("Đạt CHƯA ĐẠT Tỷ lệ €") == "dat chua dat ty le e"


def test_lower_keep_equals_per_character_lower() -> None:
    assert lower_keep(SAMPLE) == _old_lower_keep(SAMPLE)
    assert lower_keep(BMP) == _old_lower_keep(BMP)
    assert lower_keep("ΟΔΟΣ İ") == "οδοσ İ"  # not the whole-string lower: no final sigma, İ kept


def test_nfc_fast_path_equals_normalize() -> None:
    decomposed = unicodedata.normalize("NFD", SAMPLE)
    for text in (SAMPLE, decomposed, "plain ascii 12/15", "x\u00ady\u200bz\ufeff\u00a0w", BMP[:3000]):
        assert nfc(text) == _old_nfc(text)
    assert nfc(decomposed) == nfc(SAMPLE)


def test_has_diacritics_counts_letters_as_before() -> None:
    for text in (SAMPLE, SAMPLE[:200], "Dat chi tieu 100% cac xa da hoan thanh ke hoach", "đạt"):
        letters = sum(1 for c in text if c.isalpha())
        assert sum(map(str.isalpha, text)) == letters
    assert has_diacritics(SAMPLE)
    assert not has_diacritics("Dat chi tieu 100% cac xa da hoan thanh ke hoach nam")


def test_match_key_multi_character_repairs() -> None:
    assert match_key("Tỷ lệ ﬁ  —  xã") == match_key("Tỷ lệ fi - xã")


def _ref_match_key(text: str) -> str:
    """match_key as first written: every step on every text."""
    from ingest.normalize import _IN_WORD_DIGIT, _PUNCT, _SPACES, _START_ONE, _confusions

    conf = _confusions()
    s = _old_nfc(text)
    for k, v in conf["char_map"].items():
        if len(v) != 1:
            s = s.replace(k, v)
    s = _old_fold(s)
    digits = conf["in_word_digits"]
    s = _IN_WORD_DIGIT.sub(lambda m: digits.get(m.group(1), m.group(1)), s)
    s = _START_ONE.sub(conf["word_start_one"], s)
    s = _PUNCT.sub(" ", s)
    s = _SPACES.sub(" ", s).strip()
    for pat, rep in conf["_word_repairs"]:
        s = pat.sub(rep, s)
    return _SPACES.sub(" ", s).strip()


def test_match_key_equals_every_step_version() -> None:
    from tests.conftest import ROOT

    garbled = (ROOT / "samples" / "labelled" / "a000_bim-son.txt").read_text(encoding="utf-8")  # legacy OCR text
    texts = [*SAMPLE.split(". "), *garbled.splitlines(), garbled[:2000], "Ty 1€ s6 Chwa dat  ﬁ", "  ", ""]
    assert len(texts) > 50
    for text in texts:
        assert match_key.__wrapped__(text) == _ref_match_key(text), text


_GARBLE = "uwpdtylsoaxicevgmhbnr0123456789 .,;:)/(%-\x1c\x1f\u00a0\u2003\tĐđệưỷạốầ€|—ﬁ"


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=_GARBLE, max_size=40))
def test_match_key_shortcuts_on_random_garbles(text: str) -> None:
    """The repairs' trigger (skip all 15 when none would change the text) and the split-join
    collapse give what every step on every text gives, on texts made of the repairs' own letters."""
    assert match_key.__wrapped__(text) == _ref_match_key(text)


def test_match_key_shortcuts_on_every_sample_line() -> None:
    from tests.conftest import ROOT

    lines = {ln for p in sorted(ROOT.joinpath("samples").rglob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines()}
    words = {w for ln in lines for w in ln.split()}
    assert len(lines) > 1000
    for text in sorted(lines | words):
        assert match_key.__wrapped__(text) == _ref_match_key(text), text


def test_repairs_trigger_leaves_out_only_what_changes_nothing() -> None:
    """Built from the data: a repair's alternatives spelled as its replacement are left out only when
    the rest of its pattern adds nothing to a match."""
    from ingest.normalize import _changing, _zero_width

    assert _changing(r"\b(?:so|s6|s)(?=\s|$)", "so") == r"\b(?:s6|s)(?=\s|$)"
    assert _changing(r"\b(?:so|s6)\s", "so") == r"\b(?:so|s6)\s"  # the match is "so ", not "so"
    assert _changing(r"\b(?:hd|ho)\b", "ho") == r"\b(?:hd)\b"
    assert _changing(r"\b(?:ho)\b", "ho") == r"(?!)"
    assert _changing(r"\bty\s+(?:le|ie)\b", "ty le") == r"\bty\s+(?:le|ie)\b"
    assert _changing(r"\b(?:s.|x)\b", "s.") == r"\b(?:s.|x)\b"  # "s." is no literal: it matches "sx"
    for rest, zero in [(r"(?=\s|$|[.,;:)])", True), (r"(?=[]a])", True), (r"(?=a)b(?=c)", False), (r"(?=a)|b", False),
                       (r"\s", False), ("", True), (r"\b", True)]:
        assert _zero_width(rest) is zero, rest
