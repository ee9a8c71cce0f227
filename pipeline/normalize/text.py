"""Canonical text for stored values.

Two documents that say the same thing must store the same string, whatever
format they came in and however a converter spaced them: the PDF of a notice
breaks a requirement over lines and pages, its DOCX spaces digits apart
(``2018 年``), and both mix ASCII and full-width punctuation. The canonical form:

* wrapped lines joined (nothing between CJK characters, a space between words);
* no whitespace next to a CJK character, single spaces between Latin words;
* ASCII ``,;:()!?`` in Chinese text folded to full width, except inside
  numbers (``1,000``, ``12:30``).
"""

from __future__ import annotations

import regex

from cjk.text import join_lines
from pipeline.vocabulary import PUNCT_TO_FULL_WIDTH

_CJK_CLASS = r"\p{Han}\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2014\u2026\u00b7"
_SPACE_NEAR_CJK = regex.compile(rf"\s+(?=[{_CJK_CLASS}])|(?<=[{_CJK_CLASS}])\s+")
_HAS_HAN = regex.compile(r"\p{Han}")
_SPACE = regex.compile(r"\s+")
_ASCII_PUNCT = regex.compile(r"(?<!\d)[,:](?!\d)|(?<=\d)[,:](?!\d)|(?<!\d)[,:](?=\d)|[;()!?]")


def squeeze(text: str) -> str:
    """Remove whitespace next to CJK characters; collapse the rest to one space."""
    text = _SPACE_NEAR_CJK.sub("", text)
    return _SPACE.sub(" ", text).strip()


def full_width_punct(text: str) -> str:
    """Fold ASCII punctuation in Chinese text to full width (not inside numbers)."""
    if not _HAS_HAN.search(text):
        return text
    return _ASCII_PUNCT.sub(lambda m: PUNCT_TO_FULL_WIDTH[m.group(0)], text)


def prose(text: str | None) -> str:
    """Canonical form of a running-text field (title, requirement, heading)."""
    if not text:
        return ""
    return full_width_punct(squeeze(join_lines(text)))


def join_prose(first: str, second: str) -> str:
    """Join two canonical pieces split by a page break, as a reader would."""
    return prose(first + "\n" + second) if first and second else first or second
