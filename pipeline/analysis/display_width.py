"""Width of text as a terminal or a spreadsheet shows it.

A CJK character takes two columns in a terminal (and roughly two character
widths in an Excel column), so ``len()`` would make Chinese columns half as
wide as they look. Both ``inspect`` and the workbook writer size columns with
these functions.
"""

from __future__ import annotations

import unicodedata


def char_width(char: str) -> int:
    """Columns one character takes: 2 for wide and full-width, 0 for combining marks, else 1."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Columns a single line of *text* takes."""
    return sum(char_width(c) for c in text)


NO_LINE_START = set("，。、；：？！）》」』”’】〕…,.;:?!)]}")
"""Punctuation that Chinese typesetting never puts at the start of a line."""


def wrap(text: str, width: int) -> list[str]:
    """Break *text* into lines of at most *width* columns.

    Chinese has no spaces to break at, so lines break between any two
    characters, except before closing punctuation: then the character before
    it (and any closing punctuation before that) moves down too, as in print. Existing line ends are kept. An empty text
    is one empty line, so a table cell always has at least one line.
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for char in paragraph:
            if text_width(line) + char_width(char) > width and line:
                cut = len(line)
                if char in NO_LINE_START and len(line) > 1:
                    # move the character before it down too, and before that
                    # one if it is closing punctuation itself (``办）；``)
                    cut -= 1
                    while cut > 1 and line[cut] in NO_LINE_START:
                        cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
            line += char
        lines.append(line)
    return lines


def pad(text: str, width: int) -> str:
    """*text* followed by spaces up to *width* columns."""
    return text + " " * max(0, width - text_width(text))
