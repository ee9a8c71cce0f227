"""Chinese numerals as notices write them (pipeline/normalize/numerals.py)."""

from __future__ import annotations

import pytest

from pipeline.normalize.numerals import chinese_number, positional, small_number


@pytest.mark.parametrize(("text", "value"), [
    ("十", 10), ("十一", 11), ("二十", 20), ("二十一", 21), ("九十九", 99), ("一百", 100), ("一百零五", 105),
    ("一百二十三", 123), ("两百", 200), ("一千零一", 1001), ("五", 5),
])
def test_positional(text, value):
    assert positional(text) == value


@pytest.mark.parametrize("text", ["十十", "十百", "百十百", "一二", "十一A", ""])
def test_malformed_positional_numbers_are_none(text):
    assert positional(text) is None


@pytest.mark.parametrize(("text", "value"), [("三十", 30), ("九十九", 99), ("7", 7), ("３１", 31)])
def test_small_numbers_below_100(text, value):
    assert small_number(text) == value


@pytest.mark.parametrize("text", ["一百", "一百零五", "十十", "三十二个"])
def test_not_small_numbers(text):
    """Days, months and counts are below 100: anything else is no date part."""
    assert small_number(text) is None


def test_years_are_written_digit_by_digit_and_the_rest_positionally():
    assert chinese_number("二〇二一") == 2021
    assert chinese_number("二O二一") == 2021
    assert chinese_number("十二") == 12
    assert chinese_number("一") == 1
