"""泉政办〔2018〕51号, every rendering (DOCX and PDF, portrait and landscape):
task rows equal the seed text, task by task, and the PDF datasets equal the DOCX ones."""

from __future__ import annotations

import pytest

from pipeline.convert import convert
from pipeline.datasets.records import record_dict
from tests.conftest import QZB, QZB_ALL, QZB_DOCX, QZB_PDF
from tests.expected.qzb_2018_51 import TASKS

FIELDS = list(TASKS[0])


@pytest.fixture(scope="module", params=QZB_ALL)
def converted(request):
    path = QZB / request.param
    return convert(path.read_bytes(), path.name)


def test_exactly_42_tasks_in_order(converted):
    assert [t.task_no for t in converted.tasks] == list(range(1, 43))
    assert [t.seq for t in converted.tasks] == list(range(1, 43))


@pytest.mark.parametrize("expected", TASKS, ids=lambda t: f"task{t['task_no']}")
def test_task_equals_seed(converted, expected):
    task = converted.tasks[expected["task_no"] - 1]
    assert {f: getattr(task, f) for f in FIELDS} == expected


def test_task_units_long_table_matches_unit_lists(converted):
    by_role = {(u.seq, u.role) for u in converted.task_units}
    for task in converted.tasks:
        assert [u.unit for u in converted.task_units if u.seq == task.seq and u.role == "lead"] == task.lead_units
        assert [u.unit for u in converted.task_units if u.seq == task.seq and u.role == "responsible"] == \
            task.responsible_units
    assert (36, "responsible") not in by_role  # task 36 names a lead unit only


def test_pages_only_where_the_format_has_them(converted):
    if converted.document.source_format == "docx":
        assert all(t.page_start is None and t.page_end is None for t in converted.tasks)
    else:
        assert all(1 < t.page_start <= t.page_end <= converted.n_pages for t in converted.tasks)


FORMAT_BOUND = {"doc_id", "sha256", "source_path", "source_format", "page_start", "page_end"}


def dataset_rows(name: str) -> dict[str, list[dict]]:
    """The records of one file as the datasets hold them, minus what names the file."""
    path = QZB / name
    c = convert(path.read_bytes(), path.name)
    return {name: [{k: v for k, v in record_dict(r).items() if k not in FORMAT_BOUND} for r in records]
            for name, records in c.rows().items()}


@pytest.mark.parametrize(("pdf", "docx"), list(zip(QZB_PDF, QZB_DOCX, strict=True)))
def test_pdf_datasets_equal_docx_datasets_row_by_row(pdf, docx):
    assert dataset_rows(pdf) == dataset_rows(docx)
