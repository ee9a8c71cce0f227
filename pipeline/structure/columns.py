"""Finding a task table's header and mapping its columns by meaning.

A header cell is read with all whitespace removed (``工 作 任 务``), then matched
against :data:`pipeline.vocabulary.COLUMN_SYNONYMS`: an exact synonym first,
else the longest synonym it contains (``具体工作要求`` → requirement).

The header is found by meaning, not position: it may sit below a caption row,
and it may be split over two rows (a merged ``责任单位`` over ``牵头单位 |
配合单位``), in which case each column is named by its lower, more specific
cell. Columns may come in any order.

Content then settles what the header alone cannot. A column whose own cells are
(almost) all 一、/（一） headings groups the rows it spans: it is a *grouping*
column, not the task or requirement its header names (台山 heads its 一、 column
工作要求 and its numbered items 具体要求). When several columns still claim one
role, unit roles take them all (责任单位 and 配合单位 both name responsible
units), while a text role keeps the first and the others become extras. Columns
that mean nothing known are kept as extras under their header text rather than
dropped.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import regex

from extractors.model import Cell, Row, Slot, Table
from pipeline.normalize.text import prose
from pipeline.normalize.units import assign_roles
from pipeline.structure.markers import SECTION, SUBSECTION, Marker, number_cell, parse_marker
from pipeline.vocabulary import AGENCY_ENDINGS, COLUMN_SYNONYMS, EACH, EXTRA_COLUMNS, UNIT_COLUMN_ROLES

_SPACE = regex.compile(r"\s+")

HEADER_SCAN_ROWS = 4
"""How far down a table its header may start (a caption row may come first)."""

HEADING_COLUMN_SHARE = 0.8
"""A column whose own non-empty cells are at least this share of 一、/（一）
headings is a grouping column: a stray note among the headings must not turn it
back into the task column."""

UNIT_COLUMN_SHARE = 0.8
"""A column whose own non-empty cells are at least this share of unit lists is
a unit column: one cell such as ``共青团中央`` or ``全国`` must not stop it."""

MAX_UNIT_CHARS = 24
"""The longest unit name a unit list is taken to hold (市委宣传部（市政府新闻办）
is 13); a longer piece is a sentence."""

MAX_HEADER_CHARS = 12
"""A header names a column in a few words; a longer cell is content, even
when it contains a synonym (``工作任务完成情况要纳入考核``)."""

_BY_SYNONYM = {syn: role for role, syns in COLUMN_SYNONYMS.items() for syn in syns}
_LONGEST_FIRST = sorted(_BY_SYNONYM, key=len, reverse=True)


def header_key(text: str) -> str:
    return _SPACE.sub("", text)


def column_role(header: str) -> str | None:
    """The role a header text names, or None."""
    key = header_key(header)
    if not key or len(key) > MAX_HEADER_CHARS:
        return None
    if key in _BY_SYNONYM:
        return _BY_SYNONYM[key]
    return next((_BY_SYNONYM[s] for s in _LONGEST_FIRST if s in key), None)


def is_heading(text: str) -> bool:
    """Whether a cell text is a 一、 or （一） heading: the marker and a title.
    A marker alone (``（一）`` in a 序号 cell) numbers a row, it heads none."""
    marker = parse_marker(prose(text))
    return marker is not None and marker.level in (SECTION, SUBSECTION) and bool(marker.rest)


def heading_row(slots: Sequence[Slot | None]) -> tuple[Cell, Marker] | None:
    """(cell, marker) when a row holds nothing but one 一、/（一） heading: a
    heading row, whether its cell is merged across the table or the heading is
    written in one cell and the others are left empty."""
    own = _own(slots)
    if len(own) != 1:
        return None
    cell = own[0]
    marker = parse_marker(prose(cell.text))
    if marker is None or marker.level not in (SECTION, SUBSECTION):
        return None
    return cell, marker


def _own(slots: Sequence[Slot | None]) -> list[Cell]:
    """The cells of a row's own that hold text, in column order."""
    return [s.cell for s in slots if s is not None and not s.covered and s.text.strip()]


def _numbered_row(slots: Sequence[Slot | None], fields: Collection[int]) -> tuple[Cell, Marker, bool] | None:
    """(title cell, marker, carries a field) of a row whose number cell (its
    first cell of its own with text) holds a section or subsection marker and
    nothing else (``一``, ``一、``, ``（一）``) and which holds more text: a
    heading's title or a task's. *carries a field* tells whether a cell of its
    own in one of *fields* (the unit and deadline columns) holds text; a title
    merged over the rest of the row stands in them too and is none of them."""
    own = _own(slots)
    if len(own) < 2:
        return None
    number, title, *_ = own
    marker = number_cell(prose(number.text))
    if marker is None or marker.level not in (SECTION, SUBSECTION):
        return None
    carries = any(cell.col in fields and cell.col_span == 1 for cell in own[1:])
    return title, Marker(marker.level, marker.number, prose(title.text)), carries


def heading_rows(table: Table, first_row: int, fields: Collection[int]) -> dict[int, tuple[Cell, Marker]]:
    """Row index → (cell, marker) of each heading row below the header: a row
    that holds nothing but one 一、/（一） heading (:func:`heading_row`), and a
    row numbered 一 or （一） in its number cell whose unit and deadline cells
    (*fields*) are empty, the title in the cell after the number.

    Whether the numbered rows head tasks or are tasks the table decides: a
    table that numbers its tasks 一、二、 carries units or a deadline in some
    row so numbered, and then every row numbered at that level is a task (one
    without units too); so is every such row of a table that holds nothing
    else, for headings head tasks."""
    grid = table.grid()
    found: dict[int, tuple[Cell, Marker]] = {}
    numbered: dict[int, tuple[Cell, Marker]] = {}
    task_levels: set[int] = set()
    others = False
    for r in range(first_row, len(grid)):
        if (heading := heading_row(grid[r])) is not None:
            found[r] = heading
        elif (row := _numbered_row(grid[r], fields)) is not None and not row[2]:
            numbered[r] = row[:2]
        else:
            if row is not None:  # numbered 一 and carrying units or a deadline: a task
                task_levels.add(row[1].level)
            others = others or bool(_own(grid[r]))
    if others:
        found.update({r: heading for r, heading in numbered.items() if heading[1].level not in task_levels})
    return dict(sorted(found.items()))


def is_heading_rest(slots: Sequence[Slot | None], heading_cols: Collection[int]) -> bool:
    """Whether a row that a page break started is the rest of the heading the
    row before it held in *heading_cols*: it has text there and nowhere else,
    and no heading of its own (a section row merged across the table shows its
    rest across the table on the next page)."""
    own = [(c, s.text) for c, s in enumerate(slots) if s is not None and not s.covered and s.text.strip()]
    return bool(own) and all(c in heading_cols and not is_heading(text) for c, text in own)


@dataclass
class ColumnMap:
    roles: dict[str, tuple[int, ...]]
    """role → its column indexes, in table order (several only for unit roles)."""
    extra: dict[int, str] = field(default_factory=dict)
    """column index → header text, for columns with no (free) role."""
    grouping: tuple[int, ...] = ()
    """Columns holding 一、/（一） headings that head the rows they span."""
    header_rows: tuple[tuple[str, ...], ...] = ()
    """The header's row texts, to recognise a header repeated further down."""

    def col(self, role: str) -> int | None:
        cols = self.roles.get(role, ())
        return cols[0] if cols else None

    def cols(self, role: str) -> tuple[int, ...]:
        return self.roles.get(role, ())

    def field_cols(self) -> frozenset[int]:
        """The unit and deadline columns: what a task fills and a heading row leaves empty."""
        return frozenset(c for role in (*UNIT_COLUMN_ROLES, "deadline") for c in self.cols(role))

    def is_header_repeat(self, texts: list[str]) -> bool:
        keys = tuple(header_key(t) for t in texts)
        return any(keys == tuple(header_key(t) for t in row) for row in self.header_rows)


def _candidates(texts: list[str]) -> tuple[dict[str, list[int]], dict[int, str]]:
    """Columns per role the header names, and the header text of the others."""
    roles: dict[str, list[int]] = {}
    unknown: dict[int, str] = {}
    for col, text in enumerate(texts):
        role = column_role(text)
        if role is not None:
            roles.setdefault(role, []).append(col)
        elif header_key(text):
            unknown[col] = header_key(text)
    return roles, unknown


def map_columns(texts: list[str], grouping: frozenset[int] = frozenset()) -> ColumnMap:
    """Roles of the columns whose header texts are *texts*, given the grouping columns."""
    candidates, unknown = _candidates(texts)
    roles: dict[str, tuple[int, ...]] = {}
    extra = {col: name for col, name in unknown.items() if col not in grouping}
    for role, cols in candidates.items():
        free = [c for c in cols if c not in grouping]
        keep = free if role in UNIT_COLUMN_ROLES else free[:1]
        if keep:
            roles[role] = tuple(keep)
        for col in free:
            if col not in keep:
                extra[col] = header_key(texts[col])
    return ColumnMap(roles=roles, extra=_unique_names(extra), grouping=tuple(sorted(grouping)),
                     header_rows=(tuple(texts),))


def _unique_names(extra: dict[int, str]) -> dict[int, str]:
    """Extra column names made unique (two ``备注`` columns must not overwrite)."""
    seen: set[str] = set()
    out: dict[int, str] = {}
    for col in sorted(extra):
        name = extra[col] if extra[col] not in seen else f"{extra[col]}_{col + 1}"
        seen.add(name)
        out[col] = name
    return out


def _is_task_header(columns: ColumnMap) -> bool:
    has_content = "task" in columns.roles or "requirement" in columns.roles
    return has_content and len(columns.roles) >= 2


def _row_texts(row: Sequence[Slot | None]) -> list[str]:
    return [slot.text if slot is not None else "" for slot in row]


def _own_texts(row: Sequence[Slot | None]) -> list[str]:
    return [s.text for s in row if s is not None and not s.covered and s.text.strip()]


def _is_sub_header(row: Sequence[Slot | None]) -> bool:
    """A second header row: every cell of its own names a role (``牵头单位 | 配合单位``)."""
    own = _own_texts(row)
    return bool(own) and all(column_role(t) is not None and parse_marker(t) is None for t in own)


def _header_slots(rows: Sequence[Sequence[Slot | None]]) -> Sequence[Slot | None]:
    """Per column the header cell that names it: in a header of two rows the
    lower cell where the column has one of its own, else the upper."""
    top, *sub = rows
    if not sub:
        return top
    return [s if s is not None and not s.covered and s.text.strip() else t
            for t, s in zip(top, sub[0], strict=True)]


def _body(table: Table, first_row: int, fields: Collection[int]) -> list[tuple[Row, Sequence[Slot | None]] | None]:
    """The rows below the header as content detection reads them, None for a
    heading row whose heading belongs to no column (one merged across the
    table, or written in one cell of one row with the others empty, or
    numbered in the number cell with *fields* empty, :func:`heading_rows`) and
    for its rest on the next page when a page end broke it. Such a row heads
    tasks and is none; a heading cell spanning the rows below it is a grouping
    cell of its column and stays."""
    grid = table.grid()
    headings = heading_rows(table, first_row, fields)
    body: list[tuple[Row, Sequence[Slot | None]] | None] = []
    heading_cols: tuple[int, ...] = ()
    for r in range(first_row, len(grid)):
        row, slots = table.rows[r], grid[r]
        heading = headings.get(r)
        if heading is not None and heading[0].row_span == 1:
            heading_cols = (heading[0].col,)
            body.append(None)
        elif row.continues_on_new_page and is_heading_rest(slots, heading_cols):
            body.append(None)
        else:
            heading_cols = ()
            body.append((row, slots))
    return body


def _own_cell(slots: Sequence[Slot | None], col: int) -> str | None:
    slot = slots[col]
    return slot.text if slot is not None and not slot.covered and slot.text.strip() else None


def column_runs(table: Table, first_row: int, col: int, fields: Collection[int]) -> list[list[str]]:
    """A column's own non-empty cells in the task rows, in runs between heading
    rows; *fields* are the unit and deadline columns (:func:`heading_rows`)."""
    runs: list[list[str]] = [[]]
    for part in _body(table, first_row, fields):
        if part is None:
            runs.append([])
        elif (text := _own_cell(part[1], col)) is not None:
            runs[-1].append(text)
    return [run for run in runs if run]


def grouping_columns(table: Table, first_row: int, fields: Collection[int]) -> frozenset[int]:
    """Columns whose own non-empty cells in the task rows are (almost) all headings.

    The rest of a heading that a page end broke (``好公开。`` on the next page)
    is no cell of its own: it is not counted. Nor is a heading row merged
    across the table: it belongs to no column."""
    found: set[int] = set()
    body = [part for part in _body(table, first_row, fields) if part is not None]
    for col in range(table.n_cols):
        texts = [text for row, slots in body if (text := _own_cell(slots, col)) is not None
                 and (not row.continues_on_new_page or is_heading(text))]
        headings = sum(is_heading(t) for t in texts)
        if headings and headings >= HEADING_COLUMN_SHARE * len(texts):
            found.add(col)
    return frozenset(found)


def _header_candidates(grid: Sequence[Sequence[Slot | None]]
                       ) -> list[tuple[int, Sequence[Sequence[Slot | None]], list[str]]]:
    """(row, header rows, column texts) of every place a header may stand: each
    of the first rows alone, and with the row below when that one refines it."""
    found: list[tuple[int, Sequence[Sequence[Slot | None]], list[str]]] = []
    for r in range(min(HEADER_SCAN_ROWS, len(grid))):
        found.append((r, [grid[r]], _row_texts(grid[r])))
        if r + 1 < len(grid) and _is_sub_header(grid[r + 1]):
            rows = [grid[r], grid[r + 1]]
            found.append((r, rows, _row_texts(_header_slots(rows))))
    return found


def find_header(table: Table) -> tuple[int, ColumnMap] | None:
    """(first data row, column map) of a task table, or None if it is no task table.

    Of the candidate headers, the one naming the most roles wins (the earliest
    on a tie): a caption row above a two-row header would otherwise pass for
    the header's upper half.
    """
    grid = table.grid()
    best: tuple[int, int, Sequence[Sequence[Slot | None]], list[str]] | None = None
    for r, rows, texts in _header_candidates(grid):
        columns = map_columns(texts)
        if _is_task_header(columns) and (best is None or len(columns.roles) > best[0]):
            best = (len(columns.roles), r, rows, texts)
    if best is None:
        return None
    _, r, rows, named = best
    first_row = r + len(rows)
    # Content cannot name a unit column before heading rows are told from
    # task rows: the unit and deadline columns a heading row leaves empty are
    # those the header names.
    fields = map_columns(named).field_cols()
    texts = _own_headers(table, first_row, _header_slots(rows), fields)
    columns = map_columns(texts, grouping_columns(table, first_row, fields))
    if not {"task", "requirement"} & columns.roles.keys():
        # Headings are all the table has to say: they are its tasks.
        columns = map_columns(texts)
    columns.header_rows = tuple(tuple(_row_texts(row)) for row in rows)
    return first_row, _by_content(table, first_row, columns, texts, fields)


# -- what content says where the header cannot ----------------------------------------

def _own_headers(table: Table, first_row: int, header: Sequence[Slot | None], fields: Collection[int]) -> list[str]:
    """The header text of each column, where a header cell merged over several
    columns does not name those of them that count 1, 2, 3: ``重点任务`` over
    the number column and the task column names the task column, and content
    names the numbers."""
    texts = _row_texts(header)
    return ["" if slot is not None and slot.cell.col_span > 1
            and is_number_column(*column_runs(table, first_row, col, fields)) else texts[col]
            for col, slot in enumerate(header)]


def is_number_column(*runs: list[str]) -> bool:
    """Cells that count 1, 2, 3 … (from any start): a task number column.

    *runs* are the column's cells between heading rows; each counts on from
    the run before it or starts again at 1 (tasks numbered anew under each
    一、)."""
    last: int | None = None
    for run in runs:
        numbers = [prose(c).rstrip("、.．") for c in run]
        if not numbers or not all(n.isdigit() for n in numbers):
            return False
        counted = [int(n) for n in numbers]
        if last is not None and counted[0] not in (last + 1, 1):
            return False
        if not all(b == a + 1 for a, b in itertools.pairwise(counted)):
            return False
        last = counted[-1]
    return last is not None


_ALIAS = regex.compile(r"（[^（）]*）$")
"""A bracketed alias closing a unit name: 市委编办（市审改办）, 各镇（街）."""


def _is_unit(name: str) -> bool:
    stem = _ALIAS.sub("", name)
    return 0 < len(name) <= MAX_UNIT_CHARS and (stem.endswith(AGENCY_ENDINGS) or stem.startswith(EACH))


def is_unit_list(text: str) -> bool:
    """Whether a cell names agencies and nothing else (``国家发展改革委、商务部``,
    ``市财政局牵头，各镇（街）配合``): every name, its role words and an alias in
    brackets set aside, ends like an agency or is a 各… group."""
    units = [u for group in assign_roles(text, "responsible").values() for u in group]
    return bool(units) and all(_is_unit(u) for u in units)


def _by_content(table: Table, first_row: int, columns: ColumnMap, texts: list[str],
                fields: Collection[int]) -> ColumnMap:
    """Roles for the columns the header left without one (no header, or an
    unknown one), from their cells in the task rows: integers counting 1, 2, 3
    are the task numbers, lists of agencies are responsible units. Columns
    whose header names an extra field (推广范围) stay extras."""
    claimed = {c for cols in columns.roles.values() for c in cols} | set(columns.grouping)
    for col in range(table.n_cols):
        if col in claimed or header_key(texts[col]) in EXTRA_COLUMNS:
            continue
        runs = column_runs(table, first_row, col, fields)
        cells = [cell for run in runs for cell in run]
        if not cells:
            continue
        if "seq" not in columns.roles and is_number_column(*runs):
            role = "seq"
        elif sum(map(is_unit_list, cells)) >= UNIT_COLUMN_SHARE * len(cells):
            role = "responsible"
        else:
            continue
        columns.roles[role] = tuple(sorted((*columns.roles.get(role, ()), col)))
        columns.extra.pop(col, None)
    return columns
