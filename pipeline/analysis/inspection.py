"""``python -m pipeline inspect FILE``: one notice's records in the terminal.

A quick look before a batch run: are the metadata, sections, tasks and units
what the notice says? It converts the file exactly as ``build`` does (same
:func:`pipeline.convert.convert`), so what it shows is what the datasets will
hold; ``--json`` prints those records for a script or a diff.

Nothing a notice or its file name holds reaches the terminal raw (a C1 ``CSI``
in a title, an ESC or a newline in a file name would drive the terminal or
break the table): values are escaped as the build's log lines are
(:func:`pipeline.run.names.printable`), except the line breaks a table cell
shows as lines of its own; the JSON escapes what :func:`json.dumps` leaves raw.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractors.model import ExtractionError
from pipeline.analysis.display_width import pad, text_width, wrap
from pipeline.convert import Converted, convert
from pipeline.datasets.records import LIST_SEPARATOR, TaskRecord, record_dict
from pipeline.run.names import printable, printable_lines, stored_path

SEPARATOR = " │ "
_RAW_IN_JSON = re.compile(r"[\x7f-\x9f\u2028\u2029\ud800-\udfff]")
"""What ``json.dumps(ensure_ascii=False)`` writes raw and a terminal may act on
(it escapes U+0000–U+001F itself); these occur only inside JSON strings."""


@dataclass(frozen=True)
class Column:
    """One column of the terminal task table."""

    header: str
    value: Callable[[TaskRecord], str]
    weight: int
    """Share of the free width; 0 for a column as wide as its widest value."""


def _units(units: list[str]) -> str:
    """One unit a line, each but the last ending in the CSV separator, so a unit
    wrapped over two lines still reads as one."""
    return (LIST_SEPARATOR + "\n").join(units)


def _pages(task: TaskRecord) -> str:
    if task.page_start is None:
        return ""
    return str(task.page_start) if task.page_end in (None, task.page_start) else f"{task.page_start}-{task.page_end}"


COLUMNS = [
    Column("序号", lambda t: "" if t.task_no is None else str(t.task_no), 0),
    Column("工作任务", lambda t: t.title or "", 3),
    Column("工作要求", lambda t: t.requirement or "", 6),
    Column("牵头单位", lambda t: _units(t.lead_units), 2),
    Column("责任单位", lambda t: _units(t.responsible_units), 3),
    Column("完成时限", lambda t: t.deadline_text or "", 2),
]
PAGES = Column("页码", _pages, 0)
MIN_WIDTH = 8


def column_widths(columns: list[Column], tasks: list[TaskRecord], total: int) -> list[int]:
    """Widths that fill *total* columns: fixed columns fit their content, the rest share what is left."""
    fixed = {
        i: max([text_width(c.header)] + [text_width(c.value(t)) for t in tasks])
        for i, c in enumerate(columns) if c.weight == 0
    }
    free = total - sum(fixed.values()) - len(SEPARATOR) * (len(columns) - 1)
    weights = sum(c.weight for c in columns)
    return [fixed[i] if i in fixed else max(MIN_WIDTH, free * c.weight // weights) for i, c in enumerate(columns)]


def _row_lines(cells: list[str], widths: list[int]) -> Iterator[str]:
    wrapped = [wrap(printable_lines(cell), width) for cell, width in zip(cells, widths, strict=True)]
    for n in range(max(len(w) for w in wrapped)):
        parts = [pad(w[n] if n < len(w) else "", width) for w, width in zip(wrapped, widths, strict=True)]
        yield SEPARATOR.join(parts).rstrip()


def _heading(task: TaskRecord, previous: TaskRecord | None) -> Iterator[str]:
    """Section and subsection lines above the first task under each heading."""
    if task.section_no is not None and (previous is None or previous.section_no != task.section_no
                                        or previous.table_no != task.table_no):
        yield printable(f"[{task.section_no}] {task.section_title or ''}")
    if task.subsection_no is not None and (previous is None or previous.subsection_no != task.subsection_no
                                           or previous.section_no != task.section_no):
        number = task.subsection_no if task.section_no is None else f"{task.section_no}.{task.subsection_no}"
        yield printable(f"  [{number}] {task.subsection_title or ''}")


def render_tasks(tasks: list[TaskRecord], total_width: int) -> list[str]:
    """The task table as lines no wider than *total_width* (unless too narrow for the minimum widths)."""
    columns = COLUMNS + ([PAGES] if any(t.page_start is not None for t in tasks) else [])
    widths = column_widths(columns, tasks, total_width)
    rule = "─" * min(total_width, sum(widths) + len(SEPARATOR) * (len(widths) - 1))
    lines = [*_row_lines([c.header for c in columns], widths), rule]
    previous = None
    for task in tasks:
        lines += _heading(task, previous)
        lines += _row_lines([c.value(task) for c in columns], widths)
        previous = task
    return lines


def _metadata_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(map(str, value))
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def render_metadata(converted: Converted, total_width: int) -> list[str]:
    """The document record (every field, so columns added later show too), pages,
    warnings and the file's own metadata (``file_*``: OFD DocInfo).

    Long values (title, 抄送 lists) wrap under themselves, past the field names.
    """
    fields = record_dict(converted.document) | {"n_pages": converted.n_pages, "warnings": converted.warnings}
    fields |= {f"file_{name}": value for name, value in converted.properties.items()}
    name_width = max(text_width(name) for name in fields)
    value_width = max(MIN_WIDTH, total_width - name_width - 2)
    lines = []
    for name, value in fields.items():
        first, *rest = wrap(printable(_metadata_value(value)), value_width)
        lines.append(f"{pad(name, name_width)}  {first}".rstrip())
        lines += [" " * (name_width + 2) + line for line in rest]
    return lines


def render_text(converted: Converted, total_width: int | None = None) -> str:
    """Metadata, a blank line, then the task table."""
    width = total_width or shutil.get_terminal_size(fallback=(160, 24)).columns
    return "\n".join([*render_metadata(converted, width), "", *render_tasks(converted.tasks, width)]) + "\n"


def _json_default(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def render_json(converted: Converted) -> str:
    """The same records as the datasets hold, plus the file's pages, warnings and own metadata."""
    payload = {
        "document": record_dict(converted.document),
        "n_pages": converted.n_pages,
        "warnings": converted.warnings,
        "properties": converted.properties,
        "tasks": [record_dict(t) for t in converted.tasks],
    }
    text = json.dumps(payload, ensure_ascii=False, indent=2, default=_json_default)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m[0]):04x}", text) + "\n"


def convert_file(path: Path) -> Converted | None:
    """One file's records as ``build`` makes them; None (after a message on stderr) when it cannot be read."""
    try:
        return convert(path.read_bytes(), stored_path(path.name))
    except OSError as exc:
        print(printable(f"error: cannot read {path}: {exc.strerror or exc}"), file=sys.stderr)
    except ExtractionError as exc:
        print(printable(f"error: {path}: {exc.code}: {exc.message}"), file=sys.stderr)
    return None


def inspect_file(path: Path, as_json: bool = False, width: int | None = None) -> bool:
    """Print one file's records; False (after a message on stderr) when it cannot be read."""
    converted = convert_file(path)
    if converted is None:
        return False
    sys.stdout.write(render_json(converted) if as_json else render_text(converted, width))
    return True
