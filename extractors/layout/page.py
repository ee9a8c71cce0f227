"""What a fixed-layout reader hands to the shared layout stage: one page of
positioned glyphs and ruling segments.

PDF (pdfminer or pdfium), OFD and OCR all produce :class:`PageLayout` values;
one layout stage (:mod:`extractors.layout`) rebuilds lines, paragraphs, tables
and page continuation from them, so those rules exist once. Coordinates are
PDF points (1/72 inch) with the origin at the page's top-left corner, y
growing downwards, as pdfplumber reports them; a reader in other units
(OFD millimetres, image pixels) converts before it builds a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BBox = tuple[float, float, float, float]
"""(x0, top, x1, bottom) in points, top-left origin."""

TextSource = Literal["text_layer", "ocr"]


@dataclass(frozen=True, slots=True)
class Glyph:
    """One drawn character.

    ``top``/``bottom`` are the glyph's em box as pdfminer computes it (from the
    baseline, the font's descent and the size), not the ink: cell assignment
    and line grouping compare these boxes, so every source must produce the
    same geometry for the same text.
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    fontname: str = ""
    size: float = 0.0
    upright: bool = True
    colour: tuple[float, ...] | None = None
    """Fill colour as the source gives it (grey, RGB or CMYK components, 0–1)."""
    score: float | None = None
    """Recognition confidence 0–1 for OCR glyphs; None for a text layer."""


@dataclass(frozen=True, slots=True)
class Segment:
    """A straight ruling segment: a table border, drawn as a stroked line, a
    rectangle's edge or a thin filled rectangle (collapsed to its centre line).

    Horizontal segments have ``top == bottom``, vertical ones ``x0 == x1``
    (pdfplumber also calls a slanted stroke ``v``; the table finder then reads
    only its ``x0``, as pdfplumber's own does).
    """

    x0: float
    top: float
    x1: float
    bottom: float
    orientation: Literal["h", "v"]
    width: float = 0.0
    """Stroke width (or the collapsed rectangle's thickness), in points."""


@dataclass(slots=True)
class PageLayout:
    """One page as a fixed-layout reader sees it."""

    number: int
    """1-based page number."""
    width: float
    height: float
    glyphs: list[Glyph]
    """In the source's drawing order (fake-bold doubles not yet removed)."""
    segments: list[Segment]
    images: list[BBox] = field(default_factory=list)
    """Boxes of raster images (scans, seals, logos); their pixels are not here."""
    text_source: TextSource = "text_layer"
