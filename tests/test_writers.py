"""The dataset writers: rows stream in file by file and come out in order, in
row groups of a bounded size, with the CSV saying what the Parquet holds."""

from __future__ import annotations

import csv

import pyarrow.parquet as pq

from pipeline.datasets.records import TaskUnitRecord
from pipeline.datasets.writers import DatasetFiles, DatasetWriter


def _unit(seq: int) -> TaskUnitRecord:
    return TaskUnitRecord(doc_id="3f2a9c0d1e4b5a67", seq=seq, role="lead", unit=f"单位{seq}",
                          unit_canonical=f"泉州市单位{seq}", unit_region=None if seq % 2 else "泉州市",
                          unit_match="none", unit_kind="agency")


def test_rows_are_written_in_order_in_bounded_row_groups(tmp_path, monkeypatch):
    monkeypatch.setattr(DatasetWriter, "CONVERT_ROWS", 2)
    monkeypatch.setattr(DatasetWriter, "BATCH_ROWS", 5)
    files = DatasetFiles(tmp_path, names=["task_units"])
    for first in (1, 4, 7, 10):  # four files of three rows
        files.add("task_units", [_unit(seq) for seq in range(first, first + 3)])
    files.add("task_units", [])
    files.close()
    parquet = pq.ParquetFile(tmp_path / "task_units.parquet")
    assert [parquet.metadata.row_group(i).num_rows for i in range(parquet.num_row_groups)] == [6, 6]
    table = parquet.read()
    assert table.column("seq").to_pylist() == list(range(1, 13))
    assert table.column("unit_region").to_pylist() == [None, "泉州市"] * 6
    with open(tmp_path / "task_units.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["seq"] for r in rows] == [str(n) for n in range(1, 13)]
    assert [r["unit_region"] for r in rows] == ["", "泉州市"] * 6


def test_a_dataset_without_rows_is_written_with_its_schema(tmp_path):
    files = DatasetFiles(tmp_path, names=["task_units"])
    files.close()
    table = pq.read_table(tmp_path / "task_units.parquet")
    assert table.num_rows == 0 and "unit_canonical" in table.column_names
    assert (tmp_path / "task_units.csv").read_text(encoding="utf-8-sig").startswith("doc_id,seq,role,unit,")
