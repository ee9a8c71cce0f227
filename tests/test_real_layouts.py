"""The two real layouts (江门, 台山), DOCX and PDF: every task with its number,
group, requirement and units, against the tables as published. 台山's PDF is
rendered on landscape pages, so its whole table is in the file."""

from __future__ import annotations

import pytest

from pipeline.convert import convert
from tests.conftest import CORPUS
from tests.expected.real_layouts import JIANGMEN, TAISHAN

LAYOUTS = {"江门-政府信息公开工作任务": JIANGMEN, "台山-政务公开工作任务": TAISHAN}
FIELDS = list(JIANGMEN[0])
CASES = [(name, ext) for name in LAYOUTS for ext in ("docx", "pdf")]
CLIPPED = ("台山-政务公开工作任务", "clipped.pdf")
"""台山 rendered on portrait pages, its table running past the right page edge:
its 责任单位 column is not in the file at all (test_pdf_extractor checks the
warning), but every number and group is."""
HIERARCHY = ["task_no", "section_no", "section_title", "subsection_no", "subsection_title", "title"]


@pytest.mark.parametrize(("name", "ext"), CASES)
def test_every_task_as_published(name, ext):
    path = CORPUS / f"{name}.{ext}"
    converted = convert(path.read_bytes(), path.name)
    assert [{f: getattr(t, f) for f in FIELDS} for t in converted.tasks] == LAYOUTS[name]
    assert [t.seq for t in converted.tasks] == list(range(1, len(LAYOUTS[name]) + 1))
    assert all(t.table_no == 1 for t in converted.tasks)
    assert converted.warnings == []


@pytest.mark.parametrize(("name", "ext"), [*CASES, CLIPPED])
def test_numbers_and_groups_as_published(name, ext):
    """What every rendering holds, 台山's clipped PDF included."""
    path = CORPUS / f"{name}.{ext}"
    converted = convert(path.read_bytes(), path.name)
    assert [[getattr(t, f) for f in HIERARCHY] for t in converted.tasks] == \
        [[t[f] for f in HIERARCHY] for t in LAYOUTS[name]]
