"""Responsibility notes, the title of an item, and the column content rules,
rule by rule (the notices that use them: tests/test_layouts.py, test_web_prose.py)."""

from __future__ import annotations

import pytest

from extractors import extract
from pipeline.normalize.units import assign_roles
from pipeline.structure.columns import is_number_column, is_unit_list
from pipeline.structure.notes import find_notes, opening_title, says_first_listed_leads
from tests.conftest import FIXTURES


def _roles(text: str) -> dict[str, list[str]]:
    """Units by role of the one note closing *text*."""
    [note] = find_notes(text)
    return assign_roles(note.units, "responsible")


@pytest.mark.parametrize(("text", "lead", "responsible"), [
    ("加强统筹。（人力资源社会保障部、财政部负责）", [], ["人力资源社会保障部", "财政部"]),
    ("加强统筹。（各有关部门按职责分工负责）", [], ["各有关部门"]),
    ("加强统筹。（市场监管总局、国家发展改革委牵头负责）", ["市场监管总局", "国家发展改革委"], []),
    ("加强统筹。（国家发展改革委会同有关部门负责）", ["国家发展改革委"], ["有关部门"]),
    ("加强统筹。（中央宣传部、国家发展改革委等有关部门和单位负责）", [], ["中央宣传部", "国家发展改革委"]),
    ("加强统筹。（扶贫办、全国总工会等和各有关省级人民政府负责）", [], ["扶贫办", "全国总工会", "各有关省级人民政府"]),
    ("加强统筹。（各省级人民政府负责）", [], ["各省级人民政府"]),
    ("加强统筹。（各县（市、区）人民政府负责）", [], ["各县（市、区）人民政府"]),
    ("加强统筹。（工业和信息化部、文化和旅游部负责）", [], ["工业和信息化部", "文化和旅游部"]),
    ("加强统筹。（国家发展改革委牵头，科技部按职责分工负责）", ["国家发展改革委"], ["科技部"]),
])
def test_note_units_and_roles(text, lead, responsible):
    assert _roles(text) == {"lead": lead, "responsible": responsible}


def test_labelled_note_keeps_its_scope_as_extra():
    [note] = find_notes("推广经验。（负责部门：市场监管总局、司法部；适用范围：全国）")
    assert note.units == ""
    assert note.labels.roles == {"responsible": "市场监管总局、司法部"}
    assert note.labels.extra == {"适用范围": "全国"}


def test_notes_inside_an_item_each_close_the_sentences_before_them():
    text = "推进改革。（市场监管总局负责）加强服务。（体育总局、教育部负责）"
    notes = find_notes(text)
    assert [text[n.start:n.end] for n in notes] == ["（市场监管总局负责）", "（体育总局、教育部负责）"]


@pytest.mark.parametrize("text", [
    "对其行政区域内企业实行“直通车”机制（企业直接向国家发展改革委申报，不需省级发展改革部门转报），鼓励地方。",
    "由（各地负责）统筹推进相关工作。",
    "支持市（地、州、盟）、县（市、区、旗）开展试点。",
    "加强统筹。（负责）",
])
def test_brackets_that_are_no_note(text):
    assert find_notes(text) == []


@pytest.mark.parametrize(("text", "title", "rest"), [
    ("放宽技术技能提升补贴申领条件。2019年1月1日起放宽。", "放宽技术技能提升补贴申领条件", "2019年1月1日起放宽。"),
    ("对成效显著的市（地、州、盟），优先纳入试点。", None, "对成效显著的市（地、州、盟），优先纳入试点。"),
    ("引进“名人堂。”等经验。建立体系。", "引进“名人堂。”等经验", "建立体系。"),
])
def test_opening_phrase_is_the_title_when_more_follows(text, title, rest):
    assert opening_title(text) == (title, rest)


@pytest.mark.parametrize(("text", "says"), [
    ("（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）", True),
    ("各项任务中排在第一位的部门为牵头部门。", True),
    ("（人力资源社会保障部、财政部负责）", False),
])
def test_the_first_listed_lead_rule_is_read(text, says):
    assert says_first_listed_leads(text) is says


@pytest.mark.parametrize(("cells", "numbers"), [
    (["1", "2", "3"], True), (["4.", "5、", "6"], True), (["1", "3"], False), (["1", "二"], False), ([], False),
])
def test_number_column(cells, numbers):
    assert is_number_column(cells) is numbers


@pytest.mark.parametrize(("cell", "units"), [
    ("国家发展改革委、商务部", True), ("人民银行、银保监会、证监会", True), ("市委编办(市审改办)", True),
    ("市财政局牵头，各镇（街）配合", True), ("全国", False), ("自由贸易试验区", False),
    ("推进政务公开，加强执行", False),
])
def test_unit_list_cell(cell, units):
    assert is_unit_list(cell) is units


@pytest.mark.parametrize(("name", "rest"), [
    ("wrapped_subsection", "程度。"), ("wrapped_section", "推进政务公开标准化规范化建设，确保各项任务落到实处"),
])
def test_wrap_fixtures_break_the_heading_at_a_page_end(name, rest):
    """The PDFs the wrap rows are tested on do hold the heading's rest in a row
    a page break started (re-rendering them must keep it so)."""
    document = extract((FIXTURES / "layouts" / f"{name}.pdf").read_bytes())
    continued = [c.text for t in document.tables() for r in t.rows if r.continues_on_new_page for c in r.cells]
    assert rest in continued
