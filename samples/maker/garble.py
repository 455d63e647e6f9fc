"""Degradation as text: the PDF's text as a legacy OCR without Vietnamese support reads it (diacritics stripped or garbled, digits kept)."""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

PHRASES = {
    "Chưa đạt": ["Chwa dat", "Chua dat", "Chwa dat", "Chua dat"],
    "chưa đạt": ["chwa dat", "chua dat", "chwa dat"],
    "Vượt chỉ tiêu": ["Vwot chi tiéu", "Vuot chi tieu", "Vwot chi tieu", "Vuot chi tiéu"],
    "Tỷ lệ": ["Ty 1€", "Ty 1¢", "Ty lé", "Ty le", "Ty I¢", "Ty 1é"],
    "tỷ lệ": ["ty 1€", "ty lé", "ty le", "ty 1¢"],
}
WORDS = {
    "Đạt": ["Pat", "Dat", "Pat", "Pay", "Dar"], "đạt": ["dat", "dat", "day", "dat"],
    "Chưa": ["Chwa", "Chua", "Chua"], "chưa": ["chwa", "chua", "chua"], "Vượt": ["Vwot", "Vuot", "Vugt"],
    "số": ["s6", "sb", "so", "sd", "s0", "s6"], "Số": ["S6", "Sb", "So"],
    "xã": ["x4", "xa", "xd", "xi", "x3", "xa"], "Xã": ["Xa", "X4"],
}
# junk readings of a Vietnamese letter (base letter, marks) by an engine that does not know them
JUNK = {"ơ": ["&", "o"], "ư": ["w", "tr", "ir", "u"], "ệ": ["€", "¢", "&", "8"], "ế": ["é", "€"], "ề": ["è", "€"],
        "ố": ["6", "0", "b", "d"], "ộ": ["6", "0", "9"], "ồ": ["6", "d"], "ạ": ["4", "a"], "ả": ["3", "a"],
        "ầ": ["A", "â"], "ậ": ["4", "d"], "ẩ": ["A"], "ị": ["j", "1"], "ỉ": ["i", "j"], "ụ": ["y", "u"],
        "ủ": ["ii", "u"], "đ": ["d", "d", "cl"], "Đ": ["P", "D", "B", "P"], "ữ": ["ir", "u"], "ờ": ["&", "o"],
        "ợ": ["g", "o"], "ừ": ["w", "u"], "ọ": ["9", "o"], "ắ": ["á", "a"], "ặ": ["a", "4"]}
LATIN1_OK = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))


def _strip(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0]
    return {"đ": "d", "Đ": "D"}.get(ch, base)


def _latin1_like(ch: str, rng: random.Random) -> str:
    dec = unicodedata.normalize("NFD", ch)
    base, marks = dec[0], dec[1:]
    for mk in marks:
        cand = unicodedata.normalize("NFC", base + mk)
        if len(cand) == 1 and ord(cand) in LATIN1_OK:
            return cand
    return base


def garble_word(word: str, rng: random.Random, digits_ok: bool) -> str:
    if word in WORDS:
        out = rng.choice(WORDS[word])
        return out if digits_ok or not any(ch.isdigit() for ch in out) else _plain(word)
    res = []
    for ch in word:
        if ord(ch) < 0x80:
            r = rng.random()
            if ch == "l" and r < 0.02:
                res.append("I" if not digits_ok or rng.random() < 0.5 else "1")
            elif ch == "i" and r < 0.02:
                res.append("j")
            else:
                res.append(ch)
            continue
        r = rng.random()
        if r < 0.72:
            res.append(_strip(ch))
        elif r < 0.9:
            res.append(_latin1_like(ch, rng))
        else:
            opts = JUNK.get(ch.lower()) or JUNK.get(ch) or [_strip(ch)]
            opts = [o for o in opts if digits_ok or not any(c.isdigit() for c in o)] or [_strip(ch)]
            o = rng.choice(opts)
            res.append(o.upper() if ch.isupper() and len(o) == 1 else o)
    return "".join(res)


def _plain(word: str) -> str:
    return "".join(_strip(ch) if ord(ch) >= 0x80 else ch for ch in word)


TOKEN = re.compile("|".join(re.escape(p) for p in PHRASES) + r"|[^\W\d_]+")


def garble_line(line: str, rng: random.Random) -> str:
    line = unicodedata.normalize("NFC", line)

    def sub(m: re.Match) -> str:
        s = m.group(0)
        if s in PHRASES:
            opts = PHRASES[s]
            return rng.choice(opts)
        before = line[m.start() - 1] if m.start() else " "
        after = line[m.end()] if m.end() < len(line) else " "
        return garble_word(s, rng, digits_ok=not (before.isdigit() or after.isdigit()))

    out = TOKEN.sub(sub, line)
    return "".join(ch if ord(ch) in LATIN1_OK or ch in "€¢" else _plain(ch) for ch in out)


PARA_START = re.compile(r"^(\d+(\.\d+)*\.?\s|[-*+]\s|[IVX]+\.?\s)")


def ocr_text(pdf: Path, rng: random.Random) -> str:
    import pdfplumber

    pages_out = []
    with pdfplumber.open(str(pdf)) as p:
        for i, page in enumerate(p.pages, start=1):
            lines = [ln.rstrip() for ln in (page.extract_text() or "").splitlines()]
            if i > 1 and lines and lines[0].strip() == str(i):
                lines = lines[1:]
            lines = [ln for ln in lines if ln.strip()]
            out = []
            for j, ln in enumerate(lines):
                g = garble_line(ln, rng)
                if j == 0:
                    g = " " + g
                else:
                    prev = lines[j - 1]
                    p_blank = 0.55 if (PARA_START.match(ln) or prev.endswith((".", ":", ";", ")"))) else 0.12
                    if rng.random() < p_blank:
                        out.append("")
                out.append(g)
            pages_out.append("\n".join(out))
    return "\n".join(pages_out) + "\n"
