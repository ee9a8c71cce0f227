"""Ruled tables: one page's parts filled with text, and parts on consecutive
pages stitched back into one :class:`Table`.

A table broken by a page end continues on the next page when it has the same
span-aware column grid and nothing but page furniture stands between the
parts; header rows the continuation repeats are dropped, and the first row of
every continuation part is flagged ``continues_on_new_page``, the only place
where the layout may have cut a task row in two.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from cjk import text as cjk
from extractors.layout.lines import cell_text, lines_of, lowest_score
from extractors.layout.page import Glyph, Segment
from extractors.layout.ruling import Grid, table_cells
from extractors.model import BBox, Cell, Row, Table

_SPACE = regex.compile(r"\s+")
_DIGIT = regex.compile(r"\d")

HEADER_CELL_MAX_CHARS = 12
"""A column name is short; a longer first-row cell is already content."""


@dataclass
class PartCell:
    text: str
    row: int
    col: int
    row_span: int
    col_span: int
    bbox: BBox
    bold: bool | None
    score: float | None


@dataclass
class Part:
    """The piece of a table that one page holds."""

    page: int
    bbox: BBox
    bounds: list[float]
    """Column boundaries from the left edge to the right edge."""
    rows: list[list[PartCell]]

    @property
    def n_cols(self) -> int:
        return len(self.bounds) - 1


def read_tables(glyphs: list[Glyph], segments: list[Segment], page: int) -> tuple[list[Part], list[Glyph]]:
    """The page's ruled tables as parts, and those of *glyphs* that lie in no
    cell. A glyph belongs to the cell that holds its centre, in the first
    table that has such a cell."""
    grids = [Grid(cells) for cells in table_cells(segments)]
    in_cell: list[list[list[Glyph]]] = [[[] for _ in g.cells] for g in grids]
    outside: list[Glyph] = []
    for glyph in glyphs:
        x, y = (glyph.x0 + glyph.x1) / 2, (glyph.top + glyph.bottom) / 2
        for g, grid in enumerate(grids):
            i = grid.cell_at(x, y)
            if i is not None:
                in_cell[g][i].append(glyph)
                break
        else:
            outside.append(glyph)
    return [_part(grid, glyphs_per_cell, page) for grid, glyphs_per_cell in zip(grids, in_cell, strict=True)], outside


def _part(grid: Grid, glyphs_per_cell: list[list[Glyph]], page: int) -> Part:
    rows: list[list[PartCell]] = [[] for _ in grid.tops]
    for i, bbox in enumerate(grid.cells):
        row, col, row_span, col_span = grid.origin[i]
        lines = lines_of(glyphs_per_cell[i], page)
        rows[row].append(PartCell(
            text=cell_text(lines, bbox[2]), row=row, col=col, row_span=row_span, col_span=col_span,
            bbox=bbox, bold=all(line.bold for line in lines) if lines else None, score=lowest_score(lines),
        ))
    for row_cells in rows:
        row_cells.sort(key=lambda c: c.col)
    return Part(page=page, bbox=grid.bbox, bounds=[*grid.xs, grid.right], rows=rows)


def stitches(prev: Part, part: Part) -> bool:
    """Same column grid (span-aware count and boundaries relative to the left
    edge, within a tolerance) on consecutive pages."""
    if part.page != prev.page + 1 or part.n_cols != prev.n_cols:
        return False
    tolerance = max(3.0, 0.02 * (prev.bounds[-1] - prev.bounds[0]))
    return all(
        abs((a - prev.bounds[0]) - (b - part.bounds[0])) <= tolerance
        for a, b in zip(prev.bounds, part.bounds, strict=True)  # equal n_cols: equal lengths
    )


def _norm(text: str) -> str:
    return _SPACE.sub("", cjk.join_lines(text))


def header_rows(part: Part) -> int:
    """How many leading rows form a header: the first row (plus the rows its
    vertical spans cover) when its cells read like column names: short, no
    digits (task numbers, dates), no sentence end. Structuring finds the header
    by meaning anyway; this flag only lets repeated headers be recognised."""
    first = part.rows[0] if part.rows else []
    texts = [_norm(c.text) for c in first if c.text]
    if len(texts) < 2 or len(texts) < len(first) - 1:
        return 0
    if any(len(t) > HEADER_CELL_MAX_CHARS or _DIGIT.search(t) or t.endswith("。") for t in texts):
        return 0
    return max(c.row_span for c in first)


def _row_key(rows: list[list[PartCell]]) -> list[list[tuple[int, str]]]:
    return [[(c.col, _norm(c.text)) for c in row] for row in rows]


def build_table(parts: list[Part]) -> Table:
    """One table from the parts of consecutive pages, repeated headers dropped."""
    n_header = header_rows(parts[0])
    header_key = _row_key(parts[0].rows[:n_header])
    rows: list[Row] = []
    for p, part in enumerate(parts):
        part_rows = part.rows
        if p and n_header and _row_key(part_rows[:n_header]) == header_key:
            part_rows = part_rows[n_header:]
        offset = len(rows) - (len(part.rows) - len(part_rows))
        for r, cells in enumerate(part_rows):
            rows.append(Row(
                cells=tuple(
                    Cell(text=c.text, row=c.row + offset, col=c.col, row_span=c.row_span,
                         col_span=c.col_span, page=part.page, bold=c.bold, bbox=c.bbox, score=c.score)
                    for c in cells
                ),
                is_header=p == 0 and r < n_header,
                page=part.page,
                continues_on_new_page=p > 0 and r == 0,
            ))
    return Table(rows=tuple(rows), n_cols=parts[0].n_cols)
