"""`python -m pipeline build`: datasets an analyst can load as they are."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.records import DATASETS
from tests.conftest import QZB_DOCX, RAW


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    src = tmp_path_factory.mktemp("in")
    (src / "2018").mkdir()
    for name in QZB_DOCX:
        shutil.copy(RAW / name, src / "2018" / name)
    (src / "README.txt").write_text("not a notice")
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(src), str(out), "--quiet"]) == 0
    return out


def test_every_dataset_written_with_its_schema(built):
    for name, (_, schema) in DATASETS.items():
        assert pq.read_schema(built / f"{name}.parquet").remove_metadata().equals(schema.remove_metadata())
        assert (built / f"{name}.csv").exists()


def test_tasks_load_in_pandas_without_object_surprises(built):
    tasks = pd.read_parquet(built / "tasks.parquet")
    assert len(tasks) == 84
    object_columns = {c for c in tasks.columns if tasks[c].dtype == object}
    assert object_columns == {"lead_units", "responsible_units", "extra"}
    assert str(tasks["task_no"].dtype) == "Int32" and str(tasks["page_start"].dtype) == "Int32"
    row = tasks[tasks["task_no"] == 5].iloc[0]
    assert list(row["lead_units"]) == ["市工商局", "市委编办（市审改办）"]


def test_manifest_lists_inputs_recursively_with_relative_paths(built):
    manifest = pd.read_parquet(built / "manifest.parquet")
    assert sorted(manifest["source_path"]) == sorted(f"2018/{n}" for n in QZB_DOCX)
    assert set(manifest["status"]) == {"ok"} and list(manifest["n_tasks"]) == [42, 42]


def test_documents_one_row_per_notice_with_stable_id(built):
    docs = pd.read_parquet(built / "documents.parquet")
    assert list(docs["n_tasks"]) == [42, 42]
    assert all(docs["sha256"].str[:16] == docs["doc_id"])
    assert set(docs["source_format"]) == {"docx"}


def test_csv_opens_in_excel_with_chinese_and_joined_lists(built):
    raw = (built / "tasks.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    tasks = pd.read_csv(built / "tasks.csv", encoding="utf-8-sig")
    row = tasks[tasks["task_no"] == 5].iloc[0]
    assert row["lead_units"] == "市工商局；市委编办（市审改办）"
    assert row["section_title"] == "着力加强公开解读回应工作"


def test_task_units_count_per_lead_unit(built):
    units = pd.read_parquet(built / "task_units.parquet")
    leads = units[units["role"] == "lead"].groupby("unit").size()
    # 市委编办（市审改办） leads tasks 3, 5, 18, 19, 22, 25, 27, 28 in each rendering
    assert leads["市委编办（市审改办）"] == 8 * 2


def test_usage_errors_exit_2(tmp_path):
    run = subprocess.run([sys.executable, "-m", "pipeline", "build", str(tmp_path / "missing"), str(tmp_path)],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "does not exist" in run.stderr
    run = subprocess.run([sys.executable, "-m", "pipeline", "frobnicate"], capture_output=True, text=True)
    assert run.returncode == 2
