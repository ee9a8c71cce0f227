"""One name per unit across notices: the canonical name, region and kind of a unit.

A unit name in a notice is relative to the notice: 市财政局 in a 泉州 notice is
泉州市财政局, in a 厦门 notice 厦门市's; 市工商局 in June 2018 is the 工商行政管理局,
after the 2019 local reform the name can only mean the 市场监督管理局. So a
name is resolved with its notice (:class:`Notice`: the issuer's region, the
notice's date) against the alias table (:mod:`pipeline.normalize.alias_table`):

1. a collective name (市直各部门, 各县（市、区）人民政府, 有关单位) is a ``group``,
   every other name an ``agency``;
2. a name opening with a level word (市, 县 …) belongs to the issuer's region of
   that level; the rest of the name (发改委) is looked up in that region's rows,
   then in the ``local`` rows; a name without one is looked up in the
   ``national`` rows, as written;
3. a trailing bracketed second name (市委编办（市审改办）) is dropped when the
   name with it is not in the table;
4. ``unit_match`` says how the name was found: ``exact`` (a canonical name of
   the table), ``alias`` (a short form, or a name a reform replaced), ``rule``
   (a group the table does not know: typed and placed by rules 1-2 only) or
   ``none`` (an agency the table does not know: its name is kept, placed in
   its region). Nothing is ever matched by similarity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from pipeline.normalize.alias_table import LOCAL, NATIONAL, AliasRow, AliasTable, Period, default_table
from pipeline.patterns import alternation
from pipeline.vocabulary import (
    BRACKET_PAIRS,
    GROUP_WORDS,
    NATIONAL_ISSUER_PREFIXES,
    NATIONAL_REGION,
    ORGAN_HEADS,
    PARTY_PREFIX,
    REGION_LEVELS,
    UNIT_LEVELS,
)

MATCHES = ("exact", "alias", "rule", "none")
KINDS = ("agency", "group")

_LEVEL = alternation(REGION_LEVELS)
_FIRST_REGION = regex.compile(rf"^(?:{PARTY_PREFIX})?(?P<region>.+?(?:{_LEVEL}))(?!{_LEVEL})")
"""The shortest place name with its level word, not cut inside one (泉州 + 市, not 泉 + 州)."""
_LEVEL_AT_END = regex.compile(rf"(?:{_LEVEL})$")
_SUB_REGION = regex.compile(rf"^(?P<region>.{{1,5}}?(?:{_LEVEL}))(?!{_LEVEL})(?:{alternation(ORGAN_HEADS)})")
_TRAILING_BRACKET = regex.compile(
    "(?:" + "|".join(rf"{regex.escape(o)}[^{regex.escape(o + c)}]*{regex.escape(c)}" for o, c in BRACKET_PAIRS.items())
    + ")$")


@dataclass(frozen=True)
class Notice:
    """What a unit name is relative to: the regions of the issuer, the notice's dates."""

    regions: tuple[str, ...] = ()
    """Region names of the issuer, widest first (泉州市, 泉州市丰泽区); ``全国`` for a national issuer."""
    period: Period = Period()
    """The days the notice may be dated: one day, a year, or any day when unknown."""


@dataclass(frozen=True)
class UnitName:
    canonical: str
    region: str | None
    match: str
    kind: str


def issuer_regions(issuer: str | None) -> tuple[str, ...]:
    """Regions an issuer names, widest first: 泉州市人民政府办公室 → (泉州市,),
    泉州市丰泽区人民政府 → (泉州市, 泉州市丰泽区), 国务院办公厅 → (全国,)."""
    if not issuer:
        return ()
    if issuer.startswith(NATIONAL_ISSUER_PREFIXES):
        return (NATIONAL_REGION,)
    first = _FIRST_REGION.match(issuer)
    if not first:
        return ()
    regions = [first.group("region")]
    sub = _SUB_REGION.match(issuer[first.end():])
    if sub:
        regions.append(regions[0] + sub.group("region"))
    return tuple(regions)


def notice_period(signed: dt.date | None, year: int | None) -> Period:
    """The days a notice may be dated: its 成文日期, else its year, else any day."""
    if signed:
        return Period(signed, signed)
    if year:
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    return Period()


def notice_context(issuer: str | None, signed: dt.date | None, year: int | None) -> Notice:
    return Notice(issuer_regions(issuer), notice_period(signed, year))


def is_group(name: str) -> bool:
    return any(word in name for word in GROUP_WORDS)


def level_word(name: str) -> str | None:
    """The level word a local unit name opens with (市 of 市财政局), if any."""
    return name[0] if len(name) > 1 and name[0] in UNIT_LEVELS else None


def without_second_name(name: str) -> str:
    """The name without a trailing bracketed second name: 委编办（市审改办） → 委编办."""
    return _TRAILING_BRACKET.sub("", name)


def _place(name: str, notice: Notice) -> tuple[str | None, str]:
    """(region, rest of the name) of a name opening with a level word.

    The region is the issuer's region of that level; None when the issuer has
    none (a 市 unit in a county's notice, or a notice whose issuer is unknown).
    """
    level = name[0]
    region = next((r for r in reversed(notice.regions) if r.endswith(level)), None)
    return region, name[1:]


def _own_region(name: str, notice: Notice) -> str | None:
    """The issuer's region when a name opens with its place name (泉州开发区管委会 in a 泉州 notice)."""
    for region in reversed(notice.regions):
        place = _LEVEL_AT_END.sub("", region)
        if region != NATIONAL_REGION and len(place) >= 2 and name.startswith(place):
            return region
    return None


def _lookup(scopes: list[str], name: str, notice: Notice, table: AliasTable) -> AliasRow | None:
    for candidate in dict.fromkeys([name, without_second_name(name)]):
        for scope in scopes:
            row = table.row(scope, candidate, notice.period)
            if row:
                return row
    return None


def _match(row: AliasRow) -> str:
    return "exact" if row.kind == "name" else "alias"


def resolve_unit(name: str, notice: Notice, table: AliasTable | None = None) -> UnitName:
    """Canonical name, region, match and kind of one unit name of a notice."""
    table = table or default_table()
    kind = "group" if is_group(name) else "agency"
    national = table.row(NATIONAL, name, notice.period)
    if national is not None:  # 市场监管总局 opens with 市 but is a national body
        return UnitName(national.canonical, NATIONAL_REGION, _match(national), kind)
    level = level_word(name)
    if level:
        region, stem = _place(name, notice)
        scopes = ([region] if region else []) + [LOCAL]
        prefix = region or level
    else:
        stem, scopes = name, [NATIONAL]
        region = _own_region(name, notice) or (notice.regions[-1] if kind == "group" and notice.regions else None)
        prefix = region if kind == "group" and region and region != NATIONAL_REGION else ""
    row = _lookup(scopes, stem, notice, table)
    if row is not None:
        if row.scope == NATIONAL:
            return UnitName(row.canonical, NATIONAL_REGION, _match(row), kind)
        return UnitName(prefix + row.canonical, region, _match(row), kind)
    return UnitName(prefix + stem, region, "rule" if kind == "group" else "none", kind)
