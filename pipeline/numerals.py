"""Small Chinese numerals as written in dates and deadlines.

Notices write years digit by digit (二〇一八) and months, days and counts
positionally with 十 (十二, 二十一, 三十一). Nothing larger occurs in the
fields we read, so only 0–99 is supported; anything else is None.
"""

from __future__ import annotations

from pipeline.vocabulary import CN_DIGITS, CN_TEN


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


def small_number(text: str) -> int | None:
    """0–99 in Arabic digits or 十-positional Chinese: ``十一`` → 11, ``二十`` → 20."""
    if text.isdecimal():
        return int(text)
    if CN_TEN not in text:
        return CN_DIGITS.get(text) if len(text) == 1 else None
    tens, _, units = text.partition(CN_TEN)
    if CN_TEN in units:
        return None
    high = 1 if tens == "" else CN_DIGITS.get(tens) if len(tens) == 1 else None
    low = 0 if units == "" else CN_DIGITS.get(units) if len(units) == 1 else None
    if not high or low is None:
        return None
    return high * 10 + low
