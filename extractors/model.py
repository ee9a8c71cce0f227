"""The common in-memory document model that every extractor produces.

A document is an ordered list of blocks: paragraphs and tables. Nothing in it
knows about tasks or notices; nothing downstream of it knows about PDF or DOCX.

Text has been through the text-layer repair of :mod:`cjk.text`, and
lines that the layout wrapped are joined (:func:`cjk.text.join_lines`).
A ``\\n`` left in cell or paragraph text is a break the source made itself: a
paragraph end or line break inside a DOCX cell, or a PDF line that ends before
the cell edge although the next line's first word would have fitted. In a unit
cell such a break separates two units; in running text it is joined away.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "center", "right", "justify"]
"""Horizontal alignment of a paragraph, in the terms every format maps to."""

BBox = tuple[float, float, float, float]
"""(x0, top, x1, bottom) in PDF points, top-left origin, as pdfplumber reports."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of running text, in reading order."""

    text: str
    page: int | None = None
    """1-based page number; None where the format has no pages (DOCX)."""
    bold: bool | None = None
    align: Align | None = None
    bbox: BBox | None = None
    style: str | None = None
    """The format's own style name when it has one (DOCX paragraph style)."""
    score: float | None = None
    """Lowest recognition score of its characters when OCR read it; None for a text layer."""


@dataclass(frozen=True)
class Cell:
    """A cell at its origin position (top-left of its span) in the table grid."""

    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    page: int | None = None
    bold: bool | None = None
    bbox: BBox | None = None
    score: float | None = None
    """Lowest recognition score of its characters when OCR read it; None for a text layer."""


@dataclass(frozen=True)
class Row:
    """One table row: the cells whose origin lies in it, ordered by column."""

    cells: tuple[Cell, ...]
    is_header: bool = False
    page: int | None = None
    continues_on_new_page: bool = False
    """True for the first row of a table part that a page break started: the
    only place where a task row may have been broken in two by the layout."""


@dataclass(frozen=True)
class Slot:
    """One grid position as structuring sees it.

    ``covered`` tells a position that a span from another row or column covers
    (pdfplumber's ``None``) from a cell of its own that is merely empty (``""``).
    """

    cell: Cell
    covered: bool

    @property
    def text(self) -> str:
        return self.cell.text


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    n_cols: int
    nested: tuple[Table, ...] = ()
    """Tables found inside this table's cells (DOCX allows them)."""

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(sorted({r.page for r in self.rows if r.page is not None}))

    def grid(self) -> Grid:
        """The table as a dense ``rows × n_cols`` grid of slots.

        Every position a span covers points at the span's origin cell with
        ``covered=True``; a position no cell reaches (a short row) is None.
        Worked out once per table (structuring asks for it several times).
        """
        cached: Grid | None = self.__dict__.get("_grid")
        if cached is not None:
            return cached
        grid: list[list[Slot | None]] = [[None] * self.n_cols for _ in self.rows]
        for row in self.rows:
            for cell in row.cells:
                for r in range(cell.row, min(cell.row + cell.row_span, len(self.rows))):
                    for c in range(cell.col, min(cell.col + cell.col_span, self.n_cols)):
                        grid[r][c] = Slot(cell, covered=(r, c) != (cell.row, cell.col))
        frozen = tuple(tuple(row) for row in grid)
        object.__setattr__(self, "_grid", frozen)  # a cache beside the fields: equality and repr ignore it
        return frozen


Grid = tuple[tuple[Slot | None, ...], ...]
"""A table's rows of slots (:meth:`Table.grid`)."""

Block = Paragraph | Table


@dataclass
class Document:
    """What an extractor returns: blocks in reading order plus provenance."""

    blocks: list[Block]
    source_format: str
    """The name of the format that read the file (:data:`extractors.formats.FORMATS`)."""
    n_pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    ocr_pages: tuple[int, ...] = ()
    """Pages whose text came from OCR (1-based)."""
    ocr_seconds: float = 0.0
    """Time spent rendering and recognising them."""
    ocr_score: float | None = None
    """Mean recognition score of the OCR'd characters; None without OCR."""
    properties: dict[str, str] = field(default_factory=dict)
    """The file's own description of itself where the format keeps one apart
    from the text (OFD ``DocInfo``: Title, Author, CreationDate, Creator).
    Shown by ``inspect``; not in the datasets, whose metadata come from the
    notice's text, the same in every format."""

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[Table]:
        """All tables in reading order, nested ones right after their parent."""

        def walk(table: Table) -> Iterator[Table]:
            yield table
            for inner in table.nested:
                yield from walk(inner)

        for block in self.blocks:
            if isinstance(block, Table):
                yield from walk(block)


class ExtractionError(Exception):
    """A file that cannot become a Document, with a stable machine-readable code.

    Codes are part of the manifest's contract (see docs/schema.md): scheduled
    jobs match on them, so never rename one.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
