"""Domain vocabularies, as data, each in exactly one place.

Everything that is a word list rather than a rule lives here, so that a notice
from a new issuer is usually supported by adding a word, not by writing code.
"""

from __future__ import annotations

COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    # role → header texts that mean it (compared with all whitespace removed).
    "task": ("工作任务", "重点任务", "主要任务", "任务", "任务名称", "项目名称", "民生实事", "工作事项", "事项"),
    "requirement": ("工作要求", "具体要求", "具体措施", "主要内容", "工作内容", "工作措施", "任务内容",
                    "主要措施", "工作目标", "目标要求"),
    "lead": ("牵头单位", "牵头部门", "牵头责任单位", "主办单位", "牵头领导"),
    "responsible": ("责任单位", "责任部门", "责任科室", "配合单位", "参与单位", "协办单位", "配合部门",
                    "责任主体", "承办单位"),
    "deadline": ("完成时限", "时限要求", "完成时间", "时间节点", "时限"),
    "seq": ("序号", "编号"),
}
"""Header meaning, not position, decides what a column holds."""

UNIT_COLUMN_ROLES = ("lead", "responsible")

ORGAN_SUFFIXES: tuple[str, ...] = (
    "人民政府", "管委会", "管理委员会", "政府", "办公室", "委员会",
)
"""Organ words that a list of places can share: in
``泉州开发区、泉州台商投资区管委会`` the first place borrows 管委会."""

PLACE_SUFFIXES: tuple[str, ...] = ("开发区", "投资区", "新区", "园区", "区", "县", "市", "镇", "乡", "街道")
"""Endings of place names that are not units by themselves in a shared-suffix list."""

GENERIC_UNIT_GROUPS: tuple[str, ...] = (
    "部门", "直属机构", "直属单位", "有关部门", "有关单位", "单位", "机构", "科室", "处室", "派出机构",
)
"""What follows 各 in a unit that borrows its owner from the unit before it:
in ``市政府各部门、各直属机构`` the second one is 市政府's too."""

UNIT_SEPARATORS = "、，,；;"
"""Characters that separate units in a unit cell (outside brackets). Whitespace
separates too; a line end does not (it is usually a wrap)."""

ROLE_WORDS_LEAD: tuple[str, ...] = ("牵头负责", "牵头")
ROLE_WORDS_RESPONSIBLE: tuple[str, ...] = (
    "按职能分工落实", "按职责分工落实", "参照落实", "参照执行", "配合", "协助", "负责", "落实", "参与",
)
"""Role words written inside a unit cell (``市财政局牵头，各镇（街）按职能分工落实``);
longest first, since they are removed from unit names."""

BRACKET_PAIRS = {"（": "）", "(": ")", "〔": "〕", "[": "]", "［": "］", "【": "】", "《": "》", "“": "”"}

PUNCT_TO_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
"""ASCII punctuation typed by mistake in Chinese text, folded to its canonical
full-width form (never the other way round, which NFKC would do)."""
