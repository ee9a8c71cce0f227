"""One Excel workbook of all datasets (``build --xlsx`` → output/notices.xlsx).

The CSV files already open in Excel, one table per file; the workbook is for
analysts who want every table in one file, with numbers and dates typed (so
they sort and filter as such), the header row frozen and columns wide enough
for Chinese text. It is made from the Parquet files just written, so it holds
exactly what the datasets hold.

openpyxl is imported by the functions that need it, not with this module: the
batch imports this module, and a build without ``--xlsx`` should not pay for
openpyxl's import (0.1 s of CPU).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow.parquet as pq

from pipeline.analysis.display_width import text_width
from pipeline.datasets.atomic import atomic_write
from pipeline.datasets.records import DATASETS
from pipeline.datasets.writers import csv_value as csv_text
from pipeline.datasets.writers import dataset_source

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

WORKBOOK_NAME = "notices.xlsx"
MAX_COLUMN_WIDTH = 60
"""Wider text wraps inside its cell instead of making a column wider than a screen."""


def cell_value(value: Any) -> Any:
    """Numbers and dates as they are (Excel types them); everything else as its CSV text."""
    if value is None or isinstance(value, (bool, int, float, dt.date)):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    # Control characters in a file name (source_path; the text fields hold none, docs/normalization.md)
    # make openpyxl refuse the cell.
    return ILLEGAL_CHARACTERS_RE.sub("", csv_text(value))


def _longest_line(header: str, values: list[Any]) -> int:
    """Display width of the widest line in a column, header included."""
    return max([text_width(header)] + [
        text_width(line) for v in values if v is not None for line in str(v).splitlines()
    ])


def fill_sheet(sheet: Worksheet, header: list[str], rows: list[list[Any]]) -> None:
    """Header row in bold and frozen, a filter on every column, widths sized by display width."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.append(header)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # text such as "=…" is data here, never a formula
                cell.data_type = "s"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for i, name in enumerate(header, start=1):
        longest = _longest_line(name, [row[i - 1] for row in rows])
        sheet.column_dimensions[get_column_letter(i)].width = min(longest, MAX_COLUMN_WIDTH) + 2
        if longest > MAX_COLUMN_WIDTH:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_workbook(out_dir: Path) -> Path:
    """Write ``notices.xlsx`` beside the datasets in *out_dir*: one sheet per dataset file found."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the empty sheet a new workbook starts with
    for name in DATASETS:
        path = dataset_source(out_dir, name)
        if not path.exists():
            continue
        table = pq.read_table(path, columns=DATASETS[name].columns)  # a partitioned folder's `year` aside
        rows = [[cell_value(row[c]) for c in table.schema.names] for row in table.to_pylist()]
        fill_sheet(workbook.create_sheet(name), table.schema.names, rows)
    target = out_dir / WORKBOOK_NAME
    atomic_write(target, lambda p: workbook.save(p))
    return target
