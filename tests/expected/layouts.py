"""Expected task rows of the layouts in tests/layout_docs.py, written from the
layouts themselves (the same for their DOCX and their PDF)."""

from datetime import date

from tests.layout_docs import LONG

_NONE = {"task_no": None, "section_no": None, "section_title": None, "subsection_no": None,
         "subsection_title": None, "title": None, "requirement": None, "lead_units": [],
         "responsible_units": [], "deadline_text": None, "deadline_date": None, "deadline_kind": None,
         "table_no": 1, "extra": {}}

DEADLINES: dict[str, tuple[date | None, str]] = {
    # What each 完成时限 cell of these layouts means (docs/metadata.md): the last
    # day it allows, and its kind. Every cell names its year, so no notice year is needed.
    "2019年9月底前": (date(2019, 9, 30), "date"),
    "2020年6月底前": (date(2020, 6, 30), "date"),
    "2020年8月底前": (date(2020, 8, 31), "date"),
    "2020年9月30日前": (date(2020, 9, 30), "date"),
    "2020年10月底前": (date(2020, 10, 31), "date"),
    "2020年11月中旬前": (date(2020, 11, 20), "date"),  # 中旬 is the 11th to the 20th
    "2020年11月底前": (date(2020, 11, 30), "date"),
    "2020年12月底前": (date(2020, 12, 31), "date"),
    "2020年底前": (date(2020, 12, 31), "date"),
    "2020年上半年": (date(2020, 6, 30), "date"),
    "2020年下半年": (date(2020, 12, 31), "date"),
    "2020年第三季度": (date(2020, 9, 30), "date"),
    "2020年第四季度": (date(2020, 12, 31), "date"),
    "2021年1月31日前": (date(2021, 1, 31), "date"),
    "2021年第一季度": (date(2021, 3, 31), "date"),
    "2021年第二季度": (date(2021, 6, 30), "date"),
    "2021年第三季度": (date(2021, 9, 30), "date"),
    "2021年第四季度": (date(2021, 12, 31), "date"),
    "2021年5月底前": (date(2021, 5, 31), "date"),
    "2021年6月底前": (date(2021, 6, 30), "date"),
    "2021年9月": (date(2021, 9, 30), "date"),  # a cell naming only a month: by its end
    "2021年9月底前": (date(2021, 9, 30), "date"),
    "2021年10月底前": (date(2021, 10, 31), "date"),
    "2021年11月底前": (date(2021, 11, 30), "date"),
    "2021年12月底前": (date(2021, 12, 31), "date"),
    "2021年底前": (date(2021, 12, 31), "date"),
    "2021年年底前": (date(2021, 12, 31), "date"),
    "2021年下半年": (date(2021, 12, 31), "date"),
    "2022年3月底前": (date(2022, 3, 31), "date"),
    "2022年6月底前": (date(2022, 6, 30), "date"),
    "2022年8月底前": (date(2022, 8, 31), "date"),
    "2022年9月底前": (date(2022, 9, 30), "date"),
    "2022年10月底前": (date(2022, 10, 31), "date"),
    "2022年11月底前": (date(2022, 11, 30), "date"),
    "2022年12月底前": (date(2022, 12, 31), "date"),
    "2022年第二季度": (date(2022, 6, 30), "date"),
    "2022年第三季度": (date(2022, 9, 30), "date"),
    "2022年第四季度": (date(2022, 12, 31), "date"),
    "每季度": (None, "recurring"),
    "每年至少1次": (None, "recurring"),
    "长期坚持": (None, "ongoing"),
}


def task(**fields) -> dict:
    """An expected task row: the fields given, the others empty; the deadline's
    date and kind are those its text means (:data:`DEADLINES`)."""
    row = {**_NONE, **fields}
    if row["deadline_text"] is not None:
        row["deadline_date"], row["deadline_kind"] = DEADLINES[row["deadline_text"]]
    return row


HEADER_TWO_ROWS = [
    task(task_no=1, section_no=1, section_title="深化政务公开", title="推进决策公开",
         requirement="重大决策出台前向社会公开征求意见。", lead_units=["市政府办公室"],
         responsible_units=["市政府各部门", "市政府各直属机构"], deadline_text="2021年6月底前"),
    task(task_no=2, section_no=1, section_title="深化政务公开", title="做好财政预决算公开",
         requirement="按规定公开预算、决算及相关报表。", lead_units=["市财政局"],
         responsible_units=["各县（市、区）人民政府"], deadline_text="2021年12月底前", extra={"备注": "每季度报送进展"}),
    task(section_no=2, section_title="加强平台建设", title="优化政府网站集约化平台",
         requirement="推进政府网站集约化建设。", responsible_units=["市政务服务数据管理局"], deadline_text="长期坚持"),
]

_S1, _S2 = "推进政务公开标准化", "强化解读回应"
_ALL = ["市政府各部门", "市政府各直属机构"]
MERGED_UNITS = [
    task(task_no=1, section_no=1, section_title=_S1, title="政府工作要做到公开透明",
         requirement="政府常务会议讨论决定的事项应及时公开。", lead_units=["市政府办公室"], responsible_units=_ALL),
    task(task_no=2, section_no=1, section_title=_S1, title="推进政策执行阳光透明",
         requirement="政策文件要对公开相关信息作出明确规定。", lead_units=["市政府办公室"], responsible_units=_ALL),
    task(task_no=3, section_no=1, section_title=_S1, title="做好权责清单公开",
         requirement="推进行政机关权责清单网上公开。", responsible_units=_ALL),
    task(task_no=4, section_no=2, section_title=_S2, title="加强政策解读", requirement="重要政策出台时同步发布解读材料。",
         lead_units=["市政府办公室", "市发展和改革局"], responsible_units=["市直有关部门", "各镇（街）"]),
    task(task_no=5, section_no=2, section_title=_S2, title="回应社会关切", requirement="及时回应涉及群众切身利益的社会关切。",
         responsible_units=["市发改局", "市财政局"]),
]

_BASE = "优化政务公开工作基础"
PAGE_BREAK_SPANS = [
    task(task_no=n, section_no=s, section_title=st, subsection_no=sub, subsection_title=subt,
         requirement=LONG, responsible_units=units)
    for n, s, st, sub, subt, units in [
        (1, 1, _BASE, 1, "深化规范性文件集中公开", ["市政府办公室", "市司法局"]),
        (2, 1, _BASE, 1, "深化规范性文件集中公开", ["市政府办公室", "市司法局"]),
        (3, 1, _BASE, 1, "深化规范性文件集中公开", ["市政府办公室", "市司法局"]),
        (4, 1, _BASE, 2, "推进基层政务公开", ["各镇（街）"]),
        (5, 2, "提升政策解读质量", 1, "做好解读材料", ["市有关单位"]),
    ]
]

TWO_TABLES = [
    task(task_no=1, section_no=1, section_title="做好信息公开", title="公开财政预决算",
         responsible_units=["市财政局"], deadline_text="2021年底前"),
    task(task_no=2, section_no=1, section_title="做好信息公开", title="公开重大建设项目",
         responsible_units=["市发展和改革局"], deadline_text="2021年底前"),
    task(table_no=2, task_no=1, title="建设便民服务中心", requirement="新建镇级便民服务中心2个。",
         responsible_units=["市政务服务数据管理局"]),
    task(table_no=2, task_no=2, title="改造老旧小区", requirement="完成老旧小区改造10个。",
         responsible_units=["市住房和城乡建设局"]),
]

PROSE = [
    task(table_no=0, task_no=1, section_no=1, section_title="优化政务公开工作基础",
         requirement="深化规范性文件集中公开，实现动态更新调整。", lead_units=["市政府办公室"],
         responsible_units=["市司法局", "市有关单位"], deadline_text="2021年12月底前"),
    task(table_no=0, task_no=2, section_no=1, section_title="优化政务公开工作基础",
         requirement="推进基层政务公开标准化规范化。持续做好基层政务公开标准目录的动态调整。",
         responsible_units=["各镇（街）"]),
    task(table_no=0, task_no=3, section_no=2, section_title="加强政策解读", requirement="做好重大政策解读。",
         lead_units=["市政府办公室"], responsible_units=["市直有关部门"]),
]

_DECISIONS, _BRIEFING = "推进决策公开", "推进政策解读"
FULL_NOTICE = [
    task(task_no=1, section_no=1, section_title=_DECISIONS, title="扩大公众参与，重大决策预公开",
         lead_units=["市司法局"], responsible_units=["各区人民政府", "市直各部门"], deadline_text="2019年9月底前"),
    task(task_no=2, section_no=1, section_title=_DECISIONS, title="落实规范性文件集中公开，建立统一发布平台",
         lead_units=["市政府办公厅（市政务公开办）", "市司法局"], responsible_units=["市直各部门", "各区政府"],
         deadline_text="长期坚持"),
    task(task_no=3, section_no=2, section_title=_BRIEFING, title="主要负责人带头解读政策，每季度至少1次",
         responsible_units=["市直各部门"], deadline_text="每季度"),
]

FULL_NOTICE_DOCUMENT = {
    "doc_number": "厦府办〔2019〕7号", "doc_agency": "厦府办", "doc_year": 2019, "doc_serial": 7,
    "issuer": "厦门市人民政府办公厅",
    "title": "厦门市人民政府办公厅关于印发2019年全市政务公开工作要点任务分工的通知",
    "addressees": ["各区人民政府", "市直各委、办、局", "各开发区管委会"],
    "signed_date": date(2019, 5, 20), "publicity": "依申请公开",
    "attachment_title": "2019年全市政务公开工作要点任务分工",
    "cc": ["市委办公厅", "市人大常委会办公厅", "市政协办公厅"],
    "printing_office": "厦门市人民政府办公厅", "printed_date": date(2019, 5, 21),
}
"""The metadata of the full notice, written from tests/layout_docs.py."""

TASKS = {
    "header_two_rows": HEADER_TWO_ROWS,
    "merged_units": MERGED_UNITS,
    "page_break_spans": PAGE_BREAK_SPANS,
    "two_tables": TWO_TABLES,
    "prose": PROSE,
    "no_table": [],
    "full_notice": FULL_NOTICE,
}


# --- Whole GB/T 9704 notices (tests/layout_docs.py GBT_*) ---------------------------
# Titles and 具体措施 come from the rows the notices were written from; units,
# numbers, headings and deadlines are written out here by hand.
from tests.layout_docs import (  # noqa: E402
    GBT_LANDSCAPE_ROWS,
    GBT_SIX_COLUMNS_ROWS,
    GBT_THREE_COLUMNS_ROWS,
    landscape_measure,
    measure,
)

_ZZ = {1: "推进决策公开", 2: "深化政策解读", 3: "加强平台建设"}
_ZZ_UNITS = [  # (lead, responsible) per 序号
    (["市司法局"], ["市直各部门", "各县（市、区）人民政府"]),
    (["市政府办公室", "市司法局"], ["市委宣传部（市政府新闻办）", "市直各部门"]),
    (["市委编办（市审改办）"], ["市行政服务中心管委会", "市数字办"]),
    (["市财政局"], ["各县（市、区）人民政府"]),
    (["市发展和改革委员会"], ["市住房和城乡建设局", "市交通运输局"]),
    (["市公共资源交易中心"], ["漳州开发区管委会", "古雷港经济开发区管委会"]),
    (["市税务局"], ["市财政局", "市市场监管局"]),
    (["市人力资源和社会保障局"], ["各县（市、区）人民政府"]),
    (["市生态环境局"], ["市直有关部门"]),
    (["市政府办公室"], ["市直各部门", "市直各直属机构"]),
    (["市政府办公室"], ["市直各部门"]),
    (["市政府办公室"], ["市直有关部门"]),
    (["市委网信办"], ["市直各部门"]),
    (["市政府办公室"], []),
    (["市委宣传部（市政府新闻办）"], ["市直各部门"]),
    (["市12345便民服务平台"], ["市直各部门"]),
    (["市政府办公室"], ["各县（市、区）人民政府", "市直各部门"]),
    ([], ["市直各部门"]),
    (["市数字漳州建设领导小组办公室"], ["市直各部门"]),
    (["市政府办公室"], ["各县（市、区）人民政府"]),
    (["市司法局"], ["市直各部门"]),
    (["市司法局"], ["市政府办公室"]),
    (["各县（市、区）人民政府"], []),
    (["市政府办公室"], ["市直各部门"]),
    (["市政府办公室"], []),
    (["市政府办公室"], ["市委督查室", "市政府督查室"]),
    (["市直各部门"], []),
]
GBT_SIX_COLUMNS = [
    task(task_no=i + 1, section_no=s, section_title=_ZZ[s], title=topic, requirement=measure(topic, i),
         lead_units=lead, responsible_units=resp, deadline_text=due)
    for i, ((s, topic, _, _, due), (lead, resp)) in enumerate(zip(GBT_SIX_COLUMNS_ROWS, _ZZ_UNITS, strict=True))
]

_CT = {1: "提升政务服务效能", 2: "降低企业经营成本", 3: "加强事中事后监管"}
_CT_UNITS = [  # (task number, lead, responsible)
    (1, ["县市场监管局"], ["县税务局", "县公安局"]),
    (2, ["县住建局"], ["县自然资源局", "县发改局"]),
    (3, ["县行政服务中心管委会（县审改办）"], ["县直各单位"]),
    (4, [], ["县司法局"]),
    (5, [], ["县发改局", "县行政服务中心管委会"]),
    (6, ["县数字办"], ["县直有关单位"]),
    (7, [], ["县自然资源局", "县税务局"]),
    (1, ["县税务局"], ["县财政局"]),
    (2, [], ["县发改局", "县财政局"]),
    (3, ["县金融办"], ["人行长泰支行", "各银行机构"]),
    (4, [], ["县发改局"]),
    (5, ["县工信局"], ["县财政局", "县国资中心"]),
    (6, [], ["县财政局"]),
    (7, ["县发改局"], ["县公共资源交易中心"]),
    (8, [], ["县市场监管局"]),
    (1, ["县市场监管局"], ["县直有关部门"]),
    (2, [], ["县发改局"]),
    (3, ["县司法局"], ["各行政执法部门"]),
    (4, [], ["县司法局", "县市场监管局"]),
    (5, ["县工信局"], ["各乡镇人民政府"]),
    (6, [], ["县纪委监委", "县营商办"]),
    (7, ["县营商办"], ["县直各单位"]),
    (8, [], ["县市场监管局"]),
    (9, ["县融媒体中心"], ["县直各单位"]),
    (10, [], ["县委督查室", "县政府督查室"]),
]
GBT_THREE_COLUMNS = [
    task(task_no=n, section_no=s, section_title=_CT[s], title=text.rstrip("。"),
         lead_units=lead, responsible_units=resp, deadline_text=due)
    for (s, text, _, due), (n, lead, resp) in zip(GBT_THREE_COLUMNS_ROWS, _CT_UNITS, strict=True)
]

_SM = {1: "教育文化体育", 2: "医疗卫生和社会保障", 3: "城乡建设和便民服务"}
_SM_SUB = {(1, 1): "文化体育", (1, 2): "教育", (2, 1): "医疗卫生", (2, 2): "社会保障",
           (3, 1): "便民服务", (3, 2): "城市建设"}
_SM_UNITS = [  # (lead, responsible) per task
    (["市文旅局"], ["各县（市、区）人民政府"]),
    ([], ["市体育局"]),
    ([], ["市交通运输局", "各县（市、区）人民政府"]),
    (["市民政局"], ["市财政局", "市自然资源局"]),
    ([], ["市住房和城乡建设局"]),
    (["市教育局"], ["市财政局", "市人力资源和社会保障局"]),
    ([], ["市教育局"]),
    ([], ["市人力资源和社会保障局"]),
    ([], ["市教育局", "市卫生健康委"]),
    ([], ["市市场监管局", "市教育局"]),
    (["市卫生健康委"], ["各县（市、区）人民政府"]),
    ([], ["市卫生健康委"]),
    ([], ["市医保局"]),
    ([], ["市卫生健康委"]),
    ([], ["市医保局", "市民政局"]),
    (["市民政局"], ["市财政局"]),
    ([], ["市残联"]),
    ([], ["市民政局"]),
    ([], ["市水利局"]),
    ([], ["市城市管理局"]),
    ([], ["市行政服务中心管理委员会（市审改办）"]),
    ([], ["各县（市、区）人民政府"]),
    ([], ["市自然资源局", "市税务局"]),
    ([], ["市12345便民服务平台"]),
    ([], ["市市场监管局"]),
    (["市公安局"], ["市交通运输局", "市城市管理局"]),
    ([], ["市城市管理局"]),
    ([], ["市林业局", "市住房和城乡建设局"]),
    ([], ["市商务局"]),
    ([], ["市市场监管局"]),
]
GBT_LANDSCAPE = [
    task(task_no=i + 1, section_no=s, section_title=_SM[s], subsection_no=sub, subsection_title=_SM_SUB[s, sub],
         title=topic, requirement=landscape_measure(topic, i).replace("\n", ""),
         lead_units=lead, responsible_units=resp, deadline_text=due, extra={"备注": note} if note else {})
    for i, ((s, sub, topic, _, due, note), (lead, resp)) in enumerate(zip(GBT_LANDSCAPE_ROWS, _SM_UNITS, strict=True))
]

GBT_DOCUMENTS = {
    "gbt_six_columns": {
        "doc_number": "漳政办〔2020〕27号", "doc_agency": "漳政办", "doc_year": 2020, "doc_serial": 27,
        "issuer": "漳州市人民政府办公室",
        "title": "漳州市人民政府办公室关于印发2020年漳州市政务公开工作要点任务分解表的通知",
        "addressees": ["各县（市、区）人民政府", "漳州开发区管委会", "古雷港经济开发区管委会", "市直各单位"],
        "signed_date": date(2020, 6, 15), "publicity": "主动公开",
        "attachment_title": "2020年漳州市政务公开工作要点任务分解表",
        "cc": ["市委办公室", "市人大常委会办公室", "市政协办公室"],
        "printing_office": "漳州市人民政府办公室", "printed_date": date(2020, 6, 16),
    },
    "gbt_three_columns": {
        "doc_number": "长政办〔2021〕9号", "doc_agency": "长政办", "doc_year": 2021, "doc_serial": 9,
        "issuer": "长泰县人民政府办公室",
        "title": "长泰县人民政府办公室关于印发长泰县2021年优化营商环境重点任务清单的通知",
        "addressees": ["各乡镇人民政府", "县直各单位"],
        "signed_date": date(2021, 3, 8), "publicity": "公开发布",
        "attachment_title": "长泰县2021年优化营商环境重点任务清单",
        "cc": ["县委办", "县人大办", "县政协办"],
        "printing_office": "长泰县人民政府办公室", "printed_date": date(2021, 3, 9),
    },
    "gbt_landscape": {
        "doc_number": "明政〔2022〕3号", "doc_agency": "明政", "doc_year": 2022, "doc_serial": 3,
        "issuer": "三明市人民政府",
        "title": "三明市人民政府关于印发三明市2022年为民办实事项目责任分工方案的通知",
        "addressees": ["各县（市、区）人民政府", "市直有关单位"],
        "signed_date": date(2022, 2, 18), "publicity": "主动公开",
        "attachment_title": "三明市2022年为民办实事项目责任分工方案",
        "cc": ["市委各部门", "市人大常委会办公室", "市政协办公室", "三明军分区"],
        "printing_office": "三明市人民政府办公室", "printed_date": date(2022, 2, 19),
    },
}
"""The metadata of the GB/T 9704 notices, written from tests/layout_docs.py."""

TASKS.update({
    "gbt_six_columns": GBT_SIX_COLUMNS,
    "gbt_three_columns": GBT_THREE_COLUMNS,
    "gbt_landscape": GBT_LANDSCAPE,
})

from tests.expected.layouts_national import TASKS as _NATIONAL_TASKS  # noqa: E402

TASKS.update(_NATIONAL_TASKS)

from tests.expected.layouts_sections import TASKS as _SECTIONS_TASKS  # noqa: E402

TASKS.update(_SECTIONS_TASKS)
