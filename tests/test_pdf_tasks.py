"""End to end on both formats: structuring must get the same tasks from a
notice's PDF as from its DOCX, whatever the page breaks did to the rows."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from extractors.docx import extract_docx
from extractors.pdf import extract_pdf
from pipeline.tasks import structure_tasks
from pipeline.units import split_units

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


@pytest.mark.parametrize("name", ["泉政办〔2018〕51号", "泉政办〔2018〕51号-横版"])
def test_pdf_tasks_equal_docx_tasks(name: str) -> None:
    def without_pages(task: object) -> dict:
        """Task fields as datasets carry them: unit cells as unit lists (their
        raw text wraps differently in each format), pages left out."""
        fields = {k: v for k, v in asdict(task).items() if k not in ("page_start", "page_end")}
        for role in ("lead_text", "responsible_text"):
            fields[role] = split_units(fields[role])
        return fields

    from_pdf = structure_tasks(extract_pdf((CORPUS / f"{name}.pdf").read_bytes()))
    from_docx = structure_tasks(extract_docx((CORPUS / f"{name}.docx").read_bytes()))
    assert [t.task_no for t in from_pdf] == list(range(1, 43))
    assert [without_pages(t) for t in from_pdf] == [without_pages(t) for t in from_docx]


def test_a_task_broken_by_a_page_end_spans_both_pages() -> None:
    tasks = structure_tasks(extract_pdf((CORPUS / "泉政办〔2018〕51号.pdf").read_bytes()))
    task = next(t for t in tasks if t.task_no == 18)
    assert (task.page_start, task.page_end) == (6, 7)
    assert "构建全市一体化政务服务体系" in task.requirement
