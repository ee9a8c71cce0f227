"""Canonical text for stored values (provisional: main's pipeline/text.py supersedes it).

The PDF of a notice spaces digits apart from ideographs (``2018 年``) and wraps
lines anywhere; two renderings of one title must store one string.
"""

from __future__ import annotations

import regex

_CJK_CLASS = r"\p{Han}\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2014\u2026\u00b7"
_SPACE_NEAR_CJK = regex.compile(rf"\s+(?=[{_CJK_CLASS}])|(?<=[{_CJK_CLASS}])\s+")


def squeeze(text: str) -> str:
    """Remove whitespace next to CJK characters; collapse the rest to one space."""
    text = _SPACE_NEAR_CJK.sub("", text)
    return regex.sub(r"\s+", " ", text).strip()
