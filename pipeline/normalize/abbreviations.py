"""The abbreviation rule: which unknown short names may abbreviate a known long one.

市发改委 and 市发展和改革委员会 are one unit, but so similar-looking pairs as
市数字办 and 市数据办 are not, and no score tells them apart. So this rule only
*proposes*: a short name is a candidate abbreviation of a long one when

- both are in the same region (泉州's 市数字办 is never compared with 漳州's names),
- the short one's characters occur in the long one in the same order
  (发改委 in 发展和改革委员会),
- both name the same kind of institution (委, 局, 办, 厅, 中心: 发改委 and
  发展和改革委员会 are both 委; 发改局 is not a 委).

A person reads the proposals (``python -m pipeline units suggest``) and accepts
the true ones into the alias table; until then the datasets keep the name as
it is (``unit_match`` ``none``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.normalize.alias_table import LOCAL, AliasTable
from pipeline.normalize.unit_names import level_word, without_second_name
from pipeline.vocabulary import INSTITUTION_TYPES

_TYPE_ENDINGS = sorted(INSTITUTION_TYPES, key=len, reverse=True)


def institution_type(name: str) -> str | None:
    """委, 局, 办, 厅 or 中心 by the name's ending; None for other names."""
    return next((INSTITUTION_TYPES[e] for e in _TYPE_ENDINGS if name.endswith(e)), None)


def in_order(short: str, long: str) -> bool:
    """Every character of *short* occurs in *long*, in the same order."""
    rest = iter(long)
    return all(ch in rest for ch in short)


def may_abbreviate(short: str, long: str) -> bool:
    """The rule, for two names of one region without their level word."""
    kind = institution_type(short)
    return (len(short) < len(long) and kind is not None and kind == institution_type(long)
            and in_order(short, long))


@dataclass(frozen=True)
class Observed:
    """A unit name as a build's task_units has it."""

    unit: str
    region: str | None
    match: str
    kind: str


@dataclass(frozen=True)
class Suggestion:
    short: str
    long: str
    region: str
    long_is_known: bool
    """The long form is already a canonical name of the table (else accepting
    the suggestion adds it as a name of the region too)."""
    short_units: tuple[str, ...]
    long_units: tuple[str, ...]
    """The unit names, as written in the notices, behind each side."""


def _stem(unit: str) -> str:
    return without_second_name(unit[1:])


def suggest(observed: Iterable[Observed], table: AliasTable) -> list[Suggestion]:
    """Pairs (unknown short name, long name) of one region the rule proposes.

    Long names are the region's other unit names in the corpus and the
    table's names for the region and for any region (``local``).
    """
    by_region: dict[str, list[Observed]] = defaultdict(list)
    for o in observed:
        if o.region and level_word(o.unit):
            by_region[o.region].append(o)
    known = table.names(LOCAL)
    out: list[Suggestion] = []
    for region, units in sorted(by_region.items()):
        region_known = known | table.names(region)
        corpus: dict[str, set[str]] = defaultdict(set)
        for o in units:
            corpus[_stem(o.unit)].add(o.unit)
        shorts: dict[str, set[str]] = defaultdict(set)
        for o in units:
            if o.match == "none" and o.kind == "agency":
                shorts[_stem(o.unit)].add(o.unit)
        for short, short_units in sorted(shorts.items()):
            out.extend(Suggestion(short, long, region, long in region_known, tuple(sorted(short_units)),
                                  tuple(sorted(corpus.get(long, ()))))
                       for long in sorted(region_known | set(corpus)) if may_abbreviate(short, long))
    return out
