"""Structuring: task tables of a document → one :class:`Task` per task row.

Format-agnostic: it sees only the document model. The rules are general ones:

* a task table is found by its header's meaning (:mod:`pipeline.structure.columns`);
* the hierarchy comes from the markers in the cells (一、 section, （一）
  subsection, 1. task), wherever they stand: a row whose only content is a
  heading (merged across the table or written in the first cell) is a heading
  row, and so is a row numbered 一 or （一） in its number cell that leaves its
  unit and deadline cells empty, unless the table numbers its tasks so
  (:func:`pipeline.structure.columns.heading_rows`); a heading cell spanning
  several rows heads each row it covers;
* a row that a page break started is the rest of the task above it, unless
  it opens a task of its own (a number, a 序号, a heading): its cells are
  joined to that task's (see ``_TableReader._is_continuation``);
* a document with no task table gets its tasks from numbered paragraphs with
  unit lines (:mod:`pipeline.structure.prose_tasks`).
"""

from __future__ import annotations

from collections.abc import Sequence

from cjk.text import join_lines
from extractors.model import Document, Slot, Table
from pipeline.normalize.text import join_prose, prose
from pipeline.structure.columns import (
    ColumnMap,
    find_header,
    header_key,
    heading_rows,
    is_heading,
    is_heading_rest,
)
from pipeline.structure.headings import State, Task, heading_title, item, lowest
from pipeline.structure.markers import SECTION, SUBSECTION, number_cell, parse_marker
from pipeline.structure.prose_tasks import prose_tasks
from pipeline.vocabulary import COLUMN_JOINER, UNIT_COLUMN_ROLES

__all__ = ["Task", "structure_tasks"]


def _join_raw(first: str, second: str) -> str:
    """Raw cell text broken by a page end: joined as a wrap, since a page end
    falls where the line ran out of room (``市委编办（市审`` + ``改办）``)."""
    return join_lines(f"{first}\n{second}")


def _slot_text(slot: Slot | None) -> str:
    return slot.text if slot is not None else ""


def _score(slots: Sequence[Slot | None]) -> float | None:
    """Lowest OCR score of the cells a row's task is read from."""
    return lowest(*(s.cell.score for s in slots if s is not None))


def _is_empty(slot: Slot | None) -> bool:
    """Empty of its own: no cell, or a cell of its own with no text."""
    return slot is None or (not slot.covered and not slot.text.strip())


def _row_pages(slots: Sequence[Slot | None], row_page: int | None) -> list[int]:
    pages = [s.cell.page for s in slots if s is not None and not s.covered and s.cell.page is not None]
    return pages or ([row_page] if row_page is not None else [])


def _carry_span(grid: list[list[Slot | None]], r: int, col: int, above: Slot) -> None:
    """Make the empty cell at (r, col) and every slot it spans show *above*, the cell above it."""
    here = grid[r][col]
    carried = Slot(above.cell, covered=True)
    if here is None:
        grid[r][col] = carried
        return
    for row in grid[r:]:
        slot = row[col]
        if slot is not None and slot.cell is here.cell:
            row[col] = carried


class _TableReader:
    """Reads the task rows of one table under one column map."""

    def __init__(self, table_no: int, columns: ColumnMap, state: State) -> None:
        self.table_no = table_no
        self.columns = columns
        self.state = state
        self.tasks: list[Task] = []
        self.heading_cols: dict[int, int] = {}
        """Columns whose cell in the last task row was a heading → its level:
        where the rest of a heading a page end broke is found."""

    def read(self, table: Table, first_row: int) -> None:
        grid = [list(row) for row in table.grid()]  # page breaks carry spans into it (_carry_span)
        headings = heading_rows(table, first_row, self.columns.field_cols())
        for r in range(first_row, len(table.rows)):
            row = table.rows[r]
            own = list(grid[r])
            continuation = row.continues_on_new_page and bool(self.tasks) and self._is_continuation(own)
            if row.continues_on_new_page and r > first_row:
                self._continue_spans(grid, r)
            slots = grid[r]
            if row.is_header and self.columns.is_header_repeat([_slot_text(s) for s in slots]):
                continue
            if all(_is_empty(s) or s.covered for s in slots if s is not None):
                continue
            heading = headings.get(r)
            if heading:
                cell, marker = heading
                self.state.enter(marker.level, marker.number, marker.rest)
                self.heading_cols = {cell.col: marker.level}
            elif continuation:
                self._continue(own, _row_pages(own, row.page))
            else:
                self._task(slots, _row_pages(slots, row.page))

    def _continue_spans(self, grid: list[list[Slot | None]], r: int) -> None:
        """A cell merged over a page break shows up on the new page as an empty
        cell. It is taken for the merged cell continued when there is evidence
        of a span: the cell above already spanned rows on its page, or the empty
        cell spans rows itself (an empty cell of one row under a cell of one row
        stays empty: nothing tells it apart from a task with no unit)."""
        for col, (here, above) in enumerate(zip(grid[r], grid[r - 1], strict=True)):
            spans = (above is not None and above.cell.row_span > 1) or (here is not None and here.cell.row_span > 1)
            if _is_empty(here) and above is not None and above.text.strip() and spans:
                _carry_span(grid, r, col, above)

    def _is_continuation(self, slots: Sequence[Slot | None]) -> bool:
        """Whether a row a page break started is the rest of the task above it.

        A page end can break the title and unit cells as well as the
        requirement (``战相关政策措施的解读工作``, ``改办） 市发改委``), so text
        there alone does not make a new task. What does: a sequence number, a
        heading of its own in a grouping column, a task number opening the task
        or the requirement cell (江门 numbers its tasks in 具体要求), or, in a
        table whose tasks carry no numbers, any text in the task cell (it
        cannot be told from a new task). Text only where the last row held a
        heading is that heading's rest, even in the number column (a section
        row merged across the table stands there).
        """
        if is_heading_rest(slots, self.heading_cols):
            return True
        seq = self.columns.col("seq")
        if seq is not None and not _is_empty(slots[seq]):
            return False
        if any(is_heading(_slot_text(slots[c])) for c in self.columns.grouping):
            return False
        requirement = self.columns.col("requirement")
        if requirement is not None and item(prose(_slot_text(slots[requirement])))[0] is not None:
            return False
        task = self.columns.col("task")
        if task is None or _is_empty(slots[task]):
            return True
        if parse_marker(prose(_slot_text(slots[task]))) is not None:
            return False
        return self.tasks[-1].task_no is not None

    def _continue(self, slots: Sequence[Slot | None], pages: list[int]) -> None:
        def added(col: int | None) -> str | None:
            """The text the new page adds in column *col*; None when it adds none."""
            slot = None if col is None else slots[col]
            return None if slot is None or _is_empty(slot) else slot.text

        task = self.tasks[-1]
        slots = list(slots)
        for col, level in self.heading_cols.items():
            slot = slots[col]
            if slot is not None and not slot.covered and slot.text.strip():
                # The rest of a heading (``……规范化`` + ``程度。``): its own
                # field, and no other column shows it again.
                self._extend_heading(level, prose(slot.text))
                slots = [None if s is not None and s.cell is slot.cell else s for s in slots]
        if (text := added(self.columns.col("task"))) is not None:
            # The closing 。 may be all the next page holds of the title.
            task.title = heading_title(join_prose(task.title, prose(text)))
        for role in UNIT_COLUMN_ROLES:
            for col in self.columns.cols(role):
                if (text := added(col)) is not None:
                    attr = f"{role}_text"
                    setattr(task, attr, _join_raw(getattr(task, attr), text))
        if (text := added(self.columns.col("requirement"))) is not None:
            task.requirement = join_prose(task.requirement, prose(text))
        if (text := added(self.columns.col("deadline"))) is not None:
            task.deadline_text = join_prose(task.deadline_text, prose(text))
        for col, name in self.columns.extra.items():
            if (text := added(col)) is not None:
                task.extra[name] = join_prose(task.extra.get(name, ""), prose(text))
        if pages:
            task.page_end = max([*pages, task.page_end or 0])
        task.add_score(_score(slots))

    def _extend_heading(self, level: int, more: str) -> None:
        """The rest of a heading broken by a page end: its title grows, in the
        headings in force and in the tasks already read under it."""
        old, new = self.state.extend(level, more)
        field = "section_title" if level == SECTION else "subsection_title"
        for task in self.tasks:
            if getattr(task, field) == old:
                setattr(task, field, new)

    def _enter_groups(self, slots: Sequence[Slot | None]) -> dict[str, str]:
        """Enter the headings of the grouping columns (merged or not) in level
        order; return what they hold besides headings, as extras."""
        headings, other = [], {}
        for col in self.columns.grouping:
            text = prose(_slot_text(slots[col]))
            marker = parse_marker(text)
            if marker and marker.level in (SECTION, SUBSECTION):
                headings.append((marker.level, marker.number, marker.rest))
                self.heading_cols[col] = marker.level
            elif text:
                other[header_key(self.columns.header_rows[-1][col]) or str(col + 1)] = text
        for heading in sorted(headings):
            self.state.enter(*heading)
        return other

    def _task(self, slots: Sequence[Slot | None], pages: list[int]) -> None:
        def text(role: str) -> str:
            return COLUMN_JOINER.join(t for c in self.columns.cols(role) if (t := _slot_text(slots[c]).strip()))

        self.heading_cols = {}
        extra = self._enter_groups(slots)
        title = prose(text("task"))
        marker = parse_marker(title)
        if marker and marker.level in (SECTION, SUBSECTION):
            # The task cell heads a group of rows (it spans them, or repeats).
            self.state.enter(marker.level, marker.number, marker.rest)
            self.heading_cols.update(dict.fromkeys(self.columns.cols("task"), marker.level))
            title = ""
        task_no, title = item(title)
        requirement = prose(text("requirement"))
        if task_no is None:
            task_no, requirement = item(requirement)
        if task_no is None and (number := number_cell(prose(text("seq")))) is not None:
            task_no = number.number  # 1, 1、 or, in a table that numbers its tasks so, 一
        extra.update({name: prose(_slot_text(slots[c])) for c, name in self.columns.extra.items()
                      if _slot_text(slots[c]).strip()})
        self.tasks.append(
            Task(
                **self.state.headings(),
                table_no=self.table_no,
                task_no=task_no,
                title=heading_title(title),
                requirement=requirement,
                lead_text=text("lead"),
                responsible_text=text("responsible"),
                deadline_text=prose(text("deadline")),
                page_start=min(pages) if pages else None,
                page_end=max(pages) if pages else None,
                extra=extra,
                ocr_score=_score(slots),
            )
        )


def structure_tasks(document: Document) -> list[Task]:
    """Every task of every task table in the document, in reading order; the
    numbered paragraphs with unit lines of a document that has no task table."""
    tasks: list[Task] = []
    reader: _TableReader | None = None
    previous: Table | None = None
    table_no = 0
    for table in document.tables():
        found = find_header(table)
        if found is not None:
            first_row, columns = found
            table_no += 1
            reader = _TableReader(table_no, columns, State())
            reader.read(table, first_row)
            tasks.extend(reader.tasks)
        elif reader is not None and previous is not None and table.n_cols == previous.n_cols:
            # A table split in two by an edit, sharing the header of the one before.
            before = len(reader.tasks)
            reader.read(table, 0)
            tasks.extend(reader.tasks[before:])
        else:
            reader = None
        previous = table
    return tasks or prose_tasks(document)
