"""Chinese numerals as written in headings, dates and deadlines.

Notices write years digit by digit (二〇一八) and headings, months, days and
counts positionally (十二, 二十一, 一百零五). One parser serves them all.
"""

from __future__ import annotations

import regex

from pipeline.vocabulary import CN_DIGITS, CN_UNITS

SMALL_NUMBER_CHARS = "".join(CN_DIGITS) + "".join(u for u, v in CN_UNITS.items() if v == 10)
"""Characters of a written number below 100 (dates, counts): digits and 十."""

IDEOGRAPH_NUMBER_CHARS = "".join(ch for ch in (*CN_DIGITS, *CN_UNITS) if regex.match(r"\p{Han}", ch))
"""Characters of a number written in ideographs (headings: 一、 （十二）). The
look-alike zeros (○, O) that typists put into years are not among them: a line
starting with ``○、`` is a bullet, not a heading."""


def digit_string(text: str) -> int | None:
    """A number written digit by digit: ``二〇一八`` → 2018, ``2018`` → 2018."""
    if not text:
        return None
    digits = []
    for ch in text:
        if ch in CN_DIGITS:
            digits.append(CN_DIGITS[ch])
        elif ch.isdecimal():
            digits.append(int(ch))
        else:
            return None
    return int("".join(map(str, digits)))


def positional(text: str) -> int | None:
    """A number written with 十/百/千 (``十一`` → 11, ``一百零五`` → 105), or a single digit."""
    if not text:
        return None
    total, digit, last_unit = 0, None, 10_000
    for ch in text:
        if ch in CN_DIGITS:
            if digit not in (None, 0):
                return None  # two digits in a row: not positional
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            unit = CN_UNITS[ch]
            if unit >= last_unit:
                return None  # 十十, 十百: malformed
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
    return total + (digit or 0)


def chinese_number(text: str) -> int | None:
    """Any written number: digit by digit when it has no 十/百/千, else positional."""
    if text and not any(ch in CN_UNITS for ch in text) and len(text) > 1:
        return digit_string(text)
    return positional(text)


def small_number(text: str) -> int | None:
    """0–99 in Arabic digits or Chinese (``十一`` → 11, ``二十`` → 20); else None."""
    if text.isdecimal():
        return int(text)
    value = positional(text)
    return value if value is not None and value < 100 else None
