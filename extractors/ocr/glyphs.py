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
from typing import Any

import regex

from extractors.layout.page import Glyph, Segment
from extractors.ocr.engine import Char, TextLine
from extractors.ocr.text import repair_line

SAME_SIZE_RATIO = 1.15
"""Estimated sizes closer than this factor are the same font size."""

HALF_WIDTH_ADVANCE = 0.5
"""Advance of an ASCII character in ems, for the pitch estimate."""

SPACE_EM = 0.2
"""A blank between two ideographs wider than the line's usual one by this
many ems is a space (0.25–0.5 em): it separates two unit names
(``市教育局 市卫生健康委``), and the layout stage's own word-gap rule (half an
em) would miss it. Measured on the ink, not on the recogniser's character
positions, whose spacing varies by ±0.2 em on the fixtures."""

_HAN = regex.compile(r"\p{Han}")
CLOSING = frozenset("）》」』】〕")
OPENING = frozenset("（《「『【〔")
PUNCT_BLANK_EM = 0.5
"""Blank (ems) a bracket leaves on its open side: measured 0.61–0.75 em
between ``）`` and the next ideograph's ink, 0.87–0.93 em with a space."""

OCR_FONT = "OCR"


"""Font name of recognised glyphs: never bold (the recogniser cannot tell)."""


def _pitch(line: TextLine) -> float | None:
    """Pixels per em along the line, from the centres of its first and last
    characters (ink widths differ: 、 is narrow, 国 fills its em) and the
    advances between them."""
    if len(line.chars) < 2:
        return None
    units = [HALF_WIDTH_ADVANCE if c.text.isascii() else 1.0 for c in line.chars]
    between = sum(units) - (units[0] + units[-1]) / 2
    first, last = line.chars[0], line.chars[-1]
    return ((last.x0 + last.x1) - (first.x0 + first.x1)) / 2 / between


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


def _blank_run(columns: Any, start: int, stop: int) -> int:
    """Longest run of inkless columns in ``columns[start:stop]``."""
    longest = run = 0
    for has_ink in columns[max(start, 0):max(stop, 0)]:
        run = 0 if has_ink else run + 1
        longest = max(longest, run)
    return longest


def spaced_after(line: TextLine, chars: list[Char], size: float, ink: Any) -> set[int]:
    """Indexes of the characters followed by a space: the blank between their
    ink and the next character's (less what a bracket leaves blank anyway) is
    wider than the line's usual blank between ideographs by more than
    :data:`SPACE_EM` (a justified line spreads every gap alike)."""
    if ink is None or len(chars) < 2:
        return set()
    band = ink[max(int(line.top), 0):int(line.bottom) + 1]
    columns = band.any(axis=0)
    allowance = {i: _punct_blank(chars[i].text, chars[i + 1].text) for i in range(len(chars) - 1)}
    blanks = {i: _blank_run(columns, round((chars[i].x0 + chars[i].x1) / 2),
                            round((chars[i + 1].x0 + chars[i + 1].x1) / 2)) - a * size
              for i, a in allowance.items() if a is not None}
    solid = [blank for i, blank in blanks.items() if allowance[i] == 0]
    if not solid:
        return set()
    usual = statistics.median(solid)
    return {i for i, blank in blanks.items() if blank - usual > SPACE_EM * size}


def _punct_blank(left: str, right: str) -> float | None:
    """Ems of blank a pair of characters has without a space: none between
    ideographs, half an em beside a closing mark on the left (``）市``) or an
    opening one on the right (``市（``), whose ink fills half its em; None
    for other pairs (Latin, digits: spacing there is not about units)."""
    if not (_HAN.match(left) or left in CLOSING) or not (_HAN.match(right) or right in OPENING):
        return None
    return PUNCT_BLANK_EM * ((left in CLOSING) + (right in OPENING))


def page_glyphs(lines: list[TextLine], points_per_pixel: float, ink: Any = None) -> list[Glyph]:
    """The glyphs of a page's recognised lines, in points, in reading order of
    the recogniser (the layout stage sorts them anyway). *ink* (the page's
    ink mask, 255 on 0, in the lines' pixels) shows the spaces."""
    sizes = unify_sizes([line_size(line) for line in lines])
    glyphs: list[Glyph] = []
    for line, size_px in zip(lines, sizes, strict=True):
        chars = single_chars(line.chars)
        text = repair_line("".join(c.text for c in chars))
        centre = (line.top + line.bottom) / 2 * points_per_pixel
        size = size_px * points_per_pixel
        top, bottom = centre - size / 2, centre + size / 2
        spaces = spaced_after(line, chars, size_px, ink)
        for i, (ch, char) in enumerate(zip(text, chars, strict=True)):
            x0, x1 = advance_box(ch, char.x0 * points_per_pixel, char.x1 * points_per_pixel, size)
            if i == len(chars) - 1:  # the line's end: its detected edge, as reliable as a character's place
                x1 = max(x1, line.x1 * points_per_pixel)
            glyphs.append(Glyph(text=ch, x0=x0, x1=x1, top=top, bottom=bottom, fontname=OCR_FONT, size=size,
                                score=char.score))
            if i in spaces:
                glyphs.append(Glyph(text=" ", x0=x1, x1=x1 + SPACE_EM * size, top=top, bottom=bottom,
                                    fontname=OCR_FONT, size=size))
    return glyphs


ON_RULE_POINTS = 1.5
"""A glyph centred this close to a rule that runs past it …"""
RULE_PAST_EMS = 0.25
"""… by this many ems at both ends is what is left of the rule."""


def off_rules(glyphs: list[Glyph], rules: list[Segment]) -> list[Glyph]:
    """*glyphs* without those centred on a rule that runs past them: the
    recogniser reads a rule's remnant as ``|`` or ``丨`` (text in a table keeps
    a cell's padding away from its borders, so nothing printed sits on one;
    a character's own stroke ends within its em)."""

    def on_rule(g: Glyph) -> bool:
        x, y = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
        past = RULE_PAST_EMS * g.size
        return any(abs(x - r.x0) <= ON_RULE_POINTS and r.top < g.top - past and r.bottom > g.bottom + past
                   if r.orientation == "v" else
                   abs(y - r.top) <= ON_RULE_POINTS and r.x0 < g.x0 - past and r.x1 > g.x1 + past for r in rules)

    return [g for g in glyphs if not on_rule(g)]
