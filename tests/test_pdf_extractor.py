"""The PDF extractor on the real renderings of the sample notices, checked
against the DOCX extractor on the same notices: both must give structuring the
same cells and paragraphs."""

from __future__ import annotations

from functools import cache

import pytest
import regex

from cjk.text import join_lines
from extractors.docx import extract_docx
from extractors.model import Cell, Document, Row, Table
from extractors.pdf import extract_pdf
from tests.conftest import sample

PORTRAIT = "泉政办〔2018〕51号"
LANDSCAPE = "泉政办〔2018〕51号-横版"
TASK_NO = regex.compile(r"^(\d+)[.．、]")
PAGE_NUMBER = regex.compile(r"^[-—–\s]*\d+[-—–\s]*$")


@cache
def pdf(name: str) -> Document:
    return extract_pdf(sample(f"{name}.pdf").read_bytes())


@cache
def docx(name: str) -> Document:
    return extract_docx(sample(f"{name}.docx").read_bytes())


def norm(text: str) -> str:
    return regex.sub(r"\s+", "", join_lines(text))


def only_table(doc: Document) -> Table:
    tables = list(doc.tables())
    assert len(tables) == 1
    return tables[0]


def task_no(row: Row) -> int | None:
    match = TASK_NO.match(row.cells[0].text) if row.cells and row.cells[0].col == 0 else None
    return int(match.group(1)) if match else None


def logical_rows(table: Table) -> list[dict[int, str]]:
    """Rows as a reader sees them: a continuation row that does not start a new
    item is appended cell by cell, with nothing in between, to the row before."""
    out: list[dict[int, str]] = []
    for row in table.rows:
        texts = {c.col: c.text for c in row.cells}
        starts_item = TASK_NO.match(texts.get(0, "")) or regex.match(r"^[一二三四五六七八九十]+、|^（", texts.get(0, ""))
        if row.continues_on_new_page and out and not starts_item:
            for col, text in texts.items():
                out[-1][col] = join_lines(out[-1].get(col, "")) + join_lines(text)
        else:
            out.append(texts)
    return out


# -- tables ------------------------------------------------------------------
@pytest.mark.parametrize("name", [PORTRAIT, LANDSCAPE])
def test_one_table_with_all_tasks_and_sections(name: str) -> None:
    table = only_table(pdf(name))
    assert table.n_cols == 4
    numbers = [n for r in table.rows if (n := task_no(r)) is not None]
    assert numbers == list(range(1, 43))
    sections = [r for r in table.rows if regex.match(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", r.cells[0].text)]
    assert len(sections) == 4 + 15
    continuations = [r for r in table.rows if r.continues_on_new_page]
    assert len(continuations) == len(table.pages) - 1
    assert len(table.rows) == 1 + 19 + 42 + sum(1 for r in continuations if task_no(r) is None)


def test_portrait_section_rows_are_one_merged_cell() -> None:
    table = only_table(pdf(PORTRAIT))
    section = next(r for r in table.rows if r.cells[0].text.startswith("一、"))
    assert [(c.col, c.col_span) for c in section.cells] == [(0, 4)]
    grid = table.grid()[section.cells[0].row]
    assert [s.covered for s in grid] == [False, True, True, True]


def test_landscape_section_rows_keep_their_empty_cells() -> None:
    table = only_table(pdf(LANDSCAPE))
    section = next(r for r in table.rows if r.cells[0].text.startswith("一、"))
    assert [(c.col, c.col_span, c.text) for c in section.cells[1:]] == [(1, 1, ""), (2, 1, ""), (3, 1, "")]
    assert not any(s.covered for s in table.grid()[section.cells[0].row])


@pytest.mark.parametrize("name", [PORTRAIT, LANDSCAPE])
def test_header_once_and_flagged(name: str) -> None:
    table = only_table(pdf(name))
    headers = [r for r in table.rows if norm(r.cells[0].text) == "工作任务"]
    assert headers == [table.rows[0]]
    assert table.rows[0].is_header
    assert [norm(c.text) for c in table.rows[0].cells] == ["工作任务", "牵头单位", "责任单位", "工作要求"]
    assert not any(r.is_header for r in table.rows[1:])


@pytest.mark.parametrize("name, broken", [(PORTRAIT, [18, 40]), (LANDSCAPE, [35])])
def test_rows_broken_by_page_ends(name: str, broken: list[int]) -> None:
    """The seed's broken tasks that this rendering breaks too: the next row
    starts a page, is flagged, and has an empty task cell."""
    rows = only_table(pdf(name)).rows
    for number in broken:
        i = next(i for i, r in enumerate(rows) if task_no(r) == number)
        tail = rows[i + 1]
        assert tail.continues_on_new_page
        assert tail.page == rows[i].page + 1
        assert tail.cells[0].col == 0 and tail.cells[0].text == ""
        assert tail.cells[-1].text


@pytest.mark.parametrize("name", [PORTRAIT, LANDSCAPE])
def test_cells_equal_docx_cells(name: str) -> None:
    """The strongest check: once continuation rows are joined back, every
    cell reads exactly as the DOCX cell of the same notice."""
    pdf_rows = logical_rows(only_table(pdf(name)))
    docx_rows = [{c.col: c.text for c in r.cells} for r in only_table(docx(name)).rows]
    assert len(pdf_rows) == len(docx_rows)
    for got, want in zip(pdf_rows, docx_rows, strict=True):
        assert {c: norm(t) for c, t in got.items()} == {c: norm(t) for c, t in want.items()}


@pytest.mark.parametrize("name", [PORTRAIT, LANDSCAPE])
def test_unit_cells_split_into_the_docx_units(name: str) -> None:
    """Lead units are separated by spaces only; a wrap at such a space must
    not glue two units together once structuring joins the lines."""
    pdf_rows = logical_rows(only_table(pdf(name)))
    docx_rows = [{c.col: c.text for c in r.cells} for r in only_table(docx(name)).rows]
    multi = 0
    for got, want in zip(pdf_rows, docx_rows, strict=True):
        want_units = join_lines(want.get(1, "")).split()
        assert join_lines(got.get(1, "")).split() == want_units
        multi += len(want_units) > 2
    assert multi >= 3  # tasks 18, 19 and 27 name several lead units


def test_units_wrapped_at_a_space_keep_the_space() -> None:
    row = next(r for r in only_table(pdf(LANDSCAPE)).rows if task_no(r) == 27)
    assert "市综治办 市数字办" in join_lines(row.cells[1].text)


def test_cells_carry_pages_and_boxes() -> None:
    table = only_table(pdf(PORTRAIT))
    assert table.pages == tuple(range(3, 14))
    for row in table.rows:
        for cell in row.cells:
            assert cell.page == row.page
            assert cell.bbox is not None and cell.bbox[0] < cell.bbox[2] and cell.bbox[1] < cell.bbox[3]


def test_vertical_spans_from_cell_boxes() -> None:
    """江门: the 工作任务 cell spans the rows of its numbered requirements."""
    table = only_table(pdf("江门-政府信息公开工作任务"))
    spanning = [c for r in table.rows for c in r.cells if c.row_span > 1]
    assert [norm(c.text) for c in spanning] == ["二、做好政府网站专栏信息公开。", "三、持续加强重大政策发布解读。",
                                                "四、不断改进政策解读工作方式。"]
    docx_grid = only_table(docx("江门-政府信息公开工作任务")).grid()
    pdf_grid = table.grid()
    assert [[(norm(s.text), s.covered) for s in row if s] for row in pdf_grid] == \
        [[(norm(s.text), s.covered) for s in row if s] for row in docx_grid]


def test_text_beyond_the_page_edge_is_reported() -> None:
    """台山's portrait rendering sets its last column beyond the page edge; its
    landscape rendering holds the whole table and gives no such warning."""
    clipped = pdf("台山-政务公开工作任务.clipped")
    assert any("outside the page" in w for w in clipped.warnings)
    assert only_table(clipped).n_cols == 3
    whole = pdf("台山-政务公开工作任务")
    assert not any("outside the page" in w for w in whole.warnings)
    assert only_table(whole).n_cols == 4


# -- paragraphs --------------------------------------------------------------
@pytest.mark.parametrize("name", [PORTRAIT, LANDSCAPE])
def test_paragraphs_equal_docx_paragraphs(name: str) -> None:
    got = [norm(p.text) for p in pdf(name).paragraphs()]
    want = [norm(p.text) for p in docx(name).paragraphs()]
    assert got == want


@pytest.mark.parametrize("name", [PORTRAIT, LANDSCAPE])
def test_reading_order_puts_the_table_between_its_title_and_the_imprint(name: str) -> None:
    blocks = pdf(name).blocks
    i = next(i for i, b in enumerate(blocks) if isinstance(b, Table))
    assert norm(blocks[i - 1].text) == "2018年政务公开工作主要任务分解表"
    assert blocks[i + 1].text.startswith("抄送：")
    assert blocks[i + 1].page == blocks[i].pages[-1]


def test_title_is_one_centred_bold_paragraph() -> None:
    paragraphs = list(pdf(PORTRAIT).paragraphs())
    title = next(p for p in paragraphs if "关于印发" in p.text)
    assert norm(title.text) == "泉州市人民政府办公室关于印发2018年政务公开工作主要任务分解表的通知"
    assert (title.align, title.bold, title.page) == ("center", True, 1)
    assert paragraphs[0].text == "泉州市人民政府办公室文件"
    assert next(p for p in paragraphs if p.text.startswith("2018") and p.text.endswith("日")).align == "right"


def test_no_page_numbers_in_paragraphs() -> None:
    for name in (PORTRAIT, LANDSCAPE):
        assert not [p.text for p in pdf(name).paragraphs() if PAGE_NUMBER.match(p.text)]


def test_no_table_text_in_paragraphs() -> None:
    texts = " ".join(p.text for p in pdf(PORTRAIT).paragraphs())
    assert "工作任务" not in texts and "市政府各部门" not in texts.replace("市人民政府各部门", "")


def test_cell_type_is_the_model_cell() -> None:
    assert all(isinstance(c, Cell) for r in only_table(pdf(PORTRAIT)).rows for c in r.cells)
