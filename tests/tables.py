"""Tables of the document model written row by row in tests, cells spanning columns."""

from __future__ import annotations

from extractors.model import Cell, Row, Table

Spec = str | tuple[str, int]
"""A cell's text, or (text, columns it spans)."""


def merged_table(*rows: tuple[Spec, ...], page_break: int | None = None) -> Table:
    """A table whose cells may span columns: ``("一、…", 4)`` is a section row;
    a page break may start row *page_break*."""
    out = []
    for r, specs in enumerate(rows):
        cells, col = [], 0
        for spec in specs:
            text, span = (spec, 1) if isinstance(spec, str) else spec
            cells.append(Cell(text=text, row=r, col=col, col_span=span))
            col += span
        out.append(Row(cells=tuple(cells), continues_on_new_page=r == page_break))
    return Table(rows=tuple(out), n_cols=sum(1 if isinstance(s, str) else s[1] for s in rows[0]))
