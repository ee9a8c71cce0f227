"""A page image → a :class:`PageLayout`, the function every reader calls for
a page that has no usable text layer (a scanned PDF page, an OFD page that
wraps a scan).

Steps: seal ink out, the page turned upright when it was scanned sideways or
upside down (:mod:`extractors.ocr.orientation`), deskew, rules found and
erased, recognise. The result goes to the same layout stage as a text layer's
glyphs, so tables, page continuation, headings and metadata are read by the
same code.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from extractors.layout.page import PageLayout
from extractors.ocr import engine, glyphs, orientation, rulings, scan


@dataclass(frozen=True)
class _Reading:
    """The page image turned *quarter* quarter turns counter-clockwise, deskewed
    and with its rules erased, and what the engine read in it."""

    quarter: int
    clean: scan.Image
    runs: list[rulings.Run]
    lines: list[engine.TextLine]


def _read(unsealed: scan.Image, quarter: int, pixels_per_inch: float) -> _Reading:
    turned = np.ascontiguousarray(np.rot90(unsealed, quarter)) if quarter else unsealed
    upright, _ = scan.deskew(turned)
    runs = rulings.runs(scan.grey(upright), pixels_per_inch)
    clean = rulings.erase_rules(upright, runs, pixels_per_inch)
    return _Reading(quarter, clean, runs, engine.recognise(clean))


def _upright_reading(unsealed: scan.Image, pixels_per_inch: float) -> _Reading:
    """The reading of the page as it comes, unless it does not look upright
    and a turn of the page reads upright and better
    (:mod:`extractors.ocr.orientation`)."""
    first = _read(unsealed, 0, pixels_per_inch)
    for quarter in orientation.turns_to_try(first.lines):
        reading = _read(unsealed, quarter, pixels_per_inch)
        if orientation.looks_upright(reading.lines) and \
                orientation.upright_characters(reading.lines) > orientation.upright_characters(first.lines):
            return reading
    return first


def page_from_image(image: scan.Image, number: int, width: float, height: float) -> tuple[PageLayout, int]:
    """Read one page image (numpy ``H × W × 3`` uint8 RGB covering the whole
    page) of a page *width* × *height* points: its layout, upright (a quarter
    turn swaps its width and height), and the degrees clockwise the image was
    turned to read it (0, 90, 180 or 270). Raises ``needs_ocr`` when the
    engine is not installed."""
    pixels_per_inch = image.shape[1] / (width / 72)
    reading = _upright_reading(scan.remove_seals(image, pixels_per_inch), pixels_per_inch)
    rules, lines = rulings.rules(reading.runs, reading.lines)
    segments = rulings.segments(rules, pixels_per_inch)
    ink = rulings.line_ink(scan.grey(reading.clean), pixels_per_inch)
    if reading.quarter % 2:
        width, height = height, width
    layout = PageLayout(
        number=number, width=width, height=height,
        glyphs=glyphs.off_rules(glyphs.page_glyphs(lines, 72 / pixels_per_inch, ink), segments),
        segments=segments,
        images=[(0.0, 0.0, width, height)],
        text_source="ocr",
    )
    return layout, (4 - reading.quarter) % 4 * 90
