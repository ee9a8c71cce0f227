"""Small notices whose task tables number their sections in the number column
(``一 | 推进决策公开``), as WordprocessingML. Registered in
``tests.layout_docs.BODIES``, so the DOCX is built in memory and the committed
PDF, web page and OFD twins are checked against the same expected rows
(``tests/expected/layouts_sections.py``).

Many city tables (泉州, 漳州) number sections 一, 二 and tasks 1, 2 in one 序号
column, the section's title in the next cell, merged over the rest of the row
or written in the title column with the other cells left empty. The last layout
is the boundary: a table that numbers its tasks 一, 二, 三.
"""

from __future__ import annotations

from tests.docxgen import p, tbl, tr
from tests.layout_docs import A4_PORTRAIT, HEADER, cells, span

SECTION_NUMERALS_MERGED = p("附件") + p("政务公开重点任务分解表") + tbl(
    tr(cells("序号", "重点任务", "具体措施", "责任单位", "完成时限"), trpr=HEADER),
    tr(cells("一"), span("推进决策公开", 4)),
    tr(cells("1", "推行重大决策预公开", "重大决策出台前向社会公开征求意见。", "市司法局", "2021年6月底前")),
    tr(cells("2", "做好政策解读", "重要政策出台时同步发布解读材料。", "市政府办公室牵头，市直各部门配合", "长期坚持")),
    tr(cells("二"), span("加强平台建设", 4)),
    tr(cells("3", "优化政府网站集约化平台", "推进政府网站集约化建设。", "市政务服务数据管理局", "2021年9月底前")),
    tr(cells("4", "规范政务新媒体", "清理关停无力维护的账号。", "各县（市、区）人民政府、市直各部门", "")),
    widths=(800, 1900, 3026, 2000, 1300), ruled=True,
) + A4_PORTRAIT
"""Sections numbered 一, 二 in the 序号 column, their titles merged over the
other four columns; tasks numbered on through the table (one without a
deadline)."""

SECTION_NUMERALS_CELLS = p("附件") + p("政务公开工作任务清单") + tbl(
    tr(cells("序号", "工作任务", "工作要求", "牵头单位", "责任单位", "完成时限"), trpr=HEADER),
    tr(cells("一、", "深化政务公开", "", "", "", "")),
    tr(cells("1", "公开财政预决算", "按规定公开预算、决算及相关报表。", "市财政局", "各县（市、区）人民政府", "2021年12月底前")),
    tr(cells("2", "公开重大建设项目", "公开批准和实施信息。", "市发展和改革局", "", "2021年第四季度")),
    tr(cells("二、", "强化解读回应", "", "", "", "")),
    tr(cells("1", "回应社会关切", "及时回应涉及群众切身利益的关切。", "市政府办公室", "市直各部门", "每季度")),
    widths=(800, 1700, 2626, 1400, 1400, 1100), ruled=True,
) + A4_PORTRAIT
"""Sections 一、 and 二、 alone in the 序号 cell, their titles in the 工作任务
column and the requirement, unit and deadline cells empty; the tasks numbered
anew under each section."""

SUBSECTION_NUMERALS = p("附件") + p("政务公开重点任务分工") + tbl(
    tr(cells("序号", "重点任务", "牵头单位", "配合单位", "完成时限"), trpr=HEADER),
    tr(cells("一"), span("推进决策公开", 4)),
    tr(cells("（一）"), span("扩大公众参与", 4)),
    tr(cells("1", "推行重大决策预公开", "市司法局", "市直各部门", "2021年6月底前")),
    tr(cells("2", "完善意见反馈机制", "市政府办公室", "", "长期坚持")),
    tr(cells("（二）"), span("深化结果公开", 4)),
    tr(cells("3", "公开财政预决算", "市财政局", "各县（市、区）人民政府", "2021年12月底前")),
    tr(cells("二", "加强平台建设", "", "", "")),
    tr(cells("（一）", "优化网站平台", "", "", "")),
    tr(cells("4", "优化政府网站集约化平台", "市政务服务数据管理局", "市直各部门", "2021年9月底前")),
    widths=(900, 3126, 1800, 2000, 1200), ruled=True,
) + A4_PORTRAIT
"""Sections 一, 二 and subsections （一）, （二） in the 序号 column, merged over
the row under 一 and written in the task column with the other cells empty
under 二; tasks numbered on through the table."""

MIXED_NUMBER_COLUMN = p("附件") + p("政策解读重点任务清单") + tbl(
    tr(cells("", "重点任务", "责任单位", "完成时限"), trpr=HEADER),
    tr(cells("一"), span("深化政务公开", 3)),
    tr(cells("1", "推进决策公开", "市政府办公室", "2021年6月底前")),
    tr(cells("2", "做好财政预决算公开", "市财政局", "2021年12月底前")),
    tr(cells("二", "加强政策解读", "", "")),
    tr(cells("1", "做好政策解读", "市政府办公室、市直有关部门", "长期坚持")),
    tr(cells("2", "回应社会关切", "市直各部门", "每季度")),
    widths=(800, 4026, 2800, 1400), ruled=True,
) + A4_PORTRAIT
"""A number column without header text that holds the sections 一, 二 and the
tasks 1, 2 (anew under each section): only what its task rows hold names it
the task number."""

CHINESE_NUMBERED_TASKS = p("附件") + p("民生实事项目清单") + tbl(
    tr(cells("序号", "民生实事", "责任单位", "完成时限"), trpr=HEADER),
    tr(cells("一", "新建城市书房", "市文旅局", "2021年12月底前")),
    tr(cells("二", "改造老旧小区", "市住房和城乡建设局", "2021年第四季度")),
    tr(cells("三", "建设便民服务中心", "", "")),
    tr(cells("四", "新增公办幼儿园学位", "市教育局", "2021年9月底前")),
    widths=(800, 4026, 2800, 1400), ruled=True,
) + A4_PORTRAIT
"""The boundary: a table that numbers its tasks 一, 二, 三, 四 in the 序号
column. Its rows carry units, so all four are tasks, the third too, though its
unit and deadline cells are empty."""

BODIES: dict[str, str] = {
    "section_numerals_merged": SECTION_NUMERALS_MERGED,
    "section_numerals_cells": SECTION_NUMERALS_CELLS,
    "subsection_numerals": SUBSECTION_NUMERALS,
    "mixed_number_column": MIXED_NUMBER_COLUMN,
    "chinese_numbered_tasks": CHINESE_NUMBERED_TASKS,
}

HTML_LAYOUTS = tuple(BODIES)
"""All of them are also published as a web page."""
