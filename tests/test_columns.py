"""Header text → column role (pipeline/structure/columns.py column_role), for every
synonym in the vocabulary and for headers that only contain one.

The outcomes are written out here, not read from the vocabulary, so that a
synonym dropped from it (or moved to another role) turns a test red, and a
synonym added to it needs its outcome written here (test_every_synonym_has_its_outcome)."""

from __future__ import annotations

import pytest

from extractors.model import Cell, Row, Table
from pipeline.structure.columns import (
    MAX_HEADER_CHARS,
    column_role,
    column_runs,
    find_header,
    is_heading_rest,
    is_number_column,
    is_unit_list,
)
from pipeline.vocabulary import COLUMN_SYNONYMS
from tests.tables import merged_table

SYNONYM_ROLES = {
    # 工作任务 column: what is to be done
    "工作任务": "task", "重点任务": "task", "主要任务": "task", "任务": "task", "任务名称": "task",
    "项目名称": "task", "民生实事": "task", "工作事项": "task", "事项": "task", "改革举措": "task", "举措": "task",
    # 工作要求 column: how, in detail
    "工作要求": "requirement", "具体要求": "requirement", "具体措施": "requirement", "主要内容": "requirement",
    "工作内容": "requirement", "工作措施": "requirement", "任务内容": "requirement", "主要措施": "requirement",
    "工作目标": "requirement", "目标要求": "requirement",
    # who leads
    "牵头单位": "lead", "牵头部门": "lead", "牵头科室": "lead", "牵头责任单位": "lead", "主办单位": "lead",
    "牵头领导": "lead",
    # who takes part
    "责任单位": "responsible", "责任部门": "responsible", "责任科室": "responsible", "配合单位": "responsible",
    "参与单位": "responsible", "协办单位": "responsible", "配合部门": "responsible", "配合科室": "responsible",
    "协作单位": "responsible", "责任主体": "responsible", "承办单位": "responsible",
    # units named without a lead (national reform tables): they take part
    "负责部门": "responsible", "负责单位": "responsible", "责任处室": "responsible", "指导部门": "responsible",
    "主管部门": "responsible",
    # by when
    "完成时限": "deadline", "时限要求": "deadline", "完成时间": "deadline", "时间节点": "deadline",
    "时限": "deadline",
    # the row's number
    "序号": "seq", "编号": "seq",
}


def test_every_synonym_has_its_outcome():
    in_vocabulary = {syn: role for role, syns in COLUMN_SYNONYMS.items() for syn in syns}
    assert in_vocabulary == SYNONYM_ROLES


@pytest.mark.parametrize(("header", "role"), SYNONYM_ROLES.items())
def test_each_synonym_names_its_column(header, role):
    assert column_role(header) == role


@pytest.mark.parametrize(("header", "role"), SYNONYM_ROLES.items())
def test_spaces_inside_a_header_do_not_matter(header, role):
    """Headers are letter-spaced to fill a wide cell (``工 作 任 务``), and PDF text
    layers break them over lines."""
    assert column_role(" ".join(header)) == role
    assert column_role(f"\n{header[:1]}\n{header[1:]}  ") == role


@pytest.mark.parametrize(("header", "role"), [
    # a synonym with a qualifier around it
    ("具体工作要求", "requirement"),
    ("牵头单位（部门）", "lead"),
    ("责任单位（部门）", "responsible"),
    ("完成时限（截止日期）", "deadline"),
    ("主要工作内容和具体措施", "requirement"),
    # several synonyms inside: the longest one names the column, not the shortest
    ("任务内容及要求", "requirement"),        # 任务内容, not 任务
    ("牵头责任单位（部门）", "lead"),          # 牵头责任单位, not 责任单位
    ("主要任务（重点工作事项）", "task"),       # 12 characters: still a header
])
def test_a_header_containing_a_synonym(header, role):
    assert column_role(header) == role


@pytest.mark.parametrize("cell", [
    "完成时限按省里统一要求执行",            # 13 characters, a content cell naming 完成时限
    "工作任务完成情况纳入年度绩效考核",
    "各县（市、区）人民政府、泉州开发区管委会为责任单位",
])
def test_a_long_cell_is_content_even_when_it_contains_a_synonym(cell):
    assert len(cell) > MAX_HEADER_CHARS
    assert column_role(cell) is None


def test_the_header_may_stand_below_three_caption_rows():
    """附件, the table's title and a 填报单位 line come first; the fourth row is the header."""
    table = _grid(("附件1", "", "", ""), ("2021年政务公开重点任务分解表", "", "", ""),
                  ("填报单位：市政府办公室", "", "", ""),
                  ("重点任务", "责任单位", "完成时限", "备注"), ("公开财政预决算", "市财政局", "2021年底前", ""))
    first_row, columns = find_header(table)
    assert first_row == 4
    assert columns.roles == {"task": (0,), "responsible": (1,), "deadline": (2,)}


@pytest.mark.parametrize("header", ["备注", "进展情况", "", "   ", "单位", "要求"])
def test_headers_that_name_no_known_column(header):
    assert column_role(header) is None


# --- columns a header does not name, read by their cells ---------------------

@pytest.mark.parametrize(("cells", "numbers"), [
    (["1", "2", "3"], True),
    (["1、", "2.", "3．"], True),      # numbers with the mark a notice puts after them
    (["4", "5"], True),                 # a table continued from another page starts anywhere
    (["1", "3"], False),                # not counting
    (["一", "二"], False),              # headings, not task numbers
    (["1.5", "2.5"], False),
    ([], False),
])
def test_a_number_column_counts(cells, numbers):
    assert is_number_column(cells) is numbers


@pytest.mark.parametrize(("runs", "numbers"), [
    ((["1", "2"], ["3", "4"]), True),           # numbered on through the sections
    ((["1", "2"], ["1", "2", "3"]), True),      # numbered anew under each section
    ((["1"], ["1"], ["1"]), True),              # one task per section
    ((["1", "2"], ["2", "3"]), False),          # neither on nor anew
    ((["1", "2"], ["4", "5"]), False),
    ((["3", "4"], ["1", "2"]), True),           # a table continued from another page starts anywhere
    ((["1", "2", "1", "2"],), False),           # starting again needs a section row before it
    ((["1", "2"], ["1", "3"]), False),          # not counting inside a section
    ((["1", "2"], ["二"]), False),
    ((["1", "2"], []), False),
])
def test_numbers_count_on_or_anew_after_each_section_row(runs, numbers):
    """The runs are a column's cells between section rows."""
    assert is_number_column(*runs) is numbers


@pytest.mark.parametrize(("cell", "units"), [
    ("国家发展改革委、商务部", True),
    ("市财政局牵头，各镇（街）配合", True),
    ("市委编办（市审改办）", True),
    ("各省级人民政府", True),
    ("中共中央网络安全和信息化委员会办公室", True),   # 18 characters: still a name
    ("全国", False),                      # a place
    ("按要求做好政策文件解读材料的起草审核和发布工作并报市委宣传部", False),  # a sentence ending like an agency
    ("对不新增用地的技改项目实行承诺制。", False),
    ("2021年底前", False),
])
def test_a_unit_list_names_agencies_and_nothing_else(cell, units):
    assert is_unit_list(cell) is units


def _grid(*rows: tuple[str, ...]) -> Table:
    return Table(rows=tuple(Row(cells=tuple(Cell(text=t, row=r, col=c) for c, t in enumerate(texts)))
                            for r, texts in enumerate(rows)), n_cols=len(rows[0]))


def test_unnamed_columns_are_read_by_their_cells():
    """A reform table whose number and unit columns have no header: the counting
    column holds the task numbers, the column of agencies the responsible
    units, and 推广范围 (places) stays an extra."""
    table = _grid(("", "改革举措", "主要内容", "", "推广范围"),
                  ("1", "企业投资项目承诺制", "实行承诺制。", "国家发展改革委", "全国"),
                  ("2", "工程建设项目审批改革", "压减审批时间。", "住房城乡建设部、自然资源部", "全国"),
                  ("3", "证照分离改革", "分类推进审批改革。", "市场监管总局", "自由贸易试验区"))
    _, columns = find_header(table)
    assert columns.roles == {"task": (1,), "requirement": (2,), "seq": (0,), "responsible": (3,)}
    assert columns.extra == {4: "推广范围"}


def test_a_second_counting_column_is_no_second_number_column():
    table = _grid(("序号", "改革举措", "", "责任单位"),
                  ("1", "企业投资项目承诺制", "1", "国家发展改革委"),
                  ("2", "工程建设项目审批改革", "2", "住房城乡建设部"))
    _, columns = find_header(table)
    assert columns.roles["seq"] == (0,)


@pytest.mark.parametrize(("n_units", "n_cells", "unit_column"), [(4, 5, True), (3, 4, False), (3, 5, False)])
def test_a_column_is_units_when_4_of_5_cells_name_agencies(n_units, n_cells, unit_column):
    """80 % of an unnamed column's cells must be agency lists: a stray 全国 is
    outvoted 4 to 1, not 3 to 1."""
    cells = ["国家发展改革委"] * n_units + ["全国"] * (n_cells - n_units)
    table = _grid(("改革举措", "主要内容", ""), *((f"举措{i}", "推进改革。", cell) for i, cell in enumerate(cells, 1)))
    _, columns = find_header(table)
    assert ("responsible" in columns.roles) is unit_column


def test_an_unnamed_unit_column_after_empty_and_place_columns_joins_the_named_one():
    """Unnamed columns are read one by one: an empty one and one of places say
    nothing, and a column of agencies adds to the units the header named."""
    table = _grid(("工作任务", "主要内容", "责任单位", "", "", ""),
                  ("1.企业投资项目承诺制", "实行承诺制。", "国家发展改革委", "", "全国", "商务部"),
                  ("2.证照分离改革", "分类推进审批。", "市场监管总局", "", "全国", "司法部"))
    _, columns = find_header(table)
    assert columns.roles == {"task": (0,), "requirement": (1,), "responsible": (2, 5)}


def test_an_empty_cell_does_not_outvote_an_unnamed_unit_column():
    """A task without units leaves its cell empty: the column's other cells decide."""
    table = _grid(("工作任务", "主要内容", ""),
                  ("1.企业投资项目承诺制", "实行承诺制。", "国家发展改革委"),
                  ("2.证照分离改革", "分类推进审批。", ""),
                  ("3.跨部门联合监管", "联合抽查。", "市场监管总局、司法部"))
    _, columns = find_header(table)
    assert columns.roles["responsible"] == (2,)


def test_a_unit_column_under_an_extra_header_stays_an_extra():
    """适用范围 names a field: its cells name a unit group in every row, and it
    still is no unit column."""
    table = _grid(("", "改革举措", "主要内容", "适用范围"),
                  ("1", "企业投资项目承诺制", "实行承诺制。", "各省级人民政府"),
                  ("2", "证照分离改革", "分类推进审批。", "各省级人民政府"))
    _, columns = find_header(table)
    assert columns.roles == {"task": (1,), "requirement": (2,), "seq": (0,)}
    assert columns.extra == {3: "适用范围"}


# --- section rows: headings merged across the table belong to no column -------



def test_an_unnamed_number_column_under_section_rows_merged_across():
    """The section rows' cells stand in the first column, the number column:
    they are no cells of it, so it still counts 1, 2, 3."""
    table = merged_table(("", "重点任务", "责任单位", "完成时限"),
                    (("一、推进决策公开", 4),), (("（一）扩大公众参与", 4),),
                    ("1", "推行重大决策预公开", "市司法局", "2021年6月底前"),
                    ("2", "完善意见反馈机制", "市政府办公室", "长期坚持"),
                    (("二、加强平台建设", 4),),
                    ("3", "优化政府网站集约化平台", "市政务服务数据管理局", "2021年9月底前"))
    first_row, columns = find_header(table)
    assert columns.roles == {"task": (1,), "responsible": (2,), "deadline": (3,), "seq": (0,)}
    assert column_runs(table, first_row, 0, columns.field_cols()) == [["1", "2"], ["3"]]


def test_the_rest_of_a_section_row_a_page_end_broke_is_no_cell_of_the_number_column():
    """The PDF shows the rest of a broken section row across the table on the
    next page, from the first column: it is the heading's, not a number."""
    table = merged_table(("", "重点任务", "责任单位"),
                    (("一、推进决策公开", 3),),
                    ("1", "推行重大决策预公开", "市司法局"),
                    (("二、加强政务公开平台建设，推进政务公开标准化规范化，", 3),),
                    (("确保各项任务落到实处", 3),),
                    ("2", "优化政府网站集约化平台", "市政务服务数据管理局"), page_break=4)
    first_row, columns = find_header(table)
    assert columns.roles["seq"] == (0,)
    assert column_runs(table, first_row, 0, columns.field_cols()) == [["1"], ["2"]]


@pytest.mark.parametrize(("texts", "rest"), [
    (("确保各项任务落到实处", "", ""), True),     # text only where the heading stood
    (("二、加强平台建设", "", ""), False),        # a heading of its own
    (("确保各项任务落到实处", "", "市司法局"), False),  # text elsewhere too
    (("", "", ""), False),
])
def test_the_rest_of_a_heading_is_text_only_in_its_column(texts, rest):
    [row] = _grid(texts).grid()
    assert is_heading_rest(row, (0,)) is rest


def test_a_header_alone_at_the_foot_of_a_page():
    """The first task row starts the next page: the number column still counts."""
    table = merged_table(("", "重点任务", "责任单位"), ("1", "推行重大决策预公开", "市司法局"),
                    ("2", "完善意见反馈机制", "市政府办公室"), page_break=1)
    _, columns = find_header(table)
    assert columns.roles["seq"] == (0,)


def test_a_row_of_text_after_a_section_row_is_a_task_row_without_a_page_break():
    """Only a page break makes a row the rest of the heading above it: a row of
    text after a section row on the same page is read as a task row."""
    table = merged_table(("", "重点任务", "责任单位"), (("一、推进决策公开", 3),), (("说明：以下任务按季度报送进展", 3),),
                    ("1", "推行重大决策预公开", "市司法局"))
    first_row, columns = find_header(table)
    assert column_runs(table, first_row, 0, columns.field_cols()) == [["说明：以下任务按季度报送进展", "1"]]


def test_an_unnamed_number_column_under_headings_written_in_its_cells():
    """A PDF may rule a section row like the others and write its heading in the
    first cell, leaving the rest empty: the row is a section row all the same."""
    table = _grid(("", "重点任务", "责任单位"),
                  ("一、推进决策公开", "", ""),
                  ("1", "推行重大决策预公开", "市司法局"),
                  ("二、加强平台建设", "", ""),
                  ("1", "优化政府网站集约化平台", "市政务服务数据管理局"),
                  ("2", "规范政务新媒体", "市直各部门"))
    _, columns = find_header(table)
    assert columns.roles["seq"] == (0,)


@pytest.mark.parametrize(("numbers", "counted"), [
    (("1", "2", "1", "2"), True),     # anew under 二、
    (("1", "2", "3", "4"), True),     # on through the table
    (("1", "2", "4", "5"), False),
])
def test_numbers_may_start_again_under_each_section_row(numbers, counted):
    rows = [("1", "推行重大决策预公开", "市司法局"), ("2", "完善意见反馈机制", "市政府办公室"),
            ("3", "优化政府网站集约化平台", "市数据管理局"), ("4", "规范政务新媒体", "市直各部门")]
    rows = [(n, *row[1:]) for n, row in zip(numbers, rows, strict=True)]
    table = merged_table(("", "重点任务", "责任单位"), (("一、推进决策公开", 3),), *rows[:2],
                    (("二、加强平台建设", 3),), *rows[2:])
    _, columns = find_header(table)
    assert ("seq" in columns.roles) is counted


def test_numbers_starting_again_without_a_section_row_are_no_number_column():
    table = _grid(("", "重点任务", "责任单位"), ("1", "推行重大决策预公开", "市司法局"),
                  ("2", "完善意见反馈机制", "市政府办公室"), ("1", "优化政府网站集约化平台", "市数据管理局"))
    _, columns = find_header(table)
    assert "seq" not in columns.roles


def test_section_rows_without_tasks_make_no_grouping_column():
    """Four heading rows over one task: the first column's own cells are 80 %
    headings only if the section rows count as its cells; they do not, so its
    1 is the task number, not a stray note among headings."""
    table = merged_table(("", "重点任务", "责任单位"),
                    (("一、总体要求", 3),), (("（一）指导思想", 3),), (("（二）基本原则", 3),),
                    (("二、重点任务", 3),),
                    ("1", "推行重大决策预公开", "市司法局"))
    _, columns = find_header(table)
    assert columns.grouping == ()
    assert columns.roles["seq"] == (0,)


def test_a_heading_cell_spanning_the_rows_below_is_still_a_grouping_cell():
    """一、 heads the rows its cell spans, though its first row holds nothing
    else: a grouping cell of its column, not a section row."""
    table = Table(rows=(
        Row(cells=tuple(Cell(text=t, row=0, col=c) for c, t in enumerate(("工作要求", "具体要求", "责任单位")))),
        Row(cells=(Cell(text="一、优化基础", row=1, col=0, row_span=3), Cell(text="", row=1, col=1),
                   Cell(text="", row=1, col=2))),
        Row(cells=(Cell(text="1.建设文件库", row=2, col=1), Cell(text="市司法局", row=2, col=2))),
        Row(cells=(Cell(text="2.更新目录", row=3, col=1), Cell(text="市有关单位", row=3, col=2))),
    ), n_cols=3)
    _, columns = find_header(table)
    assert columns.grouping == (0,) and columns.col("requirement") == 1


def test_a_header_merged_over_the_number_column_names_the_task_column():
    """重点任务 spans the number column and the task column: the numbers are
    the task numbers, the text beside them the tasks, and nothing is left over
    as an extra."""
    table = merged_table((("重点任务", 2), "牵头单位", "完成时限"),
                    (("一、深化政务公开", 4),),
                    ("1", "推进决策公开", "市政府办公室", "2021年6月底前"),
                    ("2", "做好财政预决算公开", "市财政局", "2021年12月底前"))
    _, columns = find_header(table)
    assert columns.roles == {"task": (1,), "lead": (2,), "deadline": (3,), "seq": (0,)}
    assert columns.extra == {}


def test_a_counting_column_under_a_header_of_its_own_keeps_it():
    """Only a header merged over the number column leaves the numbers to
    content: 上年序号 (last year's number of the task) is a field of its own."""
    table = merged_table(("序号", "重点任务", "上年序号"), ("1", "推进决策公开", "4"), ("2", "做好政策解读", "5"))
    _, columns = find_header(table)
    assert columns.roles == {"seq": (0,), "task": (1,)}
    assert columns.extra == {2: "上年序号"}


def test_a_header_merged_over_two_unit_columns_names_both():
    """A merged 责任单位 with no row below naming its halves: both columns hold units."""
    table = merged_table(("工作任务", ("责任单位", 2)), ("1.公开预算", "市财政局", "各镇（街）"),
                    ("2.公开决算", "市财政局", "市直有关部门"))
    _, columns = find_header(table)
    assert columns.roles == {"task": (0,), "responsible": (1, 2)}
