"""Chinese calendar dates: ``2018年6月12日``, ``2018 年 6 月 12 日``, ``二〇一八年六月十二日``.

GB/T 9704-2012 writes 成文日期 in Arabic digits without padding, but documents
under the 1999 edition (and many still) write it in Chinese numerals, and PDF
text layers put spaces between digits and ideographs. Parsers here return None
for anything that is not a real calendar date and never raise, because they run
over untrusted text in batch.
"""

from __future__ import annotations

import calendar
from datetime import date

import regex

from pipeline.normalize.numerals import SMALL_NUMBER_CHARS, digit_string, small_number

_CN = regex.escape(SMALL_NUMBER_CHARS)
_YEAR = rf"(?P<year>[0-9０-９]{{4}}|[{_CN}](?:\s*[{_CN}]){{3}})"
_MONTH = rf"(?P<month>[0-9０-９]{{1,2}}|[{_CN}](?:\s*[{_CN}]){{0,2}})"
_DAY = rf"(?P<day>[0-9０-９]{{1,2}}|[{_CN}](?:\s*[{_CN}]){{0,2}})"
"""A number in Chinese numerals may have a space between its characters: OCR
sees one in the ink where a seal over the 成文日期 fades strokes (``五月二 十日``),
and a letter-spaced date in a text layer has them. A space never separates two
numbers of a date, which 年月日 do."""
DATE_PATTERN = rf"{_YEAR}\s*年\s*{_MONTH}\s*月\s*{_DAY}\s*[日号]"
"""A full date; exported so that other parsers can embed it in larger patterns."""

_WHOLE_DATE = regex.compile(rf"\s*{DATE_PATTERN}\s*")
_NUMERIC_DATE = regex.compile(r"\s*(?P<year>[0-9]{4})\s*[-/.]\s*(?P<month>[0-9]{1,2})\s*[-/.]\s*(?P<day>[0-9]{1,2})\s*")
"""``2018-06-13``, ``2018/6/13``, ``2018.06.13``: how portals print dates in
their metadata tables (never in a notice's own text)."""


def make_date(year: int | None, month: int | None, day: int | None) -> date | None:
    """A calendar date, or None when the parts do not form one (2月30日)."""
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def last_day_of_month(year: int, month: int) -> date | None:
    """The last day of a month, or None for an impossible month."""
    if not 1 <= month <= 12 or not 1 <= year <= 9999:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def date_from_match(match: regex.Match[str]) -> date | None:
    """The date a match of :data:`DATE_PATTERN` names (spaces within its numbers dropped)."""
    year, month, day = (regex.sub(r"\s+", "", match[part]) for part in ("year", "month", "day"))
    return make_date(digit_string(year), small_number(month), small_number(day))


def parse_date(text: str | None) -> date | None:
    """The date that ``text`` consists of (surrounding whitespace allowed), else None."""
    if not isinstance(text, str):
        return None
    match = _WHOLE_DATE.fullmatch(text)
    return date_from_match(match) if match else None


def parse_any_date(text: str | None) -> date | None:
    """A date written either way: ``2018年6月12日`` or ``2018-06-12``; else None."""
    if not isinstance(text, str):
        return None
    match = _NUMERIC_DATE.fullmatch(text)
    if match:
        return make_date(int(match["year"]), int(match["month"]), int(match["day"]))
    return parse_date(text)
