"""The layout stage's entry point: pages of positioned glyphs and ruling
segments in, the document model's blocks in reading order out.

Each page is cleaned (fake-bold doubles, text beyond the page edge), its ruled
tables are read, the remaining glyphs become lines, and page furniture (page
numbers, 续表) is dropped. Items are then read top to bottom across pages,
so that a table or a paragraph cut by a page end continues on the next page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

from extractors.layout.glyphs import GlyphCount, dedupe_glyphs, on_page
from extractors.layout.lines import Line, lines_of
from extractors.layout.page import PageLayout
from extractors.layout.paragraphs import Margins, continues, paragraph
from extractors.layout.tables import Part, build_table, read_tables, stitches
from extractors.model import Block, Document

EDGE_ZONE = 0.15
"""Page furniture (page numbers, 续表) sits within this fraction of a page edge."""

FURNITURE = regex.compile(
    r"^(?:[-—–―−~～\s]*\d{1,4}[-—–―−~～\s]*"  # — 3 —, - 3 -, 3
    r"|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"  # 第3页 共13页
    r"|\d+\s*/\s*\d+"  # 3/13
    r"|续表\s*\d*[:：]?)$"
)
"""A whole line that is a page number or a continued-table mark."""


@dataclass
class _Page:
    number: int
    width: float
    height: float
    items: list[Part | Line]
    """Tables and lines outside them, top to bottom, page furniture removed."""


def _is_furniture(line: Line, height: float) -> bool:
    near_edge = line.bottom < EDGE_ZONE * height or line.top > (1 - EDGE_ZONE) * height
    return near_edge and FURNITURE.match(line.text) is not None


def _read_page(page: PageLayout, glyphs: GlyphCount) -> _Page:
    deduped = dedupe_glyphs(page.glyphs)
    visible = on_page(deduped, page.width, page.height)
    glyphs.add(visible)
    glyphs.off_page += len(deduped) - len(visible)
    parts, outside = read_tables(visible, page.segments, page.number)
    lines = [ln for ln in lines_of(outside, page.number) if not _is_furniture(ln, page.height)]
    items: list[Part | Line] = sorted([*parts, *lines], key=lambda it: it.bbox[1])
    return _Page(number=page.number, width=page.width, height=page.height, items=items)


@dataclass
class _Assembler:
    """Feeds page items in reading order into blocks, keeping the last table or
    paragraph open so that the next page can continue it."""

    margins: dict[int, Margins]
    blocks: list[Block] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    line_margins: Margins | None = None

    def page(self, page: _Page) -> None:
        margins = self.margins.get(round(page.width))
        for i, item in enumerate(page.items):
            if isinstance(item, Part):
                self._part(item, first_on_page=i == 0)
            elif margins is not None:
                self._line(item, margins, first_on_page=i == 0)

    def _part(self, part: Part, first_on_page: bool) -> None:
        self._close_paragraph()
        if not (self.parts and first_on_page and stitches(self.parts[-1], part)):
            self._close_table()
        self.parts.append(part)

    def _line(self, line: Line, margins: Margins, first_on_page: bool) -> None:
        self._close_table()
        if self.lines and not continues(self.lines[-1], line, margins, first_on_page):
            self._close_paragraph()
        if not self.lines:
            self.line_margins = margins
        self.lines.append(line)

    def _close_table(self) -> None:
        if self.parts:
            self.blocks.append(build_table(self.parts))
            self.parts = []

    def _close_paragraph(self) -> None:
        if self.lines and self.line_margins is not None:
            para = paragraph(self.lines, self.line_margins)
            if para.text:
                self.blocks.append(para)
            self.lines = []

    def finish(self) -> list[Block]:
        self._close_table()
        self._close_paragraph()
        return self.blocks


def _margins_by_width(pages: list[_Page]) -> dict[int, Margins]:
    """Margins per page width (rounded): a landscape annex has its own."""
    by_width: dict[int, list[Line]] = {}
    for page in pages:
        by_width.setdefault(round(page.width), []).extend(it for it in page.items if isinstance(it, Line))
    return {width: Margins.of(lines, width) for width, lines in by_width.items() if lines}


def layout_document(pages: Iterable[PageLayout], source_format: str) -> Document:
    """Rebuild a fixed-layout document from its pages.

    *pages* may be a generator that reads one page at a time: each is reduced
    to lines and table parts before the next is asked for. Raises
    ``no_text_layer`` when no page has readable text.
    """
    glyphs = GlyphCount()
    ocr_pages: list[int] = []
    read = []
    has_images = False
    for page in pages:
        read.append(_read_page(page, glyphs))
        has_images = has_images or bool(page.images)
        if page.text_source == "ocr":
            ocr_pages.append(page.number)
    warnings = glyphs.warnings(len(read), len(ocr_pages), has_images)
    assembler = _Assembler(margins=_margins_by_width(read))
    for item in read:
        assembler.page(item)
    return Document(blocks=assembler.finish(), source_format=source_format, n_pages=len(read), warnings=warnings,
                    ocr_pages=tuple(ocr_pages), ocr_score=glyphs.mean_score)
