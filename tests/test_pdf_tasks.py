"""Provenance of tasks that a page end broke in two (the datasets' equality
with the DOCX renderings is checked in test_qzb_2018_51.py)."""

from __future__ import annotations

from extractors.pdf import extract_pdf
from pipeline.structure.tasks import structure_tasks
from tests.conftest import QZB


def test_a_task_broken_by_a_page_end_spans_both_pages() -> None:
    tasks = structure_tasks(extract_pdf((QZB / "泉政办〔2018〕51号.pdf").read_bytes()))
    task = next(t for t in tasks if t.task_no == 18)
    assert (task.page_start, task.page_end) == (6, 7)
    assert "构建全市一体化政务服务体系" in task.requirement
