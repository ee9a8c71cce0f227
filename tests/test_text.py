"""Text-layer repair (extractors/cjk.py) and canonical text (pipeline/text.py)."""

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
