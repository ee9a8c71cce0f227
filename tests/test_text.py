"""Text-layer repair (cjk/text.py) and canonical text (pipeline/normalize/text.py)."""

from __future__ import annotations

import pytest

from cjk.text import join_lines, repair
from pipeline.normalize.text import prose


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("\u2f2f\u4f5c\u4efb\u52a1", "工作任务"),  # ⼯ Kangxi radical for 工
        ("\u2f00\u4f53\u5316", "一体化"),  # ⼀ for 一
        ("\u2ed4\u6237\u7f51\u7ad9", "门户网站"),  # ⻔ radical supplement for 门
        ("\u2ed3\u6548\u673a\u5236", "长效机制"),  # ⻓ for 长
        ("\u2ec5\u2ecb\u2ee2\u2eda\u2edb\u2edc", "见车马页风飞"),
        ("\u2f2f工作", "工作"),  # radical drawn in front of its own ideograph
        ("工 作 任 务", "工作任务"),  # distributed justification
        ("序 号", "序号"),
        ("（此件\u3000主动公开）", "（此件 主动公开）"),
        ("市工商局 市委编办", "市工商局 市委编办"),  # a real separator stays
        ("第一行\n第二行", "第一行\n第二行"),  # lines are structuring's business
    ],
)
def test_repair(damaged, clean):
    assert repair(damaged) == clean


@pytest.mark.parametrize(
    ("soiled", "clean"),
    [
        ("市财\u200b政局", "市财政局"),  # zero-width space
        ("\ufeff市财政局", "市财政局"),  # a BOM pasted in front of a cell's text
        ("市财\u00ad政局", "市财政局"),  # soft hyphen
        ("市\u200c财\u200d政\u2060局", "市财政局"),  # zero-width non-joiner, joiner; word joiner
        ("\u202a市财政局\u202c、\u2067市司法局\u2069\u200e\u200f\u061c", "市财政局、市司法局"),  # bidi
        ("市财\u0085政局", "市财政局"),  # NEL: Windows-1252's … read as Latin-1, not a line break
        ("市\u0080财\u009f政\u0090局", "市财政局"),  # C1 controls
        ("市\x00财\x07政\x1b局\x7f", "市财政局"),  # C0 controls, DEL
        ("第一行\v第二行\f第三行\u2028第四行\u2029第五行\r\n第六行\r第七行",
         "第一行\n第二行\n第三行\n第四行\n第五行\n第六行\n第七行"),  # every line end is \n
        ("工作\t要点", "工作 要点"),  # a tab is a space (next to ideographs, normalization drops it)
        ("（此件\u3000主动公开）", "（此件 主动公开）"),  # the ideographic space is a space
        ("葛\U000e0100洪", "葛\U000e0100洪"),  # a variation selector chooses the glyph: kept
    ],
)
def test_repair_removes_what_no_reader_sees(soiled, clean):
    assert repair(soiled) == clean


def test_full_width_punctuation_is_never_folded_to_ascii():
    assert repair("（一）围绕：“双随机、一公开”；") == "（一）围绕：“双随机、一公开”；"


def test_join_lines():
    assert join_lines("构建全市一\n体化政务服务体系") == "构建全市一体化政务服务体系"
    assert join_lines("Open\nData") == "Open Data"
    assert join_lines("泉州e政通\nAPP") == "泉州e政通APP"
    assert join_lines("202\n0年6月底前") == "2020年6月底前"  # a number too wide for its cell


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("于 2018 年 6 月 30 日前", "于2018年6月30日前"),
        ("全面完成市、县两级权责清单融合工作,推进", "全面完成市、县两级权责清单融合工作，推进"),
        ("《办法》(闽政办〔2016〕179 号)", "《办法》（闽政办〔2016〕179号）"),
        ("确保100%及时回复;共1,000件", "确保100%及时回复；共1,000件"),
        ("全面支持IPv6, 发挥", "全面支持IPv6，发挥"),
        ("Open  Data", "Open Data"),
        ("", ""),
    ],
)
def test_prose(raw, canonical):
    assert prose(raw) == canonical
