"""Repair of recognised text: what the recogniser cannot tell apart, written
as the printed page most likely has it.

The recogniser emits ASCII ``,;:()!?`` for punctuation that a Chinese notice
prints full width (its character set has both, and on a scan they look the
same), and reads the ``〔〕`` of a 发文字号 as whichever bracket it likes. A
text layer holds the printed characters, so the repair is done here, at the
reader, where the ambiguity arises: the document model then holds what a text
layer would, and structuring (``（一）`` headings, unit lists split at ``，``)
and normalization see the same text from a scan as from its text twin.

Nothing here touches letters or ideographs: a misread character in a unit
name stays as read, never "corrected" into another unit.
"""

from __future__ import annotations

import regex

FULL_WIDTH_OFFSET = 0xFEE0
"""U+FF01–FF5E are ASCII U+0021–007E shifted by this much."""

_HALF_WIDTH = regex.compile(r"(?<!\d)[,:](?!\d)|(?<=\d)[,:](?!\d)|(?<!\d)[,:](?=\d)|[;()!?]")
"""Punctuation to widen; ``,`` and ``:`` between two digits (``1,000``, ``12:30``) stay."""

_HAS_HAN = regex.compile(r"\p{Han}")

_DOC_NUMBER_YEAR = regex.compile(
    r"(?<=\p{Han})\s*[\[［【(（〔{｛]\s*((?:19|20)\d{2})\s*[\]］】)）〕}｝]\s*(?=第?\s*\d{1,5}\s*号)")
"""A year in any brackets between an agency code and ``N号``: the 〔〕 of a
发文字号 (GB/T 9704-2012 §7.2.4), which scans of notices print."""


def widen(ch: str) -> str:
    return chr(ord(ch) + FULL_WIDTH_OFFSET)


def repair_line(text: str) -> str:
    """One recognised line as a text layer would hold it. The result has the
    same length as *text*, so that character boxes still line up."""
    if not _HAS_HAN.search(text):
        return text
    text = _HALF_WIDTH.sub(lambda m: widen(m.group(0)), text)
    return _DOC_NUMBER_YEAR.sub(_doc_number_year, text)


def _doc_number_year(match: regex.Match[str]) -> str:
    """``（2018）`` → ``〔2018〕`` keeping the spaces the match had (lengths unchanged)."""
    text = match.group(0)
    open_at = len(text) - len(text.lstrip())
    close_at = text.rindex(match.group(1)) + len(match.group(1))
    close_at += len(text[close_at:]) - len(text[close_at:].lstrip())
    return text[:open_at] + "〔" + text[open_at + 1:close_at] + "〕" + text[close_at + 1:]
