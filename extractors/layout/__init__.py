"""The layout stage shared by every fixed-layout reader (PDF, OFD, OCR):
positioned glyphs and ruling segments (:mod:`extractors.layout.page`) in,
the document model's paragraphs and tables out.

Modules, from the bottom up: ``page`` (the input type), ``glyphs`` (fake-bold
doubles, off-page text, text-layer check), ``lines`` (visual lines and their
text), ``ruling`` (cells from ruling segments), ``tables`` (table parts and
their stitching across pages), ``paragraphs`` (paragraph ends and alignment),
``document`` (reading order; the entry point :func:`layout_document`).
"""

from extractors.layout.document import layout_document
from extractors.layout.page import Glyph, PageLayout, Segment

__all__ = ["Glyph", "PageLayout", "Segment", "layout_document"]
