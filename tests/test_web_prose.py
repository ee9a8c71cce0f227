"""The State Council's prose notices as gov.cn serves them (国办发〔2018〕117号,
121号, 129号), read from the page itself and from the DOCX and PDF made of it
(tests/fixtures/make_web_fixtures.py): every task, with the rows written
from the pages (tests/expected/web_prose.py)."""

from __future__ import annotations

import pytest

from extractors import extract
from pipeline.convert import convert
from tests.conftest import FIXTURES
from tests.expected.web_prose import TASKS

WEB = FIXTURES / "web"
FIELDS = list(TASKS["国办发〔2018〕117号"][0])
RENDERINGS = ("docx", "pdf")
FORMATS = ("html", *RENDERINGS)


def _path(name: str, ext: str):
    return WEB / f"{name}.{ext}" if ext == "html" else WEB / "renderings" / f"{name}.{ext}"


@pytest.mark.parametrize(("name", "ext"), [(name, ext) for name in TASKS for ext in FORMATS])
def test_every_task_as_the_page_states_it(name, ext):
    path = _path(name, ext)
    converted = convert(path.read_bytes(), path.name)
    assert [{f: getattr(t, f) for f in FIELDS} for t in converted.tasks] == TASKS[name]
    assert [t.seq for t in converted.tasks] == list(range(1, len(TASKS[name]) + 1))
    assert all(t.table_no == 0 for t in converted.tasks)


@pytest.mark.parametrize("name", list(TASKS))
def test_pdf_paragraphs_are_the_docx_paragraphs(name):
    """What makes the PDF rows equal: the PDF shows the same paragraphs (after
    the metadata table, which the PDF has as loose lines: no rules to read)."""
    docx, pdf = ([p.text.replace(" ", "") for p in extract(_path(name, ext).read_bytes()).paragraphs()]
                 for ext in RENDERINGS)
    assert pdf[-len(docx):] == docx


def test_units_of_a_task_table_row():
    """The long (task, role, unit) table of one prose task: 会同 makes a lead."""
    path = _path("国办发〔2018〕117号", "html")
    converted = convert(path.read_bytes(), path.name)
    rows = [(u.role, u.unit) for u in converted.task_units if u.seq == 18]
    assert rows == [("lead", "国家发展改革委"), ("lead", "财政部"), ("responsible", "有关部门")]
