"""PDF → :class:`PageLayout` pages, on pdfplumber (pdfminer's geometry), for
the shared layout stage (:mod:`extractors.layout`).

This module only says where glyphs and ruling segments come from: pdfminer's
characters become :class:`Glyph` values with their em boxes, pdfplumber's
edges (stroked lines, rectangle sides, curve pieces) become :class:`Segment`
values. Everything a notice needs beyond that (lines, paragraphs, ruled tables
stitched across pages, fake-bold doubles, page furniture) is the layout
stage's. A page without a usable text layer (a scan) is rendered with
pypdfium2 and read by OCR (:mod:`extractors.ocr`) as the run's OCR mode says;
a PDF with no text at all, even after OCR, is ``no_text_layer``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pdfplumber
from pdfminer.cmapdb import CMapDB
from pdfminer.pdfdocument import PDFEncryptionError
from pdfplumber.utils.exceptions import PdfminerException

from extractors.layout import Glyph, PageLayout, Segment
from extractors.model import Document, ExtractionError
from extractors.ocr import layout_with_ocr
from extractors.ocr.render import PdfRenderer
from extractors.ocr_modes import OcrMode
from extractors.pdf_sample import tiny_pdf

CJK_CMAPS = ("UniGB-UCS2-H", "GBK-EUC-H", "UniGB-UTF16-H")
"""Simplified-Chinese CMaps pdfminer loads for CID fonts without a ToUnicode map."""


def load_cjk_cmaps() -> None:
    """Unpickle the CJK CMaps now (pdfminer caches them per process), so that
    the batch's forkserver holds them before it forks workers."""
    for name in CJK_CMAPS:
        CMapDB.get_cmap(name)
    CMapDB.get_unicode_map("Adobe-GB1", vertical=False)


def glyph(char: dict[str, Any]) -> Glyph:
    """A pdfplumber character as a glyph; its box is pdfminer's em box."""
    colour = char.get("non_stroking_color")
    return Glyph(
        text=char["text"], x0=char["x0"], top=char["top"], x1=char["x1"], bottom=char["bottom"],
        fontname=char.get("fontname", ""), size=char["size"], upright=char["upright"],
        colour=tuple(colour) if isinstance(colour, (tuple, list)) and all(
            isinstance(c, (int, float)) for c in colour) else None,
    )


def segment(edge: dict[str, Any]) -> Segment | None:
    """A pdfplumber edge as a segment; None for a slanted curve piece, which
    no table ruling is. (pdfplumber calls any line that is not horizontal
    ``v``; such a line is kept as it is, as pdfplumber's own table finder
    keeps it.)"""
    orientation = edge["orientation"]
    if orientation not in ("h", "v"):
        return None
    return Segment(x0=edge["x0"], top=edge["top"], x1=edge["x1"], bottom=edge["bottom"],
                   orientation=orientation, width=edge.get("linewidth") or 0.0)


def page_layout(page: pdfplumber.page.Page, number: int) -> PageLayout:
    return PageLayout(
        number=number,
        width=float(page.width),
        height=float(page.height),
        glyphs=[glyph(c) for c in page.chars],
        segments=[s for e in page.edges if (s := segment(e)) is not None],
        images=[(i["x0"], i["top"], i["x1"], i["bottom"]) for i in page.images],
    )


def _pages(data: bytes) -> Iterator[PageLayout]:
    """Each page in turn, closed once the layout stage has taken it; pdfminer
    failures become the documented codes."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                try:
                    yield page_layout(page, number)
                finally:
                    page.close()
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFEncryptionError):
            raise ExtractionError("encrypted", f"cannot open encrypted PDF: {cause!r}") from exc
        raise ExtractionError("corrupt_pdf", f"cannot parse PDF: {cause!r}") from exc
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, EOFError, OSError) as exc:
        raise ExtractionError("corrupt_pdf", f"cannot parse PDF: {exc!r}") from exc


def warm_up() -> None:
    """What a first PDF costs this reader, paid once (in the batch's forkserver, :mod:`pipeline.run.warm`)."""
    load_cjk_cmaps()
    extract_pdf(tiny_pdf(), ocr="never")


def extract_pdf(data: bytes, ocr: OcrMode = "auto") -> Document:
    """Read a PDF file's bytes into the document model with pdfminer; pages
    without a usable text layer are recognised as *ocr* says."""
    return layout_with_ocr(_pages(data), PdfRenderer(data), ocr, source_format="pdf")
