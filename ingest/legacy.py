"""Pre-Unicode Vietnamese encodings (TCVN3/ABC, VNI, Windows-1258): detection and decoding.

Old reports were typed in 8-bit Vietnamese fonts. Read as Latin-1/cp1252 their letters
come out as glyph soup: TCVN3 (.VnTime) puts each accented letter on one Latin-1 code
("B¸o c¸o kÕt qu¶"), VNI (VNI-Times) writes a base letter followed by modifier bytes
("Baùo caùo keát quaû"). The tables live in ``data/legacy_encodings.json``.

Detection works on character statistics and is then confirmed on words:

1. count the encoding's tell-tale characters or sequences (TCVN3 '¸ µ ¶ ® Õ' inside words;
   VNI 'aù', 'eá', 'oà', 'ö', 'ñ'); too few, or too few distinct ones, and the answer is no
   (a Spanish 'ñ' or a German 'ö' alone does not make VNI);
2. convert the words carrying non-ASCII characters and check that most of them become
   valid Vietnamese syllables (onset + vowel cluster + coda, one tone, stop codas take only
   sắc/nặng). French "où/goût" or German "schön" fail here.

Text that already carries Unicode Vietnamese letters (ế, ạ, ư …) in the majority is never
called legacy.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data" / "legacy_encodings.json"

ENCODINGS = ("tcvn3", "vni", "cp1258")

# Latin-1 characters that are ordinary letters of Unicode Vietnamese (á, Ê …): inside a
# word they are no evidence of TCVN3, unless an upper-case one follows a lower-case letter.
_VIET_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_LEAD = re.compile(r"[\s\"'“‘(\[\-–•*+]*")
_AFTER_STOP = re.compile(r"(?:[.!?]\s|\n\s*\n)[\s\"'“‘(\[\-–•*+]*\Z")
_STOP_TONES = {"\u0301", "\u0323"}
_SPLIT = re.compile(r"[\s!-/:-@\[-`{-~\u00a0“”‘’„–—…•]+")
_LATIN1_CP1252 = {i: bytes([i]).decode("cp1252") for i in range(0x80, 0xA0) if i not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_CP1252_SPECIAL = set(_LATIN1_CP1252.values())
_DIGIT = re.compile(r"[0-9]")

# --- Vietnamese syllable check ---------------------------------------------------------
_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx]"
_NUCLEI_OPEN = "ai ao au ay âu ây eo êu iu oi ôi ơi ui ưi ưu iêu yêu oai oao oay oeo uây uôi ươi ươu uyu ia ua ưa uya"
_NUCLEI_CLOSED = "ă â oă uâ oo iê yê uô ươ uyê"  # need a final consonant
_NUCLEI_FREE = "a e ê i o ô ơ u ư y oa oe uê uy uơ"
_NUCLEI = sorted((_NUCLEI_OPEN + " " + _NUCLEI_CLOSED + " " + _NUCLEI_FREE).split(), key=len, reverse=True)
_SYLLABLE = re.compile(rf"({_ONSET})?({'|'.join(_NUCLEI)})(ch|ng|nh|[cmnpt])?")
_OPEN = set(_NUCLEI_OPEN.split())
_CLOSED = set(_NUCLEI_CLOSED.split())


@lru_cache(maxsize=4096)
def _is_syllable(word: str) -> bool:
    """True when ``word`` (any case) is a well-formed Vietnamese syllable."""
    nfd = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in nfd if c in _TONES]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
    m = _SYLLABLE.fullmatch(bare)
    if not m:
        return False
    onset, nucleus, coda = m.groups()
    if nucleus in _OPEN and coda or nucleus in _CLOSED and not coda:
        return False
    if coda in ("c", "ch", "p", "t") and not (tones and tones[0] in _STOP_TONES):
        return False
    return not (onset in ("gh", "ngh", "k") and nucleus[0] not in "eêiy")


# --- tables ----------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _tables() -> dict:
    with open(_DATA, encoding="utf-8") as fh:
        raw = json.load(fh)
    tcvn3 = {chr(int(k, 16)): v for k, v in raw["tcvn3"]["map"].items()}
    lower_only = {k for k, v in tcvn3.items() if v.islower()}
    tcvn3_markers = {k for k in tcvn3 if k not in _VIET_LATIN1}
    vni = dict(raw["vni"]["map"])
    # Modifier bytes are sometimes typed in the other case than the base letter ("Uûy"):
    # the base letter decides the case.
    for seq, letter in list(vni.items()):
        if len(seq) == 2:
            for variant in (seq[0] + seq[1].swapcase(),):
                vni.setdefault(variant, letter)
    seqs = sorted(vni, key=len, reverse=True)
    vni_re = re.compile("|".join(re.escape(s) for s in seqs))
    vni_pairs = {s for s in vni if len(s) == 2}
    vni_singles = {"ñ", "Ñ", "ö", "Ö", "î", "Î", "æ", "Æ"}
    return {
        "tcvn3": tcvn3,
        "tcvn3_table": str.maketrans(tcvn3),
        "tcvn3_lower": lower_only,
        "tcvn3_markers": tcvn3_markers,
        "vni": vni,
        "vni_re": vni_re,
        "vni_pairs": vni_pairs,
        "vni_pair_re": re.compile("|".join(re.escape(s) for s in sorted(vni_pairs))),
        "vni_singles": vni_singles,
    }


# --- conversion ------------------------------------------------------------------------
def _glyphs(text: str) -> str:
    """Undo a cp1258 decode (the caller may have tried cp1258 first) back to Latin-1 glyphs.

    Only when every character is a single cp1258 byte and some are cp1258-only (ă ơ ư đ,
    combining tones); real Unicode Vietnamese text is left as it is.
    """
    special = False
    for ch in text:
        if ord(ch) < 0x100 or ch in _CP1252_SPECIAL or ch == "\ufffd":
            continue
        try:
            ch.encode("cp1258")
        except UnicodeEncodeError:
            return text
        special = True
    if not special:
        return text
    out = []
    for ch in text:
        if ord(ch) < 0x80 or ch == "\ufffd":
            out.append(ch)
        else:
            try:
                b = ch.encode("cp1258")[0]
            except UnicodeEncodeError:  # a Latin-1 letter cp1258 lacks ('Ò'): this was not cp1258
                return text
            out.append(_LATIN1_CP1252.get(b, chr(b)))
    return "".join(out)


def _tcvn3(text: str, *, document: bool) -> str:
    """TCVN3 glyph text → Unicode, restoring upper case lost to the .VnTimeH convention.

    A toned letter is made upper case when the rest of its word is upper case ("B¸O" →
    "BÁO", "ñY" → "ỦY"), when it stands in an all-capitals line, and — for whole documents
    only — when it starts a sentence ("ñy ban" at the start → "Ủy ban").
    """
    t = _tables()
    out = list(text.translate(t["tcvn3_table"]))
    low = {i for i, ch in enumerate(text) if ch in t["tcvn3_lower"]}
    if not low:
        return "".join(out)
    conv = "".join(out)
    line_caps: dict[int, bool] = {}
    for m in re.finditer(r"[^\W\d_]+", conv):
        span = range(m.start(), m.end())
        mine = [i for i in span if i in low]
        if not mine:
            continue
        others = [i for i in span if i not in low and out[i].lower() != out[i].upper()]
        if any(not out[i].isupper() for i in others):
            upper = False
        elif len(others) >= 2 or others and others[0] != m.start():
            upper = True
        else:  # nothing, or only an initial capital, to go by in the word: look at the line
            ls = conv.rfind("\n", 0, m.start()) + 1
            if ls not in line_caps:
                le = conv.find("\n", m.start())
                line = conv[ls : le if le >= 0 else len(conv)]
                cased = [c for j, c in enumerate(line, ls) if j not in low and c.lower() != c.upper()]
                line_caps[ls] = len(cased) >= 3 and all(c.isupper() for c in cased)
            upper = line_caps[ls]
        if upper:
            for i in mine:
                out[i] = out[i].upper()
        elif document and m.start() in low:
            before = conv[max(0, m.start() - 40) : m.start()]
            if (m.start() < 40 and _LEAD.fullmatch(before)) or _AFTER_STOP.search(before):
                out[m.start()] = out[m.start()].upper()
    return "".join(out)


def _vni(text: str) -> str:
    t = _tables()
    return t["vni_re"].sub(lambda m: t["vni"][m.group()], text)


def _convert(text: str, encoding: str, *, document: bool = False) -> str:
    if encoding == "tcvn3":
        out = _tcvn3(text, document=document)
    elif encoding == "tcvn3h":  # text set entirely in the upper-case font .VnTimeH
        out = _tcvn3(text, document=False).upper()
    elif encoding == "vni":
        out = _vni(text)
    elif encoding == "cp1258":
        raw = bytes(ord(c) if ord(c) < 0x100 else c.encode("cp1252", errors="replace")[0] for c in text)
        out = raw.decode("cp1258", errors="replace")
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {ENCODINGS + ('tcvn3h',)}")
    return unicodedata.normalize("NFC", out)


def convert_legacy_text(text: str, encoding: str) -> str:
    """Convert text whose characters are the Latin-1 glyph codes of a legacy font.

    For PDF text layers (called per word or per cell): ``encoding`` is 'tcvn3', 'vni',
    'cp1258', or 'tcvn3h' for text set in the all-capitals .VnTimeH font. Case of TCVN3
    toned capitals is only restored inside all-capital words (no sentence context here).
    """
    return _convert(_glyphs(text), encoding)


# --- detection -------------------------------------------------------------------------
def _tokens(text: str) -> list[str]:
    return [w for w in _SPLIT.split(text) if w and not w.isascii() and not _DIGIT.search(w)]


def _word_score(tokens: list[str], encoding: str) -> tuple[int, int, int]:
    """(converted words that are Vietnamese, words that are not, untouched Unicode Vietnamese words)."""
    good = bad = uni = 0
    for w in tokens:
        c = _convert(w, encoding)
        if c == unicodedata.normalize("NFC", w):
            if _is_syllable(c):
                uni += 1
            else:
                bad += 1
        elif _is_syllable(c):
            good += 1
        else:
            bad += 1
    return good, bad, uni


def _stats(text: str, encoding: str) -> tuple[int, int, int]:
    """(hits, distinct markers, distinct two-character sequences) of an encoding's tell-tales."""
    t = _tables()
    if encoding == "tcvn3":
        marks, table = t["tcvn3_markers"], t["tcvn3"]

        def inword(i: int) -> bool:
            return any(0 <= j < len(text) and (text[j].isalpha() or text[j] in table) for j in (i - 1, i + 1))

        hits = [
            ch for i, ch in enumerate(text)
            if (ch in marks or ch in _VIET_LATIN1 and ch.isupper() and i and text[i - 1].islower()) and inword(i)
        ]
        return len(hits), len(set(hits)), 0
    pairs = [s for s in t["vni_pair_re"].findall(text)]
    singles = [ch for i, ch in enumerate(text) if ch in t["vni_singles"] and (
        i and text[i - 1].isalpha() or i + 1 < len(text) and text[i + 1].isalpha())]
    hits = pairs + singles
    return len(hits), len(set(hits)), len({p.lower() for p in pairs})


def _evidence(text: str) -> dict[str, int]:
    """Per encoding, how many words its conversion turns into Vietnamese (0 when it does not fit)."""
    text = _glyphs(text[:200_000])
    tokens = _tokens(text)
    if not tokens:
        return {}
    found = {}
    for enc in ("tcvn3", "vni"):
        hits, distinct, pairs = _stats(text, enc)
        if hits < 2 or distinct < 2:
            continue
        if enc == "vni" and pairs < 2 and distinct < 3:
            continue
        good, bad, uni = _word_score(tokens, enc)
        if good >= 1 and good >= 3 * bad and good > uni:
            found[enc] = good - bad
    return found


def detect_legacy(text: str) -> str | None:
    """'tcvn3' | 'vni' when ``text`` (bytes read as Latin-1/cp1252/UTF-8) is legacy glyph text."""
    found = _evidence(text)
    return max(found, key=lambda k: found[k]) if found else None


def looks_legacy(text: str) -> bool:
    """True when the character statistics of ``text`` say TCVN3 or VNI."""
    return detect_legacy(text) is not None


def _latin1(data: bytes) -> str:
    return data.decode("latin-1").translate(_LATIN1_CP1252)


def decode_legacy(data: bytes) -> tuple[str, str]:
    """Decode legacy Vietnamese bytes → (NFC text, 'tcvn3' | 'vni' | 'cp1258').

    UTF-8 bytes are accepted when they hold legacy glyph text (a TCVN3/VNI document saved
    as UTF-8). Raises ValueError when no legacy encoding fits: plain ASCII, Unicode
    Vietnamese, other languages.
    """
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    if utf8 is not None:
        enc = detect_legacy(utf8)
        if enc is None:
            raise ValueError("UTF-8 text without legacy Vietnamese glyphs")
        return _convert(_glyphs(utf8), enc, document=True), enc
    glyphs = _latin1(data)
    candidates = {
        "tcvn3": _convert(glyphs, "tcvn3", document=True),
        "vni": _convert(glyphs, "vni"),
        "cp1258": unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")),
    }
    best, best_score = None, 0
    for enc, text in candidates.items():
        tokens = _tokens(text[:200_000])
        good = sum(1 for w in tokens if _is_syllable(w))
        score = 2 * good - len(tokens)  # good minus bad
        if good and score > best_score:
            best, best_score = enc, score
    if best is None:
        raise ValueError("no legacy Vietnamese encoding (TCVN3, VNI, cp1258) fits these bytes")
    return candidates[best], best
