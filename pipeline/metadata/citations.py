"""Notices cited in running text: ``《title》（发文字号）`` or a bare 发文字号.

A citation is identified by its canonical number; its title is the 《…》 written
right before the bracket that holds the number, and only when that bracket
holds this one number (``（闽政办〔2018〕43号、泉政办〔2018〕43号）`` names no
title for either). One text citing a notice twice yields one citation, titled
if any occurrence was.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.metadata.doc_numbers import find_doc_numbers
from pipeline.normalize.text import prose

_TITLE_BEFORE = regex.compile(r"《(?P<title>[^《》]+)》\s*[（(]\s*$")
_CLOSES_HERE = regex.compile(r"^\s*[）)]")


@dataclass(frozen=True)
class Citation:
    doc_number: str
    """Canonical 发文字号 of the cited notice."""
    title: str | None


def _title_for(text: str, start: int, end: int) -> str | None:
    """The 《title》 bracketing a number written at ``text[start:end]``, if any."""
    before = _TITLE_BEFORE.search(text[:start])
    if before is None or not _CLOSES_HERE.match(text[end:]):
        return None
    return prose(before["title"]) or None


def find_citations(text: str, exclude: str | None = None) -> list[Citation]:
    """Every notice cited in ``text``, in order of first mention.

    ``exclude`` is the citing notice's own canonical number: a notice repeating
    its own number (a 附件 header, a page header) does not cite itself.
    """
    titles: dict[str, str | None] = {}
    for match in find_doc_numbers(text):
        number = match.number.canonical
        if number == exclude:
            continue
        titles[number] = titles.get(number) or _title_for(text, match.start, match.end)
    return [Citation(number, title) for number, title in titles.items()]
