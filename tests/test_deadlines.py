"""Deadlines from task texts of 泉政办〔2018〕51号 and the phrase kinds around them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize.deadlines import Deadline, find_deadlines, main_deadline, task_deadline

TASK_40 = ("2018年12月底前编制完成《泉州市重点领域政务公开清单》及市直各部门政务公开清单，清单编制要充分体现"
           "“五公开”、政策解读、舆情回应、公众参与等要求，年底前市直各部门要通过政府网站公开本部门政务公开清单。")
TASK_21 = "安排专人负责“我为政府网站找错”监督举报平台网民留言办理工作，在2个工作日内对转办的投诉问题进行处理、整改和回复"
TASK_11 = "各单位主要领导要履行好“第一解读人”职责，每年至少1次通过在线访谈、新闻发布会等方式解读重大政策"


def main(text: str, year: int | None = 2018) -> Deadline | None:
    return main_deadline(find_deadlines(text, year))


def test_seed_tasks():
    assert main(TASK_40) == Deadline("2018年12月底前", date(2018, 12, 31), "date")
    assert [d.text for d in find_deadlines(TASK_40, 2018)] == ["2018年12月底前", "年底前"]
    assert main(TASK_21) == Deadline("2个工作日内", None, "relative")
    assert main(TASK_11) == Deadline("每年至少1次", None, "recurring")


def test_body_dates_keep_their_spacing_as_written():
    assert main("于 2018 年 6 月 30 日前书面报市政府办公室") == Deadline("2018 年 6 月 30 日前", date(2018, 6, 30), "date")


def test_notice_year_fills_missing_years():
    assert main("6月30日前") == Deadline("6月30日前", date(2018, 6, 30), "date")
    assert main("6月底前") == Deadline("6月底前", date(2018, 6, 30), "date")
    assert main("年底前") == Deadline("年底前", date(2018, 12, 31), "date")
    assert main("第三季度") == Deadline("第三季度", date(2018, 9, 30), "date")
    assert main("上半年") == Deadline("上半年", date(2018, 6, 30), "date")
    assert main("2月底前", 2020) == Deadline("2月底前", date(2020, 2, 29), "date")
    assert main("11月中旬前") == Deadline("11月中旬前", date(2018, 11, 20), "date")


@pytest.mark.parametrize(("text", "year", "due"), [
    # a month's three 旬: days 1–10, 11–20, 21 to the month's end
    ("9月上旬前", 2018, date(2018, 9, 10)),
    ("11月中旬前", 2018, date(2018, 11, 20)),
    ("2月下旬前", 2018, date(2018, 2, 28)),
    ("2020年2月下旬", None, date(2020, 2, 29)),
    ("1月底前", 2018, date(2018, 1, 31)),
    # the halves of a year
    ("上半年", 2018, date(2018, 6, 30)),
    ("年中", 2018, date(2018, 6, 30)),
    ("下半年", 2018, date(2018, 12, 31)),
    ("2019年下半年", None, date(2019, 12, 31)),
    # each quarter ends on its third month's last day
    ("第一季度", 2018, date(2018, 3, 31)),
    ("2019年第二季度末前", None, date(2019, 6, 30)),
    ("4季度", 2018, date(2018, 12, 31)),
    # year ends written every way
    ("2019年底前", None, date(2019, 12, 31)),
    ("2019年末", None, date(2019, 12, 31)),
    ("2019年前", None, date(2019, 12, 31)),  # a 完成时限 cell's "by 2019"
    ("年内", 2018, date(2018, 12, 31)),
    # months and days in Chinese numerals, full-width digits
    ("十二月底前", 2018, date(2018, 12, 31)),
    ("二〇一八年六月三十日前", None, date(2018, 6, 30)),
    ("２０１８年６月底前", None, date(2018, 6, 30)),
    ("6月份前", 2018, date(2018, 6, 30)),
    ("6月30号前", 2018, date(2018, 6, 30)),
])
def test_calendar_phrases_end_on_their_last_day(text, year, due):
    assert main(text, year) == Deadline(text, due, "date")


@pytest.mark.parametrize(("cell", "year", "due"), [
    ("2021年9月", None, date(2021, 9, 30)),
    ("9月", 2018, date(2018, 9, 30)),
    ("2020年2月", None, date(2020, 2, 29)),
    (" 9月份 ", 2018, date(2018, 9, 30)),
])
def test_a_cell_naming_only_a_month_means_by_its_end(cell, year, due):
    assert task_deadline(cell, None, year) == Deadline(cell.strip(), due, "date")
    assert find_deadlines(cell, year) == [Deadline(cell.strip(), due, "date")]


@pytest.mark.parametrize(("text", "year", "due"), [
    ("2021年年底前完成", 2020, date(2021, 12, 31)),
    ("2021年年内", 2020, date(2021, 12, 31)),
    ("2021年年末前", 2020, date(2021, 12, 31)),
])
def test_a_year_written_before_year_end_words_is_that_year(text, year, due):
    """``2021年年底前`` in a 2020 notice means the end of 2021, not of 2020."""
    [deadline] = find_deadlines(text, year)
    assert (deadline.date, deadline.kind) == (due, "date")


def test_impossible_dates_keep_their_kind_without_a_date():
    assert main("2月30日前") == Deadline("2月30日前", None, "date")
    assert main("13月底前") == Deadline("13月底前", None, "date")
    assert main("第五季度") is None


def test_unknown_year_keeps_kind_without_date():
    assert main("6月底前", None) == Deadline("6月底前", None, "date")
    assert main("第三季度", None) == Deadline("第三季度", None, "date")
    assert main("2021年9月", None) == Deadline("2021年9月", date(2021, 9, 30), "date")


def test_other_kinds():
    assert main("1个工作日内") == Deadline("1个工作日内", None, "relative")
    assert main("两个工作日内") == Deadline("两个工作日内", None, "relative")
    assert main("长期坚持") == Deadline("长期坚持", None, "ongoing")
    assert main("持续推进") == Deadline("持续推进", None, "ongoing")
    assert main("长期") == Deadline("长期", None, "ongoing")
    assert main("每年年底前报送") == Deadline("每年年底前", None, "recurring")


def test_dates_beat_other_kinds_and_the_latest_date_wins():
    text = "6月底前制定方案，12月1日前报送总结，持续推进，每年至少1次"
    assert main(text) == Deadline("12月1日前", date(2018, 12, 1), "date")


def test_years_without_an_end_word_are_not_deadlines():
    for text in ["2018年，以市发改委为试点", "实现 2008 年以来的刊登内容入库", "自2018年6月起", "实施 10 周年", "", None]:
        assert find_deadlines(text, 2018) == []


def test_task_deadline_prefers_the_deadline_cell_and_keeps_it_whole():
    assert task_deadline("2018年12月底前完成", TASK_21, 2018) == Deadline("2018年12月底前完成", date(2018, 12, 31), "date")
    assert task_deadline("按上级要求", TASK_21, 2018) == Deadline("按上级要求", None, None)
    assert task_deadline("", TASK_21, 2018) == Deadline("2个工作日内", None, "relative")
    assert task_deadline(None, "无时限", 2018) is None
    # a requirement without a year: the notice's
    assert task_deadline(None, "6月底前完成清单编制", 2018) == Deadline("6月底前", date(2018, 6, 30), "date")


@given(st.text(alphabet="0123456789年月日底末前内个工作每季度第一二三十上半长期持续推进 ", max_size=30),
       st.one_of(st.none(), st.integers(1, 9999)))
def test_never_raises_and_dates_are_real(text, year):
    for deadline in find_deadlines(text, year):
        assert deadline.text and (deadline.date is None or isinstance(deadline.date, date))
