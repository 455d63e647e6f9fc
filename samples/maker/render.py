"""What rendering needs: the document being written, the tracker of where each field lands, reportlab's parts."""

from __future__ import annotations

import random
from dataclasses import dataclass

from extractors.catalog import Framework
from samples.maker.data import FONT_DIR
from samples.maker.numbers import Item


class Tracker:
    """Pages on which tagged paragraphs are drawn (split pieces included)."""

    def __init__(self) -> None:
        self.pages: dict[str, list[int]] = {}

    def first(self, tag: str) -> int | None:
        return min(self.pages[tag]) if tag in self.pages else None

    def last(self, tag: str) -> int | None:
        return max(self.pages[tag]) if tag in self.pages else None


def _pdf_tools():
    """reportlab pieces, imported lazily (fonts registered once)."""
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    rl_config.invariant = 1
    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        for name, file in (("DejaVuSerif", "DejaVuSerif.ttf"), ("DejaVuSerif-Bold", "DejaVuSerif-Bold.ttf"),
                           ("DejaVuSerif-Italic", "DejaVuSerif-Italic.ttf"),
                           ("DejaVuSerif-BoldItalic", "DejaVuSerif-BoldItalic.ttf")):
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
        pdfmetrics.registerFontFamily("DejaVuSerif", normal="DejaVuSerif", bold="DejaVuSerif-Bold",
                                      italic="DejaVuSerif-Italic", boldItalic="DejaVuSerif-BoldItalic")

    class TP(Paragraph):
        tracker: Tracker | None = None

        def __init__(self, text, style=None, *a, tag: str | None = None, **kw):
            super().__init__(text, style, *a, **kw)
            self.tag = tag

        def split(self, availWidth, availHeight):
            parts = super().split(availWidth, availHeight)
            for p in parts:
                p.tag = self.tag
            return parts

        def draw(self):
            super().draw()
            if self.tag and TP.tracker is not None:
                TP.tracker.pages.setdefault(self.tag, []).append(self.canv.getPageNumber())

    return dict(colors=colors, TA_CENTER=TA_CENTER, TA_JUSTIFY=TA_JUSTIFY, TA_LEFT=TA_LEFT, A4=A4,
                ParagraphStyle=ParagraphStyle, cm=cm, KeepTogether=KeepTogether, TP=TP,
                SimpleDocTemplate=SimpleDocTemplate, Spacer=Spacer, Table=Table, TableStyle=TableStyle)


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class Doc:
    id: str
    layout: str
    fw: Framework
    district: tuple
    number: str
    number_written: str
    date: tuple[int, int, int]
    signer: str
    items: list[Item]
    present: list[Item]
    groups: list[dict]
    summary: dict
    planted: list[dict]
    rng: random.Random

    @property
    def unit(self) -> str:
        return f"{self.district[2]} {self.district[1]}"

    @property
    def issuer(self) -> str:
        return f"UBND {self.unit}"
