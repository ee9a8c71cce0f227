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


def test_a_two_row_header_names_each_column_by_its_lower_cell():
    """责任单位 spans 牵头单位 | 配合单位 in the row below; the other header cells
    are not merged down, so the lower row is blank under them. The upper row is
    one cell short (a ragged row, as Word's gridAfter leaves it): no column is
    named by a cell that is not there."""
    header = Row(cells=(Cell(text="序号", row=0, col=0), Cell(text="责任单位", row=0, col=1, col_span=2),
                        Cell(text="重点任务", row=0, col=3), Cell(text="完成时限", row=0, col=4)))
    lower = Row(cells=(Cell(text="", row=1, col=0), Cell(text="牵头单位", row=1, col=1),
                       Cell(text="配合单位", row=1, col=2), Cell(text="", row=1, col=3), Cell(text="", row=1, col=4),
                       Cell(text="", row=1, col=5)))
    data = Row(cells=tuple(Cell(text=t, row=2, col=c) for c, t in
                           enumerate(["1", "市政府办公室", "市政府各部门", "推进决策公开", "2021年6月底前", ""])))
    first_row, columns = find_header(Table(rows=(header, lower, data), n_cols=6))
    assert first_row == 2
    assert columns.roles == {"seq": (0,), "lead": (1,), "responsible": (2,), "task": (3,), "deadline": (4,)}
    assert columns.extra == {}
    # both rows are the header, so a repeat of either further down is recognised
    assert [row[:3] for row in columns.header_rows] == [("序号", "责任单位", "责任单位"), ("", "牵头单位", "配合单位")]


def test_a_ragged_header_row_names_no_column_where_it_has_no_cell():
    header = Row(cells=(Cell(text="工作任务", row=0, col=0), Cell(text="责任单位", row=0, col=1)))
    data = Row(cells=(Cell(text="1.公开预算", row=1, col=0), Cell(text="市财政局", row=1, col=1),
                      Cell(text="已完成", row=1, col=2)))
    _, columns = find_header(Table(rows=(header, data), n_cols=3))
    assert columns.roles == {"task": (0,), "responsible": (1,)} and columns.extra == {}


def test_a_second_column_of_a_text_role_is_an_extra():
    """Two columns may name the task's text (具体要求 and 工作措施): the first is the
    requirement, the other is kept under its own header; unit roles keep every column."""
    _, columns = find_header(_table(("工作任务", "具体要求", "工作措施", "牵头单位", "配合单位"),
                                    ("1.公开预算", "全面公开", "按季度公开", "市财政局", "各镇（街）")))
    assert columns.roles == {"task": (0,), "requirement": (1,), "lead": (3,), "responsible": (4,)}
    assert columns.extra == {2: "工作措施"}


def test_two_extra_columns_of_one_name_both_kept():
    """Two 备注 columns: the second is named by its column number (1-based)."""
    _, columns = find_header(_table(("工作任务", "备注", "责任单位", "备注"), ("1.公开预算", "甲", "市财政局", "乙")))
    assert columns.extra == {1: "备注", 3: "备注_4"}


def test_a_table_naming_no_task_or_requirement_is_no_task_table():
    """A contact list in an attachment (序号 | 责任单位 | 联系人 | 联系电话) names two
    roles but holds no tasks."""
    assert find_header(_table(("序号", "责任单位", "联系人", "联系电话"), ("1", "市财政局", "张三", "22288888"))) is None


def test_four_headings_and_a_note_make_a_grouping_column():
    """80 % of a column's own cells being 一、 headings is enough (4 of 5 here)."""
    table = _table(("工作要求", "具体要求", "责任单位"),
                   ("一、优化基础", "1.建设文件库", "市司法局"), ("二、强化解读", "2.更新目录", "市有关单位"),
                   ("三、回应关切", "3.回应热点", "市有关单位"), ("四、平台建设", "4.整合网站", "市有关单位"),
                   ("注：由各单位自行安排", "5.其他", "市有关单位"))
    _, columns = find_header(table)
    assert columns.grouping == (0,) and columns.col("requirement") == 1


def test_three_headings_and_a_task_make_no_grouping_column():
    """75 % is not enough: the column holds a task of its own among its headings."""
    table = _table(("工作任务", "具体要求", "责任单位"),
                   ("一、优化基础", "1.建设文件库", "市司法局"), ("二、强化解读", "2.更新目录", "市有关单位"),
                   ("三、回应关切", "3.回应热点", "市有关单位"), ("推进决策公开", "4.公开草案", "市政府办公室"))
    _, columns = find_header(table)
    assert columns.grouping == () and columns.col("task") == 0


def test_a_column_of_tasks_and_some_group_headings_is_the_task_column():
    """工作任务 holds a 一、 heading over the items it groups, or a task of one
    row: two headings of four cells make no grouping column."""
    table = _table(("工作任务", "具体要求", "责任单位"),
                   ("一、优化基础", "1.建设文件库", "市司法局"), (None, "2.更新目录", "市有关单位"),
                   ("推进决策公开", "3.公开草案", "市政府办公室"), ("二、强化解读", "4.解读政策", "市有关单位"),
                   ("回应社会关切", "5.回应热点", "市有关单位"), spans={(1, 0): 2})
    _, columns = find_header(table)
    assert columns.grouping == () and columns.col("task") == 0


def test_a_heading_at_the_top_of_a_page_still_counts_for_its_column():
    """三、 opens the part a page break began: it is a heading of its own (only the
    rest of a broken heading is not), so the column is still 4 headings of 5."""
    table = _table(("工作要求", "具体要求", "责任单位"),
                   ("一、优化基础", "1.建设文件库", "市司法局"), ("二、强化解读", "2.更新目录", "市有关单位"),
                   ("三、回应关切", "3.回应热点", "市有关单位"), ("四、平台建设", "4.整合网站", "市有关单位"),
                   ("注：由各单位自行安排", "5.其他", "市有关单位"), flags={3: True})
    _, columns = find_header(table)
    assert columns.grouping == (0,)


def test_a_second_unit_column_counts_though_its_cells_end_unlike_agencies():
    """配合单位 names units by its header: 市12345便民服务平台 is one, though it
    ends like no agency."""
    table = _table(("工作任务", "责任单位", "配合单位"), ("1.公开预算", "市财政局", "市12345便民服务平台"))
    [task] = structure_tasks(Document(blocks=[table], source_format="docx"))
    assert task.responsible_text == "市财政局；市12345便民服务平台"


def test_a_header_repeated_inside_the_table_is_no_task():
    """A header row that comes again further down (a producer repeats it after
    a page break as a real row, marked as a header row) is skipped."""
    texts = [("工作任务", "责任单位"), ("1.公开预算", "市财政局"), ("工作任务", "责任单位"), ("2.公开决算", "市财政局")]
    table = Table(rows=tuple(Row(cells=tuple(Cell(text=t, row=r, col=c) for c, t in enumerate(row)),
                                 is_header=row[0] == "工作任务")
                             for r, row in enumerate(texts)), n_cols=2)
    tasks = structure_tasks(Document(blocks=[table], source_format="docx"))
    assert [(t.task_no, t.title) for t in tasks] == [(1, "公开预算"), (2, "公开决算")]


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


def test_a_grouping_column_beside_a_task_column_without_requirements():
    """工作任务 holds the 一、 headings, 重点任务 the numbered tasks: the headings
    group, the tasks stay tasks, though no column names a requirement."""
    table = _table(("工作任务", "重点任务", "责任单位"), ("一、优化基础", "1.建设文件库", "市司法局"),
                   (None, "2.更新目录", "市有关单位"), spans={(1, 0): 2})
    _, columns = find_header(table)
    assert columns.grouping == (0,) and columns.col("task") == 1


def test_headings_are_the_tasks_when_no_other_column_could_hold_them():
    table = _table(("工作任务", "责任单位"), ("一、优化基础", "市司法局"), ("二、强化解读", "市有关单位"))
    _, columns = find_header(table)
    assert columns.grouping == () and columns.col("task") == 0


def test_the_rest_of_a_section_row_on_the_next_page_is_no_task_though_it_stands_in_the_number_column():
    """A section row merged across the table that a page end breaks: its rest
    shows on the next page as a cell from the 序号 column across the table. It
    is the heading's rest, not a task numbered by something in 序号."""
    texts = [[("序号", 1), ("重点任务", 1), ("责任单位", 1)], [("一、推进决策公开", 3)],
             [("1", 1), ("推行重大决策预公开", 1), ("市司法局", 1)],
             [("二、加强政务公开平台建设，推进政务公开标准化规范化，", 3)], [("确保各项任务落到实处", 3)],
             [("2", 1), ("优化政府网站集约化平台", 1), ("市政务服务数据管理局", 1)]]
    rows = []
    for r, cells in enumerate(texts):
        starts = [sum(span for _, span in cells[:i]) for i in range(len(cells))]
        rows.append(Row(cells=tuple(Cell(text=t, row=r, col=c, col_span=span, page=1 + (r >= 4))
                                    for c, (t, span) in zip(starts, cells, strict=True)),
                        page=1 + (r >= 4), continues_on_new_page=r == 4))
    tasks = structure_tasks(Document(blocks=[Table(rows=tuple(rows), n_cols=3)], source_format="pdf"))
    assert [(t.task_no, t.section_no, t.section_title, t.title) for t in tasks] == [
        (1, 1, "推进决策公开", "推行重大决策预公开"),
        (2, 2, "加强政务公开平台建设，推进政务公开标准化规范化，确保各项任务落到实处", "优化政府网站集约化平台"),
    ]


def test_merged_cell_cut_by_a_page_break_applies_on_the_new_page():
    """Rows 1–2 sit on page 1 under a 责任单位 cell spanning both; on page 2 the
    cut merged cell is an empty cell spanning rows 3–4."""
    table = _table(("工作任务", "责任单位"), ("1.甲", "市财政局"), ("2.乙", None), ("3.丙", ""), ("4.丁", None),
                   flags={3: True}, spans={(1, 1): 2, (3, 1): 2})
    document = Document(blocks=[table], source_format="pdf")
    assert [t.responsible_text for t in structure_tasks(document)] == ["市财政局"] * 4
    # the carried span is the reading's own: the table (and its cached grid) is unchanged
    assert [t.responsible_text for t in structure_tasks(document)] == ["市财政局"] * 4
    assert table.grid()[3][1] is not None and table.grid()[3][1].text == ""


def test_empty_cell_after_a_page_break_under_a_one_row_cell_stays_empty():
    table = _table(("工作任务", "责任单位"), ("1.甲", "市财政局"), ("2.乙", ""), flags={2: True})
    tasks = structure_tasks(Document(blocks=[table], source_format="pdf"))
    assert [t.responsible_text for t in tasks] == ["市财政局", ""]
