"""Expected task rows of tests/layout_docs_national.py, written from those
notices as a reader takes them (the same for their DOCX and their PDF)."""

from datetime import date

from tests.layout_docs import LONG
from tests.layout_docs_national import FEEDBACK_TITLE

_NONE = {"task_no": None, "section_no": None, "section_title": None, "subsection_no": None,
         "subsection_title": None, "title": None, "requirement": None, "lead_units": [],
         "responsible_units": [], "deadline_text": None, "deadline_date": None, "deadline_kind": None,
         "table_no": 0, "extra": {}}

DEADLINES: dict[str, tuple[date | None, str]] = {
    # What each deadline these notices write means (docs/metadata.md): the last
    # day it allows, and its kind. Every dated cell names its year.
    "定期": (None, "recurring"),           # a rhythm
    "每季度": (None, "recurring"),
    "3个工作日以内": (None, "relative"),    # counted from an event
    "长期坚持": (None, "ongoing"),
    "2021年6月底前": (date(2021, 6, 30), "date"),
    "2021年9月底前": (date(2021, 9, 30), "date"),
    "2021年12月底前": (date(2021, 12, 31), "date"),
    "2021年第四季度": (date(2021, 12, 31), "date"),
}


def task(**fields) -> dict:
    """An expected task row: the fields given, the others empty (prose by default);
    the deadline's date and kind are those its text means (:data:`DEADLINES`)."""
    row = {**_NONE, **fields}
    if row["deadline_text"] is not None:
        row["deadline_date"], row["deadline_kind"] = DEADLINES[row["deadline_text"]]
    return row


def _key_tasks(no: int, title: str, requirement: str, **units) -> dict:
    return task(task_no=no, section_no=2, section_title="重点任务", title=title, requirement=requirement, **units)


_CONTROL = {"section_no": 3, "section_title": "保障措施", "subsection_no": 12, "subsection_title": "加强组织领导"}
NATIONAL_NOTES = [
    _key_tasks(3, "放宽技术技能提升补贴申领条件", "将申领条件由企业在职职工参加失业保险3年以上放宽至1年以上。",
               responsible_units=["人力资源社会保障部", "财政部"]),
    _key_tasks(4, "加强统筹协调", "各地区要建立工作机制。", responsible_units=["各有关部门"]),
    _key_tasks(5, "完善标准体系", "制定示范标准。", lead_units=["市场监管总局", "国家发展改革委"]),
    _key_tasks(6, "强化宣传引导", "加强政策解读。", responsible_units=["中央宣传部", "国家发展改革委"]),
    _key_tasks(7, "落实属地责任", "各地要细化措施。", responsible_units=["各省级人民政府"]),
    _key_tasks(8, "推广改革经验", "在全国推广证照分离改革经验。", responsible_units=["市场监管总局", "司法部"],
               extra={"适用范围": "全国"}),
    _key_tasks(9, "鼓励创新创业", "推进商事制度改革。", responsible_units=["市场监管总局"]),
    _key_tasks(9, "鼓励创新创业", "加强创业教育服务。", responsible_units=["教育部", "人力资源社会保障部"]),
    _key_tasks(10, "加大资金支持", "中央财政予以奖励。", lead_units=["财政部"], responsible_units=["有关部门"]),
    _key_tasks(11, "动员社会参与", "组织社会力量参与。", responsible_units=["全国工商联", "民政部", "各省级人民政府"]),
    task(task_no=1, **_CONTROL, title="做好督促检查", requirement="定期通报进展。", responsible_units=["国务院办公厅"],
         deadline_text="定期"),
    task(task_no=1, **_CONTROL, title="开展第三方评估", requirement="委托第三方评估实施效果。",
         responsible_units=["国务院办公厅", "国家发展改革委"]),
]

_LEAD = {"section_no": 1, "section_title": "重点任务"}
NATIONAL_LEAD = [
    task(task_no=1, **_LEAD, title="优化审批服务", requirement="压缩审批时限。",
         responsible_units=["国务院办公厅", "司法部"]),
    task(task_no=2, **_LEAD, title="放宽补贴申领条件", requirement="将参保年限放宽至1年以上。",
         lead_units=["人力资源社会保障部"], responsible_units=["财政部"]),
    task(task_no=3, **_LEAD, title="加强资金保障", requirement="中央财政给予支持。", lead_units=["财政部"]),
    task(task_no=4, **_LEAD, title="推进试点示范", requirement="开展试点。", lead_units=["国家发展改革委"],
         responsible_units=["科技部", "工业和信息化部"]),
    task(task_no=5, **_LEAD, title="做好宣传解读", requirement="加强政策宣传。", lead_units=["中央宣传部"],
         responsible_units=["国家发展改革委", "各省级人民政府"]),
]

_REFORM = {"section_no": 1, "section_title": "深化改革"}
NATIONAL_LEAD_PREAMBLE = [
    task(task_no=1, **_REFORM, title="推行承诺制", requirement="对技改项目实行承诺制。",
         lead_units=["国家发展改革委"], responsible_units=["自然资源部"]),
    task(task_no=2, **_REFORM, title="完善监管", requirement="建立联合抽查机制。", lead_units=["市场监管总局"]),
]

REFORM_TABLE = [
    task(table_no=1, task_no=1, title="企业投资项目承诺制", requirement="对不新增用地的技改项目实行承诺制。",
         responsible_units=["国家发展改革委"], extra={"推广范围": "全国"}),
    task(table_no=1, task_no=2, title="跨部门联合监管", requirement="建立部门联合随机抽查机制。",
         responsible_units=["市场监管总局", "司法部"], extra={"推广范围": "自由贸易试验区"}),
]

NUMBER_COLUMN = [
    task(table_no=1, task_no=1, title="压减企业开办时间", requirement="企业开办时间压缩至3个工作日以内。",
         deadline_text="3个工作日以内", responsible_units=["市场监管总局", "公安部"], extra={"适用范围": "各省级人民政府"}),
    task(table_no=1, task_no=2, title="推行电子证照", requirement="实现高频证照电子化。",
         lead_units=["国务院办公厅"], responsible_units=["各有关部门"], extra={"适用范围": "全国"}),
    task(table_no=1, task_no=3, title="清理证明事项", requirement="公布证明事项清单。",
         responsible_units=["司法部"], extra={"适用范围": "全国"}),
]

_BASE = {"table_no": 1, "section_no": 1, "section_title": "优化政务公开工作基础"}
WRAPPED_SUBSECTION = [
    task(task_no=1, **_BASE, subsection_no=1, subsection_title="深化规范性文件集中公开",
         requirement=(LONG * 2)[:106], responsible_units=["市政府办公室"]),
    task(task_no=2, **_BASE, subsection_no=3, subsection_title="提升政府信息公开申请办理工作规范化程度",
         requirement=LONG, responsible_units=["市有关单位"]),
    task(task_no=3, **_BASE, subsection_no=4, subsection_title="做好公开", requirement=LONG[:20],
         responsible_units=["各镇（街）"]),
]

WRAPPED_SECTION = [
    task(table_no=1, task_no=1, section_no=1, section_title="深化公开", title="做好公开", requirement=(LONG * 2)[:150],
         lead_units=["市政府办公室"], responsible_units=["市有关单位"]),
    task(table_no=1, task_no=2, section_no=2,
         section_title="提升政府信息公开申请办理工作规范化程度，推进政务公开标准化规范化建设，确保各项任务落到实处",
         title="加强解读", requirement=LONG[:30], lead_units=["市司法局"], responsible_units=["各镇（街）"]),
]

_OPEN = {"table_no": 1, "section_no": 1, "section_title": "推进决策公开"}
_PLATFORM = {"table_no": 1, "section_no": 2, "section_title": "加强平台建设"}
NUMBER_COLUMN_SECTIONS = [
    task(task_no=1, **_OPEN, subsection_no=1, subsection_title="扩大公众参与", title="推行重大决策预公开",
         requirement="重大决策出台前向社会公开征求意见。", responsible_units=["市司法局"], deadline_text="2021年6月底前"),
    task(task_no=2, **_OPEN, subsection_no=1, subsection_title="扩大公众参与", title=FEEDBACK_TITLE,
         requirement=LONG, lead_units=["市政府办公室"], responsible_units=["市直各部门"], deadline_text="长期坚持"),
    task(task_no=3, **_OPEN, subsection_no=2, subsection_title="深化结果公开", title="公开财政预决算",
         requirement="按规定公开预算、决算及相关报表。", responsible_units=["市财政局"], deadline_text="2021年12月底前"),
    task(task_no=4, **_PLATFORM, title="优化政府网站集约化平台", requirement="推进政府网站集约化建设，统一平台标准。",
         responsible_units=["市政务服务数据管理局"], deadline_text="2021年9月底前"),
    task(task_no=5, **_PLATFORM, title="规范政务新媒体", requirement=LONG[:60],
         responsible_units=["各县（市、区）人民政府", "市直各部门"], deadline_text="2021年第四季度"),
]

_PUBLIC = {"table_no": 1, "section_no": 1, "section_title": "深化政务公开"}
_EXPLAIN = {"table_no": 1, "section_no": 2, "section_title": "加强政策解读"}
NUMBER_HEADER_MERGED = [
    task(task_no=1, **_PUBLIC, title="推进决策公开", lead_units=["市政府办公室"], responsible_units=["市政府各部门"],
         deadline_text="2021年6月底前"),
    task(task_no=2, **_PUBLIC, title="做好财政预决算公开", lead_units=["市财政局"],
         responsible_units=["各县（市、区）人民政府"], deadline_text="2021年12月底前"),
    task(task_no=1, **_EXPLAIN, title="做好政策解读", lead_units=["市政府办公室"], responsible_units=["市直有关部门"],
         deadline_text="长期坚持"),
    task(task_no=2, **_EXPLAIN, title="回应社会关切", lead_units=["市政府办公室"], responsible_units=["市直各部门"],
         deadline_text="每季度"),
    task(task_no=3, **_EXPLAIN, title="办好政府开放日", lead_units=["市政府办公室"], deadline_text="2021年第四季度"),
]

NUMBERED_WRAPPED_SECTION = [
    task(table_no=1, task_no=1, section_no=1, section_title="深化公开", title="做好公开", requirement=(LONG * 2)[:120],
         lead_units=["市政府办公室"], responsible_units=["市有关单位"]),
    task(table_no=1, task_no=2, section_no=2,
         section_title="提升政府信息公开申请办理工作规范化程度，推进政务公开标准化规范化建设，确保各项任务落到实处",
         title="加强解读", requirement=LONG[:30], lead_units=["市司法局"], responsible_units=["各镇（街）"]),
]

TASKS = {
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
