"""The alias table of unit names: data files beside this module, read once.

Each row of ``aliases/*.csv`` says that, in a scope and a period, a name means
a canonical name:

- ``scope``: ``national`` (names of national bodies, matched as written),
  ``local`` (names of local bodies without their region: 发改委 in 市发改委,
  valid in any region) or one region (泉州市: only in that region's notices);
- ``kind``: ``name`` (the canonical name itself), ``short`` (a short form or
  another name of the same body) or ``reform`` (the name of a body an
  institutional reform replaced, read as its successor from the reform on);
- ``valid_from`` / ``valid_to``: inclusive ISO dates, empty for open;
- ``source``: where the row comes from.

The table is checked when it is read, so an edit that makes it ambiguous fails
at once: rows for one name in one scope must not overlap in time, and every
canonical name must itself be a ``name`` row of the scope (or, for a region,
of ``local``) valid when the row starts.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ALIAS_DIR = Path(__file__).resolve().parent / "aliases"
REVIEWED_FILE = "reviewed.csv"
"""The alias file in :data:`ALIAS_DIR` that ``units accept`` adds the rows a person accepted to."""
SUGGESTIONS_FILE = "unit_suggestions.csv"
"""The review file ``units suggest`` writes into OUTPUT_DIR, for a person to mark."""
COLUMNS = ("alias", "canonical", "scope", "kind", "valid_from", "valid_to", "source")
KINDS = ("name", "short", "reform")
NATIONAL, LOCAL = "national", "local"

_EARLIEST, _LATEST = dt.date.min, dt.date.max


@dataclass(frozen=True)
class Period:
    """Days a row holds, or days a notice may be dated (both ends inclusive)."""

    start: dt.date = _EARLIEST
    end: dt.date = _LATEST

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end


@dataclass(frozen=True)
class AliasRow:
    alias: str
    canonical: str
    scope: str
    kind: str
    valid: Period
    source: str
    where: str
    """file:line of the row, for error messages and the review of suggestions."""


class AliasTableError(ValueError):
    """The alias files contradict themselves; the message names the row."""


def _date(text: str, default: dt.date, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text) if text else default
    except ValueError:
        raise AliasTableError(f"{where}: {text!r} is not an ISO date (YYYY-MM-DD)") from None


def read_rows(path: Path) -> list[AliasRow]:
    """The rows of one alias file."""
    rows = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise AliasTableError(f"{path.name}: columns must be {', '.join(COLUMNS)}")
        for line, raw in enumerate(reader, start=2):
            where = f"{path.name}:{line}"
            cells = {k: (v or "").strip() for k, v in raw.items()}
            if not cells["alias"] or not cells["canonical"] or not cells["scope"]:
                raise AliasTableError(f"{where}: alias, canonical and scope are required")
            if cells["kind"] not in KINDS:
                raise AliasTableError(f"{where}: kind must be one of {', '.join(KINDS)}")
            if cells["kind"] == "name" and cells["alias"] != cells["canonical"]:
                raise AliasTableError(f"{where}: a name row has the same alias and canonical name")
            valid = Period(_date(cells["valid_from"], _EARLIEST, where), _date(cells["valid_to"], _LATEST, where))
            if valid.start > valid.end:
                raise AliasTableError(f"{where}: valid_from is after valid_to")
            rows.append(AliasRow(cells["alias"], cells["canonical"], cells["scope"], cells["kind"], valid,
                                 cells["source"], where))
    return rows


class AliasTable:
    """Lookup of (scope, name) → the rows for it, over every alias file."""

    def __init__(self, rows: list[AliasRow], version: str = "") -> None:
        self.version = version
        self._rows: dict[tuple[str, str], list[AliasRow]] = defaultdict(list)
        for row in rows:
            self._rows[row.scope, row.alias].append(row)
        self._check()

    def _check(self) -> None:
        for rows in self._rows.values():
            for i, a in enumerate(rows):
                for b in rows[i + 1:]:
                    if a.valid.overlaps(b.valid):
                        raise AliasTableError(f"{b.where}: overlaps {a.where} for {b.alias!r} in {b.scope}")
        for rows in self._rows.values():
            for row in rows:
                scopes = [row.scope] + ([LOCAL] if row.scope not in (NATIONAL, LOCAL) else [])
                at = Period(row.valid.start, row.valid.start)
                if not any(self.row(scope, row.canonical, at, kind="name") for scope in scopes):
                    raise AliasTableError(f"{row.where}: canonical {row.canonical!r} is no name row of "
                                          f"{' or '.join(scopes)} valid on {row.valid.start}")

    def row(self, scope: str, name: str, period: Period, kind: str | None = None) -> AliasRow | None:
        """The row that says what *name* means in *scope* for a notice dated in *period*.

        A row answers only when its validity holds for every day *period*
        allows, so a notice known only by its year is not resolved by a row
        that changes within that year.
        """
        for row in self._rows.get((scope, name), ()):
            if row.valid.contains(period) and (kind is None or row.kind == kind):
                return row
        return None

    def names(self, scope: str) -> set[str]:
        """Canonical names of a scope (the long forms the suggestion rule compares with)."""
        return {row.canonical for (s, _), rows in self._rows.items() if s == scope for row in rows}

    def regions(self) -> set[str]:
        return {scope for scope, _ in self._rows if scope not in (NATIONAL, LOCAL)}


def load(folder: Path = ALIAS_DIR) -> AliasTable:
    """Every ``*.csv`` of *folder*; the version is a digest of their bytes."""
    paths = sorted(folder.glob("*.csv"))
    digest = hashlib.sha256(b"".join(p.name.encode() + b"\0" + p.read_bytes() for p in paths)).hexdigest()
    return AliasTable([row for path in paths for row in read_rows(path)], version=digest[:12])


@functools.cache
def default_table() -> AliasTable:
    """The table shipped beside this module, read once per process."""
    return load()
