"""The datasets as analysts read them: Excel workbook, DuckDB, and the data dictionary's claims."""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import openpyxl
import pandas as pd
import pyarrow as pa
import pytest

from pipeline.datasets.records import DATASETS
from pipeline.datasets.xlsx import WORKBOOK_NAME, cell_value


def test_workbook_has_a_sheet_per_dataset_with_every_row(built_output):
    workbook = openpyxl.load_workbook(built_output / WORKBOOK_NAME, read_only=False)
    assert workbook.sheetnames == list(DATASETS)
    for name in DATASETS:
        sheet = workbook[name]
        frame = pd.read_parquet(built_output / f"{name}.parquet")
        assert [c.value for c in sheet[1]] == list(frame.columns)
        assert sheet.max_row == len(frame) + 1
        assert sheet.freeze_panes == "A2"


def test_workbook_cells_are_typed_and_readable(built_output):
    sheet = openpyxl.load_workbook(built_output / WORKBOOK_NAME)["tasks"]
    header = [c.value for c in sheet[1]]
    first = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert isinstance(first["seq"], int)
    assert "市政府各部门；市政府各直属机构" in first["responsible_units"]
    widths = {c: sheet.column_dimensions[c].width for c in ("A", "J")}
    assert widths["J"] > widths["A"]  # the requirement column is the wide one


def test_cell_value_keeps_text_as_text():
    assert cell_value(["甲", "乙"]) == "甲；乙"
    assert cell_value(dt.date(2018, 6, 12)) == dt.date(2018, 6, 12)
    assert cell_value("a\x0bb") == "ab"


def test_duckdb_counts_equal_pandas(built_output):
    tasks_path = (built_output / "tasks.parquet").as_posix()
    by_duckdb = dict(duckdb.sql(
        f"SELECT unit, count(*) FROM (SELECT unnest(lead_units) AS unit FROM read_parquet('{tasks_path}')) "
        "GROUP BY unit"
    ).fetchall())
    tasks = pd.read_parquet(tasks_path)
    by_pandas = tasks.explode("lead_units").dropna(subset=["lead_units"]).groupby("lead_units").size().to_dict()
    assert by_duckdb == by_pandas and "市委编办（市审改办）" in by_pandas
    units = pd.read_parquet(built_output / "task_units.parquet")
    assert units[units.role == "lead"].groupby("unit").size().to_dict() == by_pandas


@pytest.mark.parametrize("name", list(DATASETS))
def test_types_arrive_as_the_data_dictionary_says(built_output, name):
    """docs/schema.md promises how each Arrow type looks in pandas; hold it to that."""
    frame = pd.read_parquet(built_output / f"{name}.parquet")
    for field in DATASETS[name].schema:
        column = frame[field.name]
        values = column.dropna()
        if pa.types.is_int32(field.type):
            assert column.dtype == pd.Int32Dtype(), field.name
        elif pa.types.is_list(field.type):
            assert all(isinstance(v, np.ndarray) for v in column), field.name
        elif pa.types.is_date32(field.type):
            assert all(isinstance(v, dt.date) for v in values), field.name
        elif pa.types.is_string(field.type):
            assert all(isinstance(v, str) for v in values), field.name
        elif pa.types.is_boolean(field.type):
            assert column.dtype == bool, field.name
