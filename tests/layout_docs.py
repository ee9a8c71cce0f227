"""Small notices, one per table layout that issue 5 reads, as WordprocessingML.

Tests build the DOCX from these in memory; ``tests/fixtures/make_fixtures.py``
writes the same DOCX to ``tests/fixtures/layouts/`` and has LibreOffice render
each to the PDF committed beside it, so both formats are checked against one
expectation (``tests/expected/layouts.py``).
"""

from __future__ import annotations

from tests.docxgen import make_docx, p, section, tbl, tc, tr

A4_PORTRAIT = section()
A4_LANDSCAPE = section(width=16838, height=11906)
A6_PORTRAIT = section(width=5953, height=8391, margin=567)
"""A page small enough for a few rows to cross a page break."""


def cells(*texts: str) -> str:
    return "".join(tc(t) for t in texts)


def span(text: str, n: int) -> str:
    """A cell merged across *n* grid columns."""
    return tc(text, f'<w:gridSpan w:val="{n}"/>')


def top(text: str) -> str:
    """The first cell of a vertical merge."""
    return tc(text, '<w:vMerge w:val="restart"/>')


def under() -> str:
    """A cell that continues the vertical merge above it."""
    return tc("", "<w:vMerge/>")


HEADER = "<w:tblHeader/>"


def para(text: str) -> str:
    """A body paragraph indented by two characters, as GB/T 9704 sets them."""
    return p(text, '<w:ind w:firstLineChars="200" w:firstLine="420"/>')

LONG = ("结合实际逐步推进本地区行政规范性文件库建设，实现规范性文件集中统一公开和动态更新调整，"
        "为下一步对接全省行政规范性文件库夯实基础，并向社会公布清理结果。")

HEADER_TWO_ROWS = p("附件1") + tbl(
    tr(span("重点工作任务分解表", 7)),
    tr(top("序 号"), span("责 任 单 位", 2), top("重点任务"), top("具体措施"), top("完成时限"), top("备注"),
       trpr=HEADER),
    tr(under(), cells("牵头单位", "配合单位"), under(), under(), under(), under(), trpr=HEADER),
    tr(span("一、深化政务公开。", 7)),
    tr(cells("1", "市政府办公室", "市政府各部门、各直属机构", "推进决策公开",
             "重大决策出台前向社会公开征求意见。", "2021年6月底前", "")),
    tr(cells("2", "市财政局", "各县（市、区）人民政府", "做好财政预决算公开",
             "按规定公开预算、决算及相关报表。", "2021年12月底前", "每季度报送进展")),
    tr(span("二、加强平台建设", 7)),
    tr(cells("", "", "市政务服务数据管理局", "优化政府网站集约化平台", "推进政府网站集约化建设。", "长期坚持", "")),
    widths=(700, 1700, 2300, 2500, 4000, 1500, 1200), ruled=True,
) + A4_LANDSCAPE
"""Caption row, header over two rows with a merged 责任单位 and spaced
characters, columns in an unusual order, a 序号 column, an unnumbered task
and an extra 备注 column."""

MERGED_UNITS = tbl(
    tr(cells("工作任务", "工作要求", "牵头单位", "责任单位"), trpr=HEADER),
    tr(span("一、推进政务公开标准化。", 4)),
    tr(cells("1. 政府工作要做到公开透明。", "政府常务会议讨论决定的事项应及时公开。"),
       top("市政府办公室"), top("市政府各部门、各直属机构")),
    tr(cells("2. 推进政策执行阳光透明", "政策文件要对公开相关信息作出明确规定。"), under(), under()),
    tr(cells("3. 做好权责清单公开", "推进行政机关权责清单网上公开。", ""), under()),
    tr(span("二、强化解读回应", 4)),
    tr(cells("4. 加强政策解读", "重要政策出台时同步发布解读材料。", "",
             "市政府办公室、市发展和改革局牵头，市直有关部门配合；各镇（街）参照落实")),
    tr(cells("5. 回应社会关切", "及时回应涉及群众切身利益的社会关切。", "",
             "市发改局、市财政局等有关部门配合")),
    widths=(2000, 3000, 1600, 2400), ruled=True,
) + A4_PORTRAIT
"""Numbers in the name column, lead and responsible cells merged over several
rows, role words inside 责任单位 cells."""

PAGE_BREAK_SPANS = tbl(
    tr(cells("工作要求", "工作任务", "具体要求", "责任单位"), trpr=HEADER),
    tr(top("一、优化政务公开工作基础"), top("（一）深化规范性文件集中公开。"), tc("1." + LONG),
       top("市政府办公室、市司法局")),
    tr(under(), under(), tc("2." + LONG), under()),
    tr(under(), under(), tc("3." + LONG), under()),
    tr(under(), top("（二）推进基层政务公开。"), tc("4." + LONG), tc("各镇（街）")),
    tr(top("二、提升政策解读质量"), top("（一）做好解读材料。"), tc("5." + LONG), tc("市有关单位")),
    widths=(1000, 1100, 1800, 1000), ruled=True,
) + A6_PORTRAIT
"""台山's layout (two grouping columns, the items in 具体要求) on pages so
small that the merged cells and a task row cross page breaks."""

TWO_TABLES = (
    p("附件1") + p("信息公开重点任务")
    + tbl(
        tr(cells("工作任务", "责任单位", "完成时限"), trpr=HEADER),
        tr(span("一、做好信息公开", 3)),
        tr(cells("1.公开财政预决算", "市财政局", "2021年底前")),
        tr(cells("2.公开重大建设项目", "市发展和改革局", "2021年底前")),
        widths=(4000, 3000, 2000), ruled=True,
    )
    + p("附件2") + p("民生实事任务")
    + tbl(
        tr(cells("序号", "民生实事", "工作内容", "责任部门"), trpr=HEADER),
        tr(cells("1", "建设便民服务中心", "新建镇级便民服务中心2个。", "市政务服务数据管理局")),
        tr(cells("2", "改造老旧小区", "完成老旧小区改造10个。", "市住房和城乡建设局")),
        widths=(800, 2700, 3500, 2000), ruled=True,
    )
    + A4_PORTRAIT
)
"""A notice whose two attachments each hold a task table."""

PROSE = (
    p("关于印发政务公开工作要点的通知")
    + para("各镇（街），市直有关单位：")
    + para("现将有关工作安排如下，请认真贯彻落实。")
    + para("一、优化政务公开工作基础")
    + para("1.深化规范性文件集中公开，实现动态更新调整。")
    + para("牵头单位：市政府办公室")
    + para("责任单位：市司法局、市有关单位")
    + para("完成时限：2021年12月底前")
    + para("2.推进基层政务公开标准化规范化。")
    + para("持续做好基层政务公开标准目录的动态调整。")
    + para("责任单位：各镇（街）")
    + para("二、加强政策解读")
    + para("3.做好重大政策解读。（牵头单位：市政府办公室；配合单位：市直有关部门）")
    + para("4.各单位要高度重视，确保各项任务落到实处。")
    + para("市人民政府办公室")
    + A4_PORTRAIT
)
"""Tasks as numbered paragraphs with unit and deadline lines, one with its
labels in brackets, and a numbered paragraph that is no task."""

NO_TABLE = (
    p("关于做好政务公开工作的通知")
    + para("各镇（街），市直有关单位：")
    + para("一、提高思想认识")
    + para("各单位要高度重视政务公开工作。")
    + para("市人民政府办公室")
    + A4_PORTRAIT
)
"""A notice with no task table and no labelled tasks."""

CENTER = '<w:jc w:val="center"/>'
RIGHT = '<w:jc w:val="right"/>'

FULL_NOTICE = (
    p("厦门市人民政府办公厅文件", CENTER)
    + p("厦府办［2019］ 7 号", CENTER)
    + p("厦门市人民政府办公厅关于印发2019年全市政务公开", CENTER)
    + p("工作要点任务分工的通知", CENTER)
    + p("各区人民政府，市直各委、办、局，各开发区管委会：")
    + para("为贯彻落实《国务院办公厅关于印发2019年政务公开工作要点的通知》（国办发〔2019〕14号），"
           "经市政府同意，现将《2019年全市政务公开工作要点任务分工》印发给你们，请认真贯彻落实。")
    + p("厦门市人民政府办公厅", RIGHT)
    + p("二〇一九年五月二十日", RIGHT)
    + para("（此件依申请公开）")
    + p("附件")
    + p("2019年全市政务公开工作要点任务分工", CENTER)
    + tbl(
        tr(cells("序 号", "重点任务", "牵头部门", "配合单位", "完成时限"), trpr=HEADER),
        tr(span("一、推进决策公开", 5)),
        tr(cells("1", "扩大公众参与，重大决策预公开。", "市司法局", "各区人民政府、市直各部门", "2019年9月底前")),
        tr(cells("2", "落实规范性文件集中公开，建立统一发布平台。", "市政府办公厅(市政务公开办)、市司法局",
                 "市直各部门，各区政府", "长期坚持")),
        tr(span("二、推进政策解读", 5)),
        tr(cells("3", "主要负责人带头解读政策，每季度至少1次。", "", "市直各部门", "每季度")),
        widths=(700, 3300, 1900, 1900, 1200), ruled=True,
    )
    + p("抄送：市委办公厅，市人大常委会办公厅，市政协办公厅。")
    + p("厦门市人民政府办公厅\u3000\u3000\u3000\u30002019年5月21日印发")
    + A4_PORTRAIT
)
"""A whole notice from another issuer and year: 序号 and 完成时限 columns, units
in 牵头部门/配合单位, a written 成文日期, another bracket form in the 发文字号."""

BODIES: dict[str, str] = {
    "header_two_rows": HEADER_TWO_ROWS,
    "merged_units": MERGED_UNITS,
    "page_break_spans": PAGE_BREAK_SPANS,
    "two_tables": TWO_TABLES,
    "prose": PROSE,
    "no_table": NO_TABLE,
    "full_notice": FULL_NOTICE,
}


def docx(name: str) -> bytes:
    """The DOCX of one layout."""
    return make_docx(BODIES[name])
