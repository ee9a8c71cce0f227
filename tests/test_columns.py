"""Header text → column role (pipeline/structure/columns.py column_role), for every
synonym in the vocabulary and for headers that only contain one.

The outcomes are written out here, not read from the vocabulary, so that a
synonym dropped from it (or moved to another role) turns a test red, and a
synonym added to it needs its outcome written here (test_every_synonym_has_its_outcome)."""

from __future__ import annotations

import pytest

from extractors.model import Cell, Row, Table
from pipeline.structure.columns import MAX_HEADER_CHARS, column_role, find_header, is_number_column, is_unit_list
from pipeline.vocabulary import COLUMN_SYNONYMS

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


@pytest.mark.parametrize(("cell", "units"), [
    ("国家发展改革委、商务部", True),
    ("市财政局牵头，各镇（街）配合", True),
    ("市委编办（市审改办）", True),
    ("各省级人民政府", True),
    ("全国", False),                      # a place
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


@pytest.mark.parametrize(("n_units", "unit_column"), [(4, True), (3, False)])
def test_a_column_is_units_when_4_of_5_cells_name_agencies(n_units, unit_column):
    """80 % of an unnamed column's cells must be agency lists (a stray 全国 is outvoted)."""
    cells = ["国家发展改革委"] * n_units + ["全国"] * (5 - n_units)
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
