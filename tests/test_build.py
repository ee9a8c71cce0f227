"""`python -m pipeline build`: datasets an analyst can load as they are."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.datasets.records import DATASETS
from pipeline.datasets.writers import csv_value
from tests.conftest import QZB, QZB_DOCX, ROOT


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    src = tmp_path_factory.mktemp("in")
    (src / "2018").mkdir()
    for name in QZB_DOCX:
        shutil.copy(QZB / name, src / "2018" / name)
    (src / "README.txt").write_text("not a notice")
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(src), str(out), "--quiet"]) == 0
    return out


def test_every_dataset_written_with_its_schema(built):
    for name, dataset in DATASETS.items():
        assert pq.read_schema(built / f"{name}.parquet").remove_metadata().equals(dataset.schema.remove_metadata())
        assert (built / f"{name}.csv").exists()


def test_tasks_load_in_pandas_without_object_surprises(built):
    tasks = pd.read_parquet(built / "tasks.parquet")
    assert len(tasks) == 84
    object_columns = {c for c in tasks.columns if tasks[c].dtype == object}
    # pandas maps Parquet date32 to datetime.date objects by default
    assert object_columns == {"lead_units", "responsible_units", "extra", "deadline_date"}
    assert str(tasks["task_no"].dtype) == "Int32" and str(tasks["page_start"].dtype) == "Int32"
    row = tasks[tasks["task_no"] == 5].iloc[0]
    assert list(row["lead_units"]) == ["市工商局", "市委编办（市审改办）"]


def test_manifest_lists_inputs_recursively_with_relative_paths(built):
    manifest = pd.read_parquet(built / "manifest.parquet").set_index("source_path")
    assert sorted(manifest.index) == sorted([*(f"2018/{n}" for n in QZB_DOCX), "README.txt"])
    notices = manifest.drop("README.txt")
    assert set(notices["status"]) == {"ok"} and list(notices["n_tasks"]) == [42, 42]
    assert tuple(manifest.loc["README.txt", ["status", "error_code"]]) == ("skipped", "unsupported_kind")


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


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_csv_cell_is_its_parquet_value_as_text(built, name):
    """The CSV is written straight from the records, column by column; it says
    what the Parquet file holds, each value as :func:`csv_value` writes it
    (empty for null, lists joined by ；, maps as JSON, dates ISO, floats .3f)."""
    with open(built / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    table = pq.read_table(built / f"{name}.parquet")
    assert header == table.column_names
    assert rows == [[csv_value(v) for v in row.values()] for row in table.to_pylist()]
    assert rows or name == "task_links"


def test_task_units_count_per_lead_unit(built):
    units = pd.read_parquet(built / "task_units.parquet")
    leads = units[units["role"] == "lead"].groupby("unit").size()
    # 市委编办（市审改办） leads tasks 3, 5, 18, 19, 22, 25, 27, 28 in each rendering
    assert leads["市委编办（市审改办）"] == 8 * 2


def test_a_build_writes_its_datasets_without_pandas(tmp_path):
    """pandas is for the analysts: a build writes Parquet and CSV with pyarrow
    alone (which would import pandas, 0.2-0.5 s of CPU, on its first conversion
    of Python lists), and with the same values (test_parquet_metadata.py)."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(QZB / QZB_DOCX[0], inputs / "a.docx")
    script = "import sys; from pipeline.cli import main; code = main(sys.argv[1:]); print(code, 'pandas' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", script, "build", str(inputs), str(tmp_path / "out"), "-q", "--xlsx"],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    assert run.stdout.split()[-2:] == ["0", "False"]
    assert len(pd.read_parquet(tmp_path / "out" / "tasks.parquet")) == 42
    assert len(pd.read_excel(tmp_path / "out" / "notices.xlsx", sheet_name="tasks")) == 42


def test_usage_errors_exit_2(tmp_path):
    run = subprocess.run([sys.executable, "-m", "pipeline", "build", str(tmp_path / "missing"), str(tmp_path)],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "does not exist" in run.stderr
    run = subprocess.run([sys.executable, "-m", "pipeline", "frobnicate"], capture_output=True, text=True)
    assert run.returncode == 2


def test_documents_carry_notice_metadata_typed(built):
    docs = pd.read_parquet(built / "documents.parquet")
    schema = pq.read_schema(built / "documents.parquet")
    assert str(schema.field("printed_date").type) == "date32[day]"
    assert schema.field("addressees").type.value_type == "string"
    row = docs.iloc[0]
    assert (row["doc_agency"], row["doc_year"], row["doc_serial"]) == ("泉政办", 2018, 51)
    assert (row["publicity"], row["attachment_title"]) == ("主动公开", "2018年政务公开工作主要任务分解表")
    assert (row["printing_office"], str(row["printed_date"])) == ("泉州市人民政府办公室", "2018-06-13")
    assert list(row["addressees"])[:2] == ["各县（市、区）人民政府", "泉州开发区管委会"]
    assert list(row["cc"])[-1] == "市工商联"


def test_citations_of_body_and_tasks(built):
    citations = pd.read_parquet(built / "citations.parquet")
    one_doc = citations[citations["doc_id"] == citations["doc_id"].iloc[0]]
    body = one_doc[one_doc["seq"].isna()]
    assert list(body["cited_doc_number"]) == ["国办发〔2018〕23号", "闽政办〔2018〕43号"]
    tasks = one_doc[one_doc["seq"].notna()]
    by_task = dict(zip(tasks["seq"].astype(int), tasks["cited_doc_number"], strict=True))
    assert by_task == {7: "泉政办〔2018〕43号", 8: "泉政办〔2018〕42号", 9: "泉政办〔2018〕41号", 18: "泉政〔2017〕3号",
                       22: "泉政办〔2017〕184号", 29: "闽政办〔2017〕65号", 34: "闽政办〔2016〕179号"}
    assert one_doc["cited_title"].notna().all()
    assert "泉政办〔2018〕51号" not in set(citations["cited_doc_number"])


def test_task_deadlines_resolved_with_the_notice_year(built):
    tasks = pd.read_parquet(built / "tasks.parquet")
    row = tasks[tasks["task_no"] == 40].iloc[0]
    assert (row["deadline_text"], str(row["deadline_date"]), row["deadline_kind"]) == \
        ("2018年12月底前", "2018-12-31", "date")
    assert tasks[tasks["task_no"] == 21].iloc[0]["deadline_kind"] == "relative"
    assert tasks[tasks["task_no"] == 11].iloc[0]["deadline_text"] == "每年至少1次"
