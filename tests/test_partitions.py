"""`build --partition-by year`: hive folders that pandas, pyarrow.dataset and
DuckDB read as the same rows as the single files, and an incremental run that
rewrites only the years whose documents changed."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from pipeline.analysis.unit_review import observed_units
from pipeline.cli import main
from pipeline.datasets import partitions
from pipeline.datasets.records import DATASETS
from tests.conftest import QZB_DOCX
from tests.partitioned import YEARS, fill, inodes, rows

duckdb = pytest.importorskip("duckdb", reason="the notebook extra is not installed")


def build(inputs: Path, out: Path, *options: str) -> None:
    assert main(["build", str(inputs), str(out), "--quiet", *options]) == 0


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> tuple[Path, Path]:
    """The same inputs built as single files and partitioned by year."""
    root = tmp_path_factory.mktemp("partitions")
    inputs = fill(root / "in", YEARS)
    build(inputs, root / "single")
    build(inputs, root / "parts", "--partition-by", "year", "--xlsx")
    return root / "single", root / "parts"


def test_each_document_is_in_the_year_of_its_number_else_its_date(both):
    documents = pd.read_parquet(both[1] / "documents")
    assert dict(zip(documents.source_path, documents.year.astype(str), strict=True)) == YEARS
    assert sorted(p.name for p in (both[1] / "tasks").iterdir()) == ["year=2018", "year=2019", "year=unknown"]


@pytest.mark.parametrize("name", partitions.PARTITIONED)
def test_pandas_pyarrow_and_duckdb_read_the_single_files_rows(both, name):
    single, parts = both
    expected = rows(pq.read_table(single / f"{name}.parquet"), name)
    assert expected or name == "citations"
    assert rows(pa.Table.from_pandas(pd.read_parquet(parts / name), preserve_index=False), name) == expected
    dataset = ds.dataset(parts / name, format="parquet", partitioning="hive")
    assert rows(dataset.to_table(), name) == expected
    # DuckDB reads the folder through the top-level link, and types the columns from Parquet alone
    relation = duckdb.sql(f"SELECT * FROM read_parquet('{parts / name}/*/*.parquet', hive_partitioning = true)")
    assert rows(relation.to_arrow_table(), name) == expected


def test_types_come_from_parquet_not_from_pandas_metadata(both):
    schema = ds.dataset(both[1] / "tasks", format="parquet", partitioning="hive").schema
    assert schema.field("lead_units").type == pa.list_(pa.string())
    assert schema.field("deadline_date").type == pa.date32()
    assert schema.field("seq").type == pa.int32()
    types = {row[0]: row[1] for row in duckdb.sql(f"DESCRIBE SELECT * FROM '{both[1] / 'documents'}/*/*.parquet'").fetchall()}
    assert types["signed_date"] == "DATE" and types["addressees"] == "VARCHAR[]"
    signed = duckdb.sql(f"SELECT signed_date FROM '{both[1] / 'documents'}/year=2019/*.parquet'").fetchall()
    assert signed == [(dt.date(2019, 1, 27),)]  # 国发〔2019〕5号, 成文日期 2019年1月27日


def test_manifest_and_task_links_stay_single_files(both):
    single, parts = both
    for name in ("manifest", "task_links"):
        got = pq.read_table(parts / f"{name}.parquet").drop_columns(["seconds"] if name == "manifest" else [])
        want = pq.read_table(single / f"{name}.parquet").drop_columns(["seconds"] if name == "manifest" else [])
        assert got.to_pylist() == want.to_pylist()
    assert not (parts / "tasks.parquet").exists() and (parts / "csv" / "tasks" / "year=2018" / "part-0.csv").exists()


def test_per_year_csv_holds_the_years_rows(both):
    csv = pd.read_csv(both[1] / "csv" / "tasks" / "year=2018" / "part-0.csv", encoding="utf-8-sig")
    assert len(csv) == 2 * 42  # the two renderings of 泉政办〔2018〕51号; 国令第707号 has no task
    assert list(csv.columns) == DATASETS["tasks"].columns
    assert sorted(csv.title) == sorted(pd.read_parquet(both[1] / "tasks" / "year=2018").title)


def test_workbook_and_unit_review_read_the_partitioned_build(both):
    from openpyxl import load_workbook

    sheet = load_workbook(both[1] / "notices.xlsx", read_only=True)["tasks"]
    assert [c.value for c in next(sheet.iter_rows(max_row=1))] == DATASETS["tasks"].columns
    assert sheet.max_row - 1 == len(pd.read_parquet(both[0] / "tasks.parquet"))
    assert observed_units(both[1]) == observed_units(both[0])


def test_an_incremental_run_rewrites_only_the_changed_year(tmp_path):
    inputs = fill(tmp_path / "in", YEARS)
    out = tmp_path / "out"
    build(inputs, out, "--partition-by", "year")
    first = inodes(out)

    fill(inputs, ["江门-政府信息公开工作任务.docx"])  # a notice with no year: only year=unknown changes
    build(inputs, out, "--partition-by", "year")
    second = inodes(out)
    assert sorted(first) == sorted(second)
    rewritten = {path for path in second if first[path] != second[path]}
    assert rewritten == {path for path in second if "year=unknown" in path}
    assert len(rewritten) == 2 * len(partitions.PARTITIONED)  # a Parquet and a CSV file per dataset

    fresh = tmp_path / "fresh"
    build(inputs, fresh, "--partition-by", "year")
    for name in partitions.PARTITIONED:
        assert rows(pq.read_table(out / name), name) == rows(pq.read_table(fresh / name), name)

    (inputs / QZB_DOCX[1]).unlink()  # one of 2018's documents leaves: 2018 is rewritten without it
    build(inputs, out, "--partition-by", "year")
    third = inodes(out)
    assert {path for path in third if third[path] != second[path]} == {p for p in third if "year=2018" in p}
    assert set(pd.read_parquet(out / "documents").source_path) == set(YEARS) - {QZB_DOCX[1]} | {
        "江门-政府信息公开工作任务.docx"}

    build(inputs, out, "--partition-by", "year")  # nothing changed: every file carried
    assert inodes(out) == third


def test_a_year_larger_than_a_file_continues_in_the_next_part(tmp_path, monkeypatch):
    monkeypatch.setattr(partitions, "FILE_ROWS", 50)
    inputs = fill(tmp_path / "in", [QZB_DOCX[0], QZB_DOCX[1]])  # two notices of 42 tasks each, in 2018
    build(inputs, tmp_path / "out", "--partition-by", "year")
    folder = tmp_path / "out" / "tasks" / "year=2018"
    assert sorted(p.name for p in folder.iterdir()) == ["part-0.parquet", "part-1.parquet"]
    assert [pq.read_metadata(folder / f"part-{i}.parquet").num_rows for i in (0, 1)] == [42, 42]
    assert len(pd.read_parquet(tmp_path / "out" / "tasks")) == 84


def test_switching_layout_replaces_the_top_level_links(tmp_path):
    inputs = fill(tmp_path / "in", [QZB_DOCX[0]])
    out = tmp_path / "out"
    build(inputs, out, "--partition-by", "year")
    assert os.readlink(out / "tasks") == "current/tasks" and not (out / "tasks.parquet").exists()
    build(inputs, out)
    assert not (out / "tasks").exists() and not (out / "tasks").is_symlink()
    assert len(pd.read_parquet(out / "tasks.parquet")) == 42
    assert not (out / ".partitions.json").exists()
