"""Header text → column role (pipeline/structure/columns.py column_role), for every
synonym in the vocabulary and for headers that only contain one.

The outcomes are written out here, not read from the vocabulary, so that a
synonym dropped from it (or moved to another role) turns a test red, and a
synonym added to it needs its outcome written here (test_every_synonym_has_its_outcome)."""

from __future__ import annotations

import pytest

from pipeline.structure.columns import MAX_HEADER_CHARS, column_role
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
