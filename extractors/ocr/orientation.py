"""Which way up a scanned page lies, judged from what the recogniser read.

A sheet is often fed sideways or upside down: a landscape 任务分解表 on a
portrait scanner lies a quarter turn round. The recogniser reads lines across
the image, so such a page reads as few, scattered, low-scored characters (or,
a quarter turn one way, as upright text in boxes taller than wide, which the
engine turns before reading, with meaningless character positions).

A page is read as it comes first. A reading that looks upright (most of the
length of its lines is on lines wider than tall, read with confidence) is
kept, so an upright page costs nothing more and is never turned. Otherwise
the reading says which turns to try, most likely first: mostly tall lines mean
a sideways page (a quarter turn one way when they read well, since the engine
turned them the right way, else the other), wide lines a page upside down.
Each turn is a whole new reading of the turned image (deskew, rules and glyphs
need the upright page); the first turn whose reading looks upright and has
more confident characters on wide lines than the page as it came is kept.
docs/ocr.md gives the measurements that chose this over a projection-profile
test and over RapidOCR's text-line direction classifier.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractors.ocr.engine import TextLine

CONFIDENT = 0.9
"""A character recognised with at least this score is read with confidence."""
ELONGATED = 1.5
"""A line's box this many times longer one way than the other shows which
way its text runs (the engine turns a crop this much taller than wide before
reading it). A squarer box, one character, shows nothing."""
UPRIGHT_SHARE = 0.5
"""A reading looks upright when at least this share of the length of its
elongated lines is wide lines' characters read with confidence: 0.92–1.0 on
the 86 upright readings the tests record, at most 0.25 on the 12 turned
pages' first readings (docs/ocr.md)."""


def _length(line: TextLine) -> float:
    """How many characters the line's box holds along its long side (its
    length in ems); 0 for a box too square to show a direction."""
    width, height = line.x1 - line.x0, line.bottom - line.top
    long, short = max(width, height), min(width, height)
    return long / short if short > 0 and long >= ELONGATED * short else 0.0


def _wide(line: TextLine) -> bool:
    return line.x1 - line.x0 >= line.bottom - line.top


def _confident_share(line: TextLine) -> float:
    return sum(c.score >= CONFIDENT for c in line.chars) / len(line.chars) if line.chars else 0.0


def upright_characters(lines: Sequence[TextLine]) -> int:
    """How much of a reading is upright text: its confident characters on
    wide elongated lines."""
    return sum(c.score >= CONFIDENT for line in lines if _length(line) and _wide(line) for c in line.chars)


def _upright_share(lines: Sequence[TextLine]) -> float | None:
    """Share of the elongated lines' length that is wide and read with
    confidence; None when no line shows a direction."""
    total = sum(_length(line) for line in lines)
    if not total:
        return None
    return sum(_length(line) * _confident_share(line) for line in lines if _wide(line)) / total


def looks_upright(lines: Sequence[TextLine]) -> bool:
    share = _upright_share(lines)
    return share is not None and share >= UPRIGHT_SHARE


def turns_to_try(lines: Sequence[TextLine]) -> list[int]:
    """Quarter turns counter-clockwise (``numpy.rot90``'s *k*) that may make
    the page of this reading upright, most likely first; none when the
    reading looks upright or no line shows a direction (a blank page)."""
    share = _upright_share(lines)
    if share is None or share >= UPRIGHT_SHARE:
        return []
    tall = [line for line in lines if _length(line) and not _wide(line)]
    if sum(map(_length, tall)) * 2 <= sum(map(_length, lines)):
        return [2, 1, 3]
    # The engine turns a tall line a quarter turn counter-clockwise before reading it:
    # tall lines that read well lie a quarter turn clockwise.
    confident = sum(c.score >= CONFIDENT for line in tall for c in line.chars)
    read_well = confident * 2 > sum(len(line.chars) for line in tall)
    return [1, 3, 2] if read_well else [3, 1, 2]
