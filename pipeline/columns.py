"""Finding a task table's header and mapping its columns by meaning.

A header cell is read with all whitespace removed (``工 作 任 务``), then matched
against :data:`pipeline.vocabulary.COLUMN_SYNONYMS`: an exact synonym first,
else the longest synonym it contains (``具体工作要求`` → requirement). Columns
that mean nothing known, or repeat a role already taken, are kept as extras
under their header text rather than dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extractors.model import Table
from pipeline.vocabulary import COLUMN_SYNONYMS

HEADER_SCAN_ROWS = 4
"""How far down a table its header may start (a caption row may come first)."""

_BY_SYNONYM = {syn: role for role, syns in COLUMN_SYNONYMS.items() for syn in syns}
_LONGEST_FIRST = sorted(_BY_SYNONYM, key=len, reverse=True)


def header_key(text: str) -> str:
    return regex.sub(r"\s+", "", text)


def column_role(header: str) -> str | None:
    """The role a header text names, or None."""
    key = header_key(header)
    if not key or len(key) > 12:
        return None
    if key in _BY_SYNONYM:
        return _BY_SYNONYM[key]
    return next((_BY_SYNONYM[s] for s in _LONGEST_FIRST if s in key), None)


@dataclass
class ColumnMap:
    roles: dict[str, int]
    """role → column index."""
    extra: dict[int, str] = field(default_factory=dict)
    """column index → header text, for columns with no (free) role."""
    header: tuple[str, ...] = ()

    def col(self, role: str) -> int | None:
        return self.roles.get(role)

    def is_header_repeat(self, texts: list[str]) -> bool:
        return tuple(header_key(t) for t in texts) == tuple(header_key(t) for t in self.header)


def map_columns(texts: list[str]) -> ColumnMap:
    roles: dict[str, int] = {}
    extra: dict[int, str] = {}
    for col, text in enumerate(texts):
        role = column_role(text)
        if role is not None and role not in roles:
            roles[role] = col
        elif header_key(text):
            extra[col] = header_key(text)
    return ColumnMap(roles=roles, extra=extra, header=tuple(texts))


def _is_task_header(columns: ColumnMap) -> bool:
    has_content = "task" in columns.roles or "requirement" in columns.roles
    return has_content and len(columns.roles) >= 2


def find_header(table: Table) -> tuple[int, ColumnMap] | None:
    """(row index, column map) of the table's header, or None if it is no task table."""
    grid = table.grid()
    for r in range(min(HEADER_SCAN_ROWS, len(grid))):
        texts = [slot.text if slot is not None else "" for slot in grid[r]]
        columns = map_columns(texts)
        if _is_task_header(columns):
            return r, columns
    return None
