"""Hierarchy markers of Chinese official documents: 一、 （一） 1. （1） ①.

GB/T 9704 §7.3.3 fixes the order of levels; this module recognises a marker at
the start of a text and returns its level, its number and the text after it.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

SECTION, SUBSECTION, ITEM, SUBITEM, CIRCLED = 1, 2, 3, 4, 5

CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN = "[〇零一二两三四五六七八九十百千]+"

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


def chinese_number(text: str) -> int | None:
    """Value of a Chinese numeral up to 9999 (十一, 二十, 一百零五, 〇 digits)."""
    if not text:
        return None
    if all(ch in CHINESE_DIGITS for ch in text) and len(text) > 1:
        return int("".join(str(CHINESE_DIGITS[ch]) for ch in text))  # 二〇一八
    total, digit = 0, None
    for ch in text:
        if ch in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[ch]
        elif ch in CHINESE_UNITS:
            total += (1 if digit is None else digit) * CHINESE_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


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
