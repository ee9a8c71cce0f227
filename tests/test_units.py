"""Unit cells → canonical unit lists (rules of pipeline/units.py)."""

from __future__ import annotations

import pytest

from pipeline.normalize.units import split_units


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
        ("市财政局、市财政局", ["市财政局"]),
    ],
)
def test_split_units(cell, units):
    assert split_units(cell) == units


def test_owner_is_not_lent_to_a_unit_with_its_own_place():
    # 各县（市、区）人民政府 names its own place: it never becomes 市政府各县…
    assert split_units("市政府各部门，各直属机构，各县（市、区）人民政府")[-1] == "各县（市、区）人民政府"
