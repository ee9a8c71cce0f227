"""DOCX → document model, read from the WordprocessingML itself.

python-docx's convenience API loses exactly what notices contain: ``row.cells``
repeats merged cells, ``paragraph.text`` drops tracked insertions, block content
controls (``w:sdt``) are invisible and list numbering (一、（一）) is not text at
all. So the body is walked here with lxml, in document order:

* ``w:ins``, ``w:sdt``, ``w:smartTag``, ``w:customXml``, ``w:hyperlink`` and
  ``w:fldSimple`` are transparent wrappers; ``w:del``/``w:moveFrom`` content and
  ``mc:Fallback`` copies are skipped;
* tables resolve ``w:gridBefore``, ``w:gridSpan`` and ``w:vMerge`` into spans,
  mark ``w:tblHeader`` rows and keep nested tables;
* numbered paragraphs get their rendered label in front of their text.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from lxml import etree

from cjk import text as cjk
from extractors.model import Align, Block, Cell, Document, ExtractionError, Paragraph, Row, Table
from extractors.numbering import Numbering
from extractors.ooxml import CORRUPT_CODE, FORMAT_NAME, NS, REL_NUMBERING, REL_STYLES, Package, W
from extractors.safezip import parse_xml

MC = "{{{}}}".format(NS["mc"])

_TRANSPARENT = {W + t for t in ("ins", "smartTag", "customXml", "hyperlink", "fldSimple", "moveTo", "dir", "bdo")}
_SKIPPED = {W + t for t in ("del", "moveFrom", "delText", "pPr", "rPr", "instrText", "fldData", "footnoteReference",
                            "commentReference")} | {MC + "Fallback"}
_GRAPHICS = {W + "drawing", W + "pict", W + "object", MC + "AlternateContent"}
"""Run children that can hold a text box (DrawingML, VML, an OLE object's shape, or either behind a choice)."""
_ALIGN: dict[str, Align] = {"center": "center", "right": "right", "end": "right", "left": "left", "start": "left",
          "both": "justify", "distribute": "justify"}


def _on(el: etree._Element | None) -> bool:
    """A WordprocessingML toggle property: present and not switched off."""
    return el is not None and el.get(W + "val", "true").lower() not in ("0", "false", "off", "none")


@dataclass(frozen=True)
class _Styles:
    """The slice of styles.xml that changes what a reader sees."""

    num_pr: dict[str, tuple[str, int]] = field(default_factory=dict)
    bold: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def from_xml(cls, root: etree._Element | None) -> _Styles:
        styles = cls()
        if root is None:
            return styles
        based_on: dict[str, str] = {}
        own_num: dict[str, tuple[str, int]] = {}
        own_bold: dict[str, bool] = {}
        for style in root.iterfind("w:style", NS):
            sid = style.get(W + "styleId", "")
            base = style.find("w:basedOn", NS)
            if base is not None:
                based_on[sid] = base.get(W + "val", "")
            num = style.find("w:pPr/w:numPr", NS)
            if num is not None:
                num_id = num.find("w:numId", NS)
                ilvl = num.find("w:ilvl", NS)
                own_num[sid] = (num_id.get(W + "val", "0") if num_id is not None else "0",
                                int(ilvl.get(W + "val", "0")) if ilvl is not None else 0)
            b = style.find("w:rPr/w:b", NS)
            if b is not None:
                own_bold[sid] = _on(b)
        for sid in {s.get(W + "styleId", "") for s in root.iterfind("w:style", NS)}:
            chain, cur = [], sid
            while cur and cur not in chain:
                chain.append(cur)
                cur = based_on.get(cur, "")
            styles.num_pr[sid] = next((own_num[s] for s in chain if s in own_num), ("0", 0))
            styles.bold[sid] = next((own_bold[s] for s in chain if s in own_bold), False)
        return styles


@functools.lru_cache(maxsize=8)
def _styles_of(data: bytes, name: str) -> _Styles:
    """A styles part read once per process: the notices of one office are made
    from one template, whose styles part (Word's is some 350 KB of latent
    styles) costs a fifth of a notice's reading each time it is parsed.
    Callers only read the result."""
    return _Styles.from_xml(parse_xml(data, name, CORRUPT_CODE, FORMAT_NAME))


class _Reader:
    def __init__(self, numbering: Numbering, styles: _Styles) -> None:
        self.numbering = numbering
        self.styles = styles
        self.run_bold: dict[etree._Element, list[bool | None]] = {}
        """Each paragraph's run bold toggles as :meth:`paragraphs` read them, so
        that a cell's boldness (:meth:`_cell_bold`) does not walk its runs again."""

    # -- block level -------------------------------------------------------
    def blocks(self, container: etree._Element) -> Iterator[Block]:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                yield from self.paragraphs(child)
            elif tag == W + "tbl":
                yield self.table(child)
            elif tag in (W + "sdt",):
                content = child.find("w:sdtContent", NS)
                if content is not None:
                    yield from self.blocks(content)
            elif tag in (W + "customXml", W + "ins", MC + "AlternateContent", MC + "Choice"):
                yield from self.blocks(child)

    def paragraphs(self, p: etree._Element) -> Iterator[Paragraph]:
        """The paragraph itself, then the paragraphs of any text boxes it anchors."""
        boxes: list[etree._Element] = []
        text, runs_bold = self._runs(p, boxes)
        self.run_bold[p] = runs_bold
        ppr = p.find("w:pPr", NS)
        style = None
        label = ""
        if ppr is not None:
            pstyle = ppr.find("w:pStyle", NS)
            style = pstyle.get(W + "val") if pstyle is not None else None
            num_id, ilvl = self.styles.num_pr.get(style or "", ("0", 0))
            num = ppr.find("w:numPr", NS)
            if num is not None:
                nid = num.find("w:numId", NS)
                lvl = num.find("w:ilvl", NS)
                num_id = nid.get(W + "val", num_id) if nid is not None else num_id
                ilvl = int(lvl.get(W + "val", "0")) if lvl is not None else ilvl
            if num_id != "0":
                label = self.numbering.render(num_id, ilvl)
        text = cjk.repair(label + text)
        if text:
            jc = ppr.find("w:jc", NS) if ppr is not None else None
            style_bold = self.styles.bold.get(style or "", False)
            yield Paragraph(
                text=text,
                bold=all(b if b is not None else style_bold for b in runs_bold) if runs_bold else style_bold,
                align=_ALIGN.get(jc.get(W + "val", "")) if jc is not None else None,
                style=style,
            )
        for box in boxes:
            for block in self.blocks(box):
                if isinstance(block, Paragraph):
                    yield block

    def _runs(self, p: etree._Element, boxes: list[etree._Element]) -> tuple[str, list[bool | None]]:
        """Visible text of a paragraph and, per non-empty run, its bold toggle."""
        parts: list[str] = []
        bold: list[bool | None] = []

        def walk(el: etree._Element) -> None:
            for child in el:
                tag = child.tag
                if not isinstance(tag, str) or tag in _SKIPPED:
                    continue
                if tag == W + "txbxContent":
                    boxes.append(child)
                elif tag == W + "r":
                    run_text, graphic = _run_text(child)
                    if run_text.strip():
                        b = child.find("w:rPr/w:b", NS)
                        bold.append(_on(b) if b is not None else None)
                    parts.append(run_text)
                    if graphic:
                        walk_drawings(child)
                elif tag == W + "sdt":
                    content = child.find("w:sdtContent", NS)
                    if content is not None:
                        walk(content)
                elif tag in _TRANSPARENT or tag in (MC + "AlternateContent", MC + "Choice"):
                    walk(child)

        def walk_drawings(run: etree._Element) -> None:
            boxes.extend(box for box in run.iterfind(".//w:txbxContent", NS)
                         if not any(anc.tag == MC + "Fallback" for anc in box.iterancestors()))

        walk(p)
        return "".join(parts), bold

    # -- tables ------------------------------------------------------------
    def table(self, tbl: etree._Element) -> Table:
        grid_cols = len(tbl.findall("w:tblGrid/w:gridCol", NS))
        cells: list[_Origin] = []
        rows_meta: list[bool] = []
        nested: list[Table] = []
        open_by_col: dict[int, _Origin] = {}
        n_cols = grid_cols
        for r, tr in enumerate(_children(tbl, "tr")):
            trpr = tr.find("w:trPr", NS)
            rows_meta.append(_on(trpr.find("w:tblHeader", NS)) if trpr is not None else False)
            before = trpr.find("w:gridBefore", NS) if trpr is not None else None
            col = int(before.get(W + "val", "0")) if before is not None else 0
            for tc in _children(tr, "tc"):
                tcpr = tc.find("w:tcPr", NS)
                span_el = tcpr.find("w:gridSpan", NS) if tcpr is not None else None
                span = max(1, int(span_el.get(W + "val", "1"))) if span_el is not None else 1
                vmerge = tcpr.find("w:vMerge", NS) if tcpr is not None else None
                continues = vmerge is not None and vmerge.get(W + "val", "continue") == "continue"
                origin = open_by_col.get(col)
                if continues and origin is not None and origin.cell.col_span == span:
                    origin.row_span = r - origin.cell.row + 1
                else:
                    text, inner = self._cell_content(tc)
                    nested.extend(inner)
                    cell = _Origin(Cell(text=text, row=r, col=col, col_span=span, bold=self._cell_bold(tc)))
                    cells.append(cell)
                    open_by_col[col] = cell
                    for c in range(col + 1, col + span):
                        open_by_col.pop(c, None)
                col += span
            n_cols = max(n_cols, col)
        by_row: list[list[Cell]] = [[] for _ in rows_meta]
        for o in cells:
            by_row[o.cell.row].append(o.spanned())
        rows = tuple(Row(cells=tuple(row), is_header=header) for row, header in zip(by_row, rows_meta, strict=True))
        return Table(rows=rows, n_cols=n_cols, nested=tuple(nested))

    def _cell_content(self, tc: etree._Element) -> tuple[str, list[Table]]:
        lines: list[str] = []
        inner: list[Table] = []
        for block in self.blocks(tc):
            if isinstance(block, Paragraph):
                lines.append(block.text)
            else:
                inner.append(block)
        return "\n".join(lines), inner

    def _cell_bold(self, tc: etree._Element) -> bool | None:
        flags = [b for p in tc.iterfind(".//w:p", NS)
                 for b in (self.run_bold[p] if p in self.run_bold else self._runs(p, [])[1])]
        return all(bool(b) for b in flags) if flags else None


@dataclass
class _Origin:
    """A cell being read, whose row span grows while w:vMerge continues it below."""

    cell: Cell
    row_span: int = 1

    def spanned(self) -> Cell:
        return self.cell if self.row_span == self.cell.row_span else replace(self.cell, row_span=self.row_span)


def _children(el: etree._Element, local: str) -> Iterator[etree._Element]:
    """Children named *local*, looking through sdt/customXml wrappers."""
    for child in el:
        if child.tag == W + local:
            yield child
        elif child.tag == W + "sdt":
            content = child.find("w:sdtContent", NS)
            if content is not None:
                yield from _children(content, local)
        elif child.tag in (W + "customXml", W + "ins"):
            yield from _children(child, local)


def _run_text(run: etree._Element) -> tuple[str, bool]:
    """A run's text, and whether it holds a graphic that may anchor text boxes
    (only then is it searched for them: most runs hold text alone)."""
    out: list[str] = []
    graphic = False
    for child in run:
        tag = child.tag
        if tag in _GRAPHICS:
            graphic = True
        elif tag == W + "t":
            out.append(child.text or "")
        elif tag == W + "tab" or tag == W + "ptab":
            out.append(" ")
        elif tag in (W + "br", W + "cr"):
            if child.get(W + "type") not in ("page", "column"):
                out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == W + "sym":
            code = child.get(W + "char", "")
            with contextlib.suppress(ValueError):  # a w:char that is no hex code point adds nothing
                out.append(chr(int(code, 16)))
    return "".join(out), graphic


def extract_docx(data: bytes) -> Document:
    """Read a DOCX file's bytes into the document model."""
    package = Package(data)
    main = package.main_document()
    root = package.xml(main)
    body = root.find("w:body", NS)
    if body is None:
        raise ExtractionError("corrupt_docx", f"{main} has no w:body")
    numbering_part = package.related(main, REL_NUMBERING)
    styles_part = package.related(main, REL_STYLES)
    reader = _Reader(
        Numbering.from_xml(package.xml(numbering_part) if numbering_part else None),
        _styles_of(package.read(styles_part), styles_part) if styles_part else _Styles(),
    )
    return Document(blocks=list(reader.blocks(body)), source_format="docx")
