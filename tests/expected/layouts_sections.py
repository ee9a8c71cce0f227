"""Expected task rows of tests/layout_docs_sections.py, written from those
notices as a reader takes them (the same for their DOCX, PDF, web page and OFD
twins): 一 | 推进决策公开 is a section, 1 | 推行… | 市司法局 a task under it."""

from tests.expected.layouts_national import task

_DECIDE = {"table_no": 1, "section_no": 1, "section_title": "推进决策公开"}
_PLATFORM = {"table_no": 1, "section_no": 2, "section_title": "加强平台建设"}
SECTION_NUMERALS_MERGED = [
    task(task_no=1, **_DECIDE, title="推行重大决策预公开", requirement="重大决策出台前向社会公开征求意见。",
         responsible_units=["市司法局"], deadline_text="2021年6月底前"),
    task(task_no=2, **_DECIDE, title="做好政策解读", requirement="重要政策出台时同步发布解读材料。",
         lead_units=["市政府办公室"], responsible_units=["市直各部门"], deadline_text="长期坚持"),
    task(task_no=3, **_PLATFORM, title="优化政府网站集约化平台", requirement="推进政府网站集约化建设。",
         responsible_units=["市政务服务数据管理局"], deadline_text="2021年9月底前"),
    task(task_no=4, **_PLATFORM, title="规范政务新媒体", requirement="清理关停无力维护的账号。",
         responsible_units=["各县（市、区）人民政府", "市直各部门"]),
]

_PUBLIC = {"table_no": 1, "section_no": 1, "section_title": "深化政务公开"}
_RESPOND = {"table_no": 1, "section_no": 2, "section_title": "强化解读回应"}
SECTION_NUMERALS_CELLS = [
    task(task_no=1, **_PUBLIC, title="公开财政预决算", requirement="按规定公开预算、决算及相关报表。",
         lead_units=["市财政局"], responsible_units=["各县（市、区）人民政府"], deadline_text="2021年12月底前"),
    task(task_no=2, **_PUBLIC, title="公开重大建设项目", requirement="公开批准和实施信息。",
         lead_units=["市发展和改革局"], deadline_text="2021年第四季度"),
    task(task_no=1, **_RESPOND, title="回应社会关切", requirement="及时回应涉及群众切身利益的关切。",
         lead_units=["市政府办公室"], responsible_units=["市直各部门"], deadline_text="每季度"),
]

_PARTICIPATE = {**_DECIDE, "subsection_no": 1, "subsection_title": "扩大公众参与"}
_RESULTS = {**_DECIDE, "subsection_no": 2, "subsection_title": "深化结果公开"}
_SITES = {**_PLATFORM, "subsection_no": 1, "subsection_title": "优化网站平台"}
SUBSECTION_NUMERALS = [
    task(task_no=1, **_PARTICIPATE, title="推行重大决策预公开", lead_units=["市司法局"],
         responsible_units=["市直各部门"], deadline_text="2021年6月底前"),
    task(task_no=2, **_PARTICIPATE, title="完善意见反馈机制", lead_units=["市政府办公室"], deadline_text="长期坚持"),
    task(task_no=3, **_RESULTS, title="公开财政预决算", lead_units=["市财政局"],
         responsible_units=["各县（市、区）人民政府"], deadline_text="2021年12月底前"),
    task(task_no=4, **_SITES, title="优化政府网站集约化平台", lead_units=["市政务服务数据管理局"],
         responsible_units=["市直各部门"], deadline_text="2021年9月底前"),
]

_EXPLAIN = {"table_no": 1, "section_no": 2, "section_title": "加强政策解读"}
MIXED_NUMBER_COLUMN = [
    task(task_no=1, **_PUBLIC, title="推进决策公开", responsible_units=["市政府办公室"], deadline_text="2021年6月底前"),
    task(task_no=2, **_PUBLIC, title="做好财政预决算公开", responsible_units=["市财政局"],
         deadline_text="2021年12月底前"),
    task(task_no=1, **_EXPLAIN, title="做好政策解读", responsible_units=["市政府办公室", "市直有关部门"],
         deadline_text="长期坚持"),
    task(task_no=2, **_EXPLAIN, title="回应社会关切", responsible_units=["市直各部门"], deadline_text="每季度"),
]

CHINESE_NUMBERED_TASKS = [
    task(table_no=1, task_no=1, title="新建城市书房", responsible_units=["市文旅局"], deadline_text="2021年12月底前"),
    task(table_no=1, task_no=2, title="改造老旧小区", responsible_units=["市住房和城乡建设局"],
         deadline_text="2021年第四季度"),
    task(table_no=1, task_no=3, title="建设便民服务中心"),
    task(table_no=1, task_no=4, title="新增公办幼儿园学位", responsible_units=["市教育局"],
         deadline_text="2021年9月底前"),
]

TASKS = {
    "section_numerals_merged": SECTION_NUMERALS_MERGED,
    "section_numerals_cells": SECTION_NUMERALS_CELLS,
    "subsection_numerals": SUBSECTION_NUMERALS,
    "mixed_number_column": MIXED_NUMBER_COLUMN,
    "chinese_numbered_tasks": CHINESE_NUMBERED_TASKS,
}
