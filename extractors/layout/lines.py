"""Visual lines from positioned glyphs, and the text of a run of lines.

Cell and paragraph text is rebuilt from the glyphs rather than taken from a
source's own text extraction, so that a text-layer space at a line end
survives: in a unit cell it separates two units, and a plain ``\\n`` between
two ideographs would be joined away by :func:`cjk.text.join_lines`.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from cjk import text as cjk
from extractors.layout.page import Glyph
from extractors.model import BBox

WORD_GAP_EM = 0.5
"""A gap between two glyphs wider than this many ems is a word space even
without a space glyph. Office suites add about 0.2 em between ideographs and
Latin text (autospace), which must not become a space."""

CELL_PADDING = 6.0
"""Largest inner margin of a table cell, in points (Word 5.4, LibreOffice 2.8)."""

_LEADING_RUN = regex.compile(r"[^\p{Han}]*\p{Han}?[）》」』”’〕】，。、；：]*")
"""What a line break cannot split at a line start (see :func:`leading_run_width`)."""

_BOLD_FONT = regex.compile(r"(?i)bold|black|heavy|semibold|demibold|demi")


@dataclass
class Line:
    """One visual line of glyphs, reduced to what layout decisions need."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    page: int
    leading_space: bool
    trailing_space: bool
    score: float | None = None
    """Lowest recognition score of its glyphs (OCR); None for a text layer."""

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


def is_bold(glyph: Glyph) -> bool:
    """Bold by font name (after a subset prefix such as ``ABCDEF+``): the only
    weight signal every source carries."""
    return _BOLD_FONT.search(glyph.fontname.split("+")[-1]) is not None


def group_lines(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Cluster glyphs into lines: a glyph whose vertical centre falls below the
    current line's box starts a new line. Sorting by top first keeps a taller
    glyph (or a punctuation mark on its own baseline) in the line it belongs to."""
    lines: list[list[Glyph]] = []
    bottom = float("-inf")
    for glyph in sorted(glyphs, key=lambda g: (g.top, g.x0)):
        centre = (glyph.top + glyph.bottom) / 2
        if not lines or centre > bottom:
            lines.append([glyph])
            bottom = glyph.bottom
        else:
            lines[-1].append(glyph)
            bottom = max(bottom, glyph.bottom)
    return [sorted(line, key=lambda g: g.x0) for line in lines]


def lowest_score(items: Iterable[Glyph | Line]) -> float | None:
    """The lowest OCR score among glyphs or lines; None when none has one."""
    scores = [it.score for it in items if it.score is not None]
    return min(scores) if scores else None


def make_line(glyphs: list[Glyph], page: int) -> Line | None:
    """Text of one line: text-layer spaces are kept, and a gap wider than
    :data:`WORD_GAP_EM` counts as one. None for a line of blanks only."""
    visible = [g for g in glyphs if g.text.strip()]
    if not visible:
        return None
    size = statistics.median(g.size for g in visible)
    out: list[str] = []
    prev: Glyph | None = None
    pending_space = False
    for glyph in glyphs:
        if not glyph.text.strip():
            pending_space = prev is not None
            continue
        if prev is not None and (pending_space or glyph.x0 - prev.x1 > WORD_GAP_EM * size):
            out.append(" ")
        out.append(glyph.text)
        prev, pending_space = glyph, False
    return Line(
        text="".join(out),
        x0=visible[0].x0,
        top=min(g.top for g in visible),
        x1=max(g.x1 for g in visible),
        bottom=max(g.bottom for g in visible),
        size=size,
        bold=all(is_bold(g) for g in visible),
        page=page,
        leading_space=not glyphs[0].text.strip(),
        trailing_space=pending_space,
        score=lowest_score(visible),
    )


def lines_of(glyphs: Iterable[Glyph], page: int) -> list[Line]:
    """The visual lines of *glyphs*, top to bottom."""
    return [line for group in group_lines(glyphs) if (line := make_line(group, page)) is not None]


def lines_text(lines: list[Line]) -> str:
    """Lines joined by ``\\n``, except where a space glyph sits at the break:
    there the layout wrapped at a word space, and the space is what a reader
    sees between the two words (``市综治办 ⏎市数字办``)."""
    out = ""
    for i, line in enumerate(lines):
        if i:
            out += " " if lines[i - 1].trailing_space or line.leading_space else "\n"
        out += line.text
    return cjk.repair(out)


def leading_run_width(line: Line) -> float:
    """Estimated width of what a line break could not split at the start of
    *line*: the Latin, digits and brackets up to the first ideograph, that
    ideograph, and the closing punctuation after it (``〔2019〕14号）``)."""
    match = _LEADING_RUN.match(line.text)
    run = (match.group(0) if match else "") or line.text[:1]
    return sum(0.5 if ch.isascii() else 1.0 for ch in run) * line.size


def cell_text(lines: list[Line], right: float) -> str:
    """A cell's text as the model wants it: wrapped lines joined, ``\\n`` only
    where the source broke the line itself (a line that ends before the cell
    edge could have taken the next line's first run: ``市交通运输局 ⏎
    各县（市、区）人民政府`` in a wide cell is two paragraphs, not a wrap)."""
    groups: list[list[Line]] = []
    for i, line in enumerate(lines):
        if i and wraps_before(lines[i - 1], line, right):
            groups[-1].append(line)
        else:
            groups.append([line])
    return "\n".join(cjk.join_lines(lines_text(group)) for group in groups)


def wraps_before(prev: Line, line: Line, right: float) -> bool:
    """*prev* ended where it did because *line*'s first run did not fit before
    *right* (less a cell's inner margin)."""
    return prev.x1 + leading_run_width(line) > right - CELL_PADDING
