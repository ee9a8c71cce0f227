"""A page image → a :class:`PageLayout`, the function every reader calls for
a page that has no usable text layer (a scanned PDF page, an OFD page that
wraps a scan).

Steps: seal ink out, deskew, rules found and erased, recognise. The result goes
to the same layout stage as a text layer's glyphs, so tables, page
continuation, headings and metadata are read by the same code.
"""

from __future__ import annotations

from extractors.layout.page import PageLayout
from extractors.ocr import engine, glyphs, rulings, scan


def page_from_image(image: scan.Image, number: int, width: float, height: float) -> PageLayout:
    """Read one page image (numpy ``H × W × 3`` uint8 RGB covering the whole
    page) of a page *width* × *height* points. Raises ``needs_ocr`` when the
    engine is not installed."""
    pixels_per_inch = image.shape[1] / (width / 72)
    upright, _ = scan.deskew(scan.remove_seals(image, pixels_per_inch))
    runs = rulings.runs(scan.grey(upright), pixels_per_inch)
    clean = rulings.erase_rules(upright, runs, pixels_per_inch)
    recognised = engine.recognise(clean)
    rules, lines = rulings.rules(runs, recognised)
    segments = rulings.segments(rules, pixels_per_inch)
    ink = rulings.line_ink(scan.grey(clean), pixels_per_inch)
    return PageLayout(
        number=number, width=width, height=height,
        glyphs=glyphs.off_rules(glyphs.page_glyphs(lines, 72 / pixels_per_inch, ink), segments),
        segments=segments,
        images=[(0.0, 0.0, width, height)],
        text_source="ocr",
    )
