"""Chinese date parsing: Arabic, spaced and written-out forms."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize.dates import last_day_of_month, make_date, parse_any_date, parse_date

CN = "〇一二三四五六七八九"


def written_small(n: int) -> str:
    """Independent oracle for 1–31 in 十-positional numerals."""
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN[tens] + "十")
    return head + (CN[units] if units else "") if n >= 10 else CN[n]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(["", " ", "  "]))
def test_arabic_dates_with_any_spacing(d, sp):
    assert parse_date(f"{d.year}{sp}年{sp}{d.month}{sp}月{sp}{d.day}{sp}日") == d


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from("〇零O○"))
def test_written_dates(d, zero):
    year = "".join(CN[int(c)] for c in str(d.year)).replace("〇", zero)
    assert parse_date(f"{year}年{written_small(d.month)}月{written_small(d.day)}日") == d


@given(st.text(max_size=30))
def test_garbage_never_raises(text):
    result = parse_date(text)
    assert result is None or isinstance(result, date)


def test_examples():
    assert parse_date("2018年6月12日") == date(2018, 6, 12)
    assert parse_date("2018 年 6 月 12 日") == date(2018, 6, 12)
    assert parse_date("二〇一八年六月十二日") == date(2018, 6, 12)
    assert parse_date("二O一八年十二月三十一日") == date(2018, 12, 31)
    assert parse_date("二〇一八年十月十日") == date(2018, 10, 10)
    assert parse_date("二〇一九年五月二 十日") == date(2019, 5, 20)  # OCR under a seal
    assert parse_date("二 〇 一 九 年 五 月 二 十 日") == date(2019, 5, 20)  # letter-spaced


def test_impossible_or_partial_dates_are_none():
    for text in ["2018年2月30日", "2018年13月1日", "2018年6月", "6月12日", "二〇一八年十三月一日", "十十", None]:
        assert parse_date(text) is None


def test_month_ends_across_the_calendar_python_knows():
    assert last_day_of_month(2018, 1) == date(2018, 1, 31)
    assert last_day_of_month(2020, 2) == date(2020, 2, 29)
    assert last_day_of_month(1, 1) == date(1, 1, 31)
    assert last_day_of_month(9999, 12) == date(9999, 12, 31)
    assert [last_day_of_month(2018, m) for m in (0, 13)] == [None, None]


def test_a_date_missing_a_part_is_none():
    assert make_date(2018, 6, None) is None
    assert make_date(None, 6, 30) is None
    assert make_date(2018, None, 30) is None


@pytest.mark.parametrize(("text", "day"), [
    ("2018-06-13", date(2018, 6, 13)),     # how portals print dates in their metadata tables
    ("2018/6/13", date(2018, 6, 13)),
    (" 2018.06.13 ", date(2018, 6, 13)),
    ("2018年6月13日", date(2018, 6, 13)),   # or as a notice writes them
    ("2018-02-30", None),
    ("2018-06", None),
    (None, None),
])
def test_dates_written_either_way(text, day):
    assert parse_any_date(text) == day
