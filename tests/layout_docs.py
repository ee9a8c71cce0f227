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


# --- Whole notices set as GB/T 9704-2012 prints them ------------------------------
# A4, margins 37/35/28/26 mm (top/bottom/left/right), a red 发文机关标志, the
# title in 22 pt bold wrapping over lines, the body in 16 pt at a fixed 28 pt
# line pitch with a two-character indent, the attachment on a new page with a
# long task table in 12 pt whose rows the page ends break (no w:cantSplit) and
# whose header row repeats (w:tblHeader), and the 版记 after it.

GBT_MARGINS = (2098, 1984, 1587, 1474)
GBT_PORTRAIT = section(margin=GBT_MARGINS)
GBT_LANDSCAPE = section(width=16838, height=11906, margin=(1587, 1474, 2098, 1984))

_EXACT = '<w:spacing w:line="560" w:lineRule="exact"/>'
_INDENT = '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
_BODY_RUN = "<w:sz w:val=\"32\"/>"
_CELL_RUN = "<w:sz w:val=\"24\"/>"
_BOLD_CELL_RUN = "<w:b/><w:sz w:val=\"24\"/>"


def gbt_par(text: str, align: str = "", indent: bool = True) -> str:
    """A 16 pt body paragraph at a fixed 28 pt pitch."""
    jc = f'<w:jc w:val="{align}"/>' if align else ""
    return p(text, _EXACT + (_INDENT if indent and not align else "") + jc, _BODY_RUN)


def gbt_cells(*texts: str) -> str:
    return "".join(tc(t, rpr=_CELL_RUN) for t in texts)


def gbt_span(text: str, n: int) -> str:
    """A bold section row's cell merged across the table."""
    return tc(text, f'<w:gridSpan w:val="{n}"/>', _BOLD_CELL_RUN)


def gbt_header(*texts: str) -> str:
    return tr("".join(tc(t, rpr=_BOLD_CELL_RUN) for t in texts), trpr=HEADER)


def gbt_notice(mark: str, number: str, title: str, addressees: str, body: list[str], signature: str,
               signed: str, note: str, attachment: str, table: str, cc: str, imprint: str,
               table_section: str = "") -> str:
    """A whole notice: 版头, 主体, the attachment on a new page, 版记.

    *table_section*, when given, is the sectPr of the section the body ends
    (so the attachment starts a section of its own, e.g. landscape)."""
    head = (p(mark, '<w:jc w:val="center"/>', '<w:b/><w:color w:val="FF0000"/><w:sz w:val="64"/>')
            + p("", _EXACT) + p(number, '<w:jc w:val="center"/>' + _EXACT, _BODY_RUN)
            + p(title, '<w:spacing w:before="560" w:line="640" w:lineRule="exact"/><w:jc w:val="center"/>',
                '<w:b/><w:sz w:val="44"/>')
            + gbt_par(addressees, indent=False))
    closing = (gbt_par(signature, "right") + gbt_par(signed, "right") + gbt_par(note))
    if table_section:
        closing += p("", f"{_EXACT}{table_section}")
        heading = p("附件", _EXACT, _BODY_RUN)
    else:
        heading = p("附件", "<w:pageBreakBefore/>" + _EXACT, _BODY_RUN)
    annex = (heading + p(attachment, '<w:jc w:val="center"/>' + _EXACT, '<w:b/><w:sz w:val="36"/>') + table)
    imprint_par = (p(cc, _EXACT, "<w:sz w:val=\"28\"/>") + p(imprint, _EXACT, "<w:sz w:val=\"28\"/>"))
    return head + "".join(gbt_par(t) for t in body) + closing + annex + imprint_par


_MEASURES = (
    "建立健全工作台账，明确责任分工和时间节点，定期通报工作进展情况，",
    "依托政府门户网站和政务新媒体集中发布相关信息，方便公众查阅获取，",
    "加强对县（市、区）和市直部门的业务指导，推动工作规范化标准化，",
    "将落实情况纳入政务公开年度考核，对工作不力的单位予以通报，",
)
_OUTCOMES = ("确保各项要求落到实处。", "切实提高公开实效。", "持续提升群众满意度。")


def measure(topic: str, i: int) -> str:
    """A 具体措施 text: the topic and two of the stock sentences."""
    return f"围绕{topic}，{_MEASURES[i % 4]}{_MEASURES[(i + 1) % 4]}{_OUTCOMES[i % 3]}"


GBT_SIX_COLUMNS_ROWS = [
    # (section, 重点任务, 牵头单位, 配合单位, 完成时限)
    (1, "推进重大决策预公开", "市司法局", "市直各部门，各县（市、区）人民政府", "2020年6月底前"),
    (1, "规范政策解读发布", "市政府办公室 市司法局", "市委宣传部(市政府新闻办)、市直各部门", "2020年第三季度"),
    (1, "深化审批服务公开", "市委编办(市审改办)", "市行政服务中心管委会、\n市数字办", "长期坚持"),
    (1, "公开财政预决算", "市财政局", "各县（市、区）人民政府", "2020年12月底前"),
    (1, "公开重大建设项目", "市发展和改革委员会", "市住房和城乡建设局 市交通运输局", "2020年9月30日前"),
    (1, "公开公共资源配置", "市公共资源交易中心", "漳州开发区、古雷港经济开发区管委会", "每季度"),
    (1, "做好减税降费公开", "市税务局", "市财政局,市市场监管局", "2020年下半年"),
    (1, "公开就业创业政策", "市人力资源和社会保障局", "各县（市、区）人民政府", "2020年10月底前"),
    (1, "公开生态环境信息", "市生态环境局", "市直有关部门", "长期坚持"),
    (2, "加强政策解读", "市政府办公室", "市直各部门、各直属机构", "2020年6月底前"),
    (2, "回应社会关切", "市政府办公室", "市直各部门", "长期坚持"),
    (2, "办好政府开放日", "市政府办公室", "市直有关部门", "2020年第四季度"),
    (2, "做好政务舆情回应", "市委网信办", "市直各部门", "长期坚持"),
    (2, "加强政策解读材料审核", "市政府办公室", "", "2020年第三季度"),
    (2, "推进新闻发布制度化", "市委宣传部(市政府新闻办)", "市直各部门", "每季度"),
    (2, "公开政务热线办理情况", "市12345便民服务平台", "市直各部门", "2020年11月底前"),
    (2, "规范政务新媒体", "市政府办公室", "各县（市、区）人民政府、市直各部门", "2020年上半年"),
    (2, "加强解读队伍建设", "", "市直各部门", "长期坚持"),
    (3, "优化政府网站集约化平台", "市数字漳州建设领导小组办公室", "市直各部门", "2020年12月底前"),
    (3, "推进政务公开标准化", "市政府办公室", "各县（市、区）人民政府", "2020年第三季度"),
    (3, "完善依申请公开工作", "市司法局", "市直各部门", "2020年8月底前"),
    (3, "建设政策文件库", "市司法局", "市政府办公室", "2020年12月底前"),
    (3, "推进基层政务公开", "各县（市、区）人民政府", "", "2020年底前"),
    (3, "加强公开培训", "市政府办公室", "市直各部门", "每年至少1次"),
    (3, "开展第三方评估", "市政府办公室", "", "2020年11月中旬前"),
    (3, "加强考核监督", "市政府办公室", "市委督查室、市政府督查室", "长期坚持"),
    (3, "编制年度报告", "市直各部门", "", "2021年1月31日前"),
]
GBT_SIX_COLUMNS_SECTIONS = {1: "一、推进决策公开", 2: "二、深化政策解读", 3: "三、加强平台建设"}


def _six_column_rows(rows: list[tuple[int, str, str, str, str, str]] | None = None) -> str:
    """Table rows of (section, 重点任务, 具体措施, 牵头单位, 配合单位, 完成时限);
    the 2020 edition's by default."""
    if rows is None:
        rows = [(s, topic, measure(topic, i), lead, partner, due)
                for i, (s, topic, lead, partner, due) in enumerate(GBT_SIX_COLUMNS_ROWS)]
    out, section_no = [], 0
    for i, (s, topic, text, lead, partner, due) in enumerate(rows):
        if s != section_no:
            out.append(tr(gbt_span(GBT_SIX_COLUMNS_SECTIONS[s], 6)))
            section_no = s
        out.append(tr(gbt_cells(str(i + 1), topic, text, lead, partner, due)))
    return "".join(out)


def _six_column_notice(number: str, year: str, signed: str, printed: str, rows: str) -> str:
    """The 漳州 notice of one year (the 2020 edition and the 2021 one of tests/test_links.py)."""
    return gbt_notice(
        "漳州市人民政府办公室文件", number,
        f"漳州市人民政府办公室关于印发{year}年漳州市政务公开工作要点任务分解表的通知",
        "各县（市、区）人民政府，漳州开发区、古雷港经济开发区管委会，市直各单位：",
        [f"为贯彻落实《国务院办公厅关于印发{year}年政务公开工作要点的通知》（国办发〔2020〕17号）精神，"
         f"经市政府同意，现将《{year}年漳州市政务公开工作要点任务分解表》印发给你们，请认真组织实施。",
         f"各地各部门要于{year}年12月10日前将工作落实情况报送市政府办公室。"],
        "漳州市人民政府办公室", signed, "（此件主动公开）",
        f"{year}年漳州市政务公开工作要点任务分解表",
        tbl(gbt_header("序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"), rows,
            widths=(600, 1500, 3245, 1300, 1400, 800), ruled=True),
        "抄送：市委办公室，市人大常委会办公室，市政协办公室。",
        f"漳州市人民政府办公室\u3000\u3000\u3000\u3000{printed}印发",
    ) + GBT_PORTRAIT


GBT_SIX_COLUMNS = _six_column_notice("漳政办〔2020〕27号", "2020", "2020年6月15日", "2020年6月16日", _six_column_rows())
"""漳州 2020: 序号 | 重点任务 | 具体措施 | 牵头单位 | 配合单位 | 完成时限, bold
section rows merged across, 27 tasks over several pages, units with ASCII
aliases, space- and comma-separated lists, a unit cell of two paragraphs."""

GBT_THREE_COLUMNS_ROWS = [
    # (section, 任务, 责任单位, 时间节点)
    (1, "推行企业开办全程网上办理，将企业开办时间压缩至1个工作日以内。", "县市场监管局牵头，县税务局、县公安局配合", "2021年6月底前"),
    (1, "深化工程建设项目审批制度改革，全流程审批时间压缩至80个工作日以内。", "县住建局牵头，县自然资源局、县发改局配合", "2021年第三季度"),
    (1, "推进政务服务事项“一网通办”，网上可办率达到90%以上。", "县行政服务中心管委会(县审改办)牵头，县直各单位落实", "2021年9月"),
    (1, "推行告知承诺制，公布实行告知承诺制的证明事项清单。", "县司法局", "2021年6月底前"),
    (1, "规范中介服务，清理规范行政审批中介服务事项。", "县发改局 县行政服务中心管委会", "长期坚持"),
    (1, "推广电子证照应用，实现高频证照电子化。", "县数字办牵头，县直有关单位配合", "2021年12月底前"),
    (1, "优化不动产登记，一般登记业务办理时间压缩至3个工作日。", "县自然资源局、县税务局", "2021年第二季度"),
    (2, "落实减税降费政策，确保各项优惠政策直达市场主体。", "县税务局牵头，县财政局配合", "长期坚持"),
    (2, "清理规范涉企收费，公布涉企收费目录清单。", "县发改局、县财政局", "2021年6月底前"),
    (2, "加大融资支持力度，推动银行机构增加小微企业信贷投放。", "县金融办牵头，人行长泰支行、各银行机构配合", "每季度"),
    (2, "降低企业用电用气成本，落实阶段性降价政策。", "县发改局", "2021年年底前"),
    (2, "保障中小企业款项支付，建立防范拖欠长效机制。", "县工信局牵头，县财政局、县国资中心配合", "长期坚持"),
    (2, "完善政府采购制度，公开政府采购意向。", "县财政局", "2021年第一季度"),
    (2, "规范招标投标行为，推行电子化招标投标。", "县发改局牵头，县公共资源交易中心配合", "2021年9月底前"),
    (2, "加强公平竞争审查，清理妨碍统一市场的规定。", "县市场监管局", "2021年11月底前"),
    (3, "推行“双随机、一公开”监管，实现部门联合抽查常态化。", "县市场监管局牵头，县直有关部门配合", "长期坚持"),
    (3, "加强信用体系建设，推行信用承诺和信用修复。", "县发改局", "2021年第三季度"),
    (3, "规范行政执法行为，全面推行行政执法公示制度。", "县司法局牵头，各行政执法部门落实", "2021年6月底前"),
    (3, "推行包容审慎监管，制定轻微违法行为免罚清单。", "县司法局、县市场监管局", "2021年下半年"),
    (3, "畅通政企沟通渠道，建立企业诉求快速响应机制。", "县工信局牵头，各乡镇人民政府配合", "长期坚持"),
    (3, "加强营商环境监督，聘请营商环境监督员。", "县纪委监委 县营商办", "2021年5月底前"),
    (3, "开展营商环境评价，及时通报评价结果。", "县营商办牵头，县直各单位配合", "2021年第四季度"),
    (3, "强化知识产权保护，建立维权援助工作站。", "县市场监管局", "2021年10月底前"),
    (3, "加强政策宣传解读，提高惠企政策知晓度。", "县融媒体中心牵头，县直各单位配合", "每季度"),
    (3, "加强考核督查，将营商环境工作纳入绩效考评。", "县委督查室、县政府督查室", "2021年12月底前"),
]
GBT_THREE_COLUMNS_SECTIONS = {1: "一、提升政务服务效能", 2: "二、降低企业经营成本", 3: "三、加强事中事后监管"}


def _three_column_rows() -> str:
    rows, section_no, n = [], 0, 0
    for s, text, units, due in GBT_THREE_COLUMNS_ROWS:
        if s != section_no:
            rows.append(tr(gbt_cells(GBT_THREE_COLUMNS_SECTIONS[s], "", "")))
            section_no, n = s, 0
        n += 1
        rows.append(tr(gbt_cells(f"（{n}）{text}", units, due)))
    return "".join(rows)


GBT_THREE_COLUMNS = gbt_notice(
    "长泰县人民政府办公室文件", "长政办〔2021〕9号",
    "长泰县人民政府办公室关于印发长泰县2021年优化营商环境重点任务清单的通知",
    "各乡镇人民政府，县直各单位：",
    ["为持续优化营商环境，经县政府同意，现将《长泰县2021年优化营商环境重点任务清单》印发给你们，"
     "请结合实际认真抓好落实。"],
    "长泰县人民政府办公室", "二〇二一年三月八日", "（此件公开发布）",
    "长泰县2021年优化营商环境重点任务清单",
    tbl(gbt_header("任务", "责任单位", "时间节点"), _three_column_rows(),
        widths=(5000, 2545, 1300), ruled=True),
    "抄送：县委办，县人大办，县政协办。",
    "长泰县人民政府办公室 2021年3月9日印发",
) + GBT_PORTRAIT
"""长泰 2021: 任务 | 责任单位 | 时间节点, section rows with their text in the
first cell only, tasks numbered （1） restarting under each section, role
words in the unit cells, a written 成文日期, （此件公开发布）."""

GBT_LANDSCAPE_ROWS = [
    # (section, subsection, 工作任务, 责任单位, 完成时限, 备注)
    (1, 1, "新建城市书房", "市文旅局牵头，各县（市、区）人民政府落实", "2022年12月底前", "新增"),
    (1, 1, "实施全民健身工程", "市体育局", "2022年第三季度", ""),
    (1, 1, "改造提升农村公路", "市交通运输局\n各县（市、区）人民政府", "2022年11月底前", ""),
    (1, 1, "建设社区嵌入式养老服务设施", "市民政局牵头，市财政局、市自然资源局配合", "2022年12月底前", "延续"),
    (1, 1, "推进老旧小区改造", "市住房和城乡建设局", "2022年10月底前", ""),
    (1, 2, "新增公办幼儿园学位", "市教育局牵头，市财政局、市人力资源和社会保障局配合", "2022年8月底前", ""),
    (1, 2, "推进义务教育薄弱环节改善", "市教育局", "2022年12月底前", ""),
    (1, 2, "开展职业技能提升行动", "市人力资源和社会保障局", "长期坚持", "延续"),
    (1, 2, "实施青少年近视防控", "市教育局 市卫生健康委", "2022年第四季度", ""),
    (1, 2, "建设校园食品安全智慧监管平台", "市市场监管局、市教育局", "2022年9月底前", ""),
    (2, 1, "建设紧密型县域医共体", "市卫生健康委牵头，各县（市、区）人民政府落实", "2022年12月底前", ""),
    (2, 1, "开展适龄妇女两癌免费筛查", "市卫生健康委", "2022年11月底前", ""),
    (2, 1, "推进医保异地就医直接结算", "市医保局", "长期坚持", ""),
    (2, 1, "建设急救站点", "市卫生健康委", "2022年第三季度", "新增"),
    (2, 1, "实施困难群众医疗救助", "市医保局、市民政局", "2022年12月底前", ""),
    (2, 2, "提高城乡低保标准", "市民政局牵头，市财政局配合", "2022年6月底前", ""),
    (2, 2, "开展残疾儿童康复救助", "市残联", "2022年12月底前", ""),
    (2, 2, "建设殡葬公益设施", "市民政局", "2022年第四季度", ""),
    (2, 2, "实施农村供水保障工程", "市水利局", "2022年10月底前", ""),
    (2, 2, "推进城市生活垃圾分类", "市城市管理局", "长期坚持", "延续"),
    (3, 1, "推进政务服务“一趟不用跑”", "市行政服务中心管理委员会(市审改办)", "2022年9月底前", ""),
    (3, 1, "建设便民服务站点", "各县（市、区）人民政府", "2022年12月底前", ""),
    (3, 1, "推进不动产登记“一窗受理”", "市自然资源局 市税务局", "2022年6月底前", ""),
    (3, 1, "开通政务服务热线", "市12345便民服务平台", "2022年第二季度", ""),
    (3, 1, "推行企业开办“一日办结”", "市市场监管局", "2022年3月底前", ""),
    (3, 2, "整治城市交通拥堵", "市公安局牵头，市交通运输局、市城市管理局配合", "2022年第四季度", ""),
    (3, 2, "新增城市公共停车泊位", "市城市管理局", "2022年11月底前", ""),
    (3, 2, "建设城市公园绿地", "市林业局、市住房和城乡建设局", "2022年12月底前", ""),
    (3, 2, "推进农贸市场改造", "市商务局", "2022年9月底前", ""),
    (3, 2, "开展食品安全放心工程", "市市场监管局", "长期坚持", ""),
]
GBT_LANDSCAPE_SECTIONS = {1: "一、教育文化体育", 2: "二、医疗卫生和社会保障", 3: "三、城乡建设和便民服务"}
GBT_LANDSCAPE_SUBSECTIONS = {
    (1, 1): "（一）文化体育", (1, 2): "（二）教育",
    (2, 1): "（一）医疗卫生", (2, 2): "（二）社会保障",
    (3, 1): "（一）便民服务", (3, 2): "（二）城市建设",
}


def landscape_measure(topic: str, i: int) -> str:
    """A 具体措施 cell of two paragraphs, ① and ②."""
    return f"①{_MEASURES[i % 4].rstrip('，')}。\n②{topic}工作{_OUTCOMES[i % 3]}"


def _landscape_rows() -> str:
    rows, current = [], (0, 0)
    for i, (s, sub, topic, units, due, note) in enumerate(GBT_LANDSCAPE_ROWS):
        if s != current[0]:
            rows.append(tr(gbt_span(GBT_LANDSCAPE_SECTIONS[s], 5)))
        if (s, sub) != current:
            rows.append(tr(gbt_span(GBT_LANDSCAPE_SUBSECTIONS[s, sub], 5)))
            current = (s, sub)
        rows.append(tr(gbt_cells(f"{i + 1}.{topic}", landscape_measure(topic, i), units, due, note)))
    return "".join(rows)


GBT_LANDSCAPE = gbt_notice(
    "三明市人民政府文件", "明政〔2022〕3号",
    "三明市人民政府关于印发三明市2022年为民办实事项目责任分工方案的通知",
    "各县（市、区）人民政府，市直有关单位：",
    ["经市政府研究同意，现将《三明市2022年为民办实事项目责任分工方案》印发给你们，请认真组织实施，"
     "确保各项目按期完成。"],
    "三明市人民政府", "2022年2月18日", "（此件主动公开）",
    "三明市2022年为民办实事项目责任分工方案",
    tbl(gbt_header("工作任务", "具体措施", "责任单位", "完成时限", "备注"), _landscape_rows(),
        widths=(2600, 5200, 2400, 1355, 1200), ruled=True),
    "抄送：市委各部门，市人大常委会办公室，市政协办公室，三明军分区。",
    "三明市人民政府办公室\u3000\u30002022年2月19日印发",
    table_section=GBT_PORTRAIT,
) + GBT_LANDSCAPE
"""三明 2022: the attachment in a landscape section; section and subsection
rows merged across, tasks 1. in 工作任务 numbered on through the table, ① ②
paragraphs in 具体措施, a 备注 column, multi-line unit cells, role words."""

BODIES.update({
    "gbt_six_columns": GBT_SIX_COLUMNS,
    "gbt_three_columns": GBT_THREE_COLUMNS,
    "gbt_landscape": GBT_LANDSCAPE,
})

# --- A next edition of a notice (year-over-year links, tests/test_links.py) --------

SIX_COLUMNS_2021_EDITED = 3
"""Index of the task whose 具体措施 the 2021 edition rewrites (公开财政预决算)."""
SIX_COLUMNS_2021_EDITED_TEXT = "按规定公开预算、决算及相关报表，细化到功能分类的项级科目，同步公开政府债务限额和余额。"
SIX_COLUMNS_2021_RENAMED = 4
"""Index of the task whose lead unit the 2021 edition writes in short form
(市发改委 for 市发展和改革委员会): the same unit, so no change."""
SIX_COLUMNS_2021_DROPPED = 11
"""Index of the task the 2021 edition no longer has (办好政府开放日)."""
SIX_COLUMNS_2021_ADDED = (2, "推进政务公开专区建设", "在各级政务服务中心设立政务公开专区，提供政府信息查询、申请和政策咨询服务。",
                          "市政府办公室", "各县（市、区）人民政府", "2021年12月底前")
"""The task the 2021 edition adds, at the end of its section 二."""


def _six_columns_2021_rows() -> list[tuple[int, str, str, str, str, str]]:
    rows = []
    for i, (s, topic, lead, partner, due) in enumerate(GBT_SIX_COLUMNS_ROWS):
        if i == SIX_COLUMNS_2021_DROPPED:
            continue
        text = SIX_COLUMNS_2021_EDITED_TEXT if i == SIX_COLUMNS_2021_EDITED else measure(topic, i)
        lead = "市发改委" if i == SIX_COLUMNS_2021_RENAMED else lead
        rows.append((s, topic, text, lead, partner, due.replace("2020", "2021").replace("2021年1月31日", "2022年1月31日")))
        if i + 1 < len(GBT_SIX_COLUMNS_ROWS) and s == SIX_COLUMNS_2021_ADDED[0] != GBT_SIX_COLUMNS_ROWS[i + 1][0]:
            rows.append(SIX_COLUMNS_2021_ADDED)
    return rows


GBT_SIX_COLUMNS_2021 = _six_column_notice("漳政办〔2021〕15号", "2021", "2021年5月20日", "2021年5月21日",
                                          _six_column_rows(_six_columns_2021_rows()))
"""The 2021 edition of 漳州's notice: years moved on, one task's 具体措施
rewritten, one task dropped, one added, one lead unit written in short form."""

EDITIONS: dict[str, str] = {"gbt_six_columns_2021": GBT_SIX_COLUMNS_2021}
"""Later editions of layout fixtures, built in memory only (no committed PDF)."""


def edition_docx(name: str) -> bytes:
    return make_docx(EDITIONS[name])


# The layouts of issue 11 and of sections numbered in the number column live in
# their own modules (they import the helpers above).
from tests.layout_docs_national import BODIES as _NATIONAL_BODIES  # noqa: E402
from tests.layout_docs_national import HTML_LAYOUTS as _NATIONAL_HTML  # noqa: E402
from tests.layout_docs_sections import BODIES as _SECTIONS_BODIES  # noqa: E402
from tests.layout_docs_sections import HTML_LAYOUTS as _SECTIONS_HTML  # noqa: E402

BODIES.update(_NATIONAL_BODIES)
BODIES.update(_SECTIONS_BODIES)
HTML_LAYOUTS = _NATIONAL_HTML + _SECTIONS_HTML
