"""Recognised lines → :class:`Glyph` values with the geometry of a text layer.

The layout stage groups glyphs into lines by their em boxes, assigns them to
cells by their centres, and compares font sizes to end paragraphs, so OCR
glyphs must look like a text layer's: each character gets the x extent the
recogniser gives it widened to its advance, and an em box of the line's font
size centred on the detected line (the ink of CJK text is centred in its em box within a tenth
of an em).

The font size is not measured directly: a detected box is 1.0–1.4 ems tall
(short lines get taller boxes), and the character pitch of a line overstates
it where the text is spread. The smaller of the two is taken per line, and
sizes within :data:`SAME_SIZE_RATIO` of each other on a page are made one
size, since a notice sets its body in one size and the paragraph rules compare
sizes to a tenth.
"""

from __future__ import annotations

import statistics

import regex

from extractors.layout.page import Glyph
from extractors.ocr.engine import Char, TextLine
from extractors.ocr.text import repair_line

SAME_SIZE_RATIO = 1.15
"""Estimated sizes closer than this factor are the same font size."""

HALF_WIDTH_ADVANCE = 0.5
"""Advance of an ASCII character in ems, for the pitch estimate."""

SPACE_EM = 0.25
"""A gap wider than this many ems between two ideographs is a space: Chinese
is set solid, so their advance boxes touch (punctuation is left out: its ink
sits to one side of its em, so its box is a guess), while a space
(0.25–0.5 em) separates two unit names (``市教育局 市卫生健康委``) and the
layout stage's own word-gap rule (half an em) would miss it."""

_HAN = regex.compile(r"\p{Han}")

OCR_FONT = "OCR"
"""Font name of recognised glyphs: never bold (the recogniser cannot tell)."""


def _pitch(line: TextLine) -> float | None:
    """Ems per pixel along the line: its width over its characters' advances."""
    if len(line.chars) < 2:
        return None
    units = sum(HALF_WIDTH_ADVANCE if c.text.isascii() else 1.0 for c in line.chars)
    return (line.chars[-1].x1 - line.chars[0].x0) / units


def line_size(line: TextLine) -> float:
    """Estimated font size of a line, in pixels."""
    height = line.bottom - line.top
    pitch = _pitch(line)
    return min(height, pitch) if pitch else height


def unify_sizes(sizes: list[float]) -> list[float]:
    """Each size replaced by the median of its cluster: sizes sorted, a new
    cluster wherever the next is more than :data:`SAME_SIZE_RATIO` larger."""
    order = sorted(range(len(sizes)), key=sizes.__getitem__)
    clusters: list[list[int]] = []
    for i in order:
        if clusters and sizes[i] <= sizes[clusters[-1][-1]] * SAME_SIZE_RATIO:
            clusters[-1].append(i)
        else:
            clusters.append([i])
    out = list(sizes)
    for cluster in clusters:
        median = statistics.median(sizes[i] for i in cluster)
        for i in cluster:
            out[i] = median
    return out


def advance_box(ch: str, x0: float, x1: float, size: float) -> tuple[float, float]:
    """A character's box widened about its centre to its advance (an em, half
    an em for ASCII), as a text layer's box is: the recogniser boxes the ink,
    and the ink of ``、，（`` fills a fraction of the em, which would read as a
    word space before or after it and end lines short of the cell edge."""
    advance = size * (HALF_WIDTH_ADVANCE if ch.isascii() else 1.0)
    if x1 - x0 >= advance:
        return x0, x1
    centre = (x0 + x1) / 2
    return centre - advance / 2, centre + advance / 2


def single_chars(chars: tuple[Char, ...]) -> list[Char]:
    """Characters one by one: a box the recogniser gave a run of characters
    (a Latin word) is split evenly among them."""
    out: list[Char] = []
    for char in chars:
        step = (char.x1 - char.x0) / len(char.text)
        out += [Char(ch, char.score, char.x0 + i * step, char.x0 + (i + 1) * step) for i, ch in enumerate(char.text)]
    return out


def page_glyphs(lines: list[TextLine], points_per_pixel: float) -> list[Glyph]:
    """The glyphs of a page's recognised lines, in points, in reading order of
    the recogniser (the layout stage sorts them anyway)."""
    sizes = unify_sizes([line_size(line) for line in lines])
    glyphs: list[Glyph] = []
    for line, size_px in zip(lines, sizes):
        chars = single_chars(line.chars)
        text = repair_line("".join(c.text for c in chars))
        centre = (line.top + line.bottom) / 2 * points_per_pixel
        size = size_px * points_per_pixel
        top, bottom = centre - size / 2, centre + size / 2
        prev: Glyph | None = None
        for ch, char in zip(text, chars):
            x0, x1 = advance_box(ch, char.x0 * points_per_pixel, char.x1 * points_per_pixel, size)
            if prev is not None and _HAN.match(ch) and _HAN.match(prev.text) and x0 - prev.x1 > SPACE_EM * size:
                glyphs.append(Glyph(text=" ", x0=prev.x1, x1=x0, top=top, bottom=bottom, fontname=OCR_FONT, size=size))
            prev = Glyph(text=ch, x0=x0, x1=x1, top=top, bottom=bottom, fontname=OCR_FONT, size=size,
                         score=char.score)
            glyphs.append(prev)
    return glyphs
