"""Section rows numbered in the number column (``一 | 推进决策公开``): where the
rule of pipeline/structure/columns.py heading_rows ends, table by table.

A row whose number cell holds 一, 一、 or （一） alone and whose unit and
deadline cells are empty heads the tasks below it; a table that numbers its
tasks 一, 二 (some row so numbered carries units or a deadline) keeps them
tasks. The expected rows are what a reader takes from each table. Whole
notices in every format: tests/test_layouts.py (tests/layout_docs_sections.py).
"""

from __future__ import annotations

from extractors.model import Document
from pipeline.structure.columns import column_runs, find_header
from pipeline.structure.markers import ITEM, SECTION, SUBSECTION, Marker, number_cell
from pipeline.structure.tasks import structure_tasks
from tests.tables import Spec, merged_table


def _rows(*rows: tuple[Spec, ...], page_break: int | None = None) -> list[tuple]:
    """(section, subsection, task_no, title, units, deadline) of each task read from the table."""
    document = Document(blocks=[merged_table(*rows, page_break=page_break)], source_format="docx")
    return [((t.section_no, t.section_title), (t.subsection_no, t.subsection_title), t.task_no, t.title,
             t.lead_text + t.responsible_text, t.deadline_text) for t in structure_tasks(document)]


HEADER = ("序号", "重点任务", "责任单位", "完成时限")
NONE = (None, None)


def test_a_numeral_alone_heads_the_tasks_below_it():
    assert _rows(HEADER, ("一", ("推进决策公开", 3)), ("1", "推行重大决策预公开", "市司法局", "2021年6月底前"),
                 ("二", "加强平台建设", "", ""), ("2", "优化网站平台", "市数据局", "长期坚持")) == [
        ((1, "推进决策公开"), NONE, 1, "推行重大决策预公开", "市司法局", "2021年6月底前"),
        ((2, "加强平台建设"), NONE, 2, "优化网站平台", "市数据局", "长期坚持"),
    ]


def test_numerals_with_their_marks_and_subsections():
    assert _rows(HEADER, ("一、", "推进决策公开", "", ""), ("（一）", ("扩大公众参与", 3)),
                 ("1", "推行重大决策预公开", "市司法局", "2021年6月底前"), ("(二)", "深化结果公开", "", ""),
                 ("2", "公开财政预决算", "市财政局", "长期坚持")) == [
        ((1, "推进决策公开"), (1, "扩大公众参与"), 1, "推行重大决策预公开", "市司法局", "2021年6月底前"),
        ((1, "推进决策公开"), (2, "深化结果公开"), 2, "公开财政预决算", "市财政局", "长期坚持"),
    ]


def test_a_table_that_numbers_its_tasks_so_keeps_them_tasks():
    """Rows numbered 一, 二 that carry units are tasks, and so the table numbers
    its tasks: the third row, with no unit and no deadline, is one too."""
    assert _rows(HEADER, ("一", "新建城市书房", "市文旅局", "2021年底前"), ("二", "改造老旧小区", "市住建局", ""),
                 ("三", "建设便民服务中心", "", "")) == [
        (NONE, NONE, 1, "新建城市书房", "市文旅局", "2021年底前"),
        (NONE, NONE, 2, "改造老旧小区", "市住建局", ""),
        (NONE, NONE, 3, "建设便民服务中心", "", ""),
    ]


def test_a_deadline_alone_makes_the_row_a_task():
    """一 with a deadline of its own is a task numbered 1, not a section over
    the task 1 below it."""
    assert _rows(HEADER, ("一", "推进决策公开", "", "2021年底前"),
                 ("1", "推行重大决策预公开", "市司法局", "2021年6月底前")) == [
        (NONE, NONE, 1, "推进决策公开", "", "2021年底前"),
        (NONE, NONE, 1, "推行重大决策预公开", "市司法局", "2021年6月底前"),
    ]


def test_tasks_numbered_at_the_subsection_level_under_numbered_sections():
    """一 carries no unit and heads; （一）, （二） carry units and are the tasks,
    numbered so; a （三） without units among them is a task as well."""
    assert _rows(HEADER, ("一", ("推进决策公开", 3)), ("（一）", "推行重大决策预公开", "市司法局", "2021年底前"),
                 ("（二）", "完善意见反馈机制", "市政府办公室", ""), ("（三）", "公开征求意见", "", ""),
                 ("二", "加强平台建设", "", ""), ("（一）", "优化网站平台", "市数据局", "")) == [
        ((1, "推进决策公开"), NONE, 1, "推行重大决策预公开", "市司法局", "2021年底前"),
        ((1, "推进决策公开"), NONE, 2, "完善意见反馈机制", "市政府办公室", ""),
        ((1, "推进决策公开"), NONE, 3, "公开征求意见", "", ""),
        ((2, "加强平台建设"), NONE, 1, "优化网站平台", "市数据局", ""),
    ]


def test_a_table_of_nothing_but_numbered_rows_has_them_as_tasks():
    """Headings head tasks: with none to head, the rows are the tasks."""
    assert _rows(HEADER, ("一", "新建城市书房", "", ""), ("二", "改造老旧小区", "", "")) == [
        (NONE, NONE, 1, "新建城市书房", "", ""),
        (NONE, NONE, 2, "改造老旧小区", "", ""),
    ]


def test_tasks_numbered_1_without_units_stay_tasks():
    """Only a section or subsection numeral makes a heading: 1 numbers a task,
    with or without units."""
    assert _rows(HEADER, ("一", ("推进决策公开", 3)), ("1", "推行重大决策预公开", "", ""),
                 ("2", "公开财政预决算", "", "")) == [
        ((1, "推进决策公开"), NONE, 1, "推行重大决策预公开", "", ""),
        ((1, "推进决策公开"), NONE, 2, "公开财政预决算", "", ""),
    ]


def test_a_title_merged_over_the_unit_column_is_no_unit():
    """The columns come in any order: the title merged from the 责任单位
    column over the rest of the row covers the unit column without filling it."""
    assert _rows(("序号", "责任单位", "重点任务", "完成时限"), ("一", ("推进决策公开", 3)),
                 ("1", "市司法局", "推行重大决策预公开", "2021年底前")) == [
        ((1, "推进决策公开"), NONE, 1, "推行重大决策预公开", "市司法局", "2021年底前"),
    ]


def test_a_unit_in_its_own_cell_makes_the_row_a_task():
    """The same row with the title in the task column and a unit in 责任单位
    is a task numbered 1: a section row that names a unit of its own cannot
    be told from a task (docs/layouts.md, known limits)."""
    assert _rows(("序号", "责任单位", "重点任务", "完成时限"), ("一", "市政府办公室", "推进决策公开", ""),
                 ("1", "市司法局", "推行重大决策预公开", "2021年底前")) == [
        (NONE, NONE, 1, "推进决策公开", "市政府办公室", ""),
        (NONE, NONE, 1, "推行重大决策预公开", "市司法局", "2021年底前"),
    ]


def test_a_section_row_with_a_requirement_but_no_unit_is_a_heading():
    """A section row may say a word on the section in 具体措施: with no unit and
    no deadline it is still a heading, titled by the cell after the number."""
    assert _rows(("序号", "重点任务", "具体措施", "责任单位"), ("一", "推进决策公开", "围绕重大决策推进公开。", ""),
                 ("1", "推行重大决策预公开", "重大决策出台前公开征求意见。", "市司法局")) == [
        ((1, "推进决策公开"), NONE, 1, "推行重大决策预公开", "市司法局", ""),
    ]


def test_a_numbered_section_row_broken_by_a_page_end():
    """The rest of the title on the next page stands in the title column: it
    is the heading's, not a task."""
    assert _rows(HEADER, ("一", ("推进决策公开", 3)), ("1", "推行重大决策预公开", "市司法局", "2021年底前"),
                 ("二", ("加强政务公开平台建设，推进政务公开", 3)), ("", ("标准化规范化", 3)),
                 ("2", "优化网站平台", "市数据局", "长期坚持"), page_break=4) == [
        ((1, "推进决策公开"), NONE, 1, "推行重大决策预公开", "市司法局", "2021年底前"),
        ((2, "加强政务公开平台建设，推进政务公开标准化规范化"), NONE, 2, "优化网站平台", "市数据局", "长期坚持"),
    ]


def test_tasks_numbered_so_keep_their_cells_for_content():
    """Rows numbered 一, 二 with a unit in 牵头单位 are tasks while the columns
    are named, too: the column without header beside 牵头单位 is read in them
    and holds units (the row a page end started has none there)."""
    rows = (("序号", "重点任务", "牵头单位", ""), ("一", "新建城市书房", "市文旅局", "市财政局"),
            ("二", "改造老旧小区，推进", "市住建局", "各县（市、区）人民政府"), ("", "小区治理", "", ""))
    _, columns = find_header(merged_table(*rows, page_break=3))
    assert columns.roles["responsible"] == (3,)
    assert _rows(*rows, page_break=3) == [
        (NONE, NONE, 1, "新建城市书房", "市文旅局市财政局", ""),
        (NONE, NONE, 2, "改造老旧小区，推进小区治理", "市住建局各县（市、区）人民政府", ""),
    ]


def test_a_number_column_without_header_that_holds_the_sections_too():
    """Section rows are no cells of the number column: its task rows count 1, 2
    and 1, 2 again under 二, so it is the task number."""
    table = merged_table(("", "重点任务", "责任单位"), ("一", ("推进决策公开", 2)), ("1", "推行重大决策预公开", "市司法局"),
                   ("2", "公开财政预决算", "市财政局"), ("二", "加强平台建设", ""), ("1", "优化网站平台", "市数据局"))
    first_row, columns = find_header(table)
    assert columns.roles == {"task": (1,), "responsible": (2,), "seq": (0,)}
    assert column_runs(table, first_row, 0, columns.field_cols()) == [["1", "2"], ["1"]]


def test_a_header_merged_over_a_number_column_that_holds_the_sections_too():
    """重点任务 over the number column and the task column (漳州): the numbers
    count 1, 2 and 1 again under 二 once the section rows are set aside."""
    table = merged_table((("重点任务", 2), "牵头单位", "完成时限"), ("一", ("深化政务公开", 3)),
                   ("1", "推进决策公开", "市政府办公室", "2021年6月底前"), ("2", "做好财政预决算公开", "市财政局", ""),
                   ("二", "加强政策解读", "", ""), ("1", "做好政策解读", "市政府办公室", "长期坚持"))
    _, columns = find_header(table)
    assert columns.roles == {"task": (1,), "lead": (2,), "deadline": (3,), "seq": (0,)}


def test_a_number_cell_holds_its_numeral_alone():
    assert [number_cell(text) for text in ("一", "一、", "十二", "（一）", "(二)", "1", "3.",
                                           "一体化", "一、推进", "1.5", "")] == [
        Marker(SECTION, 1, ""), Marker(SECTION, 1, ""), Marker(SECTION, 12, ""), Marker(SUBSECTION, 1, ""),
        Marker(SUBSECTION, 2, ""), Marker(ITEM, 1, ""), Marker(ITEM, 3, ""), None, None, None, None]
