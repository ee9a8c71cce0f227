"""The shared layout stage on hand-built pages: no PDF, no pdfplumber page.

Every page here is drawn in code (10-point ideographs one em wide, ruling
segments at round coordinates), and each expected value is read off that
drawing: these are the rules any fixed-layout source (PDF, OFD, OCR) gets.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from extractors.layout import Glyph, PageLayout, Segment, layout_document
from extractors.model import ExtractionError, Paragraph, Table

SIZE = 10.0
WIDTH, HEIGHT = 600.0, 800.0


def write(text: str, x: float, top: float, font: str = "SimSun") -> list[Glyph]:
    """*text* set on one line from *x*, one em per character."""
    return [Glyph(ch, x + i * SIZE, top, x + (i + 1) * SIZE, top + SIZE, font, SIZE)
            for i, ch in enumerate(text)]


def h(y: float, x0: float, x1: float) -> Segment:
    return Segment(x0, y, x1, y, "h")


def v(x: float, top: float, bottom: float) -> Segment:
    return Segment(x, top, x, bottom, "v")


def page(number: int, glyphs: list[Glyph], segments: Sequence[Segment] = ()) -> PageLayout:
    return PageLayout(number=number, width=WIDTH, height=HEIGHT, glyphs=glyphs, segments=list(segments))


def two_by_two(top: float) -> list[Segment]:
    """Columns 100–200 and 200–300, rows top…top+30 and top+30…top+60, with
    the second row's cells merged (no divider below top+30)."""
    return [h(top, 100, 300), h(top + 30, 100, 300), h(top + 60, 100, 300),
            v(100, top, top + 60), v(300, top, top + 60), v(200, top, top + 30)]


def test_ruled_table_with_a_merged_cell() -> None:
    glyphs = write("任务", 105, 110) + write("单位", 205, 110) + write("全部内容", 105, 140)
    [table] = layout_document([page(1, glyphs, two_by_two(100))], "test").blocks
    assert isinstance(table, Table)
    assert table.n_cols == 2
    first, second = table.rows
    assert [(c.text, c.row, c.col, c.row_span, c.col_span) for c in first.cells] == [
        ("任务", 0, 0, 1, 1), ("单位", 0, 1, 1, 1)]
    assert [(c.text, c.row, c.col, c.row_span, c.col_span, c.bbox) for c in second.cells] == [
        ("全部内容", 1, 0, 1, 2, (100, 130, 300, 160))]
    assert first.is_header and not second.is_header  # short names, no digits: a header row


def test_paragraph_wrapped_over_lines() -> None:
    """Text area 100–500 (symmetric margins: too few lines to learn the right
    edge). A first-line indent of two ems opens a paragraph; a line that
    reaches the right edge wraps into the next, unindented one."""
    first = "各地区各部门要高度重视政务公开工作" * 2 + "加强领导"  # 17 × 2 + 4 = 38 ems: 120–500
    second = "确保各项任务落到实处。"
    third = "附件：任务分解表"
    glyphs = write(first, 120, 100) + write(second, 100, 115) + write(third, 120, 130)
    doc = layout_document([page(1, glyphs)], "test")
    assert doc.blocks == [
        Paragraph(text=first + second, page=1, bold=False, align="justify", bbox=(100, 100, 500, 125)),
        Paragraph(text=third, page=1, bold=False, align="left", bbox=(120, 130, 200, 140)),
    ]


def numbered_table(top: float, number: str, task: str) -> tuple[list[Glyph], list[Segment]]:
    """A header row 序号 | 任务内容 and one task row, in columns 100–150–400."""
    segments = [h(top, 100, 400), h(top + 30, 100, 400), h(top + 60, 100, 400),
                v(100, top, top + 60), v(150, top, top + 60), v(400, top, top + 60)]
    glyphs = write("序号", 105, top + 10) + write("任务内容", 155, top + 10) + write(number, 105, top + 40)
    return glyphs + write(task, 155, top + 40), segments


def test_table_continued_on_next_page_with_repeated_header() -> None:
    """Page 1 ends with the table's first task; page 2 starts with the same
    grid, its header repeated. Page numbers (— 1 —) in the bottom margin are
    furniture and do not stand between the two parts."""
    title = write("任务分解表", 275, 60)
    glyphs1, rules1 = numbered_table(700, "1", "公开财政预算")
    glyphs2, rules2 = numbered_table(80, "2", "公开重大项目")
    pages = [page(1, title + glyphs1 + write("— 1 —", 275, 770), rules1),
             page(2, glyphs2 + write("— 2 —", 275, 770), rules2)]
    title_block, table = layout_document(pages, "test").blocks
    assert isinstance(title_block, Paragraph) and title_block.text == "任务分解表"
    assert isinstance(table, Table)
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["序号", "任务内容"], ["1", "公开财政预算"], ["2", "公开重大项目"]]
    assert [(row.page, row.is_header, row.continues_on_new_page) for row in table.rows] == [
        (1, True, False), (1, False, False), (2, False, True)]
    assert [c.row for row in table.rows for c in row.cells] == [0, 0, 1, 1, 2, 2]


def test_fake_bold_double_is_read_once() -> None:
    """Fake bold draws every glyph twice, 0.3 pt apart; a character that really
    repeats (人人, one em apart) stays twice."""
    glyphs = write("人人有责", 100, 100)
    doubled = [g for pair in zip(glyphs, write("人人有责", 100.3, 100), strict=True) for g in pair]
    [paragraph] = layout_document([page(1, doubled)], "test").blocks
    assert isinstance(paragraph, Paragraph) and paragraph.text == "人人有责"


def test_text_beyond_the_page_edge_is_clipped_with_a_warning() -> None:
    doc = layout_document([page(1, write("公开", 100, 100) + write("溢出", 610, 100))], "test")
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == ["公开"]
    assert doc.warnings == ["2 glyphs lie outside the page (clipped, e.g. a table wider than the page) and were left out"]


@pytest.mark.parametrize("glyphs", [[], [
    Glyph("(cid:7)", 100, 100, 110, 110, "F", SIZE), Glyph("(cid:8)", 110, 100, 120, 110, "F", SIZE),
    Glyph("公", 120, 100, 130, 110, "F", SIZE)]], ids=["no glyphs", "mostly unmapped"])
def test_no_readable_text_is_no_text_layer(glyphs: list[Glyph]) -> None:
    with pytest.raises(ExtractionError) as caught:
        layout_document([page(1, glyphs), page(2, [])], "test")
    assert caught.value.code == "no_text_layer"
