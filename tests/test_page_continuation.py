"""Tables carried over a page break (extractors/layout/tables.py): which part
continues which, which first row is a header that repeats, and what the
stitched table's cells keep. Parts are built here as a page's ruling gives them."""

from __future__ import annotations

import pytest

from extractors.layout.tables import Part, PartCell, build_table, header_rows, stitches


def part(page: int, bounds: list[float], *rows: list[str], bold: bool | None = False) -> Part:
    """A part on *page* with column boundaries *bounds* and one row per list of cell texts."""
    cells = [[PartCell(text=t, row=r, col=c, row_span=1, col_span=1,
                       bbox=(bounds[c], 100.0 + 30 * r, bounds[c + 1], 130.0 + 30 * r), bold=bold,
                       score=None)
              for c, t in enumerate(texts)] for r, texts in enumerate(rows)]
    return Part(page=page, bbox=(bounds[0], 100.0, bounds[-1], 100.0 + 30 * len(rows)), bounds=bounds, rows=cells)


WIDE = [70.0, 250.0, 470.0]
"""A 400 pt table: boundaries may move by 2 % of its width (8 pt) and still be its grid."""


@pytest.mark.parametrize(("shift", "stitched"), [(0.0, True), (5.0, True), (8.0, True), (10.0, False), (60.0, False)])
def test_a_part_continues_a_grid_whose_columns_moved_less_than_2_percent(shift, stitched):
    """Renderers place the same grid a few points apart on the next page; a
    column boundary that moved further is another table."""
    prev = part(1, WIDE, ["工作任务", "责任单位"])
    moved = [WIDE[0], WIDE[1] + shift, WIDE[2]]
    assert stitches(prev, part(2, moved, ["任务", "政府"])) is stitched


def test_a_whole_table_shifted_sideways_still_continues():
    """Boundaries are compared relative to the table's left edge (a page with
    another margin shifts the whole grid)."""
    assert stitches(part(1, WIDE, ["a", "b"]), part(2, [x + 30 for x in WIDE], ["c", "d"]))


@pytest.mark.parametrize(("shift", "stitched"), [(2.5, True), (3.5, False)])
def test_a_narrow_table_gets_at_least_3_points(shift, stitched):
    narrow = [70.0, 120.0, 170.0]  # 2 % of 100 pt is 2 pt: the 3 pt floor applies
    assert stitches(part(1, narrow, ["a", "b"]), part(2, [70.0, 120.0 + shift, 170.0], ["c", "d"])) is stitched


def test_parts_with_other_column_counts_or_pages_apart_do_not_continue():
    prev = part(1, WIDE, ["工作任务", "责任单位"])
    assert not stitches(prev, part(2, [70.0, 250.0, 360.0, 470.0], ["a", "b", "c"]))
    assert not stitches(prev, part(3, WIDE, ["a", "b"]))


FOUR = [70.0, 120.0, 250.0, 400.0, 470.0]


@pytest.mark.parametrize(("first_row", "n_header"), [
    (["序号", "工作任务", "责任单位", "完成时限"], 1),
    (["序号", "工作任务", "责任单位", ""], 1),               # one empty header cell
    (["工作任务", "责任单位", "", ""], 0),                   # half empty: a data row
    (["1", "公开预算", "市财政局", "年底前"], 0),             # a task number
    (["一、优化基础", "建设文件库", "市司法局", "2021年"], 0),  # a year
    (["优化基础。", "建设文件库", "市司法局", "长期"], 0),      # a sentence
    (["牵头单位（部门）及责任人", "工作任务", "责任单位", "备注"], 1),  # 12 characters
    (["牵头单位（部门）及其责任人", "工作任务", "责任单位", "备注"], 0),  # 13: content
])
def test_a_first_row_is_a_header_when_it_reads_like_column_names(first_row, n_header):
    assert header_rows(part(1, FOUR, first_row, ["1", "公开预算", "市财政局", "年底前"])) == n_header


def test_a_repeated_header_is_dropped_and_cells_keep_their_page_and_weight():
    header = ["序号", "工作任务", "责任单位", "完成时限"]
    table = build_table([part(1, FOUR, header, ["1", "公开预算", "市财政局", "年底前"], bold=True),
                         part(2, FOUR, header, ["2", "公开决算", "市财政局", "年底前"], bold=True)])
    assert [[c.text for c in r.cells] for r in table.rows] == [header, ["1", "公开预算", "市财政局", "年底前"],
                                                               ["2", "公开决算", "市财政局", "年底前"]]
    assert [c.page for r in table.rows for c in r.cells] == [1] * 8 + [2] * 4
    assert all(c.bold for r in table.rows for c in r.cells)
    assert [(r.is_header, r.continues_on_new_page) for r in table.rows] == [(True, False), (False, False),
                                                                            (False, True)]
