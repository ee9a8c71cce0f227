"""Domain vocabularies, as data, each in exactly one place.

Everything that is a word list rather than a rule lives here, so that a notice
from a new issuer is usually supported by adding a word, not by writing code.
"""

from __future__ import annotations

COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    # role → header texts that mean it (compared with all whitespace removed).
    "task": ("工作任务", "重点任务", "主要任务", "任务", "任务名称", "项目名称", "民生实事", "工作事项", "事项",
             "改革举措", "举措"),
    "requirement": ("工作要求", "具体要求", "具体措施", "主要内容", "工作内容", "工作措施", "任务内容",
                    "主要措施", "工作目标", "目标要求"),
    "lead": ("牵头单位", "牵头部门", "牵头科室", "牵头责任单位", "主办单位", "牵头领导"),
    "responsible": ("责任单位", "责任部门", "责任科室", "配合单位", "参与单位", "协办单位", "配合部门",
                    "配合科室", "协作单位",
                    "责任主体", "承办单位", "负责部门", "负责单位", "责任处室", "指导部门", "主管部门"),
    "deadline": ("完成时限", "时限要求", "完成时间", "时间节点", "时限"),
    "seq": ("序号", "编号"),
}
"""Header meaning, not position, decides what a column holds. Units named
without a lead (负责部门, 指导部门, 主管部门) are responsible units."""

EXTRA_COLUMNS: tuple[str, ...] = ("推广范围", "适用范围", "备注")
"""Headers that name no role but do name a column: it stays in ``extra`` under
its header, and the content rules never make it a unit or number column (a
推广范围 cell such as ``全国`` or ``自由贸易试验区`` is a place, not an agency).
As labels in a responsibility note (``（负责部门：……；适用范围：……）``) they go
to ``extra`` too."""

AGENCY_ENDINGS: tuple[str, ...] = (
    "部", "委", "局", "办", "厅", "署", "院", "会", "室", "处", "科", "所", "站", "行", "社", "总局", "中心",
    "政府", "部门", "单位", "机关", "机构", "组", "团", "联", "委员会", "办公室", "管委会", "总工会",
)
"""Last characters of agency names (国家发展改革委, 市场监管总局, 人民银行,
全国工商联, 共青团中央 is the exception that a column's other cells outvote).
A column whose cells are mostly lists of names ending so is a unit column,
whatever its header says (or when it has none)."""

COLUMN_JOINER = "；"
"""Joins the cells of several columns with one role (责任单位 and 配合单位 are
both responsible units): a unit separator, so unit lists stay splittable."""

UNIT_COLUMN_ROLES = ("lead", "responsible")

ORGAN_SUFFIXES: tuple[str, ...] = (
    "人民政府", "管委会", "管理委员会", "政府", "办公室", "委员会",
)
"""Organ words that a list of places can share: in
``泉州开发区、泉州台商投资区管委会`` the first place borrows 管委会."""

PLACE_SUFFIXES: tuple[str, ...] = ("开发区", "投资区", "新区", "园区", "区", "省", "县", "市", "镇", "乡", "街道")
"""Endings of place names that are not units by themselves in a shared-suffix list."""

EACH = "各"
"""The word that opens a unit group (各部门, 各县（市、区）人民政府)."""

GENERIC_UNIT_GROUPS: tuple[str, ...] = (
    "部门", "部委", "直属机构", "直属单位", "有关部门", "有关单位", "单位", "机构", "科室", "处室", "派出机构",
)
"""What follows 各 in a unit that borrows its owner from the unit before it:
in ``市政府各部门、各直属机构`` the second one is 市政府's too."""

ENUMERATION_COMMA = "、"
"""The 顿号 that enumerates inside one unit group (市直各委、办、局)."""

UNIT_SEPARATORS = "、，,；;。"
"""Characters that separate units in a unit list (outside brackets). Whitespace
separates too, and so does a line break left in cell text (extractors join the
lines a layout wrapped, so what is left is the source's own). 。 is there for the
抄送 list: GB/T 9704 ends it with 。, and long lists group organs into sentences."""

ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "lead": ("牵头负责", "牵头落实", "分别牵头", "共同牵头", "牵头", "会同"),
    "responsible": ("按职能分工落实", "按职责分工落实", "按职能分工负责", "按职责分工负责", "参照落实",
                    "参照执行", "配合落实", "负责落实", "配合", "协助", "协办", "负责", "落实", "参与"),
}
"""Role words written inside a unit cell (``市财政局牵头，各镇（街）按职能分工落实``):
each names the role of the units written before it. They are removed from unit
names; the longest match wins, so ``参照落实`` is never read as ``落实``. In
``国家发展改革委会同有关部门负责`` the unit before 会同 convenes the others: it leads."""

# --- Responsibility notes of national notices (（人力资源社会保障部、财政部负责）) ---

NOTE_CLOSINGS: tuple[str, ...] = ("负责", "牵头")
"""A bracket closing a numbered item is a responsibility note when what it says
(up to its first 。) is a unit list ending with one of these words; the role
words of :data:`ROLE_WORDS` then give the units their roles."""

ETC = "等"
"""等 ends the named units of a unit list, in a note (``A、B等有关部门和单位负责``)
as in a table cell (``市发改局、市财政局等有关部门配合``)."""

ETC_TAILS: tuple[str, ...] = ("有关部门和单位", "有关部门", "有关单位", "部门和单位", "部门", "单位")
"""What may follow 等 to name the unnamed others; it is no unit."""

ETC_CONJUNCTIONS: tuple[str, ...] = ("以及", "和", "及")
"""Words joining the unit group after 等 (``……全国总工会等和各省级人民政府负责``).
Only after 等 are they separators: 和 is part of 工业和信息化部."""

FIRST_LISTED_LEADS: tuple[str, ...] = (
    "列第一位者为牵头单位", "列第一位的为牵头单位", "列第一位者为牵头部门", "列第一位的为牵头部门",
    "排在第一位的部门为牵头部门", "排在第一位的单位为牵头单位", "排在第一位的为牵头单位", "排在第一位的为牵头部门",
    "排第一位的为牵头单位", "排第一位的为牵头部门", "排名第一的为牵头单位", "排名第一的为牵头部门",
)
"""Sentences by which a notice says once (``……，下同``) that from there on the
first unit of every note leads and the others are responsible. Without one,
all listed units share the task and none leads."""

BRACKET_PAIRS = {"（": "）", "(": ")", "〔": "〕", "[": "]", "［": "］", "【": "】", "《": "》", "“": "”"}

PUNCT_TO_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
"""ASCII punctuation typed by mistake in Chinese text, folded to its canonical
full-width form (never the other way round, which NFKC would do)."""

# --- Chinese numerals (dates, counts in deadlines) ---------------------------

CN_DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "○": 0, "O": 0, "Ｏ": 0, "o": 0,
    "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
"""Digit characters of written numbers. Years are typed with 〇, 零, the circle
○ or a Latin O (二〇一八, 二O一八) depending on the typist's input method."""

CN_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
"""Positional multipliers of written numbers (二十一, 一百零五)."""

# --- 发文字号 (GB/T 9704 §7.2.4) ----------------------------------------------

DOC_NUMBER_BRACKETS: tuple[tuple[str, str], ...] = (
    ("〔", "〕"), ("[", "]"), ("［", "］"), ("(", ")"), ("（", "）"), ("【", "】"), ("〖", "〗"), ("﹝", "﹞"),
)
"""Year brackets seen in practice; the standard's form is the first one."""

DOC_NUMBER_LEAD_INS: tuple[str, ...] = (
    "贯彻落实", "根据", "按照", "依据", "依照", "参照", "参见", "详见", "对照", "执行", "落实", "印发", "转发",
    "见", "和", "及", "与", "或", "即",
)
"""Words that end running text right before a number cited without brackets
(``按照泉政办〔2018〕51号``): they are never the start of an agency code."""

DOC_NUMBER_YEARLESS_KINDS: tuple[str, ...] = ("令",)
"""Endings of the codes of documents numbered without a year (国令第707号,
财政部令第100号)."""

# --- Page metadata (the catalogue table of government portals) ---------------

PAGE_META_LABELS: dict[str, tuple[str, ...]] = {
    "index_no": ("索引号",),
    "subject": ("主题分类", "信息分类", "分类"),
    "issuer": ("发文机关", "发布机构", "发文单位"),
    "signed_date": ("成文日期", "发文日期"),
    "title": ("标题", "名称", "文件名称"),
    "doc_number": ("发文字号", "文号"),
    "published_date": ("发布日期", "公开日期"),
}
"""documents column → the labels that portals print for it above a notice
(gov.cn: 索引号, 主题分类, 发文机关, 成文日期, 标题, 发文字号, 发布日期, 主题词;
provinces use 发布机构, 名称, 文号, 分类)."""
PAGE_META_OTHER_LABELS: tuple[str, ...] = (
    "主题词", "生成日期", "内容概述", "有效性", "时效", "体裁分类", "组配分类", "公开方式", "公开范围", "来源",
)
"""Labels of the same table whose values have no column: recognised, so that
they end the value before them and keep their row in the table, but not stored."""
PAGE_META_MIN_LABELS = 3
"""Labels needed before a block counts as the page's metadata table, so
that a lone ``标题：`` line in a notice is not taken for one."""
PAGE_META_MAX_START = 8
"""The table stands at the top: it must start within this many rows (table
rows or paragraph lines) of the document's beginning."""

# --- GB/T 9704 notice elements ---------------------------------------------

ISSUER_MARK_SUFFIX = "文件"
"""发文机关标志 of the 文件 format: issuer name + 文件 (泉州市人民政府办公室文件)."""

DOC_KINDS: tuple[str, ...] = (
    "通知", "意见", "方案", "决定", "通报", "报告", "请示", "批复", "函", "公告", "通告", "纪要", "办法",
    "规定", "细则", "计划", "要点", "规划", "命令", "议案", "决议", "公报", "指引", "清单", "分解表",
)
"""文种 that end a notice title (标题 = 发文机关 + 事由 + 文种)."""

CLASSIFICATION_LEVELS: tuple[str, ...] = ("绝密", "机密", "秘密")
CLASSIFICATION_STARS = "★☆*"
URGENCY_LEVELS: tuple[str, ...] = ("特急", "加急", "平急", "特提")
SIGNER_LABEL = "签发人"
COPY_NO_LABEL = "份号"
ADDRESSEE_LABEL = "主送"
CC_LABEL = "抄送"
PRINTED_SUFFIX = "印发"
ATTACHMENT_LABEL = "附件"
NOTE_PREFIX = "此件"
"""附注 reads （此件主动公开）: 此件 + the publicity term."""

PUBLICITY_TERMS: tuple[str, ...] = ("依申请公开", "主动公开", "不予公开", "删减后公开", "不公开", "公开发布")
"""公开属性 written in the 附注; a note naming none of them (（此件发至县团级）) is
about distribution, not publicity."""

# --- Deadlines -------------------------------------------------------------

BEFORE_WORDS: tuple[str, ...] = ("之前", "以前", "前")
PERIOD_END_WORDS: tuple[str, ...] = ("底", "末")
TEN_DAY_PERIODS: dict[str, int | None] = {"上旬": 10, "中旬": 20, "下旬": None}
"""Last day of each third of a month; None = the month's last day."""

HALF_YEARS: dict[str, tuple[int, int]] = {"上半年": (6, 30), "年中": (6, 30), "下半年": (12, 31)}
YEAR_END_WORDS: tuple[str, ...] = ("年底", "年末", "年内")
RELATIVE_UNITS: tuple[str, ...] = ("个工作日", "工作日", "个自然日", "日", "天", "周", "个星期", "星期", "个月")
"""Units of 'within N …' deadlines (2个工作日内); they count from an event, so
no calendar date follows from them."""

WITHIN_WORDS: tuple[str, ...] = ("以内", "之内", "内")
RECURRING_MARKERS: tuple[str, ...] = (
    "每年", "每半年", "每季度", "每季", "每月", "每周", "每两年", "每年度", "定期", "按月", "按季度", "按年",
)
ONGOING_PHRASES: tuple[str, ...] = (
    "长期坚持", "长期推进", "持续推进", "持续开展", "长期有效", "常态化推进", "常态化开展",
)
"""Phrases that name no end: the task runs for as long as the policy."""
ONGOING_CELL_WORDS: tuple[str, ...] = ("长期", "持续", "常态化", "经常性", "日常")
"""Too common in running text to mean a deadline there, but a deadline cell that
says only this word is open-ended."""

HEADER_MAX_LINES = 8
"""版头 lines (份号, 密级, 紧急程度, 发文机关标志, 发文字号) come first; the 发文字号
is looked for only this far down, so body citations are never taken for it."""
TITLE_MAX_LINES = 4
ADDRESSEE_MAX_LINES = 4
ATTACHMENT_TITLE_MAX_LINES = 3
"""How many wrapped lines a title, the 主送机关 or an attachment title may span
(PDF extractors may deliver each visual line as a paragraph)."""

# --- Unit names across notices (pipeline/normalize/unit_names.py) -----------

REGION_LEVELS: tuple[str, ...] = ("自治区", "自治州", "自治县", "省", "市", "州", "盟", "县", "区", "旗")
"""Words that end a place name of an administrative region (泉州市, 长泰县, 思明区)."""

UNIT_LEVELS: tuple[str, ...] = ("省", "市", "县", "区")
"""Level words a local unit name starts with (市财政局, 县发改局): the region of
that level in the notice's issuer (泉州市 in a 泉州 notice) is the unit's."""

ORGAN_HEADS: tuple[str, ...] = ("人民政府", "政府", "人大", "政协", "党委", "委")
"""What follows a region in an issuer that names a sub-region (泉州市丰泽区人民政府);
a place word followed by anything else (泉州市城市管理局) is part of the organ."""

PARTY_PREFIX = "中共"
"""Party organs put 中共 before their region (中共泉州市委办公室)."""

NATIONAL_ISSUER_PREFIXES: tuple[str, ...] = ("国务院", "中共中央", "全国人大", "全国人民代表大会")
"""Issuers whose notices speak for the whole country."""

NATIONAL_REGION = "全国"
"""unit_region of a national body (国家发展和改革委员会) and of a national notice's groups."""

GROUP_WORDS: tuple[str, ...] = ("各", "有关", "相关")
"""A unit name holding one of these is a collective name (市直各部门,
各县（市、区）人民政府, 有关单位), not one agency."""

INSTITUTION_TYPES: dict[str, str] = {
    "委员会": "委", "委会": "委", "委": "委", "局": "局", "办公室": "办", "办": "办", "厅": "厅", "中心": "中心",
}
"""Endings of unit names → the kind of institution they name. The abbreviation
rule pairs a short and a long form only when both name the same kind
(发改委 and 发展和改革委员会 are both 委)."""
