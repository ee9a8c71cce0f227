"""Role words in unit cells, column meaning, and merged cells cut by a page
break, on the smallest inputs that state each rule."""

from __future__ import annotations

import pytest

from extractors.model import Cell, Document, Row, Table
from pipeline.normalize.units import assign_roles
from pipeline.structure.columns import find_header
from pipeline.structure.tasks import structure_tasks


@pytest.mark.parametrize(("text", "default", "lead", "responsible"), [
    ("市政府办公室、市发展和改革局牵头，市直有关部门配合；各镇（街）参照落实", "responsible",
     ["市政府办公室", "市发展和改革局"], ["市直有关部门", "各镇（街）"]),
    ("市财政局牵头，市有关单位、各镇（街）按职能分工落实", "responsible", ["市财政局"], ["市有关单位", "各镇（街）"]),
    ("办公室牵头\n各科室配合", "responsible", ["办公室"], ["各科室"]),
    ("市发改局、市财政局等有关部门配合", "lead", [], ["市发改局", "市财政局"]),
    ("市工商局 市委编办 (市审改办)", "lead", ["市工商局", "市委编办（市审改办）"], []),
    ("市有关单位；各镇（街）", "responsible", [], ["市有关单位", "各镇（街）"]),
    ("", "lead", [], []),
])
def test_assign_roles(text, default, lead, responsible):
    assert assign_roles(text, default) == {"lead": lead, "responsible": responsible}


def _table(*rows: tuple[str | None, ...], flags: dict[int, bool] | None = None,
           spans: dict[tuple[int, int], int] | None = None) -> Table:
    """A table from row texts; None marks a position a vertical span covers."""
    spans = spans or {}
    return Table(
        rows=tuple(
            Row(cells=tuple(Cell(text=t, row=r, col=c, row_span=spans.get((r, c), 1))
                            for c, t in enumerate(texts) if t is not None),
                page=1 + sum(v for k, v in (flags or {}).items() if k <= r),
                continues_on_new_page=(flags or {}).get(r, False))
            for r, texts in enumerate(rows)
        ),
        n_cols=len(rows[0]),
    )


def test_columns_by_meaning_in_any_order_with_spaced_headers():
    table = _table(("完 成 时 限", "备注", "责 任 部 门", "主要任务", "序 号"), ("年底", "", "市财政局", "公开预算", "1"))
    first_row, columns = find_header(table)
    assert first_row == 1
    assert columns.roles == {"deadline": (0,), "responsible": (2,), "task": (3,), "seq": (4,)}
    assert columns.extra == {1: "备注"}


def test_two_unit_columns_of_one_role_both_count():
    table = _table(("工作任务", "责任单位", "配合单位"), ("1.公开预算", "市财政局", "各镇（街）"))
    [task] = structure_tasks(Document(blocks=[table], source_format="docx"))
    assert task.responsible_text == "市财政局；各镇（街）"


def test_a_column_of_headings_groups_rows_even_under_a_requirement_header():
    table = _table(("工作要求", "具体要求", "责任单位"), ("一、优化基础", "1.建设文件库", "市司法局"),
                   (None, "2.更新目录", "市有关单位"), spans={(1, 0): 2})
    _, columns = find_header(table)
    assert columns.grouping == (0,) and columns.col("requirement") == 1
    tasks = structure_tasks(Document(blocks=[table], source_format="docx"))
    assert [(t.task_no, t.section_title, t.requirement) for t in tasks] == [(1, "优化基础", "建设文件库"),
                                                                             (2, "优化基础", "更新目录")]


def test_headings_are_the_tasks_when_no_other_column_could_hold_them():
    table = _table(("工作任务", "责任单位"), ("一、优化基础", "市司法局"), ("二、强化解读", "市有关单位"))
    _, columns = find_header(table)
    assert columns.grouping == () and columns.col("task") == 0


def test_merged_cell_cut_by_a_page_break_applies_on_the_new_page():
    """Rows 1–2 sit on page 1 under a 责任单位 cell spanning both; on page 2 the
    cut merged cell is an empty cell spanning rows 3–4."""
    table = _table(("工作任务", "责任单位"), ("1.甲", "市财政局"), ("2.乙", None), ("3.丙", ""), ("4.丁", None),
                   flags={3: True}, spans={(1, 1): 2, (3, 1): 2})
    tasks = structure_tasks(Document(blocks=[table], source_format="pdf"))
    assert [t.responsible_text for t in tasks] == ["市财政局"] * 4


def test_empty_cell_after_a_page_break_under_a_one_row_cell_stays_empty():
    table = _table(("工作任务", "责任单位"), ("1.甲", "市财政局"), ("2.乙", ""), flags={2: True})
    tasks = structure_tasks(Document(blocks=[table], source_format="pdf"))
    assert [t.responsible_text for t in tasks] == ["市财政局", ""]
