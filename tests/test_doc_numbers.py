"""发文字号 parsing: every written variant means the same document."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.metadata.doc_numbers import DocNumber, find_doc_numbers, parse_doc_number
from pipeline.vocabulary import DOC_NUMBER_BRACKETS

agencies = st.text(alphabet="泉政办国发闽府函京教苏粤", min_size=1, max_size=6)
years = st.integers(min_value=1900, max_value=2099)
serials = st.integers(min_value=1, max_value=99999)
brackets = st.sampled_from(DOC_NUMBER_BRACKETS)
spaces = st.sampled_from(["", " ", "  "])


@given(agencies, years, serials, brackets, spaces, spaces, st.booleans())
def test_written_variants_parse_to_their_parts(agency, year, serial, bracket, sp1, sp2, di):
    text = f"{agency}{sp1}{bracket[0]}{year}{bracket[1]}{sp2}{'第' if di else ''}{serial}{sp1}号"
    assert parse_doc_number(text) == DocNumber(agency, year, serial)
    assert parse_doc_number(text).canonical == f"{agency}〔{year}〕{serial}号"


@given(st.text(max_size=40))
def test_garbage_never_raises_and_rarely_parses(text):
    result = parse_doc_number(text)
    assert result is None or isinstance(result, DocNumber)


@given(st.text(alphabet="年月日号第〔〕()（）[]0123456789泉政办 ", max_size=30))
def test_finder_never_raises(text):
    for match in find_doc_numbers(text):
        assert text[match.start:match.end].endswith("号")


def test_examples_from_practice():
    assert parse_doc_number("国办发〔2018〕23 号").canonical == "国办发〔2018〕23号"
    assert parse_doc_number("苏政发﹝2021﹞ 3 号") == DocNumber("苏政发", 2021, 3)
    assert parse_doc_number("京政办发[2023]15号") == DocNumber("京政办发", 2023, 15)
    assert parse_doc_number("泉政办〔２０１８〕５１号") == DocNumber("泉政办", 2018, 51)


def test_court_case_numbers_are_not_doc_numbers():
    assert parse_doc_number("（2012）曲中法执字第66号") is None
    assert find_doc_numbers("依据（2012）曲中法执字第66号判决") == []


def test_garbage():
    for text in ["", "号", "泉政办〔18〕51号", "泉政办〔2018〕号", "泉政办〔2018〕0号", "〔2018〕51号", None, 42]:
        assert parse_doc_number(text) is None


@pytest.mark.parametrize(("text", "found"), [
    # two lead-in words in a row, right after a closing bracket
    ("各县（市、区）参照执行泉政办〔2018〕51号", ["泉政办〔2018〕51号"]),
    # a two-character code is all that is left after the cut
    ("按照国发〔2019〕5号要求", ["国发〔2019〕5号"]),
    ("按照上述规定的〔2018〕51号", []),
])
def test_finder_in_running_text(text, found):
    assert [m.number.canonical for m in find_doc_numbers(text)] == found


def test_finder_cuts_running_text_before_the_agency():
    text = "按照泉政办〔2018〕51号要求，贯彻落实的闽政办〔2018〕43号"
    assert [m.number.canonical for m in find_doc_numbers(text)] == ["泉政办〔2018〕51号", "闽政办〔2018〕43号"]
    first = find_doc_numbers(text)[0]
    assert text[first.start:first.end] == "泉政办〔2018〕51号"


def test_orders_are_numbered_without_a_year():
    assert parse_doc_number("国令第707号") == DocNumber("国令", None, 707)
    assert parse_doc_number("国令第707号").canonical == "国令第707号"
    assert parse_doc_number("中华人民共和国国务院令 第 707 号").canonical == "中华人民共和国国务院令第707号"
    assert parse_doc_number("财政部令第100号") == DocNumber("财政部令", None, 100)
    # Without 令, without 第, or with no code before it, a yearless number is not a 发文字号.
    assert parse_doc_number("第707号") is None
    assert parse_doc_number("令第3号") is None
    assert parse_doc_number("国办发707号") is None
    # Nor are yearless numbers looked for in running text: prose about an older order is no citation.
    assert find_doc_numbers("1994年1月28日中华人民共和国国务院令第142号发布") == []
