"""Ruling lines of a scanned page: found in the image, erased before
recognition, and handed to the layout stage as :class:`Segment` values.

Morphological opening with a long thin kernel keeps only ink that runs
straight for the kernel's length: horizontal and vertical table rules. The
kernel (:data:`KERNEL_INCHES`) must be shorter than the shortest cell edge,
or a one-line row loses its sides (a kernel of a fortieth of the page height
lost a header's short separators), and longer than the strokes of body text.

Long thin rules are painted over with the paper's colour before recognition:
beside a cell border the detector dropped a heading's ``一、`` (a stroke much
like the border). Runs within one recognised character (strokes of large
characters in a 版头 or a title) are not rules and never draw cells. Each remaining run
becomes one segment along its centre line; the layout stage's table finder
snaps and joins them as it does a PDF's rules.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extractors.layout.page import Segment
from extractors.ocr.engine import TextLine
from extractors.ocr.scan import Image

TEXT_SLACK = 3
"""Pixels a stroke may stick out of its recognised box, at any size."""
RULE_READINGS = frozenset("|｜丨")
"""What the recogniser reads a piece of vertical rule as: no evidence of a stroke."""
RULE_OVERLAP = 0.5
"""Part of a line's height a vertical rule must span to cut the line."""
CHAR_SLACK = 0.15
"""Part of a line's height a stroke may stick out of its character's
recognised box or its line's (boxes are placed by the recogniser, not
measured, and a bold heading's strokes reach past its detected line)."""
THRESHOLD_INCHES = 0.2
"""Neighbourhood of the local threshold: a thin rule that blur and JPEG left
light grey is still darker than the paper around it (a global threshold lost
a fifth of the short rules of a header row)."""
THRESHOLD_OFFSET = 15
"""Grey levels below the neighbourhood's mean that count as ink."""
KERNEL_INCHES = 0.15
"""Shortest run of ink that counts as a rule (10.8 pt; a one-line row of
12 pt text is about 16 pt tall, and 0.2 inch lost some of its sides at 200 dpi)."""
ERASE_MIN_INCHES = 0.5
"""Runs at least this long …"""
ERASE_MAX_THICKNESS_INCHES = 0.04
"""… and at most this thick are erased before recognition: table rules, not
the strokes of a 36 pt character."""


@dataclass(frozen=True)
class Run:
    """A straight run of ink, in pixels."""

    x: int
    y: int
    w: int
    h: int
    orientation: str

    @property
    def length(self) -> int:
        return self.w if self.orientation == "h" else self.h

    @property
    def thickness(self) -> int:
        return self.h if self.orientation == "h" else self.w


def line_ink(gray: Image, pixels_per_inch: float) -> Image:
    """Ink as 255 on 0, by a local threshold."""
    block = round(THRESHOLD_INCHES * pixels_per_inch) | 1
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block,
                                 THRESHOLD_OFFSET)


def runs(gray: Image, pixels_per_inch: float) -> list[Run]:
    """Horizontal and vertical runs of ink at least :data:`KERNEL_INCHES` long."""
    ink = line_ink(gray, pixels_per_inch)
    k = max(3, round(KERNEL_INCHES * pixels_per_inch))
    found = []
    for orientation, kernel in (("h", (k, 1)), ("v", (1, k))):
        opened = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        n, _, stats, _ = cv2.connectedComponentsWithStats(opened)
        found += [Run(int(x), int(y), int(w), int(h), orientation) for x, y, w, h, _ in stats[1:n]]
    return found


def split_at_rules(lines: list[TextLine], rules: list[Run]) -> list[TextLine]:
    """Lines cut where a vertical rule crosses them: with the rules erased, the detector may run one line across two
    cells, and each cell's text is a line of its own (its own pitch, its own
    end at the cell's edge)."""
    out = []
    for line in lines:
        height = line.bottom - line.top
        cuts = sorted(x for run in rules
                      if min(run.y + run.h, line.bottom) - max(run.y, line.top) >= RULE_OVERLAP * height
                      and line.x0 < (x := run.x + run.w / 2) < line.x1)
        start = line.x0
        for cut in [*cuts, line.x1 + 1]:
            part = tuple(c for c in line.chars if start <= (c.x0 + c.x1) / 2 < cut)
            if part:  # a part ends where its characters do; only the line's own ends are detected edges
                out.append(TextLine(x0=line.x0 if part[0] is line.chars[0] else part[0].x0, top=line.top,
                                    x1=line.x1 if part[-1] is line.chars[-1] else part[-1].x1, bottom=line.bottom,
                                    text="".join(c.text for c in part), score=line.score, chars=part))
            start = cut
    return out


def erase_rules(rgb: Image, found: list[Run], pixels_per_inch: float) -> Image:
    """*rgb* with its long thin runs painted in the paper's colour."""
    out = rgb.copy()
    paper = np.median(rgb[::8, ::8].reshape(-1, 3), axis=0).astype(np.uint8)
    for run in found:
        if run.length >= ERASE_MIN_INCHES * pixels_per_inch and \
                run.thickness <= ERASE_MAX_THICKNESS_INCHES * pixels_per_inch:
            out[max(run.y - 1, 0):run.y + run.h + 1, max(run.x - 1, 0):run.x + run.w + 1] = paper
    return out


def is_stroke(run: Run, lines: list[TextLine]) -> bool:
    """A stroke of a character, not a rule: within a recognised line's band,
    and within one character's box (vertical) or within the line's extent
    (horizontal: the strokes of neighbours such as 开平 join into one run,
    while a rule spans its cell, wider than the cell's text)."""
    for line in lines:
        height = line.bottom - line.top
        s = TEXT_SLACK + CHAR_SLACK * height
        if not (line.top - s <= run.y and run.y + run.h <= line.bottom + s):
            continue
        if run.orientation == "h":
            if line.x0 - TEXT_SLACK <= run.x and run.x + run.w <= line.x1 + TEXT_SLACK:
                return True
        elif any(c.x0 - s <= run.x and run.x + run.w <= c.x1 + s for c in line.chars if c.text not in RULE_READINGS):
            return True
    return False


def rules(found: list[Run], lines: list[TextLine]) -> tuple[list[Run], list[TextLine]]:
    """The runs that are rules, and the lines cut at the vertical ones.
    Vertical rules are told first, so that horizontal runs are compared with
    the text of one cell, not with a line the detector ran across cells."""
    vertical = [run for run in found if run.orientation == "v" and not is_stroke(run, lines)]
    cut = split_at_rules(lines, vertical)
    horizontal = [run for run in found if run.orientation == "h" and not is_stroke(run, cut)]
    return vertical + horizontal, cut


def segments(found: list[Run], pixels_per_inch: float) -> list[Segment]:
    """Runs as segments in points."""
    pt = 72 / pixels_per_inch
    out = []
    for run in found:
        if run.orientation == "h":
            mid = (run.y + run.h / 2) * pt
            out.append(Segment(x0=run.x * pt, top=mid, x1=(run.x + run.w) * pt, bottom=mid, orientation="h",
                               width=run.h * pt))
        else:
            mid = (run.x + run.w / 2) * pt
            out.append(Segment(x0=mid, top=run.y * pt, x1=mid, bottom=(run.y + run.h) * pt, orientation="v",
                               width=run.w * pt))
    return out
