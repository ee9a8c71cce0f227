"""Expected task rows of the layouts in tests/layout_docs.py, written from the
layouts themselves (the same for their DOCX and their PDF)."""

from datetime import date

from tests.layout_docs import LONG

_NONE = {"task_no": None, "section_no": None, "section_title": None, "subsection_no": None,
         "subsection_title": None, "title": None, "requirement": None, "lead_units": [],
         "responsible_units": [], "deadline_text": None, "table_no": 1, "extra": {}}


def task(**fields) -> dict:
    """An expected task row: the fields given, the others empty."""
    return {**_NONE, **fields}


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
         responsible_units=["市发改局", "市财政局等有关部门"]),
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
