"""Structuring: task tables of a document → one :class:`Task` per task row.

Format-agnostic: it sees only the document model. The rules are general ones:

* a task table is found by its header's meaning (:mod:`pipeline.columns`);
* the hierarchy comes from the markers in the cells (一、 section, （一）
  subsection, 1. task), wherever they stand: a row whose only content is a
  heading (merged across the table or written in the first cell) is a heading
  row; a heading cell spanning several rows heads each row it covers;
* a row that a page break started, with nothing in the task and unit columns,
  is the rest of the task above it and is joined to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.model import Document, Slot, Table
from pipeline.columns import ColumnMap, find_header
from pipeline.markers import CIRCLED, ITEM, SECTION, SUBITEM, SUBSECTION, parse_marker
from pipeline.text import join_prose, prose
from pipeline.vocabulary import UNIT_COLUMN_ROLES


ITEM_LEVELS = (ITEM, SUBITEM, CIRCLED)


@dataclass
class Task:
    """One task as the notice states it; unit cells are still raw text."""

    table_no: int
    task_no: int | None
    section_no: int | None
    section_title: str | None
    subsection_no: int | None
    subsection_title: str | None
    title: str
    requirement: str
    lead_text: str
    responsible_text: str
    deadline_text: str
    page_start: int | None
    page_end: int | None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class _Heading:
    number: int | None = None
    title: str | None = None


@dataclass
class _State:
    section: _Heading = field(default_factory=_Heading)
    subsection: _Heading = field(default_factory=_Heading)

    def enter(self, level: int, number: int, title: str) -> None:
        if level == SECTION:
            if (self.section.number, self.section.title) != (number, title):
                self.section = _Heading(number, title)
                self.subsection = _Heading()
        elif level == SUBSECTION:
            self.subsection = _Heading(number, title)


def _join_raw(first: str, second: str) -> str:
    """Raw cell text broken by a page end: a line break, like any wrap."""
    return f"{first}\n{second}" if first and second else first or second


def _slot_text(slot: Slot | None) -> str:
    return slot.text if slot is not None else ""


def _is_empty(slot: Slot | None) -> bool:
    """Empty of its own: no cell, or a cell of its own with no text."""
    return slot is None or (not slot.covered and not slot.text.strip())


def _row_pages(slots: list[Slot | None], row_page: int | None) -> list[int]:
    pages = [s.cell.page for s in slots if s is not None and not s.covered and s.cell.page is not None]
    return pages or ([row_page] if row_page is not None else [])


def _heading_only(slots: list[Slot | None]) -> tuple[int, int, str] | None:
    """(level, number, title) when the row holds nothing but one heading."""
    own = {id(s.cell): s for s in slots if s is not None and not s.covered and s.text.strip()}
    if len(own) != 1:
        return None
    marker = parse_marker(prose(next(iter(own.values())).text))
    if marker is None or marker.level not in (SECTION, SUBSECTION):
        return None
    return marker.level, marker.number, marker.rest


class _TableReader:
    """Reads the task rows of one table under one column map."""

    def __init__(self, table_no: int, columns: ColumnMap, state: _State) -> None:
        self.table_no = table_no
        self.columns = columns
        self.state = state
        self.tasks: list[Task] = []

    def read(self, table: Table, first_row: int) -> None:
        grid = table.grid()
        for r in range(first_row, len(table.rows)):
            row = table.rows[r]
            slots = grid[r]
            if row.is_header and self.columns.is_header_repeat([_slot_text(s) for s in slots]):
                continue
            if all(_is_empty(s) or s.covered for s in slots if s is not None):
                continue
            heading = _heading_only(slots)
            if heading:
                self.state.enter(*heading)
            elif row.continues_on_new_page and self.tasks and self._is_continuation(slots):
                self._continue(slots, _row_pages(slots, row.page))
            else:
                self._task(slots, _row_pages(slots, row.page))

    def _is_continuation(self, slots: list[Slot | None]) -> bool:
        """Whether a row a page break started is the rest of the task above it.

        A page end can break the title and unit cells as well as the
        requirement (``战相关政策措施的解读工作``, ``改办） 市发改委``), so text
        there alone does not make a new task. What does: a sequence number, a
        marker opening the task cell, or, in a table whose tasks carry no
        numbers, any text in the task cell (it cannot be told from a new task).
        """
        seq = self.columns.col("seq")
        if seq is not None and not _is_empty(slots[seq]):
            return False
        task = self.columns.col("task")
        if task is None or _is_empty(slots[task]):
            return True
        if parse_marker(prose(_slot_text(slots[task]))) is not None:
            return False
        return self.tasks[-1].task_no is not None

    def _continue(self, slots: list[Slot | None], pages: list[int]) -> None:
        task = self.tasks[-1]
        title = self.columns.col("task")
        if title is not None and not _is_empty(slots[title]):
            task.title = join_prose(task.title, prose(slots[title].text))
        for role in UNIT_COLUMN_ROLES:
            col = self.columns.col(role)
            if col is not None and not _is_empty(slots[col]):
                attr = f"{role}_text"
                setattr(task, attr, _join_raw(getattr(task, attr), slots[col].text))
        req = self.columns.col("requirement")
        if req is not None and not _is_empty(slots[req]):
            task.requirement = join_prose(task.requirement, prose(slots[req].text))
        deadline = self.columns.col("deadline")
        if deadline is not None and not _is_empty(slots[deadline]):
            task.deadline_text = join_prose(task.deadline_text, prose(slots[deadline].text))
        for col, name in self.columns.extra.items():
            if not _is_empty(slots[col]):
                task.extra[name] = join_prose(task.extra.get(name, ""), prose(slots[col].text))
        if pages:
            task.page_end = max(pages + [task.page_end or 0])

    def _task(self, slots: list[Slot | None], pages: list[int]) -> None:
        def text(role: str) -> str:
            col = self.columns.col(role)
            return _slot_text(slots[col]) if col is not None else ""

        title = prose(text("task"))
        marker = parse_marker(title)
        if marker and marker.level in (SECTION, SUBSECTION):
            # The task cell heads a group of rows (it spans them, or repeats).
            self.state.enter(marker.level, marker.number, marker.rest)
            title, marker = "", None
        task_no: int | None = None
        if marker and marker.level in ITEM_LEVELS:
            task_no, title = marker.number, marker.rest
        requirement = prose(text("requirement"))
        if task_no is None:
            marker = parse_marker(requirement)
            if marker and marker.level in ITEM_LEVELS:
                task_no, requirement = marker.number, marker.rest
        if task_no is None:
            seq = prose(text("seq")).rstrip("、.．")
            task_no = int(seq) if seq.isdigit() else None
        self.tasks.append(
            Task(
                table_no=self.table_no,
                task_no=task_no,
                section_no=self.state.section.number,
                section_title=self.state.section.title,
                subsection_no=self.state.subsection.number,
                subsection_title=self.state.subsection.title,
                title=title,
                requirement=requirement,
                lead_text=text("lead"),
                responsible_text=text("responsible"),
                deadline_text=prose(text("deadline")),
                page_start=min(pages) if pages else None,
                page_end=max(pages) if pages else None,
                extra={name: prose(_slot_text(slots[c])) for c, name in self.columns.extra.items()
                       if _slot_text(slots[c]).strip()},
            )
        )


def structure_tasks(document: Document) -> list[Task]:
    """Every task of every task table in the document, in reading order."""
    tasks: list[Task] = []
    reader: _TableReader | None = None
    previous: Table | None = None
    table_no = 0
    for table in document.tables():
        found = find_header(table)
        if found is not None:
            header_row, columns = found
            table_no += 1
            reader = _TableReader(table_no, columns, _State())
            reader.read(table, header_row + 1)
            tasks.extend(reader.tasks)
        elif reader is not None and previous is not None and table.n_cols == previous.n_cols:
            # A table split in two by an edit, sharing the header of the one before.
            before = len(reader.tasks)
            reader.read(table, 0)
            tasks.extend(reader.tasks[before:])
        else:
            reader = None
        previous = table
    return tasks
