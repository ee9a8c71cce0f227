"""Deadlines written in a task's deadline cell or requirement text.

Kinds:

* ``date``: a calendar end (``2018年12月底前``, ``6月30日前``, ``年底前``,
  ``第三季度``, ``上半年``, and a text that is only a month, ``2021年9月``);
  ``date`` is the last day it allows, the notice's year filling in a missing
  year (None when neither is known);
* ``relative``: counted from an event (``2个工作日内``); no calendar date;
* ``recurring``: a rhythm (``每年至少1次``, ``定期``); no calendar date;
* ``ongoing``: no end (``长期坚持``, ``持续推进``).

Spans never overlap: at one position the longest phrase wins, so
``2018年12月底前`` is one deadline, not also ``12月底前``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

import regex

from pipeline.normalize.dates import DATE_PATTERN, date_from_match, last_day_of_month, make_date
from pipeline.normalize.numerals import SMALL_NUMBER_CHARS, digit_string, small_number
from pipeline.patterns import alternation
from pipeline.vocabulary import (
    BEFORE_WORDS,
    HALF_YEARS,
    ONGOING_CELL_WORDS,
    ONGOING_PHRASES,
    PERIOD_END_WORDS,
    RECURRING_MARKERS,
    RELATIVE_UNITS,
    TEN_DAY_PERIODS,
    WITHIN_WORDS,
    YEAR_END_WORDS,
)

Kind = Literal["date", "relative", "recurring", "ongoing"]
KIND_PRIORITY: tuple[Kind, ...] = ("date", "relative", "recurring", "ongoing")
"""Which deadline of a text is the task's: a calendar date is the most precise
promise, an open-ended phrase the least."""


@dataclass(frozen=True)
class Deadline:
    text: str
    """The phrase as written in the source."""
    date: date | None
    kind: Kind | None
    """None for a deadline cell whose wording no rule understands (kept as written)."""


_S = r"\s*"
_NUM = rf"[0-9０-９]{{1,2}}|[{regex.escape(SMALL_NUMBER_CHARS)}]{{1,3}}"
_YEAR = rf"(?P<year>[0-9０-９]{{4}}){_S}年"
_BEFORE = rf"(?:{alternation(BEFORE_WORDS)})"
_END = rf"(?:{alternation(PERIOD_END_WORDS)})"
_MONTH = rf"(?P<month>{_NUM}){_S}月"
_QUARTER = r"(?P<quarter>[一二三四1-4１-４])"


def _quarter_end(year: int | None, q: str) -> date | None:
    quarter = small_number(q)
    return last_day_of_month(year, 3 * quarter) if year and quarter and 1 <= quarter <= 4 else None


def _month_end(year: int | None, m: str, period: str | None) -> date | None:
    month = small_number(m)
    if year is None or month is None:
        return None
    last_day = TEN_DAY_PERIODS.get(period) if period else None
    return make_date(year, month, last_day) if last_day else last_day_of_month(year, month)


Resolver = Callable[[regex.Match[str], int | None], date | None]


def _year(match: regex.Match[str], default: int | None) -> int | None:
    written = match.groupdict().get("year")
    return digit_string(written) if written else default


_YEAR_END = (rf"(?:{_YEAR}{_S}(?:(?:{alternation(YEAR_END_WORDS)}|{_END}){_BEFORE}?|{_BEFORE})"
             rf"|(?<![0-9０-９])(?:{alternation(YEAR_END_WORDS)}){_BEFORE}?)")
"""``2018年底前``, ``2021年年底前`` (the year, then its end), or a year end
without a year (``年底前``), which is the notice's."""
_DATE_RULES: tuple[tuple[regex.Pattern[str], Resolver], ...] = (
    # a full date, also with a year in Chinese numerals (二〇一八年六月三十日前)
    (regex.compile(rf"{DATE_PATTERN}{_S}{_BEFORE}?"),
     lambda m, y: date_from_match(m)),
    (regex.compile(rf"(?:{_YEAR}{_S})?{_MONTH}{_S}(?P<day>{_NUM}){_S}[日号]{_S}{_BEFORE}?"),
     lambda m, y: make_date(_year(m, y), small_number(m["month"]), small_number(m["day"]))),
    (regex.compile(rf"(?:{_YEAR}{_S})?{_MONTH}{_S}(?:(?P<period>{alternation(TEN_DAY_PERIODS)}){_BEFORE}?"
                   rf"|{_END}{_BEFORE}?|份?{_BEFORE})"),
     lambda m, y: _month_end(_year(m, y), m["month"], m["period"])),
    (regex.compile(rf"(?:{_YEAR}{_S})?第?{_QUARTER}季度{_END}?{_BEFORE}?"),
     lambda m, y: _quarter_end(_year(m, y), m["quarter"])),
    (regex.compile(rf"(?:{_YEAR}{_S})?(?P<half>{alternation(HALF_YEARS)}){_BEFORE}?"),
     lambda m, y: make_date(_year(m, y), *HALF_YEARS[m["half"]]) if _year(m, y) else None),
    (regex.compile(_YEAR_END),
     lambda m, y: make_date(_year(m, y), 12, 31) if _year(m, y) else None),
)
_RELATIVE = regex.compile(rf"(?:{_NUM}){_S}(?:{alternation(RELATIVE_UNITS)}){_S}(?:{alternation(WITHIN_WORDS)})")
_RECURRING = regex.compile(
    rf"(?:{alternation(RECURRING_MARKERS)})(?:{alternation(YEAR_END_WORDS)}|{_END})?{_BEFORE}?"
    rf"(?:至少{_S}(?:{_NUM}){_S}次)?"
)
"""A rhythm absorbs the period end it repeats (``每年年底前``, ``每季度末``)."""
_ONGOING = regex.compile(alternation(ONGOING_PHRASES))
_OPEN_RULES: tuple[tuple[regex.Pattern[str], Kind], ...] = (
    (_RELATIVE, "relative"), (_RECURRING, "recurring"), (_ONGOING, "ongoing"),
)
"""Deadlines that name no date, each with its kind."""
_ONLY_A_MONTH = regex.compile(rf"(?:{_YEAR}{_S})?{_MONTH}份?")
"""A text that names only a month (``2021年9月``): a deadline cell's way of
saying 'in September', so by its last day. In running text a bare month is no
deadline (``自2018年6月起``), which is why only a whole text is read so."""


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    deadline: Deadline


def _hits(text: str, year: int | None) -> list[_Hit]:
    hits = [_Hit(m.start(), m.end(), Deadline(m.group().strip(), resolve(m, year), "date"))
            for pattern, resolve in _DATE_RULES for m in pattern.finditer(text)]
    hits += [_Hit(m.start(), m.end(), Deadline(m.group().strip(), None, kind))
             for pattern, kind in _OPEN_RULES for m in pattern.finditer(text)]
    return hits


def find_deadlines(text: str | None, year: int | None = None) -> list[Deadline]:
    """Every deadline phrase in ``text``, in order, none overlapping another.

    A bare year (``2018年``) is no deadline: it needs 底/末/前 (``2018年底前``).
    ``year`` is the notice's year, used where the text gives none.
    """
    if not text:
        return []
    stripped = text.strip()
    if stripped in ONGOING_CELL_WORDS:
        return [Deadline(stripped, None, "ongoing")]
    if only_a_month := _ONLY_A_MONTH.fullmatch(stripped):
        return [Deadline(stripped, _month_end(_year(only_a_month, year), only_a_month["month"], None), "date")]
    taken: list[_Hit] = []
    for hit in sorted(_hits(text, year), key=lambda h: (h.start, -(h.end - h.start))):
        if all(hit.start >= t.end or hit.end <= t.start for t in taken):
            taken.append(hit)
    return [hit.deadline for hit in taken]


def main_deadline(deadlines: list[Deadline]) -> Deadline | None:
    """The deadline that binds the task as a whole.

    Rule: the highest kind in :data:`KIND_PRIORITY` wins; among dates, the
    latest (the whole task is due only when its last part is), and a resolved
    date beats an unresolved one; otherwise the first written.
    """
    for kind in KIND_PRIORITY:
        of_kind = [d for d in deadlines if d.kind == kind]
        if of_kind:
            dated = [(d.date, d) for d in of_kind if d.date is not None]
            return max(dated, key=lambda pair: pair[0])[1] if dated else of_kind[0]
    return None


def task_deadline(deadline_cell: str | None, requirement: str | None, year: int | None) -> Deadline | None:
    """A task's deadline: from its deadline cell when it has text, else from its requirement.

    A cell is the notice's own statement of the deadline, so all of its text is
    kept as written even when no rule understands it; in a requirement only the
    phrase of the :func:`main_deadline` is.
    """
    if deadline_cell and deadline_cell.strip():
        found = main_deadline(find_deadlines(deadline_cell, year))
        return Deadline(deadline_cell.strip(), found.date if found else None, found.kind if found else None)
    return main_deadline(find_deadlines(requirement, year))
