"""Hierarchy markers of Chinese official documents: 一、 （一） 1. （1） ①.

GB/T 9704 §7.3.3 fixes the order of levels; this module recognises a marker at
the start of a text and returns its level, its number and the text after it,
and the marker a table's number cell holds alone, where it may go without its
punctuation (``一 | 推进决策公开``).
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


_BARE: tuple[tuple[int, regex.Pattern[str]], ...] = (
    (SECTION, regex.compile(rf"^\s*(?P<n>{_CN})\s*$")),
    (ITEM, regex.compile(r"^\s*(?P<n>\d{1,3})\s*$")),
)
"""A numeral alone, as a number cell writes it: 一 is a section, 1 a task."""


@dataclass(frozen=True)
class Marker:
    level: int
    number: int
    rest: str
    """The text after the marker."""


def _number(level: int, raw: str) -> int | None:
    if level == CIRCLED:
        return ord(raw) - 0x2460 + 1
    if raw.isdigit():
        return int(raw)
    return chinese_number(raw)


def parse_marker(text: str) -> Marker | None:
    """The hierarchy marker a text starts with, or None."""
    for level, pattern in _PATTERNS:
        m = pattern.match(text)
        if m and (number := _number(level, m.group("n"))) is not None:
            return Marker(level, number, text[m.end():].strip())
    return None


def number_cell(text: str) -> Marker | None:
    """The marker a number cell holds when it holds nothing else, or None.

    A 序号 cell may write its numeral bare (``一``, ``1``), where a text needs
    the mark after it (``一、``): at the head of a text, 一 may start a word
    (一体化), but alone in a cell it can only be a number. The marked forms
    (``一、``, ``（一）``, ``1.``) count too.
    """
    marker = parse_marker(text)
    if marker is not None:
        return marker if not marker.rest else None
    for level, pattern in _BARE:
        m = pattern.match(text)
        if m and (number := _number(level, m.group("n"))) is not None:
            return Marker(level, number, "")
    return None
