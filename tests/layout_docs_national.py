"""Small notices for the rules of issue 11, as WordprocessingML: tasks in the
national prose style (every responsibility note variant, the first-listed-lead
rule), tables whose columns only their content names, and headings that a page
end broke. Registered in ``tests.layout_docs.BODIES``, so the DOCX is built in
memory and the committed PDF (``tests/fixtures/make_fixtures.py``) is checked
against the same expected rows (``tests/expected/layouts_national.py``).
"""

from __future__ import annotations

from tests.docxgen import p, section, tbl, tc, tr
from tests.layout_docs import A4_PORTRAIT, A6_PORTRAIT, HEADER, LONG, RIGHT, cells, para, span, top, under

STATE_COUNCIL = "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："

NATIONAL_NOTES = (
    p("国务院办公厅关于做好示范工作的通知")
    + para(STATE_COUNCIL)
    + para("为做好示范工作，经国务院同意，现通知如下：")
    + para("一、总体要求")
    + para("（一）指导思想。以新发展理念为指导，推动示范工作高质量发展。")
    + para("（二）基本原则。")
    + para("坚持问题导向，坚持因地制宜。")
    + para("二、重点任务")
    + para("（三）放宽技术技能提升补贴申领条件。将申领条件由企业在职职工参加失业保险3年以上放宽至1年以上。"
           "（人力资源社会保障部、财政部负责）")
    + para("（四）加强统筹协调。各地区要建立工作机制。（各有关部门按职责分工负责）")
    + para("（五）完善标准体系。制定示范标准。（市场监管总局、国家发展改革委牵头负责）")
    + para("（六）强化宣传引导。加强政策解读。（中央宣传部、国家发展改革委等有关部门和单位负责）")
    + para("（七）落实属地责任。各地要细化措施。（各省级人民政府负责）")
    + para("（八）推广改革经验。在全国推广证照分离改革经验。（负责部门：市场监管总局、司法部；适用范围：全国）")
    + para("（九）鼓励创新创业。推进商事制度改革。（市场监管总局负责）加强创业教育服务。（教育部、人力资源社会保障部负责）")
    + para("（十）加大资金支持。中央财政予以奖励。（财政部会同有关部门负责）")
    + para("（十一）动员社会参与。组织社会力量参与。（全国工商联、民政部等和各省级人民政府负责）")
    + para("三、保障措施")
    + para("（十二）加强组织领导。各地区各部门要高度重视。")
    + para("1.做好督促检查。定期通报进展。（国务院办公厅负责）")
    + para("（1）开展第三方评估。委托第三方评估实施效果。（国务院办公厅、国家发展改革委负责）")
    + para("各地区、各有关部门要认真贯彻落实。")
    + p("国务院办公厅", RIGHT)
    + p("2019年1月1日", RIGHT)
    + A4_PORTRAIT
)
"""Every note variant of a notice that names no lead: a plain list, 按职责分工负责,
牵头负责, an 等 tail, one 各 group, labels with 适用范围, two notes in one item,
会同, 等和; headings without notes (（一）指导思想。…, （二）基本原则。), items of
the 1. and （1） levels under one, and closing words that are no task."""

NATIONAL_LEAD = (
    p("国务院关于推进示范工作的意见")
    + para(STATE_COUNCIL)
    + para("一、重点任务")
    + para("（一）优化审批服务。压缩审批时限。（国务院办公厅、司法部负责）")
    + para("（二）放宽补贴申领条件。将参保年限放宽至1年以上。（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）")
    + para("（三）加强资金保障。中央财政给予支持。（财政部负责）")
    + para("（四）推进试点示范。开展试点。（国家发展改革委牵头，科技部、工业和信息化部按职责分工负责）")
    + para("（五）做好宣传解读。加强政策宣传。（中央宣传部、国家发展改革委等有关部门和各省级人民政府负责）")
    + p("国务院", RIGHT)
    + A4_PORTRAIT
)
"""The rule said inside a note: the task before it has no lead, the ones after
it are led by their first unit, unless a role word names the lead."""

NATIONAL_LEAD_PREAMBLE = (
    p("国务院办公厅关于深化示范工作的通知")
    + para(STATE_COUNCIL)
    + para("经国务院同意，现将有关事项通知如下（各项任务中排在第一位的部门为牵头部门）：")
    + para("一、深化改革")
    + para("（一）推行承诺制。对技改项目实行承诺制。（国家发展改革委、自然资源部负责）")
    + para("（二）完善监管。建立联合抽查机制。（市场监管总局负责）")
    + p("国务院办公厅", RIGHT)
    + A4_PORTRAIT
)
"""The rule said once in the opening paragraph, in its other wording."""

REFORM_TABLE = p("附件") + p("改革举措推广清单") + tbl(
    tr(cells("序号", "改革举措", "主要内容", "指导部门", "推广范围"), trpr=HEADER),
    tr(cells("1", "企业投资项目承诺制", "对不新增用地的技改项目实行承诺制。", "国家发展改革委", "全国")),
    tr(cells("2", "跨部门联合监管", "建立部门联合随机抽查机制。", "市场监管总局、司法部", "自由贸易试验区")),
    widths=(700, 2200, 3300, 1800, 1500), ruled=True,
) + A4_PORTRAIT
"""The columns the State Council's reform lists use (改革举措 | 主要内容 |
指导部门 | 推广范围)."""

NUMBER_COLUMN = tbl(
    tr(cells("", "任务", "工作内容", "分工", "适用范围"), trpr=HEADER),
    tr(cells("1", "压减企业开办时间", "企业开办时间压缩至3个工作日以内。", "市场监管总局、公安部", "各省级人民政府")),
    tr(cells("2", "推行电子证照", "实现高频证照电子化。", "国务院办公厅牵头，各有关部门配合", "全国")),
    tr(cells("3", "清理证明事项", "公布证明事项清单。", "司法部", "全国")),
    widths=(600, 2000, 3200, 2200, 1500), ruled=True,
) + A4_PORTRAIT
"""Columns the header does not name: an empty header over 1, 2, 3 and 分工
over agency lists; 适用范围 holds a unit group in one row and stays an extra."""

A6_LANDSCAPE = section(width=8391, height=5953, margin=567)
"""A page so short that a task row of a few lines crosses a page break."""

FEEDBACK_TITLE = "完善重大行政决策意见收集和反馈机制，及时公布意见采纳情况，对社会关注度高的决策事项说明理由"
NUMBER_COLUMN_SECTIONS = p("附件") + p("政务公开重点任务分解表") + tbl(
    tr(cells("", "重点任务", "具体措施", "责任单位", "完成时限"), trpr=HEADER),
    tr(span("一、推进决策公开", 5)),
    tr(span("（一）扩大公众参与", 5)),
    tr(cells("1", "推行重大决策预公开", "重大决策出台前向社会公开征求意见。", "市司法局", "2021年6月底前")),
    tr(cells("2", FEEDBACK_TITLE, LONG, "市政府办公室牵头，市直各部门配合", "长期坚持")),
    tr(span("（二）深化结果公开", 5)),
    tr(cells("3", "公开财政预决算", "按规定公开预算、决算及相关报表。", "市财政局", "2021年12月底前")),
    tr(span("二、加强平台建设", 5)),
    tr(cells("4", "优化政府网站集约化平台", "推进政府网站集约化建设，统一平台标准。", "市政务服务数据管理局",
             "2021年9月底前")),
    tr(cells("5", "规范政务新媒体", LONG[:60], "各县（市、区）人民政府、市直各部门", "2021年第四季度")),
    widths=(450, 1500, 2900, 1400, 1007), ruled=True,
) + A6_LANDSCAPE
"""The number column has no header and the section rows (一、 and （一）) are
merged across the whole table, on pages so short that task rows cross page
breaks (task 2's title and 具体措施 both): only the numbers tell a task's
rest on the next page from a new task."""

NUMBER_HEADER_MERGED = p("附件") + p("政策解读重点任务清单") + tbl(
    tr(span("重点任务", 2), cells("牵头单位", "责任单位", "完成时限"), trpr=HEADER),
    tr(span("一、深化政务公开", 5)),
    tr(cells("1", "推进决策公开", "市政府办公室", "市政府各部门", "2021年6月底前")),
    tr(cells("2", "做好财政预决算公开", "市财政局", "各县（市、区）人民政府", "2021年12月底前")),
    tr(span("二、加强政策解读", 5)),
    tr(cells("1", "做好政策解读", "市政府办公室", "市直有关部门", "长期坚持")),
    tr(cells("2", "回应社会关切", "市政府办公室", "市直各部门", "每季度")),
    tr(cells("3", "办好政府开放日", "市政府办公室", "", "2021年第四季度")),
    widths=(700, 3300, 1800, 2300, 1500), ruled=True,
) + A4_PORTRAIT
"""重点任务 merged over the number column and the task column, section rows
merged across the table, and the numbers starting again at 1 under 二、."""

SUBSECTION_TITLE = "（三）提升政府信息公开申请办理工作规范化程度。"
WRAPPED_SUBSECTION = tbl(
    tr(cells("工作要求", "工作任务", "具体要求", "责任单位"), trpr=HEADER),
    tr(top("一、优化政务公开工作基础"), tc("（一）深化规范性文件集中公开。"), tc("1." + (LONG * 2)[:106]),
       tc("市政府办公室")),
    tr(under(), tc(SUBSECTION_TITLE), tc("2." + LONG), tc("市有关单位")),
    tr(under(), tc("（四）做好公开。"), tc("3." + LONG[:20]), tc("各镇（街）")),
    widths=(1000, 1100, 1800, 1000), ruled=True,
) + A6_PORTRAIT
"""台山's layout on a page that ends inside the （三） cell: ``……规范化`` on one
page, ``程度。`` on the next, in the row the page end broke."""

SECTION_TITLE = "二、提升政府信息公开申请办理工作规范化程度，推进政务公开标准化规范化建设，确保各项任务落到实处"
WRAPPED_SECTION = tbl(
    tr(cells("工作任务", "工作要求", "牵头单位", "责任单位"), trpr=HEADER),
    tr(span("一、深化公开", 4)),
    tr(cells("1.做好公开", (LONG * 2)[:150], "市政府办公室", "市有关单位")),
    tr(span(SECTION_TITLE, 4)),
    tr(cells("2.加强解读", LONG[:30], "市司法局", "各镇（街）")),
    widths=(1300, 1900, 900, 900), ruled=True,
) + A6_PORTRAIT
"""A section row merged across the table that a page end breaks after its
first lines: the rest shows on the next page across every column."""

NUMBERED_WRAPPED_SECTION = tbl(
    tr(cells("", "工作任务", "工作要求", "牵头单位", "责任单位"), trpr=HEADER),
    tr(span("一、深化公开", 5)),
    tr(cells("1", "做好公开", (LONG * 2)[:120], "市政府办公室", "市有关单位")),
    tr(span(SECTION_TITLE, 5)),
    tr(cells("2", "加强解读", LONG[:30], "市司法局", "各镇（街）")),
    widths=(400, 1100, 1800, 800, 800), ruled=True,
) + A6_PORTRAIT
"""The page-broken section row of ``wrapped_section`` over a number column
without a header: the rest of the heading stands in the number column on the
next page, and is neither a number nor a task."""

BODIES: dict[str, str] = {
    "national_notes": NATIONAL_NOTES,
    "national_lead": NATIONAL_LEAD,
    "national_lead_preamble": NATIONAL_LEAD_PREAMBLE,
    "reform_table": REFORM_TABLE,
    "number_column": NUMBER_COLUMN,
    "wrapped_subsection": WRAPPED_SUBSECTION,
    "wrapped_section": WRAPPED_SECTION,
    "number_column_sections": NUMBER_COLUMN_SECTIONS,
    "number_header_merged": NUMBER_HEADER_MERGED,
    "numbered_wrapped_section": NUMBERED_WRAPPED_SECTION,
}

HTML_LAYOUTS = ("national_notes", "national_lead", "national_lead_preamble", "reform_table", "number_column",
                "number_column_sections", "number_header_merged")
"""Layouts also published as a web page (LibreOffice's XHTML of the DOCX): the
same rows from HTML. The page-broken headings are a fixed-layout matter."""
