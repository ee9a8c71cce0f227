"""Ruling lines of a scanned page as :class:`Segment` values.

Morphological opening with a long thin kernel keeps only ink that runs
straight for the kernel's length: horizontal and vertical table rules. The
kernel (:data:`KERNEL_INCHES`) must be shorter than the shortest cell edge,
or a one-line row loses its sides (a kernel of a fortieth of the page height
lost a header's short separators), and longer than the strokes of body text.
Text is masked out first (the recognised lines' boxes, inset so that a rule
running along a line of text is kept), so that strokes of large characters
(a 版头, a title) never draw cells. Each remaining run becomes one segment
along its centre line; the layout stage's table finder snaps and joins them
as it does a PDF's rules.
"""

from __future__ import annotations

import cv2

from extractors.layout.page import Segment
from extractors.ocr.engine import TextLine
from extractors.ocr.scan import Image

THRESHOLD_INCHES = 0.2
"""Neighbourhood of the local threshold: a thin rule that blur and JPEG left
light grey is still darker than the paper around it (a global threshold lost
a fifth of the short rules of a header row)."""
THRESHOLD_OFFSET = 15
"""Grey levels below the neighbourhood's mean that count as ink."""
KERNEL_INCHES = 0.2
"""Shortest run of ink that counts as a rule (14.4 pt)."""
TEXT_INSET = 0.2
"""Part of a text box's height left unmasked along each of its edges."""


def mask_text(ink: Image, lines: list[TextLine]) -> Image:
    out = ink.copy()
    for line in lines:
        inset = TEXT_INSET * (line.bottom - line.top)
        x0, x1 = int(line.x0 + inset), int(line.x1 - inset)
        top, bottom = int(line.top + inset), int(line.bottom - inset)
        if x1 > x0 and bottom > top:
            out[max(top, 0):bottom, max(x0, 0):x1] = 0
    return out


def _runs(ink: Image, kernel: tuple[int, int]) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, w, h) of the ink that survives opening with *kernel* (w, h)."""
    opened = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
    n, _, stats, _ = cv2.connectedComponentsWithStats(opened)
    return [(int(x), int(y), int(w), int(h)) for x, y, w, h, _ in stats[1:n]]


def line_ink(gray: Image, pixels_per_inch: float) -> Image:
    """Ink as 255 on 0, by a local threshold."""
    block = round(THRESHOLD_INCHES * pixels_per_inch) | 1
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block,
                                 THRESHOLD_OFFSET)


def ruling_segments(gray: Image, lines: list[TextLine], pixels_per_inch: float) -> list[Segment]:
    """The horizontal and vertical rules of a page (grey, upright), in points."""
    ink = mask_text(line_ink(gray, pixels_per_inch), lines)
    k = max(3, round(KERNEL_INCHES * pixels_per_inch))
    pt = 72 / pixels_per_inch
    segments = []
    for x, y, w, h in _runs(ink, (k, 1)):
        mid = (y + h / 2) * pt
        segments.append(Segment(x0=x * pt, top=mid, x1=(x + w) * pt, bottom=mid, orientation="h", width=h * pt))
    for x, y, w, h in _runs(ink, (1, k)):
        mid = (x + w / 2) * pt
        segments.append(Segment(x0=mid, top=y * pt, x1=mid, bottom=(y + h) * pt, orientation="v", width=w * pt))
    return segments


