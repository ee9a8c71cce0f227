from __future__ import annotations

import pytest

from pipeline.normalize.numerals import chinese_number
from pipeline.structure.markers import CIRCLED, ITEM, SECTION, SUBITEM, SUBSECTION, parse_marker


@pytest.mark.parametrize(
    ("text", "level", "number", "rest"),
    [
        ("一、着力加强公开解读回应工作", SECTION, 1, "着力加强公开解读回应工作"),
        ("十四、附则", SECTION, 14, "附则"),
        ("（十二）贯彻落实政府信息公开条例", SUBSECTION, 12, "贯彻落实政府信息公开条例"),
        ("(二) 围绕重点领域加大主动公开力度", SUBSECTION, 2, "围绕重点领域加大主动公开力度"),
        ("18. 全面推广“互联网+政务服务”", ITEM, 18, "全面推广“互联网+政务服务”"),
        ("3、做好权责清单调整", ITEM, 3, "做好权责清单调整"),
        ("7．推进", ITEM, 7, "推进"),
        ("（3）细化措施", SUBITEM, 3, "细化措施"),
        ("②第二项", CIRCLED, 2, "第二项"),
    ],
)
def test_markers(text, level, number, rest):
    marker = parse_marker(text)
    assert marker is not None
    assert (marker.level, marker.number, marker.rest) == (level, number, rest)


@pytest.mark.parametrize("text", ["一体化政务服务体系", "2018年12月底前", "1.5倍", "12345热线", "政务公开", "○、圆点项", "O、字母", ""])
def test_not_markers(text):
    assert parse_marker(text) is None


@pytest.mark.parametrize(("text", "value"), [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("九十九", 99),
                                             ("一百零五", 105), ("二〇一八", 2018)])
def test_chinese_number(text, value):
    assert chinese_number(text) == value


def test_a_heading_broken_by_a_page_end_is_joined():
    """The rest of a heading on the next page joins its title; a rest with no
    heading before it becomes the title, with nothing invented before it."""
    from pipeline.structure.headings import State

    state = State()
    state.enter(SECTION, 2, "加强平台")
    assert state.extend(SECTION, "建设。") == ("加强平台", "加强平台建设")
    assert state.extend(SUBSECTION, "统筹网站建设") == (None, "统筹网站建设")
    assert state.headings() == {"section_no": 2, "section_title": "加强平台建设", "subsection_no": None,
                                "subsection_title": "统筹网站建设"}
