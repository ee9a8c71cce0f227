"""Regex building blocks shared by the parsers that turn vocabularies into patterns."""

from __future__ import annotations

from collections.abc import Iterable

import regex


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal *words*, longest first.

    Regex alternation takes the first branch that matches, not the longest, so
    ``参照落实`` must come before ``落实`` or it would never be read whole.
    """
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
