"""PDF → document model, on pdfplumber.

pdfplumber finds ruled tables one page at a time and leaves everything a notice
needs beyond that to its caller, so this module adds it:

* tables broken by page ends are stitched back into one :class:`Table`
  (same span-aware column grid, nothing but page furniture between the parts),
  repeated header rows are dropped and the first row of every continuation part
  is flagged ``continues_on_new_page``;
* spans come from pdfplumber's cell boxes, so a merged section row is one cell
  with ``col_span = n_cols`` while an empty cell stays a cell of its own;
* cell and paragraph text is rebuilt from the characters (after
  :func:`dedupe_chars` removed fake-bold doubles) so that a text-layer space at a
  line end survives: in a unit cell it separates two units, and a plain ``\\n``
  between two ideographs would be joined away by :func:`cjk.join_lines`;
* text outside tables becomes paragraphs in reading order, without page numbers.

Only characters are read, never rendered glyphs: a PDF without a usable text
layer is reported as ``no_text_layer`` rather than returned empty.
"""

from __future__ import annotations

import io
import itertools
import statistics
from bisect import bisect_right
from operator import itemgetter
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import pdfplumber
import regex
from pdfminer.pdfdocument import PDFEncryptionError
from pdfplumber.utils.clustering import cluster_objects
from pdfplumber.utils.exceptions import PdfminerException

from cjk import text as cjk
from extractors.model import BBox, Block, Cell, Document, ExtractionError, Paragraph, Row, Table

WORD_GAP_EM = 0.5
"""A gap between two glyphs wider than this many ems is a word space even
without a space glyph. Office suites add about 0.2 em between ideographs and
Latin text (autospace), which must not become a space."""

DEDUPE_TOLERANCE = 1
"""Points within which a second identical glyph is a fake-bold double
(pdfplumber's ``dedupe_chars`` default)."""

CID_SHARE_LIMIT = 0.5
"""Above this share of ``(cid:N)`` glyphs the text layer is unreadable."""

MIN_LINES_FOR_MARGIN = 5
"""Fewer lines starting at the left edge than this do not show the right edge."""

EDGE_ZONE = 0.15
"""Page furniture (page numbers, 续表) sits within this fraction of a page edge."""

_FURNITURE = regex.compile(
    r"^(?:[-—–―−~～\s]*\d{1,4}[-—–―−~～\s]*"  # — 3 —, - 3 -, 3
    r"|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"  # 第3页 共13页
    r"|\d+\s*/\s*\d+"  # 3/13
    r"|续表\s*\d*[:：]?)$"
)
_BOLD_FONT = regex.compile(r"(?i)bold|black|heavy|semibold|demibold|demi")
_HEADER_CELL_MAX_CHARS = 12
CELL_PADDING = 6.0
"""Largest inner margin of a table cell, in points (Word 5.4, LibreOffice 2.8)."""


# -- lines of characters ------------------------------------------------------
@dataclass
class _Line:
    """One visual line of glyphs, reduced to what layout decisions need."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    page: int
    leading_space: bool
    trailing_space: bool

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


def _is_bold(char: dict) -> bool:
    return _BOLD_FONT.search(char.get("fontname", "").split("+")[-1]) is not None


def _group_lines(chars: Iterable[dict]) -> list[list[dict]]:
    """Cluster glyphs into lines: a glyph whose vertical centre falls below the
    current line's box starts a new line. Sorting by top first keeps a taller
    glyph (or a punctuation mark on its own baseline) in the line it belongs to."""
    lines: list[list[dict]] = []
    bottom = float("-inf")
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        centre = (ch["top"] + ch["bottom"]) / 2
        if not lines or centre > bottom:
            lines.append([ch])
            bottom = ch["bottom"]
        else:
            lines[-1].append(ch)
            bottom = max(bottom, ch["bottom"])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _make_line(chars: list[dict], page: int) -> _Line | None:
    """Text of one line: text-layer spaces are kept, and a gap wider than
    :data:`WORD_GAP_EM` counts as one."""
    visible = [c for c in chars if c["text"].strip()]
    if not visible:
        return None
    size = statistics.median(c["size"] for c in visible)
    out: list[str] = []
    prev: dict | None = None
    pending_space = False
    for ch in chars:
        if not ch["text"].strip():
            pending_space = prev is not None
            continue
        if prev is not None and (pending_space or ch["x0"] - prev["x1"] > WORD_GAP_EM * size):
            out.append(" ")
        out.append(ch["text"])
        prev, pending_space = ch, False
    return _Line(
        text="".join(out),
        x0=visible[0]["x0"],
        top=min(c["top"] for c in visible),
        x1=max(c["x1"] for c in visible),
        bottom=max(c["bottom"] for c in visible),
        size=size,
        bold=all(_is_bold(c) for c in visible),
        page=page,
        leading_space=not chars[0]["text"].strip(),
        trailing_space=pending_space,
    )


def _lines(chars: Iterable[dict], page: int) -> list[_Line]:
    return [line for group in _group_lines(chars) if (line := _make_line(group, page)) is not None]


def _text(lines: list[_Line]) -> str:
    """Lines joined by ``\\n``, except where a space glyph sits at the break:
    there the layout wrapped at a word space, and the space is what a reader
    sees between the two words (``市综治办 ⏎市数字办``)."""
    out = ""
    for i, line in enumerate(lines):
        if i:
            out += " " if lines[i - 1].trailing_space or line.leading_space else "\n"
        out += line.text
    return cjk.repair(out)


def _leading_run_width(line: _Line) -> float:
    """Estimated width of what a line break could not split at the start of
    *line*: the Latin, digits and brackets up to the first ideograph, that
    ideograph, and the closing punctuation after it (``〔2019〕14号）``)."""
    run = regex.match(r"[^\p{Han}]*\p{Han}?[）》」』”’〕】，。、；：]*", line.text).group(0) or line.text[:1]
    return sum(0.5 if ch.isascii() else 1.0 for ch in run) * line.size


def _cell_text(lines: list[_Line], right: float) -> str:
    """A cell's text as the model wants it: wrapped lines joined, ``\\n`` only
    where the source broke the line itself (a line that ends before the cell
    edge could have taken the next line's first run: ``市交通运输局 ⏎
    各县（市、区）人民政府`` in a wide cell is two paragraphs, not a wrap)."""
    groups: list[list[_Line]] = []
    for i, line in enumerate(lines):
        if i and _wraps_before(lines[i - 1], line, right):
            groups[-1].append(line)
        else:
            groups.append([line])
    return "\n".join(cjk.join_lines(_text(group)) for group in groups)


def _wraps_before(prev: _Line, line: _Line, right: float) -> bool:
    """*prev* ended where it did because *line*'s first run did not fit before
    *right* (less a cell's inner margin)."""
    return prev.x1 + _leading_run_width(line) > right - CELL_PADDING


# -- tables on one page ------------------------------------------------------------
@dataclass
class _PartCell:
    text: str
    row: int
    col: int
    row_span: int
    col_span: int
    bbox: BBox
    bold: bool | None


@dataclass
class _Part:
    """The piece of a table that one page holds."""

    page: int
    bbox: BBox
    bounds: list[float]
    """Column boundaries from the left edge to the right edge."""
    rows: list[list[_PartCell]]

    @property
    def n_cols(self) -> int:
        return len(self.bounds) - 1


class _Grid:
    """pdfplumber's cells of one table placed on a row × column grid.

    Column and row lines are the distinct left and top edges of the cells,
    which is what ``Table.rows`` uses too; a cell spans every line it crosses.
    """

    def __init__(self, cells: list[BBox]) -> None:
        self.cells = cells
        self.xs = sorted({c[0] for c in cells})
        self.tops = sorted({c[1] for c in cells})
        self.right = max(c[2] for c in cells)
        self.origin: list[tuple[int, int, int, int]] = []
        self.owner: dict[tuple[int, int], int] = {}
        for i, (x0, top, x1, bottom) in enumerate(cells):
            col, row = self.xs.index(x0), self.tops.index(top)
            col_span = sum(1 for x in self.xs if x0 <= x < x1 - 0.5)
            row_span = sum(1 for t in self.tops if top <= t < bottom - 0.5)
            self.origin.append((row, col, row_span, col_span))
            for r in range(row, row + row_span):
                for c in range(col, col + col_span):
                    self.owner[(r, c)] = i

    def cell_at(self, x: float, y: float) -> int | None:
        """Index of the cell whose box holds the point, if any."""
        row, col = bisect_right(self.tops, y) - 1, bisect_right(self.xs, x) - 1
        if row < 0 or col < 0 or x > self.right:
            return None
        i = self.owner.get((row, col))
        return i if i is not None and y <= self.cells[i][3] else None


def _read_tables(page: "pdfplumber.page.Page", chars: list[dict], number: int) -> tuple[list[_Part], list[dict]]:
    """The page's ruled tables as parts, and those of *chars* that lie in no
    cell. Cells get their text from *chars* (already deduplicated), so
    pdfplumber is only asked for the cell boxes."""
    grids = [_Grid(t.cells) for t in page.find_tables() if len(t.cells) > 1]
    in_cell: list[list[list[dict]]] = [[[] for _ in g.cells] for g in grids]
    outside: list[dict] = []
    for ch in chars:
        x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        for g, grid in enumerate(grids):
            i = grid.cell_at(x, y)
            if i is not None:
                in_cell[g][i].append(ch)
                break
        else:
            outside.append(ch)
    parts = []
    for grid, chars_per_cell in zip(grids, in_cell):
        rows: list[list[_PartCell]] = [[] for _ in grid.tops]
        for i, bbox in enumerate(grid.cells):
            row, col, row_span, col_span = grid.origin[i]
            lines = _lines(chars_per_cell[i], number)
            rows[row].append(_PartCell(
                text=_cell_text(lines, bbox[2]), row=row, col=col, row_span=row_span, col_span=col_span,
                bbox=tuple(bbox), bold=all(line.bold for line in lines) if lines else None,
            ))
        for row_cells in rows:
            row_cells.sort(key=lambda c: c.col)
        parts.append(_Part(
            page=number,
            bbox=(grid.xs[0], grid.tops[0], grid.right, max(c[3] for c in grid.cells)),
            bounds=[*grid.xs, grid.right],
            rows=rows,
        ))
    return parts, outside


# -- pages -------------------------------------------------------------------------
@dataclass
class _Page:
    number: int
    width: float
    height: float
    items: list[_Part | _Line]
    """Tables and lines outside them, top to bottom, page furniture removed."""


def _is_furniture(line: _Line, height: float) -> bool:
    near_edge = line.bottom < EDGE_ZONE * height or line.top > (1 - EDGE_ZONE) * height
    return near_edge and _FURNITURE.match(line.text) is not None


@dataclass
class _GlyphCount:
    total: int = 0
    cid: int = 0
    off_page: int = 0

    def add(self, chars: Iterable[dict]) -> None:
        for ch in chars:
            if ch["text"].strip():
                self.total += 1
                self.cid += ch["text"].startswith("(cid:")


def _on_page(chars: list[dict], width: float, height: float) -> list[dict]:
    """Glyphs a reader can see: a producer may set text beyond the page edge
    (a table wider than the page), and that text is clipped away."""
    return [c for c in chars if c["x0"] < width and c["x1"] > 0 and c["top"] < height and c["bottom"] > 0]


def dedupe_chars(chars: list[dict]) -> list[dict]:
    """The glyphs of ``Page.dedupe_chars()`` (defaults: tolerance 1, same
    upright/text/fontname/size), in their original order.

    Fake bold draws each glyph twice, a fraction of a point apart. pdfplumber's
    own version restores the order with ``sorted(kept, key=chars.index)``,
    which is quadratic and on a full page of Chinese costs as much as parsing
    the page; the rule here is the same, the order comes from a position map.
    """
    order = {id(ch): i for i, ch in enumerate(chars)}
    key = itemgetter("upright", "text", "fontname", "size")
    kept = []
    for _, same in itertools.groupby(sorted(chars, key=key), key=key):
        for row in cluster_objects(list(same), itemgetter("doctop"), DEDUPE_TOLERANCE):
            for spot in cluster_objects(row, itemgetter("x0"), DEDUPE_TOLERANCE):
                kept.append(min(spot, key=itemgetter("doctop", "x0")))
    return sorted(kept, key=lambda ch: order[id(ch)])


def _read_page(page: "pdfplumber.page.Page", number: int, glyphs: _GlyphCount) -> _Page:
    width, height = float(page.width), float(page.height)
    chars = dedupe_chars(page.chars)
    visible = _on_page(chars, width, height)
    glyphs.add(visible)
    glyphs.off_page += len(chars) - len(visible)
    parts, outside = _read_tables(page, visible, number)
    lines = [ln for ln in _lines(outside, number) if not _is_furniture(ln, height)]
    items: list[_Part | _Line] = sorted([*parts, *lines], key=lambda it: it.bbox[1])
    return _Page(number=number, width=width, height=height, items=items)


def _read_pages(data: bytes) -> tuple[list[_Page], _GlyphCount]:
    glyphs = _GlyphCount()
    pages: list[_Page] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                try:
                    pages.append(_read_page(page, number, glyphs))
                finally:
                    page.close()
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFEncryptionError):
            raise ExtractionError("encrypted", f"cannot open encrypted PDF: {cause!r}") from exc
        raise ExtractionError("corrupt_pdf", f"cannot parse PDF: {cause!r}") from exc
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, EOFError, OSError) as exc:
        raise ExtractionError("corrupt_pdf", f"cannot parse PDF: {exc!r}") from exc
    return pages, glyphs


# -- paragraphs ----------------------------------------------------------------------
@dataclass
class _Margins:
    """The text area of pages of one width, learnt from their lines."""

    left: float
    right: float

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2

    @classmethod
    def of(cls, lines: list[_Line], page_width: float) -> "_Margins":
        """The text area is as wide as its widest lines: justified body lines
        and right-aligned signatures reach its right edge. (A percentile of
        line ends would mistake a short notice's short lines for the edge.)
        With too few lines to tell, the margins are taken as symmetric."""
        left = min(line.x0 for line in lines)
        if len(lines) < MIN_LINES_FOR_MARGIN:
            return cls(left=left, right=page_width - left)
        return cls(left=left, right=max(line.x1 for line in lines))

    def centred(self, line: _Line) -> bool:
        return abs((line.x0 + line.x1) / 2 - self.centre) <= line.size

    def indented(self, line: _Line) -> bool:
        return line.x0 > self.left + 0.8 * line.size

    def full(self, line: _Line) -> bool:
        """Reaches the right edge, give or take the glyphs that line-breaking
        rules push to the next line (``知》`` may not start a line's end)."""
        return line.x1 >= self.right - 2.5 * line.size


def _same_style(a: _Line, b: _Line) -> bool:
    return abs(a.size - b.size) <= 0.1 * a.size and a.bold == b.bold


def _wrapped(prev: _Line, line: _Line, margins: _Margins) -> bool:
    """*prev* ended where it did because *line*'s first run did not fit."""
    return margins.full(prev) or prev.x1 + _leading_run_width(line) > margins.right - 0.5 * line.size


def _continues(prev: _Line, line: _Line, margins: _Margins, first_on_page: bool) -> bool:
    """Whether *line* goes on the paragraph that *prev* ended."""
    if not _same_style(prev, line):
        return False
    if first_on_page:
        return prev.page == line.page - 1 and _wrapped(prev, line, margins) and not margins.indented(line)
    if line.top - prev.top > 2.0 * line.size:
        return False
    if margins.centred(prev) and margins.centred(line) and margins.indented(line) and not margins.full(line):
        # A centred title wrapped over lines. Its next line falls short of the
        # right edge: an indented line that reaches it is a paragraph's first
        # line under a full body line, which is "centred" too.
        return _wrapped(prev, line, margins)
    return not margins.indented(line) and _wrapped(prev, line, margins)


def _align(lines: list[_Line], margins: _Margins) -> str:
    last = lines[-1]
    if margins.centred(last) and margins.indented(last):
        return "center"
    if len(lines) == 1 and last.x0 > margins.centre and last.x1 >= margins.right - last.size:
        return "right"
    return "justify" if len(lines) > 1 and all(margins.full(ln) for ln in lines[:-1]) else "left"


def _paragraph(lines: list[_Line], margins: _Margins) -> Paragraph:
    first_page = [ln for ln in lines if ln.page == lines[0].page]
    return Paragraph(
        text=cjk.join_lines(_text(lines)),
        page=lines[0].page,
        bold=all(ln.bold for ln in lines),
        align=_align(lines, margins),  # type: ignore[arg-type]
        bbox=(min(ln.x0 for ln in first_page), first_page[0].top,
              max(ln.x1 for ln in first_page), first_page[-1].bottom),
    )


# -- tables across pages ------------------------------------------------------------
def _stitches(prev: _Part, part: _Part) -> bool:
    """Same column grid (span-aware count and boundaries relative to the left
    edge, within a tolerance) on consecutive pages."""
    if part.page != prev.page + 1 or part.n_cols != prev.n_cols:
        return False
    tolerance = max(3.0, 0.02 * (prev.bounds[-1] - prev.bounds[0]))
    return all(
        abs((a - prev.bounds[0]) - (b - part.bounds[0])) <= tolerance
        for a, b in zip(prev.bounds, part.bounds)
    )


def _norm(text: str) -> str:
    return regex.sub(r"\s+", "", cjk.join_lines(text))


def _header_rows(part: _Part) -> int:
    """How many leading rows form a header: the first row (plus the rows its
    vertical spans cover) when its cells read like column names: short, no
    digits (task numbers, dates), no sentence end. Structuring finds the header
    by meaning anyway; this flag only lets repeated headers be recognised."""
    first = part.rows[0] if part.rows else []
    texts = [_norm(c.text) for c in first if c.text]
    if len(texts) < 2 or len(texts) < len(first) - 1:
        return 0
    if any(len(t) > _HEADER_CELL_MAX_CHARS or regex.search(r"\d", t) or t.endswith("。") for t in texts):
        return 0
    return max(c.row_span for c in first)


def _row_key(rows: list[list[_PartCell]]) -> list[list[tuple[int, str]]]:
    return [[(c.col, _norm(c.text)) for c in row] for row in rows]


def _build_table(parts: list[_Part]) -> Table:
    n_header = _header_rows(parts[0])
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
                         col_span=c.col_span, page=part.page, bold=c.bold, bbox=c.bbox)
                    for c in cells
                ),
                is_header=p == 0 and r < n_header,
                page=part.page,
                continues_on_new_page=p > 0 and r == 0,
            ))
    return Table(rows=tuple(rows), n_cols=parts[0].n_cols)


# -- assembly -----------------------------------------------------------------------
@dataclass
class _Assembler:
    """Feeds page items in reading order into blocks, keeping the last table or
    paragraph open so that the next page can continue it."""

    margins: dict[int, _Margins]
    blocks: list[Block] = field(default_factory=list)
    parts: list[_Part] = field(default_factory=list)
    lines: list[_Line] = field(default_factory=list)
    line_margins: _Margins | None = None

    def page(self, page: _Page) -> None:
        margins = self.margins.get(round(page.width))
        for i, item in enumerate(page.items):
            if isinstance(item, _Part):
                self._part(item, first_on_page=i == 0)
            elif margins is not None:
                self._line(item, margins, first_on_page=i == 0)

    def _part(self, part: _Part, first_on_page: bool) -> None:
        self._close_paragraph()
        if not (self.parts and first_on_page and _stitches(self.parts[-1], part)):
            self._close_table()
        self.parts.append(part)

    def _line(self, line: _Line, margins: _Margins, first_on_page: bool) -> None:
        self._close_table()
        if self.lines and not _continues(self.lines[-1], line, margins, first_on_page):
            self._close_paragraph()
        if not self.lines:
            self.line_margins = margins
        self.lines.append(line)

    def _close_table(self) -> None:
        if self.parts:
            self.blocks.append(_build_table(self.parts))
            self.parts = []

    def _close_paragraph(self) -> None:
        if self.lines and self.line_margins is not None:
            paragraph = _paragraph(self.lines, self.line_margins)
            if paragraph.text:
                self.blocks.append(paragraph)
            self.lines = []

    def finish(self) -> list[Block]:
        self._close_table()
        self._close_paragraph()
        return self.blocks


def _margins_by_width(pages: list[_Page]) -> dict[int, _Margins]:
    by_width: dict[int, list[_Line]] = {}
    for page in pages:
        by_width.setdefault(round(page.width), []).extend(it for it in page.items if isinstance(it, _Line))
    return {width: _Margins.of(lines, width) for width, lines in by_width.items() if lines}


def _check_text_layer(glyphs: _GlyphCount, n_pages: int) -> list[str]:
    if glyphs.total == 0:
        raise ExtractionError("no_text_layer", f"none of {n_pages} pages has text: scanned images need OCR")
    if glyphs.cid > CID_SHARE_LIMIT * glyphs.total:
        raise ExtractionError(
            "no_text_layer",
            f"{glyphs.cid} of {glyphs.total} glyphs have no Unicode mapping ((cid:N)): the text layer is unreadable",
        )
    warnings = []
    if glyphs.cid:
        warnings.append(f"{glyphs.cid} of {glyphs.total} glyphs have no Unicode mapping and read as (cid:N)")
    if glyphs.off_page:
        warnings.append(f"{glyphs.off_page} glyphs lie outside the page (clipped, e.g. a table wider than the page)"
                        " and were left out")
    return warnings


def _blocks(pages: list[_Page]) -> Iterator[Block]:
    assembler = _Assembler(margins=_margins_by_width(pages))
    for page in pages:
        assembler.page(page)
    yield from assembler.finish()


def extract_pdf(data: bytes) -> Document:
    """Read a PDF file's bytes into the document model."""
    pages, glyphs = _read_pages(data)
    warnings = _check_text_layer(glyphs, len(pages))
    return Document(blocks=list(_blocks(pages)), source_format="pdf", n_pages=len(pages), warnings=warnings)
