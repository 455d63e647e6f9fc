"""The ingest stage's output: a document as pages of lines, each line knowing where it came from."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

BBox = tuple[float, float, float, float]
"""x0, y0 (top), x1, y1 (bottom); units named by the page's ``unit``."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Word(_Model):
    text: str
    bbox: BBox
    conf: float | None = None
    """0..100 OCR confidence; None for text-layer words."""


class Line(_Model):
    """One line of text as read (``text`` is never rewritten; matching uses a separate key)."""

    page: int
    """1-based page number."""
    number: int
    """1-based line number within the page."""
    text: str
    bbox: BBox | None = None
    conf: float | None = None
    """Mean word confidence (0..100) for OCR'd lines, else None."""
    words: list[Word] = Field(default_factory=list)
    cells: list[str] | None = None
    """For a line that is a table row: its cells, left to right."""


_new = object.__new__
_set_dict: Any = BaseModel.__dict__["__dict__"].__set__
_set_fields: Any = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra: Any = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private: Any = BaseModel.__dict__["__pydantic_private__"].__set__


def word(text: str, bbox: BBox, conf: float | None = None) -> Word:
    """``Word.model_construct(text=text, bbox=bbox, conf=conf)`` at a quarter of its cost.

    For values already of the fields' types (no validation). It sets exactly what
    ``model_construct`` sets (the fields in order, all of them marked set, no extra, no private);
    a text-layer page makes hundreds of words and ``model_construct`` was most of its layout time.
    """
    m = _new(Word)
    _set_dict(m, {"text": text, "bbox": bbox, "conf": conf})
    _set_fields(m, {"text", "bbox", "conf"})
    _set_extra(m, None)
    _set_private(m, None)
    return m


def line(page: int, number: int, text: str, bbox: BBox | None, conf: float | None, words: list[Word],
         cells: list[str] | None) -> Line:
    """``Line.model_construct(...)`` with every field given, as :func:`word` does it."""
    m = _new(Line)
    _set_dict(m, {"page": page, "number": number, "text": text, "bbox": bbox, "conf": conf, "words": words,
                  "cells": cells})
    _set_fields(m, {"page", "number", "text", "bbox", "conf", "words", "cells"})
    _set_extra(m, None)
    _set_private(m, None)
    return m


class PageError(_Model):
    page: int | None
    kind: str
    message: str


class PageGeometry(_Model):
    """How the image OCR read was made from the page image as loaded, so that it can be made again
    from the source (``tieuchi.crops``): the outline cut out, the quarter turns, the deskew.

    Replaying it (:func:`ingest.preprocess.replay`) on the same loaded image (an image file's frame
    after its EXIF rotation; a PDF page rasterized at ``dpi``) gives an image of the page's
    ``width`` × ``height`` in which every box of the page lies where OCR found it.
    """

    size: tuple[int, int]
    """Width and height (px) of the page image as loaded, before any correction."""
    dpi: int | None = None
    """The rasterizing resolution of a PDF page; None for image files (their own pixels)."""
    outline: list[tuple[float, float]] | None = None
    """The page's outline in the loaded image (top-left, top-right, bottom-right, bottom-left, px),
    when it was cut out: made a rectangle (``perspective``) or cropped (``edges_cropped``)."""
    skew: float = 0.0
    """Degrees (counter-clockwise) the text was found skewed and turned back by after the quarter
    turns; 0 when it was left as it was."""


class Page(_Model):
    number: int
    lines: list[Line] = Field(default_factory=list)
    width: float | None = None
    height: float | None = None
    unit: Literal["pt", "px", "char"] = "char"
    source: Literal["text-layer", "ocr", "text"] = "text"
    conf: float | None = None
    """Mean OCR word confidence (0..100) of the page, None when not OCR'd."""
    rotation: Literal[0, 90, 180, 270] = 0
    """Degrees the page image was turned clockwise before OCR to make its text upright (a landscape
    page scanned upright: 90 or 270; a page fed upside down: 180). Boxes refer to the turned image."""
    corrections: list[str] = Field(default_factory=list)
    """What was done to the page image before OCR, in order: ``exif_rotated``, ``colour_ink_removed``
    (red seals, blue signatures), ``perspective`` (a photo's page outline made a rectangle),
    ``edges_cropped`` (dark scanner or photocopy edges), ``lighting_flattened`` (shadow, grey cast), ``rotated_90|180|270``. Boxes,
    ``width`` and ``height`` refer to the corrected image. Empty for text pages and clean scans."""
    geometry: PageGeometry | None = None
    """For OCR'd pages: how to make the corrected image again from the source (crops use it)."""

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


class Document(_Model):
    path: str
    sha256: str
    kind: Literal["txt", "pdf", "image"]
    encoding: str | None = None
    pages: list[Page] = Field(default_factory=list)
    errors: list[PageError] = Field(default_factory=list)
    """Pages that could not be read; the document is partial when non-empty."""

    def lines(self) -> list[Line]:
        """All lines in reading order (pages kept apart by each line's ``page``)."""
        return [line for page in self.pages for line in page.lines]
