"""Paragraphs from the lines outside tables: where one ends, how it is aligned.

Fixed-layout sources do not mark paragraph ends; a line continues the
paragraph before it when it has the same style, is not indented, and the line
before it ended only because this line's first run did not fit. The text
area's margins, learnt from all pages of one width, decide what "full" and
"indented" mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cjk import text as cjk
from extractors.layout.lines import Line, leading_run_width, lines_text, lowest_score
from extractors.model import Paragraph

MIN_LINES_FOR_MARGIN = 5
"""Fewer lines starting at the left edge than this do not show the right edge."""

Align = Literal["left", "center", "right", "justify"]


@dataclass
class Margins:
    """The text area of pages of one width, learnt from their lines."""

    left: float
    right: float

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2

    @classmethod
    def of(cls, lines: list[Line], page_width: float) -> Margins:
        """The text area is as wide as its widest lines: justified body lines
        and right-aligned signatures reach its right edge. (A percentile of
        line ends would mistake a short notice's short lines for the edge.)
        With too few lines to tell, the margins are taken as symmetric."""
        left = min(line.x0 for line in lines)
        if len(lines) < MIN_LINES_FOR_MARGIN:
            return cls(left=left, right=page_width - left)
        return cls(left=left, right=max(line.x1 for line in lines))

    def centred(self, line: Line) -> bool:
        return abs((line.x0 + line.x1) / 2 - self.centre) <= line.size

    def indented(self, line: Line) -> bool:
        return line.x0 > self.left + 0.8 * line.size

    def full(self, line: Line) -> bool:
        """Reaches the right edge, give or take the glyphs that line-breaking
        rules push to the next line (``知》`` may not start a line's end)."""
        return line.x1 >= self.right - 2.5 * line.size


def _same_style(a: Line, b: Line) -> bool:
    return abs(a.size - b.size) <= 0.1 * a.size and a.bold == b.bold


def _wrapped(prev: Line, line: Line, margins: Margins) -> bool:
    """*prev* ended where it did because *line*'s first run did not fit."""
    return margins.full(prev) or prev.x1 + leading_run_width(line) > margins.right - 0.5 * line.size


def continues(prev: Line, line: Line, margins: Margins, first_on_page: bool) -> bool:
    """Whether *line* goes on the paragraph that *prev* ended."""
    if not _same_style(prev, line):
        return False
    if first_on_page:
        return prev.page == line.page - 1 and _wrapped(prev, line, margins) and not margins.indented(line)
    if line.top - prev.top > 2.0 * line.size:
        return False
    if margins.centred(prev) and margins.centred(line) and margins.indented(line) and not margins.full(line):
        # A centred title wrapped over lines. Its next line falls short of the
        # right edge: an indented line that reaches it is a paragraph's first
        # line under a full body line, which is "centred" too.
        return _wrapped(prev, line, margins)
    return not margins.indented(line) and _wrapped(prev, line, margins)


def _align(lines: list[Line], margins: Margins) -> Align:
    last = lines[-1]
    if margins.centred(last) and margins.indented(last):
        return "center"
    if len(lines) == 1 and last.x0 > margins.centre and last.x1 >= margins.right - last.size:
        return "right"
    return "justify" if len(lines) > 1 and all(margins.full(ln) for ln in lines[:-1]) else "left"


def paragraph(lines: list[Line], margins: Margins) -> Paragraph:
    """One paragraph; its box is that of its lines on the page it starts on."""
    first_page = [ln for ln in lines if ln.page == lines[0].page]
    return Paragraph(
        text=cjk.join_lines(lines_text(lines)),
        page=lines[0].page,
        bold=all(ln.bold for ln in lines),
        align=_align(lines, margins),
        bbox=(min(ln.x0 for ln in first_page), first_page[0].top,
              max(ln.x1 for ln in first_page), first_page[-1].bottom),
        score=lowest_score(lines),
    )
