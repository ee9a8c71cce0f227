"""Unit names across notices: aliases, regions from the issuer, reforms by date, groups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.convert import convert
from pipeline.normalize.alias_table import AliasTableError, load
from pipeline.normalize.unit_names import issuer_regions, notice_context, resolve_unit
from tests.conftest import sample

QUANZHOU_2018 = notice_context("泉州市人民政府办公室", dt.date(2018, 6, 12), 2018)
QUANZHOU_2019 = notice_context("泉州市人民政府办公室", dt.date(2019, 6, 20), 2019)
XIAMEN_2019 = notice_context("厦门市人民政府办公厅", dt.date(2019, 5, 20), 2019)
ZHANGZHOU_2020 = notice_context("漳州市人民政府办公室", dt.date(2020, 6, 15), 2020)
CHANGTAI_2021 = notice_context("长泰县人民政府办公室", dt.date(2021, 3, 8), 2021)
STATE_COUNCIL_2019 = notice_context("国务院办公厅", dt.date(2019, 4, 11), 2019)


def named(unit, notice):
    n = resolve_unit(unit, notice)
    return n.canonical, n.region, n.match, n.kind


@pytest.mark.parametrize(("unit", "expected"), [
    # three spellings of one body, one canonical name
    ("市发改委", ("泉州市发展和改革委员会", "泉州市", "alias", "agency")),
    ("市发展改革委", ("泉州市发展和改革委员会", "泉州市", "alias", "agency")),
    ("市发展和改革委员会", ("泉州市发展和改革委员会", "泉州市", "exact", "agency")),
    # a bracketed second name (挂牌) does not make another unit
    ("市委编办（市审改办）", ("泉州市委机构编制委员会办公室", "泉州市", "alias", "agency")),
    # a name the table does not know keeps its name, placed in its region
    ("市政府公报室", ("泉州市政府公报室", "泉州市", "none", "agency")),
    # a place name of the issuer's region places the unit there
    ("泉州开发区管委会", ("泉州开发区管委会", "泉州市", "none", "agency")),
])
def test_local_names_resolve_in_the_issuers_region(unit, expected):
    assert named(unit, QUANZHOU_2018) == expected


@pytest.mark.parametrize(("unit", "expected"), [
    ("国家发展改革委", ("国家发展和改革委员会", "全国", "alias", "agency")),
    ("人力资源社会保障部", ("人力资源和社会保障部", "全国", "alias", "agency")),
    ("财政部", ("财政部", "全国", "exact", "agency")),
    ("市场监管总局", ("国家市场监督管理总局", "全国", "alias", "agency")),  # opens with 市, yet national
    ("各省、自治区、直辖市人民政府", ("各省、自治区、直辖市人民政府", "全国", "rule", "group")),
])
def test_official_short_forms_of_state_council_bodies(unit, expected):
    assert named(unit, STATE_COUNCIL_2019) == expected


def test_same_words_in_two_cities_are_two_units():
    quanzhou, xiamen = resolve_unit("市财政局", QUANZHOU_2018), resolve_unit("市财政局", XIAMEN_2019)
    assert (quanzhou.canonical, quanzhou.region) == ("泉州市财政局", "泉州市")
    assert (xiamen.canonical, xiamen.region) == ("厦门市财政局", "厦门市")


def test_region_scoped_alias_applies_only_in_its_region():
    """数字办 is 数字泉州建设领导小组办公室 in 泉州 (a row scoped 泉州市); elsewhere the table does not know it."""
    assert named("市数字办", QUANZHOU_2018) == ("泉州市数字泉州建设领导小组办公室", "泉州市", "alias", "agency")
    assert named("市数字办", ZHANGZHOU_2020) == ("漳州市数字办", "漳州市", "none", "agency")
    assert named("县数字办", CHANGTAI_2021) == ("长泰县数字办", "长泰县", "none", "agency")


def test_a_unit_of_another_level_than_the_issuer_has_no_region():
    """市财政局 in a county's notice is the city's, and the issuer does not say which city."""
    assert named("市财政局", CHANGTAI_2021) == ("市财政局", None, "exact", "agency")
    assert named("县财政局", CHANGTAI_2021) == ("长泰县财政局", "长泰县", "exact", "agency")


@pytest.mark.parametrize(("unit", "notice", "canonical"), [
    # 泉州 in June 2018 still had its 工商局 and 质监局; the local reform came by the end of March 2019
    ("市工商局", QUANZHOU_2018, "泉州市工商行政管理局"),
    ("市质监局", QUANZHOU_2018, "泉州市质量技术监督局"),
    ("市卫计委", QUANZHOU_2018, "泉州市卫生和计划生育委员会"),
    ("市经信委", QUANZHOU_2018, "泉州市经济和信息化委员会"),
    # after it, the old names can only mean their successors
    ("市工商局", QUANZHOU_2019, "泉州市市场监督管理局"),
    ("市质监局", QUANZHOU_2019, "泉州市市场监督管理局"),
    ("市食药监局", QUANZHOU_2019, "泉州市市场监督管理局"),
    ("市卫计委", QUANZHOU_2019, "泉州市卫生健康委员会"),
    ("市经信委", QUANZHOU_2019, "泉州市工业和信息化局"),
    # national bodies by the date of the 2018 State Council reform (2018-03-17)
    ("国家卫生计生委", notice_context("国务院办公厅", dt.date(2017, 12, 1), 2017), "国家卫生和计划生育委员会"),
    ("国家卫生计生委", STATE_COUNCIL_2019, "国家卫生健康委员会"),
    ("国家工商总局", STATE_COUNCIL_2019, "国家市场监督管理总局"),
])
def test_institutional_reforms_resolve_by_the_notices_date(unit, notice, canonical):
    name = resolve_unit(unit, notice)
    assert (name.canonical, name.match) == (canonical, "alias")


def test_a_notice_dated_only_by_a_reform_year_is_not_guessed():
    """2019 holds days before and after the local reform: 市工商局 could be either body."""
    year_only = notice_context("泉州市人民政府办公室", None, 2019)
    assert named("市工商局", year_only) == ("泉州市工商局", "泉州市", "none", "agency")
    assert resolve_unit("市财政局", year_only).match == "exact"  # no reform: the year is enough


@pytest.mark.parametrize(("unit", "canonical", "match"), [
    ("市直各部门", "泉州市直各部门", "rule"),
    ("市政府各直属机构", "泉州市政府各直属机构", "rule"),
    ("各县（市、区）人民政府", "泉州市各县（市、区）人民政府", "rule"),
    ("有关单位", "泉州市有关单位", "rule"),
    # 各有关 and 有关 name the same set
    ("市直各有关部门", "泉州市直有关部门", "alias"),
    ("市直有关部门", "泉州市直有关部门", "exact"),
])
def test_collective_names_are_groups(unit, canonical, match):
    assert named(unit, QUANZHOU_2018) == (canonical, "泉州市", match, "group")


@pytest.mark.parametrize(("issuer", "regions"), [
    ("泉州市人民政府办公室", ("泉州市",)),
    ("长泰县人民政府办公室", ("长泰县",)),
    ("泉州市丰泽区人民政府", ("泉州市", "泉州市丰泽区")),
    ("泉州市城市管理局", ("泉州市",)),
    ("中共泉州市委办公室", ("泉州市",)),
    ("福建省人民政府办公厅", ("福建省",)),
    ("国务院办公厅", ("全国",)),
    (None, ()),
])
def test_issuer_regions(issuer, regions):
    assert issuer_regions(issuer) == regions


def test_real_notice_units_carry_canonical_names():
    """泉政办〔2018〕51号 (June 2018) names 市工商局, 市发改委 and 市直各有关部门."""
    converted = convert(sample("泉政办〔2018〕51号.docx").read_bytes(), "泉政办〔2018〕51号.docx")
    names = {u.unit: (u.unit_canonical, u.unit_region, u.unit_match, u.unit_kind) for u in converted.task_units}
    assert names["市工商局"] == ("泉州市工商行政管理局", "泉州市", "alias", "agency")
    assert names["市发改委"] == ("泉州市发展和改革委员会", "泉州市", "alias", "agency")
    assert names["市直各有关部门"] == ("泉州市直有关部门", "泉州市", "alias", "group")
    assert names["泉州台商投资区管委会"] == ("泉州台商投资区管委会", "泉州市", "none", "agency")


HEADER = "alias,canonical,scope,kind,valid_from,valid_to,source\n"


def _table(tmp_path: Path, rows: str):
    (tmp_path / "t.csv").write_text(HEADER + rows, encoding="utf-8")
    return load(tmp_path)


def test_shipped_table_is_consistent():
    table = load()
    assert len(table.version) == 12 and {"泉州市"} <= table.regions()


def test_table_refuses_overlapping_rows(tmp_path):
    with pytest.raises(AliasTableError, match=r"t\.csv:4: overlaps t\.csv:3"):
        _table(tmp_path, "财政局,财政局,local,name,,,x\n甲局,财政局,local,short,,2019-12-31,x\n"
                         "甲局,财政局,local,short,2019-06-01,,x\n")


def test_table_refuses_a_canonical_name_it_does_not_define(tmp_path):
    with pytest.raises(AliasTableError, match="canonical '财政局' is no name row"):
        _table(tmp_path, "财局,财政局,local,short,,,x\n")
