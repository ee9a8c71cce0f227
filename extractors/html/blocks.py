"""HTML elements → the document model's paragraphs and tables.

The aim is the blocks the DOCX reader gives for the same notice, so that a page
and a DOCX of it give the same rows:

* a block element (``p``, ``div``, ``li``, ``h1`` …, a layout table's cell)
  ends a paragraph, as a ``w:p`` does; ``<br>`` is a line break inside it (a
  ``w:br``); empty paragraphs are dropped;
* whitespace collapses as Chrome renders it: any run, line breaks of the
  source included, is one space. (CSS Text 3 would drop a source line break
  between two CJK characters, but exporters such as LibreOffice wrap their
  HTML at real spaces: ``市工商局⏎市委编办`` is two units, as in the DOCX.
  Spaces next to Chinese characters in running text are removed later by
  normalization, whatever the format);
* a *data* table becomes a :class:`Table`, ``rowspan``/``colspan`` as spans and
  every cell's paragraphs joined by ``\\n`` like a DOCX cell; a *layout* table
  (the page template's grid: one column, a nested table, or
  ``role="presentation"``) is read cell by cell as running content.

Which part of the page is read at all is decided in :mod:`extractors.html.content`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

import regex
from lxml import html

from cjk import text as cjk
from extractors.model import Block, Cell, ExtractionError, Paragraph, Row, Table

Align = Literal["left", "center", "right", "justify"]

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dir", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
"""Elements that start and end a paragraph (CSS display: block and table parts)."""
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BOLD_TAGS = frozenset({"b", "strong"}) | HEADING_TAGS | {"th"}
MAX_COLSPAN = 1000
"""The HTML standard's cap on colspan; rowspan is capped by the table's rows."""
MAX_TABLE_SLOTS = 250_000
"""Grid positions one table may cover. Task tables of the longest notices
cover a few thousand; a few spans can claim millions (``rowspan=65534
colspan=1000``), which would cost gigabytes to lay out."""

_BR = "\u2028"
"""Stands for a ``<br>`` while source whitespace is collapsed around it."""
_COLLAPSIBLE = regex.compile(r"[ \t\n\r\f]+")
_ALIGNS: dict[str, Align] = {"center": "center", "middle": "center", "right": "right", "left": "left",
                             "justify": "justify", "start": "left", "end": "right"}
_STYLE_ALIGN = regex.compile(r"text-align\s*:\s*([a-z-]+)", regex.I)
_STYLE_WEIGHT = regex.compile(r"font-weight\s*:\s*([a-z0-9]+)", regex.I)


def tag_of(el: html.HtmlElement) -> str:
    """Lower-case tag name; '' for comments and processing instructions."""
    return el.tag.lower() if isinstance(el.tag, str) else ""


def collapse(text: str, preformatted: bool = False) -> str:
    """Whitespace as a browser renders it: every run of it is one space."""
    if preformatted:
        return text.replace(_BR, "\n")
    return _COLLAPSIBLE.sub(" ", text).replace(_BR, "\n")


@dataclass(frozen=True)
class _Style:
    """What an element passes down to its text: inherited like CSS."""

    bold: bool = False
    align: Align | None = None
    preformatted: bool = False

    def under(self, el: html.HtmlElement) -> _Style:
        tag = tag_of(el)
        style = el.get("style", "")
        bold = self.bold or tag in BOLD_TAGS
        weight = _STYLE_WEIGHT.search(style)
        if weight:
            value = weight.group(1).lower()
            bold = value in ("bold", "bolder") or (value.isdigit() and int(value) >= 600)
        align = self.align
        found = _STYLE_ALIGN.search(style)
        declared = found.group(1) if found else el.get("align")
        if tag == "center":
            align = "center"
        elif declared and declared.lower() in _ALIGNS:
            align = _ALIGNS[declared.lower()]
        return replace(self, bold=bold, align=align, preformatted=self.preformatted or tag in ("pre", "textarea"))


def is_layout_table(table: html.HtmlElement) -> bool:
    """A table of the page template rather than of the notice.

    Data tables of notices have two or more columns and no tables inside;
    templates nest tables, or stack content in a single column.
    """
    if table.get("role", "").lower() in ("presentation", "none"):
        return True
    if any(True for _ in table.iterdescendants("table")):
        return True
    return all(len(_cells(tr)) <= 1 for tr in _rows(table))


def _rows(table: html.HtmlElement) -> list[html.HtmlElement]:
    """The table's own rows in rendering order: thead, body rows, tfoot."""
    head: list[html.HtmlElement] = []
    body: list[html.HtmlElement] = []
    foot: list[html.HtmlElement] = []
    for child in table:
        tag = tag_of(child)
        if tag == "tr":
            body.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows = [tr for tr in child if tag_of(tr) == "tr"]
            (head if tag == "thead" else foot if tag == "tfoot" else body).extend(rows)
    return head + body + foot


def _cells(tr: html.HtmlElement) -> list[html.HtmlElement]:
    return [c for c in tr if tag_of(c) in ("td", "th")]


def _span(value: str | None, cap: int) -> int:
    """A rowspan/colspan attribute as browsers read it: digits, at least 1."""
    digits = regex.match(r"\s*(\d+)", value or "")
    return max(1, min(int(digits.group(1)), cap)) if digits else 1


class BlockBuilder:
    """Walks elements in document order and collects the blocks they show.

    ``skip`` names elements (site chrome) whose whole subtree is not read.
    """

    def __init__(self, skip: Callable[[html.HtmlElement], bool]) -> None:
        self.skip = skip
        self.blocks: list[Block] = []
        self._text: list[str] = []
        self._bold: list[bool] = []
        self._style = _Style()

    # -- entry points -------------------------------------------------------
    def read(self, el: html.HtmlElement, style: _Style | None = None, tables_only: bool = False) -> None:
        """Read *el* and its subtree (not its tail); ``tables_only`` keeps just data tables."""
        self._walk(el, style or _Style(), tables_only)
        self._flush()

    # -- walking ------------------------------------------------------------
    def _walk(self, el: html.HtmlElement, inherited: _Style, tables_only: bool) -> None:
        tag = tag_of(el)
        if not tag or self.skip(el):
            return
        if tag == "br":
            self._add(_BR, inherited)
            return
        style = inherited.under(el)
        if tag == "table":
            self._flush()
            if not is_layout_table(el):
                self.blocks.append(self.table(el, style))
                return
        block = tag in BLOCK_TAGS
        if block:
            self._flush(style)
        if el.text and not tables_only:
            self._add(el.text, style)
        for child in el:
            self._walk(child, style, tables_only)
            if child.tail and not tables_only:
                self._add(child.tail, style)
        if block:
            self._flush(inherited)

    def _add(self, text: str, style: _Style) -> None:
        self._text.append(text)
        if text.strip() and text != _BR:
            self._bold.append(style.bold)

    def _flush(self, next_style: _Style | None = None) -> None:
        """End the open paragraph; the next one takes *next_style* (its block's)."""
        # U+FFFD is what the parser made of invalid character references (&#0;, &#x110000;)
        text = cjk.repair(collapse("".join(self._text).replace("\ufffd", ""), self._style.preformatted))
        if text:
            self.blocks.append(Paragraph(text=text, bold=all(self._bold) if self._bold else None,
                                         align=self._style.align))
        self._text, self._bold = [], []
        self._style = next_style or _Style()

    # -- tables -------------------------------------------------------------
    def table(self, el: html.HtmlElement, style: _Style) -> Table:
        """A data table: spans resolved on the HTML table model's slot grid."""
        trs = _rows(el)
        thead = {id(tr) for part in el if tag_of(part) == "thead" for tr in part if tag_of(tr) == "tr"}
        taken: set[tuple[int, int]] = set()
        width: dict[int, int] = {}
        rows: list[Row] = []
        nested: list[Table] = []
        for r, tr in enumerate(trs):
            col = 0
            cells: list[Cell] = []
            tds = _cells(tr)
            for td in tds:
                while (r, col) in taken:
                    col += 1
                row_span = _span(td.get("rowspan"), len(trs) - r) if td.get("rowspan") != "0" else len(trs) - r
                col_span = _span(td.get("colspan"), MAX_COLSPAN)
                if len(taken) + row_span * col_span > MAX_TABLE_SLOTS:
                    raise ExtractionError("html_too_large", f"a table's spans cover more than "
                                                            f"{MAX_TABLE_SLOTS:,} grid positions")
                taken.update((rr, cc) for rr in range(r, r + row_span) for cc in range(col, col + col_span))
                for rr in range(r, r + row_span):
                    width[rr] = max(width.get(rr, 0), col + col_span)
                text, bold, inner = self._cell(td, style.under(tr))
                nested.extend(inner)
                cells.append(Cell(text=text, row=r, col=col, row_span=row_span, col_span=col_span, bold=bold))
                col += col_span
            header = id(tr) in thead or (bool(tds) and all(tag_of(td) == "th" for td in tds))
            rows.append(Row(cells=tuple(cells), is_header=header))
        return Table(rows=tuple(rows), n_cols=max(width.values(), default=0), nested=tuple(nested))

    def _cell(self, td: html.HtmlElement, style: _Style) -> tuple[str, bool | None, list[Table]]:
        """A cell's paragraphs joined by line breaks, its bold flag and its own tables."""
        inner = BlockBuilder(self.skip)
        inner.read(td, style)
        paragraphs = [b for b in inner.blocks if isinstance(b, Paragraph)]
        flags = [p.bold for p in paragraphs if p.bold is not None]
        return ("\n".join(p.text for p in paragraphs), all(flags) if flags else None,
                [b for b in inner.blocks if isinstance(b, Table)])

