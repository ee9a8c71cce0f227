"""A dataset row is declared once: schema, CSV header and data dictionary follow it.

The test adds a column the way a developer would (one field with ``column()``)
and checks that every derived artefact has it, typed and documented, with no
other edit.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.datasets.declaration import Dataset, arrow_types, build, column, record_dict
from pipeline.datasets.records import DATASETS, TaskRecord
from pipeline.datasets.schema_doc import HOW_TYPES_ARRIVE, dataset_section, type_name
from pipeline.datasets.writers import DatasetWriter
from pipeline.structure.headings import Task


@dataclass
class TaskWithPriority(TaskRecord):
    priority: str | None = column("优先级 as printed in the table", "高", default=None)
    reviewed: dt.date | None = column("date the task was last reviewed", "2018-07-01", default=None)


TASKS_PLUS = Dataset("tasks", TaskWithPriority, "One row per task.")


def _task(**values: object) -> TaskWithPriority:
    base = {"doc_id": "d", "seq": 1, "table_no": 1, "task_no": 1, "section_no": None, "section_title": None,
            "subsection_no": None, "subsection_title": None, "title": "全面推广", "requirement": None,
            "lead_units": ["市发改委"], "responsible_units": [], "deadline_text": None, "deadline_date": None,
            "deadline_kind": None, "page_start": None, "page_end": None}
    return TaskWithPriority(**(base | values))  # type: ignore[arg-type]


def test_a_new_column_reaches_schema_csv_parquet_and_dictionary(tmp_path):
    schema = TASKS_PLUS.schema
    assert schema.names == [*DATASETS["tasks"].schema.names, "priority", "reviewed"]
    assert schema.field("priority").type == pa.string() and schema.field("priority").nullable
    assert schema.field("reviewed").type == pa.date32()
    assert schema.field("priority").metadata[b"meaning"] == "优先级 as printed in the table".encode()

    writer = DatasetWriter(tmp_path / "tasks.parquet", tmp_path / "tasks.csv", TASKS_PLUS)
    writer.add([_task(priority="高", reviewed=dt.date(2018, 7, 1))])
    writer.close()
    with open(tmp_path / "tasks.csv", encoding="utf-8-sig", newline="") as fh:
        header, row = list(csv.reader(fh))
    assert header[-2:] == ["priority", "reviewed"] and row[-2:] == ["高", "2018-07-01"]
    assert pq.read_table(tmp_path / "tasks.parquet").column("priority").to_pylist() == ["高"]

    section = dataset_section(TASKS_PLUS)
    assert "| `priority` | `string` | yes | 优先级 as printed in the table | 高 |" in section
    assert "| `reviewed` | `date32` | yes | date the task was last reviewed | 2018-07-01 |" in section


def test_nullability_follows_the_annotation():
    schema = DATASETS["tasks"].schema
    assert not schema.field("seq").nullable and schema.field("task_no").nullable
    assert not schema.field("lead_units").nullable  # a list column is empty, never null
    assert schema.field("lead_units").type == pa.list_(pa.string())
    assert schema.field("extra").type == pa.map_(pa.string(), pa.string())


def test_a_field_without_column_metadata_is_refused():
    @dataclass
    class Undocumented(TaskRecord):
        secret: str = ""

    with pytest.raises(TypeError, match="secret is not declared with column"):
        _ = Dataset("x", Undocumented, "").schema


def test_a_type_with_no_arrow_column_is_refused():
    @dataclass
    class Odd(TaskRecord):
        ratio: complex | None = column("nothing maps complex", "1j", default=None)

    with pytest.raises(TypeError, match="no Arrow type"):
        _ = Dataset("x", Odd, "").schema


def test_every_column_type_says_how_it_arrives():
    assert {type_name(t) for t in arrow_types().values()} == set(HOW_TYPES_ARRIVE)


def test_every_dataset_column_is_documented():
    for dataset in DATASETS.values():
        for field in dataset.schema:
            assert field.metadata[b"meaning"] and field.metadata[b"example"], (dataset.name, field.name)


def test_build_carries_same_named_fields_and_explicit_values_win():
    task = Task(table_no=2, task_no=7, section_no=1, section_title="深化公开", subsection_no=None,
                subsection_title=None, title="全面推广", requirement="", lead_text="市发改委",
                deadline_text="2018年底前", page_start=3, page_end=4, extra={"备注": "新增"})
    row = build(TaskRecord, task, doc_id="d", seq=5, title="全面推广", requirement=None, lead_units=["市发改委"],
                responsible_units=[], deadline_text="2018年12月底前", deadline_date=None, deadline_kind=None)
    values = record_dict(row)
    assert values["table_no"] == 2 and values["task_no"] == 7 and values["section_title"] == "深化公开"
    assert (values["page_start"], values["page_end"], values["extra"]) == (3, 4, {"备注": "新增"})
    assert values["deadline_text"] == "2018年12月底前"  # the explicit value, not the raw cell
    assert "lead_text" not in values
    assert list(values) == [f.name for f in dataclasses.fields(TaskRecord)]
