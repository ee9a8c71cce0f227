"""泉政办〔2018〕51号, every rendering: task rows equal the seed text, task by task."""

from __future__ import annotations

import pytest

from pipeline.convert import convert
from tests.conftest import QZB_DOCX, RAW
from tests.expected.qzb_2018_51 import TASKS

FIELDS = list(TASKS[0])


@pytest.fixture(scope="module", params=QZB_DOCX)
def converted(request):
    path = RAW / request.param
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


def test_docx_has_no_pages(converted):
    assert all(t.page_start is None and t.page_end is None for t in converted.tasks)
