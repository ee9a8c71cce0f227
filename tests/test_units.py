"""Unit cells → canonical unit lists (rules of pipeline/units.py)."""

from __future__ import annotations

import pytest

from pipeline.normalize.units import assign_roles, split_units
from pipeline.vocabulary import ROLE_WORDS


@pytest.mark.parametrize(
    ("cell", "units"),
    [
        # separators, but never inside brackets
        ("各县（市、区）人民政府", ["各县（市、区）人民政府"]),
        ("市财政局、市发改委，市经信委;市公安局；市民政局,市商务局", ["市财政局", "市发改委", "市经信委", "市公安局", "市民政局", "市商务局"]),
        # spaces separate lead units; an alias in brackets stays with its unit, in either width
        ("市工商局 市委编办 (市审改办)", ["市工商局", "市委编办（市审改办）"]),
        ("市委编办（市审改办） 市发改委", ["市委编办（市审改办）", "市发改委"]),
        # shared owner and shared suffix
        ("市政府各部门、各直属机构", ["市政府各部门", "市政府各直属机构"]),
        ("泉州开发区、泉州台商投资区管委会", ["泉州开发区管委会", "泉州台商投资区管委会"]),
        # a suffix shared by three or four places reaches every one of them
        ("鲤城区、丰泽区、洛江区人民政府", ["鲤城区人民政府", "丰泽区人民政府", "洛江区人民政府"]),
        ("鲤城区、丰泽区、洛江区、泉港区人民政府",
         ["鲤城区人民政府", "丰泽区人民政府", "洛江区人民政府", "泉港区人民政府"]),
        # an organ word a PDF text layer set apart with a space still ends its unit
        ("各县（市、区） 人民政府", ["各县（市、区）人民政府"]),
        ("泉州开发区、泉州台商投资区 管委会", ["泉州开发区管委会", "泉州台商投资区管委会"]),
        ("市直各有关部门，各县（市、区）人民政府", ["市直各有关部门", "各县（市、区）人民政府"]),
        # a line break left in the text is one the source made (extractors join wraps)
        ("市交通运输局\n各县（市、区）人民政府", ["市交通运输局", "各县（市、区）人民政府"]),
        # single characters continue an abbreviated enumeration
        ("各区人民政府，市直各委、办、局，各开发区管委会", ["各区人民政府", "市直各委、办、局", "各开发区管委会"]),
        # a 等 tail names unnamed others: no unit, in a cell as in a note (test_notes.py)
        ("市发改局、市财政局等有关部门", ["市发改局", "市财政局"]),
        ("市财政局等部门\n各县（市、区）人民政府", ["市财政局", "各县（市、区）人民政府"]),
        ("市商务局等和各镇（街）", ["市商务局", "各镇（街）"]),
        ("市教育局、各高等学校", ["市教育局", "各高等学校"]),
        ("", []),
        (None, []),
        ("市财政局、市财政局", ["市财政局"]),
        # brackets nest: a separator inside the outer one splits nothing
        ("市国资委（指导市属国有企业（集团）、驻泉央企）", ["市国资委（指导市属国有企业（集团）、驻泉央企）"]),
        # an abbreviated enumeration anywhere in the list stays one group
        ("各县（市、区）人民政府，泉州开发区管委会，市直各委、办、局",
         ["各县（市、区）人民政府", "泉州开发区管委会", "市直各委、办、局"]),
        # an organ word is lent only to places written before a place + organ unit
        ("泉州开发区管委会、泉州台商投资区", ["泉州开发区管委会", "泉州台商投资区"]),
        ("泉州台商投资区、市发展和改革委员会", ["泉州台商投资区", "市发展和改革委员会"]),
    ],
)
def test_split_units(cell, units):
    assert split_units(cell) == units


def test_owner_is_not_lent_to_a_unit_with_its_own_place():
    # 各县（市、区）人民政府 names its own place: it never becomes 市政府各县…
    assert split_units("市政府各部门，各直属机构，各县（市、区）人民政府")[-1] == "各县（市、区）人民政府"


ROLE_OF_WORD = {
    # the units written before the word lead the task
    "牵头": "lead", "牵头负责": "lead", "牵头落实": "lead", "分别牵头": "lead", "共同牵头": "lead",
    "会同": "lead",  # 国家发展改革委会同有关部门负责: the unit before 会同 convenes the others
    # the units written before the word take part in it
    "负责": "responsible", "落实": "responsible", "配合": "responsible", "协助": "responsible",
    "协办": "responsible", "参与": "responsible", "参照落实": "responsible", "参照执行": "responsible",
    "配合落实": "responsible", "负责落实": "responsible", "按职能分工落实": "responsible",
    "按职责分工落实": "responsible", "按职能分工负责": "responsible", "按职责分工负责": "responsible",
}
"""Every role word, with the role it gives, written out (not read from the
vocabulary) so that a word dropped from the vocabulary turns a test red."""


def test_every_role_word_has_its_outcome():
    assert {w: role for role, words in ROLE_WORDS.items() for w in words} == ROLE_OF_WORD


@pytest.mark.parametrize(("word", "role"), ROLE_OF_WORD.items())
def test_role_word_gives_its_role_and_leaves_the_names(word, role):
    """``市财政局、市税务局{word}，各县（市、区）人民政府`` in a column of the other
    role: the two units before the word take its role, without the word in
    their names; the unit after it keeps the column's role."""
    other = "responsible" if role == "lead" else "lead"
    got = assign_roles(f"市财政局、市税务局{word}，各县（市、区）人民政府", other)
    assert got == {role: ["市财政局", "市税务局"], other: ["各县（市、区）人民政府"]}


def test_units_told_to_follow_a_lead_take_part():
    assert assign_roles("市财政局牵头，各县（市、区）人民政府参照执行", "lead") == {
        "lead": ["市财政局"], "responsible": ["各县（市、区）人民政府"]}
