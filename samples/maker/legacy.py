"""Degradation as fonts: the same PDF with its text layer in a TCVN3 or VNI legacy font encoding."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from samples.maker.data import ROOT
from samples.maker.render import _pdf_tools


def legacy_encoder(encoding: str):
    """Unicode → the legacy font codes, from tieuchi's own decoding tables read backwards.

    TCVN3 (ABC): one code per letter, drawn as the Latin-1 character it is; toned capitals have no
    VN3 code, .VnTimeH documents type them with the lower-case code. VNI: a base letter and a
    mark character ("aù" for "á"), as VNI-Times text extracts.
    """
    tables = json.loads((ROOT / "ingest" / "data" / "legacy_encodings.json").read_text(encoding="utf-8"))
    if encoding == "tcvn3":
        inv = {ch: chr(int(code, 16)) for code, ch in tables["tcvn3"]["map"].items()}
    else:
        inv = {ch: seq for seq, ch in tables["vni"]["map"].items() if seq != ch}

    def encode(text: str) -> str:
        text = unicodedata.normalize("NFC", text)
        return "".join(inv.get(ch, inv.get(ch.lower(), ch)) for ch in text)

    return encode


LEGACY_PDF_KINDS = {"tcvn3.pdf": "tcvn3", "vni.pdf": "vni"}


def legacy_font_pdf(src: Path, dst: Path, encoding: str = "tcvn3") -> None:
    """The text PDF redrawn as an old .VnTime (TCVN3) or VNI-Times document's text layer reads:
    every word at its place, in the legacy codes ("B¸o c¸o kÕt qu¶", "Baùo caùo keát quaû"), the
    rules redrawn.

    Real legacy fonts map those codes to Vietnamese glyphs; PDF text extraction sees only the
    codes, which is all the ingest stage ever gets from such a file.
    """
    import pdfplumber
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    _pdf_tools()  # registers the fonts
    encode = legacy_encoder(encoding)
    c = canvas.Canvas(str(dst), invariant=1)
    with pdfplumber.open(str(src)) as pdf:
        for page in pdf.pages:
            w, h = float(page.width), float(page.height)
            c.setPageSize((w, h))
            for e in page.edges:
                c.setLineWidth(float(e.get("linewidth") or 0.5))
                c.line(float(e["x0"]), h - float(e["top"]), float(e["x1"]), h - float(e["bottom"]))
            for word in page.extract_words(x_tolerance=1.5, y_tolerance=3, return_chars=True):
                first = word["chars"][0]
                font = "DejaVuSerif-Bold" if "Bold" in first["fontname"] else "DejaVuSerif"
                size = float(first["size"])
                text = encode(word["text"])
                natural = stringWidth(text, font, size) or 1.0
                t = c.beginText(float(word["x0"]), float(first["matrix"][5]))
                t.setFont(font, size)
                t.setHorizScale(100.0 * (float(word["x1"]) - float(word["x0"])) / natural)
                t.textOut(text)
                c.drawText(t)
            c.showPage()
    c.save()
