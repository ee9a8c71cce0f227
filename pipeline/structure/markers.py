"""Hierarchy markers of Chinese official documents: 一、 （一） 1. （1） ①.

GB/T 9704 §7.3.3 fixes the order of levels; this module recognises a marker at
the start of a text and returns its level, its number and the text after it.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.normalize.numerals import IDEOGRAPH_NUMBER_CHARS, chinese_number

SECTION, SUBSECTION, ITEM, SUBITEM, CIRCLED = 1, 2, 3, 4, 5

_CN = f"[{IDEOGRAPH_NUMBER_CHARS}]+"

_PATTERNS: tuple[tuple[int, regex.Pattern[str]], ...] = (
    (SECTION, regex.compile(rf"^\s*(?P<n>{_CN})\s*[、，,．.]\s*")),
    (SUBSECTION, regex.compile(rf"^\s*[（(]\s*(?P<n>{_CN})\s*[）)]\s*[、，,．.]?\s*")),
    (SUBITEM, regex.compile(r"^\s*[（(]\s*(?P<n>\d{1,3})\s*[）)]\s*[、，,．.]?\s*")),
    (ITEM, regex.compile(r"^\s*(?P<n>\d{1,3})\s*(?:[、，,．.](?!\d)|\s+(?=\D))\s*")),
    (CIRCLED, regex.compile(r"^\s*(?P<n>[\u2460-\u2473])\s*")),
)


@dataclass(frozen=True)
class Marker:
    level: int
    number: int
    rest: str
    """The text after the marker."""


def parse_marker(text: str) -> Marker | None:
    """The hierarchy marker a text starts with, or None."""
    for level, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        raw = m.group("n")
        if level == CIRCLED:
            number = ord(raw) - 0x2460 + 1
        elif raw.isdigit():
            number = int(raw)
        else:
            value = chinese_number(raw)
            if value is None:
                continue
            number = value
        return Marker(level, number, text[m.end():].strip())
    return None
